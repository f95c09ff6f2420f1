/* SPDX-License-Identifier: ISC
 * One double coding (/admin/kodning/dubbel/N): its state, the button a
 * coder presses when done, and once both are done the agreement per
 * kategori (segments, Cohen's kappa, percent agreement; HACKING.md defines
 * the segments) and the two coders' meaning units side by side per text
 * to reconcile.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aw.h"
#include "aw_qual.h"
#include "num.h"
#include "qual.h"
#include "req.h"

/* x with two decimals and a decimal comma, as Swedish text writes it. */
static void
decimal_comma(struct hw *w, double x)
{
	char b[32];
	int n = snprintf(b, sizeof b, "%.2f", x);

	if (n < 0 || (size_t)n >= sizeof b) {
		hw_raw(w, "?");
		return;
	}
	for (char *p = b; *p != '\0'; p++)
		if (*p == '.')
			*p = ',';
	hw_text(w, b);
}

static void
agreement_table(struct hw *w, const struct qual_agreement *g, size_t n,
    long long segments)
{
	hw_raw(w, "<h2 id=\"overensstammelse\">Överensstämmelse per kategori</h2>\n<p>");
	hw_fmt(w, "%lld", segments);
	hw_raw(w, " segment (meningar). En kodare har gett ett segment en kategori om "
	          "någon av hens meningsbärande enheter som överlappar meningen har en kod "
	          "i kategorin.</p>\n<div class=\"table-wrap\"><table class=\"data\">\n"
	          "<caption>Cohens kappa och andel överensstämmelse</caption>\n<thead><tr>"
	          "<th scope=\"col\">Kategori</th><th scope=\"col\">Båda</th>"
	          "<th scope=\"col\">Bara kodare 1</th><th scope=\"col\">Bara kodare 2</th>"
	          "<th scope=\"col\">Ingen</th><th scope=\"col\">Överensstämmelse</th>"
	          "<th scope=\"col\">Kappa</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const struct qual_agreement *a = &g[i];

		hw_raw(w, "<tr><th scope=\"row\">");
		hw_text(w, a->name);
		hw_fmt(w, "</th><td>%lld</td><td>%lld</td><td>%lld</td><td>%lld</td><td>",
		    a->counts.both, a->counts.only_a, a->counts.only_b, a->counts.neither);
		if (a->r.agreement_defined)
			hw_fmt(w, "%.0f %%", 100.0 * a->r.agreement); /* whole percent */
		else
			hw_raw(w, "–");
		hw_raw(w, "</td><td>");
		if (a->r.kappa_defined)
			decimal_comma(w, a->r.kappa);
		else if (a->counts.both == 0 && a->counts.only_a == 0 && a->counts.only_b == 0)
			hw_raw(w, "ej definierad (ingen använde kategorin)");
		else
			hw_raw(w, "ej definierad (båda använde kategorin överallt)");
		hw_raw(w, "</td></tr>\n");
	}
	if (n == 0)
		hw_raw(w, "<tr><td colspan=\"7\">Studien har inga kategorier ännu.</td></tr>\n");
	hw_raw(w, "</tbody></table></div>\n");
}

/* The two coders' units on each document of the set, side by side. */
static uf_err
reconcile(struct hw *w, struct web_ctx *c, long long set, const struct db_res *s)
{
	struct db_res *docs = NULL, *units = NULL;
	long long doc;
	uf_err e;

	if ((e = db_q_set_docs(c->db, set, &docs)) != UF_OK)
		goto out;
	hw_raw(w, "<h2 id=\"jamfor\">Jämför och stäm av</h2>\n");
	for (int i = 0; i < db_res_rows(docs); i++) {
		if ((e = db_res_long(docs, i, QSD_DOCUMENT, &doc)) != UF_OK ||
		    (e = db_q_unit_list(c->db, doc, aw_sess(c)->s.user_id, &units)) != UF_OK)
			goto out;
		hw_raw(w, "<h3><a href=\"/admin/kodning/text/");
		hw_fmt(w, "%lld", doc);
		hw_raw(w, "\">");
		hw_text(w, db_res_get(docs, i, QSD_TITLE));
		hw_raw(w, "</a></h3>\n<div class=\"qside\">\n");
		for (int k = 0; k < 2; k++) {
			const char *coder = db_res_get(s, 0, k == 0 ? QS_CODER_A_ID : QS_CODER_B_ID);
			int shown = 0;

			hw_raw(w, "<section><h4>");
			hw_text(w, db_res_get(s, 0, k == 0 ? QS_CODER_A : QS_CODER_B));
			hw_raw(w, "</h4>\n<ul>\n");
			for (int j = 0; j < db_res_rows(units); j++) {
				if (strcmp(db_res_get(units, j, QU_CODER_ID), coder) != 0)
					continue;
				hw_raw(w, "<li><q>");
				hw_text(w, db_res_get(units, j, QU_SPAN));
				hw_raw(w, "</q> → ");
				hw_text(w, db_res_get(units, j, QU_CODE_PATH)[0] != '\0' ? db_res_get(units, j, QU_CODE_PATH) : "(ingen kod)");
				hw_raw(w, "</li>\n");
				shown++;
			}
			if (shown == 0)
				hw_raw(w, "<li>Inga meningsbärande enheter.</li>\n");
			hw_raw(w, "</ul></section>\n");
		}
		hw_raw(w, "</div>\n");
		db_res_free(units);
		units = NULL;
	}
out:
	db_res_free(docs);
	db_res_free(units);
	return e;
}

static uf_err
set_page(struct web_ctx *c, long long set, const char *error)
{
	struct db_res *s = NULL, *docs = NULL;
	struct qual_agreement *g = NULL;
	struct manage_error err;
	long long study, segments = 0, me = aw_sess(c)->s.user_id, a = 0, b = 0;
	size_t n = 0;
	bool a_done, b_done;
	struct hw w;
	uf_err e;

	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	if ((e = db_q_set_get(c->db, study, set, &s)) != UF_OK)
		goto out;
	if (db_res_rows(s) == 0) {
		e = aw_error_page(c, UF_ENOTFOUND, "Dubbelkodningen finns inte",
		    "Det finns ingen sådan dubbelkodning i studien.");
		goto out;
	}
	a_done = strcmp(db_res_get(s, 0, QS_A_DONE), "t") == 0;
	b_done = strcmp(db_res_get(s, 0, QS_B_DONE), "t") == 0;
	if ((e = db_res_long(s, 0, QS_CODER_A_ID, &a)) != UF_OK ||
	    (e = db_res_long(s, 0, QS_CODER_B_ID, &b)) != UF_OK ||
	    (e = db_q_set_docs(c->db, set, &docs)) != UF_OK)
		goto out;
	if (a_done && b_done &&
	    (e = qual_set_agreement(c->db, study, set, &g, &n, &segments, &err)) != UF_OK)
		goto out;
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, db_res_get(s, 0, QS_NAME), R_QUAL);
	if (error != NULL)
		aw_box(&w, "error", error);
	hw_raw(&w, "<p><a href=\"/admin/kodning#dubbelkodning\">Alla dubbelkodningar</a>"
	           "</p>\n<dl class=\"facts\"><dt>Kodare 1</dt><dd>");
	hw_text(&w, db_res_get(s, 0, QS_CODER_A));
	hw_raw(&w, a_done ? " (klar)" : " (kodar)");
	hw_raw(&w, "</dd><dt>Kodare 2</dt><dd>");
	hw_text(&w, db_res_get(s, 0, QS_CODER_B));
	hw_raw(&w, b_done ? " (klar)" : " (kodar)");
	hw_raw(&w, "</dd></dl>\n<h2>Texter</h2>\n<ul>\n");
	for (int i = 0; i < db_res_rows(docs); i++) {
		hw_raw(&w, "<li><a href=\"/admin/kodning/text/");
		hw_text(&w, db_res_get(docs, i, QSD_DOCUMENT));
		hw_raw(&w, "\">");
		hw_text(&w, db_res_get(docs, i, QSD_TITLE));
		hw_raw(&w, "</a></li>\n");
	}
	hw_raw(&w, "</ul>\n");
	if ((me == a && !a_done) || (me == b && !b_done)) {
		hw_raw(&w, "<p>Koda texterna på egen hand. När du är klar, tryck på "
		           "knappen: du kan inte ångra det.</p>\n<form method=\"post\" "
		           "action=\"/admin/kodning/dubbel/");
		hw_fmt(&w, "%lld", set);
		hw_raw(&w, "\">");
		aw_csrf_field(&w, c);
		hw_raw(&w, "<button type=\"submit\" class=\"primary\">Jag är klar med min "
		           "kodning</button></form>\n");
	}
	if (!(a_done && b_done))
		hw_raw(&w, "<p>Överensstämmelsen visas när båda kodarna är klara. Till dess "
		           "ser var och en bara sina egna meningsbärande enheter i texterna.</p>\n");
	else {
		agreement_table(&w, g, n, segments);
		if ((e = reconcile(&w, c, set, s)) != UF_OK)
			goto out;
	}
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	free(g);
	db_res_free(s);
	db_res_free(docs);
	return e;
}

uf_err
h_qual_set(struct web_ctx *c)
{
	long set;

	if (!num_long_canonical(c->req->path_arg, 1, 0x7fffffffL, &set))
		return aw_error_page(c, UF_ENOTFOUND, "Dubbelkodningen finns inte",
		    "Det finns ingen sådan dubbelkodning.");
	return set_page(c, set, NULL);
}

uf_err
h_qual_set_done(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", NULL };
	struct manage_error err;
	long long study;
	long set;
	uf_err e;

	if (!num_long_canonical(c->req->path_arg, 1, 0x7fffffffL, &set))
		return aw_error_page(c, UF_ENOTFOUND, "Dubbelkodningen finns inte",
		    "Det finns ingen sådan dubbelkodning.");
	if ((e = aw_fields_only(c, fields)) != UF_OK || (e = aw_study(c, &study)) != UF_OK)
		return e;
	e = qual_set_done(c->db, study, set, aw_sess(c)->s.user_id, &err);
	if (e == UF_EPERM || e == UF_ENOTFOUND) {
		reply_reset(c->reply);
		return aw_again(c, e, set_page(c, set, manage_error_text(&err, e)));
	}
	if (e != UF_OK)
		return e;
	return aw_qual_redirect(c, "/admin/kodning/dubbel/", set, "");
}
