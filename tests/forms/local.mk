# tests/forms: instrument definitions and answer validation.
# run-checker.sh: every invalid/<case>.json must give exactly <case>.expected
# from `uppfolj-admin forms-check`; valid/*.json and forms/*.json must pass.
TESTS += tests/forms/run-checker.sh
EXTRA_DIST += tests/forms/run-checker.sh tests/forms/invalid tests/forms/valid

# Unit tests (Check) of lib/form.c and lib/utf8.c.
check_PROGRAMS += tests/forms/test_form_answers tests/forms/test_utf8
TESTS += tests/forms/test_form_answers tests/forms/test_utf8

tests_forms_test_form_answers_SOURCES = tests/forms/test_form_answers.c
tests_forms_test_form_answers_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFORMS_TEST_DIR='"$(abs_top_srcdir)/tests/forms"'
tests_forms_test_form_answers_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_forms_test_form_answers_LDADD = $(UF_LIBS) $(CHECK_LIBS)

tests_forms_test_utf8_SOURCES = tests/forms/test_utf8.c
tests_forms_test_utf8_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_forms_test_utf8_LDADD = $(UF_LIBS) $(CHECK_LIBS)

# Unit tests (Check) of lib/item_types.c: the table and each type's answers.
check_PROGRAMS += tests/forms/test_item_types
TESTS += tests/forms/test_item_types
tests_forms_test_item_types_SOURCES = tests/forms/test_item_types.c
tests_forms_test_item_types_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFORMS_TEST_DIR='"$(abs_top_srcdir)/tests/forms"'
tests_forms_test_item_types_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_forms_test_item_types_LDADD = $(UF_LIBS) $(CHECK_LIBS)

# Unit tests (Check) of lib/form_translation.c and lib/form_text.c:
# translation problems, attaching, and the text lookups' fallbacks.
check_PROGRAMS += tests/forms/test_translation
TESTS += tests/forms/test_translation
tests_forms_test_translation_SOURCES = tests/forms/test_translation.c
tests_forms_test_translation_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFORMS_SRC_DIR='"$(abs_top_srcdir)/forms"'
tests_forms_test_translation_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_forms_test_translation_LDADD = $(UF_LIBS) $(CHECK_LIBS)
