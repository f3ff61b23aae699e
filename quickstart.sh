#!/bin/sh
# quickstart.sh: set hotich up on a fresh Debian or Ubuntu machine.
#
#	./quickstart.sh		install what is missing, build, and open hotich
#				on a demo database in ./_demo
#	./quickstart.sh check	the same setup, then build with AddressSanitizer
#				and UBSan and run the whole test suite, then
#				"make distcheck"
#
# Packages are installed with apt-get (as root, or through sudo). Builds go
# to _build/ (normal) and _check/ (sanitizers); nothing is installed
# system-wide except the Debian packages.
set -eu

cd "$(dirname "$0")"
top=$(pwd)
mode=${1:-run}
case $mode in
run|check) ;;
*)	echo "usage: $0 [check]" >&2; exit 2 ;;
esac

# What the build, the tests and the program need, by Debian package name.
packages="build-essential autoconf automake autopoint pkg-config gettext
    libncurses-dev libdb-dev libunistring-dev libcrypt-dev libxlsxwriter-dev
    libmd-dev db5.3-util tmux"
# And what only the tests need: python3 reads the Excel files back and
# picks free ports; ip and sshd make the SSH tunnel of the replication
# test.
[ "$mode" = check ] && packages="$packages python3 iproute2 openssh-server
    openssh-client"

say() {
	printf '==> %s\n' "$*"
}

missing=
for p in $packages; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		sudo=
	elif command -v sudo >/dev/null 2>&1; then
		sudo=sudo
	else
		echo "$0: need root or sudo to install:$missing" >&2
		exit 1
	fi
	say "installing:$missing"
	$sudo apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
	    --no-install-recommends $missing
fi

jobs=$(nproc 2>/dev/null || echo 2)

if [ ! -x configure ] || [ configure.ac -nt configure ] ||
    [ Makefile.am -nt configure ]; then
	say "generating configure"
	./autogen.sh >/dev/null 2>&1 || ./autogen.sh
fi

# Run from the build tree: forms, keymaps and translations come from here.
export HOTICH_FORMS="$top/forms"
export HOTICH_KEYMAPS="$top/keymaps"

if [ "$mode" = run ]; then
	mkdir -p _build
	cd _build
	[ -f Makefile ] || { say "configuring"; ../configure --quiet; }
	say "building"
	make -j"$jobs" >/dev/null
	export HOTICH_LOCALEDIR="$top/_build/po/locale"
	mkdir -p "$top/_demo"
	say "starting hotich on the demo database $top/_demo"
	exec ./hotich --db "$top/_demo"
fi

mkdir -p _check
cd _check
if [ ! -f Makefile ]; then
	say "configuring with AddressSanitizer and UBSan"
	../configure --quiet --enable-asan --enable-werror
fi
say "building"
make -j"$jobs" >/dev/null
say "running the test suite"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
if ! make -j"$jobs" check; then
	for log in $(find . -name '*.log' -newer Makefile); do
		grep -l '^not ok\|^ERROR\|Sanitizer' "$log" >/dev/null 2>&1 &&
		    { echo "---- $log"; tail -40 "$log"; }
	done
	exit 1
fi
say "checking the release tarball (make distcheck)"
unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
if ! make -j"$jobs" distcheck >/dev/null; then
	# The tarball's build is left in place when it fails: show why.
	for log in $(find hotich-* -name '*.log' 2>/dev/null); do
		grep -l '^not ok\|^ERROR\|^FAIL' "$log" >/dev/null 2>&1 &&
		    { echo "---- $log"; tail -40 "$log"; }
	done
	exit 1
fi
say "all tests passed"
