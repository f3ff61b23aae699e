/*
 * rec-t.c: records and their byte encoding: round trips, and every kind
 * of damaged bytes refused with a message, never a crash.
 */

#include "config.h"

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
	struct form	*form;
	struct fvalue	 fv[4];
	u_char		*p, *q;
	uint8_t		 f1[16], f2[16];
	char		*cause = NULL;
	size_t		 len, i, refused, bit;
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

	p = rec_encode(r, &len);
	ok(len < 120, "the encoding is compact (%zu bytes)", len);
	d = rec_decode(p, len, &cause);
	ok(d != NULL && same(r, d), "decode(encode(r)) is r");
	q = rec_encode(d, &len);
	ok(memcmp(p, q, len) == 0, "the encoding is canonical");
	free(q);
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
		d = rec_decode(p, len, &cause);
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
		d = rec_decode(p, i, &cause);
		if (d == NULL && cause != NULL)
			refused++;
		rec_free(d);
		free(cause);
	}
	is_int(refused, len, "all %zu truncations are refused", len);

	p[1] = 9;
	cause = NULL;
	d = rec_decode(p, len, &cause);
	ok(d == NULL && cause != NULL &&
	    strstr(cause, "version 9") != NULL, "an unknown version is named");
	diag("%s", cause != NULL ? cause : "(none)");
	free(cause);
	free(p);

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
