/*
 * form-parse.c: read a form definition (docs/hotich-forms.5).
 *
 * The language is one directive a line. A "field", "rule" or "enum" line
 * opens a block, and the attribute lines after it (label, width, assert,
 * option, ...) belong to that block until the next block line. Every
 * directive is described once in the table below: where it may appear
 * and what arguments it takes, which also gives the usage text of the
 * error messages.
 *
 * Parsing never stops at an error. Each problem is added to the caller's
 * errlist as FILE:LINE:COL: message and the line is skipped; once all
 * lines are read, names are resolved and cross-checked. The form is
 * returned only if no error was found.
 */

#include "config.h"

#include <sys/types.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "date.h"
#include "expr.h"
#include "form.h"
#include "i18n.h"
#include "lines.h"
#include "lookup.h"
#include "tok.h"
#include "utf8.h"
#include "validate.h"
#include "xmalloc.h"

#define FORM_INCLUDE_DEPTH	8

enum ctx {
	CTX_TOP,		/* between blocks */
	CTX_FIELD,
	CTX_RULE,
	CTX_ENUM,
	CTX_SKIP		/* in a block whose opening line was refused */
};

struct fparse {
	struct form	*form;
	struct errlist	*el;
	const char	*file;		/* current file, owned by form */
	u_int		 line;
	int		 depth;
	const char	*stack[FORM_INCLUDE_DEPTH + 1];
	enum ctx	 ctx;
	size_t		 cur;		/* index of the open block */
	int		 attr_seen;	/* bit per attribute of the block */
	u_int		 version_line;	/* 0 until "hotich-form" is read */
	int		 seen;		/* SEEN_*: header lines met */
	struct form_pos	 form_pos, title_pos, register_pos;
	struct form_pos	 regno_pos, person_pos;
	char		*regno_names[RK_COUNT];
	char		*person_names[FORM_PERSON_KEY_MAX];
	size_t		 nperson_names;
};

#define SEEN_FORM	0x1
#define SEEN_TITLE	0x2
#define SEEN_REGISTER	0x4
#define SEEN_REGNO_KEY	0x8
#define SEEN_PERSON_KEY	0x10

/*
 * Argument shapes: W a bare word, N a number, S a quoted string, V a word
 * or a string, E an expression to the end of the line; a trailing '?'
 * makes the last one optional and '*' repeats it.
 */
struct directive {
	const char	*name;
	enum ctx	 where;
	const char	*args;
	const char	*usage;
	int		 once;		/* attribute: bit for "given twice" */
	int		 block;		/* opens a field, rule or enum */
	int		 seen;		/* SEEN_* bit, for "missing ..." */
	void		(*fn)(struct fparse *, const struct tokline *);
};

static void d_version(struct fparse *, const struct tokline *);
static void d_form(struct fparse *, const struct tokline *);
static void d_title(struct fparse *, const struct tokline *);
static void d_register(struct fparse *, const struct tokline *);
static void d_include(struct fparse *, const struct tokline *);
static void d_lookup(struct fparse *, const struct tokline *);
static void d_enum(struct fparse *, const struct tokline *);
static void d_option(struct fparse *, const struct tokline *);
static void d_section(struct fparse *, const struct tokline *);
static void d_field(struct fparse *, const struct tokline *);
static void d_label(struct fparse *, const struct tokline *);
static void d_help(struct fparse *, const struct tokline *);
static void d_width(struct fparse *, const struct tokline *);
static void d_maxlen(struct fparse *, const struct tokline *);
static void d_lines(struct fparse *, const struct tokline *);
static void d_flag(struct fparse *, const struct tokline *);
static void d_required_if(struct fparse *, const struct tokline *);
static void d_default(struct fparse *, const struct tokline *);
static void d_range(struct fparse *, const struct tokline *);
static void d_moj(struct fparse *, const struct tokline *);
static void d_moj_value(struct fparse *, const struct tokline *);
static void d_moj_sheet(struct fparse *, const struct tokline *);
static void d_moj_column(struct fparse *, const struct tokline *);
static void d_fieldref(struct fparse *, const struct tokline *);
static void d_rule(struct fparse *, const struct tokline *);
static void d_assert(struct fparse *, const struct tokline *);
static void d_message(struct fparse *, const struct tokline *);
static void d_on(struct fparse *, const struct tokline *);
static void d_regno_key(struct fparse *, const struct tokline *);
static void d_person_key(struct fparse *, const struct tokline *);

static const struct directive directives[] = {
	{ "hotich-form", CTX_TOP, "N", "hotich-form 1",
	    0, 0, 0, d_version },
	{ "form", CTX_TOP, "W", "form ID",
	    0, 0, SEEN_FORM, d_form },
	{ "title", CTX_TOP, "S", "title \"TEXT\"",
	    0, 0, SEEN_TITLE, d_title },
	{ "register", CTX_TOP, "W", "register CODE",
	    0, 0, SEEN_REGISTER, d_register },
	{ "include", CTX_TOP, "S", "include \"FILE\"",
	    0, 0, 0, d_include },
	{ "lookup", CTX_TOP, "WS", "lookup NAME \"FILE\"",
	    0, 0, 0, d_lookup },
	{ "enum", CTX_TOP, "W", "enum NAME",
	    0, 1, 0, d_enum },
	{ "option", CTX_ENUM, "VSW?", "option CODE \"LABEL\" [MEANING]",
	    0, 0, 0, d_option },
	{ "moj-value", CTX_ENUM, "W", "moj-value code|label",
	    0, 0, 0, d_moj_value },
	{ "section", CTX_TOP, "S", "section \"TITLE\"",
	    0, 0, 0, d_section },
	{ "field", CTX_TOP, "WWW?", "field KEY TYPE [ENUM-OR-LIST]",
	    0, 1, 0, d_field },
	{ "label", CTX_FIELD, "S", "label \"TEXT\"",
	    0x0001, 0, 0, d_label },
	{ "help", CTX_FIELD, "S", "help \"TEXT\"",
	    0x0002, 0, 0, d_help },
	{ "width", CTX_FIELD, "N", "width N",
	    0x0004, 0, 0, d_width },
	{ "maxlen", CTX_FIELD, "N", "maxlen N",
	    0x0008, 0, 0, d_maxlen },
	{ "lines", CTX_FIELD, "N", "lines N",
	    0x0010, 0, 0, d_lines },
	{ "required", CTX_FIELD, "", "required",
	    0x0020, 0, 0, d_flag },
	{ "required-if", CTX_FIELD, "E", "required-if CONDITION",
	    0x0040, 0, 0, d_required_if },
	{ "default", CTX_FIELD, "V", "default VALUE",
	    0x0080, 0, 0, d_default },
	{ "carry", CTX_FIELD, "", "carry",
	    0x0100, 0, 0, d_flag },
	{ "autoinc", CTX_FIELD, "", "autoinc",
	    0x0200, 0, 0, d_flag },
	{ "autoskip", CTX_FIELD, "", "autoskip",
	    0x0400, 0, 0, d_flag },
	{ "full", CTX_FIELD, "", "full",
	    0x0800, 0, 0, d_flag },
	{ "scan", CTX_FIELD, "", "scan",
	    0x20000, 0, 0, d_flag },
	{ "moj-else", CTX_FIELD, "W", "moj-else COLUMN",
	    0x40000, 0, 0, d_moj },
	{ "range", CTX_FIELD, "WW", "range MIN MAX",
	    0x1000, 0, 0, d_range },
	{ "moj", CTX_FIELD, "W", "moj COLUMN",
	    0x2000, 0, 0, d_moj },
	{ "sex", CTX_FIELD, "W", "sex FIELD",
	    0x4000, 0, 0, d_fieldref },
	{ "birth", CTX_FIELD, "W", "birth FIELD",
	    0x8000, 0, 0, d_fieldref },
	{ "doctype", CTX_FIELD, "W", "doctype FIELD",
	    0x10000, 0, 0, d_fieldref },
	{ "rule", CTX_TOP, "WW", "rule ID error|warning",
	    0, 1, 0, d_rule },
	{ "assert", CTX_RULE, "E", "assert CONDITION",
	    0x0001, 0, 0, d_assert },
	{ "message", CTX_RULE, "S", "message \"TEXT\"",
	    0x0002, 0, 0, d_message },
	{ "on", CTX_RULE, "W*", "on FIELD...",
	    0x0004, 0, 0, d_on },
	{ "regno-key", CTX_TOP, "WWWW", "regno-key OFFICE YEAR BOOK NUMBER",
	    0, 0, SEEN_REGNO_KEY, d_regno_key },
	{ "person-key", CTX_TOP, "W*", "person-key FIELD...",
	    0, 0, SEEN_PERSON_KEY, d_person_key },
	{ "moj-sheet", CTX_TOP, "S", "moj-sheet \"NAME\"",
	    0, 0, 0, d_moj_sheet },
	{ "moj-column", CTX_TOP, "WV?", "moj-column NAME [row | \"HEADER\"]",
	    0, 0, 0, d_moj_column },
};

static const char *meaning_names[] = {
	[OM_NONE] = "", [OM_MALE] = "male", [OM_FEMALE] = "female",
	[OM_CMND] = "cmnd", [OM_CCCD] = "cccd", [OM_PASSPORT] = "passport"
};

static void parse_file(struct fparse *, const char *, const char *, size_t);

static void perr(struct fparse *, u_int, const char *, ...)
    __attribute__((format(printf, 3, 4)));
static void perr_at(struct fparse *, const struct form_pos *,
    const char *, ...) __attribute__((format(printf, 3, 4)));

/* Report a problem on the current line. */
static void
perr(struct fparse *p, u_int col, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	errlist_vadd(p->el, p->file, p->line, col, fmt, ap);
	va_end(ap);
}

/* Report a problem found later about something defined at pos. */
static void
perr_at(struct fparse *p, const struct form_pos *pos, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	errlist_vadd(p->el, pos->file, pos->line, pos->col, fmt, ap);
	va_end(ap);
}

static struct form_pos
pos_here(struct fparse *p, u_int col)
{
	struct form_pos	pos;

	pos.file = p->file;
	pos.line = p->line;
	pos.col = col;
	return (pos);
}

/* Column just after the last token, for "missing ..." messages. */
static u_int
end_col(const struct tokline *tl)
{
	const struct token	*t = &tl->v[tl->n - 1];

	return (t->col + (u_int)utf8_len(t->text) +
	    (t->type == TOK_STRING ? 2 : 0) + 1);
}

/* Keep a copy of the file name for positions; return it. */
static const char *
form_add_file(struct form *f, const char *name)
{
	f->files = xreallocarray(f->files, f->nfiles + 1, sizeof *f->files);
	f->files[f->nfiles] = xstrdup(name);
	return (f->files[f->nfiles++]);
}

/* Is s a key: a lower-case letter, then letters, digits or '_'? */
static int
is_key(const char *s)
{
	const char	*c;

	if (!islower((u_char)*s))
		return (0);
	for (c = s; *c != '\0'; c++) {
		if (!islower((u_char)*c) && !isdigit((u_char)*c) && *c != '_')
			return (0);
	}
	return (1);
}

/* Check a key-shaped name (field, enum, lookup, rule); report as what. */
static int
check_key(struct fparse *p, const struct token *t, const char *what)
{
	if (!is_key(t->text)) {
		perr(p, t->col, _("%s '%s' must start with a lower-case letter "
		    "and have only a-z, 0-9 and _"), what, t->text);
		return (-1);
	}
	if (strlen(t->text) > FORM_KEY_MAX) {
		perr(p, t->col, _("%s '%s' is longer than %d characters"),
		    what, t->text, FORM_KEY_MAX);
		return (-1);
	}
	return (0);
}

/* Parse t as a whole number between min and max; report as what. */
static int
get_number(struct fparse *p, const struct token *t, long min, long max,
    const char *what, long *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(t->text, &end, 10);
	if (*end != '\0' || end == t->text || errno != 0) {
		perr(p, t->col, _("%s: '%s' is not a number"), what, t->text);
		return (-1);
	}
	if (v < min || v > max) {
		perr(p, t->col, _("%s must be between %ld and %ld, not %ld"),
		    what, min, max, v);
		return (-1);
	}
	*out = v;
	return (0);
}

/* Make a copy of string token t, in NFC. */
static char *
get_text(const struct token *t)
{
	char	*s;

	if ((s = utf8_nfc(t->text)) == NULL)
		s = xstrdup(t->text);
	return (s);
}

static struct form_field *
cur_field(struct fparse *p)
{
	return (&p->form->fields[p->cur]);
}

static struct form_rule *
cur_rule(struct fparse *p)
{
	return (&p->form->rules[p->cur]);
}

/* Set *dst (which must be NULL) to a top-level string; once per form. */
static void
set_once(struct fparse *p, const struct tokline *tl, char **dst,
    struct form_pos *pos, const char *name)
{
	if (*dst != NULL) {
		perr(p, tl->v[0].col, _("'%s' given twice (first at %s:%u)"),
		    name, pos->file, pos->line);
		return;
	}
	*dst = get_text(&tl->v[1]);
	*pos = pos_here(p, tl->v[0].col);
}

/* ------------------------------------------------------------------------
 * Top-level directives.
 */

static void
d_version(struct fparse *p, const struct tokline *tl)
{
	long	v;

	if (get_number(p, &tl->v[1], 1, INT_MAX, "hotich-form", &v) != 0)
		return;
	if (v != FORM_LANG_VERSION) {
		perr(p, tl->v[1].col, _("this is form language version %ld; "
		    "this hotich reads version %d"), v, FORM_LANG_VERSION);
		return;
	}
	p->form->langver = (int)v;
}

static void
d_form(struct fparse *p, const struct tokline *tl)
{
	const char	*s = tl->v[1].text, *c;

	for (c = s; *c != '\0'; c++) {
		if (!islower((u_char)*c) && !isdigit((u_char)*c) &&
		    *c != '_' && *c != '-')
			break;
	}
	if (strlen(s) > FORM_KEY_MAX) {
		perr(p, tl->v[1].col, _("form id '%s' is longer than %d "
		    "characters"), s, FORM_KEY_MAX);
		return;
	}
	if (!islower((u_char)*s) || *c != '\0') {
		perr(p, tl->v[1].col, _("form id '%s' must start with a "
		    "lower-case letter and have only a-z, 0-9, _ and -"), s);
		return;
	}
	set_once(p, tl, &p->form->id, &p->form_pos, "form");
}

static void
d_title(struct fparse *p, const struct tokline *tl)
{
	if (tl->v[1].text[0] == '\0') {
		perr(p, tl->v[1].col, _("the title is empty"));
		return;
	}
	set_once(p, tl, &p->form->title, &p->title_pos, "title");
}

static void
d_register(struct fparse *p, const struct tokline *tl)
{
	const char	*s = tl->v[1].text;
	size_t		 n = strlen(s);

	if (n < 2 || n > 8 || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != n) {
		perr(p, tl->v[1].col, _("register code '%s' must be 2 to 8 "
		    "upper-case letters, such as KS or TDCC"), s);
		return;
	}
	set_once(p, tl, &p->form->reg, &p->register_pos, "register");
}

/* Return dir-of(base)/rel (or rel if it is absolute); caller frees. */
static char *
relative_path(const char *base, const char *rel)
{
	const char	*slash;
	char		*s;

	if (rel[0] == '/' || (slash = strrchr(base, '/')) == NULL)
		return (xstrdup(rel));
	xasprintf(&s, "%.*s/%s", (int)(slash - base), base, rel);
	return (s);
}

static void
d_include(struct fparse *p, const struct tokline *tl)
{
	const struct token	*t = &tl->v[1];
	char			*path, *buf, *cause, *real;
	const char		*saved_file;
	u_int			 saved_line;
	size_t			 len;
	int			 i;

	if (p->depth >= FORM_INCLUDE_DEPTH) {
		perr(p, t->col, _("includes are nested more than %d deep"),
		    FORM_INCLUDE_DEPTH);
		return;
	}
	path = relative_path(p->file, t->text);
	if ((buf = lines_read_file(path, &len, &cause)) == NULL) {
		perr(p, t->col, _("include \"%s\": %s"), t->text, cause);
		free(cause);
		free(path);
		return;
	}
	if ((real = realpath(path, NULL)) == NULL)
		real = xstrdup(path);
	for (i = 0; i <= p->depth; i++) {
		if (p->stack[i] != NULL && strcmp(p->stack[i], real) == 0) {
			perr(p, t->col, _("include \"%s\" includes itself"),
			    t->text);
			free(real);
			free(buf);
			free(path);
			return;
		}
	}

	saved_file = p->file;
	saved_line = p->line;
	p->depth++;
	p->stack[p->depth] = form_add_file(p->form, real);
	free(real);
	parse_file(p, form_add_file(p->form, path), buf, len);
	p->stack[p->depth] = NULL;
	p->depth--;
	p->file = saved_file;
	p->line = saved_line;
	p->ctx = CTX_TOP;
	free(buf);
	free(path);
}

static void
d_lookup(struct fparse *p, const struct tokline *tl)
{
	struct form		*f = p->form;
	struct form_lookup	*lk;
	size_t			 i;

	if (check_key(p, &tl->v[1], _("lookup name")) != 0)
		return;
	for (i = 0; i < f->nlookups; i++) {
		if (strcmp(f->lookups[i].name, tl->v[1].text) == 0) {
			perr(p, tl->v[1].col, _("lookup '%s' is already "
			    "defined at %s:%u"), tl->v[1].text,
			    f->lookups[i].pos.file, f->lookups[i].pos.line);
			return;
		}
	}
	f->lookups = xreallocarray(f->lookups, f->nlookups + 1,
	    sizeof *f->lookups);
	lk = &f->lookups[f->nlookups++];
	lk->name = xstrdup(tl->v[1].text);
	lk->path = relative_path(p->file, tl->v[2].text);
	lk->pos = pos_here(p, tl->v[2].col);
	if (access(lk->path, R_OK) != 0) {
		perr(p, tl->v[2].col, _("lookup list \"%s\": %s"),
		    tl->v[2].text, strerror(errno));
		lk->list = NULL;
		return;
	}
	lk->list = lookup_load(lk->path, p->el);
}

static void
d_enum(struct fparse *p, const struct tokline *tl)
{
	struct form	*f = p->form;
	struct form_enum *e;
	size_t		 i;

	if (check_key(p, &tl->v[1], _("enum name")) != 0)
		return;
	for (i = 0; i < f->nenums; i++) {
		if (strcmp(f->enums[i].name, tl->v[1].text) == 0) {
			perr(p, tl->v[1].col, _("enum '%s' is already defined "
			    "at %s:%u"), tl->v[1].text, f->enums[i].pos.file,
			    f->enums[i].pos.line);
			return;
		}
	}
	f->enums = xreallocarray(f->enums, f->nenums + 1, sizeof *f->enums);
	e = &f->enums[f->nenums];
	memset(e, 0, sizeof *e);
	e->name = xstrdup(tl->v[1].text);
	e->pos = pos_here(p, tl->v[1].col);
	p->cur = f->nenums++;
	p->ctx = CTX_ENUM;
}

static void
d_option(struct fparse *p, const struct tokline *tl)
{
	struct form_enum	*e = &p->form->enums[p->cur];
	struct form_option	*o;
	const char		*code = tl->v[1].text, *c;
	enum option_meaning	 m = OM_NONE;
	char			*fl, *fo;
	size_t			 i;
	int			 clash;

	if (*code == '\0' || strlen(code) > 32) {
		perr(p, tl->v[1].col, _("option code must have 1 to 32 "
		    "characters"));
		return;
	}
	for (c = code; *c != '\0'; c++) {
		if (!isalnum((u_char)*c) && *c != '_' && *c != '-') {
			perr(p, tl->v[1].col, _("option code '%s' may only "
			    "have letters, digits, _ and -"), code);
			return;
		}
	}
	if (tl->v[2].text[0] == '\0') {
		perr(p, tl->v[2].col, _("option label is empty"));
		return;
	}
	if (tl->n > 3) {
		for (i = 1; i < sizeof meaning_names / sizeof *meaning_names;
		    i++) {
			if (strcmp(tl->v[3].text, meaning_names[i]) == 0)
				m = (enum option_meaning)i;
		}
		if (m == OM_NONE) {
			perr(p, tl->v[3].col, _("unknown option meaning '%s' "
			    "(known: male, female, cmnd, cccd, passport)"),
			    tl->v[3].text);
			return;
		}
	}
	fl = utf8_fold(tl->v[2].text);
	for (i = 0; i < e->noptions; i++) {
		if (strcasecmp(e->options[i].code, code) == 0) {
			perr(p, tl->v[1].col, _("option code '%s' is used "
			    "twice in enum '%s'"), code, e->name);
			free(fl);
			return;
		}
		fo = utf8_fold(e->options[i].label);
		clash = (fo != NULL && fl != NULL && strcmp(fo, fl) == 0);
		free(fo);
		if (clash) {
			perr(p, tl->v[2].col, _("option label \"%s\" is used "
			    "twice in enum '%s'"), tl->v[2].text, e->name);
			free(fl);
			return;
		}
	}
	free(fl);
	e->options = xreallocarray(e->options, e->noptions + 1,
	    sizeof *e->options);
	o = &e->options[e->noptions++];
	o->code = xstrdup(code);
	o->label = get_text(&tl->v[2]);
	o->meaning = m;
}

static void
d_section(struct fparse *p, const struct tokline *tl)
{
	struct form		*f = p->form;
	struct form_section	*s;

	if (tl->v[1].text[0] == '\0') {
		perr(p, tl->v[1].col, _("the section title is empty"));
		return;
	}
	f->sections = xreallocarray(f->sections, f->nsections + 1,
	    sizeof *f->sections);
	s = &f->sections[f->nsections++];
	s->title = get_text(&tl->v[1]);
	s->pos = pos_here(p, tl->v[0].col);
}

static u_int
default_width(enum field_type t)
{
	switch (t) {
	case FT_DATE:
		return (10);
	case FT_TIME:
		return (5);
	case FT_INT:
		return (6);
	case FT_ID12:
	case FT_IDCARD:
		return (12);
	case FT_REGNO:
		return (12);
	case FT_NAME:
		return (32);
	case FT_ENUM:
	case FT_CODE:
		return (24);
	default:
		return (50);
	}
}

static void
d_field(struct fparse *p, const struct tokline *tl)
{
	struct form		*f = p->form;
	struct form_field	*ff;
	const struct token	*k = &tl->v[1], *t = &tl->v[2];
	enum field_type		 type;
	int			 i;

	if (check_key(p, k, _("field key")) != 0)
		return;
	if (strstr(k->text, "__") != NULL) {
		perr(p, k->col, _("field key '%s' may not contain '__' (kept "
		    "for the status column)"), k->text);
		return;
	}
	if (expr_is_reserved(k->text)) {
		perr(p, k->col, _("field key '%s' is a reserved word"),
		    k->text);
		return;
	}
	if ((i = form_field_index(f, k->text)) >= 0) {
		perr(p, k->col, _("field '%s' is already defined at %s:%u"),
		    k->text, f->fields[i].pos.file, f->fields[i].pos.line);
		return;
	}
	if (form_type_from_name(t->text, &type) != 0) {
		perr(p, t->col, _("unknown field type '%s' (known: text, "
		    "name, place, date, time, int, enum, code, id12, idcard, "
		    "regno)"), t->text);
		return;
	}
	if ((type == FT_ENUM || type == FT_CODE) && tl->n < 4) {
		perr(p, end_col(tl), "%s", type == FT_ENUM ?
		    _("an enum field needs the enum name: field KEY enum "
		    "NAME") :
		    _("a code field needs the lookup name: field KEY code "
		    "LIST"));
		return;
	}
	if (type != FT_ENUM && type != FT_CODE && tl->n > 3) {
		perr(p, tl->v[3].col, _("a %s field takes no argument after "
		    "its type"), t->text);
		return;
	}
	if (f->nsections == 0) {
		perr(p, tl->v[0].col, _("field '%s' comes before any section"),
		    k->text);
		return;
	}

	f->fields = xreallocarray(f->fields, f->nfields + 1,
	    sizeof *f->fields);
	ff = &f->fields[f->nfields];
	memset(ff, 0, sizeof *ff);
	ff->key = xstrdup(k->text);
	ff->type = type;
	ff->width = default_width(type);
	ff->lines = 1;
	ff->section = f->nsections - 1;
	ff->sex_field = ff->birth_field = ff->doctype_field = -1;
	if (type == FT_ENUM)
		ff->enum_name = xstrdup(tl->v[3].text);
	if (type == FT_CODE)
		ff->lookup_name = xstrdup(tl->v[3].text);
	ff->pos = pos_here(p, k->col);
	p->cur = f->nfields++;
	p->ctx = CTX_FIELD;
}

/* ------------------------------------------------------------------------
 * Field attributes.
 */

static void
d_label(struct fparse *p, const struct tokline *tl)
{
	if (tl->v[1].text[0] == '\0') {
		perr(p, tl->v[1].col, _("the label is empty"));
		return;
	}
	cur_field(p)->label = get_text(&tl->v[1]);
}

static void
d_help(struct fparse *p, const struct tokline *tl)
{
	cur_field(p)->help = get_text(&tl->v[1]);
}

static void
d_width(struct fparse *p, const struct tokline *tl)
{
	long	v;

	if (get_number(p, &tl->v[1], 1, FORM_WIDTH_MAX, "width", &v) == 0)
		cur_field(p)->width = (u_int)v;
}

static void
d_maxlen(struct fparse *p, const struct tokline *tl)
{
	long	v;

	if (get_number(p, &tl->v[1], 1, 10000, "maxlen", &v) == 0)
		cur_field(p)->maxlen = (u_int)v;
}

static void
d_lines(struct fparse *p, const struct tokline *tl)
{
	struct form_field	*ff = cur_field(p);
	long			 v;

	if (ff->type != FT_TEXT && ff->type != FT_PLACE) {
		perr(p, tl->v[0].col, _("'lines' is only for text and place "
		    "fields"));
		return;
	}
	if (get_number(p, &tl->v[1], 1, FORM_LINES_MAX, "lines", &v) == 0)
		ff->lines = (u_int)v;
}

static void
d_flag(struct fparse *p, const struct tokline *tl)
{
	struct form_field	*ff = cur_field(p);
	const char		*w = tl->v[0].text;

	if (strcmp(w, "required") == 0)
		ff->flags |= FF_REQUIRED;
	else if (strcmp(w, "carry") == 0)
		ff->flags |= FF_CARRY;
	else if (strcmp(w, "autoskip") == 0)
		ff->flags |= FF_AUTOSKIP;
	else if (strcmp(w, "autoinc") == 0) {
		if (ff->type != FT_INT && ff->type != FT_REGNO) {
			perr(p, tl->v[0].col, _("'autoinc' is only for int and "
			    "regno fields"));
			return;
		}
		ff->flags |= FF_AUTOINC;
	} else if (strcmp(w, "full") == 0) {
		if (ff->type != FT_DATE) {
			perr(p, tl->v[0].col, _("'full' is only for date "
			    "fields"));
			return;
		}
		ff->flags |= FF_FULL;
	} else if (strcmp(w, "scan") == 0) {
		if (ff->type != FT_TEXT) {
			perr(p, tl->v[0].col, _("'scan' is only for text "
			    "fields"));
			return;
		}
		ff->flags |= FF_SCAN;
	}
}

static void
d_required_if(struct fparse *p, const struct tokline *tl)
{
	cur_field(p)->required_if = expr_parse(tl, 1, p->file, p->line, p->el);
}

static void
d_default(struct fparse *p, const struct tokline *tl)
{
	cur_field(p)->defval = get_text(&tl->v[1]);
}

static void
d_range(struct fparse *p, const struct tokline *tl)
{
	struct form_field	*ff = cur_field(p);
	struct vdate		 today;
	long			 lo, hi;

	if (ff->type != FT_INT) {
		perr(p, tl->v[0].col, _("'range' is only for int fields"));
		return;
	}
	if (get_number(p, &tl->v[1], LONG_MIN / 2, LONG_MAX / 2, "range",
	    &lo) != 0)
		return;
	if (strcmp(tl->v[2].text, "now") == 0) {
		date_today(&today);
		if (lo > today.year) {
			perr(p, tl->v[1].col, _("range %ld now is empty: the "
			    "minimum is after this year"), lo);
			return;
		}
		ff->max_is_now = 1;
		hi = LONG_MAX / 2;
	} else if (get_number(p, &tl->v[2], LONG_MIN / 2, LONG_MAX / 2,
	    "range", &hi) != 0)
		return;
	if (lo > hi) {
		perr(p, tl->v[1].col, _("range %ld %ld is empty: the minimum "
		    "is above the maximum"), lo, hi);
		return;
	}
	ff->min = lo;
	ff->max = hi;
	ff->has_range = 1;
}

/* Is s a Ministry column code (letters and digits)? Reports it if not. */
static int
check_moj_name(struct fparse *p, const struct token *t)
{
	const char	*c;

	for (c = t->text; *c != '\0'; c++)
		if (!isalnum((u_char)*c))
			break;
	if (!isalpha((u_char)*t->text) || *c != '\0') {
		perr(p, t->col, _("Ministry column '%s' must be letters "
		    "and digits, such as nksHoTen"), t->text);
		return (-1);
	}
	return (0);
}

static void
d_moj(struct fparse *p, const struct tokline *tl)
{
	struct form_field	*ff = cur_field(p);

	if (check_moj_name(p, &tl->v[1]) != 0)
		return;
	if (strcmp(tl->v[0].text, "moj") == 0)
		ff->moj = xstrdup(tl->v[1].text);
	else
		ff->moj_else = xstrdup(tl->v[1].text);
}

static void
d_moj_value(struct fparse *p, const struct tokline *tl)
{
	struct form_enum	*e = &p->form->enums[p->cur];
	const char		*w = tl->v[1].text;

	if (strcmp(w, "code") == 0)
		e->moj_label = 0;
	else if (strcmp(w, "label") == 0)
		e->moj_label = 1;
	else
		perr(p, tl->v[1].col, _("moj-value is code or label, not "
		    "'%s'"), w);
}

static void
d_moj_sheet(struct fparse *p, const struct tokline *tl)
{
	struct form	*f = p->form;
	const char	*s = tl->v[1].text;

	if (f->moj_sheet != NULL) {
		perr(p, tl->v[0].col, _("'moj-sheet' given twice"));
		return;
	}
	/* Excel's rule for sheet names. */
	if (*s == '\0' || utf8_width(s) > 31 || strpbrk(s, "[]:*?/\\") !=
	    NULL) {
		perr(p, tl->v[1].col, _("sheet name must have 1 to 31 "
		    "characters and none of [ ] : * ? / \\"));
		return;
	}
	f->moj_sheet = xstrdup(s);
}

static void
d_moj_column(struct fparse *p, const struct tokline *tl)
{
	struct form		*f = p->form;
	struct form_column	*c;
	const struct token	*t = tl->n > 2 ? &tl->v[2] : NULL;
	size_t			 i;
	int			 row = 0;

	if (check_moj_name(p, &tl->v[1]) != 0)
		return;
	if (t != NULL && t->type == TOK_WORD) {
		if (strcmp(t->text, "row") != 0) {
			perr(p, t->col, _("moj-column: expected 'row' or a "
			    "header in \"quotes\", found '%s'"), t->text);
			return;
		}
		row = 1;
	}
	for (i = 0; i < f->ncolumns; i++) {
		if (strcmp(f->columns[i].name, tl->v[1].text) == 0) {
			perr(p, tl->v[1].col, _("Ministry column '%s' is "
			    "already listed at %s:%u"), tl->v[1].text,
			    f->columns[i].pos.file, f->columns[i].pos.line);
			return;
		}
		if (row && f->columns[i].row) {
			perr(p, t->col, _("only one column may be 'row': "
			    "'%s' is"), f->columns[i].name);
			return;
		}
	}
	if (t != NULL && t->type == TOK_STRING && *t->text == '\0') {
		perr(p, t->col, _("moj-column: the header is empty"));
		return;
	}
	f->columns = xreallocarray(f->columns, f->ncolumns + 1,
	    sizeof *f->columns);
	c = &f->columns[f->ncolumns++];
	memset(c, 0, sizeof *c);
	c->name = xstrdup(tl->v[1].text);
	c->header = t != NULL && t->type == TOK_STRING ? xstrdup(t->text) :
	    NULL;
	c->field = c->else_field = -1;
	c->row = row;
	c->pos = pos_here(p, tl->v[1].col);
}

static void
d_fieldref(struct fparse *p, const struct tokline *tl)
{
	struct form_field	*ff = cur_field(p);
	const char		*w = tl->v[0].text;
	char			**dst;

	if (strcmp(w, "doctype") == 0) {
		if (ff->type != FT_IDCARD) {
			perr(p, tl->v[0].col, _("'doctype' is only for idcard "
			    "fields"));
			return;
		}
		dst = &ff->doctype_name;
	} else {
		if (ff->type != FT_ID12) {
			perr(p, tl->v[0].col, _("'%s' is only for id12 fields"),
			    w);
			return;
		}
		dst = (strcmp(w, "sex") == 0) ? &ff->sex_name :
		    &ff->birth_name;
	}
	*dst = xstrdup(tl->v[1].text);
}

/* ------------------------------------------------------------------------
 * Rules and keys.
 */

static void
d_rule(struct fparse *p, const struct tokline *tl)
{
	struct form		*f = p->form;
	struct form_rule	*r;
	enum rule_level		 level;
	size_t			 i;

	if (check_key(p, &tl->v[1], _("rule id")) != 0)
		return;
	if (validate_is_check_code(tl->v[1].text)) {
		perr(p, tl->v[1].col, _("rule id '%s' is the name of a "
		    "built-in check"), tl->v[1].text);
		return;
	}
	if (strcmp(tl->v[2].text, "error") == 0)
		level = RL_ERROR;
	else if (strcmp(tl->v[2].text, "warning") == 0)
		level = RL_WARNING;
	else {
		perr(p, tl->v[2].col, _("rule level must be error or warning, "
		    "not '%s'"), tl->v[2].text);
		return;
	}
	for (i = 0; i < f->nrules; i++) {
		if (strcmp(f->rules[i].id, tl->v[1].text) == 0) {
			perr(p, tl->v[1].col, _("rule '%s' is already defined "
			    "at %s:%u"), tl->v[1].text, f->rules[i].pos.file,
			    f->rules[i].pos.line);
			return;
		}
	}
	f->rules = xreallocarray(f->rules, f->nrules + 1, sizeof *f->rules);
	r = &f->rules[f->nrules];
	memset(r, 0, sizeof *r);
	r->id = xstrdup(tl->v[1].text);
	r->level = level;
	r->pos = pos_here(p, tl->v[1].col);
	p->cur = f->nrules++;
	p->ctx = CTX_RULE;
}

static void
d_assert(struct fparse *p, const struct tokline *tl)
{
	cur_rule(p)->expr = expr_parse(tl, 1, p->file, p->line, p->el);
	if (cur_rule(p)->expr == NULL)
		cur_rule(p)->broken = 1;
}

static void
d_message(struct fparse *p, const struct tokline *tl)
{
	if (tl->v[1].text[0] == '\0') {
		perr(p, tl->v[1].col, _("the message is empty"));
		return;
	}
	cur_rule(p)->message = get_text(&tl->v[1]);
}

static void
d_on(struct fparse *p, const struct tokline *tl)
{
	struct form_rule	*r = cur_rule(p);
	size_t			 i;

	r->on_names = xcalloc(tl->n - 1, sizeof *r->on_names);
	for (i = 1; i < tl->n; i++)
		r->on_names[r->non++] = xstrdup(tl->v[i].text);
	r->on = xcalloc(r->non, sizeof *r->on);
	for (i = 0; i < r->non; i++)
		r->on[i] = -1;
}

static void
d_regno_key(struct fparse *p, const struct tokline *tl)
{
	int	i;

	if (p->regno_pos.line != 0) {
		perr(p, tl->v[0].col, _("'regno-key' given twice (first at "
		    "%s:%u)"), p->regno_pos.file, p->regno_pos.line);
		return;
	}
	p->regno_pos = pos_here(p, tl->v[0].col);
	for (i = 0; i < RK_COUNT; i++)
		p->regno_names[i] = xstrdup(tl->v[1 + i].text);
}

static void
d_person_key(struct fparse *p, const struct tokline *tl)
{
	size_t	i;

	if (p->person_pos.line != 0) {
		perr(p, tl->v[0].col, _("'person-key' given twice (first at "
		    "%s:%u)"), p->person_pos.file, p->person_pos.line);
		return;
	}
	if (tl->n - 1 > FORM_PERSON_KEY_MAX) {
		perr(p, tl->v[1 + FORM_PERSON_KEY_MAX].col, _("the person key "
		    "may have at most %d fields"), FORM_PERSON_KEY_MAX);
		return;
	}
	p->person_pos = pos_here(p, tl->v[0].col);
	for (i = 1; i < tl->n; i++)
		p->person_names[p->nperson_names++] = xstrdup(tl->v[i].text);
}

/* ------------------------------------------------------------------------
 * Lines and files.
 */

static const char *
ctx_name(enum ctx c)
{
	switch (c) {
	case CTX_FIELD:
		return ("field");
	case CTX_RULE:
		return ("rule");
	case CTX_ENUM:
		return ("enum");
	default:
		return ("");
	}
}

/* Check the tokens of tl against the argument shape of d. */
static int
check_args(struct fparse *p, const struct directive *d,
    const struct tokline *tl)
{
	const struct token	*t;
	const char		*a;
	size_t			 i = 1;
	char			 shape;
	int			 opt, rep;

	for (a = d->args; *a != '\0'; a++) {
		shape = *a;
		opt = (a[1] == '?');
		rep = (a[1] == '*');
		if (opt || rep)
			a++;
		if (i >= tl->n) {
			if (opt)
				return (0);
			perr(p, end_col(tl), _("%s: missing argument (usage: "
			    "%s)"), d->name, d->usage);
			return (-1);
		}
		if (shape == 'E')
			return (0);
		do {
			t = &tl->v[i];
			if (shape == 'S' && t->type != TOK_STRING) {
				perr(p, t->col, _("%s: expected text in "
				    "\"quotes\", found '%s' (usage: %s)"),
				    d->name, t->text, d->usage);
				return (-1);
			}
			if (shape != 'S' && t->type == TOK_STRING &&
			    shape != 'V') {
				perr(p, t->col, _("%s: expected a word, found "
				    "\"%s\" (usage: %s)"), d->name, t->text,
				    d->usage);
				return (-1);
			}
			if (t->type == TOK_OP) {
				perr(p, t->col, _("%s: unexpected '%s' (usage: "
				    "%s)"), d->name, t->text, d->usage);
				return (-1);
			}
			i++;
		} while (rep && i < tl->n);
	}
	if (i < tl->n) {
		perr(p, tl->v[i].col, _("%s: too many arguments (usage: %s)"),
		    d->name, d->usage);
		return (-1);
	}
	return (0);
}

static void
parse_line(struct fparse *p, const struct tokline *tl)
{
	const struct directive	*d = NULL;
	const struct token	*t = &tl->v[0];
	size_t			 i;

	if (t->type != TOK_WORD) {
		perr(p, t->col, _("a line must start with a directive, not "
		    "%s%s%s"), t->type == TOK_STRING ? "\"" : "'", t->text,
		    t->type == TOK_STRING ? "\"" : "'");
		return;
	}
	for (i = 0; i < sizeof directives / sizeof *directives; i++) {
		if (strcmp(directives[i].name, t->text) == 0) {
			d = &directives[i];
			break;
		}
	}
	if (d == NULL) {
		perr(p, t->col, _("unknown directive '%s'"), t->text);
		return;
	}
	if (p->version_line == 0 && strcmp(d->name, "hotich-form") != 0) {
		perr(p, t->col, _("the file must start with 'hotich-form %d'"),
		    FORM_LANG_VERSION);
		p->version_line = p->line;	/* say it once */
	}
	if (strcmp(d->name, "hotich-form") == 0) {
		if (p->version_line != 0) {
			perr(p, t->col, _("'hotich-form' must be the first "
			    "line of the file"));
			return;
		}
		p->version_line = p->line;
	}
	if (d->where == CTX_TOP) {
		p->ctx = d->block ? CTX_SKIP : CTX_TOP;
		p->attr_seen = 0;
	} else if (p->ctx == CTX_SKIP)
		return;		/* the block's first line was refused */
	else if (d->where != p->ctx) {
		perr(p, t->col, _("'%s' must be inside a block opened by "
		    "'%s'"), d->name, ctx_name(d->where));
		return;
	}
	p->seen |= d->seen;
	if (check_args(p, d, tl) != 0)
		return;
	if (d->once != 0) {
		if ((p->attr_seen & d->once) && p->ctx == CTX_FIELD) {
			perr(p, t->col, _("'%s' given twice for field '%s'"),
			    d->name, cur_field(p)->key);
			return;
		}
		if (p->attr_seen & d->once) {
			perr(p, t->col, _("'%s' given twice for rule '%s'"),
			    d->name, cur_rule(p)->id);
			return;
		}
		p->attr_seen |= d->once;
	}
	d->fn(p, tl);
}

/* Does line start with a directive that opens a block? */
static int
opens_block(const char *line)
{
	size_t	i, len;

	line += strspn(line, " \t");
	for (i = 0; i < sizeof directives / sizeof *directives; i++) {
		if (!directives[i].block)
			continue;
		len = strlen(directives[i].name);
		if (strncmp(line, directives[i].name, len) == 0 &&
		    (line[len] == ' ' || line[len] == '\t'))
			return (1);
	}
	return (0);
}

/* Parse the lines of one file (the form or an include). */
static void
parse_file(struct fparse *p, const char *file, const char *buf, size_t len)
{
	struct lines	 l;
	struct tokline	 tl;
	char		*cause;
	u_int		 col;
	u_int		 saved_version = p->version_line;

	p->file = file;
	p->version_line = 0;
	p->ctx = CTX_TOP;
	lines_init(&l, buf, len);
	while (lines_next(&l)) {
		p->line = l.lineno;
		if (l.bad != NULL) {
			perr(p, utf8_column(l.line, l.bad - l.line),
			    _("invalid UTF-8"));
			continue;
		}
		if (tok_split(l.line, &tl, &cause, &col) != 0) {
			perr(p, col, "%s", cause);
			free(cause);
			tok_free(&tl);
			/* Do not pin the block's attributes on the last one. */
			if (opens_block(l.line))
				p->ctx = CTX_SKIP;
			continue;
		}
		if (tl.n > 0)
			parse_line(p, &tl);
		tok_free(&tl);
	}
	lines_done(&l);
	if (p->version_line == 0)
		errlist_add(p->el, file, 0, 0, _("the file has no "
		    "'hotich-form %d' line"), FORM_LANG_VERSION);
	p->version_line = saved_version;
}

/* ------------------------------------------------------------------------
 * Resolution and cross-checks, once every line is read.
 */

/*
 * Resolve name to a field index; if it is unknown, say so at pos, with
 * what (such as "field 'id': birth") in front.
 */
static int
resolve_field(struct fparse *p, const char *name, const struct form_pos *pos,
    const char *what)
{
	int	i;

	if ((i = form_field_index(p->form, name)) < 0)
		perr_at(p, pos, _("%s: unknown field '%s'"), what, name);
	return (i);
}

static void
finish_field(struct fparse *p, struct form_field *ff)
{
	struct form	*f = p->form;
	struct vdate	 today;
	size_t		 i;
	int		 j;
	char		*cause, *what;

	if (ff->label == NULL)
		perr_at(p, &ff->pos, _("field '%s' has no label"), ff->key);
	if (ff->enum_name != NULL) {
		for (i = 0; i < f->nenums; i++)
			if (strcmp(f->enums[i].name, ff->enum_name) == 0)
				ff->enm = &f->enums[i];
		if (ff->enm == NULL)
			perr_at(p, &ff->pos, _("field '%s': unknown enum '%s'"),
			    ff->key, ff->enum_name);
	}
	if (ff->lookup_name != NULL) {
		for (i = 0; i < f->nlookups; i++)
			if (strcmp(f->lookups[i].name, ff->lookup_name) == 0)
				ff->lookup = &f->lookups[i];
		if (ff->lookup == NULL)
			perr_at(p, &ff->pos, _("field '%s': unknown lookup "
			    "list '%s'"), ff->key, ff->lookup_name);
	}
	if (ff->sex_name != NULL) {
		xasprintf(&what, _("field '%s', attribute '%s'"), ff->key,
		    "sex");
		j = resolve_field(p, ff->sex_name, &ff->pos, what);
		free(what);
		if (j >= 0 && f->fields[j].type != FT_ENUM) {
			perr_at(p, &ff->pos, _("field '%s': sex field '%s' "
			    "must be an enum"), ff->key, ff->sex_name);
			j = -1;
		}
		ff->sex_field = j;
	}
	if (ff->birth_name != NULL) {
		xasprintf(&what, _("field '%s', attribute '%s'"), ff->key,
		    "birth");
		j = resolve_field(p, ff->birth_name, &ff->pos, what);
		free(what);
		if (j >= 0 && f->fields[j].type != FT_DATE &&
		    f->fields[j].type != FT_INT) {
			perr_at(p, &ff->pos, _("field '%s': birth field '%s' "
			    "must be a date or a year (int)"), ff->key,
			    ff->birth_name);
			j = -1;
		}
		ff->birth_field = j;
	}
	if (ff->doctype_name != NULL) {
		xasprintf(&what, _("field '%s', attribute '%s'"), ff->key,
		    "doctype");
		j = resolve_field(p, ff->doctype_name, &ff->pos, what);
		free(what);
		if (j >= 0 && f->fields[j].type != FT_ENUM) {
			perr_at(p, &ff->pos, _("field '%s': doctype field '%s' "
			    "must be an enum"), ff->key, ff->doctype_name);
			j = -1;
		}
		ff->doctype_field = j;
	}
	if (ff->required_if != NULL && (ff->flags & FF_REQUIRED)) {
		perr_at(p, &ff->pos, _("field '%s' is both required and "
		    "required-if"), ff->key);
	}
	if (ff->required_if != NULL && expr_resolve(ff->required_if, f,
	    ff->pos.file, p->el) != 0) {
		expr_free(ff->required_if);
		ff->required_if = NULL;
	}
	if (ff->defval != NULL && (ff->enm != NULL || ff->type != FT_ENUM) &&
	    (ff->lookup != NULL || ff->type != FT_CODE)) {
		date_today(&today);
		if (validate_value(ff, ff->defval, &today, &cause) ==
		    VL_ERROR) {
			perr_at(p, &ff->pos, _("field '%s': bad default: %s"),
			    ff->key, cause);
			free(cause);
		} else
			free(cause);
	}
}

static void
finish_rule(struct fparse *p, struct form_rule *r)
{
	size_t	 i;
	int	 j;
	char	*what;

	if (r->expr == NULL) {
		if (!r->broken)
			perr_at(p, &r->pos, _("rule '%s' has no 'assert' line"),
			    r->id);
	} else if (expr_resolve(r->expr, p->form, r->pos.file, p->el) != 0) {
		expr_free(r->expr);
		r->expr = NULL;
	}
	if (r->message == NULL)
		perr_at(p, &r->pos, _("rule '%s' has no 'message' line"),
		    r->id);
	xasprintf(&what, _("rule '%s', attribute '%s'"), r->id, "on");
	for (i = 0; i < r->non; i++)
		r->on[i] = resolve_field(p, r->on_names[i], &r->pos, what);
	free(what);
	if (r->non == 0 && r->expr != NULL &&
	    (j = expr_first_field(r->expr)) >= 0) {
		r->on = xcalloc(1, sizeof *r->on);
		r->on[0] = j;
		r->non = 1;
	}
}

/* The column of f's template named name, for field ff; NULL if none. */
static struct form_column *
finish_column(struct fparse *p, const struct form_field *ff, const char *name)
{
	struct form	*f = p->form;
	size_t		 k;

	if (f->ncolumns == 0)
		return (NULL);
	for (k = 0; k < f->ncolumns; k++)
		if (strcmp(f->columns[k].name, name) == 0)
			break;
	if (k == f->ncolumns) {
		perr_at(p, &ff->pos, _("field '%s': Ministry column '%s' is "
		    "not among the moj-column lines"), ff->key, name);
		return (NULL);
	}
	if (f->columns[k].row) {
		perr_at(p, &ff->pos, _("field '%s': Ministry column '%s' is "
		    "the row number"), ff->key, name);
		return (NULL);
	}
	return (&f->columns[k]);
}

/*
 * Tie the template's columns to the fields naming them, and find the scan
 * field: a field's column must be one of the template's when it lists
 * them, and only one field holds the scan.
 */
static void
finish_columns(struct fparse *p)
{
	struct form		*f = p->form;
	struct form_field	*ff;
	struct form_column	*c;
	size_t			 i;

	f->scan_field = -1;
	if (f->moj_sheet != NULL && f->ncolumns == 0)
		errlist_add(p->el, p->form->path, 0, 0, _("'moj-sheet' is "
		    "given but no 'moj-column'"));
	for (i = 0; i < f->nfields; i++) {
		ff = &f->fields[i];
		if (ff->flags & FF_SCAN) {
			if (f->scan_field >= 0)
				perr_at(p, &ff->pos, _("field '%s': only one "
				    "field may be 'scan': '%s' is"), ff->key,
				    f->fields[f->scan_field].key);
			else
				f->scan_field = (int)i;
		}
		if (ff->moj != NULL && (c = finish_column(p, ff,
		    ff->moj)) != NULL && c->field < 0)
			c->field = (int)i;
		if (ff->moj_else == NULL)
			continue;
		if (ff->moj != NULL && strcmp(ff->moj, ff->moj_else) == 0) {
			perr_at(p, &ff->pos, _("field '%s': moj-else names its "
			    "own column '%s'"), ff->key, ff->moj);
			continue;
		}
		if ((c = finish_column(p, ff, ff->moj_else)) == NULL)
			continue;
		if (c->else_field >= 0)
			perr_at(p, &ff->pos, _("field '%s': column '%s' is "
			    "already filled by '%s' when empty"), ff->key,
			    c->name, f->fields[c->else_field].key);
		else
			c->else_field = (int)i;
	}
}

static void
finish(struct fparse *p, const char *path)
{
	struct form		*f = p->form;
	struct form_field	*ff;
	size_t			 i, k;
	int			 j;

	/* A line that was given but refused has been reported already. */
	if (!(p->seen & SEEN_FORM))
		errlist_add(p->el, path, 0, 0, _("missing 'form ID' line"));
	if (!(p->seen & SEEN_TITLE))
		errlist_add(p->el, path, 0, 0, _("missing 'title' line"));
	if (!(p->seen & SEEN_REGISTER))
		errlist_add(p->el, path, 0, 0, _("missing 'register' line"));
	if (f->nfields == 0)
		errlist_add(p->el, path, 0, 0, _("the form has no fields"));
	for (i = 0; i < f->nenums; i++) {
		if (f->enums[i].noptions == 0)
			perr_at(p, &f->enums[i].pos, _("enum '%s' has no "
			    "options"), f->enums[i].name);
	}
	for (i = 0; i < f->nfields; i++)
		finish_field(p, &f->fields[i]);
	for (i = 0; i < f->nfields; i++) {
		ff = &f->fields[i];
		for (k = 0; ff->moj != NULL && k < i; k++) {
			if (f->fields[k].moj != NULL &&
			    strcmp(f->fields[k].moj, ff->moj) == 0) {
				perr_at(p, &ff->pos, _("field '%s': Ministry "
				    "column '%s' is already used by '%s'"),
				    ff->key, ff->moj, f->fields[k].key);
				break;
			}
		}
	}
	finish_columns(p);
	for (i = 0; i < f->nrules; i++)
		finish_rule(p, &f->rules[i]);

	for (i = 0; i < RK_COUNT; i++)
		f->regno_key[i] = -1;
	if (p->regno_pos.line != 0) {
		for (i = 0; i < RK_COUNT; i++) {
			for (k = 0; k < i; k++)
				if (strcmp(p->regno_names[k],
				    p->regno_names[i]) == 0)
					break;
			if (k < i)	/* the same name: reported once */
				f->regno_key[i] = f->regno_key[k];
			else
				f->regno_key[i] = resolve_field(p,
				    p->regno_names[i], &p->regno_pos,
				    "regno-key");
		}
		j = f->regno_key[RK_NUMBER];
		if (j >= 0 && f->fields[j].type != FT_REGNO)
			perr_at(p, &p->regno_pos, _("regno-key: the NUMBER "
			    "field '%s' must be of type regno"),
			    f->fields[j].key);
		j = f->regno_key[RK_YEAR];
		if (j >= 0 && f->fields[j].type != FT_INT &&
		    f->fields[j].type != FT_DATE)
			perr_at(p, &p->regno_pos, _("regno-key: the YEAR field "
			    "'%s' must be an int or a date"),
			    f->fields[j].key);
	} else if (f->nfields > 0 && !(p->seen & SEEN_REGNO_KEY))
		errlist_add(p->el, path, 0, 0, _("missing 'regno-key' line"));
	if (p->person_pos.line != 0) {
		for (i = 0; i < p->nperson_names; i++) {
			j = resolve_field(p, p->person_names[i],
			    &p->person_pos, "person-key");
			if (j >= 0)
				f->person_key[f->nperson_key++] = j;
		}
	} else if (f->nfields > 0 && !(p->seen & SEEN_PERSON_KEY))
		errlist_add(p->el, path, 0, 0, _("missing 'person-key' line"));
}

/*
 * Parse the form definition held in buf (len bytes). path names it in
 * messages and is the directory includes and lookup lists are found
 * from. Every problem is added to el. Return the form (the caller frees
 * it with form_free) if there was none, else NULL.
 */
struct form *
form_parse_buffer(const char *path, const char *buf, size_t len,
    struct errlist *el)
{
	struct fparse	 p;
	size_t		 before = errlist_count(el), i;
	const char	*file;
	char		*real;

	memset(&p, 0, sizeof p);
	p.form = xcalloc(1, sizeof *p.form);
	p.form->path = xstrdup(path);
	p.el = el;
	if ((real = realpath(path, NULL)) == NULL)
		real = xstrdup(path);
	p.stack[0] = form_add_file(p.form, real);
	free(real);
	file = form_add_file(p.form, path);
	parse_file(&p, file, buf, len);
	finish(&p, file);

	for (i = 0; i < RK_COUNT; i++)
		free(p.regno_names[i]);
	for (i = 0; i < p.nperson_names; i++)
		free(p.person_names[i]);
	if (errlist_count(el) != before) {
		form_free(p.form);
		return (NULL);
	}
	return (p.form);
}

/*
 * Read and parse the form definition in the file path; as
 * form_parse_buffer. A file that cannot be read is one error.
 */
struct form *
form_load(const char *path, struct errlist *el)
{
	struct form	*f;
	char		*buf;
	size_t		 len;

	if ((buf = lines_load(path, &len, el)) == NULL)
		return (NULL);
	f = form_parse_buffer(path, buf, len, el);
	free(buf);
	return (f);
}
