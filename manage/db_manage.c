/* SPDX-License-Identifier: ISC
 * Every SQL statement of the administration operations, prepared at connect
 * time, and the typed functions that run them. The only SQL text of manage/;
 * parameters always travel separately ($n), never formatted into the text.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_manage.h"
#include "db_qual.h"
#include "db_qual_examples.h"

enum mstmt {
	M_AUDIT,
	M_STUDY_FIND,
	M_WAVE_FIND,
	M_UNIT_GET,
	M_WAVE_HAS_GROUP,
	M_UNIT_LIST,
	M_STUDY_GET,
	M_UNIT_INSERT,
	M_WAVE_DATES,
	M_WAVES,
	M_PARTICIPANT_COUNTS,
	M_PARTICIPANT_INSERT,
	M_PARTICIPANTS_CARRY,
	M_CODE_INSERT,
	M_PARTICIPANT_BY_CODE,
	M_PARTICIPANT_BY_PANEL,
	M_PARTICIPANT_GET,
	M_PARTICIPANT_LIST,
	M_USER_INSERT,
	M_USER_BY_NAME,
	M_USER_FAIL,
	M_LOGIN_ADDR_BLOCKED,
	M_LOGIN_ADDR_FAIL,
	M_LOGIN_ADDR_COUNT,
	M_LOGIN_ADDR_CLEAR,
	M_USER_OK,
	M_USER_REHASH,
	M_USER_UNIT_ADD,
	M_USER_UNITS,
	M_USERS,
	M_USER_EXISTS,
	M_SESSION_INSERT,
	M_SESSION_TOUCH,
	M_SESSION_DELETE,
	M_SESSION_PURGE,
	M_RATES,
	M_RATES_MASKED,
	M_ERASE,
	M_PURGE_DRAFTS,
	M_WAVE_CLOSE,
	M_EXPORT_RESPONSES,
	M_EXPORT_ANSWERS,
	M_EXPORT_TEXT_WIDTHS,
	M_EXPORT_COUNT,
	M_INSTRUMENTS,
	M_ACCESS_ROWS,
	M_STUDY_INSERT,
	M_STUDIES,
	M_WAVE_INSERT,
	M_INSTRUMENT_FIT,
	M_INSTRUMENT_DEFAULTS,
	M_WAVE_INSTRUMENT_INSERT,
	M_INSTRUMENT_CHOICES,
	M_MASK_INSERT,
	M_MASK_DELETE,
	M_MASK_LIST,
	/* evaluator tooling (issue 14) */
	M_USER_SET_DISABLED,
	M_USER_SESSIONS_END,
	M_USER_SET_PASSWORD,
	M_AUDIT_LIST,
	M_STATUS_LIST,
	M_STATUS_COUNTS,
	M_CODE_OF,
	M_CODE_REPLACE,
	M_WAVE_SET_TEST,
	M_CODE_SET_TEST,
	M_TEST_PURGE,
	M__MAX
};

/* Columns shared by both rate statements (the view is schema/0006). */
#define RATE_FILTER                                                     \
	" FROM response_rate r JOIN study s ON s.study_id = r.study_id" \
	" WHERE r.study_id = $1 AND ($2::int IS NULL OR r.months = $2)" \
	" AND ($3::bigint IS NULL OR r.unit_id = $3)"                   \
	" ORDER BY r.months, r.report_label, r.unit_id, r.grp"

/* Which responses an analysis export holds: $1 study, $2 wave months, $3
 * group, $4 unit kind (NULL: all). The one place the export chooses
 * responses: test responses (test mode) are to be left out here too. */
#define EXPORT_WHERE                                                          \
	" WHERE p.study_id = $1 AND r.status = 'submitted'"                   \
	" AND ($2::int IS NULL OR w.months = $2::int)"                        \
	" AND ($3::respondent_group IS NULL OR p.grp = $3::respondent_group)" \
	" AND ($4::unit_kind IS NULL OR u.kind = $4::unit_kind)"
#define EXPORT_FROM                                                                  \
	" FROM response r JOIN participant p ON p.participant_id = r.participant_id" \
	" JOIN unit u ON u.unit_id = p.unit_id"                                      \
	" JOIN wave w ON w.wave_id = r.wave_id" EXPORT_WHERE

/* Columns of m_export_responses and m_export_answers, read a row at a
 * time by m_export_response_at and m_export_answer_at. */
enum { XR_RESPONSE,
	XR_PANEL,
	XR_GROUP,
	XR_UNIT,
	XR_UNIT_KIND,
	XR_MONTHS,
	XR_OPENS,
	XR_CLOSES,
	XR_INSTRUMENT,
	XR_VERSION,
	XR_SUBMITTED,
	XR_LANG,
	XR_EASY };
enum { XA_RESPONSE,
	XA_ITEM,
	XA_DONT_KNOW,
	XA_DECLINED,
	XA_INT,
	XA_CHOICES,
	XA_DATE,
	XA_TEXT };

static const struct db_stmt stmts[M__MAX] = {
	[M_AUDIT] = { "m_audit",
	    "INSERT INTO audit_log (actor, action, object, detail)"
	    " VALUES ($1, $2, $3, $4::jsonb)",
	    4 },
	[M_STUDY_FIND] = { "m_study_find",
	    "SELECT study_id, slug FROM study"
	    " WHERE $1::text IS NULL OR slug = $1 ORDER BY study_id",
	    1 },
	[M_WAVE_FIND] = { "m_wave_find",
	    "SELECT w.wave_id, w.study_id, w.months,"
	    " ((w.closes_on + 1)::timestamp)::timestamptz AS expires_at,"
	    " w.closed_at IS NOT NULL, w.closes_on < current_date,"
	    " to_char(w.closes_on, 'YYYY-MM-DD')"
	    " FROM wave w JOIN study s ON s.study_id = w.study_id"
	    " WHERE w.months = $1 AND ($2::text IS NULL OR s.slug = $2)"
	    " ORDER BY w.study_id",
	    2 },
	[M_UNIT_GET] = { "m_unit_get",
	    "SELECT unit_id, study_id, name, report_label FROM unit"
	    " WHERE unit_id = $1",
	    1 },
	[M_WAVE_HAS_GROUP] = { "m_wave_has_group",
	    "SELECT 1 FROM wave_instrument"
	    " WHERE wave_id = $1 AND grp = $2::respondent_group",
	    2 },
	[M_UNIT_LIST] = { "m_unit_list",
	    "SELECT unit_id, name, kind, huvudman, report_label FROM unit"
	    " WHERE study_id = $1 ORDER BY report_label, name",
	    1 },
	[M_STUDY_GET] = { "m_study_get",
	    "SELECT slug, name, to_char(start_date, 'YYYY-MM-DD') FROM study"
	    " WHERE study_id = $1",
	    1 },
	[M_MASK_INSERT] = { "m_mask_insert",
	    "INSERT INTO study_mask_name (study_id, name, kind) VALUES ($1, $2, $3)"
	    " ON CONFLICT (study_id, name) DO UPDATE SET kind = EXCLUDED.kind"
	    " RETURNING 1",
	    3 },
	[M_MASK_DELETE] = { "m_mask_delete",
	    "DELETE FROM study_mask_name WHERE study_id = $1 AND name = $2"
	    " RETURNING 1",
	    2 },
	[M_MASK_LIST] = { "m_mask_list",
	    "SELECT name, kind FROM study_mask_name WHERE study_id = $1"
	    " ORDER BY kind, name",
	    1 },
	[M_UNIT_INSERT] = { "m_unit_insert",
	    "INSERT INTO unit (study_id, name, kind, huvudman, report_label)"
	    " VALUES ($1, $2, $3::unit_kind, $4::huvudman, $5)"
	    " ON CONFLICT (study_id, name) DO NOTHING RETURNING unit_id",
	    5 },
	/* The wave's unused codes expire with it (end of the closing day, as
	 * manage/codes sets it when issuing). One row (the codes moved) when
	 * the wave exists. */
	[M_WAVE_DATES] = { "m_wave_dates",
	    "WITH w AS (UPDATE wave SET opens_on = $2::date, closes_on = $3::date"
	    "  WHERE wave_id = $1 RETURNING wave_id, closes_on),"
	    " c AS (UPDATE access_code a"
	    "  SET expires_at = ((w.closes_on + 1)::timestamp)::timestamptz"
	    "  FROM w WHERE a.wave_id = w.wave_id AND a.used_at IS NULL RETURNING 1)"
	    " SELECT (SELECT count(*) FROM c) FROM w",
	    3 },
	[M_WAVES] = { "m_waves",
	    "SELECT w.months, to_char(w.opens_on, 'YYYY-MM-DD'),"
	    " to_char(w.closes_on, 'YYYY-MM-DD'), w.closed_at IS NOT NULL,"
	    " w.closes_on < current_date, w.opens_on > current_date,"
	    " coalesce((SELECT string_agg(wi.grp::text, ',' ORDER BY wi.grp)"
	    "  FROM wave_instrument wi WHERE wi.wave_id = w.wave_id), '')"
	    " , w.test FROM wave w WHERE w.study_id = $1 ORDER BY w.months",
	    1 },
	[M_PARTICIPANT_COUNTS] = { "m_participant_counts",
	    "SELECT unit_id, grp::text, count(*) FROM participant"
	    " WHERE study_id = $1 GROUP BY unit_id, grp ORDER BY unit_id, grp",
	    1 },
	[M_PARTICIPANT_INSERT] = { "m_participant_insert",
	    "INSERT INTO participant (study_id, panel_id, grp, unit_id)"
	    " VALUES ($1, $2, $3::respondent_group, $4)"
	    " ON CONFLICT (study_id, panel_id) DO NOTHING RETURNING participant_id",
	    4 },
	[M_PARTICIPANTS_CARRY] = { "m_participants_carry",
	    "SELECT p.participant_id, p.panel_id FROM participant p"
	    " WHERE p.unit_id = $3 AND p.grp = $4::respondent_group"
	    " AND (EXISTS (SELECT 1 FROM access_code c"
	    "   WHERE c.participant_id = p.participant_id AND c.wave_id = $1)"
	    "  OR EXISTS (SELECT 1 FROM response r"
	    "   WHERE r.participant_id = p.participant_id AND r.wave_id = $1)"
	    "  OR EXISTS (SELECT 1 FROM consent k"
	    "   WHERE k.participant_id = p.participant_id AND k.wave_id = $1))"
	    " AND NOT EXISTS (SELECT 1 FROM access_code c2"
	    "  WHERE c2.participant_id = p.participant_id AND c2.wave_id = $2)"
	    " ORDER BY p.panel_id LIMIT $5",
	    5 },
	[M_CODE_INSERT] = { "m_code_insert",
	    "INSERT INTO access_code (participant_id, wave_id, code_hash, expires_at)"
	    " VALUES ($1, $2, $3::bytea, $4::timestamptz)"
	    " ON CONFLICT (code_hash) DO NOTHING RETURNING code_id",
	    4 },
	[M_PARTICIPANT_BY_CODE] = { "m_participant_by_code",
	    "SELECT participant_id FROM access_code WHERE code_hash = $1::bytea", 1 },
	[M_PARTICIPANT_BY_PANEL] = { "m_participant_by_panel",
	    "SELECT participant_id FROM participant"
	    " WHERE study_id = $1 AND panel_id = $2",
	    2 },
	[M_PARTICIPANT_GET] = { "m_participant_get",
	    "SELECT p.panel_id, p.grp, u.report_label, s.slug FROM participant p"
	    " JOIN unit u ON u.unit_id = p.unit_id"
	    " JOIN study s ON s.study_id = p.study_id"
	    " WHERE p.participant_id = $1",
	    1 },
	[M_PARTICIPANT_LIST] = { "m_participant_list",
	    "SELECT p.panel_id, p.grp, p.created_at,"
	    " coalesce((SELECT string_agg(w.months::text, ',' ORDER BY w.months)"
	    "  FROM access_code c JOIN wave w ON w.wave_id = c.wave_id"
	    "  WHERE c.participant_id = p.participant_id), '')"
	    " FROM participant p WHERE p.unit_id = $1 ORDER BY p.grp, p.panel_id",
	    1 },
	[M_USER_INSERT] = { "m_user_insert",
	    "INSERT INTO app_user (username, password_hash, role)"
	    " VALUES ($1, $2, $3::user_role) RETURNING user_id",
	    3 },
	[M_USER_BY_NAME] = { "m_user_by_name",
	    "SELECT user_id, password_hash, role, failed_logins,"
	    " coalesce(locked_until > now(), false), disabled"
	    " FROM app_user WHERE username = $1",
	    1 },
	/* The lock doubles per failure past the threshold; the shift is capped
	 * so the interval cannot overflow, and the result at 24 hours. */
	[M_USER_FAIL] = { "m_user_fail",
	    "UPDATE app_user SET failed_logins = failed_logins + 1,"
	    " locked_until = CASE WHEN failed_logins + 1 >= $2::int THEN now() +"
	    "  least(make_interval(mins => $3::int"
	    "   * (1 << least(failed_logins + 1 - $2::int, 10))), interval '24 hours')"
	    "  ELSE locked_until END"
	    " WHERE user_id = $1 RETURNING failed_logins",
	    3 },
	/* $1 address hash, $2 failures allowed, $3 window in minutes */
	[M_LOGIN_ADDR_BLOCKED] = { "m_login_addr_blocked",
	    "SELECT count(*) FROM admin_login_attempt WHERE addr_hash = $1::bytea"
	    " AND failures >= $2::int"
	    " AND window_start > now() - make_interval(mins => $3::int)",
	    3 },
	/* One more failure in the address's window (a new window once the
	 * old one is over); rows whose window ended a day ago go. */
	[M_LOGIN_ADDR_FAIL] = { "m_login_addr_fail",
	    "WITH old AS (DELETE FROM admin_login_attempt"
	    "  WHERE window_start < now() - interval '1 day' AND addr_hash <> $1::bytea)"
	    " INSERT INTO admin_login_attempt AS a (addr_hash, window_start, failures)"
	    " VALUES ($1::bytea, now(), 1)"
	    " ON CONFLICT (addr_hash) DO UPDATE SET"
	    "  failures = CASE WHEN a.window_start > now() - make_interval(mins => $2::int)"
	    "   THEN a.failures + 1 ELSE 1 END,"
	    "  window_start = CASE WHEN a.window_start > now() - make_interval(mins => $2::int)"
	    "   THEN a.window_start ELSE now() END",
	    2 },
	/* addresses refused now: $1 failures allowed, $2 window in minutes */
	[M_LOGIN_ADDR_COUNT] = { "m_login_addr_count",
	    "SELECT count(*) FROM admin_login_attempt WHERE failures >= $1::int"
	    " AND window_start > now() - make_interval(mins => $2::int)",
	    2 },
	[M_LOGIN_ADDR_CLEAR] = { "m_login_addr_clear",
	    "WITH d AS (DELETE FROM admin_login_attempt WHERE failures >= $1::int"
	    " AND window_start > now() - make_interval(mins => $2::int) RETURNING 1)"
	    " SELECT count(*) FROM d",
	    2 },
	[M_USER_OK] = { "m_user_ok",
	    "UPDATE app_user SET failed_logins = 0, locked_until = NULL"
	    " WHERE user_id = $1",
	    1 },
	[M_USER_REHASH] = { "m_user_rehash",
	    "UPDATE app_user SET password_hash = $2 WHERE user_id = $1", 2 },
	[M_USER_UNIT_ADD] = { "m_user_unit_add",
	    "INSERT INTO user_unit (user_id, unit_id) VALUES ($1, $2)"
	    " ON CONFLICT DO NOTHING",
	    2 },
	[M_USER_UNITS] = { "m_user_units",
	    "SELECT u.unit_id, u.report_label FROM user_unit uu"
	    " JOIN unit u ON u.unit_id = uu.unit_id WHERE uu.user_id = $1"
	    " ORDER BY u.report_label",
	    1 },
	[M_USERS] = { "m_users",
	    "SELECT a.user_id, a.username, a.role::text, a.disabled,"
	    " coalesce(a.locked_until > now(), false), a.failed_logins,"
	    " to_char(a.created_at, 'YYYY-MM-DD'),"
	    " coalesce(string_agg(u.name, ', ' ORDER BY u.name), '')"
	    " FROM app_user a LEFT JOIN user_unit uu ON uu.user_id = a.user_id"
	    " LEFT JOIN unit u ON u.unit_id = uu.unit_id"
	    " GROUP BY a.user_id ORDER BY a.username",
	    0 },
	[M_USER_EXISTS] = { "m_user_exists",
	    "SELECT 1 FROM app_user WHERE user_id = $1", 1 },
	[M_SESSION_INSERT] = { "m_session_insert",
	    "INSERT INTO admin_session (token_hash, user_id, csrf_hash, expires_at)"
	    " VALUES ($1::bytea, $2, $3::bytea, now() + make_interval(mins => $4::int))",
	    4 },
	[M_SESSION_TOUCH] = { "m_session_touch",
	    "UPDATE admin_session s SET last_seen = now(),"
	    " expires_at = least(s.created_at + make_interval(hours => $3::int),"
	    "  now() + make_interval(mins => $2::int))"
	    " FROM app_user a"
	    " WHERE s.token_hash = $1::bytea AND s.expires_at > now()"
	    " AND s.created_at + make_interval(hours => $3::int) > now()"
	    " AND a.user_id = s.user_id AND NOT a.disabled"
	    " RETURNING s.user_id, a.username, a.role, encode(s.csrf_hash, 'hex')",
	    3 },
	[M_SESSION_DELETE] = { "m_session_delete",
	    "DELETE FROM admin_session WHERE token_hash = $1::bytea", 1 },
	[M_SESSION_PURGE] = { "m_session_purge",
	    "DELETE FROM admin_session WHERE expires_at <= now()", 0 },
	[M_RATES] = { "m_rates",
	    "SELECT r.months, r.unit_id, r.report_label, r.grp, r.invited,"
	    " r.started, r.consented, r.declined, r.submitted,"
	    " round(100.0 * r.submitted / r.invited, 1)" RATE_FILTER,
	    3 },
	[M_RATES_MASKED] = { "m_rates_masked",
	    "SELECT r.months, r.unit_id, r.report_label, r.grp,"
	    " mask_small(r.invited), mask_small(r.started), mask_small(r.consented),"
	    " mask_small(r.declined), mask_small(r.submitted),"
	    " masked_rate(r.submitted, r.invited)" RATE_FILTER,
	    3 },
	[M_ERASE] = { "m_erase",
	    "SELECT erase_participant($1, $2)", 2 },
	[M_PURGE_DRAFTS] = { "m_purge_drafts",
	    "WITH gone AS (DELETE FROM response WHERE status = 'draft'"
	    " AND updated_at < now() - make_interval(days => $1::int)"
	    " RETURNING 1) SELECT count(*) FROM gone",
	    1 },
	[M_WAVE_CLOSE] = { "m_wave_close",
	    "UPDATE wave SET closed_at = now()"
	    " WHERE wave_id = $1 AND closed_at IS NULL RETURNING wave_id",
	    1 },
	[M_EXPORT_RESPONSES] = { "m_export_responses",
	    "SELECT r.response_id, p.panel_id, p.grp, u.report_label, u.kind,"
	    " w.months, to_char(w.opens_on, 'YYYY-MM-DD'),"
	    " to_char(w.closes_on, 'YYYY-MM-DD'), r.instrument_id, r.version,"
	    " to_char(r.submitted_at AT TIME ZONE 'UTC',"
	    "  'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), r.lang, r.easy" EXPORT_FROM " ORDER BY r.response_id",
	    4 },
	[M_EXPORT_ANSWERS] = { "m_export_answers",
	    "SELECT a.response_id, a.item_id, a.dont_know, a.declined, a.value_int,"
	    " array_to_string(a.value_choices, ';'),"
	    " to_char(a.value_date, 'YYYY-MM-DD'),"
	    " CASE WHEN $2::boolean OR ii.item_type <> 'text' THEN a.value_text END"
	    " FROM answer a JOIN instrument_item ii ON ii.instrument_id = a.instrument_id"
	    "  AND ii.version = a.version AND ii.item_id = a.item_id"
	    " WHERE a.response_id = ANY($1::bigint[])"
	    " ORDER BY a.response_id, a.item_id",
	    2 },
	[M_EXPORT_TEXT_WIDTHS] = { "m_export_text_widths",
	    "SELECT a.item_id, max(octet_length(a.value_text))"
	    " FROM answer a JOIN response r ON r.response_id = a.response_id"
	    " JOIN participant p ON p.participant_id = r.participant_id"
	    " JOIN unit u ON u.unit_id = p.unit_id"
	    " JOIN wave w ON w.wave_id = r.wave_id" EXPORT_WHERE
	    " AND a.value_text IS NOT NULL GROUP BY a.item_id",
	    4 },
	[M_EXPORT_COUNT] = { "m_export_count",
	    "SELECT count(*) FROM answer a"
	    " JOIN response r ON r.response_id = a.response_id"
	    " JOIN participant p ON p.participant_id = r.participant_id"
	    " JOIN instrument_item ii ON ii.instrument_id = a.instrument_id"
	    "  AND ii.version = a.version AND ii.item_id = a.item_id"
	    " WHERE p.study_id = $1 AND r.status = 'submitted'"
	    " AND ii.item_type <> 'text'",
	    1 },
	[M_INSTRUMENTS] = { "m_instruments",
	    "SELECT i.instrument_id, i.version, i.definition::text FROM instrument i"
	    " WHERE EXISTS (SELECT 1 FROM wave_instrument wi"
	    "  JOIN wave w ON w.wave_id = wi.wave_id WHERE w.study_id = $1"
	    "  AND wi.instrument_id = i.instrument_id AND wi.version = i.version)"
	    " ORDER BY i.instrument_id, i.version",
	    1 },
	[M_ACCESS_ROWS] = { "m_access_rows",
	    "SELECT w.months, r.instrument_id, r.version, r.status, r.submitted_at,"
	    " a.item_id, answer_value(a), k.decision, k.decided_at"
	    " FROM wave w"
	    " LEFT JOIN response r ON r.wave_id = w.wave_id AND r.participant_id = $1"
	    " LEFT JOIN consent k ON k.wave_id = w.wave_id AND k.participant_id = $1"
	    " LEFT JOIN LATERAL response_answer_rows(r) a ON true"
	    " LEFT JOIN instrument_item ii ON ii.instrument_id = a.instrument_id"
	    "  AND ii.version = a.version AND ii.item_id = a.item_id"
	    " WHERE r.response_id IS NOT NULL OR k.consent_id IS NOT NULL"
	    " ORDER BY w.months, ii.position",
	    1 },
	[M_STUDY_INSERT] = { "m_study_insert",
	    "INSERT INTO study (slug, name, start_date) VALUES ($1, $2, $3::date)"
	    " ON CONFLICT (slug) DO NOTHING RETURNING study_id",
	    3 },
	[M_STUDIES] = { "m_studies",
	    "SELECT s.slug, s.name, to_char(s.start_date, 'YYYY-MM-DD'), s.synthetic,"
	    " (SELECT count(*) FROM wave w WHERE w.study_id = s.study_id),"
	    " (SELECT count(*) FROM unit u WHERE u.study_id = s.study_id)"
	    " FROM study s ORDER BY s.slug",
	    0 },
	[M_WAVE_INSERT] = { "m_wave_insert",
	    "INSERT INTO wave (study_id, months, opens_on, closes_on)"
	    " VALUES ($1, $2::smallint, $3::date, $4::date)"
	    " ON CONFLICT (study_id, months) DO NOTHING RETURNING wave_id",
	    4 },
	/* The instrument's own "waves" array (forms/README.md) decides which
	 * months it may be used at. */
	[M_INSTRUMENT_FIT] = { "m_instrument_fit",
	    "SELECT grp::text, definition->'waves' @> jsonb_build_array($3::int),"
	    " coalesce((SELECT string_agg(x, ', ')"
	    "  FROM jsonb_array_elements_text(definition->'waves') x), '')"
	    " FROM instrument WHERE instrument_id = $1 AND version = $2::int",
	    3 },
	[M_INSTRUMENT_DEFAULTS] = { "m_instrument_defaults",
	    "SELECT DISTINCT ON (grp) grp::text, instrument_id, version FROM instrument"
	    " WHERE definition->'waves' @> jsonb_build_array($1::int)"
	    " ORDER BY grp, loaded_at DESC, version DESC, instrument_id",
	    1 },
	[M_WAVE_INSTRUMENT_INSERT] = { "m_wave_instrument_insert",
	    "INSERT INTO wave_instrument (wave_id, grp, instrument_id, version)"
	    " VALUES ($1, $2::respondent_group, $3, $4::int)",
	    4 },
	[M_INSTRUMENT_CHOICES] = { "m_instrument_choices",
	    "SELECT grp::text, instrument_id, version, title,"
	    " coalesce((SELECT string_agg(x, ', ')"
	    "  FROM jsonb_array_elements_text(definition->'waves') x), '')"
	    " FROM instrument ORDER BY grp, instrument_id, version DESC",
	    0 },
	/* ---- evaluator tooling (issue 14; views and functions in 0015) ---- */
	[M_USER_SET_DISABLED] = { "m_user_set_disabled",
	    "UPDATE app_user SET disabled = $2::boolean WHERE user_id = $1"
	    " RETURNING username",
	    2 },
	[M_USER_SESSIONS_END] = { "m_user_sessions_end",
	    "WITH d AS (DELETE FROM admin_session WHERE user_id = $1 RETURNING 1)"
	    " SELECT count(*) FROM d",
	    1 },
	[M_USER_SET_PASSWORD] = { "m_user_set_password",
	    "UPDATE app_user SET password_hash = $2, failed_logins = 0,"
	    " locked_until = NULL WHERE user_id = $1 RETURNING username",
	    2 },
	/* $1 actor, $2 action, $3 from date, $4 to date (inclusive), $5 limit,
	 * $6 offset; the last column is the number of matching rows. */
	[M_AUDIT_LIST] = { "m_audit_list",
	    "SELECT audit_id, to_char(at, 'YYYY-MM-DD HH24:MI:SS'), actor, action,"
	    " coalesce(object, ''), coalesce(detail::text, ''), count(*) OVER ()"
	    " FROM audit_log WHERE ($1::text IS NULL OR actor = $1)"
	    " AND ($2::text IS NULL OR action = $2)"
	    " AND ($3::date IS NULL OR at >= $3::date)"
	    " AND ($4::date IS NULL OR at < $4::date + 1)"
	    " ORDER BY audit_id DESC LIMIT $5 OFFSET $6",
	    6 },
	/* $1 study, $2 months, $3 unit, $4 state, $5 test rows too, $6 limit,
	 * $7 offset; the last column is the number of matching rows. */
	[M_STATUS_LIST] = { "m_status_list",
	    "SELECT months, unit_id, unit_name, panel_id, grp::text, state,"
	    " to_char(issued_at, 'YYYY-MM-DD'), to_char(opened_at, 'YYYY-MM-DD'),"
	    " to_char(decided_at, 'YYYY-MM-DD'), to_char(started_at, 'YYYY-MM-DD'),"
	    " to_char(submitted_at, 'YYYY-MM-DD'), test, coalesce(replacements, 0),"
	    " count(*) OVER ()"
	    " FROM participant_status WHERE study_id = $1"
	    " AND ($2::int IS NULL OR months = $2) AND ($3::bigint IS NULL OR unit_id = $3)"
	    " AND ($4::text IS NULL OR state = $4) AND ($5::boolean OR NOT test)"
	    " ORDER BY months, unit_name, panel_id LIMIT $6 OFFSET $7",
	    7 },
	/* Real pairs per wave and state: months, state, count. */
	[M_STATUS_COUNTS] = { "m_status_counts",
	    "SELECT months, state, count(*) FROM participant_status"
	    " WHERE study_id = $1 AND NOT test GROUP BY months, state"
	    " ORDER BY months, state",
	    1 },
	/* A participant's code for a wave: code_id, participant_id, used. */
	[M_CODE_OF] = { "m_code_of",
	    "SELECT c.code_id, p.participant_id, c.used_at IS NOT NULL"
	    " FROM participant p JOIN access_code c ON c.participant_id = p.participant_id"
	    " JOIN wave w ON w.wave_id = c.wave_id"
	    " WHERE p.study_id = $1 AND p.panel_id = $2 AND w.months = $3",
	    3 },
	[M_CODE_REPLACE] = { "m_code_replace",
	    "SELECT code_replace($1, $2::bytea, $3)", 3 },
	[M_WAVE_SET_TEST] = { "m_wave_set_test",
	    "SELECT wave_set_test($1, $2::boolean, $3)", 3 },
	[M_CODE_SET_TEST] = { "m_code_set_test",
	    "SELECT code_set_test($1, $2::boolean, $3)", 3 },
	[M_TEST_PURGE] = { "m_test_purge",
	    "SELECT test_purge($1, $2)", 2 },
};

enum cstmt { C_RATES,
	C_STATUS,
	C__MAX };

static const struct db_stmt contact_stmts[C__MAX] = {
	[C_RATES] = { "c_rates",
	    "SELECT months, unit_id, report_label, grp, invited, started,"
	    " consented, declined, submitted, rate FROM contact_rates($1)",
	    1 },
	/* The same columns as m_status_list (test always false, no
	 * replacements shown), for the session's own units only. */
	[C_STATUS] = { "c_status",
	    "SELECT months, unit_id, unit_name, panel_id, grp::text, state,"
	    " to_char(issued_at, 'YYYY-MM-DD'), to_char(opened_at, 'YYYY-MM-DD'),"
	    " to_char(decided_at, 'YYYY-MM-DD'), to_char(started_at, 'YYYY-MM-DD'),"
	    " to_char(submitted_at, 'YYYY-MM-DD'), false, 0, total"
	    " FROM contact_status($1, $2, $3, $4, $5, $6)",
	    6 },
};

const struct db_stmt *
db_manage_stmts(size_t *n)
{
	/* manage/'s statements, then qualitative coding's (db_qual.c): one
	 * table per connection. Filled on the first call, which every program
	 * makes before it starts threads. */
	static struct db_stmt all[M__MAX + DB_QUAL_STMTS_MAX + DB_QEX_STMTS_MAX];

	if (all[0].name == NULL) {
		memcpy(all, stmts, sizeof(stmts));
		memcpy(all + M__MAX, db_qual_stmts, db_qual_nstmts * sizeof(all[0]));
		/* the category table's examples (db_qual_examples.c) */
		db_qex_base = M__MAX + db_qual_nstmts;
		memcpy(all + db_qex_base, db_qex_stmts, db_qex_nstmts * sizeof(all[0]));
	}
	*n = M__MAX + db_qual_nstmts + db_qex_nstmts;
	return all;
}
const size_t db_qual_base = M__MAX;

uf_err
db_manage_connect(const char *conninfo, struct db **out)
{
	size_t n;
	const struct db_stmt *all = db_manage_stmts(&n);

	return db_connect(conninfo, all, n, out);
}

uf_err
db_contact_connect(const char *conninfo, struct db **out)
{
	return db_connect(conninfo, contact_stmts, C__MAX, out);
}

/* Decimal text of n in a caller's buffer of 24 bytes. */
static const char *
num(char b[24], long long n)
{
	int w = snprintf(b, 24, "%lld", n);

	if (w < 0 || w >= 24)
		b[0] = '\0'; /* cannot happen for a long long */
	return b;
}

/* Run a statement and hand the rows to the caller. */
static uf_err
rows(struct db *db, size_t idx, const char *const *p, struct db_res **out)
{
	*out = NULL;
	return db_exec(db, idx, p, out);
}

/* Run a statement that returns at most one integer; *v = 0 without rows. */
static uf_err
one_ll(struct db *db, size_t idx, const char *const *p, long long *v)
{
	struct db_res *r = NULL;
	uf_err e;

	*v = 0;
	if ((e = db_exec(db, idx, p, &r)) != UF_OK)
		goto out;
	if (r != NULL && db_res_rows(r) > 0)
		e = db_res_long(r, 0, 0, v);
out:
	db_res_free(r);
	return e;
}

/* rows() and one_ll() of a statement whose one parameter is an id. */
static uf_err
rows_by_id(struct db *db, size_t idx, long long id, struct db_res **out)
{
	char b[24];
	const char *p[] = { num(b, id) };

	return rows(db, idx, p, out);
}

/* Typed reads: fill(r, i, row) turns row i of a result into a struct. */
typedef uf_err (*row_fill)(const struct db_res *r, int i, void *row);

/* Run statement idx and fill an array of structs of size bytes, one per
 * row; the strings in them point into the result, handed out in *res with
 * the array in *rows (NULL when there are no rows) and the count in *n.
 * On failure nothing is handed out. */
static uf_err
read_list(struct db *db, size_t idx, const char *const *p, size_t size,
    row_fill fill, void **rows, int *n, struct db_res **res)
{
	struct db_res *r = NULL;
	char *v = NULL;
	int i, k = 0;
	uf_err e;

	*rows = NULL;
	*n = 0;
	*res = NULL;
	if ((e = db_exec(db, idx, p, &r)) != UF_OK)
		goto out;
	k = r != NULL ? db_res_rows(r) : 0;
	if (k > 0 && (v = calloc((size_t)k, size)) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (i = 0; i < k; i++)
		if ((e = fill(r, i, v + (size_t)i * size)) != UF_OK)
			goto out;
	*rows = v;
	*n = k;
	*res = r;
	v = NULL;
	r = NULL;
out:
	free(v);
	db_res_free(r);
	return e;
}

/* The other half of read_list: free the array and the result. */
static void
list_release(void *rows, struct db_res *res)
{
	free(rows);
	db_res_free(res);
}

/* Run statement idx and fill *row (size bytes) from its one row with fill;
 * *found false (and *row zeroed) when there is no row. */
static uf_err
read_one(struct db *db, size_t idx, const char *const *p, size_t size,
    row_fill fill, void *row, bool *found)
{
	struct db_res *r = NULL;
	uf_err e;

	memset(row, 0, size);
	*found = false;
	if ((e = db_exec(db, idx, p, &r)) != UF_OK || r == NULL ||
	    db_res_rows(r) != 1)
		goto out;
	if ((e = fill(r, 0, row)) != UF_OK) {
		memset(row, 0, size);
		goto out;
	}
	*found = true;
out:
	db_res_free(r);
	return e;
}

/* Copy a text column into a fixed field; false when it does not fit. */
static bool
field_copy(const struct db_res *r, int row, int col, char *to, size_t size)
{
	const char *v = db_res_get(r, row, col);
	size_t n = strlen(v);

	if (n >= size)
		return false;
	memcpy(to, v, n + 1);
	return true;
}

static uf_err
carried_fill(const struct db_res *r, int i, void *row)
{
	struct m_carried *c = row;

	c->panel_id = db_res_get(r, i, 1);
	return db_res_long(r, i, 0, &c->participant_id);
}

/* A boolean column as PostgreSQL writes it ("t"/"f"); NULL reads false. */
static bool
field_bool(const struct db_res *r, int row, int col)
{
	return strcmp(db_res_get(r, row, col), "t") == 0;
}

/* A text column, or NULL for NULL. */
static const char *
field_or_null(const struct db_res *r, int row, int col)
{
	return db_res_isnull(r, row, col) ? NULL : db_res_get(r, row, col);
}

/* A user role column; ROLE__MAX when it is not one we know. */
static enum user_role
field_role(const struct db_res *r, int row, int col)
{
	enum user_role role = ROLE__MAX;

	(void)user_role_parse(db_res_get(r, row, col), &role);
	return role;
}

/* An int column (smallint, int); UF_EINVAL for NULL or out of range. */
static uf_err
field_int(const struct db_res *r, int row, int col, int *v)
{
	long long x;
	uf_err e = db_res_long(r, row, col, &x);

	if (e == UF_OK && (x < INT_MIN || x > INT_MAX))
		e = UF_EINVAL;
	if (e == UF_OK)
		*v = (int)x;
	return e;
}

static uf_err
one_ll_by_id(struct db *db, size_t idx, long long id, long long *v)
{
	char b[24];
	const char *p[] = { num(b, id) };

	return one_ll(db, idx, p, v);
}

/* Run a statement whose rows do not matter. */
static uf_err
run(struct db *db, size_t idx, const char *const *p)
{
	struct db_res *r = NULL;
	uf_err e = db_exec(db, idx, p, &r);

	db_res_free(r);
	return e;
}

uf_err
db_m_audit(struct db *db, const char *actor, const char *action,
    const char *object, const char *detail_json)
{
	const char *p[] = { actor, action, object, detail_json };
	return run(db, M_AUDIT, p);
}

uf_err
db_m_study_find(struct db *db, const char *slug, long long *study, int *count)
{
	const char *p[] = { slug };
	struct db_res *r = NULL;
	uf_err e;

	*study = 0;
	*count = 0;
	if ((e = rows(db, M_STUDY_FIND, p, &r)) != UF_OK)
		goto out;
	*count = db_res_rows(r);
	if (*count > 0)
		e = db_res_long(r, 0, 0, study);
out:
	db_res_free(r);
	return e;
}

uf_err
db_m_wave_find(struct db *db, int months, const char *slug,
    struct wave_info *out, int *count)
{
	char m[24];
	const char *p[] = { num(m, months), slug };
	struct db_res *r = NULL;
	uf_err e;

	memset(out, 0, sizeof(*out));
	*count = 0;
	if ((e = rows(db, M_WAVE_FIND, p, &r)) != UF_OK ||
	    (*count = db_res_rows(r)) == 0)
		goto out;
	if (!field_copy(r, 0, 3, out->expires_at, sizeof(out->expires_at)) ||
	    !field_copy(r, 0, 6, out->closes_on, sizeof(out->closes_on)) ||
	    field_int(r, 0, 2, &out->months) != UF_OK) {
		e = UF_EINTERNAL;
		goto out;
	}
	if ((e = db_res_long(r, 0, 0, &out->wave_id)) != UF_OK ||
	    (e = db_res_long(r, 0, 1, &out->study_id)) != UF_OK)
		goto out;
	out->closed = field_bool(r, 0, 4);
	out->past = field_bool(r, 0, 5);
out:
	db_res_free(r);
	return e;
}

uf_err
db_m_unit_get(struct db *db, long long unit, struct unit_info *out,
    bool *found)
{
	struct db_res *r = NULL;
	uf_err e;

	memset(out, 0, sizeof(*out));
	*found = false;
	if ((e = rows_by_id(db, M_UNIT_GET, unit, &r)) != UF_OK ||
	    db_res_rows(r) != 1)
		goto out;
	if (!field_copy(r, 0, 3, out->report_label, sizeof(out->report_label))) {
		e = UF_EINTERNAL;
		goto out;
	}
	if ((e = db_res_long(r, 0, 0, &out->unit_id)) != UF_OK ||
	    (e = db_res_long(r, 0, 1, &out->study_id)) != UF_OK)
		goto out;
	*found = true;
out:
	db_res_free(r);
	return e;
}

uf_err
db_m_wave_has_group(struct db *db, long long wave, const char *grp, bool *yes)
{
	char w[24];
	const char *p[] = { num(w, wave), grp };
	long long v;
	uf_err e = one_ll(db, M_WAVE_HAS_GROUP, p, &v);

	*yes = e == UF_OK && v == 1;
	return e;
}

static uf_err
unit_fill(const struct db_res *r, int i, void *row)
{
	struct m_unit *u = row;

	u->name = db_res_get(r, i, 1);
	u->kind = db_res_get(r, i, 2);
	u->huvudman = db_res_get(r, i, 3);
	u->report_label = db_res_get(r, i, 4);
	return db_res_long(r, i, 0, &u->unit_id);
}

uf_err
db_m_unit_list(struct db *db, long long study, struct m_units *out)
{
	char b[24];
	const char *p[] = { num(b, study) };

	return read_list(db, M_UNIT_LIST, p, sizeof(*out->row), unit_fill,
	    (void **)&out->row, &out->n, &out->res);
}

void
m_units_free(struct m_units *l)
{
	list_release(l->row, l->res);
	memset(l, 0, sizeof(*l));
}

const struct m_unit *
m_units_find(const struct m_units *l, long long unit_id)
{
	int i;

	for (i = 0; i < l->n; i++)
		if (l->row[i].unit_id == unit_id)
			return &l->row[i];
	return NULL;
}

uf_err
db_m_study_get(struct db *db, long long study, struct m_study_row *out,
    bool *found)
{
	struct db_res *r = NULL;
	uf_err e;

	memset(out, 0, sizeof(*out));
	*found = false;
	if ((e = rows_by_id(db, M_STUDY_GET, study, &r)) != UF_OK ||
	    db_res_rows(r) != 1)
		goto out;
	if (!field_copy(r, 0, 0, out->slug, sizeof(out->slug)) ||
	    !field_copy(r, 0, 1, out->name, sizeof(out->name)) ||
	    !field_copy(r, 0, 2, out->start_date, sizeof(out->start_date))) {
		e = UF_EINTERNAL;
		goto out;
	}
	*found = true;
out:
	db_res_free(r);
	return e;
}

uf_err
db_m_mask_insert(struct db *db, long long study, const char *name, const char *kind)
{
	char s[24];
	long long one;
	const char *p[] = { num(s, study), name, kind };
	return one_ll(db, M_MASK_INSERT, p, &one);
}

uf_err
db_m_mask_delete(struct db *db, long long study, const char *name, bool *found)
{
	char s[24];
	long long one;
	const char *p[] = { num(s, study), name };
	uf_err e = one_ll(db, M_MASK_DELETE, p, &one);
	*found = e == UF_OK && one == 1;
	return e;
}

static uf_err
mask_fill(const struct db_res *r, int i, void *row)
{
	struct m_mask *m = row;

	m->name = db_res_get(r, i, 0);
	m->kind = db_res_get(r, i, 1);
	return UF_OK;
}

uf_err
db_m_mask_list(struct db *db, long long study, struct m_masks *out)
{
	char s[24];
	const char *p[] = { num(s, study) };

	return read_list(db, M_MASK_LIST, p, sizeof(*out->row), mask_fill,
	    (void **)&out->row, &out->n, &out->res);
}

void
m_masks_free(struct m_masks *l)
{
	list_release(l->row, l->res);
	memset(l, 0, sizeof(*l));
}

uf_err
db_m_unit_insert(struct db *db, long long study, const char *name,
    const char *kind, const char *huvudman, const char *label, long long *id)
{
	char s[24];
	const char *p[] = { num(s, study), name, kind, huvudman, label };
	return one_ll(db, M_UNIT_INSERT, p, id);
}

uf_err
db_m_wave_dates(struct db *db, long long wave, const char *opens_on,
    const char *closes_on, bool *changed, long long *codes)
{
	char w[24];
	const char *p[] = { num(w, wave), opens_on, closes_on };
	struct db_res *r = NULL;
	uf_err e;

	*changed = false;
	*codes = 0;
	if ((e = db_exec(db, M_WAVE_DATES, p, &r)) == UF_OK && r != NULL &&
	    db_res_rows(r) == 1) {
		*changed = true;
		e = db_res_long(r, 0, 0, codes);
	}
	db_res_free(r);
	return e;
}

static uf_err
wave_fill(const struct db_res *r, int i, void *row)
{
	struct m_wave *w = row;

	w->opens_on = db_res_get(r, i, 1);
	w->closes_on = db_res_get(r, i, 2);
	w->closed = field_bool(r, i, 3);
	w->past = field_bool(r, i, 4);
	w->not_yet_open = field_bool(r, i, 5);
	w->groups = db_res_get(r, i, 6);
	w->test = field_bool(r, i, 7);
	return field_int(r, i, 0, &w->months);
}

uf_err
db_m_waves(struct db *db, long long study, struct m_waves *out)
{
	char b[24];
	const char *p[] = { num(b, study) };

	return read_list(db, M_WAVES, p, sizeof(*out->row), wave_fill,
	    (void **)&out->row, &out->n, &out->res);
}

void
m_waves_free(struct m_waves *l)
{
	list_release(l->row, l->res);
	memset(l, 0, sizeof(*l));
}

static uf_err
participant_count_fill(const struct db_res *r, int i, void *row)
{
	struct m_participant_count *pc = row;
	uf_err e;

	pc->grp = db_res_get(r, i, 1);
	if ((e = db_res_long(r, i, 0, &pc->unit_id)) != UF_OK)
		return e;
	return db_res_long(r, i, 2, &pc->n);
}

uf_err
db_m_participant_counts(struct db *db, long long study,
    struct m_participant_counts *out)
{
	char b[24];
	const char *p[] = { num(b, study) };

	return read_list(db, M_PARTICIPANT_COUNTS, p, sizeof(*out->row),
	    participant_count_fill, (void **)&out->row, &out->n, &out->res);
}

void
m_participant_counts_free(struct m_participant_counts *l)
{
	list_release(l->row, l->res);
	memset(l, 0, sizeof(*l));
}

uf_err
db_m_participant_insert(struct db *db, long long study, const char *panel_id,
    const char *grp, long long unit, long long *id)
{
	char s[24], u[24];
	const char *p[] = { num(s, study), panel_id, grp, num(u, unit) };
	return one_ll(db, M_PARTICIPANT_INSERT, p, id);
}

uf_err
db_m_participants_carry(struct db *db, long long from_wave, long long to_wave,
    long long unit, const char *grp, long limit, struct m_carried_list *out)
{
	char f[24], t[24], u[24], l[24];
	const char *p[] = { num(f, from_wave), num(t, to_wave), num(u, unit), grp,
		limit > 0 ? num(l, limit) : NULL };

	return read_list(db, M_PARTICIPANTS_CARRY, p, sizeof(*out->row),
	    carried_fill, (void **)&out->row, &out->n, &out->res);
}

void
m_carried_list_free(struct m_carried_list *l)
{
	list_release(l->row, l->res);
	memset(l, 0, sizeof(*l));
}

uf_err
db_m_code_insert(struct db *db, long long participant, long long wave,
    const char *hash_bytea, const char *expires_at, long long *id)
{
	char pa[24], w[24];
	const char *p[] = { num(pa, participant), num(w, wave), hash_bytea,
		expires_at };
	return one_ll(db, M_CODE_INSERT, p, id);
}

uf_err
db_m_participant_by_code(struct db *db, const char *hash_bytea, long long *id)
{
	const char *p[] = { hash_bytea };
	return one_ll(db, M_PARTICIPANT_BY_CODE, p, id);
}

uf_err
db_m_participant_by_panel(struct db *db, long long study, const char *panel_id,
    long long *id)
{
	char s[24];
	const char *p[] = { num(s, study), panel_id };
	return one_ll(db, M_PARTICIPANT_BY_PANEL, p, id);
}

uf_err
db_m_participant_get(struct db *db, long long id, struct m_participant *out,
    bool *found)
{
	struct db_res *r = NULL;
	uf_err e;

	memset(out, 0, sizeof(*out));
	*found = false;
	if ((e = rows_by_id(db, M_PARTICIPANT_GET, id, &r)) != UF_OK ||
	    db_res_rows(r) != 1)
		goto out;
	if (!field_copy(r, 0, 0, out->panel_id, sizeof(out->panel_id)) ||
	    !group_parse(db_res_get(r, 0, 1), &out->grp) ||
	    !field_copy(r, 0, 2, out->report_label, sizeof(out->report_label)) ||
	    !field_copy(r, 0, 3, out->study, sizeof(out->study))) {
		e = UF_EINTERNAL;
		goto out;
	}
	*found = true;
out:
	db_res_free(r);
	return e;
}

static uf_err
unit_participant_fill(const struct db_res *r, int i, void *row)
{
	struct m_unit_participant *p = row;

	p->panel_id = db_res_get(r, i, 0);
	p->grp = db_res_get(r, i, 1);
	p->waves = db_res_get(r, i, 3);
	return UF_OK;
}

uf_err
db_m_participant_list(struct db *db, long long unit,
    struct m_unit_participants *out)
{
	char b[24];
	const char *p[] = { num(b, unit) };

	return read_list(db, M_PARTICIPANT_LIST, p, sizeof(*out->row),
	    unit_participant_fill, (void **)&out->row, &out->n, &out->res);
}

void
m_unit_participants_free(struct m_unit_participants *l)
{
	list_release(l->row, l->res);
	memset(l, 0, sizeof(*l));
}

uf_err
db_m_user_insert(struct db *db, const char *username, const char *pw_hash,
    const char *role, long long *id)
{
	const char *p[] = { username, pw_hash, role };
	return one_ll(db, M_USER_INSERT, p, id);
}

static uf_err
user_auth_fill(const struct db_res *r, int i, void *row)
{
	struct m_user_auth *u = row;

	if (!field_copy(r, i, 1, u->password_hash, sizeof(u->password_hash)) ||
	    db_res_long(r, i, 0, &u->user_id) != UF_OK ||
	    field_int(r, i, 3, &u->failed_logins) != UF_OK)
		return UF_EINTERNAL;
	u->role = field_role(r, i, 2);
	u->locked = field_bool(r, i, 4);
	u->disabled = field_bool(r, i, 5);
	return UF_OK;
}

uf_err
db_m_user_by_name(struct db *db, const char *username, struct m_user_auth *out,
    bool *found)
{
	const char *p[] = { username };

	return read_one(db, M_USER_BY_NAME, p, sizeof(*out), user_auth_fill, out,
	    found);
}

uf_err
db_m_user_fail(struct db *db, long long user, int threshold, int base_minutes,
    int *failures)
{
	char u[24], t[24], b[24];
	const char *p[] = { num(u, user), num(t, threshold), num(b, base_minutes) };
	long long v = 0;
	uf_err e = one_ll(db, M_USER_FAIL, p, &v);

	*failures = (int)v;
	return e;
}

uf_err
db_m_login_addr_blocked(struct db *db, const char *addr_hash, int max_failures,
    int window_minutes, bool *blocked)
{
	char m[24], w[24];
	const char *p[] = { addr_hash, num(m, max_failures), num(w, window_minutes) };
	long long n = 0;
	uf_err e = one_ll(db, M_LOGIN_ADDR_BLOCKED, p, &n);

	*blocked = e == UF_OK && n > 0;
	return e;
}

uf_err
db_m_login_addr_count(struct db *db, int max_failures, int window_minutes,
    bool clear, long long *n)
{
	char m[24], w[24];
	const char *p[] = { num(m, max_failures), num(w, window_minutes) };

	return one_ll(db, clear ? M_LOGIN_ADDR_CLEAR : M_LOGIN_ADDR_COUNT, p, n);
}

uf_err
db_m_login_addr_fail(struct db *db, const char *addr_hash, int window_minutes)
{
	char w[24];
	const char *p[] = { addr_hash, num(w, window_minutes) };

	return run(db, M_LOGIN_ADDR_FAIL, p);
}

uf_err
db_m_user_ok(struct db *db, long long user)
{
	char u[24];
	const char *p[] = { num(u, user) };
	return run(db, M_USER_OK, p);
}

uf_err
db_m_user_rehash(struct db *db, long long user, const char *pw_hash)
{
	char u[24];
	const char *p[] = { num(u, user), pw_hash };
	return run(db, M_USER_REHASH, p);
}

uf_err
db_m_user_unit_add(struct db *db, long long user, long long unit)
{
	char u[24], n[24];
	const char *p[] = { num(u, user), num(n, unit) };
	return run(db, M_USER_UNIT_ADD, p);
}

static uf_err
user_unit_fill(const struct db_res *r, int i, void *row)
{
	struct m_unit *u = row;

	u->report_label = db_res_get(r, i, 1);
	return db_res_long(r, i, 0, &u->unit_id);
}

uf_err
db_m_user_units(struct db *db, long long user, struct m_units *out)
{
	char b[24];
	const char *p[] = { num(b, user) };

	return read_list(db, M_USER_UNITS, p, sizeof(*out->row), user_unit_fill,
	    (void **)&out->row, &out->n, &out->res);
}

static uf_err
user_fill(const struct db_res *r, int i, void *row)
{
	struct m_user *u = row;
	uf_err e;

	u->username = db_res_get(r, i, 1);
	u->role = field_role(r, i, 2);
	u->disabled = field_bool(r, i, 3);
	u->locked = field_bool(r, i, 4);
	u->created = db_res_get(r, i, 6);
	u->units = db_res_get(r, i, 7);
	if ((e = field_int(r, i, 5, &u->failed_logins)) != UF_OK)
		return e;
	return db_res_long(r, i, 0, &u->user_id);
}

uf_err
db_m_users(struct db *db, struct m_users *out)
{
	return read_list(db, M_USERS, NULL, sizeof(*out->row), user_fill,
	    (void **)&out->row, &out->n, &out->res);
}

void
m_users_free(struct m_users *l)
{
	list_release(l->row, l->res);
	memset(l, 0, sizeof(*l));
}

uf_err
db_m_user_exists(struct db *db, long long user, bool *yes)
{
	long long v = 0;
	uf_err e = one_ll_by_id(db, M_USER_EXISTS, user, &v);

	*yes = e == UF_OK && v == 1;
	return e;
}

uf_err
db_m_session_insert(struct db *db, const char *token_hash_bytea, long long user,
    const char *csrf_hash_bytea, int idle_minutes)
{
	char u[24], i[24];
	const char *p[] = { token_hash_bytea, num(u, user), csrf_hash_bytea,
		num(i, idle_minutes) };
	return run(db, M_SESSION_INSERT, p);
}

static uf_err
session_user_fill(const struct db_res *r, int i, void *row)
{
	struct m_session_user *s = row;

	if (!field_copy(r, i, 1, s->username, sizeof(s->username)) ||
	    !field_copy(r, i, 3, s->csrf_hash, sizeof(s->csrf_hash)) ||
	    db_res_long(r, i, 0, &s->user_id) != UF_OK)
		return UF_EINTERNAL;
	s->role = field_role(r, i, 2);
	return UF_OK;
}

uf_err
db_m_session_touch(struct db *db, const char *token_hash_bytea,
    int idle_minutes, int absolute_hours, struct m_session_user *out,
    bool *found)
{
	char i[24], a[24];
	const char *p[] = { token_hash_bytea, num(i, idle_minutes),
		num(a, absolute_hours) };

	return read_one(db, M_SESSION_TOUCH, p, sizeof(*out), session_user_fill,
	    out, found);
}

uf_err
db_m_session_delete(struct db *db, const char *token_hash_bytea)
{
	const char *p[] = { token_hash_bytea };
	return run(db, M_SESSION_DELETE, p);
}

uf_err
db_m_session_purge(struct db *db)
{
	return run(db, M_SESSION_PURGE, NULL);
}

/* A count column of the rate statements: RATE_MASKED for NULL. */
static uf_err
rate_count(const struct db_res *r, int i, int col, long long *v)
{
	if (db_res_isnull(r, i, col)) {
		*v = RATE_MASKED;
		return UF_OK;
	}
	return db_res_long(r, i, col, v);
}

/* A row of m_rates, m_rates_masked and c_rates (the same columns). */
static uf_err
rate_fill(const struct db_res *r, int i, void *row)
{
	struct rate_row *x = row;
	const char *rate;
	char *end;

	if (!field_copy(r, i, 2, x->report_label, sizeof(x->report_label)) ||
	    !field_copy(r, i, 3, x->grp, sizeof(x->grp)) ||
	    field_int(r, i, 0, &x->months) != UF_OK ||
	    db_res_long(r, i, 1, &x->unit_id) != UF_OK ||
	    rate_count(r, i, 4, &x->invited) != UF_OK ||
	    rate_count(r, i, 5, &x->started) != UF_OK ||
	    rate_count(r, i, 6, &x->consented) != UF_OK ||
	    rate_count(r, i, 7, &x->declined) != UF_OK ||
	    rate_count(r, i, 8, &x->submitted) != UF_OK)
		return UF_EINTERNAL;
	if (db_res_isnull(r, i, 9))
		return UF_OK;
	rate = db_res_get(r, i, 9);
	x->rate = strtod(rate, &end);
	x->rate_shown = true;
	return end != rate && *end == '\0' ? UF_OK : UF_EINTERNAL;
}

/* Run a rate statement into *out (its strings are copied: no result kept). */
static uf_err
rates_read(struct db *db, size_t idx, const char *const *p,
    struct rate_table *out)
{
	struct db_res *res = NULL;
	void *rows = NULL;
	int n = 0;
	uf_err e;

	memset(out, 0, sizeof(*out));
	e = read_list(db, idx, p, sizeof(*out->rows), rate_fill, &rows, &n, &res);
	db_res_free(res);
	out->rows = rows;
	out->n = (size_t)n;
	return e;
}

uf_err
db_m_rates(struct db *db, long long study, int months, long long unit,
    bool masked, struct rate_table *out)
{
	char s[24], m[24], u[24];
	const char *p[] = { num(s, study), months > 0 ? num(m, months) : NULL,
		unit > 0 ? num(u, unit) : NULL };

	return rates_read(db, masked ? M_RATES_MASKED : M_RATES, p, out);
}

uf_err
db_m_contact_rates(struct db *db, const char *token, struct rate_table *out)
{
	const char *p[] = { token };

	return rates_read(db, C_RATES, p, out);
}

uf_err
db_m_erase(struct db *db, long long participant, const char *actor)
{
	char pa[24];
	const char *p[] = { num(pa, participant), actor };
	return run(db, M_ERASE, p);
}

uf_err
db_m_purge_drafts(struct db *db, int days, long long *n)
{
	return one_ll_by_id(db, M_PURGE_DRAFTS, days, n);
}

uf_err
db_m_wave_close(struct db *db, long long wave, bool *changed)
{
	long long v = 0;
	uf_err e = one_ll_by_id(db, M_WAVE_CLOSE, wave, &v);

	*changed = e == UF_OK && v != 0;
	return e;
}

/* The four filter parameters of EXPORT_WHERE, as text (NULL: all). */
static void
export_params(const struct db_export_filter *f, char s[24], char m[24],
    const char *p[4])
{
	p[0] = num(s, f->study);
	p[1] = f->months > 0 ? num(m, f->months) : NULL;
	p[2] = f->group;
	p[3] = f->unit_kind;
}

/* Run statement idx into a result read a row at a time: *n its rows. */
static uf_err
read_rows(struct db *db, size_t idx, const char *const *p, int *n,
    struct db_res **res)
{
	uf_err e = rows(db, idx, p, res);

	*n = e == UF_OK && *res != NULL ? db_res_rows(*res) : 0;
	return e;
}

uf_err
db_m_export_responses(struct db *db, const struct db_export_filter *f,
    struct m_export_responses *out)
{
	char s[24], m[24];
	const char *p[4];

	export_params(f, s, m, p);
	return read_rows(db, M_EXPORT_RESPONSES, p, &out->n, &out->res);
}

uf_err
m_export_response_at(const struct m_export_responses *l, int i,
    struct m_export_response *out)
{
	const struct db_res *r = l->res;

	out->panel_id = db_res_get(r, i, XR_PANEL);
	out->grp = db_res_get(r, i, XR_GROUP);
	out->unit = db_res_get(r, i, XR_UNIT);
	out->unit_kind = db_res_get(r, i, XR_UNIT_KIND);
	out->opens_on = db_res_get(r, i, XR_OPENS);
	out->closes_on = db_res_get(r, i, XR_CLOSES);
	out->instrument_id = db_res_get(r, i, XR_INSTRUMENT);
	out->submitted_at = db_res_get(r, i, XR_SUBMITTED);
	out->lang = db_res_get(r, i, XR_LANG);
	out->easy = field_bool(r, i, XR_EASY);
	if (db_res_long(r, i, XR_RESPONSE, &out->response_id) != UF_OK ||
	    field_int(r, i, XR_MONTHS, &out->months) != UF_OK ||
	    field_int(r, i, XR_VERSION, &out->version) != UF_OK)
		return UF_EINTERNAL;
	return UF_OK;
}

void
m_export_responses_free(struct m_export_responses *l)
{
	db_res_free(l->res);
	memset(l, 0, sizeof(*l));
}

uf_err
db_m_export_answers(struct db *db, const char *ids, bool free_text,
    struct m_export_answers *out)
{
	const char *p[] = { ids, free_text ? "true" : "false" };

	return read_rows(db, M_EXPORT_ANSWERS, p, &out->n, &out->res);
}

uf_err
m_export_answer_at(const struct m_export_answers *l, int i,
    struct m_export_answer *out)
{
	const struct db_res *r = l->res;

	out->item_id = db_res_get(r, i, XA_ITEM);
	out->dont_know = field_bool(r, i, XA_DONT_KNOW);
	out->declined = field_bool(r, i, XA_DECLINED);
	out->choices = db_res_get(r, i, XA_CHOICES);
	out->date = db_res_get(r, i, XA_DATE);
	out->text = db_res_get(r, i, XA_TEXT);
	out->has_int = !db_res_isnull(r, i, XA_INT);
	out->value_int = 0;
	if ((out->has_int &&
	        db_res_long(r, i, XA_INT, &out->value_int) != UF_OK) ||
	    db_res_long(r, i, XA_RESPONSE, &out->response_id) != UF_OK)
		return UF_EINTERNAL;
	return UF_OK;
}

void
m_export_answers_free(struct m_export_answers *l)
{
	db_res_free(l->res);
	memset(l, 0, sizeof(*l));
}

static uf_err
text_width_fill(const struct db_res *r, int i, void *row)
{
	struct m_text_width *w = row;

	w->item_id = db_res_get(r, i, 0);
	return db_res_long(r, i, 1, &w->bytes);
}

uf_err
db_m_export_text_widths(struct db *db, const struct db_export_filter *f,
    struct m_text_widths *out)
{
	char s[24], m[24];
	const char *p[4];

	export_params(f, s, m, p);
	return read_list(db, M_EXPORT_TEXT_WIDTHS, p, sizeof(*out->row),
	    text_width_fill, (void **)&out->row, &out->n, &out->res);
}

void
m_text_widths_free(struct m_text_widths *l)
{
	list_release(l->row, l->res);
	memset(l, 0, sizeof(*l));
}

uf_err
db_m_export_count(struct db *db, long long study, long long *n)
{
	return one_ll_by_id(db, M_EXPORT_COUNT, study, n);
}

static uf_err
instrument_def_fill(const struct db_res *r, int i, void *row)
{
	struct m_instrument_def *d = row;

	d->instrument_id = db_res_get(r, i, 0);
	d->definition = db_res_get(r, i, 2);
	return field_int(r, i, 1, &d->version);
}

uf_err
db_m_instruments(struct db *db, long long study, struct m_instrument_defs *out)
{
	char b[24];
	const char *p[] = { num(b, study) };

	return read_list(db, M_INSTRUMENTS, p, sizeof(*out->row),
	    instrument_def_fill, (void **)&out->row, &out->n, &out->res);
}

void
m_instrument_defs_free(struct m_instrument_defs *l)
{
	list_release(l->row, l->res);
	memset(l, 0, sizeof(*l));
}

static uf_err
access_row_fill(const struct db_res *r, int i, void *row)
{
	struct m_access_row *a = row;

	a->instrument_id = field_or_null(r, i, 1);
	a->status = field_or_null(r, i, 3);
	a->submitted_at = field_or_null(r, i, 4);
	a->item_id = field_or_null(r, i, 5);
	a->value = db_res_get(r, i, 6);
	a->decision = field_or_null(r, i, 7);
	a->decided_at = field_or_null(r, i, 8);
	if (field_int(r, i, 0, &a->months) != UF_OK ||
	    (a->instrument_id != NULL && field_int(r, i, 2, &a->version) != UF_OK))
		return UF_EINTERNAL;
	return UF_OK;
}

uf_err
db_m_access_rows(struct db *db, long long participant,
    struct m_access_rows *out)
{
	char b[24];
	const char *p[] = { num(b, participant) };

	return read_list(db, M_ACCESS_ROWS, p, sizeof(*out->row), access_row_fill,
	    (void **)&out->row, &out->n, &out->res);
}

void
m_access_rows_free(struct m_access_rows *l)
{
	list_release(l->row, l->res);
	memset(l, 0, sizeof(*l));
}

uf_err
db_m_study_insert(struct db *db, const char *slug, const char *name,
    const char *start_date, long long *id)
{
	const char *p[] = { slug, name, start_date };
	return one_ll(db, M_STUDY_INSERT, p, id);
}

static uf_err
study_fill(const struct db_res *r, int i, void *row)
{
	struct m_study *st = row;
	uf_err e;

	st->slug = db_res_get(r, i, 0);
	st->name = db_res_get(r, i, 1);
	st->start_date = db_res_get(r, i, 2);
	st->synthetic = field_bool(r, i, 3);
	if ((e = db_res_long(r, i, 4, &st->waves)) != UF_OK)
		return e;
	return db_res_long(r, i, 5, &st->units);
}

uf_err
db_m_studies(struct db *db, struct m_studies *out)
{
	return read_list(db, M_STUDIES, NULL, sizeof(*out->row), study_fill,
	    (void **)&out->row, &out->n, &out->res);
}

void
m_studies_free(struct m_studies *l)
{
	list_release(l->row, l->res);
	memset(l, 0, sizeof(*l));
}

uf_err
db_m_wave_insert(struct db *db, long long study, int months,
    const char *opens_on, const char *closes_on, long long *id)
{
	char s[24], m[24];
	const char *p[] = { num(s, study), num(m, months), opens_on, closes_on };
	return one_ll(db, M_WAVE_INSERT, p, id);
}

static uf_err
instrument_fit_fill(const struct db_res *r, int i, void *row)
{
	struct m_instrument_fit *f = row;

	f->grp = db_res_get(r, i, 0);
	f->fits = field_bool(r, i, 1);
	f->waves = db_res_get(r, i, 2);
	return UF_OK;
}

uf_err
db_m_instrument_fit(struct db *db, const char *instrument, int version,
    int months, struct m_instrument_fits *out)
{
	char v[24], m[24];
	const char *p[] = { instrument, num(v, version), num(m, months) };

	return read_list(db, M_INSTRUMENT_FIT, p, sizeof(*out->row),
	    instrument_fit_fill, (void **)&out->row, &out->n, &out->res);
}

void
m_instrument_fits_free(struct m_instrument_fits *l)
{
	list_release(l->row, l->res);
	memset(l, 0, sizeof(*l));
}

static uf_err
instrument_default_fill(const struct db_res *r, int i, void *row)
{
	struct m_instrument_default *d = row;

	d->grp = db_res_get(r, i, 0);
	d->instrument_id = db_res_get(r, i, 1);
	return field_int(r, i, 2, &d->version);
}

uf_err
db_m_instrument_defaults(struct db *db, int months,
    struct m_instrument_defaults *out)
{
	char m[24];
	const char *p[] = { num(m, months) };

	return read_list(db, M_INSTRUMENT_DEFAULTS, p, sizeof(*out->row),
	    instrument_default_fill, (void **)&out->row, &out->n, &out->res);
}

void
m_instrument_defaults_free(struct m_instrument_defaults *l)
{
	list_release(l->row, l->res);
	memset(l, 0, sizeof(*l));
}

uf_err
db_m_wave_instrument_insert(struct db *db, long long wave, const char *grp,
    const char *instrument, int version)
{
	char w[24], v[24];
	const char *p[] = { num(w, wave), grp, instrument, num(v, version) };
	return run(db, M_WAVE_INSTRUMENT_INSERT, p);
}

static uf_err
instrument_choice_fill(const struct db_res *r, int i, void *row)
{
	struct m_instrument_choice *ic = row;

	ic->grp = db_res_get(r, i, 0);
	ic->instrument_id = db_res_get(r, i, 1);
	ic->title = db_res_get(r, i, 3);
	ic->waves = db_res_get(r, i, 4);
	return field_int(r, i, 2, &ic->version);
}

uf_err
db_m_instrument_choices(struct db *db, struct m_instrument_choices *out)
{
	return read_list(db, M_INSTRUMENT_CHOICES, NULL, sizeof(*out->row),
	    instrument_choice_fill, (void **)&out->row, &out->n, &out->res);
}

void
m_instrument_choices_free(struct m_instrument_choices *l)
{
	list_release(l->row, l->res);
	memset(l, 0, sizeof(*l));
}

/* ---- evaluator tooling (issue 14) ---------------------------------------- */

static uf_err
username_fill(const struct db_res *r, int i, void *row)
{
	return field_copy(r, i, 0, row, USER_NAME_MAX + 1) ? UF_OK : UF_EINTERNAL;
}

uf_err
db_m_user_set_disabled(struct db *db, long long user, bool disabled,
    char username[USER_NAME_MAX + 1], bool *found)
{
	char u[24];
	const char *p[] = { num(u, user), disabled ? "true" : "false" };

	return read_one(db, M_USER_SET_DISABLED, p, USER_NAME_MAX + 1,
	    username_fill, username, found);
}

uf_err
db_m_user_sessions_end(struct db *db, long long user, long long *n)
{
	return one_ll_by_id(db, M_USER_SESSIONS_END, user, n);
}

uf_err
db_m_user_set_password(struct db *db, long long user, const char *pw_hash,
    char username[USER_NAME_MAX + 1], bool *found)
{
	char u[24];
	const char *p[] = { num(u, user), pw_hash };

	return read_one(db, M_USER_SET_PASSWORD, p, USER_NAME_MAX + 1,
	    username_fill, username, found);
}

static uf_err
audit_fill(const struct db_res *r, int i, void *row)
{
	struct m_audit *a = row;
	uf_err e;

	a->at = db_res_get(r, i, 1);
	a->actor = db_res_get(r, i, 2);
	a->action = db_res_get(r, i, 3);
	a->object = db_res_get(r, i, 4);
	a->detail = db_res_get(r, i, 5);
	if ((e = db_res_long(r, i, 0, &a->audit_id)) != UF_OK)
		return e;
	return db_res_long(r, i, 6, &a->total);
}

uf_err
db_m_audit_list(struct db *db, const struct audit_filter *f, long limit,
    long offset, struct m_audits *out)
{
	char l[24], o[24];
	const char *p[] = { f->actor, f->action, f->from, f->to, num(l, limit),
		num(o, offset) };

	return read_list(db, M_AUDIT_LIST, p, sizeof(*out->row), audit_fill,
	    (void **)&out->row, &out->n, &out->res);
}

void
m_audits_free(struct m_audits *l)
{
	list_release(l->row, l->res);
	memset(l, 0, sizeof(*l));
}

/* A row of m_status_list and c_status (the same columns). */
static uf_err
status_fill(const struct db_res *r, int i, void *row)
{
	struct m_status *s = row;

	s->unit_name = db_res_get(r, i, 2);
	s->panel_id = db_res_get(r, i, 3);
	s->grp = db_res_get(r, i, 4);
	s->state = db_res_get(r, i, 5);
	s->issued = field_or_null(r, i, 6);
	s->opened = field_or_null(r, i, 7);
	s->decided = field_or_null(r, i, 8);
	s->started = field_or_null(r, i, 9);
	s->submitted = field_or_null(r, i, 10);
	s->test = field_bool(r, i, 11);
	if (field_int(r, i, 0, &s->months) != UF_OK ||
	    db_res_long(r, i, 1, &s->unit_id) != UF_OK ||
	    db_res_long(r, i, 12, &s->replacements) != UF_OK ||
	    db_res_long(r, i, 13, &s->total) != UF_OK)
		return UF_EINTERNAL;
	return UF_OK;
}

uf_err
db_m_status_list(struct db *db, long long study, const struct status_filter *f,
    long limit, long offset, struct m_statuses *out)
{
	char s[24], m[24], u[24], l[24], o[24];
	const char *p[] = { num(s, study), f->months > 0 ? num(m, f->months) : NULL,
		f->unit > 0 ? num(u, f->unit) : NULL, f->state,
		f->with_test ? "true" : "false", num(l, limit), num(o, offset) };

	return read_list(db, M_STATUS_LIST, p, sizeof(*out->row), status_fill,
	    (void **)&out->row, &out->n, &out->res);
}

uf_err
db_m_contact_status(struct db *cdb, const char *token,
    const struct status_filter *f, long limit, long offset,
    struct m_statuses *out)
{
	char m[24], u[24], l[24], o[24];
	const char *p[] = { token, f->months > 0 ? num(m, f->months) : NULL,
		f->unit > 0 ? num(u, f->unit) : NULL, f->state, num(l, limit),
		num(o, offset) };

	return read_list(cdb, C_STATUS, p, sizeof(*out->row), status_fill,
	    (void **)&out->row, &out->n, &out->res);
}

void
m_statuses_free(struct m_statuses *l)
{
	list_release(l->row, l->res);
	memset(l, 0, sizeof(*l));
}

static uf_err
status_count_fill(const struct db_res *r, int i, void *row)
{
	struct m_status_count *k = row;

	k->state = db_res_get(r, i, 1);
	if (field_int(r, i, 0, &k->months) != UF_OK ||
	    db_res_long(r, i, 2, &k->n) != UF_OK)
		return UF_EINTERNAL;
	return UF_OK;
}

uf_err
db_m_status_counts(struct db *db, long long study, struct m_status_counts *out)
{
	char b[24];
	const char *p[] = { num(b, study) };

	return read_list(db, M_STATUS_COUNTS, p, sizeof(*out->row),
	    status_count_fill, (void **)&out->row, &out->n, &out->res);
}

void
m_status_counts_free(struct m_status_counts *l)
{
	list_release(l->row, l->res);
	memset(l, 0, sizeof(*l));
}

uf_err
db_m_code_of(struct db *db, long long study, const char *panel, int months,
    struct m_code_of *out, bool *found)
{
	char s[24], m[24];
	const char *p[] = { num(s, study), panel, num(m, months) };
	struct db_res *r = NULL;
	uf_err e;

	memset(out, 0, sizeof(*out));
	*found = false;
	if ((e = rows(db, M_CODE_OF, p, &r)) != UF_OK || db_res_rows(r) != 1)
		goto out;
	if ((e = db_res_long(r, 0, 0, &out->code_id)) != UF_OK ||
	    (e = db_res_long(r, 0, 1, &out->participant_id)) != UF_OK)
		goto out;
	out->used = field_bool(r, 0, 2);
	*found = true;
out:
	db_res_free(r);
	return e;
}

uf_err
db_m_code_replace(struct db *db, long long code, const char *hash_bytea,
    const char *actor)
{
	char c[24];
	const char *p[] = { num(c, code), hash_bytea, actor };
	return run(db, M_CODE_REPLACE, p);
}

uf_err
db_m_wave_set_test(struct db *db, long long wave, bool test, const char *actor)
{
	char w[24];
	const char *p[] = { num(w, wave), test ? "true" : "false", actor };
	return run(db, M_WAVE_SET_TEST, p);
}

uf_err
db_m_code_set_test(struct db *db, long long code, bool test, const char *actor)
{
	char c[24];
	const char *p[] = { num(c, code), test ? "true" : "false", actor };
	return run(db, M_CODE_SET_TEST, p);
}

uf_err
db_m_test_purge(struct db *db, long long study, const char *actor, long long *n)
{
	char s[24];
	const char *p[] = { num(s, study), actor };
	return one_ll(db, M_TEST_PURGE, p, n);
}
