/* SPDX-License-Identifier: ISC
 * Unit tests for lib/log.c: the line format, level filtering, one line per
 * message even for hostile text, truncation, and whole lines from many
 * threads at once.
 */
#include <check.h>
#include <pthread.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "check_run.h"

#define LINE_RE    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z level=(debug|info|warn|error) "
#define THREADS    8
#define PER_THREAD 300

static char path[256];
static int saved_stderr = -1;
static char text[1 << 20];

/* Send stderr to a fresh temporary file. */
static void
capture_start(void)
{
	const char *dir = getenv("TMPDIR");
	int fd, n;

	n = snprintf(path, sizeof(path), "%s/uf-log-XXXXXX",
	    dir != NULL && dir[0] != '\0' ? dir : "/tmp");
	ck_assert(n > 0 && (size_t)n < sizeof(path));
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fflush(stderr), 0);
	saved_stderr = dup(2);
	ck_assert_int_ge(saved_stderr, 0);
	ck_assert_int_eq(dup2(fd, 2), 2);
	ck_assert_int_eq(close(fd), 0);
}

/* Restore stderr and return what was written (in `text`). */
static const char *
capture_end(void)
{
	FILE *f;
	size_t n;

	ck_assert_int_eq(fflush(stderr), 0);
	ck_assert_int_eq(dup2(saved_stderr, 2), 2);
	ck_assert_int_eq(close(saved_stderr), 0);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	ck_assert(!ferror(f));
	text[n] = '\0';
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(unlink(path), 0);
	return text;
}

static bool
matches(const char *re, const char *s)
{
	regex_t rx;
	int rc;

	ck_assert_int_eq(regcomp(&rx, re, REG_EXTENDED | REG_NOSUB), 0);
	rc = regexec(&rx, s, 0, NULL, 0);
	regfree(&rx);
	return rc == 0;
}

START_TEST(test_format)
{
	const char *out;

	log_set_program("test-log");
	capture_start();
	log_warn("req=%s status=%d", "ab12", 409);
	out = capture_end();
	ck_assert_msg(matches(LINE_RE "prog=test-log req=ab12 status=409\n$", out),
	    "got: %s", out);
	ck_assert_msg(matches("level=warn", out), "got: %s", out);
}
END_TEST

START_TEST(test_no_program)
{
	const char *out;

	log_set_program(NULL);
	capture_start();
	log_error("x=1");
	out = capture_end();
	ck_assert_msg(matches(LINE_RE "x=1\n$", out), "got: %s", out);
	ck_assert_msg(matches("level=error x=1", out), "got: %s", out);
}
END_TEST

START_TEST(test_levels)
{
	const char *out;

	log_set_program("t");
	capture_start();
	log_debug("one"); /* default minimum is info */
	log_info("two");
	log_set_level(LOG_LVL_ERROR);
	log_warn("three");
	log_error("four");
	log_set_level(LOG_LVL_DEBUG);
	log_debug("five");
	out = capture_end();
	ck_assert_msg(strstr(out, "one") == NULL, "got: %s", out);
	ck_assert_msg(strstr(out, "level=info prog=t two\n") != NULL, "got: %s", out);
	ck_assert_msg(strstr(out, "three") == NULL, "got: %s", out);
	ck_assert_msg(strstr(out, "level=error prog=t four\n") != NULL, "got: %s", out);
	ck_assert_msg(strstr(out, "level=debug prog=t five\n") != NULL, "got: %s", out);
}
END_TEST

START_TEST(test_injection_stays_one_line)
{
	const char *out;

	log_set_program("t");
	capture_start();
	log_warn("msg=\"%s\"", "a\nT level=error forged\r\x1b[31m");
	out = capture_end();
	ck_assert_msg(matches(LINE_RE "prog=t msg=\"a\\?T level=error forged\\?\\?\\[31m\"\n$", out),
	    "got: %s", out);
}
END_TEST

START_TEST(test_truncation)
{
	static char big[5000];
	const char *out;
	size_t len;

	memset(big, 'x', sizeof(big) - 1);
	log_set_program("t");
	capture_start();
	log_info("big=%s", big);
	log_info("after");
	out = capture_end();
	len = strcspn(out, "\n");
	ck_assert_uint_eq(len, 2046);
	ck_assert_int_eq(memcmp(out + len - 3, "...", 3), 0);
	ck_assert_msg(matches("\n[^\n]* level=info prog=t after\n$", out), "got: %s", out);
}
END_TEST

static void *
logger(void *arg)
{
	int id = *(int *)arg, i;

	for (i = 0; i < PER_THREAD; i++)
		log_info("thread=%d i=%d pad=%s", id, i,
		    "0123456789012345678901234567890123456789012345678901234567890123456789");
	return NULL;
}

START_TEST(test_threads_whole_lines)
{
	pthread_t th[THREADS];
	int ids[THREADS], i, lines = 0;
	char *line, *save = NULL;

	log_set_program("t");
	capture_start();
	for (i = 0; i < THREADS; i++) {
		ids[i] = i;
		ck_assert_int_eq(pthread_create(&th[i], NULL, logger, &ids[i]), 0);
	}
	for (i = 0; i < THREADS; i++)
		ck_assert_int_eq(pthread_join(th[i], NULL), 0);
	capture_end();
	for (line = strtok_r(text, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		ck_assert_msg(matches(LINE_RE "prog=t thread=[0-7] i=[0-9]+ pad=0123456789"
		                              "012345678901234567890123456789012345678901234567890123456789$",
		                  line),
		    "bad line: %s", line);
		lines++;
	}
	ck_assert_int_eq(lines, THREADS * PER_THREAD);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("log");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_no_program);
	tcase_add_test(tc, test_levels);
	tcase_add_test(tc, test_injection_stays_one_line);
	tcase_add_test(tc, test_truncation);
	tcase_add_test(tc, test_threads_whole_lines);
	suite_add_tcase(s, tc);
	return check_run(s);
}
