#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Deployment tests (TAP), with the environment of tests/run-all.sh:
#   - the cluster's authentication: no trust; another local user (nobody)
#     cannot connect as the superuser or an application role; the roles need
#     their password
#   - the systemd units: systemd-analyze verify, one runtime folder each
#   - deploy/supervise.sh: restarts uppfolj-collect within 2 s of a SIGKILL,
#     removes a stale socket and nothing else, stops on SIGTERM
#   - nginx's Swedish 502/503/504 pages and JSON (curl, then Chromium:
#     errorpages.test.mjs)
#   - nginx's /audio/: read-aloud files as audio/ogg, immutable for a year,
#     ranges, no folder listing
#   - set-up changes no permissions outside its folders (uf_pg_start), and
#     deploy/run.sh works from a clone in a 0700 folder and --stop stops it
# Environment: UF_SRC UF_BUILD UF_PGHOST UF_PGPORT UF_DB UF_SECRET UF_WORK
# UF_ARTIFACTS PGPASSFILE.
set -u
SRC=${UF_SRC:?}
BUILD=${UF_BUILD:?}
: "${UF_PGHOST:?}" "${UF_PGPORT:?}" "${UF_DB:?}" "${UF_SECRET:?}" "${PGPASSFILE:?}"
ART=${UF_ARTIFACTS:-/tmp}
# shellcheck source=deploy/lib.sh
. "$SRC/deploy/lib.sh"

# Everything here must be reachable by postgres, www-data and nobody.
T=$(mktemp -d "${UF_WORK:-/tmp}/deploy.XXXXXX") && chmod 755 "$T" || exit 1
n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
# is STATUS NAME: ok when STATUS (the $? of a compound condition) is 0.
is() { if [ "$1" = 0 ]; then ok "$2"; else not_ok "$2"; fi; }
note() { sed 's/^/# /'; }
free_port() {
	local p=$1
	while ss -Htln "sport = :$p" 2>/dev/null | grep -q .; do p=$((p + 1)); done
	echo "$p"
}
ms() { date +%s%3N; }

NGINX_PID=
cleanup() {
	[ -s "$T/nginx/nginx.pid" ] && nginx -p "$T/nginx" -c "$T/nginx/nginx.conf" -s stop 2>/dev/null
	[ -s "$T/run/collect.supervisor.pid" ] && kill "$(cat "$T/run/collect.supervisor.pid")" 2>/dev/null
	sleep 0.5
	[ -n "${UF_KEEP:-}" ] || rm -rf "$T"
}
trap cleanup EXIT

# --- 1. database authentication --------------------------------------
# as_nobody CMD...: run as the unprivileged local user nobody, without our
# password file and without a home where one could be.
as_nobody() { (cd / && runuser -u nobody -- env -u PGPASSFILE -u PGPASSWORD HOME=/nonexistent "$@"); }
# refused HOW USER WHERE PATTERN [PASSWORD]: the connection fails with PATTERN.
refused() {
	local who=$1 user=$2 host=$3 pattern=$4 pw=${5:-} out
	if [ "$who" = nobody ]; then
		out=$(as_nobody env ${pw:+PGPASSWORD=$pw} psql -X -w -h "$host" -p "$UF_PGPORT" -U "$user" -d "$UF_DB" -Atc 'SELECT 1' 2>&1)
	else
		out=$(env -u PGPASSFILE ${pw:+PGPASSWORD=$pw} psql -X -w -h "$host" -p "$UF_PGPORT" -U "$user" -d "$UF_DB" -Atc 'SELECT 1' 2>&1)
	fi
	[ "$out" != 1 ] && grep -q -- "$pattern" <<<"$out" && return 0
	echo "$out" | note
	return 1
}
super() { psql -X -At -v ON_ERROR_STOP=1 -h "$UF_PGHOST" -p "$UF_PGPORT" -U postgres -d "$UF_DB" -c "$1"; }

check "the cluster's live authentication rules have no trust line" \
	[ "$(super "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method = 'trust' OR error IS NOT NULL")" = 0 ]
check "the superuser is reached only by peer on the socket (sessions and replication)" \
	[ "$(super "SELECT string_agg(type || ':' || array_to_string(database, ' ') || ':' || auth_method, ',' ORDER BY line_number) FROM pg_hba_file_rules WHERE 'postgres' = ANY(user_name)")" = 'local:all:peer,local:replication:peer' ]
check "root is the superuser by peer authentication" [ "$(super 'SELECT current_user')" = postgres ]
check "nobody can reach the socket (so the refusals below are the server's)" \
	as_nobody test -w "$UF_PGHOST/.s.PGSQL.$UF_PGPORT"
check "nobody cannot connect as postgres on the socket (peer)" refused nobody postgres "$UF_PGHOST" 'Peer authentication failed'
check "nobody cannot connect as postgres over TCP" refused nobody postgres 127.0.0.1 'no password supplied'
for role in $UF_APP_ROLES; do
	check "nobody cannot connect as $role without its password (socket)" \
		refused nobody "$role" "$UF_PGHOST" 'no password supplied'
	check "nobody cannot connect as $role without its password (TCP)" \
		refused nobody "$role" 127.0.0.1 'no password supplied'
	check "$role with a wrong password is refused" \
		refused nobody "$role" 127.0.0.1 'password authentication failed' not-the-password
	check "root without the password file cannot connect as $role either" \
		refused root "$role" "$UF_PGHOST" 'no password supplied'
	check "$role connects with its generated password" \
		[ "$(psql -X -w -h 127.0.0.1 -p "$UF_PGPORT" -U "$role" -d "$UF_DB" -Atc 'SELECT current_user' 2>&1)" = "$role" ]
done
check "the password file is mode 600" [ "$(stat -c %a "$PGPASSFILE")" = 600 ]
check "the passwords are stored as SCRAM verifiers" \
	[ "$(super "SELECT count(*) FROM pg_authid WHERE rolname IN ('uppfolj_collect','uppfolj_admin','uppfolj_report','uppfolj_contact') AND rolpassword LIKE 'SCRAM-SHA-256\$%'")" = 4 ]

# uf_pg_start refuses a folder postgres cannot enter and changes nothing above it.
mkdir -m 700 "$T/closed"
out=$( (uf_pg_start "$T/closed/pg" 1) 2>&1)
check "uf_pg_start refuses a folder postgres cannot enter, saying so" grep -q 'cannot enter' <<<"$out"
check "... and leaves the folder above it 0700" [ "$(stat -c %a "$T/closed")" = 700 ]

# --- 2. systemd units --------------------------------------------------
mkdir -p "$T/units"
for u in collect adminweb; do
	bin=$BUILD/collect/uppfolj-collect; [ $u = adminweb ] && bin=$BUILD/adminweb/uppfolj-adminweb
	sed "s|/usr/local/bin/uppfolj-$u|$bin|" "$SRC/deploy/systemd/uppfolj-$u.service" >"$T/units/uppfolj-$u.service"
done
# Offline: no running systemd needed; any warning (an unknown key) fails.
out=$(systemd-analyze verify "$T"/units/*.service 2>&1); st=$?
[ $st = 0 ] && [ -z "$out" ]
is $? "systemd-analyze verify: the units are clean"
[ -n "$out" ] && echo "$out" | note
# unit_key UNIT KEY: the key's value in the unit file.
unit_key() { awk -F= -v k="$2" '$1 == k { print $2 }' "$SRC/deploy/systemd/$1.service"; }
conf_key() { awk -F' *= *' -v k="$2" '$1 == k { print $2 }' "$SRC/deploy/$1"; }
rc=$(unit_key uppfolj-collect RuntimeDirectory) ra=$(unit_key uppfolj-adminweb RuntimeDirectory)
if [ "$rc" != "$ra" ]; then
	ok "each program has its own runtime folder ($rc, $ra)"
elif [ "$(unit_key uppfolj-collect RuntimeDirectoryPreserve)" = yes ] &&
	[ "$(unit_key uppfolj-adminweb RuntimeDirectoryPreserve)" = yes ]; then
	ok "the shared runtime folder is preserved by both units"
else
	not_ok "the units share RuntimeDirectory=$rc and a restart of one deletes the other's socket"
fi
check "the survey program's sample socket is in its unit's runtime folder" \
	[ "$(dirname "$(conf_key uppfolj.conf.sample socket)")" = "/run/$rc" ]
check "the admin program's sample socket is in its unit's runtime folder" \
	[ "$(dirname "$(conf_key adminweb.conf.sample socket)")" = "/run/$ra" ]
for u in uppfolj-collect uppfolj-adminweb; do
	rs=$(unit_key $u RestartSec)
	[ "$(unit_key $u Restart)" = on-failure ] && [[ $rs =~ ^(0|[01](\.[0-9]+)?s?|[0-9]{1,4}ms)$ ]]
	is $? "$u restarts after a crash within 2 s (Restart=$(unit_key $u Restart), RestartSec=$rs)"
done

# --- 3. supervision and 4. error pages -----------------------------------
mkdir -p "$T/run" "$T/nginx/tmp" "$T/log"
chmod 755 "$T/run"
cat >"$T/collect.conf" <<CONF
db = host=127.0.0.1 port=$UF_PGPORT dbname=$UF_DB user=uppfolj_collect passfile=$PGPASSFILE
socket = $T/run/collect.sock
socket_mode = 0666
workers = 2
secret_file = $UF_SECRET
CONF
SOCK=$T/run/collect.sock
START="setsid -f bash '$SRC/deploy/supervise.sh' '$T/run' collect '$SOCK' -- \
	'$BUILD/collect/uppfolj-collect' --config '$T/collect.conf' >>'$T/log/collect.log' 2>&1 </dev/null"
PORT=$(free_port 18190)
BASE=http://127.0.0.1:$PORT
uf_static "$T/static" "$BUILD/admin/uppfolj-admin"
uf_nginx_conf "$T/nginx/nginx.conf" "127.0.0.1:$PORT" "$T/nginx" "$T/static" "$SOCK" "$T/run/admin.sock"
nginx -p "$T/nginx" -c "$T/nginx/nginx.conf" 2>"$T/nginx.err" || cat "$T/nginx.err" | note
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
pid_of() { cat "$T/run/$1" 2>/dev/null; }
wait_for() { # wait_for TENTHS CMD...: until CMD succeeds, at most TENTHS/10 s
	local i
	for ((i = 0; i < $1; i++)); do "${@:2}" && return 0; sleep 0.1; done
	return 1
}
up() { [ "$(code "$BASE/api/v1/health")" = 200 ]; }

# A socket left by a killed program, before the supervisor starts.
python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$SOCK"
check "a stale socket is there before the start" [ -S "$SOCK" ]
bash -c "$START"
check "the supervisor removes the stale socket and the program answers" wait_for 100 up
grep -q 'removed stale socket' "$T/log/collect.log" && ok "the supervisor said it removed the stale socket" ||
	not_ok "the supervisor said it removed the stale socket"
out=$(bash "$SRC/deploy/supervise.sh" "$T/run" collect "$SOCK" -- /bin/true 2>&1); st=$?
[ $st = 1 ] && grep -q 'already supervised' <<<"$out"
is $? "a second supervisor for the same program refuses to run"

worst=0
for round in 1 2 3; do
	old=$(pid_of collect.pid)
	kill -KILL "$old"
	t0=$(ms)
	wait_for 50 up
	t=$(($(ms) - t0))
	new=$(pid_of collect.pid)
	[ "$t" -le 2000 ] && [ -n "$new" ] && [ "$new" != "$old" ]
	is $? "SIGKILL $round: a new program answers after $t ms (at most 2000)"
	[ $t -gt $worst ] && worst=$t
done
echo "# supervision: worst recovery after SIGKILL $worst ms"

# A second copy started by hand on the same socket must not take it over.
inode() { stat -c %i "$SOCK" 2>/dev/null; }
before=$(inode) first=$(pid_of collect.pid)
timeout 10 "$BUILD/collect/uppfolj-collect" --config "$T/collect.conf" >"$T/second.log" 2>&1; st=$?
[ $st != 0 ] && [ $st != 124 ] && grep -q 'another program serves on the socket' "$T/second.log"
is $? "a second program on a socket in use refuses to start, saying so (exit $st)"
[ "$(inode)" = "$before" ] && [ "$(pid_of collect.pid)" = "$first" ] && up
is $? "... and the serving program keeps its socket and answers"

# --- error pages while the program is down --------------------------------
sup=$(pid_of collect.supervisor.pid) prog=$(pid_of collect.pid)
kill -TERM "$sup"
wait_for 100 eval '! kill -0 '"$sup"' 2>/dev/null && ! kill -0 '"$prog"' 2>/dev/null'
eval '! kill -0 '"$sup"' 2>/dev/null && ! kill -0 '"$prog"' 2>/dev/null'
is $? "SIGTERM stops the supervisor and its program"
check "the stopped program removed its socket" [ ! -e "$SOCK" ]

H=$T/h.txt B=$T/b.txt
get() { curl -s -D "$H" -o "$B" -w '%{http_code}' "$@"; }
hdr() { grep -i "^$1:" "$H" | head -n 1 | cut -d' ' -f2- | tr -d '\r'; }
st=$(get "$BASE/sida/1")
check "GET a page while the program is down: 502" [ "$st" = 502 ]
grep -q '<html lang="sv" dir="ltr">' "$B" && grep -q 'tillfälligt fel' "$B" && grep -q '<a class="button" id="retry" href="">Försök igen</a>' "$B"
is $? "... a Swedish page (lang sv, 'tillfälligt fel', a link back to this address)"
st=$(get -b 'uf_lang=ar' "$BASE/sida/1")
[ "$st" = 502 ] && grep -q '<html lang="ar" dir="rtl">' "$B" && grep -q '<h1>لا يمكن عرض الصفحة الآن</h1>' "$B"
is $? "... in Arabic with the language cookie uf_lang=ar (generated from forms/ui/ar.json)"
st=$(get -b 'uf_lang=ar.html' "$BASE/sida/1")
[ "$st" = 502 ] && grep -q '<html lang="sv" dir="ltr">' "$B"
is $? "... and Swedish with a cookie that names no language"
grep -q '<script src="/static/errors/fel.js" defer>' "$B" && ! grep -qi 'http-equiv' "$B"
is $? "... that retries with script, not with a meta refresh"
[ "$(hdr Retry-After)" = 5 ] && [ -n "$(hdr Content-Security-Policy)" ] && [ "$(hdr X-Frame-Options)" = DENY ]
is $? "... with Retry-After and the security headers"
check "... and text/html in UTF-8" [ "$(hdr Content-Type)" = "text/html; charset=utf-8" ]
st=$(get -X POST -d 'csrf=x&action=next' "$BASE/sida/1")
[ "$st" = 502 ] && grep -q 'Dina svar kom inte fram' "$B" && grep -q 'href="/fortsatt"' "$B"
is $? "POST a page while the program is down: 502, the page for a sent form"
st=$(get -X POST -H 'Content-Type: application/json' -d '{}' "$BASE/api/v1/responses")
[ "$st" = 502 ] && [ "$(hdr Content-Type)" = "application/json; charset=utf-8" ] &&
	node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		process.exit(j.error.code === "unavailable" && /tillfälligt/.test(j.error.message) ? 0 : 1)' "$B"
is $? "the API while the program is down: 502 with a JSON error"
st=$(get "$BASE/admin/")
[ "$st" = 502 ] && grep -q 'tillfälligt fel' "$B"
is $? "the admin pages while their program is down: 502, the Swedish page"
st=$(get -X POST -d 'x=1' "$BASE/admin/login")
[ "$st" = 502 ] && grep -q 'Det gick inte att spara' "$B" && grep -q 'href="/admin/"' "$B"
is $? "an admin form sent while its program is down: 502, back to /admin/"
check "the retry script is served" [ "$(code "$BASE/static/errors/fel.js")" = 200 ]
[ "$(runuser -u www-data -- cat "$T/static/uppfolj.css" | cmp - "$SRC/collect/static/uppfolj.css" && echo same)" = same ]
is $? "nginx serves the static files from its copy, not the checkout"

# Read-aloud files (/audio/, the folder beside static/ by default): Ogg
# Opus, cached for a year as immutable (hashed names), ranges for seeking,
# the security headers, no listing of a folder.
AU=$T/audio/patient/2/sv/plain
install -d -m 755 "$T/audio" "$T/audio/patient" "$T/audio/patient/2" "$T/audio/patient/2/sv" "$AU"
echo 'Hur mår du i dag?' | espeak-ng -v sv -w "$T/q.wav" --stdin &&
	opusenc --quiet --speech --bitrate 16 "$T/q.wav" "$AU/q.0123456789abcdef.opus" && chmod 644 "$AU/q.0123456789abcdef.opus"
st=$(get "$BASE/audio/patient/2/sv/plain/q.0123456789abcdef.opus")
[ "$st" = 200 ] && cmp -s "$B" "$AU/q.0123456789abcdef.opus"
is $? "nginx serves a read-aloud file ($st)"
check "... as audio/ogg" [ "$(hdr Content-Type)" = audio/ogg ]
check "... cached for a year, immutable" [ "$(hdr Cache-Control)" = "public, max-age=31536000, immutable" ]
[ "$(hdr X-Content-Type-Options)" = nosniff ] && [ -n "$(hdr Content-Security-Policy)" ]
is $? "... with the security headers"
st=$(get -H 'Range: bytes=10-99' "$BASE/audio/patient/2/sv/plain/q.0123456789abcdef.opus")
[ "$st" = 206 ] && [ "$(wc -c <"$B")" = 90 ] && [[ $(hdr Content-Range) == "bytes 10-99/"* ]]
is $? "... and a range of it (206), as a player seeking asks"
st=$(get "$BASE/audio/patient/2/sv/plain/")
[ "$st" = 403 ] && ! grep -q 'q.0123456789abcdef' "$B"
is $? "a folder of read-aloud files is not listed ($st)"
check "a missing read-aloud file is a 404" [ "$(code "$BASE/audio/patient/2/sv/plain/x.0123456789abcdef.opus")" = 404 ]
get "$BASE/static/uppfolj.css" >/dev/null
check "static files keep their hour, not the year of audio" [ "$(hdr Cache-Control)" = "max-age=3600" ]

# Chromium: the pages retry by themselves (starts the program again).
bash -c "$START"
wait_for 100 up
UF_DEPLOY_BASE=$BASE UF_DEPLOY_RUN=$T/run UF_DEPLOY_START=$START \
	node --test --test-reporter=tap "$SRC/tests/deploy/errorpages.test.mjs" 2>&1 | sed -E 's/^(ok|not ok) ([0-9]+)/\1 \2 - errorpages:/'

# --- 5. deploy/run.sh from a clone in a 0700 folder ------------------------
if git -C "$SRC" rev-parse --verify -q HEAD >/dev/null 2>&1 && [ -z "${UF_DEPLOY_SKIP_RUN:-}" ]; then
	CLOSED=$(mktemp -d /tmp/uppfolj-closed.XXXXXX)   # 0700, as mktemp makes it
	git clone -q "$SRC" "$CLOSED/uppfolj"
	RPORT=$(free_port 18290) RPG=$(free_port 55590)
	# The runtime folder inside an existing folder of another mode (as a
	# UF_RUNTIME under /tmp would be): run.sh must leave that folder as it is.
	install -d -m 1777 "$T/shared"
	RT=$T/shared/rt
	t0=$(ms)
	# Without the test run's UPPFOLJ_LANG_DIR: run.sh must name its own.
	env -u UPPFOLJ_LANG_DIR UF_BUILD=$BUILD UF_RUNTIME=$RT UF_HTTP_PORT=$RPORT UF_PG_PORT=$RPG \
		bash "$CLOSED/uppfolj/deploy/run.sh" >"$T/run.out" 2>"$T/run.err"; st=$?
	echo "# deploy/run.sh took $(($(ms) - t0)) ms (existing build)"
	[ $st = 0 ] && grep -q "http://127.0.0.1:$RPORT/admin/" "$T/run.out"
	is $? "deploy/run.sh from a clone in a 0700 folder succeeds and prints the URLs"
	[ $st = 0 ] || tail -n 20 "$T/run.err" | note
	check "... the survey answers" [ "$(code "http://127.0.0.1:$RPORT/")" = 200 ]
	check "... nginx serves its static files" [ "$(code "http://127.0.0.1:$RPORT/static/uppfolj.js")" = 200 ]
	au=$(awk -F'\t' 'NR == 2 { print $7 }' "$RT/audio/manifest.tsv" 2>/dev/null)
	[ -n "$au" ] && [ "$(code "http://127.0.0.1:$RPORT/audio/$au")" = 200 ]
	is $? "... and the read-aloud files audio-build made ($au)"
	# (grep, not awk: Debian's mawk knows no {3})
	dcode=$(grep -oE '^  [0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3} ' "$T/run.out" | head -n 1 | tr -d ' ')
	csrf=$(curl -s -c "$T/jar" "http://127.0.0.1:$RPORT/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -n 1)
	check "... a printed demo code opens a session (the program reaches the database with its password)" \
		[ "$(code -b "$T/jar" -X POST -d "csrf=$csrf&code=$dcode" "http://127.0.0.1:$RPORT/kod")" = 303 ]
	cmd=$(awk '/uppfolj-admin units/ { sub(/^ +/, ""); print; exit }' "$T/run.out")
	check "... the printed uppfolj-admin command works" eval "$cmd" '>/dev/null'
	[ "$(ps -o user= -p "$(cat "$RT/run/collect.pid")")" = uppfolj ] && kill -0 "$(cat "$RT/run/collect.supervisor.pid")"
	is $? "... the programs run as the service user, under supervise.sh"
	check "... and the 0700 folder is still 0700" [ "$(stat -c %a "$CLOSED")" = 700 ]
	check "... and the folder above the runtime folder keeps its mode (1777)" \
		[ "$(stat -c %a "$T/shared")" = 1777 ]
	UF_BUILD=$BUILD UF_RUNTIME=$RT UF_HTTP_PORT=$RPORT UF_PG_PORT=$RPG \
		bash "$CLOSED/uppfolj/deploy/run.sh" --stop >/dev/null 2>&1
	left=$(pgrep -f -- "$RT" | tr '\n' ' ')
	[ -z "$left" ] && ! ss -Htln "sport = :$RPORT" | grep -q . &&
		! ss -Htln "sport = :$RPG" | grep -q .
	is $? "--stop stops everything it started"
	[ -z "$left" ] || echo "left running: $left" | note
	# A port someone else has: a clear refusal.
	python3 -c 'import socket,sys,time; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(); time.sleep(30)' "$RPORT" &
	holder=$!
	wait_for 30 eval "ss -Htln 'sport = :$RPORT' | grep -q ."
	out=$(UF_BUILD=$BUILD UF_RUNTIME=$RT UF_HTTP_PORT=$RPORT UF_PG_PORT=$RPG \
		bash "$CLOSED/uppfolj/deploy/run.sh" 2>&1); st=$?
	kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
	[ $st != 0 ] && grep -q "port $RPORT is in use" <<<"$out"
	is $? "deploy/run.sh refuses a taken port, saying which"
	rm -rf "$CLOSED"
else
	why="not a git checkout"
	[ -n "${UF_DEPLOY_SKIP_RUN:-}" ] && why="UF_DEPLOY_SKIP_RUN is set"
	echo "ok $((n += 1)) - deploy/run.sh from a clone in a 0700 folder # SKIP $why"
fi
echo "1..$n"
