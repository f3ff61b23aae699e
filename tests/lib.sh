# lib.sh: helpers for hotich's shell tests, which speak TAP.
#
# Source it after setting nothing: it expects HOTICH, SRCDIR, BUILDDIR (set
# by "make check"), falls back to the build tree when run by hand, and
# gives every test a private temporary directory that is removed on exit.

: "${SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${BUILDDIR:=$(pwd)}"
: "${HOTICH:=$BUILDDIR/hotich}"
: "${HOTICH_FORMS:=$SRCDIR/forms}"
: "${HOTICH_LANG:=en}"
export HOTICH_FORMS HOTICH_LANG

tap_n=0
tap_failed=0
TMPDIR_T=$(mktemp -d "${TMPDIR:-/tmp}/hotich-test.XXXXXX") || exit 99
trap 'rm -rf "$TMPDIR_T"' EXIT

# ok COND-STATUS DESCRIPTION: report one test from an exit status.
ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# diag TEXT...: a TAP comment; every line of the text is prefixed.
diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

# is GOT WANT DESCRIPTION: compare two strings, showing both on failure.
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diag "got:"
		diag "$1"
		diag "want:"
		diag "$2"
	fi
}

# done_testing: print the plan and exit 1 if anything failed.
done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
	exit $?
}
