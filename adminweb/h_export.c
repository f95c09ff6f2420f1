/* SPDX-License-Identifier: ISC
 * Exports for analysis (CSV long, wide, codebook) and a participant's
 * access request (their own answers as a PDF to hand over, or as JSON), as
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
#include "export.h"
#include "http.h"
#include "log.h"
#include "req.h"
#include "study.h"

#define ACCESS_PDF  "registerutdrag.pdf"
#define ACCESS_JSON "registerutdrag.json"

static const struct {
	const char *file;
	enum export_format format;
	const char *title;
	const char *text;
} files[] = {
	{ "svar-lang.csv", EXPORT_LONG, "Svar, lång form",
	  "En rad per svar: deltagar-id, grupp, enhet (som den redovisas), omgång, "
	  "fråga och värde." },
	{ "svar-bred.csv", EXPORT_WIDE, "Svar, bred form",
	  "En rad per deltagare och omgång, en kolumn per fråga." },
	{ "kodbok.csv", EXPORT_CODEBOOK, "Kodbok",
	  "Frågorna: id, text, typ, svarsalternativ och skalor." },
};

#define NFILES (sizeof(files) / sizeof(files[0]))

static uf_err
export_page(struct web_ctx *c, const char *error)
{
	struct manage_error err;
	char b[24];
	long long n = 0;
	struct hw w;
	size_t i;
	uf_err e;

	if ((e = export_long_count(c->db, aw_cfg->study, &n, &err)) != UF_OK)
		return e;
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Export och registerutdrag", R_EXPORT_FORM);
	if (error != NULL)
		aw_box(&w, "error", error);
	hw_raw(&w, "<h2>Export för analys</h2>\n<p>Bara inskickade svar. Filerna är "
	    "UTF-8 med komma mellan fälten och läses direkt av R (read.csv) och "
	    "Python (csv, pandas). Varje export loggas.</p>\n<p>Skydd mot formler i "
	    "kalkylprogram: en text som börjar med = + - @, ett tabbsteg eller en "
	    "radbrytning (CR) får en apostrof (') först, så att Excel eller LibreOffice "
	    "inte kör den som en formel. Tal som programmet "
	    "skriver (omgång, version, heltalssvar) står kvar som tal. Kodboken säger "
	    "detsamma vid varje fritextfråga.</p>\n<p>Den långa exporten "
	    "har just nu <strong data-count=\"long\">");
	hw_text(&w, aw_num(b, n));
	hw_raw(&w, "</strong> rader.</p>\n<div class=\"downloads\">\n");
	for (i = 0; i < NFILES; i++) {
		hw_raw(&w, "<form method=\"post\" action=\"/admin/export/");
		hw_text(&w, files[i].file);
		hw_raw(&w, "\">\n");
		aw_csrf_field(&w, c);
		hw_raw(&w, "<button type=\"submit\" class=\"secondary\">");
		hw_text(&w, files[i].title);
		hw_raw(&w, " (CSV)</button>\n<p class=\"hint\">");
		hw_text(&w, files[i].text);
		hw_raw(&w, "</p></form>\n");
	}
	hw_raw(&w, "</div>\n<h2>Registerutdrag</h2>\n<p>En deltagare har rätt att få "
	    "ut sina egna svar. Ange deltagarens kod eller deltagar-id; du får "
	    "deltagarens samtycken och svar i alla omgångar, med frågornas text: "
	    "som PDF att lämna ut, eller som JSON-fil.</p>\n"
	    "<form class=\"stack\" method=\"post\" action=\"/admin/begaran/" ACCESS_PDF "\">\n");
	aw_csrf_field(&w, c);
	aw_find_fields(&w, NULL);
	hw_raw(&w, "<div><button type=\"submit\" class=\"primary\">Hämta "
	    "registerutdraget (PDF)</button>\n"
	    "<button type=\"submit\" class=\"secondary\" formaction=\"/admin/begaran/"
	    ACCESS_JSON "\">Som JSON</button></div>\n</form>\n");
	aw_end(&w);
	return aw_page_done(c, &w);
}

static uf_err
export_again(struct web_ctx *c, uf_err e, const char *msg)
{
	reply_reset(c->reply);
	return aw_again(c, e, export_page(c, msg));
}

uf_err
h_export_form(struct web_ctx *c)
{
	return export_page(c, NULL);
}

static uf_err
to_reply(void *ctx, const char *p, size_t n)
{
	struct web_ctx *c = ctx;

	return buf_add(&c->reply->body, p, n);
}

uf_err
h_export_csv(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", NULL };
	struct manage_error err;
	long long rows = 0;
	size_t i;
	uf_err e;

	for (i = 0; i < NFILES; i++)
		if (c->req->path_arg != NULL && strcmp(c->req->path_arg, files[i].file) == 0)
			break;
	if (i == NFILES)
		return aw_error_page(c, UF_ENOTFOUND, "Sidan finns inte",
		    "Det finns ingen sådan export.");
	if ((e = aw_fields_only(c, fields)) != UF_OK)
		return e;
	/* The download headers first: an export that ran is one that was
	 * delivered (a failure below resets the reply). */
	if ((e = reply_download(c->reply, c->arena, "text/csv; charset=utf-8",
	    files[i].file)) != UF_OK)
		return e;
	c->reply->body.max = AW_DOWNLOAD_MAX;
	e = export_run(c->db, aw_cfg->study, files[i].format, aw_sess(c)->actor,
	    to_reply, c, &rows, &err);
	if (e == UF_ELIMIT)
		return export_again(c, e, "Exporten är för stor för att hämtas här. "
		    "Använd kommandot uppfolj-admin export.");
	if (e != UF_OK) {
		reply_reset(c->reply);
		return e;
	}
	log_info("req=%s msg=\"export\" format=%s rows=%lld", c->req->request_id,
	    export_format_name(files[i].format), rows);
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
		return msg != NULL ? export_again(c, e, msg) : e;
	/* Saved as e.g. registerutdrag-B-7KQ4XM.pdf (the file holds the panel
	 * id anyway, and never a name). Set before the audited export runs. */
	name = arena_printf(c->arena, "registerutdrag-%s.%s", p.panel_id,
	    pdf ? "pdf" : "json");
	if (name == NULL)
		return UF_ENOMEM;
	if ((e = reply_download(c->reply, c->arena, pdf ? "application/pdf" :
	    "application/json", name)) != UF_OK)
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
