#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Latency under a steady arrival rate (a script, not a timed test), with the
# open-loop client openloop.c against the project's nginx and
# uppfolj-collect: for (a) complete patient responses POSTed to
# /api/v1/responses (each its own code) and (b) question-page posts ("Nästa"
# with one answer) spread over logged-in sessions with consent, first the
# capacity (a rate above it, at most UF_OPEN_INFLIGHT open requests: the
# achieved rate), then UF_OPEN_SECONDS at UF_OPEN_SHARE of that capacity,
# latency counted from each request's due time. Prints both and whether p99
# is under 25 ms; exits non-zero when a request fails.
#
# Environment as collect.sh, plus UF_OPEN_SECONDS [20], UF_OPEN_SHARE [0.5],
# UF_OPEN_CAP_SECONDS [6], UF_OPEN_CAP_RATE [3000], UF_OPEN_INFLIGHT [32],
# UF_OPEN_SESSIONS [256].
set -euo pipefail
SRC=${UF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=tests/bench/stack.sh
. "$SRC/tests/bench/stack.sh"
DUR=${UF_OPEN_SECONDS:-20}
SHARE=${UF_OPEN_SHARE:-0.5}
CAP_DUR=${UF_OPEN_CAP_SECONDS:-6}
CAP_RATE=${UF_OPEN_CAP_RATE:-3000}
INFLIGHT=${UF_OPEN_INFLIGHT:-32}
NSESS=${UF_OPEN_SESSIONS:-256}

build_client flow
build_client openloop
curl -fsS "$BASE/api/v1/instruments/patient" >"$WORK/patient.json"
echo "# PostgreSQL fsync=$(q -c 'SHOW fsync') synchronous_commit=$(q -c 'SHOW synchronous_commit'); $(nproc) cores; workers=$WORKERS"

# api_lines N FILE: N API requests, each with a fresh code and submission id.
api_lines() {
	new_codes "$1" "$WORK/api-codes.txt"
	node -e '
const fs = require("fs");
const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const answers = {};
for (const it of d.items) {
	if ((it.waves && !it.waves.includes(24)) || it.show_if) continue;
	switch (it.type) {
	case "likert5": answers[it.id] = 4; break;
	case "single": answers[it.id] = it.options[0].code; break;
	case "multi": answers[it.id] = [it.options[0].code]; break;
	case "text": answers[it.id] = "Bra träffar, tack."; break;
	case "integer": answers[it.id] = it.min; break;
	case "date": answers[it.id] = "2025-01-01"; break;
	}
}
const run = require("crypto").randomBytes(4).toString("hex");
const out = fs.readFileSync(process.argv[2], "utf8").trim().split("\n").map((code, n) =>
	"/api/v1/responses\t-\t" + JSON.stringify({ submission_id: run + "-0000-4000-8000-" +
		String(n).padStart(12, "0"), code, instrument: d.id, version: d.version, wave: 24,
		consent: true, answers }));
fs.writeFileSync(process.argv[3], out.join("\n") + "\n");
' "$WORK/patient.json" "$WORK/api-codes.txt" "$2"
}

# page_lines N FILE: N page posts over the sessions in $WORK/sessions.tsv:
# request j goes to session j mod S, whose pages come in turn, each answer
# different from the one before (a post that changes nothing writes nothing).
page_lines() {
	node -e '
const fs = require("fs");
const d = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const sess = fs.readFileSync(process.argv[2], "utf8").trim().split("\n").map(l => l.split("\t"));
const n = Number(process.argv[3]);
// One question per page, numbered over the items asked in the wave; a
// follow-up (show_if) is left out as it is not always shown.
const pages = [];
let no = 0;
for (const it of d.items) {
	if (it.waves && !it.waves.includes(24)) continue;
	no++;
	if (it.show_if) continue;
	const vals = it.type === "likert5" ? ["4", "5"] : it.type === "text" ? ["Bra", "Bra!"] :
		it.type === "integer" ? [String(it.min), String(it.min + 1)] :
		it.type === "date" ? ["2025-01-01", "2025-01-02"] :
		[it.options[0].code, it.options[1].code];
	pages.push({ no, id: it.id, vals });
}
const out = [];
for (let j = 0; j < n; j++) {
	const [cookie, csrf] = sess[j % sess.length];
	const turn = Math.floor(j / sess.length), pg = pages[turn % pages.length];
	const v = pg.vals[Math.floor(turn / pages.length) % 2];
	out.push("/sida/" + pg.no + "\t" + cookie + "\tcsrf=" + csrf + "&" + pg.id + "=" +
		encodeURIComponent(v) + "&action=next");
}
fs.writeFileSync(process.argv[4], out.join("\n") + "\n");
' "$WORK/patient.json" "$WORK/sessions.tsv" "$1" "$2"
}

# run NAME RATE SECONDS FILE CONTENT_TYPE STATUS: one openloop run, its
# RESULT line in R[NAME] and the CPU per request in C[NAME].
declare -A R C
status=0
run() {
	local before out
	before=$(cpu_now)
	out=$("$WORK/openloop" "$BASE" "$2" "$3" "$INFLIGHT" "$4" "$5" "$6") || status=1
	R[$1]=$(grep '^RESULT' <<<"$out")
	C[$1]=$(cpu_per_request "$before" "$(cpu_now)" "$(field ok "${R[$1]}")")
	echo "$1 (load $(cut -d' ' -f1-3 /proc/loadavg)): ${R[$1]}"
}
rate_of() { awk -v r="$(field rps "${R[$1]}")" -v s="$SHARE" 'BEGIN { printf "%.0f", r * s }'; }
need() { awk -v r="$1" -v d="$2" 'BEGIN { printf "%.0f", r * d + 10 }'; }

# --- (a) API submissions ------------------------------------------------------
api_lines "$(need "$CAP_RATE" "$CAP_DUR")" "$WORK/api-cap.txt"
run api_capacity "$CAP_RATE" "$CAP_DUR" "$WORK/api-cap.txt" application/json 201
API_RATE=$(rate_of api_capacity)
api_lines "$(need "$API_RATE" "$DUR")" "$WORK/api-open.txt"
run api_open "$API_RATE" "$DUR" "$WORK/api-open.txt" application/json 201

# --- (b) question-page posts --------------------------------------------------
new_codes "$NSESS" "$WORK/sess-codes.txt"
"$WORK/flow" "$BASE" "$WORK/sess-codes.txt" 60 32 "$WORK/sessions.tsv" --sessions >/dev/null ||
	die "could not open $NSESS sessions"
[ "$(wc -l <"$WORK/sessions.tsv")" = "$NSESS" ] || die "sessions missing"
page_lines "$(need "$CAP_RATE" "$CAP_DUR")" "$WORK/page-cap.txt"
run page_capacity "$CAP_RATE" "$CAP_DUR" "$WORK/page-cap.txt" application/x-www-form-urlencoded 303
PAGE_RATE=$(rate_of page_capacity)
page_lines "$(need "$PAGE_RATE" "$DUR")" "$WORK/page-open.txt"
run page_open "$PAGE_RATE" "$DUR" "$WORK/page-open.txt" application/x-www-form-urlencoded 303

# --- report -------------------------------------------------------------------
printf '\n%-14s %9s %9s %8s %8s %8s %8s\n' run "target/s" "got/s" "p50 ms" "p99 ms" "p99.9" "max ms"
for k in api_capacity api_open page_capacity page_open; do
	l=${R[$k]}
	printf '%-14s %9s %9s %8s %8s %8s %8s\n' "$k" "$(field target_rps "$l")" "$(field rps "$l")" \
		"$(field p50_ms "$l")" "$(field p99_ms "$l")" "$(field p999_ms "$l")" "$(field max_ms "$l")"
done
for k in api_open page_open; do
	echo "CPU per request, $k (microseconds): ${C[$k]}"
	p99=$(field p99_ms "${R[$k]}")
	echo "$k: p99 $p99 ms at ${SHARE} of capacity (target < 25 ms: $(awk -v a="$p99" 'BEGIN { exit !(a < 25) }' && echo met || echo NOT met))"
done
exit $status
