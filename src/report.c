/*
 * report.c: the model of a report (see report.h): a document of tables of
 * groups by measures, built a table, a column and a row at a time.
 */

#include "config.h"

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
		free(t->rows[i].v);
	}
	free(t->rows);
	for (i = 0; i < t->nnotes; i++)
		free(t->notes[i]);
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
	return (c);
}

/*
 * Add a row labelled label, named key in CSV (NULL: the label), with every
 * value 0. Returns it; it stays valid until the next row is added.
 */
struct report_row *
report_row_add(struct report_table *t, const char *label, const char *key)
{
	struct report_row	*r;

	t->rows = xreallocarray(t->rows, t->nrows + 1, sizeof *t->rows);
	r = &t->rows[t->nrows++];
	r->label = xstrdup(label);
	r->key = dup_or_null(key != NULL ? key : label);
	r->v = xcalloc(t->ncols == 0 ? 1 : t->ncols, sizeof *r->v);
	r->total = 0;
	return (r);
}

/* Add a line to print under table t. */
void
report_note_add(struct report_table *t, const char *line)
{
	t->notes = xreallocarray(t->notes, t->nnotes + 1, sizeof *t->notes);
	t->notes[t->nnotes++] = xstrdup(line);
}

/*
 * Add a row labelled label holding the sum of each column over the rows
 * so far (REPORT_NA stays out of a sum). Means are not sums: a column
 * with decimals gets what the caller puts there, REPORT_NA until then.
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
			if (!t->rows[i].total && t->rows[i].v[j] != REPORT_NA)
				r->v[j] += t->rows[i].v[j];
	}
}
