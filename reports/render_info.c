/* SPDX-License-Identifier: ISC
 * The information Bilaga: per group in the report, the Swedish information
 * text exactly as the survey program showed it (forms/info via lib/lang,
 * placeholders filled by lib/info_vars for the report's wave), its version,
 * the consent question, the languages and easy-to-read variants offered,
 * and the consents per language and version where the min-cell rule
 * allows. The texts live in forms/info only; nothing here restates them.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "info_vars.h"
#include "lang.h"
#include "privacy.h"
#include "qual.h"
#include "render.h"

static const enum respondent_group ORDER[GROUP__MAX] = {
	GROUP_CHEF,
	GROUP_PERSONAL,
	GROUP_PEER,
	GROUP_PATIENT,
};

#define INFO_ARENA_MAX (256 * 1024) /* the filled texts of one group */

/* The wave whose values fill the placeholders: the delrapport's, else the
 * last wave the group was asked in; -1 when it was asked in none. */
static int
info_wave(const struct model *m, enum respondent_group g)
{
	int last = -1;
	for (size_t w = 0; w < m->nwaves; w++)
		if ((m->focus < 0 || (size_t)m->focus == w) && model_asked(m, w, g))
			last = (int)w;
	return last;
}

static uf_err
filled_paragraph(struct render_ctx *c, struct arena *a, const char *text,
    const struct info_vars *v)
{
	const char *t = info_vars_fill(a, text, v);
	return t != NULL ? pdf_paragraph(c->pdf, t) : UF_ENOMEM;
}

/* The information text as the page shows it: heading, summary, then the
 * whole text section by section. */
static uf_err
info_text_print(struct render_ctx *c, struct arena *a, const struct info_text *t,
    const struct info_vars *v)
{
	uf_err e = UF_OK;

	CK(pdf_heading(c->pdf, 3, t->heading));
	CK(filled_paragraph(c, a, t->lead, v));
	CK(filled_paragraph(c, a, t->voluntary, v));
	for (size_t k = 0; k < t->nsections; k++) {
		CK(pdf_heading(c->pdf, 3, t->sections[k].heading));
		for (size_t j = 0; j < t->sections[k].nparas; j++)
			CK(filled_paragraph(c, a, t->sections[k].paras[j], v));
	}
out:
	return e;
}

/* The consent question under the information, in Swedish. */
static uf_err
consent_print(struct render_ctx *c)
{
	const struct lang *sv = lang_ref();
	uf_err e = UF_OK;

	CK(pdf_heading(c->pdf, 3, "Samtycke"));
	CK(ctx_paragraphf(c, "Under sammanfattningen, före den fullständiga texten, "
	                     "frågades: ”%s” med texten ”%s” och knapparna ”%s” och ”%s”.",
	    ui_str(sv, "info.consent_legend"), ui_str(sv, "info.consent_text"),
	    ui_str(sv, "info.yes"), ui_str(sv, "info.no")));
out:
	return e;
}

/* "Svenska (sv, även lättläst), English (en, maskinstödd översättning)":
 * the languages whose own information text for g was installed. A
 * right-to-left name is given by its tag alone: the PDF's line layout
 * does not shape such scripts. */
static uf_err
languages_print(struct render_ctx *c, enum respondent_group g)
{
	const struct lang_info *ref = lang_info(lang_ref(), group_id(g));
	struct buf b;
	uf_err e = UF_OK;

	buf_init(&b, 8192);
	for (size_t i = 0; i < lang_count(); i++) {
		const struct lang *l = lang_at(i);
		const struct lang_info *li = lang_info(l, group_id(g));
		if (li == NULL || (i > 0 && li == ref))
			continue; /* no text of its own: the Swedish one was shown */
		const char *attr[3];
		size_t na = 0;
		if (!lang_rtl(l))
			attr[na++] = lang_tag(l);
		if (li->has_easy)
			attr[na++] = "även lättläst";
		if (li->machine_assisted)
			attr[na++] = "maskinstödd översättning";
		CK(buf_printf(&b, "%s%s", b.len > 0 ? ", " : "", lang_rtl(l) ? lang_tag(l) : lang_name(l)));
		for (size_t j = 0; j < na; j++)
			CK(buf_printf(&b, "%s%s", j == 0 ? " (" : ", ", attr[j]));
		if (na > 0)
			CK(buf_adds(&b, ")"));
	}
	CK(ctx_paragraphf(c, "Informationen fanns på dessa språk (även lättläst: "
	                     "deltagaren kunde välja en version i enkla ord): %s. "
	                     "Den som valde ett språk utan egen text fick den svenska.",
	    b.len > 0 ? buf_str(&b) : "svenska"));
out:
	buf_free(&b);
	return e;
}

/* Consents given per wave, language and version for g. Printed only when
 * every combination has at least min_cell: a single hidden count would
 * otherwise follow from the group's total in the participation table. */
static uf_err
consents_print(struct render_ctx *c, enum respondent_group g)
{
	const struct model *m = c->m;
	const struct model_qual *q = m->qual;
	struct table *t = NULL;
	size_t rows = 0, small = 0;
	char head[120];
	uf_err e = UF_OK;

	for (size_t i = 0; i < q->nconsent_langs; i++)
		if (q->consent_langs[i].grp == g) {
			rows++;
			small += !privacy_shown(q->consent_langs[i].n, m->min_cell);
		}
	if (rows == 0)
		return pdf_note(c->pdf, "Inga samtycken har registrerats för gruppen "
		                        "under rapportens mätningar.");
	if (small > 0)
		return ctx_paragraphf(c, "Antalet samtycken per språk och version redovisas "
		                         "inte för gruppen: minst en kombination hade färre än "
		                         "%ld samtycken, och den skulle gå att räkna fram ur "
		                         "de andra och gruppens totala antal.",
		    m->min_cell);
	int w = snprintf(head, sizeof head, "Samtycken per språk och version, %s", group_noun(g));
	if (w < 0 || (size_t)w >= sizeof head)
		return UF_EINTERNAL;
	t = ctx_table(c, head);
	if (t == NULL)
		return UF_ENOMEM;
	CK(table_col(t, "Mätning", 1.4, TABLE_LEFT));
	CK(table_col(t, "Språk", 1.2, TABLE_LEFT));
	CK(table_col(t, "Version av informationen", 2.4, TABLE_LEFT));
	CK(table_col(t, "Samtycken", 1.2, TABLE_RIGHT));
	for (size_t i = 0; i < q->nconsent_langs; i++) {
		const struct qual_consent_lang *k = &q->consent_langs[i];
		size_t r;
		if (k->grp != g)
			continue;
		CK(table_row(t, TABLE_ROW_BODY, &r));
		CK(table_setf(t, r, 0, "%d månader", m->waves[k->wave].months));
		CK(table_set(t, r, 1, k->lang));
		CK(table_set(t, r, 2, k->version));
		CK(table_setf(t, r, 3, "%ld", k->n));
	}
	CK(ctx_emit_rows(c, &t, rows, "Samtycken: deltagare som svarade Ja. Språk: det "
	                              "språk informationen visades på (språkkod)."));
out:
	table_free(t);
	return e;
}

/* Versions consented to that are not the text printed (an earlier
 * wording): said, so that no reader takes the printed text for theirs. */
static uf_err
other_versions_note(struct render_ctx *c, enum respondent_group g, const char *printed)
{
	const struct model_qual *q = c->m->qual;
	struct buf b;
	uf_err e = UF_OK;

	buf_init(&b, 4000);
	for (size_t i = 0; i < q->nconsent_langs; i++) {
		const struct qual_consent_lang *k = &q->consent_langs[i];
		bool seen = false;
		if (k->grp != g || strcmp(k->version, printed) == 0)
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = q->consent_langs[j].grp == g && strcmp(q->consent_langs[j].version, k->version) == 0;
		if (!seen)
			CK(buf_printf(&b, "%s%s", b.len > 0 ? ", " : "", k->version));
	}
	if (b.len > 0)
		CK(ctx_paragraphf(c, "Texten ovan är version %s, den som nu visas. Samtycken "
		                     "gavs också till version %s, vars text inte finns bland "
		                     "de installerade texterna.",
		    printed, buf_str(&b)));
out:
	buf_free(&b);
	return e;
}

static uf_err
group_print(struct render_ctx *c, enum respondent_group g, int w)
{
	const struct model *m = c->m;
	const struct lang_info *li = lang_info(lang_ref(), group_id(g));
	const struct lang *sv = lang_ref();
	struct arena *a = NULL;
	struct info_vars v;
	char head[120];
	uf_err e = UF_OK;

	/* a version is at most 40 bytes (struct lang_info): it fits */
	int k = snprintf(head, sizeof head, "%s: information version %s", group_report(g), li->version);
	if (k < 0 || (size_t)k >= sizeof head)
		return UF_EINTERNAL;
	CK(pdf_heading(c->pdf, 2, head));
	a = arena_new(INFO_ARENA_MAX);
	if (a == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	info_vars_set(&v, m->groups[g].form, m->waves[w].months,
	    c->o->contact ? c->o->contact : ui_str(sv, "info.contact_default"));
	CK(ctx_paragraphf(c, "Texten som den visades vid mätningen %d månader "
	                     "(%s frågor, ungefär %s minuter)%s.",
	    m->waves[w].months, v.questions, v.minutes,
	    li->has_easy ? "; en lättläst version med samma innehåll fanns att välja" : ""));
	CK(info_text_print(c, a, &li->plain, &v));
	CK(consent_print(c));
	CK(pdf_heading(c->pdf, 3, "Språk och samtycken"));
	CK(languages_print(c, g));
	CK(consents_print(c, g));
	CK(other_versions_note(c, g, li->version));
out:
	arena_free(a);
	return e;
}

uf_err
qual_info_bilaga(struct render_ctx *c, int number)
{
	const struct model *m = c->m;
	char buf[120];
	uf_err e = UF_OK;

	if (snprintf(buf, sizeof buf, "Bilaga %d. Information och samtycke", number) < 0)
		return UF_EINTERNAL;
	CK(pdf_heading(c->pdf, 1, buf));
	CK(pdf_paragraph(c->pdf, "Varje deltagare fick informationen på skärmen innan "
	                         "frågorna, skriven för sin grupp: först en kort "
	                         "sammanfattning med frågan om samtycke direkt under, "
	                         "sedan hela texten ett tryck bort. Här följer den "
	                         "svenska texten för varje grupp i rapporten, med antal "
	                         "frågor, tid, uppföljning och månader ifyllda som "
	                         "enkäten fyller i dem. Samtycket sparas med textens "
	                         "version och språk."));
	for (size_t i = 0; i < GROUP__MAX; i++) {
		enum respondent_group g = ORDER[i];
		int w = info_wave(m, g);
		if (w < 0 || m->groups[g].form == NULL)
			continue;
		if (lang_info(lang_ref(), group_id(g)) == NULL) {
			if (snprintf(buf, sizeof buf, "%s: ingen informationstext installerad.",
			        group_report(g)) < 0)
				return UF_EINTERNAL;
			CK(pdf_note(c->pdf, buf));
			continue;
		}
		CK(group_print(c, g, w));
	}
out:
	return e;
}
