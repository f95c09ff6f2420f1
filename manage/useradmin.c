/* SPDX-License-Identifier: ISC
 * Deactivate, reactivate and reset the password of a web admin user. The
 * new password is generated here (libsodium's CSPRNG), hashed like
 * user_create's, and only the hash is stored.
 */
#include <string.h>

#include <sodium.h>

#include "code.h"
#include "db_manage.h"
#include "useradmin.h"
#include "users.h"

uf_err
user_find(struct db *db, const char *name, long long *id,
    struct manage_error *err)
{
	struct m_user_auth u;
	bool found = false;
	uf_err e;

	*id = 0;
	manage_error_clear(err);
	if ((e = db_m_user_by_name(db, name, &u, &found)) == UF_OK && !found) {
		manage_fail(err, "user", "Det finns ingen användare som heter så.");
		e = UF_ENOTFOUND;
	}
	if (e == UF_OK)
		*id = u.user_id;
	sodium_memzero(&u, sizeof(u));
	return e;
}

/* The message for a user that the database does not have. */
static uf_err
not_found(struct manage_error *err)
{
	manage_fail(err, "user", "Användaren finns inte.");
	return UF_ENOTFOUND;
}

uf_err
user_set_active(struct db *db, long long user, bool active,
    long long actor_id, const char *actor, struct manage_error *err)
{
	char name[USER_NAME_MAX + 1];
	long long ended = 0;
	bool open = false, found = false;
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
	if ((e = db_m_user_set_disabled(db, user, !active, name, &found)) != UF_OK)
		goto out;
	if (!found) {
		e = not_found(err);
		goto out;
	}
	if (!active && (e = db_m_user_sessions_end(db, user, &ended)) != UF_OK)
		goto out;
	e = user_audit(db, actor, active ? "user.reactivate" : "user.deactivate",
	    user, name);
out:
	if (open)
		e = db_end(db, e);
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
	char hash[USER_HASH_MAX], name[USER_NAME_MAX + 1];
	long long ended = 0;
	bool open = false, found = false;
	uf_err e;

	manage_error_clear(err);
	memset(hash, 0, sizeof(hash));
	if ((e = new_password(out)) != UF_OK ||
	    (e = user_password_hash(out, USER_NEW_PASSWORD_LEN, hash)) != UF_OK ||
	    (e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = db_m_user_set_password(db, user, hash, name, &found)) != UF_OK)
		goto out;
	if (!found) {
		e = not_found(err);
		goto out;
	}
	if ((e = db_m_user_sessions_end(db, user, &ended)) == UF_OK)
		e = user_audit(db, actor, "user.password_reset", user, name);
out:
	if (open)
		e = db_end(db, e);
	if (e != UF_OK)
		sodium_memzero(out, USER_NEW_PASSWORD_LEN + 1);
	sodium_memzero(hash, sizeof(hash));
	return e;
}
