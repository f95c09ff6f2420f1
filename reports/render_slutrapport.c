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
#include "compare.h"
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
#define MAX_CHANGES 2048
#define MAX_SUMMARY 8

static const enum respondent_group ORDER[GROUP__MAX] = {
	GROUP_CHEF,
	GROUP_PERSONAL,
	GROUP_PEER,
	GROUP_PATIENT,
};

/* How a change between two waves is reported. */
enum change_kind {
	CHANGE_PAIRED,      /* the pairs: Wilcoxon, ΔM and its CI */
	CHANGE_DESCRIPTIVE, /* too few pairs: both waves' means, no test */
	CHANGE_KIND__MAX
};

/* One comparison between two waves. Paired: every figure (M at each wave,
 * ΔM, its CI, the test) comes from the participants who answered in both.
 * Descriptive: the two waves' means of all answers, never tested, because
 * the two samples share people and are not independent. */
struct change {
	enum respondent_group g;
	const char *what; /* item text or scale name */
	bool scale;
	size_t index;  /* item or scale index in the group */
	bool reversed; /* a negatively worded item */
	int w1, w2;
	enum change_kind kind;
	struct stats_test t;        /* paired only */
	double p_holm;              /* NAN: not in the family of tests */
	struct stats_summary d;     /* paired: the differences (ΔM, its CI) */
	double m1, m2;              /* means in the two waves (see above) */
	long sign[DISC_DIRECTIONS]; /* paired: pairs that went down, same, up */
	long n1, n2;                /* descriptive: answers in each wave */
};

struct slut {
	struct render_ctx c;
	struct change *ch;
	size_t nch;
	size_t ntested; /* Holm's m: changes with a p */
	char few[64];   /* "färre än N svar", for bar notes */
};

static int
cmp_change_ptr(const void *a, const void *b)
{
	return cmp_effect_desc(&(*(const struct change *const *)a)->t,
	    &(*(const struct change *const *)b)->t);
}

/* ---- comparisons --------------------------------------------------------- */

static void
change_init(const struct model *m, enum respondent_group g, const char *what,
    bool scale, size_t index, int w1, int w2, struct change *out)
{
	memset(out, 0, sizeof *out);
	out->g = g;
	out->what = what;
	out->scale = scale;
	out->index = index;
	out->reversed = !scale && m->groups[g].form->items[index].reversed;
	out->w1 = w1;
	out->w2 = w2;
	out->kind = CHANGE_DESCRIPTIVE;
	out->p_holm = NAN;
	out->t.p = out->t.z = out->t.r = NAN;
	out->d.mean = NAN;
}

/* Enough pairs for the paired analysis (also what may be shown of them). */
static bool
enough_pairs(const struct model *m, long npairs)
{
	return npairs >= m->min_cell && npairs >= 2;
}

static void
item_change(const struct model *m, enum respondent_group g, size_t i,
    struct change *out)
{
	const struct pair_table *pt = &m->groups[g].pairs[i];
	const struct item_counts *a = model_counts(m, (size_t)pt->w1, g, i);
	const struct item_counts *b = model_counts(m, (size_t)pt->w2, g, i);

	change_init(m, g, m->groups[g].form->items[i].sv, false, i, pt->w1, pt->w2,
	    out);
	if (enough_pairs(m, pt->npairs)) {
		long d[9] = { 0 };
		double s1 = 0, s2 = 0;
		for (int x = 0; x < 5; x++)
			for (int y = 0; y < 5; y++) {
				d[y - x + 4] += pt->c[x][y];
				s1 += (double)(x + 1) * (double)pt->c[x][y];
				s2 += (double)(y + 1) * (double)pt->c[x][y];
			}
		for (int k = 0; k < 9; k++)
			out->sign[k < 4 ? DISC_DOWN : k == 4 ? DISC_SAME :
			                                       DISC_UP] += d[k];
		out->kind = CHANGE_PAIRED;
		out->m1 = s1 / (double)pt->npairs;
		out->m2 = s2 / (double)pt->npairs;
		stats_summary_counts(d, 9, -4, &out->d);
		stats_wilcoxon_counts(d, 4, STATS_ZERO_PRATT, &out->t);
	} else {
		struct stats_summary s1, s2;
		stats_summary_counts(a->v, 5, 1, &s1);
		stats_summary_counts(b->v, 5, 1, &s2);
		out->m1 = s1.mean;
		out->m2 = s2.mean;
		out->n1 = a->n;
		out->n2 = b->n;
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

	change_init(m, g, mg->scales[s].name, true, s, w1, w2, out);
	sa = malloc((a->n + 1) * sizeof *sa);
	sb = malloc((b->n + 1) * sizeof *sb);
	d = malloc((a->n + 1) * sizeof *d);
	x = malloc((a->n + 1) * sizeof *x);
	y = malloc((b->n + 1) * sizeof *y);
	if (!sa || !sb || !d || !x || !y)
		goto out;
	/* A wave without scores has no array (s NULL): memcpy may not get
	 * NULL even for 0 bytes. */
	if (a->n > 0)
		memcpy(sa, a->s, a->n * sizeof *sa);
	if (b->n > 0)
		memcpy(sb, b->s, b->n * sizeof *sb);
	qsort(sa, a->n, sizeof *sa, cmp_score);
	qsort(sb, b->n, sizeof *sb, cmp_score);
	double s1 = 0, s2 = 0;
	for (size_t i = 0, j = 0; i < a->n && j < b->n;) {
		if (sa[i].participant < sb[j].participant) {
			i++;
		} else if (sa[i].participant > sb[j].participant) {
			j++;
		} else {
			s1 += sa[i].value;
			s2 += sb[j].value;
			d[nd++] = sb[j++].value - sa[i++].value;
		}
	}
	e = UF_OK;
	if (enough_pairs(m, (long)nd)) {
		for (size_t k = 0; k < nd; k++)
			out->sign[d[k] < 0 ? DISC_DOWN : d[k] > 0 ? DISC_UP :
			                                            DISC_SAME]++;
		out->kind = CHANGE_PAIRED;
		out->m1 = s1 / (double)nd;
		out->m2 = s2 / (double)nd;
		CK(stats_wilcoxon(d, nd, STATS_ZERO_PRATT, &out->t));
		stats_summary_values(d, nd, &out->d); /* sorts d: after the test */
	} else {
		struct stats_summary s1a, s2a;
		for (size_t i = 0; i < a->n; i++)
			x[i] = a->s[i].value;
		for (size_t i = 0; i < b->n; i++)
			y[i] = b->s[i].value;
		stats_summary_values(x, a->n, &s1a);
		stats_summary_values(y, b->n, &s2a);
		out->m1 = s1a.mean;
		out->m2 = s2a.mean;
		out->n1 = (long)a->n;
		out->n2 = (long)b->n;
	}
out:
	free(sa);
	free(sb);
	free(d);
	free(x);
	free(y);
	return e;
}

/* Whether a comparison may be printed: both waves' groups and the pairs
 * (paired) or both waves' answers (descriptive) over the limit. */
static bool
change_shown(const struct model *m, const struct change *c)
{
	if (!privacy_shown(model_respondents(m, (size_t)c->w1, c->g), m->min_cell) ||
	    !privacy_shown(model_respondents(m, (size_t)c->w2, c->g), m->min_cell))
		return false;
	switch (c->kind) {
	case CHANGE_PAIRED:
		return privacy_shown(c->t.n, m->min_cell);
	case CHANGE_DESCRIPTIVE:
		return privacy_shown(c->n1, m->min_cell) &&
		    privacy_shown(c->n2, m->min_cell);
	case CHANGE_KIND__MAX:
		break;
	}
	return false;
}

/* The computed change of item or scale `index` of group g. */
static const struct change *
find_change(const struct slut *S, enum respondent_group g, bool scale,
    size_t index)
{
	for (size_t k = 0; k < S->nch; k++)
		if (S->ch[k].g == g && S->ch[k].scale == scale && S->ch[k].index == index)
			return &S->ch[k];
	return NULL;
}

/* "+0,39", "-0,20", "0,00" */
static void
fmt_signed(double v, char *out, size_t n)
{
	char cell[64];
	fmt_dec(v, 2, cell, sizeof cell);
	if (!isnan(v) && stats_round(v, 2) > 0) {
		if (snprintf(out, n, "+%s", cell) < 0 && n)
			out[0] = '\0';
	} else if (snprintf(out, n, "%s", cell) < 0 && n) {
		out[0] = '\0';
	}
}

/* Whether the means behind a change may be printed: an item's means only
 * where both waves' distributions are shown in full (a merged or withheld
 * distribution hides its mean, which would otherwise split the merge). */
static bool
change_means_shown(const struct slut *S, const struct change *c)
{
	return c->scale ||
	    (disclosure_mean_shown(S->c.disc, (size_t)c->w1, c->g, c->index) &&
	        disclosure_mean_shown(S->c.disc, (size_t)c->w2, c->g, c->index));
}

/* Whether a paired change's CI, Z, p and r may be printed (the disclosure
 * plan's rule: with its means, and not when nearly all of a few pairs
 * went the same way). */
static bool
change_test_shown(const struct slut *S, const struct change *c)
{
	return c->kind == CHANGE_PAIRED &&
	    disclosure_test_shown(change_means_shown(S, c), c->sign);
}

/* Whether a change is one of the tests the report prints: Holm's family
 * (a withheld test is no claim of the report, and adjusted p values that
 * depended on it would tell something of it). */
static bool
change_tested(const struct slut *S, const struct change *c)
{
	return c->kind == CHANGE_PAIRED && c->t.valid && change_shown(S->c.m, c) &&
	    change_test_shown(S, c);
}

static uf_err
change_row(struct slut *S, struct table *t, const struct change *c)
{
	const struct model *m = S->c.m;
	char cell[64], lo[32], hi[32], a[32], b[32], few[64];
	size_t r;
	uf_err e;

	fmt_fewer(m, few, sizeof few);
	CK(table_row(t, TABLE_ROW_BODY, &r));
	CK(statement_cell(t, r, 0, c->what, c->reversed));
	CK(table_setf(t, r, 1, "%d–%d", m->waves[c->w1].months, m->waves[c->w2].months));
	if (!change_shown(m, c)) {
		CK(table_set(t, r, 2, few));
		goto out;
	}
	/* a merged or withheld distribution hides its mean: no means, ΔM or CI */
	bool means = change_means_shown(S, c), test = change_test_shown(S, c);
	fmt_dec(c->m1, 2, a, sizeof a);
	fmt_dec(c->m2, 2, b, sizeof b);
	if (means)
		CK(table_setf(t, r, 4, "%s → %s", a, b));
	else
		CK(table_set(t, r, 4, "·"));
	if (means)
		fmt_signed(c->m2 - c->m1, cell, sizeof cell);
	else if (snprintf(cell, sizeof cell, "·") < 0)
		cell[0] = '\0';
	CK(table_set(t, r, 5, cell));
	switch (c->kind) {
	case CHANGE_PAIRED:
		CK(table_set(t, r, 2, !c->t.valid ? "Parad, inga skillnader" : c->t.exact ? "Parad, exakt" :
		                                                                            "Parad, normalappr."));
		CK(table_setf(t, r, 3, "%ld par", c->t.n));
		fmt_dec(c->d.ci_lo, 2, lo, sizeof lo);
		fmt_dec(c->d.ci_hi, 2, hi, sizeof hi);
		if (!test) {
			/* the test says no more than its means: withheld together */
			for (size_t k = 6; k < 10; k++)
				CK(table_set(t, r, k, "·"));
			break;
		}
		if (c->d.has_ci)
			CK(table_setf(t, r, 6, "%s – %s", lo, hi));
		else
			CK(table_set(t, r, 6, "–"));
		fmt_p(c->t.valid ? c->t.p : NAN, cell, sizeof cell);
		CK(table_set(t, r, 7, cell));
		fmt_p(c->p_holm, cell, sizeof cell);
		CK(table_set(t, r, 8, cell));
		fmt_dec(c->t.valid ? c->t.r : NAN, 2, cell, sizeof cell);
		CK(table_set(t, r, 9, cell));
		break;
	case CHANGE_DESCRIPTIVE:
		CK(table_set(t, r, 2, "Beskrivande, få par"));
		CK(table_setf(t, r, 3, "%ld + %ld", c->n1, c->n2));
		for (size_t k = 6; k < 10; k++)
			CK(table_set(t, r, k, "–"));
		break;
	case CHANGE_KIND__MAX:
		break;
	}
out:
	return e;
}

static uf_err
change_table_cols(struct table *t, const char *first)
{
	uf_err e;
	/* set compact (7 pt); weights in points of the 471 pt text width, so
	 * that "12–36", "Beskrivande,", "3,20 → 4,00", "-1,04 – -0,20" and
	 * "< 0,001" each stay on one line (the CSV check finds a row's figures
	 * on one line of the PDF) */
	t->compact = true;
	CK(table_col(t, first, 115, TABLE_LEFT));
	CK(table_col(t, "Mån", 30, TABLE_LEFT));
	CK(table_col(t, "Analys", 54, TABLE_LEFT));
	CK(table_col(t, "n", 37, TABLE_RIGHT));
	CK(table_col(t, "M först → sist", 50, TABLE_RIGHT));
	CK(table_col(t, "Δ M", 30, TABLE_RIGHT));
	CK(table_col(t, "95 % KI för Δ M", 53, TABLE_RIGHT));
	CK(table_col(t, "p", 37, TABLE_RIGHT));
	CK(table_col(t, "p (Holm)", 37, TABLE_RIGHT));
	CK(table_col(t, "r", 28, TABLE_RIGHT));
out:
	return e;
}

/* The note under every change table (m: the tests Holm adjusts for). */
static void
change_note(const struct slut *S, char *out, size_t n)
{
	if (snprintf(out, n, "Jämförelse mellan första och sista mätningen där "
	                     "frågan ställdes. Parad: de som svarat vid båda mätningarna (n = antal "
	                     "par); M, Δ M (medelvärdet av varje persons skillnad, senare minus "
	                     "första) och dess 95 %% KI kommer från paren, p från Wilcoxons "
	                     "teckenrangtest (nollskillnader enligt Pratt): exakt betingat p upp till "
	                     "%d par, annars normalapproximation. p (Holm) = p justerat med Holms "
	                     "metod för rapportens alla %zu redovisade test. r = Z/√n (positiv = högre vid den "
	                     "senare mätningen). Beskrivande: färre än %ld par; medelvärdena av alla "
	                     "svar vid varje mätning utan test, eftersom grupperna till stor del är "
	                     "samma personer. · = redovisas inte: M, Δ M, KI, p och r döljs där "
	                     "svarsfördelningen slagits ihop eller inte redovisas, och KI, p och r "
	                     "där nästan alla av färre än %d par ändrats åt samma håll. "
	                     "%s = omvänt formulerat påstående (högt = negativt).",
	        STATS_EXACT_MAX_PAIRS, S->ntested, S->c.m->min_cell, DISC_DOMINANCE_GROUP,
	        REVERSED_MARK) < 0 &&
	    n)
		out[0] = '\0';
}

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
		for (size_t k = 1; k < 12; k++)
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
		for (size_t k = 9; k < 12; k++)
			CK(table_set(t, r, k, "·"));
		goto out;
	}
	fmt_dec(s.median, 1, cell, sizeof cell);
	CK(table_set(t, r, 9, cell));
	fmt_dec(s.mean, 2, cell, sizeof cell);
	CK(table_set(t, r, 10, cell));
	fmt_dec(s.ci_lo, 2, lo, sizeof lo);
	fmt_dec(s.ci_hi, 2, hi, sizeof hi);
	if (snprintf(cell, sizeof cell, "%s – %s", lo, hi) < 0)
		cell[0] = '\0';
	CK(table_set(t, r, 11, s.has_ci ? cell : "–"));
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
	char cap[400], fig[420], note[1600];
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
	if (snprintf(cap, sizeof cap, "%s", group_report(g)) < 0)
		cap[0] = '\0';
	CK(pdf_heading(S->c.pdf, 2, cap));
	if (snprintf(cap, sizeof cap, "%s – %s: svar per mätning", th->sv,
	        group_report(g)) < 0)
		cap[0] = '\0';
	t = ctx_table(&S->c, cap);
	TABLE_OOM(t);
	CK(table_col(t, "Påstående / mätning", 2.6, TABLE_LEFT));
	CK(likert_cols(t, 1.2, 0.8));
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
			                         m->waves[w].months) :
			                     snprintf(lab, sizeof lab, "%d mån",
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
	if (snprintf(note, sizeof note, "Procent av dem som svarat 1–5; Vet ej = "
	                                "antal ”Vet ej / ej aktuellt”, Vill ej = antal ”Vill inte svara”; ingen "
	                                "av dem ingår i n, procent, median (Md) eller medelvärde (M). 95 %% KI = "
	                                "konfidensintervall för medelvärdet. %s",
	        likert_disclosure_note(&S->c)) < 0)
		note[0] = '\0';
	CK(table_note(t, note));
	CK(ctx_emit(&S->c, &t));
	if (snprintf(cap, sizeof cap, "%s – %s: fördelning per mätning", th->sv,
	        group_report(g)) < 0)
		cap[0] = '\0';
	if (divbars_any(rows, nrows)) {
		ctx_figure(&S->c, cap, fig, sizeof fig);
		CK(pdf_divbars(S->c.pdf, fig, LIKERT_LONG, rows, nrows));
	}

	/* the change table */
	if (snprintf(cap, sizeof cap, "%s – %s: förändring", th->sv,
	        group_report(g)) < 0)
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
		const struct change *c = find_change(S, g, false, i);
		if (c == NULL)
			continue;
		CK(change_row(S, t, c));
		nchg++;
	}
	change_note(S, note, sizeof note);
	CK(ctx_emit_rows(&S->c, &t, nchg, note));
out:
	table_free(t);
	if (labels != NULL)
		for (size_t k = 0; k < nrows; k++)
			free(labels[k]);
	free(labels);
	free(rows);
	return e;
}

/* Whether theme t's point of group g in wave w may be drawn. The point is
 * (nearly) the mean of the theme's statements' means, so beside the printed
 * ones it gives away a withheld mean when exactly one statement's mean is
 * withheld (a theme of one statement is that statement); with two or more
 * withheld only their combination would follow. */
static bool
theme_point_shown(const struct slut *S, enum respondent_group g, size_t w,
    size_t t)
{
	const struct form *f = S->c.m->groups[g].form;
	size_t withheld = 0;
	for (size_t i = 0; i < f->nitems; i++)
		if (f->items[i].type == ITEM_LIKERT5 && f->items[i].theme == t &&
		    model_item_asked(S->c.m, w, g, i) &&
		    !disclosure_mean_shown(S->c.disc, w, g, i))
			withheld++;
	return withheld != 1;
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
			se->name = group_report(g);
			bool any = false;
			for (size_t w = 0; w < nx; w++) {
				const struct score_set *ss = &mg->scores[s][w];
				se->mean[w] = se->lo[w] = se->hi[w] = NAN;
				if (!privacy_shown((long)ss->n, m->min_cell) ||
				    !disclosure_group_shown(S->c.disc, w, g) ||
				    !theme_point_shown(S, g, w, mg->scales[s].theme_index))
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
	                              "(95 %% KI)",
	        th->sv) < 0)
		cap[0] = '\0';
	ctx_figure(&S->c, cap, fig, sizeof fig);
	CK(pdf_trend(S->c.pdf, fig, months, nx, ser, ns));
	CK(pdf_note(S->c.pdf, "Temapoäng: varje svarandes medelvärde av temats "
	                      "påståenden som ställdes vid alla mätningar (minst hälften besvarade), "
	                      "med omvänt formulerade påståenden vända (6 − svaret), så att högre "
	                      "alltid är mer positivt. Grupper och mätningar med för få svar saknar "
	                      "punkt, liksom de där just ett av temats påståenden saknar medelvärde "
	                      "i tabellerna (punkten skulle avslöja det)."));
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
	char cap[300], few[64], note[1600];
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
		CK(pdf_heading(S->c.pdf, 2, group_report(g)));
		if (snprintf(cap, sizeof cap, "Skalpoäng per mätning – %s",
		        group_report(g)) < 0)
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
		        group_report(g)) < 0)
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
			const struct change *c = find_change(S, g, true, s);
			if (c == NULL)
				continue;
			CK(change_row(S, t, c));
			nchg++;
		}
		change_note(S, note, sizeof note);
		CK(ctx_emit_rows(&S->c, &t, nchg, note));
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
		CK(table_set(t, r, 0, group_report(g)));
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
		                                "svara).",
		        few) > 0)
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
	uf_err e;

	CK(pdf_heading(S->c.pdf, 1, "Metod"));
	CK(pdf_paragraph(S->c.pdf, "Utvärderingen följer samma grupper vid flera "
	                           "mätningar: chefer, personal och peer supporters vid varje mätning och "
	                           "patienter/brukare från 24 månader. Varje deltagare har en pseudonym "
	                           "panelkod, så att svar från samma person vid två mätningar kan jämföras "
	                           "utan att personen är känd för utvärderarna."));
	CK(lang_section(&S->c));
	CK(qual_method(&S->c));
	CK(pdf_heading(S->c.pdf, 2, "Jämförelser över tid"));
	CK(ctx_paragraphf(&S->c, "För varje påstående och skala jämförs den "
	                         "första och den sista mätningen där det ställdes (för patienter/brukare "
	                         "24 och 36 månader). Jämförelsen bygger på dem som svarat vid båda "
	                         "mätningarna (par): medelvärdet vid varje mätning, förändringen Δ M "
	                         "(medelvärdet av varje persons skillnad) med 95 %% konfidensintervall "
	                         "från t-fördelningen och testet kommer alltid från samma par. Testet är "
	                         "Wilcoxons teckenrangtest, där nollskillnader hanteras enligt Pratt "
	                         "(1959): de rangordnas men räknas inte in i rangsumman. Med högst %d par "
	                         "är p-värdet exakt: den betingade fördelningen av rangsumman givet de "
	                         "lika värdena (varje skillnads tecken lika sannolikt), beräknad över "
	                         "alla teckenkombinationer; med fler par används normalapproximationen "
	                         "med korrektion för lika värden. Tabellerna anger vilket som använts. "
	                         "Effektstorleken r = Z/√n (Z från normalapproximationen, n = antal par) "
	                         "redovisas också.",
	    STATS_EXACT_MAX_PAIRS));
	CK(ctx_paragraphf(&S->c, "När färre än %ld personer svarat vid båda "
	                         "mätningarna redovisas förändringen bara beskrivande (medelvärdena av "
	                         "alla svar vid varje mätning) och testas inte: de två mätningarnas "
	                         "svarande är till stor del samma personer, så de är inte oberoende "
	                         "stickprov och ett test för oberoende grupper (t.ex. Mann–Whitney U) "
	                         "skulle ge fel p-värde. Metoder för delvis överlappande stickprov finns, "
	                         "men med så få par säger de lite och vi avstår hellre.",
	    m->min_cell));
	CK(ctx_paragraphf(&S->c, "Rapporten redovisar %zu parade test (test som "
	                         "döljs för att skydda enskilda svarande räknas inte, se Skydd av "
	                         "enskilda svarande). För att "
	                         "skydda mot att någon av dem ser signifikant ut av en slump justeras "
	                         "p-värdena med Holms metod (Holm 1979), som håller risken att "
	                         "felaktigt utropa minst en förändring under 5 %% oavsett hur testen "
	                         "beror av varandra – de gör det här, eftersom samma personer svarar på "
	                         "alla frågor. Benjamini–Hochbergs metod skulle ge fler fynd men "
	                         "kontrollerar bara andelen felaktiga fynd och förutsätter ett visst "
	                         "beroende mellan testen; för en sammanfattning som lyfter fram enskilda "
	                         "förändringar är Holm det försiktigare valet. Tabellerna visar både "
	                         "det ojusterade och det justerade p-värdet, och Sammanfattningen väljer "
	                         "förändringar på det justerade (p < 0,05).",
	    S->ntested));
	CK(reversed_paragraph(&S->c));
	CK(rounding_paragraph(&S->c));
	CK(pdf_paragraph(S->c.pdf, "Fördelningar redovisas i procent av dem "
	                           "som svarat 1–5; ”Vet ej / ej aktuellt” och ”Vill inte svara” ingår inte "
	                           "men redovisas var för sig. Medelvärden har 95 % "
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
		snprintf(who, sizeof who, "%s", group_report((enum respondent_group)g));
		who[0] = (char)tolower((unsigned char)who[0]); /* "Chefer" -> "chefer" */
		CK(ctx_paragraphf(&S->c, "Enkäten för %s ändrades under "
		                         "utvärderingen: %s. Frågor som finns i flera versioner jämförs "
		                         "över tid; frågor som bara fanns i en version redovisas för de "
		                         "mätningar där de ställdes.",
		    who, m->groups[g].versions));
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
	CK(ctx_paragraphf(&S->c, "Slutrapporten sammanställer %zu mätningar "
	                         "(%d till %d månader efter projektstart) med sammanlagt %ld inskickade "
	                         "enkätsvar%s och beskriver hur uppfattningarna om peer support har "
	                         "förändrats över tid.",
	    m->nwaves, m->nwaves ? m->waves[0].months : 0,
	    m->nwaves ? m->waves[m->nwaves - 1].months : 0, S->c.disc->shown_all,
	    all_shown ? "" : " i de grupper som redovisas"));
	CK(participation_table(S));
	CK(pdf_heading(S->c.pdf, 2, "De största förändringarna"));
	int k;
	/* the tests that survive Holm's adjustment, the largest |r| first;
	 * only where ΔM of the pairs points the same way as the rank test */
	const struct change *top[MAX_CHANGES];
	size_t ntop = 0;
	for (size_t i = 0; i < S->nch; i++) {
		const struct change *c = &S->ch[i];
		double dm = stats_round(c->m2 - c->m1, 2);
		if (change_tested(S, c) && c->p_holm < 0.05 &&
		    ((dm > 0 && c->t.z > 0) || (dm < 0 && c->t.z < 0)))
			top[ntop++] = c;
	}
	qsort(top, ntop, sizeof *top, cmp_change_ptr);
	for (size_t i = 0; i < ntop && i < MAX_SUMMARY; i++) {
		const struct change *c = top[i];
		char dm[48], lo[32], hi[32], ph[32];
		fmt_dec(c->m1, 2, a, sizeof a);
		fmt_dec(c->m2, 2, b, sizeof b);
		fmt_dec(c->t.r, 2, r, sizeof r);
		fmt_p(c->t.p, d, sizeof d);
		fmt_p(c->p_holm, ph, sizeof ph);
		fmt_signed(c->m2 - c->m1, dm, sizeof dm);
		fmt_dec(c->d.ci_lo, 2, lo, sizeof lo);
		fmt_dec(c->d.ci_hi, 2, hi, sizeof hi);
		k = snprintf(buf, sizeof buf, "%s%s: ”%s”%s %s från M %s till M %s "
		                              "bland de %ld som svarade vid både %d och %d månader (Δ M %s, 95 %% KI "
		                              "%s – %s); Wilcoxon, %s p %s%s, Holm-justerat p %s%s, r = %s.",
		    group_report(c->g), c->scale ? " (skala)" : "", c->what,
		    c->reversed ? " (omvänt formulerat: högre = mer negativt)" : "",
		    c->m2 > c->m1 ? "ökade" : "minskade", a, b, c->t.n,
		    m->waves[c->w1].months, m->waves[c->w2].months, dm, lo, hi,
		    c->t.exact ? "exakt" : "normalapproximerat", d[0] == '<' ? "" : "= ", d,
		    ph[0] == '<' ? "" : "= ", ph, r);
		if (k > 0 && (size_t)k < sizeof buf)
			CK(pdf_bullet(S->c.pdf, buf));
	}
	if (ntop == 0)
		k = snprintf(buf, sizeof buf, "Ingen av rapportens %zu parade "
		                              "jämförelser som redovisas visade en statistiskt säkerställd förändring efter "
		                              "justering för antalet test (Holm-justerat p < 0,05). Alla "
		                              "jämförelser finns i temakapitlen.",
		    S->ntested);
	else
		k = snprintf(buf, sizeof buf, "Urval: förändringar med Holm-justerat "
		                              "p < 0,05, justerat för rapportens alla %zu redovisade parade jämförelser, "
		                              "ordnade efter effektstorlek |r|; högst %d visas. Test som inte "
		                              "redovisas (se Metod) väljs inte. Alla jämförelser finns i "
		                              "temakapitlen.",
		    S->ntested, MAX_SUMMARY);
	if (k > 0 && (size_t)k < sizeof buf) {
		if (ntop == 0)
			CK(pdf_paragraph(S->c.pdf, buf));
		else
			CK(pdf_note(S->c.pdf, buf));
	}
out:
	return e;
}

/* The summary comes first but ranks every comparison, and Holm's adjustment
 * needs them all, so they are computed before any page is laid out; the
 * chapters print them from S->ch. */
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
			if (S->nch == MAX_CHANGES)
				return UF_ELIMIT;
			item_change(m, g, i, &S->ch[S->nch++]);
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
			if (S->nch == MAX_CHANGES)
				return UF_ELIMIT;
			CK(scale_change(m, g, s, w1, w2, &S->ch[S->nch++]));
		}
	}
out:
	return e;
}

/* Holm over the tests the report prints, once the disclosure plan says
 * which those are. */
static uf_err
adjust_changes(struct slut *S)
{
	double *p = malloc((S->nch ? S->nch : 1) * sizeof *p);
	uf_err e = UF_OK;

	if (p == NULL)
		return UF_ENOMEM;
	S->ntested = 0;
	for (size_t i = 0; i < S->nch; i++) {
		bool tested = change_tested(S, &S->ch[i]);
		p[i] = tested ? S->ch[i].t.p : NAN;
		S->ntested += tested;
	}
	CK(stats_holm(p, S->nch, p));
	for (size_t i = 0; i < S->nch; i++)
		S->ch[i].p_holm = p[i];
out:
	free(p);
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
		int k = snprintf(ms.s + off, sizeof ms.s - off, "%s%d", w == 0 ? "" : w + 1 == m->nwaves ? " och " :
		                                                                                           ", ",
		    m->waves[w].months);
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
	CK(adjust_changes(&S));
	progress(&S.c, "sammanfattning och metod");
	CK(summary(&S));
	CK(qual_front(&S.c));
	CK(method(&S));
	CK(qual_ethics(&S.c));
	CK(qual_results(&S.c));
	CK(theme_chapters(&S));
	CK(scale_chapter(&S));
	CK(lang_scales(&S.c));
	CK(render_numeric_change(&S.c));
	if (o->compare != NULL)
		CK(compare_chapter(&S.c, o->compare));
	CK(qual_back(&S.c));
	e = ctx_close(&S.c, "Slutrapport", msg, msglen);
	free(S.ch);
	return e;
out:
	ctx_abort(&S.c, msg, msglen);
	free(S.ch);
	return e;
}
