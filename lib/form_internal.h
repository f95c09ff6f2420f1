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

#endif
