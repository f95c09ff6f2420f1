/* SPDX-License-Identifier: ISC
 * The data layer of the category table's chosen examples (schema/0026):
 * its statements live in db_qual_examples.c and are prepared in the
 * connection's one table after qualitative coding's (from db_qex_base on).
 * Reads hand out typed rows.
 */
#ifndef UF_MANAGE_DB_QUAL_EXAMPLES_H
#define UF_MANAGE_DB_QUAL_EXAMPLES_H
#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "err.h"

#define DB_QEX_STMTS_MAX 4
extern const struct db_stmt db_qex_stmts[];
extern const size_t db_qex_nstmts;
/* Index of db_qex_stmts[0] in the connection's table: set by
 * db_manage_stmts before any connection is made. */
extern size_t db_qex_base;

/* A chosen example: the meaning unit and the subkategori it stands for. */
struct qex_row {
	long long unit;
	long long subkategori;
	const char *sub_name; /* points into the list's result */
};
struct qex_rows {
	struct qex_row *row;
	size_t n;
	struct db_res *res;
};
void qex_rows_free(struct qex_rows *l); /* zeroes it; a zeroed list is fine */

/* Every chosen example of study, by subkategori, first chosen first. */
uf_err db_qex_list(struct db *db, long long study, struct qex_rows *out);

/* qual_example_set (schema/0026): choose or drop unit; the subkategori's
 * name into name. UF_ENOTFOUND, UF_EINVAL (not under a subkategori),
 * UF_ECONFLICT (max reached), or the database's error. */
uf_err db_qex_set(struct db *db, long long study, long long unit, bool chosen,
    long long viewer, const char *actor, int max, char *name, size_t namesz);

/* The name of the subkategori unit (of study) is coded under into name;
 * "" when there is none or it does not fit. */
uf_err db_qex_sub_name(struct db *db, long long study, long long unit, char *name,
    size_t namesz);

#endif
