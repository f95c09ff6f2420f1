#!/bin/bash
# SPDX-License-Identifier: ISC
# Benchmark of uppfolj-admin export at the issue's workload (~1.2M answers:
# the demo study of 22,000 participants, as report.sh builds it). Times the
# wide .sav, the wide CSV (both dialects), the Stata .dta and the long CSV
# (median wall clock and peak RSS from /usr/bin/time -v over UF_BENCH_RUNS
# runs after a warm-up), and as the baseline in the same run PostgreSQL's
# own COPY of the same answers (with the same joins) to a file, printing
# each export's time as a ratio of it. Target: wide .sav and wide CSV each
# < 10 s and < 200 MB. A benchmark, not a test: prints figures, exits 0
# unless something fails.
#
# Needs UF_BUILD (admin/uppfolj-admin), UF_PGHOST, UF_PGPORT (a cluster
# where user postgres connects without a password), UF_SRC. Optional:
# UF_BENCH_PARTICIPANTS (22000), UF_BENCH_RUNS (3), UF_BENCH_KEEP=1 keeps
# the database (a later run reuses it), UF_SECRET (key file).
set -u

SRC=${UF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${UF_BUILD:?set UF_BUILD}
PGHOST=${UF_PGHOST:?set UF_PGHOST}
PGPORT=${UF_PGPORT:?set UF_PGPORT}
ADMIN=$BUILD/admin/uppfolj-admin
N=${UF_BENCH_PARTICIPANTS:-22000}
RUNS=${UF_BENCH_RUNS:-3}
KEEP=${UF_BENCH_KEEP:-0}
DB=uf_bench_export
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
[ -x "$ADMIN" ] || { echo "bench: $ADMIN is not built" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }
case $RUNS in ''|*[!0-9]*|0) echo "bench: UF_BENCH_RUNS must be 1-20" >&2; exit 1 ;; esac
[ "$RUNS" -le 20 ] || { echo "bench: UF_BENCH_RUNS must be 1-20" >&2; exit 1; }
case $N in ''|*[!0-9]*) echo "bench: UF_BENCH_PARTICIPANTS must be a number" >&2; exit 1 ;; esac
SECRET=${UF_SECRET:-$WORK/secret}
[ -s "$SECRET" ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$SECRET"

su_psql() { psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U postgres "$@"; }
load() { awk '{ print $1, $2, $3 }' /proc/loadavg; }
CONN_SU="host=$PGHOST port=$PGPORT dbname=$DB user=postgres"
CONN="$CONN_SU options='-c search_path=uppfolj'"

# measure CMD...: "wall_s rss_mb cpu_s" of one run (cpu: user + system of
# the command itself, not of PostgreSQL: on a busy machine it says what
# the wall clock cannot)
measure() {
	/usr/bin/time -v "$@" 2>"$WORK/time" >/dev/null || {
		echo "bench: failed: $*" >&2; tail -n 20 "$WORK/time" >&2; return 1; }
	awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0;
		for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
		/Maximum resident set size/ { rss = $2 / 1024 }
		/User time \(seconds\)|System time \(seconds\)/ { cpu += $2 }
		END { printf "%.2f %.1f %.2f\n", wall, rss, cpu }' "$WORK/time"
}

# median CMD...: "median_wall max_wall median_rss median_cpu" over RUNS runs
# after a warm-up
median() {
	local i
	"$@" >/dev/null 2>&1 || { echo "bench: failed: $*" >&2; return 1; }
	: >"$WORK/runs"
	for ((i = 0; i < RUNS; i++)); do
		measure "$@" >>"$WORK/runs" || return 1
	done
	printf '%s %s %s %s\n' \
		"$(sort -n -k1,1 "$WORK/runs" | awk '{ w[NR] = $1 } END { print w[int((NR + 1) / 2)] }')" \
		"$(sort -n -k1,1 "$WORK/runs" | awk 'END { print $1 }')" \
		"$(sort -n -k2,2 "$WORK/runs" | awk '{ r[NR] = $2 } END { print r[int((NR + 1) / 2)] }')" \
		"$(sort -n -k3,3 "$WORK/runs" | awk '{ c[NR] = $3 } END { print c[int((NR + 1) / 2)] }')"
}

if ! su_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
	echo "# creating $DB with $N demo participants" >&2
	su_psql -d postgres -c "CREATE DATABASE $DB" &&
		"$ADMIN" migrate --db "$CONN_SU" --schema "$SRC/schema" --quiet &&
		"$ADMIN" demo --db "$CONN_SU" --secret "$SECRET" --forms "$SRC/forms" \
			--participants "$N" --quiet --codes-out "$WORK/codes" >/dev/null &&
		su_psql -d "$DB" -c "VACUUM ANALYZE" || exit 1
else
	"$ADMIN" migrate --db "$CONN_SU" --schema "$SRC/schema" --quiet || exit 1
fi
answers=$(su_psql -d "$DB" -tAc "SELECT count(*) FROM uppfolj.answer a JOIN uppfolj.response r USING (response_id) WHERE r.status = 'submitted'")
responses=$(su_psql -d "$DB" -tAc "SELECT count(*) FROM uppfolj.response WHERE status = 'submitted'")
echo "# $answers answers in $responses submitted responses; $RUNS run(s) after a warm-up, medians"
echo "# machine: $(nproc) cores, load average at start $(load)"

# The baseline: PostgreSQL writing the same answers with the same joins
# (what the export reads) as CSV to a file, with no export logic at all.
cat >"$WORK/copy.sql" <<'SQL'
\copy (SELECT p.panel_id, p.grp, u.report_label, u.kind, w.months, w.opens_on, w.closes_on, r.instrument_id, r.version, r.submitted_at, a.item_id, a.dont_know, a.declined, a.value_int, a.value_choices, a.value_date, a.value_text FROM uppfolj.answer a JOIN uppfolj.response r USING (response_id) JOIN uppfolj.participant p USING (participant_id) JOIN uppfolj.unit u ON u.unit_id = p.unit_id JOIN uppfolj.wave w ON w.wave_id = r.wave_id WHERE r.status = 'submitted' ORDER BY a.response_id, a.item_id) TO 'OUT' WITH CSV HEADER
SQL
sed -i "s|'OUT'|'$WORK/copy.csv'|" "$WORK/copy.sql"
base=$(median psql -X -q -h "$PGHOST" -p "$PGPORT" -U postgres -d "$DB" -f "$WORK/copy.sql") || exit 1
read -r bw bmax brss _ <<<"$base"
printf '%-22s %6s s wall (max %s), %6s MB peak (psql), %10s bytes\n' "COPY of the answers" \
	"$bw" "$bmax" "$brss" "$(stat -c %s "$WORK/copy.csv")"

status=0
run() {   # run NAME TARGET(yes/no) export args...
	local name=$1 target=$2 res w wmax rss cpu size; shift 2
	res=$(median "$ADMIN" export --db "$CONN" -o "$WORK/out" "$@") || { status=1; return; }
	read -r w wmax rss cpu <<<"$res"
	size=$(stat -c %s "$WORK/out")
	printf '%-22s %6s s wall (max %s), %5s s cpu, %6s MB peak, %10s bytes, x%.2f the COPY%s\n' \
		"$name" "$w" "$wmax" "$cpu" "$rss" "$size" "$(echo "$w / ($bw + 0.001)" | bc -l)" \
		"$( [ "$target" = yes ] && awk -v w="$wmax" -v r="$rss" 'BEGIN {
			print (w < 10 && r < 200) ? "; target < 10 s, < 200 MB: met" : "; target < 10 s, < 200 MB: NOT met" }')"
}
run "wide .sav" yes --format sav
run "wide CSV (rfc4180)" yes --format wide
run "wide CSV (excel-sv)" no --format wide --dialect excel-sv
run "wide .dta" no --format dta
run "long CSV" no --format long
run "wide .sav, free text" no --format sav --free-text
echo "# load average at end $(load)"
[ "$KEEP" = 1 ] || su_psql -d postgres -c "DROP DATABASE $DB" || exit 1
exit $status
