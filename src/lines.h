/*
 * lines.h: read a text file and walk it line by line.
 *
 * Shared by every line-oriented file format (forms, lookup lists,
 * keymaps). Tolerates what Windows editors leave behind: a UTF-8 byte
 * order mark and CR LF line ends.
 */
#ifndef LINES_H
#define LINES_H

#include <sys/types.h>
#include <stddef.h>

struct errlist;

struct lines {
	const char	*buf;
	size_t		 len;
	size_t		 off;
	u_int		 lineno;	/* of the line in .line, from 1 */
	char		*line;		/* NUL-terminated, no newline */
	const char	*bad;		/* first invalid UTF-8 byte, or NULL */
};

char	*lines_read_file(const char *, size_t *, char **);
char	*lines_load(const char *, size_t *, struct errlist *);
void	 lines_init(struct lines *, const char *, size_t);
int	 lines_next(struct lines *);
void	 lines_done(struct lines *);

#endif
