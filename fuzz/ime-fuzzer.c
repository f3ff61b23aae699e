/*
 * ime-fuzzer.c: libFuzzer target for the input method engine and the .im
 * parser.
 *
 * The first byte chooses what the rest is. From 0xf0 up, it is an input
 * method file: the parser must either refuse it with messages naming the
 * file or give a table, which then composes a few lines. Below, it picks
 * a shipped method (telex, vni, viqr), a tone style and the options, and
 * the rest is lines of keys. For every line:
 *  - the output is valid UTF-8 in NFC;
 *  - composing it again gives the same text;
 *  - typed key by key through the editor interface, no edit deletes more
 *    than the word it is about (backspace never underflows), and the text
 *    built from the edits is the output;
 *  - each word of the output that holds a letter outside ASCII, typed
 *    again, passes through: its ASCII head is composed, the rest stays
 *    (so a word that starts outside ASCII comes back unchanged).
 */

#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "errlist.h"
#include "i18n.h"
#include "ime.h"
#include "utf8.h"
#include "xmalloc.h"

#define FUZZ_MAX_LINE	4096

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

static struct ime_table	*tables[3];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char	*names[3] = { "telex", "vni", "viqr" };
	struct errlist		 el;
	char			*path;
	int			 m;

	(void)argc;
	(void)argv;
	i18n_init("en");
	for (m = 0; m < 3; m++) {
		xasprintf(&path, "%s/%s.im", FUZZ_KEYMAPS_DIR, names[m]);
		errlist_init(&el);
		if ((tables[m] = ime_table_load(path, &el)) == NULL)
			fatalx("cannot load %s", path);
		errlist_free(&el);
		free(path);
	}
	return (0);
}

/* Is the code point at s part of a word for the engine? */
static int
word_char(ucs4_t uc)
{
	if (uc < 0x80)
		return ((uc >= 'a' && uc <= 'z') || (uc >= 'A' && uc <= 'Z'));
	return (uc_is_property_alphabetic(uc) ||
	    uc_is_general_category(uc, UC_CATEGORY_M));
}

/* Compose s (len bytes) with a new engine; the caller frees. */
static char *
compose(const struct ime_table *t, enum ime_style style, int flags,
    const char *s, size_t len)
{
	struct ime	*ime;
	char		*out;
	size_t		 bad;

	ime = ime_new(t, style, flags);
	out = ime_compose_line(ime, s, len, &bad);
	ime_free(ime);
	return (out);
}

/* Type line key by key, as the field editor will, checking each edit. */
static void
check_edits(struct ime *ime, const char *line, size_t len, const char *want)
{
	struct ime_edit	 ed;
	char		*text, *nfc;
	size_t		 size = len * 8 + 64, tlen = 0, off = 0, i, shown;
	ucs4_t		 uc;
	int		 n, took = 1;

	text = xmalloc(size);
	text[0] = '\0';
	ime_reset(ime);
	while (off < len) {
		n = u8_mbtouc(&uc, (const uint8_t *)line + off, len - off);
		off += n;
		shown = utf8_len(ime_word(ime));
		if (uc == 0x1b) {
			ime_escape(ime);
			continue;
		}
		if (uc == 0x7f || uc == 0x08) {
			took = ime_backspace(ime, &ed);
			if (!took) {
				assert(shown == 0);
				if (tlen == 0)
					continue;
				ed.del = 1;
				ed.text = "";
			}
		} else
			ime_key(ime, uc, &ed);
		/* An edit only touches the word before the cursor. */
		if (uc != 0x7f && uc != 0x08)
			assert(ed.del <= shown);
		else if (took)
			assert(ed.del <= shown);
		for (i = 0; i < ed.del; i++) {
			assert(tlen > 0);
			do
				tlen--;
			while (tlen > 0 && (text[tlen] & 0xc0) == 0x80);
		}
		assert(tlen + strlen(ed.text) + 1 <= size);
		memcpy(text + tlen, ed.text, strlen(ed.text) + 1);
		tlen += strlen(ed.text);
		assert(utf8_invalid(ime_word(ime), strlen(ime_word(ime))) ==
		    NULL);
	}
	shown = utf8_len(ime_word(ime));
	ime_commit(ime, &ed);
	assert(ed.del <= shown);
	for (i = 0; i < ed.del; i++) {
		do
			tlen--;
		while (tlen > 0 && (text[tlen] & 0xc0) == 0x80);
	}
	assert(tlen + strlen(ed.text) + 1 <= size);
	memcpy(text + tlen, ed.text, strlen(ed.text) + 1);
	nfc = utf8_nfc(text);
	assert(nfc != NULL && strcmp(nfc, want) == 0);
	free(nfc);
	free(text);
}

/*
 * Each run of word characters of out that holds one outside ASCII must
 * pass through: composing it gives its composed ASCII head followed by
 * the rest as it is.
 */
static void
check_pass(const struct ime_table *t, enum ime_style style, const char *out)
{
	const char	*p = out, *start, *first;
	char		*got, *head, *joined, *want;
	size_t		 len = strlen(out), nchars;
	ucs4_t		 uc;
	int		 n;

	while (*p != '\0') {
		n = u8_mbtouc(&uc, (const uint8_t *)p, len - (p - out));
		if (!word_char(uc)) {
			p += n;
			continue;
		}
		start = p;
		first = NULL;
		nchars = 0;
		while (*p != '\0') {
			n = u8_mbtouc(&uc, (const uint8_t *)p,
			    len - (p - out));
			if (!word_char(uc))
				break;
			if (uc >= 0x80 && first == NULL)
				first = p;
			p += n;
			nchars++;
		}
		if (first == NULL || nchars >= IME_WORD_MAX)
			continue;
		got = compose(t, style, IME_W_ALONE, start, p - start);
		head = compose(t, style, IME_W_ALONE, start, first - start);
		assert(got != NULL && head != NULL);
		xasprintf(&joined, "%s%.*s", head, (int)(p - first), first);
		want = utf8_nfc(joined);
		assert(want != NULL && strcmp(got, want) == 0);
		free(got);
		free(head);
		free(joined);
		free(want);
	}
}

static void
check_line(const struct ime_table *t, enum ime_style style, int flags,
    const char *line, size_t len)
{
	struct ime	*ime;
	char		*out, *again, *nfc;
	size_t		 bad;

	ime = ime_new(t, style, flags);
	out = ime_compose_line(ime, line, len, &bad);
	if (out == NULL) {
		assert(utf8_invalid(line, len) == line + bad);
		ime_free(ime);
		return;
	}
	assert(utf8_invalid(out, strlen(out)) == NULL);
	nfc = utf8_nfc(out);
	assert(strcmp(nfc, out) == 0);
	free(nfc);
	again = ime_compose_line(ime, line, len, &bad);
	assert(again != NULL && strcmp(again, out) == 0);
	free(again);
	check_edits(ime, line, len, out);
	check_pass(t, style, out);
	free(out);
	ime_free(ime);
}

/* Run every line of buf through method t. */
static void
check_lines(const struct ime_table *t, enum ime_style style, int flags,
    const char *buf, size_t len)
{
	const char	*p = buf, *nl;
	size_t		 n;

	while (p < buf + len) {
		nl = memchr(p, '\n', buf + len - p);
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(buf + len - p);
		check_line(t, style, flags, p, n > FUZZ_MAX_LINE ?
		    FUZZ_MAX_LINE : n);
		p += n + 1;
	}
}

static void
check_parser(const char *buf, size_t len)
{
	static const char	 sample[] = "Nguyeenx Thij Thuyr\n"
	    "Vie65t Nam\nDDu+'c tie^'ng\nduowidro hoangfr ass aaa\n"
	    "\x7f\x1b\\w a''+^(~.?`0123456789 w ww";
	struct errlist		 el;
	struct ime_table	*t;
	size_t			 i;

	errlist_init(&el);
	t = ime_table_parse("fuzz.im", buf, len, &el);
	if (t == NULL)
		assert(el.n > 0 || el.dropped > 0);
	else
		assert(el.n == 0);
	for (i = 0; i < el.n; i++)
		assert(strncmp(el.v[i], "fuzz.im", 7) == 0);
	errlist_free(&el);
	if (t != NULL) {
		check_lines(t, IME_STYLE_OLD, IME_W_ALONE | IME_RESTORE,
		    sample, sizeof sample - 1);
		check_lines(t, IME_STYLE_NEW, 0, sample, sizeof sample - 1);
		ime_table_free(t);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*buf = (const char *)data + 1;
	int		 mode, flags;

	if (size == 0 || size > 64 * 1024)
		return (0);
	mode = data[0];
	if (mode >= 0xf0) {
		check_parser(buf, size - 1);
		return (0);
	}
	flags = 0;
	if (mode & 0x10)
		flags |= IME_W_ALONE;
	if (mode & 0x20)
		flags |= IME_RESTORE;
	check_lines(tables[mode % 3], (mode & 0x40) ? IME_STYLE_NEW :
	    IME_STYLE_OLD, flags, buf, size - 1);
	return (0);
}
