/*
 * encoding-fuzzer.c: libFuzzer target for the legacy encodings.
 *
 * The first byte picks the encoding (its value mod 6) and a chunk size for
 * the streams (the rest of its value); the other bytes are decoded from
 * that encoding and, when they are UTF-8, encoded into it. Invariants:
 *
 * - decoding never crashes; what it gives is valid UTF-8 in NFC, NUL-free;
 * - what decoded re-encodes (always, for UTF-8 and VISCII), and decoding
 *   that gives the same text back;
 * - encoding UTF-8 and decoding the result gives the input in NFC;
 * - the FILE* reader and writer, fed in chunks, give exactly what the
 *   whole-buffer functions give, or fail with the same message;
 * - guessing picks an encoding that decoding with ENC_AUTO agrees with.
 */

#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "encoding.h"
#include "i18n.h"
#include "utf8.h"

#define FUZZ_MAX_INPUT	(64 * 1024)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

static const enum encoding encs[6] = {
	ENC_UTF8, ENC_TCVN3, ENC_VNI, ENC_VISCII, ENC_CP1258, ENC_VIQR
};

/* Decode through the reader, k bytes a read; NULL and *cause on error. */
static char *
read_stream(enum encoding e, const uint8_t *p, size_t n, size_t k,
    size_t *len, char **cause)
{
	FILE		*in, *r;
	struct ubuf	 b;
	char		 tmp[512];
	size_t		 got;

	*len = 0;

	in = fmemopen((void *)p, n, "r");
	assert(in != NULL);
	r = encoding_open_reader(in, e, cause);
	assert(r != NULL);
	setvbuf(r, NULL, _IONBF, 0);
	memset(&b, 0, sizeof b);
	while ((got = fread(tmp, 1, k, r)) > 0)
		ubuf_add(&b, tmp, got);
	*cause = NULL;
	if (ferror(r)) {
		assert(encoding_error(r) != NULL);
		*cause = strdup(encoding_error(r));
		free(b.p);
		b.p = NULL;
	}
	fclose(r);
	fclose(in);
	return (b.p == NULL ? NULL : ubuf_finish(&b, len));
}

/* Encode through the writer, k bytes a write. */
static char *
write_stream(enum encoding e, const char *p, size_t n, size_t k,
    size_t *len, char **cause)
{
	FILE	*out, *w;
	char	*buf = NULL;
	size_t	 size = 0, i, m;
	int	 r;

	*len = 0;
	out = open_memstream(&buf, &size);
	assert(out != NULL);
	w = encoding_open_writer(out, e, cause);
	assert(w != NULL);
	setvbuf(w, NULL, _IONBF, 0);
	for (i = 0; i < n; i += m) {
		m = n - i < k ? n - i : k;
		if (fwrite(p + i, 1, m, w) != m)
			break;
	}
	*cause = NULL;
	r = encoding_close(w, cause);
	fclose(out);
	if (r != 0) {
		free(buf);
		return (NULL);
	}
	*len = size;
	return (buf);
}

/* Both succeeded with the same bytes, or both failed the same way. */
static void
same(const char *a, size_t alen, const char *acause, const char *b,
    size_t blen, const char *bcause)
{
	assert((a == NULL) == (b == NULL));
	if (a != NULL)
		assert(alen == blen && memcmp(a, b, alen) == 0);
	else
		assert(strcmp(acause, bcause) == 0);
}

/* Check decoded text. */
static void
check_text(const char *s, size_t len)
{
	char	*n;

	assert(strlen(s) == len);
	assert(utf8_invalid(s, len) == NULL);
	n = utf8_nfc(s);
	assert(n != NULL && strcmp(n, s) == 0);
	free(n);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	i18n_init("en");
	return (0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct encoding_guess	 g;
	enum encoding		 e;
	const uint8_t		*p;
	char			*d, *d2, *b, *b2, *c1, *c2, *c3, *nfc, *s;
	size_t			 n, k, dlen = 0, d2len = 0, blen = 0, b2len = 0;
	int			 r;

	if (size < 1 || size > FUZZ_MAX_INPUT)
		return (0);
	e = encs[data[0] % 6];
	k = 1 + (data[0] / 6) * 3;
	p = data + 1;
	n = size - 1;

	/* Decode, whole and streamed. */
	c1 = c2 = c3 = NULL;
	r = encoding_decode(e, (const char *)p, n, &d, &dlen, &c1);
	if (r == 0)
		check_text(d, dlen);
	else {
		d = NULL;
		assert(c1 != NULL && *c1 != '\0');
	}
	if (n > 0) {
		d2 = read_stream(e, p, n, k, &d2len, &c2);
		same(d, dlen, c1, d2, d2len, c2);
		free(d2);
		free(c2);
	}

	/* What decoded encodes back to the same text. */
	if (d != NULL) {
		r = encoding_encode(e, d, dlen, &b, &blen, &c2);
		assert(r == 0 || (e != ENC_UTF8 && e != ENC_VISCII));
		if (r == 0) {
			assert(encoding_decode(e, b, blen, &d2, &d2len,
			    &c3) == 0);
			assert(d2len == dlen && memcmp(d2, d, dlen) == 0);
			free(d2);
			free(b);
		} else
			free(c2);
	}
	free(d);
	free(c1);

	/* Encode the input as UTF-8, whole and streamed, and back. */
	c1 = c2 = NULL;
	if (n > 0 && utf8_invalid((const char *)p, n) == NULL) {
		s = strndup((const char *)p, n);
		nfc = utf8_nfc(s);
		r = encoding_encode(e, s, n, &b, &blen, &c1);
		if (r != 0)
			b = NULL;
		b2 = write_stream(e, s, n, k, &b2len, &c2);
		same(b, blen, c1, b2, b2len, c2);
		if (b != NULL) {
			assert(encoding_decode(e, b, blen, &d, &dlen,
			    &c3) == 0);
			assert(strcmp(d, nfc) == 0);
			free(d);
		} else
			free(c1);
		free(b);
		free(b2);
		free(c2);
		free(nfc);
		free(s);
	}

	/* Guessing, and decoding with auto. */
	c1 = c2 = NULL;
	encoding_guess((const char *)p, n, &g);
	assert(g.vietnamese <= g.words);
	r = encoding_decode(ENC_AUTO, (const char *)p, n, &d, &dlen, &c1);
	if (encoding_decode(g.enc, (const char *)p, n, &d2, &d2len,
	    &c2) == 0) {
		assert(r == 0 && dlen == d2len && memcmp(d, d2, dlen) == 0);
		free(d2);
	} else {
		assert(r != 0 && strcmp(c1, c2) == 0);
		free(c2);
	}
	if (r == 0)
		free(d);
	else
		free(c1);
	return (0);
}
