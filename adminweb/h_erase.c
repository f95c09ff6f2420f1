/* SPDX-License-Identifier: ISC
 * Withdrawal and erasure: find the participant by an access code (any
 * wave) or panel id, show who it is and ask for confirmation, then erase
 * everything about them in every wave in one transaction with an audit row
 * (manage/erase; the deletion itself is schema/0006 erase_participant).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aw.h"
#include "aw_find.h"
#include "db_manage.h"
#include "erase.h"
#include "http.h"
#include "num.h"
#include "req.h"

static uf_err
erase_page(struct web_ctx *c, const char *error)
{
	struct hw w;

	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Utträde och radering", R_ERASE_FORM);
	if (error != NULL)
		aw_box(&w, "error", error);
	else if (req_arg(c->req, "klart") != NULL)
		aw_box(&w, "notice", "Deltagaren är raderad: alla svar, utkast, "
		                     "samtycken och koder i alla omgångar är borttagna.");
	hw_raw(&w, "<p>En deltagare som vill dra sig ur har rätt att få allt "
	           "raderat. Ange deltagarens kod (från vilken omgång som helst) eller "
	           "deltagar-id:t. Du får se vem det gäller och bekräfta innan något "
	           "raderas. Raderingen går inte att ångra; loggen visar att en radering "
	           "gjorts, av vem och när, men inget om innehållet.</p>\n"
	           "<form class=\"stack\" method=\"post\" action=\"/admin/radera\">\n");
	aw_csrf_field(&w, c);
	aw_find_fields(&w, "Till exempel B-7KQ4XM.");
	hw_raw(&w, "<div><button type=\"submit\" class=\"primary\">"
	           "Hitta deltagaren</button></div>\n</form>\n");
	aw_end(&w);
	return aw_page_done(c, &w);
}

static uf_err
erase_again(struct web_ctx *c, uf_err e, const char *msg)
{
	reply_reset(c->reply);
	return aw_again(c, e, erase_page(c, msg));
}

uf_err
h_erase_form(struct web_ctx *c)
{
	return erase_page(c, NULL);
}

uf_err
h_erase_check(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "kod", "panel", NULL };
	const char *msg = NULL;
	struct aw_found p;
	struct hw w;
	char b[24];
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK)
		return e;
	e = aw_find_participant(c, &msg, &p);
	if (e != UF_OK)
		return msg != NULL ? erase_again(c, e, msg) : e;
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Bekräfta radering", R_ERASE_FORM);
	hw_raw(&w, "<p class=\"lead\">Deltagare <strong data-panel>");
	hw_text(&w, p.panel_id);
	hw_raw(&w, "</strong>, ");
	hw_text(&w, group_plural_of(p.grp));
	hw_raw(&w, ", ");
	hw_text(&w, p.report_label);
	hw_raw(&w, ".</p>\n<p>Allt om deltagaren raderas i alla omgångar: svar, "
	           "utkast, samtycken och koder. Det går inte att ångra.</p>\n"
	           "<form class=\"stack\" method=\"post\" action=\"/admin/radera/bekrafta\">\n");
	aw_csrf_field(&w, c);
	hw_raw(&w, "<input type=\"hidden\" name=\"deltagare\" value=\"");
	hw_text(&w, aw_num(b, p.participant));
	hw_raw(&w, "\">\n<label class=\"check\"><input type=\"checkbox\" name=\"bekrafta\" "
	           "value=\"ja\" required> Ja, deltagaren vill dra sig ur och allt ska "
	           "raderas</label>\n<div><button type=\"submit\" class=\"danger\">Radera "
	           "allt om deltagaren</button> <a href=\"/admin/radera\">Avbryt</a></div>\n"
	           "</form>\n");
	aw_end(&w);
	return aw_page_done(c, &w);
}

uf_err
h_erase_do(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "deltagare", "bekrafta", NULL };
	struct manage_error err;
	struct m_participant p;
	const char *id, *yes;
	long pid;
	bool bad = false, found;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK)
		return e;
	id = aw_field(c, "deltagare", 20, &bad);
	yes = aw_field(c, "bekrafta", 3, &bad);
	if (bad || !num_long_canonical(id, 1, 0x7fffffffL, &pid))
		return erase_again(c, UF_EINVAL, "Börja om: ange deltagarens kod eller id.");
	if (yes == NULL || strcmp(yes, "ja") != 0)
		return erase_again(c, UF_EINVAL, "Inget raderades: kryssa i rutan för att "
		                                 "bekräfta. Börja om med deltagarens kod eller id.");
	if ((e = db_m_participant_get(c->db, pid, &p, &found)) != UF_OK)
		return e;
	if (!found || (aw_cfg->study != NULL && strcmp(p.study, aw_cfg->study) != 0))
		return erase_again(c, UF_ENOTFOUND, "Deltagaren finns inte (redan "
		                                    "raderad?).");
	e = erase_participant(c->db, pid, aw_sess(c)->actor, &err);
	if (e == UF_ENOTFOUND || e == UF_EINVAL)
		return erase_again(c, e, manage_error_text(&err, e));
	if (e != UF_OK)
		return e;
	reply_redirect(c->reply, "/admin/radera?klart=1");
	return UF_OK;
}
