/*
 * cmd-ime.c: "hotich ime", the input method engine as a filter.
 *
 * Each line of standard input is a line of keystrokes (words separated by
 * spaces; DEL or BS is backspace, ESC takes the next key literally) and
 * the matching line of standard output is the text the engine makes of
 * it. Scripts and acceptance tests outside the project rely on this, so
 * the output is exactly one line per input line and nothing else.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "errlist.h"
#include "i18n.h"
#include "ime.h"
#include "xmalloc.h"

static int	cmd_ime_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_ime_entry = {
	.name = "ime",
	.usage = "--method telex|vni|viqr [--style old|new] [--restore] "
	    "[--no-w-alone]",
	.summary = N_("type Vietnamese: each input line is keystrokes, each "
	    "output line the text"),
	.exec = cmd_ime_exec
};

static int
ime_usage(void)
{
	fprintf(stderr, _("usage: hotich ime %s\n"), cmd_ime_entry.usage);
	return (EXIT_USAGE);
}

/* Is name a plausible input-method name (it becomes a file name)? */
static int
method_name_ok(const char *name)
{
	return (*name != '\0' && strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") == strlen(name));
}

/* Compose standard input line by line. */
static int
ime_filter(struct ime *ime)
{
	char	*line = NULL, *out;
	size_t	 cap = 0, bad;
	ssize_t	 len;
	u_int	 lineno = 0;
	int	 status = EXIT_OK;

	while ((len = getline(&line, &cap, stdin)) != -1) {
		lineno++;
		if (len > 0 && line[len - 1] == '\n')
			len--;
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if ((out = ime_compose_line(ime, line, len, &bad)) == NULL) {
			fflush(stdout);
			fprintf(stderr, _("hotich: stdin line %u: invalid "
			    "UTF-8 at byte offset %zu\n"), lineno, bad);
			status = EXIT_REFUSED;
			break;
		}
		printf("%s\n", out);
		free(out);
	}
	free(line);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, _("hotich: cannot write the output\n"));
		status = EXIT_REFUSED;
	}
	return (status);
}

static int
cmd_ime_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct errlist		 el;
	struct ime_table	*t;
	struct ime		*ime;
	enum ime_style		 style = IME_STYLE_OLD;
	const char		*method = NULL, *arg, *val;
	char			*path;
	int			 i, flags = IME_W_ALONE, status;
	size_t			 j;

	(void)ctx;
	for (i = 0; i < argc; i++) {
		arg = argv[i];
		val = NULL;
		if (strcmp(arg, "--method") == 0 || strcmp(arg, "--style") ==
		    0) {
			if (i + 1 == argc) {
				fprintf(stderr, _("hotich ime: %s needs a "
				    "value\n"), arg);
				return (ime_usage());
			}
			val = argv[++i];
		} else if (strncmp(arg, "--method=", 9) == 0)
			val = arg + 9;
		else if (strncmp(arg, "--style=", 8) == 0)
			val = arg + 8;
		if (strncmp(arg, "--method", 8) == 0 && val != NULL) {
			if (!method_name_ok(val)) {
				fprintf(stderr, _("hotich ime: bad input "
				    "method '%s'\n"), val);
				return (ime_usage());
			}
			method = val;
		} else if (strncmp(arg, "--style", 7) == 0 && val != NULL) {
			if (strcmp(val, "old") == 0)
				style = IME_STYLE_OLD;
			else if (strcmp(val, "new") == 0)
				style = IME_STYLE_NEW;
			else {
				fprintf(stderr, _("hotich ime: unknown style "
				    "'%s': use old or new\n"), val);
				return (ime_usage());
			}
		} else if (strcmp(arg, "--restore") == 0)
			flags |= IME_RESTORE;
		else if (strcmp(arg, "--no-restore") == 0)
			flags &= ~IME_RESTORE;
		else if (strcmp(arg, "--w-alone") == 0)
			flags |= IME_W_ALONE;
		else if (strcmp(arg, "--no-w-alone") == 0)
			flags &= ~IME_W_ALONE;
		else {
			fprintf(stderr, _("hotich ime: unknown argument "
			    "'%s'\n"), arg);
			return (ime_usage());
		}
	}
	if (method == NULL) {
		fprintf(stderr, _("hotich ime: --method is required\n"));
		return (ime_usage());
	}

	xasprintf(&path, "%s/%s.im", cmd_keymaps_dir(), method);
	if (access(path, F_OK) != 0) {
		fprintf(stderr, _("hotich ime: unknown input method '%s' (no "
		    "file %s)\n"), method, path);
		free(path);
		return (ime_usage());
	}
	errlist_init(&el);
	if ((t = ime_table_load(path, &el)) == NULL) {
		for (j = 0; j < el.n; j++)
			fprintf(stderr, "%s\n", el.v[j]);
		errlist_free(&el);
		free(path);
		return (EXIT_REFUSED);
	}
	errlist_free(&el);
	free(path);

	ime = ime_new(t, style, flags);
	status = ime_filter(ime);
	ime_free(ime);
	ime_table_free(t);
	return (status);
}
