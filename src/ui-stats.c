/*
 * ui-stats.c: the statistics screen.
 *
 * The report of a period (report-count.c), as on paper: bar charts of
 * the entries typed each day and by each clerk, a progress bar for each
 * book typed into against its closing note, then the tables as
 * report-text.c lays them out for the screen's width. The period is this
 * month to start with; Left and Right go to the one before and after,
 * Tab turns a month into a quarter, a year, and a month again. Bars are
 * Unicode blocks in eighths of a cell; on the Linux console, whose fonts
 * have the full and half blocks only, in halves; '#' on a vt100 or
 * vt220, or where NCURSES_NO_UTF8_ACS says the terminal lacks such
 * glyphs.
 */

#include "config.h"

#include <sys/types.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "i18n.h"
#include "ops.h"
#include "report-count.h"
#include "report.h"
#include "store.h"
#include "ui.h"
#include "utf8.h"
#include "xmalloc.h"

enum pkind { PK_MONTH, PK_QUARTER, PK_YEAR };

/* How fine a bar can be drawn: cells divided in eighths, halves, none. */
enum bars { BAR_ASCII = 1, BAR_HALVES = 2, BAR_EIGHTHS = 8 };

struct stats {
	struct ui	*ui;
	enum pkind	 kind;
	int		 year, n;	/* the month or quarter */
	char		*period;
	long		 from, to;

	char		**lines;
	size_t		  nlines, cap;
	size_t		  top;
	enum bars	  bars;
};

static void
add_line(struct stats *st, char *line)
{
	if (st->nlines == st->cap) {
		st->cap = st->cap == 0 ? 64 : st->cap * 2;
		st->lines = xreallocarray(st->lines, st->cap,
		    sizeof *st->lines);
	}
	st->lines[st->nlines++] = line;
}

static void
clear_lines(struct stats *st)
{
	size_t	i;

	for (i = 0; i < st->nlines; i++)
		free(st->lines[i]);
	st->nlines = 0;
}

/* Set the period's days and heading from its kind, year and number. */
static void
set_period(struct stats *st)
{
	int	first, months;

	free(st->period);
	switch (st->kind) {
	case PK_MONTH:
		first = st->n;
		months = 1;
		xasprintf(&st->period, _("Month %02ld/%ld"), (long)st->n,
		    (long)st->year);
		break;
	case PK_QUARTER:
		first = (st->n - 1) * 3 + 1;
		months = 3;
		xasprintf(&st->period, _("Quarter %ld of %ld"), (long)st->n,
		    (long)st->year);
		break;
	default:
		first = 1;
		months = 12;
		xasprintf(&st->period, _("Year %ld"), (long)st->year);
		break;
	}
	st->from = date_daynum(st->year, first, 1);
	st->to = date_daynum(st->year, first + months - 1,
	    date_days_in_month(st->year, first + months - 1));
}

/* Move the period by step (-1 or 1) of its kind. */
static void
move_period(struct stats *st, int step)
{
	int	per = st->kind == PK_MONTH ? 12 : st->kind == PK_QUARTER ? 4 : 1;

	if (st->kind == PK_YEAR)
		st->year += step;
	else {
		st->n += step;
		if (st->n < 1) {
			st->n = per;
			st->year--;
		} else if (st->n > per) {
			st->n = 1;
			st->year++;
		}
	}
	set_period(st);
}

/* Month, then quarter (the month's), year, and month (January) again. */
static void
next_kind(struct stats *st)
{
	switch (st->kind) {
	case PK_MONTH:
		st->kind = PK_QUARTER;
		st->n = (st->n - 1) / 3 + 1;
		break;
	case PK_QUARTER:
		st->kind = PK_YEAR;
		break;
	default:
		st->kind = PK_MONTH;
		st->n = 1;
		break;
	}
	set_period(st);
}

/* A bar of v out of max in width columns. */
static char *
bar(const struct stats *st, double v, double max, int width)
{
	struct ubuf	 b;
	int		 parts = st->bars, n, i;

	memset(&b, 0, sizeof b);
	if (max <= 0 || width <= 0)
		return (xstrdup(""));
	n = (int)(v / max * width * parts + 0.5);
	if (v > 0 && n == 0)
		n = 1;
	for (i = 0; i < n / parts; i++) {
		if (st->bars == BAR_ASCII)
			ubuf_addch(&b, '#');
		else
			ubuf_adduc(&b, 0x2588);		/* full block */
	}
	/* U+258F is an eighth, U+258C a half (four eighths). */
	if (n % parts != 0)
		ubuf_adduc(&b, 0x2590 - (n % parts) * (8 / parts));
	return (ubuf_finish(&b, NULL));
}

/* What bars the terminal can draw. */
static enum bars
bars_of(void)
{
	const char	*term = getenv("TERM"), *acs;

	acs = getenv("NCURSES_NO_UTF8_ACS");
	if (term == NULL || strncmp(term, "vt", 2) == 0 ||
	    strcmp(term, "dumb") == 0 || (acs != NULL && *acs != '\0' &&
	    strcmp(acs, "0") != 0))
		return (BAR_ASCII);
	if (strncmp(term, "linux", 5) == 0)
		return (BAR_HALVES);
	return (BAR_EIGHTHS);
}

/* The rows of table key of rep (not its total), or NULL. */
static const struct report_table *
table_of(const struct report *rep, const char *key)
{
	size_t	i;

	for (i = 0; i < rep->ntables; i++)
		if (strcmp(rep->tables[i].key, key) == 0)
			return (&rep->tables[i]);
	return (NULL);
}

/* A bar chart of column col of the rows of table t, under title. */
static void
chart(struct stats *st, const struct report_table *t, const char *title,
    size_t col)
{
	double	 max = 0;
	size_t	 i, lw = 10;
	char	*b, *label, *line;
	int	 width;

	if (t == NULL)
		return;
	add_line(st, xstrdup(title));
	for (i = 0; i < t->nrows; i++) {
		if (t->rows[i].total)
			continue;
		if (t->rows[i].v[col] > max)
			max = t->rows[i].v[col];
		if (utf8_width(t->rows[i].label) > lw)
			lw = utf8_width(t->rows[i].label);
	}
	if (max == 0) {
		add_line(st, xstrdup(_("  (none)")));
		add_line(st, xstrdup(""));
		return;
	}
	if (lw > 20)
		lw = 20;
	width = COLS - (int)lw - 12;
	for (i = 0; i < t->nrows; i++) {
		if (t->rows[i].total)
			continue;
		label = utf8_pad(t->rows[i].label, lw);
		b = bar(st, t->rows[i].v[col], max, width);
		xasprintf(&line, "  %s %7.0f %s", label, t->rows[i].v[col], b);
		add_line(st, line);
		free(label);
		free(b);
	}
	add_line(st, xstrdup(""));
}

/* A progress bar for each book: typed against its closing note. */
static void
progress(struct stats *st, const struct report_table *t)
{
	double	 pct;
	size_t	 i;
	char	*b, *label, *line;
	int	 width = 20;

	if (t == NULL || t->nrows <= 1)
		return;
	add_line(st, xstrdup(_("Books typed into: entries against the "
	    "closing note")));
	for (i = 0; i < t->nrows; i++) {
		if (t->rows[i].total)
			continue;
		label = utf8_pad(t->rows[i].label, 18);
		if ((pct = t->rows[i].v[2]) == REPORT_NA)
			xasprintf(&line, _("  %s %.0f entries, no closing "
			    "note"), label, t->rows[i].v[0]);
		else {
			b = bar(st, pct > 100 ? 100 : pct, 100, width);
			xasprintf(&line, "  %s [%s%*s] %3.0f%% %.0f/%.0f",
			    label, b, width - (int)utf8_width(b), "", pct,
			    t->rows[i].v[0], t->rows[i].v[1]);
			free(b);
		}
		add_line(st, line);
		free(label);
	}
	add_line(st, xstrdup(""));
}

/* Count the period and lay it out as lines. Returns 0, or -1. */
static int
build(struct stats *st)
{
	struct report_query	 q;
	struct report_layout	 lay;
	struct report		*rep;
	char			*cause, *text, *p, *nl, *office = NULL;
	size_t			 len;

	clear_lines(st);
	st->top = 0;
	memset(&q, 0, sizeof q);
	q.from = st->from;
	q.to = st->to;
	q.views = RV_EVENTS | RV_WORK;
	q.period = st->period;
	date_today(&q.made);
	if (store_meta_get(st->ui->s, "office", &office, &cause) != 0)
		free(cause);
	q.office = office;
	if (report_count(st->ui->s, &st->ui->fs, &q, &rep, &cause) != 0) {
		ui_message(st->ui, 1, "%s", cause);
		free(cause);
		free(office);
		return (-1);
	}
	chart(st, table_of(rep, "typed_by_day"),
	    _("Entries typed, by day"), 0);
	chart(st, table_of(rep, "typed_by_clerk"),
	    _("Entries typed, by clerk"), 0);
	progress(st, table_of(rep, "books"));

	memset(&lay, 0, sizeof lay);
	lay.width = COLS < 60 ? 60 : COLS - 1;
	lay.bare = 1;
	if (report_text(rep, &lay, &text, &len, &cause) != 0) {
		ui_message(st->ui, 1, "%s", cause);
		free(cause);
	} else {
		for (p = text; *p != '\0'; p = nl + 1) {
			if ((nl = strchr(p, '\n')) == NULL)
				nl = p + strlen(p);
			add_line(st, xstrndup(p, nl - p));
			if (*nl == '\0')
				break;
		}
		free(text);
	}
	report_free(rep);
	free(office);
	return (0);
}

static void
draw(struct stats *st)
{
	size_t	i, rows;
	char	*title;

	erase();
	xasprintf(&title, _("Statistics: %s"), st->period);
	attron(A_BOLD);
	ui_put(0, 0, title, COLS);
	attroff(A_BOLD);
	free(title);
	rows = LINES > 3 ? (size_t)(LINES - 3) : 1;
	if (st->top + rows > st->nlines)
		st->top = st->nlines > rows ? st->nlines - rows : 0;
	for (i = 0; i < rows && st->top + i < st->nlines; i++)
		ui_put(1 + (int)i, 0, st->lines[st->top + i], COLS);
	ui_draw_status(st->ui, _("Left, Right: the period before, after; "
	    "Tab: month, quarter, year; F10: back"));
	ui_draw_keybar(st->ui, KC_LIST);
	refresh();
}

/* The statistics screen, until the clerk goes back. Returns 0. */
int
ui_stats(struct ui *ui)
{
	struct stats	 st;
	struct vdate	 today;
	keycode		 key;
	size_t		 rows;

	memset(&st, 0, sizeof st);
	st.ui = ui;
	st.bars = bars_of();
	date_today(&today);
	st.kind = PK_MONTH;
	st.year = today.year;
	st.n = today.month;
	set_period(&st);
	build(&st);
	for (;;) {
		if (ui_too_small(ui)) {
			if (ui_key(ui) == UIK_HANGUP)
				break;
			continue;
		}
		draw(&st);
		key = ui_key(ui);
		if (key == UIK_HANGUP)
			break;
		rows = LINES > 3 ? (size_t)(LINES - 3) : 1;
		switch (ui_op(ui, KC_LIST, key)) {
		case OP_UP:
			if (st.top > 0)
				st.top--;
			break;
		case OP_DOWN:
			if (st.top + rows < st.nlines)
				st.top++;
			break;
		case OP_PAGE_UP:
			st.top = st.top > rows ? st.top - rows : 0;
			break;
		case OP_PAGE_DOWN:
			st.top += rows;
			break;
		case OP_FIRST:
			st.top = 0;
			break;
		case OP_LAST:
			st.top = st.nlines;
			break;
		case OP_PERIOD_PREV:
			move_period(&st, -1);
			build(&st);
			break;
		case OP_PERIOD_NEXT:
			move_period(&st, 1);
			build(&st);
			break;
		case OP_PERIOD_KIND:
			next_kind(&st);
			build(&st);
			break;
		case OP_HELP:
			ui_help(ui, KC_LIST);
			break;
		case OP_BACK:
		case OP_QUIT:
			goto out;
		default:
			break;
		}
	}
out:
	clear_lines(&st);
	free(st.lines);
	free(st.period);
	return (0);
}
