/* SPDX-License-Identifier: ISC
 * The overview: which study this is, what the person's role may do (one
 * card per page they may use) and, for a unit contact, their units.
 */
#include "config.h"

#include <string.h>

#include "aw.h"
#include "db_manage.h"
#include "http.h"

struct card {
	enum aw_route route;
	const char *href;
	const char *title;
	const char *text;
};

static const struct card cards[] = {
	{ R_RATES, "/admin/svarsfrekvens", "Svarsfrekvens",
	    "Inbjudna, påbörjade, samtycken och inskickade svar per omgång, enhet "
	    "och grupp." },
	{ R_CODES_FORM, "/admin/koder", "Kodblad",
	    "Skapa koder för nya deltagare eller för deltagare från en tidigare "
	    "omgång och skriv ut kodbladet (PDF)." },
	{ R_UNITS, "/admin/enheter", "Enheter och deltagare",
	    "Enheterna i utvärderingen och antal deltagare per grupp." },
	{ R_MASKS, "/admin/maskering", "Maskering i citat",
	    "Namn på personer, orter och verksamheter som rapporterna ersätter i "
	    "fritextsvaren." },
	{ R_WAVES, "/admin/omgangar", "Omgångar",
	    "Datum då omgångarna öppnar och stänger; stäng en omgång; rensa gamla "
	    "utkast." },
	{ R_USERS, "/admin/anvandare", "Användare",
	    "Vilka som kan logga in här och med vilken roll." },
	{ R_EXPORT_FORM, "/admin/export", "Export och registerutdrag",
	    "Svaren som CSV för analys, kodbok, och en deltagares egna svar." },
	{ R_ERASE_FORM, "/admin/radera", "Utträde och radering",
	    "En deltagare som drar sig ur: radera alla svar, samtycken och koder." },
};

/* The units of a unit contact, by name. */
static uf_err
contact_units(struct web_ctx *c, struct hw *w, long long study)
{
	struct m_units mine = { 0 }, all = { 0 };
	const struct m_unit *u;
	int i, n = 0;
	uf_err e;

	if ((e = db_m_user_units(c->db, aw_sess(c)->s.user_id, &mine)) != UF_OK ||
	    (e = db_m_unit_list(c->db, study, &all)) != UF_OK)
		goto out;
	hw_raw(w, "<h2>Dina enheter</h2>\n<ul>\n");
	for (i = 0; i < mine.n; i++)
		if ((u = m_units_find(&all, mine.row[i].unit_id)) != NULL) {
			hw_raw(w, "<li>");
			hw_text(w, u->name);
			hw_raw(w, "</li>\n");
			n++;
		}
	hw_raw(w, "</ul>\n");
	if (n == 0)
		aw_box(w, "notice", "Du är inte kopplad till någon enhet i den här "
		                    "studien ännu. Be en administratör lägga till dina enheter.");
	hw_raw(w, "<p class=\"small\">Som kontaktperson ser du svarsfrekvensen för "
	          "dina enheter (antal under 5 visas som &lt;5) och kan skriva ut "
	          "kodblad. Svaren själva visas aldrig här.</p>\n");
out:
	m_units_free(&mine);
	m_units_free(&all);
	return e;
}

uf_err
h_home(struct web_ctx *c)
{
	struct m_study_row st;
	bool found;
	struct hw w;
	long long study;
	size_t i;
	uf_err e;

	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	if ((e = db_m_study_get(c->db, study, &st, &found)) != UF_OK)
		goto out;
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Översikt", R_HOME);
	if (found) {
		hw_raw(&w, "<p class=\"lead\">Studie: <strong>");
		hw_text(&w, st.name);
		hw_raw(&w, "</strong> (");
		hw_text(&w, st.slug);
		hw_raw(&w, "), projektstart ");
		hw_text(&w, st.start_date);
		hw_raw(&w, ".</p>\n");
	}
	hw_raw(&w, "<ul class=\"cards\">\n");
	for (i = 0; i < sizeof(cards) / sizeof(cards[0]); i++) {
		if (!aw_may(c, cards[i].route))
			continue;
		hw_raw(&w, "<li><a href=\"");
		hw_text(&w, cards[i].href);
		hw_raw(&w, "\">");
		hw_text(&w, cards[i].title);
		hw_raw(&w, "</a><p class=\"small\">");
		hw_text(&w, cards[i].text);
		hw_raw(&w, "</p></li>\n");
	}
	hw_raw(&w, "</ul>\n");
	if (aw_sess(c)->s.role == ROLE_UNIT_CONTACT &&
	    (e = contact_units(c, &w, study)) != UF_OK)
		goto out;
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	return e;
}
