/*
 * ui.c: the interactive program: the terminal, keys, and the pieces every
 * screen uses (status line, key bar, messages, prompts, help, lists).
 *
 * Start-up order matters: the forms, the database (its passphrase is
 * asked on the plain terminal) and the key bindings are loaded first;
 * signal handlers are installed before initscr(), so that SIGHUP (a
 * dropped SSH link) and SIGTERM reach our loop instead of ncurses'
 * handler, which would exit without closing the database. A key read
 * that fails for any other reason than a signal means the terminal is
 * gone: the entry is kept as a draft and the program ends.
 */

#include "config.h"

#include <sys/types.h>

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>

#include "entry.h"
#include "i18n.h"
#include "ime.h"
#include "ledit.h"
#include "store.h"
#include "ui.h"
#include "utf8.h"
#include "vntext.h"
#include "xmalloc.h"

#define UI_MIN_COLS	80
#define UI_MIN_LINES	24
#define UI_ESC_WAIT	400	/* ms to wait for the key after Esc */

static volatile sig_atomic_t	ui_signal;

static const char *method_files[UIM_COUNT] = { "telex", "vni", "viqr" };
static const char *method_names[UIM_COUNT] = { "TELEX", "VNI", "VIQR" };

static void
ui_on_signal(int sig)
{
	ui_signal = sig;
}

/* Write s at (y, x) in at most width cells, padding with spaces when pad. */
void
ui_put(int y, int x, const char *s, int width)
{
	mbstate_t	 mbs;
	wchar_t		 wc;
	size_t		 n;
	int		 w, used = 0;
	const char	*p = s;

	move(y, x);
	memset(&mbs, 0, sizeof mbs);
	while (*p != '\0') {
		n = mbrtowc(&wc, p, strlen(p), &mbs);
		if (n == (size_t)-1 || n == (size_t)-2) {
			wc = L'?';
			n = 1;
			memset(&mbs, 0, sizeof mbs);
		}
		if ((w = wcwidth(wc)) < 0)
			w = 1;
		if (used + w > width)
			break;
		addnstr(p, (int)n);
		p += n;
		used += w;
	}
	while (used++ < width)
		addch(' ');
}

/*
 * Write n letters (code points, as the field editor keeps them) at the
 * cursor, one screen cell each, at most width of them. Returns how many
 * were written.
 */
int
ui_put_letters(const uint32_t *v, size_t n, int width)
{
	cchar_t	cc;
	wchar_t	wc[2];
	int	x;

	for (x = 0; (size_t)x < n && x < width; x++) {
		wc[0] = (wchar_t)v[x];
		wc[1] = L'\0';
		setcchar(&cc, wc, A_NORMAL, 0, NULL);
		add_wch(&cc);
	}
	return (x);
}

/* Set the status message (shown until the next key's message). */
void
ui_message(struct ui *ui, int err, const char *fmt, ...)
{
	va_list	ap;

	free(ui->msg);
	ui->msg = NULL;
	ui->msg_err = err;
	if (fmt == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&ui->msg, fmt, ap) == -1)
		ui->msg = NULL;
	va_end(ap);
	if (err)
		beep();
}

/* The input method used now, or NULL when typing is plain. */
struct ime *
ui_ime(struct ui *ui)
{
	if (!ui->ime_on)
		return (NULL);
	return (ui->ime[ui->method]);
}

/* The name shown in the status line: TELEX, VNI, VIQR or OFF. */
const char *
ui_ime_name(struct ui *ui, int field_allows)
{
	if (!ui->ime_on || ui->ime[ui->method] == NULL || !field_allows)
		return ("OFF");
	return (method_names[ui->method]);
}

/* Whether the window is too small; if so, say so on the screen. */
int
ui_too_small(struct ui *ui)
{
	char	buf[160];

	(void)ui;
	if (COLS >= UI_MIN_COLS && LINES >= UI_MIN_LINES)
		return (0);
	erase();
	snprintf(buf, sizeof buf, _("The window is %dx%d; hotich needs at "
	    "least %dx%d."), COLS, LINES, UI_MIN_COLS, UI_MIN_LINES);
	mvaddnstr(0, 0, buf, COLS);
	if (LINES > 1)
		mvaddnstr(1, 0, _("Make it bigger; nothing is lost."), COLS);
	refresh();
	return (1);
}

/* Translate a curses key into a keycode. */
static keycode
from_curses(int r, wint_t ch)
{
	if (r == OK) {
		if (ch == '\n')
			return (KM_ENTER);
		return ((keycode)ch);
	}
	if (ch >= KEY_F(1) && ch <= KEY_F(KM_FMAX))
		return (KM_F(ch - KEY_F(0)));
	switch (ch) {
	case KEY_UP:
		return (KM_UP);
	case KEY_DOWN:
		return (KM_DOWN);
	case KEY_LEFT:
		return (KM_LEFT);
	case KEY_RIGHT:
		return (KM_RIGHT);
	case KEY_HOME:
		return (KM_HOME);
	case KEY_END:
		return (KM_END);
	case KEY_PPAGE:
		return (KM_PGUP);
	case KEY_NPAGE:
		return (KM_PGDN);
	case KEY_IC:
		return (KM_INS);
	case KEY_DC:
		return (KM_DEL);
	case KEY_BACKSPACE:
		return (KM_BSPACE);
	case KEY_BTAB:
		return (KM_BTAB);
	case KEY_ENTER:
		return (KM_KENTER);
	case KEY_RESIZE:
		return (UIK_RESIZE);
	}
	return (0);
}

/*
 * Read one key. Esc then a digit is a function key (Esc 1 is F1, Esc 0
 * F10), as in Midnight Commander, for terminals without them; Esc then
 * another key is that key with KM_META; Esc alone is Esc. A signal or a
 * lost terminal returns UIK_HANGUP.
 */
keycode
ui_key(struct ui *ui)
{
	wint_t	ch;
	int	r;

	for (;;) {
		if (ui_signal != 0)
			break;
		r = get_wch(&ch);
		if (r == ERR) {
			if (errno == EINTR && ui_signal == 0)
				continue;
			break;
		}
		if (r == OK && ch == KM_ESC) {
			timeout(UI_ESC_WAIT);
			r = get_wch(&ch);
			timeout(-1);
			if (r == ERR)
				return (KM_ESC);
			if (r == OK && ch >= '0' && ch <= '9')
				return (KM_F(ch == '0' ? 10 : ch - '0'));
			return (from_curses(r, ch) | KM_META);
		}
		return (from_curses(r, ch));
	}
	ui->hangup = 1;
	return (UIK_HANGUP);
}

/* What key does in context ctx (or OP_NONE). */
enum op
ui_op(struct ui *ui, enum keyctx ctx, keycode key)
{
	return (keymap_lookup(ui->km, ctx, key));
}

/* The status line, one above the key bar: left text and the message. */
void
ui_draw_status(struct ui *ui, const char *left)
{
	int	y = LINES - 2, w;

	attron(A_REVERSE);
	ui_put(y, 0, left, COLS);
	if (ui->msg != NULL) {
		w = (int)utf8_width(ui->msg);
		if (w > COLS / 2)
			w = COLS / 2;
		if (ui->msg_err)
			attron(A_BOLD);
		ui_put(y, COLS - w - 1, ui->msg, w);
		attroff(A_BOLD);
	}
	attroff(A_REVERSE);
}

/* The short name of op for the key bar. */
static const char *
bar_label(enum op op)
{
	return (_(op_info[op].label));
}

/* Whether op is in hide, a list ended by OP_NONE (or NULL). */
static int
hidden(const enum op *hide, enum op op)
{
	for (; hide != NULL && *hide != OP_NONE; hide++) {
		if (*hide == op)
			return (1);
	}
	return (0);
}

/*
 * The bottom line: the function keys bound in ctx (F1 to F10), each with
 * its short label, generated from the bindings.
 */
void
ui_draw_keybar(struct ui *ui, enum keyctx ctx)
{
	ui_draw_keybar_hiding(ui, ctx, NULL);
}

/*
 * The same, leaving out the operations of hide (a list ended by OP_NONE,
 * or NULL), which the screen does not offer now.
 */
void
ui_draw_keybar_hiding(struct ui *ui, enum keyctx ctx, const enum op *hide)
{
	enum op	 op;
	char	 num[8];
	int	 i, x = 0, w, cell;

	cell = COLS / 10;
	move(LINES - 1, 0);
	clrtoeol();
	for (i = 1; i <= 10; i++) {
		op = keymap_lookup(ui->km, ctx, KM_F(i));
		x = (i - 1) * cell;
		snprintf(num, sizeof num, "%d", i);
		mvaddstr(LINES - 1, x, num);
		w = (int)strlen(num);
		if (op != OP_NONE && !hidden(hide, op)) {
			attron(A_REVERSE);
			ui_put(LINES - 1, x + w, bar_label(op), cell - w - 1);
			attroff(A_REVERSE);
		}
	}
}

static void
draw_list(struct ui *ui, struct ui_list *l, enum keyctx ctx)
{
	size_t	i, rows;
	int	y;

	erase();
	attron(A_BOLD);
	ui_put(0, 0, l->title, COLS);
	attroff(A_BOLD);
	y = 1;
	if (l->header != NULL) {
		attron(A_UNDERLINE);
		ui_put(1, 0, l->header, COLS);
		attroff(A_UNDERLINE);
		y = 2;
	}
	rows = (size_t)(LINES - 2 - y);
	if (l->sel >= l->n && l->n > 0)
		l->sel = l->n - 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + rows)
		l->top = l->sel - rows + 1;
	for (i = 0; i < rows && l->top + i < l->n; i++) {
		if (l->top + i == l->sel)
			attron(A_REVERSE);
		ui_put(y + (int)i, 0, l->lines[l->top + i], COLS);
		if (l->top + i == l->sel)
			attroff(A_REVERSE);
	}
	if (l->n == 0)
		ui_put(y, 2, _("(nothing here yet)"), COLS - 2);
	ui_draw_status(ui, "");
	ui_draw_keybar(ui, ctx);
	move(y + (int)(l->sel - l->top), 0);
}

/* Find the next line after the selection holding query, ignoring marks. */
static void
list_search(struct ui_list *l, const char *query)
{
	char	*q, *k;
	size_t	 i, j;

	q = vntext_key_loose(query);
	for (i = 1; i <= l->n; i++) {
		j = (l->sel + i) % l->n;
		k = vntext_key_loose(l->lines[j]);
		if (strstr(k, q) != NULL) {
			l->sel = j;
			free(k);
			break;
		}
		free(k);
	}
	free(q);
}

/*
 * Let the clerk choose a line of l. Returns the index chosen (OP_OPEN),
 * or -1 with *opp set to what ended the list: OP_BACK, OP_QUIT, OP_SORT
 * (the caller re-sorts and calls again) or OP_NONE after a hangup.
 */
int
ui_list_run(struct ui *ui, struct ui_list *l, enum op *opp)
{
	keycode	 key;
	enum op	 op;
	size_t	 page;
	char	*q;

	for (;;) {
		if (ui_too_small(ui)) {
			if (ui_key(ui) == UIK_HANGUP)
				break;
			continue;
		}
		draw_list(ui, l, KC_LIST);
		refresh();
		key = ui_key(ui);
		if (key == UIK_HANGUP)
			break;
		if (key == UIK_RESIZE)
			continue;
		ui_message(ui, 0, NULL);
		page = LINES > 6 ? (size_t)LINES - 6 : 1;
		switch ((op = ui_op(ui, KC_LIST, key))) {
		case OP_UP:
			if (l->sel > 0)
				l->sel--;
			break;
		case OP_DOWN:
			if (l->sel + 1 < l->n)
				l->sel++;
			break;
		case OP_PAGE_UP:
			l->sel = l->sel > page ? l->sel - page : 0;
			break;
		case OP_PAGE_DOWN:
			l->sel = l->sel + page < l->n ? l->sel + page :
			    (l->n > 0 ? l->n - 1 : 0);
			break;
		case OP_FIRST:
			l->sel = 0;
			break;
		case OP_LAST:
			l->sel = l->n > 0 ? l->n - 1 : 0;
			break;
		case OP_OPEN:
			if (l->n > 0) {
				*opp = OP_OPEN;
				return ((int)l->sel);
			}
			break;
		case OP_SEARCH:
			/*
			 * Plain letters: the search ignores marks, and an
			 * input method would turn s, f, r, x, j into tones.
			 */
			q = ui_prompt(ui, _("Search:"), "", 0);
			if (q != NULL && *q != '\0' && l->n > 0)
				list_search(l, q);
			free(q);
			if (ui->hangup)
				goto out;
			break;
		case OP_SORT:
			if (l->sortable) {
				*opp = op;
				return (-1);
			}
			break;
		case OP_BACK:
		case OP_QUIT:
			*opp = op;
			return (-1);
		case OP_HELP:
			ui_help(ui, KC_LIST);
			break;
		default:
			if (op == OP_NONE && key >= '1' && key <= '9' &&
			    (size_t)(key - '1') < l->n && l->n <= 9) {
				l->sel = key - '1';
				*opp = OP_OPEN;
				return ((int)l->sel);
			}
			break;
		}
	}
out:
	*opp = OP_NONE;
	return (-1);
}

/* Free the lines of l. */
void
ui_list_free(struct ui_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->lines[i]);
	free(l->lines);
	l->lines = NULL;
	l->n = 0;
}

/*
 * Append the help lines of the operations of context opctx to the list,
 * with the keys that do them on a screen of context screen.
 */
static void
help_lines(struct ui *ui, struct ui_list *l, enum keyctx opctx,
    enum keyctx screen, const enum op *hide)
{
	keycode	 keys[8];
	char	 name[KEYMAP_NAME_MAX], line[512];
	size_t	 n, i;
	int	 op, len;

	for (op = 0; op < OP_COUNT; op++) {
		if (op_info[op].ctx != opctx || hidden(hide, op))
			continue;
		n = keymap_keys_active(ui->km, screen, op, keys, 8);
		len = 0;
		line[0] = '\0';
		for (i = 0; i < n && i < 8; i++) {
			keymap_key_name(keys[i], name, sizeof name);
			len += snprintf(line + len, sizeof line - len, "%s%s",
			    i > 0 ? " " : "", name);
			if (len >= (int)sizeof line)
				len = sizeof line - 1;
		}
		if (n == 0)
			snprintf(line, sizeof line, "%s", _("(no key)"));
		l->lines = xreallocarray(l->lines, l->n + 1, sizeof *l->lines);
		xasprintf(&l->lines[l->n++], "  %-18s %s", line,
		    _(op_info[op].help));
	}
}

/* The help screen for context ctx, generated from the key bindings. */
void
ui_help(struct ui *ui, enum keyctx ctx)
{
	ui_help_intro(ui, ctx, NULL, NULL);
}

/*
 * The same, for a screen that first says what it is for: intro, lines
 * ended by NULL (translated, or NULL for none), and offers none of the
 * operations of hide (ended by OP_NONE, or NULL).
 */
void
ui_help_intro(struct ui *ui, enum keyctx ctx, const char *const *intro,
    const enum op *hide)
{
	struct ui_list	 l;
	enum op		 op;
	int		 c;

	memset(&l, 0, sizeof l);
	l.title = _("Help: the keys and what they do (Esc then a digit "
	    "works as F1..F10)");
	for (; intro != NULL && *intro != NULL; intro++) {
		l.lines = xreallocarray(l.lines, l.n + 1, sizeof *l.lines);
		l.lines[l.n++] = xstrdup(*intro);
	}
	for (c = 0; c < KC_COUNT; c++) {
		if (c != (int)ctx && c != KC_GLOBAL)
			continue;
		l.lines = xreallocarray(l.lines, l.n + 1, sizeof *l.lines);
		l.lines[l.n++] = xstrdup(c == KC_GLOBAL ? _("Everywhere:") :
		    c == KC_FORM ? _("In the entry form:") :
		    _("In lists:"));
		help_lines(ui, &l, c, ctx, hide);
	}
	do {
		ui_list_run(ui, &l, &op);
	} while (op == OP_SORT);
	ui_list_free(&l);
}

/* Ask a yes/no question on the status line. */
int
ui_confirm(struct ui *ui, const char *question)
{
	keycode	key;
	char	buf[512];

	for (;;) {
		snprintf(buf, sizeof buf, "%s %s", question, _("(y/n)"));
		attron(A_REVERSE | A_BOLD);
		ui_put(LINES - 2, 0, buf, COLS);
		attroff(A_REVERSE | A_BOLD);
		move(LINES - 2, (int)utf8_width(buf) < COLS - 1 ?
		    (int)utf8_width(buf) : COLS - 1);
		refresh();
		key = ui_key(ui);
		if (key == UIK_HANGUP)
			return (0);
		/* c/k: có/không, y/n for English keyboards. */
		if (key == 'y' || key == 'Y' || key == 'c' || key == 'C')
			return (1);
		if (key == 'n' || key == 'N' || key == 'k' || key == 'K' ||
		    key == KM_ESC)
			return (0);
	}
}

/* Read a line at the bottom of the screen; see ui_prompt, ui_secret. */
static char *
prompt_line(struct ui *ui, const char *label, const char *initial, int ime,
    int secret)
{
	struct ledit	 le;
	keycode		 key;
	char		*s;
	size_t		 i;
	int		 x, w;

	ledit_init(&le, 200);
	ledit_set(&le, initial);
	ledit_set_ime(&le, ime ? ui_ime(ui) : NULL);
	for (;;) {
		attron(A_BOLD);
		ui_put(LINES - 2, 0, label, COLS);
		attroff(A_BOLD);
		x = (int)utf8_width(label) + 1;
		w = COLS - x - 1;
		move(LINES - 2, x);
		if (secret) {
			for (i = 0; i < le.n && i < (size_t)w; i++)
				addch('*');
		} else
			ui_put_letters(le.v, le.n, w);
		move(LINES - 2, x + (le.cur < (size_t)w ? (int)le.cur : w));
		refresh();
		key = ui_key(ui);
		if (key == UIK_HANGUP || key == KM_ESC) {
			ledit_free(&le);
			return (NULL);
		}
		if (key == KM_ENTER || key == KM_KENTER) {
			ledit_commit(&le);
			s = ledit_text(&le);
			if (secret)
				ledit_clear(&le);
			ledit_free(&le);
			return (s);
		}
		if (key == KM_BSPACE || key == KM_DELCHAR || key == 8)
			ledit_backspace(&le);
		else if (key == KM_LEFT && le.cur > 0)
			ledit_move(&le, le.cur - 1);
		else if (key == KM_RIGHT)
			ledit_move(&le, le.cur + 1);
		else if (key >= ' ' && key < KM_NAMED && key != KM_DELCHAR)
			ledit_key(&le, key);
	}
}

/*
 * Read a line at the bottom of the screen, starting from initial, typing
 * Vietnamese if ime and the clerk has it on. Returns the text (free it),
 * or NULL if the clerk pressed Esc or the terminal went away.
 */
char *
ui_prompt(struct ui *ui, const char *label, const char *initial, int ime)
{
	return (prompt_line(ui, label, initial, ime, 0));
}

/*
 * Read a password at the bottom of the screen, shown as stars. Returns it
 * (clear and free it), or NULL on Esc or when the terminal went away.
 */
char *
ui_secret(struct ui *ui, const char *label)
{
	return (prompt_line(ui, label, "", 0, 1));
}

/* Load the three input methods; a missing one is reported, not fatal. */
static void
load_methods(struct ui *ui, struct errlist *el)
{
	char	*path;
	int	 i;

	for (i = 0; i < UIM_COUNT; i++) {
		xasprintf(&path, "%s/%s.im", cmd_keymaps_dir(),
		    method_files[i]);
		if ((ui->imt[i] = ime_table_load(path, el)) != NULL)
			ui->ime[i] = ime_new(ui->imt[i], IME_STYLE_OLD,
			    IME_W_ALONE);
		free(path);
	}
	ui->method = UIM_TELEX;
	ui->ime_on = ui->ime[UIM_TELEX] != NULL;
}

static void
catch_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: get_wch must return so the loop sees the flag. */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

/* PuTTY's default function and editing keys, whatever $TERM says. */
static void
define_putty_keys(void)
{
	static const char	*fkeys[] = { "\033[11~", "\033[12~",
				    "\033[13~", "\033[14~" };
	int			 i;

	for (i = 0; i < 4; i++)
		define_key(fkeys[i], KEY_F(i + 1));
	define_key("\033[1~", KEY_HOME);
	define_key("\033[4~", KEY_END);
	define_key("\033[H", KEY_HOME);
	define_key("\033[F", KEY_END);
	define_key("\033OH", KEY_HOME);
	define_key("\033OF", KEY_END);
	define_key("\033[Z", KEY_BTAB);
}

/* Act as account a from now on. */
static void
log_in_as(struct ui *ui, const struct account *a)
{
	store_login(ui->s, a);
	free(ui->user);
	ui->user = xstrdup(a->name);
	ui_message(ui, 0, _("Logged in as %s (%s)."), a->name,
	    account_role_name(a->role));
}

/*
 * Once the database has accounts, log the user in: straight in for an
 * account tied to the login the program runs under, else a user name
 * and a password, asked again until right. Returns 0, or -1 to quit.
 */
static int
login(struct ui *ui)
{
	struct account	*a = NULL;
	char		*name, *pass, *why = NULL, *cause;
	int		 tied, r;

	if (store_is_open(ui->s))
		return (0);
	if (cmd_login_find(ui->s, &a, &tied) != EXIT_OK)
		return (-1);
	if (a != NULL && tied && !a->disabled) {
		log_in_as(ui, a);
		account_free(a);
		return (0);
	}
	for (;;) {
		erase();
		attron(A_BOLD);
		ui_put(0, 0, _("hotich: log in"), COLS);
		attroff(A_BOLD);
		ui_put(2, 2, _("Type your user name and your password."), COLS - 2);
		ui_put(3, 2, _("Esc leaves the program."), COLS - 2);
		if (why != NULL) {
			if (ui->colors)
				attron(COLOR_PAIR(1));
			ui_put(5, 2, why, COLS - 2);
			if (ui->colors)
				attroff(COLOR_PAIR(1));
		}
		free(why);
		why = NULL;
		name = ui_prompt(ui, _("User:"), a != NULL ? a->name : "", 0);
		if (name == NULL || ui->hangup)
			break;
		move(LINES - 2, 0);
		clrtoeol();
		pass = ui_secret(ui, _("Password:"));
		if (pass == NULL || ui->hangup) {
			free(name);
			break;
		}
		account_free(a);
		a = NULL;
		r = *name == '\0' ? 1 : store_user_get(ui->s, name, &a, &cause);
		if (r == 1)
			xasprintf(&why, _("%s: no such account"), name);
		else if (r != 0)
			why = cause;
		else if (cmd_login_try(ui->s, a, pass, &why) == 0) {
			explicit_bzero(pass, strlen(pass));
			free(pass);
			free(name);
			log_in_as(ui, a);
			account_free(a);
			return (0);
		}
		explicit_bzero(pass, strlen(pass));
		free(pass);
		free(name);
		move(LINES - 2, 0);
		clrtoeol();
	}
	account_free(a);
	return (-1);
}

/* Whether the user may do act; if not, say why. */
static int
allowed(struct ui *ui, enum action act)
{
	char	*cause;

	if (store_may(ui->s, act, &cause) == 0)
		return (1);
	ui_message(ui, 1, "%s", cause);
	free(cause);
	return (0);
}

static void
home(struct ui *ui)
{
	struct ui_list	 l;
	enum op		 op;
	int		 i;
	char		*title;

	for (;;) {
		memset(&l, 0, sizeof l);
		xasprintf(&title, _("hotich %s: civil-status registers (%s)"),
		    VERSION, store_path(ui->s));
		l.title = title;
		l.n = 7;
		l.lines = xcalloc(l.n, sizeof *l.lines);
		l.lines[0] = xstrdup(_("1  Open a book and type its entries"));
		l.lines[1] = xstrdup(_("2  Continue where I stopped"));
		l.lines[2] = xstrdup(_("3  Review probable duplicates"));
		l.lines[3] = xstrdup(_("4  Statistics"));
		l.lines[4] = xstrdup(_("5  Verify entries"));
		l.lines[5] = xstrdup(_("6  Help"));
		l.lines[6] = xstrdup(_("7  Quit"));
		i = ui_list_run(ui, &l, &op);
		ui_list_free(&l);
		free(title);
		if (ui->hangup || op == OP_QUIT || op == OP_BACK || i == 6)
			return;
		switch (i) {
		case 0:
			if (allowed(ui, ACT_TYPE))
				ui_books(ui);
			break;
		case 1:
			if (allowed(ui, ACT_TYPE) && ui_resume(ui, 0) == 0)
				ui_message(ui, 0, "%s", _("Nothing to "
				    "continue: open a book."));
			break;
		case 2:
			if (allowed(ui, ACT_RESOLVE))
				ui_review(ui);
			break;
		case 3:
			if (allowed(ui, ACT_REPORT))
				ui_stats(ui);
			break;
		case 4:
			ui_verify(ui);
			break;
		case 5:
			ui_help(ui, KC_LIST);
			break;
		}
		if (ui->hangup)
			return;
	}
}

/*
 * The interactive program on database ctx. Returns the exit status.
 */
int
ui_main(struct cmd_ctx *ctx)
{
	struct ui	 ui;
	struct errlist	 el;
	int		 status, i;

	memset(&ui, 0, sizeof ui);
	ui.ctx = ctx;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("hotich: the entry program needs a terminal; "
		    "see 'hotich --help' for the commands\n"));
		return (EXIT_USAGE);
	}
	status = cmd_load_forms(ctx, &ui.fs);
	if (ui.fs.n == 0) {
		formset_free(&ui.fs);
		return (EXIT_REFUSED);
	}
	errlist_init(&el);
	ui.km = keymap_new();
	keymap_load_all(ui.km, ctx->keys_file, &el);
	load_methods(&ui, &el);
	if (errlist_count(&el) > 0) {
		/* Shown before the screen starts: they do not stop us. */
		cmd_print_errors(&el);
		sleep(2);
	}
	errlist_free(&el);
	/* Once the database has accounts, login() logs the user in. */
	if ((status = cmd_open_store(ctx, &ui.fs, CMD_CREATE | CMD_NOLOGIN,
	    &ui.s)) != EXIT_OK)
		goto done;
	ui.user = cmd_user();

	catch_signals();
	set_escdelay(100);
	if (initscr() == NULL) {
		status = EXIT_USAGE;
		goto done;
	}
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	define_putty_keys();
	if (has_colors()) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_RED, -1);
		init_pair(2, COLOR_YELLOW, -1);
		init_pair(3, COLOR_CYAN, -1);
		ui.colors = 1;
	}

	/* With --continue, straight in: no question, no home screen. */
	if (login(&ui) == 0 && !ui.hangup &&
	    ui_resume(&ui, !ctx->resume) >= 0 && !ui.hangup)
		home(&ui);
	erase();
	refresh();
	endwin();
	status = EXIT_OK;
done:
	if (ui.s != NULL)
		store_close(ui.s);
	for (i = 0; i < UIM_COUNT; i++) {
		ime_free(ui.ime[i]);
		ime_table_free(ui.imt[i]);
	}
	keymap_free(ui.km);
	free(ui.user);
	free(ui.msg);
	formset_free(&ui.fs);
	return (status);
}
