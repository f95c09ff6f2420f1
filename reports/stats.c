/* SPDX-License-Identifier: ISC
 * Statistics for the reports. Both rank tests work on "tie groups" (distinct
 * values with how many observations of each kind share them), so the same
 * core serves raw values (scale scores) and counts aggregated in SQL (likert
 * items), and ties get average ranks by construction. Exact p-values come
 * from the permutation distribution over doubled mid-ranks (integers), so
 * "at least as extreme" is decided in integer arithmetic.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

/* Values closer than this are ties: scale scores are means of small
 * integers, and their differences carry rounding noise. */
#define TIE_EPS 1e-9

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static bool
same(double a, double b)
{
	double m = fabs(a) > 1.0 ? fabs(a) : 1.0;
	return fabs(a - b) <= TIE_EPS * m;
}

double
stats_median(double *x, size_t n)
{
	if (n == 0)
		return NAN;
	qsort(x, n, sizeof *x, cmp_double);
	if (n % 2 == 1)
		return x[n / 2];
	return (x[n / 2 - 1] + x[n / 2]) / 2.0;
}

static void
finish_ci(struct stats_summary *s)
{
	s->has_ci = false;
	s->ci_lo = s->ci_hi = NAN;
	if (s->n < 2)
		return;
	double t = stats_t_quantile(0.975, (double)(s->n - 1));
	double half = t * s->sd / sqrt((double)s->n);
	s->ci_lo = s->mean - half;
	s->ci_hi = s->mean + half;
	s->has_ci = true;
}

void
stats_summary_values(double *x, size_t n, struct stats_summary *out)
{
	memset(out, 0, sizeof *out);
	out->median = out->mean = NAN;
	if (n == 0) {
		finish_ci(out);
		return;
	}
	out->n = (long)n;
	out->median = stats_median(x, n);
	double sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += x[i];
	out->mean = sum / (double)n;
	double ss = 0;
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - out->mean) * (x[i] - out->mean);
	out->sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0.0;
	finish_ci(out);
}

/* Value at 0-based position pos of the sorted data given as counts. */
static int
value_at(const long *counts, size_t k, int first, long pos)
{
	long seen = 0;
	for (size_t i = 0; i < k; i++) {
		seen += counts[i];
		if (pos < seen)
			return first + (int)i;
	}
	return first + (int)k - 1;
}

void
stats_summary_counts(const long *counts, size_t k, int first,
    struct stats_summary *out)
{
	memset(out, 0, sizeof *out);
	out->median = out->mean = NAN;
	long n = 0;
	double sum = 0;
	for (size_t i = 0; i < k; i++) {
		n += counts[i];
		sum += (double)counts[i] * (first + (int)i);
	}
	out->n = n;
	if (n == 0) {
		finish_ci(out);
		return;
	}
	out->mean = sum / (double)n;
	double ss = 0;
	for (size_t i = 0; i < k; i++) {
		double dv = (first + (int)i) - out->mean;
		ss += (double)counts[i] * dv * dv;
	}
	out->sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0.0;
	out->median = (value_at(counts, k, first, (n - 1) / 2) +
	                  value_at(counts, k, first, n / 2)) /
	    2.0;
	finish_ci(out);
}

double
stats_normal_cdf(double z)
{
	return 0.5 * erfc(-z / sqrt(2.0));
}

/* Continued fraction of the regularised incomplete beta function, evaluated
 * with the modified Lentz method. */
static double
beta_cf(double a, double b, double x)
{
	const double tiny = 1e-300, eps = 1e-15;
	double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
	if (fabs(d) < tiny)
		d = tiny;
	d = 1.0 / d;
	double h = d;
	for (int m = 1; m <= 300; m++) {
		double m2 = 2.0 * m;
		double num = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
		d = 1.0 + num * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1.0 + num / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1.0 / d;
		h *= d * c;
		num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
		d = 1.0 + num * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1.0 + num / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1.0 / d;
		double del = d * c;
		h *= del;
		if (fabs(del - 1.0) < eps)
			break;
	}
	return h;
}

static double
ibeta(double a, double b, double x)
{
	if (x <= 0.0)
		return 0.0;
	if (x >= 1.0)
		return 1.0;
	double lbt = lgamma(a + b) - lgamma(a) - lgamma(b) +
	    a * log(x) + b * log(1.0 - x);
	double bt = exp(lbt);
	if (x < (a + 1.0) / (a + b + 2.0))
		return bt * beta_cf(a, b, x) / a;
	return 1.0 - bt * beta_cf(b, a, 1.0 - x) / b;
}

double
stats_t_cdf(double t, double df)
{
	if (isnan(t) || df <= 0)
		return NAN;
	double tail = 0.5 * ibeta(df / 2.0, 0.5, df / (df + t * t));
	return t > 0 ? 1.0 - tail : tail;
}

double
stats_t_quantile(double p, double df)
{
	if (!(p > 0.0 && p < 1.0) || df <= 0)
		return NAN;
	if (p == 0.5)
		return 0.0;
	double lo = -1.0, hi = 1.0;
	while (stats_t_cdf(lo, df) > p && lo > -1e12)
		lo *= 2.0;
	while (stats_t_cdf(hi, df) < p && hi < 1e12)
		hi *= 2.0;
	for (int i = 0; i < 200 && hi - lo > 1e-13 * (1.0 + fabs(hi)); i++) {
		double mid = (lo + hi) / 2.0;
		if (stats_t_cdf(mid, df) < p)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2.0;
}

/* ---- Wilcoxon signed-rank ------------------------------------------- */

struct sr_group { /* one distinct |d| */
	long pos, neg, zero;
};

/* Exact two-sided p of the signed-rank statistic given the ranks: under
 * H0 every non-zero difference is positive or negative with probability
 * 1/2, independently. r2[i] (doubled mid-ranks of the non-zero differences,
 * with multiplicity cnt[i]), i in [0, k); t2 = doubled T+. p = P(|2T - S| >=
 * |2t - S|), S the sum of the ranks. NAN when out of memory. */
static double
signed_rank_exact(const long *r2, const long *cnt, size_t k, long t2)
{
	long s2 = 0;
	for (size_t i = 0; i < k; i++)
		s2 += r2[i] * cnt[i];
	double *p = calloc((size_t)s2 + 1, sizeof *p);
	if (p == NULL)
		return NAN;
	long top = 0; /* largest reachable sum so far */
	p[0] = 1.0;
	for (size_t i = 0; i < k; i++)
		for (long c = 0; c < cnt[i]; c++) {
			for (long s = top + r2[i]; s >= 0; s--)
				p[s] = 0.5 * (p[s] + (s >= r2[i] ? p[s - r2[i]] : 0.0));
			top += r2[i];
		}
	long obs = labs(2 * t2 - s2);
	double sum = 0;
	for (long s = 0; s <= s2; s++)
		if (labs(2 * s - s2) >= obs)
			sum += p[s];
	free(p);
	return sum < 1.0 ? sum : 1.0;
}

/* groups[0..ng) in ascending |d|; zeros (if any) only in groups[0]. */
static void
wilcoxon_core(const struct sr_group *g, size_t ng, long npairs,
    enum stats_zero zero, struct stats_test *out)
{
	double tplus = 0, tminus = 0, ties = 0;
	long rank = 0, nzero = 0, t2 = 0;
	long *r2 = calloc(ng ? ng : 1, sizeof *r2), *cnt = calloc(ng ? ng : 1, sizeof *cnt);
	size_t k = 0;
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < ng; i++) {
		long t = g[i].pos + g[i].neg + g[i].zero;
		if (g[i].zero > 0) {
			nzero += g[i].zero;
			if (zero == STATS_ZERO_WILCOXON)
				continue; /* dropped before ranking */
		}
		if (t == 0)
			continue;
		double avg = (double)rank + ((double)t + 1.0) / 2.0;
		tplus += (double)g[i].pos * avg;
		tminus += (double)g[i].neg * avg;
		if (g[i].zero == 0) {
			ties += (double)t * t * t - (double)t;
			if (r2 != NULL && cnt != NULL) {
				r2[k] = 2 * rank + t + 1; /* 2 x mid-rank */
				cnt[k++] = t;
				t2 += g[i].pos * (2 * rank + t + 1);
			}
		}
		rank += t;
	}
	double n = (double)rank, n0 = zero == STATS_ZERO_PRATT ? (double)nzero : 0;
	out->n = npairs;
	out->n_zero = nzero;
	out->n_used = npairs - nzero;
	out->stat = tplus;
	out->stat2 = tminus;
	out->mean = (n * (n + 1) - n0 * (n0 + 1)) / 4.0;
	out->var = (n * (n + 1) * (2 * n + 1) - n0 * (n0 + 1) * (2 * n0 + 1)) / 24.0 -
	    ties / 48.0;
	out->z = out->p = out->p_normal = out->r = NAN;
	out->valid = out->n_used > 0 && out->var > 0;
	if (out->valid) {
		out->z = (tplus - out->mean) / sqrt(out->var);
		out->p = out->p_normal = erfc(fabs(out->z) / sqrt(2.0));
		out->r = out->z / sqrt((double)npairs);
		if (npairs <= STATS_EXACT_MAX_PAIRS && r2 != NULL && cnt != NULL) {
			double pe = signed_rank_exact(r2, cnt, k, t2);
			if (!isnan(pe)) {
				out->p = pe;
				out->exact = true;
			}
		}
	}
	free(r2);
	free(cnt);
}

static int
cmp_abs(const void *a, const void *b)
{
	double x = fabs(*(const double *)a), y = fabs(*(const double *)b);
	return (x > y) - (x < y);
}

uf_err
stats_wilcoxon(const double *d, size_t n, enum stats_zero zero,
    struct stats_test *out)
{
	uf_err e = UF_ENOMEM;
	double *s = NULL;
	struct sr_group *g = NULL;
	size_t ng = 0;

	s = malloc((n ? n : 1) * sizeof *s);
	g = malloc((n ? n : 1) * sizeof *g);
	if (s == NULL || g == NULL)
		goto out;
	if (n)
		memcpy(s, d, n * sizeof *s);
	qsort(s, n, sizeof *s, cmp_abs);
	for (size_t i = 0; i < n; i++) {
		double a = fabs(s[i]);
		bool z = a <= TIE_EPS;
		bool prevz = ng > 0 && g[ng - 1].zero > 0;
		if (ng == 0 || z != prevz || (!z && !same(fabs(s[i - 1]), a))) {
			memset(&g[ng], 0, sizeof g[ng]);
			ng++;
		}
		if (z)
			g[ng - 1].zero++;
		else if (s[i] > 0)
			g[ng - 1].pos++;
		else
			g[ng - 1].neg++;
	}
	wilcoxon_core(g, ng, (long)n, zero, out);
	e = UF_OK;
out:
	free(g);
	free(s);
	return e;
}

void
stats_wilcoxon_counts(const long *counts, int dmax, enum stats_zero zero,
    struct stats_test *out)
{
	struct sr_group g[64];
	size_t ng = 0;
	long npairs = 0;
	if (dmax < 0 || dmax > 62) {
		memset(out, 0, sizeof *out);
		out->z = out->p = out->p_normal = out->r = NAN;
		return;
	}
	for (int a = 0; a <= dmax; a++) {
		memset(&g[ng], 0, sizeof g[ng]);
		if (a == 0) {
			g[ng].zero = counts[dmax];
		} else {
			g[ng].pos = counts[dmax + a];
			g[ng].neg = counts[dmax - a];
		}
		npairs += g[ng].pos + g[ng].neg + g[ng].zero;
		ng++;
	}
	wilcoxon_core(g, ng, npairs, zero, out);
}

/* ---- Mann-Whitney U -------------------------------------------------- */

struct mw_group { /* one distinct value */
	long x, y;
};

/* Exact two-sided p of the rank sum of sample a given the tie groups:
 * under H0 each way to choose which na of the N observations are a's is
 * equally likely, prod C(t_j, a_j) ways per split. t[j] observations in
 * group j of doubled mid-rank r2[j]; w2 = a's doubled rank sum. p = P(|W - E W| >= |w - E W|). NAN when out of memory. */
static double
rank_sum_exact(const long *t, const long *r2, size_t ng, long na, long n,
    long w2)
{
	long smax = 0;
	for (size_t j = 0; j < ng; j++)
		smax += r2[j] * (t[j] < na ? t[j] : na);
	size_t width = (size_t)smax + 1, cells = (size_t)(na + 1) * width;
	double *f = calloc(cells, sizeof *f), *nf = calloc(cells, sizeof *nf);
	double *binom = calloc((size_t)na + 1, sizeof *binom);
	double p = NAN;
	if (f == NULL || nf == NULL || binom == NULL)
		goto out;
	f[0] = 1.0; /* f[k * width + s]: ways to pick k with sum s */
	long kmax = 0, stop = 0;
	for (size_t j = 0; j < ng; j++) {
		long amax = t[j] < na ? t[j] : na;
		binom[0] = 1.0; /* C(t_j, a) */
		for (long a = 1; a <= amax; a++)
			binom[a] = binom[a - 1] * (double)(t[j] - a + 1) / (double)a;
		long nk = kmax + amax < na ? kmax + amax : na;
		long ns = stop + amax * r2[j];
		for (long k = 0; k <= nk; k++)
			memset(&nf[(size_t)k * width], 0, ((size_t)ns + 1) * sizeof *nf);
		for (long k = 0; k <= kmax; k++)
			for (long s = 0; s <= stop; s++) {
				double v = f[(size_t)k * width + (size_t)s];
				if (v == 0.0)
					continue;
				for (long a = 0; a <= amax && k + a <= na; a++)
					nf[(size_t)(k + a) * width + (size_t)(s + a * r2[j])] += v * binom[a];
			}
		double *tmp = f;
		f = nf;
		nf = tmp;
		kmax = nk;
		stop = ns;
	}
	long e2 = na * (n + 1); /* E of the doubled rank sum */
	long obs = labs(w2 - e2);
	double all = 0, tail = 0;
	for (long s = 0; s <= stop && kmax == na; s++) {
		double v = f[(size_t)na * width + (size_t)s];
		all += v;
		if (labs(s - e2) >= obs)
			tail += v;
	}
	if (all > 0)
		p = tail / all < 1.0 ? tail / all : 1.0;
out:
	free(f);
	free(nf);
	free(binom);
	return p;
}

/* The exact p of a Mann-Whitney test into out (p, exact), over the smaller
 * sample (the DP is sized by it); left as it is when out of memory. */
static void
mw_exact(const struct mw_group *g, size_t ng, long nx, long ny,
    struct stats_test *out)
{
	bool by_x = nx <= ny;
	long *ga = calloc(ng ? ng : 1, sizeof *ga), *t = calloc(ng ? ng : 1, sizeof *t);
	long *r2 = calloc(ng ? ng : 1, sizeof *r2);
	long rank = 0, w2 = 0;
	size_t k = 0;
	if (ga == NULL || t == NULL || r2 == NULL)
		goto out;
	for (size_t i = 0; i < ng; i++) {
		long tt = g[i].x + g[i].y;
		if (tt == 0)
			continue;
		ga[k] = by_x ? g[i].x : g[i].y;
		t[k] = tt;
		r2[k] = 2 * rank + tt + 1;
		w2 += ga[k] * r2[k];
		rank += tt;
		k++;
	}
	double p = rank_sum_exact(t, r2, k, by_x ? nx : ny, nx + ny, w2);
	if (!isnan(p)) {
		out->p = p;
		out->exact = true;
	}
out:
	free(ga);
	free(t);
	free(r2);
}

static void
mw_core(const struct mw_group *g, size_t ng, struct stats_test *out)
{
	double rx = 0, ties = 0;
	long rank = 0, nx = 0, ny = 0;
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < ng; i++) {
		long t = g[i].x + g[i].y;
		if (t == 0)
			continue;
		double avg = (double)rank + ((double)t + 1.0) / 2.0;
		rx += (double)g[i].x * avg;
		ties += (double)t * t * t - (double)t;
		rank += t;
		nx += g[i].x;
		ny += g[i].y;
	}
	double n1 = (double)nx, n2 = (double)ny, n = n1 + n2;
	out->n = out->n_used = nx + ny;
	out->stat2 = rx - n1 * (n1 + 1) / 2.0; /* U of x */
	out->stat = n1 * n2 - out->stat2;      /* U of y */
	out->mean = n1 * n2 / 2.0;
	out->var = n > 1 ? n1 * n2 / 12.0 * ((n + 1) - ties / (n * (n - 1))) : 0;
	out->z = out->p = out->p_normal = out->r = NAN;
	out->valid = nx > 0 && ny > 0 && out->var > 0;
	if (out->valid) {
		out->z = (out->stat - out->mean) / sqrt(out->var);
		out->p = out->p_normal = erfc(fabs(out->z) / sqrt(2.0));
		out->r = out->z / sqrt(n);
		if (nx + ny <= STATS_EXACT_MAX_MW)
			mw_exact(g, ng, nx, ny, out);
	}
}

struct tagged {
	double v;
	int from_y;
};

static int
cmp_tagged(const void *a, const void *b)
{
	return cmp_double(&((const struct tagged *)a)->v,
	    &((const struct tagged *)b)->v);
}

uf_err
stats_mann_whitney(const double *x, size_t nx, const double *y, size_t ny,
    struct stats_test *out)
{
	uf_err e = UF_ENOMEM;
	size_t n = nx + ny, ng = 0;
	struct tagged *t = malloc((n ? n : 1) * sizeof *t);
	struct mw_group *g = malloc((n ? n : 1) * sizeof *g);

	if (t == NULL || g == NULL)
		goto out;
	for (size_t i = 0; i < nx; i++)
		t[i] = (struct tagged){ x[i], 0 };
	for (size_t i = 0; i < ny; i++)
		t[nx + i] = (struct tagged){ y[i], 1 };
	qsort(t, n, sizeof *t, cmp_tagged);
	for (size_t i = 0; i < n; i++) {
		if (ng == 0 || !same(t[i - 1].v, t[i].v)) {
			g[ng].x = g[ng].y = 0;
			ng++;
		}
		if (t[i].from_y)
			g[ng - 1].y++;
		else
			g[ng - 1].x++;
	}
	mw_core(g, ng, out);
	e = UF_OK;
out:
	free(g);
	free(t);
	return e;
}

void
stats_mann_whitney_counts(const long *cx, const long *cy, size_t k,
    struct stats_test *out)
{
	struct mw_group g[64];
	if (k > 64) {
		memset(out, 0, sizeof *out);
		out->z = out->p = out->p_normal = out->r = NAN;
		return;
	}
	for (size_t i = 0; i < k; i++)
		g[i] = (struct mw_group){ cx[i], cy[i] };
	mw_core(g, k, out);
}

/* ---- multiplicity and rounding ----------------------------------------- */

struct ranked_p {
	double p;
	size_t at;
};

static int
cmp_ranked_p(const void *a, const void *b)
{
	const struct ranked_p *x = a, *y = b;
	if (x->p != y->p)
		return (x->p > y->p) - (x->p < y->p);
	return (x->at > y->at) - (x->at < y->at); /* stable: input order */
}

uf_err
stats_holm(const double *p, size_t n, double *adj)
{
	struct ranked_p *r = malloc((n ? n : 1) * sizeof *r);
	size_t m = 0;
	if (r == NULL)
		return UF_ENOMEM;
	for (size_t i = 0; i < n; i++)
		if (!isnan(p[i]))
			r[m++] = (struct ranked_p){ p[i], i };
	qsort(r, m, sizeof *r, cmp_ranked_p);
	for (size_t i = 0; i < n; i++)
		if (isnan(p[i]))
			adj[i] = NAN;
	double run = 0;
	for (size_t j = 0; j < m; j++) {
		double a = (double)(m - j) * r[j].p;
		if (a > 1.0)
			a = 1.0;
		if (a > run)
			run = a;
		adj[r[j].at] = run;
	}
	free(r);
	return UF_OK;
}

double
stats_round(double v, int dec)
{
	char s[40];
	if (isnan(v) || isinf(v) || dec < 0 || dec > 9)
		return v;
	/* d.dddddddddddddde+XX: the 15 significant digits of |v| */
	int k = snprintf(s, sizeof s, "%.14e", fabs(v));
	if (k < 0 || (size_t)k >= sizeof s)
		return v;
	char *end;
	long exp10 = strtol(s + 17, &end, 10);
	if (end == s + 17)
		return v;
	long keep = exp10 + dec + 1; /* digits at or above 10^-dec */
	if (keep >= 15)
		return v; /* nothing below the 15th digit */
	if (keep < 0)
		return 0.0;
	long long mant = 0;
	for (long i = 0, d = 0; d < keep; i++) {
		if (s[i] == '.')
			continue;
		mant = mant * 10 + (s[i] - '0');
		d++;
	}
	int next = keep == 0 ? s[0] - '0' : s[keep + 1] - '0'; /* skip '.' */
	if (next >= 5)
		mant++;
	/* one correctly rounded division: the double nearest mant / 10^dec,
	 * which %.*f prints as exactly those digits */
	double p10 = 1.0;
	for (int i = 0; i < dec; i++)
		p10 *= 10.0;
	double r = (double)mant / p10;
	return v < 0 ? -r : r;
}

long
stats_pct_round(long part, long whole)
{
	/* floor((200 part + whole) / (2 whole)) = round half up of 100 part/whole */
	return (200 * part + whole) / (2 * whole);
}
