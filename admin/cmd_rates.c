/* SPDX-License-Identifier: ISC
 * uppfolj-admin rates: the response-rate monitor per wave x unit x group,
 * as a table for people (Swedish decimal comma, "42,5 %") or CSV for
 * machines (decimal point); --masked shows what a unit contact sees.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "cmd.h"
#include "csv.h"
#include "db_manage.h"
#include "num.h"
#include "opts.h"
#include "rates.h"
#include "utf8.h"

#define CMD "rates"

static int
print_csv(const struct rate_table *t)
{
	static const char *const header[] = { "wave", "unit_id", "unit", "group",
		"invited", "started", "consented", "declined", "submitted", "rate" };
	static const enum csv_kind kinds[10] = { CSV_NUMBER, CSV_NUMBER, CSV_TEXT,
		CSV_TEXT, CSV_NUMBER, CSV_NUMBER, CSV_NUMBER, CSV_NUMBER, CSV_NUMBER,
		CSV_NUMBER };
	char b[8][24];
	struct buf out;
	size_t i;
	uf_err e;

	buf_init(&out, 0);
	e = csv_row(&out, header, 10);
	for (i = 0; i < t->n && e == UF_OK; i++) {
		const struct rate_row *r = &t->rows[i];
		const char *f[10];
		if (snprintf(b[0], 24, "%d", r->months) >= 24 ||
		    snprintf(b[1], 24, "%lld", r->unit_id) >= 24) {
			e = UF_EINTERNAL;
			break;
		}
		f[0] = b[0];
		f[1] = b[1];
		f[2] = r->report_label;
		f[3] = r->grp;
		f[4] = rate_count_text(r->invited, b[2]);
		f[5] = rate_count_text(r->started, b[3]);
		f[6] = rate_count_text(r->consented, b[4]);
		f[7] = rate_count_text(r->declined, b[5]);
		f[8] = rate_count_text(r->submitted, b[6]);
		f[9] = rate_rate_csv(r, b[7]); /* a point: for machines */
		e = csv_row_kinds(&out, kinds, f, 10);
	}
	if (e == UF_OK && fwrite(out.data, 1, out.len, stdout) != out.len)
		e = UF_EIO;
	buf_free(&out);
	return e == UF_OK ? 0 : opts_fail(CMD, "cannot write the table");
}

/* Print s left-aligned in `width` characters (not bytes: labels are UTF-8),
 * cut at a character boundary when longer. */
static void
print_padded(const char *s, size_t width)
{
	size_t bytes = 0, chars = 0, n = strlen(s);

	while (bytes < n && chars < width) {
		bytes++;
		while (bytes < n && utf8_continues((unsigned char)s[bytes]))
			bytes++; /* continuation bytes of one character */
		chars++;
	}
	printf("%.*s%*s ", (int)bytes, s, (int)(width - chars), "");
}

static void
print_table(const struct rate_table *t)
{
	char b[6][24];
	size_t i;

	printf("%-4s %-32s %-9s %7s %7s %9s %8s %9s %8s\n", "wave", "unit",
	    "group", "invited", "started", "consented", "declined", "submitted",
	    "rate");
	for (i = 0; i < t->n; i++) {
		const struct rate_row *r = &t->rows[i];
		printf("%-4d ", r->months);
		print_padded(r->report_label, 32);
		printf("%-9s %7s %7s %9s %8s %9s %8s\n", r->grp,
		    rate_count_text(r->invited, b[0]),
		    rate_count_text(r->started, b[1]),
		    rate_count_text(r->consented, b[2]),
		    rate_count_text(r->declined, b[3]),
		    rate_count_text(r->submitted, b[4]), rate_rate_text(r, b[5]));
	}
	if (t->n == 0)
		printf("(no codes issued yet)\n");
}

int
cmd_rates(int argc, char **argv)
{
	static const struct option longopts[] = {
		OPTS_LONG_DB,
		OPTS_LONG_STUDY,
		OPTS_LONG_WAVE,
		{ "unit", required_argument, NULL, 'u' },
		{ "masked", no_argument, NULL, 'm' },
		{ "csv", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts_common o;
	struct manage_error err;
	struct rate_table t = { NULL, 0 };
	struct db *db = NULL;
	bool masked = false, csv = false;
	long unit = 0;
	int c, rc = 1;
	uf_err e;

	opts_common_init(&o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'm': masked = true; break;
		case 'c': csv = true; break;
		case 'u':
			if (!num_long(optarg, 1, 0x7fffffffL, &unit))
				return opts_usage(CMD, "--unit needs a unit id");
			break;
		default:
			if (!opts_common(CMD, c, optarg, &o))
				return OPTS_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return opts_usage(CMD, "unexpected argument \"%s\"", argv[optind]);
	if (!cli_connect(CMD, o.conninfo, &db))
		goto out;
	if ((e = rates_get(db, o.study, (int)o.months, unit, masked, &t,
	         &err)) != UF_OK) {
		rc = opts_fail(CMD, "%s", manage_error_text(&err, e));
		goto out;
	}
	if (csv) {
		rc = print_csv(&t);
	} else {
		print_table(&t);
		rc = 0;
	}
out:
	rate_table_free(&t);
	db_close(db);
	return rc;
}
