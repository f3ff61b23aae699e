/*
 * ui.h: the interactive program's screens, shared between ui*.c.
 *
 * ui.c owns the terminal: start-up and shutdown, signals, reading keys
 * (and turning Esc then a digit into a function key), the status line,
 * the key bar, messages, prompts, the help screen and the list chooser.
 * ui-entry.c is the entry form; ui-book.c the books and entries lists;
 * ui-review.c the review of probable duplicates; ui-stats.c the
 * statistics; ui-verify.c the queue of entries to verify by re-keying
 * them blind, each re-keyed on the entry form (ui_entry_verify).
 * Only these files include <curses.h>, and none of them <db.h>.
 */
#ifndef UI_H
#define UI_H

#include <stddef.h>
#include <stdint.h>

#include "cmd.h"
#include "errlist.h"
#include "form.h"
#include "keymap.h"
#include "rec.h"

struct entry;
struct ime;
struct ime_table;
struct store;

/* Pseudo-keys ui_key returns besides real ones. */
#define UIK_RESIZE	(KM_NAMED + 200)	/* the window changed size */
#define UIK_HANGUP	(KM_NAMED + 201)	/* SIGHUP, SIGTERM, lost tty */

enum ui_method { UIM_TELEX, UIM_VNI, UIM_VIQR, UIM_COUNT };

struct ui {
	struct cmd_ctx		*ctx;
	struct formset		 fs;
	struct store		*s;
	struct keymap		*km;
	char			*user;

	struct ime_table	*imt[UIM_COUNT];
	struct ime		*ime[UIM_COUNT];
	enum ui_method		 method;
	int			 ime_on;	/* the clerk's choice */

	char			*msg;		/* status message, or NULL */
	int			 msg_err;
	int			 hangup;	/* stop now, keep the draft */
	int			 colors;
};

/* A chooser over lines of text (ui_list). */
struct ui_list {
	const char	*title;
	const char	*header;	/* column titles, or NULL */
	char		**lines;
	size_t		  n;
	size_t		  sel;
	size_t		  top;
	int		  sortable;	/* offer OP_SORT */
};

/* ui.c */
keycode		 ui_key(struct ui *);
enum op		 ui_op(struct ui *, enum keyctx, keycode);
int		 ui_too_small(struct ui *);
void		 ui_message(struct ui *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
void		 ui_draw_status(struct ui *, const char *);
void		 ui_draw_keybar(struct ui *, enum keyctx);
void		 ui_draw_keybar_hiding(struct ui *, enum keyctx,
		    const enum op *);
void		 ui_help(struct ui *, enum keyctx);
void		 ui_help_intro(struct ui *, enum keyctx, const char *const *,
		    const enum op *);
int		 ui_confirm(struct ui *, const char *);
char		*ui_prompt(struct ui *, const char *, const char *, int);
char		*ui_secret(struct ui *, const char *);
int		 ui_list_run(struct ui *, struct ui_list *, enum op *);
void		 ui_list_free(struct ui_list *);
struct ime	*ui_ime(struct ui *);
const char	*ui_ime_name(struct ui *, int);
void		 ui_put(int, int, const char *, int);
int		 ui_put_letters(const uint32_t *, size_t, int);

/* ui-entry.c */
int		 ui_entry(struct ui *, const struct form *, const struct rec *,
		    struct entry *);
int		 ui_entry_verify(struct ui *, const struct form *,
		    const struct rec *, const char *);

/* ui-book.c */
int		 ui_books(struct ui *);
int		 ui_entries(struct ui *, const struct form *, const struct rec *,
		    uint64_t *);
int		 ui_resume(struct ui *, int);

/* ui-review.c */
int		 ui_review(struct ui *);
int		 ui_compare(struct ui *, const struct form *, const struct rec *,
		    const struct rec *, const char *);

/* ui-stats.c */
int		 ui_stats(struct ui *);

/* ui-verify.c */
int		 ui_verify(struct ui *);

/* ui.c, for the command line */
int		 ui_main(struct cmd_ctx *);

#endif
