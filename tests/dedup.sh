#!/bin/sh
# dedup.sh: "hotich dedup" on small generated books with known duplicates
# (gen --dup-log): every known pair is found, few others; the TSV of the
# command-line contract; the text listing; the exit statuses.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

GEN=$BUILDDIR/tests/bench/gen
EVAL=$SRCDIR/tests/bench/dedup-eval.awk
T=$TMPDIR_T
DB=$T/db

"$GEN" --form ks --count 1500 --seed 5 --dup-rate 0.05 \
    --dup-log "$T/ks.dups" >"$T/ks.csv"
"$HOTICH" --db "$DB" import --form ks "$T/ks.csv" >/dev/null
ok $? "1500 birth entries with about 5% duplicates are imported"
"$GEN" --form kt --count 500 --seed 6 --dup-rate 0.05 \
    --dup-log "$T/kt.dups" >"$T/kt.csv"
"$HOTICH" --db "$DB" import --form kt "$T/kt.csv" >/dev/null
ok $? "and 500 death entries"
"$HOTICH" --db "$DB" export --form ks --out "$T/ks.exp" >/dev/null
"$HOTICH" --db "$DB" export --form kt --out "$T/kt.exp" >/dev/null

"$HOTICH" --db "$DB" dedup --form ks --format tsv >"$T/ks.tsv"
ok $? "dedup --form ks --format tsv exits 0"
res=$(VERBOSE=1 awk -f "$EVAL" "$T/ks.exp" "$T/ks.csv" "$T/ks.dups" \
    "$T/ks.tsv")
ok $? "every generated row maps to a record"
diag "$res"
summary=$(printf '%s\n' "$res" | tail -1)
set -- $summary
[ "$2" -ge 50 ] && [ "$6" -eq "$2" ]
ok $? "ks: every one of the $2 known pairs is found ($summary)"
[ "$4" -le $(($2 + $2 / 20)) ]
ok $? "ks: few pairs besides them ($4 found for $2 known)"

# The contract: ID_A<TAB>ID_B<TAB>SCORE<TAB>REASON, ID_A < ID_B, once each.
awk -F'\t' 'NF != 4 || $1 !~ /^[0-9]+$/ || $2 !~ /^[0-9]+$/ ||
    $1 + 0 >= $2 + 0 || $3 !~ /^(0\.[0-9]+|1\.0+|1|0)$/ || $3 + 0 > 1 ||
    $4 == "" { print "bad: " $0; bad = 1 } END { exit bad }' "$T/ks.tsv"
ok $? "each line is ID_A TAB ID_B TAB SCORE TAB REASON, ID_A < ID_B"
is "$(cut -f1,2 "$T/ks.tsv" | sort | uniq -d)" "" "no pair is listed twice"
cut -d, -f1 "$T/ks.exp" | sed 1d | sort >"$T/ks.ids"
cut -f1 "$T/ks.tsv" >"$T/used"
cut -f2 "$T/ks.tsv" >>"$T/used"
is "$(sort -u "$T/used" | comm -23 - "$T/ks.ids")" "" \
    "the ids are those of the id column of export"
grep -q "same birth date" "$T/ks.tsv" &&
    grep -q "ignoring tone marks" "$T/ks.tsv"
ok $? "the reasons name the rules that agreed"
HOTICH_LANG=vi "$HOTICH" --db "$DB" dedup --form ks --format tsv | cmp -s - "$T/ks.tsv"
ok $? "the TSV does not depend on the language"
HOTICH_DEDUP_PASS=300 "$HOTICH" --db "$DB" dedup --form ks --format tsv |
    cmp -s - "$T/ks.tsv"
ok $? "a few years a scan (300 profiles at most) finds the same pairs"

"$HOTICH" --db "$DB" dedup --form kt --format tsv >"$T/kt.tsv"
res=$(awk -f "$EVAL" "$T/kt.exp" "$T/kt.csv" "$T/kt.dups" "$T/kt.tsv")
set -- $res
[ "$2" -ge 10 ] && [ $(($6 * 10)) -ge $(($2 * 9)) ] && [ "$4" -le $(($2 + 2)) ]
ok $? "kt (no parents to compare): 90% of the known pairs, few others ($res)"

"$HOTICH" --db "$DB" dedup --format tsv >"$T/all.tsv"
ok $? "dedup without --form exits 0"
is "$(sort "$T/all.tsv")" "$(sort "$T/ks.tsv" "$T/kt.tsv")" \
    "without --form: the pairs of every form, never across forms"

"$HOTICH" --db "$DB" dedup --form ks >"$T/ks.txt"
ok $? "the text listing exits 0"
n=$(wc -l <"$T/ks.tsv" | tr -d ' ')
is "$(grep -c '^ks: [0-9]* and [0-9]*, score ' "$T/ks.txt")" "$n" \
    "it lists the same $n pairs"
e=$(sed 1d "$T/ks.exp" | wc -l | tr -d ' ')
grep -q "^$n probable duplicate pairs among $e entries" "$T/ks.txt"
ok $? "and says how many among how many entries"
"$HOTICH" --db "$DB" dedup --form ks --format text --min-score 0.999 \
    >"$T/strict.txt"
m=$(grep -c '^ks: ' "$T/strict.txt")
[ "$m" -le "$n" ]
ok $? "--min-score keeps fewer pairs ($m of $n)"

# One entry's candidates, through the person index as the screens do.
set -- $(head -1 "$T/ks.tsv")
"$HOTICH" --db "$DB" dedup --entry "$2" --format tsv >"$T/entry.tsv"
ok $? "dedup --entry ID exits 0"
grep -q "^$1	$2	" "$T/entry.tsv"
ok $? "it finds the first pair of the scan from its second entry ($1 $2)"
awk -F'\t' -v id="$2" '$1 != id && $2 != id { bad = 1 }
    $1 + 0 >= $2 + 0 { bad = 1 } END { exit bad }' "$T/entry.tsv"
ok $? "every pair it lists holds that entry, in the contract's order"
"$HOTICH" --db "$DB" dedup --entry 999999 >/dev/null 2>&1
is $? 1 "an entry that does not exist is refused"
# --flag records the pairs for the review, once.
n=$(wc -l <"$T/ks.tsv" | tr -d ' ')
"$HOTICH" --db "$DB" dedup --form ks --format tsv --flag >"$T/flag.tsv" \
    2>"$T/flag.err"
ok $? "dedup --flag exits 0"
is "$(cat "$T/flag.err")" "$n pairs flagged for review" \
    "it flags every pair it lists, and says so on standard error"
cmp -s "$T/flag.tsv" "$T/ks.tsv"
ok $? "the listing on standard output is unchanged"
"$HOTICH" --db "$DB" dedup --form ks --flag >/dev/null 2>"$T/flag.err"
is "$(cat "$T/flag.err")" "0 pairs flagged for review" \
    "a pair flagged already is not flagged twice"
"$HOTICH" --db "$DB" check >/dev/null
ok $? "the database checks sound, the flags in its audit log"

"$HOTICH" --db "$DB" dedup --entry x >/dev/null 2>&1
is $? 2 "--entry takes a number"
"$HOTICH" --db "$DB" --forms "$T/nowhere" dedup >"$T/noforms.out" \
    2>"$T/noforms.err"
is $? 1 "without the forms, dedup is refused"
grep -q "dedup needs the registers' forms" "$T/noforms.err" &&
    [ ! -s "$T/noforms.out" ]
ok $? "and says why, listing nothing"

"$HOTICH" --db "$DB" dedup --format xml >/dev/null 2>&1
is $? 2 "an unknown format is a usage error"
"$HOTICH" --db "$DB" dedup --min-score 2 >/dev/null 2>&1
is $? 2 "a score beyond 1 is a usage error"
"$HOTICH" --db "$DB" dedup extra >/dev/null 2>&1
is $? 2 "an extra argument is a usage error"
"$HOTICH" --db "$DB" dedup --form nosuch >/dev/null 2>&1
is $? 1 "an unknown form is refused"
"$HOTICH" --db "$T/none" dedup >/dev/null 2>&1
is $? 3 "a missing database is database trouble"

done_testing
