/* SPDX-License-Identifier: ISC
 * reports/form_union.c: the union of an instrument's versions keeps every
 * item some used wave asked, in its theme, limited to those waves; items
 * matched by id; a theme only an old version had comes along; a condition
 * of an old item is dropped; an item no used wave asked is left out.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "form_union.h"
#include "../unit/check_run.h"

/* Version 1: themes a, b; items a1, a2 (a), b1 (b, shown if a1 >= 3), old
 * (theme "gammal", asked only at 24). Version 2: a1, a3 (new), a2, and b1;
 * a2 asked at 36 only by its own "waves". */
static const char v1[] =
    "{\"format\":1,\"id\":\"t\",\"version\":1,\"group\":\"chef\","
    "\"title\":{\"sv\":\"T\"},\"layout\":\"theme_per_page\",\"waves\":[12,24,36],"
    "\"themes\":[{\"id\":\"a\",\"sv\":\"A\"},{\"id\":\"b\",\"sv\":\"B\"},"
    "{\"id\":\"gammal\",\"sv\":\"Gammal\"}],"
    "\"items\":["
    "{\"id\":\"a1\",\"theme\":\"a\",\"type\":\"likert5\",\"sv\":\"A ett\"},"
    "{\"id\":\"a2\",\"theme\":\"a\",\"type\":\"likert5\",\"sv\":\"A två\"},"
    "{\"id\":\"b1\",\"theme\":\"b\",\"type\":\"likert5\",\"sv\":\"B ett\","
    "\"show_if\":{\"item\":\"a1\",\"min\":3}},"
    "{\"id\":\"old\",\"theme\":\"gammal\",\"type\":\"likert5\",\"sv\":\"Gammal\","
    "\"waves\":[24]},"
    "{\"id\":\"gone\",\"theme\":\"a\",\"type\":\"likert5\",\"sv\":\"Borta\"}]}";
static const char v2[] =
    "{\"format\":1,\"id\":\"t\",\"version\":2,\"group\":\"chef\","
    "\"title\":{\"sv\":\"T\"},\"layout\":\"theme_per_page\",\"waves\":[12,24,36],"
    "\"themes\":[{\"id\":\"a\",\"sv\":\"A\"},{\"id\":\"b\",\"sv\":\"B\"}],"
    "\"items\":["
    "{\"id\":\"a1\",\"theme\":\"a\",\"type\":\"likert5\",\"sv\":\"A ett\"},"
    "{\"id\":\"a3\",\"theme\":\"a\",\"type\":\"likert5\",\"sv\":\"A tre\"},"
    "{\"id\":\"a2\",\"theme\":\"a\",\"type\":\"likert5\",\"sv\":\"A två\",\"waves\":[36]},"
    "{\"id\":\"b1\",\"theme\":\"b\",\"type\":\"likert5\",\"sv\":\"B ett\"}]}";

/* The union of definitions d1 (used at m1) and d2 (used at m2) in *f. */
static uf_err
union2(const char *d1, const int *m1, size_t n1, const char *d2, const int *m2,
    size_t n2, struct form **f)
{
	struct form_use u[2];
	struct form_error err;
	uf_err e;

	memset(u, 0, sizeof(u));
	u[0].def = d1;
	memcpy(u[0].months, m1, n1 * sizeof(int));
	u[0].nmonths = n1;
	u[1].def = d2;
	memcpy(u[1].months, m2, n2 * sizeof(int));
	u[1].nmonths = n2;
	e = form_union(u, 2, "t", f, &err);
	ck_assert_msg(e == UF_OK || *f == NULL, "a form on failure");
	if (e == UF_OK)
		ck_assert_msg(*err.msg == '\0', "a message on success: %s", err.msg);
	return e;
}

static struct form *
union_of(const int *m1, size_t n1, const int *m2, size_t n2)
{
	struct form *f = NULL;

	ck_assert_int_eq(union2(v1, m1, n1, v2, m2, n2, &f), UF_OK);
	return f;
}

static const struct form_item *
item(const struct form *f, const char *id)
{
	long i = form_item_index(f, id);
	ck_assert_msg(i >= 0, "item %s missing", id);
	return &f->items[i];
}

/* "12,36" for the waves an item is asked in. */
static const char *
asked(const struct form *f, const char *id)
{
	static char out[64];
	size_t o = 0;

	out[0] = '\0';
	for (size_t w = 0; w < f->nwaves; w++)
		if (form_asked_in_wave(f, item(f, id), f->waves[w]))
			o += (size_t)snprintf(out + o, sizeof(out) - o, "%s%d", o ? "," : "",
			    f->waves[w]);
	return out;
}

START_TEST(order_and_waves)
{
	static const int m1[] = { 12, 24 }, m2[] = { 36 };
	struct form *f = union_of(m1, 2, m2, 1);
	static const char *const want[] = { "a1", "a3", "a2", "gone", "b1", "old" };

	ck_assert_int_eq(f->version, 2);
	ck_assert_uint_eq(f->nwaves, 3);
	ck_assert_uint_eq(f->nitems, 6);
	for (size_t i = 0; i < 6; i++)
		ck_assert_str_eq(f->items[i].id, want[i]);
	ck_assert_str_eq(asked(f, "a1"), "12,24,36");
	ck_assert_str_eq(asked(f, "a3"), "36");
	ck_assert_str_eq(asked(f, "a2"), "12,24,36"); /* v1 at 12, 24; v2 at 36 */
	ck_assert_str_eq(asked(f, "gone"), "12,24");
	ck_assert_str_eq(asked(f, "old"), "24");
	/* The old theme came along; the newest version's condition-free b1
	 * stays as it is. */
	ck_assert_uint_eq(f->nthemes, 3);
	ck_assert_str_eq(f->themes[item(f, "old")->theme].id, "gammal");
	ck_assert(!item(f, "b1")->has_cond);
	form_free(f);
}
END_TEST

START_TEST(only_used_waves_count)
{
	/* v1 used only at 12: its item "old" (own waves 24) was never asked
	 * and is left out, with its theme. */
	static const int m1[] = { 12 }, m2[] = { 24, 36 };
	struct form *f = union_of(m1, 1, m2, 2);

	ck_assert_int_lt(form_item_index(f, "old"), 0);
	ck_assert_uint_eq(f->nthemes, 2);
	ck_assert_str_eq(asked(f, "gone"), "12");
	ck_assert_str_eq(asked(f, "a2"), "12,36");
	ck_assert_str_eq(asked(f, "a3"), "24,36");
	form_free(f);
}
END_TEST

START_TEST(old_condition_dropped)
{
	/* The newest version without b1: v1's b1 comes back without its
	 * show_if. */
	static const char v2b[] =
	    "{\"format\":1,\"id\":\"t\",\"version\":2,\"group\":\"chef\","
	    "\"title\":{\"sv\":\"T\"},\"layout\":\"theme_per_page\",\"waves\":[12,24,36],"
	    "\"themes\":[{\"id\":\"a\",\"sv\":\"A\"}],"
	    "\"items\":[{\"id\":\"a1\",\"theme\":\"a\",\"type\":\"likert5\",\"sv\":\"A ett\"}]}";
	static const int m12[] = { 12 }, m36[] = { 36 };
	struct form *f = NULL;

	ck_assert_int_eq(union2(v1, m12, 1, v2b, m36, 1, &f), UF_OK);
	ck_assert(!item(f, "b1")->has_cond);
	ck_assert_str_eq(asked(f, "b1"), "12");
	ck_assert_str_eq(asked(f, "a1"), "12,36");
	form_free(f);
}
END_TEST

START_TEST(bad_input)
{
	static const int m12[] = { 12 }, m36[] = { 36 };
	struct form_use none;
	struct form_error err;
	struct form *f = NULL;

	ck_assert_int_eq(union2("{not json", m12, 1, v2, m36, 1, &f), UF_EINVAL);
	ck_assert_ptr_null(f);
	memset(&none, 0, sizeof(none));
	ck_assert_int_eq(form_union(&none, 0, "t", &f, &err), UF_ELIMIT);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("form_union");
	TCase *tc = tcase_create("union");

	tcase_add_test(tc, order_and_waves);
	tcase_add_test(tc, only_used_waves_count);
	tcase_add_test(tc, old_condition_dropped);
	tcase_add_test(tc, bad_input);
	suite_add_tcase(s, tc);
	return check_run(s);
}
