/*
 * cmd-dedup.c: hotich dedup, probable duplicate people in the whole
 * database.
 *
 * One scan of the records makes a profile of each (dedup.c), counts how
 * common each name is, and puts each profile into a few blocks (the
 * given name with the birth date, the full name with the birth year,
 * the mother's name with the year, the date with the surname, the
 * personal number with the year): only
 * profiles sharing a block are compared, so the work grows with the
 * size of the blocks, not with the square of the records. A block
 * larger than BLOCK_MAX (a very common name on a busy day) is compared
 * over a sliding window of BLOCK_WINDOW entries in id order. Pairs
 * scoring at least --min-score are printed once, either as the TSV of
 * the command-line contract (ID_A TAB ID_B TAB SCORE TAB REASON, the
 * reason in English) or as a listing for people.
 *
 * Memory grows with the profiles a scan keeps (about 300 bytes each). A
 * database of more than PASS_MAX entries ($HOTICH_DEDUP_PASS, for the
 * tests) is read once to count the names and the entries of each birth
 * (or first) year, then once for each run of years holding at most
 * PASS_MAX profiles: no block spans two years.
 *
 * With --entry ID, the entries that may be the person of one entry are
 * found through the person index instead, as the entry screens find them
 * (dedup-find.c).
 *
 * With --across and several databases (the communes' replicas on a
 * district server), only pairs of entries in different databases are
 * listed. Every database is opened at once, so each is logged into once
 * (an open store costs about 21 file descriptors, a thread, a megabyte,
 * and its cache as it is read), and read twice: once to count the names
 * of them all, as if they were one database, so that a pair scores as
 * dedup scores it in a database holding them all; then each entry of
 * database i is looked up through the person index of each database
 * j > i (dedup_find_other), so that each pair of databases is compared
 * once and each pair of entries found once. The work grows with the
 * entries times the databases, the memory with the databases.
 */

#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "dedup.h"
#include "dedup-find.h"
#include "form.h"
#include "i18n.h"
#include "rec.h"
#include "store.h"
#include "xmalloc.h"

#define BLOCK_MAX	500	/* a larger block is compared by window */
#define BLOCK_WINDOW	100	/*   over this many neighbours */
#define ENTRY_MAX	20	/* candidates of one entry (--entry, --across) */
#define PASS_MAX	300000	/* profiles one scan keeps at most */
#define YEARS		10000	/* years 0 (none) to 9999 */
#define DB_FILES	24	/* file descriptors an open store takes (21) */

static int	cmd_dedup_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_dedup_entry = {
	.name = "dedup",
	.usage = "[--db DIR | --db-glob PATTERN]... [--across] "
	    "[--form ID | --entry ID] [--format text|tsv] [--min-score S] "
	    "[--flag]",
	.summary = N_("list probable duplicate people"),
	.exec = cmd_dedup_exec
};

/*
 * A profile in a block. Blocks are told apart by 32 bits of their key:
 * two blocks sharing them only cost a few more comparisons.
 */
struct member {
	uint32_t	key;
	uint32_t	prof;		/* index into the form's profiles */
};

/* A pair found. */
struct found {
	size_t			 da, db;	/* databases (--across), da < db */
	uint64_t		 a, b;		/* record ids: a < b in one */
	const struct dedup_form	*df;
	double			 score;
	struct dedup_why	 why;
};

/* What is gathered for one form during the scan. */
struct perform {
	struct dedup_form	*df;
	struct dedup_freq	*freq;
	struct dedup_prof	**profs;
	size_t			 nprofs, profcap;
	struct member		*members;
	size_t			 nmembers, membercap;
};

struct deduper {
	struct perform		*forms;		/* one per form of fs */
	int			 multipass;	/* a few years a scan */
	int			 counting;	/* the first scan of those */
	int			 ylo, yhi;	/* the years of this scan */
	u_long			*years;		/* profiles by year */
	const struct formset	*fs;
	const char		*only;		/* --form, or NULL */
	u_long			 seen;		/* records read */
	u_long			 scanned;	/*   of the forms compared */
	struct found		*found;
	size_t			 nfound, foundcap;
	double			 min_score;
	u_long			 compared;
	struct progress		 pg;
};

/*
 * What is gathered for the form of r, made the first time; NULL if r is
 * not compared (a draft, another form than --form, a form not loaded).
 */
static struct perform *
perform_of(struct deduper *dd, const struct rec *r)
{
	struct perform	*pf;
	size_t		 i;

	if (r->state == RS_DRAFT ||
	    (dd->only != NULL && strcmp(r->form, dd->only) != 0))
		return (NULL);
	for (i = 0; i < dd->fs->n; i++) {
		if (strcmp(dd->fs->v[i]->id, r->form) == 0)
			break;
	}
	if (i == dd->fs->n)
		return (NULL);
	pf = &dd->forms[i];
	if (pf->df == NULL) {
		pf->df = dedup_form_new(dd->fs->v[i]);
		pf->freq = dedup_freq_new();
	}
	return (pf);
}

/* A new pair in dd's list, zeroed. */
static struct found *
found_new(struct deduper *dd)
{
	struct found	*f;

	if (dd->nfound == dd->foundcap) {
		dd->foundcap = dd->foundcap == 0 ? 256 : dd->foundcap * 2;
		dd->found = xreallocarray(dd->found, dd->foundcap,
		    sizeof *dd->found);
	}
	f = &dd->found[dd->nfound++];
	memset(f, 0, sizeof *f);
	return (f);
}

static int
scan_one(const struct rec *r, void *arg)
{
	struct deduper		*dd = arg;
	struct perform		*pf;
	struct dedup_prof	*p;
	uint64_t		 keys[DEDUP_BLOCKS];
	size_t			 i, n;
	int			 y;

	progress_update(&dd->pg, 0, ++dd->seen);
	if ((pf = perform_of(dd, r)) == NULL)
		return (0);
	if (dd->multipass && !dd->counting &&
	    ((y = dedup_rec_year(pf->df, r)) < dd->ylo || y > dd->yhi))
		return (0);
	p = dedup_profile(pf->df, r);
	if (!dd->multipass || dd->counting) {
		dd->scanned++;
		dedup_freq_add(pf->freq, p);
	}
	n = dedup_blocks(pf->df, p, keys);
	y = dedup_year(pf->df, p);
	if (n > 0 && dd->counting)
		dd->years[y]++;
	if (n == 0 || dd->counting ||
	    (dd->multipass && (y < dd->ylo || y > dd->yhi))) {
		/* Exempt, no name, or not this time: never compared. */
		dedup_prof_free(p);
		return (0);
	}
	if (pf->nprofs == pf->profcap) {
		pf->profcap = pf->profcap == 0 ? 1024 : pf->profcap * 2;
		pf->profs = xreallocarray(pf->profs, pf->profcap,
		    sizeof *pf->profs);
	}
	pf->profs[pf->nprofs] = p;
	for (i = 0; i < n; i++) {
		if (pf->nmembers == pf->membercap) {
			pf->membercap = pf->membercap == 0 ? 4096 :
			    pf->membercap * 2;
			pf->members = xreallocarray(pf->members,
			    pf->membercap, sizeof *pf->members);
		}
		pf->members[pf->nmembers].key = (uint32_t)(keys[i] >> 32);
		pf->members[pf->nmembers++].prof = (uint32_t)pf->nprofs;
	}
	pf->nprofs++;
	return (0);
}

static int
member_cmp(const void *a, const void *b)
{
	const struct member	*x = a, *y = b;

	if (x->key != y->key)
		return (x->key < y->key ? -1 : 1);
	if (x->prof != y->prof)
		return (x->prof < y->prof ? -1 : 1);
	return (0);
}

static int
found_cmp(const void *a, const void *b)
{
	const struct found	*x = a, *y = b;

	if (x->da != y->da)
		return (x->da < y->da ? -1 : 1);
	if (x->db != y->db)
		return (x->db < y->db ? -1 : 1);
	if (x->a != y->a)
		return (x->a < y->a ? -1 : 1);
	if (x->b != y->b)
		return (x->b < y->b ? -1 : 1);
	return (0);
}

static void
compare(struct deduper *dd, struct perform *pf, uint32_t i, uint32_t j)
{
	const struct dedup_prof	*a = pf->profs[i], *b = pf->profs[j];
	struct dedup_why	 why;
	struct found		*f;
	double			 s;

	dd->compared++;
	s = dedup_score(pf->df, pf->freq, a, b, &why);
	if (s < dd->min_score)
		return;
	f = found_new(dd);
	f->a = a->id < b->id ? a->id : b->id;
	f->b = a->id < b->id ? b->id : a->id;
	f->df = pf->df;
	f->score = s;
	f->why = why;
}

/* Compare the profiles of pf that share a block. */
static void
compare_blocks(struct deduper *dd, struct perform *pf)
{
	size_t	start, end, i, j, last;

	qsort(pf->members, pf->nmembers, sizeof *pf->members, member_cmp);
	for (start = 0; start < pf->nmembers; start = end) {
		for (end = start + 1; end < pf->nmembers &&
		    pf->members[end].key == pf->members[start].key; end++)
			;
		for (i = start; i < end; i++) {
			last = end;
			if (end - start > BLOCK_MAX && i + BLOCK_WINDOW < end)
				last = i + BLOCK_WINDOW + 1;
			for (j = i + 1; j < last; j++)
				compare(dd, pf, pf->members[i].prof,
				    pf->members[j].prof);
		}
		progress_update(&dd->pg, 0, dd->compared);
	}
}

/* Drop the profiles and blocks of pf, keeping its form and name counts. */
static void
release(struct perform *pf)
{
	size_t	i;

	for (i = 0; i < pf->nprofs; i++)
		dedup_prof_free(pf->profs[i]);
	free(pf->profs);
	free(pf->members);
	pf->profs = NULL;
	pf->members = NULL;
	pf->nprofs = pf->profcap = pf->nmembers = pf->membercap = 0;
}

/*
 * Scan the store and compare what the scan kept; then forget it. Returns
 * 0, or -1 with a message printed.
 */
static int
scan_compare(struct deduper *dd, struct store *s)
{
	char	*cause;
	size_t	 i;

	if (store_scan(s, NULL, scan_one, dd, &cause) != 0) {
		progress_end(&dd->pg);
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		return (-1);
	}
	for (i = 0; i < dd->fs->n; i++) {
		if (dd->forms[i].df == NULL)
			continue;
		if (!dd->counting)
			compare_blocks(dd, &dd->forms[i]);
		release(&dd->forms[i]);
	}
	return (0);
}

/*
 * Compare in one scan, or, with more entries than a scan keeps, count the
 * names and the years in a first scan, then compare a few years a scan
 * (profiles of different years share no block). Returns EXIT_OK or
 * EXIT_DB.
 */
static int
run_scans(struct deduper *dd, struct store *s)
{
	const char	*e;
	char		*cause = NULL;
	u_long		 count, pass_max = PASS_MAX, sum;
	int		 lo, hi, status = EXIT_OK;

	if ((e = getenv("HOTICH_DEDUP_PASS")) != NULL && *e != '\0')
		pass_max = strtoul(e, NULL, 10);
	count = store_count(s, &cause);
	if (cause != NULL) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		return (EXIT_DB);
	}
	progress_start(&dd->pg, "dedup", 0);
	if (count <= pass_max || pass_max == 0) {
		if (scan_compare(dd, s) != 0)
			status = EXIT_DB;
		progress_end(&dd->pg);
		return (status);
	}
	dd->multipass = dd->counting = 1;
	dd->years = xcalloc(YEARS, sizeof *dd->years);
	if (scan_compare(dd, s) != 0)
		status = EXIT_DB;
	dd->counting = 0;
	for (lo = 0; lo < YEARS && status == EXIT_OK; lo = hi + 1) {
		sum = dd->years[lo];
		for (hi = lo; hi + 1 < YEARS &&
		    sum + dd->years[hi + 1] <= pass_max; hi++)
			sum += dd->years[hi + 1];
		if (sum == 0)
			continue;
		dd->ylo = lo;
		dd->yhi = hi;
		if (scan_compare(dd, s) != 0)
			status = EXIT_DB;
	}
	progress_end(&dd->pg);
	free(dd->years);
	return (status);
}

/* The value of field key in r, or "". */
static const char *
value(const struct rec *r, const char *key)
{
	const char	*v = rec_value(r, key);

	return (v != NULL ? v : "");
}

/*
 * One record of a pair, in the listing; dbname names its database
 * (--across), or is NULL.
 */
static void
print_entry(struct store *s, const char *dbname, const struct form *f,
    uint64_t id)
{
	const struct form_option	*o;
	struct rec			*r;
	const char			*v;
	char				*cause;
	size_t				 i;
	int				 fi;

	if (dbname != NULL)
		printf("  %s: %-8llu", dbname, (unsigned long long)id);
	else
		printf("  %-8llu", (unsigned long long)id);
	if (store_get(s, id, &r, &cause) != 0) {
		printf(" ?\n");
		free(cause);
		return;
	}
	for (i = 0; i < f->nperson_key; i++) {
		fi = f->person_key[i];
		v = value(r, f->fields[fi].key);
		if (f->fields[fi].enm != NULL &&
		    (o = form_enum_find(f->fields[fi].enm, v)) != NULL)
			v = o->label;
		printf("%s%s", i == 0 ? " " : " | ", v);
	}
	printf(_(" | %s, book %s, number %s\n"),
	    value(r, f->fields[f->regno_key[RK_YEAR]].key),
	    value(r, f->fields[f->regno_key[RK_BOOK]].key),
	    value(r, f->fields[f->regno_key[RK_NUMBER]].key));
	rec_free(r);
}

/*
 * The entries that may be the person of entry id, found through the
 * person index as the entry screens find them, into dd->found.
 */
static int
find_entry(struct deduper *dd, struct store *s, uint64_t id)
{
	struct dedup_cand	 cand[ENTRY_MAX];
	struct dedup_find_stats	 st;
	struct perform		*pf = NULL;
	struct found		*f;
	struct rec		*r;
	char			*cause;
	size_t			 i;
	int			 n;

	if ((n = store_get(s, id, &r, &cause)) != 0) {
		if (n == 1) {
			fprintf(stderr, _("hotich: no entry %llu\n"),
			    (unsigned long long)id);
			return (EXIT_REFUSED);
		}
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		return (EXIT_DB);
	}
	for (i = 0; i < dd->fs->n; i++) {
		if (strcmp(dd->fs->v[i]->id, r->form) == 0) {
			pf = &dd->forms[i];
			break;
		}
	}
	if (pf == NULL ||
	    (dd->only != NULL && strcmp(dd->only, r->form) != 0)) {
		rec_free(r);
		return (EXIT_OK);
	}
	pf->df = dedup_form_new(dd->fs->v[i]);
	n = dedup_find(s, pf->df, r, dd->min_score, cand, ENTRY_MAX, &st,
	    &cause);
	rec_free(r);
	if (n == -1) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		return (EXIT_DB);
	}
	dd->scanned = st.read;
	dd->compared = st.read;
	dd->found = xcalloc(n > 0 ? (size_t)n : 1, sizeof *dd->found);
	for (i = 0; i < (size_t)n; i++) {
		f = &dd->found[dd->nfound++];
		f->a = id < cand[i].id ? id : cand[i].id;
		f->b = id < cand[i].id ? cand[i].id : id;
		f->df = pf->df;
		f->score = cand[i].score;
		f->why = cand[i].why;
	}
	return (EXIT_OK);
}

/* The pairs decided for good, sorted, for drop_decided. */
struct decided {
	uint64_t	(*v)[2];
	size_t		  n;
};

static int
decided_cb(const struct store_pair *sp, void *arg)
{
	struct decided	*d = arg;

	if (strcmp(sp->decision, PAIR_OPEN) == 0 ||
	    strcmp(sp->decision, PAIR_SUPERVISOR) == 0)
		return (0);
	d->v = xreallocarray(d->v, d->n + 1, sizeof *d->v);
	d->v[d->n][0] = sp->a;
	d->v[d->n][1] = sp->b;
	d->n++;
	return (0);
}

/*
 * Leave out of dd's pairs those decided for good in the review (not a
 * duplicate, typed twice, the same person in another event): a pair
 * decided is never flagged again. Returns an exit status.
 */
static int
drop_decided(struct deduper *dd, struct store *s)
{
	struct decided	 d;
	uint64_t	 k[2];
	char		*cause;
	size_t		 i, n;

	memset(&d, 0, sizeof d);
	if (store_pairs(s, decided_cb, &d, &cause) != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		free(d.v);
		return (EXIT_DB);
	}
	if (d.n == 0)
		return (EXIT_OK);
	/* store_pairs gives them in order already; sort to be sure. */
	qsort(d.v, d.n, sizeof *d.v, cmd_idpair_cmp);
	for (i = n = 0; i < dd->nfound; i++) {
		k[0] = dd->found[i].a;
		k[1] = dd->found[i].b;
		if (bsearch(k, d.v, d.n, sizeof *d.v, cmd_idpair_cmp) == NULL)
			dd->found[n++] = dd->found[i];
	}
	dd->nfound = n;
	free(d.v);
	return (EXIT_OK);
}

/*
 * --flag: record each pair found and not flagged yet as open, for the
 * review screen, under the user at the keyboard. Says how many on
 * standard error (standard output keeps the listing). Returns an exit
 * status.
 */
static int
flag_found(struct deduper *dd, struct store *s)
{
	struct found		*f;
	char			*cause, *user;
	size_t			 i, n = 0;
	int			 r;

	user = cmd_user();
	for (i = 0; i < dd->nfound; i++) {
		f = &dd->found[i];
		if ((r = dedup_flag_pair(s, f->df, f->a, f->b, f->score,
		    &f->why, user, &cause)) < 0) {
			fprintf(stderr, "hotich: %s\n", cause);
			free(cause);
			free(user);
			return (EXIT_DB);
		}
		n += r;
	}
	fprintf(stderr, _("%zu pairs flagged for review\n"), n);
	free(user);
	return (EXIT_OK);
}

/* A database of dedup --across. */
struct xdb {
	char		*dir;
	char		*name;		/* its office, or its directory's name */
	struct store	*s;
};

/* The databases dedup was given after its name. */
struct xdbs {
	struct xdb	*v;
	size_t		 n;
};

/* What the look-ups of --across need in the scan of one database. */
struct across {
	struct deduper	*dd;
	struct xdbs	*x;
	size_t		 i;		/* the database scanned */
	char		*cause;		/* a look-up's trouble, or NULL */
};

/* Say that dir was given twice (cmd_dblist_add). */
static void
given_twice(const char *dir)
{
	fprintf(stderr, _("hotich: %s: given twice, compared once\n"), dir);
}

/* Take the directories of l into xs, to be opened (xdbs_open). */
static void
xdbs_take(struct xdbs *xs, struct cmd_dblist *l)
{
	size_t	i;

	if (l->n == 0)
		return;
	xs->v = xcalloc(l->n, sizeof *xs->v);
	for (i = 0; i < l->n; i++)
		xs->v[i].dir = l->dir[i];
	xs->n = l->n;
	free(l->dir);
	l->dir = NULL;
	l->n = 0;
}

static void
xdbs_free(struct xdbs *xs)
{
	size_t	i;

	for (i = 0; i < xs->n; i++) {
		store_close(xs->v[i].s);
		free(xs->v[i].dir);
		free(xs->v[i].name);
	}
	free(xs->v);
	xs->v = NULL;
	xs->n = 0;
}

/* Tabs and line ends of s become spaces, for the TSV. */
static void
tsv_clean(char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\t' || *s == '\n' || *s == '\r')
			*s = ' ';
	}
}

/*
 * Open every database of xs, as dedup opens one, and name each: its
 * office, else its directory's base name; two databases of one name are
 * named by their directories. Returns EXIT_OK, or the status of the
 * first that cannot be opened, said with its directory.
 */
static int
xdbs_open(struct xdbs *xs, const struct cmd_ctx *ctx,
    const struct formset *fs)
{
	struct cmd_ctx	 c;
	struct rlimit	 rl;
	rlim_t		 want;
	struct xdb	*x;
	const char	*base;
	char		*cause, *end, *same;
	size_t		 i, j;
	int		 status;

	/* Room for them all: the soft limit up to the hard one. */
	want = (rlim_t)xs->n * DB_FILES + 64;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
		rl.rlim_cur = rl.rlim_max != RLIM_INFINITY &&
		    rl.rlim_max < want ? rl.rlim_max : want;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
	for (i = 0; i < xs->n; i++) {
		x = &xs->v[i];
		c = *ctx;
		c.db_dir = x->dir;
		if ((status = cmd_open_store(&c, fs, 0, &x->s)) != EXIT_OK) {
			x->s = NULL;
			fprintf(stderr, _("hotich: %s: the database cannot be "
			    "opened; nothing compared\n"), x->dir);
			return (status);
		}
		if (store_meta_get(x->s, "office", &x->name, &cause) != 0) {
			free(cause);
			x->name = NULL;
		}
		if (x->name != NULL && *x->name == '\0') {
			free(x->name);
			x->name = NULL;
		}
		if (x->name == NULL) {
			x->name = xstrdup(x->dir);
			for (end = x->name + strlen(x->name);
			    end > x->name + 1 && end[-1] == '/'; end--)
				end[-1] = '\0';
			base = strrchr(x->name, '/');
			if (base != NULL && base[1] != '\0')
				memmove(x->name, base + 1, strlen(base));
		}
	}
	same = xcalloc(xs->n, 1);
	for (i = 0; i < xs->n; i++) {
		for (j = i + 1; j < xs->n; j++) {
			if (strcmp(xs->v[i].name, xs->v[j].name) == 0)
				same[i] = same[j] = 1;
		}
	}
	for (i = 0; i < xs->n; i++) {
		if (same[i]) {
			free(xs->v[i].name);
			xs->v[i].name = xstrdup(xs->v[i].dir);
		}
		tsv_clean(xs->v[i].name);
	}
	free(same);
	return (EXIT_OK);
}

/* --across, first reading: the names of every database, as one. */
static int
count_one(const struct rec *r, void *arg)
{
	struct deduper		*dd = arg;
	struct perform		*pf;
	struct dedup_prof	*p;

	progress_update(&dd->pg, 0, ++dd->seen);
	if ((pf = perform_of(dd, r)) == NULL)
		return (0);
	p = dedup_profile(pf->df, r);
	dedup_freq_add(pf->freq, p);
	dedup_prof_free(p);
	dd->scanned++;
	return (0);
}

/* --across: the entries of the later databases that may be r's person. */
static int
cross_one(const struct rec *r, void *arg)
{
	struct across		*ac = arg;
	struct deduper		*dd = ac->dd;
	struct perform		*pf;
	struct dedup_cand	 cand[ENTRY_MAX];
	struct dedup_find_stats	 st;
	struct found		*f;
	size_t			 j;
	int			 n, k;

	dd->seen++;
	progress_update(&dd->pg, (off_t)dd->seen, dd->seen);
	if ((pf = perform_of(dd, r)) == NULL)
		return (0);
	for (j = ac->i + 1; j < ac->x->n; j++) {
		n = dedup_find_other(ac->x->v[j].s, pf->df, pf->freq, r,
		    dd->min_score, cand, ENTRY_MAX, &st, &ac->cause);
		if (n < 0)
			return (-1);
		dd->compared += st.read;
		for (k = 0; k < n; k++) {
			f = found_new(dd);
			f->da = ac->i;
			f->db = j;
			f->a = r->id;
			f->b = cand[k].id;
			f->df = pf->df;
			f->score = cand[k].score;
			f->why = cand[k].why;
		}
	}
	return (0);
}

/*
 * The pairs of dd between the databases of xs: count the names of all,
 * then look each entry up in the databases after its own. Returns an
 * exit status, the trouble said.
 */
static int
run_across(struct deduper *dd, struct xdbs *xs)
{
	struct across	 ac;
	char		*cause = NULL;
	u_long		 total = 0;
	size_t		 i;
	int		 status = EXIT_OK;

	progress_start(&dd->pg, "dedup", 0);
	for (i = 0; i < xs->n && status == EXIT_OK; i++) {
		if (store_scan(xs->v[i].s, dd->only, count_one, dd,
		    &cause) != 0)
			status = EXIT_DB;
		else if (i + 1 < xs->n)
			total = dd->seen;
	}
	progress_end(&dd->pg);
	if (status != EXIT_OK)
		goto fail;

	progress_start(&dd->pg, "dedup --across", (off_t)total);
	dd->seen = 0;
	memset(&ac, 0, sizeof ac);
	ac.dd = dd;
	ac.x = xs;
	for (i = 0; i + 1 < xs->n; i++) {
		ac.i = i;
		if (store_scan(xs->v[i].s, dd->only, cross_one, &ac,
		    &cause) != 0 || (cause = ac.cause) != NULL) {
			status = EXIT_DB;
			break;
		}
	}
	progress_end(&dd->pg);
	if (status == EXIT_OK)
		return (EXIT_OK);

fail:
	fprintf(stderr, "hotich: %s\n", cause);
	free(cause);
	return (status);
}

/* The registration number of entry id of s, as written (free it). */
static char *
entry_number(struct store *s, const struct form *f, uint64_t id)
{
	struct rec	*r;
	char		*cause, *v;

	if (store_get(s, id, &r, &cause) != 0) {
		free(cause);
		return (xstrdup("?"));
	}
	v = xstrdup(value(r, f->fields[f->regno_key[RK_NUMBER]].key));
	rec_free(r);
	tsv_clean(v);
	return (v);
}

/* List the pairs of dd between the databases of xs. */
static void
print_across(struct deduper *dd, struct xdbs *xs, int tsv)
{
	const struct form	*form;
	struct found		*f;
	struct xdb		*xa, *xb;
	char			*reason, *na, *nb;
	size_t			 i;

	for (i = 0; i < dd->nfound; i++) {
		f = &dd->found[i];
		form = dedup_form_form(f->df);
		xa = &xs->v[f->da];
		xb = &xs->v[f->db];
		reason = dedup_reason(f->df, &f->why, !tsv);
		if (tsv) {
			na = entry_number(xa->s, form, f->a);
			nb = entry_number(xb->s, form, f->b);
			printf("%s\t%llu\t%s\t%s\t%llu\t%s\t%.3f\t%s\n",
			    xa->name, (unsigned long long)f->a, na,
			    xb->name, (unsigned long long)f->b, nb,
			    f->score, reason);
			free(na);
			free(nb);
		} else {
			printf(_("%s: %llu of %s and %llu of %s, score %.3f: "
			    "%s\n"), form->id, (unsigned long long)f->a,
			    xa->name, (unsigned long long)f->b, xb->name,
			    f->score, reason);
			print_entry(xa->s, xa->name, form, f->a);
			print_entry(xb->s, xb->name, form, f->b);
		}
		free(reason);
	}
	if (!tsv)
		printf(_("%zu probable duplicate pairs between %zu databases "
		    "among %lu entries (%lu pairs compared)\n"), dd->nfound,
		    xs->n, dd->scanned, dd->compared);
}

static int
cmd_dedup_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "form", required_argument, NULL, 'f' },
		{ "format", required_argument, NULL, 'F' },
		{ "min-score", required_argument, NULL, 'm' },
		{ "entry", required_argument, NULL, 'e' },
		{ "flag", no_argument, NULL, 'g' },
		{ "db", required_argument, NULL, 'd' },
		{ "db-glob", required_argument, NULL, 'G' },
		{ "across", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct deduper		 dd;
	struct formset		 fs;
	struct store		*s = NULL;
	struct found		*f;
	struct xdbs		 xs;
	struct cmd_dblist	 dl;
	struct cmd_ctx		 one;
	const char		*format = "text";
	char			*reason, *end;
	size_t			 i, n;
	uint64_t		 entry = 0;
	int			 ch, status, tsv, flag = 0, across = 0;

	memset(&dd, 0, sizeof dd);
	memset(&xs, 0, sizeof xs);
	memset(&dl, 0, sizeof dl);
	dd.min_score = DEDUP_MIN_SCORE;
	optind = 0;
	while ((ch = getopt_long(argc + 1, argv - 1, "+", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'f':
			dd.only = optarg;
			break;
		case 'F':
			format = optarg;
			break;
		case 'e':
			errno = 0;
			entry = strtoull(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || entry == 0 ||
			    *optarg == '-') {
				fprintf(stderr, _("hotich: --entry takes an "
				    "entry's id\n"));
				cmd_dblist_free(&dl);
				return (EXIT_USAGE);
			}
			break;
		case 'g':
			flag = 1;
			break;
		case 'd':
			cmd_dblist_add(&dl, optarg, given_twice);
			break;
		case 'G':
			if (cmd_dblist_glob(&dl, optarg, 1, given_twice) ==
			    0) {
				fprintf(stderr, _("hotich: dedup --db-glob: no "
				    "hotich database matches %s\n"), optarg);
				cmd_dblist_free(&dl);
				return (EXIT_USAGE);
			}
			break;
		case 'a':
			across = 1;
			break;
		case 'm':
			errno = 0;
			dd.min_score = strtod(optarg, &end);
			if (errno != 0 || *end != '\0' || end == optarg ||
			    dd.min_score < 0 || dd.min_score > 1) {
				fprintf(stderr, _("hotich: --min-score takes "
				    "a number from 0 to 1\n"));
				cmd_dblist_free(&dl);
				return (EXIT_USAGE);
			}
			break;
		default:
			goto usage;
		}
	}
	xdbs_take(&xs, &dl);
	if (optind != argc + 1)
		goto usage;
	if (strcmp(format, "text") == 0)
		tsv = 0;
	else if (strcmp(format, "tsv") == 0)
		tsv = 1;
	else {
		fprintf(stderr, _("hotich: dedup --format is text or tsv\n"));
		xdbs_free(&xs);
		return (EXIT_USAGE);
	}
	if (xs.n > 0 && ctx->db_dir != NULL) {
		fprintf(stderr, _("hotich: give dedup its databases before "
		    "the command (--db) or after it (--db, --db-glob), not "
		    "both\n"));
		xdbs_free(&xs);
		return (EXIT_USAGE);
	}
	if (across && flag) {
		fprintf(stderr, _("hotich: dedup --across does not --flag: "
		    "the databases are read-only replicas; flag the pairs "
		    "in the commune's own database\n"));
		xdbs_free(&xs);
		return (EXIT_USAGE);
	}
	if (across && entry != 0) {
		fprintf(stderr, _("hotich: dedup --entry looks in one "
		    "database, not --across\n"));
		xdbs_free(&xs);
		return (EXIT_USAGE);
	}
	if (across && xs.n < 2) {
		fprintf(stderr, _("hotich: dedup --across needs two databases "
		    "or more (--db DIR --db DIR, or --db-glob PATTERN)\n"));
		xdbs_free(&xs);
		return (EXIT_USAGE);
	}
	if (!across && xs.n > 1) {
		fprintf(stderr, _("hotich: dedup of several databases lists "
		    "the pairs between them: add --across\n"));
		xdbs_free(&xs);
		return (EXIT_USAGE);
	}
	if (xs.n == 1) {
		/* One database: as if named before the command. */
		one = *ctx;
		one.db_dir = xs.v[0].dir;
		ctx = &one;
	}

	if (cmd_need_forms(ctx, &fs, "dedup") != EXIT_OK) {
		formset_free(&fs);
		xdbs_free(&xs);
		return (EXIT_REFUSED);
	}
	if (dd.only != NULL && cmd_find_form(ctx, &fs, dd.only) == NULL) {
		formset_free(&fs);
		xdbs_free(&xs);
		return (EXIT_REFUSED);
	}
	dd.fs = &fs;
	dd.forms = xcalloc(fs.n > 0 ? fs.n : 1, sizeof *dd.forms);
	if (across) {
		if ((status = xdbs_open(&xs, ctx, &fs)) != EXIT_OK ||
		    (status = run_across(&dd, &xs)) != EXIT_OK)
			goto done;
		qsort(dd.found, dd.nfound, sizeof *dd.found, found_cmp);
		print_across(&dd, &xs, tsv);
		goto flush;
	}
	if ((status = cmd_open_store(ctx, &fs, 0, &s)) != EXIT_OK)
		goto done;
	if (entry != 0) {
		if ((status = find_entry(&dd, s, entry)) != EXIT_OK)
			goto done;
		goto print;
	}
	if ((status = run_scans(&dd, s)) != EXIT_OK)
		goto done;

print:
	/* A pair met in several blocks is listed once. */
	qsort(dd.found, dd.nfound, sizeof *dd.found, found_cmp);
	for (i = n = 0; i < dd.nfound; i++) {
		if (n > 0 && found_cmp(&dd.found[n - 1], &dd.found[i]) == 0)
			continue;
		dd.found[n++] = dd.found[i];
	}
	dd.nfound = n;
	if ((status = drop_decided(&dd, s)) != EXIT_OK)
		goto done;
	if (flag && (status = flag_found(&dd, s)) != EXIT_OK)
		goto done;

	for (i = 0; i < dd.nfound; i++) {
		f = &dd.found[i];
		reason = dedup_reason(f->df, &f->why, !tsv);
		if (tsv)
			printf("%llu\t%llu\t%.3f\t%s\n",
			    (unsigned long long)f->a, (unsigned long long)f->b,
			    f->score, reason);
		else {
			printf(_("%s: %llu and %llu, score %.3f: %s\n"),
			    dedup_form_form(f->df)->id,
			    (unsigned long long)f->a, (unsigned long long)f->b,
			    f->score, reason);
			print_entry(s, NULL, dedup_form_form(f->df), f->a);
			print_entry(s, NULL, dedup_form_form(f->df), f->b);
		}
		free(reason);
	}
	if (!tsv)
		printf(_("%zu probable duplicate pairs among %lu entries "
		    "(%lu pairs compared)\n"), dd.nfound, dd.scanned,
		    dd.compared);

flush:
	if (fflush(stdout) != 0) {
		fprintf(stderr, "hotich: stdout: %s\n", strerror(errno));
		status = EXIT_REFUSED;
	}

done:
	for (i = 0; i < fs.n; i++) {
		for (n = 0; n < dd.forms[i].nprofs; n++)
			dedup_prof_free(dd.forms[i].profs[n]);
		free(dd.forms[i].profs);
		free(dd.forms[i].members);
		dedup_freq_free(dd.forms[i].freq);
		dedup_form_free(dd.forms[i].df);
	}
	free(dd.forms);
	free(dd.found);
	store_close(s);
	xdbs_free(&xs);
	formset_free(&fs);
	return (status);

usage:
	fprintf(stderr, _("usage: hotich %s %s\n"), cmd_dedup_entry.name,
	    cmd_dedup_entry.usage);
	cmd_dblist_free(&dl);
	xdbs_free(&xs);
	return (EXIT_USAGE);
}
