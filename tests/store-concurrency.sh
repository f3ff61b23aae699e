#!/bin/sh
# store-concurrency.sh: four processes each save 5,000 entries into the
# same book at once, one transaction per entry as the entry screen does:
# all present, ids unique, no hang. (A writer killed with SIGKILL while
# others are attached is a known limitation: see HACKING.md.)

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

T=$TMPDIR_T
db=$T/db
W=$BUILDDIR/tests/store-writer
n=${CONC_COUNT:-5000}

"$HOTICH" --db "$db" init >/dev/null
pids=
for w in 1 2 3 4; do
	timeout -s KILL 600 "$W" "$db" "$n" "$w" > "$T/ids.$w" 2>"$T/err.$w" &
	pids="$pids $!"
done
fail=0
for p in $pids; do
	wait "$p" || fail=$((fail + 1))
done
is "$fail" 0 "four writers at once all finish (none hung or failed)"
for w in 1 2 3 4; do
	[ -s "$T/err.$w" ] && diag "writer $w: $(cat "$T/err.$w")"
done
is "$(cat "$T"/ids.* | wc -l)" "$((4 * n))" "they report $((4 * n)) saves"
is "$(cat "$T"/ids.* | sort -n | uniq | wc -l)" "$((4 * n))" \
    "every id is unique"
"$HOTICH" --db "$db" export --form ks --out "$T/out.csv" >/dev/null
is "$(count_rows "$T/out.csv")" "$((4 * n))" "every entry is stored"
cut -d, -f1 "$T/out.csv" | sed 1d | sort -n > "$T/stored"
cat "$T"/ids.* | sort -n > "$T/saved"
cmp -s "$T/stored" "$T/saved"
ok $? "the stored ids are exactly the ids reported saved"
out=$("$HOTICH" --db "$db" check)
ok $? "check passes"
diag "$out"

done_testing
