# rep-lib.sh: what the replication tests share, sourced after lib.sh:
# starting and stopping "hotich replicate" in the background (in a
# network namespace if asked), waiting for it to start, and comparing a
# replica with its commune's database. Every process started here is
# stopped when the test exits, and $TMPDIR_T removed.

rep_pids=

rep_cleanup() {
	for p in $rep_pids; do
		kill "$p" 2>/dev/null
	done
	for p in $rep_pids; do
		wait "$p" 2>/dev/null
	done
	[ -n "${rep_cleanup_hook:-}" ] && $rep_cleanup_hook
	if [ -f "$TMPDIR_T/ports" ]; then
		while read -r fp; do
			rmdir "${TMPDIR:-/tmp}/hotich-port-$fp"
		done <"$TMPDIR_T/ports"
	fi
	rm -rf "$TMPDIR_T"
}
trap rep_cleanup EXIT

# free_port: a TCP port on 127.0.0.1 that nobody listens on now, and
# that no other test running at the same time has been given: the kernel
# hands a port just let go of to the next to ask, so each port is claimed
# with a directory (mkdir is atomic) until the test ends.
free_port() {
	while :; do
		fp=$(python3 -c 'import socket; s = socket.socket(); \
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
		if mkdir "${TMPDIR:-/tmp}/hotich-port-$fp" 2>/dev/null; then
			echo "$fp" >>"$TMPDIR_T/ports"
			echo "$fp"
			return
		fi
	done
}

# start_in NS NAME DB ARGS...: run "hotich --db DB replicate ARGS" in the
# background, in the network namespace NS (none if empty); its pid goes
# into the variable NAME and its output to DB.replog.
start_in() {
	start_ns=$1
	start_name=$2
	start_db=$3
	shift 3
	if [ -n "$start_ns" ]; then
		ip netns exec "$start_ns" "$HOTICH" --db "$start_db" \
		    replicate "$@" >>"$start_db.replog" 2>&1 &
	else
		"$HOTICH" --db "$start_db" replicate "$@" \
		    >>"$start_db.replog" 2>&1 &
	fi
	eval "$start_name=$!"
	rep_pids="$rep_pids $!"
}

# start NAME DB ARGS...: start_in, here.
start() {
	start_in "" "$@"
}

# stop PID: stop a replication process and wait for it.
stop() {
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

# dump DB FILE [PASS]: the entries of form ks (or $REP_FORM) in DB, as
# CSV; DB's passphrase is PASS if given, else $HOTICH_PASSPHRASE.
dump() {
	env ${3:+HOTICH_PASSPHRASE="$3"} "$HOTICH" --db "$1" export \
	    --form "${REP_FORM:-ks}" --out "$2" >/dev/null 2>&1
}

# same A R [SECONDS [PASS]]: poll until the replica R (passphrase PASS,
# if it has its own) holds exactly what A holds (their exports are
# equal), at most SECONDS (default 300).
same() {
	same_end=$(($(date +%s) + ${3:-300}))
	while [ "$(date +%s)" -le "$same_end" ]; do
		if dump "$1" "$TMPDIR_T/same-a.csv" &&
		    dump "$2" "$TMPDIR_T/same-r.csv" "${4:-}" &&
		    cmp -s "$TMPDIR_T/same-a.csv" "$TMPDIR_T/same-r.csv"; then
			return 0
		fi
		sleep 0.5
	done
	diag "$(tail -5 "$2.replog" 2>/dev/null)"
	return 1
}

# poll SECONDS COMMAND...: run COMMAND every 0.2 s until it succeeds, at
# most SECONDS; give up at once when it exits with 2 (it never will).
poll() {
	poll_end=$(($(date +%s) + $1))
	shift
	while [ "$(date +%s)" -le "$poll_end" ]; do
		"$@"
		case $? in
		0)	return 0 ;;
		2)	return 1 ;;
		esac
		sleep 0.2
	done
	return 1
}

# state DB: the replication state of DB, from its status (rewritten
# once a second by the replication).
state() {
	"$HOTICH" replicate --status --format tsv "$1" | cut -f3
}

# in_state DB STATE: whether DB's status says STATE.
in_state() {
	[ "$(state "$1")" = "$2" ]
}

# started DB: whether the replication of DB has been connected.
started() {
	"$HOTICH" replicate --status --format tsv "$1" |
	    awk -F '\t' '$5 != 0 { f = 1 } END { exit !f }'
}

# up DB: poll until the replication of DB has started (at most 60 s).
up() {
	poll 60 started "$1"
}

# connected DB: poll until the status of DB says connected (at most 60 s).
connected() {
	poll 60 in_state "$1" connected
}

# rcheck DB: "hotich check" on the replica DB while it replicates: it
# reads what the replication is writing, and Berkeley DB may pick it to
# end a deadlock; then it is run again, five times at most.
rcheck() {
	rcheck_i=0
	while [ $rcheck_i -lt 5 ]; do
		"$HOTICH" --db "$1" check >"$TMPDIR_T/rcheck.out" 2>&1 &&
		    return 0
		grep -q "DEADLOCK\|LOCKOUT\|busy" "$TMPDIR_T/rcheck.out" ||
		    break
		rcheck_i=$((rcheck_i + 1))
		sleep 1
	done
	diag "$(tail -3 "$TMPDIR_T/rcheck.out")"
	return 1
}

# count DB: how many entries of form ks (or $REP_FORM) DB holds.
count() {
	"$HOTICH" --db "$1" export --form "${REP_FORM:-ks}" \
	    --out "$TMPDIR_T/count.csv" 2>&1 |
	    sed -n 's/.*: \([0-9]*\) entries of form [a-z]*$/\1/p'
}
