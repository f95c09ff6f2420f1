/* SPDX-License-Identifier: ISC
 * Every SQL statement of qualitative coding (schema/0020) and the typed
 * functions that run them. Prepared in the connection's one table after
 * db_manage.c's; parameters always travel separately ($n).
 */
#include <stddef.h>
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
/* unit_shape's columns */
#define UNIT_COLS "m.unit_id, m.start_pos, m.end_pos, m.span, coalesce(m.condensation, ''), " CODE_PATH ", u.username, m.coder_id, m.document_id, w.months, d.grp "
#define TREE      "WITH RECURSIVE t AS ("                                     \
	     "SELECT code_id, ARRAY[name] AS path FROM qual_code "            \
	     "WHERE study_id = $1 AND parent_id IS NULL "                     \
	     "UNION ALL SELECT c.code_id, t.path || c.name FROM qual_code c " \
	     "JOIN t ON c.parent_id = t.code_id) "
/* code_shape's columns */
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
	    "SELECT d.document_id, d.response_id IS NULL, w.months, d.grp, "
	    "coalesce(un.kind::text, ''), coalesce(p.panel_id, ''), coalesce(d.title, d.item_id), "
	    "coalesce(" DOC_CHARS ", 0), "
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
	    "SELECT d.document_id, d.response_id IS NULL, w.months, d.grp, "
	    "coalesce(un.kind::text, ''), coalesce(p.panel_id, ''), coalesce(d.title, d.item_id), "
	    "coalesce(length(" DOC_TEXT "), 0), "
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
	    "SELECT DISTINCT ON (section, code_id) section, coalesce(code_id, 0), "
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

/* Fill a typed list (struct with row, n and own) from statement s. */
#define READ(s, p, shape, list) \
	db_rows_read(db, db_qual_base + (s), (p), &(shape), &(list)->own, &(list)->n, (void **)&(list)->row)
/* The same for a statement whose parameters are all ids (at most 3). */
#define READ_IDS(s, shape, list, ...)                                       \
	read_ids(db, (s), (const long long[]){ __VA_ARGS__ },               \
	    sizeof((const long long[]){ __VA_ARGS__ }) / sizeof(long long), \
	    &(shape), &(list)->own, &(list)->n, (void **)&(list)->row)

static uf_err
read_ids(struct db *db, enum qstmt s, const long long *id, size_t nid,
    const struct db_shape *shape, struct db_rows *own, int *n, void **row)
{
	char b[3][24];
	const char *p[3];

	if (nid > 3)
		return UF_EINTERNAL;
	for (size_t i = 0; i < nid; i++)
		p[i] = num(b[i], id[i]);
	return db_rows_read(db, db_qual_base + s, p, shape, own, n, row);
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

/* A statement RETURNING a row when it changed something: *done whether it did. */
static uf_err
one_done(struct db *db, enum qstmt s, const char *const *p, bool *done)
{
	long long id;
	uf_err e = one_ll(db, s, p, &id);

	*done = e == UF_OK && id != 0;
	return e;
}

static uf_err
none(struct db *db, enum qstmt s, const char *const *p)
{
	return db_exec(db, db_qual_base + s, p, NULL);
}

/* The rows' shapes: entry j fills from column j of the statements named. */
#define C(type, st, field) DB_COL(type, st, field)
/* Q_DOC_LIST; Q_DOC_GET adds the text and guid */
static const struct db_col doc_cols[] = {
	C(LL, struct q_doc, id),
	C(BOOL, struct q_doc, transcript),
	C(INT, struct q_doc, months),
	C(TEXT, struct q_doc, grp),
	C(TEXT, struct q_doc, unit_kind),
	C(TEXT, struct q_doc, panel),
	C(TEXT, struct q_doc, title),
	C(LL, struct q_doc, chars),
	C(LL, struct q_doc, units),
	C(TEXT, struct q_doc, text),
	C(TEXT, struct q_doc, guid),
};
static const struct db_shape doc_list_shape = { sizeof(struct q_doc), doc_cols, 9 };
static const struct db_shape doc_get_shape = DB_SHAPE(struct q_doc, doc_cols);
/* Q_I_DOC */
static const struct db_col i_doc_cols[] = { C(LL, struct q_doc, id), C(TEXT, struct q_doc, text) };
static const struct db_shape i_doc_shape = DB_SHAPE(struct q_doc, i_doc_cols);
/* UNIT_COLS */
static const struct db_col unit_cols[] = {
	C(LL, struct q_unit, id),
	C(INT, struct q_unit, start),
	C(INT, struct q_unit, end),
	C(TEXT, struct q_unit, span),
	C(TEXT, struct q_unit, cond),
	C(TEXT, struct q_unit, code_path),
	C(TEXT, struct q_unit, coder),
	C(LL, struct q_unit, coder_id),
	C(LL, struct q_unit, document),
	C(INT, struct q_unit, months),
	C(TEXT, struct q_unit, grp),
};
static const struct db_shape unit_shape = DB_SHAPE(struct q_unit, unit_cols);
/* CODE_COLS; Q_I_CODE has the first four */
static const struct db_col code_cols[] = {
	C(LL, struct q_code, id),
	C(LL, struct q_code, parent),
	C(INT, struct q_code, level),
	C(TEXT, struct q_code, name),
	C(TEXT, struct q_code, guid),
	C(LL, struct q_code, units),
	C(TEXT, struct q_code, path),
};
static const struct db_shape code_shape = DB_SHAPE(struct q_code, code_cols);
static const struct db_shape i_code_shape = { sizeof(struct q_code), code_cols, 4 };
/* Q_EVENT_LIST */
static const struct db_col event_cols[] = {
	C(TEXT, struct q_event, at),
	C(TEXT, struct q_event, actor),
	C(TEXT, struct q_event, kind),
	C(TEXT, struct q_event, old_name),
	C(TEXT, struct q_event, new_name),
};
static const struct db_shape event_shape = DB_SHAPE(struct q_event, event_cols);
/* Q_SET_LIST, Q_SET_GET */
static const struct db_col set_cols[] = {
	C(LL, struct q_set, id),
	C(TEXT, struct q_set, name),
	C(TEXT, struct q_set, coder_a),
	C(TEXT, struct q_set, coder_b),
	C(BOOL, struct q_set, a_done),
	C(BOOL, struct q_set, b_done),
	C(LL, struct q_set, docs),
	C(LL, struct q_set, coder_a_id),
	C(LL, struct q_set, coder_b_id),
};
static const struct db_shape set_shape = DB_SHAPE(struct q_set, set_cols);
/* Q_SET_DOCS */
static const struct db_col set_doc_cols[] = {
	C(LL, struct q_set_doc, document),
	C(TEXT, struct q_set_doc, text),
	C(TEXT, struct q_set_doc, title),
};
static const struct db_shape set_doc_shape = DB_SHAPE(struct q_set_doc, set_doc_cols);
/* Q_SET_UNITS */
static const struct db_col set_unit_cols[] = {
	C(LL, struct q_set_unit, document),
	C(LL, struct q_set_unit, coder),
	C(INT, struct q_set_unit, start),
	C(INT, struct q_set_unit, end),
	C(LL, struct q_set_unit, category),
};
static const struct db_shape set_unit_shape = DB_SHAPE(struct q_set_unit, set_unit_cols);
/* Q_X_DOCS */
static const struct db_col x_doc_cols[] = {
	C(TEXT, struct q_x_doc, guid),
	C(TEXT, struct q_x_doc, name),
	C(TEXT, struct q_x_doc, text),
	C(INT, struct q_x_doc, months),
	C(TEXT, struct q_x_doc, grp),
	C(TEXT, struct q_x_doc, panel),
};
static const struct db_shape x_doc_shape = DB_SHAPE(struct q_x_doc, x_doc_cols);
/* Q_X_UNITS */
static const struct db_col x_unit_cols[] = {
	C(TEXT, struct q_x_unit, doc),
	C(TEXT, struct q_x_unit, guid),
	C(INT, struct q_x_unit, start),
	C(INT, struct q_x_unit, end),
	C(TEXT, struct q_x_unit, cond),
	C(TEXT, struct q_x_unit, code),
	C(TEXT, struct q_x_unit, user),
	C(TEXT, struct q_x_unit, coding),
};
static const struct db_shape x_unit_shape = DB_SHAPE(struct q_x_unit, x_unit_cols);
/* Q_X_USERS */
static const struct db_col x_user_cols[] = { C(TEXT, struct q_x_user, guid),
	C(TEXT, struct q_x_user, name) };
static const struct db_shape x_user_shape = DB_SHAPE(struct q_x_user, x_user_cols);
/* Q_TEXT_CURRENT */
static const struct db_col text_cols[] = {
	C(TEXT, struct q_text, section),
	C(LL, struct q_text, code),
	C(LL, struct q_text, version),
	C(TEXT, struct q_text, body),
	C(TEXT, struct q_text, author),
	C(TEXT, struct q_text, at),
};
static const struct db_shape text_shape = DB_SHAPE(struct q_text, text_cols);
#undef C

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
    struct q_docs *out)
{
	char b[24], v[24];
	const char *p[] = { num(b, study), months, grp, unit_kind, code, num(v, viewer) };

	return READ(Q_DOC_LIST, p, doc_list_shape, out);
}

uf_err
db_q_doc_get(struct db *db, long long study, long long document,
    struct q_docs *out)
{
	return READ_IDS(Q_DOC_GET, doc_get_shape, out, study, document);
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
    struct q_units *out)
{
	return READ_IDS(Q_UNIT_LIST, unit_shape, out, document, viewer);
}

uf_err
db_q_unit_by_code(struct db *db, long long study, long long code,
    long long viewer, struct q_units *out)
{
	return READ_IDS(Q_UNIT_BY_CODE, unit_shape, out, study, code, viewer);
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
db_q_code_list(struct db *db, long long study, struct q_codes *out)
{
	return READ_IDS(Q_CODE_LIST, code_shape, out, study);
}

uf_err
db_q_code_get(struct db *db, long long study, long long code,
    struct q_codes *out)
{
	return READ_IDS(Q_CODE_GET, code_shape, out, study, code);
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

	return one_done(db, Q_CODE_RENAME, p, done);
}

uf_err
db_q_code_move(struct db *db, long long study, long long code,
    long long parent, bool *done)
{
	char s[24], c[24], pa[24];
	const char *p[] = { num(s, study), num(c, code), num(pa, parent) };

	return one_done(db, Q_CODE_MOVE, p, done);
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
db_q_event_list(struct db *db, long long study, struct q_events *out)
{
	return READ_IDS(Q_EVENT_LIST, event_shape, out, study);
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

	return one_done(db, Q_SET_ADD, p, added);
}

uf_err
db_q_set_list(struct db *db, long long study, struct q_sets *out)
{
	return READ_IDS(Q_SET_LIST, set_shape, out, study);
}

uf_err
db_q_set_get(struct db *db, long long study, long long set, struct q_sets *out)
{
	return READ_IDS(Q_SET_GET, set_shape, out, study, set);
}

uf_err
db_q_set_done(struct db *db, long long set, long long user, bool *done)
{
	char s[24], u[24];
	const char *p[] = { num(s, set), num(u, user) };

	return one_done(db, Q_SET_DONE, p, done);
}

uf_err
db_q_set_docs(struct db *db, long long set, struct q_set_docs *out)
{
	return READ_IDS(Q_SET_DOCS, set_doc_shape, out, set);
}

uf_err
db_q_set_units(struct db *db, long long set, struct q_set_units *out)
{
	return READ_IDS(Q_SET_UNITS, set_unit_shape, out, set);
}

uf_err
db_q_x_docs(struct db *db, long long study, struct q_x_docs *out)
{
	return READ_IDS(Q_X_DOCS, x_doc_shape, out, study);
}

uf_err
db_q_x_units(struct db *db, long long study, long long viewer, struct q_x_units *out)
{
	return READ_IDS(Q_X_UNITS, x_unit_shape, out, study, viewer);
}

uf_err
db_q_x_users(struct db *db, long long study, long long viewer, struct q_x_users *out)
{
	return READ_IDS(Q_X_USERS, x_user_shape, out, study, viewer);
}

uf_err
db_q_i_doc(struct db *db, long long study, const char *guid, struct q_docs *out)
{
	char s[24];
	const char *p[] = { num(s, study), guid };

	return READ(Q_I_DOC, p, i_doc_shape, out);
}

uf_err
db_q_i_code(struct db *db, long long study, const char *guid, struct q_codes *out)
{
	char s[24];
	const char *p[] = { num(s, study), guid };

	return READ(Q_I_CODE, p, i_code_shape, out);
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
    const char *months, struct q_texts *out)
{
	char s[24];
	const char *p[] = { num(s, study), kind, months };

	return READ(Q_TEXT_CURRENT, p, text_shape, out);
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
