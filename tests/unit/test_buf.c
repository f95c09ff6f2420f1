/* SPDX-License-Identifier: ISC
 * Unit tests for lib/buf.c: growth, the hard maximum (a refused append
 * leaves the buffer unchanged) and the HTML and JSON escapers.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check_run.h"

START_TEST(test_zero_init_and_add)
{
	struct buf b = { 0 };

	ck_assert_str_eq(buf_str(&b), "");
	ck_assert_int_eq(buf_adds(&b, "hej"), UF_OK);
	ck_assert_int_eq(buf_add(&b, " då", 4), UF_OK);
	ck_assert_int_eq(buf_add(&b, "ignored", 0), UF_OK);
	ck_assert_str_eq(buf_str(&b), "hej då");
	ck_assert_uint_eq(b.len, 7);
	ck_assert_int_eq(buf_printf(&b, " %d/%s", 42, "x"), UF_OK);
	ck_assert_str_eq(buf_str(&b), "hej då 42/x");
	buf_free(&b);
	ck_assert_str_eq(buf_str(&b), "");
	buf_free(&b);
}
END_TEST

START_TEST(test_growth_many)
{
	struct buf b;
	size_t i;

	buf_init(&b, 0);
	for (i = 0; i < 100000; i++)
		ck_assert_int_eq(buf_add(&b, "0123456789", 10), UF_OK);
	ck_assert_uint_eq(b.len, 1000000);
	ck_assert_uint_eq(strlen(buf_str(&b)), 1000000);
	ck_assert_int_eq(memcmp(b.data + 999990, "0123456789", 10), 0);
	buf_free(&b);
}
END_TEST

START_TEST(test_embedded_nul)
{
	struct buf b;

	buf_init(&b, 100);
	ck_assert_int_eq(buf_add(&b, "a\0b", 3), UF_OK);
	ck_assert_uint_eq(b.len, 3);
	ck_assert_int_eq(memcmp(b.data, "a\0b\0", 4), 0);
	buf_free(&b);
}
END_TEST

START_TEST(test_limit_leaves_unchanged)
{
	struct buf b;

	buf_init(&b, 10);
	ck_assert_int_eq(buf_adds(&b, "12345"), UF_OK);
	ck_assert_int_eq(buf_adds(&b, "123456"), UF_ELIMIT);
	ck_assert_str_eq(buf_str(&b), "12345");
	ck_assert_int_eq(buf_printf(&b, "%s", "abcdef"), UF_ELIMIT);
	ck_assert_str_eq(buf_str(&b), "12345");
	ck_assert_uint_eq(b.len, 5);
	ck_assert_int_eq(buf_adds(&b, "67890"), UF_OK);
	ck_assert_str_eq(buf_str(&b), "1234567890");
	ck_assert_int_eq(buf_add(&b, "x", 1), UF_ELIMIT);
	ck_assert_int_eq(buf_add(&b, "x", (size_t)-1), UF_ELIMIT);
	ck_assert_str_eq(buf_str(&b), "1234567890");
	buf_free(&b);
}
END_TEST

START_TEST(test_escape_limit_leaves_unchanged)
{
	struct buf b;

	buf_init(&b, 12);
	ck_assert_int_eq(buf_adds(&b, "ab"), UF_OK);
	/* "<<<" escapes to 12 bytes: 2 + 12 > 12, refused after a partial write. */
	ck_assert_int_eq(buf_add_html(&b, "<<<"), UF_ELIMIT);
	ck_assert_str_eq(buf_str(&b), "ab");
	ck_assert_uint_eq(b.len, 2);
	ck_assert_int_eq(buf_add_json_str(&b, "abc\n\x01xyz"), UF_ELIMIT);
	ck_assert_str_eq(buf_str(&b), "ab");
	ck_assert_uint_eq(b.len, 2);
	ck_assert_int_eq(buf_add_html(&b, "<a>"), UF_OK);
	ck_assert_str_eq(buf_str(&b), "ab&lt;a&gt;");
	buf_free(&b);
}
END_TEST

START_TEST(test_default_max)
{
	struct buf b;
	char *big = malloc(1024 * 1024);

	ck_assert_ptr_nonnull(big);
	memset(big, 'x', 1024 * 1024);
	buf_init(&b, 0);
	for (int i = 0; i < 16; i++)
		ck_assert_int_eq(buf_add(&b, big, 1024 * 1024), UF_OK);
	ck_assert_int_eq(buf_add(&b, "y", 1), UF_ELIMIT);
	ck_assert_uint_eq(b.len, 16u * 1024 * 1024);
	free(big);
	buf_free(&b);
}
END_TEST

START_TEST(test_reset_keeps_memory)
{
	struct buf b;
	size_t cap;

	buf_init(&b, 0);
	ck_assert_int_eq(buf_adds(&b, "some text"), UF_OK);
	cap = b.cap;
	buf_reset(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, cap);
	ck_assert_str_eq(buf_str(&b), "");
	ck_assert_int_eq(buf_adds(&b, "new"), UF_OK);
	ck_assert_str_eq(buf_str(&b), "new");
	buf_free(&b);
}
END_TEST

START_TEST(test_html)
{
	struct buf b;

	buf_init(&b, 0);
	ck_assert_int_eq(buf_add_html(&b,
	                     "<script>alert(\"x\" & 'y')</script> åäö"),
	    UF_OK);
	ck_assert_str_eq(buf_str(&b),
	    "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt; åäö");
	buf_reset(&b);
	ck_assert_int_eq(buf_add_html(&b, ""), UF_OK);
	ck_assert_str_eq(buf_str(&b), "");
	ck_assert_int_eq(buf_add_html(&b, "&amp;"), UF_OK);
	ck_assert_str_eq(buf_str(&b), "&amp;amp;");
	buf_free(&b);
}
END_TEST

START_TEST(test_json)
{
	struct buf b;

	buf_init(&b, 0);
	ck_assert_int_eq(buf_add_json_str(&b, "plain"), UF_OK);
	ck_assert_str_eq(buf_str(&b), "\"plain\"");
	buf_reset(&b);
	ck_assert_int_eq(buf_add_json_str(&b, "q\"b\\s/"), UF_OK);
	ck_assert_str_eq(buf_str(&b), "\"q\\\"b\\\\s/\"");
	buf_reset(&b);
	ck_assert_int_eq(buf_add_json_str(&b, "\b\f\n\r\t"), UF_OK);
	ck_assert_str_eq(buf_str(&b), "\"\\b\\f\\n\\r\\t\"");
	buf_reset(&b);
	ck_assert_int_eq(buf_add_json_str(&b, "\x01\x1f\x7f"), UF_OK);
	ck_assert_str_eq(buf_str(&b), "\"\\u0001\\u001f\x7f\"");
	buf_reset(&b);
	ck_assert_int_eq(buf_add_json_str(&b, "åäö ☃ <b>"), UF_OK);
	ck_assert_str_eq(buf_str(&b), "\"åäö ☃ <b>\"");
	buf_reset(&b);
	ck_assert_int_eq(buf_add_json_str(&b, ""), UF_OK);
	ck_assert_str_eq(buf_str(&b), "\"\"");
	buf_reset(&b);
	ck_assert_int_eq(buf_add_json_str(&b, NULL), UF_OK);
	ck_assert_str_eq(buf_str(&b), "null");
	buf_free(&b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_zero_init_and_add);
	tcase_add_test(tc, test_growth_many);
	tcase_add_test(tc, test_embedded_nul);
	tcase_add_test(tc, test_limit_leaves_unchanged);
	tcase_add_test(tc, test_escape_limit_leaves_unchanged);
	tcase_add_test(tc, test_default_max);
	tcase_add_test(tc, test_reset_keeps_memory);
	tcase_add_test(tc, test_html);
	tcase_add_test(tc, test_json);
	suite_add_tcase(s, tc);
	return check_run(s);
}
