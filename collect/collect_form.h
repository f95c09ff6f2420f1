/* SPDX-License-Identifier: ISC
 * Instruments as uppfolj-collect uses them: the pages of a survey, and
 * answers converted between the HTML form, the JSON API, the database's JSON
 * and struct form_answer. No HTTP, no SQL here (the cache of parsed
 * definitions is collect_instr.h).
 */
#ifndef UF_COLLECT_FORM_H
#define UF_COLLECT_FORM_H
#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>
#include "buf.h"
#include "err.h"
#include "form.h"

struct arena;
struct req;

/* A fresh answer array (every item ANSWER_NONE); NULL when out of memory. */
struct form_answer *answers_new(struct arena *a, const struct form *f);

/* From the database's draft JSON ([{"i":..,"n"|"t"|"c"|"dt"|"d"|"dc":..}];
 * "d": true is "vet ej", "dc": true is "vill inte svara"). */
uf_err answers_from_db(struct arena *a, const struct form *f, const char *json,
    struct form_answer *ans);
/* To the database's JSON: every answered item. */
uf_err answers_to_db(struct buf *b, const struct form *f, const struct form_answer *ans);

/* From the API's {"item_id": value, ...}: numbers for likert5/integer,
 * strings for single/text/date, arrays of strings for multi,
 * {"dont_know": true} for "vet ej", {"decline": true} for "vill inte svara",
 * null for unanswered. UF_EINVAL with err
 * naming the field for unknown items and wrong JSON types. */
uf_err answers_from_api(struct arena *a, const struct form *f, const cJSON *obj,
    struct form_answer *ans, struct form_error *err);

/* From a posted page: the fields named by the item ids in items[0..n).
 * Any other field except csrf/action is an error. */
uf_err answers_from_post(struct arena *a, const struct form *f, const struct req *r,
    const size_t *items, size_t n, struct form_answer *ans, struct form_error *err);

/* Drop saved answers that no longer apply: items not asked in this wave or
 * whose show_if is now false, except those in keep[0..nkeep) (what was just
 * posted: form_check_answers must reject those instead). */
void answers_drop_hidden(const struct form *f, int months, struct form_answer *ans,
    const size_t *keep, size_t nkeep);

/* Pages: one item per page (one_per_page) or one theme per page. Pages are
 * numbered from 1 and only cover items asked in this wave. */
size_t pages_count(const struct form *f, int months);
/* Items of page p asked in this wave, in order; *n may be 0. items needs
 * room for f->nitems. */
void page_items(const struct form *f, int months, size_t p, size_t *items, size_t *n);
/* Whether page p shows at least one item given the answers. */
bool page_visible(const struct form *f, int months, size_t p, const struct form_answer *ans);
/* Next/previous visible page after/before p; 0 when there is none. */
size_t page_next(const struct form *f, int months, size_t p, const struct form_answer *ans);
size_t page_prev(const struct form *f, int months, size_t p, const struct form_answer *ans);
/* First visible page with a shown, unanswered item; 0 when all are answered. */
size_t page_first_open(const struct form *f, int months, const struct form_answer *ans);

#endif
