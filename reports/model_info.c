/* SPDX-License-Identifier: ISC
 * The consents behind the information Bilaga: how many participants gave
 * their consent to each language version of their group's information per
 * wave. Read only; render_info.c decides what may be printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_report.h"
#include "model.h"
#include "qual.h"

uf_err
model_info_load(struct db *db, struct model *m, struct model_qual *q,
    const char *months)
{
	struct db_res *r = NULL;
	uf_err e;

	CK(db_report_qual_consent_lang(db, m->study_id_text, months, &r));
	int rows = db_res_rows(r);
	if (rows > 0) {
		q->consent_langs = calloc((size_t)rows, sizeof *q->consent_langs);
		if (q->consent_langs == NULL) {
			e = UF_ENOMEM;
			goto out;
		}
	}
	for (int i = 0; i < rows; i++) {
		struct qual_consent_lang *c = &q->consent_langs[q->nconsent_langs];
		long long mo, n;
		CK(db_res_long(r, i, 0, &mo));
		CK(db_res_long(r, i, 4, &n));
		int w = model_wave_index(m, (int)mo);
		if (w < 0 || !group_parse(db_res_get(r, i, 1), &c->grp))
			continue;
		/* the columns' checks (lang_tag_ok, 1-40 bytes) keep both inside */
		if (snprintf(c->lang, sizeof c->lang, "%s", db_res_get(r, i, 2)) >= (int)sizeof c->lang ||
		    snprintf(c->version, sizeof c->version, "%s", db_res_get(r, i, 3)) >= (int)sizeof c->version) {
			e = UF_EINTERNAL;
			goto out;
		}
		c->wave = w;
		c->n = (long)n;
		q->nconsent_langs++;
	}
	e = UF_OK;
out:
	db_res_free(r);
	return e;
}
