/*
 * dedup-baseline.c: the simple duplicate finder "hotich dedup" is measured
 * against: two entries are duplicates when their names, case-folded, and
 * their dates are exactly the same.
 *
 *	dedup-baseline NAME-KEY DATE-KEY [FILE]
 *
 * reads "hotich export" CSV (the id first, then field keys) and prints
 * every pair of ids whose NAME-KEY values folded with utf8_fold and
 * whose DATE-KEY values are equal and not empty, as "ID_A TAB ID_B TAB
 * 1.000 TAB baseline", ID_A < ID_B, like "hotich dedup --format tsv".
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "utf8.h"
#include "xmalloc.h"

struct entry {
	char		*key;		/* folded name, TAB, date */
	uint64_t	 id;
};

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry	*x = a, *y = b;
	int			 c = strcmp(x->key, y->key);

	if (c != 0)
		return (c);
	return (x->id < y->id ? -1 : x->id > y->id);
}

int
main(int argc, char **argv)
{
	struct csv_reader	*cr;
	struct entry		*v = NULL;
	FILE			*in = stdin;
	char			**fields, *cause, *fold;
	size_t			 n, nv = 0, cap = 0, i, j, end;
	int			 r, name = -1, date = -1, id = -1, first = 1;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: dedup-baseline NAME-KEY DATE-KEY "
		    "[FILE]\n");
		return (2);
	}
	if (argc == 4 && (in = fopen(argv[3], "r")) == NULL) {
		perror(argv[3]);
		return (1);
	}
	cr = csv_reader_new(in, argc == 4 ? argv[3] : "stdin", 0);
	while ((r = csv_read(cr, &fields, &n, &cause)) != 0) {
		if (r == -1) {
			fprintf(stderr, "%s\n", cause);
			free(cause);
			continue;
		}
		if (first) {
			for (i = 0; i < n; i++) {
				if (strcmp(fields[i], "id") == 0)
					id = (int)i;
				else if (strcmp(fields[i], argv[1]) == 0)
					name = (int)i;
				else if (strcmp(fields[i], argv[2]) == 0)
					date = (int)i;
			}
			if (id == -1 || name == -1 || date == -1) {
				fprintf(stderr, "dedup-baseline: no id, %s or "
				    "%s column\n", argv[1], argv[2]);
				return (1);
			}
			first = 0;
			continue;
		}
		if ((size_t)name >= n || (size_t)date >= n ||
		    *fields[name] == '\0' || *fields[date] == '\0' ||
		    (fold = utf8_fold(fields[name])) == NULL)
			continue;
		if (nv == cap) {
			cap = cap == 0 ? 4096 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		xasprintf(&v[nv].key, "%s\t%s", fold, fields[date]);
		v[nv++].id = strtoull(fields[id], NULL, 10);
		free(fold);
	}
	csv_reader_free(cr);
	qsort(v, nv, sizeof *v, entry_cmp);
	for (i = 0; i < nv; i = end) {
		for (end = i + 1; end < nv && strcmp(v[end].key, v[i].key) == 0;
		    end++)
			;
		for (j = i; j < end; j++)
			for (n = j + 1; n < end; n++)
				printf("%llu\t%llu\t1.000\tbaseline\n",
				    (unsigned long long)v[j].id,
				    (unsigned long long)v[n].id);
	}
	for (i = 0; i < nv; i++)
		free(v[i].key);
	free(v);
	return (fflush(stdout) == 0 ? 0 : 1);
}
