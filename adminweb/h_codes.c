/* SPDX-License-Identifier: ISC
 * Code sheets: choose wave, unit and group, and either N new participants
 * or the participants of an earlier wave; the answer is the printable PDF
 * (manage/codes issues the codes, manage/codesheet draws the sheet). The
 * codes exist in clear only in that PDF: if drawing it fails, nothing is
 * kept. Unit contacts may print sheets for their own units only.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aw.h"
#include "codes.h"
#include "codesheet.h"
#include "db_manage.h"
#include "form.h"
#include "http.h"
#include "log.h"
#include "num.h"
#include "req.h"
#include "study.h"

#define SHEET_NAME "kodblad.pdf"

/* What the person chose (as typed, for showing the form again). */
struct choice {
	const char *omgang, *enhet, *grupp, *satt, *antal, *fran;
};

struct lists {
	struct m_waves waves;
	struct m_units units;
	struct m_units mine; /* a unit contact's units */
	bool contact;        /* mine limits the units */
};

static void
lists_free(struct lists *l)
{
	m_waves_free(&l->waves);
	m_units_free(&l->units);
	m_units_free(&l->mine);
}

static uf_err
lists_load(struct web_ctx *c, long long study, struct lists *l)
{
	uf_err e;

	memset(l, 0, sizeof(*l));
	if ((e = db_m_waves(c->db, study, &l->waves)) != UF_OK ||
	    (e = db_m_unit_list(c->db, study, &l->units)) != UF_OK)
		return e;
	l->contact = aw_sess(c)->s.role == ROLE_UNIT_CONTACT;
	if (l->contact)
		e = db_m_user_units(c->db, aw_sess(c)->s.user_id, &l->mine);
	return e;
}

/* Whether unit row i of l->units may be used by this person. */
static bool
unit_allowed(const struct lists *l, int i)
{
	return !l->contact || m_units_find(&l->mine, l->units.row[i].unit_id) != NULL;
}

/* Row of the wave at months, or -1. */
static int
wave_row(const struct lists *l, long months)
{
	int i;

	for (i = 0; i < l->waves.n; i++)
		if (l->waves.row[i].months == months)
			return i;
	return -1;
}

static bool
wave_open(const struct lists *l, int row)
{
	return !l->waves.row[row].closed && !l->waves.row[row].past;
}

static void
option(struct hw *w, const char *value, const char *label, const char *chosen)
{
	hw_raw(w, "<option value=\"");
	hw_text(w, value);
	hw_raw(w, chosen != NULL && strcmp(chosen, value) == 0 ? "\" selected>" : "\">");
	hw_text(w, label);
	hw_raw(w, "</option>\n");
}

static uf_err
codes_page(struct web_ctx *c, const struct lists *l, const struct choice *ch,
    const char *error)
{
	char label[64], b[24];
	struct hw w;
	int i, n;
	bool ny = ch->satt == NULL || strcmp(ch->satt, "fran") != 0;

	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Kodblad", R_CODES_FORM);
	if (error != NULL)
		aw_box(&w, "error", error);
	hw_raw(&w, "<p>Varje deltagare får en lapp med en egen kod och en QR-kod. "
	           "Koderna visas <strong>bara en gång</strong>, i kodbladet (PDF) du får "
	           "nu: skriv ut det, klipp isär lapparna och dela ut dem. Databasen sparar "
	           "bara ett kontrollvärde, så en borttappad kod kan inte tas fram igen.</p>\n"
	           "<form class=\"stack\" method=\"post\" action=\"/admin/koder/" SHEET_NAME "\">\n");
	aw_csrf_field(&w, c);
	hw_raw(&w, "<div><label for=\"omgang\">Omgång</label>\n"
	           "<select id=\"omgang\" name=\"omgang\" required>\n");
	for (i = 0; i < l->waves.n; i++) {
		if (!wave_open(l, i))
			continue;
		n = snprintf(label, sizeof(label), "%d månader (stänger %s)",
		    l->waves.row[i].months, l->waves.row[i].closes_on);
		if (n < 0 || (size_t)n >= sizeof(label))
			continue;
		option(&w, aw_num(b, l->waves.row[i].months), label, ch->omgang);
	}
	hw_raw(&w, "</select>\n<p class=\"hint\">Bara omgångar som inte har stängt.</p>"
	           "</div>\n<div><label for=\"enhet\">Enhet</label>\n"
	           "<select id=\"enhet\" name=\"enhet\" required>\n");
	for (i = 0; i < l->units.n; i++)
		if (unit_allowed(l, i))
			option(&w, aw_num(b, l->units.row[i].unit_id), l->units.row[i].name,
			    ch->enhet);
	hw_raw(&w, "</select></div>\n<div><label for=\"grupp\">Grupp</label>\n"
	           "<select id=\"grupp\" name=\"grupp\" required>\n");
	for (i = 0; i < 4; i++)
		option(&w, group_id(i), group_plural_of(group_id(i)), ch->grupp);
	hw_raw(&w, "</select></div>\n<fieldset><legend>Vilka deltagare?</legend>\n"
	           "<label class=\"check\"><input type=\"radio\" name=\"satt\" value=\"ny\"");
	hw_raw(&w, ny ? " checked" : "");
	hw_raw(&w, "> Nya deltagare</label>\n<label class=\"check\"><input type=\"radio\" "
	           "name=\"satt\" value=\"fran\"");
	hw_raw(&w, ny ? "" : " checked");
	hw_raw(&w, "> Deltagare från en tidigare omgång (så att deras svar kan "
	           "följas över tid)</label>\n</fieldset>\n"
	           "<div><label for=\"antal\">Antal</label>\n"
	           "<input type=\"number\" id=\"antal\" name=\"antal\" min=\"0\" max=\"1000\" "
	           "inputmode=\"numeric\" value=\"");
	hw_text(&w, ch->antal != NULL ? ch->antal : "");
	hw_raw(&w, "\">\n<p class=\"hint\">Nya deltagare: 1–1000. Från en tidigare "
	           "omgång: högst så många (tomt = alla som inte redan har en kod).</p></div>\n"
	           "<div><label for=\"fran_omgang\">Tidigare omgång</label>\n"
	           "<select id=\"fran_omgang\" name=\"fran_omgang\">\n"
	           "<option value=\"\">–</option>\n");
	aw_wave_options(&w, &l->waves, ch->fran, " månader");
	hw_raw(&w, "</select>\n<p class=\"hint\">Bara när du valt deltagare från en "
	           "tidigare omgång.</p></div>\n"
	           "<div><button type=\"submit\" class=\"primary\">Skapa koder och hämta "
	           "kodbladet (PDF)</button></div>\n</form>\n");
	aw_end(&w);
	return aw_page_done(c, &w);
}

uf_err
h_codes_form(struct web_ctx *c)
{
	struct choice ch;
	struct lists l;
	long long study;
	uf_err e;

	memset(&ch, 0, sizeof(ch));
	ch.enhet = req_arg(c->req, "enhet");
	ch.grupp = req_arg(c->req, "grupp");
	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	if ((e = lists_load(c, study, &l)) == UF_OK)
		e = codes_page(c, &l, &ch, NULL);
	lists_free(&l);
	return e;
}

/* The codes' sink: draw the sheet straight into the reply. */
struct sheet_ctx {
	struct web_ctx *c;
	size_t n;
};

/* Runs before the codes are committed: if the sheet cannot be drawn or
 * sent as a download, nothing is kept. The file is saved (not opened in a
 * PDF viewer) as e.g. kodblad-36-12-patient.pdf: wave, unit id, group. */
static uf_err
draw(void *ctx, const struct codes_batch *b)
{
	struct sheet_ctx *s = ctx;
	struct reply *r = s->c->reply;
	char name[64];
	int n;
	uf_err e;

	n = snprintf(name, sizeof(name), "kodblad-%d-%lld-%s.pdf", b->months,
	    b->unit_id, group_id(b->grp));
	if (n < 0 || (size_t)n >= sizeof(name))
		return UF_EINTERNAL;
	r->body.max = AW_DOWNLOAD_MAX;
	buf_reset(&r->body);
	e = codesheet_render(b, aw_cfg->base_url, aw_cfg->font_dir, &r->body);
	if (e == UF_OK)
		e = reply_download(r, s->c->arena, "application/pdf", name);
	if (e == UF_OK)
		s->n = b->n;
	return e;
}

/* Show the form again with msg; status from e. */
static uf_err
again(struct web_ctx *c, const struct lists *l, const struct choice *ch, uf_err e,
    const char *msg)
{
	reply_reset(c->reply);
	return aw_again(c, e, codes_page(c, l, ch, msg));
}

/* Check the choice; on UF_OK rq is filled. msg says what is wrong. */
static uf_err
check(struct web_ctx *c, const struct lists *l, const struct choice *ch,
    struct codes_request *rq, const char **msg)
{
	long months, unit, count = 0, from = 0;
	int i;
	bool known = false, allowed = false;

	*msg = NULL;
	if (!num_long_canonical(ch->omgang, 1, 120, &months) || wave_row(l, months) < 0) {
		*msg = "Välj en omgång i listan.";
		return UF_EINVAL;
	}
	if (!num_long_canonical(ch->enhet, 1, 0x7fffffffL, &unit)) {
		*msg = "Välj en enhet i listan.";
		return UF_EINVAL;
	}
	for (i = 0; i < l->units.n; i++)
		if (l->units.row[i].unit_id == unit) {
			known = true;
			allowed = unit_allowed(l, i);
		}
	if (!known) {
		*msg = "Välj en enhet i listan.";
		return UF_EINVAL;
	}
	if (!allowed) {
		*msg = "Du kan bara skriva ut kodblad för dina egna enheter.";
		return UF_EPERM;
	}
	if (ch->grupp == NULL || !group_parse(ch->grupp, &rq->grp)) {
		*msg = "Välj en grupp i listan.";
		return UF_EINVAL;
	}
	/* A closed wave, or a group the wave does not ask: manage/codes
	 * refuses those, in the words the CLI uses too. */
	if (ch->satt == NULL || (strcmp(ch->satt, "ny") != 0 && strcmp(ch->satt, "fran") != 0)) {
		*msg = "Välj om koderna gäller nya deltagare eller deltagare från en "
		       "tidigare omgång.";
		return UF_EINVAL;
	}
	if (strcmp(ch->satt, "ny") == 0) {
		if (!num_long_canonical(ch->antal, 1, CODES_MAX_COUNT, &count)) {
			*msg = "Ange hur många nya deltagare som ska få koder (1–1000).";
			return UF_EINVAL;
		}
		if (ch->fran != NULL) {
			*msg = "Välj ingen tidigare omgång när koderna gäller nya deltagare.";
			return UF_EINVAL;
		}
	} else {
		if (!num_long_canonical(ch->fran, 1, 120, &from) || wave_row(l, from) < 0 ||
		    from >= months) {
			*msg = "Välj en tidigare omgång att hämta deltagarna från.";
			return UF_EINVAL;
		}
		if (ch->antal != NULL && !num_long_canonical(ch->antal, 0, CODES_MAX_COUNT, &count)) {
			*msg = "Antal ska vara ett tal från 0 till 1000 (eller tomt för alla).";
			return UF_EINVAL;
		}
	}
	rq->study = aw_cfg->study;
	rq->months = (int)months;
	rq->unit = unit;
	rq->count = (int)count;
	rq->from_months = (int)from;
	return UF_OK;
}

uf_err
h_codes_pdf(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "omgang", "enhet", "grupp", "satt",
		"antal", "fran_omgang", NULL };
	struct manage_error err;
	const char *msg = NULL;
	struct codes_request rq;
	struct sheet_ctx sk = { c, 0 };
	struct choice ch;
	struct lists l;
	long long study;
	bool bad = false;
	uf_err e;

	memset(&rq, 0, sizeof(rq));
	memset(&l, 0, sizeof(l));
	if (c->req->path_arg == NULL || strcmp(c->req->path_arg, SHEET_NAME) != 0)
		return aw_error_page(c, UF_ENOTFOUND, "Sidan finns inte",
		    "Sidan finns inte.");
	if ((e = aw_fields_only(c, fields)) != UF_OK)
		return e;
	ch.omgang = aw_field(c, "omgang", 12, &bad);
	ch.enhet = aw_field(c, "enhet", 12, &bad);
	ch.grupp = aw_field(c, "grupp", 12, &bad);
	ch.satt = aw_field(c, "satt", 12, &bad);
	ch.antal = aw_field(c, "antal", 12, &bad);
	ch.fran = aw_field(c, "fran_omgang", 12, &bad);
	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	if ((e = lists_load(c, study, &l)) != UF_OK)
		goto out;
	if (bad) {
		e = again(c, &l, &ch, UF_EINVAL, "Ett fält är för långt eller innehåller "
		                                 "otillåtna tecken.");
		goto out;
	}
	if ((e = check(c, &l, &ch, &rq, &msg)) != UF_OK) {
		e = again(c, &l, &ch, e, msg);
		goto out;
	}
	rq.actor = aw_sess(c)->actor;
	e = codes_issue(c->db, aw_cfg->key, &rq, draw, &sk, &err);
	if (e == UF_OK) {
		log_info("req=%s msg=\"code sheet issued\" codes=%zu", c->req->request_id,
		    sk.n);
		goto out;
	}
	log_info("req=%s msg=\"codes not issued\" err=%s", c->req->request_id,
	    uf_err_name(e));
	switch (e) {
	case UF_ENOTFOUND:
	case UF_ELIMIT:
	case UF_ECONFLICT:
	case UF_EINVAL:
		/* manage/codes says what (in Swedish); nothing was kept. */
		e = again(c, &l, &ch, e, manage_error_text(&err, e));
		break;
	default:
		reply_reset(c->reply);
		break;
	}
out:
	lists_free(&l);
	return e;
}
