/* SPDX-License-Identifier: ISC
 * One HTTP request as the FastCGI parameters and body describe it: method,
 * path, query, cookies, urlencoded or JSON body. Every parser has a hard
 * limit; everything lives in the request's arena (the JSON tree excepted:
 * req_free releases it).
 */
#ifndef UF_REQ_H
#define UF_REQ_H
#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>
#include "err.h"

#define REQ_MAX_FIELDS        256  /* form fields, query args */
#define REQ_MAX_COOKIES       32   /* of our own (REQ_COOKIE_PREFIX) */
#define REQ_MAX_COOKIE_HEADER 8192 /* bytes of the whole Cookie header */
/* Every cookie the programs set starts with this; all others belong to other
 * applications on the domain and are ignored (reply_cookie refuses others). */
#define REQ_COOKIE_PREFIX  "uf_"
#define REQ_MAX_NAME       64 /* bytes in a field/cookie name */
#define REQ_MAX_JSON_DEPTH 8
#define REQ_MAX_JSON_KEYS  256 /* members of one object */
#define REQ_MAX_PATH       512

struct arena;

struct kv {
	const char *key;
	const char *val; /* NUL-terminated; may contain no NUL (rejected) */
	size_t vlen;
};

struct req {
	struct arena *arena;
	const char *method;
	const char *path;         /* decoded-free URI path, without query */
	const char *query;        /* raw, "" when none */
	const char *content_type; /* "" when none */
	const char *remote_addr;
	const char *request_id; /* from nginx ($request_id), else generated */
	bool https;
	long long content_length; /* -1 when absent */
	const char *path_arg;     /* what {} matched, percent-decoded */
	/* Sec-Fetch-Site: "none" (typed, a bookmark, a scanned QR code),
	 * "same-origin", "same-site" or "cross-site"; "" when absent or
	 * anything else. */
	const char *fetch_site;

	struct kv *cookies;
	size_t ncookies;
	struct kv *args; /* query string */
	size_t nargs;
	struct kv *form; /* urlencoded body */
	size_t nform;
	const char *body; /* raw body, NUL-terminated */
	size_t body_len;
	cJSON *json; /* parsed JSON body (owned; req_free) */
};

/* Fill r from FastCGI params (envp is FCGX_ParamArray). UF_EINVAL when a
 * header is malformed (one of our cookies, content length), UF_ELIMIT over a
 * limit. */
uf_err req_from_params(struct req *r, struct arena *a, char **envp);
void req_free(struct req *r);

/* Whether the content type's media type (before ';') is mt, ignoring case. */
bool req_content_type_is(const struct req *r, const char *mt);

/* Parse an application/x-www-form-urlencoded string into fields. Values must
 * be valid UTF-8. UF_EINVAL (bad escape, bad UTF-8), UF_ELIMIT (too many). */
uf_err req_parse_urlencoded(struct arena *a, const char *s, size_t len,
    struct kv **out, size_t *nout);
/* Whether s[0..n) is one of our cookie names: REQ_COOKIE_PREFIX, then
 * letters, digits, '_' and '-', at most REQ_MAX_NAME bytes in all. */
bool req_cookie_name_ours(const char *s, size_t n);
/* Whether s[0..n) is RFC 6265 cookie-octets: printable ASCII without
 * space, DQUOTE, comma, semicolon and backslash. */
bool req_cookie_value_ok(const char *s, size_t n);
/* Parse a Cookie header into our own cookies (names starting with
 * REQ_COOKIE_PREFIX); other cookies are skipped however malformed. Ours are
 * held strictly: UF_EINVAL when one has a name of other characters or over
 * REQ_MAX_NAME bytes, no '=', or a value that is not RFC 6265
 * cookie-octets; UF_ELIMIT over REQ_MAX_COOKIES of ours or when the header
 * is over REQ_MAX_COOKIE_HEADER bytes. */
uf_err req_parse_cookies(struct arena *a, const char *s, size_t len,
    struct kv **out, size_t *nout);
/* Parse r->body as the form / as JSON. JSON must be one value with no
 * trailing bytes, valid UTF-8, no duplicate keys, depth and key limits. On
 * UF_EINVAL *why (if not NULL) says what is wrong in Swedish. */
uf_err req_parse_form(struct req *r);
uf_err req_parse_json(struct req *r, const char **why);

/* Lookups: borrowed value or NULL. */
const char *req_cookie(const struct req *r, const char *name);
const char *req_arg(const struct req *r, const char *name);
const char *req_field(const struct req *r, const char *name);
/* Number of form fields named name. */
size_t req_field_count(const struct req *r, const char *name);

/* Percent-decode s[0..len) into the arena ('+' as space when plus_space).
 * NULL on a bad escape, a NUL byte, or out of memory. */
char *req_pct_decode(struct arena *a, const char *s, size_t len, bool plus_space,
    size_t *outlen);

#endif
