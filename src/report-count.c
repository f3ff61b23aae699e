/*
 * report-count.c: count the records of a period into a report.
 *
 * Two views, as digitisation mixes them. The civil-status events are the
 * entries whose registration date (idx-regdate) falls in the period, read
 * in date order through the index, so a month of a database of millions
 * reads only that month; they are counted as forms 13a and 14a of the
 * Ministry count them: births by ethnicity, sex, on time or late (from
 * the book's own word, else from the dates: 60 days, 30 under the 1961
 * rules or in books before 1999), late ones born in the year or under 5,
 * re-registrations; deaths by age band, on time (15 days) or late;
 * marriages, first marriages and the mean age at a first marriage; the
 * other events of 14a. Archive copies and entries struck out in the book
 * are not counted, nor are entries whose date is vaguer than the period
 * (a year alone in a monthly report): notes say how many. The work done
 * is the entries typed in the period (idx-entered): by clerk and by day.
 *
 * Which field means what is fixed here by its key, as the forms under
 * forms/ name them: this file is the one that knows the registers'
 * statistics. A form without one of them counts as not saying.
 */

#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "form.h"
#include "i18n.h"
#include "lookup.h"
#include "number.h"
#include "rec.h"
#include "regcheck.h"
#include "report-count.h"
#include "store.h"
#include "utf8.h"
#include "xmalloc.h"

/* The measures of one group. */
enum measure {
	KS_TOTAL, KS_KINH, KS_OTHER, KS_MALE, KS_FEMALE, KS_ONTIME, KS_LATE,
	KS_LATE_YEAR, KS_LATE_UNDER5, KS_REREG,
	KT_TOTAL, KT_U1, KT_U5, KT_5UP, KT_ONTIME, KT_LATE, KT_REREG,
	KH_TOTAL, KH_FIRST, KH_AGE_M, KH_AGE_F, KH_REREG,
	O_THAY_DOI, O_CAI_CHINH, O_BO_SUNG, O_DAN_TOC, O_GIOI_TINH, O_BAN_AN,
	O_CMC, O_FOREIGN,
	M_COUNT
};

/* What is not counted, or not known, for the notes. */
enum aside {
	A_COPY, A_STRUCK, A_VAGUE, A_DRAFT,
	A_KS_SEX, A_KS_ETHNIC, A_KS_WHEN, A_KT_AGE, A_KT_WHEN, A_OTHER_TYPE,
	A_COUNT
};

/* The kinds of register the statistics know. */
enum kind { K_KS, K_KT, K_KH, K_CMC, K_TDCC, K_OTHER, K_COUNT };

static const char *kind_ids[K_COUNT] = {
	"ks", "kt", "kh", "cmc", "tdcc", NULL
};

/* A form's fields that the statistics read, by index (-1: none). */
struct fstat {
	const struct form	*f;
	enum kind		 kind;
	int			 regtype, copy, struck, model, year, office;
	int			 book, regdate;
	int			 sex, ethnic, born, born_year, died;
	int			 m_born, m_year, m_first;	/* husband */
	int			 f_born, f_year, f_first;	/* wife */
	int			 what;				/* tdcc */
	const struct lookup	*ethnics;
};

/* One group: a row of each table. */
struct group {
	char		*key;
	char		*label;
	double		 v[M_COUNT];
	double		 age_sum[2], age_n[2];	/* husbands, wives */
};

/* One clerk, or one day, of the work done. */
struct work {
	char		*key;
	char		*label;
	double		 n[K_COUNT];
	double		 total;
	u_long		*days;		/* distinct days, for a clerk */
	size_t		 ndays;
	double		 state[RS_COUNT]; /* of the entries typed, now */
	double		 rekeyed;	/* verifications by re-keying */
	double		 wrong;		/*   entries with a keying error */
	double		 fields;	/*   fields compared */
	double		 fwrong;	/*   fields the keyer got wrong */
	double		 vwrong;	/*   fields the verifier got wrong */
};

/* A book that entries of the period were typed into. */
struct tbook {
	char			*key;		/* its book key (idx-book) */
	size_t			 len;
	const struct form	*f;
	char			*office, *year, *number;
};

struct counter {
	const struct report_query	*q;
	struct fstat			*fs;
	size_t				 nfs;

	struct group			*g;
	size_t				 ng;
	u_long				 aside[A_COUNT];
	u_long				 kinds[K_COUNT];

	struct work			*verifiers, *fields;
	size_t				 nverifiers, nfields;
	struct work			*clerks, *days;
	size_t				 nclerks, ndays;
	struct tbook			*books;
	size_t				 nbooks;

	int				 scanning;	/* see read_range */
	time_t				 t_lo, t_hi;	/* the work view's */

	/* The last day and book work_cb saw, to skip them on repeats. */
	time_t				 day_lo, day_hi;
	u_long				 day;
	char				 day_key[40], day_label[40];
	char				*last_book[4];
	u_long				 status[4][K_COUNT];
};

static int
field(const struct form *f, const char *key)
{
	return (form_field_index(f, key));
}

static void
fstat_init(struct fstat *st, const struct form *f)
{
	const char	*p;
	size_t		 k;
	int		 i;

	memset(st, 0, sizeof *st);
	st->f = f;
	st->kind = K_OTHER;
	for (k = 0; k < K_OTHER; k++)
		if (strcmp(f->id, kind_ids[k]) == 0)
			st->kind = k;
	p = st->kind == K_KS ? "nks" : st->kind == K_KT ? "nkt" :
	    st->kind == K_CMC ? "nc" : st->kind == K_TDCC ? "ntd" : "";
	st->regtype = field(f, "loai_dang_ky");
	st->copy = field(f, "nguon_so");
	st->struck = field(f, FORM_STRUCK_FIELD);
	st->model = field(f, "the_he_mau");
	st->year = f->regno_key[RK_YEAR];
	st->office = f->regno_key[RK_OFFICE];
	st->book = f->regno_key[RK_BOOK];
	st->regdate = field(f, "ngay_dang_ky");
	st->sex = st->ethnic = st->born = st->born_year = st->died = -1;
	st->m_born = st->m_year = st->m_first = -1;
	st->f_born = st->f_year = st->f_first = -1;
	st->what = -1;
	if (*p != '\0') {
		char	key[64];

		snprintf(key, sizeof key, "%s_gioi_tinh", p);
		st->sex = field(f, key);
		snprintf(key, sizeof key, "%s_dan_toc", p);
		st->ethnic = field(f, key);
		snprintf(key, sizeof key, "%s_ngay_sinh", p);
		st->born = field(f, key);
		snprintf(key, sizeof key, "%s_nam_sinh", p);
		st->born_year = field(f, key);
	}
	if (st->kind == K_KT)
		st->died = field(f, "nkt_ngay_chet");
	if (st->kind == K_KH) {
		st->m_born = field(f, "chong_ngay_sinh");
		st->m_year = field(f, "chong_nam_sinh");
		st->m_first = field(f, "chong_lan_ket_hon");
		st->f_born = field(f, "vo_ngay_sinh");
		st->f_year = field(f, "vo_nam_sinh");
		st->f_first = field(f, "vo_lan_ket_hon");
	}
	if (st->kind == K_TDCC)
		st->what = field(f, "viec_dang_ky");
	i = st->ethnic;
	if (i >= 0 && f->fields[i].lookup != NULL)
		st->ethnics = f->fields[i].lookup->list;
}

static const struct fstat *
fstat_of(const struct counter *c, const char *form)
{
	size_t	i;

	for (i = 0; i < c->nfs; i++)
		if (strcmp(c->fs[i].f->id, form) == 0)
			return (&c->fs[i]);
	return (NULL);
}

static const char *
val(const struct rec *r, const struct fstat *st, int fi)
{
	return (rec_field_ok(r, st->f, fi));
}

/* The days date field fi may be, in *lo and *hi; 0, or -1 if unknown. */
static int
days_of(const struct rec *r, const struct fstat *st, int fi, long *lo,
    long *hi)
{
	const char	*v;
	struct vdate	 d;

	if ((v = val(r, st, fi)) == NULL || date_parse(v, &d, NULL) != 0)
		return (-1);
	date_range(&d, lo, hi);
	return (0);
}

/*
 * The birth of a person as days: the date field, else the year field.
 * Returns 0, or -1 if neither is written.
 */
static int
birth_days(const struct rec *r, const struct fstat *st, int date, int year,
    long *lo, long *hi)
{
	const char	*v;
	struct vdate	 d;

	if (days_of(r, st, date, lo, hi) == 0)
		return (0);
	if ((v = val(r, st, year)) == NULL || date_parse(v, &d, NULL) != 0)
		return (-1);
	date_range(&d, lo, hi);
	return (0);
}

/* Whole years from day b to day d. */
static int
years_between(long b, long d)
{
	struct vdate	x, y;

	date_from_daynum(b, &x);
	date_from_daynum(d, &y);
	return (y.year - x.year - (y.month < x.month ||
	    (y.month == x.month && y.day < x.day)));
}

/*
 * The age in whole years at a day in [lo, hi] of a person born in [blo,
 * bhi]: the least in *amin, the most in *amax.
 */
static void
age_span(long blo, long bhi, long lo, long hi, int *amin, int *amax)
{
	*amin = years_between(bhi, lo);
	*amax = years_between(blo, hi);
}

/* The age band of a death: under 1, 1 to under 5, 5 and over. */
static enum measure
death_band(int age)
{
	return (age < 1 ? KT_U1 : age < 5 ? KT_U5 : KT_5UP);
}

/*
 * Whether an event in [elo, ehi] registered in [rlo, rhi] was registered
 * within limit days: 1 on time, 0 late, -1 if the dates cannot say.
 */
static int
on_time(long elo, long ehi, long rlo, long rhi, long limit)
{
	if (rhi - elo <= limit)
		return (1);
	if (rlo - ehi > limit)
		return (0);
	return (-1);
}

/* The group of r by the query's grouping, made if new. */
static struct group *
group_of(struct counter *c, const struct rec *r, const struct fstat *st)
{
	const char	*v, *w;
	char		*key, *label;
	size_t		 lo = 0, hi = c->ng, mid;
	int		 cmp;

	switch (c->q->by) {
	case RB_OFFICE:
		v = val(r, st, st->office);
		label = xstrdup(v != NULL ? v : _("(no office)"));
		key = utf8_fold(label);
		break;
	case RB_TYPE:
		xasprintf(&label, "%s %s", st->f->reg, st->f->title);
		key = xstrdup(st->f->id);
		break;
	case RB_CLERK:
		label = xstrdup(*r->user != '\0' ? r->user : _("(imported)"));
		key = xstrdup(label);
		break;
	case RB_BOOK:
		v = val(r, st, st->year);
		w = val(r, st, st->book);
		xasprintf(&label, "%s %s/%s", st->f->reg, v != NULL ? v : "?",
		    w != NULL ? w : "?");
		key = utf8_fold(label);
		break;
	case RB_YEAR:
		v = val(r, st, st->year);
		label = xstrdup(v != NULL ? v : "?");
		xasprintf(&key, "%8s", label);
		break;
	default:
		label = xstrdup(_("Total"));
		key = xstrdup("");
		break;
	}
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((cmp = strcmp(key, c->g[mid].key)) == 0) {
			free(key);
			free(label);
			return (&c->g[mid]);
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	c->g = xreallocarray(c->g, c->ng + 1, sizeof *c->g);
	memmove(&c->g[lo + 1], &c->g[lo], (c->ng - lo) * sizeof *c->g);
	c->ng++;
	memset(&c->g[lo], 0, sizeof *c->g);
	c->g[lo].key = key;
	c->g[lo].label = label;
	return (&c->g[lo]);
}

/* The registration type code, or "" if the book does not say. */
static const char *
regtype(const struct rec *r, const struct fstat *st)
{
	const char	*v = val(r, st, st->regtype);

	return (v != NULL ? v : "");
}

static void
count_birth(struct counter *c, struct group *g, const struct rec *r,
    const struct fstat *st, long rlo, long rhi)
{
	const struct lookup_entry	*e;
	const char			*t = regtype(r, st), *v, *model;
	long				 blo, bhi, limit = 60;
	int				 late, amin, amax;
	struct vdate			 reg, b1, b2;

	if (strcmp(t, "2") == 0) {
		g->v[KS_REREG]++;
		return;
	}
	if (strcmp(t, "3") == 0) {
		g->v[O_FOREIGN]++;
		return;
	}
	if (strcmp(t, "5") == 0) {
		c->aside[A_OTHER_TYPE]++;
		return;
	}
	g->v[KS_TOTAL]++;
	if ((v = val(r, st, st->ethnic)) == NULL)
		c->aside[A_KS_ETHNIC]++;
	else if (st->ethnics != NULL &&
	    (e = lookup_find(st->ethnics, v, NULL)) != NULL &&
	    strcmp(e->code, "01") == 0)
		g->v[KS_KINH]++;
	else
		g->v[KS_OTHER]++;
	v = val(r, st, st->sex);
	if (v != NULL && strcmp(v, "1") == 0)
		g->v[KS_MALE]++;
	else if (v != NULL && strcmp(v, "2") == 0)
		g->v[KS_FEMALE]++;
	else
		c->aside[A_KS_SEX]++;

	/* The book's word, else the dates. */
	model = val(r, st, st->model);
	date_from_daynum(rlo, &reg);
	if (model != NULL ? strcmp(model, "TRUOC_1961") == 0 ||
	    strcmp(model, "1961") == 0 : reg.year < 1999)
		limit = 30;
	if (birth_days(r, st, st->born, st->born_year, &blo, &bhi) != 0)
		blo = bhi = -1;
	if (strcmp(t, "1") == 0)
		late = 0;
	else if (strcmp(t, "4") == 0)
		late = 1;
	else if (blo == -1 || (late = on_time(blo, bhi, rlo, rhi, limit)) ==
	    -1) {
		c->aside[A_KS_WHEN]++;
		return;
	} else
		late = !late;
	if (!late) {
		g->v[KS_ONTIME]++;
		return;
	}
	g->v[KS_LATE]++;
	if (blo == -1)
		return;
	date_from_daynum(blo, &b1);
	date_from_daynum(bhi, &b2);
	if (b1.year == b2.year && b1.year == reg.year)
		g->v[KS_LATE_YEAR]++;
	age_span(blo, bhi, rlo, rhi, &amin, &amax);
	if (amax < 5)
		g->v[KS_LATE_UNDER5]++;
}

static void
count_death(struct counter *c, struct group *g, const struct rec *r,
    const struct fstat *st, long rlo, long rhi)
{
	const char	*t = regtype(r, st);
	long		 blo, bhi, dlo, dhi;
	int		 amin, amax, ok;

	if (strcmp(t, "2") == 0) {
		g->v[KT_REREG]++;
		return;
	}
	if (strcmp(t, "3") == 0) {
		g->v[O_FOREIGN]++;
		return;
	}
	g->v[KT_TOTAL]++;
	if (days_of(r, st, st->died, &dlo, &dhi) != 0)
		dlo = -1;
	if (dlo != -1 &&
	    birth_days(r, st, st->born, st->born_year, &blo, &bhi) == 0) {
		age_span(blo, bhi, dlo, dhi, &amin, &amax);
		if (death_band(amin) == death_band(amax))
			g->v[death_band(amin)]++;
		else
			c->aside[A_KT_AGE]++;
	} else
		c->aside[A_KT_AGE]++;
	if (strcmp(t, "1") == 0)
		ok = 1;
	else if (strcmp(t, "4") == 0)
		ok = 0;
	else if (dlo == -1 || (ok = on_time(dlo, dhi, rlo, rhi, 15)) == -1) {
		c->aside[A_KT_WHEN]++;
		return;
	}
	g->v[ok ? KT_ONTIME : KT_LATE]++;
}

static void
count_marriage(struct counter *c, struct group *g, const struct rec *r,
    const struct fstat *st, long rlo, long rhi)
{
	const char	*t = regtype(r, st), *m, *w;
	long		 blo, bhi;
	int		 age, amin, amax, who, fi[2][3];

	(void)c;
	if (strcmp(t, "2") == 0) {
		g->v[KH_REREG]++;
		return;
	}
	if (strcmp(t, "3") == 0) {
		g->v[O_FOREIGN]++;
		return;
	}
	g->v[KH_TOTAL]++;
	m = val(r, st, st->m_first);
	w = val(r, st, st->f_first);
	if (m != NULL && w != NULL && strcmp(m, "1") == 0 &&
	    strcmp(w, "1") == 0)
		g->v[KH_FIRST]++;
	fi[0][0] = st->m_first;
	fi[0][1] = st->m_born;
	fi[0][2] = st->m_year;
	fi[1][0] = st->f_first;
	fi[1][1] = st->f_born;
	fi[1][2] = st->f_year;
	for (who = 0; who < 2; who++) {
		if ((m = val(r, st, fi[who][0])) == NULL || strcmp(m, "1") != 0)
			continue;
		if (birth_days(r, st, fi[who][1], fi[who][2], &blo, &bhi) != 0)
			continue;
		age_span(blo, bhi, rlo, rhi, &amin, &amax);
		if ((age = amin) != amax) {
			/* A birth year alone: the age the years give. */
			struct vdate	b, d;

			date_from_daynum(blo, &b);
			date_from_daynum(rlo, &d);
			age = d.year - b.year;
		}
		g->age_sum[who] += age;
		g->age_n[who]++;
	}
}

static void
count_other(struct group *g, const struct rec *r, const struct fstat *st)
{
	static const struct {
		const char	*code;
		enum measure	 m;
	} whats[] = {
		{ "THAY_DOI", O_THAY_DOI },
		{ "CAI_CHINH", O_CAI_CHINH },
		{ "BO_SUNG", O_BO_SUNG },
		{ "XAC_DINH_LAI_DAN_TOC", O_DAN_TOC },
		{ "XAC_DINH_LAI_GIOI_TINH", O_GIOI_TINH },
		{ "GHI_THEO_BAN_AN_QD", O_BAN_AN },
	};
	const char	*t = regtype(r, st), *v;
	size_t		 i;

	if (strcmp(t, "3") == 0) {
		g->v[O_FOREIGN]++;
		return;
	}
	if (st->kind == K_CMC) {
		g->v[O_CMC]++;
		return;
	}
	if ((v = val(r, st, st->what)) == NULL)
		return;
	for (i = 0; i < sizeof whats / sizeof whats[0]; i++)
		if (strcmp(v, whats[i].code) == 0)
			g->v[whats[i].m]++;
}

/* One record of the events view. */
static int
event_cb(const struct rec *r, void *arg)
{
	struct counter		*c = arg;
	const struct fstat	*st;
	const char		*v;
	struct group		*g;
	long			 rlo, rhi;

	if ((st = fstat_of(c, r->form)) == NULL)
		return (0);
	if (r->state == RS_DRAFT) {
		c->aside[A_DRAFT]++;
		return (0);
	}
	if (days_of(r, st, st->regdate, &rlo, &rhi) != 0)
		return (0);
	/* A scan sees every record: those the index range would. */
	if (c->scanning && (rlo < c->q->from || rlo > c->q->to))
		return (0);
	if (rlo < c->q->from || rhi > c->q->to) {
		c->aside[A_VAGUE]++;
		return (0);
	}
	if ((v = val(r, st, st->copy)) != NULL && strncmp(v, "BAN_SAO", 7) ==
	    0) {
		c->aside[A_COPY]++;
		return (0);
	}
	if ((v = val(r, st, st->struck)) != NULL &&
	    strcmp(v, FORM_STRUCK_CODE) == 0) {
		c->aside[A_STRUCK]++;
		return (0);
	}
	c->kinds[st->kind]++;
	g = group_of(c, r, st);
	switch (st->kind) {
	case K_KS:
		count_birth(c, g, r, st, rlo, rhi);
		break;
	case K_KT:
		count_death(c, g, r, st, rlo, rhi);
		break;
	case K_KH:
		count_marriage(c, g, r, st, rlo, rhi);
		break;
	case K_CMC:
	case K_TDCC:
		count_other(g, r, st);
		break;
	default:
		break;
	}
	return (0);
}

/* What vague_cb looks for: dates written to the year, or the month. */
struct vague {
	struct counter	*c;
	int		 year, month;
};

/*
 * An entry registered on the day a date written vaguely starts, before
 * the period: noted if its date is so vague (it overlaps the period
 * without fitting in it).
 */
static int
vague_cb(const struct rec *r, void *arg)
{
	struct vague		*v = arg;
	const struct fstat	*st;
	const char		*s;
	struct vdate		 d;

	if (r->state == RS_DRAFT || (st = fstat_of(v->c, r->form)) == NULL ||
	    (s = val(r, st, st->regdate)) == NULL ||
	    date_parse(s, &d, NULL) != 0)
		return (0);
	if ((v->year && d.month == 0) || (v->month && d.month != 0 &&
	    d.day == 0))
		v->c->aside[A_VAGUE]++;
	return (0);
}

/*
 * Note the entries dated by a year or a month that overlaps the period
 * but starts before it: the range read of the period does not reach
 * them. Returns 0, or -1 with *cause set.
 */
static int
count_vague(struct store *s, struct counter *c, char **cause)
{
	struct vague	 v;
	struct vdate	 d;
	u_char		 k[IDXKEY_DAY_LEN];

	v.c = c;
	date_from_daynum(c->q->from, &d);
	if (date_daynum(d.year, 1, 1) < c->q->from) {
		/* Its year, and its month if that starts the year too. */
		v.year = 1;
		v.month = d.month == 1;
		idxkey_day(date_daynum(d.year, 1, 1), k);
		if (store_lookup(s, SI_REGDATE, k, sizeof k, 0, vague_cb, &v,
		    cause) != 0)
			return (-1);
	}
	if (d.day != 1 && d.month != 1) {
		v.year = 0;
		v.month = 1;
		idxkey_day(date_daynum(d.year, d.month, 1), k);
		if (store_lookup(s, SI_REGDATE, k, sizeof k, 0, vague_cb, &v,
		    cause) != 0)
			return (-1);
	}
	return (0);
}

/* The clerk or day named key in *v, *n, made if new. */
static struct work *
work_of(struct work **v, size_t *n, const char *key, const char *label)
{
	size_t	lo = 0, hi = *n, mid;
	int	cmp;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((cmp = strcmp(key, (*v)[mid].key)) == 0)
			return (&(*v)[mid]);
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	memmove(&(*v)[lo + 1], &(*v)[lo], (*n - lo) * sizeof **v);
	(*n)++;
	memset(&(*v)[lo], 0, sizeof **v);
	(*v)[lo].key = xstrdup(key);
	(*v)[lo].label = xstrdup(label);
	return (&(*v)[lo]);
}

static int
book_cmp(const void *k, size_t len, const struct tbook *b)
{
	int	c;

	c = memcmp(k, b->key, len < b->len ? len : b->len);
	return (c != 0 ? c : (len > b->len) - (len < b->len));
}

/* Remember the book of r, typed in the period. */
static void
touch_book(struct counter *c, const struct rec *r, const struct fstat *st)
{
	const char	*v, *now[4];
	char		*key;
	size_t		 len, lo = 0, hi = c->nbooks, mid, k;
	int		 cmp;
	struct tbook	*b;

	/* The book of the entry before, most often. */
	now[0] = st->f->id;
	now[1] = val(r, st, st->office);
	now[2] = val(r, st, st->year);
	now[3] = val(r, st, st->book);
	for (k = 0; k < 4; k++) {
		if (now[k] == NULL || c->last_book[k] == NULL ||
		    strcmp(now[k], c->last_book[k]) != 0)
			break;
	}
	if (k == 4)
		return;
	for (k = 0; k < 4; k++) {
		free(c->last_book[k]);
		c->last_book[k] = now[k] != NULL ? xstrdup(now[k]) : NULL;
	}
	if ((key = store_book_key(r, st->f, &len)) == NULL)
		return;
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((cmp = book_cmp(key, len, &c->books[mid])) == 0) {
			free(key);
			return;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	c->books = xreallocarray(c->books, c->nbooks + 1, sizeof *c->books);
	memmove(&c->books[lo + 1], &c->books[lo],
	    (c->nbooks - lo) * sizeof *c->books);
	c->nbooks++;
	b = &c->books[lo];
	b->key = key;
	b->len = len;
	b->f = st->f;
	b->office = xstrdup((v = val(r, st, st->office)) != NULL ? v : "");
	b->year = xstrdup((v = val(r, st, st->year)) != NULL ? v : "");
	b->number = xstrdup((v = val(r, st, st->book)) != NULL ? v : "");
}

/* One record of the work view: typed in the period. */
static int
work_cb(const struct rec *r, void *arg)
{
	struct counter		*c = arg;
	const struct fstat	*st;
	struct work		*w;
	struct tm		 tm;
	time_t			 t = (time_t)r->created;
	const char		*who;
	u_long			 day;
	size_t			 i;

	if (r->state == RS_DRAFT || (st = fstat_of(c, r->form)) == NULL)
		return (0);
	if (c->scanning && (t < c->t_lo || t >= c->t_hi))
		return (0);
	if (t < c->day_lo || t >= c->day_hi) {
		localtime_r(&t, &tm);
		c->day = (u_long)date_daynum(tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday);
		snprintf(c->day_key, sizeof c->day_key, "%04d%02d%02d",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
		snprintf(c->day_label, sizeof c->day_label, "%02d/%02d/%04d",
		    tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
		c->day_lo = date_day_start((long)c->day);
		c->day_hi = date_day_start((long)c->day + 1);
	}
	day = c->day;
	w = work_of(&c->days, &c->ndays, c->day_key, c->day_label);
	w->n[st->kind]++;
	w->total++;
	who = *r->user != '\0' ? r->user : _("(imported)");
	w = work_of(&c->clerks, &c->nclerks, who, who);
	w->n[st->kind]++;
	w->total++;
	w->state[r->state < RS_COUNT ? r->state : RS_ENTERED]++;
	for (i = 0; i < w->ndays; i++)
		if (w->days[i] == day)
			break;
	if (i == w->ndays) {
		w->days = xreallocarray(w->days, w->ndays + 1,
		    sizeof *w->days);
		w->days[w->ndays++] = day;
	}
	touch_book(c, r, st);
	for (i = 0; i < r->nvals; i++) {
		switch (r->vals[i].status) {
		case FS_BLANK:
			c->status[0][st->kind]++;
			break;
		case FS_ILLEGIBLE:
			c->status[1][st->kind]++;
			break;
		case FS_PARTIAL:
			c->status[2][st->kind]++;
			break;
		case FS_STRUCK:
			c->status[3][st->kind]++;
			break;
		default:
			break;
		}
	}
	return (0);
}

/* The columns of a table: heading, CSV key, decimals; NULL ends them. */
struct colspec {
	const char	*head;
	const char	*key;
	int		 prec;
	enum measure	 m;
};

static void	note(struct report_table *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static const struct colspec ks_cols[] = {
	{ N_("Total\nnumber"), "births", 0, KS_TOTAL },
	{ N_("Kinh"), "births_kinh", 0, KS_KINH },
	{ N_("Other\nethnic"), "births_other_ethnic", 0, KS_OTHER },
	{ N_("Male"), "births_male", 0, KS_MALE },
	{ N_("Female"), "births_female", 0, KS_FEMALE },
	{ N_("On time"), "births_on_time", 0, KS_ONTIME },
	{ N_("Late"), "births_late", 0, KS_LATE },
	{ N_("Late: born\nin the year"), "births_late_born_in_year", 0,
	    KS_LATE_YEAR },
	{ N_("Late:\nunder 5"), "births_late_under_5", 0, KS_LATE_UNDER5 },
	{ N_("Re-regis-\ntered"), "births_reregistered", 0, KS_REREG },
	{ NULL, NULL, 0, 0 }
};
static const struct colspec kt_cols[] = {
	{ N_("Total\nnumber"), "deaths", 0, KT_TOTAL },
	{ N_("Under 1"), "deaths_under_1", 0, KT_U1 },
	{ N_("1 to\nunder 5"), "deaths_1_to_5", 0, KT_U5 },
	{ N_("5 and\nover"), "deaths_5_and_over", 0, KT_5UP },
	{ N_("On time"), "deaths_on_time", 0, KT_ONTIME },
	{ N_("Late"), "deaths_late", 0, KT_LATE },
	{ N_("Re-regis-\ntered"), "deaths_reregistered", 0, KT_REREG },
	{ NULL, NULL, 0, 0 }
};
static const struct colspec kh_cols[] = {
	{ N_("Total\n(couples)"), "marriages", 0, KH_TOTAL },
	{ N_("First\nmarriage"), "marriages_first", 0, KH_FIRST },
	{ N_("Mean age\nmen"), "first_marriage_age_men", 1, KH_AGE_M },
	{ N_("Mean age\nwomen"), "first_marriage_age_women", 1, KH_AGE_F },
	{ N_("Re-regis-\ntered"), "marriages_reregistered", 0, KH_REREG },
	{ NULL, NULL, 0, 0 }
};
static const struct colspec other_cols[] = {
	{ N_("Change"), "changes", 0, O_THAY_DOI },
	{ N_("Correc-\ntion"), "corrections", 0, O_CAI_CHINH },
	{ N_("Supple-\nment"), "supplements", 0, O_BO_SUNG },
	{ N_("Ethnicity\nagain"), "ethnicity_redetermined", 0, O_DAN_TOC },
	{ N_("Sex\nagain"), "sex_redetermined", 0, O_GIOI_TINH },
	{ N_("By court\ndecision"), "court_decisions", 0, O_BAN_AN },
	{ N_("Parent-\nage"), "parentage", 0, O_CMC },
	{ N_("Recorded\nfrom abroad"), "recorded_from_abroad", 0,
	    O_FOREIGN },
	{ NULL, NULL, 0, 0 }
};

static const char *
by_head(enum report_by by)
{
	switch (by) {
	case RB_OFFICE:
		return (_("Office"));
	case RB_TYPE:
		return (_("Register"));
	case RB_CLERK:
		return (_("Clerk"));
	case RB_BOOK:
		return (_("Book"));
	case RB_YEAR:
		return (_("Year"));
	default:
		return ("");
	}
}

/* A table of the events view: a row per group, then the total. */
static struct report_table *
event_table(struct report *rep, struct counter *c, const char *title,
    const char *key, const struct colspec *cols)
{
	struct report_table	*t;
	struct report_row	*row;
	double			 sum[2] = { 0, 0 }, n[2] = { 0, 0 };
	size_t			 i, j;

	t = report_table_add(rep, title, key, by_head(c->q->by));
	for (j = 0; cols[j].head != NULL; j++)
		report_col_add(t, _(cols[j].head), cols[j].key, cols[j].prec);
	for (i = 0; i < c->ng; i++) {
		/* A group with nothing in this table is left out of it. */
		for (j = 0; cols[j].head != NULL; j++)
			if (c->g[i].v[cols[j].m] != 0 || ((cols[j].m ==
			    KH_AGE_M || cols[j].m == KH_AGE_F) &&
			    c->g[i].age_n[cols[j].m == KH_AGE_F] > 0))
				break;
		if (cols[j].head == NULL && c->q->by != RB_NONE)
			continue;
		row = report_row_add(t, c->g[i].label, c->q->by == RB_NONE ?
		    "total" : c->g[i].label);
		row->total = c->q->by == RB_NONE;
		report_row_order(row, c->g[i].key);
		for (j = 0; cols[j].head != NULL; j++) {
			if (cols[j].m == KH_AGE_M || cols[j].m == KH_AGE_F) {
				int	who = cols[j].m == KH_AGE_F;

				report_ratio(t, row, j, c->g[i].age_sum[who],
				    c->g[i].age_n[who], 1);
				sum[who] += c->g[i].age_sum[who];
				n[who] += c->g[i].age_n[who];
			} else
				row->v[j] = c->g[i].v[cols[j].m];
		}
	}
	if (c->q->by != RB_NONE || c->ng == 0) {
		report_total(t, _("Total"));
		row = &t->rows[t->nrows - 1];
		for (j = 0; cols[j].head != NULL; j++) {
			if (cols[j].m == KH_AGE_M)
				report_ratio(t, row, j, sum[0], n[0], 1);
			if (cols[j].m == KH_AGE_F)
				report_ratio(t, row, j, sum[1], n[1], 1);
		}
	}
	return (t);
}

/*
 * Note under table t what fmt says of a count, its one argument (a
 * u_long, "%lu" in fmt); nothing is printed if the count is 0, but the
 * count is kept for report_add (report_note_count).
 */
static void
note(struct report_table *t, const char *fmt, ...)
{
	va_list	 ap;
	u_long	 n;

	va_start(ap, fmt);
	n = va_arg(ap, u_long);
	va_end(ap);
	report_note_count(t, fmt, n);
}

static const char *
kind_head(enum kind k)
{
	static const char *heads[K_COUNT] = {
		N_("Births"), N_("Deaths"), N_("Marriages"), N_("Parentage"),
		N_("Changes"), N_("Other")
	};

	return (_(heads[k]));
}

static void
events_tables(struct report *rep, struct counter *c)
{
	struct report_table	*t;
	struct report_row	*row;
	char			 order[24];
	size_t			 k;

	t = event_table(rep, c, _("1. Births (form 13a, columns 1-10)"),
	    "births", ks_cols);
	note(t, _("Sex not written: %lu."),
	    c->aside[A_KS_SEX]);
	note(t, _("Ethnicity not written: %lu."),
	    c->aside[A_KS_ETHNIC]);
	note(t, _("On time or late, the book and the dates do not say: %lu."),
	    c->aside[A_KS_WHEN]);
	t = event_table(rep, c, _("2. Deaths (form 13a, columns 11-17)"),
	    "deaths", kt_cols);
	note(t, _("Age at death not known: %lu."),
	    c->aside[A_KT_AGE]);
	note(t, _("On time or late, the book and the dates do not say: %lu."),
	    c->aside[A_KT_WHEN]);
	event_table(rep, c, _("3. Marriages (form 13a, columns 18-22)"),
	    "marriages", kh_cols);
	t = event_table(rep, c, _("4. Other civil-status events (form 14a)"),
	    "other_events", other_cols);
	note(t, _("Re-issues of a birth certificate, not counted: %lu."),
	    c->aside[A_OTHER_TYPE]);

	/* The share of each register. */
	t = report_table_add(rep, _("5. Entries by register"), "registers",
	    _("Register"));
	report_col_add(t, _("Entries\ncounted"), "entries", 0);
	report_col_add(t, _("Share %"), "share_percent", 2);
	for (k = 0; k < K_COUNT; k++) {
		if (c->kinds[k] == 0 && k == K_OTHER)
			continue;
		row = report_row_add(t, kind_head(k), kind_ids[k] != NULL ?
		    kind_ids[k] : "other");
		snprintf(order, sizeof order, "%02zu", k);
		report_row_order(row, order);
		row->v[0] = c->kinds[k];
	}
	report_total(t, _("Total"));
	report_share(t, 1, 0, 100);
	note(t, _("Archive copies, not counted: %lu."),
	    c->aside[A_COPY]);
	note(t, _("Entries struck out in the book, not counted: %lu."),
	    c->aside[A_STRUCK]);
	note(t, _("Entries whose registration date is vaguer than the "
	    "period (a year or a month alone), not counted: %lu."),
	    c->aside[A_VAGUE]);
}

/* A table of the work done: a row per clerk or per day. */
static void
work_table(struct report *rep, const char *title, const char *key,
    const char *head, struct work *v, size_t n, int clerks)
{
	struct report_table	*t;
	struct report_row	*row;
	size_t			 i, k, j;

	t = report_table_add(rep, title, key, head);
	report_col_add(t, _("Total\nnumber"), "entries", 0);
	for (k = 0; k < K_OTHER; k++)
		report_col_add(t, kind_head(k), kind_ids[k], 0);
	if (clerks) {
		report_col_add(t, _("Days"), "days", 0);
		report_col_add(t, _("A day"), "per_day", 1);
	}
	for (i = 0; i < n; i++) {
		row = report_row_add(t, v[i].label, v[i].key);
		report_row_order(row, v[i].key);
		row->v[0] = v[i].total;
		for (k = 0, j = 1; k < K_OTHER; k++)
			row->v[j++] = v[i].n[k];
		if (clerks) {
			row->v[j++] = v[i].ndays;
			report_ratio(t, row, j, v[i].total, v[i].ndays, 1);
		}
	}
	report_total(t, _("Total"));
}

static void
work_tables(struct report *rep, struct counter *c)
{
	struct report_table	*t;
	struct report_row	*row;
	static const char *heads[4] = {
		N_("Blank"), N_("Illegible"), N_("Partly\nlegible"),
		N_("Struck\nout")
	};
	static const char *keys[4] = {
		"blank", "illegible", "partial", "struck"
	};
	size_t			 k, s;

	work_table(rep, _("6. Entries typed, by clerk"), "typed_by_clerk",
	    _("Clerk"), c->clerks, c->nclerks, 1);
	work_table(rep, _("7. Entries typed, by day"), "typed_by_day",
	    _("Day"), c->days, c->ndays, 0);
	t = report_table_add(rep, _("8. Fields marked in the entries typed"),
	    "field_statuses", _("Register"));
	for (s = 0; s < 4; s++)
		report_col_add(t, _(heads[s]), keys[s], 0);
	for (k = 0; k < K_COUNT; k++) {
		if (k == K_OTHER)
			continue;
		row = report_row_add(t, kind_head(k), kind_ids[k]);
		for (s = 0; s < 4; s++)
			row->v[s] = c->status[s][k];
	}
	report_total(t, _("Total"));
}

static const struct {
	const char	*decision;
	const char	*label;
} pair_rows[] = {
	{ PAIR_OPEN, N_("Open") },
	{ PAIR_SUPERVISOR, N_("Waiting for a supervisor") },
	{ PAIR_NOT_DUPLICATE, N_("Not a duplicate") },
	{ PAIR_TYPED_TWICE, N_("Typed twice: one kept") },
	{ PAIR_SAME_PERSON, N_("Same person, another event") },
};
#define NPAIR_ROWS (sizeof pair_rows / sizeof pair_rows[0])

static int
pair_cb(const struct store_pair *p, void *arg)
{
	u_long	*n = arg;
	size_t	 k;

	for (k = 0; k < NPAIR_ROWS; k++)
		if (strcmp(p->decision, pair_rows[k].decision) == 0)
			n[k]++;
	return (0);
}

/* A book's numbers, from the number index: number and entry id. */
struct numwalk {
	size_t		 plen;		/* the book key's length */
	struct {
		long		 n;
		uint64_t	 id;
	}		*v;
	size_t		 n, cap;
};

static int
num_cb(const void *k, size_t len, uint64_t id, void *arg)
{
	struct numwalk	*w = arg;
	const u_char	*p = (const u_char *)k + w->plen;

	/* A longer book number that starts alike is another book. */
	if (len != w->plen + IDXKEY_NUMBER_LEN)
		return (0);
	if (w->n == w->cap) {
		w->cap = w->cap == 0 ? 256 : w->cap * 2;
		w->v = xreallocarray(w->v, w->cap, sizeof *w->v);
	}
	w->v[w->n].n = (long)((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3]);
	w->v[w->n].id = id;
	w->n++;
	return (0);
}

/* Whether entry id gives a reason for its number (form f); -1 on error. */
static int
has_reason(struct store *s, const struct form *f, uint64_t id, char **cause)
{
	struct rec	*r;
	int		 ret;

	switch (store_get(s, id, &r, cause)) {
	case 0:
		break;
	case 1:
		return (0);
	default:
		return (-1);
	}
	ret = rec_field_ok(r, f, form_field_index(f,
	    REGCHECK_REASON_FIELD)) != NULL;
	rec_free(r);
	return (ret);
}

/* What scan_book says of a book. */
struct bookfacts {
	long		 pages;		/* the page of the highest number */
	u_long		 missing;	/* numbers not used, first to last */
	u_long		 done, open;	/* repeats with a reason, without */
};

/*
 * Read the numbers of the book of key (len bytes, form f) from the number
 * index alone, from first to last (0: the lowest and highest used): the
 * numbers missing, and of the numbers used more than once those an entry
 * gives a reason for and the others; then the page of the entry with the
 * highest number. Only those entries are read. Returns 0, or -1 with
 * *cause set.
 */
static int
scan_book(struct store *s, const struct form *f, const void *key,
    size_t len, long first, long last, struct bookfacts *bf, char **cause)
{
	struct numwalk	 w;
	struct rec	*r;
	const char	*v;
	size_t		 i, j, k;
	u_long		 used = 0;
	long		 n;
	int		 reason, ret = -1;

	memset(bf, 0, sizeof *bf);
	memset(&w, 0, sizeof w);
	w.plen = len;
	if (store_index_walk(s, SI_REGNO, key, len, len, num_cb, &w,
	    cause) != 0)
		goto out;
	if (w.n == 0) {
		ret = 0;
		goto out;
	}
	/* The index gives them by number, an entry's repeats together. */
	if (first <= 0)
		first = w.v[0].n;
	if (last <= 0)
		last = w.v[w.n - 1].n;
	for (i = 0; i < w.n; i = j) {
		for (j = i; j < w.n && w.v[j].n == w.v[i].n; j++)
			;
		if (w.v[i].n >= first && w.v[i].n <= last)
			used++;
		if (j - i < 2)
			continue;
		reason = 0;
		for (k = i; k < j && !reason; k++)
			if ((reason = has_reason(s, f, w.v[k].id, cause)) < 0)
				goto out;
		if (reason)
			bf->done++;
		else
			bf->open++;
	}
	if (last >= first)
		bf->missing = (u_long)(last - first + 1) - used;
	switch (store_get(s, w.v[w.n - 1].id, &r, cause)) {
	case 0:
		if ((v = rec_field_ok(r, f, form_field_index(f,
		    "trang_so"))) != NULL && number_parse(v, &n) == 0)
			bf->pages = n;
		rec_free(r);
		break;
	case 1:
		break;
	default:
		goto out;
	}
	ret = 0;
out:
	free(w.v);
	return (ret);
}

/*
 * The books typed into in the period: entries against the closing note,
 * the page of its highest number against the book's pages, the numbers
 * missing and repeated with and without a reason given (scan_book); and
 * how many books
 * the database has, and of them finished (marked so, or as many entries
 * as the closing note says). Returns 0, or -1 with *cause set.
 */
static int
books_table(struct report *rep, struct store *s, struct counter *c,
    char **cause)
{
	struct report_table	*t;
	struct report_row	*row;
	struct bookfacts	 bf;
	struct book		*b, **all;
	struct rec		*r;
	char			*label, *key, year[16];
	size_t			 i, n, len;
	u_long			 count, finished = 0;
	long			 y;
	int			 ret;

	t = report_table_add(rep, _("10. Books typed into in the period"),
	    "books", _("Book"));
	report_col_add(t, _("Entries\ntyped"), "entries", 0);
	report_col_add(t, _("Closing\nnote"), "closing_note", 0);
	report_col_add(t, _("Typed %"), "typed_percent", 1);
	report_col_add(t, _("Pages\ntyped"), "pages_typed", 0);
	report_col_add(t, _("Pages in\nthe book"), "pages", 0);
	report_col_add(t, _("Numbers\nmissing"), "numbers_missing", 0);
	report_col_add(t, _("Repeats\nopen"), "repeats_open", 0);
	report_col_add(t, _("Repeats\nexplained"), "repeats_explained", 0);
	for (i = 0; i < c->nbooks; i++) {
		struct tbook	*tb = &c->books[i];

		xasprintf(&label, "%s %s/%s", tb->f->reg, tb->year,
		    tb->number);
		row = report_row_add(t, label, label);
		report_row_order(row, label);
		free(label);
		count = 0;
		if (store_index_count_key(s, SI_BOOK, tb->key, tb->len, &count,
		    cause) != 0)
			return (-1);
		row->v[0] = count;
		row->v[1] = row->v[2] = row->v[4] = REPORT_NA;
		b = NULL;
		if (number_parse(tb->year, &y) == 0 && store_book_get(s,
		    tb->office, tb->f->id, y, tb->number, &b, cause) == -1)
			return (-1);
		if (b != NULL && b->closing_count > 0) {
			row->v[1] = b->closing_count;
			report_ratio(t, row, 2, count, b->closing_count, 100);
		}
		if (b != NULL && b->pages > 0)
			row->v[4] = b->pages;
		ret = scan_book(s, tb->f, tb->key, tb->len,
		    b != NULL ? b->closing_first : 0,
		    b != NULL ? b->closing_last : 0, &bf, cause);
		store_book_free(b);
		if (ret != 0)
			return (-1);
		row->v[3] = bf.pages;
		row->v[5] = bf.missing;
		row->v[6] = bf.open;
		row->v[7] = bf.done;
	}
	report_total(t, _("Total"));

	if (store_books(s, &all, &n, cause) != 0)
		return (-1);
	for (i = 0; i < n; i++) {
		const struct form	*f;

		b = all[i];
		f = NULL;
		for (len = 0; len < c->nfs; len++)
			if (strcmp(c->fs[len].f->id, b->form) == 0)
				f = c->fs[len].f;
		count = 0;
		if (b->status != BS_OPEN)
			finished++;
		else if (f != NULL && b->closing_count > 0) {
			snprintf(year, sizeof year, "%ld", b->year);
			r = rec_book_fields(f, b->office, year, b->number);
			if ((key = store_book_key(r, f, &len)) != NULL &&
			    store_index_count_key(s, SI_BOOK, key, len, &count,
			    cause) == 0 && count >= (u_long)b->closing_count)
				finished++;
			free(key);
			rec_free(r);
		}
		store_book_free(b);
	}
	free(all);
	note(t, _("Books in the database: %lu."), (u_long)n);
	note(t, _("Finished (so marked, or as many entries as the closing "
	    "note): %lu."), finished);
	return (0);
}

/* The pairs flagged as probable duplicates, by what was decided. */
static int
pairs_table(struct report *rep, struct store *s, char **cause)
{
	struct report_table	*t;
	struct report_row	*row;
	u_long			 n[NPAIR_ROWS];
	size_t			 k;

	memset(n, 0, sizeof n);
	if (store_pairs(s, pair_cb, n, cause) != 0)
		return (-1);
	t = report_table_add(rep, _("9. Probable duplicates flagged, now"),
	    "duplicate_flags", _("Decision"));
	report_col_add(t, _("Pairs"), "pairs", 0);
	for (k = 0; k < NPAIR_ROWS; k++) {
		row = report_row_add(t, _(pair_rows[k].label),
		    pair_rows[k].decision);
		row->v[0] = n[k];
	}
	report_total(t, _("Total"));
	return (0);
}

/* One verification by re-keying, if it was made in the period. */
static int
verif_cb(const struct store_verif *v, void *arg)
{
	struct counter	*c = arg;
	struct work	*w;
	size_t		 i;
	double		 k = 0, r = 0;

	if (v->when < c->t_lo || v->when >= c->t_hi)
		return (0);
	for (i = 0; i < v->ndiffs; i++) {
		k += v->diffs[i].keyer;
		r += v->diffs[i].verifier;
		w = work_of(&c->fields, &c->nfields, v->diffs[i].key,
		    v->diffs[i].key);
		w->fwrong += v->diffs[i].keyer;
		w->vwrong += v->diffs[i].verifier;
	}
	w = work_of(&c->clerks, &c->nclerks, *v->clerk != '\0' ? v->clerk :
	    _("(imported)"), *v->clerk != '\0' ? v->clerk : _("(imported)"));
	w->rekeyed++;
	w->wrong += k > 0;
	w->fields += v->compared;
	w->fwrong += k;
	w = work_of(&c->verifiers, &c->nverifiers, v->verifier, v->verifier);
	w->rekeyed++;
	w->fields += v->compared;
	w->vwrong += r;
	return (0);
}

/*
 * The review of the period: each clerk's entries by state now and what
 * re-keying found in them; each verifier's re-keying; the fields found
 * wrong. Verifications count in the period they were made in.
 */
static int
review_tables(struct report *rep, struct store *s, struct counter *c,
    char **cause)
{
	struct report_table	*t;
	struct report_row	*row;
	struct work		*w;
	size_t			 i;

	if (store_verifs(s, verif_cb, c, cause) != 0)
		return (-1);
	t = report_table_add(rep, _("11. Review, by clerk"), "review_by_clerk",
	    _("Clerk"));
	report_col_add(t, _("Entered"), "entered", 0);
	report_col_add(t, _("Verified"), "verified", 0);
	report_col_add(t, _("Approved"), "approved", 0);
	report_col_add(t, _("Re-keyed"), "rekeyed", 0);
	report_col_add(t, _("With an\nerror"), "with_error", 0);
	report_col_add(t, _("Fields\ncompared"), "fields", 0);
	report_col_add(t, _("Fields\nwrong"), "fields_wrong", 0);
	report_col_add(t, _("Wrong\nper 1000"), "per_1000", 1);
	for (i = 0; i < c->nclerks; i++) {
		w = &c->clerks[i];
		row = report_row_add(t, w->label, w->key);
		report_row_order(row, w->key);
		row->v[0] = w->state[RS_ENTERED];
		row->v[1] = w->state[RS_VERIFIED];
		row->v[2] = w->state[RS_APPROVED];
		row->v[3] = w->rekeyed;
		row->v[4] = w->wrong;
		row->v[5] = w->fields;
		row->v[6] = w->fwrong;
		report_ratio(t, row, 7, w->fwrong, w->fields, 1000);
	}
	report_total(t, _("Total"));
	report_note_add(t, _("Entered, verified, approved: the entries typed "
	    "in the period, as they are now. Re-keyed: blind verifications "
	    "made in the period."));

	t = report_table_add(rep, _("12. Re-keying, by verifier"),
	    "review_by_verifier", _("Verifier"));
	report_col_add(t, _("Re-keyed"), "rekeyed", 0);
	report_col_add(t, _("Fields\ncompared"), "fields", 0);
	report_col_add(t, _("Verifier\nwrong"), "verifier_wrong", 0);
	for (i = 0; i < c->nverifiers; i++) {
		w = &c->verifiers[i];
		row = report_row_add(t, w->label, w->key);
		report_row_order(row, w->key);
		row->v[0] = w->rekeyed;
		row->v[1] = w->fields;
		row->v[2] = w->vwrong;
	}
	report_total(t, _("Total"));

	t = report_table_add(rep, _("13. Fields found different by re-keying"),
	    "review_by_field", _("Field"));
	report_col_add(t, _("Keyer\nwrong"), "keyer_wrong", 0);
	report_col_add(t, _("Verifier\nwrong"), "verifier_wrong", 0);
	for (i = 0; i < c->nfields; i++) {
		w = &c->fields[i];
		row = report_row_add(t, w->label, w->key);
		report_row_order(row, w->key);
		row->v[0] = w->fwrong;
		row->v[1] = w->vwrong;
	}
	report_total(t, _("Total"));
	return (0);
}

/* Counting the index entries of a range, up to a limit. */
struct rangecount {
	const u_char	*hi;
	size_t		 hilen;
	u_long		 n, limit;
};

static int
rangecount_cb(const void *k, size_t len, uint64_t id, void *arg)
{
	struct rangecount	*rc = arg;
	int			 cmp;

	(void)id;
	cmp = memcmp(k, rc->hi, len < rc->hilen ? len : rc->hilen);
	if (cmp > 0 || (cmp == 0 && len >= rc->hilen))
		return (1);
	return (++rc->n > rc->limit);
}

/*
 * Call fn for the records whose key in index which lies from lo to below
 * hi (len bytes each): through the index, which reads them in key order
 * a page each, or, when they are more than a quarter of all the records
 * (as the last id counts them), by a scan of every record in id order a
 * megabyte at a time (fn then
 * sees the others too and must pass them by: c->scanning says so).
 * Counting them first walks the index alone. Returns 0, or -1 with
 * *cause set.
 */
static int
read_range(struct store *s, struct counter *c, enum store_index which,
    const u_char *lo, const u_char *hi, size_t len, store_scan_cb fn,
    char **cause)
{
	struct rangecount	 rc;
	uint64_t		 all;
	int			 ret;

	/*
	 * Ids are given in order: the last entered is about how many
	 * there are (a full count reads the whole entry-time index).
	 */
	if (store_index_last(s, SI_ENTERED, "", 0, 0, &all, NULL, NULL,
	    cause) != 0)
		return (-1);
	memset(&rc, 0, sizeof rc);
	rc.hi = hi;
	rc.hilen = len;
	rc.limit = (u_long)(all / 4);
	if (store_index_walk(s, which, lo, len, 0, rangecount_cb, &rc,
	    cause) != 0)
		return (-1);
	if (rc.n <= rc.limit || all < 1000)
		return (store_range(s, which, lo, len, hi, len, fn, c, cause));
	c->scanning = 1;
	ret = store_scan(s, NULL, fn, c, cause);
	c->scanning = 0;
	return (ret);
}

static void
work_free(struct work *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].label);
		free(v[i].days);
	}
	free(v);
}

static void
counter_free(struct counter *c)
{
	size_t	i;

	for (i = 0; i < c->ng; i++) {
		free(c->g[i].key);
		free(c->g[i].label);
	}
	free(c->g);
	work_free(c->clerks, c->nclerks);
	work_free(c->verifiers, c->nverifiers);
	work_free(c->fields, c->nfields);
	work_free(c->days, c->ndays);
	for (i = 0; i < c->nbooks; i++) {
		free(c->books[i].key);
		free(c->books[i].office);
		free(c->books[i].year);
		free(c->books[i].number);
	}
	free(c->books);
	for (i = 0; i < 4; i++)
		free(c->last_book[i]);
	free(c->fs);
}

/*
 * Count the records of store s (of the forms of fs) for query q into a
 * new report in *repp (free it with report_free): the views q asks for,
 * with the heading fields of q. Returns 0, or -1 with *cause set.
 */
int
report_count(struct store *s, const struct formset *fs,
    const struct report_query *q, struct report **repp, char **cause)
{
	struct counter	 c;
	struct report	*rep;
	u_char		 lo[IDXKEY_TIME_LEN], hi[IDXKEY_TIME_LEN];
	size_t		 i;

	*repp = NULL;
	if (store_may(s, ACT_REPORT, cause) != 0)
		return (-1);
	memset(&c, 0, sizeof c);
	c.q = q;
	c.fs = xcalloc(fs->n == 0 ? 1 : fs->n, sizeof *c.fs);
	for (i = 0; i < fs->n; i++)
		fstat_init(&c.fs[c.nfs++], fs->v[i]);
	rep = report_new();
	rep->office = xstrdup(q->office != NULL ? q->office : "");
	rep->superior = q->superior != NULL ? xstrdup(q->superior) : NULL;
	rep->title = xstrdup(_("CIVIL-STATUS STATISTICS"));
	rep->period = xstrdup(q->period != NULL ? q->period : "");
	rep->place = q->place != NULL ? xstrdup(q->place) : NULL;
	rep->made = q->made;

	if (q->views & RV_EVENTS) {
		idxkey_day(q->from, lo);
		idxkey_day(q->to + 1, hi);
		if (read_range(s, &c, SI_REGDATE, lo, hi, IDXKEY_DAY_LEN,
		    event_cb, cause) != 0 || count_vague(s, &c, cause) != 0)
			goto fail;
		events_tables(rep, &c);
	}
	if (q->views & RV_WORK) {
		c.t_lo = date_day_start(q->from);
		c.t_hi = date_day_start(q->to + 1);
		idxkey_time(c.t_lo, lo);
		idxkey_time(c.t_hi, hi);
		if (read_range(s, &c, SI_ENTERED, lo, hi, IDXKEY_TIME_LEN,
		    work_cb, cause) != 0)
			goto fail;
		work_tables(rep, &c);
		if (pairs_table(rep, s, cause) != 0 ||
		    books_table(rep, s, &c, cause) != 0 ||
		    review_tables(rep, s, &c, cause) != 0)
			goto fail;
	}
	counter_free(&c);
	*repp = rep;
	return (0);

fail:
	counter_free(&c);
	report_free(rep);
	return (-1);
}
