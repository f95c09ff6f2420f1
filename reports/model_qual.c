/* SPDX-License-Identifier: ISC
 * Queries -> struct model_qual (qual.h): the code tree's two upper levels,
 * counts per code, wave and group, example quotes (cleaned here, once, so
 * no renderer can print a raw one), the latest authored text and the
 * consent and withdrawal facts. No suppression here: render_qual.c decides
 * what may be printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_report.h"
#include "model.h"
#include "qual.h"

static const char *const section_ids[QS__MAX] = {
	[QS_BAKGRUND] = "bakgrund",
	[QS_SYFTE] = "syfte",
	[QS_BESKRIVNING] = "beskrivning",
	[QS_URVAL] = "urval",
	[QS_DATAINSAMLING] = "datainsamling",
	[QS_DATAANALYS] = "dataanalys",
	[QS_ETIK] = "etik",
	[QS_RESULTATDISKUSSION] = "resultatdiskussion",
	[QS_METODDISKUSSION] = "metoddiskussion",
	[QS_REFERENSER] = "referenser",
};

bool
qual_section_parse(const char *id, enum qual_section *out)
{
	for (size_t s = 0; s < QS__MAX; s++)
		if (strcmp(id, section_ids[s]) == 0) {
			*out = (enum qual_section)s;
			return true;
		}
	return false;
}

void
model_qual_free(struct model_qual *q)
{
	if (q == NULL)
		return;
	for (size_t i = 0; i < q->ncodes; i++) {
		free(q->codes[i].name);
		free(q->codes[i].reflection);
	}
	free(q->codes);
	for (size_t i = 0; i < q->nquotes; i++)
		free(q->quotes[i].text);
	free(q->quotes);
	for (size_t s = 0; s < QS__MAX; s++)
		free(q->section[s]);
	free(q->consent_langs);
	for (size_t i = 0; i < q->nexamples; i++)
		free(q->examples[i].text);
	free(q->examples);
	free(q);
}

long
qual_code_index(const struct model_qual *q, long long id)
{
	for (size_t i = 0; i < q->ncodes; i++)
		if (q->codes[i].id == id)
			return (long)i;
	return -1;
}

static uf_err
load_codes(struct db *db, struct model *m, struct model_qual *q)
{
	struct db_res *r = NULL;
	uf_err e;

	CK(db_report_qual_codes(db, m->study_id_text, &r));
	int n = db_res_rows(r);
	if (n > QUAL_MAX_CODES)
		n = QUAL_MAX_CODES;
	q->codes = calloc((size_t)(n ? n : 1), sizeof *q->codes);
	e = UF_ENOMEM;
	if (q->codes == NULL)
		goto out;
	/* kategorier come first (ORDER BY level), so a parent is known */
	for (int i = 0; i < n; i++) {
		struct qual_code *c = &q->codes[q->ncodes];
		long long parent;
		long long level;
		CK(db_res_long(r, i, 0, &c->id));
		CK(db_res_long(r, i, 1, &parent));
		CK(db_res_long(r, i, 2, &level));
		c->level = (int)level;
		if (level == 2) {
			long k = qual_code_index(q, parent);
			if (k < 0)
				continue;
			c->kategori = (size_t)k;
		}
		if ((c->name = strdup(db_res_get(r, i, 3))) == NULL) {
			e = UF_ENOMEM;
			goto out;
		}
		q->ncodes++;
	}
	e = UF_OK;
out:
	db_res_free(r);
	return e;
}

static uf_err
load_counts(struct db *db, struct model *m, struct model_qual *q, const char *months)
{
	struct db_res *r = NULL;
	uf_err e;

	CK(db_report_qual_counts(db, m->study_id_text, months, &r));
	for (int i = 0; i < db_res_rows(r); i++) {
		long long kat, sub;
		long long mo, grouping, units, resp;
		enum respondent_group g = GROUP_CHEF;
		CK(db_res_long(r, i, 0, &kat));
		CK(db_res_long(r, i, 1, &sub));
		CK(db_res_long(r, i, 2, &mo));
		CK(db_res_long(r, i, 4, &grouping));
		CK(db_res_long(r, i, 5, &units));
		CK(db_res_long(r, i, 6, &resp));
		int w = model_wave_index(m, (int)mo);
		long k = qual_code_index(q, kat);
		if (w < 0 || k < 0)
			continue;
		if (grouping != 3 && grouping != 1 &&
		    !group_parse(db_res_get(r, i, 3), &g))
			continue;
		struct qual_cell cell = { (long)units, (long)resp };
		if (grouping == 3) {
			q->codes[k].all[w] = cell;
		} else if (grouping == 1) {
			long s = sub != 0 ? qual_code_index(q, sub) : -1;
			if (s >= 0)
				q->codes[s].all[w] = cell; /* direct units: none needed */
		} else if (grouping == 2) {
			q->codes[k].cell[w][g] = cell;
		} else if (sub == 0) {
			q->codes[k].direct[w][g] = cell;
		} else {
			long s = qual_code_index(q, sub);
			if (s >= 0)
				q->codes[s].cell[w][g] = cell;
		}
	}
	e = UF_OK;
out:
	db_res_free(r);
	return e;
}

static uf_err
load_quotes(struct db *db, struct model *m, struct model_qual *q, const char *months)
{
	struct db_res *r = NULL;
	char lim[16];
	uf_err e;

	if (snprintf(lim, sizeof lim, "%d", QUAL_QUOTES_PER_CELL) < 0)
		return UF_EINTERNAL;
	CK(db_report_qual_quotes(db, m->study_id_text, months, lim, &r));
	for (int i = 0; i < db_res_rows(r); i++) {
		long long kat, sub;
		long long mo;
		enum respondent_group g;
		CK(db_res_long(r, i, 0, &kat));
		CK(db_res_long(r, i, 1, &sub));
		CK(db_res_long(r, i, 2, &mo));
		int w = model_wave_index(m, (int)mo);
		long k = qual_code_index(q, sub != 0 ? sub : kat);
		if (w < 0 || k < 0 || !group_parse(db_res_get(r, i, 3), &g))
			continue;
		if (q->nquotes == q->capquotes) {
			size_t nc = q->capquotes ? q->capquotes * 2 : 64;
			struct qual_quote *nq = realloc(q->quotes, nc * sizeof *nq);
			if (nq == NULL) {
				e = UF_ENOMEM;
				goto out;
			}
			q->quotes = nq;
			q->capquotes = nc;
		}
		struct qual_quote *qq = &q->quotes[q->nquotes];
		*qq = (struct qual_quote){ (size_t)k, w, g, NULL };
		CK(model_clean_text(m, db_res_get(r, i, 4), &qq->text));
		q->nquotes++;
	}
	e = UF_OK;
out:
	db_res_free(r);
	return e;
}

static uf_err
load_texts(struct db *db, struct model *m, struct model_qual *q, const char *months)
{
	struct db_res *r = NULL;
	uf_err e;

	CK(db_report_qual_texts(db, m->study_id_text, months ? "delrapport" : "slutrapport", months, &r));
	for (int i = 0; i < db_res_rows(r); i++) {
		const char *id = db_res_get(r, i, 0), *body = db_res_get(r, i, 2);
		char **slot = NULL;
		enum qual_section s;
		if (strcmp(id, "reflektion") == 0) {
			long long code;
			CK(db_res_long(r, i, 1, &code));
			long k = qual_code_index(q, code);
			if (k < 0 || q->codes[k].level != 1)
				continue; /* a reflection on a lower level: not printed */
			slot = &q->codes[k].reflection;
		} else if (qual_section_parse(id, &s)) {
			slot = &q->section[s];
		} else {
			continue; /* a section this program does not know */
		}
		free(*slot);
		if ((*slot = strdup(body)) == NULL) {
			e = UF_ENOMEM;
			goto out;
		}
	}
	e = UF_OK;
out:
	db_res_free(r);
	return e;
}

static uf_err
load_facts(struct db *db, struct model *m, struct model_qual *q, const char *months)
{
	struct db_res *r = NULL;
	uf_err e;

	CK(db_report_qual_docs(db, m->study_id_text, months, &r));
	for (int i = 0; i < db_res_rows(r); i++) {
		long long mo, n;
		enum respondent_group g;
		CK(db_res_long(r, i, 0, &mo));
		CK(db_res_long(r, i, 3, &n));
		int w = model_wave_index(m, (int)mo);
		if (w >= 0 && group_parse(db_res_get(r, i, 1), &g))
			q->docs[w][g][strcmp(db_res_get(r, i, 2), "t") == 0] = (long)n;
	}
	db_res_free(r);
	r = NULL;
	CK(db_report_qual_consent(db, m->study_id_text, months, &r));
	for (int i = 0; i < db_res_rows(r); i++) {
		long long mo;
		CK(db_res_long(r, i, 0, &mo));
		int w = model_wave_index(m, (int)mo);
		if (w < 0)
			continue;
		char *c = q->consent[w];
		size_t used = strlen(c);
		int k = snprintf(c + used, sizeof q->consent[w] - used, "%s%s",
		    used ? ", " : "", db_res_get(r, i, 1));
		if (k < 0 || (size_t)k >= sizeof q->consent[w] - used)
			c[used] = '\0'; /* too many versions to list: the first ones */
	}
	db_res_free(r);
	r = NULL;
	CK(db_report_qual_withdrawn(db, m->study_id_text, &r));
	if (db_res_rows(r) == 1) {
		q->withdrawals_counted = true;
		CK(db_res_long(r, 0, 0, &q->withdrawn));
		if (snprintf(q->withdrawn_since, sizeof q->withdrawn_since, "%s",
		        db_res_get(r, 0, 1)) < 0)
			q->withdrawn_since[0] = '\0';
	}
	e = UF_OK;
out:
	db_res_free(r);
	return e;
}

uf_err
model_qual_load(struct db *db, struct model *m)
{
	struct model_qual *q = calloc(1, sizeof *q);
	char months[16];
	const char *mp = NULL;
	uf_err e = UF_ENOMEM;

	if (q == NULL)
		return UF_ENOMEM;
	if (m->focus >= 0) {
		if (snprintf(months, sizeof months, "%d", m->waves[m->focus].months) < 0) {
			e = UF_EINTERNAL;
			goto out;
		}
		mp = months;
	}
	CK(load_codes(db, m, q));
	CK(load_counts(db, m, q, mp));
	CK(load_quotes(db, m, q, mp));
	CK(load_texts(db, m, q, mp));
	CK(load_facts(db, m, q, mp));
	CK(model_info_load(db, m, q, mp));
	CK(model_examples_load(db, m, q, mp));
	m->qual = q;
	q = NULL;
	e = UF_OK;
out:
	model_qual_free(q);
	return e;
}
