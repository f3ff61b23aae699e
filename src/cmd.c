/*
 * cmd.c: the table of commands and what they share.
 *
 * A command is found by its full name. The table order is the order of
 * "hotich --help".
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "i18n.h"

static const struct cmd_entry *cmd_table[] = {
	&cmd_forms_entry,
	&cmd_ime_entry,
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
