#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# House-style checks that a compiler does not make: banned C functions,
# <libpq-fe.h> outside lib/db.c, SQL text outside the statement tables,
# db_res column access outside the data layer in manage/ and adminweb/.
# Scans every C file outside tests/ (tests only for the libpq rule).
# Comments are ignored; SQL is looked for only inside string literals.
# Usage: tests/lint.sh [SRCDIR]   (prints file:line: what; exit 1 on findings)
set -u

root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root" || { echo "lint: cannot enter $root" >&2; exit 2; }

# One awk pass per file: strip comments, split code from string literals,
# then apply the rules. Variables: f (path), sql_ok, pq_ok (1 = exempt).
read -r -d '' CHECK <<'AWK'
function report(msg) { printf "%s:%d: %s\n", f, FNR, msg; bad = 1 }
BEGIN { state = 0 }   # 0 code, 1 block comment
{
	line = $0; code = ""; nstr = 0; i = 1; n = length(line)
	while (i <= n) {
		c = substr(line, i, 1); c2 = substr(line, i, 2)
		if (state == 1) {
			if (c2 == "*/") { state = 0; i += 2; code = code " " } else i++
			continue
		}
		if (c2 == "/*") { state = 1; i += 2; continue }
		if (c2 == "//") break
		if (c == "\"" || c == "'") {
			q = c; s = ""; i++
			while (i <= n && substr(line, i, 1) != q) {
				if (substr(line, i, 1) == "\\") { s = s substr(line, i, 2); i += 2 }
				else { s = s substr(line, i, 1); i++ }
			}
			i++
			if (q == "\"") { strs[++nstr] = s; code = code "\"\"" }
			else code = code "' '"
			continue
		}
		code = code c; i++
	}
	rest = code
	while (match(rest, /(^|[^A-Za-z0-9_])(sprintf|vsprintf|strcpy|strcat|atoi|atol|gets|strtok)[ \t]*\(/)) {
		fn = substr(rest, RSTART, RLENGTH); sub(/^[^A-Za-z]/, "", fn); sub(/[ \t]*\($/, "", fn)
		report("banned function " fn "() (see HACKING.md)")
		rest = substr(rest, RSTART + RLENGTH)
	}
	if (!pq_ok && code ~ /^[ \t]*#[ \t]*include[ \t]*[<"]([^>"]*\/)?libpq-fe\.h[>"]/)
		report("<libpq-fe.h> is included only by lib/db.c")
	# An #include "x" keeps its quotes in code; only real literals count.
	if (!sql_ok)
		for (k = 1; k <= nstr; k++)
			if (strs[k] ~ /SELECT |INSERT INTO|UPDATE |DELETE FROM/) {
				report("SQL in a string literal: keep it in a db_*.c statement table")
				break
			}
}
END { exit bad }
AWK

status=0
# Product code: lib/ collect/ reports/ admin/ and any other top-level folder
# (manage/, ...) except the tests and the build tooling.
style_files=$(find . \( -name .git -o -name autom4te.cache -o -name node_modules \
	-o -path ./tests -o -path ./build-aux -o -path ./m4 \) -prune -o \
	-type f \( -name '*.c' -o -name '*.h' \) -print | sed 's|^\./||' | LC_ALL=C sort)
for f in $style_files; do
	sql_ok=0
	case "$f" in
	lib/db.c | */db_*.c | db_*.c) sql_ok=1 ;;
	esac
	pq_ok=0
	[ "$f" = lib/db.c ] && pq_ok=1
	awk -v f="$f" -v sql_ok="$sql_ok" -v pq_ok="$pq_ok" "$CHECK" "$f" || status=1
done

# Typed rows: manage/ and adminweb/ read the database through structs
# filled in their data layer (db_*.c). Column access to a db_res
# (db_res_get, db_res_long, db_res_isnull, db_res_rows) anywhere else there
# would tie a file to another file's column numbers.
rows_re='db_res_(get|long|isnull|rows)[[:space:]]*\('
for f in $(ls manage/*.c adminweb/*.c 2>/dev/null | LC_ALL=C sort); do
	case "$f" in */db_*.c) continue ;; esac
	if grep -nE "$rows_re" "$f" | sed "s|^\([0-9]*\):.*|$f:\1: db_res column access outside a db_*.c file: fill a struct in the data layer (typed rows)|" | grep .; then
		status=1
	fi
done

# <libpq-fe.h> in the tests too (the directive at the start of a line).
others=$(find . \( -name .git -o -name autom4te.cache -o -name node_modules \) -prune -o \
	-type f \( -name '*.c' -o -name '*.h' \) -print | sed 's|^\./||' | LC_ALL=C sort)
for f in $others; do
	case "$f" in tests/*) ;; *) continue ;; esac
	if grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^>"]*/)?libpq-fe\.h[>"]' "$f" |
		sed "s|^\([0-9]*\):.*|$f:\1: <libpq-fe.h> is included only by lib/db.c|" | grep .; then
		status=1
	fi
done

# Layout: every C file, the tests' too, as .clang-format says. Debian 12's
# clang-format (14) is the reference; another version may differ.
if ! command -v clang-format >/dev/null; then
	echo "lint: clang-format is missing (apt-get install clang-format)" >&2
	status=1
elif [ -f .clang-format ]; then
	for f in $others; do
		if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
			echo "$f: not formatted as .clang-format says (clang-format -i $f)"
			status=1
		fi
	done
else
	echo "lint: .clang-format is missing" >&2
	status=1
fi

if [ "$status" -ne 0 ]; then
	echo "lint: FAILED" >&2
else
	echo "lint: ok"
fi
exit "$status"
