/* SPDX-License-Identifier: ISC
 * Unit tests of lib/item_types.c: the descriptor table is complete, and each
 * question type's answers are read (JSON, posted form) and checked by its
 * own rules, every rejection with its message. Fixture:
 * tests/forms/valid/types_demo.json (the types added through the table).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "arena.h"
#include "buf.h"
#include "form.h"
#include "item_types.h"
#include "../unit/check_run.h"

#ifndef FORMS_TEST_DIR
#error FORMS_TEST_DIR must name the tests/forms source folder
#endif

/* Every type has a name, hooks, and a name that reads back to it; the
 * names are distinct and fit the SQL table's id rule. */
START_TEST(table_complete)
{
	for (int t = 0; t < ITEM_TYPE__MAX; t++) {
		const struct item_type_desc *d = &item_types[t];
		enum item_type back;

		ck_assert_ptr_nonnull(d->name);
		ck_assert_ptr_nonnull(d->check);
		ck_assert_ptr_nonnull(d->from_json);
		ck_assert_ptr_nonnull(d->from_post);
		ck_assert_ptr_nonnull(d->codebook);
		ck_assert_uint_gt(d->seconds, 0);
		ck_assert(d->storage < STORAGE__MAX);
		ck_assert(d->report < REPORT__MAX);
		ck_assert(item_type_parse(d->name, &back));
		ck_assert_int_eq((int)back, t);
		ck_assert_str_eq(form_type_name((enum item_type)t), d->name);
		ck_assert_str_ne(item_storage_name(d->storage), "unknown");
	}
	ck_assert(!item_type_parse("likert7", &(enum item_type){ 0 }));
}
END_TEST

static struct form *F;
static struct form_answer ans[FORM_MAX_ITEMS];
static struct form_error err;

static void
setup(void)
{
	struct form_error e;
	uf_err rc = form_load_file(FORMS_TEST_DIR "/valid/types_demo.json", &F, &e);

	ck_assert_msg(rc == UF_OK, "%s: %s: %s", e.where, e.field, e.msg);
	memset(ans, 0, sizeof ans);
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

/* A complete set of answers: every required item answered. */
static void
fill_required(void)
{
	for (size_t i = 0; i < F->nitems; i++) {
		const struct form_item *it = &F->items[i];

		if (!it->required || ans[i].kind != ANSWER_NONE)
			continue;
		ck_assert_msg(it->decline || it->dont_know, "%s: required", it->id);
		ans[i].kind = it->decline ? ANSWER_DECLINE : ANSWER_DONT_KNOW;
	}
}

/* Check the answers; expect rc, and for UF_EINVAL the item and message. */
static void
expect(uf_err want, const char *field, const char *msg)
{
	uf_err rc;

	fill_required();
	rc = form_check_answers(F, 24, ans, true, &err);
	ck_assert_msg(rc == want, "rc %d, want %d (%s: %s)", rc, want,
	    err.field, err.msg);
	if (want != UF_OK) {
		ck_assert_str_eq(err.field, field);
		ck_assert_str_eq(err.msg, msg);
	}
}

static void
set_int(const char *id, long v) __attribute__((unused));
static void
set_int(const char *id, long v)
{
	ans[ix(id)].kind = ANSWER_INT;
	ans[ix(id)].ival = v;
}

static void
set_text(const char *id, const char *v)
{
	ans[ix(id)].kind = ANSWER_TEXT;
	ans[ix(id)].text = v;
}

/* VAS: 0 and 100 are answers, -1 and 101 are not, a text is the wrong
 * form; "vet ej" only where the item offers it. */
START_TEST(vas_answers)
{
	const struct form_item *it = &F->items[ix("td_vas")];

	ck_assert_int_eq(it->type, ITEM_VAS);
	ck_assert_int_eq(it->min, 0);
	ck_assert_int_eq(it->max, 100);
	ck_assert_str_eq(it->min_label, "Inte alls stöttad");
	ck_assert_str_eq(it->max_label, "Helt stöttad");
	set_int("td_vas", 0);
	expect(UF_OK, NULL, NULL);
	set_int("td_vas", 100);
	expect(UF_OK, NULL, NULL);
	set_int("td_vas", 101);
	expect(UF_EINVAL, "td_vas", "Svaret måste vara ett heltal mellan 0 och 100.");
	set_int("td_vas", -1);
	expect(UF_EINVAL, "td_vas", "Svaret måste vara ett heltal mellan 0 och 100.");
	set_text("td_vas", "50");
	expect(UF_EINVAL, "td_vas", "Svaret har fel form för den här frågan.");
	set_int("td_vas", 50);
	ans[ix("td_vas_fri")].kind = ANSWER_DONT_KNOW;
	expect(UF_OK, NULL, NULL);
	ans[ix("td_vas")].kind = ANSWER_DONT_KNOW;
	expect(UF_EINVAL, "td_vas", "Svarsalternativet \"Vet ej / ej aktuellt\" "
	                            "finns inte för den här frågan.");
	ans[ix("td_vas")].kind = ANSWER_NONE;
	ck_assert(form_check_answers(F, 24, ans, true, &err) == UF_EINVAL);
	ck_assert_str_eq(err.msg, "Frågan måste besvaras.");
}
END_TEST

/* Reading a VAS answer: JSON integers only; a posted "57" or " 57 ". */
START_TEST(vas_reading)
{
	const struct form_item *it = &F->items[ix("td_vas")];
	const struct item_type_desc *d = &item_types[ITEM_VAS];
	struct arena *a = arena_new(1 << 16);
	struct form_answer an;
	cJSON *j;
	const char *v57[] = { " 57 " }, *bad[] = { "5,7" }, *two[] = { "5", "6" };
	struct buf b;

	ck_assert_ptr_nonnull(a);
	memset(&an, 0, sizeof an);
	j = cJSON_Parse("57");
	ck_assert(d->from_json(a, it, j, &an, &err) == UF_OK);
	ck_assert(an.kind == ANSWER_INT && an.ival == 57);
	cJSON_Delete(j);
	j = cJSON_Parse("57.5");
	ck_assert(d->from_json(a, it, j, &an, &err) == UF_EINVAL);
	ck_assert_str_eq(err.msg, "Fel typ av svar: ett heltal krävs.");
	cJSON_Delete(j);
	j = cJSON_Parse("\"57\"");
	ck_assert(d->from_json(a, it, j, &an, &err) == UF_EINVAL);
	cJSON_Delete(j);
	memset(&an, 0, sizeof an);
	ck_assert(d->from_post(a, it, v57, 1, &an, &err) == UF_OK);
	ck_assert(an.kind == ANSWER_INT && an.ival == 57);
	ck_assert(d->from_post(a, it, bad, 1, &an, &err) == UF_EINVAL);
	ck_assert(d->from_post(a, it, two, 2, &an, &err) == UF_EINVAL);
	ck_assert_str_eq(err.msg, "Välj bara ett svar.");
	buf_init(&b, 1024);
	ck_assert(d->codebook(it, &b) == UF_OK);
	ck_assert_str_eq(buf_str(&b), "0..100 (visual analogue scale; "
	                              "0=Inte alls stöttad;100=Helt stöttad)");
	buf_free(&b);
	arena_free(a);
}
END_TEST

/* Number: the definition's bounds are scaled by 10^decimals; an answer is
 * its canonical decimal text, checked against them. */
START_TEST(number_answers)
{
	const struct form_item *t = &F->items[ix("td_temp")];
	const struct form_item *h = &F->items[ix("td_timmar")];

	ck_assert_int_eq(t->type, ITEM_NUMBER);
	ck_assert_int_eq(t->decimals, 2);
	ck_assert_int_eq(t->min, -550); /* -5.5 °C in hundredths */
	ck_assert_int_eq(t->max, 3025);
	ck_assert_str_eq(t->unit, "°C");
	ck_assert_int_eq(h->min, 0);
	ck_assert_int_eq(h->max, 600); /* 60 hours in tenths */
	set_text("td_temp", "-5.50");
	expect(UF_OK, NULL, NULL);
	set_text("td_temp", "30.25");
	expect(UF_OK, NULL, NULL);
	set_text("td_temp", "30.26");
	expect(UF_EINVAL, "td_temp", "Svaret måste vara ett tal mellan -5,50 och 30,25.");
	set_text("td_temp", "-5.51");
	expect(UF_EINVAL, "td_temp", "Svaret måste vara ett tal mellan -5,50 och 30,25.");
	/* Only the canonical spelling is an answer (what the readers write). */
	set_text("td_temp", "20.5");
	expect(UF_EINVAL, "td_temp", "Svaret har fel form för den här frågan.");
	set_text("td_temp", "020.50");
	expect(UF_EINVAL, "td_temp", "Svaret har fel form för den här frågan.");
	set_text("td_temp", "-0.00");
	expect(UF_EINVAL, "td_temp", "Svaret har fel form för den här frågan.");
	set_text("td_temp", "0.00");
	expect(UF_OK, NULL, NULL);
	set_int("td_temp", 20);
	expect(UF_EINVAL, "td_temp", "Svaret har fel form för den här frågan.");
	ans[ix("td_temp")].kind = ANSWER_DECLINE;
	set_text("td_timmar", "37.5");
	expect(UF_OK, NULL, NULL);
	set_text("td_timmar", "60.1");
	expect(UF_EINVAL, "td_timmar", "Svaret måste vara ett tal mellan 0,0 och 60,0.");
}
END_TEST

/* Reading a number: JSON numbers with at most `decimals` decimals; posted
 * "12,5", "12.5" and " 7 " in canonical form; everything else refused. */
START_TEST(number_reading)
{
	const struct item_type_desc *d = &item_types[ITEM_NUMBER];
	const struct form_item *h = &F->items[ix("td_timmar")];
	const struct form_item *n = &F->items[ix("td_antal")];
	const struct form_item *t = &F->items[ix("td_temp")];
	struct arena *a = arena_new(1 << 16);
	static const struct {
		const char *in;
		const char *out;
	} posted[] = {
		{ "12,5", "12.5" },
		{ "12.5", "12.5" },
		{ " 7 ", "7.0" },
		{ "-0", "0.0" },
		{ "0,1", "0.1" },
	};
	static const char *const refused[] = {
		"12,55",
		"1e2",
		"12.",
		",5",
		"abc",
		"1 000",
		"12,5 h",
		"--1",
		"99999999999",
	};
	struct form_answer an;
	struct buf b;
	cJSON *j;

	ck_assert_ptr_nonnull(a);
	for (size_t k = 0; k < sizeof posted / sizeof posted[0]; k++) {
		const char *v[] = { posted[k].in };
		memset(&an, 0, sizeof an);
		ck_assert_msg(d->from_post(a, h, v, 1, &an, &err) == UF_OK, "%s", posted[k].in);
		ck_assert_int_eq(an.kind, ANSWER_TEXT);
		ck_assert_str_eq(an.text, posted[k].out);
	}
	for (size_t k = 0; k < sizeof refused / sizeof refused[0]; k++) {
		const char *v[] = { refused[k] };
		ck_assert_msg(d->from_post(a, h, v, 1, &an, &err) == UF_EINVAL, "%s", refused[k]);
		ck_assert_str_eq(err.msg, "Skriv svaret som ett tal med högst 1 decimal, "
		                          "till exempel 2,5.");
	}
	{
		const char *v[] = { "3,5" };
		ck_assert(d->from_post(a, n, v, 1, &an, &err) == UF_EINVAL);
		ck_assert_str_eq(err.msg, "Skriv svaret som ett heltal, till exempel 3.");
	}
	j = cJSON_Parse("20.1"); /* not exact in binary: still 20.10 */
	ck_assert(d->from_json(a, t, j, &an, &err) == UF_OK);
	ck_assert_str_eq(an.text, "20.10");
	cJSON_Delete(j);
	j = cJSON_Parse("20.125");
	ck_assert(d->from_json(a, t, j, &an, &err) == UF_EINVAL);
	ck_assert_str_eq(err.msg, "Fel typ av svar: för många decimaler.");
	cJSON_Delete(j);
	j = cJSON_Parse("3.5");
	ck_assert(d->from_json(a, n, j, &an, &err) == UF_EINVAL);
	ck_assert_str_eq(err.msg, "Fel typ av svar: ett heltal krävs.");
	cJSON_Delete(j);
	j = cJSON_Parse("\"3\"");
	ck_assert(d->from_json(a, n, j, &an, &err) == UF_EINVAL);
	ck_assert_str_eq(err.msg, "Fel typ av svar: ett tal krävs.");
	cJSON_Delete(j);
	buf_init(&b, 1024);
	ck_assert(d->codebook(t, &b) == UF_OK);
	ck_assert_str_eq(buf_str(&b), "number -5.50..30.25, decimals 2, unit °C");
	buf_free(&b);
	arena_free(a);
}
END_TEST

/* Date: a calendar date 1900-2100 as YYYY-MM-DD; a posted one trimmed. */
START_TEST(date_answers)
{
	const struct item_type_desc *d = &item_types[ITEM_DATE];
	const struct form_item *it = &F->items[ix("td_datum")];
	struct arena *a = arena_new(1 << 12);
	const char *v[] = { " 2024-02-29 " };
	struct form_answer an;

	ck_assert_ptr_nonnull(a);
	memset(&an, 0, sizeof an);
	ck_assert(d->from_post(a, it, v, 1, &an, &err) == UF_OK);
	ck_assert_str_eq(an.text, "2024-02-29");
	set_text("td_datum", an.text);
	expect(UF_OK, NULL, NULL);
	set_text("td_datum", "2023-02-29");
	expect(UF_EINVAL, "td_datum", "Ogiltigt datum.");
	set_text("td_datum", "1899-12-31");
	expect(UF_EINVAL, "td_datum", "Ogiltigt datum.");
	set_text("td_datum", "2024-2-9");
	expect(UF_EINVAL, "td_datum", "Skriv datumet som ÅÅÅÅ-MM-DD.");
	arena_free(a);
}
END_TEST

/* Grid: one likert5 item per statement, in order, with the grid's theme,
 * required and dont_know and the statement's own reversed mark; each
 * statement answered and checked as a likert5 item. */
START_TEST(grid_statements)
{
	const struct form_grid *g;
	size_t t = ix("td_g_tid"), o = ix("td_g_oklart");

	ck_assert_uint_eq(F->ngrids, 1);
	g = &F->grids[0];
	ck_assert_str_eq(g->id, "td_grid");
	ck_assert_str_eq(g->sv, "Hur väl stämmer påståendena om stödet på din enhet?");
	ck_assert_str_eq(g->help_sv, "Svara för den senaste månaden.");
	ck_assert_uint_eq(g->first, t);
	ck_assert_uint_eq(g->n, 3);
	ck_assert_int_eq(form_item_index(F, "td_grid"), -1); /* no item of its own */
	for (size_t i = g->first; i < g->first + g->n; i++) {
		const struct form_item *it = &F->items[i];
		ck_assert_int_eq(it->type, ITEM_LIKERT5);
		ck_assert_uint_eq(it->grid, 1);
		ck_assert(it->required && it->dont_know && !it->decline);
		ck_assert_uint_eq(it->theme, F->items[t].theme);
		ck_assert_ptr_null(it->help_sv);
		ck_assert(it->reversed == (i == o));
	}
	ck_assert_uint_eq(F->items[ix("td_efter")].grid, 0);
	ck_assert_uint_eq(F->scales[0].nitems, 3);
	ck_assert(F->scales[0].reverse[2]);
	set_int("td_g_tid", 5);
	set_int("td_g_lyssnar", 4);
	ans[o].kind = ANSWER_DONT_KNOW;
	expect(UF_OK, NULL, NULL);
	set_int("td_g_lyssnar", 6);
	expect(UF_EINVAL, "td_g_lyssnar", "Ogiltigt svarsalternativ.");
	set_int("td_g_lyssnar", 4);
	ans[o].kind = ANSWER_NONE;
	ck_assert(form_check_answers(F, 24, ans, true, &err) == UF_EINVAL);
	ck_assert_str_eq(err.field, "td_g_oklart");
	ck_assert_str_eq(err.msg, "Frågan måste besvaras.");
}
END_TEST

static Suite *
types_suite(void)
{
	Suite *s = suite_create("item_types");
	TCase *tc = tcase_create("table");

	TCase *vas = tcase_create("vas");

	tcase_add_test(tc, table_complete);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(vas, setup, teardown);
	tcase_add_test(vas, vas_answers);
	tcase_add_test(vas, vas_reading);
	tcase_add_test(vas, number_answers);
	tcase_add_test(vas, number_reading);
	tcase_add_test(vas, date_answers);
	tcase_add_test(vas, grid_statements);
	suite_add_tcase(s, vas);
	return s;
}

int
main(void)
{
	return check_run(types_suite());
}
