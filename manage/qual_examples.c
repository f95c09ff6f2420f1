/* SPDX-License-Identifier: ISC
 * Choosing the category table's examples (qual_examples.h): one
 * transaction per choice, the rule checked by the database function, an
 * audit row naming the unit by id only.
 */
#include <stdio.h>

#include "db_manage.h"
#include "qual_examples.h"

uf_err
qual_example_set(struct db *db, long long study, long long unit, bool chosen,
    long long viewer, const char *actor, struct manage_error *err)
{
	char name[256], sub[104], obj[48];
	uf_err e;

	manage_error_clear(err);
	if (snprintf(obj, sizeof obj, "qual_unit:%lld", unit) >= (int)sizeof obj)
		return UF_EINTERNAL;
	if ((e = db_begin(db)) != UF_OK)
		return e;
	/* read first: after a refusal the transaction takes no more statements */
	if ((e = db_qex_sub_name(db, study, unit, sub, sizeof sub)) != UF_OK)
		return db_end(db, e);
	e = db_qex_set(db, study, unit, chosen, viewer, actor, QUAL_EXAMPLES_MAX,
	    name, sizeof name);
	if (e == UF_ENOTFOUND)
		manage_fail(err, "enhet", "Det finns ingen sådan meningsbärande enhet "
		                          "(den kan ha raderats vid ett utträde).");
	else if (e == UF_EINVAL)
		manage_fail(err, "enhet", "Enheten är inte kodad under en subkategori. "
		                          "Koda den under en subkategori eller en kod först.");
	else if (e == UF_ECONFLICT && sub[0] != '\0')
		manage_fail(err, "enhet", "Subkategorin ”%s” har redan %d valda exempel. "
		                          "Ta bort ett av dem först.",
		    sub, QUAL_EXAMPLES_MAX);
	else if (e == UF_ECONFLICT)
		manage_fail(err, "enhet", "Subkategorin har redan %d valda exempel. "
		                          "Ta bort ett av dem först.",
		    QUAL_EXAMPLES_MAX);
	if (e == UF_OK)
		e = db_m_audit(db, actor, chosen ? "qual.example_choose" : "qual.example_drop",
		    obj, NULL);
	return db_end(db, e);
}

bool
qual_example_chosen(const struct qex_rows *l, long long unit)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->row[i].unit == unit)
			return true;
	return false;
}

size_t
qual_example_count(const struct qex_rows *l, long long subkategori)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += l->row[i].subkategori == subkategori;
	return n;
}
