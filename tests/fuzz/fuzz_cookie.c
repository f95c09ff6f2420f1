/* SPDX-License-Identifier: ISC
 * Harness: a Cookie header as nginx passes it (HTTP_COOKIE) through
 * req_from_params, as every request of both programs does, and the lookups
 * the session code makes. Input: the header value (cut at a NUL byte,
 * which FastCGI cannot carry).
 */
#include "config.h"

#include <string.h>

#include "arena.h"
#include "fuzz.h"
#include "req.h"
#include "utf8.h"

/* The programs' own cookie names (collect/collect.h, adminweb/aw.h). */
static const char *const own[] = { "uf_s", "uf_pre", "uf_admin", "uf_admin_csrf",
	"uf_admin_login", NULL };

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *hdr = fuzz_strndup(data, size);
	char *param = malloc(strlen(hdr) + sizeof("HTTP_COOKIE="));
	char *envp[] = { "REQUEST_METHOD=GET", "DOCUMENT_URI=/", param, NULL };
	struct arena *a = arena_new(16u * 1024 * 1024);
	struct req r;
	uf_err e;

	FUZZ_CHECK(a && param);
	memcpy(param, "HTTP_COOKIE=", 12);
	memcpy(param + 12, hdr, strlen(hdr) + 1);
	e = req_from_params(&r, a, envp);
	FUZZ_CHECK(e == UF_OK || e == UF_EINVAL || e == UF_ELIMIT);
	if (e == UF_OK) {
		FUZZ_CHECK(r.ncookies <= REQ_MAX_COOKIES);
		for (size_t i = 0; i < r.ncookies; i++) {
			const struct kv *c = &r.cookies[i];
			size_t k = strlen(c->key);
			FUZZ_CHECK(k >= 1 && k <= REQ_MAX_NAME && utf8_valid(c->key, k));
			FUZZ_CHECK(strlen(c->val) == c->vlen && utf8_valid(c->val, c->vlen));
			/* Names and values are cut from the header as sent. */
			FUZZ_CHECK(strstr(hdr, c->key) != NULL && strstr(hdr, c->val) != NULL);
			FUZZ_CHECK(req_cookie(&r, c->key) != NULL);
		}
		/* A well-formed cookie of our own that the header carries is found. */
		for (size_t k = 0; own[k]; k++) {
			size_t n = strlen(own[k]);
			for (const char *p = hdr; (p = strstr(p, own[k])) != NULL; p++) {
				const char *b = p;
				while (b > hdr && b[-1] == ' ')
					b--;
				if ((b == hdr || b[-1] == ';') && p[n] == '=') {
					FUZZ_CHECK(req_cookie(&r, own[k]) != NULL);
					break;
				}
			}
		}
		req_free(&r);
	}
	arena_free(a);
	free(param);
	free(hdr);
	return 0;
}
