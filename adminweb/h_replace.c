/* SPDX-License-Identifier: ISC
 * "Ny kod och testläge" (admins): void a lost slip's code and download a
 * slip with a new one for the same participant (manage/codereplace; the
 * old code stops working at once), mark a wave or one participant's code
 * as test or real, and delete every test answer in one action. All
 * audited by the database functions of schema/0015.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aw.h"
#include "codereplace.h"
#include "codesheet.h"
#include "db_manage.h"
#include "num.h"
#include "req.h"

#define PANEL_MAX 16

static void
wave_select(struct hw *w, const struct m_waves *waves, const char *id)
{
	hw_raw(w, "<select id=\"");
	hw_text(w, id);
	hw_raw(w, "\" name=\"omgang\" required>\n<option value=\"\">Välj</option>\n");
	aw_wave_options(w, waves, NULL, " månader");
	hw_raw(w, "</select>\n");
}

static uf_err
page(struct web_ctx *c, const char *error, const char *notice)
{
	struct m_waves waves = { 0 };
	long long study;
	char m[24];
	struct hw w;
	int i;
	uf_err e;

	if ((e = aw_study(c, &study)) != UF_OK ||
	    (e = db_m_waves(c->db, study, &waves)) != UF_OK)
		goto out;
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Ny kod och testläge", R_CODE_REPLACE_FORM);
	if (error != NULL)
		aw_box(&w, "error", error);
	else if (notice != NULL)
		aw_box(&w, "notice", notice);
	hw_raw(&w, "<h2>Ersätt en borttappad lapp</h2>\n<p>Den gamla koden slutar "
	           "gälla direkt. Deltagaren får en ny kod för samma omgång; det hen redan "
	           "har svarat finns kvar.</p>\n<form class=\"stack\" method=\"post\" "
	           "action=\"/admin/ersatt-kod\">\n");
	aw_csrf_field(&w, c);
	hw_raw(&w, "<div><label for=\"ersatt-omgang\">Omgång</label>\n");
	wave_select(&w, &waves, "ersatt-omgang");
	hw_raw(&w, "</div>\n<div><label for=\"ersatt-deltagare\">Deltagare (id)</label>\n"
	           "<input type=\"text\" id=\"ersatt-deltagare\" name=\"deltagare\" "
	           "maxlength=\"16\" autocomplete=\"off\" required>\n<p class=\"hint\">Som "
	           "det står på lappen eller i deltagarlistan, t.ex. B-7KQ4XM.</p></div>\n"
	           "<div><button type=\"submit\" class=\"primary\">Ersätt koden och hämta "
	           "den nya lappen (PDF)</button></div>\n</form>\n");

	hw_raw(&w, "<h2>Testläge</h2>\n<p>Svar i en testomgång eller med en testkod "
	           "räknas aldrig i svarsfrekvens, export eller rapporter. Enkäten visar "
	           "”Testläge” för den som svarar.</p>\n<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Tabell, kan rullas i sidled\"><table "
	           "class=\"data waves-test\">\n<caption>Omgångar</caption>\n<thead><tr>"
	           "<th scope=\"col\">Omgång</th><th scope=\"col\">Läge</th>"
	           "<th scope=\"col\">Ändra</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < waves.n; i++) {
		bool test = waves.row[i].test;

		aw_num(m, waves.row[i].months);
		hw_raw(&w, "<tr data-wave=\"");
		hw_text(&w, m);
		hw_raw(&w, "\"><td>");
		hw_text(&w, m);
		hw_raw(&w, " månader</td><td>");
		hw_raw(&w, test ? "Test" : "Skarp");
		hw_raw(&w, "</td><td><form class=\"inline\" method=\"post\" "
		           "action=\"/admin/testlage\">\n");
		aw_csrf_field(&w, c);
		hw_raw(&w, "<input type=\"hidden\" name=\"omgang\" value=\"");
		hw_text(&w, m);
		hw_raw(&w, test ? "\"><input type=\"hidden\" name=\"lage\" value=\"skarp\">"
		                  "<button type=\"submit\" class=\"secondary\">Gör skarp</button>" :
		                  "\"><input type=\"hidden\" name=\"lage\" value=\"test\">"
		                  "<button type=\"submit\" class=\"secondary\">Gör till test</button>");
		hw_raw(&w, "</form></td></tr>\n");
	}
	hw_raw(&w, "</tbody></table></div>\n<h3>En deltagares kod</h3>\n"
	           "<form class=\"stack\" method=\"post\" action=\"/admin/testlage\">\n");
	aw_csrf_field(&w, c);
	hw_raw(&w, "<div><label for=\"test-omgang\">Omgång</label>\n");
	wave_select(&w, &waves, "test-omgang");
	hw_raw(&w, "</div>\n<div><label for=\"test-deltagare\">Deltagare (id)</label>\n"
	           "<input type=\"text\" id=\"test-deltagare\" name=\"deltagare\" "
	           "maxlength=\"16\" autocomplete=\"off\" required></div>\n"
	           "<fieldset><legend>Koden är</legend>\n<label class=\"check\"><input "
	           "type=\"radio\" name=\"lage\" value=\"test\" checked> En testkod</label>\n"
	           "<label class=\"check\"><input type=\"radio\" name=\"lage\" "
	           "value=\"skarp\"> En skarp kod</label>\n</fieldset>\n"
	           "<div><button type=\"submit\" class=\"secondary\">Spara</button></div>\n"
	           "</form>\n<h3>Rensa testsvar</h3>\n<p>Tar bort alla testsvar och "
	           "testsamtycken i studien på en gång. Koderna finns kvar.</p>\n"
	           "<form class=\"inline\" method=\"post\" action=\"/admin/testlage/rensa\">\n");
	aw_csrf_field(&w, c);
	hw_raw(&w, "<button type=\"submit\" class=\"danger\">Ta bort alla testsvar"
	           "</button></form>\n");
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	m_waves_free(&waves);
	return e;
}

uf_err
h_code_replace_form(struct web_ctx *c)
{
	const char *k = req_arg(c->req, "klart");

	return page(c, NULL, k == NULL ? NULL : strcmp(k, "rensat") == 0 ? "Testsvaren är borttagna." :
	        strcmp(k, "test") == 0                                   ? "Testläget är sparat." :
	                                                                   NULL);
}

static uf_err
again(struct web_ctx *c, uf_err e, const char *msg)
{
	reply_reset(c->reply);
	return aw_again(c, e, page(c, msg, NULL));
}

struct slip_ctx {
	struct web_ctx *c;
};

/* Draw the one slip into the reply before the new code is committed. */
static uf_err
draw(void *ctx, const struct codes_batch *b)
{
	struct slip_ctx *s = ctx;
	struct reply *r = s->c->reply;
	char name[64];
	int n;
	uf_err e;

	n = snprintf(name, sizeof(name), "ny-kod-%d-%s.pdf", b->months,
	    b->slips[0].panel_id);
	if (n < 0 || (size_t)n >= sizeof(name))
		return UF_EINTERNAL;
	r->body.max = AW_DOWNLOAD_MAX;
	buf_reset(&r->body);
	e = codesheet_render(b, aw_cfg->base_url, aw_cfg->font_dir, &r->body);
	if (e == UF_OK)
		e = reply_download(r, s->c->arena, "application/pdf", name);
	return e;
}

/* The posted wave and panel id; msg when one is wrong. */
static bool
wave_panel(struct web_ctx *c, long *months, const char **panel, const char **msg)
{
	bool bad = false;
	const char *om = aw_field(c, "omgang", 3, &bad);
	size_t i;

	*panel = aw_field(c, "deltagare", PANEL_MAX, &bad);
	if (bad || !num_long_canonical(om, 1, 120, months)) {
		*msg = "Välj en omgång i listan.";
		return false;
	}
	if (*panel == NULL) {
		*msg = "Skriv deltagarens id, t.ex. B-7KQ4XM.";
		return false;
	}
	for (i = 0; (*panel)[i] != '\0'; i++)
		if (!(((*panel)[i] >= 'A' && (*panel)[i] <= 'Z') ||
		        ((*panel)[i] >= '0' && (*panel)[i] <= '9') || (*panel)[i] == '-')) {
			*msg = "Ett deltagar-id har bara stora bokstäver, siffror och "
			       "bindestreck, t.ex. B-7KQ4XM.";
			return false;
		}
	return true;
}

uf_err
h_code_replace(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "omgang", "deltagare", NULL };
	struct manage_error err;
	struct slip_ctx s = { c };
	const char *panel, *msg;
	long months;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK)
		return e;
	if (!wave_panel(c, &months, &panel, &msg))
		return again(c, UF_EINVAL, msg);
	e = code_replace(c->db, aw_cfg->key, aw_cfg->study, panel, (int)months,
	    aw_sess(c)->actor, draw, &s, &err);
	if (e == UF_EINVAL || e == UF_ENOTFOUND || e == UF_ECONFLICT)
		return again(c, e, manage_error_text(&err, e));
	return e;
}

uf_err
h_test_mark(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "omgang", "deltagare", "lage",
		NULL };
	struct manage_error err;
	const char *panel = NULL, *lage, *msg;
	long months;
	bool bad = false, test;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK)
		return e;
	lage = aw_field(c, "lage", 10, &bad);
	if (bad || lage == NULL || (strcmp(lage, "test") != 0 && strcmp(lage, "skarp") != 0))
		return again(c, UF_EINVAL, "Välj test eller skarp.");
	test = strcmp(lage, "test") == 0;
	if (req_field(c->req, "deltagare") != NULL) {
		if (!wave_panel(c, &months, &panel, &msg))
			return again(c, UF_EINVAL, msg);
		e = code_mark_test(c->db, aw_cfg->study, panel, (int)months, test,
		    aw_sess(c)->actor, &err);
	} else {
		if (!num_long_canonical(aw_field(c, "omgang", 3, &bad), 1, 120, &months) || bad)
			return again(c, UF_EINVAL, "Välj en omgång i listan.");
		e = wave_mark_test(c->db, aw_cfg->study, (int)months, test,
		    aw_sess(c)->actor, &err);
	}
	if (e == UF_EINVAL || e == UF_ENOTFOUND)
		return again(c, e, manage_error_text(&err, e));
	if (e != UF_OK)
		return e;
	reply_redirect(c->reply, "/admin/ersatt-kod?klart=test");
	return UF_OK;
}

uf_err
h_test_purge(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", NULL };
	struct manage_error err;
	long long n = 0;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK)
		return e;
	e = test_purge(c->db, aw_cfg->study, aw_sess(c)->actor, &n, &err);
	if (e == UF_EINVAL || e == UF_ENOTFOUND)
		return again(c, e, manage_error_text(&err, e));
	if (e != UF_OK)
		return e;
	reply_redirect(c->reply, "/admin/ersatt-kod?klart=rensat");
	return UF_OK;
}
