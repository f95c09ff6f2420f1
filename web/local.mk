# SPDX-License-Identifier: ISC
# web: the FastCGI framework both web programs stand on (libweb.a): the
# accept loop and request pipeline (web_main), configuration keys (web_conf),
# requests (req), routing (route), replies (http) and HTML writing (html).
noinst_LIBRARIES += web/libweb.a
web_libweb_a_SOURCES = \
	web/web.h web/web_main.c \
	web/req.h web/req.c \
	web/route.h web/route.c \
	web/http.h web/http.c \
	web/html.h web/html.c \
	web/web_conf.h web/web_conf.c
web_libweb_a_CFLAGS = $(AM_CFLAGS) $(PTHREAD_CFLAGS)

# What a web program links besides lib/.
WEB_LIBS = web/libweb.a $(FCGI_LIBS)

# The reply side (headers, downloads, cookies, error pages) as a Check test:
# http.c and html.c without the FastCGI loop.
check_PROGRAMS += web/test_http
TESTS += web/test_http
web_test_http_SOURCES = web/test_http.c
web_test_http_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
web_test_http_LDADD = $(WEB_LIBS) $(UF_LIBS) $(CHECK_LIBS)

# The shared configuration keys (web_conf.c) as a Check test.
check_PROGRAMS += web/test_web_conf
TESTS += web/test_web_conf
web_test_web_conf_SOURCES = web/test_web_conf.c
web_test_web_conf_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
web_test_web_conf_LDADD = $(WEB_LIBS) $(UF_LIBS) $(CHECK_LIBS)
