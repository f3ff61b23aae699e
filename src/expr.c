/*
 * expr.c: parse, type-check and evaluate rule expressions.
 *
 * Grammar (lowest precedence first):
 *
 *	or	:= and { "or" and }
 *	and	:= not { "and" not }
 *	not	:= "not" not | cmp
 *	cmp	:= term [ op term | "between" term "and" term
 *		   | [ "not" ] "in" "(" literal { "," literal } ")" ]
 *	op	:= "=" | "!=" | "<" | "<=" | ">" | ">="
 *	term	:= NUMBER | STRING | FIELD | "today" | "(" or ")"
 *		 | "year" "(" term ")" | "age" "(" term "," term ")"
 *		 | "days" "(" term "," term ")" | "len" "(" FIELD ")"
 *		 | "filled" "(" FIELD ")" | "date" "(" STRING ")"
 *
 * Every value is an interval [lo, hi]: a date known to the year covers
 * the whole year, and a comparison is true only if it holds for every
 * point of both intervals, false only if it holds for none. Anything else,
 * and any missing or unreadable field, is unknown. Types are checked once,
 * when the form is loaded, so evaluation cannot meet a type error.
 */

#include "config.h"

#include <sys/types.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "expr.h"
#include "form.h"
#include "i18n.h"
#include "lookup.h"
#include "number.h"
#include "tok.h"
#include "utf8.h"
#include "xmalloc.h"

enum expr_kind {
	EX_NUM,			/* number literal */
	EX_STR,			/* string or bare-word literal */
	EX_FIELD,
	EX_TODAY,
	EX_DATE,		/* date("...") */
	EX_YEAR,
	EX_AGE,
	EX_DAYS,
	EX_LEN,
	EX_FILLED,
	EX_CMP,
	EX_BETWEEN,
	EX_IN,
	EX_NOT,
	EX_AND,
	EX_OR
};

enum expr_cmp { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE };
static const char *expr_cmp_names[] = { "=", "!=", "<", "<=", ">", ">=" };

enum vtype { VT_BOOL, VT_NUM, VT_DATE, VT_STR };

struct expr {
	enum expr_kind	 kind;
	enum expr_cmp	 cmp;
	enum vtype	 type;		/* set by expr_resolve */
	int		 negate;	/* "not in" */
	long		 lo, hi;	/* number, or date literal */
	char		*str;		/* string literal or field name */
	int		 field;		/* resolved field index */
	struct expr	*a, *b, *c;
	struct expr	**list;		/* "in" literals */
	size_t		 nlist;
	u_int		 line;		/* where it was written */
	u_int		 col;
};

/* Evaluated value: an interval of numbers or day numbers, or a string. */
struct xval {
	int		 known;
	long		 lo, hi;
	const char	*s;
};

static const char *expr_reserved[] = {
	"and", "or", "not", "in", "between", "today", "year", "age", "days",
	"len", "filled", "date", NULL
};

struct parser {
	const struct tokline	*tl;
	size_t			 i;
	const char		*file;
	u_int			 line;
	struct errlist		*el;
	int			 failed;
	int			 depth;
};

#define EXPR_DEPTH_MAX	32

static struct expr *expr_or(struct parser *);

/* Return 1 if word is a keyword of the expression language. */
int
expr_is_reserved(const char *word)
{
	size_t	i;

	for (i = 0; expr_reserved[i] != NULL; i++)
		if (strcmp(word, expr_reserved[i]) == 0)
			return (1);
	return (0);
}

static struct expr *
expr_new(struct parser *p, enum expr_kind kind, u_int col)
{
	struct expr	*e;

	e = xcalloc(1, sizeof *e);
	e->kind = kind;
	e->line = p->line;
	e->col = col;
	e->field = -1;
	return (e);
}

/* Free e and its children; NULL is allowed. */
void
expr_free(struct expr *e)
{
	size_t	i;

	if (e == NULL)
		return;
	expr_free(e->a);
	expr_free(e->b);
	expr_free(e->c);
	for (i = 0; i < e->nlist; i++)
		expr_free(e->list[i]);
	free(e->list);
	free(e->str);
	free(e);
}

static const struct token *
p_peek(struct parser *p)
{
	if (p->i >= p->tl->n)
		return (NULL);
	return (&p->tl->v[p->i]);
}

static u_int
p_col(struct parser *p)
{
	const struct token	*t = p_peek(p);

	if (t != NULL)
		return (t->col);
	if (p->tl->n == 0)
		return (1);
	t = &p->tl->v[p->tl->n - 1];
	return (t->col + (u_int)utf8_len(t->text) +
	    (t->type == TOK_STRING ? 2 : 0));
}

static void p_error(struct parser *, u_int, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* Report the first syntax error of an expression; later ones are noise. */
static void
p_error(struct parser *p, u_int col, const char *fmt, ...)
{
	va_list	ap;

	if (p->failed)
		return;
	p->failed = 1;
	va_start(ap, fmt);
	errlist_vadd(p->el, p->file, p->line, col, fmt, ap);
	va_end(ap);
}

/* Is the next token the word or operator s? */
static int
p_is(struct parser *p, const char *s)
{
	const struct token	*t = p_peek(p);

	return (t != NULL && t->type != TOK_STRING && strcmp(t->text, s) == 0);
}

static int
p_accept(struct parser *p, const char *s)
{
	if (!p_is(p, s))
		return (0);
	p->i++;
	return (1);
}

static int
p_expect(struct parser *p, const char *s)
{
	const struct token	*t = p_peek(p);

	if (p_accept(p, s))
		return (0);
	if (t == NULL)
		p_error(p, p_col(p), _("expected '%s' at end of line"), s);
	else
		p_error(p, t->col, _("expected '%s', found '%s'"), s, t->text);
	return (-1);
}

static int
p_isnumber(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '\0')
		return (0);
	return (strspn(s, "0123456789") == strlen(s));
}

/* A literal inside "in ( ... )": a number, a bare code or a string. */
static struct expr *
expr_literal(struct parser *p)
{
	const struct token	*t = p_peek(p);
	struct expr		*e;

	if (t == NULL || t->type == TOK_OP) {
		p_error(p, p_col(p), "%s", _("expected a value"));
		return (NULL);
	}
	p->i++;
	e = expr_new(p, EX_STR, t->col);
	e->str = xstrdup(t->text);
	e->type = VT_STR;
	return (e);
}

static struct expr *
expr_call(struct parser *p, enum expr_kind kind, int nargs, u_int col)
{
	struct expr	*e;

	e = expr_new(p, kind, col);
	if (p_expect(p, "(") != 0)
		goto fail;
	if (kind == EX_DATE) {
		const struct token *t = p_peek(p);
		struct vdate d;
		char *cause;

		if (t == NULL || t->type != TOK_STRING) {
			p_error(p, p_col(p), "%s", _("date() takes a date in "
			    "quotes, such as date(\"01/01/1999\")"));
			goto fail;
		}
		if (date_parse(t->text, &d, &cause) != 0) {
			p_error(p, t->col, _("bad date literal: %s"), cause);
			free(cause);
			goto fail;
		}
		date_range(&d, &e->lo, &e->hi);
		p->i++;
	} else {
		if ((e->a = expr_or(p)) == NULL)
			goto fail;
		if (nargs == 2) {
			if (p_expect(p, ",") != 0)
				goto fail;
			if ((e->b = expr_or(p)) == NULL)
				goto fail;
		}
	}
	if (p_expect(p, ")") != 0)
		goto fail;
	return (e);
fail:
	expr_free(e);
	return (NULL);
}

static struct expr *
expr_term(struct parser *p)
{
	const struct token	*t = p_peek(p);
	struct expr		*e;
	char			*end;
	long			 v;

	if (t == NULL) {
		p_error(p, p_col(p), "%s", _("expression ends too soon"));
		return (NULL);
	}
	if (t->type == TOK_STRING) {
		p->i++;
		e = expr_new(p, EX_STR, t->col);
		e->str = xstrdup(t->text);
		return (e);
	}
	if (t->type == TOK_OP) {
		if (strcmp(t->text, "(") != 0) {
			p_error(p, t->col, _("unexpected '%s'"), t->text);
			return (NULL);
		}
		p->i++;
		if ((e = expr_or(p)) == NULL)
			return (NULL);
		if (p_expect(p, ")") != 0) {
			expr_free(e);
			return (NULL);
		}
		return (e);
	}
	p->i++;
	if (isdigit((u_char)t->text[0]) || t->text[0] == '-') {
		errno = 0;
		v = strtol(t->text, &end, 10);
		if (!p_isnumber(t->text) || *end != '\0' || errno != 0) {
			p_error(p, t->col, _("'%s' is not a number"), t->text);
			return (NULL);
		}
		e = expr_new(p, EX_NUM, t->col);
		e->lo = e->hi = v;
		e->str = xstrdup(t->text);
		return (e);
	}
	if (strcmp(t->text, "today") == 0)
		return (expr_new(p, EX_TODAY, t->col));
	if (strcmp(t->text, "year") == 0)
		return (expr_call(p, EX_YEAR, 1, t->col));
	if (strcmp(t->text, "age") == 0)
		return (expr_call(p, EX_AGE, 2, t->col));
	if (strcmp(t->text, "days") == 0)
		return (expr_call(p, EX_DAYS, 2, t->col));
	if (strcmp(t->text, "len") == 0)
		return (expr_call(p, EX_LEN, 1, t->col));
	if (strcmp(t->text, "filled") == 0)
		return (expr_call(p, EX_FILLED, 1, t->col));
	if (strcmp(t->text, "date") == 0)
		return (expr_call(p, EX_DATE, 1, t->col));
	if (expr_is_reserved(t->text)) {
		p_error(p, t->col, _("unexpected '%s'"), t->text);
		return (NULL);
	}
	e = expr_new(p, EX_FIELD, t->col);
	e->str = xstrdup(t->text);
	return (e);
}

static struct expr *
expr_cmp(struct parser *p)
{
	struct expr		*l, *e;
	const struct token	*t;
	size_t			 i;
	int			 negate = 0;

	if ((l = expr_term(p)) == NULL)
		return (NULL);
	t = p_peek(p);
	if (t == NULL || t->type == TOK_STRING)
		return (l);

	for (i = 0; i < sizeof expr_cmp_names / sizeof *expr_cmp_names; i++) {
		if (t->type == TOK_OP &&
		    strcmp(t->text, expr_cmp_names[i]) == 0)
			break;
	}
	if (i < sizeof expr_cmp_names / sizeof *expr_cmp_names) {
		p->i++;
		e = expr_new(p, EX_CMP, t->col);
		e->cmp = (enum expr_cmp)i;
		e->a = l;
		if ((e->b = expr_term(p)) == NULL)
			goto fail;
		return (e);
	}
	if (strcmp(t->text, "between") == 0) {
		p->i++;
		e = expr_new(p, EX_BETWEEN, t->col);
		e->a = l;
		if ((e->b = expr_term(p)) == NULL)
			goto fail;
		if (p_expect(p, "and") != 0)
			goto fail;
		if ((e->c = expr_term(p)) == NULL)
			goto fail;
		return (e);
	}
	if (strcmp(t->text, "not") == 0 && p->i + 1 < p->tl->n &&
	    strcmp(p->tl->v[p->i + 1].text, "in") == 0 &&
	    p->tl->v[p->i + 1].type == TOK_WORD) {
		p->i++;
		negate = 1;
		t = p_peek(p);
	}
	if (strcmp(t->text, "in") == 0) {
		p->i++;
		e = expr_new(p, EX_IN, t->col);
		e->negate = negate;
		e->a = l;
		if (p_expect(p, "(") != 0)
			goto fail;
		do {
			struct expr *lit;

			if ((lit = expr_literal(p)) == NULL)
				goto fail;
			e->list = xreallocarray(e->list, e->nlist + 1,
			    sizeof *e->list);
			e->list[e->nlist++] = lit;
		} while (p_accept(p, ","));
		if (p_expect(p, ")") != 0)
			goto fail;
		return (e);
	}
	return (l);

fail:
	expr_free(e);
	return (NULL);
}

static struct expr *
expr_not(struct parser *p)
{
	const struct token	*t = p_peek(p);
	struct expr		*e;

	if (t != NULL && t->type == TOK_WORD && strcmp(t->text, "not") == 0) {
		if (++p->depth > EXPR_DEPTH_MAX) {
			p_error(p, t->col, "%s",
			    _("expression is nested too deeply"));
			return (NULL);
		}
		p->i++;
		e = expr_new(p, EX_NOT, t->col);
		if ((e->a = expr_not(p)) == NULL) {
			expr_free(e);
			return (NULL);
		}
		p->depth--;
		return (e);
	}
	return (expr_cmp(p));
}

static struct expr *
expr_binary(struct parser *p, const char *word, enum expr_kind kind,
    struct expr *(*sub)(struct parser *))
{
	struct expr		*l, *e;
	const struct token	*t;

	if ((l = sub(p)) == NULL)
		return (NULL);
	while ((t = p_peek(p)) != NULL && t->type == TOK_WORD &&
	    strcmp(t->text, word) == 0) {
		p->i++;
		e = expr_new(p, kind, t->col);
		e->a = l;
		if ((e->b = sub(p)) == NULL) {
			expr_free(e);
			return (NULL);
		}
		l = e;
	}
	return (l);
}

static struct expr *
expr_and(struct parser *p)
{
	return (expr_binary(p, "and", EX_AND, expr_not));
}

static struct expr *
expr_or(struct parser *p)
{
	struct expr	*e;

	if (++p->depth > EXPR_DEPTH_MAX) {
		p_error(p, p_col(p), "%s",
		    _("expression is nested too deeply"));
		return (NULL);
	}
	e = expr_binary(p, "or", EX_OR, expr_and);
	p->depth--;
	return (e);
}

/*
 * Parse the tokens of tl from index start to the end of the line as one
 * expression. On error add a message for file:line to el and return
 * NULL. The result is not usable until expr_resolve has checked it; the
 * caller frees it with expr_free.
 */
struct expr *
expr_parse(const struct tokline *tl, size_t start, const char *file,
    u_int line, struct errlist *el)
{
	struct parser	 p;
	struct expr	*e;

	memset(&p, 0, sizeof p);
	p.tl = tl;
	p.i = start;
	p.file = file;
	p.line = line;
	p.el = el;
	if (start >= tl->n) {
		p_error(&p, p_col(&p), "%s", _("missing expression"));
		return (NULL);
	}
	e = expr_or(&p);
	if (e != NULL && p.i < tl->n) {
		p_error(&p, tl->v[p.i].col, _("unexpected '%s' after the "
		    "expression"), tl->v[p.i].text);
		expr_free(e);
		return (NULL);
	}
	return (e);
}

/* ------------------------------------------------------------------------
 * Type checking.
 */

struct resolver {
	const struct form	*form;
	const char		*file;
	struct errlist		*el;
	int			 failed;
};

static const char *
vtype_name(enum vtype t)
{
	switch (t) {
	case VT_BOOL:
		return (_("a condition"));
	case VT_NUM:
		return (_("a number"));
	case VT_DATE:
		return (_("a date"));
	case VT_STR:
		return (_("text"));
	}
	return ("?");
}

static void r_error(struct resolver *, const struct expr *, const char *,
    ...) __attribute__((format(printf, 3, 4)));

/* Report a problem with node e, at the line and column it was written. */
static void
r_error(struct resolver *r, const struct expr *e, const char *fmt, ...)
{
	va_list	ap;

	r->failed = 1;
	va_start(ap, fmt);
	errlist_vadd(r->el, r->file, e->line, e->col, fmt, ap);
	va_end(ap);
}

static enum vtype
field_vtype(enum field_type t)
{
	switch (t) {
	case FT_DATE:
		return (VT_DATE);
	case FT_INT:
	case FT_TIME:
	case FT_REGNO:
		return (VT_NUM);
	default:
		return (VT_STR);
	}
}

static int resolve(struct resolver *, struct expr *);

/* Check that e has type want, reporting it as what. */
static int
resolve_want(struct resolver *r, struct expr *e, enum vtype want,
    const char *what)
{
	if (resolve(r, e) != 0)
		return (-1);
	if (e->type != want) {
		r_error(r, e, _("the argument of %s must be %s"), what,
		    vtype_name(want));
		return (-1);
	}
	return (0);
}

/* A number or a date standing for a year, as age() and year() take. */
static int
resolve_when(struct resolver *r, struct expr *e, const char *what)
{
	if (resolve(r, e) != 0)
		return (-1);
	if (e->type != VT_DATE && e->type != VT_NUM) {
		r_error(r, e, _("the argument of %s must be a date or a year"),
		    what);
		return (-1);
	}
	return (0);
}

static int
is_literal(const struct expr *e)
{
	return (e->kind == EX_NUM || e->kind == EX_STR);
}

/* Replace the text of literal e with s (a code it was found to mean). */
static void
literal_set(struct expr *e, const char *s)
{
	char	*old = e->str;

	e->str = xstrdup(s);
	free(old);
}

/*
 * Make literal e fit beside the resolved expression other, checking it
 * against what other can hold: beside an enum field it must name an
 * option (by code or label) and becomes its code; beside a lookup field
 * it must be in the list and becomes the entry's code; beside a date it
 * is read as a date and beside a time as a time.
 */
static int
resolve_literal_beside(struct resolver *r, struct expr *e,
    const struct expr *other)
{
	const struct form_field		*ff = NULL;
	const struct form_option	*o;
	const struct lookup_entry	*le;
	enum vtype			 t = other->type;
	struct vdate			 d;
	char				*cause;
	int				 m;

	if (!is_literal(e))
		return (0);
	if (other->kind == EX_FIELD)
		ff = &r->form->fields[other->field];
	if (t == VT_STR) {
		e->kind = EX_STR;
		e->type = VT_STR;
		if (ff != NULL && ff->type == FT_ENUM && ff->enm != NULL) {
			if ((o = form_enum_find(ff->enm, e->str)) == NULL) {
				r_error(r, e, _("'%s' is not a code of enum "
				    "'%s'"), e->str, ff->enm->name);
				return (-1);
			}
			literal_set(e, o->code);
		}
		if (ff != NULL && ff->type == FT_CODE && ff->lookup != NULL &&
		    ff->lookup->list != NULL) {
			le = lookup_find(ff->lookup->list, e->str, NULL);
			if (le == NULL) {
				r_error(r, e, _("'%s' is not in the list '%s'"),
				    e->str, ff->lookup->name);
				return (-1);
			}
			literal_set(e, le->code);
		}
		return (0);
	}
	if (t == VT_NUM && ff != NULL && ff->type == FT_TIME &&
	    e->kind == EX_NUM) {
		r_error(r, e, _("write a time in quotes, such as \"14:30\", "
		    "not %s"), e->str);
		return (-1);
	}
	if (t == VT_NUM && ff != NULL && ff->type == FT_TIME &&
	    e->kind == EX_STR) {
		if (time_parse(e->str, &m, &cause) != 0) {
			r_error(r, e, _("bad time literal: %s"), cause);
			free(cause);
			return (-1);
		}
		e->kind = EX_NUM;
		e->type = VT_NUM;
		e->lo = e->hi = m;
		return (0);
	}
	if (t == VT_DATE && e->kind == EX_STR) {
		if (date_parse(e->str, &d, &cause) != 0) {
			r_error(r, e, _("bad date literal: %s"), cause);
			free(cause);
			return (-1);
		}
		date_range(&d, &e->lo, &e->hi);
		e->kind = EX_DATE;
		e->type = VT_DATE;
		return (0);
	}
	if (t == VT_NUM && e->kind == EX_NUM) {
		e->type = VT_NUM;
		return (0);
	}
	r_error(r, e, _("'%s' cannot be compared with %s"), e->str,
	    vtype_name(t));
	return (-1);
}

/*
 * In "loai = THAY_DOI", a bare word that is no field but is a code of the
 * enum on the other side means that code. Return -1 (reported) if it is
 * neither.
 */
static int
enum_code_as_literal(struct resolver *r, const struct expr *fe,
    struct expr *w)
{
	const struct form_field	*ff;
	size_t			 i;

	if (fe->kind != EX_FIELD || w->kind != EX_FIELD ||
	    form_field_index(r->form, w->str) >= 0)
		return (0);
	ff = &r->form->fields[fe->field];
	if (ff->type != FT_ENUM || ff->enm == NULL)
		return (0);
	for (i = 0; i < ff->enm->noptions; i++) {
		if (strcmp(ff->enm->options[i].code, w->str) == 0) {
			w->kind = EX_STR;
			return (0);
		}
	}
	r_error(r, w, _("'%s' is neither a field nor a code of enum '%s'"),
	    w->str, ff->enm->name);
	return (-1);
}

static int
resolve(struct resolver *r, struct expr *e)
{
	struct expr	*l, *w;
	size_t		 i;
	int		 f;

	switch (e->kind) {
	case EX_NUM:
		e->type = VT_NUM;
		return (0);
	case EX_STR:
		e->type = VT_STR;
		return (0);
	case EX_TODAY:
	case EX_DATE:
		e->type = VT_DATE;
		return (0);
	case EX_FIELD:
		if ((f = form_field_index(r->form, e->str)) < 0) {
			r_error(r, e, _("unknown field '%s'"), e->str);
			return (-1);
		}
		e->field = f;
		e->type = field_vtype(r->form->fields[f].type);
		return (0);
	case EX_YEAR:
		e->type = VT_NUM;
		return (resolve_when(r, e->a, "year()"));
	case EX_AGE:
		e->type = VT_NUM;
		if (resolve_when(r, e->a, "age()") != 0)
			return (-1);
		return (resolve_when(r, e->b, "age()"));
	case EX_DAYS:
		e->type = VT_NUM;
		if (resolve_want(r, e->a, VT_DATE, "days()") != 0)
			return (-1);
		return (resolve_want(r, e->b, VT_DATE, "days()"));
	case EX_LEN:
	case EX_FILLED:
		e->type = (e->kind == EX_LEN) ? VT_NUM : VT_BOOL;
		if (e->a->kind != EX_FIELD) {
			r_error(r, e->a, _("%s takes a field name"),
			    e->kind == EX_LEN ? "len()" : "filled()");
			return (-1);
		}
		return (resolve(r, e->a));
	case EX_CMP:
		e->type = VT_BOOL;
		/* "XA = cap" reads like "cap = XA". */
		if (e->a->kind == EX_FIELD && e->b->kind == EX_FIELD &&
		    form_field_index(r->form, e->a->str) < 0 &&
		    form_field_index(r->form, e->b->str) >= 0) {
			l = e->b;
			w = e->a;
		} else {
			l = e->a;
			w = e->b;
		}
		if (resolve(r, l) != 0 || enum_code_as_literal(r, l, w) != 0 ||
		    resolve(r, w) != 0)
			return (-1);
		if (is_literal(e->a) && !is_literal(e->b)) {
			if (resolve_literal_beside(r, e->a, e->b) != 0)
				return (-1);
		} else if (resolve_literal_beside(r, e->b, e->a) != 0)
			return (-1);
		if (e->a->type != e->b->type || e->a->type == VT_BOOL) {
			r_error(r, e, _("cannot compare %s with %s"),
			    vtype_name(e->a->type), vtype_name(e->b->type));
			return (-1);
		}
		if (e->a->type == VT_STR && e->cmp != CMP_EQ &&
		    e->cmp != CMP_NE) {
			r_error(r, e, _("text can only be compared with "
			    "= or !=, not '%s'"), expr_cmp_names[e->cmp]);
			return (-1);
		}
		return (0);
	case EX_BETWEEN:
		e->type = VT_BOOL;
		if (resolve(r, e->a) != 0 || resolve(r, e->b) != 0 ||
		    resolve(r, e->c) != 0)
			return (-1);
		if (e->a->type != VT_NUM && e->a->type != VT_DATE) {
			r_error(r, e->a, _("between needs a number or a "
			    "date, not %s"), vtype_name(e->a->type));
			return (-1);
		}
		if (resolve_literal_beside(r, e->b, e->a) != 0 ||
		    resolve_literal_beside(r, e->c, e->a) != 0)
			return (-1);
		if (e->b->type != e->a->type || e->c->type != e->a->type) {
			r_error(r, e, _("the limits of between must be %s"),
			    vtype_name(e->a->type));
			return (-1);
		}
		return (0);
	case EX_IN:
		e->type = VT_BOOL;
		if (resolve(r, e->a) != 0)
			return (-1);
		if (e->a->type != VT_STR && e->a->type != VT_NUM) {
			r_error(r, e->a, _("in needs a code or a number, "
			    "not %s"), vtype_name(e->a->type));
			return (-1);
		}
		for (i = 0; i < e->nlist; i++) {
			w = e->list[i];
			if (e->a->type == VT_NUM && p_isnumber(w->str)) {
				w->kind = EX_NUM;
				w->lo = w->hi = strtol(w->str, NULL, 10);
			}
			if (resolve_literal_beside(r, w, e->a) != 0)
				return (-1);
		}
		return (0);
	case EX_NOT:
		e->type = VT_BOOL;
		return (resolve_want(r, e->a, VT_BOOL, "'not'"));
	case EX_AND:
	case EX_OR:
		e->type = VT_BOOL;
		if (resolve_want(r, e->a, VT_BOOL,
		    e->kind == EX_AND ? "'and'" : "'or'") != 0)
			return (-1);
		return (resolve_want(r, e->b, VT_BOOL,
		    e->kind == EX_AND ? "'and'" : "'or'"));
	}
	return (-1);
}

/*
 * Resolve the field names of e against form and check its types; e must
 * be a condition. Problems are added to el for file, at the line and
 * column each part of e was written. Return 0 if e can be evaluated,
 * else -1.
 */
int
expr_resolve(struct expr *e, const struct form *form, const char *file,
    struct errlist *el)
{
	struct resolver	r;

	r.form = form;
	r.file = file;
	r.el = el;
	r.failed = 0;
	if (resolve(&r, e) != 0 || r.failed)
		return (-1);
	if (e->type != VT_BOOL) {
		errlist_add(el, file, e->line, e->col, _("the expression must "
		    "be a condition, not %s"), vtype_name(e->type));
		return (-1);
	}
	return (0);
}

/* ------------------------------------------------------------------------
 * Evaluation.
 */

struct evalctx {
	const struct form	*form;
	const struct fvalue	*vals;
	const struct vdate	*today;
};

static int
value_present(const struct fvalue *v)
{
	return (v->status == FS_OK && v->value != NULL && *v->value != '\0');
}

static void
eval_field(const struct evalctx *c, int f, struct xval *x)
{
	const struct form_field		*ff = &c->form->fields[f];
	const struct fvalue		*v = &c->vals[f];
	const struct form_option	*o;
	const struct lookup_entry	*le;
	struct vdate			 d;
	int				 m;

	x->known = 0;
	if (!value_present(v))
		return;
	switch (ff->type) {
	case FT_DATE:
		if (date_parse(v->value, &d, NULL) == 0) {
			date_range(&d, &x->lo, &x->hi);
			x->known = 1;
		}
		return;
	case FT_INT:
		if (number_parse(v->value, &x->lo) == 0) {
			x->hi = x->lo;
			x->known = 1;
		}
		return;
	case FT_TIME:
		if (time_parse(v->value, &m, NULL) == 0) {
			x->lo = x->hi = m;
			x->known = 1;
		}
		return;
	case FT_REGNO:
		if (number_regno(v->value, &x->lo) == 0) {
			x->hi = x->lo;
			x->known = 1;
		}
		return;
	case FT_ENUM:
		if (ff->enm != NULL &&
		    (o = form_enum_find(ff->enm, v->value)) != NULL) {
			x->s = o->code;
			x->known = 1;
		}
		return;
	case FT_CODE:
		/* "Kinh", "01" and "1" are all the entry 01. */
		x->s = v->value;
		if (ff->lookup != NULL && ff->lookup->list != NULL &&
		    (le = lookup_find(ff->lookup->list, v->value,
		    NULL)) != NULL)
			x->s = le->code;
		x->known = 1;
		return;
	default:
		x->s = v->value;
		x->known = 1;
		return;
	}
}

/* Completed years from day a to day b. */
static long
years_between(long a, long b)
{
	struct vdate	da, db;
	long		y;

	date_from_daynum(a, &da);
	date_from_daynum(b, &db);
	y = db.year - da.year;
	if (db.month < da.month || (db.month == da.month && db.day < da.day))
		y--;
	return (y);
}

/* Turn a year number into the interval of its days. */
static void
as_days(const struct expr *e, struct xval *x)
{
	if (e->type != VT_NUM || !x->known)
		return;
	if (x->lo < DATE_MIN_YEAR || x->hi > 9999) {
		x->known = 0;
		return;
	}
	x->lo = date_daynum((int)x->lo, 1, 1);
	x->hi = date_daynum((int)x->hi, 12, 31);
}

static enum tri eval_bool(const struct evalctx *, const struct expr *);

static void
eval_value(const struct evalctx *c, const struct expr *e, struct xval *x)
{
	const struct fvalue	*v;
	struct xval		 a, b;
	struct vdate		 d;

	memset(x, 0, sizeof *x);
	switch (e->kind) {
	case EX_NUM:
	case EX_DATE:
		x->known = 1;
		x->lo = e->lo;
		x->hi = e->hi;
		return;
	case EX_STR:
		x->known = 1;
		x->s = e->str;
		return;
	case EX_TODAY:
		x->known = 1;
		x->lo = x->hi = date_daynum(c->today->year, c->today->month,
		    c->today->day);
		return;
	case EX_FIELD:
		eval_field(c, e->field, x);
		return;
	case EX_YEAR:
		eval_value(c, e->a, &a);
		if (!a.known)
			return;
		if (e->a->type == VT_NUM) {
			*x = a;
			return;
		}
		date_from_daynum(a.lo, &d);
		x->lo = d.year;
		date_from_daynum(a.hi, &d);
		x->hi = d.year;
		x->known = 1;
		return;
	case EX_AGE:
	case EX_DAYS:
		eval_value(c, e->a, &a);
		eval_value(c, e->b, &b);
		as_days(e->a, &a);
		as_days(e->b, &b);
		if (!a.known || !b.known)
			return;
		x->known = 1;
		if (e->kind == EX_DAYS) {
			x->lo = b.lo - a.hi;
			x->hi = b.hi - a.lo;
		} else {
			x->lo = years_between(a.hi, b.lo);
			x->hi = years_between(a.lo, b.hi);
		}
		return;
	case EX_LEN:
		/* The characters as written, whatever the field's type. */
		v = &c->vals[e->a->field];
		if (!value_present(v))
			return;
		x->known = 1;
		x->lo = x->hi = (long)utf8_len(v->value);
		return;
	default:
		return;
	}
}

/* Compare two known intervals or strings. */
static enum tri
compare(enum expr_cmp cmp, enum vtype t, const struct xval *a,
    const struct xval *b)
{
	int	eq;
	char	*fa, *fb;

	if (t == VT_STR) {
		fa = utf8_fold(a->s);
		fb = utf8_fold(b->s);
		eq = (fa != NULL && fb != NULL && strcmp(fa, fb) == 0);
		free(fa);
		free(fb);
		if (cmp == CMP_EQ)
			return (eq ? TRI_TRUE : TRI_FALSE);
		return (eq ? TRI_FALSE : TRI_TRUE);
	}
	switch (cmp) {
	case CMP_EQ:
	case CMP_NE:
		if (a->lo == a->hi && b->lo == b->hi && a->lo == b->lo)
			eq = TRI_TRUE;
		else if (a->hi < b->lo || b->hi < a->lo)
			eq = TRI_FALSE;
		else
			return (TRI_UNKNOWN);
		if (cmp == CMP_EQ)
			return (eq);
		return (eq == TRI_TRUE ? TRI_FALSE : TRI_TRUE);
	case CMP_LT:
		if (a->hi < b->lo)
			return (TRI_TRUE);
		if (a->lo >= b->hi)
			return (TRI_FALSE);
		return (TRI_UNKNOWN);
	case CMP_LE:
		if (a->hi <= b->lo)
			return (TRI_TRUE);
		if (a->lo > b->hi)
			return (TRI_FALSE);
		return (TRI_UNKNOWN);
	case CMP_GT:
		return (compare(CMP_LT, t, b, a));
	case CMP_GE:
		return (compare(CMP_LE, t, b, a));
	}
	return (TRI_UNKNOWN);
}

static enum tri
tri_and(enum tri a, enum tri b)
{
	if (a == TRI_FALSE || b == TRI_FALSE)
		return (TRI_FALSE);
	if (a == TRI_TRUE && b == TRI_TRUE)
		return (TRI_TRUE);
	return (TRI_UNKNOWN);
}

static enum tri
tri_not(enum tri a)
{
	if (a == TRI_UNKNOWN)
		return (a);
	return (a == TRI_TRUE ? TRI_FALSE : TRI_TRUE);
}

static enum tri
eval_bool(const struct evalctx *c, const struct expr *e)
{
	struct xval		 a, b, lim;
	const struct fvalue	*v;
	enum tri		 r, t;
	size_t			 i;

	switch (e->kind) {
	case EX_FILLED:
		v = &c->vals[e->a->field];
		if (v->status != FS_OK && v->status != FS_BLANK)
			return (TRI_TRUE);
		if (v->status == FS_BLANK)
			return (TRI_FALSE);
		return ((v->value != NULL && *v->value != '\0') ?
		    TRI_TRUE : TRI_FALSE);
	case EX_CMP:
		eval_value(c, e->a, &a);
		eval_value(c, e->b, &b);
		if (!a.known || !b.known)
			return (TRI_UNKNOWN);
		return (compare(e->cmp, e->a->type, &a, &b));
	case EX_BETWEEN:
		eval_value(c, e->a, &a);
		if (!a.known)
			return (TRI_UNKNOWN);
		eval_value(c, e->b, &lim);
		r = lim.known ? compare(CMP_LE, e->a->type, &lim, &a) :
		    TRI_UNKNOWN;
		eval_value(c, e->c, &lim);
		t = lim.known ? compare(CMP_LE, e->a->type, &a, &lim) :
		    TRI_UNKNOWN;
		return (tri_and(r, t));
	case EX_IN:
		eval_value(c, e->a, &a);
		if (!a.known)
			return (TRI_UNKNOWN);
		r = TRI_FALSE;
		for (i = 0; i < e->nlist && r != TRI_TRUE; i++) {
			eval_value(c, e->list[i], &b);
			t = compare(CMP_EQ, e->a->type, &a, &b);
			if (t == TRI_TRUE || (t == TRI_UNKNOWN &&
			    r == TRI_FALSE))
				r = t;
		}
		return (e->negate ? tri_not(r) : r);
	case EX_NOT:
		return (tri_not(eval_bool(c, e->a)));
	case EX_AND:
		return (tri_and(eval_bool(c, e->a), eval_bool(c, e->b)));
	case EX_OR:
		return (tri_not(tri_and(tri_not(eval_bool(c, e->a)),
		    tri_not(eval_bool(c, e->b)))));
	default:
		return (TRI_UNKNOWN);
	}
}

/*
 * Evaluate condition e (resolved against form) over the record vals (one
 * per field of form), with today as the current date.
 */
enum tri
expr_eval(const struct expr *e, const struct form *form,
    const struct fvalue *vals, const struct vdate *today)
{
	struct evalctx	c;

	c.form = form;
	c.vals = vals;
	c.today = today;
	return (eval_bool(&c, e));
}

/* Return 1 if resolved expression e reads field f. */
int
expr_uses_field(const struct expr *e, int f)
{
	size_t	i;

	if (e == NULL)
		return (0);
	if (e->kind == EX_FIELD && e->field == f)
		return (1);
	if (expr_uses_field(e->a, f) || expr_uses_field(e->b, f) ||
	    expr_uses_field(e->c, f))
		return (1);
	for (i = 0; i < e->nlist; i++)
		if (expr_uses_field(e->list[i], f))
			return (1);
	return (0);
}

/* Return the index of the first field e reads, or -1. */
int
expr_first_field(const struct expr *e)
{
	int	f;

	if (e == NULL)
		return (-1);
	if (e->kind == EX_FIELD)
		return (e->field);
	if ((f = expr_first_field(e->a)) >= 0)
		return (f);
	if ((f = expr_first_field(e->b)) >= 0)
		return (f);
	return (expr_first_field(e->c));
}

/* ------------------------------------------------------------------------
 * Printing, for "hotich forms show".
 */

static void
fmt_cat(char **buf, const char *s)
{
	size_t	 old = (*buf == NULL) ? 0 : strlen(*buf);

	*buf = xrealloc(*buf, old + strlen(s) + 1);
	strcpy(*buf + old, s);
}

static void
fmt_quoted(char **buf, const char *s)
{
	fmt_cat(buf, "\"");
	for (; *s != '\0'; s++) {
		char	c[3] = { *s, '\0', '\0' };

		if (*s == '"' || *s == '\\') {
			c[0] = '\\';
			c[1] = *s;
		} else if (*s == '\n') {
			c[0] = '\\';
			c[1] = 'n';
		} else if (*s == '\t') {
			c[0] = '\\';
			c[1] = 't';
		}
		fmt_cat(buf, c);
	}
	fmt_cat(buf, "\"");
}

static void
fmt_expr(char **buf, const struct expr *e, int paren)
{
	static const char	*calls[] = {
		[EX_YEAR] = "year", [EX_AGE] = "age", [EX_DAYS] = "days",
		[EX_LEN] = "len", [EX_FILLED] = "filled"
	};
	struct vdate		 d;
	char			*s;
	size_t			 i;

	switch (e->kind) {
	case EX_NUM:
		fmt_cat(buf, e->str);
		break;
	case EX_STR:
		if (e->str[0] != '\0' && strspn(e->str, "abcdefghijklmnopqrstuv"
		    "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") ==
		    strlen(e->str) && !expr_is_reserved(e->str))
			fmt_cat(buf, e->str);
		else
			fmt_quoted(buf, e->str);
		break;
	case EX_FIELD:
		fmt_cat(buf, e->str);
		break;
	case EX_TODAY:
		fmt_cat(buf, "today");
		break;
	case EX_DATE:
		date_from_daynum(e->lo, &d);
		if (e->hi != e->lo)
			d.day = 0;
		if (e->hi - e->lo > 31)
			d.month = 0;
		s = date_format(&d);
		fmt_cat(buf, "date(");
		fmt_quoted(buf, s);
		fmt_cat(buf, ")");
		free(s);
		break;
	case EX_YEAR:
	case EX_AGE:
	case EX_DAYS:
	case EX_LEN:
	case EX_FILLED:
		fmt_cat(buf, calls[e->kind]);
		fmt_cat(buf, "(");
		fmt_expr(buf, e->a, 0);
		if (e->b != NULL) {
			fmt_cat(buf, ", ");
			fmt_expr(buf, e->b, 0);
		}
		fmt_cat(buf, ")");
		break;
	case EX_CMP:
		fmt_expr(buf, e->a, 1);
		fmt_cat(buf, " ");
		fmt_cat(buf, expr_cmp_names[e->cmp]);
		fmt_cat(buf, " ");
		fmt_expr(buf, e->b, 1);
		break;
	case EX_BETWEEN:
		fmt_expr(buf, e->a, 1);
		fmt_cat(buf, " between ");
		fmt_expr(buf, e->b, 1);
		fmt_cat(buf, " and ");
		fmt_expr(buf, e->c, 1);
		break;
	case EX_IN:
		fmt_expr(buf, e->a, 1);
		fmt_cat(buf, e->negate ? " not in (" : " in (");
		for (i = 0; i < e->nlist; i++) {
			if (i > 0)
				fmt_cat(buf, ", ");
			fmt_expr(buf, e->list[i], 0);
		}
		fmt_cat(buf, ")");
		break;
	case EX_NOT:
		fmt_cat(buf, "not ");
		fmt_expr(buf, e->a, 1);
		break;
	case EX_AND:
	case EX_OR:
		if (paren)
			fmt_cat(buf, "(");
		fmt_expr(buf, e->a, e->a->kind != e->kind);
		fmt_cat(buf, e->kind == EX_AND ? " and " : " or ");
		fmt_expr(buf, e->b, e->b->kind != e->kind);
		if (paren)
			fmt_cat(buf, ")");
		break;
	}
}

/* Return e written out in the form language; the caller frees it. */
char *
expr_format(const struct expr *e)
{
	char	*buf = NULL;

	fmt_expr(&buf, e, 0);
	return (buf);
}
