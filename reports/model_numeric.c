/* SPDX-License-Identifier: ISC
 * Loading the numeric items' values (reports/numeric.h): one statement
 * (db_report_numeric) returns each submitted value of a vas, number or
 * integer item, "vet ej" and "vill inte svara" left out. Knows no PDF.
 */
#include <stdlib.h>
#include <string.h>

#include "db_report.h"
#include "item_types.h"
#include "model_answers.h"
#include "numeric.h"

uf_err
model_numeric_load(struct db *db, struct model *m)
{
	struct db_res *r = NULL;
	struct buf types;
	uf_err e;
	int n;

	buf_init(&types, 1024);
	/* No numeric item in any instrument (the shipped ones): no query,
	 * so the reports over them cost nothing more. */
	bool any = false;
	for (size_t g = 0; g < GROUP__MAX; g++) {
		const struct form *f = m->groups[g].form;
		for (size_t i = 0; f != NULL && i < f->nitems; i++)
			any |= item_types[f->items[i].type].report == REPORT_NUMERIC;
	}
	if (!any) {
		e = UF_OK;
		goto out;
	}
	/* The types as a text[] parameter, from the table: '{integer,vas,...}'. */
	CK(buf_adds(&types, "{"));
	for (int t = 0, k = 0; t < ITEM_TYPE__MAX; t++)
		if (item_types[t].report == REPORT_NUMERIC)
			CK(buf_printf(&types, "%s%s", k++ ? "," : "", item_types[t].name));
	CK(buf_adds(&types, "}"));
	m->numeric = calloc(1, sizeof *m->numeric);
	if (m->numeric == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	CK(db_report_numeric(db, m->study_id_text, buf_str(&types), &r));
	n = db_res_rows(r);
	for (int i = 0; i < n; i++) {
		long long pid, mo;
		enum respondent_group g;
		const struct form *f;
		long idx;
		char *end;
		double v;
		int w;

		CK(db_res_long(r, i, 0, &mo));
		CK(db_res_long(r, i, 3, &pid));
		w = model_wave_index(m, (int)mo);
		if (w < 0 || !group_parse(db_res_get(r, i, 1), &g) ||
		    (f = m->groups[g].form) == NULL ||
		    (idx = form_item_index(f, db_res_get(r, i, 2))) < 0 ||
		    item_types[f->items[idx].type].report != REPORT_NUMERIC)
			continue; /* another wave, or an item the union dropped */
		v = strtod(db_res_get(r, i, 4), &end);
		if (*end != '\0') {
			e = UF_EFORMAT;
			goto out;
		}
		CK(score_push(&m->numeric->v[g][idx][w], pid, v));
	}
	e = UF_OK;
out:
	buf_free(&types);
	db_res_free(r);
	return e;
}

void
model_numeric_free(struct model_numeric *nm)
{
	if (nm == NULL)
		return;
	for (size_t g = 0; g < GROUP__MAX; g++)
		for (size_t i = 0; i < FORM_MAX_ITEMS; i++)
			for (size_t w = 0; w < MODEL_MAX_WAVES; w++)
				free(nm->v[g][i][w].s);
	free(nm);
}
