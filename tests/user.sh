#!/bin/sh
# user.sh: "hotich user": init's first administrator; accounts added
# with a role, listed, refused
# when the name, role or password is bad or the name is taken; a
# password changed, checked right and wrong, the account made to wait
# after five wrong ones; an account disabled; no password in clear in the
# database files; every change in the audit log, which still checks.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

DB=$TMPDIR_T/db
me=$(id -un)
# The administrator is tied to the login the tests run under: no password
# is asked of it.
u() {
	HOTICH_USER=quantri "$HOTICH" --db "$DB" user "$@"
}

# init makes the first administrator.
echo "quản trị viên 1" | "$HOTICH" --db "$DB" init --office "UBND xã Tân Phú" \
    --admin quantri --os-user "$me" --password-stdin >"$TMPDIR_T/out"
ok $? "init --admin"
grep -q "account quantri added: admin" "$TMPDIR_T/out"
ok $? "makes the first administrator"
"$HOTICH" --db "$TMPDIR_T/bad" init --admin "quan tri" --password-stdin \
    </dev/null 2>/dev/null
is $? 1 "a bad administrator name is refused"
[ ! -e "$TMPDIR_T/bad" ]
ok $? "before the database is made"

echo "mật khẩu của Lan" | u add lan --role clerk --password-stdin >"$TMPDIR_T/out"
ok $? "user add with the password on standard input"
is "$(cat "$TMPDIR_T/out")" "account lan added: clerk" "it says so"
echo "giám sát viên 1" | u add hoa --role supervisor --os-user hoa \
    --password-stdin >/dev/null
ok $? "a supervisor tied to the login hoa"
is "$(u list)" "$(printf 'hoa\tsupervisor\tactive\thoa\nlan\tclerk\tactive\t\nquantri\tadmin\tactive\t%s' "$me")" \
    "user list: name, role, state, login"

echo "another password" | u add lan --role clerk --password-stdin \
    2>"$TMPDIR_T/err"
is $? 1 "a name taken is refused"
grep -q "account lan exists already" "$TMPDIR_T/err"
ok $? "and said so"
echo "another password" | u add "2lan" --role clerk --password-stdin \
    2>"$TMPDIR_T/err"
is $? 1 "a bad name is refused"
echo "another password" | u add minh --role boss --password-stdin \
    2>"$TMPDIR_T/err"
is $? 2 "an unknown role is a usage error"
echo "short" | u add minh --role clerk --password-stdin 2>"$TMPDIR_T/err"
is $? 1 "a short password is refused"
grep -q "8 characters at least" "$TMPDIR_T/err"
ok $? "naming the rule"
u add minh --role clerk </dev/null 2>"$TMPDIR_T/err"
is $? 1 "without a terminal or --password-stdin, no password"
is "$(u list | cut -f1 | tr '\n' ' ')" "hoa lan quantri " "nothing was added"

echo "mật khẩu của Lan" | u check lan --password-stdin >/dev/null
ok $? "user check: the right password"
echo "mat khau cua Lan" | u check lan --password-stdin 2>"$TMPDIR_T/err"
is $? 1 "a wrong one is refused"
grep -q "lan: wrong password" "$TMPDIR_T/err"
ok $? "and said so"

echo "mật khẩu mới của Lan" | u passwd lan --password-stdin >/dev/null
ok $? "user passwd"
echo "mật khẩu của Lan" | u check lan --password-stdin 2>/dev/null
is $? 1 "the old password no longer works"
echo "mật khẩu mới của Lan" | u check lan --password-stdin >/dev/null
ok $? "the new one does"

for i in 1 2 3 4 5; do
	echo "wrong $i" | u check lan --password-stdin 2>/dev/null
done
echo "mật khẩu mới của Lan" | u check lan --password-stdin \
    2>"$TMPDIR_T/err"
is $? 1 "after five wrong passwords even the right one is refused"
grep -q "too many wrong passwords; try again in [0-9]* s" "$TMPDIR_T/err"
ok $? "saying how long to wait"
is "$(u list | grep '^lan' | cut -f3)" "waiting" "the list says it waits"

u disable hoa >/dev/null
ok $? "user disable"
echo "giám sát viên 1" | u check hoa --password-stdin 2>"$TMPDIR_T/err"
is $? 1 "a disabled account is refused"
grep -q "hoa: the account is disabled" "$TMPDIR_T/err"
ok $? "and said so"
u passwd nobody --password-stdin </dev/null 2>"$TMPDIR_T/err"
is $? 1 "an account that does not exist is refused"
u frobnicate lan 2>/dev/null
is $? 2 "an unknown verb is a usage error"

found=0
for f in "$DB"/*.db "$DB"/log.*; do
	grep -q "khẩu" "$f" && found=1
done
is $found 0 "no password is in the database files in clear"
"$HOTICH" --db "$DB" check >"$TMPDIR_T/check"
ok $? "the database checks sound, the changes in its audit log"
n=$(sed 's/.* \([0-9]*\) audit entries.*/\1/' "$TMPDIR_T/check")
[ "$n" -ge 14 ]
ok $? "with an entry for each change and check ($n)"

done_testing
