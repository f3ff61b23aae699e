/*
 * dedup-find.c: time the look-up of probable duplicates of one entry, as
 * the entry screens will do it while a clerk types (dedup_find: the
 * person index, then each candidate read and scored).
 *
 *	dedup-find DIR FORMS-DIR FORM [N]
 *
 * Reads N entries (default 2,000) spread evenly over the ids of database
 * DIR, then for each, as if it were being typed again (id 0), times
 * dedup_find. Prints the median, 90th and 99th percentiles and the
 * largest time, and the entries read and found on average.
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

static int
dbl_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

int
main(int argc, char **argv)
{
	struct formset		 fs;
	struct errlist		 el;
	struct store		*s;
	struct dedup_form	*df;
	struct dedup_cand	 cand[10];
	struct dedup_find_stats	 st;
	const struct form	*f;
	struct rec		*r;
	char			*cause;
	double			*t, t0, reads = 0, found = 0;
	struct rec		**recs;
	u_long			 count, i, n = 2000, done = 0, nrecs = 0;
	int			 k;

	i18n_init("en");
	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: dedup-find DIR FORMS-DIR FORM [N]\n");
		return (2);
	}
	if (argc == 5)
		n = strtoul(argv[4], NULL, 10);
	errlist_init(&el);
	formset_load(&fs, argv[2], &el);
	errlist_free(&el);
	if ((f = formset_find(&fs, argv[3])) == NULL) {
		fprintf(stderr, "dedup-find: no form %s\n", argv[3]);
		return (2);
	}
	if (store_open(&s, argv[1], 0, NULL, &fs, &cause) != 0) {
		fprintf(stderr, "dedup-find: %s\n", cause);
		return (3);
	}
	if ((count = store_count(s, &cause)) == 0 || n == 0) {
		fprintf(stderr, "dedup-find: no entries\n");
		return (3);
	}
	df = dedup_form_new(f);
	t = calloc(n, sizeof *t);
	recs = calloc(n, sizeof *recs);
	/* Read them all first: typing reads no record. */
	for (i = 0; i < n; i++) {
		if (store_get(s, 1 + i * count / n, &r, &cause) != 0) {
			free(cause);
			continue;
		}
		if (strcmp(r->form, f->id) != 0) {
			rec_free(r);
			continue;
		}
		r->id = 0;
		recs[nrecs++] = r;
	}
	for (i = 0; i < nrecs; i++) {
		r = recs[i];
		t0 = bench_now();
		k = dedup_find(s, df, r, 0.5, cand, 10, &st, &cause);
		t[done] = bench_now() - t0;
		rec_free(r);
		if (k < 0) {
			fprintf(stderr, "dedup-find: %s\n", cause);
			return (3);
		}
		reads += st.read;
		found += k;
		done++;
	}
	if (done == 0) {
		fprintf(stderr, "dedup-find: no entries of form %s\n", f->id);
		return (3);
	}
	qsort(t, done, sizeof *t, dbl_cmp);
	printf("candidate look-up on %lu entries, %lu look-ups: median "
	    "%.3f ms, 90%% %.3f ms, 99%% %.3f ms, max %.3f ms; %.1f entries "
	    "read and %.2f found on average\n", count, done,
	    t[done / 2] * 1e3, t[done * 9 / 10] * 1e3, t[done * 99 / 100] * 1e3,
	    t[done - 1] * 1e3, reads / done, found / done);
	free(t);
	free(recs);
	dedup_form_free(df);
	store_close(s);
	formset_free(&fs);
	return (0);
}
