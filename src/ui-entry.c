/*
 * ui-entry.c: the entry form: one screen per form file, typed field by
 * field with the eyes on the paper.
 *
 * The screen is a scrolling column of sections and fields under a header
 * naming the book, with a line for the field's help or its problem, the
 * status line and the key bar. A keystroke in a field repaints that field
 * only; ncurses sends the few bytes that changed. Leaving a field checks
 * it and writes the draft (a small transaction), so a dropped link or a
 * killed process loses at most the field being typed; saving checks the
 * whole entry, writes it and forgets the draft in one transaction.
 *
 * The same form re-keys a stored entry blind, to verify it
 * (ui_entry_verify): it starts empty but for the registration number,
 * which tells the reviewer where the entry is in the paper book, and
 * shows nothing the clerk typed. Leaving a field whose value or status
 * differs from the clerk's beeps and shows both; the reviewer says which
 * is right or types a third. Saving writes the decided values and who
 * was wrong where (store_verify). No draft is kept of a re-keying, and
 * nothing that would show the clerk's values (the probable duplicates,
 * the book's entries, ditto) is offered.
 */

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>

#include "entry.h"
#include "i18n.h"
#include "ledit.h"
#include "lookup.h"
#include "dedup-find.h"
#include "dedup.h"
#include "regcheck.h"
#include "store.h"
#include "ui.h"
#include "utf8.h"
#include "vntext.h"
#include "xmalloc.h"

#define LABEL_X		2
#define LABEL_W		27
#define FIELD_X		(LABEL_X + LABEL_W + 1)
#define BODY_Y		1		/* first line of the body */

#define CAND_MAX	3	/* probable duplicates shown */
#define PANEL_COLS	120	/* from this width, beside the form */
#define PANEL_X		82

/* What was decided of a field when re-keying. */
enum vdecision {
	VD_NONE,		/* not compared yet */
	VD_SAME,		/* the reviewer typed what the clerk did */
	VD_CLERK,		/* they differ; the clerk was right */
	VD_MINE,		/* they differ; the reviewer was right */
	VD_RETYPE,		/* neither: a third value is being typed */
	VD_THIRD		/* neither; the third value typed is right */
};

struct eview {
	struct ui		*ui;
	const struct form	*f;
	const struct rec	*book;
	struct entry		*e;
	struct rec		*prev;		/* the entry saved before */
	struct ledit		 le;		/* the current field's text */
	size_t			 hoff;		/* its first letter shown */

	int			*rows;		/* field i, or -1 - section */
	size_t			 nrows;
	int			*rowof;		/* field to row, -1 if none */
	size_t			 top;

	enum vlevel		*lvl;		/* per field: its problem */
	char			**why;
	u_long			 count;		/* entries saved in the book */
	int			 drafted;	/* a draft may be stored */
	int			 reason;	/* a repeat's reason field */
	uint64_t		 repeat_of;	/* the entry the number
						   repeats; 0: none */
	char			*repeat_why;	/*   and what was found */

	struct dedup_form	*df;		/* the form, for dedup_find */
	struct dedup_cand	 cand[CAND_MAX];	/* stored entries that may
						   be this person, best first */
	char			*cand_text[CAND_MAX];
	size_t			 ncand;
	char			*hint;		/* the person in another
						   register, or NULL */

	/* Re-keying to verify (ui_entry_verify); ref NULL otherwise. */
	const struct rec	*ref;		/* the entry the clerk typed */
	const char		*vhead;		/* "Re-keying entry N of M" */
	enum vdecision		*dec;		/* per field */
	char			**agreed;	/* per field: the value
						   decided on, or NULL */
	enum field_status	*agreed_st;
	int			 verified;	/* store_verify done */
};

/* The operations a re-keying does not offer: they show stored values. */
static const enum op verify_hidden[] = {
	OP_ENTRIES, OP_NUMBERS, OP_CANDIDATES, OP_DITTO, OP_NONE
};

/* What the clerk did when asked why a number repeats. */
enum reason_answer {
	REASON_SET,		/* a reason was chosen */
	REASON_STAY,		/* the number is to be corrected */
	REASON_OPENED		/* the entry already saved was opened */
};

static enum reason_answer settle_repeat(struct eview *);
static int	verify_field(struct eview *, int);

static int
body_lines(void)
{
	return (LINES - 4 - BODY_Y + 1);
}

static int
ime_allowed(const struct form_field *ff)
{
	return (ff->type == FT_TEXT || ff->type == FT_NAME ||
	    ff->type == FT_PLACE);
}

static void
layout(struct eview *v)
{
	const struct form	*f = v->f;
	size_t			 i, sec = (size_t)-1;

	v->rows = xcalloc(f->nfields + f->nsections + 1, sizeof *v->rows);
	v->rowof = xcalloc(f->nfields, sizeof *v->rowof);
	v->nrows = 0;
	for (i = 0; i < f->nfields; i++) {
		v->rowof[i] = -1;
		if (entry_in_book_key(f, i) || (v->ref != NULL &&
		    (int)i == f->regno_key[RK_NUMBER]))
			continue;
		if (f->fields[i].section != sec) {
			sec = f->fields[i].section;
			v->rows[v->nrows++] = -1 - (int)sec;
		}
		v->rowof[i] = (int)v->nrows;
		v->rows[v->nrows++] = (int)i;
	}
}

/* The label of an enum option or a lookup entry for value, or NULL. */
static const char *
value_label(const struct form_field *ff, const char *value)
{
	const struct form_option	*o;
	const struct lookup_entry	*le;

	if (*value == '\0')
		return (NULL);
	if (ff->type == FT_ENUM && ff->enm != NULL &&
	    (o = form_enum_find(ff->enm, value)) != NULL)
		return (o->label);
	if (ff->type == FT_CODE && ff->lookup != NULL &&
	    ff->lookup->list != NULL &&
	    (le = lookup_find(ff->lookup->list, value, NULL)) != NULL)
		return (le->name);
	return (NULL);
}

static const char *
status_mark(enum field_status st)
{
	switch (st) {
	case FS_BLANK:
		return (_("B"));	/* TRANSLATORS: one letter: blank */
	case FS_ILLEGIBLE:
		return (_("I"));	/* TRANSLATORS: illegible */
	case FS_PARTIAL:
		return (_("P"));	/* TRANSLATORS: partly legible */
	case FS_STRUCK:
		return (_("S"));	/* TRANSLATORS: struck out */
	default:
		return (" ");
	}
}

static int
field_width(const struct form_field *ff)
{
	int	w = (int)ff->width;

	if (w <= 0)
		w = 20;
	if (w > COLS - FIELD_X - 2)
		w = COLS - FIELD_X - 2;
	return (w);
}

/* Draw field i's line; returns the cursor column when it is current. */
static int
draw_field(struct eview *v, int i)
{
	const struct form_field	*ff = &v->f->fields[i];
	const char		*lab;
	int			 y, w, x, cx = FIELD_X, cur = (i == v->e->cur);
	char			*typed = NULL;
	size_t			 k, cells;
	attr_t			 a = A_NORMAL;

	if (v->rowof[i] < 0 || (size_t)v->rowof[i] < v->top ||
	    (size_t)v->rowof[i] >= v->top + (size_t)body_lines())
		return (-1);
	y = BODY_Y + v->rowof[i] - (int)v->top;
	w = field_width(ff);

	/* The mark: status letter, else the problem. */
	move(y, 0);
	if (v->e->st[i] != FS_OK) {
		attron(A_BOLD);
		ui_put(y, 0, status_mark(v->e->st[i]), 1);
		attroff(A_BOLD);
	} else if (v->lvl[i] == VL_ERROR) {
		attron(A_BOLD | (v->ui->colors ? COLOR_PAIR(1) : 0));
		addch('!');
		attroff(A_BOLD | (v->ui->colors ? COLOR_PAIR(1) : 0));
	} else if (v->lvl[i] == VL_WARNING) {
		attron(A_BOLD | (v->ui->colors ? COLOR_PAIR(2) : 0));
		addch('?');
		attroff(A_BOLD | (v->ui->colors ? COLOR_PAIR(2) : 0));
	} else
		addch(' ');
	addch(' ');

	/* The label: bold when current, dim when skipped (empty). */
	if (cur)
		a = A_BOLD;
	else if (*v->e->val[i] == '\0' && v->e->st[i] == FS_OK)
		a = A_DIM;
	attron(a);
	ui_put(y, LABEL_X, ff->label != NULL ? ff->label : ff->key,
	    LABEL_W);
	attroff(a);
	addch(' ');

	/* The value: the editor's letters when current. */
	if (cur) {
		if (v->le.cur < v->hoff)
			v->hoff = v->le.cur;
		for (;;) {
			for (cells = 0, k = v->hoff; k < v->le.cur; k++)
				cells += wcwidth((wchar_t)v->le.v[k]) > 1 ? 2 :
				    1;
			if ((int)cells < w || v->hoff >= v->le.cur)
				break;
			v->hoff++;
		}
		cx = FIELD_X + (int)cells;
		move(y, FIELD_X);
		x = ui_put_letters(v->le.v + v->hoff, v->le.n - v->hoff, w);
		for (; x < w; x++)
			addch('_');
	} else {
		if (v->lvl[i] == VL_ERROR)
			attron(A_UNDERLINE);
		ui_put(y, FIELD_X, v->e->val[i], w);
		attroff(A_UNDERLINE);
	}
	addch(' ');
	if (cur && (ff->type == FT_ENUM || ff->type == FT_CODE))
		typed = ledit_text(&v->le);
	lab = value_label(ff, cur ? (typed != NULL ? typed : "") :
	    v->e->val[i]);
	ui_put(y, FIELD_X + w + 1, lab != NULL ? lab : "",
	    COLS - FIELD_X - w - 1);
	free(typed);
	return (cx);
}

/* The line above the status line: the field's problem, else its help. */
static void
draw_hint(struct eview *v)
{
	int			 i = v->e->cur;
	const struct form_field	*ff = &v->f->fields[i];
	const char		*s;

	char			*t;

	if (v->why[i] != NULL) {
		attron(A_BOLD);
		ui_put(LINES - 3, 0, v->why[i], COLS);
		attroff(A_BOLD);
		return;
	}
	if (v->ncand > 0 && COLS < PANEL_COLS) {
		if (v->ncand > 1)
			xasprintf(&t, _("Maybe typed already (M-c, %zu): %s"),
			    v->ncand, v->cand_text[0]);
		else
			xasprintf(&t, _("Maybe typed already (M-c): %s"),
			    v->cand_text[0]);
		attron(A_BOLD);
		ui_put(LINES - 3, 0, t, COLS);
		attroff(A_BOLD);
		free(t);
		return;
	}
	if (v->hint != NULL) {
		ui_put(LINES - 3, 0, v->hint, COLS);
		return;
	}
	s = ff->help != NULL ? ff->help : "";
	ui_put(LINES - 3, 0, s, COLS);
}

/* On a wide screen, the probable duplicates beside the form. */
static void
draw_panel(struct eview *v)
{
	size_t	k;
	int	y = BODY_Y, w = COLS - PANEL_X;

	if (COLS < PANEL_COLS || (v->ncand == 0 && v->hint == NULL))
		return;
	if (v->ncand == 0) {
		ui_put(y, PANEL_X, v->hint, w);
		return;
	}
	attron(A_BOLD);
	ui_put(y++, PANEL_X, _("Maybe typed already (M-c):"), w);
	attroff(A_BOLD);
	for (k = 0; k < v->ncand && y < LINES - 4; k++) {
		ui_put(y++, PANEL_X, v->cand_text[k], w);
		y++;
	}
}

static void
draw_status(struct eview *v)
{
	char	 buf[256];
	int	 i = v->e->cur;

	if (v->ref != NULL)
		snprintf(buf, sizeof buf, " %s | %s | %s %d/%zu | %s",
		    v->f->reg, _("re-keying"), _("field"), i + 1,
		    v->f->nfields,
		    ui_ime_name(v->ui, ime_allowed(&v->f->fields[i])));
	else
		snprintf(buf, sizeof buf, " %s | %s %lu | %s %d/%zu | %s",
		    v->f->reg, _("entries"), v->count, _("field"), i + 1,
		    v->f->nfields,
		    ui_ime_name(v->ui, ime_allowed(&v->f->fields[i])));
	ui_draw_status(v->ui, buf);
}

/* Scroll so that the current field (and its section title) shows. */
static void
scroll_to(struct eview *v)
{
	size_t	row = (size_t)v->rowof[v->e->cur], lines = body_lines();

	if (row > 0 && v->rows[row - 1] < 0)
		row--;
	if (row < v->top)
		v->top = row;
	else if ((size_t)v->rowof[v->e->cur] >= v->top + lines)
		v->top = (size_t)v->rowof[v->e->cur] - lines + 1;
}

/* The book's value of a part of the registration number, or "". */
static const char *
key_value(struct eview *v, enum regno_part p)
{
	const struct form	*f = v->f;

	return (f->regno_key[p] >= 0 ?
	    rec_value(v->book, f->fields[f->regno_key[p]].key) : "");
}

static void
draw_all(struct eview *v)
{
	const struct form	*f = v->f;
	char			*head;
	size_t			 r;
	int			 y, cx = FIELD_X, c, i;

	erase();
	if (v->ref != NULL)
		xasprintf(&head, "%s | %s %s | %s %s | %s %s | %s", v->vhead,
		    _("book"), key_value(v, RK_BOOK), _("year"),
		    key_value(v, RK_YEAR), _("no."), key_value(v, RK_NUMBER),
		    key_value(v, RK_OFFICE));
	else
		xasprintf(&head, "%s | %s %s | %s %s | %s", f->title,
		    _("book"), key_value(v, RK_BOOK), _("year"),
		    key_value(v, RK_YEAR), key_value(v, RK_OFFICE));
	attron(A_REVERSE);
	ui_put(0, 0, head, COLS);
	attroff(A_REVERSE);
	free(head);
	scroll_to(v);
	for (r = v->top; r < v->nrows && r < v->top + body_lines(); r++) {
		y = BODY_Y + (int)(r - v->top);
		if (v->rows[r] < 0) {
			attron(A_BOLD | A_UNDERLINE);
			ui_put(y, 0, f->sections[-1 - v->rows[r]].title,
			    COLS < 60 ? COLS : 60);
			attroff(A_BOLD | A_UNDERLINE);
			continue;
		}
		i = v->rows[r];
		if ((c = draw_field(v, i)) >= 0 && i == v->e->cur)
			cx = c;
	}
	draw_hint(v);
	draw_panel(v);
	draw_status(v);
	ui_draw_keybar_hiding(v->ui, KC_FORM, v->ref != NULL ? verify_hidden :
	    NULL);
	move(BODY_Y + v->rowof[v->e->cur] - (int)v->top, cx);
}

/* Repaint only the current field (after a keystroke in it). */
static void
draw_current(struct eview *v)
{
	int	cx;

	if ((cx = draw_field(v, v->e->cur)) < 0) {
		draw_all(v);
		return;
	}
	move(BODY_Y + v->rowof[v->e->cur] - (int)v->top, cx);
}

static void
set_problem(struct eview *v, int i, enum vlevel lvl, const char *why)
{
	free(v->why[i]);
	v->why[i] = why != NULL ? xstrdup(why) : NULL;
	v->lvl[i] = lvl;
}

/* The entry as a record (or a draft) of the clerk at the keyboard. */
static struct rec *
user_rec(struct eview *v, int draft)
{
	struct rec	*r;

	r = entry_rec(v->e, draft);
	free(r->user);
	r->user = xstrdup(v->ui->user);
	return (r);
}

/* Whether the saved entry id gives a reason for repeating a number. */
static int
has_reason(struct eview *v, uint64_t id)
{
	struct rec	*r;
	char		*cause = NULL;
	int		 yes;

	if (store_get(v->ui->s, id, &r, &cause) != 0) {
		free(cause);
		return (0);
	}
	yes = *rec_value(r, REGCHECK_REASON_FIELD) != '\0';
	rec_free(r);
	return (yes);
}

/*
 * Check the registration number against the book (regcheck.c): repeats,
 * gaps, going back, beyond the closing note. With accept set, accept
 * every finding (as C-w does); else count those not accepted and give
 * the first one's message in *why (free it) if why is not NULL. A new
 * entry is compared with the one saved before it; a corrected one is
 * not. Where the form keeps a reason for a repeat, a repeat is settled
 * by a reason given in either entry of the pair (C-w does not accept
 * it), and v->repeat_of names the entry an unsettled one repeats. Returns how many findings were
 * counted or accepted.
 */
static size_t
check_number(struct eview *v, int accept, char **why)
{
	struct regfindings	 rf;
	struct rec		*r;
	const char		*code;
	char			*cause;
	size_t			 k, n = 0;
	int			 i = v->f->regno_key[RK_NUMBER];

	if (why != NULL)
		*why = NULL;
	if (!accept)
		v->repeat_of = 0;
	if (i < 0 || v->ref != NULL)	/* re-keying: the number is given */
		return (0);
	regcheck_init(&rf);
	r = user_rec(v, 0);
	if (regcheck(v->ui->s, v->f, r, v->e->id == 0 ? v->prev : NULL, &rf,
	    &cause) != 0) {
		ui_message(v->ui, 1, _("The number was not checked: %s"),
		    cause);
		free(cause);
	}
	rec_free(r);
	for (k = 0; k < rf.n; k++) {
		code = regcheck_code(rf.v[k].kind);
		if (rf.v[k].kind == RC_REPEAT && v->reason >= 0) {
			if (*v->e->val[v->reason] != '\0' || accept ||
			    has_reason(v, rf.v[k].other))
				continue;
			if (v->repeat_of == 0) {
				v->repeat_of = rf.v[k].other;
				free(v->repeat_why);
				v->repeat_why = xstrdup(rf.v[k].message);
			}
		}
		if (accept)
			entry_accept(v->e, i, code);
		else if (entry_is_accepted(v->e, i, code))
			continue;
		else if (why != NULL && *why == NULL)
			*why = xstrdup(rf.v[k].message);
		n++;
	}
	regcheck_clear(&rf);
	return (n);
}

/*
 * Check field i; remember its worst problem that is not accepted. The
 * number field is also checked against its book, unless it has an error.
 * Returns that problem's level.
 */
static enum vlevel
check_field(struct eview *v, int i)
{
	struct vresult	vr;
	size_t		k;
	enum vlevel	worst = VL_OK;
	const char	*why = NULL;
	char		*nwhy = NULL;

	vresult_init(&vr);
	entry_check_field(v->e, i, &vr);
	for (k = 0; k < vr.n; k++) {
		if (vr.v[k].level == VL_WARNING &&
		    entry_is_accepted(v->e, i, vr.v[k].code))
			continue;
		if (vr.v[k].level > worst) {
			worst = vr.v[k].level;
			why = vr.v[k].message;
		}
	}
	if (worst == VL_OK && i == v->f->regno_key[RK_NUMBER] &&
	    check_number(v, 0, &nwhy) > 0) {
		worst = VL_WARNING;
		why = nwhy;
	}
	set_problem(v, i, worst, why);
	vresult_free(&vr);
	free(nwhy);
	return (worst);
}

/* Forget the probable duplicates shown. */
static void
clear_candidates(struct eview *v)
{
	size_t	k;

	free(v->hint);
	v->hint = NULL;
	for (k = 0; k < v->ncand; k++) {
		free(v->cand_text[k]);
		v->cand_text[k] = NULL;
	}
	v->ncand = 0;
}

/* Whether the pair of entries a and b was decided for good. */
static int
pair_decided(struct eview *v, uint64_t a, uint64_t b)
{
	struct store_pair	*sp;
	char			*cause;
	int			 yes;

	if (a == 0 || store_pair_get(v->ui->s, a, b, &sp, &cause) != 0 ||
	    sp == NULL)
		return (0);
	yes = strcmp(sp->decision, PAIR_OPEN) != 0 &&
	    strcmp(sp->decision, PAIR_SUPERVISOR) != 0;
	store_pair_free(sp);
	return (yes);
}

/*
 * The stored entries that may be the person of r (dedup_find), best
 * first, into v->cand, leaving out pairs decided for good. Returns how
 * many.
 */
static size_t
find_candidates(struct eview *v, const struct rec *r)
{
	struct dedup_cand	 c[CAND_MAX];
	struct rec		*o;
	char			*cause = NULL, *why;
	int			 n, k;

	clear_candidates(v);
	if ((n = dedup_find(v->ui->s, v->df, r, DEDUP_MIN_SCORE, c, CAND_MAX,
	    NULL, &cause)) < 0) {
		ui_message(v->ui, 1, "%s", cause);
		free(cause);
		return (0);
	}
	for (k = 0; k < n; k++) {
		if (pair_decided(v, r->id, c[k].id) ||
		    store_get(v->ui->s, c[k].id, &o, &cause) != 0) {
			free(cause);
			cause = NULL;
			continue;
		}
		why = dedup_reason(v->df, &c[k].why, 1);
		v->cand[v->ncand] = c[k];
		xasprintf(&v->cand_text[v->ncand], "%llu %s, %s (%.2f: %s)",
		    (unsigned long long)o->id, v->f->nperson_key > 0 ?
		    rec_value(o, v->f->fields[v->f->person_key[0]].key) : "",
		    v->f->nperson_key > 1 ?
		    rec_value(o, v->f->fields[v->f->person_key[1]].key) : "",
		    c[k].score, why);
		v->ncand++;
		free(why);
		rec_free(o);
	}
	return (v->ncand);
}

/* What the look-up of the person in the other registers found. */
struct hint {
	struct eview		*v;
	const char		*name;		/* the loose name looked up */
	uint64_t		 self;
	struct rec		*found;		/* the first, or NULL */
	int			 n;
};

/* An entry of another register whose own person has the name. */
static int
hint_cb(const struct rec *o, void *arg)
{
	struct hint		*h = arg;
	const struct form	*f;
	char			*name;
	int			 same;

	if (o->id == h->self || strcmp(o->form, h->v->f->id) == 0 ||
	    (f = formset_find(&h->v->ui->fs, o->form)) == NULL ||
	    f->nperson_key == 0)
		return (0);
	if ((name = vntext_key_loose(rec_value(o,
	    f->fields[f->person_key[0]].key))) == NULL)
		return (0);
	same = strcmp(name, h->name) == 0;
	free(name);
	if (!same)
		return (0);
	if (h->n++ == 0)
		h->found = rec_copy(o);
	return (h->n > 3);	/* a common name: no hint */
}

/*
 * A hint that the person of r is in another register (a death whose
 * person has a birth entry, a recognition whose child has one): the
 * entries of other forms whose own person has r's first name and birth
 * year, said only when there are one to three of them.
 */
static void
find_hint(struct eview *v, const struct rec *r)
{
	const struct form	*f;
	struct hint		 h;
	void			**keys;
	size_t			 *lens, n, i, ylen;
	char			*cause;

	store_index_keys(v->ui->s, SI_PERSON, r, &keys, &lens, &n);
	memset(&h, 0, sizeof h);
	h.v = v;
	h.self = r->id;
	if (n > 0) {
		/* The name, NUL, and the year if there is one. */
		h.name = keys[0];
		ylen = idxkey_person_year(keys[0], lens[0]);
		if (store_lookup(v->ui->s, SI_PERSON, keys[0], ylen,
		    ((u_char *)keys[0])[ylen - 1] != '\0', hint_cb, &h,
		    &cause) != 0)
			free(cause);
	}
	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(lens);
	if (h.found != NULL && h.n <= 3 &&
	    (f = formset_find(&v->ui->fs, h.found->form)) != NULL)
		xasprintf(&v->hint, _("In register %s: entry %llu, %s %s"),
		    f->reg, (unsigned long long)h.found->id,
		    rec_value(h.found, f->fields[f->person_key[0]].key),
		    f->regno_key[RK_NUMBER] >= 0 ? rec_value(h.found,
		    f->fields[f->regno_key[RK_NUMBER]].key) : "");
	rec_free(h.found);
}

/* Look up the entries that may be the person being typed; how many. */
static size_t
look_up_person(struct eview *v)
{
	struct rec	*r;
	size_t		 n;

	if (v->ref != NULL)	/* they would show the entry re-keyed */
		return (0);
	r = user_rec(v, 0);
	n = find_candidates(v, r);
	find_hint(v, r);
	rec_free(r);
	return (n);
}

/* Whether field i is one of the form's person key. */
static int
in_person_key(const struct form *f, int i)
{
	size_t	k;

	for (k = 0; k < f->nperson_key; k++)
		if (f->person_key[k] == i)
			return (1);
	return (0);
}

/*
 * After saving r: flag each stored entry that may be the same person for
 * the review (a pair decided for good is not flagged again). Returns how
 * many were flagged.
 */
static size_t
flag_candidates(struct eview *v, const struct rec *r)
{
	struct store_pair	 sp;
	char			*cause;
	size_t			 k, n = 0;

	find_candidates(v, r);
	for (k = 0; k < v->ncand; k++) {
		memset(&sp, 0, sizeof sp);
		sp.a = r->id;
		sp.b = v->cand[k].id;
		sp.decision = (char *)PAIR_OPEN;
		sp.score = v->cand[k].score;
		sp.reason = dedup_reason(v->df, &v->cand[k].why, 0);
		if (store_pair_put(v->ui->s, &sp, v->ui->user, &cause) != 0) {
			ui_message(v->ui, 1, "%s", cause);
			free(cause);
		} else
			n++;
		free(sp.reason);
	}
	clear_candidates(v);
	return (n);
}

/*
 * Write the draft: the entry as typed, at the current field. An entry
 * with nothing typed in it has no draft (the next start would offer to
 * continue what is not there), so an older one is removed instead.
 */
static void
save_draft(struct eview *v)
{
	struct rec	*r;
	char		*cause;

	if (v->ref != NULL)	/* a re-keying is not resumed */
		return;
	if (!v->e->touched) {
		if (v->drafted && store_draft_delete(v->ui->s, v->ui->user,
		    &cause) != 0) {
			ui_message(v->ui, 1, _("The draft was not removed: "
			    "%s"), cause);
			free(cause);
			return;
		}
		v->drafted = 0;
		return;
	}
	r = user_rec(v, 1);
	if (store_draft_put(v->ui->s, v->ui->user, r, &cause) != 0) {
		ui_message(v->ui, 1, _("The draft was not written: %s"),
		    cause);
		free(cause);
	}
	v->drafted = 1;
	rec_free(r);
}

/* Put the editor's text into the entry. */
static void
take_text(struct eview *v)
{
	char	*s;
	int	 i = v->e->cur;

	ledit_commit(&v->le);
	if (!v->le.changed)
		return;
	s = ledit_text(&v->le);
	entry_set(v->e, i, s, v->e->st[i] == FS_BLANK ||
	    v->e->st[i] == FS_ILLEGIBLE ? FS_OK : v->e->st[i]);
	free(s);
	v->le.changed = 0;
}

static void
clear_problems(struct eview *v)
{
	size_t	i;

	for (i = 0; i < v->f->nfields; i++)
		set_problem(v, i, VL_OK, NULL);
}

/* Make field i current: load its text, choose the input method. */
static void
enter_field(struct eview *v, int i)
{
	const struct form_field	*ff = &v->f->fields[i];

	v->e->cur = i;
	ledit_free(&v->le);
	ledit_init(&v->le, ff->maxlen);
	ledit_set(&v->le, v->e->val[i]);
	ledit_set_ime(&v->le, ime_allowed(ff) ? ui_ime(v->ui) : NULL);
	v->hoff = 0;
}

/* Start the next entry after v->prev, with no problems shown. */
static void
new_entry(struct eview *v)
{
	entry_start(v->e, v->book, v->prev);
	clear_problems(v);
	clear_candidates(v);
	enter_field(v, v->e->cur);
}

/* Leave the current field: keep its text, check it, write the draft. */
static void
leave_field(struct eview *v)
{
	take_text(v);
	check_field(v, v->e->cur);
	save_draft(v);
}

static int
next_field(struct eview *v, int i, int dir)
{
	for (i += dir; i >= 0 && (size_t)i < v->f->nfields; i += dir)
		if (v->rowof[i] >= 0)
			return (i);
	return (-1);
}

/*
 * Move to field i: the draft written says the clerk is now there. A
 * finding on the number just left is said at once.
 */
static void
go_field(struct eview *v, int i)
{
	int	from = v->e->cur;

	take_text(v);
	if (verify_field(v, from) != 0) {
		/* Re-keying: the field is to be typed again. */
		enter_field(v, from);
		draw_all(v);
		return;
	}
	if (check_field(v, from) == VL_WARNING &&
	    from == v->f->regno_key[RK_NUMBER]) {
		/* A repeat is settled before going on. */
		switch (v->repeat_of != 0 ? settle_repeat(v) : REASON_SET) {
		case REASON_STAY:
		case REASON_OPENED:
			draw_all(v);
			return;
		case REASON_SET:
			break;
		}
		if (v->lvl[from] == VL_WARNING && v->why[from] != NULL)
			ui_message(v->ui, 1, "%s", v->why[from]);
	}
	if (in_person_key(v->f, from))
		look_up_person(v);
	enter_field(v, i);
	save_draft(v);
	draw_all(v);
}

static void
go_section(struct eview *v, int dir)
{
	size_t	sec = v->f->fields[v->e->cur].section;
	int	i;

	for (i = v->e->cur; (i = next_field(v, i, dir)) >= 0;) {
		if (v->f->fields[i].section == sec)
			continue;
		sec = v->f->fields[i].section;
		if (dir < 0) {
			while (next_field(v, i, -1) >= 0 &&
			    v->f->fields[next_field(v, i, -1)].section == sec)
				i = next_field(v, i, -1);
		}
		go_field(v, i);
		return;
	}
}

static void
count_book(struct eview *v)
{
	char	*key, *cause;
	size_t	 len;

	v->count = 0;
	if ((key = store_book_key(v->book, v->f, &len)) == NULL)
		return;
	/* The book index alone: no record is read to count them. */
	if (store_index_count_key(v->ui->s, SI_BOOK, key, len, &v->count,
	    &cause) != 0)
		free(cause);
	free(key);
}

/* Choose the value from the enum's options or the lookup list. */
static void
pick(struct eview *v)
{
	const struct form_field	*ff = &v->f->fields[v->e->cur];
	struct ui_list		 l;
	enum op			 op;
	const char		**codes;
	size_t			 i;
	int			 k;

	memset(&l, 0, sizeof l);
	l.title = ff->label;
	if (ff->type == FT_ENUM && ff->enm != NULL) {
		l.n = ff->enm->noptions;
		l.lines = xcalloc(l.n + 1, sizeof *l.lines);
		codes = xcalloc(l.n + 1, sizeof *codes);
		for (i = 0; i < l.n; i++) {
			xasprintf(&l.lines[i], "%-6s %s",
			    ff->enm->options[i].code, ff->enm->options[i].label);
			codes[i] = ff->enm->options[i].code;
		}
	} else if (ff->type == FT_CODE && ff->lookup != NULL &&
	    ff->lookup->list != NULL) {
		l.n = ff->lookup->list->n;
		l.lines = xcalloc(l.n + 1, sizeof *l.lines);
		codes = xcalloc(l.n + 1, sizeof *codes);
		for (i = 0; i < l.n; i++) {
			xasprintf(&l.lines[i], "%-6s %s",
			    ff->lookup->list->v[i].code,
			    ff->lookup->list->v[i].name);
			codes[i] = ff->lookup->list->v[i].code;
		}
	} else {
		ui_message(v->ui, 1, "%s", _("This field has no list to "
		    "choose from."));
		return;
	}
	k = ui_list_run(v->ui, &l, &op);
	if (k >= 0) {
		ledit_set(&v->le, codes[k]);
		v->le.changed = 1;
	}
	free(codes);
	ui_list_free(&l);
}

static void
set_status(struct eview *v, enum field_status st)
{
	int	i = v->e->cur;

	take_text(v);
	if (st == FS_BLANK || st == FS_ILLEGIBLE) {
		entry_set(v->e, i, "", st);
		ledit_set(&v->le, "");
	} else {
		v->e->st[i] = st;
		v->e->touched = 1;
	}
	check_field(v, i);
	if (st != FS_OK && st != FS_PARTIAL && st != FS_STRUCK &&
	    next_field(v, i, 1) >= 0)
		go_field(v, next_field(v, i, 1));
	else
		draw_all(v);
}

static void
accept_warnings(struct eview *v)
{
	struct vresult	vr;
	size_t		k, n = 0;
	int		i = v->e->cur;

	take_text(v);
	if (i == v->f->regno_key[RK_NUMBER] && settle_repeat(v) != REASON_SET)
		return;
	vresult_init(&vr);
	entry_check_field(v->e, i, &vr);
	for (k = 0; k < vr.n; k++) {
		if (vr.v[k].level == VL_WARNING) {
			entry_accept(v->e, i, vr.v[k].code);
			n++;
		}
	}
	vresult_free(&vr);
	if (i == v->f->regno_key[RK_NUMBER])
		n += check_number(v, 1, NULL);
	check_field(v, i);
	if (n == 0)
		ui_message(v->ui, 1, "%s", _("No warning to accept here."));
	else
		ui_message(v->ui, 0, "%s", _("Warning accepted; it is recorded "
		    "with the entry."));
	save_draft(v);
}

/*
 * Check the whole entry before it is saved. On a problem, go to its field,
 * say what it is and return -1; else 0.
 */
static int
check_entry(struct eview *v)
{
	struct vresult	 vr;
	size_t		 k;
	int		 bad = -1, i;
	enum vlevel	 lvl = VL_OK;
	const char	*why = NULL;
	char		*nwhy = NULL;

	vresult_init(&vr);
	entry_check(v->e, &vr);
	for (k = 0; k < vr.n; k++) {
		i = vr.v[k].field;
		if (vr.v[k].level == VL_WARNING &&
		    entry_is_accepted(v->e, i, vr.v[k].code))
			continue;
		if (i >= 0 && vr.v[k].level > v->lvl[i])
			set_problem(v, i, vr.v[k].level, vr.v[k].message);
		if (vr.v[k].level > lvl || (vr.v[k].level == lvl &&
		    bad < 0)) {
			lvl = vr.v[k].level;
			bad = i;
			why = vr.v[k].message;
		}
	}
	/* The number against its book: warnings on the number field. */
	i = v->f->regno_key[RK_NUMBER];
	if (i >= 0 && v->lvl[i] != VL_ERROR && check_number(v, 0, &nwhy) > 0) {
		if (v->lvl[i] == VL_OK)
			set_problem(v, i, VL_WARNING, nwhy);
		if (lvl == VL_OK) {
			lvl = VL_WARNING;
			bad = i;
			why = nwhy;
		}
	}
	if (lvl != VL_OK) {
		if (bad >= 0 && v->rowof[bad] >= 0) {
			ui_message(v->ui, 1, "%s: %s", v->f->fields[bad].label,
			    lvl == VL_ERROR ? _("error, not saved") :
			    _("warning: accept it or correct it"));
			enter_field(v, bad);
		} else
			ui_message(v->ui, 1, "%s", why);
		vresult_free(&vr);
		free(nwhy);
		draw_all(v);
		return (-1);
	}
	vresult_free(&vr);
	free(nwhy);
	return (0);
}

/*
 * Check everything and save. On a problem, go to its field and say what
 * it is. Returns 1 if saved.
 */
static int
save(struct eview *v)
{
	struct rec	*r;
	uint64_t	 id;
	char		*cause;
	size_t		 flagged;
	const char	*num;
	char		*reason;
	int		 ret;

	leave_field(v);
	if (settle_repeat(v) != REASON_SET) {
		draw_all(v);
		return (0);
	}
	if (check_entry(v) != 0)
		return (0);

	r = user_rec(v, 0);
	if ((ret = store_write(v->ui->s, &r, 1, STORE_DROP_DRAFT, &id,
	    &cause)) == 1) {
		/* A correction past the clerk's window: ask why. */
		draw_all(v);
		move(LINES - 3, 0);
		clrtoeol();
		ui_put(LINES - 3, 0, cause, COLS);
		free(cause);
		cause = NULL;
		reason = ui_prompt(v->ui, _("Why is it corrected?"), "", 1);
		ret = reason == NULL || *reason == '\0' ? 1 :
		    store_correct(v->ui->s, r, STORE_DROP_DRAFT, reason,
		    &cause);
		free(reason);
		if (ret == 1 && cause == NULL)
			cause = xstrdup(_("a correction needs a reason"));
	}
	if (ret != 0) {
		ui_message(v->ui, 1, _("Not saved: %s"), cause);
		free(cause);
		rec_free(r);
		draw_all(v);
		return (0);
	}
	v->drafted = 0;
	num = v->f->regno_key[RK_NUMBER] >= 0 ?
	    rec_value(r, v->f->fields[v->f->regno_key[RK_NUMBER]].key) : "";
	if ((flagged = flag_candidates(v, r)) > 0)
		ui_message(v->ui, 0, _("Saved: entry %s (%zu maybe typed "
		    "already)."), num, flagged);
	else
		ui_message(v->ui, 0, _("Saved: entry %s."), num);
	if (v->e->id == 0)
		v->count++;
	rec_free(v->prev);
	v->prev = r;
	new_entry(v);
	draw_all(v);
	return (1);
}

/*
 * Re-keying: whether field i is compared with the clerk's. The fields of
 * the registration number are given, not typed.
 */
static int
compared(const struct form *f, int i)
{
	return (!entry_in_book_key(f, i) && i != f->regno_key[RK_NUMBER]);
}

/*
 * Whether two values with their statuses are the same: the same status
 * and the same text in normalisation form C.
 */
static int
same_value(const char *a, enum field_status as, const char *b,
    enum field_status bs)
{
	char	*na, *nb;
	int	 same;

	if (as != bs)
		return (0);
	if (strcmp(a, b) == 0)
		return (1);
	na = utf8_nfc(a);
	nb = utf8_nfc(b);
	same = na != NULL && nb != NULL && strcmp(na, nb) == 0;
	free(na);
	free(nb);
	return (same);
}

/* Remember value and st as what was decided of field i. */
static void
agree(struct eview *v, int i, const char *value, enum field_status st)
{
	char	*s;

	s = xstrdup(value);	/* value may be v->agreed[i] */
	free(v->agreed[i]);
	v->agreed[i] = s;
	v->agreed_st[i] = st;
}

/* A value as the chooser shows it: its text or its mark, its label. */
static char *
shown_value(const struct form_field *ff, const char *value,
    enum field_status st)
{
	const char	*lab;
	char		*s;

	switch (st) {
	case FS_BLANK:
		return (xstrdup(_("(blank in the book)")));
	case FS_ILLEGIBLE:
		return (xstrdup(_("(illegible)")));
	case FS_PARTIAL:
		xasprintf(&s, _("%s (partly legible)"), value);
		return (s);
	case FS_STRUCK:
		xasprintf(&s, _("%s (struck out)"), value);
		return (s);
	default:
		break;
	}
	if (*value == '\0')
		return (xstrdup(_("(empty)")));
	if ((lab = value_label(ff, value)) != NULL) {
		xasprintf(&s, "%s  %s", value, lab);
		return (s);
	}
	return (xstrdup(value));
}

/*
 * Draw the n lines of text in a box over the form, at the bottom of the
 * body, or at its top when the current field's line would be hidden.
 * The first line is bold.
 */
static void
draw_box(struct eview *v, char **text, int n)
{
	int	 x = 2, w = COLS - 4, y, row, k;

	row = BODY_Y + v->rowof[v->e->cur] - (int)v->top;
	y = BODY_Y + body_lines() - (n + 2);
	if (row >= y)
		y = BODY_Y;
	/* ASCII: line drawing is unreliable over PuTTY in UTF-8. */
	mvaddch(y, x, '+');
	mvhline(y, x + 1, '-', w - 2);
	mvaddch(y, x + w - 1, '+');
	for (k = 0; k < n; k++) {
		mvaddch(y + 1 + k, x, '|');
		addch(' ');
		if (k == 0)
			attron(A_BOLD);
		ui_put(y + 1 + k, x + 2, text[k], w - 3);
		attroff(A_BOLD);
		mvaddch(y + 1 + k, x + w - 1, '|');
	}
	mvaddch(y + n + 1, x, '+');
	mvhline(y + n + 1, x + 1, '-', w - 2);
	mvaddch(y + n + 1, x + w - 1, '+');
	ui_put(LINES - 3, 0, _("Press 1, 2 or 3; Esc goes back to the field."),
	    COLS);
	move(y + n, x + 2);
}

/*
 * The current field i differs from the clerk's value cv (status cst):
 * beep, show both and ask which is right. Returns 1 (the clerk's), 2
 * (the reviewer's), 3 (neither: type another), or 0 (back to the field).
 */
static int
choose(struct eview *v, int i, const char *cv, enum field_status cst)
{
	const struct form_field	*ff = &v->f->fields[i];
	char			*text[4], *a, *b;
	keycode			 key;
	int			 j, k;

	a = shown_value(ff, cv, cst);
	b = shown_value(ff, v->e->val[i], v->e->st[i]);
	xasprintf(&text[0], _("%s: your value differs from the clerk's"),
	    ff->label != NULL ? ff->label : ff->key);
	xasprintf(&text[1], _("1  Clerk typed: %s"), a);
	xasprintf(&text[2], _("2  You typed:   %s"), b);
	text[3] = xstrdup(_("3  Type another value"));
	free(a);
	free(b);
	beep();
	draw_all(v);
	for (;;) {
		draw_box(v, text, 4);
		refresh();
		key = ui_key(v->ui);
		if (key == UIK_HANGUP || key == KM_ESC) {
			k = 0;
			break;
		}
		if (key == UIK_RESIZE) {
			if (!ui_too_small(v->ui))
				draw_all(v);
			continue;
		}
		if (key >= '1' && key <= '3') {
			k = (int)(key - '0');
			break;
		}
	}
	for (j = 0; j < 4; j++)
		free(text[j]);
	return (k);
}

/*
 * Re-keying: compare field i as the reviewer left it with the clerk's
 * (an empty value and a missing one are the same), unless it was decided
 * on as it is now. On a difference, ask which is right and remember it;
 * the clerk's value replaces the reviewer's when it is right. Returns 0
 * to go on, or -1 to stay in the field: a third value is to be typed, or
 * the reviewer went back to it.
 */
static int
verify_field(struct eview *v, int i)
{
	const struct rec_val	*rv;
	const char		*cv = "";
	enum field_status	 cst = FS_OK, st = v->e->st[i];
	char			*val = v->e->val[i];

	if (v->ref == NULL || !compared(v->f, i))
		return (0);
	if (v->dec[i] != VD_NONE && v->dec[i] != VD_RETYPE &&
	    same_value(v->agreed[i], v->agreed_st[i], val, st))
		return (0);
	if ((rv = rec_get(v->ref, v->f->fields[i].key)) != NULL) {
		cv = rv->value;
		cst = rv->status;
	}
	if (v->dec[i] == VD_RETYPE) {
		/* The third value typed: it may agree with one of the two. */
		if (same_value(cv, cst, val, st))
			v->dec[i] = VD_CLERK;
		else if (same_value(v->agreed[i], v->agreed_st[i], val, st))
			v->dec[i] = VD_MINE;
		else
			v->dec[i] = VD_THIRD;
		agree(v, i, val, st);
		return (0);
	}
	if (same_value(cv, cst, val, st)) {
		v->dec[i] = VD_SAME;
		agree(v, i, val, st);
		return (0);
	}
	if (v->e->cur != i)
		enter_field(v, i);
	switch (choose(v, i, cv, cst)) {
	case 1:
		v->dec[i] = VD_CLERK;
		agree(v, i, cv, cst);
		entry_set(v->e, i, cv, cst);
		ledit_set(&v->le, cv);
		return (0);
	case 2:
		v->dec[i] = VD_MINE;
		agree(v, i, val, st);
		return (0);
	case 3:
		/* Remember the reviewer's first value, and empty the field. */
		v->dec[i] = VD_RETYPE;
		agree(v, i, val, st);
		entry_set(v->e, i, "", FS_OK);
		ui_message(v->ui, 0, "%s", _("Type the value the book has."));
		return (-1);
	default:
		return (-1);
	}
}

/* Re-keying: start again from the empty form. */
static void
verify_start(struct eview *v)
{
	const struct form	*f = v->f;
	const struct rec_val	*rv;
	size_t			 i;

	for (i = 0; i < f->nfields; i++) {
		v->dec[i] = VD_NONE;
		free(v->agreed[i]);
		v->agreed[i] = NULL;
		if (!compared(f, (int)i) &&
		    (rv = rec_get(v->ref, f->fields[i].key)) != NULL)
			entry_set(v->e, (int)i, rv->value, rv->status);
		else
			entry_set(v->e, (int)i, "", FS_OK);
	}
	/* Warnings the clerk accepted need no accepting again. */
	free(v->e->accepted);
	v->e->accepted = xstrdup(rec_value(v->ref, ENTRY_KEY_ACCEPTED));
	v->e->id = v->ref->id;
	v->e->created = v->ref->created;
	v->e->touched = 0;
	clear_problems(v);
	v->e->cur = next_field(v, -1, 1);
	if (v->e->cur < 0)
		v->e->cur = 0;
	enter_field(v, v->e->cur);
}

/*
 * Re-keying: compare every field not yet decided, check the entry as a
 * save does, then record the verification: the stored entry with the
 * values decided, and who was wrong in which field. Returns 1 if it was
 * recorded.
 */
static int
save_verified(struct eview *v)
{
	const struct form	*f = v->f;
	struct store_verif	 sv;
	struct verif_diff	*d;
	struct rec		*r;
	const char		*num;
	char			*cause = NULL;
	size_t			 i;
	int			 ret;

	take_text(v);
	for (i = 0; i < f->nfields; i++) {
		if (verify_field(v, (int)i) != 0) {
			enter_field(v, (int)i);
			draw_all(v);
			return (0);
		}
	}
	check_field(v, v->e->cur);
	if (check_entry(v) != 0)
		return (0);

	r = rec_copy(v->ref);
	memset(&sv, 0, sizeof sv);
	sv.id = v->ref->id;
	sv.clerk = v->ref->user;
	sv.verifier = v->ui->user;
	sv.when = time(NULL);
	sv.diffs = xcalloc(f->nfields, sizeof *sv.diffs);
	for (i = 0; i < f->nfields; i++) {
		if (!compared(f, (int)i))
			continue;
		sv.compared++;
		if (v->dec[i] != VD_CLERK && v->dec[i] != VD_MINE &&
		    v->dec[i] != VD_THIRD)
			continue;
		d = &sv.diffs[sv.ndiffs++];
		d->key = f->fields[i].key;
		d->keyer = v->dec[i] != VD_CLERK;
		d->verifier = v->dec[i] != VD_MINE;
		if (d->keyer)
			rec_set(r, f->fields[i].key, v->e->val[i], v->e->st[i]);
	}
	if (strcmp(rec_value(r, ENTRY_KEY_ACCEPTED), v->e->accepted) != 0)
		rec_set(r, ENTRY_KEY_ACCEPTED, v->e->accepted, FS_OK);
	ret = store_verify(v->ui->s, r, &sv, &cause);
	num = f->regno_key[RK_NUMBER] >= 0 ?
	    rec_value(v->ref, f->fields[f->regno_key[RK_NUMBER]].key) : "";
	if (ret != 0) {
		ui_message(v->ui, 1, _("Not verified: %s"), cause);
		free(cause);
	} else if (sv.ndiffs == 0)
		ui_message(v->ui, 0, _("Verified no. %s: as typed."), num);
	else
		ui_message(v->ui, 0, _("Verified no. %s: %zu of %u differed."),
		    num, sv.ndiffs, sv.compared);
	free(sv.diffs);
	rec_free(r);
	if (ret != 0) {
		draw_all(v);
		return (0);
	}
	v->verified = 1;
	return (1);
}

/* Re-keying: whether to leave it, asking first if anything was typed. */
static int
leave_verify(struct eview *v)
{
	return (!v->e->touched || ui_confirm(v->ui, _("Leave the "
	    "verification? What you re-keyed of this entry is lost.")));
}

/* Re-keying: the help screen, saying first what re-keying is. */
static void
verify_help(struct eview *v)
{
	const char	*intro[7];

	intro[0] = _("Re-keying blind: type the entry from the book as if it "
	    "were new.");
	intro[1] = _("Where your value or mark differs from the clerk's, both "
	    "are shown:");
	intro[2] = _("1 keeps the clerk's, 2 keeps yours, 3 lets you type "
	    "another.");
	intro[3] = _("Saving records the verification and opens the next "
	    "entry;");
	intro[4] = _("Esc, like quit, leaves the queue; a re-keying left "
	    "unsaved is not kept.");
	intro[5] = "";
	intro[6] = NULL;
	ui_help_intro(v->ui, KC_FORM, intro, verify_hidden);
}

/*
 * The last entry of the book by number, the one a new entry follows:
 * found in the number index, so only that one record is read.
 */
static struct rec *
last_entry(struct eview *v)
{
	struct rec	*r = NULL;
	uint64_t	 id = 0;
	char		*key, *cause;
	size_t		 len;

	if ((key = store_book_key(v->book, v->f, &len)) == NULL)
		return (NULL);
	if (store_index_last(v->ui->s, SI_REGNO, key, len, IDXKEY_NUMBER_LEN,
	    &id, NULL, NULL, &cause) != 0)
		free(cause);
	else if (id != 0 && store_get(v->ui->s, id, &r, &cause) < 0)
		free(cause);
	free(key);
	return (r);
}

/*
 * Put the saved entry id in the form to be corrected, in place of the one
 * being typed. Returns 0, or -1 (said) if it cannot be read.
 */
static int
open_saved(struct eview *v, uint64_t id)
{
	struct rec	*r;
	char		*cause = NULL;

	if (store_get(v->ui->s, id, &r, &cause) != 0) {
		ui_message(v->ui, 1, "%s", cause != NULL ? cause : "?");
		free(cause);
		return (-1);
	}
	entry_load(v->e, r);
	v->e->cur = next_field(v, -1, 1);
	clear_problems(v);
	clear_candidates(v);
	enter_field(v, v->e->cur);
	ui_message(v->ui, 0, "%s", _("Correcting a saved entry: save "
	    "replaces it."));
	rec_free(r);
	return (0);
}

/*
 * The number repeats that of entry v->repeat_of: ask why, from the reason
 * field's options, or whether to correct the number. "Typed twice"
 * offers to open the entry already saved instead of this one.
 */
static enum reason_answer
ask_reason(struct eview *v)
{
	const struct form_field	*ff = &v->f->fields[v->reason];
	struct ui_list		 l;
	enum op			 op;
	char			*title, q[256];
	size_t			 i, n = ff->enm->noptions;
	uint64_t		 other = v->repeat_of;
	int			 k, num = v->f->regno_key[RK_NUMBER];

	xasprintf(&title, _("%s Why? (%s)"), v->repeat_why != NULL ?
	    v->repeat_why : "", ff->label);
	memset(&l, 0, sizeof l);
	l.title = title;
	l.lines = xcalloc(n + 1, sizeof *l.lines);
	for (i = 0; i < n; i++)
		xasprintf(&l.lines[l.n++], "%-20s %s",
		    ff->enm->options[i].code, ff->enm->options[i].label);
	l.lines[l.n++] = xstrdup(_("Correct the number"));
	k = ui_list_run(v->ui, &l, &op);
	ui_list_free(&l);
	free(title);
	if (v->ui->hangup || k < 0 || (size_t)k >= n) {
		ui_message(v->ui, 1, "%s", _("Correct the number, or say why "
		    "it repeats."));
		return (REASON_STAY);
	}
	if (strcmp(ff->enm->options[k].code, REGCHECK_TYPED_TWICE) == 0) {
		snprintf(q, sizeof q, _("Typed twice: open the entry already "
		    "saved (id %llu) instead of this one?"),
		    (unsigned long long)other);
		if (ui_confirm(v->ui, q) && open_saved(v, other) == 0)
			return (REASON_OPENED);
		if (v->ui->hangup)
			return (REASON_STAY);
	}
	entry_set(v->e, v->reason, ff->enm->options[k].code, FS_OK);
	check_field(v, num);
	ui_message(v->ui, 0, _("Reason recorded: %s."),
	    ff->enm->options[k].label);
	return (REASON_SET);
}

/*
 * If the number repeats another entry's without a reason given, ask for
 * one. Returns what the clerk did; REASON_SET also when nothing is asked.
 */
static enum reason_answer
settle_repeat(struct eview *v)
{
	if (v->reason < 0 || v->f->regno_key[RK_NUMBER] < 0)
		return (REASON_SET);
	check_number(v, 0, NULL);
	if (v->repeat_of == 0)
		return (REASON_SET);
	return (ask_reason(v));
}

/* Open saved entry id to correct it, asking first if typed work goes. */
static void
open_chosen(struct eview *v, uint64_t id)
{
	/* Typed work is never dropped without asking. */
	if (v->e->touched && !ui_confirm(v->ui, _("The entry being typed is "
	    "not saved. Throw it away and open this one?")))
		return;
	open_saved(v, id);
}

/*
 * The entries that may be the person being typed: one is compared side
 * by side with this entry, which the clerk may throw away to open it.
 */
static void
candidates(struct eview *v)
{
	struct ui_list	 l;
	struct rec	*r, *o;
	enum op		 op;
	char		*cause = NULL, q[256];
	size_t		 k;
	int		 c;

	leave_field(v);
	if (look_up_person(v) == 0) {
		ui_message(v->ui, 0, "%s", _("No entry found that may be this "
		    "person."));
		return;
	}
	memset(&l, 0, sizeof l);
	l.title = _("Entries that may be this person: Enter compares");
	l.lines = xcalloc(v->ncand + 1, sizeof *l.lines);
	for (k = 0; k < v->ncand; k++)
		l.lines[l.n++] = xstrdup(v->cand_text[k]);
	c = ui_list_run(v->ui, &l, &op);
	ui_list_free(&l);
	if (c < 0 || v->ui->hangup)
		return;
	if (store_get(v->ui->s, v->cand[c].id, &o, &cause) != 0) {
		ui_message(v->ui, 1, "%s", cause != NULL ? cause : "?");
		free(cause);
		return;
	}
	r = user_rec(v, 0);
	c = ui_compare(v->ui, v->f, r, o, _("This entry | the entry saved"));
	rec_free(r);
	snprintf(q, sizeof q, _("Typed twice: open the entry already saved "
	    "(id %llu) instead of this one?"), (unsigned long long)o->id);
	if (c && !v->ui->hangup && ui_confirm(v->ui, q))
		open_saved(v, o->id);
	rec_free(o);
}

/* Open the list of entries; the clerk may choose one to correct. */
static void
entries(struct eview *v)
{
	uint64_t	 id = 0;

	leave_field(v);
	if (ui_entries(v->ui, v->f, v->book, &id) != 0 || id == 0 ||
	    v->ui->hangup)
		return;
	open_chosen(v, id);
}

/*
 * The book's numbers against its closing note: gaps, repeats, the count.
 * A repeat's line opens one of its entries.
 */
static void
book_numbers(struct eview *v)
{
	struct regbook	 rb;
	struct ui_list	 l;
	enum op		 op;
	char		*cause, *title;
	size_t		 i;
	int		 k;

	leave_field(v);
	if (regcheck_book(v->ui->s, v->f, v->book, &rb, &cause) != 0) {
		ui_message(v->ui, 1, "%s", cause);
		free(cause);
		return;
	}
	if (rb.n == 0) {
		ui_message(v->ui, 0, _("No gaps or repeats: %lu entries, "
		    "numbered to %ld."), rb.entries, rb.highest);
		regcheck_book_free(&rb);
		return;
	}
	xasprintf(&title, _("The book's numbers: %lu entries to number %ld; "
	    "%ld missing, %zu repeated"), rb.entries, rb.highest, rb.missing,
	    rb.repeated);
	memset(&l, 0, sizeof l);
	l.title = title;
	l.lines = xcalloc(rb.n + 1, sizeof *l.lines);
	for (i = 0; i < rb.n; i++)
		l.lines[l.n++] = xstrdup(rb.lines[i]);
	k = ui_list_run(v->ui, &l, &op);
	if (k >= 0 && !v->ui->hangup && rb.ids[k] != 0)
		open_chosen(v, rb.ids[k]);
	ui_list_free(&l);
	free(title);
	regcheck_book_free(&rb);
}

static void
handle_op(struct eview *v, enum op op, int *done)
{
	struct ui	*ui = v->ui;
	int		 i = v->e->cur, j;

	if (v->ref != NULL && (op == OP_ENTRIES || op == OP_NUMBERS ||
	    op == OP_CANDIDATES || op == OP_DITTO)) {
		ui_message(ui, 1, "%s", _("Not while re-keying blind."));
		draw_status(v);
		return;
	}
	switch (op) {
	case OP_NEXT_FIELD:
		if ((j = next_field(v, i, 1)) >= 0) {
			go_field(v, j);
			break;
		}
		leave_field(v);
		if (v->ref != NULL) {
			if (ui_confirm(ui, _("Last field. Save this "
			    "verification?")) && save_verified(v))
				*done = 1;
			else if (!ui->hangup)
				draw_all(v);
			break;
		}
		if (in_person_key(v->f, i) && look_up_person(v) > 0)
			draw_all(v);
		if (ui_confirm(ui, _("Last field. Save this entry?")))
			save(v);
		else
			draw_all(v);
		break;
	case OP_PREV_FIELD:
		if ((j = next_field(v, i, -1)) >= 0)
			go_field(v, j);
		break;
	case OP_NEXT_SECTION:
		go_section(v, 1);
		break;
	case OP_PREV_SECTION:
		go_section(v, -1);
		break;
	case OP_CHAR_LEFT:
		if (v->le.cur > 0)
			ledit_move(&v->le, v->le.cur - 1);
		break;
	case OP_CHAR_RIGHT:
		ledit_move(&v->le, v->le.cur + 1);
		break;
	case OP_FIELD_START:
		ledit_move(&v->le, 0);
		break;
	case OP_FIELD_END:
		ledit_move(&v->le, v->le.n);
		break;
	case OP_DELETE_BACK:
		ledit_backspace(&v->le);
		break;
	case OP_DELETE_CHAR:
		ledit_delete(&v->le);
		break;
	case OP_CLEAR_FIELD:
		ledit_clear(&v->le);
		break;
	case OP_DITTO:
		if (v->prev == NULL) {
			ui_message(ui, 1, "%s", _("No previous entry to copy "
			    "from."));
			break;
		}
		ledit_set(&v->le, rec_value(v->prev, v->f->fields[i].key));
		v->le.changed = 1;
		break;
	case OP_PICK:
		pick(v);
		draw_all(v);
		break;
	case OP_STATUS_BLANK:
		set_status(v, FS_BLANK);
		break;
	case OP_STATUS_ILLEGIBLE:
		set_status(v, FS_ILLEGIBLE);
		break;
	case OP_STATUS_PARTIAL:
		set_status(v, FS_PARTIAL);
		break;
	case OP_STATUS_STRUCK:
		set_status(v, FS_STRUCK);
		break;
	case OP_STATUS_OK:
		set_status(v, FS_OK);
		break;
	case OP_ACCEPT_WARNING:
		accept_warnings(v);
		draw_all(v);
		break;
	case OP_SAVE_NEXT:
		if (v->ref == NULL)
			save(v);
		else if (save_verified(v))
			*done = 1;
		break;
	case OP_ENTRIES:
		entries(v);
		draw_all(v);
		break;
	case OP_NUMBERS:
		book_numbers(v);
		draw_all(v);
		break;
	case OP_CANDIDATES:
		candidates(v);
		draw_all(v);
		break;
	case OP_DISCARD:
		if (v->ref != NULL) {
			if (ui_confirm(ui, _("Throw away what you re-keyed and "
			    "start this entry again?")))
				verify_start(v);
		} else if (ui_confirm(ui, _("Throw away this entry?"))) {
			new_entry(v);
			save_draft(v);
		}
		draw_all(v);
		break;
	case OP_IME_TOGGLE:
		ui->ime_on = !ui->ime_on;
		ledit_set_ime(&v->le, ime_allowed(&v->f->fields[i]) ?
		    ui_ime(ui) : NULL);
		draw_status(v);
		break;
	case OP_IME_NEXT:
		ui->method = (ui->method + 1) % UIM_COUNT;
		ui->ime_on = 1;
		ledit_set_ime(&v->le, ime_allowed(&v->f->fields[i]) ?
		    ui_ime(ui) : NULL);
		draw_status(v);
		break;
	case OP_HELP:
		leave_field(v);
		if (v->ref != NULL)
			verify_help(v);
		else
			ui_help(ui, KC_FORM);
		draw_all(v);
		break;
	case OP_REDRAW:
		clearok(curscr, TRUE);
		draw_all(v);
		break;
	case OP_QUIT:
		leave_field(v);
		if (v->ref == NULL || leave_verify(v))
			*done = 1;
		else
			draw_all(v);
		break;
	default:
		break;
	}
}

/*
 * Set v up on form f: the book (its office, year and book fields) and,
 * when re-keying, the stored entry ref; no entry yet.
 */
static void
eview_init(struct eview *v, struct ui *ui, const struct form *f,
    const struct rec *book, const struct rec *ref)
{
	memset(v, 0, sizeof *v);
	v->ui = ui;
	v->f = f;
	v->book = book;
	v->ref = ref;
	/* Perhaps a draft of another entry, to be replaced. */
	v->drafted = ref == NULL;
	v->df = dedup_form_new(f);
	v->reason = form_field_index(f, REGCHECK_REASON_FIELD);
	if (ref != NULL || (v->reason >= 0 &&
	    (f->fields[v->reason].type != FT_ENUM ||
	    f->fields[v->reason].enm == NULL)))
		v->reason = -1;
	layout(v);
	v->lvl = xcalloc(f->nfields, sizeof *v->lvl);
	v->why = xcalloc(f->nfields, sizeof *v->why);
	if (ref != NULL) {
		v->dec = xcalloc(f->nfields, sizeof *v->dec);
		v->agreed = xcalloc(f->nfields, sizeof *v->agreed);
		v->agreed_st = xcalloc(f->nfields, sizeof *v->agreed_st);
	} else {
		v->prev = last_entry(v);
		count_book(v);
	}
}

static void
eview_free(struct eview *v)
{
	size_t	k;

	ledit_free(&v->le);
	for (k = 0; k < v->f->nfields; k++) {
		free(v->why[k]);
		if (v->agreed != NULL)
			free(v->agreed[k]);
	}
	free(v->why);
	free(v->agreed);
	free(v->agreed_st);
	free(v->dec);
	free(v->repeat_why);
	clear_candidates(v);
	dedup_form_free(v->df);
	free(v->lvl);
	free(v->rows);
	free(v->rowof);
	rec_free(v->prev);
	entry_free(v->e);
}

/* Read keys and act on them until the screen is left or the tty goes. */
static void
run(struct eview *v)
{
	struct ui		*ui = v->ui;
	const struct form	*f = v->f;
	keycode			 key;
	enum op			 op;
	int			 done = 0, i, autoskip;

	if (v->rowof[v->e->cur] < 0)
		v->e->cur = next_field(v, -1, 1);
	enter_field(v, v->e->cur);
	ui_too_small(ui) || (draw_all(v), 0);

	while (!done) {
		refresh();
		key = ui_key(ui);
		if (key == UIK_HANGUP) {
			leave_field(v);
			break;
		}
		if (ui_too_small(ui))
			continue;
		if (key == UIK_RESIZE) {
			draw_all(v);
			continue;
		}
		if (ui->msg != NULL) {
			ui_message(ui, 0, NULL);
			draw_status(v);
		}
		op = ui_op(ui, KC_FORM, key);
		if (op == OP_NONE && (key == KM_BSPACE || key == 8))
			op = OP_DELETE_BACK;
		if (op == OP_NONE && key == KM_ESC && v->ref != NULL) {
			/* Esc leaves the queue of entries to re-key. */
			take_text(v);
			if (leave_verify(v))
				break;
			draw_all(v);
			continue;
		}
		if (op != OP_NONE) {
			handle_op(v, op, &done);
			if (!done && !ui->hangup)
				draw_current(v);
			continue;
		}
		if (key < ' ' || key >= KM_NAMED || key == KM_DELCHAR)
			continue;
		i = v->e->cur;
		if (!ledit_key(&v->le, key))
			beep();
		autoskip = (f->fields[i].flags & FF_AUTOSKIP) &&
		    (ledit_full(&v->le) || (f->fields[i].width > 0 &&
		    v->le.n >= f->fields[i].width));
		if (autoskip && next_field(v, i, 1) >= 0)
			go_field(v, next_field(v, i, 1));
		else
			draw_current(v);
	}
}

/*
 * Type entries of form f into the book whose office, year and book
 * fields are in book. With e (a resumed draft, which this takes over)
 * typing continues there; else a new entry follows the book's last.
 * Returns 0 when the clerk leaves, -1 on hangup (the draft is written).
 */
int
ui_entry(struct ui *ui, const struct form *f, const struct rec *book,
    struct entry *e)
{
	struct eview	 v;

	eview_init(&v, ui, f, book, NULL);
	if (e != NULL)
		v.e = e;
	else {
		v.e = entry_new(f);
		entry_start(v.e, book, v.prev);
	}
	run(&v);
	eview_free(&v);
	return (ui->hangup ? -1 : 0);
}

/*
 * Re-key the stored entry ref of form f blind, to verify it: the form
 * starts empty but for the registration number's fields, which head (the
 * place in the queue, say) precedes on the top line. A field left with a
 * value or mark other than the clerk's beeps and shows both, and the
 * reviewer says which is right or types a third; saving records the
 * values decided and who was wrong where (store_verify). Nothing is kept
 * of a re-keying left unsaved. Returns 1 once the verification is
 * recorded, 0 when the reviewer leaves (Esc), -1 on hangup.
 */
int
ui_entry_verify(struct ui *ui, const struct form *f, const struct rec *ref,
    const char *head)
{
	struct eview	 v;
	int		 ret;

	eview_init(&v, ui, f, ref, ref);
	v.vhead = head;
	v.e = entry_new(f);
	verify_start(&v);
	run(&v);
	ret = ui->hangup ? -1 : v.verified;
	eview_free(&v);
	return (ret);
}
