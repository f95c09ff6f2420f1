/* SPDX-License-Identifier: ISC
 * Strict decimal integers (num.h). Digits are accumulated by hand with an
 * overflow check instead of strtol, which skips blanks, takes '+' and
 * reports overflow only through errno.
 */
#include <limits.h>
#include <string.h>

#include "num.h"

bool
num_ll(const char *s, size_t len, long long min, long long max, long long *out)
{
	unsigned long long mag = 0, lim;
	bool neg = false;
	size_t i = 0, digits;
	long long v;

	if (s == NULL || len == 0 || min > max)
		return false;
	if (s[0] == '-') {
		if (min >= 0)
			return false;
		neg = true;
		i = 1;
	}
	digits = len - i;
	if (digits == 0 || digits > NUM_DIGITS_MAX)
		return false;
	/* The magnitude may reach LLONG_MAX, or one more for LLONG_MIN. */
	lim = neg ? (unsigned long long)LLONG_MAX + 1u : (unsigned long long)LLONG_MAX;
	for (; i < len; i++) {
		unsigned d;

		if (s[i] < '0' || s[i] > '9')
			return false;
		d = (unsigned)(s[i] - '0');
		if (mag > (lim - d) / 10)
			return false;
		mag = mag * 10 + d;
	}
	if (neg)
		v = mag == (unsigned long long)LLONG_MAX + 1u ? LLONG_MIN : -(long long)mag;
	else
		v = (long long)mag;
	if (v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool
num_long(const char *s, long min, long max, long *out)
{
	long long v;

	if (s == NULL || !num_ll(s, strlen(s), min, max, &v))
		return false;
	*out = (long)v;
	return true;
}

bool
num_long_canonical(const char *s, long min, long max, long *out)
{
	const char *d;

	if (s == NULL)
		return false;
	d = s[0] == '-' ? s + 1 : s;
	/* "0" is the only text that starts with 0; "-0" is 0 written twice. */
	if (d[0] == '0' && (d[1] != '\0' || d != s))
		return false;
	return num_long(s, min, max, out);
}
