/* SPDX-License-Identifier: ISC
 * Tests for the read-aloud players (collect/collect_audio.c): which file a
 * question links for a language and variant -- easy falls back to plain, a
 * longer tag to its shorter form, a language the instrument lacks to
 * Swedish -- and no player where the manifest has no file; the information
 * page's player found by the hash of exactly the text it shows, and none
 * for a text filled in with other values. Each player offers Opus, then MP3.
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
#include "info_speech.h"
#include "lang.h"
#include "../tests/unit/check_run.h"

static const char instrument[] =
    "{\"format\": 1, \"id\": \"t\", \"version\": 3, \"group\": \"patient\","
    " \"title\": {\"sv\": \"Test\"}, \"layout\": \"one_per_page\", \"waves\": [24, 36],"
    " \"themes\": [{\"id\": \"th\", \"sv\": \"Tema\"}],"
    " \"items\": [{\"id\": \"q1\", \"theme\": \"th\", \"type\": \"likert5\", \"sv\": \"Fråga ett?\"},"
    " {\"id\": \"q2\", \"theme\": \"th\", \"type\": \"likert5\", \"sv\": \"Fråga två?\"}]}";
static const char english[] =
    "{\"format\": 1, \"instrument\": \"t\", \"version\": 3, \"lang\": \"en\","
    " \"machine_assisted\": false, \"title\": \"Test\", \"themes\": {\"th\": \"Theme\"},"
    " \"items\": {\"q1\": {\"text\": \"Question one?\"}, \"q2\": {\"text\": \"Question two?\"}}}";
/* q1 in sv plain and easy and in en plain; q2 in no language. */
static const char manifest[] =
    "uppfolj-audio 2\n"
    "item\tt\t3\tsv\tplain\tq1\tt/3/sv/plain/q1.00000000000000a1.opus\tt/3/sv/plain/q1.00000000000000a2.mp3\n"
    "item\tt\t3\tsv\teasy\tq1\tt/3/sv/easy/q1.00000000000000b2.opus\tt/3/sv/easy/q1.00000000000000b3.mp3\n"
    "item\tt\t3\ten\tplain\tq1\tt/3/en/plain/q1.00000000000000c3.opus\tt/3/en/plain/q1.00000000000000c4.mp3\n"
    "item\tt\t4\tsv\tplain\tq2\tt/4/sv/plain/q2.00000000000000d4.opus\tt/4/sv/plain/q2.00000000000000d5.mp3\n";

static struct form *f;
static struct buf out;

/* The information texts of the patient group as the pages show them
 * (forms/info/patient.<tag>.json), filled in for the test instrument. */
static const struct info_text *
patient_info(const char *tag, bool easy)
{
	const struct lang_info *li = lang_info(lang_get(tag), "patient");
	ck_assert_ptr_nonnull(li);
	ck_assert(!easy || li->has_easy);
	return easy ? &li->easy : &li->plain;
}

/* "info patient <hash> <tag> <variant> <part> <opus> <mp3>" for the text
 * part of tag's information says filled in with contact at months. */
static void
info_line(struct buf *m, const char *tag, bool easy, enum info_part part, int months,
    const char *contact, const char *stem)
{
	const struct lang *l = lang_get(tag);
	struct info_vars v;
	struct buf text;
	char hash[INFO_HASH_CHARS + 1];

	info_vars_set(&v, f, months, info_contact(l, contact));
	buf_init(&text, INFO_SPOKEN_MAX_BYTES);
	ck_assert_int_eq(info_spoken(&text, l, patient_info(tag, easy), part, &v), UF_OK);
	info_text_hash(buf_str(&text), text.len, hash);
	buf_free(&text);
	ck_assert_int_eq(buf_printf(m, "info\tpatient\t%s\t%s\t%s\t%s\tinfo/%s.opus\tinfo/%s.mp3\n",
	                     hash, tag, easy ? "easy" : "plain", info_part_name(part), stem, stem),
	    UF_OK);
}

static void
setup(void)
{
	char path[] = "/tmp/test_audio.XXXXXX", msg[256];
	struct form_error err;
	struct buf m;
	int fd = mkstemp(path);

	ck_assert_int_eq(form_parse(instrument, strlen(instrument), "t.json", &f, &err), UF_OK);
	ck_assert_int_eq(form_translation_add(f, english, strlen(english), "t-3.en.json", &err),
	    UF_OK);
	/* Information files for 24 months and the default contact: sv plain
	 * (both parts), sv easy summary, en plain summary. */
	buf_init(&m, 1u << 16);
	ck_assert_int_eq(buf_adds(&m, manifest), UF_OK);
	info_line(&m, "sv", false, INFO_PART_SUMMARY, 24, NULL, "sv-summary");
	info_line(&m, "sv", false, INFO_PART_FULL, 24, NULL, "sv-full");
	info_line(&m, "sv", true, INFO_PART_SUMMARY, 24, NULL, "sv-easy-summary");
	info_line(&m, "en", false, INFO_PART_SUMMARY, 24, NULL, "en-summary");
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, m.data, m.len), (ssize_t)m.len);
	ck_assert_int_eq(close(fd), 0);
	buf_free(&m);
	ck_assert_int_eq(audio_manifest_load(path, msg, sizeof msg), UF_OK);
	ck_assert_int_eq(unlink(path), 0);
	buf_init(&out, 1u << 16);
}

static void
teardown(void)
{
	buf_free(&out);
	form_free(f);
	audio_manifest_free();
}

static const char *first_src(void);

/* The src of the player audio_item writes, or "" for none. */
static const char *
player_src(size_t item, const char *lang, bool easy)
{
	struct hw w;

	buf_reset(&out);
	hw_init(&w, &out);
	audio_item(&w, f, item, lang, easy);
	ck_assert_int_eq(hw_done(&w), UF_OK);
	return first_src();
}

/* The first source's src in out, or "" for none. */
static const char *
first_src(void)
{
	static char src[256];
	const char *p, *q;

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
	ck_assert_uint_eq(audio_manifest_count(), 8); /* 4 questions, 4 information texts */
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
	/* Opus first: a browser takes the first source it can play; Safari on
	 * older iPads plays no Ogg Opus and takes the MP3. */
	ck_assert_str_eq(buf_str(&out),
	    "<div class=\"listen\"><span class=\"listen-label\" id=\"listen-q1\">Lyssna</span> "
	    "<audio controls preload=\"none\" aria-labelledby=\"listen-q1\">"
	    "<source src=\"/audio/t/3/sv/plain/q1.00000000000000a1.opus\" type=\"audio/ogg; codecs=opus\">"
	    "<source src=\"/audio/t/3/sv/plain/q1.00000000000000a2.mp3\" type=\"audio/mpeg\">"
	    "</audio></div>\n");
}
END_TEST

/* The information page's player for tag's text (easy variant or not),
 * filled in at months with contact: its first source, or "". */
static const char *
info_src(const char *tag, bool easy, enum info_part part, int months, const char *contact)
{
	const struct lang *l = lang_get(tag);
	struct info_vars v;
	struct hw w;

	info_vars_set(&v, f, months, info_contact(l, contact));
	buf_reset(&out);
	hw_init(&w, &out);
	w.lang = l;
	audio_info(&w, GROUP_PATIENT, l, easy, part, patient_info(tag, easy), &v);
	ck_assert_int_eq(hw_done(&w), UF_OK);
	return first_src();
}

START_TEST(test_info_by_text)
{
	ck_assert_str_eq(info_src("sv", false, INFO_PART_SUMMARY, 24, NULL), "/audio/info/sv-summary.opus");
	ck_assert_str_eq(info_src("sv", false, INFO_PART_FULL, 24, NULL), "/audio/info/sv-full.opus");
	ck_assert_str_eq(info_src("sv", true, INFO_PART_SUMMARY, 24, NULL),
	    "/audio/info/sv-easy-summary.opus");
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "id=\"listen-info-summary\""));
	ck_assert_ptr_nonnull(strstr(buf_str(&out), "src=\"/audio/info/sv-easy-summary.mp3\" "
	                                            "type=\"audio/mpeg\""));
	ck_assert_str_eq(info_src("en", false, INFO_PART_SUMMARY, 24, NULL), "/audio/info/en-summary.opus");
}
END_TEST

START_TEST(test_info_other_text_no_player)
{
	/* No file for the easy full text, nor for English's full text. */
	ck_assert_str_eq(info_src("sv", true, INFO_PART_FULL, 24, NULL), "");
	ck_assert_str_eq(info_src("en", false, INFO_PART_FULL, 24, NULL), "");
	/* Another contact text: the page shows it in the full text, so the
	 * file made with the default would say something else. */
	ck_assert_str_eq(info_src("sv", false, INFO_PART_FULL, 24, "Ring Anna, 036-12 34 56."), "");
	/* At 36 months the full text says "uppföljning 3, 36 månader". */
	ck_assert_str_eq(info_src("sv", false, INFO_PART_FULL, 36, NULL), "");
	ck_assert_uint_eq(out.len, 0);
	/* The summary says neither wave nor contact, and the test instrument
	 * asks the same two questions at both waves: the same text, the same file. */
	ck_assert_str_eq(info_src("sv", false, INFO_PART_SUMMARY, 36, NULL), "/audio/info/sv-summary.opus");
}
END_TEST

START_TEST(test_info_spoken_text)
{
	const struct lang *sv = lang_get("sv");
	struct info_vars v;
	struct buf text;
	char hash[INFO_HASH_CHARS + 1];

	/* What the player says is what the page shows, filled in: the test
	 * instrument's 2 likert questions at 20 s each round up to 1 minute,
	 * shown as at least 2; 24 months is the second wave. */
	info_vars_set(&v, f, 24, info_contact(sv, NULL));
	ck_assert_str_eq(v.questions, "2");
	ck_assert_str_eq(v.minutes, "2");
	ck_assert_str_eq(v.wave, "2");
	buf_init(&text, INFO_SPOKEN_MAX_BYTES);
	ck_assert_int_eq(info_spoken(&text, sv, patient_info("sv", false), INFO_PART_SUMMARY, &v),
	    UF_OK);
	ck_assert_ptr_nonnull(strstr(buf_str(&text), "Det är 2 frågor och tar ungefär 2 minuter."));
	ck_assert_ptr_nonnull(strstr(buf_str(&text), "\nJa: du börjar svara.\n"));
	ck_assert_ptr_null(strchr(buf_str(&text), '{'));
	ck_assert_int_eq(info_spoken(&text, sv, patient_info("sv", false), INFO_PART_FULL, &v),
	    UF_OK);
	ck_assert_ptr_nonnull(strstr(buf_str(&text), "Om utvärderingen.\n"));
	ck_assert_ptr_nonnull(strstr(buf_str(&text), "uppföljning 2, 24 månader"));
	buf_free(&text);
	/* Reference: printf 'uppfolj-info-text 1\0Hej.\n' | sha256sum, first 16. */
	info_text_hash("Hej.\n", 5, hash);
	ck_assert_str_eq(hash, "bba17104902643ed");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("audio");
	TCase *tc = tcase_create("players");
	char msg[256];

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
	tcase_add_test(tc, test_info_by_text);
	tcase_add_test(tc, test_info_other_text_no_player);
	tcase_add_test(tc, test_info_spoken_text);
	suite_add_tcase(s, tc);
	return check_run(s);
}
