/*
 * report-count-t.c: the counting of the statistics on a real store in a
 * temporary directory, entry by entry: births on time and late (from the
 * book and from the dates, 60 and 30 days), by ethnicity and sex, late
 * ones born in the year and under 5, re-registrations; deaths by age band
 * and on time; marriages, first marriages and the mean ages; the other
 * events; what is left out (archive copies, entries struck out, dates
 * vaguer than the period, other months); grouping and totals. Then the
 * reports of two databases added (report_add): every count is the sum
 * of the two, the means and shares are made again from the sums, the
 * notes say the sums, new rows go in order; and shown side by side
 * (report_parts).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "fixture.h"
#include "form.h"
#include "i18n.h"
#include "rec.h"
#include "report-count.h"
#include "report.h"
#include "store.h"
#include "tap.h"

#define OFFICE	"UBND xã Tân Phú"
#define OFFICE2	"UBND xã Tân Lập"

static struct store	*s;
static long		 number;

/* A new entry of form registered on date in book (of 2024). */
static struct rec *
entry(const char *form, const char *date, const char *book)
{
	struct rec	*r;
	char		 buf[32];

	r = rec_new(form);
	rec_set(r, "co_quan_dang_ky", OFFICE, FS_OK);
	rec_set(r, "nam_dang_ky", "2024", FS_OK);
	rec_set(r, "quyen_so", book, FS_OK);
	snprintf(buf, sizeof buf, "%ld", ++number);
	rec_set(r, "so", buf, FS_OK);
	rec_set(r, "ngay_dang_ky", date, FS_OK);
	rec_set(r, "nguon_so", "BAN_GOC", FS_OK);
	return (r);
}

static void
save(struct rec *r)
{
	fixture_save(s, r);
}

/* A birth: registered on reg, type, born, sex, ethnicity. */
static void
birth(const char *reg, const char *type, const char *born, const char *sex,
    const char *ethnic, const char *book)
{
	struct rec	*r;

	r = entry("ks", reg, book);
	rec_set(r, "nks_ho_ten", "Lê Văn Tí", FS_OK);
	if (type != NULL)
		rec_set(r, "loai_dang_ky", type, FS_OK);
	rec_set(r, "nks_ngay_sinh", born, FS_OK);
	if (sex != NULL)
		rec_set(r, "nks_gioi_tinh", sex, FS_OK);
	if (ethnic != NULL)
		rec_set(r, "nks_dan_toc", ethnic, FS_OK);
	save(r);
}

static void
death(const char *reg, const char *type, const char *born, const char *died)
{
	struct rec	*r;

	r = entry("kt", reg, "01");
	rec_set(r, "nkt_ho_ten", "Trần Văn Bảy", FS_OK);
	if (type != NULL)
		rec_set(r, "loai_dang_ky", type, FS_OK);
	rec_set(r, "nkt_ngay_sinh", born, FS_OK);
	rec_set(r, "nkt_ngay_chet", died, FS_OK);
	save(r);
}

static void
marriage(const char *reg, const char *type, const char *man, const char *mf,
    const char *woman, const char *wf)
{
	struct rec	*r;

	r = entry("kh", reg, "01");
	rec_set(r, "loai_dang_ky", type, FS_OK);
	rec_set(r, "chong_ho_ten", "Phạm Văn Nam", FS_OK);
	rec_set(r, "chong_ngay_sinh", man, FS_OK);
	rec_set(r, "chong_lan_ket_hon", mf, FS_OK);
	rec_set(r, "vo_ho_ten", "Đỗ Thị Nữ", FS_OK);
	rec_set(r, "vo_ngay_sinh", woman, FS_OK);
	rec_set(r, "vo_lan_ket_hon", wf, FS_OK);
	save(r);
}

/* The value of table key, row rkey, column ckey; -99 if none. */
static double
cell(const struct report *rep, const char *key, const char *rkey,
    const char *ckey)
{
	const struct report_table	*t;
	size_t				 i, r, c;

	for (i = 0; i < rep->ntables; i++) {
		t = &rep->tables[i];
		if (strcmp(t->key, key) != 0)
			continue;
		for (r = 0; r < t->nrows; r++) {
			if (strcmp(t->rows[r].key, rkey) != 0)
				continue;
			for (c = 0; c < t->ncols; c++)
				if (strcmp(t->cols[c].key, ckey) == 0)
					return (t->rows[r].v[c]);
		}
	}
	return (-99);
}

/* Whether a note of table key contains text. */
static int
has_note(const struct report *rep, const char *key, const char *text)
{
	const struct report_table	*t;
	size_t				 i, n;

	for (i = 0; i < rep->ntables; i++) {
		t = &rep->tables[i];
		if (strcmp(t->key, key) != 0)
			continue;
		for (n = 0; n < t->nnotes; n++)
			if (t->notes[n].text != NULL &&
			    strstr(t->notes[n].text, text) != NULL)
				return (1);
	}
	return (0);
}

/* Row key of table key of rep: its index, or -1. */
static ssize_t
row_of(const struct report *rep, const char *key, const char *rkey)
{
	const struct report_table	*t;
	size_t				 r;

	if ((t = report_table_find(rep, key)) == NULL)
		return (-1);
	for (r = 0; r < t->nrows; r++)
		if (strcmp(t->rows[r].key, rkey) == 0)
			return ((ssize_t)r);
	return (-1);
}

/* The count of table t's row like row r of from, column c; 0 if none. */
static double
part(const struct report *rep, const struct report_table *from, size_t r,
    size_t c)
{
	const struct report_table	*t;
	ssize_t				 k;

	if ((t = report_table_find(rep, from->key)) == NULL ||
	    (k = report_row_match(t, from, r)) < 0)
		return (REPORT_NA);
	return (t->rows[k].v[c]);
}

/*
 * Whether every count of sum is the sum of a's and b's (REPORT_NA out of
 * it), and every row of a and b is in sum; what differs is said.
 */
static int
sums_up(const struct report *sum, const struct report *a,
    const struct report *b)
{
	const struct report		*ab[2] = { a, b };
	const struct report_table	*t, *pt;
	size_t				 i, r, c, p, bad = 0, cells = 0;
	double				 x, y, want;

	for (i = 0; i < sum->ntables; i++) {
		t = &sum->tables[i];
		for (r = 0; r < t->nrows; r++) {
			for (c = 0; c < t->ncols; c++) {
				if (t->cols[c].prec != 0)
					continue;
				x = part(a, t, r, c);
				y = part(b, t, r, c);
				want = x == REPORT_NA ? y : y == REPORT_NA ?
				    x : x + y;
				cells++;
				if (t->rows[r].v[c] != want) {
					diag("%s/%s/%s: %g, not %g", t->key,
					    t->rows[r].key, t->cols[c].key,
					    t->rows[r].v[c], want);
					bad++;
				}
			}
		}
	}
	for (p = 0; p < 2; p++) {
		for (i = 0; i < ab[p]->ntables; i++) {
			pt = &ab[p]->tables[i];
			if ((t = report_table_find(sum, pt->key)) == NULL) {
				diag("no table %s in the sum", pt->key);
				bad++;
				continue;
			}
			for (r = 0; r < pt->nrows; r++) {
				if (report_row_match(t, pt, r) < 0) {
					diag("no row %s/%s in the sum",
					    pt->key, pt->rows[r].key);
					bad++;
				}
			}
		}
	}
	return (bad == 0 && cells > 100);
}

static struct report *
count(const struct formset *fs, const char *from, const char *to,
    enum report_by by, int views)
{
	struct report_query	 q;
	struct report		*rep;
	struct vdate		 d;
	long			 lo, hi;
	char			*cause;

	memset(&q, 0, sizeof q);
	date_parse(from, &d, NULL);
	date_range(&d, &q.from, &hi);
	date_parse(to, &d, NULL);
	date_range(&d, &lo, &q.to);
	q.views = views;
	q.by = by;
	q.period = "test";
	if (report_count(s, fs, &q, &rep, &cause) != 0)
		bail("report_count: %s", cause);
	return (rep);
}

/* The reports of two databases added, and side by side. */
static void
adding(const struct formset *fs)
{
	struct store	*s1 = s;
	struct report	*a, *b, *sum, *one, *sbs, *parts[2];
	struct report	*a2, *b2, *sum2;
	const char	*labels[2] = { OFFICE, OFFICE2 };
	const struct report_table *t;
	char		*dir2;
	ssize_t		 k1, k2, k5;
	double		 before;
	size_t		 i, r, c, same;

	a = count(fs, "01/03/2024", "31/03/2024", RB_BOOK, RV_EVENTS |
	    RV_WORK);
	a2 = count(fs, "2000", "2100", RB_NONE, RV_EVENTS | RV_WORK);

	/* A second commune: book 03 and 05, a first marriage at 40. */
	s = fixture_store("report-count-t2", OFFICE2, fs, &dir2);
	birth("05/03/2024", "1", "01/03/2024", "2", "Kinh", "05");
	birth("06/03/2024", "1", "02/03/2024", "1", NULL, "05");
	birth("07/03/2024", "1", "03/03/2024", "1", "Kinh", "03");
	death("09/03/2024", NULL, "01/01/1940", "05/03/2024");
	marriage("10/03/2024", "1", "10/03/1984", "1", "10/03/1994", "1");
	b = count(fs, "01/03/2024", "31/03/2024", RB_BOOK, RV_EVENTS |
	    RV_WORK);
	b2 = count(fs, "2000", "2100", RB_NONE, RV_EVENTS | RV_WORK);
	store_close(s);
	fixture_rmdir(dir2);
	free(dir2);
	s = s1;

	before = cell(a, "births", "total", "births");
	sum = report_new();
	report_add(sum, a);
	report_add(sum, b);
	ok(sums_up(sum, a, b), "every count of the sum is the sum of the two "
	    "databases', and every row of each is in it");
	ok(cell(sum, "births", "total", "births") == 9 &&
	    cell(sum, "births", "KS 2024/05", "births") == 2,
	    "9 births, 2 of them in the second commune's book 05");
	ok(cell(a, "births", "total", "births") == before &&
	    row_of(a, "births", "KS 2024/05") == -1,
	    "the report added is not changed");
	k1 = row_of(sum, "births", "KS 2024/01");
	k2 = row_of(sum, "births", "KS 2024/03");
	k5 = row_of(sum, "births", "KS 2024/05");
	t = report_table_find(sum, "births");
	ok(k1 >= 0 && k1 < k2 && k2 < k5 && t != NULL &&
	    (size_t)k5 + 1 == t->nrows - 1 && t->rows[t->nrows - 1].total,
	    "the books in order, the second's new ones among them, the "
	    "total last");
	ok(cell(sum, "marriages", "total", "first_marriage_age_men") ==
	    (30.0 + 33.0 + 40.0) / 3,
	    "men's mean age at a first marriage from the sums: (30 + 33 + "
	    "40) / 3 (%g)", cell(sum, "marriages", "total",
	    "first_marriage_age_men"));
	ok(cell(sum, "marriages", "total", "first_marriage_age_women") ==
	    (23.0 + 30.0) / 2,
	    "women's: (23 + 30) / 2 (%g)", cell(sum, "marriages", "total",
	    "first_marriage_age_women"));
	ok(cell(sum, "registers", "ks", "share_percent") == 100.0 *
	    cell(sum, "registers", "ks", "entries") /
	    cell(sum, "registers", "total", "entries") &&
	    cell(sum, "registers", "total", "share_percent") == 100.0,
	    "shares of the summed total (%g%% births)", cell(sum,
	    "registers", "ks", "share_percent"));
	ok(has_note(sum, "births", "Ethnicity not written: 2.") &&
	    has_note(sum, "registers", "Archive copies, not counted: 1."),
	    "the notes say the sums: a count of each, a count of one");

	sum2 = report_new();
	report_add(sum2, a2);
	report_add(sum2, b2);
	ok(sums_up(sum2, a2, b2), "so too over the whole century, the work "
	    "done with it");
	ok(cell(sum2, "typed_by_clerk", "total", "entries") ==
	    cell(a2, "typed_by_clerk", "total", "entries") + 5 &&
	    cell(sum2, "typed_by_day", "total", "entries") ==
	    cell(a2, "typed_by_day", "total", "entries") + 5 &&
	    cell(sum2, "books", "total", "entries") ==
	    cell(a2, "books", "total", "entries") + 5,
	    "the work done: the second commune's 5 entries more");

	one = report_new();
	report_add(one, a);
	same = one->ntables == a->ntables;
	for (i = 0; same && i < a->ntables; i++) {
		t = &a->tables[i];
		same = one->tables[i].nrows == t->nrows &&
		    one->tables[i].nnotes == t->nnotes;
		for (r = 0; same && r < t->nrows; r++)
			for (c = 0; c < t->ncols; c++)
				if (memcmp(&one->tables[i].rows[r].v[c],
				    &t->rows[r].v[c], sizeof (double)) != 0)
					same = 0;
		for (r = 0; same && r < t->nnotes; r++)
			same = (t->notes[r].text == NULL) ==
			    (one->tables[i].notes[r].text == NULL) &&
			    (t->notes[r].text == NULL || strcmp(
			    t->notes[r].text, one->tables[i].notes[r].text) ==
			    0);
	}
	ok(same && strcmp(one->office, a->office) == 0,
	    "a report added to an empty one is the same report");
	report_free(one);

	parts[0] = a2;
	parts[1] = b2;
	sbs = report_parts(sum2, parts, labels, 2, "Both");
	t = report_table_find(sbs, "marriages");
	ok(t != NULL && t->nrows == 3 &&
	    strcmp(t->rows[0].label, OFFICE) == 0 && !t->rows[0].total &&
	    strcmp(t->rows[1].label, OFFICE2) == 0 &&
	    t->rows[1].v[0] == 1 && t->rows[2].total &&
	    t->rows[2].v[0] == 3 && t->rows[2].v[2] == (30.0 + 33.0 + 40.0) /
	    3,
	    "side by side, a table of one row: a row each, then the total");
	t = report_table_find(sbs, "registers");
	ok(t != NULL && t->rows[0].heading &&
	    strcmp(t->rows[0].label, OFFICE) == 0 &&
	    t->nrows == 3 + report_table_find(a2, "registers")->nrows +
	    report_table_find(b2, "registers")->nrows +
	    report_table_find(sum2, "registers")->nrows &&
	    t->rows[t->nrows - 1].total &&
	    t->rows[t->nrows - 1].v[0] == cell(sum2, "registers", "total",
	    "entries"),
	    "a table of rows: a heading over each commune's rows, then the "
	    "sum's (%zu rows)", t != NULL ? t->nrows : 0);
	report_free(sbs);

	report_free(sum);
	report_free(sum2);
	report_free(a);
	report_free(b);
	report_free(a2);
	report_free(b2);
}

int
main(void)
{
	struct formset		 fs;
	struct report		*rep;
	struct rec		*r;
	char			*dir;
	int			 i;

	i18n_init("en");
	fixture_formset(&fs);
	s = fixture_store("report-count-t", OFFICE, &fs, &dir);

	/* Births of March 2024. */
	birth("05/03/2024", "1", "01/01/2024", "1", "Kinh", "01");
	birth("06/03/2024", NULL, "20/02/2024", "2", "Tày", "01");
	birth("07/03/2024", NULL, "01/01/2024", "1", "Kinh", "01");
	birth("08/03/2024", "4", "10/10/2020", "2", "Kinh", "02");
	birth("09/03/2024", "6", "10/10/1990", "1", "Kinh", "02");
	birth("10/03/2024", "2", "10/10/1980", "1", "Kinh", "02");
	birth("11/03/2024", NULL, "2024", NULL, NULL, "02");
	/* Left out: a copy, one struck out, a month date, April. */
	r = entry("ks", "12/03/2024", "03");
	rec_set(r, "nguon_so", "BAN_SAO_LUU_HUYEN", FS_OK);
	rec_set(r, "nks_ngay_sinh", "01/03/2024", FS_OK);
	save(r);
	r = entry("ks", "13/03/2024", "03");
	rec_set(r, "trang_thai_ban_ghi", "DA_GACH_BO", FS_OK);
	save(r);
	r = entry("ks", "2024", "03");
	save(r);
	birth("01/04/2024", "1", "01/03/2024", "1", "Kinh", "01");

	/* Deaths. */
	death("05/03/2024", NULL, "01/06/2023", "01/03/2024");
	death("06/03/2024", NULL, "01/01/2021", "01/01/2024");
	death("07/03/2024", "1", "01/01/1950", "28/02/2024");
	death("08/03/2024", "2", "01/01/1950", "28/02/2000");

	/* Marriages. */
	marriage("05/03/2024", "1", "05/03/1994", "1", "06/03/2000", "1");
	marriage("06/03/2024", "1", "07/03/1990", "1", "01/01/1990", "2");
	marriage("07/03/2024", "2", "01/01/1980", "1", "01/01/1980", "1");

	rep = count(&fs, "01/03/2024", "31/03/2024", RB_NONE, RV_EVENTS);
	ok(cell(rep, "births", "total", "births") == 6,
	    "6 new births: re-registration, copy, struck, vague, April out");
	ok(cell(rep, "births", "total", "births_kinh") == 4 &&
	    cell(rep, "births", "total", "births_other_ethnic") == 1,
	    "4 Kinh, 1 of another group (one not written)");
	ok(has_note(rep, "births", "Ethnicity not written: 1"),
	    "the note says one ethnicity is not written");
	ok(cell(rep, "births", "total", "births_male") == 3 &&
	    cell(rep, "births", "total", "births_female") == 2,
	    "3 boys, 2 girls, one not written");
	ok(cell(rep, "births", "total", "births_on_time") == 2,
	    "on time: the book says so, and 15 days from the dates");
	ok(cell(rep, "births", "total", "births_late") == 3,
	    "late: the book says so, 66 days, and a book unsure past 60");
	ok(has_note(rep, "births", "do not say: 1"),
	    "a birth dated by its year alone cannot be on time or late");
	ok(cell(rep, "births", "total", "births_late_born_in_year") == 1,
	    "one late birth was born in the year");
	ok(cell(rep, "births", "total", "births_late_under_5") == 2,
	    "two late births were under 5");
	ok(cell(rep, "births", "total", "births_reregistered") == 1,
	    "one re-registration");
	ok(has_note(rep, "registers", "Archive copies, not counted: 1") &&
	    has_note(rep, "registers", "struck out in the book, not "
	    "counted: 1") && has_note(rep, "registers", "vaguer than the "
	    "period (a year or a month alone), not counted: 1"),
	    "notes say what was left out");

	ok(cell(rep, "deaths", "total", "deaths") == 3,
	    "3 new deaths, the re-registration apart");
	ok(cell(rep, "deaths", "total", "deaths_under_1") == 1 &&
	    cell(rep, "deaths", "total", "deaths_1_to_5") == 1 &&
	    cell(rep, "deaths", "total", "deaths_5_and_over") == 1,
	    "one in each age band");
	ok(cell(rep, "deaths", "total", "deaths_on_time") == 2 &&
	    cell(rep, "deaths", "total", "deaths_late") == 1,
	    "on time within 15 days or by the book, late after 65 days");
	ok(cell(rep, "deaths", "total", "deaths_reregistered") == 1,
	    "one death re-registered");

	ok(cell(rep, "marriages", "total", "marriages") == 2 &&
	    cell(rep, "marriages", "total", "marriages_first") == 1,
	    "two marriages, one a first for both");
	ok(cell(rep, "marriages", "total", "first_marriage_age_men") == 31.5,
	    "men's mean age at a first marriage: (30 + 33) / 2 = 31.5 (%g)",
	    cell(rep, "marriages", "total", "first_marriage_age_men"));
	ok(cell(rep, "marriages", "total", "first_marriage_age_women") ==
	    23.0, "women's: 23, the second wife marrying again (%g)",
	    cell(rep, "marriages", "total", "first_marriage_age_women"));
	ok(cell(rep, "marriages", "total", "marriages_reregistered") == 1,
	    "one marriage re-registered");
	ok(cell(rep, "registers", "ks", "entries") == 7 &&
	    cell(rep, "registers", "total", "entries") == 14,
	    "entries by register: 7 births of 14 entries counted");
	report_free(rep);

	/* By book: the groups add up to the total. */
	rep = count(&fs, "01/03/2024", "31/03/2024", RB_BOOK, RV_EVENTS);
	ok(cell(rep, "births", "KS 2024/01", "births") == 3 &&
	    cell(rep, "births", "KS 2024/02", "births") == 3 &&
	    cell(rep, "births", "total", "births") == 6,
	    "by book: 3 and 3 births, a total of 6");
	report_free(rep);

	/* The year: April's birth and the vague one come in. */
	rep = count(&fs, "2024", "2024", RB_NONE, RV_EVENTS);
	ok(cell(rep, "births", "total", "births") == 8,
	    "the year counts April's birth and the entry dated 2024 alone");
	ok(!has_note(rep, "registers", "vaguer"),
	    "which is no longer vaguer than the period");
	report_free(rep);

	/* Book 04: 5 twice with a reason, 6 twice without. */
	for (i = 0; i < 4; i++) {
		r = entry("ks", "01/06/2023", "04");
		rec_set(r, "so", i < 2 ? "5" : "6", FS_OK);
		rec_set(r, "trang_so", i == 3 ? "3" : "1", FS_OK);
		if (i == 1)
			rec_set(r, "ly_do_trung_so", "SO_KHAC_LOAI", FS_OK);
		save(r);
	}

	/* The work done: everything was typed today. */
	rep = count(&fs, "2000", "2100", RB_NONE, RV_WORK);
	ok(cell(rep, "typed_by_day", "total", "entries") == 22,
	    "22 entries typed");
	ok(cell(rep, "typed_by_clerk", "total", "ks") == 15 &&
	    cell(rep, "typed_by_clerk", "total", "kt") == 4,
	    "15 births and 4 deaths among them");
	ok(cell(rep, "books", "KS 2024/01", "entries") == 4 &&
	    cell(rep, "books", "KS 2024/03", "entries") == 3 &&
	    cell(rep, "books", "total", "entries") == 22,
	    "books typed into: 4 entries in KS 2024/01, 3 in 03, 22 in all");
	ok(cell(rep, "books", "KS 2024/04", "repeats_explained") == 1 &&
	    cell(rep, "books", "KS 2024/04", "repeats_open") == 1,
	    "book 04: a repeat with its reason, one without");
	ok(cell(rep, "books", "KS 2024/04", "pages_typed") == 3 &&
	    cell(rep, "books", "KS 2024/04", "pages") == REPORT_NA,
	    "up to page 3 typed; the book's pages not known");
	ok(cell(rep, "books", "KS 2024/01", "numbers_missing") == 7,
	    "book 01 numbered 1, 2, 3 and 11: 7 numbers missing (%g)",
	    cell(rep, "books", "KS 2024/01", "numbers_missing"));
	ok(cell(rep, "books", "KS 2024/01", "closing_note") == REPORT_NA,
	    "no closing note: not known");
	report_free(rep);

	adding(&fs);

	store_close(s);
	fixture_rmdir(dir);
	free(dir);
	formset_free(&fs);
	return (done_testing());
}
