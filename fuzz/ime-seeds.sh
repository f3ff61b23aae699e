#!/bin/sh
# ime-seeds.sh CORPUS: seed the input method fuzzer. The first byte of an
# input picks the method, style and options (see fuzz/ime-fuzzer.c); the
# keys come from the test vectors (30 lines a file, <BS> and <ESC> as the
# bytes they stand for), and the shipped .im files and some broken ones
# are seeds for the parser (first byte 0xf0 and up).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
n=0
for m in telex vni viqr; do
	case $m in telex) b=0 ;; vni) b=1 ;; viqr) b=2 ;; esac
	grep -v '^#' "$top/tests/ime/$m.tsv" | cut -f1 |
	    sed 's/<BS>/\x7f/g; s/<ESC>/\x1b/g' |
	    split -l 30 - "$1/.keys-$m-"
	for f in "$1"/.keys-$m-*; do
		# Method, with the options and the style in turn.
		mode=$((b + 3 * (n % 5) + 16 * (n % 4) + 64 * (n % 2)))
		printf "\\$(printf %o $mode)" > "$1/$m-$(basename "$f")"
		cat "$f" >> "$1/$m-$(basename "$f")"
		rm -f "$f"
		n=$((n + 1))
	done
done
grep -v '^#' "$top/tests/ime/telex_examples.tsv" | cut -f1 |
    { printf '\020'; cat; } > "$1/examples"
for f in "$top"/keymaps/*.im; do
	{ printf '\360'; cat "$f"; } > "$1/im-$(basename "$f")"
done
printf '\361hotich-im 1\nkey s tone sharp\nkey "\nescape a\n' > "$1/im-bad"
printf '\362hotich-im 1\norder postfix\nkey + mark horn uo\nkey "'"'"'" tone acute\nkey w alone a breve\n' \
    > "$1/im-small"
