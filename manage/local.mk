# SPDX-License-Identifier: ISC
# manage: the administration operations (users, studies, units, waves,
# codes and code sheets, rates, erasure, exports, retention) as a library
# shared by uppfolj-admin and the web admin.
noinst_LIBRARIES += manage/libmanage.a
manage_libmanage_a_SOURCES = \
	manage/db_manage.c manage/db_manage.h \
	manage/db_qual_examples.c manage/db_qual_examples.h \
	manage/qual_examples.c manage/qual_examples.h \
	manage/study.c manage/study.h \
	manage/units.c manage/units.h \
	manage/masknames.c manage/masknames.h \
	manage/waves.c manage/waves.h \
	manage/studies.c manage/studies.h \
	manage/users.c manage/users.h \
	manage/codes.c manage/codes.h \
	manage/codereplace.c manage/codereplace.h \
	manage/useradmin.c manage/useradmin.h \
	manage/codesheet.c manage/codesheet.h \
	manage/accesspdf.c manage/accesspdf.h \
	manage/rates.c manage/rates.h \
	manage/erase.c manage/erase.h \
	manage/export.c manage/export.h \
	manage/export_model.c manage/export_model.h \
	manage/export_cursor.c \
	manage/export_long.c \
	manage/export_wide.c \
	manage/export_codebook.c \
	manage/export_readstat.c \
	manage/export_r.c \
	manage/export_access.c \
	manage/retention.c manage/retention.h \
	manage/cli.c manage/cli.h \
	manage/qual_kappa.c manage/qual_kappa.h \
	manage/db_rows.c manage/db_rows.h \
	manage/db_qual.c manage/db_qual.h \
	manage/qual.c manage/qual.h \
	manage/qual_qdpx.c manage/qual_qdpx.h \
	manage/qual_qdpx_read.c manage/qual_qdpx_read.h \
	manage/reporttext.c manage/reporttext.h \
	manage/qual_text.c manage/qual_text.h
# libxml2's headers live in their own folder (REFI-QDA interchange).
manage_libmanage_a_CPPFLAGS = $(AM_CPPFLAGS) $(ZIP_CFLAGS) $(XML_CFLAGS)

# What a program using the operations links (before UF_LIBS).
MANAGE_LIBS = manage/libmanage.a $(QRENCODE_LIBS) $(HPDF_LIBS) $(READSTAT_LIBS) \
	$(ZIP_LIBS) $(XML_LIBS)

# Unit tests of the pure parts (make check), and the probe the database
# suite tests/manage/run.sh drives logins and sessions with.
check_PROGRAMS += tests/manage/test_manage tests/manage/manage-probe
TESTS += tests/manage/test_manage
# Kappa, segments and upload checks of qualitative coding.
check_PROGRAMS += tests/manage/test_qual
TESTS += tests/manage/test_qual
tests_manage_test_qual_SOURCES = tests/manage/test_qual.c
tests_manage_test_qual_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/manage
tests_manage_test_qual_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_manage_test_qual_LDADD = $(MANAGE_LIBS) $(UF_LIBS) $(CHECK_LIBS)
tests_manage_test_manage_SOURCES = tests/manage/test_manage.c
tests_manage_test_manage_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/manage
tests_manage_test_manage_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_manage_test_manage_LDADD = $(MANAGE_LIBS) $(UF_LIBS) $(CHECK_LIBS)
tests_manage_manage_probe_SOURCES = tests/manage/manage_probe.c
tests_manage_manage_probe_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/manage
tests_manage_manage_probe_LDADD = $(MANAGE_LIBS) $(UF_LIBS)
EXTRA_DIST += tests/manage/run.sh tests/manage/export_check.py tests/manage/qual.sh \
	tests/manage/demo_qual.sh \
	tests/qual/Project-mrt2019.xsd
