/* SPDX-License-Identifier: ISC
 * uppfolj-admin waves and wave-set: list a study's waves with their dates
 * and state, and change a wave's opening and closing days (its unused
 * codes expire with it). manage/waves checks and stores, as for the web.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "db_manage.h"
#include "opts.h"
#include "study.h"
#include "waves.h"

int
cmd_waves(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "study", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "waves", *conninfo = opts_db_default(), *study = NULL;
	struct manage_error err;
	struct db_res *r = NULL;
	struct db *db = NULL;
	long long sid;
	int c, i, rc = 1;
	uf_err e;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': conninfo = optarg; break;
		case 'S': study = optarg; break;
		default:
			return opts_usage(cmd, "unknown option");
		}
	}
	if (optind != argc)
		return opts_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (db_manage_connect(conninfo, &db) != UF_OK) {
		rc = opts_fail(cmd, "cannot connect to the database");
		goto out;
	}
	if ((e = study_resolve(db, study, &sid, &err)) != UF_OK ||
	    (e = db_m_waves(db, sid, &r)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("months\topens\tcloses\tstate\tgroups\n");
	for (i = 0; i < db_res_rows(r); i++)
		printf("%s\t%s\t%s\t%s\t%s\n", db_res_get(r, i, 0),
		    db_res_get(r, i, 1), db_res_get(r, i, 2), wave_state_text(r, i),
		    db_res_get(r, i, 6));
	rc = fflush(stdout) == 0 ? 0 : opts_fail(cmd, "cannot write the list");
out:
	db_res_free(r);
	db_close(db);
	return rc;
}

int
cmd_wave_set(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "study", required_argument, NULL, 'S' },
		{ "wave", required_argument, NULL, 'w' },
		{ "opens", required_argument, NULL, 'o' },
		{ "closes", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "wave-set", *conninfo = opts_db_default(), *study = NULL;
	const char *opens = NULL, *closes = NULL;
	char actor[CLI_ACTOR_MAX];
	struct manage_error err;
	struct db *db = NULL;
	long months = 0;
	long long moved = 0;
	int c, rc = 1;
	uf_err e;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': conninfo = optarg; break;
		case 'S': study = optarg; break;
		case 'o': opens = optarg; break;
		case 'c': closes = optarg; break;
		case 'w':
			if (!opts_long(optarg, 1, 120, &months))
				return opts_usage(cmd, "--wave is months, 1-120");
			break;
		default:
			return opts_usage(cmd, "unknown option");
		}
	}
	if (optind != argc)
		return opts_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (months == 0 || opens == NULL || closes == NULL)
		return opts_usage(cmd, "--wave, --opens and --closes are required");
	if (db_manage_connect(conninfo, &db) != UF_OK) {
		rc = opts_fail(cmd, "cannot connect to the database");
		goto out;
	}
	cli_actor(actor);
	if ((e = wave_set_dates(db, study, (int)months, opens, closes, actor,
	    &moved, &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("the %ld-month wave opens %s and closes %s; %lld unused codes "
	    "expire with it\n", months, opens, closes, moved);
	rc = 0;
out:
	db_close(db);
	return rc;
}
