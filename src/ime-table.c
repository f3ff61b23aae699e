/*
 * ime-table.c: read an input-method file (keymaps/NAME.im).
 *
 * The file says which key does what; the syllable rules are in ime.c.
 * One directive a line (hotich-keymaps(5)):
 *
 *	hotich-im 1
 *	title "Telex"
 *	order free | postfix
 *	key KEY tone none|grave|hook|tilde|acute|dot
 *	key KEY mark circumflex|breve|horn|stroke LETTERS
 *	key KEY alone LETTER MARK
 *	escape KEY
 *	keep WORD...
 *
 * Like the form parser, it reports every problem as FILE:LINE:COL: message
 * and goes on; the table is returned only when there was none.
 */

#include "config.h"

#include <sys/types.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "errlist.h"
#include "i18n.h"
#include "ime.h"
#include "lines.h"
#include "tok.h"
#include "utf8.h"
#include "xmalloc.h"

#define IME_LANG_VERSION	1

struct iparse {
	struct ime_table	*t;
	struct errlist		*el;
	const char		*file;
	u_int			 line;
	u_int			 version_line;
	u_int			 order_line;
	u_int			 escape_line;
	u_int			 title_line;
	size_t			 errors;
};

static const char *tone_names[IME_TONE_COUNT] = {
	"none", "grave", "hook", "tilde", "acute", "dot"
};
static const char *mark_names[IME_MARK_COUNT] = {
	NULL, "circumflex", "breve", "horn", "stroke"
};
/* The letters each mark can go on. */
static const char *mark_letters[IME_MARK_COUNT] = {
	NULL, "aeo", "a", "ou", "d"
};

static void
perr(struct iparse *p, u_int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
perr(struct iparse *p, u_int col, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	errlist_vadd(p->el, p->file, p->line, col, fmt, ap);
	va_end(ap);
	p->errors++;
}

static int
find_name(const char **names, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (names[i] != NULL && strcmp(names[i], s) == 0)
			return ((int)i);
	return (-1);
}

/*
 * Read the key in token t: one printable ASCII character other than a
 * space, as a word or a "string". Letters are folded to lower case.
 * Return it, or -1 after reporting.
 */
static int
get_key(struct iparse *p, const struct token *t)
{
	int	c = (u_char)t->text[0];

	if (t->text[0] == '\0' || t->text[1] != '\0' || c <= ' ' ||
	    c >= 0x7f) {
		perr(p, t->col, _("a key is one printable ASCII character "
		    "other than a space, not \"%s\""), t->text);
		return (-1);
	}
	return (tolower(c));
}

static void
d_version(struct iparse *p, const struct tokline *tl)
{
	if (tl->n != 2 || strcmp(tl->v[1].text, "1") != 0) {
		perr(p, tl->n > 1 ? tl->v[1].col : tl->v[0].col,
		    _("unsupported version: this is 'hotich-im %d'"),
		    IME_LANG_VERSION);
	}
}

static void
d_title(struct iparse *p, const struct tokline *tl)
{
	if (tl->n != 2 || tl->v[1].type != TOK_STRING) {
		perr(p, tl->v[0].col, _("usage: %s"), "title \"TEXT\"");
		return;
	}
	if (p->title_line != 0) {
		perr(p, tl->v[0].col, _("'%s' given twice (first on line "
		    "%u)"), "title", p->title_line);
		return;
	}
	p->title_line = p->line;
	free(p->t->title);
	p->t->title = xstrdup(tl->v[1].text);
}

static void
d_order(struct iparse *p, const struct tokline *tl)
{
	if (tl->n != 2 || tl->v[1].type != TOK_WORD) {
		perr(p, tl->v[0].col, _("usage: %s"), "order free|postfix");
		return;
	}
	if (p->order_line != 0) {
		perr(p, tl->v[0].col, _("'%s' given twice (first on line "
		    "%u)"), "order", p->order_line);
		return;
	}
	if (strcmp(tl->v[1].text, "free") == 0)
		p->t->postfix = 0;
	else if (strcmp(tl->v[1].text, "postfix") == 0)
		p->t->postfix = 1;
	else {
		perr(p, tl->v[1].col, _("unknown order '%s' (known: free, "
		    "postfix)"), tl->v[1].text);
		return;
	}
	p->order_line = p->line;
}

static void
d_escape(struct iparse *p, const struct tokline *tl)
{
	int	c;

	if (tl->n != 2) {
		perr(p, tl->v[0].col, _("usage: %s"), "escape KEY");
		return;
	}
	if (p->escape_line != 0) {
		perr(p, tl->v[0].col, _("'%s' given twice (first on line "
		    "%u)"), "escape", p->escape_line);
		return;
	}
	if ((c = get_key(p, &tl->v[1])) == -1)
		return;
	if (isalpha(c)) {
		perr(p, tl->v[1].col, _("the escape key cannot be a letter"));
		return;
	}
	if (p->t->keys[c].what != 0) {
		perr(p, tl->v[1].col, _("'%c' is already a key of the input "
		    "method"), c);
		return;
	}
	p->t->escape = c;
	p->escape_line = p->line;
}

static void
d_keep(struct iparse *p, const struct tokline *tl)
{
	struct ime_table	*t = p->t;
	size_t			 i;
	const char		*s;

	if (tl->n < 2) {
		perr(p, tl->v[0].col, _("usage: %s"), "keep WORD...");
		return;
	}
	for (i = 1; i < tl->n; i++) {
		for (s = tl->v[i].text; isalpha((u_char)*s); s++)
			;
		if (*s != '\0' || s == tl->v[i].text ||
		    s - tl->v[i].text > IME_WORD_MAX) {
			perr(p, tl->v[i].col, _("'%s' is not a word of ASCII "
			    "letters"), tl->v[i].text);
			continue;
		}
		t->keep = xreallocarray(t->keep, t->nkeep + 1,
		    sizeof *t->keep);
		t->keep[t->nkeep] = xstrdup(tl->v[i].text);
		for (s = t->keep[t->nkeep]; *s != '\0'; s++)
			*(char *)s = tolower((u_char)*s);
		t->nkeep++;
	}
}

/* Read the LETTERS of a mark: each must be able to take the mark. */
static u_int
get_targets(struct iparse *p, const struct token *t, enum ime_mark m)
{
	const char	*s;
	u_int		 bits = 0;

	for (s = t->text; *s != '\0'; s++) {
		if (!islower((u_char)*s) || strchr(mark_letters[m], *s) ==
		    NULL) {
			perr(p, t->col, _("a %s goes on %s, not on '%s'"),
			    mark_names[m], mark_letters[m], t->text);
			return (0);
		}
		bits |= 1U << (*s - 'a');
	}
	if (bits == 0)
		perr(p, t->col, _("a %s goes on %s, not on '%s'"),
		    mark_names[m], mark_letters[m], t->text);
	return (bits);
}

static void
d_key(struct iparse *p, const struct tokline *tl)
{
	struct ime_keydef	*k;
	const char		*action;
	int			 c, i;
	u_int			 bits;

	if (tl->n < 3) {
		perr(p, tl->v[0].col, _("usage: %s"), "key KEY tone|mark|"
		    "alone ...");
		return;
	}
	if ((c = get_key(p, &tl->v[1])) == -1)
		return;
	if (c == p->t->escape) {
		perr(p, tl->v[1].col, _("'%c' is the escape key"), c);
		return;
	}
	k = &p->t->keys[c];
	action = tl->v[2].text;
	if (strcmp(action, "tone") == 0) {
		if (tl->n != 4) {
			perr(p, tl->v[2].col, _("usage: %s"), "key KEY tone "
			    "none|grave|hook|tilde|acute|dot");
			return;
		}
		i = find_name(tone_names, IME_TONE_COUNT, tl->v[3].text);
		if (i == -1) {
			perr(p, tl->v[3].col, _("unknown tone '%s' (known: "
			    "none, grave, hook, tilde, acute, dot)"),
			    tl->v[3].text);
			return;
		}
		if (k->what != 0) {
			perr(p, tl->v[1].col, _("key '%c' already does "
			    "something: a tone key does nothing else"), c);
			return;
		}
		k->what = IME_DO_TONE;
		k->tone = i;
	} else if (strcmp(action, "mark") == 0) {
		if (tl->n != 5) {
			perr(p, tl->v[2].col, _("usage: %s"), "key KEY mark "
			    "circumflex|breve|horn|stroke LETTERS");
			return;
		}
		i = find_name(mark_names, IME_MARK_COUNT, tl->v[3].text);
		if (i == -1) {
			perr(p, tl->v[3].col, _("unknown mark '%s' (known: "
			    "circumflex, breve, horn, stroke)"),
			    tl->v[3].text);
			return;
		}
		if ((bits = get_targets(p, &tl->v[4], i)) == 0)
			return;
		if (k->what & IME_DO_TONE) {
			perr(p, tl->v[1].col, _("key '%c' already does "
			    "something: a tone key does nothing else"), c);
			return;
		}
		if (k->targets[i] != 0) {
			perr(p, tl->v[3].col, _("key '%c' already puts a %s"),
			    c, mark_names[i]);
			return;
		}
		k->what |= IME_DO_MARK;
		k->targets[i] = bits;
	} else if (strcmp(action, "alone") == 0) {
		if (tl->n != 5) {
			perr(p, tl->v[2].col, _("usage: %s"), "key KEY alone "
			    "LETTER circumflex|breve|horn");
			return;
		}
		i = find_name(mark_names, IME_MARK_COUNT, tl->v[4].text);
		if (i == -1 || i == IME_MARK_STROKE) {
			perr(p, tl->v[4].col, _("unknown vowel mark '%s' "
			    "(known: circumflex, breve, horn)"),
			    tl->v[4].text);
			return;
		}
		if (strlen(tl->v[3].text) != 1 ||
		    !islower((u_char)tl->v[3].text[0]) ||
		    strchr(mark_letters[i], tl->v[3].text[0]) == NULL) {
			perr(p, tl->v[3].col, _("a %s goes on %s, not on "
			    "'%s'"), mark_names[i], mark_letters[i],
			    tl->v[3].text);
			return;
		}
		if (k->what & IME_DO_TONE) {
			perr(p, tl->v[1].col, _("key '%c' already does "
			    "something: a tone key does nothing else"), c);
			return;
		}
		if (k->what & IME_DO_ALONE) {
			perr(p, tl->v[1].col, _("key '%c' already has an "
			    "alone letter"), c);
			return;
		}
		k->what |= IME_DO_ALONE;
		k->alone_base = tl->v[3].text[0];
		k->alone_mark = i;
	} else
		perr(p, tl->v[2].col, _("unknown action '%s' (known: tone, "
		    "mark, alone)"), action);
}

static const struct {
	const char	*name;
	void		(*fn)(struct iparse *, const struct tokline *);
} directives[] = {
	{ "escape", d_escape },
	{ "hotich-im", d_version },
	{ "keep", d_keep },
	{ "key", d_key },
	{ "order", d_order },
	{ "title", d_title }
};

static void
parse_line(struct iparse *p, const struct tokline *tl)
{
	const struct token	*t = &tl->v[0];
	size_t			 i;

	if (t->type != TOK_WORD) {
		perr(p, t->col, _("a line must start with a directive"));
		return;
	}
	for (i = 0; i < sizeof directives / sizeof *directives; i++)
		if (strcmp(directives[i].name, t->text) == 0)
			break;
	if (i == sizeof directives / sizeof *directives) {
		perr(p, t->col, _("unknown directive '%s' (known: hotich-im, "
		    "title, order, key, escape, keep)"), t->text);
		return;
	}
	if (p->version_line == 0) {
		p->version_line = p->line;
		if (strcmp(t->text, "hotich-im") != 0) {
			perr(p, t->col, _("the file must start with "
			    "'hotich-im %d'"), IME_LANG_VERSION);
			return;
		}
	} else if (strcmp(t->text, "hotich-im") == 0) {
		perr(p, t->col, _("'hotich-im' must be the first line of the "
		    "file"));
		return;
	}
	directives[i].fn(p, tl);
}

/*
 * Parse an input method from buf (len bytes; need not be NUL-terminated)
 * read from file (used in messages). Every problem is added to el as
 * FILE:LINE:COL: message. Return the table (free it with ime_table_free)
 * or NULL if there was any problem.
 */
struct ime_table *
ime_table_parse(const char *file, const char *buf, size_t len,
    struct errlist *el)
{
	struct iparse	 p;
	struct lines	 l;
	struct tokline	 tl;
	char		*cause;
	u_int		 col;
	int		 c, any = 0;

	memset(&p, 0, sizeof p);
	p.t = xcalloc(1, sizeof *p.t);
	p.t->escape = -1;
	p.el = el;
	p.file = file;
	lines_init(&l, buf, len);
	while (lines_next(&l)) {
		p.line = l.lineno;
		if (l.bad != NULL) {
			perr(&p, utf8_column(l.line, l.bad - l.line),
			    _("invalid UTF-8"));
			continue;
		}
		if (tok_split(l.line, &tl, &cause, &col) != 0) {
			perr(&p, col, "%s", cause);
			free(cause);
		} else if (tl.n > 0)
			parse_line(&p, &tl);
		tok_free(&tl);
	}
	lines_done(&l);
	p.line = 0;
	if (p.version_line == 0)
		perr(&p, 0, _("the file has no 'hotich-im %d' line"),
		    IME_LANG_VERSION);
	for (c = 0; c < 128; c++)
		any |= p.t->keys[c].what != 0;
	if (!any && p.errors == 0)
		perr(&p, 0, _("the input method has no keys"));
	if (p.errors != 0) {
		ime_table_free(p.t);
		return (NULL);
	}
	if (p.t->title == NULL)
		p.t->title = xstrdup(file);
	return (p.t);
}

/*
 * Read and parse the input-method file at path. Problems go to el as with
 * ime_table_parse (a file that cannot be read as "PATH: reason"). Return
 * the table or NULL.
 */
struct ime_table *
ime_table_load(const char *path, struct errlist *el)
{
	struct ime_table	*t;
	char			*buf;
	size_t			 len;

	if ((buf = lines_load(path, &len, el)) == NULL)
		return (NULL);
	t = ime_table_parse(path, buf, len, el);
	free(buf);
	return (t);
}

/* Free an input method; t may be NULL. */
void
ime_table_free(struct ime_table *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nkeep; i++)
		free(t->keep[i]);
	free(t->keep);
	free(t->title);
	free(t);
}

/* Return the title of an input method (its "title" line or file name). */
const char *
ime_table_title(const struct ime_table *t)
{
	return (t->title);
}
