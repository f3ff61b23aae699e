#!/bin/sh
# store-damage.sh: a full disk gives a clear error and the database still
# opens and verifies; bytes flipped in a database file make check fail
# with a report, never a crash.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

T=$TMPDIR_T
db=$T/db

"$HOTICH" --db "$db" init >/dev/null
ks_csv 2000 > "$T/small.csv"
"$HOTICH" --db "$db" import --form ks "$T/small.csv" >/dev/null
ok $? "2,000 entries imported"

# A disk that fills up: a file-size limit of 12 MB, with SIGXFSZ ignored
# so writes fail with EFBIG as on a full disk.
ks_csv 60000 100000 > "$T/big.csv"
out=$(sh -c 'trap "" XFSZ; ulimit -f 12288; exec "$@"' sh \
    "$HOTICH" --db "$db" import --form ks "$T/big.csv" 2>&1)
st=$?
is "$st" 3 "an import that fills the disk stops with database trouble"
diag "$out"
case $out in *"too large"*|*"No space"*|*"stopped"*) r=0 ;; *) r=1 ;; esac
ok $r "and says why and how far it got"
out=$("$HOTICH" --db "$db" check 2>&1)
ok $? "after the full disk the database opens and checks sound"
diag "$out"
out=$("$HOTICH" --db "$db" import --form ks "$T/big.csv")
ok $? "with room again the same import completes"
out=$("$HOTICH" --db "$db" check)
is "$out" "$db: sound: 62000 records, 496000 index entries, $(
    echo "$out" | sed 's/.* \([0-9]*\) audit entries.*/\1/') audit entries, 1 books" \
    "every entry is there once"

# Flipped bytes in the middle of the records file.
cp -r "$db" "$T/bad"
rm -f "$T"/bad/__db.*
size=$(wc -c < "$T/bad/records.db")
for off in $((size / 3)) $((size / 2)) $((size * 2 / 3)); do
	printf '\377\000\377\000\377\000\377\000' |
	    dd of="$T/bad/records.db" bs=1 seek="$off" conv=notrunc 2>/dev/null
done
out=$(timeout -s KILL 120 "$HOTICH" --db "$T/bad" check 2>&1)
st=$?
is "$st" 3 "check on a damaged records file exits 3"
case $out in *records.db*) r=0 ;; *) r=1 ;; esac
ok $r "and its report names the file"
diag "$(echo "$out" | head -5)"

# Flipped bytes in an index.
cp -r "$db" "$T/bad2"
rm -f "$T"/bad2/__db.*
size=$(wc -c < "$T/bad2/idx-person.db")
printf '\377\000\377\000' |
    dd of="$T/bad2/idx-person.db" bs=1 seek=$((size / 2)) conv=notrunc \
    2>/dev/null
out=$(timeout -s KILL 120 "$HOTICH" --db "$T/bad2" check 2>&1)
is $? 3 "check on a damaged index exits 3"
case $out in *idx-person.db*) r=0 ;; *) r=1 ;; esac
ok $r "and names the index"

# An index file lost: the next open rebuilds the indexes and says so.
cp -r "$db" "$T/lost"
rm -f "$T"/lost/__db.* "$T/lost/idx-person.db"
"$HOTICH" --db "$T/lost" check >"$T/lost.out" 2>"$T/lost.err"
ok $? "with an index file lost the database opens and checks sound"
is "$(cat "$T/lost.err")" \
    "$(printf 'hotich: rebuilt the indexes of 62000 entries in %s s' \
    "$(sed 's/.* in \([0-9]*\) s$/\1/' "$T/lost.err")")" \
    "after saying the indexes of the 62,000 entries were rebuilt"
sed 's/[0-9]* audit entries/N audit entries/; s|^[^:]*:||' "$T/lost.out" \
    >"$T/lost.cmp"
"$HOTICH" --db "$db" check | sed 's/[0-9]* audit entries/N audit entries/;
    s|^[^:]*:||' | cmp -s - "$T/lost.cmp"
ok $? "with every index entry back"
"$HOTICH" --db "$T/lost" check 2>"$T/lost.err" >/dev/null
is "$(cat "$T/lost.err")" "" "the next open rebuilds nothing"

done_testing
