/*
 * expr.h: the small expression language of required-if and rules.
 *
 *	nks_ngay_sinh <= ngay_dang_ky
 *	age(me_ngay_sinh, nks_ngay_sinh) between 10 and 60
 *	loai_khai_sinh in (1, 3)
 *
 * Values may be missing, partial (a date known only to the month or the
 * year) or marked illegible, so an expression evaluates to true, false or
 * unknown. A rule is broken only when its expression is surely false.
 */
#ifndef EXPR_H
#define EXPR_H

#include <sys/types.h>
#include <stddef.h>

#include "errlist.h"

struct form;
struct fvalue;
struct tokline;
struct vdate;

enum tri {
	TRI_FALSE,
	TRI_TRUE,
	TRI_UNKNOWN
};

struct expr	*expr_parse(const struct tokline *, size_t, const char *, u_int,
		    struct errlist *);
int		 expr_resolve(struct expr *, const struct form *, const char *,
		    struct errlist *);
enum tri	 expr_eval(const struct expr *, const struct form *,
		    const struct fvalue *, const struct vdate *);
int		 expr_uses_field(const struct expr *, int);
int		 expr_first_field(const struct expr *);
char		*expr_format(const struct expr *);
void		 expr_free(struct expr *);
int		 expr_is_reserved(const char *);

#endif
