/* SPDX-License-Identifier: ISC
 * Users, logins and admin sessions. Passwords are argon2id hashes
 * (crypto_pwhash_str); tokens are 32 random bytes shown to the browser once
 * and stored as SHA-256. Never logs or stores a password or token in clear.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "buf.h"
#include "db_manage.h"
#include "log.h"
#include "users.h"
#include "utf8.h"

/* Verified against when the user does not exist, so an unknown name costs
 * the same time as a wrong password (no user enumeration by timing). */
static const char dummy_hash[crypto_pwhash_STRBYTES] =
    "$argon2id$v=19$m=65536,t=2,p=1$0r2xnc9+v60uGo6v8k0QEQ$"
    "1z6B2xzHXt2OgUgC+coPQd+zEelzQUMY9ekLNuxqZks";

const struct session_limits session_limits_default = {
	SESSION_IDLE_MINUTES_DEFAULT, SESSION_MAX_HOURS_DEFAULT
};

bool
session_limits_ok(const struct session_limits *l)
{
	return l != NULL &&
	    l->idle_minutes >= SESSION_IDLE_MINUTES_MIN &&
	    l->idle_minutes <= SESSION_IDLE_MINUTES_MAX &&
	    l->max_hours >= SESSION_MAX_HOURS_MIN &&
	    l->max_hours <= SESSION_MAX_HOURS_MAX &&
	    l->idle_minutes <= l->max_hours * 60;
}

static const char *const role_names[ROLE__MAX] = {
	[ROLE_ADMIN] = "admin",
	[ROLE_EVALUATOR] = "evaluator",
	[ROLE_UNIT_CONTACT] = "unit_contact",
};

const char *
user_role_name(enum user_role r)
{
	return (unsigned)r < ROLE__MAX ? role_names[r] : "?";
}

bool
user_role_parse(const char *s, enum user_role *r)
{
	size_t i;

	for (i = 0; s != NULL && i < ROLE__MAX; i++)
		if (strcmp(s, role_names[i]) == 0) {
			*r = (enum user_role)i;
			return true;
		}
	return false;
}

bool
user_name_ok(const char *name)
{
	size_t i, n;

	if (name == NULL)
		return false;
	n = strnlen(name, USER_NAME_MAX + 1);
	if (n < 2 || n > USER_NAME_MAX || name[0] < 'a' || name[0] > 'z')
		return false;
	for (i = 1; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		        c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

bool
user_password_ok(const char *pw, size_t len)
{
	size_t i;

	if (pw == NULL || len < USER_PASSWORD_MIN || len > USER_PASSWORD_MAX)
		return false;
	/* No tabs or newlines either: a password file's last newline is
	 * stripped by the reader, anything else is a mistake. */
	for (i = 0; i < len; i++)
		if ((unsigned char)pw[i] < 0x20 || pw[i] == 0x7f)
			return false;
	return utf8_text_ok(pw, len);
}

void
session_token_hash(const char *token, char *out)
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	code_hash_bytea(h, out);
}

_Static_assert(USER_HASH_MAX == crypto_pwhash_STRBYTES,
    "USER_HASH_MAX holds what crypto_pwhash_str writes");

uf_err
user_audit(struct db *db, const char *actor, const char *action,
    long long user, const char *name)
{
	char obj[40];
	struct buf b;
	uf_err e;

	if (user != 0 &&
	    snprintf(obj, sizeof(obj), "user:%lld", user) >= (int)sizeof(obj))
		return UF_EINTERNAL;
	buf_init(&b, 256);
	if ((e = buf_adds(&b, "{\"user\":")) == UF_OK &&
	    (e = buf_add_json_str(&b, name)) == UF_OK &&
	    (e = buf_adds(&b, "}")) == UF_OK)
		e = db_m_audit(db, actor, action, user != 0 ? obj : NULL,
		    buf_str(&b));
	buf_free(&b);
	return e;
}

uf_err
user_password_hash(const char *password, size_t len, char hash[USER_HASH_MAX])
{
	if (crypto_pwhash_str(hash, password, len,
	        crypto_pwhash_OPSLIMIT_INTERACTIVE,
	        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return UF_ENOMEM; /* the only failure: the 64 MiB it needs */
	return UF_OK;
}

/* The first thing wrong with the new user's name, password, role or unit
 * list, in err; false when something is. */
static bool
user_check(const char *name, const char *password, size_t pwlen,
    enum user_role role, const long long *units, size_t nunits,
    struct manage_error *err)
{
	size_t i, j;

	if (!user_name_ok(name)) {
		manage_fail(err, "name", "Användarnamnet ska vara 2–%d tecken: små "
		                         "bokstäver a–z, siffror och . _ -, och börja med en bokstav.",
		    USER_NAME_MAX);
		return false;
	}
	if (!user_password_ok(password, pwlen)) {
		manage_fail(err, "password", "Lösenordet ska vara %d–%d tecken, utan "
		                             "radbrytningar eller andra styrtecken.",
		    USER_PASSWORD_MIN,
		    USER_PASSWORD_MAX);
		return false;
	}
	if ((unsigned)role >= ROLE__MAX) {
		manage_fail(err, "role", "Välj en roll: admin, evaluator eller "
		                         "unit_contact.");
		return false;
	}
	if (role == ROLE_UNIT_CONTACT && nunits == 0) {
		manage_fail(err, "units", "En kontaktperson behöver minst en enhet.");
		return false;
	}
	if (role != ROLE_UNIT_CONTACT && nunits > 0) {
		manage_fail(err, "units", "Bara kontaktpersoner kopplas till enheter.");
		return false;
	}
	if (nunits > USER_UNITS_MAX) {
		manage_fail(err, "units", "Högst %d enheter per kontaktperson.",
		    USER_UNITS_MAX);
		return false;
	}
	for (i = 0; i < nunits; i++)
		for (j = i + 1; j < nunits; j++)
			if (units[i] == units[j]) {
				manage_fail(err, "units", "Enhet %lld är vald två gånger.",
				    units[i]);
				return false;
			}
	return true;
}

uf_err
user_create(struct db *db, const char *actor, const char *name,
    const char *password, size_t pwlen, enum user_role role,
    const long long *units, size_t nunits, long long *id,
    struct manage_error *err)
{
	char hash[USER_HASH_MAX];
	struct unit_info u;
	long long uid = 0;
	size_t i;
	bool open = false;
	uf_err e = UF_EINVAL;

	manage_error_clear(err);
	memset(hash, 0, sizeof(hash));
	if (!user_check(name, password, pwlen, role, units, nunits, err) ||
	    (e = user_password_hash(password, pwlen, hash)) != UF_OK ||
	    (e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	/* The units first: a typo in a unit id leaves no user behind. */
	for (i = 0; i < nunits; i++)
		if ((e = unit_resolve(db, units[i], &u, err)) != UF_OK) {
			if (e == UF_ENOTFOUND) {
				manage_fail(err, "units", "Det finns ingen enhet med id %lld.",
				    units[i]);
				e = UF_EINVAL;
			}
			goto out;
		}
	if ((e = db_m_user_insert(db, name, hash, user_role_name(role), &uid)) != UF_OK) {
		if (e == UF_ECONFLICT)
			manage_fail(err, "name", "Användarnamnet är upptaget.");
		goto out;
	}
	for (i = 0; i < nunits; i++)
		if ((e = db_m_user_unit_add(db, uid, units[i])) != UF_OK)
			goto out;
	if ((e = user_audit(db, actor, "user.create", 0, name)) != UF_OK)
		goto out;
out:
	if (open)
		e = db_end(db, e);
	if (e == UF_OK && id != NULL)
		*id = uid;
	sodium_memzero(hash, sizeof(hash));
	return e;
}

uf_err
user_addr_refused(struct db *db, long long *n)
{
	return db_m_login_addr_count(db, USER_ADDR_MAX, USER_ADDR_MINUTES, false, n);
}

uf_err
user_addr_unblock(struct db *db, const char *actor, long long *n)
{
	char detail[64];
	bool open = false;
	uf_err e;

	/* The refusals lifted and their audit row: both or neither. */
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = db_m_login_addr_count(db, USER_ADDR_MAX, USER_ADDR_MINUTES, true,
	         n)) != UF_OK)
		goto out;
	if (snprintf(detail, sizeof(detail), "{\"addresses\":%lld}", *n) >=
	    (int)sizeof(detail)) {
		e = UF_EINTERNAL;
		goto out;
	}
	e = db_m_audit(db, actor, "user.addr_unblock", NULL, detail);
out:
	if (open)
		e = db_end(db, e);
	return e;
}

uf_err
user_unlock(struct db *db, long long user, const char *actor,
    struct manage_error *err)
{
	char obj[40];
	bool open = false, yes = false;
	uf_err e;

	manage_error_clear(err);
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = db_m_user_exists(db, user, &yes)) != UF_OK)
		goto out;
	if (!yes) {
		manage_fail(err, "user", "Användaren finns inte.");
		e = UF_ENOTFOUND;
		goto out;
	}
	if (snprintf(obj, sizeof(obj), "user:%lld", user) >= (int)sizeof(obj)) {
		e = UF_EINTERNAL;
		goto out;
	}
	if ((e = db_m_user_ok(db, user)) != UF_OK ||
	    (e = db_m_audit(db, actor, "user.unlock", obj, NULL)) != UF_OK)
		goto out;
out:
	if (open)
		e = db_end(db, e);
	return e;
}

/* Open a session row for user and fill out's tokens. */
static uf_err
session_open(struct db *db, long long user, const struct session_limits *lim,
    struct session *out)
{
	char th[2 + 2 * CODE_HASH_LEN + 1], ch[2 + 2 * CODE_HASH_LEN + 1];
	uf_err e;

	if ((e = token_generate(out->token)) != UF_OK ||
	    (e = token_generate(out->csrf)) != UF_OK)
		return e;
	session_token_hash(out->token, th);
	session_token_hash(out->csrf, ch);
	return db_m_session_insert(db, th, user, ch, lim->idle_minutes);
}

uf_err
user_login(struct db *db, const char *name, const char *password,
    size_t pwlen, const char *addr_hash, const struct session_limits *lim,
    struct session *out)
{
	struct m_user_auth u;
	bool known, throttled = false, good;
	int failures = 0;
	uf_err e;

	memset(out, 0, sizeof(*out));
	memset(&u, 0, sizeof(u));
	u.role = ROLE__MAX;
	memcpy(u.password_hash, dummy_hash, sizeof(u.password_hash));
	if (!session_limits_ok(lim)) {
		e = UF_EINVAL;
		goto out;
	}
	if (addr_hash != NULL && (e = db_m_login_addr_blocked(db, addr_hash, USER_ADDR_MAX, USER_ADDR_MINUTES, &throttled)) != UF_OK)
		goto out;
	known = user_name_ok(name) && password != NULL &&
	    pwlen <= USER_PASSWORD_MAX;
	/* An unknown user gets the dummy hash and no role: checking it costs
	 * what a wrong password costs. */
	if (known && (e = db_m_user_by_name(db, name, &u, &known)) != UF_OK)
		goto out;
	if (!known) {
		memcpy(u.password_hash, dummy_hash, sizeof(u.password_hash));
		u.role = ROLE__MAX;
	}
	if (u.locked || throttled) {
		/* No password check while locked: guessing gains nothing. The
		 * dummy hash costs what a check costs, so the time of the answer
		 * does not tell that the account or the address is locked. */
		if (crypto_pwhash_str_verify(dummy_hash,
		        password != NULL ? password : "",
		        password != NULL && pwlen <= USER_PASSWORD_MAX ? pwlen : 0) == 0)
			log_warn("msg=\"dummy hash matched\""); /* cannot happen */
		/* A name that is not a user may be a mistyped password: only
		 * known names go into the audit log. */
		if (throttled)
			(void)user_audit(db, "web", "user.login_throttled", 0,
			    known ? name : "-");
		else
			(void)user_audit(db, "web", "user.login_locked", 0, name);
		e = UF_ERATE;
		goto out;
	}
	good = crypto_pwhash_str_verify(u.password_hash,
	           password != NULL ? password : "",
	           password != NULL && pwlen <= USER_PASSWORD_MAX ? pwlen : 0) == 0;
	if (!known || u.disabled || !good || u.role == ROLE__MAX) {
		if (addr_hash != NULL && (e = db_m_login_addr_fail(db, addr_hash, USER_ADDR_MINUTES)) != UF_OK)
			goto out;
		if (known) {
			if ((e = db_m_user_fail(db, u.user_id, USER_LOCK_THRESHOLD,
			         USER_LOCK_MINUTES, &failures)) != UF_OK ||
			    (e = user_audit(db, "web", "user.login_failed", 0,
			         name)) != UF_OK)
				goto out;
		}
		e = UF_EAUTH;
		goto out;
	}
	if (crypto_pwhash_str_needs_rehash(u.password_hash,
	        crypto_pwhash_OPSLIMIT_INTERACTIVE,
	        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		char nh[USER_HASH_MAX];
		if (user_password_hash(password, pwlen, nh) == UF_OK)
			(void)db_m_user_rehash(db, u.user_id, nh);
	}
	if ((e = db_m_user_ok(db, u.user_id)) != UF_OK ||
	    (e = session_open(db, u.user_id, lim, out)) != UF_OK ||
	    (e = user_audit(db, name, "user.login", 0, name)) != UF_OK)
		goto out;
	out->user_id = u.user_id;
	out->role = u.role;
	memcpy(out->username, name, strlen(name) + 1);
out:
	if (e != UF_OK) {
		sodium_memzero(out->token, sizeof(out->token));
		sodium_memzero(out->csrf, sizeof(out->csrf));
	}
	sodium_memzero(&u, sizeof(u));
	return e;
}

/* Whether s is exactly TOKEN_HEX_LEN lower-case hex digits. */
static bool
token_shape_ok(const char *s)
{
	size_t i;

	if (s == NULL || strnlen(s, TOKEN_HEX_LEN + 1) != TOKEN_HEX_LEN)
		return false;
	for (i = 0; i < TOKEN_HEX_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

uf_err
session_check(struct db *db, const char *token,
    const struct session_limits *lim, struct session *out,
    char csrf_hash_hex[2 * CODE_HASH_LEN + 1])
{
	char th[2 + 2 * CODE_HASH_LEN + 1];
	struct m_session_user su;
	bool found = false;
	uf_err e;

	memset(out, 0, sizeof(*out));
	csrf_hash_hex[0] = '\0';
	if (!token_shape_ok(token) || !session_limits_ok(lim))
		return UF_EAUTH;
	session_token_hash(token, th);
	if ((e = db_m_session_touch(db, th, lim->idle_minutes, lim->max_hours,
	         &su, &found)) != UF_OK)
		return e;
	if (!found || strlen(su.csrf_hash) != 2 * CODE_HASH_LEN ||
	    su.role == ROLE__MAX)
		return UF_EAUTH;
	out->user_id = su.user_id;
	out->role = su.role;
	memcpy(out->username, su.username, sizeof(out->username));
	memcpy(out->token, token, TOKEN_HEX_LEN + 1);
	memcpy(csrf_hash_hex, su.csrf_hash, 2 * CODE_HASH_LEN + 1);
	return UF_OK;
}

bool
session_csrf_ok(const char *csrf_hash_hex, const char *submitted)
{
	char h[2 + 2 * CODE_HASH_LEN + 1];

	if (!token_shape_ok(submitted) || csrf_hash_hex == NULL ||
	    strlen(csrf_hash_hex) != 2 * CODE_HASH_LEN)
		return false;
	session_token_hash(submitted, h);
	/* h is "\\x" + hex; compare the hex part in constant time. */
	return token_equal(h + 2, csrf_hash_hex);
}

uf_err
session_end(struct db *db, const char *token)
{
	char th[2 + 2 * CODE_HASH_LEN + 1];

	if (!token_shape_ok(token))
		return UF_OK;
	session_token_hash(token, th);
	return db_m_session_delete(db, th);
}
