/*
 * cmd-keys.c: "hotich keys [list | check FILE...]".
 *
 * list prints the key bindings the screens would use (the built-in ones,
 * the system file, the user's file and -k FILE, in that order), one a
 * line as CONTEXT<TAB>KEY<TAB>OPERATION<TAB>help, for people and
 * scripts; check reads keymap files and prints every problem as
 * FILE:LINE:COL: message.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "errlist.h"
#include "i18n.h"
#include "keymap.h"
#include "xmalloc.h"

static int	cmd_keys_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_keys_entry = {
	.name = "keys",
	.usage = "[list | check FILE...]",
	.summary = N_("list the key bindings of the screens; check keymap "
	    "files"),
	.exec = cmd_keys_exec
};

/*
 * Count the bindings of km and, with print set, print them: by context,
 * then operation, then the order they were bound.
 */
static size_t
keys_walk(const struct keymap *km, int print)
{
	keycode	*keys = NULL;
	char	 name[KEYMAP_NAME_MAX];
	size_t	 n, i, total = 0;
	int	 ctx, op;

	for (ctx = 0; ctx < KC_COUNT; ctx++) {
		for (op = 0; op < OP_COUNT; op++) {
			if ((n = keymap_keys_in(km, ctx, op, NULL, 0)) == 0)
				continue;
			total += n;
			if (!print)
				continue;
			keys = xreallocarray(keys, n, sizeof *keys);
			keymap_keys_in(km, ctx, op, keys, n);
			for (i = 0; i < n; i++) {
				keymap_key_name(keys[i], name, sizeof name);
				printf("%s\t%s\t%s\t%s\n", keyctx_name(ctx),
				    name, op_info[op].name,
				    _(op_info[op].help));
			}
		}
	}
	free(keys);
	return (total);
}

static int
keys_list(struct cmd_ctx *ctx)
{
	struct errlist	 el;
	struct keymap	*km;
	int		 status = EXIT_OK;

	errlist_init(&el);
	km = keymap_new();
	if (keymap_load_all(km, ctx->keys_file, &el) != 0)
		status = EXIT_REFUSED;
	keys_walk(km, 1);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, _("hotich: cannot write the output\n"));
		status = EXIT_REFUSED;
	}
	cmd_print_errors(&el);
	errlist_free(&el);
	keymap_free(km);
	return (status);
}

static int
keys_check(int argc, char **argv)
{
	struct errlist	 el;
	struct keymap	*km;
	int		 i, status = EXIT_OK;

	if (argc < 1) {
		fprintf(stderr, _("usage: hotich keys check FILE...\n"));
		return (EXIT_USAGE);
	}
	for (i = 0; i < argc; i++) {
		errlist_init(&el);
		km = keymap_new();
		if (keymap_load_file(km, argv[i], &el) == 0)
			printf(_("%s: ok, %zu key bindings\n"), argv[i],
			    keys_walk(km, 0));
		else
			status = EXIT_REFUSED;
		fflush(stdout);
		cmd_print_errors(&el);
		errlist_free(&el);
		keymap_free(km);
	}
	return (status);
}

static int
cmd_keys_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc == 0 || (argc == 1 && strcmp(argv[0], "list") == 0))
		return (keys_list(ctx));
	if (strcmp(argv[0], "check") == 0)
		return (keys_check(argc - 1, argv + 1));
	fprintf(stderr, _("usage: hotich keys %s\n"), cmd_keys_entry.usage);
	return (EXIT_USAGE);
}
