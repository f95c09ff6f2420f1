/* SPDX-License-Identifier: ISC
 * Exports for analysis (CSV long, CSV wide, codebook) and a participant's
 * access request (their own answers in every wave, as JSON). Output goes
 * through a writer callback so the CLI writes a file and the web admin a
 * response. Every export is logged in the audit log (counts, never
 * content). Only submitted responses are exported for analysis.
 */
#ifndef UF_MANAGE_EXPORT_H
#define UF_MANAGE_EXPORT_H
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "db.h"
#include "err.h"
#include "study.h"

#define EXPORT_PAGE_ROWS 5000       /* answers fetched per round trip */
#define EXPORT_DONT_KNOW "dont_know"  /* answer_value() of "vet ej / ej aktuellt" */
#define EXPORT_DECLINED  "declined"   /* ... of "vill inte svara" (0012) */

enum export_format { EXPORT_LONG, EXPORT_WIDE, EXPORT_CODEBOOK, EXPORT__MAX };

bool export_format_parse(const char *s, enum export_format *f);
const char *export_format_name(enum export_format f);

/* Where exported bytes go; return UF_EIO (or any error) to stop. */
typedef uf_err (*export_write)(void *ctx, const char *p, size_t n);

/* Write the export of study (slug, NULL for the only one) in format f.
 * *rows (may be NULL) = data rows written (answers for long, participant
 * x wave for wide, items for the codebook). Logged as export.<format>. */
uf_err export_run(struct db *db, const char *study, enum export_format f,
    const char *actor, export_write w, void *ctx, long long *rows,
    struct manage_error *err);

/* Number of rows the long export of study has (for checks and tests). */
uf_err export_long_count(struct db *db, const char *study, long long *n,
    struct manage_error *err);

/* A participant's access request: their panel id, group, unit label and,
 * per wave, consent, status and every answer with its question text and
 * a readable value, as one JSON object appended to out. Logged as
 * export.access (no panel id in the log). */
uf_err export_access(struct db *db, long long participant, const char *actor,
    struct buf *out, struct manage_error *err);

#endif
