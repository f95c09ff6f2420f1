/* SPDX-License-Identifier: ISC
 * Unit tests of the pure parts of qualitative coding: Cohen's kappa and
 * percent agreement, the overlap rule for segments, sentence segments and
 * the transcript upload checks.
 *
 * Reference values, computed independently of this code by the textbook
 * formula in python3 (float) and checked as exact fractions by hand:
 *   def k(both, a, b, neither):
 *       n = both + a + b + neither; po = (both + neither) / n
 *       pa = (both + a) / n; pb = (both + b) / n
 *       pe = pa * pb + (1 - pa) * (1 - pb)
 *       return po, (po - pe) / (1 - pe) if pe != 1 else None
 *   (20, 5, 10, 15) -> po 0.7,      kappa 0.4 (Wikipedia's worked example)
 *   (25, 25, 25, 25) -> po 0.5,     kappa 0.0 (agreement at chance level)
 *   (5, 0, 0, 5)     -> po 1.0,     kappa 1.0 (perfect)
 *   (0, 5, 5, 0)     -> po 0.0,     kappa -1.0 (perfect disagreement)
 *   (3, 1, 2, 17)    -> po 20/23 = 0.8695652173913043, kappa 98/167 = 0.5868263473053891
 *   (45, 15, 25, 15) -> po 0.6,     kappa 3/23 = 0.13043478260869554
 *   (0, 0, 0, 10)    -> po 1.0,     kappa undefined (nobody used the category)
 *   (10, 0, 0, 0)    -> po 1.0,     kappa undefined (both used it everywhere)
 * (sklearn.metrics.cohen_kappa_score gives the same for the defined cases;
 * for the constant ones it returns nan, which we must never show.)
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "qual_kappa.h"
#include "qual_text.h"
#include "../unit/check_run.h"

struct kcase {
	struct kappa_counts c;
	double agreement;
	int defined;
	double kappa;
};

static const struct kcase kcases[] = {
	{ { 20, 5, 10, 15 }, 0.7, 1, 0.4 },
	{ { 25, 25, 25, 25 }, 0.5, 1, 0.0 },
	{ { 5, 0, 0, 5 }, 1.0, 1, 1.0 },
	{ { 0, 5, 5, 0 }, 0.0, 1, -1.0 },
	{ { 3, 1, 2, 17 }, 0.8695652173913043, 1, 0.5868263473053891 },
	{ { 45, 15, 25, 15 }, 0.6, 1, 0.13043478260869554 },
	{ { 0, 0, 0, 10 }, 1.0, 0, 0 },
	{ { 10, 0, 0, 0 }, 1.0, 0, 0 },
};

START_TEST(kappa_reference)
{
	const struct kcase *k = &kcases[_i];
	struct kappa_result r;

	kappa_compute(&k->c, &r);
	ck_assert_int_eq(r.n, k->c.both + k->c.only_a + k->c.only_b + k->c.neither);
	ck_assert(r.agreement_defined);
	ck_assert_double_eq_tol(r.agreement, k->agreement, 1e-12);
	ck_assert_int_eq(r.kappa_defined, k->defined);
	if (k->defined)
		ck_assert_double_eq_tol(r.kappa, k->kappa, 1e-12);
}
END_TEST

START_TEST(kappa_no_segments)
{
	struct kappa_counts c = { 0 };
	struct kappa_result r;

	kappa_compute(&c, &r);
	ck_assert_int_eq(r.n, 0);
	ck_assert(!r.agreement_defined);
	ck_assert(!r.kappa_defined);
}
END_TEST

/* The overlap rule and the counting, on a table built from spans: four
 * segments; A marks 0-4 and 12-13, B marks 3-9. */
START_TEST(kappa_from_spans)
{
	const struct kappa_span seg[] = { { 0, 5 }, { 6, 10 }, { 11, 15 }, { 16, 20 } };
	const struct kappa_span a[] = { { 12, 13 }, { 0, 4 } };
	const struct kappa_span b[] = { { 3, 9 } };
	struct kappa_counts c = { 0 };
	size_t i;

	for (i = 0; i < 4; i++)
		kappa_count(&c, kappa_marked(&seg[i], a, 2), kappa_marked(&seg[i], b, 1));
	ck_assert_int_eq(c.both, 1);    /* 0-5 */
	ck_assert_int_eq(c.only_b, 1);  /* 6-10 */
	ck_assert_int_eq(c.only_a, 1);  /* 11-15 */
	ck_assert_int_eq(c.neither, 1); /* 16-20 */
	/* touching is not overlapping: [5, 6) lies between two segments */
	const struct kappa_span gap[] = { { 5, 6 } };
	ck_assert(!kappa_marked(&seg[0], gap, 1));
	ck_assert(!kappa_marked(&seg[1], gap, 1));
}
END_TEST

static size_t
split(const char *s, struct kappa_span *out, size_t max)
{
	size_t n;

	ck_assert_int_eq(qual_sentences(s, strlen(s), out, max, &n), UF_OK);
	return n;
}

START_TEST(sentences_split)
{
	struct kappa_span sp[8];
	/* "Å" and "ö" are two bytes each: offsets count characters. */
	const char *s = "Åh, det var bra! Hen lyssnade.  Vad då?\nInget mer";
	size_t n = split(s, sp, 8);

	ck_assert_int_eq(n, 4);
	ck_assert_int_eq(sp[0].start, 0);
	ck_assert_int_eq(sp[0].end, 16); /* "Åh, det var bra!" */
	ck_assert_int_eq(sp[1].start, 17);
	ck_assert_int_eq(sp[1].end, 30); /* "Hen lyssnade." */
	ck_assert_int_eq(sp[2].start, 32);
	ck_assert_int_eq(sp[2].end, 39); /* "Vad då?" */
	ck_assert_int_eq(sp[3].start, 40);
	ck_assert_int_eq(sp[3].end, 49); /* "Inget mer" (no end mark) */
}
END_TEST

START_TEST(sentences_quotes_and_numbers)
{
	struct kappa_span sp[8];
	/* a decimal point is no end; a closing quote after '.' stays in */
	size_t n = split("Det tog 2.5 år. ”Bra.” Sedan\n\n slut.", sp, 8);

	ck_assert_int_eq(n, 3 + 1);
	ck_assert_int_eq(sp[0].end, 15);
	ck_assert_int_eq(sp[1].start, 16);
	ck_assert_int_eq(sp[1].end, 22); /* ”Bra.” */
	ck_assert_int_eq(sp[2].end, 28); /* "Sedan" ends at the line break */
	ck_assert_int_eq(sp[3].start, 31);
}
END_TEST

START_TEST(sentences_limit)
{
	struct kappa_span sp[2];
	size_t n;

	ck_assert_int_eq(qual_sentences("A. B. C.", 8, sp, 2, &n), UF_ELIMIT);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(qual_sentences("   \n ", 5, sp, 2, &n), UF_OK);
	ck_assert_int_eq(n, 0);
}
END_TEST

START_TEST(body_checks)
{
	char *big;

	ck_assert_int_eq(qual_body_check("Hej.\n", 5), QUAL_BODY_OK);
	ck_assert_int_eq(qual_body_check("", 0), QUAL_BODY_EMPTY);
	ck_assert_int_eq(qual_body_check(" \r\n\t", 4), QUAL_BODY_EMPTY);
	ck_assert_int_eq(qual_body_check("Hej \xE5 d\xE5", 8), QUAL_BODY_NOT_UTF8); /* Latin-1 */
	ck_assert_int_eq(qual_body_check("a\0b", 3), QUAL_BODY_CONTROL);
	ck_assert_int_eq(qual_body_check("a\x1b[0m", 5), QUAL_BODY_CONTROL);
	big = malloc(QUAL_BODY_MAX + 1);
	ck_assert_ptr_nonnull(big);
	memset(big, 'a', QUAL_BODY_MAX + 1);
	ck_assert_int_eq(qual_body_check(big, QUAL_BODY_MAX + 1), QUAL_BODY_TOO_BIG);
	/* within the bytes but over the characters */
	ck_assert_int_eq(qual_body_check(big, QUAL_BODY_CHARS_MAX + 1), QUAL_BODY_TOO_BIG);
	ck_assert_int_eq(qual_body_check(big, QUAL_BODY_CHARS_MAX), QUAL_BODY_OK);
	free(big);
	ck_assert_str_ne(qual_body_message(QUAL_BODY_NOT_UTF8), "");
}
END_TEST

START_TEST(byte_offsets)
{
	const char *s = "Åsa då";

	ck_assert_int_eq(qual_byte_at(s, strlen(s), 0), 0);
	ck_assert_int_eq(qual_byte_at(s, strlen(s), 1), 2);
	ck_assert_int_eq(qual_byte_at(s, strlen(s), 5), 6);
	ck_assert_int_eq(qual_byte_at(s, strlen(s), 6), 8);
	ck_assert_int_eq(qual_byte_at(s, strlen(s), 99), 8);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("qual");
	TCase *t = tcase_create("pure");

	tcase_add_loop_test(t, kappa_reference, 0, (int)(sizeof(kcases) / sizeof(kcases[0])));
	tcase_add_test(t, kappa_no_segments);
	tcase_add_test(t, kappa_from_spans);
	tcase_add_test(t, sentences_split);
	tcase_add_test(t, sentences_quotes_and_numbers);
	tcase_add_test(t, sentences_limit);
	tcase_add_test(t, body_checks);
	tcase_add_test(t, byte_offsets);
	suite_add_tcase(s, t);
	return check_run(s);
}
