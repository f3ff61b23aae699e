#!/bin/sh
# keys.sh: "hotich keys": the effective bindings after the load order
# (built-in, the user's file, -k FILE), checking keymap files with
# FILE:LINE:COL errors, and the exit statuses.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

# No user file unless a test writes one.
HOME=$TMPDIR_T/home
XDG_CONFIG_HOME=$TMPDIR_T/config
export HOME XDG_CONFIG_HOME
mkdir "$HOME"
tab=$(printf '\t')

out=$("$HOTICH" keys list)
ok $? "keys list exits 0"
n=$(printf '%s\n' "$out" | wc -l)
bad=$(printf '%s\n' "$out" | awk -F '\t' 'NF != 4 || $4 == ""' | wc -l)
[ "$n" -ge 40 ] && [ "$bad" -eq 0 ]
ok $? "$n lines of CONTEXT, KEY, OPERATION and help"
case $out in
*"form${tab}F2${tab}save-next${tab}save the entry and start the next one"*)
	r=0 ;;
*)	r=1 ;;
esac
ok $r "F2 saves and starts the next entry"
is "$(printf '%s\n' "$out" | grep "${tab}delete-back${tab}" | cut -f1,2 |
    tr '\t\n' ': ')" "form:BSpace form:Backspace form:C-h " \
    "the three backspace keys, in the order of default.keys"
is "$("$HOTICH" keys)" "$out" "keys alone is keys list"

out=$("$HOTICH" keys check "$SRCDIR/keymaps/default.keys")
ok $? "default.keys checks"
is "$out" "$SRCDIR/keymaps/default.keys: ok, $n key bindings" \
    "check counts the bindings"

out=$(env HOTICH_LANG=vi "$HOTICH" keys list | grep "^form${tab}F2${tab}")
case $out in *"save the entry"*) r=1 ;; *) r=0 ;; esac
ok $r "the help is translated"
diag "$out"

# A bad file: every error as FILE:LINE:COL on stderr, exit 1.
cat >"$TMPDIR_T/bad.keys" <<'EOF'
hotich-keys 1
# a comment
bind form F2 save-nxt
bind lists Esc back
bind form q quit
EOF
(cd "$TMPDIR_T" && "$HOTICH" keys check bad.keys >out 2>err)
is $? 1 "check of a bad file exits 1"
is "$(cat "$TMPDIR_T/err")" "bad.keys:3:14: unknown operation 'save-nxt' (did you mean 'save-next'?)
bad.keys:4:6: unknown context 'lists' (known: global, form, list)
bad.keys:5:11: 'q' cannot be bound in the form context: it is typed into fields" \
    "the errors, with line and column"
is "$(cat "$TMPDIR_T/out")" "" "nothing on stdout"

"$HOTICH" keys check "$SRCDIR/keymaps/default.keys" "$TMPDIR_T/bad.keys" \
    >/dev/null 2>&1
is $? 1 "one bad file among good ones: exit 1"
"$HOTICH" keys check >/dev/null 2>&1
is $? 2 "check without a file: exit 2"
"$HOTICH" keys frob >/dev/null 2>&1
is $? 2 "an unknown subcommand: exit 2"
"$HOTICH" keys check "$TMPDIR_T/none.keys" 2>"$TMPDIR_T/err"
is $? 1 "a missing file: exit 1"
is "$(cat "$TMPDIR_T/err")" \
    "$TMPDIR_T/none.keys: cannot open: No such file or directory" \
    "a missing file says so"

# form_keys [OPTION...]: KEY=OP for ditto, save-next and entries.
form_keys() {
	"$HOTICH" "$@" keys list |
	    grep -E "^form$tab[^$tab]*$tab(ditto|save-next|entries)$tab" |
	    cut -f2,3 | tr '\t\n' '= '
}

# -k FILE comes last, on top of the user's file.
mkdir -p "$XDG_CONFIG_HOME/hotich"
printf 'hotich-keys 1\nbind form F2 ditto\nbind form C-g save-next\n' \
    >"$XDG_CONFIG_HOME/hotich/keys"
printf 'hotich-keys 1\nbind form C-g entries\nunbind form F3\n' \
    >"$TMPDIR_T/k.keys"
out=$(form_keys)
is "$out" "F5=ditto F2=ditto C-g=save-next F3=entries " \
    "the user file rebinds F2"
out=$(form_keys -k "$TMPDIR_T/k.keys")
is "$out" "F5=ditto F2=ditto C-g=entries " "-k FILE rebinds C-g and unbinds F3"
out2=$(form_keys --lang en --keys="$TMPDIR_T/k.keys")
is "$out2" "$out" "--keys=FILE is -k FILE"

# A bad user file and a missing -k file: errors on stderr, exit 1, and
# the bindings that could be read are listed.
printf 'hotich-keys 1\nbind form F2 nope\n' >"$XDG_CONFIG_HOME/hotich/keys"
out=$("$HOTICH" -k "$TMPDIR_T/none.keys" keys list 2>"$TMPDIR_T/err")
is $? 1 "a bad user file and a missing -k file: exit 1"
is "$(cat "$TMPDIR_T/err")" "$XDG_CONFIG_HOME/hotich/keys:2:14: unknown operation 'nope'
$TMPDIR_T/none.keys: cannot open: No such file or directory" \
    "both errors, in the load order"
case $out in *"form${tab}F2${tab}save-next${tab}"*) r=0 ;; *) r=1 ;; esac
ok $r "the defaults are still listed"

# ~/.config/hotich/keys when XDG_CONFIG_HOME is not set.
mkdir -p "$HOME/.config/hotich"
printf 'hotich-keys 1\nunbind-all\nbind global F1 help\n' \
    >"$HOME/.config/hotich/keys"
out=$(env -u XDG_CONFIG_HOME "$HOTICH" keys list | cut -f1-3)
is "$out" "global${tab}F1${tab}help" "~/.config/hotich/keys, unbind-all"

done_testing
