/* SPDX-License-Identifier: ISC
 * The complementary-suppression solver: small counts are hidden together
 * with enough others that no hidden small count can be worked out, neither
 * by linear algebra over the printed sums nor by the bounds a reader knows
 * ("1–2"); and the category rule for one distribution.
 */
#include <check.h>
#include <stdlib.h>

#include "disclosure.h"
#include "disclosure_solve.h"
#include "../unit/check_run.h"

/* A table rows x cols of v with row totals and column totals as relations;
 * margins[] get the totals' indexes (rows first), cells[] the cells'. */
static struct disc_reg *
table(const long *v, size_t rows, size_t cols, long min_cell, bool lock_cols,
    size_t *cells, size_t *margins)
{
	struct disc_reg *r = disc_reg_new();
	size_t idx[16];
	int coef[16];
	ck_assert_ptr_nonnull(r);
	for (size_t i = 0; i < rows * cols; i++)
		ck_assert_int_eq(disc_add(r, v[i], v[i] > 0 && v[i] < min_cell, false,
		                     &cells[i]),
		    UF_OK);
	for (size_t i = 0; i < rows; i++) {
		long s = 0;
		for (size_t j = 0; j < cols; j++) {
			s += v[i * cols + j];
			idx[j] = cells[i * cols + j];
			coef[j] = 1;
		}
		ck_assert_int_eq(disc_add(r, s, false, false, &margins[i]), UF_OK);
		idx[cols] = margins[i];
		coef[cols] = -1;
		ck_assert_int_eq(disc_relate(r, idx, coef, cols + 1), UF_OK);
	}
	for (size_t j = 0; j < cols; j++) {
		long s = 0;
		for (size_t i = 0; i < rows; i++) {
			s += v[i * cols + j];
			idx[i] = cells[i * cols + j];
			coef[i] = 1;
		}
		ck_assert_int_eq(disc_add(r, s, false, lock_cols, &margins[rows + j]), UF_OK);
		idx[rows] = margins[rows + j];
		coef[rows] = -1;
		ck_assert_int_eq(disc_relate(r, idx, coef, rows + 1), UF_OK);
	}
	return r;
}

static void
assert_protected(struct disc_reg *r, const size_t *vars, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bool det = true;
		if (r->v[vars[i]].state != DISC_PRIMARY)
			continue;
		ck_assert_int_eq(disc_determined(r, vars[i], &det), UF_OK);
		ck_assert_msg(!det, "primary count %zu can be worked out", i);
	}
}

/* The delrapport's report-label table: peer supporters 2 + 4 = 6, personal
 * 13 + 20 = 33, both column totals printed (locked). A 2 x 2 table with all
 * margins needs all four cells hidden. */
START_TEST(two_by_two_hides_all_four)
{
	const long v[4] = { 13, 2, 20, 4 };
	size_t cells[4], margins[4];
	struct disc_reg *r = table(v, 2, 2, 5, true, cells, margins);
	bool det;

	ck_assert_int_eq(disc_determined(r, cells[1], &det), UF_OK);
	ck_assert(det); /* before: 6 - 4 */
	ck_assert_int_eq(disc_solve(r), UF_OK);
	for (int i = 0; i < 4; i++)
		ck_assert(disc_hidden(r, cells[i]));
	ck_assert(!disc_hidden(r, margins[2]) && !disc_hidden(r, margins[3]));
	assert_protected(r, cells, 4);
	disc_reg_free(r);
}
END_TEST

/* A 3 x 3 table with one small cell: the classic four-cell rectangle, and
 * the small cell's row and column keep their totals. */
START_TEST(rectangle_in_three_by_three)
{
	const long v[9] = { 20, 3, 15, 10, 12, 9, 8, 7, 30 };
	size_t cells[9], margins[6];
	struct disc_reg *r = table(v, 3, 3, 5, false, cells, margins);
	size_t hidden = 0;

	ck_assert_int_eq(disc_solve(r), UF_OK);
	for (int i = 0; i < 9; i++)
		hidden += disc_hidden(r, cells[i]);
	ck_assert(disc_hidden(r, cells[1]));
	ck_assert_uint_eq(hidden, 4);
	for (int i = 0; i < 6; i++)
		ck_assert(!disc_hidden(r, margins[i]));
	assert_protected(r, cells, 9);
	disc_reg_free(r);
}
END_TEST

/* Choice counts 3 + x + y + z = 6 where x, y, z are printed as "1–2": no
 * linear combination gives one of them, but the bounds do (all three must
 * be 1). The solver hides the 3 as well; then x in 1..2 stays open. */
START_TEST(bounds_pin_a_range)
{
	struct disc_reg *r = disc_reg_new();
	size_t v[5], idx[5];
	const long val[4] = { 3, 1, 1, 1 };
	int coef[5] = { 1, 1, 1, 1, -1 };
	bool det;

	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(disc_add(r, val[i], i > 0, false, &v[i]), UF_OK);
		if (i > 0)
			ck_assert_int_eq(disc_bound(r, v[i], 1, 2), UF_OK);
		idx[i] = v[i];
	}
	ck_assert_int_eq(disc_add(r, 6, false, true, &v[4]), UF_OK);
	idx[4] = v[4];
	ck_assert_int_eq(disc_relate(r, idx, coef, 5), UF_OK);
	ck_assert_int_eq(disc_determined(r, v[1], &det), UF_OK);
	ck_assert(det);
	ck_assert_int_eq(disc_solve(r), UF_OK);
	ck_assert(disc_hidden(r, v[0]));
	assert_protected(r, v, 4);
	disc_reg_free(r);
}
END_TEST

/* A group total printed next to every part but one, the part being small:
 * with everything else locked nothing can protect it. */
START_TEST(locked_sum_cannot_be_protected)
{
	struct disc_reg *r = disc_reg_new();
	size_t v[3];
	int coef[3] = { 1, 1, -1 };
	ck_assert_int_eq(disc_add(r, 4, true, false, &v[0]), UF_OK);
	ck_assert_int_eq(disc_add(r, 6, false, true, &v[1]), UF_OK);
	ck_assert_int_eq(disc_add(r, 10, false, true, &v[2]), UF_OK);
	ck_assert_int_eq(disc_relate(r, v, coef, 3), UF_OK);
	ck_assert_int_eq(disc_solve(r), UF_ELIMIT);
	disc_reg_free(r);
}
END_TEST

/* Without relations nothing is added; unknown variables are refused. */
START_TEST(no_relation_no_complement)
{
	struct disc_reg *r = disc_reg_new();
	size_t v, bad[1] = { 7 };
	int coef[1] = { 1 };
	ck_assert_int_eq(disc_add(r, 2, true, false, &v), UF_OK);
	ck_assert_int_eq(disc_solve(r), UF_OK);
	ck_assert(disc_hidden(r, v));
	ck_assert_int_eq(disc_relate(r, bad, coef, 1), UF_EINTERNAL);
	ck_assert_int_eq(disc_bound(r, v, 3, 1), UF_EINTERNAL);
	disc_reg_free(r);
}
END_TEST

/* The category rule: counts 1..K-1 and, in groups under 10, one answer for
 * (nearly) everyone. */
START_TEST(category_rule)
{
	const long ok[5] = { 0, 3, 5, 0, 4 };       /* n 12 */
	const long small[5] = { 1, 3, 5, 0, 3 };    /* a 1 */
	const long all[5] = { 0, 0, 0, 6, 0 };      /* 6 of 6 */
	const long big_all[5] = { 0, 0, 0, 12, 0 }; /* 12 of 12: allowed */
	ck_assert(disclosure_counts_ok(ok, 5, 12, 3));
	ck_assert(!disclosure_counts_ok(small, 5, 12, 3));
	ck_assert(disclosure_counts_ok(small, 5, 12, 1));
	ck_assert(!disclosure_counts_ok(all, 5, 6, 3));
	ck_assert(!disclosure_counts_ok(all, 5, 6, 1));
	ck_assert(disclosure_counts_ok(big_all, 5, 12, 3));
}
END_TEST

/* A test is printed only with its means, and a paired test of fewer than
 * 10 pairs not when >= 90 % of them went one way (under 10 pairs: all of
 * them): r = -1 from 6 pairs (6 down) says every person went down. */
START_TEST(test_follows_means)
{
	const long six_down[3] = { 6, 0, 0 }, five_down[3] = { 5, 1, 0 };
	const long nine_same[3] = { 0, 9, 0 }, eight_of_nine[3] = { 8, 0, 1 };
	const long ten_down[3] = { 10, 0, 0 }, mixed[3] = { 3, 1, 2 };
	ck_assert(!disclosure_test_shown(false, NULL));
	ck_assert(!disclosure_test_shown(false, mixed));
	ck_assert(disclosure_test_shown(true, NULL));
	ck_assert(!disclosure_test_shown(true, six_down));     /* 100 % */
	ck_assert(disclosure_test_shown(true, five_down));     /* 83 % */
	ck_assert(!disclosure_test_shown(true, nine_same));    /* 9 unchanged */
	ck_assert(disclosure_test_shown(true, eight_of_nine)); /* 89 % */
	ck_assert(disclosure_test_shown(true, ten_down));      /* 10 pairs: the rule stops */
	ck_assert(disclosure_test_shown(true, mixed));
}
END_TEST

START_TEST(cell_text)
{
	char b[32];
	disclosure_cell_text(DISC_CELL_FEW, 2, 20, 3, b, sizeof b);
	ck_assert_str_eq(b, "1–2");
	disclosure_cell_text(DISC_CELL_NEARLY_ALL, 19, 20, 3, b, sizeof b);
	ck_assert_str_eq(b, "18–19");
	disclosure_cell_text(DISC_CELL_HIDDEN, 9, 20, 3, b, sizeof b);
	ck_assert_str_eq(b, "–");
	disclosure_cell_text(DISC_CELL_SHOWN, 9, 20, 3, b, sizeof b);
	ck_assert_str_eq(b, "9");
	disclosure_cell_text(DISC_CELL_FEW, 1, 20, 2, b, sizeof b);
	ck_assert_str_eq(b, "≤ 1");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("disclosure");
	TCase *tc = tcase_create("solve");
	tcase_add_test(tc, two_by_two_hides_all_four);
	tcase_add_test(tc, rectangle_in_three_by_three);
	tcase_add_test(tc, bounds_pin_a_range);
	tcase_add_test(tc, locked_sum_cannot_be_protected);
	tcase_add_test(tc, no_relation_no_complement);
	tcase_add_test(tc, category_rule);
	tcase_add_test(tc, cell_text);
	tcase_add_test(tc, test_follows_means);
	suite_add_tcase(s, tc);
	return check_run(s);
}
