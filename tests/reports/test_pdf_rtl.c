/* SPDX-License-Identifier: ISC
 * Right-to-left text in the report PDF (reports/pdf.c over bidi.c): which
 * text the body font can draw shaped (else the report prints a note), and
 * that long, wrapped, multi-paragraph and over-long right-to-left text lays
 * out without failing. The glyph coverage is DejaVu Sans's (fc-query
 * DejaVuSans.ttf: Arabic and Hebrew yes, Syriac U+0700-074F no).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "bidi.h"
#include "pdf.h"
#include "../unit/check_run.h"

static struct pdf *
open_pdf(void)
{
	struct pdf *p = NULL;
	char err[256];
	const char *dir = getenv("UF_FONT_DIR");
	ck_assert_int_eq(pdf_new(dir ? dir : UF_FONT_DIR, &p, err, sizeof err), UF_OK);
	return p;
}

START_TEST(drawable)
{
	struct pdf *p = open_pdf();
	ck_assert(pdf_text_drawable(p, "شكرًا على الدعم."));
	ck_assert(pdf_text_drawable(p, "لا أعرف 25 Anna"));
	ck_assert(pdf_text_drawable(p, "שלום"));
	ck_assert(pdf_text_drawable(p, "Tack för stödet"));
	/* Syriac shlama: right to left, no glyphs in the font */
	ck_assert(!pdf_text_drawable(p, "ܫܠܡܐ"));
	/* one paragraph of several lacking a glyph is enough */
	ck_assert(!pdf_text_drawable(p, "شكرًا\nܫܠܡܐ"));
	/* not UTF-8, or longer than bidi.c takes */
	ck_assert(!pdf_text_drawable(p, "\xd8"));
	size_t big = BIDI_MAX_BYTES + 2;
	char *s = malloc(big + 1);
	ck_assert_ptr_nonnull(s);
	for (size_t i = 0; i < big; i += 2)
		memcpy(s + i, "\xd8\xa8", 2);
	s[big] = '\0';
	ck_assert(!pdf_text_drawable(p, s));
	/* drawn anyway (as it is, unshaped): no failure */
	ck_assert_int_eq(pdf_quote(p, s), UF_OK);
	free(s);
	pdf_free(p);
}
END_TEST

START_TEST(wrapped_paragraphs)
{
	struct pdf *p = open_pdf();
	char path[] = "/tmp/uf-pdf-rtl-XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	/* about six lines at the quote's width, digits and a Latin word inside,
	 * an empty paragraph and a left-to-right one after it */
	char text[4096];
	size_t used = 0;
	for (int i = 0; i < 12; i++) {
		int k = snprintf(text + used, sizeof text - used, "%s",
		    "ساعدتني اللقاءات مع Anna على الخروج من غرفتي 3 مرات أكثر. ");
		ck_assert(k > 0 && (size_t)k < sizeof text - used);
		used += (size_t)k;
	}
	ck_assert(snprintf(text + used, sizeof text - used, "\n\nTack (på arabiska)") > 0);
	ck_assert_int_eq(pdf_heading(p, 1, "Citat"), UF_OK);
	ck_assert_int_eq(pdf_quote(p, text), UF_OK);
	ck_assert_int_eq(pdf_paragraph(p, "”لا” (på arabiska)"), UF_OK);
	ck_assert_int_eq(pdf_finish(p, "test", path), UF_OK);
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	ck_assert_int_gt(ftell(f), 1000);
	fclose(f);
	if (getenv("UF_KEEP_PDF") == NULL)
		unlink(path);
	else
		printf("%s\n", path);
	pdf_free(p);
}
END_TEST

/* Dark pixels of a page holding only the quote text (and the footer),
 * rendered by pdftoppm at 150 dpi in grey. */
static long
ink(const char *text)
{
	struct pdf *p = open_pdf();
	char path[] = "/tmp/uf-pdf-ink-XXXXXX", cmd[128];
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(pdf_need(p, 20), UF_OK); /* the page, even for "" */
	ck_assert_int_eq(pdf_quote(p, text), UF_OK);
	ck_assert_int_eq(pdf_finish(p, "test", path), UF_OK);
	pdf_free(p);
	ck_assert(snprintf(cmd, sizeof cmd, "pdftoppm -q -r 150 -gray %s", path) < (int)sizeof cmd);
	FILE *f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	int w = 0, h = 0, max = 0;
	ck_assert_int_eq(fscanf(f, "P5 %d %d %d", &w, &h, &max), 3);
	ck_assert(fgetc(f) != EOF); /* the one space after the header */
	long dark = 0, n = 0;
	for (int c; (c = fgetc(f)) != EOF; n++)
		dark += c < 128;
	ck_assert_int_eq(pclose(f), 0);
	ck_assert_int_eq(n, (long)w * h);
	unlink(path);
	return dark;
}

START_TEST(nested_glyph_parts_embedded)
{
	/* The medial noon U+FEE8 of DejaVu Sans is a dot over a dotless
	 * tooth that is itself composite; libharu alone embeds the dot only
	 * (seen: "تني" drew as a flat line with dots), less ink than the bare
	 * joining line U+0640 (tatweel). With its parts it has more. */
	long base = ink(""), noon = ink("\uFEE8\uFEE8\uFEE8\uFEE8\uFEE8\uFEE8\uFEE8\uFEE8"),
	     line = ink("\u0640\u0640\u0640\u0640\u0640\u0640\u0640\u0640");
	printf("ink: page %ld, tatweel %ld, medial noon %ld\n", base, line, noon);
	ck_assert_int_gt(line, base);
	ck_assert_int_gt(noon, line);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("pdf_rtl");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, drawable);
	tcase_add_test(tc, wrapped_paragraphs);
	tcase_add_test(tc, nested_glyph_parts_embedded);
	suite_add_tcase(s, tc);
	return check_run(s);
}
