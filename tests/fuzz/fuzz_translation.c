/* SPDX-License-Identifier: ISC
 * Harness: an instrument translation (forms/README.md, "Translations")
 * through form_translation_parse against the shipped patient instrument,
 * the checker of forms-check and forms-load and the survey program's
 * instrument cache. An accepted translation must parse again from its own
 * canonical text to the same text, attach, and give a text for everything
 * the Swedish has in its language, plain and easy; every problem reported
 * must be whole UTF-8 and the first must be the one returned.
 * Input: the raw file.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form_internal.h"
#include "fuzz.h"
#include "utf8.h"

static struct form *F;

struct seen {
	size_t n;
	char first[512];
};

static void
each(void *arg, const struct form_error *e)
{
	struct seen *s = arg;

	FUZZ_CHECK(e->msg[0] != '\0');
	FUZZ_CHECK(utf8_valid(e->msg, strlen(e->msg)));
	FUZZ_CHECK(utf8_valid(e->field, strlen(e->field)));
	if (s->n++ == 0)
		form_error_format(e, s->first, sizeof(s->first));
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct form_error err;

	if (form_load_file(UF_FUZZ_FORMS "/patient.json", &F, &err) != UF_OK) {
		fprintf(stderr, "fuzz_translation: cannot load patient.json: %s\n", err.msg);
		abort();
	}
	return 0;
}

static void
check_texts(const struct form *f, const char *lang)
{
	for (int easy = 0; easy < 2; easy++) {
		FUZZ_CHECK(form_title(f, lang, easy) != NULL);
		FUZZ_CHECK((form_intro(f, lang, easy) != NULL) == (f->intro_sv != NULL));
		for (size_t t = 0; t < f->nthemes; t++)
			FUZZ_CHECK(form_theme_text(f, t, lang, easy) != NULL);
		for (size_t i = 0; i < f->nitems; i++) {
			FUZZ_CHECK(form_item_text(f, i, lang, easy) != NULL);
			FUZZ_CHECK((form_item_help(f, i, lang, easy) != NULL) ==
			    (f->items[i].help_sv != NULL));
			for (size_t o = 0; o < f->items[i].noptions; o++)
				FUZZ_CHECK(form_option_text(f, i, o, lang, easy) != NULL);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form_translation *t = NULL, *u = NULL;
	struct form_error err;
	struct seen s = { 0, "" };
	char line[512], lang[FORM_LANG_MAX + 1];
	uf_err e;

	e = form_translation_parse(F, (const char *)data, size, "fuzz.json", each, &s,
	    &t, &err);
	FUZZ_CHECK(e == UF_OK || e == UF_EFORMAT || e == UF_ELIMIT || e == UF_ENOMEM);
	if (e != UF_OK) {
		FUZZ_CHECK(t == NULL && s.n >= 1 && err.msg[0] != '\0');
		form_error_format(&err, line, sizeof(line));
		FUZZ_CHECK(strcmp(line, s.first) == 0);
		return 0;
	}
	FUZZ_CHECK(s.n == 0 && form_lang_tag_valid(form_translation_lang(t)));
	e = form_translation_parse(F, form_translation_source(t),
	    strlen(form_translation_source(t)), "source", NULL, NULL, &u, &err);
	if (e != UF_OK) {
		form_error_format(&err, line, sizeof(line));
		fprintf(stderr, "canonical text does not parse: %s\n", line);
		abort();
	}
	FUZZ_CHECK(strcmp(form_translation_source(t), form_translation_source(u)) == 0);
	form_translation_free(u);
	memcpy(lang, form_translation_lang(t), strlen(form_translation_lang(t)) + 1);
	FUZZ_CHECK(form_translation_attach(F, t) == UF_OK);
	FUZZ_CHECK(form_has_lang(F, lang));
	check_texts(F, lang);
	/* Back to the bare instrument for the next input. */
	form_translations_free(F);
	return 0;
}
