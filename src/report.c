/*
 * report.c: the model of a report (see report.h): a document of tables of
 * groups by measures, built a table, a column and a row at a time; the
 * sum of reports of several databases (report_add), and a report that
 * shows each of them beside their sum (report_parts).
 */

#include "config.h"

#include <sys/types.h>

#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "xmalloc.h"

static char *
dup_or_null(const char *s)
{
	return (s != NULL ? xstrdup(s) : NULL);
}

/* A new, empty report; free it with report_free. */
struct report *
report_new(void)
{
	return (xcalloc(1, sizeof (struct report)));
}

static void
table_free(struct report_table *t)
{
	size_t	i;

	free(t->title);
	free(t->key);
	free(t->label_head);
	for (i = 0; i < t->ncols; i++) {
		free(t->cols[i].head);
		free(t->cols[i].key);
	}
	free(t->cols);
	for (i = 0; i < t->nrows; i++) {
		free(t->rows[i].label);
		free(t->rows[i].key);
		free(t->rows[i].order);
		free(t->rows[i].v);
		free(t->rows[i].num);
		free(t->rows[i].den);
	}
	free(t->rows);
	for (i = 0; i < t->nnotes; i++) {
		free(t->notes[i].text);
		free(t->notes[i].fmt);
	}
	free(t->notes);
}

/* Free rep and everything in it; NULL is fine. */
void
report_free(struct report *rep)
{
	size_t	i;

	if (rep == NULL)
		return;
	free(rep->superior);
	free(rep->office);
	free(rep->title);
	free(rep->subtitle);
	free(rep->period);
	free(rep->place);
	for (i = 0; i < rep->ntables; i++)
		table_free(&rep->tables[i]);
	free(rep->tables);
	free(rep);
}

/*
 * Add a table titled title, named key in CSV, whose label column is headed
 * label_head. Returns it; it belongs to rep, and stays valid until the
 * next table is added.
 */
struct report_table *
report_table_add(struct report *rep, const char *title, const char *key,
    const char *label_head)
{
	struct report_table	*t;

	rep->tables = xreallocarray(rep->tables, rep->ntables + 1,
	    sizeof *rep->tables);
	t = &rep->tables[rep->ntables++];
	memset(t, 0, sizeof *t);
	t->title = xstrdup(title);
	t->key = xstrdup(key);
	t->label_head = xstrdup(label_head);
	return (t);
}

/*
 * Add a column headed head ('\n' breaks the heading), named key in CSV,
 * of values with prec decimals. Columns come before rows. Returns it.
 */
struct report_col *
report_col_add(struct report_table *t, const char *head, const char *key,
    int prec)
{
	struct report_col	*c;

	if (t->nrows != 0)
		fatalx("report_col_add: the table has rows");
	t->cols = xreallocarray(t->cols, t->ncols + 1, sizeof *t->cols);
	c = &t->cols[t->ncols++];
	c->head = xstrdup(head);
	c->key = xstrdup(key);
	c->prec = prec;
	c->scale = 0;
	c->share = 0;
	return (c);
}

/* A new row of t at position at, every value 0; it belongs to t. */
static struct report_row *
row_insert(struct report_table *t, size_t at, const char *label,
    const char *key)
{
	struct report_row	*r;
	size_t			 n = t->ncols == 0 ? 1 : t->ncols;

	t->rows = xreallocarray(t->rows, t->nrows + 1, sizeof *t->rows);
	memmove(&t->rows[at + 1], &t->rows[at], (t->nrows - at) *
	    sizeof *t->rows);
	t->nrows++;
	r = &t->rows[at];
	memset(r, 0, sizeof *r);
	r->label = xstrdup(label);
	r->key = dup_or_null(key != NULL ? key : label);
	r->v = xcalloc(n, sizeof *r->v);
	r->num = xcalloc(n, sizeof *r->num);
	r->den = xcalloc(n, sizeof *r->den);
	return (r);
}

/*
 * Add a row labelled label, named key in CSV (NULL: the label), with every
 * value 0. Returns it; it stays valid until the next row is added.
 */
struct report_row *
report_row_add(struct report_table *t, const char *label, const char *key)
{
	return (row_insert(t, t->nrows, label, key));
}

/*
 * Set what orders row r when report_add brings it into a table that
 * lacks it (a copy of order; NULL: none): it goes before the first row
 * whose order is greater. A row without one goes after the row its
 * predecessor (in its own report) was added into.
 */
void
report_row_order(struct report_row *r, const char *order)
{
	free(r->order);
	r->order = dup_or_null(order);
}

static void
note_append(struct report_table *t, const char *text, const char *fmt,
    u_long n)
{
	struct report_note	*nt;

	t->notes = xreallocarray(t->notes, t->nnotes + 1, sizeof *t->notes);
	nt = &t->notes[t->nnotes++];
	nt->text = dup_or_null(text);
	nt->fmt = dup_or_null(fmt);
	nt->n = n;
}

/* Add a line to print under table t. */
void
report_note_add(struct report_table *t, const char *line)
{
	note_append(t, line, NULL, 0);
}

/*
 * The words of fmt with n in place of its "%lu" (fmt as it is if it has
 * none), or NULL if n is 0: nothing is said of nothing. Free it.
 */
static char *
note_text(const char *fmt, u_long n)
{
	const char	*p;
	char		*s;

	if (n == 0)
		return (NULL);
	if ((p = strstr(fmt, "%lu")) == NULL)
		return (xstrdup(fmt));
	xasprintf(&s, "%.*s%lu%s", (int)(p - fmt), fmt, n, p + 3);
	return (s);
}

/*
 * Add under table t a note saying a count: fmt is its words, with "%lu"
 * where n goes (once; no other '%'). A count of 0 prints nothing, but is
 * kept, so that the note says the sum when reports are added.
 */
void
report_note_count(struct report_table *t, const char *fmt, u_long n)
{
	char	*text;

	text = note_text(fmt, n);
	note_append(t, text, fmt, n);
	free(text);
}

/*
 * Set the value of column col of row r (of table t) to the ratio num /
 * den times scale (100 for a share in percent, 1 for a mean), or
 * REPORT_NA if den is not above 0, and keep num and den, so that
 * report_add can make the ratio of a sum again. Every value of the
 * column should be set so; the column's scale is scale.
 */
void
report_ratio(struct report_table *t, struct report_row *r, size_t col,
    double num, double den, double scale)
{
	if (col >= t->ncols)
		fatalx("report_ratio: no column %zu", col);
	t->cols[col].scale = scale;
	r->num[col] = num;
	r->den[col] = den;
	r->v[col] = den > 0 ? scale * num / den : REPORT_NA;
}

/* Set column col of t to its rows' shares of the total (report_share). */
static void
share_set(struct report_table *t, size_t col)
{
	const struct report_col	*c = &t->cols[col];
	size_t			 i, of = c->share - 1;
	double			 all = REPORT_NA;

	for (i = t->nrows; i > 0; i--) {
		if (t->rows[i - 1].total) {
			all = t->rows[i - 1].v[of];
			break;
		}
	}
	for (i = 0; i < t->nrows; i++) {
		if (t->rows[i].heading)
			continue;
		t->rows[i].v[col] = all != REPORT_NA && all > 0 &&
		    t->rows[i].v[of] != REPORT_NA ? c->scale *
		    t->rows[i].v[of] / all : REPORT_NA;
	}
}

/*
 * Set column col of table t, in every row, to scale (100: percent)
 * times the row's value in column of over the value in column of of the
 * table's last total row (REPORT_NA if that is not above 0), and keep
 * it so: report_add sets it again from the sums. Call it once the rows
 * are in.
 */
void
report_share(struct report_table *t, size_t col, size_t of, double scale)
{
	if (col >= t->ncols || of >= t->ncols || of == col)
		fatalx("report_share: no columns %zu, %zu", col, of);
	t->cols[col].scale = scale;
	t->cols[col].share = of + 1;
	share_set(t, col);
}

/*
 * Add a row labelled label holding the sum of each column over the rows
 * so far, headings and totals apart (REPORT_NA stays out of a sum). Means
 * are not sums: a column with decimals gets what the caller puts there
 * (report_ratio), REPORT_NA until then.
 */
void
report_total(struct report_table *t, const char *label)
{
	struct report_row	*r;
	size_t			 i, j, n = t->nrows;

	r = report_row_add(t, label, "total");
	r->total = 1;
	for (j = 0; j < t->ncols; j++) {
		if (t->cols[j].prec != 0) {
			r->v[j] = REPORT_NA;
			continue;
		}
		for (i = 0; i < n; i++)
			if (!t->rows[i].total && !t->rows[i].heading &&
			    t->rows[i].v[j] != REPORT_NA)
				r->v[j] += t->rows[i].v[j];
	}
}

/* The table of rep named key, or NULL. */
const struct report_table *
report_table_find(const struct report *rep, const char *key)
{
	size_t	i;

	for (i = 0; i < rep->ntables; i++)
		if (strcmp(rep->tables[i].key, key) == 0)
			return (&rep->tables[i]);
	return (NULL);
}

static struct report_table *
table_find(struct report *rep, const char *key)
{
	size_t	i;

	for (i = 0; i < rep->ntables; i++)
		if (strcmp(rep->tables[i].key, key) == 0)
			return (&rep->tables[i]);
	return (NULL);
}

/* Whether rows a and b are one group: one key, both totals or neither. */
static int
row_same(const struct report_row *a, const struct report_row *b)
{
	return (!a->heading && !b->heading && a->total == b->total &&
	    strcmp(a->key, b->key) == 0);
}

/*
 * The index in table t of the row that is row r of table from (of
 * another report, or the same): the row of the same key, a total if it
 * is one, with as many rows of that key before it. -1 if t has none, or
 * row r is a heading.
 */
ssize_t
report_row_match(const struct report_table *t,
    const struct report_table *from, size_t r)
{
	const struct report_row	*want = &from->rows[r];
	size_t			 i, before = 0;

	if (want->heading)
		return (-1);
	for (i = 0; i < r; i++)
		if (row_same(&from->rows[i], want))
			before++;
	for (i = 0; i < t->nrows; i++) {
		if (!row_same(&t->rows[i], want))
			continue;
		if (before-- == 0)
			return ((ssize_t)i);
	}
	return (-1);
}

/* Copy row s of a table of ncols columns into the new row d. */
static void
row_copy(struct report_row *d, const struct report_row *s, size_t ncols)
{
	report_row_order(d, s->order);
	if (ncols != 0) {
		memcpy(d->v, s->v, ncols * sizeof *d->v);
		memcpy(d->num, s->num, ncols * sizeof *d->num);
		memcpy(d->den, s->den, ncols * sizeof *d->den);
	}
	d->total = s->total;
	d->heading = s->heading;
}

/* A new table in rep with the title, names and columns of s. */
static struct report_table *
table_like(struct report *rep, const struct report_table *s)
{
	struct report_table	*t;
	struct report_col	*c;
	size_t			 j;

	t = report_table_add(rep, s->title, s->key, s->label_head);
	for (j = 0; j < s->ncols; j++) {
		c = report_col_add(t, s->cols[j].head, s->cols[j].key,
		    s->cols[j].prec);
		c->scale = s->cols[j].scale;
		c->share = s->cols[j].share;
	}
	return (t);
}

/* Add row s of table t's kind into row d of t. */
static void
row_sum(const struct report_table *t, struct report_row *d,
    const struct report_row *s)
{
	const struct report_col	*c;
	size_t			 j;

	for (j = 0; j < t->ncols; j++) {
		c = &t->cols[j];
		if (c->share != 0)
			continue;	/* share_set, once the rows are in */
		if (c->scale != 0) {
			d->num[j] += s->num[j];
			d->den[j] += s->den[j];
			d->v[j] = d->den[j] > 0 ? c->scale * d->num[j] /
			    d->den[j] : REPORT_NA;
		} else if (c->prec != 0)
			d->v[j] = REPORT_NA;
		else if (s->v[j] == REPORT_NA)
			continue;
		else if (d->v[j] == REPORT_NA)
			d->v[j] = s->v[j];
		else
			d->v[j] += s->v[j];
	}
}

/*
 * Where in t a row r that t does not have goes: a total at the end; by
 * its order among the rows that have one; else at after. Never after the
 * totals that end the table.
 */
static size_t
row_place(const struct report_table *t, const struct report_row *r,
    size_t after)
{
	size_t	i, end = t->nrows;

	if (r->total)
		return (t->nrows);
	while (end > 0 && t->rows[end - 1].total)
		end--;
	if (r->order != NULL) {
		for (i = 0; i < end; i++)
			if (t->rows[i].order != NULL &&
			    strcmp(t->rows[i].order, r->order) > 0)
				return (i);
		return (end);
	}
	return (after < end ? after : end);
}

/* Add the notes of table s into those of table d. */
static void
notes_sum(struct report_table *d, const struct report_table *s)
{
	const struct report_note	*sn;
	struct report_note		*dn;
	size_t				 i, k;

	for (i = 0; i < s->nnotes; i++) {
		sn = &s->notes[i];
		for (k = 0; k < d->nnotes; k++) {
			dn = &d->notes[k];
			if (sn->fmt != NULL ? dn->fmt != NULL &&
			    strcmp(dn->fmt, sn->fmt) == 0 : dn->fmt == NULL &&
			    strcmp(dn->text, sn->text) == 0)
				break;
		}
		if (k == d->nnotes) {
			note_append(d, sn->text, sn->fmt, sn->n);
			continue;
		}
		if (sn->fmt == NULL)
			continue;
		dn->n += sn->n;
		free(dn->text);
		dn->text = note_text(dn->fmt, dn->n);
	}
}

/* Copy what dst's heading lacks (NULL, or no date) from src's. */
static void
heading_fill(struct report *dst, const struct report *src)
{
	if (dst->superior == NULL)
		dst->superior = dup_or_null(src->superior);
	if (dst->office == NULL)
		dst->office = dup_or_null(src->office);
	if (dst->title == NULL)
		dst->title = dup_or_null(src->title);
	if (dst->subtitle == NULL)
		dst->subtitle = dup_or_null(src->subtitle);
	if (dst->period == NULL)
		dst->period = dup_or_null(src->period);
	if (dst->place == NULL)
		dst->place = dup_or_null(src->place);
	if (dst->made.year == 0 && dst->made.month == 0 && dst->made.day == 0)
		dst->made = src->made;
}

/*
 * Add report src (of another database, counted for the same query) into
 * dst, which may be a new empty report: dst is then the sum. Tables are
 * matched by key (a table dst lacks is copied), rows by report_row_match
 * (a row dst lacks is copied, where report_row_order puts it). Counts
 * are added, REPORT_NA staying out of the sum (as in report_total); a
 * ratio (report_ratio) is made again from the sums of its parts, a share
 * (report_share) from the sums; a value with decimals that is neither
 * cannot be added and becomes REPORT_NA. A count said by a note
 * (report_note_count) is added; a plain note dst lacks is copied.
 * Headings (rows) of src are left out. dst keeps its heading, but what it
 * lacks is taken from src. A table of src whose columns differ from
 * dst's table of the same key is a bug (fatalx). src is not changed.
 */
void
report_add(struct report *dst, const struct report *src)
{
	const struct report_table	*st;
	struct report_table		*dt;
	struct report_row		*row;
	size_t				 i, j, r, after, at;
	ssize_t				 k;

	heading_fill(dst, src);
	for (i = 0; i < src->ntables; i++) {
		st = &src->tables[i];
		if ((dt = table_find(dst, st->key)) == NULL)
			dt = table_like(dst, st);
		if (dt->ncols != st->ncols)
			fatalx("report_add: table %s: other columns", st->key);
		for (j = 0; j < st->ncols; j++) {
			if (strcmp(dt->cols[j].key, st->cols[j].key) != 0)
				fatalx("report_add: table %s: other columns",
				    st->key);
			if (dt->cols[j].scale == 0) {
				dt->cols[j].scale = st->cols[j].scale;
				dt->cols[j].share = st->cols[j].share;
			}
		}
		after = 0;
		for (r = 0; r < st->nrows; r++) {
			if (st->rows[r].heading)
				continue;
			if ((k = report_row_match(dt, st, r)) >= 0) {
				row_sum(dt, &dt->rows[k], &st->rows[r]);
				after = (size_t)k + 1;
				continue;
			}
			at = row_place(dt, &st->rows[r], after);
			row = row_insert(dt, at, st->rows[r].label,
			    st->rows[r].key);
			row_copy(row, &st->rows[r], st->ncols);
			after = at + 1;
		}
		for (j = 0; j < dt->ncols; j++)
			if (dt->cols[j].share != 0)
				share_set(dt, j);
		notes_sum(dt, st);
	}
}

/* Append to t a copy of row s (of a table like t), labelled label. */
static struct report_row *
row_append(struct report_table *t, const struct report_row *s,
    const char *label)
{
	struct report_row	*row;

	row = report_row_add(t, label != NULL ? label : s->label, s->key);
	row_copy(row, s, t->ncols);
	return (row);
}

/* Append to t a heading labelled label. */
static void
heading_append(struct report_table *t, const char *label)
{
	report_row_add(t, label, label)->heading = 1;
}

/*
 * A new report (free it with report_free) that shows each of the n
 * reports parts (each labelled by labels, in that order) beside their
 * sum, sum (report_add): the heading and notes of sum, and in each of
 * its tables a group of rows for each part, then one for the sum. Where
 * the sum's table has one row (a total alone), each part's one row is
 * labelled with the part's label, and the sum's row is the total.
 * Otherwise a group is a heading labelled with the part's label (or, for
 * the sum, sum_label) over the part's rows. A part without the table has
 * no group in it. The parts and sum are not changed.
 */
struct report *
report_parts(const struct report *sum, struct report *const *parts,
    const char *const *labels, size_t n, const char *sum_label)
{
	struct report			*rep;
	const struct report_table	*st, *pt;
	struct report_table		*t;
	struct report_row		*row;
	size_t				 i, p, r;

	rep = report_new();
	heading_fill(rep, sum);
	for (i = 0; i < sum->ntables; i++) {
		st = &sum->tables[i];
		t = table_like(rep, st);
		for (p = 0; p < n; p++) {
			if ((pt = report_table_find(parts[p], st->key)) ==
			    NULL || pt->nrows == 0)
				continue;
			if (pt->ncols != st->ncols)
				fatalx("report_parts: table %s: other columns",
				    st->key);
			if (st->nrows == 1) {
				row = row_append(t, &pt->rows[0], labels[p]);
				row->total = 0;
				continue;
			}
			heading_append(t, labels[p]);
			for (r = 0; r < pt->nrows; r++)
				row_append(t, &pt->rows[r], NULL);
		}
		if (st->nrows == 1)
			row_append(t, &st->rows[0], NULL)->total = 1;
		else if (st->nrows > 1) {
			heading_append(t, sum_label);
			for (r = 0; r < st->nrows; r++)
				row_append(t, &st->rows[r], NULL);
		}
		for (r = 0; r < st->nnotes; r++)
			note_append(t, st->notes[r].text, st->notes[r].fmt,
			    st->notes[r].n);
	}
	return (rep);
}
