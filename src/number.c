/*
 * number.c: read whole numbers and registration numbers.
 *
 * A whole number is an optional minus sign and digits, nothing else: no
 * spaces, no plus sign, no overflow. A registration number is written
 * many ways ("24", "01/", "03/2008", "số 24"); its number is the first run
 * of digits.
 */

#include "config.h"

#include <sys/types.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

#include "number.h"

/* Set *out to the whole number s; return 0, or -1 if s is not one. */
int
number_parse(const char *s, long *out)
{
	char	*end;
	long	 v;

	if (!isdigit((u_char)*s) && !(*s == '-' && isdigit((u_char)s[1])))
		return (-1);
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end != '\0' || errno != 0)
		return (-1);
	*out = v;
	return (0);
}

/*
 * Set *out to the number of the registration number s (its first run of
 * digits); return 0, or -1 if s has no digits or the number is too big.
 */
int
number_regno(const char *s, long *out)
{
	while (*s != '\0' && !isdigit((u_char)*s))
		s++;
	if (*s == '\0')
		return (-1);
	errno = 0;
	*out = strtol(s, NULL, 10);
	return (errno == 0 ? 0 : -1);
}
