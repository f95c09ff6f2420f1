/* SPDX-License-Identifier: ISC
 * Login, logout. The password check, lockout and sessions are
 * manage/users'; here: the form (with its own double-submit CSRF token,
 * since there is no session yet), one answer for every failure so nobody
 * learns which names exist or which are locked, and the cookies.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "aw.h"
#include "code.h"
#include "db_manage.h"
#include "http.h"
#include "log.h"
#include "req.h"

#define LOGIN_FAILED "Inloggningen misslyckades. Kontrollera användarnamn och " \
	             "lösenord. Efter flera misslyckade försök spärras kontot en stund."

static uf_err
login_page(struct web_ctx *c, const char *token, const char *name,
    const char *error, const char *notice)
{
	struct hw w;

	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Logga in", R__MAX);
	if (error != NULL)
		aw_box(&w, "error", error);
	if (notice != NULL)
		aw_box(&w, "notice", notice);
	hw_raw(&w, "<form class=\"stack\" method=\"post\" action=\"/admin/login\">\n");
	html_csrf(&w, token);
	hw_raw(&w, "<div><label for=\"anvandarnamn\">Användarnamn</label>\n"
	           "<input type=\"text\" id=\"anvandarnamn\" name=\"anvandarnamn\" "
	           "autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\" "
	           "maxlength=\"40\" required value=\"");
	hw_text(&w, name != NULL ? name : "");
	hw_raw(&w, "\"></div>\n<div><label for=\"losenord\">Lösenord</label>\n"
	           "<input type=\"password\" id=\"losenord\" name=\"losenord\" "
	           "autocomplete=\"current-password\" maxlength=\"256\" required></div>\n"
	           "<div><button type=\"submit\" class=\"primary\">Logga in</button></div>\n"
	           "</form>\n"
	           "<p class=\"small\">Sidorna är till för dem som administrerar "
	           "utvärderingen. Deltagare svarar på enkäten på startsidan.</p>\n");
	aw_end(&w);
	return aw_page_done(c, &w);
}

/* The client's address as a keyed hash (the address is personal data). */
static void
client_addr_hash(struct web_ctx *c, char out[2 + 2 * CODE_HASH_LEN + 1])
{
	unsigned char h[CODE_HASH_LEN];
	char key[96];
	const char *addr = c->req->remote_addr;
	int n = snprintf(key, sizeof(key), "login-addr:%s", addr != NULL ? addr : "");

	if (n < 0 || (size_t)n >= sizeof(key))
		key[0] = '\0'; /* not an address nginx sends: all such share one */
	code_hash(aw_cfg->key, key, h);
	code_hash_bytea(h, out);
}

uf_err
h_login_form(struct web_ctx *c)
{
	char token[TOKEN_HEX_LEN + 1];
	const char *notice = NULL;
	uf_err e;

	if ((e = token_generate(token)) != UF_OK ||
	    (e = aw_cookie(c, AW_COOKIE_LOGIN, token, AW_LOGIN_TTL)) != UF_OK)
		return e;
	if (req_arg(c->req, "slut") != NULL)
		notice = "Du är inte inloggad, eller så har sessionen gått ut. "
		         "Logga in igen.";
	else if (req_arg(c->req, "ut") != NULL)
		notice = "Du är utloggad.";
	return login_page(c, token, NULL, NULL, notice);
}

uf_err
h_login(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "anvandarnamn", "losenord", NULL };
	const char *name = req_field(c->req, "anvandarnamn");
	const char *pw = req_field(c->req, "losenord");
	const char *token = req_field(c->req, "csrf"); /* checked by aw_csrf_check */
	char addr_hash[2 + 2 * CODE_HASH_LEN + 1];
	struct session s;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK)
		return e;
	if (name == NULL || pw == NULL || name[0] == '\0' || pw[0] == '\0') {
		c->reply->status = 400;
		(void)login_page(c, token, NULL, "Fyll i både användarnamn och lösenord.",
		    NULL);
		c->rendered = true;
		return UF_EINVAL;
	}
	if (strlen(name) > USER_NAME_MAX)
		name = ""; /* cannot exist; still costs one hash */
	client_addr_hash(c, addr_hash);
	e = user_login(c->db, name, pw, strlen(pw), addr_hash, &aw_cfg->session, &s);
	if (e == UF_EAUTH || e == UF_ERATE) {
		/* One answer for an unknown name, a wrong password, a disabled
		 * or a locked user. */
		log_info("req=%s msg=\"login refused\" locked=%d", c->req->request_id,
		    e == UF_ERATE);
		reply_reset(c->reply);
		return aw_again(c, UF_EAUTH, login_page(c, token, user_name_ok(name) ? name : NULL, LOGIN_FAILED, NULL));
	}
	if (e != UF_OK)
		return e;
	if (db_m_session_purge(c->db) != UF_OK)
		log_warn("req=%s msg=\"expired sessions not purged\"", c->req->request_id);
	e = aw_cookie(c, AW_COOKIE_SESSION, s.token,
	    (long)aw_cfg->session.max_hours * 3600);
	if (e == UF_OK)
		e = aw_cookie(c, AW_COOKIE_CSRF, s.csrf,
		    (long)aw_cfg->session.max_hours * 3600);
	if (e == UF_OK)
		e = aw_cookie(c, AW_COOKIE_LOGIN, "", 0);
	sodium_memzero(&s, sizeof(s));
	if (e != UF_OK)
		return e;
	reply_redirect(c->reply, "/admin/");
	return UF_OK;
}

uf_err
h_logout(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", NULL };
	const struct aw_session *s = aw_sess(c);
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK)
		return e;
	if ((e = session_end(c->db, s->s.token)) != UF_OK)
		return e;
	if ((e = aw_cookie(c, AW_COOKIE_SESSION, "", 0)) != UF_OK ||
	    (e = aw_cookie(c, AW_COOKIE_CSRF, "", 0)) != UF_OK)
		return e;
	reply_redirect(c->reply, "/admin/login?ut=1");
	return UF_OK;
}
