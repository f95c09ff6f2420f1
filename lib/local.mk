# lib: the library every program links (libuppfolj.a).
noinst_LIBRARIES += lib/libuppfolj.a
lib_libuppfolj_a_SOURCES = \
	lib/err.c lib/err.h \
	lib/arena.c lib/arena.h \
	lib/buf.c lib/buf.h \
	lib/log.c lib/log.h \
	lib/conf.c lib/conf.h \
	lib/utf8.c lib/utf8.h \
	lib/group.c lib/group.h \
	lib/num.c lib/num.h \
	lib/csv.c lib/csv.h \
	lib/pdfdoc.c lib/pdfdoc.h \
	lib/code.c lib/code.h \
	lib/db.c lib/db.h \
	lib/form.c lib/form.h lib/form_answers.c lib/form_internal.h \
	lib/form_translation.c lib/form_text.c \
	lib/item_types.c lib/item_types.h \
	lib/lang.c lib/lang.h \
	lib/info_speech.c lib/info_speech.h \
	lib/info_vars.c lib/info_vars.h

# What a program linking the library needs.
UF_LIBS = lib/libuppfolj.a $(PQ_LIBS) $(CJSON_LIBS) $(SODIUM_LIBS) $(PTHREAD_LIBS) -lm
