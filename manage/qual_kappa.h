/* SPDX-License-Identifier: ISC
 * Agreement between two coders, per category, at the segment level: the
 * 2x2 counts of segments (both, only A, only B, neither assigned the
 * category), Cohen's kappa and percent agreement. Pure arithmetic: no
 * database, no allocation. HACKING.md ("Double coding") defines segments.
 */
#ifndef UF_MANAGE_QUAL_KAPPA_H
#define UF_MANAGE_QUAL_KAPPA_H
#include <stdbool.h>
#include <stddef.h>

/* How many segments each pair of decisions got. */
struct kappa_counts {
	long long both; /* A and B assigned the category */
	long long only_a;
	long long only_b;
	long long neither;
};

struct kappa_result {
	long long n;            /* segments */
	bool agreement_defined; /* n > 0 */
	double agreement;       /* share of segments where A and B agree, 0..1 */
	/* Cohen's kappa is undefined when the chance agreement is 1: no
	 * segments, or both coders made the same decision on every segment
	 * (nobody used the category, or both used it everywhere). Show "ej
	 * definierad" then, never a number. */
	bool kappa_defined;
	double kappa; /* -1..1 when defined, else 0 */
};

/* kappa = (po - pe) / (1 - pe), po = (both + neither) / n,
 * pe = pA pB + (1 - pA)(1 - pB), pA = (both + only_a) / n. */
void kappa_compute(const struct kappa_counts *c, struct kappa_result *out);

/* A half-open character range [start, end). */
struct kappa_span {
	long start;
	long end;
};

/* Whether a coder's meaning units marked a segment: any unit overlapping
 * it by at least one character counts. units need not be sorted. */
bool kappa_marked(const struct kappa_span *seg, const struct kappa_span *units,
    size_t nunits);

/* Add one segment's decisions to c. */
void kappa_count(struct kappa_counts *c, bool a, bool b);

#endif
