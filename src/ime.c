/*
 * ime.c: the Vietnamese input method engine, a syllable re-composer.
 *
 * The word being typed is kept twice: as the raw keys, and as a model of
 * its letters (each an ASCII base letter and a mark) with one tone for the
 * whole word. A key changes the model (adds a letter, puts or takes a
 * mark, sets or removes the tone), and the word is then rebuilt from the
 * model: the tone goes on the vowel the spelling rules choose (as in
 * Unikey's getTonePosition), so tones and marks may be typed in any order
 * after the vowel. Which key does what comes from the input-method table
 * (ime-table.c); nothing here knows Telex from VNI.
 *
 * Rules, in the order a key meets them:
 *  - a key that arrives precomposed or outside ASCII (a letter a Windows
 *    input method already made, say) turns the word into a pass-through
 *    word: what is shown stays, and every further key of the word is
 *    taken as typed;
 *  - a tone or mark key that finds nothing to act on is an ordinary
 *    letter (Telex) or ends the word (a VNI digit, a VIQR sign);
 *  - the same mark or tone twice takes it off and types the key (ass →
 *    as, aaa → aa); after that the rest of the word is typed as is;
 *  - the word ends at any key that is not a letter or a key of the
 *    method, and then, with IME_RESTORE, a word that cannot be Vietnamese
 *    gets its keys back.
 */

#include "config.h"

#include <sys/types.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "ime.h"
#include "utf8.h"
#include "xmalloc.h"

#define IME_BUF		(IME_WORD_MAX * 4 + 1)

/*
 * The vowel letters, each with its six tones in enum ime_tone order, lower
 * then upper case. The row of a letter is vowel_row() of its base and mark.
 */
static const char *vowel_text[2][12] = { {
	"aàảãáạ", "ăằẳẵắặ", "âầẩẫấậ", "eèẻẽéẹ", "êềểễếệ", "iìỉĩíị",
	"oòỏõóọ", "ôồổỗốộ", "ơờởỡớợ", "uùủũúụ", "ưừửữứự", "yỳỷỹýỵ"
}, {
	"AÀẢÃÁẠ", "ĂẰẲẴẮẶ", "ÂẦẨẪẤẬ", "EÈẺẼÉẸ", "ÊỀỂỄẾỆ", "IÌỈĨÍỊ",
	"OÒỎÕÓỌ", "ÔỒỔỖỐỘ", "ƠỜỞỠỚỢ", "UÙỦŨÚỤ", "ƯỪỬỮỨỰ", "YỲỶỸÝỴ"
} };
static uint32_t	vowel_cp[2][12][IME_TONE_COUNT];
static int	vowel_ready;

/* Raw keys: what each did, and to which letter. */
enum raw_role {
	RAW_LETTER,		/* made letter idx */
	RAW_MARK,		/* put or changed a mark on letter idx */
	RAW_TONE,		/* set or removed the tone */
	RAW_UNDO		/* undid a mark or tone, typed letter idx */
};

struct raw {
	uint32_t	cp;
	u_char		role;
	u_char		idx;
};

struct letter {
	uint32_t	cp;	/* the key as typed; any code point if base 0 */
	char		base;	/* ASCII letter in lower case, or 0 */
	u_char		mark;	/* enum ime_mark */
	u_char		alone;	/* made by an "alone" key */
};

struct ime {
	const struct ime_table	*t;
	enum ime_style		 style;
	int			 flags;

	struct letter		 w[IME_WORD_MAX];
	size_t			 n;
	enum ime_tone		 tone;
	struct raw		 raw[IME_WORD_MAX];
	size_t			 nraw;
	int			 pass;		/* a pass-through word */
	int			 escaped;	/* the next key is literal */
	int			 overflow;	/* the word was cut */

	char			 shown[IME_BUF];	/* the word as shown */
	char			 prev[IME_BUF];		/* ... before */
	char			 tail[8];	/* typed after the word ended */
	char			 ebuf[2 * IME_BUF + 8];	/* edit text */
};

static void	word_cut(struct ime *);
static void	normalise(struct ime *);

static void
vowel_init(void)
{
	const uint8_t	*s;
	int		 c, r, k, len;
	ucs4_t		 uc;

	if (vowel_ready)
		return;
	for (c = 0; c < 2; c++) {
		for (r = 0; r < 12; r++) {
			s = (const uint8_t *)vowel_text[c][r];
			for (k = 0; k < IME_TONE_COUNT; k++) {
				len = u8_mbtouc(&uc, s,
				    strlen((const char *)s));
				vowel_cp[c][r][k] = uc;
				s += len;
			}
		}
	}
	vowel_ready = 1;
}

static int
is_vowel(int base)
{
	return (base != 0 && strchr("aeiouy", base) != NULL);
}

/* The row of vowel_text for base with mark, or -1. */
static int
vowel_row(int base, int mark)
{
	switch (base) {
	case 'a':
		return (mark == IME_MARK_BREVE ? 1 :
		    mark == IME_MARK_CIRCUMFLEX ? 2 : 0);
	case 'e':
		return (mark == IME_MARK_CIRCUMFLEX ? 4 : 3);
	case 'i':
		return (5);
	case 'o':
		return (mark == IME_MARK_CIRCUMFLEX ? 7 :
		    mark == IME_MARK_HORN ? 8 : 6);
	case 'u':
		return (mark == IME_MARK_HORN ? 10 : 9);
	case 'y':
		return (11);
	}
	return (-1);
}

static int
is_upper(uint32_t cp)
{
	return (cp < 0x80 && isupper((int)cp));
}

/* The code point letter l shows, with tone (IME_TONE_NONE for none). */
static uint32_t
letter_cp(const struct letter *l, enum ime_tone tone)
{
	int	r;

	if (l->base == 0)
		return (l->cp);
	if ((r = vowel_row(l->base, l->mark)) != -1)
		return (vowel_cp[is_upper(l->cp)][r][tone]);
	if (l->base == 'd' && l->mark == IME_MARK_STROKE)
		return (is_upper(l->cp) ? 0x0110 : 0x0111);
	return (l->cp);
}

/* ------------------------------------------------------------------------
 * The syllable: where its vowels are and where the tone goes.
 */

/*
 * Find the nucleus of the word: the first run of vowels, less the u of
 * an initial "qu" and the i of an initial "gi" when another vowel
 * follows (quý, già, giữ; but gìn). Set *s and *e (exclusive) and return
 * 1, or return 0 if the word has no vowel.
 */
static int
nucleus(const struct ime *ime, size_t *s, size_t *e)
{
	size_t	v0, i;

	for (v0 = 0; v0 < ime->n; v0++)
		if (is_vowel(ime->w[v0].base))
			break;
	if (v0 == ime->n)
		return (0);
	for (i = v0; i < ime->n && is_vowel(ime->w[i].base); i++)
		;
	*s = v0;
	*e = i;
	if (v0 == 1 && i - v0 > 1 &&
	    ((ime->w[0].base == 'q' && ime->w[1].base == 'u') ||
	    (ime->w[0].base == 'g' && ime->w[1].base == 'i' &&
	    ime->w[1].mark == IME_MARK_NONE)))
		*s = 2;
	return (1);
}

/* Is base the pair of letters a, b (in that order)? */
static int
pair_is(const struct ime *ime, size_t s, int a, int b)
{
	return (ime->w[s].base == a && ime->w[s + 1].base == b &&
	    ime->w[s].mark == IME_MARK_NONE &&
	    ime->w[s + 1].mark == IME_MARK_NONE);
}

/*
 * The letter that carries the tone, or -1 without a vowel:
 *  1. a lone vowel;
 *  2. the vowel with a circumflex (â ê ô), else the last with a horn or
 *     breve (ơ in ươ, ư in ưa);
 *  3. of three vowels, the middle one (hoài, khuỷu);
 *  4. of two before a final consonant, the second (hoàn, toán);
 *  5. of two ending the syllable, the first (mía, múa, hòa, thủy), but
 *     the second in oa, oe, uy in the new style (hoà, khoẻ, thuỷ).
 */
static int
tone_position(const struct ime *ime)
{
	size_t	s, e, i;

	if (!nucleus(ime, &s, &e))
		return (-1);
	if (e - s == 1)
		return ((int)s);
	for (i = s; i < e; i++)
		if (ime->w[i].mark == IME_MARK_CIRCUMFLEX)
			return ((int)i);
	for (i = e; i > s; i--)
		if (ime->w[i - 1].mark == IME_MARK_HORN ||
		    ime->w[i - 1].mark == IME_MARK_BREVE)
			return ((int)i - 1);
	if (e - s >= 3 || e < ime->n)
		return ((int)s + 1);
	if (ime->style == IME_STYLE_NEW && (pair_is(ime, s, 'o', 'a') ||
	    pair_is(ime, s, 'o', 'e') || pair_is(ime, s, 'u', 'y')))
		return ((int)s + 1);
	return ((int)s);
}

/* Write the letters from..to (exclusive) of the word to the ASCII
 * buffer buf (size len): base letters, with đ as 'D'. */
static void
ascii_part(const struct ime *ime, size_t from, size_t to, char *buf,
    size_t len)
{
	size_t	i, j = 0;

	for (i = from; i < to && j + 1 < len; i++) {
		if (ime->w[i].base == 'd' && ime->w[i].mark == IME_MARK_STROKE)
			buf[j++] = 'D';
		else
			buf[j++] = ime->w[i].base;
	}
	buf[j] = '\0';
}

/* Is the final consonant a stop (c ch k p t), which takes only sắc and
 * nặng? */
static int
stop_final(const struct ime *ime)
{
	size_t	s, e;
	char	coda[IME_WORD_MAX + 1];

	if (!nucleus(ime, &s, &e))
		return (0);
	ascii_part(ime, e, ime->n, coda, sizeof coda);
	return (strcmp(coda, "c") == 0 || strcmp(coda, "ch") == 0 ||
	    strcmp(coda, "k") == 0 || strcmp(coda, "p") == 0 ||
	    strcmp(coda, "t") == 0);
}

/* Render the word into buf (IME_BUF bytes). */
static void
render(const struct ime *ime, char *buf)
{
	size_t	i, off = 0;
	int	pos, len;

	pos = ime->tone != IME_TONE_NONE ? tone_position(ime) : -1;
	for (i = 0; i < ime->n; i++) {
		len = u8_uctomb((uint8_t *)buf + off, letter_cp(&ime->w[i],
		    (int)i == pos ? ime->tone : IME_TONE_NONE), IME_BUF - off);
		if (len > 0)
			off += len;
	}
	buf[off] = '\0';
}

/* ------------------------------------------------------------------------
 * Spelling, for IME_RESTORE: could the word be a Vietnamese syllable?
 */

enum { N_OPEN, N_CLOSED, N_ANY };	/* final consonant: none, one, either */

static const struct {
	const char	*v;
	int		 final;
} nuclei[] = {
	{ "a", N_ANY }, { "ă", N_CLOSED }, { "â", N_CLOSED }, { "e", N_ANY },
	{ "ê", N_ANY }, { "i", N_ANY }, { "o", N_ANY }, { "ô", N_ANY },
	{ "ơ", N_ANY }, { "u", N_ANY }, { "ư", N_ANY }, { "y", N_ANY },
	{ "ai", N_OPEN }, { "ao", N_OPEN }, { "au", N_OPEN },
	{ "âu", N_OPEN }, { "ay", N_OPEN }, { "ây", N_OPEN },
	{ "eo", N_OPEN }, { "êu", N_OPEN }, { "ia", N_OPEN },
	{ "iê", N_CLOSED }, { "iu", N_OPEN }, { "oa", N_ANY },
	{ "oă", N_CLOSED }, { "oe", N_ANY }, { "oi", N_OPEN },
	{ "ôi", N_OPEN }, { "ơi", N_OPEN }, { "oo", N_CLOSED },
	{ "ua", N_OPEN }, { "uâ", N_CLOSED }, { "uê", N_ANY },
	{ "ui", N_OPEN }, { "uô", N_CLOSED }, { "uơ", N_OPEN },
	{ "uy", N_ANY }, { "ưa", N_OPEN }, { "ưi", N_OPEN },
	{ "ươ", N_CLOSED }, { "ưu", N_OPEN }, { "yê", N_CLOSED },
	{ "iêu", N_OPEN }, { "yêu", N_OPEN }, { "oai", N_OPEN },
	{ "oay", N_OPEN }, { "oeo", N_OPEN }, { "uây", N_OPEN },
	{ "uôi", N_OPEN }, { "ươi", N_OPEN }, { "ươu", N_OPEN },
	{ "uya", N_OPEN }, { "uyê", N_CLOSED }, { "uyu", N_OPEN }
};

static const char *initials[] = {
	"", "b", "c", "ch", "d", "D", "g", "gh", "gi", "h", "k", "kh", "l",
	"m", "n", "ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th",
	"tr", "v", "x"
};

static const char *finals[] = {
	"", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t"
};

static int
in_list(const char **list, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return (1);
	return (0);
}

/*
 * Does the word follow Vietnamese spelling: initial consonant, a vowel
 * group that exists, a final consonant it allows, a tone the final
 * allows (only sắc and nặng before c ch k p t), and the c/k, g/gh, ng/ngh
 * rules? A word without a vowel (đ, abbreviations) passes.
 */
static int
spelling_ok(const struct ime *ime)
{
	struct ime	 v;
	char		 init[IME_WORD_MAX + 1], coda[IME_WORD_MAX + 1];
	char		 nuc[IME_BUF];
	size_t		 s, e, i;
	int		 final = -1, front;

	for (i = 0; i < ime->n; i++)
		if (ime->w[i].base == 0)
			return (0);
	if (!nucleus(ime, &s, &e))
		return (1);
	ascii_part(ime, 0, s, init, sizeof init);
	ascii_part(ime, e, ime->n, coda, sizeof coda);
	if (!in_list(initials, sizeof initials / sizeof *initials, init) ||
	    !in_list(finals, sizeof finals / sizeof *finals, coda))
		return (0);

	/* The nucleus in lower case without its tone. */
	memset(&v, 0, sizeof v);
	for (i = s; i < e; i++) {
		v.w[v.n] = ime->w[i];
		v.w[v.n].cp = v.w[v.n].base;
		v.n++;
	}
	render(&v, nuc);
	for (i = 0; i < sizeof nuclei / sizeof *nuclei; i++)
		if (strcmp(nuclei[i].v, nuc) == 0)
			final = nuclei[i].final;
	if (final == -1 || (final == N_OPEN && *coda != '\0') ||
	    (final == N_CLOSED && *coda == '\0'))
		return (0);

	/* ch, nh after a ê i oa uê uy; c, ng never after ê i y uê uy. */
	if ((strcmp(coda, "ch") == 0 || strcmp(coda, "nh") == 0) &&
	    strcmp(nuc, "a") != 0 && strcmp(nuc, "ê") != 0 &&
	    strcmp(nuc, "i") != 0 && strcmp(nuc, "oa") != 0 &&
	    strcmp(nuc, "uê") != 0 && strcmp(nuc, "uy") != 0)
		return (0);
	if ((strcmp(coda, "c") == 0 || strcmp(coda, "ng") == 0) &&
	    (strcmp(nuc, "ê") == 0 || strcmp(nuc, "i") == 0 ||
	    strcmp(nuc, "y") == 0 || strcmp(nuc, "uê") == 0 ||
	    strcmp(nuc, "uy") == 0))
		return (0);
	if (stop_final(ime) && ime->tone != IME_TONE_NONE &&
	    ime->tone != IME_TONE_ACUTE && ime->tone != IME_TONE_DOT)
		return (0);

	/* c g ng before a e ê i y are k gh ngh (gi is its own initial). */
	front = strchr("eiy", ime->w[s].base) != NULL;
	if (front && (strcmp(init, "c") == 0 || strcmp(init, "ng") == 0 ||
	    (strcmp(init, "g") == 0 && ime->w[s].base != 'i')))
		return (0);
	if (!front && (strcmp(init, "gh") == 0 || strcmp(init, "ngh") == 0))
		return (0);
	return (1);
}

/* ------------------------------------------------------------------------
 * Changing the word.
 */

static void
raw_add(struct ime *ime, uint32_t cp, int role, size_t idx)
{
	if (ime->nraw == IME_WORD_MAX)
		return;		/* word_cut follows */
	ime->raw[ime->nraw].cp = cp;
	ime->raw[ime->nraw].role = role;
	ime->raw[ime->nraw].idx = idx;
	ime->nraw++;
}

/* Has a mark or tone been undone in this word? Then keys are literal. */
static int
reverted(const struct ime *ime)
{
	size_t	i;

	for (i = 0; i < ime->nraw; i++)
		if (ime->raw[i].role == RAW_UNDO)
			return (1);
	return (0);
}

/* Append a letter typed as cp; base is its lower-case ASCII letter or 0. */
static void
add_letter(struct ime *ime, uint32_t cp, int role)
{
	struct letter	*l;

	if (ime->n == IME_WORD_MAX)
		return;
	l = &ime->w[ime->n];
	memset(l, 0, sizeof *l);
	l->cp = cp;
	if (!ime->pass) {
		if (cp < 0x80 && isalpha((int)cp))
			l->base = tolower((int)cp);
		raw_add(ime, cp, role, ime->n);
	}
	ime->n++;
}

/* Undo: take mark m off the letters set in which[], type the key. */
static void
undo_mark(struct ime *ime, const size_t *which, size_t nwhich, uint32_t cp)
{
	struct letter	*l = &ime->w[which[0]];
	size_t		 i;

	/* A lone w typed twice is just w (ww → w). */
	if (nwhich == 1 && l->alone && which[0] == ime->n - 1) {
		memset(l, 0, sizeof *l);
		l->cp = cp;
		if (isalpha((int)cp))
			l->base = tolower((int)cp);
		raw_add(ime, cp, RAW_UNDO, which[0]);
		return;
	}
	for (i = 0; i < nwhich; i++) {
		ime->w[which[i]].mark = IME_MARK_NONE;
		ime->w[which[i]].alone = 0;
	}
	add_letter(ime, cp, RAW_UNDO);
}

/*
 * The last run of vowels, the one mark keys act on, less the u of an
 * initial qu and the i of an initial gi with a vowel after it. 0 if none.
 */
static int
last_run(const struct ime *ime, size_t *s, size_t *e)
{
	size_t	i = ime->n;

	while (i > 0 && !is_vowel(ime->w[i - 1].base))
		i--;
	if (i == 0)
		return (0);
	*e = i;
	while (i > 0 && is_vowel(ime->w[i - 1].base))
		i--;
	*s = i;
	if (i == 1 && ((ime->w[0].base == 'q' && ime->w[1].base == 'u') ||
	    (ime->w[0].base == 'g' && ime->w[1].base == 'i' && *e > 2)))
		(*s)++;
	return (*s < *e);
}

/* Is the last run of vowels a Vietnamese vowel group? */
static int
run_ok(const struct ime *ime)
{
	struct ime	v;
	char		buf[IME_BUF];
	size_t		s, e, i;

	if (!last_run(ime, &s, &e))
		return (1);
	memset(&v, 0, sizeof v);
	for (i = s; i < e; i++) {
		v.w[v.n] = ime->w[i];
		v.w[v.n].cp = v.w[v.n].base;
		v.n++;
	}
	render(&v, buf);
	for (i = 0; i < sizeof nuclei / sizeof *nuclei; i++)
		if (strcmp(nuclei[i].v, buf) == 0)
			return (1);
	return (0);
}

/* Can key k put mark m on letter l, the last vowel of its run or not? */
static int
can_mark(const struct ime_keydef *k, const struct letter *l, int m,
    int last)
{
	if (l->base == 0 || !(k->targets[m] & (1U << (l->base - 'a'))))
		return (0);
	return (m != IME_MARK_BREVE || last);	/* ă ends its vowel group */
}

/* Put mark m on the letters in which[], or undo if all have it. */
static int
set_mark(struct ime *ime, const size_t *which, size_t n, int m, uint32_t cp)
{
	struct letter	saved[IME_WORD_MAX];
	size_t		i;
	int		all = 1;

	for (i = 0; i < n; i++)
		all &= ime->w[which[i]].mark == m;
	if (all) {
		undo_mark(ime, which, n, cp);
		return (1);
	}
	/*
	 * A vowel mark that would make a vowel group Vietnamese does not
	 * have is not a mark here: ngoeo stays, not ngôe (free order only;
	 * in postfix order a sign always goes on the letter before it).
	 */
	memcpy(saved, ime->w, sizeof saved);
	for (i = 0; i < n; i++)
		ime->w[which[i]].mark = m;
	if (m != IME_MARK_STROKE && !ime->t->postfix) {
		normalise(ime);
		if (!run_ok(ime)) {
			memcpy(ime->w, saved, sizeof saved);
			return (0);
		}
		memcpy(ime->w, saved, sizeof saved);
		for (i = 0; i < n; i++)
			ime->w[which[i]].mark = m;
	}
	raw_add(ime, cp, RAW_MARK, which[0]);
	return (1);
}

/*
 * Apply the mark actions of key k (typed as cp). Return 1 if the key
 * acted (or undid), 0 if it found no letter to act on.
 */
static int
apply_mark(struct ime *ime, const struct ime_keydef *k, uint32_t cp)
{
	struct letter	*w = ime->w;
	size_t		 s, e, i, which[2];
	int		 m;
	u_int		 hu, ho;

	/*
	 * đ: the nearest d before (free order) or the last letter. Only a
	 * key right after an đ takes the stroke off (ddd → dd); further on
	 * it is a letter (dedicated).
	 */
	if (k->targets[IME_MARK_STROKE] != 0) {
		for (i = ime->n; i > 0; i--) {
			if (w[i - 1].base == 'd') {
				if (w[i - 1].mark == IME_MARK_STROKE &&
				    i != ime->n)
					break;
				which[0] = i - 1;
				return (set_mark(ime, which, 1,
				    IME_MARK_STROKE, cp));
			}
			if (ime->t->postfix)
				break;
		}
	}
	if (!last_run(ime, &s, &e))
		return (0);

	if (ime->t->postfix) {
		if (e != ime->n)
			return (0);
		for (m = IME_MARK_CIRCUMFLEX; m < IME_MARK_STROKE; m++) {
			if (can_mark(k, &w[e - 1], m, 1)) {
				which[0] = e - 1;
				return (set_mark(ime, which, 1, m, cp));
			}
		}
		return (0);
	}

	hu = k->targets[IME_MARK_HORN] & (1U << ('u' - 'a'));
	ho = k->targets[IME_MARK_HORN] & (1U << ('o' - 'a'));
	for (i = s; i + 1 < e; i++) {
		/* uo: ươ before a final or vowel, uơ at the end (thuở). */
		if (hu && ho && w[i].base == 'u' && w[i + 1].base == 'o') {
			which[0] = i;
			which[1] = i + 1;
			if (w[i].mark == IME_MARK_HORN &&
			    w[i + 1].mark == IME_MARK_HORN)
				return (set_mark(ime, which, 2,
				    IME_MARK_HORN, cp));
			if (w[i + 1].mark == IME_MARK_HORN)
				return (set_mark(ime, which, 1,
				    IME_MARK_HORN, cp));
			if (w[i].mark == IME_MARK_HORN || i + 2 < ime->n)
				return (set_mark(ime, which, 2,
				    IME_MARK_HORN, cp));
			return (set_mark(ime, which + 1, 1, IME_MARK_HORN,
			    cp));
		}
		/* ua: ưa (chưa); oa: oă (hoặc). */
		if (hu && w[i].base == 'u' && w[i + 1].base == 'a') {
			which[0] = i;
			return (set_mark(ime, which, 1, IME_MARK_HORN, cp));
		}
		if (w[i].base == 'o' && w[i + 1].base == 'a' &&
		    can_mark(k, &w[i + 1], IME_MARK_BREVE, i + 2 == e)) {
			which[0] = i + 1;
			return (set_mark(ime, which, 1, IME_MARK_BREVE, cp));
		}
	}
	/* Otherwise the first vowel of the group the key can mark. */
	for (i = s; i < e; i++) {
		for (m = IME_MARK_CIRCUMFLEX; m < IME_MARK_STROKE; m++) {
			if (can_mark(k, &w[i], m, i + 1 == e)) {
				which[0] = i;
				return (set_mark(ime, which, 1, m, cp));
			}
		}
	}
	return (0);
}

/*
 * The "alone" letter (Telex w → ư). For a key that is also a mark key,
 * only when no vowel of the last group could take the mark: not in a
 * word with u, o or a (taiw stays taiw), nor after q (qw, quw).
 */
static int
apply_alone(struct ime *ime, const struct ime_keydef *k, uint32_t cp)
{
	size_t	s, e, i;

	if (!(ime->flags & IME_W_ALONE))
		return (0);
	if ((k->what & IME_DO_MARK) && ime->n > 0 && ime->w[0].base == 'q')
		return (0);
	if ((k->what & IME_DO_MARK) && last_run(ime, &s, &e))
		for (i = s; i < e; i++)
			if (strchr("aou", ime->w[i].base) != NULL)
				return (0);
	if (ime->n == IME_WORD_MAX)
		return (0);
	add_letter(ime, cp, RAW_LETTER);
	ime->w[ime->n - 1].base = k->alone_base;
	ime->w[ime->n - 1].mark = k->alone_mark;
	ime->w[ime->n - 1].alone = 1;
	return (1);
}

/* Apply tone key k (typed as cp). Return 1 if it acted. */
static int
apply_tone(struct ime *ime, const struct ime_keydef *k, uint32_t cp)
{
	size_t	s, e;

	if (!nucleus(ime, &s, &e))
		return (0);
	if (ime->t->postfix && !is_vowel(ime->w[ime->n - 1].base))
		return (0);
	if (k->tone == IME_TONE_NONE) {
		if (ime->tone == IME_TONE_NONE)
			return (0);
		ime->tone = IME_TONE_NONE;
		raw_add(ime, cp, RAW_TONE, 0);
		return (1);
	}
	if (k->tone == ime->tone) {
		ime->tone = IME_TONE_NONE;
		add_letter(ime, cp, RAW_UNDO);
		return (1);
	}
	if (stop_final(ime) && k->tone != IME_TONE_ACUTE &&
	    k->tone != IME_TONE_DOT)
		return (0);
	ime->tone = k->tone;
	raw_add(ime, cp, RAW_TONE, 0);
	return (1);
}

/*
 * After a key: u and o side by side with a horn on one of them take it on
 * both once anything follows (dưoi → dươi, thuơc → thươc), and ư before
 * ô loses its horn (đươi + o → đuôi).
 */
static void
normalise(struct ime *ime)
{
	struct letter	*w = ime->w;
	size_t		 i;

	for (i = 0; i + 1 < ime->n; i++) {
		if (w[i].base != 'u' || w[i + 1].base != 'o' ||
		    (i == 1 && w[0].base == 'q'))
			continue;
		if (w[i].mark == IME_MARK_HORN &&
		    w[i + 1].mark == IME_MARK_CIRCUMFLEX)
			w[i].mark = IME_MARK_NONE;
		else if (i + 2 < ime->n &&
		    w[i + 1].mark != IME_MARK_CIRCUMFLEX &&
		    (w[i].mark == IME_MARK_HORN) !=
		    (w[i + 1].mark == IME_MARK_HORN))
			w[i].mark = w[i + 1].mark = IME_MARK_HORN;
	}
}

/* The raw keys as a string, in buf (IME_BUF bytes). */
static void
raw_text(const struct ime *ime, char *buf)
{
	size_t	i, off = 0;
	int	len;

	for (i = 0; i < ime->nraw; i++) {
		len = u8_uctomb((uint8_t *)buf + off, ime->raw[i].cp,
		    IME_BUF - off);
		if (len > 0)
			off += len;
	}
	buf[off] = '\0';
}

/* Forget the word (but not the pass-through of an emptied word). */
static void
word_clear(struct ime *ime)
{
	ime->n = 0;
	ime->nraw = 0;
	ime->tone = IME_TONE_NONE;
	ime->pass = 0;
	ime->shown[0] = '\0';
}

/*
 * End the word: with IME_RESTORE a word that the keys changed and that
 * cannot be Vietnamese (or whose keys are on the table's keep list)
 * shows its keys again. ime->shown is the word's final text.
 */
static void
word_end(struct ime *ime)
{
	char	rawbuf[IME_BUF], lower[IME_BUF];
	size_t	i;
	int	restore = 0;

	if (ime->n > 0 && !ime->pass && (ime->flags & IME_RESTORE) &&
	    !reverted(ime)) {
		raw_text(ime, rawbuf);
		if (strcmp(rawbuf, ime->shown) != 0) {
			for (i = 0; rawbuf[i] != '\0'; i++)
				lower[i] = tolower((u_char)rawbuf[i]);
			lower[i] = '\0';
			for (i = 0; i < ime->t->nkeep; i++)
				restore |= strcmp(ime->t->keep[i], lower) == 0;
			if (restore || !spelling_ok(ime))
				snprintf(ime->shown, sizeof ime->shown, "%s",
				    rawbuf);
		}
	}
}

/* Start an edit: remember what the word looked like. */
static void
edit_begin(struct ime *ime)
{
	snprintf(ime->prev, sizeof ime->prev, "%s", ime->shown);
	ime->tail[0] = '\0';
}

/*
 * Finish an edit: from ime->prev to now (the word's text, or its final
 * text if it ended), then the tail. Only the part after the common
 * prefix is deleted and retyped.
 */
static void
edit_end(struct ime *ime, const char *now, struct ime_edit *ed)
{
	size_t	i = 0;

	while (ime->prev[i] != '\0' && ime->prev[i] == now[i])
		i++;
	while (i > 0 && (ime->prev[i] & 0xc0) == 0x80)
		i--;		/* back to the start of the character */
	ed->del = u8_mbsnlen((const uint8_t *)ime->prev + i,
	    strlen(ime->prev + i));
	snprintf(ime->ebuf, sizeof ime->ebuf, "%s%s", now + i, ime->tail);
	ed->text = ime->ebuf;
}

/* End the word inside a call: final text into ebuf via edit_end. */
static void
finish_word(struct ime *ime, struct ime_edit *ed)
{
	char	final[IME_BUF];

	word_end(ime);
	snprintf(final, sizeof final, "%s", ime->shown);
	word_clear(ime);
	edit_end(ime, final, ed);
}

/* Pass-through: the word's code points in NFC. */
static void
pass_normalise(struct ime *ime)
{
	uint32_t	 in[IME_WORD_MAX], *out;
	size_t		 i, len;

	for (i = 0; i < ime->n; i++)
		in[i] = ime->w[i].cp;
	out = u32_normalize(UNINORM_NFC, in, ime->n, NULL, &len);
	if (out == NULL)
		fatalx("u32_normalize failed");
	if (len > IME_WORD_MAX)
		len = IME_WORD_MAX;	/* cannot happen for NFC of text
					   that fits */
	for (i = 0; i < len; i++) {
		memset(&ime->w[i], 0, sizeof ime->w[i]);
		ime->w[i].cp = out[i];
	}
	ime->n = len;
	free(out);
}

/* Turn the word into a pass-through word as it is shown now. */
static void
pass_start(struct ime *ime)
{
	uint32_t	cps[IME_WORD_MAX];
	int		pos;
	size_t		i;

	if (ime->pass)
		return;
	pos = ime->tone != IME_TONE_NONE ? tone_position(ime) : -1;
	for (i = 0; i < ime->n; i++)
		cps[i] = letter_cp(&ime->w[i], (int)i == pos ? ime->tone :
		    IME_TONE_NONE);
	for (i = 0; i < ime->n; i++) {
		memset(&ime->w[i], 0, sizeof ime->w[i]);
		ime->w[i].cp = cps[i];
	}
	ime->pass = 1;
	ime->tone = IME_TONE_NONE;
	ime->nraw = 0;
}

/* The word is as long as it may be: it ends here, and the rest of it
 * passes as typed. */
static void
word_cut(struct ime *ime)
{
	word_clear(ime);
	ime->overflow = 1;
}

/* Is cp, outside ASCII, part of a word (a letter or a combining mark)? */
static int
is_word_cp(uint32_t cp)
{
	return (uc_is_property_alphabetic(cp) ||
	    uc_is_general_category(cp, UC_CATEGORY_M));
}

/* Put cp in the tail: typed after the word. */
static void
put_tail(struct ime *ime, uint32_t cp)
{
	int	len;

	len = u8_uctomb((uint8_t *)ime->tail, cp, sizeof ime->tail - 1);
	ime->tail[len > 0 ? len : 0] = '\0';
}

/* Put cp (not a word key) after the word, which ends. */
static void
end_with(struct ime *ime, uint32_t cp, struct ime_edit *ed)
{
	put_tail(ime, cp);
	ime->overflow = 0;
	finish_word(ime, ed);
}

/*
 * Handle one key of the word. Return 0 if the key ends the word (and is
 * then put after it), 1 if it went into the word.
 */
static int
word_key(struct ime *ime, uint32_t cp)
{
	const struct ime_keydef	*k;
	int			 letter, escaped = ime->escaped;

	ime->escaped = 0;
	if (cp >= 0x80) {
		if (!is_word_cp(cp))
			return (0);
		pass_start(ime);
		add_letter(ime, cp, RAW_LETTER);
		pass_normalise(ime);
		return (1);
	}
	letter = isalpha((int)cp);
	if (ime->pass || escaped) {
		if (!letter)
			return (0);
		add_letter(ime, cp, RAW_LETTER);
		return (1);
	}
	k = &ime->t->keys[tolower((int)cp)];
	if (k->what != 0 && (letter || ime->n > 0 ||
	    (k->what & IME_DO_ALONE)) && !reverted(ime)) {
		if ((k->what & IME_DO_TONE) && apply_tone(ime, k, cp))
			return (1);
		if ((k->what & IME_DO_MARK) && apply_mark(ime, k, cp))
			return (1);
		if ((k->what & IME_DO_ALONE) && apply_alone(ime, k, cp))
			return (1);
	}
	if (!letter)
		return (0);
	add_letter(ime, cp, RAW_LETTER);
	return (1);
}

/* ------------------------------------------------------------------------
 * The interface.
 */

/*
 * Make an engine for input method t (which must outlive it), tone style
 * style and flags (IME_W_ALONE, IME_RESTORE). Free it with ime_free.
 */
struct ime *
ime_new(const struct ime_table *t, enum ime_style style, int flags)
{
	struct ime	*ime;

	vowel_init();
	ime = xcalloc(1, sizeof *ime);
	ime->t = t;
	ime->style = style;
	ime->flags = flags;
	ime->ebuf[0] = '\0';
	return (ime);
}

/* Free an engine; ime may be NULL. */
void
ime_free(struct ime *ime)
{
	free(ime);
}

/*
 * Feed one key, a Unicode code point: a letter, a key of the input method,
 * or anything else, which ends the word and is typed as it is (a control
 * character such as a tab too; backspace and escape are ime_backspace and
 * ime_escape, and NUL or a surrogate is ignored). Set *ed to the edit
 * that brings the caller's text up to date: delete ed->del characters
 * before the cursor, then insert ed->text. If the key ended the word (a
 * space, a punctuation mark, a digit in Telex...) the edit first gives
 * the word its final text, then types the key. Return 1 if a word is
 * being typed after the key, 0 if not.
 */
int
ime_key(struct ime *ime, uint32_t cp, struct ime_edit *ed)
{
	edit_begin(ime);
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) {
		edit_end(ime, ime->shown, ed);	/* not a key */
		return (ime->n > 0);
	}
	if (!ime->escaped && ime->t->escape != -1 &&
	    cp == (uint32_t)ime->t->escape && !ime->overflow) {
		ime->escaped = 1;
		edit_end(ime, ime->shown, ed);
		return (ime->n > 0);
	}
	if (ime->overflow) {
		if ((cp < 0x80 && isalpha((int)cp)) ||
		    (cp >= 0x80 && is_word_cp(cp))) {
			put_tail(ime, cp);
			edit_end(ime, ime->shown, ed);
			return (0);
		}
		end_with(ime, cp, ed);
		return (0);
	}
	if (!word_key(ime, cp)) {
		ime->escaped = 0;
		end_with(ime, cp, ed);
		return (0);
	}
	if (!ime->pass && !reverted(ime))
		normalise(ime);
	render(ime, ime->shown);
	if (ime->n == IME_WORD_MAX || ime->nraw == IME_WORD_MAX) {
		finish_word(ime, ed);
		word_cut(ime);
		return (0);
	}
	edit_end(ime, ime->shown, ed);
	return (1);
}

/*
 * Backspace: take the last letter off the word being typed (a whole
 * composed letter: "việt" becomes "việ"); the tone goes too if that
 * letter carried it, and is placed again by rule on what is left
 * ("loạn" becomes "lọa"). The keys that made the letter are forgotten,
 * so tone and mark keys go on working on the rest. A pending escape is
 * cancelled instead. Return 1 and set *ed, or return 0 if there is no
 * word: the caller deletes a character itself.
 */
int
ime_backspace(struct ime *ime, struct ime_edit *ed)
{
	size_t	i, j, last;

	edit_begin(ime);
	if (ime->escaped) {
		ime->escaped = 0;
		edit_end(ime, ime->shown, ed);
		return (1);
	}
	if (ime->n == 0)
		return (0);
	last = ime->n - 1;
	if (!ime->pass) {
		if (ime->tone != IME_TONE_NONE &&
		    tone_position(ime) == (int)last)
			ime->tone = IME_TONE_NONE;
		for (i = j = 0; i < ime->nraw; i++) {
			if ((ime->raw[i].role != RAW_TONE &&
			    ime->raw[i].idx == last) ||
			    (ime->raw[i].role == RAW_TONE &&
			    ime->tone == IME_TONE_NONE))
				continue;
			ime->raw[j++] = ime->raw[i];
		}
		ime->nraw = j;
	}
	ime->n--;
	if (ime->n == 0)
		ime->tone = IME_TONE_NONE;
	render(ime, ime->shown);
	edit_end(ime, ime->shown, ed);
	return (1);
}

/* Take the next key literally, whatever the input method says of it. */
void
ime_escape(struct ime *ime)
{
	ime->escaped = 1;
}

/*
 * End the word being typed (the caller is moving the cursor, leaving the
 * field, or saw a key the engine is not given). Set *ed: with
 * IME_RESTORE the word may get its keys back. The next key starts a new
 * word.
 */
void
ime_commit(struct ime *ime, struct ime_edit *ed)
{
	edit_begin(ime);
	ime->escaped = 0;
	ime->overflow = 0;
	finish_word(ime, ed);
}

/* Forget the word being typed, leaving the text as it is shown. */
void
ime_reset(struct ime *ime)
{
	word_clear(ime);
	ime->escaped = 0;
	ime->overflow = 0;
}

/* Return the word being typed as it is shown (NFC UTF-8, owned by ime). */
const char *
ime_word(const struct ime *ime)
{
	return (ime->shown);
}

/* Apply edit ed to the NUL-terminated string in *buf (capacity *size). */
static void
apply_edit(char **buf, size_t *size, size_t *len, const struct ime_edit *ed)
{
	size_t	i, tlen;

	for (i = 0; i < ed->del; i++) {
		if (*len == 0)
			fatalx("ime: an edit deletes more than was typed");
		do
			(*len)--;
		while (*len > 0 && ((*buf)[*len] & 0xc0) == 0x80);
	}
	tlen = strlen(ed->text);
	while (*len + tlen + 1 > *size) {
		*size *= 2;
		*buf = xrealloc(*buf, *size);
	}
	memcpy(*buf + *len, ed->text, tlen + 1);
	*len += tlen;
	(*buf)[*len] = '\0';
}

/*
 * Compose one line of keys (len bytes): words are typed in turn, DEL
 * (0x7f) and BS (0x08) are backspace (deleting the previous character
 * when no word is being typed), ESC (0x1b) takes the next key literally.
 * Return the text as a new NFC string the caller frees; or, if line is
 * not valid UTF-8 (a NUL counts as invalid), return NULL and set *bad to
 * the offset of the first bad byte. The engine starts and ends the line
 * with no word.
 */
char *
ime_compose_line(struct ime *ime, const char *line, size_t len, size_t *bad)
{
	struct ime_edit	 ed;
	const char	*p;
	char		*out, *nfc;
	size_t		 size = 64, olen = 0, off = 0;
	ucs4_t		 uc;
	int		 n;

	if ((p = utf8_invalid(line, len)) != NULL) {
		*bad = p - line;
		return (NULL);
	}
	ime_reset(ime);
	out = xmalloc(size);
	out[0] = '\0';
	while (off < len) {
		n = u8_mbtouc(&uc, (const uint8_t *)line + off, len - off);
		off += n;
		if (uc == 0x7f || uc == 0x08) {
			if (ime_backspace(ime, &ed))
				apply_edit(&out, &size, &olen, &ed);
			else if (olen > 0) {
				ed.del = 1;
				ed.text = "";
				apply_edit(&out, &size, &olen, &ed);
			}
			continue;
		}
		if (uc == 0x1b) {
			ime_escape(ime);
			continue;
		}
		ime_key(ime, uc, &ed);
		apply_edit(&out, &size, &olen, &ed);
	}
	ime_commit(ime, &ed);
	apply_edit(&out, &size, &olen, &ed);
	ime_reset(ime);
	if ((nfc = utf8_nfc(out)) == NULL)
		fatalx("ime: composed text is not UTF-8");
	free(out);
	return (nfc);
}
