# SPDX-License-Identifier: ISC
# Sourced by the survey-server benchmarks (collect.sh, flow.sh,
# openloop.sh): the bench study, access codes, uppfolj-collect behind the
# project's nginx config on loopback, the benchmark clients built from C, and
# CPU accounting from /proc. The caller sets -euo pipefail and sources this
# after setting SRC; the environment is the one collect.sh documents.
BUILD=${UF_BENCH_BUILD:-${UF_BUILD:?set UF_BENCH_BUILD or UF_BUILD (or use tests/bench/run.sh)}}
PGHOST=${UF_PGHOST:?set UF_PGHOST}
PGPORT=${UF_PGPORT:?set UF_PGPORT}
DB=${UF_DB:-uppfolj}
SECRET=${UF_SECRET:?set UF_SECRET}
PORT=${UF_BENCH_PORT:-18099}
WORKERS=${UF_BENCH_WORKERS:-8}
BASE=http://127.0.0.1:$PORT
BIN=$BUILD/collect/uppfolj-collect
HERE=$SRC/tests/bench
# shellcheck source=deploy/lib.sh
. "$SRC/deploy/lib.sh"

die() { echo "bench: $*" >&2; exit 1; }
[ -x "$BIN" ] || die "$BIN missing (build it; for real numbers without --enable-debug)"
if grep -q -- '-fsanitize' "$BUILD/Makefile" 2>/dev/null; then
	echo "# WARNING: $BUILD is a sanitizer build; figures are not representative"
fi

WORK=$(mktemp -d /tmp/uppfolj-bench.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$WORK/nginx/tmp" "$WORK/run" "$WORK/static"
COLLECT_PID=
cleanup() {
	[ -s "$WORK/nginx/nginx.pid" ] && nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null
	[ -n "$COLLECT_PID" ] && kill "$COLLECT_PID" 2>/dev/null && wait "$COLLECT_PID" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT

q() { psql -X -q -At -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U postgres -d "$DB" "$@"; }

# --- the bench study: one open 24-month wave, patient instrument ---------
STUDY=$(uf_load_study "$PGHOST" "$PGPORT" "$DB" bench Bänken) || die "cannot make the bench study"
VERSION=$(q -c "SELECT version FROM uppfolj.wave_instrument JOIN uppfolj.wave USING (wave_id) WHERE study_id = $STUDY")
UNIT=$(q -c "SELECT unit_id FROM uppfolj.unit WHERE study_id = $STUDY")
WAVE=$(q -c "SELECT wave_id FROM uppfolj.wave WHERE study_id = $STUDY")
echo "# clearing earlier bench participants"
q -c "DELETE FROM uppfolj.participant WHERE study_id = $STUDY" -c "DELETE FROM uppfolj.collect_attempt"

# load_codes FILE: participants + access codes for "CODE<TAB>\\xHASH" lines.
load_codes() {
	q -c "CREATE TEMP TABLE c (code text, hash text)" -c "\\copy c FROM '$1' WITH (FORMAT csv, DELIMITER E'\\t')" \
	  -c "WITH p AS (INSERT INTO uppfolj.participant (study_id, panel_id, grp, unit_id, synthetic)
		SELECT $STUDY, 'BH-' || upper(substr(md5(hash), 1, 12)), 'patient', $UNIT, true FROM c
		RETURNING participant_id, panel_id)
		INSERT INTO uppfolj.access_code (participant_id, wave_id, code_hash, expires_at)
		SELECT p.participant_id, $WAVE, decode(substr(c.hash, 3), 'hex'), now() + interval '1 day'
		FROM p JOIN c ON 'BH-' || upper(substr(md5(c.hash), 1, 12)) = p.panel_id"
	settle
}

# settle: the tables a run writes vacuumed and analyzed, as autovacuum keeps
# them on a live system. Without it a run measures the minute after a bulk
# load: the fresh cluster's tables were never analyzed, the functions' cached
# plans are made for that, and autovacuum's first pass lands inside the run. Measured
# (open loop, API at 388/s): PostgreSQL 3,590 us a POST and p99 243 ms in the
# run that met the first ANALYZE, 1,296 us and 11 ms in the next.
settle() {
	q -c "VACUUM (ANALYZE) uppfolj.participant, uppfolj.access_code, uppfolj.consent, uppfolj.response,
		uppfolj.answer, uppfolj.collect_session, uppfolj.collect_attempt" -c "CHECKPOINT"
}

# new_codes N FILE: N fresh codes in the database, their text in FILE (and
# "CODE<TAB>\\xHASH" lines added to $WORK/code-hashes.tsv).
new_codes() {
	"$BIN" --config "$WORK/collect.conf" --new-codes "$1" >"$WORK/new-codes.tsv"
	load_codes "$WORK/new-codes.tsv"
	cat "$WORK/new-codes.tsv" >>"$WORK/code-hashes.tsv"
	cut -f1 "$WORK/new-codes.tsv" >"$2"
}

# open_session: a patient with a fresh code who has given consent; sets
# COOKIE to what a browser sends in that session: every cookie of ours the
# jar holds ("uf_s=...; uf_v=...").
open_session() {
	local code pre csrf jar=$WORK/cookies
	"$BIN" --config "$WORK/collect.conf" --new-codes 1 >"$WORK/get-code.txt"
	load_codes "$WORK/get-code.txt"
	code=$(cut -f1 "$WORK/get-code.txt")
	rm -f "$jar"
	curl -fsS -c "$jar" -b "$jar" "$BASE/" -o "$WORK/start.html"
	pre=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$WORK/start.html" | head -n 1)
	curl -fsS -c "$jar" -b "$jar" "$BASE/kod" --data "csrf=$pre&code=$code" -o /dev/null
	csrf=$(curl -fsS -c "$jar" -b "$jar" "$BASE/information" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -n 1)
	curl -fsS -c "$jar" -b "$jar" "$BASE/samtycke" --data "csrf=$csrf&decision=given" -o /dev/null
	COOKIE=$(awk '$6 ~ /^uf_/ && $7 != "" { printf "%s%s=%s", n++ ? "; " : "", $6, $7 }' "$jar")
}

submitted_count() {
	q -c "SELECT count(*) FROM uppfolj.response r JOIN uppfolj.participant p USING (participant_id)
		WHERE p.study_id = $STUDY AND r.status = 'submitted'"
}

# --- start uppfolj-collect and nginx -------------------------------------
# Read-aloud audio of the patient instrument, so question pages carry their
# players as in production (kept between runs in UF_BENCH_AUDIO when set).
AUDIO=${UF_BENCH_AUDIO:-$WORK/audio}
"$BUILD/admin/uppfolj-admin" audio-build --quiet --lang-dir "$SRC/forms" --out "$AUDIO" "$SRC/forms/patient.json" ||
	die "audio-build failed"
cat >"$WORK/collect.conf" <<CONF
db = host=$PGHOST port=$PGPORT dbname=$DB user=uppfolj_collect
socket = $WORK/run/collect.sock
socket_mode = 0666
workers = $WORKERS
secret_file = $SECRET
log_level = warn
rate_addr_max = 100000
audio_manifest = $AUDIO/manifest.tsv
lang_dir = $SRC/forms
CONF
"$BIN" --config "$WORK/collect.conf" >"$WORK/collect.log" 2>&1 &
COLLECT_PID=$!
for _ in $(seq 100); do [ -S "$WORK/run/collect.sock" ] && break; sleep 0.1; done
[ -S "$WORK/run/collect.sock" ] || { cat "$WORK/collect.log"; die "uppfolj-collect did not start"; }
uf_static "$WORK/static" "$BUILD/admin/uppfolj-admin"
uf_nginx_conf "$WORK/nginx/nginx.conf" "127.0.0.1:$PORT" "$WORK/nginx" "$WORK/static" \
	"$WORK/run/collect.sock" "$WORK/run/admin.sock" "$AUDIO"
# The access log would measure the disk, not the programs.
sed -i 's|access_log .*;|access_log off;|' "$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" || die "nginx did not start"
curl -fsS "$BASE/api/v1/health" >/dev/null || die "health check failed"

# build_client NAME: tests/bench/NAME.c (with bench_http.c, libcurl) into
# $WORK/NAME; optimised, warnings as errors.
build_client() {
	cc -std=c11 -O2 -Wall -Wextra -Werror -o "$WORK/$1" "$HERE/$1.c" "$HERE/bench_http.c" -lcurl ||
		die "cannot build $1 (libcurl4-openssl-dev)"
}

# --- CPU accounting ---------------------------------------------------------
# CPU time (clock ticks) of nginx's workers, the program, the cluster's
# uppfolj_collect backends, and the cluster's other processes (WAL writer,
# checkpointer, autovacuum, ...: what the writes cost besides the backends;
# a process that ends between two readings is not counted).
HZ=$(getconf CLK_TCK)
# The postmaster's pid is the first line of its socket's lock file (a
# backend's parent pid, read from /proc, was gone when its query ended).
PG_MASTER=$(head -n 1 "$PGHOST/.s.PGSQL.$PGPORT.lock" 2>/dev/null || true)
[ -d "/proc/${PG_MASTER:-none}" ] || echo "# WARNING: no postmaster pid: PostgreSQL's other processes are not counted"
ticks_of() { local p s=0 t; for p in "$@"; do
	t=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null) && s=$((s + t)); done; echo $s; }
pg_other_pids() {
	[ -n "$PG_MASTER" ] || return 0
	local p
	for p in $(pgrep -P "$PG_MASTER"); do
		grep -q 'uppfolj_collect' "/proc/$p/cmdline" 2>/dev/null || echo "$p"
	done
}
cpu_now() {
	echo "$(ticks_of $(pgrep -P "$(cat "$WORK/nginx/nginx.pid")")) $(ticks_of "$COLLECT_PID")" \
		"$(ticks_of $(pgrep -f "postgres: uppfolj_collect $DB"))" "$(ticks_of $(pg_other_pids))"
}
# cpu_per_request "BEFORE" "AFTER" REQUESTS [UNIT]: UNIT (microseconds,
# default; or ms) of CPU per request
cpu_per_request() {
	awk -v b="$1" -v a="$2" -v n="$3" -v hz="$HZ" -v u="${4:-us}" 'BEGIN { split(b, x, " "); split(a, y, " ");
		f = (u == "ms" ? 1e3 : 1e6) / hz / (n > 0 ? n : 1); fmt = (u == "ms" ? "%.2f" : "%.0f");
		printf "nginx " fmt ", uppfolj-collect " fmt ", PostgreSQL " fmt " (+ " fmt " other processes)",
			(y[1] - x[1]) * f, (y[2] - x[2]) * f, (y[3] - x[3]) * f, (y[4] - x[4]) * f }'
}

# result FIELD LINE
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<<"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
