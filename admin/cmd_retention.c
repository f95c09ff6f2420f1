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
#include "num.h"
#include "opts.h"
#include "retention.h"
#include "study.h"

int
cmd_purge_drafts(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		{ "days", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "purge-drafts";
	char actor[CLI_ACTOR_MAX];
	struct opts_common o;
	struct manage_error err;
	struct db *db = NULL;
	long days = 0;
	long long n = 0;
	int c, rc = 1;
	uf_err e;

	opts_common_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if (!num_long(optarg, RETENTION_DAYS_MIN, RETENTION_DAYS_MAX, &days))
				return opts_usage(cmd, "--days must be %d-%d",
				    RETENTION_DAYS_MIN, RETENTION_DAYS_MAX);
			break;
		default:
			if (!opts_common(cmd, c, optarg, &o))
				return OPTS_EXIT_USAGE;
		}
	}
	if (optind != argc || days == 0)
		return opts_usage(cmd, "--days N is required");
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
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
		OPTS_LONG_DB,
		OPTS_LONG_STUDY,
		OPTS_LONG_WAVE,
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "close-wave";
	char actor[CLI_ACTOR_MAX];
	struct opts_common o;
	struct manage_error err;
	struct db *db = NULL;
	int rc = 1;
	uf_err e;

	if (!opts_common_parse(cmd, argc, argv, longopts, &o))
		return OPTS_EXIT_USAGE;
	if (optind != argc || o.months == 0)
		return opts_usage(cmd, "--wave MONTHS is required");
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	cli_actor(actor);
	if ((e = retention_close_wave(db, o.study, (int)o.months, actor,
	         &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("closed the %ld-month wave; its codes no longer work\n", o.months);
	rc = 0;
out:
	db_close(db);
	return rc;
}
