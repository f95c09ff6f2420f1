/* SPDX-License-Identifier: ISC
 * A study's own list of names the reports mask in free-text quotes (people,
 * places, nicknames of wards), on top of the words of its unit names:
 * adding, removing (each checked, one transaction with its audit row) and
 * listing. Used by `uppfolj-admin mask-names`.
 */
#ifndef UF_MANAGE_MASKNAMES_H
#define UF_MANAGE_MASKNAMES_H
#include <stdbool.h>

#include "db.h"
#include "err.h"
#include "study.h"

#define MASK_NAME_MAX 100 /* characters */

/* Whether kind is "verksamhet", "ort" or "namn". */
bool mask_kind_ok(const char *kind);

/* Add name (2..100 characters, no control characters) with its kind to
 * study (slug, NULL for the only one), or change the kind of a listed one;
 * logged as "mask.add". UF_EINVAL with err (field "name" or "kind"). */
uf_err mask_name_add(struct db *db, const char *study, const char *name,
    const char *kind, const char *actor, struct manage_error *err);
/* Remove it; logged as "mask.remove". UF_ENOTFOUND with err when the
 * study has no such name. */
uf_err mask_name_remove(struct db *db, const char *study, const char *name,
    const char *actor, struct manage_error *err);
struct m_masks;
/* The list, by kind and name; free with m_masks_free (db_manage.h). */
uf_err mask_name_list(struct db *db, const char *study, struct m_masks *out,
    struct manage_error *err);

#endif
