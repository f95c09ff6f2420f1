/* SPDX-License-Identifier: ISC
 * uppfolj-admin study-add and studies: create a study and list the
 * studies. The checks, the messages and the SQL are manage/studies' (the
 * web admin's study overview reads the same list).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "db_manage.h"
#include "opts.h"
#include "studies.h"
#include "study.h"

int
cmd_study_add(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		{ "slug", required_argument, NULL, 'g' },
		{ "name", required_argument, NULL, 'n' },
		{ "start", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "study-add", *slug = NULL, *name = NULL, *start = NULL;
	char actor[CLI_ACTOR_MAX];
	struct opts_common o;
	struct manage_error err;
	struct db *db = NULL;
	long long id = 0;
	int c, rc = 1;
	uf_err e;

	opts_common_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'g': slug = optarg; break;
		case 'n': name = optarg; break;
		case 't': start = optarg; break;
		default:
			if (!opts_common(cmd, c, optarg, &o))
				return OPTS_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return opts_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (slug == NULL || name == NULL || start == NULL)
		return opts_usage(cmd, "--slug, --name and --start are required");
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	cli_actor(actor);
	if ((e = study_add(db, slug, name, start, actor, &id, &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("created study %s (%lld)\n", slug, id);
	rc = 0;
out:
	db_close(db);
	return rc;
}

int
cmd_studies(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "studies";
	struct opts_common o;
	struct m_studies r = { 0 };
	struct db *db = NULL;
	int i, rc = 1;
	uf_err e;

	if (!opts_common_parse(cmd, argc, argv, longopts, &o))
		return OPTS_EXIT_USAGE;
	if (optind != argc)
		return opts_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	if ((e = db_m_studies(db, &r)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(NULL, e));
		goto out;
	}
	printf("slug\tname\tstart\tsynthetic\twaves\tunits\n");
	for (i = 0; i < r.n; i++)
		printf("%s\t%s\t%s\t%s\t%lld\t%lld\n", r.row[i].slug,
		    r.row[i].name, r.row[i].start_date,
		    r.row[i].synthetic ? "yes" : "no", r.row[i].waves, r.row[i].units);
	rc = fflush(stdout) == 0 ? 0 : opts_fail(cmd, "cannot write the list");
out:
	m_studies_free(&r);
	db_close(db);
	return rc;
}
