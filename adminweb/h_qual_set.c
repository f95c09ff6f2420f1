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

/* One coder's units of a document as a list. */
static void
coder_units(struct hw *w, const char *name, long long coder, const struct q_units *units)
{
	int shown = 0;

	hw_raw(w, "<section><h4>");
	hw_text(w, name);
	hw_raw(w, "</h4>\n<ul>\n");
	for (int j = 0; j < units->n; j++) {
		if (units->row[j].coder_id != coder)
			continue;
		hw_raw(w, "<li><q>");
		hw_text(w, units->row[j].span);
		hw_raw(w, "</q> → ");
		hw_text(w, aw_qual_code_path(&units->row[j]));
		hw_raw(w, "</li>\n");
		shown++;
	}
	if (shown == 0)
		hw_raw(w, "<li>Inga meningsbärande enheter.</li>\n");
	hw_raw(w, "</ul></section>\n");
}

/* The two coders' units on each document of the set, side by side. */
static uf_err
reconcile(struct hw *w, struct web_ctx *c, const struct q_set *s,
    const struct q_set_docs *docs)
{
	struct q_units units = { 0 };
	uf_err e = UF_OK;

	hw_raw(w, "<h2 id=\"jamfor\">Jämför och stäm av</h2>\n");
	for (int i = 0; i < docs->n; i++) {
		long long doc = docs->row[i].document;

		if ((e = db_q_unit_list(c->db, doc, aw_sess(c)->s.user_id, &units)) != UF_OK)
			break;
		hw_fmt(w, "<h3><a href=\"/admin/kodning/text/%lld\">", doc);
		hw_text(w, docs->row[i].title);
		hw_raw(w, "</a></h3>\n<div class=\"qside\">\n");
		coder_units(w, s->coder_a, s->coder_a_id, &units);
		coder_units(w, s->coder_b, s->coder_b_id, &units);
		hw_raw(w, "</div>\n");
		db_rows_free(&units.own);
	}
	return e;
}

static uf_err
set_page(struct web_ctx *c, long long set, const char *error)
{
	struct q_sets sets = { 0 };
	struct q_set_docs docs = { 0 };
	const struct q_set *s;
	struct qual_agreement *g = NULL;
	struct manage_error err;
	long long study, segments = 0, me = aw_sess(c)->s.user_id;
	size_t n = 0;
	struct hw w;
	uf_err e;

	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	if ((e = db_q_set_get(c->db, study, set, &sets)) != UF_OK)
		goto out;
	if (sets.n == 0) {
		e = aw_error_page(c, UF_ENOTFOUND, "Dubbelkodningen finns inte",
		    "Det finns ingen sådan dubbelkodning i studien.");
		goto out;
	}
	s = &sets.row[0];
	if ((e = db_q_set_docs(c->db, set, &docs)) != UF_OK)
		goto out;
	if (s->a_done && s->b_done &&
	    (e = qual_set_agreement(c->db, study, set, &g, &n, &segments, &err)) != UF_OK)
		goto out;
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, s->name, R_QUAL);
	if (error != NULL)
		aw_box(&w, "error", error);
	hw_raw(&w, "<p><a href=\"/admin/kodning#dubbelkodning\">Alla dubbelkodningar</a>"
	           "</p>\n<dl class=\"facts\"><dt>Kodare 1</dt><dd>");
	hw_text(&w, s->coder_a);
	hw_raw(&w, s->a_done ? " (klar)" : " (kodar)");
	hw_raw(&w, "</dd><dt>Kodare 2</dt><dd>");
	hw_text(&w, s->coder_b);
	hw_raw(&w, s->b_done ? " (klar)" : " (kodar)");
	hw_raw(&w, "</dd></dl>\n<h2>Texter</h2>\n<ul>\n");
	for (int i = 0; i < docs.n; i++) {
		hw_fmt(&w, "<li><a href=\"/admin/kodning/text/%lld\">", docs.row[i].document);
		hw_text(&w, docs.row[i].title);
		hw_raw(&w, "</a></li>\n");
	}
	hw_raw(&w, "</ul>\n");
	if ((me == s->coder_a_id && !s->a_done) || (me == s->coder_b_id && !s->b_done)) {
		hw_raw(&w, "<p>Koda texterna på egen hand. När du är klar, tryck på "
		           "knappen: du kan inte ångra det.</p>\n<form method=\"post\" "
		           "action=\"/admin/kodning/dubbel/");
		hw_fmt(&w, "%lld", set);
		hw_raw(&w, "\">");
		aw_csrf_field(&w, c);
		hw_raw(&w, "<button type=\"submit\" class=\"primary\">Jag är klar med min "
		           "kodning</button></form>\n");
	}
	if (!(s->a_done && s->b_done))
		hw_raw(&w, "<p>Överensstämmelsen visas när båda kodarna är klara. Till dess "
		           "ser var och en bara sina egna meningsbärande enheter i texterna.</p>\n");
	else {
		agreement_table(&w, g, n, segments);
		if ((e = reconcile(&w, c, s, &docs)) != UF_OK)
			goto out;
	}
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	free(g);
	db_rows_free(&sets.own);
	db_rows_free(&docs.own);
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
