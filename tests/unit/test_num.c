/* SPDX-License-Identifier: ISC
 * Unit tests for lib/num.c, the one strict integer parser: what it takes,
 * every kind of text it refuses (each would pass strtol or an earlier
 * wrapper), the edges of long long, and the canonical form.
 */
#include <check.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "check_run.h"

#define LL(s, lo, hi, out) num_ll((s), strlen(s), (lo), (hi), (out))

START_TEST(test_accepts)
{
	long long v = 0;
	long l = 0;

	ck_assert(LL("0", 0, 10, &v));
	ck_assert_int_eq(v, 0);
	ck_assert(LL("120", 1, 120, &v));
	ck_assert_int_eq(v, 120);
	ck_assert(LL("007", 0, 10, &v)); /* leading zeros: people type them */
	ck_assert_int_eq(v, 7);
	ck_assert(LL("-5", -10, 10, &v));
	ck_assert_int_eq(v, -5);
	ck_assert(LL("9223372036854775807", LLONG_MIN, LLONG_MAX, &v));
	ck_assert(v == LLONG_MAX);
	ck_assert(LL("-9223372036854775808", LLONG_MIN, LLONG_MAX, &v));
	ck_assert(v == LLONG_MIN);
	ck_assert(num_ll("12abc", 2, 0, 99, &v)); /* only len bytes count */
	ck_assert_int_eq(v, 12);
	ck_assert(num_long("86400", 1, 86400, &l));
	ck_assert_int_eq(l, 86400);
}
END_TEST

/* Each of these is refused, and the output is left as it was. */
static const struct {
	const char *s;
	long long lo, hi;
	const char *why;
} refused[] = {
	{ "", 0, 10, "empty" },
	{ " 5", 0, 10, "leading blank (strtol skips it)" },
	{ "5 ", 0, 10, "trailing blank" },
	{ "\t5", 0, 10, "leading tab" },
	{ "+5", 0, 10, "plus sign (strtol takes it)" },
	{ "-5", 0, 10, "minus where the range has no negatives" },
	{ "-0", 0, 10, "minus where the range has no negatives, even zero" },
	{ "-", -10, 10, "sign alone" },
	{ "--5", -10, 10, "two signs" },
	{ "5x", 0, 10, "trailing garbage" },
	{ "0x10", 0, 100, "hexadecimal" },
	{ "1e3", 0, 10000, "exponent" },
	{ "1.0", 0, 10, "decimal point" },
	{ "1,0", 0, 10, "decimal comma" },
	{ "11", 0, 10, "above max" },
	{ "0", 1, 10, "below min" },
	{ "-11", -10, 10, "below a negative min" },
	{ "9223372036854775808", 0, LLONG_MAX, "one above LLONG_MAX (overflow)" },
	{ "-9223372036854775809", LLONG_MIN, 0, "one below LLONG_MIN" },
	{ "99999999999999999999", 0, LLONG_MAX, "20 digits" },
	{ "00000000000000000001", 0, 10, "20 digits, even as leading zeros" },
	{ "5", 10, 0, "a range with min > max" },
};

START_TEST(test_refuses)
{
	long long v = 42;

	ck_assert_msg(!LL(refused[_i].s, refused[_i].lo, refused[_i].hi, &v),
	    "took \"%s\" (%s)", refused[_i].s, refused[_i].why);
	ck_assert_int_eq(v, 42);
}
END_TEST

START_TEST(test_refuses_odd_input)
{
	long long v = 42;
	long l = 42;

	ck_assert(!num_ll(NULL, 1, 0, 10, &v));
	ck_assert(!num_ll("5", 0, 0, 10, &v)); /* zero length */
	ck_assert(!num_ll("5\0"
	                  "5",
	    3, 0, 100, &v)); /* embedded NUL */
	ck_assert(!num_long(NULL, 0, 10, &l));
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(l, 42);
}
END_TEST

START_TEST(test_canonical)
{
	long l = 42;

	ck_assert(num_long_canonical("0", 0, 10, &l));
	ck_assert_int_eq(l, 0);
	ck_assert(num_long_canonical("-12", -20, 20, &l));
	ck_assert_int_eq(l, -12);
	ck_assert(num_long_canonical("4", 0, 10, &l));
	l = 42;
	ck_assert(!num_long_canonical("04", 0, 10, &l)); /* "04" and "4" */
	ck_assert(!num_long_canonical("00", 0, 10, &l));
	ck_assert(!num_long_canonical("-0", -10, 10, &l));
	ck_assert(!num_long_canonical("-04", -10, 10, &l));
	ck_assert(!num_long_canonical("+4", 0, 10, &l));
	ck_assert(!num_long_canonical(" 4", 0, 10, &l));
	ck_assert(!num_long_canonical("", 0, 10, &l));
	ck_assert(!num_long_canonical(NULL, 0, 10, &l));
	ck_assert(!num_long_canonical("11", 0, 10, &l)); /* range still holds */
	ck_assert_int_eq(l, 42);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("num");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_accepts);
	tcase_add_loop_test(tc, test_refuses, 0, (int)(sizeof(refused) / sizeof(refused[0])));
	tcase_add_test(tc, test_refuses_odd_input);
	tcase_add_test(tc, test_canonical);
	suite_add_tcase(s, tc);
	return check_run(s);
}
