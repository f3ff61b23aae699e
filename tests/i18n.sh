#!/bin/sh
# i18n.sh: the interface speaks Vietnamese by default, also under the
# plain C locale of a fresh server; English on request; and every message
# in the sources has a Vietnamese translation.

. "${SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

vi_help() {
	env -u HOTICH_LANG -u LANGUAGE "$@" "$HOTICH" --help
}

out=$(vi_help LANG=C.UTF-8)
case $out in *"Trạng thái thoát"*) r=0 ;; *) r=1 ;; esac
ok $r "Vietnamese by default under C.UTF-8"
[ $r -eq 0 ] || diag "$out"

out=$(vi_help LANG=C LC_ALL=C)
case $out in *"Trạng thái thoát"*) r=0 ;; *) r=1 ;; esac
ok $r "Vietnamese by default under the plain C locale"

out=$(vi_help LANG=C.UTF-8 LANGUAGE=en)
case $out in *"Trạng thái thoát"*) r=0 ;; *) r=1 ;; esac
ok $r "an English desktop LANGUAGE does not override the default"

out=$(env -u HOTICH_LANG "$HOTICH" --lang en --help)
case $out in *"Exit status"*) r=0 ;; *) r=1 ;; esac
ok $r "--lang en gives English"

out=$(env HOTICH_LANG=en "$HOTICH" --help)
case $out in *"Exit status"*) r=0 ;; *) r=1 ;; esac
ok $r "HOTICH_LANG=en gives English"

out=$(cd "$SRCDIR/tests/forms/0001-unknown-type" &&
    env -u HOTICH_LANG "$HOTICH" forms check in.form 2>&1)
case $out in "in.form:6:9: "*"'strng'"*) r=0 ;; *) r=1 ;; esac
ok $r "form errors keep FILE:LINE:COL in Vietnamese"
case $out in *"unknown field type"*) r=1 ;; *) r=0 ;; esac
ok $r "and are translated"
diag "$out"

# Every message of the sources is translated, none is fuzzy.
if command -v xgettext >/dev/null && command -v msgcmp >/dev/null; then
	(cd "$SRCDIR" && xgettext --from-code=UTF-8 --language=C \
	    --keyword=_ --keyword=N_ --files-from=po/POTFILES \
	    -o "$TMPDIR_T/hotich.pot" 2>/dev/null)
	out=$(msgcmp "$SRCDIR/po/vi.po" "$TMPDIR_T/hotich.pot" 2>&1)
	ok $? "po/vi.po has every message of the sources"
	[ -z "$out" ] || diag "$out"
	stats=$(msgfmt --statistics -o /dev/null "$SRCDIR/po/vi.po" 2>&1)
	case $stats in *fuzzy*|*untranslated*) r=1 ;; *) r=0 ;; esac
	ok $r "po/vi.po: $stats"
else
	echo "ok 8 # SKIP gettext tools not installed"
	echo "ok 9 # SKIP gettext tools not installed"
	tap_n=9
fi

done_testing
