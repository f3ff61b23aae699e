/*
 * ime-t.c: the input method engine and its .im parser.
 *
 * Runs the vectors of tests/ime/{telex,vni,viqr}.tsv and the collected
 * examples of other engines (tests/ime/telex_examples.tsv) through
 * ime_compose_line, checks the edits the field editor will get from
 * ime_key and ime_backspace, and the messages of the .im parser.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errlist.h"
#include "i18n.h"
#include "ime.h"
#include "lines.h"
#include "tap.h"
#include "xmalloc.h"

static struct ime_table	*tables[3];
static const char	*methods[3] = { "telex", "vni", "viqr" };

/*
 * Examples of telex_examples.tsv where engines disagree, and what hotich
 * does instead (matched by input and a piece of the source column).
 */
static const struct {
	const char	*in;
	const char	*source;
	const char	*ours;
	const char	*why;
} differs[] = {
	{ "tôifs", "bamboo", "tôifs",
	    "a precomposed letter makes the word pass through" },
	{ "tốiz", "bamboo", "tốiz",
	    "a precomposed letter makes the word pass through" },
	{ "uow", "vi-rs", "uơ",
	    "open uo takes the horn on o only, as Unikey (thuở, huơ)" },
};

static struct ime_table *
load(const char *name)
{
	struct errlist		 el;
	struct ime_table	*t;
	char			*path;
	size_t			 i;

	xasprintf(&path, "%s/%s.im", TEST_KEYMAPS_DIR, name);
	errlist_init(&el);
	t = ime_table_load(path, &el);
	for (i = 0; i < el.n; i++)
		diag("%s", el.v[i]);
	if (t == NULL)
		bail("cannot load %s", path);
	errlist_free(&el);
	free(path);
	return (t);
}

/* Turn <BS>, <ESC>, <Return>, <Space> into the keys they stand for. */
static char *
keys_of(const char *s)
{
	char	*out = xmalloc(strlen(s) + 1), *o = out;

	while (*s != '\0') {
		if (strncmp(s, "<BS>", 4) == 0) {
			*o++ = 0x7f;
			s += 4;
		} else if (strncmp(s, "<ESC>", 5) == 0) {
			*o++ = 0x1b;
			s += 5;
		} else if (strncmp(s, "<Return>", 8) == 0)
			s += 8;
		else if (strncmp(s, "<Space>", 7) == 0) {
			*o++ = ' ';
			s += 7;
		} else
			*o++ = *s++;
	}
	*o = '\0';
	return (out);
}

/* Compose keys with method m, style and flags; the caller frees. */
static char *
compose(int m, enum ime_style style, int flags, const char *keys)
{
	struct ime	*ime;
	char		*k, *out;
	size_t		 bad;

	k = keys_of(keys);
	ime = ime_new(tables[m], style, flags);
	out = ime_compose_line(ime, k, strlen(k), &bad);
	if (out == NULL)
		out = xstrdup("(invalid UTF-8)");
	ime_free(ime);
	free(k);
	return (out);
}

/* Split line at tabs into at most n fields; return how many. */
static size_t
split_tabs(char *line, char **f, size_t n)
{
	size_t	i = 0;
	char	*p;

	f[i++] = line;
	while (i < n && (p = strchr(f[i - 1], '\t')) != NULL) {
		*p = '\0';
		f[i++] = p + 1;
	}
	return (i);
}

/* Run the vectors of tests/ime/METHOD.tsv; return how many. */
static int
run_vectors(int m)
{
	struct lines	 l;
	char		*path, *buf, *cause, *f[3], *got;
	size_t		 len, nf;
	enum ime_style	 style;
	int		 flags, count = 0;

	xasprintf(&path, "%s/%s.tsv", TEST_IME_DIR, methods[m]);
	if ((buf = lines_read_file(path, &len, &cause)) == NULL)
		bail("%s: %s", path, cause);
	lines_init(&l, buf, len);
	while (lines_next(&l)) {
		if (l.line[0] == '#' || l.line[0] == '\0')
			continue;
		nf = split_tabs(l.line, f, 3);
		if (nf < 2) {
			ok(0, "%s:%u: KEYS<TAB>EXPECTED", path, l.lineno);
			continue;
		}
		style = IME_STYLE_OLD;
		flags = IME_W_ALONE;
		if (nf == 3) {
			if (strstr(f[2], "new") != NULL)
				style = IME_STYLE_NEW;
			if (strstr(f[2], "restore") != NULL)
				flags |= IME_RESTORE;
			if (strstr(f[2], "no-w-alone") != NULL)
				flags &= ~IME_W_ALONE;
		}
		got = compose(m, style, flags, f[0]);
		is_string(got, f[1], "%s %s '%s' %s", methods[m],
		    nf == 3 ? f[2] : "old", f[0], f[1]);
		free(got);
		count++;
	}
	lines_done(&l);
	free(buf);
	free(path);
	return (count);
}

/* The examples gathered from other engines, with their options. */
static void
run_examples(void)
{
	struct lines	 l;
	char		*path, *buf, *cause, *f[3], *got;
	const char	*want;
	size_t		 len, i;
	enum ime_style	 style;
	int		 m, flags, count = 0;

	xasprintf(&path, "%s/telex_examples.tsv", TEST_IME_DIR);
	if ((buf = lines_read_file(path, &len, &cause)) == NULL)
		bail("%s: %s", path, cause);
	lines_init(&l, buf, len);
	while (lines_next(&l)) {
		if (l.line[0] == '#' || split_tabs(l.line, f, 3) != 3)
			continue;
		m = 0;
		if (strncmp(f[2], "VIQR", 4) == 0)
			m = 2;
		else if (strstr(f[2], "VNI") != NULL ||
		    strstr(f[2], "simple_vni") != NULL)
			m = 1;
		style = IME_STYLE_OLD;
		if (strstr(f[2], "modern tone default") != NULL ||
		    strstr(f[2], "new style") != NULL)
			style = IME_STYLE_NEW;
		flags = IME_W_ALONE;
		if ((strstr(f[2], "AutoNonVnRestore=True") != NULL &&
		    strstr(f[2], "SpellCheck=True") != NULL) ||
		    strstr(f[2], "auto_restore") != NULL ||
		    strstr(f[2], "modern tone default") != NULL)
			flags |= IME_RESTORE;
		want = f[1];
		for (i = 0; i < sizeof differs / sizeof *differs; i++) {
			if (strcmp(differs[i].in, f[0]) == 0 &&
			    strstr(f[2], differs[i].source) != NULL) {
				diag("'%s': %s gives '%s'; hotich '%s': %s",
				    f[0], differs[i].source, f[1],
				    differs[i].ours, differs[i].why);
				want = differs[i].ours;
			}
		}
		got = compose(m, style, flags, f[0]);
		is_string(got, want, "example %s '%s' -> '%s'", methods[m],
		    f[0], want);
		free(got);
		count++;
	}
	lines_done(&l);
	free(buf);
	free(path);
	ok(count == 138, "138 examples run (%d)", count);
}

/* Type keys one by one through the editor interface; return the text. */
static char *
type(struct ime *ime, const char *keys, size_t *maxdel)
{
	struct ime_edit	 ed;
	char		 text[512];
	size_t		 len = 0, i;
	const char	*p;

	*maxdel = 0;
	text[0] = '\0';
	for (p = keys; *p != '\0'; p++) {
		if (*p == 0x7f) {
			if (!ime_backspace(ime, &ed))
				continue;
		} else
			ime_key(ime, (u_char)*p, &ed);
		if (ed.del > *maxdel)
			*maxdel = ed.del;
		for (i = 0; i < ed.del; i++) {
			do
				len--;
			while (len > 0 && (text[len] & 0xc0) == 0x80);
		}
		len += snprintf(text + len, sizeof text - len, "%s", ed.text);
	}
	return (xstrdup(text));
}

static void
test_edits(void)
{
	struct ime	*ime;
	struct ime_edit	 ed;
	char		*s;
	size_t		 maxdel;

	ime = ime_new(tables[0], IME_STYLE_OLD, IME_W_ALONE | IME_RESTORE);

	/* Each key gives the smallest edit: viee → only "e" becomes "ê". */
	ime_key(ime, 'v', &ed);
	is_string(ed.text, "v", "v types v");
	is_int(ed.del, 0, "and deletes nothing");
	is_int(ime_key(ime, 'i', &ed), 1, "a word is being typed");
	ime_key(ime, 'e', &ed);
	ime_key(ime, 'e', &ed);
	is_int(ed.del, 1, "the second e deletes one character");
	is_string(ed.text, "ê", "and types ê");
	ime_key(ime, 't', &ed);
	ime_key(ime, 'j', &ed);
	is_int(ed.del, 2, "j deletes 'êt'");
	is_string(ed.text, "ệt", "and types 'ệt'");
	is_string(ime_word(ime), "việt", "the word is việt");
	is_int(ime_key(ime, ' ', &ed), 0, "a space ends the word");
	is_int(ed.del, 0, "a valid word is kept");
	is_string(ed.text, " ", "and the space is typed");
	is_string(ime_word(ime), "", "no word after the space");

	/* Restore at the end of the word, by ime_commit. */
	ime_key(ime, 'm', &ed);
	ime_key(ime, 'i', &ed);
	ime_key(ime, 'x', &ed);
	is_string(ime_word(ime), "mĩ", "mix shows mĩ while typed");
	ime_commit(ime, &ed);
	is_int(ed.del, 1, "commit deletes ĩ");
	is_string(ed.text, "ix", "and types ix");

	/* Backspace with no word is the caller's. */
	is_int(ime_backspace(ime, &ed), 0, "backspace without a word is "
	    "left to the caller");
	ime_key(ime, 'a', &ed);
	ime_key(ime, 's', &ed);
	is_int(ime_backspace(ime, &ed), 1, "backspace in a word is taken");
	is_int(ed.del, 1, "it deletes á");
	is_string(ed.text, "", "and types nothing");
	is_int(ime_backspace(ime, &ed), 0, "then the word is empty");
	ime_reset(ime);
	ime_free(ime);

	/* Tone keys still work after backspace, edits never underflow. */
	ime = ime_new(tables[0], IME_STYLE_OLD, IME_W_ALONE);
	s = type(ime, "nguwowif\x7f\x7fowfi", &maxdel);
	is_string(s, "người", "nguwowif, 2 backspaces, owfi: người");
	free(s);
	ime_reset(ime);
	s = type(ime, "nguwowif\x7f\x7f\x7fowfi", &maxdel);
	is_string(s, "ngời", "a third backspace takes ư too: ngời");
	free(s);
	ime_reset(ime);
	s = type(ime, "loanj\x7fn", &maxdel);
	is_string(s, "loạn", "loanj, backspace, n: loạn again");
	ok(maxdel <= 3, "no edit deletes more than the word (%zu)", maxdel);
	free(s);
	ime_reset(ime);

	/* A long word is cut and passes as typed. */
	s = type(ime, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaa s", &maxdel);
	ok(strlen(s) > 70 && s[strlen(s) - 1] == 's', "a word of 72 keys "
	    "does not break the engine");
	free(s);
	ime_free(ime);

	/* Invalid UTF-8 is refused with its offset. */
	ime = ime_new(tables[0], IME_STYLE_OLD, 0);
	ok(ime_compose_line(ime, "ab\xff", 3, &maxdel) == NULL &&
	    maxdel == 2, "invalid UTF-8 at byte 2 is refused");
	ok(ime_compose_line(ime, "a\0b", 3, &maxdel) == NULL && maxdel == 1,
	    "a NUL byte is refused");
	ime_free(ime);
}

/* Parse text as an .im file; expect exactly the messages want. */
static void
parse_bad(const char *text, const char *want, const char *what)
{
	struct errlist		 el;
	struct ime_table	*t;
	char			*got = xstrdup(""), *tmp;
	size_t			 i;

	errlist_init(&el);
	t = ime_table_parse("x.im", text, strlen(text), &el);
	ok(t == NULL, "%s: refused", what);
	ime_table_free(t);
	for (i = 0; i < el.n; i++) {
		xasprintf(&tmp, "%s%s\n", got, el.v[i]);
		free(got);
		got = tmp;
	}
	is_string(got, want, "%s: messages", what);
	free(got);
	errlist_free(&el);
}

static void
test_parser(void)
{
	struct errlist		 el;
	struct ime_table	*t;
	const char		*good = "hotich-im 1\n"
	    "title \"Small\"\r\n"
	    "# a comment\n"
	    "key S tone acute\n"
	    "key w mark horn uo\n"
	    "key w mark breve a\n"
	    "key w alone u horn\n"
	    "key \"^\" mark circumflex aeo\n"
	    "escape \"\\\\\"\n"
	    "keep mix\n";

	errlist_init(&el);
	t = ime_table_parse("good.im", good, strlen(good), &el);
	ok(t != NULL && el.n == 0, "a good file parses");
	if (t != NULL) {
		is_string(ime_table_title(t), "Small", "its title");
		ok(t->keys['s'].what == IME_DO_TONE &&
		    t->keys['s'].tone == IME_TONE_ACUTE, "S is the acute "
		    "key, folded to s");
		ok(t->keys['w'].what == (IME_DO_MARK | IME_DO_ALONE),
		    "w marks and stands alone");
		ok(t->escape == '\\', "the escape key is \\");
	}
	ime_table_free(t);
	errlist_free(&el);

	parse_bad("", "x.im: the file has no 'hotich-im 1' line\n",
	    "an empty file");
	parse_bad("hotich-im 2\nkey s tone acute\n",
	    "x.im:1:11: unsupported version: this is 'hotich-im 1'\n",
	    "version 2");
	parse_bad("key s tone acute\n",
	    "x.im:1:1: the file must start with 'hotich-im 1'\n",
	    "no version line");
	parse_bad("hotich-im 1\n",
	    "x.im: the input method has no keys\n", "no keys");
	parse_bad("hotich-im 1\nkey ss tone acute\nkey s tone sharp\n"
	    "key s mark roof a\nkey s mark horn ae\nkey s jump\n"
	    "key \" \" tone grave\nfrob\nkey s tone acute\nkey s tone grave\n"
	    "key a mark circumflex a\nkey a mark circumflex e\n"
	    "key \"\\\\\" tone dot\nescape \"\\\\\"\nescape q\n"
	    "order sideways\norder free\norder free\nkeep m1x\n"
	    "key w alone e horn\nkey w alone u stroke\n"
	    "title x\n\"key\"\nkey \xc3 tone acute\nkey \"a\n",
	    "x.im:2:5: a key is one printable ASCII character other than a "
	    "space, not \"ss\"\n"
	    "x.im:3:12: unknown tone 'sharp' (known: none, grave, hook, "
	    "tilde, acute, dot)\n"
	    "x.im:4:12: unknown mark 'roof' (known: circumflex, breve, horn, "
	    "stroke)\n"
	    "x.im:5:17: a horn goes on ou, not on 'ae'\n"
	    "x.im:6:7: unknown action 'jump' (known: tone, mark, alone)\n"
	    "x.im:7:5: a key is one printable ASCII character other than a "
	    "space, not \" \"\n"
	    "x.im:8:1: unknown directive 'frob' (known: hotich-im, title, "
	    "order, key, escape, keep)\n"
	    "x.im:10:5: key 's' already does something: a tone key does "
	    "nothing else\n"
	    "x.im:12:12: key 'a' already puts a circumflex\n"
	    "x.im:14:8: '\\' is already a key of the input method\n"
	    "x.im:15:8: the escape key cannot be a letter\n"
	    "x.im:16:7: unknown order 'sideways' (known: free, postfix)\n"
	    "x.im:18:1: 'order' given twice (first on line 17)\n"
	    "x.im:19:6: 'm1x' is not a word of ASCII letters\n"
	    "x.im:20:13: a horn goes on ou, not on 'e'\n"
	    "x.im:21:15: unknown vowel mark 'stroke' (known: circumflex, "
	    "breve, horn)\n"
	    "x.im:22:1: usage: title \"TEXT\"\n"
	    "x.im:23:1: a line must start with a directive\n"
	    "x.im:24:5: invalid UTF-8\n"
	    "x.im:25:5: unterminated string\n",
	    "many mistakes");
	parse_bad("hotich-im 1\nescape \\\nescape a\n",
	    "x.im:2:8: unexpected character '\\'\n"
	    "x.im:3:8: the escape key cannot be a letter\n",
	    "an unquoted backslash");
	parse_bad("hotich-im 1\nkey a tone acute\nescape \"a\"\n"
	    "hotich-im 1\n",
	    "x.im:3:8: the escape key cannot be a letter\n"
	    "x.im:4:1: 'hotich-im' must be the first line of the file\n",
	    "a letter as the escape key");
	parse_bad("hotich-im 1\nkey w alone u horn\nkey w alone o horn\n"
	    "key s tone acute\nkey s mark horn uo\nkey s alone a breve\n"
	    "key w tone dot\n",
	    "x.im:3:5: key 'w' already has an alone letter\n"
	    "x.im:5:5: key 's' already does something: a tone key does "
	    "nothing else\n"
	    "x.im:6:5: key 's' already does something: a tone key does "
	    "nothing else\n"
	    "x.im:7:5: key 'w' already does something: a tone key does "
	    "nothing else\n",
	    "keys given two things to do");
	parse_bad("hotich-im 1\nkey 1 tone acute\nescape 1\n",
	    "x.im:3:8: '1' is already a key of the input method\n",
	    "a key as the escape key");
}

int
main(void)
{
	int	m, n;

	i18n_init("en");
	for (m = 0; m < 3; m++)
		tables[m] = load(methods[m]);

	n = run_vectors(0);
	ok(n >= 600, "at least 600 Telex vectors (%d)", n);
	n = run_vectors(1);
	ok(n >= 200, "at least 200 VNI vectors (%d)", n);
	n = run_vectors(2);
	ok(n >= 100, "at least 100 VIQR vectors (%d)", n);
	run_examples();
	test_edits();
	test_parser();

	for (m = 0; m < 3; m++)
		ime_table_free(tables[m]);
	return (done_testing());
}
