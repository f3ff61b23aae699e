/*
 * cmd-user.c: "hotich user": the accounts of a database.
 *
 *	user add NAME --role ROLE [--os-user LOGIN] [--password-stdin]
 *	user passwd NAME [--password-stdin]
 *	user disable NAME
 *	user list
 *	user check NAME [--password-stdin]
 *
 * Passwords are asked on the terminal (twice for a new one), or read
 * from the first line of standard input for scripts; only their yescrypt
 * hashes are kept (account.c). Every change goes into the audit log
 * under the user at the keyboard. "check" tries a password as a login
 * does, failures counted and the account made to wait after five.
 */

#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "cmd.h"
#include "i18n.h"
#include "store.h"
#include "xmalloc.h"

static int	cmd_user_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_user_entry = {
	.name = "user",
	.usage = "add NAME --role clerk|reviewer|supervisor|admin "
	    "[--os-user LOGIN] [--password-stdin] | passwd NAME "
	    "[--password-stdin] | disable NAME | list | check NAME "
	    "[--password-stdin]",
	.summary = N_("add, change, disable and list accounts"),
	.exec = cmd_user_exec
};

/* Read a new password and set it on a; an exit status. */
static int
new_password(struct account *a, int from_stdin)
{
	char	*pass, *cause;
	int	 r;

	if ((pass = cmd_password(_("New password: "), from_stdin, 1)) == NULL)
		return (EXIT_REFUSED);
	r = account_set_password(a, pass, &cause);
	explicit_bzero(pass, strlen(pass));
	free(pass);
	if (r != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		return (EXIT_REFUSED);
	}
	return (EXIT_OK);
}

/* Read account name into *ap; an exit status, said if not EXIT_OK. */
static int
get_account(struct store *s, const char *name, struct account **ap)
{
	char	*cause;

	switch (store_user_get(s, name, ap, &cause)) {
	case 0:
		return (EXIT_OK);
	case 1:
		fprintf(stderr, _("hotich: no account %s\n"), name);
		return (EXIT_REFUSED);
	default:
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		return (EXIT_DB);
	}
}

/* Save a as done by the user at the keyboard; an exit status. */
static int
save(struct store *s, const struct account *a, const char *op)
{
	char	*user, *cause;
	int	 r;

	user = cmd_user();
	r = store_user_put(s, a, user, op, &cause);
	free(user);
	if (r != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		return (EXIT_DB);
	}
	return (EXIT_OK);
}

/*
 * Add the account name with role (its name), tied to login osuser if not
 * NULL, its password asked or read from standard input; says what it
 * did. Returns an exit status.
 */
int
cmd_user_add(struct store *s, const char *name, const char *role,
    const char *osuser, int from_stdin)
{
	struct account	*a = NULL;
	enum role	 r;
	char		*cause;
	int		 status;

	if (account_name_ok(name, &cause) != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		return (EXIT_REFUSED);
	}
	if (role == NULL || account_role_parse(role, &r) != 0) {
		fprintf(stderr, _("hotich: user add needs --role clerk, "
		    "reviewer, supervisor or admin\n"));
		return (EXIT_USAGE);
	}
	switch (store_user_get(s, name, &a, &cause)) {
	case 0:
		account_free(a);
		fprintf(stderr, _("hotich: account %s exists already\n"),
		    name);
		return (EXIT_REFUSED);
	case 1:
		break;
	default:
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		return (EXIT_DB);
	}
	a = account_new(name, r);
	a->created = time(NULL);
	if (osuser != NULL)
		a->osuser = xstrdup(osuser);
	if ((status = new_password(a, from_stdin)) == EXIT_OK)
		status = save(s, a, "add");
	if (status == EXIT_OK)
		printf(_("account %s added: %s\n"), name,
		    account_role_name(r));
	account_free(a);
	return (status);
}

static int
user_list(struct store *s)
{
	struct account	**v;
	const char	 *state;
	char		 *cause;
	size_t		  n, i;
	time_t		  now = time(NULL);

	if (store_users(s, &v, &n, &cause) != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		return (EXIT_DB);
	}
	for (i = 0; i < n; i++) {
		if (v[i]->disabled)
			state = "disabled";
		else if (now < v[i]->locked_until)
			state = "waiting";
		else
			state = "active";
		printf("%s\t%s\t%s\t%s\n", v[i]->name,
		    account_role_name(v[i]->role), state,
		    v[i]->osuser != NULL ? v[i]->osuser : "");
		account_free(v[i]);
	}
	free(v);
	return (EXIT_OK);
}

static int
user_check(struct store *s, struct account *a, int from_stdin)
{
	enum account_check	 c;
	char			*pass;
	int			 status;

	if ((pass = cmd_password(_("Password: "), from_stdin, 0)) == NULL)
		return (EXIT_REFUSED);
	c = account_check(a, pass, time(NULL));
	explicit_bzero(pass, strlen(pass));
	free(pass);
	/* The failures are kept whatever the outcome. */
	if (c != AC_DISABLED && (status = save(s, a, c == AC_OK ? "login" :
	    "login-failed")) != EXIT_OK)
		return (status);
	switch (c) {
	case AC_OK:
		printf(_("%s: the password is right\n"), a->name);
		return (EXIT_OK);
	case AC_WRONG:
		fprintf(stderr, _("hotich: %s: wrong password\n"), a->name);
		break;
	case AC_WAIT:
		fprintf(stderr, _("hotich: %s: too many wrong passwords; try "
		    "again in %lld s\n"), a->name,
		    (long long)(a->locked_until - time(NULL)));
		break;
	case AC_DISABLED:
		fprintf(stderr, _("hotich: %s: the account is disabled\n"),
		    a->name);
		break;
	}
	return (EXIT_REFUSED);
}

static int
cmd_user_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "os-user", required_argument, NULL, 'o' },
		{ "password-stdin", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct formset	 fs;
	struct store	*s;
	struct account	*a = NULL;
	const char	*role = NULL, *osuser = NULL, *verb, *name = NULL;
	int		 ch, status, from_stdin = 0;

	optind = 0;
	while ((ch = getopt_long(argc + 1, argv - 1, "", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'r':
			role = optarg;
			break;
		case 'o':
			osuser = optarg;
			break;
		case 's':
			from_stdin = 1;
			break;
		default:
			goto usage;
		}
	}
	argc -= optind - 1;
	argv += optind - 1;
	if (argc < 1)
		goto usage;
	verb = argv[0];
	if (strcmp(verb, "list") == 0) {
		if (argc != 1)
			goto usage;
	} else if (argc != 2)
		goto usage;
	else
		name = argv[1];
	if (strcmp(verb, "add") != 0 && (role != NULL || osuser != NULL))
		goto usage;

	/* The forms too: opening may rebuild the indexes. */
	cmd_load_forms(ctx, &fs);
	/* Trying a password is itself a login: no other is asked first. */
	if ((status = cmd_open_store(ctx, &fs, CMD_CREATE |
	    (strcmp(verb, "check") == 0 ? CMD_NOLOGIN : 0), &s)) != EXIT_OK) {
		formset_free(&fs);
		return (status);
	}
	/* Accounts are the administrator's; a password is also its own's. */
	if (strcmp(verb, "check") != 0 && !(strcmp(verb, "passwd") == 0 &&
	    store_actor(s) != NULL && strcmp(store_actor(s), name) == 0) &&
	    (status = cmd_may(s, ACT_ACCOUNTS)) != EXIT_OK)
		goto done;
	if (strcmp(verb, "add") == 0)
		status = cmd_user_add(s, name, role, osuser, from_stdin);
	else if (strcmp(verb, "list") == 0)
		status = user_list(s);
	else if (strcmp(verb, "passwd") == 0 || strcmp(verb, "disable") ==
	    0 || strcmp(verb, "check") == 0) {
		if ((status = get_account(s, name, &a)) != EXIT_OK)
			goto done;
		if (strcmp(verb, "passwd") == 0) {
			if ((status = new_password(a, from_stdin)) ==
			    EXIT_OK && (status = save(s, a, "passwd")) ==
			    EXIT_OK)
				printf(_("account %s: password changed\n"),
				    name);
		} else if (strcmp(verb, "disable") == 0) {
			a->disabled = 1;
			if ((status = save(s, a, "disable")) == EXIT_OK)
				printf(_("account %s disabled\n"), name);
		} else
			status = user_check(s, a, from_stdin);
		account_free(a);
	} else {
		store_close(s);
		formset_free(&fs);
		goto usage;
	}
done:
	store_close(s);
	formset_free(&fs);
	return (status);

usage:
	fprintf(stderr, _("usage: hotich %s %s\n"), cmd_user_entry.name,
	    cmd_user_entry.usage);
	return (EXIT_USAGE);
}
