/* SPDX-License-Identifier: ISC
 * Typed reads for the administration's data layer (db_*.c only): a row's
 * columns are described as data (which struct field each column fills, in
 * the statement's column order), kept next to the statement, so that no
 * other file knows a column's position. The structs' strings point into
 * the result, which the list holds until db_rows_free.
 */
#ifndef UF_MANAGE_DB_ROWS_H
#define UF_MANAGE_DB_ROWS_H
#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "err.h"

/* What a typed list owns: its array of rows and the result their strings
 * point into. Callers free a list with db_rows_free(&list.own). */
struct db_rows {
	void *mem;
	struct db_res *res;
};
void db_rows_free(struct db_rows *own); /* safe on a zeroed or freed one */

/* What a column becomes in the row's struct. */
enum db_col_type {
	DB_COL_TEXT, /* const char *, borrowed; "" for NULL */
	DB_COL_LL,   /* long long; NULL or not a number is UF_EINVAL */
	DB_COL_INT,  /* int; also UF_EINVAL out of range */
	DB_COL_BOOL, /* bool from "t"/"f"; NULL reads false */
	DB_COL__MAX
};
struct db_col {
	enum db_col_type type;
	size_t off; /* offsetof the field it fills */
};
/* A struct's columns: col[j] fills from column j of the statement. */
struct db_shape {
	size_t size; /* sizeof the struct */
	const struct db_col *col;
	size_t ncol;
};
#define DB_COL(type, st, field)                    \
	{                                          \
		DB_COL_##type, offsetof(st, field) \
	}
#define DB_SHAPE(st, cols)                                         \
	{                                                          \
		sizeof(st), cols, sizeof(cols) / sizeof((cols)[0]) \
	}

/* Run statement idx and fill one struct of shape per row: *row (NULL
 * without rows) and own->mem are the array, *n the count. On failure
 * nothing is held, *row is NULL and *n 0. */
uf_err db_rows_read(struct db *db, size_t idx, const char *const *p,
    const struct db_shape *shape, struct db_rows *own, int *n, void **row);

#endif
