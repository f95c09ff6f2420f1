/* SPDX-License-Identifier: ISC
 * The slutrapport's comparison with another study (--compare B): the
 * likert items (same item id, both likert5) and scales (same scale id) that
 * both studies asked a group in a wave of the same month, side by side:
 * n and mean per study, the Mann-Whitney U between the studies (unpaired,
 * two-sided, as the slutrapport's unpaired tests) and Holm's adjustment
 * over every test of the chapter. A study's figures for a cell with fewer
 * than --min-cell answers are not shown, and that cell is not tested; a
 * row where both studies have too few is left out and counted in a
 * sentence. No SQL: both models are loaded before.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "privacy.h"

static const enum respondent_group ORDER[GROUP__MAX] = {
	GROUP_CHEF,
	GROUP_PERSONAL,
	GROUP_PEER,
	GROUP_PATIENT,
};

/* One row: an item or scale of one group in one wave of both studies. */
struct cmp_row {
	enum respondent_group g;
	size_t wa, wb;    /* model wave indexes in A and B */
	const char *text; /* the statement or scale name (A's) */
	bool scale, reversed;
	struct stats_summary a, b;
	bool shown_a, shown_b, tested;
	struct stats_test t;
	double p_holm;
};

#define CMP_MAX_ROWS 4096

static size_t
item_in(const struct form *f, const struct form_item *it)
{
	for (size_t i = 0; f != NULL && i < f->nitems; i++)
		if (strcmp(f->items[i].id, it->id) == 0 && f->items[i].type == ITEM_LIKERT5)
			return i;
	return (size_t)-1;
}

static size_t
scale_in(const struct model_group *mg, const struct model_scale *sc)
{
	for (size_t s = 0; s < mg->nscales; s++)
		if (!mg->scales[s].theme && strcmp(mg->scales[s].id, sc->id) == 0)
			return s;
	return (size_t)-1;
}

static uf_err
values(const struct score_set *ss, double **out)
{
	*out = malloc((ss->n ? ss->n : 1) * sizeof **out);
	if (*out == NULL)
		return UF_ENOMEM;
	for (size_t i = 0; i < ss->n; i++)
		(*out)[i] = ss->s[i].value;
	return UF_OK;
}

static uf_err
scale_row(struct cmp_row *r, const struct score_set *sa, const struct score_set *sb,
    long min_cell)
{
	double *x = NULL, *y = NULL;
	uf_err e = UF_OK;

	CK(values(sa, &x));
	CK(values(sb, &y));
	r->shown_a = privacy_shown((long)sa->n, min_cell);
	r->shown_b = privacy_shown((long)sb->n, min_cell);
	r->tested = r->shown_a && r->shown_b;
	if (r->tested)
		CK(stats_mann_whitney(x, sa->n, y, sb->n, &r->t));
	stats_summary_values(x, sa->n, &r->a);
	stats_summary_values(y, sb->n, &r->b);
out:
	free(x);
	free(y);
	return e;
}

static void
item_row(struct cmp_row *r, const struct item_counts *ca, const struct item_counts *cb,
    long min_cell)
{
	stats_summary_counts(ca->v, 5, 1, &r->a);
	stats_summary_counts(cb->v, 5, 1, &r->b);
	r->shown_a = privacy_shown(ca->n, min_cell);
	r->shown_b = privacy_shown(cb->n, min_cell);
	r->tested = r->shown_a && r->shown_b;
	if (r->tested)
		stats_mann_whitney_counts(ca->v, cb->v, 5, &r->t);
}

/* Keep row *n unless neither study may show it (both under --min-cell):
 * such rows are only counted, for a sentence under the group's table. */
static void
keep(const struct cmp_row *r, size_t *n, size_t *hidden)
{
	if (r->shown_a || r->shown_b)
		(*n)++;
	else
		(*hidden)++;
}

/* Every shared item and scale of group g, wave by wave of A. */
static uf_err
collect(const struct model *a, const struct model *b, enum respondent_group g,
    struct cmp_row *rows, size_t *n, size_t *hidden)
{
	const struct model_group *ga = &a->groups[g], *gb = &b->groups[g];
	uf_err e = UF_OK;

	if (ga->form == NULL || gb->form == NULL)
		return UF_OK;
	for (size_t wa = 0; wa < a->nwaves; wa++) {
		int wb = model_wave_index(b, a->waves[wa].months);

		if (wb < 0 || !model_asked(a, wa, g) || !model_asked(b, (size_t)wb, g))
			continue;
		for (size_t i = 0; i < ga->form->nitems; i++) {
			const struct form_item *it = &ga->form->items[i];
			size_t j;

			if (it->type != ITEM_LIKERT5 || (j = item_in(gb->form, it)) == (size_t)-1 ||
			    !model_item_asked(a, wa, g, i) || !model_item_asked(b, (size_t)wb, g, j))
				continue;
			if (*n == CMP_MAX_ROWS)
				return UF_ELIMIT;
			rows[*n] = (struct cmp_row){ .g = g, .wa = wa, .wb = (size_t)wb, .text = it->sv, .reversed = it->reversed };
			item_row(&rows[*n], model_counts(a, wa, g, i),
			    model_counts(b, (size_t)wb, g, j), a->min_cell);
			keep(&rows[*n], n, hidden);
		}
		for (size_t s = 0; s < ga->nscales; s++) {
			size_t t;

			if (ga->scales[s].theme ||
			    (t = scale_in(gb, &ga->scales[s])) == (size_t)-1)
				continue;
			if (*n == CMP_MAX_ROWS)
				return UF_ELIMIT;
			rows[*n] = (struct cmp_row){ .g = g, .wa = wa, .wb = (size_t)wb, .text = ga->scales[s].name, .scale = true };
			CK(scale_row(&rows[*n], &ga->scores[s][wa], &gb->scores[t][wb],
			    a->min_cell));
			keep(&rows[*n], n, hidden);
		}
	}
out:
	return e;
}

static uf_err
row_cells(struct render_ctx *c, struct table *t, const struct cmp_row *r,
    const char *few)
{
	char buf[32];
	size_t k;
	uf_err e = UF_OK;

	CK(table_row(t, TABLE_ROW_BODY, &k));
	if (r->scale)
		CK(table_setf(t, k, 0, "%s (skala)", r->text));
	else
		CK(statement_cell(t, k, 0, r->text, r->reversed));
	CK(table_setf(t, k, 1, "%d", c->m->waves[r->wa].months));
	if (r->shown_a) {
		CK(table_setf(t, k, 2, "%ld", r->a.n));
		fmt_dec(r->a.mean, 2, buf, sizeof buf);
		CK(table_set(t, k, 3, buf));
	} else {
		CK(table_set(t, k, 2, few));
	}
	if (r->shown_b) {
		CK(table_setf(t, k, 4, "%ld", r->b.n));
		fmt_dec(r->b.mean, 2, buf, sizeof buf);
		CK(table_set(t, k, 5, buf));
	} else {
		CK(table_set(t, k, 4, few));
	}
	if (r->tested) {
		fmt_p(r->t.p, buf, sizeof buf);
		CK(table_set(t, k, 6, buf));
		fmt_p(r->p_holm, buf, sizeof buf);
		CK(table_set(t, k, 7, buf));
	}
out:
	return e;
}

uf_err
compare_chapter(struct render_ctx *c, const struct model *b)
{
	const struct model *a = c->m;
	struct cmp_row *rows = NULL;
	struct table *t = NULL;
	double *p = NULL;
	char few[64], cap[300];
	size_t n = 0, first[GROUP__MAX + 1], hidden[GROUP__MAX] = { 0 };
	uf_err e = UF_OK;

	if ((rows = calloc(CMP_MAX_ROWS, sizeof *rows)) == NULL)
		return UF_ENOMEM;
	for (size_t k = 0; k < GROUP__MAX; k++) {
		first[k] = n;
		CK(collect(a, b, ORDER[k], rows, &n, &hidden[k]));
	}
	first[GROUP__MAX] = n;
	/* Holm over the tests the chapter prints */
	if ((p = malloc((n ? n : 1) * sizeof *p)) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		p[i] = rows[i].tested ? rows[i].t.p : NAN;
	CK(stats_holm(p, n, p));
	for (size_t i = 0; i < n; i++)
		rows[i].p_holm = p[i];

	progress(c, "jämförelse mellan studierna");
	if (snprintf(cap, sizeof cap, "Jämförelse med studien %s", b->slug) < 0) {
		e = UF_EINTERNAL;
		goto out;
	}
	CK(pdf_heading(c->pdf, 1, cap));
	fmt_fewer(a, few, sizeof few);
	CK(ctx_paragraphf(c, "Här ställs de påståenden och skalor som båda studierna "
	                     "frågat samma grupp vid samma mätning (samma fråge-id och skal-id, samma "
	                     "antal månader efter projektstart) sida vid sida: A är denna studie (%s), "
	                     "B studien %s. För varje studie visas antalet svar (n) och medelvärdet (M, "
	                     "svaren 1–5 eller skalpoängen). Skillnaden mellan studierna prövas med "
	                     "Mann–Whitneys U-test (oparat, tvåsidigt), och p-värdena justeras med "
	                     "Holms metod över kapitlets alla %s. En studies siffror för en grupp med "
	                     "färre än %ld svar visas inte, och den raden prövas inte.",
	    a->slug, b->slug, n == 1 ? "test" : "tester", a->min_cell));
	if (n == 0)
		CK(ctx_paragraphf(c, "Studierna har inga gemensamma påståenden eller "
		                     "skalor vid samma mätning%s.",
		    ""));
	for (size_t k = 0; k < GROUP__MAX; k++) {
		if (hidden[k] > 0)
			CK(ctx_paragraphf(c, "%s: %zu %s där båda studierna har färre än %ld "
			                     "svar visas inte.",
			    group_report(ORDER[k]), hidden[k],
			    hidden[k] == 1 ? "rad (påstående eller skala vid en mätning)" :
			                     "rader (påståenden eller skalor vid en mätning)",
			    a->min_cell));
		if (first[k] == first[k + 1])
			continue;
		if (snprintf(cap, sizeof cap, "Jämförelse A (%s) och B (%s): %s", a->slug,
		        b->slug, group_report(ORDER[k])) < 0) {
			e = UF_EINTERNAL;
			goto out;
		}
		if ((t = ctx_table(c, cap)) == NULL) {
			e = UF_ENOMEM;
			goto out;
		}
		t->compact = true;
		CK(table_col(t, "Påstående / skala", 5, TABLE_LEFT));
		CK(table_col(t, "Mån", 0.8, TABLE_RIGHT));
		CK(table_col(t, "n A", 0.9, TABLE_RIGHT));
		CK(table_col(t, "M A", 0.9, TABLE_RIGHT));
		CK(table_col(t, "n B", 0.9, TABLE_RIGHT));
		CK(table_col(t, "M B", 0.9, TABLE_RIGHT));
		CK(table_col(t, "p", 1, TABLE_RIGHT));
		CK(table_col(t, "p (Holm)", 1.1, TABLE_RIGHT));
		for (size_t i = first[k]; i < first[k + 1]; i++)
			CK(row_cells(c, t, &rows[i], few));
		CK(ctx_emit_rows(c, &t, first[k + 1] - first[k], "Mann–Whitneys U mellan "
		                                                 "studierna; p (Holm) justerat över kapitlets alla tester. Tomt p: "
		                                                 "någon av studierna har för få svar."));
	}
out:
	table_free(t);
	free(p);
	free(rows);
	return e;
}
