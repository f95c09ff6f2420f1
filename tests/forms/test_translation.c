/* SPDX-License-Identifier: ISC
 * Unit tests of lib/form_translation.c and lib/form_text.c: language tags,
 * every kind of problem a translation can have (each counted and named),
 * attaching, and the text lookups with their fallbacks (easy -> plain,
 * language -> Swedish, "en-GB" -> "en") on the shipped patient files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "form.h"
#include "../unit/check_run.h"

#ifndef FORMS_SRC_DIR
#error FORMS_SRC_DIR must name the forms source folder
#endif

/* A small instrument with every translatable kind of text. */
static const char demo_sv[] =
    "{\"format\": 1, \"id\": \"trdemo\", \"version\": 3, \"group\": \"peer\","
    " \"title\": {\"sv\": \"Titel\"}, \"intro\": {\"sv\": \"Inledning för {namn}.\"},"
    " \"layout\": \"theme_per_page\", \"waves\": [12],"
    " \"themes\": [{\"id\": \"t1\", \"sv\": \"Tema ett\"}, {\"id\": \"t2\", \"sv\": \"Tema två\"}],"
    " \"items\": ["
    "  {\"id\": \"val\", \"theme\": \"t1\", \"type\": \"single\", \"sv\": \"Välj\","
    "   \"help_sv\": \"Hjälp\", \"options\": [{\"code\": \"a\", \"sv\": \"A\"}, {\"code\": \"b\", \"sv\": \"B\"}]},"
    "  {\"id\": \"skala\", \"theme\": \"t1\", \"type\": \"vas\", \"sv\": \"Hur?\","
    "   \"min_label\": \"Inte\", \"max_label\": \"Helt\"},"
    "  {\"id\": \"tim\", \"theme\": \"t2\", \"type\": \"number\", \"sv\": \"Timmar\","
    "   \"min\": 0, \"max\": 10, \"unit\": \"timmar\"},"
    "  {\"id\": \"nat\", \"theme\": \"t2\", \"type\": \"grid\", \"sv\": \"Påståenden\","
    "   \"help_sv\": \"Rutnät\", \"statements\": [{\"id\": \"s1\", \"sv\": \"Ett\"}, {\"id\": \"s2\", \"sv\": \"Två\"}]}"
    " ]}";

/* Its complete English translation: the base of every problem case. */
static const char demo_en[] =
    "{\"format\": 1, \"instrument\": \"trdemo\", \"version\": 3, \"lang\": \"en\","
    " \"machine_assisted\": false, \"title\": \"Title\", \"intro\": \"Intro for {namn}.\","
    " \"themes\": {\"t1\": \"Theme one\", \"t2\": \"Theme two\"},"
    " \"grids\": {\"nat\": {\"text\": \"Statements\", \"help\": \"Grid\","
    "   \"easy\": {\"text\": \"Some sentences\"}}},"
    " \"items\": {"
    "  \"val\": {\"text\": \"Choose\", \"help\": \"Help\", \"options\": {\"a\": \"A\", \"b\": \"B\"},"
    "   \"easy\": {\"options\": {\"b\": \"Bee\"}}},"
    "  \"skala\": {\"text\": \"How?\", \"min_label\": \"Not\", \"max_label\": \"Fully\"},"
    "  \"tim\": {\"text\": \"Hours\", \"unit\": \"hours\"},"
    "  \"s1\": {\"text\": \"One\"}, \"s2\": {\"text\": \"Two\"}},"
    " \"easy\": {\"title\": \"Easy title\"}}";

static struct form *F;

static void
setup(void)
{
	struct form_error err;

	ck_assert_int_eq(form_parse(demo_sv, strlen(demo_sv), "trdemo", &F,
	                     &err),
	    UF_OK);
}

static void
teardown(void)
{
	form_free(F);
	F = NULL;
}

/* Collects the problems a parse reports. */
struct seen {
	size_t n;
	char lines[32][512];
};

static void
collect(void *arg, const struct form_error *e)
{
	struct seen *s = arg;

	if (s->n < 32)
		form_error_format(e, s->lines[s->n], sizeof s->lines[0]);
	s->n++;
}

/* demo_en with the text `from` replaced by `to` (which must occur once). */
static char *
variant(const char *from, const char *to)
{
	const char *at = strstr(demo_en, from);
	size_t a, b, c;
	char *out;

	ck_assert_msg(at != NULL, "%s not in demo_en", from);
	ck_assert_ptr_null(strstr(at + 1, from));
	a = (size_t)(at - demo_en);
	b = strlen(to);
	c = strlen(at + strlen(from));
	out = malloc(a + b + c + 1);
	ck_assert_ptr_nonnull(out);
	memcpy(out, demo_en, a);
	memcpy(out + a, to, b);
	memcpy(out + a + b, at + strlen(from), c + 1);
	return out;
}

/* Parse json against F: the problems seen; *ok whether it parsed. */
static struct seen *
problems(const char *json, bool *ok)
{
	static struct seen s;
	struct form_translation *t = NULL;
	struct form_error err;
	uf_err rc;

	memset(&s, 0, sizeof s);
	rc = form_translation_parse(F, json, strlen(json), "x.json", collect,
	    &s, &t, &err);
	*ok = rc == UF_OK;
	if (rc == UF_OK) {
		ck_assert_ptr_nonnull(t);
		ck_assert_uint_eq(s.n, 0);
	} else {
		ck_assert_ptr_null(t);
		ck_assert_uint_ge(s.n, 1);
		/* The first problem is also the one in err. */
		char line[512];
		form_error_format(&err, line, sizeof line);
		ck_assert_str_eq(line, s.lines[0]);
	}
	form_translation_free(t);
	return &s;
}

/* The variant has exactly one problem, and it is `want`. */
static void
one_problem(const char *from, const char *to, const char *want)
{
	char *json = variant(from, to);
	bool ok;
	struct seen *s = problems(json, &ok);

	ck_assert_msg(!ok, "accepted: %s", json);
	ck_assert_msg(s->n == 1, "%zu problems, first: %s", s->n, s->lines[0]);
	ck_assert_str_eq(s->lines[0], want);
	free(json);
}

START_TEST(tags)
{
	static const char *const good[] = { "sv", "en", "ar", "fil",
		"en-x-pseudo", "zh-Hant-TW", "sr-Latn", "en-12345678", NULL };
	static const char *const bad[] = { "", "e", "EN", "engl", "en-", "en--x",
		"en-123456789", "en_GB", "-en", "en-x-", "sv ", "ar\n", NULL };
	char longtag[64];

	for (int i = 0; good[i] != NULL; i++)
		ck_assert_msg(form_lang_tag_valid(good[i]), "%s", good[i]);
	for (int i = 0; bad[i] != NULL; i++)
		ck_assert_msg(!form_lang_tag_valid(bad[i]), "%s", bad[i]);
	/* 35 bytes is the limit; 36 is one too many. */
	memcpy(longtag, "en-aaaaaaaa-bbbbbbbb-cccccccc-dddd", 35);
	ck_assert_uint_eq(strlen(longtag), 34);
	strcpy(longtag, "en-aaaaaaaa-bbbbbbbb-cccccccc-ddddd");
	ck_assert_uint_eq(strlen(longtag), 35);
	ck_assert(form_lang_tag_valid(longtag));
	strcpy(longtag, "en-aaaaaaaa-bbbbbbbb-cccccccc-dddddd");
	ck_assert(!form_lang_tag_valid(longtag));
	ck_assert(!form_lang_tag_valid(NULL));
}
END_TEST

START_TEST(complete_translation_parses)
{
	bool ok;

	problems(demo_en, &ok);
	ck_assert(ok);
}
END_TEST

START_TEST(each_problem_named)
{
	one_problem("\"s2\": {\"text\": \"Two\"}", "\"s2\": {}",
	    "x.json: item s2: missing text");
	one_problem("\"b\": \"B\"}", "\"b\": \"B\", \"c\": \"C\"}",
	    "x.json: item val: option \"c\" does not exist");
	one_problem("\"s1\": {\"text\": \"One\"}", "\"s1\": {\"text\": \"One\"}, \"s9\": {\"text\": \"Nine\"}",
	    "x.json: item \"s9\" does not exist in trdemo version 3");
	one_problem("\"text\": \"Hours\"", "\"text\": \"Hours {who}\"",
	    "x.json: item tim: text has placeholder {who}, which the Swedish has not");
	one_problem("\"Intro for {namn}.\"", "\"Intro for you.\"",
	    "x.json: intro lacks placeholder {namn} of the Swedish");
	one_problem("\"tim\": {\"text\": \"Hours\", \"unit\": \"hours\"}",
	    "\"tim\": {\"text\": \"Hours\", \"unit\": \"hours\", \"help\": \"h\"}",
	    "x.json: item tim: help: the Swedish has no help to translate");
	one_problem("\"unit\": \"hours\"", "\"unit\": \"hours\", \"colour\": 1",
	    "x.json: item tim: unknown key \"colour\"");
	one_problem("\"unit\": \"hours\"", "\"unit\": \"hours\", \"unit\": \"h\"",
	    "x.json: item tim: duplicate key \"unit\"");
	one_problem("\"t2\": \"Theme two\"", "\"t2\": \"Theme two\", \"t2\": \"Again\"",
	    "x.json: theme t2: duplicate key");
	one_problem("\"t2\": \"Theme two\"", "\"t2\": \"\"",
	    "x.json: theme t2: text must be 1-200 characters");
	one_problem("\"machine_assisted\": false,", "",
	    "x.json: machine_assisted must be true or false (whether a machine "
	    "drafted the text)");
	one_problem("\"lang\": \"en\"", "\"lang\": \"EN\"",
	    "x.json: lang \"EN\" is not a language tag ([a-z]{2,3} then "
	    "-[A-Za-z0-9]{1,8} parts, at most 35 bytes)");
	one_problem("\"version\": 3", "\"version\": 2",
	    "x.json: translation of trdemo version 2, checked against trdemo "
	    "version 3");
	one_problem("\"grids\": {\"nat\"", "\"grids\": {\"net\": {\"text\": \"x\"}, \"nat\"",
	    "x.json: grid \"net\" does not exist in trdemo version 3");
	one_problem("\"easy\": {\"title\": \"Easy title\"}",
	    "\"easy\": {\"title\": \"Easy title\", \"help\": \"x\"}",
	    "x.json: easy: unknown key \"help\"");
	one_problem("\"Choose\"", "\"Cho\\u0007se\"",
	    "x.json: item val: text contains control characters");
	/* The value closes at column 110; the comma after it is column 111. */
	one_problem("\"title\": \"Title\"", "\"title\": \"Title\"}",
	    "x.json: unexpected data after the JSON value at line 1, column 111");
}
END_TEST

START_TEST(every_problem_listed)
{
	/* Three missing texts and one unknown item: all four reported. */
	char *json = variant("\"s1\": {\"text\": \"One\"}, \"s2\": {\"text\": \"Two\"}},",
	    "\"s3\": {\"text\": \"Three\"}},");
	char *json2 = NULL;
	bool ok;
	struct seen *s;

	s = problems(json, &ok);
	ck_assert(!ok);
	ck_assert_uint_eq(s->n, 3);
	ck_assert_str_eq(s->lines[0], "x.json: item \"s3\" does not exist in "
	                              "trdemo version 3");
	ck_assert_str_eq(s->lines[1], "x.json: item s1: missing text");
	ck_assert_str_eq(s->lines[2], "x.json: item s2: missing text");
	free(json);
	json2 = variant("\"themes\": {\"t1\": \"Theme one\", \"t2\": \"Theme two\"},", "");
	s = problems(json2, &ok);
	ck_assert_uint_eq(s->n, 2);
	ck_assert_str_eq(s->lines[0], "x.json: theme t1: missing text");
	free(json2);
}
END_TEST

START_TEST(swedish_holds_easy_only)
{
	static const char sv_ok[] =
	    "{\"format\": 1, \"instrument\": \"trdemo\", \"version\": 3,"
	    " \"lang\": \"sv\", \"machine_assisted\": false,"
	    " \"items\": {\"val\": {\"easy\": {\"text\": \"Välj ett\"}}}}";
	static const char sv_plain[] =
	    "{\"format\": 1, \"instrument\": \"trdemo\", \"version\": 3,"
	    " \"lang\": \"sv\", \"machine_assisted\": false, \"title\": \"Ny\","
	    " \"items\": {\"val\": {\"text\": \"Välj ett\"}}}";
	bool ok;
	struct seen *s;

	problems(sv_ok, &ok);
	ck_assert(ok);
	s = problems(sv_plain, &ok);
	ck_assert(!ok);
	ck_assert_uint_eq(s->n, 2);
	ck_assert_str_eq(s->lines[0], "x.json: title: a Swedish (sv) file "
	                              "holds easy parts only; the instrument is the Swedish text");
	ck_assert_str_eq(s->lines[1], "x.json: item val: text: a Swedish (sv) "
	                              "file holds easy parts only; the instrument is the Swedish text");
}
END_TEST

START_TEST(attach_rules)
{
	struct form_translation *t = NULL;
	struct form_error err;

	ck_assert_int_eq(form_translation_add(F, demo_en, strlen(demo_en),
	                     "en", &err),
	    UF_OK);
	ck_assert_int_eq(form_translation_add(F, demo_en, strlen(demo_en),
	                     "en", &err),
	    UF_ECONFLICT);
	ck_assert_uint_eq(F->ntranslations, 1);
	/* Parsed against another instrument: refused (and freed). */
	{
		struct form *g = NULL;
		char *other = strdup(demo_sv);
		char *at = strstr(other, "\"version\": 3");

		ck_assert_ptr_nonnull(at);
		at[11] = '4';
		ck_assert_int_eq(form_parse(other, strlen(other), "g", &g, &err),
		    UF_OK);
		char *en4 = variant("\"version\": 3", "\"version\": 4");
		ck_assert_int_eq(form_translation_parse(g, en4, strlen(en4), "g",
		                     NULL, NULL, &t, &err),
		    UF_OK);
		ck_assert_int_eq(form_translation_attach(F, t), UF_EINVAL);
		free(en4);
		free(other);
		form_free(g);
	}
	ck_assert_uint_eq(F->ntranslations, 1);
}
END_TEST

START_TEST(lookups_demo)
{
	struct form_error err;
	size_t val = (size_t)form_item_index(F, "val");
	size_t skala = (size_t)form_item_index(F, "skala");
	size_t tim = (size_t)form_item_index(F, "tim");

	/* Before any translation: Swedish for every language. */
	ck_assert_str_eq(form_item_text(F, val, "en", false), "Välj");
	ck_assert(!form_has_lang(F, "en"));
	ck_assert(!form_has_easy(F, "sv"));
	ck_assert_uint_eq(form_lang_count(F), 1);
	ck_assert_int_eq(form_translation_add(F, demo_en, strlen(demo_en),
	                     "en", &err),
	    UF_OK);
	ck_assert_str_eq(form_title(F, "en", false), "Title");
	ck_assert_str_eq(form_title(F, "en", true), "Easy title");
	ck_assert_str_eq(form_intro(F, "en", true), "Intro for {namn}.");
	ck_assert_str_eq(form_theme_text(F, 1, "en", false), "Theme two");
	ck_assert_str_eq(form_item_help(F, val, "en", true), "Help");
	ck_assert_ptr_null(form_item_help(F, skala, "en", false));
	ck_assert_str_eq(form_option_text(F, val, 0, "en", true), "A");
	ck_assert_str_eq(form_option_text(F, val, 1, "en", true), "Bee");
	ck_assert_str_eq(form_option_text(F, val, 1, "en", false), "B");
	ck_assert_str_eq(form_item_min_label(F, skala, "en", false), "Not");
	ck_assert_str_eq(form_item_max_label(F, skala, "sv", false), "Helt");
	ck_assert_ptr_null(form_item_min_label(F, val, "en", false));
	ck_assert_str_eq(form_item_unit(F, tim, "en", true), "hours");
	ck_assert_ptr_null(form_item_unit(F, val, "en", false));
	ck_assert_str_eq(form_grid_text(F, 0, "en", false), "Statements");
	ck_assert_str_eq(form_grid_text(F, 0, "en", true), "Some sentences");
	ck_assert_str_eq(form_grid_help(F, 0, "en", true), "Grid");
	ck_assert_str_eq(form_grid_help(F, 0, "de", true), "Rutnät");
	ck_assert_str_eq(form_item_text(F, (size_t)form_item_index(F, "s2"),
	                     "en-GB", false),
	    "Two");
	ck_assert_uint_eq(form_lang_count(F), 2);
	ck_assert_str_eq(form_lang_at(F, 1), "en");
	ck_assert_ptr_null(form_lang_at(F, 2));
	ck_assert(form_has_easy(F, "en"));
	ck_assert(!form_has_easy(F, "sv"));
	ck_assert(!form_lang_machine_assisted(F, "en"));
}
END_TEST

/* The shipped patient files: loaded as the survey program loads them. */
static struct form *
patient_with(const char *const *langs)
{
	char path[1024], *data = NULL;
	struct form_error err;
	struct form *f = NULL;
	size_t len;

	ck_assert_int_gt(snprintf(path, sizeof path, "%s/patient.json",
	                     FORMS_SRC_DIR),
	    0);
	ck_assert_int_eq(form_load_file(path, &f, &err), UF_OK);
	for (int i = 0; langs[i] != NULL; i++) {
		ck_assert_int_gt(snprintf(path, sizeof path,
		                     "%s/translations/patient-%d.%s.json", FORMS_SRC_DIR,
		                     f->version, langs[i]),
		    0);
		ck_assert_int_eq(form_read_file(path, &data, &len, &err), UF_OK);
		ck_assert_msg(form_translation_add(f, data, len, path, &err) ==
		        UF_OK,
		    "%s: %s: %s", err.where, err.field, err.msg);
		free(data);
	}
	return f;
}

START_TEST(patient_fallbacks)
{
	static const char *const langs[] = { "sv", "en", NULL };
	struct form *f = patient_with(langs);
	size_t hopp = (size_t)form_item_index(f, "pat_hopp");
	size_t lyssnad = (size_t)form_item_index(f, "pat_lyssnad");
	size_t akt = (size_t)form_item_index(f, "pat_aktiviteter");

	/* lang -> its text; easy -> its easy text where there is one. */
	ck_assert_str_eq(form_item_text(f, hopp, "en", false),
	    "The contact gives me hope.");
	ck_assert_str_eq(form_item_text(f, hopp, "en", true),
	    "The meetings give me hope.");
	/* easy without an easy text -> plain of the same language. */
	ck_assert_str_eq(form_item_text(f, lyssnad, "en", true),
	    "The peer supporter listens to me.");
	/* Swedish easy from the sv file; plain from the instrument. */
	ck_assert_str_eq(form_item_text(f, hopp, "sv", true),
	    "Träffarna ger mig hopp.");
	ck_assert_str_eq(form_item_text(f, hopp, "sv", false),
	    "Kontakten ger mig hopp.");
	ck_assert_str_eq(form_item_text(f, lyssnad, "sv", true),
	    "Peer supportern lyssnar på mig.");
	/* A language without a translation -> Swedish, easy when asked. */
	ck_assert_str_eq(form_item_text(f, hopp, "de", false),
	    "Kontakten ger mig hopp.");
	ck_assert_str_eq(form_item_text(f, hopp, "de", true),
	    "Träffarna ger mig hopp.");
	ck_assert_str_eq(form_item_text(f, hopp, NULL, false),
	    "Kontakten ger mig hopp.");
	ck_assert_str_eq(form_item_text(f, hopp, "en-GB", true),
	    "The meetings give me hope.");
	ck_assert_str_eq(form_item_help(f, akt, "sv", true), "Du kan välja flera.");
	ck_assert_str_eq(form_option_text(f, akt, 2, "en", true), "Gone for a walk");
	ck_assert(form_has_lang(f, "en") && form_has_lang(f, "sv"));
	ck_assert(form_has_lang(f, "en-GB") && !form_has_lang(f, "de"));
	ck_assert(form_has_easy(f, "sv") && form_has_easy(f, "en"));
	/* sv once, then en: the Swedish easy file adds no language. */
	ck_assert_uint_eq(form_lang_count(f), 2);
	ck_assert_str_eq(form_lang_at(f, 0), "sv");
	ck_assert_str_eq(form_lang_at(f, 1), "en");
	/* Never NULL where the Swedish is not NULL. */
	for (size_t i = 0; i < f->nitems; i++) {
		for (int e = 0; e < 2; e++) {
			ck_assert_ptr_nonnull(form_item_text(f, i, "en", e));
			ck_assert_ptr_nonnull(form_item_text(f, i, "sv", e));
			for (size_t o = 0; o < f->items[i].noptions; o++)
				ck_assert_ptr_nonnull(form_option_text(f, i, o,
				    "en", e));
		}
	}
	form_free(f);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("translation");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, tags);
	tcase_add_test(tc, complete_translation_parses);
	tcase_add_test(tc, each_problem_named);
	tcase_add_test(tc, every_problem_listed);
	tcase_add_test(tc, swedish_holds_easy_only);
	tcase_add_test(tc, attach_rules);
	tcase_add_test(tc, lookups_demo);
	tcase_add_test(tc, patient_fallbacks);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return check_run(suite());
}
