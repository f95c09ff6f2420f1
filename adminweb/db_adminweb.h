/* SPDX-License-Identifier: ISC
 * The web admin's own statements (study set-up the manage/ library does not
 * offer yet: add a unit, set a wave's dates, list users, count participants)
 * and the one statement table a worker prepares: manage/'s statements first,
 * at their own indexes, then these. Nothing here formats SQL.
 */
#ifndef UF_ADMINWEB_DB_ADMINWEB_H
#define UF_ADMINWEB_DB_ADMINWEB_H
#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "err.h"

/* Build the combined table (caller frees *out with free()). */
uf_err db_aw_table(struct db_stmt **out, size_t *n);

/* Study row: slug, name, start_date (YYYY-MM-DD); 0 rows when unknown. */
uf_err db_aw_study_get(struct db *db, long long study, struct db_res **out);
/* Insert a unit; *id = 0 when the study has a unit with that name. */
uf_err db_aw_unit_insert(struct db *db, long long study, const char *name,
    const char *kind, const char *huvudman, const char *label, long long *id);
/* Set a wave's dates (and the expiry of its unused codes to the end of the
 * new closing day); *changed false when the study has no such wave. */
uf_err db_aw_wave_dates(struct db *db, long long study, int months,
    const char *opens_on, const char *closes_on, bool *changed);
/* Waves of a study with their state: months, opens_on, closes_on,
 * closed (t/f), past (t/f), not_yet_open (t/f), groups (comma separated). */
uf_err db_aw_waves(struct db *db, long long study, struct db_res **out);
/* Participants per unit and group: unit_id, grp, count. */
uf_err db_aw_participant_counts(struct db *db, long long study,
    struct db_res **out);
/* Every user: user_id, username, role, disabled, locked, failed_logins,
 * created (YYYY-MM-DD), unit names (", " separated). */
uf_err db_aw_users(struct db *db, struct db_res **out);
/* Whether a user exists (for unlock). */
uf_err db_aw_user_exists(struct db *db, long long user, bool *yes);

#endif
