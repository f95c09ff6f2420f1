#!/bin/bash
# SPDX-License-Identifier: ISC
# Benchmark of uppfolj-report at the issue's workload: 10,000 participants x
# 3 waves x 40 items, about 1.2M answers. The demo panel has patients (20
# items, from 24 months) and attrition, about 54 answers per participant, so
# the sizes are chosen by answers: 2,200 / 11,000 / 22,000 demo participants
# give about 0.12M / 0.6M / 1.2M answers, the issue's 1,000 / 5,000 / 10,000.
# Each size lives in a database of its own; both reports are timed (median
# wall clock and peak RSS from /usr/bin/time -v over UF_BENCH_RUNS runs after
# a warm-up) with the answer count printed next to every figure, then the
# growth. Target at ~1.2M answers: slutrapport < 3 s wall and < 150 MB.
# The runs are interleaved (delrapport, slutrapport, COPY of all, COPY of
# the wave, then again), so that a burst of other work on a shared machine
# falls on all four rather than on one; each figure has the program's CPU
# (user + system) next to it.
# The floor: in the same run, PostgreSQL's own COPY of the study's submitted
# answers (all waves, and the delrapport's wave alone) to a client that
# throws them away, timed the same way as the reports, as the report role;
# the ratios report / COPY are printed (targets: slutrapport <= 2x the COPY
# of all waves, delrapport <= 1x). The machine's load average is printed
# with every size: other work on a shared machine moves the figures. A
# benchmark, not a test: prints figures, exits 0 unless something fails.
#
# Needs UF_BUILD (with admin/uppfolj-admin and reports/uppfolj-report),
# UF_PGHOST and UF_PGPORT (a cluster where user postgres connects without a
# password), UF_SECRET (key file; made in a temp dir if unset), UF_SRC.
# UF_BENCH_SIZES (demo participants, ascending), UF_BENCH_RUNS (default 3),
# UF_BENCH_KEEP=1 keeps the databases (later runs reuse them: generating
# 22,000 participants takes a minute or two).
set -u

SRC=${UF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${UF_BUILD:?set UF_BUILD}
PGHOST=${UF_PGHOST:?set UF_PGHOST}
PGPORT=${UF_PGPORT:?set UF_PGPORT}
ADMIN=$BUILD/admin/uppfolj-admin
REPORT=$BUILD/reports/uppfolj-report
SIZES=${UF_BENCH_SIZES:-"2200 11000 22000"}
RUNS=${UF_BENCH_RUNS:-3}
KEEP=${UF_BENCH_KEEP:-0}
PER_ISSUE_PARTICIPANT=120   # 3 waves x 40 items
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for b in "$ADMIN" "$REPORT"; do
	[ -x "$b" ] || { echo "bench: $b is not built" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }
case $RUNS in ''|*[!0-9]*|0) echo "bench: UF_BENCH_RUNS must be 1-20" >&2; exit 1 ;; esac
[ "$RUNS" -le 20 ] || { echo "bench: UF_BENCH_RUNS must be 1-20" >&2; exit 1; }
SECRET=${UF_SECRET:-$WORK/secret}
[ -s "$SECRET" ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$SECRET"

su_psql() { psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U postgres "$@"; }
load() { awk '{ print $1, $2, $3 }' /proc/loadavg; }

# measure CMD...: prints "wall_s rss_mb cpu_s" of one run (cpu: user +
# system of the program, not of the server)
measure() {
	/usr/bin/time -v "$@" 2>"$WORK/time" >/dev/null || {
		echo "bench: failed: $*" >&2; tail -n 30 "$WORK/time" >&2; return 1; }
	awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0;
		for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
		/User time \(seconds\)/ { cpu += $2 } /System time \(seconds\)/ { cpu += $2 }
		/Maximum resident set size/ { rss = $2 / 1024 }
		END { printf "%.2f %.1f %.2f\n", wall, rss, cpu }' "$WORK/time"
}

# median FILE: "median_wall max_wall median_rss median_cpu" of the runs
# measure appended to FILE
median() {
	printf '%s %s %s %s\n' \
		"$(sort -n -k1,1 "$1" | awk '{ w[NR] = $1 } END { print w[int((NR + 1) / 2)] }')" \
		"$(sort -n -k1,1 "$1" | awk 'END { print $1 }')" \
		"$(sort -n -k2,2 "$1" | awk '{ r[NR] = $2 } END { print r[int((NR + 1) / 2)] }')" \
		"$(sort -n -k3,3 "$1" | awk '{ c[NR] = $3 } END { print c[int((NR + 1) / 2)] }')"
}

# make_db DB N: a database with the demo study of N participants
make_db() {
	local db=$1 n=$2 conn_su="host=$PGHOST port=$PGPORT dbname=$1 user=postgres" t0 t1
	if su_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
		# reuse a kept database once its schema is current
		"$ADMIN" migrate --db "$conn_su" --schema "$SRC/schema" --quiet >"$WORK/migrate" 2>&1 &&
			return 0
		echo "# $db: $(head -n 1 "$WORK/migrate"); making it again" >&2
		su_psql -d postgres -c "DROP DATABASE $db" || return 1
	fi
	echo "# creating $db with $n participants" >&2
	su_psql -d postgres -c "CREATE DATABASE $db" || return 1
	"$ADMIN" migrate --db "$conn_su" --schema "$SRC/schema" --quiet || return 1
	t0=$(date +%s.%N)
	"$ADMIN" demo --db "$conn_su" --secret "$SECRET" --forms "$SRC/forms" \
		--participants "$n" --quiet --codes-out "$WORK/codes-$n" >/dev/null || return 1
	t1=$(date +%s.%N)
	# as autovacuum would after the load: statistics and the visibility map
	su_psql -d "$db" -c "VACUUM ANALYZE" || return 1
	printf '# generated in %.1f s\n' "$(echo "$t1 - $t0" | bc)" >&2
}

printf '# %d run(s) per report after a warm-up; medians; load average at start: %s\n' "$RUNS" "$(load)"
declare -A RES
for n in $SIZES; do
	db="uf_bench_report_$n"
	conn="host=$PGHOST port=$PGPORT dbname=$db user=uppfolj_report"
	make_db "$db" "$n" || exit 1
	answers=$(su_psql -d "$db" -tAc "SELECT count(*) FROM uppfolj.answer")
	responses=$(su_psql -d "$db" -tAc "SELECT count(*) FROM uppfolj.response WHERE status = 'submitted'")
	wave=$(su_psql -d "$db" -tAc "SELECT months FROM uppfolj.wave ORDER BY months OFFSET 1 LIMIT 1")
	study=$(su_psql -d "$db" -tAc "SELECT study_id FROM uppfolj.study ORDER BY study_id LIMIT 1")
	copy_all="COPY (SELECT a.* FROM uppfolj.answer a JOIN uppfolj.response r USING (response_id)
		JOIN uppfolj.wave w USING (wave_id) WHERE w.study_id = $study AND r.status = 'submitted') TO STDOUT"
	copy_wave="COPY (SELECT a.* FROM uppfolj.answer a JOIN uppfolj.response r USING (response_id)
		JOIN uppfolj.wave w USING (wave_id) WHERE w.study_id = $study AND w.months = $wave
		AND r.status = 'submitted') TO STDOUT"
	rpsql=(psql -X -q -h "$PGHOST" -p "$PGPORT" -U uppfolj_report -d "$db")
	"${rpsql[@]}" -c "$copy_all" >/dev/null || exit 1   # warm-up, as for the reports
	"$REPORT" slutrapport --db "$conn" -o "$WORK/warm.pdf" --quiet || exit 1
	"$REPORT" delrapport --wave "$wave" --db "$conn" -o "$WORK/warm.pdf" --quiet || exit 1
	: >"$WORK/del" && : >"$WORK/slut" && : >"$WORK/copy" && : >"$WORK/copyw" || exit 1
	for ((i = 0; i < RUNS; i++)); do
		measure "$REPORT" delrapport --wave "$wave" --db "$conn" -o "$WORK/d-$n.pdf" --quiet \
			>>"$WORK/del" || exit 1
		measure "$REPORT" slutrapport --db "$conn" -o "$WORK/s-$n.pdf" --quiet >>"$WORK/slut" || exit 1
		measure "${rpsql[@]}" -c "$copy_all" >>"$WORK/copy" || exit 1
		measure "${rpsql[@]}" -c "$copy_wave" >>"$WORK/copyw" || exit 1
	done
	del=$(median "$WORK/del") && slut=$(median "$WORK/slut") && copy=$(median "$WORK/copy") &&
		copyw=$(median "$WORK/copyw") || exit 1
	UPPFOLJ_REPORT_TIMING=1 "$REPORT" delrapport --wave "$wave" --db "$conn" -o "$WORK/t.pdf" --quiet \
		2>"$WORK/phases-del" || exit 1
	UPPFOLJ_REPORT_TIMING=1 "$REPORT" slutrapport --db "$conn" -o "$WORK/t.pdf" --quiet \
		2>"$WORK/phases" || exit 1
	pages_d=$(pdfinfo "$WORK/d-$n.pdf" 2>/dev/null | awk '/^Pages/ { print $2 }')
	pages_s=$(pdfinfo "$WORK/s-$n.pdf" 2>/dev/null | awk '/^Pages/ { print $2 }')
	RES[$n]="$answers $del $slut"
	read -r dw dwmax dm dc <<<"$del"
	read -r sw swmax sm sc <<<"$slut"
	printf '%6d demo participants: %8d answers (issue scale: ~%d participants), %6d responses; load %s\n' \
		"$n" "$answers" $(( (answers + PER_ISSUE_PARTICIPANT / 2) / PER_ISSUE_PARTICIPANT )) "$responses" "$(load)"
	printf '        delrapport %2s mån: %8d answers: %5s s wall (max %s), %5s s CPU, %6s MB peak, %3s pages\n' \
		"$wave" "$answers" "$dw" "$dwmax" "$dc" "$dm" "$pages_d"
	printf '        slutrapport:        %8d answers: %5s s wall (max %s), %5s s CPU, %6s MB peak, %3s pages\n' \
		"$answers" "$sw" "$swmax" "$sc" "$sm" "$pages_s"
	read -r cw cwmax _ <<<"$copy"
	read -r cww cwwmax _ <<<"$copyw"
	printf '        COPY of all answers:         %5s s wall (max %s); of the %s-month wave: %s s (max %s)\n' \
		"$cw" "$cwmax" "$wave" "$cww" "$cwwmax"
	awk -v s="$sw" -v d="$dw" -v c="$cw" -v cw="$cww" 'BEGIN {
		printf "        ratios: slutrapport / COPY all %.2f (target <= 2: %s), delrapport / COPY all %.2f (target <= 1: %s), delrapport / COPY of its wave %.2f\n",
		    s / c, s / c <= 2 ? "met" : "NOT met", d / c, d / c <= 1 ? "met" : "NOT met", d / cw }'
	sed -n 's/^uppfolj-report: timing: */          slutrapport phase /p' "$WORK/phases"
	sed -n 's/^uppfolj-report: timing: */          delrapport phase  /p' "$WORK/phases-del"
	[ "$KEEP" = 1 ] || su_psql -d postgres -c "DROP DATABASE $db" || exit 1
done

set -- $SIZES
first=$1
for last; do :; done
if [ "$first" != "$last" ]; then
	read -r a1 dw1 _ dm1 _ sw1 _ sm1 _ <<<"${RES[$first]}"
	read -r a2 dw2 _ dm2 _ sw2 _ sm2 _ <<<"${RES[$last]}"
	awk -v a1="$a1" -v a2="$a2" -v dw1="$dw1" -v dw2="$dw2" -v sw1="$sw1" -v sw2="$sw2" \
	    -v dm1="$dm1" -v dm2="$dm2" -v sm1="$sm1" -v sm2="$sm2" -v per="$PER_ISSUE_PARTICIPANT" 'BEGIN {
		f = a2 / a1
		printf "growth %d -> %d answers (x%.1f; issue scale ~%d -> ~%d participants):\n",
		    a1, a2, f, a1 / per, a2 / per
		printf "  delrapport  wall x%.1f, memory x%.1f\n", dw2 / (dw1 > 0 ? dw1 : 0.01), dm2 / dm1
		printf "  slutrapport wall x%.1f, memory x%.1f\n", sw2 / (sw1 > 0 ? sw1 : 0.01), sm2 / sm1
		printf "target at %d answers: slutrapport < 3 s and < 150 MB: %s\n", a2,
		    (sw2 < 3 && sm2 < 150) ? "met" : "NOT met"
		if (a2 < 1100000)
			printf "(the top size has fewer than 1.1M answers: not the issue'\''s workload)\n"
	}'
fi
