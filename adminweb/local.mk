# SPDX-License-Identifier: ISC
# adminweb: uppfolj-adminweb, the administration web program (/admin/), on
# the shared FastCGI framework (web/) and the manage/ operations.
bin_PROGRAMS += adminweb/uppfolj-adminweb
adminweb_uppfolj_adminweb_SOURCES = \
	adminweb/aw.h adminweb/aw_main.c adminweb/aw_routes.c \
	adminweb/aw_session.c adminweb/aw_form.c adminweb/aw_page.c \
	adminweb/aw_css.c adminweb/aw_find.h adminweb/aw_find.c \
	adminweb/h_login.c adminweb/h_home.c adminweb/h_rates.c \
	adminweb/h_codes.c adminweb/h_units.c adminweb/h_waves.c \
	adminweb/h_users.c adminweb/h_erase.c adminweb/h_export.c \
	adminweb/h_masks.c adminweb/h_audit.c adminweb/h_status.c \
	adminweb/h_replace.c \
	adminweb/aw_qual.h adminweb/h_qual.c adminweb/h_qual_doc.c \
	adminweb/h_qual_codes.c adminweb/h_qual_set.c adminweb/h_qual_report.c \
	adminweb/h_qual_examples.c
adminweb_uppfolj_adminweb_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/web \
	-I$(top_srcdir)/manage
adminweb_uppfolj_adminweb_CFLAGS = $(AM_CFLAGS) $(PTHREAD_CFLAGS)
adminweb_uppfolj_adminweb_LDADD = $(MANAGE_LIBS) $(WEB_LIBS) $(UF_LIBS) \
	$(PTHREAD_LIBS)

# (deploy/adminweb.conf.sample and the systemd unit are in deploy/local.mk.)
# (its test suite, tests/adminweb, ships whole: tests/local.mk.)
