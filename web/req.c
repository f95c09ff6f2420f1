/* SPDX-License-Identifier: ISC
 * Parse what a request carries: FastCGI params, cookies, query string,
 * urlencoded and JSON bodies. Every parser has a hard limit and rejects what
 * it does not understand; no handler sees unchecked bytes.
 */
#include "config.h"

#include <limits.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "num.h"
#include "req.h"
#include "utf8.h"

static const char *
param(char **envp, const char *name)
{
	size_t n = strlen(name);
	for (char **p = envp; p && *p; p++)
		if (strncmp(*p, name, n) == 0 && (*p)[n] == '=')
			return *p + n + 1;
	return NULL;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
req_pct_decode(struct arena *a, const char *s, size_t len, bool plus_space,
    size_t *outlen)
{
	char *out = arena_alloc(a, len + 1);
	size_t o = 0;
	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '%') {
			int hi, lo;
			if (i + 2 >= len || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0)
				return NULL;
			c = (char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_space) {
			c = ' ';
		}
		if (c == '\0')
			return NULL;
		out[o++] = c;
	}
	out[o] = '\0';
	if (outlen)
		*outlen = o;
	return out;
}

/* Split s on sep into name=value pairs, percent-decoding both. */
static uf_err
parse_pairs(struct arena *a, const char *s, size_t len, char sep,
    size_t max, struct kv **out, size_t *nout)
{
	uf_err e = UF_OK;
	size_t cap = 0, n = 0;
	struct kv *v = NULL;
	const char *end = s + len;

	/* Count separators for an upper bound before allocating. */
	for (size_t i = 0; i < len; i++)
		if (s[i] == sep)
			cap++;
	cap++;
	if (cap > max + 1) { /* a trailing separator is allowed */
		e = UF_ELIMIT;
		goto out;
	}
	v = arena_alloc(a, cap * sizeof(*v));
	if (!v) {
		e = UF_ENOMEM;
		goto out;
	}
	while (s < end) {
		const char *piece_end = memchr(s, sep, (size_t)(end - s));
		if (!piece_end)
			piece_end = end;
		const char *p = s;
		while (p < piece_end && *p == ' ') /* a raw space before a name */
			p++;
		if (p < piece_end) {
			const char *eq = memchr(p, '=', (size_t)(piece_end - p));
			const char *kend = eq ? eq : piece_end;
			const char *val = eq ? eq + 1 : piece_end;
			size_t klen = (size_t)(kend - p), vlen = (size_t)(piece_end - val);
			if (n >= max) {
				e = UF_ELIMIT;
				goto out;
			}
			size_t dk = 0, dv = 0;
			v[n].key = req_pct_decode(a, p, klen, true, &dk);
			v[n].val = req_pct_decode(a, val, vlen, true, &dv);
			if (!v[n].key || !v[n].val) {
				e = UF_EINVAL;
				goto out;
			}
			klen = dk;
			vlen = dv;
			if (klen == 0 || klen > REQ_MAX_NAME || !utf8_valid(v[n].key, klen) ||
			    !utf8_valid(v[n].val, vlen)) {
				e = UF_EINVAL;
				goto out;
			}
			v[n].vlen = vlen;
			n++;
		}
		s = piece_end + 1;
	}
	*out = v;
	*nout = n;
out:
	return e;
}

uf_err
req_parse_urlencoded(struct arena *a, const char *s, size_t len,
    struct kv **out, size_t *nout)
{
	return parse_pairs(a, s, len, '&', REQ_MAX_FIELDS, out, nout);
}

bool
req_cookie_value_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch < 0x21 || ch > 0x7e || ch == '"' || ch == ',' || ch == ';' ||
		    ch == '\\')
			return false;
	}
	return true;
}

bool
req_cookie_name_ours(const char *s, size_t n)
{
	static const char name_chars[] = "abcdefghijklmnopqrstuvwxyz"
	                                 "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
	const size_t plen = strlen(REQ_COOKIE_PREFIX);

	if (n <= plen || n > REQ_MAX_NAME || memcmp(s, REQ_COOKIE_PREFIX, plen) != 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (memchr(name_chars, s[i], sizeof(name_chars) - 1) == NULL)
			return false;
	return true;
}

/* The Cookie header carries every cookie of the domain, most of them other
 * applications'. Only ours (REQ_COOKIE_PREFIX) are kept, and they are held
 * strictly; a piece that is not ours is skipped whatever it holds, so that
 * another application's odd cookie never locks anyone out of the survey. */
uf_err
req_parse_cookies(struct arena *a, const char *s, size_t len,
    struct kv **out, size_t *nout)
{
	const size_t plen = strlen(REQ_COOKIE_PREFIX);
	const char *end = s + len;
	struct kv *v = NULL;
	size_t n = 0;
	uf_err e = UF_OK;

	*out = NULL;
	*nout = 0;
	if (len > REQ_MAX_COOKIE_HEADER) {
		e = UF_ELIMIT;
		goto out;
	}
	while (s < end) {
		const char *piece_end = memchr(s, ';', (size_t)(end - s));
		if (!piece_end)
			piece_end = end;
		const char *p = s;
		while (p < piece_end && (*p == ' ' || *p == '\t'))
			p++;
		s = piece_end + 1;
		if ((size_t)(piece_end - p) < plen || memcmp(p, REQ_COOKIE_PREFIX, plen) != 0)
			continue; /* another application's cookie, or an empty piece */
		const char *eq = memchr(p, '=', (size_t)(piece_end - p));
		const char *vend = piece_end;
		while (vend > p && (vend[-1] == ' ' || vend[-1] == '\t'))
			vend--; /* RFC 6265 allows whitespace before the ';' */
		if (!eq || eq > vend || !req_cookie_name_ours(p, (size_t)(eq - p)) ||
		    !req_cookie_value_ok(eq + 1, (size_t)(vend - eq - 1))) {
			e = UF_EINVAL;
			goto out;
		}
		if (n >= REQ_MAX_COOKIES) {
			e = UF_ELIMIT;
			goto out;
		}
		if (!v && !(v = arena_alloc(a, REQ_MAX_COOKIES * sizeof(*v)))) {
			e = UF_ENOMEM;
			goto out;
		}
		v[n].key = arena_strndup(a, p, (size_t)(eq - p));
		v[n].val = arena_strndup(a, eq + 1, (size_t)(vend - eq - 1));
		if (!v[n].key || !v[n].val) {
			e = UF_ENOMEM;
			goto out;
		}
		v[n].vlen = (size_t)(vend - eq - 1);
		n++;
	}
	*out = v;
	*nout = n;
out:
	return e;
}

static atomic_uint_fast64_t req_counter;

uf_err
req_from_params(struct req *r, struct arena *a, char **envp)
{
	uf_err e = UF_OK;
	const char *v;

	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->content_length = -1;
	r->method = param(envp, "REQUEST_METHOD");
	r->path = param(envp, "DOCUMENT_URI");
	r->query = param(envp, "QUERY_STRING");
	r->content_type = param(envp, "CONTENT_TYPE");
	r->remote_addr = param(envp, "REMOTE_ADDR");
	v = param(envp, "HTTPS");
	r->https = v && (strcasecmp(v, "on") == 0);
	if (!r->method)
		r->method = "";
	if (!r->path)
		r->path = "";
	if (!r->query)
		r->query = "";
	if (!r->content_type)
		r->content_type = "";
	if (!r->remote_addr)
		r->remote_addr = "";

	r->fetch_site = "";
	v = param(envp, "HTTP_SEC_FETCH_SITE");
	if (v && (strcmp(v, "none") == 0 || strcmp(v, "same-origin") == 0 || strcmp(v, "same-site") == 0 || strcmp(v, "cross-site") == 0))
		r->fetch_site = v;

	/* Request id: nginx's $request_id when it looks sane, else our own. */
	v = param(envp, "REQUEST_ID");
	if (v && strlen(v) <= 64 && strspn(v, "0123456789abcdefABCDEF-") == strlen(v) && *v) {
		r->request_id = v;
	} else {
		uint_fast64_t n = atomic_fetch_add(&req_counter, 1) + 1;
		r->request_id = arena_printf(a, "local-%llu", (unsigned long long)n);
		if (!r->request_id) {
			e = UF_ENOMEM;
			goto out;
		}
	}

	if (strlen(r->path) > REQ_MAX_PATH || !utf8_valid(r->path, strlen(r->path))) {
		e = UF_ELIMIT;
		goto out;
	}

	v = param(envp, "CONTENT_LENGTH");
	if (v && *v) {
		long long n;
		if (!num_ll(v, strlen(v), 0, LLONG_MAX, &n)) {
			e = UF_EINVAL;
			goto out;
		}
		r->content_length = n;
	}

	v = param(envp, "HTTP_COOKIE");
	if (v && *v) {
		e = req_parse_cookies(a, v, strlen(v), &r->cookies, &r->ncookies);
		if (e != UF_OK)
			goto out;
	}
	if (*r->query) {
		e = req_parse_urlencoded(a, r->query, strlen(r->query), &r->args, &r->nargs);
		if (e != UF_OK)
			goto out;
	}
out:
	return e;
}

void
req_free(struct req *r)
{
	if (!r)
		return;
	cJSON_Delete(r->json);
	r->json = NULL;
}

bool
req_content_type_is(const struct req *r, const char *mt)
{
	size_t n = strlen(mt);
	const char *ct = r->content_type;
	if (strncasecmp(ct, mt, n) != 0)
		return false;
	ct += n;
	while (*ct == ' ')
		ct++;
	return *ct == '\0' || *ct == ';';
}

uf_err
req_parse_form(struct req *r)
{
	if (memchr(r->body, '\0', r->body_len))
		return UF_EINVAL;
	return req_parse_urlencoded(r->arena, r->body, r->body_len, &r->form, &r->nform);
}

/* Whether a JSON text escapes a NUL (\u0000), which cJSON would silently turn
 * into a truncated string. Tracks string state so "\\u0000" is not matched. */
static bool
json_has_nul_escape(const char *s, size_t len)
{
	bool in_str = false;
	for (size_t i = 0; i < len; i++) {
		if (!in_str) {
			if (s[i] == '"')
				in_str = true;
			continue;
		}
		if (s[i] == '"') {
			in_str = false;
		} else if (s[i] == '\\' && i + 1 < len) {
			if (s[i + 1] == 'u' && i + 5 < len && memcmp(s + i + 2, "0000", 4) == 0)
				return true;
			i++; /* skip the escaped character */
		}
	}
	return false;
}

/* Depth and duplicate-key checks cJSON does not do. */
static bool
json_check_tree(const cJSON *node, int depth, const char **why)
{
	if (depth > REQ_MAX_JSON_DEPTH) {
		*why = "JSON är för djupt nästlad.";
		return false;
	}
	if (cJSON_IsObject(node)) {
		size_t n = 0;
		for (const cJSON *a = node->child; a; a = a->next) {
			if (++n > REQ_MAX_JSON_KEYS) {
				*why = "För många fält i ett JSON-objekt.";
				return false;
			}
			for (const cJSON *b = a->next; b; b = b->next) {
				if (strcmp(a->string, b->string) == 0) {
					*why = "Samma fält förekommer två gånger i JSON.";
					return false;
				}
			}
		}
	}
	if (cJSON_IsArray(node) || cJSON_IsObject(node)) {
		for (const cJSON *ch = node->child; ch; ch = ch->next)
			if (!json_check_tree(ch, depth + 1, why))
				return false;
	}
	return true;
}

uf_err
req_parse_json(struct req *r, const char **why)
{
	uf_err e = UF_OK;
	const char *dummy = NULL;
	const char *end = NULL;

	if (!why)
		why = &dummy;
	*why = NULL;
	if (memchr(r->body, '\0', r->body_len) || !utf8_valid(r->body, r->body_len)) {
		*why = "Texten är inte giltig UTF-8.";
		e = UF_EINVAL;
		goto out;
	}
	if (json_has_nul_escape(r->body, r->body_len)) {
		*why = "JSON får inte innehålla NUL-tecken.";
		e = UF_EINVAL;
		goto out;
	}
	/* Length includes the terminating NUL: cJSON then checks that nothing
	 * but whitespace follows the value (trailing garbage is rejected). */
	r->json = cJSON_ParseWithLengthOpts(r->body, r->body_len + 1, &end, 1);
	if (!r->json) {
		*why = "Ogiltig JSON.";
		e = UF_EINVAL;
		goto out;
	}
	if (!json_check_tree(r->json, 1, why)) {
		e = UF_EINVAL;
		goto out;
	}
out:
	return e;
}

static const char *
kv_find(const struct kv *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].key, name) == 0)
			return v[i].val;
	return NULL;
}

const char *
req_cookie(const struct req *r, const char *name)
{
	return kv_find(r->cookies, r->ncookies, name);
}

const char *
req_arg(const struct req *r, const char *name)
{
	return kv_find(r->args, r->nargs, name);
}

const char *
req_field(const struct req *r, const char *name)
{
	return kv_find(r->form, r->nform, name);
}

size_t
req_field_count(const struct req *r, const char *name)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nform; i++)
		if (strcmp(r->form[i].key, name) == 0)
			n++;
	return n;
}
