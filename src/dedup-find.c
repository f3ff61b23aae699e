/*
 * dedup-find.c: the stored entries that may be the person of one record.
 *
 * The store's person index (idx-person) holds, for each name of a form's
 * person key, the loose name and the date paired with it as digits
 * (idxkey.c): the entries of one name are in date order. Reading an
 * entry costs a page of the records, walking the index costs little, so
 * a look-up walks the index and reads only the entries that could score:
 *
 *   - Under the record's own name and year, the entries whose date agrees
 *     as the scoring counts it: the same date, the day and month swapped,
 *     the same month or year where one is written no further. With no
 *     counts of names, a name with another day of the same year is not
 *     evidence enough alone (see dedup.c). A name with no date in its key
 *     (none typed, or none paired with it by the form) reads the entries
 *     of the name that have none either.
 *   - Under a parent's name and year, all the entries if there are no
 *     more than DEDUP_FIND_KEY.
 *   - Any entry under two of the record's keys (its own name and a
 *     parent's, or both parents'), found by walking the index alone, at
 *     most DEDUP_FIND_WALK entries of a key. This walk is done only when
 *     a parent's key is too common to be read whole.
 *
 * No more than DEDUP_FIND_READ entries are read, those of the own name
 * and date first. Each entry of the same form is scored with dedup_score,
 * with no name counts (every name taken as an average one), and the best
 * are kept.
 *
 * dedup_find_other looks the same way in the store of another database
 * (hotich dedup --across): there r's id means nothing, and names count as
 * the caller counted them, so that a pair scores as the batch command
 * scores it.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dedup-find.h"
#include "idxkey.h"
#include "xmalloc.h"

#define PICK_STRONG	0x10000u	/* the own name with an agreeing date */
#define PICK_SMALL	0x20000u	/* under a key read whole */
#define PICK_KEYS	0x0ffffu	/* one bit per key the entry is under */

/* An entry the walks found, and why. */
struct pick {
	uint64_t	 id;
	u_int		 why;
};

struct finder {
	const struct dedup_form	*df;
	const struct dedup_freq	*fq;		/* name counts, or NULL */
	const struct dedup_prof	*p;
	const char		*form;
	uint64_t		 self;		/* r's own id, or 0 */
	int			 named;		/* only entries with a name */
	double			 min;
	struct dedup_cand	*out;
	size_t			 max, n;
	u_long			 read;

	struct pick		*picks;
	size_t			 npicks, cap;
};

/* What one walk of the index adds. */
struct walk {
	struct finder		*fd;
	u_int			 why;
	size_t			 exact;		/* a key's length, or 0: any */
	size_t			 n;		/* entries added */
};

static int
walk_one(const void *k, size_t len, uint64_t id, void *arg)
{
	struct walk	*w = arg;
	struct finder	*fd = w->fd;

	(void)k;
	if (w->exact != 0 && len != w->exact)
		return (1);
	if (w->n >= DEDUP_FIND_WALK)
		return (1);
	w->n++;
	if (id == fd->self)
		return (0);
	if (fd->npicks == fd->cap) {
		fd->cap = fd->cap == 0 ? 64 : fd->cap * 2;
		fd->picks = xreallocarray(fd->picks, fd->cap,
		    sizeof *fd->picks);
	}
	fd->picks[fd->npicks].id = id;
	fd->picks[fd->npicks].why = w->why;
	fd->npicks++;
	return (0);
}

/*
 * Add the entries whose key starts with the len bytes at k (or, if exact
 * is set, is exactly them), marked with why. Returns how many there were
 * (no more than DEDUP_FIND_WALK), or -1 with *cause set.
 */
static long
walk(struct store *s, struct finder *fd, const void *k, size_t len,
    int exact, u_int why, struct dedup_find_stats *st, char **cause)
{
	struct walk	w;

	w.fd = fd;
	w.why = why;
	w.exact = exact ? len : 0;
	w.n = 0;
	if (st != NULL)
		st->lookups++;
	if (store_index_walk(s, SI_PERSON, k, len, len, walk_one, &w,
	    cause) != 0)
		return (-1);
	return ((long)w.n);
}

/* Whether person key k (len bytes) has no date. */
static int
no_date(const void *k, size_t len)
{
	return (len == 0 || ((const u_char *)k)[len - 1] == '\0');
}

/*
 * Add the entries under the own name key k (len bytes, the year part
 * ylen of them) whose date agrees with the date typed: see the top of
 * the file. Returns 0, or -1 with *cause set.
 */
static int
walk_dates(struct store *s, struct finder *fd, const u_char *k, size_t len,
    size_t ylen, struct dedup_find_stats *st, char **cause)
{
	u_char	*q;
	size_t	 dlen = len - ylen;
	int	 rv = 0;

	if (no_date(k, len)) {
		/*
		 * Every entry of the name without a date either: the form
		 * may pair no date with the name.
		 */
		return (walk(s, fd, k, len, 1, PICK_STRONG, st, cause) < 0 ?
		    -1 : 0);
	}
	/* A year, or a month: any date within it (and the year alone). */
	if (dlen < 4)
		return (walk(s, fd, k, len, 0, PICK_STRONG, st, cause) < 0 ||
		    (dlen > 0 && walk(s, fd, k, ylen, 1, PICK_STRONG, st,
		    cause) < 0) ? -1 : 0);
	/*
	 * A full date: itself, its month alone, its year alone, the day and
	 * month swapped.
	 */
	if (walk(s, fd, k, len, 1, PICK_STRONG, st, cause) < 0 ||
	    walk(s, fd, k, ylen + 2, 1, PICK_STRONG, st, cause) < 0 ||
	    walk(s, fd, k, ylen, 1, PICK_STRONG, st, cause) < 0)
		return (-1);
	if (memcmp(k + ylen, k + ylen + 2, 2) != 0 &&
	    (k[ylen + 2] == '0' || (k[ylen + 2] == '1' &&
	    k[ylen + 3] <= '2'))) {
		q = xmalloc(len);
		memcpy(q, k, ylen);
		memcpy(q + ylen, k + ylen + 2, 2);
		memcpy(q + ylen + 2, k + ylen, 2);
		rv = walk(s, fd, q, len, 1, PICK_STRONG, st, cause) < 0 ?
		    -1 : 0;
		free(q);
	}
	return (rv);
}

static int
pick_cmp(const void *a, const void *b)
{
	const struct pick	*x = a, *y = b;

	return (x->id < y->id ? -1 : x->id > y->id);
}

/* Own name and date first, then entries under two keys, then the rest. */
static int
pick_order(const void *a, const void *b)
{
	const struct pick	*x = a, *y = b;
	int			 rx, ry;

	rx = (x->why & PICK_STRONG) ? 0 : (x->why & PICK_SMALL) ? 2 : 1;
	ry = (y->why & PICK_STRONG) ? 0 : (y->why & PICK_SMALL) ? 2 : 1;
	if (rx != ry)
		return (rx - ry);
	return (pick_cmp(a, b));
}

/* Merge the picks of one entry; keep those worth reading. */
static void
pick_worth(struct finder *fd)
{
	struct pick	*p = fd->picks;
	size_t		 i, j, n = 0;
	u_int		 why, keys;

	if (fd->npicks == 0)
		return;
	qsort(p, fd->npicks, sizeof *p, pick_cmp);
	for (i = 0; i < fd->npicks; i = j) {
		why = 0;
		for (j = i; j < fd->npicks && p[j].id == p[i].id; j++)
			why |= p[j].why;
		keys = why & PICK_KEYS;
		if ((why & (PICK_STRONG | PICK_SMALL)) == 0 &&
		    (keys & (keys - 1)) == 0)
			continue;	/* under one key, and a big one */
		p[n].id = p[i].id;
		p[n].why = why;
		n++;
	}
	fd->npicks = n;
	qsort(p, n, sizeof *p, pick_order);
}

/* Read and score entry id; keep it if it is among the best. */
static int
score_one(struct store *s, struct finder *fd, uint64_t id, char **cause)
{
	struct rec		*r;
	struct dedup_prof	*q;
	struct dedup_why	 why;
	double			 sc;
	size_t			 i;

	switch (store_get(s, id, &r, cause)) {
	case 0:
		break;
	case 1:
		return (0);	/* deleted since the walk */
	default:
		return (-1);
	}
	fd->read++;
	if (strcmp(r->form, fd->form) != 0 || r->state == RS_DRAFT) {
		rec_free(r);
		return (0);
	}
	q = dedup_profile(fd->df, r);
	rec_free(r);
	if (fd->named && q->name[0].loose == NULL) {
		dedup_prof_free(q);
		return (0);
	}
	sc = dedup_score(fd->df, fd->fq, fd->p, q, &why);
	dedup_prof_free(q);
	if (sc < fd->min || fd->max == 0)
		return (0);
	/* Keep the best max, best first. */
	if (fd->n == fd->max && sc <= fd->out[fd->n - 1].score)
		return (0);
	i = fd->n < fd->max ? fd->n++ : fd->n - 1;
	while (i > 0 && fd->out[i - 1].score < sc) {
		fd->out[i] = fd->out[i - 1];
		i--;
	}
	fd->out[i].id = id;
	fd->out[i].score = sc;
	fd->out[i].why = why;
	return (0);
}

/*
 * Walk the index for the keys of r (n keys, lens): see the top of the
 * file. own is set if the first key is r's own name. Returns 0, or -1
 * with *cause set.
 */
static int
walk_keys(struct store *s, struct finder *fd, void **keys, size_t *lens,
    size_t n, int own, struct dedup_find_stats *st, char **cause)
{
	size_t	 i, ylen, from;
	long	 got;
	int	 big = 0;

	if (n > 16)
		n = 16;		/* PICK_KEYS */
	if (own && n > 0) {
		ylen = idxkey_person_year(keys[0], lens[0]);
		if (walk_dates(s, fd, keys[0], lens[0], ylen, st, cause) != 0)
			return (-1);
	}
	for (i = own ? 1 : 0; i < n; i++) {
		ylen = idxkey_person_year(keys[i], lens[i]);
		from = fd->npicks;
		if ((got = walk(s, fd, keys[i], ylen, no_date(keys[i],
		    lens[i]), 1u << i, st, cause)) < 0)
			return (-1);
		if (got > DEDUP_FIND_KEY) {
			big = 1;
			continue;
		}
		for (; from < fd->npicks; from++)
			fd->picks[from].why |= PICK_SMALL;
	}
	if (big && own && n > 0) {
		/* The own name's other dates, to meet a common parent. */
		ylen = idxkey_person_year(keys[0], lens[0]);
		if (walk(s, fd, keys[0], ylen, no_date(keys[0], lens[0]), 1u,
		    st, cause) < 0)
			return (-1);
	}
	return (0);
}

/*
 * The look-up of dedup_find and dedup_find_other: self is r's id in s (0:
 * none), fq the name counts (NULL: none), named set if only entries with
 * the person's own name are wanted.
 */
static int
find(struct store *s, const struct dedup_form *df, const struct dedup_freq *fq,
    const struct rec *r, uint64_t self, int named, double min,
    struct dedup_cand *out, size_t max, struct dedup_find_stats *st,
    char **cause)
{
	struct finder		 fd;
	struct dedup_prof	*p;
	void			**keys;
	size_t			*lens, n, i;
	int			 rv;

	if (st != NULL)
		memset(st, 0, sizeof *st);
	p = dedup_profile(df, r);
	if (p->exempt != DX_NONE || (named && p->name[0].loose == NULL)) {
		dedup_prof_free(p);
		return (0);
	}
	memset(&fd, 0, sizeof fd);
	fd.df = df;
	fd.fq = fq;
	fd.p = p;
	fd.form = dedup_form_form(df)->id;
	fd.self = self;
	fd.named = named;
	fd.min = min;
	fd.out = out;
	fd.max = max;

	store_index_keys(s, SI_PERSON, r, &keys, &lens, &n);
	rv = walk_keys(s, &fd, keys, lens, n, p->name[0].loose != NULL, st,
	    cause);
	if (rv == 0) {
		pick_worth(&fd);
		for (i = 0; i < fd.npicks && fd.read < DEDUP_FIND_READ &&
		    rv == 0; i++)
			rv = score_one(s, &fd, fd.picks[i].id, cause);
	}
	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(lens);
	free(fd.picks);
	dedup_prof_free(p);
	if (st != NULL)
		st->read = fd.read;
	return (rv == 0 ? (int)fd.n : -1);
}

/*
 * Put into out (room for max) the stored entries that may be the person
 * of record r, of the form of df, scoring at least min, best first; r may
 * be an entry being typed (id 0) or a stored one, which is not its own
 * candidate. An exempt record has none. st, if not NULL, gets what the
 * look-up did. Returns how many were put, or -1 with *cause set.
 */
int
dedup_find(struct store *s, const struct dedup_form *df, const struct rec *r,
    double min, struct dedup_cand *out, size_t max,
    struct dedup_find_stats *st, char **cause)
{
	return (find(s, df, NULL, r, r->id, 0, min, out, max, st, cause));
}

/*
 * As dedup_find, for a record r of another database (its id is not an id
 * of s): put into out (room for max) the entries of s that may be its
 * person, scoring at least min, best first, the names weighed by fq (the
 * counts of the form's names over every database compared; NULL: every
 * name as common as an average one). As the batch command pairs entries,
 * an entry without the person's own name is never paired, nor is r if it
 * has none. Returns how many were put, or -1 with *cause set.
 */
int
dedup_find_other(struct store *s, const struct dedup_form *df,
    const struct dedup_freq *fq, const struct rec *r, double min,
    struct dedup_cand *out, size_t max, struct dedup_find_stats *st,
    char **cause)
{
	return (find(s, df, fq, r, 0, 1, min, out, max, st, cause));
}

/*
 * Flag the pair of stored entries a and b (of the form of df, scoring
 * score for the reasons why) as open for the review screen, under user,
 * unless it was flagged or decided before: a pair decided is never
 * flagged again. Returns 1 if flagged, 0 if it was there, or -1 with
 * *cause set.
 */
int
dedup_flag_pair(struct store *s, const struct dedup_form *df, uint64_t a,
    uint64_t b, double score, const struct dedup_why *why, const char *user,
    char **cause)
{
	struct store_pair	 sp, *old;
	int			 rv;

	if (store_pair_get(s, a, b, &old, cause) != 0)
		return (-1);
	if (old != NULL) {
		store_pair_free(old);
		return (0);
	}
	memset(&sp, 0, sizeof sp);
	sp.a = a < b ? a : b;
	sp.b = a < b ? b : a;
	sp.decision = (char *)PAIR_OPEN;
	sp.score = score;
	sp.reason = dedup_reason(df, why, 0);
	rv = store_pair_put(s, &sp, user, cause);
	free(sp.reason);
	return (rv != 0 ? -1 : 1);
}
