/* SPDX-License-Identifier: ISC
 * Unit tests for lib/arena.c: alignment, zeroing, the hard limit, reset and
 * the string helpers.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check_run.h"

START_TEST(test_alloc_aligned_zeroed_distinct)
{
	struct arena *a = arena_new(0);
	unsigned char *p[300];
	size_t i, j, n;

	ck_assert_ptr_nonnull(a);
	/* Odd sizes across several blocks; fill each with its own byte. */
	for (i = 0; i < 300; i++) {
		n = 1 + (i * 37) % 1000;
		p[i] = arena_alloc(a, n);
		ck_assert_ptr_nonnull(p[i]);
		ck_assert_uint_eq((uintptr_t)p[i] % 16, 0);
		for (j = 0; j < n; j++)
			ck_assert_uint_eq(p[i][j], 0);
		memset(p[i], (int)(i & 0xff), n);
	}
	for (i = 0; i < 300; i++) {
		n = 1 + (i * 37) % 1000;
		for (j = 0; j < n; j++)
			ck_assert_uint_eq(p[i][j], i & 0xff);
	}
	arena_free(a);
}
END_TEST

START_TEST(test_alloc_zero_size)
{
	struct arena *a = arena_new(0);
	void *p, *q;

	p = arena_alloc(a, 0);
	q = arena_alloc(a, 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(q);
	ck_assert_ptr_ne(p, q);
	arena_free(a);
}
END_TEST

START_TEST(test_large_allocation)
{
	struct arena *a = arena_new(0);
	unsigned char *p = arena_alloc(a, 3 * 1024 * 1024);

	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p[3 * 1024 * 1024 - 1], 0);
	p[3 * 1024 * 1024 - 1] = 1;
	ck_assert_uint_ge(arena_used(a), 3 * 1024 * 1024);
	arena_free(a);
}
END_TEST

START_TEST(test_limit)
{
	struct arena *a = arena_new(1000);
	size_t got = 0;
	void *p;

	while ((p = arena_alloc(a, 100)) != NULL)
		got++;
	/* 100 rounds to 112: eight fit in 1000, the ninth would pass it. */
	ck_assert_uint_eq(got, 8);
	ck_assert_uint_le(arena_used(a), 1000);
	/* Smaller requests that still fit are served after a refusal. */
	ck_assert_ptr_nonnull(arena_alloc(a, 10));
	ck_assert_ptr_null(arena_alloc(a, 1000));
	ck_assert_ptr_null(arena_alloc(a, SIZE_MAX));
	ck_assert_ptr_null(arena_alloc(a, SIZE_MAX - 8));
	arena_free(a);
}
END_TEST

START_TEST(test_limit_exact)
{
	struct arena *a = arena_new(64);

	ck_assert_ptr_nonnull(arena_alloc(a, 64));
	ck_assert_ptr_null(arena_alloc(a, 1));
	ck_assert_uint_eq(arena_used(a), 64);
	arena_free(a);
}
END_TEST

START_TEST(test_reset)
{
	struct arena *a = arena_new(100000);
	unsigned char *p;
	int i;

	for (i = 0; i < 50; i++) {
		p = arena_alloc(a, 1500);
		ck_assert_ptr_nonnull(p);
		memset(p, 0xab, 1500);
	}
	ck_assert_uint_eq(arena_used(a), 50 * 1504);
	/* Over the limit now; reset must give the whole budget back. */
	ck_assert_ptr_null(arena_alloc(a, 30000));
	arena_reset(a);
	ck_assert_uint_eq(arena_used(a), 0);
	p = arena_alloc(a, 1500);
	ck_assert_ptr_nonnull(p);
	for (i = 0; i < 1500; i++)
		ck_assert_uint_eq(p[i], 0);
	ck_assert_ptr_nonnull(arena_alloc(a, 90000));
	arena_reset(a);
	arena_reset(a);
	ck_assert_ptr_nonnull(arena_alloc(a, 16));
	arena_free(a);
}
END_TEST

START_TEST(test_strings)
{
	struct arena *a = arena_new(0);
	char *s;

	s = arena_strdup(a, "hej då");
	ck_assert_str_eq(s, "hej då");
	ck_assert_ptr_null(arena_strdup(a, NULL));
	ck_assert_ptr_null(arena_strndup(a, NULL, 3));
	ck_assert_str_eq(arena_strndup(a, "abcdef", 3), "abc");
	ck_assert_str_eq(arena_strndup(a, "ab", 10), "ab");
	ck_assert_str_eq(arena_strndup(a, "abc", 0), "");
	ck_assert_str_eq(arena_printf(a, "%d-%s-%zu", -5, "x", (size_t)7), "-5-x-7");
	ck_assert_str_eq(arena_printf(a, "%s", ""), "");
	arena_free(a);
}
END_TEST

START_TEST(test_printf_long_and_limited)
{
	struct arena *a = arena_new(0);
	struct arena *small = arena_new(32);
	char big[10001];
	char *s;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	s = arena_printf(a, "<%s>", big);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(strlen(s), 10002);
	ck_assert_int_eq(s[0], '<');
	ck_assert_int_eq(s[10001], '>');
	/* 32 bytes allow 31 characters and the NUL, not 32. */
	ck_assert_ptr_nonnull(arena_printf(small, "%.31s", big));
	arena_reset(small);
	ck_assert_ptr_null(arena_printf(small, "%.32s", big));
	ck_assert_ptr_null(arena_strdup(small, big));
	arena_free(small);
	arena_free(a);
}
END_TEST

START_TEST(test_free_null)
{
	arena_free(NULL);
	arena_reset(NULL);
	ck_assert_uint_eq(arena_used(NULL), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("arena");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_alloc_aligned_zeroed_distinct);
	tcase_add_test(tc, test_alloc_zero_size);
	tcase_add_test(tc, test_large_allocation);
	tcase_add_test(tc, test_limit);
	tcase_add_test(tc, test_limit_exact);
	tcase_add_test(tc, test_reset);
	tcase_add_test(tc, test_strings);
	tcase_add_test(tc, test_printf_long_and_limited);
	tcase_add_test(tc, test_free_null);
	suite_add_tcase(s, tc);
	return check_run(s);
}
