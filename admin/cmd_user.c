/* SPDX-License-Identifier: ISC
 * uppfolj-admin user-add, users and user-set: create a web admin user (the
 * first admin, an evaluator, or a unit contact linked to units, all in one
 * transaction), list the users, and deactivate, reactivate or reset the
 * password of one. A password comes from standard input or
 * --password-file, never from argv (visible in ps).
 */
#include "config.h"

#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "cmd.h"
#include "db_manage.h"
#include "num.h"
#include "opts.h"
#include "useradmin.h"
#include "users.h"

#define CMD "user-add"

/* The password from a file (first line) or stdin; twice on a terminal. */
static int
read_password(const char *file, char *pw, size_t max, size_t *len)
{
	char again[USER_PASSWORD_MAX + 1];
	size_t n2 = 0;
	int fd = STDIN_FILENO, rc = 1;
	uf_err e;

	if (file != NULL && (fd = open(file, O_RDONLY | O_CLOEXEC)) < 0) {
		rc = opts_fail(CMD, "%s: cannot open", file);
		goto out;
	}
	e = cli_read_secret_line(fd, "Password: ", pw, max, len);
	if (e == UF_OK && file == NULL && isatty(fd) == 1) {
		e = cli_read_secret_line(fd, "Again: ", again, sizeof(again) - 1, &n2);
		if (e == UF_OK && (n2 != *len || memcmp(pw, again, n2) != 0)) {
			rc = opts_fail(CMD, "the passwords differ");
			goto out;
		}
	}
	if (e == UF_ELIMIT) {
		rc = opts_fail(CMD, "password longer than %d bytes", USER_PASSWORD_MAX);
		goto out;
	}
	if (e != UF_OK) {
		rc = opts_fail(CMD, "cannot read the password");
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(again, sizeof(again));
	if (fd >= 0 && fd != STDIN_FILENO)
		close(fd);
	return rc;
}

int
cmd_user_add(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		{ "role", required_argument, NULL, 'r' },
		{ "unit", required_argument, NULL, 'u' },
		{ "password-file", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const char *pwfile = NULL, *name;
	char pw[USER_PASSWORD_MAX + 1], actor[CLI_ACTOR_MAX];
	struct opts_common o;
	struct manage_error err;
	enum user_role role = ROLE_ADMIN;
	long long units[USER_UNITS_MAX];
	long v;
	size_t nunits = 0, pwlen = 0;
	struct db *db = NULL;
	int c, rc = 1;
	uf_err e;

	memset(pw, 0, sizeof(pw));
	opts_common_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (!user_role_parse(optarg, &role))
				return opts_usage(CMD, "--role must be admin, evaluator "
				                       "or unit_contact");
			break;
		case 'u':
			if (nunits == USER_UNITS_MAX ||
			    !num_long(optarg, 1, 0x7fffffffL, &v))
				return opts_usage(CMD, "--unit needs a unit id (at most %d)",
				    USER_UNITS_MAX);
			units[nunits++] = v;
			break;
		case 'p':
			pwfile = optarg;
			break;
		default:
			if (!opts_common(CMD, c, optarg, &o))
				return OPTS_EXIT_USAGE;
		}
	}
	if (optind != argc - 1)
		return opts_usage(CMD, "give exactly one USERNAME");
	name = argv[optind];
	if (!user_name_ok(name))
		return opts_usage(CMD, "a user name is 2-%d characters a-z 0-9 . _ -, "
		                       "starting with a letter",
		    USER_NAME_MAX);
	if ((role == ROLE_UNIT_CONTACT) != (nunits > 0))
		return opts_usage(CMD, "--unit is required for unit_contact and only "
		                       "allowed there");
	if ((rc = read_password(pwfile, pw, USER_PASSWORD_MAX, &pwlen)) != 0)
		goto out;
	rc = 1;
	if (!cli_connect(CMD, o.conninfo, &db))
		goto out;
	cli_actor(actor);
	/* The user and its units, checked and stored in one transaction. */
	e = user_create(db, actor, name, pw, pwlen, role, units, nunits, NULL, &err);
	if (e != UF_OK) {
		rc = opts_fail(CMD, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("created %s \"%s\"\n", user_role_name(role), name);
	rc = 0;
out:
	sodium_memzero(pw, sizeof(pw));
	db_close(db);
	return rc;
}

int
cmd_users(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "users", *state;
	struct opts_common o;
	struct m_users r = { 0 };
	struct db *db = NULL;
	int i, rc = 1;
	uf_err e;

	if (!opts_common_parse(cmd, argc, argv, longopts, &o))
		return OPTS_EXIT_USAGE;
	if (optind != argc)
		return opts_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	if ((e = db_m_users(db, &r)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(NULL, e));
		goto out;
	}
	/* Tab separated, one user a line: easy to read and to cut(1). */
	printf("user\trole\tstate\tcreated\tunits\n");
	for (i = 0; i < r.n; i++) {
		const struct m_user *u = &r.row[i];

		if (u->disabled)
			state = "disabled";
		else if (u->locked)
			state = "locked";
		else
			state = "active";
		printf("%s\t%s\t%s\t%s\t%s\n", u->username,
		    user_role_name(u->role), state, u->created, u->units);
	}
	rc = fflush(stdout) == 0 ? 0 : opts_fail(cmd, "cannot write the list");
out:
	m_users_free(&r);
	db_close(db);
	return rc;
}

/* user-set USERNAME deactivate|reactivate|reset-password */
int
cmd_user_set(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "user-set", *name, *what;
	char actor[CLI_ACTOR_MAX], pw[USER_NEW_PASSWORD_LEN + 1];
	struct opts_common o;
	struct manage_error err;
	struct db *db = NULL;
	long long id;
	int rc = 1;
	uf_err e;

	memset(pw, 0, sizeof(pw));
	if (!opts_common_parse(cmd, argc, argv, longopts, &o))
		return OPTS_EXIT_USAGE;
	if (optind != argc - 2)
		return opts_usage(cmd, "give USERNAME and deactivate, reactivate or "
		                       "reset-password");
	name = argv[optind];
	what = argv[optind + 1];
	if (!user_name_ok(name))
		return opts_usage(cmd, "\"%s\" is not a user name", name);
	if (strcmp(what, "deactivate") != 0 && strcmp(what, "reactivate") != 0 &&
	    strcmp(what, "reset-password") != 0)
		return opts_usage(cmd, "the action is deactivate, reactivate or "
		                       "reset-password");
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	cli_actor(actor);
	if ((e = user_find(db, name, &id, &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	if (strcmp(what, "reset-password") == 0)
		e = user_reset_password(db, id, actor, pw, &err);
	else
		e = user_set_active(db, id, strcmp(what, "reactivate") == 0, 0, actor,
		    &err);
	if (e != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	if (pw[0] != '\0')
		printf("new password for %s (shown once): %s\n", name, pw);
	else
		printf("%s: %s\n", name, strcmp(what, "reactivate") == 0 ? "reactivated" : "deactivated, sessions ended");
	rc = fflush(stdout) == 0 ? 0 : opts_fail(cmd, "cannot write");
out:
	sodium_memzero(pw, sizeof(pw));
	db_close(db);
	return rc;
}
