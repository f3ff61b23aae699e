/*
 * encoding-t.c: the legacy encodings: every Vietnamese letter both ways
 * through each of them, the tables against legacy_vn_tables.tsv, iconv's
 * final flush, TCVN3's smart quotes, errors with offsets, the FILE*
 * wrappers with small and odd chunks, and guessing.
 */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "encoding.h"
#include "i18n.h"
#include "lines.h"
#include "tap.h"
#include "utf8.h"
#include "xmalloc.h"

#define DATA	TEST_DIR "/encoding/"
#define L(s)	(s), (sizeof (s) - 1)

static const enum encoding legacy[] = {
	ENC_TCVN3, ENC_VNI, ENC_VISCII, ENC_CP1258, ENC_VIQR
};
#define NLEGACY	(sizeof legacy / sizeof legacy[0])

/* The 134 letters: 12 vowels in 6 tones, less the 6 plain ones, and đ. */
static const char letters[] =
    "àảãáạăằẳẵắặâầẩẫấậèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợ"
    "ùủũúụưừửữứựỳỷỹýỵđ"
    "ÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬÈẺẼÉẸÊỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌÔỒỔỖỐỘƠỜỞỠỚỢ"
    "ÙỦŨÚỤƯỪỬỮỨỰỲỶỸÝỴĐ";

/* Encode s; returns the bytes (caller frees) or NULL, cause in *cause. */
static char *
enc(enum encoding e, const char *s, size_t len, size_t *outlen,
    char **cause)
{
	char	*out;

	*cause = NULL;
	if (encoding_encode(e, s, len, &out, outlen, cause) != 0)
		return (NULL);
	return (out);
}

static char *
dec(enum encoding e, const char *s, size_t len, size_t *outlen,
    char **cause)
{
	char	*out;

	*cause = NULL;
	if (encoding_decode(e, s, len, &out, outlen, cause) != 0)
		return (NULL);
	return (out);
}

/* Is s (valid UTF-8) in NFC? */
static int
is_nfc(const char *s)
{
	char	*n = utf8_nfc(s);
	int	 r = (n != NULL && strcmp(n, s) == 0);

	free(n);
	return (r);
}

/* Encode s into e and back; it must come back as it was. */
static int
roundtrip(enum encoding e, const char *s)
{
	char	*b, *back, *cause;
	size_t	 blen, len;
	int	 r;

	if ((b = enc(e, s, strlen(s), &blen, &cause)) == NULL) {
		diag("%s: %s", encoding_name(e), cause);
		free(cause);
		return (0);
	}
	if ((back = dec(e, b, blen, &len, &cause)) == NULL) {
		diag("%s back: %s", encoding_name(e), cause);
		free(cause);
		free(b);
		return (0);
	}
	r = strcmp(back, s) == 0 && len == strlen(s) && is_nfc(back);
	if (!r)
		diag("%s: '%s' came back as '%s'", encoding_name(e), s, back);
	free(b);
	free(back);
	return (r);
}

static void
test_names(void)
{
	static const char *names[] = {
		"utf-8", "tcvn3", "vni", "viscii", "cp1258", "viqr", "auto",
		NULL
	};
	enum encoding	 e;
	char		*cause = NULL;
	int		 i, good = 1;

	for (i = 0; names[i] != NULL; i++)
		if (encoding_parse(names[i], &e, &cause) != 0 ||
		    strcmp(encoding_name(e), names[i]) != 0)
			good = 0;
	ok(good, "every name parses and prints back");
	ok(encoding_parse("TCVN", &e, &cause) == 0 && e == ENC_TCVN3 &&
	    encoding_parse("Windows-1258", &e, &cause) == 0 &&
	    e == ENC_CP1258 && encoding_parse("UTF8", &e, &cause) == 0 &&
	    e == ENC_UTF8, "aliases, in any case");
	ok(encoding_parse("latin1", &e, &cause) == -1, "latin1 is refused");
	is_string(cause, "unknown encoding 'latin1' (known: utf-8, tcvn3, "
	    "vni, viscii, cp1258, viqr, auto)", "the message lists the names");
	free(cause);
	ok(encoding_encode(ENC_AUTO, "a", 1, NULL, NULL, &cause) == -1,
	    "auto cannot encode");
	free(cause);
}

static void
test_letters(void)
{
	const char	*p;
	char		 one[8], spaced[sizeof letters * 2];
	size_t		 i, n, count = 0, j = 0;
	int		 bad;

	for (p = letters; *p != '\0'; p += n) {
		n = 1;
		while (((unsigned char)p[n] & 0xc0) == 0x80)
			n++;
		count++;
		memcpy(spaced + j, p, n);
		j += n;
		spaced[j++] = ' ';
	}
	spaced[j] = '\0';
	is_int((long)count, 134, "134 letters to try");
	for (i = 0; i < NLEGACY; i++) {
		bad = 0;
		for (p = letters; *p != '\0'; p += n) {
			n = 1;
			while (((unsigned char)p[n] & 0xc0) == 0x80)
				n++;
			memcpy(one, p, n);
			one[n] = '\0';
			if (!roundtrip(legacy[i], one))
				bad++;
		}
		is_int(bad, 0, "%s: each of the 134 letters round-trips",
		    encoding_name(legacy[i]));
		/* VIQR has one tone a word: space them out. */
		ok(roundtrip(legacy[i], legacy[i] == ENC_VIQR ? spaced :
		    letters), "%s: all 134 letters in a row round-trip",
		    encoding_name(legacy[i]));
	}
	ok(roundtrip(ENC_UTF8, letters), "utf-8 round-trips");
}

/* Parse "41 D9" into bytes. */
static size_t
hexbytes(const char *s, char *out)
{
	size_t	n = 0;
	char   *end;

	while (*s != '\0') {
		out[n++] = (char)strtoul(s, &end, 16);
		if (end == s)
			return (0);
		s = end;
	}
	return (n);
}

/* Check one letter's bytes in e against the table. */
static int
table_letter(enum encoding e, const char *letter, const char *hex,
    int both_ways)
{
	char	 want[8], *got, *back, *cause;
	size_t	 wlen, glen, blen;
	int	 r = 1;

	wlen = hexbytes(hex, want);
	got = enc(e, letter, strlen(letter), &glen, &cause);
	if (got == NULL || glen != wlen || memcmp(got, want, wlen) != 0) {
		diag("%s: %s is not %s", encoding_name(e), letter, hex);
		r = 0;
	}
	free(got);
	free(cause);
	if (both_ways) {
		back = dec(e, want, wlen, &blen, &cause);
		if (back == NULL || strcmp(back, letter) != 0) {
			diag("%s: %s does not decode to %s", encoding_name(e),
			    hex, letter);
			r = 0;
		}
		free(back);
		free(cause);
	}
	return (r);
}

static void
test_tables(void)
{
	struct lines	 l;
	char		*buf, *cause, *f[6], *p;
	size_t		 len;
	int		 n, vni = 0, tcvn = 0, viscii = 0, rows = 0, upper;
	static const char *viscii_differ = "ẲẴẪỶỸỴÕ";

	if ((buf = lines_read_file(DATA "legacy_vn_tables.tsv", &len,
	    &cause)) == NULL)
		bail("%s", cause);
	lines_init(&l, buf, len);
	while (lines_next(&l)) {
		if (strncmp(l.line, "U+", 2) == 0 || l.lineno < 3)
			continue;
		for (n = 0, p = l.line; n < 6; n++) {
			f[n] = p;
			if ((p = strchr(p, '\t')) == NULL)
				break;
			*p++ = '\0';
		}
		if (n < 5 || strstr(letters, f[0]) == NULL)
			continue;
		rows++;
		upper = strstr(letters, f[0]) >= strstr(letters, "À");
		/* VNI: all of them, both ways. */
		vni += !table_letter(ENC_VNI, f[0], f[5], 1);
		/*
		 * TCVN3: the table gives capitals the lower-case code (a
		 * capital font); ours are VN1's. Lower case both ways, and
		 * the capitals' codes decode to the lower-case letters.
		 */
		if (!upper)
			tcvn += !table_letter(ENC_TCVN3, f[0], f[2], 1);
		/* VISCII: Unikey's differ from glibc for seven capitals. */
		if (strstr(viscii_differ, f[0]) == NULL)
			viscii += !table_letter(ENC_VISCII, f[0], f[3], 1);
	}
	lines_done(&l);
	free(buf);
	is_int(rows, 134, "legacy_vn_tables.tsv has the 134 letters");
	is_int(vni, 0, "VNI agrees with the table both ways");
	is_int(tcvn, 0, "TCVN3 agrees with the table for lower case");
	is_int(viscii, 0, "VISCII agrees with the table but for 7 capitals");

	/* The reference's examples. */
	p = enc(ENC_VNI, L("Việt Nam; Nguyễn Thị Thủy; Đặng Văn Hoà"), &len,
	    &cause);
	ok(p != NULL && strcmp(p, "Vie\xe4t Nam; Nguye\xe3n Th\xf2 Thu\xfby; "
	    "\xd1" "a\xebng Va\xean Hoa\xf8") == 0, "VNI as in the reference");
	free(p);
	p = enc(ENC_TCVN3, L("Việt Nam, Đặng"), &len, &cause);
	ok(p != NULL && strcmp(p, "Vi\xd6t Nam, \xa7\xc6ng") == 0,
	    "TCVN3 as in the reference");
	free(p);
	p = enc(ENC_CP1258, L("ễ"), &len, &cause);
	ok(p != NULL && strcmp(p, "\xea\xde") == 0,
	    "CP1258 writes ễ as ê and a combining tilde");
	free(p);
	p = enc(ENC_TCVN3, L("Ấ Ứ À"), &len, &cause);
	ok(p != NULL && strcmp(p, "\xa2\xb3 \xa6\xb3 A\xb0") == 0,
	    "TCVN3 writes toned capitals as capital and combining tone");
	free(p);
	p = dec(ENC_TCVN3, L("\x11\x01\x81"), &len, &cause);
	is_string(p, "ỨÚẢ", "TCVN3 still reads VN1's capitals in C0 and 0x81");
	free(p);
	p = dec(ENC_VISCII, L("\x02\x05\x06\x14\x19\x1e\xa0"), &len, &cause);
	is_string(p, "ẲẴẪỶỸỴÕ", "VISCII keeps its capitals in C0 and 0xA0");
	free(p);
	p = dec(ENC_VNI, L("a\xc1 o\xe1 i\xf9"), &len, &cause);
	is_string(p, "ấ ố í", "VNI reads marks of either case on any base");
	free(p);
	p = dec(ENC_VNI, L("b\xf9 \xa9 \x80"), &len, &cause);
	is_string(p, "b\xcc\x81 © €",
	    "VNI: a lone mark is a combining mark; other bytes are cp1252");
	free(p);
}

static void
test_flush(void)
{
	char	*p, *cause;
	size_t	 len;

	p = dec(ENC_TCVN3, L("Hoa"), &len, &cause);
	is_string(p, "Hoa", "TCVN3: the last letter is flushed");
	free(p);
	p = dec(ENC_CP1258, L("Hoa"), &len, &cause);
	is_string(p, "Hoa", "CP1258: the last letter is flushed");
	free(p);
	p = dec(ENC_CP1258, L("Ho\xe0"), &len, &cause);
	is_string(p, "Hoà", "CP1258: the last toned letter is flushed");
	free(p);
	p = dec(ENC_CP1258, L("Hoa\xcc"), &len, &cause);
	is_string(p, "Hoà", "CP1258: a combining tone at the end joins");
	free(p);
	p = dec(ENC_TCVN3, L("y\xb1"), &len, &cause);
	is_string(p, "ỷ", "TCVN3: base and combining tone are composed");
	free(p);
	p = dec(ENC_VIQR, L("Ha` No^.i."), &len, &cause);
	is_string(p, "Hà Nội.", "VIQR: a tone only once a word");
	free(p);
}

static void
test_quotes(void)
{
	char	*p, *cause;
	size_t	 len;

	p = dec(ENC_TCVN3, L("\x93Nguy\xd4n\x94 \x96 \x85"), &len, &cause);
	is_string(p, "“Nguyễn” – …",
	    "TCVN3: 0x93 0x94 are smart quotes, not Ỏ Õ");
	free(p);
	p = enc(ENC_TCVN3, L("“Nguyễn” – ‘a’"), &len, &cause);
	ok(p != NULL && strcmp(p, "\x93Nguy\xd4n\x94 \x96 \x91" "a\x92") == 0,
	    "TCVN3: smart quotes and dashes written as Windows writes them");
	free(p);
	ok(roundtrip(ENC_TCVN3, "“Ỏ” Õ € … ™ Ả"), "TCVN3: quotes and Ỏ Õ "
	    "both round-trip");
	ok(roundtrip(ENC_VNI, "“Nguyễn” € … — ©"), "VNI: cp1252 symbols "
	    "round-trip");
}

/* Expect decoding s in e to fail with message want. */
static void
bad_decode(enum encoding e, const char *s, size_t len, const char *want)
{
	char	*p, *cause;
	size_t	 n;

	p = dec(e, s, len, &n, &cause);
	ok(p == NULL, "%s: refused", want);
	is_string(cause, want, "%s: message", encoding_name(e));
	free(p);
	free(cause);
}

static void
bad_encode(enum encoding e, const char *s, const char *want)
{
	char	*p, *cause;
	size_t	 n;

	p = enc(e, s, strlen(s), &n, &cause);
	ok(p == NULL, "%s: refused", want);
	is_string(cause, want, "%s: message", encoding_name(e));
	free(p);
	free(cause);
}

static void
test_errors(void)
{
	bad_decode(ENC_CP1258, L("Vi\xea\xf2t \x81"),
	    "byte 0x81 at offset 6 is not valid cp1258");
	bad_decode(ENC_VNI, L("Vieat \x8d"),
	    "byte 0x8D at offset 6 is not valid vni");
	bad_decode(ENC_UTF8, L("Việt \xe1\xbb"),
	    "byte 0xE1 at offset 7 is not valid utf-8");
	bad_decode(ENC_UTF8, L("Vi\xc3\x28t"),
	    "byte 0xC3 at offset 2 is not valid utf-8");
	bad_decode(ENC_VIQR, L("Vie^.t \xe1"),
	    "byte 0xE1 at offset 7 is not valid viqr");
	bad_decode(ENC_TCVN3, L("ab\0c"), "NUL byte at offset 2");
	bad_decode(ENC_VISCII, L("\0"), "NUL byte at offset 0");
	bad_decode(ENC_VNI, L("abc\0"), "NUL byte at offset 3");
	bad_decode(ENC_UTF8, L("a\0"), "NUL byte at offset 1");
	bad_encode(ENC_VISCII, "Giá 5 €",
	    "character U+20AC '€' at offset 7 cannot be written in viscii");
	bad_encode(ENC_TCVN3, "Nga Ж",
	    "character U+0416 'Ж' at offset 4 cannot be written in tcvn3");
	bad_encode(ENC_CP1258, "ŝ",
	    "character U+015D 'ŝ' at offset 0 cannot be written in cp1258");
	bad_encode(ENC_VNI, "Müller",
	    "character U+00FC 'ü' at offset 1 cannot be written in vni");
	bad_encode(ENC_VIQR, "Ông Muñoz",
	    "character U+00F1 'ñ' at offset 7 cannot be written in viqr");
	bad_encode(ENC_VIQR, "áá",
	    "character U+00E1 'á' at offset 2 cannot be written in viqr");
	bad_encode(ENC_VNI, "ab\xff", "invalid UTF-8 at offset 2");
	ok(roundtrip(ENC_VNI, "ĕ b\xcc\x81 Đ ×"),
	    "VNI writes other marks on ASCII letters as base and mark");
}

static void
test_viqr(void)
{
	static const char *cases[][2] = {
		{ "dd", "đ" }, { "DDa(.ng", "Đặng" }, { "Dd", "Đ" },
		{ "d\\d", "dd" }, { "\\ddd", "dđ" }, { "a\\.", "a." },
		{ "ngu+o+`i", "người" }, { "ngu*o*`i", "người" },
		{ "a'^", "á^" }, { "a\\b", "a\\b" }, { "x'", "x'" },
		{ "It's", "It's" }, { "Tie^'ng Vie^.t", "Tiếng Việt" },
		{ "a\\", "a\\" }, { "\\\\", "\\" }, { NULL, NULL }
	};
	static const char *trips[] = {
		"dd", "dđ", "đd", "Dd", "DD", "a.", "i?", "Hà Nội.", "It's",
		"a\\b", "\\", "x^", "ê^", "u+", "Ơ*", "mẹ.", "Có? Không!",
		"add đdd", "\\d", NULL
	};
	char	*p, *cause;
	size_t	 len;
	int	 i;

	for (i = 0; cases[i][0] != NULL; i++) {
		p = dec(ENC_VIQR, cases[i][0], strlen(cases[i][0]), &len,
		    &cause);
		is_string(p, cases[i][1], "VIQR '%s'", cases[i][0]);
		free(p);
	}
	for (i = 0; trips[i] != NULL; i++)
		ok(roundtrip(ENC_VIQR, trips[i]), "VIQR round trip '%s'",
		    trips[i]);
	p = enc(ENC_VIQR, L("Đặng Văn Hoà. Đi đâu?"), &len, &cause);
	is_string(p, "DDa(.ng Va(n Hoa`. DDi dda^u\\?",
	    "VIQR written plainly when nothing is ambiguous");
	free(p);
}

/* Read all of f with reads of k bytes; NULL and *cause on failure. */
static char *
slurp(FILE *f, size_t k, size_t *len, char **cause)
{
	struct ubuf	 b;
	char		 tmp[8192];
	size_t		 n;

	memset(&b, 0, sizeof b);
	*cause = NULL;
	while ((n = fread(tmp, 1, k, f)) > 0)
		ubuf_add(&b, tmp, n);
	if (ferror(f)) {
		*cause = xstrdup(encoding_error(f) != NULL ?
		    encoding_error(f) : "no message");
		if (errno != EILSEQ)
			diag("errno %d, not EILSEQ", errno);
		free(b.p);
		return (NULL);
	}
	return (ubuf_finish(&b, len));
}

/* Decode through the reader, reading k bytes at a time. */
static char *
read_through(enum encoding e, const char *s, size_t len, size_t k,
    size_t *outlen, char **cause)
{
	FILE	*in, *r;
	char	*out;

	in = fmemopen((void *)s, len, "r");
	if ((r = encoding_open_reader(in, e, cause)) == NULL)
		bail("reader: %s", *cause);
	setvbuf(r, NULL, _IONBF, 0);
	out = slurp(r, k, outlen, cause);
	fclose(r);
	fclose(in);
	return (out);
}

/* Encode through the writer, writing k bytes at a time. */
static char *
write_through(enum encoding e, const char *s, size_t len, size_t k,
    size_t *outlen, char **cause)
{
	FILE	*out, *w;
	char	*buf = NULL, *r;
	size_t	 size = 0, i, n;

	out = open_memstream(&buf, &size);
	if ((w = encoding_open_writer(out, e, cause)) == NULL)
		bail("writer: %s", *cause);
	setvbuf(w, NULL, _IONBF, 0);
	for (i = 0; i < len; i += n) {
		n = len - i < k ? len - i : k;
		fwrite(s + i, 1, n, w);
	}
	*cause = NULL;
	if (encoding_close(w, cause) != 0) {
		fclose(out);
		free(buf);
		return (NULL);
	}
	fclose(out);
	r = malloc(size + 1);
	memcpy(r, buf, size);
	r[size] = '\0';
	*outlen = size;
	free(buf);
	return (r);
}

static void
test_streams(const char *sample, size_t slen)
{
	static const size_t	 sizes[] = { 1, 2, 3, 7, 13, 64, 4096 };
	char			*whole, *p, *q, *cause, *big, *nfd;
	size_t			 wlen, plen, qlen, i, k, j;
	int			 bad;

	for (i = 0; i < NLEGACY + 1; i++) {
		enum encoding e = i < NLEGACY ? legacy[i] : ENC_UTF8;

		whole = enc(e, sample, slen, &wlen, &cause);
		if (whole == NULL)
			bail("%s: %s", encoding_name(e), cause);
		bad = 0;
		for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
			p = write_through(e, sample, slen, sizes[k], &plen,
			    &cause);
			if (p == NULL || plen != wlen ||
			    memcmp(p, whole, wlen) != 0) {
				diag("%s: writing by %zu differs",
				    encoding_name(e), sizes[k]);
				bad++;
			}
			q = read_through(e, whole, wlen, sizes[k], &qlen,
			    &cause);
			if (q == NULL || qlen != slen ||
			    memcmp(q, sample, slen) != 0) {
				diag("%s: reading by %zu differs: %s",
				    encoding_name(e), sizes[k], cause);
				bad++;
			}
			free(p);
			free(q);
			free(cause);
		}
		is_int(bad, 0, "%s: streams by 1 to 4096 bytes equal whole "
		    "buffers", encoding_name(e));
		free(whole);
	}

	/* NFD written a byte at a time: marks in later chunks. */
	nfd = xstrdup("Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 Thu\xcc\x89y");
	p = write_through(ENC_VNI, nfd, strlen(nfd), 1, &plen, &cause);
	q = enc(ENC_VNI, "Nguyễn Thị Thủy", strlen("Nguyễn Thị Thủy"), &qlen,
	    &cause);
	ok(p != NULL && q != NULL && strcmp(p, q) == 0,
	    "NFD split between chunks is written as NFC");
	free(p);
	free(q);
	p = read_through(ENC_UTF8, nfd, strlen(nfd), 1, &plen, &cause);
	is_string(p, "Nguyễn Thị Thủy", "NFD read a byte at a time is NFC");
	free(p);
	free(nfd);

	/* A big text: past the 64 KiB guessing sample and the 16 KiB reads. */
	big = xmalloc(slen * 60 + 1);
	for (j = 0; j < 60; j++)
		memcpy(big + j * slen, sample, slen);
	big[slen * 60] = '\0';
	whole = enc(ENC_TCVN3, big, slen * 60, &wlen, &cause);
	p = read_through(ENC_AUTO, whole, wlen, 8192, &plen, &cause);
	ok(p != NULL && plen == slen * 60 && memcmp(p, big, plen) == 0,
	    "a %zu-byte TCVN3 file reads back through auto", wlen);
	free(p);
	p = read_through(ENC_TCVN3, whole, wlen, 5000, &plen, &cause);
	ok(p != NULL && plen == slen * 60 && memcmp(p, big, plen) == 0,
	    "and through tcvn3 by 5000 bytes");
	free(p);
	free(whole);
	free(big);
}

static void
test_stream_errors(void)
{
	static const char	 bad[] = "Vi\xea\xf2t Nam\n\x81 sau";
	char			*p, *cause, *whole_cause;
	FILE			*in, *r, *out, *w;
	char			 line[64], *buf = NULL;
	size_t			 len, size = 0;

	p = dec(ENC_CP1258, bad, sizeof bad - 1, &len, &whole_cause);
	ok(p == NULL, "cp1258 with 0x81 is refused");
	p = read_through(ENC_CP1258, bad, sizeof bad - 1, 3, &len, &cause);
	ok(p == NULL, "and refused through the reader");
	is_string(cause, whole_cause, "with the same message and offset");
	free(cause);
	free(whole_cause);

	in = fmemopen((void *)bad, sizeof bad - 1, "r");
	r = encoding_open_reader(in, ENC_CP1258, &cause);
	ok(fgets(line, sizeof line, r) != NULL && strcmp(line,
	    "Việt Nam\n") == 0, "the line before the bad byte reads");
	errno = 0;
	ok(fgets(line, sizeof line, r) == NULL && ferror(r) &&
	    errno == EILSEQ, "then the read fails with EILSEQ");
	is_string(encoding_error(r),
	    "byte 0x81 at offset 10 is not valid cp1258",
	    "encoding_error gives the offset");
	ok(encoding_close(r, &cause) == -1, "closing reports it again");
	free(cause);
	fclose(in);

	out = open_memstream(&buf, &size);
	w = encoding_open_writer(out, ENC_VISCII, &cause);
	fputs("Giá: ", w);
	fputs("5 €\n", w);
	ok(encoding_error(w) == NULL, "nothing fails while buffered");
	ok(encoding_close(w, &cause) == -1,
	    "closing the writer reports the unwritable character");
	is_string(cause,
	    "character U+20AC '€' at offset 8 cannot be written in viscii",
	    "with its offset");
	free(cause);
	fclose(out);
	free(buf);

	ok(encoding_open_writer(stdout, ENC_AUTO, &cause) == NULL,
	    "no writer for auto");
	free(cause);
	ok(encoding_error(stdout) == NULL, "stdout is not a wrapper");
}

static void
test_guess(const char *sample, size_t slen)
{
	struct encoding_guess	 g;
	FILE			*in, *r;
	char			*b, *cause;
	size_t			 blen, i;
	static const char	 english[] = "The quick brown fox jumps over "
	    "the lazy dog. Is it so? Do you know?\n";

	for (i = 0; i < NLEGACY; i++) {
		b = enc(legacy[i], sample, slen, &blen, &cause);
		encoding_guess(b, blen, &g);
		is_string(encoding_name(g.enc), encoding_name(legacy[i]),
		    "a %s sample is guessed (%zu of %zu words Vietnamese)",
		    encoding_name(legacy[i]), g.vietnamese, g.words);
		ok(g.words > 200 && g.vietnamese * 10 > g.words * 9,
		    "most of its words are syllables");
		in = fmemopen(b, blen, "r");
		r = encoding_open_reader(in, ENC_AUTO, &cause);
		ok(encoding_guessed(r, &g) == 0 && g.enc == legacy[i],
		    "the auto reader guesses %s too", encoding_name(legacy[i]));
		fclose(r);
		fclose(in);
		free(b);
	}
	encoding_guess(sample, slen, &g);
	ok(g.enc == ENC_UTF8, "UTF-8 is UTF-8");
	encoding_guess(english, sizeof english - 1, &g);
	ok(g.enc == ENC_UTF8, "English ASCII is UTF-8, not VIQR");
	encoding_guess("\xef\xbb\xbf" "abc", 6, &g);
	ok(g.enc == ENC_UTF8, "a byte-order mark means UTF-8");
	b = dec(ENC_AUTO, L("\xef\xbb\xbfViệt"), &blen, &cause);
	is_string(b, "Việt", "the byte-order mark is dropped");
	free(b);
	b = dec(ENC_AUTO, L("Ha` No^.i la` thu? ddo^ cu?a Vie^.t Nam."),
	    &blen, &cause);
	is_string(b, "Hà Nội là thủ đô của Việt Nam.", "VIQR is guessed");
	free(b);
}

int
main(void)
{
	char	*sample, *cause;
	size_t	 slen;

	i18n_init("en");
	if ((sample = lines_read_file(DATA "sample.txt", &slen, &cause)) ==
	    NULL)
		bail("%s", cause);
	test_names();
	test_letters();
	test_tables();
	test_flush();
	test_quotes();
	test_errors();
	test_viqr();
	test_streams(sample, slen);
	test_stream_errors();
	test_guess(sample, slen);
	free(sample);
	return (done_testing());
}
