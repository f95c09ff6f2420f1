/* SPDX-License-Identifier: ISC
 * Unit tests of lib/form.c: every rejection of form_check_answers, show_if
 * evaluation, scale scoring, and the definition errors (each
 * tests/forms/invalid case must give its .expected line through form_parse).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "form.h"
#include "lang.h"
#include "../unit/check_run.h"

#ifndef FORMS_TEST_DIR
#error FORMS_TEST_DIR must name the tests/forms source folder
#endif

static struct form *F;
static struct form_answer ans[FORM_MAX_ITEMS];
static struct form_error err;

/* ---- helpers ----------------------------------------------------------- */

static struct form *
load(const char *rel)
{
	char path[1024];
	struct form *f = NULL;
	struct form_error e;
	uf_err rc;
	int w;

	w = snprintf(path, sizeof path, "%s/%s", FORMS_TEST_DIR, rel);
	ck_assert(w > 0 && (size_t)w < sizeof path);
	rc = form_load_file(path, &f, &e);
	ck_assert_msg(rc == UF_OK, "%s: %s: %s", e.where, e.field, e.msg);
	ck_assert_ptr_nonnull(f);
	return f;
}

static void
setup(void)
{
	F = load("valid/answers.json");
	memset(ans, 0, sizeof ans);
	/* The one required item shown in every wave. */
	ans[form_item_index(F, "lik")].kind = ANSWER_INT;
	ans[form_item_index(F, "lik")].ival = 3;
}

static void
teardown(void)
{
	form_free(F);
	F = NULL;
}

static size_t
ix(const char *id)
{
	long i = form_item_index(F, id);

	ck_assert_msg(i >= 0, "no item %s", id);
	return (size_t)i;
}

static void
set_none(const char *id)
{
	memset(&ans[ix(id)], 0, sizeof ans[0]);
}

static void
set_int(const char *id, long v)
{
	set_none(id);
	ans[ix(id)].kind = ANSWER_INT;
	ans[ix(id)].ival = v;
}

static void
set_text(const char *id, const char *s)
{
	set_none(id);
	ans[ix(id)].kind = ANSWER_TEXT;
	ans[ix(id)].text = s;
}

static void
set_choices(const char *id, const char *const *c, size_t n)
{
	set_none(id);
	ans[ix(id)].kind = ANSWER_CHOICES;
	ans[ix(id)].choices = c;
	ans[ix(id)].nchoices = n;
}

static void
set_dont_know(const char *id)
{
	set_none(id);
	ans[ix(id)].kind = ANSWER_DONT_KNOW;
}

static void
set_decline(const char *id)
{
	set_none(id);
	ans[ix(id)].kind = ANSWER_DECLINE;
}

static void
expect_ok(int months, bool complete)
{
	uf_err rc = form_check_answers(F, months, ans, complete, &err);

	ck_assert_msg(rc == UF_OK, "unexpected rejection: %s: %s", err.field,
	    err.msg);
}

static void
expect_err(int months, bool complete, const char *field, const char *msg)
{
	uf_err rc = form_check_answers(F, months, ans, complete, &err);

	ck_assert_int_eq(rc, UF_EINVAL);
	ck_assert_str_eq(err.field, field);
	ck_assert_str_eq(err.msg, msg);
}

#define MSG_FORM   "Svaret har fel form för den här frågan."
#define MSG_OPTION "Ogiltigt svarsalternativ."
#define MSG_CHARS  "Svaret innehåller ogiltiga tecken."
#define MSG_HIDDEN "Frågan ska inte besvaras eftersom den inte visas."
#define MSG_REQ    "Frågan måste besvaras."

/* ---- form_check_answers ------------------------------------------------ */

START_TEST(baseline_ok)
{
	expect_ok(12, true);
	expect_ok(24, true);
	expect_ok(24, false);
}
END_TEST

START_TEST(required_missing)
{
	set_none("lik");
	expect_err(24, true, "lik", MSG_REQ);
}
END_TEST

START_TEST(draft_skips_required)
{
	set_none("lik");
	expect_ok(24, false);
	/* but a draft still checks what is there */
	set_int("lik2", 9);
	expect_err(24, false, "lik2", MSG_OPTION);
}
END_TEST

START_TEST(wrong_type)
{
	set_text("lik", "3");
	expect_err(24, true, "lik", MSG_FORM);
	set_int("lik", 3);
	set_int("one", 1);
	expect_err(24, true, "one", MSG_FORM);
	set_none("one");
	set_text("many", "a");
	expect_err(24, true, "many", MSG_FORM);
	set_none("many");
	set_int("txt", 4);
	expect_err(24, true, "txt", MSG_FORM);
	set_none("txt");
	set_text("num", "4");
	expect_err(24, true, "num", MSG_FORM);
	set_none("num");
	set_int("day", 20260101);
	expect_err(24, true, "day", MSG_FORM);
	set_none("day");
	set_text("one", NULL); /* ANSWER_TEXT without text */
	expect_err(24, true, "one", MSG_FORM);
}
END_TEST

START_TEST(likert_range)
{
	set_int("lik", 0);
	expect_err(24, true, "lik", MSG_OPTION);
	set_int("lik", 6);
	expect_err(24, true, "lik", MSG_OPTION);
	set_int("lik", 1);
	expect_ok(24, true);
	set_int("lik", 5);
	expect_ok(24, true);
}
END_TEST

START_TEST(integer_range)
{
	set_int("num", -1);
	expect_err(24, true, "num", "Svaret måste vara ett heltal mellan 0 och 10.");
	set_int("num", 11);
	expect_err(24, true, "num", "Svaret måste vara ett heltal mellan 0 och 10.");
	set_int("num", 0);
	expect_ok(24, true);
	set_int("num", 10);
	expect_ok(24, true);
}
END_TEST

START_TEST(single_unknown_option)
{
	set_text("one", "ja2");
	expect_err(24, true, "one", MSG_OPTION);
	set_text("one", "");
	expect_err(24, true, "one", MSG_OPTION);
	set_text("one", "JA");
	expect_err(24, true, "one", MSG_OPTION);
	set_text("one", "nej");
	expect_ok(24, true);
}
END_TEST

START_TEST(multi_rules)
{
	static const char *const dup[] = { "a", "a" };
	static const char *const unknown[] = { "a", "x" };
	static const char *const four[] = { "a", "b", "c", "a" };
	static const char *const with_null[] = { "a", NULL };
	static const char *const good[] = { "c", "a" };
	static const char *const all[] = { "a", "b", "c" };

	set_choices("many", dup, 2);
	expect_err(24, true, "many", "Samma svarsalternativ är valt mer än en gång.");
	set_choices("many", unknown, 2);
	expect_err(24, true, "many", MSG_OPTION);
	set_choices("many", four, 4);
	expect_err(24, true, "many", MSG_OPTION);
	set_choices("many", with_null, 2);
	expect_err(24, true, "many", MSG_OPTION);
	set_choices("many", good, 0);
	expect_err(24, true, "many", "Välj minst ett svarsalternativ.");
	set_choices("many", NULL, 2);
	expect_err(24, true, "many", MSG_FORM);
	set_choices("many", good, 2);
	expect_ok(24, true);
	set_choices("many", all, 3);
	expect_ok(24, true);
}
END_TEST

START_TEST(answered_while_hidden)
{
	/* if_eq is shown only when one = ja */
	set_text("if_eq", "hej");
	expect_err(24, true, "if_eq", MSG_HIDDEN);
	set_text("one", "nej");
	expect_err(24, true, "if_eq", MSG_HIDDEN);
	set_text("one", "ja");
	expect_ok(24, true);
	/* shown and required */
	set_none("if_eq");
	expect_err(24, true, "if_eq", MSG_REQ);
	expect_ok(24, false);
	/* an empty text does not answer a required text item */
	set_text("if_eq", "");
	expect_err(24, true, "if_eq", MSG_REQ);
	/* hidden and required: not missing */
	set_text("one", "nej");
	set_none("if_eq");
	expect_ok(24, true);
	/* hidden through a chain: if_chain needs if_in = 5, if_in needs lik >= 4 */
	set_int("if_in", 5);
	expect_err(24, true, "if_in", MSG_HIDDEN);
	set_int("lik", 4);
	set_text("if_chain", "x");
	expect_ok(24, true);
	set_int("lik", 3);
	set_none("if_in");
	expect_err(24, true, "if_chain", MSG_HIDDEN);
}
END_TEST

START_TEST(dont_know_only_where_allowed)
{
	set_dont_know("lik2");
	expect_err(24, true, "lik2",
	    "Svarsalternativet \"Vet ej / ej aktuellt\" finns inte för den här frågan.");
	set_none("lik2");
	set_dont_know("one");
	expect_err(24, true, "one",
	    "Svarsalternativet \"Vet ej / ej aktuellt\" finns inte för den här frågan.");
	set_none("one");
	set_dont_know("lik"); /* allowed, and answers a required item */
	expect_ok(24, true);
	set_dont_know("num"); /* num offers "vill inte svara" only */
	expect_err(24, true, "num",
	    "Svarsalternativet \"Vet ej / ej aktuellt\" finns inte för den här frågan.");
}
END_TEST

START_TEST(decline_only_where_allowed)
{
	set_decline("lik2");
	expect_err(24, true, "lik2",
	    "Svarsalternativet \"Vill inte svara\" finns inte för den här frågan.");
	set_none("lik2");
	set_decline("day");
	expect_err(24, false, "day",
	    "Svarsalternativet \"Vill inte svara\" finns inte för den här frågan.");
	set_none("day");
	set_decline("lik"); /* allowed, and answers a required item */
	set_decline("num");
	expect_ok(24, true);
	/* Declining a condition's item shows none of its follow-ups. */
	ck_assert(!form_item_shown(F, ix("if_in"), ans));
	ck_assert(!form_item_shown(F, ix("if_min"), ans));
	set_int("if_in", 4);
	expect_err(24, true, "if_in", MSG_HIDDEN);
}
END_TEST

START_TEST(text_length_in_characters)
{
	/* max_length is 5 */
	set_text("txt", "åäöåä"); /* 5 characters, 10 bytes */
	expect_ok(24, true);
	set_text("txt", "åäö");
	expect_ok(24, true);
	set_text("txt", "abcde");
	expect_ok(24, true);
	set_text("txt", "åäöåäö");
	expect_err(24, true, "txt", "Svaret är för långt (högst 5 tecken).");
	set_text("txt", "abcdef");
	expect_err(24, true, "txt", "Svaret är för långt (högst 5 tecken).");
}
END_TEST

START_TEST(text_bad_bytes)
{
	set_text("txt", "\xff");
	expect_err(24, true, "txt", MSG_CHARS);
	set_text("txt", "a\xc3"); /* truncated å */
	expect_err(24, true, "txt", MSG_CHARS);
	set_text("txt", "\xc0\xaf"); /* overlong */
	expect_err(24, true, "txt", MSG_CHARS);
	set_text("txt", "\xed\xa0\x80"); /* surrogate */
	expect_err(24, true, "txt", MSG_CHARS);
	set_text("txt", "a\x01");
	expect_err(24, true, "txt", MSG_CHARS);
	set_text("txt", "a\x1b");
	expect_err(24, true, "txt", MSG_CHARS);
	set_text("txt", "a\x7f");
	expect_err(24, true, "txt", MSG_CHARS);
	set_text("txt", "a\tb\r\n"); /* tab, CR, LF are fine */
	expect_ok(24, true);
}
END_TEST

START_TEST(dates)
{
	static const char *const good[] = {
		"2026-01-31",
		"2024-02-29",
		"2000-02-29",
		"1900-01-01",
		"2100-12-31",
		"2026-04-30",
	};
	static const char *const impossible[] = {
		"2026-02-30",
		"2023-02-29",
		"1900-02-29",
		"2100-02-29",
		"2026-04-31",
		"2026-13-01",
		"2026-00-10",
		"2026-01-00",
		"2026-01-32",
		"1899-12-31",
		"2101-01-01",
	};
	static const char *const shape[] = {
		"2026-1-01",
		"26-01-01",
		"2026/01/01",
		"2026-01-01 ",
		"2026-01-011",
		"",
		"20260101",
		"2026-0a-01",
		"+026-01-01",
	};
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		set_text("day", good[i]);
		expect_ok(24, true);
	}
	for (i = 0; i < sizeof impossible / sizeof impossible[0]; i++) {
		set_text("day", impossible[i]);
		expect_err(24, true, "day", "Ogiltigt datum.");
	}
	for (i = 0; i < sizeof shape / sizeof shape[0]; i++) {
		set_text("day", shape[i]);
		expect_err(24, true, "day", "Skriv datumet som ÅÅÅÅ-MM-DD.");
	}
}
END_TEST

START_TEST(item_not_in_wave)
{
	/* late is asked (and required) only at 36 months */
	set_int("late", 4);
	expect_err(24, true, "late", "Frågan ställs inte vid den här mätningen.");
	expect_err(12, false, "late", "Frågan ställs inte vid den här mätningen.");
	set_dont_know("late");
	expect_err(24, true, "late", "Frågan ställs inte vid den här mätningen.");
	set_int("late", 4);
	expect_ok(36, true);
	set_none("late");
	expect_err(36, true, "late", MSG_REQ);
	expect_ok(36, false);
}
END_TEST

START_TEST(wave_not_in_form)
{
	uf_err rc = form_check_answers(F, 18, ans, true, &err);

	ck_assert_int_eq(rc, UF_EINVAL);
	ck_assert_str_eq(err.field, "");
	ck_assert_str_eq(err.msg, "Enkäten används inte vid den här mätningen.");
}
END_TEST

START_TEST(first_problem_in_item_order)
{
	set_int("lik2", 7);
	set_int("num", 70);
	expect_err(24, true, "lik2", MSG_OPTION);
}
END_TEST

/* ---- form_item_shown --------------------------------------------------- */

START_TEST(shown_equals)
{
	static const char *const many_b[] = { "b" };

	ck_assert(form_item_shown(F, ix("lik"), ans)); /* no condition */
	ck_assert(!form_item_shown(F, ix("if_eq"), ans));
	set_text("one", "ja");
	ck_assert(form_item_shown(F, ix("if_eq"), ans));
	set_text("one", "nej");
	ck_assert(!form_item_shown(F, ix("if_eq"), ans));
	set_dont_know("one");
	ck_assert(!form_item_shown(F, ix("if_eq"), ans));
	/* a wrongly typed answer never satisfies a condition */
	set_choices("one", many_b, 1);
	ck_assert(!form_item_shown(F, ix("if_eq"), ans));
}
END_TEST

START_TEST(shown_in)
{
	set_int("lik", 3);
	ck_assert(!form_item_shown(F, ix("if_in"), ans));
	set_int("lik", 4);
	ck_assert(form_item_shown(F, ix("if_in"), ans));
	set_int("lik", 5);
	ck_assert(form_item_shown(F, ix("if_in"), ans));
	set_dont_know("lik");
	ck_assert(!form_item_shown(F, ix("if_in"), ans));
	set_text("lik", "4");
	ck_assert(!form_item_shown(F, ix("if_in"), ans));
}
END_TEST

START_TEST(shown_includes)
{
	static const char *const ab[] = { "a", "b" };
	static const char *const ac[] = { "a", "c" };

	ck_assert(!form_item_shown(F, ix("if_inc"), ans));
	set_choices("many", ab, 2);
	ck_assert(form_item_shown(F, ix("if_inc"), ans));
	set_choices("many", ac, 2);
	ck_assert(!form_item_shown(F, ix("if_inc"), ans));
	set_choices("many", ab, 1); /* only "a" */
	ck_assert(!form_item_shown(F, ix("if_inc"), ans));
}
END_TEST

START_TEST(shown_min)
{
	ck_assert(!form_item_shown(F, ix("if_min"), ans));
	set_int("num", 2);
	ck_assert(!form_item_shown(F, ix("if_min"), ans));
	set_int("num", 3);
	ck_assert(form_item_shown(F, ix("if_min"), ans));
	set_int("num", 10);
	ck_assert(form_item_shown(F, ix("if_min"), ans));
	set_dont_know("num");
	ck_assert(!form_item_shown(F, ix("if_min"), ans));
}
END_TEST

START_TEST(shown_chain)
{
	set_int("lik", 4);
	set_int("if_in", 5);
	ck_assert(form_item_shown(F, ix("if_chain"), ans));
	set_int("if_in", 4);
	ck_assert(!form_item_shown(F, ix("if_chain"), ans));
	/* if_in hidden: its (stale) answer does not count */
	set_int("if_in", 5);
	set_int("lik", 2);
	ck_assert(!form_item_shown(F, ix("if_chain"), ans));
}
END_TEST

/* ---- form_scale_score -------------------------------------------------- */

static size_t
scale_ix(const char *id)
{
	size_t s;

	for (s = 0; s < F->nscales; s++)
		if (strcmp(F->scales[s].id, id) == 0)
			return s;
	ck_abort_msg("no scale %s", id);
	return 0;
}

START_TEST(score_mean_reverse)
{
	double v = -1;

	/* medel: mean of lik and reversed lik2, min_answered = 2 (default) */
	set_int("lik", 4);
	set_int("lik2", 2);
	ck_assert(form_scale_score(F, scale_ix("medel"), ans, &v));
	ck_assert_double_eq_tol(v, 4.0, 1e-9);
	set_int("lik2", 5);
	ck_assert(form_scale_score(F, scale_ix("medel"), ans, &v));
	ck_assert_double_eq_tol(v, 2.5, 1e-9);
	/* dont_know is missing: one value is too few */
	set_dont_know("lik");
	ck_assert(!form_scale_score(F, scale_ix("medel"), ans, &v));
	/* and so is decline */
	set_decline("lik");
	ck_assert(!form_scale_score(F, scale_ix("medel"), ans, &v));
	set_none("lik");
	ck_assert(!form_scale_score(F, scale_ix("medel"), ans, &v));
}
END_TEST

START_TEST(score_sum_min_answered)
{
	double v = -1;

	/* summa: lik + (6 - lik2) + (10 - num), min_answered 2, prorated when
	 * short. summa lists no reverse of its own: lik2 and num are reversed
	 * because medel and heltal mark them, and an item's direction is one
	 * mark for every scale. */
	set_int("lik", 4);
	set_int("lik2", 2);
	set_int("num", 7);
	ck_assert(form_scale_score(F, scale_ix("summa"), ans, &v));
	ck_assert_double_eq_tol(v, 11.0, 1e-9); /* 4 + 4 + 3 */
	set_none("num");
	ck_assert(form_scale_score(F, scale_ix("summa"), ans, &v));
	ck_assert_double_eq_tol(v, 12.0, 1e-9); /* (4 + 4) / 2 * 3 */
	set_dont_know("lik");
	set_int("num", 7);
	ck_assert(form_scale_score(F, scale_ix("summa"), ans, &v));
	ck_assert_double_eq_tol(v, 10.5, 1e-9); /* (4 + 3) / 2 * 3 */
	set_none("num");
	ck_assert(!form_scale_score(F, scale_ix("summa"), ans, &v));
	set_none("lik2");
	ck_assert(!form_scale_score(F, scale_ix("summa"), ans, &v));
}
END_TEST

START_TEST(score_integer_reverse)
{
	double v = -1;

	/* heltal: (0 + 10 - num) + (6 - lik2), both needed; lik2 is reversed
	 * here too, marked by medel's reverse list */
	set_int("num", 3);
	set_int("lik2", 5);
	ck_assert(form_scale_score(F, scale_ix("heltal"), ans, &v));
	ck_assert_double_eq_tol(v, 8.0, 1e-9);
	set_int("num", 0);
	ck_assert(form_scale_score(F, scale_ix("heltal"), ans, &v));
	ck_assert_double_eq_tol(v, 11.0, 1e-9);
	set_dont_know("num");
	ck_assert(!form_scale_score(F, scale_ix("heltal"), ans, &v));
	/* out-of-range values never score */
	set_int("num", 11);
	ck_assert(!form_scale_score(F, scale_ix("heltal"), ans, &v));
	ck_assert(!form_scale_score(F, F->nscales, ans, &v));
}
END_TEST

/* ---- the parsed definition --------------------------------------------- */

START_TEST(parsed_fields)
{
	struct form *f = load("valid/all_types.json");
	const struct form_item *it;
	size_t i;

	ck_assert_str_eq(f->id, "all_types");
	ck_assert_int_eq(f->version, 3);
	ck_assert_int_eq(f->group, GROUP_PERSONAL);
	ck_assert(!f->one_per_page);
	ck_assert_uint_eq(f->nwaves, 3);
	ck_assert_int_eq(f->waves[2], 36);
	ck_assert_str_eq(f->title_sv, "Alla frågetyper");
	ck_assert_str_eq(f->intro_sv, "Frågorna gäller det senaste året.");
	ck_assert_uint_eq(f->nthemes, 2);
	ck_assert_ptr_null(f->themes[1].en);
	it = &f->items[form_item_index(f, "lik")];
	ck_assert_int_eq(it->type, ITEM_LIKERT5);
	ck_assert(it->required && it->dont_know && !it->decline);
	ck_assert_str_eq(it->help_sv, "Tänk på det första halvåret.");
	ck_assert_str_eq(it->en, "The introduction was well planned.");
	ck_assert_uint_eq(it->wave_mask, 7);
	it = &f->items[form_item_index(f, "many")];
	ck_assert_uint_eq(it->noptions, 3);
	ck_assert_str_eq(it->options[2].code, "ovrigt_1");
	ck_assert_uint_eq(it->theme, 1);
	ck_assert_int_eq(f->items[form_item_index(f, "txt")].max_length, 10000);
	ck_assert_int_eq(f->items[form_item_index(f, "txt_default")].max_length, 2000);
	it = &f->items[form_item_index(f, "neg")];
	ck_assert_int_eq(it->min, -5);
	ck_assert_int_eq(it->max, 5);
	for (i = 0; i < f->nitems; i++)
		ck_assert(!f->items[i].has_cond);
	ck_assert_int_eq(form_item_index(f, "nope"), -1);
	form_free(f);

	f = load("valid/show_if.json");
	ck_assert(f->one_per_page);
	it = &f->items[form_item_index(f, "varfor")];
	ck_assert(it->has_cond);
	ck_assert_int_eq(it->cond.op, COND_IN);
	ck_assert_uint_eq(it->cond.item, (size_t)form_item_index(f, "tel_bra"));
	ck_assert_uint_eq(it->cond.nvalues, 2);
	ck_assert_str_eq(it->cond.values[1], "5");
	ck_assert_int_eq(f->items[form_item_index(f, "tel_bra")].cond.op, COND_INCLUDES);
	ck_assert_int_eq(f->items[form_item_index(f, "hur")].cond.op, COND_EQUALS);
	it = &f->items[form_item_index(f, "manga")];
	ck_assert_int_eq(it->cond.op, COND_MIN);
	ck_assert_int_eq(it->cond.min, 10);
	form_free(f);

	f = load("valid/item_waves.json");
	ck_assert_uint_eq(f->items[1].wave_mask, 1);
	ck_assert_uint_eq(f->items[2].wave_mask, 6);
	ck_assert(form_asked_in_wave(f, &f->items[2], 24));
	ck_assert(!form_asked_in_wave(f, &f->items[2], 12));
	ck_assert(!form_asked_in_wave(f, &f->items[0], 18));
	form_free(f);

	f = load("valid/scales.json");
	ck_assert_uint_eq(f->nscales, 2);
	ck_assert_int_eq(f->scales[0].method, SCALE_MEAN);
	ck_assert_uint_eq(f->scales[0].min_answered, 2);
	ck_assert(!f->scales[0].reverse[0] && f->scales[0].reverse[2]);
	ck_assert_uint_eq(f->scales[1].min_answered, 4); /* default: all */
	form_free(f);
}
END_TEST

START_TEST(source_is_canonical)
{
	struct form *f = load("valid/show_if.json"), *g = NULL;
	struct form_error e;

	ck_assert_ptr_nonnull(f->source);
	ck_assert_ptr_null(strchr(f->source, '\n'));
	ck_assert_int_eq(form_parse(f->source, strlen(f->source), "again", &g, &e),
	    UF_OK);
	ck_assert_str_eq(g->source, f->source);
	ck_assert_uint_eq(g->nitems, f->nitems);
	form_free(g);
	form_free(f);
	form_free(NULL);
}
END_TEST

START_TEST(parse_respects_length)
{
	static const char doc[] =
	    "{\"format\":1,\"id\":\"x\",\"version\":1,\"group\":\"peer\","
	    "\"title\":{\"sv\":\"T\"},\"layout\":\"one_per_page\",\"waves\":[12],"
	    "\"themes\":[{\"id\":\"t\",\"sv\":\"T\"}],"
	    "\"items\":[{\"id\":\"a\",\"theme\":\"t\",\"type\":\"text\",\"sv\":\"A\"}]}"
	    "GARBAGE";
	struct form *f = NULL;
	struct form_error e;
	size_t len = sizeof doc - 1 - strlen("GARBAGE");

	/* Not NUL-terminated at len: only len bytes count. */
	ck_assert_int_eq(form_parse(doc, len, "n", &f, &e), UF_OK);
	ck_assert_uint_eq(f->nitems, 1);
	form_free(f);
	ck_assert_int_eq(form_parse(doc, sizeof doc - 1, "n", &f, &e), UF_EFORMAT);
	ck_assert_ptr_null(f);
	ck_assert_str_eq(e.msg, "unexpected data after the JSON value at line 1, column 192");
}
END_TEST

/* The item's "reversed" mark is the one source of direction: every scale
 * over a marked item reverses it, and a scale's older "reverse" list marks
 * the item, so another scale over it reverses it too. */
START_TEST(reversed_mark_is_the_one_source)
{
	static const char doc[] =
	    "{\"format\":1,\"id\":\"x\",\"version\":1,\"group\":\"peer\","
	    "\"title\":{\"sv\":\"T\"},\"layout\":\"one_per_page\",\"waves\":[12],"
	    "\"themes\":[{\"id\":\"t\",\"sv\":\"T\"}],\"items\":["
	    "{\"id\":\"a\",\"theme\":\"t\",\"type\":\"likert5\",\"sv\":\"A\"},"
	    "{\"id\":\"b\",\"theme\":\"t\",\"type\":\"likert5\",\"sv\":\"B\","
	    "\"reversed\":true},"
	    "{\"id\":\"c\",\"theme\":\"t\",\"type\":\"likert5\",\"sv\":\"C\"}],"
	    "\"scales\":["
	    "{\"id\":\"s1\",\"sv\":\"S1\",\"method\":\"mean\",\"items\":[\"a\",\"b\"]},"
	    "{\"id\":\"s2\",\"sv\":\"S2\",\"method\":\"mean\",\"items\":[\"a\",\"c\"]},"
	    "{\"id\":\"s3\",\"sv\":\"S3\",\"method\":\"mean\",\"items\":[\"c\",\"b\"],"
	    "\"reverse\":[\"c\"]}]}";
	struct form *f = NULL;
	struct form_error e;

	ck_assert_int_eq(form_parse(doc, sizeof doc - 1, "r", &f, &e), UF_OK);
	ck_assert(!f->items[0].reversed);
	ck_assert(f->items[1].reversed);
	ck_assert(f->items[2].reversed); /* by s3's reverse list */
	ck_assert(!f->scales[0].reverse[0]);
	ck_assert(f->scales[0].reverse[1]); /* b, by its own mark */
	ck_assert(f->scales[1].reverse[1]); /* c, though s2 lists no reverse */
	ck_assert(f->scales[2].reverse[0]);
	ck_assert(f->scales[2].reverse[1]);
	form_free(f);
}
END_TEST

START_TEST(parse_size_limit)
{
	size_t len = (size_t)FORM_MAX_BYTES + 1;
	char *big = malloc(len);
	struct form *f = NULL;
	struct form_error e;
	char line[512];

	ck_assert_ptr_nonnull(big);
	memset(big, ' ', len);
	ck_assert_int_eq(form_parse(big, len, "big.json", &f, &e), UF_ELIMIT);
	ck_assert_ptr_null(f);
	form_error_format(&e, line, sizeof line);
	ck_assert_str_eq(line, "big.json: file is larger than 1048576 bytes");
	/* one byte less is parsed (and is then merely not JSON) */
	ck_assert_int_eq(form_parse(big, len - 1, "big.json", &f, &e), UF_EFORMAT);
	ck_assert_str_eq(e.msg, "invalid JSON at line 1, column 1048577");
	free(big);
}
END_TEST

/* Read a whole small file; NULL when it cannot be read. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = (size_t)FORM_MAX_BYTES + 2;

	if (fp == NULL)
		return NULL;
	buf = malloc(cap);
	if (buf != NULL) {
		*len = fread(buf, 1, cap - 1, fp);
		buf[*len] = '\0';
	}
	(void)fclose(fp);
	return buf;
}

START_TEST(every_invalid_case)
{
	char dir[1024], path[1400], name[256], line[1024];
	struct dirent *de;
	struct form *f;
	struct form_error e;
	size_t len, elen, ncases = 0;
	char *json, *want;
	DIR *d;
	uf_err rc;
	int w;

	w = snprintf(dir, sizeof dir, "%s/invalid", FORMS_TEST_DIR);
	ck_assert(w > 0 && (size_t)w < sizeof dir);
	d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);

		if (n < 6 || strcmp(de->d_name + n - 5, ".json") != 0)
			continue;
		ck_assert(n - 5 < sizeof name);
		memcpy(name, de->d_name, n - 5);
		name[n - 5] = '\0';
		(void)snprintf(path, sizeof path, "%s/%s.json", dir, name);
		/* UI and information texts (lib/lang.h) are not instruments:
		 * run-checker.sh checks those cases against Swedish. */
		if (lang_is_text_file(path))
			continue;
		json = slurp(path, &len);
		ck_assert_ptr_nonnull(json);
		/* Translation cases need their instrument: run-checker.sh and
		 * test_translation.c check them. */
		if (form_is_translation(json, len)) {
			free(json);
			continue;
		}
		(void)snprintf(path, sizeof path, "%s/%s.expected", dir, name);
		want = slurp(path, &elen);
		ck_assert_msg(want != NULL, "%s.expected missing", name);
		ck_assert(elen > 0 && want[elen - 1] == '\n');
		want[elen - 1] = '\0';
		f = NULL;
		rc = form_parse(json, len, de->d_name, &f, &e);
		ck_assert_msg(rc == UF_EFORMAT || rc == UF_ELIMIT,
		    "%s: rc %d", name, (int)rc);
		ck_assert_ptr_null(f);
		/* Counting limits are UF_ELIMIT, rule breaks UF_EFORMAT. */
		ck_assert_msg((rc == UF_ELIMIT) == (strncmp(name, "too_many_", 9) == 0),
		    "%s: rc %d", name, (int)rc);
		form_error_format(&e, line, sizeof line);
		ck_assert_str_eq(line, want);
		free(json);
		free(want);
		ncases++;
	}
	(void)closedir(d);
	ck_assert_uint_ge(ncases, 25);
}
END_TEST

START_TEST(load_file_errors)
{
	struct form *f = NULL;
	struct form_error e;
	char line[512];

	ck_assert_int_eq(form_load_file("/nonexistent/x.json", &f, &e), UF_EIO);
	ck_assert_ptr_null(f);
	form_error_format(&e, line, sizeof line);
	ck_assert_str_eq(line, "/nonexistent/x.json: cannot open: No such file or directory");
	ck_assert_int_eq(form_load_file(FORMS_TEST_DIR, &f, &e), UF_EIO);
	ck_assert_ptr_null(f);
}
END_TEST

START_TEST(error_format)
{
	struct form_error e;
	char line[64];

	memset(&e, 0, sizeof e);
	(void)snprintf(e.where, sizeof e.where, "f.json");
	(void)snprintf(e.field, sizeof e.field, "item q1");
	(void)snprintf(e.msg, sizeof e.msg, "bad");
	form_error_format(&e, line, sizeof line);
	ck_assert_str_eq(line, "f.json: item q1: bad");
	e.field[0] = '\0';
	form_error_format(&e, line, sizeof line);
	ck_assert_str_eq(line, "f.json: bad");
	e.where[0] = '\0';
	(void)snprintf(e.field, sizeof e.field, "q1");
	form_error_format(&e, line, sizeof line);
	ck_assert_str_eq(line, "q1: bad");
	form_error_format(&e, line, 4);
	ck_assert_str_eq(line, "q1:");
}
END_TEST

/* A field name from a client (any UTF-8 up to the request's limits) longer
 * than err->field is cut before a whole character: cut inside one, it made
 * the API's JSON error and the page invalid UTF-8 (found by
 * tests/fuzz/fuzz_api_answers). */
START_TEST(error_answer_cuts_whole_characters)
{
	struct form_error e;
	char field[80];

	memset(&e, 0, sizeof e);
	memset(field, 'a', 62);
	memcpy(field + 62, "\xc3\xa5"
	                   "b",
	    4); /* "å" over the 63-byte edge */
	ck_assert_int_eq(form_error_answer(&e, field, NULL, "Okänd fråga."), UF_EINVAL);
	ck_assert_uint_eq(strlen(e.field), 62);
	ck_assert_int_eq(memcmp(e.field, field, 62), 0);
	ck_assert_str_eq(e.msg, "Okänd fråga.");
	field[62] = 'a';
	field[63] = '\0';
	ck_assert_int_eq(form_error_answer(&e, field, NULL, "x"), UF_EINVAL);
	ck_assert_str_eq(e.field, field);
}
END_TEST

START_TEST(names_and_labels)
{
	enum respondent_group g;

	ck_assert_str_eq(form_likert_label(1), "Stämmer inte alls");
	ck_assert_str_eq(form_likert_label(5), "Stämmer helt");
	ck_assert_str_eq(form_likert_label(6), "");
	ck_assert_str_eq(form_dont_know_label(), "Vet ej / ej aktuellt");
	ck_assert_str_eq(form_decline_label(), "Vill inte svara");
	ck_assert_str_eq(form_type_name(ITEM_DATE), "date");
	ck_assert_str_eq(group_id(GROUP_PATIENT), "patient");
	ck_assert(group_parse("peer", &g) && g == GROUP_PEER);
	ck_assert(!group_parse("Peer", &g));
}
END_TEST

static Suite *
form_suite(void)
{
	Suite *s = suite_create("form");
	TCase *tc = tcase_create("answers");
	TCase *shown = tcase_create("shown");
	TCase *score = tcase_create("score");
	TCase *def = tcase_create("definition");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, baseline_ok);
	tcase_add_test(tc, required_missing);
	tcase_add_test(tc, draft_skips_required);
	tcase_add_test(tc, wrong_type);
	tcase_add_test(tc, likert_range);
	tcase_add_test(tc, integer_range);
	tcase_add_test(tc, single_unknown_option);
	tcase_add_test(tc, multi_rules);
	tcase_add_test(tc, answered_while_hidden);
	tcase_add_test(tc, dont_know_only_where_allowed);
	tcase_add_test(tc, decline_only_where_allowed);
	tcase_add_test(tc, text_length_in_characters);
	tcase_add_test(tc, text_bad_bytes);
	tcase_add_test(tc, dates);
	tcase_add_test(tc, item_not_in_wave);
	tcase_add_test(tc, wave_not_in_form);
	tcase_add_test(tc, first_problem_in_item_order);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(shown, setup, teardown);
	tcase_add_test(shown, shown_equals);
	tcase_add_test(shown, shown_in);
	tcase_add_test(shown, shown_includes);
	tcase_add_test(shown, shown_min);
	tcase_add_test(shown, shown_chain);
	suite_add_tcase(s, shown);

	tcase_add_checked_fixture(score, setup, teardown);
	tcase_add_test(score, score_mean_reverse);
	tcase_add_test(score, score_sum_min_answered);
	tcase_add_test(score, score_integer_reverse);
	suite_add_tcase(s, score);

	tcase_set_timeout(def, 30);
	tcase_add_test(def, parsed_fields);
	tcase_add_test(def, source_is_canonical);
	tcase_add_test(def, parse_respects_length);
	tcase_add_test(def, parse_size_limit);
	tcase_add_test(def, reversed_mark_is_the_one_source);
	tcase_add_test(def, every_invalid_case);
	tcase_add_test(def, load_file_errors);
	tcase_add_test(def, error_format);
	tcase_add_test(def, error_answer_cuts_whole_characters);
	tcase_add_test(def, names_and_labels);
	suite_add_tcase(s, def);
	return s;
}

int
main(void)
{
	return check_run(form_suite());
}
