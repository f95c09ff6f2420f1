/* SPDX-License-Identifier: ISC
 * uppfolj-admin qual-export, qual-import and qual-upload: a study's
 * qualitative coding as a REFI-QDA .qdpx project and back, and uploading
 * an interview transcript or note (plain UTF-8 text). Files are read with
 * a hard limit; the checks are manage/'s.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "cmd.h"
#include "db_manage.h"
#include "num.h"
#include "opts.h"
#include "qual.h"
#include "qual_qdpx.h"
#include "qual_text.h"
#include "study.h"

/* The whole of path, at most max bytes (one more byte read tells). */
static uf_err
slurp(const char *path, size_t max, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b = NULL;
	size_t n;
	uf_err e = UF_EIO;

	*out = NULL;
	if (f == NULL)
		return UF_EIO;
	if ((b = malloc(max + 2)) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	n = fread(b, 1, max + 1, f);
	if (ferror(f))
		goto out;
	if (n > max) {
		e = UF_ELIMIT;
		goto out;
	}
	b[n] = '\0';
	*out = b;
	*len = n;
	b = NULL;
	e = UF_OK;
out:
	free(b);
	fclose(f);
	return e;
}

/* The user id of name (0 when unknown). */
static uf_err
user_id(struct db *db, const char *name, long long *id)
{
	struct m_user_auth u;
	bool found = false;
	uf_err e;

	*id = 0;
	if ((e = db_m_user_by_name(db, name, &u, &found)) == UF_OK && found)
		*id = u.user_id;
	return e;
}

int
cmd_qual_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		OPTS_LONG_STUDY,
		{ "output", required_argument, NULL, 'o' },
		{ "user", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "qual-export", *output = NULL, *user = NULL;
	struct opts_common o;
	struct manage_error err;
	struct cli_out out;
	struct db *db = NULL;
	struct buf b;
	long long study, viewer = 0;
	bool opened = false;
	int c, rc = 1;
	uf_err e;

	buf_init(&b, QDPX_ZIP_MAX);
	opts_common_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		if (c == 'o')
			output = optarg;
		else if (c == 'u')
			user = optarg;
		else if (!opts_common(cmd, c, optarg, &o))
			return OPTS_EXIT_USAGE;
	}
	if (optind != argc)
		return opts_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (output == NULL)
		return opts_usage(cmd, "-o FILE is required (- for standard output)");
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	if ((e = study_resolve(db, o.study, &study, &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	if (user != NULL && ((e = user_id(db, user, &viewer)) != UF_OK || viewer == 0)) {
		rc = opts_fail(cmd, "no user %s", user);
		goto out;
	}
	if ((e = qdpx_export(db, study, viewer, &b, &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	if (cli_out_open(&out, output, 0600) != UF_OK) {
		rc = opts_fail(cmd, "%s: cannot create", output);
		goto out;
	}
	opened = true;
	if (cli_out_write(&out, b.data, b.len) != UF_OK || cli_out_commit(&out) != UF_OK) {
		rc = opts_fail(cmd, "%s: cannot write", output);
		goto out;
	}
	opened = false;
	if (strcmp(output, "-") != 0)
		printf("wrote %zu bytes to %s\n", b.len, output);
	rc = 0;
out:
	if (opened)
		cli_out_abort(&out);
	buf_free(&b);
	db_close(db);
	return rc;
}

int
cmd_qual_import(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		OPTS_LONG_STUDY,
		{ "user", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "qual-import", *user = NULL;
	char actor[CLI_ACTOR_MAX];
	struct opts_common o;
	struct manage_error err;
	struct qdpx_counts n;
	struct db *db = NULL;
	long long study, uid = 0;
	char *zip = NULL;
	size_t len = 0;
	int c, rc = 1;
	uf_err e;

	opts_common_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (c == 'u')
			user = optarg;
		else if (!opts_common(cmd, c, optarg, &o))
			return OPTS_EXIT_USAGE;
	}
	if (optind != argc - 1 || user == NULL)
		return opts_usage(cmd, "--user NAME and one FILE.qdpx are required");
	if ((e = slurp(argv[optind], QDPX_ZIP_MAX, &zip, &len)) != UF_OK) {
		rc = opts_fail(cmd, "%s: %s", argv[optind], e == UF_ELIMIT ? "too big (at most 64 MB)" : "cannot read");
		goto out;
	}
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	if ((e = study_resolve(db, o.study, &study, &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	if ((e = user_id(db, user, &uid)) != UF_OK || uid == 0) {
		rc = opts_fail(cmd, "no user %s", user);
		goto out;
	}
	cli_actor(actor);
	if ((e = qdpx_import(db, study, uid, actor, zip, len, &n, &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("codes added: %lld, meaning units added: %lld, already there: %lld\n",
	    n.codes_added, n.units_added, n.units_kept);
	rc = 0;
out:
	free(zip);
	db_close(db);
	return rc;
}

int
cmd_qual_upload(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		OPTS_LONG_STUDY,
		{ "wave", required_argument, NULL, 'w' },
		{ "group", required_argument, NULL, 'g' },
		{ "panel-id", required_argument, NULL, 'p' },
		{ "title", required_argument, NULL, 't' },
		{ "user", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "qual-upload", *grp = NULL, *panel = NULL, *title = NULL,
	           *user = NULL;
	char actor[CLI_ACTOR_MAX];
	struct opts_common o;
	struct manage_error err;
	struct db *db = NULL;
	long long study, uid = 0, id;
	long months = 0;
	char *body = NULL;
	size_t len = 0;
	int c, rc = 1;
	uf_err e;

	opts_common_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'w':
			if (!num_long(optarg, 1, 120, &months))
				return opts_usage(cmd, "--wave takes the months, 1-120");
			break;
		case 'g': grp = optarg; break;
		case 'p': panel = optarg; break;
		case 't': title = optarg; break;
		case 'u': user = optarg; break;
		default:
			if (!opts_common(cmd, c, optarg, &o))
				return OPTS_EXIT_USAGE;
		}
	}
	if (optind != argc - 1 || months == 0 || grp == NULL || title == NULL || user == NULL)
		return opts_usage(cmd, "--wave, --group, --title, --user and one FILE are "
		                       "required");
	if ((e = slurp(argv[optind], QUAL_BODY_MAX, &body, &len)) != UF_OK &&
	    e != UF_ELIMIT) {
		rc = opts_fail(cmd, "%s: cannot read", argv[optind]);
		goto out;
	}
	if (e == UF_ELIMIT) {
		rc = opts_fail(cmd, "%s", qual_body_message(QUAL_BODY_TOO_BIG));
		goto out;
	}
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	if ((e = study_resolve(db, o.study, &study, &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	if ((e = user_id(db, user, &uid)) != UF_OK || uid == 0) {
		rc = opts_fail(cmd, "no user %s", user);
		goto out;
	}
	cli_actor(actor);
	if ((e = qual_transcript_add(db, study, (int)months, grp, panel, title, body, len,
	         uid, actor, &id, &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	printf("document %lld stored\n", id);
	rc = 0;
out:
	free(body);
	db_close(db);
	return rc;
}
