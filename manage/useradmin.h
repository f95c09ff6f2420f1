/* SPDX-License-Identifier: ISC
 * A user's life after creation: deactivate (every session ends at once),
 * reactivate, and reset the password to a new random one that is shown
 * once. Each in one transaction with its audit row. Shared by the CLI and
 * the web admin; knows nothing of HTTP.
 */
#ifndef UF_MANAGE_USERADMIN_H
#define UF_MANAGE_USERADMIN_H
#include <stdbool.h>

#include "db.h"
#include "err.h"
#include "study.h"

/* 20 characters of the code alphabet, in groups of 4 with '-':
 * "ABCD-EFGH-JKLM-NPQR-STUV" (about 100 bits). */
#define USER_NEW_PASSWORD_LEN 24

/* Deactivate (active false) or reactivate a user, logged as
 * "user.deactivate" / "user.reactivate". Deactivating ends every browser
 * session of the user in the same transaction; the login refuses disabled
 * users (users.c). actor_id: the acting user (web), or 0 (CLI); a user
 * cannot deactivate themself (UF_EINVAL), so an admin cannot lock
 * everyone out by mistake. UF_ENOTFOUND for an unknown user. */
uf_err user_set_active(struct db *db, long long user, bool active,
    long long actor_id, const char *actor, struct manage_error *err);

/* Give a user a new random password, hashed with argon2id; the failure
 * count and any lock go, every session of the user ends; logged as
 * "user.password_reset". out receives the password in clear, to be shown
 * once; the caller wipes it. UF_ENOTFOUND for an unknown user. */
uf_err user_reset_password(struct db *db, long long user, const char *actor,
    char out[USER_NEW_PASSWORD_LEN + 1], struct manage_error *err);

/* A user id by name; UF_ENOTFOUND with err when unknown. */
uf_err user_find(struct db *db, const char *name, long long *id,
    struct manage_error *err);

#endif
