#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Backups with PostgreSQL's own tools: WAL archiving into ARCHIVE/wal (every
# committed transaction reaches the archive within archive_timeout) plus base
# backups (pg_basebackup, checked by pg_verifybackup) in ARCHIVE/base/<UTC
# time>. deploy/restore.sh brings a new cluster back from them to a point in
# time. Run as root or postgres on the database machine; the superuser
# connects by peer on the socket (deploy/lib.sh's rules).
#
#   backup.sh [--host SOCKDIR] [--port P] enable ARCHIVE [ARCHIVE_TIMEOUT_S]
#       archive every WAL segment into ARCHIVE/wal (restart PostgreSQL after
#       the first enable: archive_mode needs it)
#   backup.sh [--host SOCKDIR] [--port P] base ARCHIVE   new base backup
#   backup.sh [--host SOCKDIR] [--port P] point NAME     named restore point,
#       archived before this returns (e.g. before a migration or an erasure)
#   backup.sh [--host SOCKDIR] [--port P] status         the archiver's figures
set -u
# shellcheck source=deploy/lib.sh
. "$(dirname "$0")/lib.sh"

HOST=/var/run/postgresql PORT=5432
while [ $# -gt 0 ]; do
	case $1 in
	--host) HOST=$2; shift 2 ;;
	--port) PORT=$2; shift 2 ;;
	*) break ;;
	esac
done
usage() { sed -n '10,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
sq() { psql -X -q -At -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" -U postgres -d postgres "$@"; }

# archive_command: a segment is copied under a temporary name, flushed to
# disk and only then renamed, so a crash never leaves a short file under a
# segment's name; an existing segment is never overwritten (a second
# cluster archiving into the same folder by mistake fails loudly instead).
archive_command() {
	local wal=$1
	printf "test ! -f '%s/%%f' && cp %%p '%s/%%f.part' && sync '%s/%%f.part' && mv '%s/%%f.part' '%s/%%f'" \
		"$wal" "$wal" "$wal" "$wal" "$wal"
}

# Absolute path without quotes or spaces (it is written into the server's
# configuration inside single quotes).
archive_dir() {
	local d=$1
	case $d in /*) ;; *) uf_die "ARCHIVE must be an absolute path" ;; esac
	case $d in *[!A-Za-z0-9_./-]*) uf_die "ARCHIVE may hold only letters, digits and _ . / -" ;; esac
	printf '%s' "${d%/}"
}

cmd=$1; shift
case $cmd in
enable)
	[ $# -ge 1 ] || usage
	ARCH=$(archive_dir "$1") TIMEOUT=${2:-60}
	case $TIMEOUT in ''|*[!0-9]*) uf_die "ARCHIVE_TIMEOUT_S must be a number of seconds" ;; esac
	install -d -o postgres -g postgres -m 700 "$ARCH/wal" || uf_die "cannot create $ARCH/wal"
	install -d -o postgres -g postgres -m 700 "$ARCH/base" || uf_die "cannot create $ARCH/base"
	was=$(sq -c "SHOW archive_mode") || uf_die "cannot reach PostgreSQL on $HOST:$PORT"
	# Values go on standard input as psql variables, quoted by psql.
	printf '%s\n' "ALTER SYSTEM SET archive_mode = 'on';" \
		"ALTER SYSTEM SET archive_command = :'cmd';" \
		"ALTER SYSTEM SET archive_timeout = :'timeout';" \
		"SELECT pg_reload_conf();" |
		sq -v cmd="$(archive_command "$ARCH/wal")" -v timeout="$TIMEOUT" >/dev/null ||
		uf_die "cannot set the archive settings"
	if [ "$was" = on ]; then
		uf_log "archiving into $ARCH/wal (archive_timeout ${TIMEOUT}s)"
	else
		uf_log "archive settings written; restart PostgreSQL to start archiving into $ARCH/wal"
	fi
	;;
base)
	[ $# -ge 1 ] || usage
	ARCH=$(archive_dir "$1")
	[ "$(sq -c "SHOW archive_mode")" = on ] || uf_die "WAL archiving is off: run 'backup.sh enable' first"
	stamp=$(date -u +%Y%m%dT%H%M%SZ)
	dest=$ARCH/base/$stamp
	[ ! -e "$dest" ] || uf_die "$dest exists"
	install -d -o postgres -g postgres -m 700 "$ARCH/base/.$stamp.part" || uf_die "cannot create $dest"
	# Plain format with the WAL it needs (-X fetch), so a base backup can
	# reach consistency even without the archive; the manifest lets
	# pg_verifybackup check every file now and before a restore.
	uf_as_postgres "$UF_PGBIN/pg_basebackup" -h "$HOST" -p "$PORT" -U postgres \
		-D "$ARCH/base/.$stamp.part" -Fp -X fetch -c fast -l "uppfolj $stamp" >&2 ||
		{ rm -rf "$ARCH/base/.$stamp.part"; uf_die "pg_basebackup failed"; }
	uf_as_postgres "$UF_PGBIN/pg_verifybackup" -q "$ARCH/base/.$stamp.part" >&2 ||
		{ rm -rf "$ARCH/base/.$stamp.part"; uf_die "the new base backup does not verify"; }
	mv "$ARCH/base/.$stamp.part" "$dest" || uf_die "cannot rename the base backup"
	printf '%s\n' "$dest"
	;;
point)
	[ $# -ge 1 ] || usage
	case $1 in ''|*[!A-Za-z0-9_.-]*) uf_die "NAME may hold only letters, digits and _ . -" ;; esac
	# The point's WAL segment is switched out and waited for, so the point
	# is in the archive when this returns.
	seg=$(printf '%s\n' "SELECT pg_create_restore_point(:'name');" \
		"SELECT pg_walfile_name(pg_switch_wal());" | sq -v name="$1" | tail -n 1) ||
		uf_die "cannot create the restore point"
	for _ in $(seq 600); do
		last=$(sq -c "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver")
		if [ -n "$last" ] && [[ ! "$last" < "$seg" ]]; then
			printf '%s\n' "$1"
			exit 0
		fi
		sleep 0.1
	done
	uf_die "restore point $1 made, but its WAL segment $seg is not archived after 60 s (backup.sh status)"
	;;
status)
	sq -c "SELECT 'archived ' || archived_count || ', failed ' || failed_count
		|| ', last ' || coalesce(last_archived_wal, '-') || ' at ' || coalesce(last_archived_time::text, '-')
		|| coalesce(', last failure ' || last_failed_wal || ' at ' || last_failed_time, '')
		FROM pg_stat_archiver"
	;;
*) usage ;;
esac
