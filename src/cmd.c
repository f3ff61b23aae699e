/*
 * cmd.c: the table of commands and what they share.
 *
 * A command is found by its full name. The table order is the order of
 * "hotich --help".
 */

#include "config.h"

#include <sys/stat.h>
#include <sys/time.h>

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <pwd.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "errlist.h"
#include "form.h"
#include "i18n.h"
#include "store.h"
#include "xmalloc.h"

static const struct cmd_entry *cmd_table[] = {
	&cmd_init_entry,
	&cmd_forms_entry,
	&cmd_import_entry,
	&cmd_export_entry,
	&cmd_dedup_entry,
	&cmd_report_entry,
	&cmd_verify_entry,
	&cmd_approve_entry,
	&cmd_unlock_entry,
	&cmd_user_entry,
	&cmd_config_entry,
	&cmd_check_entry,
	&cmd_audit_entry,
	&cmd_backup_entry,
	&cmd_replicate_entry,
	&cmd_promote_entry,
	&cmd_ime_entry,
	&cmd_keys_entry,
	NULL
};

/* Return the command called name, or NULL. */
const struct cmd_entry *
cmd_find(const char *name)
{
	size_t	i;

	for (i = 0; cmd_table[i] != NULL; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return (cmd_table[i]);
	return (NULL);
}

/* Print one line per command to f, for --help. */
void
cmd_list(FILE *f)
{
	size_t	i;

	for (i = 0; cmd_table[i] != NULL; i++)
		fprintf(f, "  hotich %s %s\n      %s\n", cmd_table[i]->name,
		    cmd_table[i]->usage, _(cmd_table[i]->summary));
}

/*
 * Return the forms directory: --forms, else $HOTICH_FORMS, else the
 * installed one.
 */
const char *
cmd_forms_dir(const struct cmd_ctx *ctx)
{
	const char	*d;

	if (ctx->forms_dir != NULL)
		return (ctx->forms_dir);
	if ((d = getenv("HOTICH_FORMS")) != NULL && *d != '\0')
		return (d);
	return (FORMSDIR);
}

/*
 * Return the database directory: --db, else $HOTICH_DB, else
 * $XDG_DATA_HOME/hotich, else ~/.local/share/hotich. Free it.
 */
char *
cmd_db_dir(const struct cmd_ctx *ctx)
{
	const char	*d;
	char		*path;

	if (ctx->db_dir != NULL)
		return (xstrdup(ctx->db_dir));
	if ((d = getenv("HOTICH_DB")) != NULL && *d != '\0')
		return (xstrdup(d));
	if ((d = getenv("XDG_DATA_HOME")) != NULL && *d == '/') {
		xasprintf(&path, "%s/hotich", d);
		return (path);
	}
	if ((d = getenv("HOME")) == NULL || *d == '\0')
		d = ".";
	xasprintf(&path, "%s/.local/share/hotich", d);
	return (path);
}

/* Print the entries of el to stderr. */
void
cmd_print_errors(const struct errlist *el)
{
	size_t	i;

	for (i = 0; i < el->n; i++)
		fprintf(stderr, "%s\n", el->v[i]);
	if (el->dropped > 0)
		fprintf(stderr, _("hotich: %zu more errors not shown\n"),
		    el->dropped);
}

/*
 * Load the forms directory into fs (free with formset_free), printing
 * any problem. Returns EXIT_OK, or EXIT_REFUSED if a form was refused.
 */
int
cmd_load_forms(const struct cmd_ctx *ctx, struct formset *fs)
{
	struct errlist	el;
	int		status = EXIT_OK;

	errlist_init(&el);
	formset_load(fs, cmd_forms_dir(ctx), &el);
	if (errlist_count(&el) > 0) {
		cmd_print_errors(&el);
		status = EXIT_REFUSED;
	}
	errlist_free(&el);
	return (status);
}

/*
 * Load the forms directory into fs (free with formset_free) for command
 * name, which counts or compares records by their forms: with no form
 * loaded every count would be 0, so that is refused. Returns EXIT_OK, or
 * EXIT_REFUSED after saying why on stderr.
 */
int
cmd_need_forms(const struct cmd_ctx *ctx, struct formset *fs,
    const char *name)
{
	cmd_load_forms(ctx, fs);
	if (fs->n > 0)
		return (EXIT_OK);
	fprintf(stderr, _("hotich: %s needs the registers' forms; none were "
	    "loaded from %s\n"), name, cmd_forms_dir(ctx));
	return (EXIT_REFUSED);
}

/*
 * Return form id of fs, or NULL after saying on stderr that the forms
 * directory of ctx has no such form.
 */
const struct form *
cmd_find_form(const struct cmd_ctx *ctx, const struct formset *fs,
    const char *id)
{
	const struct form	*f;

	if ((f = formset_find(fs, id)) == NULL)
		fprintf(stderr, _("hotich: no form '%s' in %s\n"), id,
		    cmd_forms_dir(ctx));
	return (f);
}

/* Read a line from fd with echo off; NULL at end of input. */
static char *
read_secret(int fd, const char *prompt)
{
	struct termios	 old, quiet;
	char		 buf[1024];
	size_t		 n = 0;
	ssize_t		 r;
	int		 restore;
	char		 c;

	restore = tcgetattr(fd, &old) == 0;
	if (restore) {
		quiet = old;
		quiet.c_lflag &= ~ECHO;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	(void)!write(fd, prompt, strlen(prompt));
	while ((r = read(fd, &c, 1)) == 1 && c != '\n')
		if (n < sizeof buf - 1)
			buf[n++] = c;
	if (restore) {
		tcsetattr(fd, TCSAFLUSH, &old);
		(void)!write(fd, "\n", 1);
	}
	buf[n] = '\0';
	if (r != 1 && n == 0)
		return (NULL);
	return (xstrdup(buf));
}

/*
 * Read an account's password: the next line of standard input with
 * from_stdin set (for scripts), else asked on the terminal after prompt,
 * twice when confirm is set. Returns it (free it), or NULL with a message
 * printed.
 */
char *
cmd_password(const char *prompt, int from_stdin, int confirm)
{
	char	*p, *again;
	int	 fd;

	if (from_stdin) {
		if ((p = read_secret(STDIN_FILENO, "")) == NULL)
			fprintf(stderr, _("hotich: no password on standard "
			    "input\n"));
		return (p);
	}
	if ((fd = open("/dev/tty", O_RDWR)) == -1) {
		fprintf(stderr, _("hotich: a password is typed on a terminal, "
		    "or given with --password-stdin\n"));
		return (NULL);
	}
	p = read_secret(fd, prompt);
	if (p != NULL && confirm) {
		again = read_secret(fd, _("Again: "));
		if (again == NULL || strcmp(p, again) != 0) {
			fprintf(stderr, _("hotich: the passwords differ\n"));
			free(p);
			p = NULL;
		}
		free(again);
	}
	close(fd);
	return (p);
}

/*
 * Get the database passphrase: $HOTICH_PASSPHRASE, else asked on the
 * terminal (twice when confirm is set). Returns it (free it), or NULL
 * with a message printed.
 */
char *
cmd_passphrase(int confirm)
{
	const char	*e;
	char		*p, *again;
	int		 fd;

	if ((e = getenv("HOTICH_PASSPHRASE")) != NULL && *e != '\0')
		return (xstrdup(e));
	if ((fd = open("/dev/tty", O_RDWR)) == -1) {
		fprintf(stderr, _("hotich: the database is encrypted: set "
		    "HOTICH_PASSPHRASE or run on a terminal\n"));
		return (NULL);
	}
	p = read_secret(fd, _("Passphrase: "));
	if (p != NULL && confirm) {
		again = read_secret(fd, _("Passphrase again: "));
		if (again == NULL || strcmp(p, again) != 0) {
			fprintf(stderr, _("hotich: the passphrases differ\n"));
			free(p);
			p = NULL;
		}
		free(again);
	}
	close(fd);
	if (p != NULL && *p == '\0') {
		fprintf(stderr, _("hotich: the passphrase is empty\n"));
		free(p);
		p = NULL;
	}
	return (p);
}

/* What a rebuild of the indexes in store_open has shown. */
struct rebuild {
	struct progress	 p;
	u_long		 calls;
	u_long		 done;
	time_t		 start;
};

static void
rebuild_progress(u_long done, u_long total, void *arg)
{
	struct rebuild	*rb = arg;

	if (rb->calls++ == 0) {
		progress_start(&rb->p, _("Rebuilding the indexes"), total);
		rb->start = time(NULL);
	}
	rb->p.total = total;
	rb->done = done;
	progress_update(&rb->p, done, done);
}

/*
 * Whether the user acting on s may do act: EXIT_OK, or EXIT_REFUSED with
 * the refusal printed.
 */
int
cmd_may(struct store *s, enum action act)
{
	char	*cause;

	if (store_may(s, act, &cause) == 0)
		return (EXIT_OK);
	fprintf(stderr, "hotich: %s\n", cause);
	free(cause);
	return (EXIT_REFUSED);
}

/*
 * Open the database as cmd_open_store does, for a user who may do act:
 * EXIT_OK with *sp set, or an exit status with the refusal printed and
 * nothing left open.
 */
int
cmd_open_as(const struct cmd_ctx *ctx, const struct formset *fs, int flags,
    enum action act, struct store **sp)
{
	int	status;

	if ((status = cmd_open_store(ctx, fs, flags, sp)) != EXIT_OK)
		return (status);
	if ((status = cmd_may(*sp, act)) != EXIT_OK) {
		store_close(*sp);
		*sp = NULL;
	}
	return (status);
}

/*
 * Whether a file may be written at path under the settings of s (the
 * export folder): EXIT_OK, or EXIT_REFUSED with the refusal printed.
 */
int
cmd_path_ok(struct store *s, const char *path)
{
	char	*cause;

	if (policy_path_ok(store_settings(s), path, &cause) == 0)
		return (EXIT_OK);
	fprintf(stderr, "hotich: %s\n", cause);
	free(cause);
	return (EXIT_REFUSED);
}

/* The login the program runs under, or NULL (free it). */
static char *
os_login(void)
{
	struct passwd	*pw;

	if ((pw = getpwuid(getuid())) == NULL)
		return (NULL);
	return (xstrdup(pw->pw_name));
}

/*
 * The account the user at the keyboard would log in as, once a database
 * has accounts: the one $HOTICH_USER names, else the one named as the
 * login, else the first tied to the login. EXIT_OK with *ap (NULL if
 * none; free it) and *tied set if the account is tied to the login the
 * program runs under (the system checked it: an SSH forced command; no
 * password is asked); or EXIT_DB with the trouble printed.
 */
int
cmd_login_find(struct store *s, struct account **ap, int *tied)
{
	struct account	**av = NULL;
	const char	*want;
	char		*login, *cause;
	size_t		 i, n = 0;

	*ap = NULL;
	*tied = 0;
	if (store_users(s, &av, &n, &cause) != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		return (EXIT_DB);
	}
	login = os_login();
	if ((want = getenv("HOTICH_USER")) != NULL && *want == '\0')
		want = NULL;
	if (want == NULL)
		want = login;
	for (i = 0; i < n && *ap == NULL; i++) {
		if (want != NULL && strcmp(av[i]->name, want) == 0)
			*ap = av[i];
	}
	for (i = 0; i < n && *ap == NULL && want == login; i++) {
		if (av[i]->osuser != NULL && login != NULL &&
		    strcmp(av[i]->osuser, login) == 0)
			*ap = av[i];
	}
	*tied = *ap != NULL && (*ap)->osuser != NULL && login != NULL &&
	    strcmp((*ap)->osuser, login) == 0;
	for (i = 0; i < n; i++) {
		if (av[i] != *ap)
			account_free(av[i]);
	}
	free(av);
	free(login);
	return (EXIT_OK);
}

/*
 * Try password pass for account a (as logging in), keeping the count of
 * failures in the database. Returns 0 if it is right, or -1 with *why set
 * (free it): wrong, disabled, waiting, or the database's trouble.
 */
int
cmd_login_try(struct store *s, struct account *a, const char *pass,
    char **why)
{
	enum account_check	 c;
	char			*cause;
	int			 waited;

	if (a->disabled) {
		xasprintf(why, _("the account %s is disabled"), a->name);
		return (-1);
	}
	/* A login after failures clears them: that is kept too. */
	waited = a->failures != 0 || a->locked_until != 0;
	c = account_check(a, pass, time(NULL));
	if (c != AC_DISABLED && (c != AC_OK || waited)) {
		if (store_user_put(s, a, a->name, c == AC_OK ? "login" :
		    "login-failed", &cause) != 0) {
			*why = cause;
			return (-1);
		}
	}
	switch (c) {
	case AC_OK:
		return (0);
	case AC_WAIT:
		xasprintf(why, _("%s: too many wrong passwords; try again in "
		    "%lld minutes"), a->name,
		    (long long)(a->locked_until - time(NULL) + 59) / 60);
		return (-1);
	case AC_DISABLED:
		xasprintf(why, _("the account %s is disabled"), a->name);
		return (-1);
	default:
		xasprintf(why, _("%s: wrong password"), a->name);
		return (-1);
	}
}

/*
 * Log the user at the keyboard in (cmd_login_find), asking the password
 * on the terminal unless the account is tied to the login. Prints what
 * went wrong. Returns EXIT_OK with *ap (free it), EXIT_REFUSED, or
 * EXIT_DB.
 */
int
cmd_login(struct store *s, struct account **ap)
{
	struct account	*a;
	const char	*want;
	char		*login, *pass, *why, prompt[128];
	int		 status, tied, r;

	*ap = NULL;
	if ((status = cmd_login_find(s, &a, &tied)) != EXIT_OK)
		return (status);
	if (a == NULL) {
		login = os_login();
		want = getenv("HOTICH_USER");
		fprintf(stderr, _("hotich: %s has no account in this database "
		    "(set HOTICH_USER, or ask the administrator)\n"),
		    want != NULL && *want != '\0' ? want :
		    login != NULL ? login : "?");
		free(login);
		return (EXIT_REFUSED);
	}
	if (a->disabled) {
		fprintf(stderr, _("hotich: the account %s is disabled\n"),
		    a->name);
		account_free(a);
		return (EXIT_REFUSED);
	}
	if (!tied) {
		snprintf(prompt, sizeof prompt, _("Password for %s: "),
		    a->name);
		if ((pass = cmd_password(prompt, 0, 0)) == NULL) {
			account_free(a);
			return (EXIT_REFUSED);
		}
		r = cmd_login_try(s, a, pass, &why);
		explicit_bzero(pass, strlen(pass));
		free(pass);
		if (r != 0) {
			fprintf(stderr, "hotich: %s\n", why);
			free(why);
			account_free(a);
			return (EXIT_REFUSED);
		}
	}
	*ap = a;
	return (EXIT_OK);
}

/*
 * Open the database of ctx with forms fs; with CMD_CREATE in flags, a
 * missing one is created. A rebuild of its indexes shows its progress on
 * a terminal and is said on stderr. Once the database has accounts, the
 * user logs in (cmd_login) unless CMD_NOLOGIN is given. Prints what went
 * wrong. Returns EXIT_OK with *sp set, EXIT_REFUSED (no login), or
 * EXIT_DB.
 */
int
cmd_open_store(const struct cmd_ctx *ctx, const struct formset *fs,
    int flags, struct store **sp)
{
	struct account	*a;
	int		 create = flags & CMD_CREATE;
	struct rebuild	 rb;
	char		*dir, *pass = NULL, *cause, *user;
	int		 r;

	dir = cmd_db_dir(ctx);
	if (store_exists(dir) && store_is_encrypted(dir) &&
	    (pass = cmd_passphrase(0)) == NULL) {
		free(dir);
		return (EXIT_DB);
	}
	/* A new version rebuilds the indexes: minutes on a big database. */
	memset(&rb, 0, sizeof rb);
	store_set_progress(rebuild_progress, &rb);
	r = store_open(sp, dir, create ? STORE_CREATE : 0, pass, fs, &cause);
	store_set_progress(NULL, NULL);
	if (rb.calls > 0) {
		progress_end(&rb.p);
		if (r == 0)
			fprintf(stderr, _("hotich: rebuilt the indexes of %lu "
			    "entries in %lld s\n"), rb.done,
			    (long long)(time(NULL) - rb.start));
	}
	if (pass != NULL) {
		explicit_bzero(pass, strlen(pass));
		free(pass);
	}
	free(dir);
	if (r != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		return (EXIT_DB);
	}
	if (!store_is_open(*sp)) {
		if (flags & CMD_NOLOGIN)
			return (EXIT_OK);
		if ((r = cmd_login(*sp, &a)) != EXIT_OK) {
			store_close(*sp);
			*sp = NULL;
			return (r);
		}
		store_login(*sp, a);
		account_free(a);
		return (EXIT_OK);
	}
	/* Who the audit log names for what names nobody (an import). */
	user = cmd_user();
	store_set_actor(*sp, user);
	free(user);
	return (EXIT_OK);
}

/* Start a progress line on stderr if it is a terminal. */
void
progress_start(struct progress *p, const char *what, off_t total)
{
	memset(p, 0, sizeof *p);
	p->on = isatty(STDERR_FILENO);
	p->what = what;
	p->total = total;
}

/*
 * Order pairs of record ids (uint64_t[2]) by the first, then the second,
 * for qsort and bsearch.
 */
int
cmd_idpair_cmp(const void *a, const void *b)
{
	const uint64_t	*x = a, *y = b;

	if (x[0] != y[0])
		return (x[0] < y[0] ? -1 : 1);
	if (x[1] != y[1])
		return (x[1] < y[1] ? -1 : 1);
	return (0);
}

/* Show done of the total (or a count), at most ten times a second. */
void
progress_update(struct progress *p, off_t done, u_long count)
{
	struct timeval	tv;
	long		ms;
	int		pct, i;
	char		bar[21];

	if (!p->on)
		return;
	gettimeofday(&tv, NULL);
	ms = tv.tv_sec * 1000L + tv.tv_usec / 1000;
	if (ms - p->last < 100)
		return;
	p->last = ms;
	if (p->total > 0) {
		pct = (int)(done * 100 / p->total);
		if (pct > 100)
			pct = 100;
		for (i = 0; i < 20; i++)
			bar[i] = i < pct / 5 ? '#' : '.';
		bar[20] = '\0';
		fprintf(stderr, "\r%s [%s] %3d%% %lu", p->what, bar, pct,
		    count);
	} else
		fprintf(stderr, "\r%s %lu", p->what, count);
	p->shown = 1;
}

/* End the progress line. */
void
progress_end(struct progress *p)
{
	if (p->on && p->shown)
		fprintf(stderr, "\r\033[K");
}

/*
 * Return the keymaps directory (key bindings and input methods):
 * $HOTICH_KEYMAPS, else the installed one.
 */
const char *
cmd_keymaps_dir(void)
{
	const char	*d;

	if ((d = getenv("HOTICH_KEYMAPS")) != NULL && *d != '\0')
		return (d);
	return (KEYMAPSDIR);
}

/*
 * The user at the keyboard: $HOTICH_USER, else the login name. Entries,
 * drafts and decisions are recorded under it. The caller frees it.
 */
char *
cmd_user(void)
{
	const char	*s;
	char		*login;

	if ((s = getenv("HOTICH_USER")) != NULL && *s != '\0')
		return (xstrdup(s));
	if ((login = os_login()) != NULL)
		return (login);
	return (xstrdup("?"));
}

/*
 * Add dir to l unless it names a database l holds already, by the same
 * path or another (then twice is called with it: its entries would be
 * counted twice). Returns 0, or 1 if it was there.
 */
int
cmd_dblist_add(struct cmd_dblist *l, const char *dir, cmd_dblist_cb twice)
{
	struct stat	sb, sb2;
	int		known;
	size_t		i;

	known = stat(dir, &sb) == 0;
	for (i = 0; i < l->n; i++) {
		if (strcmp(l->dir[i], dir) == 0 || (known &&
		    stat(l->dir[i], &sb2) == 0 && sb.st_dev == sb2.st_dev &&
		    sb.st_ino == sb2.st_ino)) {
			twice(dir);
			return (1);
		}
	}
	l->dir = xreallocarray(l->dir, l->n + 1, sizeof *l->dir);
	l->dir[l->n++] = xstrdup(dir);
	return (0);
}

/*
 * Add to l the databases pattern (glob(3)) matches, in its order, as
 * cmd_dblist_add does. What it matches that is not one is skipped and
 * said on stderr, but plain files silently with quiet_files. Returns how
 * many databases it matched.
 */
size_t
cmd_dblist_glob(struct cmd_dblist *l, const char *pattern, int quiet_files,
    cmd_dblist_cb twice)
{
	struct stat	 sb;
	glob_t		 g;
	size_t		 i, found = 0;
	int		 r;

	/* Unreadable directories are passed over: no match there. */
	memset(&g, 0, sizeof g);
	if ((r = glob(pattern, 0, NULL, &g)) == GLOB_NOSPACE)
		fatalx("glob: out of memory");
	for (i = 0; r == 0 && i < g.gl_pathc; i++) {
		if (quiet_files && (stat(g.gl_pathv[i], &sb) != 0 ||
		    !S_ISDIR(sb.st_mode)))
			continue;
		if (!store_exists(g.gl_pathv[i])) {
			fprintf(stderr, _("hotich: %s: not a hotich database, "
			    "skipped\n"), g.gl_pathv[i]);
			continue;
		}
		cmd_dblist_add(l, g.gl_pathv[i], twice);
		found++;
	}
	globfree(&g);
	return (found);
}

/* Free what l holds. */
void
cmd_dblist_free(struct cmd_dblist *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->dir[i]);
	free(l->dir);
	l->dir = NULL;
	l->n = 0;
}
