#!/bin/sh
# report-bench.sh: the time and peak memory of "hotich report" for a
# month and for a year, on COUNT (default 1,000,000) generated entries of
# the five registers in the shares the seed reports give (61.6% births,
# 12.2% marriages, 8.9% deaths, 17.3% other: parentage and changes),
# registered from FROM_YEAR (default 2015) to last year. In the same run,
# the baseline: a full scan of every record (store-scan), which a report
# without the registration-date index would need. Run by "make
# bench-report" (and "make bench").
set -eu

: "${BUILDDIR:=$(pwd)}"
count=${COUNT:-1000000}
year0=${FROM_YEAR:-2015}
dir=${BENCH_DIR:-$BUILDDIR/_bench-report}
hotich=$BUILDDIR/hotich
gen=$BUILDDIR/tests/bench/gen
stamp="$count $year0 $(cksum <"$gen" | cut -d' ' -f1)"

# The database is kept between runs with the same generator and size.
if [ "$(cat "$dir/stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$dir"
	mkdir -p "$dir"
	echo "report-bench: generating $count entries from $year0"
	seed=20
	for fs in ks:6163 kh:1215 kt:892 cmc:430 tdcc:1300; do
		form=${fs%:*}
		n=$((count * ${fs#*:} / 10000))
		seed=$((seed + 1))
		"$gen" --form "$form" --count "$n" --seed "$seed" \
		    --books 40 --year "$year0" >"$dir/$form.csv"
		"$hotich" --db "$dir/db" import --form "$form" \
		    "$dir/$form.csv" >/dev/null
		rm -f "$dir/$form.csv"
	done
	echo "$stamp" >"$dir/stamp"
fi

last=$(($(date +%Y) - 1))
mid=$(((year0 + last) / 2))

# run NAME ARGS...: time one report three times; the median.
run() {
	name=$1
	shift
	for i in 1 2 3; do
		/usr/bin/time -o "$dir/t.$i" -f '%e %M' \
		    "$hotich" --db "$dir/db" report "$@" >"$dir/out.txt"
	done
	sort -n "$dir/t.1" "$dir/t.2" "$dir/t.3" | sed -n 2p |
	    awk -v n="$name" '{ printf "%-40s %6.2f s, peak %5.1f MB\n",
	    n, $1, $2 / 1024 }'
}

echo "report-bench: $(cat "$dir/stamp" | cut -d' ' -f1) entries," \
    "$year0 to $last; the median of three runs"
run "report --month $mid-06 (all views)" --month "$mid-06"
run "report --month $mid-06 --view events" --month "$mid-06" --view events
run "report --month $mid-06 --by book" --month "$mid-06" --by book \
    --view events
run "report --year $mid (all views)" --year "$mid"
run "report --year $mid --view events" --year "$mid" --view events
run "report --year $mid --format csv" --year "$mid" --format csv
run "report --from $year0 --to $last" --from "$year0" --to "$last" \
    --view events
# The month the entries were imported: every record typed in it.
run "report --month of the import, work" --month "$(date +%Y-%m)" \
    --view work
/usr/bin/time -o "$dir/t.scan" -f '%e %M' \
    "$BUILDDIR/tests/bench/store-scan" "$dir/db" >/dev/null
awk '{ printf "%-40s %6.2f s, peak %5.1f MB\n",
    "baseline: every record read", $1, $2 / 1024 }' "$dir/t.scan"
echo "report-bench: targets: a month within 2 s, a year within 10 s"
