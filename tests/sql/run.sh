#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Database tests (TAP). Works in scratch databases next to $UF_DB (created
# and dropped here) so the shared test database is never touched:
#   - migrate: fresh apply, second run a no-op, an edited or failing file refused
#   - tests/sql/<case>.sql run by psql as the role on the file's first line
#     ("-- role: uppfolj_collect"; "superuser" = $UF_PGSUPERUSER), output
#     (ERROR lines included) compared with <case>.expected
#   - forms-load: load, reload no-op, changed content refused, invalid refused;
#     translations: revision 1, reload no-op, corrected = revision 2, missing
#     key and unstored instrument refused, roles
#   - demo: the study's design (tests/sql/demo/checks.sql), a second run
#     changes nothing, the same seed gives the same answers
#   - 0025 moves drafts written before it into response.draft
# Environment: UF_PGHOST UF_PGPORT UF_DB [UF_BUILD UF_SRC UF_SECRET
# UF_PGSUPERUSER]. `run.sh --accept` rewrites the .expected files.
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
SRC=${UF_SRC:-$(cd "$HERE/../.." && pwd)}
BUILD=${UF_BUILD:-$SRC}
# Installed copies (tests/run-all.sh stages `make install`); the source tree
# when run alone.
SCHEMA=${UF_SCHEMA:-$SRC/schema}
FORMS=${UF_FORMS:-$SRC/forms}
ADMIN=$BUILD/admin/uppfolj-admin
: "${UF_PGHOST:?set UF_PGHOST (socket folder)}" "${UF_PGPORT:?set UF_PGPORT}" "${UF_DB:?set UF_DB}"
SUPER=${UF_PGSUPERUSER:-postgres}
SCRATCH=${UF_DB}_sqltest
# "does not exist, skipping" notices are noise in a TAP stream.
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
ACCEPT=no
[ "${1:-}" = --accept ] && ACCEPT=yes

TMP=$(mktemp -d /tmp/uppfolj-sqltest.XXXXXX)
n=0 failures=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $*"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
note() { sed 's/^/# /'; }

conninfo() { echo "host=$UF_PGHOST port=$UF_PGPORT dbname=$1 user=$SUPER"; }
# q DB SQL: one query as the superuser, unaligned, tuples only.
q() { psql -X -At -v ON_ERROR_STOP=1 -h "$UF_PGHOST" -p "$UF_PGPORT" -U "$SUPER" -d "$1" -c "$2"; }
# qrole DB ROLE SQL: as q, with the privileges of ROLE (SET ROLE).
qrole() { psql -X -q -At -v ON_ERROR_STOP=1 -h "$UF_PGHOST" -p "$UF_PGPORT" -U "$SUPER" -d "$1" -c "SET ROLE $2" -c "$3"; }
fresh_db() {
	q postgres "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null &&
		q postgres "CREATE DATABASE \"$1\" ENCODING 'UTF8' TEMPLATE template0" >/dev/null
}
cleanup() {
	if [ -z "${UF_KEEP:-}" ]; then
		for d in "$SCRATCH" "${SCRATCH}_a" "${SCRATCH}_b" "${SCRATCH}_c"; do
			q postgres "DROP DATABASE IF EXISTS \"$d\" WITH (FORCE)" >/dev/null 2>&1
		done
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT

if [ ! -x "$ADMIN" ]; then
	not_ok "uppfolj-admin is built ($ADMIN)"
	exit 1
fi
SECRET=${UF_SECRET:-}
if [ -z "$SECRET" ] || [ ! -s "$SECRET" ]; then
	SECRET=$TMP/secret.key
	(umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$SECRET")
fi
if ! fresh_db "$SCRATCH"; then
	not_ok "create scratch database $SCRATCH"
	exit 1
fi
DB=$(conninfo "$SCRATCH")
nfiles=$(find "$SCHEMA" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]_*.sql' | wc -l)
migcount() { q "$SCRATCH" "SELECT count(*) || ' ' || coalesce(max(applied_at)::text, '-') FROM public.uppfolj_migration"; }

# --- migrate ---------------------------------------------------------------
"$ADMIN" migrate --db "$DB" --schema "$SCHEMA" >"$TMP/m1.out" 2>&1
st=$?
check "migrate applies all $nfiles migrations to a fresh database" \
	test "$st" = 0 -a "$(q "$SCRATCH" 'SELECT count(*) FROM public.uppfolj_migration')" = "$nfiles"
[ "$st" = 0 ] || note <"$TMP/m1.out"
before=$(migcount)
"$ADMIN" migrate --db "$DB" --schema "$SCHEMA" >"$TMP/m2.out" 2>&1
st=$?
check "migrate twice is a no-op (\"schema up to date\", records unchanged)" \
	test "$st" = 0 -a "$(cat "$TMP/m2.out")" = "schema up to date" -a "$(migcount)" = "$before"

cp -r "$SCHEMA" "$TMP/edited"
printf -- '-- an edit after the fact\n' >>"$TMP/edited/0002_core.sql"
"$ADMIN" migrate --db "$DB" --schema "$TMP/edited" >"$TMP/m3.out" 2>&1
st=$?
check "an edited migration is refused (exit 1, names the file)" \
	test "$st" = 1 -a "$(grep -c 'migration 0002_core.sql was edited after it was applied' "$TMP/m3.out")" = 1
[ "$st" = 1 ] || note <"$TMP/m3.out"

cp -r "$SCHEMA" "$TMP/broken"
printf 'CREATE TABLE public.uf_half_done (id int);\nSELECT 1/0;\n' >"$TMP/broken/9998_broken.sql"
printf 'CREATE TABLE public.uf_never (id int);\n' >"$TMP/broken/9999_after.sql"
"$ADMIN" migrate --db "$DB" --schema "$TMP/broken" >"$TMP/m4.out" 2>&1
st=$?
check "a failing migration is rolled back and stops the run" \
	test "$st" = 1 -a "$(grep -c '9998_broken.sql failed: division by zero' "$TMP/m4.out")" = 1 \
	-a "$(q "$SCRATCH" "SELECT count(*) FROM public.uppfolj_migration WHERE version >= 9998")" = 0 \
	-a "$(q "$SCRATCH" "SELECT to_regclass('public.uf_half_done') IS NULL AND to_regclass('public.uf_never') IS NULL")" = t
[ "$st" = 1 ] || note <"$TMP/m4.out"

"$ADMIN" migrate --db "$(conninfo "$SCRATCH") user=uppfolj_report" --schema "$SCHEMA" >"$TMP/m5.out" 2>&1
check "migrate as a non-superuser fails cleanly (exit 1)" test $? = 1

# usage ARGS...: uppfolj-admin exits 2 and says why on stderr.
usage_error() {
	local out
	out=$("$ADMIN" "$@" 2>&1 >/dev/null)
	[ $? = 2 ] && [ -n "$out" ]
}
check "usage error: unknown command" usage_error frobnicate
check "usage error: unknown option" usage_error migrate --db "$DB" --frob
check "usage error: option without its value" usage_error migrate --schema
check "usage error: stray argument" usage_error migrate --db "$DB" extra
check "usage error: forms-load without files" usage_error forms-load --db "$DB"
check "usage error: demo --seed not a number" usage_error demo --db "$DB" --seed -1
check "usage error: demo --slug with capitals" usage_error demo --db "$DB" --slug Demo
check "usage error: demo --participants not a number" usage_error demo --db "$DB" --participants 10k
check "--help lists every command (exit 0)" test "$("$ADMIN" --help | grep -cE '^  (migrate|forms-check|forms-load|demo) ')" = 4
check "CMD --help prints its usage (exit 0)" test "$("$ADMIN" demo --help | grep -c -- '--participants N   panel size')" = 1

mkdir -p "$TMP/dup" "$TMP/nul"
cp "$SCHEMA/0001_roles.sql" "$TMP/dup/0001_roles.sql"
cp "$SCHEMA/0001_roles.sql" "$TMP/dup/0001_again.sql"
"$ADMIN" migrate --db "$DB" --schema "$TMP/dup" >"$TMP/m6.out" 2>&1
check "migrate refuses two files with the same number" \
	test $? = 1 -a "$(grep -c 'two migrations numbered 0001' "$TMP/m6.out")" = 1
printf 'SELECT 1;\0DROP SCHEMA uppfolj CASCADE;\n' >"$TMP/nul/0001_nul.sql"
"$ADMIN" migrate --db "$DB" --schema "$TMP/nul" >"$TMP/m7.out" 2>&1
check "migrate refuses a file with a NUL byte" \
	test $? = 1 -a "$(grep -c 'NUL byte' "$TMP/m7.out")" = 1
"$ADMIN" migrate --db "$DB" --schema "$TMP/missing" >"$TMP/m8.out" 2>&1
check "migrate refuses a missing schema folder" \
	test $? = 1 -a "$(grep -c 'cannot open schema folder' "$TMP/m8.out")" = 1

# --- role and constraint cases -----------------------------------------------
for f in "$HERE"/*.sql; do
	name=$(basename "$f" .sql)
	role=$(sed -n '1s/^-- role: *//p' "$f")
	if [ -z "$role" ]; then
		not_ok "$name: first line must be \"-- role: ROLE\""
		continue
	fi
	[ "$role" = superuser ] && role=$SUPER
	PGAPPNAME=uppfolj-sqltest psql -X -a -v VERBOSITY=terse -v ON_ERROR_ROLLBACK=on \
		-h "$UF_PGHOST" -p "$UF_PGPORT" -U "$role" -d "$SCRATCH" <"$f" >"$TMP/$name.out" 2>&1
	if [ $ACCEPT = yes ]; then
		cp "$TMP/$name.out" "$HERE/$name.expected"
		ok "$name (expected output written)"
	elif [ ! -f "$HERE/$name.expected" ]; then
		not_ok "$name: no $name.expected (run with --accept and review it)"
	elif diff -u "$HERE/$name.expected" "$TMP/$name.out" >"$TMP/$name.diff"; then
		ok "$name (as $role)"
	else
		not_ok "$name (as $role)"
		note <"$TMP/$name.diff"
	fi
done

# --- forms-load ----------------------------------------------------------------
"$ADMIN" forms-load --db "$DB" "$FORMS"/*.json >"$TMP/f1.out" 2>&1
st=$?
nforms=$(ls "$FORMS"/*.json | wc -l)
check "forms-load stores every instrument with its items" \
	test "$st" = 0 -a "$(q "$SCRATCH" "SELECT count(*) FROM uppfolj.instrument")" = "$nforms" \
	-a "$(q "$SCRATCH" "SELECT bool_and(n > 0) FROM (SELECT count(ii.item_id) n FROM uppfolj.instrument i LEFT JOIN uppfolj.instrument_item ii USING (instrument_id, version) GROUP BY i.instrument_id, i.version) x")" = t
[ "$st" = 0 ] || note <"$TMP/f1.out"
items=$(q "$SCRATCH" "SELECT count(*) FROM uppfolj.instrument_item")
"$ADMIN" forms-load --db "$DB" "$FORMS/chef.json" >"$TMP/f2.out" 2>&1
st=$?
check "forms-load of the same version again is a no-op (\"already loaded\")" \
	test "$st" = 0 -a "$(grep -c 'already loaded' "$TMP/f2.out")" = 1 \
	-a "$(q "$SCRATCH" "SELECT count(*) FROM uppfolj.instrument_item")" = "$items"
sed 's/"title": *{ *"sv": *"/&Ändrad: /' "$FORMS/chef.json" >"$TMP/chef.json"
"$ADMIN" forms-load --db "$DB" "$TMP/chef.json" >"$TMP/f3.out" 2>&1
st=$?
check "forms-load of changed content under the same version is refused" \
	test "$st" = 1 -a "$(grep -c 'raise "version"' "$TMP/f3.out")" = 1 \
	-a "$(cmp -s "$TMP/chef.json" "$FORMS/chef.json"; echo $?)" = 1
sed 's/"type": *"likert5"/"type": "likert7"/' "$FORMS/chef.json" >"$TMP/bad.json"
"$ADMIN" forms-load --db "$DB" "$TMP/bad.json" >"$TMP/f4.out" 2>&1
st=$?
check "forms-load refuses an invalid file with the checker's message" \
	test "$st" = 1 -a "$(grep -c 'bad.json: item .*likert7' "$TMP/f4.out")" -ge 1 \
	-a "$(q "$SCRATCH" "SELECT count(*) FROM uppfolj.instrument")" = "$nforms"
[ "$st" = 1 ] || note <"$TMP/f4.out"

# --- forms-load: translations (schema/0022) --------------------------------------
TR=$FORMS/translations
ntr=$(ls "$TR"/*.json | wc -l)
"$ADMIN" forms-load --db "$DB" "$TR"/*.json >"$TMP/t1.out" 2>&1
st=$?
check "forms-load stores every translation as revision 1" \
	test "$st" = 0 -a "$(q "$SCRATCH" "SELECT count(*) FROM uppfolj.instrument_translation WHERE revision = 1")" = "$ntr"
[ "$st" = 0 ] || note <"$TMP/t1.out"
"$ADMIN" forms-load --db "$DB" "$TR/patient-2.en.json" >"$TMP/t2.out" 2>&1
st=$?
check "forms-load of the same translation again is a no-op (\"already loaded\")" \
	test "$st" = 0 -a "$(grep -c 'already loaded (revision 1)' "$TMP/t2.out")" = 1 \
	-a "$(q "$SCRATCH" "SELECT count(*) FROM uppfolj.instrument_translation")" = "$ntr"
mkdir -p "$TMP/tr"
sed 's/"title": "About your contact/"title": "On your contact/' "$TR/patient-2.en.json" >"$TMP/tr/patient-2.en.json"
"$ADMIN" forms-load --db "$DB" "$TMP/tr/patient-2.en.json" >"$TMP/t3.out" 2>&1
st=$?
check "forms-load of a corrected translation stores revision 2; the survey program gets the newest" \
	test "$st" = 0 -a "$(grep -c 'revision 2' "$TMP/t3.out")" = 1 \
	-a "$(q "$SCRATCH" "SELECT string_agg(lang || ':' || revision || ':' || (definition::jsonb->>'title'), ',' ORDER BY lang) FROM uppfolj.collect_instrument_translations('patient', 2) WHERE lang = 'en'")" = "en:2:On your contact with the peer supporter"
grep -v '"pat_mindre_ensam"' "$TR/patient-2.en.json" >"$TMP/tr/missing.json"
"$ADMIN" forms-load --db "$DB" "$TMP/tr/missing.json" >"$TMP/t4.out" 2>&1
st=$?
check "forms-load refuses a translation with a missing key (checker's message, nothing stored)" \
	test "$st" = 1 -a "$(grep -c 'missing.json: item pat_mindre_ensam: missing text' "$TMP/t4.out")" = 1 \
	-a "$(q "$SCRATCH" "SELECT count(*) FROM uppfolj.instrument_translation")" = "$((ntr + 1))"
[ "$st" = 1 ] || note <"$TMP/t4.out"
sed 's/"version": 2/"version": 9/' "$TR/patient-2.en.json" >"$TMP/tr/patient-9.en.json"
"$ADMIN" forms-load --db "$DB" "$TMP/tr/patient-9.en.json" >"$TMP/t5.out" 2>&1
st=$?
check "forms-load refuses a translation of an instrument version that is not stored" \
	test "$st" = 1 -a "$(grep -c 'instrument patient version 9 is not stored' "$TMP/t5.out")" = 1
check "uppfolj_collect reads translations only through collect_instrument_translations" \
	test "$(qrole "$SCRATCH" uppfolj_collect "SELECT count(*) FROM uppfolj.collect_instrument_translations('patient', 2)" 2>&1)" = "$(ls "$TR"/patient-2.*.json | wc -l)" \
	-a "$(qrole "$SCRATCH" uppfolj_collect "SELECT count(*) FROM uppfolj.instrument_translation" 2>&1 | grep -c 'permission denied')" = 1
check "a stored translation revision is never changed (append-only, even for the owner)" \
	test "$(q "$SCRATCH" "UPDATE uppfolj.instrument_translation SET machine_assisted = true" 2>&1 | grep -c 'append-only')" = 1 \
	-a "$(qrole "$SCRATCH" uppfolj_admin "DELETE FROM uppfolj.instrument_translation" 2>&1 | grep -c 'permission denied')" = 1

# --- demo ------------------------------------------------------------------------
"$ADMIN" demo --db "$DB" --secret "$SECRET" --forms "$FORMS" \
	--codes-out "$TMP/codes.txt" >"$TMP/d1.out" 2>&1
st=$?
check "demo creates the study (exit 0, summary printed)" \
	test "$st" = 0 -a "$(grep -c '^total: ' "$TMP/d1.out")" = 1
[ "$st" = 0 ] || note <"$TMP/d1.out"
check "demo writes 6 kiosk codes to --codes-out with mode 0600" \
	test "$(stat -c %a "$TMP/codes.txt" 2>/dev/null)" = 600 \
	-a "$(grep -cE '^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3} ' "$TMP/codes.txt")" = 6
while IFS='|' read -r name res; do
	check "demo: $name" test "$res" = t
done < <(psql -X -At -q -v ON_ERROR_STOP=1 -h "$UF_PGHOST" -p "$UF_PGPORT" -U "$SUPER" \
	-d "$SCRATCH" -f "$HERE/demo/checks.sql" 2>&1)

sum1=$(q "$SCRATCH" "$(cat "$HERE/demo/checksum.sql")" | tail -n 1)
rows1=$(q "$SCRATCH" "SELECT (SELECT count(*) FROM uppfolj.participant) || ' ' || (SELECT count(*) FROM uppfolj.access_code) || ' ' || (SELECT count(*) FROM uppfolj.consent) || ' ' || (SELECT count(*) FROM uppfolj.audit_log)")
"$ADMIN" demo --db "$DB" --secret "$SECRET" --forms "$FORMS" \
	--codes-out "$TMP/codes.txt" >"$TMP/d2.out" 2>&1
st=$?
check "demo again changes nothing and prints the saved codes" \
	test "$st" = 0 -a "$(grep -c 'nothing changed' "$TMP/d2.out")" = 1 \
	-a "$(q "$SCRATCH" "$(cat "$HERE/demo/checksum.sql")" | tail -n 1)" = "$sum1" \
	-a "$(q "$SCRATCH" "SELECT (SELECT count(*) FROM uppfolj.participant) || ' ' || (SELECT count(*) FROM uppfolj.access_code) || ' ' || (SELECT count(*) FROM uppfolj.consent) || ' ' || (SELECT count(*) FROM uppfolj.audit_log)")" = "$rows1" \
	-a "$(grep -cE '^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3} ' "$TMP/d2.out")" = 6
"$ADMIN" demo --db "$DB" --secret "$SECRET" --participants 5 >"$TMP/d3.out" 2>&1
check "demo rejects a panel size out of range (exit 2)" test $? = 2
"$ADMIN" demo --db "$DB" --secret "$SECRET" --start 2024-02-30 >"$TMP/d4.out" 2>&1
check "demo rejects an impossible start date (exit 2)" test $? = 2

# Same seed, two databases: the same answers. A different seed: others.
same=()
for d in a b; do
	if fresh_db "${SCRATCH}_$d" &&
		"$ADMIN" migrate --quiet --db "$(conninfo "${SCRATCH}_$d")" --schema "$SCHEMA" >"$TMP/s$d.out" 2>&1 &&
		"$ADMIN" demo --quiet --db "$(conninfo "${SCRATCH}_$d")" --secret "$SECRET" --forms "$FORMS" \
			--participants 300 --seed 4711 --start 2022-03-01 >>"$TMP/s$d.out" 2>&1; then
		same+=("$(q "${SCRATCH}_$d" "$(cat "$HERE/demo/checksum.sql")" | tail -n 1)")
	else
		note <"$TMP/s$d.out"
		same+=("failed-$d")
	fi
done
check "demo with the same seed gives identical answers in two databases (${same[0]%% *} answers)" \
	test "${same[0]}" = "${same[1]}" -a "${same[0]#failed}" = "${same[0]}"
# A third database: the demo now also writes qualitative material and
# report text that a hand-written clean-up would have to know about.
if fresh_db "${SCRATCH}_c" &&
	"$ADMIN" migrate --quiet --db "$(conninfo "${SCRATCH}_c")" --schema "$SCHEMA" >"$TMP/sc.out" 2>&1; then
	"$ADMIN" demo --quiet --db "$(conninfo "${SCRATCH}_c")" --secret "$SECRET" --forms "$FORMS" \
		--participants 300 --seed 4712 --start 2022-03-01 >>"$TMP/sc.out" 2>&1 || note <"$TMP/sc.out"
fi
other=$(q "${SCRATCH}_c" "$(cat "$HERE/demo/checksum.sql")" | tail -n 1)
check "demo with another seed gives other answers" \
	test -n "$other" -a "$other" != "${same[0]}" -a "${other#* }" != "${same[0]#* }"

# --- 0025 moves drafts written before it into response.draft -------------------
# A database at 0024 with a draft (two answer rows) and a submitted
# response; after 0025 the draft is one value and has no answer rows, the
# submitted response's rows are as they were.
mkdir -p "$TMP/pre0025" && cp "$SCHEMA"/*.sql "$TMP/pre0025/" && rm -f "$TMP"/pre0025/002[5-9]_*.sql "$TMP"/pre0025/00[3-9][0-9]_*.sql
if fresh_db "${SCRATCH}_m" &&
	"$ADMIN" migrate --quiet --db "$(conninfo "${SCRATCH}_m")" --schema "$TMP/pre0025" >"$TMP/mm.out" 2>&1 &&
	q "${SCRATCH}_m" "SET search_path = uppfolj;
	INSERT INTO study (slug, name, start_date) VALUES ('mig', 'Mig', current_date - 400);
	INSERT INTO unit (study_id, name, kind, huvudman, report_label)
		SELECT study_id, 'U', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård' FROM study;
	INSERT INTO wave (study_id, months, opens_on, closes_on)
		SELECT study_id, 12, current_date - 1, current_date + 30 FROM study;
	INSERT INTO instrument (instrument_id, version, grp, title, definition, sha256) VALUES
		('mg', 1, 'patient', 'P', '{}', repeat('a', 64));
	INSERT INTO instrument_item (instrument_id, version, item_id, position, theme_id, item_type) VALUES
		('mg', 1, 'm_one', 0, 'tema', 'likert5'), ('mg', 1, 'm_text', 1, 'tema', 'text');
	INSERT INTO participant (study_id, panel_id, grp, unit_id)
		SELECT study_id, x, 'patient', unit_id FROM unit, (VALUES ('P-MG0001'), ('P-MG0002')) v(x);
	INSERT INTO response (submission_id, participant_id, wave_id, instrument_id, version, status, submitted_at)
		SELECT gen_random_uuid(), p.participant_id, w.wave_id, 'mg', 1,
			CASE p.panel_id WHEN 'P-MG0001' THEN 'draft' ELSE 'submitted' END::response_status,
			CASE p.panel_id WHEN 'P-MG0001' THEN NULL ELSE now() END
		FROM participant p, wave w;
	INSERT INTO answer (response_id, instrument_id, version, item_id, value_int, value_text, dont_know)
		SELECT r.response_id, 'mg', 1, x.i, x.n, x.t, x.d FROM response r,
			(VALUES ('m_one', NULL::integer, NULL::text, true), ('m_text', NULL, 'hej', false)) x(i, n, t, d)" >>"$TMP/mm.out" 2>&1 &&
	"$ADMIN" migrate --quiet --db "$(conninfo "${SCRATCH}_m")" --schema "$SCHEMA" >>"$TMP/mm.out" 2>&1; then
	got=$(q "${SCRATCH}_m" "SELECT string_agg(p.panel_id || ' ' || r.status || ' ' || coalesce(r.draft::text, '-') || ' ' ||
		(SELECT count(*) FROM uppfolj.answer a WHERE a.response_id = r.response_id), ', ' ORDER BY p.panel_id)
		FROM uppfolj.response r JOIN uppfolj.participant p USING (participant_id)")
else
	note <"$TMP/mm.out"
	got=failed
fi
check "0025 moves a draft's answer rows into its draft value and leaves submitted rows ($got)" \
	test "$got" = 'P-MG0001 draft {"m_one": {"d": true}, "m_text": {"t": "hej"}} 0, P-MG0002 submitted - 2'
q postgres "DROP DATABASE IF EXISTS \"${SCRATCH}_m\" WITH (FORCE)" >/dev/null 2>&1

echo "1..$n"
[ $failures = 0 ]
