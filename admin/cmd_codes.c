/* SPDX-License-Identifier: ISC
 * uppfolj-admin codes and code-replace: issue access codes for a wave, unit
 * and group (new participants, or those of an earlier wave), or void one
 * participant's code and give them a new one, and write the printable
 * sheet. The PDF is written before the codes are committed, so a failed
 * write keeps nothing; the clear codes exist only in that file.
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
#include "codes.h"
#include "codesheet.h"
#include "db_manage.h"
#include "num.h"
#include "opts.h"

#define CMD       "codes"
#define SHEET_MAX (64 * 1024 * 1024)

struct sink_ctx {
	const char *base_url;
	const char *font_dir;
	struct cli_out out;
	size_t n;
};

/* Render the sheet and write it under its temporary name. */
static uf_err
write_sheet(void *ctx, const struct codes_batch *b)
{
	struct sink_ctx *s = ctx;
	struct buf pdf;
	uf_err e;

	buf_init(&pdf, SHEET_MAX);
	if ((e = codesheet_render(b, s->base_url, s->font_dir, &pdf)) == UF_OK)
		e = cli_out_write(&s->out, pdf.data, pdf.len);
	if (e == UF_OK)
		s->n = b->n;
	buf_free(&pdf);
	return e;
}

/* What both commands do before anything is written: a base URL the QR
 * codes can carry, a real file for the PDF (what: "the sheet holds codes"),
 * the key, the connection, and the file opened 0600. false: *rc is the exit
 * status, the reason printed. */
static bool
sheet_prepare(const char *cmd, const struct opts_common *o, const char *output,
    const char *what, unsigned char key[CODE_KEY_LEN], struct db **db,
    struct sink_ctx *sk, bool *opened, int *rc)
{
	if (!codesheet_base_url_ok(sk->base_url)) {
		*rc = opts_usage(cmd, "--base-url must be an http(s) URL without "
		                      "spaces, '?' or '#' (or set UPPFOLJ_BASE_URL)");
		return false;
	}
	if (strcmp(output, "-") == 0) {
		*rc = opts_usage(cmd, "-o must name a file (%s)", what);
		return false;
	}
	if (!cli_key(cmd, o->secret, key) || !cli_connect(cmd, o->conninfo, db))
		return false;
	if (cli_out_open(&sk->out, output, 0600) != UF_OK) {
		*rc = opts_fail(cmd, "%s: cannot create", output);
		return false;
	}
	*opened = true;
	return true;
}

int
cmd_codes(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		OPTS_LONG_SECRET,
		OPTS_LONG_STUDY,
		OPTS_LONG_WAVE,
		{ "unit", required_argument, NULL, 'u' },
		{ "group", required_argument, NULL, 'g' },
		{ "count", required_argument, NULL, 'n' },
		{ "from-wave", required_argument, NULL, 'f' },
		{ "base-url", required_argument, NULL, 'b' },
		{ "font-dir", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *output = NULL;
	unsigned char key[CODE_KEY_LEN];
	char actor[CLI_ACTOR_MAX];
	struct opts_common o;
	struct manage_error err;
	struct codes_request rq;
	struct sink_ctx sk;
	struct db *db = NULL;
	long v;
	bool have_group = false, opened = false;
	int c, rc = 1;
	uf_err e;

	memset(&rq, 0, sizeof(rq));
	memset(&sk, 0, sizeof(sk));
	sk.base_url = getenv("UPPFOLJ_BASE_URL");
	opts_common_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'b': sk.base_url = optarg; break;
		case 'F': sk.font_dir = optarg; break;
		case 'o': output = optarg; break;
		case 'f':
			if (!num_long(optarg, 1, 120, &v))
				return opts_usage(CMD, "--from-wave is months, 1-120");
			rq.from_months = (int)v;
			break;
		case 'u':
			if (!num_long(optarg, 1, 0x7fffffffL, &v))
				return opts_usage(CMD, "--unit needs a unit id");
			rq.unit = v;
			break;
		case 'n':
			if (!num_long(optarg, 1, CODES_MAX_COUNT, &v))
				return opts_usage(CMD, "--count must be 1-%d", CODES_MAX_COUNT);
			rq.count = (int)v;
			break;
		case 'g':
			if (!group_parse(optarg, &rq.grp))
				return opts_usage(CMD, "--group must be chef, personal, peer "
				                       "or patient");
			have_group = true;
			break;
		default:
			if (!opts_common(CMD, c, optarg, &o))
				return OPTS_EXIT_USAGE;
		}
	}
	rq.study = o.study;
	rq.months = (int)o.months;
	if (optind != argc)
		return opts_usage(CMD, "unexpected argument \"%s\"", argv[optind]);
	if (rq.months == 0 || rq.unit == 0 || !have_group || output == NULL)
		return opts_usage(CMD, "--wave, --unit, --group and -o are required");
	if (rq.from_months == 0 && rq.count == 0)
		return opts_usage(CMD, "--count N (new participants) or --from-wave M");
	if (!sheet_prepare(CMD, &o, output, "the sheet holds codes", key, &db, &sk,
	        &opened, &rc))
		goto out;
	cli_actor(actor);
	rq.actor = actor;
	e = codes_issue(db, key, &rq, write_sheet, &sk, &err);
	if (e != UF_OK) {
		rc = opts_fail(CMD, "%s", manage_error_text(&err, e));
		goto out;
	}
	if (cli_out_commit(&sk.out) != UF_OK) {
		/* The codes are stored; the sheet is the only copy. */
		rc = opts_fail(CMD, "codes stored but %s could not be renamed into "
		                    "place: the sheet is %s",
		    output, sk.out.tmp);
		opened = false;
		goto out;
	}
	opened = false;
	printf("wrote %zu codes for %d months to %s\n", sk.n, rq.months, output);
	rc = 0;
out:
	if (opened)
		cli_out_abort(&sk.out);
	sodium_memzero(key, sizeof(key));
	db_close(db);
	return rc;
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
	struct sink_ctx sk;
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
	if (!sheet_prepare(cmd, &o, output, "the slip holds a code", key, &db, &sk,
	        &opened, &rc))
		goto out;
	cli_actor(actor);
	e = code_replace(db, key, o.study, panel, (int)o.months, actor, write_sheet,
	    &sk, &err);
	if (e != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	opened = false;
	if (cli_out_commit(&sk.out) != UF_OK) {
		rc = opts_fail(cmd, "code replaced but %s could not be renamed into "
		                    "place: the slip is %s",
		    output, sk.out.tmp);
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
