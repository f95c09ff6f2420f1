/* SPDX-License-Identifier: ISC
 * Creating a study: slug, name and start date checked as the schema's
 * CHECKs demand (with Swedish messages), one transaction with its audit row
 * "study.create". Shared by `uppfolj-admin study-add` and the web admin.
 * Its waves are manage/waves' (wave_add).
 */
#ifndef UF_MANAGE_STUDIES_H
#define UF_MANAGE_STUDIES_H
#include <stdbool.h>

#include "db.h"
#include "err.h"
#include "study.h"

#define STUDY_SLUG_MAX 40  /* study.slug CHECK */
#define STUDY_NAME_MAX 200 /* study.name CHECK, characters */

/* Whether s is a slug the schema accepts: ^[a-z0-9][a-z0-9-]{0,39}$. Pure. */
bool study_slug_ok(const char *s);

/* Create the study slug with name and start_date (YYYY-MM-DD, 2000-2099),
 * logged as actor. UF_EINVAL with err (field "slug", "name", "start") for
 * bad input, UF_ECONFLICT (field "slug") when the slug is taken. *id may
 * be NULL. */
uf_err study_add(struct db *db, const char *slug, const char *name,
    const char *start_date, const char *actor, long long *id,
    struct manage_error *err);

#endif
