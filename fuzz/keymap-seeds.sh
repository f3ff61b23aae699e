#!/bin/sh
# keymap-seeds.sh CORPUS: seed the keymap fuzzer with the shipped
# default.keys, files with each kind of mistake, and key names (the
# target also reads the first line of its input as a key name).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
c=$1
cp "$top/keymaps/default.keys" "$c/default.keys"
s() { printf "$2" >"$c/$1.keys"; }
s user 'hotich-keys 1\nbind form C-g save-next\nunbind form F5\nbind list q back\n'
s unbind-all 'hotich-keys 1\nunbind-all form\nunbind-all\nbind global F1 help\n'
s quotes 'hotich-keys 1\nbind list "#" search # comment\nbind list '"'\"'"' first\nbind list "'"'"'" last\n'
s crlf-bom '\357\273\277hotich-keys 1\r\nbind form Tab next-field\r\n'
s no-version 'bind form F2 save-next\n'
s bad-version 'hotich-keys 2\nhotich-keys 1\nhotich-keys\n'
s unknown 'hotich-keys 1\nbind frm F99 save-nxt\nbindd form F2\nset x\n'
s wrong-ctx 'hotich-keys 1\nbind list F2 save-next\nbind global F2 ditto\nbind form x next-field\n'
s meta-digit 'hotich-keys 1\nbind global M-1 help\nbind list M-0 back\nbind list M-x back\n'
s extra 'hotich-keys 1\nbind form F2 save-next now\nunbind form\nunbind-all form list\n'
s bad-bytes 'hotich-keys 1\nbind list \001 help\nbind list "\303\244" \377\nbind list "x\n'
s unicode 'hotich-keys 1\nbind list U+00E2 open\nbind list đ open\nbind list U+D800 open\nbind list U+0301 open\n'
s ctrl 'hotich-keys 1\nbind form C-? delete-back\nbind form C-[ discard\nbind form C-1 help\nbind form Ctrl-s help\n'
for k in F1 F24 f12 C-a C-Space 'C-\' M-x M-C-a M-F1 S-Tab BSpace Backspace \
    PgUp pagedown KEnter U+0085 U+00A0 U+10FFFF '#' 'đ' 'M-đ' Esc Space; do
	printf '%s\n' "$k" >"$c/key-$(printf '%s' "$k" | od -An -tx1 | tr -d ' \n').keys"
done
