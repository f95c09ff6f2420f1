/* SPDX-License-Identifier: ISC
 * Test helper for tests/manage/run.sh: drives the login, session and
 * contact-rate functions of manage/ the way the web admin will, and prints
 * one line per call ("ok ..." or the uf_err name). Not installed.
 *
 *   manage-probe CONNINFO login USER         (password on stdin)
 *   manage-probe CONNINFO session TOKEN
 *   manage-probe CONNINFO csrf TOKEN CSRF
 *   manage-probe CONNINFO logout TOKEN
 *   manage-probe CONNINFO contact-rates TOKEN   (connect as uppfolj_contact)
 */
#include <stdio.h>
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

static int
login(struct db *db, const char *user)
{
	char pw[USER_PASSWORD_MAX + 1];
	struct session s;
	size_t n = 0;
	uf_err e;

	if (cli_read_secret_line(STDIN_FILENO, NULL, pw, USER_PASSWORD_MAX, &n) != UF_OK)
		return 2;
	e = user_login(db, user, pw, n, &s);
	sodium_memzero(pw, sizeof(pw));
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
	if (strcmp(argv[2], "login") == 0) {
		rc = login(db, argv[3]);
	} else if (strcmp(argv[2], "session") == 0) {
		e = session_check(db, argv[3], &s, ch);
		if (e == UF_OK)
			printf("ok %s %s\n", s.username, user_role_name(s.role));
		else
			printf("%s\n", uf_err_name(e));
		rc = e == UF_OK ? 0 : 1;
	} else if (strcmp(argv[2], "csrf") == 0 && argc == 5) {
		e = session_check(db, argv[3], &s, ch);
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
