# SPDX-License-Identifier: ISC
# manage: the administration operations (users, studies, units, waves,
# codes and code sheets, rates, erasure, exports, retention) as a library
# shared by uppfolj-admin and the web admin.
noinst_LIBRARIES += manage/libmanage.a
manage_libmanage_a_SOURCES = \
	manage/db_manage.c manage/db_manage.h \
	manage/study.c manage/study.h \
	manage/units.c manage/units.h \
	manage/masknames.c manage/masknames.h \
	manage/waves.c manage/waves.h \
	manage/studies.c manage/studies.h \
	manage/users.c manage/users.h \
	manage/codes.c manage/codes.h \
	manage/codereplace.c manage/codereplace.h \
	manage/useradmin.c manage/useradmin.h \
	manage/pdfdoc.c manage/pdfdoc.h \
	manage/codesheet.c manage/codesheet.h \
	manage/accesspdf.c manage/accesspdf.h \
	manage/rates.c manage/rates.h \
	manage/erase.c manage/erase.h \
	manage/export.c manage/export.h \
	manage/retention.c manage/retention.h \
	manage/cli.c manage/cli.h

# What a program using the operations links (before UF_LIBS).
MANAGE_LIBS = manage/libmanage.a $(QRENCODE_LIBS) $(HPDF_LIBS)

# Unit tests of the pure parts (make check), and the probe the database
# suite tests/manage/run.sh drives logins and sessions with.
check_PROGRAMS += tests/manage/test_manage tests/manage/manage-probe
TESTS += tests/manage/test_manage
tests_manage_test_manage_SOURCES = tests/manage/test_manage.c
tests_manage_test_manage_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/manage
tests_manage_test_manage_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_manage_test_manage_LDADD = $(MANAGE_LIBS) $(UF_LIBS) $(CHECK_LIBS)
tests_manage_manage_probe_SOURCES = tests/manage/manage_probe.c
tests_manage_manage_probe_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/manage
tests_manage_manage_probe_LDADD = $(MANAGE_LIBS) $(UF_LIBS)
EXTRA_DIST += tests/manage/run.sh
