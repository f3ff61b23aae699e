#!/bin/sh
# ui-verify.sh: verification by blind double entry through tmux (home, 5).
# A clerk is refused the screen; a reviewer sees the entries waiting by
# book, re-keys them with nothing of the clerk's shown but the number, is
# shown both values where they differ, and keeps their own (the clerk was
# wrong), the clerk's (the reviewer was), or types a third (both were);
# Esc leaves the queue, asking first when something was typed. The
# command line then shows the entries verified, the audit log naming the
# fields and who was wrong, and the values decided in the export.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/ui-lib.sh"

me=$(id -un)
h() {
	who=$1
	shift
	HOTICH_USER=$who "$HOTICH" --db "$db" --forms "$forms" "$@"
}

# Accounts tied to the login the tests run under: no password is asked.
echo "quản trị viên 1" | h quantri init --admin quantri --os-user "$me" \
    --password-stdin >/dev/null
ok $? "a database with an administrator"
for a in lan:clerk hoa:reviewer giamsat:supervisor; do
	echo "mật khẩu $a" | h quantri user add "${a%%:*}" --role "${a#*:}" \
	    --os-user "$me" --password-stdin >/dev/null || exit 1
done
h quantri config verify-rate 100 >/dev/null
ok $? "every entry is in the sample"
cat >"$TMPDIR_T/tt.csv" <<'EOF'
co_quan,nam,quyen,so,trang,ngay_dang_ky,ho_ten,ghi_chu
UBND xã Yên Thế,2020,02,50,9,05/03/2020,Phạm Văn Dũng,
EOF
h lan import --form tt "$TMPDIR_T/tt.csv" >/dev/null
ok $? "lan imports an entry of book 02"

# The clerk types two entries of book 01, and may not verify.
UI_USER=lan start
wait_for "Open a book"
keys 5
wait_for "lan (clerk) may not verify entries"
ok $? "a clerk is refused the verification screen, and told why"
open_book
typed 1; keys Tab
typed 1; keys Tab
typed 05/03/2020; keys Tab
typed "Nguyeenx Vawn An"
keys F2
wait_for "Saved: entry 1."
ok $? "lan types entry 1"
keys Tab Tab
typed 06/03/2020; keys Tab
typed "Traanf Thij Binhf"; keys Tab
typed "con thuws hai"
keys F2
wait_for "Saved: entry 2."
ok $? "and entry 2"
quit_all
ok $? "lan leaves"
# The ids of the entries: book 01, numbers 1 and 2; the import.
idof() {
	h giamsat export --form tt | awk -F, -v b="$1" -v n="$2" \
	    '$4 == b && $5 == n { print $1 }'
}
a=$(idof 01 1)
b=$(idof 01 2)
c=$(idof 02 50)

# The reviewer re-keys them.
UI_USER=hoa start
wait_for "Open a book"
keys 5
wait_for "Verify entries: 3 wait to be re-keyed blind"
ok $? "home, 5: three entries wait"
screen | grep -q "^   TT  *2020 01  *2  UBND xã Yên Thế"
ok $? "two in book 01"
screen | grep -q "^   TT  *2020 02  *1  UBND xã Yên Thế"
ok $? "one in book 02"
keys Enter
wait_for "Re-keying entry 1 of 3, typed by lan"
ok $? "all books: the first entry, and who typed it"
screen | grep -q "| book 01 | year 2020 | no. 1 | UBND"
ok $? "with where it is in the book"
screen | grep -q "Nguyễn"
is $? 1 "and nothing the clerk typed"
typed 1; keys Tab
typed 05/03/2020; keys Tab
typed "Nguyeenx Vawn Aan"; keys Tab
wait_for "1  Clerk typed: Nguyễn Văn An"
ok $? "a name typed otherwise shows the clerk's"
screen | grep -q "2  You typed:   Nguyễn Văn Ân"
ok $? "and the reviewer's"
screen | grep -q "3  Type another value"
ok $? "and offers a third"
keys 2
wait_for "| field 8/8 |"
ok $? "choosing the reviewer's goes on to the next field"
keys F2
wait_for "Re-keying entry 2 of 3, typed by lan"
ok $? "saving opens the next entry"
screen | grep -q "Verified no. 1: 1 of 4 differed."
ok $? "saying entry 1 is verified"

# Entry 2: a date neither typed right, a note where the clerk was right.
typed 1; keys Tab
typed 16/03/2020; keys Tab
wait_for "1  Clerk typed: 06/03/2020"
keys 3
wait_for "Type the value the book has."
ok $? "3 asks for the value again"
typed 26/03/2020; keys Tab
wait_for "| field 7/8 |"
ok $? "a third value goes on"
typed "Traanf Thij Binhf"; keys Tab
typed "con thuws ba"
keys F2
wait_for "1  Clerk typed: con thứ hai"
ok $? "saving compares the field being typed"
keys 1
wait_for "Re-keying entry 3 of 3, imported"
ok $? "the clerk's value chosen, the entry is saved"
screen | grep -q "Verified no. 2: 2 of 4 differed."
ok $? "with two fields that differed"

# Entry 3: Esc leaves, asking first once something is typed.
typed 1
keys Escape
wait_for "Leave the verification?"
ok $? "Esc asks before what was typed is lost"
keys y
wait_for "Verify entries: 1 wait to be re-keyed blind"
ok $? "and leaves the queue; one entry still waits"
keys Escape
wait_for "Open a book"
keys 7
wait_for "hotich-exited-0"
ok $? "the program ends"

# What the command line sees.
# audit_has ID TEXT DESCRIPTION: the log of entry ID has hoa's
# verification followed by TEXT.
audit_has() {
	h giamsat audit --record "$1" >"$TMPDIR_T/a"
	grep -q "	hoa	verify	$1; re-keyed 4 fields; $2" "$TMPDIR_T/a"
	r=$?
	ok $r "$3"
	[ $r -eq 0 ] || diag "$(cat "$TMPDIR_T/a")"
}
audit_has "$a" "differed: ho_ten (keyer)" \
    "the audit log: hoa verified no. 1, the clerk wrong in the name"
audit_has "$b" "differed: ngay_dang_ky (both), ghi_chu (verifier)" \
    "no. 2: both wrong in the date, the reviewer in the note"
h giamsat export --form tt | tr -d '\r' >"$TMPDIR_T/out.csv"
grep -q "^$a,UBND xã Yên Thế,2020,01,1,1,05/03/2020,Nguyễn Văn Ân,\$" \
    "$TMPDIR_T/out.csv"
ok $? "the export has the reviewer's name"
grep -q "^$b,UBND xã Yên Thế,2020,01,2,1,26/03/2020,Trần Thị Bình,con thứ hai\$" \
    "$TMPDIR_T/out.csv"
r=$?
ok $r "the third date, and the clerk's note kept"
[ $r -eq 0 ] || diag "$(cat "$TMPDIR_T/out.csv")"
h giamsat approve "$a" "$b" >/dev/null
ok $? "both are verified: a supervisor approves them"
h giamsat approve "$c" >/dev/null 2>&1
is $? 1 "the entry left in the queue is not"
h giamsat check >/dev/null
ok $? "the database checks sound"

done_testing
