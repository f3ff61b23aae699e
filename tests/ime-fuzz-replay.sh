#!/bin/sh
# ime-fuzz-replay.sh: seed the input method fuzzer's corpus (the test
# vectors, the shipped .im files) and replay it through the fuzz target,
# so that "make check" runs the target's invariants under the sanitizers
# of this build.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

sh "$SRCDIR/fuzz/ime-seeds.sh" "$TMPDIR_T/corpus"
ok $? "the seeds are made"
out=$("$BUILDDIR/fuzz/ime-replay" "$TMPDIR_T/corpus" 2>&1)
ok $? "the fuzz target survives its seeds"
diag "$out"
n=$(printf '%s\n' "$out" | sed -n 's/^replayed \([0-9]*\) inputs$/\1/p')
[ "${n:-0}" -ge 60 ]
ok $? "at least 60 seeds replayed (got ${n:-0})"
done_testing
