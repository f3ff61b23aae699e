/*
 * ime.h: the built-in Vietnamese input method engine (Telex, VNI, VIQR).
 *
 * The engine is a syllable re-composer: it keeps the raw keys of the word
 * being typed and a model of its letters (base letter, circumflex, breve,
 * horn or stroke, and one tone for the word), rebuilds the word after
 * every key and places the tone by rule (old style "hòa, thủy" or new
 * style "hoà, thuỷ"). Which key does what comes from an input-method file
 * (keymaps/NAME.im, described in hotich-keymaps(5)); the spelling rules
 * are here.
 *
 * A caller (the field editor, the "hotich ime" filter) feeds one key at a
 * time and gets back an edit: delete this many characters before the
 * cursor, then insert this text. The edits only ever touch the word being
 * typed, which is always the text just before the cursor. Output is NFC
 * UTF-8. No curses here.
 */
#ifndef IME_H
#define IME_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

struct errlist;
struct ime;

/* The tones, in the order of the letter tables in ime.c. */
enum ime_tone {
	IME_TONE_NONE,		/* ngang */
	IME_TONE_GRAVE,		/* huyền */
	IME_TONE_HOOK,		/* hỏi */
	IME_TONE_TILDE,		/* ngã */
	IME_TONE_ACUTE,		/* sắc */
	IME_TONE_DOT,		/* nặng */
	IME_TONE_COUNT
};

/* The marks that make a letter: â ê ô, ă, ơ ư, đ. */
enum ime_mark {
	IME_MARK_NONE,
	IME_MARK_CIRCUMFLEX,
	IME_MARK_BREVE,
	IME_MARK_HORN,
	IME_MARK_STROKE,
	IME_MARK_COUNT
};

/* What one key of an input method does (a "key" line of the .im file). */
#define IME_DO_TONE	0x1	/* set the word's tone (NONE removes it) */
#define IME_DO_MARK	0x2	/* put a mark on a target letter */
#define IME_DO_ALONE	0x4	/* with no target, type this letter */

struct ime_keydef {
	u_int		 what;			/* IME_DO_* */
	enum ime_tone	 tone;
	u_int		 targets[IME_MARK_COUNT]; /* base letters, 1 << (c-'a') */
	char		 alone_base;		/* 'u' for ư */
	enum ime_mark	 alone_mark;
};

/* An input method: a parsed keymaps/NAME.im file. */
struct ime_table {
	char		*title;
	int		 postfix;	/* marks only right after their letter */
	int		 escape;	/* ASCII key, or -1 */
	struct ime_keydef keys[128];	/* by ASCII key; letters lowercase */
	char		**keep;		/* raw words the restore keeps */
	size_t		 nkeep;
};

enum ime_style {
	IME_STYLE_OLD,		/* hòa, khỏe, thủy: the default, as in laws */
	IME_STYLE_NEW		/* hoà, khoẻ, thuỷ: the 2018 school rule */
};

#define IME_W_ALONE	0x1	/* a lone "alone" key (Telex w) gives ư */
#define IME_RESTORE	0x2	/* a word that cannot be Vietnamese gets its
				   keys back when it ends */

#define IME_WORD_MAX	48	/* keys in one word; the rest pass as typed */

/* What the caller does to its text after a call: the word before the
 * cursor loses del characters (code points) and gains text. */
struct ime_edit {
	size_t		 del;
	const char	*text;	/* NUL-terminated, owned by the engine, valid
				   until the next call on it */
};

struct ime_table	*ime_table_parse(const char *, const char *, size_t,
			    struct errlist *);
struct ime_table	*ime_table_load(const char *, struct errlist *);
void			 ime_table_free(struct ime_table *);
const char		*ime_table_title(const struct ime_table *);

struct ime		*ime_new(const struct ime_table *, enum ime_style, int);
void			 ime_free(struct ime *);
int			 ime_key(struct ime *, uint32_t, struct ime_edit *);
int			 ime_backspace(struct ime *, struct ime_edit *);
void			 ime_escape(struct ime *);
void			 ime_commit(struct ime *, struct ime_edit *);
void			 ime_reset(struct ime *);
const char		*ime_word(const struct ime *);
char			*ime_compose_line(struct ime *, const char *, size_t,
			    size_t *);

#endif
