#!/bin/sh
# csv-fuzz-replay.sh: replay the CSV fuzzer's seeds (made by
# fuzz/csv-seeds.sh) through the fuzz target, so that "make check" runs
# its invariants under the sanitizers of this build.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

replay_seeds csv 17
done_testing
