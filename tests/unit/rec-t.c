/*
 * rec-t.c: records and their byte encoding: round trips, and every kind
 * of damaged bytes refused with a message, never a crash.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "i18n.h"
#include "rec.h"
#include "tap.h"

static struct rec *
sample(void)
{
	struct rec	*r;

	r = rec_new("ks");
	r->user = (free(r->user), strdup("lan"));
	r->created = 1700000000;
	r->modified = 1700000100;
	r->state = RS_VERIFIED;
	rec_set(r, "nks_ho_ten", "Nguyễn Thị Thủy", FS_OK);
	rec_set(r, "so", "12/2001", FS_OK);
	rec_set(r, "cha_ho_ten", "", FS_BLANK);
	rec_set(r, "me_ho_ten", "Tr?n Th? Mai", FS_PARTIAL);
	return (r);
}

static const char *form_text =
    "hotich-form 1\n"
    "form t\n"
    "title \"T\"\n"
    "register KS\n"
    "section \"S\"\n"
    "field zeta text\n  label \"Z\"\n"
    "field alpha int\n  label \"A\"\n"
    "field mu text\n  label \"M\"\n"
    "field beta regno\n  label \"B\"\n"
    "regno-key zeta alpha mu beta\n"
    "person-key alpha\n";

static void
put(u_char **p, size_t *len, const void *b, size_t n)
{
	*p = realloc(*p, *len + n);
	memcpy(*p + *len, b, n);
	*len += n;
}

static void
put_varint(u_char **p, size_t *len, uint64_t v)
{
	u_char	b;

	do {
		b = (v & 0x7f) | (v > 0x7f ? 0x80 : 0);
		put(p, len, &b, 1);
		v >>= 7;
	} while (v != 0);
}

static void
put_string(u_char **p, size_t *len, const char *s)
{
	put_varint(p, len, strlen(s));
	put(p, len, s, strlen(s));
}

/* Encode r as version 1 did, independently of rec.c. */
static u_char *
encode_v1(const struct rec *r, size_t *len)
{
	u_char		*p = NULL, sum[4];
	uint32_t	 h = 2166136261u;
	size_t		 i;

	*len = 0;
	put(&p, len, "R\1", 2);
	put_varint(&p, len, r->state);
	put_varint(&p, len, (uint64_t)r->created);
	put_varint(&p, len, (uint64_t)r->modified);
	put_string(&p, len, r->form);
	put_string(&p, len, r->user);
	put_varint(&p, len, r->nvals);
	for (i = 0; i < r->nvals; i++) {
		put_string(&p, len, r->vals[i].key);
		put_varint(&p, len, r->vals[i].status);
		put_string(&p, len, r->vals[i].value);
	}
	for (i = 0; i < *len; i++)
		h = (h ^ p[i]) * 16777619u;
	for (i = 0; i < 4; i++)
		sum[i] = (h >> (8 * i)) & 0xff;
	put(&p, len, sum, 4);
	return (p);
}

static int
same(const struct rec *a, const struct rec *b)
{
	size_t	i;

	if (strcmp(a->form, b->form) != 0 || strcmp(a->user, b->user) != 0 ||
	    a->state != b->state || a->created != b->created ||
	    a->modified != b->modified || a->nvals != b->nvals)
		return (0);
	for (i = 0; i < a->nvals; i++)
		if (strcmp(a->vals[i].key, b->vals[i].key) != 0 ||
		    strcmp(a->vals[i].value, b->vals[i].value) != 0 ||
		    a->vals[i].status != b->vals[i].status)
			return (0);
	return (1);
}

int
main(void)
{
	struct rec	*r, *d, *c;
	struct rec_dict	 dict;
	struct form	*form;
	struct fvalue	 fv[4];
	u_char		*p, *q;
	uint8_t		 f1[16], f2[16];
	char		*cause = NULL, key[16];
	size_t		 len, len1, plain, i, refused, bit;
	enum rec_state	 st;

	i18n_init("en");

	r = sample();
	is_int(r->nvals, 4, "four values set");
	ok(strcmp(r->vals[0].key, "cha_ho_ten") == 0 &&
	    strcmp(r->vals[3].key, "so") == 0, "values are sorted by key");
	is_string(rec_value(r, "so"), "12/2001", "rec_value finds a value");
	is_string(rec_value(r, "nothing"), "", "a missing value reads empty");
	ok(rec_get(r, "cha_ho_ten")->status == FS_BLANK,
	    "an empty value keeps its status");
	rec_set(r, "so", "13/2001", FS_OK);
	is_string(rec_value(r, "so"), "13/2001", "setting again replaces");
	rec_set(r, "so", "", FS_OK);
	ok(rec_get(r, "so") == NULL && r->nvals == 3,
	    "an empty ok value removes the field");
	rec_set(r, "so", "12/2001", FS_OK);

	/* Without a dictionary, every key is written out. */
	p = rec_encode(r, NULL, &len);
	ok(len < 120, "the encoding is compact (%zu bytes)", len);
	d = rec_decode(p, len, NULL, &cause);
	ok(d != NULL && same(r, d), "decode(encode(r)) is r");
	rec_free(d);
	free(p);
	plain = len;

	/* Keys the dictionary numbers are written as numbers. */
	rec_dict_init(&dict);
	ok(rec_dict_add(&dict, "nks_ho_ten") == 1 &&
	    rec_dict_add(&dict, "cha_ho_ten") == 2 &&
	    rec_dict_add(&dict, "me_ho_ten") == 3 &&
	    rec_dict_code(&dict, "cha_ho_ten") == 2 &&
	    rec_dict_code(&dict, "so") == 0, "the dictionary numbers keys");
	p = rec_encode(r, &dict, &len);
	ok(len + 25 <= plain, "numbered keys take less room (%zu bytes, "
	    "%zu written out)", len, plain);
	d = rec_decode(p, len, &dict, &cause);
	ok(d != NULL && same(r, d), "decode(encode(r)) is r, with numbers");
	q = rec_encode(d, &dict, &len);
	ok(memcmp(p, q, len) == 0, "the encoding is canonical");
	free(q);
	rec_free(d);
	cause = NULL;
	d = rec_decode(p, len, NULL, &cause);
	ok(d == NULL && cause != NULL && strstr(cause, "number") != NULL,
	    "without the dictionary a number is refused by name");
	free(cause);
	for (i = 0; i < 200; i++) {
		snprintf(key, sizeof key, "k%03zu", i);
		rec_dict_add(&dict, key);
	}
	d = rec_decode(p, len, &dict, &cause);
	ok(d != NULL && same(r, d), "keys added later change no number");
	rec_free(d);
	ok(rec_dict_code(&dict, "k150") == 154 &&
	    rec_dict_code(&dict, "me_ho_ten") == 3,
	    "and a larger dictionary still finds every key");

	/* A record of version 1, as the first databases hold. */
	q = encode_v1(r, &len1);
	d = rec_decode(q, len1, &dict, &cause);
	ok(d != NULL && same(r, d), "version 1 is still read");
	rec_free(d);
	q[len1 - 1] ^= 1;
	cause = NULL;
	d = rec_decode(q, len1, &dict, &cause);
	ok(d == NULL && cause != NULL, "and its checksum checked");
	free(cause);
	free(q);
	d = rec_decode(p, len, &dict, &cause);
	c = rec_copy(d);
	ok(same(c, d), "rec_copy copies");
	rec_free(c);
	/* A decoded record keeps its strings in one pool; rec_set works. */
	rec_set(d, "so", "99/2001", FS_OK);
	rec_set(d, "cha_ho_ten", "", FS_OK);
	rec_set(d, "ghi_chu", "mới", FS_OK);
	rec_set(d, "ghi_chu", "mới hơn", FS_OK);
	ok(d->pool != NULL && strcmp(rec_value(d, "so"), "99/2001") == 0 &&
	    rec_get(d, "cha_ho_ten") == NULL &&
	    strcmp(rec_value(d, "ghi_chu"), "mới hơn") == 0 && d->nvals == 4,
	    "values of a decoded record are replaced, removed and added");
	c = rec_copy(d);
	ok(same(c, d), "and it copies");
	rec_free(c);
	rec_free(d);

	/* Every single-bit flip is refused, with a message. */
	refused = 0;
	for (bit = 0; bit < len * 8; bit++) {
		p[bit / 8] ^= 1 << (bit % 8);
		cause = NULL;
		d = rec_decode(p, len, &dict, &cause);
		if (d == NULL && cause != NULL && *cause != '\0')
			refused++;
		rec_free(d);
		free(cause);
		p[bit / 8] ^= 1 << (bit % 8);
	}
	is_int(refused, len * 8, "all %zu bit flips are refused", len * 8);

	/* Every truncation is refused. */
	refused = 0;
	for (i = 0; i < len; i++) {
		cause = NULL;
		d = rec_decode(p, i, &dict, &cause);
		if (d == NULL && cause != NULL)
			refused++;
		rec_free(d);
		free(cause);
	}
	is_int(refused, len, "all %zu truncations are refused", len);

	p[1] = 9;
	cause = NULL;
	d = rec_decode(p, len, &dict, &cause);
	ok(d == NULL && cause != NULL &&
	    strstr(cause, "version 9") != NULL, "an unknown version is named");
	diag("%s", cause != NULL ? cause : "(none)");
	free(cause);
	free(p);
	rec_dict_free(&dict);

	/* The fingerprint: content only, not who or when. */
	rec_fingerprint(r, f1);
	c = rec_copy(r);
	c->created = 1;
	free(c->user);
	c->user = strdup("other");
	rec_fingerprint(c, f2);
	ok(memcmp(f1, f2, 16) == 0, "same values, same fingerprint");
	rec_set(c, "me_ho_ten", "Tr?n Th? Mai", FS_ILLEGIBLE);
	rec_fingerprint(c, f2);
	ok(memcmp(f1, f2, 16) != 0, "another status, another fingerprint");
	rec_free(c);
	rec_free(r);

	/* A record from one value per field of a form, as imports do. */
	form = fixture_form("rec-t.form", form_text);
	fixture_clear(fv, 4);
	fv[0].value = "z";
	fv[1].value = "a";
	fv[2].status = FS_ILLEGIBLE;
	fv[3].value = "";
	r = rec_from_fvalues(form, fv);
	ok(r->nvals == 3 && strcmp(r->vals[0].key, "alpha") == 0 &&
	    strcmp(r->vals[1].key, "mu") == 0 &&
	    r->vals[1].status == FS_ILLEGIBLE && *r->vals[1].value == '\0' &&
	    strcmp(r->vals[2].key, "zeta") == 0 &&
	    strcmp(r->vals[2].value, "z") == 0 && strcmp(r->form, "t") == 0,
	    "rec_from_fvalues keeps filled values and statuses, by key");
	rec_set(r, "beta", "b", FS_OK);
	rec_set(r, "alpha", "", FS_OK);
	ok(r->nvals == 3 && strcmp(r->vals[0].key, "beta") == 0,
	    "and rec_set goes on from there");
	rec_free(r);
	form_free(form);

	ok(rec_state_parse("approved", &st) == 0 && st == RS_APPROVED,
	    "states parse");
	ok(rec_state_parse("done", &st) == -1, "unknown states do not");
	is_string(rec_state_name(RS_DRAFT), "draft", "states have names");
	return (done_testing());
}
