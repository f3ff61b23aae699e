/*
 * ops.h: the one list of what a key can do in hotich's screens.
 *
 * Every operation has an identifier (the enum the screens switch on), a
 * name (what a keymap file binds: "save-next"), the context it works in,
 * and a help line. The keymap parser, the help screen and the key bar at
 * the bottom of the screen are all generated from this list, so they can
 * never disagree with what the keys do.
 *
 * Nothing here includes <curses.h>.
 */
#ifndef OPS_H
#define OPS_H

#include "i18n.h"

/* Where a binding applies. A key is looked up in the screen's own
 * context first, then in KC_GLOBAL. */
enum keyctx {
	KC_GLOBAL,		/* every screen */
	KC_FORM,		/* the entry form */
	KC_LIST,		/* lists: home menu, books, entries, choices */
	KC_COUNT
};

/*
 * OP(identifier, name, context, label, help): label is the few letters
 * the key bar shows (six cells at most, also translated). Keep names lower-case words
 * joined by '-'; they are the keymap language's vocabulary and are
 * documented in hotich-keymaps(5).
 */
#define OPS_LIST \
	OP(OP_HELP, "help", KC_GLOBAL, N_("Help"), \
	    N_("show the keys and what they do")) \
	OP(OP_QUIT, "quit", KC_GLOBAL, N_("Quit"), \
	    N_("leave this screen (the entry is kept as a draft)")) \
	OP(OP_REDRAW, "redraw", KC_GLOBAL, N_("Redraw"), \
	    N_("redraw the screen")) \
	OP(OP_IME_TOGGLE, "ime-toggle", KC_GLOBAL, N_("VN"), \
	    N_("switch Vietnamese typing on or off")) \
	OP(OP_IME_NEXT, "ime-next", KC_GLOBAL, N_("Method"), \
	    N_("change the typing method: Telex, VNI, VIQR")) \
	\
	OP(OP_NEXT_FIELD, "next-field", KC_FORM, N_("Next"), \
	    N_("go to the next field")) \
	OP(OP_PREV_FIELD, "prev-field", KC_FORM, N_("Prev"), \
	    N_("go back to the previous field")) \
	OP(OP_NEXT_SECTION, "next-section", KC_FORM, N_("Sect+"), \
	    N_("go to the first field of the next section")) \
	OP(OP_PREV_SECTION, "prev-section", KC_FORM, N_("Sect-"), \
	    N_("go to the first field of the previous section")) \
	OP(OP_CHAR_LEFT, "char-left", KC_FORM, N_("Left"), \
	    N_("move the cursor one letter left")) \
	OP(OP_CHAR_RIGHT, "char-right", KC_FORM, N_("Right"), \
	    N_("move the cursor one letter right")) \
	OP(OP_FIELD_START, "field-start", KC_FORM, N_("Start"), \
	    N_("move the cursor to the start of the field")) \
	OP(OP_FIELD_END, "field-end", KC_FORM, N_("End"), \
	    N_("move the cursor to the end of the field")) \
	OP(OP_DELETE_BACK, "delete-back", KC_FORM, N_("BkSp"), \
	    N_("delete the letter before the cursor")) \
	OP(OP_DELETE_CHAR, "delete-char", KC_FORM, N_("Del"), \
	    N_("delete the letter under the cursor")) \
	OP(OP_CLEAR_FIELD, "clear-field", KC_FORM, N_("Clear"), \
	    N_("empty the field")) \
	OP(OP_DITTO, "ditto", KC_FORM, N_("Ditto"), \
	    N_("copy this field from the previous entry")) \
	OP(OP_PICK, "pick", KC_FORM, N_("List"), \
	    N_("choose the value from a list")) \
	OP(OP_STATUS_BLANK, "status-blank", KC_FORM, N_("Blank"), \
	    N_("mark the field: blank in the book")) \
	OP(OP_STATUS_ILLEGIBLE, "status-illegible", KC_FORM, N_("Illeg"), \
	    N_("mark the field: illegible")) \
	OP(OP_STATUS_PARTIAL, "status-partial", KC_FORM, N_("Part"), \
	    N_("mark the field: partly legible (? for each unread letter)")) \
	OP(OP_STATUS_STRUCK, "status-struck", KC_FORM, N_("Struck"), \
	    N_("mark the field: struck out or corrected in the book")) \
	OP(OP_STATUS_OK, "status-ok", KC_FORM, N_("Unmark"), \
	    N_("clear the field's mark")) \
	OP(OP_ACCEPT_WARNING, "accept-warning", KC_FORM, N_("Accept"), \
	    N_("accept the warning shown for this field")) \
	OP(OP_SAVE_NEXT, "save-next", KC_FORM, N_("Save"), \
	    N_("save the entry and start the next one")) \
	OP(OP_ENTRIES, "entries", KC_FORM, N_("Entries"), \
	    N_("list the book's entries")) \
	OP(OP_DISCARD, "discard", KC_FORM, N_("Discard"), \
	    N_("throw away the entry being typed")) \
	OP(OP_CANDIDATES, "candidates", KC_FORM, N_("Dupes"), \
	    N_("list the saved entries that may be this person, and compare " \
	    "one")) \
	OP(OP_NUMBERS, "numbers", KC_FORM, N_("Numbers"), \
	    N_("list the book's gaps and repeated numbers, against its " \
	    "closing note")) \
	\
	OP(OP_UP, "up", KC_LIST, N_("Up"), \
	    N_("move up")) \
	OP(OP_DOWN, "down", KC_LIST, N_("Down"), \
	    N_("move down")) \
	OP(OP_PAGE_UP, "page-up", KC_LIST, N_("PgUp"), \
	    N_("move up a page")) \
	OP(OP_PAGE_DOWN, "page-down", KC_LIST, N_("PgDn"), \
	    N_("move down a page")) \
	OP(OP_FIRST, "first", KC_LIST, N_("First"), \
	    N_("go to the first line")) \
	OP(OP_LAST, "last", KC_LIST, N_("Last"), \
	    N_("go to the last line")) \
	OP(OP_OPEN, "open", KC_LIST, N_("Open"), \
	    N_("open the chosen line")) \
	OP(OP_SORT, "sort", KC_LIST, N_("Sort"), \
	    N_("sort by number or by name")) \
	OP(OP_SEARCH, "search", KC_LIST, N_("Search"), \
	    N_("search (letters without marks match any mark)")) \
	OP(OP_BACK, "back", KC_LIST, N_("Back"), \
	    N_("go back")) \
	OP(OP_PERIOD_PREV, "period-prev", KC_LIST, N_("Before"), \
	    N_("statistics: the period before")) \
	OP(OP_PERIOD_NEXT, "period-next", KC_LIST, N_("After"), \
	    N_("statistics: the period after")) \
	OP(OP_PERIOD_KIND, "period-kind", KC_LIST, N_("Period"), \
	    N_("statistics: a month, a quarter, a year, in turn"))

enum op {
	OP_NONE = -1,
#define OP(id, name, ctx, label, help) id,
	OPS_LIST
#undef OP
	OP_COUNT
};

struct op_info {
	const char	*name;
	enum keyctx	 ctx;
	const char	*label;		/* for the key bar; untranslated */
	const char	*help;		/* untranslated: pass through _() */
};

/* ops.c */
extern const struct op_info	op_info[OP_COUNT];
enum op		 op_from_name(const char *);
const char	*keyctx_name(enum keyctx);
int		 keyctx_from_name(const char *, enum keyctx *);

#endif
