/* SPDX-License-Identifier: ISC
 * The only SQL uppfolj-collect sends: one prepared call per function of
 * schema/0003_collect.sql, 0011_collect_session_end.sql and
 * 0016_draft_page.sql, 0018_session_cache_stamp.sql and
 * 0021_respondent_language.sql and 0022_instrument_translation.sql,
 * plus typed wrappers
 * that turn C values into text
 * parameters and result fields back into C values.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "db_collect.h"

const struct db_stmt collect_stmts[ST__MAX] = {
	[ST_LOGIN] = { "collect_login_idle",
	    "SELECT accepted, grp, months, code_id FROM uppfolj.collect_login_idle("
	    "$1::bytea, $2::bytea, $3::bytea, $4, $5::integer, $6::integer, "
	    "$7::integer, $8::integer, $9::integer)",
	    9 },
	[ST_SESSION_GET] = { "collect_session_view_lang",
	    "SELECT grp, months, instrument_id, version, consent, status, csrf, "
	    "answers::text, code_id, expires_epoch, stamp, draft_rev, test, lang, easy "
	    "FROM uppfolj.collect_session_view_lang($1::bytea, $2)",
	    2 },
	[ST_SESSION_END] = { "collect_session_end",
	    "SELECT uppfolj.collect_session_end($1::bytea)", 1 },
	[ST_SESSION_EXTEND] = { "collect_session_extend",
	    "SELECT uppfolj.collect_session_extend($1::bytea)", 1 },
	[ST_SESSION_END_SAVING] = { "collect_session_end_saving",
	    "SELECT uppfolj.collect_session_end_saving($1::bytea, $2::jsonb)", 2 },
	[ST_SESSION_EXPIRED] = { "collect_session_expired",
	    "SELECT uppfolj.collect_session_expired($1::bytea)", 1 },
	[ST_CONSENT] = { "collect_consent_lang",
	    "SELECT uppfolj.collect_consent_lang($1::bytea, $2, $3)", 3 },
	[ST_VIEW_SET] = { "collect_session_view_set",
	    "SELECT uppfolj.collect_session_view_set($1::bytea, $2, $3::boolean)", 3 },
	[ST_DRAFT_PAGE] = { "collect_draft_page",
	    "SELECT draft_rev, expires_epoch, stamp FROM uppfolj.collect_draft_page("
	    "$1::bytea, $2::bigint, $3::jsonb, $4::jsonb)",
	    4 },
	[ST_SUBMIT_SESSION] = { "collect_submit_session",
	    "SELECT submission_id, submitted_at FROM uppfolj.collect_submit_session("
	    "$1::bytea, $2::jsonb)",
	    2 },
	[ST_SUBMIT_CODE] = { "collect_submit_code",
	    "SELECT status, to_char(submitted_at AT TIME ZONE 'UTC', "
	    "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), code_id FROM uppfolj.collect_submit_code_lang("
	    "$1::bytea, $2::bytea, $3::uuid, $4, $5::integer, $6::integer, $7::boolean, "
	    "$8, $9::jsonb, $10::integer, $11::integer, $12::integer, $13)",
	    13 },
	[ST_INSTRUMENT] = { "collect_instrument",
	    "SELECT version, definition FROM uppfolj.collect_instrument($1, $2::integer)", 2 },
	[ST_INSTRUMENT_TRANSLATIONS] = { "collect_instrument_translations",
	    "SELECT lang, revision, definition FROM "
	    "uppfolj.collect_instrument_translations($1, $2::integer)",
	    2 },
};

/* Decimal text of an integer for a parameter. */
struct num {
	char s[24];
};

static const char *
num(struct num *n, long long v)
{
	int k = snprintf(n->s, sizeof(n->s), "%lld", v);
	if (k < 0 || (size_t)k >= sizeof(n->s))
		n->s[0] = '\0'; /* cannot happen for a long */
	return n->s;
}

/* A bigint field; -1 for SQL NULL. */
static uf_err
field_ll(const struct db_res *r, int row, int col, long long *out)
{
	if (db_res_isnull(r, row, col)) {
		*out = -1;
		return UF_OK;
	}
	return db_res_long(r, row, col, out);
}

static uf_err
field_int(const struct db_res *r, int row, int col, int *out)
{
	long long v;
	uf_err e = db_res_long(r, row, col, &v);
	if (e != UF_OK)
		return e;
	if (v < -2147483647LL || v > 2147483647LL)
		return UF_EINVAL;
	*out = (int)v;
	return UF_OK;
}

/* Arena copy of a field, NULL for SQL NULL. */
static uf_err
field_str(struct arena *a, const struct db_res *r, int row, int col,
    const char **out)
{
	if (db_res_isnull(r, row, col)) {
		*out = NULL;
		return UF_OK;
	}
	*out = arena_strdup(a, db_res_get(r, row, col));
	return *out ? UF_OK : UF_ENOMEM;
}

uf_err
db_collect_login(struct db *db, const char *code_hash, const char *addr_hash,
    const char *token_hash, const char *csrf, const struct idle_times *idle,
    const struct rate_limits *rl, bool *accepted, long long *code_id)
{
	struct num n1, n2, n3, n4, n5;
	const char *p[9] = { code_hash, addr_hash, token_hash, csrf,
		num(&n1, idle->patient), num(&n5, idle->staff), num(&n2, rl->addr_max),
		num(&n3, rl->code_max), num(&n4, rl->window_minutes) };
	struct db_res *r = NULL;
	uf_err e = db_exec(db, ST_LOGIN, p, &r);
	if (e != UF_OK)
		goto out;
	if (db_res_rows(r) != 1) {
		e = UF_EINTERNAL;
		goto out;
	}
	*accepted = strcmp(db_res_get(r, 0, 0), "t") == 0;
	e = field_ll(r, 0, 3, code_id);
out:
	db_res_free(r);
	return e;
}

uf_err
db_collect_session_get(struct db *db, struct arena *a, const char *token_hash,
    const char *stamp, struct db_session_row *out)
{
	const char *p[2] = { token_hash, stamp };
	struct db_res *r = NULL;
	uf_err e = db_exec(db, ST_SESSION_GET, p, &r);
	if (e != UF_OK)
		goto out;
	if (db_res_rows(r) != 1) {
		e = UF_EAUTH;
		goto out;
	}
	if ((e = field_str(a, r, 0, 0, &out->grp)) != UF_OK ||
	    (e = field_int(r, 0, 1, &out->months)) != UF_OK ||
	    (e = field_str(a, r, 0, 2, &out->instrument_id)) != UF_OK ||
	    (e = field_int(r, 0, 3, &out->version)) != UF_OK ||
	    (e = field_str(a, r, 0, 4, &out->consent)) != UF_OK ||
	    (e = field_str(a, r, 0, 5, &out->status)) != UF_OK ||
	    (e = field_str(a, r, 0, 6, &out->csrf)) != UF_OK ||
	    (e = field_str(a, r, 0, 7, &out->answers_json)) != UF_OK ||
	    (e = field_ll(r, 0, 8, &out->code_id)) != UF_OK ||
	    (e = field_ll(r, 0, 9, &out->expires_epoch)) != UF_OK ||
	    (e = field_str(a, r, 0, 10, &out->stamp)) != UF_OK ||
	    (e = db_res_long(r, 0, 11, &out->draft_rev)) != UF_OK)
		goto out;
	if (db_res_isnull(r, 0, 12) || db_res_isnull(r, 0, 14))
		e = UF_EINTERNAL;
	else {
		out->test = strcmp(db_res_get(r, 0, 12), "t") == 0;
		out->easy = strcmp(db_res_get(r, 0, 14), "t") == 0;
		e = field_str(a, r, 0, 13, &out->lang);
	}
	if (e != UF_OK)
		goto out;
	/* answers are left out only when the caller's stamp is still current */
	if (!out->grp || !out->instrument_id || !out->csrf || !out->lang ||
	    (!out->answers_json && (!stamp || !out->stamp)))
		e = UF_EINTERNAL;
out:
	db_res_free(r);
	return e;
}

static uf_err
exec_noresult(struct db *db, size_t idx, const char *const *p)
{
	struct db_res *r = NULL;
	uf_err e = db_exec(db, idx, p, &r);
	db_res_free(r);
	return e;
}

uf_err
db_collect_session_end(struct db *db, const char *token_hash)
{
	const char *p[1] = { token_hash };
	return exec_noresult(db, ST_SESSION_END, p);
}

uf_err
db_collect_session_extend(struct db *db, const char *token_hash,
    long long *expires_epoch)
{
	const char *p[1] = { token_hash };
	struct db_res *r = NULL;
	uf_err e = db_exec(db, ST_SESSION_EXTEND, p, &r);
	if (e != UF_OK)
		goto out;
	if (db_res_rows(r) != 1 || db_res_isnull(r, 0, 0)) {
		e = UF_EINTERNAL;
		goto out;
	}
	e = db_res_long(r, 0, 0, expires_epoch);
out:
	db_res_free(r);
	return e;
}

uf_err
db_collect_session_end_saving(struct db *db, const char *token_hash,
    const char *answers_json)
{
	const char *p[2] = { token_hash, answers_json };
	return exec_noresult(db, ST_SESSION_END_SAVING, p);
}

uf_err
db_collect_session_expired(struct db *db, const char *token_hash, bool *expired)
{
	const char *p[1] = { token_hash };
	struct db_res *r = NULL;
	uf_err e = db_exec(db, ST_SESSION_EXPIRED, p, &r);
	if (e != UF_OK)
		goto out;
	if (db_res_rows(r) != 1 || db_res_isnull(r, 0, 0)) {
		e = UF_EINTERNAL;
		goto out;
	}
	*expired = strcmp(db_res_get(r, 0, 0), "t") == 0;
out:
	db_res_free(r);
	return e;
}

uf_err
db_collect_consent(struct db *db, const char *token_hash, bool given,
    const char *info_version)
{
	const char *p[3] = { token_hash, given ? "given" : "declined", info_version };
	return exec_noresult(db, ST_CONSENT, p);
}

uf_err
db_collect_view_set(struct db *db, const char *token_hash, const char *lang,
    int easy)
{
	const char *p[3] = { token_hash, lang, easy < 0 ? NULL : easy ? "true" :
		                                                        "false" };
	return exec_noresult(db, ST_VIEW_SET, p);
}

uf_err
db_collect_draft_page(struct db *db, struct arena *a, const char *token_hash,
    long long rev, const char *put_json, const char *drop_json, long long *new_rev,
    const char **new_stamp, long long *expires_epoch)
{
	struct num n1;
	const char *p[4] = { token_hash, num(&n1, rev), put_json, drop_json };
	struct db_res *r = NULL;
	uf_err e = db_exec(db, ST_DRAFT_PAGE, p, &r);
	if (e != UF_OK)
		goto out;
	if (db_res_rows(r) != 1 || db_res_isnull(r, 0, 1)) {
		e = UF_EINTERNAL;
		goto out;
	}
	*new_stamp = NULL;
	if (db_res_isnull(r, 0, 0))
		*new_rev = -1;
	else if ((e = db_res_long(r, 0, 0, new_rev)) != UF_OK ||
	    (e = field_str(a, r, 0, 2, new_stamp)) != UF_OK)
		goto out;
	e = db_res_long(r, 0, 1, expires_epoch);
out:
	db_res_free(r);
	return e;
}

uf_err
db_collect_submit_session(struct db *db, const char *token_hash,
    const char *answers_json)
{
	const char *p[2] = { token_hash, answers_json };
	return exec_noresult(db, ST_SUBMIT_SESSION, p);
}

uf_err
db_collect_submit_code(struct db *db, struct arena *a, const char *code_hash,
    const char *addr_hash, const char *submission_id, const char *instrument,
    int version, int months, bool consent, const char *info_version,
    const char *answers_json, const char *lang, const struct rate_limits *rl,
    enum submit_status *status, const char **submitted_at, long long *code_id)
{
	struct num n1, n2, n3, n4, n5;
	const char *p[13] = { code_hash, addr_hash, submission_id, instrument,
		num(&n1, version), num(&n2, months), consent ? "true" : "false",
		info_version, answers_json, num(&n3, rl->addr_max),
		num(&n4, rl->code_max), num(&n5, rl->window_minutes), lang };
	struct db_res *r = NULL;
	const char *st;
	uf_err e = db_exec(db, ST_SUBMIT_CODE, p, &r);
	if (e != UF_OK)
		goto out;
	if (db_res_rows(r) != 1) {
		e = UF_EINTERNAL;
		goto out;
	}
	st = db_res_get(r, 0, 0);
	if (strcmp(st, "stored") == 0)
		*status = SUBMIT_STORED;
	else if (strcmp(st, "replay") == 0)
		*status = SUBMIT_REPLAY;
	else if (strcmp(st, "changed") == 0)
		*status = SUBMIT_CHANGED;
	else if (strcmp(st, "bad_code") == 0)
		*status = SUBMIT_BAD_CODE;
	else {
		e = UF_EINTERNAL;
		goto out;
	}
	if ((e = field_str(a, r, 0, 1, submitted_at)) != UF_OK)
		goto out;
	e = field_ll(r, 0, 2, code_id);
out:
	db_res_free(r);
	return e;
}

uf_err
db_collect_instrument(struct db *db, struct arena *a, const char *id,
    int version, int *version_out, const char **definition)
{
	struct num n1;
	const char *p[2] = { id, version > 0 ? num(&n1, version) : NULL };
	struct db_res *r = NULL;
	uf_err e = db_exec(db, ST_INSTRUMENT, p, &r);
	if (e != UF_OK)
		goto out;
	if (db_res_rows(r) != 1) {
		e = UF_ENOTFOUND;
		goto out;
	}
	if ((e = field_int(r, 0, 0, version_out)) != UF_OK ||
	    (e = field_str(a, r, 0, 1, definition)) != UF_OK)
		goto out;
	if (!*definition)
		e = UF_EINTERNAL;
out:
	db_res_free(r);
	return e;
}

uf_err
db_collect_instrument_translations(struct db *db, struct arena *a,
    const char *id, int version, struct db_translation_row *rows, size_t max,
    size_t *n)
{
	struct num n1;
	const char *p[2] = { id, num(&n1, version) };
	struct db_res *r = NULL;
	uf_err e;

	*n = 0;
	if ((e = db_exec(db, ST_INSTRUMENT_TRANSLATIONS, p, &r)) != UF_OK)
		goto out;
	if ((size_t)db_res_rows(r) > max) {
		e = UF_ELIMIT;
		goto out;
	}
	for (int i = 0; i < db_res_rows(r); i++) {
		struct db_translation_row *row = &rows[i];

		if ((e = field_str(a, r, i, 0, &row->lang)) != UF_OK ||
		    (e = field_int(r, i, 1, &row->revision)) != UF_OK ||
		    (e = field_str(a, r, i, 2, &row->definition)) != UF_OK)
			goto out;
		if (!row->lang || !row->definition) {
			e = UF_EINTERNAL;
			goto out;
		}
		(*n)++;
	}
out:
	db_res_free(r);
	return e;
}
