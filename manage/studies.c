/* SPDX-License-Identifier: ISC
 * Creating a study: the checks that mirror schema/0002's CHECKs, so a
 * person gets a Swedish sentence instead of a constraint error, and the
 * insert with its audit row in one transaction.
 */
#include <stdio.h>
#include <string.h>

#include "db_manage.h"
#include "studies.h"
#include "waves.h"

bool
study_slug_ok(const char *s)
{
	size_t i, n;

	if (s == NULL || (n = strlen(s)) == 0 || n > STUDY_SLUG_MAX)
		return false;
	for (i = 0; i < n; i++) {
		if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9'))
			continue;
		if (s[i] == '-' && i > 0)
			continue;
		return false;
	}
	return true;
}

/* The first thing wrong with the input, in err; false when something is. */
static bool
study_check(const char *slug, const char *name, const char *start,
    struct manage_error *err)
{
	if (!study_slug_ok(slug)) {
		manage_fail(err, "slug", "Kortnamnet får bara innehålla a-z, 0-9 och "
		                         "bindestreck, börja med en bokstav eller siffra och vara högst "
		                         "%d tecken, till exempel \"peer-2026\".",
		    STUDY_SLUG_MAX);
		return false;
	}
	if (name == NULL || name[0] == '\0') {
		manage_fail(err, "name", "Ange studiens namn.");
		return false;
	}
	if (!manage_text_ok(name, STUDY_NAME_MAX)) {
		manage_fail(err, "name", "Namnet får vara högst %d tecken, utan "
		                         "radbrytningar eller andra styrtecken.",
		    STUDY_NAME_MAX);
		return false;
	}
	if (!wave_date_ok(start)) {
		manage_fail(err, "start", "Ange projektstarten som ÅÅÅÅ-MM-DD, till "
		                          "exempel 2026-09-01.");
		return false;
	}
	return true;
}

uf_err
study_add(struct db *db, const char *slug, const char *name,
    const char *start_date, const char *actor, long long *id,
    struct manage_error *err)
{
	char obj[40], detail[120];
	long long sid = 0;
	bool open = false;
	uf_err e = UF_EINVAL;

	manage_error_clear(err);
	if (!study_check(slug, name, start_date, err))
		goto out;
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = db_m_study_insert(db, slug, name, start_date, &sid)) != UF_OK)
		goto out;
	if (sid == 0) {
		manage_fail(err, "slug", "Det finns redan en studie med kortnamnet "
		                         "\"%s\".",
		    slug);
		e = UF_ECONFLICT;
		goto out;
	}
	/* Slug and date passed their checks: no character needs escaping. */
	if (snprintf(obj, sizeof(obj), "study:%lld", sid) >= (int)sizeof(obj) ||
	    snprintf(detail, sizeof(detail), "{\"slug\":\"%s\",\"start_date\":\"%s\"}",
	        slug, start_date) >= (int)sizeof(detail)) {
		e = UF_EINTERNAL;
		goto out;
	}
	if ((e = db_m_audit(db, actor, "study.create", obj, detail)) != UF_OK)
		goto out;
out:
	if (open)
		e = db_end(db, e);
	if (e == UF_OK && id != NULL)
		*id = sid;
	return e;
}
