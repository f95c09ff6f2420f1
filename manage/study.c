/* SPDX-License-Identifier: ISC
 * Resolve study, wave and unit for the administration operations, turning
 * "no rows" and "many rows" into messages a person can act on.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "db_manage.h"
#include "study.h"

void
manage_why(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	if (why == NULL || whylen == 0)
		return;
	va_start(ap, fmt);
	if (vsnprintf(why, whylen, fmt, ap) < 0)
		why[0] = '\0';
	va_end(ap);
}

uf_err
study_resolve(struct db *db, const char *slug, long long *study, char *why,
    size_t whylen)
{
	struct db_res *r = NULL;
	uf_err e;

	*study = 0;
	if ((e = db_m_study_find(db, slug, &r)) != UF_OK)
		goto out;
	if (db_res_rows(r) == 0) {
		if (slug != NULL)
			manage_why(why, whylen, "no study \"%s\"", slug);
		else
			manage_why(why, whylen, "no study yet");
		e = UF_ENOTFOUND;
	} else if (db_res_rows(r) > 1) {
		manage_why(why, whylen, "there are %d studies: name one with --study",
		    db_res_rows(r));
		e = UF_EINVAL;
	} else {
		e = db_res_long(r, 0, 0, study);
	}
out:
	db_res_free(r);
	return e;
}

uf_err
wave_resolve(struct db *db, const char *slug, int months, struct wave_info *out,
    char *why, size_t whylen)
{
	struct db_res *r = NULL;
	const char *exp, *closes;
	uf_err e;

	memset(out, 0, sizeof(*out));
	if ((e = db_m_wave_find(db, months, slug, &r)) != UF_OK)
		goto out;
	if (db_res_rows(r) == 0) {
		manage_why(why, whylen, "no wave at %d months", months);
		e = UF_ENOTFOUND;
		goto out;
	}
	if (db_res_rows(r) > 1) {
		manage_why(why, whylen,
		    "several studies have a wave at %d months: name one with --study",
		    months);
		e = UF_EINVAL;
		goto out;
	}
	exp = db_res_get(r, 0, 3);
	closes = db_res_get(r, 0, 6);
	if (strlen(exp) >= sizeof(out->expires_at) ||
	    strlen(closes) >= sizeof(out->closes_on)) {
		e = UF_EINTERNAL;
		goto out;
	}
	if ((e = db_res_long(r, 0, 0, &out->wave_id)) != UF_OK ||
	    (e = db_res_long(r, 0, 1, &out->study_id)) != UF_OK)
		goto out;
	out->months = months;
	memcpy(out->expires_at, exp, strlen(exp) + 1);
	memcpy(out->closes_on, closes, strlen(closes) + 1);
	out->closed = strcmp(db_res_get(r, 0, 4), "t") == 0;
	out->past = strcmp(db_res_get(r, 0, 5), "t") == 0;
out:
	db_res_free(r);
	return e;
}

uf_err
unit_resolve(struct db *db, long long unit, struct unit_info *out, char *why,
    size_t whylen)
{
	struct db_res *r = NULL;
	const char *label;
	uf_err e;

	memset(out, 0, sizeof(*out));
	if ((e = db_m_unit_get(db, unit, &r)) != UF_OK)
		goto out;
	if (db_res_rows(r) != 1) {
		manage_why(why, whylen, "no unit with id %lld", unit);
		e = UF_ENOTFOUND;
		goto out;
	}
	label = db_res_get(r, 0, 3);
	if (strlen(label) >= sizeof(out->report_label)) {
		e = UF_EINTERNAL;
		goto out;
	}
	if ((e = db_res_long(r, 0, 0, &out->unit_id)) != UF_OK ||
	    (e = db_res_long(r, 0, 1, &out->study_id)) != UF_OK)
		goto out;
	memcpy(out->report_label, label, strlen(label) + 1);
out:
	db_res_free(r);
	return e;
}
