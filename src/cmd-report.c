/*
 * cmd-report.c: "hotich report": the supervisor's statistics of a period,
 * as pages of text for a printer (UTF-8, TCVN3 or plain ASCII for old
 * printers) or as CSV, to standard output, a file, or the printer
 * through lpr (run without a shell).
 *
 * The report's own --db and --db-glob name several databases (a district
 * keeps a replica of each commune's): each is opened in turn, counted,
 * and closed before the next is opened, and the report is the sum of
 * their reports (report_add), or with --by commune each of them beside
 * the sum (report_parts; in CSV, a column each).
 */

#include "config.h"

#include <sys/wait.h>

#include <errno.h>
#include <getopt.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "csv.h"
#include "date.h"
#include "encoding.h"
#include "i18n.h"
#include "number.h"
#include "report-count.h"
#include "report.h"
#include "store.h"
#include "vntext.h"
#include "xmalloc.h"

extern char **environ;

static int	cmd_report_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.usage = "[--month YYYY-MM | --quarter YYYY-Q | --half YYYY-H | "
	    "--year YYYY | --from DATE --to DATE] "
	    "[--db DIR]... [--db-glob PATTERN]... "
	    "[--by office|type|clerk|book|year|commune] "
	    "[--view events|work|all] "
	    "[--format text|csv] [--width 80|132] [--lines N] "
	    "[--encoding utf-8|tcvn3|ascii] [--bom] [--place NAME] "
	    "[--superior NAME] [--office NAME] [--date DATE] "
	    "[--out FILE | --print]",
	.summary = N_("print the statistics of a period"),
	.exec = cmd_report_exec
};

enum out_enc { OUT_UTF8, OUT_TCVN3, OUT_ASCII };

/* Read a whole number of at most max from the start of s; its end. */
static const char *
read_num(const char *s, long *v, long max)
{
	char	*end;

	if (*s < '0' || *s > '9')
		return (NULL);
	errno = 0;
	*v = strtol(s, &end, 10);
	if (errno != 0 || *v > max)
		return (NULL);
	return (end);
}

/*
 * The period of an option: --month YYYY-MM, --quarter YYYY-Q (or
 * YYYY-QN), --half YYYY-H, --year YYYY. Sets the first and last day and
 * the heading; returns 0, or -1 if arg is not such a period.
 */
static int
parse_period(int opt, const char *arg, long *from, long *to, char **label)
{
	const char	*p;
	long		 y, n = 1, first, months;

	if ((p = read_num(arg, &y, 9999)) == NULL || y < 1000)
		return (-1);
	if (opt == 'y') {
		if (*p != '\0')
			return (-1);
		first = 1;
		months = 12;
		xasprintf(label, _("Year %ld"), y);
	} else {
		if (*p++ != '-')
			return (-1);
		if (opt == 'q' && (*p == 'Q' || *p == 'q'))
			p++;
		if ((p = read_num(p, &n, 12)) == NULL || *p != '\0' || n < 1)
			return (-1);
		switch (opt) {
		case 'm':
			first = n;
			months = 1;
			xasprintf(label, _("Month %02ld/%ld"), n, y);
			break;
		case 'q':
			if (n > 4)
				return (-1);
			first = (n - 1) * 3 + 1;
			months = 3;
			xasprintf(label, _("Quarter %ld of %ld"), n, y);
			break;
		default:
			if (n > 2)
				return (-1);
			first = n == 1 ? 1 : 7;
			months = 6;
			xasprintf(label, n == 1 ? _("First six months of %ld") :
			    _("Last six months of %ld"), y);
			break;
		}
	}
	*from = date_daynum(y, first, 1);
	*to = date_daynum(y, first + months - 1,
	    date_days_in_month(y, first + months - 1));
	return (0);
}

/* A date of --from or --to: its first (or, for to, last) day. */
static int
parse_day(const char *arg, int last, long *day)
{
	struct vdate	d;
	long		lo, hi;

	if (date_parse(arg, &d, NULL) != 0)
		return (-1);
	date_range(&d, &lo, &hi);
	*day = last ? hi : lo;
	return (0);
}

/* The grouping of --by; commune is not one of report_count's. */
static int
parse_by(const char *arg, enum report_by *by, int *commune)
{
	static const char *names[] = {
		"none", "office", "type", "clerk", "book", "year"
	};
	size_t	i;

	*commune = strcmp(arg, "commune") == 0;
	if (*commune) {
		*by = RB_NONE;
		return (0);
	}
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(arg, names[i]) == 0) {
			*by = (enum report_by)i;
			return (0);
		}
	}
	return (-1);
}

/* Say that dir was given twice (cmd_dblist_add). */
static void
given_twice(const char *dir)
{
	fprintf(stderr, _("hotich: %s: given twice, counted once\n"), dir);
}

/* The last part of path dir, its trailing slashes apart. Free it. */
static char *
base_name(const char *dir)
{
	const char	*end, *p;

	end = dir + strlen(dir);
	while (end > dir + 1 && end[-1] == '/')
		end--;
	for (p = end; p > dir && p[-1] != '/'; p--)
		;
	if (p == end)
		return (xstrdup(dir));
	return (xstrndup(p, (size_t)(end - p)));
}

/* Format a number for CSV: a whole number, or with its decimals. */
static void
csv_number(char *buf, size_t len, double v, int prec)
{
	if (v == REPORT_NA)
		*buf = '\0';
	else
		snprintf(buf, len, "%.*f", prec, v);
}

/* The report as CSV: a row per table, group and measure. */
static char *
report_csv(const struct report *rep, int bom, size_t *len)
{
	const struct report_table	*t;
	const char			*f[4];
	char				*buf = NULL, num[64];
	size_t				 i, r, c, size = 0;
	FILE				*fp;

	if ((fp = open_memstream(&buf, &size)) == NULL)
		fatalx("open_memstream failed");
	if (bom)
		fputs("\xef\xbb\xbf", fp);
	f[0] = "table";
	f[1] = "group";
	f[2] = "measure";
	f[3] = "value";
	csv_write(fp, f, 4);
	for (i = 0; i < rep->ntables; i++) {
		t = &rep->tables[i];
		for (r = 0; r < t->nrows; r++) {
			if (t->rows[r].heading)
				continue;
			for (c = 0; c < t->ncols; c++) {
				csv_number(num, sizeof num, t->rows[r].v[c],
				    t->cols[c].prec);
				f[0] = t->key;
				f[1] = t->rows[r].key;
				f[2] = t->cols[c].key;
				f[3] = num;
				csv_write(fp, f, 4);
			}
		}
	}
	if (fclose(fp) != 0)
		fatalx("open_memstream failed");
	*len = size;
	return (buf);
}

/*
 * The report of --by commune as CSV: a line for each table, group and
 * measure of the sum, with a column for each of the n parts (named by
 * labels; empty where a part has no such group) and the sum's, "total".
 */
static char *
commune_csv(const struct report *sum, struct report *const *parts,
    char *const *labels, size_t n, int bom, size_t *len)
{
	const struct report_table	*t, **pt;
	const char			**f;
	char				*buf = NULL, (*num)[64];
	size_t				 i, r, c, p, size = 0;
	ssize_t				 k;
	FILE				*fp;

	if ((fp = open_memstream(&buf, &size)) == NULL)
		fatalx("open_memstream failed");
	if (bom)
		fputs("\xef\xbb\xbf", fp);
	f = xcalloc(n + 4, sizeof *f);
	num = xcalloc(n + 1, sizeof *num);
	pt = xcalloc(n, sizeof *pt);
	f[0] = "table";
	f[1] = "group";
	f[2] = "measure";
	for (p = 0; p < n; p++)
		f[3 + p] = labels[p];
	f[3 + n] = "total";
	csv_write(fp, f, n + 4);
	for (p = 0; p <= n; p++)
		f[3 + p] = num[p];
	for (i = 0; i < sum->ntables; i++) {
		t = &sum->tables[i];
		for (p = 0; p < n; p++)
			pt[p] = report_table_find(parts[p], t->key);
		for (r = 0; r < t->nrows; r++) {
			if (t->rows[r].heading)
				continue;
			for (c = 0; c < t->ncols; c++) {
				f[0] = t->key;
				f[1] = t->rows[r].key;
				f[2] = t->cols[c].key;
				for (p = 0; p < n; p++) {
					k = pt[p] == NULL ? -1 :
					    report_row_match(pt[p], t, r);
					csv_number(num[p], sizeof num[p],
					    k < 0 ? REPORT_NA :
					    pt[p]->rows[k].v[c],
					    t->cols[c].prec);
				}
				csv_number(num[n], sizeof num[n],
				    t->rows[r].v[c], t->cols[c].prec);
				csv_write(fp, f, n + 4);
			}
		}
	}
	free(pt);
	free(num);
	free(f);
	if (fclose(fp) != 0)
		fatalx("open_memstream failed");
	*len = size;
	return (buf);
}

/* Send len bytes at text to lpr, run without a shell. An exit status. */
static int
print_lpr(const char *text, size_t len)
{
	posix_spawn_file_actions_t	 fa;
	char				*argv[] = { (char *)"lpr", NULL };
	int				 fd[2], status;
	pid_t				 pid;
	ssize_t				 n;
	size_t				 off = 0;

	if (pipe(fd) != 0) {
		fprintf(stderr, "hotich: pipe: %s\n", strerror(errno));
		return (EXIT_REFUSED);
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fd[0], STDIN_FILENO);
	posix_spawn_file_actions_addclose(&fa, fd[0]);
	posix_spawn_file_actions_addclose(&fa, fd[1]);
	status = posix_spawnp(&pid, "lpr", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[0]);
	if (status != 0) {
		close(fd[1]);
		fprintf(stderr, _("hotich: cannot run lpr: %s\n"),
		    strerror(status));
		return (EXIT_REFUSED);
	}
	while (off < len) {
		if ((n = write(fd[1], text + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		off += n;
	}
	close(fd[1]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (off < len || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, _("hotich: lpr failed; nothing was printed\n"));
		return (EXIT_REFUSED);
	}
	return (EXIT_OK);
}

/* Write len bytes at text to path, or standard output if NULL. */
static int
write_out(const char *path, const char *text, size_t len)
{
	FILE	*fp = stdout;

	if (path != NULL && (fp = fopen(path, "w")) == NULL) {
		fprintf(stderr, "hotich: %s: %s\n", path, strerror(errno));
		return (EXIT_REFUSED);
	}
	if (fwrite(text, 1, len, fp) != len || fflush(fp) != 0 ||
	    (path != NULL && fclose(fp) != 0)) {
		fprintf(stderr, "hotich: %s: %s\n", path != NULL ? path :
		    _("standard output"), strerror(errno));
		return (EXIT_REFUSED);
	}
	return (EXIT_OK);
}

/*
 * Convert the UTF-8 text in *text for an old printer: TCVN3, or letters
 * without their marks. TCVN3 has no capitals with tone marks: they are
 * written as small letters, which the capital faces of TCVN3 fonts
 * print as capitals. Returns 0, or -1 with a message printed.
 */
static int
convert(enum out_enc enc, char **text, size_t *len)
{
	char	*out, *cause, *lower;
	size_t	 outlen;

	if (enc == OUT_UTF8)
		return (0);
	if (enc == OUT_ASCII) {
		out = vntext_to_ascii(*text);
		free(*text);
		*text = out;
		*len = strlen(out);
		return (0);
	}
	lower = vntext_lower_toned(*text);
	free(*text);
	*text = lower;
	if (encoding_encode(ENC_TCVN3, lower, strlen(lower), &out, &outlen,
	    &cause) != 0) {
		fprintf(stderr, "hotich: TCVN3: %s\n", cause);
		free(cause);
		return (-1);
	}
	free(*text);
	*text = out;
	*len = outlen;
	return (0);
}

/*
 * Open the database of ctx (named dir on the command line, or NULL: the
 * one of hotich --db), check that out (if not NULL) may be written, and
 * count it for q, its own office in the heading unless q has one. The
 * store is closed before it returns. EXIT_OK with *repp (free it with
 * report_free) and *officep (the database's office, or NULL; free it);
 * or an exit status, the trouble printed, dir named.
 */
static int
count_one(const struct cmd_ctx *ctx, const struct formset *fs,
    const struct report_query *q0, const char *out, const char *dir,
    struct report **repp, char **officep)
{
	struct report_query	 q = *q0;
	struct store		*s;
	const char		*e;
	char			*cause;
	int			 status;

	*repp = NULL;
	*officep = NULL;
	/* Which database the passphrase asked on the terminal is for. */
	if (dir != NULL && store_exists(dir) && store_is_encrypted(dir) &&
	    ((e = getenv("HOTICH_PASSPHRASE")) == NULL || *e == '\0'))
		fprintf(stderr, _("hotich: %s is encrypted\n"), dir);
	if ((status = cmd_open_as(ctx, fs, 0, ACT_REPORT, &s)) != EXIT_OK) {
		if (dir != NULL)
			fprintf(stderr, _("hotich: %s: cannot be read; no "
			    "report was made\n"), dir);
		return (status);
	}
	if (out != NULL && (status = cmd_path_ok(s, out)) != EXIT_OK)
		goto done;
	if (store_meta_get(s, "office", officep, &cause) != 0) {
		free(cause);
		*officep = NULL;
	}
	if (q.office == NULL)
		q.office = *officep;
	if (report_count(s, fs, &q, repp, &cause) != 0) {
		if (dir != NULL)
			fprintf(stderr, "hotich: %s: %s\n", dir, cause);
		else
			fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		status = EXIT_DB;
	}
done:
	store_close(s);
	if (status != EXIT_OK) {
		free(*officep);
		*officep = NULL;
	}
	return (status);
}

/*
 * The label of each of the n databases in dirs with --by commune: its
 * office (offices[i], or NULL), else the last part of its directory; a
 * label two of them would have gets the directory after it. Free each,
 * and the array.
 */
static char **
commune_labels(char *const *dirs, char *const *offices, size_t n)
{
	char	**labels, **first;
	size_t	  i, j;

	first = xcalloc(n, sizeof *first);
	labels = xcalloc(n, sizeof *labels);
	for (i = 0; i < n; i++) {
		if (offices[i] != NULL && *offices[i] != '\0')
			first[i] = xstrdup(offices[i]);
		else
			first[i] = base_name(dirs[i]);
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++)
			if (j != i && strcmp(first[j], first[i]) == 0)
				break;
		if (j < n)
			xasprintf(&labels[i], "%s (%s)", first[i], dirs[i]);
		else
			labels[i] = xstrdup(first[i]);
	}
	for (i = 0; i < n; i++)
		free(first[i]);
	free(first);
	return (labels);
}

static int
cmd_report_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "month", required_argument, NULL, 'm' },
		{ "quarter", required_argument, NULL, 'q' },
		{ "half", required_argument, NULL, 'h' },
		{ "year", required_argument, NULL, 'y' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "by", required_argument, NULL, 'b' },
		{ "view", required_argument, NULL, 'v' },
		{ "format", required_argument, NULL, 'f' },
		{ "width", required_argument, NULL, 'w' },
		{ "lines", required_argument, NULL, 'l' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "bom", no_argument, NULL, 'B' },
		{ "place", required_argument, NULL, 'p' },
		{ "superior", required_argument, NULL, 's' },
		{ "office", required_argument, NULL, 'o' },
		{ "out", required_argument, NULL, 'O' },
		{ "print", no_argument, NULL, 'P' },
		{ "date", required_argument, NULL, 'D' },
		{ "db", required_argument, NULL, 'd' },
		{ "db-glob", required_argument, NULL, 'g' },
		{ NULL, 0, NULL, 0 }
	};
	struct report_query	 q;
	struct report_layout	 lay;
	struct formset		 fs;
	struct cmd_dblist	 dbs;
	struct cmd_ctx		 one;
	struct report		*rep = NULL, *sum = NULL, *show = NULL;
	struct report		**parts = NULL;
	struct vdate		 today;
	enum out_enc		 enc = OUT_UTF8;
	const char		*format = "text", *out = NULL, *from = NULL;
	const char		*to = NULL;
	char			*label = NULL, *cause, **offices = NULL;
	char			**labels = NULL, *all;
	char			*text = NULL, *fl, *tl;
	size_t			 len, n, i;
	long			 v;
	int			 ch, status, csv, bom = 0, print = 0;
	int			 periods = 0, commune = 0, same;

	memset(&q, 0, sizeof q);
	memset(&lay, 0, sizeof lay);
	memset(&dbs, 0, sizeof dbs);
	lay.width = 80;
	q.views = RV_EVENTS | RV_WORK;
	date_today(&today);
	q.made = today;
	optind = 0;
	while ((ch = getopt_long(argc + 1, argv - 1, "+", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'm':
		case 'q':
		case 'h':
		case 'y':
			free(label);
			label = NULL;
			periods++;
			if (parse_period(ch, optarg, &q.from, &q.to,
			    &label) != 0) {
				fprintf(stderr, _("hotich: not a period: %s\n"),
				    optarg);
				goto usage;
			}
			break;
		case 'F':
			from = optarg;
			break;
		case 'T':
			to = optarg;
			break;
		case 'b':
			if (parse_by(optarg, &q.by, &commune) != 0) {
				fprintf(stderr, _("hotich: report --by is "
				    "office, type, clerk, book, year or "
				    "commune\n"));
				goto usage;
			}
			break;
		case 'v':
			if (strcmp(optarg, "events") == 0)
				q.views = RV_EVENTS;
			else if (strcmp(optarg, "work") == 0)
				q.views = RV_WORK;
			else if (strcmp(optarg, "all") == 0)
				q.views = RV_EVENTS | RV_WORK;
			else {
				fprintf(stderr, _("hotich: report --view is "
				    "events, work or all\n"));
				goto usage;
			}
			break;
		case 'f':
			format = optarg;
			break;
		case 'w':
			if (number_parse(optarg, &v) != 0 ||
			    (v != 80 && v != 132)) {
				fprintf(stderr, _("hotich: report --width is "
				    "80 or 132\n"));
				goto usage;
			}
			lay.width = (int)v;
			break;
		case 'l':
			if (number_parse(optarg, &v) != 0 || v < 20 ||
			    v > 1000) {
				fprintf(stderr, _("hotich: report --lines is "
				    "a number of lines from 20 to 1000\n"));
				goto usage;
			}
			lay.lines = (int)v;
			break;
		case 'e':
			if (strcmp(optarg, "utf-8") == 0)
				enc = OUT_UTF8;
			else if (strcmp(optarg, "tcvn3") == 0)
				enc = OUT_TCVN3;
			else if (strcmp(optarg, "ascii") == 0)
				enc = OUT_ASCII;
			else {
				fprintf(stderr, _("hotich: report --encoding "
				    "is utf-8, tcvn3 or ascii\n"));
				goto usage;
			}
			break;
		case 'B':
			bom = 1;
			break;
		case 'p':
			q.place = optarg;
			break;
		case 's':
			q.superior = optarg;
			break;
		case 'o':
			q.office = optarg;
			break;
		case 'O':
			out = optarg;
			break;
		case 'P':
			print = 1;
			break;
		case 'D':
			if (date_parse(optarg, &q.made, NULL) != 0 ||
			    q.made.day == 0) {
				fprintf(stderr, _("hotich: report --date takes "
				    "the day the report is signed, "
				    "dd/mm/yyyy\n"));
				goto usage;
			}
			break;
		case 'd':
			if (*optarg == '\0') {
				fprintf(stderr, _("hotich: report --db takes "
				    "a database directory\n"));
				goto usage;
			}
			cmd_dblist_add(&dbs, optarg, given_twice);
			break;
		case 'g':
			if (cmd_dblist_glob(&dbs, optarg, 0, given_twice) ==
			    0) {
				fprintf(stderr, _("hotich: report --db-glob: no "
				    "hotich database matches %s\n"), optarg);
				goto usage;
			}
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc + 1)
		goto usage;
	if (strcmp(format, "text") == 0)
		csv = 0;
	else if (strcmp(format, "csv") == 0)
		csv = 1;
	else {
		fprintf(stderr, _("hotich: report --format is text or csv\n"));
		goto usage;
	}
	if ((from != NULL) != (to != NULL) || (from != NULL && periods > 0) ||
	    periods > 1) {
		fprintf(stderr, _("hotich: give one period: --month, "
		    "--quarter, --half, --year, or --from with --to\n"));
		goto usage;
	}
	if (print && (out != NULL || csv)) {
		fprintf(stderr, _("hotich: --print sends the text report to "
		    "the printer; it takes no --out or --format csv\n"));
		goto usage;
	}
	if (from != NULL) {
		if (parse_day(from, 0, &q.from) != 0 ||
		    parse_day(to, 1, &q.to) != 0 || q.to < q.from) {
			fprintf(stderr, _("hotich: --from and --to take dates "
			    "(dd/mm/yyyy, mm/yyyy or yyyy), the first not "
			    "after the last\n"));
			goto usage;
		}
		fl = xstrdup(from);
		tl = xstrdup(to);
		xasprintf(&label, _("From %s to %s"), fl, tl);
		free(fl);
		free(tl);
	} else if (periods == 0) {
		/* This month. */
		xasprintf(&fl, "%04d-%02d", today.year, today.month);
		(void)parse_period('m', fl, &q.from, &q.to, &label);
		free(fl);
	}
	q.period = label;

	if (cmd_need_forms(ctx, &fs, "report") != EXIT_OK) {
		formset_free(&fs);
		free(label);
		cmd_dblist_free(&dbs);
		return (EXIT_REFUSED);
	}

	/*
	 * Each database in turn, closed before the next is opened: a
	 * district may have a hundred. Without --db, the one of hotich --db.
	 */
	n = dbs.n != 0 ? dbs.n : 1;
	offices = xcalloc(n, sizeof *offices);
	if (commune)
		parts = xcalloc(n, sizeof *parts);
	for (i = 0; i < n; i++) {
		one = *ctx;
		if (dbs.n != 0)
			one.db_dir = dbs.dir[i];
		status = count_one(&one, &fs, &q, out, dbs.n != 0 ?
		    dbs.dir[i] : NULL, &rep, &offices[i]);
		if (status != EXIT_OK)
			goto done;
		if (n == 1 && !commune)
			break;
		if (sum == NULL)
			sum = report_new();
		report_add(sum, rep);
		if (commune)
			parts[i] = rep;
		else
			report_free(rep);
		rep = NULL;
	}
	if (sum != NULL && q.office == NULL && n > 1) {
		/* One office in all of them, or the district's sum. */
		for (i = 1, same = offices[0] != NULL; same && i < n; i++)
			same = offices[i] != NULL &&
			    strcmp(offices[i], offices[0]) == 0;
		if (!same) {
			free(sum->office);
			xasprintf(&sum->office, _("Summary of %zu communes"),
			    n);
		}
	}
	if (commune) {
		if (dbs.n != 0)
			labels = commune_labels(dbs.dir, offices, n);
		else {
			fl = cmd_db_dir(ctx);
			labels = commune_labels(&fl, offices, n);
			free(fl);
		}
		if (csv)
			text = commune_csv(sum, parts, labels, n, bom, &len);
		else {
			xasprintf(&all, _("All %zu communes"), n);
			show = report_parts(sum, parts,
			    (const char *const *)labels, n, all);
			free(all);
		}
	} else if (sum != NULL)
		show = sum;
	else
		show = rep;

	if (csv) {
		if (text == NULL)
			text = report_csv(show, bom, &len);
	} else if (report_text(show, &lay, &text, &len, &cause) != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		status = EXIT_REFUSED;
		goto done;
	}
	if (!csv && convert(enc, &text, &len) != 0) {
		status = EXIT_REFUSED;
		goto done;
	}
	status = print ? print_lpr(text, len) : write_out(out, text, len);

done:
	free(text);
	if (show != NULL && show != sum && show != rep)
		report_free(show);
	report_free(sum);
	report_free(rep);
	for (i = 0; i < n; i++) {
		free(offices[i]);
		if (parts != NULL)
			report_free(parts[i]);
		if (labels != NULL)
			free(labels[i]);
	}
	free(offices);
	free(parts);
	free(labels);
	free(label);
	cmd_dblist_free(&dbs);
	formset_free(&fs);
	return (status);

usage:
	free(label);
	cmd_dblist_free(&dbs);
	fprintf(stderr, _("usage: hotich %s %s\n"), cmd_report_entry.name,
	    cmd_report_entry.usage);
	return (EXIT_USAGE);
}
