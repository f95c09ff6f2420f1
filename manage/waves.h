/* SPDX-License-Identifier: ISC
 * A study's waves: the list with dates and state, and changing a wave's
 * opening and closing days (its unused codes expire with it), checked and
 * done in one transaction with the audit row "wave.dates". Shared by
 * `uppfolj-admin waves` / `wave-set` and the web admin's waves page.
 * Closing a wave early is manage/retention's.
 */
#ifndef UF_MANAGE_WAVES_H
#define UF_MANAGE_WAVES_H
#include <stdbool.h>

#include "db.h"
#include "err.h"
#include "study.h"

/* A real calendar date "YYYY-MM-DD" between 2000 and 2099. Pure. */
bool wave_date_ok(const char *s);

/* Set the opening and closing days of the wave at `months` in study (slug,
 * NULL for the only one), logged as actor. UF_EINVAL with err (field
 * "opens", "closes") for a malformed date or closing before opening,
 * UF_ENOTFOUND when there is no such wave. *codes (may be NULL) = unused
 * codes whose expiry moved with the closing day. */
uf_err wave_set_dates(struct db *db, const char *study, int months,
    const char *opens_on, const char *closes_on, const char *actor,
    long long *codes, struct manage_error *err);

/* The state of row i of a db_m_waves result, in Swedish ("Öppen", ...). */
const char *wave_state_text(const struct db_res *waves, int i);

#endif
