#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Benchmark of uppfolj-collect (a script, not a timed test). Starts its own
# uppfolj-collect and nginx on loopback against the PostgreSQL of UF_PG*, and
# measures with wrk:
#   (a) GET a patient question page vs nginx serving the same bytes as a file,
#       with the session reads PostgreSQL counted (track_functions)
#   (b) POST a complete patient response (all items) at 32 and 64
#       connections vs pgbench -M prepared running the same SQL transaction
#       (collect_submit_code) at 4, 8, 16, 32 and 64 clients; checks rows
#       stored = successful responses.
# Prints req/s, p50, p99, the ratios and whether the targets are met
# (POST >= 80% of pgbench's best TPS over its client counts, GET >= 40% of
# static; closed-loop latency is openloop.sh's). Exits non-zero when a run
# loses or doubles rows.
#
# Environment (defaults in brackets): UF_SRC, UF_BENCH_BUILD (a build made
# without --enable-debug) [UF_BUILD], UF_PGHOST, UF_PGPORT, UF_DB, UF_SECRET,
# UF_BENCH_PORT [18099], UF_BENCH_SECONDS [10], UF_BENCH_WORKERS [8, as the sample config],
# UF_BENCH_CODES (codes per POST run) [60000], UF_BENCH_PG_CLIENTS
# (pgbench client counts) ["4 8 16 32 64"], UF_BENCH_PG_TPS_MAX (codes
# made for pgbench: this many per second of the run) [4000].
set -euo pipefail

SRC=${UF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
DUR=${UF_BENCH_SECONDS:-10}
NCODES=${UF_BENCH_CODES:-60000}
PG_TPS_MAX=${UF_BENCH_PG_TPS_MAX:-4000}
PG_CLIENTS=${UF_BENCH_PG_CLIENTS:-4 8 16 32 64}
THREADS=2
command -v wrk >/dev/null || { echo "bench: wrk missing (apt-get install wrk)" >&2; exit 1; }
# shellcheck source=tests/bench/stack.sh
. "$SRC/tests/bench/stack.sh"
PGBENCH=$(ls -d /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -n 1)
[ -x "$PGBENCH" ] || die "pgbench missing (apt-get install postgresql)"

# --- bodies: the API's JSON (wrk) and the database's JSON (pgbench) ------
curl -fsS "$BASE/api/v1/instruments/patient" >"$WORK/patient.json"
node -e '
const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const api = {}, db = [];
for (const it of d.items) {
	if ((it.waves && !it.waves.includes(24)) || it.show_if) continue;
	switch (it.type) {
	case "likert5": api[it.id] = 4; db.push({ i: it.id, n: 4 }); break;
	case "single": api[it.id] = it.options[0].code; db.push({ i: it.id, t: it.options[0].code }); break;
	case "multi": api[it.id] = [it.options[0].code]; db.push({ i: it.id, c: [it.options[0].code] }); break;
	case "text": api[it.id] = "Bra träffar, tack."; db.push({ i: it.id, t: "Bra träffar, tack." }); break;
	case "integer": api[it.id] = it.min; db.push({ i: it.id, n: it.min }); break;
	case "date": api[it.id] = "2025-01-01"; db.push({ i: it.id, dt: "2025-01-01" }); break;
	}
}
const body = { submission_id: "@UUID@", code: "@CODE@", instrument: d.id, version: d.version,
	wave: 24, consent: true, answers: api };
require("fs").writeFileSync(process.argv[2], JSON.stringify(body));
// pgbench substitutes :name even inside literals: keep a space after every colon.
require("fs").writeFileSync(process.argv[3], JSON.stringify(db).replace(/":/g, "\": "));
console.log(db.length);
' "$WORK/patient.json" "$WORK/body.json" "$WORK/answers-db.json" >"$WORK/nanswers"
NANS=$(cat "$WORK/nanswers")
echo "# PostgreSQL fsync=$(q -c 'SHOW fsync') synchronous_commit=$(q -c 'SHOW synchronous_commit'); $(nproc) cores; workers=$WORKERS"
echo "# patient response: $NANS answers, body $(wc -c <"$WORK/body.json") bytes"

status=0
declare -A R CPU

# --- (a) GET: question page vs the same bytes as a static file ------------
open_session
curl -fsS -H "Cookie: $COOKIE" "$BASE/sida/3" -o "$WORK/static/page.html"
grep -q 'Fråga 3 av' "$WORK/static/page.html" || die "question page not served"
echo "# question page: $(wc -c <"$WORK/static/page.html") bytes, read-aloud players: $(grep -c '<audio controls' "$WORK/static/page.html")"

# Session reads per page view: PostgreSQL's count of calls of the session
# read (track_functions, this cluster only; backends report within a second
# of going idle, hence the pause before each reading).
q -c "ALTER SYSTEM SET track_functions = 'pl'" >/dev/null && q -c "SELECT pg_reload_conf()" >/dev/null
session_reads() {
	sleep 1.5
	q -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions WHERE funcname = 'collect_session_view_since'"
}
declare -A READS
for c in 32 64; do
	reads0=$(session_reads)
	before=$(cpu_now)
	line=$(GETPATH=/sida/3 COOKIE="$COOKIE" wrk -t$THREADS -c$c -d${DUR}s -s "$HERE/collect_get.lua" "$BASE" | grep '^RESULT')
	CPU[get_$c]=$(cpu_per_request "$before" "$(cpu_now)" "$(field reqs "$line")")
	READS[get_$c]=$(awk -v a="$reads0" -v b="$(session_reads)" -v n="$(field reqs "$line")" \
		'BEGIN { printf "%d for %d page views (%.4f each)", b - a, n, (n > 0 ? (b - a) / n : 0) }')
	R[get_$c]=$line
	line=$(GETPATH=/static/page.html COOKIE= wrk -t$THREADS -c$c -d${DUR}s -s "$HERE/collect_get.lua" "$BASE" | grep '^RESULT')
	R[static_$c]=$line
	[ "$(field bad "${R[get_$c]}")" = 0 ] || { echo "# GET page: $(field bad "${R[get_$c]}") answers were not 200"; status=1; }
done

# --- (b) POST: complete patient responses over HTTP ----------------------
for c in 32 64; do
	new_codes "$NCODES" "$WORK/codes-$c.txt"
	before=$(submitted_count)
	cpu0=$(cpu_now)
	line=$(CODES="$WORK/codes-$c.txt" BODY="$WORK/body.json" THREADS=$THREADS RUN=$c \
		wrk -t$THREADS -c$c -d${DUR}s -s "$HERE/collect_post.lua" "$BASE" | grep '^RESULT')
	after=$(submitted_count)
	R[post_$c]=$line
	CPU[post_$c]=$(cpu_per_request "$cpu0" "$(cpu_now)" "$(field reqs "$line")")
	ok=$(field ok "$line")
	stored=$((after - before))
	R[post_rows_$c]="$stored"
	inflight=$(field inflight "$line")
	# Nothing lost: every 201 is a row. Nothing doubled: no more rows than
	# 201s plus the requests still in flight when wrk stopped.
	if [ "$stored" -lt "$ok" ] || [ "$stored" -gt $((ok + inflight)) ]; then
		echo "# POST $c: $ok successful + $inflight in flight, but $stored rows stored"; status=1
	fi
	R[post_inflight_$c]=$inflight
	if [ "$(field bad "$line")" != 0 ]; then
		echo "# POST $c: $(field bad "$line") responses were not 201"; status=1
	fi
done

# --- (b') pgbench: the same transaction, straight into PostgreSQL ---------
ADDR=$(printf '\\x%064d' 0)
ANSWERS=$(cat "$WORK/answers-db.json")
cat >"$WORK/submit.sql" <<SQL
\\set k :k + 1
SELECT status FROM uppfolj.collect_submit_code(sha256(convert_to('bench-' || (:base + :client_id * 100000 + :k), 'UTF8')), '$ADDR'::bytea, gen_random_uuid(), 'patient', $VERSION, 24, true, 'bench', '$ANSWERS'::jsonb, 100000, 1000, 15);
SQL
run=0
for c in $PG_CLIENTS; do
	run=$((run + 1))
	base=$((run * 10000000))
	q -c "WITH p AS (INSERT INTO uppfolj.participant (study_id, panel_id, grp, unit_id, synthetic)
		SELECT $STUDY, 'BP-' || ($base + cl * 100000 + k), 'patient', $UNIT, true
		FROM generate_series(0, $c - 1) cl, generate_series(1, $PG_TPS_MAX * $DUR / $c + 500) k
		RETURNING participant_id, panel_id)
		INSERT INTO uppfolj.access_code (participant_id, wave_id, code_hash, expires_at)
		SELECT participant_id, $WAVE,
			sha256(convert_to('bench-' || substr(panel_id, 4), 'UTF8')),
			now() + interval '1 day' FROM p"
	before=$(submitted_count)
	rm -f "$WORK"/pglog*
	out=$("$PGBENCH" -n -M prepared -c "$c" -j $THREADS -T "$DUR" -D base=$base -D k=0 \
		-f "$WORK/submit.sql" -l --log-prefix="$WORK/pglog" \
		-h "$PGHOST" -p "$PGPORT" -U uppfolj_collect "$DB" 2>&1) || { echo "$out"; die "pgbench failed"; }
	after=$(submitted_count)
	tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' <<<"$out" | head -n 1)
	txs=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' <<<"$out")
	pct=$(cat "$WORK"/pglog* | awk '{ print $3 / 1000 }' | sort -n | awk '
		{ v[NR] = $1 } END { printf "p50_ms=%.2f p99_ms=%.2f", v[int(NR * 0.50) + 1], v[int(NR * 0.99) + 1] }')
	R[pg_$c]="RESULT reqs=$txs ok=$txs rps=$tps $pct"
	stored=$((after - before))
	if [ "$stored" != "$txs" ]; then
		echo "# pgbench $c: $txs transactions but $stored rows stored"; status=1
	fi
done

# --- report ----------------------------------------------------------------
best=
for c in $PG_CLIENTS; do
	if [ -z "$best" ] || ! ge "$(field rps "${R[pg_$best]}")" "$(field rps "${R[pg_$c]}")"; then best=$c; fi
done
printf '\n%-28s %10s %9s %9s\n' "run" "req/s" "p50 ms" "p99 ms"
for key in get_32 static_32 get_64 static_64 post_32 post_64; do
	l=${R[$key]}
	printf '%-28s %10s %9s %9s\n' "$key" "$(field rps "$l")" "$(field p50_ms "$l")" "$(field p99_ms "$l")"
done
for c in $PG_CLIENTS; do
	l=${R[pg_$c]}
	printf '%-28s %10s %9s %9s\n' "pgbench_$c" "$(field rps "$l")" "$(field p50_ms "$l")" "$(field p99_ms "$l")"
done
echo
for c in 32 64; do
	g=$(ratio "$(field rps "${R[get_$c]}")" "$(field rps "${R[static_$c]}")")
	echo "ratio GET page / static file at $c connections: $g (target >= 0.40: $(ge "$g" 0.40 && echo met || echo NOT met))"
	echo "rows stored by POST at $c: ${R[post_rows_$c]} (successful responses $(field ok "${R[post_$c]}"), in flight at stop ${R[post_inflight_$c]})"
done
bestpost=post_32
ge "$(field rps "${R[post_64]}")" "$(field rps "${R[post_32]}")" && bestpost=post_64
p=$(ratio "$(field rps "${R[$bestpost]}")" "$(field rps "${R[pg_$best]}")")
echo "ratio best POST ($bestpost) / pgbench at its best client count ($best): $p (target >= 0.80: $(ge "$p" 0.80 && echo met || echo NOT met))"
for key in get_32 get_64 post_32 post_64; do
	echo "CPU per request, $key (microseconds): ${CPU[$key]}"
done
for key in get_32 get_64; do
	echo "session reads from PostgreSQL, $key: ${READS[$key]}"
done
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
