#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Benchmark of uppfolj-collect (a script, not a timed test). Starts its own
# uppfolj-collect and nginx on loopback against the PostgreSQL of UF_PG*, and
# measures with wrk:
#   (a) GET a patient question page vs nginx serving the same bytes as a file,
#       with the session reads PostgreSQL counted (track_functions)
#   (b) POST a complete patient response (all items) at 32 and 64
#       connections vs pgbench -M prepared running the statement the program
#       sends for it (collect_submit_code_lang) at 4, 8, 16, 32 and 64
#       clients, every run as long as the others; checks rows stored =
#       successful responses. UF_BENCH_ROUNDS rounds of both, one after the
#       other, and the best of each over all rounds, so that a slow moment
#       of the disk or the neighbours does not decide the ratio; each run
#       prints its CPU per request and the WAL flushes per second and per
#       stored response (pg_stat_wal: what pgbench at few clients waits on).
# Prints req/s, p50, p99, the ratios and whether the targets are met
# (POST >= 80% of pgbench's best TPS over its client counts and rounds, GET
# >= 40% of static; closed-loop latency is openloop.sh's). Exits non-zero
# when a run loses or doubles rows.
#
# Environment (defaults in brackets): UF_SRC, UF_BENCH_BUILD (a build made
# without --enable-debug) [UF_BUILD], UF_PGHOST, UF_PGPORT, UF_DB, UF_SECRET,
# UF_BENCH_PORT [18099], UF_BENCH_SECONDS [10], UF_BENCH_WORKERS [8, as the sample config],
# UF_BENCH_CODES (codes per POST run) [60000], UF_BENCH_PG_CLIENTS
# (pgbench client counts) ["4 8 16 32 64"], UF_BENCH_PG_TPS_MAX (codes
# made for pgbench: this many per second of the run) [4000],
# UF_BENCH_ROUNDS (rounds of POST and pgbench runs) [2], UF_BENCH_GET
# (0: leave out (a)) [1].
set -euo pipefail

SRC=${UF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
DUR=${UF_BENCH_SECONDS:-10}
NCODES=${UF_BENCH_CODES:-60000}
PG_TPS_MAX=${UF_BENCH_PG_TPS_MAX:-4000}
PG_CLIENTS=${UF_BENCH_PG_CLIENTS:-4 8 16 32 64}
ROUNDS=${UF_BENCH_ROUNDS:-2}
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
# Session reads per page view: PostgreSQL's count of calls of the session
# read (track_functions, this cluster only; backends report within a second
# of going idle, hence the pause before each reading).
q -c "ALTER SYSTEM SET track_functions = 'pl'" >/dev/null && q -c "SELECT pg_reload_conf()" >/dev/null
session_reads() {
	sleep 1.5
	q -c "SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions WHERE funcname = 'collect_session_view_since'"
}
declare -A READS
GETS=
if [ "${UF_BENCH_GET:-1}" != 0 ]; then
	GETS="32 64"
	open_session
	curl -fsS -H "Cookie: $COOKIE" "$BASE/sida/3" -o "$WORK/static/page.html"
	grep -q 'Fråga 3 av' "$WORK/static/page.html" || die "question page not served"
	echo "# question page: $(wc -c <"$WORK/static/page.html") bytes, read-aloud players: $(grep -c '<audio controls' "$WORK/static/page.html")"
fi
for c in $GETS; do
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

# WAL flushes so far (pg_stat_wal; the backends report when idle, hence
# the pause). wal_per RUN BEFORE AFTER N: flushes per second and per stored
# response of run RUN into W[RUN].
declare -A W
wal_syncs() { sleep 1.2; q -c "SELECT wal_sync FROM pg_stat_wal"; }
wal_per() {
	W[$1]=$(awk -v a="$2" -v b="$3" -v n="$4" -v d="$DUR" 'BEGIN {
		printf "%.0f/s, %.2f per response", (b - a) / d, (n > 0 ? (b - a) / n : 0) }')
}

# --- (b) POST: complete patient responses over HTTP ----------------------
# post_run C KEY: one wrk run at C connections into R[KEY], CPU[KEY], W[KEY].
post_run() {
	local c=$1 key=$2 before after cpu0 line ok stored inflight w0
	new_codes "$NCODES" "$WORK/codes-$key.txt"
	before=$(submitted_count)
	w0=$(wal_syncs)
	RUNNO=$((RUNNO + 1))
	cpu0=$(cpu_now)
	line=$(CODES="$WORK/codes-$key.txt" BODY="$WORK/body.json" THREADS=$THREADS RUN=$RUNNO \
		wrk -t$THREADS -c$c -d${DUR}s -s "$HERE/collect_post.lua" "$BASE" | grep '^RESULT')
	CPU[$key]=$(cpu_per_request "$cpu0" "$(cpu_now)" "$(field reqs "$line")")
	after=$(submitted_count)
	R[$key]=$line
	ok=$(field ok "$line")
	stored=$((after - before))
	wal_per "$key" "$w0" "$(wal_syncs)" "$stored"
	R[rows_$key]="$stored"
	inflight=$(field inflight "$line")
	# Nothing lost: every 201 is a row. Nothing doubled: no more rows than
	# 201s plus the requests still in flight when wrk stopped.
	if [ "$stored" -lt "$ok" ] || [ "$stored" -gt $((ok + inflight)) ]; then
		echo "# $key: $ok successful + $inflight in flight, but $stored rows stored"; status=1
	fi
	R[inflight_$key]=$inflight
	if [ "$(field bad "$line")" != 0 ]; then
		echo "# $key: $(field bad "$line") responses were not 201"; status=1
	fi
}

# --- (b') pgbench: the program's statement, straight into PostgreSQL ------
# The text of ST_SUBMIT_CODE in collect/db_collect.c with pgbench's values
# for its parameters (no language, as the bench's bodies). pgbench reads
# :name even inside literals, so the format comes in a variable.
ADDR=$(printf '\\x%064d' 0)
ANSWERS=$(cat "$WORK/answers-db.json")
cat >"$WORK/submit.sql" <<SQL
\\set k :k + 1
SELECT status, to_char(submitted_at AT TIME ZONE 'UTC', :fmt), code_id FROM uppfolj.collect_submit_code_lang(sha256(convert_to('bench-' || (:base + :client_id * 100000 + :k), 'UTF8')), '$ADDR'::bytea, gen_random_uuid(), 'patient', $VERSION, 24, true, 'bench', '$ANSWERS'::jsonb, 100000, 1000, 15, NULL);
SQL
# CPU (clock ticks) of the postmaster's ended children: pgbench's backends
# start and end within a run, so their CPU is counted here once they end
# (with any autovacuum worker that ended meanwhile).
pg_reaped() { awk '{ print $16 + $17 }' "/proc/${PG_MASTER:-none}/stat" 2>/dev/null || echo 0; }
# pg_run C KEY: one pgbench run at C clients into R[KEY], CPU[KEY], W[KEY].
pg_run() {
	local c=$1 key=$2 base before after out tps txs pct stored cpu0 w0 w1
	base=$(((PGRUN += 1) * 10000000))
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
	w0=$(wal_syncs)
	cpu0=$(pg_reaped)
	out=$("$PGBENCH" -n -M prepared -c "$c" -j $THREADS -T "$DUR" -D base=$base -D k=0 -D fmt='YYYY-MM-DD"T"HH24:MI:SS.US"Z"' \
		-f "$WORK/submit.sql" -l --log-prefix="$WORK/pglog" \
		-h "$PGHOST" -p "$PGPORT" -U uppfolj_collect "$DB" 2>&1) || { echo "$out"; die "pgbench failed"; }
	txs=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' <<<"$out")
	w1=$(wal_syncs) # the pause lets the backends end
	CPU[$key]=$(awk -v a="$cpu0" -v b="$(pg_reaped)" -v n="$txs" -v hz="$HZ" 'BEGIN {
		printf "PostgreSQL %.0f (processes that ended: its backends, and any autovacuum worker that ended meanwhile)", (b - a) * 1e6 / hz / (n > 0 ? n : 1) }')
	after=$(submitted_count)
	tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' <<<"$out" | head -n 1)
	pct=$(cat "$WORK"/pglog* | awk '{ print $3 / 1000 }' | sort -n | awk '
		{ v[NR] = $1 } END { printf "p50_ms=%.2f p99_ms=%.2f", v[int(NR * 0.50) + 1], v[int(NR * 0.99) + 1] }')
	R[$key]="RESULT reqs=$txs ok=$txs rps=$tps $pct"
	stored=$((after - before))
	wal_per "$key" "$w0" "$w1" "$stored"
	if [ "$stored" != "$txs" ]; then
		echo "# $key: $txs transactions but $stored rows stored"; status=1
	fi
}

# Rounds of the same runs, each as long as the others: the API at 32 and
# 64 connections, pgbench at each client count.
RUNNO=0 PGRUN=0
POSTS= PGS=
for ((round = 1; round <= ROUNDS; round++)); do
	for c in 32 64; do
		post_run "$c" "post_${c}_r$round"
		POSTS="$POSTS post_${c}_r$round"
	done
	for c in $PG_CLIENTS; do
		pg_run "$c" "pgbench_${c}_r$round"
		PGS="$PGS pgbench_${c}_r$round"
	done
done

# --- report ----------------------------------------------------------------
# best KEYS: the key of the highest req/s
best() {
	local k b=
	for k in "$@"; do
		if [ -z "$b" ] || ! ge "$(field rps "${R[$b]}")" "$(field rps "${R[$k]}")"; then b=$k; fi
	done
	echo "$b"
}
printf '\n%-28s %10s %9s %9s  %s\n' "run" "req/s" "p50 ms" "p99 ms" "WAL flushes"
for key in $(for c in $GETS; do echo "get_$c static_$c"; done) $POSTS $PGS; do
	l=${R[$key]}
	printf '%-28s %10s %9s %9s  %s\n' "$key" "$(field rps "$l")" "$(field p50_ms "$l")" "$(field p99_ms "$l")" "${W[$key]:-}"
done
echo
for c in $GETS; do
	g=$(ratio "$(field rps "${R[get_$c]}")" "$(field rps "${R[static_$c]}")")
	echo "ratio GET page / static file at $c connections: $g (target >= 0.40: $(ge "$g" 0.40 && echo met || echo NOT met))"
done
for key in $POSTS; do
	echo "rows stored by $key: ${R[rows_$key]} (successful responses $(field ok "${R[$key]}"), in flight at stop ${R[inflight_$key]})"
done
# shellcheck disable=SC2086
bestpost=$(best $POSTS)
# shellcheck disable=SC2086
bestpg=$(best $PGS)
p=$(ratio "$(field rps "${R[$bestpost]}")" "$(field rps "${R[$bestpg]}")")
echo "ratio best POST ($bestpost) / pgbench at its best client count and round ($bestpg): $p (target >= 0.80: $(ge "$p" 0.80 && echo met || echo NOT met))"
for ((round = 1; round <= ROUNDS; round++)); do
	# shellcheck disable=SC2046
	rp=$(best post_32_r$round post_64_r$round)
	# shellcheck disable=SC2046
	rg=$(best $(for c in $PG_CLIENTS; do echo "pgbench_${c}_r$round"; done))
	echo "  round $round alone: $rp / $rg = $(ratio "$(field rps "${R[$rp]}")" "$(field rps "${R[$rg]}")")"
done
for key in $(for c in $GETS; do echo "get_$c"; done) $POSTS $PGS; do
	echo "CPU per request, $key (microseconds): ${CPU[$key]}"
done
for c in $GETS; do
	echo "session reads from PostgreSQL, get_$c: ${READS[get_$c]}"
done
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
