/*
 * keymap-t.c: the operations table, key names both ways, the .keys
 * language and its errors, the keymap (last wins, unbind, fallback to
 * global, key order), the shipped default.keys, and the load order.
 */

#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "errlist.h"
#include "i18n.h"
#include "keymap.h"
#include "ops.h"
#include "tap.h"

/* The canonical names, written out here rather than taken from keymap.c. */
static const struct {
	const char	*name;
	keycode		 key;
} names[] = {
	{ "Up", KM_UP }, { "Down", KM_DOWN }, { "Left", KM_LEFT },
	{ "Right", KM_RIGHT }, { "Home", KM_HOME }, { "End", KM_END },
	{ "PgUp", KM_PGUP }, { "PgDn", KM_PGDN }, { "Ins", KM_INS },
	{ "Del", KM_DEL }, { "BSpace", KM_BSPACE }, { "BTab", KM_BTAB },
	{ "KEnter", KM_KENTER }, { "Tab", 9 }, { "Enter", 13 },
	{ "Esc", 27 }, { "Space", 32 }, { "Backspace", 127 },
	{ "C-Space", 0 }, { "C-a", 1 }, { "C-h", 8 }, { "C-j", 10 },
	{ "C-z", 26 }, { "C-\\", 28 }, { "C-]", 29 }, { "C-^", 30 },
	{ "C-_", 31 }, { "a", 'a' }, { "A", 'A' }, { "/", '/' },
	{ "#", '#' }, { "\"", '"' }, { "đ", 0x111 }, { "Ư", 0x1af },
	{ "U+0085", 0x85 }, { "U+00A0", 0xa0 }, { "U+0301", 0x301 },
	{ "U+200B", 0x200b }, { "U+10FFFF", 0x10ffff }, { "M-x", KM_META | 'x' },
	{ "M-X", KM_META | 'X' }, { "M-F1", KM_META | KM_F(1) },
	{ "M-C-a", KM_META | 1 }, { "M-Esc", KM_META | 27 },
	{ "M-Space", KM_META | ' ' }, { "F1", KM_F(1) }, { "F10", KM_F(10) },
	{ "F24", KM_F(24) }
};

/* Other spellings and the canonical name they give. */
static const struct {
	const char	*in;
	const char	*out;
} aliases[] = {
	{ "S-Tab", "BTab" }, { "s-tab", "BTab" }, { "pgup", "PgUp" },
	{ "PGDN", "PgDn" }, { "PageUp", "PgUp" }, { "PageDown", "PgDn" },
	{ "Insert", "Ins" }, { "Delete", "Del" }, { "Escape", "Esc" },
	{ "Return", "Enter" }, { "f1", "F1" }, { "c-A", "C-a" },
	{ "C-i", "Tab" }, { "C-m", "Enter" }, { "C-[", "Esc" },
	{ "C-?", "Backspace" }, { "C-@", "C-Space" }, { "m-x", "M-x" },
	{ "bspace", "BSpace" }, { "BACKSPACE", "Backspace" },
	{ "U+0041", "A" }, { "u+00e2", "â" }, { "U+7F", "Backspace" },
	{ "U+0009", "Tab" }, { "U+0", "C-Space" }, { "M-c-?", "M-Backspace" },
	{ " ", "Space" }
};

static const char *bad_names[] = {
	"", "F0", "F25", "F01", "C-1", "C-", "M-", "U+", "U+110000",
	"U+D800", "U+12G", "U+0000041", "ab", "\x01", "\x7f", "Ctrl-a",
	"M-M-x", "C-M-a", "C-F1", "\xc2\x85", "\xff", "Upp"
};

static struct errlist el;

static int
parse(struct keymap *km, const char *text)
{
	errlist_free(&el);
	return (keymap_parse_buffer(km, "t.keys", text, strlen(text), &el));
}

/* Parse text into a new keymap; it must give exactly the one error. */
static void
error_is(const char *text, const char *want, const char *what)
{
	struct keymap	*km = keymap_new();
	int		 n;

	n = parse(km, text);
	if (!is_int(n, 1, "%s: one error", what))
		diag("%s", el.n > 0 ? el.v[0] : "(none)");
	else
		is_string(el.v[0], want, "%s", what);
	keymap_free(km);
}

static keycode
key(const char *name)
{
	keycode	k;

	if (keymap_key_parse(name, &k) != 0)
		bail("no key %s", name);
	return (k);
}

static void
test_ops(void)
{
	enum keyctx	ctx;
	int		i, j, dup = 0, named = 1;

	for (i = 0; i < OP_COUNT; i++) {
		if (op_info[i].name == NULL || op_info[i].help == NULL ||
		    op_from_name(op_info[i].name) != i)
			named = 0;
		for (j = 0; j < i; j++)
			dup |= strcmp(op_info[i].name, op_info[j].name) == 0;
	}
	ok(named, "every operation has a name and help, found by its name");
	ok(!dup, "operation names are unique");
	is_string(op_info[OP_SAVE_NEXT].name, "save-next", "save-next");
	ok(op_info[OP_SAVE_NEXT].ctx == KC_FORM, "save-next is a form op");
	ok(op_from_name("Save-Next") == OP_NONE && op_from_name("") ==
	    OP_NONE, "operation names are exact");
	for (i = 0; i < KC_COUNT; i++) {
		ok(keyctx_from_name(keyctx_name(i), &ctx) == 0 &&
		    (int)ctx == i, "context %s round-trips", keyctx_name(i));
	}
	is_string(keyctx_name(KC_FORM), "form", "form");
	ok(keyctx_from_name("Form", &ctx) == -1 && keyctx_from_name("", &ctx)
	    == -1, "context names are exact");
}

static void
test_names(void)
{
	char		buf[KEYMAP_NAME_MAX], small[4];
	keycode		k, base, got;
	size_t		i;
	int		bad = 0, n;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		ok(keymap_key_parse(names[i].name, &k) == 0 &&
		    k == names[i].key, "'%s' is key %#x", names[i].name,
		    (u_int)names[i].key);
		keymap_key_name(names[i].key, buf, sizeof buf);
		is_string(buf, names[i].name, "key %#x is named '%s'",
		    (u_int)names[i].key, names[i].name);
	}
	for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
		if (keymap_key_parse(aliases[i].in, &k) != 0) {
			ok(0, "'%s' is a key", aliases[i].in);
			continue;
		}
		keymap_key_name(k, buf, sizeof buf);
		is_string(buf, aliases[i].out, "'%s' is '%s'", aliases[i].in,
		    aliases[i].out);
	}
	for (i = 0; i < sizeof bad_names / sizeof bad_names[0]; i++)
		ok(keymap_key_parse(bad_names[i], &k) == -1, "'%s' is no key",
		    bad_names[i]);

	/* Every key, with and without M-, reads back from its name. */
	for (n = 0; n < 2; n++) {
		for (base = 0; base < KM_LAST; base++) {
			if ((base >= 0xd800 && base <= 0xdfff) ||
			    (base > KM_F(KM_FMAX) && base < KM_UP) ||
			    (base >= KM_NAMED && base < KM_F(1)))
				continue;
			k = n ? base | KM_META : base;
			keymap_key_name(k, buf, sizeof buf);
			if (keymap_key_parse(buf, &got) != 0 || got != k) {
				if (bad++ < 5)
					diag("key %#x: name '%s'", (u_int)k,
					    buf);
			}
		}
	}
	ok(bad == 0, "every key round-trips through its name (%d do not)",
	    bad);

	keymap_key_name(0xd800, buf, sizeof buf);
	is_string(buf, "<invalid>", "a surrogate is no key");
	keymap_key_name(KM_NAMED, buf, sizeof buf);
	is_string(buf, "<invalid>", "F0 is no key");
	keymap_key_name(KM_LAST, buf, sizeof buf);
	is_string(buf, "<invalid>", "past the named keys is no key");
	keymap_key_name(KM_META | KM_BSPACE, small, sizeof small);
	is_string(small, "M-B", "a short buffer gets a truncated name");
}

static void
test_errors(void)
{
	struct keymap	*km;
	size_t		 i;
	int		 n;

	error_is("bind form F2 save-next\n", "t.keys:1:1: the file must "
	    "start with 'hotich-keys 1'", "missing version");
	error_is("hotich-keys 2\n", "t.keys:1:13: unsupported version '2': "
	    "this program reads 'hotich-keys 1'", "wrong version");
	error_is("hotich-keys\n", "t.keys:1:1: usage: hotich-keys 1",
	    "version without a number");
	error_is("# c\n\nhotich-keys 1\nhotich-keys 1\n", "t.keys:4:1: "
	    "'hotich-keys' must be the first line of the file",
	    "version twice");
	error_is("hotich-keys 1\nbind frm F2 save-next\n", "t.keys:2:6: "
	    "unknown context 'frm' (known: global, form, list)",
	    "unknown context");
	error_is("hotich-keys 1\nbind form F22 save-nxt\n", "t.keys:2:15: "
	    "unknown operation 'save-nxt' (did you mean 'save-next'?)",
	    "unknown operation with a suggestion");
	error_is("hotich-keys 1\nbind form F2 xyzzy\n", "t.keys:2:14: "
	    "unknown operation 'xyzzy'", "unknown operation");
	error_is("hotich-keys 1\n  bind\tform  Enetr next-field\n",
	    "t.keys:2:14: unknown key 'Enetr' (did you mean 'Enter'?)",
	    "unknown key, after tabs and spaces");
	error_is("hotich-keys 1\nbind form F25 help\n", "t.keys:2:11: "
	    "unknown key 'F25': the function keys are F1 to F24",
	    "F25");
	error_is("hotich-keys 1\nbind form C-1 help\n", "t.keys:2:11: "
	    "unknown key 'C-1': C- goes with a letter or one of @ [ \\ ] ^ _ "
	    "?", "C-1");
	error_is("hotich-keys 1\nbind form U+D800 help\n", "t.keys:2:11: "
	    "unknown key 'U+D800': U+ takes the hexadecimal number of a "
	    "Unicode character", "a surrogate");
	error_is("hotich-keys 1\nbind form Ctrl-s help\n", "t.keys:2:11: "
	    "unknown key 'Ctrl-s': write Ctrl as C- and Alt as M-, as in C-t "
	    "or M-x", "Ctrl-s");
	error_is("hotich-keys 1\nbind list F2 save-next\n", "t.keys:2:14: "
	    "'save-next' works in the form context, not in list",
	    "an operation of another context");
	error_is("hotich-keys 1\nbind global F2 save-next\n", "t.keys:2:16: "
	    "'save-next' works in the form context, not in global",
	    "a form operation in global");
	error_is("hotich-keys 1\nbind form F2 save-next now\n", "t.keys:2:24: "
	    "unexpected 'now' at the end of the line (usage: bind CONTEXT KEY "
	    "OPERATION)", "an extra word");
	error_is("hotich-keys 1\nbind form F2\n", "t.keys:2:1: usage: bind "
	    "CONTEXT KEY OPERATION", "a missing word");
	error_is("hotich-keys 1\nunbind form\n", "t.keys:2:1: usage: unbind "
	    "CONTEXT KEY", "unbind without a key");
	error_is("hotich-keys 1\nunbind-all form list\n", "t.keys:2:17: "
	    "unexpected 'list' at the end of the line (usage: unbind-all "
	    "[CONTEXT])", "unbind-all with two contexts");
	error_is("hotich-keys 1\nbindd form F2 save-next\n", "t.keys:2:1: "
	    "unknown directive 'bindd' (did you mean 'bind'?)",
	    "unknown directive with a suggestion");
	error_is("hotich-keys 1\nset x 1\n", "t.keys:2:1: unknown directive "
	    "'set' (known: bind, unbind, unbind-all)", "unknown directive");
	error_is("hotich-keys 1\nbind form x next-field\n", "t.keys:2:11: "
	    "'x' cannot be bound in the form context: it is typed into "
	    "fields", "a letter in the form");
	error_is("hotich-keys 1\nbind global Space help\n", "t.keys:2:13: "
	    "'Space' cannot be bound in the global context: it is typed into "
	    "fields", "Space in global");
	error_is("hotich-keys 1\nbind global M-1 help\n", "t.keys:2:13: "
	    "'M-1' is read as F1 (Esc then a digit): bind F1", "M-1");
	error_is("hotich-keys 1\nbind list M-0 back\n", "t.keys:2:11: "
	    "'M-0' is read as F10 (Esc then a digit): bind F10", "M-0");
	error_is("hotich-keys 1\nbind list 'x help\n", "t.keys:2:11: "
	    "unterminated quote", "unterminated quote");
	error_is("hotich-keys 1\nbind list \x01 help\n", "t.keys:2:11: "
	    "unexpected control character", "a control character");
	error_is("hotich-keys 1\nbind list \"đ\" \xff\n", "t.keys:2:15: "
	    "invalid UTF-8", "invalid UTF-8, columns in characters");
	error_is("hotich-keys 1\nbind form Ư help\n", "t.keys:2:11: "
	    "'Ư' cannot be bound in the form context: it is typed into "
	    "fields", "a Vietnamese letter in the form");

	/* Every mistake of a line is reported; the other lines go on. */
	km = keymap_new();
	n = parse(km, "hotich-keys 1\nbind frm F99 nope\nbind list Esc back\n"
	    "bind list q quit x\n");
	ok(n == 4 && el.n == 4, "four errors from two lines (%d)", n);
	for (i = 0; i < el.n; i++)
		diag("%s", el.v[i]);
	ok(keymap_lookup(km, KC_LIST, 27) == OP_BACK, "the good line took "
	    "effect");
	ok(keymap_lookup(km, KC_LIST, 'q') == OP_NONE, "the bad line did "
	    "not");
	keymap_free(km);

	km = keymap_new();
	n = parse(km, "");
	ok(n == 0, "an empty file is fine");
	n = parse(km, "# only a comment\n\n");
	ok(n == 0, "a file of comments is fine");
	n = parse(km, "\xef\xbb\xbfhotich-keys 1\r\nbind list \"#\" search # c\r\n"
	    "bind list '\"' first\nbind list \"'\" last\n");
	ok(n == 0, "a BOM, CR LF, quotes and comments");
	ok(keymap_lookup(km, KC_LIST, '#') == OP_SEARCH &&
	    keymap_lookup(km, KC_LIST, '"') == OP_FIRST &&
	    keymap_lookup(km, KC_LIST, '\'') == OP_LAST, "quoted keys");
	keymap_free(km);
}

static void
test_keymap(void)
{
	struct keymap	*km = keymap_new();
	keycode		 keys[8];
	size_t		 n;

	ok(keymap_lookup(km, KC_FORM, KM_F(2)) == OP_NONE, "an empty keymap "
	    "binds nothing");
	ok(keymap_keys_for(km, OP_HELP, NULL, 0) == 0, "no keys for help");
	parse(km, "hotich-keys 1\n"
	    "bind global F1 help\n"
	    "bind global F10 quit\n"
	    "bind form F2 save-next\n"
	    "bind form C-x save-next\n"
	    "bind form F2 ditto\n"
	    "bind form F10 discard\n"
	    "bind list F1 help\n"
	    "bind list ? help\n"
	    "bind list F6 sort\n"
	    "bind list F7 sort\n"
	    "bind list F6 sort\n"
	    "unbind list F7\n"
	    "unbind list F8\n");
	is_int((long)errlist_count(&el), 0, "no errors");
	ok(keymap_lookup(km, KC_FORM, KM_F(2)) == OP_DITTO, "the last "
	    "binding of a key wins");
	ok(keymap_lookup(km, KC_FORM, KM_F(1)) == OP_HELP, "a form key falls "
	    "back to global");
	ok(keymap_lookup(km, KC_FORM, KM_F(10)) == OP_DISCARD, "a form "
	    "binding hides the global one");
	ok(keymap_lookup(km, KC_GLOBAL, KM_F(10)) == OP_QUIT, "which is "
	    "still there");
	ok(keymap_lookup(km, KC_LIST, KM_F(7)) == OP_NONE, "unbind");
	ok(keymap_lookup(km, KC_LIST, KM_F(6)) == OP_SORT, "a binding made "
	    "twice stays");
	ok(keymap_lookup(km, KC_FORM, '?') == OP_NONE, "a list key is not "
	    "in the form");

	n = keymap_keys_for(km, OP_HELP, keys, 8);
	ok(n == 2 && keys[0] == KM_F(1) && keys[1] == '?', "help: F1 (once, "
	    "though bound in two contexts), then ?");
	n = keymap_keys_for(km, OP_HELP, keys, 1);
	ok(n == 2 && keys[0] == KM_F(1), "keys_for counts past max");
	n = keymap_keys_for(km, OP_SAVE_NEXT, keys, 8);
	ok(n == 1 && keys[0] == KM_CTRL('x'), "F2 was taken by ditto");
	n = keymap_keys_in(km, KC_GLOBAL, OP_HELP, keys, 8);
	ok(n == 1 && keys[0] == KM_F(1), "keys_in: help in global");
	n = keymap_keys_in(km, KC_LIST, OP_HELP, keys, 8);
	ok(n == 2 && keys[0] == KM_F(1) && keys[1] == '?', "keys_in: help in "
	    "list");
	n = keymap_keys_active(km, KC_FORM, OP_QUIT, keys, 8);
	ok(n == 0, "quit has no key in the form: F10 discards");
	n = keymap_keys_active(km, KC_LIST, OP_QUIT, keys, 8);
	ok(n == 1 && keys[0] == KM_F(10), "quit is F10 in a list");
	n = keymap_keys_active(km, KC_FORM, OP_HELP, keys, 8);
	ok(n == 1 && keys[0] == KM_F(1), "help in the form is F1 only");

	parse(km, "hotich-keys 1\nbind form F6 status-blank\n"
	    "bind form F2 save-next\nbind form F5 save-next\n"
	    "bind form F2 save-next\n");
	n = keymap_keys_for(km, OP_SAVE_NEXT, keys, 8);
	ok(n == 3 && keys[0] == KM_CTRL('x') && keys[1] == KM_F(2) &&
	    keys[2] == KM_F(5), "keys come in the order bound, across files");

	parse(km, "hotich-keys 1\nunbind-all form\n");
	ok(keymap_keys_for(km, OP_SAVE_NEXT, NULL, 0) == 0 &&
	    keymap_lookup(km, KC_FORM, KM_F(1)) == OP_HELP, "unbind-all form "
	    "leaves global");
	parse(km, "hotich-keys 1\nunbind-all\n");
	ok(keymap_lookup(km, KC_LIST, KM_F(1)) == OP_NONE, "unbind-all");
	keymap_free(km);
	keymap_free(NULL);
}

static void
test_default(void)
{
	struct keymap	*km = keymap_new();
	keycode		 keys[16];
	char		 name[KEYMAP_NAME_MAX], *path, *text;
	size_t		 n, i, len;
	FILE		*f;
	int		 op, all = 1, fkeys = 1, active = 1, fk, other;

	is_int(keymap_load_default(km, &el), 0, "default.keys loads without "
	    "errors");
	for (i = 0; i < el.n; i++)
		diag("%s", el.v[i]);
	for (op = 0; op < OP_COUNT; op++) {
		n = keymap_keys_for(km, op, keys, 16);
		if (n == 0) {
			diag("%s has no key", op_info[op].name);
			all = 0;
		}
		if (keymap_keys_active(km, op_info[op].ctx, op, NULL, 0) == 0) {
			diag("%s has no key in %s", op_info[op].name,
			    keyctx_name(op_info[op].ctx));
			active = 0;
		}
		/* F11 and up need a key a terminal without them has. */
		for (fk = other = 0, i = 0; i < n && i < 16; i++) {
			if ((keys[i] & ~KM_META) > KM_F(10) &&
			    (keys[i] & ~KM_META) <= KM_F(KM_FMAX))
				fk = 1;
			else if ((keys[i] & ~KM_META) < KM_F(1) ||
			    (keys[i] & ~KM_META) > KM_F(KM_FMAX))
				other = 1;
		}
		if (fk && !other) {
			diag("%s has only F11 or above", op_info[op].name);
			fkeys = 0;
		}
	}
	ok(all, "every operation has a key");
	ok(active, "every operation has a key on a screen of its context");
	ok(fkeys, "every operation on F11 or above has another key");
	ok(keymap_keys_active(km, KC_FORM, OP_HELP, NULL, 0) > 0 &&
	    keymap_keys_active(km, KC_LIST, OP_HELP, NULL, 0) > 0,
	    "help in the form and in lists");
	ok(keymap_lookup(km, KC_FORM, KM_F(2)) == OP_SAVE_NEXT &&
	    keymap_lookup(km, KC_FORM, 127) == OP_DELETE_BACK &&
	    keymap_lookup(km, KC_FORM, KM_BSPACE) == OP_DELETE_BACK &&
	    keymap_lookup(km, KC_FORM, 8) == OP_DELETE_BACK &&
	    keymap_lookup(km, KC_FORM, KM_F(1)) == OP_HELP &&
	    keymap_lookup(km, KC_LIST, KM_F(10)) == OP_BACK,
	    "F2 saves, the three backspaces delete back, F1 is help, F10 "
	    "goes back in lists");
	ok(keymap_lookup(km, KC_FORM, KM_CTRL('s')) == OP_NONE &&
	    keymap_lookup(km, KC_FORM, KM_CTRL('q')) == OP_NONE,
	    "C-s and C-q (XON/XOFF) are not bound");
	for (op = 0; op < OP_COUNT; op++) {
		n = keymap_keys_for(km, op, keys, 16);
		for (i = 0; i < n && i < 16; i++) {
			keymap_key_name(keys[i], name, sizeof name);
			if (key(name) != keys[i])
				all = 0;
		}
	}
	ok(all, "every bound key round-trips through its name");
	keymap_free(km);

	/* The compiled-in text is the file. */
	if (asprintf(&path, "%s/default.keys", TEST_KEYMAPS_DIR) < 0)
		bail("asprintf");
	text = calloc(1, keymap_default_keys_len + 2);
	if (text == NULL || (f = fopen(path, "rb")) == NULL)
		bail("cannot read %s", path);
	len = fread(text, 1, keymap_default_keys_len + 1, f);
	fclose(f);
	ok(len == keymap_default_keys_len && memcmp(text, keymap_default_keys,
	    len) == 0 && keymap_default_keys[len] == '\0', "the built-in "
	    "bindings are keymaps/default.keys");
	free(text);
	free(path);
}

static void
write_file(const char *path, const char *text)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL)
		bail("cannot write %s", path);
	fputs(text, f);
	fclose(f);
}

static void
test_load(void)
{
	struct keymap	*km;
	char		 dir[] = "/tmp/keymap-t.XXXXXX", *p, *extra;
	int		 n;

	if (mkdtemp(dir) == NULL)
		bail("mkdtemp");
	if (asprintf(&p, "%s/hotich", dir) < 0 || mkdir(p, 0700) != 0)
		bail("mkdir");
	free(p);
	if (asprintf(&p, "%s/hotich/keys", dir) < 0 ||
	    asprintf(&extra, "%s/extra.keys", dir) < 0)
		bail("asprintf");
	unsetenv("HOME");
	setenv("XDG_CONFIG_HOME", "relative/is/ignored", 1);

	km = keymap_new();
	errlist_free(&el);
	n = keymap_load_all(km, NULL, &el);
	ok(n == 0 && el.n == 0, "no user file and no HOME: the defaults");
	ok(keymap_lookup(km, KC_FORM, KM_F(2)) == OP_SAVE_NEXT, "F2 saves");
	keymap_free(km);

	write_file(p, "hotich-keys 1\nbind form F2 ditto\nbind form F11 "
	    "save-next\n");
	write_file(extra, "hotich-keys 1\nbind form F11 entries\nunbind form "
	    "F3\n");
	setenv("XDG_CONFIG_HOME", dir, 1);
	km = keymap_new();
	n = keymap_load_all(km, extra, &el);
	ok(n == 0 && el.n == 0, "defaults, user file, -k file");
	ok(keymap_lookup(km, KC_FORM, KM_F(2)) == OP_DITTO, "the user file "
	    "rebinds F2");
	ok(keymap_lookup(km, KC_FORM, KM_F(11)) == OP_ENTRIES, "the -k file "
	    "comes last");
	ok(keymap_lookup(km, KC_FORM, KM_F(3)) == OP_NONE, "and unbinds F3");
	ok(keymap_lookup(km, KC_FORM, KM_F(5)) == OP_DITTO, "the rest stays");
	keymap_free(km);

	/* HOME/.config when XDG_CONFIG_HOME is not set. */
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/nonexistent", 1);
	km = keymap_new();
	n = keymap_load_all(km, NULL, &el);
	ok(n == 0, "a missing ~/.config/hotich/keys is skipped");
	keymap_free(km);

	km = keymap_new();
	errlist_free(&el);
	n = keymap_load_all(km, "/nonexistent/x.keys", &el);
	ok(n == 1 && el.n == 1 && strcmp(el.v[0], "/nonexistent/x.keys: "
	    "cannot open: No such file or directory") == 0, "a missing -k "
	    "file is an error");
	ok(keymap_lookup(km, KC_FORM, KM_F(2)) == OP_SAVE_NEXT, "and the "
	    "other bindings stay");
	keymap_free(km);

	write_file(extra, "hotich-keys 1\nbind form F2 nope\n");
	km = keymap_new();
	errlist_free(&el);
	n = keymap_load_file(km, extra, &el);
	ok(n == 1 && el.n == 1 && strncmp(el.v[0], extra, strlen(extra)) ==
	    0 && strstr(el.v[0], ":2:14: unknown operation 'nope'") != NULL,
	    "errors of a file carry its path");
	keymap_free(km);

	unlink(extra);
	unlink(p);
	free(extra);
	free(p);
	if (asprintf(&p, "%s/hotich", dir) < 0)
		bail("asprintf");
	rmdir(p);
	free(p);
	rmdir(dir);
}

int
main(void)
{
	i18n_init("en");
	errlist_init(&el);
	test_ops();
	test_names();
	test_errors();
	test_keymap();
	test_default();
	test_load();
	errlist_free(&el);
	return (done_testing());
}
