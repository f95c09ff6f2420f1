/* SPDX-License-Identifier: ISC
 * Harness: the FastCGI parameters of one request as nginx passes them
 * (request method, path, query string, cookies, content type and length,
 * request id) through req_from_params, then the route tables of both
 * programs and the content-type check the pipeline runs next.
 * Input: NUL-separated "NAME=value" entries, the shape of FCGX's envp.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "arena.h"
#include "fuzz.h"
#include "req.h"
#include "route.h"
#include "utf8.h"

#define MAX_PARAMS    64
#define WEB_ARENA_MAX (16u * 1024 * 1024) /* as web_main.c */

/* Method and pattern of every route, collect_table from collect/collect_routes.c
 * and admin_table from adminweb/aw_routes.c, extracted by build.sh (the
 * real tables link every handler and with them the database). */
#include "routes.gen.h"

static void
check_kv(const struct kv *v, size_t n, size_t max)
{
	FUZZ_CHECK(n <= max);
	for (size_t i = 0; i < n; i++) {
		size_t k = strlen(v[i].key);
		FUZZ_CHECK(k >= 1 && k <= REQ_MAX_NAME);
		FUZZ_CHECK(utf8_valid(v[i].key, k));
		FUZZ_CHECK(strlen(v[i].val) == v[i].vlen);
		FUZZ_CHECK(utf8_valid(v[i].val, v[i].vlen));
	}
}

static void
check_route(const struct route *routes, size_t nroutes,
    const struct req *r, struct arena *a)
{
	const struct route *rt = NULL;
	const char *arg = NULL;
	char allow[64];

	switch (route_find(routes, nroutes, r->method, r->path,
	    a, &rt, &arg, allow, sizeof(allow))) {
	case ROUTE_FOUND: {
		const char *hole = strstr(rt->pattern, "{}");
		FUZZ_CHECK(strcmp(rt->method, r->method) == 0);
		if (!hole) {
			FUZZ_CHECK(arg == NULL && strcmp(rt->pattern, r->path) == 0);
			break;
		}
		/* The segment is non-empty, has no '/', and pattern with the
		 * segment put in is the path again. */
		size_t pre = (size_t)(hole - rt->pattern);
		FUZZ_CHECK(arg != NULL && *arg != '\0' && strchr(arg, '/') == NULL);
		FUZZ_CHECK(strncmp(r->path, rt->pattern, pre) == 0);
		FUZZ_CHECK(strncmp(r->path + pre, arg, strlen(arg)) == 0);
		FUZZ_CHECK(strcmp(r->path + pre + strlen(arg), hole + 2) == 0);
		break;
	}
	case ROUTE_NO_METHOD:
		FUZZ_CHECK(allow[0] != '\0' && strlen(allow) < sizeof(allow));
		break;
	case ROUTE_NONE:
		break;
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_strndup(data, size);
	char *envp[MAX_PARAMS + 1];
	size_t n = 0;
	struct arena *a = arena_new(WEB_ARENA_MAX);
	struct req r;
	uf_err e;

	FUZZ_CHECK(a != NULL);
	for (size_t i = 0; i < size && n < MAX_PARAMS; i += strlen(buf + i) + 1)
		if (buf[i])
			envp[n++] = buf + i;
	envp[n] = NULL;

	e = req_from_params(&r, a, envp);
	FUZZ_CHECK(e == UF_OK || e == UF_EINVAL || e == UF_ELIMIT);
	if (e == UF_OK) {
		FUZZ_CHECK(r.method && r.path && r.query && r.content_type && r.remote_addr);
		FUZZ_CHECK(r.request_id && *r.request_id && strlen(r.request_id) <= 64);
		FUZZ_CHECK(strlen(r.path) <= REQ_MAX_PATH);
		FUZZ_CHECK(utf8_valid(r.path, strlen(r.path)));
		FUZZ_CHECK(r.content_length >= -1);
		check_kv(r.cookies, r.ncookies, REQ_MAX_COOKIES);
		check_kv(r.args, r.nargs, REQ_MAX_FIELDS);
		for (size_t i = 0; i < r.nargs; i++)
			FUZZ_CHECK(req_arg(&r, r.args[i].key) != NULL);
		for (size_t i = 0; i < r.ncookies; i++)
			FUZZ_CHECK(req_cookie(&r, r.cookies[i].key) != NULL);
		if (req_content_type_is(&r, "application/json"))
			FUZZ_CHECK(strncasecmp(r.content_type, "application/json", 16) == 0);
		check_route(collect_table, sizeof(collect_table) / sizeof(collect_table[0]), &r, a);
		check_route(admin_table, sizeof(admin_table) / sizeof(admin_table[0]), &r, a);
		req_free(&r);
	}
	arena_free(a);
	free(buf);
	return 0;
}
