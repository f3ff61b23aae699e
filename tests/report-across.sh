#!/bin/sh
# report-across.sh: "hotich report" over several databases at once, as a
# district reads the replicas of its communes: --db DIR (repeated) and
# --db-glob PATTERN. Three databases of generated registers: the report
# of the three is, cell by cell, the sum of their own reports (computed
# here again with awk; the shares and rates made again from the sums);
# --by commune gives a column each, with each one's own numbers, and the
# total; --db-glob finds the same three and skips, with a warning, a
# directory that is not a database; a database that cannot be opened
# stops the report (exit 3, its directory named, nothing printed); the
# text for the printer keeps to 80 columns, with the district's heading;
# bad options are usage errors (exit 2).

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

T=$TMPDIR_T
D=$T/district
GEN=$BUILDDIR/tests/bench/gen
PERIOD="--from 2000 --to 2099"

mkdir -p "$D"
n=0
for c in a:11:350 b:12:420 c:13:280; do
	name=${c%%:*}
	rest=${c#*:}
	seed=${rest%%:*}
	count=${rest#*:}
	n=$((n + 1))
	"$HOTICH" --db "$D/$name" init --office "UBND xã Số $n" >/dev/null &&
	"$GEN" --form ks --count "$count" --seed "$seed" --books 3 \
	    --year 2019 --status-rate 0.02 >"$T/$name.csv" &&
	"$HOTICH" --db "$D/$name" import --form ks "$T/$name.csv" \
	    >/dev/null || echo "Bail out! cannot make the database $name"
done
A=$D/a B=$D/b C=$D/c
# Deaths in the second, so that each register has its share.
"$GEN" --form kt --count 150 --seed 22 --books 2 --year 2019 >"$T/b-kt.csv" &&
"$HOTICH" --db "$B" import --form kt "$T/b-kt.csv" >/dev/null ||
    echo "Bail out! cannot add deaths to the database b"

# csv FILE: the CSV on standard input, without its carriage returns.
csv() {
	tr -d '\r' >"$1"
}

# vn N: the whole number N as the text report writes it (12.345).
vn() {
	awk -v n="$1" 'BEGIN {
		while (length(n) > 3) {
			s = "." substr(n, length(n) - 2) s
			n = substr(n, 1, length(n) - 3)
		}
		print n s
	}'
}

# Each database's own report, then the three together.
for name in a b c; do
	"$HOTICH" --db "$D/$name" report $PERIOD --format csv |
	    csv "$T/one-$name.csv"
done
"$HOTICH" report $PERIOD --format csv --db "$A" --db "$B" --db "$C" \
    >"$T/sum.crlf" 2>"$T/sum.err"
ok $? "report --db A --db B --db C"
csv "$T/sum.csv" <"$T/sum.crlf"
[ ! -s "$T/sum.err" ]
ok $? "says nothing on stderr"
is "$(head -1 "$T/sum.csv")" "table,group,measure,value" \
    "in the layout of one database's report"

# The sum made here (tests/report-sum.awk): counts added, then the shares
# and rates made again from the sums.
awk -f "$SRCDIR/tests/report-sum.awk" "$T/one-a.csv" "$T/one-b.csv" \
    "$T/one-c.csv" >"$T/want.sum"
sed 1d "$T/sum.csv" | sort >"$T/got.sum"
cells "$T/got.sum" "$T/want.sum" "every cell is the sum of the three reports'"
got=$(grep -c '^births,total,births,' "$T/sum.csv")
want=$(for name in a b c; do
	sed -n 's/^births,total,births,//p' "$T/one-$name.csv"; done |
	awk '{ s += $1 } END { print s }')
[ "$got" -eq 1 ] && grep -q "^births,total,births,$want\$" "$T/sum.csv" &&
    [ "$want" -gt 0 ]
ok $? "$want births in all, one total row"
all=$(for f in a b c b-kt; do sed 1d "$T/$f.csv"; done | wc -l | tr -d ' ')
grep -q "^typed_by_day,total,entries,$all\$" "$T/sum.csv" &&
    grep -q "^typed_by_clerk,total,entries,$all\$" "$T/sum.csv"
ok $? "the work done: the $all entries typed into the three"
sed -n 's/^typed_by_day,\([0-9]*\),entries,.*/\1/p' "$T/sum.csv" |
    sort -cu 2>/dev/null
ok $? "the days of the three in order, once each"

# --by commune: a column each, labelled by its office, and the total.
"$HOTICH" report $PERIOD --format csv --by commune --db "$A" --db "$B" \
    --db "$C" >"$T/communes.crlf"
ok $? "report --by commune --format csv"
csv "$T/communes.csv" <"$T/communes.crlf"
is "$(head -1 "$T/communes.csv")" \
    "table,group,measure,UBND xã Số 1,UBND xã Số 2,UBND xã Số 3,total" \
    "a column for each commune, by its office, and the total"
# Back to the layout of one report: one file a column.
for col in 1 2 3 4; do
	awk -v column="$col" -f "$SRCDIR/tests/report-sum.awk" \
	    "$T/communes.csv" | sort >"$T/col$col"
done
bad=0
for col in 1 2 3; do
	name=$(echo abc | cut -c"$col")
	# Its own value of each group of the sum; empty for one it lacks.
	awk -v groups_of="$T/col$col" -f "$SRCDIR/tests/report-sum.awk" \
	    "$T/one-$name.csv" >"$T/own$col"
	if ! cmp -s "$T/own$col" "$T/col$col"; then
		diag "commune $name: $(diff "$T/col$col" "$T/own$col" |
		    head -5)"
		bad=1
	fi
done
ok $bad "each commune's column holds its own report's numbers"
cmp -s "$T/col4" "$T/got.sum"
ok $? "and the total column the sum"

# --db-glob: the same three, a directory that is no database skipped.
mkdir "$D/not-a-database"
echo x >"$D/README"
"$HOTICH" report $PERIOD --format csv --db-glob "$D/*" >"$T/glob.crlf" \
    2>"$T/glob.err"
ok $? "report --db-glob '$D/*'"
csv "$T/glob.csv" <"$T/glob.crlf"
cmp -s "$T/glob.csv" "$T/sum.csv"
ok $? "finds the three: the same report"
grep -q "$D/not-a-database: not a hotich database, skipped" "$T/glob.err" &&
    grep -q "$D/README: not a hotich database, skipped" "$T/glob.err"
ok $? "and says what it skipped"
"$HOTICH" report $PERIOD --format csv --db-glob "$D/[ab]" --db "$C" \
    --db "$A" 2>"$T/twice.err" | csv "$T/twice.csv"
cmp -s "$T/twice.csv" "$T/sum.csv" && grep -q "$A: given twice" \
    "$T/twice.err"
ok $? "--db-glob and --db together; a database given twice counted once"

# A database that cannot be opened: no report, its directory named.
"$HOTICH" report $PERIOD --db "$A" --db "$T/nowhere" --db "$C" \
    >"$T/missing.out" 2>"$T/missing.err"
is $? 3 "a missing database: exit 3"
grep -q "$T/nowhere" "$T/missing.err" && [ ! -s "$T/missing.out" ]
ok $? "naming it, with nothing printed"
"$HOTICH" report $PERIOD --format csv --db "$A" --db "$D/not-a-database" \
    >"$T/notdb.out" 2>"$T/notdb.err"
is $? 3 "a directory given by --db that is not a database: exit 3"
grep -q "$D/not-a-database" "$T/notdb.err" && [ ! -s "$T/notdb.out" ]
ok $? "named, nothing printed"

# An encrypted database takes its passphrase as usual.
HOTICH_PASSPHRASE=s3cret "$HOTICH" --db "$T/enc" init --encrypt \
    --office "UBND xã Số 4" >/dev/null &&
HOTICH_PASSPHRASE=s3cret "$HOTICH" --db "$T/enc" import --form ks \
    "$T/a.csv" >/dev/null || echo "Bail out! cannot make the encrypted one"
HOTICH_PASSPHRASE=s3cret "$HOTICH" report $PERIOD --format csv \
    --by commune --db "$A" --db "$T/enc" | csv "$T/enc.csv"
awk -F, '$1 == "births" && $2 == "total" && $3 == "births" &&
    $4 == $5 && $4 > 0 && $6 == 2 * $4 { found = 1 }
    END { exit !found }' "$T/enc.csv"
ok $? "an encrypted database, with HOTICH_PASSPHRASE, counts the same"
# Away from the terminal, where the passphrase would be asked.
notty=
setsid -w true 2>/dev/null && notty="setsid -w"
HOTICH_PASSPHRASE= $notty "$HOTICH" report $PERIOD --db "$A" --db "$T/enc" \
    </dev/null >"$T/enc.out" 2>"$T/enc.err"
st=$?
[ "$st" -eq 3 ] && grep -q "$T/enc" "$T/enc.err" && [ ! -s "$T/enc.out" ]
ok $? "without its passphrase: exit 3, named ($st)"

# The text for the printer: within 80 columns, the district's heading.
"$HOTICH" report $PERIOD --db "$A" --db "$B" --db "$C" --date 05/01/2025 \
    --place "Phú Tân" >"$T/sum.txt"
ok $? "the text report of the three"
[ "$(tr '\f' '\n' <"$T/sum.txt" | LC_ALL=C.UTF-8 wc -L)" -le 80 ]
ok $? "no line is wider than 80 columns"
grep -q 'Summary of 3 communes' "$T/sum.txt" &&
    grep -q 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' "$T/sum.txt" &&
    grep -q 'Phú Tân, ngày 05 tháng 01 năm 2025' "$T/sum.txt" &&
    grep -q 'THỦ TRƯỞNG ĐƠN VỊ' "$T/sum.txt"
ok $? "the heading names the sum of 3 communes; the date and signatures"
pages=$(grep -c 'Trang [0-9]*/' "$T/sum.txt")
grep -q "Trang $pages/$pages" "$T/sum.txt"
ok $? "$pages pages, numbered"
"$HOTICH" report $PERIOD --db "$A" --db "$B" --db "$C" --date 05/01/2025 \
    --office "UBND huyện Phú Tân" --superior "UBND tỉnh An Giang" \
    >"$T/office.txt"
grep -q 'UBND huyện Phú Tân' "$T/office.txt" &&
    grep -q 'UBND tỉnh An Giang' "$T/office.txt" &&
    ! grep -q 'Summary of' "$T/office.txt"
ok $? "--office names the district instead"
"$HOTICH" report $PERIOD --by commune --db "$A" --db "$B" --db "$C" \
    --date 05/01/2025 >"$T/communes.txt"
ok $? "the text report --by commune"
[ "$(tr '\f' '\n' <"$T/communes.txt" | LC_ALL=C.UTF-8 wc -L)" -le 80 ]
ok $? "no line is wider than 80 columns"
b1=$(vn "$(sed -n 's/^births,total,births,//p' "$T/one-a.csv")")
grep -q "^| UBND xã Số 1 *| *$b1 |" "$T/communes.txt" &&
    grep -q '^| UBND xã Số 3 ' "$T/communes.txt" &&
    grep -q "^| Total *| *$(vn "$want") |" "$T/communes.txt"
ok $? "a row for each commune ($b1 births in the first), then the total"
grep -q '^| All 3 communes ' "$T/communes.txt" &&
    grep -q '^|   Births ' "$T/communes.txt"
ok $? "a table of several rows: a group for each, then all 3 communes"
"$HOTICH" --lang vi report $PERIOD --db "$A" --db "$B" --db "$C" \
    --date 05/01/2025 --encoding tcvn3 >"$T/tcvn3.txt"
ok $? "in Vietnamese, TCVN3"
[ "$(tr '\f' '\n' <"$T/tcvn3.txt" | LC_ALL=C awk '{ print length }' |
    sort -n | tail -1)" -le 80 ]
ok $? "still within 80 columns, a byte a letter"

# One database given by --db is the report of that database.
"$HOTICH" report $PERIOD --format csv --db "$B" | csv "$T/just-b.csv"
cmp -s "$T/just-b.csv" "$T/one-b.csv"
ok $? "one --db: the report of that database alone"

# Refused options: usage errors, exit 2.
for bad in "--db-glob '$D/nothing-*'" "--db-glob '$D/not-a-database'" \
    "--by communes" "--db ''"; do
	eval "set -- $bad"
	"$HOTICH" report $PERIOD "$@" >"$T/bad.out" 2>"$T/bad.err"
	st=$?
	[ "$st" -eq 2 ] && grep -q 'usage: hotich report' "$T/bad.err" &&
	    [ ! -s "$T/bad.out" ]
	ok $? "report $bad: a usage error ($st)"
done
"$HOTICH" report --db-glob "$D/nothing-*" 2>"$T/bad.err"
grep -q "no hotich database matches $D/nothing-\*" "$T/bad.err"
ok $? "naming the pattern that matches nothing"

done_testing
