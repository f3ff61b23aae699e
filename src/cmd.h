/*
 * cmd.h: the commands of the hotich command line.
 *
 * Each command lives in cmd-<name>.c and exports one struct cmd_entry;
 * cmd.c lists them. Commands print (they are the program's voice); the
 * library code they call does not.
 */
#ifndef CMD_H
#define CMD_H

#include <stdio.h>

/* Exit statuses, part of the command-line contract. */
#define EXIT_OK		0	/* success */
#define EXIT_REFUSED	1	/* the input or data was refused */
#define EXIT_USAGE	2	/* usage error */
#define EXIT_DB		3	/* database trouble */

struct cmd_ctx {
	const char	*db_dir;	/* --db, or NULL */
	const char	*forms_dir;	/* --forms, or NULL */
};

struct cmd_entry {
	const char	*name;
	const char	*usage;		/* after "hotich NAME " */
	const char	*summary;	/* one line, translated at use */
	int		(*exec)(struct cmd_ctx *, int, char **);
};

extern const struct cmd_entry cmd_forms_entry;
extern const struct cmd_entry cmd_ime_entry;

const struct cmd_entry	*cmd_find(const char *);
void			 cmd_list(FILE *);
const char		*cmd_forms_dir(const struct cmd_ctx *);
const char		*cmd_keymaps_dir(void);
int			 cmd_run_default(struct cmd_ctx *);

#endif
