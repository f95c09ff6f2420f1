/* SPDX-License-Identifier: ISC
 * uppfolj-admin mask-names: the study's own names that reports mask in
 * free-text quotes (list, add, remove). Checks, messages and SQL are
 * manage/masknames'.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "db_manage.h"
#include "masknames.h"
#include "opts.h"

int
cmd_mask_names(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		OPTS_LONG_STUDY,
		{ "kind", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "mask-names", *kind = NULL, *action;
	char actor[CLI_ACTOR_MAX];
	struct opts_common o;
	struct manage_error err;
	struct m_masks list = { 0 };
	struct db *db = NULL;
	int c, rc = 1;
	uf_err e;

	opts_common_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'k')
			kind = optarg;
		else if (!opts_common(cmd, c, optarg, &o))
			return OPTS_EXIT_USAGE;
	}
	if (optind >= argc)
		return opts_usage(cmd, "say list, add or remove");
	action = argv[optind++];
	if (strcmp(action, "list") == 0) {
		if (optind != argc || kind != NULL)
			return opts_usage(cmd, "list takes no name and no --kind");
	} else if (strcmp(action, "add") == 0 || strcmp(action, "remove") == 0) {
		if (optind + 1 != argc)
			return opts_usage(cmd, "%s takes one NAME (quote a name with spaces)",
			    action);
		if (action[0] == 'r' && kind != NULL)
			return opts_usage(cmd, "remove takes no --kind");
		if (action[0] == 'a' && kind == NULL)
			kind = "namn";
	} else {
		return opts_usage(cmd, "unknown action \"%s\" (list, add or remove)", action);
	}
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	cli_actor(actor);
	if (action[0] == 'l') {
		if ((e = mask_name_list(db, o.study, &list, &err)) != UF_OK) {
			rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
			goto out;
		}
		printf("name\tkind\n");
		for (int i = 0; i < list.n; i++)
			printf("%s\t%s\n", list.row[i].name, list.row[i].kind);
		rc = fflush(stdout) == 0 ? 0 : opts_fail(cmd, "cannot write the list");
		goto out;
	}
	e = action[0] == 'a' ?
	    mask_name_add(db, o.study, argv[optind], kind, actor, &err) :
	    mask_name_remove(db, o.study, argv[optind], actor, &err);
	if (e != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("%s\n", action[0] == 'a' ? "added" : "removed");
	rc = 0;
out:
	m_masks_free(&list);
	db_close(db);
	return rc;
}
