#!/usr/bin/env bash
# SPDX-License-Identifier: ISC
# Crash test for asynchronous draft saves (schema 0027), TAP. Processes of
# draft_crash.c log in, consent, save twelve pages of one answer each
# (collect_draft_page: asynchronous commit) and submit (synchronous), over
# and over, while PostgreSQL is crashed twice (SIGQUIT to the postmaster: an immediate
# shutdown). Then:
#   - every acknowledged submission is stored with all its answers;
#   - a draft read after a crash is exactly a prefix of what its respondent
#     was told was saved (the lost saves missing, nothing mixed), with the
#     revision of its last save, and the respondent continues and submits;
#   - lost saves are the last ones before a crash only: prints how many and
#     the window (crash time minus the earliest lost acknowledgement), which
#     must stay within 3 x wal_writer_delay plus 1 s for a loaded machine;
#   - no revision is handed out twice for one response.
#
#   draft_crash.sh [SECONDS]   (default 12; crashes at 1/3 and 2/3)
#
# Environment as tests/faults/run.sh (UF_SRC UF_PGHOST UF_PGPORT UF_DB
# PGPASSFILE [UF_WORK]). Restarts the cluster of UF_PGHOST (it is running
# again when this ends).
set -u
SRC=${UF_SRC:?}
: "${UF_PGHOST:?}" "${UF_PGPORT:?}" "${UF_DB:?}" "${PGPASSFILE:?}"
# shellcheck source=deploy/lib.sh
. "$SRC/deploy/lib.sh"
SECS=${1:-12} NPROC=8

T=$(mktemp -d "${UF_WORK:-/tmp}/draftcrash.XXXXXX") && chmod 755 "$T" || exit 1
n=0 failures=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failures=$((failures + 1)); echo "not ok $n - $*"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }
ms() { date +%s%3N; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 -h "$UF_PGHOST" -p "$UF_PGPORT" -U postgres -d "$UF_DB" "$@"; }
pg_ctl_() { uf_as_postgres "$UF_PGBIN/pg_ctl" -D "$UF_PGHOST/data" "$@"; }
pg_up() { "$UF_PGBIN/pg_isready" -q -h "$UF_PGHOST" -p "$UF_PGPORT"; }
CLIENT=
cleanup() {
	[ -n "$CLIENT" ] && kill "$CLIENT" 2>/dev/null
	pg_up || pg_ctl_ -w -t 60 start >/dev/null 2>&1
	[ -n "${UF_KEEP:-}" ] || rm -rf "$T"
}
trap cleanup EXIT

# The client talks through the project's data layer (lib/db.c, the one home
# of libpq), built from the source with it.
# shellcheck disable=SC2046 # pkg-config's words are separate flags
cc -std=c11 -O2 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -I "$SRC/lib" \
	-o "$T/draft_crash" "$SRC/tests/faults/draft_crash.c" "$SRC/lib/db.c" "$SRC/lib/log.c" \
	"$SRC/lib/num.c" "$SRC/lib/err.c" $(pkg-config --cflags --libs libpq) ||
	{ not_ok "client built"; exit 1; }

# A study of its own: one wave, a patient instrument of twelve likert items,
# and a code per session; the code's hash and the session's token are the
# session number in hex ('c' and 'd' then 63 digits), as the client makes them.
NSESS=$((NPROC * SECS * 40 + 1000))
q -c "SET search_path = uppfolj" \
  -c "INSERT INTO study (slug, name, start_date) VALUES ('draftcrash', 'Draft crash', current_date - 400)
	ON CONFLICT DO NOTHING" \
  -c "DELETE FROM participant WHERE study_id = (SELECT study_id FROM study WHERE slug = 'draftcrash')" \
  -c "DELETE FROM collect_attempt" \
  -c "INSERT INTO unit (study_id, name, kind, huvudman, report_label)
	SELECT study_id, 'Avdelning K', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård'
	FROM study WHERE slug = 'draftcrash' AND NOT EXISTS (SELECT 1 FROM unit u JOIN study s
		USING (study_id) WHERE s.slug = 'draftcrash')" \
  -c "INSERT INTO wave (study_id, months, opens_on, closes_on)
	SELECT study_id, 12, current_date - 1, current_date + 30 FROM study s WHERE slug = 'draftcrash'
	AND NOT EXISTS (SELECT 1 FROM wave w WHERE w.study_id = s.study_id)" \
  -c "INSERT INTO instrument (instrument_id, version, grp, title, definition, sha256)
	VALUES ('dc_patient', 1, 'patient', 'P', '{}', repeat('d', 64)) ON CONFLICT DO NOTHING" \
  -c "INSERT INTO instrument_item (instrument_id, version, item_id, position, theme_id, item_type)
	SELECT 'dc_patient', 1, 'q' || g, g, 'tema', 'likert5' FROM generate_series(1, 12) g
	ON CONFLICT DO NOTHING" \
  -c "INSERT INTO wave_instrument (wave_id, grp, instrument_id, version)
	SELECT wave_id, 'patient', 'dc_patient', 1 FROM wave w JOIN study s USING (study_id)
	WHERE s.slug = 'draftcrash' ON CONFLICT DO NOTHING" \
  -c "WITH p AS (INSERT INTO participant (study_id, panel_id, grp, unit_id, synthetic)
	SELECT s.study_id, 'KR-' || lpad(g::text, 8, '0'), 'patient', u.unit_id, true
	FROM study s JOIN unit u USING (study_id), generate_series(1, $NSESS) g
	WHERE s.slug = 'draftcrash' RETURNING participant_id, panel_id, study_id)
	INSERT INTO access_code (participant_id, wave_id, code_hash, expires_at)
	SELECT p.participant_id, w.wave_id,
		decode('c' || lpad(substr(p.panel_id, 4)::bigint::text, 63, '0'), 'hex'), now() + interval '1 day'
	FROM p JOIN wave w USING (study_id)" >/dev/null ||
	{ not_ok "the crash study made"; exit 1; }
DELAY=$(q -c "SELECT setting FROM pg_settings WHERE name = 'wal_writer_delay'")
BOUND=$((3 * DELAY + 1000))
echo "# $NPROC processes, ${SECS}s, wal_writer_delay ${DELAY}ms; synchronous_commit $(q -c 'SHOW synchronous_commit')"

mkdir -p "$T/log"
"$T/draft_crash" "host=127.0.0.1 port=$UF_PGPORT dbname=$UF_DB user=uppfolj_collect passfile=$PGPASSFILE" \
	"$T/log" "$SECS" "$NPROC" 1 2>"$T/client.err" &
CLIENT=$!
START=$(ms)
: >"$T/crashes.txt"
for at in $((SECS * 1000 / 3)) $((SECS * 2000 / 3)); do
	while [ $(($(ms) - START)) -lt "$at" ]; do sleep 0.05; done
	# An immediate shutdown is SIGQUIT to the postmaster: the crash's time
	# is when it was sent (pg_ctl itself may start a second later).
	pm=$(head -n 1 "$UF_PGHOST/data/postmaster.pid")
	kill -QUIT "$pm" && ms >>"$T/crashes.txt"
	for _ in $(seq 600); do kill -0 "$pm" 2>/dev/null || break; sleep 0.05; done
	pg_ctl_ -W restart >/dev/null 2>&1   # not running: starts with its old options
	t0=$(ms)
	while ! pg_up && [ $(($(ms) - t0)) -lt 30000 ]; do sleep 0.05; done
done
for _ in $(seq 1200); do kill -0 "$CLIENT" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$CLIENT" 2>/dev/null; then
	kill "$CLIENT"
	not_ok "the client finished within 120 s of its end"
fi
wait "$CLIENT"
st=$?
CLIENT=
cat "$T"/log/*.log >"$T/all.log"
check "the client ran to its end, nothing unexpected (exit $st)" \
	[ "$st" = 0 -a "$(grep -c '^X' "$T/all.log")" = 0 ]
grep '^X' "$T/all.log" | head -n 5 | sed 's/^/# /'
sed 's/^/# client: /' "$T/client.err" | head -n 5
check "PostgreSQL was crashed twice and is up" [ "$(wc -l <"$T/crashes.txt")" = 2 ]

# --- what the processes were told, against the database -------------------
awk '$1 == "A" { print $2 "\t" $3 "\t" $4 "\t" $5 "\t" $6 }' "$T/all.log" >"$T/acks.tsv"
awk '$1 == "R" { print $2 "\t" $3 "\t" $4 "\t" $5 "\t" $6 }' "$T/all.log" >"$T/rereads.tsv"
awk '$1 == "U" { print $2 }' "$T/all.log" >"$T/submitted.txt"
awk '$1 == "W" { print $2 }' "$T/all.log" >"$T/unknown.txt"
SAVES=$(wc -l <"$T/acks.tsv") SUBS=$(wc -l <"$T/submitted.txt") UNKNOWN=$(wc -l <"$T/unknown.txt")
echo "# acknowledged: $SAVES page saves, $SUBS submissions; $UNKNOWN submissions whose answer was lost"
[ "$SAVES" -gt 100 ] && [ "$SUBS" -gt 10 ]
check "the load saved pages and submitted ($SAVES, $SUBS)" [ $? = 0 ]

IFS='|' read -r SUB_OK SUB_BAD UNK_PARTIAL REV_DUP <<<"$(q \
	-c "CREATE TEMP TABLE acks (sess bigint, item int, value int, rev bigint, at bigint)" \
	-c "\\copy acks FROM '$T/acks.tsv'" \
	-c "CREATE TEMP TABLE subs (sess bigint)" -c "\\copy subs FROM '$T/submitted.txt'" \
	-c "CREATE TEMP TABLE unk (sess bigint)" -c "\\copy unk FROM '$T/unknown.txt'" \
	-c "CREATE TEMP VIEW stored AS SELECT substr(p.panel_id, 4)::bigint AS sess, r.status,
		(SELECT count(*) FROM uppfolj.answer a WHERE a.response_id = r.response_id
			AND a.value_int = (substr(p.panel_id, 4)::bigint + substr(a.item_id, 2)::int) % 5 + 1)
			AS right_answers,
		(SELECT count(*) FROM uppfolj.answer a WHERE a.response_id = r.response_id) AS answers
		FROM uppfolj.participant p JOIN uppfolj.study s USING (study_id)
		JOIN uppfolj.response r USING (participant_id) WHERE s.slug = 'draftcrash'" \
	-c "SELECT
		(SELECT count(*) FROM subs JOIN stored USING (sess)
			WHERE status = 'submitted' AND answers = 12 AND right_answers = 12),
		(SELECT count(*) FROM subs WHERE NOT EXISTS (SELECT 1 FROM stored x
			WHERE x.sess = subs.sess AND status = 'submitted' AND answers = 12 AND right_answers = 12)),
		(SELECT count(*) FROM unk JOIN stored USING (sess)
			WHERE status = 'submitted' AND (answers <> 12 OR right_answers <> 12)),
		(SELECT count(*) FROM (SELECT sess, rev FROM acks GROUP BY 1, 2 HAVING count(*) > 1) d)")"
check "every acknowledged submission is stored with its 12 answers ($SUB_OK of $SUBS; missing or short $SUB_BAD)" \
	[ "$SUB_OK" = "$SUBS" -a "$SUB_BAD" = 0 ]
check "a submission whose answer was lost is stored whole or not at all ($UNK_PARTIAL partial)" \
	[ "$UNK_PARTIAL" = 0 ]
check "no revision handed out twice for one response ($REV_DUP repeated among $SAVES)" [ "$REV_DUP" = 0 ]

# Drafts read again after a crash: a prefix of what was acknowledged.
REREADS=$(wc -l <"$T/rereads.tsv")
BAD=$(awk -F'\t' '$4 != 1' "$T/rereads.tsv" | wc -l)
check "every draft read after a crash is the acknowledged saves up to some point, with that save's revision ($REREADS reads, $BAD not)" \
	[ "$REREADS" -gt 0 -a "$BAD" = 0 ]
awk -F'\t' '$4 != 1' "$T/rereads.tsv" | head -n 3 | sed 's/^/#   not a prefix: /'
# Lost saves: acknowledged, then missing after the crash; the window is the
# crash's time minus the earliest lost acknowledgement.
read -r LOST SESS_LOST WINDOW < <(awk -F'\t' 'NR == FNR { crash[++c] = $1; next }
	$2 < $3 { lost += $3 - $2; s++
		w = -1; for (i = 1; i <= c; i++) if (crash[i] >= $5) { w = crash[i] - $5; break }
		if (w < 0) w = 999999  # acknowledged after the last crash, then lost?
		if (w > max) max = w }
	END { printf "%d %d %d\n", lost, s, max }' "$T/crashes.txt" "$T/rereads.tsv")
echo "# lost in the crashes: $LOST acknowledged page saves of $SAVES, in $SESS_LOST sessions; window: the earliest lost acknowledgement ${WINDOW} ms before its crash"
check "only the last moments before a crash are lost (window ${WINDOW} ms <= ${BOUND} ms)" \
	[ "$WINDOW" -le "$BOUND" ]
echo "1..$n"
[ $failures = 0 ]
