#!/bin/sh
# replicate-district.sh: a district report over three replicas equals the
# sum of the three communes' own reports. Three communes' databases of
# generated registers (deaths in the second, a child registered in the
# first and the third), each replicated, on loopback ports this test
# picks, to a replica under one district directory: entries written
# before the replication starts, while it runs, and while a replica is
# stopped, then caught up. The report of the three replicas is, cell by
# cell, the sum of the communes' own reports, read on their databases
# (made again with tests/report-sum.awk), by --db and by --db-glob;
# --by commune gives each commune's own numbers; a replica alone reports
# as its master; the child is found by dedup --across on the replicas;
# the text for the printer keeps to 80 columns; a replica takes no
# entries.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/rep-lib.sh"

T=$TMPDIR_T
D=$T/district
GEN=$BUILDDIR/tests/bench/gen
SUM=$SRCDIR/tests/report-sum.awk
PERIOD="--from 2000 --to 2099"

# Six ports, two a commune: the commune's and its replica's.
ports=
while [ "$(echo $ports | wc -w)" -lt 6 ]; do
	p=$(free_port)
	case " $ports " in *" $p "*) ;; *) ports="$ports $p" ;; esac
done
set -- $ports
pm_a=$1 pr_a=$2 pm_b=$3 pr_b=$4 pm_c=$5 pr_c=$6
diag "communes on $pm_a $pm_b $pm_c, their replicas on $pr_a $pr_b $pr_c"

# csv FILE: the CSV on standard input, without its carriage returns.
csv() {
	tr -d '\r' >"$1"
}

# imported DB FORM FILE: import FILE into DB; no entry refused.
imported() {
	"$HOTICH" --db "$1" import --form "$2" "$3" >"$T/import.out" 2>&1 &&
	    grep -q ' 0 refused' "$T/import.out" && return 0
	diag "$1 $3: $(cat "$T/import.out")"
	return 1
}

# caught_up X: wait until commune X's replica holds its entries, of both
# forms for the second, which has deaths.
caught_up() {
	same "$T/$1" "$D/$1" || return 1
	[ "$1" = b ] || return 0
	REP_FORM=kt
	same "$T/$1" "$D/$1"
	cu_st=$?
	unset REP_FORM
	return $cu_st
}

# The child registered in the first and the third commune, under other
# numbers of a book the generator never writes.
KS_HEAD=co_quan_dang_ky,cap_co_quan,nguon_so,the_he_mau,quyen_so,\
nam_dang_ky,so,ngay_dang_ky,loai_dang_ky,nks_ho_ten,nks_gioi_tinh,\
nks_ngay_sinh,nks_noi_sinh,nks_dan_toc,nks_quoc_tich,loai_khai_sinh,\
trang_thai_ban_ghi,me_ho_ten,cha_ho_ten
for c in a:1:901:20/06/2015 c:3:931:02/07/2015; do
	set -- $(echo "$c" | tr : ' ')
	{
		echo "$KS_HEAD"
		printf 'UBND xã Số %s,XA,BAN_GOC,2006,99,2015,%s,%s,1,' \
		    "$2" "$3" "$4"
		printf 'Lò Văn Khởi,1,05/06/2015,Trạm Y tế xã,Thái,Việt Nam,'
		printf '1,BINH_THUONG,Lò Thị Xuân,Lò Văn Pó\n'
	} >"$T/$1-child.csv"
done

# The communes: made, the child imported, then replicated.
fail=0
mkdir -p "$D"
n=0
for x in a b c; do
	n=$((n + 1))
	"$HOTICH" --db "$T/$x" init --office "UBND xã Số $n" >/dev/null ||
	    fail=1
	[ ! -f "$T/$x-child.csv" ] || imported "$T/$x" ks "$T/$x-child.csv" ||
	    fail=1
	eval "pm=\$pm_$x pr=\$pr_$x"
	start "m_$x" "$T/$x" --listen "127.0.0.1:$pm" --peer "127.0.0.1:$pr"
	start "r_$x" "$D/$x" --replica --listen "127.0.0.1:$pr" \
	    --peer "127.0.0.1:$pm"
done
ok $fail "three communes' databases made, the child in the first and third"
fail=0
for x in a b c; do
	up "$T/$x" || { fail=1; diag "$x: $(tail -5 "$T/$x.replog")"; }
done
ok $fail "the three communes' replication starts"

# Their registers, of their own office: births of different sizes,
# deaths in the second; the last 120 births of the third kept for later.
fail=0
for c in a:1:31:520 b:2:32:430 c:3:33:480; do
	set -- $(echo "$c" | tr : ' ')
	"$GEN" --form ks --count "$4" --seed "$3" --books 3 --year 2019 \
	    --status-rate 0.02 --office "UBND xã Số $2" >"$T/$1.gen" ||
	    fail=1
done
"$GEN" --form kt --count 150 --seed 42 --books 2 --year 2019 \
    --office "UBND xã Số 2" >"$T/b-kt.csv" || fail=1
mv "$T/a.gen" "$T/a.csv"
mv "$T/b.gen" "$T/b.csv"
head -361 "$T/c.gen" >"$T/c.csv"
{ head -1 "$T/c.gen"; sed 1,361d "$T/c.gen"; } >"$T/c-later.csv"
[ "$(count_rows "$T/c-later.csv")" -eq 120 ] || fail=1
ok $fail "the communes' registers are generated"

# Written while replicating.
fail=0
for x in a b c; do
	imported "$T/$x" ks "$T/$x.csv" || fail=1
done
imported "$T/b" kt "$T/b-kt.csv" || fail=1
ok $fail "the communes import their registers while replicating"
fail=0
for x in a b c; do
	caught_up "$x" || fail=1
done
ok $fail "each replica holds exactly its commune's entries"

# The third's replica stopped; the commune writes on; restarted from its
# settings, it catches up.
stop "$r_c"
imported "$T/c" ks "$T/c-later.csv"
ok $? "the third commune imports 120 more while its replica is stopped"
dump "$T/c" "$T/c.exp"
dump "$D/c" "$T/rc.exp"
! cmp -s "$T/c.exp" "$T/rc.exp"
ok $? "its replica is behind"
start r_c "$D/c"
caught_up c
ok $? "restarted, it catches up"
for x in a b; do
	caught_up "$x" || diag "the replica $x is no longer its commune's"
done

# Each commune's own report, read on its own database; then the report of
# the three replicas.
for x in a b c; do
	"$HOTICH" --db "$T/$x" report $PERIOD --format csv | csv "$T/one-$x.csv"
done
"$HOTICH" report $PERIOD --format csv --db "$D/a" --db "$D/b" --db "$D/c" \
    >"$T/sum.crlf" 2>"$T/sum.err"
ok $? "report --db over the three replicas"
csv "$T/sum.csv" <"$T/sum.crlf"
is "$(cat "$T/sum.err")" "" "says nothing on stderr"

awk -f "$SUM" "$T/one-a.csv" "$T/one-b.csv" "$T/one-c.csv" >"$T/want.sum"
sed 1d "$T/sum.csv" | sort >"$T/got.sum"
cells "$T/got.sum" "$T/want.sum" \
    "each cell is the sum of the communes' own reports"
all=$(for f in a b c b-kt c-later a-child c-child; do sed 1d "$T/$f.csv"
    done | wc -l | tr -d ' ')
grep -q "^typed_by_day,total,entries,$all\$" "$T/sum.csv" &&
    grep -q "^typed_by_clerk,total,entries,$all\$" "$T/sum.csv"
ok $? "the work done: the $all entries typed at the three communes"

# --db-glob: the same three; the replication logs beside them skipped.
"$HOTICH" report $PERIOD --format csv --db-glob "$D/*" >"$T/glob.crlf" \
    2>"$T/glob.err"
ok $? "report --db-glob '$D/*'"
csv "$T/glob.csv" <"$T/glob.crlf"
if cmp -s "$T/glob.csv" "$T/sum.csv"; then
	ok 0 "finds the three replicas: the same report"
else
	ok 1 "finds the three replicas: the same report"
	diag "$(diff "$T/glob.csv" "$T/sum.csv" | head -20)"
fi
is "$(cat "$T/glob.err")" "$(for x in a b c; do
	echo "hotich: $D/$x.replog: not a hotich database, skipped"; done)" \
    "skipping, with a warning, the replicas' logs beside them"

# --by commune: each replica's column is its commune's own report.
"$HOTICH" report $PERIOD --format csv --by commune --db "$D/a" \
    --db "$D/b" --db "$D/c" >"$T/communes.crlf"
ok $? "report --by commune over the three replicas"
csv "$T/communes.csv" <"$T/communes.crlf"
is "$(head -1 "$T/communes.csv")" \
    "table,group,measure,UBND xã Số 1,UBND xã Số 2,UBND xã Số 3,total" \
    "a column for each commune, named by its office, and the total"
bad=0
for col in 1 2 3 4; do
	awk -v column="$col" -f "$SUM" "$T/communes.csv" | sort >"$T/col$col"
done
for col in 1 2 3; do
	x=$(echo abc | cut -c"$col")
	awk -v groups_of="$T/col$col" -f "$SUM" "$T/one-$x.csv" >"$T/own$col"
	if ! cmp -s "$T/own$col" "$T/col$col"; then
		diag "commune $x: $(diff "$T/col$col" "$T/own$col" | head -10)"
		bad=1
	fi
done
ok $bad "each replica's column holds its commune's own numbers"
cmp -s "$T/col4" "$T/got.sum"
ok $? "and the total column the sum"

# A replica alone reports as its master: the CSV, and the text.
for x in a b c; do
	"$HOTICH" --db "$D/$x" report $PERIOD --format csv | csv "$T/rep-$x.csv"
	if cmp -s "$T/rep-$x.csv" "$T/one-$x.csv"; then
		ok 0 "the replica $x reports as its commune"
	else
		ok 1 "the replica $x reports as its commune"
		diag "$(diff "$T/rep-$x.csv" "$T/one-$x.csv" | head -20)"
	fi
done
"$HOTICH" --db "$T/b" report $PERIOD --date 05/01/2025 >"$T/one-b.txt" &&
    "$HOTICH" --db "$D/b" report $PERIOD --date 05/01/2025 >"$T/rep-b.txt" &&
    cmp -s "$T/rep-b.txt" "$T/one-b.txt"
ok $? "the text for the printer too"

# The text report of the three for the printer.
"$HOTICH" report $PERIOD --db "$D/a" --db "$D/b" --db "$D/c" \
    --date 05/01/2025 --place "Phú Tân" >"$T/sum.txt"
ok $? "the text report of the three replicas"
[ "$(tr '\f' '\n' <"$T/sum.txt" | LC_ALL=C.UTF-8 wc -L)" -le 80 ]
ok $? "no line is wider than 80 columns"
grep -q 'Summary of 3 communes' "$T/sum.txt"
ok $? "the heading names the sum of 3 communes"
"$HOTICH" report $PERIOD --by commune --db "$D/a" --db "$D/b" --db "$D/c" \
    --date 05/01/2025 >"$T/communes.txt" &&
    [ "$(tr '\f' '\n' <"$T/communes.txt" | LC_ALL=C.UTF-8 wc -L)" -le 80 ]
ok $? "--by commune too keeps to 80 columns"

# The child registered twice, found on the replicas.
"$HOTICH" dedup --across --db "$D/a" --db "$D/b" --db "$D/c" \
    --format tsv >"$T/x.tsv" 2>"$T/x.err"
ok $? "dedup --across over the three replicas"
if awk -F'\t' '$1 == "UBND xã Số 1" && $3 == 901 &&
    $4 == "UBND xã Số 3" && $6 == 931 &&
    $8 ~ /same name, same birth date/ { f = 1 } END { exit !f }' \
    "$T/x.tsv"; then
	ok 0 "finds the child of the first commune and the third"
else
	ok 1 "finds the child of the first commune and the third"
	diag "$(cat "$T/x.err"; head -5 "$T/x.tsv")"
fi

# A replica takes no entries.
"$HOTICH" --db "$D/a" import --form ks "$T/c-later.csv" >/dev/null \
    2>"$T/ro.err"
is $? 1 "a replica takes no entries: exit 1"
grep -q "read-only replica" "$T/ro.err"
ok $? "and says why"
same "$T/a" "$D/a" 10
ok $? "it still holds exactly its commune's entries"

done_testing
