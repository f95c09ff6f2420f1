/* SPDX-License-Identifier: ISC
 * The parts of both reports that come from the qualitative analysis and the
 * evaluators' own text, in the order of the evaluation's delrapport:
 * Bakgrund and Syfte; Urval, Datainsamling and Dataanalys (with the table
 * of example meaning units) inside Metod; Etiska överväganden; Beskrivning
 * av projektet; Resultat per kategori (and, in the slutrapport, how the
 * kategorier changed across waves); Diskussion, Referenser and Bilagor.
 * A count is printed only when at least min_cell distinct respondents
 * stand behind it; nothing printed adds up to a hidden count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "markup.h"
#include "privacy.h"
#include "qual.h"
#include "questionnaire.h"
#include "render.h"

static const enum respondent_group ORDER[GROUP__MAX] = {
	GROUP_CHEF,
	GROUP_PERSONAL,
	GROUP_PEER,
	GROUP_PATIENT,
};

/* Where a report's figures come from: its wave, or every wave. */
static bool
in_report(const struct model *m, size_t w)
{
	return m->focus < 0 || (size_t)m->focus == w;
}

static bool
shown(const struct model *m, const struct qual_cell *c)
{
	return privacy_shown(c->respondents, m->min_cell);
}

/* A kategori or subkategori is reported when, in some wave of the report,
 * enough distinct respondents (all groups) stand behind it. */
static bool
code_shown(const struct model *m, const struct qual_code *k)
{
	for (size_t w = 0; w < m->nwaves; w++)
		if (in_report(m, w) && shown(m, &k->all[w]))
			return true;
	return false;
}

static uf_err
section_text(struct render_ctx *c, enum qual_section s)
{
	const char *t = c->m->qual->section[s];
	return t != NULL && t[0] != '\0' ? markup_render(c->pdf, t, 3) : UF_OK;
}

/* "färre än 5 svarande" */
static void
fewer(const struct model *m, char *out, size_t n)
{
	if (snprintf(out, n, "färre än %ld svarande", m->min_cell) < 0 && n)
		out[0] = '\0';
}

/* A count of documents, people etc. under the min-cell rule. */
static void
count_text(const struct model *m, long v, char *out, size_t n)
{
	int k = v == 0 ? snprintf(out, n, "inga") : privacy_shown(v, m->min_cell) ? snprintf(out, n, "%ld", v) :
	                                                                            snprintf(out, n, "färre än %ld", m->min_cell);
	if (k < 0 && n)
		out[0] = '\0';
}

/* ---- Bakgrund, Syfte ---------------------------------------------------- */

uf_err
qual_front(struct render_ctx *c)
{
	const struct model_qual *q = c->m->qual;
	uf_err e = UF_OK;

	if (q == NULL)
		return UF_OK;
	if (q->section[QS_BAKGRUND] != NULL) {
		CK(pdf_heading(c->pdf, 1, "Bakgrund"));
		CK(section_text(c, QS_BAKGRUND));
	}
	if (q->section[QS_SYFTE] != NULL) {
		CK(pdf_heading(c->pdf, 1, "Syfte"));
		CK(section_text(c, QS_SYFTE));
	}
out:
	return e;
}

/* ---- Metod: Urval, Datainsamling, Dataanalys ------------------------------- */

/* An automatic example for a subkategori the evaluators chose none for:
 * the first quote from a reported cell (the quotes come in a stable
 * pseudo-random order, readable lengths first). */
static const struct qual_quote *
example(const struct model *m, size_t code, size_t skip)
{
	const struct model_qual *q = m->qual;
	for (size_t i = 0; i < q->nquotes; i++) {
		const struct qual_quote *qq = &q->quotes[i];
		const struct qual_code *k = &q->codes[code];
		if (qq->code != code || !in_report(m, (size_t)qq->wave))
			continue;
		/* the quote's own cell must be reported */
		const struct qual_cell *cell = k->level == 1 ?
		    &k->direct[qq->wave][qq->grp] :
		    &k->cell[qq->wave][qq->grp];
		if (!shown(m, cell))
			continue;
		if (skip-- == 0)
			return qq;
	}
	return NULL;
}

#define EXAMPLE_ROWS_MAX 60 /* rows of the category table */

/* One row of the category table. */
static uf_err
example_row(struct table *t, const char *text, const struct qual_code *sub,
    const struct qual_code *kat)
{
	size_t r;
	uf_err e = UF_OK;

	CK(table_row(t, TABLE_ROW_BODY, &r));
	CK(table_setf(t, r, 0, "”%s”", text));
	CK(table_set(t, r, 1, sub->name));
	CK(table_set(t, r, 2, kat->name));
out:
	return e;
}

/* The rows of reported subkategori s: the examples the evaluators chose,
 * those from a reported cell (wave and group) only, else an automatic one
 * (*automatic true). */
static uf_err
subkategori_rows(struct render_ctx *c, struct table *t, size_t s, size_t *rows,
    bool *automatic)
{
	const struct model *m = c->m;
	const struct model_qual *q = m->qual;
	const struct qual_code *sub = &q->codes[s], *kat = &q->codes[sub->kategori];
	size_t chosen = 0;
	uf_err e = UF_OK;

	*automatic = false;
	for (size_t i = 0; i < q->nexamples && *rows < EXAMPLE_ROWS_MAX; i++) {
		const struct qual_example *x = &q->examples[i];
		if (x->code != s || !in_report(m, (size_t)x->wave) ||
		    !shown(m, &sub->cell[x->wave][x->grp]))
			continue;
		CK(example_row(t, x->text, sub, kat));
		chosen++;
		(*rows)++;
	}
	if (chosen == 0 && *rows < EXAMPLE_ROWS_MAX) {
		const struct qual_quote *qq = example(m, s, 0);
		if (qq != NULL) {
			CK(example_row(t, qq->text, sub, kat));
			(*rows)++;
			*automatic = true;
		}
	}
out:
	return e;
}

/* Tabell: meningsbärande enhet -> subkategori -> kategori, as the
 * delrapport's Tabell 1: per reported subkategori the examples the
 * evaluators chose (admin web), else one the report picks, named in the
 * note. */
static uf_err
example_table(struct render_ctx *c)
{
	const struct model *m = c->m;
	const struct model_qual *q = m->qual;
	struct table *t = NULL;
	struct buf autos, note;
	size_t rows = 0, nauto = 0;
	uf_err e = UF_OK;

	buf_init(&autos, 4000);
	buf_init(&note, 6000);
	t = ctx_table(c, "Exempel på meningsbärande enhet, subkategori och kategori");
	if (t == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	CK(table_col(t, "Meningsbärande enhet", 5, TABLE_LEFT));
	CK(table_col(t, "Subkategori", 2.2, TABLE_LEFT));
	CK(table_col(t, "Kategori", 2.2, TABLE_LEFT));
	for (size_t k = 0; k < q->ncodes; k++) {
		if (q->codes[k].level != 1 || !code_shown(m, &q->codes[k]))
			continue;
		for (size_t s = 0; s < q->ncodes; s++) {
			const struct qual_code *sub = &q->codes[s];
			bool automatic;
			if (sub->level != 2 || sub->kategori != k || !code_shown(m, sub))
				continue;
			CK(subkategori_rows(c, t, s, &rows, &automatic));
			/* the note names them; a name too many to list is counted */
			if (automatic && nauto++ < 12)
				CK(buf_printf(&autos, "%s”%s”", nauto > 1 ? ", " : "", sub->name));
		}
	}
	if (nauto == 0)
		CK(buf_adds(&note, "Exemplen är valda av utvärderarna. "));
	else if (nauto == rows)
		CK(buf_adds(&note, "Utvärderarna har inte valt några exempel: rapporten tog "
		                   "själv ett citat per subkategori ur en grupp och mätning med "
		                   "tillräckligt många svarande. "));
	else
		CK(buf_printf(&note, "Exemplen är valda av utvärderarna, utom för %s%s, där "
		                     "ingen valde något: där tog rapporten själv ett citat ur "
		                     "en grupp och mätning med tillräckligt många svarande. ",
		    buf_str(&autos), nauto > 12 ? " med flera" : ""));
	if (rows >= EXAMPLE_ROWS_MAX)
		CK(buf_printf(&note, "Tabellen visar de första %d. ", EXAMPLE_ROWS_MAX));
	CK(buf_adds(&note, "Citaten är avidentifierade: hen i stället för könsbestämda "
	                   "pronomen, [verksamhet], [ort] och [namn] i stället för namn."));
	CK(ctx_emit_rows(c, &t, rows, buf_str(&note)));
out:
	buf_free(&note);
	buf_free(&autos);
	table_free(t);
	return e;
}

uf_err
qual_method(struct render_ctx *c)
{
	const struct model *m = c->m;
	const struct model_qual *q = m->qual;
	char buf[1200], num[32], few[64];
	uf_err e = UF_OK;
	size_t nkat = 0, nsub = 0;

	if (q == NULL)
		return UF_OK;
	fewer(m, few, sizeof few);
	CK(pdf_heading(c->pdf, 2, "Urval"));
	{
		size_t off = 0, ng = 0;
		buf[0] = '\0';
		for (size_t i = 0; i < GROUP__MAX; i++) {
			bool asked = false;
			for (size_t w = 0; w < m->nwaves; w++)
				asked |= in_report(m, w) && model_asked(m, w, ORDER[i]);
			if (!asked)
				continue;
			int k = snprintf(buf + off, sizeof buf - off, "%s%s", ng ? ", " : "",
			    group_noun(ORDER[i]));
			if (k < 0 || (size_t)k >= sizeof buf - off)
				break;
			off += (size_t)k;
			ng++;
		}
		CK(ctx_paragraphf(c, "Enkäten gick till alla deltagare i grupperna %s "
		                     "%s (se deltagandet ovan). Intervjuer och anteckningar hör till "
		                     "samma grupper.",
		    buf, m->focus >= 0 ? "vid mätningen" : "vid de mätningar där gruppen ingick"));
	}
	CK(section_text(c, QS_URVAL));

	bool coded = false;
	for (size_t w = 0; w < m->nwaves; w++)
		for (size_t g = 0; g < GROUP__MAX; g++)
			coded |= in_report(m, w) && (q->docs[w][g][0] > 0 || q->docs[w][g][1] > 0);
	CK(pdf_heading(c->pdf, 2, "Datainsamling"));
	CK(pdf_paragraph(c->pdf, coded ? "Enkäterna (se Bilagor) besvarades digitalt. "
	                                 "Fritextsvaren i enkäterna och utskrifter av intervjuer och anteckningar "
	                                 "analyserades kvalitativt. Material som analyserats, per grupp:" :
	                                 "Enkäterna (se Bilagor) besvarades digitalt. Inget material har ännu "
	                                 "kodats för en kvalitativ analys."));
	for (size_t i = 0; i < GROUP__MAX; i++) {
		long d[2] = { 0, 0 };
		for (size_t w = 0; w < m->nwaves; w++)
			for (int k = 0; k < 2; k++)
				d[k] += in_report(m, w) ? q->docs[w][ORDER[i]][k] : 0;
		if (d[0] == 0 && d[1] == 0)
			continue;
		char a[32];
		count_text(m, d[1], num, sizeof num);
		count_text(m, d[0], a, sizeof a);
		if (snprintf(buf, sizeof buf, "%s: %s intervjuutskrifter eller "
		                              "anteckningar, %s fritextsvar.",
		        group_report(ORDER[i]), num, a) > 0)
			CK(pdf_bullet(c->pdf, buf));
	}
	CK(section_text(c, QS_DATAINSAMLING));

	CK(pdf_heading(c->pdf, 2, "Dataanalys"));
	if (!coded) {
		CK(section_text(c, QS_DATAANALYS));
		goto out;
	}
	for (size_t k = 0; k < q->ncodes; k++) {
		nkat += q->codes[k].level == 1;
		nsub += q->codes[k].level == 2;
	}
	CK(ctx_paragraphf(c, "Materialet analyserades med kvalitativ innehållsanalys "
	                     "med induktiv ansats (Graneheim m.fl., 2017). Texten delades i "
	                     "meningsbärande enheter, som kondenserades och kodades; koderna grupperades "
	                     "i subkategorier och kategorier (%zu kategorier och %zu subkategorier). "
	                     "Dokument som kodats av två personer oberoende av varandra räknas med "
	                     "den första kodarens kodning. En kategori, subkategori eller cell "
	                     "redovisas bara när minst %ld olika svarande står bakom den; en "
	                     "intervjuutskrift utan känd deltagare räknas som en svarande. Exempel i "
	                     "tabellen nedan.",
	    nkat, nsub, m->min_cell));
	CK(example_table(c));
	CK(section_text(c, QS_DATAANALYS));
out:
	return e;
}

/* ---- Etiska överväganden, Beskrivning av projektet -------------------------- */

uf_err
qual_ethics(struct render_ctx *c)
{
	const struct model *m = c->m;
	const struct model_qual *q = m->qual;
	char buf[1600], versions[800] = "", num[32];
	uf_err e = UF_OK;

	if (q == NULL)
		return UF_OK;
	CK(pdf_heading(c->pdf, 1, "Etiska överväganden"));
	CK(pdf_paragraph(c->pdf, "Utvärderingen har tagit ställning till de fyra "
	                         "forskningsetiska principerna: informationskravet, samtyckeskravet, "
	                         "konfidentialitetskravet och nyttjandekravet (Vetenskapsrådet, 2017). "
	                         "Personuppgifterna behandlas enligt EU:s dataskyddsförordning 2016/679 "
	                         "(GDPR) och dataskyddslagen (2018:218)."));
	size_t off = 0;
	for (size_t w = 0; w < m->nwaves; w++) {
		if (!in_report(m, w) || q->consent[w][0] == '\0')
			continue;
		int k = snprintf(versions + off, sizeof versions - off, "%s%d månader: %s",
		    off ? "; " : "", m->waves[w].months, q->consent[w]);
		if (k < 0 || (size_t)k >= sizeof versions - off)
			break;
		off += (size_t)k;
	}
	if (snprintf(buf, sizeof buf, "Informationskravet: varje deltagare fick "
	                              "skriftlig information om utvärderingens syfte, att deltagandet är "
	                              "frivilligt, hur svaren hanteras och om rätten att ta tillbaka sitt "
	                              "samtycke, innan frågorna (se Bilagor). %s%s%s",
	        off ?
	            "Informationstextens version vid samtycket: " :
	            "",
	        versions,
	        off ? "." : "") > 0)
		CK(pdf_bullet(c->pdf, buf));
	/* how many withdrew, never a small number */
	char gone[200];
	count_text(m, (long)q->withdrawn, num, sizeof num);
	if ((q->withdrawals_counted ? snprintf(gone, sizeof gone, "Sedan %s har %s "
	                                                          "deltagare tagit tillbaka sitt samtycke.",
	                                  q->withdrawn_since,
	                                  q->withdrawn == 0 ? "ingen" : num) :
	                              snprintf(gone, sizeof gone, "Ingen "
	                                                          "deltagare har tagit tillbaka sitt samtycke.")) < 0)
		gone[0] = '\0';
	if (snprintf(buf, sizeof buf, "Samtyckeskravet: deltagandet är frivilligt "
	                              "och bygger på samtycke som lämnas innan svaren; den som tackar nej "
	                              "räknas bara som ett nej. Samtycket kan när som helst tas tillbaka, och "
	                              "då raderas personens svar, intervjuutskrifter och kodningar, och de "
	                              "räknas inte i rapporten. %s",
	        gone) > 0)
		CK(pdf_bullet(c->pdf, buf));
	if (snprintf(buf, sizeof buf, "Konfidentialitetskravet: svaren sparas med en "
	                              "pseudonym kod, aldrig med namn. Grupper, kategorier och celler med färre "
	                              "än %ld svarande redovisas inte. Alla verksamheter för patienter och "
	                              "brukare kallas patient/brukare, hen används i stället för könsbestämda "
	                              "pronomen även i citat, och namn på verksamheter, orter och personer ersätts med "
	                              "[verksamhet], [ort] och [namn].",
	        m->min_cell) > 0)
		CK(pdf_bullet(c->pdf, buf));
	CK(pdf_bullet(c->pdf, "Nyttjandekravet: uppgifterna används bara för "
	                      "utvärderingen, och rapporten redovisar bara resultat på gruppnivå."));
	CK(section_text(c, QS_ETIK));
	if (q->section[QS_BESKRIVNING] != NULL) {
		CK(pdf_heading(c->pdf, 1, "Beskrivning av projektet"));
		CK(section_text(c, QS_BESKRIVNING));
	}
out:
	return e;
}

/* ---- Resultat ------------------------------------------------------------------ */

/* A cell: the meaning units when enough respondents stand behind them,
 * "·" when some but too few, "–" when none. */
static uf_err
count_cell(struct table *t, size_t r, size_t col, const struct model *m,
    const struct qual_cell *cell)
{
	if (cell->units == 0)
		return table_set(t, r, col, "–");
	if (!shown(m, cell))
		return table_set(t, r, col, "·");
	return table_setf(t, r, col, "%ld", cell->units);
}

/* Whether group g is asked in some wave of the report. */
static bool
group_in_report(const struct model *m, enum respondent_group g)
{
	for (size_t w = 0; w < m->nwaves; w++)
		if (in_report(m, w) && model_asked(m, w, g))
			return true;
	return false;
}

/* The rows of one code. Delrapport: one row, a column per group.
 * Slutrapport: the code's name over a row per group that has meaning
 * units in it, a column per wave. */
static uf_err
code_rows(struct table *t, const struct model *m, const char *name,
    const struct qual_cell cell[][GROUP__MAX], size_t *rows)
{
	uf_err e = UF_OK;
	size_t r;

	if (m->focus >= 0) {
		size_t col = 1;
		CK(table_row(t, TABLE_ROW_BODY, &r));
		CK(table_set(t, r, 0, name));
		for (size_t i = 0; i < GROUP__MAX; i++)
			if (model_asked(m, (size_t)m->focus, ORDER[i]))
				CK(count_cell(t, r, col++, m, &cell[m->focus][ORDER[i]]));
		(*rows)++;
		return UF_OK;
	}
	CK(table_row(t, TABLE_ROW_SUBHEAD, &r));
	CK(table_set(t, r, 0, name));
	for (size_t i = 0; i < GROUP__MAX; i++) {
		enum respondent_group g = ORDER[i];
		bool any = false;
		for (size_t w = 0; w < m->nwaves; w++)
			any |= cell[w][g].units > 0;
		if (!any || !group_in_report(m, g))
			continue;
		CK(table_row(t, TABLE_ROW_BODY, &r));
		CK(table_set(t, r, 0, group_report(g)));
		for (size_t w = 0; w < m->nwaves && w + 1 < TABLE_MAX_COLS; w++)
			CK(model_asked(m, w, g) ? count_cell(t, r, w + 1, m, &cell[w][g]) :
			                          table_set(t, r, w + 1, ""));
		(*rows)++;
	}
out:
	return e;
}

static uf_err
kategori_table(struct render_ctx *c, size_t k, size_t *hidden_subs)
{
	const struct model *m = c->m;
	const struct model_qual *q = m->qual;
	const struct qual_code *kat = &q->codes[k];
	struct table *t = NULL;
	char cap[600], head[64], note[800];
	size_t rows = 0;
	uf_err e = UF_OK;
	bool direct = false;

	if (m->focus >= 0) {
		if (snprintf(cap, sizeof cap, "Meningsbärande enheter per subkategori och "
		                              "grupp – %s, %d månader",
		        kat->name, m->waves[m->focus].months) < 0)
			cap[0] = '\0';
	} else if (snprintf(cap, sizeof cap, "Meningsbärande enheter per subkategori, "
	                                     "grupp och mätning – %s",
	               kat->name) < 0) {
		cap[0] = '\0';
	}
	t = ctx_table(c, cap);
	if (t == NULL)
		return UF_ENOMEM;
	if (m->focus >= 0) {
		CK(table_col(t, "Subkategori", 4, TABLE_LEFT));
		for (size_t i = 0; i < GROUP__MAX; i++)
			if (model_asked(m, (size_t)m->focus, ORDER[i]))
				CK(table_col(t, group_report(ORDER[i]), 1.2, TABLE_RIGHT));
	} else {
		CK(table_col(t, "Subkategori och grupp", 4, TABLE_LEFT));
		for (size_t w = 0; w < m->nwaves && w + 1 < TABLE_MAX_COLS; w++) {
			if (snprintf(head, sizeof head, "%d mån", m->waves[w].months) < 0)
				head[0] = '\0';
			CK(table_col(t, head, 1, TABLE_RIGHT));
		}
	}
	for (size_t s = 0; s < q->ncodes; s++) {
		const struct qual_code *sub = &q->codes[s];
		if (sub->level != 2 || sub->kategori != k)
			continue;
		if (!code_shown(m, sub)) {
			bool any = false;
			for (size_t w = 0; w < m->nwaves; w++)
				any |= in_report(m, w) && sub->all[w].units > 0;
			*hidden_subs += any;
			continue;
		}
		CK(code_rows(t, m, sub->name, sub->cell, &rows));
	}
	for (size_t w = 0; w < m->nwaves; w++)
		for (size_t g = 0; g < GROUP__MAX; g++)
			direct |= in_report(m, w) && kat->direct[w][g].units > 0;
	if (direct)
		CK(code_rows(t, m, "(kodat direkt på kategorin)", kat->direct, &rows));
	if (snprintf(note, sizeof note, "Antal meningsbärande enheter. · = redovisas "
	                                "inte: färre än %ld svarande bakom; – = inga. En svarande kan stå bakom "
	                                "flera enheter, och %s summeras inte.",
	        m->min_cell,
	        m->focus >= 0 ? "kolumnerna" : "raderna och kolumnerna") < 0)
		note[0] = '\0';
	CK(ctx_emit_rows(c, &t, rows, note));
out:
	table_free(t);
	return e;
}

static uf_err
quotes_of(struct render_ctx *c, size_t code)
{
	const struct model *m = c->m;
	char buf[2400];
	uf_err e = UF_OK;

	const struct qual_quote *done[QUAL_QUOTES_PER_CELL];
	size_t ndone = 0;
	for (size_t i = 0; ndone < QUAL_QUOTES_PER_CELL; i++) {
		const struct qual_quote *qq = example(m, code, i);
		if (qq == NULL)
			break;
		/* the same words from two people are printed once */
		bool seen = false;
		for (size_t j = 0; j < ndone; j++)
			seen |= strcmp(done[j]->text, qq->text) == 0;
		if (seen)
			continue;
		done[ndone++] = qq;
		int k = m->focus >= 0 ? snprintf(buf, sizeof buf, "”%s” (%s)", qq->text,
		                            group_noun(qq->grp)) :
		                        snprintf(buf, sizeof buf,
		                            "”%s” (%s, %d månader)", qq->text, group_noun(qq->grp),
		                            m->waves[qq->wave].months);
		CK(pdf_quote(c->pdf, k > 0 && (size_t)k < sizeof buf ? buf : qq->text));
	}
out:
	return e;
}

/* A kategori's respondents at wave w in the groups where its cell is
 * shown: a hidden group adds nothing, so no difference of printed figures
 * says anything about it. */
static long
shown_respondents(const struct model *m, const struct qual_code *kat, size_t w)
{
	long n = 0;
	for (size_t g = 0; g < GROUP__MAX; g++)
		if (shown(m, &kat->cell[w][g]))
			n += kat->cell[w][g].respondents;
	return n;
}

/* Slutrapport: per kategori whether it is reported at each wave and what
 * changed. No counts: next to the subkategori tables a kategori's number
 * of respondents would bound a hidden cell from below. */
static uf_err
change_table(struct render_ctx *c)
{
	const struct model *m = c->m;
	const struct model_qual *q = m->qual;
	struct table *t = NULL;
	char head[32], what[600], note[1200];
	size_t rows = 0;
	uf_err e = UF_OK;

	CK(pdf_heading(c->pdf, 2, "Kategorierna över tid"));
	t = ctx_table(c, "Kategorier per mätning: redovisas och förändring");
	if (t == NULL)
		return UF_ENOMEM;
	CK(table_col(t, "Kategori", 3, TABLE_LEFT));
	for (size_t w = 0; w < m->nwaves && w + 3 < TABLE_MAX_COLS; w++) {
		if (snprintf(head, sizeof head, "%d mån", m->waves[w].months) < 0)
			head[0] = '\0';
		CK(table_col(t, head, 0.9, TABLE_CENTER));
	}
	CK(table_col(t, "Förändring", 3.2, TABLE_LEFT));
	for (size_t k = 0; k < q->ncodes; k++) {
		const struct qual_code *kat = &q->codes[k];
		if (kat->level != 1 || !code_shown(m, kat))
			continue;
		size_t r, off = 0, nw = m->nwaves < TABLE_MAX_COLS - 3 ? m->nwaves : TABLE_MAX_COLS - 3;
		CK(table_row(t, TABLE_ROW_BODY, &r));
		CK(table_set(t, r, 0, kat->name));
		what[0] = '\0';
		for (size_t w = 0; w < nw; w++) {
			const struct qual_cell *now = &kat->all[w];
			CK(table_set(t, r, w + 1, now->respondents == 0 ? "–" : shown(m, now) ? "ja" :
			                                                                        "·"));
			if (w == 0)
				continue;
			const struct qual_cell *was = &kat->all[w - 1];
			long a = shown_respondents(m, kat, w - 1), b = shown_respondents(m, kat, w);
			const char *ev = NULL;
			if (shown(m, now) && !shown(m, was))
				ev = "tillkom";
			else if (!shown(m, now) && shown(m, was))
				ev = "avtog";
			else if (shown(m, now) && a > 0 && b * 4 >= a * 5)
				ev = "ökade";
			else if (shown(m, now) && b * 5 <= a * 4)
				ev = "minskade";
			if (ev == NULL)
				continue;
			int n = snprintf(what + off, sizeof what - off, "%s%s vid %d mån",
			    off ? "; " : "", ev, m->waves[w].months);
			if (n > 0 && (size_t)n < sizeof what - off)
				off += (size_t)n;
		}
		CK(table_set(t, r, nw + 1, off ? what : "ingen tydlig förändring"));
		rows++;
	}
	if (snprintf(note, sizeof note, "ja = kategorin redovisas: minst %ld olika "
	                                "svarande (alla grupper) står bakom dess meningsbärande enheter vid "
	                                "mätningen; · = färre; – = inga. Tillkom: redovisas efter en mätning då "
	                                "den inte kunde redovisas; avtog: tvärtom. Ökade och minskade: minst en "
	                                "fjärdedel fler respektive en femtedel färre svarande än vid mätningen "
	                                "före, räknat bara i de grupper som redovisas i kategorin; antalet "
	                                "svarande beror också av hur många som deltog.",
	        m->min_cell) < 0)
		note[0] = '\0';
	CK(ctx_emit_rows(c, &t, rows, note));
out:
	table_free(t);
	return e;
}

uf_err
qual_results(struct render_ctx *c)
{
	const struct model *m = c->m;
	const struct model_qual *q = m->qual;
	size_t nkat = 0, hidden = 0, hidden_subs = 0;
	char few[64];
	uf_err e = UF_OK;

	if (q == NULL)
		return UF_OK;
	fewer(m, few, sizeof few);
	for (size_t k = 0; k < q->ncodes; k++) {
		if (q->codes[k].level != 1)
			continue;
		bool any = false;
		for (size_t w = 0; w < m->nwaves; w++)
			any |= in_report(m, w) && q->codes[k].all[w].units > 0;
		if (!any)
			continue;
		if (code_shown(m, &q->codes[k]))
			nkat++;
		else
			hidden++;
	}
	if (nkat == 0 && hidden == 0)
		return UF_OK;
	progress(c, "resultat per kategori");
	CK(pdf_heading(c->pdf, 1, "Resultat"));
	CK(ctx_paragraphf(c, "Resultatet av den kvalitativa analysen redovisas under "
	                     "de kategorier som kom fram, med subkategorierna under varje kategori, "
	                     "vilka grupper som uttryckte vad, exempel på citat och författarnas "
	                     "egna reflektioner. Enkätsvaren redovisas per tema i kapitlen efter "
	                     "detta."));
	if (hidden > 0)
		CK(ctx_paragraphf(c, "%s redovisas inte eftersom %s står bakom %s.",
		    hidden == 1 ? "En kategori" : "Några kategorier", few,
		    hidden == 1 ? "den" : "var och en av dem"));
	if (m->focus < 0)
		CK(change_table(c));
	for (size_t k = 0; k < q->ncodes; k++) {
		const struct qual_code *kat = &q->codes[k];
		if (kat->level != 1 || !code_shown(m, kat))
			continue;
		CK(pdf_heading(c->pdf, 2, kat->name));
		CK(kategori_table(c, k, &hidden_subs));
		for (size_t s = 0; s < q->ncodes; s++) {
			const struct qual_code *sub = &q->codes[s];
			if (sub->level != 2 || sub->kategori != k || !code_shown(m, sub))
				continue;
			CK(pdf_heading(c->pdf, 3, sub->name));
			if (example(m, s, 0) == NULL)
				CK(pdf_note(c->pdf, "Inga citat ur grupper med tillräckligt "
				                    "många svarande."));
			CK(quotes_of(c, s));
		}
		if (example(m, k, 0) != NULL) {
			CK(pdf_heading(c->pdf, 3, "Kodat direkt på kategorin"));
			CK(quotes_of(c, k));
		}
		if (kat->reflection != NULL && kat->reflection[0] != '\0') {
			CK(pdf_heading(c->pdf, 3, "Författarnas reflektion"));
			CK(markup_render(c->pdf, kat->reflection, 3));
		}
	}
	if (hidden_subs > 0)
		CK(ctx_paragraphf(c, "%s redovisas inte eftersom %s står bakom %s.",
		    hidden_subs == 1 ? "En subkategori" : "Några subkategorier", few,
		    hidden_subs == 1 ? "den" : "var och en av dem"));
out:
	return e;
}

/* ---- Diskussion, Referenser, Bilagor ------------------------------------------ */

uf_err
qual_back(struct render_ctx *c)
{
	const struct model *m = c->m;
	const struct model_qual *q = m->qual;
	char label[32];
	int n = 0;
	uf_err e = UF_OK;

	if (q == NULL)
		return UF_OK;
	if (q->section[QS_METODDISKUSSION] != NULL || q->section[QS_RESULTATDISKUSSION] != NULL) {
		CK(pdf_heading(c->pdf, 1, "Diskussion"));
		if (q->section[QS_METODDISKUSSION] != NULL) {
			CK(pdf_heading(c->pdf, 2, "Metoddiskussion"));
			CK(section_text(c, QS_METODDISKUSSION));
		}
		if (q->section[QS_RESULTATDISKUSSION] != NULL) {
			CK(pdf_heading(c->pdf, 2, "Resultatdiskussion"));
			CK(section_text(c, QS_RESULTATDISKUSSION));
		}
	}
	if (q->section[QS_REFERENSER] != NULL) {
		CK(pdf_heading(c->pdf, 1, "Referenser"));
		CK(section_text(c, QS_REFERENSER));
	}
	progress(c, "bilagor");
	CK(pdf_heading(c->pdf, 1, "Bilagor"));
	CK(pdf_paragraph(c->pdf, "Enkäterna som de ställdes, en bilaga per grupp, och "
	                         "informationen till deltagarna."));
	for (size_t i = 0; i < GROUP__MAX; i++) {
		const struct form *f = m->groups[ORDER[i]].form;
		bool asked = false;
		for (size_t w = 0; w < m->nwaves; w++)
			asked |= in_report(m, w) && model_asked(m, w, ORDER[i]);
		if (f == NULL || !asked)
			continue;
		if (snprintf(label, sizeof label, "Bilaga %d", ++n) < 0)
			label[0] = '\0';
		CK(questionnaire_write(c->pdf, f, label));
	}
	CK(qual_info_bilaga(c, ++n));
out:
	return e;
}
