/* SPDX-License-Identifier: ISC
 * The delrapport: one wave. Title page, Sammanfattning (generated from the
 * data), Metod with participation, one chapter per theme with a table and a
 * diverging bar chart per group, scale scores and free-text answers. Every
 * figure passes the min-cell rule first.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "privacy.h"
#include "render.h"

#include "numeric.h"
#include "render_lang.h"

#define TABLE_OOM(t)                   \
	do {                           \
		if ((t) == NULL) {     \
			e = UF_ENOMEM; \
			goto out;      \
		}                      \
	} while (0)

static const enum respondent_group ORDER[GROUP__MAX] = {
	GROUP_CHEF,
	GROUP_PERSONAL,
	GROUP_PEER,
	GROUP_PATIENT,
};

/* ---- comparisons between groups ----------------------------------------- */

#define MAX_BETWEEN         1024
#define MAX_BETWEEN_SUMMARY 5

/* One statement two groups' instruments ask in the same words, compared
 * with Mann-Whitney U (the groups are different people). */
struct group_cmp {
	enum respondent_group g1, g2; /* in ORDER: g1 before g2 */
	size_t i1, i2;                /* the item in each group's instrument */
	struct stats_test t;          /* x = g1, y = g2: r > 0 when g2 higher */
	double p_holm;                /* NAN: withheld, not in Holm's family */
	bool shown;                   /* Md, M and the test may be printed */
	struct stats_summary s1, s2;
};

struct between {
	struct group_cmp *v;
	size_t n;
	size_t ntested; /* Holm's m: the printed tests */
};

/* Item of group g asked in wave w with the text sv, or -1. */
static long
same_statement(const struct model *m, size_t w, enum respondent_group g,
    const char *sv)
{
	const struct form *f = m->groups[g].form;
	for (size_t i = 0; i < f->nitems; i++)
		if (f->items[i].type == ITEM_LIKERT5 && model_item_asked(m, w, g, i) &&
		    strcmp(f->items[i].sv, sv) == 0)
			return (long)i;
	return -1;
}

static bool
group_reported(const struct model *m, size_t w, enum respondent_group g)
{
	return model_asked(m, w, g) && m->groups[g].form != NULL &&
	    privacy_shown(model_respondents(m, w, g), m->min_cell);
}

/* Whether a comparison's Md, M and test may be printed: only beside both
 * groups' distributions shown in full (the disclosure plan's rule). */
static bool
between_shown(const struct render_ctx *c, size_t w, const struct group_cmp *gc)
{
	return disclosure_test_shown(disclosure_mean_shown(c->disc, w, gc->g1, gc->i1) &&
	        disclosure_mean_shown(c->disc, w, gc->g2, gc->i2),
	    NULL);
}

/* Every shared statement of every two reported groups, both with enough
 * answers, tested; then Holm over the tests the report prints (a withheld
 * test is no claim of the report, and adjusted p values that depended on
 * it would tell something of it). */
static uf_err
between_collect(const struct render_ctx *c, size_t w, struct between *out)
{
	const struct model *m = c->m;
	double *p = NULL;
	uf_err e = UF_OK;

	memset(out, 0, sizeof *out);
	out->v = calloc(MAX_BETWEEN, sizeof *out->v);
	if (out->v == NULL)
		return UF_ENOMEM;
	for (size_t a = 0; a < GROUP__MAX; a++)
		for (size_t b = a + 1; b < GROUP__MAX; b++) {
			enum respondent_group g1 = ORDER[a], g2 = ORDER[b];
			if (!group_reported(m, w, g1) || !group_reported(m, w, g2))
				continue;
			const struct form *f = m->groups[g1].form;
			for (size_t i = 0; i < f->nitems; i++) {
				if (f->items[i].type != ITEM_LIKERT5 || !model_item_asked(m, w, g1, i))
					continue;
				long j = same_statement(m, w, g2, f->items[i].sv);
				if (j < 0)
					continue;
				const struct item_counts *c1 = model_counts(m, w, g1, i);
				const struct item_counts *c2 = model_counts(m, w, g2, (size_t)j);
				if (!privacy_shown(c1->n, m->min_cell) ||
				    !privacy_shown(c2->n, m->min_cell))
					continue;
				if (out->n == MAX_BETWEEN)
					return UF_ELIMIT;
				struct group_cmp *gc = &out->v[out->n++];
				*gc = (struct group_cmp){ .g1 = g1, .g2 = g2, .i1 = i, .i2 = (size_t)j, .p_holm = NAN };
				stats_mann_whitney_counts(c1->v, c2->v, 5, &gc->t);
				stats_summary_counts(c1->v, 5, 1, &gc->s1);
				stats_summary_counts(c2->v, 5, 1, &gc->s2);
				gc->shown = between_shown(c, w, gc);
			}
		}
	p = malloc((out->n ? out->n : 1) * sizeof *p);
	if (p == NULL)
		return UF_ENOMEM;
	for (size_t k = 0; k < out->n; k++) {
		bool tested = out->v[k].t.valid && out->v[k].shown;
		p[k] = tested ? out->v[k].t.p : NAN;
		out->ntested += tested;
	}
	e = stats_holm(p, out->n, p);
	for (size_t k = 0; e == UF_OK && k < out->n; k++)
		out->v[k].p_holm = p[k];
	free(p);
	return e;
}

static int
cmp_between_ptr(const void *a, const void *b)
{
	return cmp_effect_desc(&(*(const struct group_cmp *const *)a)->t,
	    &(*(const struct group_cmp *const *)b)->t);
}

/* "Chefer och personal" style pair name: "Chefer – Personal". */
static void
pair_name(const struct group_cmp *gc, char *out, size_t n)
{
	if (snprintf(out, n, "%s – %s", group_report(gc->g1),
	        group_report(gc->g2)) < 0 &&
	    n)
		out[0] = '\0';
}

static uf_err
between_summary(struct render_ctx *c, const struct between *bt)
{
	const struct model *m = c->m;
	const struct group_cmp *top[MAX_BETWEEN];
	char buf[1600], a[32], b[32], p[32], ph[32], r[32];
	size_t ntop = 0;
	uf_err e = UF_OK;
	int k;

	if (bt->ntested == 0)
		return UF_OK;
	CK(pdf_heading(c->pdf, 3, "Skillnader mellan grupper"));
	for (size_t i = 0; i < bt->n; i++)
		if (bt->v[i].shown && bt->v[i].t.valid && bt->v[i].p_holm < 0.05)
			top[ntop++] = &bt->v[i];
	qsort(top, ntop, sizeof *top, cmp_between_ptr);
	for (size_t i = 0; i < ntop && i < MAX_BETWEEN_SUMMARY; i++) {
		const struct group_cmp *gc = top[i];
		const struct form_item *it = &m->groups[gc->g1].form->items[gc->i1];
		fmt_dec(gc->s1.mean, 2, a, sizeof a);
		fmt_dec(gc->s2.mean, 2, b, sizeof b);
		fmt_p(gc->t.p, p, sizeof p);
		fmt_p(gc->p_holm, ph, sizeof ph);
		fmt_dec(gc->t.r, 2, r, sizeof r);
		k = snprintf(buf, sizeof buf, "”%s”%s: %s M %s (n = %ld), %s M %s "
		                              "(n = %ld); Mann–Whitney U, %s p %s%s, Holm-justerat p %s%s, r = %s.",
		    it->sv, it->reversed ? " (omvänt formulerat)" : "",
		    group_report(gc->g1), a, gc->s1.n, group_report(gc->g2),
		    b, gc->s2.n, gc->t.exact ? "exakt" : "normalapproximerat",
		    p[0] == '<' ? "" : "= ", p, ph[0] == '<' ? "" : "= ", ph, r);
		if (k > 0 && (size_t)k < sizeof buf)
			CK(pdf_bullet(c->pdf, buf));
	}
	if (ntop == 0)
		k = snprintf(buf, sizeof buf, "Ingen av de %zu jämförelserna mellan "
		                              "grupper av samma påstående som redovisas visade en statistiskt "
		                              "säkerställd skillnad efter justering för antalet test "
		                              "(Holm-justerat p < 0,05).",
		    bt->ntested);
	else
		k = snprintf(buf, sizeof buf, "Urval: skillnader med Holm-justerat "
		                              "p < 0,05, justerat för rapportens alla %zu redovisade jämförelser mellan "
		                              "grupper, ordnade efter effektstorlek |r|; högst %d visas. "
		                              "Test som inte redovisas (se Metod) räknas inte och väljs inte.",
		    bt->ntested, MAX_BETWEEN_SUMMARY);
	if (k > 0 && (size_t)k < sizeof buf)
		CK(ntop == 0 ? pdf_paragraph(c->pdf, buf) : pdf_note(c->pdf, buf));
out:
	return e;
}

static uf_err
between_chapter(struct render_ctx *c, const struct between *bt)
{
	const struct model *m = c->m;
	struct table *t = NULL;
	char cell[96], a[32], b[32], note[1200];
	uf_err e = UF_OK;

	if (bt->n == 0)
		return UF_OK;
	progress(c, "jämförelser mellan grupper");
	CK(pdf_heading(c->pdf, 1, "Jämförelser mellan grupper"));
	CK(pdf_paragraph(c->pdf, "Några påståenden finns med samma ordalydelse i "
	                         "flera gruppers enkäter. Här jämförs gruppernas svar på dem, två "
	                         "grupper i taget."));
	t = ctx_table(c, "Samma påstående i två grupper");
	if (t == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	/* weights in points of the 471 pt text width, so that "3,33 / 3,11",
	 * "normalappr." and "< 0,001" stay on one line at 8 pt */
	CK(table_col(t, "Påstående", 101, TABLE_LEFT));
	CK(table_col(t, "Grupper", 70, TABLE_LEFT));
	CK(table_col(t, "n", 42, TABLE_RIGHT));
	CK(table_col(t, "Md", 42, TABLE_RIGHT));
	CK(table_col(t, "M", 52, TABLE_RIGHT));
	CK(table_col(t, "Test", 52, TABLE_LEFT));
	CK(table_col(t, "p", 40, TABLE_RIGHT));
	CK(table_col(t, "p (Holm)", 42, TABLE_RIGHT));
	CK(table_col(t, "r", 30, TABLE_RIGHT));
	for (size_t i = 0; i < bt->n; i++) {
		const struct group_cmp *gc = &bt->v[i];
		const struct form_item *it = &m->groups[gc->g1].form->items[gc->i1];
		size_t r;
		CK(table_row(t, TABLE_ROW_BODY, &r));
		CK(statement_cell(t, r, 0, it->sv, it->reversed));
		pair_name(gc, cell, sizeof cell);
		CK(table_set(t, r, 1, cell));
		CK(table_setf(t, r, 2, "%ld + %ld", gc->s1.n, gc->s2.n));
		if (!gc->shown) {
			/* a merged or withheld distribution: its Md and M and the
			 * test of them are withheld together */
			for (size_t k = 3; k < 9; k++)
				CK(table_set(t, r, k, "·"));
			continue;
		}
		fmt_dec(gc->s1.median, 1, a, sizeof a);
		fmt_dec(gc->s2.median, 1, b, sizeof b);
		CK(table_setf(t, r, 3, "%s / %s", a, b));
		fmt_dec(gc->s1.mean, 2, a, sizeof a);
		fmt_dec(gc->s2.mean, 2, b, sizeof b);
		CK(table_setf(t, r, 4, "%s / %s", a, b));
		CK(table_set(t, r, 5, !gc->t.valid ? "–" : gc->t.exact ? "exakt" :
		                                                         "normalappr."));
		fmt_p(gc->t.valid ? gc->t.p : NAN, cell, sizeof cell);
		CK(table_set(t, r, 6, cell));
		fmt_p(gc->p_holm, cell, sizeof cell);
		CK(table_set(t, r, 7, cell));
		fmt_dec(gc->t.valid ? gc->t.r : NAN, 2, cell, sizeof cell);
		CK(table_set(t, r, 8, cell));
	}
	if (snprintf(note, sizeof note, "Mann–Whitney U mellan två gruppers svar "
	                                "1–5 (n, Md och M i gruppernas ordning). Exakt betingat p givet de lika "
	                                "värdena när n1 + n2 ≤ %d, annars normalapproximation med korrektion för "
	                                "lika värden. p (Holm) = justerat med Holms metod för rapportens alla "
	                                "%zu redovisade jämförelser mellan grupper. r = Z/√(n1 + n2), positiv = den andra "
	                                "gruppen svarar högre. · = redovisas inte: Md, M, p och r döljs där en "
	                                "grupps svarsfördelning slagits ihop eller inte redovisas, och sådana "
	                                "test räknas inte i Holms justering. "
	                                "%s = omvänt formulerat påstående.",
	        STATS_EXACT_MAX_MW, bt->ntested, REVERSED_MARK) < 0)
		note[0] = '\0';
	CK(table_note(t, note));
	CK(ctx_emit(c, &t));
out:
	table_free(t);
	return e;
}

/* ---- Sammanfattning ---------------------------------------------------- */

struct ranked {
	enum respondent_group g;
	size_t item;
	double fav; /* favourable share: 4-5, reversed 1-2 */
	long n;
};

static int
cmp_ranked(const void *a, const void *b)
{
	double x = ((const struct ranked *)a)->fav, y = ((const struct ranked *)b)->fav;
	return (x < y) - (x > y); /* descending */
}

/* "Chefer: ”…” – 80 % instämmer (svar 4–5, n = 12)." or, for a reversed
 * item, "… (omvänt formulerat) – 70 % instämmer inte (svar 1–2, n = 12)." */
static uf_err
ranked_bullet(struct render_ctx *c, const struct ranked *r)
{
	const struct form_item *it = &c->m->groups[r->g].form->items[r->item];
	char buf[2048], num[32];
	fmt_dec(r->fav, 0, num, sizeof num);
	int k = snprintf(buf, sizeof buf, "%s: ”%s”%s – %s %% %s (svar %s, n = %ld).",
	    group_report(r->g), it->sv, it->reversed ? " (omvänt formulerat)" : "",
	    num, it->reversed ? "instämmer inte" : "instämmer",
	    it->reversed ? "1–2" : "4–5", r->n);
	if (k > 0 && (size_t)k < sizeof buf)
		return pdf_bullet(c->pdf, buf);
	return UF_OK;
}

static uf_err
summary(struct render_ctx *c, const struct between *bt)
{
	const struct model *m = c->m;
	size_t w = (size_t)m->focus;
	struct ranked *rk = NULL;
	size_t nrk = 0;
	char buf[2048], num[32], few[64];
	uf_err e = UF_OK;
	long total = 0;
	int shown = 0, asked = 0;

	fmt_fewer(m, few, sizeof few);
	CK(pdf_heading(c->pdf, 1, "Sammanfattning"));
	for (size_t k = 0; k < GROUP__MAX; k++) {
		enum respondent_group g = ORDER[k];
		if (!model_asked(m, w, g))
			continue;
		asked++;
		total += model_respondents(m, w, g);
		shown += disclosure_group_shown(c->disc, w, g);
	}
	CK(ctx_paragraphf(c, "Rapporten redovisar enkätsvaren vid mätningen "
	                     "%d månader efter projektstart. %d grupper tillfrågades och %d av dem hade "
	                     "tillräckligt många svar för att redovisas. Svaren redovisas per grupp och "
	                     "tema; frågorna besvarades på en femgradig skala från ”Stämmer inte alls” "
	                     "(1) till ”Stämmer helt” (5).",
	    m->waves[w].months, asked, shown));
	int k;
	for (size_t i = 0; i < GROUP__MAX; i++) {
		enum respondent_group g = ORDER[i];
		if (!model_asked(m, w, g))
			continue;
		long n = model_respondents(m, w, g), inv = model_invited(m, w, g);
		if (!disclosure_group_shown(c->disc, w, g))
			k = snprintf(buf, sizeof buf, "%s: %s – gruppen redovisas inte.",
			    group_report(g), few);
		else {
			fmt_pct(n, inv, num, sizeof num);
			k = snprintf(buf, sizeof buf, "%s: %ld svar (svarsfrekvens %s %%).",
			    group_report(g), n, num);
		}
		if (k > 0 && (size_t)k < sizeof buf)
			CK(pdf_bullet(c->pdf, buf));
	}
	/* the items with the most and the least favourable answers; a
	 * negatively worded item counts its disagreement */
	rk = calloc((size_t)GROUP__MAX * FORM_MAX_ITEMS, sizeof *rk);
	if (rk == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < GROUP__MAX; i++) {
		enum respondent_group g = ORDER[i];
		if (!disclosure_group_shown(c->disc, w, g))
			continue;
		const struct form *f = m->groups[g].form;
		for (size_t it = 0; it < f->nitems; it++) {
			const struct item_counts *ic = model_counts(m, w, g, it);
			enum disc_row row = disclosure_item(c->disc, w, g, it)->row;
			/* the share of 4-5 is printed as such in a merged row too */
			if (f->items[it].type != ITEM_LIKERT5 || !model_item_asked(m, w, g, it) ||
			    (row != DISC_ROW_FULL && row != DISC_ROW_MERGED))
				continue;
			rk[nrk++] = (struct ranked){ g, it,
				favourable_pct(ic, f->items[it].reversed), ic->n };
		}
	}
	if (nrk >= 2) {
		qsort(rk, nrk, sizeof *rk, cmp_ranked);
		size_t top = nrk >= 6 ? 3 : nrk / 2;
		CK(pdf_heading(c->pdf, 3, "Mest positiva svar"));
		for (size_t i = 0; i < top; i++)
			CK(ranked_bullet(c, &rk[i]));
		CK(pdf_heading(c->pdf, 3, "Minst positiva svar"));
		for (size_t i = 0; i < top; i++)
			CK(ranked_bullet(c, &rk[nrk - 1 - i]));
		CK(pdf_note(c->pdf, "Positivt svar: att instämma (svar 4–5), och för "
		                    "omvänt formulerade påståenden att inte instämma (svar 1–2)."));
	}
	CK(between_summary(c, bt));
out:
	free(rk);
	return e;
}

/* ---- Metod ---------------------------------------------------------------- */

static uf_err
participation_tables(struct render_ctx *c, size_t w)
{
	const struct model *m = c->m;
	struct table *t = NULL;
	uf_err e = UF_OK;
	enum respondent_group gs[GROUP__MAX];
	size_t ng = 0;
	char few[64], cell[64];
	long v[(MODEL_MAX_LABELS + 1) * (GROUP__MAX + 1)];
	bool hid[(MODEL_MAX_LABELS + 1) * (GROUP__MAX + 1)];

	fmt_fewer(m, few, sizeof few);
	for (size_t i = 0; i < GROUP__MAX; i++)
		if (model_asked(m, w, ORDER[i]))
			gs[ng++] = ORDER[i];

	/* per group: asked, answered, declined, rate; the totals are over the
	 * shown groups only, so no hidden group can be worked out from them */
	bool all_shown = true;
	for (size_t i = 0; i < ng; i++)
		all_shown &= disclosure_group_shown(c->disc, w, gs[i]);
	{
		long col[GROUP__MAX + 1];
		bool h[GROUP__MAX + 1];
		for (size_t i = 0; i < ng; i++) {
			col[i] = model_respondents(m, w, gs[i]);
			h[i] = !disclosure_group_shown(c->disc, w, gs[i]);
		}
		col[ng] = c->disc->shown_total[w];
		h[ng] = false;
		t = ctx_table(c, "Tillfrågade, svarande och svarsfrekvens per grupp");
		TABLE_OOM(t);
		CK(table_col(t, "Grupp", 3, TABLE_LEFT));
		CK(table_col(t, "Tillfrågade", 1.3, TABLE_RIGHT));
		CK(table_col(t, "Svarat", 1.3, TABLE_RIGHT));
		CK(table_col(t, "Avböjt", 1.3, TABLE_RIGHT));
		CK(table_col(t, "Svarsfrekvens %", 1.5, TABLE_RIGHT));
		long inv_tot = 0, dec_tot = 0;
		for (size_t i = 0; i <= ng; i++) {
			size_t r;
			bool last = i == ng;
			long inv = last ? inv_tot : model_invited(m, w, gs[i]);
			long dec = last ? dec_tot : model_declined(m, w, gs[i]);
			if (!last && !h[i]) {
				inv_tot += inv;
				dec_tot += dec;
			}
			CK(table_row(t, last ? TABLE_ROW_TOTAL : TABLE_ROW_BODY, &r));
			CK(table_set(t, r, 0, !last ? group_report(gs[i]) : all_shown ? "Totalt" :
			                                                                "Totalt, redovisade grupper"));
			CK(table_setf(t, r, 1, "%ld", inv));
			if (h[i]) {
				CK(table_set(t, r, 2, "–"));
				CK(table_set(t, r, 3, "–"));
				CK(table_set(t, r, 4, "–"));
			} else {
				CK(table_setf(t, r, 2, "%ld", col[i]));
				CK(table_setf(t, r, 3, "%ld", dec));
				fmt_pct(col[i], inv, cell, sizeof cell);
				CK(table_set(t, r, 4, cell));
			}
		}
		if (snprintf(cell, sizeof cell, "%s", few) < 0)
			cell[0] = '\0';
		char note[400];
		if (snprintf(note, sizeof note, "Tillfrågade: deltagare som fått en kod, "
		                                "tagit ställning till samtycket eller börjat svara. – = gruppen hade "
		                                "%s och redovisas inte; totalen räknas bara över de redovisade "
		                                "grupperna.",
		        few) > 0)
			CK(table_note(t, note));
		CK(ctx_emit(c, &t));
	}

	/* per report label and group, with totals both ways */
	size_t nl = m->nlabels, nc = ng + 1;
	if (nl == 0)
		goto out;
	/* cells and totals as the disclosure plan solved them: totals over the
	 * shown groups, complements chosen with every printed n in view */
	memset(v, 0, sizeof v);
	for (size_t l = 0; l < nl; l++)
		for (size_t i = 0; i < ng; i++) {
			long a = m->part[w][gs[i]][l].answered;
			bool shown = disclosure_group_shown(c->disc, w, gs[i]);
			v[l * nc + i] = a;
			hid[l * nc + i] = c->disc->label_hidden[l][gs[i]];
			if (shown) {
				v[l * nc + ng] += a;
				v[nl * nc + i] += a;
			}
			hid[nl * nc + i] = !shown;
		}
	for (size_t l = 0; l < nl; l++)
		hid[l * nc + ng] = c->disc->label_hidden[l][GROUP__MAX];
	v[nl * nc + ng] = c->disc->shown_total[w];
	hid[nl * nc + ng] = false;
	t = ctx_table(c, "Svarande per verksamhetstyp och grupp");
	TABLE_OOM(t);
	CK(table_col(t, "Verksamhetstyp", 3, TABLE_LEFT));
	for (size_t i = 0; i < ng; i++)
		CK(table_col(t, group_report(gs[i]), 1.4, TABLE_RIGHT));
	CK(table_col(t, all_shown ? "Totalt" : "Totalt, redovisade grupper", 1.2,
	    TABLE_RIGHT));
	for (size_t l = 0; l <= nl; l++) {
		size_t r;
		CK(table_row(t, l == nl ? TABLE_ROW_TOTAL : TABLE_ROW_BODY, &r));
		CK(table_set(t, r, 0, l == nl ? "Totalt" : m->labels[l]));
		for (size_t i = 0; i < nc; i++) {
			if (hid[l * nc + i])
				CK(table_set(t, r, i + 1, "–"));
			else
				CK(table_setf(t, r, i + 1, "%ld", v[l * nc + i]));
		}
	}
	{
		char note[300];
		if (snprintf(note, sizeof note, "– = %s, eller dold så att den inte kan "
		                                "räknas fram ur summorna eller ur andra tabeller. Verksamheter anges "
		                                "bara som typ.",
		        few) > 0)
			CK(table_note(t, note));
	}
	CK(ctx_emit(c, &t));
out:
	table_free(t);
	return e;
}

static uf_err
method(struct render_ctx *c, const struct between *bt)
{
	const struct model *m = c->m;
	size_t w = (size_t)m->focus;
	uf_err e;

	CK(pdf_heading(c->pdf, 1, "Metod"));
	CK(ctx_paragraphf(c, "Mätningen gjordes %d månader efter "
	                     "projektstart. Enkäten var öppen %s – %s. Chefer, personal och peer "
	                     "supporters besvarade var sin webbenkät med en personlig kod; patienter "
	                     "och brukare svarade på en surfplatta i verksamheten. Alla deltagare "
	                     "lämnade samtycke innan de svarade och kan när som helst ta tillbaka det; "
	                     "då raderas deras svar.",
	    m->waves[w].months, m->waves[w].opens,
	    m->waves[w].closes));
	CK(participation_tables(c, w));
	CK(lang_section(c));
	CK(qual_method(c));
	CK(pdf_heading(c->pdf, 2, "Analys och redovisning"));
	CK(pdf_paragraph(c->pdf, "För varje påstående redovisas antal svar (n), hur "
	                         "svaren fördelar sig i procent på de fem svarsalternativen, median (Md) "
	                         "och medelvärde (M). ”Vet ej / ej aktuellt” och ”Vill inte svara” räknas "
	                         "inte in i procent, median eller medelvärde utan redovisas som antal, "
	                         "var för sig. Skalpoäng är "
	                         "medelvärdet (eller summan) av skalans frågor för dem som besvarat "
	                         "tillräckligt många av frågorna; 95 % konfidensintervall för medelvärdet "
	                         "bygger på t-fördelningen."));
	if (bt->n > 0) {
		CK(ctx_paragraphf(c, "Påståenden som står ordagrant likadant i "
		                     "två gruppers enkäter (till exempel chefernas och personalens) jämförs "
		                     "mellan grupperna med Mann–Whitney U, två grupper i taget; grupperna "
		                     "består av olika personer och är oberoende. När de två grupperna "
		                     "tillsammans har högst %d svar är p-värdet exakt: den betingade "
		                     "fördelningen av rangsumman givet de lika värdena, räknad över alla "
		                     "sätt att fördela svaren på grupperna. Med fler svar används "
		                     "normalapproximationen med korrektion för lika värden. Parvisa test "
		                     "valdes framför Kruskal–Wallis eftersom de säger vilka grupper som "
		                     "skiljer sig och har ett exakt p-värde som är billigt att räkna. "
		                     "Rapportens %zu redovisade jämförelser justeras med Holms metod (Holm 1979), "
		                     "som håller risken för minst ett falskt fynd under 5 %% oavsett hur "
		                     "testen beror av varandra (samma personer svarar på flera påståenden); "
		                     "tabellen visar både ojusterat och justerat p-värde och "
		                     "Sammanfattningen väljer skillnader på det justerade (p < 0,05). "
		                     "Effektstorleken är r = Z/√n.",
		    STATS_EXACT_MAX_MW, bt->ntested));
	}
	CK(reversed_paragraph(c));
	CK(rounding_paragraph(c));
	CK(disclosure_method(c));
out:
	return e;
}

/* ---- theme chapters ---------------------------------------------------------- */

static bool
group_has_theme(const struct model *m, size_t w, enum respondent_group g,
    const char *theme_id)
{
	const struct form *f = m->groups[g].form;
	if (f == NULL || !model_asked(m, w, g))
		return false;
	for (size_t i = 0; i < f->nitems; i++)
		if (f->items[i].type != ITEM_TEXT &&
		    strcmp(f->themes[f->items[i].theme].id, theme_id) == 0 &&
		    model_item_asked(m, w, g, i))
			return true;
	return false;
}

static uf_err
likert_block(struct render_ctx *c, size_t w, enum respondent_group g,
    const struct model_theme *th)
{
	const struct model *m = c->m;
	const struct form *f = m->groups[g].form;
	struct table *t = NULL;
	struct pdf_divbar_row *rows = NULL;
	char **labels = NULL; /* bar labels with the reversed mark */
	size_t nrows = 0;
	char cap[400], fig[420], few[64], cell[32], hidden[600];
	uf_err e = UF_OK;

	fmt_fewer(m, few, sizeof few);
	rows = calloc(f->nitems, sizeof *rows);
	labels = calloc(f->nitems, sizeof *labels);
	if (rows == NULL || labels == NULL) {
		free(rows);
		free(labels);
		return UF_ENOMEM;
	}
	if (snprintf(cap, sizeof cap, "%s – %s, %d månader", th->sv,
	        group_report(g), m->waves[w].months) < 0)
		cap[0] = '\0';
	t = ctx_table(c, cap);
	TABLE_OOM(t);
	/* eleven columns, and a merged cell reads "57 (4–5)": smaller type so
	 * a figure never wraps */
	t->compact = true;
	CK(table_col(t, "Påstående", 4.6, TABLE_LEFT));
	CK(likert_cols(t, 1.3, 0.7));
	for (size_t i = 0; i < f->nitems; i++) {
		const struct form_item *it = &f->items[i];
		if (it->type != ITEM_LIKERT5 || strcmp(f->themes[it->theme].id, th->id) != 0 ||
		    !model_item_asked(m, w, g, i))
			continue;
		const struct item_counts *ic = model_counts(m, w, g, i);
		size_t r;
		CK(table_row(t, TABLE_ROW_BODY, &r));
		CK(statement_cell(t, r, 0, it->sv, it->reversed));
		struct pdf_divbar_row *dr = &rows[nrows++];
		dr->label = it->sv;
		if (it->reversed) { /* the bar carries the mark too */
			labels[nrows - 1] = strdup(table_get(t, r, 0));
			if (labels[nrows - 1] == NULL) {
				e = UF_ENOMEM;
				goto out;
			}
			dr->label = labels[nrows - 1];
		}
		dr->n = ic->n;
		const struct disc_item *di = disclosure_item(c->disc, w, g, i);
		if (di->row == DISC_ROW_FEW) {
			if (snprintf(hidden, sizeof hidden, "%s (%s)", it->sv, few) > 0)
				CK(table_set(t, r, 0, hidden));
			for (size_t k = 1; k < 11; k++)
				CK(table_set(t, r, k, "–"));
			dr->hidden = true;
			dr->note = few;
			continue;
		}
		struct stats_summary s;
		bool stats;
		stats_summary_counts(ic->v, 5, 1, &s);
		CK(likert_cells(c, t, r, 1, ic, di, dr, &stats));
		if (!stats) {
			CK(table_set(t, r, 9, "·"));
			CK(table_set(t, r, 10, "·"));
			continue;
		}
		fmt_dec(s.median, 1, cell, sizeof cell);
		CK(table_set(t, r, 9, cell));
		fmt_dec(s.mean, 1, cell, sizeof cell);
		CK(table_set(t, r, 10, cell));
	}
	if (nrows == 0)
		goto out;
	{
		char note[1200];
		if (snprintf(note, sizeof note, "Procent av dem som svarat 1–5 (Stämmer "
		                                "inte alls – Stämmer helt), var för sig avrundade till hela procent, "
		                                "så en rad summerar till mellan 98 och 102. Vet ej = antal som svarat "
		                                "”Vet ej / ej aktuellt”, Vill ej = antal som svarat ”Vill inte "
		                                "svara”; de ingår inte i n, procent, median (Md) eller medelvärde (M). " REVERSED_MARK " = omvänt formulerat påstående (att instämma är "
		                                "negativt); svaren redovisas som de gavs. %s",
		        likert_disclosure_note(c)) < 0)
			note[0] = '\0';
		CK(table_note(t, note));
	}
	CK(ctx_emit(c, &t));
	/* a chart of nothing but hidden bars says nothing */
	if (!divbars_any(rows, nrows))
		goto out;
	ctx_figure(c, cap, fig, sizeof fig);
	CK(pdf_divbars(c->pdf, fig, LIKERT_LONG, rows, nrows));
out:
	table_free(t);
	for (size_t i = 0; i < nrows; i++)
		free(labels[i]);
	free(labels);
	free(rows);
	return e;
}

static uf_err
choice_tables(struct render_ctx *c, size_t w, enum respondent_group g,
    const struct model_theme *th)
{
	const struct model *m = c->m;
	const struct form *f = m->groups[g].form;
	char few[64], cell[32];
	uf_err e = UF_OK;
	struct table *t = NULL;

	fmt_fewer(m, few, sizeof few);
	for (size_t i = 0; i < f->nitems; i++) {
		const struct form_item *it = &f->items[i];
		if ((it->type != ITEM_SINGLE && it->type != ITEM_MULTI) ||
		    strcmp(f->themes[it->theme].id, th->id) != 0 ||
		    !model_item_asked(m, w, g, i))
			continue;
		const struct item_counts *ic = model_counts(m, w, g, i);
		const struct disc_item *di = disclosure_item(c->disc, w, g, i);
		t = ctx_table(c, it->sv);
		TABLE_OOM(t);
		CK(table_col(t, "Svarsalternativ", 6, TABLE_LEFT));
		CK(table_col(t, "Antal", 1, TABLE_RIGHT));
		CK(table_col(t, "Andel %", 1, TABLE_RIGHT));
		if (di->row == DISC_ROW_FEW) {
			size_t r;
			CK(table_row(t, TABLE_ROW_BODY, &r));
			CK(table_set(t, r, 0, few));
			CK(table_set(t, r, 1, "–"));
			CK(table_set(t, r, 2, "–"));
		} else {
			/* a small group almost all of whom gave one answer: only n */
			if (di->row == DISC_ROW_WITHHELD) {
				size_t r;
				CK(table_row(t, TABLE_ROW_BODY, &r));
				CK(table_set(t, r, 0, "Fördelningen redovisas inte (liten grupp "
				                      "där nästan alla gav samma svar)"));
				CK(table_set(t, r, 1, "·"));
				CK(table_set(t, r, 2, "·"));
			}
			for (size_t k = 0; di->row == DISC_ROW_FULL && k < it->noptions; k++) {
				size_t r;
				CK(table_row(t, TABLE_ROW_BODY, &r));
				CK(table_set(t, r, 0, it->options[k].sv));
				disclosure_cell_text(di->opt[k], ic->v[k], ic->n,
				    c->disc->min_category, cell, sizeof cell);
				CK(table_set(t, r, 1, cell));
				fmt_pct(ic->v[k], ic->n, cell, sizeof cell);
				CK(table_set(t, r, 2, di->opt[k] == DISC_CELL_SHOWN ? cell : "–"));
			}
			size_t r;
			CK(table_row(t, TABLE_ROW_TOTAL, &r));
			CK(table_set(t, r, 0, it->type == ITEM_MULTI ? "Svarande" : "Totalt"));
			CK(table_setf(t, r, 1, "%ld", ic->n));
			CK(table_set(t, r, 2, it->type == ITEM_MULTI ? "" : "100"));
		}
		char note[600], range[32];
		disclosure_cell_text(DISC_CELL_FEW, 0, 0, c->disc->min_category, range,
		    sizeof range);
		bool ranged = false;
		for (size_t k = 0; di->row == DISC_ROW_FULL && k < it->noptions; k++)
			ranged |= di->opt[k] != DISC_CELL_SHOWN;
		char protect[300] = "";
		if (ranged && snprintf(protect, sizeof protect, " Antal under %ld visas som "
		                                                "intervall (%s); – = dold så att ett sådant antal inte kan räknas fram "
		                                                "ur totalen.",
		                  c->disc->min_category, range) < 0)
			protect[0] = '\0';
		int k = snprintf(note, sizeof note, "%s%s%s%s", it->type == ITEM_MULTI ? "Flera svar möjliga: andel av dem som besvarat frågan. " : "",
		    ic->dont_know > 0 ? "”Vet ej / ej aktuellt” ingår inte. " : "",
		    ic->declined > 0 ? "”Vill inte svara” ingår inte." : "", protect);
		if (k > 0 && (size_t)k < sizeof note)
			CK(table_note(t, note));
		CK(ctx_emit(c, &t));
	}
out:
	table_free(t);
	return e;
}

static uf_err
theme_chapters(struct render_ctx *c)
{
	const struct model *m = c->m;
	size_t w = (size_t)m->focus;
	char buf[300], few[64];
	uf_err e = UF_OK;

	fmt_fewer(m, few, sizeof few);
	for (size_t t = 0; t < m->nthemes; t++) {
		const struct model_theme *th = &m->themes[t];
		bool any = false;
		for (size_t k = 0; k < GROUP__MAX; k++)
			any |= group_has_theme(m, w, ORDER[k], th->id);
		if (!any)
			continue;
		progress(c, th->sv);
		CK(pdf_heading(c->pdf, 1, th->sv));
		for (size_t k = 0; k < GROUP__MAX; k++) {
			enum respondent_group g = ORDER[k];
			if (!group_has_theme(m, w, g, th->id))
				continue;
			long n = model_respondents(m, w, g);
			if (snprintf(buf, sizeof buf, "%s (n = %ld)", group_report(g), n) < 0)
				buf[0] = '\0';
			if (!disclosure_group_shown(c->disc, w, g)) {
				if (snprintf(buf, sizeof buf, "%s", group_report(g)) < 0)
					buf[0] = '\0';
				CK(pdf_heading(c->pdf, 2, buf));
				if (snprintf(buf, sizeof buf, "Gruppen hade %s vid den här "
				                              "mätningen och redovisas därför inte.",
				        few) > 0)
					CK(pdf_paragraph(c->pdf, buf));
				continue;
			}
			CK(pdf_heading(c->pdf, 2, buf));
			CK(likert_block(c, w, g, th));
			CK(choice_tables(c, w, g, th));
		}
	}
out:
	return e;
}

/* ---- scales -------------------------------------------------------------------- */

static uf_err
scale_chapter(struct render_ctx *c)
{
	const struct model *m = c->m;
	size_t w = (size_t)m->focus;
	struct table *t = NULL;
	char few[64];
	uf_err e = UF_OK;
	bool any = false;

	fmt_fewer(m, few, sizeof few);
	for (size_t k = 0; k < GROUP__MAX; k++) {
		const struct model_group *mg = &m->groups[ORDER[k]];
		for (size_t s = 0; s < mg->nscales; s++)
			any |= !mg->scales[s].theme && model_asked(m, w, ORDER[k]);
	}
	if (!any)
		return UF_OK;
	CK(pdf_heading(c->pdf, 1, "Skalor"));
	CK(pdf_paragraph(c->pdf, "Skalpoängen sammanfattar flera påståenden om samma "
	                         "sak. Poängen räknas för dem som besvarat tillräckligt många av skalans "
	                         "frågor (”Vet ej” och ”Vill inte svara” räknas som saknat svar); omvända "
	                         "frågor vänds före "
	                         "beräkningen så att ett högt värde alltid är positivt."));
	for (size_t k = 0; k < GROUP__MAX; k++) {
		enum respondent_group g = ORDER[k];
		const struct model_group *mg = &m->groups[g];
		if (!model_asked(m, w, g) || mg->nscales == 0)
			continue;
		char cap[200];
		if (snprintf(cap, sizeof cap, "Skalpoäng – %s, %d månader",
		        group_report(g), m->waves[w].months) < 0)
			cap[0] = '\0';
		t = ctx_table(c, cap);
		TABLE_OOM(t);
		CK(table_col(t, "Skala", 5, TABLE_LEFT));
		CK(table_col(t, "Frågor", 1, TABLE_RIGHT));
		CK(table_col(t, "n", 1, TABLE_RIGHT));
		CK(table_col(t, "Md", 1, TABLE_RIGHT));
		CK(table_col(t, "M", 1, TABLE_RIGHT));
		CK(table_col(t, "95 % KI", 2, TABLE_RIGHT));
		size_t rows = 0;
		for (size_t s = 0; s < mg->nscales; s++) {
			if (mg->scales[s].theme)
				continue;
			const struct score_set *ss = &mg->scores[s][w];
			size_t r;
			CK(table_row(t, TABLE_ROW_BODY, &r));
			rows++;
			CK(table_set(t, r, 0, mg->scales[s].name));
			CK(table_setf(t, r, 1, "%zu", mg->scales[s].nitems));
			if (!privacy_shown((long)ss->n, m->min_cell) ||
			    !disclosure_group_shown(c->disc, w, g)) {
				CK(table_set(t, r, 2, few));
				continue;
			}
			CK(score_cells(t, r, 2, ss, 1));
		}
		CK(ctx_emit_rows(c, &t, rows, "Md = median, M = medelvärde, 95 % KI = "
		                              "95 % konfidensintervall för medelvärdet (t-fördelningen)."));
	}
out:
	table_free(t);
	return e;
}

/* ---- free text ------------------------------------------------------------------ */

static uf_err
quote_chapter(struct render_ctx *c)
{
	const struct model *m = c->m;
	size_t w = (size_t)m->focus;
	char buf[12000], few[64];
	uf_err e = UF_OK;

	fmt_fewer(m, few, sizeof few);
	CK(pdf_heading(c->pdf, 1, "Fritextsvar"));
	CK(pdf_paragraph(c->pdf, "Här återges fritextsvaren grupperade under sin fråga. "
	                         "När en fråga fått många svar visas ett slumpmässigt men fast urval. "
	                         "Citaten är avidentifierade: könsbestämda pronomen har blivit hen eller "
	                         "hens, namn på verksamheter och ord ur dem [verksamhet], orter [ort] och "
	                         "namn som studien listat [namn] (se Metod). Citat från grupper med för "
	                         "få svar visas inte."));
	for (size_t k = 0; k < GROUP__MAX; k++) {
		enum respondent_group g = ORDER[k];
		const struct form *f = m->groups[g].form;
		if (!model_asked(m, w, g))
			continue;
		bool header = false;
		bool shown = disclosure_group_shown(c->disc, w, g);
		for (size_t i = 0; f != NULL && i < f->nitems; i++) {
			if (f->items[i].type != ITEM_TEXT || !model_item_asked(m, w, g, i))
				continue;
			if (!header) {
				CK(pdf_heading(c->pdf, 2, group_report(g)));
				header = true;
				if (!shown) {
					if (snprintf(buf, sizeof buf, "Gruppen hade %s; inga citat "
					                              "visas.",
					        few) > 0)
						CK(pdf_paragraph(c->pdf, buf));
					break;
				}
			}
			CK(pdf_heading(c->pdf, 3, f->items[i].sv));
			long total = m->text_total[((size_t)w * GROUP__MAX + g) * FORM_MAX_ITEMS + i];
			size_t nq = 0;
			for (size_t q = 0; q < m->nquotes; q++) {
				const struct quote *qu = &m->quotes[q];
				if (qu->wave != (int)w || qu->grp != g || qu->item != i)
					continue;
				/* identical answers are printed once, with how many */
				bool seen = false;
				long same = 0;
				for (size_t p = 0; p < m->nquotes; p++) {
					const struct quote *o = &m->quotes[p];
					if (o->wave != qu->wave || o->grp != g || o->item != i ||
					    strcmp(o->text, qu->text) != 0 ||
					    strcmp(o->lang, qu->lang) != 0 ||
					    lang_quote_easy_marked(m, o) != lang_quote_easy_marked(m, qu))
						continue;
					if (p < q)
						seen = true;
					same++;
				}
				nq++;
				if (seen)
					continue;
				/* The report stays Swedish; an answer written in
				 * another language is shown as written, with its
				 * language named in Swedish (render_lang.c). */
				if (lang_quote_line(m, qu, same, pdf_text_drawable(c->pdf, qu->text),
				        buf, sizeof buf))
					CK(pdf_quote(c->pdf, buf));
				else
					CK(pdf_quote(c->pdf, qu->text));
			}
			if (nq == 0)
				CK(pdf_note(c->pdf, "Inga svar."));
			else if ((long)nq < total) {
				if (snprintf(buf, sizeof buf, "Urval: %zu av %ld svar.", nq, total) > 0)
					CK(pdf_note(c->pdf, buf));
			}
		}
	}
out:
	return e;
}

uf_err
render_delrapport(const struct model *m, const struct render_opts *o, char *msg,
    size_t msglen)
{
	struct render_ctx c;
	struct between bt = { NULL, 0, 0 };
	char sub[200], l1[200], l2[200], l3[200], l4[300], footer[300];
	const char *lines[4] = { l1, l2, l3, l4 };
	uf_err e;
	const struct model_wave *wv = &m->waves[m->focus];

	if (snprintf(sub, sizeof sub, "Delrapport – mätningen %d månader efter "
	                              "projektstart",
	        wv->months) < 0 ||
	    snprintf(l1, sizeof l1, "Mätning: %d månader", wv->months) < 0 ||
	    snprintf(l2, sizeof l2, "Enkäten öppen: %s – %s%s", wv->opens, wv->closes,
	        wv->closed ? "" : " (pågår)") < 0 ||
	    snprintf(l3, sizeof l3, "Rapporten skapad: %s", o->today) < 0 ||
	    snprintf(l4, sizeof l4, "Projektstart: %s · Studie: %s", m->start_date,
	        m->slug) < 0 ||
	    snprintf(footer, sizeof footer, "Delrapport %d månader", wv->months) < 0)
		return UF_EINTERNAL;
	CK(ctx_open(&c, m, o, sub, lines, 4, msg, msglen));
	CK(between_collect(&c, (size_t)m->focus, &bt));
	progress(&c, "sammanfattning och metod");
	CK(summary(&c, &bt));
	CK(qual_front(&c));
	CK(method(&c, &bt));
	CK(qual_ethics(&c));
	CK(qual_results(&c));
	CK(theme_chapters(&c));
	CK(between_chapter(&c, &bt));
	CK(scale_chapter(&c));
	CK(lang_scales(&c));
	CK(render_numeric_wave(&c));
	progress(&c, "fritextsvar");
	CK(quote_chapter(&c));
	CK(qual_back(&c));
	e = ctx_close(&c, footer, msg, msglen);
	free(bt.v);
	return e;
out:
	ctx_abort(&c, msg, msglen);
	free(bt.v);
	return e;
}
