/* SPDX-License-Identifier: ISC
 * The web admin's statements, prepared after manage/'s in one table so the
 * manage functions keep their indexes. The only SQL text of adminweb/;
 * parameters always travel separately ($n).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_adminweb.h"
#include "db_manage.h"

enum awstmt {
	AW_STUDY_GET,
	AW_UNIT_INSERT,
	AW_WAVE_DATES,
	AW_WAVES,
	AW_PARTICIPANT_COUNTS,
	AW_USERS,
	AW_USER_EXISTS,
	AW__MAX
};

static const struct db_stmt aw_stmts[AW__MAX] = {
	[AW_STUDY_GET] = { "aw_study_get",
	    "SELECT slug, name, to_char(start_date, 'YYYY-MM-DD') FROM study"
	    " WHERE study_id = $1", 1 },
	[AW_UNIT_INSERT] = { "aw_unit_insert",
	    "INSERT INTO unit (study_id, name, kind, huvudman, report_label)"
	    " VALUES ($1, $2, $3::unit_kind, $4::huvudman, $5)"
	    " ON CONFLICT (study_id, name) DO NOTHING RETURNING unit_id", 5 },
	/* The wave's unused codes expire with it (end of the closing day, as
	 * manage/codes sets it when issuing). */
	[AW_WAVE_DATES] = { "aw_wave_dates",
	    "WITH w AS (UPDATE wave SET opens_on = $3::date, closes_on = $4::date"
	    "  WHERE study_id = $1 AND months = $2 RETURNING wave_id, closes_on),"
	    " c AS (UPDATE access_code a"
	    "  SET expires_at = ((w.closes_on + 1)::timestamp)::timestamptz"
	    "  FROM w WHERE a.wave_id = w.wave_id AND a.used_at IS NULL RETURNING 1)"
	    " SELECT wave_id FROM w", 4 },
	[AW_WAVES] = { "aw_waves",
	    "SELECT w.months, to_char(w.opens_on, 'YYYY-MM-DD'),"
	    " to_char(w.closes_on, 'YYYY-MM-DD'), w.closed_at IS NOT NULL,"
	    " w.closes_on < current_date, w.opens_on > current_date,"
	    " coalesce((SELECT string_agg(wi.grp::text, ',' ORDER BY wi.grp)"
	    "  FROM wave_instrument wi WHERE wi.wave_id = w.wave_id), '')"
	    " FROM wave w WHERE w.study_id = $1 ORDER BY w.months", 1 },
	[AW_PARTICIPANT_COUNTS] = { "aw_participant_counts",
	    "SELECT unit_id, grp::text, count(*) FROM participant"
	    " WHERE study_id = $1 GROUP BY unit_id, grp ORDER BY unit_id, grp", 1 },
	[AW_USERS] = { "aw_users",
	    "SELECT a.user_id, a.username, a.role::text, a.disabled,"
	    " coalesce(a.locked_until > now(), false), a.failed_logins,"
	    " to_char(a.created_at, 'YYYY-MM-DD'),"
	    " coalesce(string_agg(u.name, ', ' ORDER BY u.name), '')"
	    " FROM app_user a LEFT JOIN user_unit uu ON uu.user_id = a.user_id"
	    " LEFT JOIN unit u ON u.unit_id = uu.unit_id"
	    " GROUP BY a.user_id ORDER BY a.username", 0 },
	[AW_USER_EXISTS] = { "aw_user_exists",
	    "SELECT 1 FROM app_user WHERE user_id = $1", 1 },
};

/* Where our statements start in the combined table. */
static size_t aw_base;

uf_err
db_aw_table(struct db_stmt **out, size_t *n)
{
	size_t nm = 0;
	const struct db_stmt *m = db_manage_stmts(&nm);
	struct db_stmt *t;

	*out = NULL;
	*n = 0;
	t = calloc(nm + AW__MAX, sizeof(*t));
	if (t == NULL)
		return UF_ENOMEM;
	memcpy(t, m, nm * sizeof(*t));
	memcpy(t + nm, aw_stmts, sizeof(aw_stmts));
	aw_base = nm;
	*out = t;
	*n = nm + AW__MAX;
	return UF_OK;
}

static const char *
num(char b[24], long long n)
{
	int w = snprintf(b, 24, "%lld", n);

	if (w < 0 || w >= 24)
		b[0] = '\0';
	return b;
}

static uf_err
rows(struct db *db, enum awstmt s, const char *const *p, struct db_res **out)
{
	*out = NULL;
	return db_exec(db, aw_base + (size_t)s, p, out);
}

/* Run s; *v = the first column of the first row, 0 without rows. */
static uf_err
one_ll(struct db *db, enum awstmt s, const char *const *p, long long *v)
{
	struct db_res *r = NULL;
	uf_err e;

	*v = 0;
	if ((e = db_exec(db, aw_base + (size_t)s, p, &r)) == UF_OK && r != NULL &&
	    db_res_rows(r) > 0)
		e = db_res_long(r, 0, 0, v);
	db_res_free(r);
	return e;
}

uf_err
db_aw_study_get(struct db *db, long long study, struct db_res **out)
{
	char s[24];
	const char *p[] = { num(s, study) };
	return rows(db, AW_STUDY_GET, p, out);
}

uf_err
db_aw_unit_insert(struct db *db, long long study, const char *name,
    const char *kind, const char *huvudman, const char *label, long long *id)
{
	char s[24];
	const char *p[] = { num(s, study), name, kind, huvudman, label };
	return one_ll(db, AW_UNIT_INSERT, p, id);
}

uf_err
db_aw_wave_dates(struct db *db, long long study, int months,
    const char *opens_on, const char *closes_on, bool *changed)
{
	char s[24], m[24];
	const char *p[] = { num(s, study), num(m, months), opens_on, closes_on };
	long long v = 0;
	uf_err e = one_ll(db, AW_WAVE_DATES, p, &v);

	*changed = e == UF_OK && v != 0;
	return e;
}

uf_err
db_aw_waves(struct db *db, long long study, struct db_res **out)
{
	char s[24];
	const char *p[] = { num(s, study) };
	return rows(db, AW_WAVES, p, out);
}

uf_err
db_aw_participant_counts(struct db *db, long long study, struct db_res **out)
{
	char s[24];
	const char *p[] = { num(s, study) };
	return rows(db, AW_PARTICIPANT_COUNTS, p, out);
}

uf_err
db_aw_users(struct db *db, struct db_res **out)
{
	return rows(db, AW_USERS, NULL, out);
}

uf_err
db_aw_user_exists(struct db *db, long long user, bool *yes)
{
	char u[24];
	const char *p[] = { num(u, user) };
	long long v = 0;
	uf_err e = one_ll(db, AW_USER_EXISTS, p, &v);

	*yes = e == UF_OK && v == 1;
	return e;
}
