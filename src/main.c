/*
 * main.c: hotich's entry point: global options, then the command.
 *
 * Only the order of start-up lives here: choose the language, read the
 * options that every command shares, and hand over to the command named
 * on the line (or the interactive program when there is none).
 */

#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"
#include "lookup.h"

static void
usage(FILE *f)
{
	fprintf(f, _("usage: hotich [--db DIR] [--forms DIR] [-k FILE] [-c] "
	    "[--lang vi|en]\n"
	    "              [COMMAND [ARG...]]\n"
	    "\n"
	    "Without a command, hotich opens the entry program.\n"
	    "\n"
	    "Options:\n"
	    "  --db DIR      the database directory\n"
	    "                (default $HOTICH_DB, else $XDG_DATA_HOME/hotich)\n"
	    "  --forms DIR   the form definitions\n"
	    "                (default $HOTICH_FORMS, else %s)\n"
	    "  --continue    open the entry being typed, else the last book,\n"
	    "                without the home screen first; also -c\n"
	    "  --keys FILE   key bindings read on top of the built-in ones,\n"
	    "                the system's and the user's; also -k FILE\n"
	    "  --lang LANG   the interface language: vi (default) or en;\n"
	    "                also $HOTICH_LANG\n"
	    "  --help        show this help\n"
	    "  --version     show the version\n"
	    "\n"
	    "Commands:\n"), FORMSDIR);
	cmd_list(f);
	fprintf(f, _("\nExit status: 0 success, 1 input or data refused,\n"
	    "2 usage error, 3 database trouble.\n"));
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "continue", no_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "forms", required_argument, NULL, 'f' },
		{ "keys", required_argument, NULL, 'k' },
		{ "lang", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cmd_entry	*ce;
	struct cmd_ctx		 ctx;
	const char		*lang = NULL;
	int			 ch, status;

	/*
	 * The language comes first, so that even option errors are
	 * translated: a quiet first pass over the options finds --lang.
	 */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+ck:", longopts, NULL)) != -1)
		if (ch == 'l')
			lang = optarg;
	if (i18n_init(lang) != 0) {
		i18n_init("vi");
		fprintf(stderr, _("hotich: unknown language '%s': use vi or "
		    "en\n"), lang != NULL ? lang : getenv("HOTICH_LANG"));
		return (EXIT_USAGE);
	}

	memset(&ctx, 0, sizeof ctx);
	opterr = 1;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "+ck:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			ctx.resume = 1;
			break;
		case 'd':
			ctx.db_dir = optarg;
			break;
		case 'f':
			ctx.forms_dir = optarg;
			break;
		case 'k':
			ctx.keys_file = optarg;
			break;
		case 'l':
			break;
		case 'h':
			usage(stdout);
			return (EXIT_OK);
		case 'V':
			printf("hotich %s\n", VERSION);
			return (EXIT_OK);
		default:
			usage(stderr);
			return (EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;

	if (argc == 0)
		status = cmd_run_default(&ctx);
	else if ((ce = cmd_find(argv[0])) == NULL) {
		fprintf(stderr, _("hotich: unknown command '%s'; see 'hotich "
		    "--help'\n"), argv[0]);
		return (EXIT_USAGE);
	} else
		status = ce->exec(&ctx, argc - 1, argv + 1);
	lookup_cache_clear();
	return (status);
}
