/*
 * ui-verify.c: the entries waiting to be verified by blind re-keying.
 *
 * A reviewer re-keys a share of every book's entries (the sample, at the
 * rate hotich config sets) and every entry of a clerk whose measured
 * error rate is high, without seeing what the clerk typed; the entry
 * form does the re-keying (ui_entry_verify) and the store records who
 * was wrong where, which the clerks' error rates and the production
 * report count. This screen finds the entries "entered" by somebody else
 * that the store says must be re-keyed, lists their books with how many
 * wait in each, and takes the reviewer through those of one book, or of
 * every book, in book and number order.
 */

#include "config.h"

#include <sys/types.h>

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "number.h"
#include "ops.h"
#include "policy.h"
#include "rec.h"
#include "store.h"
#include "ui.h"
#include "utf8.h"
#include "xmalloc.h"

/* An entry that may wait to be re-keyed. */
struct vitem {
	uint64_t		 id;
	const struct form	*f;
	char			*clerk;
	char			*office;
	char			*year;
	char			*book;
	char			*number;
	long			 num;		/* the number, for the order */
};

/* The entries found. */
struct vqueue {
	struct ui	*ui;
	struct vitem	*v;
	size_t		 n;
};

/* The value of part p of the registration number of r, as written. */
static const char *
regno_part(const struct form *f, const struct rec *r, enum regno_part p)
{
	return (f->regno_key[p] >= 0 ?
	    rec_value(r, f->fields[f->regno_key[p]].key) : "");
}

/* Keep the entries entered by somebody else than the user. */
static int
collect_cb(const struct rec *r, void *arg)
{
	struct vqueue		*q = arg;
	struct vitem		*it;
	const struct form	*f;

	if (r->state != RS_ENTERED ||
	    (f = formset_find(&q->ui->fs, r->form)) == NULL)
		return (0);
	if (*r->user != '\0' && strcmp(r->user, q->ui->user) == 0)
		return (0);
	q->v = xreallocarray(q->v, q->n + 1, sizeof *q->v);
	it = &q->v[q->n++];
	it->id = r->id;
	it->f = f;
	it->clerk = xstrdup(r->user);
	it->office = xstrdup(regno_part(f, r, RK_OFFICE));
	it->year = xstrdup(regno_part(f, r, RK_YEAR));
	it->book = xstrdup(regno_part(f, r, RK_BOOK));
	it->number = xstrdup(regno_part(f, r, RK_NUMBER));
	if (number_regno(it->number, &it->num) != 0)
		it->num = 0;
	return (0);
}

static void
item_free(struct vitem *it)
{
	free(it->clerk);
	free(it->office);
	free(it->year);
	free(it->book);
	free(it->number);
}

static void
vqueue_free(struct vqueue *q)
{
	size_t	i;

	for (i = 0; i < q->n; i++)
		item_free(&q->v[i]);
	free(q->v);
	memset(q, 0, sizeof *q);
}

/* Book and number order: register, office, year, book, number, id. */
static int
by_place(const void *a, const void *b)
{
	const struct vitem	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->f->reg, y->f->reg)) != 0)
		return (c);
	if ((c = strcmp(x->office, y->office)) != 0)
		return (c);
	if ((c = strcmp(x->year, y->year)) != 0)
		return (c);
	if ((c = strcmp(x->book, y->book)) != 0)
		return (c);
	if (x->num != y->num)
		return (x->num < y->num ? -1 : 1);
	return (x->id < y->id ? -1 : x->id > y->id);
}

/* Whether a and b are entries of one book. */
static int
same_book(const struct vitem *a, const struct vitem *b)
{
	return (a->f == b->f && strcmp(a->office, b->office) == 0 &&
	    strcmp(a->year, b->year) == 0 && strcmp(a->book, b->book) == 0);
}

/*
 * Find the entries waiting to be re-keyed, in book and number order.
 * Returns 0, or -1 with the trouble said.
 */
static int
find_waiting(struct vqueue *q)
{
	struct store_rekey	 rk;
	char			*cause = NULL;
	size_t			 i, n;

	ui_put(LINES - 2, 0, _("Looking for the entries to verify..."), COLS);
	refresh();
	if (store_scan(q->ui->s, NULL, collect_cb, q, &cause) != 0) {
		ui_message(q->ui, 1, "%s", cause);
		free(cause);
		return (-1);
	}
	if (store_rekey_load(q->ui->s, &rk, &cause) != 0) {
		ui_message(q->ui, 1, "%s", cause);
		free(cause);
		return (-1);
	}
	for (i = n = 0; i < q->n; i++) {
		if (store_rekey_need(&rk, q->v[i].id, q->v[i].clerk))
			q->v[n++] = q->v[i];
		else
			item_free(&q->v[i]);
	}
	store_rekey_free(&rk);
	q->n = n;
	qsort(q->v, q->n, sizeof *q->v, by_place);
	return (0);
}

/*
 * Re-key the n entries of v one after another, each read again (another
 * reviewer may have verified it meanwhile). Returns how many were
 * verified; *left is set when the reviewer left before the end.
 */
static size_t
run_queue(struct ui *ui, const struct vitem *v, size_t n, int *left)
{
	struct rec	*r;
	char		*cause = NULL, *head;
	size_t		 k, done = 0;
	int		 ret;

	*left = 0;
	for (k = 0; k < n && !ui->hangup; k++) {
		if ((ret = store_get(ui->s, v[k].id, &r, &cause)) != 0) {
			if (ret < 0) {
				ui_message(ui, 1, "%s", cause);
				free(cause);
				*left = 1;
				break;
			}
			continue;	/* removed meanwhile */
		}
		if (r->state != RS_ENTERED || strcmp(r->user, ui->user) == 0) {
			rec_free(r);
			continue;
		}
		if (*r->user != '\0')
			xasprintf(&head, _("Re-keying entry %zu of %zu, typed by "
			    "%s"), k + 1, n, r->user);
		else
			xasprintf(&head, _("Re-keying entry %zu of %zu, "
			    "imported"), k + 1, n);
		ret = ui_entry_verify(ui, v[k].f, r, head);
		free(head);
		rec_free(r);
		if (ret != 1) {
			*left = 1;
			break;
		}
		done++;
	}
	return (done);
}

/*
 * The entries waiting to be verified by re-keying: their books, with how
 * many wait in each, and the queue of one book or of all. Only a user
 * who may verify opens it; anyone else is told why not. Returns 0, or -1
 * when refused or on a database error (said as a message).
 */
int
ui_verify(struct ui *ui)
{
	struct vqueue	 q;
	struct ui_list	 l;
	enum op		 op;
	char		*cause = NULL, *title, *all, *reg;
	size_t		 i, j, *first = NULL, nbooks, from, to, done;
	int		 k, left;

	if (store_may(ui->s, ACT_VERIFY, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return (-1);
	}
	memset(&q, 0, sizeof q);
	q.ui = ui;
	for (;;) {
		if (find_waiting(&q) != 0) {
			vqueue_free(&q);
			return (-1);
		}
		if (q.n == 0) {
			if (ui->msg == NULL)
				ui_message(ui, 0, "%s", _("No entry waits to "
				    "be verified."));
			break;
		}

		/* The books, each from its first entry in q.v. */
		first = xreallocarray(NULL, q.n + 1, sizeof *first);
		for (i = nbooks = 0; i < q.n; i++) {
			if (i == 0 || !same_book(&q.v[i - 1], &q.v[i]))
				first[nbooks++] = i;
		}
		first[nbooks] = q.n;
		memset(&l, 0, sizeof l);
		xasprintf(&title, _("Verify entries: %zu wait to be re-keyed "
		    "blind; choose a book"), q.n);
		l.title = title;
		l.header = _("   Register Year Book          Waiting  Office");
		l.lines = xcalloc(nbooks + 1, sizeof *l.lines);
		all = utf8_pad(_("All books, in order"), 27);
		xasprintf(&l.lines[l.n++], "   %s %7zu", all, q.n);
		free(all);
		for (j = 0; j < nbooks; j++) {
			reg = utf8_pad(q.v[first[j]].f->reg, 8);
			xasprintf(&l.lines[l.n++], "   %s %4s %-13s %7zu  %s",
			    reg, q.v[first[j]].year, q.v[first[j]].book,
			    first[j + 1] - first[j], q.v[first[j]].office);
			free(reg);
		}
		k = ui_list_run(ui, &l, &op);
		ui_list_free(&l);
		free(title);
		if (k < 0 || ui->hangup) {
			free(first);
			break;
		}
		from = k == 0 ? 0 : first[k - 1];
		to = k == 0 ? q.n : first[k];
		free(first);
		done = run_queue(ui, q.v + from, to - from, &left);
		if (ui->hangup)
			break;
		if (left)
			ui_message(ui, 0, _("%zu entries verified; the others "
			    "wait."), done);
		else
			ui_message(ui, 0, _("Queue done: %zu entries "
			    "verified."), done);
		vqueue_free(&q);
		q.ui = ui;
	}
	vqueue_free(&q);
	return (0);
}
