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
#include "req.h"
#include "study.h"

#define SHEET_NAME "kodblad.pdf"


/* What the person chose (as typed, for showing the form again). */
struct choice {
	const char *omgang, *enhet, *grupp, *satt, *antal, *fran;
};

struct lists {
	struct db_res *waves;   /* db_m_waves */
	struct db_res *units;   /* db_m_unit_list */
	struct db_res *mine;    /* a unit contact's units, else NULL */
};

static void
lists_free(struct lists *l)
{
	db_res_free(l->waves);
	db_res_free(l->units);
	db_res_free(l->mine);
}

static uf_err
lists_load(struct web_ctx *c, long long study, struct lists *l)
{
	uf_err e;

	memset(l, 0, sizeof(*l));
	if ((e = db_m_waves(c->db, study, &l->waves)) != UF_OK ||
	    (e = db_m_unit_list(c->db, study, &l->units)) != UF_OK)
		return e;
	if (aw_sess(c)->s.role == ROLE_UNIT_CONTACT)
		e = db_m_user_units(c->db, aw_sess(c)->s.user_id, &l->mine);
	return e;
}

/* Whether unit row i of l->units may be used by this person. */
static bool
unit_allowed(const struct lists *l, int i)
{
	int j;

	if (l->mine == NULL)
		return true;
	for (j = 0; j < db_res_rows(l->mine); j++)
		if (strcmp(db_res_get(l->mine, j, 0), db_res_get(l->units, i, 0)) == 0)
			return true;
	return false;
}

/* Row of the wave at months, or -1. */
static int
wave_row(const struct lists *l, long months)
{
	char b[24];
	int i;

	for (i = 0; i < db_res_rows(l->waves); i++)
		if (strcmp(db_res_get(l->waves, i, 0), aw_num(b, months)) == 0)
			return i;
	return -1;
}

static bool
wave_open(const struct lists *l, int row)
{
	return strcmp(db_res_get(l->waves, row, 3), "f") == 0 &&
	    strcmp(db_res_get(l->waves, row, 4), "f") == 0;
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
	char label[64];
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
	for (i = 0; i < db_res_rows(l->waves); i++) {
		if (!wave_open(l, i))
			continue;
		n = snprintf(label, sizeof(label), "%s månader (stänger %s)",
		    db_res_get(l->waves, i, 0), db_res_get(l->waves, i, 2));
		if (n < 0 || (size_t)n >= sizeof(label))
			continue;
		option(&w, db_res_get(l->waves, i, 0), label, ch->omgang);
	}
	hw_raw(&w, "</select>\n<p class=\"hint\">Bara omgångar som inte har stängt.</p>"
	    "</div>\n<div><label for=\"enhet\">Enhet</label>\n"
	    "<select id=\"enhet\" name=\"enhet\" required>\n");
	for (i = 0; i < db_res_rows(l->units); i++)
		if (unit_allowed(l, i))
			option(&w, db_res_get(l->units, i, 0), db_res_get(l->units, i, 1),
			    ch->enhet);
	hw_raw(&w, "</select></div>\n<div><label for=\"grupp\">Grupp</label>\n"
	    "<select id=\"grupp\" name=\"grupp\" required>\n");
	for (i = 0; i < 4; i++)
		option(&w, form_group_name(i), aw_group_label(form_group_name(i)), ch->grupp);
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
	for (i = 0; i < db_res_rows(l->waves); i++) {
		n = snprintf(label, sizeof(label), "%s månader",
		    db_res_get(l->waves, i, 0));
		if (n > 0 && (size_t)n < sizeof(label))
			option(&w, db_res_get(l->waves, i, 0), label, ch->fran);
	}
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
	    b->unit_id, form_group_name(b->grp));
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
	char b[24];

	*msg = NULL;
	if (!aw_parse_long(ch->omgang, 1, 120, &months) || wave_row(l, months) < 0) {
		*msg = "Välj en omgång i listan.";
		return UF_EINVAL;
	}
	if (!aw_parse_long(ch->enhet, 1, 0x7fffffffL, &unit)) {
		*msg = "Välj en enhet i listan.";
		return UF_EINVAL;
	}
	for (i = 0; i < db_res_rows(l->units); i++)
		if (strcmp(db_res_get(l->units, i, 0), aw_num(b, unit)) == 0) {
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
	if (ch->grupp == NULL || !form_group_parse(ch->grupp, &rq->grp)) {
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
		if (!aw_parse_long(ch->antal, 1, CODES_MAX_COUNT, &count)) {
			*msg = "Ange hur många nya deltagare som ska få koder (1–1000).";
			return UF_EINVAL;
		}
		if (ch->fran != NULL) {
			*msg = "Välj ingen tidigare omgång när koderna gäller nya deltagare.";
			return UF_EINVAL;
		}
	} else {
		if (!aw_parse_long(ch->fran, 1, 120, &from) || wave_row(l, from) < 0 ||
		    from >= months) {
			*msg = "Välj en tidigare omgång att hämta deltagarna från.";
			return UF_EINVAL;
		}
		if (ch->antal != NULL && !aw_parse_long(ch->antal, 0, CODES_MAX_COUNT, &count)) {
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
