/*
 * ui-book.c: choosing what to type: the books already started (with how
 * far each has got), a new book, the entries of a book (by number or by
 * name in Vietnamese order, searched without diacritics), and resuming
 * the entry a clerk was typing when the program stopped.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>

#include "entry.h"
#include "i18n.h"
#include "store.h"
#include "ui.h"
#include "utf8.h"
#include "vntext.h"
#include "xmalloc.h"

#define LAST_BOOK_KEY	"last-book:"	/* meta: the user's last book */

/* The same for a book of the books database. */
static struct rec *
book_rec_of(const struct form *f, const struct book *b)
{
	char	year[16];

	snprintf(year, sizeof year, "%ld", b->year);
	return (rec_book_fields(f, b->office, year, b->number));
}

static const char *
book_field(const struct form *f, const struct rec *r, enum regno_part p)
{
	return (f->regno_key[p] >= 0 ?
	    rec_value(r, f->fields[f->regno_key[p]].key) : "");
}

/* Remember the book for "continue where I stopped". */
static void
remember_book(struct ui *ui, const struct form *f, const struct rec *book)
{
	char	*k, *v, *cause;

	xasprintf(&k, "%s%s", LAST_BOOK_KEY, ui->user);
	xasprintf(&v, "%s\t%s\t%s\t%s", f->id, book_field(f, book, RK_OFFICE),
	    book_field(f, book, RK_YEAR), book_field(f, book, RK_BOOK));
	if (store_meta_put(ui->s, k, v, &cause) != 0)
		free(cause);
	free(k);
	free(v);
}

static int
open_book(struct ui *ui, const struct form *f, struct rec *book)
{
	remember_book(ui, f, book);
	return (ui_entry(ui, f, book, NULL));
}

/* Ask for a new book: register, office, year, book number. */
static void
new_book(struct ui *ui)
{
	struct ui_list	 l;
	struct rec	*book;
	const struct form *f;
	enum op		 op;
	char		*office = NULL, *year = NULL, *number = NULL;
	size_t		 i;
	int		 k;

	memset(&l, 0, sizeof l);
	l.title = _("New book: which register?");
	l.n = ui->fs.n;
	l.lines = xcalloc(l.n, sizeof *l.lines);
	for (i = 0; i < l.n; i++)
		xasprintf(&l.lines[i], "%-5s %s", ui->fs.v[i]->reg,
		    ui->fs.v[i]->title);
	k = ui_list_run(ui, &l, &op);
	ui_list_free(&l);
	if (k < 0)
		return;
	f = ui->fs.v[k];
	if ((office = ui_prompt(ui, _("Office, as written in the book:"), "",
	    1)) == NULL || *office == '\0')
		goto out;
	if ((year = ui_prompt(ui, _("Year of registration:"), "", 0)) ==
	    NULL || *year == '\0')
		goto out;
	if ((number = ui_prompt(ui, _("Book number, as written:"), "", 0)) ==
	    NULL)
		goto out;
	book = rec_book_fields(f, office, year, number);
	open_book(ui, f, book);
	rec_free(book);
out:
	free(office);
	free(year);
	free(number);
}

static uint32_t
get_be32(const u_char *p)
{
	return ((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3]);
}

/*
 * A book's progress from the indexes alone: its entries (the book index
 * counts them at once) and its greatest number key (one look-up in the
 * number index), in *last (free it) and *lastlen.
 */
static void
book_progress(struct ui *ui, const void *key, size_t len, u_long *count,
    void **last, size_t *lastlen)
{
	uint64_t	 id;
	char		*cause;

	if (key == NULL)
		return;
	if (store_index_count_key(ui->s, SI_BOOK, key, len, count,
	    &cause) != 0)
		free(cause);
	if (store_index_last(ui->s, SI_REGNO, key, len, IDXKEY_NUMBER_LEN, &id,
	    last, lastlen, &cause) != 0)
		free(cause);
}

/* The books list: open one, or start a new one. */
int
ui_books(struct ui *ui)
{
	struct ui_list	  l;
	struct book	**b = NULL;
	struct rec	 *book;
	const struct form *f;
	enum op		  op;
	char		 *cause, *key;
	void		 *last;
	size_t		  nb = 0, i, len, lastlen;
	u_long		  count;
	int		  k;

	for (;;) {
		if (store_books(ui->s, &b, &nb, &cause) != 0) {
			ui_message(ui, 1, "%s", cause);
			free(cause);
			return (-1);
		}
		memset(&l, 0, sizeof l);
		l.title = _("Books: choose one to type into");
		l.header = _("   Register Year Book          Entries  Last no. "
		    "Office");
		l.lines = xcalloc(nb + 1, sizeof *l.lines);
		l.lines[l.n++] = xstrdup(_("+  A new book..."));
		for (i = 0; i < nb; i++) {
			count = 0;
			lastlen = 0;
			last = NULL;
			f = formset_find(&ui->fs, b[i]->form);
			if (f != NULL) {
				book = book_rec_of(f, b[i]);
				key = store_book_key(book, f, &len);
				book_progress(ui, key, len, &count, &last,
				    &lastlen);
				free(key);
				rec_free(book);
			}
			xasprintf(&l.lines[l.n++], "   %-8s %4ld %-13s %7lu  "
			    "%8lu %s", f != NULL ? f->reg : b[i]->form,
			    b[i]->year, b[i]->number, count,
			    lastlen >= 4 ? (u_long)get_be32((u_char *)last +
			    lastlen - 4) : 0UL, b[i]->office);
			free(last);
		}
		k = ui_list_run(ui, &l, &op);
		ui_list_free(&l);
		if (k == 0)
			new_book(ui);
		else if (k > 0 && (f = formset_find(&ui->fs,
		    b[k - 1]->form)) != NULL) {
			book = book_rec_of(f, b[k - 1]);
			open_book(ui, f, book);
			rec_free(book);
		} else if (k > 0)
			ui_message(ui, 1, _("No form %s is loaded."),
			    b[k - 1]->form);
		for (i = 0; i < nb; i++)
			store_book_free(b[i]);
		free(b);
		b = NULL;
		if (k < 0 || ui->hangup)
			return (0);
	}
}

/* One entry of the entries list. */
struct eline {
	uint64_t	 id;
	char		*number;
	char		*name;
	char		*sortname;	/* Vietnamese order: given name first */
	char		*born;
};

struct elist {
	const struct form	*f;
	int			 name_field;
	int			 born_field;
	struct eline		*v;
	size_t			 n;
};

static int
elist_cb(const struct rec *r, void *arg)
{
	struct elist	*el = arg;
	struct eline	*e;
	const char	*name;

	el->v = xreallocarray(el->v, el->n + 1, sizeof *el->v);
	e = &el->v[el->n++];
	e->id = r->id;
	e->number = xstrdup(el->f->regno_key[RK_NUMBER] >= 0 ? rec_value(r,
	    el->f->fields[el->f->regno_key[RK_NUMBER]].key) : "");
	name = el->name_field >= 0 ?
	    rec_value(r, el->f->fields[el->name_field].key) : "";
	e->name = xstrdup(name);
	e->sortname = vntext_person_key(name);
	e->born = xstrdup(el->born_field >= 0 ?
	    rec_value(r, el->f->fields[el->born_field].key) : "");
	return (0);
}

static int
by_name(const void *a, const void *b)
{
	const struct eline	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->sortname, y->sortname)) != 0)
		return (c);
	return (x->id < y->id ? -1 : x->id > y->id);
}

static int
by_id(const void *a, const void *b)
{
	const struct eline	*x = a, *y = b;

	return (x->id < y->id ? -1 : x->id > y->id);
}

/*
 * The entries of the book, by number (the index order) or by name. If
 * the clerk opens one, *id is set to it. Returns 0, or -1 on a database
 * error (shown as a message).
 */
int
ui_entries(struct ui *ui, const struct form *f, const struct rec *book,
    uint64_t *id)
{
	struct elist	 el;
	struct ui_list	 l;
	enum op		 op;
	char		*key, *cause, *name;
	size_t		 len, i;
	int		 k, byname = 0;

	*id = 0;
	memset(&el, 0, sizeof el);
	el.f = f;
	el.name_field = f->nperson_key > 0 ? f->person_key[0] : -1;
	el.born_field = f->nperson_key > 1 ? f->person_key[1] : -1;
	if ((key = store_book_key(book, f, &len)) == NULL)
		return (0);
	if (store_lookup_tail(ui->s, SI_REGNO, key, len, IDXKEY_NUMBER_LEN,
	    elist_cb, &el, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		free(key);
		return (-1);
	}
	free(key);
	for (;;) {
		memset(&l, 0, sizeof l);
		l.title = byname ? _("Entries of the book, by name") :
		    _("Entries of the book, by number");
		l.header = _("No.      Name                             Born");
		l.sortable = 1;
		l.n = el.n;
		l.lines = xcalloc(el.n + 1, sizeof *l.lines);
		for (i = 0; i < el.n; i++) {
			name = utf8_pad(el.v[i].name, 32);
			xasprintf(&l.lines[i], "%-8s %s %s",
			    el.v[i].number, name, el.v[i].born);
			free(name);
		}
		k = ui_list_run(ui, &l, &op);
		ui_list_free(&l);
		if (k >= 0) {
			*id = el.v[k].id;
			break;
		}
		if (op != OP_SORT)
			break;
		if (!byname)
			qsort(el.v, el.n, sizeof *el.v, by_name);
		else {
			/* Back to the index order: number, then id. */
			qsort(el.v, el.n, sizeof *el.v, by_id);
		}
		byname = !byname;
	}
	for (i = 0; i < el.n; i++) {
		free(el.v[i].number);
		free(el.v[i].name);
		free(el.v[i].sortname);
		free(el.v[i].born);
	}
	free(el.v);
	return (0);
}

/* Open the book the user typed into last. Returns 1 if opened. */
static int
last_book(struct ui *ui)
{
	const struct form	*f;
	struct rec		*book;
	char			*k, *v, *cause, *p[4], *s;
	int			 i;

	xasprintf(&k, "%s%s", LAST_BOOK_KEY, ui->user);
	if (store_meta_get(ui->s, k, &v, &cause) != 0) {
		free(cause);
		v = NULL;
	}
	free(k);
	if (v == NULL)
		return (0);
	s = v;
	for (i = 0; i < 4; i++)
		p[i] = strsep(&s, "\t");
	if (p[3] == NULL || (f = formset_find(&ui->fs, p[0])) == NULL) {
		free(v);
		return (0);
	}
	book = rec_book_fields(f, p[1], p[2], p[3]);
	ui_entry(ui, f, book, NULL);
	rec_free(book);
	free(v);
	return (1);
}

/*
 * Continue where the user stopped: the entry being typed when the
 * program ended (asking first when ask is set), else the last book.
 * Returns 1 if something was opened, 0 if not, -1 on hangup.
 */
int
ui_resume(struct ui *ui, int ask)
{
	const struct form	*f;
	struct rec		*d;
	struct entry		*e;
	char			*cause, q[512];

	if (store_draft_get(ui->s, ui->user, &d, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return (0);
	}
	if (d == NULL || (f = formset_find(&ui->fs, d->form)) == NULL) {
		rec_free(d);
		return (ask ? 0 : last_book(ui));
	}
	e = entry_new(f);
	entry_load(e, d);
	e->touched = 1;		/* what was typed is not saved yet */
	if (ask) {
		snprintf(q, sizeof q, _("An entry was being typed (%s, book "
		    "%s, no. %s, at \"%s\"). Continue it?"), f->reg,
		    book_field(f, d, RK_BOOK), book_field(f, d, RK_NUMBER),
		    f->fields[e->cur].label);
		erase();
		if (!ui_confirm(ui, q)) {
			entry_free(e);
			rec_free(d);
			return (ui->hangup ? -1 : 0);
		}
	}
	remember_book(ui, f, d);
	ui_entry(ui, f, d, e);
	rec_free(d);
	return (ui->hangup ? -1 : 1);
}
