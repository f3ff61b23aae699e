#!/bin/sh
# store-crash.sh: an import of 100,000 entries killed with SIGKILL at 20
# random moments. After each kill the next command recovers, check
# passes, and every row the importer had reported committed is present
# exactly once; the last import completes the file.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

T=$TMPDIR_T
db=$T/db
rows=${CRASH_ROWS:-100000}
rounds=${CRASH_ROUNDS:-20}

ks_csv "$rows" > "$T/big.csv"
is "$(cut -d, -f7 "$T/big.csv" | sort | uniq -d | wc -l)" 0 \
    "the $rows generated rows are distinct"
"$HOTICH" --db "$db" init >/dev/null
ok $? "init"

# Random delays from 0.2 to 2.2 s, from a seed printed for reproduction.
seed=${CRASH_SEED:-$$}
diag "seed $seed"
delays=$(awk -v seed="$seed" -v n="$rounds" 'BEGIN { srand(seed);
	for (i = 0; i < n; i++) printf "%.2f\n", 0.2 + rand() * 2 }')

round=0
bad_check=0
bad_count=0
bad_dup=0
acked=0
for d in $delays; do
	round=$((round + 1))
	"$HOTICH" --db "$db" import --verbose --batch 500 --form ks \
	    "$T/big.csv" > "$T/ack" 2>"$T/err" &
	pid=$!
	sleep "$d"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	# The last line the importer reported committed, this round.
	l=$(sed -n 's/^committed through line \([0-9]*\)$/\1/p' "$T/ack" |
	    tail -1)
	[ -n "$l" ] && [ "$((l - 1))" -gt "$acked" ] && acked=$((l - 1))
	if ! timeout -s KILL 300 "$HOTICH" --db "$db" check >"$T/check" 2>&1
	then
		bad_check=$((bad_check + 1))
		diag "round $round: check failed:"
		diag "$(cat "$T/check")"
	fi
	timeout -s KILL 300 "$HOTICH" --db "$db" export --form ks \
	    --out "$T/out.csv" >/dev/null 2>&1
	n=$(count_rows "$T/out.csv")
	# Rows are committed in file order, so every acknowledged row is
	# among the first $n; none of them twice.
	if [ "$n" -lt "$acked" ]; then
		bad_count=$((bad_count + 1))
		diag "round $round: $n records but $acked acknowledged"
	fi
	if [ "$(cut -d, -f9 "$T/out.csv" | sort | uniq -d | wc -l)" -ne 0 ]
	then
		bad_dup=$((bad_dup + 1))
		diag "round $round: a row is stored twice"
	fi
	diag "round $round: killed after ${d}s, $acked acknowledged, $n stored"
done
is "$bad_check" 0 "check passed after each of the $rounds kills"
is "$bad_count" 0 "every acknowledged row was present after each kill"
is "$bad_dup" 0 "no row was ever stored twice"

out=$("$HOTICH" --db "$db" import --form ks "$T/big.csv")
ok $? "the import run again after the last kill completes"
"$HOTICH" --db "$db" export --form ks --out "$T/out.csv" >/dev/null
is "$(count_rows "$T/out.csv")" "$rows" "all $rows rows are stored"
is "$(cut -d, -f9 "$T/out.csv" | sort -u | wc -l)" "$((rows + 1))" \
    "each exactly once"
"$HOTICH" --db "$db" check >/dev/null
ok $? "and the database is sound"

done_testing
