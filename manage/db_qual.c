/* SPDX-License-Identifier: ISC
 * Every SQL statement of qualitative coding (schema/0020) and the typed
 * functions that run them. Prepared in the connection's one table after
 * db_manage.c's; parameters always travel separately ($n).
 */
#include <stdio.h>
#include <string.h>

#include "db_qual.h"

enum qstmt {
	Q_SYNC,
	Q_DOC_LIST,
	Q_DOC_GET,
	Q_TRANSCRIPT_INSERT,
	Q_UNIT_LIST,
	Q_UNIT_BY_CODE,
	Q_UNIT_INSERT,
	Q_UNIT_DELETE,
	Q_CODE_LIST,
	Q_CODE_GET,
	Q_CODE_INSERT,
	Q_CODE_RENAME,
	Q_CODE_MOVE,
	Q_MERGE_UNITS,
	Q_MERGE_CHILDREN,
	Q_CODE_DELETE,
	Q_EVENT,
	Q_EVENT_LIST,
	Q_SET_INSERT,
	Q_SET_ADD,
	Q_SET_LIST,
	Q_SET_GET,
	Q_SET_DONE,
	Q_SET_DOCS,
	Q_SET_UNITS,
	Q_X_DOCS,
	Q_X_UNITS,
	Q_X_USERS,
	Q_I_DOC,
	Q_I_CODE,
	Q_I_CODE_INSERT,
	Q_I_UNIT,
	Q_I_USER,
	Q_TEXT_CURRENT,
	Q_TEXT_SAVE,
	Q__MAX
};
_Static_assert(Q__MAX <= DB_QUAL_STMTS_MAX, "raise DB_QUAL_STMTS_MAX");

/* A document's text, wherever it lives. */
#define DOC_TEXT "coalesce(d.body, (SELECT a.value_text FROM answer a " \
	         "WHERE a.response_id = d.response_id AND a.item_id = d.item_id))"
/* Whether the viewer ($n) may see meaning unit m: qual_unit_visible
 * (schema/0020) decides; the two cheap cases it would grant anyway are
 * tested first so that it is only called for units on a document in a
 * double-coding set -- called for every unit it cost tens of microseconds
 * each, most of a coding page's time at 5,000 units (tests/bench/qual.sh).
 * qual_dc_document.document_id is NOT NULL, so NOT IN is exact. */
#define VISIBLE(n) "(m.coder_id = " n " OR m.document_id NOT IN " \
	           "(SELECT document_id FROM qual_dc_document) "  \
	           "OR qual_unit_visible(m.document_id, m.coder_id, " n ")) "
/* A document's length in characters, without carrying its text along. */
#define DOC_CHARS "coalesce(length(d.body), (SELECT length(a.value_text) FROM answer a " \
	          "WHERE a.response_id = d.response_id AND a.item_id = d.item_id))"
/* The code's path from its kategori: "Kategori › Subkategori › Kod". */
#define CODE_PATH  "concat_ws(' › ', k3.name, k2.name, k.name)"
#define CODE_JOINS "LEFT JOIN qual_code k ON k.code_id = m.code_id "     \
	           "LEFT JOIN qual_code k2 ON k2.code_id = k.parent_id " \
	           "LEFT JOIN qual_code k3 ON k3.code_id = k2.parent_id "
#define UNIT_COLS "m.unit_id, m.start_pos, m.end_pos, m.span, "                                  \
	          "coalesce(m.condensation, ''), coalesce(m.code_id::text, ''), " CODE_PATH ", " \
	          "u.username, m.coder_id, m.document_id, w.months, d.grp "
#define TREE "WITH RECURSIVE t AS ("                                          \
	     "SELECT code_id, ARRAY[name] AS path FROM qual_code "            \
	     "WHERE study_id = $1 AND parent_id IS NULL "                     \
	     "UNION ALL SELECT c.code_id, t.path || c.name FROM qual_code c " \
	     "JOIN t ON c.parent_id = t.code_id) "
#define CODE_COLS "c.code_id, coalesce(c.parent_id, 0), c.level, c.name, c.guid, "   \
	          "(SELECT count(*) FROM qual_unit m WHERE m.code_id = c.code_id), " \
	          "array_to_string(t.path, ' › ') "

/* REFI-QDA interchange (qual_qdpx.c). A user's and a coding's guid are
 * derived (md5 of a fixed prefix and an id, formatted as a uuid) so that
 * they stay the same across exports without being stored. */
#define USER_GUID   "md5('uppfolj-user:' || u.user_id)::uuid"
#define CODING_GUID "md5('uppfolj-coding:' || m.guid)::uuid"
const struct db_stmt db_qual_stmts[Q__MAX] = {
	[Q_SYNC] = { "q_sync",
	    "INSERT INTO qual_document (study_id, wave_id, grp, participant_id, "
	    "response_id, item_id) "
	    "SELECT w.study_id, r.wave_id, p.grp, p.participant_id, a.response_id, a.item_id "
	    "FROM answer a JOIN response r ON r.response_id = a.response_id "
	    "JOIN participant p ON p.participant_id = r.participant_id "
	    "JOIN wave w ON w.wave_id = r.wave_id "
	    "JOIN instrument_item ii ON ii.instrument_id = a.instrument_id "
	    " AND ii.version = a.version AND ii.item_id = a.item_id "
	    "WHERE w.study_id = $1 AND r.status = 'submitted' AND ii.item_type = 'text' "
	    " AND btrim(coalesce(a.value_text, '')) <> '' "
	    /* every page view syncs: skip the answers that are documents
	     * already rather than let ON CONFLICT try each again */
	    " AND NOT EXISTS (SELECT 1 FROM qual_document x "
	    "  WHERE x.response_id = a.response_id AND x.item_id = a.item_id) "
	    "ON CONFLICT (response_id, item_id) DO NOTHING",
	    1 },
	[Q_DOC_LIST] = { "q_doc_list",
	    "SELECT d.document_id, CASE WHEN d.response_id IS NULL THEN 'transcript' "
	    "ELSE 'answer' END, w.months, d.grp, coalesce(un.kind::text, ''), "
	    "coalesce(p.panel_id, ''), coalesce(d.title, d.item_id), " DOC_CHARS ", "
	    "(SELECT count(*) FROM qual_unit m WHERE m.document_id = d.document_id "
	    " AND " VISIBLE("$6") ") "
	                          "FROM qual_document d JOIN wave w ON w.wave_id = d.wave_id "
	                          "LEFT JOIN participant p ON p.participant_id = d.participant_id "
	                          "LEFT JOIN unit un ON un.unit_id = p.unit_id "
	                          "WHERE d.study_id = $1 AND ($2::smallint IS NULL OR w.months = $2::smallint) "
	                          "AND ($3::respondent_group IS NULL OR d.grp = $3::respondent_group) "
	                          "AND ($4::unit_kind IS NULL OR un.kind = $4::unit_kind) "
	                          "AND ($5::bigint IS NULL OR EXISTS (SELECT 1 FROM qual_unit m " CODE_JOINS
	                          " WHERE m.document_id = d.document_id AND $5::bigint IN (k.code_id, k2.code_id, "
	                          " k3.code_id) AND " VISIBLE("$6") ")) "
	                                                            "ORDER BY w.months, d.grp, d.response_id IS NULL, d.document_id LIMIT 500",
	    6 },
	[Q_DOC_GET] = { "q_doc_get",
	    "SELECT d.document_id, CASE WHEN d.response_id IS NULL THEN 'transcript' "
	    "ELSE 'answer' END, w.months, d.grp, coalesce(un.kind::text, ''), "
	    "coalesce(p.panel_id, ''), coalesce(d.title, d.item_id), length(" DOC_TEXT "), "
	    "0, " DOC_TEXT ", d.guid "
	    "FROM qual_document d JOIN wave w ON w.wave_id = d.wave_id "
	    "LEFT JOIN participant p ON p.participant_id = d.participant_id "
	    "LEFT JOIN unit un ON un.unit_id = p.unit_id "
	    "WHERE d.study_id = $1 AND d.document_id = $2",
	    2 },
	[Q_TRANSCRIPT_INSERT] = { "q_transcript_insert",
	    "INSERT INTO qual_document (study_id, wave_id, grp, participant_id, title, "
	    "body, uploaded_by) "
	    "SELECT $1, w.wave_id, $3::respondent_group, p.participant_id, $5, $6, $7 "
	    "FROM wave w LEFT JOIN participant p ON p.study_id = $1 AND p.panel_id = $4 "
	    " AND p.grp = $3::respondent_group "
	    "WHERE w.study_id = $1 AND w.months = $2::smallint "
	    " AND ($4::text IS NULL OR p.participant_id IS NOT NULL) "
	    "RETURNING document_id",
	    7 },
	[Q_UNIT_LIST] = { "q_unit_list",
	    "SELECT " UNIT_COLS "FROM qual_unit m JOIN qual_document d USING (document_id) "
	    "JOIN wave w ON w.wave_id = d.wave_id JOIN app_user u ON u.user_id = m.coder_id " CODE_JOINS "WHERE m.document_id = $1 "
	    "AND " VISIBLE("$2") "ORDER BY m.start_pos, m.end_pos, m.unit_id",
	    2 },
	/* in the tree's order, ranked once per code: sorting thousands of
	 * units on their path text was most of the page's time */
	[Q_UNIT_BY_CODE] = { "q_unit_by_code",
	    TREE "SELECT " UNIT_COLS "FROM qual_unit m JOIN qual_document d USING (document_id) "
	         "JOIN wave w ON w.wave_id = d.wave_id JOIN app_user u ON u.user_id = m.coder_id " CODE_JOINS "JOIN (SELECT code_id, row_number() OVER (ORDER BY path) AS rank FROM t) o "
	         "ON o.code_id = m.code_id "
	         "WHERE d.study_id = $1 AND $2::bigint IN (k.code_id, k2.code_id, k3.code_id) "
	         "AND " VISIBLE("$3") "ORDER BY o.rank, w.months, d.grp, m.unit_id LIMIT 5000",
	    3 },
	[Q_UNIT_INSERT] = { "q_unit_insert",
	    "INSERT INTO qual_unit (document_id, start_pos, end_pos, span, condensation, "
	    "code_id, coder_id, guid) "
	    "SELECT d.document_id, $3::int, $4::int, substr(t.txt, $3::int + 1, $4::int - $3::int), "
	    "nullif($5, ''), nullif($6::bigint, 0), $7, coalesce($8::uuid, gen_random_uuid()) "
	    "FROM qual_document d CROSS JOIN LATERAL (SELECT " DOC_TEXT " AS txt) t "
	    "WHERE d.study_id = $1 AND d.document_id = $2 AND $4::int <= length(t.txt) "
	    "AND ($6::bigint = 0 OR EXISTS (SELECT 1 FROM qual_code c "
	    " WHERE c.code_id = $6::bigint AND c.study_id = $1)) "
	    "RETURNING unit_id",
	    8 },
	[Q_UNIT_DELETE] = { "q_unit_delete",
	    "DELETE FROM qual_unit WHERE unit_id = $1 AND coder_id = $2 "
	    "RETURNING document_id",
	    2 },
	[Q_CODE_LIST] = { "q_code_list",
	    TREE "SELECT " CODE_COLS "FROM t JOIN qual_code c USING (code_id) "
	         "ORDER BY t.path",
	    1 },
	[Q_CODE_GET] = { "q_code_get",
	    TREE "SELECT " CODE_COLS "FROM t JOIN qual_code c USING (code_id) "
	         "WHERE c.code_id = $2",
	    2 },
	[Q_CODE_INSERT] = { "q_code_insert",
	    "INSERT INTO qual_code (study_id, parent_id, level, name) "
	    "VALUES ($1, nullif($2::bigint, 0), $3, $4) "
	    "ON CONFLICT (study_id, parent_id, name) DO NOTHING RETURNING code_id",
	    4 },
	[Q_CODE_RENAME] = { "q_code_rename",
	    "UPDATE qual_code SET name = $3 WHERE study_id = $1 AND code_id = $2 "
	    "RETURNING code_id",
	    3 },
	[Q_CODE_MOVE] = { "q_code_move",
	    "UPDATE qual_code SET parent_id = $3 WHERE study_id = $1 AND code_id = $2 "
	    "RETURNING code_id",
	    3 },
	[Q_MERGE_UNITS] = { "q_merge_units",
	    "UPDATE qual_unit SET code_id = $2 WHERE code_id = $1", 2 },
	[Q_MERGE_CHILDREN] = { "q_merge_children",
	    "UPDATE qual_code SET parent_id = $2 WHERE parent_id = $1", 2 },
	[Q_CODE_DELETE] = { "q_code_delete",
	    "DELETE FROM qual_code WHERE study_id = $1 AND code_id = $2", 2 },
	[Q_EVENT] = { "q_event",
	    "INSERT INTO qual_code_event (study_id, kind, code_id, old_name, new_name, "
	    "old_parent, new_parent, into_code, actor) VALUES ($1, $2, $3, $4, $5, "
	    "nullif($6::bigint, 0), nullif($7::bigint, 0), nullif($8::bigint, 0), $9)",
	    9 },
	[Q_EVENT_LIST] = { "q_event_list",
	    "SELECT to_char(at, 'YYYY-MM-DD HH24:MI'), actor, kind, coalesce(old_name, ''), "
	    "coalesce(new_name, '') FROM qual_code_event WHERE study_id = $1 "
	    "ORDER BY at DESC, event_id DESC LIMIT 200",
	    1 },
	[Q_SET_INSERT] = { "q_set_insert",
	    "INSERT INTO qual_dc_set (study_id, name, coder_a, coder_b, created_by) "
	    "SELECT $1, $2, a.user_id, b.user_id, $5 FROM app_user a, app_user b "
	    "WHERE a.username = $3 AND b.username = $4 AND a.user_id <> b.user_id "
	    "AND a.role IN ('evaluator', 'admin') AND b.role IN ('evaluator', 'admin') "
	    "AND NOT a.disabled AND NOT b.disabled "
	    "ON CONFLICT (study_id, name) DO NOTHING RETURNING set_id",
	    5 },
	[Q_SET_ADD] = { "q_set_add",
	    "INSERT INTO qual_dc_document (set_id, document_id) "
	    "SELECT s.set_id, d.document_id FROM qual_dc_set s JOIN qual_document d "
	    "ON d.study_id = s.study_id WHERE s.set_id = $1 AND d.document_id = $2 "
	    "ON CONFLICT DO NOTHING RETURNING set_id",
	    2 },
	[Q_SET_LIST] = { "q_set_list",
	    "SELECT s.set_id, s.name, a.username, b.username, s.a_done_at IS NOT NULL, "
	    "s.b_done_at IS NOT NULL, (SELECT count(*) FROM qual_dc_document x "
	    "WHERE x.set_id = s.set_id), s.coder_a, s.coder_b "
	    "FROM qual_dc_set s JOIN app_user a ON a.user_id = s.coder_a "
	    "JOIN app_user b ON b.user_id = s.coder_b WHERE s.study_id = $1 "
	    "ORDER BY s.created_at DESC, s.set_id DESC",
	    1 },
	[Q_SET_GET] = { "q_set_get",
	    "SELECT s.set_id, s.name, a.username, b.username, s.a_done_at IS NOT NULL, "
	    "s.b_done_at IS NOT NULL, (SELECT count(*) FROM qual_dc_document x "
	    "WHERE x.set_id = s.set_id), s.coder_a, s.coder_b "
	    "FROM qual_dc_set s JOIN app_user a ON a.user_id = s.coder_a "
	    "JOIN app_user b ON b.user_id = s.coder_b "
	    "WHERE s.study_id = $1 AND s.set_id = $2",
	    2 },
	[Q_SET_DONE] = { "q_set_done",
	    "UPDATE qual_dc_set SET "
	    "a_done_at = CASE WHEN coder_a = $2 THEN coalesce(a_done_at, now()) ELSE a_done_at END, "
	    "b_done_at = CASE WHEN coder_b = $2 THEN coalesce(b_done_at, now()) ELSE b_done_at END "
	    "WHERE set_id = $1 AND $2 IN (coder_a, coder_b) RETURNING set_id",
	    2 },
	[Q_SET_DOCS] = { "q_set_docs",
	    "SELECT d.document_id, " DOC_TEXT ", coalesce(d.title, d.item_id) "
	    "FROM qual_dc_document x JOIN qual_document d USING (document_id) "
	    "WHERE x.set_id = $1 ORDER BY d.document_id",
	    1 },
	[Q_SET_UNITS] = { "q_set_units",
	    "SELECT m.document_id, m.coder_id, m.start_pos, m.end_pos, "
	    "coalesce(k3.code_id, k2.code_id, k.code_id) "
	    "FROM qual_dc_set s JOIN qual_dc_document x ON x.set_id = s.set_id "
	    "JOIN qual_unit m ON m.document_id = x.document_id "
	    " AND m.coder_id IN (s.coder_a, s.coder_b) "
	    "JOIN qual_code k ON k.code_id = m.code_id "
	    "LEFT JOIN qual_code k2 ON k2.code_id = k.parent_id "
	    "LEFT JOIN qual_code k3 ON k3.code_id = k2.parent_id "
	    "WHERE s.set_id = $1 ORDER BY m.document_id, m.start_pos",
	    1 },
	[Q_TEXT_CURRENT] = { "q_text_current",
	    "SELECT DISTINCT ON (section, code_id) section, coalesce(code_id::text, ''), "
	    "version, body, author, to_char(created_at, 'YYYY-MM-DD HH24:MI') "
	    "FROM report_text WHERE study_id = $1 AND kind = $2::report_kind "
	    "AND months IS NOT DISTINCT FROM $3::smallint "
	    "ORDER BY section, code_id, version DESC",
	    3 },
	[Q_TEXT_SAVE] = { "q_text_save",
	    "INSERT INTO report_text (study_id, kind, months, section, code_id, version, "
	    "body, author) SELECT $1, $2::report_kind, $3::smallint, $4::report_section, "
	    "nullif($5::bigint, 0), $6::int + 1, $7, $8 "
	    "WHERE coalesce((SELECT max(version) FROM report_text WHERE study_id = $1 "
	    " AND kind = $2::report_kind AND months IS NOT DISTINCT FROM $3::smallint "
	    " AND section = $4::report_section "
	    " AND code_id IS NOT DISTINCT FROM nullif($5::bigint, 0)), 0) = $6::int "
	    "AND ($5::bigint = 0 OR EXISTS (SELECT 1 FROM qual_code WHERE code_id = $5::bigint "
	    " AND study_id = $1 AND level = 1)) RETURNING version",
	    8 },
	[Q_X_DOCS] = { "q_x_docs",
	    "SELECT d.guid, coalesce(d.title, d.item_id || ' ' || p.panel_id), " DOC_TEXT ", "
	    "w.months, d.grp, coalesce(p.panel_id, '') "
	    "FROM qual_document d JOIN wave w ON w.wave_id = d.wave_id "
	    "LEFT JOIN participant p ON p.participant_id = d.participant_id "
	    "WHERE d.study_id = $1 ORDER BY d.document_id",
	    1 },
	[Q_X_UNITS] = { "q_x_units",
	    "SELECT d.guid, m.guid, m.start_pos, m.end_pos, coalesce(m.condensation, ''), "
	    "coalesce(k.guid::text, ''), " USER_GUID ", " CODING_GUID " "
	    "FROM qual_unit m JOIN qual_document d USING (document_id) "
	    "JOIN app_user u ON u.user_id = m.coder_id "
	    "LEFT JOIN qual_code k ON k.code_id = m.code_id "
	    "WHERE d.study_id = $1 AND " VISIBLE("$2") "ORDER BY d.document_id, m.start_pos, m.end_pos, m.guid",
	    2 },
	[Q_X_USERS] = { "q_x_users",
	    "SELECT DISTINCT " USER_GUID ", u.username FROM qual_unit m "
	    "JOIN qual_document d USING (document_id) JOIN app_user u ON u.user_id = m.coder_id "
	    "WHERE d.study_id = $1 AND " VISIBLE("$2") "ORDER BY 2",
	    2 },
	[Q_I_DOC] = { "q_i_doc",
	    "SELECT d.document_id, " DOC_TEXT " FROM qual_document d "
	    "WHERE d.study_id = $1 AND d.guid = $2::uuid",
	    2 },
	[Q_I_CODE] = { "q_i_code",
	    "SELECT code_id, coalesce(parent_id, 0), level, name FROM qual_code "
	    "WHERE study_id = $1 AND guid = $2::uuid",
	    2 },
	[Q_I_CODE_INSERT] = { "q_i_code_insert",
	    "INSERT INTO qual_code (study_id, parent_id, level, name, guid) "
	    "VALUES ($1, nullif($2::bigint, 0), $3, $4, $5::uuid) RETURNING code_id",
	    5 },
	[Q_I_UNIT] = { "q_i_unit",
	    "SELECT unit_id FROM qual_unit WHERE guid = $1::uuid", 1 },
	[Q_I_USER] = { "q_i_user",
	    "SELECT u.user_id FROM app_user u WHERE " USER_GUID " = $1::uuid", 1 },
};
const size_t db_qual_nstmts = Q__MAX;

/* Decimal text of n in a caller's buffer of 24 bytes. */
static const char *
num(char b[24], long long n)
{
	int w = snprintf(b, 24, "%lld", n);

	if (w < 0 || w >= 24)
		b[0] = '\0';
	return b;
}

static uf_err
rows(struct db *db, enum qstmt s, const char *const *p, struct db_res **out)
{
	*out = NULL;
	return db_exec(db, db_qual_base + s, p, out);
}

/* A statement returning at most one integer; *v = 0 without rows. */
static uf_err
one_ll(struct db *db, enum qstmt s, const char *const *p, long long *v)
{
	struct db_res *r = NULL;
	uf_err e;

	*v = 0;
	if ((e = db_exec(db, db_qual_base + s, p, &r)) != UF_OK)
		goto out;
	if (r != NULL && db_res_rows(r) > 0)
		e = db_res_long(r, 0, 0, v);
out:
	db_res_free(r);
	return e;
}

static uf_err
none(struct db *db, enum qstmt s, const char *const *p)
{
	return db_exec(db, db_qual_base + s, p, NULL);
}

uf_err
db_q_sync(struct db *db, long long study)
{
	char b[24];
	const char *p[] = { num(b, study) };

	return none(db, Q_SYNC, p);
}

uf_err
db_q_doc_list(struct db *db, long long study, const char *months,
    const char *grp, const char *unit_kind, const char *code, long long viewer,
    struct db_res **out)
{
	char b[24], v[24];
	const char *p[] = { num(b, study), months, grp, unit_kind, code, num(v, viewer) };

	return rows(db, Q_DOC_LIST, p, out);
}

uf_err
db_q_doc_get(struct db *db, long long study, long long document,
    struct db_res **out)
{
	char b[24], d[24];
	const char *p[] = { num(b, study), num(d, document) };

	return rows(db, Q_DOC_GET, p, out);
}

uf_err
db_q_transcript_insert(struct db *db, long long study, int months,
    const char *grp, const char *panel, const char *title, const char *body,
    long long user, long long *id)
{
	char b[24], m[24], u[24];
	const char *p[] = { num(b, study), num(m, months), grp, panel, title, body,
		num(u, user) };

	return one_ll(db, Q_TRANSCRIPT_INSERT, p, id);
}

uf_err
db_q_unit_list(struct db *db, long long document, long long viewer,
    struct db_res **out)
{
	char d[24], v[24];
	const char *p[] = { num(d, document), num(v, viewer) };

	return rows(db, Q_UNIT_LIST, p, out);
}

uf_err
db_q_unit_by_code(struct db *db, long long study, long long code,
    long long viewer, struct db_res **out)
{
	char s[24], c[24], v[24];
	const char *p[] = { num(s, study), num(c, code), num(v, viewer) };

	return rows(db, Q_UNIT_BY_CODE, p, out);
}

uf_err
db_q_unit_insert(struct db *db, long long study, long long document,
    long start, long end, const char *condensation, long long code,
    long long coder, const char *guid, long long *id)
{
	char s[24], d[24], a[24], z[24], c[24], u[24];
	const char *p[] = { num(s, study), num(d, document), num(a, start), num(z, end),
		condensation != NULL ? condensation : "", num(c, code), num(u, coder), guid };

	return one_ll(db, Q_UNIT_INSERT, p, id);
}

uf_err
db_q_unit_delete(struct db *db, long long unit, long long coder,
    long long *document)
{
	char m[24], c[24];
	const char *p[] = { num(m, unit), num(c, coder) };

	return one_ll(db, Q_UNIT_DELETE, p, document);
}

uf_err
db_q_code_list(struct db *db, long long study, struct db_res **out)
{
	char s[24];
	const char *p[] = { num(s, study) };

	return rows(db, Q_CODE_LIST, p, out);
}

uf_err
db_q_code_get(struct db *db, long long study, long long code,
    struct db_res **out)
{
	char s[24], c[24];
	const char *p[] = { num(s, study), num(c, code) };

	return rows(db, Q_CODE_GET, p, out);
}

uf_err
db_q_code_insert(struct db *db, long long study, long long parent,
    int level, const char *name, long long *id)
{
	char s[24], pa[24], l[24];
	const char *p[] = { num(s, study), num(pa, parent), num(l, level), name };

	return one_ll(db, Q_CODE_INSERT, p, id);
}

uf_err
db_q_code_rename(struct db *db, long long study, long long code,
    const char *name, bool *done)
{
	char s[24], c[24];
	const char *p[] = { num(s, study), num(c, code), name };
	long long id;
	uf_err e = one_ll(db, Q_CODE_RENAME, p, &id);

	*done = e == UF_OK && id != 0;
	return e;
}

uf_err
db_q_code_move(struct db *db, long long study, long long code,
    long long parent, bool *done)
{
	char s[24], c[24], pa[24];
	const char *p[] = { num(s, study), num(c, code), num(pa, parent) };
	long long id;
	uf_err e = one_ll(db, Q_CODE_MOVE, p, &id);

	*done = e == UF_OK && id != 0;
	return e;
}

uf_err
db_q_code_merge(struct db *db, long long study, long long from,
    long long into)
{
	char s[24], f[24], t[24];
	const char *moves[] = { num(f, from), num(t, into) };
	const char *del[] = { num(s, study), f };
	uf_err e;

	if ((e = none(db, Q_MERGE_UNITS, moves)) != UF_OK ||
	    (e = none(db, Q_MERGE_CHILDREN, moves)) != UF_OK)
		return e;
	return none(db, Q_CODE_DELETE, del);
}

uf_err
db_q_event(struct db *db, long long study, const char *kind,
    long long code, const char *old_name, const char *new_name,
    long long old_parent, long long new_parent, long long into,
    const char *actor)
{
	char s[24], c[24], op[24], np[24], in[24];
	const char *p[] = { num(s, study), kind, num(c, code), old_name, new_name,
		num(op, old_parent), num(np, new_parent), num(in, into), actor };

	return none(db, Q_EVENT, p);
}

uf_err
db_q_event_list(struct db *db, long long study, struct db_res **out)
{
	char s[24];
	const char *p[] = { num(s, study) };

	return rows(db, Q_EVENT_LIST, p, out);
}

uf_err
db_q_set_insert(struct db *db, long long study, const char *name,
    const char *coder_a, const char *coder_b, const char *actor, long long *id)
{
	char s[24];
	const char *p[] = { num(s, study), name, coder_a, coder_b, actor };

	return one_ll(db, Q_SET_INSERT, p, id);
}

uf_err
db_q_set_add(struct db *db, long long set, long long document, bool *added)
{
	char s[24], d[24];
	const char *p[] = { num(s, set), num(d, document) };
	long long id;
	uf_err e = one_ll(db, Q_SET_ADD, p, &id);

	*added = e == UF_OK && id != 0;
	return e;
}

uf_err
db_q_set_list(struct db *db, long long study, struct db_res **out)
{
	char s[24];
	const char *p[] = { num(s, study) };

	return rows(db, Q_SET_LIST, p, out);
}

uf_err
db_q_set_get(struct db *db, long long study, long long set,
    struct db_res **out)
{
	char s[24], t[24];
	const char *p[] = { num(s, study), num(t, set) };

	return rows(db, Q_SET_GET, p, out);
}

uf_err
db_q_set_done(struct db *db, long long set, long long user, bool *done)
{
	char s[24], u[24];
	const char *p[] = { num(s, set), num(u, user) };
	long long id;
	uf_err e = one_ll(db, Q_SET_DONE, p, &id);

	*done = e == UF_OK && id != 0;
	return e;
}

uf_err
db_q_set_docs(struct db *db, long long set, struct db_res **out)
{
	char s[24];
	const char *p[] = { num(s, set) };

	return rows(db, Q_SET_DOCS, p, out);
}

uf_err
db_q_set_units(struct db *db, long long set, struct db_res **out)
{
	char s[24];
	const char *p[] = { num(s, set) };

	return rows(db, Q_SET_UNITS, p, out);
}

uf_err
db_q_x_docs(struct db *db, long long study, struct db_res **out)
{
	char s[24];
	const char *p[] = { num(s, study) };

	return rows(db, Q_X_DOCS, p, out);
}

uf_err
db_q_x_units(struct db *db, long long study, long long viewer, struct db_res **out)
{
	char s[24], v[24];
	const char *p[] = { num(s, study), num(v, viewer) };

	return rows(db, Q_X_UNITS, p, out);
}

uf_err
db_q_x_users(struct db *db, long long study, long long viewer, struct db_res **out)
{
	char s[24], v[24];
	const char *p[] = { num(s, study), num(v, viewer) };

	return rows(db, Q_X_USERS, p, out);
}

uf_err
db_q_i_doc(struct db *db, long long study, const char *guid, struct db_res **out)
{
	char s[24];
	const char *p[] = { num(s, study), guid };

	return rows(db, Q_I_DOC, p, out);
}

uf_err
db_q_i_code(struct db *db, long long study, const char *guid, struct db_res **out)
{
	char s[24];
	const char *p[] = { num(s, study), guid };

	return rows(db, Q_I_CODE, p, out);
}

uf_err
db_q_i_code_insert(struct db *db, long long study, long long parent, int level,
    const char *name, const char *guid, long long *id)
{
	char s[24], pa[24], l[24];
	const char *p[] = { num(s, study), num(pa, parent), num(l, level), name, guid };

	return one_ll(db, Q_I_CODE_INSERT, p, id);
}

uf_err
db_q_i_unit(struct db *db, const char *guid, long long *id)
{
	const char *p[] = { guid };

	return one_ll(db, Q_I_UNIT, p, id);
}

uf_err
db_q_i_user(struct db *db, const char *guid, long long *id)
{
	const char *p[] = { guid };

	return one_ll(db, Q_I_USER, p, id);
}

uf_err
db_q_text_current(struct db *db, long long study, const char *kind,
    const char *months, struct db_res **out)
{
	char s[24];
	const char *p[] = { num(s, study), kind, months };

	return rows(db, Q_TEXT_CURRENT, p, out);
}

uf_err
db_q_text_save(struct db *db, long long study, const char *kind,
    const char *months, const char *section, long long code, long long expected,
    const char *body, const char *author, long long *version)
{
	char s[24], c[24], x[24];
	const char *p[] = { num(s, study), kind, months, section, num(c, code),
		num(x, expected), body, author };

	return one_ll(db, Q_TEXT_SAVE, p, version);
}
