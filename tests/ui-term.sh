#!/bin/sh
# ui-term.sh: the entry screens on the terminals clerks have: the Linux
# console (TERM=linux), screen and tmux, a vt100 (no function keys, no
# PgUp, Home or End: Esc then a digit and the Ctrl and Alt keys stand in
# for them) and PuTTY's NCURSES_NO_UTF8_ACS=1. On each, a book is opened,
# an entry typed in Telex and saved, the sections and the entries list
# are walked with the keys that terminal has, and the program is left;
# the Vietnamese text must show, and be exported, intact.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/ui-lib.sh"

# fkey N: F<N> the way every terminal can send it, Esc then a digit.
fkey() {
	keys Escape "$(( $1 % 10 ))"
}

# one NAME: the whole walk on the terminal set up in UI_TERM and UI_ENV.
one() {
	name=$1
	db="$TMPDIR_T/db-$name"
	start
	wait_for "Open a book"
	ok $? "$name: the home screen shows"
	open_book
	ok $? "$name: the form opens, its title intact"
	screen | grep -q "UBND xã Yên Thế"
	ok $? "$name: the office typed in Telex shows intact"

	typed 1; keys Tab
	typed 7; keys Tab
	typed 05/03/2020; keys Tab
	typed "Nguyeenx Thij Thuyr"
	wait_for "Nguyễn Thị Thủy"
	ok $? "$name: Telex composes the name on the screen"
	fkey 2
	wait_for "Saved: entry 1"
	ok $? "$name: Esc 2 saves, as F2 does"

	# Sections: C-v is PgDn, M-v is PgUp.
	keys C-v
	wait_for "field 7/8"
	ok $? "$name: C-v goes to the next section"
	keys M-v
	wait_for "field 4/8"
	ok $? "$name: M-v goes back a section"
	# C-e and C-a are End and Home: type at both ends of a field.
	keys C-v
	wait_for "field 7/8"
	typed "bc"
	keys C-a
	typed "a"
	keys C-e
	typed "d"
	wait_for "abcd"
	ok $? "$name: C-a and C-e move to the ends of a field"
	keys C-u

	# The entries list: Esc 3, then C-p, C-n, M-< and M-> walk it.
	fkey 3
	wait_for "Nguyễn Thị Thủy"
	screen | grep -q "Entries"
	ok $? "$name: Esc 3 lists the book's entries"
	keys C-n C-p M-'>' M-'<' Enter
	wait_for "not saved. Throw it away"
	ok $? "$name: the half-typed entry is not dropped without asking"
	keys y
	wait_for "Correcting a saved entry"
	ok $? "$name: the list's Ctrl and Alt keys move, Enter opens"

	fkey 10
	wait_for "A new book"
	ok $? "$name: Esc 0 leaves the form, as F10 does"
	fkey 10
	wait_for "Open a book"
	fkey 10
	wait_for "hotich-exited-0"
	ok $? "$name: and the program"
	"$HOTICH" --db "$db" --forms "$forms" export --form tt |
	    grep -q ",1,7,05/03/2020,Nguyễn Thị Thủy,"
	ok $? "$name: the entry is exported as typed"
}

for t in linux screen vt100; do
	UI_TERM=$t
	UI_ENV=
	if ! infocmp "$t" >/dev/null 2>&1; then
		skip "TERM=$t has no terminfo entry here"
		continue
	fi
	one "$t"
done
UI_TERM=xterm
UI_ENV=NCURSES_NO_UTF8_ACS=1
one putty-acs

done_testing
