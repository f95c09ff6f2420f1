/* SPDX-License-Identifier: ISC
 * reports/privacy.c: de-gendering of quotes (word boundaries, capitals,
 * Swedish letters, punctuation and quotation marks), unit-name redaction and
 * small-cell suppression including the complementary cell.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "privacy.h"

static void
check_degender(const char *in, const char *want)
{
	char out[512];
	size_t n = privacy_degender(in, strlen(in), out);
	ck_assert_msg(strcmp(out, want) == 0, "degender(\"%s\") = \"%s\", want \"%s\"",
	    in, out, want);
	ck_assert_uint_eq(n, strlen(want));
}

START_TEST(degender_pronouns)
{
	check_degender("Han sa att hon kom.", "Hen sa att hen kom.");
	check_degender("HON", "HEN");
	check_degender("HAN SA NEJ", "HEN SA NEJ");
	check_degender("Jag gav honom boken.", "Jag gav hen boken.");
	check_degender("Jag såg henne igår", "Jag såg hen igår");
	check_degender("hennes roll och hans roll", "hens roll och hens roll");
	check_degender("Hennes", "Hens");
	check_degender("Vi pratade med honom.", "Vi pratade med hen.");
	check_degender("hAn", "hen");
}
END_TEST

START_TEST(degender_word_boundaries)
{
	/* Words that start with a pronoun are left alone. */
	check_degender("handen och honung", "handen och honung");
	check_degender("hansa hantera hona honorar", "hansa hantera hona honorar");
	check_degender("henneskog", "henneskog");
	check_degender("Johan och Hanna", "Johan och Hanna");
	/* Swedish letters are letters: not a boundary. */
	check_degender("hanåt honö åhan öhon", "hanåt honö åhan öhon");
	check_degender("éhon hané", "éhon hané");
	check_degender("han2 2han", "han2 2han");
}
END_TEST

START_TEST(degender_punctuation_and_quotes)
{
	check_degender("”Han är bra”, sa hon.", "”Hen är bra”, sa hen.");
	check_degender("\"hon\" (honom) [hans] {henne}", "\"hen\" (hen) [hens] {hen}");
	check_degender("…hon–han—hennes", "…hen–hen—hens");
	check_degender("«Hon»", "«Hen»");
	check_degender("han,hon;honom:henne!hans?", "hen,hen;hen:hen!hens?");
	check_degender("han\nhon\thans", "hen\nhen\thens");
	check_degender("’han’", "’hen’");
	check_degender("", "");
	check_degender("han", "hen");
	/* A broken UTF-8 byte is not a letter and does not crash. */
	check_degender("\xff" "han\xc3", "\xff" "hen\xc3");
}
END_TEST

START_TEST(redact_unit_names)
{
	const char *names[] = { "Avdelning 21", "Ängens boende", "Xy" };
	char out[256];
	size_t n;
	const char *in = "På avdelning 21 och ÄNGENS BOENDE var det bra. Xy ok. avdelning 210.";
	ck_assert_int_eq(privacy_redact_names(in, strlen(in), names, 3, out, sizeof out, &n), UF_OK);
	ck_assert_str_eq(out, "På [verksamhet] och [verksamhet] var det bra. Xy ok. avdelning 210.");
	ck_assert_uint_eq(n, strlen(out));
	char tiny[8];
	ck_assert_int_eq(privacy_redact_names(in, strlen(in), names, 3, tiny, sizeof tiny, &n), UF_ELIMIT);
}
END_TEST

/* No line tied to a total has exactly one hidden entry. */
static void
assert_no_single(const bool *h, size_t nr, size_t nc, bool rowtot, bool coltot)
{
	if (coltot)
		for (size_t r = 0; r < nr; r++) {
			int k = 0;
			for (size_t c = 0; c < nc; c++)
				k += h[r * nc + c];
			ck_assert_msg(k != 1, "row %zu has one hidden cell", r);
		}
	if (rowtot)
		for (size_t c = 0; c < nc; c++) {
			int k = 0;
			for (size_t r = 0; r < nr; r++)
				k += h[r * nc + c];
			ck_assert_msg(k != 1, "column %zu has one hidden cell", c);
		}
}

START_TEST(suppress_primary_and_complementary)
{
	/*            chef personal peer | total
	 * psykiatri     4       40    3 |   47
	 * kommun        3       30    6 |   39
	 * total         7       70    9 |   86 */
	const long v[12] = { 4, 40, 3, 47, 3, 30, 6, 39, 7, 70, 9, 86 };
	bool h[12];
	privacy_suppress(v, 3, 4, true, true, 5, h);
	/* primary */
	ck_assert(h[0] && h[2] && h[4]);
	/* complementary: kommun's only hidden cell (3) would be 39 - 30 - 6;
	 * the smallest other cell (peer 6) goes too */
	ck_assert(h[6]);
	/* nothing else */
	ck_assert(!h[1] && !h[3] && !h[5] && !h[7] && !h[8] && !h[9] && !h[10] && !h[11]);
	assert_no_single(h, 3, 4, true, true);
}
END_TEST

START_TEST(suppress_total_when_rest_is_zero)
{
	/* one row: 3, 0 | 3: the only other cell is 0, so the total hides */
	const long v[3] = { 3, 0, 3 };
	bool h[3];
	privacy_suppress(v, 1, 3, false, true, 5, h);
	ck_assert(h[0] && h[2]);
	ck_assert(!h[1]);
	/* without a total nothing links the cells: only the primary cell */
	privacy_suppress(v, 1, 3, false, false, 5, h);
	ck_assert(h[0] && !h[1] && h[2]);
}
END_TEST

START_TEST(suppress_cascades)
{
	/* hiding the complement in a row can leave a column with one hidden
	 * cell; the loop must follow up */
	const long v[] = {
		2, 10, 20, 32,
		10, 10, 20, 40,
		30, 12, 9, 51,
		42, 32, 49, 123,
	};
	bool h[16];
	privacy_suppress(v, 4, 4, true, true, 5, h);
	ck_assert(h[0]);
	assert_no_single(h, 4, 4, true, true);
	/* zero cells are not primary */
	const long z[4] = { 0, 9, 0, 9 };
	privacy_suppress(z, 1, 4, false, true, 5, h);
	ck_assert(!h[0] && !h[1] && !h[2] && !h[3]);
}
END_TEST

START_TEST(group_labels)
{
	ck_assert_str_eq(privacy_group_label(GROUP_PATIENT), "Patient/brukare");
	ck_assert(privacy_shown(5, 5));
	ck_assert(!privacy_shown(4, 5));
	ck_assert(!privacy_shown(0, 0));
}
END_TEST

static Suite *
privacy_suite(void)
{
	Suite *s = suite_create("privacy");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, degender_pronouns);
	tcase_add_test(tc, degender_word_boundaries);
	tcase_add_test(tc, degender_punctuation_and_quotes);
	tcase_add_test(tc, redact_unit_names);
	tcase_add_test(tc, suppress_primary_and_complementary);
	tcase_add_test(tc, suppress_total_when_rest_is_zero);
	tcase_add_test(tc, suppress_cascades);
	tcase_add_test(tc, group_labels);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(privacy_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
