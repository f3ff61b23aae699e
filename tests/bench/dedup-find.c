/*
 * dedup-find.c: time the look-up of probable duplicates of one entry, as
 * the entry screens do it while a clerk types (dedup_find: walks of the
 * person index, then the entries worth it read and scored), against a
 * baseline in the same run: every entry under the record's person keys,
 * as far as name and year, read and scored (at most DEDUP_FIND_READ).
 *
 *	dedup-find DIR FORMS-DIR FORM [N [LIST]]
 *
 * Reads N entries (default 2,000; 0 for all) spread evenly over the ids
 * of database DIR, then for each, as if it were being typed again (id 0),
 * times both. Prints for each the median, 90th and 99th percentiles and
 * the largest time, and the entries read and found on average. With
 * LIST, writes there a line for each look-up of dedup_find: the entry's
 * id, a tab and the ids of the other entries found, sorted (to compare
 * two versions of the look-up).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "dedup-find.h"
#include "errlist.h"
#include "form.h"
#include "i18n.h"
#include "rec.h"
#include "store.h"

#define CANDS	10

struct bench {
	struct store		*s;
	struct dedup_form	*df;
	const char		*form;
	struct rec		**recs;
	uint64_t		*ids;
	u_long			 n;
	double			*t;
	FILE			*list;
};

/* What the baseline's look-up of one record keeps. */
struct base {
	const struct bench	*b;
	struct dedup_prof	*p;
	uint64_t		*seen;
	size_t			 nseen;
	u_long			 read, found;
};

static int
dbl_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

static int
id_cmp(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y ? -1 : x > y);
}

/* A line of LIST: entry id, tab, the others found, sorted. */
static void
list_found(FILE *fp, uint64_t id, const struct dedup_cand *cand, int n)
{
	uint64_t	o[CANDS];
	int		i, m = 0;

	for (i = 0; i < n && m < CANDS; i++)
		if (cand[i].id != id)
			o[m++] = cand[i].id;
	qsort(o, m, sizeof *o, id_cmp);
	fprintf(fp, "%llu\t", (unsigned long long)id);
	for (i = 0; i < m; i++)
		fprintf(fp, "%s%llu", i ? "," : "", (unsigned long long)o[i]);
	fputc('\n', fp);
}

static int
base_one(const struct rec *r, void *arg)
{
	struct base		*ba = arg;
	struct dedup_prof	*q;
	size_t			 i;

	if (ba->read >= DEDUP_FIND_READ)
		return (1);
	for (i = 0; i < ba->nseen; i++)
		if (ba->seen[i] == r->id)
			return (0);
	ba->seen[ba->nseen++] = r->id;
	ba->read++;
	if (strcmp(r->form, ba->b->form) != 0)
		return (0);
	q = dedup_profile(ba->b->df, r);
	if (dedup_score(ba->b->df, NULL, ba->p, q, NULL) >= DEDUP_MIN_SCORE)
		ba->found++;
	dedup_prof_free(q);
	return (0);
}

/* The baseline look-up of r: the entries found, or -1. */
static int
baseline(const struct bench *b, const struct rec *r, u_long *read)
{
	struct base	 ba;
	void		**keys;
	size_t		*lens, n, i, ylen;
	char		*cause;
	int		 rv = 0;

	memset(&ba, 0, sizeof ba);
	ba.b = b;
	ba.p = dedup_profile(b->df, r);
	ba.seen = calloc(DEDUP_FIND_READ, sizeof *ba.seen);
	store_index_keys(b->s, SI_PERSON, r, &keys, &lens, &n);
	for (i = 0; i < n && rv == 0 && ba.read < DEDUP_FIND_READ; i++) {
		ylen = idxkey_person_year(keys[i], lens[i]);
		if ((rv = store_lookup(b->s, SI_PERSON, keys[i], ylen,
		    ((u_char *)keys[i])[ylen - 1] != '\0', base_one, &ba,
		    &cause)) != 0) {
			fprintf(stderr, "dedup-find: %s\n", cause);
			free(cause);
		}
	}
	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(lens);
	free(ba.seen);
	dedup_prof_free(ba.p);
	*read = ba.read;
	return (rv == 0 ? (int)ba.found : -1);
}

/* Time one look-up of every record; print a line named what. */
static int
run(struct bench *b, int base, const char *what, u_long count)
{
	struct dedup_cand	 cand[CANDS];
	struct dedup_find_stats	 st;
	double			 t0, reads = 0, found = 0;
	u_long			 i, read;
	char			*cause;
	int			 k;

	for (i = 0; i < b->n; i++) {
		t0 = bench_now();
		if (base)
			k = baseline(b, b->recs[i], &read);
		else {
			k = dedup_find(b->s, b->df, b->recs[i],
			    DEDUP_MIN_SCORE, cand, CANDS, &st, &cause);
			read = st.read;
		}
		b->t[i] = bench_now() - t0;
		if (k < 0) {
			if (!base)
				fprintf(stderr, "dedup-find: %s\n", cause);
			return (-1);
		}
		reads += read;
		found += k;
		if (!base && b->list != NULL)
			list_found(b->list, b->ids[i], cand, k);
	}
	qsort(b->t, b->n, sizeof *b->t, dbl_cmp);
	printf("%s on %lu entries, %lu look-ups: median %.3f ms, 90%% "
	    "%.3f ms, 99%% %.3f ms, max %.3f ms; %.1f entries read and %.2f "
	    "found on average\n", what, count, b->n, b->t[b->n / 2] * 1e3,
	    b->t[b->n * 9 / 10] * 1e3, b->t[b->n * 99 / 100] * 1e3,
	    b->t[b->n - 1] * 1e3, reads / b->n, found / b->n);
	return (0);
}

int
main(int argc, char **argv)
{
	struct formset		 fs;
	struct errlist		 el;
	struct bench		 b;
	const struct form	*f;
	struct rec		*r;
	char			*cause;
	u_long			 count, i, n = 2000;
	int			 rv = 0;

	i18n_init("en");
	if (argc < 4 || argc > 6) {
		fprintf(stderr, "usage: dedup-find DIR FORMS-DIR FORM "
		    "[N [LIST]]\n");
		return (2);
	}
	memset(&b, 0, sizeof b);
	if (argc >= 5)
		n = strtoul(argv[4], NULL, 10);
	if (argc == 6 && (b.list = fopen(argv[5], "w")) == NULL) {
		perror(argv[5]);
		return (2);
	}
	errlist_init(&el);
	formset_load(&fs, argv[2], &el);
	errlist_free(&el);
	if ((f = formset_find(&fs, argv[3])) == NULL) {
		fprintf(stderr, "dedup-find: no form %s\n", argv[3]);
		return (2);
	}
	if (store_open(&b.s, argv[1], 0, NULL, &fs, &cause) != 0) {
		fprintf(stderr, "dedup-find: %s\n", cause);
		return (3);
	}
	if ((count = store_count(b.s, &cause)) == 0) {
		fprintf(stderr, "dedup-find: no entries\n");
		return (3);
	}
	if (n == 0 || n > count)
		n = count;
	b.df = dedup_form_new(f);
	b.form = f->id;
	b.t = calloc(n, sizeof *b.t);
	b.recs = calloc(n, sizeof *b.recs);
	b.ids = calloc(n, sizeof *b.ids);
	/* Read them all first: typing reads no record. */
	for (i = 0; i < n; i++) {
		if (store_get(b.s, 1 + i * count / n, &r, &cause) != 0) {
			free(cause);
			continue;
		}
		if (strcmp(r->form, f->id) != 0) {
			rec_free(r);
			continue;
		}
		b.ids[b.n] = r->id;
		r->id = 0;
		b.recs[b.n++] = r;
	}
	if (b.n == 0) {
		fprintf(stderr, "dedup-find: no entries of form %s\n", f->id);
		return (3);
	}
	if (run(&b, 0, "candidate look-up", count) != 0 ||
	    run(&b, 1, "baseline, every namesake of the year", count) != 0)
		rv = 3;
	for (i = 0; i < b.n; i++)
		rec_free(b.recs[i]);
	free(b.t);
	free(b.recs);
	free(b.ids);
	if (b.list != NULL && fclose(b.list) != 0) {
		perror(argv[5]);
		rv = 2;
	}
	dedup_form_free(b.df);
	store_close(b.s);
	formset_free(&fs);
	return (rv);
}
