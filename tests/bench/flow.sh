#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# HTML flow benchmark (a script, not a timed test): virtual patients walk the
# real survey pages (flow.c) through the project's nginx and uppfolj-collect,
# each with its own access code and cookies, UF_FLOW_CONC at a time for
# UF_FLOW_SECONDS. Prints completed surveys/s, requests/s, p50/p99 per page
# kind, the client's CPU, and CPU per completed survey of nginx, the program
# and PostgreSQL; then checks in the database that every completed survey is
# stored once, submitted, with exactly the answers its respondent gave, and
# nothing else was submitted. Exits non-zero on any failed step or mismatch.
#
# Environment as collect.sh, plus UF_FLOW_SECONDS [20], UF_FLOW_CONC [32],
# UF_FLOW_CODES [12000].
set -euo pipefail
SRC=${UF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=tests/bench/stack.sh
. "$SRC/tests/bench/stack.sh"
DUR=${UF_FLOW_SECONDS:-20}
CONC=${UF_FLOW_CONC:-32}
NCODES=${UF_FLOW_CODES:-12000}

build_client flow
new_codes "$NCODES" "$WORK/flow-codes.txt"
echo "# PostgreSQL fsync=$(q -c 'SHOW fsync') synchronous_commit=$(q -c 'SHOW synchronous_commit'); $(nproc) cores; workers=$WORKERS"
echo "# HTML flow: $CONC respondents at a time, ${DUR}s; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
before=$(submitted_count)
cpu0=$(cpu_now)
status=0
out=$("$WORK/flow" "$BASE" "$WORK/flow-codes.txt" "$DUR" "$CONC" "$WORK/answers.tsv") || status=1
cpu1=$(cpu_now)
after=$(submitted_count)
echo "$out"
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
line=$(grep '^RESULT' <<<"$out") || die "no result from the client"
done_n=$(field completed "$line")
echo "CPU per completed survey (ms): $(cpu_per_request "$cpu0" "$cpu1" "$done_n" ms)"
echo "client CPU per completed survey (ms): $(awk -v c="$(field client_cpu_ms "$line")" -v n="$done_n" \
	'BEGIN { printf "%.2f", (n > 0 ? c / n : 0) }')"

# --- every completed survey stored once, with exactly its answers ---------
stored=$((after - before))
check=$(q -c "CREATE TEMP TABLE want (code text, item text, value text)" \
	-c "\\copy want FROM '$WORK/answers.tsv' WITH (FORMAT text)" \
	-c "CREATE TEMP TABLE hashes (code text, hash text)" \
	-c "\\copy hashes FROM '$WORK/code-hashes.tsv' WITH (FORMAT csv, DELIMITER E'\\t')" \
	-c "CREATE TEMP TABLE codes AS SELECT DISTINCT w.code, decode(substr(h.hash, 3), 'hex') AS hash
		FROM want w JOIN hashes h USING (code)" \
	-c "CREATE TEMP TABLE got AS SELECT w.code, a.item_id AS item, uppfolj.answer_value(a) AS value
		FROM codes w
		JOIN uppfolj.access_code ac ON ac.code_hash = w.hash
		JOIN uppfolj.response r ON r.participant_id = ac.participant_id AND r.wave_id = ac.wave_id
			AND r.status = 'submitted'
		JOIN uppfolj.answer a ON a.response_id = r.response_id" \
	-c "SELECT (SELECT count(*) FROM codes),
		(SELECT count(*) FROM codes w JOIN uppfolj.access_code ac
			ON ac.code_hash = w.hash
			JOIN uppfolj.response r ON r.participant_id = ac.participant_id
			AND r.wave_id = ac.wave_id AND r.status = 'submitted'),
		(SELECT count(*) FROM (SELECT * FROM want EXCEPT ALL SELECT * FROM got) x),
		(SELECT count(*) FROM (SELECT * FROM got EXCEPT ALL SELECT * FROM want) y)" 2>&1) ||
	{ echo "$check"; die "database check failed"; }
IFS='|' read -r ncodes nresp missing extra <<<"$(tail -n 1 <<<"$check")"
echo "check: $done_n completed, $ncodes in the answers file, $nresp submitted responses for them," \
	"$stored submitted in all; answers missing $missing, unexpected $extra"
if [ "$ncodes" != "$done_n" ] || [ "$nresp" != "$done_n" ] || [ "$stored" != "$done_n" ] ||
	[ "$missing" != 0 ] || [ "$extra" != 0 ]; then
	echo "# FAILED: a completed survey is missing, doubled or has other answers"; status=1
fi
exit $status
