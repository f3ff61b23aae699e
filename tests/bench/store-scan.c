/*
 * store-scan.c: time a full scan of a hotich database: every record read
 * and decoded (store_scan), as export and check do, writing nothing.
 *
 *	store-scan DIR [FORM]
 *
 * Prints the records seen, the elapsed and processor time and the rate.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "clock.h"
#include "i18n.h"
#include "rec.h"
#include "store.h"

static int
count_cb(const struct rec *r, void *arg)
{
	(void)r;
	(*(u_long *)arg)++;
	return (0);
}

int
main(int argc, char **argv)
{
	struct store	*s;
	char		*cause;
	u_long		 n = 0;
	double		 t0, c0, t1, c1;

	i18n_init("en");
	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: store-scan DIR [FORM]\n");
		return (2);
	}
	if (store_open(&s, argv[1], 0, NULL, NULL, &cause) != 0) {
		fprintf(stderr, "store-scan: %s\n", cause);
		return (3);
	}
	t0 = bench_now();
	c0 = bench_cpu();
	if (store_scan(s, argc == 3 ? argv[2] : NULL, count_cb, &n,
	    &cause) != 0) {
		fprintf(stderr, "store-scan: %s\n", cause);
		store_close(s);
		return (3);
	}
	t1 = bench_now();
	c1 = bench_cpu();
	printf("full scan: %lu records in %.2f s (%.2f s of processor): "
	    "%.0f records/s\n", n, t1 - t0, c1 - c0, n / (t1 - t0));
	store_close(s);
	return (0);
}
