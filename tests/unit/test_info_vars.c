/* SPDX-License-Identifier: ISC
 * Unit tests for lib/info_vars.c, the information text's placeholder
 * values that the survey's information page and the report's Bilaga
 * share: questions asked in a wave, the minutes they take, the wave's
 * ordinal, and the filling.
 */
#include <check.h>
#include <string.h>

#include "arena.h"
#include "form.h"
#include "info_vars.h"
#include "check_run.h"

/* One likert item in every wave, a free text at 12 months only, two
 * likert items from 24 months (item_waves.json's shape). */
static const char FORM[] =
    "{\"format\": 1, \"id\": \"iv\", \"version\": 1, \"group\": \"chef\","
    " \"title\": {\"sv\": \"T\"}, \"layout\": \"theme_per_page\", \"waves\": [12, 24, 36],"
    " \"themes\": [{\"id\": \"t\", \"sv\": \"T\"}], \"items\": ["
    " {\"id\": \"a\", \"theme\": \"t\", \"type\": \"likert5\", \"sv\": \"A\"},"
    " {\"id\": \"b\", \"theme\": \"t\", \"type\": \"text\", \"sv\": \"B\", \"waves\": [12]},"
    " {\"id\": \"c\", \"theme\": \"t\", \"type\": \"likert5\", \"sv\": \"C\", \"waves\": [24, 36]},"
    " {\"id\": \"d\", \"theme\": \"t\", \"type\": \"likert5\", \"sv\": \"D\", \"waves\": [24, 36]}]}";

static struct form *
form_get(void)
{
	struct form *f = NULL;
	struct form_error fe;
	ck_assert_int_eq(form_parse(FORM, strlen(FORM), "iv", &f, &fe), UF_OK);
	return f;
}

START_TEST(test_minutes)
{
	struct form *f = form_get();
	size_t q = 0;

	/* 12: likert 20 s + text 60 s = 80 s -> 2 minutes (rounded up) */
	ck_assert_uint_eq(info_survey_minutes(f, 12, &q), 2);
	ck_assert_uint_eq(q, 2);
	/* 24: three likert items, 60 s -> 1 minute, raised to the least, 2 */
	ck_assert_uint_eq(info_survey_minutes(f, 24, &q), 2);
	ck_assert_uint_eq(q, 3);
	/* a wave the instrument does not have: nothing asked */
	ck_assert_uint_eq(info_survey_minutes(f, 48, &q), 2);
	ck_assert_uint_eq(q, 0);
	form_free(f);
}
END_TEST

START_TEST(test_wave_number)
{
	ck_assert_int_eq(info_wave_number(12), 1);
	ck_assert_int_eq(info_wave_number(13), 2);
	ck_assert_int_eq(info_wave_number(24), 2);
	ck_assert_int_eq(info_wave_number(25), 3);
	ck_assert_int_eq(info_wave_number(36), 3);
}
END_TEST

START_TEST(test_fill)
{
	struct form *f = form_get();
	struct arena *a = arena_new(4096);
	struct info_vars v;

	info_vars_set(&v, f, 12, "Ring Kim.");
	ck_assert_str_eq(info_vars_fill(a, "Det är {questions} frågor, ungefär {minutes} "
	                                   "minuter, uppföljning {wave}, {months} månader. {contact}",
	                     &v),
	    "Det är 2 frågor, ungefär 2 minuter, uppföljning 1, 12 månader. Ring Kim.");
	/* an unknown name stays as written */
	ck_assert_str_eq(info_vars_fill(a, "{okänd} {wave}", &v), "{okänd} 1");
	arena_free(a);
	form_free(f);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("info_vars");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_minutes);
	tcase_add_test(tc, test_wave_number);
	tcase_add_test(tc, test_fill);
	suite_add_tcase(s, tc);
	return check_run(s);
}
