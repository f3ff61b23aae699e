/*
 * xmalloc.c: allocation wrappers that never return NULL.
 *
 * Every allocation in hotich goes through these, so callers never check for
 * NULL. On failure the process prints one line and exits with status 3
 * ("database trouble" is the closest of the documented exit codes; nothing
 * has been half-written because writes go through transactions).
 */

#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/*
 * Print "hotich: message" to stderr and exit with status 3. Used only for
 * broken invariants and exhausted memory, never for bad input.
 */
void
fatalx(const char *fmt, ...)
{
	va_list	ap;

	fflush(stdout);
	fputs("hotich: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(3);
}

/* Return size bytes of uninitialised memory; the caller frees it. */
void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		fatalx("xmalloc: zero size");
	if ((p = malloc(size)) == NULL)
		fatalx("xmalloc: allocating %zu bytes: %s", size,
		    strerror(errno));
	return (p);
}

/* Return nmemb * size zeroed bytes; the caller frees them. */
void *
xcalloc(size_t nmemb, size_t size)
{
	void	*p;

	if (nmemb == 0 || size == 0)
		fatalx("xcalloc: zero size");
	if ((p = calloc(nmemb, size)) == NULL)
		fatalx("xcalloc: allocating %zu * %zu bytes: %s", nmemb, size,
		    strerror(errno));
	return (p);
}

/* Resize ptr (which may be NULL) to size bytes. */
void *
xrealloc(void *ptr, size_t size)
{
	return (xreallocarray(ptr, 1, size));
}

/* Resize ptr (which may be NULL) to nmemb * size bytes, checking overflow. */
void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void	*p;

	if (nmemb == 0 || size == 0)
		fatalx("xreallocarray: zero size");
	if (SIZE_MAX / nmemb < size)
		fatalx("xreallocarray: %zu * %zu overflows", nmemb, size);
	if ((p = realloc(ptr, nmemb * size)) == NULL)
		fatalx("xreallocarray: allocating %zu * %zu bytes: %s", nmemb,
		    size, strerror(errno));
	return (p);
}

/* Return a copy of s; the caller frees it. */
char *
xstrdup(const char *s)
{
	return (xstrndup(s, strlen(s)));
}

/* Return a copy of at most n bytes of s, always terminated. */
char *
xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len;

	len = strnlen(s, n);
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return (p);
}

/* Format into a new string stored in *ret; the caller frees it. */
int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	ap;
	int	i;

	va_start(ap, fmt);
	i = xvasprintf(ret, fmt, ap);
	va_end(ap);
	return (i);
}

/* As xasprintf, with a va_list. */
int
xvasprintf(char **ret, const char *fmt, va_list ap)
{
	int	i;

	i = vasprintf(ret, fmt, ap);
	if (i < 0 || *ret == NULL)
		fatalx("xvasprintf: %s", strerror(errno));
	return (i);
}
