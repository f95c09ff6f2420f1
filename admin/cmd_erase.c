/* SPDX-License-Identifier: ISC
 * uppfolj-admin erase: a participant withdraws; erase everything about
 * them in every wave, found by an access code (any wave) or panel id. The
 * code may be given as "-" to read it from standard input (not argv).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "cmd.h"
#include "db_manage.h"
#include "erase.h"
#include "opts.h"
#include "study.h"

#define CMD       "erase"
#define TYPED_MAX 64

int
cmd_erase(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		OPTS_LONG_SECRET,
		OPTS_LONG_STUDY,
		{ "code", required_argument, NULL, 'c' },
		{ "panel-id", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const char *code = NULL, *panel = NULL;
	char typed[TYPED_MAX + 1], actor[CLI_ACTOR_MAX];
	struct opts_common o;
	struct manage_error err;
	unsigned char key[CODE_KEY_LEN];
	struct db *db = NULL;
	long long pid = 0;
	size_t n;
	int c, rc = 1;
	uf_err e;

	memset(key, 0, sizeof(key));
	memset(typed, 0, sizeof(typed));
	opts_common_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': code = optarg; break;
		case 'p': panel = optarg; break;
		default:
			if (!opts_common(CMD, c, optarg, &o))
				return OPTS_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return opts_usage(CMD, "unexpected argument \"%s\"", argv[optind]);
	if ((code == NULL) == (panel == NULL))
		return opts_usage(CMD, "give --code CODE (or --code -) or --panel-id ID");
	if (code != NULL && strcmp(code, "-") == 0) {
		if (cli_read_secret_line(STDIN_FILENO, "Code: ", typed, TYPED_MAX,
		        &n) != UF_OK)
			return opts_usage(CMD, "cannot read the code from stdin");
		typed[n] = '\0';
		code = typed;
	}
	if (code != NULL && !cli_key(CMD, o.secret, key))
		goto out;
	if (!cli_connect(CMD, o.conninfo, &db))
		goto out;
	if ((e = erase_find(db, key, code, o.study, panel, &pid, &err)) != UF_OK) {
		rc = opts_fail(CMD, "%s", manage_error_text(&err, e));
		goto out;
	}
	cli_actor(actor);
	if ((e = erase_participant(db, pid, actor, &err)) != UF_OK) {
		rc = opts_fail(CMD, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("erased the participant and all their answers, consents and codes "
	       "in every wave\n");
	rc = 0;
out:
	sodium_memzero(typed, sizeof(typed));
	sodium_memzero(key, sizeof(key));
	db_close(db);
	return rc;
}
