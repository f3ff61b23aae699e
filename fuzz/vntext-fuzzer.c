/*
 * vntext-fuzzer.c: libFuzzer target for the Vietnamese text keys.
 *
 * The input is split at its first newline into two strings a and b.
 * Invariants, for valid UTF-8 (invalid UTF-8 must give NULL everywhere):
 *
 * - every key is valid UTF-8 and NFC, the display forms are ASCII;
 * - the keys are idempotent and nest: loose(tone(x)) = loose(x),
 *   variant(tone(x)) = variant(x), tone(variant(x)) = variant(x);
 * - tone(a) = tone(b) implies loose(a) = loose(b) and variant(a) =
 *   variant(b), and holds exactly when the letter and tone levels of the
 *   collation keys agree;
 * - collation keys have no byte below 0x02 and do not depend on the
 *   normalisation form; strcmp on them orders a and b one way only;
 * - a syllable stays a syllable in its tone key; the syllable count is at
 *   most the word count.
 */

#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>

#include "i18n.h"
#include "utf8.h"
#include "vntext.h"

#define FUZZ_MAX_INPUT	4096

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

/* Is s valid UTF-8 in NFC? */
static int
nfc_ok(const char *s)
{
	char	*n;
	int	 r;

	if (utf8_invalid(s, strlen(s)) != NULL)
		return (0);
	n = utf8_nfc(s);
	r = (strcmp(n, s) == 0);
	free(n);
	return (r);
}

static int
ascii_ok(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return (0);
	return (1);
}

/* Apply key to key(s) and compare with the other key of s. */
static void
nests(char *(*outer)(const char *), char *(*inner)(const char *),
    const char *s, const char *want)
{
	char	*i = inner(s), *o = outer(i);

	assert(strcmp(o, want) == 0);
	free(i);
	free(o);
}

/* The length of the letter and tone levels of collation key k. */
static size_t
levels12(const char *k)
{
	const char	*p = strchr(k, 0x02);

	assert(p != NULL);
	p = strchr(p + 1, 0x02);
	assert(p != NULL);
	return ((size_t)(p - k));
}

/* The keys of one string. */
struct keys {
	char	*loose, *tone, *variant, *coll;
};

static void
keys_of(const char *s, struct keys *k)
{
	char	*viqr, *ascii, *person, *nfd;
	size_t	 i, len;

	k->loose = vntext_key_loose(s);
	k->tone = vntext_key_tone(s);
	k->variant = vntext_key_variant(s);
	k->coll = vntext_collate_key(s);
	person = vntext_person_key(s);
	viqr = vntext_to_viqr(s);
	ascii = vntext_to_ascii(s);
	assert(k->loose != NULL && k->tone != NULL && k->variant != NULL &&
	    k->coll != NULL && person != NULL && viqr != NULL &&
	    ascii != NULL);

	assert(nfc_ok(k->loose) && nfc_ok(k->tone) && nfc_ok(k->variant));
	assert(ascii_ok(viqr) && ascii_ok(ascii));
	for (i = 0; k->coll[i] != '\0'; i++)
		assert((unsigned char)k->coll[i] >= 0x02);
	for (i = 0; person[i] != '\0'; i++)
		assert((unsigned char)person[i] >= 0x01);

	nests(vntext_key_loose, vntext_key_loose, s, k->loose);
	nests(vntext_key_tone, vntext_key_tone, s, k->tone);
	nests(vntext_key_variant, vntext_key_variant, s, k->variant);
	nests(vntext_key_loose, vntext_key_tone, s, k->loose);
	nests(vntext_key_variant, vntext_key_tone, s, k->variant);
	nests(vntext_key_tone, vntext_key_variant, s, k->variant);

	/* The same key from NFD. */
	nfd = (char *)u8_normalize(UNINORM_NFD, (const uint8_t *)s,
	    strlen(s) + 1, NULL, &len);
	assert(nfd != NULL);
	free(viqr);
	viqr = vntext_collate_key(nfd);
	assert(strcmp(viqr, k->coll) == 0);
	free(nfd);

	/* A syllable stays one with its tone moved. */
	if (vntext_is_syllable(s, strlen(s)))
		assert(vntext_is_syllable(k->tone, strlen(k->tone)));
	(void)vntext_count_syllables(s, strlen(s), &len);
	assert(vntext_count_syllables(s, strlen(s), &len) <= len);

	free(viqr);
	free(ascii);
	free(person);
}

static void
keys_free(struct keys *k)
{
	free(k->loose);
	free(k->tone);
	free(k->variant);
	free(k->coll);
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
	struct keys	 ka, kb;
	char		*buf, *a, *b;
	int		 ca, cb;
	size_t		 la, lb;

	if (size > FUZZ_MAX_INPUT || memchr(data, '\0', size) != NULL)
		return (0);
	buf = strndup((const char *)data, size);
	assert(buf != NULL);
	a = buf;
	if ((b = strchr(buf, '\n')) != NULL)
		*b++ = '\0';
	else
		b = "";
	if (utf8_invalid(a, strlen(a)) != NULL) {
		assert(vntext_key_loose(a) == NULL &&
		    vntext_key_tone(a) == NULL &&
		    vntext_key_variant(a) == NULL &&
		    vntext_collate_key(a) == NULL &&
		    vntext_person_key(a) == NULL &&
		    vntext_to_viqr(a) == NULL && vntext_to_ascii(a) == NULL);
		(void)vntext_is_syllable(a, strlen(a));
		free(buf);
		return (0);
	}
	if (utf8_invalid(b, strlen(b)) != NULL)
		b = "";

	keys_of(a, &ka);
	keys_of(b, &kb);
	if (strcmp(ka.tone, kb.tone) == 0) {
		assert(strcmp(ka.loose, kb.loose) == 0);
		assert(strcmp(ka.variant, kb.variant) == 0);
	}
	la = levels12(ka.coll);
	lb = levels12(kb.coll);
	assert((strcmp(ka.tone, kb.tone) == 0) ==
	    (la == lb && memcmp(ka.coll, kb.coll, la) == 0));
	ca = strcmp(ka.coll, kb.coll);
	cb = strcmp(kb.coll, ka.coll);
	assert((ca < 0) == (cb > 0) && (ca == 0) == (cb == 0));
	keys_free(&ka);
	keys_free(&kb);
	free(buf);
	return (0);
}
