#!/bin/sh
# gen-bench.sh: time gen on a million birth entries, then the CSV reader
# and writer on its output. Run by "make bench" (BUILDDIR and
# HOTICH_FORMS set); COUNT overrides the number of rows.
set -eu
: "${BUILDDIR:=$(pwd)}"
count=${COUNT:-1000000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hotich-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

start=$(date +%s.%N)
"$BUILDDIR/tests/bench/gen" --form ks --count "$count" --seed 1 \
    >"$tmp/ks.csv"
end=$(date +%s.%N)
size=$(wc -c <"$tmp/ks.csv")
awk -v n="$count" -v s="$start" -v e="$end" -v b="$size" 'BEGIN {
	t = e - s
	printf "gen: %d ks rows, %.1f MB in %.2f s: %.0f rows/s, %.0f MB/s\n",
	    n, b / 1e6, t, n / t, b / 1e6 / t
}'
"$BUILDDIR/tests/bench/csv-bench" "$tmp/ks.csv"
