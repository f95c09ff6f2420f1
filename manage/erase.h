/* SPDX-License-Identifier: ISC
 * Withdrawal and erasure: find a participant by an access code (any wave)
 * or by panel id, and erase everything about them in every wave in one
 * transaction (schema/0006 erase_participant). The audit log records that
 * an erasure happened, by whom and when; nothing of the content.
 */
#ifndef UF_MANAGE_ERASE_H
#define UF_MANAGE_ERASE_H
#include <stdbool.h>
#include <stddef.h>

#include "code.h"
#include "db.h"
#include "err.h"
#include "study.h"

/* Find a participant: by code (typed as the person has it; normalised and
 * checked, then hashed with key) or, when code is NULL, by panel id in
 * study (slug or NULL for the only study). UF_EINVAL with err for a typo
 * or a malformed panel id, UF_ENOTFOUND when nobody matches. */
uf_err erase_find(struct db *db, const unsigned char key[CODE_KEY_LEN],
    const char *code, const char *study, const char *panel_id,
    long long *participant, struct manage_error *err);

/* Erase participant in one transaction, logged as actor. */
uf_err erase_participant(struct db *db, long long participant,
    const char *actor, struct manage_error *err);

/* Whether s has the shape of a panel id (the CHECK of schema/0002). */
bool panel_id_ok(const char *s);

#endif
