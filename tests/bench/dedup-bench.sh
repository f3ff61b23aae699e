#!/bin/sh
# dedup-bench.sh: the quality and speed of "hotich dedup", in one run.
#
# Quality: COUNT (default 100,000) generated birth entries, DUP_RATE
# (default 0.03) of them an earlier person typed again with a clerk's
# variations (gen --dup-log: no diacritics, the other tone placement or
# i/y, Telex slips, day and month swapped, dates written as a year,
# archive copies and re-registrations that must not be flagged) and as
# many namesakes (another person with an earlier person's name); the
# precision and recall of "hotich dedup" against the log, next to the
# baseline (dedup-baseline: the same folded name and the same birth date).
#
# Speed: the time and peak memory of "hotich dedup" on BIG (default
# 1,000,000; 0 to skip) generated entries, and the time of the look-up
# of one entry's candidates there (dedup-find: median, 99th percentile,
# against reading every namesake of the year), in two passes: the first
# straight after the scan. Run by "make bench-dedup" (and "make bench").
set -eu

: "${BUILDDIR:=$(pwd)}"
: "${SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
count=${COUNT:-100000}
rate=${DUP_RATE:-0.03}
big=${BIG:-1000000}
dir=${BENCH_DIR:-$BUILDDIR/_bench-dedup}
hotich=$BUILDDIR/hotich
eval_awk=$SRCDIR/tests/bench/dedup-eval.awk
rm -rf "$dir"
mkdir -p "$dir"

echo "dedup-bench: $count ks entries, duplicate rate $rate"
"$BUILDDIR/tests/bench/gen" --form ks --count "$count" --seed 11 \
    --books 10 --dup-rate "$rate" --dup-log "$dir/dups" >"$dir/ks.csv"
"$hotich" --db "$dir/db" import --form ks "$dir/ks.csv"
"$hotich" --db "$dir/db" export --form ks --out "$dir/ks.exp" >/dev/null
echo "dedup-bench: what the log holds:"
cut -f3 "$dir/dups" | tr ' ' '\n' | sort | uniq -c | sort -rn |
    awk '{ printf "  %7d %s\n", $1, $2 }'

/usr/bin/time -o "$dir/dedup.time" -f '%e %M' \
    "$hotich" --db "$dir/db" dedup --form ks --format tsv >"$dir/found.tsv"
read -r secs kb <"$dir/dedup.time"
"$BUILDDIR/tests/bench/dedup-baseline" nks_ho_ten nks_ngay_sinh \
    "$dir/ks.exp" >"$dir/baseline.tsv"
VERBOSE=1 awk -f "$eval_awk" "$dir/ks.exp" "$dir/ks.csv" "$dir/dups" \
    "$dir/found.tsv" >"$dir/found.eval"
VERBOSE=1 awk -f "$eval_awk" "$dir/ks.exp" "$dir/ks.csv" "$dir/dups" \
    "$dir/baseline.tsv" >"$dir/baseline.eval"
printf 'hotich dedup: %s (%.2f s, peak %.1f MB)\n' \
    "$(tail -1 "$dir/found.eval")" "$secs" "$(echo "$kb" |
    awk '{ print $1 / 1024 }')"
printf 'baseline:     %s\n' "$(tail -1 "$dir/baseline.eval")"
echo "dedup-bench: missed and wrong pairs are listed in $dir/found.eval"

if [ "$big" -gt 0 ]; then
	echo "dedup-bench: $big ks entries for the time"
	"$BUILDDIR/tests/bench/gen" --form ks --count "$big" --seed 12 \
	    --books 40 --dup-rate "$rate" --dup-log /dev/null \
	    >"$dir/big.csv"
	"$hotich" --db "$dir/big" import --form ks "$dir/big.csv"
	rm -f "$dir/big.csv"
	/usr/bin/time -o "$dir/big.time" -f '%e %M %U %S' \
	    "$hotich" --db "$dir/big" dedup --form ks --format tsv \
	    >"$dir/big.tsv"
	read -r secs kb user sys <"$dir/big.time"
	# The first pass comes straight after the import and the scan,
	# whose pages fill the cache; the second is a clerk who has typed
	# a while.
	for pass in first second; do
		"$BUILDDIR/tests/bench/dedup-find" "$dir/big" \
		    "$HOTICH_FORMS" ks 2000 | sed "s/^/$pass pass: /"
	done
	awk -v n="$big" -v s="$secs" -v kb="$kb" -v u="$user" -v y="$sys" \
	    -v p="$(wc -l <"$dir/big.tsv")" 'BEGIN {
		printf "hotich dedup on %d entries: %.1f s (%.1f s of " \
		    "processor; target 60 s), peak memory %.0f MB, %d pairs\n",
		    n, s, u + y, kb / 1024, p
	}'
fi
