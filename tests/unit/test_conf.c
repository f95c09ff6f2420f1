/* SPDX-License-Identifier: ISC
 * Unit tests for lib/conf.c: a good file, and every rejection with its exact
 * "file:line: what" message, each from its own temporary file.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "utf8.h"
#include "check_run.h"

static const char *const known[] = { "db", "listen", "workers", "secret", NULL };
static char path[256];

/* Write len bytes to a fresh temporary file; its name goes to `path`. */
static void
write_file(const char *text, size_t len)
{
	const char *dir = getenv("TMPDIR");
	FILE *f;
	int fd, n;

	n = snprintf(path, sizeof(path), "%s/uf-conf-XXXXXX",
	    dir != NULL && dir[0] != '\0' ? dir : "/tmp");
	ck_assert(n > 0 && (size_t)n < sizeof(path));
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

static void
write_text(const char *text)
{
	write_file(text, strlen(text));
}

/* Load `path` expecting failure `want` and the message "<path>:<suffix>". */
static void
expect_error(uf_err want, const char *suffix)
{
	struct conf *c = (struct conf *)1;
	char err[512], expect[512];
	int n;

	ck_assert_int_eq(conf_load(path, known, &c, err, sizeof(err)), want);
	ck_assert_ptr_null(c);
	n = snprintf(expect, sizeof(expect), "%s:%s", path, suffix);
	ck_assert(n > 0 && (size_t)n < sizeof(expect));
	ck_assert_str_eq(err, expect);
	ck_assert_int_eq(unlink(path), 0);
}

START_TEST(test_good_file)
{
	struct conf *c = NULL;
	char err[256];
	long v = 0;

	write_text("# uppfolj\n"
	           "\n"
	           "   db   =  host=/run/pg dbname=uppfolj password=a#b  \n"
	           "\t# indented comment\n"
	           "listen=127.0.0.1:9000\r\n"
	           "workers = 8\n"
	           "secret =");
	ck_assert_int_eq(conf_load(path, known, &c, err, sizeof(err)), UF_OK);
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(conf_get(c, "db", NULL), "host=/run/pg dbname=uppfolj password=a#b");
	ck_assert_str_eq(conf_get(c, "listen", NULL), "127.0.0.1:9000");
	ck_assert_str_eq(conf_get(c, "secret", "def"), "");
	ck_assert_ptr_null(conf_get(c, "nothere", NULL));
	ck_assert_int_eq(conf_get_long(c, "workers", 4, 1, 64, &v), UF_OK);
	ck_assert_int_eq(v, 8);
	ck_assert_int_eq(conf_get_long(c, "workers", 4, 1, 7, &v), UF_EINVAL);
	ck_assert_int_eq(conf_get_long(c, "workers", 4, 9, 64, &v), UF_EINVAL);
	ck_assert_int_eq(conf_get_long(c, "missing", 4, 1, 64, &v), UF_OK);
	ck_assert_int_eq(v, 4);
	ck_assert_int_eq(conf_get_long(c, "listen", 4, 1, 64, &v), UF_EINVAL);
	ck_assert_int_eq(conf_get_long(c, "secret", 4, 1, 64, &v), UF_EINVAL);
	conf_free(c);
	conf_free(NULL);
	ck_assert_int_eq(unlink(path), 0);
}
END_TEST

START_TEST(test_long_malformed)
{
	struct conf *c = NULL;
	char err[256];
	long v = 0;

	write_text("workers = 12abc\nlisten = 99999999999999999999999\n");
	ck_assert_int_eq(conf_load(path, known, &c, err, sizeof(err)), UF_OK);
	ck_assert_int_eq(conf_get_long(c, "workers", 4, 1, 64, &v), UF_EINVAL);
	ck_assert_int_eq(conf_get_long(c, "listen", 4, 1, 64, &v), UF_EINVAL);
	ck_assert_int_eq(v, 0);
	conf_free(c);
	ck_assert_int_eq(unlink(path), 0);
}
END_TEST

START_TEST(test_empty_file)
{
	struct conf *c = NULL;
	char err[256];

	write_text("");
	ck_assert_int_eq(conf_load(path, known, &c, err, sizeof(err)), UF_OK);
	ck_assert_str_eq(conf_get(c, "db", "dflt"), "dflt");
	conf_free(c);
	ck_assert_int_eq(unlink(path), 0);
}
END_TEST

START_TEST(test_unknown_key)
{
	write_text("db = x\n# c\nwrokers = 3\n");
	expect_error(UF_EFORMAT, "3: unknown key 'wrokers'");
}
END_TEST

START_TEST(test_duplicate_key)
{
	write_text("workers = 2\ndb = x\n\nworkers = 3\n");
	expect_error(UF_EFORMAT, "4: duplicate key 'workers' (first on line 1)");
}
END_TEST

START_TEST(test_no_equals)
{
	write_text("db = x\nworkers 3\n");
	expect_error(UF_EFORMAT, "2: expected 'key = value'");
}
END_TEST

START_TEST(test_missing_key)
{
	write_text("  = 3\n");
	expect_error(UF_EFORMAT, "1: missing key before '='");
}
END_TEST

START_TEST(test_line_limit)
{
	char line[1100];
	struct conf *c = NULL;
	char err[256];

	/* Exactly 1024 bytes before the newline is accepted... */
	memcpy(line, "db = ", 5);
	memset(line + 5, 'v', 1024 - 5);
	line[1024] = '\n';
	write_file(line, 1025);
	ck_assert_int_eq(conf_load(path, known, &c, err, sizeof(err)), UF_OK);
	ck_assert_uint_eq(strlen(conf_get(c, "db", "")), 1019);
	conf_free(c);
	ck_assert_int_eq(unlink(path), 0);
	/* ...1025 is not, with or without a final newline. */
	line[1024] = 'v';
	line[1025] = '\n';
	write_file(line, 1026);
	expect_error(UF_EFORMAT, "1: line longer than 1024 bytes");
	write_file(line, 1025);
	expect_error(UF_EFORMAT, "1: line longer than 1024 bytes");
}
END_TEST

START_TEST(test_nul_byte)
{
	write_file("db = x\nlisten = a\0b\n", sizeof("db = x\nlisten = a\0b\n") - 1);
	expect_error(UF_EFORMAT, "2: NUL byte in line");
}
END_TEST

START_TEST(test_too_many_keys)
{
	const char *many[110];
	char names[110][16], text[110 * 16];
	struct conf *c = (struct conf *)1;
	char err[256], expect[300];
	size_t i, len = 0;
	int n;

	for (i = 0; i < 101; i++) {
		n = snprintf(names[i], sizeof(names[i]), "k%zu", i);
		ck_assert(n > 0 && (size_t)n < sizeof(names[i]));
		many[i] = names[i];
		n = snprintf(text + len, sizeof(text) - len, "k%zu = %zu\n", i, i);
		ck_assert(n > 0 && (size_t)n < sizeof(text) - len);
		len += (size_t)n;
	}
	many[101] = NULL;
	write_file(text, len);
	ck_assert_int_eq(conf_load(path, many, &c, err, sizeof(err)), UF_EFORMAT);
	ck_assert_ptr_null(c);
	n = snprintf(expect, sizeof(expect), "%s:101: more than 100 keys", path);
	ck_assert(n > 0 && (size_t)n < sizeof(expect));
	ck_assert_str_eq(err, expect);
	ck_assert_int_eq(unlink(path), 0);
	/* 100 keys are fine. */
	write_file(text, len - strlen("k100 = 100\n"));
	ck_assert_int_eq(conf_load(path, many, &c, err, sizeof(err)), UF_OK);
	ck_assert_str_eq(conf_get(c, "k99", ""), "99");
	conf_free(c);
	ck_assert_int_eq(unlink(path), 0);
}
END_TEST

START_TEST(test_missing_file)
{
	struct conf *c = (struct conf *)1;
	char err[256];

	ck_assert_int_eq(conf_load("/nonexistent/uppfolj.conf", known, &c, err,
	                     sizeof(err)),
	    UF_EIO);
	ck_assert_ptr_null(c);
	ck_assert_str_eq(err, "/nonexistent/uppfolj.conf: cannot open: No such file or directory");
}
END_TEST

START_TEST(test_small_err_buffer)
{
	struct conf *c = NULL;
	char err[8];

	write_text("bogus = 1\n");
	ck_assert_int_eq(conf_load(path, known, &c, err, sizeof(err)), UF_EFORMAT);
	ck_assert_uint_eq(strlen(err), 7);
	ck_assert_int_eq(conf_load(path, known, &c, NULL, 0), UF_EFORMAT);
	ck_assert_int_eq(unlink(path), 0);
}
END_TEST

/* A message cut by a small buffer ends on a whole character: an unknown
 * key of 300 "å" cut inside one gave invalid UTF-8 (found by
 * tests/fuzz/fuzz_conf). Every buffer size lands once on each byte. */
START_TEST(test_cut_message_is_utf8)
{
	struct conf *c = NULL;
	char line[700], full[2048], err[64];
	size_t n, i;

	memcpy(line, "x", 1);
	for (i = 0; i < 300; i++)
		memcpy(line + 1 + 2 * i, "\xc3\xa5", 2);
	memcpy(line + 601, " = 1\n", 6);
	write_text(line);
	ck_assert_int_eq(conf_load(path, known, &c, full, sizeof(full)), UF_EFORMAT);
	for (n = 40; n <= sizeof(err); n++) {
		ck_assert_int_eq(conf_load(path, known, &c, err, n), UF_EFORMAT);
		ck_assert_msg(utf8_valid(err, strlen(err)), "cut at %zu bytes: not UTF-8", n);
		ck_assert_uint_ge(strlen(err) + 2, n - 1); /* at most one character less */
		ck_assert_int_eq(strncmp(err, full, strlen(err)), 0);
	}
	ck_assert_int_eq(unlink(path), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("conf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_good_file);
	tcase_add_test(tc, test_long_malformed);
	tcase_add_test(tc, test_empty_file);
	tcase_add_test(tc, test_unknown_key);
	tcase_add_test(tc, test_duplicate_key);
	tcase_add_test(tc, test_no_equals);
	tcase_add_test(tc, test_missing_key);
	tcase_add_test(tc, test_line_limit);
	tcase_add_test(tc, test_nul_byte);
	tcase_add_test(tc, test_too_many_keys);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_small_err_buffer);
	tcase_add_test(tc, test_cut_message_is_utf8);
	suite_add_tcase(s, tc);
	return check_run(s);
}
