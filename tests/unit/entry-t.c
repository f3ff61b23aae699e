/*
 * entry-t.c: the entry model (carried fields, the next number, accepted
 * warnings, drafts) and the field editor typing through Telex.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "entry.h"
#include "errlist.h"
#include "fixture.h"
#include "i18n.h"
#include "ime.h"
#include "ledit.h"
#include "tap.h"

static const char form_text[] =
    "hotich-form 1\n"
    "form tt\n"
    "title \"Sổ thử\"\n"
    "register TT\n"
    "section \"A\"\n"
    "field co_quan text\n  label \"Cơ quan\"\n  required\n  carry\n"
    "field nam int\n  label \"Năm\"\n  required\n  carry\n"
    "field quyen text\n  label \"Quyển\"\n  carry\n"
    "field so regno\n  label \"Số\"\n  required\n  autoinc\n"
    "field trang int\n  label \"Trang\"\n  carry\n"
    "field loai text\n  label \"Loại\"\n  default \"A\"\n"
    "field ho_ten name\n  label \"Họ tên\"\n  maxlen 12\n"
    "regno-key co_quan nam quyen so\n"
    "person-key ho_ten\n";

static void
type(struct ledit *le, const char *keys)
{
	for (; *keys != '\0'; keys++)
		ledit_key(le, (u_char)*keys);
}

int
main(void)
{
	struct form		*f;
	struct entry		*e;
	struct rec		*book, *prev, *d;
	struct ime_table	*t;
	struct ime		*ime;
	struct ledit		 le;
	struct errlist		 el;
	char			*s;

	i18n_init("en");
	f = fixture_form("tt.form", form_text);

	s = entry_next_number("24");
	is_string(s, "25", "24 is followed by 25");
	free(s);
	s = entry_next_number("01/");
	is_string(s, "02/", "leading zeros and what follows are kept");
	free(s);
	s = entry_next_number("09/2008");
	is_string(s, "10/2008", "only the first number goes up");
	free(s);
	s = entry_next_number("99");
	is_string(s, "100", "99 is followed by 100");
	free(s);
	ok(entry_next_number("không số") == NULL, "no digits, no number");

	book = rec_new("tt");
	rec_set(book, "co_quan", "UBND xã A", FS_OK);
	rec_set(book, "nam", "2001", FS_OK);
	rec_set(book, "quyen", "01", FS_OK);
	e = entry_new(f);
	entry_start(e, book, NULL);
	is_string(e->val[0], "UBND xã A", "the book's office is filled in");
	is_string(e->val[5], "A", "a default is filled in");
	is_string(f->fields[e->cur].key, "so",
	    "the first entry starts on the number");

	prev = rec_new("tt");
	rec_set(prev, "so", "07", FS_OK);
	rec_set(prev, "trang", "3", FS_OK);
	rec_set(prev, "ho_ten", "Lê Văn Ba", FS_OK);
	entry_start(e, book, prev);
	is_string(e->val[3], "08", "the next number is proposed");
	is_string(e->val[4], "3", "a carried field comes from the last entry");
	is_string(e->val[6], "", "other fields start empty");
	is_string(f->fields[e->cur].key, "so",
	    "the cursor starts on the proposed number, to be checked");

	ok(!entry_is_accepted(e, 6, "x"), "nothing accepted at first");
	entry_accept(e, 6, "x");
	entry_accept(e, 6, "x");
	entry_accept(e, -1, "rule_a");
	is_string(e->accepted, "ho_ten:x *:rule_a",
	    "acceptances are recorded once each");
	ok(entry_is_accepted(e, 6, "x") && !entry_is_accepted(e, 6, "xy") &&
	    entry_is_accepted(e, -1, "rule_a"), "and found exactly");

	entry_set(e, 6, "", FS_ILLEGIBLE);
	e->cur = 6;
	d = entry_rec(e, 1);
	is_string(rec_value(d, ENTRY_KEY_FIELD), "ho_ten",
	    "a draft remembers the field being typed");
	entry_free(e);
	e = entry_new(f);
	entry_load(e, d);
	ok(e->cur == 6 && e->st[6] == FS_ILLEGIBLE &&
	    strcmp(e->val[3], "08") == 0 &&
	    entry_is_accepted(e, 6, "x"), "a draft loads back as it was");
	rec_free(d);
	d = entry_rec(e, 0);
	ok(rec_get(d, ENTRY_KEY_FIELD) == NULL && d->state == RS_ENTERED,
	    "a saved entry has no draft keys");
	rec_free(d);

	/* The editor, through Telex. */
	errlist_init(&el);
	t = ime_table_load(TEST_KEYMAPS_DIR "/telex.im", &el);
	ok(t != NULL, "telex.im loads");
	ime = ime_new(t, IME_STYLE_OLD, IME_W_ALONE);
	ledit_init(&le, 12);
	ledit_set_ime(&le, ime);
	type(&le, "Nguyeenx Thij");
	ledit_commit(&le);
	s = ledit_text(&le);
	is_string(s, "Nguyễn Thị", "typing Telex gives Vietnamese");
	free(s);
	type(&le, " Thuyr");
	s = ledit_text(&le);
	is_string(s, "Nguyễn Thị T", "the field stops at its length");
	free(s);
	ledit_move(&le, 0);
	ledit_delete(&le);
	ledit_backspace(&le);
	s = ledit_text(&le);
	is_string(s, "guyễn Thị T", "delete works at the start");
	free(s);
	ledit_set_ime(&le, NULL);
	ledit_clear(&le);
	type(&le, "aas");
	s = ledit_text(&le);
	is_string(s, "aas", "without the input method keys go in as typed");
	free(s);
	ledit_free(&le);
	ime_free(ime);
	ime_table_free(t);
	errlist_free(&el);

	entry_free(e);
	rec_free(prev);
	rec_free(book);
	form_free(f);
	return (done_testing());
}
