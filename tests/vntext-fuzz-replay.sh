#!/bin/sh
# vntext-fuzz-replay.sh: replay the seeds of the encoding and Vietnamese
# text fuzzers (made by fuzz/encoding-seeds.sh and fuzz/vntext-seeds.sh)
# through their targets, so that "make check" runs the targets'
# invariants under the sanitizers of this build.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

replay_seeds encoding 15
replay_seeds vntext 100
done_testing
