#!/bin/sh
# moj.sh: hotich export --format moj and import --format moj, read back
# with an independent reader (tests/moj-check.py: zipfile and the XML):
# every cell of every book against the stored records, the header row
# against the Ministry's own template file, the round trip, what is held
# back and why, the scans, an earlier campaign's file, and bad input.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

T=$TMPDIR_T
DB=$T/db
GEN=$BUILDDIR/tests/bench/gen
CHK="python3 $SRCDIR/tests/moj-check.py"
TEMPLATE=$SRCDIR/tests/data/moj/TeamplateDangKyKhaiSinh.xlsx

h() { "$HOTICH" --db "$DB" "$@"; }

# Held-back ids of a summary file.
held() {
	python3 -c 'import csv,sys
print(" ".join(sorted({r["id"] for r in csv.DictReader(open(sys.argv[1]))
    if r["exported"] == "no"})))' "$1"
}

# "problem exported" per line of a summary file.
probs() {
	python3 -c 'import csv,sys
for r in csv.DictReader(open(sys.argv[1])):
    print(r["problem"], r["exported"])' "$1"
}

# --- Plain entries of every register with a template: every cell --------
h init >/dev/null
for f in ks kt kh cmc; do
	"$GEN" --form $f --count 400 --seed 21 >"$T/$f.csv"
	h import --form $f "$T/$f.csv" >/dev/null
	h export --form $f --out "$T/$f-recs.csv" >/dev/null
	out=$(h export --format moj --form $f --all-books --out "$T/$f-out")
	diag "$out"
	S=$T/$f-out/moj-$f-summary.csv
	is "$(probs "$S" | grep -v '^struck no$' | grep -v '^repeat no$')" "" \
	    "$f: only entries struck out or with repeated numbers held back"
	n=$(ls "$T/$f-out"/*.xlsx | wc -l)
	[ "$n" -ge 10 ]
	ok $? "$f: one file per book ($n)"
	res=$($CHK cells "$SRCDIR/forms" $f "$T/$f-recs.csv" "$T/$f-out" \
	    $(held "$S"))
	ok $? "$f: every cell of every book is the stored value"
	diag "$res" | tail -3
	is "$($CHK sheet "$(ls "$T/$f-out"/*.xlsx | head -1)")" "DL Import" \
	    "$f: the sheet is DL Import"
	held "$S" >"$T/$f-held"
done
first=$(ls "$T/ks-out"/KS_*.xlsx | head -1)
res=$($CHK header "$first" "$TEMPLATE")
ok $? "ks: the header row is the Ministry template's, all 70 columns"
diag "$res"
$CHK csv "$first" | python3 -c 'import csv, sys
print(",".join(list(csv.reader(sys.stdin))[1][:5]))' |
    grep -q '^1,[^,]*,[^,]*,[^,]*,[0-9][0-9]\.[0-9][0-9]\.[0-9]\{4\}$'
ok $? "ks: STT 1, then the date as dd.mm.yyyy"

# --- Round trip: export, import into a new database, the same entries ----
for f in ks kt kh cmc; do
	$CHK csv "$T/$f-out"/*.xlsx >"$T/$f-all.csv"
	# What the template has no column for, as the generator wrote it.
	sets=$(python3 -c 'import csv,sys
r = next(csv.DictReader(open(sys.argv[1])))
print(" ".join("--set=%s=%s" % (k, r[k]) for k in
    ("cap_co_quan", "nguon_so", "the_he_mau", "trang_thai_ban_ghi")))' \
	    "$T/$f.csv")
	out=$("$HOTICH" --db "$T/db-$f" import --format moj --form $f $sets \
	    "$T/$f-all.csv")
	ok $? "$f: the exported books import again"
	diag "$out"
	"$HOTICH" --db "$T/db-$f" export --format moj --form $f --all-books \
	    --out "$T/$f-out2" >/dev/null
	ok $? "$f: and export again"
	same=0
	for x in "$T/$f-out"/*.xlsx; do
		b=$(basename "$x")
		[ "$($CHK csv "$x")" = "$($CHK csv "$T/$f-out2/$b")" ] ||
		    { same=1; diag "$b differs"; }
	done
	ok $same "$f: every cell the same after the round trip"
	"$HOTICH" --db "$T/db-$f" export --form $f --out "$T/$f-recs2.csv" \
	    >/dev/null
	res=$(python3 - "$SRCDIR/forms/$f.form" "$T/$f-recs.csv" \
	    "$T/$f-recs2.csv" "$T/$f-held" <<'EOF'
import csv, re, sys, os
keys = set()
def fields(p):
    for l in open(p, encoding='utf-8'):
        w = l.split()
        if w and w[0] == 'include':
            fields(os.path.join(os.path.dirname(p), w[1].strip('"')))
        if w and w[0] == 'field':
            cur = w[1]
        if w and w[0] in ('moj', 'moj-else'):
            keys.add(cur)
fields(sys.argv[1])
held = set(open(sys.argv[4]).read().split())
def load(p):
    d = {}
    for r in csv.DictReader(open(p, encoding='utf-8')):
        if p == sys.argv[2] and r['id'] in held:
            continue
        d[(r['quyen_so'], r['nam_dang_ky'], r['so'], r['ngay_dang_ky'],
           r[[k for k in r if k.endswith('ho_ten')][0]])] = r
    return d
a, b = load(sys.argv[2]), load(sys.argv[3])
bad = 0
if len(a) != len(b):
    print('entries: %d, then %d' % (len(a), len(b))); bad = 1
for k, r in a.items():
    s = b.get(k)
    if s is None:
        print('missing', k); bad = 1; continue
    for key in sorted(keys):
        # A year the date column gave back is the only thing added.
        if r[key] != s[key] and not (r[key] == '' and key.endswith('_nam_sinh')):
            print(k, key, repr(r[key]), repr(s[key])); bad = 1
print('%d entries, %d fields each compared' % (len(a), len(keys)))
sys.exit(bad)
EOF
)
	ok $? "$f: export then import gives the same entries"
	diag "$res" | tail -3
done

# --- Held back: flags, statuses, repeats; --include-flagged -------------
D2=$T/db2
"$GEN" --form ks --count 600 --seed 5 --status-rate 0.02 --dup-rate 0.05 \
    >"$T/dirty.csv" 2>/dev/null
"$HOTICH" --db "$D2" import --form ks "$T/dirty.csv" >/dev/null
"$HOTICH" --db "$D2" dedup --form ks --flag >/dev/null 2>&1
"$HOTICH" --db "$D2" export --form ks --out "$T/dirty-recs.csv" >/dev/null
out=$("$HOTICH" --db "$D2" export --format moj --form ks --all-books \
    --out "$T/d-out")
is $? 1 "entries held back: exit 1"
diag "$out"
S=$T/d-out/moj-ks-summary.csv
for p in flag status repeat; do
	probs "$S" | grep -q "^$p no\$"
	ok $? "held back and listed: $p"
done
res=$($CHK cells "$SRCDIR/forms" ks "$T/dirty-recs.csv" "$T/d-out" \
    $(held "$S"))
ok $? "the books hold exactly the entries not held back, cell for cell"
diag "$res" | tail -3
nheld=$(held "$S" | wc -w)
printf '%s\n' "$out" | grep -q "$nheld held back"
ok $? "the summary line counts the $nheld entries held back"
"$HOTICH" --db "$D2" export --format moj --form ks --all-books \
    --include-flagged --out "$T/i-out" >/dev/null
probs "$T/i-out/moj-ks-summary.csv" | grep -q '^flag yes$' 
ok $? "--include-flagged: the flagged entries are written, and still listed"
res=$($CHK cells "$SRCDIR/forms" ks "$T/dirty-recs.csv" "$T/i-out" \
    $(held "$T/i-out/moj-ks-summary.csv"))
ok $? "--include-flagged: every entry in the books but those struck out"
diag "$res" | tail -3
probs "$T/i-out/moj-ks-summary.csv" | grep -v '^struck no$' | grep -q ' no$'
is $? 1 "--include-flagged: only struck-out entries held back"
out=$("$HOTICH" --db "$D2" export --format moj --form ks --all-books \
    --state verified --out "$T/v-out")
is $? 1 "--state verified: exit 1"
printf '%s\n' "$out" | grep -q ' 0 files, 0 entries written, 600 held back'
ok $? "--state verified: the entered entries are all held back"
diag "$out"

# --- Scans ---------------------------------------------------------------
mkdir "$T/scans"
awk -F, 'NR > 1 && NR % 3 { print }' "$T/ks-recs.csv" >/dev/null
python3 - "$T/ks-recs.csv" "$T/scans" <<'EOF'
import csv, sys, os
for i, r in enumerate(csv.DictReader(open(sys.argv[1], encoding='utf-8'))):
    if r['anh_trang'] and i % 10:
        open(os.path.join(sys.argv[2], r['anh_trang']), 'w').write('%PDF-1.4\n')
EOF
out=$(h export --format moj --form ks --all-books --scans "$T/scans" \
    --out "$T/s-out")
is $? 1 "--scans with some missing: exit 1"
diag "$out"
miss=$(probs "$T/s-out/moj-ks-summary.csv" | grep -c '^scan ')
want=$(python3 -c 'import csv,sys
print(sum(1 for i, r in enumerate(csv.DictReader(open(sys.argv[1])))
    if not (r["anh_trang"] and i % 10)))' "$T/ks-recs.csv")
is "$miss" "$want" "--scans: every missing scan is listed ($want)"
printf '%s\n' "$out" | grep -q ", $want scans missing"
ok $? "--scans: the summary line counts them"
probs "$T/s-out/moj-ks-summary.csv" | grep -q '^scan yes$'
ok $? "--scans: an entry without its scan is written all the same"

# --- One book; bad options ----------------------------------------------
book=$(awk -F, 'NR == 2 { print $3 "/" $4 }' "$T/ks-recs.csv")
book=$(python3 -c 'import csv,sys
r = next(csv.DictReader(open(sys.argv[1])))
print(r["nam_dang_ky"] + "/" + r["quyen_so"])' "$T/ks-recs.csv")
h export --format moj --form ks --book "$book" --out "$T/b-out" >/dev/null
ok $? "--book $book"
is "$(ls "$T/b-out" | grep -c xlsx)" 1 "--book: one file"
h export --format moj --form ks --out "$T/x" 2>"$T/err"
is $? 2 "neither --book nor --all-books: usage error"
grep -q -- '--all-books' "$T/err"
ok $? "... saying so"
h export --format moj --form ks --book 2018 2>"$T/err"
is $? 2 "--book without a book: usage error"
h export --format moj --form ks --book 1901/99 2>"$T/err"
is $? 1 "--book of no book: refused"
grep -q 'has no book 1901/99' "$T/err"
ok $? "... naming it"
h export --format moj --form tdcc --all-books 2>"$T/err"
is $? 1 "tdcc has no template: refused"
grep -q 'tdcc.form: form tdcc has no Ministry template' "$T/err"
ok $? "... naming the form file"
h export --form ks --book 2018/01 2>/dev/null
is $? 2 "--book without --format moj: usage error"
h export --format xlsx --form ks 2>/dev/null
is $? 2 "--format xlsx: usage error"
mkdir "$T/ro"
chmod 555 "$T/ro"
if [ "$(id -u)" -ne 0 ]; then
	h export --format moj --form ks --all-books --out "$T/ro" 2>"$T/err"
	is $? 1 "a folder that cannot be written: refused"
	is "$(ls -A "$T/ro")" "" "... leaving nothing behind"
else
	skip "a folder that cannot be written (running as root)"
	skip "... leaving nothing behind"
fi
h export --format moj --form ks --all-books --scans "$T/none" 2>"$T/err"
is $? 1 "--scans of no folder: refused"

# --- Import: an earlier campaign's file; bad cells -----------------------
D3=$T/db3
$CHK csv "$SRCDIR/tests/data/moj/DataKhaiSinh.xlsx" >"$T/campaign.csv"
out=$("$HOTICH" --db "$D3" import --format moj --form ks \
    --set the_he_mau=1998 "$T/campaign.csv" 2>"$T/err")
ok $? "an earlier campaign's file imports"
diag "$out"
printf '%s\n' "$out" | grep -q '4 rows: 4 imported'
ok $? "... all 4 rows"
printf '%s\n' "$out" | grep -q 'lack required fields'
ok $? "... incomplete ones counted, to finish on screen"
grep -q "'DC_DVNHAPHUYEN' is not a column of the Ministry's template" \
    "$T/err"
ok $? "... its own columns left out with a warning"
"$HOTICH" --db "$D3" export --form ks --out "$T/c.csv" >/dev/null
python3 - "$T/c.csv" <<'EOF'
import csv, sys
r = list(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
a = [x for x in r if x['nks_ho_ten'] == 'NGUYỄN THỊ PHƯỢNG'][0]
want = {'so': '02/', 'quyen_so': '01/1999', 'trang_so': '3',
        'ngay_dang_ky': '19/11/1999', 'nam_dang_ky': '1999',
        'loai_dang_ky': '2', 'nks_gioi_tinh': '2',
        'nks_ngay_sinh': '22/04/1982', 'the_he_mau': '1998',
        'nguon_so': 'BAN_GOC', 'cha_loai_cu_tru': '1'}
bad = {k: a[k] for k in want if a[k] != want[k]}
print(bad)
sys.exit(1 if bad else 0)
EOF
ok $? "... its values mapped back: codes, dates, the year, --set, defaults"
"$HOTICH" --db "$D3" check >/dev/null
ok $? "... and check passes"

printf 'so,quyenSo,ngayDangKy,loaiDangKy,noiDangKy,nksHoTen\n1,01,02.03.2001,9,UBND xã A,Lê Văn An\n2,01,02.03.2001,Đăng ký lại,UBND xã A,Lê Văn Bình\n3,01,31.02.2001,1,UBND xã A,Lê Văn Cường\n' \
    >"$T/bad.csv"
out=$("$HOTICH" --db "$D3" import --format moj --form ks "$T/bad.csv")
is $? 1 "bad cells: exit 1"
printf '%s\n' "$out" | grep -q '3 rows: 1 imported, 0 already present, 2 refused'
ok $? "a code that is no option and an impossible date refuse their rows"
grep -q "loaiDangKy: '9' is not one of 1, 2, 3, 4, 5, 6" \
    "$T/bad.csv.rejects.csv"
ok $? "... the code named with the codes allowed"
grep -q '^4,.*ngay_dang_ky' "$T/bad.csv.rejects.csv"
ok $? "... the date named with its line"
printf 'DC_X,DC_Y\n1,2\n' >"$T/none.csv"
"$HOTICH" --db "$D3" import --format moj --form ks "$T/none.csv" \
    >/dev/null 2>&1
is $? 1 "a file with none of the template's columns: refused"
"$HOTICH" --db "$D3" import --format moj --form ks --set nope=1 \
    "$T/bad.csv" 2>/dev/null
is $? 2 "--set of no field: usage error"
"$HOTICH" --db "$D3" import --format moj --form tdcc "$T/bad.csv" \
    2>/dev/null
is $? 2 "import --format moj of a form with no template: refused"

# Probable duplicates of imported entries are flagged, as on screen.
out=$("$HOTICH" --db "$T/db4" import --format moj --form ks \
    --set the_he_mau=1998 "$T/ks-all.csv")
"$HOTICH" --db "$T/db4" import --form ks "$T/ks.csv" >/dev/null 2>&1
sed 's/^\([0-9]*\),\([0-9]*\),/\1,9\2,/' "$T/ks-all.csv" >"$T/again.csv"
out=$("$HOTICH" --db "$T/db4" import --format moj --form ks \
    --set the_he_mau=1998 "$T/again.csv")
n=$(printf '%s\n' "$out" | sed -n 's/^\([0-9]*\) probable duplicate.*/\1/p')
[ "${n:-0}" -ge 300 ]
ok $? "the same people imported again under other numbers: $n pairs flagged"
diag "$out"

done_testing
