/*
 * report-text-t.c: reports laid out as pages of text (report-text.c):
 * the shape of every page (its lines, widths, footer and form feed),
 * numbers as Vietnamese writes them, tables cut into groups of columns
 * and continued over pages, the signatures kept whole, refused layouts,
 * odd reports that must not break the layout, and a golden document
 * (tests/report/golden-80.txt) compared byte for byte.
 */

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "encoding.h"
#include "i18n.h"
#include "report.h"
#include "tap.h"
#include "utf8.h"
#include "vntext.h"
#include "xmalloc.h"

/* A document cut into pages and each page into lines. */
struct page {
	char	**l;
	size_t	  n;
};

struct doc {
	struct page	*p;
	size_t		 n;
};

static void
doc_free(struct doc *d)
{
	size_t	i, j;

	for (i = 0; i < d->n; i++) {
		for (j = 0; j < d->p[i].n; j++)
			free(d->p[i].l[j]);
		free(d->p[i].l);
	}
	free(d->p);
	memset(d, 0, sizeof *d);
}

/*
 * Cut text into pages at form feeds and pages into lines at newlines:
 * every page's last line ends at the form feed, the last page's at the
 * final newline.
 */
static void
doc_cut(struct doc *d, const char *text)
{
	const char	*p = text, *end;
	struct page	*pg;
	size_t		 len;

	memset(d, 0, sizeof *d);
	for (;;) {
		d->p = xreallocarray(d->p, d->n + 1, sizeof *d->p);
		pg = &d->p[d->n++];
		memset(pg, 0, sizeof *pg);
		for (;;) {
			end = p + strcspn(p, "\n\f");
			len = (size_t)(end - p);
			if (*end == '\0' && len == 0)
				return;
			pg->l = xreallocarray(pg->l, pg->n + 1, sizeof *pg->l);
			pg->l[pg->n++] = xstrndup(p, len);
			if (*end == '\0')
				return;
			p = end + 1;
			if (*end == '\f')
				break;
		}
	}
}

/*
 * Check the shape of a document: pages of exactly lines lines, none
 * wider than width nor with trailing spaces, the last "Trang X/Y"
 * right-aligned, a form feed between pages and a newline at the end.
 * Returns the pages, or 0 after reporting the first fault with diag.
 */
static size_t
shape(const char *text, size_t len, int width, int lines)
{
	struct doc	 d;
	char		*want, *foot;
	size_t		 i, j, ff = 0, w, n;
	int		 good = 1;

	if (strlen(text) != len) {
		diag("the length is %zu, not %zu", len, strlen(text));
		return (0);
	}
	if (utf8_invalid(text, len) != NULL) {
		diag("invalid UTF-8");
		return (0);
	}
	if (len == 0 || text[len - 1] != '\n' ||
	    strstr(text, "\n\f") != NULL) {
		diag("a newline missing at the end, or a page's last line "
		    "empty");
		return (0);
	}
	for (i = 0; i < len; i++)
		if (text[i] == '\f')
			ff++;
	doc_cut(&d, text);
	if (d.n != ff + 1) {
		diag("%zu pages for %zu form feeds", d.n, ff);
		good = 0;
	}
	for (i = 0; good && i < d.n; i++) {
		if (d.p[i].n != (size_t)lines) {
			diag("page %zu has %zu lines, not %d", i + 1, d.p[i].n,
			    lines);
			good = 0;
			break;
		}
		for (j = 0; j < d.p[i].n; j++) {
			w = utf8_width(d.p[i].l[j]);
			n = strlen(d.p[i].l[j]);
			if (w > (size_t)width || (n > 0 &&
			    d.p[i].l[j][n - 1] == ' ')) {
				diag("page %zu line %zu: %zu columns: '%s'",
				    i + 1, j + 1, w, d.p[i].l[j]);
				good = 0;
			}
		}
		xasprintf(&foot, "Trang %zu/%zu", i + 1, d.n);
		xasprintf(&want, "%*s", width, foot);
		free(foot);
		if (good && strcmp(d.p[i].l[lines - 1], want) != 0) {
			diag("page %zu ends '%s'", i + 1,
			    d.p[i].l[lines - 1]);
			good = 0;
		}
		free(want);
	}
	n = d.n;
	doc_free(&d);
	return (good ? n : 0);
}

/* Lay rep out; report_text must accept the layout. */
static char *
lay(const struct report *rep, int width, int lines, size_t *len)
{
	struct report_layout	 lo;
	char			*out = NULL, *cause = NULL;

	memset(&lo, 0, sizeof lo);
	lo.width = width;
	lo.lines = lines;
	if (report_text(rep, &lo, &out, len, &cause) != 0)
		bail("report_text refused %dx%d: %s", width, lines, cause);
	return (out);
}

/* The times needle is in hay. */
static size_t
count(const char *hay, const char *needle)
{
	size_t		 n = 0;
	const char	*p;

	for (p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return (n);
}

static struct report *
heading(void)
{
	struct report	*rep;

	rep = report_new();
	rep->superior = xstrdup("UBND HUYỆN ĐÔNG ANH");
	rep->office = xstrdup("UBND XÃ TÂN LẬP");
	rep->title = xstrdup("BÁO CÁO THỐNG KÊ HỘ TỊCH");
	rep->subtitle = xstrdup("Kết quả đăng ký khai sinh, khai tử, kết hôn");
	rep->period = xstrdup("Từ ngày 01/01/2024 đến ngày 31/12/2024");
	rep->place = xstrdup("Tân Lập");
	rep->made.day = 5;
	rep->made.month = 1;
	rep->made.year = 2025;
	return (rep);
}

/* The report of the golden file: Biểu 13a's columns, by month. */
static struct report *
golden_report(void)
{
	static const char *births[] = {
		"Tổng số", "Dân tộc\nKinh", "Dân tộc\nkhác", "Nam", "Nữ",
		"Đúng hạn", "Quá hạn", "Quá hạn:\nsinh trong\nnăm",
		"Quá hạn:\ndưới 5 tuổi", "Đăng ký lại", "Tỷ lệ\nđúng hạn\n(%)"
	};
	static const char *months[] = {
		"Tháng 1", "Tháng 2", "Tháng 3", "Tháng 4", "Tháng 5",
		"Tháng 6", "Tháng 7", "Tháng 8", "Tháng 9", "Tháng 10",
		"Tháng 11", "Tháng 12"
	};
	struct report		*rep;
	struct report_table	*t;
	struct report_row	*r;
	size_t			 i, j;
	double			 n, late, ok_, all = 0, allok = 0;

	rep = heading();
	t = report_table_add(rep, "1. Đăng ký khai sinh", "khai_sinh",
	    "Tháng đăng ký");
	for (j = 0; j < sizeof births / sizeof *births; j++)
		report_col_add(t, births[j], births[j],
		    j == sizeof births / sizeof *births - 1);
	for (i = 0; i < 12; i++) {
		r = report_row_add(t, months[i], NULL);
		n = 80 + (double)((i * 37) % 41);
		late = (double)((i * 7) % 9);
		ok_ = n - late;
		r->v[0] = n;
		r->v[1] = n - (double)(i % 3);
		r->v[2] = (double)(i % 3);
		r->v[3] = floor(n / 2) + (double)(i % 2);
		r->v[4] = n - r->v[3];
		r->v[5] = ok_;
		r->v[6] = late;
		r->v[7] = floor(late / 2);
		r->v[8] = late - floor(late / 2);
		r->v[9] = (double)(i % 4 == 0);
		r->v[10] = 100.0 * ok_ / n;
		all += n;
		allok += ok_;
	}
	report_total(t, "Tổng cộng");
	t->rows[t->nrows - 1].v[10] = 100.0 * allok / all;
	report_note_add(t, "Ghi chú: đúng hạn là đăng ký trong 60 ngày kể từ "
	    "ngày sinh; tỷ lệ tính trên tổng số đăng ký mới.");

	t = report_table_add(rep, "2. Đăng ký khai tử", "khai_tu", "Thôn");
	report_col_add(t, "Tổng số", "tong", 0);
	report_col_add(t, "Dưới\n1 tuổi", "duoi_1", 0);
	report_col_add(t, "Từ 1 đến\ndưới 5 tuổi", "1_5", 0);
	report_col_add(t, "Từ 5 tuổi\ntrở lên", "tren_5", 0);
	report_col_add(t, "Đúng hạn", "dung_han", 0);
	report_col_add(t, "Quá hạn", "qua_han", 0);
	report_col_add(t, "Đăng ký lại", "dk_lai", 0);
	{
		static const char *thon[] = {
			"Thôn Đoài", "Thôn Đông", "Thôn Nam Hồng",
			"Thôn Bắc Sơn", "Xóm Chợ", "Khu tái định cư Đồng "
			    "Dưa (trước là xóm Bến Đò cũ)"
		};
		for (i = 0; i < 6; i++) {
			r = report_row_add(t, thon[i], NULL);
			r->v[1] = (double)(i % 2);
			r->v[2] = (double)(i == 3);
			r->v[3] = (double)(20 + i * 3);
			r->v[0] = r->v[1] + r->v[2] + r->v[3];
			r->v[5] = (double)(i % 3);
			r->v[4] = r->v[0] - r->v[5];
			r->v[6] = (double)(i == 5);
		}
	}
	report_total(t, "Tổng cộng");

	t = report_table_add(rep, "3. Đăng ký kết hôn", "ket_hon", "Thôn");
	report_col_add(t, "Tổng số\n(cặp)", "tong", 0);
	report_col_add(t, "Kết hôn\nlần đầu\n(cặp)", "lan_dau", 0);
	report_col_add(t, "Tuổi kết hôn\nlần đầu\ncủa nam", "tuoi_nam", 1);
	report_col_add(t, "Tuổi kết hôn\nlần đầu\ncủa nữ", "tuoi_nu", 1);
	report_col_add(t, "Đăng ký lại", "dk_lai", 0);
	r = report_row_add(t, "Thôn Đoài", NULL);
	r->v[0] = 14; r->v[1] = 12; r->v[2] = 27.3; r->v[3] = 24.5;
	r = report_row_add(t, "Thôn Đông", NULL);
	r->v[0] = 9; r->v[1] = 9; r->v[2] = 26.4; r->v[3] = 23.0;
	r = report_row_add(t, "Xóm Chợ", NULL);
	r->v[0] = 1; r->v[1] = 0; r->v[2] = REPORT_NA; r->v[3] = REPORT_NA;
	r->v[4] = 1;
	report_total(t, "Tổng cộng");
	r = &t->rows[t->nrows - 1];
	r->v[2] = 26.9;
	r->v[3] = 23.9;
	report_note_add(t, "Tuổi tính tròn năm tại ngày đăng ký; \"-\": không "
	    "có trường hợp nào.");
	return (rep);
}

/* Compare the golden report with tests/report/golden-80.txt. */
static void
golden(void)
{
	struct report	*rep;
	const char	*srcdir;
	char		*path, *out, *want = NULL;
	size_t		 len, wlen = 0, n;
	FILE		*f;
	char		 buf[4096];

	rep = golden_report();
	out = lay(rep, 80, 0, &len);
	ok(shape(out, len, 80, 66) == 2, "the golden report: two pages");

	if ((srcdir = getenv("SRCDIR")) == NULL)
		srcdir = ".";
	xasprintf(&path, "%s/tests/report/golden-80.txt", srcdir);
	if ((f = fopen(path, "rb")) != NULL) {
		while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
			want = xrealloc(want, wlen + n + 1);
			memcpy(want + wlen, buf, n);
			wlen += n;
		}
		fclose(f);
	}
	if (!ok(want != NULL && wlen == len && memcmp(want, out, len) == 0,
	    "the golden report is %s byte for byte", path)) {
		if ((f = fopen("report-golden-80.out", "wb")) != NULL) {
			fwrite(out, 1, len, f);
			fclose(f);
		}
		diag("see report-golden-80.out in the build directory");
	}
	free(want);
	free(path);
	free(out);
	report_free(rep);
}

/* The first page's heading, the pages, and the signatures. */
static void
page_shape(void)
{
	struct report	*rep;
	struct doc	 d;
	char		*out;
	size_t		 len;

	rep = golden_report();
	out = lay(rep, 80, 0, &len);
	doc_cut(&d, out);
	ok(strstr(d.p[0].l[0], "UBND HUYỆN ĐÔNG ANH") != NULL &&
	    strstr(d.p[0].l[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") != NULL,
	    "the superior office beside the name of the State");
	ok(strstr(d.p[0].l[1], "UBND XÃ TÂN LẬP") != NULL &&
	    strstr(d.p[0].l[1], "Độc lập - Tự do - Hạnh phúc") != NULL,
	    "the office beside the motto");
	ok(strstr(d.p[0].l[2], "------") != NULL &&
	    strstr(d.p[0].l[2], "---------------------------") != NULL,
	    "rules under both");
	ok(strstr(d.p[0].l[4], "BÁO CÁO THỐNG KÊ HỘ TỊCH") != NULL &&
	    strncmp(d.p[0].l[4], "                            ", 28) == 0,
	    "the title centred");
	ok(count(out, "Tân Lập, ngày 05 tháng 01 năm 2025") == 1,
	    "the date line, with the zeros of NĐ 30/2020");
	ok(count(d.p[0].l[0], "\f") == 0 && count(out, "\f") == 1,
	    "one form feed for two pages");
	ok(strchr(d.p[1].l[0], '\f') == NULL && d.p[1].l[0][0] != '\0',
	    "the second page starts at once");
	doc_free(&d);
	free(out);

	free(rep->place);
	rep->place = NULL;
	rep->made.day = 0;
	rep->made.month = 0;
	rep->made.year = 0;
	out = lay(rep, 80, 66, &len);
	ok(count(out, "........, ngày .... tháng .... năm ....") == 1,
	    "no place, no date: dots");
	free(out);
	rep->made.day = 17;
	rep->made.month = 11;
	rep->made.year = 2024;
	out = lay(rep, 80, 66, &len);
	ok(count(out, "ngày 17 tháng 11 năm 2024") == 1,
	    "no zero for later months");
	free(out);
	report_free(rep);
}

/* Numbers: thousands with dots, decimals with a comma, "-". */
static void
numbers(void)
{
	static const struct {
		double		 v;
		int		 prec;
		const char	*want;
	} tab[] = {
		{ 0, 0, " 0 |" },
		{ 999, 0, " 999 |" },
		{ 1000, 0, " 1.000 |" },
		{ 12345, 0, " 12.345 |" },
		{ 1234567, 0, " 1.234.567 |" },
		{ 24.5, 1, " 24,5 |" },
		{ 1234.25, 2, " 1.234,25 |" },
		{ 0.04, 1, " 0,0 |" },
		{ REPORT_NA, 1, " - |" },
		{ REPORT_NA, 0, " - |" },
		{ 7, 1, " 7,0 |" },
		{ -0.01, 1, " 0,0 |" },
		{ 1e300, 0, "######## |" }
	};
	struct report		*rep;
	struct report_table	*t;
	struct report_row	*r;
	char			*out;
	size_t			 i, len;

	for (i = 0; i < sizeof tab / sizeof *tab; i++) {
		rep = heading();
		t = report_table_add(rep, "Số", "so", "Dòng");
		report_col_add(t, "Giá trị", "v", tab[i].prec);
		r = report_row_add(t, "Dòng một", NULL);
		r->v[0] = tab[i].v;
		out = lay(rep, 80, 66, &len);
		ok(count(out, tab[i].want) == 1, "%g with %d decimals: '%s'",
		    tab[i].v, tab[i].prec, tab[i].want);
		free(out);
		report_free(rep);
	}
}

/* A table of n rows and ncols columns named "Cột N". */
static struct report *
big(size_t nrows, size_t ncols)
{
	struct report		*rep;
	struct report_table	*t;
	struct report_row	*r;
	char			*s;
	size_t			 i, j;

	rep = heading();
	t = report_table_add(rep, "Bảng lớn", "lon", "Đơn vị");
	for (j = 0; j < ncols; j++) {
		xasprintf(&s, "Cột %zu\nđăng ký", j + 1);
		report_col_add(t, s, s, 0);
		free(s);
	}
	for (i = 0; i < nrows; i++) {
		xasprintf(&s, "Xã số %zu", i + 1);
		r = report_row_add(t, s, NULL);
		free(s);
		for (j = 0; j < ncols; j++)
			r->v[j] = (double)(i * 1000 + j);
	}
	report_total(t, "Tổng cộng");
	return (rep);
}

/* A table wider than the page: groups that repeat the label column. */
static void
wide(void)
{
	struct report	*rep;
	char		*out, *s;
	size_t		 len, j, groups, bad = 0;

	rep = big(5, 14);
	out = lay(rep, 80, 66, &len);
	ok(shape(out, len, 80, 66) != 0, "14 columns at 80: the pages");
	groups = count(out, "Đơn vị");
	ok(groups >= 2, "14 columns at 80: %zu groups", groups);
	is_int((long)count(out, "Bảng lớn (tiếp)"), (long)groups - 1,
	    "every group after the first is marked (tiếp)");
	is_int((long)count(out, "| Xã số 3 "), (long)groups,
	    "every group repeats the labels");
	is_int((long)count(out, "| Tổng cộng "), (long)groups,
	    "and the total");
	for (j = 0; j < 14; j++) {
		xasprintf(&s, " Cột %zu ", j + 1);
		if (count(out, s) != 1)
			bad++;
		free(s);
	}
	is_int((long)bad, 0, "every column once");
	free(out);
	out = lay(rep, 132, 66, &len);
	ok(shape(out, len, 132, 66) != 0, "14 columns at 132: the pages");
	ok(count(out, "Đơn vị") < groups, "fewer groups at 132");
	free(out);
	report_free(rep);
}

/* A table longer than a page: continued, with its headings again. */
static void
longtable(void)
{
	struct report	*rep;
	struct doc	 d;
	char		*out, *s;
	size_t		 len, i, j, pages, pages132, bad, heads;

	rep = big(200, 14);
	out = lay(rep, 80, 66, &len);
	pages = shape(out, len, 80, 66);
	ok(pages > 3, "200 rows at 80: %zu pages", pages);
	bad = 0;
	for (i = 0; i < 200; i++) {
		xasprintf(&s, "| Xã số %zu ", i + 1);
		if (count(out, s) != count(out, "| Tổng cộng "))
			bad++;
		free(s);
	}
	is_int((long)bad, 0, "every row once a group");
	doc_cut(&d, out);
	bad = 0;
	heads = 0;
	for (i = 1; i < d.n; i++) {
		if (strncmp(d.p[i].l[0], "Bảng lớn (tiếp)",
		    strlen("Bảng lớn (tiếp)")) != 0)
			bad++;
		for (j = 0; j < d.p[i].n; j++)
			if (d.p[i].l[j][0] == '|' &&
			    strstr(d.p[i].l[j], " Đơn vị ") != NULL)
				heads++;
	}
	is_int((long)bad, 0, "every later page starts with the title, "
	    "(tiếp)");
	ok(heads >= d.n - 1, "and repeats the headings (%zu)", heads);
	/* After a heading comes a row; a page ends with a bottom rule. */
	bad = 0;
	for (i = 0; i < d.n; i++)
		for (j = 0; j + 1 < d.p[i].n; j++) {
			if (d.p[i].l[j][0] == '+' && d.p[i].l[j][1] == '=' &&
			    strncmp(d.p[i].l[j + 1], "| ", 2) != 0)
				bad++;
			if (d.p[i].l[j][0] == '|' &&
			    d.p[i].l[j + 1][0] == '\0')
				bad++;
		}
	is_int((long)bad, 0, "no heading alone, no grid left open");
	doc_free(&d);
	free(out);
	out = lay(rep, 132, 66, &len);
	pages132 = shape(out, len, 132, 66);
	ok(pages132 != 0 && pages132 < pages, "fewer pages at 132: %zu",
	    pages132);
	free(out);
	out = lay(rep, 80, 40, &len);
	ok(shape(out, len, 80, 40) > pages, "more pages of 40 lines");
	free(out);
	report_free(rep);
}

/*
 * The signatures from line at of page pg: the date, the two titles, the
 * two hints, then four blank lines, all above the footer.
 */
static int
signed_whole(const struct page *pg, size_t at)
{
	size_t	j;

	if (at == SIZE_MAX || at + 7 > pg->n - 2)
		return (0);
	if (strstr(pg->l[at + 1], "NGƯỜI LẬP BIỂU") == NULL ||
	    strstr(pg->l[at + 1], "THỦ TRƯỞNG ĐƠN VỊ") == NULL)
		return (0);
	if (strstr(pg->l[at + 2], "(Ký, ghi rõ họ tên)") == NULL ||
	    strstr(pg->l[at + 2], "(Ký, đóng dấu, ghi rõ họ tên)") == NULL)
		return (0);
	for (j = at + 3; j < at + 7; j++)
		if (pg->l[j][0] != '\0')
			return (0);
	return (1);
}

/* Whatever the room left, the signatures are whole on the last page. */
static void
signatures(void)
{
	struct report	*rep;
	struct doc	 d;
	char		*out;
	size_t		 len, n, i, j, bad = 0, moved = 0, at;

	for (n = 30; n < 75; n++) {
		rep = big(n, 4);
		out = lay(rep, 80, 66, &len);
		if (shape(out, len, 80, 66) == 0) {
			bad++;
			goto next;
		}
		doc_cut(&d, out);
		at = SIZE_MAX;
		for (i = 0; i < d.n; i++)
			for (j = 0; j < d.p[i].n; j++)
				if (strstr(d.p[i].l[j], "Tân Lập, ngày") !=
				    NULL && i == d.n - 1)
					at = j;
		if (!signed_whole(&d.p[d.n - 1], at))
			bad++;
		if (at == 0)
			moved++;
		doc_free(&d);
next:
		free(out);
		report_free(rep);
	}
	is_int((long)bad, 0, "the signatures whole on the last page, "
	    "30 to 74 rows");
	ok(moved > 0, "moved to a page of their own when short of room");
}

/* Layouts refused, with a cause. */
static void
refused(void)
{
	static const struct {
		int		 width, lines;
		const char	*cause;
	} tab[] = {
		{ 59, 66, "too narrow" },
		{ 0, 66, "too narrow" },
		{ -80, 66, "too narrow" },
		{ 5000, 66, "too wide" },
		{ 80, 10, "too short" },
		{ 80, -1, "too short" },
		{ 80, 16, "too short" },
		{ 80, 1001, "too long" },
	};
	struct report		*rep;
	struct report_layout	 lo;
	char			*out, *cause;
	size_t			 i, len;
	int			 r;

	rep = golden_report();
	memset(&lo, 0, sizeof lo);
	for (i = 0; i < sizeof tab / sizeof *tab; i++) {
		lo.width = tab[i].width;
		lo.lines = tab[i].lines;
		out = cause = NULL;
		r = report_text(rep, &lo, &out, &len, &cause);
		ok(r == -1 && out == NULL && cause != NULL &&
		    strstr(cause, tab[i].cause) != NULL,
		    "%dx%d refused: %s", tab[i].width, tab[i].lines,
		    cause != NULL ? cause : "(no cause)");
		free(cause);
		free(out);
	}
	lo.width = 60;
	lo.lines = 30;
	out = cause = NULL;
	r = report_text(rep, &lo, &out, &len, &cause);
	ok(r == 0 && shape(out, len, 60, 30) != 0, "60x30 accepted");
	free(out);
	free(cause);
	report_free(rep);
}

/* A string of n random pieces, some of them odd. */
static char *
junk(unsigned *seed, size_t n)
{
	static const char *bits[] = {
		"Nguyễn", "Thị", " ", "  ", "Thuỷ", "Tổng cộng", "\n",
		"a\xcc\x81\xcc\x83", "\xcc\x80", "日本", "\t", "\r",
		"\xff", "\xe1\xbb", "-", "|", "Khu tái định cư",
		"Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"", "x", "\f", "1.234", "(tiếp)"
	};
	struct ubuf	b;
	size_t		i;

	memset(&b, 0, sizeof b);
	for (i = 0; i < n; i++) {
		*seed = *seed * 1103515245 + 12345;
		ubuf_add(&b, bits[(*seed >> 16) % (sizeof bits / sizeof *bits)],
		    strlen(bits[(*seed >> 16) % (sizeof bits /
		    sizeof *bits)]));
	}
	return (ubuf_finish(&b, NULL));
}

static unsigned
rnd(unsigned *seed, unsigned n)
{
	*seed = *seed * 1103515245 + 12345;
	return ((*seed >> 16) % n);
}

/* Odd reports: no crash, every page in shape. */
static void
odd(void)
{
	static const double vals[] = {
		0, 1, 12345678, 1e300, -5, REPORT_NA, 0.5, 99999.99, -0.0
	};
	struct report		*rep;
	struct report_table	*t;
	struct report_row	*r;
	struct report_layout	 lo;
	char			*out, *cause, *s1, *s2;
	size_t			 len, i, j, k, nt, nc, nr;
	unsigned		 seed = 20240305;
	int			 bad = 0, refusedn = 0;

	/* By hand: long everything, empty tables, no columns. */
	rep = heading();
	free(rep->title);
	rep->title = junk(&seed, 40);
	free(rep->office);
	rep->office = xstrdup("ỦY BAN NHÂN DÂN XÃ CÓ CÁI TÊN DÀI HƠN "
	    "CẢ MỘT DÒNG GIẤY CỦA MÁY IN KIM CHÍN MƯƠI CỘT");
	t = report_table_add(rep, "Bảng trống", "trong", "Đơn vị");
	report_col_add(t, "Tổng số", "tong", 0);
	t = report_table_add(rep, "Không cột", "khong_cot", "Đơn vị");
	report_row_add(t, "Xã Tân Lập", NULL);
	report_row_add(t, "Ngũ\xcc\x81 hành sơn có dấu kết hợp "
	    "e\xcc\x82\xcc\x81 rất dài rất dài rất dài rất dài rất dài rất "
	    "dài rất dài rất dài rất dài rất dài", NULL);
	t = report_table_add(rep, "Không gì cả", "khong", "");
	out = lay(rep, 80, 66, &len);
	ok(shape(out, len, 80, 66) != 0, "long titles, empty tables, no "
	    "columns, combining marks");
	free(out);
	out = lay(rep, 60, 40, &len);
	ok(shape(out, len, 60, 40) != 0, "the same at 60x40");
	free(out);
	report_free(rep);

	/* At random. */
	for (k = 0; k < 300; k++) {
		rep = report_new();
		if (rnd(&seed, 2))
			rep->superior = junk(&seed, rnd(&seed, 8));
		rep->office = junk(&seed, rnd(&seed, 8));
		rep->title = junk(&seed, rnd(&seed, 10));
		if (rnd(&seed, 2))
			rep->subtitle = junk(&seed, rnd(&seed, 10));
		if (rnd(&seed, 2))
			rep->period = junk(&seed, rnd(&seed, 4));
		if (rnd(&seed, 2))
			rep->place = junk(&seed, rnd(&seed, 4));
		rep->made.day = (int)rnd(&seed, 40) - 2;
		rep->made.month = (int)rnd(&seed, 15) - 1;
		rep->made.year = (int)rnd(&seed, 3000);
		nt = rnd(&seed, 4);
		for (i = 0; i < nt; i++) {
			s1 = junk(&seed, rnd(&seed, 6));
			s2 = junk(&seed, rnd(&seed, 4));
			t = report_table_add(rep, s1, "k", s2);
			free(s1);
			free(s2);
			nc = rnd(&seed, 20);
			for (j = 0; j < nc; j++) {
				s1 = junk(&seed, rnd(&seed, 6));
				report_col_add(t, s1, "c",
				    (int)rnd(&seed, 10) - 2);
				free(s1);
			}
			nr = rnd(&seed, 90);
			for (j = 0; j < nr; j++) {
				s1 = junk(&seed, rnd(&seed, 5));
				r = report_row_add(t, s1, NULL);
				free(s1);
				for (len = 0; len < nc; len++)
					r->v[len] = vals[rnd(&seed,
					    sizeof vals / sizeof *vals)];
				if (rnd(&seed, 10) == 0)
					r->total = 1;
			}
			if (rnd(&seed, 2))
				report_total(t, "Tổng cộng");
			for (j = rnd(&seed, 3); j > 0; j--) {
				s1 = junk(&seed, rnd(&seed, 12));
				report_note_add(t, s1);
				free(s1);
			}
		}
		memset(&lo, 0, sizeof lo);
		lo.width = 60 + (int)rnd(&seed, 80);
		lo.lines = 20 + (int)rnd(&seed, 60);
		out = cause = NULL;
		if (report_text(rep, &lo, &out, &len, &cause) != 0) {
			if (cause == NULL || out != NULL)
				bad++;
			refusedn++;
		} else if (shape(out, len, lo.width, lo.lines) == 0) {
			diag("random report %zu at %dx%d", k, lo.width,
			    lo.lines);
			bad++;
		}
		free(out);
		free(cause);
		report_free(rep);
	}
	is_int(bad, 0, "300 random reports in shape (%d refused)", refusedn);
}

/*
 * Converted to ASCII, one byte a letter, the golden report keeps its
 * lines: the same number, none over 80 bytes, the pipes of the grids where
 * they were. In TCVN3 the lines and pages stay (its capitals with a tone
 * take two bytes, a letter and a tone mark, so lines may be longer).
 */
static void
converted(void)
{
	struct report	*rep;
	struct doc	 u, a;
	char		*out, *conv, *cause = NULL, *cut;
	size_t		 len, clen, i, j, k, col, bad;

	rep = golden_report();
	out = lay(rep, 80, 66, &len);
	doc_cut(&u, out);

	conv = vntext_to_ascii(out);
	ok(conv != NULL, "the golden report in ASCII");
	doc_cut(&a, conv != NULL ? conv : "");
	bad = a.n != u.n;
	for (i = 0; !bad && i < a.n; i++) {
		bad += a.p[i].n != u.p[i].n;
		for (j = 0; !bad && j < a.p[i].n; j++) {
			bad += strlen(a.p[i].l[j]) > 80;
			/* Each pipe at the column it had. */
			for (k = 0; a.p[i].l[j][k] != '\0'; k++) {
				if (a.p[i].l[j][k] != '|')
					continue;
				for (col = 0; u.p[i].l[j][col] != '\0'; col++) {
					if (u.p[i].l[j][col] != '|')
						continue;
					cut = xstrndup(u.p[i].l[j], col);
					if (utf8_width(cut) == k) {
						free(cut);
						break;
					}
					free(cut);
				}
				bad += u.p[i].l[j][col] != '|';
			}
			if (bad)
				diag("'%s'", a.p[i].l[j]);
		}
	}
	is_int((long)bad, 0, "in ASCII: the same lines, the pipes in place");
	doc_free(&a);
	free(conv);

	conv = NULL;
	if (encoding_encode(ENC_TCVN3, out, len, &conv, &clen, &cause) != 0) {
		diag("TCVN3: %s", cause);
		free(cause);
	}
	ok(conv != NULL, "the golden report in TCVN3");
	doc_cut(&a, conv != NULL ? conv : "");
	bad = a.n != u.n;
	for (i = 0; !bad && i < a.n; i++)
		bad += a.p[i].n != u.p[i].n;
	is_int((long)bad, 0, "in TCVN3: the same pages and lines");
	doc_free(&a);
	free(conv);

	doc_free(&u);
	free(out);
	report_free(rep);
}

/* The tables alone, for the statistics screen. */
static void
bare(void)
{
	struct report		*rep;
	struct report_layout	 lo;
	char			*out, *cause, *line, *p;
	size_t			 len, wide = 0, n = 0;

	rep = golden_report();
	memset(&lo, 0, sizeof lo);
	lo.width = 70;
	lo.bare = 1;
	if (report_text(rep, &lo, &out, &len, &cause) != 0)
		bail("report_text: %s", cause);
	ok(strchr(out, '\f') == NULL && strstr(out, "Trang ") == NULL &&
	    strstr(out, "CỘNG HÒA") == NULL && strstr(out, "NGƯỜI LẬP") ==
	    NULL, "bare: no page, heading or signatures");
	ok(strstr(out, "1. Đăng ký khai sinh") != NULL &&
	    strstr(out, "Tổng cộng") != NULL, "but the tables");
	for (p = out; (line = strsep(&p, "\n")) != NULL; n++)
		if (utf8_width(line) > 70)
			wide++;
	ok(wide == 0 && n > 20, "every one of its %zu lines within 70", n);
	free(out);
	report_free(rep);
}

int
main(void)
{
	i18n_init("en");
	golden();
	page_shape();
	numbers();
	wide();
	longtable();
	signatures();
	refused();
	converted();
	odd();
	bare();
	return (done_testing());
}
