/* SPDX-License-Identifier: ISC
 * Items whose report kind is numeric (vas, number, integer: item_types[]
 * .report): their values per group, item and wave, loaded once
 * (model_numeric.c), and the report tables over them (render_numeric.c):
 * n, median, quartiles, mean with a 95 % CI per wave, and the change
 * between the first and last wave with the likert items' tests.
 */
#ifndef UF_REPORT_NUMERIC_H
#define UF_REPORT_NUMERIC_H
#include <stddef.h>
#include "db.h"
#include "err.h"
#include "model.h"

struct render_ctx;

struct model_numeric {
	/* v[g][item][w]: one score per participant, ordered by participant */
	struct score_set v[GROUP__MAX][FORM_MAX_ITEMS][MODEL_MAX_WAVES];
};

/* Load the numeric items' values of m's waves into m->numeric. */
uf_err model_numeric_load(struct db *db, struct model *m);
void model_numeric_free(struct model_numeric *n); /* NULL-safe */

/* The p-quantile of sorted x[0..n), linear between order statistics
 * (Hyndman & Fan type 7, R's default): h = (n - 1) p. NAN when n == 0. */
double numeric_quantile(const double *x, size_t n, double p);

/* Delrapport: a table per group for the focus wave. Slutrapport: the
 * change from the first to the last wave each item was asked in. */
uf_err render_numeric_wave(struct render_ctx *c);
uf_err render_numeric_change(struct render_ctx *c);

#endif
