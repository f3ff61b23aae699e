#!/bin/sh
# run.sh: build one libFuzzer target with clang and run it.
#
#	fuzz/run.sh [TARGET] [SECONDS]		(default: form 300)
#
# TARGET names fuzz/TARGET-fuzzer.c. Builds in _fuzz/ (configure
# --enable-fuzzing, clang, ASan and UBSan), seeds a corpus with
# fuzz/TARGET-seeds.sh (which gets the corpus directory as its argument),
# runs for SECONDS with leak detection on, and prints libFuzzer's final
# statistics. A crash or a leak leaves its input in _fuzz/ and the script
# exits non-zero.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
case ${1:-} in
''|[0-9]*)	target=form ;;
*)		target=$1; shift ;;
esac
secs=${1:-300}
out="$top/_fuzz"

[ -f "$top/fuzz/$target-fuzzer.c" ] || {
	echo "$0: no fuzz target $top/fuzz/$target-fuzzer.c" >&2
	exit 2
}
mkdir -p "$out"
cd "$out"
if [ ! -f Makefile ]; then
	[ -x "$top/configure" ] || (cd "$top" && ./autogen.sh)
	CC=clang "$top/configure" --enable-fuzzing --quiet
fi
make -j"$(nproc)" "fuzz/$target-fuzzer" >/dev/null

corpus="$out/corpus-$target"
mkdir -p "$corpus"
[ ! -f "$top/fuzz/$target-seeds.sh" ] ||
	sh "$top/fuzz/$target-seeds.sh" "$corpus"
dict=
[ ! -f "$top/fuzz/$target-fuzzer.dict" ] ||
	dict="-dict=$top/fuzz/$target-fuzzer.dict"

log="$out/last-run-$target.log"
# shellcheck disable=SC2086
"./fuzz/$target-fuzzer" -max_total_time="$secs" -timeout=10 \
    -rss_limit_mb=2048 $dict -max_len=65536 -detect_leaks=1 \
    -print_final_stats=1 "$corpus" 2>&1 | tee "$log" | \
    grep -E '^(stat::|#[0-9]+ *DONE|==[0-9]+==|SUMMARY|INFO: Seed|Done)' || true
grep -q 'stat::number_of_executed_units' "$log"
! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error' \
    "$log"
