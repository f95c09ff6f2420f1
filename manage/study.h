/* SPDX-License-Identifier: ISC
 * Find the study, wave and unit an administration operation is about, with
 * a plain message when the answer is "none" or "ambiguous". Shared by every
 * operation so the CLI and the web say the same thing.
 */
#ifndef UF_MANAGE_STUDY_H
#define UF_MANAGE_STUDY_H
#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "err.h"

#define MANAGE_WHY_MAX 256          /* size for the `why` message buffers */
#define UNIT_LABEL_MAX 100          /* unit.report_label CHECK */

/* The study named slug, or the only study when slug is NULL. UF_ENOTFOUND
 * (no such study) or UF_EINVAL (several studies: name one) with why set. */
uf_err study_resolve(struct db *db, const char *slug, long long *study,
    char *why, size_t whylen);

struct wave_info {
	long long wave_id;
	long long study_id;
	int months;
	char expires_at[48];    /* timestamptz text: end of the closing day */
	char closes_on[16];     /* YYYY-MM-DD */
	bool closed;            /* closed early by an admin */
	bool past;              /* closes_on is before today */
};

/* The wave at `months` in study slug (or the only study). */
uf_err wave_resolve(struct db *db, const char *slug, int months,
    struct wave_info *out, char *why, size_t whylen);

struct unit_info {
	long long unit_id;
	long long study_id;
	char report_label[UNIT_LABEL_MAX * 4 + 1];   /* UTF-8 */
};

/* A unit by id; UF_ENOTFOUND with why when unknown. */
uf_err unit_resolve(struct db *db, long long unit, struct unit_info *out,
    char *why, size_t whylen);

/* snprintf into why, ignoring truncation (messages are short). */
void manage_why(char *why, size_t whylen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
