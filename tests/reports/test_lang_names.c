/* SPDX-License-Identifier: ISC
 * The reports' Swedish language names (reports/lang_names.c): a tag's
 * primary language, private-use and unknown tags by their code and the
 * parenthesis a quote gets (right-to-left detection: test_bidi.c).
 */
#include <check.h>
#include <stdlib.h>

#include "lang_names.h"
#include "../unit/check_run.h"

START_TEST(names_by_primary_subtag)
{
	ck_assert_str_eq(lang_name_sv("en"), "engelska");
	ck_assert_str_eq(lang_name_sv("en-GB"), "engelska");
	ck_assert_str_eq(lang_name_sv("ar"), "arabiska");
	ck_assert_str_eq(lang_name_sv("fit"), "meänkieli");
	/* "f" and "fi" must not match "fit", nor "e" "en" */
	ck_assert_str_eq(lang_name_sv("fi"), "finska");
	ck_assert_ptr_null(lang_name_sv("e"));
	ck_assert_ptr_null(lang_name_sv("xx"));
	ck_assert_ptr_null(lang_name_sv("en-x-pseudo"));
	ck_assert_ptr_null(lang_name_sv(NULL));
}
END_TEST

START_TEST(swedish)
{
	ck_assert(lang_is_swedish("sv"));
	ck_assert(lang_is_swedish("sv-FI"));
	ck_assert(lang_is_swedish(""));
	ck_assert(!lang_is_swedish("svx"));
	ck_assert(!lang_is_swedish("en"));
}
END_TEST

START_TEST(quote_and_row_words)
{
	char b[64];
	lang_on_sv("en", b, sizeof b);
	ck_assert_str_eq(b, "på engelska");
	lang_on_sv("ar", b, sizeof b);
	ck_assert_str_eq(b, "på arabiska");
	lang_on_sv("en-x-pseudo", b, sizeof b);
	ck_assert_str_eq(b, "på språket med koden en-x-pseudo");
	lang_row_sv("ar", b, sizeof b);
	ck_assert_str_eq(b, "Arabiska");
	lang_row_sv("qq", b, sizeof b);
	ck_assert_str_eq(b, "Språkkod qq");
	/* cut, terminated */
	lang_on_sv("en", b, 5);
	ck_assert_str_eq(b, "på "); /* "på" is 3 bytes: p, 0xC3 0xA5 */
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("lang_names");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, names_by_primary_subtag);
	tcase_add_test(tc, swedish);
	tcase_add_test(tc, quote_and_row_words);
	suite_add_tcase(s, tc);
	return check_run(s);
}
