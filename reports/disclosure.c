/* SPDX-License-Identifier: ISC
 * The disclosure plan of a report: every count the report prints, with the
 * sums that link them (group n's to the total, report-label cells to their
 * group's n and to their row total, choice counts to the item's n), goes
 * into one registry; primary suppression and complements are solved there
 * together. The category rule (small counts, one answer for nearly all of a
 * small group) is decided per distribution.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disclosure.h"
#include "disclosure_solve.h"
#include "privacy.h"

static size_t
item_index(size_t w, enum respondent_group g, size_t i)
{
	return (w * GROUP__MAX + g) * FORM_MAX_ITEMS + i;
}

/* ---- the category rule for one item ------------------------------------------- */

static void
plan_likert(struct disc_item *di, const struct item_counts *ic, long min_cell,
    long min_category)
{
	if (!privacy_shown(ic->n, min_cell)) {
		di->row = DISC_ROW_FEW;
		return;
	}
	di->merged[0] = ic->v[0] + ic->v[1];
	di->merged[1] = ic->v[2];
	di->merged[2] = ic->v[3] + ic->v[4];
	if (disclosure_counts_ok(ic->v, 5, ic->n, min_category))
		di->row = DISC_ROW_FULL;
	else if (disclosure_counts_ok(di->merged, 3, ic->n, min_category))
		di->row = DISC_ROW_MERGED;
	else
		di->row = DISC_ROW_WITHHELD;
}

/* Choice counts: small ones as a range; the sums of a single choice go to
 * the registry so a complement hides a second count. vars[k] gets each
 * option's registry index, or (size_t)-1. */
static uf_err
plan_choice(struct disc_reg *reg, struct disc_item *di, const struct form_item *it,
    const struct item_counts *ic, long min_cell, long min_category, size_t *vars)
{
	uf_err e = UF_OK;
	size_t total, idx[FORM_MAX_OPTIONS + 1];
	int coef[FORM_MAX_OPTIONS + 1];

	for (size_t k = 0; k < FORM_MAX_OPTIONS; k++)
		vars[k] = (size_t)-1;
	if (!privacy_shown(ic->n, min_cell)) {
		di->row = DISC_ROW_FEW;
		return UF_OK;
	}
	di->row = DISC_ROW_FULL;
	for (size_t k = 0; k < it->noptions; k++) {
		long v = ic->v[k];
		if (ic->n < DISC_DOMINANCE_GROUP && v * 10 >= 9 * ic->n)
			di->row = DISC_ROW_WITHHELD;
		if (v > 0 && v < min_category)
			di->opt[k] = DISC_CELL_FEW;
		else if (it->type == ITEM_MULTI && ic->n - v > 0 && ic->n - v < min_category)
			di->opt[k] = DISC_CELL_NEARLY_ALL;
	}
	if (di->row != DISC_ROW_FULL || it->type != ITEM_SINGLE)
		return UF_OK;
	/* single choice: the options sum to the printed n */
	for (size_t k = 0; k < it->noptions; k++) {
		CK(disc_add(reg, ic->v[k], di->opt[k] == DISC_CELL_FEW, false, &vars[k]));
		/* printed as "1–2": the reader knows that much */
		if (di->opt[k] == DISC_CELL_FEW)
			CK(disc_bound(reg, vars[k], 1, min_category - 1));
		idx[k] = vars[k];
		coef[k] = 1;
	}
	CK(disc_add(reg, ic->n, false, true, &total));
	idx[it->noptions] = total;
	coef[it->noptions] = -1;
	CK(disc_relate(reg, idx, coef, it->noptions + 1));
out:
	return e;
}

/* ---- group sizes and the participation by report label -------------------------- */

struct group_vars {
	size_t n[MODEL_MAX_WAVES][GROUP__MAX];
	size_t total[MODEL_MAX_WAVES];
	size_t label[MODEL_MAX_LABELS][GROUP__MAX + 1];
};

static uf_err
plan_groups(const struct model *m, struct disclosure *d, struct disc_reg *reg,
    struct group_vars *gv)
{
	size_t idx[MODEL_MAX_WAVES + MODEL_MAX_LABELS + GROUP__MAX + 2];
	int coef[MODEL_MAX_WAVES + MODEL_MAX_LABELS + GROUP__MAX + 2];
	size_t all, ni;
	uf_err e;

	for (size_t w = 0; w < m->nwaves; w++) {
		ni = 0;
		for (int g = 0; g < GROUP__MAX; g++) {
			long n = model_respondents(m, w, (enum respondent_group)g);
			gv->n[w][g] = (size_t)-1;
			d->group_shown[w][g] = model_asked(m, w, (enum respondent_group)g) &&
			    privacy_shown(n, m->min_cell);
			if (!d->group_shown[w][g])
				continue;
			/* printed in headings and summaries: never a complement */
			CK(disc_add(reg, n, false, true, &gv->n[w][g]));
			idx[ni] = gv->n[w][g];
			coef[ni++] = 1;
			d->shown_total[w] += n;
		}
		/* totals are over the shown groups, so they hold no hidden group */
		CK(disc_add(reg, d->shown_total[w], false, true, &gv->total[w]));
		idx[ni] = gv->total[w];
		coef[ni++] = -1;
		CK(disc_relate(reg, idx, coef, ni));
		d->shown_all += d->shown_total[w];
	}
	ni = 0;
	for (size_t w = 0; w < m->nwaves; w++) {
		idx[ni] = gv->total[w];
		coef[ni++] = 1;
	}
	CK(disc_add(reg, d->shown_all, false, true, &all));
	idx[ni] = all;
	coef[ni++] = -1;
	CK(disc_relate(reg, idx, coef, ni));

	/* the delrapport's table by report label and group */
	if (m->focus < 0)
		goto out;
	size_t w = (size_t)m->focus;
	for (size_t l = 0; l < m->nlabels; l++) {
		long row = 0;
		ni = 0;
		for (int g = 0; g < GROUP__MAX; g++) {
			gv->label[l][g] = (size_t)-1;
			if (!d->group_shown[w][g])
				continue;
			long a = m->part[w][g][l].answered;
			row += a;
			CK(disc_add(reg, a, a > 0 && a < m->min_cell, false, &gv->label[l][g]));
			idx[ni] = gv->label[l][g];
			coef[ni++] = 1;
		}
		CK(disc_add(reg, row, row > 0 && row < m->min_cell, false,
		    &gv->label[l][GROUP__MAX]));
		idx[ni] = gv->label[l][GROUP__MAX];
		coef[ni++] = -1;
		CK(disc_relate(reg, idx, coef, ni));
	}
	for (int g = 0; g <= GROUP__MAX; g++) {
		if (g < GROUP__MAX && !d->group_shown[w][g])
			continue;
		ni = 0;
		for (size_t l = 0; l < m->nlabels; l++) {
			idx[ni] = gv->label[l][g];
			coef[ni++] = 1;
		}
		idx[ni] = g < GROUP__MAX ? gv->n[w][g] : gv->total[w];
		coef[ni++] = -1;
		if (m->nlabels > 0)
			CK(disc_relate(reg, idx, coef, ni));
	}
out:
	return e;
}

uf_err
disclosure_plan(const struct model *m, long min_category, struct disclosure **out)
{
	struct disclosure *d = NULL;
	struct disc_reg *reg = NULL;
	struct group_vars *gv = NULL;
	size_t *optvar = NULL;
	size_t nitems = (size_t)MODEL_MAX_WAVES * GROUP__MAX * FORM_MAX_ITEMS;
	uf_err e = UF_ENOMEM;

	*out = NULL;
	d = calloc(1, sizeof *d);
	reg = disc_reg_new();
	gv = calloc(1, sizeof *gv);
	optvar = malloc(nitems * FORM_MAX_OPTIONS * sizeof *optvar);
	if (d == NULL || reg == NULL || gv == NULL || optvar == NULL ||
	    (d->items = calloc(nitems, sizeof *d->items)) == NULL)
		goto out;
	d->min_cell = m->min_cell;
	d->min_category = min_category;
	CK(plan_groups(m, d, reg, gv));
	for (size_t w = 0; w < m->nwaves; w++)
		for (int g = 0; g < GROUP__MAX; g++) {
			const struct form *f = m->groups[g].form;
			for (size_t i = 0; f != NULL && i < f->nitems; i++) {
				size_t at = item_index(w, (enum respondent_group)g, i);
				struct disc_item *di = &d->items[at];
				const struct item_counts *ic =
				    model_counts(m, w, (enum respondent_group)g, i);
				const struct form_item *it = &f->items[i];
				size_t *vars = optvar + at * FORM_MAX_OPTIONS;
				vars[0] = (size_t)-1;
				if (!d->group_shown[w][g]) {
					di->row = DISC_ROW_FEW;
					continue;
				}
				switch (it->type) {
				case ITEM_LIKERT5:
					plan_likert(di, ic, m->min_cell, min_category);
					break;
				case ITEM_SINGLE:
				case ITEM_MULTI:
					CK(plan_choice(reg, di, it, ic, m->min_cell, min_category,
					    vars));
					break;
				case ITEM_TEXT:
				case ITEM_INTEGER:
				case ITEM_DATE:
				case ITEM_VAS:
				case ITEM_NUMBER:
				case ITEM_TYPE__MAX:
					di->row = privacy_shown(ic->n, m->min_cell) ?
					    DISC_ROW_FULL :
					    DISC_ROW_FEW;
					break;
				}
			}
		}
	CK(disc_solve(reg));
	/* read the hidden cells back */
	if (m->focus >= 0)
		for (size_t l = 0; l < m->nlabels; l++)
			for (int g = 0; g <= GROUP__MAX; g++)
				d->label_hidden[l][g] = gv->label[l][g] == (size_t)-1 ||
				    disc_hidden(reg, gv->label[l][g]);
	for (size_t w = 0; w < m->nwaves; w++)
		for (int g = 0; g < GROUP__MAX; g++) {
			const struct form *f = m->groups[g].form;
			for (size_t i = 0; f != NULL && i < f->nitems; i++) {
				size_t at = item_index(w, (enum respondent_group)g, i);
				const size_t *vars = optvar + at * FORM_MAX_OPTIONS;
				if (d->items[at].row != DISC_ROW_FULL ||
				    f->items[i].type != ITEM_SINGLE || vars[0] == (size_t)-1)
					continue;
				for (size_t k = 0; k < f->items[i].noptions; k++)
					if (reg->v[vars[k]].state == DISC_COMPLEMENT)
						d->items[at].opt[k] = DISC_CELL_HIDDEN;
			}
		}
	*out = d;
	d = NULL;
	e = UF_OK;
out:
	disclosure_free(d);
	disc_reg_free(reg);
	free(gv);
	free(optvar);
	return e;
}

void
disclosure_free(struct disclosure *d)
{
	if (d == NULL)
		return;
	free(d->items);
	free(d);
}

bool
disclosure_group_shown(const struct disclosure *d, size_t w, enum respondent_group g)
{
	return w < MODEL_MAX_WAVES && (unsigned)g < GROUP__MAX && d->group_shown[w][g];
}

const struct disc_item *
disclosure_item(const struct disclosure *d, size_t w, enum respondent_group g,
    size_t i)
{
	static const struct disc_item none = { .row = DISC_ROW_FEW };
	if (w >= MODEL_MAX_WAVES || (unsigned)g >= GROUP__MAX || i >= FORM_MAX_ITEMS)
		return &none;
	return &d->items[item_index(w, g, i)];
}

bool
disclosure_mean_shown(const struct disclosure *d, size_t w,
    enum respondent_group g, size_t i)
{
	return disclosure_item(d, w, g, i)->row == DISC_ROW_FULL;
}
