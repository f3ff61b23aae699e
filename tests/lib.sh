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

# skip REASON: report one test as skipped, with why.
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1"
}

# cells GOT WANT DESCRIPTION: one test: the files GOT and WANT hold the
# same lines in any order (a report's cells), and more than 100 of them;
# the first differences are shown when they do not.
cells() {
	sort "$1" >"$TMPDIR_T/cells.got"
	sort "$2" >"$TMPDIR_T/cells.want"
	cells_n=$(wc -l <"$TMPDIR_T/cells.want" | tr -d ' ')
	[ "$cells_n" -gt 100 ] &&
	    cmp -s "$TMPDIR_T/cells.got" "$TMPDIR_T/cells.want"
	cells_r=$?
	ok $cells_r "$3 ($cells_n cells)"
	[ $cells_r -eq 0 ] ||
	    diag "$(diff "$TMPDIR_T/cells.got" "$TMPDIR_T/cells.want" |
	    head -20)"
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

# replay_seeds TARGET MIN: make the seeds of fuzz/TARGET-seeds.sh and
# replay them through fuzz/TARGET-replay (the fuzz target with a plain
# main()), so that "make check" runs the target's invariants under the
# sanitizers of this build; at least MIN seeds must be replayed.
replay_seeds() {
	mkdir -p "$TMPDIR_T/$1"
	sh "$SRCDIR/fuzz/$1-seeds.sh" "$TMPDIR_T/$1"
	ok $? "the $1 seeds are made"
	rs_out=$("$BUILDDIR/fuzz/$1-replay" "$TMPDIR_T/$1" 2>&1)
	ok $? "the $1 fuzz target survives its seeds"
	diag "$rs_out"
	rs_n=$(printf '%s\n' "$rs_out" |
	    sed -n 's/^replayed \([0-9]*\) inputs$/\1/p')
	[ "${rs_n:-0}" -ge "$2" ]
	ok $? "at least $2 $1 seeds replayed (got ${rs_n:-0})"
}

# ks_csv COUNT [FIRST] [YEAR]: print a CSV of COUNT valid birth entries
# numbered from FIRST (default 1) in one book of YEAR (default 2001);
# every row differs from every other.
ks_csv() {
	awk -v n="$1" -v first="${2:-1}" -v year="${3:-2001}" 'BEGIN {
		split("Nguyễn Trần Lê Phạm Hoàng Phan Vũ Đặng Bùi Đỗ", ho, " ")
		split("An Bình Cường Dũng Giang Hà Hải Hòa Hùng Lan Mai Nam Thủy Tâm Vy", ten, " ")
		print "co_quan_dang_ky,cap_co_quan,nguon_so,the_he_mau," \
		    "quyen_so,nam_dang_ky,so,ngay_dang_ky,loai_dang_ky," \
		    "nks_ho_ten,nks_gioi_tinh,nks_ngay_sinh,nks_noi_sinh," \
		    "nks_dan_toc,nks_quoc_tich,loai_khai_sinh," \
		    "trang_thai_ban_ghi,me_ho_ten,cha_ho_ten,cha_ho_ten__status"
		for (i = first; i < first + n; i++) {
			d = i % 28 + 1; m = int(i / 28) % 12 + 1
			printf "UBND xã Tân Phú,XA,BAN_GOC,1998,01,%d,%d/%d," \
			    "%02d/%02d/%d,1,%s Văn %s,1,%02d/%02d/%d," \
			    "Trạm Y tế xã,01,VN,1,BINH_THUONG," \
			    "%s Thị %s,,blank\n", year, i, year, d, m, year,
			    ho[i % 10 + 1], ten[int(i / 10) % 15 + 1],
			    d, m, year, ho[int(i / 7) % 10 + 1],
			    ten[i % 15 + 1]
		}
	}'
}

# count_rows FILE: the number of data rows of a CSV file without
# embedded newlines.
count_rows() {
	echo $(($(wc -l < "$1") - 1))
}
