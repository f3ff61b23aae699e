#!/bin/sh
# ime.sh: "hotich ime", the input method as a filter: one output line per
# input line, the three methods, the options, vectors from tests/ime/,
# and the error cases with their exit statuses.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"
: "${HOTICH_KEYMAPS:=$SRCDIR/keymaps}"
export HOTICH_KEYMAPS

out=$(printf 'Nguyeenx Thij Thuyr\ntooi laf ai\n' |
    "$HOTICH" ime --method telex)
ok $? "telex exits 0"
is "$out" "Nguyễn Thị Thủy
tôi là ai" "telex: one line out per line in, old style by default"

out=$(printf 'hoaf thuyr khoer\n' | "$HOTICH" ime --method telex \
    --style new)
is "$out" "hoà thuỷ khoẻ" "--style new"
out=$(printf 'hoaf thuyr khoer\n' | "$HOTICH" ime --method=telex \
    --style=old)
is "$out" "hòa thủy khỏe" "--method=telex --style=old"

out=$(printf 'Vie65t Nam\n' | "$HOTICH" ime --method vni)
is "$out" "Việt Nam" "vni"
out=$(printf 'ddi\\. Vie^.t Nam\n' | "$HOTICH" ime --method viqr)
is "$out" "đi. Việt Nam" "viqr, with an escaped full stop"

out=$(printf 'mix w\n' | "$HOTICH" ime --method telex)
is "$out" "mĩ ư" "by default: no restore, a lone w is ư"
out=$(printf 'mix w\n' | "$HOTICH" ime --method telex --restore \
    --no-w-alone)
is "$out" "mix w" "--restore --no-w-alone"

# Empty lines stay, a last line without a newline gets one, CR LF in.
out=$(printf 'as\n\naf\r\nax' | "$HOTICH" ime --method telex | od -c |
    tr -s ' ' | tr -d '\n')
is "$out" "$(printf 'á\n\nà\nã\n' | od -c | tr -s ' ' | tr -d '\n')" \
    "empty lines, CR LF and a missing last newline"

# Backspace (DEL or BS) and the escape byte.
out=$(printf 'vieet\177s chaof\010o \033s\n' | "$HOTICH" ime --method telex)
is "$out" "viế chào s" "DEL and BS are backspace, ESC escapes"

# Some vectors of each method through the command.
for m in telex vni viqr; do
	grep -v '^#' "$SRCDIR/tests/ime/$m.tsv" | grep -v '<' |
	    awk -F '\t' '$3 == "old" && NR % 7 == 0' > "$TMPDIR_T/$m.tsv"
	cut -f1 "$TMPDIR_T/$m.tsv" > "$TMPDIR_T/$m.in"
	cut -f2 "$TMPDIR_T/$m.tsv" > "$TMPDIR_T/$m.want"
	"$HOTICH" ime --method $m < "$TMPDIR_T/$m.in" > "$TMPDIR_T/$m.out"
	ok $? "$m: vectors run"
	n=$(wc -l < "$TMPDIR_T/$m.in")
	cmp -s "$TMPDIR_T/$m.out" "$TMPDIR_T/$m.want"
	ok $? "$m: $n vectors of tests/ime/$m.tsv give the expected text"
	[ $? -eq 0 ] || diag "$(diff "$TMPDIR_T/$m.want" "$TMPDIR_T/$m.out")"
done

# Usage errors: exit 2 with a message.
usage() {
	printf 'x\n' | "$HOTICH" ime "$@" >/dev/null 2>"$TMPDIR_T/err"
	is $? 2 "ime $*: usage error"
	grep -q "usage: hotich ime --method" "$TMPDIR_T/err"
	ok $? "ime $*: and the usage is shown"
}
usage
usage --method
usage --method klingon
usage --method ../telex
usage --method telex --style modern
usage --method telex extra
usage --method telex --frobnicate
err=$(printf 'x\n' | "$HOTICH" ime --method klingon 2>&1 >/dev/null)
case $err in
*"unknown input method 'klingon'"*) r=0 ;;
*) r=1 ;;
esac
ok $r "an unknown method is named"

# Invalid UTF-8: exit 1, the line and the byte offset named; the lines
# before it are still out.
printf 'as\nab\377c\nes\n' | "$HOTICH" ime --method telex \
    >"$TMPDIR_T/out" 2>"$TMPDIR_T/err"
is $? 1 "invalid UTF-8 is refused"
is "$(cat "$TMPDIR_T/err")" \
    "hotich: stdin line 2: invalid UTF-8 at byte offset 2" \
    "with its line and byte offset"
is "$(cat "$TMPDIR_T/out")" "á" "the lines before it are out"
printf 'a\000b\n' | "$HOTICH" ime --method telex >/dev/null 2>&1
is $? 1 "a NUL byte is refused"

# A broken input-method file: exit 1, FILE:LINE:COL: message.
mkdir "$TMPDIR_T/km"
printf 'hotich-im 1\nkey s tone sharp\n' > "$TMPDIR_T/km/bad.im"
err=$(printf 'x\n' | HOTICH_KEYMAPS="$TMPDIR_T/km" "$HOTICH" ime \
    --method bad 2>&1)
is $? 1 "a broken .im file is refused"
is "$err" "$TMPDIR_T/km/bad.im:2:12: unknown tone 'sharp' (known: none, grave, hook, tilde, acute, dot)" \
    "with FILE:LINE:COL: message"

# An input method of one's own is found by name in the keymaps directory.
printf 'hotich-im 1\nkey q tone acute\n' > "$TMPDIR_T/km/mine.im"
out=$(printf 'aq\n' | HOTICH_KEYMAPS="$TMPDIR_T/km" "$HOTICH" ime \
    --method mine)
is "$out" "á" "a keymaps directory of one's own"

# The shipped methods pass their own parser and are in the help.
"$HOTICH" --help | grep -q "hotich ime --method"
ok $? "--help lists ime"

done_testing
