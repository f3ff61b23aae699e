/*
 * ledit.h: the text of one field being edited, with its cursor, and the
 * Vietnamese input method typing into it.
 *
 * The field editor of the entry screen keeps its text here as code
 * points, so that the cursor moves by letters and the screen can measure
 * cells; the input method's edits ("delete n letters before the cursor,
 * insert this") are applied here. Values go in and come out as NFC
 * UTF-8. No curses here: the tests drive it directly.
 */
#ifndef LEDIT_H
#define LEDIT_H

#include <stddef.h>
#include <stdint.h>

struct ime;

struct ledit {
	uint32_t	*v;		/* the letters, not NUL-terminated */
	size_t		 n;
	size_t		 size;
	size_t		 cur;		/* cursor: 0..n */
	size_t		 max;		/* most letters accepted; 0: any */
	struct ime	*ime;		/* typing through it, or NULL */
	int		 changed;	/* since ledit_set */
};

void	 ledit_init(struct ledit *, size_t);
void	 ledit_free(struct ledit *);
void	 ledit_set(struct ledit *, const char *);
char	*ledit_text(const struct ledit *);
void	 ledit_set_ime(struct ledit *, struct ime *);
int	 ledit_key(struct ledit *, uint32_t);
void	 ledit_backspace(struct ledit *);
void	 ledit_delete(struct ledit *);
void	 ledit_commit(struct ledit *);
void	 ledit_move(struct ledit *, size_t);
void	 ledit_clear(struct ledit *);
int	 ledit_full(const struct ledit *);

#endif
