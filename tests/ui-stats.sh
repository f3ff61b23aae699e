#!/bin/sh
# ui-stats.sh: the statistics screen through tmux (home, 4): this month's
# work as bar charts, the period moved with Left and Right and turned into
# a quarter and a year with Tab, the tables under the charts equal to
# "hotich report", '#' bars on a vt100, back with F10.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"
. "$SRCDIR/tests/ui-lib.sh"

# The real registers, and births typed (imported) today by the clerk.
cp -R "$SRCDIR"/forms/* "$forms/"
"$BUILDDIR/tests/bench/gen" --form ks --count 300 --seed 5 --books 2 \
    --year 2019 >"$TMPDIR_T/ks.csv"
HOTICH_USER=clerk "$HOTICH" --db "$db" --forms "$forms" import --form ks \
    "$TMPDIR_T/ks.csv" >/dev/null
ok $? "300 births imported by the clerk"
month=$(date +%m/%Y)
year=$(date +%Y)

start
wait_for "Open a book"
keys 4
wait_for "Statistics: Month $month"
ok $? "home, 4: the statistics of this month"
wait_for "Entries typed, by day"
screen | grep -q "$(date +%d/%m/%Y) *300 █"
ok $? "today's 300 entries as a bar"
screen | grep -q "(imported) *300 █"
ok $? "and by clerk: imported, not typed"

keys Left
prev=$(date -d "$(date +%Y-%m-15) -1 month" +%m/%Y)
wait_for "Statistics: Month $prev"
ok $? "Left: the month before ($prev)"
screen | grep -A1 "Entries typed, by day" | grep -q "(none)"
ok $? "when nothing was typed"
keys Right
wait_for "Statistics: Month $month"
ok $? "Right: this month again"
keys Tab
wait_for "Statistics: Quarter"
ok $? "Tab: the quarter"
keys Tab
wait_for "Statistics: Year $year"
ok $? "Tab again: the year"

# Back to 2020, and down to the births table.
y=$year
while [ "$y" -gt 2020 ]; do
	keys Left
	y=$((y - 1))
	wait_for "Statistics: Year $y" || break
done
ok $? "Left goes back a year at a time, to 2020"
births=$("$HOTICH" --db "$db" --forms "$forms" report --year 2020 \
    --view events --format csv | tr -d '\r' |
    awk -F, '$1 == "births" && $3 == "births" { print $4 }')
i=0
while [ $i -lt 10 ] && ! screen | grep -q "^| Total *| *$births |"; do
	keys PgDn
	i=$((i + 1))
	sleep 0.2
done
screen | grep -q "^| Total *| *$births |"
ok $? "the births table says $births, as hotich report does"
keys F10
wait_for "Open a book"
ok $? "F10: back home"
keys F10
wait_for "hotich-exited-0"
ok $? "the program ends"

# A vt100 has no blocks: the bars are '#'. The Linux console has whole
# blocks.
for t in vt100 linux; do
	UI_TERM=$t
	start
	wait_for "Open a book"
	keys 4
	wait_for "Entries typed, by day"
	if [ $t = vt100 ]; then
		screen | grep -q "$(date +%d/%m/%Y) *300 #####*\$"
		ok $? "on a vt100 the bars are made of #"
	else
		screen | grep -q "$(date +%d/%m/%Y) *300 ██████*\$"
		ok $? "on the Linux console, of whole blocks"
	fi
	# A vt100 has no F10: Esc goes back.
	keys Escape
	wait_for "Open a book"
	keys Escape
	wait_for "hotich-exited-0"
	ok $? "Esc twice: the program ends ($t)"
done

done_testing
