#!/bin/sh
# run.sh: build the libFuzzer target with clang and run it.
#
#	fuzz/run.sh [SECONDS]		(default 300)
#
# Builds in _fuzz/ (configure --enable-fuzzing, clang, ASan and UBSan),
# seeds a corpus from forms/ and the golden tests, runs for SECONDS with
# leak detection on, and prints libFuzzer's final statistics. A crash or
# a leak leaves its input in _fuzz/ and the script exits non-zero.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-300}
out="$top/_fuzz"

mkdir -p "$out"
cd "$out"
if [ ! -f Makefile ]; then
	[ -x "$top/configure" ] || (cd "$top" && ./autogen.sh)
	CC=clang "$top/configure" --enable-fuzzing --quiet
fi
make -j"$(nproc)" fuzz/form-fuzzer >/dev/null

corpus="$out/corpus"
mkdir -p "$corpus"
cp "$top"/forms/*.form "$top"/forms/*.inc "$corpus"/
for d in "$top"/tests/forms/*/; do
	cp "$d/in.form" "$corpus/golden-$(basename "$d").form"
done

./fuzz/form-fuzzer -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -dict="$top/fuzz/form-fuzzer.dict" -max_len=65536 -detect_leaks=1 \
    -print_final_stats=1 "$corpus" 2>&1 | tee "$out/last-run.log" | \
    grep -E '^(stat::|#[0-9]+ *DONE|==[0-9]+==|SUMMARY|INFO: Seed|Done)' || true
grep -q 'stat::number_of_executed_units' "$out/last-run.log"
! grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error' \
    "$out/last-run.log"
