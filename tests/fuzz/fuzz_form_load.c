/* SPDX-License-Identifier: ISC
 * Harness: an instrument definition (forms/README.md) through form_parse,
 * the loader of forms-check, forms-load and every program that reads a
 * stored definition. An accepted definition must load again from its own
 * canonical text to the same text, and give survey pages that cover each
 * asked item exactly once; a refusal must say why.
 * Input: the raw file.
 */
#include "config.h"

#include <string.h>

#include "arena.h"
#include "collect_form.h"
#include "fuzz.h"
#include "utf8.h"

static void
check_pages(const struct form *f, struct arena *a)
{
	struct form_answer *none = answers_new(a, f);
	struct form_error err;

	FUZZ_CHECK(none != NULL);
	memset(none, 0, f->nitems * sizeof(*none));
	for (size_t w = 0; w < f->nwaves; w++) {
		int months = f->waves[w];
		size_t np = pages_count(f, months), items[FORM_MAX_ITEMS], n, seen = 0, asked = 0;
		FUZZ_CHECK(np <= f->nitems);
		for (size_t p = 1; p <= np; p++) {
			page_items(f, months, p, items, &n);
			FUZZ_CHECK(n >= 1);
			for (size_t j = 0; j < n; j++) {
				FUZZ_CHECK(items[j] < f->nitems);
				FUZZ_CHECK(form_asked_in_wave(f, &f->items[items[j]], months));
				FUZZ_CHECK(j == 0 || items[j] > items[j - 1]);
			}
			seen += n;
		}
		for (size_t i = 0; i < f->nitems; i++)
			asked += form_asked_in_wave(f, &f->items[i], months);
		FUZZ_CHECK(seen == asked);
		/* Nothing answered is a valid draft in every wave. */
		FUZZ_CHECK(form_check_answers(f, months, none, false, &err) == UF_OK);
		FUZZ_CHECK(page_first_open(f, months, none) <= np);
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form *f = NULL, *g = NULL;
	struct form_error err;
	char line[512];
	uf_err e;

	e = form_parse((const char *)data, size, "fuzz.json", &f, &err);
	FUZZ_CHECK(e == UF_OK || e == UF_EFORMAT || e == UF_ELIMIT);
	if (e != UF_OK) {
		/* forms-check prints it, forms-load logs it: whole characters. */
		FUZZ_CHECK(f == NULL && err.msg[0] != '\0');
		FUZZ_CHECK(utf8_valid(err.msg, strlen(err.msg)));
		FUZZ_CHECK(utf8_valid(err.field, strlen(err.field)));
		FUZZ_CHECK(utf8_valid(err.where, strlen(err.where)));
		form_error_format(&err, line, sizeof(line));
		FUZZ_CHECK(line[0] != '\0');
		return 0;
	}
	FUZZ_CHECK(f->nitems >= 1 && f->nitems <= FORM_MAX_ITEMS && f->nwaves >= 1 &&
	    f->nwaves <= FORM_MAX_WAVES);
	for (size_t i = 0; i < f->nitems; i++) {
		FUZZ_CHECK(form_item_index(f, f->items[i].id) == (long)i);
		FUZZ_CHECK(f->items[i].theme < f->nthemes);
		FUZZ_CHECK(!f->items[i].has_cond || f->items[i].cond.item < i);
	}
	e = form_parse(f->source, strlen(f->source), "source", &g, &err);
	if (e != UF_OK) {
		form_error_format(&err, line, sizeof(line));
		fprintf(stderr, "canonical text does not load: %s\n", line);
		abort();
	}
	FUZZ_CHECK(strcmp(f->source, g->source) == 0 && f->nitems == g->nitems &&
	    f->nscales == g->nscales && f->nthemes == g->nthemes);
	{
		struct arena *a = arena_new(4u * 1024 * 1024);
		FUZZ_CHECK(a != NULL);
		check_pages(f, a);
		arena_free(a);
	}
	form_free(g);
	form_free(f);
	return 0;
}
