/* SPDX-License-Identifier: ISC
 * Retention: delete drafts nobody has touched for N days, and close a wave
 * early (codes of a closed wave stop working; schema/0003
 * collect_code_usable). Both logged in the audit log.
 */
#ifndef UF_MANAGE_RETENTION_H
#define UF_MANAGE_RETENTION_H
#include <stddef.h>

#include "db.h"
#include "err.h"
#include "study.h"

#define RETENTION_DAYS_MIN 1
#define RETENTION_DAYS_MAX 3650

/* Delete drafts not updated for `days` (1..3650); *n = how many. */
uf_err retention_purge_drafts(struct db *db, int days, const char *actor,
    long long *n, struct manage_error *err);

/* Close the wave at `months` of study (slug or NULL) now. UF_ECONFLICT with
 * err when it is already closed. */
uf_err retention_close_wave(struct db *db, const char *study, int months,
    const char *actor, struct manage_error *err);

#endif
