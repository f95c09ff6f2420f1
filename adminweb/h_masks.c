/* SPDX-License-Identifier: ISC
 * Names to mask in quotes: the study's own list that the reports replace
 * by [namn], [ort] or [verksamhet] in free-text answers (on top of the
 * words of the units' names). Everyone who writes reports may see it;
 * admins add and remove names. Checks and SQL are manage/masknames'.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aw.h"
#include "db_manage.h"
#include "http.h"
#include "masknames.h"
#include "req.h"
#include "study.h"

static const char *const kinds[] = { "namn", "ort", "verksamhet" };
static const char *const kind_label[] = { "Namn ([namn])", "Ort ([ort])",
	"Verksamhet ([verksamhet])" };

static uf_err
masks_page(struct web_ctx *c, const char *name, const char *kind,
    const char *error)
{
	struct m_masks list = { 0 };
	struct manage_error err;
	struct hw w;
	uf_err e;

	if ((e = mask_name_list(c->db, aw_cfg->study, &list, &err)) != UF_OK)
		goto out;
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Maskering i citat", R_MASKS);
	if (error != NULL)
		aw_box(&w, "error", error);
	else if (req_arg(c->req, "klart") != NULL)
		aw_box(&w, "notice", "Listan är ändrad.");
	hw_raw(&w, "<p>I fritextsvaren i rapporterna ersätts varje ord i enheternas "
	           "namn (minst fyra bokstäver) med [verksamhet], och ortnamn i dem med "
	           "[ort]. Här kan ni lägga till andra namn som ska maskeras, till exempel "
	           "personer, orter eller smeknamn på avdelningar. Varje ord i ett namn "
	           "ersätts, oavsett stora eller små bokstäver och även med ändelse.</p>\n"
	           "<div class=\"table-wrap\"><table class=\"data\">\n<caption>Namn som "
	           "maskeras</caption>\n<thead><tr><th scope=\"col\">Namn</th>"
	           "<th scope=\"col\">Ersätts med</th>");
	if (aw_may(c, R_MASK_REMOVE))
		hw_raw(&w, "<th scope=\"col\">Ändra</th>");
	hw_raw(&w, "</tr></thead>\n<tbody>\n");
	for (int i = 0; i < list.n; i++) {
		const struct m_mask *m = &list.row[i];

		hw_raw(&w, "<tr><td>");
		hw_text(&w, m->name);
		hw_raw(&w, "</td><td>[");
		hw_text(&w, m->kind);
		hw_raw(&w, "]</td>");
		if (aw_may(c, R_MASK_REMOVE)) {
			hw_raw(&w, "<td><form method=\"post\" action=\"/admin/maskering/ta-bort\">");
			aw_csrf_field(&w, c);
			hw_raw(&w, "<input type=\"hidden\" name=\"namn\" value=\"");
			hw_text(&w, m->name);
			hw_raw(&w, "\"><button type=\"submit\" aria-label=\"Ta bort ");
			hw_text(&w, m->name);
			hw_raw(&w, "\">Ta bort</button></form></td>");
		}
		hw_raw(&w, "</tr>\n");
	}
	if (list.n == 0)
		hw_raw(&w, "<tr><td colspan=\"3\">Inga namn ännu.</td></tr>\n");
	hw_raw(&w, "</tbody></table></div>\n");
	if (aw_may(c, R_MASK_ADD)) {
		hw_raw(&w, "<h2 id=\"ny\">Lägg till ett namn</h2>\n"
		           "<form class=\"stack\" method=\"post\" action=\"/admin/maskering\">\n");
		aw_csrf_field(&w, c);
		hw_raw(&w, "<div><label for=\"namn\">Namn</label>\n<input type=\"text\" "
		           "id=\"namn\" name=\"namn\" minlength=\"2\" maxlength=\"100\" required value=\"");
		hw_text(&w, name != NULL ? name : "");
		hw_raw(&w, "\"></div>\n<div><label for=\"typ\">Ersätts med</label>\n"
		           "<select id=\"typ\" name=\"typ\" required>\n");
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
			aw_option(&w, kinds[k], kind != NULL && strcmp(kind, kinds[k]) == 0,
			    kind_label[k], NULL);
		hw_raw(&w, "</select></div>\n<div><button type=\"submit\" class=\"primary\">"
		           "Lägg till</button></div>\n</form>\n");
	}
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	m_masks_free(&list);
	return e;
}

uf_err
h_masks(struct web_ctx *c)
{
	return masks_page(c, NULL, NULL, NULL);
}

static uf_err
masks_again(struct web_ctx *c, const char *name, const char *kind, uf_err e,
    const char *msg)
{
	reply_reset(c->reply);
	return aw_again(c, e, masks_page(c, name, kind, msg));
}

/* Add a name with its kind (R_MASK_ADD) or remove one (R_MASK_REMOVE):
 * the same form fields and answers, so one handler; the route says which. */
uf_err
h_mask_change(struct web_ctx *c)
{
	bool add = c->route == &aw_routes[R_MASK_ADD];
	static const char *const add_fields[] = { "csrf", "namn", "typ", NULL };
	static const char *const remove_fields[] = { "csrf", "namn", NULL };
	struct manage_error err;
	const char *name, *kind = NULL;
	bool bad = false;
	uf_err e;

	if ((e = aw_fields_only(c, add ? add_fields : remove_fields)) != UF_OK)
		return e;
	name = aw_field(c, "namn", MASK_NAME_MAX, &bad);
	if (add)
		kind = aw_field(c, "typ", 20, &bad);
	if (bad)
		return masks_again(c, name, kind, UF_EINVAL, "Namnet ska vara 2–100 "
		                                             "tecken, utan radbrytningar eller andra styrtecken.");
	e = add ? mask_name_add(c->db, aw_cfg->study, name, kind, aw_sess(c)->actor, &err) :
	          mask_name_remove(c->db, aw_cfg->study, name, aw_sess(c)->actor, &err);
	if (e == UF_EINVAL || e == UF_ENOTFOUND)
		return masks_again(c, name, kind, e, manage_error_text(&err, e));
	if (e != UF_OK)
		return e;
	reply_redirect(c->reply, "/admin/maskering?klart=1");
	return UF_OK;
}
