#!/bin/sh
# gen.sh: the synthetic entry generator (tests/bench/gen). Every row it
# makes for each register passes the form's validation with no errors
# (checked by tests/bench/gen-check with the real validator), its names
# have the real surname shares, and its output depends on the seed only.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

GEN=$BUILDDIR/tests/bench/gen
CHECK=$BUILDDIR/tests/bench/gen-check
T=$TMPDIR_T

for f in ks kt kh cmc tdcc; do
	# With statuses and injected duplicates.
	"$GEN" --form $f --count 2000 --seed 7 --status-rate 0.01 \
	    --dup-rate 0.02 --dup-log "$T/$f.dups" >"$T/$f.csv"
	ok $? "$f: 2000 rows with statuses and duplicates"
	out=$("$CHECK" --form $f "$T/$f.csv")
	is "$(printf '%s\n' "$out" | head -1 | cut -d' ' -f1-4)" \
	    "rows 2000 errors 0" "$f: they pass validation with no errors"
	grep -q ',blank,\|,illegible,\|,partial,' "$T/$f.csv"
	ok $? "$f: some fields are marked blank, illegible or partial"

	# Plain rows, from books since 1955: no errors, and personal numbers
	# that agree with sex and birth year.
	"$GEN" --form $f --count 2000 --seed 11 --year 1955 >"$T/$f-plain.csv"
	out=$("$CHECK" --form $f "$T/$f-plain.csv")
	is "$(printf '%s\n' "$out" | head -1 | cut -d' ' -f1-4)" \
	    "rows 2000 errors 0" "$f: plain rows since 1955 pass validation"
	printf '%s\n' "$out" | grep -q '^warning id12'
	[ $? -ne 0 ]
	ok $? "$f: no personal-number warnings"
	diag "$out"

	# The header is the form's field keys.
	n=$("$HOTICH" --lang en forms list | awk -F'\t' -v f=$f '$1 == f { print $NF }')
	is "$(head -1 "$T/$f-plain.csv" | tr ',' '\n' | wc -l | tr -d ' ')" \
	    "$n" "$f: the header has the form's $n field keys"
done

# The duplicate log: one line per injected row, pointing back.
"$GEN" --form ks --count 2000 --seed 3 --dup-rate 0.05 \
    --dup-log "$T/dups" >/dev/null
n=$(wc -l <"$T/dups" | tr -d ' ')
[ "$n" -ge 60 ] && [ "$n" -le 150 ]
ok $? "about 5% of rows are logged as duplicates (got $n of 2000)"
awk -F'\t' '$2 >= $1 || $1 > 2000 || $3 == "" { bad = 1 } END { exit bad }' \
    "$T/dups"
ok $? "each names an earlier row as its source, and what changed"

# Names: Nguyễn between 33% and 43% of 20,000.
"$GEN" --names 20000 --seed 5 >"$T/names"
is "$(wc -l <"$T/names" | tr -d ' ')" 20000 "--names 20000 gives 20000 names"
n=$(grep -c '^Nguyễn ' "$T/names")
[ "$n" -ge 6600 ] && [ "$n" -le 8600 ]
ok $? "Nguyễn is 33-43% of the names (got $n of 20000)"
n=$(grep -c '^Trần ' "$T/names")
[ "$n" -ge 1600 ] && [ "$n" -le 2800 ]
ok $? "Trần is 8-14% of the names (got $n of 20000)"
n=$(cut -d' ' -f1 "$T/names" | sort -u | wc -l | tr -d ' ')
[ "$n" -ge 40 ]
ok $? "at least 40 different surnames (got $n)"
n=$(grep -c ' Thị ' "$T/names")
[ "$n" -ge 3000 ] && [ "$n" -le 8000 ]
ok $? "Thị is a common middle name (got $n)"
grep -q 'Thuỷ$\|Hoà$\|Quí$' "$T/names"
ok $? "spelling variants occur"

# Determinism.
"$GEN" --form kt --count 500 --seed 42 >"$T/a"
"$GEN" --form kt --count 500 --seed 42 >"$T/b"
"$GEN" --form kt --count 500 --seed 43 >"$T/c"
cmp -s "$T/a" "$T/b"
ok $? "the same seed gives the same rows"
cmp -s "$T/a" "$T/c"
[ $? -ne 0 ]
ok $? "another seed gives other rows"

"$GEN" --form nope >/dev/null 2>&1
is $? 2 "an unknown form is a usage error"
"$GEN" --form ks --dup-rate 2 >/dev/null 2>&1
is $? 2 "a rate above 1 is a usage error"
done_testing
