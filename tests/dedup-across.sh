#!/bin/sh
# dedup-across.sh: "hotich dedup --db DIR --db DIR ... --across" on three
# communes' databases of generated entries, with a few people planted by
# hand in two of them: a child registered in two communes under other
# numbers, a name written with the tone mark elsewhere, a death registered
# twice, a death whose birth entry is in another commune (another form:
# never paired, as within one database), and a child typed twice in one
# commune (a pair within one database: not listed). Each pair found
# scores as "hotich dedup" scores it in one database holding the entries
# of all three. Then a generated book with duplicates, split between two
# databases; --db-glob; the TSV; the refusals and exit statuses.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

GEN=$BUILDDIR/tests/bench/gen
T=$TMPDIR_T
D=$T/district
D1=$D/01-anphu
D2=$D/02-binhminh
D3=$D/03-cattien
M=$T/merged

KS_HEAD=co_quan_dang_ky,cap_co_quan,nguon_so,the_he_mau,quyen_so,\
nam_dang_ky,so,ngay_dang_ky,loai_dang_ky,nks_ho_ten,nks_gioi_tinh,\
nks_ngay_sinh,nks_noi_sinh,nks_dan_toc,nks_quoc_tich,loai_khai_sinh,\
trang_thai_ban_ghi,me_ho_ten,cha_ho_ten
KT_HEAD=co_quan_dang_ky,cap_co_quan,nguon_so,the_he_mau,quyen_so,\
nam_dang_ky,so,ngay_dang_ky,loai_dang_ky,nkt_ho_ten,nkt_gioi_tinh,\
nkt_ngay_sinh,nkt_dan_toc,nkt_quoc_tich,nkt_ngay_chet,nkt_noi_chet,\
trang_thai_ban_ghi

# ks OFFICE NUMBER YEAR REGDATE NAME SEX BIRTH MOTHER FATHER: a birth
# entry of book 99 (a book the generator never writes).
ks() {
	printf '%s,XA,BAN_GOC,2006,99,%s,%s,%s,1,%s,%s,%s,Trạm Y tế xã,' \
	    "$1" "$3" "$2" "$4" "$5" "$6" "$7"
	printf 'Thái,Việt Nam,1,BINH_THUONG,%s,%s\n' "$8" "$9"
}
# kt OFFICE NUMBER YEAR REGDATE NAME SEX BIRTH DEATH: a death entry.
kt() {
	printf '%s,XA,BAN_GOC,2016,99,%s,%s,%s,1,%s,%s,%s,Thái,Việt Nam,' \
	    "$1" "$3" "$2" "$4" "$5" "$6" "$7"
	printf '%s,Tại nhà,BINH_THUONG\n' "$8"
}

AP="UBND xã An Phú"
BM="UBND xã Bình Minh"
CT="UBND xã Cát Tiên"
{
	echo "$KS_HEAD"
	ks "$AP" 901 2015 20/06/2015 "Lò Văn Khởi" 1 05/06/2015 \
	    "Lò Thị Xuân" "Lò Văn Pó"
	ks "$AP" 902 2016 01/04/2016 "Hoàng Thị Thúy" 2 12/03/2016 \
	    "Vi Thị Nhung" "Hoàng Văn Sự"
	ks "$AP" 903 2015 22/06/2015 "Lò Văn Khởi" 1 05/06/2015 \
	    "Lò Thị Xuân" "Lò Văn Pó"
	ks "$AP" 904 2018 20/04/2018 "Quàng Văn Lả" 1 03/04/2018 \
	    "Cầm Thị Ón" "Quàng Văn Piệng"
} >"$T/p1-ks.csv"
{
	echo "$KS_HEAD"
	ks "$BM" 917 2015 02/07/2015 "Lò Văn Khởi" 1 05/06/2015 \
	    "Lò Thị Xuân" "Lò Văn Pó"
} >"$T/p2-ks.csv"
{
	echo "$KT_HEAD"
	kt "$BM" 925 2020 15/01/2020 "Đinh Thị Mơ" 2 15/08/1940 10/01/2020
} >"$T/p2-kt.csv"
{
	echo "$KS_HEAD"
	ks "$CT" 931 2016 05/04/2016 "Hoàng Thị Thuý" 2 12/03/2016 \
	    "Vi Thị Nhung" "Hoàng Văn Sự"
} >"$T/p3-ks.csv"
{
	echo "$KT_HEAD"
	kt "$CT" 926 2020 20/01/2020 "Đinh Thị Mơ" 2 15/08/1940 10/01/2020
	kt "$CT" 927 2019 09/09/2019 "Quàng Văn Lả" 1 03/04/2018 01/09/2019
} >"$T/p3-kt.csv"

# The communes: 800 generated births each, the planted entries; the
# first and third named by their office, the second by its directory.
mkdir -p "$D/notes"
"$HOTICH" --db "$D1" init --office "$AP" >/dev/null &&
    "$HOTICH" --db "$D3" init --office "$CT" >/dev/null
ok $? "two databases made with their office, one without"
fail=0
for i in 1 2 3; do
	eval db=\$D$i
	case $i in 1) o=$AP ;; 2) o=$BM ;; 3) o=$CT ;; esac
	"$GEN" --form ks --count 800 --seed $((40 + i)) --office "$o" \
	    >"$T/g$i.csv" || fail=1
	for f in "$T/g$i.csv" "$T"/p$i-*.csv; do
		form=${f##*/}
		case $form in g*) form=ks ;; *) form=${form#*-} ;; esac
		for to in "$db" "$M"; do
			"$HOTICH" --db "$to" import --form "${form%.csv}" "$f" \
			    >"$T/import.out" 2>&1 || fail=1
			grep -q ' 0 refused' "$T/import.out" || fail=1
		done
	done
done
ok $fail "each commune's entries, and all of them in one database, imported"

# What an entry is called in every listing: its number (book 99) for the
# planted ones, g and its year/book/number for the generated ones.
number_map() {	# DB FORM: "ID NUMBER" lines
	"$HOTICH" --db "$1" export --form "$2" --out "$T/map.csv" >/dev/null
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    { print $1, ($(c["quyen_so"]) == "99" ? $(c["so"]) : \
	    "g" $(c["nam_dang_ky"]) "/" $(c["quyen_so"]) "/" $(c["so"])) }' \
	    "$T/map.csv"
}

"$HOTICH" dedup --db "$D1" --db "$D2" --db "$D3" --across --format tsv \
    >"$T/x.tsv" 2>"$T/x.err"
ok $? "dedup --across of three databases exits 0"
is "$(cat "$T/x.err")" "" "and says nothing on standard error"
awk -F'\t' 'NF != 8 || $2 !~ /^[0-9]+$/ || $5 !~ /^[0-9]+$/ ||
    $3 == "" || $6 == "" || $7 !~ /^(0\.[0-9][0-9][0-9]|1\.000)$/ ||
    $8 == "" { print "bad: " $0; bad = 1 } END { exit bad }' "$T/x.tsv"
ok $? "each line is DB_A ID_A NUMBER_A DB_B ID_B NUMBER_B SCORE REASON"
cut -f1 "$T/x.tsv" >"$T/names"
cut -f4 "$T/x.tsv" >>"$T/names"
is "$(sort -u "$T/names")" "$(printf '%s\n' "$AP" 02-binhminh "$CT" | sort)" \
    "the databases are named by their office, else their directory"
awk -F'\t' '$1 == $4 { bad = 1 } END { exit bad }' "$T/x.tsv"
ok $? "no pair within one database is listed"
awk -F'\t' '{ o[$1] = $1 == "'"$AP"'" ? 1 : $1 == "02-binhminh" ? 2 : 3
    o[$4] = $4 == "'"$AP"'" ? 1 : $4 == "02-binhminh" ? 2 : 3
    if (o[$1] >= o[$4]) bad = 1 } END { exit bad }' "$T/x.tsv"
ok $? "the first of each pair is in the database named first"
is "$(awk -F'\t' '{ print $1, $2, $4, $5; print $4, $5, $1, $2 }' \
    "$T/x.tsv" | sort | uniq -d)" "" "each pair once, in one order"

# The planted pairs, by their numbers.
awk -F'\t' '{ print ($3 < $6 ? $3 " " $6 : $6 " " $3) "\t" $7 "\t" $8 }' \
    "$T/x.tsv" | sort >"$T/x.pairs"
for p in "901 917" "903 917" "902 931" "925 926"; do
	grep -q "^$p	" "$T/x.pairs"
	ok $? "the planted pair $p is found"
done
is "$(grep -c '^90[0-9] 917	.*same name, same birth date' "$T/x.pairs")" 2 \
    "the child registered in two communes: the same name and date"
grep -q "^902 931	.*same name but for tone placement" "$T/x.pairs"
ok $? "Thúy and Thuý: the same name but for tone placement"
is "$(grep -c '^901 903	' "$T/x.pairs")" 0 \
    "the child typed twice in one commune is not a pair across"
"$HOTICH" --db "$D1" dedup --format tsv >"$T/d1.tsv"
number_map "$D1" ks >"$T/d1.map"
awk 'NR == FNR { n[$1] = $2; next } { print n[$1], n[$2] }' \
    "$T/d1.map" "$T/d1.tsv" | grep -q '^901 903$'
ok $? "though dedup of that commune finds it"
is "$(grep -c '904\|927' "$T/x.pairs")" 0 \
    "a death whose birth is in another commune: not paired (two forms)"

# The same two entries in one database: the same score and reason.
"$HOTICH" --db "$M" dedup --format tsv >"$T/m.tsv"
ok $? "dedup of one database holding all the entries exits 0"
{ number_map "$M" ks; number_map "$M" kt; } >"$T/m.map"
awk -F'\t' 'NR == FNR { split($0, w, " "); n[w[1]] = w[2]; next }
    { a = n[$1]; b = n[$2]; if (a > b) { t = a; a = b; b = t }
    print a " " b "\t" $3 "\t" $4 }' "$T/m.map" "$T/m.tsv" |
    sort >"$T/m.pairs"
for p in "901 917" "903 917" "902 931" "925 926"; do
	want=$(grep "^$p	" "$T/m.pairs")
	is "$(grep "^$p	" "$T/x.pairs")" "${want:-none}" \
	    "$p: the score and reason of dedup in one database (${want#*	})"
done
grep -q '^904 927	' "$T/m.pairs"
ok $((!$?)) "dedup of one database does not pair the death with the birth"
grep '^90[0-9] 9[0-9][0-9]	' "$T/m.pairs" | grep -v '^901 903	' |
    cut -f1 >"$T/m.cross"
is "$(grep '^90[0-9] 9[0-9][0-9]	' "$T/x.pairs" | cut -f1)" \
    "$(cat "$T/m.cross")" "the planted pairs across are those it finds"

"$HOTICH" dedup --db "$D1" --db "$D2" --db "$D3" --across --format tsv \
    --form kt >"$T/kt.tsv"
is "$(cut -f3,6 "$T/kt.tsv")" "925	926" "--form kt: the death only"
"$HOTICH" dedup --db "$D1" --db "$D2" --db "$D3" --across --format tsv \
    --min-score 0.999 >"$T/strict.tsv"
ok $? "--min-score 0.999 exits 0"
awk -F'\t' '$7 < 0.999 { bad = 1 } END { exit bad }' "$T/strict.tsv" &&
    [ "$(wc -l <"$T/strict.tsv")" -le "$(wc -l <"$T/x.tsv")" ]
ok $? "and keeps only the pairs scoring that much"
HOTICH_LANG=vi "$HOTICH" dedup --db "$D1" --db "$D2" --db "$D3" --across \
    --format tsv | cmp -s - "$T/x.tsv"
ok $? "the TSV does not depend on the language"

# The listing for people.
"$HOTICH" dedup --db "$D1" --db "$D2" --db "$D3" --across >"$T/x.txt"
ok $? "the text listing exits 0"
n=$(wc -l <"$T/x.tsv" | tr -d ' ')
is "$(grep -c '^ks: [0-9]* of .* and [0-9]* of .*, score \|^kt: ' \
    "$T/x.txt")" "$n" "it lists the same $n pairs"
grep -q "^  $AP: [0-9]* *Lò Văn Khởi .*number 901$" "$T/x.txt" &&
    grep -q "^  02-binhminh: [0-9]* *Lò Văn Khởi .*number 917$" "$T/x.txt"
ok $? "each entry under its database's name, with its book and number"
grep -q "^$n probable duplicate pairs between 3 databases among 2409 entries" \
    "$T/x.txt"
ok $? "and a count of the pairs, the databases and the entries"

# --db-glob: the directories in order; one that is not a database skipped.
"$HOTICH" dedup --db-glob "$D/*" --across --format tsv >"$T/glob.tsv" \
    2>"$T/glob.err"
ok $? "--db-glob exits 0"
cmp -s "$T/glob.tsv" "$T/x.tsv"
ok $? "and lists what the three --db list"
is "$(cat "$T/glob.err")" "hotich: $D/notes: not a hotich database, skipped" \
    "a directory that is not a database is skipped with a warning"
"$HOTICH" dedup --db-glob "$D/0[12]*" --db "$D3" --db "$D1/" --across \
    --format tsv >"$T/mixed.tsv" 2>"$T/mixed.err"
ok $? "--db-glob and --db together exit 0"
cmp -s "$T/mixed.tsv" "$T/x.tsv" &&
    grep -q "$D1/: given twice, compared once" "$T/mixed.err"
ok $? "a database named twice is compared once"
"$HOTICH" dedup --db-glob "$D/nothing*" --across >"$T/o" 2>"$T/e"
is $? 2 "a pattern matching nothing is a usage error"
grep -q "no hotich database matches $D/nothing\*" "$T/e" && [ ! -s "$T/o" ]
ok $? "and says so, listing nothing"
"$HOTICH" dedup --db-glob "$D/notes" --db "$D1" --across >/dev/null 2>&1
is $? 2 "so is a pattern matching no database"

# A generated book with duplicates, split between two databases: the
# pairs across are nearly all those dedup finds between the halves in
# one database, and score the same.
"$GEN" --form ks --count 1200 --seed 9 --dup-rate 0.05 \
    --dup-log "$T/s.dups" >"$T/s.csv"
head -1 "$T/s.csv" | tee "$T/sa.csv" >"$T/sb.csv"
sed 1d "$T/s.csv" | awk 'NR % 2' >>"$T/sa.csv"
sed 1d "$T/s.csv" | awk 'NR % 2 == 0' >>"$T/sb.csv"
"$HOTICH" --db "$T/sa" import --form ks "$T/sa.csv" >/dev/null &&
    "$HOTICH" --db "$T/sb" import --form ks "$T/sb.csv" >/dev/null &&
    "$HOTICH" --db "$T/sab" import --form ks "$T/sa.csv" >/dev/null &&
    "$HOTICH" --db "$T/sab" import --form ks "$T/sb.csv" >/dev/null
ok $? "its halves imported into two databases, and both into a third"
"$HOTICH" dedup --db "$T/sa" --db "$T/sb" --across --format tsv \
    >"$T/s.tsv"
"$HOTICH" --db "$T/sab" dedup --format tsv >"$T/sab.tsv"
# An entry is known by its exported line without the id.
for db in sa sb sab; do
	"$HOTICH" --db "$T/$db" export --form ks --out "$T/$db.exp" \
	    >/dev/null
done
res=$(awk -F'\t' -v sa="$T/sa.exp" -v sb="$T/sb.exp" -v sab="$T/sab.exp" \
    -v across="$T/s.tsv" '
	function load(file, arr,   l, id) {
		while ((getline l < file) > 0) {
			id = l
			sub(/,.*/, "", id)
			arr[id] = substr(l, length(id) + 2)
		}
		close(file)
	}
	BEGIN {
		load(sab, m)
		for (id in m) {
			if (m[id] in back)
				back[m[id]] = "x"	# twice: not known
			else
				back[m[id]] = id
		}
		load(sa, a)
		for (id in a)
			if ((ida[id] = back[a[id]]) != "")
				ina[ida[id]] = 1
		load(sb, b)
		for (id in b)
			idb[id] = back[b[id]]
	}
	FILENAME == across {
		x1 = ida[$2]; x2 = idb[$5]
		if (x1 == "" || x2 == "" || x1 == "x" || x2 == "x" ||
		    x1 == x2)
			next	# the same entry in both halves
		x[x1 + 0 < x2 + 0 ? x1 " " x2 : x2 " " x1] = $7 "\t" $8
		next
	}
	($1 in ina) != ($2 in ina) {
		w[$1 " " $2] = $3 "\t" $4
	}
	END {
		for (k in w) {
			nw++
			if (k in x) {
				both++
				same += x[k] == w[k]
			}
		}
		for (k in x)
			nx++
		print nw + 0, nx + 0, both + 0, same + 0
	}' "$T/s.tsv" "$T/sab.tsv")
set -- $res
diag "pairs between the halves: $1 in one database, $2 across, $3 both," \
    "$4 of them with the same score and reason"
[ "$1" -ge 20 ] && [ $(($3 * 10)) -ge $(($1 * 9)) ] && [ "$2" -le $(($1 + 2)) ]
ok $? "across finds 90% of the pairs between the halves, few others ($res)"
[ "$4" -eq "$3" ]
ok $? "each of them with the score and reason of dedup in one database"

# Refusals.
"$HOTICH" dedup --db "$D1" --db "$D2" --across --flag >"$T/o" 2>"$T/e"
is $? 2 "--flag with --across is a usage error"
grep -q -- "--across does not --flag" "$T/e" && [ ! -s "$T/o" ]
ok $? "which says the replicas are flagged at the commune, listing nothing"
"$HOTICH" dedup --db "$D1" --db "$T/nowhere" --db "$D2" --across \
    >"$T/o" 2>"$T/e"
is $? 3 "a database that cannot be opened is database trouble"
grep -q "$T/nowhere: the database cannot be opened" "$T/e" && [ ! -s "$T/o" ]
ok $? "named on standard error, and nothing is listed"
"$HOTICH" dedup --db "$D1" --db "$D2" >/dev/null 2>"$T/e"
is $? 2 "several databases without --across is a usage error"
grep -q "add --across" "$T/e"
ok $? "which says what to add"
"$HOTICH" dedup --db "$D1" --across >/dev/null 2>&1
is $? 2 "--across with one database is a usage error"
"$HOTICH" dedup --db "$D1" --db "$D2" --across --entry 3 >/dev/null 2>&1
is $? 2 "--across with --entry is a usage error"
"$HOTICH" --db "$D1" dedup --db "$D2" --across >/dev/null 2>&1
is $? 2 "databases before and after the command is a usage error"
"$HOTICH" dedup --db "$D1" --db "$D2" --across --format xml >/dev/null 2>&1
is $? 2 "an unknown format is a usage error"
"$HOTICH" dedup --db >/dev/null 2>&1
is $? 2 "--db without a directory is a usage error"

# One database after the command is as one before it.
"$HOTICH" dedup --db "$D1" --format tsv | cmp -s - "$T/d1.tsv"
ok $? "dedup --db DIR alone lists what hotich --db DIR dedup lists"

done_testing
