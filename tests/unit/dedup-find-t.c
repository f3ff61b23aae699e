/*
 * dedup-find-t.c: one entry's probable duplicates through the person
 * index of a real store in a temporary directory: the same date, the day
 * and month swapped, a date written as a year, a typo in the day met by
 * the mother's name, a name typed with Telex keys left in, and what is
 * not read (namesakes born on other days) or not found (the entry
 * itself, an archive copy); and the look-up of a record of another
 * database (dedup --across), whose id is not one of this store's and
 * whose names are weighed by the counts given.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dedup-find.h"
#include "fixture.h"
#include "form.h"
#include "i18n.h"
#include "rec.h"
#include "store.h"
#include "tap.h"

#define OFFICE	"UBND xã Tân Phú"

static struct store		*s;
static struct dedup_form	*df;
static struct dedup_cand	 cand[10];
static struct dedup_find_stats	 st;
static long			 number;

/* A birth entry of a child born on birth, of mother (NULL: none). */
static struct rec *
entry(const char *name, const char *birth, const char *sex,
    const char *mother)
{
	struct rec	*r;
	char		 buf[32];

	r = rec_new("ks");
	rec_set(r, "co_quan_dang_ky", OFFICE, FS_OK);
	rec_set(r, "nam_dang_ky", "2001", FS_OK);
	rec_set(r, "quyen_so", "01", FS_OK);
	snprintf(buf, sizeof buf, "%ld", ++number);
	rec_set(r, "so", buf, FS_OK);
	rec_set(r, "ngay_dang_ky", "20/12/2001", FS_OK);
	rec_set(r, "nks_ho_ten", name, FS_OK);
	rec_set(r, "nks_ngay_sinh", birth, FS_OK);
	rec_set(r, "nks_gioi_tinh", sex, FS_OK);
	if (mother != NULL)
		rec_set(r, "me_ho_ten", mother, FS_OK);
	return (r);
}

/* Look up r (then free it); how many were found, or -1. */
static int
find(struct rec *r)
{
	char	*cause;
	int	 n;

	n = dedup_find(s, df, r, DEDUP_MIN_SCORE, cand, 10, &st, &cause);
	if (n < 0) {
		diag("dedup_find: %s", cause);
		free(cause);
	}
	rec_free(r);
	return (n);
}

/* Whether id is among the n found. */
static int
found(int n, uint64_t id)
{
	int	i;

	for (i = 0; i < n; i++)
		if (cand[i].id == id)
			return (1);
	return (0);
}

int
main(void)
{
	struct formset		 fs;
	const struct form	*ks;
	struct rec		*r, *r2;
	struct dedup_freq	*fq;
	struct dedup_prof	*p, *q;
	double			 want;
	uint64_t		 an, an2, binh, copy;
	char			*cause, *dir;
	char			 buf[64];
	int			 i, n;

	i18n_init("en");
	fixture_formset(&fs);
	if ((ks = formset_find(&fs, "ks")) == NULL)
		bail("no ks form");
	s = fixture_store("dedup-find-t", OFFICE, &fs, &dir);
	df = dedup_form_new(ks);

	/* 40 namesakes born on other days of 2001, of other mothers. */
	for (i = 0; i < 40; i++) {
		snprintf(buf, sizeof buf, "%02d/%02d/2001", i % 28 + 1,
		    i / 28 + 5);
		snprintf(buf + 16, sizeof buf - 16, "Lê Thị Hoa %d", i);
		fixture_save(s, entry("Nguyễn Văn An", buf, "1", buf + 16));
	}
	an = fixture_save(s, entry("Nguyễn Văn An", "12/03/2001", "1", "Trần Thị Mai"));
	binh = fixture_save(s, entry("Phạm Văn Bình", "2001", "1", "Đỗ Thị Hằng"));
	/* A common mother's name: 30 children of other names. */
	for (i = 0; i < 30; i++) {
		snprintf(buf, sizeof buf, "Hồ Văn Khánh %c", 'A' + i % 26);
		fixture_save(s, entry(buf, "01/01/2001", "1", "Lý Thị Lan"));
	}
	/* And one of them named as the 41 above. */
	an2 = fixture_save(s, entry("Nguyễn Văn An", "07/08/2001", "1", "Lý Thị Lan"));

	n = find(entry("Nguyen Van An", "12/03/2001", "1", "Tran Thi Mai"));
	ok(n >= 1 && cand[0].id == an,
	    "the same child without marks, the same date: found first");
	ok(st.read <= 3,
	    "its 40 namesakes born on other days are not read (%lu read)",
	    st.read);
	n = find(entry("Nguyễn Văn An", "03/12/2001", "1", "Trần Thị Mai"));
	ok(found(n, an), "the day and month swapped: found");
	n = find(entry("Nguyễn Văn An", "2001", "1", "Trần Thị Mai"));
	ok(found(n, an), "the date written as a year: found");
	n = find(entry("Phạm Văn Bình", "15/06/2001", "1", "Đỗ Thị Hằng"));
	ok(found(n, binh), "a full date finds the entry dated by its year");
	n = find(entry("Nguyễn Văn An", "13/03/2001", "1", "Trần Thị Mai"));
	ok(found(n, an), "a slip in the day, the same mother: found");
	n = find(entry("Nguyeenx Vawn An", "12/03/2001", "1", "Trần Thị Mai"));
	ok(found(n, an),
	    "the name with Telex keys left in: found by the mother's name");
	n = find(entry("Nguyễn Văn An", "17/08/2001", "1", "Lý Thị Lan"));
	ok(found(n, an2), "a slip in the day, a common name and a common "
	    "mother: found where both keys meet");
	ok(st.read <= 3, "without reading the other 41 of the name or the "
	    "mother's 30 other children (%lu read)", st.read);
	n = find(entry("Nguyễn Văn An", "12/03/2001", "2", "Ngô Thị Tú"));
	ok(n == 0, "the same name and date, another sex and mother: none");

	/* A record of another database: its id names nothing here. */
	if (store_get(s, an, &r, &cause) != 0)
		bail("store_get: %s", cause);
	rec_set(r, "nks_ho_ten", "Nguyen Van An", FS_OK);
	n = dedup_find_other(s, df, NULL, r, DEDUP_MIN_SCORE, cand, 10, &st,
	    &cause);
	ok(found(n, an), "another database's entry of the same id as the "
	    "one it matches: found");
	fq = dedup_freq_new();
	for (i = 0; i < 150; i++) {
		snprintf(buf, sizeof buf, "%02d/%02d/2001", i % 28 + 1,
		    i % 12 + 1);
		q = dedup_profile(df, r2 = entry(i % 3 == 0 ? "Nguyễn Văn An" :
		    "Đinh Văn Tư", buf, "1", "Trần Thị Mai"));
		dedup_freq_add(fq, q);
		dedup_prof_free(q);
		rec_free(r2);
	}
	n = dedup_find_other(s, df, fq, r, DEDUP_MIN_SCORE, cand, 10, &st,
	    &cause);
	if (store_get(s, an, &r2, &cause) != 0)
		bail("store_get: %s", cause);
	p = dedup_profile(df, r);
	q = dedup_profile(df, r2);
	want = dedup_score(df, fq, p, q, NULL);
	ok(n >= 1 && cand[0].id == an && cand[0].score == want &&
	    want != dedup_score(df, NULL, p, q, NULL),
	    "with the names counted, scored as dedup_score scores the pair "
	    "with those counts (%.3f)", want);
	dedup_prof_free(p);
	dedup_prof_free(q);
	rec_free(r2);
	dedup_freq_free(fq);
	rec_free(r);
	r = entry("", "12/03/2001", "1", "Trần Thị Mai");
	n = dedup_find(s, df, r, 0.0, cand, 10, &st, &cause);
	ok(n >= 1 && dedup_find_other(s, df, NULL, r, 0.0, cand, 10, &st,
	    &cause) == 0, "a record without the person's name: candidates "
	    "for the screens (%d), none from another database", n);
	rec_free(r);

	/* A stored entry is not its own candidate. */
	if (store_get(s, an, &r, &cause) != 0)
		bail("store_get: %s", cause);
	n = find(r);
	ok(!found(n, an), "a stored entry is not its own candidate");

	/* An archive copy is never paired. */
	r = entry("Nguyễn Văn An", "12/03/2001", "1", "Trần Thị Mai");
	rec_set(r, "nguon_so", "BAN_SAO_LUU_HUYEN", FS_OK);
	copy = fixture_save(s, r);
	r = entry("Nguyễn Văn An", "12/03/2001", "1", "Trần Thị Mai");
	n = find(r);
	ok(found(n, an) && !found(n, copy), "an archive copy is not found");
	r = entry("Nguyễn Văn An", "12/03/2001", "1", "Trần Thị Mai");
	rec_set(r, "nguon_so", "BAN_SAO_LUU_HUYEN", FS_OK);
	ok(find(r) == 0, "and an archive copy being typed finds none");

	dedup_form_free(df);
	store_close(s);
	fixture_rmdir(dir);
	free(dir);
	formset_free(&fs);
	return (done_testing());
}
