#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Bring a NEW cluster back from deploy/backup.sh's archive: copy a base
# backup (verified first) into DIR/data, replay the archived WAL up to a
# named restore point, a time, or the end of the archive, then promote, so
# the new cluster takes writes on a timeline of its own. It never archives
# into the old archive (archive_mode off) and never touches a running cluster.
#
#   restore.sh ARCHIVE DIR PORT [--base STAMP] [--name POINT | --time 'TIMESTAMPTZ']
#       ARCHIVE  the folder of backup.sh enable/base
#       DIR      a new folder: data in DIR/data, socket in DIR, log DIR/server.log
#       PORT     the port the restored cluster listens on (127.0.0.1 only;
#                change listen_addresses when it is to replace the old one)
#       --base   which base backup (default: the newest one older than the target)
#       --time   e.g. '2026-12-06 12:30:00+00' (inclusive: a transaction that
#                committed at that time is kept)
set -u
# shellcheck source=deploy/lib.sh
. "$(dirname "$0")/lib.sh"

usage() { sed -n '9,16p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 3 ] || usage
ARCH=${1%/} DIR=$2 PORT=$3; shift 3
BASE= NAME= TIME=
while [ $# -gt 0 ]; do
	case $1 in
	--base) BASE=${2:-}; shift 2 ;;
	--name) NAME=${2:-}; shift 2 ;;
	--time) TIME=${2:-}; shift 2 ;;
	*) usage ;;
	esac
done
[ -z "$NAME" ] || [ -z "$TIME" ] || uf_die "give --name or --time, not both"
case $ARCH in /*) ;; *) uf_die "ARCHIVE must be an absolute path" ;; esac
case $ARCH in *[!A-Za-z0-9_./-]*) uf_die "ARCHIVE may hold only letters, digits and _ . / -" ;; esac
case $PORT in ''|*[!0-9]*) uf_die "PORT must be a number" ;; esac
case $NAME in *[!A-Za-z0-9_.-]*) uf_die "POINT may hold only letters, digits and _ . -" ;; esac
[ -d "$ARCH/wal" ] && [ -d "$ARCH/base" ] || uf_die "$ARCH is not an archive of backup.sh"
[ ! -e "$DIR/data" ] || uf_die "$DIR/data exists: restore only into a new folder"
sq() { psql -X -q -At -v ON_ERROR_STOP=1 -h "$DIR" -p "$PORT" -U postgres -d postgres "$@"; }

# The base backup: the one named, else the newest (a target before the
# newest backup's end cannot be reached from it: name an older one).
if [ -z "$BASE" ]; then
	BASE=$(find "$ARCH/base" -mindepth 1 -maxdepth 1 -type d -name '2*' -printf '%f\n' | sort | tail -n 1)
	[ -n "$BASE" ] || uf_die "no base backup in $ARCH/base"
fi
case $BASE in *[!0-9TZ]*) uf_die "--base is a folder name of $ARCH/base such as 20261206T120000Z" ;; esac
SRCB=$ARCH/base/$BASE
[ -f "$SRCB/backup_manifest" ] || uf_die "$SRCB is not a base backup"
uf_log "verifying base backup $BASE"
uf_as_postgres "$UF_PGBIN/pg_verifybackup" -q "$SRCB" >&2 || uf_die "base backup $BASE does not verify"

install -d -o postgres -g postgres -m 755 "$DIR" || uf_die "cannot create $DIR"
uf_reachable postgres "$DIR" || uf_die "user postgres cannot enter $DIR"
(umask 077 && uf_as_postgres cp -a "$SRCB" "$DIR/data") || uf_die "cannot copy the base backup"
rm -f "$DIR/data/backup_manifest" "$DIR/data/standby.signal"

# Recovery settings go last in postgresql.auto.conf (later lines win).
{
	echo "# written by deploy/restore.sh: recovery from $ARCH"
	echo "restore_command = 'cp $ARCH/wal/%f %p'"
	echo "archive_mode = 'off'"
	echo "recovery_target_action = 'promote'"
	echo "recovery_target_timeline = 'latest'"
	# No connections until promoted: nobody reads a half-restored database,
	# and the old server's limits (max_connections...) need not be matched.
	echo "hot_standby = 'off'"
	if [ -n "$NAME" ]; then
		echo "recovery_target_name = '$NAME'"
	elif [ -n "$TIME" ]; then
		# Parsed now and written back normalised to UTC (digits only: no
		# quote of the argument reaches the configuration).
		t=$(date -u -d "$TIME" '+%Y-%m-%d %H:%M:%S.%6N+00' 2>/dev/null) && [ -n "$t" ] ||
			uf_die "--time: not a time: $TIME"
		echo "recovery_target_time = '$t'"
		echo "recovery_target_inclusive = 'on'"
	fi
} | uf_as_postgres tee -a "$DIR/data/postgresql.auto.conf" >/dev/null || uf_die "cannot write the recovery settings"
uf_as_postgres touch "$DIR/data/recovery.signal" || uf_die "cannot write recovery.signal"
uf_pg_hba "$DIR/data"

uf_log "replaying WAL from $ARCH/wal into $DIR/data"
(umask 077 && uf_as_postgres "$UF_PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" \
	-o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1" -w -t 600 start >/dev/null) ||
	{ tail -n 20 "$DIR/server.log" >&2; uf_die "the restored cluster did not start (see $DIR/server.log)"; }
for _ in $(seq 3000); do
	case $(sq -c "SELECT pg_is_in_recovery()" 2>/dev/null) in
	f)
		uf_log "restored and promoted: $(grep -E 'recovery stopping|last completed transaction|redo done' "$DIR/server.log" | tail -n 2 | tr '\n' ' ')"
		exit 0 ;;
	esac
	uf_as_postgres "$UF_PGBIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1 ||
		{ tail -n 20 "$DIR/server.log" >&2; uf_die "the restored cluster stopped during recovery (target not in the archive?)"; }
	sleep 0.2
done
uf_die "the restored cluster is still recovering after 10 minutes (see $DIR/server.log)"
