/* SPDX-License-Identifier: ISC
 * The data layer's base: one PostgreSQL connection with a table of named,
 * prepared statements. Only lib/db.c includes <libpq-fe.h>; each program keeps
 * its statements in one table (collect/db_collect.c, reports/db_report.c, ...) and
 * exposes typed db_<thing>_<op>() functions. No SQL is ever built by
 * formatting strings: parameters are always passed separately as text.
 */
#ifndef UF_DB_H
#define UF_DB_H
#include <stdbool.h>
#include <stddef.h>
#include "err.h"

struct db_stmt {
	const char *name; /* prepared statement name, unique per table */
	const char *sql;  /* with $1..$n placeholders */
	int nparams;
};

struct db;
struct db_res;

/* Connect with a libpq conninfo string and prepare every statement in
 * stmts[0..n). The table must outlive the connection. On success *out is
 * owned by the caller (db_close). Returns UF_EDB when the server is
 * unreachable or a statement does not prepare (logged with its name). */
uf_err db_connect(const char *conninfo, const struct db_stmt *stmts, size_t n,
    struct db **out);
void db_close(struct db *db); /* NULL-safe */

/* If the connection was lost, reconnect and prepare again. Call at the start
 * of each request. UF_EDB when the server is still gone. */
uf_err db_ensure(struct db *db);

/* One owner per transaction: the function that begins a transaction ends
 * it before it returns, and nobody wraps it in another. db_begin refuses
 * (UF_EINTERNAL, logged; the open transaction is left as it was) while a
 * transaction is open, so nesting by accident fails loudly instead of
 * committing the outer work early. */
uf_err db_begin(struct db *db); /* BEGIN ISOLATION LEVEL READ COMMITTED */
uf_err db_commit(struct db *db);
uf_err db_rollback(struct db *db); /* safe to call when no transaction is open */
/* End the transaction db_begin opened, by the outcome e of the work in it:
 * COMMIT when e is UF_OK (COMMIT's own error when it fails), else ROLLBACK
 * and e. The one way an operation closes its transaction:
 *     if ((e = db_begin(db)) != UF_OK) goto out;  open = true;  ...
 *   out: if (open) e = db_end(db, e); */
uf_err db_end(struct db *db, uf_err e);

/* Run prepared statement number idx with text parameters (NULL = SQL NULL).
 * On UF_OK and a statement returning rows, *out (if out != NULL) is a result
 * the caller frees with db_res_free. Errors: UF_ECONFLICT (23505 unique),
 * UF_EINVAL (23502/23503/23514/22xxx), UF_EPERM (42501), and for errors our
 * functions raise: UF400 EINVAL, UF401 EAUTH, UF403 EPERM, UF404 ENOTFOUND,
 * UF409 ECONFLICT, UF429 ERATE;
 * UF_EDB otherwise; the SQLSTATE is kept for db_sqlstate() and logged. */
uf_err db_exec(struct db *db, size_t idx, const char *const *params,
    struct db_res **out);

/* Bulk load: stmt idx is a "COPY table (cols) FROM STDIN" entry of the
 * table (not prepared, still fixed text). Lines are in COPY text format,
 * each ending in '\n'; the caller escapes tabs, newlines and backslashes.
 * db_copy_end returns the server's verdict (UF_EINVAL on bad data). */
uf_err db_copy_begin(struct db *db, size_t idx);
uf_err db_copy_put(struct db *db, const char *data, size_t len);
uf_err db_copy_end(struct db *db);

/* Streaming read: stmt idx is a "COPY (SELECT ...) TO STDOUT" entry of the
 * table (fixed text, not prepared; COPY takes no parameters, so a query
 * that needs some reads them with current_setting() from settings a
 * prepared statement set, local to the same transaction). The server
 * produces rows while the caller handles the ones before, and libpq holds
 * only what has arrived: memory stays flat in the number of rows.
 * db_copy_out_next hands out the next row split into its fields, text
 * format unescaped: field[i] NUL-terminated, NULL for SQL NULL, valid (and
 * writable) until the next call on db. At the end of the rows *end is true
 * and the server's verdict has been read: a query that failed or a
 * connection lost midway is UF_EDB, never a short but successful read.
 * UF_EFORMAT: a row that is not COPY text (more than DB_ROW_MAX_FIELDS
 * fields, an escape COPY never writes). While a COPY is open, db_exec and
 * the others refuse (UF_EINTERNAL). */
#define DB_ROW_MAX_FIELDS 32
struct db_row {
	size_t n;
	const char *field[DB_ROW_MAX_FIELDS];
};
uf_err db_copy_out_begin(struct db *db, size_t idx);
uf_err db_copy_out_next(struct db *db, struct db_row *row, bool *end);
/* Stop an open COPY early (a caller's error): ask the server to cancel it
 * and read what it still sends, so the connection can be used again (the
 * transaction is then aborted: end it with db_end/db_rollback). A no-op
 * when no COPY is open. */
void db_copy_out_abort(struct db *db);

/* Run a whole SQL script with no parameters (migrations only). */
uf_err db_exec_script(struct db *db, const char *sql);

/* Seconds to wait that the last db_exec's UF429 named in its DETAIL
 * ("retry_after=N", 1..86400); 0 when it named none or the last db_exec
 * raised no UF429. A rollback keeps it, so the reply can still say it. */
long db_retry_after(const struct db *db);
/* SQLSTATE of the last failed call ("" when none); borrowed. */
const char *db_sqlstate(const struct db *db);
/* Server's error message of the last failure, for logs and CLIs only: never
 * send it to a web client. Borrowed. */
const char *db_errmsg(const struct db *db);

int db_res_rows(const struct db_res *r);
bool db_res_isnull(const struct db_res *r, int row, int col);
/* Borrowed text of a field; "" for NULL (check db_res_isnull first). */
const char *db_res_get(const struct db_res *r, int row, int col);
/* Parse a field as an integer; UF_EINVAL if NULL or not a number. */
uf_err db_res_long(const struct db_res *r, int row, int col, long long *v);
void db_res_free(struct db_res *r); /* NULL-safe */

#endif
