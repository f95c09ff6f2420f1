/* SPDX-License-Identifier: ISC
 * Who is asking: the session cookie checked by manage/users (sliding idle
 * expiry, absolute cap), the role check of each route, the CSRF check of
 * every form (the login form's by a double-submit token, the others against
 * the session's stored hash), cookies under /admin/, and the per-thread
 * connection as uppfolj_contact for unit contacts' rates.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "aw.h"
#include "db_manage.h"
#include "http.h"
#include "log.h"
#include "req.h"

static bool
hex64(const char *t)
{
	return t != NULL && strlen(t) == TOKEN_HEX_LEN &&
	    strspn(t, "0123456789abcdef") == TOKEN_HEX_LEN;
}

const struct aw_session *
aw_sess(const struct web_ctx *c)
{
	return c->session;
}

bool
aw_may(const struct web_ctx *c, enum aw_route r)
{
	const struct aw_session *s = c->session;

	if ((unsigned)r >= R__MAX || s == NULL || (unsigned)s->s.role >= ROLE__MAX)
		return false;
	return (aw_route_roles[r] & (1u << s->s.role)) != 0;
}

uf_err
aw_session_load(struct web_ctx *c)
{
	const char *tok = req_cookie(c->req, AW_COOKIE_SESSION);
	const char *csrf = req_cookie(c->req, AW_COOKIE_CSRF);
	struct aw_session *s;
	enum aw_route r = (enum aw_route)(c->route - aw_routes);
	int n;
	uf_err e;

	if (!hex64(tok))
		return UF_EAUTH;
	s = arena_alloc(c->arena, sizeof(*s));
	if (s == NULL)
		return UF_ENOMEM;
	e = session_check(c->db, tok, &aw_cfg->session, &s->s, s->csrf_hash);
	if (e != UF_OK)
		return e; /* UF_EAUTH: the framework sends the login page */
	/* The form token is known to the browser only; render it into forms
	 * only when it matches this session's stored hash. */
	s->s.csrf[0] = '\0';
	if (hex64(csrf) && session_csrf_ok(s->csrf_hash, csrf))
		memcpy(s->s.csrf, csrf, TOKEN_HEX_LEN + 1);
	n = snprintf(s->actor, sizeof(s->actor), "web:%s", s->s.username);
	if (n < 0 || (size_t)n >= sizeof(s->actor))
		return UF_EINTERNAL;
	c->session = s;
	if ((unsigned)r >= R__MAX || !aw_may(c, r)) {
		log_info("req=%s route=%s msg=\"role not allowed\" role=%s",
		    c->req->request_id, c->route->name, user_role_name(s->s.role));
		return aw_error_page(c, UF_EPERM, "Ingen behörighet",
		    "Din roll har inte behörighet till den här sidan.");
	}
	return UF_OK;
}

uf_err
aw_csrf_check(struct web_ctx *c)
{
	const struct aw_session *s = c->session;
	const char *sent = req_field(c->req, "csrf");
	const char *cookie;
	bool ok;

	if (req_field_count(c->req, "csrf") != 1 || !hex64(sent)) {
		ok = false;
	} else if (s == NULL) {
		/* The login form: its token must equal the login cookie's. */
		cookie = req_cookie(c->req, AW_COOKIE_LOGIN);
		ok = hex64(cookie) && token_equal(sent, cookie);
	} else {
		ok = session_csrf_ok(s->csrf_hash, sent);
	}
	if (!ok) {
		log_warn("req=%s route=%s msg=\"CSRF token missing or wrong\"",
		    c->req->request_id, c->route->name);
		return aw_error_page(c, UF_EPERM, "Formuläret har gått ut",
		    s == NULL ? "Inloggningssidan har gått ut. Ladda om sidan och "
		                "försök igen." :
		                "Formuläret kunde inte tas emot (det har gått "
		                "ut eller kom inte från den här webbplatsen). Gå tillbaka, "
		                "ladda om sidan och försök igen.");
	}
	return UF_OK;
}

uf_err
aw_cookie(struct web_ctx *c, const char *name, const char *value, long max_age)
{
	return reply_cookie_path(c->reply, c->arena, name, value, AW_COOKIE_PATH,
	    max_age, web_conf_cookie_secure(&aw_cfg->web, c->req->https));
}

/* --- the contact role's connection, one per worker thread ---------------- */

static pthread_key_t contact_key;
static pthread_once_t contact_once = PTHREAD_ONCE_INIT;
static bool contact_key_ok;

static void
contact_close(void *p)
{
	db_close(p);
}

static void
contact_key_make(void)
{
	contact_key_ok = pthread_key_create(&contact_key, contact_close) == 0;
}

void
aw_contact_db_init(void)
{
	(void)pthread_once(&contact_once, contact_key_make);
}

uf_err
aw_contact_db(struct db **out)
{
	struct db *db;
	uf_err e;

	*out = NULL;
	aw_contact_db_init();
	if (!contact_key_ok)
		return UF_EINTERNAL;
	db = pthread_getspecific(contact_key);
	if (db != NULL) {
		if ((e = db_ensure(db)) != UF_OK)
			return e;
		*out = db;
		return UF_OK;
	}
	if ((e = db_contact_connect(aw_cfg->contact_db, &db)) != UF_OK) {
		log_error("msg=\"contact database connect failed\" err=%s",
		    uf_err_name(e));
		return UF_EDB;
	}
	if (pthread_setspecific(contact_key, db) != 0) {
		db_close(db);
		return UF_EINTERNAL;
	}
	*out = db;
	return UF_OK;
}
