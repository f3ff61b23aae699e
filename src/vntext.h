/*
 * vntext.h: Vietnamese text keys, collation, display fallbacks and the
 * syllable checker.
 *
 * The keys let the duplicate finder compare names the way a clerk would:
 * with or without diacritics, with the tone written on either vowel
 * (Thủy, Thuỷ), and with i and y as the same letter where Vietnamese
 * spelling allows both (Quý, Quí). The collation key sorts in the order of
 * the Vietnamese alphabet with the tones as a second level, which glibc's
 * vi_VN locale gets wrong. All functions take UTF-8 in any normalisation
 * form and return new NFC strings the caller frees, or NULL when the input
 * is not valid UTF-8.
 */
#ifndef VNTEXT_H
#define VNTEXT_H

#include <stddef.h>
#include <stdint.h>

/* The six tones, in dictionary (collation) order. */
enum vn_tone {
	VN_NGANG,		/* none: a */
	VN_HUYEN,		/* grave: à */
	VN_HOI,			/* hook above: ả */
	VN_NGA,			/* tilde: ã */
	VN_SAC,			/* acute: á */
	VN_NANG			/* dot below: ạ */
};

/* A Vietnamese letter taken apart. */
struct vnletter {
	char	base;		/* the ASCII letter: a e i o u y, or d for đ */
	char	mark;		/* 0, '(' breve, '^' circumflex, '+' horn, 'd' stroke */
	int	tone;		/* enum vn_tone; VN_NGANG for đ */
	int	upper;		/* 1 for a capital */
};

int	 vntext_letter(uint32_t, struct vnletter *);
uint32_t vntext_compose(const struct vnletter *);

char	*vntext_key_loose(const char *);
char	*vntext_key_tone(const char *);
char	*vntext_key_variant(const char *);

char	*vntext_collate_key(const char *);
char	*vntext_person_key(const char *);

char	*vntext_to_viqr(const char *);
char	*vntext_to_ascii(const char *);
char	*vntext_lower_toned(const char *);

int	 vntext_is_syllable(const char *, size_t);
size_t	 vntext_count_syllables(const char *, size_t, size_t *);

#endif
