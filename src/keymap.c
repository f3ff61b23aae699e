/*
 * keymap.c: key names, the key-binding language (*.keys) and the keymap.
 *
 * A keymap is a list of bindings (context, key, operation) kept in the
 * order they were made, so that the help screen and the key bar list a
 * command's keys in the order the file gives them. It is small (about a
 * hundred bindings), so lookups walk it.
 *
 * The language (hotich-keymaps(5)), one directive a line:
 *
 *	hotich-keys 1
 *	bind CONTEXT KEY OPERATION
 *	unbind CONTEXT KEY
 *	unbind-all [CONTEXT]
 *
 * Words are separated by spaces or tabs; a word may be put in "double" or
 * 'single' quotes (to write the keys # ' and "); a word that starts with
 * # starts a comment. Like the other parsers, this one reports every
 * problem as FILE:LINE:COL: message and goes on with the next line; a
 * line with a problem changes nothing, the others take effect.
 */

#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unictype.h>
#include <unistr.h>
#include <uniwidth.h>

#include "errlist.h"
#include "i18n.h"
#include "keymap.h"
#include "lines.h"
#include "utf8.h"
#include "xmalloc.h"

#define KEYS_LANG_VERSION	"1"
#define WORDS_MAX		5	/* kept per line; more are counted */
#define HINT_LEN_MAX		32	/* longer words get no suggestion */

struct binding {
	keycode		 key;
	enum keyctx	 ctx;
	enum op		 op;
};

struct keymap {
	struct binding	*v;		/* in the order they were bound */
	size_t		 n;
	size_t		 cap;
};

struct word {
	char		*text;
	u_int		 col;
};

struct words {
	struct word	 v[WORDS_MAX];
	size_t		 n;		/* words on the line, kept or not */
};

struct kparse {
	struct keymap	*km;
	struct errlist	*el;
	const char	*file;
	u_int		 line;
	int		 seen_first;	/* a directive was seen */
	int		 errors;
};

/* Why a key name was refused. */
enum key_why {
	KEY_UNKNOWN,
	KEY_BAD_CTRL,
	KEY_BAD_CODE,
	KEY_BAD_FKEY,
	KEY_MODIFIER
};

/* A suggestion for a mistyped word: the closest name seen. */
struct hint {
	const char	*word;
	const char	*best;
	size_t		 dist;
};

/*
 * The named keys. The first name of a key is the one keymap_key_name
 * gives; the others are accepted aliases. Case does not matter.
 */
static const struct {
	const char	*name;
	keycode		 key;
} key_names[] = {
	{ "Up", KM_UP },
	{ "Down", KM_DOWN },
	{ "Left", KM_LEFT },
	{ "Right", KM_RIGHT },
	{ "Home", KM_HOME },
	{ "End", KM_END },
	{ "PgUp", KM_PGUP },
	{ "PgDn", KM_PGDN },
	{ "Ins", KM_INS },
	{ "Del", KM_DEL },
	{ "BSpace", KM_BSPACE },
	{ "BTab", KM_BTAB },
	{ "KEnter", KM_KENTER },
	{ "Tab", KM_TAB },
	{ "Enter", KM_ENTER },
	{ "Esc", KM_ESC },
	{ "Space", ' ' },
	{ "Backspace", KM_DELCHAR },
	{ "C-Space", 0 },
	/* Aliases. */
	{ "S-Tab", KM_BTAB },
	{ "PageUp", KM_PGUP },
	{ "PageDown", KM_PGDN },
	{ "Insert", KM_INS },
	{ "Delete", KM_DEL },
	{ "Escape", KM_ESC },
	{ "Return", KM_ENTER }
};
#define NKEY_NAMES	(sizeof key_names / sizeof key_names[0])

/* The control characters that C- makes from the character after it. */
static const char ctrl_punct[] = "@[\\]^_";

static void	keymap_bind(struct keymap *, enum keyctx, keycode, enum op);
static void	keymap_unbind(struct keymap *, enum keyctx, keycode);

/* ------------------------------------------------------------------ */
/* Suggestions. */

/* Edit distance of a and b, case folded, with transpositions. */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, c, v;
	size_t	d[HINT_LEN_MAX + 1][HINT_LEN_MAX + 1];

	if (la > HINT_LEN_MAX || lb > HINT_LEN_MAX)
		return ((size_t)-1);
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			c = tolower((u_char)a[i - 1]) !=
			    tolower((u_char)b[j - 1]);
			v = d[i - 1][j - 1] + c;
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && tolower((u_char)a[i - 1]) ==
			    tolower((u_char)b[j - 2]) &&
			    tolower((u_char)a[i - 2]) ==
			    tolower((u_char)b[j - 1]) && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return (d[la][lb]);
}

static void
hint_init(struct hint *h, const char *word)
{
	h->word = word;
	h->best = NULL;
	h->dist = (size_t)-1;
}

/* Consider name as the word that was meant. */
static void
hint_try(struct hint *h, const char *name)
{
	size_t	d;

	d = edit_distance(h->word, name);
	if (d < h->dist) {
		h->dist = d;
		h->best = name;
	}
}

/*
 * Return " (did you mean 'NAME'?)" in buf if a name is close enough to be
 * a likely typo (at most two edits, one per three letters), else "".
 */
static const char *
hint_text(const struct hint *h, char *buf, size_t len)
{
	if (h->best == NULL || h->dist == 0 || h->dist > 2 ||
	    h->dist * 3 > strlen(h->word))
		return ("");
	/* TRANSLATORS: appended to a message about an unknown word. */
	snprintf(buf, len, _(" (did you mean '%s'?)"), h->best);
	return (buf);
}

/* ------------------------------------------------------------------ */
/* Key names. */

/* Is k a key: a character or a named key, perhaps with KM_META? */
static int
key_valid(keycode k)
{
	keycode	base = k & ~KM_META;

	if (base < KM_NAMED)
		return (base < 0xd800 || base > 0xdfff);
	if (base >= KM_F(1) && base <= KM_F(KM_FMAX))
		return (1);
	return (base >= KM_UP && base < KM_LAST);
}

/* Is the character c typed as text (not a control character)? */
static int
key_is_text(keycode c)
{
	return (c < KM_NAMED && c >= 0x20 && c != 0x7f &&
	    !(c >= 0x80 && c < 0xa0));
}

/* Parse a key without M-. */
static int
key_parse_base(const char *s, keycode *kp, enum key_why *why)
{
	const uint8_t	*u = (const uint8_t *)s;
	char		*end;
	unsigned long	 n;
	size_t		 i;
	ucs4_t		 uc;
	int		 len;

	*why = KEY_UNKNOWN;
	for (i = 0; i < NKEY_NAMES; i++) {
		if (strcasecmp(key_names[i].name, s) == 0) {
			*kp = key_names[i].key;
			return (0);
		}
	}
	if ((s[0] == 'F' || s[0] == 'f') && s[1] >= '1' && s[1] <= '9' &&
	    (s[2] == '\0' || (isdigit((u_char)s[2]) && s[3] == '\0'))) {
		n = strtoul(s + 1, NULL, 10);
		if (n > KM_FMAX) {
			*why = KEY_BAD_FKEY;
			return (-1);
		}
		*kp = KM_F(n);
		return (0);
	}
	if ((s[0] == 'C' || s[0] == 'c') && s[1] == '-' && s[2] != '\0') {
		*why = KEY_BAD_CTRL;
		if (s[3] != '\0')
			return (-1);
		if (isalpha((u_char)s[2]))
			*kp = KM_CTRL(tolower((u_char)s[2]));
		else if (s[2] == '?')
			*kp = KM_DELCHAR;
		else if (strchr(ctrl_punct, s[2]) != NULL)
			*kp = KM_CTRL(s[2]);
		else
			return (-1);
		return (0);
	}
	if ((s[0] == 'U' || s[0] == 'u') && s[1] == '+' && s[2] != '\0') {
		*why = KEY_BAD_CODE;
		if (strlen(s + 2) > 6 || strspn(s + 2, "0123456789abcdefABCDEF")
		    != strlen(s + 2))
			return (-1);
		n = strtoul(s + 2, &end, 16);
		if (n >= KM_NAMED || (n >= 0xd800 && n <= 0xdfff))
			return (-1);
		*kp = (keycode)n;
		return (0);
	}
	if (strncasecmp(s, "ctrl", 4) == 0 || strncasecmp(s, "alt", 3) == 0 ||
	    strncasecmp(s, "meta", 4) == 0 || strncasecmp(s, "shift", 5) == 0)
		*why = KEY_MODIFIER;
	/* One character, typed as text (u8_mbtouc needs one byte at least). */
	if (*s == '\0')
		return (-1);
	len = u8_mbtouc(&uc, u, strlen(s));
	if (len <= 0 || s[len] != '\0' || !key_is_text(uc) ||
	    u8_check(u, (size_t)len) != NULL)
		return (-1);
	*kp = uc;
	return (0);
}

/* Parse a key name, saying why it was refused. */
static int
key_parse(const char *s, keycode *kp, enum key_why *why)
{
	keycode	k;

	if ((s[0] == 'M' || s[0] == 'm') && s[1] == '-' && s[2] != '\0') {
		if (key_parse_base(s + 2, &k, why) != 0)
			return (-1);
		*kp = k | KM_META;
		return (0);
	}
	return (key_parse_base(s, kp, why));
}

/*
 * Read the key called name (hotich-keymaps(5): F1, C-a, M-x, PgUp, U+00E2,
 * a single character...) into *key. Named keys and the letters after C-
 * and M- are case-insensitive. Return 0, or -1 if name is no key.
 */
int
keymap_key_parse(const char *name, keycode *key)
{
	enum key_why	why;

	return (key_parse(name, key, &why));
}

/*
 * Return the name of a key without KM_META: a static string, or one made
 * in buf (at least KEYMAP_NAME_MAX bytes).
 */
static const char *
key_name_base(keycode k, char *buf)
{
	size_t		i;
	uint8_t		u[6];
	int		n;

	for (i = 0; i < NKEY_NAMES; i++)
		if (key_names[i].key == k)
			return (key_names[i].name);
	if (k >= KM_F(1) && k <= KM_F(KM_FMAX))
		snprintf(buf, KEYMAP_NAME_MAX, "F%u", (u_int)(k - KM_NAMED));
	else if (k < 0x20)
		snprintf(buf, KEYMAP_NAME_MAX, "C-%c", (k >= 1 && k <= 26) ?
		    (char)('a' + k - 1) : (char)(k | 0x40));
	else if (key_is_text(k) && uc_is_graph(k) &&
	    !uc_is_general_category(k, UC_CATEGORY_Z) &&
	    uc_width(k, "UTF-8") > 0 && (n = u8_uctomb(u, k, sizeof u)) > 0) {
		/* A character that shows as itself. */
		memcpy(buf, u, n);
		buf[n] = '\0';
	} else
		snprintf(buf, KEYMAP_NAME_MAX, "U+%04X", (u_int)k);
	return (buf);
}

/*
 * Write the canonical name of key into buf (len bytes, KEYMAP_NAME_MAX
 * is always enough), which keymap_key_parse reads back as the same key.
 * A number that is no key is written "<invalid>".
 */
void
keymap_key_name(keycode key, char *buf, size_t len)
{
	char	tmp[KEYMAP_NAME_MAX];

	if (!key_valid(key))
		snprintf(buf, len, "<invalid>");
	else
		snprintf(buf, len, "%s%s", (key & KM_META) ? "M-" : "",
		    key_name_base(key & ~KM_META, tmp));
}

/* ------------------------------------------------------------------ */
/* The keymap. */

/* Make an empty keymap; free it with keymap_free. */
struct keymap *
keymap_new(void)
{
	return (xcalloc(1, sizeof (struct keymap)));
}

/* Free km and its bindings; km may be NULL. */
void
keymap_free(struct keymap *km)
{
	if (km == NULL)
		return;
	free(km->v);
	free(km);
}

static struct binding *
keymap_find(const struct keymap *km, enum keyctx ctx, keycode key)
{
	size_t	i;

	for (i = 0; i < km->n; i++)
		if (km->v[i].ctx == ctx && km->v[i].key == key)
			return (&km->v[i]);
	return (NULL);
}

static void
keymap_remove(struct keymap *km, struct binding *b)
{
	size_t	i = b - km->v;

	memmove(b, b + 1, (km->n - i - 1) * sizeof *b);
	km->n--;
}

/*
 * Bind key in ctx to op. A key bound again to another operation moves to
 * the end of the order; bound again to the same one it stays in place.
 */
static void
keymap_bind(struct keymap *km, enum keyctx ctx, keycode key, enum op op)
{
	struct binding	*b;

	if ((b = keymap_find(km, ctx, key)) != NULL) {
		if (b->op == op)
			return;
		keymap_remove(km, b);
	}
	if (km->n == km->cap) {
		km->cap = km->cap == 0 ? 64 : km->cap * 2;
		km->v = xreallocarray(km->v, km->cap, sizeof *km->v);
	}
	km->v[km->n].ctx = ctx;
	km->v[km->n].key = key;
	km->v[km->n].op = op;
	km->n++;
}

static void
keymap_unbind(struct keymap *km, enum keyctx ctx, keycode key)
{
	struct binding	*b;

	if ((b = keymap_find(km, ctx, key)) != NULL)
		keymap_remove(km, b);
}

/*
 * Return the operation of key on a screen of context ctx: its binding in
 * ctx, else in KC_GLOBAL, else OP_NONE.
 */
enum op
keymap_lookup(const struct keymap *km, enum keyctx ctx, keycode key)
{
	const struct binding	*b;

	if ((b = keymap_find(km, ctx, key)) == NULL && ctx != KC_GLOBAL)
		b = keymap_find(km, KC_GLOBAL, key);
	return (b != NULL ? b->op : OP_NONE);
}

/*
 * Does binding b count for op: bound in ctx (any context when ctx is
 * KC_COUNT), or, when active is set, doing op on a screen of ctx?
 */
static int
key_selected(const struct keymap *km, const struct binding *b,
    enum keyctx ctx, enum op op, int active)
{
	if (b->op != op)
		return (0);
	if (active)
		return ((b->ctx == ctx || b->ctx == KC_GLOBAL) &&
		    keymap_lookup(km, ctx, b->key) == op);
	return (ctx == KC_COUNT || b->ctx == ctx);
}

/*
 * The keys of the bindings key_selected picks, each once, in the order
 * bound: the first max into out. Return how many there are.
 */
static size_t
keys_select(const struct keymap *km, enum keyctx ctx, enum op op,
    int active, keycode *out, size_t max)
{
	size_t	i, j, n = 0;

	for (i = 0; i < km->n; i++) {
		if (!key_selected(km, &km->v[i], ctx, op, active))
			continue;
		for (j = 0; j < i; j++)
			if (km->v[j].key == km->v[i].key &&
			    key_selected(km, &km->v[j], ctx, op, active))
				break;
		if (j < i)
			continue;	/* counted already */
		if (n < max)
			out[n] = km->v[i].key;
		n++;
	}
	return (n);
}

/*
 * Put into out (room for max keys; out may be NULL when max is 0) the
 * keys bound to op in any context, in the order they were bound, each
 * once. Return how many there are, which may be more than max.
 */
size_t
keymap_keys_for(const struct keymap *km, enum op op, keycode *out,
    size_t max)
{
	return (keys_select(km, KC_COUNT, op, 0, out, max));
}

/*
 * As keymap_keys_for, but only the keys bound to op in context ctx
 * itself (no fallback to KC_GLOBAL): what the keymap files say.
 */
size_t
keymap_keys_in(const struct keymap *km, enum keyctx ctx, enum op op,
    keycode *out, size_t max)
{
	return (keys_select(km, ctx, op, 0, out, max));
}

/*
 * As keymap_keys_for, but only the keys that do op on a screen of
 * context ctx: those bound to it in ctx, and those bound to it in
 * KC_GLOBAL that ctx does not bind to something else. For the help
 * screen and the key bar of a screen.
 */
size_t
keymap_keys_active(const struct keymap *km, enum keyctx ctx, enum op op,
    keycode *out, size_t max)
{
	return (keys_select(km, ctx, op, 1, out, max));
}

/* ------------------------------------------------------------------ */
/* The language. */

static void
perr(struct kparse *p, u_int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
perr(struct kparse *p, u_int col, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	errlist_vadd(p->el, p->file, p->line, col, fmt, ap);
	va_end(ap);
	p->errors++;
}

static void
words_free(struct words *w)
{
	size_t	i;

	for (i = 0; i < w->n && i < WORDS_MAX; i++)
		free(w->v[i].text);
	w->n = 0;
}

/*
 * Split line (valid UTF-8) into words. Return 0, or -1 after reporting a
 * control character or an unterminated quote.
 */
static int
split_words(struct kparse *p, const char *line, struct words *w)
{
	const char	*s = line, *start;
	u_int		 col = 1, c0;
	char		 q;

	w->n = 0;
	for (;;) {
		while (*s == ' ' || *s == '\t') {
			s++;
			col++;
		}
		if (*s == '\0' || *s == '#')
			return (0);
		c0 = col;
		q = (*s == '"' || *s == '\'') ? *s : '\0';
		if (q != '\0') {
			s++;
			col++;
		}
		start = s;
		while (*s != '\0' && (q != '\0' ? *s != q :
		    (*s != ' ' && *s != '\t'))) {
			if (((u_char)*s < 0x20 && *s != '\t') || *s == 0x7f) {
				perr(p, col, _("unexpected control character"));
				return (-1);
			}
			if (((u_char)*s & 0xc0) != 0x80)
				col++;
			s++;
		}
		if (q != '\0' && *s != q) {
			perr(p, c0, _("unterminated quote"));
			return (-1);
		}
		if (w->n < WORDS_MAX) {
			w->v[w->n].text = xstrndup(start, s - start);
			w->v[w->n].col = c0;
		}
		w->n++;
		if (q != '\0') {
			s++;
			col++;
		}
	}
}

/* Read a context word, or report it and return -1. */
static int
get_ctx(struct kparse *p, const struct word *w, enum keyctx *ctx)
{
	if (keyctx_from_name(w->text, ctx) == 0)
		return (0);
	perr(p, w->col, _("unknown context '%s' (known: global, form, "
	    "list)"), w->text);
	return (-1);
}

/* Read a key word, or report it and return -1. */
static int
get_key(struct kparse *p, const struct word *w, keycode *key)
{
	struct hint	 h;
	enum key_why	 why;
	char		 buf[128];
	size_t		 i;

	if (key_parse(w->text, key, &why) == 0)
		return (0);
	switch (why) {
	case KEY_BAD_CTRL:
		perr(p, w->col, _("unknown key '%s': C- goes with a letter or "
		    "one of @ [ \\ ] ^ _ ?"), w->text);
		break;
	case KEY_BAD_CODE:
		perr(p, w->col, _("unknown key '%s': U+ takes the hexadecimal "
		    "number of a Unicode character"), w->text);
		break;
	case KEY_BAD_FKEY:
		perr(p, w->col, _("unknown key '%s': the function keys are F1 "
		    "to F%d"), w->text, KM_FMAX);
		break;
	case KEY_MODIFIER:
		perr(p, w->col, _("unknown key '%s': write Ctrl as C- and Alt "
		    "as M-, as in C-t or M-x"), w->text);
		break;
	default:
		hint_init(&h, w->text);
		for (i = 0; i < NKEY_NAMES; i++)
			hint_try(&h, key_names[i].name);
		perr(p, w->col, _("unknown key '%s'%s"), w->text,
		    hint_text(&h, buf, sizeof buf));
		break;
	}
	return (-1);
}

/* Read an operation word, or report it and return -1. */
static int
get_op(struct kparse *p, const struct word *w, enum op *op)
{
	struct hint	 h;
	char		 buf[128];
	int		 i;

	if ((*op = op_from_name(w->text)) != OP_NONE)
		return (0);
	hint_init(&h, w->text);
	for (i = 0; i < OP_COUNT; i++)
		hint_try(&h, op_info[i].name);
	perr(p, w->col, _("unknown operation '%s'%s"), w->text,
	    hint_text(&h, buf, sizeof buf));
	return (-1);
}

static void
d_version(struct kparse *p, const struct words *w)
{
	if (strcmp(w->v[1].text, KEYS_LANG_VERSION) != 0)
		perr(p, w->v[1].col, _("unsupported version '%s': this "
		    "program reads 'hotich-keys %s'"), w->v[1].text,
		    KEYS_LANG_VERSION);
}

/* Can key be bound in ctx? If not, report it and return -1. */
static int
check_key(struct kparse *p, const struct word *w, enum keyctx ctx,
    keycode key)
{
	char	name[KEYMAP_NAME_MAX];
	int	fn;

	keymap_key_name(key, name, sizeof name);
	if (ctx != KC_LIST && key_is_text(key)) {
		perr(p, w->col, _("'%s' cannot be bound in the %s context: it "
		    "is typed into fields"), name, keyctx_name(ctx));
		return (-1);
	}
	if (key >= (KM_META | '0') && key <= (KM_META | '9')) {
		fn = key == (KM_META | '0') ? 10 : (int)(key & ~KM_META) - '0';
		perr(p, w->col, _("'%s' is read as F%d (Esc then a digit): "
		    "bind F%d"), name, fn, fn);
		return (-1);
	}
	return (0);
}

static void
d_bind(struct kparse *p, const struct words *w)
{
	enum keyctx	 ctx;
	enum op		 op;
	keycode		 key;
	int		 bad;

	if ((bad = get_ctx(p, &w->v[1], &ctx)) == 0) {
		if (get_key(p, &w->v[2], &key) != 0 ||
		    check_key(p, &w->v[2], ctx, key) != 0)
			bad = -1;
	} else
		get_key(p, &w->v[2], &key);
	if (get_op(p, &w->v[3], &op) != 0 || bad)
		return;
	if (op_info[op].ctx != KC_GLOBAL && op_info[op].ctx != ctx) {
		perr(p, w->v[3].col, _("'%s' works in the %s context, not in "
		    "%s"), op_info[op].name, keyctx_name(op_info[op].ctx),
		    keyctx_name(ctx));
		return;
	}
	keymap_bind(p->km, ctx, key, op);
}

static void
d_unbind(struct kparse *p, const struct words *w)
{
	enum keyctx	ctx;
	keycode		key;
	int		bad = 0;

	bad |= get_ctx(p, &w->v[1], &ctx);
	bad |= get_key(p, &w->v[2], &key);
	if (!bad)
		keymap_unbind(p->km, ctx, key);
}

static void
d_unbind_all(struct kparse *p, const struct words *w)
{
	struct keymap	*km = p->km;
	enum keyctx	 ctx;
	size_t		 i, n = 0;

	if (w->n == 1) {
		km->n = 0;
		return;
	}
	if (get_ctx(p, &w->v[1], &ctx) != 0)
		return;
	for (i = 0; i < km->n; i++)
		if (km->v[i].ctx != ctx)
			km->v[n++] = km->v[i];
	km->n = n;
}

static const struct {
	const char	*name;
	size_t		 min;		/* words after the directive */
	size_t		 max;
	const char	*usage;
	void		(*fn)(struct kparse *, const struct words *);
} directives[] = {
	{ "bind", 3, 3, "bind CONTEXT KEY OPERATION", d_bind },
	{ "hotich-keys", 1, 1, "hotich-keys " KEYS_LANG_VERSION, d_version },
	{ "unbind", 2, 2, "unbind CONTEXT KEY", d_unbind },
	{ "unbind-all", 0, 1, "unbind-all [CONTEXT]", d_unbind_all }
};
#define NDIRECTIVES	(sizeof directives / sizeof directives[0])

static void
parse_line(struct kparse *p, const struct words *w)
{
	struct hint	 h;
	char		 buf[128];
	size_t		 i, nargs = w->n - 1;
	int		 is_version;

	is_version = strcmp(w->v[0].text, "hotich-keys") == 0;
	if (!p->seen_first && !is_version)
		perr(p, w->v[0].col, _("the file must start with 'hotich-keys "
		    "%s'"), KEYS_LANG_VERSION);
	else if (p->seen_first && is_version) {
		perr(p, w->v[0].col, _("'hotich-keys' must be the first line "
		    "of the file"));
		return;
	}
	p->seen_first = 1;

	for (i = 0; i < NDIRECTIVES; i++)
		if (strcmp(directives[i].name, w->v[0].text) == 0)
			break;
	if (i == NDIRECTIVES) {
		hint_init(&h, w->v[0].text);
		for (i = 0; i < NDIRECTIVES; i++)
			hint_try(&h, directives[i].name);
		if (*hint_text(&h, buf, sizeof buf) == '\0')
			snprintf(buf, sizeof buf, _(" (known: bind, unbind, "
			    "unbind-all)"));
		perr(p, w->v[0].col, _("unknown directive '%s'%s"),
		    w->v[0].text, buf);
		return;
	}
	if (nargs < directives[i].min) {
		perr(p, w->v[0].col, _("usage: %s"), directives[i].usage);
		return;
	}
	if (nargs > directives[i].max) {
		perr(p, w->v[directives[i].max + 1].col, _("unexpected '%s' "
		    "at the end of the line (usage: %s)"),
		    w->v[directives[i].max + 1].text, directives[i].usage);
		return;
	}
	directives[i].fn(p, w);
}

/*
 * Parse the key bindings in buf (len bytes; need not be NUL-terminated),
 * read from a file called name (used in messages), on top of km. Every
 * problem is added to el as NAME:LINE:COL: message; a line with a problem
 * changes nothing, the other lines take effect. Return the number of
 * problems (0 when the file is sound).
 */
int
keymap_parse_buffer(struct keymap *km, const char *name, const char *buf,
    size_t len, struct errlist *el)
{
	struct kparse	p;
	struct lines	l;
	struct words	w;

	memset(&p, 0, sizeof p);
	p.km = km;
	p.el = el;
	p.file = name;
	lines_init(&l, buf, len);
	while (lines_next(&l)) {
		p.line = l.lineno;
		if (l.bad != NULL) {
			perr(&p, utf8_column(l.line, l.bad - l.line),
			    _("invalid UTF-8"));
			continue;
		}
		if (split_words(&p, l.line, &w) == 0 && w.n > 0)
			parse_line(&p, &w);
		words_free(&w);
	}
	lines_done(&l);
	return (p.errors);
}

/*
 * Read the keymap file at path on top of km, as keymap_parse_buffer. A
 * file that cannot be read is one problem, added as "PATH: reason".
 * Return the number of problems.
 */
int
keymap_load_file(struct keymap *km, const char *path, struct errlist *el)
{
	char	*buf;
	size_t	 len;
	int	 n;

	if ((buf = lines_load(path, &len, el)) == NULL)
		return (1);
	n = keymap_parse_buffer(km, path, buf, len, el);
	free(buf);
	return (n);
}

/*
 * Read the built-in bindings (keymaps/default.keys, compiled in) on top
 * of km. Return the number of problems, which is 0 unless the build is
 * broken.
 */
int
keymap_load_default(struct keymap *km, struct errlist *el)
{
	return (keymap_parse_buffer(km, "default.keys", keymap_default_keys,
	    keymap_default_keys_len, el));
}

/* Load path if it exists; a missing file is no problem. */
static int
load_optional(struct keymap *km, const char *path, struct errlist *el)
{
	struct stat	sb;

	if (stat(path, &sb) == -1 && (errno == ENOENT || errno == ENOTDIR))
		return (0);
	return (keymap_load_file(km, path, el));
}

/*
 * Fill km (new and empty) with the bindings hotich uses, each file on top
 * of the one before: the built-in ones, then SYSCONFDIR/hotich/keys, then
 * $XDG_CONFIG_HOME/hotich/keys (or ~/.config/hotich/keys), then extra
 * (the -k file) if it is not NULL. A missing system or user file is
 * skipped; a missing extra file is a problem. Problems go to el, and
 * never stop the loading. Return the number of problems.
 */
int
keymap_load_all(struct keymap *km, const char *extra, struct errlist *el)
{
	const char	*d;
	char		*path = NULL;
	int		 n;

	n = keymap_load_default(km, el);
	n += load_optional(km, SYSCONFDIR "/hotich/keys", el);
	if ((d = getenv("XDG_CONFIG_HOME")) != NULL && *d == '/')
		xasprintf(&path, "%s/hotich/keys", d);
	else if ((d = getenv("HOME")) != NULL && *d != '\0')
		xasprintf(&path, "%s/.config/hotich/keys", d);
	if (path != NULL) {
		n += load_optional(km, path, el);
		free(path);
	}
	if (extra != NULL)
		n += keymap_load_file(km, extra, el);
	return (n);
}
