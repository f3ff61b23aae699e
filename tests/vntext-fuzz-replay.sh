#!/bin/sh
# vntext-fuzz-replay.sh: replay the seeds of the encoding and Vietnamese
# text fuzzers (made by fuzz/encoding-seeds.sh and fuzz/vntext-seeds.sh)
# through their targets, so that "make check" runs the targets'
# invariants under the sanitizers of this build.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

for t in encoding:15 vntext:100; do
	name=${t%:*}
	mkdir "$TMPDIR_T/$name"
	sh "$SRCDIR/fuzz/$name-seeds.sh" "$TMPDIR_T/$name"
	ok $? "the $name seeds are made"
	out=$("$BUILDDIR/fuzz/$name-replay" "$TMPDIR_T/$name" 2>&1)
	ok $? "the $name fuzz target survives its seeds"
	diag "$out"
	n=$(printf '%s\n' "$out" | sed -n 's/^replayed \([0-9]*\) inputs$/\1/p')
	[ "${n:-0}" -ge "${t#*:}" ]
	ok $? "at least ${t#*:} $name seeds replayed (got ${n:-0})"
done
done_testing
