#!/bin/sh
# ui-login.sh: the login screen through tmux. A database with accounts
# asks a user name and a password (shown as stars), refuses a wrong one,
# makes the account wait after five wrong ones in a row, lets the right
# one in and keeps the failures in the audit log; Esc leaves. An account
# tied to the login goes straight in; the home screen then refuses what
# its role may not do, saying so.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/ui-lib.sh"

me=$(id -un)
h() {
	HOTICH_USER=quantri "$HOTICH" --db "$db" --forms "$forms" "$@"
}
echo "quản trị viên 1" | h init --admin quantri --os-user "$me" \
    --password-stdin >/dev/null
echo "mật khẩu nhập liệu" | h user add clerk --role clerk --password-stdin \
    >/dev/null
ok $? "a database with an administrator and a clerk with a password"

start
wait_for "hotich: log in"
ok $? "a database with accounts opens on the login screen"
wait_for "User: clerk"
ok $? "the user name offered is HOTICH_USER's"
keys Enter
wait_for "Password:"
typed "mat khau sai"
screen | grep -q "Password: \*\*\*\*\*\*\*\*\*\*\*\*$"
ok $? "the password shows as stars"
screen | grep -q "mat khau" && r=1 || r=0
ok $r "never in clear"
keys Enter
wait_for "clerk: wrong password"
ok $? "a wrong password is refused"
keys Enter
wait_for "Password:"
typed "mật khẩu nhập liệu"
keys Enter
wait_for "Logged in as clerk (clerk)"
ok $? "the right one lets the clerk in"
wait_for "Open a book"
ok $? "to the home screen"
keys 4
wait_for "clerk (clerk) may not print stat"
ok $? "statistics are refused to a clerk, saying why"
keys 3
wait_for "clerk (clerk) may not decide dupl"
ok $? "and the review of duplicates"
keys 7
wait_for "hotich-exited-0"
ok $? "quit"

# Five wrong passwords in a row: then even the right one waits.
start
wait_for "User: clerk"
for i in 1 2 3 4 5; do
	keys Enter
	wait_for "Password:"
	typed "sai $i lần rồi"
	keys Enter
	wait_for "clerk: wrong password" || break
done
keys Enter
wait_for "Password:"
typed "mật khẩu nhập liệu"
keys Enter
wait_for "clerk: too many wrong passwords; try again in 5 minutes"
ok $? "after five wrong passwords the right one waits 5 minutes"
keys Escape
wait_for "hotich-exited-0"
ok $? "Esc on the login screen leaves the program"
h audit --user clerk >"$TMPDIR_T/audit" 2>&1
is "$(grep -c "	user	login-failed clerk clerk" "$TMPDIR_T/audit")" 7 \
    "the audit log has the seven failed attempts (the last one waited)"
grep -q "	user	login clerk clerk" "$TMPDIR_T/audit"
ok $? "and the login that succeeded"
h user list | grep -q "^clerk	clerk	waiting"
ok $? "the account is waiting"

# An account tied to the login goes straight in.
db="$TMPDIR_T/db2"
echo "quản trị viên 1" | h init --admin quantri --os-user "$me" \
    --password-stdin >/dev/null
echo "mật khẩu nhập liệu" | h user add clerk --role reviewer \
    --os-user "$me" --password-stdin >/dev/null
start
wait_for "Logged in as clerk (reviewer)"
ok $? "an account tied to the login needs no password"
keys 4
wait_for "clerk (reviewer) may not print stat"
ok $? "a reviewer prints no statistics"
keys 3
wait_for "No probable"
ok $? "but reviews duplicates"
# No way out to a shell: C-z and C-\\ reach the program as keys.
keys C-z
keys 'C-\'
keys 7
wait_for "hotich-exited-0"
ok $? "C-z and C-\\ suspend and kill nothing: the program quits normally"

done_testing
