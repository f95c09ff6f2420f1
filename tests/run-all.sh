#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# The whole test suite (README's test command; CI runs exactly this):
# install packages, build with -Werror + ASan/UBSan, run `make check`, start a
# throwaway PostgreSQL cluster and nginx, run every suite, stop them, print
# "N passed, N failed" and exit non-zero on any failure.
#
#   bash tests/run-all.sh [SUITE...]   suites: make sql api browser reports manage adminweb
#                                      audio deploy faults scale valgrind fuzz distcheck
#
# The throwaway cluster authenticates like deploy/run.sh's (no trust): the
# superuser by peer (root), the application roles by the generated passwords
# in $WORK/pgpass, which every suite gets as PGPASSFILE. Nothing outside
# $WORK changes mode: nginx serves a copy of the static files in $WORK.
set -uo pipefail

SRC=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=deploy/lib.sh
. "$SRC/deploy/lib.sh"

WORK=${UF_TEST_DIR:-$(mktemp -d /tmp/uppfolj-test.XXXXXX)}
BUILD=${UF_TEST_BUILD:-$WORK/build}
ART=${UF_ARTIFACTS:-$SRC/tests/artifacts}
PGDIR=$WORK/pg
# free_port N: N, or the next port above it that nothing listens on.
free_port() {
	local p=$1
	while ss -Htln "sport = :$p" 2>/dev/null | grep -q .; do p=$((p + 1)); done
	echo "$p"
}
DB=uppfolj_test
SUITES=${*:-make sql api browser reports manage adminweb audio deploy faults scale valgrind fuzz distcheck}

passed=0 failed=0
pass() { passed=$((passed + 1)); printf 'ok - %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf 'not ok - %s\n' "$*"; }
want() { case " $SUITES " in *" $1 "*) return 0 ;; esac; return 1; }

cleanup() {
	[ -s "$WORK/nginx/nginx.pid" ] &&
		nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null
	[ -s "$WORK/collect.pid" ] && kill "$(cat "$WORK/collect.pid")" 2>/dev/null
	[ -s "$WORK/adminweb.pid" ] && kill "$(cat "$WORK/adminweb.pid")" 2>/dev/null
	uf_pg_stop "$PGDIR" 2>/dev/null
	true
}
trap cleanup EXIT
mkdir -p "$ART" || uf_die "cannot create $ART"
# WORK holds the cluster, sockets and static files the service users
# (postgres, www-data) must reach: a folder we make is 755; one given in
# UF_TEST_DIR is used as it is (uf_pg_start says so if postgres cannot enter).
if [ ! -d "$WORK" ]; then
	install -d -m 755 "$WORK" || uf_die "cannot create $WORK"
elif [ -z "${UF_TEST_DIR:-}" ]; then
	chmod 755 "$WORK" || uf_die "cannot chmod $WORK"   # our own mktemp folder
fi
WORK=$(cd "$WORK" && pwd)   # absolute: commands run from / as other users
PGDIR=$WORK/pg
export PGPASSFILE=$WORK/pgpass

# modes_outside: owner and mode of every folder above the checkout and the
# work folder, and of HOME: set-up must leave all of them as they were.
modes_outside() {
	local d
	for d in "$(dirname "$SRC")" "$(dirname "$WORK")" "${HOME:-/root}"; do
		while :; do
			stat -c '%a %U:%G %n' "$d"
			[ "$d" = / ] && break
			d=$(dirname "$d")
		done
	done | sort -u
}
MODES_BEFORE=$(modes_outside)

# count_tap NAME FILE STATUS: add a suite's top-level TAP results to the totals.
count_tap() {
	local name=$1 log=$2 status=$3 p f
	p=$(grep -cE '^ok [0-9]+' "$log")
	f=$(grep -cE '^not ok [0-9]+' "$log")
	grep -E '^not ok [0-9]+' "$log" | sed "s/^/# $name: /"
	passed=$((passed + p)); failed=$((failed + f))
	if [ "$status" != 0 ] && [ "$f" = 0 ]; then
		fail "$name suite exited $status without a failing test (see $log)"
		tail -n 20 "$log" | sed 's/^/#   /'
	fi
	echo "# $name: $p passed, $f failed"
}

# run_suite NAME COMMAND...: run a TAP-printing suite with the environment.
run_suite() {
	local name=$1 log=$ART/$1.log status; shift
	(
		export UF_SRC=$SRC UF_BUILD=$BUILD UF_VG_BUILD=$WORK/build-vg UF_PGHOST=$PGDIR UF_PGPORT=$PGPORT \
			UF_DB=$DB UF_SECRET=$WORK/secret.key UF_BASE_URL=http://127.0.0.1:$HTTPPORT \
			UF_ARTIFACTS=$ART UF_WORK=$WORK UF_SCHEMA=$SCHEMA UF_FORMS=$FORMS
		"$@"
	) >"$log" 2>&1
	status=$?
	count_tap "$name" "$log" "$status"
}

uf_install $UF_TEST_PACKAGES
# Node.js runs the HTTP and browser suites; Debian's own when none is present.
command -v node >/dev/null || uf_install nodejs npm
if [ -f "$SRC/tests/package.json" ] && { [ ! -d "$SRC/tests/node_modules/playwright-core" ] || [ ! -d "$SRC/tests/node_modules/axe-core" ]; }; then
	(cd "$SRC/tests" && npm ci --no-audit --no-fund --silent) >"$ART/npm.log" 2>&1 ||
		{ cat "$ART/npm.log"; uf_die "npm ci failed"; }
fi

echo "# building in $BUILD (--enable-debug: -Werror, ASan, UBSan)"
uf_build "$SRC" "$BUILD" --enable-debug
pass "build with -Wall -Wextra -Werror and sanitizers"
# The suites migrate and load instruments from an installed copy, not the
# source tree: a migration or instrument left out of the install lists
# (schema/local.mk, forms/local.mk) then fails them.
rm -rf "$WORK/stage"
if make -C "$BUILD" install DESTDIR="$WORK/stage" >"$ART/install.log" 2>&1; then
	SCHEMA=$(find "$WORK/stage" -type d -path '*/uppfolj/schema' | head -n 1)
	FORMS=$(find "$WORK/stage" -type d -path '*/uppfolj/forms' | head -n 1)
fi
if [ -n "${SCHEMA:-}" ] && [ -n "${FORMS:-}" ]; then
	pass "make install: schema and instruments staged in $WORK/stage"
else
	fail "make install DESTDIR=$WORK/stage (see $ART/install.log)"
	SCHEMA=$SRC/schema FORMS=$SRC/forms
fi
# uppfolj-collect reads the respondent languages (ui/, info/) from there.
export UPPFOLJ_LANG_DIR=$FORMS
# Ports chosen now, not before the build: minutes later another run may
# have taken them.
PGPORT=${UF_TEST_PG_PORT:-$(free_port 55450)}
HTTPPORT=${UF_TEST_HTTP_PORT:-$(free_port 18090)}

need_db=no
for s in make sql api browser reports manage adminweb deploy faults valgrind; do want $s && need_db=yes; done
if [ $need_db = yes ]; then
	SUPER="host=$PGDIR port=$PGPORT dbname=$DB user=postgres"
	if (UF_PG_FSYNC=off uf_pg_start "$PGDIR" "$PGPORT" && uf_createdb "$PGDIR" "$PGPORT" "$DB" &&
		uf_secret "$WORK/secret.key") >"$ART/setup.log" 2>&1 &&
		"$BUILD/admin/uppfolj-admin" migrate --db "$SUPER" --schema "$SCHEMA" >>"$ART/setup.log" 2>&1 &&
		(uf_pg_passwords "$PGDIR" "$PGPORT" "$PGPASSFILE") >>"$ART/setup.log" 2>&1 &&
		"$BUILD/admin/uppfolj-admin" forms-load --db "$SUPER" "$FORMS"/*.json >>"$ART/setup.log" 2>&1 &&
		"$BUILD/admin/uppfolj-admin" demo --db "$SUPER" --secret "$WORK/secret.key" \
			--forms "$FORMS" --codes-out "$WORK/demo-codes.txt" >>"$ART/setup.log" 2>&1; then
		pass "database: PostgreSQL on port $PGPORT, migrate, load instruments, demo study"
	else
		fail "database set-up (see $ART/setup.log)"; tail -n 20 "$ART/setup.log" | sed 's/^/#   /'
	fi
fi

if want make; then
	# Check's 4 s per test guards against hangs; under ASan on a loaded
	# two-core machine the loops of test_arena and test_buf take longer.
	UF_TEST_CONNINFO="host=$PGDIR port=$PGPORT dbname=$DB user=uppfolj_admin" CK_TIMEOUT_MULTIPLIER=5 \
		make -C "$BUILD" -j"$(nproc)" check >"$ART/make-check.log" 2>&1
	st=$?
	# Automake's harness: one ":test-result:" per test in the .trs files.
	while read -r res name; do
		case $res in
		PASS|XFAIL) pass "make check: $name" ;;
		SKIP) echo "ok - make check: $name # SKIP" ;;
		*) fail "make check: $name ($res)" ;;
		esac
	done < <(find "$BUILD" -name '*.trs' -print0 | xargs -0 -r awk -F': ' \
		'/^:test-result:/ { n = FILENAME; sub(/\.trs$/, "", n); sub(".*/(tests|forms|lib|reports|collect|web|admin)/", "", n); print $2, n }')
	[ $st = 0 ] || { fail "make check exited $st"; tail -n 30 "$ART/make-check.log" | sed 's/^/#   /'; }
fi

if want api || want browser || want adminweb; then
	mkdir -p "$WORK/nginx/tmp" "$WORK/run"
	# Read-aloud audio of the tablet's instrument (tests/browser/audio.test.mjs).
	"$BUILD/admin/uppfolj-admin" audio-build --quiet --out "$WORK/audio" "$FORMS/patient.json" \
		>"$ART/audio-build.log" 2>&1 || fail "audio-build for the patient instrument (see $ART/audio-build.log)"
	cat >"$WORK/collect.conf" <<CONF
db = host=127.0.0.1 port=$PGPORT dbname=$DB user=uppfolj_collect passfile=$PGPASSFILE
socket = $WORK/run/collect.sock
socket_mode = 0666
workers = 4
secret_file = $WORK/secret.key
CONF
	[ -s "$WORK/audio/manifest.tsv" ] && echo "audio_manifest = $WORK/audio/manifest.tsv" >>"$WORK/collect.conf"
	"$BUILD/collect/uppfolj-collect" --config "$WORK/collect.conf" >"$ART/collect.log" 2>&1 &
	echo $! >"$WORK/collect.pid"
	cat >"$WORK/adminweb.conf" <<CONF
db = host=127.0.0.1 port=$PGPORT dbname=$DB user=uppfolj_admin passfile=$PGPASSFILE
contact_db = host=127.0.0.1 port=$PGPORT dbname=$DB user=uppfolj_contact passfile=$PGPASSFILE
socket = $WORK/run/admin.sock
socket_mode = 0666
workers = 2
secret_file = $WORK/secret.key
base_url = http://127.0.0.1:$HTTPPORT
study = demo
CONF
	"$BUILD/adminweb/uppfolj-adminweb" --config "$WORK/adminweb.conf" >"$ART/adminweb-server.log" 2>&1 &
	echo $! >"$WORK/adminweb.pid"
	for _ in $(seq 100); do [ -S "$WORK/run/collect.sock" ] && [ -S "$WORK/run/admin.sock" ] && break; sleep 0.1; done
	# nginx's workers (www-data) read a copy, never the checkout itself.
	(uf_static "$WORK/static" "$BUILD/admin/uppfolj-admin" "$FORMS" && uf_nginx_conf "$WORK/nginx/nginx.conf" "127.0.0.1:$HTTPPORT" \
		"$WORK/nginx" "$WORK/static" "$WORK/run/collect.sock" "$WORK/run/admin.sock" "$WORK/audio") 2>"$ART/nginx.log"
	chmod 755 "$WORK/run"
	if [ -S "$WORK/run/collect.sock" ] && [ -S "$WORK/run/admin.sock" ] && nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" 2>"$ART/nginx.log"; then
		pass "services: uppfolj-collect, uppfolj-adminweb and nginx started"
	else
		fail "services did not start (see $ART/collect.log, $ART/adminweb-server.log, $ART/nginx.log)"
	fi
fi

want sql && run_suite sql bash "$SRC/tests/sql/run.sh"
want api && run_suite api node --test --test-reporter=tap --test-concurrency=1 "$SRC"/tests/api/*.test.mjs
want browser && run_suite browser node --test --test-reporter=tap --test-concurrency=1 "$SRC"/tests/browser/*.test.mjs
want reports && run_suite reports bash "$SRC/tests/reports/run.sh"
want manage && run_suite manage bash "$SRC/tests/manage/run.sh"
want adminweb && run_suite adminweb bash "$SRC/tests/adminweb/run.sh"
want audio && run_suite audio bash "$SRC/tests/audio/run.sh"
want deploy && run_suite deploy bash "$SRC/tests/deploy/run.sh"
want faults && run_suite faults bash "$SRC/tests/faults/run.sh" --short
want faults && run_suite faults-drafts bash "$SRC/tests/faults/draft_crash.sh"
# Its own clusters (primary, hot standby, restored) and two survey instances.
want scale && run_suite scale bash "$SRC/tests/scale/run.sh" --short
if want valgrind; then
	# A second build without sanitizers: memcheck cannot run under ASan.
	if (uf_build "$SRC" "$WORK/build-vg" CFLAGS="-O1 -g") &&
		make -C "$WORK/build-vg" -j"$(nproc)" check TESTS= >"$ART/build-vg.log" 2>&1; then
		run_suite valgrind bash "$SRC/tests/valgrind/run.sh"
	else
		fail "valgrind build (see $ART/build-vg.log)"
	fi
fi

# libFuzzer harnesses (clang, their own build in $BUILD/fuzz), a few seconds
# each; `make fuzz` runs them long.
want fuzz && UF_FUZZ_OUT=$BUILD/fuzz UF_FUZZ_SECONDS=${UF_FUZZ_SECONDS:-10} \
	run_suite fuzz bash "$SRC/tests/fuzz/run.sh"

if want distcheck; then
	if make -C "$BUILD" distcheck >"$ART/distcheck.log" 2>&1; then
		pass "make distcheck"
	else
		fail "make distcheck (see $ART/distcheck.log)"; tail -n 20 "$ART/distcheck.log" | sed 's/^/#   /'
	fi
fi

cleanup
trap - EXIT
if [ "$(modes_outside)" = "$MODES_BEFORE" ]; then
	pass "set-up changed no folder's mode or owner outside $WORK"
else
	fail "set-up changed modes outside $WORK:"
	diff <(echo "$MODES_BEFORE") <(modes_outside) | sed 's/^/#   /'
fi
[ -n "${UF_TEST_DIR:-}" ] || rm -rf "$WORK"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
