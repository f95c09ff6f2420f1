/* SPDX-License-Identifier: ISC
 * Tests for the configuration keys the framework's programs share
 * (web/web_conf.c): defaults, each program's ranges, every rejection and its
 * message, and the copy into struct web_app.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "web.h"
#include "web_conf.h"
#include "../tests/unit/check_run.h"

static const char *const keys[] = {
	"socket", "socket_mode", "socket_group", "workers", "max_body_bytes",
	"cookie_secure", "log_level", NULL
};

/* adminweb's limits (the narrower ones). */
static const struct web_conf_limits lim = {
	.workers_def = 4,
	.workers_min = 1,
	.workers_max = 64,
	.max_body_def = 16384,
	.max_body_min = 1024,
	.max_body_max = 65536,
};

static struct web_conf wc;
static char msg[256];

/* Read text as a config file; returns what web_conf_read returned. */
static uf_err
read_text(const char *text)
{
	char path[] = "/tmp/uf-webconf-XXXXXX", err[256];
	struct conf *c = NULL;
	FILE *f;
	int fd;
	uf_err e;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(fputs(text, f), 0);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(conf_load(path, keys, &c, err, sizeof(err)), UF_OK);
	ck_assert_int_eq(unlink(path), 0);
	e = web_conf_read(c, "uppfolj-test", &lim, &wc, msg, sizeof(msg));
	/* Strings are borrowed from c: keep only what the tests compare. */
	if (e == UF_OK) {
		ck_assert_str_eq(wc.socket, "/run/x.sock");
		wc.socket = NULL;
		wc.socket_group = *wc.socket_group ? "set" : "";
	}
	conf_free(c);
	return e;
}

START_TEST(test_defaults)
{
	ck_assert_int_eq(read_text("socket = /run/x.sock\n"), UF_OK);
	ck_assert_int_eq(wc.socket_mode, 0660);
	ck_assert_str_eq(wc.socket_group, "");
	ck_assert_int_eq(wc.workers, 4);
	ck_assert_uint_eq(wc.max_body, 16384);
	ck_assert_int_eq(wc.cookie_secure, -1);
	ck_assert_int_eq(wc.log_level, LOG_LVL_INFO);
	ck_assert_str_eq(msg, "");
}
END_TEST

START_TEST(test_values)
{
	ck_assert_int_eq(read_text("socket = /run/x.sock\nsocket_mode = 0600\n"
	                           "socket_group = www-data\nworkers = 64\nmax_body_bytes = 1024\n"
	                           "cookie_secure = true\nlog_level = warn\n"),
	    UF_OK);
	ck_assert_int_eq(wc.socket_mode, 0600);
	ck_assert_str_eq(wc.socket_group, "set");
	ck_assert_int_eq(wc.workers, 64);
	ck_assert_uint_eq(wc.max_body, 1024);
	ck_assert_int_eq(wc.cookie_secure, 1);
	ck_assert_int_eq(wc.log_level, LOG_LVL_WARN);
	ck_assert_int_eq(read_text("socket = /run/x.sock\ncookie_secure = no\n"
	                           "log_level = debug\nsocket_mode = 0\n"),
	    UF_OK);
	ck_assert_int_eq(wc.cookie_secure, 0);
	ck_assert_int_eq(wc.log_level, LOG_LVL_DEBUG);
	ck_assert_int_eq(wc.socket_mode, 0);
}
END_TEST

/* Each rejection: UF_EFORMAT and a message naming the key. */
START_TEST(test_rejections)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "", "uppfolj-test: socket is required" },
		{ "socket =\n", "uppfolj-test: socket is required" },
		{ "socket = /run/x.sock\nsocket_mode = 0800\n",
		    "uppfolj-test: socket_mode must be octal from 0 to 0777, e.g. 0660" },
		{ "socket = /run/x.sock\nsocket_mode = 01000\n",
		    "uppfolj-test: socket_mode must be octal" },
		{ "socket = /run/x.sock\nsocket_mode = 660x\n",
		    "uppfolj-test: socket_mode must be octal" },
		{ "socket = /run/x.sock\nworkers = 0\n",
		    "uppfolj-test: workers must be a number from 1 to 64" },
		{ "socket = /run/x.sock\nworkers = 65\n",
		    "uppfolj-test: workers must be a number from 1 to 64" },
		{ "socket = /run/x.sock\nmax_body_bytes = 1023\n",
		    "uppfolj-test: max_body_bytes must be a number from 1024 to 65536" },
		{ "socket = /run/x.sock\nmax_body_bytes = 65537\n",
		    "uppfolj-test: max_body_bytes must be a number from 1024 to 65536" },
		{ "socket = /run/x.sock\ncookie_secure = maybe\n",
		    "uppfolj-test: cookie_secure must be auto, true or false" },
		{ "socket = /run/x.sock\nlog_level = loud\n",
		    "uppfolj-test: log_level must be debug, info, warn or error" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_msg(read_text(cases[i].text) == UF_EFORMAT, "case %zu", i);
		ck_assert_msg(strncmp(msg, cases[i].want, strlen(cases[i].want)) == 0,
		    "case %zu: %s", i, msg);
	}
}
END_TEST

START_TEST(test_short_message_buffer)
{
	char path[] = "/tmp/uf-webconf-XXXXXX", err[256], small[12];
	struct conf *c = NULL;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(close(fd), 0);
	ck_assert_int_eq(conf_load(path, keys, &c, err, sizeof(err)), UF_OK);
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(web_conf_read(c, "prog", &lim, &wc, small, sizeof(small)),
	    UF_EFORMAT);
	ck_assert_str_eq(small, "prog: socke"); /* cut, still terminated */
	ck_assert_int_eq(web_conf_read(c, "prog", &lim, &wc, NULL, 0), UF_EFORMAT);
	conf_free(c);
}
END_TEST

START_TEST(test_app_and_secure)
{
	struct web_app app;
	struct web_conf w = {
		.socket = "/run/a.sock",
		.socket_mode = 0640,
		.socket_group = "g",
		.workers = 3,
		.max_body = 2048,
		.cookie_secure = -1,
	};

	memset(&app, 0, sizeof(app));
	app.name = "x";
	web_app_from_conf(&app, &w);
	ck_assert_str_eq(app.socket_path, "/run/a.sock");
	ck_assert_int_eq(app.socket_mode, 0640);
	ck_assert_str_eq(app.socket_group, "g");
	ck_assert_int_eq(app.workers, 3);
	ck_assert_uint_eq(app.max_body, 2048);
	ck_assert_str_eq(app.name, "x"); /* the rest is the program's */
	ck_assert(web_conf_cookie_secure(&w, true));
	ck_assert(!web_conf_cookie_secure(&w, false));
	w.cookie_secure = 1;
	ck_assert(web_conf_cookie_secure(&w, false));
	w.cookie_secure = 0;
	ck_assert(!web_conf_cookie_secure(&w, true));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("web_conf");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_values);
	tcase_add_test(tc, test_rejections);
	tcase_add_test(tc, test_short_message_buffer);
	tcase_add_test(tc, test_app_and_secure);
	suite_add_tcase(s, tc);
	return check_run(s);
}
