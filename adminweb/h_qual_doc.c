/* SPDX-License-Identifier: ISC
 * Coding one document (/admin/kodning/text/N): its text split into
 * sentences, the viewer's visible meaning units, and the form that makes
 * a new one. Without JavaScript a unit is a run of whole sentences (from,
 * to); kodning.js lets a mouse or keyboard selection set exact character
 * offsets instead. The offsets count characters (code points).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "aw.h"
#include "aw_qual.h"
#include "num.h"
#include "qual.h"
#include "qual_text.h"
#include "req.h"

/* Text s[a..b) (characters) escaped into the page. */
static void
text_part(struct hw *w, struct arena *ar, const char *s, size_t len, long a, long b)
{
	size_t x = qual_byte_at(s, len, a), y = qual_byte_at(s, len, b);
	char *t = arena_strndup(ar, s + x, y - x);

	if (t != NULL)
		hw_text(w, t);
}

/* Whether a unit of the viewer's list overlaps sentence sp. */
static bool
coded(const struct q_units *units, const struct kappa_span *sp)
{
	for (int i = 0; i < units->n; i++)
		if (units->row[i].start < sp->end && units->row[i].end > sp->start)
			return true;
	return false;
}

static void
units_table(struct hw *w, struct web_ctx *c, const struct q_units *units)
{
	hw_raw(w, "<div class=\"table-wrap\"><table class=\"data\">\n<caption>"
	          "Meningsbärande enheter</caption>\n<thead><tr><th scope=\"col\">"
	          "Meningsbärande enhet</th><th scope=\"col\">Kondensering</th>"
	          "<th scope=\"col\">Kod</th><th scope=\"col\">Kodare</th>"
	          "<th scope=\"col\">Ändra</th></tr></thead>\n<tbody>\n");
	for (int i = 0; i < units->n; i++) {
		const struct q_unit *u = &units->row[i];

		hw_raw(w, "<tr><td>");
		hw_text(w, u->span);
		hw_raw(w, "</td><td>");
		hw_text(w, u->cond);
		hw_raw(w, "</td><td>");
		hw_text(w, aw_qual_code_path(u));
		hw_raw(w, "</td><td>");
		hw_text(w, u->coder);
		hw_raw(w, "</td><td>");
		if (u->coder_id == aw_sess(c)->s.user_id) {
			hw_raw(w, "<form method=\"post\" action=\"/admin/kodning/enhet/ta-bort\">");
			aw_csrf_field(w, c);
			hw_fmt(w, "<input type=\"hidden\" name=\"enhet\" value=\"%lld\">"
			          "<button type=\"submit\" aria-label=\"Ta bort enhet %d\">Ta bort</button></form>",
			    u->id, i + 1);
		}
		hw_raw(w, "</td></tr>\n");
	}
	if (units->n == 0)
		hw_raw(w, "<tr><td colspan=\"5\">Inga meningsbärande enheter ännu.</td></tr>\n");
	hw_raw(w, "</tbody></table></div>\n");
}

/* <option>s "n: first words" of the sentences. */
static void
sentence_options(struct hw *w, struct arena *ar, const char *s, size_t len,
    const struct kappa_span *sp, size_t n, size_t sel)
{
	for (size_t i = 0; i < n; i++) {
		long end = sp[i].end - sp[i].start > 60 ? sp[i].start + 60 : sp[i].end;

		hw_fmt(w, "<option value=\"%zu\"%s>%zu: ", i + 1, i == sel ? " selected" : "",
		    i + 1);
		text_part(w, ar, s, len, sp[i].start, end);
		if (end < sp[i].end)
			hw_raw(w, "…");
		hw_raw(w, "</option>\n");
	}
}

/* Document doc of study (*docs, one row) and its sentences (*sp, caller
 * frees, *n of them). UF_ENOTFOUND when the study has no such document. */
static uf_err
doc_sentences(struct web_ctx *c, long long study, long long doc, struct q_docs *docs,
    struct kappa_span **sp, size_t *n)
{
	uf_err e;

	*sp = NULL;
	*n = 0;
	if ((e = db_q_doc_get(c->db, study, doc, docs)) != UF_OK)
		return e;
	if (docs->n == 0)
		return UF_ENOTFOUND;
	if ((*sp = calloc(QUAL_SENTENCES_MAX, sizeof **sp)) == NULL)
		return UF_ENOMEM;
	return qual_sentences(docs->row[0].text, strlen(docs->row[0].text), *sp,
	    QUAL_SENTENCES_MAX, n);
}

static uf_err
doc_page(struct web_ctx *c, long long doc, const char *error)
{
	struct q_docs docs = { 0 };
	struct q_units units = { 0 };
	struct q_codes codes = { 0 };
	const struct q_doc *d;
	struct kappa_span *sp = NULL;
	long long study;
	size_t n = 0, len, i;
	struct hw w;
	uf_err e;

	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	if ((e = doc_sentences(c, study, doc, &docs, &sp, &n)) == UF_ENOTFOUND) {
		e = aw_error_page(c, UF_ENOTFOUND, "Texten finns inte", "Det finns ingen "
		                                                        "sådan text i studien (den kan ha raderats vid ett utträde).");
		goto out;
	}
	if (e != UF_OK ||
	    (e = db_q_unit_list(c->db, doc, aw_sess(c)->s.user_id, &units)) != UF_OK ||
	    (e = db_q_code_list(c->db, study, &codes)) != UF_OK)
		goto out;
	d = &docs.row[0];
	len = strlen(d->text);
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, d->transcript ? "Koda en utskrift" : "Koda ett fritextsvar", R_QUAL);
	if (error != NULL)
		aw_box(&w, "error", error);
	else if (req_arg(c->req, "klart") != NULL)
		aw_box(&w, "notice", "Ändringen är sparad.");
	hw_raw(&w, "<p><a href=\"/admin/kodning\">Alla texter</a></p>\n<dl class=\"facts\">"
	           "<dt>Text</dt><dd>");
	hw_text(&w, d->title);
	hw_fmt(&w, "</dd><dt>Omgång</dt><dd>%d månader</dd><dt>Grupp</dt><dd>", d->months);
	hw_text(&w, group_plural_of(d->grp));
	hw_raw(&w, "</dd><dt>Typ av enhet</dt><dd>");
	hw_text(&w, aw_qual_kind_label(d->unit_kind));
	hw_raw(&w, "</dd><dt>Deltagare</dt><dd>");
	hw_text(&w, d->panel[0] != '\0' ? d->panel : "–");
	hw_raw(&w, "</dd></dl>\n<h2 id=\"texten\">Texten</h2>\n"
	           "<p class=\"hint\">Meningar med en meningsbärande enhet är markerade. ");
	hw_raw(&w, "Markera en del av texten med musen eller tangentbordet för att välja "
	           "exakt; annars välj hela meningar i formuläret.</p>\n"
	           "<div id=\"qtext\" class=\"qtext\" tabindex=\"0\" aria-describedby=\"qsel\">");
	/* The text exactly as stored, sentence by sentence: kodning.js counts
	 * characters over this element's text, so nothing else goes in it. */
	long at = 0;
	for (i = 0; i < n; i++) {
		text_part(&w, c->arena, d->text, len, at, sp[i].start);
		hw_fmt(&w, "<span class=\"seg%s\" id=\"m%zu\">", coded(&units, &sp[i]) ? " coded" : "", i + 1);
		text_part(&w, c->arena, d->text, len, sp[i].start, sp[i].end);
		hw_raw(&w, "</span>");
		at = sp[i].end;
	}
	text_part(&w, c->arena, d->text, len, at, 0x7fffffffL);
	hw_raw(&w, "</div>\n");
	units_table(&w, c, &units);
	hw_raw(&w, "<h2 id=\"ny\">Ny meningsbärande enhet</h2>\n<form id=\"qunit\" "
	           "class=\"stack\" method=\"post\" action=\"/admin/kodning/text/");
	hw_fmt(&w, "%lld", doc);
	hw_raw(&w, "\">\n");
	aw_csrf_field(&w, c);
	hw_raw(&w, "<input type=\"hidden\" name=\"start\" id=\"q-start\" value=\"\">"
	           "<input type=\"hidden\" name=\"slut\" id=\"q-end\" value=\"\">\n"
	           "<p id=\"qsel\" class=\"hint\" aria-live=\"polite\">Ingen markering: "
	           "enheten blir meningarna nedan.</p>\n"
	           "<div class=\"q-sentences\"><div><label for=\"q-fran\">Från mening</label>\n"
	           "<select id=\"q-fran\" name=\"fran\">\n");
	sentence_options(&w, c->arena, d->text, len, sp, n, 0);
	hw_raw(&w, "</select></div>\n<div><label for=\"q-till\">Till och med mening</label>\n"
	           "<select id=\"q-till\" name=\"till\">\n");
	sentence_options(&w, c->arena, d->text, len, sp, n, 0);
	hw_raw(&w, "</select></div></div>\n<div><label for=\"q-kond\">Kondensering</label>\n"
	           "<textarea id=\"q-kond\" name=\"kondensering\" rows=\"2\" maxlength=\"2000\">"
	           "</textarea></div>\n<div><label for=\"q-kod\">Kod</label>\n"
	           "<select id=\"q-kod\" name=\"kod\"><option value=\"\">(ingen kod ännu)</option>\n");
	aw_qual_code_options(&w, &codes, NULL, 3);
	hw_raw(&w, "</select> <a href=\"/admin/kodning/koder\">Ändra kodträdet</a></div>\n"
	           "<div><button type=\"submit\" class=\"primary\">Spara enheten</button></div>\n"
	           "</form>\n<script src=\"/admin/kodning.js\" defer></script>\n");
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	free(sp);
	db_rows_free(&docs.own);
	db_rows_free(&units.own);
	db_rows_free(&codes.own);
	return e;
}

static bool
doc_arg(struct web_ctx *c, long long *doc)
{
	long v;

	if (!num_long_canonical(c->req->path_arg, 1, 0x7fffffffL, &v))
		return false;
	*doc = v;
	return true;
}

uf_err
h_qual_doc(struct web_ctx *c)
{
	long long doc;

	if (!doc_arg(c, &doc))
		return aw_error_page(c, UF_ENOTFOUND, "Texten finns inte",
		    "Det finns ingen sådan text.");
	return doc_page(c, doc, NULL);
}

static uf_err
again(struct web_ctx *c, long long doc, uf_err e, const char *msg)
{
	reply_reset(c->reply);
	return aw_again(c, e, doc_page(c, doc, msg));
}

/* The unit's range: exact offsets when the script set them, else whole
 * sentences fran..till of the document's text. */
static uf_err
unit_range(struct web_ctx *c, long long study, long long doc, long *start,
    long *end, const char **msg)
{
	const char *s = aw_field(c, "start", 7, &(bool){ false });
	const char *t = aw_field(c, "slut", 7, &(bool){ false });
	const char *fr = aw_field(c, "fran", 6, &(bool){ false });
	const char *ti = aw_field(c, "till", 6, &(bool){ false });
	struct q_docs d = { 0 };
	struct kappa_span *sp = NULL;
	long a, b;
	size_t n;
	uf_err e = UF_EINVAL;

	*msg = "Välj meningar eller markera en del av texten.";
	if (s != NULL || t != NULL) {
		if (s == NULL || t == NULL || !num_long_canonical(s, 0, QUAL_BODY_CHARS_MAX, start) ||
		    !num_long_canonical(t, 1, QUAL_BODY_CHARS_MAX, end) || *end <= *start)
			goto out;
		e = UF_OK;
		goto out;
	}
	if (fr == NULL || ti == NULL || !num_long_canonical(fr, 1, QUAL_SENTENCES_MAX, &a) ||
	    !num_long_canonical(ti, 1, QUAL_SENTENCES_MAX, &b))
		goto out;
	if (b < a) {
		*msg = "”Till och med mening” kan inte komma före ”Från mening”.";
		goto out;
	}
	e = doc_sentences(c, study, doc, &d, &sp, &n);
	if (e == UF_ENOTFOUND || (e == UF_OK && (size_t)b > n))
		e = UF_EINVAL;
	if (e != UF_OK)
		goto out;
	*start = sp[a - 1].start;
	*end = sp[b - 1].end;
	e = UF_OK;
out:
	free(sp);
	db_rows_free(&d.own);
	return e;
}

uf_err
h_qual_unit_add(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "start", "slut", "fran", "till",
		"kondensering", "kod", NULL };
	struct manage_error err;
	const char *cond, *code, *msg;
	long long doc, study, id;
	long start = 0, end = 0, k = 0;
	bool bad = false;
	uf_err e;

	if (!doc_arg(c, &doc))
		return aw_error_page(c, UF_ENOTFOUND, "Texten finns inte",
		    "Det finns ingen sådan text.");
	if ((e = aw_fields_only(c, fields)) != UF_OK || (e = aw_study(c, &study)) != UF_OK)
		return e;
	code = aw_field(c, "kod", 20, &bad);
	/* a condensation may run over lines: checked by qual_unit_add */
	cond = req_field(c->req, "kondensering");
	if (bad || (code != NULL && !num_long_canonical(code, 1, 0x7fffffffL, &k)))
		return again(c, doc, UF_EINVAL, "Välj en kod i listan.");
	if ((e = unit_range(c, study, doc, &start, &end, &msg)) == UF_EINVAL)
		return again(c, doc, e, msg);
	if (e != UF_OK)
		return e;
	e = qual_unit_add(c->db, study, doc, start, end, cond, k, aw_sess(c)->s.user_id,
	    &id, &err);
	if (e == UF_EINVAL || e == UF_ENOTFOUND)
		return again(c, doc, e, manage_error_text(&err, e));
	if (e != UF_OK)
		return e;
	return aw_qual_redirect(c, "/admin/kodning/text/", doc, "?klart=1#ny");
}

uf_err
h_qual_unit_remove(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "enhet", NULL };
	struct manage_error err;
	const char *u;
	long long doc = 0;
	long unit;
	bool bad = false;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK)
		return e;
	u = aw_field(c, "enhet", 12, &bad);
	if (bad || u == NULL || !num_long_canonical(u, 1, 0x7fffffffL, &unit))
		return aw_error_page(c, UF_EINVAL, "Enheten finns inte",
		    "Det finns ingen sådan meningsbärande enhet.");
	e = qual_unit_remove(c->db, unit, aw_sess(c)->s.user_id, &doc, &err);
	if (e == UF_ENOTFOUND)
		return aw_error_page(c, e, "Enheten kan inte tas bort",
		    manage_error_text(&err, e));
	if (e != UF_OK)
		return e;
	return aw_qual_redirect(c, "/admin/kodning/text/", doc, "?klart=1");
}

/* Selection to character offsets. The page's #qtext holds exactly the
 * document's text, so the offset of a point is the number of code points
 * in the text nodes before it (Array.from counts code points, not UTF-16
 * units). */
static const char js[] =
    "'use strict';\n"
    "(function () {\n"
    "  var box = document.getElementById('qtext');\n"
    "  var start = document.getElementById('q-start');\n"
    "  var end = document.getElementById('q-end');\n"
    "  var say = document.getElementById('qsel');\n"
    "  if (!box || !start || !end || !say) return;\n"
    "  function offset(node, off) {\n"
    "    var n = 0, w = document.createTreeWalker(box, NodeFilter.SHOW_TEXT), t;\n"
    "    while ((t = w.nextNode())) {\n"
    "      if (t === node) return n + Array.from(t.data.slice(0, off)).length;\n"
    "      n += Array.from(t.data).length;\n"
    "    }\n"
    "    return -1;\n"
    "  }\n"
    "  function point(node, off) {\n"
    "    if (node.nodeType === Node.TEXT_NODE) return offset(node, off);\n"
    "    var r = document.createRange();\n"
    "    r.selectNodeContents(box); r.setEnd(node, off);\n"
    "    return Array.from(r.toString()).length;\n"
    "  }\n"
    "  document.addEventListener('selectionchange', function () {\n"
    "    var s = window.getSelection();\n"
    "    if (!s || s.rangeCount === 0 || s.isCollapsed) return;\n"
    "    var r = s.getRangeAt(0);\n"
    "    if (!box.contains(r.startContainer) || !box.contains(r.endContainer)) return;\n"
    "    var a = point(r.startContainer, r.startOffset);\n"
    "    var b = point(r.endContainer, r.endOffset);\n"
    "    if (a < 0 || b <= a) return;\n"
    "    start.value = String(a); end.value = String(b);\n"
    "    var t = r.toString();\n"
    "    say.textContent = 'Markerat: \\u201d' + (t.length > 80 ? t.slice(0, 80) + '\\u2026' : t) +\n"
    "      '\\u201d (tecken ' + (a + 1) + '\\u2013' + b + '). Meningsvalet nedan gäller inte.';\n"
    "  });\n"
    "})();\n";

uf_err
h_qual_js(struct web_ctx *c)
{
	c->reply->ctype = "text/javascript; charset=utf-8";
	return buf_add(&c->reply->body, js, sizeof(js) - 1);
}
