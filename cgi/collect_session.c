/* SPDX-License-Identifier: ISC
 * The respondent's session for the pipeline: find it by the keyed hash of
 * the cookie's token, load its instrument and draft answers, and check the
 * CSRF token of posted forms (in constant time).
 */
#include "config.h"

#include <string.h>

#include "arena.h"
#include "collect.h"
#include "collect_form.h"
#include "collect_handlers.h"
#include "db_collect.h"
#include "log.h"
#include "req.h"
#include "web.h"

void collect_hash_bytea(const char *s, char out[2 + 2 * CODE_HASH_LEN + 1])
{
	unsigned char h[CODE_HASH_LEN];
	code_hash(collect_cfg->key, s, h);
	code_hash_bytea(h, out);
}

bool collect_cookie_secure(const struct req *r)
{
	return collect_cfg->cookie_secure > 0 || (collect_cfg->cookie_secure < 0 && r->https);
}

static bool token_shape_ok(const char *t)
{
	return t && strlen(t) == TOKEN_HEX_LEN &&
	    strspn(t, "0123456789abcdef") == TOKEN_HEX_LEN;
}

uf_err collect_session_load(struct web_ctx *c)
{
	uf_err e = UF_OK;
	const char *tok = req_cookie(c->req, COLLECT_COOKIE_SESSION);
	struct csession *s = NULL;
	struct db_session_row row;

	if (!token_shape_ok(tok))
		return UF_EAUTH;
	s = arena_alloc(c->arena, sizeof(*s));
	if (!s)
		return UF_ENOMEM;
	collect_hash_bytea(tok, s->token_hash);
	e = db_collect_session_get(c->db, c->arena, s->token_hash,
	    collect_cfg->idle_minutes, &row);
	if (e != UF_OK)
		return e;
	if (!form_group_parse(row.grp, &s->grp))
		return UF_EINTERNAL;
	s->months = row.months;
	s->instrument_id = row.instrument_id;
	s->version = row.version;
	s->consent = row.consent;
	s->status = row.status;
	s->csrf = row.csrf;
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
	c->session = s;
	return UF_OK;
}

uf_err collect_csrf_check(struct web_ctx *c)
{
	const struct csession *s = c->session;
	const char *sent = req_field(c->req, "csrf");

	if (!s || !sent || req_field_count(c->req, "csrf") != 1 ||
	    !token_equal(sent, s->csrf)) {
		log_warn("req=%s route=%s msg=\"CSRF token missing or wrong\"",
		    c->req->request_id, c->route->name);
		return web_fail(c, UF_EPERM, "csrf",
		    "Sidan har gått ut. Gå tillbaka till startsidan och försök igen.");
	}
	return UF_OK;
}
