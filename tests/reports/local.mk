# reports: unit tests of the statistics, privacy and instrument-union layers (Check), and the
# end-to-end suite run.sh (run by tests/run-all.sh against the demo study).
check_PROGRAMS += tests/reports/test_stats tests/reports/test_privacy tests/reports/test_form_union
TESTS += tests/reports/test_stats tests/reports/test_privacy tests/reports/test_form_union
tests_reports_test_stats_SOURCES = tests/reports/test_stats.c \
	reports/stats.c reports/stats.h
tests_reports_test_stats_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/reports $(CHECK_CFLAGS)
tests_reports_test_stats_LDADD = $(CHECK_LIBS) -lm
tests_reports_test_privacy_SOURCES = tests/reports/test_privacy.c \
	reports/privacy.c reports/privacy.h
tests_reports_test_privacy_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/reports $(CHECK_CFLAGS)
tests_reports_test_privacy_LDADD = $(UF_LIBS) $(CHECK_LIBS)
tests_reports_test_form_union_SOURCES = tests/reports/test_form_union.c \
	reports/form_union.c reports/form_union.h
tests_reports_test_form_union_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/reports $(CHECK_CFLAGS)
tests_reports_test_form_union_LDADD = $(UF_LIBS) $(CHECK_LIBS)
EXTRA_DIST += tests/reports/run.sh tests/bench/report.sh tests/reports/disclosure.sh \
	tests/reports/questionnaire.sh tests/reports/qual.sh tests/reports/qual_study.sql \
	tests/reports/questionnaire.sh tests/reports/compare.sh tests/reports/compare_reference.py \
	tests/reports/stats_reference.py \
	tests/reports/disclosure_check.py tests/reports/disclosure_study.sql
check_PROGRAMS += tests/reports/test_disclosure
TESTS += tests/reports/test_disclosure
tests_reports_test_disclosure_SOURCES = tests/reports/test_disclosure.c \
	reports/disclosure_rule.c reports/disclosure_solve.c reports/disclosure_solve.h
tests_reports_test_disclosure_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/reports $(CHECK_CFLAGS)
tests_reports_test_disclosure_LDADD = $(CHECK_LIBS)
check_PROGRAMS += tests/reports/test_markup
TESTS += tests/reports/test_markup
tests_reports_test_markup_SOURCES = tests/reports/test_markup.c \
	reports/markup.c reports/markup.h reports/pdf.c reports/pdf.h reports/table.c reports/table.h \
	reports/stats.c reports/stats.h reports/bidi.c reports/bidi.h reports/pdf_font.c reports/pdf_font.h
tests_reports_test_markup_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/reports $(CHECK_CFLAGS) \
	$(FRIBIDI_CFLAGS)
tests_reports_test_markup_LDADD = $(HPDF_LIBS) $(FRIBIDI_LIBS) $(UF_LIBS) $(CHECK_LIBS) -lm
check_PROGRAMS += tests/reports/test_lang_names
TESTS += tests/reports/test_lang_names
tests_reports_test_lang_names_SOURCES = tests/reports/test_lang_names.c \
	reports/lang_names.c reports/lang_names.h
tests_reports_test_lang_names_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/reports $(CHECK_CFLAGS)
tests_reports_test_lang_names_LDADD = $(UF_LIBS) $(CHECK_LIBS)
EXTRA_DIST += tests/reports/lang.sh tests/reports/lang_reference.py
check_PROGRAMS += tests/reports/test_model_texts
TESTS += tests/reports/test_model_texts
tests_reports_test_model_texts_SOURCES = tests/reports/test_model_texts.c \
	reports/model_texts.c reports/model_texts.h
tests_reports_test_model_texts_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/reports $(CHECK_CFLAGS)
tests_reports_test_model_texts_LDADD = $(UF_LIBS) $(CHECK_LIBS)
check_PROGRAMS += tests/reports/test_bidi
TESTS += tests/reports/test_bidi
tests_reports_test_bidi_SOURCES = tests/reports/test_bidi.c reports/bidi.c reports/bidi.h
tests_reports_test_bidi_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/reports $(CHECK_CFLAGS) \
	$(FRIBIDI_CFLAGS)
tests_reports_test_bidi_LDADD = $(FRIBIDI_LIBS) $(UF_LIBS) $(CHECK_LIBS)
check_PROGRAMS += tests/reports/test_pdf_rtl
TESTS += tests/reports/test_pdf_rtl
tests_reports_test_pdf_rtl_SOURCES = tests/reports/test_pdf_rtl.c \
	reports/pdf.c reports/pdf.h reports/bidi.c reports/bidi.h reports/table.c reports/table.h \
	reports/stats.c reports/stats.h reports/pdf_font.c reports/pdf_font.h
tests_reports_test_pdf_rtl_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/reports $(CHECK_CFLAGS) \
	$(FRIBIDI_CFLAGS)
tests_reports_test_pdf_rtl_LDADD = $(HPDF_LIBS) $(FRIBIDI_LIBS) $(UF_LIBS) $(CHECK_LIBS) -lm
