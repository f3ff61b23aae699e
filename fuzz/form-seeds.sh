#!/bin/sh
# form-seeds.sh CORPUS: seed the form fuzzer with the shipped forms and the
# golden test inputs.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cp "$top"/forms/*.form "$top"/forms/*.inc "$1"/
for d in "$top"/tests/forms/*/; do
	cp "$d/in.form" "$1/golden-$(basename "$d").form"
done
