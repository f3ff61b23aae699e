#!/bin/sh
# perms.sh: a database's files are readable by their owner alone, or by
# the owner and the group named at init (the directory setgid, so the
# files made later, logs and regions, are the group's too); an unknown
# group is refused before anything is made.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

T=$TMPDIR_T
group=$(id -gn)
"$BUILDDIR/tests/bench/gen" --form ks --count 300 --seed 2 >"$T/ks.csv"

"$HOTICH" --db "$T/own" init >/dev/null &&
    "$HOTICH" --db "$T/own" import --form ks "$T/ks.csv" >/dev/null
ok $? "a database of one owner, with entries"
is "$(stat -c %a "$T/own")" 700 "its directory is the owner's alone"
is "$(find "$T/own" -type f ! -perm 600 | wc -l | tr -d ' ')" 0 \
    "and every file in it, logs and regions too, is mode 600"

"$HOTICH" --db "$T/shared" init --group "$group" >/dev/null &&
    "$HOTICH" --db "$T/shared" import --form ks "$T/ks.csv" >/dev/null
ok $? "a database shared with the group $group"
is "$(stat -c '%a %G' "$T/shared")" "2770 $group" \
    "its directory: the group's, setgid, nobody else's"
is "$(find "$T/shared" -type f ! -perm 660 | wc -l | tr -d ' ')" 0 \
    "every file is mode 660"
is "$(find "$T/shared" -type f ! -group "$group" | wc -l | tr -d ' ')" 0 \
    "and the group's"
(umask 077 && "$HOTICH" --db "$T/shared" import --form ks "$T/ks.csv" \
    >/dev/null)
is "$(find "$T/shared" -type f ! -perm 660 | wc -l | tr -d ' ')" 0 \
    "files made later under a strict umask are still the group's"
"$HOTICH" --db "$T/shared" check >/dev/null
ok $? "the shared database checks sound"

"$HOTICH" --db "$T/none" init --group "no-such-group-$$" 2>"$T/err"
is $? 1 "an unknown group is refused"
grep -q "there is no group no-such-group-$$" "$T/err" && [ ! -e "$T/none" ]
ok $? "saying so, before anything is made"

done_testing
