/*
 * gen.c: make realistic synthetic register entries, as CSV.
 *
 *	gen --form ID [--count N] [--seed S] [--office NAME] [--year Y]
 *	    [--books N] [--dup-rate R] [--gap-rate R] [--repeat-rate R]
 *	    [--status-rate R] [--dup-log FILE] [--forms DIR]
 *	gen --names N [--seed S]
 *
 * The benchmarks, the duplicate finder's tests and the reports' tests use
 * it to get entries that look like a commune's books: Vietnamese names with
 * their real frequencies, dates that agree with each other and with the
 * book's year, registration numbers running through the books with a few
 * gaps and repeats, ethnic groups, nationalities and provinces from the
 * forms' lookup lists, personal numbers that agree with sex and birth
 * year, a share of fields marked blank, illegible or partly legible, and
 * a share of entries typed again with the mistakes clerks make. Every row
 * passes the form's validation without errors (tests/gen.sh checks).
 *
 * The header is the form's field keys in form order; with --status-rate
 * above 0 each key is followed by KEY__status (empty for a field read as
 * it is). Output depends only on the options, the forms and the current
 * year (the last year of registrations is last year), never on rand().
 */

#include "config.h"

#include <sys/types.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>
#include <unistr.h>

#include "csv.h"
#include "date.h"
#include "errlist.h"
#include "form.h"
#include "i18n.h"
#include "lookup.h"
#include "validate.h"
#include "vntext.h"
#include "xmalloc.h"

#define VALMAX		256	/* longest generated value, with its NUL */
#define RING		4096	/* earlier rows kept as duplicate sources */
#define PER_BOOK	400	/* entries in one book at most */
#define HASHSIZE	512

/* ------------------------------------------------------------------ */
/* Random numbers: splitmix64, so the output is the same everywhere. */

static uint64_t	rng_state;

static uint64_t
rnd(void)
{
	uint64_t	z;

	z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

/* A number in [0, n). */
static u_int
rn(u_int n)
{
	return ((u_int)(((rnd() >> 32) * n) >> 32));
}

/* A number in [lo, hi]. */
static int
rr(int lo, int hi)
{
	return (lo + (int)rn((u_int)(hi - lo + 1)));
}

/* True with probability p. */
static int
chance(double p)
{
	return ((double)(rnd() >> 11) * 0x1.0p-53 < p);
}

/* A weighted choice: w[] ends with 0; return an index. */
static size_t
pick_weighted(const u_int *w, u_int total)
{
	u_int	x = rn(total);
	size_t	i;

	for (i = 0; w[i] != 0; i++) {
		if (x < w[i])
			return (i);
		x -= w[i];
	}
	return (0);
}

/* ------------------------------------------------------------------ */
/* Names. Weights are per ten thousand people. */

struct wname {
	const char	*name;
	u_int		 w;
};

/* Surnames, from the usual published shares (Nguyễn about 38%). */
static const struct wname surnames[] = {
	{ "Nguyễn", 3800 }, { "Trần", 1100 }, { "Lê", 950 }, { "Phạm", 710 },
	{ "Hoàng", 300 }, { "Huỳnh", 210 }, { "Phan", 450 }, { "Vũ", 220 },
	{ "Võ", 170 }, { "Đặng", 210 }, { "Bùi", 200 }, { "Đỗ", 140 },
	{ "Hồ", 130 }, { "Ngô", 130 }, { "Dương", 100 }, { "Lý", 50 },
	{ "Đào", 80 }, { "Đoàn", 70 }, { "Trịnh", 60 }, { "Trương", 60 },
	{ "Vương", 50 }, { "Lâm", 50 }, { "Phùng", 45 }, { "Mai", 45 },
	{ "Tô", 40 }, { "Hà", 40 }, { "Tạ", 35 }, { "Đinh", 35 },
	{ "Lương", 35 }, { "Cao", 30 }, { "Quách", 25 }, { "Lưu", 25 },
	{ "Thái", 20 }, { "Châu", 20 }, { "Tăng", 15 }, { "Kiều", 15 },
	{ "Khổng", 10 }, { "La", 10 }, { "Chu", 15 }, { "Triệu", 15 },
	{ "Từ", 10 }, { "Hứa", 10 }, { "Mạc", 10 }, { "Lục", 10 },
	{ "Thân", 10 }, { "Kim", 5 }, { "Diệp", 5 }, { "Giang", 5 },
	{ "Ông", 5 }, { "Tôn", 5 }, { "Nghiêm", 5 }, { "Khúc", 5 },
	{ "Lã", 5 }, { "Âu", 5 }, { "Doãn", 5 }, { "Bạch", 5 }, { "Đàm", 5 },
	{ NULL, 0 }
};

static const char *male_middle[] = {
	"Hữu", "Đức", "Minh", "Quang", "Thanh", "Xuân", "Công", "Ngọc", "Đình",
	"Bá", "Trọng", "Gia", "Hoàng", "Anh", "Quốc", "Mạnh", "Thế", "Duy",
	"Trung", "Hải", "Nhật", "Khánh", "Tiến", "Việt", "Đăng", "Thành",
	"Tuấn", "Kim", NULL
};

static const char *female_middle[] = {
	"Ngọc", "Thanh", "Thu", "Kim", "Minh", "Hồng", "Bích", "Thùy",
	"Phương", "Mai", "Khánh", "Bảo", "Hải", "Quỳnh", "Diệu", "Hoài",
	"Thảo", "Mỹ", "Lan", "Tuyết", "Ánh", "Như", "Yến", "Gia", "Hà", "Cẩm",
	"Hoàng", "Xuân", NULL
};

/* Given names, most common first; the weight falls with the rank. */
static const char *male_given[] = {
	"Hùng", "Dũng", "Tuấn", "Nam", "Minh", "Hải", "Sơn", "Thắng", "Long",
	"Quân", "Trung", "Hiếu", "Đức", "Phong", "Tùng", "Cường", "Huy",
	"Hoàng", "Khoa", "Thành", "Bình", "Hòa", "Việt", "Anh", "Tú", "Vinh",
	"Kiên", "Lâm", "Phúc", "Hưng", "Hậu", "Thịnh", "Toàn", "Tân", "Tiến",
	"Quang", "Thái", "Khánh", "Định", "Đạt", "Lợi", "Tài", "Trí", "Nghĩa",
	"Hiệp", "Lực", "Mạnh", "Chiến", "Công", "Dương", "Giang", "Khải",
	"Khang", "Khôi", "Kiệt", "Lộc", "Luân", "Nhân", "Nhật", "Phát", "Quý",
	"Quyết", "Sang", "Tâm", "Thạch", "Thiện", "Thọ", "Thông", "Thuận",
	"Tín", "Toản", "Trọng", "Trường", "Tuệ", "Uy", "Vũ", "Xuân", "An",
	"Bảo", "Duy", "Đông", "Hào", "Hiển", "Hoan", "Huân", "Khiêm", "Nguyên",
	"Quốc", "Sĩ", "Thanh", "Triều", "Tường", "Vĩnh", "Thụy", "Đoàn",
	"Hợp", "Kha", "Lễ", "Ngọc", "Pháp", "Quyền", "Sỹ", "Thế", "Thiệu",
	"Thục", "Tráng", "Tứ", "Vượng", "Yên", NULL
};

static const char *female_given[] = {
	"Linh", "Hương", "Lan", "Thủy", "Hoa", "Mai", "Anh", "Trang", "Hằng",
	"Hà", "Ngọc", "Nga", "Phương", "Thảo", "Huyền", "Hạnh", "Hiền",
	"Hồng", "Yến", "Nhung", "Dung", "Thu", "Oanh", "Loan", "Liên", "Thúy",
	"Vân", "Trinh", "Hòa", "Nhàn", "Tuyết", "Quyên", "Diệp", "Giang",
	"My", "Ly", "Nhi", "Vy", "Châu", "Uyên", "Tâm", "Thơ", "Trâm", "Xuân",
	"Thắm", "Huệ", "Lệ", "Lụa", "Mơ", "Nguyệt", "Nhài", "Phượng",
	"Quỳnh", "Sen", "Thanh", "Thoa", "Thư", "Thương", "Tình", "Trúc",
	"Tươi", "Vui", "Ánh", "Bích", "Chi", "Diễm", "Duyên", "Gấm", "Hạ",
	"Hân", "Kim", "Khánh", "Lài", "Lam", "Liễu", "Mến", "Minh", "Như",
	"Phúc", "Quế", "Sương", "Thùy", "Thêu", "Tuyền", "Vi", "Ngân", "Na",
	"Dịu", "Hoài", "Hiên", "Ngà", "Nhạn", "Khuyên", "Thụy", "Mỹ", "Hảo",
	"Hường", "Lợi", "Nhị", "Tám", "Thìn", "Hợi", "Mùi", "Út", "Cúc",
	"Đào", "Lựu", "Mận", NULL
};

/* Spellings the same name is also written with. */
static const char *variants[][2] = {
	{ "Thủy", "Thuỷ" }, { "Thúy", "Thuý" }, { "Thùy", "Thuỳ" },
	{ "Thụy", "Thuỵ" }, { "Hòa", "Hoà" }, { "Quý", "Quí" },
	{ "Lý", "Lí" }, { "Mỹ", "Mĩ" }, { "Sỹ", "Sĩ" }, { NULL, NULL }
};

static u_int	 surname_w[sizeof surnames / sizeof surnames[0]];
static u_int	 surname_total;
static u_int	*male_w, *female_w, male_total, female_total;

/* Weights falling as 1/(rank + 10): a few common names, a long tail. */
static u_int *
rank_weights(const char **names, u_int *total)
{
	u_int	*w;
	size_t	 n, i;

	for (n = 0; names[n] != NULL; n++)
		;
	w = xcalloc(n + 1, sizeof *w);
	*total = 0;
	for (i = 0; i < n; i++) {
		w[i] = 100000 / (u_int)(i + 11);
		*total += w[i];
	}
	return (w);
}

static void
names_init(void)
{
	size_t	i;

	for (i = 0; surnames[i].name != NULL; i++) {
		surname_w[i] = surnames[i].w;
		surname_total += surnames[i].w;
	}
	male_w = rank_weights(male_given, &male_total);
	female_w = rank_weights(female_given, &female_total);
}

/* A spelling variant of one syllable now and then. */
static const char *
respell(const char *s, double rate)
{
	size_t	i;

	if (!chance(rate))
		return (s);
	for (i = 0; variants[i][0] != NULL; i++)
		if (strcmp(s, variants[i][0]) == 0)
			return (variants[i][1]);
	return (s);
}

static const char *
surname(void)
{
	return (respell(surnames[pick_weighted(surname_w,
	    surname_total)].name, 0.03));
}

/* A middle name: older people are more often Văn or Thị. */
static const char *
middle(int female, int born)
{
	double	old;
	size_t	n;

	old = born < 1960 ? 0.75 : born < 1980 ? 0.6 : born < 2000 ? 0.4 :
	    0.15;
	if (female)
		old += 0.05;
	if (chance(old))
		return (female ? "Thị" : "Văn");
	for (n = 0; (female ? female_middle : male_middle)[n] != NULL; n++)
		;
	return (respell((female ? female_middle : male_middle)[rn((u_int)n)],
	    0.03));
}

static const char *
given(int female)
{
	if (female)
		return (respell(female_given[pick_weighted(female_w,
		    female_total)], 0.03));
	return (respell(male_given[pick_weighted(male_w, male_total)], 0.03));
}

/* A full name into buf, with the surname sur (or a random one). */
static void
full_name(char *buf, size_t len, const char *sur, int female, int born)
{
	if (sur == NULL)
		sur = surname();
	if (chance(0.02))
		snprintf(buf, len, "%s %s", sur, given(female));
	else if (female && chance(0.12))
		snprintf(buf, len, "%s Thị %s %s", sur,
		    female_middle[rn(20)], given(female));
	else
		snprintf(buf, len, "%s %s %s", sur, middle(female, born),
		    given(female));
}

/* The surname of a full name, into buf. */
static void
surname_of(const char *name, char *buf, size_t len)
{
	size_t	n = strcspn(name, " ");

	snprintf(buf, len, "%.*s", (int)n, name);
}

/* Foreign spouses' names, as the books write them. */
static const char *foreign_names[] = {
	"Kim Min Jun", "Lee Seung Ho", "Park Ji Hoon", "Choi Young Soo",
	"Chen Wei", "Wang Jian", "Lin Chih Hao", "Zhang Ming", "Tanaka Hiroshi",
	"John Smith", "David Miller", "Pierre Martin", "Somchai Sitthi",
	NULL
};

/* ------------------------------------------------------------------ */
/* Words for dates, as "Ngày sinh bằng chữ" writes them. */

static const char *digit_words[] = {
	"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"
};

/* n (0..99) in words, appended to buf. */
static void
words99(char *buf, size_t len, int n, int inner)
{
	size_t	o = strlen(buf);
	int	t = n / 10, u = n % 10;

	if (t == 0) {
		snprintf(buf + o, len - o, "%s%s", inner && n != 0 ? "linh " :
		    "", digit_words[u]);
		return;
	}
	if (t == 1)
		snprintf(buf + o, len - o, "mười");
	else
		snprintf(buf + o, len - o, "%s mươi", digit_words[t]);
	o = strlen(buf);
	if (u == 0)
		return;
	if (u == 1 && t > 1)
		snprintf(buf + o, len - o, " mốt");
	else if (u == 4 && t > 1)
		snprintf(buf + o, len - o, " tư");
	else if (u == 5)
		snprintf(buf + o, len - o, " lăm");
	else
		snprintf(buf + o, len - o, " %s", digit_words[u]);
}

/* A date in words: "Ngày mười lăm tháng ba năm một nghìn ...". */
static void
date_words(char *buf, size_t len, int y, int m, int d)
{
	size_t	o;

	snprintf(buf, len, "Ngày ");
	words99(buf, len, d, 0);
	o = strlen(buf);
	snprintf(buf + o, len - o, " tháng %s năm %s nghìn ",
	    m == 4 ? "tư" : m == 10 ? "mười" : m == 11 ? "mười một" :
	    m == 12 ? "mười hai" : digit_words[m], digit_words[y / 1000]);
	o = strlen(buf);
	snprintf(buf + o, len - o, "%s trăm ", digit_words[(y / 100) % 10]);
	if (y % 100 != 0)
		words99(buf, len, y % 100, 1);
	else {
		o = strlen(buf);
		if (o > 0)
			buf[o - 1] = '\0';
	}
}

/* ------------------------------------------------------------------ */
/* Places. */

static const char *communes[] = {
	"Tân Lập", "Hồng Phong", "Quang Trung", "Đông Hưng", "Hòa Bình",
	"An Khánh", "Phú Mỹ", "Thanh Xuân", "Minh Khai", "Yên Sở", "Tiên Phong",
	"Đại Đồng", "Nghĩa Hưng", "Xuân Lâm", "Phúc Thịnh", "Vĩnh Ninh",
	"Tam Hiệp", "Kim Sơn", "Long Hòa", "Bình Minh", NULL
};

static const char *districts[] = {
	"Đan Phượng", "Thanh Oai", "Gia Lâm", "Yên Mỹ", "Kim Bảng", "Nghĩa Đàn",
	"Hương Sơn", "Tư Nghĩa", "Châu Thành", "Cái Bè", "Đức Hòa",
	"Hải Hậu", "Thạch Thất", "Lục Nam", "Tiên Du", "Bình Lục", NULL
};

static const char *death_causes[] = {
	"Bệnh già", "Bệnh già", "Bệnh già", "Ung thư", "Tai biến mạch máu não",
	"Đột quỵ", "Bệnh tim", "Tai nạn giao thông", "Suy hô hấp",
	"Bệnh phổi", "Đuối nước", "Xơ gan", "Tiểu đường", NULL
};

static size_t
count(const char **v)
{
	size_t	n;

	for (n = 0; v[n] != NULL; n++)
		;
	return (n);
}

static const char *
any(const char **v)
{
	return (v[rn((u_int)count(v))]);
}

/* ------------------------------------------------------------------ */
/* The generator. */

struct gen {
	const struct form	*f;
	size_t			 nf;
	char			(*val)[VALMAX];
	enum field_status	*st;
	const char		**out;		/* the CSV row */

	struct {
		const char	*key;
		int		 idx;
	}			 hash[HASHSIZE];

	/* Options. */
	size_t			 count;
	const char		*office;
	int			 year0, year1;
	int			 books;
	double			 dup_rate, gap_rate, repeat_rate, status_rate;
	FILE			*duplog;

	/* Lookup values. */
	const struct lookup	*dan_toc, *quoc_tich, *tinh;
	const char		*kinh, *vn;
	const char		*family;	/* a family's ethnic group */
	char			 prov3[4];	/* id12 province */
	char			 prov_code[8];	/* ma_tinh_lich_su */
	char			 prov_name[64];
	const char		*district;
	const char		*commune;

	/* The register's sequence. */
	int			 year;
	size_t			 in_year, year_rows;
	int			 book, nbooks, book_first;
	int			 number;
	int			 style;		/* how quyen_so is written */
	struct vdate		 today;

	/* Earlier rows, for duplicates. */
	char			**ring;		/* values joined by NULs */
	enum field_status	**ring_st;
	size_t			 row;		/* rows written */

	size_t			 dups, checks_failed;
};

/* FNV-1a. */
static u_int
hash_key(const char *s)
{
	uint32_t	h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (u_char)*s++) * 16777619u;
	return (h % HASHSIZE);
}

static void
hash_init(struct gen *g)
{
	size_t	i;
	u_int	h;

	for (i = 0; i < HASHSIZE; i++)
		g->hash[i].key = NULL;
	for (i = 0; i < g->nf; i++) {
		h = hash_key(g->f->fields[i].key);
		while (g->hash[h].key != NULL)
			h = (h + 1) % HASHSIZE;
		g->hash[h].key = g->f->fields[i].key;
		g->hash[h].idx = (int)i;
	}
}

/* The index of field key, or -1 if the form has none. */
static int
fi(const struct gen *g, const char *key)
{
	u_int	h = hash_key(key);

	while (g->hash[h].key != NULL) {
		if (strcmp(g->hash[h].key, key) == 0)
			return (g->hash[h].idx);
		h = (h + 1) % HASHSIZE;
	}
	return (-1);
}

/* Format a value into v; "%s", the commonest, without printf. */
static void
put(char *v, const char *fmt, va_list ap)
{
	const char	*s;
	size_t		 len;

	if (strcmp(fmt, "%s") != 0) {
		vsnprintf(v, VALMAX, fmt, ap);
		return;
	}
	s = va_arg(ap, const char *);
	len = strlen(s);
	if (len >= VALMAX)
		len = VALMAX - 1;
	memmove(v, s, len);
	v[len] = '\0';
}

static void set(struct gen *, const char *, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* Set field key (if the form has it) to a formatted value. */
static void
set(struct gen *g, const char *key, const char *fmt, ...)
{
	va_list	ap;
	int	i;

	if ((i = fi(g, key)) < 0)
		return;
	va_start(ap, fmt);
	put(g->val[i], fmt, ap);
	va_end(ap);
}

/* Set field PREFIX_SUFFIX. */
static void pset(struct gen *, const char *, const char *, const char *,
    ...) __attribute__((format(printf, 4, 5)));

static void
pset(struct gen *g, const char *prefix, const char *suffix, const char *fmt,
    ...)
{
	char	key[FORM_KEY_MAX + 16];
	va_list	ap;
	size_t	pl = strlen(prefix), sl = strlen(suffix);
	int	i;

	if (pl + sl + 2 > sizeof key)
		return;
	memcpy(key, prefix, pl);
	key[pl] = '_';
	memcpy(key + pl + 1, suffix, sl + 1);
	if ((i = fi(g, key)) < 0)
		return;
	va_start(ap, fmt);
	put(g->val[i], fmt, ap);
	va_end(ap);
}

static const char *
get(const struct gen *g, const char *key)
{
	int	i = fi(g, key);

	return (i < 0 ? "" : g->val[i]);
}

/* A lookup list of the form, by name. */
static const struct lookup *
form_list(const struct form *f, const char *name)
{
	size_t	i;

	for (i = 0; i < f->nlookups; i++)
		if (strcmp(f->lookups[i].name, name) == 0)
			return (f->lookups[i].list);
	return (NULL);
}

/* The name of the entry with code in list lu, or NULL. */
static const char *
list_name(const struct lookup *lu, const char *code)
{
	size_t	i;

	if (lu == NULL)
		return (NULL);
	for (i = 0; i < lu->n; i++)
		if (strcmp(lu->v[i].code, code) == 0)
			return (lu->v[i].name);
	return (NULL);
}

/* Ethnic groups (codes of the list) by their share (per ten thousand). */
static const struct wname ethnic[] = {
	{ "01", 8530 }, { "02", 190 }, { "03", 190 }, { "06", 150 },
	{ "08", 140 }, { "05", 140 }, { "07", 110 }, { "09", 90 },
	{ "04", 80 }, { "10", 50 }, { "12", 40 }, { "13", 30 }, { "17", 20 },
	{ "14", 20 }, { "18", 20 }, { "16", 20 }, { "15", 20 }, { "19", 15 },
	{ "20", 15 }, { "24", 10 }, { "25", 10 }, { "22", 10 }, { "23", 10 },
	{ "26", 10 }, { NULL, 0 }
};
static u_int	ethnic_w[sizeof ethnic / sizeof ethnic[0]], ethnic_total;

static const char *
ethnic_group(const struct gen *g)
{
	const char	*name;

	name = list_name(g->dan_toc, ethnic[pick_weighted(ethnic_w,
	    ethnic_total)].name);
	return (name != NULL ? name : g->kinh);
}

static const char *foreign_codes[] = {
	"KR", "CN", "TW", "JP", "US", "FR", "LA", "KH", "TH", "AU", NULL
};

static const char *
foreign_country(const struct gen *g)
{
	const char	*name = list_name(g->quoc_tich, any(foreign_codes));

	return (name != NULL ? name : g->vn);
}

/* The 63 province codes of personal numbers and their names. */
static const struct {
	const char	*code;
	const char	*name;
} provinces[] = {
	{ "01", "Hà Nội" }, { "26", "Vĩnh Phúc" }, { "27", "Bắc Ninh" },
	{ "30", "Hải Dương" }, { "31", "Hải Phòng" }, { "33", "Hưng Yên" },
	{ "34", "Thái Bình" }, { "35", "Hà Nam" }, { "36", "Nam Định" },
	{ "37", "Ninh Bình" }, { "38", "Thanh Hóa" }, { "40", "Nghệ An" },
	{ "42", "Hà Tĩnh" }, { "44", "Quảng Bình" }, { "49", "Quảng Nam" },
	{ "52", "Bình Định" }, { "79", "Hồ Chí Minh" }, { "80", "Long An" },
	{ "82", "Tiền Giang" }, { "83", "Bến Tre" }, { "89", "An Giang" },
	{ "92", "Cần Thơ" }, { "24", "Bắc Giang" }, { "25", "Phú Thọ" },
	{ NULL, NULL }
};

/* A 12-digit personal number: province, century and sex, year, random. */
static void
id12(char *buf, size_t len, const char *prov3, int female, int born)
{
	snprintf(buf, len, "%s%d%02d%06u", prov3,
	    (born / 100 - 19) * 2 + female, born % 100, rn(1000000));
}

static int
can_id12(int born)
{
	return (born >= 1900 && born <= 2099);
}

static void
fmt_date(char *buf, size_t len, long day)
{
	struct vdate	d;

	date_from_daynum(day, &d);
	snprintf(buf, len, "%02d/%02d/%04d", d.day, d.month, d.year);
}

static int
year_of(long day)
{
	struct vdate	d;

	date_from_daynum(day, &d);
	return (d.year);
}

/* A date written as the book gives it: old books sometimes in part. */
static void
book_date(const struct gen *g, char *buf, size_t len, long day)
{
	struct vdate	d;

	date_from_daynum(day, &d);
	if (g->year < 1975 && chance(0.08))
		snprintf(buf, len, "%04d", d.year);
	else if (g->year < 1990 && chance(0.04))
		snprintf(buf, len, "%02d/%04d", d.month, d.year);
	else
		snprintf(buf, len, "%02d/%02d/%04d", d.day, d.month, d.year);
}

static void
address(const struct gen *g, char *buf, size_t len, int local)
{
	if (local || chance(0.8))
		snprintf(buf, len, "%s %d, xã %s, huyện %s, tỉnh %s",
		    chance(0.5) ? "Thôn" : "Xóm", rr(1, 12), g->commune,
		    g->district, g->prov_name);
	else
		snprintf(buf, len, "xã %s, huyện %s, tỉnh %s", any(communes),
		    any(districts), provinces[rn(24)].name);
}

/* Identity papers of a person born on day born, as the book notes them. */
static void
document(struct gen *g, const char *p, long born, const char *id)
{
	char	d[16];
	long	issued;

	if (g->year < 2000 || g->year - year_of(born) < 16 || !chance(0.7))
		return;
	if (g->year >= 2016 && *id != '\0' && chance(0.6)) {
		pset(g, p, "loai_giay_to", "4");
		pset(g, p, "so_giay_to", "%s", id);
	} else if (chance(0.03)) {
		pset(g, p, "loai_giay_to", "2");
		pset(g, p, "so_giay_to", "%c%07u", "BCN"[rn(3)], rn(10000000));
	} else {
		pset(g, p, "loai_giay_to", "1");
		pset(g, p, "so_giay_to", "%03u%06u", rn(400), rn(1000000));
	}
	issued = date_daynum(g->year, 1, 1) - rr(30, 365 * 10);
	if (chance(0.5) && issued >= born + 14 * 365) {
		fmt_date(d, sizeof d, issued);
		pset(g, p, "ngay_cap", "%s", d);
		pset(g, p, "noi_cap", "Công an tỉnh %s", g->prov_name);
	}
}

/*
 * A person: name, sex, birth (full date, or year only where the form has
 * a year field and the book is old), ethnic group, nationality, residence,
 * papers and personal number, under field prefix p. born is the birth day
 * number. Returns nothing; the fields the form lacks are skipped.
 */
static void
person(struct gen *g, const char *p, const char *name, int female,
    long born, int year_only, int local)
{
	char	buf[VALMAX], id[16] = "";
	int	by = year_of(born);

	pset(g, p, "ho_ten", "%s", name);
	pset(g, p, "gioi_tinh", "%d", female ? 2 : 1);
	if (year_only) {
		pset(g, p, "nam_sinh", "%d", by);
	} else {
		book_date(g, buf, sizeof buf, born);
		pset(g, p, "ngay_sinh", "%s", buf);
	}
	pset(g, p, "dan_toc", "%s", g->family != NULL && chance(0.95) ?
	    g->family : ethnic_group(g));
	pset(g, p, "quoc_tich", "%s", g->vn);
	if (local || chance(0.6)) {
		pset(g, p, "loai_cu_tru", "%d", chance(0.95) ? 1 : 2);
		address(g, buf, sizeof buf, local);
		pset(g, p, "noi_cu_tru", "%s", buf);
	}
	if (g->year >= 1998 && chance(0.5)) {
		snprintf(buf, sizeof buf, "xã %s, huyện %s, tỉnh %s",
		    chance(0.7) ? g->commune : any(communes),
		    chance(0.7) ? g->district : any(districts),
		    chance(0.8) ? g->prov_name : provinces[rn(24)].name);
		pset(g, p, "que_quan", "%s", buf);
	}
	if (g->year >= 2016 && can_id12(by) && chance(0.85)) {
		id12(id, sizeof id, chance(0.8) ? g->prov3 :
		    "001", female, by);
		pset(g, p, "so_dinh_danh", "%s", id);
	}
	document(g, p, born, id);
}

/* ------------------------------------------------------------------ */
/* The book: office, year, book, number, page and date of each entry. */

static const char *
generation(int year)
{
	return (year < 1961 ? "TRUOC_1961" : year < 1998 ? "1961" :
	    year < 2006 ? "1998" : year < 2010 ? "2006" : year < 2016 ?
	    "2010" : year < 2020 ? "2016" : "2020");
}

/* Move to the next entry of the book; set the header fields. */
static void
next_entry(struct gen *g)
{
	size_t		 nyears = (size_t)(g->year1 - g->year0 + 1);
	size_t		 y;
	long		 jan1, day;
	int		 book, per_page;
	char		 q[64];

	/* Spread the rows evenly over the years. */
	if (g->row == 0 || g->in_year == g->year_rows) {
		y = g->row == 0 ? 0 : (size_t)(g->year - g->year0 + 1);
		while (y < nyears && (g->count * (y + 1)) / nyears ==
		    (g->count * y) / nyears)
			y++;
		if (y >= nyears)
			y = nyears - 1;
		g->year = g->year0 + (int)y;
		g->year_rows = (g->count * (y + 1)) / nyears -
		    (g->count * y) / nyears;
		if (g->year_rows == 0)
			g->year_rows = 1;
		g->in_year = 0;
		g->nbooks = (int)((g->year_rows + PER_BOOK - 1) / PER_BOOK);
		if (g->nbooks < g->books)
			g->nbooks = g->books;
		g->book = -1;
		g->number = 0;
		g->style = (int)rn(10);
	}
	book = (int)((g->in_year * (size_t)g->nbooks) / g->year_rows);
	if (book != g->book) {
		g->book = book;
		if (book > 0 && chance(0.1))
			g->number = 0;	/* a new book numbered from 01 */
		g->book_first = g->number + 1;
	}
	g->number++;
	if (g->number > 1 && chance(g->gap_rate))
		g->number++;
	else if (g->number > 2 && chance(g->repeat_rate))
		g->number--;

	jan1 = date_daynum(g->year, 1, 1);
	day = jan1 + (long)((g->in_year * (size_t)(date_is_leap(g->year) ?
	    366 : 365)) / g->year_rows);
	g->in_year++;

	set(g, "co_quan_dang_ky", "%s", g->office);
	set(g, "cap_co_quan", "XA");
	if (chance(0.8))
		set(g, "ma_tinh_lich_su", "%s", g->prov_code);
	set(g, "nguon_so", "BAN_GOC");
	set(g, "the_he_mau", "%s", generation(g->year));
	if (g->style < 6)
		snprintf(q, sizeof q, "%02d", book + 1);
	else if (g->style < 9)
		snprintf(q, sizeof q, "%02d/%d", book + 1, g->year);
	else
		snprintf(q, sizeof q, "%02d-TP/HT-%d-%s", book + 1, g->year,
		    g->f->reg);
	set(g, "quyen_so", "%s", q);
	set(g, "nam_dang_ky", "%d", g->year);
	if (g->style == 3 && g->year < 2000)
		set(g, "so", "%02d/%d", g->number, g->year);
	else
		set(g, "so", "%d", g->number);
	per_page = strcmp(g->f->id, "kh") == 0 ? 1 : 2;
	if (g->number >= g->book_first)
		set(g, "trang_so", "%d", (g->number - g->book_first) /
		    per_page + 1);
	fmt_date(q, sizeof q, day);
	set(g, "ngay_dang_ky", "%s", q);

	/* Who signed and who wrote it change every few years. */
	set(g, "chuc_vu_nguoi_ky", "%s", (g->year / 3 + g->book) % 4 == 0 ?
	    "Phó Chủ tịch UBND xã" : "Chủ tịch UBND xã");
	set(g, "trang_thai_ban_ghi", "%s", chance(0.995) ? "BINH_THUONG" :
	    chance(0.5) ? "DA_GACH_BO" : "GHI_SUA");
	set(g, "anh_trang", "%s_%d_%02d_%04d.pdf", g->f->reg, g->year,
	    book + 1, g->number);
}

/* The signer and the clerk of year y, the same for a run of years. */
static void
officials(struct gen *g)
{
	uint64_t	save = rng_state;
	char		buf[VALMAX];

	rng_state = 0x5eed0000ULL + (uint64_t)(g->year / 5) * 7919;
	full_name(buf, sizeof buf, NULL, 0, g->year - 45);
	if (strcmp(get(g, "chuc_vu_nguoi_ky"), "Chủ tịch UBND xã") != 0)
		full_name(buf, sizeof buf, NULL, chance(0.3), g->year - 40);
	set(g, "nguoi_ky", "%s", buf);
	rng_state = 0xc1e4000ULL + (uint64_t)(g->year / 7) * 104729;
	full_name(buf, sizeof buf, NULL, chance(0.6), g->year - 30);
	set(g, "nguoi_thuc_hien", "%s", buf);
	rng_state = save;
}

static long
reg_day(const struct gen *g)
{
	struct vdate	d;
	const char	*s = get(g, "ngay_dang_ky");

	d.day = atoi(s);
	d.month = atoi(s + 3);
	d.year = atoi(s + 6);
	return (date_daynum(d.year, d.month, d.day));
}

/* Set field key to the date of day number day in words. */
static void
set_date_words(struct gen *g, const char *key, long day)
{
	struct vdate	d;
	char		buf[VALMAX];

	date_from_daynum(day, &d);
	date_words(buf, sizeof buf, d.year, d.month, d.day);
	set(g, key, "%s", buf);
}

/* A foreign registration, for the "registered abroad" entries. */
static void
abroad(struct gen *g, long before)
{
	char	d[16];

	set(g, "nn_so", "%u/%d", rn(900) + 1, year_of(before));
	fmt_date(d, sizeof d, before);
	set(g, "nn_ngay", "%s", d);
	set(g, "nn_quoc_gia", "%s", foreign_country(g));
	set(g, "nn_co_quan", "Cơ quan đăng ký hộ tịch nước sở tại");
}

/* ------------------------------------------------------------------ */
/* The five registers. */

static void
gen_ks(struct gen *g)
{
	char	 buf[VALMAX], sur[64], fa[VALMAX], mo[VALMAX];
	long	 reg = reg_day(g), born, mborn, fborn;
	int	 female = chance(0.485), lks, loai, late, delay;

	/* How late: most within the 60 (earlier 30) days. */
	late = chance(0.12);
	if (!late)
		delay = rr(1, g->year < 1999 ? 30 : 60);
	else
		delay = chance(0.7) ? rr(61, 3 * 365) : rr(365, 40 * 365);
	born = reg - delay;
	loai = late ? (g->year >= 2006 || chance(0.5) ? 4 : 6) : 1;
	if (chance(0.01))
		loai = 2;
	else if (chance(0.003))
		loai = 3;
	else if (chance(0.005))
		loai = 6;
	set(g, "loai_dang_ky", "%d", loai);
	if (loai == 3)
		abroad(g, born + rr(1, delay > 2 ? delay - 1 : 1));

	lks = chance(0.94) ? 1 : chance(0.85) ? 3 : chance(0.5) ? 2 :
	    chance(0.5) ? 4 : 5;
	set(g, "loai_khai_sinh", "%d", lks);

	mborn = born - rr(18 * 365, 38 * 365);
	fborn = mborn - rr(-2 * 365, 8 * 365);
	full_name(fa, sizeof fa, NULL, 0, year_of(fborn));
	full_name(mo, sizeof mo, NULL, 1, year_of(mborn));
	g->family = ethnic_group(g);
	if (lks == 1 || lks == 2)
		surname_of(fa, sur, sizeof sur);
	else
		surname_of(mo, sur, sizeof sur);
	full_name(buf, sizeof buf, lks == 4 || lks == 5 ? NULL : sur, female,
	    year_of(born));
	person(g, "nks", buf, female, born, 0, 1);
	if (chance(0.4))
		set_date_words(g, "nks_ngay_sinh_bang_chu", born);
	if (chance(0.6))
		set(g, "nks_noi_sinh", "Trạm y tế xã %s", g->commune);
	else if (chance(0.7))
		set(g, "nks_noi_sinh", "Bệnh viện đa khoa huyện %s",
		    g->district);
	else {
		address(g, buf, sizeof buf, 1);
		set(g, "nks_noi_sinh", "%s", buf);
	}
	if (chance(0.7))
		set(g, "nks_noi_sinh_tinh", "%s", g->prov_name);

	if (lks == 1 || lks == 3) {
		person(g, "me", mo, 1, mborn, 1, 1);
		if (g->year >= 2010 && chance(0.3)) {
			fmt_date(buf, sizeof buf, mborn);
			set(g, "me_ngay_sinh", "%s", buf);
		}
	}
	if (lks == 1 || lks == 2) {
		person(g, "cha", fa, 0, fborn, 1, 1);
		if (g->year >= 2010 && chance(0.3)) {
			fmt_date(buf, sizeof buf, fborn);
			set(g, "cha_ngay_sinh", "%s", buf);
		}
	}
	if (lks == 1 || lks == 2 ? chance(0.7) : 0) {
		set(g, "nyc_ho_ten", "%s", fa);
		set(g, "nyc_quan_he", "Cha");
	} else if (lks != 4 && lks != 5) {
		set(g, "nyc_ho_ten", "%s", mo);
		set(g, "nyc_quan_he", "Mẹ");
	} else {
		full_name(buf, sizeof buf, NULL, chance(0.5), year_of(born) -
		    50);
		set(g, "nyc_ho_ten", "%s", buf);
		set(g, "nyc_quan_he", "%s", chance(0.5) ? "Ông" : "Bà");
	}
	if (chance(0.0005)) {
		set(g, "mat_tich", "1");
		fmt_date(buf, sizeof buf, reg);
		set(g, "mat_tich_ngay", "%s", buf);
		set(g, "mat_tich_can_cu", "Quyết định số %u/%d/QĐST-DS của "
		    "Tòa án nhân dân huyện %s", rn(200) + 1, g->year,
		    g->district);
	}
	g->family = NULL;
}

static void
gen_kt(struct gen *g)
{
	char	 buf[VALMAX], rel[VALMAX];
	long	 reg = reg_day(g), death, born;
	int	 female = chance(0.47), age, delay, late, yo, kin;

	late = chance(0.1);
	delay = late ? rr(16, 3 * 365) : rr(0, 15);
	death = reg - delay;
	if (chance(0.03))
		age = rr(0, 4);
	else if (chance(0.1))
		age = rr(5, 49);
	else
		age = rr(50, 99);
	born = death - (long)age * 365 - rr(0, 364);
	if (born > death)
		born = death;
	yo = (g->year < 2000 && chance(0.6)) || chance(0.2);
	set(g, "loai_dang_ky", "%d", late ? (g->year >= 2006 ? 4 : 6) :
	    (chance(0.99) ? 1 : 6));
	full_name(buf, sizeof buf, NULL, female, year_of(born));
	person(g, "nkt", buf, female, born, yo, 1);
	fmt_date(buf, sizeof buf, death);
	set(g, "nkt_ngay_chet", "%s", buf);
	if (chance(0.3))
		set_date_words(g, "nkt_ngay_chet_bang_chu", death);
	if (chance(0.5))
		set(g, "nkt_gio_phut_chet", "%02d:%02d", rr(0, 23),
		    rr(0, 11) * 5);
	if (chance(0.7))
		set(g, "nkt_noi_chet", "Tại nhà, %s %d, xã %s", chance(0.5) ?
		    "thôn" : "xóm", rr(1, 12), g->commune);
	else
		set(g, "nkt_noi_chet", "Bệnh viện đa khoa tỉnh %s",
		    g->prov_name);
	if (chance(0.6))
		set(g, "nkt_nguyen_nhan_chet", "%s", age >= 75 ?
		    "Bệnh già" : any(death_causes));
	if (g->year >= 2006 && chance(0.6)) {
		set(g, "gbt_loai", "1");
		set(g, "gbt_so", "%u/GBT", rn(999) + 1);
		fmt_date(buf, sizeof buf, death + (delay > 0 ? rr(0,
		    delay) : 0));
		set(g, "gbt_ngay", "%s", buf);
		set(g, "gbt_co_quan", "UBND xã %s", g->commune);
	}
	/* The informant: a child, the spouse, or a parent of the young. */
	surname_of(get(g, "nkt_ho_ten"), rel, sizeof rel);
	if (age <= 30) {
		kin = chance(0.5);
		set(g, "nyc_quan_he", "%s", kin ? "Mẹ" : "Cha");
		full_name(buf, sizeof buf, kin ? NULL : rel, kin,
		    year_of(born) - 27);
	} else if (chance(0.7)) {
		kin = chance(0.5);
		set(g, "nyc_quan_he", "Con");
		full_name(buf, sizeof buf, female ? NULL : rel, kin,
		    year_of(born) + 27);
	} else {
		set(g, "nyc_quan_he", "%s", female ? "Chồng" : "Vợ");
		full_name(buf, sizeof buf, NULL, !female, year_of(born));
	}
	set(g, "nyc_ho_ten", "%s", buf);
}

static void
gen_kh(struct gen *g)
{
	char	 buf[VALMAX];
	long	 reg = reg_day(g), wb, hb, lo;
	int	 loai, yo, foreign;

	loai = chance(0.985) ? 1 : chance(0.6) ? 2 : chance(0.5) ? 3 : 6;
	set(g, "loai_dang_ky", "%d", loai);
	wb = reg - rr(18 * 365 + 10, 35 * 365);
	hb = wb - rr(-3 * 365, 8 * 365);
	if (hb > reg - 20 * 365 - 10)
		hb = reg - 20 * 365 - rr(10, 900);
	yo = g->year < 1990 && chance(0.5);
	foreign = chance(0.01);

	full_name(buf, sizeof buf, NULL, 1, year_of(wb));
	person(g, "vo", buf, 1, wb, yo, 1);
	if (foreign) {
		snprintf(buf, sizeof buf, "%s", any(foreign_names));
		set(g, "chong_ho_ten", "%s", buf);
		fmt_date(buf, sizeof buf, hb);
		set(g, "chong_ngay_sinh", "%s", buf);
		set(g, "chong_dan_toc", "%s", list_name(g->dan_toc, "55") ?
		    list_name(g->dan_toc, "55") : g->kinh);
		set(g, "chong_quoc_tich", "%s", foreign_country(g));
		set(g, "chong_loai_giay_to", "2");
		set(g, "chong_so_giay_to", "M%07u", rn(10000000));
	} else {
		full_name(buf, sizeof buf, NULL, 0, year_of(hb));
		person(g, "chong", buf, 0, hb, yo, chance(0.5));
	}
	set(g, "vo_lan_ket_hon", "%d", chance(0.9) ? 1 : chance(0.5) ? 2 : 0);
	set(g, "chong_lan_ket_hon", "%d", chance(0.9) ? 1 : chance(0.5) ? 2 :
	    0);
	if (loai == 2) {
		/* Re-registered: married earlier, both of age by then. */
		lo = wb + 18 * 365 + 5;
		if (hb + 20 * 365 + 5 > lo)
			lo = hb + 20 * 365 + 5;
		if (lo < reg - 30) {
			fmt_date(buf, sizeof buf, lo + rr(0, (int)(reg - 30 -
			    lo)));
			set(g, "ngay_xac_lap_hon_nhan", "%s", buf);
		}
	}
	if (loai == 3)
		abroad(g, reg - rr(30, 700));
	if (chance(0.02)) {
		set(g, "tinh_trang_ket_hon", "DA_LY_HON");
		set(g, "ghi_chu", "Đã ly hôn theo Bản án số %u/%d/HNGĐ-ST",
		    rn(300) + 1, g->year + 1 + (int)rn((u_int)(g->today.year -
		    g->year)));
	}
}

static void
gen_cmc(struct gen *g)
{
	char	 buf[VALMAX], sur[64], parent[VALMAX];
	long	 reg = reg_day(g), cb, pb;
	int	 lx, female_parent, child_female = chance(0.5), loai;

	loai = chance(0.97) ? 1 : chance(0.6) ? 2 : 6;
	set(g, "loai_dang_ky", "%d", loai);
	lx = (int)pick_weighted((const u_int []){ 70, 10, 15, 5, 0 }, 100) + 1;
	set(g, "loai_xac_nhan", "%d", lx);
	female_parent = (lx == 2 || lx == 4);
	cb = reg - (chance(0.7) ? rr(30, 6 * 365) : rr(6 * 365, 30 * 365));
	pb = cb - rr(18 * 365, 40 * 365);
	full_name(parent, sizeof parent, NULL, female_parent, year_of(pb));
	person(g, "cm", parent, female_parent, pb, 0, chance(0.8));
	surname_of(parent, sur, sizeof sur);
	full_name(buf, sizeof buf, chance(0.6) ? sur : NULL, child_female,
	    year_of(cb));
	person(g, "nc", buf, child_female, cb, 0, 1);
	if (chance(0.6)) {
		set(g, "nc_gks_so", "%u", rn(300) + 1);
		set(g, "nc_gks_quyen", "%02u/%d", rn(2) + 1, year_of(cb +
		    rr(1, 60)) > g->year ? g->year : year_of(cb + 30));
		set(g, "nc_gks_noi_dang_ky", "UBND xã %s, huyện %s, tỉnh %s",
		    g->commune, g->district, g->prov_name);
	}
	if (reg - cb > 18 * 365 && lx >= 3) {
		set(g, "nyc_ho_ten", "%s", get(g, "nc_ho_ten"));
		set(g, "nyc_qh_nguoi_duoc_nhan", "Con");
		set(g, "nyc_qh_nguoi_nhan", "Bản thân");
	} else {
		set(g, "nyc_ho_ten", "%s", parent);
		set(g, "nyc_qh_nguoi_duoc_nhan", "Bản thân");
		set(g, "nyc_qh_nguoi_nhan", "%s", female_parent ? "Mẹ" :
		    "Cha");
	}
	if (loai == 2)
		abroad(g, reg - rr(30, 700));
}

static void
gen_tdcc(struct gen *g)
{
	static const u_int	 w[] = { 30, 40, 20, 7, 1, 2, 0 };
	static const char	*viec[] = { "THAY_DOI", "CAI_CHINH", "BO_SUNG",
	    "XAC_DINH_LAI_DAN_TOC", "XAC_DINH_LAI_GIOI_TINH",
	    "GHI_THEO_BAN_AN_QD" };
	char		 buf[VALMAX], name[VALMAX], sur[64];
	long		 reg = reg_day(g), born, gks;
	size_t		 v;
	int		 female = chance(0.5), young;

	set(g, "loai_dang_ky", "%d", chance(0.99) ? 1 : 6);
	v = pick_weighted(w, 100);
	young = chance(0.6);
	if (g->year >= 2016 && g->year <= 2025) {
		/* Then the commune did these only for children under 14. */
		if (v == 3)
			v = 1;
		if (v <= 1)
			young = 1;
	}
	set(g, "viec_dang_ky", "%s", viec[v]);
	born = reg - (young ? rr(30, 14 * 365 - 30) : rr(14 * 365, 70 * 365));
	full_name(name, sizeof name, NULL, female, year_of(born));
	person(g, "ntd", name, female, born, 0, 1);
	gks = born + rr(1, 60);
	if (gks > reg)
		gks = reg;
	set(g, "gt_goc_ten", "GIAY_KHAI_SINH");
	set(g, "gt_goc_so", "%u", rn(300) + 1);
	set(g, "gt_goc_quyen", "%02u/%d", rn(2) + 1, year_of(gks));
	fmt_date(buf, sizeof buf, gks);
	set(g, "gt_goc_ngay", "%s", buf);
	set(g, "gt_goc_noi_cap", "UBND xã %s, huyện %s, tỉnh %s", g->commune,
	    g->district, g->prov_name);
	set(g, "ly_do", "%s", chance(0.5) ? "Sai sót khi đăng ký" :
	    "Theo nguyện vọng của người yêu cầu");

	surname_of(name, sur, sizeof sur);
	switch (v) {
	case 0:		/* THAY_DOI: the given name */
		set(g, "truong_thay_doi", "TEN");
		set(g, "gia_tri_cu", "%s", strrchr(name, ' ') + 1);
		do
			set(g, "gia_tri_moi", "%s", given(female));
		while (strcmp(get(g, "gia_tri_moi"),
		    get(g, "gia_tri_cu")) == 0);
		break;
	case 1:		/* CAI_CHINH: the birth date or the name */
		if (chance(0.5)) {
			set(g, "truong_thay_doi", "NGAY_SINH");
			fmt_date(buf, sizeof buf, born + rr(1, 300));
			set(g, "gia_tri_cu", "%s", buf);
			fmt_date(buf, sizeof buf, born);
			set(g, "gia_tri_moi", "%s", buf);
		} else {
			set(g, "truong_thay_doi", "HO_TEN");
			set(g, "gia_tri_cu", "%s", name);
			do
				full_name(buf, sizeof buf, sur, female,
				    year_of(born));
			while (strcmp(buf, name) == 0);
			set(g, "gia_tri_moi", "%s", buf);
		}
		break;
	case 2:		/* BO_SUNG: what the birth entry left out */
		set(g, "truong_thay_doi", "%s", chance(0.5) ? "QUE_QUAN" :
		    "THONG_TIN_CHA");
		if (strcmp(get(g, "truong_thay_doi"), "QUE_QUAN") == 0)
			set(g, "gia_tri_moi", "xã %s, huyện %s, tỉnh %s",
			    g->commune, g->district, g->prov_name);
		else {
			full_name(buf, sizeof buf, sur, 0, year_of(born) - 28);
			set(g, "gia_tri_moi", "Họ tên cha: %s", buf);
		}
		break;
	case 3:		/* XAC_DINH_LAI_DAN_TOC */
		set(g, "truong_thay_doi", "DAN_TOC");
		set(g, "gia_tri_cu", "%s", get(g, "ntd_dan_toc"));
		do
			set(g, "gia_tri_moi", "%s", ethnic_group(g));
		while (strcmp(get(g, "gia_tri_moi"),
		    get(g, "gia_tri_cu")) == 0);
		break;
	case 4:		/* XAC_DINH_LAI_GIOI_TINH */
		set(g, "truong_thay_doi", "GIOI_TINH");
		set(g, "gia_tri_cu", "%s", female ? "Nữ" : "Nam");
		set(g, "gia_tri_moi", "%s", female ? "Nam" : "Nữ");
		break;
	default:	/* GHI_THEO_BAN_AN_QD */
		set(g, "truong_thay_doi", "HO_TEN");
		set(g, "gia_tri_cu", "%s", name);
		full_name(buf, sizeof buf, sur, female, year_of(born));
		set(g, "gia_tri_moi", "%s", buf);
		set(g, "can_cu", "Quyết định số %u/%d/QĐ-TA của Tòa án nhân "
		    "dân huyện %s", rn(200) + 1, g->year, g->district);
		break;
	}
	if (reg - born >= 18 * 365 && chance(0.8)) {
		set(g, "nyc_ho_ten", "%s", name);
		set(g, "nyc_quan_he", "BAN_THAN");
	} else {
		full_name(buf, sizeof buf, sur, chance(0.5), year_of(born) -
		    28);
		set(g, "nyc_ho_ten", "%s", buf);
		set(g, "nyc_quan_he", "KHAC");
	}
}

/* ------------------------------------------------------------------ */
/* Rows: validation, duplicates, statuses, output. */

/* Does the row pass the form's validation without errors? */
static int
row_ok(struct gen *g)
{
	struct fvalue	*vals;
	struct vresult	 vr;
	size_t		 i, errors;

	vals = xcalloc(g->nf, sizeof *vals);
	for (i = 0; i < g->nf; i++) {
		vals[i].value = g->val[i];
		vals[i].status = g->st[i];
	}
	vresult_init(&vr);
	errors = validate_record(g->f, vals, &g->today, &vr);
	vresult_free(&vr);
	free(vals);
	return (errors == 0);
}

/* The header fields, which a new registration of a person gets anew. */
static int
is_header(const struct gen *g, size_t i)
{
	static const char	*keys[] = {
		"co_quan_dang_ky", "cap_co_quan", "ma_tinh_lich_su",
		"nguon_so", "the_he_mau", "quyen_so", "nam_dang_ky", "so",
		"trang_so", "ngay_dang_ky", "nguoi_ky", "chuc_vu_nguoi_ky",
		"nguoi_thuc_hien", "anh_trang", "trang_thai_ban_ghi", NULL
	};
	size_t			 k;

	for (k = 0; keys[k] != NULL; k++)
		if (strcmp(g->f->fields[i].key, keys[k]) == 0)
			return (1);
	return (0);
}

static void
ring_store(struct gen *g)
{
	size_t	slot = g->row % RING, len = 0, i;
	char	*p;

	for (i = 0; i < g->nf; i++)
		len += strlen(g->val[i]) + 1;
	g->ring[slot] = xrealloc(g->ring[slot], len);
	if (g->ring_st[slot] == NULL)
		g->ring_st[slot] = xcalloc(g->nf, sizeof **g->ring_st);
	p = g->ring[slot];
	for (i = 0; i < g->nf; i++) {
		len = strlen(g->val[i]) + 1;
		memcpy(p, g->val[i], len);
		p += len;
		g->ring_st[slot][i] = g->st[i];
	}
}

/* Copy row src from the ring: every field, or all but the header. */
static void
ring_load(struct gen *g, size_t src, int all)
{
	const char	*p = g->ring[src % RING];
	size_t		 i;

	for (i = 0; i < g->nf; i++) {
		if (all || !is_header(g, i)) {
			snprintf(g->val[i], VALMAX, "%s", p);
			g->st[i] = g->ring_st[src % RING][i];
		}
		p += strlen(p) + 1;
	}
}

/* The value of field key in row src of the ring, or "". */
static const char *
ring_value(const struct gen *g, size_t src, const char *key)
{
	const char	*p = g->ring[src % RING];
	int		 i, idx = fi(g, key);

	if (idx < 0)
		return ("");
	for (i = 0; i < idx; i++)
		p += strlen(p) + 1;
	return (p);
}

/* s without its Vietnamese marks, into buf. */
static void
strip_marks(const char *s, char *buf, size_t len)
{
	uint8_t	*d;
	size_t	 dlen, i, o = 0;
	ucs4_t	 uc;
	int	 n;

	d = u8_normalize(UNINORM_NFD, (const uint8_t *)s, strlen(s), NULL,
	    &dlen);
	if (d == NULL)
		fatalx("u8_normalize failed");
	for (i = 0; i < dlen && o + 5 < len; i += (size_t)n) {
		n = u8_mbtouc(&uc, d + i, dlen - i);
		if (uc >= 0x300 && uc <= 0x36f)
			continue;
		if (uc == 0x111)
			buf[o++] = 'd';
		else if (uc == 0x110)
			buf[o++] = 'D';
		else {
			memcpy(buf + o, d + i, (size_t)n);
			o += (size_t)n;
		}
	}
	buf[o] = '\0';
	free(d);
}

/* Swap the spellings of one syllable of name (Thủy/Thuỷ); 0 if none. */
static int
swap_spelling(char *name)
{
	char	 buf[VALMAX], *p;
	size_t	 i, j, n;

	for (i = 0; variants[i][0] != NULL; i++) {
		for (j = 0; j < 2; j++) {
			n = strlen(variants[i][j]);
			p = strstr(name, variants[i][j]);
			if (p == NULL || (p[n] != ' ' && p[n] != '\0') ||
			    (p != name && p[-1] != ' '))
				continue;
			snprintf(buf, sizeof buf, "%.*s%s%s", (int)(p - name),
			    name, variants[i][1 - j], p + n);
			memcpy(name, buf, strlen(buf) + 1);
			return (1);
		}
	}
	return (0);
}

/* Swap the day and month of a full date; 0 if that makes no date. */
static int
swap_day_month(char *date)
{
	char	c0, c1;

	if (strlen(date) != 10 || date[2] != '/' || date[5] != '/' ||
	    memcmp(date, date + 3, 2) == 0 || atoi(date) > 12)
		return (0);
	c0 = date[0];
	c1 = date[1];
	date[0] = date[3];
	date[1] = date[4];
	date[3] = c0;
	date[4] = c1;
	return (1);
}

/* Append " word" to the list what. */
static void
addword(char *what, size_t len, const char *word)
{
	size_t	o = strlen(what);

	snprintf(what + o, len - o, " %s", word);
}

/*
 * One word of name (the first with a diacritic, from word skip on) as its
 * Telex keystrokes, as typed with the input method off: Hùng becomes
 * Hungf, Nguyễn Nguyeenx. Returns 0 if no word has a diacritic.
 */
static int
telex_slip(char *name, size_t skip)
{
	static const char	 tones[] = { 0, 'f', 'r', 'x', 's', 'j' };
	struct vnletter		 l;
	char			 buf[VALMAX], word[64];
	const uint8_t		*p = (const uint8_t *)name;
	size_t			 o = 0, w, i;
	ucs4_t			 uc;
	int			 n, tone, marked, k;

	for (i = 0; name[i] != '\0'; ) {
		/* A word: letters up to a space. */
		w = 0;
		tone = 0;
		marked = 0;
		while (name[i] != '\0' && name[i] != ' ') {
			n = u8_mbtouc(&uc, p + i, strlen(name + i));
			if (n <= 0)
				return (0);
			if (vntext_letter(uc, &l) && w + 4 < sizeof word) {
				word[w++] = l.upper ? (char)(l.base - 32) :
				    l.base;
				if (l.mark == '^' || l.mark == 'd')
					word[w++] = l.base;
				else if (l.mark == '(' || l.mark == '+')
					word[w++] = 'w';
				if (l.mark != 0)
					marked = 1;
				if (l.tone != 0)
					tone = l.tone;
			} else if (w + (size_t)n < sizeof word) {
				memcpy(word + w, name + i, (size_t)n);
				w += (size_t)n;
			}
			i += (size_t)n;
		}
		if ((tone != 0 || marked) && skip == 0) {
			if (tone != 0)
				word[w++] = tones[tone];
			word[w] = '\0';
			for (k = (int)i - 1; k >= 0 && name[k] != ' '; k--)
				;
			snprintf(buf, sizeof buf, "%.*s%s%s", k + 1, name,
			    word, name + i);
			o = strlen(buf);
			memcpy(name, buf, o + 1);
			return (1);
		}
		if (tone != 0 || marked)
			skip--;
		while (name[i] == ' ')
			i++;
	}
	return (0);
}

/* Reduce a full date dd/mm/yyyy to its year; 0 if it is not one. */
static int
year_only(char *date)
{
	if (strlen(date) != 10 || date[2] != '/' || date[5] != '/')
		return (0);
	memmove(date, date + 6, 5);
	return (1);
}

/* Is the row's registration type one that repeats on purpose? */
static int
regtype_repeats(const struct gen *g)
{
	static const char	*repeats[][2] = {
		{ "ks", "235" }, { "kt", "23" }, { "kh", "23" },
		{ "cmc", "2" }, { "tdcc", "3" }, { NULL, NULL }
	};
	const char		*v = get(g, "loai_dang_ky");
	size_t			 i;

	for (i = 0; repeats[i][0] != NULL; i++)
		if (strcmp(g->f->id, repeats[i][0]) == 0)
			return (v[0] != '\0' && v[1] == '\0' &&
			    strchr(repeats[i][1], v[0]) != NULL);
	return (0);
}

/*
 * Type an earlier person again: as a second registration (a new number),
 * as the same entry typed twice, or from an archive copy of the book,
 * with a clerk's variations: diacritics dropped, the other spelling
 * (Thủy/Thuỷ, Quý/Quí), a word typed as Telex keys with the input method
 * off, day and month swapped, a date written as its year only. Return 0
 * if it cannot be done (then the row is made afresh).
 */
static int
make_dup(struct gen *g)
{
	char		 saved[FORM_PERSON_KEY_MAX][VALMAX], what[128] = "";
	char		 vary[96] = "";
	struct vdate	 event;
	size_t		 n = g->row < RING ? g->row : RING, src, k;
	int		 twice, archive, i, done = 0, tries, ks, kind;

	if (n == 0)
		return (0);
	src = g->row - 1 - rn((u_int)n);
	kind = (int)rn(100);
	twice = kind < 30;
	archive = kind >= 30 && kind < 40;
	if (!twice && !archive)
		next_entry(g);
	ring_load(g, src, twice || archive);
	if (!twice && !archive)
		officials(g);
	if (archive)
		set(g, "nguon_so", "%s", chance(0.7) ? "BAN_SAO_LUU_HUYEN" :
		    "BAN_SAO_LUU_TINH");
	for (k = 0; k < g->f->nperson_key; k++)
		memcpy(saved[k], g->val[g->f->person_key[k]], VALMAX);

	for (tries = 0; tries < 6 && done < 1 + (int)rn(2); tries++) {
		k = rn((u_int)g->f->nperson_key);
		i = g->f->person_key[k];
		if (g->st[i] != FS_OK || g->val[i][0] == '\0')
			continue;
		switch (g->f->fields[i].type) {
		case FT_NAME:
			kind = (int)rn(10);
			if (kind < 4) {
				strip_marks(saved[k], g->val[i], VALMAX);
				if (strcmp(saved[k], g->val[i]) == 0)
					continue;
				addword(vary, sizeof vary, "marks");
			} else if (kind < 8) {
				if (!swap_spelling(g->val[i]))
					continue;
				addword(vary, sizeof vary, "spelling");
			} else {
				if (!telex_slip(g->val[i], rn(3)) &&
				    !telex_slip(g->val[i], 0))
					continue;
				addword(vary, sizeof vary, "telex");
			}
			break;
		case FT_DATE:
			if (chance(0.6)) {
				if (!swap_day_month(g->val[i]))
					continue;
				addword(vary, sizeof vary, "day-month");
			} else {
				if (!year_only(g->val[i]))
					continue;
				addword(vary, sizeof vary, "year-only");
			}
			break;
		default:
			continue;
		}
		done++;
	}
	if (!row_ok(g)) {
		for (k = 0; k < g->f->nperson_key; k++)
			memcpy(g->val[g->f->person_key[k]], saved[k], VALMAX);
		vary[0] = '\0';
	}
	snprintf(what, sizeof what, "%s", vary[0] != '\0' ? vary : " exact");
	if (!twice && !archive) {
		addword(what, sizeof what, "number");
		/* Registered again, and late: not "on time" a second time. */
		ks = strcmp(g->f->id, "ks") == 0;
		if ((ks || strcmp(g->f->id, "kt") == 0) &&
		    strcmp(get(g, "loai_dang_ky"), "1") == 0 &&
		    date_parse(get(g, ks ? "nks_ngay_sinh" : "nkt_ngay_chet"),
		    &event, NULL) == 0 && event.day != 0 && reg_day(g) -
		    date_daynum(event.year, event.month, event.day) >
		    (ks ? 60 : 15))
			set(g, "loai_dang_ky", "4");
	}
	/* Legitimate repeats, which must not be flagged. */
	if (strncmp(get(g, "nguon_so"), "BAN_SAO", 7) == 0)
		addword(what, sizeof what, "archive");
	if (regtype_repeats(g))
		addword(what, sizeof what, "reregistration");
	if (strcmp(get(g, "trang_thai_ban_ghi"), "DA_GACH_BO") == 0)
		addword(what, sizeof what, "struck");
	if (strcmp(ring_value(g, src, "trang_thai_ban_ghi"), "DA_GACH_BO") ==
	    0)
		addword(what, sizeof what, "source-struck");
	fprintf(g->duplog, "%zu\t%zu\t%s\n", g->row + 1, src + 1, what + 1);
	g->dups++;
	return (1);
}

/*
 * Give a fresh row the name of an earlier person: many different people
 * share the common names, born the same year or not.
 */
static void
namesake(struct gen *g)
{
	const char	*p;
	size_t		 n = g->row < RING ? g->row : RING, src, i;
	int		 fi;

	if (n == 0 || g->f->nperson_key == 0)
		return;
	fi = g->f->person_key[0];
	if (g->f->fields[fi].type != FT_NAME || g->st[fi] != FS_OK)
		return;
	src = (g->row - 1 - rn((u_int)n)) % RING;
	p = g->ring[src];
	for (i = 0; i < (size_t)fi; i++)
		p += strlen(p) + 1;
	if (*p == '\0' || g->ring_st[src][fi] != FS_OK)
		return;
	snprintf(g->val[fi], VALMAX, "%s", p);
}

/* Mark a few fields blank, illegible or partly legible. */
static void
add_statuses(struct gen *g)
{
	char			 old[64][VALMAX];
	int			 idx[64], n = 0, j;
	size_t			 i, len;
	enum field_type		 t;

	for (i = 0; i < g->nf && n < 64; i++) {
		if (g->val[i][0] == '\0' || g->st[i] != FS_OK ||
		    (int)i == g->f->regno_key[RK_OFFICE] ||
		    (int)i == g->f->regno_key[RK_YEAR] ||
		    (int)i == g->f->regno_key[RK_BOOK] ||
		    (int)i == g->f->regno_key[RK_NUMBER] ||
		    !chance(g->status_rate))
			continue;
		idx[n] = (int)i;
		memcpy(old[n++], g->val[i], VALMAX);
		t = g->f->fields[i].type;
		len = strlen(g->val[i]);
		if ((t == FT_NAME || t == FT_TEXT || t == FT_PLACE ||
		    t == FT_DATE) && len >= 4 && chance(0.4)) {
			g->st[i] = FS_PARTIAL;
			j = (int)rn((u_int)len);
			while (j > 0 && ((u_char)g->val[i][j] & 0xc0) == 0x80)
				j--;
			g->val[i][j] = '?';
			/* Drop the rest of a multibyte character. */
			len = 1;
			while (((u_char)g->val[i][j + (int)len] & 0xc0) ==
			    0x80)
				len++;
			memmove(g->val[i] + j + 1, g->val[i] + j + len,
			    strlen(g->val[i] + j + len) + 1);
		} else {
			g->st[i] = chance(0.5) ? FS_BLANK : FS_ILLEGIBLE;
			g->val[i][0] = '\0';
		}
	}
	if (n > 0 && !row_ok(g)) {
		for (j = 0; j < n; j++) {
			memcpy(g->val[idx[j]], old[j], VALMAX);
			g->st[idx[j]] = FS_OK;
		}
	}
}

static int
write_row(struct gen *g, int header)
{
	size_t	i, n = 0;
	char	*hdr = NULL;

	for (i = 0; i < g->nf; i++) {
		if (header) {
			g->out[n++] = g->f->fields[i].key;
			if (g->status_rate > 0) {
				xasprintf(&hdr, "%s__status",
				    g->f->fields[i].key);
				g->out[n++] = hdr;
			}
		} else {
			g->out[n++] = g->val[i];
			if (g->status_rate > 0)
				g->out[n++] = g->st[i] == FS_OK ? "" :
				    form_status_name(g->st[i]);
		}
	}
	if (csv_write(stdout, g->out, n) != 0)
		return (-1);
	if (header && g->status_rate > 0) {
		for (i = 1; i < n; i += 2)
			free((char *)g->out[i]);
	}
	return (0);
}

static void (*const generators[])(struct gen *) = {
	gen_ks, gen_kt, gen_kh, gen_cmc, gen_tdcc
};
static const char *generator_ids[] = { "ks", "kt", "kh", "cmc", "tdcc", NULL };

static int
generate(struct gen *g)
{
	void	(*body)(struct gen *) = NULL;
	size_t	 i;

	for (i = 0; generator_ids[i] != NULL; i++)
		if (strcmp(g->f->id, generator_ids[i]) == 0)
			body = generators[i];
	if (body == NULL) {
		fprintf(stderr, "gen: no generator for form '%s' (known: ks, "
		    "kt, kh, cmc, tdcc)\n", g->f->id);
		return (2);
	}
	if (write_row(g, 1) != 0)
		goto fail;
	for (g->row = 0; g->row < g->count; g->row++) {
		for (i = 0; i < g->nf; i++) {
			g->val[i][0] = '\0';
			g->st[i] = FS_OK;
		}
		if (!chance(g->dup_rate) || !make_dup(g)) {
			next_entry(g);
			officials(g);
			body(g);
			/* As many namesakes as duplicates. */
			if (g->dup_rate > 0 && chance(g->dup_rate))
				namesake(g);
		}
		if (g->status_rate > 0)
			add_statuses(g);
		ring_store(g);
		if (write_row(g, 0) != 0)
			goto fail;
	}
	if (fflush(stdout) != 0)
		goto fail;
	return (0);
fail:
	fprintf(stderr, "gen: write error: %s\n", strerror(errno));
	return (1);
}

/* ------------------------------------------------------------------ */

static void
usage(void)
{
	fprintf(stderr,
	    "usage: gen --form ID [--count N] [--seed S] [--office NAME] "
	    "[--year Y]\n"
	    "           [--books N] [--dup-rate R] [--gap-rate R] "
	    "[--repeat-rate R]\n"
	    "           [--status-rate R] [--dup-log FILE] [--forms DIR]\n"
	    "       gen --names N [--seed S]\n");
	exit(2);
}

static double
rate_arg(const char *s, const char *name)
{
	char	*end;
	double	 r;

	r = strtod(s, &end);
	if (*end != '\0' || !(r >= 0 && r <= 1)) {
		fprintf(stderr, "gen: %s must be a rate from 0 to 1\n", name);
		exit(2);
	}
	return (r);
}

static long
number_arg(const char *s, const char *name, long min, long max)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || n < min || n > max) {
		fprintf(stderr, "gen: %s must be a number from %ld to %ld\n",
		    name, min, max);
		exit(2);
	}
	return (n);
}

int
main(int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "form", required_argument, NULL, 'f' },
		{ "count", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "office", required_argument, NULL, 'o' },
		{ "year", required_argument, NULL, 'y' },
		{ "books", required_argument, NULL, 'b' },
		{ "dup-rate", required_argument, NULL, 'd' },
		{ "gap-rate", required_argument, NULL, 'g' },
		{ "repeat-rate", required_argument, NULL, 'r' },
		{ "status-rate", required_argument, NULL, 't' },
		{ "dup-log", required_argument, NULL, 'l' },
		{ "forms", required_argument, NULL, 'F' },
		{ "names", required_argument, NULL, 'N' },
		{ NULL, 0, NULL, 0 }
	};
	struct gen			 g;
	struct formset			 fs;
	struct errlist			 el;
	const char			*form_id = NULL, *dir = NULL;
	const char			*duplog = NULL, *office = NULL, *e;
	char				 name[VALMAX], office_buf[VALMAX];
	char				 code[8];
	long				 names = -1;
	size_t				 i;
	int				 c, rv, p, city;

	i18n_init(NULL);
	memset(&g, 0, sizeof g);
	g.count = 1000;
	g.year0 = 2000;
	g.books = 1;
	g.repeat_rate = 0.002;
	g.gap_rate = 0.002;
	rng_state = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			form_id = optarg;
			break;
		case 'n':
			g.count = (size_t)number_arg(optarg, "--count", 1,
			    100000000);
			break;
		case 's':
			rng_state = (uint64_t)number_arg(optarg, "--seed", 0,
			    LONG_MAX);
			break;
		case 'o':
			office = optarg;
			break;
		case 'y':
			g.year0 = (int)number_arg(optarg, "--year", 1900,
			    9999);
			break;
		case 'b':
			g.books = (int)number_arg(optarg, "--books", 1, 100);
			break;
		case 'd':
			g.dup_rate = rate_arg(optarg, "--dup-rate");
			break;
		case 'g':
			g.gap_rate = rate_arg(optarg, "--gap-rate");
			break;
		case 'r':
			g.repeat_rate = rate_arg(optarg, "--repeat-rate");
			break;
		case 't':
			g.status_rate = rate_arg(optarg, "--status-rate");
			break;
		case 'l':
			duplog = optarg;
			break;
		case 'F':
			dir = optarg;
			break;
		case 'N':
			names = number_arg(optarg, "--names", 0, 100000000);
			break;
		default:
			usage();
		}
	}
	if (optind != argc || (form_id == NULL) == (names < 0))
		usage();
	names_init();
	for (i = 0; ethnic[i].name != NULL; i++) {
		ethnic_w[i] = ethnic[i].w;
		ethnic_total += ethnic[i].w;
	}

	if (names >= 0) {
		for (; names > 0; names--) {
			p = chance(0.5);
			full_name(name, sizeof name, NULL, p, rr(1930, 2020));
			if (puts(name) == EOF)
				break;
		}
		return (fflush(stdout) != 0);
	}

	if (dir == NULL && ((dir = getenv("HOTICH_FORMS")) == NULL ||
	    *dir == '\0'))
		dir = FORMSDIR;
	errlist_init(&el);
	formset_load(&fs, dir, &el);
	for (i = 0; i < el.n; i++)
		fprintf(stderr, "gen: %s\n", el.v[i]);
	errlist_free(&el);
	if ((g.f = formset_find(&fs, form_id)) == NULL) {
		fprintf(stderr, "gen: no form '%s' in %s\n", form_id, dir);
		formset_free(&fs);
		return (2);
	}
	g.nf = g.f->nfields;
	g.val = xcalloc(g.nf, sizeof *g.val);
	g.st = xcalloc(g.nf, sizeof *g.st);
	g.out = xcalloc(g.nf * 2, sizeof *g.out);
	g.ring = xcalloc(RING, sizeof *g.ring);
	g.ring_st = xcalloc(RING, sizeof *g.ring_st);
	hash_init(&g);

	date_today(&g.today);
	g.year1 = g.today.year - 1;
	if (g.year0 > g.year1)
		g.year0 = g.year1;
	g.dan_toc = form_list(g.f, "dan_toc");
	g.quoc_tich = form_list(g.f, "quoc_tich");
	g.tinh = form_list(g.f, "tinh");
	g.kinh = list_name(g.dan_toc, "01") ? list_name(g.dan_toc, "01") :
	    "Kinh";
	g.vn = list_name(g.quoc_tich, "VN") ? list_name(g.quoc_tich, "VN") :
	    "Việt Nam";

	/* The office: one commune of one province, from the seed. */
	p = (int)rn(24);
	snprintf(g.prov3, sizeof g.prov3, "0%s", provinces[p].code);
	snprintf(g.prov_name, sizeof g.prov_name, "%s", provinces[p].name);
	city = strstr(" 01 31 79 92 ", provinces[p].code) != NULL;
	snprintf(code, sizeof code, "L%s", provinces[p].code);
	if (list_name(g.tinh, code) == NULL)
		snprintf(code, sizeof code, "%s", provinces[p].code);
	if (list_name(g.tinh, code) == NULL)
		code[0] = '\0';
	snprintf(g.prov_code, sizeof g.prov_code, "%s", code);
	g.commune = any(communes);
	g.district = any(districts);
	if (office == NULL) {
		snprintf(office_buf, sizeof office_buf, "UBND xã %s, huyện "
		    "%s, %s %s", g.commune, g.district, city ? "thành phố" :
		    "tỉnh", g.prov_name);
		office = office_buf;
	}
	g.office = office;

	g.duplog = stderr;
	if (duplog != NULL && (g.duplog = fopen(duplog, "w")) == NULL) {
		e = strerror(errno);
		fprintf(stderr, "gen: %s: %s\n", duplog, e);
		return (1);
	}
	setvbuf(stdout, NULL, _IOFBF, 1 << 20);
	rv = generate(&g);
	if (duplog != NULL && fclose(g.duplog) != 0)
		rv = 1;

	for (i = 0; i < RING; i++) {
		free(g.ring[i]);
		free(g.ring_st[i]);
	}
	free(g.ring);
	free(g.ring_st);
	free(g.val);
	free(g.st);
	free(g.out);
	free(male_w);
	free(female_w);
	formset_free(&fs);
	return (rv);
}
