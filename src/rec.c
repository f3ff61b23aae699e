/*
 * rec.c: records and their byte encoding.
 *
 * Encoding, version 2 (all integers unsigned LEB128 varints, strings a
 * varint length and the bytes, no terminator):
 *
 *	'R' 2			magic and version
 *	state created modified	varints (times as seconds)
 *	form user		strings
 *	n			varint: number of values
 *	n x (tag [key] value)	tag: a varint, the key's number in the
 *				dictionary shifted left 3, or'd with the
 *				status; number 0: the key follows as a
 *				string. Keys strictly ascending
 *	checksum		4 bytes LE, of everything before (sum2)
 *
 * Version 1, still read, had each key as a string followed by the status
 * as a varint, and an FNV-1a checksum. The dictionary (struct rec_dict)
 * is the store's: numbering keys roughly halves an entry, as the keys
 * of a register's fields take as many bytes as its values.
 *
 * Only values that are filled or carry a status other than ok are
 * written. The decoder checks every length, the UTF-8 of every string, the
 * order of the keys and the checksum, and names what is wrong.
 */

#include "config.h"

#include <sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "rec.h"
#include "utf8.h"
#include "xmalloc.h"

#define REC_MAGIC	'R'
#define REC_VERSION	2
#define REC_MAXSTR	(1024 * 1024)
#define REC_TAGBITS	3		/* status bits of a version 2 tag */

struct wbuf {
	u_char	*p;
	size_t	 len;
	size_t	 size;
};

struct rbuf {
	const u_char	*p;
	size_t		 len;
	size_t		 off;
	const char	*error;
};

static const char *state_names[RS_COUNT] = {
	"draft", "entered", "verified", "approved"
};

/* Create an empty record of form id. Free with rec_free. */
struct rec *
rec_new(const char *form)
{
	struct rec	*r;

	r = xcalloc(1, sizeof *r);
	r->form = xstrdup(form);
	r->user = xstrdup("");
	r->state = RS_ENTERED;
	return (r);
}

/* Does p point into the string pool of r? */
static int
in_pool(const struct rec *r, const char *p)
{
	uintptr_t	a = (uintptr_t)p, b = (uintptr_t)r->pool;

	return (r->pool != NULL && a >= b && a < b + r->poolsize);
}

/* Free the key and value of v, unless they are in r's pool. */
static void
val_free(const struct rec *r, struct rec_val *v)
{
	if (!in_pool(r, v->key))
		free(v->key);
	if (!in_pool(r, v->value))
		free(v->value);
}

/* Free r and everything in it; r may be NULL. */
void
rec_free(struct rec *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nvals; i++)
		val_free(r, &r->vals[i]);
	free(r->vals);
	free(r->pool);
	free(r->form);
	free(r->user);
	free(r);
}

/*
 * Give r (which has no values) copies of the n values at v, sorted by
 * key, in one pool.
 */
static void
pool_fill(struct rec *r, const struct rec_val *v, size_t n)
{
	size_t	i, size = 0, klen, vlen;
	char	*p;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		size += strlen(v[i].key) + strlen(v[i].value) + 2;
	r->vals = xreallocarray(NULL, n, sizeof *r->vals);
	r->pool = p = xmalloc(size);
	r->poolsize = size;
	for (i = 0; i < n; i++) {
		klen = strlen(v[i].key) + 1;
		vlen = strlen(v[i].value) + 1;
		r->vals[i].key = memcpy(p, v[i].key, klen);
		r->vals[i].value = memcpy(p + klen, v[i].value, vlen);
		r->vals[i].status = v[i].status;
		p += klen + vlen;
	}
	r->nvals = n;
}

/* Return a deep copy of r; free with rec_free. */
struct rec *
rec_copy(const struct rec *r)
{
	struct rec	*c;

	c = xcalloc(1, sizeof *c);
	c->id = r->id;
	c->form = xstrdup(r->form);
	c->user = xstrdup(r->user);
	c->state = r->state;
	c->created = r->created;
	c->modified = r->modified;
	pool_fill(c, r->vals, r->nvals);
	return (c);
}

/* Find key in the sorted values: its index, or where it would go. */
static size_t
rec_find(const struct rec *r, const char *key, int *found)
{
	size_t	lo = 0, hi = r->nvals, mid;
	int	c;

	*found = 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(key, r->vals[mid].key)) == 0) {
			*found = 1;
			return (mid);
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return (lo);
}

/*
 * Set field key of r to value (copied; NULL means "") with status. An
 * empty value with status ok removes the field.
 */
void
rec_set(struct rec *r, const char *key, const char *value,
    enum field_status status)
{
	size_t	i;
	int	found;

	if (value == NULL)
		value = "";
	i = rec_find(r, key, &found);
	if (*value == '\0' && status == FS_OK) {
		if (found) {
			val_free(r, &r->vals[i]);
			memmove(&r->vals[i], &r->vals[i + 1],
			    (r->nvals - i - 1) * sizeof *r->vals);
			r->nvals--;
		}
		return;
	}
	if (found) {
		if (!in_pool(r, r->vals[i].value))
			free(r->vals[i].value);
	} else {
		r->vals = xreallocarray(r->vals, r->nvals + 1,
		    sizeof *r->vals);
		memmove(&r->vals[i + 1], &r->vals[i],
		    (r->nvals - i) * sizeof *r->vals);
		r->nvals++;
		r->vals[i].key = xstrdup(key);
	}
	r->vals[i].value = xstrdup(value);
	r->vals[i].status = status;
}

/* Return the value of key in r, or NULL if it is not set. */
const struct rec_val *
rec_get(const struct rec *r, const char *key)
{
	size_t	i;
	int	found;

	i = rec_find(r, key, &found);
	return (found ? &r->vals[i] : NULL);
}

/* Return the text of key in r: "" when not set. Owned by r. */
const char *
rec_value(const struct rec *r, const char *key)
{
	const struct rec_val	*v;

	v = rec_get(r, key);
	return (v == NULL ? "" : v->value);
}

/*
 * A new record of form f holding only the fields that name a book: the
 * office, the year and the book number as written. Free it with rec_free.
 */
struct rec *
rec_book_fields(const struct form *f, const char *office, const char *year,
    const char *number)
{
	struct rec	*r;

	r = rec_new(f->id);
	if (f->regno_key[RK_OFFICE] >= 0)
		rec_set(r, f->fields[f->regno_key[RK_OFFICE]].key, office,
		    FS_OK);
	if (f->regno_key[RK_YEAR] >= 0)
		rec_set(r, f->fields[f->regno_key[RK_YEAR]].key, year, FS_OK);
	if (f->regno_key[RK_BOOK] >= 0)
		rec_set(r, f->fields[f->regno_key[RK_BOOK]].key, number,
		    FS_OK);
	return (r);
}

/*
 * Return the value of field index fi of form f in r if it is filled and
 * its status is ok, else NULL (also for fi -1). Owned by r.
 */
const char *
rec_field_ok(const struct rec *r, const struct form *f, int fi)
{
	const struct rec_val	*v;

	if (fi < 0 || (size_t)fi >= f->nfields)
		return (NULL);
	v = rec_get(r, f->fields[fi].key);
	if (v == NULL || v->status != FS_OK || *v->value == '\0')
		return (NULL);
	return (v->value);
}

static int
val_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct rec_val *)a)->key,
	    ((const struct rec_val *)b)->key));
}

/*
 * Build a record of form f from one fvalue per field (as the validator
 * takes them), as rec_set would for each. Free with rec_free.
 */
struct rec *
rec_from_fvalues(const struct form *f, const struct fvalue *fv)
{
	struct rec	*r;
	struct rec_val	*v;
	size_t		 i, n = 0;

	r = rec_new(f->id);
	v = xcalloc(f->nfields == 0 ? 1 : f->nfields, sizeof *v);
	for (i = 0; i < f->nfields; i++) {
		v[n].key = f->fields[i].key;
		v[n].value = (char *)(fv[i].value != NULL ? fv[i].value : "");
		v[n].status = fv[i].status;
		if (*v[n].value != '\0' || v[n].status != FS_OK)
			n++;
	}
	/* Field keys are unique in a form. */
	qsort(v, n, sizeof *v, val_cmp);
	pool_fill(r, v, n);
	free(v);
	return (r);
}

/*
 * Return one fvalue per field of f with the values of r, for the
 * validator. The strings belong to r; free the array only.
 */
struct fvalue *
rec_fvalues(const struct rec *r, const struct form *f)
{
	struct fvalue		*fv;
	const struct rec_val	*v;
	size_t			 i;

	fv = xcalloc(f->nfields, sizeof *fv);
	for (i = 0; i < f->nfields; i++) {
		if ((v = rec_get(r, f->fields[i].key)) != NULL) {
			fv[i].value = v->value;
			fv[i].status = v->status;
		}
	}
	return (fv);
}

static uint32_t
fnv1a(const u_char *p, size_t len)
{
	uint32_t	h = 2166136261u;

	while (len-- > 0) {
		h ^= *p++;
		h *= 16777619u;
	}
	return (h);
}

/*
 * The checksum of version 2, eight bytes a step. Each step is a bijection
 * of the state for a given word and of the word for a given state, so
 * changing any one word always changes the 64-bit result; the length is
 * mixed in first, so cutting bytes off does too.
 */
static uint32_t
sum2(const u_char *p, size_t len)
{
	uint64_t	h = 0x9e3779b97f4a7c15ULL ^ len, w;
	size_t		i;

	for (; len >= 8; p += 8, len -= 8) {
		w = (uint64_t)p[0] | (uint64_t)p[1] << 8 |
		    (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
		    (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
		    (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 29;
	}
	w = 0;
	for (i = 0; i < len; i++)
		w |= (uint64_t)p[i] << (8 * i);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 32;
	return ((uint32_t)h);
}

static uint32_t
key_hash(const char *s)
{
	return (fnv1a((const u_char *)s, strlen(s)));
}

/* Start an empty dictionary. */
void
rec_dict_init(struct rec_dict *d)
{
	memset(d, 0, sizeof *d);
}

/* Free what d holds; it is empty and reusable afterwards. */
void
rec_dict_free(struct rec_dict *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		free(d->keys[i]);
	free(d->keys);
	free(d->lens);
	free(d->rank);
	free(d->sorted);
	free(d->slots);
	rec_dict_init(d);
}

/* The number of key in d, or 0 if it has none. */
u_int
rec_dict_code(const struct rec_dict *d, const char *key)
{
	size_t	i;
	u_int	c;

	if (d == NULL || d->n == 0)
		return (0);
	for (i = key_hash(key) & (d->nslots - 1); (c = d->slots[i]) != 0;
	    i = (i + 1) & (d->nslots - 1)) {
		if (strcmp(d->keys[c - 1], key) == 0)
			return (c);
	}
	return (0);
}

/*
 * Give key (not in d, not empty) the next number of d, and return it:
 * the store numbers keys in the order it records them.
 */
u_int
rec_dict_add(struct rec_dict *d, const char *key)
{
	size_t	i, j;
	u_int	c;

	if (2 * (d->n + 1) > d->nslots) {
		free(d->slots);
		d->nslots = d->nslots == 0 ? 64 : d->nslots * 2;
		d->slots = xcalloc(d->nslots, sizeof *d->slots);
		for (j = 0; j < d->n; j++) {
			i = key_hash(d->keys[j]) & (d->nslots - 1);
			while (d->slots[i] != 0)
				i = (i + 1) & (d->nslots - 1);
			d->slots[i] = j + 1;
		}
	}
	d->keys = xreallocarray(d->keys, d->n + 1, sizeof *d->keys);
	d->lens = xreallocarray(d->lens, d->n + 1, sizeof *d->lens);
	d->rank = xreallocarray(d->rank, d->n + 1, sizeof *d->rank);
	d->sorted = xreallocarray(d->sorted, d->n + 1, sizeof *d->sorted);
	d->keys[d->n] = xstrdup(key);
	d->lens[d->n] = strlen(key);
	if (d->lens[d->n] > d->maxlen)
		d->maxlen = d->lens[d->n];

	/* Its place in key order; the keys after it move up one. */
	for (j = 0; j < d->n && strcmp(d->keys[d->sorted[j] - 1], key) < 0;
	    j++)
		/* nothing */;
	memmove(&d->sorted[j + 1], &d->sorted[j],
	    (d->n - j) * sizeof *d->sorted);
	c = ++d->n;
	d->sorted[j] = c;
	for (; j < d->n; j++)
		d->rank[d->sorted[j] - 1] = j;

	i = key_hash(key) & (d->nslots - 1);
	while (d->slots[i] != 0)
		i = (i + 1) & (d->nslots - 1);
	d->slots[i] = c;
	return (c);
}

static void
put_bytes(struct wbuf *w, const void *p, size_t len)
{
	if (w->len + len > w->size) {
		while (w->len + len > w->size)
			w->size = w->size == 0 ? 256 : w->size * 2;
		w->p = xrealloc(w->p, w->size);
	}
	memcpy(w->p + w->len, p, len);
	w->len += len;
}

static void
put_varint(struct wbuf *w, uint64_t v)
{
	u_char	b[10];
	size_t	n = 0;

	do {
		b[n] = v & 0x7f;
		v >>= 7;
		if (v != 0)
			b[n] |= 0x80;
		n++;
	} while (v != 0);
	put_bytes(w, b, n);
}

static void
put_string(struct wbuf *w, const char *s)
{
	size_t	len = strlen(s);

	put_varint(w, len);
	put_bytes(w, s, len);
}

/*
 * Encode r, with the key numbers of d (or none, if d is NULL). Returns
 * the bytes (free them) and their length in *len.
 */
void *
rec_encode(const struct rec *r, const struct rec_dict *d, size_t *len)
{
	struct wbuf	 w = { NULL, 0, 0 };
	u_char		 hdr[2] = { REC_MAGIC, REC_VERSION }, sum[4];
	uint32_t	 h;
	size_t		 i;
	u_int		 code;

	/* Room for it all: a varint takes at most 10 bytes. */
	w.size = sizeof hdr + 5 * 10 + strlen(r->form) + strlen(r->user) +
	    sizeof sum;
	for (i = 0; i < r->nvals; i++)
		w.size += 3 * 10 + strlen(r->vals[i].key) +
		    strlen(r->vals[i].value);
	w.p = xmalloc(w.size);
	put_bytes(&w, hdr, sizeof hdr);
	put_varint(&w, r->state);
	put_varint(&w, (uint64_t)r->created);
	put_varint(&w, (uint64_t)r->modified);
	put_string(&w, r->form);
	put_string(&w, r->user);
	put_varint(&w, r->nvals);
	for (i = 0; i < r->nvals; i++) {
		code = rec_dict_code(d, r->vals[i].key);
		put_varint(&w, (uint64_t)code << REC_TAGBITS |
		    r->vals[i].status);
		if (code == 0)
			put_string(&w, r->vals[i].key);
		put_string(&w, r->vals[i].value);
	}
	h = sum2(w.p, w.len);
	sum[0] = h & 0xff;
	sum[1] = (h >> 8) & 0xff;
	sum[2] = (h >> 16) & 0xff;
	sum[3] = (h >> 24) & 0xff;
	put_bytes(&w, sum, sizeof sum);
	*len = w.len;
	return (w.p);
}

static int
get_varint_long(struct rbuf *b, uint64_t *v)
{
	u_int	shift = 0;
	u_char	c;

	*v = 0;
	do {
		if (b->off >= b->len) {
			b->error = _("truncated");
			return (-1);
		}
		if (shift > 63) {
			b->error = _("number too long");
			return (-1);
		}
		c = b->p[b->off++];
		*v |= (uint64_t)(c & 0x7f) << shift;
		shift += 7;
	} while (c & 0x80);
	return (0);
}

/* Read a varint; most are one byte, read here without a loop. */
static inline int
get_varint(struct rbuf *b, uint64_t *v)
{
	if (b->off < b->len && b->p[b->off] < 0x80) {
		*v = b->p[b->off++];
		return (0);
	}
	return (get_varint_long(b, v));
}

/*
 * Read a string into *dst (its bytes and a NUL), advancing *dst past it,
 * or into new memory if dst is NULL. Returns the string, or NULL with
 * b->error set.
 */
static char *
get_string(struct rbuf *b, char **dst)
{
	const u_char	*p, *end;
	uint64_t	 len;
	char		*s;

	if (get_varint(b, &len) != 0)
		return (NULL);
	if (len > REC_MAXSTR || len > b->len - b->off) {
		b->error = _("string runs past the end");
		return (NULL);
	}
	/* Most strings are codes, dates and numbers: ASCII. */
	for (p = b->p + b->off, end = p + len; p < end && *p != '\0' &&
	    *p < 0x80; p++)
		/* nothing */;
	if (p != end && utf8_invalid((const char *)p, end - p) != NULL) {
		b->error = _("string is not valid UTF-8 text");
		return (NULL);
	}
	if (dst != NULL) {
		s = *dst;
		*dst += len + 1;
	} else
		s = xmalloc(len + 1);
	memcpy(s, b->p + b->off, len);
	s[len] = '\0';
	b->off += len;
	return (s);
}

/* Read the key of a value of version 2 into *pool; see rec_decode. */
static char *
get_key2(struct rbuf *b, const struct rec_dict *d, uint64_t code,
    char **pool)
{
	char	*k;
	size_t	 len;

	if (code == 0)
		return (get_string(b, pool));
	if (d == NULL || code > d->n) {
		b->error = _("unknown field number");
		return (NULL);
	}
	len = d->lens[code - 1] + 1;
	k = memcpy(*pool, d->keys[code - 1], len);
	*pool += len;
	return (k);
}

/*
 * Decode len bytes at p, with the key numbers of d (which may be NULL).
 * Returns a record (free with rec_free), or NULL with a message in
 * *cause (free it) if the bytes are damaged, of an unknown version, or
 * number a key d does not have.
 */
struct rec *
rec_decode(const void *p, size_t len, const struct rec_dict *d, char **cause)
{
	struct rbuf	 b = { p, len, 0, NULL };
	struct rec	*r;
	uint64_t	 v, n, i, st, code, prev = 0;
	uint32_t	 h;
	const u_char	*s;
	char		*pool;
	int		 version;

	if (len < 2 + 4 || b.p[0] != REC_MAGIC) {
		*cause = xstrdup(_("not a record"));
		return (NULL);
	}
	if ((version = b.p[1]) != 1 && version != 2) {
		xasprintf(cause, _("record version %u is not known"),
		    b.p[1]);
		return (NULL);
	}
	s = b.p + len - 4;
	h = (uint32_t)s[0] | (uint32_t)s[1] << 8 | (uint32_t)s[2] << 16 |
	    (uint32_t)s[3] << 24;
	if ((version == 1 ? fnv1a(b.p, len - 4) : sum2(b.p, len - 4)) != h) {
		*cause = xstrdup(_("record checksum does not match"));
		return (NULL);
	}
	b.len -= 4;
	b.off = 2;

	r = xcalloc(1, sizeof *r);
	if (get_varint(&b, &v) != 0)
		goto bad;
	if (v >= RS_COUNT) {
		b.error = _("unknown state");
		goto bad;
	}
	r->state = v;
	if (get_varint(&b, &v) != 0)
		goto bad;
	r->created = (int64_t)v;
	if (get_varint(&b, &v) != 0)
		goto bad;
	r->modified = (int64_t)v;
	if ((r->form = get_string(&b, NULL)) == NULL ||
	    (r->user = get_string(&b, NULL)) == NULL)
		goto bad;
	if (get_varint(&b, &n) != 0)
		goto bad;
	if (n > (b.len - b.off) / (version == 1 ? 3 : 2)) {
		b.error = _("too many values");
		goto bad;
	}
	if (n != 0) {
		/*
		 * Each string is in the bytes left, or is a key of d, and
		 * has a NUL added.
		 */
		r->vals = xreallocarray(NULL, n, sizeof *r->vals);
		r->poolsize = b.len - b.off + 2 * n;
		if (version == 2 && d != NULL)
			r->poolsize += n * d->maxlen;
		r->pool = pool = xmalloc(r->poolsize);
	}
	for (i = 0; i < n; i++) {
		code = 0;
		r->vals[i].key = NULL;
		if (version == 1) {
			r->vals[i].key = get_string(&b, &pool);
			if (r->vals[i].key != NULL &&
			    get_varint(&b, &st) != 0)
				goto bad;
		} else if (get_varint(&b, &st) == 0) {
			code = st >> REC_TAGBITS;
			r->vals[i].key = get_key2(&b, d, code, &pool);
			st &= (1 << REC_TAGBITS) - 1;
		}
		if (r->vals[i].key == NULL)
			goto bad;
		r->vals[i].value = NULL;
		r->nvals++;
		/* Keys that both have numbers compare by their ranks. */
		if (*r->vals[i].key == '\0' || (i > 0 && (code != 0 &&
		    prev != 0 ? d->rank[prev - 1] >= d->rank[code - 1] :
		    strcmp(r->vals[i - 1].key, r->vals[i].key) >= 0))) {
			b.error = _("field keys out of order");
			goto bad;
		}
		prev = code;
		if (st >= FS_COUNT) {
			b.error = _("unknown field status");
			goto bad;
		}
		r->vals[i].status = st;
		if ((r->vals[i].value = get_string(&b, &pool)) == NULL)
			goto bad;
	}
	if (b.off != b.len) {
		b.error = _("bytes left over");
		goto bad;
	}
	if (*r->form == '\0') {
		b.error = _("no form");
		goto bad;
	}
	return (r);

bad:
	xasprintf(cause, _("damaged record at byte %zu: %s"), b.off,
	    b.error);
	rec_free(r);
	return (NULL);
}

/*
 * Fill md with the SHA-256 of r's form and field values (not who or
 * when): records that say the same thing have the same digest.
 */
void
rec_digest(const struct rec *r, uint8_t md[32])
{
	SHA2_CTX	ctx;
	u_char		st;
	size_t		i;

	SHA256Init(&ctx);
	SHA256Update(&ctx, (const uint8_t *)r->form, strlen(r->form) + 1);
	for (i = 0; i < r->nvals; i++) {
		st = r->vals[i].status;
		SHA256Update(&ctx, (const uint8_t *)r->vals[i].key,
		    strlen(r->vals[i].key) + 1);
		SHA256Update(&ctx, &st, 1);
		SHA256Update(&ctx, (const uint8_t *)r->vals[i].value,
		    strlen(r->vals[i].value) + 1);
	}
	SHA256Final(md, &ctx);
}

/* Fill fp with the fingerprint of r: the first half of its digest. */
void
rec_fingerprint(const struct rec *r, uint8_t fp[16])
{
	uint8_t	md[SHA256_DIGEST_LENGTH];

	rec_digest(r, md);
	memcpy(fp, md, 16);
}

/* The English name of a review state, for files and logs. */
const char *
rec_state_name(enum rec_state s)
{
	return (s < RS_COUNT ? state_names[s] : "?");
}

/* Set *s from name; returns 0, or -1 if name is not a state. */
int
rec_state_parse(const char *name, enum rec_state *s)
{
	u_int	i;

	for (i = 0; i < RS_COUNT; i++) {
		if (strcmp(name, state_names[i]) == 0) {
			*s = i;
			return (0);
		}
	}
	return (-1);
}

/*
 * Value v of a field as the audit log writes it: in double quotes, with
 * '"', '\\' and control characters escaped, followed by its status in
 * brackets when it is not "ok"; "-" when v is NULL. The caller frees it.
 */
char *
rec_val_quote(const struct rec_val *v)
{
	const u_char	*p;
	char		*q, *o, *t;

	if (v == NULL)
		return (xstrdup("-"));
	q = o = xmalloc(4 * strlen(v->value) + 3);
	*o++ = '"';
	for (p = (const u_char *)v->value; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			*o++ = '\\';
			*o++ = (char)*p;
		} else if (*p < 0x20 || *p == 0x7f)
			o += sprintf(o, "\\x%02x", *p);
		else
			*o++ = (char)*p;
	}
	*o++ = '"';
	*o = '\0';
	if (v->status == FS_OK)
		return (q);
	xasprintf(&t, "%s(%s)", q, form_status_name(v->status));
	free(q);
	return (t);
}

/* Append value v, quoted, to *out. */
static void
diff_value(char **out, const struct rec_val *v)
{
	char	*q, *t;

	q = rec_val_quote(v);
	xasprintf(&t, "%s%s", *out, q);
	free(q);
	free(*out);
	*out = t;
}

/*
 * What changed from a to b, field by field, for the audit log:
 * KEY: "OLD" -> "NEW"; ... with "-" for a field one of them lacks and
 * the status in brackets when it is not "ok". NULL when the values and
 * statuses are all the same. The caller frees it.
 */
char *
rec_diff(const struct rec *a, const struct rec *b)
{
	const struct rec_val	*va, *vb;
	char			*out = NULL, *t;
	size_t			 i = 0, j = 0;
	int			 c;

	while (i < a->nvals || j < b->nvals) {
		va = i < a->nvals ? &a->vals[i] : NULL;
		vb = j < b->nvals ? &b->vals[j] : NULL;
		if (va == NULL)
			c = 1;
		else if (vb == NULL)
			c = -1;
		else
			c = strcmp(va->key, vb->key);
		if (c < 0)
			vb = NULL;
		else if (c > 0)
			va = NULL;
		i += va != NULL;
		j += vb != NULL;
		if (va != NULL && vb != NULL && va->status == vb->status &&
		    strcmp(va->value, vb->value) == 0)
			continue;
		/* An absent field and an empty one mean the same. */
		if ((va == NULL && *vb->value == '\0' && vb->status == FS_OK) ||
		    (vb == NULL && *va->value == '\0' && va->status == FS_OK))
			continue;
		xasprintf(&t, "%s%s%s: ", out != NULL ? out : "",
		    out != NULL ? "; " : "", va != NULL ? va->key : vb->key);
		free(out);
		out = t;
		diff_value(&out, va);
		xasprintf(&t, "%s -> ", out);
		free(out);
		out = t;
		diff_value(&out, vb);
	}
	return (out);
}
