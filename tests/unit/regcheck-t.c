/*
 * regcheck-t.c: the registration-number checks on a real store in a
 * temporary directory: repeats, gaps, numbers going back while dates go
 * forward, numbers beyond the closing note, and what is not a repeat (the
 * entry being corrected, another book, another year, another register).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "form.h"
#include "i18n.h"
#include "rec.h"
#include "regcheck.h"
#include "store.h"
#include "tap.h"
#include "xmalloc.h"

#define OFFICE	"UBND xã Tân Phú"

static struct store		*s;
static const struct form	*ks, *kt;
static struct regfindings	 found;

/* An entry of form, book and year numbered so, registered on date. */
static struct rec *
entry(const char *form, const char *book, const char *year, const char *so,
    const char *date)
{
	struct rec	*r;

	r = rec_new(form);
	rec_set(r, "co_quan_dang_ky", OFFICE, FS_OK);
	rec_set(r, "nam_dang_ky", year, FS_OK);
	rec_set(r, "quyen_so", book, FS_OK);
	rec_set(r, "so", so, FS_OK);
	rec_set(r, "ngay_dang_ky", date, FS_OK);
	if (strcmp(form, "ks") == 0) {
		rec_set(r, "nks_ho_ten", "Nguyễn Văn An", FS_OK);
		rec_set(r, "me_ho_ten", "Trần Thị Mai", FS_OK);
	} else
		rec_set(r, "nkt_ho_ten", "Lê Văn Bình", FS_OK);
	return (r);
}

/* Save an entry; its id. */
static uint64_t
save(const char *form, const char *book, const char *year, const char *so,
    const char *date)
{
	return (fixture_save(s, entry(form, book, year, so, date)));
}

/* Check r (after prev) into found, replacing what it held. */
static void
check(const struct rec *r, const struct rec *prev)
{
	char	*cause;

	regcheck_clear(&found);
	if (regcheck(s, strcmp(r->form, "kt") == 0 ? kt : ks, r, prev,
	    &found, &cause) != 0) {
		diag("regcheck: %s", cause);
		free(cause);
	}
}

/* Check a new birth entry of book and year numbered so, dated date. */
static void
check_in(const char *book, const char *year, const char *so,
    const char *date)
{
	struct rec	*r;

	r = entry("ks", book, year, so, date);
	check(r, NULL);
	rec_free(r);
}

/* A birth entry of book and year numbered so has nothing to say: what. */
static void
none(const char *book, const char *year, const char *so, const char *what)
{
	check_in(book, year, so, "02/01/2002");
	ok(found.n == 0, "%s", what);
}

/* Check a new birth entry of book 01, 2001 numbered so, dated date. */
static void
check_new(const char *so, const char *date, const struct rec *prev)
{
	struct rec	*r;

	r = entry("ks", "01", "2001", so, date);
	check(r, prev);
	rec_free(r);
}

/* The finding of kind, the first one, or NULL. */
static const struct regfinding *
find(enum regcheck_kind kind)
{
	size_t	i;

	for (i = 0; i < found.n; i++)
		if (found.v[i].kind == kind)
			return (&found.v[i]);
	return (NULL);
}

static int
says(const struct regfinding *rf, const char *text)
{
	if (rf == NULL)
		return (0);
	if (strstr(rf->message, text) != NULL)
		return (1);
	diag("\"%s\" not in \"%s\"", text, rf->message);
	return (0);
}

static void
diag_found(void)
{
	size_t	i;

	for (i = 0; i < found.n; i++)
		diag("found: %s %s", regcheck_code(found.v[i].kind),
	    found.v[i].message);
}

int
main(void)
{
	struct formset		 fs;
	struct book		*b;
	struct regbook		 rb;
	struct rec		*r, *prev;
	const struct regfinding	*rf;
	uint64_t		 id3, id5, id;
	char			*cause, *dir;
	char			 buf[64];

	i18n_init("en");
	fixture_formset(&fs);
	if ((ks = formset_find(&fs, "ks")) == NULL ||
	    (kt = formset_find(&fs, "kt")) == NULL)
		bail("no ks or kt form");
	s = fixture_store("regcheck-t", OFFICE, &fs, &dir);
	regcheck_init(&found);

	/* An empty book: number 1 is fine, number 3 skips 1 and 2. */
	check_new("01", "02/01/2001", NULL);
	ok(found.n == 0, "the first number of an empty book: nothing");
	check_new("3", "02/01/2001", NULL);
	rf = find(RC_GAP);
	ok(found.n == 1 && rf != NULL && rf->first == 1 && rf->last == 2 &&
	    says(rf, "1 to 2"), "number 3 first in a book: 1 to 2 skipped");

	/* Book 01 of 2001: 1, 2, 3 and 5, as the book writes them. */
	save("ks", "01", "2001", "01/", "02/01/2001");
	save("ks", "01", "2001", "02/2001", "03/01/2001");
	id3 = save("ks", "01", "2001", "03/2001", "05/01/2001");
	id5 = save("ks", "01", "2001", "5", "09/01/2001");

	check_new("6", "10/01/2001", NULL);
	if (!ok(found.n == 0, "the next number: nothing"))
		diag_found();

	/* Repeats, whatever way the number is written. */
	check_new("3", "10/01/2001", NULL);
	rf = find(RC_REPEAT);
	snprintf(buf, sizeof buf, "entry %llu (number 03/2001)",
	    (unsigned long long)id3);
	ok(found.n == 1 && rf != NULL && rf->other == id3 && rf->number == 3 &&
	    says(rf, buf), "3 repeats \"03/2001\", naming its entry");
	check_new("03/2008", "10/01/2001", NULL);
	ok(find(RC_REPEAT) != NULL && find(RC_REPEAT)->other == id3 &&
	    says(find(RC_REPEAT), "Number 03/2008"),
	    "\"03/2008\" repeats it too");
	check_new("01/", "10/01/2001", NULL);
	ok(find(RC_REPEAT) != NULL && found.n == 1, "\"01/\" repeats \"01/\"");
	check_new("1", "10/01/2001", NULL);
	ok(find(RC_REPEAT) != NULL, "and so does \"1\"");
	id = save("ks", "01", "2001", "5", "09/01/2001");
	check_new("05", "10/01/2001", NULL);
	if (!ok(found.n == 3 && found.v[0].kind == RC_REPEAT &&
	    found.v[1].kind == RC_REPEAT && found.v[0].other == id5 &&
	    found.v[1].other == id && found.v[2].kind == RC_GAP &&
	    found.v[2].first == 4 && found.v[2].last == 4,
	    "a number used twice: two repeats (and 4 skipped)"))
		diag_found();

	/* A corrected entry does not repeat itself. */
	if (store_get(s, id3, &r, &cause) != 0)
		bail("store_get");
	check(r, NULL);
	ok(found.n == 0, "a saved entry corrected: not a repeat of itself");
	rec_set(r, "so", "7", FS_OK);
	check(r, NULL);
	rf = find(RC_GAP);
	ok(found.n == 1 && rf != NULL && rf->first == 6 && rf->last == 6 &&
	    says(rf, "number 6 is not"),
	    "renumbered 7: 6 is skipped, not its own old number");
	rec_set(r, "so", "4", FS_OK);
	check(r, NULL);
	rf = find(RC_GAP);
	ok(found.n == 1 && rf != NULL && rf->first == 3 && rf->last == 3,
	    "renumbered 4: its own 3 no longer counts, so 3 is skipped");
	rec_free(r);

	/* Gaps after the greatest number below. */
	check_new("4", "08/01/2001", NULL);
	ok(found.n == 0, "filling in 4 between 3 and 5: nothing");
	check_new("9", "10/01/2001", NULL);
	rf = find(RC_GAP);
	ok(found.n == 1 && rf != NULL && rf->first == 6 && rf->last == 8 &&
	    says(rf, "numbers 6 to 8"), "9 after 5: 6 to 8 skipped");
	check_new("7/2001", "10/01/2001", NULL);
	rf = find(RC_GAP);
	ok(rf != NULL && rf->first == 6 && rf->last == 6 &&
	    says(rf, "before number 7/2001"), "\"7/2001\" after 5: 6 skipped");

	/* Another book, year or register: its own numbering. */
	check_in("02", "2001", "01", "02/02/2001");
	rf = find(RC_OTHER_BOOK);
	if (!ok(found.n == 1 && rf != NULL && rf->other != 0 &&
	    says(rf, "another book of this year"),
	    "a new book of the year restarting at 01: said, not a repeat"))
		diag_found();
	none("01", "2002", "01", "the book continued into 2002 at 01: not a "
	    "repeat");
	r = entry("kt", "01", "2001", "03", "02/01/2001");
	check(r, NULL);
	if (!ok(found.n == 1 && find(RC_GAP) != NULL,
	    "a death numbered 3: only the gap of its own book"))
		diag_found();
	rec_free(r);
	save("ks", "012", "2001", "1", "02/01/2001");
	save("ks", "012", "2001", "9", "02/01/2001");
	check_new("6", "10/01/2001", NULL);
	if (!ok(found.n == 0, "book 012 is not part of book 01"))
		diag_found();

	/* Going back while the dates go forward. */
	prev = entry("ks", "01", "2001", "5", "09/01/2001");
	check_new("4", "10/01/2001", prev);
	rf = find(RC_BACKWARDS);
	ok(found.n == 1 && rf != NULL && says(rf, "previous entry's (5)"),
	    "4 after 5, dated later: backwards");
	check_new("4", "08/01/2001", prev);
	ok(found.n == 0, "4 after 5, dated earlier: nothing");
	check_new("4", "09/01/2001", prev);
	ok(found.n == 0, "4 after 5, the same day: nothing");
	rec_set(prev, "ngay_dang_ky", "2001", FS_OK);
	check_new("4", "10/01/2001", prev);
	ok(found.n == 0, "after an entry dated by its year only: cannot tell");
	rec_set(prev, "ngay_dang_ky", "12/2000", FS_OK);
	check_new("4", "10/01/2001", prev);
	ok(find(RC_BACKWARDS) != NULL, "after one dated 12/2000: backwards");
	rec_free(prev);
	prev = entry("ks", "02", "2001", "40", "01/01/2001");
	check_new("4", "10/01/2001", prev);
	ok(found.n == 0, "after an entry of another book: nothing");
	rec_free(prev);
	if (store_get(s, id5, &prev, &cause) != 0)
		bail("store_get");
	check(prev, prev);
	ok(find(RC_BACKWARDS) == NULL, "an entry is not behind itself");
	rec_free(prev);

	/* The closing note. */
	check_new("30", "10/01/2001", NULL);
	ok(find(RC_BEYOND_CLOSING) == NULL, "no closing note: nothing beyond");
	if (store_book_get(s, OFFICE, "ks", 2001, "01", &b, &cause) != 0)
		bail("store_book_get");
	b->closing_count = 25;
	if (store_book_put(s, b, &cause) != 0)
		bail("store_book_put: %s", cause);
	check_new("25", "10/01/2001", NULL);
	ok(find(RC_BEYOND_CLOSING) == NULL, "25 of 25 entries: not beyond");
	check_new("26", "10/01/2001", NULL);
	rf = find(RC_BEYOND_CLOSING);
	ok(rf != NULL && rf->last == 25 && says(rf, "25 entries"),
	    "26 of 25 entries: beyond the closing note");
	b->closing_first = 101;
	b->closing_last = 0;
	if (store_book_put(s, b, &cause) != 0)
		bail("store_book_put: %s", cause);
	check_new("126", "10/01/2001", NULL);
	ok(find(RC_BEYOND_CLOSING) != NULL && find(RC_BEYOND_CLOSING)->last ==
	    125, "numbered from 101: 126 is beyond 25 entries");
	b->closing_count = 0;
	b->closing_last = 20;
	if (store_book_put(s, b, &cause) != 0)
		bail("store_book_put: %s", cause);
	check_new("21", "10/01/2001", NULL);
	rf = find(RC_BEYOND_CLOSING);
	ok(rf != NULL && rf->last == 20 && says(rf, "last number is 20"),
	    "a note giving the last number only: 21 is beyond");
	store_book_free(b);

	/* The first number of a book that continues another's numbering. */
	if (store_book_get(s, OFFICE, "ks", 2001, "02", &b, &cause) != 1)
		bail("book 02 exists");
	b = xcalloc(1, sizeof *b);
	b->office = xstrdup(OFFICE);
	b->form = xstrdup("ks");
	b->year = 2001;
	b->number = xstrdup("03");
	b->closing_first = 251;
	if (store_book_put(s, b, &cause) != 0)
		bail("store_book_put: %s", cause);
	store_book_free(b);
	r = entry("ks", "03", "2001", "251", "01/06/2001");
	check(r, NULL);
	ok(found.n == 0, "book 03 starting at 251 as its note says: no gap");
	rec_set(r, "so", "253", FS_OK);
	check(r, NULL);
	ok(find(RC_GAP) != NULL && find(RC_GAP)->first == 251,
	    "253 first: 251 and 252 skipped");
	rec_free(r);

	/* Entries the checks cannot place. */
	r = entry("ks", "01", "2001", "", "10/01/2001");
	rec_set(r, "so", "", FS_ILLEGIBLE);
	check(r, NULL);
	ok(found.n == 0, "an illegible number: nothing to check");
	rec_free(r);
	none("01", "", "3", "no year: nothing to check");

	ok(strcmp(regcheck_code(RC_REPEAT), "regno-repeat") == 0 &&
	    strcmp(regcheck_code(RC_GAP), "regno-gap") == 0 &&
	    strcmp(regcheck_code(RC_BACKWARDS), "regno-backwards") == 0 &&
	    strcmp(regcheck_code(RC_BEYOND_CLOSING), "regno-closing") == 0 &&
	    strcmp(regcheck_code(RC_OTHER_BOOK), "regno-other-book") == 0,
	    "each kind has its code");

	/* Books of one year share one numbering (domain section 2.4). */
	save("ks", "A", "2004", "1", "02/01/2004");
	save("ks", "A", "2004", "2", "03/01/2004");
	save("ks", "A", "2004", "3", "04/01/2004");
	check_in("B", "2004", "4", "05/01/2004");
	if (!ok(found.n == 0, "book B's first entry continues book A's "
	    "numbers: nothing to say"))
		diag_found();
	check_in("B", "2004", "6", "05/01/2004");
	rf = find(RC_GAP);
	ok(found.n == 1 && rf != NULL && rf->first == 4 && rf->last == 5,
	    "numbered 6: 4 and 5 skipped after book A's 3");
	check_in("B", "2004", "1", "05/01/2004");
	if (!ok(found.n == 1 && find(RC_OTHER_BOOK) != NULL,
	    "starting again at 1: no gap, but book A has a number 1"))
		diag_found();
	check_in("B", "2005", "4", "05/01/2005");
	rf = find(RC_GAP);
	ok(found.n == 1 && rf != NULL && rf->first == 1 && rf->last == 3,
	    "in another year book A is not continued: 1 to 3 skipped");

	/* A book's numbers: gaps, repeats, the closing note. */
	save("ks", "05", "2003", "1", "02/01/2003");
	save("ks", "05", "2003", "2", "02/01/2003");
	save("ks", "05", "2003", "2", "03/01/2003");
	save("ks", "05", "2003", "5", "04/01/2003");
	save("ks", "05", "2003", "6", "05/01/2003");
	save("ks", "050", "2003", "3", "05/01/2003");
	r = entry("ks", "05", "2003", "", "");
	ok(regcheck_book(s, ks, r, &rb, &cause) == 0 && rb.entries == 5 &&
	    rb.highest == 6, "regcheck_book: the book's 5 entries, to 6");
	ok(rb.n == 2 && strcmp(rb.lines[0], "Repeat: number 2, 2 entries") ==
	    0 && rb.ids[0] != 0 && strcmp(rb.lines[1], "Gap: numbers 3 to 4 "
	    "(2)") == 0 && rb.ids[1] == 0 && rb.missing == 2 &&
	    rb.repeated == 1, "a repeat with an entry to open, then a gap");
	regcheck_book_free(&rb);
	if (store_book_get(s, OFFICE, "ks", 2003, "05", &b, &cause) != 0 ||
	    b == NULL)
		bail("store_book_get");
	b->closing_count = 8;
	if (store_book_put(s, b, &cause) != 0)
		bail("store_book_put: %s", cause);
	ok(regcheck_book(s, ks, r, &rb, &cause) == 0 && rb.n == 4 &&
	    strcmp(rb.lines[2], "Gap: numbers 7 to 8 (2)") == 0 &&
	    strcmp(rb.lines[3], "Closing note: 8 entries; 5 typed") == 0 &&
	    rb.missing == 4, "with a closing note of 8: the gap at the end, "
	    "and the count");
	regcheck_book_free(&rb);
	b->closing_count = 0;
	b->closing_first = 3;
	b->closing_last = 4;
	if (store_book_put(s, b, &cause) != 0)
		bail("store_book_put: %s", cause);
	ok(regcheck_book(s, ks, r, &rb, &cause) == 0 && rb.n == 2 &&
	    strcmp(rb.lines[1], "Gap: numbers 3 to 4 (2)") == 0,
	    "a note from 3 to 4: only that gap");
	regcheck_book_free(&rb);
	store_book_free(b);
	rec_free(r);
	r = entry("ks", "07", "2003", "", "");
	ok(regcheck_book(s, ks, r, &rb, &cause) == 0 && rb.n == 0 &&
	    rb.entries == 0, "a book without entries: nothing");
	regcheck_book_free(&rb);
	rec_free(r);

	regcheck_clear(&found);
	store_close(s);
	formset_free(&fs);
	fixture_rmdir(dir);
	free(dir);
	return (done_testing());
}
