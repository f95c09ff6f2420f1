/* SPDX-License-Identifier: ISC
 * uppfolj-admin forms-check FILE...: check instrument definitions without a
 * database. One line per bad file on stderr (the first problem found, naming
 * file and item), "FILE: ok (N items, M scales)" on stdout for good ones.
 * UI and information texts (files under ui/ or info/, lib/lang.h) are
 * checked against Swedish: a line per missing or extra key and per
 * placeholder mismatch, "FILE: ok (N texts)" when there is none.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "form.h"
#include "lang.h"

static void
to_stderr(const char *line)
{
	(void)fprintf(stderr, "%s\n", line);
}

static void
usage(void)
{
	(void)fputs("usage: uppfolj-admin forms-check FILE...\n", stderr);
}

int
cmd_forms_check(int argc, char **argv)
{
	struct form_error err;
	struct form *f = NULL;
	char line[512];
	int i, first = 1, status = 0;
	uf_err rc;

	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		first = 2;
	} else {
		for (i = 1; i < argc; i++) {
			if (argv[i][0] == '-' && argv[i][1] != '\0') {
				usage();
				return 2;
			}
		}
	}
	if (first >= argc) {
		usage();
		return 2;
	}
	for (i = first; i < argc; i++) {
		if (lang_is_text_file(argv[i])) {
			size_t ntexts;
			if (lang_check_file(argv[i], to_stderr, &ntexts) > 0)
				status = 1;
			else if (printf("%s: ok (%zu texts)\n", argv[i], ntexts) < 0)
				status = 1;
			continue;
		}
		rc = form_load_file(argv[i], &f, &err);
		if (rc != UF_OK) {
			form_error_format(&err, line, sizeof line);
			(void)fprintf(stderr, "%s\n", line);
			status = 1;
			continue;
		}
		if (printf("%s: ok (%zu items, %zu scales)\n", argv[i],
		    f->nitems, f->nscales) < 0)
			status = 1;
		form_free(f);
		f = NULL;
	}
	if (fflush(stdout) != 0)
		status = 1;
	return status;
}
