/* SPDX-License-Identifier: ISC
 * The study's names to mask in report quotes: checks and the audited
 * changes. The names are personal data in their own right, so the audit
 * row says which study and kind, never the name.
 */
#include <stdio.h>
#include <string.h>

#include "db_manage.h"
#include "masknames.h"
#include "utf8.h"

bool
mask_kind_ok(const char *kind)
{
	return kind != NULL && (strcmp(kind, "verksamhet") == 0 || strcmp(kind, "ort") == 0 || strcmp(kind, "namn") == 0);
}

static bool
name_ok(const char *name, struct manage_error *err)
{
	if (name == NULL || !manage_text_ok(name, MASK_NAME_MAX) ||
	    utf8_chars(name, strlen(name)) < 2) {
		manage_fail(err, "name", "Namnet ska vara 2–%d tecken, utan "
		                         "radbrytningar eller andra styrtecken.",
		    MASK_NAME_MAX);
		return false;
	}
	return true;
}

/* One change in its own transaction with its audit row. */
static uf_err
change(struct db *db, const char *study, const char *name, const char *kind,
    const char *actor, struct manage_error *err)
{
	char obj[40];
	long long sid;
	bool open = false, found = true;
	uf_err e;

	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = study_resolve(db, study, &sid, err)) != UF_OK)
		goto out;
	e = kind != NULL ? db_m_mask_insert(db, sid, name, kind) :
	                   db_m_mask_delete(db, sid, name, &found);
	if (e != UF_OK)
		goto out;
	if (!found) {
		manage_fail(err, "name", "Studien har inget sådant namn i listan.");
		e = UF_ENOTFOUND;
		goto out;
	}
	if (snprintf(obj, sizeof obj, "study:%lld", sid) >= (int)sizeof obj) {
		e = UF_EINTERNAL;
		goto out;
	}
	if ((e = db_m_audit(db, actor, kind != NULL ? "mask.add" : "mask.remove",
	         obj, NULL)) != UF_OK)
		goto out;
	e = db_commit(db);
	open = false;
out:
	if (open)
		db_rollback(db);
	return e;
}

uf_err
mask_name_add(struct db *db, const char *study, const char *name,
    const char *kind, const char *actor, struct manage_error *err)
{
	manage_error_clear(err);
	if (!name_ok(name, err))
		return UF_EINVAL;
	if (!mask_kind_ok(kind)) {
		manage_fail(err, "kind", "Välj verksamhet, ort eller namn.");
		return UF_EINVAL;
	}
	return change(db, study, name, kind, actor, err);
}

uf_err
mask_name_remove(struct db *db, const char *study, const char *name,
    const char *actor, struct manage_error *err)
{
	manage_error_clear(err);
	if (!name_ok(name, err))
		return UF_EINVAL;
	return change(db, study, name, NULL, actor, err);
}

uf_err
mask_name_list(struct db *db, const char *study, struct m_masks *out,
    struct manage_error *err)
{
	long long sid;
	uf_err e;

	manage_error_clear(err);
	memset(out, 0, sizeof(*out));
	if ((e = study_resolve(db, study, &sid, err)) != UF_OK)
		return e;
	return db_m_mask_list(db, sid, out);
}
