/* SPDX-License-Identifier: ISC
 * The way in: start page with the code form, the personal link (/k/<code>),
 * logging in with a code, resuming, and the thank-you page. The code itself
 * is never logged or echoed. The ways out are h_end.c's.
 */
#include "config.h"

#include <string.h>

#include "arena.h"
#include "collect.h"
#include "collect_cache.h"
#include "collect_form.h"
#include "collect_handlers.h"
#include "db_collect.h"
#include "html.h"
#include "http.h"
#include "log.h"
#include "req.h"

#define CODE_TYPED_MAX 64

/* Messages the start page may show, chosen by a fixed key (never echoed). */
static const char *start_notice(const struct req *r)
{
	const char *v = req_arg(r, "slut");
	if (!v)
		return NULL;
	if (strcmp(v, "avbrutet") == 0)
		return "Du har avbrutit. Dina svar hittills är sparade: skriv din kod igen "
		    "när du vill fortsätta.";
	if (strcmp(v, "sparat") == 0)
		return "Dina svar är sparade. Skriv din kod igen när du vill fortsätta.";
	if (strcmp(v, "tid") == 0)
		return "Din session avslutades eftersom ingen använde sidan på en stund. Svar "
		    "som du hade gått vidare från är sparade. Skriv din kod igen för att "
		    "fortsätta.";
	return "Din session har avslutats. Skriv din kod för att börja eller fortsätta.";
}

/* Errors the start page may show after a personal link, by a fixed key. */
static const char *link_error(const struct req *r)
{
	const char *v = req_arg(r, "lank");
	if (!v || strcmp(v, "fortsatt") == 0)
		return NULL;
	if (strcmp(v, "vanta") == 0)
		return "För många försök. Vänta en stund och försök igen.";
	return "Länken gick inte att använda. Skriv koden från lappen, eller fråga "
	    "personalen.";
}

/* The start page: a code field and a fresh pre-session CSRF token in a
 * cookie; link_started: a personal link began the session, the page only
 * leads on to it. */
static uf_err start_page(struct web_ctx *c, const char *notice, bool is_error,
    bool link_started)
{
	uf_err e;
	char pre[TOKEN_HEX_LEN + 1];
	struct hw w;
	struct page p = { .title = "Välkommen", .body_class = "start" };

	e = token_generate(pre);
	if (e != UF_OK)
		return e;
	e = reply_cookie(c->reply, c->arena, COLLECT_COOKIE_PRE, pre, -1,
	    collect_cookie_secure(c->req));
	if (e != UF_OK)
		return e;
	hw_init(&w, &c->reply->body);
	html_begin(&w, &p);
	hw_raw(&w, "<h1>Välkommen till enkäten</h1>\n");
	if (notice) {
		hw_raw(&w, is_error ? "<p class=\"error\" role=\"alert\">" :
		    "<p class=\"notice\" role=\"status\">");
		hw_text(&w, notice);
		hw_raw(&w, "</p>\n");
	}
	if (link_started) {
		/* The session exists; a tap makes /fortsatt a same-site navigation,
		 * which carries the cookie. Nothing here resumes anything later. */
		hw_raw(&w, "<p class=\"lead\">Du har öppnat din personliga länk.</p>\n"
		    "<div class=\"nav\"><a class=\"button primary\" href=\"/fortsatt\">Börja"
		    "</a></div>\n");
	} else {
		hw_raw(&w, "<form method=\"post\" action=\"/kod\" class=\"code-form\" "
		    "autocomplete=\"off\">\n");
		html_csrf(&w, pre);
		hw_raw(&w, "<p class=\"lead\">Skriv koden som står på lappen du har fått.</p>\n"
		    "<label for=\"code\" class=\"qlabel big\">Din kod</label>\n"
		    "<p class=\"hint\" id=\"code-hint\">Nio tecken, till exempel ABC-DEF-GHJ. "
		    "Bindestreck behövs inte.</p>\n"
		    "<input id=\"code\" name=\"code\" class=\"code\" type=\"text\" "
		    "inputmode=\"text\" autocapitalize=\"characters\" spellcheck=\"false\" "
		    "autocomplete=\"off\" maxlength=\"20\" aria-describedby=\"code-hint\" required>\n"
		    "<div class=\"nav\"><button type=\"submit\" class=\"primary\">Börja</button>"
		    "</div>\n</form>\n");
	}
	hw_raw(&w, "<p class=\"small\">Det är frivilligt att svara. Du kan avbryta när du vill.</p>\n");
	html_end(&w);
	return hw_done(&w);
}

uf_err h_start(struct web_ctx *c)
{
	const char *err = link_error(c->req);
	const char *v = req_arg(c->req, "lank");
	if (err)
		return start_page(c, err, true, false);
	return start_page(c, start_notice(c->req), false, v && strcmp(v, "fortsatt") == 0);
}

/* Start a session for what was typed (or came in a link): rate limit, then
 * a new session and its cookie. *accepted false: the code was not accepted
 * (counted). UF_ERATE when rate limited. */
static uf_err begin_session(struct web_ctx *c, const char *typed, bool *accepted)
{
	uf_err e;
	const struct req *r = c->req;
	char norm[CODE_LEN + 1];
	char token[TOKEN_HEX_LEN + 1], csrf[TOKEN_HEX_LEN + 1];
	char code_hash[2 + 2 * CODE_HASH_LEN + 1], token_hash[sizeof(code_hash)],
	    addr_hash[sizeof(code_hash)];
	const char *addr_key, *code_key;
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
	session_cache_forget(NULL, code_id);   /* the code's older session ended */
	log_info("req=%s route=%s msg=\"session started\"", r->request_id, c->route->name);
	if ((e = reply_cookie(c->reply, c->arena, COLLECT_COOKIE_SESSION, token, -1,
	    collect_cookie_secure(c->req))) != UF_OK ||
	    (e = reply_cookie(c->reply, c->arena, COLLECT_COOKIE_PRE, "", 0,
	    collect_cookie_secure(c->req))) != UF_OK)
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
static bool started_here(const struct req *r)
{
	return strcmp(r->fetch_site, "none") == 0 || strcmp(r->fetch_site, "same-origin") == 0 ||
	    strcmp(r->fetch_site, "same-site") == 0;
}

/* GET /k/<code>, a slip's QR link: starts the session at once and always
 * answers with a redirect, so the link itself never becomes an entry of the
 * tab's history that Back or a reopened tab could load again to resume the
 * session after it ended. The owner of the slip resumes by scanning it (or
 * typing the code) again. */
uf_err h_link(struct web_ctx *c)
{
	const char *code = c->req->path_arg;
	bool accepted = false;
	uf_err e;

	if (!code || strlen(code) > CODE_TYPED_MAX) {
		reply_redirect(c->reply, "/?lank=fel");
		return UF_OK;
	}
	e = begin_session(c, code, &accepted);
	if (e == UF_ERATE) {
		reply_redirect(c->reply, "/?lank=vanta");
		return UF_OK;
	}
	if (e != UF_OK)
		return e;
	if (!accepted)
		reply_redirect(c->reply, "/?lank=fel");
	else if (!started_here(c->req))
		reply_redirect(c->reply, "/?lank=fortsatt");
	return UF_OK;
}

uf_err h_login(struct web_ctx *c)
{
	uf_err e;
	const struct req *r = c->req;
	const char *pre_cookie = req_cookie(r, COLLECT_COOKIE_PRE);
	const char *pre_field = req_field(r, "csrf");
	const char *typed = req_field(r, "code");
	bool accepted = false;

	if (!pre_cookie || !pre_field || req_field_count(r, "csrf") != 1 ||
	    !token_equal(pre_cookie, pre_field)) {
		log_warn("req=%s route=login msg=\"pre-session CSRF token missing or wrong\"",
		    r->request_id);
		e = start_page(c, "Sidan hade gått ut. Skriv koden igen.", true, false);
		c->rendered = true;
		return e != UF_OK ? e : UF_EPERM;
	}
	if (!typed || req_field_count(r, "code") != 1)
		typed = "";
	e = begin_session(c, typed, &accepted);
	if (e == UF_ERATE) {
		uf_err e2 = start_page(c, "För många försök. Vänta en stund och försök igen.",
		    true, false);
		c->rendered = true;
		return e2 != UF_OK ? e2 : UF_ERATE;
	}
	if (e != UF_OK)
		return e;
	if (!accepted) {
		e = start_page(c, "Koden gick inte att använda. Kontrollera att du har skrivit "
		    "rätt, eller fråga personalen.", true, false);
		c->rendered = true;
		return e != UF_OK ? e : UF_EAUTH;
	}
	return UF_OK;
}

uf_err h_resume(struct web_ctx *c)
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

uf_err h_thanks(struct web_ctx *c)
{
	struct hw w;
	bool declined = req_arg(c->req, "nej") != NULL;
	/* The script returns to the start (no refresh: WCAG 2.2.1); the page
	 * holds no answers, so without a script it may simply stay. */
	struct page p = { .title = "Tack", .body_class = "thanks",
		.return_seconds = collect_cfg->thanks_seconds };

	hw_init(&w, &c->reply->body);
	html_begin(&w, &p);
	hw_raw(&w, "<div class=\"done\" data-clear-drafts=\"1\">\n");
	if (declined) {
		hw_raw(&w, "<h1>Tack</h1>\n<p class=\"lead\">Du har valt att inte delta. "
		    "Inga svar har sparats, bara att du tackade nej.</p>\n");
	} else {
		hw_raw(&w, "<h1>Tack för dina svar!</h1>\n<p class=\"lead\">Dina svar är "
		    "inskickade. Du behöver inte göra något mer.</p>\n");
	}
	hw_fmt(&w, "<p class=\"return-note\" hidden>Sidan går tillbaka till början om %d "
	    "sekunder.</p>\n", collect_cfg->thanks_seconds);
	hw_raw(&w, "<p><a class=\"button\" href=\"/\">Till början</a></p>\n</div>\n");
	html_end(&w);
	return hw_done(&w);
}
