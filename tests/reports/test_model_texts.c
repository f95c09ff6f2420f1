/* SPDX-License-Identifier: ISC
 * The delrapport's sample of free text (reports/model_texts.c): which
 * answers count, which are kept (the MODEL_QUOTES_PER_ITEM smallest
 * sampling keys, in key order, as SQL's row_number() over md5 chose them)
 * and the refusals. Expected values written out per case.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "model_texts.h"
#include "../unit/check_run.h"

static struct text_sample T;

static void
setup(void)
{
	ck_assert_int_eq(text_sample_init(&T), UF_OK);
}

static void
teardown(void)
{
	text_sample_free(&T);
}

/* A 32-character key that sorts as the number n does. */
static const char *
key(unsigned n)
{
	static char k[TEXT_KEY_LEN + 1];
	ck_assert_int_eq(snprintf(k, sizeof k, "%032x", n), TEXT_KEY_LEN);
	return k;
}

START_TEST(keeps_the_smallest_keys_in_order)
{
	/* 20 answers offered in a scrambled order: keys 7k mod 20 */
	char text[16];
	for (unsigned i = 0; i < 20; i++) {
		unsigned n = (7 * i) % 20;
		snprintf(text, sizeof text, "svar %u", n);
		ck_assert_int_eq(text_sample_add(&T, 5, text, key(n), "sv", false), UF_OK);
	}
	const struct text_cell *c = T.cell[5];
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->total, 20);
	ck_assert_uint_eq(c->n, MODEL_QUOTES_PER_ITEM);
	for (unsigned k = 0; k < MODEL_QUOTES_PER_ITEM; k++) {
		snprintf(text, sizeof text, "svar %u", k);
		ck_assert_str_eq(c->pick[k].text, text);
		ck_assert_str_eq(c->pick[k].key, key(k));
	}
	ck_assert_ptr_null(T.cell[4]);
}
END_TEST

START_TEST(blank_means_spaces_only)
{
	/* SQL's btrim(text) <> '' trims spaces, nothing else */
	ck_assert_int_eq(text_sample_add(&T, 0, "", key(1), "sv", false), UF_OK);
	ck_assert_int_eq(text_sample_add(&T, 0, "    ", key(2), "sv", false), UF_OK);
	ck_assert_ptr_null(T.cell[0]);
	ck_assert_int_eq(text_sample_add(&T, 0, "\t", key(3), "sv", false), UF_OK);
	ck_assert_int_eq(text_sample_add(&T, 0, "  a  ", key(4), "en", true), UF_OK);
	ck_assert_int_eq(T.cell[0]->total, 2);
	ck_assert_str_eq(T.cell[0]->pick[0].text, "\t");
	ck_assert_str_eq(T.cell[0]->pick[1].text, "  a  ");
	ck_assert_str_eq(T.cell[0]->pick[1].lang, "en");
	ck_assert(T.cell[0]->pick[1].easy);
}
END_TEST

START_TEST(a_long_language_tag_is_cut)
{
	char lang[80];
	memset(lang, 'x', sizeof lang - 1);
	lang[sizeof lang - 1] = '\0';
	ck_assert_int_eq(text_sample_add(&T, 1, "svar", key(1), lang, false), UF_OK);
	ck_assert_uint_eq(strlen(T.cell[1]->pick[0].lang), FORM_LANG_MAX);
}
END_TEST

START_TEST(refusals)
{
	ck_assert_int_eq(text_sample_add(&T, 0, "svar", NULL, "sv", false), UF_EFORMAT);
	ck_assert_int_eq(text_sample_add(&T, 0, "svar", "abc", "sv", false), UF_EFORMAT);
	ck_assert_int_eq(text_sample_add(&T, TEXT_SAMPLE_CELLS, "svar", key(1), "sv", false),
	    UF_EFORMAT);
	ck_assert_ptr_null(T.cell[0]);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("model_texts");
	TCase *tc = tcase_create("sample");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, keeps_the_smallest_keys_in_order);
	tcase_add_test(tc, blank_means_spaces_only);
	tcase_add_test(tc, a_long_language_tag_is_cut);
	tcase_add_test(tc, refusals);
	suite_add_tcase(s, tc);
	return check_run(s);
}
