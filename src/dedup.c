/*
 * dedup.c: scoring a pair of records as probably the same person.
 *
 * Each rule gives a weight in bits: log2(m / u), where m is how often
 * the outcome is seen when the two records are the same person typed or
 * registered twice, and u how often it is seen between two different
 * people. An agreement on a name is worth less the more common the name
 * (u is the name's share of the data set). The sum, less a threshold of
 * a threshold (see midpoint()), goes through the logistic function to give the
 * score: 0.5 at the threshold, near 1 well above it. The threshold grows
 * with the logarithm of the number of records, as the chance that two
 * records picked from them are the same person falls.
 *
 * The figures are rough estimates for commune books, tuned against the
 * synthetic generator (tests/bench/dedup-bench.sh); see HACKING.md.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "dedup.h"
#include "i18n.h"
#include "number.h"
#include "utf8.h"
#include "vntext.h"
#include "xmalloc.h"

#define MIDPOINT_MIN	12.0	/* bits of evidence for a score of 0.5 */
#define MIDPOINT_DEFAULT 16.0	/*   not knowing the number of records */
#define DEFAULT_SHARE	(1.0 / 2000)	/* a name's share, not knowing */
#define DATE_SPAN	10950.0	/* days over which dates spread (30 y) */
#define SIMILAR_MIN	0.90	/* name similarity for DN_SIMILAR */
#define GIVEN_MIN	0.85	/* given-name similarity needed too */

struct dedup_form {
	const struct form	*f;
	size_t			 nnames;
	int			 name_field[DEDUP_NAMES];
	const char		*name_label[DEDUP_NAMES];
	size_t			 ndates;
	int			 date_field[DEDUP_DATES];
	const char		*date_label[DEDUP_DATES];
	int			 sex_field;
	const char		*male, *female;	/* the sex codes */
	int			 regtype_field;
	char			**exempt_codes;	/* of regtype_field */
	size_t			 nexempt;
	int			 copy_field, struck_field;
	int			 pid_field;	/* the personal number */
};

struct dedup_freq {
	uint64_t	*keys;		/* 0: empty slot */
	uint32_t	*counts;
	size_t		 size;		/* a power of two */
	size_t		 used;
	u_long		 profiles;
};

/* What the labels of slots are called, by field key. */
static const struct {
	const char	*key;
	const char	*label;
} labels[] = {
	{ "nks_ho_ten", N_("name") },
	{ "nkt_ho_ten", N_("name") },
	{ "ntd_ho_ten", N_("name") },
	{ "me_ho_ten", N_("mother") },
	{ "cha_ho_ten", N_("father") },
	{ "chong_ho_ten", N_("husband's name") },
	{ "vo_ho_ten", N_("wife's name") },
	{ "cm_ho_ten", N_("parent's name") },
	{ "nc_ho_ten", N_("child's name") },
	{ "nks_ngay_sinh", N_("birth date") },
	{ "nkt_ngay_sinh", N_("birth date") },
	{ "ntd_ngay_sinh", N_("birth date") },
	{ "nkt_nam_sinh", N_("birth year") },
	{ "nkt_ngay_chet", N_("death date") },
	{ "chong_ngay_sinh", N_("husband's birth date") },
	{ "vo_ngay_sinh", N_("wife's birth date") },
	{ "chong_nam_sinh", N_("husband's birth year") },
	{ "vo_nam_sinh", N_("wife's birth year") },
	{ "nc_ngay_sinh", N_("child's birth date") },
	{ NULL, NULL }
};

/* Parents' names scored though not in the person key. */
static const char *parent_keys[] = { "me_ho_ten", "cha_ho_ten", NULL };

/* Words of registration types that are legitimate repeats (loose). */
static const char *exempt_words[] = {
	"dang ky lai", "cap ban chinh", "cap lai", "nuoc ngoai", NULL
};

static double	jaro_winkler(const char *, size_t, const char *, size_t);

static uint64_t
hash_bytes(uint64_t h, const void *p, size_t len)
{
	const u_char	*s = p;

	while (len-- > 0)
		h = (h ^ *s++) * 0x100000001b3ULL;
	return (h);
}

static uint64_t
hash_str(uint64_t h, const char *s)
{
	return (hash_bytes(h, s, strlen(s) + 1));
}

#define HASH_INIT	0xcbf29ce484222325ULL

/* Never 0, which marks "none". */
static uint64_t
hash_done(uint64_t h)
{
	h ^= h >> 31;
	return (h == 0 ? 1 : h);
}

static const char *
label_of(const struct form_field *ff)
{
	size_t	i;

	for (i = 0; labels[i].key != NULL; i++)
		if (strcmp(labels[i].key, ff->key) == 0)
			return (labels[i].label);
	return (ff->label != NULL ? ff->label : ff->key);
}

static void
add_name_slot(struct dedup_form *df, int fi)
{
	size_t	i;

	if (fi < 0 || df->nnames == DEDUP_NAMES)
		return;
	for (i = 0; i < df->nnames; i++)
		if (df->name_field[i] == fi)
			return;
	df->name_field[df->nnames] = fi;
	df->name_label[df->nnames++] = label_of(&df->f->fields[fi]);
}

/*
 * If enum e (of field fi) has options that mean male and female, they
 * are the codes of the sex, and fi its field.
 */
static void
sex_from_enum(struct dedup_form *df, const struct form_enum *e, int fi)
{
	size_t	k;

	for (k = 0; k < e->noptions; k++) {
		if (e->options[k].meaning == OM_MALE)
			df->male = e->options[k].code;
		else if (e->options[k].meaning == OM_FEMALE)
			df->female = e->options[k].code;
	}
	if (df->male != NULL || df->female != NULL)
		df->sex_field = fi;
}

/*
 * The sex field of the person whose name is in the first slot, when the
 * person key leaves it out: PREFIX_gioi_tinh, for the name PREFIX_ho_ten.
 */
static void
sex_of_person(struct dedup_form *df)
{
	const char	*key = df->f->fields[df->name_field[0]].key;
	char		*sex;
	int		 fi;

	xasprintf(&sex, "%.*s_gioi_tinh", (int)strcspn(key, "_"), key);
	fi = form_field_index(df->f, sex);
	free(sex);
	if (fi >= 0 && df->f->fields[fi].enm != NULL)
		sex_from_enum(df, df->f->fields[fi].enm, fi);
}

/* Does an option label name a registration that repeats on purpose? */
static int
exempt_label(const char *label)
{
	char	*loose;
	size_t	 i;
	int	 r = 0;

	if (label == NULL || (loose = vntext_key_loose(label)) == NULL)
		return (0);
	for (i = 0; exempt_words[i] != NULL && !r; i++)
		r = strstr(loose, exempt_words[i]) != NULL;
	free(loose);
	return (r);
}

/*
 * Return what the scoring needs of form f: the name slots (the names of
 * its person key, then the parents' names), the date slots (the dates
 * and years of its person key), the sex field, and the fields marking
 * exempt entries. f must outlive it. Free with dedup_form_free.
 */
struct dedup_form *
dedup_form_new(const struct form *f)
{
	struct dedup_form		*df;
	const struct form_field		*ff;
	const struct form_enum		*e;
	const char			*key;
	char				*pid;
	size_t				 i, k;

	df = xcalloc(1, sizeof *df);
	df->f = f;
	df->sex_field = df->regtype_field = -1;
	for (i = 0; i < f->nperson_key; i++) {
		ff = &f->fields[f->person_key[i]];
		switch (ff->type) {
		case FT_NAME:
			add_name_slot(df, f->person_key[i]);
			break;
		case FT_DATE:
		case FT_INT:
			if (df->ndates == DEDUP_DATES)
				break;
			df->date_field[df->ndates] = f->person_key[i];
			df->date_label[df->ndates++] = label_of(ff);
			break;
		case FT_ENUM:
			if ((e = ff->enm) == NULL || df->sex_field != -1)
				break;
			sex_from_enum(df, e, f->person_key[i]);
			break;
		default:
			break;
		}
	}
	for (i = 0; parent_keys[i] != NULL; i++)
		add_name_slot(df, form_field_index(f, parent_keys[i]));
	if (df->sex_field == -1 && df->nnames > 0)
		sex_of_person(df);
	df->pid_field = -1;
	if (df->nnames > 0) {
		key = f->fields[df->name_field[0]].key;
		xasprintf(&pid, "%.*s_so_dinh_danh", (int)strcspn(key, "_"),
		    key);
		df->pid_field = form_field_index(f, pid);
		free(pid);
	}

	df->regtype_field = form_field_index(f, "loai_dang_ky");
	if (df->regtype_field >= 0 &&
	    (e = f->fields[df->regtype_field].enm) != NULL) {
		for (k = 0; k < e->noptions; k++) {
			if (!exempt_label(e->options[k].label))
				continue;
			df->exempt_codes = xreallocarray(df->exempt_codes,
			    df->nexempt + 1, sizeof *df->exempt_codes);
			df->exempt_codes[df->nexempt++] = e->options[k].code;
		}
	}
	df->copy_field = form_field_index(f, "nguon_so");
	df->struck_field = form_field_index(f, FORM_STRUCK_FIELD);
	return (df);
}

/* Free df; NULL is fine. */
void
dedup_form_free(struct dedup_form *df)
{
	if (df == NULL)
		return;
	free(df->exempt_codes);
	free(df);
}

/* The form df was made from. */
const struct form *
dedup_form_form(const struct dedup_form *df)
{
	return (df->f);
}

static enum dedup_exempt
exempt_of(const struct dedup_form *df, const struct rec *r)
{
	const char	*v;
	size_t		 i;

	if ((v = rec_field_ok(r, df->f, df->regtype_field)) != NULL) {
		for (i = 0; i < df->nexempt; i++)
			if (strcmp(v, df->exempt_codes[i]) == 0)
				return (DX_REGTYPE);
	}
	if ((v = rec_field_ok(r, df->f, df->copy_field)) != NULL &&
	    strncmp(v, "BAN_SAO", 7) == 0)
		return (DX_COPY);
	if ((v = rec_field_ok(r, df->f, df->struck_field)) != NULL &&
	    strcmp(v, FORM_STRUCK_CODE) == 0)
		return (DX_STRUCK);
	return (DX_NONE);
}

static uint64_t
hash_key(char *(*fn)(const char *), const char *v)
{
	char		*k;
	uint64_t	 h;

	if ((k = fn(v)) == NULL)
		return (0);
	h = hash_done(hash_str(HASH_INIT, k));
	free(k);
	return (h);
}

/* The office and registration-number hashes of r. */
static void
regno_of(const struct dedup_form *df, const struct rec *r,
    struct dedup_prof *p)
{
	const struct form	*f = df->f;
	const char		*office, *year, *book, *num;
	char			*fo, *fb;
	uint64_t		 h;

	if ((office = rec_field_ok(r, f, f->regno_key[RK_OFFICE])) == NULL ||
	    (fo = utf8_fold(office)) == NULL)
		return;
	h = hash_str(HASH_INIT, fo);
	p->office = hash_done(h);
	free(fo);
	year = rec_field_ok(r, f, f->regno_key[RK_YEAR]);
	book = rec_field_ok(r, f, f->regno_key[RK_BOOK]);
	num = rec_field_ok(r, f, f->regno_key[RK_NUMBER]);
	if (year == NULL || book == NULL || num == NULL ||
	    (fb = utf8_fold(book)) == NULL)
		return;
	h = hash_str(h, f->id);
	h = hash_str(h, year);
	h = hash_str(h, fb);
	h = hash_str(h, num);
	p->regno = hash_done(h);
	free(fb);
}

/*
 * Take out of the words of loose key s the Telex keys a clerk left in by
 * typing with the input method off: tone keys (s f r x j, which no
 * Vietnamese syllable has but as its initial, or in tr), doubled letters
 * for the circumflex and đ (aa ee oo dd) and w for the breve and horn
 * (aw ow uw, or w alone for ư). Nguyeenx becomes nguyen, Hungf hung, Thij thi, Truwowng truong.
 * The key only shrinks, in place.
 */
static void
fold_telex(char *s)
{
	char	*w, *end, *o = s;
	size_t	 len, i;

	for (w = s; *w != '\0'; ) {
		end = w + strcspn(w, " ");
		len = end - w;
		for (i = 0; i < len; i++) {
			if (i > 0 && strchr("sfrxj", w[i]) != NULL &&
			    !(i == 1 && w[0] == 't' && w[1] == 'r'))
				continue;
			if (i > 0 && w[i] == w[i - 1] &&
			    strchr("aeod", w[i]) != NULL)
				continue;
			if (w[i] == 'w') {
				if (i > 0 && strchr("aou", w[i - 1]) != NULL)
					continue;
				*o++ = 'u';
				continue;
			}
			*o++ = w[i];
		}
		w = end;
		if (*w == ' ')
			*o++ = *w++;
	}
	*o = '\0';
}

/*
 * Write i for y in the words of loose key s where Vietnamese spelling
 * allows either: y as the whole vowel after an initial consonant (Sỹ and
 * Sĩ, Quý and Quí, Kỳ and Kì), never in uy (Thúy and Thúi differ).
 */
static void
fold_iy(char *s)
{
	char	*w, *end;

	for (w = s; *w != '\0'; w = *end == '\0' ? end : end + 1) {
		end = w + strcspn(w, " ");
		if (end - w < 2 || end[-1] != 'y')
			continue;
		if (end - w == 3 && w[0] == 'q' && w[1] == 'u') {
			end[-1] = 'i';
			continue;
		}
		if (strcspn(w, "aeiouy") == (size_t)(end - w - 1))
			end[-1] = 'i';
	}
}

/* Date slot i of r into *d (a year alone for a year field); 0, or -1. */
static int
date_slot(const struct dedup_form *df, const struct rec *r, size_t i,
    struct vdate *d)
{
	const char	*v;
	long		 y;

	if ((v = rec_field_ok(r, df->f, df->date_field[i])) == NULL)
		return (-1);
	if (df->f->fields[df->date_field[i]].type == FT_INT) {
		if (number_parse(v, &y) != 0 || y < DATE_MIN_YEAR || y > 9999)
			return (-1);
		d->year = (int)y;
		d->month = d->day = 0;
		return (0);
	}
	if (date_parse(v, d, NULL) != 0 || d->year > 9999)
		return (-1);
	return (0);
}

/*
 * The year dedup_year would give the profile of r, without making it:
 * the year of its first date, or 0.
 */
int
dedup_rec_year(const struct dedup_form *df, const struct rec *r)
{
	struct vdate	d;
	size_t		i;

	for (i = 0; i < df->ndates; i++)
		if (date_slot(df, r, i, &d) == 0)
			return (d.year);
	return (0);
}

/*
 * Return the profile of record r, of the form of df (the keys of its
 * names, its dates, sex, office and number, and whether it is exempt).
 * One allocation: free it with dedup_prof_free (or free).
 */
struct dedup_prof *
dedup_profile(const struct dedup_form *df, const struct rec *r)
{
	const struct form	*f = df->f;
	struct dedup_prof	*p;
	struct vdate		 d;
	const char		*v;
	char			*loose[DEDUP_NAMES], *s;
	uint32_t		 raw[DEDUP_NAMES];
	size_t			 i, len = 0;

	for (i = 0; i < df->nnames; i++) {
		loose[i] = NULL;
		if ((v = rec_field_ok(r, f, df->name_field[i])) != NULL &&
		    (loose[i] = vntext_key_loose(v)) != NULL &&
		    *loose[i] == '\0') {
			free(loose[i]);
			loose[i] = NULL;
		}
		if (loose[i] == NULL)
			continue;
		fold_iy(loose[i]);
		raw[i] = (uint32_t)hash_done(hash_str(HASH_INIT, loose[i]));
		fold_telex(loose[i]);
		fold_iy(loose[i]);
		len += strlen(loose[i]) + 1;
	}
	p = xcalloc(1, sizeof *p + len);
	s = (char *)(p + 1);
	p->id = r->id;
	p->exempt = (int8_t)exempt_of(df, r);
	for (i = 0; i < df->nnames; i++) {
		if (loose[i] == NULL)
			continue;
		v = rec_field_ok(r, f, df->name_field[i]);
		len = strlen(loose[i]) + 1;
		memcpy(s, loose[i], len);
		p->name[i].loose = s;
		s += len;
		p->name[i].same = (uint32_t)hash_key(utf8_fold, v);
		p->name[i].spell = (uint32_t)hash_key(vntext_key_variant, v);
		p->name[i].raw = raw[i];
		p->name[i].hloose = hash_done(hash_str(hash_bytes(HASH_INIT,
		    &i, sizeof i), loose[i]));
		free(loose[i]);
	}
	for (i = 0; i < df->ndates; i++) {
		if (date_slot(df, r, i, &d) != 0)
			continue;
		p->date[i].year = (int16_t)d.year;
		p->date[i].month = (int8_t)d.month;
		p->date[i].day = (int8_t)d.day;
	}
	if ((v = rec_field_ok(r, f, df->sex_field)) != NULL) {
		if (df->male != NULL && strcmp(v, df->male) == 0)
			p->sex = 1;
		else if (df->female != NULL && strcmp(v, df->female) == 0)
			p->sex = 2;
	}
	regno_of(df, r, p);
	if ((v = rec_field_ok(r, f, df->pid_field)) != NULL)
		p->pid = hash_done(hash_str(HASH_INIT, v));
	return (p);
}

/* Free p; NULL is fine. */
void
dedup_prof_free(struct dedup_prof *p)
{
	free(p);
}

/* The last word of a loose key (the given name), and its length. */
static const char *
given_of(const char *s, size_t *len)
{
	const char	*sp = strrchr(s, ' ');

	s = sp == NULL ? s : sp + 1;
	*len = strlen(s);
	return (s);
}

/* The first date slot with a year, or -1. */
static int
first_date(const struct dedup_form *df, const struct dedup_prof *p)
{
	size_t	i;

	for (i = 0; i < df->ndates; i++)
		if (p->date[i].year != 0)
			return ((int)i);
	return (-1);
}

/*
 * The year every blocking key of p holds: the year of its first date, or
 * 0 if it has none. Profiles of different years never share a block, so
 * a batch may compare them a few years at a time.
 */
int
dedup_year(const struct dedup_form *df, const struct dedup_prof *p)
{
	int	di = first_date(df, p);

	return (di == -1 ? 0 : p->date[di].year);
}

/*
 * Put into keys (room for DEDUP_BLOCKS) the blocking keys of p: two
 * profiles that share one are compared. They are the given name with the
 * birth date (or year), the full name with the year, the second name
 * (the mother's, the wife's) with the year, and the full date with the
 * surname and sex, and the personal number with the year; names by
 * their loose keys, dates with the day and month in order (so a swap
 * still meets). An exempt profile has none. Returns how many keys were
 * put.
 */
size_t
dedup_blocks(const struct dedup_form *df, const struct dedup_prof *p,
    uint64_t *keys)
{
	const char	*name, *given;
	uint64_t	 h;
	size_t		 n = 0, glen;
	int		 di, y = 0, m = 0, d = 0;
	u_char		 tag;

	if (p->exempt != DX_NONE || df->nnames == 0 ||
	    (name = p->name[0].loose) == NULL)
		return (0);
	if ((di = first_date(df, p)) != -1) {
		/* Day and month in order, so that a swap meets. */
		y = p->date[di].year;
		m = p->date[di].month;
		d = p->date[di].day;
		if (d != 0 && d < m) {
			d = m;
			m = p->date[di].day;
		}
	}
	given = given_of(name, &glen);

	tag = 1;
	h = hash_bytes(hash_bytes(HASH_INIT, &tag, 1), given, glen);
	h = hash_bytes(h, &y, sizeof y);
	if (d != 0) {
		h = hash_bytes(h, &m, sizeof m);
		h = hash_bytes(h, &d, sizeof d);
	}
	keys[n++] = hash_done(h);

	tag = 2;
	h = hash_str(hash_bytes(HASH_INIT, &tag, 1), name);
	keys[n++] = hash_done(hash_bytes(h, &y, sizeof y));

	if (df->nnames > 1 && p->name[1].loose != NULL) {
		tag = 3;
		h = hash_str(hash_bytes(HASH_INIT, &tag, 1), p->name[1].loose);
		keys[n++] = hash_done(hash_bytes(h, &y, sizeof y));
	}
	if (p->pid != 0) {
		/* With the year too: every key holds it (see dedup_year). */
		tag = 5;
		h = hash_bytes(hash_bytes(HASH_INIT, &tag, 1), &p->pid,
		    sizeof p->pid);
		keys[n++] = hash_done(hash_bytes(h, &y, sizeof y));
	}
	if (d != 0) {
		tag = 4;
		h = hash_bytes(hash_bytes(HASH_INIT, &tag, 1), name,
		    strcspn(name, " "));
		h = hash_bytes(h, &y, sizeof y);
		h = hash_bytes(h, &m, sizeof m);
		h = hash_bytes(h, &d, sizeof d);
		keys[n++] = hash_done(hash_bytes(h, &p->sex, sizeof p->sex));
	}
	return (n);
}

/* Return an empty name count. Free with dedup_freq_free. */
struct dedup_freq *
dedup_freq_new(void)
{
	struct dedup_freq	*fq;

	fq = xcalloc(1, sizeof *fq);
	fq->size = 1024;
	fq->keys = xcalloc(fq->size, sizeof *fq->keys);
	fq->counts = xcalloc(fq->size, sizeof *fq->counts);
	return (fq);
}

static size_t
freq_slot(const struct dedup_freq *fq, uint64_t key)
{
	size_t	i = (size_t)(key * 0x9e3779b97f4a7c15ULL) & (fq->size - 1);

	while (fq->keys[i] != 0 && fq->keys[i] != key)
		i = (i + 1) & (fq->size - 1);
	return (i);
}

static void
freq_grow(struct dedup_freq *fq)
{
	uint64_t	*keys = fq->keys;
	uint32_t	*counts = fq->counts;
	size_t		 size = fq->size, i, j;

	fq->size *= 2;
	fq->keys = xcalloc(fq->size, sizeof *fq->keys);
	fq->counts = xcalloc(fq->size, sizeof *fq->counts);
	for (i = 0; i < size; i++) {
		if (keys[i] == 0)
			continue;
		j = freq_slot(fq, keys[i]);
		fq->keys[j] = keys[i];
		fq->counts[j] = counts[i];
	}
	free(keys);
	free(counts);
}

/* Count the names of p (each in its slot) and p itself. */
void
dedup_freq_add(struct dedup_freq *fq, const struct dedup_prof *p)
{
	size_t	i, j;

	fq->profiles++;
	for (i = 0; i < DEDUP_NAMES; i++) {
		if (p->name[i].loose == NULL)
			continue;
		if ((fq->used + 1) * 2 > fq->size)
			freq_grow(fq);
		j = freq_slot(fq, p->name[i].hloose);
		if (fq->keys[j] == 0) {
			fq->keys[j] = p->name[i].hloose;
			fq->used++;
		}
		fq->counts[j]++;
	}
}

/* How many profiles counted had the name whose hloose is key. */
u_long
dedup_freq_count(const struct dedup_freq *fq, uint64_t key)
{
	size_t	j = freq_slot(fq, key);

	return (fq->keys[j] == key ? fq->counts[j] : 0);
}

/* Free fq; NULL is fine. */
void
dedup_freq_free(struct dedup_freq *fq)
{
	if (fq == NULL)
		return;
	free(fq->keys);
	free(fq->counts);
	free(fq);
}

/*
 * The Jaro-Winkler similarity of byte strings a and b, 0 (nothing in
 * common) to 1 (equal), with the usual prefix bonus (0.1 a byte, up to
 * four bytes).
 */
double
dedup_jaro_winkler(const char *a, const char *b)
{
	return (jaro_winkler(a, strlen(a), b, strlen(b)));
}

/* Jaro-Winkler of the la bytes at a and the lb bytes at b. */
static double
jaro_winkler(const char *a, size_t la, const char *b, size_t lb)
{
	size_t	 win, i, j, k, lo, hi;
	size_t	 m = 0, t = 0, prefix = 0;
	char	 amatch[128], bmatch[128];
	double	 jaro;

	if (la == 0 && lb == 0)
		return (1.0);
	if (la == 0 || lb == 0)
		return (0.0);
	if (la > sizeof amatch)
		la = sizeof amatch;
	if (lb > sizeof bmatch)
		lb = sizeof bmatch;
	memset(amatch, 0, la);
	memset(bmatch, 0, lb);
	win = (la > lb ? la : lb) / 2;
	win = win > 0 ? win - 1 : 0;
	for (i = 0; i < la; i++) {
		lo = i > win ? i - win : 0;
		hi = i + win + 1 < lb ? i + win + 1 : lb;
		for (j = lo; j < hi; j++) {
			if (bmatch[j] || a[i] != b[j])
				continue;
			amatch[i] = bmatch[j] = 1;
			m++;
			break;
		}
	}
	if (m == 0)
		return (0.0);
	for (i = 0, k = 0; i < la; i++) {
		if (!amatch[i])
			continue;
		while (!bmatch[k])
			k++;
		if (a[i] != b[k])
			t++;
		k++;
	}
	jaro = ((double)m / la + (double)m / lb +
	    ((double)m - t / 2.0) / m) / 3.0;
	while (prefix < 4 && prefix < la && prefix < lb &&
	    a[prefix] == b[prefix])
		prefix++;
	return (jaro + prefix * 0.1 * (1.0 - jaro));
}

/* s with its words in reverse order (given name first), into buf. */
static void
reverse_words(const char *s, char *buf, size_t size)
{
	size_t	o = 0, end = strlen(s), start, i;

	while (end > 0 && o + 1 < size) {
		start = end;
		while (start > 0 && s[start - 1] != ' ')
			start--;
		if (o > 0)
			buf[o++] = ' ';
		for (i = start; i < end && o + 1 < size; i++)
			buf[o++] = s[i];
		end = start > 0 ? start - 1 : 0;
	}
	buf[o] = '\0';
}

/*
 * The similarity of two loose name keys, 0 to 1, tuned for Vietnamese
 * names: Jaro-Winkler on the words in reverse order, so that the prefix
 * bonus rewards the given name (the selective word) rather than the
 * surname most people share; or, when the given names alone are far
 * apart (below GIVEN_MIN), their similarity, so that Nguyễn Văn Hùng and
 * Nguyễn Văn Dũng (brothers, twins) are not "similar".
 */
double
dedup_name_similarity(const char *a, const char *b)
{
	char		 ra[256], rb[256];
	const char	*ga, *gb;
	size_t		 la, lb;
	double		 given;

	/* The given names first: far apart, nothing else matters. */
	ga = given_of(a, &la);
	gb = given_of(b, &lb);
	given = jaro_winkler(ga, la, gb, lb);
	if (given < GIVEN_MIN)
		return (given);
	reverse_words(a, ra, sizeof ra);
	reverse_words(b, rb, sizeof rb);
	return (dedup_jaro_winkler(ra, rb));
}

/* The first and last words of a and b agree, and a and b differ. */
static int
same_ends(const char *a, const char *b)
{
	size_t		 fa = strcspn(a, " "), fb = strcspn(b, " "), la, lb;
	const char	*ga, *gb;

	if (fa != fb || memcmp(a, b, fa) != 0)
		return (0);
	ga = given_of(a, &la);
	gb = given_of(b, &lb);
	return (la == lb && memcmp(ga, gb, la) == 0 && ga != a && gb != b);
}

static enum dedup_name_level
name_level(const struct dedup_prof *a, const struct dedup_prof *b, size_t i)
{
	if (a->name[i].loose == NULL || b->name[i].loose == NULL)
		return (DN_MISSING);
	if (a->name[i].same == b->name[i].same)
		return (DN_SAME);
	if (a->name[i].spell == b->name[i].spell)
		return (DN_SPELLING);
	if (a->name[i].raw == b->name[i].raw)
		return (DN_LOOSE);
	if (strcmp(a->name[i].loose, b->name[i].loose) == 0)
		return (DN_TELEX);
	if (same_ends(a->name[i].loose, b->name[i].loose))
		return (DN_NOMIDDLE);
	if (dedup_name_similarity(a->name[i].loose, b->name[i].loose) >=
	    SIMILAR_MIN)
		return (DN_SIMILAR);
	return (DN_DIFFERENT);
}

/* The share of profiles with the name of slot i of p. */
static double
share(const struct dedup_freq *fq, const struct dedup_prof *p, size_t i)
{
	u_long	c;

	if (fq == NULL || fq->profiles < 100)
		return (DEFAULT_SHARE);
	c = dedup_freq_count(fq, p->name[i].hloose);
	if (c < 2)
		c = 2;
	return ((double)c / fq->profiles);
}

/* The evidence for a score of 0.5: log2 of the records, and 4 bits. */
static double
midpoint(const struct dedup_freq *fq)
{
	double	m;

	if (fq == NULL || fq->profiles < 100)
		return (MIDPOINT_DEFAULT);
	m = log2((double)fq->profiles) + 4;
	return (m < MIDPOINT_MIN ? MIDPOINT_MIN : m);
}

static double
bits(double m, double u)
{
	if (u > 1.0)
		u = 1.0;
	return (log2(m / u));
}

/* The weight of a name outcome; slot 0 is the person's own name. */
static double
name_weight(enum dedup_name_level l, double u, int own)
{
	switch (l) {
	case DN_MISSING:
		return (0);
	case DN_SAME:
		return (bits(0.80, u));
	case DN_SPELLING:
		return (bits(0.05, u));
	case DN_LOOSE:
		return (bits(0.08, u));
	case DN_TELEX:
		return (bits(0.03, u));
	case DN_NOMIDDLE:
		/* Surname and given name are far commoner than the name. */
		return (bits(0.02, u * 20 > 0.002 ? u * 20 : 0.002));
	case DN_SIMILAR:
		return (bits(0.04, 0.002));
	case DN_DIFFERENT:
		/* A person's own name does not change entirely: twins. */
		return (own ? -40.0 : bits(0.002, 1.0));
	}
	return (0);
}

/* The days a date (partial or full) may be: its first and count. */
static void
date_span(int y, int m, int d, long *lo, long *n)
{
	struct vdate	v;
	long		hi;

	v.year = y;
	v.month = m;
	v.day = d;
	date_range(&v, lo, &hi);
	*n = hi - *lo + 1;
}

static enum dedup_date_level
date_level(const struct dedup_prof *a, const struct dedup_prof *b, size_t i,
    double *w)
{
	long	alo, an, blo, bn, lo, hi;

	*w = 0;
	if (a->date[i].year == 0 || b->date[i].year == 0)
		return (DD_MISSING);
	if (a->date[i].day != 0 && b->date[i].day != 0) {
		if (a->date[i].year != b->date[i].year) {
			*w = bits(0.01, 1.0);
			return (DD_DIFFERENT);
		}
		if (a->date[i].month == b->date[i].month &&
		    a->date[i].day == b->date[i].day) {
			*w = bits(0.85, 1.0 / DATE_SPAN);
			return (DD_SAME);
		}
		if (a->date[i].month == b->date[i].day &&
		    a->date[i].day == b->date[i].month) {
			*w = bits(0.03, 1.0 / DATE_SPAN);
			return (DD_SWAP);
		}
		*w = bits(0.02, 1.0 / 30);
		return (DD_NEAR);
	}
	date_span(a->date[i].year, a->date[i].month, a->date[i].day, &alo,
	    &an);
	date_span(b->date[i].year, b->date[i].month, b->date[i].day, &blo,
	    &bn);
	lo = alo > blo ? alo : blo;
	hi = alo + an < blo + bn ? alo + an : blo + bn;
	if (hi <= lo) {
		*w = bits(0.01, 1.0);
		return (DD_DIFFERENT);
	}
	if (alo == blo && an == bn) {
		/* Equal as written: two years, two months. */
		*w = bits(0.85, (hi - lo) / DATE_SPAN);
		return (DD_SAME);
	}
	*w = bits(0.30, (hi - lo) / DATE_SPAN);
	return (DD_PARTIAL);
}

/*
 * Score records a and b (profiles of the form of df) as the same person:
 * from 0 to 1. fq counts the names of the data set (NULL: every name is
 * taken as uncommon as an average one). If why is not NULL, the outcome
 * of each rule goes there for dedup_reason. An exempt profile scores 0,
 * and so does a person whose own name differs entirely (the rules after
 * that one are then left DN_MISSING, DD_MISSING).
 */
double
dedup_score(const struct dedup_form *df, const struct dedup_freq *fq,
    const struct dedup_prof *a, const struct dedup_prof *b,
    struct dedup_why *why)
{
	struct dedup_why	 own;
	double			 w = 0, dw, u;
	size_t			 i;

	if (why == NULL)
		why = &own;
	memset(why, 0, sizeof *why);
	if (a->exempt != DX_NONE || b->exempt != DX_NONE)
		return (0.0);
	for (i = 0; i < df->nnames; i++) {
		why->name[i] = name_level(a, b, i);
		if (why->name[i] == DN_MISSING)
			continue;
		u = share(fq, a, i);
		if (share(fq, b, i) > u)
			u = share(fq, b, i);
		w += name_weight(why->name[i], u, i == 0);
		if (i == 0 && why->name[i] == DN_DIFFERENT) {
			/* Ruled out: the other rules are not looked at. */
			why->weight = w;
			return (0.0);
		}
	}
	for (i = 0; i < df->ndates; i++) {
		why->date[i] = date_level(a, b, i, &dw);
		w += dw;
	}
	if (a->sex != 0 && b->sex != 0) {
		why->sex = a->sex == b->sex ? 1 : -1;
		w += why->sex == 1 ? bits(0.98, 0.5) : bits(0.02, 0.5);
	}
	if (a->office != 0 && b->office != 0) {
		why->office = a->office == b->office ? 1 : -1;
		w += why->office == 1 ? bits(0.99, 0.9) : bits(0.1, 0.1) - 1;
	}
	if (a->pid != 0 && b->pid != 0) {
		why->pid = a->pid == b->pid ? 1 : -1;
		w += why->pid == 1 ? bits(0.95, 1e-6) : bits(0.03, 1.0);
	}
	if (a->regno != 0 && a->regno == b->regno) {
		why->regno = 1;
		w += bits(0.3, 1.0 / 4000);
	}
	why->weight = w;
	return (1.0 / (1.0 + exp2(midpoint(fq) - w)));
}

static void
add_phrase(char **s, int translate, const char *fmt, const char *label)
{
	const char	*at;
	char		*phrase, *tmp;

	if (translate) {
		fmt = _(fmt);
		label = *label == '\0' ? label : _(label);
	}
	/* The one %s of fmt becomes label. */
	if ((at = strstr(fmt, "%s")) == NULL)
		phrase = xstrdup(fmt);
	else
		xasprintf(&phrase, "%.*s%s%s", (int)(at - fmt), fmt, label,
		    at + 2);
	if (*s == NULL)
		*s = phrase;
	else {
		xasprintf(&tmp, "%s, %s", *s, phrase);
		free(*s);
		free(phrase);
		*s = tmp;
	}
}

/*
 * The reason for the score that filled why, as a short list such as
 * "same name ignoring tone marks, same birth date, same mother": in the
 * user's language if translate is set, else in English. Returns a new
 * string the caller frees.
 */
char *
dedup_reason(const struct dedup_form *df, const struct dedup_why *why,
    int translate)
{
	static const char *name_fmt[] = {
		NULL,
		N_("same %s"),
		N_("same %s but for tone placement or i/y"),
		N_("same %s ignoring tone marks"),
		N_("same %s but for Telex keys typed in"),
		N_("same %s without the middle name"),
		N_("similar %s"),
		NULL
	};
	static const char *date_fmt[] = {
		NULL,
		N_("same %s"),
		N_("same %s as far as written"),
		N_("%s with day and month swapped"),
		NULL,
		NULL
	};
	char	*s = NULL;
	size_t	 i;

	/* The person's name, the dates, then the other names. */
	if (df->nnames > 0 && name_fmt[why->name[0]] != NULL)
		add_phrase(&s, translate, name_fmt[why->name[0]],
		    df->name_label[0]);
	for (i = 0; i < df->ndates; i++) {
		if (date_fmt[why->date[i]] != NULL)
			add_phrase(&s, translate, date_fmt[why->date[i]],
			    df->date_label[i]);
	}
	for (i = 1; i < df->nnames; i++) {
		if (name_fmt[why->name[i]] != NULL)
			add_phrase(&s, translate, name_fmt[why->name[i]],
			    df->name_label[i]);
	}
	if (why->pid == 1)
		add_phrase(&s, translate, N_("same personal ID number"), "");
	if (why->pid == -1)
		add_phrase(&s, translate, N_("different personal ID number"),
		    "");
	if (why->sex == -1)
		add_phrase(&s, translate, N_("different sex"), "");
	if (why->regno)
		add_phrase(&s, translate, N_("same registration number"),
		    "");
	if (why->office == -1)
		add_phrase(&s, translate, N_("another office"), "");
	if (s == NULL)
		s = xstrdup(translate ? _("little in common") :
		    "little in common");
	return (s);
}
