/* SPDX-License-Identifier: ISC
 * Choosing the report's category-table examples in the coding pages: the
 * cell beside each meaning unit on a code's page (/admin/kodning/kod/N)
 * that says whether it is its subkategori's example, with a button that
 * chooses or drops it (a plain form: no script needed), and the POST
 * /admin/kodning/exempel behind it. Evaluators only; the rules and the
 * history are manage/qual_examples' and schema/0026's.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "aw.h"
#include "aw_qual.h"
#include "num.h"
#include "qual_examples.h"
#include "req.h"

uf_err
aw_qual_examples_load(struct web_ctx *c, long long study, struct qex_rows *out)
{
	return db_qex_list(c->db, study, out);
}

void
aw_qual_examples_intro(struct hw *w, const struct web_ctx *c)
{
	hw_raw(w, "<p id=\"exempel-hjalp\">Kolumnen <em>Exempel i rapporten</em>: "
	          "rapportens tabell (meningsbärande enhet, subkategori, kategori) "
	          "visar de enheter som valts som exempel, högst ");
	hw_fmt(w, "%d", QUAL_EXAMPLES_MAX);
	hw_raw(w, " per subkategori, rensade och maskerade som andra citat. "
	          "Subkategorier utan valt exempel får ett som rapporten väljer själv.");
	if (aw_sess(c)->s.role != ROLE_EVALUATOR)
		hw_raw(w, " Bara utvärderare väljer exempel.");
	hw_raw(w, "</p>\n");
}

void
aw_qual_example_cell(struct hw *w, const struct web_ctx *c, const struct qex_rows *ex,
    long long unit, bool coded_under_sub, long long back_code)
{
	bool chosen = qual_example_chosen(ex, unit);

	if (chosen)
		hw_raw(w, "<strong class=\"chosen\">Valt exempel</strong>");
	if (aw_sess(c)->s.role != ROLE_EVALUATOR || (!chosen && !coded_under_sub)) {
		if (!chosen)
			hw_raw(w, "–");
		return;
	}
	hw_fmt(w, "<form method=\"post\" action=\"/admin/kodning/exempel\" id=\"u%lld\">", unit);
	aw_csrf_field(w, c);
	hw_fmt(w, "<input type=\"hidden\" name=\"enhet\" value=\"%lld\">"
	          "<input type=\"hidden\" name=\"kod\" value=\"%lld\">"
	          "<input type=\"hidden\" name=\"val\" value=\"%s\">",
	    unit, back_code, chosen ? "nej" : "ja");
	hw_fmt(w, "<button type=\"submit\" aria-describedby=\"exempel-hjalp\" "
	          "aria-label=\"%s (enhet %lld)\">%s</button></form>",
	    chosen ? "Ta bort som exempel" : "Välj som exempel", unit,
	    chosen ? "Ta bort som exempel" : "Välj som exempel");
}

uf_err
h_qual_example(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "enhet", "kod", "val", NULL };
	struct manage_error err;
	const char *u, *k, *v;
	long long study;
	long unit, code;
	bool bad = false;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK)
		return e;
	u = aw_field(c, "enhet", 12, &bad);
	k = aw_field(c, "kod", 12, &bad);
	v = aw_field(c, "val", 3, &bad);
	if (bad || u == NULL || k == NULL || v == NULL ||
	    !num_long_canonical(u, 1, 0x7fffffffL, &unit) ||
	    !num_long_canonical(k, 1, 0x7fffffffL, &code) ||
	    (strcmp(v, "ja") != 0 && strcmp(v, "nej") != 0))
		return aw_error_page(c, UF_EINVAL, "Exemplet kunde inte sparas",
		    "Formuläret saknar enhet, kod eller val (ja eller nej). Gå tillbaka "
		    "till koden och försök igen.");
	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	e = qual_example_set(c->db, study, unit, strcmp(v, "ja") == 0,
	    aw_sess(c)->s.user_id, aw_sess(c)->actor, &err);
	if (e == UF_ENOTFOUND || e == UF_EINVAL || e == UF_ECONFLICT)
		return aw_error_page(c, e, "Exemplet kunde inte sparas",
		    manage_error_text(&err, e));
	if (e != UF_OK)
		return e;
	/* back to the unit's row: its form's id, so the keyboard goes on there */
	const char *to = arena_printf(c->arena, "#u%ld", unit);
	if (to == NULL)
		return UF_ENOMEM;
	return aw_qual_redirect(c, "/admin/kodning/kod/", code, to);
}
