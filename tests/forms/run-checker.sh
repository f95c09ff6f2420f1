#!/bin/sh
# SPDX-License-Identifier: ISC
# Runs `uppfolj-admin forms-check` on every tests/forms/invalid/<case>.json
# (stderr must be exactly <case>.expected, exit 1), on every valid fixture and
# every forms/*.json (exit 0, "FILE: ok ..."), plus the size limit and usage.
# Prints TAP. Usage: run-checker.sh [PATH-TO-uppfolj-admin]
# (default $UF_BUILD/admin/uppfolj-admin, UF_BUILD defaulting to the cwd).
set -u

here=$(cd "$(dirname "$0")" && pwd)
src=${UF_SRC:-$(cd "$here/../.." && pwd)}
build=${UF_BUILD:-$(pwd)}
bin=${1:-$build/admin/uppfolj-admin}
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }

if [ ! -x "$bin" ]; then
	echo "1..1"
	echo "not ok 1 - checker binary $bin exists"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/uf-forms.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# expect_fail DIR NAME EXPECTED-FILE: run in DIR so that messages name
# the file exactly as the .expected line does. Translation cases find their
# instrument in ../valid.
expect_fail() {
	( cd "$1" && "$bin" forms-check --forms ../valid "$2.json" >"$tmp/out" 2>"$tmp/err" )
	rc=$?
	if [ "$rc" -eq 1 ] && [ ! -s "$tmp/out" ] && cmp -s "$tmp/err" "$3"; then
		ok "invalid $2"
	else
		not_ok "invalid $2 (exit $rc)"
		echo "# expected: $(cat "$3")"
		echo "# got:      $(cat "$tmp/err")"
	fi
}

# expect_ok FILE: exit 0, nothing on stderr, "FILE: ok (...)" on stdout.
expect_ok() {
	"$bin" forms-check "$1" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] &&
	    grep -q "^$1: ok ([0-9]* items, [0-9]* scales)\$" "$tmp/out"; then
		ok "valid $1"
	else
		not_ok "valid $1 (exit $rc)"
		sed 's/^/# /' "$tmp/err"
	fi
}

# UI and information texts of another language are checked against the
# Swedish ones of the source tree when no sv file lies beside them.
export UF_FORMS_REF="$src/forms"

for f in "$src"/tests/forms/invalid/*.json; do
	name=$(basename "$f" .json)
	expect_fail "$src/tests/forms/invalid" "$name" \
	    "$src/tests/forms/invalid/$name.expected"
done

for f in "$src"/tests/forms/valid/*.json; do
	expect_ok "$f"
done

nforms=0
for f in "$src"/forms/*.json; do
	[ -e "$f" ] || continue
	nforms=$((nforms + 1))
	expect_ok "$f"
done
if [ "$nforms" -ge 4 ]; then
	ok "forms/ holds the instruments ($nforms files)"
else
	not_ok "forms/ holds the instruments (found $nforms, want chef, personal, peer, patient)"
fi

# The respondent languages' texts (lib/lang.h): every file checks against
# Swedish with no line on stderr and "FILE: ok (N texts)".
ntexts=0
for f in "$src"/forms/ui/*.json "$src"/forms/info/*.json; do
	[ -e "$f" ] || continue
	ntexts=$((ntexts + 1))
	"$bin" forms-check "$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] && grep -q "^$f: ok ([0-9]* texts)\$" "$tmp/out"; then
		ok "texts $f"
	else
		not_ok "texts $f (exit $rc)"
		sed 's/^/# /' "$tmp/err"
	fi
done
if [ -e "$src/forms/ui/sv.json" ] && [ "$ntexts" -ge 3 ]; then
	ok "forms/ui and forms/info hold the texts ($ntexts files, sv among them)"
else
	not_ok "forms/ui and forms/info hold the texts (found $ntexts, sv.json needed)"
fi

# Shipped translations: each checks against its instrument in forms/.
ntr=0
for f in "$src"/forms/translations/*.json; do
	[ -e "$f" ] || continue
	ntr=$((ntr + 1))
	"$bin" forms-check "$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] &&
	    grep -q "^$f: ok (translation [a-z].* of [a-z].* version [0-9]*" "$tmp/out"; then
		ok "valid translation $f"
	else
		not_ok "valid translation $f (exit $rc)"
		sed 's/^/# /' "$tmp/err"
	fi
done
if [ "$ntr" -ge 1 ]; then ok "forms/translations holds translations ($ntr files)"; else not_ok "forms/translations holds translations"; fi

# In a translations folder the file is named for its content; the
# instrument is found in the folder above.
mkdir -p "$tmp/tr/translations"
cp "$src/tests/forms/valid/minimal.json" "$tmp/tr/minimal.json"
printf '%s\n' '{"format": 1, "instrument": "minimal", "version": 1, "lang": "en",' \
    '"machine_assisted": true, "title": "Smallest", "themes": {"t": "Theme"},' \
    '"items": {"q1": {"text": "I am satisfied."}}}' >"$tmp/tr/translations/minimal-1.en.json"
( cd "$tmp/tr" && "$bin" forms-check translations/minimal-1.en.json >"$tmp/out" 2>"$tmp/err" )
rc=$?
if [ "$rc" -eq 0 ] && grep -qx 'translations/minimal-1.en.json: ok (translation en of minimal version 1, machine-assisted)' "$tmp/out"; then
	ok "translation beside its instrument folder: ok, machine-assisted named"
else
	not_ok "translation beside its instrument folder (exit $rc)"; sed 's/^/# /' "$tmp/err"
fi
mv "$tmp/tr/translations/minimal-1.en.json" "$tmp/tr/translations/minimal-1.de.json"
( cd "$tmp/tr" && "$bin" forms-check translations/minimal-1.de.json >"$tmp/out" 2>"$tmp/err" )
rc=$?
if [ "$rc" -eq 1 ] && grep -qx 'translations/minimal-1.de.json: file name must be minimal-1.en.json (instrument, version and lang of its content)' "$tmp/err"; then
	ok "translation file named for another language: refused"
else
	not_ok "translation file named for another language: refused (exit $rc)"
fi

# Size limit: a valid file padded with whitespace to exactly the limit
# passes; one byte more is refused before parsing.
limit=1048576
size=$(wc -c <"$src/tests/forms/valid/minimal.json")
cp "$src/tests/forms/valid/minimal.json" "$tmp/at_limit.json"
head -c $((limit - size)) /dev/zero | tr '\0' ' ' >>"$tmp/at_limit.json"
expect_ok "$tmp/at_limit.json"
cp "$tmp/at_limit.json" "$tmp/too_big.json"
printf ' ' >>"$tmp/too_big.json"
echo "too_big.json: file is larger than $limit bytes" >"$tmp/too_big.expected"
expect_fail "$tmp" too_big "$tmp/too_big.expected"

# Usage errors exit 2; a missing file is a failure (1) naming the file.
"$bin" forms-check >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 2 ] && [ -s "$tmp/err" ]; then ok "no files: usage, exit 2"; else not_ok "no files: usage, exit 2 (exit $rc)"; fi
"$bin" forms-check --bogus "$src/tests/forms/valid/minimal.json" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 2 ]; then ok "unknown option: exit 2"; else not_ok "unknown option: exit 2 (exit $rc)"; fi
( cd "$tmp" && "$bin" forms-check no_such_file.json >out 2>err )
rc=$?
if [ "$rc" -eq 1 ] && grep -q '^no_such_file.json: cannot open: ' "$tmp/err"; then
	ok "missing file: exit 1, named"
else
	not_ok "missing file: exit 1, named (exit $rc)"
fi

# Several files: the good one is reported ok, the bad one fails the run.
( cd "$src/tests/forms" && "$bin" forms-check valid/minimal.json \
    invalid/unknown_type.json >"$tmp/out" 2>"$tmp/err" )
rc=$?
if [ "$rc" -eq 1 ] &&
    grep -qx 'valid/minimal.json: ok (1 items, 0 scales)' "$tmp/out" &&
    grep -qx 'invalid/unknown_type.json: item q1: unknown type "likert7"' "$tmp/err"; then
	ok "mixed files: ok line, error line, exit 1"
else
	not_ok "mixed files: ok line, error line, exit 1 (exit $rc)"
fi

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
