#!/bin/sh
# audit.sh: "hotich audit" lists the audit log, oldest first, chosen by
# user, record and first day; "hotich check" catches an entry removed from
# the log and one byte changed in it.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

T=$TMPDIR_T
DB=$T/db

me=$(id -un)
echo "quản trị viên 1" | HOTICH_USER=quantri "$HOTICH" --db "$DB" init \
    --admin quantri --os-user "$me" --password-stdin >/dev/null
# Accounts tied to the login the tests run under: no password is asked.
for a in lan:clerk hoa:reviewer giamsat:supervisor; do
	echo "mật khẩu $a" | HOTICH_USER=quantri "$HOTICH" --db "$DB" user add \
	    "${a%%:*}" --role "${a#*:}" --os-user "$me" --password-stdin \
	    >/dev/null
done
"$BUILDDIR/tests/bench/gen" --form ks --count 60 --seed 4 --books 1 \
    --dup-rate 0.1 --dup-log /dev/null >"$T/ks.csv"
HOTICH_USER=lan "$HOTICH" --db "$DB" import --form ks "$T/ks.csv" >/dev/null
ok $? "60 births imported by lan"
HOTICH_USER=hoa "$HOTICH" --db "$DB" dedup --form ks --flag >/dev/null \
    2>&1
ok $? "hoa flags the probable duplicates"

HOTICH_USER=lan "$HOTICH" --db "$DB" audit >/dev/null 2>"$T/err"
is $? 1 "a clerk may not read the audit log"
grep -q "lan (clerk) may not read the audit log" "$T/err"
ok $? "and is told so"
HOTICH_USER=giamsat "$HOTICH" --db "$DB" audit >"$T/all"
ok $? "hotich audit, by a supervisor"
n=$(wc -l <"$T/all" | tr -d ' ')
"$HOTICH" --db "$DB" check >"$T/check"
is "$(sed 's/.* \([0-9]*\) audit entries.*/\1/' "$T/check")" "$n" \
    "a line for each of the log's $n entries"
awk -F'\t' 'NF != 5 || $1 != NR || $2 !~ /^[0-9-]+ [0-9:]+$/ { bad = 1 }
    END { exit bad }' "$T/all"
ok $? "numbered from 1, each with its time, user, operation and detail"
head -1 "$T/all" | cut -f3- >"$T/first"
is "$(cat "$T/first")" "$(printf 'quantri\tuser\tadd quantri admin')" \
    "the first: init made the administrator"

HOTICH_USER=giamsat "$HOTICH" --db "$DB" audit --user lan >"$T/lan"
[ -s "$T/lan" ] && ! cut -f3 "$T/lan" | grep -qv '^lan$'
ok $? "--user lan: lan's entries alone"
grep -q "	lan	add	1-[0-9]" "$T/lan"
ok $? "the import: the entries added, by id, under the importing user"

HOTICH_USER=giamsat "$HOTICH" --db "$DB" audit --record 7 >"$T/r7"
grep -q "	add	1-[0-9]" "$T/r7" && ! grep -q "	user	" "$T/r7"
ok $? "--record 7: the entry that added it, no account's"
pair=$(grep "	pair	" "$T/all" | head -1 | cut -f5 | cut -d' ' -f2)
if [ -n "$pair" ]; then
	HOTICH_USER=giamsat "$HOTICH" --db "$DB" audit --record "$pair" | grep -q "	pair	"
	ok $? "--record $pair: the pair flagged with it"
else
	skip "no pair was flagged"
fi

HOTICH_USER=giamsat "$HOTICH" --db "$DB" audit --since "$(date +%d/%m/%Y)" >"$T/today"
cmp -s "$T/today" "$T/all"
ok $? "--since today: everything"
tomorrow=$(date -d tomorrow +%d/%m/%Y)
is "$(HOTICH_USER=giamsat "$HOTICH" --db "$DB" audit --since "$tomorrow")" "" \
    "--since tomorrow: nothing"
for bad in "--record x" "--record 0" "--since 32/13/2020" "--user"; do
	HOTICH_USER=giamsat "$HOTICH" --db "$DB" audit $bad >/dev/null 2>&1
	is $? 2 "audit $bad: a usage error"
done

# An entry taken out of the log, the log put back together around it.
cp -R "$DB" "$T/cut"
rm -f "$T"/cut/__db.*
db5.3_dump -p -h "$T/cut" audit.db >"$T/dump"
awk '/^ \\00\\00\\00\\00\\00\\00\\00\\02$/ { skip = 2 }
    skip > 0 { skip--; next } { print }' "$T/dump" >"$T/dump2"
[ "$(wc -l <"$T/dump2")" -eq $(($(wc -l <"$T/dump") - 2)) ]
ok $? "entry 2 taken out of a copy of the log"
rm -f "$T/cut/audit.db"
db5.3_load -h "$T/cut" -f "$T/dump2" audit.db
ok $? "and the log loaded again without it"
out=$(timeout -s KILL 120 "$HOTICH" --db "$T/cut" check 2>&1)
is $? 3 "check: exit 3"
case $out in *audit*) r=0 ;; *) r=1 ;; esac
ok $r "naming the audit log"
diag "$(echo "$out" | head -3)"

# One byte changed in the middle of the log's file.
cp -R "$DB" "$T/flip"
rm -f "$T"/flip/__db.*
size=$(wc -c <"$T/flip/audit.db")
at=$((size / 2 + 100))
old=$(od -An -tu1 -j "$at" -N1 "$T/flip/audit.db" | tr -d ' ')
if [ "$old" = 255 ]; then new='\000'; else new='\377'; fi
printf "$new" | dd of="$T/flip/audit.db" bs=1 seek="$at" conv=notrunc \
    2>/dev/null
[ "$(cmp "$DB/audit.db" "$T/flip/audit.db" | wc -l)" -eq 1 ]
ok $? "one byte of the log's file changed"
out=$(timeout -s KILL 120 "$HOTICH" --db "$T/flip" check 2>&1)
is $? 3 "check: exit 3"
case $out in *audit*) r=0 ;; *) r=1 ;; esac
ok $r "naming the audit log"
diag "$(echo "$out" | head -3)"

done_testing
