#!/bin/bash
# SPDX-License-Identifier: ISC
# Benchmark of uppfolj-report: generates the demo study with 1,000 and 10,000
# participants (x 3 waves x ~40 items, about 1.2M answers at 10,000) into
# databases of their own, times both reports (wall clock and peak RSS from
# /usr/bin/time -v) and prints the growth. Target at 10,000: slutrapport
# < 3 s wall and < 150 MB peak. A benchmark, not a test: it prints figures
# and exits 0 unless something fails to run.
#
# Needs UF_BUILD (with admin/uppfolj-admin and reports/uppfolj-report),
# UF_PGHOST and UF_PGPORT (a cluster where user postgres connects without a
# password), UF_SECRET (key file; made in a temp dir if unset), UF_SRC.
set -u

SRC=${UF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${UF_BUILD:?set UF_BUILD}
PGHOST=${UF_PGHOST:?set UF_PGHOST}
PGPORT=${UF_PGPORT:?set UF_PGPORT}
ADMIN=$BUILD/admin/uppfolj-admin
REPORT=$BUILD/reports/uppfolj-report
SIZES=${UF_BENCH_SIZES:-"1000 10000"}
KEEP=${UF_BENCH_KEEP:-0}     # 1: keep the databases for a rerun
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for b in "$ADMIN" "$REPORT"; do
	[ -x "$b" ] || { echo "bench: $b is not built" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }
SECRET=${UF_SECRET:-$WORK/secret}
[ -s "$SECRET" ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$SECRET"

su_psql() { psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U postgres "$@"; }

# run NAME CMD...: prints "wall_s rss_mb" of one run
measure() {
	/usr/bin/time -v "$@" 2>"$WORK/time" >/dev/null || {
		echo "bench: failed: $*" >&2; tail -n 30 "$WORK/time" >&2; return 1; }
	awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0;
		for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
		/Maximum resident set size/ { rss = $2 / 1024 }
		END { printf "%.2f %.1f\n", wall, rss }' "$WORK/time"
}

declare -A RES
for n in $SIZES; do
	db="uf_bench_report_$n"
	conn_su="host=$PGHOST port=$PGPORT dbname=$db user=postgres"
	conn="host=$PGHOST port=$PGPORT dbname=$db user=uppfolj_report"
	if ! su_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
		echo "# creating $db with $n participants" >&2
		su_psql -d postgres -c "CREATE DATABASE $db" || exit 1
		"$ADMIN" migrate --db "$conn_su" --schema "$SRC/schema" --quiet || exit 1
		t0=$(date +%s.%N)
		"$ADMIN" demo --db "$conn_su" --secret "$SECRET" --forms "$SRC/forms" \
			--participants "$n" --quiet --codes-out "$WORK/codes-$n" >/dev/null || exit 1
		t1=$(date +%s.%N)
		su_psql -d "$db" -c "VACUUM ANALYZE" || exit 1
		printf '# generated in %.1f s\n' "$(echo "$t1 - $t0" | bc)" >&2
	fi
	answers=$(su_psql -d "$db" -tAc "SELECT count(*) FROM uppfolj.answer")
	responses=$(su_psql -d "$db" -tAc "SELECT count(*) FROM uppfolj.response WHERE status = 'submitted'")
	wave=$(su_psql -d "$db" -tAc "SELECT months FROM uppfolj.wave ORDER BY months OFFSET 1 LIMIT 1")
	# one warm-up run so both sizes are measured with a warm cache
	"$REPORT" slutrapport --db "$conn" -o "$WORK/warm.pdf" --quiet || exit 1
	del=$(measure "$REPORT" delrapport --wave "$wave" --db "$conn" -o "$WORK/d-$n.pdf" --quiet) || exit 1
	slut=$(measure "$REPORT" slutrapport --db "$conn" -o "$WORK/s-$n.pdf" --quiet) || exit 1
	pages_d=$(pdfinfo "$WORK/d-$n.pdf" 2>/dev/null | awk '/^Pages/ { print $2 }')
	pages_s=$(pdfinfo "$WORK/s-$n.pdf" 2>/dev/null | awk '/^Pages/ { print $2 }')
	RES[$n]="$del $slut"
	printf '%6d participants: %8d answers, %6d responses\n' "$n" "$answers" "$responses"
	printf '        delrapport %3s mån: %5s s wall, %6s MB peak, %3s pages\n' "$wave" ${del} "$pages_d"
	printf '        slutrapport:        %5s s wall, %6s MB peak, %3s pages\n' ${slut} "$pages_s"
	[ "$KEEP" = 1 ] || su_psql -d postgres -c "DROP DATABASE $db" || exit 1
done

set -- $SIZES
if [ $# -ge 2 ]; then
	read -r dw1 dm1 sw1 sm1 <<<"${RES[$1]}"
	read -r dw2 dm2 sw2 sm2 <<<"${RES[$2]}"
	awk -v a="$1" -v b="$2" -v dw1="$dw1" -v dw2="$dw2" -v sw1="$sw1" -v sw2="$sw2" \
	    -v dm1="$dm1" -v dm2="$dm2" -v sm1="$sm1" -v sm2="$sm2" 'BEGIN {
		f = b / a
		printf "growth %d -> %d participants (x%.0f):\n", a, b, f
		printf "  delrapport  wall x%.1f, memory x%.1f\n", dw2 / (dw1 > 0 ? dw1 : 0.01), dm2 / dm1
		printf "  slutrapport wall x%.1f, memory x%.1f\n", sw2 / (sw1 > 0 ? sw1 : 0.01), sm2 / sm1
		printf "target at %d: slutrapport < 3 s and < 150 MB: %s\n", b,
		    (sw2 < 3 && sm2 < 150) ? "met" : "NOT met"
	}'
fi
