/*
 * vntext.c: Vietnamese text keys, collation, display fallbacks and the
 * syllable checker.
 *
 * Text is taken apart into units: a vowel (one of the 12 vowel letters with
 * a tone and a case), a consonant (an ASCII consonant or đ), another
 * letter, a combining mark left over after NFC, a digit, a space or
 * anything else. The keys are built from the units: a syllable is a run of
 * vowel and consonant units, and is where tones are moved and i/y folded.
 * The rules are those of the project's Vietnamese text reference, sections
 * 1.5 (tone placement) and 3 (collation and matching).
 */

#include "config.h"

#include <sys/types.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "utf8.h"
#include "vntext.h"
#include "xmalloc.h"

/* The 12 vowel letters. */
enum {
	V_A, V_AW, V_AA, V_E, V_EE, V_I, V_O, V_OO, V_OW, V_U, V_UW, V_Y,
	V_COUNT
};

/* Each vowel's base letter and mark, in VIQR's mnemonics. */
static const struct {
	char	base;
	char	mark;
} vowels[V_COUNT] = {
	{ 'a', 0 }, { 'a', '(' }, { 'a', '^' }, { 'e', 0 }, { 'e', '^' },
	{ 'i', 0 }, { 'o', 0 }, { 'o', '^' }, { 'o', '+' }, { 'u', 0 },
	{ 'u', '+' }, { 'y', 0 }
};

/* Each vowel in each case with each tone (enum vn_tone order), NFC. */
static const uint32_t vowel_forms[V_COUNT][2][6] = {
	{ { 0x0061, 0x00e0, 0x1ea3, 0x00e3, 0x00e1, 0x1ea1 },	/* aàảãáạ */
	  { 0x0041, 0x00c0, 0x1ea2, 0x00c3, 0x00c1, 0x1ea0 } },
	{ { 0x0103, 0x1eb1, 0x1eb3, 0x1eb5, 0x1eaf, 0x1eb7 },	/* ăằẳẵắặ */
	  { 0x0102, 0x1eb0, 0x1eb2, 0x1eb4, 0x1eae, 0x1eb6 } },
	{ { 0x00e2, 0x1ea7, 0x1ea9, 0x1eab, 0x1ea5, 0x1ead },	/* âầẩẫấậ */
	  { 0x00c2, 0x1ea6, 0x1ea8, 0x1eaa, 0x1ea4, 0x1eac } },
	{ { 0x0065, 0x00e8, 0x1ebb, 0x1ebd, 0x00e9, 0x1eb9 },	/* eèẻẽéẹ */
	  { 0x0045, 0x00c8, 0x1eba, 0x1ebc, 0x00c9, 0x1eb8 } },
	{ { 0x00ea, 0x1ec1, 0x1ec3, 0x1ec5, 0x1ebf, 0x1ec7 },	/* êềểễếệ */
	  { 0x00ca, 0x1ec0, 0x1ec2, 0x1ec4, 0x1ebe, 0x1ec6 } },
	{ { 0x0069, 0x00ec, 0x1ec9, 0x0129, 0x00ed, 0x1ecb },	/* iìỉĩíị */
	  { 0x0049, 0x00cc, 0x1ec8, 0x0128, 0x00cd, 0x1eca } },
	{ { 0x006f, 0x00f2, 0x1ecf, 0x00f5, 0x00f3, 0x1ecd },	/* oòỏõóọ */
	  { 0x004f, 0x00d2, 0x1ece, 0x00d5, 0x00d3, 0x1ecc } },
	{ { 0x00f4, 0x1ed3, 0x1ed5, 0x1ed7, 0x1ed1, 0x1ed9 },	/* ôồổỗốộ */
	  { 0x00d4, 0x1ed2, 0x1ed4, 0x1ed6, 0x1ed0, 0x1ed8 } },
	{ { 0x01a1, 0x1edd, 0x1edf, 0x1ee1, 0x1edb, 0x1ee3 },	/* ơờởỡớợ */
	  { 0x01a0, 0x1edc, 0x1ede, 0x1ee0, 0x1eda, 0x1ee2 } },
	{ { 0x0075, 0x00f9, 0x1ee7, 0x0169, 0x00fa, 0x1ee5 },	/* uùủũúụ */
	  { 0x0055, 0x00d9, 0x1ee6, 0x0168, 0x00da, 0x1ee4 } },
	{ { 0x01b0, 0x1eeb, 0x1eed, 0x1eef, 0x1ee9, 0x1ef1 },	/* ưừửữứự */
	  { 0x01af, 0x1eea, 0x1eec, 0x1eee, 0x1ee8, 0x1ef0 } },
	{ { 0x0079, 0x1ef3, 0x1ef7, 0x1ef9, 0x00fd, 0x1ef5 },	/* yỳỷỹýỵ */
	  { 0x0059, 0x1ef2, 0x1ef6, 0x1ef8, 0x00dd, 0x1ef4 } }
};

/*
 * The same 144 code points sorted, for a binary search from a code point
 * to its vowel, case and tone. vntext-t checks the two tables agree.
 */
static const struct vowelcp {
	uint32_t	cp;
	uint8_t		vowel;
	uint8_t		upper;
	uint8_t		tone;
} vowel_cps[] = {
	{ 0x0041, V_A, 1, 0 }, { 0x0045, V_E, 1, 0 }, { 0x0049, V_I, 1, 0 },
	{ 0x004f, V_O, 1, 0 }, { 0x0055, V_U, 1, 0 }, { 0x0059, V_Y, 1, 0 },
	{ 0x0061, V_A, 0, 0 }, { 0x0065, V_E, 0, 0 }, { 0x0069, V_I, 0, 0 },
	{ 0x006f, V_O, 0, 0 }, { 0x0075, V_U, 0, 0 }, { 0x0079, V_Y, 0, 0 },
	{ 0x00c0, V_A, 1, 1 }, { 0x00c1, V_A, 1, 4 }, { 0x00c2, V_AA, 1, 0 },
	{ 0x00c3, V_A, 1, 3 }, { 0x00c8, V_E, 1, 1 }, { 0x00c9, V_E, 1, 4 },
	{ 0x00ca, V_EE, 1, 0 }, { 0x00cc, V_I, 1, 1 }, { 0x00cd, V_I, 1, 4 },
	{ 0x00d2, V_O, 1, 1 }, { 0x00d3, V_O, 1, 4 }, { 0x00d4, V_OO, 1, 0 },
	{ 0x00d5, V_O, 1, 3 }, { 0x00d9, V_U, 1, 1 }, { 0x00da, V_U, 1, 4 },
	{ 0x00dd, V_Y, 1, 4 }, { 0x00e0, V_A, 0, 1 }, { 0x00e1, V_A, 0, 4 },
	{ 0x00e2, V_AA, 0, 0 }, { 0x00e3, V_A, 0, 3 }, { 0x00e8, V_E, 0, 1 },
	{ 0x00e9, V_E, 0, 4 }, { 0x00ea, V_EE, 0, 0 }, { 0x00ec, V_I, 0, 1 },
	{ 0x00ed, V_I, 0, 4 }, { 0x00f2, V_O, 0, 1 }, { 0x00f3, V_O, 0, 4 },
	{ 0x00f4, V_OO, 0, 0 }, { 0x00f5, V_O, 0, 3 }, { 0x00f9, V_U, 0, 1 },
	{ 0x00fa, V_U, 0, 4 }, { 0x00fd, V_Y, 0, 4 }, { 0x0102, V_AW, 1, 0 },
	{ 0x0103, V_AW, 0, 0 }, { 0x0128, V_I, 1, 3 }, { 0x0129, V_I, 0, 3 },
	{ 0x0168, V_U, 1, 3 }, { 0x0169, V_U, 0, 3 }, { 0x01a0, V_OW, 1, 0 },
	{ 0x01a1, V_OW, 0, 0 }, { 0x01af, V_UW, 1, 0 }, { 0x01b0, V_UW, 0, 0 },
	{ 0x1ea0, V_A, 1, 5 }, { 0x1ea1, V_A, 0, 5 }, { 0x1ea2, V_A, 1, 2 },
	{ 0x1ea3, V_A, 0, 2 }, { 0x1ea4, V_AA, 1, 4 }, { 0x1ea5, V_AA, 0, 4 },
	{ 0x1ea6, V_AA, 1, 1 }, { 0x1ea7, V_AA, 0, 1 }, { 0x1ea8, V_AA, 1, 2 },
	{ 0x1ea9, V_AA, 0, 2 }, { 0x1eaa, V_AA, 1, 3 }, { 0x1eab, V_AA, 0, 3 },
	{ 0x1eac, V_AA, 1, 5 }, { 0x1ead, V_AA, 0, 5 }, { 0x1eae, V_AW, 1, 4 },
	{ 0x1eaf, V_AW, 0, 4 }, { 0x1eb0, V_AW, 1, 1 }, { 0x1eb1, V_AW, 0, 1 },
	{ 0x1eb2, V_AW, 1, 2 }, { 0x1eb3, V_AW, 0, 2 }, { 0x1eb4, V_AW, 1, 3 },
	{ 0x1eb5, V_AW, 0, 3 }, { 0x1eb6, V_AW, 1, 5 }, { 0x1eb7, V_AW, 0, 5 },
	{ 0x1eb8, V_E, 1, 5 }, { 0x1eb9, V_E, 0, 5 }, { 0x1eba, V_E, 1, 2 },
	{ 0x1ebb, V_E, 0, 2 }, { 0x1ebc, V_E, 1, 3 }, { 0x1ebd, V_E, 0, 3 },
	{ 0x1ebe, V_EE, 1, 4 }, { 0x1ebf, V_EE, 0, 4 }, { 0x1ec0, V_EE, 1, 1 },
	{ 0x1ec1, V_EE, 0, 1 }, { 0x1ec2, V_EE, 1, 2 }, { 0x1ec3, V_EE, 0, 2 },
	{ 0x1ec4, V_EE, 1, 3 }, { 0x1ec5, V_EE, 0, 3 }, { 0x1ec6, V_EE, 1, 5 },
	{ 0x1ec7, V_EE, 0, 5 }, { 0x1ec8, V_I, 1, 2 }, { 0x1ec9, V_I, 0, 2 },
	{ 0x1eca, V_I, 1, 5 }, { 0x1ecb, V_I, 0, 5 }, { 0x1ecc, V_O, 1, 5 },
	{ 0x1ecd, V_O, 0, 5 }, { 0x1ece, V_O, 1, 2 }, { 0x1ecf, V_O, 0, 2 },
	{ 0x1ed0, V_OO, 1, 4 }, { 0x1ed1, V_OO, 0, 4 }, { 0x1ed2, V_OO, 1, 1 },
	{ 0x1ed3, V_OO, 0, 1 }, { 0x1ed4, V_OO, 1, 2 }, { 0x1ed5, V_OO, 0, 2 },
	{ 0x1ed6, V_OO, 1, 3 }, { 0x1ed7, V_OO, 0, 3 }, { 0x1ed8, V_OO, 1, 5 },
	{ 0x1ed9, V_OO, 0, 5 }, { 0x1eda, V_OW, 1, 4 }, { 0x1edb, V_OW, 0, 4 },
	{ 0x1edc, V_OW, 1, 1 }, { 0x1edd, V_OW, 0, 1 }, { 0x1ede, V_OW, 1, 2 },
	{ 0x1edf, V_OW, 0, 2 }, { 0x1ee0, V_OW, 1, 3 }, { 0x1ee1, V_OW, 0, 3 },
	{ 0x1ee2, V_OW, 1, 5 }, { 0x1ee3, V_OW, 0, 5 }, { 0x1ee4, V_U, 1, 5 },
	{ 0x1ee5, V_U, 0, 5 }, { 0x1ee6, V_U, 1, 2 }, { 0x1ee7, V_U, 0, 2 },
	{ 0x1ee8, V_UW, 1, 4 }, { 0x1ee9, V_UW, 0, 4 }, { 0x1eea, V_UW, 1, 1 },
	{ 0x1eeb, V_UW, 0, 1 }, { 0x1eec, V_UW, 1, 2 }, { 0x1eed, V_UW, 0, 2 },
	{ 0x1eee, V_UW, 1, 3 }, { 0x1eef, V_UW, 0, 3 }, { 0x1ef0, V_UW, 1, 5 },
	{ 0x1ef1, V_UW, 0, 5 }, { 0x1ef2, V_Y, 1, 1 }, { 0x1ef3, V_Y, 0, 1 },
	{ 0x1ef4, V_Y, 1, 5 }, { 0x1ef5, V_Y, 0, 5 }, { 0x1ef6, V_Y, 1, 2 },
	{ 0x1ef7, V_Y, 0, 2 }, { 0x1ef8, V_Y, 1, 3 }, { 0x1ef9, V_Y, 0, 3 }
};
#define NVOWELCPS (sizeof vowel_cps / sizeof vowel_cps[0])

#define CP_DD_UPPER	0x0110	/* Đ */
#define CP_DD		0x0111	/* đ */
#define CP_ETH_UPPER	0x00d0	/* Ð, often typed for Đ */
#define CP_ETH		0x00f0	/* ð */

/* What a unit is. */
enum ukind {
	U_VOWEL,		/* one of the 12 vowels: vowel, tone, upper */
	U_CONS,			/* b..z but the vowels, or đ: lower, upper */
	U_LETTER,		/* another letter: cp, and base if it has one */
	U_MARK,			/* a combining mark: cp */
	U_DIGIT,		/* 0-9: cp */
	U_SPACE,		/* a run of white space */
	U_OTHER			/* anything else: cp */
};

struct unit {
	uint32_t	cp;	/* the code point as given */
	uint32_t	lower;	/* U_CONS: the lower-case consonant */
	uint32_t	base;	/* U_LETTER: its ASCII base letter, or 0 */
	uint8_t		kind;
	uint8_t		vowel;
	uint8_t		tone;
	uint8_t		upper;
};

/*
 * Collation weights of the letters: the Vietnamese alphabet with f, j, w
 * and z where the Latin alphabet has them.
 */
#define W_LEVEL		0x02	/* between levels of a key */
#define W_FIELD		0x01	/* between the fields of a person key */
#define W_SPACE		0x03
#define W_OTHER		0x04	/* then the code point in three bytes */
#define W_DIGIT		0x10	/* + the digit */
#define W_LETTER	0x20	/* + the rank below */
#define W_FOREIGN	0xf0	/* a letter outside the alphabet, then cp */
#define W2_TONE		0x03	/* + the tone; also for units without one */
#define W2_DECOMP	0x0e	/* a letter with marks, then its cp */
#define W2_MARK		0x0f	/* a leftover combining mark, then its cp */
#define W3_LOWER	0x03
#define W3_UPPER	0x04

static const uint8_t vowel_rank[V_COUNT] = {
	1, 2, 3, 8, 9, 13, 19, 20, 21, 27, 28, 32
};
#define RANK_DD	7
static const uint8_t ascii_rank[26] = {
	1, 4, 5, 6, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 22, 23, 24, 25,
	26, 27, 29, 30, 31, 32, 33
};

/* The vowel, case and tone of code point cp, or NULL if not a vowel. */
static const struct vowelcp *
find_vowel(uint32_t cp)
{
	size_t	lo = 0, hi = NVOWELCPS, mid;

	if (cp < 'A' || cp > 0x1ef9)
		return (NULL);
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (vowel_cps[mid].cp == cp)
			return (&vowel_cps[mid]);
		if (vowel_cps[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (NULL);
}

/*
 * The ASCII letter a Latin letter with marks is made of (ñ gives n), or 0.
 * Follows canonical decompositions to their first code point.
 */
static uint32_t
ascii_base(uint32_t cp)
{
	ucs4_t	d[UC_DECOMPOSITION_MAX_LENGTH];
	int	i;

	for (i = 0; i < 4 && cp >= 0x80; i++) {
		if (uc_canonical_decomposition(cp, d) <= 0)
			return (0);
		cp = d[0];
	}
	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
		return (cp);
	return (0);
}

/* Is cp white space? */
static int
is_space(uint32_t cp)
{
	if (cp < 0x80)
		return (cp == ' ' || (cp >= '\t' && cp <= '\r'));
	return (uc_is_property_white_space(cp));
}

/* Take code point cp apart into u. */
static void
classify(uint32_t cp, struct unit *u)
{
	const struct vowelcp	*v;

	memset(u, 0, sizeof *u);
	u->cp = cp;
	if ((v = find_vowel(cp)) != NULL) {
		u->kind = U_VOWEL;
		u->vowel = v->vowel;
		u->tone = v->tone;
		u->upper = v->upper;
	} else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
		u->kind = U_CONS;
		u->lower = cp | 0x20;
		u->upper = (cp < 'a');
	} else if (cp == CP_DD || cp == CP_DD_UPPER || cp == CP_ETH ||
	    cp == CP_ETH_UPPER) {
		u->kind = U_CONS;
		u->lower = CP_DD;
		u->upper = (cp == CP_DD_UPPER || cp == CP_ETH_UPPER);
	} else if (cp >= '0' && cp <= '9')
		u->kind = U_DIGIT;
	else if (is_space(cp))
		u->kind = U_SPACE;
	else if (uc_combining_class(cp) != 0)
		u->kind = U_MARK;
	else if (uc_is_alpha(cp)) {
		u->kind = U_LETTER;
		u->base = ascii_base(cp);
		u->upper = (uc_tolower(cp) != cp);
		if (u->base != 0)
			u->base |= 0x20;
	} else
		u->kind = U_OTHER;
}

/* Is this unit part of a word? */
static int
is_word(const struct unit *u)
{
	return (u->kind == U_VOWEL || u->kind == U_CONS ||
	    u->kind == U_LETTER || u->kind == U_MARK);
}

/*
 * Take len bytes of valid UTF-8 apart into units, with runs of white space
 * made one U_SPACE unit and none at either end. Returns the units (the
 * caller frees) and their count in *n.
 */
static struct unit *
analyse(const char *s, size_t len, size_t *n)
{
	struct unit	*v, u;
	const uint8_t	*p = (const uint8_t *)s, *end = p + len;
	ucs4_t		 uc;
	size_t		 k = 0;
	int		 m;

	v = xreallocarray(NULL, len + 1, sizeof *v);
	while (p < end) {
		m = u8_mbtouc(&uc, p, end - p);
		p += m;
		classify(uc, &u);
		if (u.kind == U_SPACE &&
		    (k == 0 || v[k - 1].kind == U_SPACE))
			continue;
		v[k++] = u;
	}
	if (k > 0 && v[k - 1].kind == U_SPACE)
		k--;
	*n = k;
	return (v);
}

/* Fold s (valid UTF-8) with NFC into a new string of length *len. */
static char *
fold(const char *s, size_t *len)
{
	return (utf8_casefold(s, strlen(s), len));
}

/* Analyse s folded; NULL if s is not valid UTF-8. */
static struct unit *
analyse_folded(const char *s, size_t *n)
{
	struct unit	*v;
	char		*f;
	size_t		 len;

	if (utf8_invalid(s, strlen(s)) != NULL)
		return (NULL);
	f = fold(s, &len);
	v = analyse(f, len, n);
	free(f);
	return (v);
}

/* Is u the vowel v? */
static int
is_vowel(const struct unit *u, int v)
{
	return (u->kind == U_VOWEL && u->vowel == v);
}

/* Is u the consonant c (lower case)? */
static int
is_cons(const struct unit *u, uint32_t c)
{
	return (u->kind == U_CONS && u->lower == c);
}

/*
 * The shape of a syllable of n units: consonants, then vowels from *v0 to
 * *v1, then consonants. Returns 0 if it is not that shape. The initials qu
 * and gi (before another vowel) are counted with the consonants, so *v0 is
 * the first vowel of the nucleus.
 */
static int
syllable_shape(const struct unit *u, size_t n, size_t *v0, size_t *v1)
{
	size_t	i, a, b;

	for (i = 0; i < n; i++)
		if (u[i].kind != U_VOWEL && u[i].kind != U_CONS)
			return (0);
	for (a = 0; a < n && u[a].kind == U_CONS; a++)
		/* nothing */;
	if (a == n)
		return (0);
	for (b = a; b + 1 < n && u[b + 1].kind == U_VOWEL; b++)
		/* nothing */;
	for (i = b + 1; i < n; i++)
		if (u[i].kind != U_CONS)
			return (0);
	if (a == 1 && b > a && is_cons(&u[0], 'q') && is_vowel(&u[a], V_U))
		a++;
	else if (a == 1 && b > a && is_cons(&u[0], 'g') &&
	    is_vowel(&u[a], V_I))
		a++;
	*v0 = a;
	*v1 = b;
	return (1);
}

/*
 * Where the tone goes in a nucleus of n vowels, coda says whether a final
 * consonant follows. This is the new (school) style of Quyết định
 * 1989/QĐ-BGDĐT: hoà, khoẻ, thuỷ, the same rule as Unikey's
 * getTonePosition with modern style on.
 */
static size_t
tone_position(const struct unit *u, size_t n, int coda)
{
	size_t	i, hook = n;

	if (n == 1)
		return (0);
	for (i = 0; i < n; i++) {
		if (u[i].vowel == V_AA || u[i].vowel == V_EE ||
		    u[i].vowel == V_OO)
			return (i);
		if (u[i].vowel == V_AW || u[i].vowel == V_OW ||
		    u[i].vowel == V_UW)
			hook = i;
	}
	if (hook != n)
		return (hook);
	if (n >= 3 || coda)
		return (1);
	if ((u[0].vowel == V_O && (u[1].vowel == V_A || u[1].vowel == V_E)) ||
	    (u[0].vowel == V_U && u[1].vowel == V_Y))
		return (1);
	return (0);
}

/*
 * Put the tone of a syllable on its main vowel. A syllable that is not
 * consonants-vowels-consonants, or has other than one tone, is left alone.
 */
static void
canon_tone(struct unit *u, size_t n)
{
	size_t	v0, v1, i, toned = 0, count = 0;

	if (!syllable_shape(u, n, &v0, &v1))
		return;
	for (i = 0; i < n; i++) {
		if (u[i].kind == U_VOWEL && u[i].tone != VN_NGANG) {
			toned = i;
			count++;
		}
	}
	if (count != 1)
		return;
	i = v0 + tone_position(u + v0, v1 - v0 + 1, v1 + 1 < n);
	if (i != toned) {
		u[i].tone = u[toned].tone;
		u[toned].tone = VN_NGANG;
	}
}

/*
 * Fold y into i where the two spell the same syllable: after an initial
 * consonant (qu included) as the whole nucleus of an open syllable (Quý,
 * Kỳ, Lý, Mỹ, Vỹ, Thy). Never in uy, ay, ây, oay, uyê (Thúy, Huy).
 */
static void
fold_iy(struct unit *u, size_t n)
{
	size_t	v0, v1;

	if (!syllable_shape(u, n, &v0, &v1))
		return;
	if (v0 > 0 && v0 == v1 && v1 + 1 == n && is_vowel(&u[v0], V_Y))
		u[v0].vowel = V_I;
}

/* Apply f to every word of the units. */
static void
each_word(struct unit *u, size_t n, void (*f)(struct unit *, size_t))
{
	size_t	i, j;

	for (i = 0; i < n; i = j) {
		if (!is_word(&u[i])) {
			j = i + 1;
			continue;
		}
		for (j = i; j < n && is_word(&u[j]); j++)
			/* nothing */;
		f(u + i, j - i);
	}
}

/* Write the units back as UTF-8 into a new string. */
static char *
render(const struct unit *u, size_t n)
{
	struct ubuf	b;
	size_t		i;

	memset(&b, 0, sizeof b);
	for (i = 0; i < n; i++) {
		switch (u[i].kind) {
		case U_VOWEL:
			ubuf_adduc(&b,
			    vowel_forms[u[i].vowel][u[i].upper][u[i].tone]);
			break;
		case U_CONS:
			if (u[i].lower == CP_DD)
				ubuf_adduc(&b, u[i].upper ? CP_DD_UPPER : CP_DD);
			else
				ubuf_addch(&b, (char)(u[i].upper ?
				    u[i].lower - 0x20 : u[i].lower));
			break;
		case U_SPACE:
			ubuf_addch(&b, ' ');
			break;
		default:
			ubuf_adduc(&b, u[i].cp);
			break;
		}
	}
	return (ubuf_finish(&b, NULL));
}

/*
 * Take code point cp apart into *l if it is one of the 134 Vietnamese
 * letters, a plain vowel (a e i o u y) or đ, in either case. Returns 1 if
 * so, 0 (leaving *l alone) otherwise.
 */
int
vntext_letter(uint32_t cp, struct vnletter *l)
{
	const struct vowelcp	*v;

	if (cp == CP_DD || cp == CP_DD_UPPER) {
		l->base = 'd';
		l->mark = 'd';
		l->tone = VN_NGANG;
		l->upper = (cp == CP_DD_UPPER);
		return (1);
	}
	if ((v = find_vowel(cp)) == NULL)
		return (0);
	l->base = vowels[v->vowel].base;
	l->mark = vowels[v->vowel].mark;
	l->tone = v->tone;
	l->upper = v->upper;
	return (1);
}

/*
 * The code point of letter *l, the inverse of vntext_letter(), or 0 if
 * there is no such Vietnamese letter (a breve on e, a tone on đ).
 */
uint32_t
vntext_compose(const struct vnletter *l)
{
	int	v;

	if (l->tone < VN_NGANG || l->tone > VN_NANG)
		return (0);
	if (l->base == 'd' && l->mark == 'd')
		return (l->tone == VN_NGANG ?
		    (l->upper ? CP_DD_UPPER : CP_DD) : 0);
	for (v = 0; v < V_COUNT; v++) {
		if (vowels[v].base == l->base && vowels[v].mark == l->mark)
			return (vowel_forms[v][l->upper != 0][l->tone]);
	}
	return (0);
}

/*
 * The loose key of s: case-folded, without any diacritic, đ (and ð, often
 * typed for it) as d, white space collapsed and trimmed: "Nguyễn  Thị
 * Thủy" gives "nguyen thi thuy". Returns a new string the caller frees, or
 * NULL if s is not valid UTF-8.
 */
char *
vntext_key_loose(const char *s)
{
	struct unit	*u;
	struct ubuf	 b;
	size_t		 n, i;

	if ((u = analyse_folded(s, &n)) == NULL)
		return (NULL);
	memset(&b, 0, sizeof b);
	for (i = 0; i < n; i++) {
		switch (u[i].kind) {
		case U_VOWEL:
			ubuf_addch(&b, vowels[u[i].vowel].base);
			break;
		case U_CONS:
			ubuf_addch(&b, u[i].lower == CP_DD ? 'd' :
			    (char)u[i].lower);
			break;
		case U_LETTER:
			if (u[i].base != 0)
				ubuf_addch(&b, (char)u[i].base);
			else
				ubuf_adduc(&b, u[i].cp);
			break;
		case U_MARK:
			break;
		case U_SPACE:
			/* Marks dropped may have left two spaces together. */
			if (b.len > 0 && b.p[b.len - 1] != ' ')
				ubuf_addch(&b, ' ');
			break;
		default:
			ubuf_adduc(&b, u[i].cp);
			break;
		}
	}
	free(u);
	if (b.len > 0 && b.p[b.len - 1] == ' ')
		b.len--;
	return (ubuf_finish(&b, NULL));
}

/*
 * The tone key of s: case-folded NFC with white space collapsed, every
 * mark kept, but the tone of each syllable moved onto its main vowel, so
 * that the old and new placements agree: "Thủy" and "Thuỷ" both give
 * "thuỷ", "Hòa" and "Hoà" give "hoà". đ and ð give đ. Returns a new string
 * the caller frees, or NULL if s is not valid UTF-8.
 */
char *
vntext_key_tone(const char *s)
{
	struct unit	*u;
	char		*r;
	size_t		 n;

	if ((u = analyse_folded(s, &n)) == NULL)
		return (NULL);
	each_word(u, n, canon_tone);
	r = render(u, n);
	free(u);
	return (r);
}

/*
 * The spelling-variant key of s: the tone key, with y written i where
 * Vietnamese spelling allows either for the same name, that is when y is
 * the whole vowel of an open syllable after an initial consonant: Quý and
 * Quí give "quí", Kỳ and Kì "kì", Mỹ and Mĩ "mĩ". Thúy, Huy and Tuyết keep
 * their y. Returns a new string the caller frees, or NULL if s is not
 * valid UTF-8.
 */
char *
vntext_key_variant(const char *s)
{
	struct unit	*u;
	char		*r;
	size_t		 n;

	if ((u = analyse_folded(s, &n)) == NULL)
		return (NULL);
	each_word(u, n, canon_tone);
	each_word(u, n, fold_iy);
	r = render(u, n);
	free(u);
	return (r);
}

/* Append code point cp to b in three bytes, each 0x80 or more. */
static void
add_cp3(struct ubuf *b, uint32_t cp)
{
	ubuf_addch(b, (char)(0x80 | ((cp >> 14) & 0x7f)));
	ubuf_addch(b, (char)(0x80 | ((cp >> 7) & 0x7f)));
	ubuf_addch(b, (char)(0x80 | (cp & 0x7f)));
}

/* Append the collation key of s (valid UTF-8) to b. */
static void
collate(struct ubuf *b, const char *s)
{
	struct unit	*u, *c;
	char		*nfc;
	size_t		 n, nc, i;

	u = analyse_folded(s, &n);
	each_word(u, n, canon_tone);

	/* Primary: the letters, spaces, digits and other characters. */
	for (i = 0; i < n; i++) {
		switch (u[i].kind) {
		case U_VOWEL:
			ubuf_addch(b, W_LETTER + vowel_rank[u[i].vowel]);
			break;
		case U_CONS:
			ubuf_addch(b, W_LETTER + (u[i].lower == CP_DD ?
			    RANK_DD : ascii_rank[u[i].lower - 'a']));
			break;
		case U_LETTER:
			if (u[i].base != 0)
				ubuf_addch(b,
				    W_LETTER + ascii_rank[u[i].base - 'a']);
			else {
				ubuf_addch(b, (char)W_FOREIGN);
				add_cp3(b, u[i].cp);
			}
			break;
		case U_MARK:
			break;
		case U_DIGIT:
			ubuf_addch(b, W_DIGIT + (u[i].cp - '0'));
			break;
		case U_SPACE:
			ubuf_addch(b, W_SPACE);
			break;
		default:
			ubuf_addch(b, W_OTHER);
			add_cp3(b, u[i].cp);
			break;
		}
	}

	/* Secondary: the tones, and any other marks. */
	ubuf_addch(b, W_LEVEL);
	for (i = 0; i < n; i++) {
		if (u[i].kind == U_VOWEL)
			ubuf_addch(b, W2_TONE + u[i].tone);
		else if (u[i].kind == U_LETTER && u[i].base != 0) {
			ubuf_addch(b, W2_DECOMP);
			add_cp3(b, u[i].cp);
		} else if (u[i].kind == U_MARK) {
			ubuf_addch(b, W2_MARK);
			add_cp3(b, u[i].cp);
		} else
			ubuf_addch(b, W2_TONE);
	}
	free(u);

	/* Tertiary: the case of each character as written. */
	ubuf_addch(b, W_LEVEL);
	nfc = utf8_nfc(s);
	c = analyse(nfc, strlen(nfc), &nc);
	for (i = 0; i < nc; i++)
		ubuf_addch(b, c[i].upper ? W3_UPPER : W3_LOWER);
	free(c);
	free(nfc);
}

/*
 * The collation key of s: bytes that compare with strcmp() or memcmp() in
 * Vietnamese dictionary order. Letters are compared first, in the order a
 * ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z),
 * then tones (ngang, huyền, hỏi, ngã, sắc, nặng), then case (lower first).
 * A space sorts before everything else, then other symbols (by code
 * point), digits (one by one), the letters, and letters of other scripts.
 * The tone is first moved to its main vowel as in vntext_key_tone(), so
 * "Thủy" and "Thuỷ" collate equal.
 *
 * The format is: one or more bytes per character of the tone key (0x03
 * space; 0x04 and three bytes for a symbol; 0x10 + digit; 0x20 + rank for
 * a letter; 0xf0 and three bytes for a foreign letter), 0x02, the tone or
 * mark of each character, 0x02, the case of each character. It never
 * contains 0x00 or 0x01. Returns a new string the caller frees, or NULL if
 * s is not valid UTF-8.
 */
char *
vntext_collate_key(const char *s)
{
	struct ubuf	b;

	if (utf8_invalid(s, strlen(s)) != NULL)
		return (NULL);
	memset(&b, 0, sizeof b);
	collate(&b, s);
	return (ubuf_finish(&b, NULL));
}

/*
 * The sort key of a person's full name s, written the Vietnamese way
 * (surname, middle names, given name): the collation keys of the given
 * name (the last word), the surname (the first word) and the middle names
 * (the rest), joined by 0x01 bytes. Compared with strcmp() it sorts by
 * given name, then surname, then middle name, the order of the official
 * lists. Returns a new string the caller frees, or NULL if s is not valid
 * UTF-8.
 */
char *
vntext_person_key(const char *s)
{
	struct ubuf	 b;
	char		*nfc, *part;
	size_t		 len, i, w[4], nw = 0, start = 0, end = 0;
	ucs4_t		 uc;
	int		 m, inword = 0;

	if ((nfc = utf8_nfc(s)) == NULL)
		return (NULL);
	/* Find the first word, the last word and where they end. */
	len = strlen(nfc);
	for (i = 0; i <= len; i += m) {
		m = 1;
		if (i < len)
			m = u8_mbtouc(&uc, (const uint8_t *)nfc + i, len - i);
		if (i < len && !is_space(uc)) {
			if (!inword)
				start = i;
			inword = 1;
			continue;
		}
		if (inword) {
			end = i;
			if (nw < 2) {
				w[2 * nw] = start;
				w[2 * nw + 1] = end;
			} else {
				w[2] = start;
				w[3] = end;
			}
			nw++;
		}
		inword = 0;
	}
	memset(&b, 0, sizeof b);
	if (nw == 0)
		w[0] = w[1] = 0;
	/* Given name, surname, middle names. */
	part = xstrndup(nfc + w[nw > 1 ? 2 : 0], w[nw > 1 ? 3 : 1] -
	    w[nw > 1 ? 2 : 0]);
	collate(&b, part);
	free(part);
	ubuf_addch(&b, W_FIELD);
	part = xstrndup(nfc, nw > 1 ? w[1] : 0);
	collate(&b, part);
	free(part);
	ubuf_addch(&b, W_FIELD);
	part = nw > 2 ? xstrndup(nfc + w[1], w[2] - w[1]) : xstrdup("");
	collate(&b, part);
	free(part);
	free(nfc);
	return (ubuf_finish(&b, NULL));
}

/* Write s as ASCII, with VIQR mnemonics if viqr is set. */
static char *
to_ascii(const char *s, int viqr)
{
	static const char	 tones[] = "\0`?~'.";
	struct ubuf		 b;
	struct unit		 u;
	struct vnletter		 l;
	char			*nfc;
	size_t			 n, i, len;
	ucs4_t			 uc;

	if ((nfc = utf8_nfc(s)) == NULL)
		return (NULL);
	memset(&b, 0, sizeof b);
	len = strlen(nfc);
	for (i = 0; i < len; i += n) {
		n = (size_t)u8_mbtouc(&uc, (const uint8_t *)nfc + i, len - i);
		if (uc < 0x80) {
			ubuf_addch(&b, (char)uc);
			continue;
		}
		if (vntext_letter(uc, &l)) {
			ubuf_addch(&b, l.upper ? l.base - 0x20 : l.base);
			if (viqr && l.mark == 'd')
				ubuf_addch(&b, l.upper ? 'D' : 'd');
			else if (viqr && l.mark != 0)
				ubuf_addch(&b, l.mark);
			if (viqr && l.tone != VN_NGANG)
				ubuf_addch(&b, tones[l.tone]);
			continue;
		}
		classify(uc, &u);
		if (u.kind == U_MARK)
			continue;
		if (u.kind == U_SPACE)
			ubuf_addch(&b, ' ');
		else if (u.kind == U_CONS)	/* ð */
			ubuf_addch(&b, u.upper ? 'D' : 'd');
		else if (u.kind == U_LETTER && u.base != 0)
			ubuf_addch(&b, (char)(u.upper ? u.base - 0x20 :
			    u.base));
		else
			ubuf_addch(&b, '?');
	}
	free(nfc);
	return (ubuf_finish(&b, NULL));
}

/*
 * s for a terminal that cannot draw Vietnamese, in VIQR: "Nguyễn Đức"
 * gives "Nguye^~n DDu+'c". Other letters lose their marks, other non-ASCII
 * characters become '?' and white space a space, so the result is ASCII.
 * Mnemonics are not escaped: this is for reading, not for files (see
 * encoding.h for VIQR files). Returns a new string the caller frees, or
 * NULL if s is not valid UTF-8.
 */
char *
vntext_to_viqr(const char *s)
{
	return (to_ascii(s, 1));
}

/*
 * Return s (valid UTF-8) with each capital that carries a tone mark
 * written as its small letter, for TCVN3, which has none: TCVN3 printers
 * print the text in a capital face when it must look capital. Free the
 * result.
 */
char *
vntext_lower_toned(const char *s)
{
	struct ubuf	 b;
	struct vnletter	 l;
	const uint8_t	*p = (const uint8_t *)s, *end = p + strlen(s);
	ucs4_t		 uc;
	int		 n;

	memset(&b, 0, sizeof b);
	while (p < end) {
		if ((n = u8_mbtouc(&uc, p, end - p)) <= 0)
			n = 1;
		if (vntext_letter(uc, &l) && l.upper && l.tone != VN_NGANG) {
			l.upper = 0;
			uc = vntext_compose(&l);
		}
		ubuf_adduc(&b, uc);
		p += n;
	}
	return (ubuf_finish(&b, NULL));
}

/*
 * s in plain ASCII, without marks: "Nguyễn Đức" gives "Nguyen Duc". Other
 * non-ASCII characters are handled as by vntext_to_viqr(). Returns a new
 * string the caller frees, or NULL if s is not valid UTF-8.
 */
char *
vntext_to_ascii(const char *s)
{
	return (to_ascii(s, 0));
}

/* The finals a nucleus may take. */
#define F_OPEN	0x001
#define F_C	0x002
#define F_CH	0x004
#define F_M	0x008
#define F_N	0x010
#define F_NG	0x020
#define F_NH	0x040
#define F_P	0x080
#define F_T	0x100
#define F_STOP	(F_C|F_CH|F_P|F_T)

/*
 * The vowel clusters of Vietnamese and the finals each takes. Written with
 * one ASCII letter per vowel: a, A ă, B â, e, E ê, i, o, O ô, P ơ, u, U ư,
 * y.
 */
static const struct nucleus {
	const char	*v;
	u_int		 finals;
} nuclei[] = {
	{ "a",   F_OPEN|F_C|F_CH|F_M|F_N|F_NG|F_NH|F_P|F_T },
	{ "A",   F_C|F_M|F_N|F_NG|F_P|F_T },
	{ "B",   F_C|F_M|F_N|F_NG|F_P|F_T },
	{ "e",   F_OPEN|F_C|F_M|F_N|F_NG|F_P|F_T },
	{ "E",   F_OPEN|F_CH|F_M|F_N|F_NH|F_P|F_T },
	{ "i",   F_OPEN|F_CH|F_M|F_N|F_NH|F_P|F_T },
	{ "o",   F_OPEN|F_C|F_M|F_N|F_NG|F_P|F_T },
	{ "O",   F_OPEN|F_C|F_M|F_N|F_NG|F_P|F_T },
	{ "P",   F_OPEN|F_M|F_N|F_P|F_T },
	{ "u",   F_OPEN|F_C|F_M|F_N|F_NG|F_P|F_T },
	{ "U",   F_OPEN|F_C|F_M|F_N|F_NG|F_T },
	{ "y",   F_OPEN|F_CH|F_N|F_NH|F_T },
	{ "ai",  F_OPEN }, { "ao",  F_OPEN }, { "au",  F_OPEN },
	{ "ay",  F_OPEN }, { "Bu",  F_OPEN }, { "By",  F_OPEN },
	{ "eo",  F_OPEN }, { "Eu",  F_OPEN }, { "ia",  F_OPEN },
	{ "iu",  F_OPEN }, { "oi",  F_OPEN }, { "Oi",  F_OPEN },
	{ "Pi",  F_OPEN }, { "ua",  F_OPEN }, { "Ua",  F_OPEN },
	{ "ui",  F_OPEN }, { "Ui",  F_OPEN }, { "Uu",  F_OPEN },
	{ "uP",  F_OPEN },
	{ "iE",  F_C|F_M|F_N|F_NG|F_P|F_T },
	{ "yE",  F_C|F_M|F_N|F_NG|F_P|F_T },
	{ "uO",  F_C|F_M|F_N|F_NG|F_T },
	{ "UP",  F_C|F_M|F_N|F_NG|F_P|F_T },
	{ "oa",  F_OPEN|F_C|F_CH|F_M|F_N|F_NG|F_NH|F_P|F_T },
	{ "oA",  F_C|F_M|F_N|F_NG|F_P|F_T },
	{ "oe",  F_OPEN|F_N|F_T },
	{ "oo",  F_C|F_NG },
	{ "uB",  F_N|F_NG|F_T },
	{ "uE",  F_OPEN|F_CH|F_N|F_NH },
	{ "uy",  F_OPEN|F_CH|F_N|F_NH|F_T },
	{ "iEu", F_OPEN }, { "yEu", F_OPEN }, { "oai", F_OPEN },
	{ "oay", F_OPEN }, { "oao", F_OPEN }, { "oeo", F_OPEN },
	{ "uBy", F_OPEN }, { "uOi", F_OPEN }, { "UPi", F_OPEN },
	{ "UPu", F_OPEN }, { "uya", F_OPEN }, { "uyu", F_OPEN },
	{ "uyE", F_N|F_T },
	{ NULL,  0 }
};

/* The initial consonants, and the vowels each may come before. */
#define B_FRONT	0x1		/* before i, e, ê, y */
#define B_BACK	0x2		/* before the other vowels */
static const struct {
	const char	*c;	/* đ is written D */
	u_int		 before;
} onsets[] = {
	{ "",    B_FRONT|B_BACK }, { "b",   B_FRONT|B_BACK },
	{ "c",   B_BACK },         { "ch",  B_FRONT|B_BACK },
	{ "d",   B_FRONT|B_BACK }, { "D",   B_FRONT|B_BACK },
	{ "g",   B_BACK },         { "gh",  B_FRONT },
	{ "gi",  B_FRONT|B_BACK }, { "h",   B_FRONT|B_BACK },
	{ "k",   B_FRONT },        { "kh",  B_FRONT|B_BACK },
	{ "l",   B_FRONT|B_BACK }, { "m",   B_FRONT|B_BACK },
	{ "n",   B_FRONT|B_BACK }, { "ng",  B_BACK },
	{ "ngh", B_FRONT },        { "nh",  B_FRONT|B_BACK },
	{ "p",   B_FRONT|B_BACK }, { "ph",  B_FRONT|B_BACK },
	{ "qu",  B_FRONT|B_BACK }, { "r",   B_FRONT|B_BACK },
	{ "s",   B_FRONT|B_BACK }, { "t",   B_FRONT|B_BACK },
	{ "th",  B_FRONT|B_BACK }, { "tr",  B_FRONT|B_BACK },
	{ "v",   B_FRONT|B_BACK }, { "x",   B_FRONT|B_BACK },
	{ NULL,  0 }
};

/* The finals, with their flags. */
static const struct {
	const char	*c;
	u_int		 flag;
} codas[] = {
	{ "",   F_OPEN }, { "c",  F_C },  { "ch", F_CH }, { "m",  F_M },
	{ "n",  F_N },    { "ng", F_NG }, { "nh", F_NH }, { "p",  F_P },
	{ "t",  F_T },    { NULL, 0 }
};

/* Spell n consonant units into buf (size len): đ is D. 0 if too long. */
static int
spell_cons(const struct unit *u, size_t n, char *buf, size_t len)
{
	size_t	i;

	if (n >= len)
		return (0);
	for (i = 0; i < n; i++)
		buf[i] = u[i].lower == CP_DD ? 'D' : (char)u[i].lower;
	buf[n] = '\0';
	return (1);
}

/*
 * Is the syllable with onset u[0..a), nucleus u[a..b] and coda u[b+1..n)
 * spelt as Vietnamese?
 */
static int
check_parse(const struct unit *u, size_t n, size_t a, size_t b)
{
	static const char	 vchar[] = "aABeEioOPuUy";
	char			 on[8], co[8], nu[8];
	size_t			 i;
	u_int			 finals = 0, flag = 0, before;
	int			 tone = VN_NGANG, j;

	if (b - a + 1 >= sizeof nu)
		return (0);
	for (i = a; i <= b; i++) {
		nu[i - a] = vchar[u[i].vowel];
		if (u[i].tone != VN_NGANG) {
			if (tone != VN_NGANG)
				return (0);
			tone = u[i].tone;
		}
	}
	nu[b - a + 1] = '\0';
	if (a > 0 && u[a - 1].kind == U_VOWEL) {
		/* qu or gi: the u or i carries no tone of its own. */
		if (u[a - 1].tone != VN_NGANG)
			return (0);
		if (!spell_cons(u, a - 1, on, sizeof on - 1))
			return (0);
		strcat(on, u[a - 1].vowel == V_U ? "u" : "i");
	} else if (!spell_cons(u, a, on, sizeof on))
		return (0);
	if (!spell_cons(u + b + 1, n - b - 1, co, sizeof co))
		return (0);

	for (j = 0; nuclei[j].v != NULL; j++)
		if (strcmp(nuclei[j].v, nu) == 0)
			finals = nuclei[j].finals;
	for (j = 0; codas[j].c != NULL; j++)
		if (strcmp(codas[j].c, co) == 0)
			flag = codas[j].flag;
	if (finals == 0 || (finals & flag) == 0)
		return (0);
	if ((flag & F_STOP) && tone != VN_SAC && tone != VN_NANG)
		return (0);

	before = strchr("ieEy", nu[0]) != NULL ? B_FRONT : B_BACK;
	for (j = 0; onsets[j].c != NULL; j++)
		if (strcmp(onsets[j].c, on) == 0)
			break;
	if (onsets[j].c == NULL)
		return (0);
	/* g and ng before i: gì, gìn, nghĩ is spelt ngh. */
	if ((onsets[j].before & before) == 0 &&
	    !(strcmp(on, "g") == 0 && nu[0] == 'i'))
		return (0);
	/* yê begins a syllable or follows u (qu, uyê); iê never does. */
	if (nu[0] == 'y' && nu[1] == 'E' && on[0] != '\0' &&
	    strcmp(on, "qu") != 0)
		return (0);
	if (nu[0] == 'i' && nu[1] == 'E' && on[0] == '\0')
		return (0);
	return (1);
}

/*
 * Is the len bytes of UTF-8 at s one plausible Vietnamese syllable (in
 * any case)? It must be an initial consonant that Vietnamese spelling
 * uses before that vowel (c/k, g/gh, ng/ngh, qu, gi), a vowel cluster
 * Vietnamese has, a final that cluster takes, and at most one tone, which
 * with a final c, ch, p or t must be sắc or nặng. The tone may be on any
 * vowel (both placements are in use). Returns 1 or 0.
 */
int
vntext_is_syllable(const char *s, size_t len)
{
	struct unit	 u[12];
	const uint8_t	*p = (const uint8_t *)s, *end = p + len;
	uint8_t		 fbuf[64], *f;
	size_t		 n = 0, flen = sizeof fbuf, a, b;
	ucs4_t		 uc;
	int		 m, ok;

	if (len == 0 || len > 40 || u8_check(p, len) != NULL)
		return (0);
	f = u8_casefold(p, len, NULL, UNINORM_NFC, fbuf, &flen);
	if (f == NULL)
		return (0);
	p = f;
	end = f + flen;
	ok = 1;
	while (p < end && ok) {
		m = u8_mbtouc(&uc, p, end - p);
		p += m;
		if (n == sizeof u / sizeof u[0])
			ok = 0;
		else {
			classify(uc, &u[n]);
			if (u[n].kind != U_VOWEL && u[n].kind != U_CONS)
				ok = 0;
			n++;
		}
	}
	if (f != fbuf)
		free(f);
	if (!ok || !syllable_shape(u, n, &a, &b))
		return (0);
	if (check_parse(u, n, a, b))
		return (1);
	/* gi before a vowel may also be g and a nucleus in i: giếng. */
	if (a == 2 && is_vowel(&u[1], V_I) && check_parse(u, n, 1, b))
		return (1);
	return (0);
}

/*
 * Count the words of the len bytes of valid UTF-8 at s (runs of letters
 * and combining marks) into *words, and return how many of them are
 * plausible Vietnamese syllables (vntext_is_syllable()). Invalid UTF-8
 * counts as a separator.
 */
size_t
vntext_count_syllables(const char *s, size_t len, size_t *words)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + len, *w = NULL;
	struct unit	 u;
	ucs4_t		 uc;
	size_t		 good = 0;
	int		 m;

	*words = 0;
	for (;;) {
		if (p < end) {
			m = u8_mbtoucr(&uc, p, end - p);
			if (m < 0) {
				m = 1;
				u.kind = U_OTHER;
			} else
				classify(uc, &u);
		}
		if (p < end && is_word(&u)) {
			if (w == NULL)
				w = p;
		} else if (w != NULL) {
			(*words)++;
			good += vntext_is_syllable((const char *)w, p - w);
			w = NULL;
		}
		if (p >= end)
			break;
		p += m;
	}
	return (good);
}
