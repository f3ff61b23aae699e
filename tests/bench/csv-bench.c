/*
 * csv-bench.c: how fast the CSV reader and writer go.
 *
 *	csv-bench FILE
 *
 * Reads FILE with csv_read three times and reports the best time, then
 * writes every record read with csv_write to /dev/null. Prints megabytes
 * and records a second. Run by "make bench" on what gen makes; not part
 * of "make check".
 */

#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "csv.h"
#include "i18n.h"
#include "xmalloc.h"

/* Read f once; write each record to out if not NULL. */
static size_t
pass(FILE *f, const char *name, FILE *out, size_t *nfields)
{
	struct csv_reader	 *r;
	char			**fields, *cause;
	size_t			  n, records = 0;
	int			  rv;

	rewind(f);
	*nfields = 0;
	r = csv_reader_new(f, name, 0);
	while ((rv = csv_read(r, &fields, &n, &cause)) != 0) {
		if (rv < 0) {
			fprintf(stderr, "csv-bench: %s\n", cause);
			free(cause);
			continue;
		}
		records++;
		*nfields += n;
		if (out != NULL && csv_write(out, (const char *const *)fields,
		    n) != 0)
			fatalx("write: %s", strerror(errno));
	}
	csv_reader_free(r);
	return (records);
}

int
main(int argc, char **argv)
{
	struct stat	 sb;
	FILE		*f, *null;
	double		 t, best = 0, mb;
	size_t		 records = 0, nfields;
	int		 i;

	i18n_init("en");
	if (argc != 2) {
		fprintf(stderr, "usage: csv-bench FILE\n");
		return (2);
	}
	if ((f = fopen(argv[1], "r")) == NULL || fstat(fileno(f), &sb) != 0) {
		fprintf(stderr, "csv-bench: %s: %s\n", argv[1],
		    strerror(errno));
		return (1);
	}
	mb = (double)sb.st_size / 1e6;
	for (i = 0; i < 3; i++) {
		t = bench_now();
		records = pass(f, argv[1], NULL, &nfields);
		t = bench_now() - t;
		if (i == 0 || t < best)
			best = t;
	}
	printf("csv read:  %.1f MB, %zu records, %zu fields in %.3f s: "
	    "%.0f MB/s, %.0f records/s\n", mb, records, nfields, best,
	    mb / best, (double)records / best);

	if ((null = fopen("/dev/null", "w")) == NULL)
		fatalx("/dev/null: %s", strerror(errno));
	setvbuf(null, NULL, _IOFBF, 1 << 20);
	t = bench_now();
	pass(f, argv[1], null, &nfields);
	t = bench_now() - t;
	fclose(null);
	printf("csv read and write: %.3f s: %.0f MB/s\n", t, mb / t);
	fclose(f);
	return (0);
}
