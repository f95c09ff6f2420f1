# collect: uppfolj-collect, the survey program (tablet survey, staff
# questionnaires, JSON API) on the web framework (web/).
bin_PROGRAMS += collect/uppfolj-collect

collect_uppfolj_collect_SOURCES = \
	collect/collect.h collect/collect_main.c collect/collect_routes.c \
	collect/collect_session.c collect/collect_cache.h collect/collect_cache.c \
	collect/collect_form.h collect/collect_form.c \
	collect/collect_instr.h collect/collect_instr.c \
	collect/collect_render.c collect/collect_handlers.h collect/collect_lang.c \
	collect/collect_audio.h collect/collect_audio.c \
	collect/db_collect.h collect/db_collect.c \
	collect/h_start.c collect/h_end.c collect/h_info.c collect/h_survey.c collect/h_api.c
collect_uppfolj_collect_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/web
collect_uppfolj_collect_CFLAGS = $(AM_CFLAGS) $(PTHREAD_CFLAGS)
collect_uppfolj_collect_LDADD = $(WEB_LIBS) $(UF_LIBS) $(PTHREAD_LIBS)

# Static assets nginx serves itself (/static/).
staticdir = $(pkgdatadir)/static
dist_static_DATA = collect/static/uppfolj.css collect/static/uppfolj.js collect/static/tapguard.js


# The read-aloud players (collect_audio.c): files per language and variant.
check_PROGRAMS += collect/test_audio
TESTS += collect/test_audio
collect_test_audio_SOURCES = collect/test_audio.c collect/collect_audio.h collect/collect_audio.c
collect_test_audio_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
collect_test_audio_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/web \
	-DUF_TEST_FORMS_DIR='"$(abs_top_srcdir)/forms"'
collect_test_audio_LDADD = $(WEB_LIBS) $(UF_LIBS) $(CHECK_LIBS)

# The session cache's generations (collect_cache.c).
check_PROGRAMS += collect/test_cache
TESTS += collect/test_cache
collect_test_cache_SOURCES = collect/test_cache.c collect/collect_cache.h collect/collect_cache.c
collect_test_cache_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(PTHREAD_CFLAGS)
collect_test_cache_LDADD = $(UF_LIBS) $(CHECK_LIBS) $(PTHREAD_LIBS)
