/* SPDX-License-Identifier: ISC
 * People who administer the study: create a user (argon2id via libsodium),
 * check a login with lockout after repeated failures, and browser sessions
 * that expire (idle and absolute) with a CSRF token. Used by the CLI
 * (user-add) and the web admin; knows nothing of HTTP.
 */
#ifndef UF_MANAGE_USERS_H
#define UF_MANAGE_USERS_H
#include <stdbool.h>
#include <stddef.h>

#include "code.h"
#include "db.h"
#include "err.h"
#include "study.h"

#define USER_NAME_MAX       40 /* ^[a-z][a-z0-9._-]{1,39}$ */
#define USER_PASSWORD_MIN   10 /* bytes */
#define USER_PASSWORD_MAX   256
#define USER_LOCK_THRESHOLD 5   /* failures before the first lock */
#define USER_LOCK_MINUTES   15  /* first lock; doubles per failure */
#define USER_UNITS_MAX      200 /* units of one unit contact */
#define USER_ADDR_MAX       30  /* failed logins per address and window */
#define USER_ADDR_MINUTES   15  /* the address's window */
#define USER_HASH_MAX       128 /* a stored hash with its NUL (crypto_pwhash_STRBYTES) */

/* How long a browser session lives: it ends after idle_minutes without a
 * request, and at the latest max_hours after the login. The admin web's
 * configuration sets them (session_idle_minutes, session_max_hours) within
 * these bounds. */
struct session_limits {
	int idle_minutes;
	int max_hours;
};
#define SESSION_IDLE_MINUTES_DEFAULT 30
#define SESSION_IDLE_MINUTES_MIN     5
#define SESSION_IDLE_MINUTES_MAX     480
#define SESSION_MAX_HOURS_DEFAULT    8
#define SESSION_MAX_HOURS_MIN        1
#define SESSION_MAX_HOURS_MAX        24
/* The defaults, for callers without a configuration. */
extern const struct session_limits session_limits_default;
/* Whether l is within the bounds and idle_minutes <= max_hours * 60. */
bool session_limits_ok(const struct session_limits *l);

enum user_role { ROLE_ADMIN,
	ROLE_EVALUATOR,
	ROLE_UNIT_CONTACT,
	ROLE__MAX };

const char *user_role_name(enum user_role r); /* "admin", ... */
bool user_role_parse(const char *s, enum user_role *r);
/* Whether a user name is acceptable (the CHECK of schema/0006). */
bool user_name_ok(const char *name);
/* Whether a password is acceptable: USER_PASSWORD_MIN..MAX bytes of valid
 * UTF-8 without control characters. */
bool user_password_ok(const char *pw, size_t len);

/* Create a user with its units (a unit contact's, at least one; the other
 * roles none) in one transaction: the user, the links and the audit row
 * "user.create" as actor, or nothing. The password is hashed here with
 * argon2id (libsodium's interactive limits). UF_EINVAL with err for a bad
 * name, password, role, unit list or an unknown unit (field "name",
 * "password", "role", "units"), UF_ECONFLICT when the name is taken.
 * *id may be NULL. */
uf_err user_create(struct db *db, const char *actor, const char *name,
    const char *password, size_t pwlen, enum user_role role,
    const long long *units, size_t nunits, long long *id,
    struct manage_error *err);

/* The argon2id hash of a password (libsodium's interactive limits) into
 * hash; UF_ENOMEM is its only failure (the 64 MiB it needs). */
uf_err user_password_hash(const char *password, size_t len,
    char hash[USER_HASH_MAX]);
/* An audit row `action` as actor with detail {"user": name} (escaped) and
 * object "user:ID", or none when user is 0. */
uf_err user_audit(struct db *db, const char *actor, const char *action,
    long long user, const char *name);

/* Lift a user's lock and reset the failure count, logged as "user.unlock".
 * UF_ENOTFOUND with err for an unknown user. */
uf_err user_unlock(struct db *db, long long user, const char *actor,
    struct manage_error *err);

/* How many client addresses are refused at login now (USER_ADDR_MAX
 * failures within USER_ADDR_MINUTES). */
uf_err user_addr_refused(struct db *db, long long *n);
/* Lift every address refusal now, logged as "user.addr_unblock" with the
 * count; *n = how many there were. */
uf_err user_addr_unblock(struct db *db, const char *actor, long long *n);

struct session {
	char token[TOKEN_HEX_LEN + 1]; /* the cookie; only its hash is stored */
	char csrf[TOKEN_HEX_LEN + 1];  /* the form field; likewise */
	long long user_id;
	char username[USER_NAME_MAX + 1];
	enum user_role role;
};

/* Check name + password and on success open a session that lives as lim
 * says. Returns UF_EAUTH for an unknown user, a wrong password or a
 * disabled user (the same answer for all, after the same amount of work);
 * UF_ERATE while the user is locked or the client address has had
 * USER_ADDR_MAX failures in USER_ADDR_MINUTES (the password is not checked,
 * but a dummy hash is, so a refusal costs the same time as any other
 * answer). Failures are counted per user (locked after USER_LOCK_THRESHOLD)
 * and per address. addr_hash is the client address as a keyed hash in
 * bytea text form, or NULL when there is no client address. Audit rows:
 * user.login, user.login_failed, user.login_locked, user.login_throttled. */
uf_err user_login(struct db *db, const char *name, const char *password,
    size_t pwlen, const char *addr_hash, const struct session_limits *lim,
    struct session *out);

/* The session for a cookie token, sliding its idle expiry. UF_EAUTH when
 * the token is malformed, unknown, expired or its user disabled. out->token
 * is the given token; out->csrf is left empty (only its hash is known):
 * check a form's token with session_csrf_ok. */
uf_err session_check(struct db *db, const char *token,
    const struct session_limits *lim, struct session *out,
    char csrf_hash_hex[2 * CODE_HASH_LEN + 1]);
/* Constant-time check of a submitted CSRF token against the stored hash. */
bool session_csrf_ok(const char *csrf_hash_hex, const char *submitted);
/* End a session (logout); unknown tokens are not an error. */
uf_err session_end(struct db *db, const char *token);

/* SHA-256 of a token as PostgreSQL bytea text ("\\x" + 64 hex), as stored
 * in admin_session; out needs 2 + 64 + 1 bytes. Pure (for tests). */
void session_token_hash(const char *token, char *out);

#endif
