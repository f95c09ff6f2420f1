/* SPDX-License-Identifier: ISC
 * The slutrapport: every wave side by side and the change between the first
 * and the last wave an item or scale was asked in. Paired (Wilcoxon
 * signed-rank, Pratt's zero handling) when enough participants answered in
 * both waves, otherwise unpaired (Mann-Whitney U); each row says which.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "privacy.h"
#include "render.h"

#define CK(expr) do { if ((e = (expr)) != UF_OK) goto out; } while (0)
#define TABLE_OOM(t) do { if ((t) == NULL) { e = UF_ENOMEM; goto out; } } while (0)
#define MAX_CHANGES 2048

static const enum respondent_group ORDER[GROUP__MAX] = {
	GROUP_CHEF, GROUP_PERSONAL, GROUP_PEER, GROUP_PATIENT,
};

/* One comparison between two waves. */
struct change {
	enum respondent_group g;
	const char *what;            /* item text or scale name */
	bool scale;
	size_t item;                 /* the item, when not a scale */
	int w1, w2;
	bool paired;
	struct stats_test t;
	double m1, m2;               /* means in the two waves */
	long n1, n2;
};

struct slut {
	struct render_ctx c;
	struct change *ch;
	size_t nch;
	char few[64];                /* "färre än N svar", for bar notes */
};

static int
cmp_change(const void *a, const void *b)
{
	double x = fabs(((const struct change *)a)->t.r);
	double y = fabs(((const struct change *)b)->t.r);
	return (x < y) - (x > y);
}

/* ---- comparisons --------------------------------------------------------- */

static void
item_change(const struct model *m, enum respondent_group g, size_t i,
    struct change *out)
{
	const struct pair_table *pt = &m->groups[g].pairs[i];
	const struct item_counts *a = model_counts(m, (size_t)pt->w1, g, i);
	const struct item_counts *b = model_counts(m, (size_t)pt->w2, g, i);
	struct stats_summary s1, s2;

	memset(out, 0, sizeof *out);
	out->g = g;
	out->what = m->groups[g].form->items[i].sv;
	out->item = i;
	out->w1 = pt->w1;
	out->w2 = pt->w2;
	stats_summary_counts(a->v, 5, 1, &s1);
	stats_summary_counts(b->v, 5, 1, &s2);
	out->m1 = s1.mean;
	out->m2 = s2.mean;
	out->n1 = a->n;
	out->n2 = b->n;
	if (pt->npairs >= m->min_cell && pt->npairs >= 2) {
		long d[9] = { 0 };
		for (int x = 0; x < 5; x++)
			for (int y = 0; y < 5; y++)
				d[y - x + 4] += pt->c[x][y];
		out->paired = true;
		stats_wilcoxon_counts(d, 4, STATS_ZERO_PRATT, &out->t);
	} else {
		stats_mann_whitney_counts(a->v, b->v, 5, &out->t);
	}
}

static int
cmp_score(const void *a, const void *b)
{
	long long x = ((const struct score *)a)->participant;
	long long y = ((const struct score *)b)->participant;
	return (x > y) - (x < y);
}

static uf_err
scale_change(const struct model *m, enum respondent_group g, size_t s, int w1,
    int w2, struct change *out)
{
	const struct model_group *mg = &m->groups[g];
	const struct score_set *a = &mg->scores[s][w1], *b = &mg->scores[s][w2];
	struct score *sa = NULL, *sb = NULL;
	double *d = NULL, *x = NULL, *y = NULL;
	size_t nd = 0;
	uf_err e = UF_ENOMEM;
	struct stats_summary s1, s2;

	memset(out, 0, sizeof *out);
	out->g = g;
	out->what = mg->scales[s].name;
	out->scale = true;
	out->w1 = w1;
	out->w2 = w2;
	sa = malloc((a->n + 1) * sizeof *sa);
	sb = malloc((b->n + 1) * sizeof *sb);
	d = malloc((a->n + 1) * sizeof *d);
	x = malloc((a->n + 1) * sizeof *x);
	y = malloc((b->n + 1) * sizeof *y);
	if (!sa || !sb || !d || !x || !y)
		goto out;
	memcpy(sa, a->s, a->n * sizeof *sa);
	memcpy(sb, b->s, b->n * sizeof *sb);
	qsort(sa, a->n, sizeof *sa, cmp_score);
	qsort(sb, b->n, sizeof *sb, cmp_score);
	for (size_t i = 0, j = 0; i < a->n && j < b->n;) {
		if (sa[i].participant < sb[j].participant)
			i++;
		else if (sa[i].participant > sb[j].participant)
			j++;
		else
			d[nd++] = sb[j++].value - sa[i++].value;
	}
	for (size_t i = 0; i < a->n; i++)
		x[i] = a->s[i].value;
	for (size_t i = 0; i < b->n; i++)
		y[i] = b->s[i].value;
	if ((long)nd >= m->min_cell && nd >= 2) {
		out->paired = true;
		e = stats_wilcoxon(d, nd, STATS_ZERO_PRATT, &out->t);
	} else {
		e = stats_mann_whitney(x, a->n, y, b->n, &out->t);
	}
	if (e != UF_OK)
		goto out;
	stats_summary_values(x, a->n, &s1);
	stats_summary_values(y, b->n, &s2);
	out->m1 = s1.mean;
	out->m2 = s2.mean;
	out->n1 = (long)a->n;
	out->n2 = (long)b->n;
out:
	free(sa);
	free(sb);
	free(d);
	free(x);
	free(y);
	return e;
}

/* Whether a comparison may be printed: both waves' groups and both sides
 * over the limit. */
static bool
change_shown(const struct model *m, const struct change *c)
{
	if (!privacy_shown(model_respondents(m, (size_t)c->w1, c->g), m->min_cell) ||
	    !privacy_shown(model_respondents(m, (size_t)c->w2, c->g), m->min_cell))
		return false;
	if (c->paired)
		return privacy_shown(c->t.n, m->min_cell);
	return privacy_shown(c->n1, m->min_cell) && privacy_shown(c->n2, m->min_cell);
}

/* Whether the means behind a change may be printed: an item's means only
 * where both waves' distributions are shown in full (a merged or withheld
 * distribution hides its mean, which would otherwise split the merge). */
static bool
change_means_shown(const struct slut *S, const struct change *c)
{
	return c->scale ||
	    (disclosure_item(S->c.disc, (size_t)c->w1, c->g, c->item)->row == DISC_ROW_FULL &&
	    disclosure_item(S->c.disc, (size_t)c->w2, c->g, c->item)->row == DISC_ROW_FULL);
}

static uf_err
change_row(struct slut *S, struct table *t, const struct change *c)
{
	const struct model *m = S->c.m;
	char cell[64], few[64];
	size_t r;
	uf_err e;

	fmt_fewer(m, few, sizeof few);
	CK(table_row(t, TABLE_ROW_BODY, &r));
	CK(table_set(t, r, 0, c->what));
	CK(table_setf(t, r, 1, "%d–%d", m->waves[c->w1].months, m->waves[c->w2].months));
	if (!change_shown(m, c)) {
		CK(table_set(t, r, 2, few));
		goto out;
	}
	CK(table_set(t, r, 2, c->paired ? "Parad (Wilcoxon)" : "Oparad (Mann–Whitney U)"));
	if (c->paired)
		CK(table_setf(t, r, 3, "%ld par", c->t.n));
	else
		CK(table_setf(t, r, 3, "%ld + %ld", c->n1, c->n2));
	fmt_dec(c->m2 - c->m1, 2, cell, sizeof cell);
	if (!change_means_shown(S, c)) {
		CK(table_set(t, r, 4, "·"));
	} else if (!isnan(c->m2 - c->m1) && c->m2 - c->m1 > 0.005) {
		char plus[72];
		if (snprintf(plus, sizeof plus, "+%s", cell) > 0)
			CK(table_set(t, r, 4, plus));
	} else {
		CK(table_set(t, r, 4, cell));
	}
	fmt_dec(c->t.valid ? c->t.z : NAN, 2, cell, sizeof cell);
	CK(table_set(t, r, 5, cell));
	fmt_p(c->t.valid ? c->t.p : NAN, cell, sizeof cell);
	CK(table_set(t, r, 6, cell));
	fmt_dec(c->t.valid ? c->t.r : NAN, 2, cell, sizeof cell);
	CK(table_set(t, r, 7, cell));
	if (S->nch < MAX_CHANGES && c->t.valid)
		S->ch[S->nch++] = *c;
out:
	return e;
}

static uf_err
change_table_cols(struct table *t, const char *first)
{
	uf_err e;
	CK(table_col(t, first, 4.2, TABLE_LEFT));
	CK(table_col(t, "Mån", 1.1, TABLE_LEFT));
	CK(table_col(t, "Analys", 2.9, TABLE_LEFT));
	CK(table_col(t, "n", 1.2, TABLE_RIGHT));
	CK(table_col(t, "Δ M", 1.0, TABLE_RIGHT));
	CK(table_col(t, "Z", 1.0, TABLE_RIGHT));
	CK(table_col(t, "p", 1.35, TABLE_RIGHT));
	CK(table_col(t, "r", 1.0, TABLE_RIGHT));
out:
	return e;
}

static const char CHANGE_NOTE[] = "Jämförelse mellan första och sista mätningen "
    "där frågan ställdes. Parad: Wilcoxons teckenrangtest för dem som svarat vid "
    "båda mätningarna (n = antal par; nollskillnader enligt Pratt). Oparad: "
    "Mann–Whitney U mellan alla svar vid de två mätningarna (n = antal svar vid "
    "varje mätning). Z och p från normalapproximationen med korrektion för lika "
    "värden; r = Z/√n är effektstorleken (positiv = högre vid den senare "
    "mätningen; 0,1 liten, 0,3 medel, 0,5 stor). p-värdena är inte justerade för "
    "många jämförelser. Δ M = medelvärdet vid den senare mätningen minus det "
    "vid den första.";

/* ---- per group and theme ------------------------------------------------------ */

static uf_err
dist_row(struct slut *S, struct table *t, enum respondent_group g, size_t w,
    size_t i, struct pdf_divbar_row *dr)
{
	const struct model *m = S->c.m;
	const struct item_counts *ic = model_counts(m, w, g, i);
	char cell[64], lo[32], hi[32], few[64];
	size_t r;
	uf_err e;

	fmt_fewer(m, few, sizeof few);
	CK(table_row(t, TABLE_ROW_BODY, &r));
	CK(table_setf(t, r, 0, "%d månader", m->waves[w].months));
	const struct disc_item *di = disclosure_item(S->c.disc, w, g, i);
	if (di->row == DISC_ROW_FEW) {
		CK(table_setf(t, r, 0, "%d månader (%s)", m->waves[w].months, few));
		for (size_t k = 1; k < 11; k++)
			CK(table_set(t, r, k, "–"));
		dr->hidden = true;
		dr->note = S->few;
		goto out;
	}
	struct stats_summary s;
	bool stats;
	stats_summary_counts(ic->v, 5, 1, &s);
	CK(likert_cells(&S->c, t, r, 1, ic, di, dr, &stats));
	if (!stats) {
		for (size_t k = 8; k < 11; k++)
			CK(table_set(t, r, k, "·"));
		goto out;
	}
	fmt_dec(s.median, 1, cell, sizeof cell);
	CK(table_set(t, r, 8, cell));
	fmt_dec(s.mean, 2, cell, sizeof cell);
	CK(table_set(t, r, 9, cell));
	fmt_dec(s.ci_lo, 2, lo, sizeof lo);
	fmt_dec(s.ci_hi, 2, hi, sizeof hi);
	if (snprintf(cell, sizeof cell, "%s – %s", lo, hi) < 0)
		cell[0] = '\0';
	CK(table_set(t, r, 10, s.has_ci ? cell : "–"));
out:
	return e;
}

static uf_err
group_theme(struct slut *S, enum respondent_group g, const struct model_theme *th)
{
	const struct model *m = S->c.m;
	const struct form *f = m->groups[g].form;
	struct table *t = NULL;
	struct pdf_divbar_row *rows = NULL;
	char **labels = NULL;
	size_t nrows = 0, nitems = 0;
	char cap[400], fig[420];
	uf_err e = UF_OK;

	for (size_t i = 0; i < f->nitems; i++)
		if (f->items[i].type == ITEM_LIKERT5 &&
		    strcmp(f->themes[f->items[i].theme].id, th->id) == 0)
			nitems++;
	if (nitems == 0)
		return UF_OK;
	rows = calloc(nitems * m->nwaves, sizeof *rows);
	labels = calloc(nitems * m->nwaves, sizeof *labels);
	if (rows == NULL || labels == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	if (snprintf(cap, sizeof cap, "%s", privacy_group_label(g)) < 0)
		cap[0] = '\0';
	CK(pdf_heading(S->c.pdf, 2, cap));
	if (snprintf(cap, sizeof cap, "%s – %s: svar per mätning", th->sv,
	    privacy_group_label(g)) < 0)
		cap[0] = '\0';
	t = ctx_table(&S->c, cap);
	TABLE_OOM(t);
	CK(table_col(t, "Påstående / mätning", 2.6, TABLE_LEFT));
	CK(table_col(t, "n", 0.7, TABLE_RIGHT));
	for (int v = 0; v < 5; v++)
		CK(table_col(t, LIKERT_SHORT[v], 1.2, TABLE_RIGHT));
	CK(table_col(t, "Vet ej", 0.8, TABLE_RIGHT));
	CK(table_col(t, "Md", 0.7, TABLE_RIGHT));
	CK(table_col(t, "M", 0.8, TABLE_RIGHT));
	CK(table_col(t, "95 % KI", 1.6, TABLE_RIGHT));
	for (size_t i = 0; i < f->nitems; i++) {
		const struct form_item *it = &f->items[i];
		if (it->type != ITEM_LIKERT5 || strcmp(f->themes[it->theme].id, th->id) != 0)
			continue;
		size_t r, asked = 0, nasked = 0, only = 0;
		for (size_t w = 0; w < m->nwaves; w++)
			if (model_item_asked(m, w, g, i)) {
				nasked++;
				only = w;
			}
		CK(table_row(t, TABLE_ROW_SUBHEAD, &r));
		if (nasked == 1)
			CK(table_setf(t, r, 0, "%s (ställd bara vid %d månader)", it->sv,
			    m->waves[only].months));
		else
			CK(table_set(t, r, 0, it->sv));
		for (size_t w = 0; w < m->nwaves; w++) {
			if (!model_item_asked(m, w, g, i))
				continue;
			/* the table row and its bar */
			const struct item_counts *ic = model_counts(m, w, g, i);
			struct pdf_divbar_row *dr = &rows[nrows];
			char lab[600];
			int k = asked == 0 ? snprintf(lab, sizeof lab, "%s (%d mån)", it->sv,
			    m->waves[w].months) : snprintf(lab, sizeof lab, "%d mån",
			    m->waves[w].months);
			if (k < 0)
				lab[0] = '\0';
			labels[nrows] = strdup(lab);
			if (labels[nrows] == NULL) {
				e = UF_ENOMEM;
				goto out;
			}
			dr->label = labels[nrows];
			dr->n = ic->n;
			CK(dist_row(S, t, g, w, i, dr));
			nrows++;
			asked++;
		}
	}
	{
		char note[1200];
		if (snprintf(note, sizeof note, "Procent av dem som svarat 1–5; Vet ej = "
		    "antal ”Vet ej / ej aktuellt”, som inte ingår i n, procent, median (Md) "
		    "eller medelvärde (M). 95 %% KI = konfidensintervall för medelvärdet. %s",
		    likert_disclosure_note(&S->c)) < 0)
			note[0] = '\0';
		CK(table_note(t, note));
	}
	CK(ctx_emit(&S->c, &t));
	if (snprintf(cap, sizeof cap, "%s – %s: fördelning per mätning", th->sv,
	    privacy_group_label(g)) < 0)
		cap[0] = '\0';
	if (divbars_any(rows, nrows)) {
		ctx_figure(&S->c, cap, fig, sizeof fig);
		CK(pdf_divbars(S->c.pdf, fig, LIKERT_LONG, rows, nrows));
	}

	/* the change table */
	if (snprintf(cap, sizeof cap, "%s – %s: förändring", th->sv,
	    privacy_group_label(g)) < 0)
		cap[0] = '\0';
	t = ctx_table(&S->c, cap);
	TABLE_OOM(t);
	CK(change_table_cols(t, "Påstående"));
	size_t nchg = 0;
	for (size_t i = 0; i < f->nitems; i++) {
		if (f->items[i].type != ITEM_LIKERT5 ||
		    strcmp(f->themes[f->items[i].theme].id, th->id) != 0 ||
		    !m->groups[g].pairs[i].wanted)
			continue;
		struct change c;
		item_change(m, g, i, &c);
		CK(change_row(S, t, &c));
		nchg++;
	}
	CK(ctx_emit_rows(&S->c, &t, nchg, CHANGE_NOTE));
out:
	table_free(t);
	if (labels != NULL)
		for (size_t k = 0; k < nrows; k++)
			free(labels[k]);
	free(labels);
	free(rows);
	return e;
}

static uf_err
trend_chart(struct slut *S, const struct model_theme *th)
{
	const struct model *m = S->c.m;
	struct pdf_trend_series ser[GROUP__MAX];
	int months[PDF_TREND_MAX_X];
	size_t ns = 0, nx = m->nwaves < PDF_TREND_MAX_X ? m->nwaves : PDF_TREND_MAX_X;
	char cap[300], fig[320];
	uf_err e = UF_OK;

	for (size_t w = 0; w < nx; w++)
		months[w] = m->waves[w].months;
	for (size_t k = 0; k < GROUP__MAX; k++) {
		enum respondent_group g = ORDER[k];
		const struct model_group *mg = &m->groups[g];
		for (size_t s = 0; s < mg->nscales; s++) {
			if (!mg->scales[s].theme || strcmp(mg->scales[s].id, th->id) != 0)
				continue;
			struct pdf_trend_series *se = &ser[ns];
			se->name = privacy_group_label(g);
			bool any = false;
			for (size_t w = 0; w < nx; w++) {
				const struct score_set *ss = &mg->scores[s][w];
				se->mean[w] = se->lo[w] = se->hi[w] = NAN;
				if (!privacy_shown((long)ss->n, m->min_cell) ||
				    !disclosure_group_shown(S->c.disc, w, g))
					continue;
				struct stats_summary st;
				CK(score_summary(ss, &st));
				se->mean[w] = st.mean;
				se->lo[w] = st.has_ci ? st.ci_lo : NAN;
				se->hi[w] = st.has_ci ? st.ci_hi : NAN;
				any = true;
			}
			if (any)
				ns++;
		}
	}
	if (ns == 0)
		goto out;
	if (snprintf(cap, sizeof cap, "%s: medelvärde per grupp och mätning "
	    "(95 %% KI)", th->sv) < 0)
		cap[0] = '\0';
	ctx_figure(&S->c, cap, fig, sizeof fig);
	CK(pdf_trend(S->c.pdf, fig, months, nx, ser, ns));
	CK(pdf_note(S->c.pdf, "Temapoäng: varje svarandes medelvärde av temats "
	    "påståenden som ställdes vid alla mätningar (minst hälften besvarade). "
	    "Grupper och mätningar med för få svar saknar punkt."));
out:
	return e;
}

static uf_err
theme_chapters(struct slut *S)
{
	const struct model *m = S->c.m;
	uf_err e = UF_OK;
	for (size_t t = 0; t < m->nthemes; t++) {
		const struct model_theme *th = &m->themes[t];
		progress(&S->c, th->sv);
		CK(pdf_heading(S->c.pdf, 1, th->sv));
		CK(trend_chart(S, th));
		for (size_t k = 0; k < GROUP__MAX; k++) {
			enum respondent_group g = ORDER[k];
			const struct form *f = m->groups[g].form;
			bool has = false;
			for (size_t i = 0; f != NULL && i < f->nthemes; i++)
				has |= strcmp(f->themes[i].id, th->id) == 0;
			if (has)
				CK(group_theme(S, g, th));
		}
	}
out:
	return e;
}

/* ---- scales ---------------------------------------------------------------------- */

static uf_err
scale_chapter(struct slut *S)
{
	const struct model *m = S->c.m;
	struct table *t = NULL;
	char cap[300], few[64];
	uf_err e = UF_OK;
	bool any = false;

	fmt_fewer(m, few, sizeof few);
	for (size_t g = 0; g < GROUP__MAX; g++)
		for (size_t s = 0; s < m->groups[g].nscales; s++)
			any |= !m->groups[g].scales[s].theme;
	if (!any)
		return UF_OK;
	CK(pdf_heading(S->c.pdf, 1, "Skalor"));
	CK(pdf_paragraph(S->c.pdf, "Skalpoängen sammanfattar flera påståenden om samma "
	    "sak (omvända frågor vända så att högt alltid är positivt) och följs här "
	    "över mätningarna."));
	for (size_t k = 0; k < GROUP__MAX; k++) {
		enum respondent_group g = ORDER[k];
		const struct model_group *mg = &m->groups[g];
		size_t own = 0;
		for (size_t s = 0; s < mg->nscales; s++)
			own += !mg->scales[s].theme;
		if (own == 0)
			continue;
		CK(pdf_heading(S->c.pdf, 2, privacy_group_label(g)));
		if (snprintf(cap, sizeof cap, "Skalpoäng per mätning – %s",
		    privacy_group_label(g)) < 0)
			cap[0] = '\0';
		t = ctx_table(&S->c, cap);
		TABLE_OOM(t);
		CK(table_col(t, "Skala / mätning", 5, TABLE_LEFT));
		CK(table_col(t, "n", 1, TABLE_RIGHT));
		CK(table_col(t, "Md", 1, TABLE_RIGHT));
		CK(table_col(t, "M", 1, TABLE_RIGHT));
		CK(table_col(t, "95 % KI", 2, TABLE_RIGHT));
		for (size_t s = 0; s < mg->nscales; s++) {
			if (mg->scales[s].theme)
				continue;
			size_t r;
			CK(table_row(t, TABLE_ROW_SUBHEAD, &r));
			CK(table_set(t, r, 0, mg->scales[s].name));
			for (size_t w = 0; w < m->nwaves; w++) {
				if (!model_asked(m, w, g))
					continue;
				const struct score_set *ss = &mg->scores[s][w];
				CK(table_row(t, TABLE_ROW_BODY, &r));
				CK(table_setf(t, r, 0, "%d månader", m->waves[w].months));
				if (!privacy_shown((long)ss->n, m->min_cell) ||
				    !disclosure_group_shown(S->c.disc, w, g)) {
					CK(table_set(t, r, 1, few));
					continue;
				}
				CK(score_cells(t, r, 1, ss, 2));
			}
		}
		CK(ctx_emit(&S->c, &t));
		/* change per scale */
		if (snprintf(cap, sizeof cap, "Förändring i skalpoäng – %s",
		    privacy_group_label(g)) < 0)
			cap[0] = '\0';
		t = ctx_table(&S->c, cap);
		TABLE_OOM(t);
		CK(change_table_cols(t, "Skala"));
		int w1 = -1, w2 = -1;
		for (size_t w = 0; w < m->nwaves; w++)
			if (model_asked(m, w, g)) {
				if (w1 < 0)
					w1 = (int)w;
				w2 = (int)w;
			}
		size_t nchg = 0;
		for (size_t s = 0; w1 >= 0 && w1 < w2 && s < mg->nscales; s++) {
			if (mg->scales[s].theme)
				continue;
			struct change c;
			CK(scale_change(m, g, s, w1, w2, &c));
			CK(change_row(S, t, &c));
			nchg++;
		}
		CK(ctx_emit_rows(&S->c, &t, nchg, CHANGE_NOTE));
	}
out:
	table_free(t);
	return e;
}

/* ---- Sammanfattning and Metod ----------------------------------------------------- */

static uf_err
participation_table(struct slut *S)
{
	const struct model *m = S->c.m;
	struct table *t = NULL;
	char cell[64], few[64];
	uf_err e = UF_OK;

	fmt_fewer(m, few, sizeof few);
	t = ctx_table(&S->c, "Svarande per grupp och mätning (svarsfrekvens i procent)");
	TABLE_OOM(t);
	CK(table_col(t, "Grupp", 3, TABLE_LEFT));
	for (size_t w = 0; w < m->nwaves; w++) {
		char h[32];
		if (snprintf(h, sizeof h, "%d mån", m->waves[w].months) < 0)
			h[0] = '\0';
		CK(table_col(t, h, 1.6, TABLE_RIGHT));
	}
	for (size_t k = 0; k < GROUP__MAX; k++) {
		enum respondent_group g = ORDER[k];
		if (!m->groups[g].present)
			continue;
		size_t r;
		CK(table_row(t, TABLE_ROW_BODY, &r));
		CK(table_set(t, r, 0, privacy_group_label(g)));
		for (size_t w = 0; w < m->nwaves; w++) {
			long n = model_respondents(m, w, g), inv = model_invited(m, w, g);
			if (!model_asked(m, w, g)) {
				CK(table_set(t, r, w + 1, "ej tillfrågade"));
			} else if (!disclosure_group_shown(S->c.disc, w, g)) {
				CK(table_set(t, r, w + 1, n == 0 ? "0" : "–"));
			} else {
				fmt_pct(n, inv, cell, sizeof cell);
				CK(table_setf(t, r, w + 1, "%ld (%s %%)", n, cell));
			}
		}
	}
	{
		char note[300];
		if (snprintf(note, sizeof note, "– = %s. Svarsfrekvens: andel av dem som "
		    "tillfrågades (fått kod, tagit ställning till samtycket eller börjat "
		    "svara).", few) > 0)
			CK(table_note(t, note));
	}
	CK(ctx_emit(&S->c, &t));
out:
	table_free(t);
	return e;
}

static uf_err
method(struct slut *S)
{
	const struct model *m = S->c.m;
	char buf[1600];
	uf_err e;

	CK(pdf_heading(S->c.pdf, 1, "Metod"));
	CK(pdf_paragraph(S->c.pdf, "Utvärderingen följer samma grupper vid flera "
	    "mätningar: chefer, personal och peer supporters vid varje mätning och "
	    "patienter/brukare från 24 månader. Varje deltagare har en pseudonym "
	    "panelkod, så att svar från samma person vid två mätningar kan jämföras "
	    "utan att personen är känd för utvärderarna."));
	CK(pdf_heading(S->c.pdf, 2, "Jämförelser över tid"));
	CK(pdf_paragraph(S->c.pdf, "För varje påstående och skala jämförs den första "
	    "och den sista mätningen där det ställdes (för patienter/brukare 24 och "
	    "36 månader). När tillräckligt många svarat vid båda mätningarna används "
	    "en parad analys: Wilcoxons teckenrangtest på skillnaden för varje "
	    "person, där nollskillnader hanteras enligt Pratt (de rangordnas men "
	    "räknas inte in i rangsumman). Annars jämförs alla svar vid de två "
	    "mätningarna som oberoende grupper med Mann–Whitney U. Tabellerna anger "
	    "alltid vilken analys som använts. Båda testen använder normal"
	    "approximationen med korrektion för lika värden; effektstorleken "
	    "r = Z/√n (n = antal par, eller antal svar totalt) redovisas eftersom "
	    "p-värden med många jämförelser lätt överskattar skillnader."));
	int k;
	CK(pdf_paragraph(S->c.pdf, "Fördelningar redovisas i procent av dem som "
	    "svarat 1–5; ”Vet ej / ej aktuellt” ingår inte. Medelvärden har 95 % "
	    "konfidensintervall från t-fördelningen. Frågor som bara ställts vid en "
	    "mätning redovisas utan jämförelse. Där fördelningen vid någon av de "
	    "jämförda mätningarna är sammanslagen eller inte redovisas visas inte "
	    "Δ M (·), och förändringen nämns inte i sammanfattningen."));
	CK(disclosure_method(&S->c));
	/* Revised questionnaires, so a reader knows what was compared. */
	for (int g = 0; g < GROUP__MAX; g++) {
		if (m->groups[g].versions[0] == '\0')
			continue;
		char who[40];
		snprintf(who, sizeof who, "%s", privacy_group_label((enum respondent_group)g));
		who[0] = (char)tolower((unsigned char)who[0]);   /* "Chefer" -> "chefer" */
		k = snprintf(buf, sizeof buf, "Enkäten för %s ändrades under "
		    "utvärderingen: %s. Frågor som finns i flera versioner jämförs "
		    "över tid; frågor som bara fanns i en version redovisas för de "
		    "mätningar där de ställdes.", who, m->groups[g].versions);
		if (k > 0 && (size_t)k < sizeof buf)
			CK(pdf_paragraph(S->c.pdf, buf));
	}
out:
	return e;
}

static uf_err
summary(struct slut *S)
{
	const struct model *m = S->c.m;
	char buf[1600], d[32], r[32], a[32], b[32];
	uf_err e = UF_OK;

	CK(pdf_heading(S->c.pdf, 1, "Sammanfattning"));
	/* the total of the printed group sizes only: with a hidden group in it,
	 * total minus the printed ones would give the hidden one away */
	bool all_shown = true;
	for (size_t w = 0; w < m->nwaves; w++)
		for (int g = 0; g < GROUP__MAX; g++)
			all_shown &= !model_asked(m, w, (enum respondent_group)g) ||
			    disclosure_group_shown(S->c.disc, w, (enum respondent_group)g);
	int k = snprintf(buf, sizeof buf, "Slutrapporten sammanställer %zu mätningar "
	    "(%d till %d månader efter projektstart) med sammanlagt %ld inskickade "
	    "enkätsvar%s och beskriver hur uppfattningarna om peer support har "
	    "förändrats över tid.", m->nwaves, m->nwaves ? m->waves[0].months : 0,
	    m->nwaves ? m->waves[m->nwaves - 1].months : 0, S->c.disc->shown_all,
	    all_shown ? "" : " i de grupper som redovisas");
	if (k > 0 && (size_t)k < sizeof buf)
		CK(pdf_paragraph(S->c.pdf, buf));
	CK(participation_table(S));
	CK(pdf_heading(S->c.pdf, 2, "De största förändringarna"));
	qsort(S->ch, S->nch, sizeof *S->ch, cmp_change);
	size_t shown = 0;
	for (size_t i = 0; i < S->nch && shown < 8; i++) {
		const struct change *c = &S->ch[i];
		if (!(c->t.p < 0.05) || !change_shown(m, c) || !change_means_shown(S, c))
			continue;
		fmt_dec(c->m1, 2, a, sizeof a);
		fmt_dec(c->m2, 2, b, sizeof b);
		fmt_dec(c->t.r, 2, r, sizeof r);
		fmt_p(c->t.p, d, sizeof d);
		char nn[48];
		if ((c->paired ? snprintf(nn, sizeof nn, "%ld par", c->t.n) :
		    snprintf(nn, sizeof nn, "%ld + %ld svar", c->n1, c->n2)) < 0)
			nn[0] = '\0';
		k = snprintf(buf, sizeof buf, "%s%s: ”%s” %s från M %s (%d mån) till "
		    "M %s (%d mån); %s (%s, %s), r = %s, p %s%s.",
		    privacy_group_label(c->g), c->scale ? " (skala)" : "", c->what,
		    c->m2 >= c->m1 ? "ökade" : "minskade", a, m->waves[c->w1].months, b,
		    m->waves[c->w2].months, c->paired ? "parad analys" : "oparad analys",
		    c->paired ? "Wilcoxon" : "Mann–Whitney U", nn, r,
		    d[0] == '<' ? "" : "= ", d);
		if (k > 0 && (size_t)k < sizeof buf)
			CK(pdf_bullet(S->c.pdf, buf));
		shown++;
	}
	if (shown == 0)
		CK(pdf_paragraph(S->c.pdf, "Ingen jämförelse visade en statistiskt säker "
		    "förändring (p < 0,05)."));
	else
		CK(pdf_note(S->c.pdf, "Urval: de förändringar med störst effektstorlek "
		    "|r| bland dem med p < 0,05. Alla jämförelser finns i temakapitlen."));
out:
	return e;
}

/* The summary comes first but ranks every comparison, so they are all
 * computed before any page is laid out. */
static uf_err
collect_changes(struct slut *S)
{
	const struct model *m = S->c.m;
	uf_err e = UF_OK;
	for (size_t k = 0; k < GROUP__MAX; k++) {
		enum respondent_group g = ORDER[k];
		const struct form *f = m->groups[g].form;
		for (size_t i = 0; f != NULL && i < f->nitems; i++) {
			if (f->items[i].type != ITEM_LIKERT5 || !m->groups[g].pairs[i].wanted)
				continue;
			struct change c;
			item_change(m, g, i, &c);
			if (c.t.valid && S->nch < MAX_CHANGES)
				S->ch[S->nch++] = c;
		}
		const struct model_group *mg = &m->groups[g];
		int w1 = -1, w2 = -1;
		for (size_t w = 0; w < m->nwaves; w++)
			if (model_asked(m, w, g)) {
				if (w1 < 0)
					w1 = (int)w;
				w2 = (int)w;
			}
		for (size_t s = 0; w1 >= 0 && w1 < w2 && s < mg->nscales; s++) {
			if (mg->scales[s].theme)
				continue;
			struct change c;
			CK(scale_change(m, g, s, w1, w2, &c));
			if (c.t.valid && S->nch < MAX_CHANGES)
				S->ch[S->nch++] = c;
		}
	}
out:
	return e;
}

uf_err
render_slutrapport(const struct model *m, const struct render_opts *o, char *msg,
    size_t msglen)
{
	struct slut S;
	char sub[200], l1[200], l2[200], l3[300];
	const char *lines[3] = { l1, l2, l3 };
	uf_err e;

	memset(&S, 0, sizeof S);
	S.ch = calloc(MAX_CHANGES, sizeof *S.ch);
	if (S.ch == NULL)
		return UF_ENOMEM;
	struct buf_months {
		char s[120];
	} ms = { "" };
	size_t off = 0;
	for (size_t w = 0; w < m->nwaves; w++) {
		int k = snprintf(ms.s + off, sizeof ms.s - off, "%s%d", w == 0 ? "" :
		    w + 1 == m->nwaves ? " och " : ", ", m->waves[w].months);
		if (k < 0 || (size_t)k >= sizeof ms.s - off)
			break;
		off += (size_t)k;
	}
	if (snprintf(sub, sizeof sub, "Slutrapport – förändring över tid") < 0 ||
	    snprintf(l1, sizeof l1, "Mätningar: %s månader efter projektstart", ms.s) < 0 ||
	    snprintf(l2, sizeof l2, "Rapporten skapad: %s", o->today) < 0 ||
	    snprintf(l3, sizeof l3, "Projektstart: %s · Studie: %s", m->start_date,
	    m->slug) < 0) {
		free(S.ch);
		return UF_EINTERNAL;
	}
	S.c.m = m;
	S.c.o = o;
	fmt_fewer(m, S.few, sizeof S.few);
	e = collect_changes(&S);
	if (e != UF_OK) {
		free(S.ch);
		return e;
	}
	CK(ctx_open(&S.c, m, o, sub, lines, 3, msg, msglen));
	progress(&S.c, "sammanfattning och metod");
	CK(summary(&S));
	/* the chapters below add their rows again; the summary is done */
	S.nch = 0;
	CK(method(&S));
	CK(theme_chapters(&S));
	CK(scale_chapter(&S));
	e = ctx_close(&S.c, "Slutrapport", msg, msglen);
	free(S.ch);
	return e;
out:
	ctx_abort(&S.c, msg, msglen);
	free(S.ch);
	return e;
}
