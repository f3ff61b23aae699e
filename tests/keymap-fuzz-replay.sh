#!/bin/sh
# keymap-fuzz-replay.sh: replay the keymap fuzzer's seeds (made by
# fuzz/keymap-seeds.sh) through the fuzz target, so that "make check"
# runs its invariants under the sanitizers of this build.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

mkdir "$TMPDIR_T/corpus"
sh "$SRCDIR/fuzz/keymap-seeds.sh" "$TMPDIR_T/corpus"
ok $? "the seeds are made"
out=$("$BUILDDIR/fuzz/keymap-replay" "$TMPDIR_T/corpus" 2>&1)
ok $? "the keymap fuzz target survives its seeds"
diag "$out"
n=$(printf '%s\n' "$out" | sed -n 's/^replayed \([0-9]*\) inputs$/\1/p')
[ "${n:-0}" -ge 37 ]
ok $? "at least 37 seeds replayed (got ${n:-0})"
done_testing
