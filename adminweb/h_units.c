/* SPDX-License-Identifier: ISC
 * Units: the list with participants per group, adding a unit (admins), and
 * one unit's participants per group and wave. New participants are added
 * by giving them codes (the code-sheet page), since a participant without
 * a code could never answer.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aw.h"
#include "db_manage.h"
#include "form.h"
#include "http.h"
#include "num.h"
#include "req.h"
#include "study.h"
#include "units.h"

struct unit_form {
	const char *namn, *typ, *huvudman, *redovisning;
};

static void
select_of(struct hw *w, const char *id, const char *const *vals, size_t n,
    const char *(*label)(const char *), const char *chosen)
{
	size_t i;

	hw_raw(w, "<select id=\"");
	hw_text(w, id);
	hw_raw(w, "\" name=\"");
	hw_text(w, id);
	hw_raw(w, "\" required>\n");
	for (i = 0; i < n; i++) {
		hw_raw(w, "<option value=\"");
		hw_text(w, vals[i]);
		hw_raw(w, chosen != NULL && strcmp(chosen, vals[i]) == 0 ? "\" selected>" : "\">");
		hw_text(w, label(vals[i]));
		hw_raw(w, "</option>\n");
	}
	hw_raw(w, "</select>");
}

static uf_err
units_page(struct web_ctx *c, long long study, const struct unit_form *f,
    const char *error)
{
	struct m_units units = { 0 };
	struct m_participant_counts counts = { 0 };
	const char *const *vals;
	char b[24];
	const char *lab;
	struct hw w;
	int i;
	size_t g, nvals;
	uf_err e;

	if ((e = db_m_unit_list(c->db, study, &units)) != UF_OK ||
	    (e = db_m_participant_counts(c->db, study, &counts)) != UF_OK)
		goto out;
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Enheter", R_UNITS);
	if (error != NULL)
		aw_box(&w, "error", error);
	else if (req_arg(c->req, "klart") != NULL)
		aw_box(&w, "notice", "Enheten är tillagd.");
	hw_raw(&w, "<p>Rapporterna visar aldrig enhetens namn, bara hur den redovisas "
	           "(till exempel &quot;psykiatri, heldygnsvård&quot;).</p>\n"
	           "<div class=\"table-wrap\"><table class=\"data\">\n<caption>Enheter och "
	           "antal deltagare per grupp</caption>\n<thead><tr><th scope=\"col\">Namn</th>"
	           "<th scope=\"col\">Verksamhet</th><th scope=\"col\">Huvudman</th>"
	           "<th scope=\"col\">Redovisas som</th>");
	for (g = 0; g < GROUP__MAX; g++) {
		hw_raw(&w, "<th scope=\"col\" class=\"num\">");
		hw_text(&w, group_plural_of(group_id(g)));
		hw_raw(&w, "</th>");
	}
	hw_raw(&w, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < units.n; i++) {
		const struct m_unit *u = &units.row[i];

		hw_raw(&w, "<tr><td><a href=\"/admin/enheter/");
		hw_text(&w, aw_num(b, u->unit_id));
		hw_raw(&w, "\">");
		hw_text(&w, u->name);
		hw_raw(&w, "</a></td><td>");
		lab = unit_kind_label(u->kind);
		hw_text(&w, lab != NULL ? lab : u->kind);
		hw_raw(&w, "</td><td>");
		lab = unit_huvudman_label(u->huvudman);
		hw_text(&w, lab != NULL ? lab : u->huvudman);
		hw_raw(&w, "</td><td>");
		hw_text(&w, u->report_label);
		hw_raw(&w, "</td>");
		for (g = 0; g < GROUP__MAX; g++) {
			hw_raw(&w, "<td class=\"num\">");
			hw_text(&w, aw_num(b, unit_count_of(&counts, u->unit_id, group_id(g))));
			hw_raw(&w, "</td>");
		}
		hw_raw(&w, "</tr>\n");
	}
	hw_raw(&w, "</tbody></table></div>\n");
	if (aw_may(c, R_UNIT_ADD)) {
		hw_raw(&w, "<h2 id=\"ny\">Lägg till en enhet</h2>\n"
		           "<form class=\"stack\" method=\"post\" action=\"/admin/enheter\">\n");
		aw_csrf_field(&w, c);
		hw_raw(&w, "<div><label for=\"namn\">Namn</label>\n"
		           "<input type=\"text\" id=\"namn\" name=\"namn\" maxlength=\"200\" "
		           "required value=\"");
		hw_text(&w, f != NULL && f->namn != NULL ? f->namn : "");
		hw_raw(&w, "\"><p class=\"hint\">Till exempel &quot;Avdelning 3, Klinik "
		           "Norr&quot;. Syns bara här.</p></div>\n"
		           "<div><label for=\"typ\">Verksamhet</label>\n");
		vals = unit_kinds(&nvals);
		select_of(&w, "typ", vals, nvals, unit_kind_label,
		    f != NULL ? f->typ : NULL);
		hw_raw(&w, "</div>\n<div><label for=\"huvudman\">Huvudman</label>\n");
		vals = unit_huvudmen(&nvals);
		select_of(&w, "huvudman", vals, nvals, unit_huvudman_label,
		    f != NULL ? f->huvudman : NULL);
		hw_raw(&w, "</div>\n<div><label for=\"redovisning\">Redovisas som</label>\n"
		           "<input type=\"text\" id=\"redovisning\" name=\"redovisning\" "
		           "maxlength=\"100\" required value=\"");
		hw_text(&w, f != NULL && f->redovisning != NULL ? f->redovisning : "");
		hw_raw(&w, "\"><p class=\"hint\">Det rapporterna visar, till exempel "
		           "&quot;psykiatri, heldygnsvård&quot;. Flera enheter kan redovisas "
		           "likadant.</p></div>\n<div><button type=\"submit\" class=\"primary\">"
		           "Lägg till enheten</button></div>\n</form>\n");
	}
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	m_units_free(&units);
	m_participant_counts_free(&counts);
	return e;
}

uf_err
h_units(struct web_ctx *c)
{
	long long study;
	uf_err e;

	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	return units_page(c, study, NULL, NULL);
}

static uf_err
unit_again(struct web_ctx *c, long long study, const struct unit_form *f,
    uf_err e, const char *msg)
{
	reply_reset(c->reply);
	return aw_again(c, e, units_page(c, study, f, msg));
}

uf_err
h_unit_add(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "namn", "typ", "huvudman",
		"redovisning", NULL };
	struct manage_error err;
	struct unit_form f;
	struct unit_new u;
	long long study;
	bool bad = false;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK)
		return e;
	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	f.namn = aw_field(c, "namn", UNIT_NAME_MAX, &bad);
	f.typ = aw_field(c, "typ", 20, &bad);
	f.huvudman = aw_field(c, "huvudman", 20, &bad);
	f.redovisning = aw_field(c, "redovisning", UNIT_LABEL_MAX, &bad);
	if (bad)
		return unit_again(c, study, &f, UF_EINVAL, "Namnet får vara högst 200 "
		                                           "tecken och redovisningen högst 100, utan radbrytningar eller "
		                                           "andra styrtecken.");
	u.name = f.namn;
	u.kind = f.typ;
	u.huvudman = f.huvudman;
	u.report_label = f.redovisning;
	e = unit_add(c->db, aw_cfg->study, &u, aw_sess(c)->actor, NULL, &err);
	if (e == UF_EINVAL || e == UF_ECONFLICT)
		return unit_again(c, study, &f, e, manage_error_text(&err, e));
	if (e != UF_OK)
		return e;
	reply_redirect(c->reply, "/admin/enheter?klart=1");
	return UF_OK;
}

uf_err
h_unit(struct web_ctx *c)
{
	struct m_unit_participants ps = { 0 };
	struct m_waves waves = { 0 };
	struct unit_info u;
	struct manage_error err;
	char b[24];
	long long study;
	long unit;
	long total[4] = { 0, 0, 0, 0 };
	struct hw w;
	int i, j;
	size_t g;
	uf_err e;

	if (!num_long_canonical(c->req->path_arg, 1, 0x7fffffffL, &unit))
		return aw_error_page(c, UF_ENOTFOUND, "Enheten finns inte",
		    "Det finns ingen sådan enhet.");
	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	e = unit_resolve(c->db, unit, &u, &err);
	if (e == UF_ENOTFOUND || (e == UF_OK && u.study_id != study))
		return aw_error_page(c, UF_ENOTFOUND, "Enheten finns inte",
		    "Det finns ingen sådan enhet i studien.");
	if (e != UF_OK)
		return e;
	if ((e = db_m_participant_list(c->db, unit, &ps)) != UF_OK ||
	    (e = db_m_waves(c->db, study, &waves)) != UF_OK)
		goto out;
	for (i = 0; i < ps.n; i++)
		for (g = 0; g < GROUP__MAX; g++)
			if (strcmp(ps.row[i].grp, group_id(g)) == 0)
				total[g]++;
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Deltagare på enheten", R_UNITS);
	hw_raw(&w, "<p class=\"lead\">Enhet ");
	hw_text(&w, aw_num(b, unit));
	hw_raw(&w, ", redovisas som &quot;");
	hw_text(&w, u.report_label);
	hw_raw(&w, "&quot;.</p>\n<div class=\"table-wrap\"><table class=\"data\">\n"
	           "<caption>Deltagare per grupp, och hur många som har fått en kod i varje "
	           "omgång</caption>\n<thead><tr><th scope=\"col\">Grupp</th>"
	           "<th scope=\"col\" class=\"num\">Deltagare</th>");
	for (j = 0; j < waves.n; j++) {
		hw_raw(&w, "<th scope=\"col\" class=\"num\">Kod för ");
		hw_text(&w, aw_num(b, waves.row[j].months));
		hw_raw(&w, " mån.</th>");
	}
	if (aw_may(c, R_CODES_FORM))
		hw_raw(&w, "<th scope=\"col\">Lägg till</th>");
	hw_raw(&w, "</tr></thead>\n<tbody>\n");
	for (g = 0; g < GROUP__MAX; g++) {
		hw_fmt(&w, "<tr data-group=\"%s\"><th scope=\"row\">", group_id(g));
		hw_text(&w, group_plural_of(group_id(g)));
		hw_fmt(&w, "</th><td class=\"num\">%ld</td>", total[g]);
		for (j = 0; j < waves.n; j++) {
			const char *m = aw_num(b, waves.row[j].months);
			long n = 0;
			for (i = 0; i < ps.n; i++) {
				const char *ws = ps.row[i].waves, *p = ws;
				size_t ml = strlen(m);
				if (strcmp(ps.row[i].grp, group_id(g)) != 0)
					continue;
				while (p != NULL && *p != '\0') {
					if (strncmp(p, m, ml) == 0 && (p[ml] == ',' || p[ml] == '\0')) {
						n++;
						break;
					}
					p = strchr(p, ',');
					if (p != NULL)
						p++;
				}
			}
			hw_fmt(&w, "<td class=\"num\">%ld</td>", n);
		}
		if (aw_may(c, R_CODES_FORM)) {
			hw_fmt(&w, "<td><a href=\"/admin/koder?enhet=%ld&amp;grupp=%s\">"
			           "Kodblad</a></td>",
			    unit, group_id(g));
		}
		hw_raw(&w, "</tr>\n");
	}
	hw_raw(&w, "</tbody></table></div>\n<p class=\"small\">Nya deltagare läggs "
	           "till genom att de får en kod: välj Kodblad, ange antal, och skriv ut "
	           "bladet. Deltagare från en tidigare omgång får en ny kod på samma "
	           "sätt.</p>\n<p><a href=\"/admin/enheter\">Tillbaka till enheterna</a></p>\n");
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	m_unit_participants_free(&ps);
	m_waves_free(&waves);
	return e;
}
