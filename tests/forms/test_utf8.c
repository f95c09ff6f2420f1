/* SPDX-License-Identifier: ISC
 * Unit tests of lib/utf8.c, the one UTF-8 decoder: the boundaries of strict
 * UTF-8 (overlongs, surrogates, U+10FFFF), decoding one code point, cuts on
 * whole characters, character counting and the free-text rules.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "utf8.h"
#include "../unit/check_run.h"

#define V(s)     utf8_valid((s), sizeof(s) - 1)
#define T(s)     utf8_text_ok((s), sizeof(s) - 1)

#define D(s, cp) utf8_decode((s), sizeof(s) - 1, (cp))

START_TEST(decode_one)
{
	unsigned long cp = 7;

	ck_assert_uint_eq(D("A", &cp), 1);
	ck_assert_uint_eq(cp, 0x41);
	ck_assert_uint_eq(D("\xc3\xa4x", &cp), 2); /* ä, then more text */
	ck_assert_uint_eq(cp, 0xe4);
	ck_assert_uint_eq(D("\xe2\x80\x93", &cp), 3); /* – U+2013 */
	ck_assert_uint_eq(cp, 0x2013);
	ck_assert_uint_eq(D("\xf4\x8f\xbf\xbf", &cp), 4); /* U+10FFFF */
	ck_assert_uint_eq(cp, 0x10ffff);
	/* refused: nothing, cut short, stray continuation, overlong,
	 * surrogate, beyond U+10FFFF; *cp untouched */
	cp = 7;
	ck_assert_uint_eq(utf8_decode("", 0, &cp), 0);
	ck_assert_uint_eq(utf8_decode(NULL, 3, &cp), 0);
	ck_assert_uint_eq(utf8_decode("\xc3\xa4", 1, &cp), 0);
	ck_assert_uint_eq(D("\xa4", &cp), 0);
	ck_assert_uint_eq(D("\xc0\x80", &cp), 0);
	ck_assert_uint_eq(D("\xe0\x9f\xbf", &cp), 0);
	ck_assert_uint_eq(D("\xed\xa0\x80", &cp), 0);
	ck_assert_uint_eq(D("\xf4\x90\x80\x80", &cp), 0);
	ck_assert_uint_eq(cp, 7);
}
END_TEST

START_TEST(cuts_on_whole_characters)
{
	static const char s[] = "a\xc3\xa4\xe2\x80\x93\xf0\x9f\x98\x80"; /* aä–😀 */

	ck_assert(!utf8_continues('a'));
	ck_assert(!utf8_continues(0xc3));
	ck_assert(utf8_continues(0xa4));
	ck_assert_uint_eq(utf8_lead_len('a'), 1);
	ck_assert_uint_eq(utf8_lead_len(0xc3), 2);
	ck_assert_uint_eq(utf8_lead_len(0xe2), 3);
	ck_assert_uint_eq(utf8_lead_len(0xf0), 4);
	ck_assert_uint_eq(utf8_lead_len(0x80), 1); /* a stray byte moves on by 1 */
	/* byte offsets 0 a, 1-2 ä, 3-5 –, 6-9 😀 */
	ck_assert_uint_eq(utf8_floor(s, 0), 0);
	ck_assert_uint_eq(utf8_floor(s, 1), 1);
	ck_assert_uint_eq(utf8_floor(s, 2), 1);
	ck_assert_uint_eq(utf8_floor(s, 3), 3);
	ck_assert_uint_eq(utf8_floor(s, 5), 3);
	ck_assert_uint_eq(utf8_floor(s, 9), 6);
	ck_assert_uint_eq(utf8_floor(s, 10), 10); /* at the NUL: whole */
}
END_TEST

START_TEST(valid_boundaries)
{
	ck_assert(V(""));
	ck_assert(V("abc"));
	ck_assert(V("\x7f"));             /* U+007F */
	ck_assert(V("\xc2\x80"));         /* U+0080 */
	ck_assert(V("\xdf\xbf"));         /* U+07FF */
	ck_assert(V("\xe0\xa0\x80"));     /* U+0800 */
	ck_assert(V("\xed\x9f\xbf"));     /* U+D7FF */
	ck_assert(V("\xee\x80\x80"));     /* U+E000 */
	ck_assert(V("\xef\xbf\xbf"));     /* U+FFFF */
	ck_assert(V("\xf0\x90\x80\x80")); /* U+10000 */
	ck_assert(V("\xf4\x8f\xbf\xbf")); /* U+10FFFF */
	ck_assert(V("Stämmer ganska bra – 2–5 gånger"));
	ck_assert(utf8_valid(NULL, 0));
}
END_TEST

START_TEST(overlong_rejected)
{
	ck_assert(!V("\xc0\x80")); /* NUL, 2 bytes */
	ck_assert(!V("\xc0\xaf")); /* '/', 2 bytes */
	ck_assert(!V("\xc1\xbf"));
	ck_assert(!V("\xe0\x80\x80"));
	ck_assert(!V("\xe0\x9f\xbf")); /* U+07FF in 3 bytes */
	ck_assert(!V("\xf0\x80\x80\x80"));
	ck_assert(!V("\xf0\x8f\xbf\xbf")); /* U+FFFF in 4 bytes */
}
END_TEST

START_TEST(surrogates_and_range_rejected)
{
	ck_assert(!V("\xed\xa0\x80"));             /* U+D800 */
	ck_assert(!V("\xed\xbf\xbf"));             /* U+DFFF */
	ck_assert(!V("\xed\xa0\xbd\xed\xb8\x80")); /* CESU-8 pair */
	ck_assert(!V("\xf4\x90\x80\x80"));         /* U+110000 */
	ck_assert(!V("\xf5\x80\x80\x80"));
	ck_assert(!V("\xf8\x88\x80\x80\x80"));
	ck_assert(!V("\xff"));
	ck_assert(!V("\xfe"));
}
END_TEST

START_TEST(broken_sequences_rejected)
{
	ck_assert(!V("\x80")); /* lone continuation */
	ck_assert(!V("a\xbf"));
	ck_assert(!V("\xc3")); /* truncated at the end */
	ck_assert(!V("\xe2\x82"));
	ck_assert(!V("\xf0\x9f\x98"));
	ck_assert(!V("\xc3\x41")); /* continuation missing */
	ck_assert(!V("\xe2\x28\xa1"));
	ck_assert(!V("ok\xe5ok")); /* Latin-1 å */
	/* The length is honoured: a valid prefix of an invalid buffer. */
	ck_assert(utf8_valid("\xc3\xa5\xff", 2));
	ck_assert(!utf8_valid("\xc3\xa5\xff", 3));
	ck_assert(!utf8_valid("\xc3\xa5", 1));
}
END_TEST

START_TEST(chars_counted)
{
	ck_assert_uint_eq(utf8_chars("", 0), 0);
	ck_assert_uint_eq(utf8_chars("abc", 3), 3);
	ck_assert_uint_eq(utf8_chars("åäö", strlen("åäö")), 3);
	ck_assert_uint_eq(strlen("åäö"), 6);
	ck_assert_uint_eq(utf8_chars("a–b", strlen("a–b")), 3);
	ck_assert_uint_eq(utf8_chars("\xf0\x9f\x98\x80x", 5), 2);
}
END_TEST

START_TEST(text_rules)
{
	ck_assert(T("Hej!\tRad ett\r\nRad två\n"));
	ck_assert(T("åäö ÅÄÖ é ü"));
	ck_assert(!T("a\0b")); /* NUL inside the length */
	ck_assert(!T("\x01"));
	ck_assert(!T("a\x1b[31mb")); /* ESC */
	ck_assert(!T("\x1f"));
	ck_assert(!T("\x7f"));     /* DEL */
	ck_assert(!T("\x0b"));     /* vertical tab */
	ck_assert(!T("\x0c"));     /* form feed */
	ck_assert(!T("\xff"));     /* not UTF-8 at all */
	ck_assert(!T("\xc0\x8a")); /* overlong newline */
	ck_assert(T(""));
}
END_TEST

/* Cut at every byte of "aå€😀", the length backs up to a boundary. */
START_TEST(whole_prefix)
{
	static const char s[] = "a\xc3\xa5\xe2\x82\xac\xf0\x9f\x98\x80";
	static const size_t want[] = { 0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10 };
	size_t k;

	for (k = 0; k < sizeof(want) / sizeof(want[0]); k++)
		ck_assert_uint_eq(utf8_whole_prefix(s, k), want[k]);
	ck_assert_uint_eq(utf8_whole_prefix("\x80\x80", 2), 2); /* not ours to judge */
}
END_TEST

static Suite *
utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("utf8");

	tcase_add_test(tc, valid_boundaries);
	tcase_add_test(tc, overlong_rejected);
	tcase_add_test(tc, surrogates_and_range_rejected);
	tcase_add_test(tc, broken_sequences_rejected);
	tcase_add_test(tc, chars_counted);
	tcase_add_test(tc, text_rules);
	tcase_add_test(tc, whole_prefix);
	tcase_add_test(tc, decode_one);
	tcase_add_test(tc, cuts_on_whole_characters);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(utf8_suite());
}
