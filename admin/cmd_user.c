/* SPDX-License-Identifier: ISC
 * uppfolj-admin user-add: create a web admin user (the first admin, an
 * evaluator, or a unit contact linked to units). The password comes from
 * standard input or --password-file, never from argv (visible in ps).
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
#include "opts.h"
#include "users.h"

#define CMD "user-add"
#define MAX_UNITS 64

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
		{ "db", required_argument, NULL, 'd' },
		{ "role", required_argument, NULL, 'r' },
		{ "unit", required_argument, NULL, 'u' },
		{ "password-file", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const char *conninfo = opts_db_default(), *pwfile = NULL, *name;
	char pw[USER_PASSWORD_MAX + 1], actor[CLI_ACTOR_MAX];
	enum user_role role = ROLE_ADMIN;
	long units[MAX_UNITS];
	size_t nunits = 0, pwlen = 0, i;
	long long uid = 0;
	struct db *db = NULL;
	int c, rc = 1;
	uf_err e;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			conninfo = optarg;
			break;
		case 'r':
			if (!user_role_parse(optarg, &role))
				return opts_usage(CMD, "--role must be admin, evaluator "
				    "or unit_contact");
			break;
		case 'u':
			if (nunits == MAX_UNITS ||
			    !opts_long(optarg, 1, 0x7fffffffL, &units[nunits]))
				return opts_usage(CMD, "--unit needs a unit id (at most %d)",
				    MAX_UNITS);
			nunits++;
			break;
		case 'p':
			pwfile = optarg;
			break;
		default:
			return opts_usage(CMD, "unknown option");
		}
	}
	if (optind != argc - 1)
		return opts_usage(CMD, "give exactly one USERNAME");
	name = argv[optind];
	if (!user_name_ok(name))
		return opts_usage(CMD, "a user name is 2-%d characters a-z 0-9 . _ -, "
		    "starting with a letter", USER_NAME_MAX);
	if ((role == ROLE_UNIT_CONTACT) != (nunits > 0))
		return opts_usage(CMD, "--unit is required for unit_contact and only "
		    "allowed there");
	if ((rc = read_password(pwfile, pw, USER_PASSWORD_MAX, &pwlen)) != 0)
		goto out;
	rc = 1;
	if (!user_password_ok(pw, pwlen)) {
		rc = opts_fail(CMD, "a password is %d-%d characters, no control "
		    "characters", USER_PASSWORD_MIN, USER_PASSWORD_MAX);
		goto out;
	}
	if (db_manage_connect(conninfo, &db) != UF_OK) {
		rc = opts_fail(CMD, "cannot connect to the database");
		goto out;
	}
	cli_actor(actor);
	e = user_create(db, actor, name, pw, pwlen, role, &uid);
	if (e == UF_ECONFLICT) {
		rc = opts_fail(CMD, "user \"%s\" exists already", name);
		goto out;
	}
	if (e != UF_OK) {
		rc = opts_fail(CMD, "could not create the user (%s)", uf_err_name(e));
		goto out;
	}
	for (i = 0; i < nunits; i++)
		if (user_unit_add(db, uid, units[i]) != UF_OK) {
			rc = opts_fail(CMD, "user created, but unit %ld could not be "
			    "linked (does it exist?)", units[i]);
			goto out;
		}
	printf("created %s \"%s\"\n", user_role_name(role), name);
	rc = 0;
out:
	sodium_memzero(pw, sizeof(pw));
	db_close(db);
	return rc;
}
