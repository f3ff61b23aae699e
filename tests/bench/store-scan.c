/*
 * store-scan.c: time a full scan of a hotich database: every record read
 * and decoded (store_scan), as export and check do, writing nothing.
 *
 *	store-scan DIR [FORM]
 *
 * Prints the records seen, the elapsed and processor time and the rate.
 */

#include "config.h"

#include <sys/resource.h>
#include <sys/time.h>

#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "rec.h"
#include "store.h"

static double
now(void)
{
	struct timeval	tv;

	gettimeofday(&tv, NULL);
	return (tv.tv_sec + tv.tv_usec / 1e6);
}

static double
cpu(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
}

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
	t0 = now();
	c0 = cpu();
	if (store_scan(s, argc == 3 ? argv[2] : NULL, count_cb, &n,
	    &cause) != 0) {
		fprintf(stderr, "store-scan: %s\n", cause);
		store_close(s);
		return (3);
	}
	t1 = now();
	c1 = cpu();
	printf("full scan: %lu records in %.2f s (%.2f s of processor): "
	    "%.0f records/s\n", n, t1 - t0, c1 - c0, n / (t1 - t0));
	store_close(s);
	return (0);
}
