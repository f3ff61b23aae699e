/*
 * idxkey.h: the keys of the store's secondary indexes.
 *
 * What a record gives each index is a function of the record and its
 * form alone. The store builds them in Berkeley DB's index callbacks and
 * in its checks; the store benchmark builds the same bytes for its bare
 * put loop, without linking the store.
 */
#ifndef IDXKEY_H
#define IDXKEY_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

#include "form.h"
#include "rec.h"

/*
 * The birth date of a person key: the year as four digits, then the month
 * and the day as two each where they are written.
 */
#define IDXKEY_YEAR_LEN	4
#define IDXKEY_DATE_MAX	8

#define IDXKEY_DAY_LEN	4	/* an idx-regdate key */
#define IDXKEY_NUMBER_LEN 4	/* the number ending an idx-regno key */
#define IDXKEY_TIME_LEN	8	/* an idx-entered key */

/* The field whose date idx-regdate holds (and the number checks read). */
#define IDXKEY_REGDATE	"ngay_dang_ky"

/*
 * The secondary indexes. Changing what any of them holds means raising
 * STORE_INDEX_VERSION in store.c, so old databases rebuild them.
 */
enum store_index {
	SI_REGNO,	/* book key, then the number as 4 bytes big-endian */
	SI_PERSON,	/* loose name key, NUL, birth date digits or "" */
	SI_REGDATE,	/* registration date: day number, 4 bytes BE */
	SI_ENTERED,	/* entry time: seconds, 8 bytes BE */
	SI_BOOK,	/* book key: office NUL form NUL year(2 BE) book */
	SI_SAME,	/* book key hash, number, fingerprint: see idxkey.c */
	SI_STATUS,	/* form NUL field key, per value with a status */
	SI_COUNT
};

/* The parts of a book key (idx-book), pointing into the key. */
struct idxkey_book {
	const char	*office;	/* folded, NUL-terminated */
	const char	*form;		/* NUL-terminated */
	long		 year;
	const char	*book;		/* folded, booklen bytes */
	size_t		 booklen;
};

/*
 * The keys one record gives one index, one after another in buf, and
 * what the last keys were built from, so the office and the book are
 * folded once per run of records rather than once per record. Start it
 * zeroed; reuse it; free it with idxkeys_free.
 */
struct idxkeys {
	u_char		*buf;
	size_t		 len;
	size_t		 size;
	size_t		*off;		/* where key i starts */
	size_t		 n;		/* keys built */
	size_t		 cap;

	char		*fold_in[2];	/* the office and the book */
	char		*fold_out[2];	/*   and their folds */
};

void		 idxkeys_build(struct idxkeys *, enum store_index,
		    const struct rec *, const struct form *,
		    const uint8_t *);
const void	*idxkeys_get(const struct idxkeys *, size_t, size_t *);
void		 idxkeys_free(struct idxkeys *);
size_t		 idxkey_person_year(const void *, size_t);
void		 idxkey_day(long, u_char [IDXKEY_DAY_LEN]);
void		 idxkey_time(int64_t, u_char [IDXKEY_TIME_LEN]);
char		*idxkey_book(const struct rec *, const struct form *, size_t *);
int		 idxkey_book_parts(const void *, size_t, struct idxkey_book *);

#endif
