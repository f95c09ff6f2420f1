/* SPDX-License-Identifier: ISC
 * The report's disclosure control, decided once over the whole model before
 * anything is laid out: which groups are shown in which wave, which cells of
 * the participation table and of choice tables are hidden (primary and
 * complementary, solved together over every published count and its sums),
 * and how each answer distribution may be shown under the category rule.
 * Renderers ask this plan and never decide suppression themselves.
 */
#ifndef UF_REPORT_DISCLOSURE_H
#define UF_REPORT_DISCLOSURE_H
#include <stdbool.h>
#include <stddef.h>
#include "err.h"
#include "model.h"

/* Groups under this size never print a category holding >= 90 % of them. */
#define DISC_DOMINANCE_GROUP 10

/* How an item's answer distribution is shown. */
enum disc_row {
	DISC_ROW_FULL,     /* every answer category */
	DISC_ROW_MERGED,   /* likert: 1-2, 3 and 4-5 only; no Md, M or KI */
	DISC_ROW_WITHHELD, /* n only: the distribution would single people out */
	DISC_ROW_FEW,      /* fewer than min_cell answers: nothing */
	DISC_ROW__MAX
};

/* How one count is shown. */
enum disc_cell {
	DISC_CELL_SHOWN,
	DISC_CELL_FEW,        /* 1 .. min_category-1: printed as that range */
	DISC_CELL_NEARLY_ALL, /* multi choice: all but 1 .. min_category-1 */
	DISC_CELL_HIDDEN,     /* hidden so a small count cannot be worked out */
	DISC_CELL__MAX
};

struct disc_item {
	enum disc_row row;
	long merged[3];                       /* likert 1-2, 3, 4-5 */
	enum disc_cell opt[FORM_MAX_OPTIONS]; /* single/multi choice counts */
};

struct disclosure {
	long min_cell, min_category;
	bool group_shown[MODEL_MAX_WAVES][GROUP__MAX];
	/* respondents of the shown groups: per wave, and over all waves */
	long shown_total[MODEL_MAX_WAVES];
	long shown_all;
	/* delrapport participation by report label: [label][group], with the
	 * row totals (over shown groups) in column GROUP__MAX */
	bool label_hidden[MODEL_MAX_LABELS][GROUP__MAX + 1];
	struct disc_item *items; /* layout of model counts */
};

/* Decide everything. min_category: counts 1 .. min_category-1 are never
 * printed as such (1 turns that rule off). UF_ENOMEM; UF_ELIMIT when a
 * small count cannot be protected (never with the report's tables). */
uf_err disclosure_plan(const struct model *m, long min_category,
    struct disclosure **out);
void disclosure_free(struct disclosure *d); /* NULL-safe */

bool disclosure_group_shown(const struct disclosure *d, size_t w,
    enum respondent_group g);
/* Never NULL. */
const struct disc_item *disclosure_item(const struct disclosure *d, size_t w,
    enum respondent_group g, size_t i);

/* Whether the mean (and median, CI) of item i of group g in wave w may be
 * printed: only beside a distribution shown in full (a merged or withheld
 * distribution hides its mean, which would otherwise split the merge). */
bool disclosure_mean_shown(const struct disclosure *d, size_t w,
    enum respondent_group g, size_t i);

/* Which way the pairs of a paired test changed: [0] down, [1] not at all,
 * [2] up. */
enum { DISC_DOWN,
	DISC_SAME,
	DISC_UP,
	DISC_DIRECTIONS };

/* Whether a test's statistics (Z, p raw and Holm-adjusted, r) may be
 * printed. A test never shows more than the figures it compares, so the
 * caller passes whether those means are printed (means_shown). A paired
 * test also says which way its pairs went (r = -1 from 6 pairs: all six
 * went down), so with sign counts given (NULL for a test between groups),
 * a test of fewer than DISC_DOMINANCE_GROUP pairs where >= 90 % went the
 * same way is withheld, as a distribution is under the dominance rule. */
bool disclosure_test_shown(bool means_shown, const long *sign);

/* The category rule for one distribution of n answers: whether counts
 * v[0..nv) may be printed as they are. */
bool disclosure_counts_ok(const long *v, size_t nv, long n, long min_category);
/* "1–2" (the range of a DISC_CELL_FEW count), "18–19" for NEARLY_ALL of n;
 * "–" for HIDDEN; the number itself for SHOWN. */
void disclosure_cell_text(enum disc_cell c, long value, long n,
    long min_category, char *out, size_t len);

#endif
