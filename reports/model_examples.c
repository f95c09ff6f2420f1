/* SPDX-License-Identifier: ISC
 * The meaning units the evaluators chose as examples for the category
 * table (schema/0026), read through report_qual_unit so that only counted
 * units (submitted, not test, not withdrawn, first coder) can appear, and
 * cleaned like every printed quote (model_clean_text).
 */
#include <stdlib.h>

#include "db_report.h"
#include "model.h"
#include "qual.h"

uf_err
model_examples_load(struct db *db, struct model *m, struct model_qual *q,
    const char *months)
{
	struct db_res *r = NULL;
	uf_err e;

	CK(db_report_qual_examples(db, m->study_id_text, months, &r));
	int rows = db_res_rows(r);
	if (rows > 0 && (q->examples = calloc((size_t)rows, sizeof *q->examples)) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (int i = 0; i < rows; i++) {
		struct qual_example *x = &q->examples[q->nexamples];
		long long sub, mo;
		CK(db_res_long(r, i, 0, &sub));
		CK(db_res_long(r, i, 1, &mo));
		int w = model_wave_index(m, (int)mo);
		long k = qual_code_index(q, sub);
		if (w < 0 || k < 0 || !group_parse(db_res_get(r, i, 2), &x->grp))
			continue;
		x->code = (size_t)k;
		x->wave = w;
		CK(model_clean_text(m, db_res_get(r, i, 3), &x->text));
		q->nexamples++;
	}
	e = UF_OK;
out:
	db_res_free(r);
	return e;
}
