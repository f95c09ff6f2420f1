/* SPDX-License-Identifier: ISC
 * Paired tables and scale scores from per-participant values, for
 * model_load: one query (db_report_values) hands over every submitted
 * response's valued answers, and both are computed in C in one pass.
 */
#ifndef UF_REPORT_MODEL_VALUES_H
#define UF_REPORT_MODEL_VALUES_H
#include <stdbool.h>
#include "db.h"
#include "err.h"
#include "model.h"

/* Define the scales of every group (the instrument's own, then one per
 * theme), mark the likert items asked in two or more waves for the paired
 * test (when pairs), then read the values of wave `months` (NULL: every
 * wave) and fill groups[].scores (when scores) and groups[].pairs. */
uf_err model_load_values(struct db *db, struct model *m, const char *months,
    bool pairs, bool scores);

/* Append participant p's value v to ss (grown as needed). UF_ENOMEM. */
uf_err score_push(struct score_set *ss, long long p, double v);

#endif
