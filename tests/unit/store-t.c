/*
 * store-t.c: the store's interface on a real Berkeley DB environment in
 * a temporary directory: writes and reads, look-ups in every index, the
 * books, the drafts, the meta data, skipping identical records, the
 * check, and rebuilding the indexes when their version changes.
 */

#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "form.h"
#include "i18n.h"
#include "rec.h"
#include "store.h"
#include "tap.h"
#include "xmalloc.h"

#define OFFICE	"UBND xã Tân Phú"

static const char *given[] = { "An", "Bình", "Cường", "Dũng", "Lan" };

/* A birth entry numbered n in book of year 2001. */
static struct rec *
entry(const char *book, long n)
{
	struct rec	*r;
	char		 buf[64];

	r = rec_new("ks");
	rec_set(r, "co_quan_dang_ky", OFFICE, FS_OK);
	rec_set(r, "nam_dang_ky", "2001", FS_OK);
	rec_set(r, "quyen_so", book, FS_OK);
	snprintf(buf, sizeof buf, "%ld/2001", n);
	rec_set(r, "so", buf, FS_OK);
	snprintf(buf, sizeof buf, "%02ld/03/2001", n % 28 + 1);
	rec_set(r, "ngay_dang_ky", buf, FS_OK);
	snprintf(buf, sizeof buf, "Nguyễn Văn %s", given[n % 5]);
	rec_set(r, "nks_ho_ten", buf, FS_OK);
	rec_set(r, "nks_ngay_sinh", "01/02/2001", FS_OK);
	rec_set(r, "me_ho_ten", "Trần Thị Mai", FS_OK);
	if (n % 10 == 0)
		rec_set(r, "cha_ho_ten", "", FS_BLANK);
	return (r);
}

/* Count index entries, checking each has an id. */
static int
walk_cb(const void *k, size_t len, uint64_t id, void *arg)
{
	(void)k;
	(void)len;
	if (id != 0)
		(*(u_long *)arg)++;
	return (0);
}

static int
count_cb(const struct rec *r, void *arg)
{
	(void)r;
	(*(u_long *)arg)++;
	return (0);
}

/* Count records until the count reaches the limit in arg[1]. */
static int
stop_cb(const struct rec *r, void *arg)
{
	u_long	*n = arg;

	(void)r;
	return (++n[0] == n[1]);
}

/* The length of the longest value seen. */
static int
longest_cb(const struct rec *r, void *arg)
{
	size_t	*max = arg, i, len;

	for (i = 0; i < r->nvals; i++)
		if ((len = strlen(r->vals[i].value)) > *max)
			*max = len;
	return (0);
}

/* Record the pair a, b with decision by user, scored 0.85. */
static int
put_pair(struct store *s, uint64_t a, uint64_t b, const char *decision,
    const char *user)
{
	struct store_pair	 sp;
	char			*cause;

	memset(&sp, 0, sizeof sp);
	sp.a = a;
	sp.b = b;
	sp.decision = (char *)decision;
	sp.score = 0.85;
	sp.reason = (char *)"same name";
	if (store_pair_put(s, &sp, user, &cause) != 0) {
		diag("%s", cause);
		free(cause);
		return (-1);
	}
	return (0);
}

/* Count the pairs; the first must be the one of ids 2 and 9. */
static int
pair_cb(const struct store_pair *sp, void *arg)
{
	u_long	*n = arg;

	if (*n == 0 && (sp->a != 2 || sp->b != 9))
		*n = 100;
	(*n)++;
	return (0);
}

static int
first_cb(const struct rec *r, void *arg)
{
	*(struct rec **)arg = rec_copy(r);
	return (1);
}

/* How many records index which holds under the len bytes at k. */
static u_long
lookup_count(struct store *s, enum store_index which, const void *k,
    size_t len, int prefix)
{
	char	*cause;
	u_long	 n = 0;

	if (store_lookup(s, which, k, len, prefix, count_cb, &n,
	    &cause) != 0) {
		diag("%s", cause);
		free(cause);
	}
	return (n);
}

/*
 * store_index_count and store_index_last on the number index of book:
 * 20 entries, the last numbered last.
 */
static void
last_in_book(struct store *s, const struct formset *fs, const char *book,
    const char *last)
{
	struct rec	*r, *got = NULL;
	uint64_t	 id = 0;
	u_long		 n = 0;
	char		*k, *cause = NULL;
	void		*key = NULL;
	size_t		 len, klen = 0;

	r = entry(book, 1);
	k = store_book_key(r, formset_find(fs, "ks"), &len);
	ok(k != NULL && store_index_count(s, SI_REGNO, k, len, &n,
	    &cause) == 0 && n == 20 + (strcmp(book, "01") == 0),
	    "store_index_count: the entries of book %s by number", book);
	n = 0;
	ok(k != NULL && store_index_count(s, SI_BOOK, k, len, &n,
	    &cause) == 0 && n == 20 + (strcmp(book, "01") == 0),
	    "and in the book index, where they share one key");
	ok(k != NULL && store_index_last(s, SI_REGNO, k, len, 0, &id, &key,
	    &klen, &cause) == 0 && id != 0 && store_get(s, id, &got,
	    &cause) == 0 && strcmp(rec_value(got, "so"), last) == 0 &&
	    key != NULL && klen > len && memcmp(key, k, len) == 0,
	    "store_index_last: book %s ends at %s, and its key", book, last);
	free(key);
	rec_free(got);
	free(k);
	rec_free(r);
}

/*
 * Books "7" and "70": the book key of "7" starts the key of "70", so
 * counting and finding the last entry of "7" must take its keys alone.
 */
static void
prefix_books(struct store *s, const struct formset *fs)
{
	struct rec	*r, *got = NULL;
	uint64_t	 ids[4], id = 0;
	u_long		 n = 0, all = 0;
	char		*k, *cause = NULL;
	size_t		 len, i;
	int		 w;

	for (i = 0; i < 4; i++) {
		r = entry(i < 2 ? "7" : "70", (long)(i < 2 ? i + 1 : i + 3));
		w = store_write(s, &r, 1, 0, &ids[i], &cause);
		rec_free(r);
		if (w != 0)
			bail("store_write: %s", cause);
	}
	r = entry("7", 1);
	k = store_book_key(r, formset_find(fs, "ks"), &len);
	ok(k != NULL && store_index_count_key(s, SI_BOOK, k, len, &n,
	    &cause) == 0 && n == 2 && store_index_count(s, SI_BOOK, k, len,
	    &all, &cause) == 0 && all == 4,
	    "store_index_count_key: book 7 has 2 entries, not book 70's too");
	ok(k != NULL && store_index_last(s, SI_REGNO, k, len,
	    IDXKEY_NUMBER_LEN, &id, NULL, NULL, &cause) == 0 && id == ids[1] &&
	    store_get(s, id, &got, &cause) == 0 && strcmp(rec_value(got,
	    "so"), "2/2001") == 0,
	    "store_index_last with the number's length: book 7 ends at 2");
	n = 0;
	ok(k != NULL && store_lookup_tail(s, SI_REGNO, k, len,
	    IDXKEY_NUMBER_LEN, count_cb, &n, &cause) == 0 && n == 2 &&
	    lookup_count(s, SI_REGNO, k, len, 1) == 4,
	    "store_lookup_tail: book 7's 2 entries by number, not book 70's");
	rec_free(got);
	free(k);
	rec_free(r);
}

static struct store *
open_store(const char *dir, const struct formset *fs)
{
	struct store	*s;
	char		*cause;

	if (store_open(&s, dir, 0, NULL, fs, &cause) != 0)
		bail("store_open: %s", cause);
	return (s);
}

int
main(void)
{
	struct formset		 fs;
	struct store		*s;
	struct store_init	 si;
	struct store_report	 rp;
	struct rec		*recs[40], *r, *r2, *d;
	struct book		*b, **bv;
	struct store_pair	*sp;
	uint64_t		 ids[40], id;
	char			*cause, *v, tmpl[] = "/tmp/store-t.XXXXXX", *dir;
	char			**fields, *big;
	u_long			 limit[2];
	void			*k, **keys;
	size_t			 i, n, len, *lens;
	u_long			 count, walked;
	int			 all;

	i18n_init("en");
	fixture_formset(&fs);
	if ((dir = mkdtemp(tmpl)) == NULL)
		bail("mkdtemp failed");
	rmdir(dir);

	memset(&si, 0, sizeof si);
	si.office = OFFICE;
	ok(store_init(dir, &si, &cause) == 0, "store_init creates a database");
	ok(store_exists(dir) && !store_is_encrypted(dir),
	    "it exists and is not encrypted");
	ok(store_init(dir, &si, &cause) == -1 && cause != NULL,
	    "store_init refuses to overwrite it");
	free(cause);
	s = open_store(dir, &fs);
	is_string(store_path(s), dir, "store_path is the directory");

	/* Meta data. */
	ok(store_meta_get(s, "office", &v, &cause) == 0 && v != NULL &&
	    strcmp(v, OFFICE) == 0, "store_init recorded the office");
	free(v);
	ok(store_meta_get(s, "nothing", &v, &cause) == 0 && v == NULL,
	    "an unset meta value reads NULL");
	ok(store_meta_put(s, "note", "một", &cause) == 0 &&
	    store_meta_put(s, "note", "hai", &cause) == 0, "store_meta_put");
	ok(store_meta_get(s, "note", &v, &cause) == 0 && v != NULL &&
	    strcmp(v, "hai") == 0, "the last value put is read back");
	free(v);

	/*
	 * Forty entries going from book 01 to book 02 and back, in one
	 * write: the keys of each must be built from its own book.
	 */
	for (i = 0; i < 40; i++)
		recs[i] = entry((i / 3) % 2 == 0 ? "01" : "02", (long)i + 1);
	ok(store_write(s, recs, 40, 0, ids, &cause) == 0,
	    "store_write of 40 entries in two books");
	all = 1;
	for (i = 0; i < 40; i++)
		all = all && ids[i] == recs[i]->id && ids[i] != 0 &&
		    (i == 0 || ids[i] > ids[i - 1]);
	ok(all, "each gets an id, in order");
	ok(recs[0]->created != 0 && recs[0]->modified >= recs[0]->created,
	    "entry and modification times are set");
	is_int(store_count(s, &cause), 40, "store_count");

	ok(store_get(s, ids[7], &r, &cause) == 0 && r != NULL &&
	    r->id == ids[7] && strcmp(rec_value(r, "so"), "8/2001") == 0,
	    "store_get reads an entry back");
	rec_free(r);
	ok(store_get(s, ids[39] + 1000, &r, &cause) == 1 && r == NULL,
	    "store_get of an unknown id returns 1");

	/* Writing the same entries again with STORE_SKIP_SAME adds none. */
	for (i = 0; i < 40; i++) {
		rec_free(recs[i]);
		recs[i] = entry((i / 3) % 2 == 0 ? "01" : "02", (long)i + 1);
	}
	rec_set(recs[5], "me_ho_ten", "Trần Thị Mây", FS_OK);
	ok(store_write(s, recs, 40, STORE_SKIP_SAME, ids, &cause) == 0,
	    "store_write with STORE_SKIP_SAME");
	n = 0;
	for (i = 0; i < 40; i++)
		n += ids[i] != 0;
	ok(n == 1 && ids[5] != 0, "only the entry that differs is written");
	is_int(store_count(s, &cause), 41, "41 entries now");
	for (i = 0; i < 40; i++)
		rec_free(recs[i]);

	/* Look-ups. */
	count = 0;
	ok(store_scan(s, NULL, count_cb, &count, &cause) == 0 && count == 41,
	    "store_scan visits every entry");
	count = 0;
	ok(store_scan(s, "kt", count_cb, &count, &cause) == 0 && count == 0,
	    "and none of another form");
	r = entry("02", 4);
	k = store_index_key(s, SI_REGNO, r, &len);
	ok(k != NULL && lookup_count(s, SI_REGNO, k, len, 0) == 1,
	    "the number key finds its entry");
	d = NULL;
	ok(k != NULL && store_lookup(s, SI_REGNO, k, len, 0, first_cb, &d,
	    &cause) == 0 && d != NULL && strcmp(rec_value(d, "so"),
	    "4/2001") == 0 && d->id != 0, "with its values and id");
	rec_free(d);
	free(k);
	k = store_index_key(s, SI_BOOK, r, &len);
	ok(k != NULL && lookup_count(s, SI_BOOK, k, len, 0) == 20,
	    "the book key finds the 20 entries of book 02");
	ok(k != NULL && lookup_count(s, SI_BOOK, k, len - 2, 1) == 41,
	    "a prefix of it finds both books");
	free(k);
	store_index_keys(s, SI_PERSON, r, &keys, &lens, &n);
	is_int(n, 2, "an entry gives two person keys (child and mother)");
	ok(n == 2 && lookup_count(s, SI_PERSON, keys[0], lens[0], 0) +
	    lookup_count(s, SI_PERSON, keys[1], lens[1], 0) == 8 + 40,
	    "which find the 8 children of that name and 40 mothers");
	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(lens);
	ok(lookup_count(s, SI_PERSON, "nguyen van lan\0" "20010201", 23,
	    0) == 8, "the person index matches names without their marks");
	ok(lookup_count(s, SI_PERSON, "nguyen van lan\0" "2001", 19, 0) ==
	    0 && lookup_count(s, SI_PERSON, "nguyen van lan\0" "2001", 19,
	    1) == 8, "the birth date follows the name as digits");
	is_int(idxkey_person_year("nguyen van lan\0" "20010201", 23), 19,
	    "idxkey_person_year: the name, NUL and the year");
	is_int(idxkey_person_year("tran thi mai", 13), 13,
	    "and all of a key with no date");
	walked = 0;
	ok(store_index_walk(s, SI_PERSON, "nguyen van lan\0" "2000", 19, 15,
	    walk_cb, &walked, &cause) == 0 && walked == 8,
	    "store_index_walk goes forward while the prefix holds");
	walked = 0;
	ok(store_index_walk(s, SI_PERSON, "nguyen van lan\0" "2002", 19, 19,
	    walk_cb, &walked, &cause) == 0 && walked == 0,
	    "and stops at once when the first key does not start so");
	ok(lookup_count(s, SI_PERSON, "tran thi m", 10, 1) == 41,
	    "and by a prefix of the name");
	store_index_keys(s, SI_STATUS, r, &keys, &lens, &n);
	is_int(n, 0, "an entry read as it is has no status key");
	free(keys);
	free(lens);
	ok(store_status_keys(s, "ks", &fields, &n, &cause) == 0 && n == 1 &&
	    strcmp(fields[0], "cha_ho_ten") == 0,
	    "the status index says which fields have statuses");
	for (i = 0; i < n; i++)
		free(fields[i]);
	free(fields);
	ok(store_status_keys(s, "kt", &fields, &n, &cause) == 0 && n == 0,
	    "and none for a form without entries");
	free(fields);
	k = store_index_key(s, SI_REGDATE, r, &len);
	ok(k != NULL && len == 4 && lookup_count(s, SI_REGDATE, k, len, 0) == 2,
	    "the registration date finds its two entries");
	free(k);
	store_index_keys(s, SI_ENTERED, r, &keys, &lens, &n);
	ok(n == 1 && lens[0] == 8, "the entry time is one 8-byte key");
	free(keys[0]);
	free(keys);
	free(lens);
	k = store_index_key(s, SI_SAME, r, &len);
	ok(k != NULL && lookup_count(s, SI_SAME, k, len, 0) == 1,
	    "the same-entry key finds the identical entry");
	free(k);
	ok(lookup_count(s, SI_REGNO, "zzz", 3, 1) == 0,
	    "a key that is not there finds nothing");
	rec_free(r);

	/* A book's count and last entry, from its index keys alone. */
	last_in_book(s, &fs, "02", "40/2001");
	last_in_book(s, &fs, "01", "39/2001");
	ok(store_index_last(s, SI_REGNO, "zzz", 3, 0, &id, NULL, NULL,
	    &cause) == 0 && id == 0,
	    "store_index_last finds nothing under a missing key");
	ok(store_index_last(s, SI_REGNO, "\xff\xff", 2, 0, &id, NULL, NULL,
	    &cause) == 0 && id == 0, "nor under a key of 0xff bytes");
	ok(store_index_last(s, SI_REGNO, "", 0, 0, &id, NULL, NULL,
	    &cause) == 0 && id != 0,
	    "the empty key gives the index's last entry");

	/* Books. */
	ok(store_books(s, &bv, &n, &cause) == 0 && n == 2,
	    "writing entries created their two books");
	for (i = 0; i < n; i++)
		store_book_free(bv[i]);
	free(bv);
	ok(store_book_get(s, OFFICE, "ks", 2001, "02", &b, &cause) == 0 &&
	    b != NULL && b->status == BS_OPEN && b->year == 2001 &&
	    strcmp(b->number, "02") == 0 && strcmp(b->office, OFFICE) == 0,
	    "store_book_get reads a book, open");
	b->pages = 200;
	b->closing_count = 21;
	b->closing_first = 1;
	b->closing_last = 40;
	b->status = BS_FINISHED;
	ok(store_book_put(s, b, &cause) == 0, "store_book_put");
	store_book_free(b);
	ok(store_book_get(s, " ubnd XÃ tân phú ", "ks", 2001, "02", &b,
	    &cause) == 0 && b != NULL && b->pages == 200 &&
	    b->closing_count == 21 && b->closing_last == 40 &&
	    b->status == BS_FINISHED,
	    "the book is found by its office in other case and spacing");
	store_book_free(b);
	ok(store_book_get(s, OFFICE, "ks", 2001, "09", &b, &cause) == 1 &&
	    b == NULL, "an unknown book returns 1");
	ok(store_book_get(s, OFFICE, "nosuch", 2001, "01", &b, &cause) == 1,
	    "a book of an unknown form returns 1");

	/* Drafts. */
	ok(store_draft_get(s, "lan", &r, &cause) == 0 && r == NULL,
	    "no draft at first");
	r = entry("01", 99);
	rec_set(r, "ghi_chu", "chưa xong", FS_OK);
	ok(store_draft_put(s, "lan", r, &cause) == 0, "store_draft_put");
	ok(store_draft_get(s, "lan", &d, &cause) == 0 && d != NULL &&
	    strcmp(rec_value(d, "ghi_chu"), "chưa xong") == 0 &&
	    d->nvals == r->nvals, "store_draft_get reads it back");
	rec_free(d);
	ok(store_draft_get(s, "hoa", &d, &cause) == 0 && d == NULL,
	    "drafts are per user");
	ok(store_draft_delete(s, "lan", &cause) == 0 &&
	    store_draft_get(s, "lan", &d, &cause) == 0 && d == NULL,
	    "store_draft_delete removes it");
	ok(store_draft_delete(s, "lan", &cause) == 0,
	    "deleting a missing draft is not an error");
	rec_free(r);
	is_int(store_count(s, &cause), 41, "drafts are not entries");

	ok(store_audit(s, "lan", "login", &cause) == 0, "store_audit");

	/* Decisions on probable duplicate pairs. */
	ok(store_pair_get(s, 7, 3, &sp, &cause) == 0 && sp == NULL,
	    "a pair never decided reads NULL");
	ok(put_pair(s, 7, 3, PAIR_SUPERVISOR, "lan") == 0 &&
	    put_pair(s, 3, 7, PAIR_NOT_DUPLICATE, "mai") == 0 &&
	    put_pair(s, 2, 9, PAIR_TYPED_TWICE, "lan") == 0,
	    "store_pair_put, twice on one pair");
	ok(store_pair_get(s, 3, 7, &sp, &cause) == 0 && sp != NULL &&
	    sp->a == 3 && sp->b == 7 && strcmp(sp->decision,
	    PAIR_NOT_DUPLICATE) == 0 && strcmp(sp->user, "mai") == 0 &&
	    sp->when != 0 && sp->score > 0.849 && sp->score < 0.851 &&
	    strcmp(sp->reason, "same name") == 0,
	    "the last decision is read back, either way round");
	store_pair_free(sp);
	count = 0;
	ok(store_pairs(s, pair_cb, &count, &cause) == 0 && count == 2,
	    "store_pairs visits the two pairs");

	ok(store_check(s, &rp) == 0, "the database checks sound");
	for (i = 0; i < rp.nlines; i++)
		diag("%s", rp.lines[i]);
	ok(rp.records == 41 && rp.books == 2 && rp.audit_entries == 6,
	    "check counts 41 records, 2 books, 6 audit entries (3 for the "
	    "pairs)");
	store_report_clear(&rp);

	/* An older index version rebuilds the indexes on open. */
	ok(store_meta_put(s, "index", "0", &cause) == 0,
	    "mark the indexes as built by an older version");
	store_close(s);
	s = open_store(dir, &fs);
	v = NULL;
	if (store_meta_get(s, "index", &v, &cause) != 0)
		free(cause);
	ok(v != NULL && strcmp(v, "0") != 0,
	    "opening rebuilt them (index version %s)", v != NULL ? v : "none");
	free(v);
	ok(store_check(s, &rp) == 0 && rp.records == 41,
	    "and the database checks sound");
	store_report_clear(&rp);
	r = entry("02", 4);
	k = store_index_key(s, SI_REGNO, r, &len);
	ok(k != NULL && lookup_count(s, SI_REGNO, k, len, 0) == 1,
	    "the rebuilt number index finds its entry");
	free(k);
	rec_free(r);
	store_close(s);

	/*
	 * An entry written by a process without the forms gets only the
	 * keys that need no form: check finds it missing from the others,
	 * and a rebuild puts it there.
	 */
	if (store_open(&s, dir, 0, NULL, NULL, &cause) != 0)
		bail("store_open: %s", cause);
	r = entry("03", 1);
	ok(store_put(s, r, &cause) == 0, "an entry saved without the forms");
	rec_free(r);
	store_close(s);
	s = open_store(dir, &fs);
	ok(store_check(s, &rp) == -1, "check finds the database not sound");
	all = 0;
	for (i = 0; i < rp.nlines; i++) {
		if (strstr(rp.lines[i], "missing from index idx-regno.db") !=
		    NULL)
			all |= 1;
		if (strstr(rp.lines[i], "idx-person.db: 41 entries for 43 "
		    "keys") != NULL || strstr(rp.lines[i], "idx-person.db: "
		    "82 entries for 84 keys") != NULL)
			all |= 2;
	}
	ok(all == 3, "naming the entry missing from an index, and the count");
	if (all != 3)
		for (i = 0; i < rp.nlines; i++)
			diag("%s", rp.lines[i]);
	store_report_clear(&rp);
	ok(store_reindex(s, &cause) == 0 && store_check(s, &rp) == 0 &&
	    rp.records == 42, "store_reindex makes it sound again");
	store_report_clear(&rp);

	/*
	 * Scans read a megabyte at a time in a second thread: thousands of
	 * entries go through both buffers, a record larger than a buffer
	 * grows it, and a callback can stop the scan anywhere.
	 */
	all = 1;
	for (n = 0; n < 8000 && all; n += 40) {
		for (i = 0; i < 40; i++)
			recs[i] = entry("04", (long)(n + i + 1));
		all = store_write(s, recs, 40, 0, ids, &cause) == 0;
		for (i = 0; i < 40; i++)
			rec_free(recs[i]);
	}
	ok(all, "8,000 more entries written");
	r = entry("05", 1);
	big = xmalloc(900 * 1024 + 1);
	memset(big, 'a', 900 * 1024);
	big[900 * 1024] = '\0';
	rec_set(r, "ghi_chu", big, FS_OK);
	big[0] = 'b';
	rec_set(r, "nks_noi_sinh", big, FS_OK);
	ok(store_put(s, r, &cause) == 0, "and one of 1.8 MB");
	rec_free(r);
	free(big);
	count = 0;
	ok(store_scan(s, NULL, count_cb, &count, &cause) == 0 &&
	    count == 8043, "a scan sees all 8,043");
	len = 0;
	ok(store_scan(s, "ks", longest_cb, &len, &cause) == 0 &&
	    len == 900 * 1024, "including the largest, whole");
	limit[0] = 0;
	limit[1] = 5000;
	ok(store_scan(s, NULL, stop_cb, limit, &cause) == 0 &&
	    limit[0] == 5000, "a callback stops the scan where it wants");
	ok(store_check(s, &rp) == 0 && rp.records == 8043,
	    "and the database checks sound");
	store_report_clear(&rp);

	/* Removing an entry typed twice. */
	r = entry("01", 1);
	k = store_index_key(s, SI_REGNO, r, &len);
	d = NULL;
	if (k == NULL || store_lookup(s, SI_REGNO, k, len, 0, first_cb, &d,
	    &cause) != 0 || d == NULL)
		bail("entry 1 of book 01 is not found");
	ok(store_delete(s, d->id, "lan", "typed twice", &cause) == 0,
	    "store_delete removes an entry");
	ok(store_get(s, d->id, &r2, &cause) == 1 && r2 == NULL &&
	    store_count(s, &cause) == 8042 &&
	    lookup_count(s, SI_REGNO, k, len, 0) == 0,
	    "it is gone, from its indexes too");
	/* Whatever the language of the messages. */
	i18n_init("vi");
	ok(strcmp(_("entry %llu: no such entry"),
	    "entry %llu: no such entry") != 0 &&
	    store_delete(s, d->id, "lan", "again", &cause) == 1,
	    "removing it again returns 1, with the messages in Vietnamese");
	i18n_init("en");
	ok(store_delete(s, d->id, "lan", "again", &cause) == 1,
	    "and in English");
	rec_free(d);
	free(k);
	rec_free(r);

	ok(store_check(s, &rp) == 0 && rp.records == 8042,
	    "the database checks sound after the removal");
	for (i = 0; i < rp.nlines; i++)
		diag("%s", rp.lines[i]);
	store_report_clear(&rp);
	prefix_books(s, &fs);
	store_close(s);

	fixture_rmdir(dir);
	formset_free(&fs);
	return (done_testing());
}
