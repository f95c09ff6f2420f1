#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# tests/dist-files.sh (make dist's hook) against a throwaway git checkout:
# it passes a complete tarball, fails a tracked file or a migration left out,
# and drops untracked files from the folders that ship whole.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
hook=$here/dist-files.sh
t=$(mktemp -d) || exit 99
trap 'rm -rf "$t"' EXIT
fails=0
check() {   # check NAME EXPECTED_STATUS ACTUAL_STATUS
	if [ "$2" = "$3" ]; then echo "ok - $1"; else echo "not ok - $1 (exit $3, expected $2)"; fails=1; fi
}

src=$t/src dist=$t/dist
mkdir -p "$src/schema" "$src/tests/api" "$dist/schema" "$dist/tests/api" || exit 99
echo a >"$src/schema/0001_a.sql"; echo b >"$src/schema/0002_b.sql"
echo t >"$src/tests/api/a.test.mjs"; echo r >"$src/README.md"
git -C "$src" init -q && git -C "$src" add . || exit 99
cp -r "$src/schema" "$src/tests" "$src/README.md" "$dist/" || exit 99

"$hook" "$src" "$dist" "tests/api" schema/0001_a.sql schema/0002_b.sql >/dev/null 2>&1
check "complete tarball passes" 0 $?

"$hook" "$src" "$dist" "tests/api" schema/0001_a.sql >"$t/out" 2>&1
check "migration missing from the install list fails" 1 $?
grep -q "0002_b.sql is not in dist_schema_DATA" "$t/out"; check "  ... and names it" 0 $?

rm "$dist/README.md"
"$hook" "$src" "$dist" "tests/api" schema/0001_a.sql schema/0002_b.sql >"$t/out" 2>&1
check "tracked file missing from the tarball fails" 1 $?
grep -q "README.md is missing" "$t/out"; check "  ... and names it" 0 $?
cp "$src/README.md" "$dist/"

echo junk >"$dist/tests/api/shot.png"
"$hook" "$src" "$dist" "tests/api" schema/0001_a.sql schema/0002_b.sql >/dev/null 2>&1
check "untracked file in a whole folder: passes" 0 $?
[ ! -e "$dist/tests/api/shot.png" ]; check "  ... and is left out" 0 $?

# An unpacked tarball (no .git of its own) is judged on migrations only.
rm -rf "$src/.git" "$dist/README.md"
"$hook" "$src" "$dist" "tests/api" schema/0001_a.sql schema/0002_b.sql >/dev/null 2>&1
check "outside a git checkout only migrations are checked" 0 $?
exit $fails
