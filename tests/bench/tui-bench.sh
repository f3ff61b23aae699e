#!/bin/sh
# tui-bench.sh: the terminal benchmark of the entry screens. tui-bench
# runs each program on a pty and measures the bytes a typed character
# costs, the first form's bytes and time, CPU time a keystroke and peak
# memory; dialog --form is measured the same way in the same run for
# comparison, and the two are printed side by side against the targets
# of the entry-screens issue. Run by "make bench-tui" (BUILDDIR, SRCDIR,
# HOTICH_FORMS set).
#
# Environment:
#   TUI_SIZE, TUI_TERM  the pty (default 80x24, xterm)
#   TUI_SETTLE          quiet milliseconds that end a keystroke (default 30)
#   BENCH_TUI_OUT       keep the TSV summary, the per-keystroke logs and
#                       the raw output there (default: a temporary directory)
#   BENCH_TUI_HOTICH=0  leave hotich out (dialog only)
#   COUNT               entries in hotich's database (default 1000000)
#   BENCH_TUI_DB        where that database is kept from run to run
#                       (default $BUILDDIR/_bench-tui)
#   HOTICH_READY        text of hotich's first form to wait for
#                       (default "Loại đăng ký", a label of the birth form)
#   HOTICH_KEYS         the keys to type (default tests/bench/hotich-form.keys)
#   HOTICH_QUIT         keys that leave hotich, blank-separated tui-bench key
#                       names (default "M-d y F10 F10 F10": the entry is
#                       thrown away, so that the next run starts on an
#                       empty form too, and hotich left from its home)
set -u

: "${BUILDDIR:=$(pwd)}"
: "${SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
tb=$BUILDDIR/tests/bench/tui-bench
size=${TUI_SIZE:-80x24}
term=${TUI_TERM:-xterm}
settle=${TUI_SETTLE:-30}
count=${COUNT:-1000000}
failed=0

if [ ! -x "$tb" ]; then
	echo "tui-bench: $tb is not built: run 'make bench-tui'" >&2
	exit 2
fi
if [ -n "${BENCH_TUI_OUT:-}" ]; then
	out=$BENCH_TUI_OUT
	mkdir -p "$out" || exit 2
	rm -f "$out/tui.tsv"
else
	out=$(mktemp -d "${TMPDIR:-/tmp}/hotich-tui.XXXXXX") || exit 2
	trap 'rm -rf "$out"' EXIT
fi

# bench LABEL READY KEYFILE [TUI-BENCH OPTION...] -- COMMAND [ARG...]:
# measure one program; its summary is added to $out/tui.tsv.
bench() {
	label=$1 ready=$2 keys=$3
	shift 3
	"$tb" --size "$size" --term "$term" --settle "$settle" \
	    --label "$label" --ready "$ready" --keys "$keys" \
	    --tsv "$out/tui.tsv" --log "$out/$label.keys.tsv" \
	    --raw "$out/$label.raw" "$@"
}

# --- dialog --form, for comparison ----------------------------------------
if command -v dialog >/dev/null 2>&1; then
	echo "tui-bench: dialog --form ($(dialog --version 2>&1))"
	if ! bench dialog Cancel "$SRCDIR/tests/bench/dialog-form.keys" \
	    --quit Enter -- env DIALOGRC=/dev/null dialog \
	    --backtitle "Sổ đăng ký khai sinh" --title "Khai sinh" \
	    --form "Người được đăng ký khai sinh" 16 70 6 \
	    "Họ, chữ đệm, tên:" 1 1 "" 1 26 40 0 \
	    "Ngày, tháng, năm sinh:" 2 1 "" 2 26 12 0 \
	    "Giới tính:" 3 1 "" 3 26 10 0 \
	    "Nơi sinh:" 4 1 "" 4 26 40 0 \
	    "Dân tộc:" 5 1 "" 5 26 20 0 \
	    "Quốc tịch:" 6 1 "Việt Nam" 6 26 20 0; then
		echo "tui-bench: the dialog run failed (see above)"
		failed=1
	fi
else
	echo "tui-bench: dialog is not installed (Debian package dialog):" \
	    "no comparison"
fi

# --- hotich ---------------------------------------------------------------
# The run the entry-screens issue asks for: hotich on a database of COUNT
# birth entries, made by gen and "hotich import" as store-bench.sh does,
# and kept in BENCH_TUI_DB with a stamp so that later runs reuse it.

# The stamp names what decides the database's bytes: the generator's
# arguments, the version, the schema, the default cache and the sources
# of the record and key encodings.
hotich_db() {
	stamp="form=ks count=$count seed=7 $("$BUILDDIR/hotich" --version)"
	stamp="$stamp $(grep -h '^#define STORE_\(SCHEMA\|CACHE_MB\)' \
	    "$SRCDIR/src/store.c" "$SRCDIR/src/store.h" |
	    cat - "$SRCDIR/src/rec.c" "$SRCDIR/src/idxkey.c" | cksum |
	    cut -d' ' -f1)"
	if [ -f "$db/stamp" ] && [ "$(cat "$db/stamp")" = "$stamp" ]; then
		echo "tui-bench: reusing the database of $count entries in $db"
		return 0
	fi
	rm -rf "$db/db" "$db/ks.csv" "$db/stamp"
	mkdir -p "$db" || return 1
	echo "tui-bench: generating and importing $count ks entries into $db"
	"$BUILDDIR/tests/bench/gen" --form ks --count "$count" --seed 7 \
	    --books 40 >"$db/ks.csv" || return 1
	"$BUILDDIR/hotich" --db "$db/db" import --form ks "$db/ks.csv" ||
	    return 1
	rm -f "$db/ks.csv"
	echo "$stamp" >"$db/stamp"
}

# hotich_setup: open the first book from the home screen, so that hotich
# remembers it as the last book of this user; not measured. The user is
# new in each run: no draft or book of an earlier run is in the way.
user=bench$$
hotich_setup() {
	"$tb" --size "$size" --term "$term" --settle "$settle" \
	    --label setup --ready "hotich $("$BUILDDIR/hotich" --version |
	    cut -d' ' -f2)" \
	    --keys "$SRCDIR/tests/bench/hotich-setup.keys" \
	    --tsv "$out/setup.tsv" --quit M-d --quit y --quit F10 --quit F10 \
	    --quit F10 -- env HOTICH_USER=$user "$BUILDDIR/hotich" \
	    --db "$db/db" >"$out/setup.txt" || {
		cat "$out/setup.txt"
		return 1
	}
}

# hotich_run: start "hotich --continue", which opens that book's form at
# once, and type the keys into it.
hotich_run() {
	set --
	for k in ${HOTICH_QUIT:-M-d y F10 F10 F10}; do
		set -- "$@" --quit "$k"
	done
	bench hotich "${HOTICH_READY:-Loại đăng ký}" \
	    "${HOTICH_KEYS:-$SRCDIR/tests/bench/hotich-form.keys}" "$@" -- \
	    env HOTICH_USER=$user "$BUILDDIR/hotich" --db "$db/db" --continue
}

if [ "${BENCH_TUI_HOTICH:-1}" = 1 ] && [ -x "$BUILDDIR/hotich" ]; then
	db=${BENCH_TUI_DB:-$BUILDDIR/_bench-tui}
	if ! hotich_db; then
		echo "tui-bench: could not make hotich's database: hotich" \
		    "not measured"
		failed=1
	elif ! hotich_setup; then
		echo "tui-bench: hotich did not open a book from its home" \
		    "screen: hotich not measured"
		failed=1
	elif ! hotich_run; then
		echo "tui-bench: the hotich run failed (see above)"
		failed=1
	fi
else
	echo "tui-bench: hotich not measured (BENCH_TUI_HOTICH=0)"
fi

# --- side by side ---------------------------------------------------------
[ -s "$out/tui.tsv" ] && awk -F'\t' '
function row(what, key, op, target,	i, v, mark) {
	printf "%-36s %8s", what, op target
	for (i = 1; i <= n; i++) {
		v = val[i, key]
		mark = " "
		if (op == "<=" && v + 0 > target + 0)
			mark = "!"
		printf " %10s%s", v, mark
	}
	printf "\n"
}
NR == 1 {
	for (i = 1; i <= NF; i++)
		col[$i] = i
	next
}
{
	n++
	for (k in col)
		val[n, k] = $col[k]
}
END {
	printf "\n%-36s %8s", "(! misses the target)", "target"
	for (i = 1; i <= n; i++)
		printf " %10s ", val[i, "label"]
	printf "\n"
	row("bytes a typed character, median", "text_bytes_median", "<=", 16)
	row("bytes a typed character, max", "text_bytes_max", "", "")
	row("bytes a named key, median", "nav_bytes_median", "", "")
	row("full redraws on a keystroke", "redraws", "<=", 0)
	row("bytes of the first form", "screen_bytes", "<=", 4096)
	row("ms to the first form", "ready_ms", "<=", 100)
	row("CPU us a keystroke, median", "cpu_us_median", "<=", 100)
	row("CPU us a keystroke, mean", "cpu_us_mean", "", "")
	row("peak memory KB", "peak_kb", "<=", 16384)
	row("run", "result", "", "")
}' "$out/tui.tsv"
exit $failed
