/* SPDX-License-Identifier: ISC
 * reports/privacy.c: de-gendering of quotes (word boundaries, capitals,
 * Swedish letters, punctuation and quotation marks), unit-name redaction and
 * the masking of unit-name words, places, ward numbers and listed names.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "privacy.h"
#include "../unit/check_run.h"

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
	check_degender("\xff"
	               "han\xc3",
	    "\xff"
	    "hen\xc3");
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

/* The words of unit names, the places in them, ward numbers and the study's
 * own names, however a quote writes them. */
START_TEST(mask_words)
{
	struct privacy_mask m = { 0 };
	char out[512];
	size_t n;
	ck_assert_int_eq(privacy_mask_unit(&m, "Avdelning Vintergatan, Klinik Öster"), UF_OK);
	ck_assert_int_eq(privacy_mask_unit(&m, "Boendestödet Solrosen, Västerby kommun"), UF_OK);
	ck_assert_int_eq(privacy_mask_unit(&m, "Avdelning 12, Klinik Söder"), UF_OK);
	ck_assert_int_eq(privacy_mask_name(&m, "Lisbeth Åberg", PRIVACY_MARK_NAMN), UF_OK);
	/* avdelning, klinik, boendestödet, kommun and 12 are not words to mask;
	 * Söder has 5 letters */
	ck_assert_uint_eq(m.n, 7);
	const char *in = "Vi på Vintergatan och VINTERGATANS folk, vintergatans chef, "
	                 "Öster och öSTER, Solrosens tid i Västerby. Lisbeth och ÅBERG på "
	                 "avdelning 12, avd. 3 och avdelningen 4. Avdelningen var bra; "
	                 "klinik och kommun likaså. Söders och Vintergatanland.";
	ck_assert_int_eq(privacy_mask_text(&m, in, strlen(in), out, sizeof out, &n), UF_OK);
	ck_assert_str_eq(out, "Vi på [verksamhet] och [verksamhet] folk, [verksamhet] chef, "
	                      "[verksamhet] och [verksamhet], [verksamhet] tid i [ort]. [namn] och [namn] på "
	                      "[verksamhet], [verksamhet] och [verksamhet]. Avdelningen var bra; "
	                      "klinik och kommun likaså. [verksamhet] och Vintergatanland.");
	ck_assert_uint_eq(n, strlen(out));
	char tiny[10];
	ck_assert_int_eq(privacy_mask_text(&m, in, strlen(in), tiny, sizeof tiny, &n), UF_ELIMIT);
	privacy_mask_free(&m);
	privacy_mask_free(&m); /* twice is harmless */
}
END_TEST

START_TEST(mask_marks)
{
	enum privacy_mark k;
	ck_assert(privacy_mark_parse("ort", &k) && k == PRIVACY_MARK_ORT);
	ck_assert(privacy_mark_parse("namn", &k) && k == PRIVACY_MARK_NAMN);
	ck_assert(!privacy_mark_parse("Ort", &k));
	ck_assert_str_eq(privacy_mark_name(PRIVACY_MARK_VERKSAMHET), "verksamhet");
	/* a one-letter name is not masked; a two-letter one is */
	struct privacy_mask m = { 0 };
	char out[64];
	size_t n;
	ck_assert_int_eq(privacy_mask_name(&m, "K Bo", PRIVACY_MARK_NAMN), UF_OK);
	ck_assert_int_eq(privacy_mask_text(&m, "K och Bo", 8, out, sizeof out, &n), UF_OK);
	ck_assert_str_eq(out, "K och [namn]");
	privacy_mask_free(&m);
}
END_TEST

START_TEST(group_labels)
{
	ck_assert_str_eq(group_report(GROUP_PATIENT), "Patient/brukare");
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
	tcase_add_test(tc, mask_words);
	tcase_add_test(tc, mask_marks);
	tcase_add_test(tc, group_labels);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(privacy_suite());
}
