/* SPDX-License-Identifier: ISC
 * uppfolj-admin code-replace, test-mark and test-purge: a lost slip's code
 * voided and a new slip written (PDF, like codes), and the test marks of
 * waves and codes with the purge of test answers (manage/codereplace).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "buf.h"
#include "cli.h"
#include "cmd.h"
#include "codereplace.h"
#include "codesheet.h"
#include "db_manage.h"
#include "opts.h"

#define SLIP_MAX (4 * 1024 * 1024)

struct slip_ctx {
	const char *base_url;
	const char *font_dir;
	struct cli_out out;
};

static uf_err
write_slip(void *ctx, const struct codes_batch *b)
{
	struct slip_ctx *s = ctx;
	struct buf pdf;
	uf_err e;

	buf_init(&pdf, SLIP_MAX);
	if ((e = codesheet_render(b, s->base_url, s->font_dir, &pdf)) == UF_OK)
		e = cli_out_write(&s->out, pdf.data, pdf.len);
	buf_free(&pdf);
	return e;
}

int
cmd_code_replace(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		OPTS_LONG_SECRET,
		OPTS_LONG_STUDY,
		OPTS_LONG_WAVE,
		{ "panel-id", required_argument, NULL, 'p' },
		{ "base-url", required_argument, NULL, 'b' },
		{ "font-dir", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "code-replace", *output = NULL, *panel = NULL;
	unsigned char key[CODE_KEY_LEN];
	char actor[CLI_ACTOR_MAX];
	struct opts_common o;
	struct manage_error err;
	struct slip_ctx sk;
	struct db *db = NULL;
	bool opened = false;
	int c, rc = 1;
	uf_err e;

	memset(&sk, 0, sizeof(sk));
	sk.base_url = getenv("UPPFOLJ_BASE_URL");
	opts_common_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'b': sk.base_url = optarg; break;
		case 'F': sk.font_dir = optarg; break;
		case 'o': output = optarg; break;
		case 'p': panel = optarg; break;
		default:
			if (!opts_common(cmd, c, optarg, &o))
				return OPTS_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return opts_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (o.months == 0 || panel == NULL || output == NULL)
		return opts_usage(cmd, "--wave, --panel-id and -o are required");
	if (!codesheet_base_url_ok(sk.base_url))
		return opts_usage(cmd, "--base-url must be an http(s) URL without "
		    "spaces, '?' or '#' (or set UPPFOLJ_BASE_URL)");
	if (strcmp(output, "-") == 0)
		return opts_usage(cmd, "-o must name a file (the slip holds a code)");
	if (!cli_key(cmd, o.secret, key))
		goto out;
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	if (cli_out_open(&sk.out, output, 0600) != UF_OK) {
		rc = opts_fail(cmd, "%s: cannot create", output);
		goto out;
	}
	opened = true;
	cli_actor(actor);
	e = code_replace(db, key, o.study, panel, (int)o.months, actor, write_slip,
	    &sk, &err);
	if (e != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	opened = false;
	if (cli_out_commit(&sk.out) != UF_OK) {
		rc = opts_fail(cmd, "code replaced but %s could not be renamed into "
		    "place: the slip is %s", output, sk.out.tmp);
		goto out;
	}
	printf("replaced the code of %s for %ld months; new slip in %s\n", panel,
	    o.months, output);
	rc = 0;
out:
	if (opened)
		cli_out_abort(&sk.out);
	sodium_memzero(key, sizeof(key));
	db_close(db);
	return rc;
}

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
