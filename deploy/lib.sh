# SPDX-License-Identifier: ISC
# Shell functions shared by deploy/run.sh and tests/run-all.sh: install the
# Debian packages, build, and start/stop a private PostgreSQL cluster and
# nginx. Source it; it defines functions only.

UF_PGBIN=${UF_PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

# Packages the product and its tests need (Debian 12).
UF_PACKAGES="build-essential autoconf automake pkg-config
 libfcgi-dev libpq-dev libcjson-dev libhpdf-dev libsodium-dev libqrencode-dev
 fonts-dejavu-core check postgresql nginx-light poppler-utils zbar-tools"
UF_TEST_PACKAGES="chromium wrk valgrind python3 iproute2 libfcgi-bin clang systemd"

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

# uf_pg_start DIR PORT: a private cluster in DIR/data, socket in DIR, owned by
# postgres (PostgreSQL refuses to run as root). Idempotent.
uf_pg_start() {
	local dir=$1 port=$2
	[ -x "$UF_PGBIN/initdb" ] || uf_die "PostgreSQL server not installed (apt-get install postgresql)"
	install -d -o postgres -g postgres -m 700 "$dir" || uf_die "cannot create $dir"
	# postgres must be able to reach DIR through its parents.
	local p=$dir
	while p=$(dirname "$p") && [ "$p" != / ]; do chmod o+x "$p" 2>/dev/null || true; done
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		runuser -u postgres -- "$UF_PGBIN/initdb" -D "$dir/data" -E UTF8 \
			--locale=C.UTF-8 -A trust -U postgres >"$dir/initdb.log" 2>&1 ||
			{ cat "$dir/initdb.log" >&2; uf_die "initdb failed"; }
	fi
	if runuser -u postgres -- "$UF_PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
		return 0
	fi
	runuser -u postgres -- "$UF_PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" \
		-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=${UF_PG_FSYNC:-on} -c max_connections=200" \
		-w -t 60 start >/dev/null ||
		{ tail -n 20 "$dir/server.log" >&2; uf_die "PostgreSQL did not start"; }
}

uf_pg_stop() {
	local dir=$1
	[ -f "$dir/data/PG_VERSION" ] || return 0
	runuser -u postgres -- "$UF_PGBIN/pg_ctl" -D "$dir/data" -m fast status >/dev/null 2>&1 || return 0
	runuser -u postgres -- "$UF_PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
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
