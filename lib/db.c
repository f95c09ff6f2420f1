/* SPDX-License-Identifier: ISC
 * The only libpq user: connect, prepare a program's statement table up
 * front, run statements with text parameters, map SQLSTATEs to uf_err, bulk
 * COPY in and streaming COPY out, reconnect after a lost connection. Logs carry statement names and
 * SQLSTATEs, never parameters. Builds no SQL from strings.
 */
#include "db.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libpq-fe.h>

#include "log.h"
#include "num.h"

#define DB_ERRMSG_MAX 256
#define DB_MAX_PARAMS 100
#define DB_COPY_CHUNK (1024 * 1024) /* PQputCopyData takes an int */

struct db {
	PGconn *conn;
	const struct db_stmt *stmts;
	size_t n;
	bool copying;     /* between db_copy_begin and db_copy_end */
	bool copy_out;    /* between db_copy_out_begin and the rows' end */
	char *copy_row;   /* the row db_copy_out_next handed out last */
	bool copy_failed; /* a db_copy_put failed: end aborts the COPY */
	bool lost;        /* the server said it is closing the session */
	size_t copy_idx;
	char sqlstate[6];
	char errmsg[DB_ERRMSG_MAX];
	long retry_after; /* seconds a UF429 asked for; see db.h */
};

struct db_res {
	PGresult *res;
};

/* Statements that are COPY ... FROM STDIN or TO STDOUT run with PQexec,
 * not prepared. */
static bool
is_copy(const char *sql)
{
	while (*sql == ' ' || *sql == '\t' || *sql == '\n' || *sql == '\r')
		sql++;
	return strncasecmp(sql, "COPY", 4) == 0;
}

/* A COPY in either direction holds the connection until it ends. */
static bool
in_copy(const struct db *db)
{
	return db->copying || db->copy_out;
}

static void
clear_failure(struct db *db)
{
	db->sqlstate[0] = '\0';
	db->errmsg[0] = '\0';
}

/* Keep the SQLSTATE and the first line of the primary message. */
static void
set_failure(struct db *db, const char *sqlstate, const char *msg)
{
	size_t n;

	n = sqlstate == NULL ? 0 : strnlen(sqlstate, sizeof(db->sqlstate) - 1);
	if (n > 0)
		memcpy(db->sqlstate, sqlstate, n);
	db->sqlstate[n] = '\0';
	if (msg == NULL)
		msg = "";
	n = strcspn(msg, "\n");
	if (n > sizeof(db->errmsg) - 1)
		n = sizeof(db->errmsg) - 1;
	if (n > 0)
		memcpy(db->errmsg, msg, n);
	db->errmsg[n] = '\0';
}

/* SQLSTATE -> uf_err, as db.h documents. */
static uf_err
map_sqlstate(const char *s)
{
	static const struct {
		const char *state;
		uf_err err;
	} map[] = {
		{ "23505", UF_ECONFLICT },
		{ "23502", UF_EINVAL },
		{ "23503", UF_EINVAL },
		{ "23514", UF_EINVAL },
		{ "42501", UF_EPERM },
		{ "UF400", UF_EINVAL },
		{ "UF401", UF_EAUTH },
		{ "UF403", UF_EPERM },
		{ "UF404", UF_ENOTFOUND },
		{ "UF409", UF_ECONFLICT },
		{ "UF429", UF_ERATE },
	};
	size_t i;

	if (strlen(s) != 5)
		return UF_EDB;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(s, map[i].state) == 0)
			return map[i].err;
	if (s[0] == '2' && s[1] == '2') /* data exception: bad input */
		return UF_EINVAL;
	return UF_EDB;
}

/* The seconds of a UF429's DETAIL "retry_after=N" (1..86400), else 0. */
static long
parse_retry_after(const char *detail)
{
	static const char key[] = "retry_after=";
	long v;

	if (detail == NULL || strncmp(detail, key, sizeof(key) - 1) != 0)
		return 0;
	detail += sizeof(key) - 1;
	if (*detail < '0' || *detail > '9')
		return 0;
	if (!num_long(detail, 1, 86400, &v))
		return 0;
	return v;
}

/* Record why res (may be NULL) failed, log it under `what`, return the
 * mapped error. A lost connection is always UF_EDB. */
static uf_err
fail(struct db *db, const char *what, const PGresult *res)
{
	const char *state = NULL, *msg = NULL;
	uf_err e;

	if (res != NULL) {
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	}
	if (msg == NULL)
		msg = PQerrorMessage(db->conn);
	set_failure(db, state, msg);
	e = map_sqlstate(db->sqlstate);
	if (e == UF_ERATE && res != NULL)
		db->retry_after = parse_retry_after(PQresultErrorField(res,
		    PG_DIAG_MESSAGE_DETAIL));
	if (PQstatus(db->conn) == CONNECTION_BAD)
		e = UF_EDB;
	if (e == UF_EDB)
		log_error("db stmt=%s sqlstate=%s msg=\"%s\"", what,
		    db->sqlstate[0] != '\0' ? db->sqlstate : "-", db->errmsg);
	else
		log_warn("db stmt=%s sqlstate=%s err=%s", what, db->sqlstate,
		    uf_err_name(e));
	return e;
}

/* Server notices go to our log, not to libpq's default stderr printer;
 * their text is left out, as a notice may quote data. A terminated idle
 * backend says goodbye with a FATAL 57P0x that arrives as a notice: remember
 * it so db_ensure reconnects before the next request uses the connection. */
static void
notice_receiver(void *arg, const PGresult *res)
{
	struct db *db = arg;
	const char *sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);

	if (sev != NULL && strcmp(sev, "FATAL") == 0)
		db->lost = true;
	if (state != NULL && strncmp(state, "57P0", 4) == 0)
		db->lost = true;
	log_info("db notice severity=%s sqlstate=%s", sev != NULL ? sev : "-",
	    state != NULL ? state : "-");
}

static uf_err
prepare_all(struct db *db)
{
	PGresult *res;
	size_t i;
	uf_err e = UF_OK;

	for (i = 0; i < db->n; i++) {
		const struct db_stmt *s = &db->stmts[i];

		if (is_copy(s->sql))
			continue;
		res = PQprepare(db->conn, s->name, s->sql, s->nparams, NULL);
		if (res == NULL || PQresultStatus(res) != PGRES_COMMAND_OK) {
			(void)fail(db, s->name, res);
			log_error("db prepare failed stmt=%s", s->name);
			e = UF_EDB;
		}
		PQclear(res);
		if (e != UF_OK)
			break;
	}
	return e;
}

/* Everything a fresh (or reset) session needs before use. */
static uf_err
setup_session(struct db *db)
{
	if (PQsetClientEncoding(db->conn, "UTF8") != 0) {
		set_failure(db, NULL, PQerrorMessage(db->conn));
		log_error("db cannot set client_encoding: %s", db->errmsg);
		return UF_EDB;
	}
	return prepare_all(db);
}

/* Programmer errors in a statement table are caught at connect time. */
static bool
table_ok(const struct db_stmt *stmts, size_t n)
{
	size_t i, j;

	if (n > 0 && stmts == NULL)
		return false;
	for (i = 0; i < n; i++) {
		if (stmts[i].name == NULL || stmts[i].sql == NULL ||
		    stmts[i].name[0] == '\0' || stmts[i].nparams < 0 ||
		    stmts[i].nparams > DB_MAX_PARAMS) {
			log_error("db statement table entry %zu is malformed", i);
			return false;
		}
		for (j = 0; j < i; j++)
			if (strcmp(stmts[i].name, stmts[j].name) == 0) {
				log_error("db statement name %s is used twice",
				    stmts[i].name);
				return false;
			}
	}
	return true;
}

uf_err
db_connect(const char *conninfo, const struct db_stmt *stmts, size_t n,
    struct db **out)
{
	struct db *db = NULL;
	uf_err e = UF_OK;

	*out = NULL;
	if (!table_ok(stmts, n)) {
		e = UF_EINTERNAL;
		goto out;
	}
	db = calloc(1, sizeof(*db));
	if (db == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	db->stmts = stmts;
	db->n = n;
	db->conn = PQconnectdb(conninfo);
	if (db->conn == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	(void)PQsetNoticeReceiver(db->conn, notice_receiver, db);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		set_failure(db, NULL, PQerrorMessage(db->conn));
		log_error("db connect failed: %s", db->errmsg);
		e = UF_EDB;
		goto out;
	}
	e = setup_session(db);
	if (e != UF_OK)
		goto out;
	*out = db;
	db = NULL;
out:
	db_close(db);
	return e;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	PQfreemem(db->copy_row);
	if (db->conn != NULL)
		PQfinish(db->conn);
	free(db);
}

/* Read and discard every pending result (after a COPY or an abandoned
 * command) so the connection is ready for the next one. */
static void
drain(struct db *db)
{
	PGresult *res;

	while ((res = PQgetResult(db->conn)) != NULL)
		PQclear(res);
}

uf_err
db_ensure(struct db *db)
{
	PGTransactionStatusType ts;
	uf_err e = UF_OK;

	clear_failure(db);
	if (db->copying) {
		log_warn("db COPY left open; aborting it");
		(void)PQputCopyEnd(db->conn, "abandoned by client");
		drain(db);
		db->copying = false;
	}
	if (db->copy_out) {
		log_warn("db COPY out left open; cancelling it");
		db_copy_out_abort(db);
	}
	/* A backend that was terminated while we were idle has already sent its
	 * goodbye; reading it now (without blocking) lets us reconnect before
	 * the request uses the connection. */
	if (PQstatus(db->conn) == CONNECTION_OK && PQconsumeInput(db->conn) == 1)
		(void)PQisBusy(db->conn); /* parses what arrived: the notice */
	if (db->lost || PQstatus(db->conn) != CONNECTION_OK) {
		log_warn("db connection lost; reconnecting");
		db->lost = false;
		PQreset(db->conn);
		if (PQstatus(db->conn) != CONNECTION_OK) {
			set_failure(db, NULL, PQerrorMessage(db->conn));
			log_error("db reconnect failed: %s", db->errmsg);
			e = UF_EDB;
			goto out;
		}
		e = setup_session(db);
		goto out;
	}
	/* Never carry a transaction from one request into the next. */
	ts = PQtransactionStatus(db->conn);
	if (ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR) {
		log_warn("db transaction left open; rolling back");
		e = db_rollback(db);
	}
out:
	return e;
}

/* Run a fixed command that returns no rows (BEGIN, COMMIT, ...). */
static uf_err
simple_command(struct db *db, const char *name, const char *sql, PGresult **keep)
{
	PGresult *res;
	uf_err e = UF_OK;

	clear_failure(db);
	if (in_copy(db))
		return UF_EINTERNAL;
	res = PQexec(db->conn, sql);
	if (res == NULL || PQresultStatus(res) != PGRES_COMMAND_OK) {
		e = fail(db, name, res);
		PQclear(res);
		return e;
	}
	if (keep != NULL)
		*keep = res;
	else
		PQclear(res);
	return UF_OK;
}

uf_err
db_begin(struct db *db)
{
	if (PQtransactionStatus(db->conn) != PQTRANS_IDLE &&
	    PQtransactionStatus(db->conn) != PQTRANS_UNKNOWN) {
		/* A second owner: its COMMIT would end the first one's work. */
		log_error("db stmt=begin msg=\"a transaction is already open\"");
		return UF_EINTERNAL;
	}
	return simple_command(db, "begin", "BEGIN ISOLATION LEVEL READ COMMITTED", NULL);
}

uf_err
db_end(struct db *db, uf_err e)
{
	if (e == UF_OK)
		return db_commit(db);
	if (db_rollback(db) != UF_OK)
		log_error("db stmt=rollback msg=\"rollback failed\"");
	return e;
}

uf_err
db_commit(struct db *db)
{
	PGresult *res = NULL;
	uf_err e;

	e = simple_command(db, "commit", "COMMIT", &res);
	if (e != UF_OK)
		goto out;
	/* COMMIT of a failed transaction "succeeds" as a ROLLBACK. */
	if (strcmp(PQcmdStatus(res), "ROLLBACK") == 0) {
		set_failure(db, "25P02", "transaction was aborted; rolled back");
		log_error("db stmt=commit sqlstate=25P02 msg=\"%s\"", db->errmsg);
		e = UF_EDB;
	}
out:
	PQclear(res);
	return e;
}

uf_err
db_rollback(struct db *db)
{
	PGTransactionStatusType ts = PQtransactionStatus(db->conn);

	/* Idle: nothing to undo. Unknown: the connection is gone and the
	 * server has already rolled back. */
	if (ts == PQTRANS_IDLE || ts == PQTRANS_UNKNOWN) {
		clear_failure(db);
		return UF_OK;
	}
	return simple_command(db, "rollback", "ROLLBACK", NULL);
}

uf_err
db_exec(struct db *db, size_t idx, const char *const *params,
    struct db_res **out)
{
	const struct db_stmt *s;
	PGresult *res = NULL;
	ExecStatusType st;
	uf_err e = UF_OK;

	if (out != NULL)
		*out = NULL;
	clear_failure(db);
	db->retry_after = 0;
	if (idx >= db->n || is_copy(db->stmts[idx].sql) || in_copy(db) ||
	    (params == NULL && db->stmts[idx].nparams > 0)) {
		log_error("db_exec misuse: statement %zu", idx);
		e = UF_EINTERNAL;
		goto out;
	}
	s = &db->stmts[idx];
	res = PQexecPrepared(db->conn, s->name, s->nparams, params, NULL, NULL, 0);
	st = res == NULL ? PGRES_FATAL_ERROR : PQresultStatus(res);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		e = fail(db, s->name, res);
		goto out;
	}
	if (out != NULL) {
		*out = malloc(sizeof(**out));
		if (*out == NULL) {
			e = UF_ENOMEM;
			goto out;
		}
		(*out)->res = res;
		res = NULL; /* handed out */
	}
out:
	PQclear(res);
	return e;
}

uf_err
db_exec_script(struct db *db, const char *sql)
{
	PGresult *res;
	ExecStatusType st;
	uf_err e = UF_OK;

	clear_failure(db);
	if (in_copy(db))
		return UF_EINTERNAL;
	res = PQexec(db->conn, sql);
	st = res == NULL ? PGRES_FATAL_ERROR : PQresultStatus(res);
	if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT || st == PGRES_COPY_BOTH) {
		/* A script cannot feed COPY: refuse it and resync. */
		if (st == PGRES_COPY_IN)
			(void)PQputCopyEnd(db->conn, "COPY not allowed in a script");
		PQclear(res);
		res = NULL;
		if (st != PGRES_COPY_IN) {
			char *buf = NULL;

			while (PQgetCopyData(db->conn, &buf, 0) > 0) {
				PQfreemem(buf);
				buf = NULL;
			}
		}
		drain(db);
		set_failure(db, NULL, "COPY not allowed in a script");
		log_error("db stmt=script msg=\"%s\"", db->errmsg);
		e = UF_EINTERNAL;
		goto out;
	}
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY)
		e = fail(db, "script", res);
out:
	PQclear(res);
	return e;
}

uf_err
db_copy_begin(struct db *db, size_t idx)
{
	PGresult *res = NULL;
	uf_err e = UF_OK;

	clear_failure(db);
	if (idx >= db->n || !is_copy(db->stmts[idx].sql) || in_copy(db)) {
		log_error("db_copy_begin misuse: statement %zu", idx);
		e = UF_EINTERNAL;
		goto out;
	}
	res = PQexec(db->conn, db->stmts[idx].sql);
	if (res != NULL && PQresultStatus(res) == PGRES_COPY_OUT) {
		/* a COPY TO entry: stop it, the connection stays usable */
		log_error("db_copy_begin misuse: statement %zu copies out", idx);
		db->copy_out = true;
		db_copy_out_abort(db);
		e = UF_EINTERNAL;
		goto out;
	}
	if (res == NULL || PQresultStatus(res) != PGRES_COPY_IN) {
		e = fail(db, db->stmts[idx].name, res);
		goto out;
	}
	db->copying = true;
	db->copy_failed = false;
	db->copy_idx = idx;
out:
	PQclear(res);
	return e;
}

uf_err
db_copy_put(struct db *db, const char *data, size_t len)
{
	size_t chunk;

	if (!db->copying || db->copy_failed)
		return UF_EINTERNAL;
	while (len > 0) {
		chunk = len > DB_COPY_CHUNK ? DB_COPY_CHUNK : len;
		if (PQputCopyData(db->conn, data, (int)chunk) != 1) {
			set_failure(db, NULL, PQerrorMessage(db->conn));
			log_error("db stmt=%s copy data failed: %s",
			    db->stmts[db->copy_idx].name, db->errmsg);
			db->copy_failed = true;
			return UF_EDB;
		}
		data += chunk;
		len -= chunk;
	}
	return UF_OK;
}

/* A COPY's end, either way: the server's verdict is the first result
 * (kept when e, the outcome so far, is UF_OK); all are read so the
 * connection is free. */
static uf_err
copy_verdict(struct db *db, const char *name, uf_err e)
{
	PGresult *res;
	bool first = true;

	while ((res = PQgetResult(db->conn)) != NULL) {
		if (first && e == UF_OK && PQresultStatus(res) != PGRES_COMMAND_OK)
			e = fail(db, name, res);
		first = false;
		PQclear(res);
	}
	return e;
}

uf_err
db_copy_end(struct db *db)
{
	const char *name;
	uf_err e = UF_OK;

	if (!db->copying)
		return UF_EINTERNAL;
	name = db->stmts[db->copy_idx].name;
	db->copying = false;
	if (PQputCopyEnd(db->conn, db->copy_failed ? "client aborted COPY" : NULL) != 1) {
		set_failure(db, NULL, PQerrorMessage(db->conn));
		log_error("db stmt=%s copy end failed: %s", name, db->errmsg);
		e = UF_EDB;
	}
	e = copy_verdict(db, name, e);
	if (e == UF_OK && db->copy_failed)
		e = UF_EDB;
	db->copy_failed = false;
	return e;
}

uf_err
db_copy_out_begin(struct db *db, size_t idx)
{
	PGresult *res = NULL;
	ExecStatusType st;
	uf_err e = UF_OK;

	clear_failure(db);
	if (idx >= db->n || !is_copy(db->stmts[idx].sql) || in_copy(db)) {
		log_error("db_copy_out_begin misuse: statement %zu", idx);
		e = UF_EINTERNAL;
		goto out;
	}
	res = PQexec(db->conn, db->stmts[idx].sql);
	st = res == NULL ? PGRES_FATAL_ERROR : PQresultStatus(res);
	if (st == PGRES_COPY_IN) {
		/* a COPY FROM entry: end it with an error, nothing is loaded */
		log_error("db_copy_out_begin misuse: statement %zu copies in", idx);
		(void)PQputCopyEnd(db->conn, "not a COPY TO STDOUT");
		drain(db);
		e = UF_EINTERNAL;
		goto out;
	}
	if (st != PGRES_COPY_OUT) {
		e = fail(db, db->stmts[idx].name, res);
		goto out;
	}
	db->copy_out = true;
	db->copy_idx = idx;
out:
	PQclear(res);
	return e;
}

/* One escape of COPY's text format, as the server writes them: a
 * backslash, or a control character by its letter. 0: none of those. */
static char
unescape(char c)
{
	switch (c) {
	case '\\':
		return '\\';
	case 'b':
		return '\b';
	case 'f':
		return '\f';
	case 'n':
		return '\n';
	case 'r':
		return '\r';
	case 't':
		return '\t';
	case 'v':
		return '\v';
	}
	return '\0';
}

/* Split a row of COPY text (fields between tabs, a newline at the end) in
 * place: each field NUL-terminated and unescaped (never longer than
 * escaped), "\N" alone a NULL. */
static uf_err
split_row(char *s, size_t len, struct db_row *row)
{
	char *p = s;

	if (len == 0 || s[len - 1] != '\n' || memchr(s, '\0', len) != NULL)
		return UF_EFORMAT;
	s[len - 1] = '\0';
	for (;;) {
		char *start = p, *w = p;
		bool null = p[0] == '\\' && p[1] == 'N' && (p[2] == '\t' || p[2] == '\0');

		if (row->n == DB_ROW_MAX_FIELDS)
			return UF_EFORMAT;
		if (null)
			p += 2;
		while (!null && *p != '\t' && *p != '\0') {
			if (*p != '\\') {
				*w++ = *p++;
				continue;
			}
			if ((*w = unescape(p[1])) == '\0')
				return UF_EFORMAT;
			w++;
			p += 2;
		}
		row->field[row->n++] = null ? NULL : start;
		if (*p == '\0') {
			*w = '\0';
			return UF_OK;
		}
		*w = '\0'; /* over the tab, or before it when unescaping shrank */
		p++;
	}
}

static uf_err
copy_out_finish(struct db *db, uf_err e)
{
	db->copy_out = false;
	return copy_verdict(db, db->stmts[db->copy_idx].name, e);
}

uf_err
db_copy_out_next(struct db *db, struct db_row *row, bool *end)
{
	char *buf = NULL;
	int len;
	uf_err e;

	*end = false;
	row->n = 0;
	PQfreemem(db->copy_row);
	db->copy_row = NULL;
	if (!db->copy_out)
		return UF_EINTERNAL;
	len = PQgetCopyData(db->conn, &buf, 0);
	if (len > 0) {
		db->copy_row = buf;
		e = split_row(buf, (size_t)len, row);
		if (e != UF_OK) {
			row->n = 0;
			set_failure(db, NULL, "malformed COPY row");
			log_error("db stmt=%s msg=\"%s\"", db->stmts[db->copy_idx].name,
			    db->errmsg);
		}
		return e;
	}
	/* -1: the server ended the rows; -2: the connection failed (a
	 * result may still say why). Either way the rows may be short, so
	 * only a successful verdict ends them. */
	e = UF_OK;
	if (len != -1) {
		(void)fail(db, db->stmts[db->copy_idx].name, NULL);
		e = UF_EDB;
	}
	e = copy_out_finish(db, e);
	*end = e == UF_OK;
	return e;
}

void
db_copy_out_abort(struct db *db)
{
	PGcancel *cancel;
	char errbuf[256];
	char *buf = NULL;

	if (!db->copy_out)
		return;
	PQfreemem(db->copy_row);
	db->copy_row = NULL;
	cancel = PQgetCancel(db->conn);
	if (cancel == NULL || PQcancel(cancel, errbuf, (int)sizeof(errbuf)) != 1)
		log_warn("db stmt=%s cannot send a cancel; reading to the end",
		    db->stmts[db->copy_idx].name);
	PQfreeCancel(cancel);
	while (PQgetCopyData(db->conn, &buf, 0) > 0) {
		PQfreemem(buf);
		buf = NULL;
	}
	(void)copy_out_finish(db, UF_EDB);
}

long
db_retry_after(const struct db *db)
{
	return db == NULL ? 0 : db->retry_after;
}

const char *
db_sqlstate(const struct db *db)
{
	return db == NULL ? "" : db->sqlstate;
}

const char *
db_errmsg(const struct db *db)
{
	return db == NULL ? "" : db->errmsg;
}

int
db_res_rows(const struct db_res *r)
{
	return r == NULL ? 0 : PQntuples(r->res);
}

static bool
in_range(const struct db_res *r, int row, int col)
{
	return r != NULL && row >= 0 && row < PQntuples(r->res) &&
	    col >= 0 && col < PQnfields(r->res);
}

bool
db_res_isnull(const struct db_res *r, int row, int col)
{
	if (!in_range(r, row, col))
		return true;
	return PQgetisnull(r->res, row, col) != 0;
}

const char *
db_res_get(const struct db_res *r, int row, int col)
{
	const char *v;

	if (!in_range(r, row, col)) {
		log_error("db_res_get out of range row=%d col=%d", row, col);
		return "";
	}
	v = PQgetvalue(r->res, row, col);
	return v == NULL ? "" : v;
}

uf_err
db_res_long(const struct db_res *r, int row, int col, long long *v)
{
	const char *s;
	long long x;

	if (db_res_isnull(r, row, col))
		return UF_EINVAL;
	s = PQgetvalue(r->res, row, col);
	if (s == NULL || !num_ll(s, strlen(s), LLONG_MIN, LLONG_MAX, &x))
		return UF_EINVAL;
	*v = x;
	return UF_OK;
}

void
db_res_free(struct db_res *r)
{
	if (r == NULL)
		return;
	PQclear(r->res);
	free(r);
}
