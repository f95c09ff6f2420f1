/* SPDX-License-Identifier: ISC
 * Report tables of the numeric items (reports/numeric.h): per wave n,
 * median, quartiles (type 7), mean with a t-based 95 % CI; across waves the
 * paired signed-rank test (Pratt's zeros, as for the likert items) and the
 * unpaired Mann-Whitney U. A cell with fewer answers than the model's
 * min_cell shows "färre än N svar" only. No SQL.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "item_types.h"
#include "numeric.h"
#include "privacy.h"
#include "render.h"

static const enum respondent_group ORDER[GROUP__MAX] = {
	GROUP_CHEF,
	GROUP_PERSONAL,
	GROUP_PEER,
	GROUP_PATIENT,
};

double
numeric_quantile(const double *x, size_t n, double p)
{
	double h, lo;
	size_t k;

	if (n == 0)
		return NAN;
	h = (double)(n - 1) * p;
	lo = floor(h);
	k = (size_t)lo;
	if (k + 1 >= n)
		return x[n - 1];
	return x[k] + (h - lo) * (x[k + 1] - x[k]);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Digits shown: one more than the item's own (a VAS median may be 62,5). */
static int
shown_decimals(const struct form_item *it)
{
	return (it->type == ITEM_NUMBER ? it->decimals : 0) + 1;
}

static bool
is_numeric(const struct form_item *it)
{
	return item_types[it->type].report == REPORT_NUMERIC;
}

/* n, Md, Q1–Q3, M, 95 % KI of ss into columns col.. of row r. */
static uf_err
summary_cells(struct table *t, size_t r, size_t col, const struct score_set *ss,
    int dec)
{
	struct stats_summary st;
	double *x = malloc((ss->n ? ss->n : 1) * sizeof *x);
	char a[32], b[32], cell[80];
	uf_err e = UF_OK;

	if (x == NULL)
		return UF_ENOMEM;
	for (size_t i = 0; i < ss->n; i++)
		x[i] = ss->s[i].value;
	qsort(x, ss->n, sizeof *x, cmp_double);
	stats_summary_values(x, ss->n, &st); /* sorted already */
	CK(table_setf(t, r, col, "%ld", st.n));
	fmt_dec(st.median, dec, a, sizeof a);
	CK(table_set(t, r, col + 1, a));
	fmt_dec(numeric_quantile(x, ss->n, 0.25), dec, a, sizeof a);
	fmt_dec(numeric_quantile(x, ss->n, 0.75), dec, b, sizeof b);
	if (snprintf(cell, sizeof cell, "%s – %s", a, b) < 0)
		cell[0] = '\0';
	CK(table_set(t, r, col + 2, cell));
	fmt_dec(st.mean, dec, a, sizeof a);
	CK(table_set(t, r, col + 3, a));
	fmt_dec(st.ci_lo, dec, a, sizeof a);
	fmt_dec(st.ci_hi, dec, b, sizeof b);
	if (snprintf(cell, sizeof cell, "%s – %s", a, b) < 0)
		cell[0] = '\0';
	CK(table_set(t, r, col + 4, st.has_ci ? cell : "–"));
out:
	free(x);
	return e;
}

/* "Fråga (enhet)" for the table's first column. */
static void
item_label(const struct form_item *it, char *out, size_t n)
{
	int w = it->type == ITEM_NUMBER && it->unit ?
	    snprintf(out, n, "%s (%s)", it->sv, it->unit) :
	    it->type == ITEM_VAS ? snprintf(out, n, "%s (0–100)", it->sv) :
	                           snprintf(out, n, "%s", it->sv);
	if (w < 0 && n > 0)
		out[0] = '\0';
}

static bool
any_numeric(const struct model *m, size_t w, enum respondent_group g)
{
	const struct form *f = m->groups[g].form;

	for (size_t i = 0; f != NULL && i < f->nitems; i++)
		if (is_numeric(&f->items[i]) && model_item_asked(m, w, g, i))
			return true;
	return false;
}

uf_err
render_numeric_wave(struct render_ctx *c)
{
	const struct model *m = c->m;
	size_t w = (size_t)m->focus;
	struct table *t = NULL;
	char few[64], cap[200], label[600];
	bool any = false;
	uf_err e = UF_OK;

	if (m->numeric == NULL || m->focus < 0)
		return UF_OK;
	for (size_t k = 0; k < GROUP__MAX; k++)
		any |= any_numeric(m, w, ORDER[k]);
	if (!any)
		return UF_OK;
	fmt_fewer(m, few, sizeof few);
	CK(pdf_heading(c->pdf, 1, "Skattningar och tal"));
	CK(pdf_paragraph(c->pdf, "Frågor som besvaras med ett tal eller på en "
	                         "skala från 0 till 100. För varje fråga: antal svar (n), median (Md), "
	                         "kvartiler (Q1–Q3, linjär interpolation mellan ordnade värden), "
	                         "medelvärde (M) och 95 % konfidensintervall för medelvärdet "
	                         "(t-fördelningen). ”Vet ej” och ”Vill inte svara” räknas inte."));
	for (size_t k = 0; k < GROUP__MAX; k++) {
		enum respondent_group g = ORDER[k];
		const struct form *f = m->groups[g].form;
		size_t rows = 0;

		if (!any_numeric(m, w, g))
			continue;
		if (snprintf(cap, sizeof cap, "Skattningar och tal – %s, %d månader",
		        group_report(g), m->waves[w].months) < 0)
			cap[0] = '\0';
		t = ctx_table(c, cap);
		if (t == NULL) {
			e = UF_ENOMEM;
			goto out;
		}
		CK(table_col(t, "Fråga", 5, TABLE_LEFT));
		CK(table_col(t, "n", 1, TABLE_RIGHT));
		CK(table_col(t, "Md", 1, TABLE_RIGHT));
		CK(table_col(t, "Q1 – Q3", 2, TABLE_RIGHT));
		CK(table_col(t, "M", 1, TABLE_RIGHT));
		CK(table_col(t, "95 % KI", 2, TABLE_RIGHT));
		for (size_t i = 0; i < f->nitems; i++) {
			const struct score_set *ss = &m->numeric->v[g][i][w];
			size_t r;

			if (!is_numeric(&f->items[i]) || !model_item_asked(m, w, g, i))
				continue;
			CK(table_row(t, TABLE_ROW_BODY, &r));
			rows++;
			item_label(&f->items[i], label, sizeof label);
			CK(table_set(t, r, 0, label));
			if (!privacy_shown((long)ss->n, m->min_cell) ||
			    !disclosure_group_shown(c->disc, w, g)) {
				CK(table_set(t, r, 1, few));
				continue;
			}
			CK(summary_cells(t, r, 1, ss, shown_decimals(&f->items[i])));
		}
		CK(ctx_emit_rows(c, &t, rows, "Md = median, Q1 – Q3 = första och "
		                              "tredje kvartilen, M = medelvärde, 95 % KI = 95 % "
		                              "konfidensintervall för medelvärdet."));
	}
out:
	table_free(t);
	return e;
}

/* First and last model wave item i of group g was asked in, or false. */
static bool
wave_span(const struct model *m, enum respondent_group g, size_t i,
    size_t *w1, size_t *w2)
{
	bool found = false;

	*w1 = *w2 = 0; /* set on every path: -O2 cannot see that found guards them */
	for (size_t w = 0; w < m->nwaves; w++) {
		if (!model_item_asked(m, w, g, i))
			continue;
		if (!found)
			*w1 = w;
		*w2 = w;
		found = true;
	}
	return found && *w1 != *w2;
}

/* Differences second minus first for participants with both (both sets are
 * ordered by participant). */
static size_t
paired(const struct score_set *a, const struct score_set *b, double *d)
{
	size_t i = 0, j = 0, n = 0;

	while (i < a->n && j < b->n) {
		if (a->s[i].participant < b->s[j].participant) {
			i++;
		} else if (a->s[i].participant > b->s[j].participant) {
			j++;
		} else {
			d[n++] = b->s[j].value - a->s[i].value;
			i++;
			j++;
		}
	}
	return n;
}

static uf_err
change_row(struct render_ctx *c, struct table *t, enum respondent_group g,
    const struct form_item *it, size_t i, size_t w1, size_t w2, const char *few)
{
	const struct model *m = c->m;
	const struct score_set *a = &m->numeric->v[g][i][w1];
	const struct score_set *b = &m->numeric->v[g][i][w2];
	size_t big = a->n > b->n ? a->n : b->n;
	double *d = malloc((big ? big : 1) * sizeof *d);
	double *x = malloc((a->n ? a->n : 1) * sizeof *x);
	double *y = malloc((b->n ? b->n : 1) * sizeof *y);
	struct stats_test pt, ut;
	char label[600], cell[64];
	size_t r, np;
	int dec = shown_decimals(it);
	uf_err e = UF_OK;

	if (d == NULL || x == NULL || y == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	CK(table_row(t, TABLE_ROW_BODY, &r));
	item_label(it, label, sizeof label);
	CK(table_set(t, r, 0, label));
	CK(table_setf(t, r, 1, "%d → %d", m->waves[w1].months, m->waves[w2].months));
	np = paired(a, b, d);
	if (!privacy_shown((long)np, m->min_cell)) {
		CK(table_set(t, r, 2, few));
	} else {
		CK(table_setf(t, r, 2, "%zu", np));
		fmt_dec(stats_median(d, np), dec, cell, sizeof cell);
		CK(table_set(t, r, 3, cell));
		CK(stats_wilcoxon(d, np, STATS_ZERO_PRATT, &pt));
		fmt_p(pt.valid ? pt.p : NAN, cell, sizeof cell);
		CK(table_set(t, r, 4, cell));
	}
	if (!privacy_shown((long)a->n, m->min_cell) ||
	    !privacy_shown((long)b->n, m->min_cell)) {
		CK(table_set(t, r, 5, few));
		goto out;
	}
	for (size_t k = 0; k < a->n; k++)
		x[k] = a->s[k].value;
	for (size_t k = 0; k < b->n; k++)
		y[k] = b->s[k].value;
	CK(table_setf(t, r, 5, "%zu / %zu", a->n, b->n));
	CK(stats_mann_whitney(x, a->n, y, b->n, &ut));
	fmt_p(ut.valid ? ut.p : NAN, cell, sizeof cell);
	CK(table_set(t, r, 6, cell));
out:
	free(d);
	free(x);
	free(y);
	return e;
}

uf_err
render_numeric_change(struct render_ctx *c)
{
	const struct model *m = c->m;
	struct table *t = NULL;
	char few[64], cap[200];
	size_t w1, w2;
	bool any = false;
	uf_err e = UF_OK;

	if (m->numeric == NULL)
		return UF_OK;
	for (size_t k = 0; k < GROUP__MAX; k++) {
		const struct form *f = m->groups[ORDER[k]].form;
		for (size_t i = 0; f != NULL && i < f->nitems; i++)
			any |= is_numeric(&f->items[i]) &&
			    wave_span(m, ORDER[k], i, &w1, &w2);
	}
	if (!any)
		return UF_OK;
	fmt_fewer(m, few, sizeof few);
	CK(pdf_heading(c->pdf, 1, "Skattningar och tal över tid"));
	CK(pdf_paragraph(c->pdf, "Förändringen från den första till den sista "
	                         "mätningen frågan ställdes vid. Parvis: de som svarade båda gångerna, "
	                         "medianen av förändringen och Wilcoxons teckenrangtest (nollskillnader "
	                         "enligt Pratt). Oparvis: alla svar vid de två mätningarna, "
	                         "Mann–Whitneys U-test. Samma test som för påståendena."));
	for (size_t k = 0; k < GROUP__MAX; k++) {
		enum respondent_group g = ORDER[k];
		const struct form *f = m->groups[g].form;
		size_t rows = 0;

		for (size_t i = 0; f != NULL && i < f->nitems; i++)
			rows += is_numeric(&f->items[i]) && wave_span(m, g, i, &w1, &w2);
		if (rows == 0)
			continue;
		if (snprintf(cap, sizeof cap, "Skattningar och tal över tid – %s",
		        group_report(g)) < 0)
			cap[0] = '\0';
		t = ctx_table(c, cap);
		if (t == NULL) {
			e = UF_ENOMEM;
			goto out;
		}
		CK(table_col(t, "Fråga", 5, TABLE_LEFT));
		CK(table_col(t, "Månader", 2, TABLE_LEFT));
		CK(table_col(t, "n par", 1, TABLE_RIGHT));
		CK(table_col(t, "Md förändring", 2, TABLE_RIGHT));
		CK(table_col(t, "p (Wilcoxon)", 2, TABLE_RIGHT));
		CK(table_col(t, "n före / efter", 2, TABLE_RIGHT));
		CK(table_col(t, "p (MW)", 2, TABLE_RIGHT));
		for (size_t i = 0; i < f->nitems; i++)
			if (is_numeric(&f->items[i]) && wave_span(m, g, i, &w1, &w2))
				CK(change_row(c, t, g, &f->items[i], i, w1, w2, few));
		CK(ctx_emit_rows(c, &t, rows, "n par = svarande vid båda mätningarna; "
		                              "Md förändring = medianen av (senare − tidigare); MW = "
		                              "Mann–Whitneys U-test. p är tvåsidigt, exakt upp till 100 par "
		                              "eller svar, annars normalapproximation."));
	}
out:
	table_free(t);
	return e;
}
