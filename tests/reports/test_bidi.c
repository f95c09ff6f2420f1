/* SPDX-License-Identifier: ISC
 * Right-to-left lines for the PDF (reports/bidi.c) against reference values
 * worked out by hand from the Unicode tables, not from FriBidi: each
 * letter's joining type (ArabicShaping.txt: D dual, R right, T transparent),
 * its form from its neighbours (initial, medial, final, isolated), the form's
 * code point in the Arabic Presentation Forms-B block (U+FE70-FEFF), the
 * lam-alef ligatures (U+FEF5-FEFC), then the bidi algorithm's levels (UAX 9)
 * and visual order, left to right.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "bidi.h"
#include "../unit/check_run.h"

/* s through bidi_visual must give want (visual order, UTF-8). */
static void
visual_is(const char *s, const char *want)
{
	char out[256];
	size_t n = 99;
	ck_assert_int_eq(bidi_visual(s, strlen(s), out, sizeof out, &n), UF_OK);
	ck_assert_str_eq(out, want);
	ck_assert_uint_eq(n, strlen(want));
}

static bool
par_rtl(const char *s)
{
	struct bidi_par *b = NULL;
	ck_assert_int_eq(bidi_par_new(s, strlen(s), &b), UF_OK);
	bool rtl = bidi_par_rtl(b);
	bidi_par_free(b);
	return rtl;
}

START_TEST(joining_forms)
{
	/* بيت: beh U+0628 (D), yeh U+064A (D), teh U+062A (D): beh joins to
	 * its left only -> initial FE91; yeh both sides -> medial FEF4; teh
	 * only to its right -> final FE96. Visual: the three reversed. */
	visual_is("بيت", "\uFE96\uFEF4\uFE91");
	/* مرّ: meem U+0645 (D) initial FEE3; reh U+0631 (R) final FEAE; shadda
	 * U+0651 (T, a mark) stays as it is. Plain reversal puts the mark just
	 * left of its letter: DejaVu Sans draws a mark (no advance) to the
	 * right of the pen, over that letter (seen at 100 dpi: moved after the
	 * letter, the fathatan of شكرًا sat on the kaf, which read as a gaf). The
	 * alef after reh (R: joins only to its right) is isolated, FE8D. */
	visual_is("مرّ", "\u0651\uFEAE\uFEE3");
	visual_is("شكرًا", "\uFE8D\u064B\uFEAE\uFEDC\uFEB7");
	/* A letter alone: isolated form (ain U+0639 -> FEC9). */
	visual_is("ع", "\uFEC9");
}
END_TEST

START_TEST(lam_alef)
{
	/* لا: lam initial + alef final make the isolated ligature U+FEFB. */
	visual_is("لا", "\uFEFB");
	/* سلام: seen U+0633 (D) initial FEB3; lam medial + alef final make the
	 * final ligature U+FEFC (seen joins it from the right); alef does not
	 * join to its left, so meem U+0645 is isolated FEE1. Logical FEB3 FEFC
	 * FEE1; visual reversed. The ligature's second half leaves no slot. */
	visual_is("سلام", "\uFEE1\uFEFC\uFEB3");
	/* the same word shaped, still in logical order, for line breaking */
	struct bidi_par *b = NULL;
	size_t len;
	ck_assert_int_eq(bidi_par_new("سلام", strlen("سلام"), &b), UF_OK);
	ck_assert_str_eq(bidi_par_shaped(b, &len), "\uFEB3\uFEFC\uFEE1");
	ck_assert_uint_eq(len, 9);
	bidi_par_free(b);
}
END_TEST

START_TEST(digits_and_latin_stay_left_to_right)
{
	/* عدد 25: ain initial FECB, dal (R) final FEAA, the second dal after a
	 * right-joining letter isolated FEA9. The digits follow Arabic letters
	 * (W2: EN -> AN, level 2), the space between R and AN is R (N1): the
	 * line reversed puts "25" left, still in reading order. */
	visual_is("عدد 25", "25 \uFEA9\uFEAA\uFECB");
	/* أنا Anna: alef with hamza U+0623 (R) isolated FE83; noon U+0646
	 * initial FEE7 (nothing joins from its right); alef final FE8E. The
	 * Latin word is an L run at level 2 in the right-to-left line. */
	visual_is("أنا Anna", "Anna \uFE8E\uFEE7\uFE83");
	/* 3 digits inside a sentence: "كل 3 أيام" (every 3 days): kaf U+0643
	 * initial FEDB, lam final FEDE; alef-hamza isolated FE83, yeh initial
	 * FEF3, alef final FE8E, meem isolated FEE1. */
	visual_is("كل 3 أيام", "\uFEE1\uFE8E\uFEF3\uFE83 3 \uFEDE\uFEDB");
}
END_TEST

START_TEST(mirrored_brackets)
{
	/* (نعم) in a right-to-left paragraph: the brackets are at level 1 and
	 * mirrored (BidiMirroring.txt), so once reversed they still read
	 * "(...)" left to right; noon initial FEE7, ain medial FECC, meem final
	 * FEE2. */
	visual_is("(نعم)", "(\uFEE2\uFECC\uFEE7)");
}
END_TEST

START_TEST(direction_from_first_strong)
{
	ck_assert(par_rtl("”شكرًا” (på arabiska)"));
	ck_assert(!par_rtl("Tack, شكرًا"));
	ck_assert(!par_rtl("25 %"));
	ck_assert(par_rtl("שלום"));
	/* Hebrew needs no shaping, only order */
	visual_is("שלום", "םולש");
	/* left-to-right text is left as it is */
	visual_is("Tack för stödet – åäö", "Tack för stödet – åäö");
	/* the quote line as the report prints it: the Swedish note stays
	 * readable left to right and its brackets come out "(...)" */
	visual_is("”لا” (på arabiska)", "(på arabiska) ”\uFEFB”");
}
END_TEST

START_TEST(rtl_detection)
{
	ck_assert(bidi_has_rtl("شكرًا على الدعم.", strlen("شكرًا على الدعم.")));
	ck_assert(bidi_has_rtl("Tack, תודה", strlen("Tack, תודה")));
	ck_assert(bidi_has_rtl("\xEF\xBB\xB5", 3)); /* U+FEF5, a lam-alef form */
	ck_assert(!bidi_has_rtl("Tack för stödet – åäö é", strlen("Tack för stödet – åäö é")));
	ck_assert(!bidi_has_rtl("Спасибо 25", strlen("Спасибо 25")));
	ck_assert(!bidi_has_rtl("", 0));
	ck_assert(!bidi_has_rtl("\xD8", 1)); /* cut short: not UTF-8 */
}
END_TEST

START_TEST(lines_reordered_one_by_one)
{
	/* سلام عليكم broken after the first word: each line is reversed on its
	 * own (the first word stays on the first line). عليكم: ain initial
	 * FECB, lam medial FEE0, yeh medial FEF4, kaf medial FEDC, meem final
	 * FEE2. */
	const char *s = "سلام عليكم";
	struct bidi_par *b = NULL;
	char out[64];
	size_t len, n;
	ck_assert_int_eq(bidi_par_new(s, strlen(s), &b), UF_OK);
	ck_assert(bidi_par_rtl(b));
	const char *sh = bidi_par_shaped(b, &len);
	const char *sp = strchr(sh, ' ');
	ck_assert_ptr_nonnull(sp);
	size_t first = (size_t)(sp - sh);
	ck_assert_int_eq(bidi_par_line(b, 0, first, out, sizeof out, &n), UF_OK);
	ck_assert_str_eq(out, "\uFEE1\uFEFC\uFEB3");
	ck_assert_int_eq(bidi_par_line(b, first + 1, len - first - 1, out, sizeof out, &n), UF_OK);
	ck_assert_str_eq(out, "\uFEE2\uFEDC\uFEF4\uFEE0\uFECB");
	/* a range inside a character, or past the end, is refused */
	ck_assert_int_eq(bidi_par_line(b, 1, 3, out, sizeof out, &n), UF_EINVAL);
	ck_assert_int_eq(bidi_par_line(b, 0, len + 1, out, sizeof out, &n), UF_EINVAL);
	ck_assert_int_eq(bidi_par_line(b, len, 0, out, sizeof out, &n), UF_OK);
	ck_assert_str_eq(out, "");
	bidi_par_free(b);
}
END_TEST

START_TEST(controls_honoured_then_dropped)
{
	/* RLO ... PDF makes "abc" read right to left; the two controls have
	 * no glyph and are left out of the line. */
	visual_is("\u202Eabc\u202C", "cba");
	/* ZWNJ U+200C keeps beh and yeh apart (both isolated: FE8F, FEF1) and
	 * is then left out. */
	visual_is("ب\u200Cي", "\uFEF1\uFE8F");
}
END_TEST

START_TEST(hostile_input)
{
	char out[16];
	size_t n;
	struct bidi_par *b = (struct bidi_par *)1;
	ck_assert_int_eq(bidi_visual("\xC3", 1, out, sizeof out, &n), UF_EINVAL);
	ck_assert_int_eq(bidi_visual("\xED\xA0\x80", 3, out, sizeof out, &n), UF_EINVAL);
	ck_assert_int_eq(bidi_par_new("a\nب", strlen("a\nب"), &b), UF_EINVAL);
	ck_assert_ptr_null(b);
	/* too long for the paragraph limit */
	size_t big = BIDI_MAX_BYTES + 2;
	char *s = malloc(big);
	ck_assert_ptr_nonnull(s);
	for (size_t i = 0; i + 1 < big; i += 2)
		memcpy(s + i, "\xD8\xA8", 2); /* beh */
	ck_assert_int_eq(bidi_visual(s, big, out, sizeof out, &n), UF_ELIMIT);
	/* at the limit it works, but this output is too small */
	ck_assert_int_eq(bidi_visual(s, BIDI_MAX_BYTES, out, sizeof out, &n), UF_ELIMIT);
	ck_assert_str_eq(out, "");
	free(s);
	/* the empty line */
	ck_assert_int_eq(bidi_visual("", 0, out, sizeof out, &n), UF_OK);
	ck_assert_uint_eq(n, 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("bidi");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, joining_forms);
	tcase_add_test(tc, lam_alef);
	tcase_add_test(tc, digits_and_latin_stay_left_to_right);
	tcase_add_test(tc, mirrored_brackets);
	tcase_add_test(tc, direction_from_first_strong);
	tcase_add_test(tc, rtl_detection);
	tcase_add_test(tc, lines_reordered_one_by_one);
	tcase_add_test(tc, controls_honoured_then_dropped);
	tcase_add_test(tc, hostile_input);
	suite_add_tcase(s, tc);
	return check_run(s);
}
