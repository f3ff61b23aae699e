/*
 * ime-bench.c: keystrokes per second through the input method engine.
 *
 * Generates a stream of Vietnamese full names typed in Telex the way
 * clerks type them (marks in place or deferred, tones last or early),
 * then times it key by key through the editor interface (ime_key) and a
 * line at a time (ime_compose_line). Every name must come out as
 * expected, so the figure is for correct work. Run by "make bench".
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "errlist.h"
#include "i18n.h"
#include "ime.h"
#include "xmalloc.h"

#define BENCH_NAMES	200000

struct part {
	const char	*keys;
	const char	*text;
};

static const struct part surnames[] = {
	{ "Nguyeenx", "Nguyễn" }, { "Nguyenxe", "Nguyễn" },
	{ "Traanf", "Trần" }, { "Tranaf", "Trần" }, { "Lee", "Lê" },
	{ "Phamj", "Phạm" }, { "Hoangf", "Hoàng" }, { "Huyfnh", "Huỳnh" },
	{ "Phan", "Phan" }, { "Vux", "Vũ" }, { "Vox", "Võ" },
	{ "DDawngj", "Đặng" }, { "Dangwjd", "Đặng" }, { "Bufi", "Bùi" },
	{ "DDoox", "Đỗ" }, { "Hoof", "Hồ" }, { "Ngoo", "Ngô" },
	{ "Duwowng", "Dương" }, { "Duongw", "Dương" }, { "Lys", "Lý" },
	{ "Trinhj", "Trịnh" }, { "DDinh", "Đinh" }, { "Laam", "Lâm" },
	{ "Haf", "Hà" }, { "DDoanf", "Đoàn" }, { "Vuwowng", "Vương" },
	{ "Trieeuj", "Triệu" }, { "Quachs", "Quách" }, { "Luwu", "Lưu" },
	{ "Cao", "Cao" }, { "Mai", "Mai" }
};

static const struct part middles[] = {
	{ "Vawn", "Văn" }, { "Thij", "Thị" }, { "DDinhf", "Đình" },
	{ "DDuwcs", "Đức" }, { "Minh", "Minh" }, { "Ngocj", "Ngọc" },
	{ "Thanh", "Thanh" }, { "Quoocs", "Quốc" }, { "Xuaan", "Xuân" },
	{ "Hoongf", "Hồng" }, { "Kim", "Kim" }, { "Baor", "Bảo" },
	{ "Gia", "Gia" }, { "Hoaif", "Hoài" }, { "Thuys", "Thúy" }
};

static const struct part givens[] = {
	{ "An", "An" }, { "Anh", "Anh" }, { "Bifnh", "Bình" },
	{ "Chaau", "Châu" }, { "Cuwowngf", "Cường" }, { "Cuongwf", "Cường" },
	{ "Dung", "Dung" }, { "Giang", "Giang" }, { "Hair", "Hải" },
	{ "Hanhj", "Hạnh" }, { "Hieeus", "Hiếu" }, { "Hoaf", "Hòa" },
	{ "Huwowng", "Hương" }, { "Huongw", "Hương" }, { "Hungf", "Hùng" },
	{ "Huy", "Huy" }, { "Khanhs", "Khánh" }, { "Khoa", "Khoa" },
	{ "Lan", "Lan" }, { "Linh", "Linh" }, { "Loan", "Loan" },
	{ "Long", "Long" }, { "Nam", "Nam" }, { "Nga", "Nga" },
	{ "Ngaan", "Ngân" }, { "Nhung", "Nhung" }, { "Phuowng", "Phương" },
	{ "Phucs", "Phúc" }, { "Quaan", "Quân" }, { "Quyeen", "Quyên" },
	{ "Sown", "Sơn" }, { "Taam", "Tâm" }, { "Thaor", "Thảo" },
	{ "Thuyr", "Thủy" }, { "Tieesn", "Tiến" }, { "Trang", "Trang" },
	{ "Trung", "Trung" }, { "Tuaans", "Tuấn" }, { "Tuanas", "Tuấn" },
	{ "Vaan", "Vân" }, { "Vinh", "Vinh" }, { "Vieetj", "Việt" },
	{ "Vietej", "Việt" }, { "Yeens", "Yến" }, { "DDaof", "Đào" },
	{ "Nguyeetj", "Nguyệt" }, { "Uyeen", "Uyên" }, { "Hueej", "Huệ" },
	{ "Khoer", "Khỏe" }, { "Dduowngf", "Đường" }
};

#define NITEMS(a)	(sizeof (a) / sizeof *(a))

static unsigned long	rng = 0x2545f491UL;

static size_t
pick(size_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return ((size_t)(rng % n));
}

int
main(void)
{
	struct errlist		 el;
	struct ime_table	*t;
	struct ime		*ime;
	struct ime_edit		 ed;
	const struct part	*p[4];
	char			**keys, **want, *path, *out;
	size_t			 i, j, np, bad, nkeys = 0, wrong = 0;
	double			 t0, t1, t2;

	i18n_init("en");
	xasprintf(&path, "%s/telex.im", BENCH_KEYMAPS_DIR);
	errlist_init(&el);
	if ((t = ime_table_load(path, &el)) == NULL) {
		for (i = 0; i < el.n; i++)
			fprintf(stderr, "%s\n", el.v[i]);
		return (1);
	}
	errlist_free(&el);
	free(path);

	keys = xcalloc(BENCH_NAMES, sizeof *keys);
	want = xcalloc(BENCH_NAMES, sizeof *want);
	for (i = 0; i < BENCH_NAMES; i++) {
		np = 0;
		p[np++] = &surnames[pick(NITEMS(surnames))];
		for (j = pick(3); j > 0; j--)
			p[np++] = &middles[pick(NITEMS(middles))];
		p[np++] = &givens[pick(NITEMS(givens))];
		xasprintf(&keys[i], "%s", p[0]->keys);
		xasprintf(&want[i], "%s", p[0]->text);
		for (j = 1; j < np; j++) {
			out = keys[i];
			xasprintf(&keys[i], "%s %s", out, p[j]->keys);
			free(out);
			out = want[i];
			xasprintf(&want[i], "%s %s", out, p[j]->text);
			free(out);
		}
		nkeys += strlen(keys[i]) + 1;	/* and the Enter */
	}

	ime = ime_new(t, IME_STYLE_OLD, IME_W_ALONE);
	t0 = bench_now();
	for (i = 0; i < BENCH_NAMES; i++) {
		for (j = 0; keys[i][j] != '\0'; j++)
			ime_key(ime, (u_char)keys[i][j], &ed);
		ime_commit(ime, &ed);
	}
	t1 = bench_now();
	for (i = 0; i < BENCH_NAMES; i++) {
		out = ime_compose_line(ime, keys[i], strlen(keys[i]), &bad);
		if (out == NULL || strcmp(out, want[i]) != 0) {
			if (wrong++ < 5)
				fprintf(stderr, "ime-bench: '%s' gave '%s', "
				    "not '%s'\n", keys[i], out, want[i]);
		}
		free(out);
	}
	t2 = bench_now();

	printf("ime-bench: %d names typed in Telex, %zu keystrokes\n",
	    BENCH_NAMES, nkeys);
	printf("ime-bench: ime_key:          %.0f keystrokes/s (%.3f s)\n",
	    nkeys / (t1 - t0), t1 - t0);
	printf("ime-bench: ime_compose_line: %.0f keystrokes/s (%.3f s)\n",
	    nkeys / (t2 - t1), t2 - t1);
	printf("ime-bench: %zu names wrong\n", wrong);

	for (i = 0; i < BENCH_NAMES; i++) {
		free(keys[i]);
		free(want[i]);
	}
	free(keys);
	free(want);
	ime_free(ime);
	ime_table_free(t);
	return (wrong != 0);
}
