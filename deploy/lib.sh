# SPDX-License-Identifier: ISC
# Shell functions shared by deploy/run.sh and tests/run-all.sh: install the
# Debian packages, build, and start/stop a private PostgreSQL cluster and
# nginx. Source it; it defines functions only.

UF_PGBIN=${UF_PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

# Packages the product and its tests need (Debian 12).
UF_PACKAGES="build-essential autoconf automake pkg-config
 libfcgi-dev libpq-dev libcjson-dev libhpdf-dev libfribidi-dev libsodium-dev libqrencode-dev
 libreadstat-dev
 libzip-dev libxml2-dev libxml2-utils
 fonts-dejavu-core check postgresql nginx-light poppler-utils zbar-tools
 espeak-ng opus-tools lame"
UF_TEST_PACKAGES="chromium wrk valgrind python3 iproute2 libfcgi-bin clang clang-format systemd
 readstat libcurl4-openssl-dev"

uf_log() { printf '%s\n' "uppfolj: $*" >&2; }
uf_die() { uf_log "error: $*"; exit 1; }

# uf_install [extra packages...]: apt-get only what is missing.
uf_install() {
	local want="$UF_PACKAGES $*" missing="" p
	for p in $want; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	[ "$(id -u)" = 0 ] || uf_die "missing packages:$missing (run as root or install them)"
	uf_log "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null || uf_die "apt-get update failed"
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
		uf_die "apt-get install failed:$missing"
	UF_PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
}

# uf_build SRCDIR BUILDDIR [configure args...]: autoreconf if needed, configure
# once, make. Output goes to BUILDDIR/build.log.
uf_build() {
	local src=$1 bld=$2; shift 2
	mkdir -p "$bld" || uf_die "cannot create $bld"
	if [ ! -x "$src/configure" ] || [ "$src/configure.ac" -nt "$src/configure" ]; then
		(cd "$src" && autoreconf -fi) >"$bld/autoreconf.log" 2>&1 ||
			{ cat "$bld/autoreconf.log" >&2; uf_die "autoreconf failed"; }
	fi
	if [ ! -f "$bld/Makefile" ]; then
		(cd "$bld" && "$src/configure" "$@") >"$bld/configure.log" 2>&1 ||
			{ tail -n 30 "$bld/configure.log" >&2; uf_die "configure failed"; }
	fi
	make -C "$bld" -j"$(nproc)" >"$bld/build.log" 2>&1 ||
		{ tail -n 40 "$bld/build.log" >&2; uf_die "build failed (see $bld/build.log)"; }
}

# uf_reachable USER DIR: USER can enter DIR (every parent searchable).
uf_reachable() { (cd / && runuser -u "$1" -- test -x "$2" 2>/dev/null); }
# uf_as_postgres CMD...: CMD as the postgres user, from / (the caller's
# folder may be one postgres cannot enter).
uf_as_postgres() { (cd / && runuser -u postgres -- "$@"); }

# uf_pg_start DIR PORT: a private cluster in DIR/data, socket in DIR, owned by
# postgres (PostgreSQL refuses to run as root). Idempotent. Authentication:
# the superuser only by peer on the socket (the OS users root and postgres,
# pg_ident map uf_super); every other role by scram-sha-256 password, on the
# socket and on 127.0.0.1/::1. No trust anywhere. Replication (pg_basebackup,
# a standby on this machine): the superuser by peer on the socket too. DIR's parents must already
# be searchable by postgres: we never change permissions outside DIR.
uf_pg_start() {
	local dir=$1 port=$2
	[ -x "$UF_PGBIN/initdb" ] || uf_die "PostgreSQL server not installed (apt-get install postgresql)"
	install -d -o postgres -g postgres -m 755 "$dir" || uf_die "cannot create $dir"
	uf_reachable postgres "$dir" ||
		uf_die "user postgres cannot enter $dir: put it under a folder others may enter (its parents are left as they are)"
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		(umask 077 && uf_as_postgres "$UF_PGBIN/initdb" -D "$dir/data" -E UTF8 \
			--locale=C.UTF-8 --auth-local=peer --auth-host=scram-sha-256 -U postgres \
			>"$dir/initdb.log" 2>&1) ||
			{ cat "$dir/initdb.log" >&2; uf_die "initdb failed"; }
	fi
	uf_pg_hba "$dir/data"
	if uf_as_postgres "$UF_PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
		uf_as_postgres "$UF_PGBIN/pg_ctl" -D "$dir/data" reload >/dev/null ||
			uf_die "PostgreSQL did not reload its authentication files"
		return 0
	fi
	(umask 077 && uf_as_postgres "$UF_PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
		-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${UF_PG_FSYNC:-on} -c max_connections=200 -c password_encryption=scram-sha-256" \
		-w -t 60 start >/dev/null) ||
		{ tail -n 20 "$dir/server.log" >&2; uf_die "PostgreSQL did not start"; }
}

# uf_pg_hba DATADIR: write the cluster's pg_hba.conf and pg_ident.conf (the
# rules above; also replaces the trust lines of clusters made before).
uf_pg_hba() {
	local data=$1
	cat >"$data/pg_hba.conf.new" <<'HBA' || uf_die "cannot write pg_hba.conf"
# written by deploy/lib.sh (uf_pg_hba): no trust lines.
# TYPE  DATABASE USER      ADDRESS       METHOD
local   all      postgres                peer map=uf_super
local   replication postgres             peer map=uf_super
local   all      all                     scram-sha-256
host    all      all       127.0.0.1/32  scram-sha-256
host    all      all       ::1/128       scram-sha-256
HBA
	cat >"$data/pg_ident.conf.new" <<'IDENT' || uf_die "cannot write pg_ident.conf"
# written by deploy/lib.sh (uf_pg_hba): OS users that may be the superuser.
# MAPNAME  SYSTEM-USERNAME  PG-USERNAME
uf_super   root             postgres
uf_super   postgres         postgres
IDENT
	chown postgres:postgres "$data/pg_hba.conf.new" "$data/pg_ident.conf.new" &&
		chmod 600 "$data/pg_hba.conf.new" "$data/pg_ident.conf.new" &&
		mv -f "$data/pg_hba.conf.new" "$data/pg_hba.conf" &&
		mv -f "$data/pg_ident.conf.new" "$data/pg_ident.conf" ||
		uf_die "cannot install pg_hba.conf"
}

# The application's login roles (schema/0001_roles.sql, 0006_manage.sql).
UF_APP_ROLES="uppfolj_collect uppfolj_admin uppfolj_report uppfolj_contact"

# uf_pg_passwords DIR PORT PASSFILE: give each application role a generated
# password (kept in PASSFILE, a libpq password file, mode 600, created once)
# and set it in the cluster. Run after migrate (which creates the roles).
uf_pg_passwords() {
	local dir=$1 port=$2 pass=$3 role pw sql=""
	(umask 077 && touch "$pass") || uf_die "cannot write $pass"
	chmod 600 "$pass" || uf_die "cannot chmod $pass"
	for role in $UF_APP_ROLES; do
		pw=$(awk -F: -v r="$role" -v p="$port" '$2 == p && $4 == r { print $5; exit }' "$pass")
		if [ -z "$pw" ]; then
			pw=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
			printf '*:%s:*:%s:%s\n' "$port" "$role" "$pw" >>"$pass" || uf_die "cannot write $pass"
		fi
		# Hex digits only: safe inside the literal. Sent on standard input,
		# never on a command line.
		sql="$sql ALTER ROLE $role PASSWORD '$pw';"
	done
	printf '%s\n' "$sql" | psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres >/dev/null ||
		uf_die "cannot set the application roles' passwords"
}

# uf_passfile_for PASSFILE OUT ROLE...: a password file with only ROLE's lines.
uf_passfile_for() {
	local pass=$1 out=$2 r; shift 2
	(umask 077 && : >"$out") || uf_die "cannot write $out"
	for r in "$@"; do
		awk -F: -v r="$r" '$4 == r' "$pass" >>"$out" || uf_die "cannot write $out"
	done
}

# uf_static DEST ADMIN [LANG_DIR]: the files nginx serves, in DEST (created
# 755, readable by nginx's workers wherever the checkout is): collect/static,
# the fixed files of deploy/nginx/errors, and the respondents' error pages in
# each language of LANG_DIR/ui (default $UPPFOLJ_LANG_DIR, else the
# checkout's forms), written by ADMIN (uppfolj-admin) error-pages: generated
# at every install, never by hand, and none left of a language since removed.
uf_static() {
	local dest=$1 admin=$2 src langs
	src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	langs=${3:-${UPPFOLJ_LANG_DIR:-$src/forms}}
	[ -x "$admin" ] || uf_die "uf_static: uppfolj-admin not found at '$admin' (it writes the error pages)"
	install -d -m 755 "$dest" "$dest/errors" || uf_die "cannot create $dest"
	rm -f "$dest"/errors/413.*.html "$dest"/errors/fel.*.html "$dest"/errors/fel-skicka.*.html
	install -m 644 "$src"/collect/static/* "$dest/" &&
		install -m 644 "$src"/deploy/nginx/errors/* "$dest/errors/" ||
		uf_die "cannot copy the static files to $dest"
	"$admin" error-pages --quiet --lang-dir "$langs" --out "$dest/errors" ||
		uf_die "cannot write the error pages of $langs/ui to $dest/errors"
}

# uf_nginx_conf OUT LISTEN VAR STATIC COLLECT_SOCK ADMIN_SOCK [AUDIO]: render
# deploy/nginx/nginx.conf.in (STATIC as made by uf_static; AUDIO the folder
# of uppfolj-admin audio-build, default STATIC/../audio). The languages of
# nginx's error pages are those uf_static wrote into STATIC/errors: each tag
# checked as lib/lang.c checks it, sv required.
uf_nginx_conf() {
	local out=$1 listen=$2 var=$3 static=$4 csock=$5 asock=$6 audio=${7:-$(dirname "$4")/audio} src
	local f tag langs=""
	src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	[ -f "$static/errors/413.sv.html" ] || uf_die "no error pages in $static/errors (uf_static writes them)"
	for f in "$static"/errors/413.*.html; do
		tag=${f##*/413.}
		tag=${tag%.html}
		[[ $tag =~ ^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$ ]] && [ ${#tag} -le 35 ] ||
			uf_die "error page $f: not a language tag"
		langs="$langs		$tag $tag;
"
	done
	sed -e "s|@LISTEN@|$listen|g" -e "s|@VAR@|$var|g" \
		-e "s|@STATIC@|$static|g" -e "s|@AUDIO@|$audio|g" \
		-e "s|@COLLECT_SOCK@|$csock|g" -e "s|@ADMIN_SOCK@|$asock|g" \
		"$src/deploy/nginx/nginx.conf.in" |
		awk -v langs="$langs" '$0 == "@ERROR_LANGS@" { printf "%s", langs; next } { print }' >"$out" ||
		uf_die "cannot write $out"
}

uf_pg_stop() {
	local dir=$1
	[ -f "$dir/data/PG_VERSION" ] || return 0
	uf_as_postgres "$UF_PGBIN/pg_ctl" -D "$dir/data" -m fast status >/dev/null 2>&1 || return 0
	uf_as_postgres "$UF_PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
}

# uf_psql DIR PORT DB [psql args...] as the superuser.
uf_psql() {
	local dir=$1 port=$2 db=$3; shift 3
	psql -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d "$db" "$@"
}

# uf_createdb DIR PORT DB: create the database if missing.
uf_createdb() {
	local dir=$1 port=$2 db=$3
	if ! psql -X -h "$dir" -p "$port" -U postgres -lqtA | cut -d'|' -f1 | grep -qx "$db"; then
		createdb -h "$dir" -p "$port" -U postgres -E UTF8 "$db" || uf_die "createdb $db failed"
	fi
}

# uf_secret FILE: a 32-byte random key (hex), created once, mode 600.
uf_secret() {
	local f=$1
	[ -s "$f" ] && return 0
	(umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$f") ||
		uf_die "cannot write $f"
}

# uf_load_study DIR PORT DB SLUG NAME: the synthetic study of the load
# tests (tests/bench, tests/faults): one unit, one open 24-month wave asking
# the newest patient instrument. Created once; prints its study_id.
uf_load_study() {
	local dir=$1 port=$2 db=$3 slug=$4 name=$5 id v
	local -a uf_q=(psql -X -q -At -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d "$db")
	v=$("${uf_q[@]}" -c "SELECT max(version) FROM uppfolj.instrument WHERE instrument_id = 'patient'") &&
		[ -n "$v" ] || { uf_log "instrument patient not loaded (uppfolj-admin forms-load)"; return 1; }
	id=$("${uf_q[@]}" -c "SELECT study_id FROM uppfolj.study WHERE slug = '$slug'") || return 1
	if [ -z "$id" ]; then
		id=$("${uf_q[@]}" -c "INSERT INTO uppfolj.study (slug, name, start_date, synthetic)
			VALUES ('$slug', '$name', current_date - 730, true) RETURNING study_id") &&
		"${uf_q[@]}" -c "INSERT INTO uppfolj.unit (study_id, name, kind, huvudman, report_label)
			VALUES ($id, '$name', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård')" \
		  -c "INSERT INTO uppfolj.wave (study_id, months, opens_on, closes_on)
			VALUES ($id, 24, current_date - 30, current_date + 3650)" \
		  -c "INSERT INTO uppfolj.wave_instrument (wave_id, grp, instrument_id, version)
			SELECT wave_id, 'patient', 'patient', $v FROM uppfolj.wave WHERE study_id = $id" ||
		return 1
	fi
	echo "$id"
}
