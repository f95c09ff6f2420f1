/* SPDX-License-Identifier: ISC
 * How a respondent's session ends and what it leaves behind: Avbryt, "Spara
 * och fortsätt senare" and the idle end first store what is on the page (as
 * a draft, whatever of it is valid); "Ja, fortsätt" extends the session.
 * Every end expires the cookie and sends Clear-Site-Data, so no page of the
 * session is left in the browser's caches for the next person.
 */
#include "config.h"

#include <string.h>

#include "arena.h"
#include "buf.h"
#include "collect.h"
#include "collect_cache.h"
#include "collect_form.h"
#include "collect_handlers.h"
#include "db_collect.h"
#include "http.h"
#include "lang.h"
#include "log.h"
#include "req.h"

#define ANSWERS_JSON_MAX (2u * 1024 * 1024)

uf_err
collect_session_ended(struct web_ctx *c)
{
	bool secure = collect_cookie_secure(c->req);
	uf_err e;

	c->reply->clear_site_data = true;
	e = reply_cookie(c->reply, c->arena, COLLECT_COOKIE_SESSION, "", 0, secure);
	if (e == UF_OK)
		e = reply_cookie(c->reply, c->arena, COLLECT_COOKIE_VIEW, "", 0, secure);
	/* The next person on a shared tablet learns nothing of this one, not
	 * even the language: the redirects carry ?lang= for this person. */
	return e != UF_OK ? e : collect_lang_cookie(c, lang_ref(), true);
}

/* Where each way of ending goes: the start page, with a notice by key. */
static const char *const end_target[END__MAX] = {
	[END_CANCEL] = "/?slut=avbrutet",
	[END_LATER] = "/?slut=sparat",
	[END_IDLE] = "/?slut=tid",
};

/* The session has ended: clear the browser's data, go to the start page
 * (in the session's language, when there was one). */
static uf_err
leave(struct web_ctx *c, enum session_end how)
{
	const struct csession *s = c->session;
	const char *to = s ? arena_printf(c->arena, "%s%s", end_target[how],
	                         collect_lang_query(c->arena, s->ui, '&')) :
	                     end_target[how];
	uf_err e = collect_session_ended(c);
	if (e == UF_OK && !to)
		e = UF_ENOMEM;
	if (e == UF_OK)
		reply_redirect(c->reply, to);
	return e;
}

bool
collect_end_action(const char *action, enum session_end *out)
{
	static const char *const names[END__MAX] = {
		[END_CANCEL] = "cancel",
		[END_LATER] = "later",
		[END_IDLE] = "idle",
	};
	for (size_t k = 0; action && k < END__MAX; k++)
		if (strcmp(action, names[k]) == 0) {
			*out = (enum session_end)k;
			return true;
		}
	return false;
}

/* The posted fields of one item only, so that one bad value does not cost
 * the others (answers_from_post stops at the first). */
static uf_err
fields_of(struct arena *a, const struct req *r, const char *id,
    struct req *out)
{
	size_t k = 0;
	*out = *r;
	out->form = arena_alloc(a, (r->nform ? r->nform : 1) * sizeof(*out->form));
	if (!out->form)
		return UF_ENOMEM;
	for (size_t i = 0; i < r->nform; i++)
		if (strcmp(r->form[i].key, id) == 0)
			out->form[k++] = r->form[i];
	out->nform = k;
	return UF_OK;
}

static bool
on_page(const struct form *f, const size_t *items, size_t n, const char *id,
    size_t *at)
{
	for (size_t j = 0; j < n; j++)
		if (strcmp(f->items[items[j]].id, id) == 0) {
			*at = items[j];
			return true;
		}
	return false;
}

/* What was on the page, merged into the draft as far as it is valid: an
 * item's posted value replaces the draft's when it parses and passes the
 * draft checks; otherwise the item keeps the draft's answer. Required items
 * may stay empty (it is a draft). Fields of other pages are ignored. On
 * UF_EINVAL nothing of the page could be kept consistently: store nothing. */
uf_err
collect_page_salvage(struct web_ctx *c, const size_t *items, size_t n,
    struct form_answer *ans)
{
	const struct csession *s = c->session;
	const struct form *f = s->form;
	struct form_error ferr;
	uf_err e;

	memcpy(ans, s->answers, f->nitems * sizeof(*ans));
	for (size_t j = 0; j < n; j++) {
		struct req one;
		size_t i = items[j];
		if ((e = fields_of(c->arena, c->req, f->items[i].id, &one)) != UF_OK)
			return e;
		memset(&ferr, 0, sizeof(ferr));
		e = answers_from_post(c->arena, f, &one, &i, 1, ans, &ferr);
		if (e == UF_ENOMEM)
			return e;
		if (e != UF_OK)
			ans[i] = s->answers[i];
	}
	answers_drop_hidden(f, s->months, ans, NULL, 0);
	/* Each round puts back the draft's answer of one item the checks name;
	 * the draft itself passed them, so n + 1 rounds are enough. */
	for (size_t round = 0; round <= n; round++) {
		size_t at;
		memset(&ferr, 0, sizeof(ferr));
		e = form_check_answers(f, s->months, ans, false, &ferr);
		if (e != UF_EINVAL && e != UF_ELIMIT)
			return e;
		if (!on_page(f, items, n, ferr.field, &at))
			return UF_EINVAL;
		ans[at] = s->answers[at];
		answers_drop_hidden(f, s->months, ans, NULL, 0);
	}
	return UF_EINVAL;
}

uf_err
collect_page_end(struct web_ctx *c, size_t p, enum session_end how)
{
	const struct csession *s = c->session;
	const struct form *f = s->form;
	size_t items[FORM_MAX_ITEMS], n;
	struct form_answer *ans;
	struct buf json;
	const char *stored = NULL;
	uf_err e;

	page_items(f, s->months, p, items, &n);
	ans = answers_new(c->arena, f);
	if (!ans)
		return UF_ENOMEM;
	buf_init(&json, ANSWERS_JSON_MAX);
	e = collect_page_salvage(c, items, n, ans);
	if (e == UF_OK) {
		e = answers_to_db(&json, f, ans);
		stored = buf_str(&json);
	} else if (e == UF_EINVAL) {
		log_warn("req=%s route=%s msg=\"page not stored at session end: inconsistent\"",
		    c->req->request_id, c->route->name);
		e = UF_OK;
	}
	if (e == UF_OK)
		e = db_collect_session_end_saving(c->db, s->token_hash, stored);
	collect_session_forget(s);
	buf_free(&json);
	if (e == UF_ECONFLICT) {
		/* Submitted meanwhile (another tab): nothing to keep; still end. */
		e = db_collect_session_end(c->db, s->token_hash);
	}
	if (e != UF_OK)
		return e;
	log_info("req=%s route=%s msg=\"session ended, page kept\" end=%d", c->req->request_id,
	    c->route->name, (int)how);
	return leave(c, how);
}

/* POST /avbryt: from pages without answers to keep (information, review). */
uf_err
h_cancel(struct web_ctx *c)
{
	const struct csession *s = c->session;
	uf_err e = db_collect_session_end_saving(c->db, s->token_hash, NULL);
	collect_session_forget(s);
	return e != UF_OK ? e : leave(c, END_CANCEL);
}

/* GET /slut: the idle end of a page without a form (the script goes here),
 * or a person leaving by the address. Ends whatever session the cookie
 * names; clears the site's data either way. */
uf_err
h_timeout(struct web_ctx *c)
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
	}
	return leave(c, END_IDLE);
}

/* POST /kvar ("Ja, fortsätt"): the session lives its idle time from now.
 * Answers {"idle_left": seconds, "idle_warn": seconds} for the script. */
uf_err
h_extend(struct web_ctx *c)
{
	const struct csession *s = c->session;
	long long until = 0;
	uf_err e = db_collect_session_extend(c->db, s->token_hash, &until);
	collect_session_forget(s);
	if (e != UF_OK)
		return e;
	reply_json(c->reply);
	return buf_printf(&c->reply->body, "{\"idle_left\":%d,\"idle_warn\":%d}\n",
	    collect_idle_left(until), collect_idle_warn(s->grp));
}
