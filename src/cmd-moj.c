/*
 * cmd-moj.c: hotich export --format moj: a form's books written as the
 * Ministry of Justice's import template, one .xlsx file per book.
 *
 * The books are found in the book index; each book's entries are read,
 * put in the order of their numbers, and checked: an entry with a
 * probable duplicate not yet decided, an error, a field marked illegible
 * or partly legible, a number repeated in the book with no reason given,
 * is held back (unless --include-flagged), and so is an entry struck out
 * in the book or not yet in the state asked for. What was held back, and
 * the scans missing from --scans DIR, are listed with their reasons in
 * the summary file beside the books. Files are written under a temporary
 * name and renamed once complete, so a file of the export is never half
 * written.
 */

#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "csv.h"
#include "date.h"
#include "form.h"
#include "i18n.h"
#include "idxkey.h"
#include "moj.h"
#include "number.h"
#include "rec.h"
#include "regcheck.h"
#include "store.h"
#include "validate.h"
#include "vntext.h"
#include "xmalloc.h"

/* A book of the export: its key and its entries. */
struct mbook {
	char		*key;
	size_t		 keylen;
	uint64_t	*ids;
	size_t		 n;
};

/* An entry of the book being written. */
struct mentry {
	struct rec	*r;
	const char	*number;	/* as written */
	long		 num;		/* parsed; LONG_MAX if not */
	char		**why;		/* problem code, then detail, ... */
	size_t		 nwhy;
	int		 hold;		/* held back */
};

struct mexport {
	const struct mojopt	*o;
	const struct form	*f;
	struct store		*s;
	struct vdate		 today;
	char			*bookfilter;	/* folded, or NULL */
	size_t			 bookfilterlen;
	long			 yearfilter;

	struct mbook		*books;
	size_t			 nbooks;
	u_long			 total;

	uint64_t		(*open)[2];	/* open pairs: id, other */
	size_t			 nopen;

	char			**names;	/* files written */
	size_t			 nnames;
	FILE			*sum;
	char			*sumtmp;

	u_long			 done;
	u_long			 written;
	u_long			 held;
	u_long			 noscan;
	u_long			 files;
	struct progress		 pg;
};

/* Collect the books of the form (and of --book) from the book index. */
static int
book_cb(const void *k, size_t len, uint64_t id, void *arg)
{
	struct mexport		*me = arg;
	struct idxkey_book	 b;
	struct mbook		*mb;

	if (idxkey_book_parts(k, len, &b) != 0 ||
	    strcmp(b.form, me->f->id) != 0)
		return (0);
	if (me->bookfilter != NULL && (b.year != me->yearfilter ||
	    b.booklen != me->bookfilterlen ||
	    memcmp(b.book, me->bookfilter, b.booklen) != 0))
		return (0);
	mb = me->nbooks > 0 ? &me->books[me->nbooks - 1] : NULL;
	if (mb == NULL || mb->keylen != len || memcmp(mb->key, k, len) != 0) {
		me->books = xreallocarray(me->books, me->nbooks + 1,
		    sizeof *me->books);
		mb = &me->books[me->nbooks++];
		memset(mb, 0, sizeof *mb);
		mb->key = xmalloc(len);
		memcpy(mb->key, k, len);
		mb->keylen = len;
	}
	mb->ids = xreallocarray(mb->ids, mb->n + 1, sizeof *mb->ids);
	mb->ids[mb->n++] = id;
	me->total++;
	return (0);
}

/*
 * The book key parts --book YEAR/BOOK names, folded as the index folds
 * them. Returns 0, or -1 if arg is not YEAR/BOOK.
 */
static int
book_filter(struct mexport *me, const char *arg)
{
	struct idxkey_book	 b;
	struct rec		*r;
	const char		*slash;
	char			*year, *k;
	size_t			 len;
	long			 y;

	if ((slash = strchr(arg, '/')) == NULL || slash[1] == '\0')
		return (-1);
	year = xstrndup(arg, slash - arg);
	if (number_parse(year, &y) != 0 || y < 0 || y > 65535) {
		free(year);
		return (-1);
	}
	r = rec_book_fields(me->f, "-", year, slash + 1);
	free(year);
	k = idxkey_book(r, me->f, &len);
	rec_free(r);
	if (k == NULL || idxkey_book_parts(k, len, &b) != 0) {
		free(k);
		return (-1);
	}
	me->yearfilter = b.year;
	me->bookfilter = xstrndup(b.book, b.booklen);
	me->bookfilterlen = b.booklen;
	free(k);
	return (0);
}

/* Keep the pairs flagged and not decided yet, both ways round. */
static int
open_cb(const struct store_pair *sp, void *arg)
{
	struct mexport	*me = arg;

	if (strcmp(sp->decision, PAIR_OPEN) != 0 &&
	    strcmp(sp->decision, PAIR_SUPERVISOR) != 0)
		return (0);
	me->open = xreallocarray(me->open, me->nopen + 2, sizeof *me->open);
	me->open[me->nopen][0] = sp->a;
	me->open[me->nopen++][1] = sp->b;
	me->open[me->nopen][0] = sp->b;
	me->open[me->nopen++][1] = sp->a;
	return (0);
}

/* Add a problem to e: its code (see the man page) and what it is. */
static void
why_add(struct mentry *e, const char *code, int hold, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void
why_add(struct mentry *e, const char *code, int hold, const char *fmt, ...)
{
	va_list	ap;

	e->why = xreallocarray(e->why, e->nwhy + 2, sizeof *e->why);
	e->why[e->nwhy++] = xstrdup(code);
	va_start(ap, fmt);
	if (vasprintf(&e->why[e->nwhy], fmt, ap) == -1)
		e->why[e->nwhy] = xstrdup(code);
	va_end(ap);
	e->nwhy++;
	e->hold |= hold;
}

/* What keeps entry e of the book from the Ministry, but its number. */
static void
entry_check(struct mexport *me, struct mentry *e)
{
	const struct form	*f = me->f;
	const struct rec	*r = e->r;
	const struct rec_val	*v;
	const char		*struck;
	struct fvalue		*fv;
	struct vresult		 vr;
	size_t			 i, lo, hi, mid;
	int			 fi, over = me->o->include;

	if ((int)r->state < me->o->state)
		why_add(e, "state", 1, _("the entry is %s; --state asks for "
		    "%s"), rec_state_name(r->state),
		    rec_state_name((enum rec_state)me->o->state));
	struck = rec_value(r, FORM_STRUCK_FIELD);
	if (strcmp(struck, FORM_STRUCK_CODE) == 0)
		why_add(e, "struck", 1, _("struck out in the book"));
	/* The first open pair of the entry, then the others. */
	lo = 0;
	hi = me->nopen;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (me->open[mid][0] < r->id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < me->nopen && me->open[i][0] == r->id; i++)
		why_add(e, "flag", !over, _("probable duplicate of entry %llu, "
		    "not decided"), (unsigned long long)me->open[i][1]);
	fv = rec_fvalues(r, f);
	vresult_init(&vr);
	validate_record(f, fv, &me->today, &vr);
	for (i = 0; i < vr.n; i++) {
		if (vr.v[i].level != VL_ERROR)
			continue;
		why_add(e, "error", !over, "%s: %s", vr.v[i].field >= 0 ?
		    f->fields[vr.v[i].field].key : f->id, vr.v[i].message);
	}
	vresult_free(&vr);
	free(fv);
	for (i = 0; i < f->ncolumns; i++) {
		if ((fi = f->columns[i].field) < 0 ||
		    (v = rec_get(r, f->fields[fi].key)) == NULL)
			continue;
		if (v->status == FS_ILLEGIBLE || v->status == FS_PARTIAL)
			why_add(e, "status", !over, _("%s: marked %s"),
			    f->fields[fi].key, form_status_name(v->status));
	}
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct mentry	*x = a, *y = b;
	int			 c;

	if (x->num != y->num)
		return (x->num < y->num ? -1 : 1);
	if ((c = strcmp(x->number, y->number)) != 0)
		return (c);
	return (x->r->id < y->r->id ? -1 : x->r->id > y->r->id);
}

/*
 * Numbers used twice in the book: held back unless one of the entries
 * says why the number repeats. The entries are in number order.
 */
static void
repeat_check(struct mexport *me, struct mentry *v, size_t n)
{
	size_t	i, j, k;
	int	reason;

	for (i = 0; i < n; i = j) {
		reason = 0;
		for (j = i; j < n && v[j].num == v[i].num; j++)
			if (*rec_value(v[j].r, REGCHECK_REASON_FIELD) != '\0')
				reason = 1;
		if (j - i < 2 || reason || v[i].num == LONG_MAX)
			continue;
		for (k = i; k < j; k++)
			why_add(&v[k], "repeat", !me->o->include,
			    _("number %ld is used by %zu entries of the book "
			    "and none says why"), v[i].num, j - i);
	}
}

/* The file name of book r: REG_YEAR_BOOK.xlsx, ASCII, unique. */
static char *
book_file(struct mexport *me, const struct rec *r)
{
	const struct form	*f = me->f;
	const char		*year, *book;
	char			*a, *name, *p;
	size_t			 i, n = 1;

	year = rec_value(r, f->fields[f->regno_key[RK_YEAR]].key);
	book = rec_value(r, f->fields[f->regno_key[RK_BOOK]].key);
	a = vntext_to_ascii(*book != '\0' ? book : "0");
	for (p = a; *p != '\0'; p++)
		if (!isalnum((u_char)*p) && *p != '-' && *p != '.')
			*p = '-';
	for (;;) {
		if (n == 1)
			xasprintf(&name, "%s_%s_%s.xlsx", f->reg, year, a);
		else
			xasprintf(&name, "%s_%s_%s_%zu.xlsx", f->reg, year, a,
			    n);
		for (i = 0; i < me->nnames; i++)
			if (strcmp(me->names[i], name) == 0)
				break;
		if (i == me->nnames)
			break;
		free(name);
		n++;
	}
	free(a);
	me->names = xreallocarray(me->names, me->nnames + 1,
	    sizeof *me->names);
	me->names[me->nnames++] = xstrdup(name);
	return (name);
}

/* One line of the summary file. */
static int
sum_line(struct mexport *me, const char *file, const struct rec *r,
    const char *code, const char *detail, int exported)
{
	const struct form	*f = me->f;
	const char		*row[9];
	char			 id[32];

	snprintf(id, sizeof id, "%llu", (unsigned long long)r->id);
	row[0] = file;
	row[1] = rec_value(r, f->fields[f->regno_key[RK_OFFICE]].key);
	row[2] = rec_value(r, f->fields[f->regno_key[RK_YEAR]].key);
	row[3] = rec_value(r, f->fields[f->regno_key[RK_BOOK]].key);
	row[4] = id;
	row[5] = rec_value(r, f->fields[f->regno_key[RK_NUMBER]].key);
	row[6] = code;
	row[7] = detail;
	row[8] = exported ? "yes" : "no";
	return (csv_write(me->sum, row, 9));
}

/* Is the scan of entry e in --scans DIR? Adds the problem if not. */
static void
scan_check(struct mexport *me, struct mentry *e)
{
	const struct form	*f = me->f;
	struct stat		 sb;
	const char		*name;
	char			*path;

	if (f->scan_field < 0) {
		why_add(e, "scan", 0, _("the form has no scan field"));
		return;
	}
	name = rec_value(e->r, f->fields[f->scan_field].key);
	if (*name == '\0') {
		why_add(e, "scan", 0, _("%s: no scan file named"),
		    f->fields[f->scan_field].key);
		return;
	}
	xasprintf(&path, "%s/%s", me->o->scans, name);
	if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		why_add(e, "scan", 0, _("scan %s not found in %s"), name,
		    me->o->scans);
	else if (sb.st_size == 0)
		why_add(e, "scan", 0, _("scan %s is empty"), name);
	free(path);
}

/* Write path's data to the disk and give it its name. */
static int
commit_file(const char *tmp, const char *path, char **cause)
{
	int	fd;

	if ((fd = open(tmp, O_RDONLY)) == -1 || fsync(fd) != 0) {
		xasprintf(cause, "%s: %s", tmp, strerror(errno));
		if (fd != -1)
			close(fd);
		return (-1);
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (-1);
	}
	return (0);
}

/* Read, check and write one book. Returns 0, or -1 with *cause set. */
static int
export_book(struct mexport *me, struct mbook *mb, char **cause)
{
	const struct form	*f = me->f;
	struct mentry		*v;
	struct rec		**out;
	const char		*file;
	char			*name = NULL, *path = NULL, *tmp = NULL;
	size_t			 i, j, n = 0, nout = 0;
	int			 r, rv = -1, held;

	v = xcalloc(mb->n, sizeof *v);
	for (i = 0; i < mb->n; i++) {
		if ((r = store_get(me->s, mb->ids[i], &v[n].r, cause)) < 0)
			goto done;
		if (r == 1)	/* gone since the index was read */
			continue;
		me->done++;
		progress_update(&me->pg, me->done, me->done);
		if (v[n].r->state == RS_DRAFT) {
			rec_free(v[n].r);
			continue;
		}
		v[n].number = rec_value(v[n].r,
		    f->fields[f->regno_key[RK_NUMBER]].key);
		if (number_regno(v[n].number, &v[n].num) != 0)
			v[n].num = LONG_MAX;
		n++;
	}
	if (n == 0) {
		rv = 0;
		goto done;
	}
	qsort(v, n, sizeof *v, entry_cmp);
	for (i = 0; i < n; i++)
		entry_check(me, &v[i]);
	repeat_check(me, v, n);
	out = xcalloc(n, sizeof *out);
	for (i = 0; i < n; i++) {
		if (!v[i].hold)
			out[nout++] = v[i].r;
		else
			me->held++;
	}
	name = book_file(me, v[0].r);
	if (nout > 0) {
		xasprintf(&path, "%s/%s", me->o->out, name);
		xasprintf(&tmp, "%s/.%s.tmp", me->o->out, name);
		if (moj_write_book(tmp, f, out, nout, cause) != 0 ||
		    commit_file(tmp, path, cause) != 0) {
			unlink(tmp);
			free(out);
			goto done;
		}
		me->files++;
		me->written += nout;
	}
	free(out);
	file = nout > 0 ? name : "";
	for (i = 0; i < n; i++) {
		if (me->o->scans != NULL && !v[i].hold)
			scan_check(me, &v[i]);
		held = v[i].hold;
		for (j = 0; j < v[i].nwhy; j += 2) {
			if (strcmp(v[i].why[j], "scan") == 0)
				me->noscan++;
			if (sum_line(me, file, v[i].r, v[i].why[j],
			    v[i].why[j + 1], !held) != 0) {
				xasprintf(cause, "%s: %s", me->sumtmp,
				    strerror(errno));
				goto done;
			}
		}
	}
	rv = 0;
done:
	for (i = 0; i < n; i++) {
		rec_free(v[i].r);
		for (j = 0; j < v[i].nwhy; j++)
			free(v[i].why[j]);
		free(v[i].why);
	}
	free(v);
	free(name);
	free(path);
	free(tmp);
	return (rv);
}

/*
 * Run the export the options o describe (the caller checked them).
 * Prints what it does; returns an exit status.
 */
int
cmd_export_moj(struct cmd_ctx *ctx, const struct mojopt *o)
{
	static const char	*hdr[] = { "file", "office", "year", "book",
	    "id", "so", "problem", "detail", "exported" };
	struct mexport		 me;
	struct formset		 fs;
	struct stat		 sb;
	char			*cause = NULL, *sumpath = NULL;
	size_t			 i;
	int			 status, r;

	memset(&me, 0, sizeof me);
	me.o = o;
	date_today(&me.today);
	cmd_load_forms(ctx, &fs);
	if ((me.f = cmd_find_form(ctx, &fs, o->form_id)) == NULL) {
		formset_free(&fs);
		return (EXIT_REFUSED);
	}
	if (me.f->ncolumns == 0) {
		fprintf(stderr, _("hotich: %s: form %s has no Ministry "
		    "template (no moj-column lines)\n"), me.f->path,
		    me.f->id);
		formset_free(&fs);
		return (EXIT_REFUSED);
	}
	if (o->book != NULL && book_filter(&me, o->book) != 0) {
		fprintf(stderr, _("hotich: --book takes YEAR/BOOK, such as "
		    "2018/02 or 2018/01-TP/HT-2018-KS, not '%s'\n"), o->book);
		formset_free(&fs);
		return (EXIT_USAGE);
	}
	if (o->scans != NULL && ((r = stat(o->scans, &sb)) != 0 ||
	    !S_ISDIR(sb.st_mode))) {
		fprintf(stderr, _("hotich: --scans %s: %s\n"), o->scans,
		    r != 0 ? strerror(errno) : _("not a folder"));
		free(me.bookfilter);
		formset_free(&fs);
		return (EXIT_REFUSED);
	}
	if ((status = cmd_open_as(ctx, &fs, 0, ACT_EXPORT, &me.s)) !=
	    EXIT_OK) {
		free(me.bookfilter);
		formset_free(&fs);
		return (status);
	}
	if ((status = cmd_path_ok(me.s, o->out)) != EXIT_OK)
		goto done;
	if (mkdir(o->out, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "hotich: %s: %s\n", o->out, strerror(errno));
		status = EXIT_REFUSED;
		goto done;
	}
	if (store_index_walk(me.s, SI_BOOK, "", 0, 0, book_cb, &me,
	    &cause) != 0 || store_pairs(me.s, open_cb, &me, &cause) != 0)
		goto dberr;
	if (me.nopen > 0)
		qsort(me.open, me.nopen, sizeof *me.open, cmd_idpair_cmp);
	if (me.nbooks == 0) {
		if (o->book != NULL)
			fprintf(stderr, _("hotich: form %s has no book %s\n"),
			    me.f->id, o->book);
		else
			fprintf(stderr, _("hotich: form %s has no entries\n"),
			    me.f->id);
		status = EXIT_REFUSED;
		goto done;
	}

	xasprintf(&sumpath, "%s/moj-%s-summary.csv", o->out, me.f->id);
	xasprintf(&me.sumtmp, "%s/.moj-%s-summary.csv.tmp", o->out, me.f->id);
	if ((me.sum = fopen(me.sumtmp, "w")) == NULL) {
		fprintf(stderr, "hotich: %s: %s\n", me.sumtmp,
		    strerror(errno));
		status = EXIT_REFUSED;
		goto done;
	}
	csv_write(me.sum, hdr, sizeof hdr / sizeof *hdr);
	progress_start(&me.pg, o->out, me.total);
	for (i = 0; i < me.nbooks; i++) {
		if (export_book(&me, &me.books[i], &cause) != 0) {
			progress_end(&me.pg);
			fprintf(stderr, "hotich: %s\n", cause);
			free(cause);
			status = EXIT_REFUSED;
			goto done;
		}
	}
	progress_end(&me.pg);
	if (fflush(me.sum) != 0 || ferror(me.sum)) {
		fprintf(stderr, "hotich: %s: %s\n", me.sumtmp,
		    strerror(errno));
		status = EXIT_REFUSED;
		goto done;
	}
	fclose(me.sum);
	me.sum = NULL;
	if (commit_file(me.sumtmp, sumpath, &cause) != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		status = EXIT_REFUSED;
		goto done;
	}
	printf(_("%s: form %s: %zu books, %lu files, %lu entries written, "
	    "%lu held back"), o->out, me.f->id, me.nbooks, me.files,
	    me.written, me.held);
	if (o->scans != NULL)
		printf(_(", %lu scans missing"), me.noscan);
	printf("\n");
	if (me.held > 0 || me.noscan > 0) {
		printf(_("what was held back or is missing, and why: %s\n"),
		    sumpath);
		status = EXIT_REFUSED;
	}
	goto done;

dberr:
	fprintf(stderr, "hotich: %s\n", cause);
	free(cause);
	status = EXIT_DB;
done:
	if (me.sum != NULL) {
		fclose(me.sum);
		unlink(me.sumtmp);
	}
	for (i = 0; i < me.nbooks; i++) {
		free(me.books[i].key);
		free(me.books[i].ids);
	}
	free(me.books);
	for (i = 0; i < me.nnames; i++)
		free(me.names[i]);
	free(me.names);
	free(me.open);
	free(me.sumtmp);
	free(sumpath);
	free(me.bookfilter);
	store_close(me.s);
	formset_free(&fs);
	return (status);
}
