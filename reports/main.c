/* SPDX-License-Identifier: ISC
 * uppfolj-report: the batch program writing the delrapport (one wave) and
 * the slutrapport (all waves) as PDF, optionally every table as CSV too,
 * and an instrument version as a printable questionnaire.
 * This file is the command line: options, messages and exit codes
 * (0 done, 1 failure with a message saying what to do, 2 usage).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db_report.h"
#include "lang.h"
#include "log.h"
#include "model.h"
#include "num.h"
#include "questionnaire.h"
#include "render.h"
#include "utf8.h"

#define PROG        "uppfolj-report"
#define CONTACT_MAX 400

enum kind { KIND_DEL,
	KIND_SLUT };

static const char usage_text[] =
    "usage: uppfolj-report delrapport --wave MONTHS [options]\n"
    "       uppfolj-report slutrapport [options]\n"
    "       uppfolj-report questionnaire (--instrument ID --version N | --form FILE)\n"
    "                      [--bilaga LABEL] [-o FILE] [--db CONNINFO]\n"
    "\n"
    "Writes the evaluation's PDF report: the delrapport for one wave or the\n"
    "slutrapport comparing all waves.\n"
    "\n"
    "  --wave MONTHS   the wave (months after project start), delrapport only\n"
    "  -o, --output F  the PDF to write (default delrapport-MONTHS.pdf or\n"
    "                  slutrapport.pdf)\n"
    "  --db CONNINFO   libpq connection string (default: $UPPFOLJ_DB, else\n"
    "                  \"dbname=uppfolj\"); connect as role uppfolj_report\n"
    "  --study SLUG    the study (default: the only one in the database)\n"
    "  --compare SLUG  slutrapport: also compare with that study (shared items\n"
    "                  and scales per wave, the same suppression and tests)\n"
    "  --min-cell N    hide groups and figures with fewer than N answers\n"
    "                  (default 5)\n"
    "  --min-category N  show answer counts 1..N-1 within a group only as a\n"
    "                  range, merged or hidden, and no distribution where a\n"
    "                  group under 10 nearly all gave one answer (default 3)\n"
    "  --csv DIR       also write every table as DIR/tabell_NN.csv\n"
    "  --font-dir DIR  folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf\n"
    "  --draft         mark every page UTKAST (a draft for the steering group)\n"
    "  --lang-dir DIR  the respondent texts (info/, ui/) that the information\n"
    "                  Bilaga prints, as uppfolj-collect's lang_dir (default:\n"
    "                  $UPPFOLJ_LANG_DIR, else the installed forms folder)\n"
    "  --contact TEXT  whom to contact, as uppfolj-collect's `contact` setting\n"
    "                  (default: the information text's own wording)\n"
    "\n"
    "The report includes the evaluators' text written in the admin web (the\n"
    "latest version of each section) and the qualitative analysis: per kategori\n"
    "its subkategorier, meaning units per group and wave, example quotes and the\n"
    "evaluators' reflection.\n"
    "\n"
    "questionnaire: the instrument version as a PDF to print (every item with\n"
    "its options as tick boxes, skip conditions in words), read from the\n"
    "database or from a forms/*.json file (--form); --bilaga \"Bilaga 2\" puts\n"
    "that label before its title; default output INSTRUMENT-vVERSION.pdf.\n"
    "  --quiet         no progress or summary on stderr\n"
    "  --help          this text\n";

static int __attribute__((format(printf, 1, 2)))
usage_error(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, PROG ": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '" PROG " --help'.\n");
	return 2;
}

static int __attribute__((format(printf, 1, 2)))
fail(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, PROG ": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/* The definition of instrument `id` version `version` from the database,
 * parsed. 1 with a message when there is none or it does not parse. */
static int
load_stored_form(const char *conninfo, const char *id, long version,
    struct form **out)
{
	struct db *db = NULL;
	struct db_res *res = NULL;
	struct form_error fe;
	char vtext[24], line[600];
	int rc = 1;

	if (snprintf(vtext, sizeof vtext, "%ld", version) < 0)
		return 1;
	if (db_report_connect(conninfo, &db) != UF_OK) {
		rc = fail("cannot connect to the database (%s). Check --db or "
		          "UPPFOLJ_DB, or print from a file with --form%s.",
		    db ? db_errmsg(db) : "see the line above", "");
		goto out;
	}
	if (db_report_definition(db, id, vtext, &res) != UF_OK) {
		rc = fail("reading instrument %s version %ld failed%s", id, version, "");
		goto out;
	}
	if (db_res_rows(res) != 1) {
		rc = fail("no instrument \"%s\" version %ld is loaded; see "
		          "uppfolj-admin forms-load%s",
		    id, version, "");
		goto out;
	}
	const char *json = db_res_get(res, 0, 0);
	if (form_parse(json, strlen(json), id, out, &fe) != UF_OK) {
		form_error_format(&fe, line, sizeof line);
		rc = fail("the stored instrument does not parse: %s", line);
		goto out;
	}
	rc = 0;
out:
	db_res_free(res);
	db_close(db);
	return rc;
}

/* uppfolj-report questionnaire ... */
static int
questionnaire_main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "instrument", required_argument, NULL, 'i' },
		{ "version", required_argument, NULL, 'v' },
		{ "form", required_argument, NULL, 'F' },
		{ "bilaga", required_argument, NULL, 'b' },
		{ "output", required_argument, NULL, 'o' },
		{ "db", required_argument, NULL, 'd' },
		{ "font-dir", required_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *conninfo = getenv("UPPFOLJ_DB"), *id = NULL, *file = NULL;
	const char *bilaga = NULL, *out_path = NULL, *font_dir = UF_FONT_DIR;
	long version = 0;
	bool quiet = false;
	struct form *f = NULL;
	struct form_error fe;
	char defout[96], msg[1024] = "", line[600];
	int rc = 1, ch;

	optind = 2;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'i':
			id = optarg;
			break;
		case 'v':
			if (!num_long(optarg, 1, 1000000, &version))
				return usage_error("--version must be a whole number from 1, "
				                   "not \"%s\"",
				    optarg);
			break;
		case 'F':
			file = optarg;
			break;
		case 'b':
			bilaga = optarg;
			break;
		case 'o':
			out_path = optarg;
			break;
		case 'd':
			conninfo = optarg;
			break;
		case 'f':
			font_dir = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		case ':':
			return usage_error("%s needs a value", argv[optind - 1]);
		default:
			return usage_error("unknown option %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument \"%s\"", argv[optind]);
	if ((file != NULL) == (id != NULL || version != 0))
		return usage_error("%s", "name the instrument: --instrument ID --version N, "
		                         "or --form FILE");
	if (file == NULL && (id == NULL || version == 0))
		return usage_error("%s", "--instrument needs --version N, and --version "
		                         "needs --instrument ID");
	/* printed as a heading: short, one line, valid UTF-8 */
	if (bilaga != NULL && (bilaga[0] == '\0' || strlen(bilaga) > QUESTIONNAIRE_BILAGA_MAX || !utf8_text_ok(bilaga, strlen(bilaga)) || strpbrk(bilaga, "\t\r\n") != NULL))
		return usage_error("--bilaga must be a short label on one line (at most "
		                   "%d bytes of UTF-8), e.g. \"Bilaga 2\"",
		    QUESTIONNAIRE_BILAGA_MAX);
	if (file != NULL) {
		if (form_load_file(file, &f, &fe) != UF_OK) {
			form_error_format(&fe, line, sizeof line);
			return fail("%s", line);
		}
	} else {
		if (conninfo == NULL || conninfo[0] == '\0')
			conninfo = "dbname=uppfolj";
		if ((rc = load_stored_form(conninfo, id, version, &f)) != 0)
			return rc;
		rc = 1;
	}
	if (out_path == NULL) {
		if (snprintf(defout, sizeof defout, "%s-v%d.pdf", f->id, f->version) < 0)
			goto out;
		out_path = defout;
	}
	if (questionnaire_pdf(f, bilaga, font_dir, out_path, msg, sizeof msg) != UF_OK) {
		rc = fail("could not write the questionnaire: %s", msg);
		goto out;
	}
	if (!quiet)
		fprintf(stderr, PROG ": wrote %s\n", out_path);
	rc = 0;
out:
	form_free(f);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "wave", required_argument, NULL, 'w' },
		{ "output", required_argument, NULL, 'o' },
		{ "db", required_argument, NULL, 'd' },
		{ "study", required_argument, NULL, 's' },
		{ "compare", required_argument, NULL, 'C' },
		{ "min-cell", required_argument, NULL, 'm' },
		{ "min-category", required_argument, NULL, 'k' },
		{ "csv", required_argument, NULL, 'c' },
		{ "font-dir", required_argument, NULL, 'f' },
		{ "draft", no_argument, NULL, 'D' },
		{ "lang-dir", required_argument, NULL, 'L' },
		{ "contact", required_argument, NULL, 'K' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *conninfo = getenv("UPPFOLJ_DB"), *slug = NULL, *out_path = NULL;
	const char *csv = NULL, *font_dir = UF_FONT_DIR, *compare = NULL;
	const char *lang_dir = getenv("UPPFOLJ_LANG_DIR"), *contact = NULL;
	long wave = 0, min_cell = 5, min_category = 0;
	bool quiet = false, draft = false;
	enum kind kind;
	struct db *db = NULL;
	struct model *m = NULL, *mb = NULL;
	char msg[1024] = "", defout[64], today[16];
	int rc = 1, ch;

	log_set_program(PROG);
	log_set_level(LOG_LVL_ERROR);
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (argc < 2 || argv[1][0] == '-')
		return usage_error("%s", "name the report: delrapport or slutrapport");
	if (strcmp(argv[1], "questionnaire") == 0)
		return questionnaire_main(argc, argv);
	if (strcmp(argv[1], "delrapport") == 0)
		kind = KIND_DEL;
	else if (strcmp(argv[1], "slutrapport") == 0)
		kind = KIND_SLUT;
	else
		return usage_error("unknown report \"%s\" (delrapport, slutrapport or "
		                   "questionnaire)",
		    argv[1]);
	optind = 2;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'w':
			if (!num_long(optarg, 1, 120, &wave))
				return usage_error("--wave must be months between 1 and 120, "
				                   "not \"%s\"",
				    optarg);
			break;
		case 'o':
			out_path = optarg;
			break;
		case 'd':
			conninfo = optarg;
			break;
		case 's':
			slug = optarg;
			break;
		case 'C':
			compare = optarg;
			break;
		case 'm':
			if (!num_long(optarg, 1, 1000000, &min_cell))
				return usage_error("--min-cell must be a whole number from 1, "
				                   "not \"%s\"",
				    optarg);
			break;
		case 'k':
			if (!num_long(optarg, 1, 1000000, &min_category))
				return usage_error("--min-category must be a whole number from "
				                   "1, not \"%s\"",
				    optarg);
			break;
		case 'c':
			csv = optarg;
			break;
		case 'f':
			font_dir = optarg;
			break;
		case 'D':
			draft = true;
			break;
		case 'L':
			lang_dir = optarg;
			break;
		case 'K':
			/* printed in a paragraph: one line of UTF-8, a sentence or two */
			if (optarg[0] == '\0' || strlen(optarg) > CONTACT_MAX ||
			    !utf8_text_ok(optarg, strlen(optarg)) || strpbrk(optarg, "\t\r\n") != NULL)
				return usage_error("--contact must be one line of UTF-8 text, at "
				                   "most %d bytes",
				    CONTACT_MAX);
			contact = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		case ':':
			return usage_error("%s needs a value", argv[optind - 1]);
		default:
			return usage_error("unknown option %s", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument \"%s\"", argv[optind]);
	if (kind == KIND_DEL && wave == 0)
		return usage_error("%s", "the delrapport needs --wave MONTHS (e.g. --wave 24)");
	if (kind == KIND_SLUT && wave != 0)
		return usage_error("%s", "the slutrapport covers every wave; drop --wave");
	if (compare != NULL && (kind != KIND_SLUT || slug == NULL || strcmp(compare, slug) == 0))
		return usage_error("%s", "--compare B goes with slutrapport --study A, B another "
		                         "study than A");
	/* default 3, never above --min-cell: a category count may not be shown
	 * where a whole group may not */
	if (min_category == 0)
		min_category = min_cell < 3 ? min_cell : 3;
	if (min_category > min_cell)
		return usage_error("--min-category (%ld) may not be larger than "
		                   "--min-cell (%ld)",
		    min_category, min_cell);
	if (conninfo == NULL || conninfo[0] == '\0')
		conninfo = "dbname=uppfolj";
	if (out_path == NULL) {
		if (kind == KIND_DEL) {
			if (snprintf(defout, sizeof defout, "delrapport-%ld.pdf", wave) < 0)
				return 1;
		} else if (snprintf(defout, sizeof defout, "slutrapport.pdf") < 0) {
			return 1;
		}
		out_path = defout;
	}
	if (csv != NULL) {
		struct stat st;
		if (stat(csv, &st) != 0) {
			if (errno != ENOENT || mkdir(csv, 0777) != 0)
				return fail("cannot use --csv %s: %s", csv, strerror(errno));
		} else if (!S_ISDIR(st.st_mode)) {
			return fail("--csv %s is not a folder%s", csv, "");
		}
	}
	time_t now = time(NULL);
	struct tm tmv;
	if (gmtime_r(&now, &tmv) == NULL || strftime(today, sizeof today, "%Y-%m-%d", &tmv) == 0)
		return fail("%s%s", "cannot read the clock", "");

	/* The information Bilaga prints the texts the respondents saw. */
	if (lang_dir == NULL || lang_dir[0] == '\0')
		lang_dir = UF_DATADIR "/forms";
	if (lang_table_load(lang_dir, msg, sizeof msg) != UF_OK)
		return fail("cannot read the respondent texts in %s: %s. Name the folder "
		            "holding info/ and ui/ with --lang-dir or UPPFOLJ_LANG_DIR.",
		    lang_dir, msg);
	msg[0] = '\0';

	bool progress = !quiet && isatty(STDERR_FILENO);
	if (progress)
		fprintf(stderr, PROG ": connecting to the database\n");
	if (db_report_connect(conninfo, &db) != UF_OK) {
		rc = fail("cannot connect to the database or prepare the report queries "
		          "(%s). Check --db or UPPFOLJ_DB, that PostgreSQL runs, and that the "
		          "schema is migrated (uppfolj-admin migrate)%s.",
		    db ? db_errmsg(db) : "see the line above", "");
		goto out;
	}
	struct model_opts mo = {
		.slug = slug,
		.months = (int)wave,
		.min_cell = min_cell,
		.scores = true,
		.pairs = kind == KIND_SLUT,
		.quotes = kind == KIND_DEL,
		.timing = getenv("UPPFOLJ_REPORT_TIMING") != NULL,
		.qual = true,
	};
	enum model_fail why;
	if (progress)
		fprintf(stderr, PROG ": reading answers\n");
	if (model_load(db, &mo, &m, &why, msg, sizeof msg) != UF_OK) {
		switch (why) {
		case MODEL_FAIL_NO_STUDY:
			rc = fail("%s: load a study first (uppfolj-admin demo creates "
			          "the demo study)%s",
			    msg, "");
			break;
		case MODEL_FAIL_MANY_STUDIES:
		case MODEL_FAIL_UNKNOWN_STUDY:
		case MODEL_FAIL_UNKNOWN_WAVE:
			rc = fail("%s%s", msg, "");
			break;
		default:
			rc = fail("%s%s", msg[0] ? msg : "reading the data failed", "");
			break;
		}
		goto out;
	}
	long total = 0;
	for (size_t w = 0; w < m->nwaves; w++)
		if (m->focus < 0 || (int)w == m->focus)
			for (int g = 0; g < GROUP__MAX; g++)
				total += model_respondents(m, w, (enum respondent_group)g);
	if (total == 0) {
		char what[64];
		if (m->focus >= 0) {
			if (snprintf(what, sizeof what, "the %d-month wave", m->waves[m->focus].months) < 0)
				what[0] = '\0';
		} else if (snprintf(what, sizeof what, "no wave") < 0) {
			what[0] = '\0';
		}
		rc = fail("%s of study \"%s\" has no submitted responses yet, so there is "
		          "nothing to report. Run the report when answers have come in.",
		    what, m->slug);
		goto out;
	}
	if (compare != NULL) {
		struct model_opts mob = mo;

		mob.slug = compare;
		if (model_load(db, &mob, &mb, &why, msg, sizeof msg) != UF_OK) {
			rc = fail("--compare %s: %s", compare, msg[0] ? msg : "reading the data failed");
			goto out;
		}
	}
	struct render_opts ro = {
		.out_path = out_path,
		.csv_dir = csv,
		.font_dir = font_dir,
		.today = today,
		.progress = progress,
		.min_category = min_category,
		.draft = draft,
		.compare = mb,
		.contact = contact,
	};
	msg[0] = '\0';
	struct timespec t0, t1;
	bool timed = mo.timing && clock_gettime(CLOCK_MONOTONIC, &t0) == 0;
	uf_err e = kind == KIND_DEL ? render_delrapport(m, &ro, msg, sizeof msg) : render_slutrapport(m, &ro, msg, sizeof msg);
	if (timed && clock_gettime(CLOCK_MONOTONIC, &t1) == 0)
		fprintf(stderr, PROG ": timing: %-13s %7.1f ms\n", "render",
		    (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
		        (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	if (e != UF_OK) {
		rc = fail("could not write the report: %s%s", msg[0] ? msg : uf_err_name(e), "");
		goto out;
	}
	if (!quiet)
		fprintf(stderr, PROG ": wrote %s%s\n", out_path, csv ? " and the CSV tables" : "");
	rc = 0;
out:
	model_free(mb);
	model_free(m);
	db_close(db);
	lang_table_free();
	return rc;
}
