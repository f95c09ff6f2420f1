/* SPDX-License-Identifier: ISC
 * The report text markup (reports/markup.c): blocks and emphasis runs, and
 * every refusal of hostile text. Expected values written out per case.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "../unit/check_run.h"

static struct markup_block *B;
static size_t N;

static void
blocks(const char *text)
{
	markup_blocks_free(B, N);
	B = NULL;
	N = 0;
	ck_assert_int_eq(markup_blocks(text, &B, &N), UF_OK);
}

static void
teardown(void)
{
	markup_blocks_free(B, N);
	B = NULL;
	N = 0;
}

START_TEST(paragraphs_join_lines)
{
	blocks("Första raden\nfortsätter här.\n\n\nAndra stycket.  \n");
	ck_assert_uint_eq(N, 2);
	ck_assert_int_eq(B[0].kind, MARKUP_PARAGRAPH);
	ck_assert_str_eq(B[0].text, "Första raden fortsätter här.");
	ck_assert_str_eq(B[1].text, "Andra stycket.");
}
END_TEST

START_TEST(headings_and_items)
{
	blocks("## Lokal kontext\nText.\n- ett\n- två\n  som fortsätter\n\n##utan mellanslag\n-inte punkt");
	ck_assert_uint_eq(N, 5);
	ck_assert_int_eq(B[0].kind, MARKUP_HEADING);
	ck_assert_str_eq(B[0].text, "Lokal kontext");
	ck_assert_int_eq(B[1].kind, MARKUP_PARAGRAPH);
	ck_assert_str_eq(B[1].text, "Text.");
	ck_assert_int_eq(B[2].kind, MARKUP_ITEM);
	ck_assert_str_eq(B[2].text, "ett");
	ck_assert_int_eq(B[3].kind, MARKUP_ITEM);
	ck_assert_str_eq(B[3].text, "två som fortsätter");
	/* the marks need their space: otherwise it is text */
	ck_assert_int_eq(B[4].kind, MARKUP_PARAGRAPH);
	ck_assert_str_eq(B[4].text, "##utan mellanslag -inte punkt");
}
END_TEST

START_TEST(line_ends_and_control_characters)
{
	blocks("a\r\nb\rc\r\n\r\nd\x01"
	       "e\x1b[31mf\x7f"
	       "g\th");
	ck_assert_uint_eq(N, 2);
	ck_assert_str_eq(B[0].text, "a b c");
	/* an escape sequence cannot reach the PDF: ESC is a space */
	ck_assert_str_eq(B[1].text, "d e [31mf g h");
}
END_TEST

START_TEST(refusals)
{
	struct markup_block *b = NULL;
	size_t n = 99;
	ck_assert_int_eq(markup_blocks("ogiltig \xc3 UTF-8", &b, &n), UF_EINVAL);
	ck_assert_ptr_null(b);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(markup_blocks("\xed\xa0\x80 surrogat", &b, &n), UF_EINVAL);
	char *big = malloc(MARKUP_MAX + 2);
	ck_assert_ptr_nonnull(big);
	memset(big, 'a', MARKUP_MAX + 1);
	big[MARKUP_MAX + 1] = '\0';
	ck_assert_int_eq(markup_blocks(big, &b, &n), UF_ELIMIT);
	/* exactly at the limit is fine */
	big[MARKUP_MAX] = '\0';
	ck_assert_int_eq(markup_blocks(big, &b, &n), UF_OK);
	ck_assert_uint_eq(n, 1);
	markup_blocks_free(b, n);
	b = NULL;
	/* more blocks than allowed: "- x\n" is one block of 4 bytes */
	size_t k = 0;
	for (size_t i = 0; i <= MARKUP_MAX_BLOCKS; i++) {
		memcpy(big + k, "- x\n", 4);
		k += 4;
	}
	big[k] = '\0';
	ck_assert_int_eq(markup_blocks(big, &b, &n), UF_ELIMIT);
	ck_assert_ptr_null(b);
	free(big);
}
END_TEST

/* kinds as a string: n normal, b bold, h hidden */
static void
runs(const char *s, const char *want)
{
	size_t len = strlen(s);
	unsigned char *k = malloc(len + 1);
	char *got = malloc(len + 1);
	ck_assert_ptr_nonnull(k);
	ck_assert_ptr_nonnull(got);
	markup_emphasis(s, len, k);
	for (size_t i = 0; i < len; i++)
		got[i] = k[i] == PDF_RUN_BOLD ? 'b' : k[i] == PDF_RUN_HIDDEN ? 'h' :
		                                                               'n';
	got[len] = '\0';
	ck_assert_msg(strcmp(got, want) == 0, "%s: %s, want %s", s, got, want);
	free(k);
	free(got);
}

START_TEST(emphasis)
{
	runs("a *bc d* e", "nnhbbbbhnn");
	runs("*x*", "hbh");
	runs("(*x*)", "nhbhn");
	/* no run: arithmetic, a lone star, two stars, a space inside the marks */
	runs("2*3*4", "nnnnn");
	runs("*a", "nn");
	runs("**", "nn");
	runs("* a*", "nnnn");
	runs("a *b *", "nnnnnn");
	/* not across lines */
	runs("*a\nb*", "nnnnn");
	/* after a typographic quote: ”*rätt*” (” is E2 80 9D) */
	runs("\xe2\x80\x9d*r*\xe2\x80\x9d", "nnnhbhnnn");
	/* two runs */
	runs("*a* och *b*", "hbhnnnnnhbh");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("markup");
	TCase *tc = tcase_create("markup");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, paragraphs_join_lines);
	tcase_add_test(tc, headings_and_items);
	tcase_add_test(tc, line_ends_and_control_characters);
	tcase_add_test(tc, refusals);
	tcase_add_test(tc, emphasis);
	suite_add_tcase(s, tc);
	return check_run(s);
}
