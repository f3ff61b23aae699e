#!/bin/sh
# tui-bench-smoke.sh: the pty harness of the terminal benchmark counts
# right and ends what it runs, on small shell programs whose output is
# known: the terminal's own echo, a screen clear, an early exit, a marker
# that never comes, quit keys that are ignored. Counts and exit statuses
# only: timing belongs to "make bench-tui".

. "$SRCDIR/tests/lib.sh"

tb=$BUILDDIR/tests/bench/tui-bench
tsv=$TMPDIR_T/tui.tsv

# run [TUI-BENCH OPTION...] -- COMMAND...: run tui-bench with a fresh
# summary in $tsv and its report in $TMPDIR_T/out; sets $status. These
# first screens are tiny, so only a clearing sequence makes a redraw.
run() {
	rm -f "$tsv"
	"$tb" --settle 50 --ready-settle 50 --timeout 5 --redraw-share 100 \
	    --tsv "$tsv" "$@" \
	    >"$TMPDIR_T/out" 2>&1
	status=$?
}

# col NAME: the named column of the summary.
col() {
	awk -F'\t' -v name="$1" 'NR == 1 {
		for (i = 1; i <= NF; i++)
			if ($i == name)
				c = i
		next
	}
	{ print $c }' "$tsv"
}

# The pty echoes each character once; Left echoes as ^[OD (xterm's
# kcub1, with echoctl); Enter ends read and the shell exits.
run --ready ready -k 'text:Thủy' -k key:Left -k key:Tab --quit Enter -- \
    sh -c 'printf ready; read x; printf "%s" "$x"'
is "$status" 0 "a shell reading a line: tui-bench exits 0"
is "$(col screen_bytes)" 5 "the first screen is the 5 bytes of 'ready'"
is "$(col text_keys) $(col text_bytes_median) $(col text_bytes_max)" \
    "4 1.0 3.0" "4 characters, echoed in 1 byte, 3 for ủ"
is "$(col nav_keys) $(col nav_bytes_max)" "2 4.0" \
    "2 named keys, Left echoed in 4 bytes"
is "$(col redraws) $(col result)" "0 ok" "no redraw; the run is complete"
grep -q '^  end  *quit, exit 0' "$TMPDIR_T/out"
ok $? "the quit key ended the shell"

# A key whose output clears the screen is a full redraw. The quit keys
# end the line and the input.
run --ready ready -k text:ab -k key:Enter -k text:c --quit Enter --quit C-d -- \
    sh -c 'printf ready; while read x; do printf "\033[H\033[2J%s" "$x"; done'
is "$status $(col redraws)" "0 1" "a clear-screen after Enter is 1 redraw"

# Exiting in the middle of the keys is a failure, with what was measured.
run --ready ready -k text:a -k key:Enter -k text:b -- \
    sh -c 'printf ready; read x'
is "$status $(col result) $(col text_keys)" "1 failed 1" \
    "an early exit fails after the keys measured"
grep -q 'exited during a keystroke' "$TMPDIR_T/out"
ok $? "the early exit is reported"

# A ready marker that never comes: the program is killed.
run --ready ready --timeout 0.5 -- \
    sh -c 'echo $$ >"$0"; printf hello; exec sleep 30' "$TMPDIR_T/pid"
is "$status $(col result)" "1 failed" "a missing ready marker fails"
grep -q 'no ready marker' "$TMPDIR_T/out"
ok $? "the missing marker is reported"
kill -0 "$(cat "$TMPDIR_T/pid")" 2>/dev/null
is $? 1 "the waiting program was killed"

# Quit keys and SIGTERM ignored: SIGKILL, and a failure.
run --ready ready --timeout 0.3 --quit q -- \
    sh -c 'trap "" TERM; echo $$ >"$0"; printf ready; while :; do sleep 1; done' \
    "$TMPDIR_T/pid"
is "$status $(col result)" "1 failed" "a program that will not end fails"
grep -q '^  end  *SIGKILL' "$TMPDIR_T/out"
ok $? "it was killed with SIGKILL"
kill -0 "$(cat "$TMPDIR_T/pid")" 2>/dev/null
is $? 1 "it is gone"

# Bad keys are usage errors.
"$tb" -k key:NoSuchKey -- true >/dev/null 2>&1
is $? 2 "an unknown key name is a usage error"
"$tb" -k 'word' -- true >/dev/null 2>&1
is $? 2 "a spec without text: or key: is a usage error"

done_testing
