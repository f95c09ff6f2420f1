/* SPDX-License-Identifier: ISC
 * Tests for the session cache's generations (collect/collect_cache.c): a
 * copy loaded from the database is stored unless its own session was
 * written or forgotten, or a code's sessions were forgotten, while it was
 * loaded; a write of another session, or a login with another code, does
 * not drop it (each would otherwise refuse every other session's read
 * made meanwhile).
 */
#include "config.h"

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "collect_cache.h"
#include "form.h"
#include "../tests/unit/check_run.h"

static struct form empty_form; /* no items: the answers are one slot */
static struct form_answer no_answers[1];

static struct cache_session
copy_of(long long code_id)
{
	return (struct cache_session){ .code_id = code_id,
		.expires_epoch = 4102444800LL, /* 2100-01-01 */
		.instrument_id = "patient",
		.version = 1,
		.stamp = "1.1.1",
		.form = &empty_form,
		.answers = no_answers,
		.consent = "given",
		.status = "draft",
		.csrf = "c" };
}

/* The slot the cache puts key in (its FNV-1a hash, 1024 slots), to pick
 * keys of different slots. */
static unsigned
slot(const char *key)
{
	uint32_t h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h & 1023u;
}

static const char key_a[] = "\\xaa01";
static char key_b[16];

static void
setup(void)
{
	session_cache_init(5);
	for (int i = 0; i < 100; i++) {
		snprintf(key_b, sizeof(key_b), "\\xbb%02d", i);
		if (slot(key_b) != slot(key_a))
			return;
	}
	ck_abort_msg("no key in another slot");
}

static void
teardown(void)
{
	session_cache_clear();
}

static bool
cached(const char *key)
{
	struct arena *a = arena_new(4096);
	struct cache_session out;
	bool hit;
	ck_assert_ptr_nonnull(a);
	hit = session_cache_peek(key, a, &out);
	arena_free(a);
	return hit;
}

START_TEST(put_kept_without_change)
{
	struct cache_session s = copy_of(7);
	uint64_t g = session_cache_generation();
	session_cache_put(key_a, g, session_cache_now(), NULL, &s);
	ck_assert(cached(key_a));
}
END_TEST

START_TEST(put_kept_after_another_sessions_write)
{
	struct cache_session s = copy_of(7), other = copy_of(8);
	uint64_t g = session_cache_generation();
	session_cache_replace(key_b, session_cache_now(), NULL, &other);
	session_cache_forget(key_b, -1);
	session_cache_put(key_a, g, session_cache_now(), NULL, &s);
	ck_assert(cached(key_a));
}
END_TEST

START_TEST(put_dropped_after_own_write)
{
	struct cache_session s = copy_of(7);
	uint64_t g = session_cache_generation();
	session_cache_replace(key_a, session_cache_now(), NULL, &s);
	session_cache_forget(key_a, -1);
	session_cache_put(key_a, g, session_cache_now(), NULL, &s);
	ck_assert(!cached(key_a));
}
END_TEST

START_TEST(put_dropped_after_own_forget)
{
	struct cache_session s = copy_of(7);
	uint64_t g = session_cache_generation();
	session_cache_forget(key_a, -1);
	session_cache_put(key_a, g, session_cache_now(), NULL, &s);
	ck_assert(!cached(key_a));
}
END_TEST

/* A login with the code elsewhere ends the session: the load may have
 * read it before, and no slot held it to mark. */
START_TEST(put_dropped_after_own_code_forget)
{
	struct cache_session s = copy_of(7);
	uint64_t g = session_cache_generation();
	session_cache_forget(NULL, 99);
	session_cache_forget(NULL, 7);
	session_cache_forget(NULL, 98);
	session_cache_put(key_a, g, session_cache_now(), NULL, &s);
	ck_assert(!cached(key_a));
}
END_TEST

/* Another code's login does not drop it. */
START_TEST(put_kept_after_other_code_forget)
{
	struct cache_session s = copy_of(7);
	uint64_t g = session_cache_generation();
	session_cache_forget(NULL, 99);
	session_cache_put(key_a, g, session_cache_now(), NULL, &s);
	ck_assert(cached(key_a));
}
END_TEST

/* More logins meanwhile than the cache remembers: it cannot tell, and
 * drops the copy. */
START_TEST(put_dropped_after_too_many_code_forgets)
{
	struct cache_session s = copy_of(7);
	uint64_t g = session_cache_generation();
	for (long long code = 100; code < 300; code++)
		session_cache_forget(NULL, code);
	session_cache_put(key_a, g, session_cache_now(), NULL, &s);
	ck_assert(!cached(key_a));
}
END_TEST

START_TEST(code_forget_removes_its_copies)
{
	struct cache_session s = copy_of(7), other = copy_of(8);
	session_cache_replace(key_a, session_cache_now(), NULL, &s);
	session_cache_replace(key_b, session_cache_now(), NULL, &other);
	session_cache_forget(NULL, 7);
	ck_assert(!cached(key_a));
	ck_assert(cached(key_b));
}
END_TEST

int
main(void)
{
	Suite *su = suite_create("collect_cache");
	TCase *tc = tcase_create("generations");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, put_kept_without_change);
	tcase_add_test(tc, put_kept_after_another_sessions_write);
	tcase_add_test(tc, put_dropped_after_own_write);
	tcase_add_test(tc, put_dropped_after_own_forget);
	tcase_add_test(tc, put_dropped_after_own_code_forget);
	tcase_add_test(tc, put_kept_after_other_code_forget);
	tcase_add_test(tc, put_dropped_after_too_many_code_forgets);
	tcase_add_test(tc, code_forget_removes_its_copies);
	suite_add_tcase(su, tc);
	return check_run(su);
}
