#!/bin/sh
# replicate-ssh.sh: the replication runs through an SSH tunnel, as the
# manual says. The commune's PC and the district's server are two network
# namespaces joined by a veth pair on which only sshd listens; each end's
# hotich listens on its own 127.0.0.1, and the commune's
# "ssh -N -L 7101:127.0.0.1:7101 -R 7100:127.0.0.1:7100 district" joins
# them under the same port numbers. The district's replica, started
# before the commune's, waits for it. 2,000 entries reach the replica
# through the tunnel; with the tunnel down the replica says it is
# disconnected and gets nothing of 500 more, though the district's
# server is still reachable; with it up again the replica catches up.
# Needs root (for the namespaces), sshd, ssh and ssh-keygen.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/rep-lib.sh"

T=$TMPDIR_T
S=$T/ssh
GEN=$BUILDDIR/tests/bench/gen
NC=hxc$$
ND=hxd$$
# The veth's subnet: private to the namespaces, so a parallel run with
# the same one would not clash either.
NET=10.231.$(($$ % 254 + 1))
AC=$NET.1
AD=$NET.2
SSHD=$(command -v sshd || echo /usr/sbin/sshd)

# An interrupted test still cleans up: the EXIT trap does it.
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# no REASON: skip the whole test.
no() {
	echo "1..0 # SKIP $1"
	exit 0
}

[ "$(id -u)" -eq 0 ] || no "not root: network namespaces need root"
[ -x "$SSHD" ] || no "no sshd (openssh-server)"
command -v ssh >/dev/null 2>&1 || no "no ssh (openssh-client)"
command -v ssh-keygen >/dev/null 2>&1 || no "no ssh-keygen"
command -v python3 >/dev/null 2>&1 || no "no python3"
command -v ip >/dev/null 2>&1 || no "no ip (iproute2)"
command -v ss >/dev/null 2>&1 && have_ss=1 || have_ss=

# ssh_cleanup: rep_cleanup's hook, after the replications are stopped:
# stop the tunnel and sshd, then whatever else still runs in the
# namespaces (sshd's session processes), and delete the namespaces,
# which deletes the veth pair.
ssh_cleanup() {
	for p in ${sshc:-} ${sshd:-}; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	for ns in $NC $ND; do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null
		i=0
		while [ -n "$(ip netns pids "$ns" 2>/dev/null)" ] &&
		    [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns del "$ns" 2>/dev/null
	done
}

ip netns add "$NC" 2>/dev/null || no "ip netns add fails here"
rep_cleanup_hook=ssh_cleanup
ip netns add "$ND" 2>/dev/null || no "ip netns add fails here"

# logs: show what the tunnel's ends and the replications said.
logs() {
	for f in "$S/sshd.log" "$S/ssh.log" "$T/A.replog" "$T/R.replog"; do
		[ -s "$f" ] || continue
		diag "--- $f:"
		diag "$(tail -15 "$f")"
	done
}

# okl STATUS DESCRIPTION: ok, with the logs when it fails.
okl() {
	ok "$1" "$2"
	[ "$1" -eq 0 ] || logs
}

# needed STATUS DESCRIPTION: okl, and the end of the test if it failed:
# what follows needs it.
needed() {
	okl "$1" "$2"
	[ "$1" -eq 0 ] || done_testing
}

# reach NS HOST PORT: whether a TCP connection to HOST:PORT can be made
# from the namespace NS.
reach() {
	ip netns exec "$1" python3 -c 'import socket, sys
s = socket.socket()
s.settimeout(2)
sys.exit(s.connect_ex((sys.argv[1], int(sys.argv[2]))) != 0)' "$2" "$3"
}

# listening NS PORT [HOST]: whether something listens on HOST:PORT
# (default 127.0.0.1) in the namespace NS; asked to ss if there is one,
# else tried.
listening() {
	if [ -n "$have_ss" ]; then
		ip netns exec "$1" ss -ltn | awk -v a="${3:-127.0.0.1}:$2" '
		    $4 == a { f = 1 }
		    END { exit !f }'
	else
		reach "$1" "${3:-127.0.0.1}" "$2"
	fi
}

# sshd_up: sshd listens on the district's veth address, and still runs.
sshd_up() {
	kill -0 "$sshd" 2>/dev/null || return 2
	listening "$ND" 2222 "$AD"
}

# tunnel_up: both ends of the tunnel listen, and ssh still runs.
tunnel_up() {
	kill -0 "$sshc" 2>/dev/null || return 2
	listening "$ND" 7100 && listening "$NC" 7101
}

# tunnel_down: neither end listens any more.
tunnel_down() {
	! listening "$ND" 7100 && ! listening "$NC" 7101
}

# tunnel: start the commune's ssh client, as the manual says, in the
# commune's namespace; its pid goes into sshc.
tunnel() {
	ip netns exec "$NC" ssh -F none -N \
	    -L 7101:127.0.0.1:7101 -R 7100:127.0.0.1:7100 \
	    -p 2222 -i "$S/client" -o IdentitiesOnly=yes \
	    -o ExitOnForwardFailure=yes -o StrictHostKeyChecking=no \
	    -o UserKnownHostsFile=/dev/null -o BatchMode=yes \
	    -o LogLevel=VERBOSE "root@$AD" >>"$S/ssh.log" 2>&1 &
	sshc=$!
}


# outside NS WHO [ALLOWED]: print the sockets listening in NS off its
# loopback, but ALLOWED; fail if there are any.
outside() {
	ip netns exec "$1" ss -ltn | awk -v who="$2" -v a="${3:-}" '
	    NR > 1 && $4 != a && $4 !~ /^(127\.0\.0\.1|\[::1\]):/ {
		print who ": " $4
		f = 1
	    }
	    END { exit f }'
}

# import_at FILE DESCRIPTION: one test: the commune imports FILE, in its
# namespace; what it said is shown if it fails.
import_at() {
	ip netns exec "$NC" "$HOTICH" --db "$T/A" import --form ks "$1" \
	    >"$T/import.out" 2>&1
	import_r=$?
	ok $import_r "$2"
	[ $import_r -eq 0 ] || diag "$(cat "$T/import.out")"
}

# behind: whether the replica's export differs from the commune's, as
# exported in $T/a.csv.
behind() {
	dump "$T/R" "$T/r.csv" && ! cmp -s "$T/a.csv" "$T/r.csv"
}

# 1. The two offices, the link between them, and sshd at the district.
ip link add "${NC}v" netns "$NC" type veth peer name "${ND}v" netns "$ND"
r=$?
if [ $r -eq 0 ]; then
	ip -n "$NC" addr add "$AC/24" dev "${NC}v" &&
	ip -n "$ND" addr add "$AD/24" dev "${ND}v" &&
	ip -n "$NC" link set "${NC}v" up &&
	ip -n "$ND" link set "${ND}v" up &&
	ip -n "$NC" link set lo up &&
	ip -n "$ND" link set lo up
	r=$?
fi
needed $r "two namespaces joined by a veth pair ($AC, $AD), loopbacks up"

# sshd needs its privilege separation directory; it is left in place.
mkdir -p "$S" /run/sshd
ssh-keygen -q -t ed25519 -N '' -C hotich-test-host -f "$S/host" &&
ssh-keygen -q -t ed25519 -N '' -C hotich-test-client -f "$S/client" &&
cp "$S/client.pub" "$S/authorized_keys"
needed $? "a host key and a client key are made"

# Without PAM, sshd refuses a root whose password is locked with "!";
# through PAM, a key still logs it in.
usepam=no
case $(getent shadow root 2>/dev/null | cut -d: -f2) in
!*)	usepam=yes ;;
esac
cat > "$S/sshd_config" <<EOF
ListenAddress $AD:2222
HostKey $S/host
AuthorizedKeysFile $S/authorized_keys
PidFile $S/sshd.pid
UsePAM $usepam
StrictModes no
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
AllowTcpForwarding yes
GatewayPorts no
LogLevel VERBOSE
EOF
"$SSHD" -t -f "$S/sshd_config" >"$S/sshd.log" 2>&1
needed $? "the sshd configuration is valid"
ip netns exec "$ND" "$SSHD" -D -e -f "$S/sshd_config" \
    >>"$S/sshd.log" 2>&1 &
sshd=$!
poll 30 sshd_up
needed $? "sshd listens on the district's $AD:2222"

tunnel
poll 30 tunnel_up
needed $? "the tunnel is up: 7100 at the district, 7101 at the commune"

# 2. Replication through the tunnel, each end on its own loopback.
"$HOTICH" --db "$T/A" init --office "UBND xã Tân Phú" >/dev/null
ok $? "the commune's database is made"
"$GEN" --form ks --count 2000 --seed 5 > "$T/first.csv" &&
"$GEN" --form ks --count 500 --seed 6 > "$T/cut.csv"
ok $? "the entries to import are generated"
# The district first: through the tunnel, sshd accepts its connection
# and resets it, for nothing listens at the commune yet. It waits.
start_in "$ND" ra "$T/R" --replica --listen 127.0.0.1:7101 \
    --peer 127.0.0.1:7100
poll 30 grep -q "connect_to 127.0.0.1 port 7100: failed" "$S/ssh.log"
okl $? "the district, started first, finds no commune at the tunnel's end"
kill -0 "$ra" 2>/dev/null
okl $? "... and waits for it"
start_in "$NC" ma "$T/A" --listen 127.0.0.1:7100 --peer 127.0.0.1:7101
up "$T/A"
okl $? "the commune's replication starts"
import_at "$T/first.csv" "the commune imports 2000 entries while replicating"
n=$(count "$T/A")
diag "the commune holds $n entries"
same "$T/A" "$T/R" 120
okl $? "through the tunnel, the replica holds exactly the commune's entries"
is "$(count "$T/R")" "$n" "... $n of them"
rcheck "$T/R"
ok $? "check passes on the replica"
connected "$T/R"
okl $? "status: the replica is connected"
connected "$T/A"
okl $? "status: so is the commune"
if [ -n "$have_ss" ]; then
	out=$(outside "$NC" commune && outside "$ND" district "$AD:2222")
	ok $? "off the loopbacks, only sshd listens"
	[ -z "$out" ] || diag "$out"
else
	skip "no ss to list the listening sockets"
fi

# 3. The tunnel is the only way: without it nothing goes through.
kill "$sshc"
wait "$sshc" 2>/dev/null
poll 30 tunnel_down
needed $? "the ssh client killed, the tunnel is down"
poll 60 in_state "$T/R" disconnected
okl $? "status: the replica is disconnected (says $(state "$T/R"))"
poll 30 in_state "$T/A" disconnected
okl $? "status: so is the commune (says $(state "$T/A"))"
reach "$NC" "$AD" 2222
ok $? "the commune still reaches the district's sshd over the veth"
import_at "$T/cut.csv" "the commune imports 500 more with the tunnel down"
dump "$T/A" "$T/a.csv"
# The replica stays behind: watched for 5 s, during which a working link
# would carry the 500 entries over.
poll_end=$(($(date +%s) + 5))
while behind && [ "$(date +%s)" -le "$poll_end" ]; do
	sleep 0.5
done
behind
okl $? "the replica stays behind"
is "$(count "$T/R")" "$n" "... still at $n entries"

# 4. The tunnel again: the replica catches up.
tunnel
poll 30 tunnel_up
needed $? "the tunnel is up again"
same "$T/A" "$T/R" 120
okl $? "the replica catches up exactly"
is "$(count "$T/R")" "$(count "$T/A")" "... $(count "$T/A") entries"
rcheck "$T/R"
ok $? "check passes on the replica"
connected "$T/R"
okl $? "status: the replica is connected again"

done_testing
