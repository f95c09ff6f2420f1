/* SPDX-License-Identifier: ISC
 * Unit tests of the pure parts of manage/: panel ids, code sheet URLs,
 * user name and password rules, token hashing, format names, rates as
 * people and machines read them, wave dates, session limits, the Swedish
 * error report, the unit vocabularies and the exports' fixed columns.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "accesspdf.h"
#include "buf.h"
#include "codes.h"
#include "codesheet.h"
#include "pdfdoc.h"
#include "erase.h"
#include "export.h"
#include "export_model.h"
#include "rates.h"
#include "studies.h"
#include "study.h"
#include "units.h"
#include "waves.h"
#include "users.h"
#include "../unit/check_run.h"

/* Pages in a PDF that libharu wrote (page dictionaries are not compressed). */
static int
pdf_pages(const struct buf *b)
{
	static const char key[] = "/Type /Page\n";
	int n = 0;

	for (size_t i = 0; i + sizeof(key) - 1 <= b->len; i++)
		if (memcmp(b->data + i, key, sizeof(key) - 1) == 0)
			n++;
	return n;
}

static uf_err
render(const char *json, const char *font_dir, struct buf *pdf)
{
	return accesspdf_render(json, strlen(json), NULL, font_dir, pdf);
}

START_TEST(pdf_fit_whole_characters)
{
	struct pdfdoc d;
	HPDF_Font f;
	char text[512];
	size_t n, len;
	float w;

	ck_assert_int_eq(pdfdoc_open(&d, "test", "uppfolj", "test"), UF_OK);
	f = pdfdoc_font(&d, NULL, "DejaVuSans.ttf");
	ck_assert_ptr_nonnull(f);
	ck_assert(pdfdoc_add_page(&d));
	ck_assert_int_eq(HPDF_Page_SetFontAndSize(d.page, f, 10), HPDF_OK);
	/* One ASCII letter, then two-byte letters: every cut must land on a
	 * character start, at any width. */
	strcpy(text, "x");
	for (int i = 0; i < 200; i++)
		strcat(text, "ä");
	len = strlen(text);
	for (w = 5; w < 400; w += 7.3f) {
		n = pdfdoc_fit(d.page, text, w, false);
		ck_assert_msg(n >= 1 && n <= len, "width %.1f: %zu", (double)w, n);
		ck_assert_msg(n == len || ((unsigned char)text[n] & 0xC0) != 0x80,
		    "width %.1f: cut inside a character at %zu", (double)w, n);
	}
	/* Too narrow for anything: still one whole character. */
	ck_assert_uint_eq(pdfdoc_fit(d.page, "äbc", 0.1f, false), 2);
	ck_assert_uint_eq(pdfdoc_fit(d.page, "", 100, true), 0);
	/* Wrapping ends after a space that fits; a text that fits is whole. */
	n = pdfdoc_fit(d.page, "ord ord ord ord ord ord ord ord ord", 60, true);
	ck_assert(n > 0 && n < 35);
	ck_assert_int_eq("ord ord ord ord ord ord ord ord ord"[n - 1], ' ');
	ck_assert_uint_eq(pdfdoc_fit(d.page, "kort", 300, true), 4);
	pdfdoc_close(&d, UF_OK);
}
END_TEST

START_TEST(access_pdf)
{
	struct buf json, pdf;
	size_t i;

	/* One free-text answer of 6,000 two-byte characters after one
	 * one-byte character, without spaces, with a line break every 1,500:
	 * lines longer than a chunk, wrapped, cut on whole characters, paged. */
	buf_init(&json, 0);
	buf_init(&pdf, 0);
	ck_assert_int_eq(buf_adds(&json, "{\"panel_id\":\"P-ABC123\",\"group\":\"patient\","
	                                 "\"unit\":\"psykiatri, heldygnsvård\",\"waves\":[{\"months\":24,"
	                                 "\"consent\":\"given\",\"consent_at\":\"2025-03-01 10:00:00+00\","
	                                 "\"questionnaire\":\"Om din kontakt\",\"status\":\"submitted\","
	                                 "\"submitted_at\":\"2025-03-01 10:20:00+00\",\"answers\":["
	                                 "{\"item\":\"p_fritt\",\"question\":\"Vill du berätta mer?\",\"answer\":\"x"),
	    UF_OK);
	for (i = 0; i < 6000; i++)
		ck_assert_int_eq(buf_adds(&json, i % 1500 == 1499 ? "\\n" : "ä"), UF_OK);
	ck_assert_int_eq(buf_adds(&json, "\"}]},{\"months\":36,\"consent\":\"declined\","
	                                 "\"consent_at\":null,\"questionnaire\":null,\"status\":null,"
	                                 "\"submitted_at\":null,\"answers\":[]}]}"),
	    UF_OK);
	ck_assert_int_eq(accesspdf_render(json.data, json.len, "2026-01-02", NULL, &pdf), UF_OK);
	ck_assert(pdf.len > 1000);
	ck_assert_int_eq(memcmp(pdf.data, "%PDF-", 5), 0);
	ck_assert_int_ge(pdf_pages(&pdf), 2);
	buf_free(&pdf);

	/* Not export_access's shape: refused, nothing written. */
	buf_init(&pdf, 0);
	ck_assert_int_eq(render("{\"panel_id\":\"P-ABC123\"}", NULL, &pdf), UF_EINVAL);
	ck_assert_int_eq(render("{\"panel_id\":\"P-ABC123\",\"group\":\"ingen\","
	                        "\"waves\":[]}",
	                     NULL, &pdf),
	    UF_EINVAL);
	ck_assert_int_eq(render("[1,", NULL, &pdf), UF_EINVAL);
	ck_assert_int_eq(render("{\"panel_id\":\"P-ABC123\",\"group\":\"chef\","
	                        "\"unit\":\"x\",\"waves\":[{\"months\":\"tolv\",\"answers\":[]}]}",
	                     NULL,
	                     &pdf),
	    UF_EINVAL);
	ck_assert_uint_eq(pdf.len, 0);
	/* No fonts where they are looked for. */
	ck_assert_int_eq(render("{\"panel_id\":\"P-ABC123\",\"group\":\"chef\","
	                        "\"unit\":\"x\",\"waves\":[]}",
	                     "/nonexistent", &pdf),
	    UF_EIO);
	ck_assert_uint_eq(pdf.len, 0);
	buf_free(&pdf);
	buf_free(&json);
}
END_TEST

START_TEST(panel_ids)
{
	char id[PANEL_ID_MAX], other[PANEL_ID_MAX];
	int g, i, same = 0;

	for (g = 0; g < GROUP__MAX; g++)
		for (i = 0; i < 200; i++) {
			ck_assert_int_eq(panel_id_generate((enum respondent_group)g, id), UF_OK);
			ck_assert_msg(panel_id_ok(id), "bad panel id %s", id);
			ck_assert_uint_eq(strlen(id), 2 + PANEL_RAND_LEN);
			ck_assert_ptr_null(strpbrk(id + 2, "01IOL"));
			ck_assert_int_eq(panel_id_generate((enum respondent_group)g, other), UF_OK);
			same += strcmp(id, other) == 0;
		}
	ck_assert_int_lt(same, 2);
	ck_assert_int_eq(panel_id_generate(GROUP__MAX, id), UF_EINVAL);
	ck_assert(panel_id_ok("B-7KQ4"));
	ck_assert(panel_id_ok("ABC-123456789012"));
	ck_assert(!panel_id_ok("B-7KQ"));           /* too short */
	ck_assert(!panel_id_ok("b-7KQ4XM"));        /* lower case */
	ck_assert(!panel_id_ok("ABCD-7KQ4XM"));     /* 4 letters */
	ck_assert(!panel_id_ok("B7KQ4XM"));         /* no dash */
	ck_assert(!panel_id_ok("B-7KQ4XM'"));       /* stray quote */
	ck_assert(!panel_id_ok("B-1234567890123")); /* 13 after the dash */
	ck_assert(!panel_id_ok(NULL));
}
END_TEST

START_TEST(sheet_urls)
{
	char link[256];

	ck_assert(codesheet_base_url_ok("http://127.0.0.1:8080"));
	ck_assert(codesheet_base_url_ok("https://enkat.example.se/uppfolj/"));
	ck_assert(!codesheet_base_url_ok("ftp://x"));
	ck_assert(!codesheet_base_url_ok("http://"));
	ck_assert(!codesheet_base_url_ok("http:///path"));
	ck_assert(!codesheet_base_url_ok("http://a b"));
	ck_assert(!codesheet_base_url_ok("http://a/?x=1"));
	ck_assert(!codesheet_base_url_ok("http://a/#f"));
	ck_assert(!codesheet_base_url_ok("http://a/\"><script>"));
	ck_assert(!codesheet_base_url_ok("http://vård.se"));
	ck_assert(!codesheet_base_url_ok(NULL));
	ck_assert_int_eq(codesheet_link("https://e.se/u/", "ABCDEFGHJ", link,
	                     sizeof(link)),
	    UF_OK);
	ck_assert_str_eq(link, "https://e.se/u/k/ABCDEFGHJ");
	ck_assert_int_eq(codesheet_link("http://a", "ABCDEFGHJ", link, sizeof(link)),
	    UF_OK);
	ck_assert_str_eq(link, "http://a/k/ABCDEFGHJ");
	ck_assert_int_eq(codesheet_link("http://a", "ABC", link, sizeof(link)),
	    UF_EINVAL);
	ck_assert_int_eq(codesheet_link("http://a", "ABCDEFGHJ", link, 10),
	    UF_ELIMIT);
}
END_TEST

START_TEST(user_rules)
{
	enum user_role r;

	ck_assert(user_name_ok("admin"));
	ck_assert(user_name_ok("anna.berg-2"));
	ck_assert(!user_name_ok("a"));
	ck_assert(!user_name_ok("Admin"));
	ck_assert(!user_name_ok("1admin"));
	ck_assert(!user_name_ok("ad min"));
	ck_assert(user_name_ok("a234567890123456789012345678901234567890"));
	ck_assert(!user_name_ok("a2345678901234567890123456789012345678901"));
	ck_assert(!user_name_ok(NULL));
	ck_assert(user_password_ok("correct horse", 13));
	ck_assert(user_password_ok("lösenord-åäö", strlen("lösenord-åäö")));
	ck_assert(!user_password_ok("short", 5));
	ck_assert(!user_password_ok("has\nnewline!!", 13));
	ck_assert(!user_password_ok("nul\0inside!!", 12));
	ck_assert(!user_password_ok("bad utf8 \xff\xfe!", 13));
	ck_assert(user_role_parse("unit_contact", &r) && r == ROLE_UNIT_CONTACT);
	ck_assert(!user_role_parse("root", &r));
	ck_assert_str_eq(user_role_name(ROLE_EVALUATOR), "evaluator");
}
END_TEST

START_TEST(token_hash)
{
	char h[2 + 2 * CODE_HASH_LEN + 1];

	/* SHA-256("abc"), the FIPS 180-2 test vector: the database computes
	 * sha256(convert_to(token, 'UTF8')) and must get the same bytes. */
	session_token_hash("abc", h);
	ck_assert_str_eq(h, "\\xba7816bf8f01cfea414140de5dae2223"
	                    "b00361a396177a9cb410ff61f20015ad");
	ck_assert(!session_csrf_ok("00", "abc"));
	ck_assert(!session_csrf_ok(h + 2, "abc")); /* not a token shape */
}
END_TEST

START_TEST(formats)
{
	enum export_format f;

	ck_assert(export_format_parse("wide", &f) && f == EXPORT_WIDE);
	ck_assert(!export_format_parse("xlsx", &f));
	ck_assert(!export_format_parse(NULL, &f));
	ck_assert_str_eq(export_format_name(EXPORT_CODEBOOK), "codebook");
	ck_assert(export_format_parse("sav", &f) && f == EXPORT_SAV);
	ck_assert(export_format_parse("dta", &f) && f == EXPORT_DTA);
	ck_assert(export_format_parse("r", &f) && f == EXPORT_R);
	ck_assert(!export_format_parse("R", &f));
	ck_assert(export_unit_kind_ok("heldygnsvard"));
	ck_assert(!export_unit_kind_ok("sjukhus"));
	ck_assert(!export_unit_kind_ok(NULL));
}
END_TEST

START_TEST(rate_texts)
{
	struct rate_row r;
	char b[24];

	memset(&r, 0, sizeof(r));
	r.rate = 42.5;
	r.rate_shown = true;
	/* People read a Swedish decimal comma; CSV keeps the point. */
	ck_assert_str_eq(rate_rate_text(&r, b), "42,5 %");
	ck_assert_str_eq(rate_rate_csv(&r, b), "42.5");
	r.rate = 100;
	ck_assert_str_eq(rate_rate_text(&r, b), "100,0 %");
	r.rate_shown = false;
	ck_assert_str_eq(rate_rate_text(&r, b), "–");
	ck_assert_str_eq(rate_rate_csv(&r, b), "");
	ck_assert_str_eq(rate_count_text(RATE_MASKED, b), "<5");
}
END_TEST

START_TEST(wave_dates)
{
	ck_assert(wave_date_ok("2026-11-01"));
	ck_assert(wave_date_ok("2028-02-29"));
	ck_assert(!wave_date_ok("2027-02-29"));
	ck_assert(!wave_date_ok("2026-02-30"));
	ck_assert(!wave_date_ok("2026-13-01"));
	ck_assert(!wave_date_ok("1.11.2026"));
	ck_assert(!wave_date_ok("2026-1-01"));
	ck_assert(!wave_date_ok("1999-12-31"));
	ck_assert(!wave_date_ok(NULL));
}
END_TEST

START_TEST(session_limits)
{
	struct session_limits l = { 30, 8 };

	ck_assert(session_limits_ok(&session_limits_default));
	ck_assert_int_eq(session_limits_default.idle_minutes, 30);
	ck_assert_int_eq(session_limits_default.max_hours, 8);
	ck_assert(session_limits_ok(&l));
	l.idle_minutes = SESSION_IDLE_MINUTES_MIN - 1;
	ck_assert(!session_limits_ok(&l));
	l.idle_minutes = 120;
	l.max_hours = 1;
	ck_assert(!session_limits_ok(&l)); /* idle longer than the maximum */
	l.max_hours = SESSION_MAX_HOURS_MAX + 1;
	ck_assert(!session_limits_ok(&l));
	ck_assert(!session_limits_ok(NULL));
}
END_TEST

START_TEST(error_report)
{
	struct manage_error err;

	manage_error_clear(&err);
	ck_assert_str_eq(err.msg, "");
	/* Empty: a generic Swedish sentence, never an error name. */
	ck_assert(strstr(manage_error_text(&err, UF_EDB), "Databasen") != NULL);
	ck_assert(strstr(manage_error_text(NULL, UF_EINTERNAL), "EINTERNAL") == NULL);
	manage_fail(&err, "wave", "Det finns ingen omgång vid %d månader.", 99);
	ck_assert_str_eq(err.field, "wave");
	ck_assert_str_eq(manage_error_text(&err, UF_ENOTFOUND),
	    "Det finns ingen omgång vid 99 månader.");
	manage_fail(NULL, "x", "ignored"); /* NULL-safe */
}
END_TEST

START_TEST(unit_vocab)
{
	size_t n = 0;
	const char *const *k = unit_kinds(&n);

	ck_assert_int_eq((int)n, 5);
	ck_assert_str_eq(k[0], "heldygnsvard");
	ck_assert_str_eq(unit_kind_label("boendestod"), "Boendestöd");
	ck_assert(unit_kind_label("sjukhus") == NULL);
	ck_assert_str_eq(unit_huvudman_label("kommun"), "Kommun");
	ck_assert(unit_huvudman_label(NULL) == NULL);
}
END_TEST

START_TEST(study_slugs)
{
	ck_assert(study_slug_ok("demo"));
	ck_assert(study_slug_ok("peer-2026"));
	ck_assert(study_slug_ok("2026"));
	ck_assert(study_slug_ok("a234567890123456789012345678901234567890"));
	ck_assert(!study_slug_ok("a2345678901234567890123456789012345678901"));
	ck_assert(!study_slug_ok("-demo"));
	ck_assert(!study_slug_ok("Demo"));
	ck_assert(!study_slug_ok("de_mo"));
	ck_assert(!study_slug_ok("de mo"));
	ck_assert(!study_slug_ok(""));
	ck_assert(!study_slug_ok(NULL));
	ck_assert(manage_text_ok("Studie ÅÄÖ", 10));
	ck_assert(!manage_text_ok("Studie ÅÄÖ", 9));
	ck_assert(!manage_text_ok("a\nb", 10));
}
END_TEST

/* The fixed columns of an export read from the typed response row: the
 * text of number columns is the number, the table's number flag and
 * xfixed_text/xfixed_num agree for every column. */
START_TEST(fixed_columns)
{
	struct m_export_response r = { .response_id = 7,
		.panel_id = "P-0001",
		.grp = "patient",
		.unit = "Avdelning 3",
		.unit_kind = "psykiatri",
		.months = 24,
		.opens_on = "2027-01-01",
		.closes_on = "2027-02-28",
		.instrument_id = "patient",
		.version = 3,
		.submitted_at = "2027-01-05T10:00:00Z",
		.lang = "ar",
		.easy = true };
	char b[32], n[32];
	size_t k;

	ck_assert_str_eq(xfixed_text(&r, XF_PANEL, b), "P-0001");
	ck_assert_str_eq(xfixed_text(&r, XF_UNIT, b), "Avdelning 3");
	ck_assert_str_eq(xfixed_text(&r, XF_CLOSES, b), "2027-02-28");
	ck_assert_str_eq(xfixed_text(&r, XF_LANG, b), "ar");
	ck_assert_str_eq(xfixed_text(&r, XF_WAVE, b), "24");
	ck_assert_str_eq(xfixed_text(&r, XF_VERSION, b), "3");
	ck_assert_str_eq(xfixed_text(&r, XF_EASY, b), "1");
	ck_assert(xfixed_num(&r, XF_WAVE) == 24.0);
	r.easy = false;
	ck_assert_str_eq(xfixed_text(&r, XF_EASY, b), "0");
	ck_assert(xfixed_num(&r, XF_EASY) == 0.0);
	for (k = 0; k < XF__MAX; k++) {
		const char *t = xfixed_text(&r, (enum xfixed)k, b);

		ck_assert_ptr_nonnull(t);
		if (xfixed[k].number)
			ck_assert_str_eq(t, xnum(n, xfixed_num(&r, (enum xfixed)k)));
		else
			ck_assert_ptr_ne(t, b); /* a string of the row, not a number */
	}
}
END_TEST

START_TEST(wave_picks)
{
	struct wave_pick p;

	ck_assert(wave_pick_parse("chef:1", &p));
	ck_assert_int_eq(p.how, WAVE_PICK_GIVEN);
	ck_assert_str_eq(p.instrument, "chef");
	ck_assert_int_eq(p.version, 1);
	ck_assert(wave_pick_parse("patient_b:12", &p));
	ck_assert_int_eq(p.version, 12);
	ck_assert(wave_pick_parse("", &p) && p.how == WAVE_PICK_DEFAULT);
	ck_assert(wave_pick_parse(NULL, &p) && p.how == WAVE_PICK_DEFAULT);
	ck_assert(wave_pick_parse("none", &p) && p.how == WAVE_PICK_NONE);
	ck_assert(!wave_pick_parse("chef", &p));
	ck_assert(!wave_pick_parse("chef:0", &p));
	ck_assert(!wave_pick_parse("chef:01", &p));
	ck_assert(!wave_pick_parse("chef:-1", &p));
	ck_assert(!wave_pick_parse("chef: 1", &p));
	ck_assert(!wave_pick_parse("chef:1x", &p));
	ck_assert(!wave_pick_parse("chef:9999999999", &p));
	ck_assert(!wave_pick_parse("Chef:1", &p));
	ck_assert(!wave_pick_parse(":1", &p));
	ck_assert(!wave_pick_parse("a234567890123456789012345678901234:1", &p));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("manage");
	TCase *tc = tcase_create("pure");

	if (sodium_init() < 0)
		return 1;
	tcase_add_test(tc, pdf_fit_whole_characters);
	tcase_add_test(tc, access_pdf);
	tcase_add_test(tc, panel_ids);
	tcase_add_test(tc, sheet_urls);
	tcase_add_test(tc, user_rules);
	tcase_add_test(tc, token_hash);
	tcase_add_test(tc, formats);
	tcase_add_test(tc, rate_texts);
	tcase_add_test(tc, wave_dates);
	tcase_add_test(tc, session_limits);
	tcase_add_test(tc, error_report);
	tcase_add_test(tc, unit_vocab);
	tcase_add_test(tc, study_slugs);
	tcase_add_test(tc, wave_picks);
	tcase_add_test(tc, fixed_columns);
	suite_add_tcase(s, tc);
	return check_run(s);
}
