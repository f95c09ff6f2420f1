/* SPDX-License-Identifier: ISC
 * Descriptive statistics and the two rank tests the reports use: median,
 * mean with a t-based 95% CI, Wilcoxon signed-rank (paired) and Mann-Whitney U
 * (unpaired), with average ranks for ties; an exact conditional p (the
 * permutation distribution given the ties) up to a documented size, the
 * normal approximation with the tie-corrected variance above it; Holm's
 * adjustment for many tests. No I/O, no database: plain numbers in and out.
 */
#ifndef UF_REPORT_STATS_H
#define UF_REPORT_STATS_H
#include <stdbool.h>
#include <stddef.h>
#include "err.h"

struct stats_summary {
	long n;
	double mean;
	double sd; /* sample standard deviation (n - 1); 0 when n < 2 */
	double median;
	double ci_lo, ci_hi; /* 95% CI of the mean, t distribution with n - 1 df */
	bool has_ci;         /* false when n < 2 */
};

/* Summary of x[0..n) (sorted in place). n == 0 gives a zeroed summary. */
void stats_summary_values(double *x, size_t n, struct stats_summary *out);
/* Summary of integer data given as counts: counts[i] answers had value
 * first + i, for i in [0, k). Used for likert items aggregated in SQL. */
void stats_summary_counts(const long *counts, size_t k, int first,
    struct stats_summary *out);
/* Median of x[0..n), sorting x; NAN when n == 0. */
double stats_median(double *x, size_t n);

double stats_normal_cdf(double z);
/* P(T <= t) for Student's t with df > 0 degrees of freedom. */
double stats_t_cdf(double t, double df);
/* q with P(T <= q) = p, 0 < p < 1. */
double stats_t_quantile(double p, double df);

/* Zero differences in the signed-rank test: WILCOXON drops them before
 * ranking (Wilcoxon 1945; what R and SPSS do); PRATT ranks them with the
 * others and then drops their ranks (Pratt 1959). */
enum stats_zero { STATS_ZERO_WILCOXON,
	STATS_ZERO_PRATT,
	STATS_ZERO__MAX };

/* Exact p-values up to these sizes (the permutation distribution is
 * computed by dynamic programming over doubled mid-ranks, which are
 * integers: O(n^3) for the signed-rank test, O(n1 (n1 + n2)^3) at most for
 * Mann-Whitney); above them the normal approximation. */
#define STATS_EXACT_MAX_PAIRS 100 /* pairs, zero differences included */
#define STATS_EXACT_MAX_MW    100 /* n1 + n2 */

struct stats_test {
	bool valid;       /* false: too few observations for a test (z, p NAN) */
	bool exact;       /* p is the exact conditional p; false above the
	                     STATS_EXACT_MAX_* sizes (and should the exact
	                     distribution not get its memory): p_normal then */
	long n;           /* pairs (Wilcoxon) or n1 + n2 (Mann-Whitney) */
	long n_used;      /* Wilcoxon: non-zero differences; MW: n */
	long n_zero;      /* Wilcoxon: zero differences */
	double stat;      /* Wilcoxon: T+ (sum of ranks of positive differences);
	                     MW: U of the second sample (y) */
	double stat2;     /* Wilcoxon: T-; MW: U of the first sample (x) */
	double mean, var; /* of stat under H0, variance tie-corrected */
	double z;         /* (stat - mean) / sqrt(var), no continuity correction;
	                     positive when the second measure / sample is higher */
	double p;         /* two-sided: exact when `exact`, else p_normal */
	double p_normal;  /* two-sided, normal approximation (always set) */
	double r;         /* effect size z / sqrt(n) */
};

/* Signed-rank test on differences d[0..n) (second minus first). UF_ENOMEM
 * only. */
uf_err stats_wilcoxon(const double *d, size_t n, enum stats_zero zero,
    struct stats_test *out);
/* Signed-rank test on integer differences given as counts: counts[i]
 * differences equal i - dmax, for i in [0, 2 * dmax + 1). */
void stats_wilcoxon_counts(const long *counts, int dmax, enum stats_zero zero,
    struct stats_test *out);

/* Mann-Whitney U of x[0..nx) (first) against y[0..ny) (second). UF_ENOMEM
 * only. */
uf_err stats_mann_whitney(const double *x, size_t nx, const double *y,
    size_t ny, struct stats_test *out);
/* The same on ordered categories: cx[i] and cy[i] observations in category
 * i, i in [0, k). */
void stats_mann_whitney_counts(const long *cx, const long *cy, size_t k,
    struct stats_test *out);

/* Holm's (1979) step-down adjustment of p[0..n) into adj[0..n): with the
 * valid p sorted ascending p(1) <= ... <= p(m), adj(i) = max over j <= i of
 * min(1, (m - j + 1) p(j)). NAN entries are not tests: they stay NAN and do
 * not count in m. adj may be p. UF_ENOMEM only. */
uf_err stats_holm(const double *p, size_t n, double *adj);

/* v rounded to dec decimals (0..9), half away from zero, decided on v's
 * decimal value to 15 significant digits: 2.25 -> 2.3, 12.5 -> 13, and
 * 1.45 (= 29/20, stored as 1.4499999999999999556) -> 1.5. NAN stays NAN. */
double stats_round(double v, int dec);
/* Whole percent of part in whole, half away from zero, exactly (integer
 * arithmetic); part, whole >= 0, whole > 0. */
long stats_pct_round(long part, long whole);

#endif
