/*
 * ui-review.c: the review of probable duplicate people.
 *
 * The pairs flagged while entries were typed (or by hotich dedup) wait in
 * the store, open or for a supervisor. This screen lists them by book or
 * by clerk, shows a pair side by side with its differences marked, and
 * records the decision: not a duplicate, typed twice (one entry is kept,
 * the other removed), the same person in another event, or for a
 * supervisor. Every decision goes into the audit log with the pair, and a
 * decided pair is never flagged again.
 */

#include "config.h"

#include <sys/types.h>

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ops.h"
#include "rec.h"
#include "store.h"
#include "ui.h"
#include "utf8.h"
#include "xmalloc.h"

/* One pair waiting for a decision, with its two entries. */
struct rpair {
	struct store_pair	 p;
	struct rec		*r[2];
	const struct form	*f;
	char			*book;		/* "KS 01/2005" */
};

struct rlist {
	struct ui	*ui;
	struct rpair	*v;
	size_t		 n;
};

/* A field of r by the form's key for it, or "". */
static const char *
value_of(const struct form *f, const struct rec *r, int field)
{
	if (field < 0)
		return ("");
	return (rec_value(r, f->fields[field].key));
}

/* Keep the pairs still to decide, with both their entries. */
static int
collect_cb(const struct store_pair *sp, void *arg)
{
	struct rlist	*rl = arg;
	struct rpair	 rp;
	char		*cause = NULL;
	int		 i;

	if (strcmp(sp->decision, PAIR_OPEN) != 0 &&
	    strcmp(sp->decision, PAIR_SUPERVISOR) != 0)
		return (0);
	memset(&rp, 0, sizeof rp);
	for (i = 0; i < 2; i++) {
		if (store_get(rl->ui->s, i == 0 ? sp->a : sp->b, &rp.r[i],
		    &cause) != 0) {
			free(cause);	/* one was removed: nothing to decide */
			rec_free(rp.r[0]);
			return (0);
		}
	}
	if ((rp.f = formset_find(&rl->ui->fs, rp.r[0]->form)) == NULL) {
		rec_free(rp.r[0]);
		rec_free(rp.r[1]);
		return (0);
	}
	rp.p = *sp;
	rp.p.decision = xstrdup(sp->decision);
	rp.p.reason = xstrdup(sp->reason != NULL ? sp->reason : "");
	rp.p.user = xstrdup(sp->user != NULL ? sp->user : "");
	xasprintf(&rp.book, "%s %s", rp.f->reg,
	    value_of(rp.f, rp.r[0], rp.f->regno_key[RK_BOOK]));
	rl->v = xreallocarray(rl->v, rl->n + 1, sizeof *rl->v);
	rl->v[rl->n++] = rp;
	return (0);
}

static void
rlist_free(struct rlist *rl)
{
	size_t	i;

	for (i = 0; i < rl->n; i++) {
		free(rl->v[i].p.decision);
		free(rl->v[i].p.reason);
		free(rl->v[i].p.user);
		free(rl->v[i].book);
		rec_free(rl->v[i].r[0]);
		rec_free(rl->v[i].r[1]);
	}
	free(rl->v);
	rl->v = NULL;
	rl->n = 0;
}

static int
by_book(const void *a, const void *b)
{
	const struct rpair	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->book, y->book)) != 0)
		return (c);
	return (x->p.a < y->p.a ? -1 : x->p.a > y->p.a);
}

static int
by_clerk(const void *a, const void *b)
{
	const struct rpair	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->p.user, y->p.user)) != 0)
		return (c);
	return (by_book(a, b));
}

/* Entry i of pair rp in a few words: "no. 12 Nguyễn Văn An". */
static char *
entry_words(const struct rpair *rp, int i)
{
	const struct form	*f = rp->f;
	char			*s;

	xasprintf(&s, _("no. %s %s"), value_of(f, rp->r[i],
	    f->regno_key[RK_NUMBER]), value_of(f, rp->r[i],
	    f->nperson_key > 0 ? f->person_key[0] : -1));
	return (s);
}

/*
 * Entries a and b of form f side by side, one field a line, '*' where
 * they differ, under title. Returns 1 when the clerk presses Enter to go
 * on (decide), 0 to go back.
 */
int
ui_compare(struct ui *ui, const struct form *f, const struct rec *a,
    const struct rec *b, const char *title)
{
	struct ui_list		 l;
	enum op			 op;
	const char		*va, *vb;
	char			*la, *pa, *pb;
	size_t			 i;
	int			 k;

	memset(&l, 0, sizeof l);
	l.title = title;
	l.header = _("Enter: go on; Esc: back");
	l.lines = xcalloc(f->nfields + 1, sizeof *l.lines);
	for (i = 0; i < f->nfields; i++) {
		va = rec_value(a, f->fields[i].key);
		vb = rec_value(b, f->fields[i].key);
		if (*va == '\0' && *vb == '\0')
			continue;
		la = utf8_pad(f->fields[i].label, 20);
		pa = utf8_pad(va, 27);
		pb = utf8_pad(vb, 27);
		xasprintf(&l.lines[l.n++], "%c %s %s %s",
		    strcmp(va, vb) != 0 ? '*' : ' ', la, pa, pb);
		free(la);
		free(pa);
		free(pb);
	}
	k = ui_list_run(ui, &l, &op);
	ui_list_free(&l);
	return (k >= 0 && !ui->hangup);
}

/* Pair rp side by side. Returns 1 when the clerk asks to decide. */
static int
compare(struct ui *ui, const struct rpair *rp)
{
	char	*title;
	int	 k;

	xasprintf(&title, _("Entry %llu | entry %llu: score %.2f, %s"),
	    (unsigned long long)rp->p.a, (unsigned long long)rp->p.b,
	    rp->p.score, rp->p.reason);
	k = ui_compare(ui, rp->f, rp->r[0], rp->r[1], title);
	free(title);
	return (k);
}

/* Ask which of the pair's entries to keep: 0 or 1, or -1. */
static int
which_to_keep(struct ui *ui, const struct rpair *rp)
{
	struct ui_list	 l;
	enum op		 op;
	char		*w[2];
	int		 i, k;

	memset(&l, 0, sizeof l);
	l.title = _("Typed twice: which entry is kept? The other is removed.");
	l.lines = xcalloc(3, sizeof *l.lines);
	for (i = 0; i < 2; i++) {
		w[i] = entry_words(rp, i);
		xasprintf(&l.lines[l.n++], _("%d  Keep entry %llu, %s"), i + 1,
		    (unsigned long long)(i == 0 ? rp->p.a : rp->p.b), w[i]);
		free(w[i]);
	}
	k = ui_list_run(ui, &l, &op);
	ui_list_free(&l);
	return (ui->hangup ? -1 : k);
}

/* Decide pair rp. Returns 1 if a decision was recorded. */
static int
decide(struct ui *ui, struct rpair *rp)
{
	static const char	*words[] = { PAIR_NOT_DUPLICATE,
				    PAIR_TYPED_TWICE, PAIR_SAME_PERSON,
				    PAIR_SUPERVISOR };
	struct store_pair	 sp;
	struct ui_list		 l;
	enum op			 op;
	uint64_t		 gone;
	char			*cause, why[64];
	int			 k, keep, ret;

	memset(&l, 0, sizeof l);
	l.title = _("What are these two entries?");
	l.lines = xcalloc(5, sizeof *l.lines);
	l.lines[l.n++] = xstrdup(_("1  Not a duplicate: two people"));
	l.lines[l.n++] = xstrdup(_("2  Typed twice: keep one"));
	l.lines[l.n++] = xstrdup(_("3  The same person, another event"));
	l.lines[l.n++] = xstrdup(_("4  Needs a supervisor"));
	k = ui_list_run(ui, &l, &op);
	ui_list_free(&l);
	if (k < 0 || ui->hangup)
		return (0);
	if (k == 1) {
		if ((keep = which_to_keep(ui, rp)) < 0)
			return (0);
		gone = keep == 0 ? rp->p.b : rp->p.a;
		snprintf(why, sizeof why, "typed twice; kept %llu",
		    (unsigned long long)(keep == 0 ? rp->p.a : rp->p.b));
		if ((ret = store_delete(ui->s, gone, ui->user, why,
		    &cause)) < 0) {
			ui_message(ui, 1, _("Not removed: %s"), cause);
			free(cause);
			return (0);
		}
	}
	sp = rp->p;
	sp.decision = (char *)words[k];
	if (store_pair_put(ui->s, &sp, ui->user, &cause) != 0) {
		ui_message(ui, 1, _("Not recorded: %s"), cause);
		free(cause);
		return (0);
	}
	ui_message(ui, 0, _("Recorded: entries %llu and %llu."),
	    (unsigned long long)rp->p.a, (unsigned long long)rp->p.b);
	return (1);
}

/*
 * The review of the probable duplicates still to decide, by book (F6:
 * by clerk). Returns 0, or -1 if the store could not be read.
 */
int
ui_review(struct ui *ui)
{
	struct rlist	 rl;
	struct ui_list	 l;
	struct rpair	*rp;
	enum op		 op;
	char		*cause, *w;
	size_t		 i;
	int		 k, byclerk = 0;

	for (;;) {
		memset(&rl, 0, sizeof rl);
		rl.ui = ui;
		if (store_pairs(ui->s, collect_cb, &rl, &cause) != 0) {
			ui_message(ui, 1, "%s", cause);
			free(cause);
			rlist_free(&rl);
			return (-1);
		}
		if (rl.n == 0) {
			/* A decision just recorded is said instead. */
			if (ui->msg == NULL)
				ui_message(ui, 0, "%s", _("No probable "
				    "duplicates to review."));
			rlist_free(&rl);
			return (0);
		}
		qsort(rl.v, rl.n, sizeof *rl.v, byclerk ? by_clerk : by_book);
		memset(&l, 0, sizeof l);
		l.title = byclerk ? _("Probable duplicates to review, by clerk") :
		    _("Probable duplicates to review, by book");
		l.header = _("Book        Clerk      Score Entry A / B");
		l.sortable = 1;
		l.lines = xcalloc(rl.n + 1, sizeof *l.lines);
		for (i = 0; i < rl.n; i++) {
			rp = &rl.v[i];
			w = entry_words(rp, 0);
			xasprintf(&l.lines[l.n++], "%-11.11s %-10.10s %4.2f%s "
			    "%llu / %llu %s", rp->book, rp->p.user,
			    rp->p.score, strcmp(rp->p.decision,
			    PAIR_SUPERVISOR) == 0 ? "!" : " ",
			    (unsigned long long)rp->p.a,
			    (unsigned long long)rp->p.b, w);
			free(w);
		}
		k = ui_list_run(ui, &l, &op);
		ui_list_free(&l);
		if (op == OP_SORT && !ui->hangup) {
			byclerk = !byclerk;
			rlist_free(&rl);
			continue;
		}
		if (k < 0 || ui->hangup) {
			rlist_free(&rl);
			return (0);
		}
		if (compare(ui, &rl.v[k]))
			decide(ui, &rl.v[k]);
		rlist_free(&rl);
		if (ui->hangup)
			return (0);
	}
}
