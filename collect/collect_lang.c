/* SPDX-License-Identifier: ISC
 * The respondent's language and easy-to-read choice on the pages: the
 * visible switch (buttons that post, so it works without a script and a
 * question page keeps what is on it), the language of pages without a
 * session (?lang=) and of error pages, refused answers' messages, and
 * POST /sprak. The languages themselves are lib/lang.c's data; nothing
 * here names one.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "code.h"
#include "collect.h"
#include "collect_cache.h"
#include "collect_handlers.h"
#include "db_collect.h"
#include "html.h"
#include "http.h"
#include "item_types.h"
#include "lang.h"
#include "log.h"
#include "req.h"

#define SWITCH_MAX (16u * 1024)

/* Whether the instrument can be shown in l: it has a translation (or l
 * is the reference language, whose texts the instrument itself holds). A
 * language with page texts but no translation of this instrument is not
 * offered on its pages: half a page in Swedish helps no one. */
static bool
offered(const struct form *f, const struct lang *l)
{
	return l && (l == lang_ref() || form_has_lang(f, lang_tag(l)));
}

const struct lang *
collect_arg_lang(const struct req *r)
{
	const struct lang *l = lang_get(req_arg(r, "lang"));
	return l ? l : lang_ref();
}

const char *
collect_lang_query(struct arena *a, const struct lang *l, char sep)
{
	if (!l || l == lang_ref())
		return "";
	return arena_printf(a, "%clang=%s", sep, lang_tag(l));
}

/* One language's button or link: its name in its own language, marked
 * with lang (and dir) so it is read and shown right. */
static void
lang_attrs(struct hw *w, const struct lang *l)
{
	hw_raw(w, " lang=\"");
	hw_text(w, lang_tag(l));
	hw_raw(w, lang_rtl(l) ? "\" dir=\"rtl\"" : "\" dir=\"ltr\"");
}

const char *
collect_lang_links(struct arena *a, const struct lang *cur)
{
	struct buf b;
	struct hw w;
	const char *out = NULL;

	if (lang_count() < 2)
		return "";
	buf_init(&b, SWITCH_MAX);
	hw_init(&w, &b);
	hw_raw(&w, "<nav class=\"langs\" aria-label=\"");
	hw_ui(&w, cur, "page.languages");
	hw_raw(&w, "\"><ul>\n");
	for (size_t i = 0; i < lang_count(); i++) {
		const struct lang *l = lang_at(i);
		hw_raw(&w, "<li><a class=\"lang\" href=\"/");
		if (i > 0) {
			hw_raw(&w, "?lang=");
			hw_text(&w, lang_tag(l));
		}
		hw_raw(&w, "\" hreflang=\"");
		hw_text(&w, lang_tag(l));
		hw_raw(&w, "\"");
		lang_attrs(&w, l);
		if (l == cur)
			hw_raw(&w, " aria-current=\"page\"");
		hw_raw(&w, ">");
		hw_text(&w, lang_name(l));
		hw_raw(&w, "</a></li>\n");
	}
	hw_raw(&w, "</ul></nav>\n");
	if (hw_done(&w) == UF_OK)
		out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

/* The buttons: one per language the instrument offers, and the easy-to-
 * read toggle. form_id: they belong to that form (a question page's, which
 * stores the page first); NULL: their own form posting to /sprak, which
 * returns to `to`. */
const char *
collect_view_switch(struct arena *a, const struct csession *s,
    const char *form_id, const char *to)
{
	struct buf b;
	struct hw w;
	const char *out = NULL;
	size_t n = 0;

	for (size_t i = 0; i < lang_count(); i++)
		n += offered(s->form, lang_at(i));
	buf_init(&b, SWITCH_MAX);
	hw_init(&w, &b);
	hw_raw(&w, "<nav class=\"langs\" aria-label=\"");
	hw_ui(&w, s->ui, "page.languages");
	hw_raw(&w, "\">\n");
	if (!form_id) {
		hw_raw(&w, "<form method=\"post\" action=\"/sprak\" class=\"view-switch\">\n");
		html_csrf(&w, s->csrf);
		hw_raw(&w, "<input type=\"hidden\" name=\"to\" value=\"");
		hw_text(&w, to);
		hw_raw(&w, "\">\n");
	}
	hw_raw(&w, "<ul>\n");
	for (size_t i = 0; n > 1 && i < lang_count(); i++) {
		const struct lang *l = lang_at(i);
		if (!offered(s->form, l))
			continue;
		hw_raw(&w, "<li><button type=\"submit\" class=\"lang\" name=\"lang\" value=\"");
		hw_text(&w, lang_tag(l));
		hw_raw(&w, "\"");
		lang_attrs(&w, l);
		if (form_id) {
			hw_raw(&w, " form=\"");
			hw_text(&w, form_id);
			hw_raw(&w, "\" formnovalidate");
		}
		if (l == s->ui)
			hw_raw(&w, " aria-current=\"true\"");
		hw_raw(&w, ">");
		hw_text(&w, lang_name(l));
		hw_raw(&w, "</button></li>\n");
	}
	/* One tap turns easy-to-read on or off; aria-pressed says which. */
	hw_raw(&w, "<li><button type=\"submit\" class=\"easy\" name=\"easy\" value=\"");
	hw_raw(&w, s->easy ? "0\" aria-pressed=\"true\"" : "1\" aria-pressed=\"false\"");
	if (form_id) {
		hw_raw(&w, " form=\"");
		hw_text(&w, form_id);
		hw_raw(&w, "\" formnovalidate");
	}
	hw_raw(&w, ">");
	hw_ui(&w, s->ui, "page.easy_label");
	hw_raw(&w, "</button></li>\n</ul>\n");
	if (!form_id)
		hw_raw(&w, "</form>\n");
	hw_raw(&w, "</nav>\n");
	if (lang_machine_assisted(s->ui)) {
		hw_raw(&w, "<p class=\"small machine\">");
		hw_ui(&w, s->ui, "page.machine_assisted");
		hw_raw(&w, "</p>\n");
	}
	if (hw_done(&w) == UF_OK)
		out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

uf_err
collect_view_from_post(struct web_ctx *c, bool *changed)
{
	const struct csession *s = c->session;
	const char *lang = req_field(c->req, "lang"), *easy = req_field(c->req, "easy");
	int ez = -1;
	const struct lang *l = NULL;
	uf_err e;

	*changed = false;
	if (!lang && !easy)
		return UF_OK;
	if (req_field_count(c->req, "lang") > 1 || req_field_count(c->req, "easy") > 1)
		return web_fail(c, UF_EINVAL, "lang", ui_str(s->ui, "survey.check"));
	if (lang && (!(l = lang_get(lang)) || !offered(s->form, l)))
		return web_fail(c, UF_EINVAL, "lang", ui_str(s->ui, "survey.check"));
	if (easy) {
		if (strcmp(easy, "1") != 0 && strcmp(easy, "0") != 0)
			return web_fail(c, UF_EINVAL, "easy", ui_str(s->ui, "survey.check"));
		ez = easy[0] == '1';
	}
	*changed = true;
	log_info("req=%s route=%s msg=\"view changed\" lang=%s easy=%d", c->req->request_id,
	    c->route->name, l ? lang_tag(l) : "-", ez);
	/* A copy cached by this request (its page save) no longer holds. */
	collect_session_forget(s);
	e = db_collect_view_set(c->db, s->token_hash, l ? lang_tag(l) : NULL, ez);
	/* The cookie says what is stored (an earlier one of this reply, from
	 * the session as it was read, is replaced). */
	if (e == UF_OK && l)
		e = collect_lang_cookie(c, l, true);
	return e;
}

/* POST /sprak: from the information and review pages; back to where the
 * person was (a fixed key, never a URL from the form). */
uf_err
h_view(struct web_ctx *c)
{
	const char *to = req_field(c->req, "to");
	bool changed;
	uf_err e = collect_view_from_post(c, &changed);

	if (e != UF_OK)
		return e;
	if (to && strcmp(to, "information") == 0)
		reply_redirect(c->reply, "/information");
	else if (to && strcmp(to, "granska") == 0)
		reply_redirect(c->reply, "/granska");
	else
		reply_redirect(c->reply, "/fortsatt");
	return UF_OK;
}

/* One bound of item it as the message shows it: a number item's in l's
 * decimal separator, else the integer. */
static void
bound_text(const struct lang *l, const struct form_item *it, long v, char *out, size_t n)
{
	if (it->type == ITEM_NUMBER)
		item_number_format(it, v, ui_str(l, "answer.decimal_separator")[0], out, n);
	else
		(void)snprintf(out, n, "%ld", v);
}

const char *
collect_answer_message(struct arena *a, const struct lang *l, const struct form *f,
    const struct form_error *err)
{
	char lo[40] = "", hi[40] = "", chars[24] = "";
	long i;

	if (!err->key)
		return ui_str(l, "survey.check");
	if ((i = form_item_index(f, err->field)) >= 0) {
		const struct form_item *it = &f->items[i];
		bound_text(l, it, it->min, lo, sizeof lo);
		bound_text(l, it, it->max, hi, sizeof hi);
		(void)snprintf(chars, sizeof chars, "%d", it->max_length);
	}
	return ui_fmt(a, l, err->key, "min", lo, "max", hi, "chars", chars, NULL);
}

/* The session cookie's session as this process last read it: its
 * language, or NULL. Read without the database, so an error page costs
 * none; another instance may have changed the language since (then this
 * page alone speaks the one before). */
static const struct lang *
cached_session_lang(struct web_ctx *c)
{
	const char *tok = req_cookie(c->req, COLLECT_COOKIE_SESSION);
	char hash[2 + 2 * CODE_HASH_LEN + 1];

	if (!tok || strlen(tok) != TOKEN_HEX_LEN ||
	    strspn(tok, "0123456789abcdef") != TOKEN_HEX_LEN)
		return NULL;
	collect_hash_bytea(tok, hash);
	return session_cache_lang(hash);
}

const struct lang *
collect_error_lang(struct web_ctx *c)
{
	const struct csession *s = c->session;
	const struct lang *l;

	if (s && s->ui)
		return s->ui;
	if (!c->req)
		return lang_ref();
	/* An unknown or forged session cookie finds no copy, a forged
	 * language no row: both fall through to sv. */
	if ((l = cached_session_lang(c)) || (l = lang_get(req_arg(c->req, "lang"))) ||
	    (l = lang_get(req_field(c->req, "lang"))) ||
	    (l = lang_get(req_cookie(c->req, COLLECT_COOKIE_LANG))))
		return l;
	return lang_ref();
}

uf_err
collect_lang_cookie(struct web_ctx *c, const struct lang *l, bool force)
{
	const char *had = req_cookie(c->req, COLLECT_COOKIE_LANG);
	bool ref = l == lang_ref();

	if (!force && (ref ? had == NULL : had != NULL && strcmp(had, lang_tag(l)) == 0))
		return UF_OK;
	return reply_cookie_lax(c->reply, c->arena, COLLECT_COOKIE_LANG, ref ? "" : lang_tag(l),
	    ref ? 0 : -1, collect_cookie_secure(c->req));
}
