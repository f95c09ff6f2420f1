/* SPDX-License-Identifier: ISC
 * The one pass over the answers, for model_load: every submitted answer of
 * the report's waves is read once (db_report_answers_*, streamed a row at a
 * time) and gives, in C, the answer counts (model_counts.c), the paired
 * 5x5 tables, the scale scores and the delrapport's sample of free text
 * (model_texts.c).
 */
#ifndef UF_REPORT_MODEL_ANSWERS_H
#define UF_REPORT_MODEL_ANSWERS_H
#include <stdbool.h>
#include "db.h"
#include "db_report.h"
#include "err.h"
#include "model.h"

struct text_sample;

/* Define the scales of every group (the instrument's own, then one per
 * theme), mark the likert items asked in two or more waves for the paired
 * test (when pairs), then read the answers of wave `months` (NULL: every
 * wave) in one transaction of its own and fill m->counts, groups[].scores
 * (when scores) and groups[].pairs; with texts (initialised), sample the
 * free-text answers into it too. */
uf_err model_load_answers(struct db *db, struct model *m, const char *months,
    bool pairs, bool scores, struct text_sample *texts);

/* Count answer a of item idx (of group g's report instrument) in model
 * wave w; answered_as is the item's type in the answer's own instrument
 * version. */
void model_counts_add(struct model *m, size_t w, enum respondent_group g,
    size_t idx, enum item_type answered_as, const struct r_answer *a);

/* Append participant p's value v to ss (grown as needed). UF_ENOMEM. */
uf_err score_push(struct score_set *ss, long long p, double v);

#endif
