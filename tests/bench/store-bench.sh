#!/bin/sh
# store-bench.sh: the store benchmark: import COUNT (default 1,000,000)
# generated birth entries with every index, next to a bare Berkeley DB
# put loop with as many indexes on the same rows; peak memory, size on
# disk, and a full scan (export) of everything. Run by "make bench".
set -eu

: "${BUILDDIR:=$(pwd)}"
count=${COUNT:-1000000}
dir=${BENCH_DIR:-$BUILDDIR/_bench-store}
rm -rf "$dir"
mkdir -p "$dir"

echo "store-bench: generating $count ks entries"
"$BUILDDIR/tests/bench/gen" --form ks --count "$count" --seed 7 \
    --books 40 > "$dir/ks.csv"

echo "store-bench: bare Berkeley DB put loop, the store's keys"
"$BUILDDIR/tests/bench/bdb-bare" "$dir/bare" "$HOTICH_FORMS" ks "$dir/ks.csv"

echo "store-bench: hotich import (validation, encoding, 6 indexes, audit)"
/usr/bin/time -f 'import: %e s elapsed, peak memory %M KB' \
    "$BUILDDIR/hotich" --db "$dir/db" import --form ks "$dir/ks.csv"
echo "store-bench: size on disk: $(du -sk "$dir/db" | cut -f1) KB" \
    "($(du -sk --exclude='__db.*' --exclude='log.*' "$dir/db" | cut -f1) KB" \
    "of database files)"
/usr/bin/time -f 'full scan (export to /dev/null): %e s, peak memory %M KB' \
    "$BUILDDIR/hotich" --db "$dir/db" export --form ks --out /dev/null
/usr/bin/time -f 'check: %e s' "$BUILDDIR/hotich" --db "$dir/db" check
rm -rf "$dir"
