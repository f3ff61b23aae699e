#!/bin/sh
# forms-golden.sh: every tests/forms/NNNN-*/in.form is checked with
# "hotich forms check in.form" from inside its directory; the output
# (stdout and stderr) and the exit status must equal the file "expected"
# byte for byte. With --update, write "expected" instead (then read each
# one before committing it).

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

update=0
[ "${1:-}" = "--update" ] && update=1

for dir in "$SRCDIR"/tests/forms/[0-9]*/; do
	name=$(basename "$dir")
	got=$(cd "$dir" && "$HOTICH" forms check in.form 2>&1; echo "exit $?")
	if [ "$update" -eq 1 ]; then
		printf '%s\n' "$got" > "$dir/expected"
		continue
	fi
	want=$(cat "$dir/expected" 2>/dev/null)
	is "$got" "$want" "$name"
done
done_testing
