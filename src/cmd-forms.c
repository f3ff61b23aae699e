/*
 * cmd-forms.c: "hotich forms check|list|show".
 *
 * check validates form files and prints every problem as
 * FILE:LINE:COL: message, which editors and scripts understand; list and
 * show describe the forms the program will use.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "errlist.h"
#include "form.h"
#include "i18n.h"
#include "ui.h"
#include "utf8.h"

static int	cmd_forms_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_forms_entry = {
	.name = "forms",
	.usage = "check FILE... | list | show ID",
	.summary = N_("check form definitions; list the forms; show the "
	    "fields of one"),
	.exec = cmd_forms_exec
};

/*
 * Check each file; forms that are sound are kept until the end, so that
 * two files giving the same form id are caught as a forms directory
 * would catch them.
 */
static int
forms_check(int argc, char **argv)
{
	struct errlist	 el;
	struct formset	 fs;
	struct form	*f;
	int		 i, ok, status = EXIT_OK;

	if (argc < 1) {
		fprintf(stderr, _("usage: hotich forms check FILE...\n"));
		return (EXIT_USAGE);
	}
	fs.v = NULL;
	fs.n = 0;
	for (i = 0; i < argc; i++) {
		errlist_init(&el);
		f = form_load(argv[i], &el);
		ok = (f != NULL && formset_add(&fs, f, &el) == 0);
		if (ok)		/* f now belongs to fs */
			printf(_("%s: ok, form %s, %zu fields, %zu rules\n"),
			    argv[i], f->id, f->nfields, f->nrules);
		cmd_print_errors(&el);
		errlist_free(&el);
		if (!ok)
			status = EXIT_REFUSED;
	}
	formset_free(&fs);
	return (status);
}

static int
forms_list(struct cmd_ctx *ctx)
{
	struct formset	fs;
	size_t		i;
	int		status;

	status = cmd_load_forms(ctx, &fs);
	for (i = 0; i < fs.n; i++)
		printf("%s\t%s\t%zu\n", fs.v[i]->id, fs.v[i]->title,
		    fs.v[i]->nfields);
	formset_free(&fs);
	return (status);
}

/* Print s and spaces up to width columns, and at least one space. */
static void
print_padded(const char *s, size_t width)
{
	size_t	w = utf8_width(s);

	fputs(s, stdout);
	do
		putchar(' ');
	while (++w < width);
}

static int
forms_show(struct cmd_ctx *ctx, const char *id)
{
	struct formset			 fs;
	const struct form		*f;
	const struct form_field		*ff;
	size_t				 i, sec = (size_t)-1;
	int				 status;
	char				 flags[8];

	status = cmd_load_forms(ctx, &fs);
	if ((f = cmd_find_form(ctx, &fs, id)) == NULL) {
		formset_free(&fs);
		return (EXIT_REFUSED);
	}
	printf("%s (%s): %s\n", f->id, f->reg, f->title);
	for (i = 0; i < f->nfields; i++) {
		ff = &f->fields[i];
		if (ff->section != sec) {
			sec = ff->section;
			printf("\n[%s]\n", f->sections[sec].title);
		}
		snprintf(flags, sizeof flags, "%c%c%c",
		    (ff->flags & FF_REQUIRED) ? 'R' :
		    ff->required_if != NULL ? 'C' : '-',
		    (ff->flags & FF_CARRY) ? 'c' : '-',
		    (ff->flags & FF_AUTOINC) ? '+' : '-');
		printf("  %s  ", flags);
		print_padded(ff->key, 24);
		print_padded(form_type_name(ff->type), 7);
		printf("%3u  ", ff->width);
		print_padded(ff->moj != NULL ? ff->moj : "-", 24);
		printf("%s\n", ff->label);
	}
	printf(_("\n%zu fields, %zu rules. R required, C required if, c "
	    "carried from the previous entry, + proposed as previous + 1.\n"),
	    f->nfields, f->nrules);
	formset_free(&fs);
	return (status);
}

static int
cmd_forms_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc >= 1 && strcmp(argv[0], "check") == 0)
		return (forms_check(argc - 1, argv + 1));
	if (argc == 1 && strcmp(argv[0], "list") == 0)
		return (forms_list(ctx));
	if (argc == 2 && strcmp(argv[0], "show") == 0)
		return (forms_show(ctx, argv[1]));
	fprintf(stderr, _("usage: hotich forms %s\n"), cmd_forms_entry.usage);
	return (EXIT_USAGE);
}

/* The interactive program: the entry screens (ui.c). */
int
cmd_run_default(struct cmd_ctx *ctx)
{
	return (ui_main(ctx));
}
