/* SPDX-License-Identifier: ISC
 * The slutrapport's chapter comparing its study (A) with another (B,
 * --compare): shared likert items and scales per group and wave, side by
 * side, with the report's suppression (--min-cell) and its unpaired test
 * (Mann-Whitney U, Holm over the chapter). compare.c; no SQL.
 */
#ifndef UF_REPORT_COMPARE_H
#define UF_REPORT_COMPARE_H
#include "err.h"
#include "model.h"
#include "render.h"

/* Headings, a method paragraph and one table per group into c's PDF (and
 * --csv), comparing c->m with b. */
uf_err compare_chapter(struct render_ctx *c, const struct model *b);

#endif
