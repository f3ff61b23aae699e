/*
 * clock.c: the clocks of the benchmarks.
 */

#include "config.h"

#include <sys/resource.h>

#include <time.h>

#include "clock.h"

/* Seconds on a monotonic clock. */
double
bench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

/* Processor seconds this process has used, user and system. */
double
bench_cpu(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
}
