/* SPDX-License-Identifier: ISC
 * Tests for the reply side of the web framework (web/http.c): the header
 * block (Content-Disposition, refused control characters), downloads,
 * cookies with a path, the Cookie header parser (other applications'
 * cookies skipped, ours strict), and the error pages' link to the home.
 */
#include "config.h"

#include <check.h>
#include <fcgiapp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "req.h"
#include "web.h"
#include "../tests/unit/check_run.h"

static struct arena *a;
static struct reply r;
static struct buf h;

static void
setup(void)
{
	a = arena_new(1u << 20);
	ck_assert_ptr_nonnull(a);
	reply_init(&r, 1u << 16);
	buf_init(&h, 8192);
}

static void
teardown(void)
{
	buf_free(&h);
	reply_free(&r);
	arena_free(a);
}

/* The header block of r as a string (asserting it formats). */
static const char *
head_ok(void)
{
	buf_reset(&h);
	ck_assert_int_eq(http_head(&h, &r), UF_OK);
	return buf_str(&h);
}

START_TEST(test_download_header)
{
	const char *s;

	ck_assert_int_eq(reply_download(&r, a, "text/csv; charset=utf-8", "export-2026_1.csv"),
	    UF_OK);
	ck_assert_int_eq(buf_adds(&r.body, "a;b\n"), UF_OK);
	s = head_ok();
	ck_assert_ptr_nonnull(strstr(s,
	    "\r\nContent-Disposition: attachment; filename=\"export-2026_1.csv\"\r\n"));
	ck_assert_ptr_nonnull(strstr(s, "\r\nContent-Type: text/csv; charset=utf-8\r\n"));
	ck_assert_ptr_nonnull(strstr(s, "\r\nContent-Length: 4\r\n"));
	ck_assert_ptr_nonnull(strstr(s, "\r\nCache-Control: no-store\r\n"));
	ck_assert(strncmp(s, "Status: 200 OK\r\n", 16) == 0);
	/* The block ends in exactly one empty line. */
	ck_assert_uint_ge(h.len, 4);
	ck_assert_str_eq(s + h.len - 4, "\r\n\r\n");
	ck_assert_ptr_eq(strstr(s, "\r\n\r\n"), s + h.len - 4);
}
END_TEST

START_TEST(test_no_disposition_by_default)
{
	const char *s = head_ok();
	ck_assert_ptr_null(strstr(s, "Content-Disposition"));
	ck_assert_ptr_nonnull(strstr(s, "\r\nContent-Type: text/html; charset=utf-8\r\n"));
}
END_TEST

START_TEST(test_literal_disposition)
{
	r.disposition = "inline";
	ck_assert_ptr_nonnull(strstr(head_ok(), "\r\nContent-Disposition: inline\r\n"));
}
END_TEST

START_TEST(test_reset_clears_disposition)
{
	ck_assert_int_eq(reply_download(&r, a, "application/pdf", "rapport.pdf"), UF_OK);
	reply_reset(&r);
	ck_assert_ptr_null(r.disposition);
	ck_assert_ptr_null(strstr(head_ok(), "Content-Disposition"));
	ck_assert_ptr_null(strstr(buf_str(&h), "application/pdf"));
}
END_TEST

/* A value that could start a new header is refused, whatever the header. */
/* A session end asks the browser to clear the site's cache and storage,
 * never its cookies (that would log out every other program on the site);
 * an error page after the end still carries it, as it carries the cookie. */
START_TEST(test_clear_site_data)
{
	const char *s = head_ok();
	ck_assert_ptr_null(strstr(s, "Clear-Site-Data"));
	r.clear_site_data = true;
	ck_assert_int_eq(reply_cookie(&r, a, "uf_s", "", 0, false), UF_OK);
	reply_reset(&r);
	reply_redirect(&r, "/?slut=tid");
	s = head_ok();
	ck_assert_ptr_nonnull(strstr(s, "\r\nClear-Site-Data: \"cache\", \"storage\"\r\n"));
	ck_assert_ptr_null(strstr(s, "cookies"));
	ck_assert_ptr_nonnull(strstr(s, "\r\nSet-Cookie: uf_s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0\r\n"));
}
END_TEST

START_TEST(test_header_injection_refused)
{
	static const char *const bad[] = {
		"attachment\r\nSet-Cookie: uf_s=x", "attachment\nX: y", "attachment\rX: y",
		"a\x01", "a\x7f"
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert(!http_header_value_ok(bad[i]));
		reply_reset(&r);
		r.disposition = bad[i];
		buf_reset(&h);
		ck_assert_int_eq(http_head(&h, &r), UF_EINTERNAL);
		r.disposition = NULL;
		r.location = bad[i];
		buf_reset(&h);
		ck_assert_int_eq(http_head(&h, &r), UF_EINTERNAL);
		r.location = NULL;
		r.ctype = bad[i];
		buf_reset(&h);
		ck_assert_int_eq(http_head(&h, &r), UF_EINTERNAL);
	}
	ck_assert(http_header_value_ok("attachment; filename=\"a b.csv\"\t"));
}
END_TEST

START_TEST(test_download_refuses_bad_names)
{
	static const char *const bad[] = {
		"", ".env", "../x.csv", "a/b.csv", "a b.csv", "a\"b.csv", "a\r\nb.csv",
		"rapport;.pdf", "r\xc3\xa4tt.csv"
	};
	char longname[102];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(reply_download(&r, a, "text/csv", bad[i]), UF_EINTERNAL);
		ck_assert_ptr_null(r.disposition);
		ck_assert_ptr_null(r.ctype);
	}
	ck_assert_int_eq(reply_download(&r, a, NULL, "x.csv"), UF_EINTERNAL);
	ck_assert_int_eq(reply_download(&r, a, "text/csv\r\nX: y", "x.csv"), UF_EINTERNAL);
	ck_assert_int_eq(reply_download(&r, a, "text/csv", NULL), UF_EINTERNAL);
	ck_assert_ptr_null(r.disposition);
	/* 100 characters is the limit. */
	memset(longname, 'a', 101);
	longname[101] = '\0';
	ck_assert_int_eq(reply_download(&r, a, "text/csv", longname), UF_EINTERNAL);
	ck_assert_int_eq(reply_download(&r, a, "text/csv", longname + 1), UF_OK);
}
END_TEST

START_TEST(test_cookie_paths)
{
	const char *s;

	ck_assert_int_eq(reply_cookie(&r, a, "uf_s", "abc", -1, false), UF_OK);
	ck_assert_int_eq(reply_cookie_path(&r, a, "uf_admin", "0123ef", "/admin/", 0, true),
	    UF_OK);
	ck_assert_str_eq(r.cookies[0], "uf_s=abc; Path=/; HttpOnly; SameSite=Strict");
	ck_assert_str_eq(r.cookies[1],
	    "uf_admin=0123ef; Path=/admin/; HttpOnly; SameSite=Strict; Max-Age=0; Secure");
	/* A preference nginx reads: Lax, and it replaces its own earlier value. */
	ck_assert_int_eq(reply_cookie_lax(&r, a, "uf_lang", "en", -1, true), UF_OK);
	ck_assert_int_eq(reply_cookie_lax(&r, a, "uf_lang", "ar", -1, true), UF_OK);
	ck_assert_uint_eq(r.ncookies, 3);
	ck_assert_str_eq(r.cookies[2], "uf_lang=ar; Path=/; HttpOnly; SameSite=Lax; Secure");
	ck_assert_int_eq(reply_cookie_lax(&r, a, "uf_lang", "a;b", -1, true), UF_EINTERNAL);
	s = head_ok();
	ck_assert_ptr_nonnull(strstr(s, "\r\nSet-Cookie: uf_admin=0123ef; Path=/admin/;"));
}
END_TEST

START_TEST(test_cookie_refusals)
{
	static const char *const bad_path[] = {
		"", "admin", "/a;b", "/a b", "/a\r\nX: y", "/a,b", "/ä"
	};
	static const char *const bad_value[] = { "a;b", "a b", "a\r\nb", "\"a\"", "a,b", "a\\b" };
	for (size_t i = 0; i < sizeof(bad_path) / sizeof(bad_path[0]); i++)
		ck_assert_int_eq(reply_cookie_path(&r, a, "uf_n", "v", bad_path[i], -1, false),
		    UF_EINTERNAL);
	for (size_t i = 0; i < sizeof(bad_value) / sizeof(bad_value[0]); i++)
		ck_assert_int_eq(reply_cookie(&r, a, "uf_n", bad_value[i], -1, false), UF_EINTERNAL);
	ck_assert_int_eq(reply_cookie(&r, a, "a=b", "v", -1, false), UF_EINTERNAL);
	ck_assert_int_eq(reply_cookie(&r, a, "", "v", -1, false), UF_EINTERNAL);
	/* Only names the request parser reads back: our prefix. */
	ck_assert_int_eq(reply_cookie(&r, a, "n", "v", -1, false), UF_EINTERNAL);
	ck_assert_int_eq(reply_cookie(&r, a, "uf_", "v", -1, false), UF_EINTERNAL);
	ck_assert_uint_eq(r.ncookies, 0);
	/* Deleting: an empty value is allowed. */
	ck_assert_int_eq(reply_cookie(&r, a, "uf_n", "", 0, false), UF_OK);
	for (size_t i = 1; i < REPLY_MAX_COOKIES; i++) {
		char name[16];
		ck_assert_int_lt(snprintf(name, sizeof name, "uf_n%zu", i), (int)sizeof name);
		ck_assert_int_eq(reply_cookie(&r, a, name, "v", -1, false), UF_OK);
	}
	ck_assert_int_eq(reply_cookie(&r, a, "uf_m", "v", -1, false), UF_ELIMIT);
	/* A name already in the reply is replaced, not refused. */
	ck_assert_int_eq(reply_cookie(&r, a, "uf_n", "w", -1, false), UF_OK);
	ck_assert_uint_eq(r.ncookies, REPLY_MAX_COOKIES);
}
END_TEST

/* One Set-Cookie per name and path: a session that ends after its request
 * set a cookie sends only the deletion (the last word). A cookie of the
 * same name on another path, or a name that merely starts alike, stays. */
START_TEST(test_cookie_replaced)
{
	const char *s;

	ck_assert_int_eq(reply_cookie(&r, a, "uf_v", "0123", -1, false), UF_OK);
	ck_assert_int_eq(reply_cookie(&r, a, "uf_vx", "1", -1, false), UF_OK);
	ck_assert_int_eq(reply_cookie_path(&r, a, "uf_v", "2", "/admin/", -1, false), UF_OK);
	ck_assert_int_eq(reply_cookie(&r, a, "uf_v", "", 0, true), UF_OK);
	ck_assert_uint_eq(r.ncookies, 3);
	ck_assert_str_eq(r.cookies[0], "uf_v=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure");
	ck_assert_str_eq(r.cookies[1], "uf_vx=1; Path=/; HttpOnly; SameSite=Strict");
	ck_assert_str_eq(r.cookies[2], "uf_v=2; Path=/admin/; HttpOnly; SameSite=Strict");
	s = head_ok();
	ck_assert_ptr_null(strstr(s, "uf_v=0123"));
}
END_TEST

/* Parse a Cookie header; returns the error, *n the cookies kept. */
static uf_err
cookies(const char *header, struct kv **kv, size_t *n)
{
	return req_parse_cookies(a, header, strlen(header), kv, n);
}

/* Other applications' cookies on the domain are skipped, however odd:
 * a name of 65+ characters, non-UTF-8 or control bytes, no '=', quotes,
 * more than REQ_MAX_COOKIES of them. Ours are kept. */
START_TEST(test_cookies_foreign_skipped)
{
	struct kv *kv;
	size_t n;
	struct buf hdr;
	char longname[80];

	memset(longname, 'x', 65);
	memcpy(longname + 65, "=1", 3);
	buf_init(&hdr, 0);
	ck_assert_int_eq(buf_printf(&hdr, "%s; other=\xff\xfe; _ga=GA1.2.3; flag; "
	                                  "q=\"quoted value\"; uf_s=abc123; \x01ctl=\x02; =novalue; ;",
	                     longname),
	    UF_OK);
	for (int i = 0; i < 40; i++)
		ck_assert_int_eq(buf_printf(&hdr, "; c%d=v%d", i, i), UF_OK);
	ck_assert_int_eq(buf_adds(&hdr, "; uf_pre=ff00"), UF_OK);
	ck_assert_int_eq(cookies(buf_str(&hdr), &kv, &n), UF_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(kv[0].key, "uf_s");
	ck_assert_str_eq(kv[0].val, "abc123");
	ck_assert_str_eq(kv[1].key, "uf_pre");
	ck_assert_str_eq(kv[1].val, "ff00");
	buf_free(&hdr);
	/* Only foreign ones: nothing kept, no error. */
	ck_assert_int_eq(cookies("a=\xc3\x28", &kv, &n), UF_OK);
	ck_assert_uint_eq(n, 0);
	/* Trailing whitespace before ';' is not part of the value. */
	ck_assert_int_eq(cookies("uf_s=abc ; uf_pre=d\t", &kv, &n), UF_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(kv[0].val, "abc");
	ck_assert_str_eq(kv[1].val, "d");
}
END_TEST

/* Ours stay strict; the whole header has a limit. */
START_TEST(test_cookies_ours_strict)
{
	static const char *const bad[] = {
		"uf_s",
		"uf_s=a b",
		"uf_s=\"abc\"",
		"uf_s=\xff",
		"uf_s=a\\b",
		"uf_s=a,b",
		"uf_s\xc3\xa4=1",
		"uf_s x=1",
		"uf_=1",
		"uf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=1",
	};
	struct kv *kv;
	size_t n;
	struct buf hdr;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(cookies(bad[i], &kv, &n) == UF_EINVAL, "accepted %s", bad[i]);
	/* 64 bytes is still a name. */
	ck_assert_int_eq(cookies("uf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=1",
	                     &kv, &n),
	    UF_OK);
	ck_assert_uint_eq(n, 1);
	buf_init(&hdr, 0);
	for (int i = 0; i <= REQ_MAX_COOKIES; i++)
		ck_assert_int_eq(buf_printf(&hdr, "uf_c%d=v; ", i), UF_OK);
	ck_assert_int_eq(cookies(buf_str(&hdr), &kv, &n), UF_ELIMIT);
	buf_reset(&hdr);
	while (hdr.len <= REQ_MAX_COOKIE_HEADER)
		ck_assert_int_eq(buf_adds(&hdr, "other=0123456789; "), UF_OK);
	ck_assert_int_eq(cookies(buf_str(&hdr), &kv, &n), UF_ELIMIT);
	buf_free(&hdr);
}
END_TEST

/* A writer stream over a fixed buffer: FCGX_PutStr copies into it. */
static unsigned char out_buf[65536];
static FCGX_Stream out_stream;

static const char *
sent(void)
{
	return (const char *)out_buf;
}

static FCGX_Stream *
fresh_stream(void)
{
	memset(out_buf, 0, sizeof(out_buf));
	memset(&out_stream, 0, sizeof(out_stream));
	out_stream.wrNext = out_buf;
	out_stream.stop = out_buf + sizeof(out_buf) - 1; /* keep a NUL */
	out_stream.rdNext = out_stream.stop;
	return &out_stream;
}

START_TEST(test_send_writes_disposition_and_body)
{
	ck_assert_int_eq(reply_download(&r, a, "text/csv", "svar.csv"), UF_OK);
	ck_assert_int_eq(buf_adds(&r.body, "id;svar\n1;4\n"), UF_OK);
	ck_assert_int_eq(http_send(fresh_stream(), &r), UF_OK);
	ck_assert_ptr_nonnull(strstr(sent(),
	    "\r\nContent-Disposition: attachment; filename=\"svar.csv\"\r\n"));
	ck_assert_ptr_nonnull(strstr(sent(), "\r\n\r\nid;svar\n1;4\n"));
}
END_TEST

/* A refused header block sends a fixed 500 and nothing of the reply. */
START_TEST(test_send_refused_is_500)
{
	ck_assert_int_eq(buf_adds(&r.body, "secret body"), UF_OK);
	r.disposition = "attachment\r\nSet-Cookie: uf_s=stolen";
	ck_assert_int_eq(http_send(fresh_stream(), &r), UF_OK);
	ck_assert(strncmp(sent(), "Status: 500 ", 12) == 0);
	ck_assert_ptr_null(strstr(sent(), "Set-Cookie"));
	ck_assert_ptr_null(strstr(sent(), "secret body"));
	ck_assert_ptr_null(strstr(sent(), "Content-Disposition"));
}
END_TEST

/* The framework's own error pages link to the program's home_path. */
static const char *
error_page(const char *home, const char *path, bool fault)
{
	static struct web_app app;
	static struct req q;
	struct web_ctx c;

	memset(&app, 0, sizeof(app));
	memset(&q, 0, sizeof(q));
	memset(&c, 0, sizeof(c));
	app.home_path = home;
	q.path = path;
	c.app = &app;
	c.req = &q;
	c.reply = &r;
	reply_reset(&r);
	if (fault)
		http_fault(&c, HF_NOT_FOUND);
	else
		http_error(&c, UF_EDB);
	return buf_str(&r.body);
}

START_TEST(test_error_pages_link_home)
{
	const char *s = error_page("/admin/", "/admin/finns-inte", true);
	ck_assert_int_eq(r.status, 404);
	ck_assert_ptr_nonnull(strstr(s, "<a class=\"button\" href=\"/admin/\">Till startsidan</a>"));
	s = error_page("/admin/", "/admin/enheter", false);
	ck_assert_int_eq(r.status, 503);
	ck_assert_ptr_nonnull(strstr(s, "href=\"/admin/\">Till startsidan"));
	s = error_page(NULL, "/finns-inte", true);
	ck_assert_ptr_nonnull(strstr(s, "href=\"/\">Till startsidan"));
	s = error_page("", "/finns-inte", false);
	ck_assert_ptr_nonnull(strstr(s, "href=\"/\">Till startsidan"));
	/* JSON errors carry no link. */
	s = error_page("/admin/", "/api/v1/x", true);
	ck_assert_ptr_nonnull(strstr(s, "{\"error\":{\"code\":\"not_found\""));
	ck_assert_ptr_null(strstr(s, "/admin/"));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("http");
	TCase *tc = tcase_create("reply");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_download_header);
	tcase_add_test(tc, test_no_disposition_by_default);
	tcase_add_test(tc, test_literal_disposition);
	tcase_add_test(tc, test_reset_clears_disposition);
	tcase_add_test(tc, test_clear_site_data);
	tcase_add_test(tc, test_header_injection_refused);
	tcase_add_test(tc, test_download_refuses_bad_names);
	tcase_add_test(tc, test_cookie_paths);
	tcase_add_test(tc, test_cookie_refusals);
	tcase_add_test(tc, test_cookie_replaced);
	tcase_add_test(tc, test_cookies_foreign_skipped);
	tcase_add_test(tc, test_cookies_ours_strict);
	tcase_add_test(tc, test_send_writes_disposition_and_body);
	tcase_add_test(tc, test_send_refused_is_500);
	tcase_add_test(tc, test_error_pages_link_home);
	suite_add_tcase(s, tc);
	return check_run(s);
}
