/* SPDX-License-Identifier: ISC
 * The respondent's session for the pipeline: find it by the keyed hash of
 * the cookie's token -- a page view from this process's session cache when
 * its view cookie names the copy, anything else from the database (draft
 * answers through the cache) -- and check the CSRF token of posted forms
 * (in constant time). A cookie whose session has ended is expired here,
 * with the browser's cached pages, and the start page says why it ended.
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "arena.h"
#include "collect.h"
#include "collect_cache.h"
#include "collect_form.h"
#include "collect_instr.h"
#include "collect_handlers.h"
#include "db_collect.h"
#include "http.h"
#include "lang.h"
#include "log.h"
#include "req.h"
#include "web.h"

void
collect_hash_bytea(const char *s, char out[2 + 2 * CODE_HASH_LEN + 1])
{
	unsigned char h[CODE_HASH_LEN];
	code_hash(collect_cfg->key, s, h);
	code_hash_bytea(h, out);
}

bool
collect_cookie_secure(const struct req *r)
{
	return web_conf_cookie_secure(&collect_cfg->web, r->https);
}

static bool
token_shape_ok(const char *t)
{
	return t && strlen(t) == TOKEN_HEX_LEN &&
	    strspn(t, "0123456789abcdef") == TOKEN_HEX_LEN;
}

/* What the session cache keeps of s. */
static struct cache_session
cache_copy(const struct csession *s)
{
	return (struct cache_session){ .code_id = s->code_id,
		.expires_epoch = s->expires_epoch,
		.instrument_id = s->instrument_id,
		.version = s->version,
		.stamp = s->stamp,
		.form = s->form,
		.answers = s->answers,
		.grp = s->grp,
		.months = s->months,
		.consent = s->consent,
		.status = s->status,
		.csrf = s->csrf,
		.draft_rev = s->draft_rev,
		.test = s->test,
		.ui = s->ui,
		.easy = s->easy };
}

void
collect_session_cache(const struct csession *s)
{
	struct cache_session cs = cache_copy(s);
	session_cache_replace(s->token_hash, s->since, s->view, &cs);
}

uf_err
collect_view_renew(struct web_ctx *c, const char **out)
{
	char *v = arena_alloc(c->arena, TOKEN_HEX_LEN + 1);
	uf_err e;

	if (!v)
		return UF_ENOMEM;
	if ((e = token_generate(v)) != UF_OK)
		return e;
	if ((e = reply_cookie(c->reply, c->arena, COLLECT_COOKIE_VIEW, v, -1,
	         collect_cookie_secure(c->req))) != UF_OK)
		return e;
	*out = v;
	return UF_OK;
}

void
collect_session_forget(const struct csession *s)
{
	if (s)
		session_cache_forget(s->token_hash, s->code_id);
}

/* The cookie names no live session: expire it and clear the browser's
 * data (a page of the old session must not come back from a cache), and
 * send the person to the start page with why: "ended because nobody used
 * it" when it ran out of idle time, else "ended". UF_EAUTH. */
static uf_err
session_gone(struct web_ctx *c, const char *token_hash)
{
	bool expired = false;
	uf_err e = db_collect_session_expired(c->db, token_hash, &expired);
	if (e != UF_OK)
		return e;
	session_cache_forget(token_hash, -1);
	if ((e = collect_session_ended(c)) != UF_OK)
		return e;
	c->auth_path = expired ? "/?slut=tid" : "/?slut=1";
	return UF_EAUTH;
}

int
collect_idle_seconds(enum respondent_group g)
{
	return g == GROUP_PATIENT ? collect_cfg->idle_patient_seconds :
	                            collect_cfg->idle_staff_seconds;
}

int
collect_idle_warn(enum respondent_group g)
{
	int idle = collect_idle_seconds(g);
	return idle >= 180 ? 60 : idle / 3;
}

int
collect_idle_left(long long until)
{
	long long left = until - (long long)time(NULL);
	return left < 1 ? 1 : left > 14400 ? 14400 :
	                                     (int)left;
}

struct page
collect_session_page(const struct csession *s, const char *title)
{
	struct page p = { .title = title,
		.body_class = s->grp == GROUP_PATIENT ? "patient" : "staff",
		.idle_left = collect_idle_left(s->expires_epoch),
		.idle_warn = collect_idle_warn(s->grp),
		.test_mode = s->test,
		.lang = s->ui };
	return p;
}

/* Read the session, with answers only when they changed since stamp (NULL:
 * always). UF_EAUTH (after session_gone) when it has ended. */
static uf_err
read_row(struct web_ctx *c, const char *token_hash, const char *stamp,
    struct db_session_row *row)
{
	uf_err e = db_collect_session_get(c->db, c->arena, token_hash, stamp, row);
	return e == UF_EAUTH ? session_gone(c, token_hash) : e;
}

/* s from the cached copy cs; unverified: no database read confirmed it. */
static void
from_copy(struct csession *s, const struct cache_session *cs, bool unverified)
{
	s->grp = cs->grp;
	s->months = cs->months;
	s->instrument_id = cs->instrument_id;
	s->version = cs->version;
	s->consent = cs->consent;
	s->status = cs->status;
	s->csrf = cs->csrf;
	s->code_id = cs->code_id;
	s->expires_epoch = cs->expires_epoch;
	s->draft_rev = cs->draft_rev;
	s->stamp = cs->stamp;
	s->test = cs->test;
	s->ui = cs->ui ? cs->ui : lang_ref();
	s->lang = lang_tag(s->ui);
	s->easy = cs->easy;
	s->unverified = unverified;
	s->form = cs->form;
	s->answers = (struct form_answer *)cs->answers;
}

/* A page save (RF_SESSION_CACHED) may start from this process's copy of a
 * session with consent and a draft, without reading the database: its
 * write names the draft's revision and reads the session itself, and
 * h_page_post reads again whenever the write is refused or there is
 * nothing to write (HACKING.md, "Draft saves and the session cache").
 * true when s was filled from the cache. */
static bool
session_from_cache(struct web_ctx *c, struct csession *s)
{
	struct cache_session cs;

	if (!(c->route->flags & RF_SESSION_CACHED) ||
	    !session_cache_peek(s->token_hash, c->arena, &cs) ||
	    !cs.consent || strcmp(cs.consent, "given") != 0 ||
	    !cs.status || strcmp(cs.status, "draft") != 0 || !cs.csrf)
		return false;
	from_copy(s, &cs, true);
	return true;
}

/* Whether the database's keep-alive (0023: the session last seen more
 * than least(30 s, idle / 6) ago) is surely due for a copy: a page view
 * then reads the session, so that viewing pages keeps it alive as before.
 * The session was last seen its idle time before it expires; the copy's
 * expiry is cut to the second, so it may be up to a second later. */
static bool
keepalive_due(const struct cache_session *cs, time_t now)
{
	double idle = collect_idle_seconds(cs->grp);
	double step = idle / 6 < 30 ? idle / 6 : 30;
	return (double)(cs->expires_epoch + 1) - idle < (double)now - step;
}

/* A page view (GET) from this process's copy without any database
 * statement: only a copy stored for the view cookie the browser sent --
 * by this process's write that set the cookie, or by a read made for a
 * request that carried it (after that write) -- and younger than
 * session_cache_seconds, whose session has not expired by its own clock
 * and needs no keep-alive yet. Every request that may change the session
 * sets a new cookie, so no change of the browser's own is missed,
 * whichever instance made it; a change from elsewhere (staff, erasure)
 * shows within the copy's lifetime. true when s was filled. */
static bool
session_from_view(struct web_ctx *c, struct csession *s)
{
	struct cache_session cs;

	if (!s->view || !session_cache_view(s->token_hash, s->view, c->arena, &cs) ||
	    keepalive_due(&cs, time(NULL)))
		return false;
	from_copy(s, &cs, false);
	return true;
}

/* Every request but a page view from its cookie's copy (session_from_view)
 * or a page save (session_from_cache) reads its session from the
 * database, so that any instance sees what another one changed; the
 * draft answers come from this process's cache when the database confirms
 * the copy's stamp (and use_cache: collect_session_reload reads them
 * whatever the cache holds). A request that may change the session (any
 * but a GET) answers with a new view cookie (view: the one this request
 * already set, for a reload). */
static uf_err
session_load(struct web_ctx *c, bool use_cache, const char *view)
{
	uf_err e = UF_OK;
	const char *tok = req_cookie(c->req, COLLECT_COOKIE_SESSION);
	bool page_view = strcmp(c->req->method, "GET") == 0;
	struct csession *s = NULL;
	struct db_session_row row;
	struct cache_session cs;
	uint64_t gen;

	if (!token_shape_ok(tok))
		return UF_EAUTH;
	s = arena_alloc(c->arena, sizeof(*s));
	if (!s)
		return UF_ENOMEM;
	s->since = session_cache_now();
	collect_hash_bytea(tok, s->token_hash);
	if (page_view) {
		const char *v = req_cookie(c->req, COLLECT_COOKIE_VIEW);
		s->view = token_shape_ok(v) ? v : NULL;
		if (use_cache && session_from_view(c, s)) {
			c->session = s;
			return UF_OK;
		}
	} else if (view) {
		s->view = view;
	} else if ((e = collect_view_renew(c, &s->view)) != UF_OK) {
		return e;
	}
	if (use_cache && session_from_cache(c, s)) {
		c->session = s;
		return UF_OK;
	}
	gen = session_cache_generation();
	e = read_row(c, s->token_hash,
	    use_cache ? session_cache_stamp(s->token_hash, c->arena) : NULL, &row);
	if (e != UF_OK)
		return e;
	if (!row.answers_json) {
		/* Unchanged since the copy; it may have gone meanwhile (another
		 * thread replaced it): then read the answers after all. */
		if (session_cache_get(s->token_hash, row.stamp, c->arena, &cs) &&
		    strcmp(cs.instrument_id, row.instrument_id) == 0 && cs.version == row.version) {
			s->form = cs.form;
			s->answers = (struct form_answer *)cs.answers;
		} else {
			gen = session_cache_generation();
			if ((e = read_row(c, s->token_hash, NULL, &row)) != UF_OK)
				return e;
		}
	}
	if (!group_parse(row.grp, &s->grp))
		return UF_EINTERNAL;
	s->months = row.months;
	s->instrument_id = row.instrument_id;
	s->version = row.version;
	s->consent = row.consent;
	s->status = row.status;
	s->csrf = row.csrf;
	s->code_id = row.code_id;
	s->expires_epoch = row.expires_epoch;
	s->draft_rev = row.draft_rev;
	s->stamp = row.stamp;
	s->test = row.test;
	/* A language no longer offered (its file removed) shows as sv. */
	s->ui = lang_get(row.lang);
	if (!s->ui)
		s->ui = lang_ref();
	s->lang = lang_tag(s->ui);
	s->easy = row.easy;
	if (row.answers_json) {
		e = instr_get(c->db, c->arena, row.instrument_id, row.version, &s->form);
		if (e != UF_OK)
			return e;
		s->answers = answers_new(c->arena, s->form);
		if (!s->answers)
			return UF_ENOMEM;
		e = answers_from_db(c->arena, s->form, row.answers_json, s->answers);
		if (e != UF_OK) {
			log_error("req=%s msg=\"draft answers do not match instrument\"",
			    c->req->request_id);
			return e;
		}
	}
	/* A page view's read was made after the browser's last write (it sent
	 * that write's cookie): the copy serves the next views with the same
	 * cookie. Another request's copy serves by its stamp only: it may
	 * change the session after this read. Not without a stamp. */
	if (row.answers_json || (page_view && s->view)) {
		cs = cache_copy(s);
		session_cache_put(s->token_hash, gen, s->since, page_view ? s->view : NULL, &cs);
	}
	c->session = s;
	return UF_OK;
}

/* The browser's language cookie follows the session it has, whichever
 * instance or tab changed the language; not from an unread copy (a page
 * save's), which may be older than the cookie. */
static uf_err
lang_cookie_follows(struct web_ctx *c, uf_err e)
{
	const struct csession *s = c->session;
	if (e != UF_OK || !s || s->unverified)
		return e;
	return collect_lang_cookie(c, s->ui, false);
}

uf_err
collect_session_load(struct web_ctx *c)
{
	return lang_cookie_follows(c, session_load(c, true, NULL));
}

uf_err
collect_session_reload(struct web_ctx *c)
{
	const struct csession *old = c->session;
	const char *view = old ? old->view : NULL;

	c->session = NULL;
	return lang_cookie_follows(c, session_load(c, false, view));
}

uf_err
collect_csrf_check(struct web_ctx *c)
{
	const struct csession *s = c->session;
	const char *sent = req_field(c->req, "csrf");

	if (!s || !sent || req_field_count(c->req, "csrf") != 1 ||
	    !token_equal(sent, s->csrf)) {
		log_warn("req=%s route=%s msg=\"CSRF token missing or wrong\"",
		    c->req->request_id, c->route->name);
		return web_fail(c, UF_EPERM, "csrf", ui_str(s ? s->ui : lang_ref(), "survey.expired"));
	}
	return UF_OK;
}
