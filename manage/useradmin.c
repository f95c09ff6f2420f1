/* SPDX-License-Identifier: ISC
 * Deactivate, reactivate and reset the password of a web admin user. The
 * new password is generated here (libsodium's CSPRNG), hashed like
 * user_create's, and only the hash is stored.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "buf.h"
#include "code.h"
#include "db_manage.h"
#include "useradmin.h"
#include "users.h"

/* Audit object "user:ID", detail {"user": name}. */
static uf_err
audit(struct db *db, const char *actor, const char *action, long long user,
    const char *name)
{
	char obj[40];
	struct buf b;
	uf_err e;

	if (snprintf(obj, sizeof(obj), "user:%lld", user) >= (int)sizeof(obj))
		return UF_EINTERNAL;
	buf_init(&b, 256);
	if ((e = buf_adds(&b, "{\"user\":")) == UF_OK &&
	    (e = buf_add_json_str(&b, name)) == UF_OK &&
	    (e = buf_adds(&b, "}")) == UF_OK)
		e = db_m_audit(db, actor, action, obj, buf_str(&b));
	buf_free(&b);
	return e;
}

uf_err
user_find(struct db *db, const char *name, long long *id,
    struct manage_error *err)
{
	struct db_res *r = NULL;
	uf_err e;

	*id = 0;
	manage_error_clear(err);
	if ((e = db_m_user_by_name(db, name, &r)) != UF_OK)
		goto out;
	if (db_res_rows(r) != 1) {
		manage_fail(err, "user", "Det finns ingen användare som heter så.");
		e = UF_ENOTFOUND;
		goto out;
	}
	e = db_res_long(r, 0, 0, id);
out:
	db_res_free(r);
	return e;
}

uf_err
user_set_active(struct db *db, long long user, bool active,
    long long actor_id, const char *actor, struct manage_error *err)
{
	struct db_res *r = NULL;
	long long ended = 0;
	bool open = false;
	uf_err e;

	manage_error_clear(err);
	if (!active && actor_id != 0 && actor_id == user) {
		manage_fail(err, "user", "Du kan inte inaktivera ditt eget konto.");
		e = UF_EINVAL;
		goto out;
	}
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = db_m_user_set_disabled(db, user, !active, &r)) != UF_OK)
		goto out;
	if (db_res_rows(r) != 1) {
		manage_fail(err, "user", "Användaren finns inte.");
		e = UF_ENOTFOUND;
		goto out;
	}
	if (!active && (e = db_m_user_sessions_end(db, user, &ended)) != UF_OK)
		goto out;
	if ((e = audit(db, actor, active ? "user.reactivate" : "user.deactivate",
	         user, db_res_get(r, 0, 0))) != UF_OK)
		goto out;
out:
	if (open)
		e = db_end(db, e);
	db_res_free(r);
	return e;
}

/* USER_NEW_PASSWORD_LEN characters: groups of 4 of the code alphabet
 * (no look-alike characters, easy to read out and type). */
static uf_err
new_password(char out[USER_NEW_PASSWORD_LEN + 1])
{
	size_t i, n = strlen(CODE_ALPHABET);

	if (sodium_init() < 0)
		return UF_EINTERNAL;
	for (i = 0; i < USER_NEW_PASSWORD_LEN; i++)
		out[i] = (i % 5 == 4) ? '-' :
		                        CODE_ALPHABET[randombytes_uniform((uint32_t)n)];
	out[USER_NEW_PASSWORD_LEN] = '\0';
	return UF_OK;
}

uf_err
user_reset_password(struct db *db, long long user, const char *actor,
    char out[USER_NEW_PASSWORD_LEN + 1], struct manage_error *err)
{
	char hash[crypto_pwhash_STRBYTES];
	struct db_res *r = NULL;
	long long ended = 0;
	bool open = false;
	uf_err e;

	manage_error_clear(err);
	memset(hash, 0, sizeof(hash));
	if ((e = new_password(out)) != UF_OK)
		goto out;
	if (crypto_pwhash_str(hash, out, USER_NEW_PASSWORD_LEN,
	        crypto_pwhash_OPSLIMIT_INTERACTIVE,
	        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		e = UF_ENOMEM; /* the only failure: the 64 MiB it needs */
		goto out;
	}
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = db_m_user_set_password(db, user, hash, &r)) != UF_OK)
		goto out;
	if (db_res_rows(r) != 1) {
		manage_fail(err, "user", "Användaren finns inte.");
		e = UF_ENOTFOUND;
		goto out;
	}
	if ((e = db_m_user_sessions_end(db, user, &ended)) != UF_OK ||
	    (e = audit(db, actor, "user.password_reset", user,
	         db_res_get(r, 0, 0))) != UF_OK)
		goto out;
out:
	if (open)
		e = db_end(db, e);
	if (e != UF_OK)
		sodium_memzero(out, USER_NEW_PASSWORD_LEN + 1);
	sodium_memzero(hash, sizeof(hash));
	db_res_free(r);
	return e;
}
