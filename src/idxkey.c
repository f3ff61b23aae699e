/*
 * idxkey.c: the keys of the store's secondary indexes, built from a
 * record and its form.
 *
 * Keys are built into one reusable buffer, so building them costs no
 * allocation once the buffer has grown. A record never gives one index
 * the same key twice (Berkeley DB requires it). Keys that grow in the
 * order entries are typed (book, then number) keep inserts near the end
 * of a B-tree; the fingerprint of idx-same follows the book and number
 * for that reason, where alone it would land anywhere.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "idxkey.h"
#include "number.h"
#include "utf8.h"
#include "vntext.h"
#include "xmalloc.h"

enum fold_slot { FOLD_OFFICE, FOLD_BOOK };

static void
put_be(u_char *p, uint64_t v, int n)
{
	while (n-- > 0) {
		p[n] = v & 0xff;
		v >>= 8;
	}
}

/* Start a key at the end of the buffer. */
static void
key_begin(struct idxkeys *ks)
{
	if (ks->n == ks->cap) {
		ks->cap = ks->cap == 0 ? 8 : ks->cap * 2;
		ks->off = xreallocarray(ks->off, ks->cap, sizeof *ks->off);
	}
	ks->off[ks->n] = ks->len;
}

static void
key_add(struct idxkeys *ks, const void *p, size_t len)
{
	if (ks->len + len > ks->size) {
		if (ks->size == 0)
			ks->size = 256;
		while (ks->len + len > ks->size)
			ks->size *= 2;
		ks->buf = xrealloc(ks->buf, ks->size);
	}
	memcpy(ks->buf + ks->len, p, len);
	ks->len += len;
}

/* Finish the key begun last; drop it if an earlier one is the same. */
static void
key_end(struct idxkeys *ks)
{
	size_t	i, start = ks->off[ks->n], len = ks->len - start;

	for (i = 0; i < ks->n; i++) {
		if (ks->off[i + 1] - ks->off[i] == len &&
		    memcmp(ks->buf + ks->off[i], ks->buf + start, len) == 0) {
			ks->len = start;
			return;
		}
	}
	ks->n++;
}

/*
 * Fold text for a key, remembering the last text of each slot: the
 * office and the book of an import are the same row after row. Each
 * slot is replaced only by its own role, so folds used together stay
 * valid together. The result belongs to ks.
 */
static const char *
fold_memo(struct idxkeys *ks, enum fold_slot slot, const char *text)
{
	if (ks->fold_in[slot] != NULL && strcmp(ks->fold_in[slot], text) == 0)
		return (ks->fold_out[slot]);
	free(ks->fold_in[slot]);
	free(ks->fold_out[slot]);
	ks->fold_in[slot] = xstrdup(text);
	ks->fold_out[slot] = utf8_fold(text);
	return (ks->fold_out[slot]);
}

/*
 * Append the book key of r to the key being built: folded office, NUL,
 * form id, NUL, year as 2 bytes big-endian, folded book number. Returns
 * 0, or -1 (nothing appended) if r lacks the office or the year.
 */
static int
add_book(struct idxkeys *ks, const struct rec *r, const struct form *f)
{
	const char	*office, *year, *book;
	u_char		 yb[2];
	long		 y;

	office = rec_field_ok(r, f, f->regno_key[RK_OFFICE]);
	year = rec_field_ok(r, f, f->regno_key[RK_YEAR]);
	book = rec_field_ok(r, f, f->regno_key[RK_BOOK]);
	if (office == NULL || year == NULL || number_parse(year, &y) != 0 ||
	    y < 0 || y > 65535)
		return (-1);
	if (book == NULL)
		book = "";
	office = fold_memo(ks, FOLD_OFFICE, office);
	book = fold_memo(ks, FOLD_BOOK, book);
	key_add(ks, office, strlen(office) + 1);
	key_add(ks, f->id, strlen(f->id) + 1);
	put_be(yb, (uint64_t)y, 2);
	key_add(ks, yb, 2);
	key_add(ks, book, strlen(book));
	return (0);
}

/* Append the number of r as 4 bytes big-endian; 0, or -1 if it has none. */
static int
add_number(struct idxkeys *ks, const struct rec *r, const struct form *f)
{
	const char	*v;
	u_char		 nb[4];
	long		 n;

	v = rec_field_ok(r, f, f->regno_key[RK_NUMBER]);
	if (v == NULL || number_regno(v, &n) != 0 || n < 0 ||
	    n > 0xffffffffL)
		return (1);
	put_be(nb, (uint64_t)n, 4);
	key_add(ks, nb, 4);
	return (0);
}

/*
 * Append the book key and the number of r: the registration-number key.
 * Returns 0 if both were there, 1 if only the book key was appended, -1
 * if nothing was.
 */
static int
add_regno(struct idxkeys *ks, const struct rec *r, const struct form *f)
{
	if (add_book(ks, r, f) != 0)
		return (-1);
	return (add_number(ks, r, f) == 0 ? 0 : 1);
}

/*
 * Append what places r's entry in idx-same near the entries typed with
 * it: a 64-bit FNV-1a hash of its book key (which, with the long office
 * name, would make the index three times larger), then its number. Only
 * locality depends on it: the fingerprint that follows decides.
 */
static void
add_near(struct idxkeys *ks, const struct rec *r, const struct form *f)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;
	u_char		 hb[8];
	size_t		 start = ks->len, i;

	if (add_book(ks, r, f) != 0)
		return;
	for (i = start; i < ks->len; i++)
		h = (h ^ ks->buf[i]) * 0x100000001b3ULL;
	ks->len = start;
	put_be(hb, h, 8);
	key_add(ks, hb, 8);
	(void)add_number(ks, r, f);
}

/*
 * The birth date paired with name field key under form f, as digits: the
 * year, then the month and the day as far as they are written (1990,
 * 199003, 19900305); "" if there is none. Digits of fixed width sort the
 * entries of one name by date, so a look-up finds a date, a month or a
 * year as a prefix.
 */
static void
birth_date(const struct rec *r, const struct form *f, const char *key,
    char date[IDXKEY_DATE_MAX + 1])
{
	const struct form_field	*ff;
	const char		*v, *us;
	struct vdate		 d;
	size_t			 i, plen;

	*date = '\0';
	if ((us = strchr(key, '_')) == NULL)
		return;
	plen = us - key + 1;
	for (i = 0; i < f->nperson_key; i++) {
		ff = &f->fields[f->person_key[i]];
		if (strncmp(ff->key, key, plen) != 0 ||
		    (ff->type != FT_DATE && ff->type != FT_INT))
			continue;
		if ((v = rec_field_ok(r, f, f->person_key[i])) == NULL)
			continue;
		if (date_parse(v, &d, NULL) != 0 || d.year < 1 ||
		    d.year > 9999)
			continue;
		if (d.month == 0)
			snprintf(date, IDXKEY_DATE_MAX + 1, "%04d", d.year);
		else if (d.day == 0)
			snprintf(date, IDXKEY_DATE_MAX + 1, "%04d%02d",
			    d.year, d.month);
		else
			snprintf(date, IDXKEY_DATE_MAX + 1, "%04d%02d%02d",
			    d.year, d.month, d.day);
		return;
	}
}

/* The person keys: each name of the person key, loosely, and a date. */
static void
add_persons(struct idxkeys *ks, const struct rec *r, const struct form *f)
{
	const char	*v;
	char		*name, date[IDXKEY_DATE_MAX + 1];
	size_t		 i;

	for (i = 0; i < f->nperson_key; i++) {
		if (f->fields[f->person_key[i]].type != FT_NAME ||
		    (v = rec_field_ok(r, f, f->person_key[i])) == NULL ||
		    (name = vntext_key_loose(v)) == NULL)
			continue;
		birth_date(r, f, f->fields[f->person_key[i]].key, date);
		key_begin(ks);
		key_add(ks, name, strlen(name) + 1);
		key_add(ks, date, strlen(date));
		key_end(ks);
		free(name);
	}
}

/*
 * Build into ks (replacing what it held) the keys record r gives index
 * which. f is r's form, or NULL if it is not loaded: then only the
 * indexes that need no form get keys. fp is r's fingerprint if the
 * caller has it, or NULL.
 */
void
idxkeys_build(struct idxkeys *ks, enum store_index which, const struct rec *r,
    const struct form *f, const uint8_t *fp)
{
	const struct rec_val	*rv;
	struct vdate		 d;
	uint8_t			 own[16];
	u_char			 buf[8];
	long			 lo, hi;
	size_t			 i;

	ks->n = ks->len = 0;
	switch (which) {
	case SI_ENTERED:
		idxkey_time(r->created, buf);
		key_begin(ks);
		key_add(ks, buf, IDXKEY_TIME_LEN);
		key_end(ks);
		return;
	case SI_REGDATE:
		rv = rec_get(r, IDXKEY_REGDATE);
		if (rv == NULL || rv->status != FS_OK ||
		    date_parse(rv->value, &d, NULL) != 0)
			return;
		date_range(&d, &lo, &hi);
		idxkey_day(lo, buf);
		key_begin(ks);
		key_add(ks, buf, IDXKEY_DAY_LEN);
		key_end(ks);
		return;
	case SI_SAME:
		if (fp == NULL) {
			rec_fingerprint(r, own);
			fp = own;
		}
		key_begin(ks);
		if (f != NULL)
			add_near(ks, r, f);
		key_add(ks, fp, 16);
		key_end(ks);
		return;
	case SI_STATUS:
		for (i = 0; i < r->nvals; i++) {
			if (r->vals[i].status == FS_OK)
				continue;
			key_begin(ks);
			key_add(ks, r->form, strlen(r->form) + 1);
			key_add(ks, r->vals[i].key, strlen(r->vals[i].key));
			key_end(ks);
		}
		return;
	default:
		break;
	}
	if (f == NULL)
		return;
	switch (which) {
	case SI_BOOK:
		key_begin(ks);
		if (add_book(ks, r, f) == 0)
			key_end(ks);
		return;
	case SI_REGNO:
		key_begin(ks);
		if (add_regno(ks, r, f) == 0)
			key_end(ks);
		else
			ks->len = ks->off[ks->n];
		return;
	case SI_PERSON:
		add_persons(ks, r, f);
		return;
	default:
		return;
	}
}

/* Key i of ks: its bytes (owned by ks) and, in *len, its length. */
const void *
idxkeys_get(const struct idxkeys *ks, size_t i, size_t *len)
{
	*len = (i + 1 < ks->n ? ks->off[i + 1] : ks->len) - ks->off[i];
	return (ks->buf + ks->off[i]);
}

/* Free what ks holds; it is empty and reusable afterwards. */
void
idxkeys_free(struct idxkeys *ks)
{
	u_int	i;

	free(ks->buf);
	free(ks->off);
	for (i = 0; i < 2; i++) {
		free(ks->fold_in[i]);
		free(ks->fold_out[i]);
	}
	memset(ks, 0, sizeof *ks);
}

/* The idx-regdate key of day number day (date_daynum), into buf. */
void
idxkey_day(long day, u_char buf[IDXKEY_DAY_LEN])
{
	put_be(buf, (uint64_t)(day + 0x40000000L), IDXKEY_DAY_LEN);
}

/* The idx-entered key of a time in seconds since the epoch, into buf. */
void
idxkey_time(int64_t t, u_char buf[IDXKEY_TIME_LEN])
{
	put_be(buf, (uint64_t)t, IDXKEY_TIME_LEN);
}

/*
 * The length of the part of person key k (len bytes) that names the
 * person and the year: the name, its NUL and the year's four digits, or
 * all of k if it has no date.
 */
size_t
idxkey_person_year(const void *k, size_t len)
{
	const char	*nul;
	size_t		 n;

	if ((nul = memchr(k, '\0', len)) == NULL)
		return (len);
	n = nul - (const char *)k + 1;
	return (len - n >= IDXKEY_YEAR_LEN ? n + IDXKEY_YEAR_LEN : len);
}

/*
 * Split the book key k of len bytes (as idxkey_book builds it) into its
 * parts, which point into k. Returns 0, or -1 if k is not one.
 */
int
idxkey_book_parts(const void *k, size_t len, struct idxkey_book *b)
{
	const u_char	*p = k, *end = p + len, *nul;

	if ((nul = memchr(p, '\0', len)) == NULL)
		return (-1);
	b->office = (const char *)p;
	p = nul + 1;
	if ((nul = memchr(p, '\0', end - p)) == NULL || end - nul < 3)
		return (-1);
	b->form = (const char *)p;
	b->year = (long)nul[1] << 8 | nul[2];
	b->book = (const char *)nul + 3;
	b->booklen = end - (nul + 3);
	return (0);
}

/*
 * Return the book key of r under form f (see idxkey.h), or NULL if r
 * lacks the office or the year. The length is in *len; free the key.
 */
char *
idxkey_book(const struct rec *r, const struct form *f, size_t *len)
{
	struct idxkeys	 ks;
	char		*k = NULL;

	memset(&ks, 0, sizeof ks);
	key_begin(&ks);
	if (add_book(&ks, r, f) == 0) {
		*len = ks.len;
		k = xmalloc(ks.len + 1);
		memcpy(k, ks.buf, ks.len);
		k[ks.len] = '\0';
	}
	idxkeys_free(&ks);
	return (k);
}
