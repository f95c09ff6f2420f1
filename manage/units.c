/* SPDX-License-Identifier: ISC
 * Units: the kind and huvudman vocabularies with their Swedish labels,
 * checking and adding a unit. Every message a person may see is here.
 */
#include <stdio.h>
#include <string.h>

#include "db_manage.h"
#include "units.h"

static const char *const kinds[] = { "heldygnsvard", "boendestod",
	"traffpunkt", "stodboende", "other" };
static const char *const kind_sv[] = { "Heldygnsvård", "Boendestöd",
	"Träffpunkt", "Stödboende", "Annan verksamhet" };
static const char *const huvudmen[] = { "region", "kommun" };
static const char *const huvudman_sv[] = { "Region", "Kommun" };

#define NKINDS    (sizeof(kinds) / sizeof(kinds[0]))
#define NHUVUDMEN (sizeof(huvudmen) / sizeof(huvudmen[0]))

const char *const *
unit_kinds(size_t *n)
{
	*n = NKINDS;
	return kinds;
}

const char *const *
unit_huvudmen(size_t *n)
{
	*n = NHUVUDMEN;
	return huvudmen;
}

static const char *
label_in(const char *const *vals, const char *const *labels, size_t n,
    const char *v)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		if (strcmp(vals[i], v) == 0)
			return labels[i];
	return NULL;
}

const char *
unit_kind_label(const char *v)
{
	return label_in(kinds, kind_sv, NKINDS, v);
}

const char *
unit_huvudman_label(const char *v)
{
	return label_in(huvudmen, huvudman_sv, NHUVUDMEN, v);
}

/* The first thing wrong with u, in err; false when something is. */
static bool
unit_check(const struct unit_new *u, struct manage_error *err)
{
	if (u->name == NULL || u->name[0] == '\0') {
		manage_fail(err, "name", "Ange enhetens namn.");
		return false;
	}
	if (!manage_text_ok(u->name, UNIT_NAME_MAX)) {
		manage_fail(err, "name", "Namnet får vara högst %d tecken, utan "
		                         "radbrytningar eller andra styrtecken.",
		    UNIT_NAME_MAX);
		return false;
	}
	if (unit_kind_label(u->kind) == NULL) {
		manage_fail(err, "kind", "Välj verksamhet i listan (heldygnsvard, "
		                         "boendestod, traffpunkt, stodboende eller other).");
		return false;
	}
	if (unit_huvudman_label(u->huvudman) == NULL) {
		manage_fail(err, "huvudman", "Välj huvudman i listan (region eller "
		                             "kommun).");
		return false;
	}
	if (u->report_label == NULL || u->report_label[0] == '\0') {
		manage_fail(err, "report_label", "Ange hur enheten ska redovisas i "
		                                 "rapporterna.");
		return false;
	}
	if (!manage_text_ok(u->report_label, UNIT_LABEL_MAX)) {
		manage_fail(err, "report_label", "Redovisningen får vara högst %d "
		                                 "tecken, utan radbrytningar eller andra styrtecken.",
		    UNIT_LABEL_MAX);
		return false;
	}
	return true;
}

uf_err
unit_add(struct db *db, const char *study, const struct unit_new *u,
    const char *actor, long long *id, struct manage_error *err)
{
	char obj[40];
	long long sid, uid = 0;
	bool open = false;
	uf_err e = UF_EINVAL;

	manage_error_clear(err);
	if (!unit_check(u, err))
		goto out;
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = study_resolve(db, study, &sid, err)) != UF_OK ||
	    (e = db_m_unit_insert(db, sid, u->name, u->kind, u->huvudman,
	         u->report_label, &uid)) != UF_OK)
		goto out;
	if (uid == 0) {
		manage_fail(err, "name", "Det finns redan en enhet med det namnet.");
		e = UF_ECONFLICT;
		goto out;
	}
	if (snprintf(obj, sizeof(obj), "unit:%lld", uid) >= (int)sizeof(obj)) {
		e = UF_EINTERNAL;
		goto out;
	}
	if ((e = db_m_audit(db, actor, "unit.create", obj, NULL)) != UF_OK)
		goto out;
out:
	if (open)
		e = db_end(db, e);
	if (e == UF_OK && id != NULL)
		*id = uid;
	return e;
}

long long
unit_count_of(const struct m_participant_counts *counts, long long unit,
    const char *grp)
{
	int i;

	for (i = 0; i < counts->n; i++)
		if (counts->row[i].unit_id == unit &&
		    strcmp(counts->row[i].grp, grp) == 0)
			return counts->row[i].n;
	return 0;
}
