/* SPDX-License-Identifier: ISC
 * Complementary suppression by exact linear algebra. Counts linked by
 * relations fall into components; in each, the relations restricted to the
 * hidden counts are brought to reduced row echelon form over the integers
 * (rows kept divided by their gcd). A hidden count is determined exactly
 * when some reduced row is its unit vector: the shown counts then give its
 * value. The solver hides one more related count and tries again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "disclosure_solve.h"

#define BIG (1L << 40) /* "no bound"; sums of counts stay far below */

struct disc_reg *
disc_reg_new(void)
{
	return calloc(1, sizeof(struct disc_reg));
}

void
disc_reg_free(struct disc_reg *r)
{
	if (r == NULL)
		return;
	free(r->v);
	free(r->rel_first);
	free(r->rel_len);
	free(r->term_var);
	free(r->term_coef);
	free(r);
}

static bool
grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return true;
	size_t nc = *cap ? *cap : 64;
	while (nc < need)
		nc *= 2;
	void *q = realloc(*p, nc * size);
	if (q == NULL)
		return false;
	*p = q;
	*cap = nc;
	return true;
}

uf_err
disc_add(struct disc_reg *r, long value, bool primary, bool locked, size_t *out)
{
	if (r->nv >= DISC_MAX_VARS)
		return UF_ELIMIT;
	if (!grow((void **)&r->v, &r->capv, r->nv + 1, sizeof *r->v))
		return UF_ENOMEM;
	r->v[r->nv] = (struct disc_var){ value, primary ? DISC_PRIMARY : DISC_SHOWN,
		locked, 0, BIG };
	*out = r->nv++;
	return UF_OK;
}

uf_err
disc_relate(struct disc_reg *r, const size_t *vars, const int *coef, size_t n)
{
	size_t cap1 = r->caprel, cap2 = r->caprel;
	size_t capt1 = r->capterms, capt2 = r->capterms;

	for (size_t k = 0; k < n; k++)
		if (vars[k] >= r->nv || coef[k] == 0)
			return UF_EINTERNAL;
	if (r->nterms + n > DISC_MAX_TERMS)
		return UF_ELIMIT;
	if (!grow((void **)&r->rel_first, &cap1, r->nrel + 1, sizeof(size_t)) ||
	    !grow((void **)&r->rel_len, &cap2, r->nrel + 1, sizeof(size_t)))
		return UF_ENOMEM;
	r->caprel = cap1 < cap2 ? cap1 : cap2;
	if (!grow((void **)&r->term_var, &capt1, r->nterms + n, sizeof(size_t)) ||
	    !grow((void **)&r->term_coef, &capt2, r->nterms + n, sizeof(int)))
		return UF_ENOMEM;
	r->capterms = capt1 < capt2 ? capt1 : capt2;
	r->rel_first[r->nrel] = r->nterms;
	r->rel_len[r->nrel] = n;
	for (size_t k = 0; k < n; k++) {
		r->term_var[r->nterms] = vars[k];
		r->term_coef[r->nterms] = coef[k];
		r->nterms++;
	}
	r->nrel++;
	return UF_OK;
}

uf_err
disc_bound(struct disc_reg *r, size_t var, long lo, long hi)
{
	if (var >= r->nv || lo > hi)
		return UF_EINTERNAL;
	r->v[var].lo = lo;
	r->v[var].hi = hi;
	return UF_OK;
}

bool
disc_hidden(const struct disc_reg *r, size_t var)
{
	return var < r->nv && r->v[var].state != DISC_SHOWN;
}

/* ---- components ----------------------------------------------------------- */

static size_t
find(size_t *parent, size_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

/* ---- integer row reduction -------------------------------------------------- */

static long long
gcd_ll(long long a, long long b)
{
	if (a < 0)
		a = -a;
	if (b < 0)
		b = -b;
	while (b != 0) {
		long long t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* row_i = row_i * p - row_r * q, then divided by its gcd. false on overflow. */
static bool
eliminate(long long *ri, const long long *rr, long long p, long long q, size_t n)
{
	long long g = 0;
	for (size_t k = 0; k < n; k++) {
		long long a, b;
		if (__builtin_mul_overflow(ri[k], p, &a) ||
		    __builtin_mul_overflow(rr[k], q, &b) ||
		    __builtin_sub_overflow(a, b, &ri[k]))
			return false;
		g = gcd_ll(g, ri[k]);
	}
	if (g > 1)
		for (size_t k = 0; k < n; k++)
			ri[k] /= g;
	return true;
}

/* The hidden counts of one component that the relations determine:
 * det[h] for h < nh (columns as in hid[]). UF_ENOMEM, UF_ELIMIT on overflow. */
static uf_err
determined_in(const struct disc_reg *r, const size_t *rels, size_t nrels,
    const size_t *col_of, size_t nh, bool *det)
{
	long long *a = NULL;
	uf_err e = UF_ENOMEM;
	size_t rows = 0;

	memset(det, 0, nh * sizeof *det);
	if (nh == 0 || nrels == 0)
		return UF_OK;
	a = calloc(nrels * nh, sizeof *a);
	if (a == NULL)
		goto out;
	for (size_t k = 0; k < nrels; k++) {
		size_t rel = rels[k];
		long long *row = a + rows * nh;
		bool any = false;
		for (size_t t = r->rel_first[rel]; t < r->rel_first[rel] + r->rel_len[rel]; t++) {
			size_t v = r->term_var[t];
			if (r->v[v].state == DISC_SHOWN)
				continue; /* a known value: moves to the right side */
			row[col_of[v]] += r->term_coef[t];
			any = true;
		}
		if (any)
			rows++;
	}
	e = UF_ELIMIT;
	size_t rank = 0;
	for (size_t c = 0; c < nh && rank < rows; c++) {
		size_t piv = rows;
		for (size_t i = rank; i < rows; i++)
			if (a[i * nh + c] != 0 && (piv == rows || llabs(a[i * nh + c]) < llabs(a[piv * nh + c])))
				piv = i;
		if (piv == rows)
			continue;
		if (piv != rank)
			for (size_t k = 0; k < nh; k++) {
				long long t = a[piv * nh + k];
				a[piv * nh + k] = a[rank * nh + k];
				a[rank * nh + k] = t;
			}
		long long p = a[rank * nh + c];
		for (size_t i = 0; i < rows; i++) {
			long long q = a[i * nh + c];
			if (i == rank || q == 0)
				continue;
			if (!eliminate(a + i * nh, a + rank * nh, p, q, nh))
				goto out;
		}
		rank++;
	}
	/* a reduced row with a single non-zero entry pins that count */
	for (size_t i = 0; i < rank; i++) {
		size_t nz = 0, at = 0;
		for (size_t k = 0; k < nh; k++)
			if (a[i * nh + k] != 0) {
				nz++;
				at = k;
			}
		if (nz == 1)
			det[at] = true;
	}
	e = UF_OK;
out:
	free(a);
	return e;
}

struct comp;
static size_t hidden_columns(const struct disc_reg *r, const struct comp *c,
    size_t *col_of);

/* Everything about one component the solver needs. */
struct comp {
	size_t *vars, nvars;
	size_t *rels, nrels;
};

/* Scratch arrays indexed by variable. */
struct work {
	size_t *col_of; /* column of a hidden count */
	bool *det;      /* by column: the count is pinned */
	long *lo, *hi;  /* what a reader can bound each count to */
};

/* Floor and ceiling of a / b for b != 0. */
static long
div_floor(long a, long b)
{
	long q = a / b;
	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static long
div_ceil(long a, long b)
{
	long q = a / b;
	return (a % b != 0 && ((a < 0) == (b < 0))) ? q + 1 : q;
}

/* Tighten the bounds of the hidden counts through the relations (each
 * relation bounds one term by the others' bounds) until nothing changes:
 * a reader who knows a hidden small count lies in 1..2 and a hidden
 * complement is at least 0 can narrow counts down this way. */
static void
propagate(const struct disc_reg *r, const struct comp *c, struct work *wk)
{
	for (size_t k = 0; k < c->nvars; k++) {
		size_t v = c->vars[k];
		bool shown = r->v[v].state == DISC_SHOWN;
		wk->lo[v] = shown ? r->v[v].value : r->v[v].lo;
		wk->hi[v] = shown ? r->v[v].value : r->v[v].hi;
	}
	bool changed = true;
	for (int round = 0; changed && round < 64; round++) {
		changed = false;
		for (size_t q = 0; q < c->nrels; q++) {
			size_t rel = c->rels[q], f = r->rel_first[rel], n = r->rel_len[rel];
			/* the terms' sum: finite parts and how many terms are unbounded */
			long smin = 0, smax = 0;
			int nmin = 0, nmax = 0;
			for (size_t t = f; t < f + n; t++) {
				long a = r->term_coef[t];
				size_t v = r->term_var[t];
				bool open = wk->hi[v] >= BIG;
				if (a > 0) {
					smin += a * wk->lo[v];
					if (open)
						nmax++;
					else
						smax += a * wk->hi[v];
				} else {
					smax += a * wk->lo[v];
					if (open)
						nmin++;
					else
						smin += a * wk->hi[v];
				}
			}
			for (size_t t = f; t < f + n; t++) {
				long a = r->term_coef[t];
				size_t v = r->term_var[t];
				if (r->v[v].state == DISC_SHOWN)
					continue;
				bool open = wk->hi[v] >= BIG;
				/* the other terms sum to [omin, omax]; a * x = -(that) */
				long omin = smin, omax = smax;
				int kmin = nmin, kmax = nmax;
				if (a > 0) {
					omin -= a * wk->lo[v];
					if (open)
						kmax--;
					else
						omax -= a * wk->hi[v];
				} else {
					omax -= a * wk->lo[v];
					if (open)
						kmin--;
					else
						omin -= a * wk->hi[v];
				}
				bool fmin = kmin == 0, fmax = kmax == 0;
				if (a > 0 ? fmax : fmin) {
					long nlo = a > 0 ? div_ceil(-omax, a) : div_ceil(-omin, a);
					if (nlo > wk->lo[v]) {
						wk->lo[v] = nlo;
						changed = true;
					}
				}
				if (a > 0 ? fmin : fmax) {
					long nhi = a > 0 ? div_floor(-omin, a) : div_floor(-omax, a);
					if (nhi < wk->hi[v]) {
						wk->hi[v] = nhi;
						changed = true;
					}
				}
			}
		}
	}
}

/* Which hidden counts of c a reader can work out, by linear algebra or by
 * bounds: wk->det by column. */
static uf_err
pinned(const struct disc_reg *r, const struct comp *c, struct work *wk)
{
	size_t nh = hidden_columns(r, c, wk->col_of);
	uf_err e = determined_in(r, c->rels, c->nrels, wk->col_of, nh, wk->det);
	if (e != UF_OK)
		return e;
	propagate(r, c, wk);
	for (size_t k = 0; k < c->nvars; k++) {
		size_t v = c->vars[k];
		if (r->v[v].state != DISC_SHOWN && wk->lo[v] >= wk->hi[v])
			wk->det[wk->col_of[v]] = true;
	}
	return UF_OK;
}

/* Complements are tried cheapest first: the smallest non-zero count, zeros
 * last (a hidden zero next to a hidden small count narrows it down). */
static bool
cheaper(const struct disc_reg *r, size_t a, size_t b)
{
	long x = r->v[a].value, y = r->v[b].value;
	if ((x == 0) != (y == 0))
		return y == 0;
	return x < y;
}

/* Columns of the hidden counts of c; their number. */
static size_t
hidden_columns(const struct disc_reg *r, const struct comp *c, size_t *col_of)
{
	size_t nh = 0;
	for (size_t k = 0; k < c->nvars; k++)
		if (r->v[c->vars[k]].state != DISC_SHOWN)
			col_of[c->vars[k]] = nh++;
	return nh;
}

/* Hide one more count so that determined primary count s is not: the
 * cheapest that does it alone, else the cheapest one at all (the next
 * round goes on from there). UF_ELIMIT when nothing is left to hide. */
static uf_err
add_complement(struct disc_reg *r, const struct comp *c, size_t s,
    struct work *wk)
{
	size_t cheapest = (size_t)-1, best = (size_t)-1;
	uf_err e = UF_OK;

	for (size_t k = 0; k < c->nvars; k++) {
		size_t v = c->vars[k];
		if (r->v[v].state != DISC_SHOWN || r->v[v].locked)
			continue;
		if (cheapest == (size_t)-1 || cheaper(r, v, cheapest))
			cheapest = v;
		if (best != (size_t)-1 && !cheaper(r, v, best))
			continue;
		r->v[v].state = DISC_COMPLEMENT;
		e = pinned(r, c, wk);
		r->v[v].state = DISC_SHOWN;
		if (e != UF_OK)
			return e;
		if (!wk->det[wk->col_of[s]])
			best = v;
	}
	if (best == (size_t)-1)
		best = cheapest;
	if (best == (size_t)-1)
		return UF_ELIMIT;
	r->v[best].state = DISC_COMPLEMENT;
	return UF_OK;
}

static uf_err
solve_comp(struct disc_reg *r, const struct comp *c, struct work *wk)
{
	uf_err e = UF_OK;
	for (;;) {
		size_t s = (size_t)-1;
		if ((e = pinned(r, c, wk)) != UF_OK)
			break;
		/* only the small counts need protecting: a complement may be
		 * worked out, as long as the small one it shields cannot */
		for (size_t k = 0; k < c->nvars && s == (size_t)-1; k++) {
			size_t v = c->vars[k];
			if (r->v[v].state == DISC_PRIMARY && wk->det[wk->col_of[v]])
				s = v;
		}
		if (s == (size_t)-1)
			break;
		if ((e = add_complement(r, c, s, wk)) != UF_OK)
			break;
	}
	return e;
}

/* Group variables and relations by component; calls fn for each component
 * holding a hidden count (or the one holding `only` when only < nv). */
static uf_err
each_component(struct disc_reg *r, size_t only,
    uf_err (*fn)(struct disc_reg *, const struct comp *, struct work *, void *),
    void *arg)
{
	size_t nv = r->nv;
	size_t *parent = NULL, *col_of = NULL, *vstart = NULL, *vlist = NULL,
	       *rstart = NULL, *rlist = NULL, *fill = NULL;
	bool *det = NULL;
	long *lo = NULL, *hi = NULL;
	uf_err e = UF_ENOMEM;

	if (nv == 0)
		return UF_OK;
	parent = malloc(nv * sizeof *parent);
	col_of = malloc(nv * sizeof *col_of);
	vstart = calloc(nv + 1, sizeof *vstart);
	vlist = malloc(nv * sizeof *vlist);
	rstart = calloc(nv + 1, sizeof *rstart);
	rlist = malloc((r->nrel + 1) * sizeof *rlist);
	fill = malloc((nv + 1) * sizeof *fill);
	det = malloc(nv * sizeof *det);
	lo = malloc(nv * sizeof *lo);
	hi = malloc(nv * sizeof *hi);
	if (!parent || !col_of || !vstart || !vlist || !rstart || !rlist || !fill ||
	    !det || !lo || !hi)
		goto out;
	struct work wk = { col_of, det, lo, hi };
	for (size_t v = 0; v < nv; v++)
		parent[v] = v;
	for (size_t k = 0; k < r->nrel; k++) {
		size_t f = r->rel_first[k];
		for (size_t t = f + 1; t < f + r->rel_len[k]; t++) {
			size_t a = find(parent, r->term_var[f]), b = find(parent, r->term_var[t]);
			if (a != b)
				parent[a < b ? b : a] = a < b ? a : b;
		}
	}
	/* bucket variables and relations by their root (counting sort) */
	for (size_t v = 0; v < nv; v++)
		vstart[find(parent, v) + 1]++;
	for (size_t k = 0; k < r->nrel; k++)
		if (r->rel_len[k] > 0)
			rstart[find(parent, r->term_var[r->rel_first[k]]) + 1]++;
	for (size_t v = 0; v < nv; v++) {
		vstart[v + 1] += vstart[v];
		rstart[v + 1] += rstart[v];
	}
	memcpy(fill, vstart, (nv + 1) * sizeof *fill);
	for (size_t v = 0; v < nv; v++)
		vlist[fill[find(parent, v)]++] = v;
	memcpy(fill, rstart, (nv + 1) * sizeof *fill);
	for (size_t k = 0; k < r->nrel; k++)
		if (r->rel_len[k] > 0)
			rlist[fill[find(parent, r->term_var[r->rel_first[k]])]++] = k;
	e = UF_OK;
	for (size_t root = 0; root < nv && e == UF_OK; root++) {
		if (vstart[root + 1] == vstart[root] || rstart[root + 1] == rstart[root])
			continue;
		if (only < nv && find(parent, only) != root)
			continue;
		struct comp c = {
			vlist + vstart[root],
			vstart[root + 1] - vstart[root],
			rlist + rstart[root],
			rstart[root + 1] - rstart[root],
		};
		bool hidden = false;
		for (size_t k = 0; k < c.nvars; k++)
			hidden |= r->v[c.vars[k]].state != DISC_SHOWN;
		if (hidden)
			e = fn(r, &c, &wk, arg);
	}
out:
	free(parent);
	free(col_of);
	free(vstart);
	free(vlist);
	free(rstart);
	free(rlist);
	free(fill);
	free(det);
	free(lo);
	free(hi);
	return e;
}

static uf_err
solve_fn(struct disc_reg *r, const struct comp *c, struct work *wk, void *arg)
{
	(void)arg;
	return solve_comp(r, c, wk);
}

uf_err
disc_solve(struct disc_reg *r)
{
	return each_component(r, (size_t)-1, solve_fn, NULL);
}

struct det_arg {
	size_t var;
	bool *out;
};

static uf_err
det_fn(struct disc_reg *r, const struct comp *c, struct work *wk, void *arg)
{
	struct det_arg *a = arg;
	uf_err e = pinned(r, c, wk);
	if (e == UF_OK)
		*a->out = wk->det[wk->col_of[a->var]];
	return e;
}

uf_err
disc_determined(const struct disc_reg *r, size_t var, bool *out)
{
	struct det_arg a = { var, out };
	*out = false;
	if (var >= r->nv)
		return UF_EINTERNAL;
	if (r->v[var].state == DISC_SHOWN)
		return UF_OK;
	/* each_component only reads r when fn does not write */
	return each_component((struct disc_reg *)r, var, det_fn, &a);
}
