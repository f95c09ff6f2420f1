/* SPDX-License-Identifier: ISC
 * Unit tests for lib/group.c, the one table of respondent group names:
 * every form of every group as pages, code sheets and reports print it,
 * ids round-trip through group_parse, and out-of-range values and unknown
 * ids fall back as documented instead of reading past the table.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "group.h"
#include "check_run.h"

/* The words as the product printed them before they had one home: form.c
 * (id, title), manage/codes.c and adminweb (plural), reports/privacy.c
 * (report label, noun), manage/codes.c (panel letter). */
static const struct group_names want[GROUP__MAX] = {
	[GROUP_CHEF] = { "chef", "Chef", "Chefer", "Chefer", "chef", 'C' },
	[GROUP_PERSONAL] = { "personal", "Personal", "Personal", "Personal",
	    "personal", 'S' },
	[GROUP_PEER] = { "peer", "Peer supporter", "Peer supporters",
	    "Peer supporters", "peer supporter", 'P' },
	[GROUP_PATIENT] = { "patient", "Patient/brukare", "Patienter/brukare",
	    "Patient/brukare", "patient/brukare", 'B' },
};

START_TEST(test_every_form)
{
	enum respondent_group g = (enum respondent_group)_i;
	const struct group_names *n = group_names(g);

	ck_assert_str_eq(n->id, want[g].id);
	ck_assert_str_eq(n->title, want[g].title);
	ck_assert_str_eq(n->plural, want[g].plural);
	ck_assert_str_eq(n->report, want[g].report);
	ck_assert_str_eq(n->noun, want[g].noun);
	ck_assert_int_eq(n->panel_letter, want[g].panel_letter);
	ck_assert_str_eq(group_id(g), want[g].id);
	ck_assert_str_eq(group_title(g), want[g].title);
	ck_assert_str_eq(group_plural(g), want[g].plural);
	ck_assert_str_eq(group_report(g), want[g].report);
	ck_assert_str_eq(group_noun(g), want[g].noun);
	ck_assert_str_eq(group_plural_of(want[g].id), want[g].plural);
}
END_TEST

START_TEST(test_parse)
{
	enum respondent_group g, back;

	for (g = 0; g < GROUP__MAX; g++) {
		ck_assert(group_parse(group_id(g), &back));
		ck_assert_int_eq(back, g);
	}
	/* exact ids only: no case folding, prefixes, padding or words */
	back = GROUP_PEER;
	ck_assert(!group_parse("Chef", &back));
	ck_assert(!group_parse("che", &back));
	ck_assert(!group_parse("chef ", &back));
	ck_assert(!group_parse("", &back));
	ck_assert(!group_parse("Chefer", &back));
	ck_assert(!group_parse(NULL, &back));
	ck_assert_int_eq(back, GROUP_PEER); /* untouched on refusal */
}
END_TEST

START_TEST(test_out_of_range)
{
	enum respondent_group bad = GROUP__MAX;

	ck_assert_str_eq(group_id(bad), "unknown");
	ck_assert_str_eq(group_title(bad), "");
	ck_assert_str_eq(group_plural(bad), "Okänd grupp");
	ck_assert_str_eq(group_report(bad), "Okänd grupp");
	ck_assert_str_eq(group_noun(bad), "okänd grupp");
	ck_assert_str_eq(group_id((enum respondent_group) - 1), "unknown");
	/* an id the product does not know is shown as it is */
	ck_assert_str_eq(group_plural_of("styrgrupp"), "styrgrupp");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("group");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_every_form, 0, GROUP__MAX);
	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_out_of_range);
	suite_add_tcase(s, tc);
	return check_run(s);
}
