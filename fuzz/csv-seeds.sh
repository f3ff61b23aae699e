#!/bin/sh
# csv-seeds.sh CORPUS: seed the CSV fuzzer with small files of every case
# the reader knows: quoting, line ends, the byte order mark, empty lines,
# and each kind of refused record.
set -eu
c=$1
s() { printf "$2" >"$c/$1.csv"; }
s plain 'a,b,c\r\n1,2,3\r\n'
s lf 'a,b\n1,2\n'
s mixed 'a,b\r\n1,2\nx,y\r\n'
s no-final-eol 'a,b\n1,2'
s quoted '"a,b","c""d","line 1\r\nline 2",""\r\n'
s bom '\357\273\277ho_ten,ngay_sinh\r\nNguyễn Văn An,01/02/1990\r\n'
s blank-lines 'a\n\nb\n\n'
s empty-field '""\n,\n,,\n'
s vietnamese 'nks_ho_ten,nks_noi_sinh\r\n"Trần Thị Thủy","Bệnh viện Đa khoa, Hà Nội"\r\n'
s after-quote '"ab"c,d\nx,y\n'
s bare-quote 'ab"c,d\nx\n'
s unclosed 'a,b\nc,"d\ne\nf'
s bare-cr 'a\rb\nc\n'
s nul 'a\000b,c\nd\n'
s bad-utf8 'ab,c\377d\nok\n"x\nyz\303(",q\n'
s overlong '\300\257,\355\240\200,\364\220\200\200\n'
s long-field "$(printf '%0300d' 0),x\n"
