#!/bin/sh
# vntext-seeds.sh CORPUS: seed the Vietnamese text fuzzer with the name
# lists of the unit tests and each pair that must or must not match (the
# target splits its input at the first newline into two strings).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
d="$top/tests/vntext"
cp "$d"/*.txt "$1/"
i=0
grep -v '^#' "$d/pairs.tsv" | while IFS='	' read -r key rel a b; do
	i=$((i + 1))
	printf '%s\n%s' "$a" "$b" >"$1/pair-$i"
done
grep -v '^#' "$d/keys.tsv" | cut -f 1 | while IFS= read -r a; do
	i=$((i + 1))
	printf '%s\n%s' "$a" "$a" >"$1/key-$i"
done
grep -v '^#' "$d/syllables.tsv" | cut -f 1 | paste -d '\n' - - |
    split -l 2 - "$1/syl-"
