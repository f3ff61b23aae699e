#!/bin/sh
# encoding-seeds.sh CORPUS: seed the encoding fuzzer. The first byte of an
# input picks the encoding (mod 6: utf-8 tcvn3 vni viscii cp1258 viqr) and
# the chunk size; the seeds are the test sample as UTF-8 for every
# encoding, the sample in each legacy encoding iconv knows, and VIQR text.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
s="$top/tests/encoding/sample.txt"

# seed NAME SELECTOR: the selector byte, then standard input.
seed() {
	{ printf "\\$(printf %03o "$2")"; cat; } >"$1/$3"
}
for sel in 6 1 2 3 4 5 13 20 27 100; do
	seed "$1" "$sel" "utf8-$sel" <"$s"
done
for e in TCVN5712-1:1 VISCII:3 CP1258:4; do
	iconv -f UTF-8 -t "${e%:*}" "$s" >"$1/tmp" 2>/dev/null || continue
	seed "$1" "${e#*:}" "${e%:*}" <"$1/tmp"
	seed "$1" "$(( ${e#*:} + 6 ))" "${e%:*}-by3" <"$1/tmp"
	rm -f "$1/tmp"
done
cut -f 1,6 "$top/tests/encoding/legacy_vn_tables.tsv" | seed "$1" 2 vni-table
printf 'Ha` No^.i la` thu? ddo^ cu?a Vie^.t Nam. d\\dd \\\\ x\\.\n' |
    seed "$1" 5 viqr
printf 'Nguye^~n Thi. Thu?y, DDa(.ng Va(n Hoa`, ngu+o+`i\n' |
    seed "$1" 11 viqr-by4
