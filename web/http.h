/* SPDX-License-Identifier: ISC
 * The reply and the only place that maps uf_err to an HTTP status and an
 * error body: an HTML page for people, JSON {"error":{...}} for /api/.
 * Nothing else writes status lines or headers.
 */
#ifndef UF_HTTP_H
#define UF_HTTP_H
#include <stdbool.h>
#include <stddef.h>
#include "buf.h"
#include "err.h"

struct web_ctx;
struct arena;

#define REPLY_MAX_COOKIES 4

struct reply {
	int status;        /* 0 until set: 200 */
	const char *ctype; /* NULL: text/html; charset=utf-8 */
	struct buf body;
	const char *location;    /* redirect target (303) */
	const char *allow;       /* for 405 */
	const char *retry_after; /* for 429/503 */
	/* Content-Disposition value, e.g. `attachment; filename="x.csv"`; NULL:
	 * none. Set it with reply_download (or directly with a fixed literal);
	 * a value with a control character (CR/LF) is never sent. */
	const char *disposition;
	const char *cookies[REPLY_MAX_COOKIES];
	size_t ncookies;
	/* A respondent's session ended on this browser: send Clear-Site-Data
	 * "cache", "storage" (the page cache, back/forward cache included, and
	 * the script's stored drafts). Not "cookies": that would clear every
	 * cookie of the whole site (the admin web's login too); the session's
	 * own cookie is expired by name instead. Kept by reply_reset, like the
	 * cookies. */
	bool clear_site_data;
};

/* Protocol-level refusals that are not a uf_err of the program. */
enum http_fault {
	HF_NOT_FOUND,  /* no route */
	HF_METHOD,     /* route exists, method does not (405) */
	HF_MEDIA_TYPE, /* wrong Content-Type (415) */
	HF__MAX
};

void reply_init(struct reply *r, size_t max_body);
void reply_free(struct reply *r);
/* Throw away what a handler put in the reply (before an error body):
 * body, status, content type, location and disposition (cookies and
 * clear_site_data stay). */
void reply_reset(struct reply *r);

/* 303 See Other to a local path (POST-redirect-GET). */
void reply_redirect(struct reply *r, const char *location);
/* Set-Cookie: name=value; Path=/; HttpOnly; SameSite=Strict[; Secure]. An
 * empty value with max_age 0 deletes the cookie; max_age < 0 means a
 * session cookie. A cookie of the same name and path set earlier in the
 * reply is replaced (one Set-Cookie each: the last word counts).
 * UF_ELIMIT when too many cookies, UF_ENOMEM, UF_EINTERNAL
 * (a programmer error) when name, value or path are not cookie syntax.
 * Same as reply_cookie_path(r, a, name, value, "/", max_age, secure). */
uf_err reply_cookie(struct reply *r, struct arena *a, const char *name,
    const char *value, long max_age, bool secure);
/* The same with Path=path: path starts with '/' and has only the characters
 * A-Z a-z 0-9 / . _ - ~ (e.g. "/admin/"). A cookie to delete must name the
 * path it was set with. */
uf_err reply_cookie_path(struct reply *r, struct arena *a, const char *name,
    const char *value, const char *path, long max_age, bool secure);
/* The same as reply_cookie with SameSite=Lax: only for a cookie that is no
 * secret and grants nothing (a preference nginx reads too), so that it is
 * also sent when another site links here. */
uf_err reply_cookie_lax(struct reply *r, struct arena *a, const char *name,
    const char *value, long max_age, bool secure);
/* A download: Content-Type ctype and Content-Disposition: attachment;
 * filename="<filename>". filename is 1-100 characters of A-Z a-z 0-9 . _ -
 * and does not start with '.'; ctype has no control characters. UF_EINTERNAL
 * (a programmer error: file names are the program's own) otherwise, and the
 * reply is left unchanged; UF_ENOMEM. */
uf_err reply_download(struct reply *r, struct arena *a, const char *ctype,
    const char *filename);
/* Mark the body as JSON. */
void reply_json(struct reply *r);
/* 201 Created (a new resource, or the replay of one). */
void reply_created(struct reply *r);

/* Turn e (with c->err_field / c->err_msg) into the status and body for c's
 * route: JSON for RF_API routes, else an HTML page (kept if c->rendered). */
void http_error(struct web_ctx *c, uf_err e);
void http_fault(struct web_ctx *c, enum http_fault f);
/* Status for an error (also for tests and logs). */
int http_status_for(uf_err e);

/* Whether s can be a header value: no control characters (CR, LF, NUL...). */
bool http_header_value_ok(const char *s);
/* Format the status and header block of r, ending in the empty line, into h
 * (appended). Pure: no I/O, for http_send and tests. UF_EINTERNAL when a
 * header value has a control character (header injection: a programmer
 * error), UF_ELIMIT when h is full. */
uf_err http_head(struct buf *h, const struct reply *r);
/* Write status, headers and body to a FastCGI stream (FCGX_Stream *).
 * Dynamic replies are never cached (Cache-Control: no-store). When http_head
 * refuses the reply, a fixed 500 is sent instead and the error is logged;
 * UF_EIO when the stream fails. */
uf_err http_send(void *stream, const struct reply *r);

#endif
