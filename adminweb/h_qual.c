/* SPDX-License-Identifier: ISC
 * Qualitative coding, the overview (/admin/kodning): the documents to
 * analyse with filters (wave, group, unit kind, code), uploading a
 * transcript or note, and starting a double coding of chosen documents.
 * Evaluators and admins. Checks and SQL are manage/qual's.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "aw.h"
#include "aw_qual.h"
#include "db_manage.h"
#include "num.h"
#include "qual.h"
#include "qual_qdpx.h"
#include "qual_text.h"
#include "req.h"

static const char *const kind_ids[] = { "heldygnsvard", "boendestod", "traffpunkt",
	"stodboende", "other" };
static const char *const kind_labels[] = { "Heldygnsvård", "Boendestöd", "Träffpunkt",
	"Stödboende", "Annan" };

uf_err
aw_qual_redirect(struct web_ctx *c, const char *path, long long id,
    const char *rest)
{
	const char *to = arena_printf(c->arena, "%s%lld%s", path, id, rest);

	if (to == NULL)
		return UF_ENOMEM;
	reply_redirect(c->reply, to);
	return UF_OK;
}

const char *
aw_qual_kind_label(const char *kind)
{
	for (size_t i = 0; i < sizeof kind_ids / sizeof kind_ids[0]; i++)
		if (strcmp(kind, kind_ids[i]) == 0)
			return kind_labels[i];
	return "–";
}

const char *
aw_qual_code_path(const struct q_unit *u)
{
	return u->code_path[0] != '\0' ? u->code_path : "(ingen kod)";
}

/* <option>s of a fixed list, one selected. */
static void
options(struct hw *w, const char *const *ids, const char *const *labels, size_t n,
    const char *sel)
{
	for (size_t i = 0; i < n; i++) {
		hw_raw(w, "<option value=\"");
		hw_text(w, ids[i]);
		hw_raw(w, sel != NULL && strcmp(sel, ids[i]) == 0 ? "\" selected>" : "\">");
		hw_text(w, labels[i]);
		hw_raw(w, "</option>\n");
	}
}

static void
group_options(struct hw *w, const char *sel)
{
	const char *ids[GROUP__MAX], *labels[GROUP__MAX];

	for (int g = 0; g < GROUP__MAX; g++) {
		ids[g] = group_id((enum respondent_group)g);
		labels[g] = group_plural((enum respondent_group)g);
	}
	options(w, ids, labels, GROUP__MAX, sel);
}

/* <option>s of the waves (months). */
static void
wave_options(struct hw *w, const struct m_waves *waves, const char *sel)
{
	aw_wave_options(w, waves, sel, " månader");
}

void
aw_qual_code_options(struct hw *w, const struct q_codes *codes, const char *sel,
    int max_level)
{
	for (int i = 0; i < codes->n; i++) {
		char id[24];

		if (codes->row[i].level > max_level)
			continue;
		aw_num(id, codes->row[i].id);
		hw_raw(w, "<option value=\"");
		hw_text(w, id);
		hw_raw(w, sel != NULL && strcmp(sel, id) == 0 ? "\" selected>" : "\">");
		hw_text(w, codes->row[i].path);
		hw_raw(w, "</option>\n");
	}
}

/* The form's value of a filter, NULL when "any". */
static const char *
filter_arg(struct web_ctx *c, const char *name)
{
	const char *v = req_arg(c->req, name);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

static void
filters_form(struct hw *w, const struct m_waves *waves, const struct q_codes *codes,
    const struct qual_filter *f)
{
	hw_raw(w, "<form class=\"filters\" method=\"get\" action=\"/admin/kodning\">\n"
	          "<div><label for=\"f-omgang\">Omgång</label>\n<select id=\"f-omgang\" "
	          "name=\"omgang\"><option value=\"\">Alla</option>\n");
	wave_options(w, waves, f->months);
	hw_raw(w, "</select></div>\n<div><label for=\"f-grupp\">Grupp</label>\n"
	          "<select id=\"f-grupp\" name=\"grupp\"><option value=\"\">Alla</option>\n");
	group_options(w, f->grp);
	hw_raw(w, "</select></div>\n<div><label for=\"f-typ\">Typ av enhet</label>\n"
	          "<select id=\"f-typ\" name=\"enhetstyp\"><option value=\"\">Alla</option>\n");
	options(w, kind_ids, kind_labels, 5, f->unit_kind);
	hw_raw(w, "</select></div>\n<div><label for=\"f-kod\">Kod</label>\n"
	          "<select id=\"f-kod\" name=\"kod\"><option value=\"\">Alla</option>\n");
	aw_qual_code_options(w, codes, f->code, 3);
	hw_raw(w, "</select></div>\n<div><button type=\"submit\">Visa</button></div>\n"
	          "</form>\n");
}

static void
docs_table(struct hw *w, const struct q_docs *docs)
{
	hw_raw(w, "<div class=\"table-wrap\"><table class=\"data\">\n<caption>Texter "
	          "att analysera</caption>\n<thead><tr><th scope=\"col\">Dubbelkoda</th>"
	          "<th scope=\"col\">Text</th><th scope=\"col\">Omgång</th>"
	          "<th scope=\"col\">Grupp</th><th scope=\"col\">Typ av enhet</th>"
	          "<th scope=\"col\">Deltagare</th><th scope=\"col\">Tecken</th>"
	          "<th scope=\"col\">Meningsbärande enheter</th></tr></thead>\n<tbody>\n");
	for (int i = 0; i < docs->n; i++) {
		const struct q_doc *d = &docs->row[i];
		char id[24];

		aw_num(id, d->id);
		hw_raw(w, "<tr><td><input type=\"checkbox\" form=\"dubbel\" name=\"dok\" "
		          "value=\"");
		hw_text(w, id);
		hw_raw(w, "\" id=\"dok-");
		hw_text(w, id);
		hw_raw(w, "\" aria-label=\"Välj text ");
		hw_text(w, id);
		hw_raw(w, " för dubbelkodning\"></td><td><a href=\"/admin/kodning/text/");
		hw_text(w, id);
		hw_raw(w, "\">");
		hw_raw(w, d->transcript ? "Utskrift: " : "Fritextsvar: ");
		hw_text(w, d->title);
		hw_fmt(w, "</a></td><td>%d mån</td><td>", d->months);
		hw_text(w, group_plural_of(d->grp));
		hw_raw(w, "</td><td>");
		hw_text(w, aw_qual_kind_label(d->unit_kind));
		hw_raw(w, "</td><td>");
		hw_text(w, d->panel[0] != '\0' ? d->panel : "–");
		hw_fmt(w, "</td><td>%lld</td><td>%lld</td></tr>\n", d->chars, d->units);
	}
	if (docs->n == 0)
		hw_raw(w, "<tr><td colspan=\"8\">Inga texter med de valen.</td></tr>\n");
	hw_raw(w, "</tbody></table></div>\n");
	if (docs->n >= 500)
		hw_raw(w, "<p>Listan visar de första 500 texterna. Välj omgång eller grupp "
		          "för att se fler.</p>\n");
}

static void
sets_section(struct hw *w, struct web_ctx *c, const struct q_sets *sets)
{
	hw_raw(w, "<h2 id=\"dubbelkodning\">Dubbelkodning</h2>\n<p>Två kodare kodar "
	          "samma texter var för sig. Var och en ser bara sina egna meningsbärande "
	          "enheter i texterna tills båda har markerat sig som klara; sedan visas "
	          "överensstämmelsen per kategori.</p>\n<ul>\n");
	for (int i = 0; i < sets->n; i++) {
		const struct q_set *st = &sets->row[i];

		hw_fmt(w, "<li><a href=\"/admin/kodning/dubbel/%lld\">", st->id);
		hw_text(w, st->name);
		hw_raw(w, "</a>: ");
		hw_text(w, st->coder_a);
		hw_raw(w, st->a_done ? " (klar) och " : " (kodar) och ");
		hw_text(w, st->coder_b);
		hw_raw(w, st->b_done ? " (klar), " : " (kodar), ");
		hw_fmt(w, "%lld texter</li>\n", st->docs);
	}
	if (sets->n == 0)
		hw_raw(w, "<li>Ingen dubbelkodning ännu.</li>\n");
	hw_raw(w, "</ul>\n<h3>Starta en dubbelkodning</h3>\n<p>Kryssa i texterna i "
	          "tabellen ovan och ange de två kodarnas användarnamn.</p>\n"
	          "<form id=\"dubbel\" class=\"stack\" method=\"post\" "
	          "action=\"/admin/kodning/dubbel\">\n");
	aw_csrf_field(w, c);
	hw_raw(w, "<div><label for=\"d-namn\">Namn</label>\n<input type=\"text\" "
	          "id=\"d-namn\" name=\"namn\" maxlength=\"200\" required></div>\n"
	          "<div><label for=\"d-a\">Kodare 1 (användarnamn)</label>\n<input type=\"text\" "
	          "id=\"d-a\" name=\"kodare1\" maxlength=\"40\" required autocomplete=\"off\"></div>\n"
	          "<div><label for=\"d-b\">Kodare 2 (användarnamn)</label>\n<input type=\"text\" "
	          "id=\"d-b\" name=\"kodare2\" maxlength=\"40\" required autocomplete=\"off\"></div>\n"
	          "<div><button type=\"submit\" class=\"primary\">Starta dubbelkodning</button>"
	          "</div>\n</form>\n");
}

static void
upload_section(struct hw *w, struct web_ctx *c, const struct m_waves *waves)
{
	hw_raw(w, "<h2 id=\"ladda-upp\">Lägg till en intervjuutskrift eller anteckning</h2>\n"
	          "<p>Klistra in texten (oformaterad text). Om den som intervjuades är med i "
	          "panelen, ange deltagar-id: då raderas utskriften och dess kodning om "
	          "personen begär utträde. Längre texter laddas upp med <code>uppfolj-admin "
	          "qual-upload</code>.</p>\n<form class=\"stack\" method=\"post\" "
	          "action=\"/admin/kodning/ladda-upp\">\n");
	aw_csrf_field(w, c);
	hw_raw(w, "<div><label for=\"u-rubrik\">Rubrik</label>\n<input type=\"text\" "
	          "id=\"u-rubrik\" name=\"rubrik\" maxlength=\"200\" required></div>\n"
	          "<div><label for=\"u-omgang\">Omgång</label>\n<select id=\"u-omgang\" "
	          "name=\"omgang\" required>\n");
	wave_options(w, waves, NULL);
	hw_raw(w, "</select></div>\n<div><label for=\"u-grupp\">Grupp</label>\n"
	          "<select id=\"u-grupp\" name=\"grupp\" required>\n");
	group_options(w, NULL);
	hw_raw(w, "</select></div>\n<div><label for=\"u-panel\">Deltagar-id (valfritt)"
	          "</label>\n<input type=\"text\" id=\"u-panel\" name=\"deltagare\" "
	          "maxlength=\"16\" autocomplete=\"off\"></div>\n<div><label for=\"u-text\">"
	          "Text</label>\n<textarea id=\"u-text\" name=\"text\" rows=\"10\" required>"
	          "</textarea></div>\n<div><button type=\"submit\" class=\"primary\">Spara "
	          "texten</button></div>\n</form>\n");
}

static uf_err
qual_page(struct web_ctx *c, const char *error, const char *notice)
{
	struct q_codes codes = { 0 };
	struct q_docs docs = { 0 };
	struct q_sets sets = { 0 };
	struct m_waves waves = { 0 };
	struct qual_filter f = { filter_arg(c, "omgang"), filter_arg(c, "grupp"),
		filter_arg(c, "enhetstyp"), filter_arg(c, "kod") };
	struct manage_error err;
	long long study;
	struct hw w;
	uf_err e, le;

	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	if ((e = db_m_waves(c->db, study, &waves)) != UF_OK ||
	    (e = db_q_code_list(c->db, study, &codes)) != UF_OK ||
	    (e = db_q_set_list(c->db, study, &sets)) != UF_OK)
		goto out;
	le = qual_doc_list(c->db, study, &f, aw_sess(c)->s.user_id, &docs, &err);
	if (le != UF_OK && le != UF_EINVAL) {
		e = le;
		goto out;
	}
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Kvalitativ analys", R_QUAL);
	if (error != NULL)
		aw_box(&w, "error", error);
	else if (le != UF_OK)
		aw_box(&w, "error", manage_error_text(&err, le));
	else if (notice != NULL)
		aw_box(&w, "notice", notice);
	hw_raw(&w, "<p>Fritextsvar och intervjuutskrifter analyseras med kvalitativ "
	           "innehållsanalys: markera meningsbärande enheter, skriv en kondensering "
	           "och ge dem en kod i <a href=\"/admin/kodning/koder\">kodträdet</a> "
	           "(kategori, subkategori, kod).</p>\n<form method=\"post\" "
	           "action=\"/admin/kodning/export\">");
	aw_csrf_field(&w, c);
	hw_raw(&w, "<button type=\"submit\">Ladda ner projektet (REFI-QDA, .qdpx)</button> "
	           "<span class=\"hint\">för att fortsätta i NVivo, ATLAS.ti, MAXQDA eller "
	           "QDA Miner</span></form>\n");
	filters_form(&w, &waves, &codes, &f);
	docs_table(&w, &docs);
	sets_section(&w, c, &sets);
	upload_section(&w, c, &waves);
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	m_waves_free(&waves);
	db_rows_free(&codes.own);
	db_rows_free(&docs.own);
	db_rows_free(&sets.own);
	return e;
}

uf_err
h_qual(struct web_ctx *c)
{
	const char *klart = req_arg(c->req, "klart");

	return qual_page(c, NULL, klart == NULL ? NULL : strcmp(klart, "dubbel") == 0 ? "Dubbelkodningen är startad." :
	                                                                                "Texten är sparad.");
}

static uf_err
again(struct web_ctx *c, uf_err e, const char *msg)
{
	reply_reset(c->reply);
	return aw_again(c, e, qual_page(c, msg, NULL));
}

uf_err
h_qual_upload(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "rubrik", "omgang", "grupp",
		"deltagare", "text", NULL };
	struct manage_error err;
	const char *title, *months, *grp, *panel, *text;
	long m = 0;
	long long study, id;
	bool bad = false;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK || (e = aw_study(c, &study)) != UF_OK)
		return e;
	title = aw_field(c, "rubrik", QUAL_NAME_MAX, &bad);
	months = aw_field(c, "omgang", 3, &bad);
	grp = aw_field(c, "grupp", 10, &bad);
	panel = aw_field(c, "deltagare", 16, &bad);
	/* the text keeps its line breaks: checked whole by qual_body_check */
	text = req_field(c->req, "text");
	if (text == NULL)
		text = "";
	if (bad || months == NULL || !num_long_canonical(months, 1, 120, &m))
		return again(c, UF_EINVAL, "Fyll i rubrik, omgång och grupp (utan "
		                           "radbrytningar).");
	e = qual_transcript_add(c->db, study, (int)m, grp, panel, title, text,
	    strlen(text), aw_sess(c)->s.user_id, aw_sess(c)->actor, &id, &err);
	if (e == UF_EINVAL || e == UF_ELIMIT || e == UF_ENOTFOUND)
		return again(c, e, manage_error_text(&err, e));
	if (e != UF_OK)
		return e;
	return aw_qual_redirect(c, "/admin/kodning/text/", id, "");
}

uf_err
h_qual_set_add(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "namn", "kodare1", "kodare2",
		"*dok", NULL };
	struct manage_error err;
	const char *name, *a, *b;
	long long docs[100], study, id;
	size_t n = 0, i;
	bool bad = false;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK || (e = aw_study(c, &study)) != UF_OK)
		return e;
	name = aw_field(c, "namn", QUAL_NAME_MAX, &bad);
	a = aw_field(c, "kodare1", 40, &bad);
	b = aw_field(c, "kodare2", 40, &bad);
	for (i = 0; i < c->req->nform; i++) {
		long v;

		if (strcmp(c->req->form[i].key, "dok") != 0)
			continue;
		if (n == sizeof docs / sizeof docs[0] ||
		    !num_long_canonical(c->req->form[i].val, 1, 0x7fffffffL, &v))
			return again(c, UF_EINVAL, "Välj 1–100 texter i tabellen.");
		docs[n++] = v;
	}
	if (bad)
		return again(c, UF_EINVAL, "Namn och användarnamn får inte ha radbrytningar.");
	e = qual_set_create(c->db, study, name, a, b, docs, n, aw_sess(c)->actor, &id,
	    &err);
	if (e == UF_EINVAL)
		return again(c, e, manage_error_text(&err, e));
	if (e != UF_OK)
		return e;
	return aw_qual_redirect(c, "/admin/kodning/dubbel/", id, "");
}

uf_err
h_qual_export(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", NULL };
	struct manage_error err;
	long long study;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK || (e = aw_study(c, &study)) != UF_OK)
		return e;
	if ((e = reply_download(c->reply, c->arena, "application/zip", "projekt.qdpx")) != UF_OK)
		return e;
	c->reply->body.max = AW_DOWNLOAD_MAX;
	e = qdpx_export(c->db, study, aw_sess(c)->s.user_id, &c->reply->body, &err);
	if (e == UF_ELIMIT)
		return again(c, e, "Projektet är för stort för att hämtas här. Använd "
		                   "kommandot uppfolj-admin qual-export.");
	if (e != UF_OK)
		reply_reset(c->reply);
	return e;
}
