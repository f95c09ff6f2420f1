/* SPDX-License-Identifier: ISC
 * reports/stats.c against published worked examples and against values
 * computed independently with scipy 1.10 or by brute-force enumeration
 * (tests/reports/stats_reference.py prints them). Each case names its
 * source and the exact call that produced the figure.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "stats.h"
#include "../unit/check_run.h"

#define NEAR(a, b, tol) ck_assert_msg(fabs((a) - (b)) <= (tol), \
    "%s = %.10g, expected %.10g", #a, (double)(a), (double)(b))

/* Student (1908), "The probable error of a mean", Biometrika 6:1-25: extra
 * hours of sleep of ten patients under two drugs (Cushny & Peebles' data; R's
 * `sleep` data set). Differences drug 2 minus drug 1: one zero and a tie at
 * 1.3. R's t.test(extra ~ group, data = sleep, paired = TRUE) prints mean of
 * the differences 1.58 and the 95% CI 0.7001142 .. 2.4598858 (sign flipped
 * there because R subtracts group 2 from group 1). */
static const double sleep_d[10] = { 1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4 };
static const double sleep_g1[10] = { 0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0 };
static const double sleep_g2[10] = { 1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4 };

START_TEST(median_odd_even)
{
	double a[] = { 3, 1, 2 };
	double b[] = { 4, 1, 3, 2 };
	NEAR(stats_median(a, 3), 2.0, 1e-12);
	NEAR(stats_median(b, 4), 2.5, 1e-12);
	ck_assert(isnan(stats_median(b, 0)));
}
END_TEST

START_TEST(t_quantiles)
{
	/* Any t table, e.g. Altman (1991), Practical Statistics for Medical
	 * Research, Table B4: two-sided 5% points. */
	NEAR(stats_t_quantile(0.975, 1), 12.7062, 1e-4);
	NEAR(stats_t_quantile(0.975, 9), 2.2622, 1e-4);
	NEAR(stats_t_quantile(0.975, 30), 2.0423, 1e-4);
	NEAR(stats_t_quantile(0.975, 1e7), 1.95996, 1e-4);
	NEAR(stats_t_quantile(0.025, 9), -2.2622, 1e-4);
	NEAR(stats_normal_cdf(1.959964), 0.975, 1e-6);
}
END_TEST

START_TEST(sleep_mean_ci)
{
	double d[10];
	struct stats_summary s;
	for (int i = 0; i < 10; i++)
		d[i] = sleep_d[i];
	stats_summary_values(d, 10, &s);
	ck_assert_int_eq(s.n, 10);
	NEAR(s.mean, 1.58, 1e-9);
	NEAR(s.sd, 1.229995, 1e-6);
	NEAR(s.median, 1.3, 1e-12);
	ck_assert(s.has_ci);
	NEAR(s.ci_lo, 0.7001142, 1e-6);
	NEAR(s.ci_hi, 2.4598858, 1e-6);
}
END_TEST

START_TEST(summary_counts_matches_values)
{
	/* likert answers 1..5 with counts 2,0,3,4,1: values 1 1 3 3 3 4 4 4 4 5 */
	long c[5] = { 2, 0, 3, 4, 1 };
	double v[10] = { 1, 1, 3, 3, 3, 4, 4, 4, 4, 5 };
	struct stats_summary a, b;
	stats_summary_counts(c, 5, 1, &a);
	stats_summary_values(v, 10, &b);
	ck_assert_int_eq(a.n, 10);
	NEAR(a.mean, 3.2, 1e-12);
	NEAR(a.median, 3.5, 1e-12);
	NEAR(a.sd, b.sd, 1e-12);
	NEAR(a.ci_lo, b.ci_lo, 1e-12);
	NEAR(a.ci_hi, b.ci_hi, 1e-12);
	long one[5] = { 0, 0, 1, 0, 0 };
	stats_summary_counts(one, 5, 1, &a);
	ck_assert(!a.has_ci);
	NEAR(a.median, 3.0, 1e-12);
}
END_TEST

START_TEST(wilcoxon_sleep_zero_and_ties)
{
	/* R: wilcox.test(extra ~ group, data = sleep, paired = TRUE) prints
	 * "V = 0, p-value = 0.009091" with the warnings "cannot compute exact
	 * p-value with ties / with zeroes": the zero is dropped (Wilcoxon's
	 * method), ranks are averaged, the variance is tie-corrected and R
	 * applies a continuity correction of 0.5, which we do not; we check
	 * R's p from our T and variance. */
	struct stats_test t;
	ck_assert_int_eq(stats_wilcoxon(sleep_d, 10, STATS_ZERO_WILCOXON, &t), UF_OK);
	ck_assert(t.valid);
	ck_assert_int_eq(t.n, 10);
	ck_assert_int_eq(t.n_zero, 1);
	ck_assert_int_eq(t.n_used, 9);
	NEAR(t.stat, 45.0, 1e-12); /* T+; R's V is our T- */
	NEAR(t.stat2, 0.0, 1e-12);
	NEAR(t.mean, 22.5, 1e-12);
	NEAR(t.var, 71.25 - 0.125, 1e-12);
	double zc = (fabs(t.stat - t.mean) - 0.5) / sqrt(t.var);
	NEAR(erfc(zc / sqrt(2.0)), 0.009091, 1e-6);
	NEAR(t.z, 22.5 / sqrt(71.125), 1e-12);
	NEAR(t.r, t.z / sqrt(10.0), 1e-12);
}
END_TEST

START_TEST(wilcoxon_lowry_example)
{
	/* Lowry, Concepts and Applications of Inferential Statistics (VassarStats),
	 * ch. 12a, reproduced as the worked example of the Wikipedia article
	 * "Wilcoxon signed-rank test": ten pairs, one zero difference and a tie
	 * at |5|; after dropping the zero W = T+ - T- = 27 - 18 = 9 with
	 * N_r = 9. */
	const double d[10] = { 15, -7, 5, 20, 0, -9, 17, -12, 5, -10 };
	struct stats_test t;
	ck_assert_int_eq(stats_wilcoxon(d, 10, STATS_ZERO_WILCOXON, &t), UF_OK);
	NEAR(t.stat, 27.0, 1e-12);
	NEAR(t.stat2, 18.0, 1e-12);
	ck_assert_int_eq(t.n_used, 9);
	ck_assert(t.p > 0.05);
}
END_TEST

START_TEST(wilcoxon_pratt)
{
	/* Pratt (1959), JASA 54:655-667: rank the zero with the others, then drop
	 * its rank. Sleep differences: the zero takes rank 1, so the positive
	 * ranks are 2..10 with the 1.3 tie at 5.5: T+ = 54. Mean and variance
	 * with n = 10, n0 = 1 (Cureton 1967, JASA 62:1068-1069):
	 * E = (10*11 - 1*2)/4 = 27, Var = (10*11*21 - 1*2*3)/24 - (2^3-2)/48
	 * = 95.875. */
	struct stats_test t;
	ck_assert_int_eq(stats_wilcoxon(sleep_d, 10, STATS_ZERO_PRATT, &t), UF_OK);
	NEAR(t.stat, 54.0, 1e-12);
	NEAR(t.mean, 27.0, 1e-12);
	NEAR(t.var, 95.875, 1e-12);
	NEAR(t.z, 27.0 / sqrt(95.875), 1e-12);
}
END_TEST

START_TEST(wilcoxon_counts_matches_values)
{
	/* likert differences -4..4 as counts vs. the same as raw values */
	long c[9] = { 1, 0, 3, 5, 7, 9, 4, 2, 1 };
	double d[32];
	size_t n = 0;
	for (int i = 0; i < 9; i++)
		for (long j = 0; j < c[i]; j++)
			d[n++] = i - 4;
	for (int zm = 0; zm < STATS_ZERO__MAX; zm++) {
		struct stats_test a, b;
		stats_wilcoxon_counts(c, 4, (enum stats_zero)zm, &a);
		ck_assert_int_eq(stats_wilcoxon(d, n, (enum stats_zero)zm, &b), UF_OK);
		NEAR(a.stat, b.stat, 1e-9);
		NEAR(a.var, b.var, 1e-9);
		NEAR(a.z, b.z, 1e-9);
		ck_assert_int_eq(a.n, (long)n);
	}
}
END_TEST

START_TEST(wilcoxon_all_zero_is_invalid)
{
	const double d[3] = { 0, 0, 0 };
	struct stats_test t;
	ck_assert_int_eq(stats_wilcoxon(d, 3, STATS_ZERO_WILCOXON, &t), UF_OK);
	ck_assert(!t.valid);
	ck_assert(isnan(t.p));
	ck_assert_int_eq(stats_wilcoxon(d, 0, STATS_ZERO_WILCOXON, &t), UF_OK);
	ck_assert(!t.valid);
}
END_TEST

START_TEST(mann_whitney_sleep_ties)
{
	/* R: wilcox.test(extra ~ group, data = sleep) prints "W = 25.5,
	 * p-value = 0.06933" (normal approximation with tie correction and a
	 * continuity correction of 0.5): three tied pairs (-0.1, 0.8, 3.4). */
	struct stats_test t;
	ck_assert_int_eq(stats_mann_whitney(sleep_g1, 10, sleep_g2, 10, &t), UF_OK);
	ck_assert(t.valid);
	NEAR(t.stat2, 25.5, 1e-12); /* U of group 1 = R's W */
	NEAR(t.stat, 74.5, 1e-12);
	NEAR(t.mean, 50.0, 1e-12);
	NEAR(t.var, 100.0 / 12.0 * (21.0 - 18.0 / 380.0), 1e-9);
	double zc = (fabs(t.stat - t.mean) - 0.5) / sqrt(t.var);
	NEAR(erfc(zc / sqrt(2.0)), 0.06933, 1e-5);
	ck_assert(t.z > 0); /* group 2 slept more */
	NEAR(t.r, t.z / sqrt(20.0), 1e-12);
}
END_TEST

START_TEST(mann_whitney_counts_matches_values)
{
	long cx[5] = { 3, 5, 8, 2, 1 }, cy[5] = { 1, 2, 6, 9, 4 };
	double x[64], y[64];
	size_t nx = 0, ny = 0;
	for (int i = 0; i < 5; i++) {
		for (long j = 0; j < cx[i]; j++)
			x[nx++] = i + 1;
		for (long j = 0; j < cy[i]; j++)
			y[ny++] = i + 1;
	}
	struct stats_test a, b;
	stats_mann_whitney_counts(cx, cy, 5, &a);
	ck_assert_int_eq(stats_mann_whitney(x, nx, y, ny, &b), UF_OK);
	NEAR(a.stat, b.stat, 1e-9);
	NEAR(a.var, b.var, 1e-9);
	NEAR(a.p, b.p, 1e-12);
	ck_assert(a.z > 0);
	long empty[5] = { 0 };
	stats_mann_whitney_counts(cx, empty, 5, &a);
	ck_assert(!a.valid);
}
END_TEST

/* ---- exact tests ------------------------------------------------------ */

START_TEST(wilcoxon_exact_untied)
{
	/* scipy: wilcoxon([1.5, -0.3, 2.7, 4.1, -1.9, 3.3, 0.8, 5.2],
	 * zero_method='pratt', method='exact').pvalue = 0.078125 (= 20/256);
	 * method='approx', correction=False: 0.0687035743228782 */
	const double d[8] = { 1.5, -0.3, 2.7, 4.1, -1.9, 3.3, 0.8, 5.2 };
	struct stats_test t;
	ck_assert_int_eq(stats_wilcoxon(d, 8, STATS_ZERO_PRATT, &t), UF_OK);
	ck_assert(t.valid);
	ck_assert(t.exact);
	NEAR(t.p, 0.078125, 1e-12);
	NEAR(t.p_normal, 0.0687035743228782, 1e-12);
	/* scipy: wilcoxon([0.5, 1, 1.5, 2, 2.5, 3], zero_method='pratt',
	 * method='exact').pvalue = 0.03125 (= 2/64) */
	const double six[6] = { 0.5, 1.0, 1.5, 2.0, 2.5, 3.0 };
	ck_assert_int_eq(stats_wilcoxon(six, 6, STATS_ZERO_PRATT, &t), UF_OK);
	ck_assert(t.exact);
	NEAR(t.p, 0.03125, 1e-12);
}
END_TEST

START_TEST(wilcoxon_exact_ties_and_zeros)
{
	/* scipy's exact method does not handle ties or zeros: brute force over
	 * all 2^10 sign assignments of the non-zero differences with Pratt's
	 * ranks (pratt_brute in stats_reference.py) gives 0.0625; scipy
	 * wilcoxon(d, zero_method='pratt', method='approx',
	 * correction=False).pvalue = 0.039974228582390026 */
	const double d[12] = { 1, 1, 2, 0, -1, 1, 2, 0, 1, 3, -1, 1 };
	struct stats_test t;
	ck_assert_int_eq(stats_wilcoxon(d, 12, STATS_ZERO_PRATT, &t), UF_OK);
	ck_assert(t.exact);
	NEAR(t.p, 0.0625, 1e-12);
	NEAR(t.p_normal, 0.039974228582390026, 1e-12);
	/* the same as likert difference counts (-4..4) */
	long c[9] = { 0, 0, 0, 2, 2, 5, 2, 1, 0 };
	struct stats_test u;
	stats_wilcoxon_counts(c, 4, STATS_ZERO_PRATT, &u);
	ck_assert(u.exact);
	NEAR(u.p, 0.0625, 1e-12);
	NEAR(u.p_normal, t.p_normal, 1e-12);
	/* six pairs, one of them zero: brute force gives 0.0625, where the
	 * normal approximation (scipy, approx, correction=False) says
	 * 0.03250944464571951 (pratt_brute([0, 1, 1, 2, 2, 1])) */
	const double z[6] = { 0, 1, 1, 2, 2, 1 };
	ck_assert_int_eq(stats_wilcoxon(z, 6, STATS_ZERO_PRATT, &t), UF_OK);
	ck_assert(t.exact);
	NEAR(t.p, 0.0625, 1e-12);
	NEAR(t.p_normal, 0.03250944464571951, 1e-12);
}
END_TEST

static double
alt_sign(int i)
{
	return ((i * i) % 7) % 2 ? -1.0 : 1.0;
}

START_TEST(wilcoxon_exact_limit)
{
	/* d_i = (-1)^(i^2 mod 7) (i + 0.5), i = 1..60; scipy wilcoxon(d,
	 * zero_method='pratt', method='exact').pvalue = 0.002180675876756813 */
	double d[120];
	struct stats_test t;
	for (int i = 1; i <= 60; i++)
		d[i - 1] = alt_sign(i) * (i + 0.5);
	ck_assert_int_eq(stats_wilcoxon(d, 60, STATS_ZERO_PRATT, &t), UF_OK);
	ck_assert(t.exact);
	NEAR(t.p, 0.002180675876756813, 1e-12);
	/* 120 pairs is above STATS_EXACT_MAX_PAIRS: the normal approximation,
	 * scipy wilcoxon(d, zero_method='pratt', method='approx',
	 * correction=False).pvalue = 9.849962795791485e-05 for
	 * d_i = (-1)^(i^2 mod 7) (i + 0.5) + (0.25 if i % 3 == 0 else 0) */
	for (int i = 1; i <= 120; i++)
		d[i - 1] = alt_sign(i) * (i + 0.5) + (i % 3 == 0 ? 0.25 : 0.0);
	ck_assert_int_eq(stats_wilcoxon(d, 120, STATS_ZERO_PRATT, &t), UF_OK);
	ck_assert(!t.exact);
	NEAR(t.p, 9.849962795791485e-05, 1e-15);
	ck_assert_int_eq(STATS_EXACT_MAX_PAIRS >= 50, 1);
}
END_TEST

START_TEST(mann_whitney_exact_untied)
{
	/* scipy: mannwhitneyu([1.1, 2.3, 3.8, 4.0, 5.6], [2.9, 6.1, 7.4, 8.2,
	 * 3.3, 9.0], method='exact').pvalue = 0.12554112554112554;
	 * method='asymptotic', use_continuity=False: 0.10034824646229075 */
	const double x[5] = { 1.1, 2.3, 3.8, 4.0, 5.6 };
	const double y[6] = { 2.9, 6.1, 7.4, 8.2, 3.3, 9.0 };
	struct stats_test t;
	ck_assert_int_eq(stats_mann_whitney(x, 5, y, 6, &t), UF_OK);
	ck_assert(t.exact);
	NEAR(t.p, 0.12554112554112554, 1e-12);
	NEAR(t.p_normal, 0.10034824646229075, 1e-12);
	/* either order */
	ck_assert_int_eq(stats_mann_whitney(y, 6, x, 5, &t), UF_OK);
	NEAR(t.p, 0.12554112554112554, 1e-12);
}
END_TEST

START_TEST(mann_whitney_exact_ties)
{
	/* likert answers x = 1 1 2 2 2 3 4, y = 2 3 3 4 4 5: scipy's exact
	 * method ignores ties, so brute force over all C(13, 7) = 1716 splits
	 * with mid-ranks (mw_brute in stats_reference.py): 0.0641025641025641;
	 * scipy mannwhitneyu(x, y, method='asymptotic', use_continuity=False)
	 * .pvalue = 0.04759516277593916 */
	long cx[5] = { 2, 3, 1, 1, 0 }, cy[5] = { 0, 1, 2, 2, 1 };
	struct stats_test t;
	stats_mann_whitney_counts(cx, cy, 5, &t);
	ck_assert(t.valid);
	ck_assert(t.exact);
	NEAR(t.p, 0.0641025641025641, 1e-12);
	NEAR(t.p_normal, 0.04759516277593916, 1e-12);
	stats_mann_whitney_counts(cy, cx, 5, &t);
	NEAR(t.p, 0.0641025641025641, 1e-12);
}
END_TEST

START_TEST(mann_whitney_exact_limit)
{
	/* x_i = fmod(1.7 i, 23) + 0.01 i (i < 30), y_i = fmod(2.3 i, 29) + 3 +
	 * 0.013 i (i < 40), no ties: scipy mannwhitneyu(x, y,
	 * method='exact').pvalue = 0.0052803396077534545 */
	double x[60], y[60];
	struct stats_test t;
	for (int i = 0; i < 60; i++) {
		x[i] = fmod(i * 1.7, 23) + 0.01 * i;
		y[i] = fmod(i * 2.3, 29) + 3 + 0.013 * i;
	}
	ck_assert_int_eq(stats_mann_whitney(x, 30, y, 40, &t), UF_OK);
	ck_assert(t.exact);
	NEAR(t.p, 0.0052803396077534545, 1e-12);
	/* 60 + 60 is above STATS_EXACT_MAX_MW: y shifted by 1 instead of 3,
	 * scipy mannwhitneyu(x, y, method='asymptotic', use_continuity=False)
	 * .pvalue = 0.015313821713431998 */
	for (int i = 0; i < 60; i++)
		y[i] = fmod(i * 2.3, 29) + 1 + 0.013 * i;
	ck_assert_int_eq(stats_mann_whitney(x, 60, y, 60, &t), UF_OK);
	ck_assert(!t.exact);
	NEAR(t.p, 0.015313821713431998, 1e-12);
}
END_TEST

START_TEST(holm_by_hand)
{
	/* Holm (1979): sorted 0.005 0.01 0.03 0.04 0.2, m = 5 (the NAN is not
	 * a test): 5 x 0.005 = 0.025; 4 x 0.01 = 0.04; 3 x 0.03 = 0.09;
	 * 2 x 0.04 = 0.08 -> 0.09 (monotone); 1 x 0.2 = 0.2. */
	double p[6] = { 0.01, 0.04, 0.03, 0.005, NAN, 0.2 }, a[6];
	ck_assert_int_eq(stats_holm(p, 6, a), UF_OK);
	NEAR(a[0], 0.04, 1e-15);
	NEAR(a[1], 0.09, 1e-15);
	NEAR(a[2], 0.09, 1e-15);
	NEAR(a[3], 0.025, 1e-15);
	ck_assert(isnan(a[4]));
	NEAR(a[5], 0.2, 1e-15);
	/* capped at 1, and in place */
	double q[3] = { 0.5, 0.6, 0.01 };
	ck_assert_int_eq(stats_holm(q, 3, q), UF_OK);
	NEAR(q[0], 1.0, 1e-15);
	NEAR(q[1], 1.0, 1e-15);
	NEAR(q[2], 0.03, 1e-15);
	ck_assert_int_eq(stats_holm(q, 0, q), UF_OK);
}
END_TEST

START_TEST(round_half_away)
{
	NEAR(stats_round(2.25, 1), 2.3, 1e-15);
	NEAR(stats_round(-2.25, 1), -2.3, 1e-15);
	NEAR(stats_round(12.5, 0), 13, 1e-15);
	NEAR(stats_round(0.5, 0), 1, 1e-15);
	NEAR(stats_round(2.5, 0), 3, 1e-15);
	/* below the half in binary, a half in decimal */
	NEAR(stats_round(0.145, 2), 0.15, 1e-15);
	NEAR(stats_round(1.005, 2), 1.01, 1e-15);
	NEAR(stats_round(29.0 / 20.0, 1), 1.5, 1e-15);
	NEAR(stats_round(2.24999, 1), 2.2, 1e-15);
	NEAR(stats_round(0.04999, 1), 0.0, 1e-15);
	NEAR(stats_round(0.05, 1), 0.1, 1e-15);
	NEAR(stats_round(9.95, 1), 10.0, 1e-15);
	NEAR(stats_round(123456.0, 2), 123456.0, 1e-15);
	ck_assert(isnan(stats_round(NAN, 2)));
	ck_assert_int_eq(stats_pct_round(1, 8), 13); /* 12.5 */
	ck_assert_int_eq(stats_pct_round(3, 8), 38); /* 37.5 */
	ck_assert_int_eq(stats_pct_round(1, 3), 33);
	ck_assert_int_eq(stats_pct_round(2, 3), 67);
	ck_assert_int_eq(stats_pct_round(0, 5), 0);
	ck_assert_int_eq(stats_pct_round(5, 5), 100);
}
END_TEST

static Suite *
stats_suite(void)
{
	Suite *s = suite_create("stats");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, median_odd_even);
	tcase_add_test(tc, t_quantiles);
	tcase_add_test(tc, sleep_mean_ci);
	tcase_add_test(tc, summary_counts_matches_values);
	tcase_add_test(tc, wilcoxon_sleep_zero_and_ties);
	tcase_add_test(tc, wilcoxon_lowry_example);
	tcase_add_test(tc, wilcoxon_pratt);
	tcase_add_test(tc, wilcoxon_counts_matches_values);
	tcase_add_test(tc, wilcoxon_all_zero_is_invalid);
	tcase_add_test(tc, mann_whitney_sleep_ties);
	tcase_add_test(tc, mann_whitney_counts_matches_values);
	tcase_add_test(tc, wilcoxon_exact_untied);
	tcase_add_test(tc, wilcoxon_exact_ties_and_zeros);
	tcase_add_test(tc, wilcoxon_exact_limit);
	tcase_add_test(tc, mann_whitney_exact_untied);
	tcase_add_test(tc, mann_whitney_exact_ties);
	tcase_add_test(tc, mann_whitney_exact_limit);
	tcase_add_test(tc, holm_by_hand);
	tcase_add_test(tc, round_half_away);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(stats_suite());
}
