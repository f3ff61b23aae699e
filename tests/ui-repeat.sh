#!/bin/sh
# ui-repeat.sh: a repeated registration number, through tmux, in a form
# that keeps a repeat's reason (ly_do_trung_so, as the shipped forms do):
# leaving the number field asks why it repeats; "correct the number"
# stays on it; a reason is recorded and saved; "typed twice" opens the
# entry already saved instead; saving asks too; and the second entry of
# a pair whose first gives a reason is not asked again; M-n lists the
# book's gaps and repeats.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/ui-lib.sh"

cat >> "$forms/tt.form" <<'EOF2'

enum ly_do_trung_so
  option TIEP_NAM_SAU "Sổ dùng tiếp sang năm sau"
  option NHAP_TRUNG "Nhập trùng"

field ly_do_trung_so enum ly_do_trung_so
  label "Lý do trùng số"
EOF2
"$HOTICH" forms check "$forms/tt.form" >/dev/null
ok $? "the test form with a reason field is valid"

# entry NUMBER NAME: type the rest of an entry after its number field.
entry() {
	keys Tab
	keys Tab
	typed 05/03/2020; keys Tab
	typed "$1"
}

start
wait_for "Open a book"
open_book
ok $? "a book is open"
typed 1
entry "An"
keys F2
wait_for "Saved: entry 1"
ok $? "entry 1 saves"

# Entry 2 numbered 1 as well.
keys C-u
typed 1
keys Tab
wait_for "Why?"
ok $? "leaving a repeated number asks why it repeats"
screen | grep -q "Number 1 is already used"
ok $? "saying which number"
screen | grep -q "Correct the number"
ok $? "and offering to correct it"
keys 3
wait_for "Correct the number, or say why"
ok $? "choosing to correct it says so"
screen | grep -q "field 4/9"
ok $? "and stays on the number"
keys Tab
wait_for "Why?"
keys 1
wait_for "Reason recorded"
ok $? "a reason is recorded"
screen | grep -q "field 5/9"
ok $? "and the clerk goes on"
keys Tab
typed 05/03/2020; keys Tab
typed "Binh"
keys F2
wait_for "Saved: entry 1"
ok $? "the entry with a reason saves"
is "$("$HOTICH" --db "$db" --forms "$forms" export --form tt |
    grep -c ',TIEP_NAM_SAU')" 1 "its reason is in the export"

# Saving a repeated number without leaving the field asks too.
keys C-u
typed 1
keys F2
wait_for "Why?"
ok $? "saving a repeated number asks why"
keys Escape
wait_for "Correct the number, or say why"
ok $? "Esc leaves it to be corrected"
is "$("$HOTICH" --db "$db" --forms "$forms" export --form tt | sed 1d |
    wc -l)" 2 "and nothing was saved"

# "Typed twice": open the entry already saved instead.
keys Tab
wait_for "Why?"
keys 2
wait_for "Typed twice: open the entry already saved"
ok $? "typed twice offers the entry already saved"
keys y
wait_for "Correcting a saved entry"
ok $? "which is opened"

# Correcting that entry (numbered 1, whose twin gives a reason): no
# question; it saves.
keys F2
wait_for "Saved: entry 1"
ok $? "the other entry of an explained pair saves without asking"
screen | grep -q "Why?"
ok $((! $?)) "and was not asked why"

# M-n: the book's numbers; the repeat's line opens one of its entries.
keys C-u
typed 4
keys Tab
wait_for "field 5/9"
keys M-n
wait_for "Repeat: number 1, 2 entries"
ok $? "M-n lists the repeated number"
screen | grep -q "2 entries to number 1; 0 missing, 1 repeated"
ok $? "under a title that counts the saved entries"
keys Escape
wait_for "field 5/9"
ok $? "Esc goes back to the form"
keys M-n
wait_for "Repeat: number 1, 2 entries"
keys Enter
wait_for "not saved. Throw it away"
keys y
wait_for "Correcting a saved entry"
ok $? "Enter on the repeat opens one of its entries"

quit_all
ok $? "the program ends"
is "$("$HOTICH" --db "$db" --forms "$forms" export --form tt | sed 1d |
    wc -l)" 2 "two entries in the end"

done_testing
