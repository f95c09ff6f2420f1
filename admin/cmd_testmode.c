/* SPDX-License-Identifier: ISC
 * uppfolj-admin test-mark and test-purge: the test marks of waves and codes
 * and the purge of test answers (manage/codereplace). Test answers never
 * reach rates, exports or reports (schema/0015).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "codereplace.h"
#include "db_manage.h"
#include "opts.h"

int
cmd_test_mark(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		OPTS_LONG_STUDY,
		OPTS_LONG_WAVE,
		{ "panel-id", required_argument, NULL, 'p' },
		{ "off", no_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "test-mark", *panel = NULL;
	char actor[CLI_ACTOR_MAX];
	struct opts_common o;
	struct manage_error err;
	struct db *db = NULL;
	bool test = true;
	int c, rc = 1;
	uf_err e;

	opts_common_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': panel = optarg; break;
		case 'x': test = false; break;
		default:
			if (!opts_common(cmd, c, optarg, &o))
				return OPTS_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return opts_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (o.months == 0)
		return opts_usage(cmd, "--wave is required");
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	cli_actor(actor);
	e = panel != NULL ?
	    code_mark_test(db, o.study, panel, (int)o.months, test, actor, &err) :
	    wave_mark_test(db, o.study, (int)o.months, test, actor, &err);
	if (e != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("%s %s for %ld months: %s\n", panel != NULL ? "code of" : "wave",
	    panel != NULL ? panel : "", o.months, test ? "test" : "real");
	rc = 0;
out:
	db_close(db);
	return rc;
}

int
cmd_test_purge(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		OPTS_LONG_STUDY,
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "test-purge";
	char actor[CLI_ACTOR_MAX];
	struct opts_common o;
	struct manage_error err;
	struct db *db = NULL;
	long long n = 0;
	int rc = 1;
	uf_err e;

	if (!opts_common_parse(cmd, argc, argv, longopts, &o))
		return OPTS_EXIT_USAGE;
	if (optind != argc)
		return opts_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	cli_actor(actor);
	if ((e = test_purge(db, o.study, actor, &n, &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("deleted %lld test responses\n", n);
	rc = 0;
out:
	db_close(db);
	return rc;
}
