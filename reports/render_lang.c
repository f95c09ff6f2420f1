/* SPDX-License-Identifier: ISC
 * The respondents' languages in the reports (render_lang.h). The counts go
 * through their own disclosure registry: each language row and the two
 * easy-to-read rows sum to the group's n, which the report prints anyway
 * (locked), so no other table's count is linked to them and solving them
 * apart from disclosure_plan's registry hides exactly what solving them
 * together would. Knows no SQL and no libharu.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "disclosure_solve.h"
#include "lang_names.h"
#include "model_lang.h"
#include "model_answers.h"
#include "privacy.h"
#include "render_lang.h"

static const enum respondent_group ORDER[GROUP__MAX] = {
	GROUP_CHEF,
	GROUP_PERSONAL,
	GROUP_PEER,
	GROUP_PATIENT,
};

#define ROWS_MAX (LANG_TALLY_MAX + 1) /* the languages and "Övriga språk" */

/* One group's rows and what may be printed of them, per wave. */
struct lang_plan {
	bool any; /* asked and answered in some wave of the report */
	bool shown[MODEL_MAX_WAVES];
	long n[MODEL_MAX_WAVES];
	size_t nl; /* language rows; row nl is "Övriga språk" when other */
	bool other;
	char tag[ROWS_MAX][FORM_LANG_MAX + 1];
	long v[MODEL_MAX_WAVES][ROWS_MAX];
	bool hid[MODEL_MAX_WAVES][ROWS_MAX];
	long easy[MODEL_MAX_WAVES][2]; /* on, off */
	bool easy_hid[MODEL_MAX_WAVES][2];
};

/* The report's waves: the delrapport's one, or all. */
static void
wave_range(const struct model *m, size_t *w0, size_t *w1)
{
	*w0 = m->focus >= 0 ? (size_t)m->focus : 0;
	*w1 = m->focus >= 0 ? (size_t)m->focus + 1 : m->nwaves;
}

/* Rows: Swedish, then every other language that reaches min_cell in some
 * wave, then the rest together as "Övriga språk" (recoding before
 * suppression, so fewer cells are hidden). */
static uf_err
plan_rows(const struct render_ctx *c, enum respondent_group g, struct lang_plan *p)
{
	const struct model *m = c->m;
	const struct model_lang *l = m->langs;
	size_t w0, w1;

	wave_range(m, &w0, &w1);
	for (size_t w = w0; w < w1; w++) {
		const struct lang_cell *lc = &l->cell[w][g];
		p->shown[w] = disclosure_group_shown(c->disc, w, g);
		p->n[w] = lc->total;
		if (lc->total > 0 && model_asked(m, w, g))
			p->any = true;
		for (size_t k = 0; k < lc->nt; k++) {
			size_t r;
			bool big = !lang_is_swedish(lc->t[k].tag) &&
			    !privacy_shown(lc->t[k].n, m->min_cell);
			for (r = 0; r < p->nl; r++)
				if (strcmp(p->tag[r], lc->t[k].tag) == 0)
					break;
			if (r == p->nl && big)
				continue; /* small here: a row only if big elsewhere */
			if (r == p->nl) {
				if (p->nl == LANG_TALLY_MAX)
					return UF_ELIMIT;
				memcpy(p->tag[p->nl++], lc->t[k].tag, sizeof p->tag[0]);
			}
		}
	}
	/* Swedish first, the others in tag order */
	for (size_t i = 1; i < p->nl; i++)
		for (size_t j = i; j > 0; j--) {
			bool swap = lang_is_swedish(p->tag[j]) ||
			    (!lang_is_swedish(p->tag[j - 1]) && strcmp(p->tag[j - 1], p->tag[j]) > 0);
			if (!swap)
				break;
			char t[FORM_LANG_MAX + 1];
			memcpy(t, p->tag[j], sizeof t);
			memcpy(p->tag[j], p->tag[j - 1], sizeof t);
			memcpy(p->tag[j - 1], t, sizeof t);
		}
	for (size_t w = w0; w < w1; w++) {
		const struct lang_cell *lc = &l->cell[w][g];
		for (size_t k = 0; k < lc->nt; k++) {
			size_t r;
			for (r = 0; r < p->nl; r++)
				if (strcmp(p->tag[r], lc->t[k].tag) == 0)
					break;
			if (r == p->nl)
				p->other = true;
			p->v[w][r] += lc->t[k].n;
		}
		p->easy[w][0] = lc->easy;
		p->easy[w][1] = lc->total - lc->easy;
	}
	return UF_OK;
}

/* Primary: 1 .. min_cell - 1 respondents; complements so that none can be
 * worked out from the printed n and the other cells. */
static uf_err
plan_hide(const struct render_ctx *c, struct lang_plan *p)
{
	const struct model *m = c->m;
	struct disc_reg *reg = disc_reg_new();
	size_t var[MODEL_MAX_WAVES][ROWS_MAX + 2], idx[ROWS_MAX + 3];
	int coef[ROWS_MAX + 3];
	size_t nrows = p->nl + (p->other ? 1 : 0), w0, w1, ntot;
	uf_err e = UF_ENOMEM;

	if (reg == NULL)
		goto out;
	wave_range(m, &w0, &w1);
	for (size_t w = w0; w < w1; w++) {
		if (!p->shown[w])
			continue;
		CK(disc_add(reg, p->n[w], false, true, &ntot));
		size_t ni = 0;
		for (size_t r = 0; r < nrows; r++) {
			long v = p->v[w][r];
			CK(disc_add(reg, v, v > 0 && v < m->min_cell, false, &var[w][r]));
			idx[ni] = var[w][r];
			coef[ni++] = 1;
		}
		idx[ni] = ntot;
		coef[ni++] = -1;
		CK(disc_relate(reg, idx, coef, ni));
		for (size_t k = 0; k < 2; k++) {
			long v = p->easy[w][k];
			CK(disc_add(reg, v, v > 0 && v < m->min_cell, false,
			    &var[w][ROWS_MAX + k]));
			idx[k] = var[w][ROWS_MAX + k];
			coef[k] = 1;
		}
		idx[2] = ntot;
		coef[2] = -1;
		CK(disc_relate(reg, idx, coef, 3));
	}
	CK(disc_solve(reg));
	for (size_t w = w0; w < w1; w++) {
		for (size_t r = 0; r < nrows; r++)
			p->hid[w][r] = !p->shown[w] || disc_hidden(reg, var[w][r]);
		for (size_t k = 0; k < 2; k++)
			p->easy_hid[w][k] = !p->shown[w] || disc_hidden(reg, var[w][ROWS_MAX + k]);
	}
	e = UF_OK;
out:
	disc_reg_free(reg);
	return e;
}

static uf_err
plan_group(const struct render_ctx *c, enum respondent_group g, struct lang_plan *p)
{
	uf_err e;
	memset(p, 0, sizeof *p);
	CK(plan_rows(c, g, p));
	if (p->any)
		CK(plan_hide(c, p));
out:
	return e;
}

/* Whether any response of the report was in another language or easy. */
static bool
lang_varied(const struct model *m)
{
	size_t w0, w1;
	wave_range(m, &w0, &w1);
	for (size_t w = w0; w < w1; w++)
		for (size_t g = 0; g < GROUP__MAX; g++) {
			const struct lang_cell *lc = &m->langs->cell[w][g];
			if (lc->easy > 0 || lc->nt > 1 ||
			    (lc->nt == 1 && !lang_is_swedish(lc->t[0].tag)))
				return true;
		}
	return false;
}

/* Whether every response of group g in the report's waves was Swedish and
 * plain, in waves where the group is shown: one sentence says so instead of
 * rows of 100 % (a hidden group's rows stay, hidden). */
static bool
group_plain(const struct render_ctx *c, enum respondent_group g,
    const struct lang_plan *p)
{
	const struct model *m = c->m;
	size_t w0, w1;
	wave_range(m, &w0, &w1);
	for (size_t w = w0; w < w1; w++) {
		const struct lang_cell *lc = &m->langs->cell[w][g];
		if (lc->total == 0)
			continue;
		if (!p->shown[w] || lc->easy > 0 || lc->nt != 1 || !lang_is_swedish(lc->t[0].tag))
			return false;
	}
	return true;
}

/* A count and its share of n into columns col, col + 1. */
static uf_err
count_cells(struct table *t, size_t r, size_t col, long v, long n, bool hidden)
{
	char pct[32];
	uf_err e;
	if (hidden) {
		CK(table_set(t, r, col, "–"));
		CK(table_set(t, r, col + 1, "–"));
		goto out;
	}
	fmt_pct(v, n, pct, sizeof pct);
	CK(table_setf(t, r, col, "%ld", v));
	CK(table_set(t, r, col + 1, pct));
out:
	return e;
}

static uf_err
group_rows(const struct render_ctx *c, struct table *t, enum respondent_group g,
    const struct lang_plan *p)
{
	const struct model *m = c->m;
	size_t w0, w1, r, nrows = p->nl + (p->other ? 1 : 0);
	char name[80];
	uf_err e;

	wave_range(m, &w0, &w1);
	CK(table_row(t, TABLE_ROW_SUBHEAD, &r));
	CK(table_set(t, r, 0, group_report(g)));
	CK(table_row(t, TABLE_ROW_BODY, &r));
	CK(table_set(t, r, 0, "Svarande"));
	for (size_t w = w0; w < w1; w++) {
		size_t col = 1 + 2 * (w - w0);
		if (!model_asked(m, w, g))
			CK(table_set(t, r, col, "ej tillfrågade"));
		else if (!p->shown[w])
			CK(table_set(t, r, col, p->n[w] == 0 ? "0" : "–"));
		else
			CK(table_setf(t, r, col, "%ld", p->n[w]));
	}
	for (size_t k = 0; k < nrows + 2; k++) {
		CK(table_row(t, TABLE_ROW_BODY, &r));
		if (k < p->nl)
			lang_row_sv(p->tag[k], name, sizeof name);
		else if (k < nrows)
			(void)snprintf(name, sizeof name, "Övriga språk");
		else
			(void)snprintf(name, sizeof name, "%s",
			    k == nrows ? "Lättläst text" : "Vanlig text");
		CK(table_set(t, r, 0, name));
		for (size_t w = w0; w < w1; w++) {
			if (!model_asked(m, w, g) || p->n[w] == 0)
				continue;
			size_t col = 1 + 2 * (w - w0);
			if (k < nrows)
				CK(count_cells(t, r, col, p->v[w][k], p->n[w], p->hid[w][k]));
			else
				CK(count_cells(t, r, col, p->easy[w][k - nrows], p->n[w],
				    p->easy_hid[w][k - nrows]));
		}
	}
out:
	return e;
}

uf_err
lang_section(struct render_ctx *c)
{
	const struct model *m = c->m;
	struct table *t = NULL;
	struct lang_plan *p = calloc(1, sizeof *p);
	size_t w0, w1;
	char few[64], note[600];
	uf_err e = UF_ENOMEM;

	if (p == NULL)
		goto out;
	e = UF_OK;
	wave_range(m, &w0, &w1);
	fmt_fewer(m, few, sizeof few);
	CK(pdf_heading(c->pdf, 2, "Språk och lättläst text"));
	if (!lang_varied(m)) {
		CK(pdf_paragraph(c->pdf, "Enkäterna kunde besvaras på flera språk och "
		                         "med lättläst text. Alla svar som redovisas gavs på svenska med den "
		                         "vanliga texten."));
		goto out;
	}
	CK(pdf_paragraph(c->pdf, "Enkäterna kunde besvaras på flera språk och med "
	                         "lättläst text: den svarande valde själv och kunde byta under tiden. "
	                         "Svaret räknas till det språk och den text som gällde när det skickades in. "
	                         "Frågorna är desamma i alla språk och i den lättlästa texten, så alla "
	                         "svar redovisas tillsammans i rapportens övriga tabeller."));
	t = ctx_table(c, m->focus >= 0 ? "Svarande per grupp efter svarsspråk och lättläst text" : "Svarande per grupp och mätning efter svarsspråk och "
	                                                                                           "lättläst text");
	if (t == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	CK(table_col(t, "Grupp och svarsspråk", 3, TABLE_LEFT));
	for (size_t w = w0; w < w1; w++) {
		char h[32];
		if (m->focus >= 0)
			(void)snprintf(h, sizeof h, "Antal");
		else
			(void)snprintf(h, sizeof h, "%d mån", m->waves[w].months);
		CK(table_col(t, h, 1.1, TABLE_RIGHT));
		CK(table_col(t, m->focus >= 0 ? "Andel %" : "%", 1, TABLE_RIGHT));
	}
	size_t rows = 0, nplain = 0;
	char plain[200] = "";
	for (size_t k = 0; k < GROUP__MAX; k++) {
		CK(plan_group(c, ORDER[k], p));
		if (!p->any)
			continue;
		if (group_plain(c, ORDER[k], p)) {
			size_t at = strlen(plain);
			(void)snprintf(plain + at, sizeof plain - at, "%s%s", nplain ? ", " : "",
			    group_plural(ORDER[k]));
			nplain++;
			continue;
		}
		CK(group_rows(c, t, ORDER[k], p));
		rows++;
	}
	if (nplain > 0) {
		/* "Chefer, Personal, Peer supporters" -> "chefer, personal och
		 * peer supporters": lower case first letters (ASCII names), the
		 * last comma an "och" */
		for (char *s = plain; *s; s++)
			if ((s == plain || s[-1] == ' ') && *s >= 'A' && *s <= 'Z')
				*s = (char)(*s - 'A' + 'a');
		char *last = strrchr(plain, ',');
		char text[400];
		if (last != NULL && snprintf(text, sizeof text, "Alla svar från %.*s och%s gavs "
		                                                "på svenska med vanlig text; tabellen visar de "
		                                                "övriga grupperna.",
		                        (int)(last - plain), plain, last + 1) > 0)
			CK(pdf_paragraph(c->pdf, text));
		else if (last == NULL && snprintf(text, sizeof text, "Alla svar från %s gavs på "
		                                                     "svenska med vanlig text; tabellen "
		                                                     "visar de övriga grupperna.",
		                             plain) > 0)
			CK(pdf_paragraph(c->pdf, text));
	}
	if (snprintf(note, sizeof note, "Andel i procent av gruppens svarande. – = %s, "
	                                "eller dold så att den inte kan räknas fram. Språk med färre än "
	                                "%ld svarande vid varje mätning ingår i Övriga språk.",
	        few, m->min_cell) < 0)
		note[0] = '\0';
	CK(ctx_emit_rows(c, &t, rows, note));
out:
	table_free(t);
	free(p);
	return e;
}

/* ---- scale scores by language group ------------------------------------------ */

enum split { SPLIT_LANG,
	SPLIT_EASY,
	SPLIT__MAX };

static const struct {
	const char *name[2]; /* the two halves */
	const char *what;    /* "svarsspråk" */
	const char *smaller; /* the half that is usually small, in a sentence */
} SPLITS[SPLIT__MAX] = {
	[SPLIT_LANG] = { { "Svenska", "Andra språk" }, "svarsspråk",
	    "svarade på andra språk än svenska" },
	[SPLIT_EASY] = { { "Lättläst text", "Vanlig text" }, "lättläst text",
	    "svarade med lättläst text" },
};

/* Which half of split sp a response is in: 0 or 1. */
static int
half_of(enum split sp, const struct lang_resp *r)
{
	switch (sp) {
	case SPLIT_LANG:
		return r->other ? 1 : 0;
	case SPLIT_EASY:
		return r->easy ? 0 : 1;
	case SPLIT__MAX:
		break;
	}
	return 0;
}

/* Whether split sp of the group's wave w may be shown: every count of it
 * printed in the language table (else the halves' n could give a hidden one
 * away), and each half's scores from at least min_cell respondents. Why
 * not, into why. */
static bool
split_allowed(const struct model *m, const struct lang_plan *p, size_t w,
    enum split sp, const struct score_set *half, char *why, size_t n)
{
	bool hidden = false;
	if (sp == SPLIT_LANG) {
		for (size_t r = 0; r < p->nl + (p->other ? 1 : 0); r++)
			hidden |= p->hid[w][r];
	} else {
		hidden = p->easy_hid[w][0] || p->easy_hid[w][1];
	}
	long small = (long)(half[0].n < half[1].n ? half[0].n : half[1].n);
	if (hidden || !privacy_shown(small, m->min_cell)) {
		int k = snprintf(why, n, "Skalpoängen efter %s redovisas inte för %d "
		                         "månader: %s.",
		    SPLITS[sp].what, m->waves[w].months,
		    hidden ? "en del av antalen i tabellen över svarsspråk är dolda, och "
		             "skalornas antal skulle avslöja dem" :
		             "en av grupperna har färre svarande än gränsen");
		if (k < 0 && n > 0)
			why[0] = '\0';
		return false;
	}
	return true;
}

static uf_err
scale_table(struct render_ctx *c, size_t w, const struct lang_plan *p)
{
	const struct model *m = c->m;
	const struct model_group *mg = &m->groups[GROUP_PATIENT];
	struct table *t = NULL;
	struct score_set half[SPLIT__MAX][2];
	char cap[200], why[SPLIT__MAX][400];
	bool ok[SPLIT__MAX] = { false, false };
	uf_err e = UF_OK;

	memset(half, 0, sizeof half);
	if (snprintf(cap, sizeof cap, "Skalpoäng efter svarsspråk och lättläst text – "
	                              "%s, %d månader",
	        group_report(GROUP_PATIENT), m->waves[w].months) < 0)
		cap[0] = '\0';
	/* a split is shown for every scale or for none (decided on its
	 * smallest half over all scales), so the table never mixes; pass 0
	 * decides, pass 1 prints */
	for (int sp = 0; sp < SPLIT__MAX; sp++)
		ok[sp] = true;
	for (int pass = 0; pass < 2; pass++) {
		size_t rows = 0;
		if (pass == 1) {
			for (int sp = 0; sp < SPLIT__MAX; sp++)
				if (!ok[sp])
					CK(pdf_paragraph(c->pdf, why[sp]));
			if (!ok[SPLIT_LANG] && !ok[SPLIT_EASY])
				break;
			t = ctx_table(c, cap);
			if (t == NULL) {
				e = UF_ENOMEM;
				goto out;
			}
			CK(table_col(t, "Skala och svarande", 5, TABLE_LEFT));
			CK(table_col(t, "n", 1, TABLE_RIGHT));
			CK(table_col(t, "Md", 1, TABLE_RIGHT));
			CK(table_col(t, "M", 1, TABLE_RIGHT));
			CK(table_col(t, "95 % KI", 2, TABLE_RIGHT));
		}
		for (size_t s = 0; s < mg->nscales; s++) {
			if (mg->scales[s].theme)
				continue;
			const struct score_set *ss = &mg->scores[s][w];
			for (int sp = 0; sp < SPLIT__MAX; sp++) {
				half[sp][0].n = half[sp][1].n = 0;
				for (size_t i = 0; i < ss->n; i++) {
					const struct lang_resp *r =
					    model_lang_find(m->langs, w, GROUP_PATIENT, ss->s[i].participant);
					if (r != NULL)
						CK(score_push(&half[sp][half_of((enum split)sp, r)], ss->s[i].participant,
						    ss->s[i].value));
				}
				if (pass == 0 && ok[sp])
					ok[sp] = split_allowed(m, p, w, (enum split)sp, half[sp],
					    why[sp], sizeof why[sp]);
			}
			if (pass == 0)
				continue;
			size_t r;
			CK(table_row(t, TABLE_ROW_SUBHEAD, &r));
			CK(table_set(t, r, 0, mg->scales[s].name));
			for (int sp = 0; sp < SPLIT__MAX; sp++) {
				if (!ok[sp])
					continue;
				for (int h = 0; h < 2; h++) {
					CK(table_row(t, TABLE_ROW_BODY, &r));
					rows++;
					CK(table_set(t, r, 0, SPLITS[sp].name[h]));
					CK(score_cells(t, r, 1, &half[sp][h], 1));
				}
			}
		}
		if (pass == 1)
			CK(ctx_emit_rows(c, &t, rows, "Md = median, M = medelvärde, 95 % KI = "
			                              "95 % konfidensintervall för medelvärdet (t-fördelningen). "
			                              "Svenska / Andra språk: det språk svaret skickades in på; "
			                              "Lättläst / Vanlig text: om lättläst text var på."));
	}
out:
	for (int sp = 0; sp < SPLIT__MAX; sp++)
		for (int h = 0; h < 2; h++)
			free(half[sp][h].s);
	table_free(t);
	return e;
}

uf_err
lang_scales(struct render_ctx *c)
{
	const struct model *m = c->m;
	const struct model_group *mg = &m->groups[GROUP_PATIENT];
	struct lang_plan *p = NULL;
	size_t w0, w1, nown = 0;
	uf_err e = UF_OK;

	for (size_t s = 0; s < mg->nscales; s++)
		nown += !mg->scales[s].theme;
	if (nown == 0 || !lang_varied(m))
		return UF_OK;
	if ((p = calloc(1, sizeof *p)) == NULL)
		return UF_ENOMEM;
	CK(plan_group(c, GROUP_PATIENT, p));
	if (!p->any)
		goto out;
	CK(pdf_heading(c->pdf, 2, "Skalpoäng efter svarsspråk och lättläst text"));
	CK(ctx_paragraphf(c, "Patienternas och brukarnas skalpoäng redovisas också "
	                     "för dem som svarade på svenska och dem som svarade på andra språk, och "
	                     "för dem som svarade med och utan lättläst text, räknade på samma sätt som "
	                     "i tabellen ovan (median, medelvärde med 95 %% konfidensintervall från "
	                     "t-fördelningen). En uppdelning visas bara när båda delarna har minst %ld "
	                     "svarande och antalen i tabellen över svarsspråk inte är dolda. "
	                     "Skillnaderna testas inte: vilka som väljer ett annat språk eller lättläst "
	                     "text beror på mer än språket, så en skillnad säger inte att språket "
	                     "orsakar den, och ett test skulle bara lägga till jämförelser till "
	                     "rapportens.",
	    m->min_cell));
	wave_range(m, &w0, &w1);
	for (size_t w = w0; w < w1; w++) {
		if (!model_asked(m, w, GROUP_PATIENT) || !p->shown[w])
			continue;
		CK(scale_table(c, w, p));
	}
out:
	free(p);
	return e;
}

/* ---- quotes --------------------------------------------------------------- */

bool
lang_quote_easy_marked(const struct model *m, const struct quote *q)
{
	const struct form *f = (unsigned)q->grp < GROUP__MAX ? m->groups[q->grp].form : NULL;
	if (!q->easy || f == NULL || q->item >= f->nitems)
		return false;
	const char *easy = form_item_text(f, q->item, q->lang, true);
	const char *plain = form_item_text(f, q->item, q->lang, false);
	return easy != NULL && plain != NULL && strcmp(easy, plain) != 0;
}

bool
lang_quote_line(const struct model *m, const struct quote *q, long same,
    bool drawable, char *out, size_t n)
{
	const char *parts[3];
	char count[32], on[80], note[200];
	size_t np = 0, used = 0;

	if (same > 1 && snprintf(count, sizeof count, "%ld svar", same) > 0)
		parts[np++] = count;
	if (!lang_is_swedish(q->lang)) {
		lang_on_sv(q->lang, on, sizeof on);
		parts[np++] = on;
	}
	if (lang_quote_easy_marked(m, q))
		parts[np++] = "lättläst version av frågan";
	note[0] = '\0';
	for (size_t i = 0; i < np; i++) {
		int k = snprintf(note + used, sizeof note - used, "%s%s", i ? ", " : "", parts[i]);
		if (k < 0 || (size_t)k >= sizeof note - used)
			return false;
		used += (size_t)k;
	}
	int k;
	/* right-to-left text is shaped and reordered by the PDF layer
	 * (bidi.h); only a script the font has no glyphs for gets the note */
	if (!drawable && bidi_has_rtl(q->text, strlen(q->text)))
		k = snprintf(out, n, "[Svaret är skrivet med en skrift som läses från höger "
		                     "till vänster och kan inte återges i rapporten; det finns i "
		                     "exporten.]%s%s%s",
		    np ? " (" : "", note, np ? ")" : "");
	else
		k = snprintf(out, n, "”%s”%s%s%s", q->text, np ? " (" : "", note, np ? ")" : "");
	return k >= 0 && (size_t)k < n;
}
