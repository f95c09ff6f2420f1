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
	int status;              /* 0 until set: 200 */
	const char *ctype;       /* NULL: text/html; charset=utf-8 */
	struct buf body;
	const char *location;    /* redirect target (303) */
	const char *allow;       /* for 405 */
	const char *retry_after; /* for 429/503 */
	const char *cookies[REPLY_MAX_COOKIES];
	size_t ncookies;
};

/* Protocol-level refusals that are not a uf_err of the program. */
enum http_fault {
	HF_NOT_FOUND,       /* no route */
	HF_METHOD,          /* route exists, method does not (405) */
	HF_MEDIA_TYPE,      /* wrong Content-Type (415) */
	HF__MAX
};

void reply_init(struct reply *r, size_t max_body);
void reply_free(struct reply *r);
/* Throw away what a handler put in the reply (before an error body). */
void reply_reset(struct reply *r);

/* 303 See Other to a local path (POST-redirect-GET). */
void reply_redirect(struct reply *r, const char *location);
/* Set-Cookie: name=value; Path=/; HttpOnly; SameSite=Strict[; Secure]. An
 * empty value with max_age 0 deletes the cookie; max_age < 0 means a
 * session cookie. UF_ELIMIT when too many cookies, UF_ENOMEM. */
uf_err reply_cookie(struct reply *r, struct arena *a, const char *name,
    const char *value, long max_age, bool secure);
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

/* Write status, headers and body to a FastCGI stream (FCGX_Stream *).
 * Dynamic replies are never cached (Cache-Control: no-store). */
uf_err http_send(void *stream, const struct reply *r);

#endif
