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
 */

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
};

/* What the clerk did when asked why a number repeats. */
enum reason_answer {
	REASON_SET,		/* a reason was chosen */
	REASON_STAY,		/* the number is to be corrected */
	REASON_OPENED		/* the entry already saved was opened */
};

static enum reason_answer settle_repeat(struct eview *);

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
		if (entry_in_book_key(f, i))
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

	snprintf(buf, sizeof buf, " %s | %s %lu | %s %d/%zu | %s", v->f->reg,
	    _("entries"), v->count, _("field"), i + 1, v->f->nfields,
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

static void
draw_all(struct eview *v)
{
	const struct form	*f = v->f;
	char			*head;
	size_t			 r;
	int			 y, cx = FIELD_X, c, i;

	erase();
	xasprintf(&head, "%s | %s %s | %s %s | %s", f->title, _("book"),
	    f->regno_key[RK_BOOK] >= 0 ?
	    rec_value(v->book, f->fields[f->regno_key[RK_BOOK]].key) : "",
	    _("year"), f->regno_key[RK_YEAR] >= 0 ?
	    rec_value(v->book, f->fields[f->regno_key[RK_YEAR]].key) : "",
	    f->regno_key[RK_OFFICE] >= 0 ?
	    rec_value(v->book, f->fields[f->regno_key[RK_OFFICE]].key) : "");
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
	ui_draw_keybar(v->ui, KC_FORM);
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
	if (i < 0)
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
 * Check everything and save. On a problem, go to its field and say what
 * it is. Returns 1 if saved.
 */
static int
save(struct eview *v)
{
	struct vresult	 vr;
	struct rec	*r;
	uint64_t	 id;
	char		*cause;
	size_t		 k, flagged;
	int		 bad = -1, i;
	enum vlevel	 lvl = VL_OK;
	const char	*why = NULL, *num;
	char		*nwhy = NULL, *reason;
	int		 ret;

	leave_field(v);
	if (settle_repeat(v) != REASON_SET) {
		draw_all(v);
		return (0);
	}
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
		return (0);
	}
	vresult_free(&vr);
	free(nwhy);

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

	switch (op) {
	case OP_NEXT_FIELD:
		if ((j = next_field(v, i, 1)) >= 0) {
			go_field(v, j);
			break;
		}
		leave_field(v);
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
		save(v);
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
		if (ui_confirm(ui, _("Throw away this entry?"))) {
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
		ui_help(ui, KC_FORM);
		draw_all(v);
		break;
	case OP_REDRAW:
		clearok(curscr, TRUE);
		draw_all(v);
		break;
	case OP_QUIT:
		leave_field(v);
		*done = 1;
		break;
	default:
		break;
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
	keycode		 key;
	enum op		 op;
	int		 done = 0, i, autoskip;
	size_t		 k;

	memset(&v, 0, sizeof v);
	v.ui = ui;
	v.f = f;
	v.book = book;
	v.drafted = 1;		/* perhaps one of another entry: replaced */
	v.df = dedup_form_new(f);
	v.reason = form_field_index(f, REGCHECK_REASON_FIELD);
	if (v.reason >= 0 && (f->fields[v.reason].type != FT_ENUM ||
	    f->fields[v.reason].enm == NULL))
		v.reason = -1;
	layout(&v);
	v.lvl = xcalloc(f->nfields, sizeof *v.lvl);
	v.why = xcalloc(f->nfields, sizeof *v.why);
	v.prev = last_entry(&v);
	count_book(&v);
	if (e != NULL)
		v.e = e;
	else {
		v.e = entry_new(f);
		entry_start(v.e, book, v.prev);
	}
	if (v.rowof[v.e->cur] < 0)
		v.e->cur = next_field(&v, -1, 1);
	enter_field(&v, v.e->cur);
	ui_too_small(ui) || (draw_all(&v), 0);

	while (!done) {
		refresh();
		key = ui_key(ui);
		if (key == UIK_HANGUP) {
			leave_field(&v);
			break;
		}
		if (ui_too_small(ui))
			continue;
		if (key == UIK_RESIZE) {
			draw_all(&v);
			continue;
		}
		if (ui->msg != NULL) {
			ui_message(ui, 0, NULL);
			draw_status(&v);
		}
		op = ui_op(ui, KC_FORM, key);
		if (op == OP_NONE && (key == KM_BSPACE || key == 8))
			op = OP_DELETE_BACK;
		if (op != OP_NONE) {
			handle_op(&v, op, &done);
			if (!done && !ui->hangup)
				draw_current(&v);
			continue;
		}
		if (key < ' ' || key >= KM_NAMED || key == KM_DELCHAR)
			continue;
		i = v.e->cur;
		if (!ledit_key(&v.le, key))
			beep();
		autoskip = (f->fields[i].flags & FF_AUTOSKIP) &&
		    (ledit_full(&v.le) || (f->fields[i].width > 0 &&
		    v.le.n >= f->fields[i].width));
		if (autoskip && next_field(&v, i, 1) >= 0)
			go_field(&v, next_field(&v, i, 1));
		else
			draw_current(&v);
	}

	ledit_free(&v.le);
	for (k = 0; k < f->nfields; k++)
		free(v.why[k]);
	free(v.why);
	free(v.repeat_why);
	clear_candidates(&v);
	dedup_form_free(v.df);
	free(v.lvl);
	free(v.rows);
	free(v.rowof);
	rec_free(v.prev);
	entry_free(v.e);
	return (ui->hangup ? -1 : 0);
}
