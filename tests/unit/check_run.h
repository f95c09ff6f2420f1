/* SPDX-License-Identifier: ISC */
/* How every C unit test's main runs its suite: all cases, check's normal
 * output, and the exit status make check reads (0 when none failed). One
 * home, so a change of runner mode reaches every test. */
#ifndef UF_CHECK_RUN_H
#define UF_CHECK_RUN_H

#include <check.h>
#include <stdlib.h>

static inline int
check_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
