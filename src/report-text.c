/*
 * report-text.c: a report (report.h) laid out as pages of plain text for
 * a dot-matrix printer, 80 or 132 columns wide, in the style of official
 * Vietnamese administrative documents.
 *
 * The first page opens with the national header: the superior office
 * and the office on the left, the name of the State and its motto on the
 * right, each underlined with a short rule; then the title, subtitle and
 * period, centred. Each table follows: its title, then a grid ruled in
 * plain ASCII (old printers have no box drawing, and the command line may
 * convert the text to TCVN3 or ASCII, one byte a letter) with a label
 * column and a column a measure. A table too wide for the page is cut
 * into groups of columns, each repeating the label column; a table too
 * long goes on over the next page, under its title marked "(tiếp)" and
 * its headings again; a table's title and headings never end a page
 * without a row under them. The signature block ends the last page,
 * whole.
 *
 * Numbers are written the Vietnamese way, 12.345 and 24,5, and
 * REPORT_NA as "-"; a value wider than its column could ever be is
 * printed as '#'s. A total is ruled off from the rows above it. A heading
 * row is its label alone, ruled off too and kept on the page of the row
 * under it; the rows under it, to the next heading, are indented two
 * columns. Headings are centred and wrapped at their newlines and
 * between words, onto three lines at most, as are row labels; what does
 * not fit is cut and ends in "...". Titles and notes wrap at the page's
 * width.
 *
 * Every page is exactly as many lines as the layout says, its last line
 * "Trang X/Y" on the right. Lines end with a newline, except the last
 * line of every page but the last, which ends with the form feed that
 * starts the next page: a printer whose form length is the page's is then
 * on the page's last line when the form feed comes, so it never feeds a
 * blank page (on Epson-compatible printers a form feed at the top of a
 * form feeds a whole form). The document ends with a newline and no form
 * feed. Trailing spaces are never written.
 *
 * Widths are display columns, measured with libunistring, so that
 * Vietnamese letters (one column each), combining marks (none) and wide
 * characters (two) line up.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>
#include <uniwidth.h>

#include "i18n.h"
#include "report.h"
#include "utf8.h"
#include "xmalloc.h"

#define PAGE_LINES	66	/* 11 inches at 6 lines an inch */
#define WIDTH_MIN	60
#define WIDTH_MAX	1000
#define LINES_MAX	1000
#define HEAD_LINES	3	/* lines of a column heading at most */
#define LABEL_LINES	3	/* lines of a row label at most */
#define LABEL_MIN	8	/* columns of the label column at least */
#define CELL_MIN	3	/* columns of a measure at least */
#define INDENT		2	/* columns rows under a heading go in */
#define HEAD_SOFT	10	/* a heading line wider than this wraps */
#define RIGHT_MIN	36	/* columns of the header's right side */
#define SIGN_BLANKS	4	/* blank lines left to sign in */

#define STATE_NAME	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
#define STATE_MOTTO	"Độc lập - Tự do - Hạnh phúc"
#define MAKER		"NGƯỜI LẬP BIỂU"
#define MAKER_HINT	"(Ký, ghi rõ họ tên)"
#define HEAD_OFFICE	"THỦ TRƯỞNG ĐƠN VỊ"
#define HEAD_HINT	"(Ký, đóng dấu, ghi rõ họ tên)"
#define MORE		" (tiếp)"

/* Lines of text: a wrapped string, a block, or a page. */
struct lines {
	char	**l;
	size_t	  n;
};

/* A measure column of a table, laid out. */
struct col {
	size_t		 w;		/* columns inside the cell */
	struct lines	 head;		/* the heading, wrapped */
	char		**cell;		/* a value a row, formatted */
};

/* A table laid out: its columns and groups of columns that fit. */
struct grid {
	const struct report_table *t;
	size_t		 lw;		/* columns of the label column */
	struct lines	 lhead;		/* its heading, wrapped */
	struct lines	*label;		/* each row's label, wrapped */
	struct col	*cols;
	size_t		*gstart;	/* each group's first column */
	size_t		 ngroups;	/* at least one */
};

/* The document as it is laid out, a page at a time. */
struct doc {
	size_t		 width;
	size_t		 body;		/* lines a page above the footer */
	struct lines	*pages;
	size_t		 npages;
};

static void
lines_add(struct lines *ls, char *s)
{
	ls->l = xreallocarray(ls->l, ls->n + 1, sizeof *ls->l);
	ls->l[ls->n++] = s;
}

static void
lines_clear(struct lines *ls)
{
	size_t	i;

	for (i = 0; i < ls->n; i++)
		free(ls->l[i]);
	free(ls->l);
	ls->l = NULL;
	ls->n = 0;
}

/* A copy of s fit to print: control characters as spaces, bad bytes '?'. */
static char *
clean(const char *s, int keepnl)
{
	char		*c;
	const char	*bad;
	size_t		 i, len;

	c = xstrdup(s != NULL ? s : "");
	len = strlen(c);
	while ((bad = utf8_invalid(c, len)) != NULL)
		c[bad - c] = '?';
	for (i = 0; i < len; i++) {
		if (c[i] == '\n' && keepnl)
			continue;
		if ((unsigned char)c[i] < 0x20 || c[i] == 0x7f)
			c[i] = ' ';
	}
	return (c);
}

/*
 * The bytes and columns of the character at s, of at most max bytes
 * (valid UTF-8, max > 0).
 */
static size_t
char_at(const char *s, size_t max, size_t *w)
{
	ucs4_t	uc;
	int	n, cw;

	n = u8_mbtouc(&uc, (const uint8_t *)s, max);
	if (n < 1)
		n = 1;
	cw = uc_width(uc, "UTF-8");
	*w = cw < 0 ? 1 : (size_t)cw;
	return ((size_t)n);
}

static size_t
width_of(const char *s)
{
	return (utf8_width(s));
}

/* s without the spaces at its end, in place. */
static char *
rtrim(char *s)
{
	size_t	len = strlen(s);

	while (len > 0 && s[len - 1] == ' ')
		s[--len] = '\0';
	return (s);
}

/* Add n spaces to b. */
static void
add_spaces(struct ubuf *b, size_t n)
{
	while (n-- > 0)
		ubuf_addch(b, ' ');
}

/* Add s to b padded to w columns: align is 'l', 'r' or 'c'. */
static void
add_cell(struct ubuf *b, const char *s, size_t w, int align)
{
	char	*p;
	size_t	 sw = width_of(s), left;

	if (sw > w) {
		p = utf8_pad(s, w);
		ubuf_add(b, p, strlen(p));
		free(p);
		return;
	}
	switch (align) {
	case 'r':
		left = w - sw;
		break;
	case 'c':
		left = (w - sw) / 2;
		break;
	default:
		left = 0;
		break;
	}
	add_spaces(b, left);
	ubuf_add(b, s, strlen(s));
	add_spaces(b, w - sw - left);
}

/* s centred in w columns, as a new string without trailing spaces. */
static char *
centred(const char *s, size_t w)
{
	struct ubuf	b;

	memset(&b, 0, sizeof b);
	add_cell(&b, s, w, 'c');
	return (rtrim(ubuf_finish(&b, NULL)));
}

/*
 * Wrap the paragraph of len bytes at s (no newline) to w columns (w >= 2)
 * into ls: at spaces, and inside a word wider than w.
 */
static void
wrap_para(struct lines *ls, const char *s, size_t len, size_t w)
{
	struct ubuf	 cur;
	size_t		 curw = 0, i = 0, j, ww, cw, n;

	memset(&cur, 0, sizeof cur);
	for (;;) {
		while (i < len && s[i] == ' ')
			i++;
		if (i == len)
			break;
		for (j = i, ww = 0; j < len && s[j] != ' '; j += n) {
			n = char_at(s + j, len - j, &cw);
			ww += cw;
		}
		if (curw != 0 && curw + 1 + ww <= w) {
			ubuf_addch(&cur, ' ');
			ubuf_add(&cur, s + i, j - i);
			curw += 1 + ww;
			i = j;
			continue;
		}
		if (cur.len != 0) {
			lines_add(ls, ubuf_finish(&cur, NULL));
			curw = 0;
		}
		/* A word wider than the line: as much as fits a line. */
		while (i < j) {
			n = char_at(s + i, len - i, &cw);
			if (curw + cw > w && cur.len != 0) {
				lines_add(ls, ubuf_finish(&cur, NULL));
				curw = 0;
			}
			ubuf_add(&cur, s + i, n);
			curw += cw;
			i += n;
		}
	}
	if (cur.len != 0 || ls->n == 0)
		lines_add(ls, ubuf_finish(&cur, NULL));
	else
		free(cur.p);
}

/* Wrap s to w columns into ls, breaking at each newline too. */
static void
wrap(struct lines *ls, const char *s, size_t w)
{
	char		*c;
	const char	*p, *nl;
	struct lines	 para;

	c = clean(s, 1);
	for (p = c;; p = nl + 1) {
		nl = strchr(p, '\n');
		memset(&para, 0, sizeof para);
		wrap_para(&para, p, nl != NULL ? (size_t)(nl - p) : strlen(p),
		    w);
		ls->l = xreallocarray(ls->l, ls->n + para.n, sizeof *ls->l);
		memcpy(ls->l + ls->n, para.l, para.n * sizeof *para.l);
		ls->n += para.n;
		free(para.l);
		if (nl == NULL)
			break;
	}
	free(c);
}

/* Keep the first max lines of ls, the last cut to end in "..." if need be. */
static void
clip(struct lines *ls, size_t max, size_t w)
{
	struct ubuf	 b;
	char		*p;

	if (ls->n <= max)
		return;
	while (ls->n > max)
		free(ls->l[--ls->n]);
	p = utf8_pad(ls->l[max - 1], w > 3 ? w - 3 : 0);
	memset(&b, 0, sizeof b);
	ubuf_add(&b, p, strlen(rtrim(p)));
	ubuf_add(&b, "...", w > 3 ? 3 : w);
	free(p);
	free(ls->l[max - 1]);
	ls->l[max - 1] = ubuf_finish(&b, NULL);
}

/*
 * The columns of the widest part of s cut at each sep: its widest line
 * for '\n', its widest word for ' ' (newlines then taken as spaces).
 */
static size_t
widest_part(const char *s, char sep)
{
	char	*c, *p, *end;
	size_t	 best = 0, w;

	c = clean(s, sep == '\n');
	for (p = c;; p = end + 1) {
		end = strchr(p, sep);
		if (end != NULL)
			*end = '\0';
		w = width_of(p);
		if (w > best)
			best = w;
		if (end == NULL)
			break;
	}
	free(c);
	return (best);
}

/* The columns of the widest line of s. */
static size_t
widest(const char *s)
{
	return (widest_part(s, '\n'));
}

/* The columns of the widest word of s. */
static size_t
widest_word(const char *s)
{
	return (widest_part(s, ' '));
}

/*
 * v as Vietnamese writes numbers: a dot between thousands, a comma before
 * prec decimals; "-" for REPORT_NA and what is not a number.
 */
static char *
number(double v, int prec)
{
	struct ubuf	 b;
	char		*s, *p, *dot;
	size_t		 digits, i;
	int		 zero = 1;

	if (v == REPORT_NA || isnan(v) || isinf(v))
		return (xstrdup("-"));
	if (prec < 0)
		prec = 0;
	if (prec > 6)
		prec = 6;
	xasprintf(&s, "%.*f", prec, v);
	for (p = s; *p != '\0'; p++)
		if (*p >= '1' && *p <= '9')
			zero = 0;
	memset(&b, 0, sizeof b);
	p = s;
	if (*p == '-') {
		if (!zero)
			ubuf_addch(&b, '-');
		p++;
	}
	dot = strchr(p, '.');
	digits = dot != NULL ? (size_t)(dot - p) : strlen(p);
	for (i = 0; i < digits; i++) {
		if (i != 0 && (digits - i) % 3 == 0)
			ubuf_addch(&b, '.');
		ubuf_addch(&b, p[i]);
	}
	if (dot != NULL) {
		ubuf_addch(&b, ',');
		ubuf_add(&b, dot + 1, strlen(dot + 1));
	}
	free(s);
	return (ubuf_finish(&b, NULL));
}

/* Put n spaces before each line of ls. */
static void
indent_lines(struct lines *ls, size_t n)
{
	char	*s;
	size_t	 i;

	if (n == 0)
		return;
	for (i = 0; i < ls->n; i++) {
		xasprintf(&s, "%*s%s", (int)n, "", ls->l[i]);
		free(ls->l[i]);
		ls->l[i] = s;
	}
}

/* Lay out the columns of table t for width columns; free with grid_free. */
static void
grid_make(struct grid *g, const struct report_table *t, size_t width)
{
	struct col	*c;
	size_t		 i, j, vw, maxw, widest_col = 0, total, lwant, floor;
	size_t		*ind;
	int		 under = 0;

	memset(g, 0, sizeof *g);
	g->t = t;
	maxw = width - 1 - (LABEL_MIN + 3) - 3;
	g->cols = xcalloc(t->ncols != 0 ? t->ncols : 1, sizeof *g->cols);
	for (j = 0; j < t->ncols; j++) {
		c = &g->cols[j];
		c->cell = xcalloc(t->nrows != 0 ? t->nrows : 1,
		    sizeof *c->cell);
		vw = 1;
		for (i = 0; i < t->nrows; i++) {
			c->cell[i] = t->rows[i].heading ? xstrdup("") :
			    number(t->rows[i].v[j], t->cols[j].prec);
			if (width_of(c->cell[i]) > vw)
				vw = width_of(c->cell[i]);
		}
		/* As narrow as the values, unless the heading wraps badly. */
		c->w = widest(t->cols[j].head);
		if (c->w > HEAD_SOFT)
			c->w = HEAD_SOFT;
		if (c->w < vw)
			c->w = vw;
		if (c->w < CELL_MIN)
			c->w = CELL_MIN;
		if (c->w > maxw)
			c->w = maxw;
		for (;;) {
			wrap(&c->head, t->cols[j].head, c->w);
			if (c->head.n <= HEAD_LINES || c->w == maxw)
				break;
			lines_clear(&c->head);
			c->w++;
		}
		clip(&c->head, HEAD_LINES, c->w);
		if (c->w > widest_col)
			widest_col = c->w;
	}

	/* The label column: its labels, but room for a column beside. */
	ind = xcalloc(t->nrows != 0 ? t->nrows : 1, sizeof *ind);
	lwant = widest(t->label_head);
	for (i = 0; i < t->nrows; i++) {
		/* Rows under a heading go in INDENT columns. */
		if (t->rows[i].heading)
			under = 1;
		else if (under)
			ind[i] = INDENT;
		vw = widest(t->rows[i].label) + ind[i];
		if (vw > lwant)
			lwant = vw;
	}
	g->lw = width * 2 / 5;
	if (lwant < g->lw)
		g->lw = lwant;
	if (t->ncols != 0 && g->lw > width - 4 - (widest_col + 3))
		g->lw = width - 4 - (widest_col + 3);
	if (g->lw < LABEL_MIN)
		g->lw = LABEL_MIN;

	/* Narrower, wrapping labels between words, if it saves a group. */
	for (j = 0, total = 1 + g->lw + 3; j < t->ncols; j++)
		total += g->cols[j].w + 3;
	if (t->ncols != 0 && total > width) {
		floor = widest_word(t->label_head);
		for (i = 0; i < t->nrows; i++)
			if (widest_word(t->rows[i].label) + ind[i] > floor)
				floor = widest_word(t->rows[i].label) + ind[i];
		if (floor < LABEL_MIN)
			floor = LABEL_MIN;
		if (total - g->lw + floor <= width)
			g->lw = width - (total - g->lw);
	}
	wrap(&g->lhead, t->label_head, g->lw);
	clip(&g->lhead, HEAD_LINES, g->lw);
	g->label = xcalloc(t->nrows != 0 ? t->nrows : 1, sizeof *g->label);
	for (i = 0; i < t->nrows; i++) {
		wrap(&g->label[i], t->rows[i].label, g->lw - ind[i]);
		clip(&g->label[i], LABEL_LINES, g->lw - ind[i]);
		indent_lines(&g->label[i], ind[i]);
	}
	free(ind);

	/* Groups of columns that fit beside the label column. */
	g->gstart = xcalloc(t->ncols + 2, sizeof *g->gstart);
	g->ngroups = 1;
	total = 1 + g->lw + 3;
	for (j = 0; j < t->ncols; j++) {
		if (total + g->cols[j].w + 3 > width && j != g->gstart[
		    g->ngroups - 1]) {
			g->gstart[g->ngroups++] = j;
			total = 1 + g->lw + 3;
		}
		total += g->cols[j].w + 3;
	}
	g->gstart[g->ngroups] = t->ncols;
}

static void
grid_free(struct grid *g)
{
	size_t	i, j;

	for (j = 0; j < g->t->ncols; j++) {
		lines_clear(&g->cols[j].head);
		for (i = 0; i < g->t->nrows; i++)
			free(g->cols[j].cell[i]);
		free(g->cols[j].cell);
	}
	free(g->cols);
	lines_clear(&g->lhead);
	for (i = 0; i < g->t->nrows; i++)
		lines_clear(&g->label[i]);
	free(g->label);
	free(g->gstart);
}

/* Lines of the heading of group k. */
static size_t
grid_head_lines(const struct grid *g, size_t k)
{
	size_t	j, n = g->lhead.n;

	for (j = g->gstart[k]; j < g->gstart[k + 1]; j++)
		if (g->cols[j].head.n > n)
			n = g->cols[j].head.n;
	return (n);
}

/* A rule across group k: fill between the '+'. */
static char *
grid_rule(const struct grid *g, size_t k, char fill)
{
	struct ubuf	b;
	size_t		j, n;

	memset(&b, 0, sizeof b);
	ubuf_addch(&b, '+');
	for (n = 0; n < g->lw + 2; n++)
		ubuf_addch(&b, fill);
	ubuf_addch(&b, '+');
	for (j = g->gstart[k]; j < g->gstart[k + 1]; j++) {
		for (n = 0; n < g->cols[j].w + 2; n++)
			ubuf_addch(&b, fill);
		ubuf_addch(&b, '+');
	}
	return (ubuf_finish(&b, NULL));
}

/* Line i of the heading of group k. */
static char *
grid_head(const struct grid *g, size_t k, size_t i)
{
	struct ubuf	 b;
	const struct col *c;
	size_t		 j;

	memset(&b, 0, sizeof b);
	ubuf_add(&b, "| ", 2);
	add_cell(&b, i < g->lhead.n ? g->lhead.l[i] : "", g->lw, 'c');
	ubuf_add(&b, " |", 2);
	for (j = g->gstart[k]; j < g->gstart[k + 1]; j++) {
		c = &g->cols[j];
		ubuf_addch(&b, ' ');
		add_cell(&b, i < c->head.n ? c->head.l[i] : "", c->w, 'c');
		ubuf_add(&b, " |", 2);
	}
	return (ubuf_finish(&b, NULL));
}

/* Line i of row r in group k: the values on its first line. */
static char *
grid_row(const struct grid *g, size_t k, size_t r, size_t i)
{
	struct ubuf	 b;
	const struct col *c;
	const struct lines *lb = &g->label[r];
	size_t		 j, n;

	memset(&b, 0, sizeof b);
	ubuf_add(&b, "| ", 2);
	add_cell(&b, i < lb->n ? lb->l[i] : "", g->lw, 'l');
	ubuf_add(&b, " |", 2);
	for (j = g->gstart[k]; j < g->gstart[k + 1]; j++) {
		c = &g->cols[j];
		ubuf_addch(&b, ' ');
		if (i != 0)
			add_spaces(&b, c->w);
		else if (width_of(c->cell[r]) > c->w) {
			for (n = 0; n < c->w; n++)
				ubuf_addch(&b, '#');
		} else
			add_cell(&b, c->cell[r], c->w, 'r');
		ubuf_add(&b, " |", 2);
	}
	return (ubuf_finish(&b, NULL));
}

/*
 * The lines row i of g needs on its page: a heading's, with the row
 * under it (and the rule over that if it is a total).
 */
static size_t
grid_row_lines(const struct grid *g, size_t i)
{
	size_t	n = g->label[i].n;

	if (g->t->rows[i].heading && i + 1 < g->t->nrows)
		n += g->label[i + 1].n + (g->t->rows[i + 1].total != 0);
	return (n);
}

/* The lines of the largest row of g. */
static size_t
grid_row_max(const struct grid *g)
{
	size_t	i, n = 0;

	for (i = 0; i < g->t->nrows; i++)
		if (grid_row_lines(g, i) > n)
			n = grid_row_lines(g, i);
	return (n);
}

/* Lines of title t, marked as going on if more is set. */
static void
title_lines(struct lines *ls, const char *t, int more, size_t width)
{
	char	*s;

	xasprintf(&s, "%s%s", t != NULL ? t : "", more ? MORE : "");
	wrap(ls, s, width);
	free(s);
}

static size_t
title_count(const char *t, int more, size_t width)
{
	struct lines	ls;
	size_t		n;

	memset(&ls, 0, sizeof ls);
	title_lines(&ls, t, more, width);
	n = ls.n;
	lines_clear(&ls);
	return (n);
}

/* The columns of the right side of the header and the signatures. */
static size_t
right_width(size_t width)
{
	size_t	w = width * 11 / 20;

	return (w < RIGHT_MIN ? RIGHT_MIN : w);
}

/* The national header and the title of the report: the first page's top. */
static void
heading(struct lines *ls, const struct report *rep, size_t width)
{
	struct lines	 left, right, tmp;
	struct ubuf	 b;
	size_t		 rw = right_width(width), lw = width - rw, i, n, rule;

	memset(&left, 0, sizeof left);
	memset(&right, 0, sizeof right);
	memset(&tmp, 0, sizeof tmp);
	if (rep->superior != NULL)
		wrap(&left, rep->superior, lw - 2);
	n = left.n;
	wrap(&left, rep->office, lw - 2);
	rule = 0;
	for (i = n; i < left.n; i++)
		if (width_of(left.l[i]) > rule)
			rule = width_of(left.l[i]);
	rule = rule / 3 < 6 ? 6 : rule / 3;
	memset(&b, 0, sizeof b);
	for (i = 0; i < rule; i++)
		ubuf_addch(&b, '-');
	lines_add(&left, ubuf_finish(&b, NULL));

	lines_add(&right, xstrdup(STATE_NAME));
	lines_add(&right, xstrdup(STATE_MOTTO));
	for (i = 0; i < width_of(STATE_MOTTO); i++)
		ubuf_addch(&b, '-');
	lines_add(&right, ubuf_finish(&b, NULL));

	n = left.n > right.n ? left.n : right.n;
	for (i = 0; i < n; i++) {
		add_cell(&b, i < left.n ? left.l[i] : "", lw, 'c');
		add_cell(&b, i < right.n ? right.l[i] : "", rw, 'c');
		lines_add(ls, rtrim(ubuf_finish(&b, NULL)));
	}
	lines_clear(&left);
	lines_clear(&right);

	lines_add(ls, xstrdup(""));
	wrap(&tmp, rep->title, width);
	if (rep->subtitle != NULL)
		wrap(&tmp, rep->subtitle, width);
	if (rep->period != NULL)
		wrap(&tmp, rep->period, width);
	for (i = 0; i < tmp.n; i++)
		lines_add(ls, centred(tmp.l[i], width));
	lines_clear(&tmp);
}

/* A part of a date, with a leading zero if zero is set, or dots. */
static char *
date_part(int v, int max, int zero)
{
	char	*s;

	if (v < 1 || v > max)
		return (xstrdup("...."));
	xasprintf(&s, zero ? "%02d" : "%d", v);
	return (s);
}

/*
 * The date line and the signatures: the last page's bottom. Days, and
 * the months January and February, take a leading zero (Nghị định
 * 30/2020, on the form of administrative documents).
 */
static void
signatures(struct lines *ls, const struct report *rep, size_t width)
{
	struct lines	 date;
	struct ubuf	 b;
	char		*s, *place, *day, *month, *year;
	const struct vdate *d = &rep->made;
	size_t		 rw = right_width(width), lw = width - rw, i, w;

	memset(&date, 0, sizeof date);
	memset(&b, 0, sizeof b);
	day = date_part(d->day, 31, 1);
	month = date_part(d->month, 12, d->month <= 2);
	year = date_part(d->year, 9999, 0);
	place = clean(rep->place != NULL ? rep->place : "........", 0);
	xasprintf(&s, "%s, ngày %s tháng %s năm %s", place, day, month, year);
	free(place);
	free(day);
	free(month);
	free(year);
	wrap(&date, s, width);
	free(s);

	/* Centred over the right column, or right-aligned if wider. */
	for (i = 0; i < date.n; i++) {
		w = width_of(date.l[i]);
		if (w <= rw)
			add_spaces(&b, lw + (rw - w) / 2);
		else
			add_spaces(&b, width - w);
		ubuf_add(&b, date.l[i], strlen(date.l[i]));
		lines_add(ls, ubuf_finish(&b, NULL));
	}
	lines_clear(&date);
	add_cell(&b, MAKER, lw, 'c');
	add_cell(&b, HEAD_OFFICE, rw, 'c');
	lines_add(ls, rtrim(ubuf_finish(&b, NULL)));
	add_cell(&b, MAKER_HINT, lw, 'c');
	add_cell(&b, HEAD_HINT, rw, 'c');
	lines_add(ls, rtrim(ubuf_finish(&b, NULL)));
	for (i = 0; i < SIGN_BLANKS; i++)
		lines_add(ls, xstrdup(""));
}

/* The lines on the current page. */
static size_t
doc_used(const struct doc *d)
{
	return (d->npages == 0 ? 0 : d->pages[d->npages - 1].n);
}

static void
doc_break(struct doc *d)
{
	d->pages = xreallocarray(d->pages, d->npages + 1, sizeof *d->pages);
	memset(&d->pages[d->npages++], 0, sizeof *d->pages);
}

/* Add line s (the document's now) to the page, a new one if it is full. */
static void
doc_add(struct doc *d, char *s)
{
	rtrim(s);
	if (width_of(s) > d->width)
		fatalx("report_text: a line of %zu columns", width_of(s));
	if (d->npages == 0 || doc_used(d) >= d->body)
		doc_break(d);
	lines_add(&d->pages[d->npages - 1], s);
}

/*
 * Make room for a block of n lines kept together, after a blank line
 * unless it starts a page.
 */
static void
doc_start(struct doc *d, size_t n)
{
	size_t	used = doc_used(d);

	if (d->npages == 0)
		doc_break(d);
	else if (used != 0 && used + 1 + n <= d->body)
		doc_add(d, xstrdup(""));
	else if (used != 0)
		doc_break(d);
}

/* The title of group k and its headings, page-continued if more. */
static void
doc_table_top(struct doc *d, const struct grid *g, size_t k, int more)
{
	struct lines	ls;
	size_t		i;

	memset(&ls, 0, sizeof ls);
	title_lines(&ls, g->t->title, more || k != 0, d->width);
	for (i = 0; i < ls.n; i++) {
		doc_add(d, ls.l[i]);
		ls.l[i] = NULL;
	}
	free(ls.l);
	doc_add(d, grid_rule(g, k, '-'));
	for (i = 0; i < grid_head_lines(g, k); i++)
		doc_add(d, grid_head(g, k, i));
	doc_add(d, grid_rule(g, k, '='));
}

/* The lines of a table's top: title, rules and headings. */
static size_t
table_top_count(const struct grid *g, size_t k, int more, size_t width)
{
	return (title_count(g->t->title, more || k != 0, width) + 2 +
	    grid_head_lines(g, k));
}

/* Lay table t out on the pages of d. */
static void
doc_table(struct doc *d, const struct report_table *t)
{
	struct grid	 g;
	const struct report_row *r;
	size_t		 k, i, l, h, onpage, first;
	int		 ruled;

	grid_make(&g, t, d->width);
	for (k = 0; k < g.ngroups; k++) {
		first = t->nrows != 0 ? grid_row_lines(&g, 0) : 0;
		doc_start(d, table_top_count(&g, k, 0, d->width) + first + 1);
		doc_table_top(d, &g, k, 0);
		onpage = 0;
		for (i = 0; i < t->nrows; i++) {
			r = &t->rows[i];
			ruled = (r->total || r->heading) && onpage != 0;
			h = grid_row_lines(&g, i) + ruled;
			if (doc_used(d) + h + 1 > d->body) {
				doc_add(d, grid_rule(&g, k, '-'));
				doc_break(d);
				doc_table_top(d, &g, k, 1);
				onpage = 0;
				ruled = 0;
			}
			if (ruled)
				doc_add(d, grid_rule(&g, k, '-'));
			for (l = 0; l < g.label[i].n; l++)
				doc_add(d, grid_row(&g, k, i, l));
			onpage++;
		}
		doc_add(d, grid_rule(&g, k, '-'));
	}
	for (i = 0; i < t->nnotes; i++) {
		struct lines	ls;

		if (t->notes[i].text == NULL)
			continue;
		memset(&ls, 0, sizeof ls);
		wrap(&ls, t->notes[i].text, d->width);
		for (l = 0; l < ls.n; l++) {
			doc_add(d, ls.l[l]);
			ls.l[l] = NULL;
		}
		free(ls.l);
	}
	grid_free(&g);
}

/*
 * The lines a page needs above its footer for this report: the heading
 * with the first table's top and first row, any table's top with its
 * largest row, and the signatures.
 */
static size_t
body_needed(const struct report *rep, size_t width, size_t head, size_t sign)
{
	struct grid	g;
	size_t		t, k, need = head, n, rows;

	if (sign > need)
		need = sign;
	for (t = 0; t < rep->ntables; t++) {
		grid_make(&g, &rep->tables[t], width);
		rows = grid_row_max(&g);
		for (k = 0; k < g.ngroups; k++) {
			n = table_top_count(&g, k, 1, width) + rows + 1;
			if (t == 0 && k == 0) {
				n = table_top_count(&g, 0, 0, width) +
				    (g.t->nrows != 0 ? grid_row_lines(&g, 0) :
				    0) + 1;
				n += head + 1;
			}
			if (n > need)
				need = n;
		}
		grid_free(&g);
	}
	return (need);
}

/*
 * The tables of rep alone, one after another on one endless page, for a
 * screen: no heading, no signatures, no footer.
 */
static int
bare_text(const struct report *rep, struct doc *d, char **out, size_t *len)
{
	struct ubuf	 b;
	size_t		 t, p, i;

	d->body = (size_t)-1 / 2;
	doc_break(d);
	for (t = 0; t < rep->ntables; t++)
		doc_table(d, &rep->tables[t]);
	memset(&b, 0, sizeof b);
	for (p = 0; p < d->npages; p++) {
		for (i = 0; i < d->pages[p].n; i++) {
			ubuf_add(&b, d->pages[p].l[i],
			    strlen(d->pages[p].l[i]));
			ubuf_addch(&b, '\n');
		}
		lines_clear(&d->pages[p]);
	}
	free(d->pages);
	if (b.len == 0)
		ubuf_addch(&b, '\n');
	*out = ubuf_finish(&b, len);
	return (0);
}

/*
 * Lay report rep out as pages of text by layout lo (NULL: 80 columns,
 * 66 lines; lines 0: 66), as described at the top of this file. On
 * success, store the document, UTF-8 ending with a NUL, in *out (the
 * caller frees it), its length in *len (if len is not NULL), and return
 * 0. Return -1 and set *cause (the caller frees it) if the layout is
 * refused: narrower than 60 columns, wider than 1000, longer than 1000
 * lines, or with pages too short for the report's heading, a table's
 * title, headings and a row, or the signatures. With lo->bare set, only
 * the tables are laid out, on one page without end or footer: for the
 * statistics screen.
 */
int
report_text(const struct report *rep, const struct report_layout *lo,
    char **out, size_t *len, char **cause)
{
	struct doc	 d;
	struct lines	 head, sign;
	struct ubuf	 b;
	char		*footer;
	size_t		 t, p, i, need;
	int		 width = 80, lines = PAGE_LINES;

	if (lo != NULL) {
		width = lo->width;
		lines = lo->lines == 0 ? PAGE_LINES : lo->lines;
	}
	if (width < WIDTH_MIN) {
		xasprintf(cause, _("a page of %d columns is too narrow: a "
		    "report needs at least %d"), width, WIDTH_MIN);
		return (-1);
	}
	if (width > WIDTH_MAX) {
		xasprintf(cause, _("a page of %d columns is too wide: at most "
		    "%d"), width, WIDTH_MAX);
		return (-1);
	}

	if (lines > LINES_MAX) {
		xasprintf(cause, _("a page of %d lines is too long: at most "
		    "%d"), lines, LINES_MAX);
		return (-1);
	}

	memset(&d, 0, sizeof d);
	memset(&head, 0, sizeof head);
	memset(&sign, 0, sizeof sign);
	d.width = (size_t)width;
	if (lo != NULL && lo->bare)
		return (bare_text(rep, &d, out, len));
	heading(&head, rep, d.width);
	signatures(&sign, rep, d.width);
	need = body_needed(rep, d.width, head.n, sign.n) + 2;
	if (lines < 0 || (size_t)lines < need) {
		xasprintf(cause, _("a page of %d lines is too short for this "
		    "report: it needs at least %zu"), lines, need);
		lines_clear(&head);
		lines_clear(&sign);
		return (-1);
	}
	d.body = (size_t)lines - 2;

	doc_break(&d);
	for (i = 0; i < head.n; i++) {
		doc_add(&d, head.l[i]);
		head.l[i] = NULL;
	}
	lines_clear(&head);
	for (t = 0; t < rep->ntables; t++)
		doc_table(&d, &rep->tables[t]);
	doc_start(&d, sign.n);
	for (i = 0; i < sign.n; i++) {
		doc_add(&d, sign.l[i]);
		sign.l[i] = NULL;
	}
	lines_clear(&sign);

	/* Each page padded to its footer, the last line of the page. */
	memset(&b, 0, sizeof b);
	for (p = 0; p < d.npages; p++) {
		if (p != 0)
			ubuf_addch(&b, '\f');
		for (i = 0; i < d.body + 1; i++) {
			if (i < d.pages[p].n)
				ubuf_add(&b, d.pages[p].l[i],
				    strlen(d.pages[p].l[i]));
			ubuf_addch(&b, '\n');
		}
		xasprintf(&footer, "Trang %zu/%zu", p + 1, d.npages);
		add_spaces(&b, d.width - width_of(footer));
		ubuf_add(&b, footer, strlen(footer));
		free(footer);
		if (p == d.npages - 1)
			ubuf_addch(&b, '\n');
		lines_clear(&d.pages[p]);
	}
	free(d.pages);
	*out = ubuf_finish(&b, len);
	return (0);
}
