/* SPDX-License-Identifier: ISC
 * Users of these pages (admins only): the list with roles, units and
 * lockout state, adding a user with its units (manage/users checks it,
 * hashes the password with argon2id and stores user, units and audit row
 * in one transaction), unlocking a locked user, deactivating and
 * reactivating one, resetting a password (the new one shown once, on the
 * answer to the POST only), and lifting the login refusal of client
 * addresses with too many failures.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "aw.h"
#include "db_manage.h"
#include "http.h"
#include "log.h"
#include "num.h"
#include "req.h"
#include "useradmin.h"

#define MAX_UNITS USER_UNITS_MAX

struct user_form {
	const char *name, *role;
	long long units[MAX_UNITS];
	size_t nunits;
};

static bool
has_unit(const struct user_form *f, const char *id)
{
	char b[24];
	size_t i;

	for (i = 0; f != NULL && i < f->nunits; i++)
		if (strcmp(aw_num(b, f->units[i]), id) == 0)
			return true;
	return false;
}

/* One action button for user u: a form of its own, CSRF-protected. */
static void
action_form(struct hw *w, const struct web_ctx *c, const struct m_user *u,
    const char *action, const char *label)
{
	char b[24];

	hw_raw(w, "<form class=\"inline\" method=\"post\" "
	          "action=\"/admin/anvandare/atgard\">\n");
	aw_csrf_field(w, c);
	hw_raw(w, "<input type=\"hidden\" name=\"anvandare\" value=\"");
	hw_text(w, aw_num(b, u->user_id));
	hw_raw(w, "\"><input type=\"hidden\" name=\"atgard\" value=\"");
	hw_text(w, action);
	hw_raw(w, "\"><button type=\"submit\" class=\"secondary\" aria-label=\"");
	hw_text(w, label);
	hw_raw(w, ": ");
	hw_text(w, u->username);
	hw_raw(w, "\">");
	hw_text(w, label);
	hw_raw(w, "</button></form>\n");
}

static void
user_row(struct hw *w, const struct web_ctx *c, const struct m_user *u)
{
	char b[24];

	hw_raw(w, "<tr data-user=\"");
	hw_text(w, u->username);
	hw_raw(w, "\"><td>");
	hw_text(w, u->username);
	hw_raw(w, "</td><td>");
	hw_text(w, aw_role_label(u->role));
	hw_raw(w, "</td><td>");
	hw_text(w, u->units);
	hw_raw(w, "</td><td>");
	hw_text(w, u->created);
	hw_raw(w, "</td><td>");
	if (u->disabled) {
		hw_raw(w, "Avstängd");
	} else if (u->locked) {
		hw_raw(w, "Spärrad efter ");
		hw_text(w, aw_num(b, u->failed_logins));
		hw_raw(w, " misslyckade inloggningar <form class=\"inline\" method=\"post\" "
		          "action=\"/admin/anvandare/lasupp\">\n");
		aw_csrf_field(w, c);
		hw_raw(w, "<input type=\"hidden\" name=\"anvandare\" value=\"");
		hw_text(w, aw_num(b, u->user_id));
		hw_raw(w, "\"><button type=\"submit\" class=\"secondary\">Lås upp</button>"
		          "</form>");
	} else {
		hw_raw(w, "Aktiv");
	}
	hw_raw(w, "</td><td class=\"actions\">");
	if (u->disabled) {
		action_form(w, c, u, "aktivera", "Återaktivera");
	} else {
		if (u->user_id != aw_sess(c)->s.user_id)
			action_form(w, c, u, "inaktivera", "Inaktivera");
		action_form(w, c, u, "losenord", "Nytt lösenord");
	}
	hw_raw(w, "</td></tr>\n");
}

/* new_pw: a reset password to show once (NULL: none). */
static uf_err
users_page(struct web_ctx *c, long long study, const struct user_form *f,
    const char *error, const char *new_pw, const char *new_pw_user)
{
	struct m_users r = { 0 };
	struct m_units units = { 0 };
	const char *notice = req_arg(c->req, "klart");
	long long refused = 0;
	char b[24];
	struct hw w;
	int i;
	uf_err e;

	if ((e = db_m_users(c->db, &r)) != UF_OK ||
	    (e = db_m_unit_list(c->db, study, &units)) != UF_OK ||
	    (e = user_addr_refused(c->db, &refused)) != UF_OK)
		goto out;
	hw_init(&w, &c->reply->body);
	aw_begin(&w, c, "Användare", R_USERS);
	if (error != NULL)
		aw_box(&w, "error", error);
	else if (notice != NULL && strcmp(notice, "ny") == 0)
		aw_box(&w, "notice", "Användaren är skapad.");
	else if (notice != NULL && strcmp(notice, "upplast") == 0)
		aw_box(&w, "notice", "Användaren är upplåst.");
	else if (notice != NULL && strcmp(notice, "adresser") == 0)
		aw_box(&w, "notice", "Spärren är lyft.");
	else if (notice != NULL && strcmp(notice, "inaktiverad") == 0)
		aw_box(&w, "notice", "Användaren är inaktiverad och utloggad.");
	else if (notice != NULL && strcmp(notice, "aktiverad") == 0)
		aw_box(&w, "notice", "Användaren är aktiv igen.");
	if (new_pw != NULL) {
		hw_raw(&w, "<div class=\"notice\" role=\"status\"><p>Nytt lösenord för ");
		hw_text(&w, new_pw_user);
		hw_raw(&w, ": <code id=\"nytt-losenord\">");
		hw_text(&w, new_pw);
		hw_raw(&w, "</code></p><p>Det visas bara nu. Lämna det till personen "
		           "på ett säkert sätt. Alla personens inloggningar är avslutade.</p>"
		           "</div>\n");
	}
	if (refused > 0) {
		hw_raw(&w, "<div class=\"notice\" role=\"status\" data-refused=\"");
		hw_text(&w, aw_num(b, refused));
		hw_raw(&w, "\"><p>");
		hw_text(&w, aw_num(b, refused));
		hw_raw(&w, refused == 1 ? " datoradress" : " datoradresser");
		hw_raw(&w, " får inte logga in just nu efter för många misslyckade "
		           "försök. Spärren släpper av sig själv efter 15 minuter.</p>\n"
		           "<form class=\"inline\" method=\"post\" action=\"/admin/anvandare/"
		           "adresser\">\n");
		aw_csrf_field(&w, c);
		hw_raw(&w, "<button type=\"submit\" class=\"secondary\">Lyft spärren "
		           "nu</button></form></div>\n");
	}
	hw_raw(&w, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Tabell, kan rullas i sidled\"><table class=\"data users\">\n"
	           "<caption>Användare</caption>\n<thead><tr><th scope=\"col\">Användarnamn</th>"
	           "<th scope=\"col\">Roll</th><th scope=\"col\">Enheter</th>"
	           "<th scope=\"col\">Skapad</th><th scope=\"col\">Läge</th>"
	           "<th scope=\"col\">Åtgärder</th></tr></thead>\n"
	           "<tbody>\n");
	for (i = 0; i < r.n; i++)
		user_row(&w, c, &r.row[i]);
	hw_raw(&w, "</tbody></table></div>\n<h2>Ny användare</h2>\n"
	           "<form class=\"stack\" method=\"post\" action=\"/admin/anvandare\">\n");
	aw_csrf_field(&w, c);
	hw_raw(&w, "<div><label for=\"anvandarnamn\">Användarnamn</label>\n"
	           "<input type=\"text\" id=\"anvandarnamn\" name=\"anvandarnamn\" "
	           "maxlength=\"40\" autocomplete=\"off\" required value=\"");
	hw_text(&w, f != NULL && f->name != NULL ? f->name : "");
	hw_raw(&w, "\"><p class=\"hint\">2–40 tecken: små bokstäver a–z, siffror och "
	           ". _ -, och det första är en bokstav.</p></div>\n"
	           "<div><label for=\"losenord\">Lösenord</label>\n<input type=\"password\" "
	           "id=\"losenord\" name=\"losenord\" autocomplete=\"new-password\" "
	           "minlength=\"10\" maxlength=\"256\" required>\n<p class=\"hint\">Minst 10 "
	           "tecken. Lämna det till personen på ett säkert sätt.</p></div>\n"
	           "<div><label for=\"losenord2\">Lösenordet igen</label>\n<input "
	           "type=\"password\" id=\"losenord2\" name=\"losenord2\" "
	           "autocomplete=\"new-password\" maxlength=\"256\" required></div>\n"
	           "<div><label for=\"roll\">Roll</label>\n<select id=\"roll\" name=\"roll\">\n");
	for (i = 0; i < ROLE__MAX; i++) {
		const char *n = user_role_name((enum user_role)i);
		aw_option(&w, n, f != NULL && f->role != NULL && strcmp(f->role, n) == 0,
		    aw_role_label((enum user_role)i), NULL);
	}
	hw_raw(&w, "</select>\n<p class=\"hint\">Administratör: allt. Utvärderare: "
	           "svarsfrekvens, export, registerutdrag och radering. Kontaktperson: "
	           "kodblad och svarsfrekvens för sina egna enheter, aldrig svar.</p></div>\n"
	           "<fieldset><legend>Enheter (bara för kontaktpersoner)</legend>\n");
	for (i = 0; i < units.n; i++) {
		hw_raw(&w, "<label class=\"check\"><input type=\"checkbox\" name=\"enhet\" "
		           "value=\"");
		hw_text(&w, aw_num(b, units.row[i].unit_id));
		hw_raw(&w, has_unit(f, b) ? "\" checked> " : "\"> ");
		hw_text(&w, units.row[i].name);
		hw_raw(&w, "</label>\n");
	}
	hw_raw(&w, "</fieldset>\n<div><button type=\"submit\" class=\"primary\">Skapa "
	           "användaren</button></div>\n</form>\n");
	aw_end(&w);
	e = aw_page_done(c, &w);
out:
	m_users_free(&r);
	m_units_free(&units);
	return e;
}

uf_err
h_users(struct web_ctx *c)
{
	long long study;
	uf_err e;

	if ((e = aw_study(c, &study)) != UF_OK)
		return e;
	return users_page(c, study, NULL, NULL, NULL, NULL);
}

static uf_err
users_again(struct web_ctx *c, long long study, const struct user_form *f,
    uf_err e, const char *msg)
{
	reply_reset(c->reply);
	return aw_again(c, e, users_page(c, study, f, msg, NULL, NULL));
}

/* Every "enhet" field: a unit of the study (the page lists no other).
 * Whether each exists, and at most once, is user_create's to check. */
static bool
read_units(struct web_ctx *c, long long study, struct user_form *f)
{
	struct m_units units = { 0 };
	const struct req *r = c->req;
	long v;
	size_t i;
	bool ok = true;

	f->nunits = 0;
	if (db_m_unit_list(c->db, study, &units) != UF_OK)
		return false;
	for (i = 0; i < r->nform && ok; i++) {
		if (strcmp(r->form[i].key, "enhet") != 0)
			continue;
		if (f->nunits == MAX_UNITS ||
		    !num_long_canonical(r->form[i].val, 1, 0x7fffffffL, &v)) {
			ok = false;
			break;
		}
		ok = m_units_find(&units, v) != NULL;
		f->units[f->nunits++] = v;
	}
	m_units_free(&units);
	return ok;
}

uf_err
h_user_add(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "anvandarnamn", "losenord",
		"losenord2", "roll", "*enhet", NULL };
	struct manage_error err;
	struct user_form f;
	const char *pw, *pw2;
	enum user_role role;
	long long study;
	bool bad = false;
	uf_err e;

	memset(&f, 0, sizeof(f));
	if ((e = aw_fields_only(c, fields)) != UF_OK ||
	    (e = aw_study(c, &study)) != UF_OK)
		return e;
	f.name = aw_field(c, "anvandarnamn", USER_NAME_MAX, &bad);
	f.role = aw_field(c, "roll", 20, &bad);
	/* Passwords exactly as typed: no trimming. */
	pw = req_field(c->req, "losenord");
	pw2 = req_field(c->req, "losenord2");
	if (bad)
		return users_again(c, study, &f, UF_EINVAL, "Användarnamnet ska vara "
		                                            "2–40 tecken: små bokstäver a–z, siffror och . _ -, och börja med "
		                                            "en bokstav.");
	if (pw != NULL && (pw2 == NULL || strcmp(pw, pw2) != 0))
		return users_again(c, study, &f, UF_EINVAL, "De två lösenorden är inte "
		                                            "likadana.");
	if (!user_role_parse(f.role, &role))
		return users_again(c, study, &f, UF_EINVAL, "Välj en roll i listan.");
	if (!read_units(c, study, &f))
		return users_again(c, study, &f, UF_EINVAL, "Välj enheter i listan.");
	e = user_create(c->db, aw_sess(c)->actor, f.name, pw != NULL ? pw : "",
	    pw != NULL ? strlen(pw) : 0, role, f.units, f.nunits, NULL, &err);
	if (e == UF_EINVAL || e == UF_ECONFLICT)
		return users_again(c, study, &f, e, manage_error_text(&err, e));
	if (e != UF_OK)
		return e;
	reply_redirect(c->reply, "/admin/anvandare?klart=ny");
	return UF_OK;
}

uf_err
h_user_unlock(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "anvandare", NULL };
	struct manage_error err;
	const char *id;
	long long study;
	long uid;
	bool bad = false;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK ||
	    (e = aw_study(c, &study)) != UF_OK)
		return e;
	id = aw_field(c, "anvandare", 12, &bad);
	if (bad || !num_long_canonical(id, 1, 0x7fffffffL, &uid))
		return users_again(c, study, NULL, UF_EINVAL, "Välj en användare i listan.");
	e = user_unlock(c->db, uid, aw_sess(c)->actor, &err);
	if (e == UF_ENOTFOUND)
		return users_again(c, study, NULL, e, manage_error_text(&err, e));
	if (e != UF_OK)
		return e;
	reply_redirect(c->reply, "/admin/anvandare?klart=upplast");
	return UF_OK;
}

uf_err
h_addr_unblock(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", NULL };
	long long n = 0;
	uf_err e;

	if ((e = aw_fields_only(c, fields)) != UF_OK ||
	    (e = user_addr_unblock(c->db, aw_sess(c)->actor, &n)) != UF_OK)
		return e;
	log_info("req=%s msg=\"login refusals lifted\" addresses=%lld",
	    c->req->request_id, n);
	reply_redirect(c->reply, "/admin/anvandare?klart=adresser");
	return UF_OK;
}

/* Deactivate, reactivate or reset the password of a user. */
uf_err
h_user_action(struct web_ctx *c)
{
	static const char *const fields[] = { "csrf", "anvandare", "atgard", NULL };
	char pw[USER_NEW_PASSWORD_LEN + 1];
	struct manage_error err;
	struct m_users r = { 0 };
	const char *id, *what, *name = "";
	long long study;
	long uid;
	int i;
	bool bad = false;
	uf_err e;

	memset(pw, 0, sizeof(pw));
	if ((e = aw_fields_only(c, fields)) != UF_OK ||
	    (e = aw_study(c, &study)) != UF_OK)
		return e;
	id = aw_field(c, "anvandare", 12, &bad);
	what = aw_field(c, "atgard", 20, &bad);
	if (bad || !num_long_canonical(id, 1, 0x7fffffffL, &uid))
		return users_again(c, study, NULL, UF_EINVAL, "Välj en användare i listan.");
	if (what == NULL || (strcmp(what, "inaktivera") != 0 && strcmp(what, "aktivera") != 0 && strcmp(what, "losenord") != 0))
		return users_again(c, study, NULL, UF_EINVAL, "Välj en åtgärd med "
		                                              "knapparna i listan.");
	if (strcmp(what, "losenord") != 0) {
		e = user_set_active(c->db, uid, strcmp(what, "aktivera") == 0,
		    aw_sess(c)->s.user_id, aw_sess(c)->actor, &err);
		if (e == UF_ENOTFOUND || e == UF_EINVAL)
			return users_again(c, study, NULL, e, manage_error_text(&err, e));
		if (e != UF_OK)
			return e;
		reply_redirect(c->reply, strcmp(what, "aktivera") == 0 ? "/admin/anvandare?klart=aktiverad" : "/admin/anvandare?klart=inaktiverad");
		return UF_OK;
	}
	e = user_reset_password(c->db, uid, aw_sess(c)->actor, pw, &err);
	if (e == UF_ENOTFOUND)
		return users_again(c, study, NULL, e, manage_error_text(&err, e));
	if (e != UF_OK)
		return e;
	if ((e = db_m_users(c->db, &r)) == UF_OK)
		for (i = 0; i < r.n; i++)
			if (r.row[i].user_id == uid)
				name = r.row[i].username;
	if (e == UF_OK)
		e = users_page(c, study, NULL, NULL, pw, name);
	m_users_free(&r);
	sodium_memzero(pw, sizeof(pw));
	return e;
}
