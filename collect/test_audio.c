/* SPDX-License-Identifier: ISC
 * Tests for the read-aloud players (collect/collect_audio.c): which file a
 * question links for a language and variant -- easy falls back to plain, a
 * longer tag to its shorter form, a language the instrument lacks to
 * Swedish -- and no player where the manifest has no file.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "collect_audio.h"
#include "form.h"
#include "html.h"
#include "lang.h"

static const char instrument[] =
    "{\"format\": 1, \"id\": \"t\", \"version\": 3, \"group\": \"patient\","
    " \"title\": {\"sv\": \"Test\"}, \"layout\": \"one_per_page\", \"waves\": [24],"
    " \"themes\": [{\"id\": \"th\", \"sv\": \"Tema\"}],"
    " \"items\": [{\"id\": \"q1\", \"theme\": \"th\", \"type\": \"likert5\", \"sv\": \"Fråga ett?\"},"
    " {\"id\": \"q2\", \"theme\": \"th\", \"type\": \"likert5\", \"sv\": \"Fråga två?\"}]}";
static const char english[] =
    "{\"format\": 1, \"instrument\": \"t\", \"version\": 3, \"lang\": \"en\","
    " \"machine_assisted\": false, \"title\": \"Test\", \"themes\": {\"th\": \"Theme\"},"
    " \"items\": {\"q1\": {\"text\": \"Question one?\"}, \"q2\": {\"text\": \"Question two?\"}}}";
/* q1 in sv plain and easy and in en plain; q2 in no language. */
static const char manifest[] =
    "uppfolj-audio 1\n"
    "item\tt\t3\tsv\tplain\tq1\tt/3/sv/plain/q1.00000000000000a1.opus\n"
    "item\tt\t3\tsv\teasy\tq1\tt/3/sv/easy/q1.00000000000000b2.opus\n"
    "item\tt\t3\ten\tplain\tq1\tt/3/en/plain/q1.00000000000000c3.opus\n"
    "item\tt\t4\tsv\tplain\tq2\tt/4/sv/plain/q2.00000000000000d4.opus\n";

static struct form *f;
static struct buf out;

static void
setup(void)
{
	char path[] = "/tmp/test_audio.XXXXXX", msg[256];
	struct form_error err;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, manifest, sizeof manifest - 1), (ssize_t)(sizeof manifest - 1));
	ck_assert_int_eq(close(fd), 0);
	ck_assert_int_eq(audio_manifest_load(path, msg, sizeof msg), UF_OK);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(form_parse(instrument, strlen(instrument), "t.json", &f, &err), UF_OK);
	ck_assert_int_eq(form_translation_add(f, english, strlen(english), "t-3.en.json", &err),
	    UF_OK);
	buf_init(&out, 1u << 16);
}

static void
teardown(void)
{
	buf_free(&out);
	form_free(f);
	audio_manifest_free();
}

/* The src of the player audio_item writes, or "" for none. */
static const char *
player_src(size_t item, const char *lang, bool easy)
{
	static char src[256];
	struct hw w;
	const char *p, *q;

	buf_reset(&out);
	hw_init(&w, &out);
	audio_item(&w, f, item, lang, easy);
	ck_assert_int_eq(hw_done(&w), UF_OK);
	src[0] = '\0';
	if (!(p = strstr(buf_str(&out), " src=\"")))
		return src;
	p += 6;
	q = strchr(p, '"');
	ck_assert_ptr_nonnull(q);
	snprintf(src, sizeof src, "%.*s", (int)(q - p), p);
	return src;
}

START_TEST(test_variants_and_languages)
{
	ck_assert_uint_eq(audio_manifest_count(), 4);
	ck_assert_str_eq(player_src(0, "sv", false), "/audio/t/3/sv/plain/q1.00000000000000a1.opus");
	ck_assert_str_eq(player_src(0, "sv", true), "/audio/t/3/sv/easy/q1.00000000000000b2.opus");
	/* English has no easy file: its plain one, not Swedish easy. */
	ck_assert_str_eq(player_src(0, "en", true), "/audio/t/3/en/plain/q1.00000000000000c3.opus");
	ck_assert_str_eq(player_src(0, "en-GB", false), "/audio/t/3/en/plain/q1.00000000000000c3.opus");
	/* The instrument has no Arabic: the page shows Swedish, so does the player. */
	ck_assert_str_eq(player_src(0, "ar", false), "/audio/t/3/sv/plain/q1.00000000000000a1.opus");
	ck_assert_str_eq(player_src(0, NULL, false), "/audio/t/3/sv/plain/q1.00000000000000a1.opus");
}
END_TEST

START_TEST(test_no_file_no_player)
{
	/* q2 is listed only for another version of the instrument. */
	ck_assert_str_eq(player_src(1, "sv", false), "");
	ck_assert_uint_eq(out.len, 0);
}
END_TEST

START_TEST(test_player_markup)
{
	player_src(0, "sv", false);
	ck_assert_str_eq(buf_str(&out),
	    "<div class=\"listen\"><span class=\"listen-label\" id=\"listen-q1\">Lyssna</span> "
	    "<audio controls preload=\"none\" aria-labelledby=\"listen-q1\" "
	    "src=\"/audio/t/3/sv/plain/q1.00000000000000a1.opus\"></audio></div>\n");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("audio");
	TCase *tc = tcase_create("players");
	SRunner *sr;
	char msg[256];
	int failed;

	/* The UI strings (the player's label), once for the process as in
	 * uppfolj-collect; kept until exit. */
	if (lang_table_load(UF_TEST_FORMS_DIR, msg, sizeof msg) != UF_OK) {
		fprintf(stderr, "test_audio: %s\n", msg);
		return EXIT_FAILURE;
	}

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_variants_and_languages);
	tcase_add_test(tc, test_no_file_no_player);
	tcase_add_test(tc, test_player_markup);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
