/* SPDX-License-Identifier: ISC
 * Cohen's kappa and percent agreement from a 2x2 table, and the segment
 * overlap rule that fills the table (qual_kappa.h). Pure arithmetic.
 */
#include "qual_kappa.h"

void
kappa_compute(const struct kappa_counts *c, struct kappa_result *out)
{
	double n, po, pa, pb, pe;

	*out = (struct kappa_result){ 0 };
	out->n = c->both + c->only_a + c->only_b + c->neither;
	if (out->n <= 0)
		return;
	n = (double)out->n;
	po = (double)(c->both + c->neither) / n;
	out->agreement_defined = true;
	out->agreement = po;
	pa = (double)(c->both + c->only_a) / n;
	pb = (double)(c->both + c->only_b) / n;
	pe = pa * pb + (1.0 - pa) * (1.0 - pb);
	/* pe is 1 exactly when both coders were constant and equal (pa = pb
	 * = 0 or 1); those are exact in binary, so the test is exact too. */
	if (pe >= 1.0)
		return;
	out->kappa_defined = true;
	out->kappa = (po - pe) / (1.0 - pe);
}

bool
kappa_marked(const struct kappa_span *seg, const struct kappa_span *units,
    size_t nunits)
{
	size_t i;

	for (i = 0; i < nunits; i++)
		if (units[i].start < seg->end && units[i].end > seg->start)
			return true;
	return false;
}

void
kappa_count(struct kappa_counts *c, bool a, bool b)
{
	if (a && b)
		c->both++;
	else if (a)
		c->only_a++;
	else if (b)
		c->only_b++;
	else
		c->neither++;
}
