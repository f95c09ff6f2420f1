/* SPDX-License-Identifier: ISC
 * Helpers shared by lib/form.c (definitions) and lib/form_answers.c (answers,
 * show_if, scales). Include only from lib/form*.c: these are not part of the
 * form.h contract and may change with either file.
 */
#ifndef UF_FORM_INTERNAL_H
#define UF_FORM_INTERNAL_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include "err.h"
#include "form.h"

/* Character limits for the texts of a definition and of its translations. */
#define TITLE_MAX_CHARS     200 /* title, theme and scale names, options */
#define QUESTION_MAX_CHARS  500 /* item sv/en and help_sv */
#define INTRO_MAX_CHARS     4000
#define END_LABEL_MAX_CHARS 60 /* a VAS end label fits under a slider end */
#define UNIT_MAX_CHARS      20 /* a number's unit, shown after the field */

/* Copy s into dst (size n > 0), cut at a character boundary when it does not
 * fit. Messages may be truncated; they are never parsed. */
void form_copy_text(char *dst, size_t n, const char *s);

/* Fill err->field and err->msg (truncated if needed) and return rc. */
uf_err form_error_vset(struct form_error *err, uf_err rc, const char *field,
    const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

/* Whether code is one of it's option codes. */
bool form_item_has_option(const struct form_item *it, const char *code);

/* Possible values of a likert5 (1..5) or integer (min..max) item. */
void form_item_range(const struct form_item *it, long *lo, long *hi);

/* Index of months in f->waves, or -1. */
int form_wave_index(const struct form *f, int months);

/* Quote a string from a file for a message (n >= 8): at most 40 characters,
 * control characters, quotes and backslashes escaped. s is valid UTF-8. */
void form_quote(char *out, size_t n, const char *s);

/* Read a JSON file's text into *out (cJSON_Delete) after the checks every
 * definition gets: size (FORM_MAX_BYTES), no NUL byte, valid UTF-8, no
 * \u0000 escape, valid JSON with nothing after it (line and column in the
 * message). err->msg is set on failure; err->where is left as it is. */
struct cJSON;
uf_err form_json_open(const char *json, size_t len, struct form_error *err,
    struct cJSON **out);

/* One translatable text: the translation and its easy-to-read variant, each
 * NULL when the file has none. */
struct tr_text {
	char *plain;
	char *easy;
};

struct tr_item {
	struct tr_text text, help, min_label, max_label, unit;
	struct tr_text *options; /* [noptions], NULL when none */
	size_t noptions;         /* the instrument item's */
};

struct tr_grid {
	struct tr_text text, help;
};

/* A parsed translation (lib/form_translation.c), read by lib/form_text.c.
 * Arrays are indexed like the instrument's. */
struct form_translation {
	char instrument[FORM_ID_MAX + 1];
	int version;
	char lang[FORM_LANG_MAX + 1];
	bool machine_assisted;
	bool has_easy; /* any easy text at all */
	struct tr_text title, intro;
	struct tr_text *themes; /* [nthemes] */
	struct tr_item *items;  /* [nitems] */
	struct tr_grid *grids;  /* [ngrids], NULL when none */
	size_t nthemes, nitems, ngrids;
	char *source; /* canonical JSON text */
};

/* Free the translations attached to f (lib/form_translation.c). */
void form_translations_free(struct form *f);

#endif
