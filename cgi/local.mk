# cgi: the FastCGI programs. The web framework (web_main, req, route, http,
# html) is shared; uppfolj-collect adds its handlers and data layer.
bin_PROGRAMS += cgi/uppfolj-collect

UF_WEB_SOURCES = \
	cgi/web.h cgi/web_main.c \
	cgi/req.h cgi/req.c \
	cgi/route.h cgi/route.c \
	cgi/http.h cgi/http.c \
	cgi/html.h cgi/html.c \
	cgi/web_conf.h cgi/web_conf.c

cgi_uppfolj_collect_SOURCES = $(UF_WEB_SOURCES) \
	cgi/collect.h cgi/collect_main.c cgi/collect_routes.c \
	cgi/collect_session.c cgi/collect_cache.h cgi/collect_cache.c \
	cgi/collect_form.h cgi/collect_form.c \
	cgi/collect_instr.h cgi/collect_instr.c \
	cgi/collect_render.c cgi/collect_handlers.h cgi/collect_lang.c \
	cgi/collect_audio.h cgi/collect_audio.c \
	cgi/db_collect.h cgi/db_collect.c \
	cgi/h_start.c cgi/h_end.c cgi/h_info.c cgi/h_survey.c cgi/h_api.c
cgi_uppfolj_collect_CFLAGS = $(AM_CFLAGS) $(PTHREAD_CFLAGS)
cgi_uppfolj_collect_LDADD = $(UF_LIBS) $(FCGI_LIBS) $(PTHREAD_LIBS)

# Static assets nginx serves itself (/static/).
staticdir = $(pkgdatadir)/static
dist_static_DATA = cgi/static/uppfolj.css cgi/static/uppfolj.js cgi/static/tapguard.js

# The framework's reply side (headers, downloads, cookies, error pages) as a
# Check test: http.c and html.c without the FastCGI loop.
check_PROGRAMS += cgi/test_http
TESTS += cgi/test_http
cgi_test_http_SOURCES = cgi/test_http.c cgi/http.h cgi/http.c cgi/html.h cgi/html.c cgi/req.c \
	cgi/web.h cgi/req.h
cgi_test_http_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
cgi_test_http_LDADD = $(UF_LIBS) $(FCGI_LIBS) $(CHECK_LIBS)

# The shared configuration keys (web_conf.c) as a Check test.
check_PROGRAMS += cgi/test_web_conf
TESTS += cgi/test_web_conf
cgi_test_web_conf_SOURCES = cgi/test_web_conf.c cgi/web_conf.h cgi/web_conf.c cgi/web.h
cgi_test_web_conf_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
cgi_test_web_conf_LDADD = $(UF_LIBS) $(CHECK_LIBS)

# The read-aloud players (collect_audio.c): files per language and variant.
check_PROGRAMS += cgi/test_audio
TESTS += cgi/test_audio
cgi_test_audio_SOURCES = cgi/test_audio.c cgi/collect_audio.h cgi/collect_audio.c \
	cgi/html.h cgi/html.c
cgi_test_audio_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
cgi_test_audio_CPPFLAGS = $(AM_CPPFLAGS) -DUF_TEST_FORMS_DIR='"$(abs_top_srcdir)/forms"'
cgi_test_audio_LDADD = $(UF_LIBS) $(CHECK_LIBS)
