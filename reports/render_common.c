/* SPDX-License-Identifier: ISC
 * What both reports share: Swedish number formats, numbered tables that go to
 * the PDF and (with --csv) to a CSV file with the very same cells, numbered
 * figures, scale score summaries, and opening/closing the document.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "privacy.h"
#include "render.h"

const char *const LIKERT_SHORT[5] = {
	"Inte alls",
	"Ganska dåligt",
	"Delvis",
	"Ganska bra",
	"Helt",
};
const char *const LIKERT_LONG[5] = {
	"Stämmer inte alls",
	"Stämmer ganska dåligt",
	"Stämmer delvis",
	"Stämmer ganska bra",
	"Stämmer helt",
};

static void
put(char *out, size_t n, const char *s)
{
	if (n && snprintf(out, n, "%s", s) < 0)
		out[0] = '\0';
}

void
fmt_dec(double v, int dec, char *out, size_t n)
{
	if (isnan(v) || n < 2) {
		put(out, n, "–");
		return;
	}
	/* half away from zero on the decimal value (stats_round), then printed:
	 * the rounded double prints as exactly its dec decimals */
	int k = snprintf(out, n, "%.*f", dec, stats_round(v, dec));
	if (k < 0 || (size_t)k >= n) {
		put(out, n, "–");
		return;
	}
	char *dot = strchr(out, '.');
	if (dot != NULL)
		*dot = ',';
	/* "-0,0" reads oddly */
	if (out[0] == '-' && strspn(out + 1, "0,") == strlen(out + 1))
		memmove(out, out + 1, strlen(out));
}

void
fmt_pct(long part, long whole, char *out, size_t n)
{
	if (whole <= 0) {
		put(out, n, "–");
		return;
	}
	if (part < 0 || snprintf(out, n, "%ld", stats_pct_round(part, whole)) < 0)
		put(out, n, "–");
}

void
fmt_p(double p, char *out, size_t n)
{
	if (isnan(p)) {
		put(out, n, "–");
		return;
	}
	if (p < 0.001) {
		put(out, n, "< 0,001");
		return;
	}
	fmt_dec(p, 3, out, n);
}

void
fmt_fewer(const struct model *m, char *out, size_t n)
{
	if (snprintf(out, n, "färre än %ld svar", m->min_cell) < 0)
		put(out, n, "");
}

double
agree_pct(const struct item_counts *ic)
{
	if (ic->n <= 0)
		return NAN;
	return 100.0 * (double)(ic->v[3] + ic->v[4]) / (double)ic->n;
}

double
favourable_pct(const struct item_counts *ic, bool reversed)
{
	if (ic->n <= 0)
		return NAN;
	long fav = reversed ? ic->v[0] + ic->v[1] : ic->v[3] + ic->v[4];
	return 100.0 * (double)fav / (double)ic->n;
}

uf_err
statement_cell(struct table *t, size_t r, size_t col, const char *text,
    bool reversed)
{
	if (reversed)
		return table_setf(t, r, col, "%s %s", text, REVERSED_MARK);
	return table_set(t, r, col, text);
}

int
cmp_effect_desc(const struct stats_test *a, const struct stats_test *b)
{
	double x = fabs(a->r), y = fabs(b->r);
	return (x < y) - (x > y);
}

/* Whether the report covers group g: the delrapport's wave asked it, or
 * (slutrapport) some wave did. */
static bool
group_in_report(const struct model *m, enum respondent_group g)
{
	if (m->groups[g].form == NULL)
		return false;
	return m->focus >= 0 ? model_asked(m, (size_t)m->focus, g) : m->groups[g].present;
}

uf_err
reversed_paragraph(struct render_ctx *c)
{
	const struct model *m = c->m;
	struct buf b;
	uf_err e = UF_OK;
	size_t n = 0;

	buf_init(&b, 16384);
	e = buf_printf(&b, "Några påståenden är omvänt formulerade: att instämma i "
	                   "dem är det negativa svaret. De markeras %s i tabellerna, där svaren "
	                   "redovisas som de gavs. I skalpoäng och temapoäng vänds de (6 − svaret) "
	                   "så att ett högt värde alltid är positivt, och %s. Omvända påståenden:",
	    REVERSED_MARK, m->focus >= 0 ? "i sammanfattningens urval av mest och "
	                                   "minst positiva svar räknas för dem svaren 1–2 (instämmer inte) som "
	                                   "positiva" :
	                                   "sammanfattningen säger när en förändring gäller ett "
	                                   "omvänt påstående (där en ökning är negativ)");
	for (size_t g = 0; e == UF_OK && g < GROUP__MAX; g++) {
		if (!group_in_report(m, (enum respondent_group)g))
			continue;
		const struct form *f = m->groups[g].form;
		size_t k = 0;
		for (size_t i = 0; e == UF_OK && i < f->nitems; i++) {
			if (!f->items[i].reversed || f->items[i].type != ITEM_LIKERT5 ||
			    (m->focus >= 0 && !model_item_asked(m, (size_t)m->focus, (enum respondent_group)g, i)))
				continue;
			if (k == 0)
				e = buf_printf(&b, "%s%s: ", n == 0 ? " " : "; ",
				    group_report((enum respondent_group)g));
			if (e == UF_OK)
				e = buf_printf(&b, "%s”%s”", k == 0 ? "" : ", ", f->items[i].sv);
			k++;
			n++;
		}
	}
	/* the quoted statements end in their own full stop */
	if (e == UF_OK && n > 0)
		e = pdf_paragraph(c->pdf, buf_str(&b));
	buf_free(&b);
	return e;
}

uf_err
rounding_paragraph(struct render_ctx *c)
{
	return pdf_paragraph(c->pdf, "Avrundning: varje tal avrundas för sig till "
	                             "närmaste värde, och ett tal mitt emellan avrundas bort från noll "
	                             "(12,5 % blir 13 %, medelvärdet 2,25 blir 2,3), som i officiell "
	                             "statistik. Avrundningen avgörs på talets decimala värde med 15 "
	                             "värdesiffror, så att till exempel 29/20 = 1,45 blir 1,5 fast datorns "
	                             "binära tal ligger en aning under 1,45. Andelarna i en rad avrundas var "
	                             "för sig och kan därför summera till mellan 98 och 102 procent.");
}

void
progress(const struct render_ctx *c, const char *what)
{
	if (c->o->progress)
		fprintf(stderr, "uppfolj-report: %s\n", what);
}

uf_err
likert_cells(const struct render_ctx *c, struct table *t, size_t r, size_t col,
    const struct item_counts *ic, const struct disc_item *di,
    struct pdf_divbar_row *dr, bool *stats)
{
	static const char *const merged_label[3] = { "1–2", "3", "4–5" };
	static const size_t merged_col[3] = { 0, 2, 3 };
	char cell[64], pct[32];
	uf_err e;

	*stats = false;
	if ((e = table_setf(t, r, col, "%ld", ic->n)) != UF_OK)
		return e;
	/* "vet ej" exactly: with required questions it follows from n and the
	 * group's size anyway, so a range would only pretend */
	if ((e = table_setf(t, r, col + 6, "%ld", ic->dont_know)) != UF_OK)
		return e;
	/* "vill inte svara" likewise: n + vet ej + vill ej is the group's
	 * answered count, printed exactly too */
	if ((e = table_setf(t, r, col + 7, "%ld", ic->declined)) != UF_OK)
		return e;
	for (int v = 0; v < 5; v++)
		if ((e = table_set(t, r, col + 1 + (size_t)v, "·")) != UF_OK)
			return e;
	switch (di->row) {
	case DISC_ROW_FULL:
		for (int v = 0; v < 5; v++) {
			fmt_pct(ic->v[v], ic->n, cell, sizeof cell);
			if ((e = table_set(t, r, col + 1 + (size_t)v, cell)) != UF_OK)
				return e;
			dr->pct[v] = 100.0 * (double)ic->v[v] / (double)ic->n;
		}
		*stats = true;
		break;
	case DISC_ROW_MERGED:
		/* 1-2 under "Inte alls", 3 under "Delvis", 4-5 under "Ganska bra" */
		for (int k = 0; k < 3; k++) {
			fmt_pct(di->merged[k], ic->n, pct, sizeof pct);
			if (k == 1)
				e = table_set(t, r, col + 1 + merged_col[k], pct);
			else
				e = table_setf(t, r, col + 1 + merged_col[k], "%s (%s)", pct,
				    merged_label[k]);
			if (e != UF_OK)
				return e;
		}
		dr->hidden = true;
		dr->note = "sammanslagen fördelning, se tabellen";
		break;
	case DISC_ROW_WITHHELD:
		dr->hidden = true;
		dr->note = "fördelningen redovisas inte";
		break;
	case DISC_ROW_FEW:
	case DISC_ROW__MAX:
		return UF_EINTERNAL; /* callers print "färre än N svar" */
	}
	return UF_OK;
}

bool
divbars_any(const struct pdf_divbar_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!rows[i].hidden)
			return true;
	return false;
}

uf_err
disclosure_method(struct render_ctx *c)
{
	const struct model *m = c->m;
	long k = c->disc->min_category;
	char buf[2000], range[32];
	uf_err e;
	int n;

	if ((e = pdf_heading(c->pdf, 2, "Skydd av enskilda svarande")) != UF_OK)
		return e;
	n = snprintf(buf, sizeof buf, "Grupper med färre än %ld svar vid en mätning "
	                              "redovisas inte alls för den mätningen: inga antal i rubriker, "
	                              "innehållsförteckning, tabeller, diagram eller sammanfattning. Totaler "
	                              "räknas därför bara över de grupper som redovisas (”Totalt, redovisade "
	                              "grupper”), så att en dold grupp inte kan räknas fram som totalen minus "
	                              "de övriga. Frågor med färre än %ld svar redovisas inte heller. I "
	                              "tabellen över svarande per verksamhetstyp döljs (–) varje antal under "
	                              "%ld, och därtill så många andra celler att inget dolt litet antal kan "
	                              "räknas fram ur summorna eller ur antal som står på andra ställen i "
	                              "rapporten. Alla siffror som rapporten visar prövas tillsammans innan den "
	                              "skrivs: inget dolt litet antal får gå att räkna ut exakt ur dem, varken "
	                              "som en summa eller skillnad av visade siffror eller genom att det bara "
	                              "finns ett möjligt värde.",
	    m->min_cell, m->min_cell, m->min_cell);
	if (n > 0 && (size_t)n < sizeof buf && (e = pdf_paragraph(c->pdf, buf)) != UF_OK)
		return e;
	disclosure_cell_text(DISC_CELL_FEW, 0, 0, k, range, sizeof range);
	if (k > 1)
		n = snprintf(buf, sizeof buf, "Svarsfördelningar: ett svarsalternativ som "
		                              "bara %s personer valt visas inte som det är. För påståenden slås "
		                              "svaren då ihop till tre grupper – 1–2, 3 och 4–5 – och median och "
		                              "medelvärde redovisas inte för den raden (de skulle avslöja "
		                              "fördelningen inom grupperna); har även en sammanslagen grupp %s svar "
		                              "redovisas bara n. I frågor med fasta svarsalternativ visas sådana "
		                              "antal som intervallet %s, och ytterligare ett antal döljs (–) om det "
		                              "annars gick att räkna fram ur totalen. I grupper med färre än %d "
		                              "svarande redovisas ingen fördelning där minst 90 %% gett samma svar, "
		                              "eftersom den visar vad varje person svarat. Antalet ”Vet ej” "
		                              "redovisas exakt: det följer ändå av n och gruppens storlek.",
		    range, range, range, DISC_DOMINANCE_GROUP);
	else
		n = snprintf(buf, sizeof buf, "Svarsfördelningar: i grupper med färre än "
		                              "%d svarande redovisas ingen fördelning där minst 90 %% gett samma "
		                              "svar, eftersom den visar vad varje person svarat.",
		    DISC_DOMINANCE_GROUP);
	if (n > 0 && (size_t)n < sizeof buf && (e = pdf_paragraph(c->pdf, buf)) != UF_OK)
		return e;
	n = snprintf(buf, sizeof buf, "Test (Z, p, Holm-justerat p och r) säger aldrig "
	                              "mer än de medelvärden de jämför: där en svarsfördelning slagits ihop "
	                              "eller inte redovisas döljs (·) både medelvärdet och varje test av det. "
	                              "Ett parat test visar dessutom åt vilket håll paren ändrats (r = −1 från "
	                              "sex par betyder att alla sex sänkt sitt svar), så med färre än %d par "
	                              "döljs konfidensintervall, p och r när minst 90 %% av paren ändrats åt "
	                              "samma håll (eller inte alls). Dolda test räknas inte i Holms "
	                              "justering, som görs över de test rapporten redovisar (annars skulle "
	                              "de justerade p-värdena säga något om de dolda), och de väljs aldrig "
	                              "till sammanfattningen. I temadiagrammen saknas en grupps punkt när "
	                              "just ett av temats påståenden saknar medelvärde i tabellerna, "
	                              "eftersom punkten då skulle avslöja det.",
	    DISC_DOMINANCE_GROUP);
	if (n > 0 && (size_t)n < sizeof buf && (e = pdf_paragraph(c->pdf, buf)) != UF_OK)
		return e;
	return pdf_paragraph(c->pdf, "Verksamheter anges bara som verksamhetstyp "
	                             "(till exempel ”psykiatri, heldygnsvård”), aldrig med namn, och patienter "
	                             "och brukare kallas genomgående patient/brukare. I fritextsvaren har "
	                             "könsbestämda pronomen ersatts med hen och hens. Namn på verksamheter "
	                             "ersätts med [verksamhet], både hela namnet och varje ord i det med minst "
	                             "fyra bokstäver (utom allmänna ord som avdelning, klinik och kommun), "
	                             "oavsett stora eller små bokstäver och även med ändelse (till exempel "
	                             "genitiv-s), liksom avdelningsnummer (”avdelning 12”); ortnamn i "
	                             "enheternas namn (ordet före kommun, stad, region eller län) blir [ort], "
	                             "och namn som studien själv listat för maskering blir [namn], [ort] eller "
	                             "[verksamhet].");
}

const char *
likert_disclosure_note(const struct render_ctx *c)
{
	return c->disc_note;
}

struct table *
ctx_table(struct render_ctx *c, const char *caption)
{
	char cap[600], name[32];
	c->ntables++;
	if (snprintf(cap, sizeof cap, "Tabell %d. %s", c->ntables, caption) < 0 ||
	    snprintf(name, sizeof name, "tabell_%02d", c->ntables) < 0)
		return NULL;
	return table_new(cap, name);
}

uf_err
ctx_emit(struct render_ctx *c, struct table **tp)
{
	struct table *t = *tp;
	uf_err e;

	*tp = NULL;
	e = pdf_table(c->pdf, t);
	if (e == UF_OK && c->o->csv_dir != NULL)
		e = table_write_csv(t, c->o->csv_dir);
	table_free(t);
	return e;
}

uf_err
ctx_emit_rows(struct render_ctx *c, struct table **tp, size_t rows,
    const char *note)
{
	uf_err e = UF_OK;

	if (rows > 0 && (e = table_note(*tp, note)) == UF_OK) {
		e = ctx_emit(c, tp);
	} else {
		table_free(*tp);
		*tp = NULL;
	}
	return e;
}

uf_err
ctx_paragraphf(struct render_ctx *c, const char *fmt, ...)
{
	char buf[4000];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof buf)
		return UF_ELIMIT;
	return pdf_paragraph(c->pdf, buf);
}

uf_err
likert_cols(struct table *t, double cat_weight, double m_weight)
{
	uf_err e;

	if ((e = table_col(t, "n", 0.7, TABLE_RIGHT)) != UF_OK)
		return e;
	for (int v = 0; v < 5; v++)
		if ((e = table_col(t, LIKERT_SHORT[v], cat_weight, TABLE_RIGHT)) != UF_OK)
			return e;
	if ((e = table_col(t, "Vet ej", 0.8, TABLE_RIGHT)) != UF_OK ||
	    (e = table_col(t, "Vill ej", 0.8, TABLE_RIGHT)) != UF_OK ||
	    (e = table_col(t, "Md", 0.7, TABLE_RIGHT)) != UF_OK)
		return e;
	return table_col(t, "M", m_weight, TABLE_RIGHT);
}

void
ctx_figure(struct render_ctx *c, const char *caption, char *out, size_t n)
{
	c->nfigures++;
	if (snprintf(out, n, "Figur %d. %s", c->nfigures, caption) < 0)
		put(out, n, caption);
}

uf_err
ctx_open(struct render_ctx *c, const struct model *m, const struct render_opts *o,
    const char *subtitle, const char *const *lines, size_t nlines, char *msg,
    size_t msglen)
{
	char foot[600];
	uf_err e;

	memset(c, 0, sizeof *c);
	c->m = m;
	c->o = o;
	if ((e = disclosure_plan(m, o->min_category, &c->disc)) != UF_OK) {
		if (msglen && snprintf(msg, msglen, "%s", e == UF_ELIMIT ? "a small count cannot be protected by complementary suppression" : "out of memory") < 0)
			msg[0] = '\0';
		return e;
	}
	if (o->min_category > 1) {
		if (snprintf(c->disc_note, sizeof c->disc_note, "Skyddade celler: ”(1–2)” "
		                                                "och ”(4–5)” = andel som svarat 1 eller 2 respektive 4 eller 5, "
		                                                "sammanslaget när ett svarsalternativ hade färre än %ld svar (då "
		                                                "redovisas inte Md och M); · = ingår i en sammanslagning eller "
		                                                "redovisas inte.",
		        o->min_category) < 0)
			c->disc_note[0] = '\0';
	} else if (snprintf(c->disc_note, sizeof c->disc_note, "· = fördelningen "
	                                                       "redovisas inte.") < 0)
		c->disc_note[0] = '\0';
	e = pdf_new(o->font_dir, &c->pdf, msg, msglen);
	if (e != UF_OK)
		return e;
	if (snprintf(foot, sizeof foot, "Resultat redovisas på gruppnivå. Grupper och "
	                                "frågor med färre än %ld svar redovisas inte. Verksamheter anges bara som "
	                                "verksamhetstyp, patienter och brukare kallas patient/brukare och i citat "
	                                "används hen i stället för könsbestämda pronomen.",
	        m->min_cell) < 0)
		foot[0] = '\0';
	e = pdf_set_info(c->pdf, m->name, subtitle);
	if (e == UF_OK && o->draft)
		e = pdf_set_watermark(c->pdf, "UTKAST");
	if (e == UF_OK)
		e = pdf_title_page(c->pdf, m->name, subtitle, lines, nlines,
		    m->synthetic ? "Syntetiska data – demostudie. Alla svar är "
		                   "påhittade och beskriver inga verkliga personer eller verksamheter." :
		                   NULL,
		    foot);
	return e;
}

uf_err
ctx_close(struct render_ctx *c, const char *footer, char *msg, size_t msglen)
{
	uf_err e = UF_OK;
	disclosure_free(c->disc);
	c->disc = NULL;
	if (c->pdf == NULL)
		return UF_OK;
	progress(c, "skriver PDF");
	e = pdf_finish(c->pdf, footer, c->o->out_path);
	if (e != UF_OK && msglen && snprintf(msg, msglen, "cannot write %s (%s)", c->o->out_path, pdf_error(c->pdf)) < 0)
		msg[0] = '\0';
	pdf_free(c->pdf);
	c->pdf = NULL;
	return e;
}

void
ctx_abort(struct render_ctx *c, char *msg, size_t msglen)
{
	if (msglen && msg[0] == '\0' && snprintf(msg, msglen, "layout failed: %s", c->pdf ? pdf_error(c->pdf) : "") < 0)
		msg[0] = '\0';
	pdf_free(c->pdf);
	c->pdf = NULL;
	disclosure_free(c->disc);
	c->disc = NULL;
}

uf_err
score_summary(const struct score_set *ss, struct stats_summary *out)
{
	double *vals = malloc(ss->n * sizeof *vals);
	uf_err e = UF_OK;

	if (vals == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < ss->n; i++)
		vals[i] = ss->s[i].value;
	stats_summary_values(vals, ss->n, out); /* sorts vals */
out:
	free(vals);
	return e;
}

uf_err
score_cells(struct table *t, size_t r, size_t col, const struct score_set *ss,
    int md_dec)
{
	struct stats_summary st;
	char cell[64], lo[32], hi[32];
	uf_err e;

	if ((e = score_summary(ss, &st)) != UF_OK ||
	    (e = table_setf(t, r, col, "%ld", st.n)) != UF_OK)
		goto out;
	fmt_dec(st.median, md_dec, cell, sizeof cell);
	if ((e = table_set(t, r, col + 1, cell)) != UF_OK)
		goto out;
	fmt_dec(st.mean, 2, cell, sizeof cell);
	if ((e = table_set(t, r, col + 2, cell)) != UF_OK)
		goto out;
	fmt_dec(st.ci_lo, 2, lo, sizeof lo);
	fmt_dec(st.ci_hi, 2, hi, sizeof hi);
	if (snprintf(cell, sizeof cell, "%s – %s", lo, hi) < 0)
		cell[0] = '\0';
	e = table_set(t, r, col + 3, st.has_ci ? cell : "–");
out:
	return e;
}
