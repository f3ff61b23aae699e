/*
 * cmd-review.c: "hotich verify", "hotich approve", "hotich unlock" and
 * "hotich config": moving entries through their review states from the
 * command line, under the same rules as the screens (policy.h, enforced
 * by the store), and the database's settings.
 */
#include <sys/types.h>

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "form.h"
#include "i18n.h"
#include "policy.h"
#include "store.h"
#include "xmalloc.h"

static int	cmd_verify_exec(struct cmd_ctx *, int, char **);
static int	cmd_approve_exec(struct cmd_ctx *, int, char **);
static int	cmd_unlock_exec(struct cmd_ctx *, int, char **);
static int	cmd_config_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_verify_entry = {
	.name = "verify",
	.usage = "ID...",
	.summary = N_("mark entries verified, read against the book"),
	.exec = cmd_verify_exec
};

const struct cmd_entry cmd_approve_entry = {
	.name = "approve",
	.usage = "ID... | --all",
	.summary = N_("approve verified entries"),
	.exec = cmd_approve_exec
};

const struct cmd_entry cmd_unlock_entry = {
	.name = "unlock",
	.usage = "--reason TEXT ID...",
	.summary = N_("unlock approved entries so they can be corrected"),
	.exec = cmd_unlock_exec
};

const struct cmd_entry cmd_config_entry = {
	.name = "config",
	.usage = "[KEY [VALUE]]",
	.summary = N_("show or change the database's settings"),
	.exec = cmd_config_exec
};

/* The ids to move. */
struct idlist {
	uint64_t	*v;
	size_t		 n;
};

static void
idlist_add(struct idlist *l, uint64_t id)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = id;
}

/*
 * Add the ids of s ("12", "1-40", "1-40,57") to l. Returns 0, or -1 with
 * a message printed naming s.
 */
static int
idlist_parse(struct idlist *l, const char *s)
{
	unsigned long long	 lo, hi, id;
	const char		*p = s;
	char			*end;

	for (;;) {
		errno = 0;
		lo = strtoull(p, &end, 10);
		if (end == p || errno != 0 || lo == 0 || *p == '-')
			goto bad;
		hi = lo;
		if (*end == '-') {
			p = end + 1;
			hi = strtoull(p, &end, 10);
			if (end == p || errno != 0 || hi < lo ||
			    hi - lo > 10000000)
				goto bad;
		}
		for (id = lo; id <= hi; id++)
			idlist_add(l, id);
		if (*end == '\0')
			return (0);
		if (*end != ',')
			goto bad;
		p = end + 1;
	}
bad:
	fprintf(stderr, _("hotich: \"%s\" is not an entry id, nor a range "
	    "of them (12, 1-40, 1-40,57)\n"), s);
	return (-1);
}

/* What --all gathers: every entry in one state. */
struct gather {
	struct idlist	*l;
	enum rec_state	 state;
};

static int
gather_cb(const struct rec *r, void *arg)
{
	struct gather	*g = arg;

	if (r->state == g->state)
		idlist_add(g->l, r->id);
	return (0);
}

/*
 * Move the entries of argv (or, with all, every entry in state from) to
 * state to, with reason; say what was done. Returns an exit status.
 */
static int
move(struct cmd_ctx *ctx, const struct cmd_entry *ce, int argc, char **argv,
    int all, enum rec_state from, enum rec_state to, const char *reason)
{
	struct formset	 fs;
	struct store	*s;
	struct idlist	 l = { NULL, 0 };
	struct gather	 g = { &l, from };
	char		*cause;
	int		 i, status, r;

	if ((argc == 0) != all) {
		fprintf(stderr, _("usage: hotich %s %s\n"), ce->name,
		    ce->usage);
		return (EXIT_USAGE);
	}
	for (i = 0; i < argc; i++) {
		if (idlist_parse(&l, argv[i]) != 0) {
			free(l.v);
			return (EXIT_USAGE);
		}
	}
	cmd_load_forms(ctx, &fs);
	if ((status = cmd_open_store(ctx, &fs, 0, &s)) != EXIT_OK) {
		formset_free(&fs);
		free(l.v);
		return (status);
	}
	if (all && store_scan(s, NULL, gather_cb, &g, &cause) != 0) {
		fprintf(stderr, "hotich: %s\n", cause);
		free(cause);
		status = EXIT_DB;
		goto done;
	}
	if (l.n == 0) {
		printf(_("no entry is %s\n"), rec_state_name(from));
		goto done;
	}
	r = store_move(s, l.v, l.n, to, reason, &cause);
	if (r != 0) {
		fprintf(stderr, "hotich: %s%s\n", cause, r == 1 ?
		    _(" (--reason TEXT)") : "");
		free(cause);
		status = EXIT_REFUSED;
		goto done;
	}
	printf(_("%zu entries %s\n"), l.n, rec_state_name(to));
done:
	store_close(s);
	formset_free(&fs);
	free(l.v);
	return (status);
}

/* Read "--reason TEXT" and "--all" before the ids. */
static int
options(int *argc, char ***argv, const char **reason, int *all)
{
	static const struct option longopts[] = {
		{ "reason", required_argument, NULL, 'r' },
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch;

	optind = 0;
	while ((ch = getopt_long(*argc + 1, *argv - 1, "", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'r':
			if (reason == NULL)
				return (-1);
			*reason = optarg;
			break;
		case 'a':
			if (all == NULL)
				return (-1);
			*all = 1;
			break;
		default:
			return (-1);
		}
	}
	*argc -= optind - 1;
	*argv += optind - 1;
	return (0);
}

static int
usage_of(const struct cmd_entry *ce)
{
	fprintf(stderr, _("usage: hotich %s %s\n"), ce->name, ce->usage);
	return (EXIT_USAGE);
}

static int
cmd_verify_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (options(&argc, &argv, NULL, NULL) != 0)
		return (usage_of(&cmd_verify_entry));
	return (move(ctx, &cmd_verify_entry, argc, argv, 0, RS_ENTERED,
	    RS_VERIFIED, NULL));
}

static int
cmd_approve_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	int	all = 0;

	if (options(&argc, &argv, NULL, &all) != 0)
		return (usage_of(&cmd_approve_entry));
	return (move(ctx, &cmd_approve_entry, argc, argv, all, RS_VERIFIED,
	    RS_APPROVED, NULL));
}

static int
cmd_unlock_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char	*reason = NULL;

	if (options(&argc, &argv, &reason, NULL) != 0)
		return (usage_of(&cmd_unlock_entry));
	return (move(ctx, &cmd_unlock_entry, argc, argv, 0, RS_APPROVED,
	    RS_ENTERED, reason));
}

/* Print setting key = its value. */
static void
show(const struct policy_settings *set, const char *key)
{
	char	*v;

	v = policy_setting_get(set, key);
	printf("%s\t%s\n", key, v != NULL ? v : "");
	free(v);
}

static int
cmd_config_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *const	*k;
	struct formset		 fs;
	struct store		*s;
	char			*cause;
	int			 status, known = 0;

	if (argc > 2 || (argc > 0 && argv[0][0] == '-'))
		return (usage_of(&cmd_config_entry));
	for (k = policy_setting_keys(); argc > 0 && *k != NULL; k++)
		known |= strcmp(*k, argv[0]) == 0;
	if (argc > 0 && !known) {
		fprintf(stderr, _("hotich: no setting \"%s\"; the settings "
		    "are:"), argv[0]);
		for (k = policy_setting_keys(); *k != NULL; k++)
			fprintf(stderr, " %s", *k);
		fprintf(stderr, "\n");
		return (EXIT_USAGE);
	}
	cmd_load_forms(ctx, &fs);
	if ((status = cmd_open_store(ctx, &fs, argc == 2 ? 0 : CMD_NOLOGIN,
	    &s)) != EXIT_OK) {
		formset_free(&fs);
		return (status);
	}
	if (argc == 2) {
		if (store_setting_put(s, argv[0], argv[1], &cause) != 0) {
			fprintf(stderr, "hotich: %s\n", cause);
			free(cause);
			status = EXIT_REFUSED;
		} else
			show(store_settings(s), argv[0]);
	} else if (argc == 1)
		show(store_settings(s), argv[0]);
	else {
		for (k = policy_setting_keys(); *k != NULL; k++)
			show(store_settings(s), *k);
	}
	store_close(s);
	formset_free(&fs);
	return (status);
}
