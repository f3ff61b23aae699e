#!/bin/sh
# report.sh: "hotich report" on generated registers of known contents.
# Every total of the events view equals what report-count.awk counts
# again from the exported records, for a year, a month, a quarter and
# days from one month to another; with --by, the groups add up to the
# total; the text for the printer keeps to its width and pages, the
# TCVN3 and ASCII outputs keep every line's width; a fixed dataset gives
# the golden report (tests/report/golden-2024.txt); --print hands the text to lpr; bad options are
# refused.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

T=$TMPDIR_T
DB=$T/db
GEN=$BUILDDIR/tests/bench/gen
AWK=$SRCDIR/tests/report-count.awk

"$HOTICH" --db "$DB" init --office "UBND xã Tân Phú" >/dev/null
ok $? "a database"
seed=1
for fc in ks:3000 kt:1500 kh:800 cmc:300 tdcc:400; do
	form=${fc%:*}
	seed=$((seed + 1))
	"$GEN" --form "$form" --count "${fc#*:}" --seed "$seed" --books 3 \
	    --year 2019 --status-rate 0.02 >"$T/$form.csv" &&
	"$HOTICH" --db "$DB" import --form "$form" "$T/$form.csv" \
	    >/dev/null &&
	"$HOTICH" --db "$DB" export --form "$form" --out "$T/$form.exp" \
	    >/dev/null || echo "Bail out! cannot make the $form register"
done
exports="$T/ks.exp $T/kt.exp $T/kh.exp $T/cmc.exp $T/tdcc.exp"

# compare NAME FROM TO OPTIONS...: the report's totals against the awk's.
compare() {
	name=$1 from=$2 to=$3
	shift 3
	"$HOTICH" --db "$DB" report "$@" --view events --format csv \
	    >"$T/got.crlf"
	st=$?
	tr -d '\r' <"$T/got.crlf" >"$T/got.csv"
	awk -F, '$2 == "total" || $1 == "registers" {
		if ($3 != "share_percent" && $4 != "0" && $4 != "" &&
		    $4 != "0.0") print }' "$T/got.csv" | sort >"$T/got.tot"
	awk -v from="$from" -v to="$to" -f "$AWK" $exports |
	    sort >"$T/want.tot"
	n=$(wc -l <"$T/want.tot" | tr -d ' ')
	if [ "$st" -eq 0 ] && [ "$n" -gt 0 ] &&
	    cmp -s "$T/got.tot" "$T/want.tot"; then
		ok 0 "$name: every total equals the count made again ($n)"
	else
		ok 1 "$name: every total equals the count made again"
		diag "$(diff "$T/got.tot" "$T/want.tot" | head -20)"
	fi
}

compare "the year 2020" 20200101 20201231 --year 2020
compare "March 2021" 20210301 20210331 --month 2021-03
compare "the second quarter of 2020" 20200401 20200630 --quarter 2020-2
compare "the first half of 2021" 20210101 20210630 --half 2021-1
compare "15 February to 20 May 2020" 20200215 20200520 \
    --from 15/02/2020 --to 20/05/2020
compare "2019 to 2022" 20190101 20221231 --from 2019 --to 2022

grep -q '^births,total,births,[1-9]' "$T/got.csv"
ok $? "the period holds births"
grep -q '^other_events,total,parentage,[1-9]' "$T/got.csv" &&
    grep -q '^other_events,total,corrections,[1-9]' "$T/got.csv"
ok $? "and other events: parentage and corrections"

# Groups add up to their total (a quoted group, with commas, is Q).
for by in office type book year clerk; do
	"$HOTICH" --db "$DB" report --year 2020 --by "$by" --view events \
	    --format csv | tr -d '\r' | sed 's/"[^"]*"/Q/g' >"$T/by.csv"
	awk -F, 'NR > 1 && $3 != "share_percent" &&
	    $3 !~ /age/ {
		if ($2 == "total") tot[$1 "," $3] = $4
		else sum[$1 "," $3] += $4
	    }
	    END {
		for (k in tot) if (sum[k] != tot[k]) { print k; bad = 1 }
		exit bad
	    }' "$T/by.csv" >"$T/by.bad"
	ok $? "--by $by: the groups add up to the total"
done
n=$(grep -c '^births,[^,]*,births,' "$T/by.csv")
[ "$n" -ge 2 ]
ok $? "--by clerk gives the clerk and the total ($n rows)"

# The work done: everything was imported today.
"$HOTICH" --db "$DB" report --year "$(date +%Y)" --view work --format csv |
    tr -d '\r' >"$T/work.csv"
all=$(for f in $exports; do sed 1d "$f"; done | wc -l | tr -d ' ')
grep -q "^typed_by_day,total,entries,$all\$" "$T/work.csv"
ok $? "the work view counts the $all entries typed this year"
grep -q "^typed_by_clerk,total,entries,$all\$" "$T/work.csv"
ok $? "by clerk too"

# The text for the printer.
"$HOTICH" --db "$DB" report --year 2020 --by book --place "Tân Phú" \
    --date 05/01/2021 >"$T/r80.txt"
ok $? "the text report"
[ "$(tr '\f' '\n' <"$T/r80.txt" | LC_ALL=C.UTF-8 wc -L)" -le 80 ]
ok $? "no line is wider than 80 columns"
pages=$(grep -c 'Trang [0-9]*/' "$T/r80.txt")
ff=$(tr -cd '\f' <"$T/r80.txt" | wc -c | tr -d ' ')
[ "$pages" -ge 2 ] && [ "$ff" -eq $((pages - 1)) ]
ok $? "$pages pages, each numbered, with $ff form feeds between them"
grep -q "Trang $pages/$pages" "$T/r80.txt"
ok $? "the last page says it is the last"
grep -q 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' "$T/r80.txt" &&
    grep -q 'Độc lập - Tự do - Hạnh phúc' "$T/r80.txt" &&
    grep -q 'UBND XÃ TÂN PHÚ\|UBND xã Tân Phú' "$T/r80.txt"
ok $? "the national header beside the office"
grep -q 'Tân Phú, ngày 05 tháng 01 năm 2021' "$T/r80.txt" &&
    grep -q 'NGƯỜI LẬP BIỂU' "$T/r80.txt" &&
    grep -q 'THỦ TRƯỞNG ĐƠN VỊ' "$T/r80.txt"
ok $? "the place, the date and the signature block"
"$HOTICH" --db "$DB" report --year 2020 --by book --width 132 \
    --date 05/01/2021 >"$T/r132.txt"
w=$(tr '\f' '\n' <"$T/r132.txt" | LC_ALL=C.UTF-8 wc -L)
[ "$w" -le 132 ] && [ "$w" -gt 80 ]
ok $? "--width 132 uses more than 80 columns and keeps to 132"

# Old printers.
"$HOTICH" --db "$DB" report --year 2020 --date 05/01/2021 --encoding ascii \
    >"$T/ascii.txt"
ok $? "--encoding ascii"
is "$(LC_ALL=C tr -d '\f\n -~' <"$T/ascii.txt" | wc -c | tr -d ' ')" 0 \
    "is plain ASCII"
grep -q 'CONG HOA XA HOI CHU NGHIA VIET NAM' "$T/ascii.txt"
ok $? "with the marks taken off"
# In Vietnamese, so that TCVN3 has letters to encode.
"$HOTICH" --lang vi --db "$DB" report --year 2020 --date 05/01/2021 \
    >"$T/vi.txt"
"$HOTICH" --lang vi --db "$DB" report --year 2020 --date 05/01/2021 \
    --encoding tcvn3 >"$T/tcvn3.txt"
ok $? "--encoding tcvn3"
iconv -f TCVN5712-1 -t UTF-8 <"$T/tcvn3.txt" >"$T/tcvn3.back"
ok $? "which iconv reads back"
grep -q 'Khai sinh' "$T/tcvn3.back" && grep -q 'Tổng cộng' "$T/tcvn3.back"
ok $? "as the Vietnamese text: Khai sinh, Tổng cộng"
"$HOTICH" --lang vi --db "$DB" report --year 2020 --date 05/01/2021 \
    --encoding ascii >"$T/vi-ascii.txt"
LC_ALL=C awk '{ print length }' "$T/tcvn3.txt" >"$T/w.tcvn3"
LC_ALL=C awk '{ print length }' "$T/vi-ascii.txt" >"$T/w.ascii"
iconv -f UTF-8 -t ASCII//TRANSLIT <"$T/vi.txt" |
    LC_ALL=C awk '{ print length }' >"$T/w.utf8"
cmp -s "$T/w.utf8" "$T/w.tcvn3" && cmp -s "$T/w.utf8" "$T/w.ascii"
ok $? "every line keeps its width: a byte a letter in TCVN3 and ASCII"

# --print: the text goes to lpr's standard input, lpr run with no shell.
"$HOTICH" --db "$DB" report --year 2020 --date 05/01/2021 >"$T/utf8.txt"
mkdir "$T/bin"
cat >"$T/bin/lpr" <<EOF
#!/bin/sh
echo "\$#" >"$T/lpr.args"
cat >"$T/lpr.in"
EOF
chmod +x "$T/bin/lpr"
PATH="$T/bin:$PATH" "$HOTICH" --db "$DB" report --year 2020 \
    --date 05/01/2021 --print
ok $? "--print"
[ "$(cat "$T/lpr.args")" = 0 ] && cmp -s "$T/lpr.in" "$T/utf8.txt"
ok $? "lpr gets the report on its input and no arguments"
PATH="$T/nowhere" "$HOTICH" --db "$DB" report --year 2020 --print \
    2>"$T/nolpr.err"
is $? 1 "without lpr, --print fails"
grep -q 'cannot run lpr' "$T/nolpr.err"
ok $? "and says why"

# A fixed dataset gives the golden report, page breaks and signatures.
G=$T/golden
"$HOTICH" --db "$G" init --office "UBND xã Tân Phú" >/dev/null
for form in ks kt kh cmc tdcc; do
	"$HOTICH" --db "$G" import --form "$form" \
	    "$SRCDIR/tests/report/fixed-$form.csv" >/dev/null ||
	    echo "Bail out! cannot import the fixed $form entries"
done
"$HOTICH" --lang vi --db "$G" report --year 2024 --by book --view events \
    --place "Tân Phú" --superior "UBND huyện Phú Tân" --date 05/01/2025 \
    >"$T/golden.txt"
if cmp -s "$T/golden.txt" "$SRCDIR/tests/report/golden-2024.txt"; then
	ok 0 "the fixed dataset gives tests/report/golden-2024.txt"
else
	ok 1 "the fixed dataset gives tests/report/golden-2024.txt"
	cp "$T/golden.txt" "$BUILDDIR/report-golden-2024.out"
	diag "what it gave is in report-golden-2024.out:"
	diag "$(diff "$SRCDIR/tests/report/golden-2024.txt" \
	    "$T/golden.txt" | head -20)"
fi

# Without its forms the report would count nothing: refused.
"$HOTICH" --db "$DB" --forms "$T/nowhere" report --year 2020 \
    >"$T/noforms.out" 2>"$T/noforms.err"
is $? 1 "without the forms, report is refused"
grep -q "report needs the registers' forms; none were loaded" \
    "$T/noforms.err" &&
    [ ! -s "$T/noforms.out" ]
ok $? "and says why, printing nothing"

# Refused options: usage errors, exit 2.
for bad in "--month 2021-13" "--month 21-03" "--quarter 2020-5" \
    "--half 2020-3" "--year 20x0" "--from 01/01/2020" \
    "--from 01/02/2020 --to 01/01/2020" "--month 2021-03 --year 2021" \
    "--by color" "--view all-of-it" "--format pdf" "--width 100" \
    "--lines 5" "--encoding latin1" "--date 2021" "--print --format csv"; do
	"$HOTICH" --db "$DB" report $bad >/dev/null 2>"$T/bad.err"
	st=$?
	[ "$st" -eq 2 ] && grep -q 'usage: hotich report' "$T/bad.err"
	ok $? "report $bad: a usage error"
done

done_testing
