/* SPDX-License-Identifier: ISC
 * The response-rate monitor per wave x unit x group. Admins and evaluators
 * see exact counts (manage/rates over the admin connection); unit contacts
 * see only their own units, masked, read over a connection as the role
 * uppfolj_contact, which can reach nothing but contact_rates() for their
 * own session: the database, not this page, keeps other units out of reach.
 */
#include "config.h"

#include <string.h>

#include "aw.h"
#include "db_manage.h"
#include "rates.h"
#include "req.h"
#include "study.h"

struct filter {
	long months;      /* 0: every wave */
	long unit;        /* 0: every unit */
};

/* Whether the session's user is linked to unit. */
static uf_err
own_unit(struct web_ctx *c, long long unit, bool *yes)
{
	struct db_res *r = NULL;
	long long u;
	int i;
	uf_err e;

	*yes = false;
	if ((e = db_m_user_units(c->db, aw_sess(c)->s.user_id, &r)) != UF_OK)
		goto out;
	for (i = 0; i < db_res_rows(r) && !*yes; i++)
		if (db_res_long(r, i, 0, &u) == UF_OK && u == unit)
			*yes = true;
out:
	db_res_free(r);
	return e;
}

static const char *
unit_name(const struct db_res *units, long long id)
{
	long long u;
	int i;

	for (i = 0; i < db_res_rows(units); i++)
		if (db_res_long(units, i, 0, &u) == UF_OK && u == id)
			return db_res_get(units, i, 1);
	return "";
}

static void
filter_form(struct hw *w, const struct filter *f, const struct db_res *waves,
    const struct db_res *units, const struct rate_table *t, bool contact)
{
	long long id;
	char b[24];
	int i;
	size_t k;
	bool seen;

	hw_raw(w, "<form class=\"inline\" method=\"get\" action=\"/admin/svarsfrekvens\">\n"
	    "<div><label for=\"omgang\">Omgång</label><br>\n"
	    "<select id=\"omgang\" name=\"omgang\"><option value=\"\">Alla</option>\n");
	for (i = 0; i < db_res_rows(waves); i++) {
		hw_raw(w, "<option value=\"");
		hw_text(w, db_res_get(waves, i, 0));
		hw_raw(w, strcmp(db_res_get(waves, i, 0), aw_num(b, f->months)) == 0 ?
		    "\" selected>" : "\">");
		hw_text(w, db_res_get(waves, i, 0));
		hw_raw(w, " månader</option>\n");
	}
	hw_raw(w, "</select></div>\n<div><label for=\"enhet\">Enhet</label><br>\n"
	    "<select id=\"enhet\" name=\"enhet\"><option value=\"\">Alla</option>\n");
	for (i = 0; i < db_res_rows(units); i++) {
		if (db_res_long(units, i, 0, &id) != UF_OK)
			continue;
		/* A unit contact's list: only the units their rates show. */
		seen = !contact;
		for (k = 0; k < t->n && !seen; k++)
			seen = t->rows[k].unit_id == id;
		if (!seen)
			continue;
		hw_raw(w, "<option value=\"");
		hw_text(w, db_res_get(units, i, 0));
		hw_raw(w, id == f->unit ? "\" selected>" : "\">");
		hw_text(w, db_res_get(units, i, 1));
		hw_raw(w, "</option>\n");
	}
	hw_raw(w, "</select></div>\n<div><button type=\"submit\" class=\"secondary\">"
	    "Visa</button></div>\n</form>\n");
}

static void
table(struct hw *w, const struct filter *f, const struct rate_table *t,
    const struct db_res *units)
{
	const struct rate_row *r;
	char b[24];
	size_t i, shown = 0;

	hw_raw(w, "<div class=\"table-wrap\"><table class=\"data rates\">\n"
	    "<caption>Svarsfrekvens per omgång, enhet och grupp</caption>\n<thead><tr>"
	    "<th scope=\"col\">Omgång</th><th scope=\"col\">Enhet</th>"
	    "<th scope=\"col\">Redovisas som</th><th scope=\"col\">Grupp</th>"
	    "<th scope=\"col\" class=\"num\">Inbjudna</th>"
	    "<th scope=\"col\" class=\"num\">Påbörjade</th>"
	    "<th scope=\"col\" class=\"num\">Samtyckt</th>"
	    "<th scope=\"col\" class=\"num\">Avböjt</th>"
	    "<th scope=\"col\" class=\"num\">Inskickade</th>"
	    "<th scope=\"col\" class=\"num\">Svarsfrekvens</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < t->n; i++) {
		r = &t->rows[i];
		if ((f->months != 0 && r->months != f->months) ||
		    (f->unit != 0 && r->unit_id != f->unit))
			continue;
		shown++;
		hw_fmt(w, "<tr data-wave=\"%d\" data-unit=\"%lld\" data-group=\"",
		    r->months, r->unit_id);
		hw_text(w, r->grp);
		hw_fmt(w, "\"><td>%d månader</td><td>", r->months);
		hw_text(w, unit_name(units, r->unit_id));
		hw_raw(w, "</td><td>");
		hw_text(w, r->report_label);
		hw_raw(w, "</td><td>");
		hw_text(w, aw_group_label(r->grp));
		hw_raw(w, "</td><td class=\"num\" data-col=\"invited\">");
		hw_text(w, rate_count_text(r->invited, b));
		hw_raw(w, "</td><td class=\"num\" data-col=\"started\">");
		hw_text(w, rate_count_text(r->started, b));
		hw_raw(w, "</td><td class=\"num\" data-col=\"consented\">");
		hw_text(w, rate_count_text(r->consented, b));
		hw_raw(w, "</td><td class=\"num\" data-col=\"declined\">");
		hw_text(w, rate_count_text(r->declined, b));
		hw_raw(w, "</td><td class=\"num\" data-col=\"submitted\">");
		hw_text(w, rate_count_text(r->submitted, b));
		hw_raw(w, "</td><td class=\"num\" data-col=\"rate\">");
		hw_text(w, rate_rate_text(r, b));
		hw_raw(w, "</td></tr>\n");
	}
	if (shown == 0)
		hw_raw(w, "<tr><td colspan=\"10\">Inga koder är utdelade här ännu.</td></tr>\n");
	hw_raw(w, "</tbody></table></div>\n");
}

uf_err
h_rates(struct web_ctx *c)
{
	const struct aw_session *s = aw_sess(c);
	const char *om = req_arg(c->req, "omgang"), *en = req_arg(c->req, "enhet");
	bool contact = s->s.role == ROLE_UNIT_CONTACT, mine;
	struct manage_error err;
	struct rate_table t = { NULL, 0 };
	struct db_res *waves = NULL, *units = NULL;
	struct filter f = { 0, 0 };
	struct db *cdb = NULL;
	struct hw w;
	long long study;
	uf_err e;

	if ((om != NULL && *om != '\0' && !aw_parse_long(om, 1, 120, &f.months)) ||
	    (en != NULL && *en != '\0' && !aw_parse_long(en, 1, 0x7fffffffL, &f.unit)))
		return aw_error_page(c, UF_EINVAL, "Felaktigt urval",
		    "Omgång och enhet ska anges som tal (välj i listorna).");
	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	if (contact && f.unit != 0) {
		if ((e = own_unit(c, f.unit, &mine)) != UF_OK)
			return e;
		if (!mine)
			return aw_error_page(c, UF_EPERM, "Ingen behörighet",
			    "Du kan bara se svarsfrekvensen för dina egna enheter.");
	}
	if (contact) {
		if ((e = aw_contact_db(&cdb)) != UF_OK)
			goto out;
		e = rates_contact(cdb, s->s.token, &t);
	} else {
		e = rates_get(c->db, aw_cfg->study, (int)f.months, f.unit, false, &t,
		    &err);
	}
	if (e != UF_OK)
		goto out;
	if ((e = db_m_waves(c->db, study, &waves)) != UF_OK ||
	    (e = db_m_unit_list(c->db, study, &units)) != UF_OK)
		goto out;
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Svarsfrekvens", R_RATES);
	hw_raw(&w, "<p>Inbjudna är utdelade koder (en per deltagare och omgång). "
	    "Svarsfrekvensen är andelen inbjudna som har skickat in sina svar.</p>\n");
	if (contact)
		aw_box(&w, "notice", "Du ser bara dina egna enheter. Antal under 5 "
		    "visas som <5 så att ingen enskild person kan pekas ut.");
	filter_form(&w, &f, waves, units, &t, contact);
	table(&w, &f, &t, units);
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	rate_table_free(&t);
	db_res_free(waves);
	db_res_free(units);
	return e;
}
