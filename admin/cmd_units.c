/* SPDX-License-Identifier: ISC
 * uppfolj-admin unit-add and units: add a unit to the study and list the
 * units with their participants per group. The checks, the messages and
 * the SQL are manage/units' (the web admin's units page uses the same).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "db_manage.h"
#include "form.h"
#include "opts.h"
#include "study.h"
#include "units.h"

int
cmd_unit_add(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		OPTS_LONG_STUDY,
		{ "name", required_argument, NULL, 'n' },
		{ "kind", required_argument, NULL, 'k' },
		{ "huvudman", required_argument, NULL, 'h' },
		{ "label", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "unit-add";
	char actor[CLI_ACTOR_MAX];
	struct opts_common o;
	struct manage_error err;
	struct unit_new u = { NULL, NULL, NULL, NULL };
	struct db *db = NULL;
	long long id = 0;
	int c, rc = 1;
	uf_err e;

	opts_common_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': u.name = optarg; break;
		case 'k': u.kind = optarg; break;
		case 'h': u.huvudman = optarg; break;
		case 'l': u.report_label = optarg; break;
		default:
			if (!opts_common(cmd, c, optarg, &o))
				return OPTS_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return opts_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (u.name == NULL || u.kind == NULL || u.huvudman == NULL ||
	    u.report_label == NULL)
		return opts_usage(cmd, "--name, --kind, --huvudman and --label are "
		                       "required");
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	cli_actor(actor);
	if ((e = unit_add(db, o.study, &u, actor, &id, &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("created unit %lld\n", id);
	rc = 0;
out:
	db_close(db);
	return rc;
}

int
cmd_units(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		OPTS_LONG_STUDY,
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "units";
	struct opts_common o;
	struct manage_error err;
	struct m_units units = { 0 };
	struct m_participant_counts counts = { 0 };
	struct db *db = NULL;
	long long sid;
	size_t g;
	int i, rc = 1;
	uf_err e;

	if (!opts_common_parse(cmd, argc, argv, longopts, &o))
		return OPTS_EXIT_USAGE;
	if (optind != argc)
		return opts_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	if ((e = study_resolve(db, o.study, &sid, &err)) != UF_OK ||
	    (e = db_m_unit_list(db, sid, &units)) != UF_OK ||
	    (e = db_m_participant_counts(db, sid, &counts)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	/* Tab separated: id, name, kind, huvudman, report label, then the
	 * participants per group. */
	printf("id\tname\tkind\thuvudman\tlabel");
	for (g = 0; g < GROUP__MAX; g++)
		printf("\t%s", group_id(g));
	printf("\n");
	for (i = 0; i < units.n; i++) {
		const struct m_unit *u = &units.row[i];

		printf("%lld\t%s\t%s\t%s\t%s", u->unit_id, u->name, u->kind,
		    u->huvudman, u->report_label);
		for (g = 0; g < GROUP__MAX; g++)
			printf("\t%lld", unit_count_of(&counts, u->unit_id, group_id(g)));
		printf("\n");
	}
	rc = fflush(stdout) == 0 ? 0 : opts_fail(cmd, "cannot write the list");
out:
	m_participant_counts_free(&counts);
	m_units_free(&units);
	db_close(db);
	return rc;
}
