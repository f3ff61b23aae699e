#!/bin/sh
# ui-dupes.sh: probable duplicate people through tmux. An entry typed
# again (the name without its marks, the same birth date) is said while
# it is typed; M-c compares it with the saved one; saving it flags the
# pair; the review (home, 3) shows the pair side by side and records a
# decision; a decided pair is not flagged again; "typed twice" keeps one
# entry and removes the other; the same person in another register is a
# hint.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/ui-lib.sh"

# The test register with a birth date in its person key.
sed 's/^person-key ho_ten$/person-key ho_ten ngay_sinh/' "$forms/tt.form" \
    >"$forms/tt.tmp" && mv "$forms/tt.tmp" "$forms/tt.form"
cat >>"$forms/tt.form" <<'EOF2'

field ngay_sinh date
  label "Ngày sinh"
EOF2
"$HOTICH" forms check "$forms/tt.form" >/dev/null
ok $? "the test form with a birth date in its person key is valid"

rows() {
	"$HOTICH" --db "$db" --forms "$forms" export --form tt | sed 1d
}

# person NAME BIRTH: the rest of an entry after its number.
person() {
	keys Tab Tab
	typed 05/03/2020; keys Tab
	typed "$1"; keys Tab Tab
	typed "$2"
}

start
wait_for "Open a book"
open_book
ok $? "a book is open"
typed 1
person "Nguyeenx Vawn An" 12/01/2020
keys F2
wait_for "Saved: entry 1."
ok $? "entry 1 saves, nothing to flag"

# The same child typed again, without the marks.
person "Nguyen Van An" 12/01/2020
keys Up Down
wait_for "Maybe typed already"
ok $? "leaving the birth date says the entry may be typed already"
screen | grep "Maybe typed already" | grep -q "Nguyễn Văn An"
ok $? "naming the saved entry"
keys M-c
wait_for "Entries that may be this person"
keys Enter
wait_for "This entry | the entry saved"
ok $? "M-c compares the two side by side"
screen | grep -q "^\* Họ tên  *Nguyen Van An  *Nguyễn Văn An"
ok $? "marking the name, which differs, in aligned columns"
keys Escape
wait_for "| field "
keys F2
wait_for "Saved: entry 2 (1 maybe typed already)."
ok $? "saving it flags the pair"

# The review: not a duplicate.
to_home
keys 3
wait_for "Probable duplicates to review, by book"
ok $? "the review lists the flagged pair"
screen | grep -q "TT 01  *clerk  *0\.[5-9][0-9]  1 / 2 no. 1 Nguyễn Văn An"
ok $? "with its book, clerk, score and entries"
keys Enter
wait_for "Entry 1 | entry 2: score"
keys Enter
wait_for "What are these two entries?"
keys 1
wait_for "Recorded: entries 1 and 2."
ok $? "not a duplicate is recorded"
wait_for "Open a book"
keys 3
wait_for "No probable duplicates to review."
ok $? "and the pair is no longer to review"

# Correcting entry 2 does not flag the decided pair again.
keys 1
wait_for "A new book"
keys Down Enter
wait_for "| field "
keys F3
wait_for "Entries of the book"
keys End Enter
wait_for "Correcting a saved entry"
keys F2
wait_for "Saved: entry 2."
ok $? "the decided pair is not flagged again"

# A third entry of the same child: flagged with both; typed twice.
keys C-u
typed 3
person "Nguyễn Văn An" 12/01/2020
keys F2
wait_for "Saved: entry 3 (2 maybe typed already)."
ok $? "a third entry is flagged with both"
to_home
keys 3
wait_for "Probable duplicates to review"
keys Enter
wait_for "Entry 1 | entry 3"
keys Enter
wait_for "What are these two entries?"
keys 2
wait_for "which entry is kept?"
ok $? "typed twice asks which entry is kept"
keys 1
wait_for "Recorded: entries 1 and 3."
is "$(rows | cut -d, -f1 | tr '\n' ' ')" "1 2 " "entry 3 was removed"
wait_for "Open a book"
keys 3
wait_for "No probable duplicates to review."
ok $? "its other pair went with it"

keys F10
wait_for "hotich-exited-0"
ok $? "the program ends"

# Another register (a death, say) of the same person: a hint, not a pair.
sed -e 's/^form tt$/form tv/' -e 's/^title .*/title "Sổ tử thử"/' \
    -e 's/^register TT$/register TV/' "$forms/tt.form" >"$forms/tv.form"
start
wait_for "Open a book"
keys 1
wait_for "A new book"
keys Enter
wait_for "which register"
keys 2
wait_for "Office"
typed "UBND xax Yeen Thees"
keys Enter
wait_for "Year of registration"
typed 2020
keys Enter
wait_for "Book number"
typed 01
keys Enter
wait_for "Sổ tử thử"
typed 1
person "Nguyen Van An" 12/01/2020
keys M-c
wait_for "In register TT: entry 1, Nguyễn Văn An 1"
ok $? "the same person in another register is a hint"
screen | grep -q "No entry found that may be this person"
ok $? "and not a probable duplicate"
keys F2
wait_for "Saved: entry 1."
ok $? "the entry saves without flagging a pair"
quit_all
is "$("$HOTICH" --db "$db" --forms "$forms" dedup --form tt --format tsv)" \
    "" "hotich dedup leaves out the pair decided in the review"
"$HOTICH" --db "$db" --forms "$forms" check >/dev/null
ok $? "the database checks sound"

done_testing
