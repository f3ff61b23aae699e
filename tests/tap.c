/*
 * tap.c: TAP output for the unit tests.
 *
 * Test numbers count up from 1; done_testing() prints the plan if none
 * was given and returns the exit status: 0 only if every test passed.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static int	tap_planned;
static int	tap_run;
static int	tap_failed;

/* Announce n tests. */
void
plan(int n)
{
	tap_planned = n;
	printf("1..%d\n", n);
	fflush(stdout);
}

static int
vok(int pass, const char *fmt, va_list ap)
{
	tap_run++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_run);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
	return (pass);
}

/* Pass if pass is true. */
int
ok(int pass, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vok(pass, fmt, ap);
	va_end(ap);
	return (pass);
}

/* Pass if got == want; show both if not. */
int
is_int(long got, long want, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vok(got == want, fmt, ap);
	va_end(ap);
	if (got != want)
		diag("got %ld, want %ld", got, want);
	return (got == want);
}

/* Pass if the strings are equal (both NULL counts as equal). */
int
is_string(const char *got, const char *want, const char *fmt, ...)
{
	va_list	ap;
	int	pass;

	if (got == NULL || want == NULL)
		pass = (got == want);
	else
		pass = (strcmp(got, want) == 0);
	va_start(ap, fmt);
	vok(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		diag("got '%s', want '%s'", got != NULL ? got : "(null)",
		    want != NULL ? want : "(null)");
	return (pass);
}

/* Print a diagnostic comment. */
void
diag(const char *fmt, ...)
{
	va_list	ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* Give up on the whole test program. */
void
bail(const char *fmt, ...)
{
	va_list	ap;

	fputs("Bail out! ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	exit(1);
}

/* Finish: print the plan if needed; return the exit status. */
int
done_testing(void)
{
	if (tap_planned == 0)
		printf("1..%d\n", tap_run);
	else if (tap_planned != tap_run)
		diag("planned %d tests but ran %d", tap_planned, tap_run);
	fflush(stdout);
	return ((tap_failed == 0 && (tap_planned == 0 ||
	    tap_planned == tap_run)) ? 0 : 1);
}
