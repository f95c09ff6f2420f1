/* SPDX-License-Identifier: ISC
 * The response-rate monitor per wave x unit x group. Admins and evaluators
 * see exact counts (manage/rates over the admin connection); unit contacts
 * see only their own units, masked, read over a connection as the role
 * uppfolj_contact, which can reach nothing but contact_rates() for their
 * own session: the database, not this page, keeps other units out of reach.
 * Admins and evaluators also get totals per wave, unit kind and group and
 * the trend across waves (sums of the exact rows); everyone may download
 * the rows they see as CSV (lib/csv).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aw.h"
#include "csv.h"
#include "db_manage.h"
#include "num.h"
#include "rates.h"
#include "req.h"
#include "study.h"

struct filter {
	long months; /* 0: every wave */
	long unit;   /* 0: every unit */
};

/* Whether the session's user is linked to unit. */
static uf_err
own_unit(struct web_ctx *c, long long unit, bool *yes)
{
	struct m_units mine = { 0 };
	uf_err e;

	if ((e = db_m_user_units(c->db, aw_sess(c)->s.user_id, &mine)) == UF_OK)
		*yes = m_units_find(&mine, unit) != NULL;
	else
		*yes = false;
	m_units_free(&mine);
	return e;
}

static const char *
unit_name(const struct m_units *units, long long id)
{
	const struct m_unit *u = m_units_find(units, id);

	return u != NULL ? u->name : "";
}

static void
filter_form(struct hw *w, const struct filter *f, const struct m_waves *waves,
    const struct m_units *units, const struct rate_table *t, bool contact)
{
	long long id;
	char b[24];
	int i;
	size_t k;
	bool seen;

	hw_raw(w, "<form class=\"inline\" method=\"get\" action=\"/admin/svarsfrekvens\">\n"
	          "<div><label for=\"omgang\">Omgång</label><br>\n"
	          "<select id=\"omgang\" name=\"omgang\"><option value=\"\">Alla</option>\n");
	aw_wave_options(w, waves, aw_num(b, f->months), " månader");
	hw_raw(w, "</select></div>\n<div><label for=\"enhet\">Enhet</label><br>\n"
	          "<select id=\"enhet\" name=\"enhet\"><option value=\"\">Alla</option>\n");
	for (i = 0; i < units->n; i++) {
		id = units->row[i].unit_id;
		/* A unit contact's list: only the units their rates show. */
		seen = !contact;
		for (k = 0; k < t->n && !seen; k++)
			seen = t->rows[k].unit_id == id;
		if (!seen)
			continue;
		hw_raw(w, "<option value=\"");
		hw_text(w, aw_num(b, id));
		hw_raw(w, id == f->unit ? "\" selected>" : "\">");
		hw_text(w, units->row[i].name);
		hw_raw(w, "</option>\n");
	}
	hw_raw(w, "</select></div>\n<div><button type=\"submit\" class=\"secondary\">"
	          "Visa</button></div>\n</form>\n");
}

static void
table(struct hw *w, const struct filter *f, const struct rate_table *t,
    const struct m_units *units)
{
	const struct rate_row *r;
	char b[24];
	size_t i, shown = 0;

	hw_raw(w, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Tabell, kan rullas i sidled\"><table class=\"data rates\">\n"
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
		hw_text(w, group_plural_of(r->grp));
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
		hw_raw(w, "<tr><td colspan=\"10\">Ingen deltagare har nåtts här ännu."
		          "</td></tr>\n");
	hw_raw(w, "</tbody></table></div>\n");
}

/* A sum of exact rows: invited and submitted. */
struct total {
	long long invited, started, consented, declined, submitted;
};

static void
total_add(struct total *t, const struct rate_row *r)
{
	t->invited += r->invited;
	t->started += r->started;
	t->consented += r->consented;
	t->declined += r->declined;
	t->submitted += r->submitted;
}

/* "42,5 %" of a total (one decimal, half away from zero like round()),
 * "–" without invited. */
static const char *
total_rate(const struct total *t, char b[24])
{
	long long tenths;
	int n;

	if (t->invited <= 0)
		return "–";
	tenths = (t->submitted * 2000 / t->invited + 1) / 2;
	n = snprintf(b, 24, "%lld,%lld %%", tenths / 10, tenths % 10);
	return n < 0 || n >= 24 ? "?" : b;
}

static const char *
unit_kind(const struct m_units *units, long long id)
{
	const struct m_unit *u = m_units_find(units, id);

	return u != NULL ? u->kind : "";
}

static void
total_row(struct hw *w, const char *what, const char *key, const struct total *t)
{
	char b[24];

	hw_raw(w, "<tr data-total=\"");
	hw_text(w, key);
	hw_raw(w, "\"><th scope=\"row\">");
	hw_text(w, what);
	hw_raw(w, "</th><td class=\"num\" data-col=\"invited\">");
	hw_text(w, aw_num(b, t->invited));
	hw_raw(w, "</td><td class=\"num\" data-col=\"submitted\">");
	hw_text(w, aw_num(b, t->submitted));
	hw_raw(w, "</td><td class=\"num\" data-col=\"rate\">");
	hw_text(w, total_rate(t, b));
	hw_raw(w, "</td></tr>\n");
}

/* The trend: per group (and all), the rate in each wave side by side. */
static void
trend(struct hw *w, const struct filter *f, const struct rate_table *t,
    const struct m_waves *waves)
{
	struct total sum;
	char b[24];
	long long m;
	size_t i, g;
	int wi;

	hw_raw(w, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" "
	          "aria-label=\"Tabell, kan rullas i sidled\"><table class=\"data "
	          "rate-trend\">\n<caption>Svarsfrekvens över omgångarna (inskickade av "
	          "inbjudna)</caption>\n<thead><tr><th scope=\"col\">Grupp</th>");
	for (wi = 0; wi < waves->n; wi++) {
		hw_raw(w, "<th scope=\"col\" class=\"num\">");
		hw_text(w, aw_num(b, waves->row[wi].months));
		hw_raw(w, " månader</th>");
	}
	hw_raw(w, "</tr></thead>\n<tbody>\n");
	/* Row 0 is every group, row g + 1 group g. */
	for (g = 0; g <= GROUP__MAX; g++) {
		const char *grp = g > 0 ? group_id((enum respondent_group)(g - 1)) : NULL;

		hw_raw(w, "<tr data-trend=\"");
		hw_text(w, grp != NULL ? grp : "alla");
		hw_raw(w, "\"><th scope=\"row\">");
		hw_text(w, grp != NULL ? group_plural_of(grp) : "Alla grupper");
		hw_raw(w, "</th>");
		for (wi = 0; wi < waves->n; wi++) {
			m = waves->row[wi].months;
			memset(&sum, 0, sizeof(sum));
			for (i = 0; i < t->n; i++)
				if (t->rows[i].months == m &&
				    (f->unit == 0 || t->rows[i].unit_id == f->unit) &&
				    (grp == NULL || strcmp(t->rows[i].grp, grp) == 0))
					total_add(&sum, &t->rows[i]);
			hw_raw(w, "<td class=\"num\">");
			if (sum.invited > 0) {
				hw_text(w, total_rate(&sum, b));
				hw_raw(w, "<br><span class=\"hint\">");
				hw_text(w, aw_num(b, sum.submitted));
				hw_raw(w, " av ");
				hw_text(w, aw_num(b, sum.invited));
				hw_raw(w, "</span>");
			} else {
				hw_raw(w, "–");
			}
			hw_raw(w, "</td>");
		}
		hw_raw(w, "</tr>\n");
	}
	hw_raw(w, "</tbody></table></div>\n");
}

/* Totals per wave (the trend across waves), and within each wave per unit
 * kind and per group; only exact rows are summed (admins, evaluators). */
static void
totals(struct hw *w, const struct filter *f, const struct rate_table *t,
    const struct m_waves *waves, const struct m_units *units)
{
	static const char *const kinds[] = { "heldygnsvard", "boendestod",
		"traffpunkt", "stodboende", "other" };
	static const char *const kinds_sv[] = { "heldygnsvård", "boendestöd",
		"träffpunkt", "stödboende", "annan" };
	struct total all, sub;
	char key[64], what[96];
	long long m;
	size_t i, k;
	int wi;

	hw_raw(w, "<h2>Summor och utveckling över omgångar</h2>\n"
	          "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Tabell, kan rullas i sidled\"><table class=\"data rate-totals\">\n"
	          "<caption>Summor per omgång, enhetstyp och grupp</caption>\n<thead><tr>"
	          "<th scope=\"col\">Omgång och urval</th>"
	          "<th scope=\"col\" class=\"num\">Inbjudna</th>"
	          "<th scope=\"col\" class=\"num\">Inskickade</th>"
	          "<th scope=\"col\" class=\"num\">Svarsfrekvens</th></tr></thead>\n<tbody>\n");
	for (wi = 0; wi < waves->n; wi++) {
		m = waves->row[wi].months;
		if (f->months != 0 && m != f->months)
			continue;
		memset(&all, 0, sizeof(all));
		for (i = 0; i < t->n; i++)
			if (t->rows[i].months == m &&
			    (f->unit == 0 || t->rows[i].unit_id == f->unit))
				total_add(&all, &t->rows[i]);
		if (all.invited == 0)
			continue;
		(void)snprintf(key, sizeof(key), "%lld", m);
		(void)snprintf(what, sizeof(what), "%lld månader, alla", m);
		total_row(w, what, key, &all);
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
			memset(&sub, 0, sizeof(sub));
			for (i = 0; i < t->n; i++)
				if (t->rows[i].months == m &&
				    (f->unit == 0 || t->rows[i].unit_id == f->unit) &&
				    strcmp(unit_kind(units, t->rows[i].unit_id), kinds[k]) == 0)
					total_add(&sub, &t->rows[i]);
			if (sub.invited == 0)
				continue;
			(void)snprintf(key, sizeof(key), "%lld-%s", m, kinds[k]);
			(void)snprintf(what, sizeof(what), "%lld månader, enhetstyp %s", m,
			    kinds_sv[k]);
			total_row(w, what, key, &sub);
		}
		for (k = 0; k < GROUP__MAX; k++) {
			const char *grp = group_id((enum respondent_group)k);

			memset(&sub, 0, sizeof(sub));
			for (i = 0; i < t->n; i++)
				if (t->rows[i].months == m &&
				    (f->unit == 0 || t->rows[i].unit_id == f->unit) &&
				    strcmp(t->rows[i].grp, grp) == 0)
					total_add(&sub, &t->rows[i]);
			if (sub.invited == 0)
				continue;
			(void)snprintf(key, sizeof(key), "%lld-%s", m, grp);
			(void)snprintf(what, sizeof(what), "%lld månader, %s", m,
			    group_plural((enum respondent_group)k));
			total_row(w, what, key, &sub);
		}
	}
	hw_raw(w, "</tbody></table></div>\n");
	trend(w, f, t, waves);
}

/* The filters of the page and CSV; an error page when one is wrong. */
static uf_err
read_filter(struct web_ctx *c, struct filter *f)
{
	const char *om = req_arg(c->req, "omgang"), *en = req_arg(c->req, "enhet");

	f->months = 0;
	f->unit = 0;
	if ((om != NULL && *om != '\0' && !num_long_canonical(om, 1, 120, &f->months)) ||
	    (en != NULL && *en != '\0' && !num_long_canonical(en, 1, 0x7fffffffL, &f->unit)))
		return aw_error_page(c, UF_EINVAL, "Felaktigt urval",
		    "Omgång och enhet ska anges som tal (välj i listorna).");
	return UF_OK;
}

/* The rows the session may see (masked for a unit contact). */
static uf_err
load(struct web_ctx *c, const struct filter *f, struct rate_table *t)
{
	const struct aw_session *s = aw_sess(c);
	struct manage_error err;
	struct db *cdb = NULL;
	bool mine;
	uf_err e;

	if (s->s.role == ROLE_UNIT_CONTACT) {
		if (f->unit != 0) {
			if ((e = own_unit(c, f->unit, &mine)) != UF_OK)
				return e;
			if (!mine)
				return aw_error_page(c, UF_EPERM, "Ingen behörighet",
				    "Du kan bara se svarsfrekvensen för dina egna enheter.");
		}
		if ((e = aw_contact_db(&cdb)) != UF_OK)
			return e;
		return rates_contact(cdb, s->s.token, t);
	}
	return rates_get(c->db, aw_cfg->study, (int)f->months, f->unit, false, t,
	    &err);
}

uf_err
h_rates_csv(struct web_ctx *c)
{
	static const char *const head[] = { "months", "unit_id", "report_label",
		"group", "invited", "started", "consented", "declined", "submitted",
		"rate" };
	static const enum csv_kind kinds[] = { CSV_NUMBER, CSV_NUMBER, CSV_TEXT,
		CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_NUMBER };
	struct rate_table t = { NULL, 0 };
	char b[10][24];
	const char *cells[10];
	const struct rate_row *r;
	struct filter f;
	size_t i;
	uf_err e;

	if ((e = read_filter(c, &f)) != UF_OK || (e = load(c, &f, &t)) != UF_OK)
		goto out;
	if ((e = reply_download(c->reply, c->arena, "text/csv; charset=utf-8",
	         "svarsfrekvens.csv")) != UF_OK)
		goto out;
	c->reply->body.max = AW_DOWNLOAD_MAX;
	if ((e = csv_row(&c->reply->body, head, 10)) != UF_OK)
		goto out;
	for (i = 0; i < t.n && e == UF_OK; i++) {
		r = &t.rows[i];
		if ((f.months != 0 && r->months != f.months) ||
		    (f.unit != 0 && r->unit_id != f.unit))
			continue;
		cells[0] = aw_num(b[0], r->months);
		cells[1] = aw_num(b[1], r->unit_id);
		cells[2] = r->report_label;
		cells[3] = r->grp;
		cells[4] = rate_count_text(r->invited, b[4]);
		cells[5] = rate_count_text(r->started, b[5]);
		cells[6] = rate_count_text(r->consented, b[6]);
		cells[7] = rate_count_text(r->declined, b[7]);
		cells[8] = rate_count_text(r->submitted, b[8]);
		cells[9] = rate_rate_csv(r, b[9]);
		e = csv_row_kinds(&c->reply->body, kinds, cells, 10);
	}
out:
	rate_table_free(&t);
	return e;
}

uf_err
h_rates(struct web_ctx *c)
{
	const struct aw_session *s = aw_sess(c);
	bool contact = s->s.role == ROLE_UNIT_CONTACT;
	struct rate_table t = { NULL, 0 };
	struct m_units units = { 0 };
	struct m_waves waves = { 0 };
	struct filter f = { 0, 0 };
	struct hw w;
	long long study;
	uf_err e;

	if ((e = read_filter(c, &f)) != UF_OK)
		return e;
	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	if ((e = load(c, &f, &t)) != UF_OK)
		goto out;
	if ((e = db_m_waves(c->db, study, &waves)) != UF_OK ||
	    (e = db_m_unit_list(c->db, study, &units)) != UF_OK)
		goto out;
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Svarsfrekvens", R_RATES);
	hw_raw(&w, "<p>Inbjudna är de deltagare som omgången har nått: de som har "
	           "fått en kod, svarat på frågan om samtycke eller börjat svara (en per "
	           "deltagare och omgång). Svarsfrekvensen är andelen inbjudna som har "
	           "skickat in sina svar. Testsvar räknas aldrig.</p>\n");
	if (contact)
		aw_box(&w, "notice", "Du ser bara dina egna enheter. Antal under 5 "
		                     "visas som <5 så att ingen enskild person kan pekas ut.");
	filter_form(&w, &f, &waves, &units, &t, contact);
	table(&w, &f, &t, &units);
	hw_raw(&w, "<p><a href=\"/admin/svarsfrekvens.csv");
	if (f.months != 0 || f.unit != 0) {
		char b[24];
		hw_raw(&w, "?omgang=");
		if (f.months != 0)
			hw_text(&w, aw_num(b, f.months));
		hw_raw(&w, "&amp;enhet=");
		if (f.unit != 0)
			hw_text(&w, aw_num(b, f.unit));
	}
	hw_raw(&w, "\">Hämta tabellen som CSV</a></p>\n");
	if (!contact)
		totals(&w, &f, &t, &waves, &units);
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	rate_table_free(&t);
	m_waves_free(&waves);
	m_units_free(&units);
	return e;
}
