/* SPDX-License-Identifier: ISC
 * Find the study, wave and unit an administration operation is about, with
 * a plain message when the answer is "none" or "ambiguous", and the one
 * error report every operation gives a person (struct manage_error: the
 * input it is about and a Swedish sentence), so the CLI and the web say
 * the same thing.
 */
#ifndef UF_MANAGE_STUDY_H
#define UF_MANAGE_STUDY_H
#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "err.h"

#define UNIT_LABEL_MAX 100 /* unit.report_label CHECK */

/* What went wrong, for a person. An operation that fails because of its
 * input (or the state of the study) fills it; msg is Swedish, one or two
 * whole sentences, shown as is by the web pages and the CLI alike. Errors
 * of the machinery (database down, out of memory) leave it empty: use
 * manage_error_text. Like lib/form.h's struct form_error. */
struct manage_error {
	char field[32]; /* the input it is about ("wave", "unit", "count",
	                       "name", "password", "code", ...), or "" */
	char msg[256];  /* Swedish */
};

/* Empty err (field and msg ""). NULL-safe. */
void manage_error_clear(struct manage_error *err);
/* Set err (NULL: ignored) to field and the formatted message. */
void manage_fail(struct manage_error *err, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* err's message, or when it is empty a short Swedish sentence for e (never
 * internal detail). Borrowed; never NULL. */
const char *manage_error_text(const struct manage_error *err, uf_err e);

/* Whether s is 1..max characters of UTF-8 without control characters
 * (names and labels a person types). Pure. */
bool manage_text_ok(const char *s, size_t max);

/* The study named slug, or the only study when slug is NULL. UF_ENOTFOUND
 * (no such study) or UF_EINVAL (several studies: name one) with err set. */
uf_err study_resolve(struct db *db, const char *slug, long long *study,
    struct manage_error *err);

struct wave_info {
	long long wave_id;
	long long study_id;
	int months;
	char expires_at[48]; /* timestamptz text: end of the closing day */
	char closes_on[16];  /* YYYY-MM-DD */
	bool closed;         /* closed early by an admin */
	bool past;           /* closes_on is before today */
};

/* The wave at `months` in study slug (or the only study). */
uf_err wave_resolve(struct db *db, const char *slug, int months,
    struct wave_info *out, struct manage_error *err);

struct unit_info {
	long long unit_id;
	long long study_id;
	char report_label[UNIT_LABEL_MAX * 4 + 1]; /* UTF-8 */
};

/* A unit by id; UF_ENOTFOUND with err when unknown. */
uf_err unit_resolve(struct db *db, long long unit, struct unit_info *out,
    struct manage_error *err);

#endif
