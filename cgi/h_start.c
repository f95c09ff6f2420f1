/* SPDX-License-Identifier: ISC
 * The way in and out: start page with the code form, the personal link
 * (/k/<code>), logging in with a code, resuming, cancelling, the thank-you
 * page and the idle-timeout page. The code itself is never logged or echoed.
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

int collect_idle_seconds(void)
{
	return collect_cfg->idle_minutes * 60;
}

uf_err collect_clear_session_cookie(struct web_ctx *c)
{
	return reply_cookie(c->reply, c->arena, COLLECT_COOKIE_SESSION, "", 0,
	    collect_cookie_secure(c->req));
}

/* Messages the start page may show, chosen by a fixed key (never echoed). */
static const char *start_notice(const struct req *r)
{
	const char *v = req_arg(r, "slut");
	if (!v)
		return NULL;
	if (strcmp(v, "avbrutet") == 0)
		return "Du har avbrutit. Dina svar hittills är sparade: skriv din kod igen "
		    "när du vill fortsätta.";
	return "Sidan har stängts. Skriv din kod för att börja eller fortsätta.";
}

/* The start page: a code field (or, from a personal link, the code as a
 * hidden field) and a fresh pre-session CSRF token in a cookie. */
static uf_err start_page(struct web_ctx *c, const char *notice, bool is_error,
    const char *link_code)
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
	hw_raw(&w, "<form method=\"post\" action=\"/kod\" class=\"code-form\" autocomplete=\"off\">\n");
	html_csrf(&w, pre);
	if (link_code) {
		hw_raw(&w, "<p class=\"lead\">Du har öppnat din personliga länk. Tryck på "
		    "knappen för att börja.</p>\n<input type=\"hidden\" name=\"code\" value=\"");
		hw_text(&w, link_code);
		hw_raw(&w, "\">\n");
	} else {
		hw_raw(&w, "<p class=\"lead\">Skriv koden som står på lappen du har fått.</p>\n"
		    "<label for=\"code\" class=\"qlabel big\">Din kod</label>\n"
		    "<p class=\"hint\" id=\"code-hint\">Nio tecken, till exempel ABC-DEF-GHJ. "
		    "Bindestreck behövs inte.</p>\n"
		    "<input id=\"code\" name=\"code\" class=\"code\" type=\"text\" "
		    "inputmode=\"text\" autocapitalize=\"characters\" spellcheck=\"false\" "
		    "autocomplete=\"off\" maxlength=\"20\" aria-describedby=\"code-hint\" required>\n");
	}
	hw_raw(&w, "<div class=\"nav\"><button type=\"submit\" class=\"primary\">Börja</button></div>\n"
	    "</form>\n"
	    "<p class=\"small\">Det är frivilligt att svara. Du kan avbryta när du vill.</p>\n");
	html_end(&w);
	return hw_done(&w);
}

uf_err h_start(struct web_ctx *c)
{
	return start_page(c, start_notice(c->req), false, NULL);
}

uf_err h_link(struct web_ctx *c)
{
	const char *code = c->req->path_arg;
	/* Only something shaped like a code goes back into the page. */
	if (!code || strlen(code) > CODE_TYPED_MAX ||
	    strspn(code, "ABCDEFGHJKMNPQRSTUVWXYZ23456789abcdefghjkmnpqrstuvwxyz-") != strlen(code))
		return start_page(c, "Länken är inte giltig. Skriv koden från lappen.", true, NULL);
	return start_page(c, NULL, false, code);
}

uf_err h_login(struct web_ctx *c)
{
	uf_err e;
	const struct req *r = c->req;
	const char *pre_cookie = req_cookie(r, COLLECT_COOKIE_PRE);
	const char *pre_field = req_field(r, "csrf");
	const char *typed = req_field(r, "code");
	char norm[CODE_LEN + 1];
	char token[TOKEN_HEX_LEN + 1], csrf[TOKEN_HEX_LEN + 1];
	char code_hash[2 + 2 * CODE_HASH_LEN + 1], token_hash[sizeof(code_hash)],
	    addr_hash[sizeof(code_hash)];
	const char *addr_key, *code_key;
	struct rate_limits rl = { collect_cfg->rate_addr_max, collect_cfg->rate_code_max,
		collect_cfg->rate_window_minutes };
	bool accepted = false;
	long long code_id = -1;

	if (!pre_cookie || !pre_field || req_field_count(r, "csrf") != 1 ||
	    !token_equal(pre_cookie, pre_field)) {
		log_warn("req=%s route=login msg=\"pre-session CSRF token missing or wrong\"",
		    r->request_id);
		e = start_page(c, "Sidan hade gått ut. Skriv koden igen.", true, NULL);
		c->rendered = true;
		return e != UF_OK ? e : UF_EPERM;
	}
	if (!typed || req_field_count(r, "code") != 1)
		typed = "";
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

	e = db_collect_login(c->db, code_hash, addr_hash, token_hash, csrf,
	    collect_cfg->idle_minutes, &rl, &accepted, &code_id);
	if (e == UF_OK && accepted)
		session_cache_forget(NULL, code_id);   /* the code's older session ended */
	if (e == UF_ERATE) {
		log_warn("req=%s route=login msg=\"code attempts rate limited\"", r->request_id);
		uf_err e2 = start_page(c, "För många försök. Vänta en stund och försök igen.",
		    true, NULL);
		c->rendered = true;
		return e2 != UF_OK ? e2 : UF_ERATE;
	}
	if (e != UF_OK)
		return e;
	if (!accepted) {
		log_warn("req=%s route=login msg=\"code not accepted\"", r->request_id);
		e = start_page(c, "Koden gick inte att använda. Kontrollera att du har skrivit "
		    "rätt, eller fråga personalen.", true, NULL);
		c->rendered = true;
		return e != UF_OK ? e : UF_EAUTH;
	}
	log_info("req=%s route=login msg=\"session started\"", r->request_id);
	if ((e = reply_cookie(c->reply, c->arena, COLLECT_COOKIE_SESSION, token, -1,
	    collect_cookie_secure(c->req))) != UF_OK ||
	    (e = reply_cookie(c->reply, c->arena, COLLECT_COOKIE_PRE, "", 0,
	    collect_cookie_secure(c->req))) != UF_OK)
		return e;
	reply_redirect(c->reply, "/fortsatt");
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

uf_err h_cancel(struct web_ctx *c)
{
	const struct csession *s = c->session;
	uf_err e = db_collect_session_end(c->db, s->token_hash);
	collect_session_forget(s);
	if (e != UF_OK)
		return e;
	e = collect_clear_session_cookie(c);
	if (e != UF_OK)
		return e;
	reply_redirect(c->reply, "/?slut=avbrutet");
	return UF_OK;
}

uf_err h_thanks(struct web_ctx *c)
{
	struct hw w;
	bool declined = req_arg(c->req, "nej") != NULL;
	struct page p = { .title = "Tack", .body_class = "thanks",
		.refresh_seconds = collect_cfg->thanks_seconds, .refresh_url = "/" };

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
	hw_fmt(&w, "<p>Sidan går tillbaka till början om %d sekunder.</p>\n",
	    collect_cfg->thanks_seconds);
	hw_raw(&w, "<p><a class=\"button\" href=\"/\">Till början</a></p>\n</div>\n");
	html_end(&w);
	return hw_done(&w);
}

uf_err h_timeout(struct web_ctx *c)
{
	const char *tok = req_cookie(c->req, COLLECT_COOKIE_SESSION);
	uf_err e;

	if (tok && *tok) {
		char th[2 + 2 * CODE_HASH_LEN + 1];
		collect_hash_bytea(tok, th);
		e = db_collect_session_end(c->db, th);
		session_cache_forget(th, -1);
		if (e != UF_OK)
			return e;
		if ((e = collect_clear_session_cookie(c)) != UF_OK)
			return e;
	}
	reply_redirect(c->reply, "/?slut=tid");
	return UF_OK;
}
