/*
 * utf8.c: UTF-8 validation, NFC, display width and case folding.
 *
 * Thin wrappers over libunistring so the rest of the program speaks plain
 * NUL-terminated char strings. None of them keep state.
 */

#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "utf8.h"
#include "xmalloc.h"

/*
 * Return a pointer to the first byte of s (len bytes) that is not part of
 * a valid UTF-8 sequence, or NULL if all of s is valid. NUL bytes count as
 * invalid, since no text field may contain one. Valid means what
 * u8_check takes: shortest forms, no surrogates, nothing past U+10FFFF.
 * Runs of ASCII go eight bytes a step.
 */
const char *
utf8_invalid(const char *s, size_t len)
{
	const u_char	*p = (const u_char *)s, *end = p + len;
	uint64_t	 w;
	u_char		 c, lo, hi;
	size_t		 n, i;

	while (p < end) {
		while (end - p >= 8) {
			memcpy(&w, p, 8);
			/* A byte with its top bit set, or a zero byte. */
			if ((w & 0x8080808080808080ULL) != 0 ||
			    ((w - 0x0101010101010101ULL) &
			    0x8080808080808080ULL) != 0)
				break;
			p += 8;
		}
		/* The ASCII up to the next sequence, then the sequence. */
		while (p < end && *p < 0x80) {
			if (*p == '\0')
				return ((const char *)p);
			p++;
		}
		if (p == end)
			break;
		c = *p;
		lo = 0x80;
		hi = 0xbf;
		if (c >= 0xc2 && c <= 0xdf)
			n = 1;
		else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			if (c == 0xe0)
				lo = 0xa0;
			else if (c == 0xed)
				hi = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			if (c == 0xf0)
				lo = 0x90;
			else if (c == 0xf4)
				hi = 0x8f;
		} else
			return ((const char *)p);
		if ((size_t)(end - p) <= n || p[1] < lo || p[1] > hi)
			return ((const char *)p);
		for (i = 2; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return ((const char *)p);
		}
		p += n + 1;
	}
	return (NULL);
}

/*
 * The quick set: the code points below U+0300 and in U+1E00-U+1EFF. Each
 * is its own NFC, has combining class 0 and is never the second of a
 * composition (checked against libunistring over every first code point),
 * so no string of them changes under NFC. They are every letter of
 * Vietnamese written precomposed.
 */
#define QUICK_SIZE	(0x300 + 0x100)

/* The case folds (with NFC) of the quick set, where they are in it. */
struct quick_fold {
	u_char	len;		/* 0: the fold leaves the quick set */
	u_char	b[7];
};
static struct quick_fold	quick_folds[QUICK_SIZE];
static pthread_once_t		quick_once = PTHREAD_ONCE_INIT;

/*
 * Read the code point at *sp if it is in the quick set (advancing *sp
 * and setting *slot to its place in quick_folds), valid UTF-8 or not.
 * Returns 1, 0 at the end of the string, or -1 if it is not in the set.
 */
static int
quick_next(const u_char **sp, u_int *slot)
{
	const u_char	*p = *sp;

	if (*p < 0x80) {
		if (*p == '\0')
			return (0);
		*slot = *p;
		*sp = p + 1;
	} else if (*p >= 0xc2 && *p <= 0xcb) {
		/* U+0080 to U+02FF. */
		if ((p[1] & 0xc0) != 0x80)
			return (-1);
		*slot = (p[0] & 0x1f) << 6 | (p[1] & 0x3f);
		*sp = p + 2;
	} else if (*p == 0xe1 && p[1] >= 0xb8 && p[1] <= 0xbb) {
		/* U+1E00 to U+1EFF. */
		if ((p[2] & 0xc0) != 0x80)
			return (-1);
		*slot = 0x300 + ((p[1] & 0x03) << 6 | (p[2] & 0x3f));
		*sp = p + 3;
	} else
		return (-1);
	return (1);
}

/*
 * Return 1 if s is valid UTF-8 made only of the quick set, and so in NFC
 * already; 0 if not (or not only: then only normalising tells).
 */
int
utf8_is_nfc_quick(const char *s)
{
	const u_char	*p = (const u_char *)s;
	u_int		 slot;
	int		 r;

	while ((r = quick_next(&p, &slot)) == 1)
		/* nothing */;
	return (r == 0);
}

static void
quick_folds_init(void)
{
	uint8_t		 in[4], *out;
	size_t		 len, outlen;
	ucs4_t		 cp;
	u_int		 slot;

	for (slot = 1; slot < QUICK_SIZE; slot++) {
		cp = slot < 0x300 ? slot : 0x1e00 + slot - 0x300;
		len = u8_uctomb(in, cp, sizeof in);
		out = u8_casefold(in, len, NULL, UNINORM_NFC, NULL, &outlen);
		if (out == NULL)
			fatalx("u8_casefold failed");
		if (outlen < sizeof quick_folds[slot].b) {
			memcpy(quick_folds[slot].b, out, outlen);
			quick_folds[slot].b[outlen] = '\0';
			if (utf8_is_nfc_quick((char *)quick_folds[slot].b))
				quick_folds[slot].len = outlen;
		}
		free(out);
	}
}

/*
 * Case-fold the len bytes of valid UTF-8 at s, with NFC, as u8_casefold
 * does: into new memory (free it), NUL-terminated, its length in *outlen.
 * Text of the quick set whose folds stay in it (all of Vietnamese) is
 * folded a code point at a time from a table: folding is context-free,
 * and a string of the quick set is its own NFC.
 */
char *
utf8_casefold(const char *s, size_t len, size_t *outlen)
{
	const u_char	*p = (const u_char *)s, *end = p + len;
	struct ubuf	 b;
	uint8_t		*f;
	u_int		 slot;
	char		*r;

	pthread_once(&quick_once, quick_folds_init);
	memset(&b, 0, sizeof b);
	for (;;) {
		if (p == end)
			return (ubuf_finish(&b, outlen));
		if (quick_next(&p, &slot) != 1 || quick_folds[slot].len == 0)
			break;
		ubuf_add(&b, quick_folds[slot].b, quick_folds[slot].len);
	}
	free(b.p);
	f = u8_casefold((const uint8_t *)s, len, NULL, UNINORM_NFC, NULL,
	    outlen);
	if (f == NULL)
		fatalx("u8_casefold failed");
	r = xmalloc(*outlen + 1);
	memcpy(r, f, *outlen);
	r[*outlen] = '\0';
	free(f);
	return (r);
}

/*
 * Return s (valid UTF-8) in normalisation form C as a new string the caller
 * frees, or NULL if s is not valid UTF-8.
 */
char *
utf8_nfc(const char *s)
{
	size_t		 len, outlen;
	uint8_t		*out;
	char		*r;

	/* ASCII and precomposed Vietnamese are NFC already: most values. */
	if (utf8_is_nfc_quick(s))
		return (xstrdup(s));
	len = strlen(s);
	if (utf8_invalid(s, len) != NULL)
		return (NULL);
	out = u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, NULL,
	    &outlen);
	if (out == NULL)
		fatalx("u8_normalize failed");
	r = xstrndup((char *)out, outlen);
	free(out);
	return (r);
}

/* Return the number of code points in s (valid UTF-8). */
size_t
utf8_len(const char *s)
{
	const u_char	*p = (const u_char *)s;
	size_t		 n = 0;

	/* Every code point has one byte that is not a continuation. */
	for (; *p != '\0'; p++)
		n += (*p & 0xc0) != 0x80;
	return (n);
}

/* Return the number of terminal columns s (valid UTF-8) takes. */
size_t
utf8_width(const char *s)
{
	int	w;

	w = u8_strwidth((const uint8_t *)s, "UTF-8");
	return (w < 0 ? 0 : (size_t)w);
}

/*
 * Return s cut to cols terminal columns and padded with spaces to them,
 * for columns of text in lists (printf's widths count bytes). Invalid
 * bytes count one column each. The caller frees the result.
 */
char *
utf8_pad(const char *s, size_t cols)
{
	struct ubuf	 b;
	size_t		 i = 0, used = 0;
	int		 n, w;
	ucs4_t		 uc;

	memset(&b, 0, sizeof b);
	while (s[i] != '\0') {
		n = u8_mbtouc(&uc, (const uint8_t *)s + i, strlen(s + i));
		w = uc_width(uc, "UTF-8");
		if (w < 0)
			w = 1;
		if (used + (size_t)w > cols)
			break;
		ubuf_add(&b, s + i, (size_t)n);
		used += (size_t)w;
		i += (size_t)n;
	}
	for (; used < cols; used++)
		ubuf_addch(&b, ' ');
	return (ubuf_finish(&b, NULL));
}

/*
 * Return the 1-based column (in code points) of byte offset off in line,
 * for error messages. Invalid bytes count one column each.
 */
u_int
utf8_column(const char *line, size_t off)
{
	size_t	i = 0;
	u_int	col = 1;
	int	n;
	ucs4_t	uc;

	while (i < off && line[i] != '\0') {
		n = u8_mbtouc(&uc, (const uint8_t *)line + i, off - i);
		i += (n > 0) ? (size_t)n : 1;
		col++;
	}
	return (col);
}

/*
 * Return a key for comparing s loosely: NFC, case-folded, with runs of
 * white space reduced to one space and none at either end. The caller
 * frees it. NULL if s is not valid UTF-8.
 */
char *
utf8_fold(const char *s)
{
	char	*f;
	size_t	 flen, i, j, len = strlen(s);
	int	 space;

	if (!utf8_is_nfc_quick(s) && utf8_invalid(s, len) != NULL)
		return (NULL);
	f = utf8_casefold(s, len, &flen);
	/* Collapse white space in place: j never passes i. */
	space = 0;
	for (i = j = 0; i < flen; i++) {
		if (f[i] == ' ' || f[i] == '\t' || f[i] == '\n' ||
		    f[i] == '\r') {
			space = (j != 0);
			continue;
		}
		if (space)
			f[j++] = ' ';
		space = 0;
		f[j++] = f[i];
	}
	f[j] = '\0';
	return (f);
}

/* Append n bytes at p to b. */
void
ubuf_add(struct ubuf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->size) {
		b->size = b->size == 0 ? 64 : b->size;
		while (b->len + n + 1 > b->size)
			b->size *= 2;
		b->p = xrealloc(b->p, b->size);
	}
	if (n > 0)
		memcpy(b->p + b->len, p, n);
	b->len += n;
}

/* Append one byte to b. */
void
ubuf_addch(struct ubuf *b, char c)
{
	ubuf_add(b, &c, 1);
}

/* Append code point uc (a valid scalar value) to b as UTF-8. */
void
ubuf_adduc(struct ubuf *b, uint32_t uc)
{
	uint8_t	tmp[6];
	int	n;

	n = u8_uctomb(tmp, uc, sizeof tmp);
	if (n <= 0)
		fatalx("ubuf_adduc: bad code point %#x", (unsigned)uc);
	ubuf_add(b, tmp, (size_t)n);
}

/* Append the NFC form of the len bytes of valid UTF-8 at s to b. */
void
ubuf_addnfc(struct ubuf *b, const char *s, size_t len)
{
	uint8_t	*out;
	size_t	 outlen;

	if (len == 0)
		return;
	out = u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, NULL,
	    &outlen);
	if (out == NULL)
		fatalx("u8_normalize failed");
	ubuf_add(b, out, outlen);
	free(out);
}

/*
 * NUL-terminate b and return its bytes (never NULL), storing the length
 * without the NUL in *len if len is not NULL. The caller frees the result;
 * b is left empty.
 */
char *
ubuf_finish(struct ubuf *b, size_t *len)
{
	char	*r;

	if (b->p == NULL) {
		b->p = xmalloc(1);
		b->size = 1;
	}
	b->p[b->len] = '\0';
	if (len != NULL)
		*len = b->len;
	r = b->p;
	memset(b, 0, sizeof *b);
	return (r);
}
