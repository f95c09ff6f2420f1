/* SPDX-License-Identifier: ISC
 * Exports for analysis (CSV long and wide in two dialects, codebook, SPSS,
 * Stata, R; filtered by wave, group and unit kind; free text on request)
 * and a participant's access request (a PDF to hand over, or JSON), as
 * downloads. The exports and their audit rows are manage/export's. Each
 * answer is a download (Content-Disposition: attachment) named like the
 * form's address, e.g. "svar-lang.csv", or "registerutdrag-<panel id>.pdf".
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "accesspdf.h"
#include "arena.h"
#include "aw.h"
#include "aw_find.h"
#include "csv.h"
#include "db_manage.h"
#include "export.h"
#include "form.h"
#include "http.h"
#include "log.h"
#include "num.h"
#include "req.h"
#include "study.h"
#include "units.h"

#define ACCESS_PDF  "registerutdrag.pdf"
#define ACCESS_JSON "registerutdrag.json"

static const struct {
	const char *file;
	enum export_format format;
	const char *type; /* Content-Type */
	const char *title;
	const char *text;
} files[] = {
	{ "svar-lang.csv", EXPORT_LONG, "text/csv; charset=utf-8",
	    "Svar, lång form (CSV)",
	    "En rad per svar: deltagar-id, grupp, enhet (som den redovisas), "
	    "omgång med datum, inskickad, fråga, värde och värdets etikett." },
	{ "svar-bred.csv", EXPORT_WIDE, "text/csv; charset=utf-8",
	    "Svar, bred form (CSV)",
	    "En rad per inskickat formulär, en kolumn per fråga och en 0/1-kolumn "
	    "per alternativ i flervalsfrågor." },
	{ "kodbok.csv", EXPORT_CODEBOOK, "text/csv; charset=utf-8", "Kodbok (CSV)",
	    "Varje kolumn i den breda formen: frågetext, typ, koder med etiketter "
	    "och koderna för saknade värden." },
	{ "svar-bred.sav", EXPORT_SAV, "application/x-spss-sav", "SPSS (.sav)",
	    "Bred form med frågetexter, värdeetiketter och saknade värden "
	    "(-1, -2, -9 som användardefinierade)." },
	{ "svar-bred.dta", EXPORT_DTA, "application/x-stata-dta", "Stata (.dta)",
	    "Bred form för Stata 14 eller senare, med etiketter; saknade värden "
	    "som .a (vet ej), .b (vill inte svara) och .c (inget svar)." },
	{ "svar-bred.R", EXPORT_R, "text/plain; charset=utf-8", "R-skript (.R)",
	    "Läser den breda CSV-filen (komma, samma urval) med faktorer, "
	    "etiketter och saknade värden som NA." },
};

#define NFILES (sizeof(files) / sizeof(files[0]))

/* What the export form posted, as text (NULL: not given). */
struct choice {
	const char *dialekt, *omgang, *grupp, *verksamhet, *fritext;
};

static void
option(struct hw *w, const char *value, const char *label, const char *chosen)
{
	hw_raw(w, "<option value=\"");
	hw_text(w, value);
	hw_raw(w, (chosen == NULL ? value[0] == '\0' : strcmp(chosen, value) == 0) ? "\" selected>" : "\">");
	hw_text(w, label);
	hw_raw(w, "</option>\n");
}

/* The filter fields: wave, group, unit kind, dialect, free text. */
static uf_err
filter_fields(struct web_ctx *c, struct hw *w, const struct choice *ch)
{
	const char *const *kinds;
	struct m_waves waves = { 0 };
	long long study;
	size_t i, n;
	uf_err e;

	if ((e = aw_study(c, &study)) != UF_OK ||
	    (e = db_m_waves(c->db, study, &waves)) != UF_OK)
		goto out;
	hw_raw(w, "<div><label for=\"omgang\">Omgång</label>\n"
	          "<select id=\"omgang\" name=\"omgang\">\n");
	option(w, "", "Alla omgångar", ch->omgang);
	aw_wave_options(w, &waves, ch->omgang, "");
	hw_raw(w, "</select><p class=\"hint\">Månader efter start.</p></div>\n"
	          "<div><label for=\"grupp\">Grupp</label>\n"
	          "<select id=\"grupp\" name=\"grupp\">\n");
	option(w, "", "Alla grupper", ch->grupp);
	for (i = 0; i < GROUP__MAX; i++)
		option(w, group_id((enum respondent_group)i),
		    group_plural((enum respondent_group)i), ch->grupp);
	hw_raw(w, "</select></div>\n<div><label for=\"verksamhet\">Verksamhetstyp"
	          "</label>\n<select id=\"verksamhet\" name=\"verksamhet\">\n");
	option(w, "", "Alla verksamheter", ch->verksamhet);
	kinds = unit_kinds(&n);
	for (i = 0; i < n; i++)
		option(w, kinds[i], unit_kind_label(kinds[i]), ch->verksamhet);
	hw_raw(w, "</select></div>\n<div><label for=\"dialekt\">CSV-format</label>\n"
	          "<select id=\"dialekt\" name=\"dialekt\">\n");
	option(w, "rfc4180", "Komma, decimalpunkt (R, Python, SPSS)",
	    ch->dialekt != NULL ? ch->dialekt : "rfc4180");
	option(w, "excel-sv", "Semikolon, decimalkomma (svenska Excel)", ch->dialekt);
	hw_raw(w, "</select></div>\n<div><label class=\"check\"><input "
	          "type=\"checkbox\" id=\"fritext\" name=\"fritext\" value=\"ja\"");
	if (ch->fritext != NULL)
		hw_raw(w, " checked");
	hw_raw(w, "> Ta med fritextsvar</label>\n"
	          "<p class=\"hint\">Fritext kan innehålla hälsouppgifter och namn. "
	          "En export med fritext loggas som sådan.</p></div>\n");
out:
	m_waves_free(&waves);
	return e;
}

static uf_err
export_page(struct web_ctx *c, const char *error, const struct choice *ch)
{
	static const struct choice none = { NULL, NULL, NULL, NULL, NULL };
	struct manage_error err;
	char b[24];
	long long n = 0;
	struct hw w;
	size_t i;
	uf_err e;

	if (ch == NULL)
		ch = &none;
	if ((e = export_long_count(c->db, aw_cfg->study, &n, &err)) != UF_OK)
		return e;
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Export och registerutdrag", R_EXPORT_FORM);
	if (error != NULL)
		aw_box(&w, "error", error);
	hw_raw(&w, "<h2>Export för analys</h2>\n<p>Bara inskickade svar. Välj urval "
	           "och fil. CSV-filerna är UTF-8: med komma läses de direkt av R "
	           "(read.csv) och Python (csv, pandas); med semikolon (BOM och "
	           "decimalkomma) öppnar svenska Excel dem rätt. Saknade värden har "
	           "egna koder: -1 vet ej, -2 vill inte svara, -9 inget svar (kodboken "
	           "säger vilka som gäller för varje kolumn). Varje export loggas.</p>\n"
	           "<p>Skydd mot formler i "
	           "kalkylprogram: en text som börjar med = + - @, ett tabbsteg eller en "
	           "radbrytning (CR) får en apostrof (') först, så att Excel eller LibreOffice "
	           "inte kör den som en formel. Tal som programmet "
	           "skriver (omgång, version, heltalssvar) står kvar som tal. Kodboken säger "
	           "detsamma vid varje fritextfråga.</p>\n<p>Den långa exporten "
	           "har just nu <strong data-count=\"long\">");
	hw_text(&w, aw_num(b, n));
	hw_raw(&w, "</strong> rader (utan fritext).</p>\n"
	           "<form class=\"stack\" method=\"post\" action=\"/admin/export/");
	hw_text(&w, files[0].file);
	hw_raw(&w, "\">\n");
	aw_csrf_field(&w, c);
	if ((e = filter_fields(c, &w, ch)) != UF_OK)
		return e;
	hw_raw(&w, "<div class=\"downloads\">\n");
	for (i = 0; i < NFILES; i++) {
		hw_raw(&w, "<div><button type=\"submit\" class=\"secondary\" "
		           "formaction=\"/admin/export/");
		hw_text(&w, files[i].file);
		hw_raw(&w, "\">");
		hw_text(&w, files[i].title);
		hw_raw(&w, "</button>\n<p class=\"hint\">");
		hw_text(&w, files[i].text);
		hw_raw(&w, "</p></div>\n");
	}
	hw_raw(&w, "</div>\n</form>\n<h2>Registerutdrag</h2>\n<p>En deltagare har rätt att få "
	           "ut sina egna svar. Ange deltagarens kod eller deltagar-id; du får "
	           "deltagarens samtycken och svar i alla omgångar, med frågornas text: "
	           "som PDF att lämna ut, eller som JSON-fil.</p>\n"
	           "<form class=\"stack\" method=\"post\" action=\"/admin/begaran/" ACCESS_PDF "\">\n");
	aw_csrf_field(&w, c);
	aw_find_fields(&w, NULL);
	hw_raw(&w, "<div><button type=\"submit\" class=\"primary\">Hämta "
	           "registerutdraget (PDF)</button>\n"
	           "<button type=\"submit\" class=\"secondary\" formaction=\"/admin/begaran/" ACCESS_JSON "\">Som JSON</button></div>\n</form>\n");
	aw_end(&w);
	return aw_page_done(c, &w);
}

static uf_err
export_again(struct web_ctx *c, uf_err e, const char *msg,
    const struct choice *ch)
{
	reply_reset(c->reply);
	return aw_again(c, e, export_page(c, msg, ch));
}

uf_err
h_export_form(struct web_ctx *c)
{
	return export_page(c, NULL, NULL);
}

static uf_err
to_reply(void *ctx, const char *p, size_t n)
{
	struct web_ctx *c = ctx;

	return buf_add(&c->reply->body, p, n);
}

/* The export options from the posted fields; a Swedish message in *msg
 * for a value that is not one of the form's. */
static bool
read_choice(struct web_ctx *c, struct choice *ch, struct export_opts *o,
    const char **msg)
{
	bool bad = false;
	long months;

	ch->dialekt = aw_field(c, "dialekt", 12, &bad);
	ch->omgang = aw_field(c, "omgang", 4, &bad);
	ch->grupp = aw_field(c, "grupp", 12, &bad);
	ch->verksamhet = aw_field(c, "verksamhet", 20, &bad);
	ch->fritext = aw_field(c, "fritext", 4, &bad);
	*msg = "Ett fält har ett värde som formuläret inte har.";
	if (bad)
		return false;
	if (ch->dialekt != NULL && !csv_dialect_parse(ch->dialekt, &o->dialect)) {
		*msg = "Välj CSV-format i listan.";
		return false;
	}
	if (ch->omgang != NULL) {
		if (!num_long_canonical(ch->omgang, 1, 120, &months)) {
			*msg = "Omgången anges i månader, 1–120.";
			return false;
		}
		o->filter.months = (int)months;
	}
	if (ch->grupp != NULL && !group_parse(ch->grupp, &o->filter.group)) {
		*msg = "Välj grupp i listan.";
		return false;
	}
	if (ch->verksamhet != NULL) {
		if (!export_unit_kind_ok(ch->verksamhet)) {
			*msg = "Välj verksamhetstyp i listan.";
			return false;
		}
		o->filter.unit_kind = ch->verksamhet;
	}
	if (ch->fritext != NULL) {
		if (strcmp(ch->fritext, "ja") != 0)
			return false;
		o->filter.free_text = true;
	}
	return true;
}

uf_err
h_export_csv(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "dialekt", "omgang", "grupp",
		"verksamhet", "fritext", NULL };
	struct manage_error err;
	struct export_opts o;
	struct choice ch;
	const char *msg;
	long long rows = 0;
	size_t i;
	uf_err e;

	manage_error_clear(&err);
	for (i = 0; i < NFILES; i++)
		if (c->req->path_arg != NULL && strcmp(c->req->path_arg, files[i].file) == 0)
			break;
	if (i == NFILES)
		return aw_error_page(c, UF_ENOTFOUND, "Sidan finns inte",
		    "Det finns ingen sådan export.");
	if ((e = aw_fields_only(c, fields)) != UF_OK)
		return e;
	export_opts_init(&o);
	o.format = files[i].format;
	if (!read_choice(c, &ch, &o, &msg))
		return export_again(c, UF_EINVAL, msg, &ch);
	if ((e = export_filter_check(c->db, aw_cfg->study, &o.filter, &err)) != UF_OK)
		return export_again(c, e, manage_error_text(&err, e), &ch);
	/* The download headers first: an export that ran is one that was
	 * delivered (a failure below resets the reply). */
	if ((e = reply_download(c->reply, c->arena, files[i].type,
	         files[i].file)) != UF_OK)
		return e;
	c->reply->body.max = AW_DOWNLOAD_MAX;
	e = export_run(c->db, aw_cfg->study, &o, aw_sess(c)->actor, to_reply, c,
	    &rows, &err);
	if (e == UF_ELIMIT)
		return export_again(c, e, "Exporten är för stor för att hämtas här. "
		                          "Använd kommandot uppfolj-admin export.",
		    &ch);
	if (e != UF_OK) {
		if (err.msg[0] != '\0')
			return export_again(c, e, err.msg, &ch);
		reply_reset(c->reply);
		return e;
	}
	log_info("req=%s msg=\"export\" format=%s rows=%lld free_text=%d",
	    c->req->request_id, export_format_name(files[i].format), rows,
	    o.filter.free_text ? 1 : 0);
	return UF_OK;
}

uf_err
h_access(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "kod", "panel", NULL };
	struct manage_error err;
	const char *msg = NULL;
	const char *arg = c->req->path_arg, *name;
	bool pdf = arg != NULL && strcmp(arg, ACCESS_PDF) == 0;
	struct aw_found p;
	struct buf json;
	uf_err e;

	if (!pdf && (arg == NULL || strcmp(arg, ACCESS_JSON) != 0))
		return aw_error_page(c, UF_ENOTFOUND, "Sidan finns inte", "Sidan finns inte.");
	if ((e = aw_fields_only(c, fields)) != UF_OK)
		return e;
	e = aw_find_participant(c, &msg, &p);
	if (e != UF_OK)
		return msg != NULL ? export_again(c, e, msg, NULL) : e;
	/* Saved as e.g. registerutdrag-B-7KQ4XM.pdf (the file holds the panel
	 * id anyway, and never a name). Set before the audited export runs. */
	name = arena_printf(c->arena, "registerutdrag-%s.%s", p.panel_id,
	    pdf ? "pdf" : "json");
	if (name == NULL)
		return UF_ENOMEM;
	if ((e = reply_download(c->reply, c->arena, pdf ? "application/pdf" : "application/json", name)) != UF_OK)
		return e;
	c->reply->body.max = AW_DOWNLOAD_MAX;
	if (!pdf) {
		e = export_access(c->db, p.participant, aw_sess(c)->actor,
		    &c->reply->body, &err);
		if (e != UF_OK)
			reply_reset(c->reply);
		return e;
	}
	buf_init(&json, AW_DOWNLOAD_MAX);
	e = export_access(c->db, p.participant, aw_sess(c)->actor, &json, &err);
	if (e == UF_OK)
		e = accesspdf_render(json.data, json.len, NULL, aw_cfg->font_dir,
		    &c->reply->body);
	buf_free(&json);
	if (e != UF_OK)
		reply_reset(c->reply);
	return e;
}
