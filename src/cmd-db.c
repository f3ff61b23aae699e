/*
 * cmd-db.c: the database commands: init, import, export, check, backup.
 *
 * Import reads RFC 4180 CSV whose header is a form's field keys (each
 * optionally followed by a KEY__status column), validates each row, and
 * commits the good rows in batches; refused rows go to a reject file with
 * their line and reasons. A row identical to a stored record is skipped,
 * so importing a file twice, or again after a crash, adds nothing twice.
 */

#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <grp.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "account.h"
#include "cmd.h"
#include "csv.h"
#include "date.h"
#include "dedup-find.h"
#include "encoding.h"
#include "form.h"
#include "i18n.h"
#include "moj.h"
#include "rec.h"
#include "store.h"
#include "utf8.h"
#include "validate.h"
#include "xmalloc.h"

#define IMPORT_BATCH	1000
#define STATUS_SUFFIX	"__status"

static int	cmd_init_exec(struct cmd_ctx *, int, char **);
static int	cmd_import_exec(struct cmd_ctx *, int, char **);
static int	cmd_export_exec(struct cmd_ctx *, int, char **);
static int	cmd_check_exec(struct cmd_ctx *, int, char **);
static int	cmd_backup_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_init_entry = {
	.name = "init",
	.usage = "[--office NAME] [--encrypt] [--cache-mb N] [--group NAME] "
	    "[--admin NAME [--os-user LOGIN] [--password-stdin]]",
	.summary = N_("create a database"),
	.exec = cmd_init_exec
};

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.usage = "--form ID [--format csv|moj] [--set KEY=VALUE]... "
	    "[--encoding ENC] [--reject FILE] [--batch N] [--verbose] "
	    "FILE.csv",
	.summary = N_("import entries from a CSV file"),
	.exec = cmd_import_exec
};

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.usage = "--form ID [--encoding ENC] [--out FILE] | --format moj "
	    "--form ID --book YEAR/BOOK|--all-books [--out DIR] "
	    "[--include-flagged] [--scans DIR] "
	    "[--state entered|verified|approved]",
	.summary = N_("export the entries of a form"),
	.exec = cmd_export_exec
};

const struct cmd_entry cmd_check_entry = {
	.name = "check",
	.usage = "",
	.summary = N_("verify the database, its indexes and its audit log"),
	.exec = cmd_check_exec
};

const struct cmd_entry cmd_backup_entry = {
	.name = "backup",
	.usage = "DIR",
	.summary = N_("copy the database while others keep working"),
	.exec = cmd_backup_exec
};

static int
usage_of(const struct cmd_entry *ce)
{
	fprintf(stderr, _("usage: hotich %s %s\n"), ce->name, ce->usage);
	return (EXIT_USAGE);
}

/* Parse --encoding (NULL: UTF-8); print the problem. Returns 0 or -1. */
static int
parse_encoding(const char *name, enum encoding *enc)
{
	char	*cause;

	*enc = ENC_UTF8;
	if (name == NULL)
		return (0);
	if (encoding_parse(name, enc, &cause) != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		return (-1);
	}
	return (0);
}

static int
cmd_init_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "office", required_argument, NULL, 'o' },
		{ "encrypt", no_argument, NULL, 'e' },
		{ "cache-mb", required_argument, NULL, 'c' },
		{ "admin", required_argument, NULL, 'a' },
		{ "group", required_argument, NULL, 'g' },
		{ "password-stdin", no_argument, NULL, 's' },
		{ "os-user", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 }
	};
	struct store_init	 si;
	struct formset		 fs;
	struct store		*s;
	const char		*admin = NULL, *osuser = NULL;
	char			*dir, *pass = NULL, *cause, *end;
	long			 mb;
	int			 ch, encrypt = 0, r, from_stdin = 0;

	memset(&si, 0, sizeof si);
	optind = 0;
	while ((ch = getopt_long(argc + 1, argv - 1, "+", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'o':
			si.office = optarg;
			break;
		case 'e':
			encrypt = 1;
			break;
		case 'c':
			mb = strtol(optarg, &end, 10);
			if (*end != '\0' || mb < 1 || mb > 4096) {
				fprintf(stderr, _("hotich: --cache-mb: %s is "
				    "not a size from 1 to 4096\n"), optarg);
				return (EXIT_USAGE);
			}
			si.cache_mb = mb;
			break;
		case 'a':
			admin = optarg;
			break;
		case 'g':
			si.group = optarg;
			break;
		case 's':
			from_stdin = 1;
			break;
		case 'u':
			osuser = optarg;
			break;
		default:
			return (usage_of(&cmd_init_entry));
		}
	}
	if (optind != argc + 1 || ((from_stdin || osuser != NULL) &&
	    admin == NULL))
		return (usage_of(&cmd_init_entry));
	if (si.group != NULL && getgrnam(si.group) == NULL) {
		fprintf(stderr, _("hotich: there is no group %s\n"), si.group);
		return (EXIT_REFUSED);
	}
	/* A bad name refused before anything is made. */
	if (admin != NULL && account_name_ok(admin, &cause) != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		return (EXIT_REFUSED);
	}
	if (encrypt && (pass = cmd_passphrase(1)) == NULL)
		return (EXIT_USAGE);
	si.passphrase = pass;
	dir = cmd_db_dir(ctx);
	r = store_init(dir, &si, &cause);
	if (pass != NULL) {
		explicit_bzero(pass, strlen(pass));
		free(pass);
	}
	if (r != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		free(dir);
		return (EXIT_DB);
	}
	printf(_("created the database %s%s\n"), dir,
	    encrypt ? _(" (encrypted)") : "");
	free(dir);
	if (admin == NULL)
		return (EXIT_OK);

	/* The first administrator. */
	cmd_load_forms(ctx, &fs);
	if ((r = cmd_open_store(ctx, &fs, 0, &s)) == EXIT_OK) {
		r = cmd_user_add(s, admin, "admin", osuser, from_stdin);
		store_close(s);
	}
	formset_free(&fs);
	return (r);
}

/* What one column of an import file is. */
struct column {
	int	field;		/* index into the form, or -1 */
	int	status;		/* a KEY__status column */
	int	moj;		/* --format moj: the template's column, or -1 */
};

struct importer {
	const struct form	*form;
	struct store		*store;
	const char		*path;
	const char		*reject_path;
	FILE			*reject;
	char			**header;
	size_t			 ncols;
	struct column		*cols;
	int			 verbose;
	size_t			 batch_max;

	struct rec		**batch;
	size_t			 nbatch;
	uint64_t		*ids;

	u_long			 rows;
	u_long			 added;
	u_long			 same;
	u_long			 refused;
	u_long			 last_line;
	u_long			 committed_line;
	struct vdate		 today;

	int			 moj;		/* --format moj */
	char			**set;		/* per field: --set, or NULL */
	uint64_t		*added_ids;	/* moj: to look for duplicates */
	size_t			 nadded;
	u_long			 incomplete;	/* moj: required fields missing */
	size_t			 flagged;	/* moj: duplicate pairs flagged */
};

/*
 * Map the header of a file in the Ministry's template to its columns:
 * columns the template does not have are left out with a warning (earlier
 * campaigns added their own). Returns 0 or -1, with every problem printed.
 */
static int
import_header_moj(struct importer *im, char **fields, size_t n)
{
	const struct form	*f = im->form;
	size_t			 i, j;
	int			 bad = 0, any = 0, k;

	for (i = 0; i < n; i++) {
		im->cols[i].field = -1;
		if ((k = moj_column(f, fields[i])) < 0) {
			if (*fields[i] != '\0')
				fprintf(stderr, _("%s:1: column %zu: '%s' is "
				    "not a column of the Ministry's template "
				    "for form %s; left out\n"), im->path, i + 1,
				    fields[i], f->id);
			im->cols[i].moj = -1;
			continue;
		}
		im->cols[i].moj = k;
		for (j = 0; j < i; j++) {
			if (im->cols[j].moj == k) {
				fprintf(stderr, _("%s:1: column %zu: '%s' "
				    "repeats column %zu\n"), im->path, i + 1,
				    fields[i], j + 1);
				bad = 1;
			}
		}
		if (f->columns[k].field >= 0 || f->columns[k].else_field >= 0)
			any = 1;
	}
	if (!bad && !any) {
		fprintf(stderr, _("%s:1: the header names none of the "
		    "Ministry's columns of form %s\n"), im->path, f->id);
		bad = 1;
	}
	return (bad ? -1 : 0);
}

/* Map the header to fields; print every problem. Returns 0 or -1. */
static int
import_header(struct importer *im, char **fields, size_t n)
{
	const struct form	*f = im->form;
	char			*key;
	size_t			 i, j, len, slen = strlen(STATUS_SUFFIX);
	int			 bad = 0, any = 0;

	im->ncols = n;
	im->cols = xcalloc(n, sizeof *im->cols);
	im->header = xcalloc(n, sizeof *im->header);
	for (i = 0; i < n; i++)
		im->header[i] = xstrdup(fields[i]);
	if (im->moj)
		return (import_header_moj(im, fields, n));
	for (i = 0; i < n; i++) {
		im->cols[i].field = -1;
		key = xstrdup(fields[i]);
		len = strlen(key);
		if (len > slen && strcmp(key + len - slen, STATUS_SUFFIX) == 0) {
			key[len - slen] = '\0';
			im->cols[i].status = 1;
		}
		for (j = 0; j < f->nfields; j++)
			if (strcmp(f->fields[j].key, key) == 0)
				im->cols[i].field = j;
		if (im->cols[i].field == -1 && strcmp(fields[i], "id") != 0) {
			fprintf(stderr, _("%s:1: column %zu: '%s' is not a "
			    "field of form %s\n"), im->path, i + 1, fields[i],
			    f->id);
			bad = 1;
		}
		for (j = 0; j < i && im->cols[i].field != -1; j++) {
			if (im->cols[j].field == im->cols[i].field &&
			    im->cols[j].status == im->cols[i].status) {
				fprintf(stderr, _("%s:1: column %zu: '%s' "
				    "repeats column %zu\n"), im->path, i + 1,
				    fields[i], j + 1);
				bad = 1;
			}
		}
		if (im->cols[i].field != -1 && !im->cols[i].status)
			any = 1;
		free(key);
	}
	if (!bad && !any) {
		fprintf(stderr, _("%s:1: the header names none of the fields "
		    "of form %s\n"), im->path, f->id);
		bad = 1;
	}
	return (bad ? -1 : 0);
}

/* Write a refused row to the reject file. */
static int
import_reject(struct importer *im, u_long line, const char *why,
    char **fields, size_t n)
{
	const char	**row;
	char		  lbuf[32];
	size_t		  i;

	im->refused++;
	if (im->reject == NULL) {
		if ((im->reject = fopen(im->reject_path, "w")) == NULL) {
			fprintf(stderr, "hotich: %s: %s\n", im->reject_path,
			    strerror(errno));
			return (-1);
		}
		row = xcalloc(im->ncols + 2, sizeof *row);
		row[0] = "line";
		row[1] = "reasons";
		for (i = 0; i < im->ncols; i++)
			row[i + 2] = im->header[i];
		csv_write(im->reject, row, im->ncols + 2);
		free(row);
	}
	snprintf(lbuf, sizeof lbuf, "%lu", line);
	row = xcalloc(n + 2, sizeof *row);
	row[0] = lbuf;
	row[1] = why;
	for (i = 0; i < n; i++)
		row[i + 2] = fields[i];
	csv_write(im->reject, row, n + 2);
	free(row);
	return (0);
}

/* Commit the batch. Returns 0, or -1 with a message printed. */
static int
import_flush(struct importer *im)
{
	char	*cause;
	size_t	 i;

	if (im->nbatch == 0)
		return (0);
	if (store_write(im->store, im->batch, im->nbatch, STORE_SKIP_SAME,
	    im->ids, &cause) != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		fprintf(stderr, _("hotich: %s: stopped; the rows through "
		    "line %lu are saved: run the same import again to go "
		    "on\n"), im->path, im->committed_line);
		free(cause);
		return (-1);
	}
	for (i = 0; i < im->nbatch; i++) {
		if (im->ids[i] != 0 && im->moj) {
			im->added_ids = xreallocarray(im->added_ids,
			    im->nadded + 1, sizeof *im->added_ids);
			im->added_ids[im->nadded++] = im->ids[i];
		}
		if (im->ids[i] != 0)
			im->added++;
		else
			im->same++;
		rec_free(im->batch[i]);
	}
	im->nbatch = 0;
	im->committed_line = im->last_line;
	if (im->verbose) {
		printf(_("committed through line %lu\n"), im->last_line);
		fflush(stdout);
	}
	return (0);
}

/*
 * Read the cells of a row of the Ministry's template into fv, one per
 * field, the strings made kept in own (one per field). An empty cell
 * gives its field "" (the book gave nothing); a column the file lacks
 * leaves it NULL. Missing required fields are the validator's: the row
 * comes in incomplete, to be finished on screen. Returns NULL, or why
 * the row is refused.
 */
static char *
import_cells_moj(struct importer *im, char **fields, size_t n,
    struct fvalue *fv, char **own)
{
	const struct form		*f = im->form;
	const struct form_column	*c;
	char				*v[2], *why = NULL, *cause;
	size_t				 i, k;
	int				 fi[2];

	for (i = 0; i < n && why == NULL; i++) {
		if (im->cols[i].moj < 0)
			continue;
		c = &f->columns[im->cols[i].moj];
		if (moj_read_cell(f, c, fields[i], &v[0], &v[1], &cause) != 0) {
			xasprintf(&why, "%s: %s", c->name, cause);
			free(cause);
			break;
		}
		fi[0] = c->field;
		fi[1] = c->else_field;
		for (k = 0; k < 2; k++) {
			if (v[k] == NULL)
				continue;
			free(own[fi[k]]);
			if ((own[fi[k]] = utf8_nfc(v[k])) == NULL && why == NULL)
				xasprintf(&why, _("%s: not valid UTF-8"),
				    c->name);
			fv[fi[k]].value = own[fi[k]];
			free(v[k]);
		}
	}
	return (why);
}

/* Check, validate and queue one row. Returns 0, or -1 to stop. */
static int
import_row(struct importer *im, u_long line, char **fields, size_t n)
{
	const struct form	*f = im->form;
	struct fvalue		*fv;
	struct vresult		 vr;
	char			**norm, *why = NULL, *tmp;
	size_t			 i, j;
	enum field_status	 st;
	int			 r = 0, incomplete = 0;

	im->rows++;
	if (n != im->ncols) {
		xasprintf(&why, _("%zu fields where the header has %zu"), n,
		    im->ncols);
		r = import_reject(im, line, why, fields, n);
		free(why);
		return (r);
	}
	fv = xcalloc(f->nfields, sizeof *fv);
	norm = xcalloc(n + f->nfields, sizeof *norm);
	if (im->moj)
		why = import_cells_moj(im, fields, n, fv, norm + n);
	for (i = 0; i < n && why == NULL && !im->moj; i++) {
		if (im->cols[i].field == -1)
			continue;
		if (!im->cols[i].status) {
			/* Most values are NFC already: no copy for them. */
			if (utf8_is_nfc_quick(fields[i]))
				fv[im->cols[i].field].value = fields[i];
			else if ((norm[i] = utf8_nfc(fields[i])) == NULL)
				xasprintf(&why, _("%s: not valid UTF-8"),
				    im->header[i]);
			else
				fv[im->cols[i].field].value = norm[i];
			continue;
		}
		if (*fields[i] == '\0')
			continue;
		if (form_status_from_name(fields[i], &st) != 0)
			xasprintf(&why, _("%s: '%s' is not a status (ok, "
			    "blank, illegible, partial, struck)"),
			    im->header[i], fields[i]);
		else
			fv[im->cols[i].field].status = st;
	}
	for (j = 0; j < f->nfields && why == NULL; j++) {
		/* --set, then (the template lacking the field) its default. */
		if (fv[j].value != NULL && *fv[j].value != '\0')
			continue;
		if (im->set != NULL && im->set[j] != NULL)
			fv[j].value = im->set[j];
		else if (im->moj && fv[j].value == NULL &&
		    f->fields[j].moj == NULL && f->fields[j].defval != NULL)
			fv[j].value = f->fields[j].defval;
	}
	if (why == NULL) {
		vresult_init(&vr);
		validate_record(f, fv, &im->today, &vr);
		for (j = 0; j < vr.n; j++) {
			if (vr.v[j].level != VL_ERROR)
				continue;
			/* Finished on screen: see import_cells_moj. */
			if (im->moj && strcmp(vr.v[j].code, "required") == 0) {
				incomplete = 1;
				continue;
			}
			xasprintf(&tmp, "%s%s%s: %s", why == NULL ? "" : why,
			    why == NULL ? "" : "; ", vr.v[j].field >= 0 ?
			    f->fields[vr.v[j].field].key : f->id,
			    vr.v[j].message);
			free(why);
			why = tmp;
		}
		vresult_free(&vr);
	}
	if (why != NULL) {
		r = import_reject(im, line, why, fields, n);
		free(why);
	} else {
		im->batch[im->nbatch++] = rec_from_fvalues(f, fv);
		im->incomplete += incomplete;
		im->last_line = line;
		if (im->nbatch == im->batch_max)
			r = import_flush(im);
	}
	for (i = 0; i < n + f->nfields; i++)
		free(norm[i]);
	free(norm);
	free(fv);
	return (r);
}

/*
 * Resolve the --set KEY=VALUE arguments against the form: a value for
 * each field the file leaves empty. Prints what is wrong; returns 0 or -1.
 */
static int
import_sets(struct importer *im, char **sets, size_t n)
{
	const char	*eq;
	char		*key;
	size_t		 i;
	int		 fi;

	if (n == 0)
		return (0);
	im->set = xcalloc(im->form->nfields, sizeof *im->set);
	for (i = 0; i < n; i++) {
		if ((eq = strchr(sets[i], '=')) == NULL || eq == sets[i]) {
			fprintf(stderr, _("hotich: --set takes KEY=VALUE, not "
			    "'%s'\n"), sets[i]);
			return (-1);
		}
		key = xstrndup(sets[i], eq - sets[i]);
		fi = form_field_index(im->form, key);
		if (fi < 0) {
			fprintf(stderr, _("hotich: --set: '%s' is not a field "
			    "of form %s\n"), key, im->form->id);
			free(key);
			return (-1);
		}
		free(key);
		im->set[fi] = (char *)eq + 1;
	}
	return (0);
}

/*
 * Flag the probable duplicates of the entries just imported, as the entry
 * screen would, for the review screen. Says how many; returns 0, or -1
 * with the problem printed.
 */
static int
import_flag(struct importer *im)
{
	struct dedup_cand	 cand[8];
	struct dedup_form	*df;
	struct rec		*r;
	char			*user, *cause = NULL;
	size_t			 i, k, flagged = 0;
	int			 n, rv = 0;

	df = dedup_form_new(im->form);
	user = cmd_user();
	for (i = 0; i < im->nadded && rv == 0; i++) {
		if ((n = store_get(im->store, im->added_ids[i], &r,
		    &cause)) != 0) {
			rv = n < 0 ? -1 : 0;
			continue;
		}
		n = dedup_find(im->store, df, r, DEDUP_MIN_SCORE, cand,
		    sizeof cand / sizeof *cand, NULL, &cause);
		rec_free(r);
		for (k = 0; n > 0 && k < (size_t)n && rv == 0; k++) {
			switch (dedup_flag_pair(im->store, df,
			    im->added_ids[i], cand[k].id, cand[k].score,
			    &cand[k].why, user, &cause)) {
			case -1:
				rv = -1;
				break;
			case 1:
				flagged++;
				break;
			}
		}
		if (n < 0)
			rv = -1;
	}
	if (rv != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
	}
	im->flagged = flagged;
	free(user);
	dedup_form_free(df);
	return (rv);
}

static int
cmd_import_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "form", required_argument, NULL, 'f' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "reject", required_argument, NULL, 'r' },
		{ "batch", required_argument, NULL, 'b' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "format", required_argument, NULL, 'F' },
		{ "set", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct importer		 im;
	struct formset		 fs;
	struct csv_reader	*cr;
	struct progress		 pg;
	struct stat		 sb;
	struct encoding_guess	 g;
	enum encoding		 encoding;
	FILE			*in, *raw = NULL;
	const char		*form_id = NULL, *enc = NULL;
	char			*reject_path = NULL, **fields, *cause, *end;
	char			**sets = NULL;
	size_t			 n, i, nsets = 0;
	long			 v;
	int			 ch, r, status = EXIT_OK;

	memset(&im, 0, sizeof im);
	im.batch_max = IMPORT_BATCH;
	optind = 0;
	while ((ch = getopt_long(argc + 1, argv - 1, "+", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'f':
			form_id = optarg;
			break;
		case 'e':
			enc = optarg;
			break;
		case 'r':
			im.reject_path = optarg;
			break;
		case 'b':
			v = strtol(optarg, &end, 10);
			if (*end != '\0' || v < 1 || v > 100000) {
				fprintf(stderr, _("hotich: --batch: %s is not "
				    "a number from 1 to 100000\n"), optarg);
				return (EXIT_USAGE);
			}
			im.batch_max = v;
			break;
		case 'v':
			im.verbose = 1;
			break;
		case 'F':
			if (strcmp(optarg, "moj") == 0)
				im.moj = 1;
			else if (strcmp(optarg, "csv") != 0) {
				fprintf(stderr, _("hotich: import --format is "
				    "csv or moj, not %s\n"), optarg);
				free(sets);
				return (EXIT_USAGE);
			}
			break;
		case 's':
			sets = xreallocarray(sets, nsets + 1, sizeof *sets);
			sets[nsets++] = optarg;
			break;
		default:
			free(sets);
			return (usage_of(&cmd_import_entry));
		}
	}
	argc -= optind - 1;
	argv += optind - 1;
	if (form_id == NULL || argc != 1) {
		free(sets);
		return (usage_of(&cmd_import_entry));
	}
	if (parse_encoding(enc, &encoding) != 0) {
		free(sets);
		return (EXIT_USAGE);
	}
	im.path = argv[0];
	if (im.reject_path == NULL) {
		xasprintf(&reject_path, "%s.rejects.csv",
		    strcmp(im.path, "-") == 0 ? "hotich" : im.path);
		im.reject_path = reject_path;
	}

	cmd_load_forms(ctx, &fs);
	if ((im.form = cmd_find_form(ctx, &fs, form_id)) == NULL ||
	    (im.moj && im.form->ncolumns == 0) ||
	    import_sets(&im, sets, nsets) != 0) {
		if (im.form != NULL && im.moj && im.form->ncolumns == 0)
			fprintf(stderr, _("hotich: %s: form %s has no "
			    "Ministry template (no moj-column lines)\n"),
			    im.form->path, im.form->id);
		free(im.set);
		free(sets);
		formset_free(&fs);
		free(reject_path);
		return (im.form == NULL ? EXIT_REFUSED : EXIT_USAGE);
	}
	free(sets);
	if (strcmp(im.path, "-") == 0)
		in = stdin;
	else if ((in = fopen(im.path, "r")) == NULL) {
		fprintf(stderr, "hotich: %s: %s\n", im.path, strerror(errno));
		formset_free(&fs);
		free(reject_path);
		return (EXIT_REFUSED);
	}
	if (encoding != ENC_UTF8) {
		raw = in;
		if ((in = encoding_open_reader(raw, encoding, &cause)) ==
		    NULL) {
			fprintf(stderr, "hotich: %s: %s\n", im.path, cause);
			free(cause);
			if (raw != stdin)
				fclose(raw);
			formset_free(&fs);
			free(reject_path);
			return (EXIT_REFUSED);
		}
		if (encoding_guessed(in, &g) == 0)
			fprintf(stderr, _("%s: encoding: guessed %s (%zu of %zu "
			    "words Vietnamese)\n"), im.path,
			    encoding_name(g.enc), g.vietnamese, g.words);
	}
	if ((status = cmd_open_as(ctx, &fs, CMD_CREATE, ACT_TYPE,
	    &im.store)) != EXIT_OK) {
		if (raw != NULL) {
			if (encoding_close(in, &cause) != 0)
				free(cause);
			in = raw;
		}
		if (in != stdin)
			fclose(in);
		formset_free(&fs);
		free(reject_path);
		return (status);
	}
	date_today(&im.today);
	im.batch = xcalloc(im.batch_max, sizeof *im.batch);
	im.ids = xcalloc(im.batch_max, sizeof *im.ids);
	cr = csv_reader_new(in, im.path, 0);
	progress_start(&pg, im.path, raw == NULL && fstat(fileno(in), &sb) ==
	    0 && S_ISREG(sb.st_mode) ? sb.st_size : 0);

	r = csv_read(cr, &fields, &n, &cause);
	if (r == 0) {
		fprintf(stderr, _("%s: the file is empty\n"), im.path);
		status = EXIT_REFUSED;
	} else if (r < 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		status = EXIT_REFUSED;
	} else if (import_header(&im, fields, n) != 0)
		status = EXIT_REFUSED;
	while (status == EXIT_OK) {
		if ((r = csv_read(cr, &fields, &n, &cause)) == 0)
			break;
		if (r < 0) {
			im.rows++;
			r = import_reject(&im, csv_line(cr), cause, NULL, 0);
			free(cause);
		} else
			r = import_row(&im, csv_line(cr), fields, n);
		if (r != 0)
			status = EXIT_DB;
		progress_update(&pg, ftello(in), im.rows);
	}
	if (status == EXIT_OK && import_flush(&im) != 0)
		status = EXIT_DB;
	progress_end(&pg);
	if (status == EXIT_OK && im.moj && im.nadded > 0 &&
	    import_flag(&im) != 0)
		status = EXIT_DB;
	if (im.reject != NULL && fclose(im.reject) != 0) {
		fprintf(stderr, "hotich: %s: %s\n", im.reject_path,
		    strerror(errno));
		status = EXIT_DB;
	}
	if (im.ncols > 0) {
		printf(_("%s: %lu rows: %lu imported, %lu already present, "
		    "%lu refused\n"), im.path, im.rows, im.added, im.same,
		    im.refused);
		if (im.incomplete > 0)
			printf(_("%lu entries lack required fields: finish "
			    "them on screen\n"), im.incomplete);
		if (im.moj)
			printf(_("%zu probable duplicate pairs flagged for "
			    "review\n"), im.flagged);
		if (im.refused > 0)
			printf(_("refused rows and their reasons: %s\n"),
			    im.reject_path);
	}
	if (status == EXIT_OK && im.refused > 0)
		status = EXIT_REFUSED;

	for (i = 0; i < im.nbatch; i++)
		rec_free(im.batch[i]);
	for (i = 0; i < im.ncols; i++)
		free(im.header[i]);
	free(im.header);
	free(im.cols);
	free(im.batch);
	free(im.ids);
	free(im.added_ids);
	free(im.set);
	csv_reader_free(cr);
	if (raw != NULL) {
		if (encoding_close(in, &cause) != 0) {
			fprintf(stderr, "hotich: %s: %s\n", im.path, cause);
			free(cause);
		}
		in = raw;
	}
	if (in != stdin)
		fclose(in);
	store_close(im.store);
	formset_free(&fs);
	free(reject_path);
	return (status);
}

struct exporter {
	const struct form	*form;
	FILE			*out;
	int			*status_col;	/* per field */
	size_t			*order;		/* fields by key */
	const struct rec_val	**val;		/* per field */
	const char		**row;
	size_t			 ncols;
	u_long			 count;
	int			 error;
	struct progress		 pg;
};

/* Order field indexes by the keys of form arg (for qsort_r). */
static int
field_cmp(const void *a, const void *b, void *arg)
{
	const struct form	*f = arg;

	return (strcmp(f->fields[*(const size_t *)a].key,
	    f->fields[*(const size_t *)b].key));
}

/* Mark the fields of ex's form some record gives a status. */
static int
export_status_cols(struct exporter *ex, struct store *s, char **cause)
{
	char	**keys;
	size_t	  n, i;
	int	  fi;

	if (store_status_keys(s, ex->form->id, &keys, &n, cause) != 0)
		return (-1);
	for (i = 0; i < n; i++) {
		if ((fi = form_field_index(ex->form, keys[i])) >= 0)
			ex->status_col[fi] = 1;
		free(keys[i]);
	}
	free(keys);
	return (0);
}

static int
export_row(const struct rec *r, void *arg)
{
	struct exporter		*ex = arg;
	const struct form	*f = ex->form;
	const struct rec_val	*v;
	char			 id[32];
	size_t			 i, j, c = 0;
	int			 cmp;

	/* The values and the fields are both in key order: merge them. */
	for (i = j = 0; j < f->nfields; j++) {
		ex->val[ex->order[j]] = NULL;
		while (i < r->nvals && (cmp = strcmp(r->vals[i].key,
		    f->fields[ex->order[j]].key)) <= 0) {
			if (cmp == 0)
				ex->val[ex->order[j]] = &r->vals[i];
			i++;
		}
	}
	snprintf(id, sizeof id, "%llu", (unsigned long long)r->id);
	ex->row[c++] = id;
	for (i = 0; i < f->nfields; i++) {
		v = ex->val[i];
		ex->row[c++] = v != NULL ? v->value : "";
		if (ex->status_col[i])
			ex->row[c++] = v != NULL && v->status != FS_OK ?
			    form_status_name(v->status) : "";
	}
	if (csv_write(ex->out, ex->row, c) != 0) {
		ex->error = errno;
		return (1);
	}
	ex->count++;
	progress_update(&ex->pg, 0, ex->count);
	return (0);
}

static int
cmd_export_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "form", required_argument, NULL, 'f' },
		{ "format", required_argument, NULL, 'F' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "out", required_argument, NULL, 'o' },
		{ "book", required_argument, NULL, 'b' },
		{ "all-books", no_argument, NULL, 'a' },
		{ "include-flagged", no_argument, NULL, 'i' },
		{ "scans", required_argument, NULL, 's' },
		{ "state", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	struct mojopt	 mo;
	enum rec_state	 state;
	struct exporter	 ex;
	struct stat	 sb;
	struct formset	 fs;
	struct store	*s;
	enum encoding	 encoding;
	FILE		*raw = NULL;
	const char	*form_id = NULL, *format = "csv", *enc = NULL;
	const char	*out = NULL, **hdr;
	char		*tmp = NULL, *cause, **keys;
	size_t		 i, c;
	int		 ch, status, direct = 0, moj = 0, all = 0;

	memset(&mo, 0, sizeof mo);
	mo.state = RS_ENTERED;
	optind = 0;
	while ((ch = getopt_long(argc + 1, argv - 1, "+", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'f':
			form_id = optarg;
			break;
		case 'F':
			format = optarg;
			break;
		case 'e':
			enc = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'b':
			mo.book = optarg;
			moj = 1;
			break;
		case 'a':
			all = 1;
			moj = 1;
			break;
		case 'i':
			mo.include = 1;
			moj = 1;
			break;
		case 's':
			mo.scans = optarg;
			moj = 1;
			break;
		case 't':
			if (rec_state_parse(optarg, &state) != 0 ||
			    state == RS_DRAFT) {
				fprintf(stderr, _("hotich: --state is entered, "
				    "verified or approved\n"));
				return (EXIT_USAGE);
			}
			mo.state = state;
			moj = 1;
			break;
		default:
			return (usage_of(&cmd_export_entry));
		}
	}
	if (form_id == NULL || optind != argc + 1)
		return (usage_of(&cmd_export_entry));
	if (strcmp(format, "moj") == 0) {
		if (enc != NULL) {
			fprintf(stderr, _("hotich: --format moj writes "
			    "Excel files, which have no --encoding\n"));
			return (EXIT_USAGE);
		}
		if ((mo.book != NULL) == all) {
			fprintf(stderr, _("hotich: export --format moj: name "
			    "a book with --book YEAR/BOOK, or --all-books\n"));
			return (EXIT_USAGE);
		}
		mo.form_id = form_id;
		mo.out = out != NULL ? out : ".";
		return (cmd_export_moj(ctx, &mo));
	}
	if (strcmp(format, "csv") != 0) {
		fprintf(stderr, _("hotich: export --format is csv or moj, "
		    "not %s\n"), format);
		return (EXIT_USAGE);
	}
	if (moj) {
		fprintf(stderr, _("hotich: --book, --all-books, "
		    "--include-flagged, --scans and --state are for "
		    "--format moj\n"));
		return (EXIT_USAGE);
	}
	if (parse_encoding(enc, &encoding) != 0)
		return (EXIT_USAGE);
	if (encoding == ENC_AUTO) {
		fprintf(stderr, _("hotich: --encoding auto is for reading "
		    "only\n"));
		return (EXIT_USAGE);
	}

	memset(&ex, 0, sizeof ex);
	cmd_load_forms(ctx, &fs);
	if ((ex.form = cmd_find_form(ctx, &fs, form_id)) == NULL) {
		formset_free(&fs);
		return (EXIT_REFUSED);
	}
	if ((status = cmd_open_as(ctx, &fs, 0, ACT_EXPORT, &s)) != EXIT_OK) {
		formset_free(&fs);
		return (status);
	}
	if (out != NULL && (status = cmd_path_ok(s, out)) != EXIT_OK) {
		store_close(s);
		formset_free(&fs);
		return (status);
	}
	ex.status_col = xcalloc(ex.form->nfields, sizeof *ex.status_col);
	if (export_status_cols(&ex, s, &cause) != 0)
		goto dberr;
	ex.order = xcalloc(ex.form->nfields, sizeof *ex.order);
	for (i = 0; i < ex.form->nfields; i++)
		ex.order[i] = i;
	qsort_r(ex.order, ex.form->nfields, sizeof *ex.order, field_cmp,
	    (void *)ex.form);
	ex.val = xcalloc(ex.form->nfields, sizeof *ex.val);

	if (out != NULL) {
		/*
		 * A device or a FIFO (/dev/null, a pipe to a printer) is
		 * written to; a temporary file is never renamed over it.
		 */
		direct = stat(out, &sb) == 0 && !S_ISREG(sb.st_mode);
		if (!direct)
			xasprintf(&tmp, "%s.tmp", out);
		if ((ex.out = fopen(direct ? out : tmp, "w")) == NULL) {
			fprintf(stderr, "hotich: %s: %s\n", direct ? out : tmp,
			    strerror(errno));
			status = EXIT_REFUSED;
			goto done;
		}
	} else
		ex.out = stdout;
	if (encoding != ENC_UTF8) {
		raw = ex.out;
		if ((ex.out = encoding_open_writer(raw, encoding, &cause)) ==
		    NULL) {
			ex.out = raw;
			goto dberr;
		}
	}
	ex.ncols = 1;
	for (i = 0; i < ex.form->nfields; i++)
		ex.ncols += ex.status_col[i] ? 2 : 1;
	hdr = xcalloc(ex.ncols, sizeof *hdr);
	keys = xcalloc(ex.ncols, sizeof *keys);
	c = 0;
	hdr[c++] = "id";
	for (i = 0; i < ex.form->nfields; i++) {
		hdr[c++] = ex.form->fields[i].key;
		if (ex.status_col[i]) {
			xasprintf(&keys[c], "%s%s", ex.form->fields[i].key,
			    STATUS_SUFFIX);
			hdr[c] = keys[c];
			c++;
		}
	}
	csv_write(ex.out, hdr, c);
	for (i = 0; i < c; i++)
		free(keys[i]);
	free(keys);
	free(hdr);
	ex.row = xcalloc(ex.ncols, sizeof *ex.row);
	progress_start(&ex.pg, out != NULL ? out : "export", 0);
	if (store_scan(s, form_id, export_row, &ex, &cause) != 0) {
		progress_end(&ex.pg);
		goto dberr;
	}
	progress_end(&ex.pg);
	if (raw != NULL) {
		if (encoding_close(ex.out, &cause) != 0) {
			fprintf(stderr, "hotich: %s\n", cause);
			free(cause);
			ex.error = EILSEQ;
		}
		ex.out = raw;
		raw = NULL;
	}
	if (ex.error == 0 && (fflush(ex.out) != 0 ||
	    (ex.out != stdout && !direct && fsync(fileno(ex.out)) != 0)))
		ex.error = errno;
	if (ex.out != stdout && fclose(ex.out) != 0 && ex.error == 0)
		ex.error = errno;
	ex.out = NULL;
	if (ex.error != 0) {
		fprintf(stderr, "hotich: %s: %s\n", tmp != NULL ? tmp :
		    out != NULL ? out : "stdout", strerror(ex.error));
		status = EXIT_REFUSED;
	} else if (tmp != NULL && rename(tmp, out) != 0) {
		fprintf(stderr, "hotich: %s: %s\n", out, strerror(errno));
		status = EXIT_REFUSED;
	} else if (out != NULL)
		printf(_("%s: %lu entries of form %s\n"), out, ex.count,
		    form_id);
	goto done;

dberr:
	fprintf(stderr, "hotich: %s\n", cause);
	free(cause);
	status = EXIT_DB;
done:
	if (raw != NULL) {
		if (encoding_close(ex.out, &cause) != 0)
			free(cause);
		ex.out = raw;
	}
	if (ex.out != NULL && ex.out != stdout)
		fclose(ex.out);
	if (tmp != NULL && status != EXIT_OK)
		unlink(tmp);
	free(tmp);
	free(ex.row);
	free(ex.val);
	free(ex.order);
	free(ex.status_col);
	store_close(s);
	formset_free(&fs);
	return (status);
}

static int
cmd_check_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct formset		 fs;
	struct store		*s;
	struct store_report	 rp;
	size_t			 i;
	int			 status;

	(void)argv;
	if (argc != 0)
		return (usage_of(&cmd_check_entry));
	cmd_load_forms(ctx, &fs);
	if ((status = cmd_open_store(ctx, &fs, CMD_NOLOGIN, &s)) != EXIT_OK) {
		formset_free(&fs);
		return (status);
	}
	if (store_check(s, &rp) == 0) {
		printf(_("%s: sound: %lu records, %lu index entries, %lu "
		    "audit entries, %lu books\n"), store_path(s), rp.records,
		    rp.index_entries, rp.audit_entries, rp.books);
	} else {
		for (i = 0; i < rp.nlines; i++)
			printf("%s: %s\n", store_path(s), rp.lines[i]);
		printf(_("%s: NOT sound: %zu problems\n"), store_path(s),
		    rp.nlines);
		status = EXIT_DB;
	}
	store_report_clear(&rp);
	store_close(s);
	formset_free(&fs);
	return (status);
}

static int
cmd_backup_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct formset	 fs;
	struct store	*s;
	char		*cause;
	int		 status;

	if (argc != 1 || argv[0][0] == '-')
		return (usage_of(&cmd_backup_entry));
	cmd_load_forms(ctx, &fs);
	if ((status = cmd_open_as(ctx, &fs, 0, ACT_BACKUP, &s)) != EXIT_OK) {
		formset_free(&fs);
		return (status);
	}
	if ((status = cmd_path_ok(s, argv[0])) != EXIT_OK)
		;
	else if (store_backup(s, argv[0], &cause) != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		status = EXIT_DB;
	} else
		printf(_("backed up %s to %s\n"), store_path(s), argv[0]);
	store_close(s);
	formset_free(&fs);
	return (status);
}
