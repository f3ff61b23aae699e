#!/bin/sh
# ui-correct.sh: correcting a saved entry through tmux once the clerk's
# free window is over (hotich config grace-hours 0): saving asks why, Esc
# saves nothing, a reason typed in Telex saves it, and the audit log has
# the field, its old and new values and the reason.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/ui-lib.sh"

"$HOTICH" --db "$db" --forms "$forms" init >/dev/null &&
    "$HOTICH" --db "$db" --forms "$forms" config grace-hours 0 >/dev/null
ok $? "no free window: every correction needs a reason"

start
wait_for "Open a book"
open_book
ok $? "a book opened"
typed 1; keys Tab
typed 7; keys Tab
typed 05/03/2020; keys Tab
typed "Nguyeenx Thij Thuyr"
wait_for "Nguyễn Thị Thủy"
keys F2
wait_for "Saved: entry 1"
ok $? "an entry saved"

keys F3
wait_for "Entries"
keys Enter
i=0
while [ $i -lt 50 ]; do
	s=$(screen)
	case $s in
	*"Throw it away"*) keys y; break ;;
	*"Correcting a saved entry"*) break ;;
	esac
	i=$((i + 1))
	sleep 0.1
done
wait_for "Correcting a saved entry"
ok $? "the entry opened again"
keys C-v
wait_for "field 7/8"
keys C-u
typed "Nguyeenx Thij Thuy"
wait_for "Nguyễn Thị Thuy"
keys F2
wait_for "Why is it corrected?"
ok $? "saving the correction asks why"
screen | grep -q "was typed more than 0 hours ago"
ok $? "saying why it asks"
keys Escape
wait_for "Not saved: a correction needs a reason"
ok $? "Esc saves nothing"
"$HOTICH" --db "$db" --forms "$forms" export --form tt | grep -q "Thủy"
ok $? "the entry is as it was"
keys F2
wait_for "Why is it corrected?"
typed "soor ghi Thuy"
wait_for "sổ ghi Thuy"
keys Enter
wait_for "Saved: entry 1"
ok $? "with a reason typed in Telex it is saved"
quit_all
ok $? "quit"

"$HOTICH" --db "$db" --forms "$forms" audit --record 1 >"$TMPDIR_T/a1"
grep -q '	update	1 [0-9a-f]*; ho_ten: "Nguyễn Thị Thủy" -> "Nguyễn Thị Thuy"; reason: "sổ ghi Thuy"$' \
    "$TMPDIR_T/a1"
ok $? "the log: the field, old -> new, and the reason"
diag "$(cat "$TMPDIR_T/a1")"
"$HOTICH" --db "$db" --forms "$forms" export --form tt | grep -q "Nguyễn Thị Thuy,"
ok $? "the correction is saved"

done_testing
