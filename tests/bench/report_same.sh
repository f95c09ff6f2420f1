#!/bin/bash
# SPDX-License-Identifier: ISC
# Are two builds' reports the same? Writes, with each build's
# uppfolj-report, every wave's delrapport and the slutrapport of the
# database's study, each as pdftotext's text (-layout) and --csv tables,
# into OUT/a and OUT/b, and compares them with `diff -r` (empty: the same).
# Used to show that a change in how the reports read the database changes
# no figure and no word (tests/bench/README.md). Not a test: needs two
# builds and a database with a study.
#
#   bash tests/bench/report_same.sh BUILD_A BUILD_B CONNINFO OUT
# CONNINFO connects as uppfolj_report; psql reads the waves with it.
set -u
[ $# -eq 4 ] || { echo "usage: report_same.sh BUILD_A BUILD_B CONNINFO OUT" >&2; exit 2; }
A=$1 B=$2 CONN=$3 OUT=$4
for b in "$A" "$B"; do
	[ -x "$b/reports/uppfolj-report" ] || { echo "report_same: $b/reports/uppfolj-report is not built" >&2; exit 1; }
done
command -v pdftotext >/dev/null || { echo "report_same: pdftotext missing (poppler-utils)" >&2; exit 1; }
waves=$(psql -X -q -At -d "$CONN" -c "SELECT months FROM uppfolj.wave ORDER BY months") || exit 1
[ -n "$waves" ] || { echo "report_same: no waves" >&2; exit 1; }
rm -rf "$OUT/a" "$OUT/b"
for side in a b; do
	build=$A
	[ "$side" = b ] && build=$B
	d=$OUT/$side
	mkdir -p "$d" || exit 1
	for w in $waves; do
		"$build/reports/uppfolj-report" delrapport --wave "$w" --db "$CONN" --quiet \
			-o "$d/delrapport-$w.pdf" --csv "$d/csv-delrapport-$w" || exit 1
	done
	"$build/reports/uppfolj-report" slutrapport --db "$CONN" --quiet \
		-o "$d/slutrapport.pdf" --csv "$d/csv-slutrapport" || exit 1
	for f in "$d"/*.pdf; do
		pdftotext -q -layout "$f" "${f%.pdf}.txt" || exit 1
		rm -f "$f"
	done
done
n=$(find "$OUT/a" -type f | wc -l)
if diff -r "$OUT/a" "$OUT/b"; then
	echo "report_same: the same ($n files: $(echo $waves | wc -w) delrapporter and the slutrapport, text and CSV)"
else
	echo "report_same: DIFFERENT" >&2
	exit 1
fi
