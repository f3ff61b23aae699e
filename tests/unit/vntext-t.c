/*
 * vntext-t.c: the name keys, the collation and person keys, the display
 * fallbacks and the syllable checker, on the lists in tests/vntext/.
 *
 * words-sorted.txt and names-sorted.txt were put in order with ICU's "vi"
 * collator (names field by field: given name, surname, middle names); the
 * test shuffles them and sorts them back with our keys.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "lines.h"
#include "tap.h"
#include "vntext.h"

#define DATA	TEST_DIR "/vntext/"

/* The 12 vowels in each tone (ngang huyền hỏi ngã sắc nặng), and đ. */
static const char *forms[] = {
	"aàảãáạ", "AÀẢÃÁẠ", "ăằẳẵắặ", "ĂẰẲẴẮẶ", "âầẩẫấậ", "ÂẦẨẪẤẬ",
	"eèẻẽéẹ", "EÈẺẼÉẸ", "êềểễếệ", "ÊỀỂỄẾỆ", "iìỉĩíị", "IÌỈĨÍỊ",
	"oòỏõóọ", "OÒỎÕÓỌ", "ôồổỗốộ", "ÔỒỔỖỐỘ", "ơờởỡớợ", "ƠỜỞỠỚỢ",
	"uùủũúụ", "UÙỦŨÚỤ", "ưừửữứự", "ƯỪỬỮỨỰ", "yỳỷỹýỵ", "YỲỶỸÝỴ",
	NULL
};

/* Read a test file's lines (comments and blank lines dropped). */
static char **
read_lines(const char *name, size_t *n)
{
	struct lines	  l;
	char		 *buf, *cause, **v = NULL;
	size_t		  len;

	*n = 0;
	if ((buf = lines_read_file(name, &len, &cause)) == NULL)
		bail("%s: %s", name, cause);
	lines_init(&l, buf, len);
	while (lines_next(&l)) {
		if (l.line[0] == '#' || l.line[0] == '\0')
			continue;
		v = realloc(v, (*n + 1) * sizeof *v);
		v[(*n)++] = strdup(l.line);
	}
	lines_done(&l);
	free(buf);
	return (v);
}

static void
free_lines(char **v, size_t n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}

/* Split line at tabs into at most max fields; returns how many. */
static int
split(char *line, char **f, int max)
{
	int	n = 0;

	while (n < max) {
		f[n++] = line;
		if ((line = strchr(line, '\t')) == NULL)
			break;
		*line++ = '\0';
	}
	return (n);
}

/* Decode one UTF-8 character at *s, moving *s past it. */
static uint32_t
next_cp(const char **s)
{
	const unsigned char	*p = (const unsigned char *)*s;
	uint32_t		 c;
	int			 n, i;

	if (p[0] < 0x80)
		n = 1, c = p[0];
	else if (p[0] < 0xe0)
		n = 2, c = p[0] & 0x1f;
	else if (p[0] < 0xf0)
		n = 3, c = p[0] & 0x0f;
	else
		n = 4, c = p[0] & 0x07;
	for (i = 1; i < n; i++)
		c = (c << 6) | (p[i] & 0x3f);
	*s += n;
	return (c);
}

static void
test_letters(void)
{
	struct vnletter	 l;
	const char	*s;
	uint32_t	 c, cs[200];
	int		 i, t, nonascii = 0, bad = 0, nc = 0, j;

	for (i = 0; forms[i] != NULL; i++) {
		s = forms[i];
		for (t = 0; t < 6; t++) {
			c = next_cp(&s);
			cs[nc++] = c;
			if (c >= 0x80)
				nonascii++;
			if (!vntext_letter(c, &l) || l.tone != t ||
			    l.upper != (i % 2) || vntext_compose(&l) != c) {
				diag("U+%04X does not take apart", (unsigned)c);
				bad++;
			}
		}
	}
	ok(vntext_letter(0x0111, &l) && l.mark == 'd' && !l.upper &&
	    vntext_compose(&l) == 0x0111, "đ is a letter");
	ok(vntext_letter(0x0110, &l) && l.mark == 'd' && l.upper &&
	    vntext_compose(&l) == 0x0110, "Đ is a letter");
	is_int(nonascii + 2, 134, "134 Vietnamese letters outside ASCII");
	is_int(bad, 0, "every vowel form takes apart and back");
	for (i = 0; i < nc; i++)
		for (j = i + 1; j < nc; j++)
			if (cs[i] == cs[j])
				bad++;
	is_int(bad, 0, "the 144 vowel forms are distinct");
	ok(!vntext_letter('b', &l) && !vntext_letter(0x00f1, &l) &&
	    !vntext_letter(0x00f0, &l), "b, ñ and ð are not vowels or đ");
	l.base = 'e';
	l.mark = '(';
	l.tone = VN_NGANG;
	l.upper = 0;
	is_int(vntext_compose(&l), 0, "no e with a breve");
	l.base = 'd';
	l.mark = 'd';
	l.tone = VN_SAC;
	is_int(vntext_compose(&l), 0, "no đ with a tone");
}

static void
test_keys(void)
{
	char	**v, *f[4], *k;
	size_t	  n, i;
	char	*(*fn[3])(const char *) = {
		vntext_key_loose, vntext_key_tone, vntext_key_variant
	};
	static const char *names[3] = { "loose", "tone", "variant" };
	int	  j;

	v = read_lines(DATA "keys.tsv", &n);
	ok(n >= 10, "keys.tsv has %zu lines", n);
	for (i = 0; i < n; i++) {
		if (split(v[i], f, 4) != 4) {
			ok(0, "keys.tsv line %zu has 4 fields", i + 1);
			continue;
		}
		for (j = 0; j < 3; j++) {
			k = fn[j](f[0]);
			is_string(k, f[j + 1], "%s key of '%s'", names[j], f[0]);
			free(k);
		}
	}
	free_lines(v, n);

	v = read_lines(DATA "pairs.tsv", &n);
	ok(n >= 40, "pairs.tsv has %zu pairs", n);
	for (i = 0; i < n; i++) {
		char	*ka, *kb;
		int	 same;

		if (split(v[i], f, 4) != 4) {
			ok(0, "pairs.tsv line %zu has 4 fields", i + 1);
			continue;
		}
		for (j = 0; j < 3; j++)
			if (strcmp(f[0], names[j]) == 0)
				break;
		if (j == 3)
			bail("pairs.tsv: unknown key %s", f[0]);
		same = strcmp(f[1], "=") == 0;
		ka = fn[j](f[2]);
		kb = fn[j](f[3]);
		ok((strcmp(ka, kb) == 0) == same, "%s: '%s' %s '%s'", f[0],
		    f[2], same ? "=" : "!=", f[3]);
		if ((strcmp(ka, kb) == 0) != same)
			diag("'%s' and '%s'", ka, kb);
		free(ka);
		free(kb);
	}
	free_lines(v, n);

	ok(vntext_key_loose("\xff") == NULL && vntext_key_tone("a\xc3") ==
	    NULL && vntext_key_variant("\xed\xa0\x80") == NULL &&
	    vntext_collate_key("\xff") == NULL && vntext_person_key("\xff") ==
	    NULL && vntext_to_viqr("\xff") == NULL, "invalid UTF-8 gives NULL");
	k = vntext_key_tone("Thu\xcc\x89y");	/* NFD hook above on u */
	is_string(k, "thuỷ", "NFD input is normalised first");
	free(k);
	k = vntext_key_loose("");
	is_string(k, "", "the empty string has an empty key");
	free(k);
	k = vntext_key_loose("a \xd6\xa1 b \xd6\xa1");
	is_string(k, "a b", "marks dropped leave no double or final space");
	free(k);
}

/* The strings and their keys, for qsort. */
struct sortee {
	const char	*s;
	char		*k;
};

static int
cmp_sortee(const void *a, const void *b)
{
	const struct sortee	*x = a, *y = b;

	return (strcmp(x->k, y->k));
}

/* Shuffle the list in file, sort it with key, and compare. */
static void
test_order(const char *file, char *(*key)(const char *), const char *what)
{
	struct sortee	*v;
	char		**want;
	size_t		  n, i, bad = 0;
	uint32_t	  seed = 12345;

	want = read_lines(file, &n);
	v = calloc(n, sizeof *v);
	for (i = 0; i < n; i++)
		v[i].s = want[i];
	for (i = n - 1; i > 0; i--) {
		struct sortee	tmp;
		size_t		j;

		seed = seed * 1103515245 + 12345;
		j = (seed >> 8) % (i + 1);
		tmp = v[i];
		v[i] = v[j];
		v[j] = tmp;
	}
	for (i = 0; i < n; i++)
		v[i].k = key(v[i].s);
	qsort(v, n, sizeof *v, cmp_sortee);
	for (i = 0; i < n; i++) {
		if (strcmp(v[i].s, want[i]) != 0 && bad++ < 5)
			diag("at %zu: got '%s', want '%s'", i, v[i].s, want[i]);
		if (i > 0 && strcmp(v[i - 1].k, v[i].k) == 0 && bad++ < 5)
			diag("'%s' and '%s' collate equal", v[i - 1].s, v[i].s);
	}
	ok(n >= 100, "%s: %zu entries", what, n);
	is_int((long)bad, 0, "%s: sorted like ICU's vi collator", what);
	for (i = 0; i < n; i++)
		free(v[i].k);
	free(v);
	free_lines(want, n);
}

/* Does a collate before b? */
static int
before(const char *a, const char *b, char *(*key)(const char *))
{
	char	*ka = key(a), *kb = key(b);
	int	 r = strcmp(ka, kb) < 0;

	free(ka);
	free(kb);
	return (r);
}

static void
test_collation(void)
{
	static const char *chain[] = {
		"an", "àn", "ản", "ãn", "án", "ạn", "ăn", "ằn", "ẳn", "ẵn",
		"ắn", "ặn", "ân", "ần", "ẩn", "ẫn", "ấn", "ận", "bn", "on",
		"ốn", "ơn", "ờn", "ợn", "un", "ụn", "ưn", "ừn", "ựn", NULL
	};
	char	*k, *k2;
	int	 i, bad = 0;
	size_t	 j;

	for (i = 0; chain[i + 1] != NULL; i++)
		if (!before(chain[i], chain[i + 1], vntext_collate_key)) {
			diag("'%s' does not sort before '%s'", chain[i],
			    chain[i + 1]);
			bad++;
		}
	is_int(bad, 0, "a ă â, o ô ơ, u ư with their tones in order");
	ok(before("ăn", "ặn", vntext_collate_key) &&
	    before("ăn", "ấn", vntext_collate_key),
	    "ăn before ặn and ấn (glibc's vi_VN gets this wrong)");
	ok(before("tan", "tắn", vntext_collate_key) &&
	    before("tăn", "tấn", vntext_collate_key) &&
	    before("tắn", "tân", vntext_collate_key),
	    "tan tán tăn tắn tân tấn");
	ok(before("Dương", "Đào", vntext_collate_key) &&
	    before("Đức", "Em", vntext_collate_key), "d < đ < e");
	ok(before("An Bình", "Anh", vntext_collate_key),
	    "a space sorts before letters");
	ok(before("an", "An", vntext_collate_key), "lower case first");
	ok(before("Z", "ä", vntext_collate_key) == 0 &&
	    before("a", "ä", vntext_collate_key) &&
	    before("ä", "b", vntext_collate_key),
	    "other Latin letters sort with their base letter");
	ok(before("1", "a", vntext_collate_key) &&
	    before("-", "1", vntext_collate_key) &&
	    before("z", "Ж", vntext_collate_key),
	    "symbols, digits, letters, other scripts");
	k = vntext_collate_key("Thủy");
	k2 = vntext_collate_key("Thuỷ");
	is_string(k, k2, "Thủy and Thuỷ collate equal");
	free(k2);
	for (j = 0; k[j] != '\0'; j++)
		if ((unsigned char)k[j] < 2)
			bad++;
	free(k);
	is_int(bad, 0, "no 0x00 or 0x01 bytes in a collation key");
	test_order(DATA "words-sorted.txt", vntext_collate_key, "words");

	ok(before("Trần Văn An", "Lê Thị Ánh", vntext_person_key),
	    "person key: given name first");
	ok(before("Lê Văn An", "Nguyễn An", vntext_person_key),
	    "person key: then surname");
	ok(before("Nguyễn An", "Nguyễn Văn An", vntext_person_key) &&
	    before("Nguyễn Thị An", "Nguyễn Văn An", vntext_person_key),
	    "person key: then middle names");
	ok(before("An", "Lê An", vntext_person_key),
	    "person key: a lone given name first");
	k = vntext_person_key("  Nguyễn   Văn  An ");
	k2 = vntext_person_key("Nguyễn Văn An");
	is_string(k, k2, "person key ignores extra spaces");
	free(k);
	free(k2);
	test_order(DATA "names-sorted.txt", vntext_person_key, "names");
}

static void
test_display(void)
{
	static const char *cases[][3] = {
		{ "Nguyễn", "Nguye^~n", "Nguyen" },
		{ "Đặng Văn Hoà", "DDa(.ng Va(n Hoa`", "Dang Van Hoa" },
		{ "người được", "ngu+o+`i ddu+o+.c", "nguoi duoc" },
		{ "ỨNG HỘ", "U+'NG HO^.", "UNG HO" },
		{ "Thu\xcc\x89y", "Thu?y", "Thuy" },
		{ "José € 5", "Jose' ? 5", "Jose ? 5" },
		{ "Muñoz", "Munoz", "Munoz" },
		{ NULL, NULL, NULL }
	};
	char	*v, *a;
	int	 i;

	for (i = 0; cases[i][0] != NULL; i++) {
		v = vntext_to_viqr(cases[i][0]);
		a = vntext_to_ascii(cases[i][0]);
		is_string(v, cases[i][1], "VIQR of '%s'", cases[i][0]);
		is_string(a, cases[i][2], "ASCII of '%s'", cases[i][0]);
		free(v);
		free(a);
	}
}

static void
test_syllables(void)
{
	char	**v, *f[2];
	size_t	  n, i, words, good;
	int	  want;

	v = read_lines(DATA "syllables.tsv", &n);
	ok(n >= 100, "syllables.tsv has %zu words", n);
	for (i = 0; i < n; i++) {
		if (split(v[i], f, 2) != 2)
			bail("syllables.tsv: bad line %zu", i + 1);
		want = atoi(f[1]);
		if (vntext_is_syllable(f[0], strlen(f[0])) != want)
			ok(0, "'%s' is %sa syllable", f[0], want ? "" : "not ");
		else
			ok(1, "'%s' is %sa syllable", f[0], want ? "" : "not ");
	}
	free_lines(v, n);
	good = vntext_count_syllables("Cộng hòa xã hội chủ nghĩa Việt Nam, "
	    "text 2024 ok", strlen("Cộng hòa xã hội chủ nghĩa Việt Nam, "
	    "text 2024 ok"), &words);
	is_int((long)words, 10, "ten words counted");
	is_int((long)good, 8, "eight of them Vietnamese");
	ok(!vntext_is_syllable("", 0) && !vntext_is_syllable("a\xff", 2),
	    "empty and invalid are not syllables");
}

int
main(void)
{
	i18n_init("en");
	test_letters();
	test_keys();
	test_collation();
	test_display();
	test_syllables();
	return (done_testing());
}
