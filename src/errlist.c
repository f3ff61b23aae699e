/*
 * errlist.c: collect "FILE:LINE:COL: message" diagnostics.
 *
 * The format is fixed because outside scripts and the golden tests compare
 * it byte for byte. A line or column of 0 means "not known" and is left
 * out, so a missing file reads "FILE: message".
 */

#include "config.h"

#include <stdarg.h>
#include <stdlib.h>

#include "errlist.h"
#include "i18n.h"
#include "xmalloc.h"

/* Make an empty list. */
void
errlist_init(struct errlist *el)
{
	el->v = NULL;
	el->n = 0;
	el->dropped = 0;
}

/* Free every entry; the list is empty and reusable afterwards. */
void
errlist_free(struct errlist *el)
{
	size_t	i;

	for (i = 0; i < el->n; i++)
		free(el->v[i]);
	free(el->v);
	errlist_init(el);
}

/*
 * Append one diagnostic about file at line:col. After ERRLIST_MAX entries
 * further ones are only counted; errlist_count still reports them all.
 */
void
errlist_add(struct errlist *el, const char *file, u_int line, u_int col,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	errlist_vadd(el, file, line, col, fmt, ap);
	va_end(ap);
}

/* As errlist_add, with a va_list. */
void
errlist_vadd(struct errlist *el, const char *file, u_int line, u_int col,
    const char *fmt, va_list ap)
{
	char	*msg, *s;

	if (el->n >= ERRLIST_MAX) {
		el->dropped++;
		return;
	}
	xvasprintf(&msg, fmt, ap);
	if (line != 0 && col != 0)
		xasprintf(&s, "%s:%u:%u: %s", file, line, col, msg);
	else if (line != 0)
		xasprintf(&s, "%s:%u: %s", file, line, msg);
	else
		xasprintf(&s, "%s: %s", file, msg);
	free(msg);
	el->v = xreallocarray(el->v, el->n + 1, sizeof *el->v);
	el->v[el->n++] = s;
}

/* Return the number of diagnostics added, kept or not. */
size_t
errlist_count(const struct errlist *el)
{
	return (el->n + el->dropped);
}
