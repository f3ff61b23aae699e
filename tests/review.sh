#!/bin/sh
# review.sh: roles through the command line. Every role against every
# command that changes or reads out the database (the same rules the
# store applies to the screens); an entry verified, approved, refused a
# correction, unlocked with a reason; logins refused for an unknown user
# and a password with no terminal; exports kept inside the configured
# folder; and the audit log naming who moved what.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

T=$TMPDIR_T
DB=$T/db
me=$(id -un)
h() {
	who=$1
	shift
	HOTICH_USER=$who "$HOTICH" --db "$DB" "$@"
}

echo "quản trị viên 1" | h quantri init --admin quantri --os-user "$me" \
    --password-stdin >/dev/null
ok $? "init with an administrator tied to the login $me"
# Accounts tied to the login the tests run under: no password is asked.
for a in lan:clerk hoa:reviewer giamsat:supervisor; do
	echo "mật khẩu $a" | h quantri user add "${a%%:*}" --role "${a#*:}" \
	    --os-user "$me" --password-stdin >/dev/null
done
echo "mật khẩu khác" | h quantri user add mai --role clerk --password-stdin \
    >/dev/null
h quantri config verify-rate 0 >/dev/null
ok $? "the administrator sets the sample to none"
"$BUILDDIR/tests/bench/gen" --form ks --count 40 --seed 8 --books 1 \
    >"$T/ks.csv"
"$BUILDDIR/tests/bench/gen" --form ks --count 2 --seed 9 --books 1 \
    --year 2023 >"$T/two.csv"
h lan import --form ks "$T/ks.csv" >/dev/null
ok $? "lan, a clerk, imports 40 entries"

# The matrix: for each role (clerk, reviewer, supervisor, admin), each
# command's exit status: 0 done, 1 refused.
h hoa verify 11-14 21-24 >/dev/null && h giamsat approve 21-24 >/dev/null
ok $? "entries 11-14 verified, 21-24 approved, for the matrix"
i=0
for who in lan hoa giamsat quantri; do
	i=$((i + 1))
	got=""
	run() {
		h "$who" "$@" >/dev/null 2>"$T/err"
		got="$got$?"
	}
	run import --form ks --reject "$T/rej.$who" "$T/two.csv"
	run verify "$i"
	run approve $((10 + i))
	run unlock --reason "sổ ghi khác" $((20 + i))
	run report --year 2024
	run export --form ks --out "$T/out.$who.csv"
	run user add "moi$i" --role clerk --password-stdin <<-EOF
	mật khẩu mới $who
	EOF
	run backup "$T/backup.$who"
	run audit
	run config grace-hours 12
	case $who in
	lan) want=0111111111 ;;
	hoa) want=0011111111 ;;
	giamsat) want=0000001101 ;;
	quantri) want=1111110000 ;;
	esac
	is "$got" "$want" "$who: import verify approve unlock report export user backup audit config"
done
h lan approve 30 2>"$T/err"
grep -q "lan (clerk) may not approve entries" "$T/err"
ok $? "a refusal names the user, the role and what is refused"

# An entry through its states.
h lan verify 5 2>/dev/null
is $? 1 "a clerk does not verify"
h hoa verify 5 >"$T/out"
ok $? "a reviewer verifies entry 5"
h giamsat approve 6 2>"$T/err"
is $? 1 "an entry not verified is not approved"
grep -q "only a verified entry is approved" "$T/err"
ok $? "and said so"
h giamsat approve 5 >/dev/null
ok $? "a supervisor approves entry 5"
h giamsat unlock 5 2>"$T/err"
is $? 1 "an unlock without a reason is refused"
grep -q "say why entry 5 is unlocked" "$T/err"
ok $? "asking for one"
h giamsat unlock --reason "huyện cho sửa" 5 >/dev/null
ok $? "with a reason it is unlocked"
h giamsat audit --record 5 >"$T/a5"
is "$(cut -f3,4 "$T/a5" | tr '\t\n' ' ')" \
    "lan add hoa verify giamsat approve giamsat unlock " \
    "the log: added, verified, approved, unlocked, and by whom"
grep -q 'unlock	5; reason: "huyện cho sửa"' "$T/a5"
ok $? "the unlock with its reason"
h hoa approve --all 2>/dev/null
is $? 1 "a reviewer approves nothing, not even with --all"
h giamsat approve --all >"$T/out"
ok $? "approve --all: every verified entry"
grep -q "^[0-9]* entries approved" "$T/out"
ok $? "saying how many"
for bad in "verify" "verify x" "verify 0" "verify 5-2" "approve --all 3" \
    "unlock --why x 3"; do
	h giamsat $bad >/dev/null 2>&1
	is $? 2 "$bad: a usage error"
done

# Logging in.
h nobody report --year 2024 >/dev/null 2>"$T/err"
is $? 1 "a user without an account is refused"
grep -q "nobody has no account" "$T/err"
ok $? "and told to ask the administrator"
h mai import --form ks "$T/two.csv" </dev/null >/dev/null 2>"$T/err"
is $? 1 "an account not tied to the login needs a password: no terminal"
grep -q "typed on a terminal" "$T/err"
ok $? "said so"
h nobody check >/dev/null
ok $? "check needs no login"
h nobody config >"$T/conf"
grep -q "^verify-rate	0$" "$T/conf"
ok $? "nor reading the settings"

# The export folder.
mkdir "$T/xuat"
h quantri config export-dir "$T/xuat" >/dev/null
ok $? "the administrator confines files to a folder"
h giamsat export --form ks --out "$T/elsewhere.csv" 2>"$T/err"
is $? 1 "an export elsewhere is refused"
grep -q "files are written only in $T/xuat" "$T/err"
ok $? "naming the folder"
[ ! -e "$T/elsewhere.csv" ]
ok $? "nothing is written"
h giamsat export --form ks --out "$T/xuat/../elsewhere.csv" 2>/dev/null
is $? 1 "nor out of it through .."
ln -s /etc/hostname "$T/xuat/link.csv"
h giamsat export --form ks --out "$T/xuat/link.csv" 2>/dev/null
is $? 1 "nor through a symbolic link"
h giamsat export --form ks --out "$T/xuat/so.csv" >/dev/null
ok $? "an export inside it is written"
h giamsat report --year 2024 --out "$T/report.txt" 2>/dev/null
is $? 1 "a report file elsewhere is refused too"
h quantri config export-dir relative 2>/dev/null
is $? 1 "the folder is an absolute path"
h quantri config colour blue 2>/dev/null
is $? 2 "an unknown setting is a usage error"

h nobody check >/dev/null
ok $? "the database checks sound after all of it"

done_testing
