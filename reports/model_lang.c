/* SPDX-License-Identifier: ISC
 * The respondents' languages (model_lang.h): each submitted response as
 * the pass over the answers reads it (model_lang_add), tallied per wave
 * and group, and the stored translations attached to the report's
 * instruments. Knows no PDF and decides nothing about what may be printed.
 */
#include <stdlib.h>
#include <string.h>

#include "db_report.h"
#include "lang_names.h"
#include "model_lang.h"

static uf_err
tally(struct lang_cell *c, const char *tag, bool easy)
{
	size_t k;
	for (k = 0; k < c->nt; k++)
		if (strcmp(c->t[k].tag, tag) == 0)
			break;
	if (k == c->nt) {
		if (c->nt == LANG_TALLY_MAX || strlen(tag) > FORM_LANG_MAX)
			return UF_ELIMIT;
		/* Swedish first, then by tag */
		while (k > 0 && !lang_is_swedish(c->t[k - 1].tag) &&
		    (lang_is_swedish(tag) || strcmp(c->t[k - 1].tag, tag) > 0))
			k--;
		memmove(&c->t[k + 1], &c->t[k], (c->nt - k) * sizeof c->t[0]);
		memcpy(c->t[k].tag, tag, strlen(tag) + 1);
		c->t[k].n = 0;
		c->nt++;
	}
	c->t[k].n++;
	c->total++;
	if (easy)
		c->easy++;
	return UF_OK;
}

uf_err
model_lang_add(struct model_lang *l, size_t w, enum respondent_group g,
    long long pid, const char *tag, bool easy)
{
	struct lang_resp **rv = &l->resp[w][g];
	size_t *nr = &l->nresp[w][g];

	/* one response per participant and wave (the schema's unique key);
	 * they come ordered by participant */
	if (*nr > 0 && (*rv)[*nr - 1].participant == pid)
		return UF_OK;
	if ((*nr & (*nr - 1)) == 0) { /* 0, 1, 2, 4, ...: grow */
		struct lang_resp *nv = realloc(*rv, (*nr ? *nr * 2 : 16) * sizeof **rv);
		if (nv == NULL)
			return UF_ENOMEM;
		*rv = nv;
	}
	(*rv)[*nr] = (struct lang_resp){ pid, !lang_is_swedish(tag), easy };
	(*nr)++;
	return tally(&l->cell[w][g], tag, easy);
}

/* Each group's report instrument gets the translations of its own id and
 * version; one that does not fit (a union of versions has items the
 * translation lacks) is left out, never an error: it only decides whether
 * a quote is marked as answered to the easy-to-read question. */
static uf_err
attach_translations(struct db *db, struct model *m)
{
	struct db_res *r = NULL;
	uf_err e;

	CK(db_report_lang_translations(db, m->study_id_text, &r));
	for (int i = 0; i < db_res_rows(r); i++) {
		long long version;
		CK(db_res_long(r, i, 1, &version));
		for (size_t g = 0; g < GROUP__MAX; g++) {
			struct form *f = m->groups[g].form;
			if (f == NULL || strcmp(f->id, db_res_get(r, i, 0)) != 0 ||
			    f->version != version)
				continue;
			const char *json = db_res_get(r, i, 3);
			struct form_error fe;
			uf_err a = form_translation_add(f, json, strlen(json),
			    db_res_get(r, i, 2), &fe);
			if (a == UF_ENOMEM) {
				e = a;
				goto out;
			}
		}
	}
	e = UF_OK;
out:
	db_res_free(r);
	return e;
}

uf_err
model_lang_load(struct db *db, struct model *m)
{
	return attach_translations(db, m);
}

void
model_lang_free(struct model_lang *l)
{
	if (l == NULL)
		return;
	for (size_t w = 0; w < MODEL_MAX_WAVES; w++)
		for (size_t g = 0; g < GROUP__MAX; g++)
			free(l->resp[w][g]);
	free(l);
}

const struct lang_resp *
model_lang_find(const struct model_lang *l, size_t w, enum respondent_group g,
    long long p)
{
	if (l == NULL || w >= MODEL_MAX_WAVES || (unsigned)g >= GROUP__MAX)
		return NULL;
	const struct lang_resp *v = l->resp[w][g];
	size_t lo = 0, hi = l->nresp[w][g];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].participant < p)
			lo = mid + 1;
		else if (v[mid].participant > p)
			hi = mid;
		else
			return &v[mid];
	}
	return NULL;
}
