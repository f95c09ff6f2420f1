/* SPDX-License-Identifier: ISC
 * The category rule for one distribution, how a protected count is
 * printed ("1–2", "18–19", "–") and when a test's statistics may be
 * printed beside it. Pure functions, kept apart from the plan
 * (disclosure.c) so that unit tests need no model.
 */
#include <stdio.h>

#include "disclosure.h"

bool
disclosure_counts_ok(const long *v, size_t nv, long n, long min_category)
{
	for (size_t k = 0; k < nv; k++) {
		if (v[k] > 0 && v[k] < min_category)
			return false;
		if (n > 0 && n < DISC_DOMINANCE_GROUP && v[k] * 10 >= 9 * n)
			return false;
	}
	return true;
}

void
disclosure_cell_text(enum disc_cell c, long value, long n, long min_category,
    char *out, size_t len)
{
	int k = -1;
	switch (c) {
	case DISC_CELL_SHOWN:
		k = snprintf(out, len, "%ld", value);
		break;
	case DISC_CELL_FEW:
		k = min_category > 2 ? snprintf(out, len, "1–%ld", min_category - 1) :
		                       snprintf(out, len, "≤ %ld", min_category - 1);
		break;
	case DISC_CELL_NEARLY_ALL:
		k = snprintf(out, len, "%ld–%ld", n - min_category + 1, n - 1);
		break;
	case DISC_CELL_HIDDEN:
	case DISC_CELL__MAX:
		k = snprintf(out, len, "–");
		break;
	}
	if ((k < 0 || (size_t)k >= len) && len > 0)
		out[0] = '\0';
}

bool
disclosure_test_shown(bool means_shown, const long *sign)
{
	long n = 0;

	if (!means_shown)
		return false;
	if (sign == NULL)
		return true;
	for (int k = 0; k < DISC_DIRECTIONS; k++)
		n += sign[k];
	if (n >= DISC_DOMINANCE_GROUP)
		return true;
	for (int k = 0; k < DISC_DIRECTIONS; k++)
		if (sign[k] * 10 >= 9 * n)
			return false;
	return true;
}
