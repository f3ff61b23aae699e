#!/bin/sh
# ime-fuzz-replay.sh: seed the input method fuzzer's corpus (the test
# vectors, the shipped .im files) and replay it through the fuzz target,
# so that "make check" runs the target's invariants under the sanitizers
# of this build.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

replay_seeds ime 60
done_testing
