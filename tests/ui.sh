#!/bin/sh
# ui.sh: the entry screens, driven through tmux (private socket, 80x24,
# polling capture-pane, never a fixed sleep) on a real database: typing
# in Telex and finding the entry in the export, carried fields and the
# next number, field statuses, an error that blocks saving, an accepted
# warning, resizing, kill -9 and SIGHUP in the middle of an entry and
# resuming it, and a whole record pasted in one burst.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || { echo "1..0 # SKIP tmux is not installed"; exit 0; }

T="tmux -L hotich-ui$$ -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$TMPDIR_T"' EXIT
db="$TMPDIR_T/db"
forms="$TMPDIR_T/forms"
mkdir "$forms"

# A small register, so that the keystrokes below stay readable.
cat > "$forms/tt.form" <<'EOF'
hotich-form 1
form tt
title "Sổ thử"
register TT

section "Thông tin đăng ký"
field co_quan text
  label "Cơ quan"
  required
  carry
field nam int
  label "Năm"
  range 1800 now
  required
  carry
field quyen text
  label "Quyển"
  required
  carry
field so regno
  label "Số"
  required
  autoinc
field trang int
  label "Trang"
  range 1 5000
  carry
field ngay_dang_ky date
  label "Ngày đăng ký"
  required

rule nam_khop warning
  assert year(ngay_dang_ky) = nam
  message "Năm của ngày đăng ký khác năm đăng ký"
  on ngay_dang_ky

section "Người"
field ho_ten name
  label "Họ tên"
  required
field ghi_chu text
  label "Ghi chú"

regno-key co_quan nam quyen so
person-key ho_ten
EOF

# start [ARGS]: hotich in a fresh tmux server, 80x24.
start() {
	$T kill-server 2>/dev/null
	# The old server must be gone before a new one takes the socket.
	i=0
	while $T has-session 2>/dev/null && [ $i -lt 100 ]; do
		i=$((i + 1))
		sleep 0.1
	done
	$T new-session -d -s ui -x 80 -y 24 \
	    "env LANG=C.UTF-8 TERM=xterm HOTICH_USER=clerk \
	    HOTICH_LOCALEDIR='$HOTICH_LOCALEDIR' HOTICH_KEYMAPS='$HOTICH_KEYMAPS' \
	    '$HOTICH' --lang en --db '$db' --forms '$forms' $*; \
	    echo hotich-exited-\$?; sleep 60"
}
screen() {
	$T capture-pane -t ui -p 2>/dev/null
}
# wait_for TEXT: poll the screen until TEXT shows (20 s at most).
wait_for() {
	i=0
	while [ $i -lt 200 ]; do
		screen | grep -qF -- "$1" && return 0
		i=$((i + 1))
		sleep 0.1
	done
	diag "timed out waiting for: $1"
	screen | sed 's/^/| /' >&2
	return 1
}
keys() {
	$T send-keys -t ui "$@"
}
typed() {
	$T send-keys -t ui -l "$1"
}
pid_of_hotich() {
	pgrep -f "hotich --lang en --db $db" | head -1
}
export_tt() {
	"$HOTICH" --db "$db" --forms "$forms" export --form tt
}

# Open the book "UBND xã Yên Thế", 2020, "01" from the home screen.
start
wait_for "Open a book"
ok $? "the home screen shows"
keys 1
wait_for "A new book"
ok $? "the books list offers a new book"
keys Enter
wait_for "which register"
keys 1
wait_for "Office"
typed "UBND xax Yeen Thees"
keys Enter
wait_for "Year of registration"
typed 2020
keys Enter
wait_for "Book number"
typed 01
keys Enter
wait_for "Sổ thử"
ok $? "the entry form opens"
screen | grep -q "UBND xã Yên Thế"
ok $? "the office was typed in Telex"

# Entry 1: number, page, date; a name typed in Telex; saved with F2.
typed 1; keys Tab
typed 7; keys Tab
typed 05/03/2020; keys Tab
typed "Nguyeenx Thij Thuyr"
wait_for "Nguyễn Thị Thủy"
ok $? "Telex composes the name as it is typed"
keys F2
wait_for "Saved: entry 1"
ok $? "F2 saves the entry"
out=$(export_tt)
printf '%s\n' "$out" | grep -q ',1,7,05/03/2020,Nguyễn Thị Thủy,'
ok $? "the entry is in the export, as typed"
printf '%s\n' "$out" | grep -c "$(printf 'Nguy\341\273\205n')" |
    grep -qx 1
ok $? "the name is stored in NFC (precomposed ễ)"

# Entry 2: the page is carried, the number proposed; the cursor starts
# on the number.

screen | grep -q "Trang  *7"
ok $? "the carried page is prefilled"
screen | grep -q "Số  *2"
ok $? "the next number is proposed"

# An error blocks saving: an impossible date.
keys Tab Tab
typed 31/02/2020
keys F2
wait_for "error, not saved"
ok $? "an impossible date blocks saving and names the field"
is "$(export_tt | wc -l)" 2 "nothing more was saved"

# A warning: a date in another year than the book's; accept it.
keys C-u
typed 05/01/2021
keys Tab
typed "Le Vawn Ba"
keys F2
wait_for "warning: accept"
ok $? "a warning stops the save until it is accepted"
keys C-w
wait_for "Warning accepted"
ok $? "the warning is accepted with a key"
keys F2
wait_for "Saved: entry 2"
ok $? "the entry with an accepted warning saves"

# Field statuses: entry 3 with the name illegible, the note blank, the
# date partly legible.
keys Tab Tab
typed "0?/03/2020"
keys F8
keys Tab
keys F7
keys F6
keys F2
wait_for "Saved: entry 3"
ok $? "an entry with field statuses saves"
row=$(export_tt | grep ',3,')
case $row in
*partial*illegible*blank*|*partial*,illegible*) ok 0 "statuses exported" ;;
*)	diag "row: $row"; ok 1 "statuses exported" ;;
esac

# Resize below 80x24, then back.
$T resize-window -t ui -x 60 -y 20
wait_for "needs at least 80x24"
ok $? "a small window says so"
$T resize-window -t ui -x 100 -y 30
wait_for "Sổ thử"
ok $? "a bigger window redraws the form"
$T resize-window -t ui -x 80 -y 24

# kill -9 in the middle of entry 4: the name field was left, the note
# is being typed.
keys Tab Tab
typed 06/03/2020; keys Tab
typed "Phamj Vawn Cuwowngf"; keys Tab
typed "ghi chu"
wait_for "ghi chu"
kill -9 "$(pid_of_hotich)"
wait_for "hotich-exited"
start
wait_for "Continue it?"
ok $? "after kill -9 the next start offers the entry"
keys y
wait_for "Phạm Văn Cường"
ok $? "the typed values are back"
screen | grep -q "field 8/8"
ok $? "at the field that was being typed"

# SIGHUP (a dropped SSH link) keeps even the field being typed.
keys C-u
typed "ghi chu moi"
wait_for "ghi chu moi"
kill -HUP "$(pid_of_hotich)"
wait_for "hotich-exited-0"
ok $? "SIGHUP ends the program cleanly"
start
wait_for "Continue it?"
keys y
wait_for "ghi chu moi"
ok $? "after SIGHUP even the field being typed is kept"
keys F2
wait_for "Saved: entry 4"
ok $? "the resumed entry saves"
is "$(export_tt | grep -c 'Phạm Văn Cường')" 1 "the resumed entry saves once"

# A whole record pasted in one burst (about 220 keystrokes arriving at
# once, Telex included), then saved.
long=$(printf 'mot hai ba bon nam %.0s' $(seq 1 10))
long=${long% }
keys Tab Tab
$T set-buffer -b burst "$(printf '08/03/2020\tTraanf Thij Lan\t%s' "$long")"
$T paste-buffer -b burst -t ui
wait_for "Trần Thị Lan"
keys F2
wait_for "Saved: entry 5"
ok $? "a pasted record is taken completely"
# (each value is followed by its status column, empty: ok)
export_tt | grep -q ",5,7,08/03/2020,,Trần Thị Lan,,$long,"
ok $? "in order, with nothing lost"

out=$(export_tt | sed 1d | cut -d, -f1)
is "$(printf '%s\n' "$out" | sort -u | grep -c '^[1-9]')" 5 \
    "five entries with five different ids"

keys F10
wait_for "Open a book"
keys F10
wait_for "hotich-exited-0"
ok $? "F10 twice leaves the program"
"$HOTICH" --db "$db" --forms "$forms" check >/dev/null
ok $? "the database checks sound afterwards"

done_testing
