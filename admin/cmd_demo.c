/* SPDX-License-Identifier: ISC
 * uppfolj-admin demo: options, instruments, the panel, one transaction for
 * the whole study (demo_store.c writes it), the kiosk code sheet and the
 * summary; when the study exists, nothing changes and the saved codes are
 * printed.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "buf.h"
#include "cmd.h"
#include "code.h"
#include "db_admin.h"
#include "demo.h"
#include "demo_qual.h"
#include "form.h"
#include "num.h"
#include "opts.h"

#define CMD                 "demo"
#define DEMO_SEED_DEFAULT   20240901ULL
#define DEMO_MAX_FORM_FILES 64

/* ---- small helpers ----------------------------------------------------- */

static bool
valid_slug(const char *s)
{
	size_t i, n = strlen(s);

	if (n < 1 || n > 40 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return false;
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		        (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

/* ---- forms --------------------------------------------------------------- */

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Load every *.json of the forms folder (through forms-load, so they are
 * stored too) and keep the newest version per group; then the translations
 * in its translations/ folder. */
static uf_err
load_forms(struct demo_run *run)
{
	char *names[DEMO_MAX_FORM_FILES];
	size_t n = 0, i;
	DIR *d = NULL;
	struct dirent *de;
	char path[4096];
	int g, k;
	uf_err e = UF_OK;

	if ((d = opendir(run->forms_dir)) == NULL) {
		fprintf(stderr, "uppfolj-admin " CMD ": cannot open forms folder "
		                "%s: %s\n",
		    run->forms_dir, strerror(errno));
		return UF_EIO;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len < 6 || de->d_name[0] == '.' ||
		    strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		if (n == DEMO_MAX_FORM_FILES) {
			e = UF_ELIMIT;
			goto out;
		}
		if ((names[n] = strdup(de->d_name)) == NULL) {
			e = UF_ENOMEM;
			goto out;
		}
		n++;
	}
	qsort(names, n, sizeof(names[0]), by_name);
	for (i = 0; i < n; i++) {
		struct form *f = NULL;

		k = snprintf(path, sizeof(path), "%s/%s", run->forms_dir, names[i]);
		if (k < 0 || (size_t)k >= sizeof(path)) {
			e = UF_ELIMIT;
			goto out;
		}
		if ((e = forms_load_one(run->db, path, run->quiet, &f)) != UF_OK)
			goto out;
		g = (int)f->group;
		if (run->forms[g] == NULL || run->forms[g]->version < f->version) {
			form_free(run->forms[g]);
			run->forms[g] = f;
		} else {
			form_free(f);
		}
	}
	k = snprintf(path, sizeof(path), "%s/translations", run->forms_dir);
	if (k < 0 || (size_t)k >= sizeof(path)) {
		e = UF_ELIMIT;
		goto out;
	}
	if ((e = forms_load_translation_dir(run->db, path, run->quiet)) != UF_OK)
		goto out;
	for (g = 0; g < GROUP__MAX; g++) {
		if (run->forms[g] == NULL) {
			fprintf(stderr, "uppfolj-admin " CMD ": no instrument for "
			                "group %s in %s\n",
			    group_id(g), run->forms_dir);
			e = UF_ENOTFOUND;
			goto out;
		}
	}
out:
	if (e == UF_ELIMIT)
		fprintf(stderr, "uppfolj-admin " CMD ": too many files or too long "
		                "a path in %s\n",
		    run->forms_dir);
	for (i = 0; i < n; i++)
		free(names[i]);
	closedir(d);
	return e;
}

/* ---- the codes sheet ------------------------------------------------------ */

static uf_err
print_codes(const struct demo_run *run, FILE *fp)
{
	char until[DATE_LEN + 1];
	size_t i;

	if (run->open_wave < 0) {
		fprintf(fp, "# no wave is open today: no kiosk codes\n");
		return ferror(fp) ? UF_EIO : UF_OK;
	}
	date_format(run->closes[run->open_wave], until);
	fprintf(fp, "# uppfolj demo study \"%s\": access codes for the %d-month "
	            "wave (synthetic participants)\n# each works once, until %s\n"
	            "# code        group     unit kind     panel id\n",
	    run->slug,
	    demo_wave_months[run->open_wave], until);
	for (i = 0; i < run->ncodes; i++)
		fprintf(fp, "%s  %-8s  %-12s  %s\n", run->codes[i].code,
		    run->codes[i].grp, run->codes[i].kind, run->codes[i].panel);
	return ferror(fp) ? UF_EIO : UF_OK;
}

static uf_err
write_codes_file(const struct demo_run *run)
{
	FILE *fp = NULL;
	int fd;
	uf_err e = UF_OK;

	fd = open(run->codes_out, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || fchmod(fd, 0600) != 0 || (fp = fdopen(fd, "w")) == NULL) {
		fprintf(stderr, "uppfolj-admin " CMD ": %s: %s\n", run->codes_out,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return UF_EIO;
	}
	e = print_codes(run, fp);
	if (fclose(fp) != 0)
		e = UF_EIO;
	if (e != UF_OK)
		fprintf(stderr, "uppfolj-admin " CMD ": cannot write %s\n",
		    run->codes_out);
	return e;
}

/* On a re-run: the sheet written when the study was created. */
static void
show_saved_codes(const struct demo_run *run)
{
	char line[512];
	FILE *fp;

	if (run->codes_out == NULL) {
		if (!run->quiet)
			printf("codes were printed when the study was created "
			       "(use --codes-out to keep them in a file)\n");
		return;
	}
	if ((fp = fopen(run->codes_out, "r")) == NULL) {
		fprintf(stderr, "uppfolj-admin " CMD ": note: no saved codes in "
		                "%s\n",
		    run->codes_out);
		return;
	}
	while (fgets(line, sizeof(line), fp) != NULL)
		fputs(line, stdout);
	fclose(fp);
}

static uf_err
print_summary(const struct demo_run *run)
{
	struct demo_count *rows = NULL;
	long long responses = 0, answers = 0;
	size_t n = 0, i;
	uf_err e;

	if ((e = db_study_counts(run->db, run->study, &rows, &n)) != UF_OK)
		return e;
	printf("wave  group     participants  answers  declined\n");
	for (i = 0; i < n; i++) {
		printf("%4d  %-8s  %12lld  %7lld  %8lld\n", rows[i].months,
		    rows[i].grp, rows[i].responses, rows[i].answers,
		    rows[i].declined);
		responses += rows[i].responses;
		answers += rows[i].answers;
	}
	printf("total: %lld responses, %lld answers\n", responses, answers);
	free(rows);
	return UF_OK;
}

/* The qualitative material, in a fixed form the tests read back. */
static void
print_qual(const struct dq_counts *q)
{
	printf("qual: %ld documents, %ld meaning units, %ld kategorier, %ld "
	       "subkategorier, %ld koder, %ld double-coding set with %ld documents and "
	       "%ld meaning units by the second coder, %ld report texts\n",
	    q->documents, q->units_a, q->codes[0], q->codes[1], q->codes[2], q->sets,
	    q->set_documents, q->units_b, q->texts);
}

/* ---- main ------------------------------------------------------------------ */

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	if (clock_gettime(CLOCK_MONOTONIC, &t1) != 0)
		return 0.0;
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static uf_err
create(struct demo_run *run, const unsigned char key[CODE_KEY_LEN],
    struct dq_counts *qual)
{
	struct demo_panel_spec spec;
	bool wrote_codes = false;
	int g, w;
	uf_err e;

	if ((e = load_forms(run)) != UF_OK)
		return e;
	for (g = 0; g < GROUP__MAX; g++)
		if ((e = demo_form_init(&run->models[g], run->forms[g],
		         run->seed)) != UF_OK)
			return e;
	memset(&spec, 0, sizeof(spec));
	spec.seed = run->seed;
	spec.participants = run->participants;
	spec.kiosk_wave = run->open_wave;
	/* A group answers a wave its instrument has, once the wave opened. */
	for (g = 0; g < GROUP__MAX; g++)
		for (w = 0; w < DEMO_NWAVES; w++)
			if (demo_form_has_wave(run->forms[g], demo_wave_months[w]) &&
			    run->opens[w] <= run->today)
				spec.group_waves[g] |= 1u << w;
	if ((e = demo_panel_build(&run->panel, &spec)) != UF_OK)
		return e;
	if ((run->draw = malloc(sizeof(*run->draw))) == NULL)
		return UF_ENOMEM;

	if ((e = db_begin(run->db)) != UF_OK)
		return e;
	if ((e = demo_store(run, key)) != UF_OK ||
	    (e = demo_qual_store(run, qual)) != UF_OK)
		goto fail;
	{
		char detail[160];
		int k = snprintf(detail, sizeof(detail),
		    "{\"seed\": %" PRIu64 ", \"participants\": %zu, "
		    "\"synthetic\": true}",
		    run->seed, run->panel.n);

		if (k < 0 || (size_t)k >= sizeof(detail)) {
			e = UF_EINTERNAL;
			goto fail;
		}
		if ((e = db_audit_add(run->db, "demo.create", run->slug,
		         detail)) != UF_OK)
			goto fail;
	}
	/* The sheet is written before COMMIT: codes exist only as hashes, so
	 * a study whose codes were lost must not be committed. */
	if (run->codes_out != NULL) {
		if ((e = write_codes_file(run)) != UF_OK)
			goto fail;
		wrote_codes = true;
	}
	if ((e = db_commit(run->db)) != UF_OK)
		goto fail;
	return UF_OK;
fail:
	/* Codes of a study that was not stored would only mislead. */
	if (wrote_codes && unlink(run->codes_out) != 0)
		fprintf(stderr, "uppfolj-admin " CMD ": remove %s: %s\n",
		    run->codes_out, strerror(errno));
	if (run->copying) {
		run->copying = false;
		(void)db_copy_end(run->db);
	}
	if (db_errmsg(run->db)[0] != '\0')
		fprintf(stderr, "uppfolj-admin " CMD ": database: %s\n",
		    db_errmsg(run->db));
	(void)db_rollback(run->db);
	return e;
}

static void
run_free(struct demo_run *run)
{
	int g;

	for (g = 0; g < GROUP__MAX; g++) {
		demo_form_free(&run->models[g]);
		form_free(run->forms[g]);
	}
	demo_panel_free(&run->panel);
	free(run->draw);
	buf_free(&run->out);
	db_close(run->db);
}

int
cmd_demo(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "secret", required_argument, NULL, 'k' },
		{ "forms", required_argument, NULL, 'f' },
		{ "participants", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "start", required_argument, NULL, 't' },
		{ "slug", required_argument, NULL, 'g' },
		{ "codes-out", required_argument, NULL, 'o' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	struct demo_run run;
	struct dq_counts qual;
	unsigned char key[CODE_KEY_LEN];
	long long seed;
	struct timespec t0;
	bool found, have_start = false;
	int c, w, y, m, d, rc = 1;

	memset(&run, 0, sizeof(run));
	buf_init(&run.out, 0);
	run.conninfo = opts_db_default();
	run.secret = opts_secret_default();
	run.slug = "demo";
	run.seed = DEMO_SEED_DEFAULT;
	run.open_wave = -1;
	if (clock_gettime(CLOCK_MONOTONIC, &t0) != 0)
		memset(&t0, 0, sizeof(t0));

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			run.conninfo = optarg;
			break;
		case 'k':
			run.secret = optarg;
			break;
		case 'f':
			run.forms_dir = optarg;
			break;
		case 'n':
			if (!num_long(optarg, 20, DEMO_MAX_PARTICIPANTS,
			        &run.participants)) {
				rc = opts_usage(CMD, "--participants must be a "
				                     "number from 20 to %d",
				    DEMO_MAX_PARTICIPANTS);
				goto out;
			}
			break;
		case 's':
			if (!num_ll(optarg, strlen(optarg), 0, LLONG_MAX, &seed)) {
				rc = opts_usage(CMD, "--seed must be a non-negative "
				                     "integer");
				goto out;
			}
			run.seed = (uint64_t)seed;
			break;
		case 't':
			if (!date_parse(optarg, &run.start)) {
				rc = opts_usage(CMD, "--start must be a date "
				                     "YYYY-MM-DD");
				goto out;
			}
			have_start = true;
			break;
		case 'g':
			if (!valid_slug(optarg)) {
				rc = opts_usage(CMD, "--slug must match "
				                     "[a-z0-9][a-z0-9-]{0,39}");
				goto out;
			}
			run.slug = optarg;
			break;
		case 'o':
			run.codes_out = optarg;
			break;
		case 'q':
			run.quiet = true;
			break;
		default: /* ':' (no value) or an unknown option */
			rc = opts_bad_option(CMD, c, argv);
			goto out;
		}
	}
	if (optind != argc) {
		rc = opts_usage(CMD, "unexpected argument \"%s\"", argv[optind]);
		goto out;
	}
	if (run.forms_dir == NULL)
		run.forms_dir = opts_data_dir("UF_FORMS_DIR", UF_DATADIR "/forms",
		    "forms");

	/* Dates: waves at 12/24/36 months, open two months each. */
	run.today = date_today();
	if (!have_start) {
		date_to_ymd(date_add_months(run.today, -36), &y, &m, &d);
		run.start = date_from_ymd(y, m, 1);
	}
	for (w = 0; w < DEMO_NWAVES; w++) {
		run.opens[w] = date_add_months(run.start, demo_wave_months[w]);
		run.closes[w] = date_add_months(run.opens[w], 2) - 1;
		if (run.opens[w] <= run.today && run.today <= run.closes[w])
			run.open_wave = w;
	}

	if (db_admin_connect(run.conninfo, &run.db) != UF_OK) {
		rc = opts_fail(CMD, "cannot connect or prepare (check --db); has "
		                    "migrate run?");
		goto out;
	}
	if (db_study_find(run.db, run.slug, &run.study, &found) != UF_OK) {
		rc = opts_fail(CMD, "cannot read studies: %s", db_errmsg(run.db));
		goto out;
	}
	if (found) {
		if (!run.quiet)
			printf("demo study \"%s\" exists; nothing changed\n",
			    run.slug);
		show_saved_codes(&run);
		if (!run.quiet && print_summary(&run) != UF_OK) {
			rc = opts_fail(CMD, "cannot count: %s", db_errmsg(run.db));
			goto out;
		}
		rc = 0;
		goto out;
	}
	if (run.secret == NULL) {
		rc = opts_usage(CMD, "no --secret given and UPPFOLJ_SECRET is not "
		                     "set (the access-code key)");
		goto out;
	}
	if (code_key_load(run.secret, key) != UF_OK) {
		rc = opts_fail(CMD, "cannot read the key in %s (32 bytes or 64 "
		                    "hex digits)",
		    run.secret);
		goto out;
	}
	if (create(&run, key, &qual) != UF_OK) {
		rc = opts_fail(CMD, "demo study not created");
		goto out;
	}
	sodium_memzero(key, sizeof(key));
	if (print_codes(&run, stdout) != UF_OK)
		goto out;
	if (!run.quiet) {
		char sd[DATE_LEN + 1];

		date_format(run.start, sd);
		printf("demo study \"%s\" created: %zu participants, seed %" PRIu64 ", start %s\n", run.slug, run.panel.n, run.seed, sd);
		if (print_summary(&run) != UF_OK) {
			rc = opts_fail(CMD, "cannot count: %s", db_errmsg(run.db));
			goto out;
		}
		print_qual(&qual);
		printf("generated in %.1f s\n", seconds_since(&t0));
	}
	rc = 0;
out:
	sodium_memzero(key, sizeof(key));
	run_free(&run);
	return rc;
}
