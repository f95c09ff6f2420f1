/* SPDX-License-Identifier: ISC
 * The study's units (wards, kommun services): their kinds and huvudmän with
 * Swedish labels, adding a unit (checked, one transaction with its audit
 * row) and the participants per unit and group. Shared by
 * `uppfolj-admin unit-add` / `units` and the web admin's units page.
 */
#ifndef UF_MANAGE_UNITS_H
#define UF_MANAGE_UNITS_H
#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "err.h"
#include "study.h"

#define UNIT_NAME_MAX 200 /* characters */

/* The values of the enums unit_kind and huvudman (schema/0002), in the
 * order lists show them; n = how many. */
const char *const *unit_kinds(size_t *n);
const char *const *unit_huvudmen(size_t *n);
/* Swedish label of a kind / huvudman, or NULL when v is not one. */
const char *unit_kind_label(const char *v);
const char *unit_huvudman_label(const char *v);

struct unit_new {
	const char *name;         /* 1..200 characters, seen by admins only */
	const char *kind;         /* a unit_kinds() value */
	const char *huvudman;     /* a unit_huvudmen() value */
	const char *report_label; /* 1..100 characters: what reports show */
};

/* Add a unit to study (slug, NULL for the only one), logged as
 * "unit.create" by actor, in one transaction. UF_EINVAL with err (field
 * "name", "kind", "huvudman" or "report_label") for bad input,
 * UF_ECONFLICT when the study has a unit with that name. *id may be NULL. */
uf_err unit_add(struct db *db, const char *study, const struct unit_new *u,
    const char *actor, long long *id, struct manage_error *err);

struct m_participant_counts;
/* Participants of unit in group grp from db_m_participant_counts: 0 when
 * none. */
long long unit_count_of(const struct m_participant_counts *counts, long long unit,
    const char *grp);

#endif
