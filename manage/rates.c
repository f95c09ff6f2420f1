/* SPDX-License-Identifier: ISC
 * Rates from the response_rate view (admins) or contact_rates() (unit
 * contacts), as rows the data layer fills (NULL counts are RATE_MASKED).
 * The small-count rule is the database's; this file writes "<5" for it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_manage.h"
#include "rates.h"

void
rate_table_free(struct rate_table *t)
{
	if (t == NULL)
		return;
	free(t->rows);
	t->rows = NULL;
	t->n = 0;
}

uf_err
rates_get(struct db *db, const char *study, int months, long long unit,
    bool masked, struct rate_table *out, struct manage_error *err)
{
	long long sid;
	uf_err e;

	memset(out, 0, sizeof(*out));
	if ((e = study_resolve(db, study, &sid, err)) != UF_OK)
		return e;
	return db_m_rates(db, sid, months, unit, masked, out);
}

uf_err
rates_contact(struct db *cdb, const char *token, struct rate_table *out)
{
	return db_m_contact_rates(cdb, token, out);
}

const char *
rate_count_text(long long v, char buf[24])
{
	int w;

	if (v == RATE_MASKED)
		return "<5";
	w = snprintf(buf, 24, "%lld", v);
	return w < 0 || w >= 24 ? "?" : buf;
}

const char *
rate_rate_csv(const struct rate_row *r, char buf[24])
{
	int w;

	if (!r->rate_shown)
		return "";
	/* The C locale (never set otherwise here) writes a point. */
	w = snprintf(buf, 24, "%.1f", r->rate);
	return w < 0 || w >= 24 ? "?" : buf;
}

const char *
rate_rate_text(const struct rate_row *r, char buf[24])
{
	char *point;
	int w;

	if (!r->rate_shown)
		return "–";
	w = snprintf(buf, 24, "%.1f %%", r->rate);
	if (w < 0 || w >= 24)
		return "?";
	if ((point = strchr(buf, '.')) != NULL)
		*point = ',';
	return buf;
}
