#!/bin/sh
# fuzz-replay.sh: replay the form fuzzer's seed corpus (the shipped forms
# and the golden test inputs) through the fuzz target, so that "make
# check" runs the target's invariants under the sanitizers of this build.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

out=$("$BUILDDIR/fuzz/form-replay" "$SRCDIR"/forms/*.form \
    "$SRCDIR"/forms/*.inc "$SRCDIR"/forms/lists "$SRCDIR"/tests/forms/*/ 2>&1)
ok $? "the fuzz target survives its seeds"
diag "$out"
n=$(printf '%s\n' "$out" | sed -n 's/^replayed \([0-9]*\) inputs$/\1/p')
[ "${n:-0}" -ge 45 ]
ok $? "at least 45 seeds replayed (got ${n:-0})"
done_testing
