#!/bin/bash
# SPDX-License-Identifier: ISC
# Benchmark of qualitative coding at the issue's sizes (issue 16): the
# coding pages of the admin web with 5,000 meaning units in a study
# (target: < 100 ms server time), and the report's qualitative data with
# 20,000 (target: < 2 s extra over the same report without them).
#
# A demo study of its own (uppfolj-admin demo --slug qualbench: 66
# transcripts, 363 meaning units) is the baseline; then its transcripts and
# meaning units are copied (new documents, the same texts, spans and codes)
# until the study holds UF_BENCH_QUAL_UNITS (5,000) units, and later
# UF_BENCH_QUAL_REPORT_UNITS (20,000). Pages are fetched through the
# project's nginx config as a logged-in evaluator, UF_BENCH_RUNS times each
# (default 20) after a warm-up; server time is nginx's
# $upstream_response_time (the FastCGI program's time to the last byte).
# Printed: median, p90 and max per page, the same at the baseline, the
# ratios, and the machine's load average. The report: with a build whose
# schema has report_qual_unit (reports render the qualitative chapters),
# uppfolj-report's wall time with and without the units; always, the
# report's qualitative queries (counts per kategori/subkategori/wave/group
# and quotes) timed in PostgreSQL as the report role. A benchmark, not a
# test: prints figures, exits 0 unless something fails.
#
# Needs UF_BUILD (adminweb, admin, reports; a release build for real
# figures), UF_PGHOST, UF_PGPORT, UF_DB, UF_SECRET, UF_SRC (tests/bench/run.sh
# sets them).
set -u

SRC=${UF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
BUILD=${UF_BUILD:?set UF_BUILD}
PGHOST=${UF_PGHOST:?set UF_PGHOST}
PGPORT=${UF_PGPORT:?set UF_PGPORT}
DB=${UF_DB:-uppfolj}
SECRET=${UF_SECRET:?set UF_SECRET}
UNITS=${UF_BENCH_QUAL_UNITS:-5000}
RUNITS=${UF_BENCH_QUAL_REPORT_UNITS:-20000}
RUNS=${UF_BENCH_RUNS:-20}
PORT=${UF_BENCH_PORT:-18097}
ADMIN=$BUILD/admin/uppfolj-admin
ADMINWEB=$BUILD/adminweb/uppfolj-adminweb
REPORT=$BUILD/reports/uppfolj-report
BASE=http://127.0.0.1:$PORT
SLUG=qualbench
. "$SRC/deploy/lib.sh"

die() { echo "bench: $*" >&2; exit 1; }
case $RUNS in ''|*[!0-9]*|0) die "UF_BENCH_RUNS must be 1-200" ;; esac
[ "$RUNS" -le 200 ] || die "UF_BENCH_RUNS must be 1-200"
for b in "$ADMIN" "$ADMINWEB" "$REPORT"; do [ -x "$b" ] || die "$b is not built"; done
grep -q -- '-fsanitize' "$BUILD/Makefile" 2>/dev/null &&
	echo "# WARNING: $BUILD is a sanitizer build; figures are not representative"

WORK=$(mktemp -d /tmp/uppfolj-bench.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$WORK/nginx/tmp" "$WORK/run" "$WORK/static"
AW_PID=
cleanup() {
	[ -s "$WORK/nginx/nginx.pid" ] && nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null
	[ -n "$AW_PID" ] && kill "$AW_PID" 2>/dev/null && wait "$AW_PID" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT
q() { psql -X -q -At -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U postgres -d "$DB" "$@"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# --- the study ----------------------------------------------------------------
SUPER="host=$PGHOST port=$PGPORT dbname=$DB user=postgres"
"$ADMIN" demo --db "$SUPER" --secret "$SECRET" --forms "$SRC/forms" --slug "$SLUG" --quiet \
	>/dev/null || die "demo --slug $SLUG failed"
STUDY=$(q -c "SELECT study_id FROM uppfolj.study WHERE slug = '$SLUG'")
# an earlier run's copies go first: the baseline is the demo's own material
q -c "DELETE FROM uppfolj.qual_document WHERE study_id = $STUDY AND title LIKE '% (kopia %'" \
	-c "ANALYZE uppfolj.qual_unit" >/dev/null || die "cannot clear earlier copies"
# grow N: copy the study's original transcripts and their units (coder
# demo.kodare1's) as new documents until the study has at least N units.
grow() {
	q -c "SET search_path = uppfolj" -c "
	DO \$\$
	DECLARE have bigint; m record; nd bigint;
	BEGIN
	  LOOP
	    SELECT count(*) INTO have FROM qual_unit u JOIN qual_document d USING (document_id)
	      WHERE d.study_id = $STUDY;
	    EXIT WHEN have >= $1;
	    FOR m IN SELECT d.* FROM qual_document d WHERE d.study_id = $STUDY AND d.title NOT LIKE '% (kopia %'
	      AND d.body IS NOT NULL ORDER BY d.document_id LOOP
	      INSERT INTO qual_document (study_id, wave_id, grp, participant_id, title, body, uploaded_by)
	        VALUES (m.study_id, m.wave_id, m.grp, m.participant_id,
	          left(m.title, 150) || ' (kopia ' || (have / 100) || ')', m.body, m.uploaded_by)
	        RETURNING document_id INTO nd;
	      INSERT INTO qual_unit (document_id, start_pos, end_pos, span, condensation, code_id, coder_id)
	        SELECT nd, start_pos, end_pos, span, condensation, code_id, coder_id FROM qual_unit
	        WHERE document_id = m.document_id AND coder_id = m.uploaded_by;
	    END LOOP;
	  END LOOP;
	END \$\$" -c "ANALYZE qual_document" -c "ANALYZE qual_unit" >/dev/null || die "growing the units failed"
}
units_now() {
	q -c "SELECT count(*) FROM uppfolj.qual_unit u JOIN uppfolj.qual_document d USING (document_id)
		WHERE d.study_id = $STUDY"
}

# --- the admin web behind nginx ------------------------------------------------
cat >"$WORK/adminweb.conf" <<CONF
db = host=$PGHOST port=$PGPORT dbname=$DB user=uppfolj_admin
contact_db = host=$PGHOST port=$PGPORT dbname=$DB user=uppfolj_contact
socket = $WORK/run/admin.sock
socket_mode = 0666
workers = 4
secret_file = $SECRET
base_url = $BASE
cookie_secure = false
study = $SLUG
log_level = warn
CONF
"$ADMINWEB" --config "$WORK/adminweb.conf" >"$WORK/adminweb.log" 2>&1 &
AW_PID=$!
for _ in $(seq 100); do [ -S "$WORK/run/admin.sock" ] && break; sleep 0.1; done
[ -S "$WORK/run/admin.sock" ] || { cat "$WORK/adminweb.log"; die "uppfolj-adminweb did not start"; }
uf_static "$WORK/static" "$BUILD/admin/uppfolj-admin"
uf_nginx_conf "$WORK/nginx/nginx.conf" "127.0.0.1:$PORT" "$WORK/nginx" "$WORK/static" \
	"$WORK/run/collect.sock" "$WORK/run/admin.sock"
# the log line ends with the program's own time ($upstream_response_time)
sed -i "s|'\$status \$body_bytes_sent \$request_time';|'\$status \$body_bytes_sent \$request_time \$upstream_response_time';|" \
	"$WORK/nginx/nginx.conf"
grep -q 'upstream_response_time' "$WORK/nginx/nginx.conf" || die "cannot add \$upstream_response_time to the log"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" || die "nginx did not start"

USER=qualbench$$
PW=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf '%s\n' "$PW" | "$ADMIN" user-add --db "host=$PGHOST port=$PGPORT dbname=$DB user=uppfolj_admin" \
	--role evaluator "$USER" >/dev/null || die "user-add failed"
JAR=$WORK/jar
csrf=$(curl -fsS -c "$JAR" "$BASE/admin/login" | grep -oE 'name="csrf" value="[0-9a-f]{64}"' | grep -oE '[0-9a-f]{64}')
[ -n "$csrf" ] || die "no CSRF token on the login page"
st=$(curl -sS -o /dev/null -w '%{http_code}' -b "$JAR" -c "$JAR" --data-urlencode "csrf=$csrf" \
	--data-urlencode "anvandarnamn=$USER" --data-urlencode "losenord=$PW" "$BASE/admin/login")
[ "$st" = 303 ] || die "login failed ($st)"

# CPU time (ticks) of the admin web program and of every PostgreSQL backend
# (the postmaster's children): load-independent work per request, where
# the wall times above include waiting for a core on a busy machine.
HZ=$(getconf CLK_TCK)
PG_MASTER=$(head -n 1 "$PGHOST/data/postmaster.pid" 2>/dev/null || true)
ticks() {
	local s=0 p t
	for p in "$AW_PID" $( [ -n "$PG_MASTER" ] && ps -o pid= --ppid "$PG_MASTER"); do
		t=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null) && s=$((s + t))
	done
	echo "$s"
}

# page NAME PATH: RUNS fetches after a warm-up; prints "median p90 max" ms
# of the program's time ($upstream_response_time), then the CPU ms per
# request of the program and PostgreSQL together; checks every answer
# was 200.
page() {
	local path=$1 i n0 code t0 t1
	code=$(curl -sS -o "$WORK/page.html" -w '%{http_code}' -b "$JAR" "$BASE$path")
	[ "$code" = 200 ] || die "GET $path: $code"
	n0=$(wc -l <"$WORK/nginx/access.log")
	t0=$(ticks)
	for ((i = 0; i < RUNS; i++)); do
		curl -sS -o /dev/null -b "$JAR" "$BASE$path" || die "GET $path failed"
	done
	t1=$(ticks)
	tail -n +"$((n0 + 1))" "$WORK/nginx/access.log" >"$WORK/lines"
	awk '$5 != 200 { bad = 1 } END { exit bad }' "$WORK/lines" || { echo bad; return; }
	awk '{ print $NF * 1000 }' "$WORK/lines" | sort -n | awk '{ t[NR] = $1 }
		END { if (NR == 0) { print "bad"; exit }
			printf "%.1f %.1f %.1f ", t[int((NR + 1) / 2)], t[int(NR * 0.9 + 0.5)], t[NR] }'
	awk -v a="$t0" -v b="$t1" -v hz="$HZ" -v n="$RUNS" 'BEGIN { printf "%.1f\n", (b - a) * 1000 / hz / n }'
}

KAT=$(q -c "SELECT code_id FROM uppfolj.qual_code WHERE study_id = $STUDY AND level = 1
	AND name = 'Effekter för patienter/brukare'")
PAGES=(
	"översikt (dokumentlista)|/admin/kodning"
	"kodträdet|/admin/kodning/koder"
	"en kategoris alla enheter|/admin/kodning/kod/$KAT"
)
# the document with the most units (the copies share their texts)
doc_page() {
	echo "/admin/kodning/text/$(q -c "SELECT d.document_id FROM uppfolj.qual_document d
		JOIN uppfolj.qual_unit u USING (document_id) WHERE d.study_id = $STUDY
		GROUP BY 1 ORDER BY count(*) DESC, 1 DESC LIMIT 1")"
}

declare -A BASEL
measure_pages() {
	local label=$1 e name path r
	for e in "${PAGES[@]}" "ett dokument med sina enheter|$(doc_page)"; do
		name=${e%%|*} path=${e#*|}
		r=$(page "$path") || exit 1
		[ "$r" = bad ] && die "GET $path: not every answer was 200"
		read -r m p x cpu <<<"$r"
		if [ "$label" = base ]; then
			BASEL[$name]="$m $cpu"
			printf '  %-30s %6s %6s %6s ms server time (median p90 max), CPU %5s ms/request\n' \
				"$name" "$m" "$p" "$x" "$cpu"
		else
			read -r bm bcpu <<<"${BASEL[$name]}"
			awk -v n="$name" -v m="$m" -v p="$p" -v x="$x" -v b="$bm" -v c="$cpu" -v bc="$bcpu" 'BEGIN {
				printf "  %-30s %6s %6s %6s ms server time (median p90 max), CPU %5s ms/request; x%.1f and CPU x%.1f the baseline; median < 100 ms: %s, CPU < 100 ms: %s\n",
				    n, m, p, x, c, m / (b > 0 ? b : 0.1), c / (bc > 0 ? bc : 0.1),
				    m < 100 ? "met" : "NOT met", c < 100 ? "met" : "NOT met" }'
		fi
	done
}

printf '# %d fetches per page after a warm-up; load average at start: %s\n' "$RUNS" "$(load)"
echo "baseline: the demo study, $(units_now) meaning units (load $(load))"
measure_pages base
grow "$UNITS"
echo "$(units_now) meaning units in $(q -c "SELECT count(*) FROM uppfolj.qual_document WHERE study_id = $STUDY") documents (load $(load))"
measure_pages grown

# --- the report's qualitative data ----------------------------------------------
RCONN="host=$PGHOST port=$PGPORT dbname=$DB user=uppfolj_report"
rq() { psql -X -q -At -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U uppfolj_report -d "$DB" "$@"; }
HAVE_VIEW=$(q -c "SELECT to_regclass('uppfolj.report_qual_unit') IS NOT NULL")
# What the report reads: the view when the schema has it, else the same
# joins written out (schema/0024 of the reports' qualitative chapters).
if [ "$HAVE_VIEW" = t ]; then
	QSRC="uppfolj.report_qual_unit"
else
	QSRC="(SELECT d.study_id, w.months, d.grp, d.document_id,
		coalesce('p' || d.participant_id, 'd' || d.document_id) AS respondent,
		CASE c.level WHEN 1 THEN c.code_id WHEN 2 THEN c.parent_id ELSE p.parent_id END AS kategori,
		CASE c.level WHEN 1 THEN NULL WHEN 2 THEN c.code_id ELSE c.parent_id END AS subkategori,
		u.span, u.guid FROM uppfolj.qual_unit u
		JOIN uppfolj.qual_document d ON d.document_id = u.document_id
		JOIN uppfolj.wave w ON w.wave_id = d.wave_id
		JOIN uppfolj.qual_code c ON c.code_id = u.code_id
		LEFT JOIN uppfolj.qual_code p ON p.code_id = c.parent_id
		LEFT JOIN uppfolj.response r ON r.response_id = d.response_id
		WHERE (d.response_id IS NULL OR (r.status = 'submitted' AND NOT r.test)) AND NOT w.test
		AND NOT EXISTS (SELECT 1 FROM uppfolj.qual_dc_document x JOIN uppfolj.qual_dc_set s
		ON s.set_id = x.set_id WHERE x.document_id = u.document_id AND u.coder_id <> s.coder_a))"
fi
QUERIES="SELECT kategori, subkategori, months, grp, GROUPING(subkategori, grp), count(*),
	count(DISTINCT respondent) FROM $QSRC q WHERE study_id = $STUDY
	GROUP BY GROUPING SETS ((kategori, subkategori, months, grp), (kategori, subkategori, months),
	(kategori, months, grp), (kategori, months));
	SELECT kategori, subkategori, months, grp, span FROM (SELECT *, row_number() OVER
	(PARTITION BY kategori, subkategori, months, grp ORDER BY (length(span) BETWEEN 20 AND 300) DESC,
	md5(guid::text)) AS rn FROM $QSRC q WHERE study_id = $STUDY) x WHERE rn <= 3;"
# qtime: the queries' time in ms (median of RUNS, psql's \timing summed)
qtime() {
	local i
	for ((i = 0; i <= RUNS; i++)); do
		rq -c '\timing on' -c "$QUERIES" | awk '/^Time:/ { s += $2 } END { print s }'
	done | tail -n +2 | sort -n | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}
# rtime: the slutrapport's wall time in s (median of 3 after a warm-up)
rtime() {
	local i s e
	"$REPORT" slutrapport --db "$RCONN" --study "$SLUG" -o "$WORK/r.pdf" --quiet || die "report failed"
	for i in 1 2 3; do
		s=$(date +%s.%N)
		"$REPORT" slutrapport --db "$RCONN" --study "$SLUG" -o "$WORK/r.pdf" --quiet || die "report failed"
		e=$(date +%s.%N)
		echo "$e - $s" | bc
	done | sort -n | sed -n 2p
}
echo
echo "report: the study's qualitative data ($([ "$HAVE_VIEW" = t ] && echo "report_qual_unit" || echo "the view's joins written out: reports without qualitative chapters yet"))"
# without units: the same study with its meaning units moved aside
q -c "CREATE TABLE uppfolj.qualbench_units AS SELECT u.* FROM uppfolj.qual_unit u
	JOIN uppfolj.qual_document d USING (document_id) WHERE d.study_id = $STUDY" \
  -c "DELETE FROM uppfolj.qual_unit u USING uppfolj.qual_document d WHERE d.document_id = u.document_id
	AND d.study_id = $STUDY" -c "ANALYZE uppfolj.qual_unit" >/dev/null || die "cannot set the units aside"
q0=$(qtime); r0=$(rtime)
q -c "INSERT INTO uppfolj.qual_unit OVERRIDING SYSTEM VALUE SELECT * FROM uppfolj.qualbench_units" \
  -c "DROP TABLE uppfolj.qualbench_units" >/dev/null || die "cannot put the units back"
grow "$RUNITS"
n=$(units_now)
q1=$(qtime); r1=$(rtime)
printf '  0 meaning units: queries %s ms, slutrapport %s s wall (load %s)\n' "$q0" "$r0" "$(load)"
printf '  %d meaning units: queries %s ms, slutrapport %s s wall (load %s)\n' "$n" "$q1" "$r1" "$(load)"
awk -v q0="$q0" -v q1="$q1" -v r0="$r0" -v r1="$r1" 'BEGIN {
	printf "  extra: queries %.0f ms, slutrapport %.2f s; < 2 s extra: %s\n", q1 - q0, r1 - r0,
	    (r1 - r0 < 2) ? "met" : "NOT met" }'
