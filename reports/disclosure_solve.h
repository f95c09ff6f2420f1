/* SPDX-License-Identifier: ISC
 * The registry of published counts and the complementary-suppression
 * solver: counts (variables) linked by exact linear relations (parts summing
 * to a total), some hidden by a primary rule; the solver hides more until no
 * hidden count equals a linear combination of the shown ones. Pure; knows
 * nothing of reports.
 */
#ifndef UF_REPORT_DISCLOSURE_SOLVE_H
#define UF_REPORT_DISCLOSURE_SOLVE_H
#include <stdbool.h>
#include <stddef.h>
#include "err.h"

#define DISC_MAX_VARS  200000
#define DISC_MAX_TERMS 1000000

enum disc_state {
	DISC_SHOWN,
	DISC_PRIMARY,    /* hidden by a threshold rule */
	DISC_COMPLEMENT, /* hidden so that a primary one stays unknown */
	DISC_STATE__MAX
};

struct disc_var {
	long value;
	enum disc_state state;
	bool locked; /* printed in any case (a heading's n): never a complement */
	long lo, hi; /* what a reader knows of it when hidden (default 0..) */
};

struct disc_reg {
	struct disc_var *v;
	size_t nv, capv;
	size_t *rel_first, *rel_len; /* relation k: terms [first, first + len) */
	size_t nrel, caprel;
	size_t *term_var;
	int *term_coef;
	size_t nterms, capterms;
};

/* NULL when out of memory. */
struct disc_reg *disc_reg_new(void);
void disc_reg_free(struct disc_reg *r); /* NULL-safe */

/* A published count; *out gets its index. UF_ELIMIT past DISC_MAX_VARS. */
uf_err disc_add(struct disc_reg *r, long value, bool primary, bool locked,
    size_t *out);
/* What the report tells of a count when it is hidden, e.g. 1..2 for a
 * small count printed as "1–2". UF_EINTERNAL for an unknown variable. */
uf_err disc_bound(struct disc_reg *r, size_t var, long lo, long hi);
/* The relation sum(coef[k] * x[vars[k]]) = 0, e.g. parts +1, total -1.
 * UF_EINTERNAL for an unknown variable, UF_ELIMIT past DISC_MAX_TERMS. */
uf_err disc_relate(struct disc_reg *r, const size_t *vars, const int *coef,
    size_t n);

/* Hide complements until no primary (small) count is determined by the
 * shown ones and the relations, neither exactly (linear algebra) nor by
 * the bounds each relation puts on it; complements themselves may be. A complement is the smallest non-zero unlocked shown
 * count of a relation holding a determined one (zeros only when nothing
 * else is left, since a hidden zero next to a hidden small count narrows
 * it down). UF_ELIMIT when a determined count cannot be protected
 * (every other count it is related to is locked); UF_ENOMEM. */
uf_err disc_solve(struct disc_reg *r);

bool disc_hidden(const struct disc_reg *r, size_t var);
/* Whether hidden count var equals a linear combination of shown counts
 * (for tests; after disc_solve it is false for every primary count). */
uf_err disc_determined(const struct disc_reg *r, size_t var, bool *out);

#endif
