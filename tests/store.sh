#!/bin/sh
# store.sh: init, import, export, check and backup on a real Berkeley DB
# environment; bad CSV refused with the line and reason; encryption at
# rest; importing twice adds nothing twice.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

T=$TMPDIR_T
db=$T/db

out=$("$HOTICH" --db "$db" check 2>&1)
is $? 3 "check on a missing database is database trouble"
case $out in *"no database here"*) r=0 ;; *) r=1 ;; esac
ok $r "and says there is no database"

"$HOTICH" --db "$db" init --office "UBND xã Tân Phú" >/dev/null
ok $? "init creates a database"
"$HOTICH" --db "$db" init >/dev/null 2>&1
is $? 3 "init refuses to overwrite a database"

ks_csv 300 > "$T/a.csv"
out=$("$HOTICH" --db "$db" import --form ks "$T/a.csv")
ok $? "import of 300 valid rows exits 0"
is "$out" "$T/a.csv: 300 rows: 300 imported, 0 already present, 0 refused" \
    "the summary counts them"
out=$("$HOTICH" --db "$db" import --form ks "$T/a.csv")
is "$out" "$T/a.csv: 300 rows: 0 imported, 300 already present, 0 refused" \
    "importing the same file again adds nothing"
ks_csv 350 > "$T/b.csv"
out=$("$HOTICH" --db "$db" import --form ks "$T/b.csv")
is "$out" "$T/b.csv: 350 rows: 50 imported, 300 already present, 0 refused" \
    "a longer file adds only the new rows"

out=$("$HOTICH" --db "$db" check)
ok $? "check passes"
is "$out" "$db: sound: 350 records, 2800 index entries, 2 audit entries, 1 books" \
    "check counts records, index entries, audit entries (one a write) and books"

"$HOTICH" --db "$db" export --form ks --out "$T/e.csv" >/dev/null
ok $? "export exits 0"
is "$(head -c 3 "$T/e.csv")" "id," "the id column comes first"
is "$(count_rows "$T/e.csv")" 350 "every record is exported"
grep -q '"*Nguyễn Văn' "$T/e.csv"
ok $? "Vietnamese text is exported as UTF-8"
case $(head -1 "$T/e.csv") in
*,cha_ho_ten,cha_ho_ten__status,*) r=0 ;;
*) r=1 ;;
esac
ok $r "a status column follows a field that has statuses"

# Exporting to a device or a FIFO writes into it: it is never replaced
# by a renamed temporary file (as root that would turn /dev/null into a
# regular file).
mkfifo "$T/fifo"
timeout 20 cat "$T/fifo" > "$T/fifo.csv" &
"$HOTICH" --db "$db" export --form ks --out "$T/fifo" >/dev/null
ok $? "export to a FIFO exits 0"
wait
[ -p "$T/fifo" ] && [ ! -e "$T/fifo.tmp" ]
ok $? "the FIFO is still a FIFO, no temporary file left"
is "$(count_rows "$T/fifo.csv")" 350 "every record went through the FIFO"

# Round trip: export, import into a new database, export again.
"$HOTICH" --db "$T/db2" import --form ks "$T/e.csv" >/dev/null
ok $? "the export imports into a new database"
"$HOTICH" --db "$T/db2" export --form ks > "$T/e2.csv"
cut -d, -f2- "$T/e.csv" | sort > "$T/e.sorted"
cut -d, -f2- "$T/e2.csv" | sort > "$T/e2.sorted"
cmp -s "$T/e.sorted" "$T/e2.sorted"
ok $? "export, import, export gives the same entries"

# Bad CSV: every refused row names its line and reason; good rows stay.
{
	ks_csv 3 1000
	echo 'UBND xã Tân Phú,XA,BAN_GOC,1998,01,2001,9001/2001,31/02/2001,1,Lê Văn Tám,1,01/01/2001,x,01,VN,1,BINH_THUONG,Mai Thị Hoa,,blank'
	echo 'too,few,fields'
	printf 'UBND xã Tân Phú,XA,BAN_GOC,1998,01,2001,9002/2001,01/02/2001,1,L\377 Văn,1,01/01/2001,x,01,VN,1,BINH_THUONG,Mai Thị Hoa,,blank\n'
	echo 'UBND xã Tân Phú,XA,BAN_GOC,1998,01,2001,9003/2001,01/02/2001,1,Lê Văn Bảy,1,01/01/2001,x,01,VN,1,BINH_THUONG,Mai Thị Hoa,,nonsense'
	echo 'UBND xã Tân Phú,XA,BAN_GOC,1998,01,2001,9004/2001,01/02/2001,1,"Lê Văn Chín,1,01/01/2001'
} > "$T/bad.csv"
out=$("$HOTICH" --db "$db" import --form ks "$T/bad.csv" 2>&1)
is $? 1 "a file with refused rows exits 1"
is "$out" "$T/bad.csv: 8 rows: 3 imported, 0 already present, 5 refused
refused rows and their reasons: $T/bad.csv.rejects.csv" \
    "the good rows are imported and the bad ones counted"
rej=$T/bad.csv.rejects.csv
grep -q '^5,.*ngay_dang_ky: .*31/02/2001 does not exist' "$rej"
ok $? "an impossible date is refused with line and field"
grep -q '^6,3 fields where the header has 20' "$rej"
ok $? "a wrong field count is refused with line"
grep -q '^7,.*invalid UTF-8' "$rej"
ok $? "invalid UTF-8 is refused with line"
grep -q "^8,\"*cha_ho_ten__status: 'nonsense' is not a status" "$rej"
ok $? "an unknown status is refused with line and column"
grep -q '^9,.*quote' "$rej"
ok $? "a quote never closed is refused with its line"

printf '' > "$T/empty.csv"
out=$("$HOTICH" --db "$db" import --form ks "$T/empty.csv" 2>&1)
is $? 1 "an empty file is refused"
case $out in *"empty"*) r=0 ;; *) r=1 ;; esac
ok $r "and the message says it is empty"

printf 'nks_ho_ten,nonsense,so\n' > "$T/unknown.csv"
out=$("$HOTICH" --db "$db" import --form ks "$T/unknown.csv" 2>&1)
is $? 1 "an unknown column refuses the whole file"
case $out in *":1: column 2: 'nonsense' is not a field of form ks"*) r=0 ;;
*) r=1 ;; esac
ok $r "naming the line, column and form"

# A 10 MB field is refused without taking the program down.
{
	echo 'nks_ho_ten,ghi_chu'
	printf 'Lê Văn Mười,'
	head -c 10485760 /dev/zero | tr '\0' 'x'
	echo
} > "$T/huge.csv"
out=$("$HOTICH" --db "$db" import --form ks "$T/huge.csv" 2>&1)
is $? 1 "a 10 MB field is refused"
grep -q '^2,.*long' "$T/huge.csv.rejects.csv"
ok $? "the reject file names its line"

out=$("$HOTICH" --db "$db" check)
ok $? "after all the bad input the database is sound"

# Backup, then restore by opening the copy.
"$HOTICH" --db "$db" backup "$T/bk" >/dev/null
ok $? "backup exits 0"
out=$("$HOTICH" --db "$T/bk" check)
ok $? "the backup checks sound"
is "$out" "$T/bk: sound: 353 records, 2824 index entries, 3 audit entries, 1 books" \
    "the backup has every record"
"$HOTICH" --db "$db" backup "$T/bk" >/dev/null 2>&1
is $? 3 "backup refuses an existing directory"

# Legacy encodings: export in TCVN3, import it back by guessing.
"$HOTICH" --db "$db" export --form ks --encoding tcvn3 --out "$T/tcvn.csv" \
    >/dev/null
ok $? "export --encoding tcvn3"
grep -q 'Tân Phú' "$T/tcvn.csv"
is $? 1 "the TCVN3 file is not UTF-8"
out=$("$HOTICH" --db "$T/db3" import --form ks --encoding auto \
    "$T/tcvn.csv" 2>&1)
ok $? "import --encoding auto reads it"
case $out in *"guessed tcvn3"*"353 imported"*) r=0 ;; *) r=1 ;; esac
ok $r "saying which encoding it chose"
diag "$out"
"$HOTICH" --db "$T/db3" export --form ks | cut -d, -f2- | sort > "$T/e3"
"$HOTICH" --db "$db" export --form ks | cut -d, -f2- | sort > "$T/e1"
cmp -s "$T/e1" "$T/e3"
ok $? "the entries come back exactly"
"$HOTICH" --db "$db" import --form ks --encoding latin9 "$T/a.csv" \
    >/dev/null 2>&1
is $? 2 "an unknown encoding is a usage error"

# Encryption at rest.
HOTICH_PASSPHRASE=s3cret "$HOTICH" --db "$T/enc" init --encrypt >/dev/null
ok $? "init --encrypt with a passphrase"
ks_csv 20 > "$T/c.csv"
HOTICH_PASSPHRASE=s3cret "$HOTICH" --db "$T/enc" import --form ks \
    "$T/c.csv" >/dev/null
ok $? "import into the encrypted database"
grep -rq 'Tân Phú' "$T/enc"
is $? 1 "no plaintext of the entries is on disk"
out=$(HOTICH_PASSPHRASE= "$HOTICH" --db "$T/enc" check </dev/null 2>&1)
is $? 3 "without the passphrase the database does not open"
out=$(HOTICH_PASSPHRASE=wrong "$HOTICH" --db "$T/enc" check 2>&1)
is $? 3 "with a wrong passphrase it does not open"
out=$(HOTICH_PASSPHRASE=s3cret "$HOTICH" --db "$T/enc" check)
ok $? "with the passphrase it checks sound"

done_testing
