/* SPDX-License-Identifier: ISC
 * Typed reads of the administration's data layer (db_rows.h): one array
 * of structs per result, each column converted by its description.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "db_rows.h"

void
db_rows_free(struct db_rows *own)
{
	free(own->mem);
	db_res_free(own->res);
	own->mem = NULL;
	own->res = NULL;
}

/* Column j of row i into the field of to that c names. */
static uf_err
col_fill(const struct db_res *r, int i, int j, const struct db_col *c, char *to)
{
	long long v;
	uf_err e = UF_OK;

	switch (c->type) {
	case DB_COL_TEXT:
		*(const char **)(void *)(to + c->off) = db_res_get(r, i, j);
		break;
	case DB_COL_LL:
		e = db_res_long(r, i, j, (long long *)(void *)(to + c->off));
		break;
	case DB_COL_INT:
		if ((e = db_res_long(r, i, j, &v)) == UF_OK && (v < INT_MIN || v > INT_MAX))
			e = UF_EINVAL;
		if (e == UF_OK)
			*(int *)(void *)(to + c->off) = (int)v;
		break;
	case DB_COL_BOOL:
		*(bool *)(void *)(to + c->off) = strcmp(db_res_get(r, i, j), "t") == 0;
		break;
	case DB_COL__MAX:
		e = UF_EINTERNAL;
		break;
	}
	return e;
}

uf_err
db_rows_read(struct db *db, size_t idx, const char *const *p,
    const struct db_shape *shape, struct db_rows *own, int *n, void **row)
{
	struct db_res *r = NULL;
	char *v = NULL;
	int i, k = 0;
	uf_err e;

	own->mem = NULL;
	own->res = NULL;
	*n = 0;
	*row = NULL;
	if ((e = db_exec(db, idx, p, &r)) != UF_OK)
		goto out;
	k = r != NULL ? db_res_rows(r) : 0;
	if (k > 0 && (v = calloc((size_t)k, shape->size)) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (i = 0; i < k; i++)
		for (size_t j = 0; j < shape->ncol; j++)
			if ((e = col_fill(r, i, (int)j, &shape->col[j],
			         v + (size_t)i * shape->size)) != UF_OK)
				goto out;
	own->mem = v;
	own->res = r;
	*n = k;
	*row = v;
	v = NULL;
	r = NULL;
out:
	free(v);
	db_res_free(r);
	return e;
}
