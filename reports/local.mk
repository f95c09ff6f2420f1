# reports: uppfolj-report, the delrapport/slutrapport PDF program.
bin_PROGRAMS += reports/uppfolj-report
reports_uppfolj_report_SOURCES = \
	reports/main.c \
	reports/db_report.c reports/db_report.h \
	reports/model.h reports/model_load.c \
	reports/form_union.c reports/form_union.h \
	reports/model_answers.c reports/model_answers.h reports/model_counts.c \
	reports/model_texts.c reports/model_texts.h \
	reports/stats.c reports/stats.h \
	reports/privacy.c reports/privacy.h \
	reports/disclosure.c reports/disclosure.h reports/disclosure_rule.c \
	reports/disclosure_solve.c reports/disclosure_solve.h \
	reports/table.c reports/table.h \
	reports/pdf.c reports/pdf.h reports/bidi.c reports/bidi.h \
	reports/pdf_font.c reports/pdf_font.h \
	reports/render.h reports/render_common.c \
	reports/render_delrapport.c reports/render_slutrapport.c \
	reports/compare.c reports/compare.h \
	reports/numeric.h reports/model_numeric.c reports/render_numeric.c \
	reports/questionnaire.c reports/questionnaire.h \
	reports/qual.h reports/model_qual.c reports/render_qual.c \
	reports/markup.c reports/markup.h \
	reports/lang_names.c reports/lang_names.h \
	reports/model_lang.c reports/model_lang.h \
	reports/render_lang.c reports/render_lang.h \
	reports/model_info.c reports/render_info.c reports/model_examples.c
reports_uppfolj_report_CPPFLAGS = $(AM_CPPFLAGS) $(FRIBIDI_CFLAGS)
reports_uppfolj_report_LDADD = $(UF_LIBS) $(HPDF_LIBS) $(FRIBIDI_LIBS) -lm
dist_man_MANS += reports/uppfolj-report.1
