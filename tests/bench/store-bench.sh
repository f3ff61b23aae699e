#!/bin/sh
# store-bench.sh: the store benchmark, in one run: COUNT (default
# 1,000,000) generated birth entries put by a bare Berkeley DB loop with
# the store's own keys (bdb-bare), then imported by hotich (validation,
# encoding, every index, books, audit); the import rate next to the bare
# rate, peak memory, size on disk, a full scan (store-scan), an export
# and a check. Run by "make bench-store" (and "make bench").
#
# CACHE_MB sets the database's cache (hotich init --cache-mb) and the
# bare loop's alike; unset, both use the default.
set -eu

: "${BUILDDIR:=$(pwd)}"
count=${COUNT:-1000000}
dir=${BENCH_DIR:-$BUILDDIR/_bench-store}
cache=${CACHE_MB:-}
rm -rf "$dir"
mkdir -p "$dir"

echo "store-bench: generating $count ks entries"
"$BUILDDIR/tests/bench/gen" --form ks --count "$count" --seed 7 \
    --books 40 > "$dir/ks.csv"

echo "store-bench: bare Berkeley DB put loop, the store's keys"
"$BUILDDIR/tests/bench/bdb-bare" ${cache:+-c "$cache"} "$dir/bare" \
    "$HOTICH_FORMS" ks "$dir/ks.csv" 2>/dev/null | tee "$dir/bare.out"
rm -rf "$dir/bare"

echo "store-bench: hotich import (validation, encoding, indexes, audit)"
"$BUILDDIR/hotich" --db "$dir/db" init ${cache:+--cache-mb "$cache"} \
    >/dev/null
/usr/bin/time -o "$dir/import.time" -f '%e %M %U %S' \
    "$BUILDDIR/hotich" --db "$dir/db" import --form ks "$dir/ks.csv"
read -r secs kb user sys < "$dir/import.time"
bare=$(sed 's/.*: \([0-9]*\) rows\/s$/\1/' "$dir/bare.out")
awk -v n="$count" -v s="$secs" -v u="$user" -v y="$sys" -v b="$bare" \
    -v kb="$kb" 'BEGIN {
	printf "import: %d rows in %.2f s (%.2f s of processor): " \
	    "%.0f rows/s, %.2f of the bare rate\n", n, s, u + y, n / s,
	    n / s / b
	printf "import: peak memory %.1f MB\n", kb / 1024
}'
total=$(du -sk "$dir/db" | cut -f1)
files=$(du -sk --exclude='__db.*' --exclude='log.*' "$dir/db" | cut -f1)
awk -v t="$total" -v f="$files" -v n="$count" 'BEGIN {
	printf "size on disk: %.0f MB, %.0f MB of database files: " \
	    "%.0f bytes an entry\n", t / 1024, f / 1024, f * 1024 / n
}'
"$BUILDDIR/tests/bench/store-scan" "$dir/db"
/usr/bin/time -f 'export to /dev/null: %e s, peak memory %M KB' \
    "$BUILDDIR/hotich" --db "$dir/db" export --form ks --out /dev/null
/usr/bin/time -f 'check: %e s' "$BUILDDIR/hotich" --db "$dir/db" check
rm -rf "$dir"
