/* SPDX-License-Identifier: ISC
 * Participant status per wave and unit: each panel id with how far it got
 * (code issued, opened, consent, declined, draft, submitted) and the dates,
 * filtered and paged, never an answer. Admins and evaluators read the
 * participant_status view (schema/0015; admins may list test participants
 * too) and may download it as CSV; unit contacts read contact_status()
 * over their own DB role, which returns only their own units' real rows.
 */
#include "config.h"

#include <string.h>

#include "aw.h"
#include "csv.h"
#include "db_manage.h"
#include "num.h"
#include "req.h"

#define PER_PAGE     50
#define PAGE_MAX     100000
#define CSV_ROWS_MAX 200000

struct state_label {
	const char *state, *label;
};

/* The view's states in the order a participant passes them. */
static const struct state_label states[] = {
	{ "issued", "Kod utdelad" },
	{ "opened", "Kod öppnad" },
	{ "consent", "Samtyckt" },
	{ "declined", "Avböjt" },
	{ "draft", "Påbörjad" },
	{ "submitted", "Inskickad" },
};
#define NSTATES (sizeof(states) / sizeof(states[0]))

static const char *
state_label(const char *s)
{
	size_t i;

	for (i = 0; i < NSTATES; i++)
		if (strcmp(states[i].state, s) == 0)
			return states[i].label;
	return s;
}

struct status_args {
	struct status_filter f;
	const char *omgang, *enhet, *lage, *test, *sida;
	long page;
};

/* The filters from the query string; an error page when one is bad. */
static uf_err
read_args(struct web_ctx *c, struct status_args *a)
{
	bool bad = false, known = false;
	long v = 0;
	size_t i;

	memset(a, 0, sizeof(*a));
	a->page = 1;
	a->omgang = aw_query(c, "omgang", 3, &bad);
	a->enhet = aw_query(c, "enhet", 12, &bad);
	a->lage = aw_query(c, "lage", 12, &bad);
	a->test = aw_query(c, "test", 2, &bad);
	a->sida = aw_query(c, "sida", 6, &bad);
	if (bad || (a->omgang != NULL && !num_long_canonical(a->omgang, 1, 120, &a->f.months)) ||
	    (a->enhet != NULL && !num_long_canonical(a->enhet, 1, 0x7fffffffL, &v)) ||
	    (a->sida != NULL && !num_long_canonical(a->sida, 1, PAGE_MAX, &a->page)) ||
	    (a->test != NULL && strcmp(a->test, "ja") != 0))
		return aw_error_page(c, UF_EINVAL, "Felaktigt urval",
		    "Välj omgång, enhet och läge i listorna.");
	a->f.unit = v;
	for (i = 0; a->lage != NULL && i < NSTATES; i++)
		known = known || strcmp(states[i].state, a->lage) == 0;
	if (a->lage != NULL && !known)
		return aw_error_page(c, UF_EINVAL, "Felaktigt urval",
		    "Välj läge i listan.");
	a->f.state = a->lage;
	a->f.with_test = a->test != NULL;
	return UF_OK;
}

/* An <option> per unit: a unit contact's own by report label (db_m_user_units
 * has no names), everyone else's by name. */
static void
unit_options(struct hw *w, const struct m_units *units, const char *selected)
{
	char b[24];
	int i;

	for (i = 0; i < units->n; i++) {
		const struct m_unit *u = &units->row[i];

		aw_num(b, u->unit_id);
		aw_option(w, b, selected != NULL && strcmp(selected, b) == 0,
		    u->name != NULL ? u->name : u->report_label, NULL);
	}
}

static void
filter_form(struct hw *w, const struct status_args *a, const struct m_waves *waves,
    const struct m_units *units, bool admin)
{
	size_t i;

	hw_raw(w, "<form class=\"inline\" method=\"get\" action=\"/admin/deltagare\">\n"
	          "<div><label for=\"omgang\">Omgång</label><br>\n"
	          "<select id=\"omgang\" name=\"omgang\"><option value=\"\">Alla</option>\n");
	aw_wave_options(w, waves, a->omgang, " månader");
	hw_raw(w, "</select></div>\n<div><label for=\"enhet\">Enhet</label><br>\n"
	          "<select id=\"enhet\" name=\"enhet\"><option value=\"\">Alla</option>\n");
	unit_options(w, units, a->enhet);
	hw_raw(w, "</select></div>\n<div><label for=\"lage\">Läge</label><br>\n"
	          "<select id=\"lage\" name=\"lage\"><option value=\"\">Alla</option>\n");
	for (i = 0; i < NSTATES; i++)
		aw_option(w, states[i].state,
		    a->lage != NULL && strcmp(a->lage, states[i].state) == 0,
		    states[i].label, NULL);
	hw_raw(w, "</select></div>\n");
	if (admin)
		hw_raw(w, a->f.with_test ? "<div><label class=\"check\"><input type=\"checkbox\" name=\"test\" "
		                           "value=\"ja\" checked> Visa testdeltagare</label></div>\n" :
		                           "<div><label class=\"check\"><input type=\"checkbox\" name=\"test\" "
		                           "value=\"ja\"> Visa testdeltagare</label></div>\n");
	hw_raw(w, "<div><button type=\"submit\" class=\"secondary\">Visa</button>"
	          "</div>\n</form>\n");
}

/* Counts of real participants per wave and state (admins, evaluators). */
static void
counts_table(struct hw *w, const struct m_waves *waves,
    const struct m_status_counts *k)
{
	char m[24], b[24];
	size_t s;
	int i, j;
	long long n;

	hw_raw(w, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Tabell, kan rullas i sidled\"><table class=\"data status-counts\">\n"
	          "<caption>Antal deltagare per omgång och läge (utan testdeltagare)"
	          "</caption>\n<thead><tr><th scope=\"col\">Omgång</th>");
	for (s = 0; s < NSTATES; s++) {
		hw_raw(w, "<th scope=\"col\" class=\"num\">");
		hw_text(w, states[s].label);
		hw_raw(w, "</th>");
	}
	hw_raw(w, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < waves->n; i++) {
		aw_num(m, waves->row[i].months);
		hw_raw(w, "<tr data-wave=\"");
		hw_text(w, m);
		hw_raw(w, "\"><th scope=\"row\">");
		hw_text(w, m);
		hw_raw(w, " månader</th>");
		for (s = 0; s < NSTATES; s++) {
			n = 0;
			for (j = 0; j < k->n; j++)
				if (k->row[j].months == waves->row[i].months &&
				    strcmp(k->row[j].state, states[s].state) == 0)
					n = k->row[j].n;
			hw_raw(w, "<td class=\"num\" data-state=\"");
			hw_text(w, states[s].state);
			hw_raw(w, "\">");
			hw_text(w, aw_num(b, n));
			hw_raw(w, "</td>");
		}
		hw_raw(w, "</tr>\n");
	}
	hw_raw(w, "</tbody></table></div>\n");
}

/* The dates of a status row in the order the list and the CSV show them:
 * code issued, opened, consent, started, submitted (NULL: not yet). */
#define STATUS_DATES 5
static void
status_dates(const struct m_status *st, const char *d[STATUS_DATES])
{
	d[0] = st->issued;
	d[1] = st->opened;
	d[2] = st->decided;
	d[3] = st->started;
	d[4] = st->submitted;
}

static void
rows_table(struct hw *w, const struct m_statuses *r, bool admin)
{
	static const char *const dates[STATUS_DATES] = { "Kod utdelad", "Öppnad",
		"Samtycke", "Påbörjad", "Inskickad" };
	const char *d[STATUS_DATES];
	char b[24];
	int i, k;

	hw_raw(w, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Tabell, kan rullas i sidled\"><table class=\"data status\">\n"
	          "<caption>Deltagare och läge</caption>\n<thead><tr>"
	          "<th scope=\"col\">Omgång</th><th scope=\"col\">Enhet</th>"
	          "<th scope=\"col\">Deltagare</th><th scope=\"col\">Grupp</th>"
	          "<th scope=\"col\">Läge</th>");
	for (k = 0; k < STATUS_DATES; k++) {
		hw_raw(w, "<th scope=\"col\">");
		hw_text(w, dates[k]);
		hw_raw(w, "</th>");
	}
	hw_raw(w, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < r->n; i++) {
		const struct m_status *st = &r->row[i];

		hw_raw(w, "<tr data-panel=\"");
		hw_text(w, st->panel_id);
		hw_raw(w, "\" data-state=\"");
		hw_text(w, st->state);
		hw_raw(w, "\"><td>");
		hw_text(w, aw_num(b, st->months));
		hw_raw(w, " mån</td><td>");
		hw_text(w, st->unit_name);
		hw_raw(w, "</td><td>");
		hw_text(w, st->panel_id);
		if (admin && st->test)
			hw_raw(w, " <span class=\"tag\">Test</span>");
		if (admin && st->replacements != 0)
			hw_raw(w, " <span class=\"tag\">Ny kod</span>");
		hw_raw(w, "</td><td>");
		hw_text(w, group_plural_of(st->grp));
		hw_raw(w, "</td><td>");
		hw_text(w, state_label(st->state));
		status_dates(st, d);
		for (k = 0; k < STATUS_DATES; k++) {
			hw_raw(w, "</td><td class=\"date\">");
			hw_text(w, d[k] != NULL ? d[k] : "–");
		}
		hw_raw(w, "</td></tr>\n");
	}
	if (r->n == 0)
		hw_raw(w, "<tr><td colspan=\"10\">Inga deltagare med det urvalet."
		          "</td></tr>\n");
	hw_raw(w, "</tbody></table></div>\n");
}

uf_err
h_status(struct web_ctx *c)
{
	static const char *const names[] = { "omgang", "enhet", "lage", "test" };
	const struct aw_session *s = aw_sess(c);
	bool contact = s->s.role == ROLE_UNIT_CONTACT, admin = s->s.role == ROLE_ADMIN;
	struct m_statuses r = { 0 };
	struct m_status_counts k = { 0 };
	struct m_units units = { 0 };
	struct m_waves waves = { 0 };
	const char *values[4];
	struct status_args a;
	struct db *cdb = NULL;
	long long study, total = 0;
	long pages;
	struct hw w;
	uf_err e;

	if ((e = read_args(c, &a)) != UF_OK)
		return e;
	if (a.f.with_test && !admin)
		return aw_error_page(c, UF_EPERM, "Ingen behörighet",
		    "Bara administratörer ser testdeltagare.");
	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	if (contact) {
		if ((e = aw_contact_db(&cdb)) != UF_OK ||
		    (e = db_m_contact_status(cdb, s->s.token, &a.f, PER_PAGE,
		         (a.page - 1) * PER_PAGE, &r)) != UF_OK ||
		    (e = db_m_user_units(c->db, s->s.user_id, &units)) != UF_OK)
			goto out;
	} else if ((e = db_m_status_list(c->db, study, &a.f, PER_PAGE,
	                (a.page - 1) * PER_PAGE, &r)) != UF_OK ||
	    (e = db_m_unit_list(c->db, study, &units)) != UF_OK ||
	    (e = db_m_status_counts(c->db, study, &k)) != UF_OK)
		goto out;
	if ((e = db_m_waves(c->db, study, &waves)) != UF_OK)
		goto out;
	if (r.n > 0)
		total = r.row[0].total;
	pages = total == 0 ? 1 : (long)((total + PER_PAGE - 1) / PER_PAGE);
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Deltagare", R_STATUS);
	hw_raw(&w, "<p>Varje deltagare (id) per omgång med hur långt hen har kommit "
	           "och när. Här finns inga svar. Deltagare som har gått ur studien är "
	           "raderade och syns inte.</p>\n");
	if (contact)
		aw_box(&w, "notice", "Du ser bara dina egna enheter. Ge en ny lapp till "
		                     "den som har en kod men inte har skickat in.");
	if (!contact)
		counts_table(&w, &waves, &k);
	filter_form(&w, &a, &waves, &units, admin);
	hw_fmt(&w, "<p data-total=\"%lld\">%lld deltagare med det urvalet", total,
	    total);
	if (!contact)
		hw_raw(&w, " · <a href=\"/admin/deltagare.csv\">Hela listan som CSV</a>");
	hw_raw(&w, "</p>\n");
	rows_table(&w, &r, admin);
	values[0] = a.omgang;
	values[1] = a.enhet;
	values[2] = a.lage;
	values[3] = a.test;
	aw_pager(&w, "/admin/deltagare", names, values, 4, a.page, pages);
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	m_statuses_free(&r);
	m_waves_free(&waves);
	m_units_free(&units);
	m_status_counts_free(&k);
	return e;
}

/* The whole list (real participants, no filters) as CSV. */
uf_err
h_status_csv(struct web_ctx *c)
{
	static const char *const head[] = { "months", "unit", "panel_id", "group",
		"state", "issued", "opened", "consent", "started", "submitted" };
	static const enum csv_kind kinds[] = { CSV_NUMBER, CSV_TEXT, CSV_TEXT,
		CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT };
	struct status_filter f = { 0, 0, NULL, false };
	const char *cells[10];
	struct m_statuses r = { 0 };
	char b[24];
	long long study;
	int i, k;
	uf_err e;

	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	if ((e = db_m_status_list(c->db, study, &f, CSV_ROWS_MAX, 0, &r)) != UF_OK)
		goto out;
	if ((e = reply_download(c->reply, c->arena, "text/csv; charset=utf-8",
	         "deltagare.csv")) != UF_OK)
		goto out;
	c->reply->body.max = AW_DOWNLOAD_MAX;
	if ((e = csv_row(&c->reply->body, head, 10)) != UF_OK)
		goto out;
	for (i = 0; i < r.n && e == UF_OK; i++) {
		const struct m_status *st = &r.row[i];

		cells[0] = aw_num(b, st->months);
		cells[1] = st->unit_name;
		cells[2] = st->panel_id;
		cells[3] = st->grp;
		cells[4] = st->state;
		status_dates(st, cells + 5);
		for (k = 5; k < 10; k++)
			cells[k] = cells[k] != NULL ? cells[k] : "";
		e = csv_row_kinds(&c->reply->body, kinds, cells, 10);
	}
out:
	m_statuses_free(&r);
	return e;
}
