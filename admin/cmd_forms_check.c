/* SPDX-License-Identifier: ISC
 * uppfolj-admin forms-check [--forms DIR] FILE...: check instrument
 * definitions, their translations, and UI and information texts without a
 * database. One line per problem on stderr (an instrument's first problem;
 * every problem of a translation or a text file, naming file and item),
 * "FILE: ok (...)" on stdout for good ones. A translation is checked
 * against the instrument version it names, found among the files given,
 * else as DIR/<id>.json (DIR: --forms, default the folder above the
 * translation's own, i.e. forms/ for forms/translations/). UI and
 * information texts (files under ui/ or info/, lib/lang.h) are checked
 * against Swedish.
 */
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "form.h"
#include "lang.h"

static void
to_stderr(const char *line)
{
	(void)fprintf(stderr, "%s\n", line);
}

#define CHECK_MAX_FORMS 64 /* instruments given on one command line */

struct check_run {
	struct form *forms[CHECK_MAX_FORMS];
	size_t nforms;
	const char *forms_dir; /* NULL: beside the translation's folder */
	int status;
};

static void
usage(void)
{
	(void)fputs("usage: uppfolj-admin forms-check [--forms DIR] FILE...\n",
	    stderr);
}

static void
print_error(const struct form_error *err)
{
	char line[512];

	form_error_format(err, line, sizeof line);
	(void)fprintf(stderr, "%s\n", line);
}

static void
print_problem(void *arg, const struct form_error *e)
{
	struct check_run *run = arg;

	print_error(e);
	run->status = 1;
}

static void
check_instrument(struct check_run *run, const char *path, const char *data,
    size_t len)
{
	struct form_error err;
	struct form *f = NULL;

	if (form_parse(data, len, path, &f, &err) != UF_OK) {
		print_error(&err);
		run->status = 1;
		return;
	}
	if (printf("%s: ok (%zu items, %zu scales)\n", path, f->nitems,
	        f->nscales) < 0)
		run->status = 1;
	if (run->nforms < CHECK_MAX_FORMS)
		run->forms[run->nforms++] = f;
	else
		form_free(f);
}

/* The instrument h names: given on the command line, else its file in the
 * forms folder (its version must be h's). NULL when there is none; *owned
 * says whether the caller frees it. */
static struct form *
find_instrument(struct check_run *run, const char *path,
    const struct form_translation_head *h, bool *owned)
{
	struct form_error err;
	struct form *f = NULL;
	char copy[4096], file[4096];
	const char *dir = run->forms_dir;
	size_t i;
	int k;

	*owned = false;
	for (i = 0; i < run->nforms; i++)
		if (strcmp(run->forms[i]->id, h->instrument) == 0 &&
		    run->forms[i]->version == h->version)
			return run->forms[i];
	if (dir == NULL) {
		k = snprintf(copy, sizeof copy, "%s", path);
		if (k < 0 || (size_t)k >= sizeof copy)
			return NULL;
		k = snprintf(file, sizeof file, "%s/../%s.json", dirname(copy),
		    h->instrument);
	} else {
		k = snprintf(file, sizeof file, "%s/%s.json", dir, h->instrument);
	}
	if (k < 0 || (size_t)k >= sizeof file)
		return NULL;
	if (form_load_file(file, &f, &err) != UF_OK)
		return NULL;
	if (f->version != h->version) {
		form_free(f);
		return NULL;
	}
	*owned = true;
	return f;
}

/* In a folder named translations the file is <instrument>-<version>.<lang>.json. */
static void
check_file_name(struct check_run *run, const char *path,
    const struct form_translation_head *h)
{
	char c1[4096], c2[4096], want[160];
	const char *base, *dir;
	int k;

	k = snprintf(c1, sizeof c1, "%s", path);
	if (k < 0 || (size_t)k >= sizeof c1)
		return;
	memcpy(c2, c1, (size_t)k + 1);
	base = basename(c1);
	dir = basename(dirname(c2));
	if (strcmp(dir, "translations") != 0)
		return;
	k = snprintf(want, sizeof want, "%s-%d.%s.json", h->instrument,
	    h->version, h->lang);
	if (k < 0 || (size_t)k >= sizeof want || strcmp(base, want) == 0)
		return;
	(void)fprintf(stderr, "%s: file name must be %s (instrument, version "
	                      "and lang of its content)\n",
	    path, want);
	run->status = 1;
}

static void
check_translation(struct check_run *run, const char *path, const char *data,
    size_t len)
{
	struct form_translation_head h;
	struct form_translation *t = NULL;
	struct form_error err;
	struct form *f;
	bool owned;

	/* A bad head is reported by the parse below, with every other
	 * problem, once the instrument is known. */
	if (form_translation_peek(data, len, path, &h, &err) != UF_OK &&
	    (h.instrument[0] == '\0' || h.version == 0)) {
		print_error(&err);
		run->status = 1;
		return;
	}
	f = find_instrument(run, path, &h, &owned);
	if (f == NULL) {
		(void)fprintf(stderr, "%s: translation of unknown instrument %s "
		                      "version %d (not among the files given, nor %s/%s.json)\n",
		    path, h.instrument, h.version, run->forms_dir != NULL ? run->forms_dir : "..", h.instrument);
		run->status = 1;
		return;
	}
	if (h.lang[0] != '\0')
		check_file_name(run, path, &h);
	if (form_translation_parse(f, data, len, path, print_problem, run, &t,
	        &err) == UF_OK &&
	    printf("%s: ok (translation %s of %s version "
	           "%d%s)\n",
	        path, h.lang, h.instrument, h.version,
	        h.machine_assisted ? ", machine-assisted" : "") < 0)
		run->status = 1;
	form_translation_free(t);
	if (owned)
		form_free(f);
}

int
cmd_forms_check(int argc, char **argv)
{
	struct check_run run = { .nforms = 0, .status = 0 };
	struct form_error err;
	char *data = NULL;
	size_t len, i, ntexts;
	int a, first = 1;
	bool pass_translations;

	while (first < argc && argv[first][0] == '-' && argv[first][1] != '\0') {
		if (strcmp(argv[first], "--") == 0) {
			first++;
			break;
		}
		if (strcmp(argv[first], "--forms") == 0 && first + 1 < argc) {
			run.forms_dir = argv[first + 1];
			first += 2;
			continue;
		}
		usage();
		return 2;
	}
	if (first >= argc) {
		usage();
		return 2;
	}
	/* Text files alone; instruments, then translations, so translations
	 * find their instruments whatever the order. */
	for (a = first; a < argc; a++) {
		if (!lang_is_text_file(argv[a]))
			continue;
		if (lang_check_file(argv[a], to_stderr, &ntexts) > 0)
			run.status = 1;
		else if (printf("%s: ok (%zu texts)\n", argv[a], ntexts) < 0)
			run.status = 1;
	}
	for (int pass = 0; pass < 2; pass++) {
		pass_translations = pass == 1;
		for (a = first; a < argc; a++) {
			if (lang_is_text_file(argv[a]))
				continue;
			if (form_read_file(argv[a], &data, &len, &err) != UF_OK) {
				if (!pass_translations) {
					print_error(&err);
					run.status = 1;
				}
				continue;
			}
			if (form_is_translation(data, len) != pass_translations) {
				free(data);
				data = NULL;
				continue;
			}
			if (pass_translations)
				check_translation(&run, argv[a], data, len);
			else
				check_instrument(&run, argv[a], data, len);
			free(data);
			data = NULL;
		}
	}
	for (i = 0; i < run.nforms; i++)
		form_free(run.forms[i]);
	if (fflush(stdout) != 0)
		run.status = 1;
	return run.status;
}
