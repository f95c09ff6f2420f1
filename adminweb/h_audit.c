/* SPDX-License-Identifier: ISC
 * The audit log (admins only): who did what and when, newest first, with
 * filters on actor, action and a date range, 50 rows a page. The log holds
 * no answers or codes (schema/0002), so the page shows it as it is.
 */
#include "config.h"

#include <string.h>

#include "aw.h"
#include "db_manage.h"
#include "num.h"
#include "req.h"

#define PER_PAGE 50
#define PAGE_MAX 100000

/* Whether an action filter has the shape of the log's actions. */
static bool
action_ok(const char *s)
{
	size_t i, n = strlen(s);

	if (n < 1 || n > 40)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_' || s[i] == '.'))
			return false;
	return true;
}

static void
filter_form(struct hw *w, const struct audit_filter *f)
{
	hw_raw(w, "<form class=\"inline\" method=\"get\" action=\"/admin/logg\">\n"
	          "<div><label for=\"aktor\">Vem</label><br>\n<input type=\"text\" "
	          "id=\"aktor\" name=\"aktor\" maxlength=\"100\" value=\"");
	hw_text(w, f->actor != NULL ? f->actor : "");
	hw_raw(w, "\"></div>\n<div><label for=\"handelse\">Händelse</label><br>\n"
	          "<input type=\"text\" id=\"handelse\" name=\"handelse\" maxlength=\"40\" "
	          "value=\"");
	hw_text(w, f->action != NULL ? f->action : "");
	hw_raw(w, "\"></div>\n<div><label for=\"fran\">Från och med</label><br>\n"
	          "<input type=\"date\" id=\"fran\" name=\"fran\" value=\"");
	hw_text(w, f->from != NULL ? f->from : "");
	hw_raw(w, "\"></div>\n<div><label for=\"till\">Till och med</label><br>\n"
	          "<input type=\"date\" id=\"till\" name=\"till\" value=\"");
	hw_text(w, f->to != NULL ? f->to : "");
	hw_raw(w, "\"></div>\n<div><button type=\"submit\" class=\"secondary\">"
	          "Visa</button></div>\n</form>\n"
	          "<p class=\"hint\">Händelse är t.ex. user.login, code.replace eller "
	          "test.purge. Datum skrivs ÅÅÅÅ-MM-DD.</p>\n");
}

uf_err
h_audit(struct web_ctx *c)
{
	static const char *const names[] = { "aktor", "handelse", "fran", "till" };
	struct audit_filter f = { NULL, NULL, NULL, NULL };
	const char *sida, *values[4];
	struct m_audits r = { 0 };
	long page = 1, pages;
	long long total = 0;
	struct hw w;
	bool bad = false;
	int i;
	uf_err e;

	f.actor = aw_query(c, "aktor", 100, &bad);
	f.action = aw_query(c, "handelse", 40, &bad);
	f.from = aw_query(c, "fran", 10, &bad);
	f.to = aw_query(c, "till", 10, &bad);
	sida = aw_query(c, "sida", 6, &bad);
	if (bad || (f.action != NULL && !action_ok(f.action)))
		return aw_error_page(c, UF_EINVAL, "Felaktigt urval",
		    "Händelse skrivs med små bokstäver a–z, punkt och understreck, "
		    "t.ex. user.login.");
	if ((f.from != NULL && !aw_date_ok(f.from)) ||
	    (f.to != NULL && !aw_date_ok(f.to)))
		return aw_error_page(c, UF_EINVAL, "Felaktigt urval",
		    "Datum skrivs ÅÅÅÅ-MM-DD, t.ex. 2026-03-01.");
	if (f.from != NULL && f.to != NULL && strcmp(f.from, f.to) > 0)
		return aw_error_page(c, UF_EINVAL, "Felaktigt urval",
		    "Från-datumet ligger efter till-datumet.");
	if (sida != NULL && !num_long_canonical(sida, 1, PAGE_MAX, &page))
		return aw_error_page(c, UF_EINVAL, "Felaktigt urval",
		    "Sidan ska vara ett tal (använd knapparna).");
	if ((e = db_m_audit_list(c->db, &f, PER_PAGE, (page - 1) * PER_PAGE,
	         &r)) != UF_OK)
		goto out;
	if (r.n > 0)
		total = r.row[0].total;
	pages = total == 0 ? 1 : (long)((total + PER_PAGE - 1) / PER_PAGE);
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Logg", R_AUDIT);
	hw_raw(&w, "<p>Vem som gjorde vad och när. Loggen innehåller aldrig svar "
	           "eller koder.</p>\n");
	filter_form(&w, &f);
	hw_fmt(&w, "<p data-total=\"%lld\">%lld händelser</p>\n", total, total);
	hw_raw(&w, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Tabell, kan rullas i sidled\"><table class=\"data audit\">\n"
	           "<caption>Logg, nyast först</caption>\n<thead><tr>"
	           "<th scope=\"col\">Tid</th><th scope=\"col\">Vem</th>"
	           "<th scope=\"col\">Händelse</th><th scope=\"col\">Vad</th>"
	           "<th scope=\"col\">Detaljer</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < r.n; i++) {
		const struct m_audit *a = &r.row[i];

		hw_raw(&w, "<tr data-action=\"");
		hw_text(&w, a->action);
		hw_raw(&w, "\"><td class=\"date\">");
		hw_text(&w, a->at);
		hw_raw(&w, "</td><td>");
		hw_text(&w, a->actor);
		hw_raw(&w, "</td><td>");
		hw_text(&w, a->action);
		hw_raw(&w, "</td><td>");
		hw_text(&w, a->object);
		hw_raw(&w, "</td><td><code>");
		hw_text(&w, a->detail);
		hw_raw(&w, "</code></td></tr>\n");
	}
	if (r.n == 0)
		hw_raw(&w, "<tr><td colspan=\"5\">Inga händelser med det urvalet."
		           "</td></tr>\n");
	hw_raw(&w, "</tbody></table></div>\n");
	values[0] = f.actor;
	values[1] = f.action;
	values[2] = f.from;
	values[3] = f.to;
	aw_pager(&w, "/admin/logg", names, values, 4, page, pages);
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	m_audits_free(&r);
	return e;
}
