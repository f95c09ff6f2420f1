#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Run the product on this machine (Debian 12, as root): install packages,
# build, start a private PostgreSQL cluster, apply migrations, load the
# instruments and the demo study, start the FastCGI program and nginx on
# 127.0.0.1, print the URLs and demo access codes. Safe to run again.
#
#   bash deploy/run.sh           start (or restart what is not running)
#   bash deploy/run.sh --stop    stop everything it started
#   bash deploy/run.sh --status  show what is running
set -euo pipefail

SRC=$(cd "$(dirname "$0")/.." && pwd)
VAR=${UF_VAR:-$SRC/var}
PORT=${UF_HTTP_PORT:-8080}
PGPORT=${UF_PG_PORT:-55432}
DB=uppfolj
RUNUSER=uppfolj

# shellcheck source=deploy/lib.sh
. "$SRC/deploy/lib.sh"

BUILD=$VAR/build
PGDIR=$VAR/pg

pid_alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_all() {
	if pid_alive "$VAR/nginx/nginx.pid"; then
		nginx -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" -s quit 2>/dev/null || true
	fi
	local p
	for p in collect admin; do
		if pid_alive "$VAR/run/$p.pid"; then
			kill "$(cat "$VAR/run/$p.pid")" 2>/dev/null || true
		fi
	done
	uf_pg_stop "$PGDIR"
	uf_log "stopped"
}

status() {
	pid_alive "$VAR/nginx/nginx.pid" && echo "nginx: running" || echo "nginx: stopped"
	local p
	for p in collect admin; do
		pid_alive "$VAR/run/$p.pid" && echo "uppfolj-$p: running" || echo "uppfolj-$p: stopped"
	done
	runuser -u postgres -- "$UF_PGBIN/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1 &&
		echo "postgresql: running (port $PGPORT)" || echo "postgresql: stopped"
}

case "${1:-}" in
--stop) stop_all; exit 0 ;;
--status) status; exit 0 ;;
"") ;;
-h|--help) sed -n '3,11p' "$0"; exit 0 ;;
*) uf_die "unknown option $1 (try --help)" ;;
esac

[ "$(id -u)" = 0 ] || uf_die "run as root (it installs packages and starts services)"

uf_install
uf_log "building (log: $BUILD/build.log)"
uf_build "$SRC" "$BUILD"
ADMIN=$BUILD/admin/uppfolj-admin

install -d -m 755 "$VAR" "$VAR/log" "$VAR/nginx" "$VAR/nginx/tmp"
id -u "$RUNUSER" >/dev/null 2>&1 ||
	useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$RUNUSER" ||
	uf_die "cannot create system user $RUNUSER"
install -d -o "$RUNUSER" -m 755 "$VAR/run"

uf_log "starting PostgreSQL on 127.0.0.1:$PGPORT"
uf_pg_start "$PGDIR" "$PGPORT"
uf_createdb "$PGDIR" "$PGPORT" "$DB"
SUPER="host=$PGDIR port=$PGPORT dbname=$DB user=postgres"

uf_secret "$VAR/secret.key"
chown "$RUNUSER" "$VAR/secret.key"

"$ADMIN" migrate --db "$SUPER" --schema "$SRC/schema" >&2
"$ADMIN" forms-load --db "$SUPER" "$SRC"/forms/*.json >&2
"$ADMIN" demo --db "$SUPER" --secret "$VAR/secret.key" --forms "$SRC/forms" \
	--codes-out "$VAR/demo-codes.txt" >"$VAR/log/demo.txt"

# The web programs connect over TCP as their own least-privilege roles.
cat >"$VAR/collect.conf" <<CONF
# written by deploy/run.sh
db = host=127.0.0.1 port=$PGPORT dbname=$DB user=uppfolj_collect
socket = $VAR/run/collect.sock
socket_mode = 0666
workers = 4
secret_file = $VAR/secret.key
CONF

if ! pid_alive "$VAR/run/collect.pid"; then
	rm -f "$VAR/run/collect.sock"
	runuser -u "$RUNUSER" -- "$BUILD/cgi/uppfolj-collect" --config "$VAR/collect.conf" \
		>>"$VAR/log/collect.log" 2>&1 &
	echo $! >"$VAR/run/collect.pid"
fi
for _ in $(seq 50); do [ -S "$VAR/run/collect.sock" ] && break; sleep 0.1; done
[ -S "$VAR/run/collect.sock" ] || { tail -n 20 "$VAR/log/collect.log" >&2; uf_die "uppfolj-collect did not start"; }

# The admin web program: its own roles (admin; contact for unit contacts).
cat >"$VAR/adminweb.conf" <<CONF
# written by deploy/run.sh
db = host=127.0.0.1 port=$PGPORT dbname=$DB user=uppfolj_admin
contact_db = host=127.0.0.1 port=$PGPORT dbname=$DB user=uppfolj_contact
socket = $VAR/run/admin.sock
socket_mode = 0666
workers = 2
secret_file = $VAR/secret.key
base_url = http://127.0.0.1:$PORT
study = demo
CONF
if ! pid_alive "$VAR/run/admin.pid"; then
	rm -f "$VAR/run/admin.sock"
	runuser -u "$RUNUSER" -- "$BUILD/adminweb/uppfolj-adminweb" --config "$VAR/adminweb.conf" \
		>>"$VAR/log/adminweb.log" 2>&1 &
	echo $! >"$VAR/run/admin.pid"
fi
for _ in $(seq 50); do [ -S "$VAR/run/admin.sock" ] && break; sleep 0.1; done
[ -S "$VAR/run/admin.sock" ] || { tail -n 20 "$VAR/log/adminweb.log" >&2; uf_die "uppfolj-adminweb did not start"; }

# A first admin user for the demo, with a random password kept in var/.
if [ ! -s "$VAR/admin-password.txt" ]; then
	(umask 077 && head -c 12 /dev/urandom | base64 | tr -d '/+=' >"$VAR/admin-password.txt")
	"$ADMIN" user-add --db "host=$PGDIR port=$PGPORT dbname=$DB user=uppfolj_admin" --role admin --password-file "$VAR/admin-password.txt" admin >&2 ||
		uf_die "could not create the demo admin user"
fi

sed -e "s|@LISTEN@|127.0.0.1:$PORT|g" -e "s|@VAR@|$VAR/nginx|g" \
	-e "s|@STATIC@|$SRC/cgi/static|g" -e "s|@COLLECT_SOCK@|$VAR/run/collect.sock|g" \
	-e "s|@ADMIN_SOCK@|$VAR/run/admin.sock|g" \
	"$SRC/deploy/nginx/nginx.conf.in" >"$VAR/nginx/nginx.conf"
nginx -t -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" 2>"$VAR/log/nginx-test.log" ||
	{ cat "$VAR/log/nginx-test.log" >&2; uf_die "nginx config test failed"; }
if pid_alive "$VAR/nginx/nginx.pid"; then
	nginx -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" -s reload
else
	nginx -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf"
fi

cat <<MSG

uppfolj is running (demo study, synthetic data).

  Survey (tablet and staff):  http://127.0.0.1:$PORT/
  Administration:             http://127.0.0.1:$PORT/admin/
                              user admin, password $(cat "$VAR/admin-password.txt")
  JSON API:                   http://127.0.0.1:$PORT/api/v1/instruments/patient
  Database:                   psql "$SUPER"
  Logs:                       $VAR/log/

Demo access codes (each works once; open the survey and type one):
$(sed 's/^/  /' "$VAR/demo-codes.txt")

Reports:
  $BUILD/reports/uppfolj-report delrapport --wave 24 --db "host=127.0.0.1 port=$PGPORT dbname=$DB user=uppfolj_report" -o delrapport-24.pdf
  $BUILD/reports/uppfolj-report slutrapport --db "host=127.0.0.1 port=$PGPORT dbname=$DB user=uppfolj_report" -o slutrapport.pdf

Stop everything:  bash deploy/run.sh --stop
MSG
