#!/bin/sh
# replicate-bench.sh: how far a district replica lags behind its commune,
# on loopback ports, with "hotich replicate" at both ends:
#
#  1. steady typing: TYPED (default 60) entries, one every PACE seconds
#     (default 0.5), each committed on its own by one long-lived writer
#     (import --batch 1 from a pipe, as the entry screen commits); and,
#     in the same run, the baseline of one short-lived process per entry;
#  2. a bulk import of BULK (default 100,000) entries;
#  3. an outage: the district stopped, OUTAGE (default 50,000) entries
#     written, the district started again; in the same run, the
#     baseline of copying the whole database (backup) instead.
#
# "The replica has everything" when its log has reached the commune's
# log end as it was just after the commit (db5.3_stat -l, polled every
# 20 ms or so); at the end the two exports are compared. Run by "make
# bench-replicate" (and "make bench").
set -eu

: "${BUILDDIR:=$(pwd)}"
typed=${TYPED:-60}
pace=${PACE:-0.5}
bulk=${BULK:-100000}
outage=${OUTAGE:-50000}
dir=${BENCH_DIR:-$BUILDDIR/_bench-replicate}
hotich=$BUILDDIR/hotich
gen=$BUILDDIR/tests/bench/gen
export HOTICH_LANG=en

pids=
fifo_pid=
finish() {
	[ -n "$fifo_pid" ] && kill "$fifo_pid" 2>/dev/null
	for p in $pids; do
		kill "$p" 2>/dev/null || :
	done
	wait 2>/dev/null || :
}
trap finish EXIT

free_port() {
	python3 -c 'import socket; s = socket.socket(); \
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

now() {
	date +%s.%N
}

# since T0 T1: the seconds from T0 to T1, to the millisecond.
since() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", b - a }'
}

# lsn DIR: the end of DIR's log as one number (file * 2^32 + offset).
lsn() {
	db5.3_stat -h "$1" -l 2>/dev/null | awk '
	    /Current log file number/ { f = $1 }
	    /Current log file offset/ { o = $1 }
	    END { printf "%.0f\n", f * 4294967296 + o }'
}

# reach TARGET: poll until the replica's log reaches TARGET (at most an
# hour); print the time it did.
reach() {
	reach_end=$(($(date +%s) + 3600))
	while [ "$(lsn "$dir/R")" -lt "$1" ]; do
		if [ "$(date +%s)" -gt "$reach_end" ]; then
			echo "replicate-bench: the replica never caught up" >&2
			exit 1
		fi
		sleep 0.02
	done
	now
}

# replica NAME: start the district's replication; pid into NAME.
replica() {
	"$hotich" --db "$dir/R" replicate --replica --listen "127.0.0.1:$pr" \
	    --peer "127.0.0.1:$pa" >>"$dir/R.replog" 2>&1 &
	eval "$1=$!"
	pids="$pids $!"
}

# connected DIR: wait until the status of DIR says connected.
connected() {
	while [ "$("$hotich" replicate --status --format tsv "$1" |
	    cut -f3)" != connected ]; do
		sleep 0.1
	done
}

# stats FILE: the median, the 90th percentile and the largest of the
# lags in FILE, one a line, in seconds.
stats() {
	sort -n "$1" | awk '{ v[NR] = $1 } END {
	    printf "median %.3f s, 90%% %.3f s, max %.3f s (%d entries)\n",
	    v[int((NR + 1) / 2)], v[int(NR * 0.9 + 0.5)], v[NR], NR }'
}

# same: the replica's export equals the commune's.
same() {
	"$hotich" --db "$dir/A" export --form ks --out "$dir/a.csv" >/dev/null
	"$hotich" --db "$dir/R" export --form ks --out "$dir/r.csv" >/dev/null
	if cmp -s "$dir/a.csv" "$dir/r.csv"; then
		echo "  the replica's export is identical ($(($(wc -l \
		    <"$dir/a.csv") - 1)) entries)"
	else
		echo "  THE REPLICA DIFFERS FROM THE COMMUNE"
		exit 1
	fi
}

rm -rf "$dir"
mkdir -p "$dir"
pa=$(free_port)
pr=$(free_port)
"$gen" --form ks --count "$((typed * 2))" --seed 31 >"$dir/typed.csv"
"$gen" --form ks --count "$bulk" --seed 32 --books 40 >"$dir/bulk.csv"
"$gen" --form ks --count "$outage" --seed 33 --books 40 \
    --year 1990 >"$dir/outage.csv"
"$hotich" --db "$dir/A" init --office "UBND xã Tân Phú" >/dev/null
"$hotich" --db "$dir/A" replicate --listen "127.0.0.1:$pa" \
    --peer "127.0.0.1:$pr" >"$dir/A.replog" 2>&1 &
pids="$pids $!"
replica rp
connected "$dir/R"
echo "replicate-bench: commune on $pa, district on $pr (loopback)"

# 1. Steady typing. One writer, one entry at a time through a pipe.
mkfifo "$dir/pipe"
"$hotich" --db "$dir/A" import --form ks --batch 1 --verbose - \
    <"$dir/pipe" >"$dir/typed.ack" 2>&1 &
writer=$!
exec 3>"$dir/pipe"
head -1 "$dir/typed.csv" >&3
: >"$dir/lag.long"
line=1
while [ "$line" -le "$typed" ]; do
	sed -n "$((line + 1))p" "$dir/typed.csv" >&3
	line=$((line + 1))
	while ! grep -q "^committed through line $line\$" "$dir/typed.ack"; do
		sleep 0.005
	done
	t0=$(now)
	t1=$(reach "$(lsn "$dir/A")")
	since "$t0" "$t1" >>"$dir/lag.long"
	sleep "$pace"
done
exec 3>&-
wait "$writer"
echo "1. steady typing, one entry every $pace s:"
echo "  one writer that stays open:  $(stats "$dir/lag.long")"

# The baseline: a process for each entry, which exits after its commit.
: >"$dir/lag.short"
line=$((typed + 1))
while [ "$line" -le $((typed * 2)) ]; do
	{ head -1 "$dir/typed.csv"; sed -n "$((line + 1))p" \
	    "$dir/typed.csv"; } >"$dir/one.csv"
	"$hotich" --db "$dir/A" import --form ks "$dir/one.csv" >/dev/null
	t0=$(now)
	t1=$(reach "$(lsn "$dir/A")")
	since "$t0" "$t1" >>"$dir/lag.short"
	line=$((line + 1))
	sleep "$pace"
done
echo "  a process for each entry:    $(stats "$dir/lag.short")"
same

# 2. A bulk import.
t0=$(now)
"$hotich" --db "$dir/A" import --form ks "$dir/bulk.csv" >/dev/null
t1=$(now)
t2=$(reach "$(lsn "$dir/A")")
echo "2. bulk import of $bulk entries:"
echo "  the import took $(since $t0 $t1) s; the replica had" \
    "everything $(since $t1 $t2) s after it ended" \
    "($(since $t0 $t2) s after it began)"
same

# 3. An outage: the district stopped while the commune writes.
kill "$rp"
wait "$rp" 2>/dev/null || :
t0=$(now)
"$hotich" --db "$dir/A" import --form ks "$dir/outage.csv" >/dev/null
t1=$(now)
target=$(lsn "$dir/A")
echo "3. outage: $outage entries written in $(since $t0 $t1) s" \
    "while the district was stopped"
t0=$(now)
replica rp
t1=$(reach "$target")
echo "  the district caught up $(since $t0 $t1) s after it" \
    "started again"
same
# The baseline: without replication, the district would fetch a copy of
# the whole database; making that copy alone takes this long.
t0=$(now)
"$hotich" --db "$dir/A" backup "$dir/copy" >/dev/null
t1=$(now)
echo "  (baseline: copying the whole database with backup takes" \
    "$(since $t0 $t1) s, $(du -sh "$dir/copy" | cut -f1))"
du -sh "$dir/A" "$dir/R" | awk '{ printf "  %s %s\n", $2, $1 }'
