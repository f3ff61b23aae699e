/*
 * utf8-t.c: the quick NFC test against libunistring's normalisation:
 * every code point it takes as NFC, alone and in pairs, and the strings
 * it must leave to the full normalisation (decomposed letters, marks,
 * invalid or truncated bytes); the validator against u8_check; the
 * table-driven case fold against u8_casefold; code point counts.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

#include "tap.h"
#include "utf8.h"

/* Is the UTF-8 of the code points in cps its own NFC, quick or not? */
static int
nfc_same(const uint32_t *cps, size_t n, int *quick)
{
	char	 buf[32], *nfc;
	size_t	 i, len = 0;
	int	 same;

	for (i = 0; i < n; i++)
		len += u8_uctomb((uint8_t *)buf + len, cps[i], 8);
	buf[len] = '\0';
	*quick = utf8_is_nfc_quick(buf);
	nfc = utf8_nfc(buf);
	same = nfc != NULL && strcmp(nfc, buf) == 0;
	free(nfc);
	return (same);
}

/* Does utf8_casefold fold s as u8_casefold with NFC does? */
static int
fold_same(const char *s)
{
	uint8_t	*want;
	char	*got;
	size_t	 wlen, glen;
	int	 same;

	want = u8_casefold((const uint8_t *)s, strlen(s), NULL, UNINORM_NFC,
	    NULL, &wlen);
	got = utf8_casefold(s, strlen(s), &glen);
	same = want != NULL && glen == wlen && memcmp(got, want, wlen) == 0 &&
	    got[glen] == '\0';
	free(want);
	free(got);
	return (same);
}

static int
in_quick_set(uint32_t cp)
{
	return ((cp >= 1 && cp < 0x300) || (cp >= 0x1e00 && cp < 0x1f00));
}

int
main(void)
{
	static const uint32_t	 marks[] = { 0x300, 0x301, 0x303, 0x309, 0x323,
				     0x302, 0x306, 0x31b };
	uint32_t		 cp, pair[2];
	size_t			 i, quick_ok = 0, quick_n = 0, pairs_ok = 0;
	size_t			 pairs_n = 0, marked = 0, n, len, j, k;
	const char		*want, *bad;
	uint8_t			 bytes[24];
	char			*s, buf[8];
	int			 quick;

	ok(utf8_is_nfc_quick("") && utf8_is_nfc_quick("Nguyen Van An 12/3"),
	    "ASCII is NFC");
	ok(utf8_is_nfc_quick("Nguyễn Thị Thủy, Đặng Quý, Ưng Hoà"),
	    "precomposed Vietnamese is NFC, quickly");
	ok(!utf8_is_nfc_quick("Nguye\xcc\x82\xcc\x83n"),
	    "a decomposed letter is not taken as NFC");
	s = utf8_nfc("Nguye\xcc\x82\xcc\x83n");
	is_string(s, "Nguyễn", "and utf8_nfc composes it");
	free(s);
	ok(!utf8_is_nfc_quick("\xc3") && utf8_nfc("\xc3") == NULL,
	    "a truncated sequence is left to the full check, which refuses it");
	ok(!utf8_is_nfc_quick("a\xe1\xbb") && utf8_nfc("a\xe1\xbb") == NULL,
	    "so is a truncated three-byte letter");
	ok(!utf8_is_nfc_quick("\xc0\x80") && utf8_nfc("\xc0\x80") == NULL,
	    "an overlong NUL is refused");
	ok(!utf8_is_nfc_quick("\xce\xb1") && (s = utf8_nfc("\xce\xb1")) !=
	    NULL && strcmp(s, "\xce\xb1") == 0,
	    "Greek is outside the quick set and comes through whole");
	free(s);

	/* Every code point of the quick set, alone and with a mark. */
	for (cp = 1; cp < 0x1f00; cp++) {
		if (!in_quick_set(cp))
			continue;
		quick_n++;
		if (nfc_same(&cp, 1, &quick) && quick)
			quick_ok++;
		for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
			pair[0] = cp;
			pair[1] = marks[i];
			nfc_same(pair, 2, &quick);
			marked += !quick;
		}
	}
	is_int(quick_ok, quick_n, "each of the %zu code points of the quick "
	    "set is quick and its own NFC", quick_n);
	is_int(marked, quick_n * (sizeof marks / sizeof marks[0]),
	    "none followed by a combining mark is taken as NFC");

	/* Pairs from the set never compose. */
	for (pair[0] = 0x41; pair[0] < 0x1f00; pair[0] += 5) {
		if (!in_quick_set(pair[0]))
			continue;
		for (pair[1] = 0x41; pair[1] < 0x1f00; pair[1] += 7) {
			if (!in_quick_set(pair[1]))
				continue;
			pairs_n++;
			if (nfc_same(pair, 2, &quick) && quick)
				pairs_ok++;
		}
	}
	is_int(pairs_ok, pairs_n, "%zu pairs of them stay as they are",
	    pairs_n);

	/* utf8_invalid against u8_check, on random near-UTF-8 bytes. */
	n = 0;
	srandom(7);
	for (i = 0; i < 200000; i++) {
		len = random() % 24;
		for (j = 0; j < len; j++) {
			k = random() % 10;
			if (k < 4)
				bytes[j] = 'a' + k;
			else if (k < 7)
				bytes[j] = 0x80 + random() % 64;
			else if (k < 9)
				bytes[j] = 0xc0 + random() % 64;
			else
				bytes[j] = random() % 256;
		}
		want = memchr(bytes, '\0', len);
		bad = (const char *)u8_check(bytes, len);
		if (want == NULL || (bad != NULL && bad < want))
			want = bad;
		n += utf8_invalid((char *)bytes, len) == want;
	}
	is_int(n, 200000, "utf8_invalid finds what u8_check and memchr find, "
	    "first");
	ok(utf8_invalid("0123456789abcdef\xf4\x90\x80\x80", 20) != NULL &&
	    utf8_invalid("\xed\xa0\x80", 3) != NULL &&
	    utf8_invalid("\xe0\x80\xaf", 3) != NULL &&
	    utf8_invalid("\xf0\x9f\x98\x80 Việt", 11) == NULL &&
	    utf8_invalid("abcdefgh\0abcdefgh", 17) != NULL,
	    "past U+10FFFF, surrogates, overlong forms and NUL are invalid");

	/* Case folding. */
	n = 0;
	for (cp = 1; cp < 0x1f00; cp++) {
		if (!in_quick_set(cp))
			continue;
		buf[u8_uctomb((uint8_t *)buf, cp, 8)] = '\0';
		n += fold_same(buf);
	}
	is_int(n, quick_n, "utf8_casefold folds each code point of the quick "
	    "set as u8_casefold does");
	ok(fold_same("NGUYỄN Thị THỦY") && fold_same("Straße İstanbul ẞ ŉ") &&
	    fold_same("Nguye\xcc\x82\xcc\x83n ΑΒΓ") && fold_same(""),
	    "and strings, in the quick set or not");
	s = utf8_fold("  Nguyễn \t THỊ\n  Thủy ");
	is_string(s, "nguyễn thị thủy", "utf8_fold folds and collapses spaces");
	free(s);
	ok(utf8_fold("\xc3") == NULL, "utf8_fold refuses invalid UTF-8");
	is_int(utf8_len("Nguyễn Thị Thủy"), 15, "utf8_len counts code points");
	s = utf8_pad("Nguyễn", 8);
	is_string(s, "Nguyễn  ", "utf8_pad pads by columns, not bytes");
	free(s);
	s = utf8_pad("Nguye\xcc\x82\xcc\x83n Văn", 8);
	is_string(s, "Nguye\xcc\x82\xcc\x83n V",
	    "combining marks take no column");
	free(s);
	s = utf8_pad("Ngày đăng ký", 4);
	is_string(s, "Ngày", "utf8_pad cuts at the width");
	free(s);
	s = utf8_pad("越南", 3);
	is_string(s, "越 ", "a wide letter that does not fit is left out");
	free(s);
	return (done_testing());
}
