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
		OPTS_LONG_DB,
		OPTS_LONG_STUDY,
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "waves";
	struct opts_common o;
	struct manage_error err;
	struct db_res *r = NULL;
	struct db *db = NULL;
	long long sid;
	int i, rc = 1;
	uf_err e;

	if (!opts_common_parse(cmd, argc, argv, longopts, &o))
		return OPTS_EXIT_USAGE;
	if (optind != argc)
		return opts_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	if ((e = study_resolve(db, o.study, &sid, &err)) != UF_OK ||
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
		OPTS_LONG_DB,
		OPTS_LONG_STUDY,
		OPTS_LONG_WAVE,
		{ "opens", required_argument, NULL, 'o' },
		{ "closes", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "wave-set", *opens = NULL, *closes = NULL;
	char actor[CLI_ACTOR_MAX];
	struct opts_common o;
	struct manage_error err;
	struct db *db = NULL;
	long long moved = 0;
	int c, rc = 1;
	uf_err e;

	opts_common_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': opens = optarg; break;
		case 'c': closes = optarg; break;
		default:
			if (!opts_common(cmd, c, optarg, &o))
				return OPTS_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return opts_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (o.months == 0 || opens == NULL || closes == NULL)
		return opts_usage(cmd, "--wave, --opens and --closes are required");
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	cli_actor(actor);
	if ((e = wave_set_dates(db, o.study, (int)o.months, opens, closes, actor,
	    &moved, &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("the %ld-month wave opens %s and closes %s; %lld unused codes "
	    "expire with it\n", o.months, opens, closes, moved);
	rc = 0;
out:
	db_close(db);
	return rc;
}
