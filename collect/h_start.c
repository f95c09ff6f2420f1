/* SPDX-License-Identifier: ISC
 * The way in: start page with the code form, the personal link (/k/<code>),
 * logging in with a code, resuming, and the thank-you page. The code itself
 * is never logged or echoed. The ways out are h_end.c's.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "collect.h"
#include "collect_cache.h"
#include "collect_form.h"
#include "collect_handlers.h"
#include "db_collect.h"
#include "html.h"
#include "http.h"
#include "lang.h"
#include "log.h"
#include "req.h"

#define CODE_TYPED_MAX 64

/* The language of a page before the session: the code form's hidden field,
 * else ?lang=, else sv. */
static const struct lang *
page_lang(const struct req *r)
{
	const struct lang *l = lang_get(req_field(r, "lang"));
	return l ? l : collect_arg_lang(r);
}

/* Messages the start page may show, chosen by a fixed key (never echoed). */
static const char *
start_notice(const struct req *r, const struct lang *l)
{
	const char *v = req_arg(r, "slut");
	if (!v)
		return NULL;
	if (strcmp(v, "avbrutet") == 0)
		return ui_str(l, "start.notice_cancelled");
	if (strcmp(v, "sparat") == 0)
		return ui_str(l, "start.notice_saved");
	if (strcmp(v, "tid") == 0)
		return ui_str(l, "start.notice_idle");
	return ui_str(l, "start.notice_ended");
}

/* Errors the start page may show after a personal link, by a fixed key. */
static const char *
link_error(const struct req *r, const struct lang *l)
{
	const char *v = req_arg(r, "lank");
	if (!v || strcmp(v, "fortsatt") == 0)
		return NULL;
	if (strcmp(v, "vanta") == 0)
		return ui_str(l, "start.too_many");
	return ui_str(l, "start.link_bad");
}

/* The start page: a code field and a fresh pre-session CSRF token in a
 * cookie; link_started: a personal link began the session, the page only
 * leads on to it. */
static uf_err
start_page(struct web_ctx *c, const char *notice, bool is_error,
    bool link_started)
{
	uf_err e;
	char pre[TOKEN_HEX_LEN + 1];
	struct hw w;
	const struct lang *l = page_lang(c->req);
	struct page p = { .title = ui_str(l, "start.title"), .body_class = "start", .lang = l, .top_markup = collect_lang_links(c->arena, l) };

	e = token_generate(pre);
	if (e != UF_OK)
		return e;
	e = reply_cookie(c->reply, c->arena, COLLECT_COOKIE_PRE, pre, -1,
	    collect_cookie_secure(c->req));
	if (e != UF_OK)
		return e;
	if (!p.top_markup)
		return UF_ENOMEM;
	hw_init(&w, &c->reply->body);
	html_begin(&w, &p);
	hw_raw(&w, "<h1>");
	hw_ui(&w, l, "start.heading");
	hw_raw(&w, "</h1>\n");
	if (notice) {
		hw_raw(&w, is_error ? "<p class=\"error\" role=\"alert\">" : "<p class=\"notice\" role=\"status\">");
		hw_text(&w, notice);
		hw_raw(&w, "</p>\n");
	}
	if (link_started) {
		/* The session exists; a tap makes /fortsatt a same-site navigation,
		 * which carries the cookie. Nothing here resumes anything later. */
		hw_raw(&w, "<p class=\"lead\">");
		hw_ui(&w, l, "start.link_opened");
		hw_raw(&w, "</p>\n<div class=\"nav\"><a class=\"button primary\" "
		           "href=\"/fortsatt\">");
		hw_ui(&w, l, "start.begin");
		hw_raw(&w, "</a></div>\n");
	} else {
		hw_raw(&w, "<form method=\"post\" action=\"/kod\" class=\"code-form\" "
		           "autocomplete=\"off\">\n");
		html_csrf(&w, pre);
		if (l != lang_ref()) {
			hw_raw(&w, "<input type=\"hidden\" name=\"lang\" value=\"");
			hw_text(&w, lang_tag(l));
			hw_raw(&w, "\">\n");
		}
		hw_raw(&w, "<p class=\"lead\">");
		hw_ui(&w, l, "start.lead");
		hw_raw(&w, "</p>\n<label for=\"code\" class=\"qlabel big\">");
		hw_ui(&w, l, "start.code_label");
		hw_raw(&w, "</label>\n<p class=\"hint\" id=\"code-hint\">");
		hw_ui(&w, l, "start.code_hint");
		/* The code is Latin letters in every language: dir="ltr". */
		hw_raw(&w, "</p>\n"
		           "<input id=\"code\" name=\"code\" class=\"code\" type=\"text\" dir=\"ltr\" "
		           "inputmode=\"text\" autocapitalize=\"characters\" spellcheck=\"false\" "
		           "autocomplete=\"off\" maxlength=\"20\" aria-describedby=\"code-hint\" required>\n"
		           "<div class=\"nav\"><button type=\"submit\" class=\"primary\">");
		hw_ui(&w, l, "start.begin");
		hw_raw(&w, "</button></div>\n</form>\n");
	}
	hw_raw(&w, "<p class=\"small\">");
	hw_ui(&w, l, "start.voluntary");
	hw_raw(&w, "</p>\n");
	html_end(&w);
	return hw_done(&w);
}

uf_err
h_start(struct web_ctx *c)
{
	const struct lang *l = page_lang(c->req);
	const char *err = link_error(c->req, l);
	const char *v = req_arg(c->req, "lank");
	if (err)
		return start_page(c, err, true, false);
	return start_page(c, start_notice(c->req, l), false, v && strcmp(v, "fortsatt") == 0);
}

/* Start a session for what was typed (or came in a link): rate limit, then
 * a new session and its cookie. *accepted false: the code was not accepted
 * (counted). UF_ERATE when rate limited. */
static uf_err
begin_session(struct web_ctx *c, const char *typed, const struct lang *l,
    bool *accepted)
{
	uf_err e;
	const struct req *r = c->req;
	char norm[CODE_LEN + 1];
	char token[TOKEN_HEX_LEN + 1], csrf[TOKEN_HEX_LEN + 1];
	char code_hash[2 + 2 * CODE_HASH_LEN + 1], token_hash[sizeof(code_hash)],
	    addr_hash[sizeof(code_hash)];
	const char *addr_key, *code_key, *view;
	struct rate_limits rl = { collect_cfg->rate_addr_max, collect_cfg->rate_code_max,
		collect_cfg->rate_window_minutes };
	struct idle_times idle = { collect_cfg->idle_patient_seconds,
		collect_cfg->idle_staff_seconds };
	long long code_id = -1;

	*accepted = false;
	/* Hash the normalised code, or what was typed when it is not a code,
	 * so repeated wrong attempts count against the same key too. */
	if (strlen(typed) <= CODE_TYPED_MAX && code_normalize(typed, norm) == UF_OK)
		code_key = norm;
	else
		code_key = arena_strndup(c->arena, typed,
		    strlen(typed) > CODE_TYPED_MAX ? CODE_TYPED_MAX : strlen(typed));
	addr_key = arena_printf(c->arena, "addr:%s", r->remote_addr);
	if (!code_key || !addr_key)
		return UF_ENOMEM;
	collect_hash_bytea(code_key, code_hash);
	collect_hash_bytea(addr_key, addr_hash);
	if ((e = token_generate(token)) != UF_OK || (e = token_generate(csrf)) != UF_OK)
		return e;
	collect_hash_bytea(token, token_hash);

	e = db_collect_login(c->db, code_hash, addr_hash, token_hash, csrf, &idle, &rl,
	    accepted, &code_id);
	if (e == UF_ERATE)
		log_warn("req=%s route=%s msg=\"code attempts rate limited\"", r->request_id,
		    c->route->name);
	if (e != UF_OK)
		return e;
	if (!*accepted) {
		log_warn("req=%s route=%s msg=\"code not accepted\"", r->request_id,
		    c->route->name);
		return UF_OK;
	}
	session_cache_forget(NULL, code_id); /* the code's older session ended */
	/* The language chosen on the start page goes on with the session. */
	if (l != lang_ref() && (e = db_collect_view_set(c->db, token_hash, lang_tag(l), -1)) != UF_OK)
		return e;
	log_info("req=%s route=%s msg=\"session started\"", r->request_id, c->route->name);
	if ((e = collect_lang_cookie(c, l, false)) != UF_OK ||
	    (e = reply_cookie(c->reply, c->arena, COLLECT_COOKIE_SESSION, token, -1,
	         collect_cookie_secure(c->req))) != UF_OK ||
	    (e = reply_cookie(c->reply, c->arena, COLLECT_COOKIE_PRE, "", 0,
	         collect_cookie_secure(c->req))) != UF_OK ||
	    (e = collect_view_renew(c, &view)) != UF_OK)
		return e;
	reply_redirect(c->reply, "/fortsatt");
	return UF_OK;
}

/* Whether the browser says the navigation was not started by another site
 * (typed, a bookmark, a scanned QR code, a link of our own). A navigation
 * another site started (a link in a web mail) does not send SameSite=Strict
 * cookies, not even on its redirects back to us, so /fortsatt would not see
 * the new session: such a link, and a browser that does not say, first gets
 * a page whose "Börja" the person taps. */
static bool
started_here(const struct req *r)
{
	return strcmp(r->fetch_site, "none") == 0 || strcmp(r->fetch_site, "same-origin") == 0 ||
	    strcmp(r->fetch_site, "same-site") == 0;
}

/* To the start page with a notice key of the link and its language. */
static uf_err
link_redirect(struct web_ctx *c, const char *key, const char *q)
{
	const char *to = arena_printf(c->arena, "/?lank=%s%s", key, q);
	if (!to)
		return UF_ENOMEM;
	reply_redirect(c->reply, to);
	return UF_OK;
}

/* GET /k/<code>, a slip's QR link: starts the session at once and always
 * answers with a redirect, so the link itself never becomes an entry of the
 * tab's history that Back or a reopened tab could load again to resume the
 * session after it ended. The owner of the slip resumes by scanning it (or
 * typing the code) again. */
uf_err
h_link(struct web_ctx *c)
{
	const char *code = c->req->path_arg;
	const struct lang *l = collect_arg_lang(c->req);
	const char *q = collect_lang_query(c->arena, l, '&');
	bool accepted = false;
	uf_err e;

	if (!q)
		return UF_ENOMEM;
	if (!code || strlen(code) > CODE_TYPED_MAX)
		return link_redirect(c, "fel", q);
	e = begin_session(c, code, l, &accepted);
	if (e == UF_ERATE)
		return link_redirect(c, "vanta", q);
	if (e != UF_OK)
		return e;
	if (!accepted)
		return link_redirect(c, "fel", q);
	if (!started_here(c->req))
		return link_redirect(c, "fortsatt", q);
	return UF_OK;
}

uf_err
h_login(struct web_ctx *c)
{
	uf_err e;
	const struct req *r = c->req;
	const char *pre_cookie = req_cookie(r, COLLECT_COOKIE_PRE);
	const char *pre_field = req_field(r, "csrf");
	const char *typed = req_field(r, "code");
	const struct lang *l = page_lang(r);
	bool accepted = false;

	if (!pre_cookie || !pre_field || req_field_count(r, "csrf") != 1 ||
	    !token_equal(pre_cookie, pre_field)) {
		log_warn("req=%s route=login msg=\"pre-session CSRF token missing or wrong\"",
		    r->request_id);
		e = start_page(c, ui_str(l, "start.expired"), true, false);
		c->rendered = true;
		return e != UF_OK ? e : UF_EPERM;
	}
	if (!typed || req_field_count(r, "code") != 1)
		typed = "";
	e = begin_session(c, typed, l, &accepted);
	if (e == UF_ERATE) {
		uf_err e2 = start_page(c, ui_str(l, "start.too_many"), true, false);
		c->rendered = true;
		return e2 != UF_OK ? e2 : UF_ERATE;
	}
	if (e != UF_OK)
		return e;
	if (!accepted) {
		e = start_page(c, ui_str(l, "start.bad_code"), true, false);
		c->rendered = true;
		return e != UF_OK ? e : UF_EAUTH;
	}
	return UF_OK;
}

uf_err
h_resume(struct web_ctx *c)
{
	const struct csession *s = c->session;
	size_t p;
	const char *to;

	if (!s->consent || strcmp(s->consent, "given") != 0) {
		reply_redirect(c->reply, "/information");
		return UF_OK;
	}
	p = page_first_open(s->form, s->months, s->answers);
	to = p ? arena_printf(c->arena, "/sida/%zu", p) : "/granska";
	if (!to)
		return UF_ENOMEM;
	reply_redirect(c->reply, to);
	return UF_OK;
}

uf_err
h_thanks(struct web_ctx *c)
{
	struct hw w;
	bool declined = req_arg(c->req, "nej") != NULL;
	const struct lang *l = collect_arg_lang(c->req);
	char secs[16];
	/* The script returns to the start (no refresh: WCAG 2.2.1); the page
	 * holds no answers, so without a script it may simply stay. */
	struct page p = { .title = ui_str(l, "thanks.title"), .body_class = "thanks", .return_seconds = collect_cfg->thanks_seconds, .lang = l };
	const char *note;

	(void)snprintf(secs, sizeof secs, "%d", collect_cfg->thanks_seconds);
	note = ui_fmt(c->arena, l, "thanks.return_note", "seconds", secs, NULL);
	if (!note)
		return UF_ENOMEM;
	hw_init(&w, &c->reply->body);
	html_begin(&w, &p);
	hw_raw(&w, "<div class=\"done\" data-clear-drafts=\"1\">\n<h1>");
	hw_ui(&w, l, declined ? "thanks.declined_heading" : "thanks.heading");
	hw_raw(&w, "</h1>\n<p class=\"lead\">");
	hw_ui(&w, l, declined ? "thanks.declined" : "thanks.lead");
	hw_raw(&w, "</p>\n<p class=\"return-note\" hidden>");
	hw_text(&w, note);
	hw_raw(&w, "</p>\n<p><a class=\"button\" href=\"/");
	hw_text(&w, collect_lang_query(c->arena, l, '?'));
	hw_raw(&w, "\">");
	hw_ui(&w, l, "thanks.to_start");
	hw_raw(&w, "</a></p>\n</div>\n");
	html_end(&w);
	return hw_done(&w);
}
