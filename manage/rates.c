/* SPDX-License-Identifier: ISC
 * Rates from the response_rate view (admins) or contact_rates() (unit
 * contacts), parsed into rows. The small-count rule is the database's;
 * this file only turns NULL into RATE_MASKED and "<5".
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

/* A count column: RATE_MASKED for NULL. */
static uf_err
count_col(const struct db_res *r, int row, int col, long long *v)
{
	if (db_res_isnull(r, row, col)) {
		*v = RATE_MASKED;
		return UF_OK;
	}
	return db_res_long(r, row, col, v);
}

/* Columns: months, unit_id, report_label, grp, invited, started, consented,
 * declined, submitted, rate. */
static uf_err
parse(const struct db_res *r, struct rate_table *out)
{
	long long m;
	size_t i, n = (size_t)db_res_rows(r);
	const char *label, *grp, *rate;
	char *end;
	uf_err e = UF_OK;

	memset(out, 0, sizeof(*out));
	if (n == 0)
		return UF_OK;
	out->rows = calloc(n, sizeof(*out->rows));
	if (out->rows == NULL)
		return UF_ENOMEM;
	for (i = 0; i < n && e == UF_OK; i++) {
		struct rate_row *x = &out->rows[i];
		int row = (int)i;

		label = db_res_get(r, row, 2);
		grp = db_res_get(r, row, 3);
		if (strlen(label) >= sizeof(x->report_label) ||
		    strlen(grp) >= sizeof(x->grp)) {
			e = UF_EINTERNAL;
			break;
		}
		memcpy(x->report_label, label, strlen(label) + 1);
		memcpy(x->grp, grp, strlen(grp) + 1);
		if ((e = db_res_long(r, row, 0, &m)) != UF_OK ||
		    (e = db_res_long(r, row, 1, &x->unit_id)) != UF_OK ||
		    (e = count_col(r, row, 4, &x->invited)) != UF_OK ||
		    (e = count_col(r, row, 5, &x->started)) != UF_OK ||
		    (e = count_col(r, row, 6, &x->consented)) != UF_OK ||
		    (e = count_col(r, row, 7, &x->declined)) != UF_OK ||
		    (e = count_col(r, row, 8, &x->submitted)) != UF_OK)
			break;
		x->months = (int)m;
		if (!db_res_isnull(r, row, 9)) {
			rate = db_res_get(r, row, 9);
			x->rate = strtod(rate, &end);
			if (end == rate || *end != '\0') {
				e = UF_EINTERNAL;
				break;
			}
			x->rate_shown = true;
		}
		out->n = i + 1;
	}
	if (e != UF_OK)
		rate_table_free(out);
	return e;
}

uf_err
rates_get(struct db *db, const char *study, int months, long long unit,
    bool masked, struct rate_table *out, struct manage_error *err)
{
	struct db_res *r = NULL;
	long long sid;
	uf_err e;

	memset(out, 0, sizeof(*out));
	if ((e = study_resolve(db, study, &sid, err)) != UF_OK ||
	    (e = db_m_rates(db, sid, months, unit, masked, &r)) != UF_OK)
		goto out;
	e = parse(r, out);
out:
	db_res_free(r);
	return e;
}

uf_err
rates_contact(struct db *cdb, const char *token, struct rate_table *out)
{
	struct db_res *r = NULL;
	uf_err e;

	memset(out, 0, sizeof(*out));
	if ((e = db_m_contact_rates(cdb, token, &r)) != UF_OK)
		goto out;
	e = parse(r, out);
out:
	db_res_free(r);
	return e;
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
