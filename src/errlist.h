/*
 * errlist.h: a list of diagnostics collected by the parsers.
 *
 * The form and keymap parsers do not stop at the first mistake: they add
 * one "FILE:LINE:COL: message" entry per problem and carry on, and the
 * caller decides whether to print them (the command line) or show them
 * (the screens). Library code never prints.
 */
#ifndef ERRLIST_H
#define ERRLIST_H

#include <sys/types.h>
#include <stdarg.h>
#include <stddef.h>

#define ERRLIST_MAX 100		/* entries kept; later ones are counted */

struct errlist {
	char	**v;		/* "FILE:LINE:COL: message" */
	size_t	  n;
	size_t	  dropped;	/* entries past ERRLIST_MAX */
};

void	 errlist_init(struct errlist *);
void	 errlist_free(struct errlist *);
void	 errlist_add(struct errlist *, const char *, u_int, u_int,
	    const char *, ...) __attribute__((format(printf, 5, 6)));
void	 errlist_vadd(struct errlist *, const char *, u_int, u_int,
	    const char *, va_list) __attribute__((format(printf, 5, 0)));
size_t	 errlist_count(const struct errlist *);

#endif
