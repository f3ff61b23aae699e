/*
 * encoding.c: decoding and encoding TCVN3, VNI-Windows, VISCII, CP1258
 * and VIQR, on buffers and through FILE* wrappers.
 *
 * One converter (struct conv) does every job. It is fed bytes in chunks of
 * any size and appends its output to a buffer:
 *
 *   decoding: bytes -> UTF-8 (any form) -> NFC
 *   encoding: UTF-8 -> NFC -> bytes
 *
 * The NFC step only normalises text up to the last character that nothing
 * after it can combine with (below U+0300, or a precomposed Vietnamese
 * letter), so a base letter and the marks that follow it in the next
 * chunk are normalised together; an incomplete UTF-8 sequence at the end
 * of a chunk waits for the rest; iconv keeps its own state between calls
 * and gets its final flush call. So the output does not depend on how the
 * input was cut. The traps (reference vietnamese-text.md, section 2):
 *
 * - glibc's TCVN5712-1 is VN1, which has capitals at 0x80-0x9F; files in
 *   TCVN3 ("ABC", .VnTime fonts) have Windows symbols there (smart quotes,
 *   dashes). Those bytes are decoded as the symbols, and capitals with a
 *   tone are written as the capital without tone and a combining tone
 *   (0xB0-0xB4), which glibc and the ABC fonts compose.
 * - The TCVN and CP1258 decoders keep the last letter back in case a tone
 *   follows; iconv(cd, NULL, NULL, &out, &left) at the end flushes it.
 * - iconv refuses NFD input (and //TRANSLIT silently drops marks), so text
 *   is normalised to NFC before encoding, and //TRANSLIT is never used.
 */

#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uninorm.h>
#include <unistr.h>

#include "encoding.h"
#include "i18n.h"
#include "utf8.h"
#include "vntext.h"
#include "xmalloc.h"

#define CHUNK		16384		/* bytes read at a time */
#define SAMPLE		65536		/* bytes guessed from */
#define NFC_MAX		(1024 * 1024)	/* text held back for NFC at most */

static const struct {
	const char	*name;
	enum encoding	 enc;
	const char	*iconv;		/* iconv's name, if iconv does it */
} encodings[] = {
	{ "utf-8",  ENC_UTF8,   NULL },
	{ "tcvn3",  ENC_TCVN3,  "TCVN5712-1" },
	{ "vni",    ENC_VNI,    NULL },
	{ "viscii", ENC_VISCII, "VISCII" },
	{ "cp1258", ENC_CP1258, "CP1258" },
	{ "viqr",   ENC_VIQR,   NULL },
	{ "auto",   ENC_AUTO,   NULL }
};
#define NENCODINGS (sizeof encodings / sizeof encodings[0])

/* Other names accepted. */
static const struct {
	const char	*name;
	enum encoding	 enc;
} aliases[] = {
	{ "utf8", ENC_UTF8 }, { "tcvn", ENC_TCVN3 }, { "abc", ENC_TCVN3 },
	{ "vni-windows", ENC_VNI }, { "windows-1258", ENC_CP1258 }
};

/*
 * Windows-1252 at 0x80-0x9F (0 where it has nothing). VNI-Windows is
 * Windows-1252 where its letters and marks are not, and TCVN3 files have
 * these symbols at the same bytes. (Unikey's table, from which
 * legacy_vn_tables.tsv was made, gives U+20A1 for 0x82; Windows-1252 has
 * U+201A, the digits swapped.)
 */
static const uint32_t cp1252_high[32] = {
	0x20ac, 0,      0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017d, 0,
	0,      0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0,      0x017e, 0x0178
};

/* TCVN3 tone bytes: combining huyền, hỏi, ngã, sắc, nặng. */
static const uint8_t tcvn_tones[6] = { 0, 0xb0, 0xb1, 0xb2, 0xb3, 0xb4 };

/* The combining marks: circumflex, breve, and the tones by enum vn_tone. */
#define CM_CIRC		0x0302
#define CM_BREVE	0x0306
static const uint32_t tone_marks[6] = {
	0, 0x0300, 0x0309, 0x0303, 0x0301, 0x0323
};

/*
 * VNI-Windows, lower case; capitals are 0x20 lower. Letters are the base
 * letter and one byte for the marks on it (á is 'a' 0xF9, ấ is 'a' 0xE1),
 * except i, ơ, ư, đ and ỵ, which have bytes of their own.
 */
static const uint8_t vni_plain[6] = { 0, 0xf8, 0xfb, 0xf5, 0xf9, 0xef };
static const uint8_t vni_circ[6] = { 0xe2, 0xe0, 0xe5, 0xe3, 0xe1, 0xe4 };
static const uint8_t vni_breve[6] = { 0xea, 0xe8, 0xfa, 0xfc, 0xe9, 0xeb };
static const uint8_t vni_i[6] = { 'i', 0xec, 0xe6, 0xf3, 0xed, 0xf2 };
#define VNI_OW	0xf4
#define VNI_UW	0xf6
#define VNI_DD	0xf1
#define VNI_YJ	0xee

/* A converter. */
struct conv {
	enum encoding	 enc;
	int		 encode;
	iconv_t		 cd;		/* (iconv_t)-1 if not iconv's */
	uint64_t	 off;		/* input offset of hold.p[0] */
	uint64_t	 textoff;	/* encoding: NFC offset of pend.p[0] */
	struct ubuf	 hold;		/* input not yet taken */
	struct ubuf	 pend;		/* text waiting for NFC */
	int		 started;	/* past the byte-order mark */
	char		*error;

	/* VIQR, decoding, and simulated while encoding. */
	uint32_t	 last;		/* the character still open, or 0 */
	int		 sealed;	/* it was escaped: no mark joins it */
	int		 word_tone;	/* its word has a tone already */
	int		 esc;		/* a backslash came last */
	int		 held_d;	/* encoding: a d or D not yet written */
};

static int	viqr_byte(struct conv *, uint8_t, struct ubuf *);

/*
 * Parse an encoding name (utf-8, tcvn3, vni, viscii, cp1258, viqr, auto,
 * in any case, and a few aliases). Returns 0 and sets *enc, or -1 with a
 * message in *cause listing the accepted names.
 */
int
encoding_parse(const char *name, enum encoding *enc, char **cause)
{
	size_t	i;

	for (i = 0; i < NENCODINGS; i++) {
		if (strcasecmp(name, encodings[i].name) == 0) {
			*enc = encodings[i].enc;
			return (0);
		}
	}
	for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
		if (strcasecmp(name, aliases[i].name) == 0) {
			*enc = aliases[i].enc;
			return (0);
		}
	}
	xasprintf(cause, _("unknown encoding '%s' (known: %s)"), name,
	    "utf-8, tcvn3, vni, viscii, cp1258, viqr, auto");
	return (-1);
}

/* The name of enc, as encoding_parse() takes it. */
const char *
encoding_name(enum encoding enc)
{
	size_t	i;

	for (i = 0; i < NENCODINGS; i++)
		if (encodings[i].enc == enc)
			return (encodings[i].name);
	return ("?");
}

/* Start a converter; NULL with *cause if iconv cannot do it. */
static struct conv *
conv_new(enum encoding enc, int encode, char **cause)
{
	struct conv	*cv;
	const char	*name = NULL;
	size_t		 i;

	for (i = 0; i < NENCODINGS; i++)
		if (encodings[i].enc == enc)
			name = encodings[i].iconv;
	cv = xcalloc(1, sizeof *cv);
	cv->enc = enc;
	cv->encode = encode;
	cv->cd = (iconv_t)-1;
	if (name != NULL) {
		cv->cd = encode ? iconv_open(name, "UTF-8") :
		    iconv_open("UTF-8", name);
		if (cv->cd == (iconv_t)-1) {
			xasprintf(cause, _("cannot convert %s: %s"),
			    encoding_name(enc), strerror(errno));
			free(cv);
			return (NULL);
		}
	}
	return (cv);
}

static void
conv_free(struct conv *cv)
{
	if (cv == NULL)
		return;
	if (cv->cd != (iconv_t)-1)
		iconv_close(cv->cd);
	free(cv->hold.p);
	free(cv->pend.p);
	free(cv->error);
	free(cv);
}

/* Set the converter's error (first one wins). Returns -1. */
static int
conv_fail(struct conv *cv, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int
conv_fail(struct conv *cv, const char *fmt, ...)
{
	va_list	ap;

	if (cv->error == NULL) {
		va_start(ap, fmt);
		xvasprintf(&cv->error, fmt, ap);
		va_end(ap);
	}
	return (-1);
}

/* Fail on byte b at input offset off, which enc cannot decode. */
static int
bad_byte(struct conv *cv, uint8_t b, uint64_t off)
{
	if (b == 0)
		return (conv_fail(cv, _("NUL byte at offset %llu"),
		    (unsigned long long)off));
	return (conv_fail(cv, _("byte 0x%02X at offset %llu is not valid %s"),
	    b, (unsigned long long)off, encoding_name(cv->enc)));
}

/* Fail on the character at s, text offset off, which enc cannot write. */
static int
bad_char(struct conv *cv, const char *s, size_t len, uint64_t off)
{
	ucs4_t	uc;
	int	n;

	n = u8_mbtouc(&uc, (const uint8_t *)s, len);
	return (conv_fail(cv,
	    _("character U+%04X '%.*s' at offset %llu cannot be written in %s"),
	    (unsigned)uc, n, s, (unsigned long long)off,
	    encoding_name(cv->enc)));
}

/* Can nothing after cp combine with it in NFC? */
static int
nfc_safe(uint32_t cp)
{
	return (cp < 0x300 || (cp >= 0x1e00 && cp <= 0x1eff));
}

/*
 * Where text in b may be cut for NFC: before its last safe character, or
 * all of it if final or if too much is waiting.
 */
static size_t
nfc_cut(const struct ubuf *b, int final)
{
	size_t	i;
	ucs4_t	uc;

	if (final || b->len > NFC_MAX)
		return (b->len);
	for (i = b->len; i > 0; i--) {
		if (((uint8_t)b->p[i - 1] & 0xc0) == 0x80)
			continue;
		u8_mbtouc(&uc, (const uint8_t *)b->p + i - 1, b->len - i + 1);
		if (nfc_safe(uc))
			return (i - 1);
	}
	return (0);
}

/* Drop the first n bytes of b. */
static void
ubuf_drop(struct ubuf *b, size_t n)
{
	if (n == 0)
		return;
	memmove(b->p, b->p + n, b->len - n);
	b->len -= n;
}

/*
 * Run iconv over n bytes at s into out. Flush its state too if s is NULL.
 * On a byte or character it cannot convert, fail: off is the offset of s
 * for the message.
 */
static int
run_iconv(struct conv *cv, const char *s, size_t n, uint64_t off,
    struct ubuf *out)
{
	char	 tmp[4096], *in = (char *)s, *o;
	size_t	 inleft = n, oleft, r;
	int	 flush = (s == NULL);

	do {
		o = tmp;
		oleft = sizeof tmp;
		if (flush)
			r = iconv(cv->cd, NULL, NULL, &o, &oleft);
		else
			r = iconv(cv->cd, &in, &inleft, &o, &oleft);
		ubuf_add(out, tmp, (size_t)(o - tmp));
		if (r == (size_t)-1 && errno != E2BIG) {
			if (flush)
				return (conv_fail(cv, _("cannot convert %s: %s"),
				    encoding_name(cv->enc), strerror(errno)));
			if (cv->encode)
				return (bad_char(cv, in, inleft,
				    off + (uint64_t)(in - s)));
			return (bad_byte(cv, (uint8_t)*in,
			    off + (uint64_t)(in - s)));
		}
	} while (r == (size_t)-1);
	return (0);
}

/* Is b a TCVN3 byte decoded as a Windows symbol? */
static int
tcvn_symbol(uint8_t b)
{
	return (b >= 0x80 && b <= 0x9f && cp1252_high[b - 0x80] != 0);
}

/* Decode n bytes at p (input offset off) through iconv into pend. */
static int
dec_iconv(struct conv *cv, const uint8_t *p, size_t n, uint64_t off)
{
	size_t	i = 0, j;

	while (i < n) {
		for (j = i; j < n && p[j] != 0 &&
		    !(cv->enc == ENC_TCVN3 && tcvn_symbol(p[j])); j++)
			/* nothing */;
		if (j > i && run_iconv(cv, (const char *)p + i, j - i, off + i,
		    &cv->pend) != 0)
			return (-1);
		if (j == n)
			break;
		if (p[j] == 0)
			return (bad_byte(cv, 0, off + j));
		/* A symbol: first out with any letter iconv holds back. */
		if (run_iconv(cv, NULL, 0, off + j, &cv->pend) != 0)
			return (-1);
		ubuf_adduc(&cv->pend, cp1252_high[p[j] - 0x80]);
		i = j + 1;
	}
	return (0);
}

/*
 * The code points VNI byte b (0x80 or more) stands for, into cp: a letter
 * of its own, the combining marks of a mark byte, or the Windows-1252
 * character. Returns how many (1 or 2), or 0 if none.
 */
static int
vni_byte(uint8_t b, uint32_t cp[2])
{
	struct vnletter	 l;
	uint8_t		 lb = b | 0x20;
	int		 t;

	if (b < 0xa0) {
		cp[0] = cp1252_high[b - 0x80];
		return (cp[0] != 0);
	}
	cp[0] = b;
	if (b < 0xc0)
		return (1);
	memset(&l, 0, sizeof l);
	l.upper = (b < 0xe0);
	for (t = 0; t < 6; t++) {
		if (t != 0 && lb == vni_plain[t]) {
			cp[0] = tone_marks[t];
			return (1);
		}
		if (lb == vni_circ[t] || lb == vni_breve[t]) {
			cp[0] = lb == vni_circ[t] ? CM_CIRC : CM_BREVE;
			cp[1] = tone_marks[t];
			return (t != 0 ? 2 : 1);
		}
		if (t != 0 && lb == vni_i[t]) {
			l.base = 'i';
			l.tone = t;
		}
	}
	if (lb == VNI_OW || lb == VNI_UW) {
		l.base = lb == VNI_OW ? 'o' : 'u';
		l.mark = '+';
	} else if (lb == VNI_DD)
		l.base = l.mark = 'd';
	else if (lb == VNI_YJ) {
		l.base = 'y';
		l.tone = VN_NANG;
	}
	if (l.base != 0)
		cp[0] = vntext_compose(&l);
	return (1);
}

/* Decode one VNI byte b (input offset off) into pend. */
static int
dec_vni_byte(struct conv *cv, uint8_t b, uint64_t off)
{
	uint32_t	cp[2];
	int		n, i;

	if (b == 0)
		return (bad_byte(cv, b, off));
	if (b < 0x80) {
		ubuf_addch(&cv->pend, (char)b);
		return (0);
	}
	if ((n = vni_byte(b, cp)) == 0)
		return (bad_byte(cv, b, off));
	for (i = 0; i < n; i++)
		ubuf_adduc(&cv->pend, cp[i]);
	return (0);
}

/*
 * Take the UTF-8 in hold (input offset cv->off) as far as it is complete
 * into dst, leaving an incomplete last sequence unless final. A byte-order
 * mark at the start of the stream is dropped.
 */
static int
take_utf8(struct conv *cv, struct ubuf *dst, int final)
{
	const uint8_t	*p = (const uint8_t *)cv->hold.p;
	size_t		 n = cv->hold.len, i = 0, start = 0;
	ucs4_t		 uc;
	int		 m;

	if (!cv->started) {
		if (n < 3 && !final && memcmp(p, "\xef\xbb\xbf", n) == 0)
			return (0);
		cv->started = 1;
		if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
			i = start = 3;
	}
	while (i < n) {
		if (p[i] < 0x80 && p[i] != 0) {
			i++;
			continue;
		}
		m = u8_mbtoucr(&uc, p + i, n - i);
		if (m == -2 && !final)
			break;
		if (m < 0 || uc == 0) {
			ubuf_add(dst, p + start, i - start);
			if (cv->encode)
				return (conv_fail(cv,
				    _("invalid UTF-8 at offset %llu"),
				    (unsigned long long)(cv->off + i)));
			if (uc == 0 && m > 0)
				return (bad_byte(cv, 0, cv->off + i));
			return (conv_fail(cv,
			    _("byte 0x%02X at offset %llu is not valid %s"),
			    p[i], (unsigned long long)(cv->off + i),
			    encoding_name(ENC_UTF8)));
		}
		i += m;
	}
	ubuf_add(dst, p + start, i - start);
	ubuf_drop(&cv->hold, i);
	cv->off += i;
	return (0);
}

/* Decode a chunk; append NFC text to out. */
static int
dec_feed(struct conv *cv, const uint8_t *p, size_t n, int final,
    struct ubuf *out)
{
	size_t	i;
	int	r = 0;

	switch (cv->enc) {
	case ENC_UTF8:
		ubuf_add(&cv->hold, p, n);
		r = take_utf8(cv, &cv->pend, final);
		break;
	case ENC_VNI:
		for (i = 0; i < n && r == 0; i++)
			r = dec_vni_byte(cv, p[i], cv->off + i);
		cv->off += n;
		break;
	case ENC_VIQR:
		for (i = 0; i < n && r == 0; i++) {
			if (p[i] == 0 || p[i] >= 0x80)
				r = bad_byte(cv, p[i], cv->off + i);
			else
				r = viqr_byte(cv, p[i], &cv->pend);
		}
		cv->off += n;
		if (r == 0 && final) {
			if (cv->last != 0)
				ubuf_adduc(&cv->pend, cv->last);
			if (cv->esc)
				ubuf_addch(&cv->pend, '\\');
			cv->esc = 0;
			cv->last = 0;
		}
		break;
	default:
		r = dec_iconv(cv, p, n, cv->off);
		cv->off += n;
		if (r == 0 && final)
			r = run_iconv(cv, NULL, 0, cv->off, &cv->pend);
		break;
	}
	i = nfc_cut(&cv->pend, final || r != 0);
	ubuf_addnfc(out, cv->pend.p, i);
	ubuf_drop(&cv->pend, i);
	return (r);
}

/* ---------------------------------------------------------------------
 * VIQR: a letter followed by mnemonics: ( breve, ^ circumflex, + or *
 * horn, then ' ` ? ~ . for sắc, huyền, hỏi, ngã, nặng; dd for đ. A
 * mnemonic only applies if it can join the letter before it (RFC 1456),
 * and a tone only to a word with no tone yet, so "Ha` No^.i." ends in a
 * full stop. A backslash escapes the next mnemonic.
 */

/* The tone a VIQR mnemonic stands for, or -1. */
static int
viqr_tone(uint8_t c)
{
	const char	*s = strchr("`?~'.", c);

	return (c != 0 && s != NULL ? (int)(s - "`?~'.") + 1 : -1);
}

/* Does VIQR's c, after the open character, join it? Sets *to if so. */
static int
viqr_joins(const struct conv *cv, uint8_t c, uint32_t *to)
{
	struct vnletter	l;
	int		t;

	if (cv->last == 0 || cv->sealed)
		return (0);
	if (c == 'd' || c == 'D') {
		if (cv->last != 'd' && cv->last != 'D')
			return (0);
		l.base = l.mark = 'd';
		l.tone = VN_NGANG;
		l.upper = (cv->last == 'D');
		*to = vntext_compose(&l);
		return (1);
	}
	if (!vntext_letter(cv->last, &l) || l.mark == 'd' ||
	    l.tone != VN_NGANG)
		return (0);
	if ((t = viqr_tone(c)) != -1) {
		if (cv->word_tone)
			return (0);
		l.tone = t;
	} else if (c == '(' || c == '^' || c == '+' || c == '*') {
		if (l.mark != 0)
			return (0);
		l.mark = c == '*' ? '+' : (char)c;
	} else
		return (0);
	*to = vntext_compose(&l);
	return (*to != 0);
}

/* Is cp a letter for VIQR's words? */
static int
viqr_letter(uint32_t cp)
{
	struct vnletter	l;

	return ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	    vntext_letter(cp, &l));
}

/* Make c (sealed or not) the open character, writing out the last. */
static void
viqr_open(struct conv *cv, uint32_t c, int sealed, struct ubuf *out)
{
	if (cv->last != 0)
		ubuf_adduc(out, cv->last);
	cv->last = c;
	cv->sealed = sealed;
	if (!viqr_letter(c))
		cv->word_tone = 0;
}

/* Decode one VIQR byte. */
static int
viqr_byte(struct conv *cv, uint8_t c, struct ubuf *out)
{
	uint32_t	to;

	if (cv->esc) {
		cv->esc = 0;
		if (strchr("\\'`?~.(^+*dD", c) != NULL) {
			viqr_open(cv, c, 1, out);
			return (0);
		}
		viqr_open(cv, '\\', 1, out);
	}
	if (c == '\\') {
		cv->esc = 1;
		return (0);
	}
	if (viqr_joins(cv, c, &to)) {
		cv->last = to;
		if (viqr_tone(c) != -1)
			cv->word_tone = 1;
		return (0);
	}
	viqr_open(cv, c, 0, out);
	return (0);
}

/*
 * Write byte c of VIQR into out, as the decoder will read it: escaped if
 * it would otherwise join the letter before. The state follows the
 * decoder's, with a scratch buffer for what it would write.
 */
static void
viqr_put_literal(struct conv *cv, uint8_t c, struct ubuf *out,
    struct ubuf *scratch)
{
	uint32_t	to;

	if (c == '\\' || viqr_joins(cv, c, &to)) {
		ubuf_addch(out, '\\');
		viqr_byte(cv, '\\', scratch);
	}
	ubuf_addch(out, (char)c);
	viqr_byte(cv, c, scratch);
}

/* Write a pending d or D; escape it if a d follows (next is 1). */
static void
viqr_put_held(struct conv *cv, int next_d, struct ubuf *out,
    struct ubuf *scratch)
{
	uint8_t	d = (uint8_t)cv->held_d;

	cv->held_d = 0;
	if (next_d) {
		/* "\d" is a d no other d joins. */
		ubuf_addch(out, '\\');
		viqr_byte(cv, '\\', scratch);
		ubuf_addch(out, (char)d);
		viqr_byte(cv, d, scratch);
	} else
		viqr_put_literal(cv, d, out, scratch);
}

/* Encode NFC text s (n bytes, text offset off) as VIQR into out. */
static int
enc_viqr(struct conv *cv, const char *s, size_t n, uint64_t off,
    struct ubuf *out)
{
	static const char	 tones[] = "\0`?~'.";
	struct ubuf		 scratch;
	struct vnletter		 l;
	ucs4_t			 uc;
	size_t			 i;
	uint32_t		 to;
	int			 m, r = 0;

	memset(&scratch, 0, sizeof scratch);
	for (i = 0; i < n && r == 0; i += m) {
		m = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
		if (cv->held_d != 0)
			viqr_put_held(cv, uc == 'd' || uc == 'D' ||
			    (vntext_letter(uc, &l) && l.mark == 'd'), out,
			    &scratch);
		if (uc == 'd' || uc == 'D') {
			cv->held_d = (int)uc;
			continue;
		}
		if (uc < 0x80) {
			viqr_put_literal(cv, (uint8_t)uc, out, &scratch);
			continue;
		}
		if (!vntext_letter(uc, &l)) {
			r = bad_char(cv, s + i, n - i, off + i);
			break;
		}
		viqr_put_literal(cv, (uint8_t)(l.upper ? l.base - 0x20 :
		    l.base), out, &scratch);
		if (l.mark == 'd')
			l.mark = l.upper ? 'D' : 'd';
		if (l.mark != 0 && viqr_joins(cv, (uint8_t)l.mark, &to)) {
			ubuf_addch(out, l.mark);
			viqr_byte(cv, (uint8_t)l.mark, &scratch);
		} else if (l.mark != 0)
			r = bad_char(cv, s + i, n - i, off + i);
		if (r == 0 && l.tone != VN_NGANG) {
			if (viqr_joins(cv, (uint8_t)tones[l.tone], &to)) {
				ubuf_addch(out, tones[l.tone]);
				viqr_byte(cv, (uint8_t)tones[l.tone],
				    &scratch);
			} else
				r = bad_char(cv, s + i, n - i, off + i);
		}
	}
	free(scratch.p);
	return (r);
}

/* Encode NFC text s (n bytes, text offset off) as VNI into out. */
static int
enc_vni(struct conv *cv, const char *s, size_t n, uint64_t off,
    struct ubuf *out)
{
	struct vnletter	 l;
	ucs4_t		 uc, mark, d[UC_DECOMPOSITION_MAX_LENGTH];
	uint32_t	 cp[2];
	size_t		 i;
	uint8_t		 up, b;
	int		 m, k, t;

	for (i = 0; i < n; i += m) {
		m = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
		if (uc < 0x80) {
			ubuf_addch(out, (char)uc);
			continue;
		}
		if (vntext_letter(uc, &l)) {
			up = l.upper ? 0x20 : 0;
			if (l.mark == 'd')
				ubuf_addch(out, (char)(VNI_DD - up));
			else if (l.base == 'i')
				ubuf_addch(out, (char)(vni_i[l.tone] - up));
			else if (l.base == 'y' && l.tone == VN_NANG)
				ubuf_addch(out, (char)(VNI_YJ - up));
			else {
				if (l.mark == '+')
					ubuf_addch(out, (char)((l.base == 'o' ?
					    VNI_OW : VNI_UW) - up));
				else
					ubuf_addch(out, (char)(l.base - up));
				b = l.mark == '^' ? vni_circ[l.tone] :
				    l.mark == '(' ? vni_breve[l.tone] :
				    vni_plain[l.tone];
				if (b != 0)
					ubuf_addch(out, (char)(b - up));
			}
			continue;
		}
		/* A byte of Windows-1252 that VNI does not use. */
		b = 0;
		if (uc >= 0xa0 && uc <= 0xff)
			b = (uint8_t)uc;
		for (k = 0; k < 32; k++)
			if (cp1252_high[k] == uc)
				b = (uint8_t)(0x80 + k);
		if (b != 0 && vni_byte(b, cp) == 1 && cp[0] == uc) {
			ubuf_addch(out, (char)b);
			continue;
		}
		/* A mark on its own, or an ASCII letter and one mark. */
		mark = uc;
		if (uc_canonical_decomposition(uc, d) == 2 && d[0] < 0x80) {
			ubuf_addch(out, (char)d[0]);
			mark = d[1];
		}
		b = 0;
		for (t = 1; t < 6; t++)
			if (tone_marks[t] == mark)
				b = vni_plain[t];
		if (mark == CM_CIRC)
			b = vni_circ[0];
		if (mark == CM_BREVE)
			b = vni_breve[0];
		if (b == 0)
			return (bad_char(cv, s + i, n - i, off + i));
		ubuf_addch(out, (char)b);
	}
	return (0);
}

/*
 * Encode NFC text s (n bytes, text offset off) as TCVN3 into out: iconv
 * for most, the Windows symbols by table, capitals with a tone as the
 * capital and a combining tone.
 */
static int
enc_tcvn3(struct conv *cv, const char *s, size_t n, uint64_t off,
    struct ubuf *out)
{
	struct vnletter	 l;
	ucs4_t		 uc;
	size_t		 i, run = 0;
	uint32_t	 base;
	char		 tmp[8];
	int		 m, k, special, tlen;

	for (i = 0; i < n; i += m) {
		m = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
		special = 0;
		for (k = 0; k < 32; k++)
			if (cp1252_high[k] == uc && uc != 0)
				special = 0x80 + k;
		if (vntext_letter(uc, &l) && l.upper && l.tone != VN_NGANG)
			special = -1;
		if (special == 0)
			continue;
		if (i > run && run_iconv(cv, s + run, i - run, off + run,
		    out) != 0)
			return (-1);
		run = i + m;
		if (special > 0) {
			ubuf_addch(out, (char)special);
			continue;
		}
		k = l.tone;
		l.tone = VN_NGANG;
		base = vntext_compose(&l);
		tlen = u8_uctomb((uint8_t *)tmp, base, sizeof tmp);
		if (run_iconv(cv, tmp, (size_t)tlen, off + i, out) != 0)
			return (-1);
		ubuf_addch(out, (char)tcvn_tones[k]);
	}
	if (n > run && run_iconv(cv, s + run, n - run, off + run, out) != 0)
		return (-1);
	return (0);
}

/* Encode a chunk of UTF-8; append the bytes to out. */
static int
enc_feed(struct conv *cv, const uint8_t *p, size_t n, int final,
    struct ubuf *out)
{
	struct ubuf	 nfc;
	size_t		 cut;
	int		 r;

	ubuf_add(&cv->hold, p, n);
	cv->started = 1;	/* a BOM written is written */
	if (take_utf8(cv, &cv->pend, final) != 0)
		final = 1;
	cut = nfc_cut(&cv->pend, final);
	memset(&nfc, 0, sizeof nfc);
	ubuf_addnfc(&nfc, cv->pend.p, cut);
	ubuf_drop(&cv->pend, cut);

	switch (cv->enc) {
	case ENC_UTF8:
		ubuf_add(out, nfc.p, nfc.len);
		r = 0;
		break;
	case ENC_VNI:
		r = enc_vni(cv, nfc.p, nfc.len, cv->textoff, out);
		break;
	case ENC_VIQR:
		r = enc_viqr(cv, nfc.p, nfc.len, cv->textoff, out);
		if (r == 0 && final && cv->held_d != 0) {
			struct ubuf	scratch;

			memset(&scratch, 0, sizeof scratch);
			viqr_put_held(cv, 0, out, &scratch);
			free(scratch.p);
		}
		break;
	case ENC_TCVN3:
		r = enc_tcvn3(cv, nfc.p, nfc.len, cv->textoff, out);
		break;
	default:
		r = nfc.len == 0 ? 0 :
		    run_iconv(cv, nfc.p, nfc.len, cv->textoff, out);
		break;
	}
	cv->textoff += nfc.len;
	free(nfc.p);
	if (r == 0 && final && cv->cd != (iconv_t)-1)
		r = run_iconv(cv, NULL, 0, cv->textoff, out);
	return (cv->error != NULL ? -1 : r);
}

/*
 * Feed n bytes at p to the converter, appending what it makes to out;
 * final says the input ends here. Returns -1 once it has failed (the
 * message is cv->error); out then has everything before the error.
 */
static int
conv_feed(struct conv *cv, const void *p, size_t n, int final,
    struct ubuf *out)
{
	if (cv->error != NULL)
		return (-1);
	if (cv->encode)
		return (enc_feed(cv, p, n, final, out));
	return (dec_feed(cv, p, n, final, out));
}

/* Convert a whole buffer either way. */
static int
convert(enum encoding enc, int encode, const char *buf, size_t len,
    char **out, size_t *outlen, char **cause)
{
	struct conv	*cv;
	struct ubuf	 b;
	int		 r;

	if ((cv = conv_new(enc, encode, cause)) == NULL)
		return (-1);
	memset(&b, 0, sizeof b);
	r = conv_feed(cv, buf, len, 1, &b);
	if (r != 0) {
		*cause = cv->error;
		cv->error = NULL;
		free(b.p);
	} else
		*out = ubuf_finish(&b, outlen);
	conv_free(cv);
	return (r);
}

/*
 * Decode len bytes at buf from enc (ENC_AUTO: as encoding_guess() says)
 * into NFC UTF-8. Returns 0 with a new NUL-terminated string in *out (the
 * caller frees) of *outlen bytes (outlen may be NULL), or -1 with the
 * first undecodable byte and its offset in *cause.
 */
int
encoding_decode(enum encoding enc, const char *buf, size_t len, char **out,
    size_t *outlen, char **cause)
{
	struct encoding_guess	g;

	if (enc == ENC_AUTO) {
		encoding_guess(buf, len, &g);
		enc = g.enc;
	}
	return (convert(enc, 0, buf, len, out, outlen, cause));
}

/*
 * Encode len bytes of UTF-8 at buf (any normalisation form; it is put in
 * NFC first) into enc. Returns 0 with new bytes in *out (the caller frees;
 * NUL-terminated, though VISCII and TCVN3 may have control bytes) of
 * *outlen bytes, or -1 with the first character that enc cannot write, or
 * the first invalid UTF-8, and its offset in *cause. ENC_AUTO is refused.
 */
int
encoding_encode(enum encoding enc, const char *buf, size_t len, char **out,
    size_t *outlen, char **cause)
{
	if (enc == ENC_AUTO) {
		*cause = xstrdup(_("auto can only be used for reading"));
		return (-1);
	}
	return (convert(enc, 1, buf, len, out, outlen, cause));
}

/* Score a candidate: decode sample into words and syllables. */
static int
score(enum encoding enc, const char *buf, size_t len, int partial,
    struct encoding_guess *g)
{
	struct conv	*cv;
	struct ubuf	 b;
	char		*cause = NULL;
	int		 r;

	if ((cv = conv_new(enc, 0, &cause)) == NULL) {
		free(cause);
		return (-1);
	}
	memset(&b, 0, sizeof b);
	r = conv_feed(cv, buf, len, !partial, &b);
	conv_free(cv);
	g->enc = enc;
	g->vietnamese = vntext_count_syllables(b.p != NULL ? b.p : "", b.len,
	    &g->words);
	free(b.p);
	return (r);
}

/*
 * How well a decoding reads: Vietnamese words count for it and other words
 * against it, since a wrong decoding also cuts words into short pieces
 * that happen to be syllables.
 */
static long long
net(const struct encoding_guess *g)
{
	return (2 * (long long)g->vietnamese - (long long)g->words);
}

/* Guess, with partial set if buf may end inside a character. */
static void
guess(const char *buf, size_t len, int partial, struct encoding_guess *g)
{
	static const enum encoding legacy[] = {
		ENC_TCVN3, ENC_VNI, ENC_VISCII, ENC_CP1258
	};
	struct encoding_guess	 c;
	const char		*bad;
	size_t			 i, ascii;
	ucs4_t			 uc;

	bad = utf8_invalid(buf, len);
	if (bad != NULL && partial && len - (size_t)(bad - buf) < 4 &&
	    u8_mbtoucr(&uc, (const uint8_t *)bad, len - (bad - buf)) == -2)
		bad = NULL;
	for (ascii = 0; ascii < len && (uint8_t)buf[ascii] < 0x80; ascii++)
		/* nothing */;
	if (bad == NULL || (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)) {
		score(ENC_UTF8, buf, len, partial, g);
		/* Plain ASCII may be VIQR. */
		if (ascii == len && score(ENC_VIQR, buf, len, partial, &c) == 0 &&
		    net(&c) > net(g))
			*g = c;
		return;
	}
	g->enc = ENC_UTF8;
	g->words = g->vietnamese = 0;
	for (i = 0; i < sizeof legacy / sizeof legacy[0]; i++) {
		if (score(legacy[i], buf, len, partial, &c) != 0)
			continue;
		if (g->enc == ENC_UTF8 || net(&c) > net(g))
			*g = c;
	}
}

/*
 * Guess the encoding of len bytes at buf: UTF-8 if it is valid UTF-8 (or
 * has a byte-order mark), or VIQR if it is plain ASCII that reads better
 * as VIQR; otherwise the legacy encoding that reads best, counting words
 * that decode as Vietnamese syllables for it and other words against it
 * (ties go to tcvn3, vni, viscii, cp1258 in that order). An encoding that
 * cannot decode the text is not chosen; if none can, UTF-8 is, and
 * decoding will report the bad byte. Fills *g with the choice and the
 * word counts behind it, for a message such as "guessed tcvn3 (412 of 430
 * words Vietnamese)".
 */
void
encoding_guess(const char *buf, size_t len, struct encoding_guess *g)
{
	guess(buf, len, 0, g);
}

/* ---------------------------------------------------------------------
 * FILE* wrappers (glibc fopencookie). Each open wrapper is on a list so
 * that encoding_error() can find it from its FILE*.
 */

struct wrapper {
	FILE			*fp;	/* the wrapper */
	FILE			*f;	/* the file under it */
	struct conv		*cv;
	struct encoding_guess	 guess;
	struct ubuf		 buf;	/* decoded, or the sample, not yet read */
	size_t			 bufoff;
	int			 eof;
	int			 closed;	/* the final flush is done */
	char			*error;
	struct wrapper		*next;
};
static struct wrapper	*wrappers;

static struct wrapper *
find_wrapper(FILE *fp)
{
	struct wrapper	*w;

	for (w = wrappers; w != NULL; w = w->next)
		if (w->fp == fp)
			return (w);
	return (NULL);
}

/* Record a failure of w: the converter's message, or errno's. */
static void
wrapper_fail(struct wrapper *w, const char *what)
{
	if (w->error != NULL)
		return;
	if (w->cv->error != NULL)
		w->error = xstrdup(w->cv->error);
	else
		xasprintf(&w->error, "%s: %s", what, strerror(errno));
}

static ssize_t
reader_read(void *cookie, char *buf, size_t size)
{
	struct wrapper	*w = cookie;
	char		 in[CHUNK];
	size_t		 n, want;

	want = size < sizeof in ? (size > 0 ? size : 1) : sizeof in;
	while (w->buf.len - w->bufoff == 0 && !w->eof && w->error == NULL) {
		w->buf.len = w->bufoff = 0;
		n = fread(in, 1, want, w->f);
		if (n < want && ferror(w->f)) {
			wrapper_fail(w, _("read error"));
			break;
		}
		if (n < want)
			w->eof = feof(w->f);
		if (conv_feed(w->cv, in, n, w->eof, &w->buf) != 0)
			wrapper_fail(w, _("read error"));
	}
	n = w->buf.len - w->bufoff;
	if (n == 0 && w->error != NULL) {
		errno = EILSEQ;
		return (-1);
	}
	if (n > size)
		n = size;
	if (n > 0)
		memcpy(buf, w->buf.p + w->bufoff, n);
	w->bufoff += n;
	return ((ssize_t)n);
}

static ssize_t
writer_write(void *cookie, const char *buf, size_t size)
{
	struct wrapper	*w = cookie;

	if (w->error != NULL)
		return (0);
	w->buf.len = 0;
	if (conv_feed(w->cv, buf, size, 0, &w->buf) != 0)
		wrapper_fail(w, _("write error"));
	if (w->buf.len > 0 && fwrite(w->buf.p, 1, w->buf.len, w->f) !=
	    w->buf.len)
		wrapper_fail(w, _("write error"));
	return (w->error != NULL ? 0 : (ssize_t)size);
}

/* The end of a writer: the final flush, written and flushed. */
static void
writer_finish(struct wrapper *w)
{
	if (w->closed || w->cv->encode == 0)
		return;
	w->closed = 1;
	if (w->error != NULL)
		return;
	w->buf.len = 0;
	if (conv_feed(w->cv, "", 0, 1, &w->buf) != 0)
		wrapper_fail(w, _("write error"));
	if (w->buf.len > 0 && fwrite(w->buf.p, 1, w->buf.len, w->f) !=
	    w->buf.len)
		wrapper_fail(w, _("write error"));
	if (fflush(w->f) != 0)
		wrapper_fail(w, _("write error"));
}

static int
wrapper_close(void *cookie)
{
	struct wrapper	 *w = cookie, **pw;
	int		  r;

	writer_finish(w);
	r = (w->error != NULL) ? EOF : 0;
	for (pw = &wrappers; *pw != NULL; pw = &(*pw)->next) {
		if (*pw == w) {
			*pw = w->next;
			break;
		}
	}
	conv_free(w->cv);
	free(w->buf.p);
	free(w->error);
	free(w);
	return (r);
}

/* Make the FILE* for w. */
static FILE *
wrapper_open(struct wrapper *w, int writing, char **cause)
{
	cookie_io_functions_t	io;

	memset(&io, 0, sizeof io);
	if (writing)
		io.write = writer_write;
	else
		io.read = reader_read;
	io.close = wrapper_close;
	w->fp = fopencookie(w, writing ? "w" : "r", io);
	if (w->fp == NULL) {
		xasprintf(cause, "fopencookie: %s", strerror(errno));
		conv_free(w->cv);
		free(w->buf.p);
		free(w);
		return (NULL);
	}
	w->next = wrappers;
	wrappers = w;
	return (w->fp);
}

/*
 * Open a FILE* that reads NFC UTF-8 decoded from enc out of in, taking
 * from in about as many bytes at a time as are asked of it (at most 16
 * KiB; an unbuffered wrapper read a byte at a time reads in a byte at a
 * time). With
 * ENC_AUTO the first 64 KiB of in are read now and guessed from (see
 * encoding_guess() and encoding_guessed()). A read fails with errno
 * EILSEQ at the first byte that cannot be decoded, after everything
 * before it has been read; encoding_error() then gives the message with
 * the offset. Closing the wrapper (fclose or encoding_close) does not
 * close in. Returns NULL with *cause if it cannot be set up.
 */
FILE *
encoding_open_reader(FILE *in, enum encoding enc, char **cause)
{
	struct wrapper	*w;
	size_t		 n = 0, got;

	w = xcalloc(1, sizeof *w);
	w->f = in;
	w->guess.enc = enc;
	if (enc == ENC_AUTO) {
		w->buf.p = xmalloc(SAMPLE + 1);
		w->buf.size = SAMPLE + 1;
		while (n < SAMPLE && (got = fread(w->buf.p + n, 1,
		    SAMPLE - n, in)) > 0)
			n += got;
		if (ferror(in)) {
			xasprintf(cause, "%s: %s", _("read error"),
			    strerror(errno));
			free(w->buf.p);
			free(w);
			return (NULL);
		}
		w->eof = feof(in);
		guess(w->buf.p, n, !w->eof, &w->guess);
		enc = w->guess.enc;
	}
	if ((w->cv = conv_new(enc, 0, cause)) == NULL) {
		free(w->buf.p);
		free(w);
		return (NULL);
	}
	if (n > 0) {
		struct ubuf	sample = w->buf;

		memset(&w->buf, 0, sizeof w->buf);
		if (conv_feed(w->cv, sample.p, n, w->eof, &w->buf) != 0)
			wrapper_fail(w, _("read error"));
		free(sample.p);
	} else if (w->eof)
		conv_feed(w->cv, "", 0, 1, &w->buf);
	return (wrapper_open(w, 0, cause));
}

/*
 * Open a FILE* that encodes the UTF-8 written to it into enc and writes
 * it to out. Text is converted as the FILE*'s buffer fills; a character
 * enc cannot write makes that write fail (and every later one), and
 * encoding_error() gives the character and its offset. Close it with
 * encoding_close() to get the message of a failure in the last flush;
 * either way closing flushes out but does not close it. Returns NULL with
 * *cause if it cannot be set up (ENC_AUTO is refused).
 */
FILE *
encoding_open_writer(FILE *out, enum encoding enc, char **cause)
{
	struct wrapper	*w;

	if (enc == ENC_AUTO) {
		*cause = xstrdup(_("auto can only be used for reading"));
		return (NULL);
	}
	w = xcalloc(1, sizeof *w);
	w->f = out;
	w->guess.enc = enc;
	if ((w->cv = conv_new(enc, 1, cause)) == NULL) {
		free(w);
		return (NULL);
	}
	return (wrapper_open(w, 1, cause));
}

/*
 * The message of the first failure of wrapper fp (undecodable input,
 * unwritable character, I/O error), naming the offset; NULL if it has not
 * failed or fp is not a wrapper. The string belongs to the wrapper.
 */
const char *
encoding_error(FILE *fp)
{
	struct wrapper	*w;

	if ((w = find_wrapper(fp)) == NULL)
		return (NULL);
	return (w->error);
}

/*
 * Fill *g with the encoding reader fp decodes and, if it was guessed, the
 * counts behind the guess (zero otherwise). Returns 0, or -1 if fp is not
 * a wrapper.
 */
int
encoding_guessed(FILE *fp, struct encoding_guess *g)
{
	struct wrapper	*w;

	if ((w = find_wrapper(fp)) == NULL)
		return (-1);
	*g = w->guess;
	return (0);
}

/*
 * Close wrapper fp: for a writer, flush everything (with iconv's final
 * flush) to the file under it and flush that. The file under it stays
 * open. Returns 0, or -1 with the first failure of the wrapper in *cause.
 */
int
encoding_close(FILE *fp, char **cause)
{
	struct wrapper	*w;

	if ((w = find_wrapper(fp)) == NULL) {
		*cause = xstrdup("not an encoding wrapper");
		return (-1);
	}
	fflush(fp);
	writer_finish(w);
	if (w->error != NULL) {
		*cause = xstrdup(w->error);
		fclose(fp);
		return (-1);
	}
	if (fclose(fp) != 0) {
		xasprintf(cause, "%s: %s", _("write error"), strerror(errno));
		return (-1);
	}
	return (0);
}
