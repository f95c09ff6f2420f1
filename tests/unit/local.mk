# unit tests (Check): add test_<area> programs here
UNIT_TESTS = \
	tests/unit/test_arena \
	tests/unit/test_buf \
	tests/unit/test_csv \
	tests/unit/test_group \
	tests/unit/test_num \
	tests/unit/test_conf \
	tests/unit/test_code \
	tests/unit/test_log \
	tests/unit/test_db \
	tests/unit/test_info_vars
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)

UNIT_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
UNIT_LDADD = $(UF_LIBS) $(CHECK_LIBS)

tests_unit_test_arena_SOURCES = tests/unit/test_arena.c
tests_unit_test_arena_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_arena_LDADD = $(UNIT_LDADD)
tests_unit_test_buf_SOURCES = tests/unit/test_buf.c
tests_unit_test_buf_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_buf_LDADD = $(UNIT_LDADD)
tests_unit_test_csv_SOURCES = tests/unit/test_csv.c
tests_unit_test_csv_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_csv_LDADD = $(UNIT_LDADD)
tests_unit_test_group_SOURCES = tests/unit/test_group.c
tests_unit_test_group_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_group_LDADD = $(UNIT_LDADD)
tests_unit_test_info_vars_SOURCES = tests/unit/test_info_vars.c
tests_unit_test_info_vars_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_info_vars_LDADD = $(UNIT_LDADD)
tests_unit_test_num_SOURCES = tests/unit/test_num.c
tests_unit_test_num_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_num_LDADD = $(UNIT_LDADD)
tests_unit_test_conf_SOURCES = tests/unit/test_conf.c
tests_unit_test_conf_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_conf_LDADD = $(UNIT_LDADD)
tests_unit_test_code_SOURCES = tests/unit/test_code.c
tests_unit_test_code_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_code_LDADD = $(UNIT_LDADD)
tests_unit_test_log_SOURCES = tests/unit/test_log.c
tests_unit_test_log_CFLAGS = $(UNIT_CFLAGS) $(PTHREAD_CFLAGS)
tests_unit_test_log_LDADD = $(UNIT_LDADD) $(PTHREAD_LIBS)
# Runs only with UF_TEST_CONNINFO set (a libpq conninfo); exit 77 = skipped.
tests_unit_test_db_SOURCES = tests/unit/test_db.c
tests_unit_test_db_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_db_LDADD = $(UNIT_LDADD)

# Style checks (banned functions, libpq outside lib/db.c, SQL outside the
# statement tables): `make lint`, and part of `make check`.
EXTRA_DIST += tests/lint.sh
TESTS += tests/lint.sh
.PHONY: lint
lint:
	bash $(top_srcdir)/tests/lint.sh $(top_srcdir)

# make dist's hook (tests/dist-files.sh) against a throwaway checkout.
EXTRA_DIST += tests/unit/test_dist_files.sh
# The runner every C unit test's main ends with (included by relative path).
EXTRA_DIST += tests/unit/check_run.h
TESTS += tests/unit/test_dist_files.sh
