/*
 * keymap.h: key bindings, read from keymap files (*.keys).
 *
 * A keymap maps (context, key) to an operation of ops.h. The bindings
 * hotich starts with are keymaps/default.keys, compiled in and read by
 * the same parser as the files a user writes; then the system file, the
 * user's ~/.config/hotich/keys and a file named with -k are read on top,
 * each able to bind and unbind. The language is documented in
 * hotich-keymaps(5).
 *
 * Keys are terminal-independent numbers: the screens translate curses'
 * key codes into them. Nothing here includes <curses.h>.
 */
#ifndef KEYMAP_H
#define KEYMAP_H

#include <stddef.h>
#include <stdint.h>

#include "errlist.h"
#include "ops.h"

/*
 * A key: a Unicode code point (control characters for the Ctrl keys:
 * C-a is 1, Tab 9, Enter 13, Esc 27, Backspace as most terminals send it
 * 127), or one of the named keys below; either may carry KM_META (Alt,
 * or Esc typed before it).
 */
typedef uint32_t keycode;

#define KM_NAMED	0x110000u
#define KM_F(n)		(KM_NAMED + (n))	/* F1..F24 */
#define KM_FMAX		24
enum {
	KM_UP = KM_NAMED + 32,
	KM_DOWN,
	KM_LEFT,
	KM_RIGHT,
	KM_HOME,
	KM_END,
	KM_PGUP,
	KM_PGDN,
	KM_INS,
	KM_DEL,
	KM_BSPACE,		/* the terminal's backspace key code */
	KM_BTAB,		/* Shift-Tab */
	KM_KENTER,		/* Enter on the keypad */
	KM_LAST
};
#define KM_META		0x40000000u
#define KM_ESC		27u
#define KM_TAB		9u
#define KM_ENTER	13u
#define KM_DELCHAR	127u
#define KM_CTRL(c)	((keycode)((c) & 0x1f))

#define KEYMAP_NAME_MAX	32	/* longest key name, with the NUL */

struct keymap;

struct keymap	*keymap_new(void);
void		 keymap_free(struct keymap *);
int		 keymap_load_default(struct keymap *, struct errlist *);
int		 keymap_load_file(struct keymap *, const char *,
		    struct errlist *);
int		 keymap_parse_buffer(struct keymap *, const char *,
		    const char *, size_t, struct errlist *);
enum op		 keymap_lookup(const struct keymap *, enum keyctx, keycode);
size_t		 keymap_keys_for(const struct keymap *, enum op, keycode *,
		    size_t);
int		 keymap_key_parse(const char *, keycode *);
void		 keymap_key_name(keycode, char *, size_t);
size_t		 keymap_keys_in(const struct keymap *, enum keyctx, enum op,
		    keycode *, size_t);
size_t		 keymap_keys_active(const struct keymap *, enum keyctx,
		    enum op, keycode *, size_t);
int		 keymap_load_all(struct keymap *, const char *,
		    struct errlist *);

/* keymap-default.c, made from keymaps/default.keys by the build */
extern const char	keymap_default_keys[];
extern const size_t	keymap_default_keys_len;

#endif
