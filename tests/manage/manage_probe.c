/* SPDX-License-Identifier: ISC
 * Test helper for tests/manage/run.sh: drives the login, session and
 * contact-rate functions of manage/ the way the web admin does, and prints
 * one line per call ("ok ..." or the uf_err name). IDLE and MAXH are the
 * session limits (minutes, hours; default 30 and 8). Not installed.
 *
 *   manage-probe CONNINFO login USER [IDLE MAXH]   (password on stdin)
 *   manage-probe CONNINFO login-timed USER   (prints the error and the ms)
 *   manage-probe CONNINFO session TOKEN [IDLE MAXH]
 *   manage-probe CONNINFO csrf TOKEN CSRF
 *   manage-probe CONNINFO logout TOKEN
 *   manage-probe CONNINFO contact-rates TOKEN   (connect as uppfolj_contact)
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "db_manage.h"
#include "rates.h"
#include "users.h"

static int
usage(void)
{
	fprintf(stderr, "usage: manage-probe CONNINFO login|session|csrf|logout|"
	                "contact-rates ARGS\n");
	return 2;
}

/* Limits from argv[i], argv[i + 1] when given (strict decimal). */
static bool
limits(int argc, char **argv, int i, struct session_limits *l)
{
	char *end;

	*l = session_limits_default;
	if (argc <= i)
		return true;
	if (argc != i + 2)
		return false;
	l->idle_minutes = (int)strtol(argv[i], &end, 10);
	if (*end != '\0' || end == argv[i])
		return false;
	l->max_hours = (int)strtol(argv[i + 1], &end, 10);
	return *end == '\0' && end != argv[i + 1];
}

static int
login(struct db *db, const char *user, const struct session_limits *lim,
    bool timed)
{
	char pw[USER_PASSWORD_MAX + 1];
	struct timespec t0, t1;
	struct session s;
	size_t n = 0;
	uf_err e;

	if (cli_read_secret_line(STDIN_FILENO, NULL, pw, USER_PASSWORD_MAX, &n) != UF_OK)
		return 2;
	if (clock_gettime(CLOCK_MONOTONIC, &t0) != 0)
		return 2;
	e = user_login(db, user, pw, n, NULL, lim, &s);
	if (clock_gettime(CLOCK_MONOTONIC, &t1) != 0)
		return 2;
	sodium_memzero(pw, sizeof(pw));
	if (timed) {
		printf("%s %ld\n", e == UF_OK ? "ok" : uf_err_name(e),
		    (long)((t1.tv_sec - t0.tv_sec) * 1000 +
		        (t1.tv_nsec - t0.tv_nsec) / 1000000));
		return e == UF_OK ? 0 : 1;
	}
	if (e != UF_OK) {
		printf("%s\n", uf_err_name(e));
		return 1;
	}
	printf("ok %s %s %s\n", s.token, s.csrf, user_role_name(s.role));
	return 0;
}

static int
contact(struct db *db, const char *token)
{
	struct rate_table t;
	char b[6][24];
	size_t i;
	uf_err e = rates_contact(db, token, &t);

	if (e != UF_OK) {
		printf("%s\n", uf_err_name(e));
		return 1;
	}
	printf("ok %zu\n", t.n);
	for (i = 0; i < t.n; i++)
		printf("%d|%lld|%s|%s|%s|%s|%s|%s\n", t.rows[i].months,
		    t.rows[i].unit_id, t.rows[i].grp,
		    rate_count_text(t.rows[i].invited, b[0]),
		    rate_count_text(t.rows[i].started, b[1]),
		    rate_count_text(t.rows[i].declined, b[2]),
		    rate_count_text(t.rows[i].submitted, b[3]),
		    rate_rate_text(&t.rows[i], b[4]));
	rate_table_free(&t);
	return 0;
}

int
main(int argc, char **argv)
{
	char ch[2 * CODE_HASH_LEN + 1];
	struct session_limits lim;
	struct session s;
	struct db *db = NULL;
	int rc = 2;
	uf_err e;

	if (argc < 4 || sodium_init() < 0)
		return usage();
	if (strcmp(argv[2], "contact-rates") == 0) {
		if (db_contact_connect(argv[1], &db) != UF_OK) {
			printf("connect failed\n");
			return 1;
		}
		rc = contact(db, argv[3]);
		goto out;
	}
	if (db_manage_connect(argv[1], &db) != UF_OK) {
		printf("connect failed\n");
		return 1;
	}
	if (strcmp(argv[2], "login") == 0 && limits(argc, argv, 4, &lim)) {
		rc = login(db, argv[3], &lim, false);
	} else if (strcmp(argv[2], "login-timed") == 0 && argc == 4) {
		rc = login(db, argv[3], &session_limits_default, true);
	} else if (strcmp(argv[2], "session") == 0 && limits(argc, argv, 4, &lim)) {
		e = session_check(db, argv[3], &lim, &s, ch);
		if (e == UF_OK)
			printf("ok %s %s\n", s.username, user_role_name(s.role));
		else
			printf("%s\n", uf_err_name(e));
		rc = e == UF_OK ? 0 : 1;
	} else if (strcmp(argv[2], "csrf") == 0 && argc == 5) {
		e = session_check(db, argv[3], &session_limits_default, &s, ch);
		rc = e == UF_OK && session_csrf_ok(ch, argv[4]) ? 0 : 1;
		printf("%s\n", rc == 0 ? "ok" : "bad");
	} else if (strcmp(argv[2], "logout") == 0) {
		e = session_end(db, argv[3]);
		printf("%s\n", e == UF_OK ? "ok" : uf_err_name(e));
		rc = e == UF_OK ? 0 : 1;
	} else {
		rc = usage();
	}
out:
	db_close(db);
	return rc;
}
