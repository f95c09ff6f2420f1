/* SPDX-License-Identifier: ISC
 * uppfolj-admin export and access-export: files for analysis (CSV long and
 * wide in two dialects, codebook, SPSS, Stata, R) with their filters, and
 * one participant's own answers as JSON or PDF. Output files are
 * created 0600 and appear under their name only when complete.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "accesspdf.h"
#include "buf.h"
#include "cli.h"
#include "cmd.h"
#include "db_manage.h"
#include "erase.h"
#include "export.h"
#include "form.h"
#include "opts.h"
#include "study.h"

static uf_err
to_file(void *ctx, const char *p, size_t n)
{
	return cli_out_write(ctx, p, n);
}

int
cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		OPTS_LONG_STUDY,
		OPTS_LONG_WAVE,
		{ "format", required_argument, NULL, 'f' },
		{ "dialect", required_argument, NULL, 'D' },
		{ "group", required_argument, NULL, 'g' },
		{ "unit-kind", required_argument, NULL, 'k' },
		{ "free-text", no_argument, NULL, 'T' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "export", *output = NULL;
	char actor[CLI_ACTOR_MAX];
	struct opts_common o;
	struct manage_error err;
	struct export_opts xo;
	bool have_format = false;
	struct cli_out out;
	struct db *db = NULL;
	long long rows = 0;
	bool opened = false;
	int c, rc = 1;
	uf_err e;

	opts_common_init(&o);
	export_opts_init(&xo);
	manage_error_clear(&err);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': output = optarg; break;
		case 'f':
			if (!export_format_parse(optarg, &xo.format))
				return opts_usage(cmd, "--format must be long, wide, codebook, "
				                       "sav, dta or r");
			have_format = true;
			break;
		case 'D':
			if (!csv_dialect_parse(optarg, &xo.dialect))
				return opts_usage(cmd, "--dialect must be rfc4180 or excel-sv");
			break;
		case 'g':
			if (!group_parse(optarg, &xo.filter.group))
				return opts_usage(cmd, "--group must be chef, personal, peer "
				                       "or patient");
			break;
		case 'k':
			xo.filter.unit_kind = optarg;
			break;
		case 'T':
			xo.filter.free_text = true;
			break;
		default:
			if (!opts_common(cmd, c, optarg, &o))
				return OPTS_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return opts_usage(cmd, "unexpected argument \"%s\"", argv[optind]);
	if (!have_format || output == NULL)
		return opts_usage(cmd, "--format and -o FILE are required (- for "
		                       "standard output)");
	xo.filter.months = (int)o.months;
	/* The unit kind is checked before any connection; whether the wave
	 * exists needs the database (export_run). */
	if (xo.filter.unit_kind != NULL && !export_unit_kind_ok(xo.filter.unit_kind))
		return opts_usage(cmd, "--unit-kind must be heldygnsvard, boendestod, "
		                       "traffpunkt, stodboende or other");
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	if (cli_out_open(&out, output, 0600) != UF_OK) {
		rc = opts_fail(cmd, "%s: cannot create", output);
		goto out;
	}
	opened = true;
	cli_actor(actor);
	if ((e = export_run(db, o.study, &xo, actor, to_file, &out, &rows,
	         &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	if (cli_out_commit(&out) != UF_OK) {
		rc = opts_fail(cmd, "%s: cannot write", output);
		goto out;
	}
	opened = false;
	if (strcmp(output, "-") != 0)
		printf("wrote %lld rows (%s%s) to %s\n", rows,
		    export_format_name(xo.format), xo.filter.free_text ? ", with free text" : "", output);
	rc = 0;
out:
	if (opened)
		cli_out_abort(&out);
	db_close(db);
	return rc;
}

int
cmd_access_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		OPTS_LONG_SECRET,
		OPTS_LONG_STUDY,
		{ "panel-id", required_argument, NULL, 'p' },
		{ "code", required_argument, NULL, 'c' },
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "font-dir", required_argument, NULL, 'F' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmd = "access-export";
	const char *panel = NULL, *code = NULL, *output = "-";
	const char *format = "json", *font_dir = NULL;
	char actor[CLI_ACTOR_MAX];
	struct opts_common o;
	struct manage_error err;
	unsigned char key[CODE_KEY_LEN];
	struct cli_out out;
	struct buf json, pdf;
	const struct buf *result = &json;
	struct db *db = NULL;
	long long pid = 0;
	bool opened = false;
	int c, rc = 1;
	uf_err e;

	memset(key, 0, sizeof(key));
	buf_init(&json, 0);
	buf_init(&pdf, 0);
	opts_common_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': panel = optarg; break;
		case 'c': code = optarg; break;
		case 'o': output = optarg; break;
		case 'f': format = optarg; break;
		case 'F': font_dir = optarg; break;
		default:
			if (!opts_common(cmd, c, optarg, &o)) {
				rc = OPTS_EXIT_USAGE;
				goto out;
			}
		}
	}
	if (optind != argc || (panel == NULL) == (code == NULL)) {
		rc = opts_usage(cmd, "give --panel-id ID or --code CODE");
		goto out;
	}
	if (strcmp(format, "json") != 0 && strcmp(format, "pdf") != 0) {
		rc = opts_usage(cmd, "--format must be json or pdf");
		goto out;
	}

	if (code != NULL && !cli_key(cmd, o.secret, key))
		goto out;
	if (!cli_connect(cmd, o.conninfo, &db))
		goto out;
	cli_actor(actor);
	if ((e = erase_find(db, key, code, o.study, panel, &pid, &err)) != UF_OK ||
	    (e = export_access(db, pid, actor, &json, &err)) != UF_OK) {
		rc = opts_fail(cmd, "%s", manage_error_text(&err, e));
		goto out;
	}
	if (strcmp(format, "pdf") == 0) {
		e = accesspdf_render(json.data, json.len, NULL, font_dir, &pdf);
		if (e != UF_OK) {
			rc = opts_fail(cmd, "cannot write the PDF (%s)%s", uf_err_name(e),
			    e == UF_EIO ? ": fonts missing (--font-dir, fonts-dejavu-core)" : "");
			goto out;
		}
		result = &pdf;
	}
	if (cli_out_open(&out, output, 0600) != UF_OK) {
		rc = opts_fail(cmd, "%s: cannot create", output);
		goto out;
	}
	opened = true;
	if (cli_out_write(&out, result->data, result->len) != UF_OK ||
	    cli_out_commit(&out) != UF_OK) {
		rc = opts_fail(cmd, "%s: cannot write", output);
		goto out;
	}
	opened = false;
	rc = 0;
out:
	if (opened)
		cli_out_abort(&out);
	sodium_memzero(key, sizeof(key));
	buf_free(&json);
	buf_free(&pdf);
	db_close(db);
	return rc;
}
