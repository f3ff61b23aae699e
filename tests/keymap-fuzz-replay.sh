#!/bin/sh
# keymap-fuzz-replay.sh: replay the keymap fuzzer's seeds (made by
# fuzz/keymap-seeds.sh) through the fuzz target, so that "make check"
# runs its invariants under the sanitizers of this build.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

replay_seeds keymap 38
done_testing
