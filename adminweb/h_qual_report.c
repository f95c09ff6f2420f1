/* SPDX-License-Identifier: ISC
 * Report text (/admin/rapporttext): the evaluators' own sections of a
 * delrapport (per wave) or the slutrapport, and a reflection per kategori,
 * written as plain text with minimal markup. Each save is a new version;
 * a save based on an older version than the latest is refused (someone
 * else saved in between) and the writer's text is shown again.
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
#include "reporttext.h"
#include "req.h"

/* Which report: "slutrapport" or "delrapport-<months>"; kind and months
 * (NULL for the slutrapport) point into the arena. */
static bool
report_arg(struct web_ctx *c, const char *v, const char **kind, const char **months)
{
	long m;

	if (v == NULL || strcmp(v, "slutrapport") == 0) {
		*kind = "slutrapport";
		*months = NULL;
		return true;
	}
	if (strncmp(v, "delrapport-", 11) != 0 || !num_long_canonical(v + 11, 1, 120, &m))
		return false;
	*kind = "delrapport";
	*months = arena_printf(c->arena, "%ld", m);
	return *months != NULL;
}

/* The current version of section (and kategori code, 0 for none), or NULL. */
static const struct q_text *
current(const struct q_texts *t, const char *section, long long code)
{
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->row[i].section, section) == 0 && t->row[i].code == code)
			return &t->row[i];
	return NULL;
}

/* One section's form. mine: the writer's refused text to show instead. */
static void
section_form(struct hw *w, struct web_ctx *c, const char *report, const struct q_texts *t,
    enum report_section s, long long code, const char *title, const char *mine)
{
	const char *id = report_section_id(s);
	const struct q_text *r = current(t, id, code);
	char fid[48], num[24];

	/* the form's id names the kategori, or nothing for a plain section */
	if (snprintf(fid, sizeof fid, "t-%s-%s", id, code != 0 ? aw_num(num, code) : "") >=
	    (int)sizeof fid)
		return;
	hw_raw(w, "<form class=\"stack\" method=\"post\" action=\"/admin/rapporttext\">\n");
	aw_csrf_field(w, c);
	hw_raw(w, "<input type=\"hidden\" name=\"rapport\" value=\"");
	hw_text(w, report);
	hw_raw(w, "\"><input type=\"hidden\" name=\"avsnitt\" value=\"");
	hw_text(w, id);
	hw_fmt(w, "\"><input type=\"hidden\" name=\"kod\" value=\"%lld\">"
	          "<input type=\"hidden\" name=\"version\" value=\"%lld\">\n<div><label for=\"",
	    code, r != NULL ? r->version : 0);
	hw_text(w, fid);
	hw_raw(w, "\">");
	hw_text(w, title);
	hw_raw(w, "</label>\n<p class=\"hint\">");
	if (r != NULL) {
		hw_fmt(w, "Version %lld, sparad ", r->version);
		hw_text(w, r->at);
		hw_raw(w, " av ");
		hw_text(w, r->author);
	} else {
		hw_raw(w, "Inte skriven ännu");
	}
	hw_raw(w, "</p>\n<textarea id=\"");
	hw_text(w, fid);
	hw_raw(w, "\" name=\"text\" rows=\"8\">");
	hw_text(w, mine != NULL ? mine : r != NULL ? r->body :
	                                             "");
	hw_raw(w, "</textarea></div>\n<div><button type=\"submit\">Spara ");
	hw_text(w, title);
	hw_raw(w, "</button></div>\n</form>\n");
}

static uf_err
text_page(struct web_ctx *c, const char *report, const char *error,
    enum report_section rs, long long rcode, const char *mine)
{
	struct q_codes codes = { 0 };
	struct q_texts t = { 0 };
	struct m_waves waves = { 0 };
	const char *kind, *months;
	long long study;
	struct hw w;
	uf_err e;

	if (!report_arg(c, report, &kind, &months))
		return aw_error_page(c, UF_ENOTFOUND, "Rapporten finns inte",
		    "Välj en delrapport eller slutrapporten i listan.");
	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	if ((e = db_m_waves(c->db, study, &waves)) != UF_OK ||
	    (e = db_q_code_list(c->db, study, &codes)) != UF_OK ||
	    (e = db_q_text_current(c->db, study, kind, months, &t)) != UF_OK)
		goto out;
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Rapporttext", R_QUAL_TEXT);
	if (error != NULL)
		aw_box(&w, "error", error);
	else if (req_arg(c->req, "klart") != NULL)
		aw_box(&w, "notice", "Avsnittet är sparat som en ny version.");
	hw_raw(&w, "<p>Skriv rapportens egna avsnitt som vanlig text. Tom rad: nytt "
	           "stycke. Rad som börjar med ”- ”: punktlista. *Ord* inom stjärnor: "
	           "kursivt. Rad som börjar med ”## ”: underrubrik. Varje sparning blir en "
	           "ny version; de tidigare finns kvar.</p>\n<form class=\"filters\" "
	           "method=\"get\" action=\"/admin/rapporttext\"><div><label for=\"r-rapport\">"
	           "Rapport</label>\n<select id=\"r-rapport\" name=\"rapport\">\n");
	for (int i = 0; i < waves.n; i++) {
		char m[24];
		bool sel;

		aw_num(m, waves.row[i].months);
		sel = months != NULL && strcmp(m, months) == 0;

		hw_raw(&w, "<option value=\"delrapport-");
		hw_text(&w, m);
		hw_raw(&w, sel ? "\" selected>" : "\">");
		hw_raw(&w, "Delrapport, ");
		hw_text(&w, m);
		hw_raw(&w, " månader</option>\n");
	}
	hw_raw(&w, months == NULL ? "<option value=\"slutrapport\" selected>" : "<option value=\"slutrapport\">");
	hw_raw(&w, "Slutrapport</option>\n</select></div>\n<div><button type=\"submit\">"
	           "Visa</button></div></form>\n");
	const char *rep = months == NULL ? "slutrapport" :
	                                   arena_printf(c->arena, "delrapport-%s", months);
	if (rep == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (int s = 0; s < RS__MAX; s++) {
		if (s == RS_REFLEKTION) {
			hw_raw(&w, "<h2 id=\"reflektion\">Reflektion per kategori</h2>\n");
			int shown = 0;
			for (int i = 0; i < codes.n; i++) {
				const struct q_code *k = &codes.row[i];
				char title[QUAL_NAME_MAX * 4 + 32];

				if (k->level != 1)
					continue;
				if (snprintf(title, sizeof title, "Reflektion: %s", k->name) >=
				    (int)sizeof title)
					continue;
				section_form(&w, c, rep, &t, RS_REFLEKTION, k->id, title,
				    rs == RS_REFLEKTION && rcode == k->id ? mine : NULL);
				shown++;
			}
			if (shown == 0)
				hw_raw(&w, "<p>Kodträdet har inga kategorier ännu.</p>\n");
			continue;
		}
		section_form(&w, c, rep, &t, (enum report_section)s, 0,
		    report_section_title((enum report_section)s),
		    rs == (enum report_section)s ? mine : NULL);
	}
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	m_waves_free(&waves);
	db_rows_free(&codes.own);
	db_rows_free(&t.own);
	return e;
}

uf_err
h_qual_text(struct web_ctx *c)
{
	return text_page(c, req_arg(c->req, "rapport"), NULL, RS__MAX, 0, NULL);
}

uf_err
h_qual_text_save(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "rapport", "avsnitt", "kod",
		"version", "text", NULL };
	struct manage_error err;
	enum report_section s;
	const char *report, *kind, *months, *section, *code, *ver, *text;
	long long study, version;
	long k = 0, v = 0;
	bool bad = false;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK)
		return e;
	report = aw_field(c, "rapport", 20, &bad);
	section = aw_field(c, "avsnitt", 30, &bad);
	code = aw_field(c, "kod", 12, &bad);
	ver = aw_field(c, "version", 9, &bad);
	/* the text keeps its line breaks: checked by report_text_save */
	text = req_field(c->req, "text");
	if (bad || !report_arg(c, report, &kind, &months) ||
	    !report_section_parse(section, &s) || code == NULL ||
	    !num_long_canonical(code, 0, 0x7fffffffL, &k) || ver == NULL ||
	    !num_long_canonical(ver, 0, 0x7fffffffL, &v))
		return aw_error_page(c, UF_EINVAL, "Formuläret kunde inte tas emot",
		    "Ladda om sidan och försök igen.");
	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	e = report_text_save(c->db, study, kind, months, s, k, v, text != NULL ? text : "",
	    aw_sess(c)->actor, &version, &err);
	if (e == UF_EINVAL || e == UF_ECONFLICT) {
		reply_reset(c->reply);
		return aw_again(c, e, text_page(c, report, manage_error_text(&err, e), s, k, text));
	}
	if (e != UF_OK)
		return e;
	const char *to = arena_printf(c->arena, "/admin/rapporttext?rapport=%s&klart=1", report);
	if (to == NULL)
		return UF_ENOMEM;
	reply_redirect(c->reply, to);
	return UF_OK;
}
