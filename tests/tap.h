/*
 * tap.h: a tiny Test Anything Protocol library for the unit tests.
 *
 * Each test program calls plan() or ends with done_testing(), then ok()
 * and friends; automake's tap-driver.sh reads the output.
 */
#ifndef TAP_H
#define TAP_H

#include <stddef.h>

void	plan(int);
int	ok(int, const char *, ...) __attribute__((format(printf, 2, 3)));
int	is_int(long, long, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
int	is_string(const char *, const char *, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	diag(const char *, ...) __attribute__((format(printf, 1, 2)));
void	bail(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
int	done_testing(void);

#endif
