/* SPDX-License-Identifier: ISC
 * What the libFuzzer harnesses share: the real instruments (forms/<id>.json)
 * loaded once, a file in memory for parsers that take a path, the answer
 * round trip through the database JSON, and FUZZ_CHECK for invariants.
 * Harness code only: never linked into a program.
 */
#ifndef UF_FUZZ_H
#define UF_FUZZ_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "form.h"

struct arena;

/* An invariant the parser promises: a broken one is a finding (abort, so
 * libFuzzer saves the input as a crash). */
#define FUZZ_CHECK(cond)                                                                             \
	do {                                                                                         \
		if (!(cond)) {                                                                       \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                                     \
		}                                                                                    \
	} while (0)

/* Every entry point of a harness. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Load forms/<id>.json (UF_FUZZ_FORMS, else the source tree's forms/ the
 * harness was built from); aborts when none loads. */
void fuzz_forms_load(void);
size_t fuzz_nforms(void);
const struct form *fuzz_form(size_t i);
/* The loaded form with this id, or NULL. */
const struct form *fuzz_form_by_id(const char *id);

/* data[0..size) as a NUL-terminated heap copy (abort when out of memory). */
char *fuzz_strndup(const uint8_t *data, size_t size);

/* Replace the contents of one in-memory file and return its path
 * ("/proc/self/fd/N"), for parsers that read files. */
const char *fuzz_memfile(const uint8_t *data, size_t size);

/* A refused answer set names the item and says why, in valid UTF-8 (the
 * text goes into a JSON reply or a page). */
void fuzz_check_refusal(const struct form_error *err);

/* Answers that form_check_answers accepted must survive the database JSON
 * (answers_to_db -> answers_from_db -> answers_to_db) unchanged. */
void fuzz_check_db_round_trip(struct arena *a, const struct form *f,
    const struct form_answer *ans);

#endif
