#!/bin/sh
# cli.sh: the command-line contract: --help, --version, exit statuses,
# "forms check" on the shipped forms, "forms list" and "forms show".

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

out=$("$HOTICH" --version)
ok $? "--version exits 0"
case $out in "hotich "[0-9]*) r=0 ;; *) r=1 ;; esac
ok $r "--version prints 'hotich VERSION'"

out=$("$HOTICH" --help)
ok $? "--help exits 0"
for word in "forms check FILE" "--db DIR" "--forms DIR" "--lang" \
    "Exit status"; do
	case $out in *"$word"*) r=0 ;; *) r=1 ;; esac
	ok $r "--help mentions $word"
done

"$HOTICH" frobnicate >/dev/null 2>&1
is $? 2 "an unknown command is a usage error"
"$HOTICH" --no-such-option >/dev/null 2>&1
is $? 2 "an unknown option is a usage error"
"$HOTICH" forms >/dev/null 2>&1
is $? 2 "forms without a subcommand is a usage error"
"$HOTICH" forms check >/dev/null 2>&1
is $? 2 "forms check without a file is a usage error"
"$HOTICH" --lang fr --version >/dev/null 2>&1
is $? 2 "an unknown language is a usage error"

# Every shipped form passes.
for f in "$SRCDIR"/forms/*.form; do
	out=$("$HOTICH" forms check "$f" 2>&1)
	ok $? "forms check $(basename "$f")"
	[ $? -eq 0 ] || diag "$out"
done
out=$("$HOTICH" forms check "$SRCDIR"/forms/*.form 2>&1)
ok $? "forms check forms/*.form"

# A missing file is refused with its name.
out=$("$HOTICH" forms check "$TMPDIR_T/none.form" 2>&1)
is $? 1 "a missing form file is refused"
is "$out" "$TMPDIR_T/none.form: cannot open: No such file or directory" \
    "and named"
out=$("$HOTICH" forms check "$SRCDIR/forms" 2>&1)
is "$out" "$SRCDIR/forms: cannot open: not a regular file" \
    "a directory is not a form"

# Two files giving the same form id are caught as a directory would.
cp "$SRCDIR/forms/ks.form" "$TMPDIR_T/ks2.form"
sed 's|"common-|"'"$SRCDIR"'/forms/common-|; s|"lists/|"'"$SRCDIR"'/forms/lists/|' \
    "$SRCDIR/forms/ks.form" > "$TMPDIR_T/ks2.form"
out=$("$HOTICH" forms check "$SRCDIR/forms/ks.form" "$TMPDIR_T/ks2.form" 2>&1)
is $? 1 "two files with one form id fail the check"
case $out in *"ks2.form: form id 'ks' is already used by"*) r=0 ;; *) r=1 ;; esac
ok $r "and the second is named"
[ $r -eq 0 ] || diag "$out"

# One good and one bad file: both reported, exit 1.
printf 'hotich-form 1\nform x\n' > "$TMPDIR_T/bad.form"
out=$("$HOTICH" forms check "$SRCDIR/forms/ks.form" "$TMPDIR_T/bad.form" \
    2>"$TMPDIR_T/err")
is $? 1 "a bad file among good ones fails the check"
case $out in *"ks.form: ok, form ks"*) r=0 ;; *) r=1 ;; esac
ok $r "the good one is still reported ok"
grep -q "bad.form: missing 'title' line" "$TMPDIR_T/err"
ok $? "the bad one's errors go to stderr"

# forms list: id TAB title TAB field count, one line per form.
out=$("$HOTICH" forms list)
ok $? "forms list exits 0"
is "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "cmc kh ks kt tdcc " \
    "forms list shows the five registers in file order"
is "$(printf '%s\n' "$out" | grep '^ks	' | cut -f2)" "Sổ đăng ký khai sinh" \
    "the birth form's title"
n=$(printf '%s\n' "$out" | grep '^ks	' | cut -f3)
[ "$n" -gt 50 ]
ok $? "the birth form has more than 50 fields ($n)"

# A broken form in the directory: the others still load, exit 1.
mkdir "$TMPDIR_T/forms"
cp -r "$SRCDIR"/forms/* "$TMPDIR_T/forms/"
cp "$TMPDIR_T/bad.form" "$TMPDIR_T/forms/zz.form"
out=$("$HOTICH" --forms "$TMPDIR_T/forms" forms list 2>"$TMPDIR_T/err")
is $? 1 "a broken form in the directory fails forms list"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 5 "but the five good ones are listed"
grep -q "zz.form: missing 'title' line" "$TMPDIR_T/err"
ok $? "and the broken one is named"
out=$(HOTICH_FORMS="$TMPDIR_T/forms" "$HOTICH" forms list 2>/dev/null)
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 5 '$HOTICH_FORMS is read'
out=$("$HOTICH" --forms "$TMPDIR_T/nothing" forms list 2>&1)
is $? 1 "a missing forms directory is refused"

# forms show.
out=$("$HOTICH" forms show ks)
ok $? "forms show ks"
printf '%s\n' "$out" | grep -q '^  R--  nks_ho_ten  *name .* nksHoTen  *Họ, chữ đệm, tên$'
ok $? "forms show lists a field with its type, column and label"
"$HOTICH" forms show nope >/dev/null 2>&1
is $? 1 "forms show of an unknown form is refused"

# The example form of hotich-forms(5) is a form that passes the check.
mkdir "$TMPDIR_T/ex"
ln -s "$SRCDIR/forms/lists" "$TMPDIR_T/ex/lists"
sed -n '/^\.Sh EXAMPLES/,/^\.Sh DIAGNOSTICS/p' "$SRCDIR/docs/hotich-forms.5" |
    awk '/^\.Bd -literal/ { f++; next } /^\.Ed/ { if (f == 1) exit } f == 1' \
    > "$TMPDIR_T/ex/gh.form"
out=$("$HOTICH" forms check "$TMPDIR_T/ex/gh.form" 2>&1)
ok $? "the example form of hotich-forms(5) passes forms check"
[ $? -eq 0 ] || diag "$out"

# Without a command and without a terminal: a clear refusal (the entry
# program itself is tested through tmux in ui.sh).
out=$("$HOTICH" </dev/null 2>&1)
is $? 2 "hotich without a command and without a terminal exits 2"
case $out in *"needs a terminal"*) r=0 ;; *) r=1 ;; esac
ok $r "and says it needs a terminal"

done_testing
