/* SPDX-License-Identifier: ISC
 * Tests for lib/db.c against a real PostgreSQL; skipped (exit 77) unless
 * UF_TEST_CONNINFO is set. Statements are prepared at connect time, before
 * any temporary object exists, so statements that touch pg_temp objects run
 * inside DO blocks (which resolve names when executed).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "check_run.h"

enum {
	S_ECHO,
	S_ADD_ONE,
	S_SERIES,
	S_PID,
	S_TERMINATE,
	S_INS_ONE,
	S_INS_NULL,
	S_FIND,
	S_RAISE_UF400,
	S_RAISE_UF401,
	S_RAISE_UF403,
	S_RAISE_UF409,
	S_RAISE_UF429,
	S_RAISE_23503,
	S_RAISE_23514,
	S_RAISE_42501,
	S_RAISE_P0001,
	S_COPY,
	S_OUT_SCOPE,
	S_OUT,
	S_OUT_FAIL,
	S_OUT_WIDE,
	S__MAX
};

#define RAISE(code) "DO $$BEGIN RAISE EXCEPTION 'test' USING ERRCODE = '" code "'; END$$"

static const struct db_stmt stmts[S__MAX] = {
	[S_ECHO] = { "echo", "SELECT $1::text, $2::text", 2 },
	[S_ADD_ONE] = { "add_one", "SELECT $1::int + 1", 1 },
	[S_SERIES] = { "series", "SELECT g, CASE WHEN g % 2 = 0 THEN NULL ELSE 'v' || g END "
	                         "FROM generate_series(1, $1::int) g ORDER BY g",
	    1 },
	[S_PID] = { "pid", "SELECT pg_backend_pid()", 0 },
	[S_TERMINATE] = { "terminate", "SELECT pg_terminate_backend($1::int, 10000)", 1 },
	[S_INS_ONE] = { "ins_one", "DO $$BEGIN INSERT INTO pg_temp.uf_t (id) VALUES (1); END$$", 0 },
	[S_INS_NULL] = { "ins_null", "DO $$BEGIN INSERT INTO pg_temp.uf_t (id) VALUES (NULL); END$$", 0 },
	[S_FIND] = { "find", "DO $$BEGIN PERFORM pg_temp.uf_find(7); END$$", 0 },
	[S_RAISE_UF400] = { "uf400", RAISE("UF400"), 0 },
	[S_RAISE_UF401] = { "uf401", RAISE("UF401"), 0 },
	[S_RAISE_UF403] = { "uf403", RAISE("UF403"), 0 },
	[S_RAISE_UF409] = { "uf409", RAISE("UF409"), 0 },
	[S_RAISE_UF429] = { "uf429", RAISE("UF429"), 0 },
	[S_RAISE_23503] = { "e23503", RAISE("23503"), 0 },
	[S_RAISE_23514] = { "e23514", RAISE("23514"), 0 },
	[S_RAISE_42501] = { "e42501", RAISE("42501"), 0 },
	[S_RAISE_P0001] = { "p0001", RAISE("P0001"), 0 },
	[S_COPY] = { "copy_c", "COPY pg_temp.uf_c (id, name) FROM STDIN", 0 },
	/* COPY out with its parameter as a transaction-local setting, as the
	 * report's answers are read: rows 1..n, every third value NULL, the
	 * rest a text with each character COPY escapes */
	[S_OUT_SCOPE] = { "out_scope", "SELECT set_config('uf_test.n', $1::int::text, true)", 1 },
	[S_OUT] = { "out",
	    "COPY (SELECT g, CASE WHEN g % 3 = 0 THEN NULL "
	    "ELSE g || E'\\\\a\\tb\\nc\\rd\\be\\ff' || chr(11) || 'g åäö' END, '' "
	    "FROM generate_series(1, current_setting('uf_test.n')::int) g ORDER BY g) TO STDOUT",
	    0 },
	/* fails after 30,000 rows were sent */
	[S_OUT_FAIL] = { "out_fail",
	    "COPY (SELECT 1 / (30001 - g) FROM generate_series(1, 60000) g) TO STDOUT", 0 },
	[S_OUT_WIDE] = { "out_wide",
	    "COPY (SELECT 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, "
	    "19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33) TO STDOUT",
	    0 },
};

static const char *SETUP =
    "CREATE TEMP TABLE uf_t (id int PRIMARY KEY);"
    "CREATE TEMP TABLE uf_c (id int PRIMARY KEY, name text);"
    "CREATE FUNCTION pg_temp.uf_find(n int) RETURNS int LANGUAGE plpgsql AS $$"
    "BEGIN RAISE EXCEPTION 'no thing %', n USING ERRCODE = 'UF404'; END$$;";

/* Scripts that fail (UF409) unless a temp table holds what we expect. */
static const char *CHECK_T_EMPTY =
    "DO $$BEGIN IF (SELECT count(*) FROM pg_temp.uf_t) <> 0 THEN "
    "RAISE EXCEPTION 'uf_t not empty' USING ERRCODE = 'UF409'; END IF; END$$";
static const char *CHECK_T_ONE =
    "DO $$BEGIN IF (SELECT count(*) FROM pg_temp.uf_t) <> 1 THEN "
    "RAISE EXCEPTION 'uf_t count' USING ERRCODE = 'UF409'; END IF; END$$";
static const char *CHECK_C_THREE =
    "DO $$BEGIN IF (SELECT string_agg(id || '=' || coalesce(name, 'NULL'), ',' ORDER BY id) "
    "FROM pg_temp.uf_c) IS DISTINCT FROM '1=ett,2=NULL,3=tre\tflik' THEN "
    "RAISE EXCEPTION 'uf_c content' USING ERRCODE = 'UF409'; END IF; END$$";

static const char *conninfo;

static struct db *
connect_setup(void)
{
	struct db *db = NULL;

	ck_assert_int_eq(db_connect(conninfo, stmts, S__MAX, &db), UF_OK);
	ck_assert_ptr_nonnull(db);
	ck_assert_int_eq(db_exec_script(db, SETUP), UF_OK);
	return db;
}

static long long
backend_pid(struct db *db)
{
	struct db_res *r = NULL;
	long long pid = 0;

	ck_assert_int_eq(db_exec(db, S_PID, NULL, &r), UF_OK);
	ck_assert_int_eq(db_res_rows(r), 1);
	ck_assert_int_eq(db_res_long(r, 0, 0, &pid), UF_OK);
	db_res_free(r);
	ck_assert_int_gt(pid, 0);
	return pid;
}

START_TEST(test_round_trip)
{
	struct db *db = connect_setup();
	struct db_res *r = NULL;
	const char *p[2] = { "hej åäö ☃", "'; DROP TABLE uf_t; -- \\ \"" };
	const char *one[1] = { "41" };
	long long v = 0;

	ck_assert_int_eq(db_exec(db, S_ECHO, p, &r), UF_OK);
	ck_assert_int_eq(db_res_rows(r), 1);
	ck_assert_str_eq(db_res_get(r, 0, 0), p[0]);
	ck_assert_str_eq(db_res_get(r, 0, 1), p[1]);
	ck_assert(!db_res_isnull(r, 0, 0));
	/* Out of range is refused, not a crash. */
	ck_assert_str_eq(db_res_get(r, 1, 0), "");
	ck_assert_str_eq(db_res_get(r, 0, 2), "");
	ck_assert_str_eq(db_res_get(r, -1, 0), "");
	ck_assert_int_eq(db_res_long(r, 0, 0, &v), UF_EINVAL);
	db_res_free(r);
	ck_assert_int_eq(db_exec(db, S_ADD_ONE, one, &r), UF_OK);
	ck_assert_int_eq(db_res_long(r, 0, 0, &v), UF_OK);
	ck_assert_int_eq(v, 42);
	db_res_free(r);
	/* Without out the result is cleared inside. */
	ck_assert_int_eq(db_exec(db, S_ADD_ONE, one, NULL), UF_OK);
	ck_assert_str_eq(db_sqlstate(db), "");
	db_res_free(NULL);
	db_close(db);
	db_close(NULL);
}
END_TEST

START_TEST(test_nulls_and_rows)
{
	struct db *db = connect_setup();
	struct db_res *r = (struct db_res *)1;
	const char *p[2] = { NULL, "x" };
	const char *five[1] = { "5" };
	const char *zero[1] = { "0" };
	long long v = 0;
	int i;

	ck_assert_int_eq(db_exec(db, S_ECHO, p, &r), UF_OK);
	ck_assert(db_res_isnull(r, 0, 0));
	ck_assert_str_eq(db_res_get(r, 0, 0), "");
	ck_assert(!db_res_isnull(r, 0, 1));
	ck_assert_str_eq(db_res_get(r, 0, 1), "x");
	ck_assert_int_eq(db_res_long(r, 0, 0, &v), UF_EINVAL);
	db_res_free(r);

	ck_assert_int_eq(db_exec(db, S_SERIES, five, &r), UF_OK);
	ck_assert_int_eq(db_res_rows(r), 5);
	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(db_res_long(r, i, 0, &v), UF_OK);
		ck_assert_int_eq(v, i + 1);
		ck_assert(db_res_isnull(r, i, 1) == (i % 2 == 1));
	}
	ck_assert_str_eq(db_res_get(r, 4, 1), "v5");
	db_res_free(r);
	ck_assert_int_eq(db_exec(db, S_SERIES, zero, &r), UF_OK);
	ck_assert_int_eq(db_res_rows(r), 0);
	db_res_free(r);
	ck_assert_int_eq(db_res_rows(NULL), 0);
	db_close(db);
}
END_TEST

START_TEST(test_unique_violation)
{
	struct db *db = connect_setup();
	struct db_res *r = (struct db_res *)1;

	ck_assert_int_eq(db_exec(db, S_INS_ONE, NULL, NULL), UF_OK);
	ck_assert_int_eq(db_exec(db, S_INS_ONE, NULL, &r), UF_ECONFLICT);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(db_sqlstate(db), "23505");
	ck_assert_msg(strstr(db_errmsg(db), "duplicate key") != NULL, "%s", db_errmsg(db));
	ck_assert_ptr_null(strchr(db_errmsg(db), '\n'));
	/* The connection stays usable and the error is forgotten on success. */
	ck_assert_int_eq(db_exec_script(db, CHECK_T_ONE), UF_OK);
	ck_assert_str_eq(db_sqlstate(db), "");
	db_close(db);
}
END_TEST

START_TEST(test_sqlstate_mapping)
{
	static const struct {
		int idx;
		uf_err want;
		const char *state;
	} cases[] = {
		{ S_FIND, UF_ENOTFOUND, "UF404" },
		{ S_INS_NULL, UF_EINVAL, "23502" },
		{ S_RAISE_UF400, UF_EINVAL, "UF400" },
		{ S_RAISE_UF401, UF_EAUTH, "UF401" },
		{ S_RAISE_UF403, UF_EPERM, "UF403" },
		{ S_RAISE_UF409, UF_ECONFLICT, "UF409" },
		{ S_RAISE_UF429, UF_ERATE, "UF429" },
		{ S_RAISE_23503, UF_EINVAL, "23503" },
		{ S_RAISE_23514, UF_EINVAL, "23514" },
		{ S_RAISE_42501, UF_EPERM, "42501" },
		{ S_RAISE_P0001, UF_EDB, "P0001" },
	};
	struct db *db = connect_setup();
	const char *bad[1] = { "abc" };
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_msg(db_exec(db, (size_t)cases[i].idx, NULL, NULL) == cases[i].want,
		    "statement %s", stmts[cases[i].idx].name);
		ck_assert_str_eq(db_sqlstate(db), cases[i].state);
	}
	ck_assert_str_eq(db_errmsg(db), "test");
	/* Class 22 from a real bad parameter. */
	ck_assert_int_eq(db_exec(db, S_ADD_ONE, bad, NULL), UF_EINVAL);
	ck_assert_str_eq(db_sqlstate(db), "22P02");
	/* Misuse of the table is a programmer error. */
	ck_assert_int_eq(db_exec(db, S__MAX, NULL, NULL), UF_EINTERNAL);
	ck_assert_int_eq(db_exec(db, S_COPY, NULL, NULL), UF_EINTERNAL);
	ck_assert_int_eq(db_exec(db, S_ADD_ONE, NULL, NULL), UF_EINTERNAL);
	ck_assert_int_eq(db_copy_begin(db, S_ECHO), UF_EINTERNAL);
	db_close(db);
}
END_TEST

START_TEST(test_transactions)
{
	struct db *db = connect_setup();

	ck_assert_int_eq(db_rollback(db), UF_OK); /* nothing open */
	ck_assert_int_eq(db_begin(db), UF_OK);
	ck_assert_int_eq(db_exec(db, S_INS_ONE, NULL, NULL), UF_OK);
	ck_assert_int_eq(db_rollback(db), UF_OK);
	ck_assert_int_eq(db_exec_script(db, CHECK_T_EMPTY), UF_OK);

	ck_assert_int_eq(db_begin(db), UF_OK);
	ck_assert_int_eq(db_exec(db, S_INS_ONE, NULL, NULL), UF_OK);
	ck_assert_int_eq(db_commit(db), UF_OK);
	ck_assert_int_eq(db_exec_script(db, CHECK_T_ONE), UF_OK);

	/* A failed statement dooms the transaction: COMMIT must not say OK. */
	ck_assert_int_eq(db_begin(db), UF_OK);
	ck_assert_int_eq(db_exec(db, S_INS_ONE, NULL, NULL), UF_ECONFLICT);
	ck_assert_int_eq(db_commit(db), UF_EDB);
	ck_assert_str_eq(db_sqlstate(db), "25P02");
	ck_assert_int_eq(db_rollback(db), UF_OK);

	/* db_ensure closes a transaction a previous request left open. */
	ck_assert_int_eq(db_exec_script(db, "DELETE FROM pg_temp.uf_t"), UF_OK);
	ck_assert_int_eq(db_begin(db), UF_OK);
	ck_assert_int_eq(db_exec(db, S_INS_ONE, NULL, NULL), UF_OK);
	ck_assert_int_eq(db_ensure(db), UF_OK);
	ck_assert_int_eq(db_exec_script(db, CHECK_T_EMPTY), UF_OK);
	db_close(db);
}
END_TEST

/* One owner per transaction: a second BEGIN is refused and leaves the
 * first owner's work alone (before, it only warned, and the inner COMMIT
 * committed the outer work early); db_end commits or rolls back by the
 * outcome, so a failing operation leaves nothing half written. */
START_TEST(test_one_owner)
{
	struct db *db = connect_setup();

	ck_assert_int_eq(db_begin(db), UF_OK);
	ck_assert_int_eq(db_exec(db, S_INS_ONE, NULL, NULL), UF_OK);
	ck_assert_int_eq(db_begin(db), UF_EINTERNAL);       /* nested: refused */
	ck_assert_int_eq(db_end(db, UF_EINVAL), UF_EINVAL); /* the owner fails */
	ck_assert_int_eq(db_exec_script(db, CHECK_T_EMPTY), UF_OK);

	/* a failing step after a good one: nothing of either stays */
	ck_assert_int_eq(db_begin(db), UF_OK);
	ck_assert_int_eq(db_exec(db, S_INS_ONE, NULL, NULL), UF_OK);
	ck_assert_int_eq(db_end(db, db_exec(db, S_INS_NULL, NULL, NULL)), UF_EINVAL);
	ck_assert_int_eq(db_exec_script(db, CHECK_T_EMPTY), UF_OK);

	/* success commits, and a new transaction may begin after it */
	ck_assert_int_eq(db_begin(db), UF_OK);
	ck_assert_int_eq(db_exec(db, S_INS_ONE, NULL, NULL), UF_OK);
	ck_assert_int_eq(db_end(db, UF_OK), UF_OK);
	ck_assert_int_eq(db_exec_script(db, CHECK_T_ONE), UF_OK);
	ck_assert_int_eq(db_begin(db), UF_OK);
	ck_assert_int_eq(db_end(db, UF_OK), UF_OK);

	/* COMMIT of a doomed transaction reports its failure */
	ck_assert_int_eq(db_begin(db), UF_OK);
	ck_assert_int_eq(db_exec(db, S_INS_ONE, NULL, NULL), UF_ECONFLICT);
	ck_assert_int_eq(db_end(db, UF_OK), UF_EDB);
	ck_assert_int_eq(db_begin(db), UF_OK); /* and nothing is left open */
	ck_assert_int_eq(db_end(db, UF_OK), UF_OK);
	ck_assert_int_eq(db_exec_script(db, CHECK_T_ONE), UF_OK);
	db_close(db);
}
END_TEST

START_TEST(test_script_errors)
{
	struct db *db = connect_setup();

	ck_assert_int_eq(db_exec_script(db, ""), UF_OK);
	ck_assert_int_eq(db_exec_script(db, "SELEC 1"), UF_EDB);
	ck_assert_str_eq(db_sqlstate(db), "42601");
	ck_assert_int_eq(db_exec_script(db, CHECK_T_ONE), UF_ECONFLICT);
	ck_assert_int_eq(db_exec_script(db, "COPY pg_temp.uf_c FROM STDIN"), UF_EINTERNAL);
	/* Still in sync after the refused COPY. */
	ck_assert_int_eq(backend_pid(db) > 0, 1);
	db_close(db);
}
END_TEST

START_TEST(test_connect_failures)
{
	static const struct db_stmt broken[] = {
		{ "fine", "SELECT 1", 0 },
		{ "broken", "SELEC nonsense", 0 },
	};
	static const struct db_stmt twice[] = {
		{ "same", "SELECT 1", 0 },
		{ "same", "SELECT 2", 0 },
	};
	static const struct db_stmt null_sql[] = { { "x", NULL, 0 } };
	struct db *db = (struct db *)1;

	ck_assert_int_eq(db_connect("host=/nonexistent port=1 dbname=x connect_timeout=2",
	                     stmts, S__MAX, &db),
	    UF_EDB);
	ck_assert_ptr_null(db);
	db = (struct db *)1;
	ck_assert_int_eq(db_connect(conninfo, broken, 2, &db), UF_EDB);
	ck_assert_ptr_null(db);
	ck_assert_int_eq(db_connect(conninfo, twice, 2, &db), UF_EINTERNAL);
	ck_assert_ptr_null(db);
	ck_assert_int_eq(db_connect(conninfo, null_sql, 1, &db), UF_EINTERNAL);
	ck_assert_int_eq(db_connect(conninfo, NULL, 0, &db), UF_OK);
	db_close(db);
}
END_TEST

START_TEST(test_reconnect)
{
	struct db *db = NULL, *killer = NULL;
	struct db_res *r = NULL;
	char pidtext[32];
	const char *p[1] = { pidtext };
	long long pid, pid2, pid3;
	int n;

	ck_assert_int_eq(db_connect(conninfo, stmts, S__MAX, &db), UF_OK);
	ck_assert_int_eq(db_connect(conninfo, stmts, S__MAX, &killer), UF_OK);

	/* Lost while idle: db_ensure notices and reconnects before use. */
	pid = backend_pid(db);
	n = snprintf(pidtext, sizeof(pidtext), "%lld", pid);
	ck_assert(n > 0 && (size_t)n < sizeof(pidtext));
	ck_assert_int_eq(db_exec(killer, S_TERMINATE, p, &r), UF_OK);
	ck_assert_str_eq(db_res_get(r, 0, 0), "t");
	db_res_free(r);
	ck_assert_int_eq(db_ensure(db), UF_OK);
	pid2 = backend_pid(db); /* statements were prepared again */
	ck_assert_int_ne(pid2, pid);

	/* Used without db_ensure: the call fails as EDB, the next ensure heals. */
	n = snprintf(pidtext, sizeof(pidtext), "%lld", pid2);
	ck_assert(n > 0 && (size_t)n < sizeof(pidtext));
	ck_assert_int_eq(db_exec(killer, S_TERMINATE, p, NULL), UF_OK);
	ck_assert_int_eq(db_exec(db, S_PID, NULL, NULL), UF_EDB);
	ck_assert_int_eq(db_exec(db, S_PID, NULL, NULL), UF_EDB);
	ck_assert_int_eq(db_ensure(db), UF_OK);
	pid3 = backend_pid(db);
	ck_assert_int_ne(pid3, pid2);
	ck_assert_int_eq(db_ensure(db), UF_OK);
	ck_assert_int_eq(backend_pid(db), pid3); /* healthy: no reconnect */
	db_close(killer);
	db_close(db);
}
END_TEST

START_TEST(test_copy)
{
	struct db *db = connect_setup();
	const char *part1 = "1\tett\n2\t\\N\n";
	const char *part2 = "3\ttre\\tflik\n";

	ck_assert_int_eq(db_copy_put(db, "x", 1), UF_EINTERNAL);
	ck_assert_int_eq(db_copy_end(db), UF_EINTERNAL);
	ck_assert_int_eq(db_copy_begin(db, S_COPY), UF_OK);
	ck_assert_int_eq(db_copy_begin(db, S_COPY), UF_EINTERNAL);
	ck_assert_int_eq(db_exec(db, S_PID, NULL, NULL), UF_EINTERNAL);
	ck_assert_int_eq(db_copy_put(db, part1, strlen(part1)), UF_OK);
	ck_assert_int_eq(db_copy_put(db, part2, strlen(part2)), UF_OK);
	ck_assert_int_eq(db_copy_end(db), UF_OK);
	ck_assert_int_eq(db_exec_script(db, CHECK_C_THREE), UF_OK);

	/* Bad data and duplicates: the server's verdict, nothing stored. */
	ck_assert_int_eq(db_copy_begin(db, S_COPY), UF_OK);
	ck_assert_int_eq(db_copy_put(db, "4\tfyra\nx\ty\n", strlen("4\tfyra\nx\ty\n")), UF_OK);
	ck_assert_int_eq(db_copy_end(db), UF_EINVAL);
	ck_assert_str_eq(db_sqlstate(db), "22P02");
	ck_assert_int_eq(db_copy_begin(db, S_COPY), UF_OK);
	ck_assert_int_eq(db_copy_put(db, "1\tdubblett\n", strlen("1\tdubblett\n")), UF_OK);
	ck_assert_int_eq(db_copy_end(db), UF_ECONFLICT);
	ck_assert_int_eq(db_exec_script(db, CHECK_C_THREE), UF_OK);

	/* A COPY left open is aborted by db_ensure; the rows are discarded. */
	ck_assert_int_eq(db_copy_begin(db, S_COPY), UF_OK);
	ck_assert_int_eq(db_copy_put(db, "9\tnio\n", strlen("9\tnio\n")), UF_OK);
	ck_assert_int_eq(db_ensure(db), UF_OK);
	ck_assert_int_eq(db_exec_script(db, CHECK_C_THREE), UF_OK);
	ck_assert_int_gt(backend_pid(db), 0);
	db_close(db);
}
END_TEST

/* Read the rest of S_OUT's stream after row `n`, checking each row; the
 * last row's number. */
static long
read_out(struct db *db, long n, uf_err *err)
{
	struct db_row row;
	char want[64];
	bool end = false;
	uf_err e;

	while ((e = db_copy_out_next(db, &row, &end)) == UF_OK && !end) {
		n++;
		ck_assert_uint_eq(row.n, 3);
		snprintf(want, sizeof(want), "%ld", n);
		ck_assert_str_eq(row.field[0], want);
		if (n % 3 == 0) {
			ck_assert_ptr_null(row.field[1]);
		} else {
			snprintf(want, sizeof(want), "%ld\\a\tb\nc\rd\be\ff\vg åäö", n);
			ck_assert_str_eq(row.field[1], want);
		}
		ck_assert_ptr_nonnull(row.field[2]);
		ck_assert_str_eq(row.field[2], "");
	}
	*err = e;
	if (e == UF_OK)
		ck_assert(end);
	return n;
}

START_TEST(test_copy_out)
{
	struct db *db = connect_setup();
	struct db_res *r = NULL;
	struct db_row row;
	const char *p[1] = { "50000" };
	bool end = true;
	uf_err e;

	ck_assert_int_eq(db_copy_out_next(db, &row, &end), UF_EINTERNAL);
	ck_assert(!end);
	ck_assert_int_eq(db_begin(db), UF_OK);
	ck_assert_int_eq(db_exec(db, S_OUT_SCOPE, p, &r), UF_OK);
	db_res_free(r);
	ck_assert_int_eq(db_copy_out_begin(db, S_OUT), UF_OK);
	/* the connection is the stream's until it ends */
	ck_assert_int_eq(db_copy_out_begin(db, S_OUT), UF_EINTERNAL);
	ck_assert_int_eq(db_exec(db, S_PID, NULL, NULL), UF_EINTERNAL);
	ck_assert_int_eq(db_exec_script(db, "SELECT 1"), UF_EINTERNAL);
	ck_assert_int_eq(read_out(db, 0, &e), 50000);
	ck_assert_int_eq(e, UF_OK);
	/* after the end: no more rows, the connection free again */
	ck_assert_int_eq(db_copy_out_next(db, &row, &end), UF_EINTERNAL);
	ck_assert_int_eq(db_commit(db), UF_OK);
	ck_assert_int_gt(backend_pid(db), 0);

	/* the setting was local to that transaction: outside it the
	 * COPY's cast fails (22P02) instead of reading some other scope */
	ck_assert_int_eq(db_copy_out_begin(db, S_OUT), UF_EINVAL);
	ck_assert_str_eq(db_sqlstate(db), "22P02");
	ck_assert_int_gt(backend_pid(db), 0);

	/* the wrong direction either way is refused; the connection stays
	 * usable and nothing was loaded */
	ck_assert_int_eq(db_copy_out_begin(db, S_COPY), UF_EINTERNAL);
	ck_assert_int_eq(db_copy_begin(db, S_OUT_FAIL), UF_EINTERNAL);
	ck_assert_int_eq(db_copy_out_begin(db, S_PID), UF_EINTERNAL);
	ck_assert_int_gt(backend_pid(db), 0);
	ck_assert_int_eq(db_exec_script(db, CHECK_T_EMPTY), UF_OK);
	db_close(db);
}
END_TEST

START_TEST(test_copy_out_failures)
{
	struct db *db = connect_setup(), *killer = NULL;
	struct db_res *r = NULL;
	struct db_row row;
	char pidtext[32];
	const char *p[1] = { pidtext }, *big[1] = { "5000000" };
	bool end = false;
	long n;
	uf_err e;

	/* The query fails midway: rows came, then an error, never an end. */
	ck_assert_int_eq(db_copy_out_begin(db, S_OUT_FAIL), UF_OK);
	n = 0;
	while ((e = db_copy_out_next(db, &row, &end)) == UF_OK && !end)
		n++;
	ck_assert_int_eq(e, UF_EINVAL);
	ck_assert_str_eq(db_sqlstate(db), "22012");
	ck_assert(!end);
	ck_assert_int_gt(n, 0);
	ck_assert_int_lt(n, 30001);
	ck_assert_int_gt(backend_pid(db), 0);

	/* More fields than a row may have: refused; abort frees the
	 * connection. */
	ck_assert_int_eq(db_copy_out_begin(db, S_OUT_WIDE), UF_OK);
	ck_assert_int_eq(db_copy_out_next(db, &row, &end), UF_EFORMAT);
	ck_assert_uint_eq(row.n, 0);
	db_copy_out_abort(db);
	db_copy_out_abort(db); /* a no-op once ended */
	ck_assert_int_gt(backend_pid(db), 0);

	/* Stopped early inside a transaction: the server cancels, the
	 * transaction rolls back, the connection is usable. */
	ck_assert_int_eq(db_begin(db), UF_OK);
	ck_assert_int_eq(db_exec(db, S_OUT_SCOPE, big, &r), UF_OK);
	db_res_free(r);
	ck_assert_int_eq(db_copy_out_begin(db, S_OUT), UF_OK);
	ck_assert_int_eq(db_copy_out_next(db, &row, &end), UF_OK);
	ck_assert_str_eq(row.field[0], "1");
	db_copy_out_abort(db);
	ck_assert_int_eq(db_end(db, UF_EFORMAT), UF_EFORMAT);
	ck_assert_int_gt(backend_pid(db), 0);

	/* Left open: db_ensure cancels it before the next request. */
	ck_assert_int_eq(db_begin(db), UF_OK);
	ck_assert_int_eq(db_exec(db, S_OUT_SCOPE, big, &r), UF_OK);
	db_res_free(r);
	ck_assert_int_eq(db_copy_out_begin(db, S_OUT), UF_OK);
	ck_assert_int_eq(db_ensure(db), UF_OK);
	ck_assert_int_gt(backend_pid(db), 0);

	/* The connection lost midway (the backend terminated while the
	 * server still had rows to send): what arrived is read, then
	 * UF_EDB, never an end. */
	ck_assert_int_eq(db_connect(conninfo, stmts, S__MAX, &killer), UF_OK);
	n = snprintf(pidtext, sizeof(pidtext), "%lld", backend_pid(db));
	ck_assert(n > 0 && (size_t)n < sizeof(pidtext));
	ck_assert_int_eq(db_begin(db), UF_OK);
	ck_assert_int_eq(db_exec(db, S_OUT_SCOPE, big, &r), UF_OK);
	db_res_free(r);
	ck_assert_int_eq(db_copy_out_begin(db, S_OUT), UF_OK);
	ck_assert_int_eq(db_copy_out_next(db, &row, &end), UF_OK);
	ck_assert_int_eq(db_exec(killer, S_TERMINATE, p, &r), UF_OK);
	ck_assert_str_eq(db_res_get(r, 0, 0), "t");
	db_res_free(r);
	n = read_out(db, 1, &e);
	ck_assert_int_eq(e, UF_EDB);
	ck_assert_int_lt(n, 5000000);
	ck_assert_int_eq(db_end(db, e), UF_EDB);
	ck_assert_int_eq(db_ensure(db), UF_OK);
	ck_assert_int_gt(backend_pid(db), 0);
	db_close(killer);
	db_close(db);
}
END_TEST

int
main(void)
{
	Suite *s;
	TCase *tc;

	conninfo = getenv("UF_TEST_CONNINFO");
	if (conninfo == NULL || conninfo[0] == '\0') {
		puts("test_db: UF_TEST_CONNINFO not set; skipped");
		return 77;
	}
	s = suite_create("db");
	tc = tcase_create("postgresql");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_nulls_and_rows);
	tcase_add_test(tc, test_unique_violation);
	tcase_add_test(tc, test_sqlstate_mapping);
	tcase_add_test(tc, test_transactions);
	tcase_add_test(tc, test_one_owner);
	tcase_add_test(tc, test_script_errors);
	tcase_add_test(tc, test_connect_failures);
	tcase_add_test(tc, test_reconnect);
	tcase_add_test(tc, test_copy);
	tcase_add_test(tc, test_copy_out);
	tcase_add_test(tc, test_copy_out_failures);
	suite_add_tcase(s, tc);
	return check_run(s);
}
