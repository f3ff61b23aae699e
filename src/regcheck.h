/*
 * regcheck.h: check an entry's registration number against its book.
 *
 * The entry screen asks, when the clerk leaves the number field and on
 * save, whether the number is already used in the same office, register
 * type, year and book, whether numbers were skipped before it, whether
 * it goes back while the registration dates go forward, whether it
 * lies beyond the total of the book's closing note, and whether another
 * book of the same year uses it (the books of a year share one
 * numbering, which a book may start again). Each answer is a
 * warning: old books really do repeat and skip numbers (domain reference
 * section 2.4). No curses; the store is read through store.h.
 */
#ifndef REGCHECK_H
#define REGCHECK_H

#include <stddef.h>
#include <stdint.h>

#include "form.h"
#include "rec.h"
#include "store.h"

/*
 * The field in which a repeated number's reason is kept (the forms share
 * it from common-tail.inc; domain reference section 2.4), and the reason
 * that says the entry was typed twice.
 */
#define REGCHECK_REASON_FIELD	"ly_do_trung_so"
#define REGCHECK_TYPED_TWICE	"NHAP_TRUNG"

enum regcheck_kind {
	RC_REPEAT,		/* the number is used by another entry */
	RC_GAP,			/* numbers skipped before it */
	RC_BACKWARDS,		/* lower than the previous entry's, later date */
	RC_BEYOND_CLOSING,	/* beyond the total of the closing note */
	RC_OTHER_BOOK		/* used in another book of the same year */
};

struct regfinding {
	enum regcheck_kind	 kind;
	long			 number;	/* the number checked */
	long			 first;		/* GAP: the numbers skipped; */
	long			 last;		/*   BEYOND_CLOSING: last */
	uint64_t		 other;		/* REPEAT: the entry using the
						   number; BACKWARDS: the
						   previous entry */
	char			*message;	/* translated, for the clerk */
};

struct regfindings {
	struct regfinding	*v;
	size_t			 n;
};

/* A book's numbers, for reconciling it with its closing note. */
struct regbook {
	u_long		  entries;	/* entries with a number */
	long		  highest;	/* the highest number */
	long		  missing;	/* numbers in the gaps */
	size_t		  repeated;	/* numbers used more than once */
	char		**lines;	/* gaps, repeats, the closing note */
	uint64_t	 *ids;		/* per line: an entry of it, or 0 */
	size_t		  n;
};

void		 regcheck_init(struct regfindings *);
void		 regcheck_clear(struct regfindings *);
int		 regcheck(struct store *, const struct form *,
		    const struct rec *, const struct rec *,
		    struct regfindings *, char **);
const char	*regcheck_code(enum regcheck_kind);
int		 regcheck_book(struct store *, const struct form *,
		    const struct rec *, struct regbook *, char **);
void		 regcheck_book_free(struct regbook *);

#endif
