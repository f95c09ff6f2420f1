/* SPDX-License-Identifier: ISC
 * The code tree (/admin/kodning/koder): kategori > subkategori > kod with
 * how many meaning units each holds, forms to create, rename, move and
 * merge (each an event in the tree's history, shown below), and the page
 * with every meaning unit under one code side by side
 * (/admin/kodning/kod/N). Checks and SQL are manage/qual's.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aw.h"
#include "aw_qual.h"
#include "qual_examples.h"
#include "num.h"
#include "qual.h"
#include "req.h"

static void
tree(struct hw *w, const struct q_codes *codes)
{
	int depth = 0;

	/* Nested lists: a code's children are a <ul> inside its <li>. The
	 * rows come in tree order, so the level grows by at most one. */
	hw_raw(w, "<div class=\"qtree\">\n");
	for (int i = 0; i < codes->n; i++) {
		const struct q_code *k = &codes->row[i];
		int level = k->level;

		if (level > depth) {
			hw_raw(w, "<ul>\n");
		} else {
			hw_raw(w, "</li>\n");
			for (; depth > level; depth--)
				hw_raw(w, "</ul></li>\n");
		}
		depth = level;
		hw_fmt(w, "<li><a href=\"/admin/kodning/kod/%lld\">", k->id);
		hw_text(w, k->name);
		hw_raw(w, "</a> <span class=\"hint\">(");
		hw_text(w, QUAL_LEVEL_NAME(level));
		hw_fmt(w, ", %lld enheter)</span>", k->units);
	}
	if (depth > 0) {
		hw_raw(w, "</li>\n");
		for (; depth > 1; depth--)
			hw_raw(w, "</ul></li>\n");
		hw_raw(w, "</ul>\n");
	}
	if (codes->n == 0)
		hw_raw(w, "<p>Inga koder ännu. Börja med en kategori.</p>\n");
	hw_raw(w, "</div>\n");
}

/* A form posting to /admin/kodning/koder/<action>. */
static void
form_begin(struct hw *w, struct web_ctx *c, const char *id, const char *title,
    const char *action)
{
	hw_raw(w, "<h3 id=\"");
	hw_text(w, id);
	hw_raw(w, "\">");
	hw_text(w, title);
	hw_raw(w, "</h3>\n<form class=\"stack\" method=\"post\" action=\"/admin/kodning/koder/");
	hw_text(w, action);
	hw_raw(w, "\">\n");
	aw_csrf_field(w, c);
}

static void
code_select(struct hw *w, const char *id, const char *name, const char *label,
    const struct q_codes *codes, int max_level, const char *first)
{
	hw_raw(w, "<div><label for=\"");
	hw_text(w, id);
	hw_raw(w, "\">");
	hw_text(w, label);
	hw_raw(w, "</label>\n<select id=\"");
	hw_text(w, id);
	hw_raw(w, "\" name=\"");
	hw_text(w, name);
	hw_raw(w, "\" required>\n");
	if (first != NULL) {
		hw_raw(w, "<option value=\"0\">");
		hw_text(w, first);
		hw_raw(w, "</option>\n");
	}
	aw_qual_code_options(w, codes, NULL, max_level);
	hw_raw(w, "</select></div>\n");
}

static uf_err
codes_page(struct web_ctx *c, const char *error)
{
	struct q_codes codes = { 0 };
	struct q_events events = { 0 };
	long long study;
	struct hw w;
	uf_err e;

	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	if ((e = db_q_code_list(c->db, study, &codes)) != UF_OK ||
	    (e = db_q_event_list(c->db, study, &events)) != UF_OK)
		goto out;
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Kodträdet", R_QUAL);
	if (error != NULL)
		aw_box(&w, "error", error);
	else if (req_arg(c->req, "klart") != NULL)
		aw_box(&w, "notice", "Kodträdet är ändrat.");
	hw_raw(&w, "<p><a href=\"/admin/kodning\">Alla texter</a></p>\n<p>Kategorier "
	           "delas in i subkategorier och de i koder. Följ en länk för att se alla "
	           "meningsbärande enheter under koden sida vid sida.</p>\n");
	tree(&w, &codes);
	form_begin(&w, c, "ny", "Ny kod", "ny");
	hw_raw(&w, "<div><label for=\"n-namn\">Namn</label>\n<input type=\"text\" "
	           "id=\"n-namn\" name=\"namn\" maxlength=\"200\" required></div>\n");
	code_select(&w, "n-under", "under", "Under", &codes, 2, "(ny kategori)");
	hw_raw(&w, "<div><button type=\"submit\" class=\"primary\">Skapa</button></div>\n"
	           "</form>\n");
	if (codes.n > 0) {
		form_begin(&w, c, "namn", "Byt namn", "namn");
		code_select(&w, "r-kod", "kod", "Kod", &codes, 3, NULL);
		hw_raw(&w, "<div><label for=\"r-namn\">Nytt namn</label>\n<input type=\"text\" "
		           "id=\"r-namn\" name=\"namn\" maxlength=\"200\" required></div>\n"
		           "<div><button type=\"submit\">Byt namn</button></div>\n</form>\n");
		form_begin(&w, c, "flytta", "Flytta", "flytta");
		code_select(&w, "m-kod", "kod", "Subkategori eller kod", &codes, 3, NULL);
		code_select(&w, "m-under", "under", "Till (en nivå upp)", &codes, 2, NULL);
		hw_raw(&w, "<div><button type=\"submit\">Flytta</button></div>\n</form>\n");
		form_begin(&w, c, "ihop", "Slå ihop", "ihop");
		hw_raw(&w, "<p class=\"hint\">Den första koden försvinner: dess "
		           "meningsbärande enheter och underkoder flyttas till den andra.</p>\n");
		code_select(&w, "j-fran", "fran", "Slå ihop", &codes, 3, NULL);
		code_select(&w, "j-med", "med", "Med", &codes, 3, NULL);
		hw_raw(&w, "<div><button type=\"submit\">Slå ihop</button></div>\n</form>\n");
	}
	hw_raw(&w, "<h2 id=\"historik\">Historik</h2>\n<div class=\"table-wrap\">"
	           "<table class=\"data\">\n<caption>Ändringar i kodträdet, senaste först"
	           "</caption>\n<thead><tr><th scope=\"col\">När</th><th scope=\"col\">Vem</th>"
	           "<th scope=\"col\">Vad</th><th scope=\"col\">Före</th><th scope=\"col\">"
	           "Efter</th></tr></thead>\n<tbody>\n");
	for (int i = 0; i < events.n; i++) {
		const struct q_event *ev = &events.row[i];
		const char *k = ev->kind;

		hw_raw(&w, "<tr><td>");
		hw_text(&w, ev->at);
		hw_raw(&w, "</td><td>");
		hw_text(&w, ev->actor);
		hw_raw(&w, "</td><td>");
		hw_text(&w, strcmp(k, "create") == 0 ? "Skapad" : strcmp(k, "rename") == 0 ? "Nytt namn" :
		        strcmp(k, "move") == 0                                             ? "Flyttad" :
		                                                                             "Sammanslagen");
		hw_raw(&w, "</td><td>");
		hw_text(&w, ev->old_name);
		hw_raw(&w, "</td><td>");
		hw_text(&w, ev->new_name);
		hw_raw(&w, "</td></tr>\n");
	}
	if (events.n == 0)
		hw_raw(&w, "<tr><td colspan=\"5\">Inga ändringar ännu.</td></tr>\n");
	hw_raw(&w, "</tbody></table></div>\n");
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	db_rows_free(&codes.own);
	db_rows_free(&events.own);
	return e;
}

uf_err
h_qual_codes(struct web_ctx *c)
{
	return codes_page(c, NULL);
}

static uf_err
again(struct web_ctx *c, uf_err e, const char *msg)
{
	reply_reset(c->reply);
	return aw_again(c, e, codes_page(c, msg));
}

static bool
id_field(struct web_ctx *c, const char *name, long lo, long long *out)
{
	bool bad = false;
	const char *v = aw_field(c, name, 12, &bad);
	long x;

	if (bad || v == NULL || !num_long_canonical(v, lo, 0x7fffffffL, &x))
		return false;
	*out = x;
	return true;
}

enum code_action { CA_NEW,
	CA_RENAME,
	CA_MOVE,
	CA_MERGE,
	CA__MAX };
static const char *const action_names[CA__MAX] = { "ny", "namn", "flytta", "ihop" };
static const char *const action_fields[CA__MAX][4] = {
	{ "csrf", "namn", "under", NULL },
	{ "csrf", "kod", "namn", NULL },
	{ "csrf", "kod", "under", NULL },
	{ "csrf", "fran", "med", NULL },
};

uf_err
h_qual_code_change(struct web_ctx *c)
{
	struct manage_error err;
	enum code_action a = CA__MAX;
	const char *name = NULL, *actor = aw_sess(c)->actor;
	long long study, x = 0, y = 0, id;
	bool bad = false, ok = false;
	uf_err e;

	for (size_t i = 0; i < CA__MAX; i++)
		if (strcmp(c->req->path_arg, action_names[i]) == 0)
			a = (enum code_action)i;
	if (a == CA__MAX)
		return aw_error_page(c, UF_ENOTFOUND, "Sidan finns inte",
		    "Det finns ingen sådan ändring av kodträdet.");
	if ((e = aw_fields_only(c, action_fields[a])) != UF_OK || (e = aw_study(c, &study)) != UF_OK)
		return e;
	switch (a) {
	case CA_NEW:
		name = aw_field(c, "namn", QUAL_NAME_MAX, &bad);
		ok = !bad && name != NULL && id_field(c, "under", 0, &x);
		break;
	case CA_RENAME:
		name = aw_field(c, "namn", QUAL_NAME_MAX, &bad);
		ok = !bad && name != NULL && id_field(c, "kod", 1, &x);
		break;
	case CA_MOVE:
		ok = id_field(c, "kod", 1, &x) && id_field(c, "under", 1, &y);
		break;
	case CA_MERGE:
		ok = id_field(c, "fran", 1, &x) && id_field(c, "med", 1, &y);
		break;
	case CA__MAX:
		break;
	}
	if (!ok)
		return again(c, UF_EINVAL, "Fyll i formuläret: ett namn på 1–200 tecken "
		                           "utan radbrytningar och koder ur listorna.");
	switch (a) {
	case CA_NEW:
		e = qual_code_add(c->db, study, x, name, actor, &id, &err);
		break;
	case CA_RENAME:
		e = qual_code_rename(c->db, study, x, name, actor, &err);
		break;
	case CA_MOVE:
		e = qual_code_move(c->db, study, x, y, actor, &err);
		break;
	case CA_MERGE:
		e = qual_code_merge(c->db, study, x, y, actor, &err);
		break;
	case CA__MAX:
		e = UF_EINTERNAL;
		break;
	}
	if (e == UF_EINVAL || e == UF_ENOTFOUND || e == UF_ECONFLICT)
		return again(c, e, manage_error_text(&err, e));
	if (e != UF_OK)
		return e;
	reply_redirect(c->reply, "/admin/kodning/koder?klart=1");
	return UF_OK;
}

uf_err
h_qual_code(struct web_ctx *c)
{
	struct q_codes code = { 0 };
	struct q_units units = { 0 };
	struct qex_rows ex = { 0 };
	long long study;
	long id;
	struct hw w;
	uf_err e;

	if (!num_long_canonical(c->req->path_arg, 1, 0x7fffffffL, &id))
		return aw_error_page(c, UF_ENOTFOUND, "Koden finns inte",
		    "Det finns ingen sådan kod.");
	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	if ((e = db_q_code_get(c->db, study, id, &code)) != UF_OK)
		goto out;
	if (code.n == 0) {
		e = aw_error_page(c, UF_ENOTFOUND, "Koden finns inte", "Det finns ingen "
		                                                       "sådan kod i studien (den kan ha slagits ihop med en annan).");
		goto out;
	}
	if ((e = db_q_unit_by_code(c->db, study, id, aw_sess(c)->s.user_id, &units)) != UF_OK ||
	    (e = aw_qual_examples_load(c, study, &ex)) != UF_OK)
		goto out;
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, code.row[0].path, R_QUAL);
	hw_raw(&w, "<p><a href=\"/admin/kodning/koder\">Kodträdet</a></p>\n");
	aw_qual_examples_intro(&w, c);
	hw_raw(&w, "<div class=\"table-wrap\"><table class=\"data\">\n<caption>");
	hw_fmt(&w, "%d", units.n);
	hw_raw(&w, " meningsbärande enheter</caption>\n<thead><tr>"
	           "<th scope=\"col\">Meningsbärande enhet</th><th scope=\"col\">Kondensering</th>"
	           "<th scope=\"col\">Kod</th><th scope=\"col\">Omgång</th>"
	           "<th scope=\"col\">Grupp</th><th scope=\"col\">Text</th>"
	           "<th scope=\"col\">Exempel i rapporten</th></tr></thead>\n<tbody>\n");
	for (int i = 0; i < units.n; i++) {
		const struct q_unit *u = &units.row[i];

		hw_raw(&w, "<tr><td>");
		hw_text(&w, u->span);
		hw_raw(&w, "</td><td>");
		hw_text(&w, u->cond);
		hw_raw(&w, "</td><td>");
		hw_text(&w, u->code_path);
		hw_fmt(&w, "</td><td>%d mån</td><td>", u->months);
		hw_text(&w, group_plural_of(u->grp));
		hw_fmt(&w, "</td><td><a href=\"/admin/kodning/text/%lld\">Text %lld</a></td><td>",
		    u->document, u->document);
		/* a path with a separator is a subkategori or a kod under one */
		aw_qual_example_cell(&w, c, &ex, u->id, strstr(u->code_path, " › ") != NULL, id);
		hw_raw(&w, "</td></tr>\n");
	}
	if (units.n == 0)
		hw_raw(&w, "<tr><td colspan=\"7\">Inga meningsbärande enheter under koden."
		           "</td></tr>\n");
	hw_raw(&w, "</tbody></table></div>\n");
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	db_rows_free(&code.own);
	db_rows_free(&units.own);
	qex_rows_free(&ex);
	return e;
}
