# admin: uppfolj-admin, the command-line tool (migrate, forms, demo).
bin_PROGRAMS += admin/uppfolj-admin
admin_uppfolj_admin_SOURCES = \
	admin/main.c admin/cmd.h \
	admin/opts.c admin/opts.h \
	admin/db_admin.c admin/db_admin.h \
	admin/cmd_migrate.c \
	admin/cmd_forms_check.c \
	admin/cmd_forms_load.c admin/forms_translation.c \
	admin/cmd_error_pages.c \
	admin/cmd_audio.c admin/audio.h admin/audio_build.h admin/audio_file.c \
	admin/audio_text.c admin/audio_tool.c \
	admin/cmd_demo.c admin/demo.h \
	admin/demo_rng.c admin/demo_date.c admin/demo_text.c \
	admin/demo_panel.c admin/demo_answers.c admin/demo_store.c admin/demo_lang.c \
	admin/demo_qual.c admin/demo_qual.h admin/demo_qual_bank.c admin/demo_qual_text.c \
	admin/cmd_user.c admin/cmd_studies.c admin/cmd_units.c admin/cmd_waves.c \
	admin/cmd_codes.c admin/cmd_rates.c \
	admin/cmd_erase.c admin/cmd_export.c admin/cmd_retention.c \
	admin/cmd_mask_names.c admin/cmd_qual.c admin/cmd_testmode.c
admin_uppfolj_admin_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/manage
admin_uppfolj_admin_LDADD = $(MANAGE_LIBS) $(UF_LIBS)
dist_man_MANS += admin/uppfolj-admin.1
