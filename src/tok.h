/*
 * tok.h: split one line of a hotich text file into tokens.
 *
 * Form definitions and keymaps are line-oriented: a line is a list of bare
 * words, "quoted strings" and operator characters, and # starts a comment.
 * Columns are counted in characters from 1 so messages can point at them.
 */
#ifndef TOK_H
#define TOK_H

#include <sys/types.h>
#include <stddef.h>

enum tok_type {
	TOK_WORD,		/* letters, digits, _ - . */
	TOK_STRING,		/* "..." with \" \\ \n \t unescaped */
	TOK_OP			/* ( ) , = != < <= > >= */
};

struct token {
	enum tok_type	 type;
	char		*text;
	u_int		 col;
};

struct tokline {
	struct token	*v;
	size_t		 n;
};

int	 tok_split(const char *, struct tokline *, char **, u_int *);
void	 tok_free(struct tokline *);

#endif
