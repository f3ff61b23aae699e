/*
 * cmd.h: the commands of the hotich command line.
 *
 * Each command lives in cmd-<name>.c and exports one struct cmd_entry;
 * cmd.c lists them. Commands print (they are the program's voice); the
 * library code they call does not.
 */
#ifndef CMD_H
#define CMD_H

#include <sys/types.h>

#include <stdio.h>

#include "account.h"

struct errlist;
struct form;
struct formset;
struct store;

/* Exit statuses, part of the command-line contract. */
#define EXIT_OK		0	/* success */
#define EXIT_REFUSED	1	/* the input or data was refused */
#define EXIT_USAGE	2	/* usage error */
#define EXIT_DB		3	/* database trouble */

/* Flags of cmd_open_store. */
#define CMD_CREATE	0x1	/* create a missing database */
#define CMD_NOLOGIN	0x2	/* open it without logging in */

struct cmd_ctx {
	const char	*db_dir;	/* --db, or NULL */
	const char	*forms_dir;	/* --forms, or NULL */
	const char	*keys_file;	/* -k, --keys, or NULL */
	int		 resume;	/* -c, --continue */
};

struct cmd_entry {
	const char	*name;
	const char	*usage;		/* after "hotich NAME " */
	const char	*summary;	/* one line, translated at use */
	int		(*exec)(struct cmd_ctx *, int, char **);
};

/* A progress line on a terminal; nothing when stderr is not one. */
struct progress {
	int		 on;
	int		 shown;
	const char	*what;
	off_t		 total;
	long		 last;		/* milliseconds */
};

/* The databases a command was given with --db and --db-glob, in order. */
struct cmd_dblist {
	char		**dir;
	size_t		  n;
};
typedef void (*cmd_dblist_cb)(const char *);

/* What hotich export --format moj was asked (cmd-moj.c). */
struct mojopt {
	const char	*form_id;
	const char	*book;		/* --book YEAR/BOOK, or NULL: all */
	const char	*out;		/* the folder */
	const char	*scans;		/* --scans DIR, or NULL */
	int		 include;	/* --include-flagged */
	int		 state;		/* the least enum rec_state written */
};

extern const struct cmd_entry cmd_audit_entry;
extern const struct cmd_entry cmd_backup_entry;
extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_dedup_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_forms_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_init_entry;
extern const struct cmd_entry cmd_ime_entry;
extern const struct cmd_entry cmd_keys_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_user_entry;
extern const struct cmd_entry cmd_verify_entry;
extern const struct cmd_entry cmd_approve_entry;
extern const struct cmd_entry cmd_unlock_entry;
extern const struct cmd_entry cmd_config_entry;
extern const struct cmd_entry cmd_replicate_entry;
extern const struct cmd_entry cmd_promote_entry;

const struct cmd_entry	*cmd_find(const char *);
void			 cmd_list(FILE *);
const char		*cmd_forms_dir(const struct cmd_ctx *);
char			*cmd_db_dir(const struct cmd_ctx *);
void			 cmd_print_errors(const struct errlist *);
int			 cmd_load_forms(const struct cmd_ctx *,
			     struct formset *);
int			 cmd_need_forms(const struct cmd_ctx *,
			     struct formset *, const char *);
const struct form	*cmd_find_form(const struct cmd_ctx *,
			     const struct formset *, const char *);
char			*cmd_passphrase(int);
char			*cmd_password(const char *, int, int);
int			 cmd_user_add(struct store *, const char *,
			     const char *, const char *, int);
int			 cmd_open_store(const struct cmd_ctx *,
			     const struct formset *, int, struct store **);
int			 cmd_login(struct store *, struct account **);
int			 cmd_login_find(struct store *, struct account **,
			    int *);
int			 cmd_login_try(struct store *, struct account *,
			    const char *, char **);
int			 cmd_may(struct store *, enum action);
int			 cmd_path_ok(struct store *, const char *);
int			 cmd_open_as(const struct cmd_ctx *,
			    const struct formset *, int, enum action,
			    struct store **);
const char		*cmd_keymaps_dir(void);
int			 cmd_run_default(struct cmd_ctx *);
char			*cmd_user(void);

int			 cmd_dblist_add(struct cmd_dblist *, const char *,
			    cmd_dblist_cb);
size_t			 cmd_dblist_glob(struct cmd_dblist *, const char *, int,
			    cmd_dblist_cb);
void			 cmd_dblist_free(struct cmd_dblist *);

int			 cmd_idpair_cmp(const void *, const void *);
int			 cmd_export_moj(struct cmd_ctx *,
			    const struct mojopt *);

void			 progress_start(struct progress *, const char *, off_t);
void			 progress_update(struct progress *, off_t, u_long);
void			 progress_end(struct progress *);

#endif
