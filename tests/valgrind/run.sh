#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Memcheck over a build without sanitizers (UF_VG_BUILD): the unit tests,
# the instrument checker, both reports, an export, and the survey program
# answering real FastCGI requests (cgi-fcgi, no nginx). Any invalid access,
# use of uninitialised memory or definite leak fails the case. TAP output.
set -u
: "${UF_SRC:?}" "${UF_VG_BUILD:?}" "${UF_PGHOST:?}" "${UF_PGPORT:?}" "${UF_DB:?}" "${UF_SECRET:?}"
ART=${UF_ARTIFACTS:-/tmp}/valgrind
mkdir -p "$ART"
B=$UF_VG_BUILD
n=0 bad=0
VG=(valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect
	--errors-for-leak-kinds=definite,indirect)

# vg NAME COMMAND...: run under memcheck, log to $ART/NAME.log.
vg() {
	local name=$1; shift
	n=$((n + 1))
	if CK_FORK=no "${VG[@]}" --log-file="$ART/$name.vg" "$@" >"$ART/$name.log" 2>&1 &&
		[ ! -s "$ART/$name.vg" ]; then
		echo "ok $n - valgrind: $name"
	else
		bad=$((bad + 1)); echo "not ok $n - valgrind: $name"
		head -n 30 "$ART/$name.vg" "$ART/$name.log" | sed 's/^/# /'
	fi
}

export UF_TEST_CONNINFO="host=$UF_PGHOST port=$UF_PGPORT dbname=$UF_DB user=uppfolj_admin"
for t in "$B"/tests/unit/test_* "$B"/tests/forms/test_* "$B"/tests/reports/test_* "$B"/tests/manage/test_*; do
	[ -x "$t" ] && [ "${t%.o}" = "$t" ] || continue
	case $t in *.log|*.trs) continue ;; esac
	vg "$(basename "$t")" "$t"
done

vg forms-check "$B/admin/uppfolj-admin" forms-check "$UF_SRC"/forms/*.json

REP="host=$UF_PGHOST port=$UF_PGPORT dbname=$UF_DB user=uppfolj_report"
ADM="host=$UF_PGHOST port=$UF_PGPORT dbname=$UF_DB user=uppfolj_admin"
vg delrapport "$B/reports/uppfolj-report" delrapport --study demo --wave 24 --quiet --db "$REP" -o "$ART/del.pdf"
vg slutrapport "$B/reports/uppfolj-report" slutrapport --study demo --quiet --db "$REP" -o "$ART/slut.pdf" --csv "$ART/csv"
vg export-long "$B/admin/uppfolj-admin" export --db "$ADM" --study demo --format long -o "$ART/long.csv"
vg export-sav "$B/admin/uppfolj-admin" export --db "$ADM" --study demo --format sav --free-text -o "$ART/wide.sav"
vg export-dta "$B/admin/uppfolj-admin" export --db "$ADM" --study demo --format dta --free-text -o "$ART/wide.dta"
vg export-wide-sv "$B/admin/uppfolj-admin" export --db "$ADM" --study demo --format wide --dialect excel-sv --free-text -o "$ART/wide.csv"
PANEL=$(psql -X -At -h "$UF_PGHOST" -p "$UF_PGPORT" -U postgres -d "$UF_DB" -c "SELECT p.panel_id FROM uppfolj.participant p JOIN uppfolj.study s USING (study_id) JOIN uppfolj.response r USING (participant_id) WHERE s.slug = 'demo' AND r.status = 'submitted' ORDER BY p.panel_id LIMIT 1")
vg access-pdf "$B/admin/uppfolj-admin" access-export --db "$ADM" --study demo --panel-id "$PANEL" --format pdf -o "$ART/access.pdf"

# The survey program under memcheck, spoken to directly over FastCGI.
sock=$ART/collect.sock
rm -f "$sock"
cat >"$ART/collect.conf" <<CONF
db = host=$UF_PGHOST port=$UF_PGPORT dbname=$UF_DB user=uppfolj_collect
socket = $sock
socket_mode = 0600
workers = 2
secret_file = $UF_SECRET
CONF
"${VG[@]}" --log-file="$ART/collect-server.vg" "$B/collect/uppfolj-collect" --config "$ART/collect.conf" \
	>"$ART/collect-server.log" 2>&1 &
pid=$!
for _ in $(seq 300); do [ -S "$sock" ] && break; sleep 0.1; done
fcgi() { # METHOD URI [BODY CONTENT-TYPE]
	local body=${3:-} type=${4:-}
	env -i REQUEST_METHOD="$1" REQUEST_URI="$2" SCRIPT_NAME="${2%%\?*}" DOCUMENT_URI="${2%%\?*}" \
		QUERY_STRING="" SERVER_PROTOCOL=HTTP/1.1 REMOTE_ADDR=127.0.0.9 SERVER_NAME=localhost \
		SERVER_PORT=80 CONTENT_TYPE="$type" CONTENT_LENGTH="${#body}" HTTPS="" \
		cgi-fcgi -bind -connect "$sock" <<<"$body"
}
n=$((n + 1))
if [ -S "$sock" ] &&
	fcgi GET / | grep -q 'Välkommen' &&
	fcgi GET /api/v1/instruments/patient | grep -q '"pat_' &&
	fcgi POST /api/v1/responses '{"submission_id":"x"}' application/json | grep -q '"error"' &&
	fcgi POST /kod 'code=AAA' application/x-www-form-urlencoded >/dev/null; then
	echo "ok $n - uppfolj-collect answers pages, the API and rejections under valgrind"
else
	bad=$((bad + 1)); echo "not ok $n - uppfolj-collect answers pages, the API and rejections under valgrind"
	tail -n 20 "$ART/collect-server.log" | sed 's/^/# /'
fi
# A body past what the program reads before answering (1 MiB; nginx stops
# anything over 64 KiB before): refused, the connection closed the slow way
# (input not at its end), and the next request served as usual.
head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$ART/big-body.txt"
n=$((n + 1))
big=$(env -i REQUEST_METHOD=POST REQUEST_URI=/api/v1/responses SCRIPT_NAME=/api/v1/responses \
	DOCUMENT_URI=/api/v1/responses QUERY_STRING="" SERVER_PROTOCOL=HTTP/1.1 REMOTE_ADDR=127.0.0.9 \
	SERVER_NAME=localhost SERVER_PORT=80 CONTENT_TYPE=application/json CONTENT_LENGTH=$((2 * 1024 * 1024)) \
	HTTPS="" timeout 60 cgi-fcgi -bind -connect "$sock" <"$ART/big-body.txt" | head -c 2000)
if grep -q '^Status: 413' <<<"$big" && grep -q '"too_large"' <<<"$big" &&
	fcgi GET /api/v1/instruments/patient | grep -q '"pat_'; then
	echo "ok $n - a body over the read limit is refused (413) and the program keeps serving"
else
	bad=$((bad + 1)); echo "not ok $n - a body over the read limit is refused (413) and the program keeps serving"
	head -c 400 <<<"$big" | sed 's/^/# /'
fi
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
n=$((n + 1))
if [ ! -s "$ART/collect-server.vg" ]; then
	echo "ok $n - valgrind: uppfolj-collect (no memory errors, no definite leaks at exit)"
else
	bad=$((bad + 1)); echo "not ok $n - valgrind: uppfolj-collect"
	head -n 40 "$ART/collect-server.vg" | sed 's/^/# /'
fi

echo "1..$n"
[ $bad = 0 ]
