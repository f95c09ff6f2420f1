/* SPDX-License-Identifier: ISC
 * Find one participant from what a person typed: an access code (any wave)
 * or a panel id, with Swedish messages, and the form fields to type it in.
 * Shared by withdrawal/erasure and the access request; the lookup itself
 * is manage/erase's.
 */
#include "config.h"

#include <string.h>

#include "aw.h"
#include "arena.h"
#include "aw_find.h"
#include "db_manage.h"
#include "erase.h"
#include "study.h"

uf_err
aw_find_participant(struct web_ctx *c, const char **msg, struct aw_found *out)
{
	/* As manage/erase says it, for a code of another study's participant. */
	static const char *const nobody = "Ingen deltagare har den koden eller det "
	                                  "id:t (redan raderad?).";
	struct manage_error err;
	struct m_participant p;
	const char *code, *panel;
	bool bad = false, found;
	uf_err e;

	memset(out, 0, sizeof(*out));
	*msg = NULL;
	code = aw_field(c, "kod", 20, &bad);
	panel = aw_field(c, "panel", 16, &bad);
	if (bad) {
		*msg = "Koden eller id:t är för långt eller innehåller otillåtna tecken.";
		return UF_EINVAL;
	}
	if ((code == NULL) == (panel == NULL)) {
		*msg = "Fyll i antingen deltagarens kod eller deltagar-id:t (inte båda).";
		return UF_EINVAL;
	}
	e = erase_find(c->db, aw_cfg->key, code, aw_cfg->study, panel,
	    &out->participant, &err);
	if (e == UF_EINVAL || e == UF_ENOTFOUND) {
		/* err's message is manage/erase's, the CLI's too; it lives as
		 * long as the request in the arena. */
		*msg = arena_strdup(c->arena, manage_error_text(&err, e));
		if (*msg == NULL)
			return UF_ENOMEM;
		return e;
	}
	if (e != UF_OK)
		return e;
	if ((e = db_m_participant_get(c->db, out->participant, &p, &found)) != UF_OK)
		return e;
	/* A code of another study's participant is not ours to touch. */
	if (!found || (aw_cfg->study != NULL && strcmp(p.study, aw_cfg->study) != 0)) {
		*msg = nobody;
		return UF_ENOTFOUND;
	}
	memcpy(out->panel_id, p.panel_id, sizeof(out->panel_id));
	memcpy(out->grp, group_id(p.grp), strlen(group_id(p.grp)) + 1);
	memcpy(out->report_label, p.report_label, sizeof(out->report_label));
	return UF_OK;
}

void
aw_find_fields(struct hw *w, const char *panel_hint)
{
	hw_raw(w, "<div><label for=\"kod\">Deltagarens kod</label>\n"
	          "<input type=\"text\" id=\"kod\" name=\"kod\" maxlength=\"20\" "
	          "autocomplete=\"off\" spellcheck=\"false\" class=\"code\"></div>\n"
	          "<div><label for=\"panel\">eller deltagar-id</label>\n"
	          "<input type=\"text\" id=\"panel\" name=\"panel\" maxlength=\"16\" "
	          "autocomplete=\"off\" spellcheck=\"false\">");
	if (panel_hint != NULL) {
		hw_raw(w, "\n<p class=\"hint\">");
		hw_text(w, panel_hint);
		hw_raw(w, "</p>");
	}
	hw_raw(w, "</div>\n");
}
