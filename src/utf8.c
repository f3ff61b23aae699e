/*
 * utf8.c: UTF-8 validation, NFC, display width and case folding.
 *
 * Thin wrappers over libunistring so the rest of the program speaks plain
 * NUL-terminated char strings. None of them keep state.
 */

#include "config.h"

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
 * invalid, since no text field may contain one.
 */
const char *
utf8_invalid(const char *s, size_t len)
{
	const uint8_t	*bad;

	if (memchr(s, '\0', len) != NULL)
		return (memchr(s, '\0', len));
	bad = u8_check((const uint8_t *)s, len);
	return ((const char *)bad);
}

/*
 * Return 1 if s is valid UTF-8 made only of code points below U+0300 or
 * in U+1E00-U+1EFF, and so in NFC already; 0 if it is not (or not only:
 * then only normalising tells). Each of those code points is its own NFC,
 * has combining class 0 and is never the second of a composition (checked
 * against libunistring over every first code point), so no string of them
 * can change. They are every letter of Vietnamese written precomposed.
 */
int
utf8_is_nfc_quick(const char *s)
{
	const u_char	*p = (const u_char *)s;

	for (;;) {
		if (*p < 0x80) {
			if (*p == '\0')
				return (1);
			p++;
		} else if (*p >= 0xc2 && *p <= 0xcb) {
			/* U+0080 to U+02FF. */
			if ((p[1] & 0xc0) != 0x80)
				return (0);
			p += 2;
		} else if (*p == 0xe1 && p[1] >= 0xb8 && p[1] <= 0xbb) {
			/* U+1E00 to U+1EFF. */
			if ((p[2] & 0xc0) != 0x80)
				return (0);
			p += 3;
		} else
			return (0);
	}
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
	return (u8_mbsnlen((const uint8_t *)s, strlen(s)));
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
	uint8_t	*f;
	size_t	 flen, i, j;
	char	*r;
	int	 space;

	if (utf8_invalid(s, strlen(s)) != NULL)
		return (NULL);
	f = u8_casefold((const uint8_t *)s, strlen(s), NULL, UNINORM_NFC,
	    NULL, &flen);
	if (f == NULL)
		fatalx("u8_casefold failed");
	r = xmalloc(flen + 1);
	space = 0;
	for (i = j = 0; i < flen; i++) {
		if (f[i] == ' ' || f[i] == '\t' || f[i] == '\n' ||
		    f[i] == '\r') {
			space = (j != 0);
			continue;
		}
		if (space)
			r[j++] = ' ';
		space = 0;
		r[j++] = f[i];
	}
	r[j] = '\0';
	free(f);
	return (r);
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
