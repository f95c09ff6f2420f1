/* SPDX-License-Identifier: ISC
 * The statement tables of uppfolj-admin (all of its SQL) and the typed
 * functions over them. Two tables: the migrate table touches only
 * public.uppfolj_migration (the uppfolj schema may not exist yet); the admin
 * table needs the schema. Tables are always schema-qualified because a
 * superuser connection has no uppfolj search_path.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_admin.h"

/* Creates the bookkeeping table without a NOTICE when it exists; the
 * transaction-level lock makes two first runs safe. Fixed text, no input. */
static const char migration_table_sql[] =
    "DO $$ BEGIN "
    "PERFORM pg_advisory_xact_lock(7523145690312001); "
    "IF to_regclass('public.uppfolj_migration') IS NULL THEN "
    "CREATE TABLE public.uppfolj_migration ("
    " version integer PRIMARY KEY CHECK (version >= 0),"
    " name text NOT NULL,"
    " sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),"
    " applied_at timestamptz NOT NULL DEFAULT now()); "
    "REVOKE ALL ON public.uppfolj_migration FROM PUBLIC; "
    "END IF; END $$";

enum mig_stmt {
	MIG_LOCK,
	MIG_LIST,
	MIG_INSERT,
	MIG__MAX
};

static const struct db_stmt mig_stmts[MIG__MAX] = {
	/* Held for the whole session: concurrent migrate runs queue up. */
	[MIG_LOCK] = { "mig_lock",
	    "SELECT pg_advisory_lock(7523145690312002)", 0 },
	[MIG_LIST] = { "mig_list",
	    "SELECT version, name, sha256 FROM public.uppfolj_migration"
	    " ORDER BY version",
	    0 },
	[MIG_INSERT] = { "mig_insert",
	    "INSERT INTO public.uppfolj_migration (version, name, sha256)"
	    " VALUES ($1::integer, $2, $3)",
	    3 },
};

enum admin_stmt {
	ST_INSTRUMENT_SHA,
	ST_INSTRUMENT_INSERT,
	ST_ITEM_INSERT,
	ST_AUDIT_INSERT,
	ST_STUDY_FIND,
	ST_STUDY_INSERT,
	ST_UNIT_INSERT,
	ST_WAVE_INSERT,
	ST_WAVE_INSTRUMENT_INSERT,
	ST_ACCESS_CODE_INSERT,
	ST_PARTICIPANT_COPY,
	ST_CONSENT_COPY,
	ST_RESPONSE_COPY,
	ST_ANSWER_COPY,
	ST_PARTICIPANT_EACH,
	ST_RESPONSE_EACH,
	ST_STUDY_COUNTS,
	ST_QUAL_PATH,
	ST_QUAL_CODER,
	ST_QUAL_CODE,
	ST_QUAL_DOC,
	ST_QUAL_UNIT,
	ST_QUAL_SET,
	ST_QUAL_SET_DOC,
	ST_QUAL_TEXT,
	ST_INSTRUMENT_DEFINITION,
	ST_TRANSLATION_LATEST,
	ST_TRANSLATION_INSERT,
	ST__MAX
};

static const struct db_stmt admin_stmts[ST__MAX] = {
	[ST_INSTRUMENT_SHA] = { "instrument_sha",
	    "SELECT sha256 FROM uppfolj.instrument"
	    " WHERE instrument_id = $1 AND version = $2::integer",
	    2 },
	[ST_INSTRUMENT_INSERT] = { "instrument_insert",
	    "INSERT INTO uppfolj.instrument"
	    " (instrument_id, version, grp, title, definition, sha256)"
	    " VALUES ($1, $2::integer, $3::uppfolj.respondent_group, $4,"
	    " $5::jsonb, $6)",
	    6 },
	[ST_INSTRUMENT_DEFINITION] = { "instrument_definition",
	    "SELECT definition::text FROM uppfolj.instrument"
	    " WHERE instrument_id = $1 AND version = $2::integer",
	    2 },
	[ST_TRANSLATION_LATEST] = { "translation_latest",
	    "SELECT revision, sha256 FROM uppfolj.instrument_translation"
	    " WHERE instrument_id = $1 AND version = $2::integer AND lang = $3"
	    " ORDER BY revision DESC LIMIT 1",
	    3 },
	[ST_TRANSLATION_INSERT] = { "translation_insert",
	    "INSERT INTO uppfolj.instrument_translation"
	    " (instrument_id, version, lang, revision, machine_assisted,"
	    " definition, sha256)"
	    " VALUES ($1, $2::integer, $3, $4::integer, $5::boolean, $6::jsonb,"
	    " $7)",
	    7 },
	[ST_ITEM_INSERT] = { "instrument_item_insert",
	    "INSERT INTO uppfolj.instrument_item"
	    " (instrument_id, version, item_id, position, theme_id, item_type)"
	    " VALUES ($1, $2::integer, $3, $4::integer, $5, $6)",
	    6 },
	[ST_AUDIT_INSERT] = { "audit_insert",
	    "INSERT INTO uppfolj.audit_log (actor, action, object, detail)"
	    " VALUES ('uppfolj-admin', $1, $2, $3::jsonb)",
	    3 },
	[ST_STUDY_FIND] = { "study_find",
	    "SELECT study_id FROM uppfolj.study WHERE slug = $1", 1 },
	[ST_STUDY_INSERT] = { "study_insert",
	    "INSERT INTO uppfolj.study (slug, name, start_date, synthetic)"
	    " VALUES ($1, $2, $3::date, $4::boolean) RETURNING study_id",
	    4 },
	[ST_UNIT_INSERT] = { "unit_insert",
	    "INSERT INTO uppfolj.unit"
	    " (study_id, name, kind, huvudman, report_label)"
	    " VALUES ($1::bigint, $2, $3::uppfolj.unit_kind,"
	    " $4::uppfolj.huvudman, $5) RETURNING unit_id",
	    5 },
	[ST_WAVE_INSERT] = { "wave_insert",
	    "INSERT INTO uppfolj.wave (study_id, months, opens_on, closes_on)"
	    " VALUES ($1::bigint, $2::smallint, $3::date, $4::date)"
	    " RETURNING wave_id",
	    4 },
	[ST_WAVE_INSTRUMENT_INSERT] = { "wave_instrument_insert",
	    "INSERT INTO uppfolj.wave_instrument"
	    " (wave_id, grp, instrument_id, version)"
	    " VALUES ($1::bigint, $2::uppfolj.respondent_group, $3,"
	    " $4::integer)",
	    4 },
	[ST_ACCESS_CODE_INSERT] = { "access_code_insert",
	    "INSERT INTO uppfolj.access_code"
	    " (participant_id, wave_id, code_hash, expires_at)"
	    " VALUES ($1::bigint, $2::bigint, $3::bytea, $4::timestamptz)",
	    4 },
	[ST_PARTICIPANT_COPY] = { "participant_copy",
	    "COPY uppfolj.participant"
	    " (study_id, panel_id, grp, unit_id, synthetic, created_at)"
	    " FROM STDIN",
	    0 },
	[ST_CONSENT_COPY] = { "consent_copy",
	    "COPY uppfolj.consent"
	    " (participant_id, wave_id, info_version, decision, decided_at, lang)"
	    " FROM STDIN",
	    0 },
	[ST_RESPONSE_COPY] = { "response_copy",
	    "COPY uppfolj.response"
	    " (submission_id, participant_id, wave_id, instrument_id, version,"
	    " status, started_at, updated_at, submitted_at, lang, easy) FROM STDIN",
	    0 },
	[ST_ANSWER_COPY] = { "answer_copy",
	    "COPY uppfolj.answer"
	    " (response_id, instrument_id, version, item_id, dont_know, declined,"
	    " value_int, value_text, value_choices, value_date) FROM STDIN",
	    0 },
	[ST_PARTICIPANT_EACH] = { "participant_each",
	    "SELECT panel_id, participant_id FROM uppfolj.participant"
	    " WHERE study_id = $1::bigint",
	    1 },
	[ST_RESPONSE_EACH] = { "response_each",
	    "SELECT p.panel_id, w.months, r.response_id"
	    " FROM uppfolj.response r"
	    " JOIN uppfolj.participant p ON p.participant_id = r.participant_id"
	    " JOIN uppfolj.wave w ON w.wave_id = r.wave_id"
	    " WHERE p.study_id = $1::bigint",
	    1 },
	[ST_STUDY_COUNTS] = { "study_counts",
	    "WITH n AS ("
	    "  SELECT a.response_id, count(*) AS answers"
	    "  FROM uppfolj.answer a"
	    "  JOIN uppfolj.response r ON r.response_id = a.response_id"
	    "  JOIN uppfolj.wave w ON w.wave_id = r.wave_id"
	    "  WHERE w.study_id = $1::bigint GROUP BY a.response_id)"
	    " SELECT w.months, p.grp::text,"
	    "  count(DISTINCT r.participant_id), count(r.response_id),"
	    "  coalesce(sum(n.answers), 0)::bigint,"
	    "  count(*) FILTER (WHERE c.decision = 'declined')"
	    " FROM uppfolj.consent c"
	    " JOIN uppfolj.wave w ON w.wave_id = c.wave_id"
	    " JOIN uppfolj.participant p ON p.participant_id = c.participant_id"
	    " LEFT JOIN uppfolj.response r ON r.participant_id = c.participant_id"
	    "  AND r.wave_id = c.wave_id"
	    " LEFT JOIN n ON n.response_id = r.response_id"
	    " WHERE w.study_id = $1::bigint"
	    " GROUP BY w.months, p.grp ORDER BY w.months, p.grp",
	    1 },
	/* The demo's qualitative material (demo_qual.c). A demo coder is
	 * created once and shared by every demo study. */
	/* schema/0020's triggers name their tables without a schema; a
	 * superuser connection has no uppfolj search_path. For this
	 * transaction only. */
	[ST_QUAL_PATH] = { "qual_path",
	    "SELECT set_config('search_path', 'uppfolj', true)", 0 },
	[ST_QUAL_CODER] = { "qual_coder",
	    "WITH ins AS (INSERT INTO uppfolj.app_user (username, password_hash, role)"
	    " VALUES ($1, $2, 'evaluator') ON CONFLICT (username) DO NOTHING"
	    " RETURNING user_id)"
	    " SELECT user_id FROM ins UNION ALL"
	    " SELECT user_id FROM uppfolj.app_user WHERE username = $1 LIMIT 1",
	    2 },
	[ST_QUAL_CODE] = { "qual_code",
	    "WITH c AS (INSERT INTO uppfolj.qual_code"
	    " (study_id, parent_id, level, name, guid)"
	    " VALUES ($1::bigint, nullif($2::bigint, 0), $3::smallint, $4, $5::uuid)"
	    " RETURNING code_id, parent_id, name),"
	    " ev AS (INSERT INTO uppfolj.qual_code_event"
	    " (study_id, kind, code_id, new_name, new_parent, actor)"
	    " SELECT $1::bigint, 'create', code_id, name, parent_id, $6 FROM c)"
	    " SELECT code_id FROM c",
	    6 },
	[ST_QUAL_DOC] = { "qual_doc",
	    "INSERT INTO uppfolj.qual_document (study_id, wave_id, grp, participant_id,"
	    " title, body, uploaded_by, guid)"
	    " VALUES ($1::bigint, $2::bigint, $3::uppfolj.respondent_group,"
	    " nullif($4::bigint, 0), $5, $6, $7::bigint, $8::uuid)"
	    " RETURNING document_id",
	    8 },
	/* The span is cut from the stored text itself, as the coding pages do. */
	[ST_QUAL_UNIT] = { "qual_unit",
	    "INSERT INTO uppfolj.qual_unit (document_id, start_pos, end_pos, span,"
	    " condensation, code_id, coder_id, guid)"
	    " SELECT d.document_id, $2::int, $3::int,"
	    " substr(d.body, $2::int + 1, $3::int - $2::int), $4, $5::bigint,"
	    " $6::bigint, $7::uuid"
	    " FROM uppfolj.qual_document d WHERE d.document_id = $1::bigint"
	    " RETURNING unit_id",
	    7 },
	[ST_QUAL_SET] = { "qual_set",
	    "INSERT INTO uppfolj.qual_dc_set (study_id, name, coder_a, coder_b,"
	    " a_done_at, b_done_at, created_by)"
	    " VALUES ($1::bigint, $2, $3::bigint, $4::bigint, now(), now(),"
	    " 'uppfolj-admin demo') RETURNING set_id",
	    4 },
	[ST_QUAL_SET_DOC] = { "qual_set_doc",
	    "INSERT INTO uppfolj.qual_dc_document (set_id, document_id)"
	    " VALUES ($1::bigint, $2::bigint)",
	    2 },
	[ST_QUAL_TEXT] = { "qual_text",
	    "INSERT INTO uppfolj.report_text (study_id, kind, months, section, code_id,"
	    " version, body, author)"
	    " VALUES ($1::bigint, $2::uppfolj.report_kind, nullif($3::int, 0)::smallint,"
	    " $4::uppfolj.report_section, nullif($5::bigint, 0), 1, $6, $7)",
	    7 },
};

/* Decimal text of an integer parameter. */
struct num {
	char s[24];
};

static const char *
num(struct num *n, long long v)
{
	int k = snprintf(n->s, sizeof(n->s), "%lld", v);

	if (k < 0 || (size_t)k >= sizeof(n->s))
		n->s[0] = '\0'; /* cannot happen for 64-bit values */
	return n->s;
}

/* Copy a field into a fixed buffer; UF_ELIMIT when it does not fit. */
static uf_err
field_copy(const struct db_res *r, int row, int col, char *dst, size_t cap)
{
	const char *s = db_res_get(r, row, col);
	size_t len = strlen(s);

	if (len >= cap)
		return UF_ELIMIT;
	memcpy(dst, s, len + 1);
	return UF_OK;
}

/* Run a statement and allocate a zeroed array with one element of `size`
 * per row, for the caller to fill from *res; *rows is NULL without rows.
 * The caller frees *rows and *res, also on failure. */
static uf_err
exec_table(struct db *db, size_t idx, const char *const *params, size_t size,
    struct db_res **res, void **rows, int *nrows)
{
	uf_err e;

	*rows = NULL;
	*nrows = 0;
	if ((e = db_exec(db, idx, params, res)) != UF_OK)
		goto out;
	*nrows = db_res_rows(*res);
	if (*nrows > 0 && (*rows = calloc((size_t)*nrows, size)) == NULL)
		e = UF_ENOMEM;
out:
	return e;
}

/* Run a statement returning one bigint (RETURNING id). */
static uf_err
exec_id(struct db *db, size_t idx, const char *const *params, long long *id)
{
	struct db_res *res = NULL;
	uf_err e;

	if ((e = db_exec(db, idx, params, &res)) != UF_OK)
		goto out;
	if (res == NULL || db_res_rows(res) != 1) {
		e = UF_EINTERNAL;
		goto out;
	}
	e = db_res_long(res, 0, 0, id);
out:
	db_res_free(res);
	return e;
}

uf_err
db_migrate_connect(const char *conninfo, struct db **out)
{
	struct db *boot = NULL, *db = NULL;
	uf_err e;

	*out = NULL;
	if ((e = db_connect(conninfo, mig_stmts, 0, &boot)) != UF_OK)
		goto out;
	if ((e = db_exec_script(boot, migration_table_sql)) != UF_OK) {
		fprintf(stderr, "cannot create public.uppfolj_migration: %s\n",
		    db_errmsg(boot));
		goto out;
	}
	if ((e = db_connect(conninfo, mig_stmts, MIG__MAX, &db)) != UF_OK)
		goto out;
	if ((e = db_exec(db, MIG_LOCK, NULL, NULL)) != UF_OK)
		goto out;
	*out = db;
	db = NULL;
out:
	db_close(db);
	db_close(boot);
	return e;
}

uf_err
db_migration_list(struct db *db, struct mig_row **out, size_t *n)
{
	struct db_res *res = NULL;
	struct mig_row *rows = NULL;
	void *mem = NULL;
	long long v;
	int i, nrows;
	uf_err e;

	*out = NULL;
	*n = 0;
	e = exec_table(db, MIG_LIST, NULL, sizeof(*rows), &res, &mem, &nrows);
	rows = mem;
	if (e != UF_OK)
		goto out;
	for (i = 0; i < nrows; i++) {
		if ((e = db_res_long(res, i, 0, &v)) != UF_OK)
			goto out;
		rows[i].version = (int)v;
		if ((e = field_copy(res, i, 1, rows[i].name,
		         sizeof(rows[i].name))) != UF_OK ||
		    (e = field_copy(res, i, 2, rows[i].sha256,
		         sizeof(rows[i].sha256))) != UF_OK)
			goto out;
	}
	*out = rows;
	*n = (size_t)nrows;
	rows = NULL;
out:
	free(rows);
	db_res_free(res);
	return e;
}

uf_err
db_migration_insert(struct db *db, int version, const char *name,
    const char *sha256)
{
	struct num v;
	const char *p[3] = { num(&v, version), name, sha256 };

	return db_exec(db, MIG_INSERT, p, NULL);
}

uf_err
db_admin_connect(const char *conninfo, struct db **out)
{
	return db_connect(conninfo, admin_stmts, ST__MAX, out);
}

uf_err
db_instrument_sha(struct db *db, const char *id, int version,
    char sha[SHA256_HEX_LEN + 1], bool *found)
{
	struct db_res *res = NULL;
	struct num v;
	const char *p[2] = { id, num(&v, version) };
	uf_err e;

	*found = false;
	sha[0] = '\0';
	if ((e = db_exec(db, ST_INSTRUMENT_SHA, p, &res)) != UF_OK)
		goto out;
	if (db_res_rows(res) == 1) {
		if ((e = field_copy(res, 0, 0, sha, SHA256_HEX_LEN + 1)) != UF_OK)
			goto out;
		*found = true;
	}
out:
	db_res_free(res);
	return e;
}

uf_err
db_instrument_insert(struct db *db, const char *id, int version,
    const char *grp, const char *title, const char *json, const char *sha)
{
	struct num v;
	const char *p[6] = { id, num(&v, version), grp, title, json, sha };

	return db_exec(db, ST_INSTRUMENT_INSERT, p, NULL);
}

uf_err
db_instrument_definition(struct db *db, const char *id, int version,
    char **out)
{
	struct db_res *res = NULL;
	struct num v;
	const char *p[2] = { id, num(&v, version) };
	uf_err e;

	*out = NULL;
	if ((e = db_exec(db, ST_INSTRUMENT_DEFINITION, p, &res)) != UF_OK)
		goto out;
	if (db_res_rows(res) != 1 || db_res_isnull(res, 0, 0)) {
		e = UF_ENOTFOUND;
		goto out;
	}
	if ((*out = strdup(db_res_get(res, 0, 0))) == NULL)
		e = UF_ENOMEM;
out:
	db_res_free(res);
	return e;
}

uf_err
db_translation_latest(struct db *db, const char *id, int version,
    const char *lang, int *revision, char sha[SHA256_HEX_LEN + 1])
{
	struct db_res *res = NULL;
	struct num v;
	const char *p[3] = { id, num(&v, version), lang };
	long long r;
	uf_err e;

	*revision = 0;
	sha[0] = '\0';
	if ((e = db_exec(db, ST_TRANSLATION_LATEST, p, &res)) != UF_OK)
		goto out;
	if (db_res_rows(res) == 0)
		goto out;
	if ((e = db_res_long(res, 0, 0, &r)) != UF_OK ||
	    (e = field_copy(res, 0, 1, sha, SHA256_HEX_LEN + 1)) != UF_OK)
		goto out;
	if (r < 1 || r > 1000000000) {
		e = UF_EINTERNAL;
		goto out;
	}
	*revision = (int)r;
out:
	db_res_free(res);
	return e;
}

uf_err
db_translation_insert(struct db *db, const char *id, int version,
    const char *lang, int revision, bool machine_assisted, const char *json,
    const char *sha)
{
	struct num v, r;
	const char *p[7] = { id, num(&v, version), lang, num(&r, revision),
		machine_assisted ? "true" : "false", json, sha };

	return db_exec(db, ST_TRANSLATION_INSERT, p, NULL);
}

uf_err
db_instrument_item_insert(struct db *db, const char *id, int version,
    const char *item_id, int position, const char *theme, const char *type)
{
	struct num v, pos;
	const char *p[6] = { id, num(&v, version), item_id, num(&pos, position),
		theme, type };

	return db_exec(db, ST_ITEM_INSERT, p, NULL);
}

uf_err
db_audit_add(struct db *db, const char *action, const char *object,
    const char *detail_json)
{
	const char *p[3] = { action, object, detail_json };

	return db_exec(db, ST_AUDIT_INSERT, p, NULL);
}

uf_err
db_study_find(struct db *db, const char *slug, long long *id, bool *found)
{
	struct db_res *res = NULL;
	const char *p[1] = { slug };
	uf_err e;

	*found = false;
	*id = 0;
	if ((e = db_exec(db, ST_STUDY_FIND, p, &res)) != UF_OK)
		goto out;
	if (db_res_rows(res) == 1) {
		if ((e = db_res_long(res, 0, 0, id)) != UF_OK)
			goto out;
		*found = true;
	}
out:
	db_res_free(res);
	return e;
}

uf_err
db_study_insert(struct db *db, const char *slug, const char *name,
    const char *start_date, bool synthetic, long long *id)
{
	const char *p[4] = { slug, name, start_date, synthetic ? "true" : "false" };

	return exec_id(db, ST_STUDY_INSERT, p, id);
}

uf_err
db_unit_insert(struct db *db, long long study, const char *name,
    const char *kind, const char *huvudman, const char *report_label,
    long long *id)
{
	struct num s;
	const char *p[5] = { num(&s, study), name, kind, huvudman, report_label };

	return exec_id(db, ST_UNIT_INSERT, p, id);
}

uf_err
db_wave_insert(struct db *db, long long study, int months,
    const char *opens_on, const char *closes_on, long long *id)
{
	struct num s, m;
	const char *p[4] = { num(&s, study), num(&m, months), opens_on, closes_on };

	return exec_id(db, ST_WAVE_INSERT, p, id);
}

uf_err
db_wave_instrument_insert(struct db *db, long long wave, const char *grp,
    const char *instrument, int version)
{
	struct num w, v;
	const char *p[4] = { num(&w, wave), grp, instrument, num(&v, version) };

	return db_exec(db, ST_WAVE_INSTRUMENT_INSERT, p, NULL);
}

uf_err
db_access_code_insert(struct db *db, long long participant, long long wave,
    const char *hash_bytea, const char *expires_at)
{
	struct num pa, w;
	const char *p[4] = { num(&pa, participant), num(&w, wave), hash_bytea,
		expires_at };

	return db_exec(db, ST_ACCESS_CODE_INSERT, p, NULL);
}

uf_err
db_participant_copy_begin(struct db *db)
{
	return db_copy_begin(db, ST_PARTICIPANT_COPY);
}

uf_err
db_consent_copy_begin(struct db *db)
{
	return db_copy_begin(db, ST_CONSENT_COPY);
}

uf_err
db_response_copy_begin(struct db *db)
{
	return db_copy_begin(db, ST_RESPONSE_COPY);
}

uf_err
db_answer_copy_begin(struct db *db)
{
	return db_copy_begin(db, ST_ANSWER_COPY);
}

uf_err
db_participant_each(struct db *db, long long study,
    uf_err (*fn)(void *ctx, const char *panel_id, long long id), void *ctx)
{
	struct db_res *res = NULL;
	struct num s;
	const char *p[1] = { num(&s, study) };
	long long id;
	int i, n;
	uf_err e;

	if ((e = db_exec(db, ST_PARTICIPANT_EACH, p, &res)) != UF_OK)
		goto out;
	n = db_res_rows(res);
	for (i = 0; i < n; i++) {
		if ((e = db_res_long(res, i, 1, &id)) != UF_OK ||
		    (e = fn(ctx, db_res_get(res, i, 0), id)) != UF_OK)
			goto out;
	}
out:
	db_res_free(res);
	return e;
}

uf_err
db_response_each(struct db *db, long long study,
    uf_err (*fn)(void *ctx, const char *panel_id, int months, long long id),
    void *ctx)
{
	struct db_res *res = NULL;
	struct num s;
	const char *p[1] = { num(&s, study) };
	long long months, id;
	int i, n;
	uf_err e;

	if ((e = db_exec(db, ST_RESPONSE_EACH, p, &res)) != UF_OK)
		goto out;
	n = db_res_rows(res);
	for (i = 0; i < n; i++) {
		if ((e = db_res_long(res, i, 1, &months)) != UF_OK ||
		    (e = db_res_long(res, i, 2, &id)) != UF_OK ||
		    (e = fn(ctx, db_res_get(res, i, 0), (int)months, id)) != UF_OK)
			goto out;
	}
out:
	db_res_free(res);
	return e;
}

uf_err
db_study_counts(struct db *db, long long study, struct demo_count **out,
    size_t *n)
{
	struct db_res *res = NULL;
	struct demo_count *rows = NULL;
	struct num s;
	const char *p[1] = { num(&s, study) };
	void *mem = NULL;
	long long v;
	int i, nrows;
	uf_err e;

	*out = NULL;
	*n = 0;
	e = exec_table(db, ST_STUDY_COUNTS, p, sizeof(*rows), &res, &mem, &nrows);
	rows = mem;
	if (e != UF_OK)
		goto out;
	for (i = 0; i < nrows; i++) {
		if ((e = db_res_long(res, i, 0, &v)) != UF_OK)
			goto out;
		rows[i].months = (int)v;
		if ((e = field_copy(res, i, 1, rows[i].grp,
		         sizeof(rows[i].grp))) != UF_OK ||
		    (e = db_res_long(res, i, 2, &rows[i].participants)) != UF_OK ||
		    (e = db_res_long(res, i, 3, &rows[i].responses)) != UF_OK ||
		    (e = db_res_long(res, i, 4, &rows[i].answers)) != UF_OK ||
		    (e = db_res_long(res, i, 5, &rows[i].declined)) != UF_OK)
			goto out;
	}
	*out = rows;
	*n = (size_t)nrows;
	rows = NULL;
out:
	free(rows);
	db_res_free(res);
	return e;
}

uf_err
db_qual_begin(struct db *db)
{
	return db_exec(db, ST_QUAL_PATH, NULL, NULL);
}

uf_err
db_qual_coder(struct db *db, const char *username, const char *pw_hash,
    long long *id)
{
	const char *p[2] = { username, pw_hash };

	return exec_id(db, ST_QUAL_CODER, p, id);
}

uf_err
db_qual_code_insert(struct db *db, long long study, long long parent, int level,
    const char *name, const char *guid, const char *actor, long long *id)
{
	struct num s, pa, l;
	const char *p[6] = { num(&s, study), num(&pa, parent), num(&l, level), name,
		guid, actor };

	return exec_id(db, ST_QUAL_CODE, p, id);
}

uf_err
db_qual_doc_insert(struct db *db, long long study, long long wave,
    const char *grp, long long participant, const char *title, const char *body,
    long long uploader, const char *guid, long long *id)
{
	struct num s, w, pa, u;
	const char *p[8] = { num(&s, study), num(&w, wave), grp, num(&pa, participant),
		title, body, num(&u, uploader), guid };

	return exec_id(db, ST_QUAL_DOC, p, id);
}

uf_err
db_qual_unit_insert(struct db *db, long long document, long start, long end,
    const char *condensation, long long code, long long coder, const char *guid,
    long long *id)
{
	struct num d, a, z, c, u;
	const char *p[7] = { num(&d, document), num(&a, start), num(&z, end),
		condensation, num(&c, code), num(&u, coder), guid };

	return exec_id(db, ST_QUAL_UNIT, p, id);
}

uf_err
db_qual_set_insert(struct db *db, long long study, const char *name,
    long long coder_a, long long coder_b, long long *id)
{
	struct num s, a, b;
	const char *p[4] = { num(&s, study), name, num(&a, coder_a), num(&b, coder_b) };

	return exec_id(db, ST_QUAL_SET, p, id);
}

uf_err
db_qual_set_doc(struct db *db, long long set, long long document)
{
	struct num s, d;
	const char *p[2] = { num(&s, set), num(&d, document) };

	return db_exec(db, ST_QUAL_SET_DOC, p, NULL);
}

uf_err
db_qual_text_insert(struct db *db, long long study, const char *kind, int months,
    const char *section, long long code, const char *body, const char *author)
{
	struct num s, m, c;
	const char *p[7] = { num(&s, study), kind, num(&m, months), section,
		num(&c, code), body, author };

	return db_exec(db, ST_QUAL_TEXT, p, NULL);
}
