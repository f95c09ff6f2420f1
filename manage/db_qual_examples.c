/* SPDX-License-Identifier: ISC
 * Every SQL statement of the category table's chosen examples
 * (schema/0026) and the typed functions that run them; parameters always
 * travel separately ($n).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_qual_examples.h"

enum qexstmt {
	QEX_LIST,
	QEX_SET,
	QEX_SUB_NAME,
	QEX__MAX
};
_Static_assert(QEX__MAX <= DB_QEX_STMTS_MAX, "raise DB_QEX_STMTS_MAX");

/* The subkategori a unit is coded under: its code (level 2) or its code's
 * parent (a kod, level 3). */
#define SUBKAT "CASE c.level WHEN 2 THEN c.code_id ELSE c.parent_id END"

const struct db_stmt db_qex_stmts[QEX__MAX] = {
	[QEX_LIST] = { "qex_list",
	    "SELECT e.unit_id, " SUBKAT ", s.name FROM qual_example e "
	    "JOIN qual_unit u ON u.unit_id = e.unit_id "
	    "JOIN qual_document d ON d.document_id = u.document_id "
	    "JOIN qual_code c ON c.code_id = u.code_id "
	    "JOIN qual_code s ON s.code_id = " SUBKAT " "
	    "WHERE d.study_id = $1::bigint AND c.level > 1 "
	    "ORDER BY 2, e.chosen_at, 1 LIMIT 10000",
	    1 },
	[QEX_SET] = { "qex_set",
	    "SELECT qual_example_set($1::bigint, $2::bigint, $3::boolean, $4::bigint, "
	    "$5, $6::int)",
	    6 },
	/* the name of the subkategori a unit of the study is coded under */
	[QEX_SUB_NAME] = { "qex_sub_name",
	    "SELECT s.name FROM qual_unit u "
	    "JOIN qual_document d ON d.document_id = u.document_id "
	    "JOIN qual_code c ON c.code_id = u.code_id "
	    "JOIN qual_code s ON s.code_id = " SUBKAT " "
	    "WHERE u.unit_id = $1::bigint AND d.study_id = $2::bigint AND c.level > 1",
	    2 },
};
const size_t db_qex_nstmts = QEX__MAX;
size_t db_qex_base;

static const char *
num(char *b, long long v)
{
	if (snprintf(b, 24, "%lld", v) < 0)
		b[0] = '\0';
	return b;
}

void
qex_rows_free(struct qex_rows *l)
{
	free(l->row);
	db_res_free(l->res);
	memset(l, 0, sizeof *l);
}

uf_err
db_qex_list(struct db *db, long long study, struct qex_rows *out)
{
	char s[24];
	const char *p[] = { num(s, study) };
	uf_err e;

	memset(out, 0, sizeof *out);
	if ((e = db_exec(db, db_qex_base + QEX_LIST, p, &out->res)) != UF_OK)
		goto out;
	int n = db_res_rows(out->res);
	if (n > 0 && (out->row = calloc((size_t)n, sizeof *out->row)) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (int i = 0; i < n; i++) {
		struct qex_row *r = &out->row[i];
		if ((e = db_res_long(out->res, i, 0, &r->unit)) != UF_OK ||
		    (e = db_res_long(out->res, i, 1, &r->subkategori)) != UF_OK)
			goto out;
		r->sub_name = db_res_get(out->res, i, 2);
		out->n++;
	}
out:
	if (e != UF_OK)
		qex_rows_free(out);
	return e;
}

uf_err
db_qex_set(struct db *db, long long study, long long unit, bool chosen,
    long long viewer, const char *actor, int max, char *name, size_t namesz)
{
	char s[24], u[24], v[24], m[24];
	const char *p[] = { num(s, study), num(u, unit), chosen ? "true" : "false",
		num(v, viewer), actor, num(m, max) };
	struct db_res *r = NULL;
	uf_err e;

	name[0] = '\0';
	if ((e = db_exec(db, db_qex_base + QEX_SET, p, &r)) != UF_OK)
		goto out;
	if (db_res_rows(r) != 1) {
		e = UF_EINTERNAL;
		goto out;
	}
	if (snprintf(name, namesz, "%s", db_res_get(r, 0, 0)) < 0)
		name[0] = '\0';
out:
	db_res_free(r);
	return e;
}

uf_err
db_qex_sub_name(struct db *db, long long study, long long unit, char *name, size_t namesz)
{
	char s[24], u[24];
	const char *p[] = { num(u, unit), num(s, study) };
	struct db_res *r = NULL;
	uf_err e;

	name[0] = '\0';
	if ((e = db_exec(db, db_qex_base + QEX_SUB_NAME, p, &r)) != UF_OK)
		goto out;
	if (db_res_rows(r) == 1 && snprintf(name, namesz, "%s", db_res_get(r, 0, 0)) >= (int)namesz)
		name[0] = '\0'; /* too long to quote whole: not quoted */
out:
	db_res_free(r);
	return e;
}
