#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# The scale suite (TAP): the product on more than one machine, with
# PostgreSQL's own streaming replication, all on loopback with private
# clusters: a primary that archives its WAL (deploy/backup.sh), a hot
# standby made by pg_basebackup, two uppfolj-collect instances behind one
# nginx upstream (round robin), then
#   1. the patient flow and the API with every request on the other
#      instance than the one before (tests/scale/alternate.test.mjs): no
#      stale page, no lost answer;
#   2. uppfolj-report on the standby: CSV and PDF text identical to the
#      primary's once it has replayed (and different while replay is paused);
#   3. a restore drill (deploy/restore.sh) into a new cluster, to a named
#      restore point and to a time: every acknowledged response is there,
#      the one acknowledged after the target is not.
#
#   run.sh [--short]   CI form (tests/run-all.sh suite "scale")
#
# Environment: UF_SRC UF_BUILD [UF_WORK] [UF_KEEP=1 keeps the folder].
set -u
SRC=${UF_SRC:?}
BUILD=${UF_BUILD:?}
# shellcheck source=deploy/lib.sh
. "$SRC/deploy/lib.sh"
case "${1:---short}" in
--short) API_LOAD=20 ;;
*) echo "usage: run.sh [--short]" >&2; exit 2 ;;
esac

T=$(mktemp -d "${UF_WORK:-/tmp}/scale.XXXXXX") && chmod 755 "$T" || exit 1
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
free_port() {
	local p=$1
	while ss -Htln "sport = :$p" 2>/dev/null | grep -q .; do p=$((p + 1)); done
	echo "$p"
}
PRI=$T/primary STB=$T/standby ARCH=$T/archive DB=uppfolj_scale
P1=$(free_port 55610)
P2=$(free_port $((P1 + 1)))
P3=$(free_port $((P2 + 1)))
P4=$(free_port $((P3 + 1)))
HTTP=$(free_port 18610)
export PGPASSFILE=$T/pgpass
q() { local dir=$1 port=$2; shift 2; psql -X -q -At -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d "$DB" "$@"; }
pctl() { local dir=$1; shift; uf_as_postgres "$UF_PGBIN/pg_ctl" -D "$dir/data" "$@"; }
# port_pass PORT: the application roles' passwords (those of the primary,
# which every copy of its data has) for a cluster on PORT.
port_pass() { awk -F: -v p="$P1" -v n="$1" 'BEGIN { OFS = ":" } $2 == p { $2 = n; print }' "$PGPASSFILE.base" >>"$PGPASSFILE"; }
ms() { date +%s%3N; }

cleanup() {
	[ -s "$T/nginx/nginx.pid" ] && nginx -p "$T/nginx" -c "$T/nginx/nginx.conf" -s stop 2>/dev/null
	for f in "$T"/collect-*.pid; do [ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null; done
	for d in "$T/restore-time" "$T/restore-name" "$STB" "$PRI"; do uf_pg_stop "$d" 2>/dev/null; done
	[ -n "${UF_KEEP:-}" ] || rm -rf "$T"
}
trap cleanup EXIT

# --- primary with WAL archiving -----------------------------------------
t0=$(ms)
if (uf_pg_start "$PRI" "$P1" && uf_createdb "$PRI" "$P1" "$DB" && uf_secret "$T/secret.key") >"$T/setup.log" 2>&1 &&
	bash "$SRC/deploy/backup.sh" --host "$PRI" --port "$P1" enable "$ARCH" 5 >>"$T/setup.log" 2>&1 &&
	pctl "$PRI" -l "$PRI/server.log" -w -t 60 restart >>"$T/setup.log" 2>&1 &&
	"$BUILD/admin/uppfolj-admin" migrate --db "host=$PRI port=$P1 dbname=$DB user=postgres" \
		--schema "${UF_SCHEMA:-$SRC/schema}" >>"$T/setup.log" 2>&1 &&
	(uf_pg_passwords "$PRI" "$P1" "$PGPASSFILE") >>"$T/setup.log" 2>&1 &&
	"$BUILD/admin/uppfolj-admin" forms-load --db "host=$PRI port=$P1 dbname=$DB user=postgres" \
		"${UF_FORMS:-$SRC/forms}"/*.json >>"$T/setup.log" 2>&1 &&
	[ "$(q "$PRI" "$P1" -c "SHOW archive_mode")" = on ]; then
	ok "primary: PostgreSQL on port $P1 archiving WAL (deploy/backup.sh enable), migrated, instruments loaded"
else
	not_ok "primary set up (see setup.log)"; sed 's/^/# /' "$T/setup.log" | tail -n 20
	exit 1
fi
cp "$PGPASSFILE" "$PGPASSFILE.base"

# --- base backup, then the standby (before the data it must replay) -------
t1=$(ms)
BASE=$(bash "$SRC/deploy/backup.sh" --host "$PRI" --port "$P1" base "$ARCH" 2>>"$T/setup.log")
check "base backup made and verified (deploy/backup.sh base: pg_basebackup + pg_verifybackup)" \
	test -n "$BASE" -a -f "$BASE/backup_manifest"
echo "# base backup: $(du -sh "$BASE" 2>/dev/null | cut -f1) in $(( $(ms) - t1 )) ms"
install -d -o postgres -g postgres -m 755 "$STB"
if uf_as_postgres "$UF_PGBIN/pg_basebackup" -h "$PRI" -p "$P1" -U postgres -D "$STB/data" -R -X stream \
		-c fast >>"$T/setup.log" 2>&1 &&
	(umask 077 && pctl "$STB" -l "$STB/server.log" -o "-p $P2 -k $STB -c listen_addresses=127.0.0.1 -c hot_standby=on -c max_connections=200" \
		-w -t 60 start) >>"$T/setup.log" 2>&1 &&
	[ "$(q "$STB" "$P2" -c "SELECT pg_is_in_recovery()")" = t ] &&
	[ "$(q "$PRI" "$P1" -c "SELECT state FROM pg_stat_replication")" = streaming ]; then
	ok "hot standby on port $P2 streaming from the primary"
else
	not_ok "hot standby (see setup.log)"; sed 's/^/# /' "$T/setup.log" | tail -n 20
fi
port_pass "$P2"

# The demo study is written after the standby exists: the standby has it
# only by replaying the primary's WAL.
if "$BUILD/admin/uppfolj-admin" demo --db "host=$PRI port=$P1 dbname=$DB user=postgres" --secret "$T/secret.key" \
	--forms "${UF_FORMS:-$SRC/forms}" --codes-out "$T/demo-codes.txt" >>"$T/setup.log" 2>&1; then
	ok "demo study written on the primary"
else
	not_ok "demo study (see setup.log)"; tail -n 5 "$T/setup.log" | sed 's/^/# /'
fi

# --- two survey instances behind one nginx upstream ------------------------
mkdir -p "$T/run" "$T/nginx/tmp" && chmod 755 "$T/run"
for i in a b; do
	cat >"$T/collect-$i.conf" <<CONF
db = host=127.0.0.1 port=$P1 dbname=$DB user=uppfolj_collect passfile=$PGPASSFILE
socket = $T/run/collect-$i.sock
socket_mode = 0666
workers = 2
secret_file = $T/secret.key
log_level = warn
rate_addr_max = 100000
CONF
	"$BUILD/collect/uppfolj-collect" --config "$T/collect-$i.conf" >"$T/collect-$i.log" 2>&1 &
	echo $! >"$T/collect-$i.pid"
done
for _ in $(seq 100); do [ -S "$T/run/collect-a.sock" ] && [ -S "$T/run/collect-b.sock" ] && break; sleep 0.1; done
# The project's nginx config with the upstream of two servers (round robin,
# nginx's default; one worker process, so requests alternate strictly) and
# the upstream's address in a header, so that the test can show it.
uf_static "$T/static" "$BUILD/admin/uppfolj-admin"
uf_nginx_conf "$T/nginx/nginx.conf" "127.0.0.1:$HTTP" "$T/nginx" "$T/static" \
	"$T/run/collect-a.sock" "$T/run/admin.sock"
sed -i -e "s|^\(\t*\)server unix:$T/run/collect-a.sock;|&\n\1server unix:$T/run/collect-b.sock;|" \
	-e 's|access_log .*;|access_log off;|' \
	-e "s|^\(\t*\)fastcgi_pass uppfolj_collect;|&\n\1add_header X-Uf-Upstream \$upstream_addr always;|" \
	"$T/nginx/nginx.conf"
if grep -q "collect-b.sock" "$T/nginx/nginx.conf" && nginx -p "$T/nginx" -c "$T/nginx/nginx.conf" 2>"$T/nginx.log"; then
	for _ in $(seq 50); do
		[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP/api/v1/health")" = 200 ] && break
		sleep 0.1
	done
	# Our nginx, not another one that took the port meanwhile.
	if curl -s -D - -o /dev/null "http://127.0.0.1:$HTTP/api/v1/health" | grep -qi "^x-uf-upstream: unix:$T/run/collect-"; then
		ok "two uppfolj-collect instances behind one nginx upstream on port $HTTP"
	else
		not_ok "the server on port $HTTP is this suite's nginx"; exit 1
	fi
else
	not_ok "nginx with two upstream servers (see nginx.log)"; sed 's/^/# /' "$T/nginx.log"
	exit 1
fi

# --- 1. alternating instances ---------------------------------------------
UF_SRC=$SRC UF_BUILD=$BUILD UF_PGHOST=$PRI UF_PGPORT=$P1 UF_DB=$DB UF_SECRET=$T/secret.key \
	UF_BASE_URL=http://127.0.0.1:$HTTP UF_ARTIFACTS=$T UF_SCALE_ACKED=$T/acked.txt \
	UF_SCALE_API_LOAD=$API_LOAD UF_SCALE_DEMO_CODES=$T/demo-codes.txt \
	node --test --test-reporter=tap --test-concurrency=1 "$SRC/tests/scale/alternate.test.mjs" >"$T/alternate.tap" 2>&1
sed -n 's/^\(not \)\{0,1\}ok [0-9]* - /&alternating instances: /p' "$T/alternate.tap" |
	sed 's/^\(\(not \)\{0,1\}ok\) [0-9]* - /\1 X - /' >"$T/alternate.res"
while IFS= read -r line; do
	case $line in
	"not ok X - "*) not_ok "${line#not ok X - }" ;;
	"ok X - "*) ok "${line#ok X - }" ;;
	esac
done <"$T/alternate.res"
grep -q . "$T/alternate.res" || { not_ok "alternating-instance tests ran"; tail -n 30 "$T/alternate.tap" | sed 's/^/# /'; }
grep -E '^# (fail|pass)' "$T/alternate.tap"
if grep -q '^not ok' "$T/alternate.tap"; then
	grep -E -A 12 '^\s*not ok' "$T/alternate.tap" | head -n 60 | sed 's/^/# /'
fi

echo "# setup and alternating tests: $(( ($(ms) - t0) / 1000 )) s"

# --- more acknowledged responses, through both instances ---------------------
run_load() {
	UF_SRC=$SRC UF_BUILD=$BUILD UF_PGHOST=$PRI UF_PGPORT=$P1 UF_DB=$DB UF_SECRET=$T/secret.key \
		UF_BASE_URL=http://127.0.0.1:$HTTP node "$SRC/tests/scale/load.mjs" "$@"
}
t1=$(ms)
if run_load "$API_LOAD" "$T/acked.txt" >"$T/load.log" 2>&1; then
	ok "$API_LOAD API submissions through the upstream acknowledged in $(( $(ms) - t1 )) ms"
else
	not_ok "API load (see load.log)"; tail -n 5 "$T/load.log" | sed 's/^/# /'
fi
ACKED=$(wc -l <"$T/acked.txt" 2>/dev/null || echo 0)
echo "# standby replay lag after the load: $(q "$PRI" "$P1" -c "SELECT coalesce(replay_lag::text, '0 (caught up)') FROM pg_stat_replication")"

# --- 2. reports on the hot standby ---------------------------------------
# replayed: the standby has replayed everything the primary has written.
replayed() {
	local lsn
	lsn=$(q "$PRI" "$P1" -c "SELECT pg_current_wal_lsn()") || return 1
	for _ in $(seq 300); do
		[ "$(q "$STB" "$P2" -c "SELECT pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn")" = t ] && return 0
		sleep 0.1
	done
	return 1
}
# report NAME PORT: slutrapport and the 36-month delrapport of the demo
# study as uppfolj_report, PDFs, their text and CSV tables in $T/rep-NAME.
report() {
	local out=$T/rep-$1 conn="host=127.0.0.1 port=$2 dbname=$DB user=uppfolj_report passfile=$PGPASSFILE"
	mkdir -p "$out/slut" "$out/del" &&
		"$BUILD/reports/uppfolj-report" slutrapport --db "$conn" --study demo -o "$out/slut.pdf" \
			--csv "$out/slut" --quiet 2>>"$T/reports.log" &&
		"$BUILD/reports/uppfolj-report" delrapport --wave 36 --db "$conn" --study demo \
			-o "$out/del.pdf" --csv "$out/del" --quiet 2>>"$T/reports.log" &&
		pdftotext -q "$out/slut.pdf" "$out/slut.txt" && pdftotext -q "$out/del.pdf" "$out/del.txt" &&
		[ "$(find "$out/slut" "$out/del" -name '*.csv' | wc -l)" -gt 2 ]
}
# same A B: CSV tables byte for byte, and the PDFs' text.
same() {
	diff -r "$T/rep-$1/slut" "$T/rep-$2/slut" >/dev/null && diff -r "$T/rep-$1/del" "$T/rep-$2/del" >/dev/null &&
		cmp -s "$T/rep-$1/slut.txt" "$T/rep-$2/slut.txt" && cmp -s "$T/rep-$1/del.txt" "$T/rep-$2/del.txt"
}
t1=$(ms)
check "the standby has replayed the primary's WAL (demo study and the load)" replayed
# While the standby does not replay, a change on the primary shows in the
# primary's report only: the comparison below can fail.
q "$STB" "$P2" -c "SELECT pg_wal_replay_pause()" >/dev/null
for _ in $(seq 100); do
	[ "$(q "$STB" "$P2" -c "SELECT pg_get_wal_replay_pause_state()")" = paused ] && break
	sleep 0.1
done
q "$PRI" "$P1" -c "DELETE FROM uppfolj.response WHERE response_id IN (SELECT r.response_id
	FROM uppfolj.response r JOIN uppfolj.participant p USING (participant_id)
	JOIN uppfolj.study s USING (study_id) JOIN uppfolj.wave w ON w.wave_id = r.wave_id
	WHERE s.slug = 'demo' AND w.months = 36 AND r.status = 'submitted'
	ORDER BY r.response_id LIMIT 20)" >/dev/null
check "uppfolj-report on the primary" report primary "$P1"
check "uppfolj-report --db on the hot standby, as uppfolj_report (read-only)" report paused "$P2"
check "with replay paused the standby's reports differ from the primary's after a change" \
	eval '! same primary paused'
q "$STB" "$P2" -c "SELECT pg_wal_replay_resume()" >/dev/null
check "replay resumed: reports on the standby identical to the primary's (every CSV table byte for byte, PDF text)" \
	eval 'replayed && report standby "$P2" && same primary standby'
if cmp -s "$T/rep-primary/slut.pdf" "$T/rep-standby/slut.pdf" && cmp -s "$T/rep-primary/del.pdf" "$T/rep-standby/del.pdf"; then
	echo "# the PDF files themselves are identical too"
fi
check "the standby refuses writes (it is a hot standby, not a copy)" \
	eval '! q "$STB" "$P2" -c "CREATE TABLE public.x (i int)" 2>/dev/null'
echo "# reports: $(( ($(ms) - t1) / 1000 )) s for 3 runs of slutrapport + delrapport"

# --- 3. backup and a restore drill ----------------------------------------
t1=$(ms)
POINT=drill-$(date -u +%Y%m%dT%H%M%S)
check "named restore point $POINT made and archived (deploy/backup.sh point)" \
	eval 'bash "$SRC/deploy/backup.sh" --host "$PRI" --port "$P1" point "$POINT" >/dev/null 2>>"$T/drill.log"'
TARGET=$(q "$PRI" "$P1" -c "SELECT clock_timestamp()")
sleep 1.1
# Acknowledged after the targets: a restore must not have it.
run_load 1 "$T/after.txt" >>"$T/drill.log" 2>&1
bash "$SRC/deploy/backup.sh" --host "$PRI" --port "$P1" point "after-$POINT" >/dev/null 2>>"$T/drill.log"
AFTER=$(awk '{ print $2 }' "$T/after.txt")
check "$ACKED responses acknowledged before the restore point, one after" test "$ACKED" -gt 10 -a -n "$AFTER"
ids=$(awk '{ printf "%s'"'"'%s'"'"'", (NR > 1 ? "," : ""), $2 }' "$T/acked.txt")
# drill NAME PORT ARGS...: restore into $T/restore-NAME and count.
drill() {
	local name=$1 port=$2 dir=$T/restore-$1 have extra; shift 2
	bash "$SRC/deploy/restore.sh" "$ARCH" "$dir" "$port" "$@" >>"$T/drill.log" 2>&1 || return 1
	port_pass "$port"
	[ "$(q "$dir" "$port" -c "SELECT pg_is_in_recovery()")" = f ] || return 1
	have=$(q "$dir" "$port" -c "SELECT count(*) FROM uppfolj.response
		WHERE status = 'submitted' AND submission_id::text IN ($ids)") &&
	extra=$(q "$dir" "$port" -c "SELECT count(*) FROM uppfolj.response WHERE submission_id::text = '$AFTER'") &&
	# every acknowledged response with all its answers, as on the primary
	same_answers=$(q "$dir" "$port" -c "SELECT md5(string_agg(r.submission_id || a.item_id || coalesce(uppfolj.answer_value(a), ''), ',' ORDER BY r.submission_id, a.item_id))
		FROM uppfolj.response r JOIN uppfolj.answer a USING (response_id) WHERE r.submission_id::text IN ($ids)") &&
	echo "# restore $name: $have of $ACKED acknowledged responses, $extra of the one after the target"
	[ "$have" = "$ACKED" ] && [ "$extra" = 0 ] && [ "$same_answers" = "$PRIMARY_ANSWERS" ]
}
PRIMARY_ANSWERS=$(q "$PRI" "$P1" -c "SELECT md5(string_agg(r.submission_id || a.item_id || coalesce(uppfolj.answer_value(a), ''), ',' ORDER BY r.submission_id, a.item_id))
	FROM uppfolj.response r JOIN uppfolj.answer a USING (response_id) WHERE r.submission_id::text IN ($ids)")
check "restore to the named point: a new cluster on port $P3 has every acknowledged response and its answers, not the later one" \
	drill name "$P3" --name "$POINT"
check "restore to a time: a new cluster on port $P4 has every acknowledged response and its answers, not the later one" \
	drill time "$P4" --time "$TARGET"
check "restore refuses a folder that already holds a cluster" \
	eval '! bash "$SRC/deploy/restore.sh" "$ARCH" "$T/restore-name" "$P4" >/dev/null 2>&1'
echo "# backup and restore drill: $(( ($(ms) - t1) / 1000 )) s; archive: $(bash "$SRC/deploy/backup.sh" --host "$PRI" --port "$P1" status 2>/dev/null)"
grep -h "restored and promoted" "$T/drill.log" | sed 's/^/# /'
echo "# scale suite: $(( ($(ms) - t0) / 1000 )) s"
