/* SPDX-License-Identifier: ISC
 * The admin page skeleton: head with the shared stylesheet and the admin
 * one, a top bar with the menu of what the person's role may use and a
 * logout button, message boxes and error pages. No inline script or style
 * (the CSP forbids them); every text from outside goes through hw_text.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aw.h"
#include "db_manage.h"
#include "http.h"
#include "log.h"
#include "req.h"
#include "study.h"

struct menu_entry {
	enum aw_route route;
	const char *label;
	const char *href;
};

static const struct menu_entry menu[] = {
	{ R_HOME, "Översikt", "/admin/" },
	{ R_RATES, "Svarsfrekvens", "/admin/svarsfrekvens" },
	{ R_CODES_FORM, "Kodblad", "/admin/koder" },
	{ R_UNITS, "Enheter", "/admin/enheter" },
	{ R_MASKS, "Maskering", "/admin/maskering" },
	{ R_QUAL, "Kvalitativ analys", "/admin/kodning" },
	{ R_QUAL_TEXT, "Rapporttext", "/admin/rapporttext" },
	{ R_WAVES, "Omgångar", "/admin/omgangar" },
	{ R_STATUS, "Deltagare", "/admin/deltagare" },
	{ R_CODE_REPLACE_FORM, "Ny kod och testläge", "/admin/ersatt-kod" },
	{ R_USERS, "Användare", "/admin/anvandare" },
	{ R_AUDIT, "Logg", "/admin/logg" },
	{ R_EXPORT_FORM, "Export och registerutdrag", "/admin/export" },
	{ R_ERASE_FORM, "Utträde och radering", "/admin/radera" },
};

const char *
aw_num(char b[24], long long n)
{
	int w = snprintf(b, 24, "%lld", n);

	return w < 0 || w >= 24 ? "?" : b;
}

void
aw_option(struct hw *w, const char *value, bool selected, const char *label,
    const char *suffix)
{
	hw_raw(w, "<option value=\"");
	hw_text(w, value);
	hw_raw(w, selected ? "\" selected>" : "\">");
	hw_text(w, label);
	if (suffix != NULL)
		hw_text(w, suffix);
	hw_raw(w, "</option>\n");
}

void
aw_wave_options(struct hw *w, const struct m_waves *waves, const char *sel,
    const char *suffix)
{
	char m[24];
	int i;

	for (i = 0; i < waves->n; i++) {
		aw_num(m, waves->row[i].months);
		aw_option(w, m, sel != NULL && strcmp(sel, m) == 0, m, suffix);
	}
}

const char *
aw_role_label(enum user_role r)
{
	switch (r) {
	case ROLE_ADMIN: return "administratör";
	case ROLE_EVALUATOR: return "utvärderare";
	case ROLE_UNIT_CONTACT: return "kontaktperson";
	default: return "?";
	}
}

void
aw_csrf_field(struct hw *w, const struct web_ctx *c)
{
	const struct aw_session *s = aw_sess(c);

	if (s != NULL && s->s.csrf[0] != '\0')
		html_csrf(w, s->s.csrf);
}

void
aw_begin(struct hw *w, const struct web_ctx *c, const char *title,
    enum aw_route current)
{
	const struct aw_session *s = aw_sess(c);
	size_t i;

	hw_raw(w, "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n"
	          "<meta charset=\"utf-8\">\n"
	          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	          "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
	hw_text(w, title);
	hw_raw(w, " – Uppföljning, administration</title>\n"
	          "<link rel=\"stylesheet\" href=\"/static/uppfolj.css\">\n"
	          "<link rel=\"stylesheet\" href=\"/admin/admin.css\">\n"
	          "</head>\n<body class=\"admin\">\n"
	          "<a class=\"skip\" href=\"#main\">Till innehållet</a>\n"
	          "<header class=\"top\"><div class=\"bar\">\n"
	          "<p class=\"brand\">Uppföljning – administration</p>\n");
	if (s != NULL) {
		hw_raw(w, "<nav class=\"menu\" aria-label=\"Meny\"><ul>\n");
		for (i = 0; i < sizeof(menu) / sizeof(menu[0]); i++) {
			if (!aw_may(c, menu[i].route))
				continue;
			hw_raw(w, "<li><a href=\"");
			hw_text(w, menu[i].href);
			hw_raw(w, menu[i].route == current ? "\" aria-current=\"page\">" : "\">");
			hw_text(w, menu[i].label);
			hw_raw(w, "</a></li>\n");
		}
		hw_raw(w, "</ul></nav>\n<form class=\"who\" method=\"post\" "
		          "action=\"/admin/logout\">\n");
		aw_csrf_field(w, c);
		hw_raw(w, "<span>");
		hw_text(w, s->s.username);
		hw_raw(w, " (");
		hw_text(w, aw_role_label(s->s.role));
		hw_raw(w, ")</span> <button type=\"submit\" class=\"link\">Logga ut"
		          "</button>\n</form>\n");
	}
	hw_raw(w, "</div></header>\n<main id=\"main\">\n<h1>");
	hw_text(w, title);
	hw_raw(w, "</h1>\n");
}

void
aw_end(struct hw *w)
{
	hw_raw(w, "</main>\n</body>\n</html>\n");
}

void
aw_box(struct hw *w, const char *kind, const char *msg)
{
	hw_raw(w, "<p class=\"");
	hw_text(w, kind);
	hw_raw(w, strcmp(kind, "error") == 0 ? "\" role=\"alert\">" : "\" role=\"status\">");
	hw_text(w, msg);
	hw_raw(w, "</p>\n");
}

uf_err
aw_page_done(struct web_ctx *c, struct hw *w)
{
	uf_err e = hw_done(w);

	if (e != UF_OK)
		reply_reset(c->reply);
	return e;
}

uf_err
aw_again(struct web_ctx *c, uf_err e, uf_err page_e)
{
	if (page_e == UF_OK)
		c->rendered = true;
	return e;
}

uf_err
aw_error_page(struct web_ctx *c, uf_err e, const char *title, const char *msg)
{
	struct hw w;

	reply_reset(c->reply);
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, title, R__MAX);
	aw_box(&w, "error", msg);
	if (aw_sess(c) != NULL)
		hw_raw(&w, "<p><a href=\"/admin/\">Till översikten</a></p>\n");
	else
		hw_raw(&w, "<p><a href=\"/admin/login\">Till inloggningen</a></p>\n");
	aw_end(&w);
	if (hw_done(&w) != UF_OK) {
		reply_reset(c->reply);
		return e; /* the framework's own error page then */
	}
	c->rendered = true;
	c->err_msg = msg;
	return e;
}

uf_err
aw_study(struct web_ctx *c, long long *study)
{
	struct manage_error err;
	uf_err e = study_resolve(c->db, aw_cfg->study, study, &err);

	if (e == UF_EDB)
		return e;
	if (e != UF_OK) {
		log_error("req=%s msg=\"study not resolved\" err=%s", c->req->request_id,
		    uf_err_name(e));
		return aw_error_page(c, UF_EINTERNAL, "Ingen studie",
		    "Programmet hittar ingen (eller mer än en) studie. Ange studien "
		    "med inställningen study i konfigurationsfilen.");
	}
	return UF_OK;
}

void
aw_pager(struct hw *w, const char *action, const char *const *names,
    const char *const *values, size_t n, long page, long pages)
{
	size_t i;

	if (pages < 1)
		pages = 1;
	hw_raw(w, "<form class=\"pager\" method=\"get\" action=\"");
	hw_text(w, action);
	hw_raw(w, "\">\n");
	for (i = 0; i < n; i++) {
		if (values[i] == NULL)
			continue;
		hw_raw(w, "<input type=\"hidden\" name=\"");
		hw_text(w, names[i]);
		hw_raw(w, "\" value=\"");
		hw_text(w, values[i]);
		hw_raw(w, "\">\n");
	}
	hw_fmt(w, "<p>Sida <span data-page=\"%ld\">%ld</span> av "
	          "<span data-pages=\"%ld\">%ld</span></p>\n",
	    page, page, pages, pages);
	if (page > 1)
		hw_fmt(w, "<button type=\"submit\" class=\"secondary\" name=\"sida\" "
		          "value=\"%ld\">Föregående sida</button>\n",
		    page - 1);
	if (page < pages)
		hw_fmt(w, "<button type=\"submit\" class=\"secondary\" name=\"sida\" "
		          "value=\"%ld\">Nästa sida</button>\n",
		    page + 1);
	hw_raw(w, "</form>\n");
}
