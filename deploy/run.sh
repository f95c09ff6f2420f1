#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Run the product on this machine (Debian 12, as root): install packages,
# build, start a private PostgreSQL cluster, apply migrations, load the
# instruments and the demo study, start the FastCGI programs (kept running by
# deploy/supervise.sh) and nginx on 127.0.0.1, print the URLs and demo access
# codes. Safe to run again. Works from any checkout, also one only root may
# enter: what the service users need is copied to a runtime folder.
#
#   bash deploy/run.sh           start (or restart what is not running)
#   bash deploy/run.sh --stop    stop everything it started
#   bash deploy/run.sh --status  show what is running
#
# Environment: UF_HTTP_PORT [8080], UF_PG_PORT [55432], UF_RUNTIME (the
# runtime folder) [/var/lib/uppfolj-demo/<hash of this checkout's path>],
# UF_VAR (root's build folder) [<checkout>/var], UF_BUILD (use this existing
# build instead of building).
set -euo pipefail

SRC=$(cd "$(dirname "$0")/.." && pwd)
VAR=${UF_VAR:-$SRC/var}
PORT=${UF_HTTP_PORT:-8080}
PGPORT=${UF_PG_PORT:-55432}
DB=uppfolj
RUNUSER=uppfolj
RT=${UF_RUNTIME:-/var/lib/uppfolj-demo/$(printf '%s' "$SRC" | sha256sum | cut -c1-12)}

# shellcheck source=deploy/lib.sh
. "$SRC/deploy/lib.sh"

BUILD=${UF_BUILD:-$VAR/build}
PGDIR=$RT/pg
# Runtime folder (root, 755); what lives where and who may read it:
#   bin/    copies of the programs and supervise.sh (root, 755)
#   etc/    configs, key, the programs' password files (root:uppfolj 750)
#   run/    sockets and pid files (uppfolj:www-data 750)
#   log/    the programs' logs (uppfolj 750)
#   static/ the files nginx serves (root, 755)
#   audio/  read-aloud files and their manifest (audio-build; root, 755)
#   nginx/  nginx's config, pid, logs and temp files (root, 755)
#   pg/     the cluster and its socket (postgres; data/ 700)
#   state/  root's password file, the demo admin password, demo codes (700)

pid_alive() { local p; p=$(cat "$1" 2>/dev/null) && [ -n "$p" ] && kill -0 "$p" 2>/dev/null; }
pg_running() { uf_as_postgres "$UF_PGBIN/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; }
# port_taken PORT: something listens on 127.0.0.1:PORT (or on every address).
port_taken() { ss -Htln "sport = :$1" 2>/dev/null | grep -q .; }

# still_running: the names of what has not stopped yet.
still_running() {
	local p f
	for p in collect adminweb; do
		for f in "$RT/run/$p.supervisor.pid" "$RT/run/$p.pid"; do
			pid_alive "$f" && printf ' %s' "${f##*/}"
		done
	done
	pid_alive "$RT/nginx/nginx.pid" && printf ' nginx'
	return 0
}

stop_all() {
	if pid_alive "$RT/nginx/nginx.pid"; then
		nginx -p "$RT/nginx" -c "$RT/nginx/nginx.conf" -s quit 2>/dev/null || true
	fi
	local p f pid left
	for p in collect adminweb; do
		# The supervisor stops its program and waits for it; a program
		# left without one (its supervisor was killed) is stopped directly.
		for f in "$RT/run/$p.supervisor.pid" "$RT/run/$p.pid"; do
			pid=$(cat "$f" 2>/dev/null) && [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
		done
	done
	for _ in $(seq 150); do
		left=$(still_running)
		[ -z "$left" ] && break
		sleep 0.1
	done
	[ -z "$left" ] || uf_log "warning: still running after 15 s:$left"
	uf_pg_stop "$PGDIR"
	uf_log "stopped"
}

status() {
	pid_alive "$RT/nginx/nginx.pid" && echo "nginx: running (127.0.0.1:$PORT)" || echo "nginx: stopped"
	local p
	for p in collect adminweb; do
		if pid_alive "$RT/run/$p.pid"; then
			echo "uppfolj-$p: running (pid $(cat "$RT/run/$p.pid"))"
		else
			echo "uppfolj-$p: stopped"
		fi
		pid_alive "$RT/run/$p.supervisor.pid" && echo "  supervised (supervise.sh pid $(cat "$RT/run/$p.supervisor.pid"))" ||
			echo "  not supervised"
	done
	pg_running && echo "postgresql: running (port $PGPORT)" || echo "postgresql: stopped"
	echo "runtime folder: $RT"
}

case "${1:-}" in
--stop) stop_all; exit 0 ;;
--status) status; exit 0 ;;
"") ;;
-h|--help) sed -n '3,17p' "$0"; exit 0 ;;
*) uf_die "unknown option $1 (try --help)" ;;
esac

[ "$(id -u)" = 0 ] || uf_die "run as root (it installs packages and starts services)"

# Refuse early and clearly when another program has our ports.
if ! pid_alive "$RT/nginx/nginx.pid" && port_taken "$PORT"; then
	uf_die "port $PORT is in use by another program (ss -tlnp 'sport = :$PORT'); choose another with UF_HTTP_PORT=..."
fi
if [ -f "$PGDIR/data/PG_VERSION" ] && pg_running; then :; elif port_taken "$PGPORT"; then
	uf_die "port $PGPORT is in use by another program; choose another with UF_PG_PORT=..."
fi

uf_install
if [ -z "${UF_BUILD:-}" ]; then
	install -d -m 700 "$VAR" || uf_die "cannot create $VAR"
	uf_log "building (log: $BUILD/build.log)"
	uf_build "$SRC" "$BUILD"
fi
ADMIN=$BUILD/admin/uppfolj-admin
[ -x "$ADMIN" ] && [ -x "$BUILD/collect/uppfolj-collect" ] && [ -x "$BUILD/adminweb/uppfolj-adminweb" ] ||
	uf_die "no programs in $BUILD"

id -u "$RUNUSER" >/dev/null 2>&1 ||
	useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$RUNUSER" ||
	uf_die "cannot create system user $RUNUSER"

uf_log "runtime folder $RT"
# The folder above RT is made only when missing: an existing one (UF_RUNTIME
# in /tmp, say) is not ours to change.
{ [ -d "$(dirname "$RT")" ] || install -d -m 755 "$(dirname "$RT")"; } &&
	install -d -m 755 "$RT" "$RT/bin" "$RT/nginx" "$RT/nginx/tmp" ||
	uf_die "cannot create $RT"
install -d -m 750 -g "$RUNUSER" "$RT/etc" &&
	install -d -m 750 -o "$RUNUSER" -g www-data "$RT/run" &&
	install -d -m 750 -o "$RUNUSER" "$RT/log" &&
	install -d -m 700 "$RT/state" || uf_die "cannot create the folders in $RT"
install -m 755 "$BUILD/collect/uppfolj-collect" "$BUILD/adminweb/uppfolj-adminweb" \
	"$SRC/deploy/supervise.sh" "$RT/bin/" || uf_die "cannot copy the programs to $RT/bin"
uf_static "$RT/static" "$ADMIN" "$SRC/forms"
# The respondents' page and information texts per language (lib/lang.h):
# copied like the programs, since the service user may not enter $SRC.
rm -rf "$RT/forms" &&
	install -d -m 755 "$RT/forms" "$RT/forms/ui" "$RT/forms/info" &&
	install -m 644 "$SRC"/forms/ui/*.json "$RT/forms/ui/" &&
	install -m 644 "$SRC"/forms/info/*.json "$RT/forms/info/" ||
	uf_die "cannot copy the respondent texts to $RT/forms"

uf_log "starting PostgreSQL on 127.0.0.1:$PGPORT"
uf_pg_start "$PGDIR" "$PGPORT"
uf_createdb "$PGDIR" "$PGPORT" "$DB"
# The superuser: peer authentication on the socket (root maps to postgres).
SUPER="host=$PGDIR port=$PGPORT dbname=$DB user=postgres"

uf_secret "$RT/etc/secret.key"
chown "$RUNUSER" "$RT/etc/secret.key"

"$ADMIN" migrate --db "$SUPER" --schema "$SRC/schema" >&2
# The roles exist now: generated passwords, root's copy in state/pgpass, and
# each program's own roles in a file only the service user reads.
PASS=$RT/state/pgpass
uf_pg_passwords "$PGDIR" "$PGPORT" "$PASS"
uf_passfile_for "$PASS" "$RT/etc/collect.pgpass" uppfolj_collect
uf_passfile_for "$PASS" "$RT/etc/adminweb.pgpass" uppfolj_admin uppfolj_contact
chown "$RUNUSER" "$RT/etc/collect.pgpass" "$RT/etc/adminweb.pgpass"
"$ADMIN" forms-load --db "$SUPER" "$SRC"/forms/*.json >&2
# Read-aloud audio of the tablet's instrument (the files nginx serves at
# /audio/; unchanged ones are kept, so a second run takes a second). The
# staff instruments: the same command with their files.
PATIENT_TR=("$SRC"/forms/translations/patient-*.json)
[ -e "${PATIENT_TR[0]}" ] || PATIENT_TR=()
"$ADMIN" audio-build --quiet --lang-dir "$SRC/forms" --out "$RT/audio" "$SRC"/forms/patient.json "${PATIENT_TR[@]}" >&2 ||
	uf_die "audio-build failed"
"$ADMIN" demo --db "$SUPER" --secret "$RT/etc/secret.key" --forms "$SRC/forms" \
	--codes-out "$RT/state/demo-codes.txt" >"$RT/state/demo.txt"

# The web programs connect over TCP as their own least-privilege roles.
TCP="host=127.0.0.1 port=$PGPORT dbname=$DB"
(umask 027 && cat >"$RT/etc/collect.conf" <<CONF
# written by deploy/run.sh
db = $TCP user=uppfolj_collect passfile=$RT/etc/collect.pgpass
socket = $RT/run/collect.sock
socket_mode = 0666
workers = 4
secret_file = $RT/etc/secret.key
lang_dir = $RT/forms
audio_manifest = $RT/audio/manifest.tsv
CONF
cat >"$RT/etc/adminweb.conf" <<CONF
# written by deploy/run.sh
db = $TCP user=uppfolj_admin passfile=$RT/etc/adminweb.pgpass
contact_db = $TCP user=uppfolj_contact passfile=$RT/etc/adminweb.pgpass
socket = $RT/run/admin.sock
socket_mode = 0666
workers = 2
secret_file = $RT/etc/secret.key
base_url = http://127.0.0.1:$PORT
study = demo
CONF
) || uf_die "cannot write the configs in $RT/etc"
chgrp "$RUNUSER" "$RT/etc/collect.conf" "$RT/etc/adminweb.conf"

# supervise NAME SOCKET PROGRAM: start PROGRAM under supervise.sh as the
# service user, detached, unless its supervisor runs already.
supervise() {
	local name=$1 sock=$2 prog=$3
	if ! pid_alive "$RT/run/$name.supervisor.pid"; then
		[ -e "$RT/log/$name.log" ] || install -o "$RUNUSER" -m 640 /dev/null "$RT/log/$name.log"
		(cd / && setsid -f runuser -u "$RUNUSER" -- "$RT/bin/supervise.sh" "$RT/run" "$name" "$sock" -- \
			"$RT/bin/$prog" --config "$RT/etc/$name.conf" >>"$RT/log/$name.log" 2>&1 </dev/null)
	fi
	for _ in $(seq 100); do [ -S "$sock" ] && return 0; sleep 0.1; done
	tail -n 20 "$RT/log/$name.log" >&2
	uf_die "$prog did not start"
}
supervise collect "$RT/run/collect.sock" uppfolj-collect
supervise adminweb "$RT/run/admin.sock" uppfolj-adminweb

# A first admin user for the demo, with a random password kept in state/.
ADB="host=$PGDIR port=$PGPORT dbname=$DB user=uppfolj_admin passfile=$PASS"
if [ ! -s "$RT/state/admin-password.txt" ]; then
	(umask 077 && head -c 12 /dev/urandom | base64 | tr -d '/+=' >"$RT/state/admin-password.txt")
	"$ADMIN" user-add --db "$ADB" --role admin --password-file "$RT/state/admin-password.txt" admin >&2 ||
		uf_die "could not create the demo admin user"
fi

uf_nginx_conf "$RT/nginx/nginx.conf" "127.0.0.1:$PORT" "$RT/nginx" "$RT/static" \
	"$RT/run/collect.sock" "$RT/run/admin.sock" "$RT/audio"
nginx -t -p "$RT/nginx" -c "$RT/nginx/nginx.conf" 2>"$RT/nginx/test.log" ||
	{ cat "$RT/nginx/test.log" >&2; uf_die "nginx config test failed"; }
if pid_alive "$RT/nginx/nginx.pid"; then
	nginx -p "$RT/nginx" -c "$RT/nginx/nginx.conf" -s reload
else
	nginx -p "$RT/nginx" -c "$RT/nginx/nginx.conf" ||
		uf_die "nginx did not start (see $RT/nginx/error.log)"
fi

REP="$TCP user=uppfolj_report passfile=$PASS"
cat <<MSG

uppfolj is running (demo study, synthetic data).

  Survey (tablet and staff):  http://127.0.0.1:$PORT/
  Administration:             http://127.0.0.1:$PORT/admin/
                              user admin, password $(cat "$RT/state/admin-password.txt")
  JSON API:                   http://127.0.0.1:$PORT/api/v1/instruments/patient
  Database (superuser):       psql "$SUPER"
  Logs:                       $RT/log/ and $RT/nginx/
  Runtime folder:             $RT

Demo access codes (each works once; open the survey and type one):
$(sed 's/^/  /' "$RT/state/demo-codes.txt")

Reports:
  $BUILD/reports/uppfolj-report delrapport --wave 24 --db "$REP" --lang-dir "$RT/forms" -o delrapport-24.pdf
  $BUILD/reports/uppfolj-report slutrapport --db "$REP" --lang-dir "$RT/forms" -o slutrapport.pdf

Administration from the command line (uppfolj-admin --help lists the commands):
  $ADMIN units --db "$ADB"

Stop everything:  bash deploy/run.sh --stop
MSG
