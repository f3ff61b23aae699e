/*
 * dedup-t.c: the scoring of probable duplicate people, rule by rule, on
 * birth entries of the real ks form: name levels, Jaro-Winkler, dates,
 * sex, parents, office, registration number, name frequency, the
 * exemptions, the blocking keys and the reasons.
 */

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dedup.h"
#include "errlist.h"
#include "form.h"
#include "i18n.h"
#include "rec.h"
#include "tap.h"

static const struct dedup_form	*df;
static struct dedup_freq	*freq;

/* A birth entry: the base one, with key=value pairs changed. */
static struct rec *
entry(uint64_t id, ...)
{
	struct rec	*r;
	const char	*k, *v;
	va_list		 ap;

	r = rec_new("ks");
	r->id = id;
	rec_set(r, "co_quan_dang_ky", "UBND xã Tân Lập", FS_OK);
	rec_set(r, "nguon_so", "BAN_GOC", FS_OK);
	rec_set(r, "quyen_so", "01", FS_OK);
	rec_set(r, "nam_dang_ky", "1990", FS_OK);
	rec_set(r, "so", "5", FS_OK);
	rec_set(r, "loai_dang_ky", "1", FS_OK);
	rec_set(r, "trang_thai_ban_ghi", "BINH_THUONG", FS_OK);
	rec_set(r, "nks_ho_ten", "Nguyễn Thị Thủy", FS_OK);
	rec_set(r, "nks_ngay_sinh", "12/03/1990", FS_OK);
	rec_set(r, "nks_gioi_tinh", "2", FS_OK);
	rec_set(r, "me_ho_ten", "Trần Thị Lan", FS_OK);
	rec_set(r, "cha_ho_ten", "Nguyễn Văn Nam", FS_OK);
	va_start(ap, id);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		rec_set(r, k, v, *v == '\0' ? FS_BLANK : FS_OK);
	}
	va_end(ap);
	return (r);
}

/* Score the base entry against one changed by the pairs given. */
static double
pair(struct dedup_why *why, char **reason, ...)
{
	struct rec		*a, *b;
	struct dedup_prof	*pa, *pb;
	const char		*k, *v;
	va_list			 ap;
	double			 s;

	a = entry(1, NULL);
	b = entry(2, NULL);
	va_start(ap, reason);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		rec_set(b, k, v, *v == '\0' ? FS_BLANK : FS_OK);
	}
	va_end(ap);
	pa = dedup_profile(df, a);
	pb = dedup_profile(df, b);
	s = dedup_score(df, freq, pa, pb, why);
	if (reason != NULL)
		*reason = dedup_reason(df, why, 0);
	dedup_prof_free(pa);
	dedup_prof_free(pb);
	rec_free(a);
	rec_free(b);
	return (s);
}

/* The name level of two entries named a and b. */
static enum dedup_name_level
iy_level(const char *a, const char *b)
{
	struct rec		*ra, *rb;
	struct dedup_prof	*pa, *pb;
	struct dedup_why	 w;

	ra = entry(1, "nks_ho_ten", a, NULL);
	rb = entry(2, "nks_ho_ten", b, NULL);
	pa = dedup_profile(df, ra);
	pb = dedup_profile(df, rb);
	dedup_score(df, NULL, pa, pb, &w);
	dedup_prof_free(pa);
	dedup_prof_free(pb);
	rec_free(ra);
	rec_free(rb);
	return (w.name[0]);
}

static int
has(const char *reason, const char *phrase)
{
	return (strstr(reason, phrase) != NULL);
}

static void
test_jaro_winkler(void)
{
	double	v;

	v = dedup_jaro_winkler("martha", "marhta");
	ok(v > 0.960 && v < 0.962, "Jaro-Winkler martha/marhta is 0.961 "
	    "(%.4f)", v);
	v = dedup_jaro_winkler("dwayne", "duane");
	ok(v > 0.839 && v < 0.841, "dwayne/duane is 0.840 (%.4f)", v);
	v = dedup_jaro_winkler("dixon", "dicksonx");
	ok(v > 0.812 && v < 0.814, "dixon/dicksonx is 0.813 (%.4f)", v);
	ok(dedup_jaro_winkler("hung", "hung") == 1.0, "equal strings: 1");
	ok(dedup_jaro_winkler("abc", "xyz") == 0.0, "nothing shared: 0");
	ok(dedup_jaro_winkler("", "") == 1.0 &&
	    dedup_jaro_winkler("a", "") == 0.0, "empty strings");

	v = dedup_name_similarity("nguyen van hung", "nguyen van hufng");
	ok(v >= 0.90, "a Telex slip in the given name is similar (%.3f)", v);
	v = dedup_name_similarity("nguyen van hung", "nguyen van dung");
	ok(v < 0.90, "brothers Hùng and Dũng are not similar (%.3f)", v);
	v = dedup_name_similarity("nguyen van hung", "tran van hung");
	ok(v > dedup_jaro_winkler("nguyen van hung", "tran van hung"),
	    "the given name counts more than the surname (%.3f)", v);
	v = dedup_name_similarity("nguyeenx thi lan", "nguyen thi lan");
	ok(v >= 0.90, "a Telex slip in the surname is similar (%.3f)", v);
}

static void
test_names(void)
{
	struct dedup_why	 w;
	char			*r;
	double			 s, base;

	base = pair(&w, &r, NULL);
	ok(base > 0.99, "the same entry typed twice scores near 1 (%.4f)",
	    base);
	ok(w.name[0] == DN_SAME && w.date[0] == DD_SAME && w.sex == 1 &&
	    w.regno == 1 && w.office == 1, "every rule agrees");
	is_string(r, "same name, same birth date, same mother, same father, "
	    "same registration number", "the reason lists them");
	free(r);

	s = pair(&w, &r, "nks_ho_ten", "NGUYỄN THỊ THỦY", NULL);
	ok(w.name[0] == DN_SAME, "case does not matter");
	free(r);

	s = pair(&w, &r, "so", "9", "nks_ho_ten", "Nguyen Thi Thuy", NULL);
	ok(w.name[0] == DN_LOOSE && has(r, "same name ignoring tone marks"),
	    "no diacritics: same name ignoring tone marks (%s)", r);
	ok(s > 0.95, "and still a duplicate (%.4f)", s);
	free(r);

	s = pair(&w, &r, "so", "9", "nks_ho_ten", "Nguyễn Thị Thuỷ", NULL);
	ok(w.name[0] == DN_SPELLING &&
	    has(r, "same name but for tone placement or i/y"),
	    "the other tone placement: a spelling variant (%s)", r);
	free(r);
	pair(&w, NULL, "so", "9", "nks_ho_ten", "Lê Quí", NULL);
	ok(w.name[0] == DN_DIFFERENT, "another name is different");

	pair(&w, NULL, "so", "9", "nks_ho_ten", "Nguyễn Thị Thúi", NULL);
	ok(w.name[0] != DN_LOOSE && w.name[0] != DN_SPELLING,
	    "Thúi is not Thủy: uy keeps its y");
	ok(iy_level("Hoàng Trọng Sĩ", "Hoang Trong Sy") == DN_LOOSE,
	    "Sĩ without diacritics and with y: same ignoring tone marks");
	ok(iy_level("Trần Quý", "Tran Qui") == DN_LOOSE, "Quý and Qui");

	s = pair(&w, &r, "so", "9", "nks_ho_ten", "Nguyễn Thủy", NULL);
	ok(w.name[0] == DN_NOMIDDLE &&
	    has(r, "same name without the middle name"),
	    "the middle name dropped (%s)", r);
	ok(s > 0.9, "is still a duplicate (%.4f)", s);
	free(r);

	s = pair(&w, &r, "so", "9", "nks_ho_ten", "Nguyễn Thị Thuyr", NULL);
	ok(w.name[0] == DN_TELEX &&
	    has(r, "same name but for Telex keys typed in"),
	    "a Telex slip: the same but for Telex keys (%s)", r);
	ok(s > 0.99, "is a duplicate (%.4f)", s);
	free(r);
	pair(&w, NULL, "so", "9", "nks_ho_ten", "Nguyeenx Thij Thuyr", NULL);
	ok(w.name[0] == DN_TELEX, "Telex slips in every word");
	pair(&w, NULL, "so", "9", "nks_ho_ten", "Nguyễn Thị Thufy", NULL);
	ok(w.name[0] == DN_TELEX, "the tone key typed inside the word");
	pair(&w, NULL, "so", "9", "me_ho_ten", "Traanf Thij Lan", NULL);
	ok(w.name[1] == DN_TELEX, "Telex keys in the mother's name");

	s = pair(&w, &r, "so", "9", "nks_ho_ten", "Nguyễn Thị Thuỷy", NULL);
	ok(w.name[0] == DN_SIMILAR && has(r, "similar name"),
	    "a letter typed twice: similar name (%s)", r);
	ok(s > 0.9, "is still a duplicate (%.4f)", s);
	free(r);

	s = pair(&w, NULL, "so", "9", "nks_ho_ten", "Nguyễn Thị Hoa", NULL);
	ok(w.name[0] == DN_DIFFERENT && s < 0.5,
	    "twins (same mother and date, another name) are not flagged "
	    "(%.4f)", s);

	s = pair(&w, &r, "so", "9", "me_ho_ten", "Tran Thi Lan", NULL);
	ok(w.name[1] == DN_LOOSE && has(r, "same mother ignoring tone marks"),
	    "the mother's name without diacritics (%s)", r);
	free(r);
	s = pair(&w, NULL, "so", "9", "me_ho_ten", "Lê Thị Hồng", NULL);
	ok(w.name[1] == DN_DIFFERENT && s < base,
	    "another mother lowers the score (%.4f)", s);
	s = pair(&w, NULL, "so", "9", "me_ho_ten", "Lê Thị Hồng",
	    "cha_ho_ten", "Phạm Văn Tư", "nks_ngay_sinh", "1990", NULL);
	ok(s < 0.5, "same name and year, other parents: not flagged (%.4f)",
	    s);
	s = pair(&w, NULL, "so", "9", "me_ho_ten", "", "cha_ho_ten", "", NULL);
	ok(w.name[1] == DN_MISSING && w.name[2] == DN_MISSING,
	    "parents not written count neither way");
}

static void
test_dates(void)
{
	struct dedup_why	 w;
	char			*r;
	double			 s, same;

	same = pair(&w, NULL, "so", "9", NULL);
	s = pair(&w, &r, "so", "9", "nks_ngay_sinh", "03/12/1990", NULL);
	ok(w.date[0] == DD_SWAP &&
	    has(r, "birth date with day and month swapped"),
	    "day and month swapped (%s)", r);
	ok(s > 0.9 && s < same, "a duplicate, less sure (%.4f)", s);
	free(r);

	s = pair(&w, &r, "so", "9", "nks_ngay_sinh", "1990", NULL);
	ok(w.date[0] == DD_PARTIAL &&
	    has(r, "same birth date as far as written"),
	    "a year only, agreeing (%s)", r);
	ok(s > 0.9, "still a duplicate with the parents (%.4f)", s);
	free(r);
	pair(&w, NULL, "so", "9", "nks_ngay_sinh", "03/1990", NULL);
	ok(w.date[0] == DD_PARTIAL, "a month and year, agreeing");
	pair(&w, NULL, "so", "9", "nks_ngay_sinh", "04/1990", NULL);
	ok(w.date[0] == DD_DIFFERENT, "another month");

	s = pair(&w, NULL, "so", "9", "nks_ngay_sinh", "15/03/1990", NULL);
	ok(w.date[0] == DD_NEAR && s < same, "another day of the year");
	s = pair(&w, NULL, "so", "9", "nks_ngay_sinh", "12/03/1991", NULL);
	ok(w.date[0] == DD_DIFFERENT && s < same, "another year");
	pair(&w, NULL, "so", "9", "nks_ngay_sinh", "", NULL);
	ok(w.date[0] == DD_MISSING, "no date: no evidence");
}

static void
test_others(void)
{
	struct dedup_why	 w;
	char			*r;
	double			 s, same;

	same = pair(&w, NULL, "so", "9", NULL);
	ok(w.regno == 0, "another number is not the same number");
	s = pair(&w, &r, "so", "9", "nks_gioi_tinh", "1", NULL);
	ok(w.sex == -1 && s < same && has(r, "different sex"),
	    "another sex lowers the score (%s)", r);
	free(r);
	s = pair(&w, NULL, "so", "9", "nks_gioi_tinh", "3", NULL);
	ok(w.sex == 0, "sex not determined: no evidence");
	s = pair(&w, &r, "so", "9", "co_quan_dang_ky", "UBND xã Tân Phú",
	    NULL);
	ok(w.office == -1 && s < same && has(r, "another office"),
	    "another office lowers the score a little (%s)", r);
	ok(s > 0.9, "registered at two offices is still a duplicate (%.4f)",
	    s);
	free(r);
	pair(&w, NULL, "co_quan_dang_ky", "ubnd XÃ tân lập", NULL);
	ok(w.office == 1 && w.regno == 1,
	    "the office and number compare folded");
}

/* Two entries with personal numbers pa and pb, and names na and nb. */
static double
pid_pair(struct dedup_why *w, char **reason, const char *pa, const char *pb,
    const char *nb, const char *db)
{
	struct rec		*a, *b;
	struct dedup_prof	*p, *q;
	double			 s;

	a = entry(1, "nks_so_dinh_danh", pa, NULL);
	b = entry(2, "nks_so_dinh_danh", pb, "nks_ho_ten", nb,
	    "nks_ngay_sinh", db, "so", "9", "me_ho_ten", "", "cha_ho_ten", "",
	    NULL);
	p = dedup_profile(df, a);
	q = dedup_profile(df, b);
	s = dedup_score(df, NULL, p, q, w);
	*reason = dedup_reason(df, w, 0);
	dedup_prof_free(p);
	dedup_prof_free(q);
	rec_free(a);
	rec_free(b);
	return (s);
}

static void
test_pid(void)
{
	struct dedup_why	 w;
	char			*r;
	double			 s, none;

	none = pid_pair(&w, &r, "001190012345", "", "Nguyễn Thị Thủy",
	    "12/03/1990");
	ok(w.pid == 0, "a personal number on one side only: no evidence");
	free(r);
	s = pid_pair(&w, &r, "001190012345", "001190012345", "Nguyen Thi Thuy",
	    "1990");
	ok(w.pid == 1 && s > 0.99 && has(r, "same personal ID number"),
	    "the same personal number, little else: a duplicate (%.4f, %s)",
	    s, r);
	free(r);
	s = pid_pair(&w, &r, "001190012345", "001190099999", "Nguyễn Thị Thủy",
	    "12/03/1990");
	ok(w.pid == -1 && s < none && none - s > 0.05 &&
	    has(r, "different personal ID number"),
	    "another personal number lowers the score (%.4f < %.4f, %s)", s,
	    none, r);
	free(r);
}

static void
test_exempt(void)
{
	static const char	*cases[][3] = {
		{ "loai_dang_ky", "2", "a re-registration" },
		{ "loai_dang_ky", "3", "a foreign registration written in" },
		{ "loai_dang_ky", "5", "a re-issue" },
		{ "nguon_so", "BAN_SAO_LUU_HUYEN", "a district archive copy" },
		{ "nguon_so", "BAN_SAO_LUU_TINH", "a provincial archive copy" },
		{ "trang_thai_ban_ghi", "DA_GACH_BO", "an entry struck out" },
	};
	struct dedup_why	 w;
	struct dedup_prof	*p;
	struct rec		*r;
	uint64_t		 keys[DEDUP_BLOCKS];
	size_t			 i;
	double			 s;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = pair(&w, NULL, cases[i][0], cases[i][1], NULL);
		r = entry(3, cases[i][0], cases[i][1], NULL);
		p = dedup_profile(df, r);
		ok(s == 0.0 && p->exempt != DX_NONE &&
		    dedup_blocks(df, p, keys) == 0,
		    "%s is never flagged", cases[i][2]);
		dedup_prof_free(p);
		rec_free(r);
	}
	s = pair(&w, NULL, "loai_dang_ky", "4", NULL);
	ok(s > 0.99, "a late registration is flagged");
	s = pair(&w, NULL, "loai_dang_ky", "6", NULL);
	ok(s > 0.99, "an unknown registration type is flagged");
}

static void
test_blocks(void)
{
	static const char	*changes[][2] = {
		{ "nks_ho_ten", "Nguyen Thi Thuy" },
		{ "nks_ngay_sinh", "03/12/1990" },
		{ "nks_ngay_sinh", "1990" },
		{ "nks_ho_ten", "Nguyễn Thị Thuyr" },
		{ "nks_ho_ten", "Nguyeenx Thij Thuyr" },
		{ "me_ho_ten", "Tran Thi Lan" },
	};
	struct dedup_prof	*pa, *pb;
	struct rec		*a, *b;
	uint64_t		 ka[DEDUP_BLOCKS], kb[DEDUP_BLOCKS];
	size_t			 na, nb, i, j, k;
	int			 shared;

	a = entry(1, NULL);
	pa = dedup_profile(df, a);
	na = dedup_blocks(df, pa, ka);
	ok(na == 4, "a full entry gives four blocking keys");
	for (i = 0; i < sizeof changes / sizeof changes[0]; i++) {
		b = entry(2, changes[i][0], changes[i][1], NULL);
		pb = dedup_profile(df, b);
		nb = dedup_blocks(df, pb, kb);
		shared = 0;
		for (j = 0; j < na; j++)
			for (k = 0; k < nb; k++)
				shared |= ka[j] == kb[k];
		ok(shared, "with %s %s they share a block", changes[i][0],
		    changes[i][1]);
		dedup_prof_free(pb);
		rec_free(b);
	}
	b = entry(2, "nks_ho_ten", "Lê Văn Tám", "nks_ngay_sinh", "01/01/1991",
	    "me_ho_ten", "Phạm Thị Mai", NULL);
	pb = dedup_profile(df, b);
	nb = dedup_blocks(df, pb, kb);
	shared = 0;
	for (j = 0; j < na; j++)
		for (k = 0; k < nb; k++)
			shared |= ka[j] == kb[k];
	ok(!shared, "another person shares none");
	dedup_prof_free(pb);
	rec_free(b);
	dedup_prof_free(pa);
	rec_free(a);
}

/* A name shared by many counts for less than a rare one. */
static void
test_frequency(void)
{
	struct dedup_freq	*fq;
	struct dedup_prof	*p, *pa, *pb;
	struct dedup_why	 w;
	struct rec		*r, *a, *b;
	char			 name[64];
	double			 common, rare;
	int			 i;

	fq = dedup_freq_new();
	for (i = 0; i < 2000; i++) {
		if (i < 400)
			snprintf(name, sizeof name, "Nguyễn Văn Hùng");
		else
			snprintf(name, sizeof name, "Trần Văn Hùng %d", i);
		r = entry((uint64_t)i + 10, "nks_ho_ten", name, NULL);
		p = dedup_profile(df, r);
		dedup_freq_add(fq, p);
		dedup_prof_free(p);
		rec_free(r);
	}
	a = entry(1, "nks_ho_ten", "Nguyễn Văn Hùng", "nks_gioi_tinh", "1",
	    NULL);
	r = entry(1, "nks_ho_ten", "Nguyễn Văn Hùng", NULL);
	p = dedup_profile(df, r);
	is_int((long)dedup_freq_count(fq, p->name[0].hloose), 400,
	    "the count of a name");
	dedup_prof_free(p);
	rec_free(r);
	b = entry(2, "nks_ho_ten", "Nguyen Van Hung", "nks_gioi_tinh", "1",
	    "so", "9", "me_ho_ten", "", "cha_ho_ten", "", NULL);
	pa = dedup_profile(df, a);
	pb = dedup_profile(df, b);
	common = dedup_score(df, fq, pa, pb, &w);
	dedup_prof_free(pa);
	dedup_prof_free(pb);
	rec_free(a);
	rec_free(b);

	a = entry(1, "nks_ho_ten", "Hà Văn Quýnh", "nks_gioi_tinh", "1", NULL);
	b = entry(2, "nks_ho_ten", "Ha Van Quynh", "nks_gioi_tinh", "1",
	    "so", "9", "me_ho_ten", "", "cha_ho_ten", "", NULL);
	pa = dedup_profile(df, a);
	pb = dedup_profile(df, b);
	rare = dedup_score(df, fq, pa, pb, &w);
	dedup_prof_free(pa);
	dedup_prof_free(pb);
	rec_free(a);
	rec_free(b);
	ok(common < rare, "a common name counts less than a rare one "
	    "(%.4f < %.4f)", common, rare);
	ok(common < 0.5, "the same common name and birth date alone is not "
	    "flagged (%.4f)", common);
	dedup_freq_free(fq);
}

int
main(void)
{
	struct formset		 fs;
	struct errlist		 el;
	struct dedup_why	 w;
	struct dedup_form	*own;
	const struct form	*f;
	char			*r;

	i18n_init("en");
	errlist_init(&el);
	formset_load(&fs, TEST_FORMS_DIR, &el);
	if (errlist_count(&el) != 0 || (f = formset_find(&fs, "ks")) == NULL)
		bail("the forms do not load");
	errlist_free(&el);
	df = own = dedup_form_new(f);
	freq = NULL;

	test_jaro_winkler();
	test_names();
	test_dates();
	test_others();
	test_pid();
	test_exempt();
	test_blocks();
	test_frequency();

	memset(&w, 0, sizeof w);
	r = dedup_reason(df, &w, 1);
	is_string(r, "little in common", "a reason when nothing agrees");
	free(r);

	dedup_form_free(own);
	formset_free(&fs);
	return (done_testing());
}
