/* SPDX-License-Identifier: ISC
 * uppfolj-admin purge-drafts and close-wave: the retention operations.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "db_manage.h"
#include "opts.h"
#include "retention.h"
#include "study.h"

int
cmd_purge_drafts(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "days", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "purge-drafts", *conninfo = opts_db_default();
	char actor[CLI_ACTOR_MAX];
	struct manage_error err;
	struct db *db = NULL;
	long days = 0;
	long long n = 0;
	int c, rc = 1;
	uf_err e;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': conninfo = optarg; break;
		case 'n':
			if (!opts_long(optarg, RETENTION_DAYS_MIN, RETENTION_DAYS_MAX, &days))
				return opts_usage(cmd, "--days must be %d-%d",
				    RETENTION_DAYS_MIN, RETENTION_DAYS_MAX);
			break;
		default:
			return opts_usage(cmd, "unknown option");
		}
	}
	if (optind != argc || days == 0)
		return opts_usage(cmd, "--days N is required");
	if (db_manage_connect(conninfo, &db) != UF_OK) {
		rc = opts_fail(cmd, "cannot connect to the database");
		goto out;
	}
	cli_actor(actor);
	if ((e = retention_purge_drafts(db, (int)days, actor, &n, &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("deleted %lld drafts not touched for %ld days\n", n, days);
	rc = 0;
out:
	db_close(db);
	return rc;
}

int
cmd_close_wave(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "study", required_argument, NULL, 'S' },
		{ "wave", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "close-wave", *conninfo = opts_db_default(), *study = NULL;
	char actor[CLI_ACTOR_MAX];
	struct manage_error err;
	struct db *db = NULL;
	long months = 0;
	int c, rc = 1;
	uf_err e;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': conninfo = optarg; break;
		case 'S': study = optarg; break;
		case 'w':
			if (!opts_long(optarg, 1, 120, &months))
				return opts_usage(cmd, "--wave is months, 1-120");
			break;
		default:
			return opts_usage(cmd, "unknown option");
		}
	}
	if (optind != argc || months == 0)
		return opts_usage(cmd, "--wave MONTHS is required");
	if (db_manage_connect(conninfo, &db) != UF_OK) {
		rc = opts_fail(cmd, "cannot connect to the database");
		goto out;
	}
	cli_actor(actor);
	if ((e = retention_close_wave(db, study, (int)months, actor, &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("closed the %ld-month wave; its codes no longer work\n", months);
	rc = 0;
out:
	db_close(db);
	return rc;
}
