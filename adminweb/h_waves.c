/* SPDX-License-Identifier: ISC
 * Waves: the studies, the waves with their dates and state, creating a
 * wave with the instrument each group answers (manage/waves wave_add),
 * changing the dates, closing a wave early and purging old drafts (the
 * last two are manage/retention's, each one transaction with its audit row).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "aw.h"
#include "db_manage.h"
#include "http.h"
#include "num.h"
#include "req.h"
#include "retention.h"
#include "study.h"
#include "waves.h"

static void
groups_text(struct hw *w, const char *list)
{
	char g[16];
	const char *p = list, *comma;
	size_t n;
	bool first = true;

	while (*p != '\0') {
		comma = strchr(p, ',');
		n = comma != NULL ? (size_t)(comma - p) : strlen(p);
		if (n < sizeof(g)) {
			memcpy(g, p, n);
			g[n] = '\0';
			if (!first)
				hw_raw(w, ", ");
			hw_text(w, group_plural_of(g));
			first = false;
		}
		p += n;
		if (*p == ',')
			p++;
	}
}

/* What the "Ny mätning" form held, to show it again after a refusal. */
struct wave_form {
	const char *months, *opens, *closes;
	const char *pick[GROUP__MAX]; /* "", "none" or "id:version" */
};

/* The posted field of group g's instrument choice. */
static const char *const pick_fields[GROUP__MAX] = { "fragor_chef",
	"fragor_personal", "fragor_peer", "fragor_patient" };

static void
studies_table(struct hw *w, const struct m_studies *r)
{
	char b[24];
	int i;

	hw_raw(w, "<h2>Studier</h2>\n<div class=\"table-wrap\"><table class=\"data "
	          "studies\">\n<caption>Studier i databasen</caption>\n<thead><tr>"
	          "<th scope=\"col\">Kortnamn</th><th scope=\"col\">Namn</th>"
	          "<th scope=\"col\">Projektstart</th><th scope=\"col\" class=\"num\">"
	          "Omgångar</th><th scope=\"col\" class=\"num\">Enheter</th></tr></thead>\n"
	          "<tbody>\n");
	for (i = 0; i < r->n; i++) {
		const struct m_study *st = &r->row[i];

		hw_raw(w, "<tr data-study=\"");
		hw_text(w, st->slug);
		hw_raw(w, "\"><td>");
		hw_text(w, st->slug);
		hw_raw(w, "</td><td>");
		hw_text(w, st->name);
		if (st->synthetic)
			hw_raw(w, " (syntetiska data)");
		hw_raw(w, "</td><td>");
		hw_text(w, st->start_date);
		hw_raw(w, "</td><td class=\"num\">");
		hw_text(w, aw_num(b, st->waves));
		hw_raw(w, "</td><td class=\"num\">");
		hw_text(w, aw_num(b, st->units));
		hw_raw(w, "</td></tr>\n");
	}
	hw_raw(w, "</tbody></table></div>\n<p class=\"hint\">En ny studie läggs till "
	          "med <code>uppfolj-admin study-add</code>.</p>\n");
}

/* One group's instrument choice: the default (preselected unless the form
 * said otherwise), every stored version of the group, or none. */
static void
pick_select(struct hw *w, size_t g, const char *grp,
    const struct m_instrument_choices *ins, const char *chosen)
{
	char val[WAVE_INSTRUMENT_ID_MAX + 16];
	int i, k;

	if (chosen == NULL)
		chosen = "";
	hw_raw(w, "<div><label for=\"");
	hw_text(w, pick_fields[g]);
	hw_raw(w, "\">");
	hw_text(w, group_plural_of(grp));
	hw_raw(w, "</label>\n<select id=\"");
	hw_text(w, pick_fields[g]);
	hw_raw(w, "\" name=\"");
	hw_text(w, pick_fields[g]);
	hw_raw(w, "\">\n<option value=\"\"");
	hw_raw(w, chosen[0] == '\0' ? " selected" : "");
	hw_raw(w, ">Standard: nyaste versionen som gäller mätningen</option>\n");
	for (i = 0; i < ins->n; i++) {
		const struct m_instrument_choice *ic = &ins->row[i];

		if (strcmp(ic->grp, grp) != 0)
			continue;
		k = snprintf(val, sizeof(val), "%s:%d", ic->instrument_id, ic->version);
		if (k < 0 || (size_t)k >= sizeof(val))
			continue;
		hw_raw(w, "<option value=\"");
		hw_text(w, val);
		hw_raw(w, strcmp(chosen, val) == 0 ? "\" selected>" : "\">");
		hw_text(w, ic->title);
		hw_raw(w, " (");
		hw_text(w, val);
		hw_raw(w, "; mätningar ");
		hw_text(w, ic->waves);
		hw_raw(w, " mån)</option>\n");
	}
	hw_raw(w, "<option value=\"none\"");
	hw_raw(w, strcmp(chosen, "none") == 0 ? " selected" : "");
	hw_raw(w, ">Ingen: gruppen svarar inte</option>\n</select></div>\n");
}

static void
wave_add_form(struct hw *w, const struct web_ctx *c,
    const struct m_instrument_choices *ins, const struct wave_form *f)
{
	size_t g;

	hw_raw(w, "<h2 id=\"ny\">Ny mätning</h2>\n<p>En mätning (omgång) räknas i "
	          "månader från projektstarten. Varje grupp svarar på ett frågeformulär "
	          "vars omgångar omfattar mätningen; standard är den nyaste inlästa "
	          "versionen som gör det.</p>\n<form class=\"stack\" method=\"post\" "
	          "action=\"/admin/omgangar/ny\">\n");
	aw_csrf_field(w, c);
	hw_raw(w, "<div><label for=\"manader\">Månader efter projektstart</label>\n"
	          "<input type=\"number\" id=\"manader\" name=\"manader\" min=\"1\" "
	          "max=\"120\" required value=\"");
	hw_text(w, f != NULL && f->months != NULL ? f->months : "");
	hw_raw(w, "\"></div>\n<div><label for=\"ny_oppnar\">Öppnar</label>\n"
	          "<input type=\"date\" id=\"ny_oppnar\" name=\"oppnar\" required value=\"");
	hw_text(w, f != NULL && f->opens != NULL ? f->opens : "");
	hw_raw(w, "\"></div>\n<div><label for=\"ny_stanger\">Stänger</label>\n"
	          "<input type=\"date\" id=\"ny_stanger\" name=\"stanger\" required value=\"");
	hw_text(w, f != NULL && f->closes != NULL ? f->closes : "");
	hw_raw(w, "\"></div>\n<fieldset><legend>Frågeformulär per grupp</legend>\n");
	for (g = 0; g < GROUP__MAX; g++)
		pick_select(w, g, group_id((enum respondent_group)g), ins, f != NULL ? f->pick[g] : NULL);
	hw_raw(w, "</fieldset>\n<div><button type=\"submit\" class=\"primary\">"
	          "Skapa mätningen</button></div>\n</form>\n");
}

static void
notice(struct hw *w, const struct web_ctx *c)
{
	const char *k = req_arg(c->req, "klart"), *n = req_arg(c->req, "antal");
	long v;
	char msg[120];

	if (k == NULL)
		return;
	if (strcmp(k, "datum") == 0)
		aw_box(w, "notice", "Datumen är sparade.");
	else if (strcmp(k, "ny") == 0)
		aw_box(w, "notice", "Mätningen är skapad.");
	else if (strcmp(k, "stangd") == 0)
		aw_box(w, "notice", "Omgången är stängd. Dess koder fungerar inte längre.");
	else if (strcmp(k, "rensat") == 0 && num_long_canonical(n, 0, 0x7fffffffL, &v) &&
	    snprintf(msg, sizeof(msg), "%ld gamla utkast är borttagna.", v) < (int)sizeof(msg))
		aw_box(w, "notice", msg);
}

static uf_err
waves_page(struct web_ctx *c, long long study, const struct wave_form *f,
    const char *error)
{
	struct m_waves r = { 0 };
	struct m_studies studies = { 0 };
	struct m_instrument_choices ins = { 0 };
	bool admin = aw_may(c, R_WAVE_DATES);
	char m[24];
	struct hw w;
	int i;
	uf_err e;

	if ((e = db_m_waves(c->db, study, &r)) != UF_OK ||
	    (e = db_m_studies(c->db, &studies)) != UF_OK ||
	    (aw_may(c, R_WAVE_ADD) &&
	        (e = db_m_instrument_choices(c->db, &ins)) != UF_OK))
		goto out;
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Omgångar", R_WAVES);
	if (error != NULL)
		aw_box(&w, "error", error);
	else
		notice(&w, c);
	hw_raw(&w, "<p>En kod fungerar från öppningsdagen till och med "
	           "stängningsdagen, så länge omgången inte har stängts i förväg.</p>\n"
	           "<div class=\"table-wrap\"><table class=\"data waves\">\n<caption>Omgångar"
	           "</caption>\n<thead><tr><th scope=\"col\">Omgång</th>"
	           "<th scope=\"col\">Öppnar</th><th scope=\"col\">Stänger</th>"
	           "<th scope=\"col\">Läge</th><th scope=\"col\">Grupper</th>");
	if (admin)
		hw_raw(&w, "<th scope=\"col\">Ändra datum</th><th scope=\"col\">Stäng nu</th>");
	hw_raw(&w, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < r.n; i++) {
		const struct m_wave *wv = &r.row[i];

		aw_num(m, wv->months);
		hw_raw(&w, "<tr data-wave=\"");
		hw_text(&w, m);
		hw_raw(&w, "\"><td>");
		hw_text(&w, m);
		hw_raw(&w, " månader</td><td>");
		hw_text(&w, wv->opens_on);
		hw_raw(&w, "</td><td>");
		hw_text(&w, wv->closes_on);
		hw_raw(&w, "</td><td data-col=\"state\">");
		hw_text(&w, wave_state_text(wv));
		hw_raw(&w, "</td><td>");
		groups_text(&w, wv->groups);
		hw_raw(&w, "</td>");
		if (admin) {
			hw_raw(&w, "<td><form class=\"inline\" method=\"post\" "
			           "action=\"/admin/omgangar/datum\">\n");
			aw_csrf_field(&w, c);
			hw_raw(&w, "<input type=\"hidden\" name=\"omgang\" value=\"");
			hw_text(&w, m);
			hw_raw(&w, "\"><label>Öppnar<br><input type=\"date\" name=\"oppnar\" "
			           "required value=\"");
			hw_text(&w, wv->opens_on);
			hw_raw(&w, "\"></label><label>Stänger<br><input type=\"date\" "
			           "name=\"stanger\" required value=\"");
			hw_text(&w, wv->closes_on);
			hw_raw(&w, "\"></label><button type=\"submit\" class=\"secondary\">"
			           "Spara</button></form></td><td>");
			if (!wv->closed) {
				hw_raw(&w, "<form class=\"inline\" method=\"post\" "
				           "action=\"/admin/omgangar/stang\">\n");
				aw_csrf_field(&w, c);
				hw_raw(&w, "<input type=\"hidden\" name=\"omgang\" value=\"");
				hw_text(&w, m);
				hw_raw(&w, "\"><label class=\"check\"><input type=\"checkbox\" "
				           "name=\"bekrafta\" value=\"ja\" required> Ja, stäng</label>"
				           "<button type=\"submit\" class=\"danger\">Stäng omgången"
				           "</button></form>");
			} else {
				hw_raw(&w, "Stängd");
			}
			hw_raw(&w, "</td>");
		}
		hw_raw(&w, "</tr>\n");
	}
	hw_raw(&w, "</tbody></table></div>\n");
	if (aw_may(c, R_WAVE_ADD))
		wave_add_form(&w, c, &ins, f);
	studies_table(&w, &studies);
	if (aw_may(c, R_DRAFTS_PURGE)) {
		hw_raw(&w, "<h2>Rensa gamla utkast</h2>\n<p>Utkast är påbörjade svar "
		           "som aldrig skickades in. Inskickade svar påverkas inte.</p>\n"
		           "<form class=\"inline\" method=\"post\" action=\"/admin/omgangar/rensa\">\n");
		aw_csrf_field(&w, c);
		hw_raw(&w, "<label for=\"dagar\">Ta bort utkast som inte har ändrats på "
		           "så här många dagar</label><input type=\"number\" id=\"dagar\" "
		           "name=\"dagar\" min=\"1\" max=\"3650\" value=\"90\" required>"
		           "<button type=\"submit\" class=\"secondary\">Rensa utkast</button>"
		           "</form>\n");
	}
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	m_instrument_choices_free(&ins);
	m_studies_free(&studies);
	m_waves_free(&r);
	return e;
}

uf_err
h_waves(struct web_ctx *c)
{
	long long study;
	uf_err e;

	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	return waves_page(c, study, NULL, NULL);
}

static uf_err
waves_again(struct web_ctx *c, long long study, uf_err e, const char *msg)
{
	reply_reset(c->reply);
	return aw_again(c, e, waves_page(c, study, NULL, msg));
}

uf_err
h_wave_add(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "manader", "oppnar", "stanger",
		"fragor_chef", "fragor_personal", "fragor_peer", "fragor_patient", NULL };
	struct manage_error err;
	struct wave_form f;
	struct wave_new nw;
	long long study;
	long months;
	bool bad = false;
	size_t g;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK ||
	    (e = aw_study(c, &study)) != UF_OK)
		return e;
	memset(&nw, 0, sizeof(nw));
	f.months = aw_field(c, "manader", 3, &bad);
	f.opens = aw_field(c, "oppnar", 10, &bad);
	f.closes = aw_field(c, "stanger", 10, &bad);
	for (g = 0; g < GROUP__MAX; g++)
		f.pick[g] = aw_field(c, pick_fields[g], WAVE_INSTRUMENT_ID_MAX + 12, &bad);
	if (bad || !num_long_canonical(f.months, 1, 120, &months)) {
		reply_reset(c->reply);
		return aw_again(c, UF_EINVAL, waves_page(c, study, &f, "Ange mätningen "
		                                                       "som antal månader efter projektstart, 1 till 120."));
	}
	for (g = 0; g < GROUP__MAX; g++)
		if (!wave_pick_parse(f.pick[g], &nw.pick[g])) {
			reply_reset(c->reply);
			return aw_again(c, UF_EINVAL, waves_page(c, study, &f, "Välj frågeformulär i listorna."));
		}
	nw.months = (int)months;
	nw.opens_on = f.opens;
	nw.closes_on = f.closes;
	e = wave_add(c->db, aw_cfg->study, &nw, aw_sess(c)->actor, NULL, NULL, &err);
	if (e == UF_EINVAL || e == UF_ECONFLICT || e == UF_ENOTFOUND) {
		reply_reset(c->reply);
		return aw_again(c, e, waves_page(c, study, &f, manage_error_text(&err, e)));
	}
	if (e != UF_OK)
		return e;
	reply_redirect(c->reply, "/admin/omgangar?klart=ny");
	return UF_OK;
}

uf_err
h_wave_dates(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "omgang", "oppnar", "stanger", NULL };
	struct manage_error err;
	const char *om, *from, *to;
	long long study;
	long months;
	bool bad = false;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK ||
	    (e = aw_study(c, &study)) != UF_OK)
		return e;
	om = aw_field(c, "omgang", 3, &bad);
	from = aw_field(c, "oppnar", 10, &bad);
	to = aw_field(c, "stanger", 10, &bad);
	if (bad || !num_long_canonical(om, 1, 120, &months))
		return waves_again(c, study, UF_EINVAL, "Välj en omgång i tabellen.");
	e = wave_set_dates(c->db, aw_cfg->study, (int)months, from, to,
	    aw_sess(c)->actor, NULL, &err);
	if (e == UF_EINVAL || e == UF_ENOTFOUND)
		return waves_again(c, study, e, manage_error_text(&err, e));
	if (e != UF_OK)
		return e;
	reply_redirect(c->reply, "/admin/omgangar?klart=datum");
	return UF_OK;
}

uf_err
h_wave_close(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "omgang", "bekrafta", NULL };
	struct manage_error err;
	const char *om, *yes;
	long long study;
	long months;
	bool bad = false;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK ||
	    (e = aw_study(c, &study)) != UF_OK)
		return e;
	om = aw_field(c, "omgang", 3, &bad);
	yes = aw_field(c, "bekrafta", 3, &bad);
	if (bad || !num_long_canonical(om, 1, 120, &months))
		return waves_again(c, study, UF_EINVAL, "Välj en omgång i tabellen.");
	if (yes == NULL || strcmp(yes, "ja") != 0)
		return waves_again(c, study, UF_EINVAL, "Kryssa i rutan för att bekräfta "
		                                        "att omgången ska stängas.");
	e = retention_close_wave(c->db, aw_cfg->study, (int)months,
	    aw_sess(c)->actor, &err);
	if (e == UF_ECONFLICT || e == UF_ENOTFOUND)
		return waves_again(c, study, e, manage_error_text(&err, e));
	if (e != UF_OK)
		return e;
	reply_redirect(c->reply, "/admin/omgangar?klart=stangd");
	return UF_OK;
}

uf_err
h_drafts_purge(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "dagar", NULL };
	struct manage_error err;
	const char *d, *loc;
	long long study, n = 0;
	long days;
	bool bad = false;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK ||
	    (e = aw_study(c, &study)) != UF_OK)
		return e;
	d = aw_field(c, "dagar", 5, &bad);
	if (bad || !num_long_canonical(d, RETENTION_DAYS_MIN, RETENTION_DAYS_MAX, &days))
		return waves_again(c, study, UF_EINVAL, "Ange antal dagar som ett tal "
		                                        "från 1 till 3650.");
	e = retention_purge_drafts(c->db, (int)days, aw_sess(c)->actor, &n, &err);
	if (e == UF_EINVAL)
		return waves_again(c, study, e, manage_error_text(&err, e));
	if (e != UF_OK)
		return e;
	loc = arena_printf(c->arena, "/admin/omgangar?klart=rensat&antal=%lld", n);
	if (loc == NULL)
		return UF_ENOMEM;
	reply_redirect(c->reply, loc);
	return UF_OK;
}
