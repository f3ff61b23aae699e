/*
 * dedup-find.c: the stored entries that may be the person of one record.
 *
 * The store's person index (idx-person) holds, for each name of a form's
 * person key, the loose name with the birth year paired with it (see
 * idxkey.c). A look-up reads the entries under the record's own keys (its
 * name and birth year, its mother's name), but for a key other than the
 * first shared by more than DEDUP_FIND_KEY entries, and no more than
 * DEDUP_FIND_READ entries in all.
 * Each entry of the same form is scored with dedup_score, with no name
 * counts (every name taken as an average one), and the best are kept.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dedup-find.h"
#include "xmalloc.h"

struct finder {
	const struct dedup_form	*df;
	const struct dedup_prof	*p;
	const char		*form;
	uint64_t		 self;
	double			 min;
	struct dedup_cand	*out;
	size_t			 max, n;
	uint64_t		*seen;
	size_t			 nseen, seencap;
	u_long			 read;
};

static int
seen_before(struct finder *fd, uint64_t id)
{
	size_t	i;

	for (i = 0; i < fd->nseen; i++)
		if (fd->seen[i] == id)
			return (1);
	if (fd->nseen == fd->seencap) {
		fd->seencap = fd->seencap == 0 ? 32 : fd->seencap * 2;
		fd->seen = xreallocarray(fd->seen, fd->seencap,
		    sizeof *fd->seen);
	}
	fd->seen[fd->nseen++] = id;
	return (0);
}

static int
found_one(const struct rec *r, void *arg)
{
	struct finder		*fd = arg;
	struct dedup_prof	*q;
	struct dedup_why	 why;
	double			 s;
	size_t			 i;

	if (fd->read >= DEDUP_FIND_READ)
		return (1);
	if (r->id == fd->self || strcmp(r->form, fd->form) != 0 ||
	    r->state == RS_DRAFT || seen_before(fd, r->id))
		return (0);
	fd->read++;
	q = dedup_profile(fd->df, r);
	s = dedup_score(fd->df, NULL, fd->p, q, &why);
	dedup_prof_free(q);
	if (s < fd->min || fd->max == 0)
		return (0);
	/* Keep the best max, best first. */
	if (fd->n == fd->max && s <= fd->out[fd->n - 1].score)
		return (0);
	i = fd->n < fd->max ? fd->n++ : fd->n - 1;
	while (i > 0 && fd->out[i - 1].score < s) {
		fd->out[i] = fd->out[i - 1];
		i--;
	}
	fd->out[i].id = r->id;
	fd->out[i].score = s;
	fd->out[i].why = why;
	return (0);
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
	struct finder		 fd;
	struct dedup_prof	*p;
	void			**keys;
	size_t			*lens, n, i;
	u_long			 count;
	int			 rv = 0;

	if (st != NULL)
		memset(st, 0, sizeof *st);
	p = dedup_profile(df, r);
	if (p->exempt != DX_NONE) {
		dedup_prof_free(p);
		return (0);
	}
	memset(&fd, 0, sizeof fd);
	fd.df = df;
	fd.p = p;
	fd.form = dedup_form_form(df)->id;
	fd.self = r->id;
	fd.min = min;
	fd.out = out;
	fd.max = max;

	store_index_keys(s, SI_PERSON, r, &keys, &lens, &n);
	for (i = 0; i < n && rv == 0 && fd.read < DEDUP_FIND_READ; i++) {
		/*
		 * A key shared by too many entries (a common mother's name,
		 * with no year) is left to the others.
		 */
		if (i > 0 && (rv = store_index_count(s, SI_PERSON, keys[i],
		    lens[i], &count, cause)) == 0 && count > DEDUP_FIND_KEY)
			continue;
		if (rv != 0)
			break;
		if (st != NULL)
			st->lookups++;
		rv = store_lookup(s, SI_PERSON, keys[i], lens[i], 0,
		    found_one, &fd, cause);
	}
	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(lens);
	free(fd.seen);
	dedup_prof_free(p);
	if (st != NULL)
		st->read = fd.read;
	return (rv == 0 ? (int)fd.n : -1);
}
