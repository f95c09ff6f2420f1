/* SPDX-License-Identifier: ISC
 * Match a request path against the program's one route table. A pattern is
 * a literal path where "{}" stands for exactly one non-empty path segment.
 */
#ifndef UF_ROUTE_H
#define UF_ROUTE_H
#include <stdbool.h>
#include <stddef.h>
#include "web.h"

struct arena;

enum route_match {
	ROUTE_FOUND,     /* path and method match */
	ROUTE_NO_METHOD, /* path matches, method does not (405) */
	ROUTE_NONE       /* no such path (404) */
};

/* Find method+path in routes[0..n). On ROUTE_FOUND *out is the route and
 * *arg the segment the hole matched (arena copy, NULL when there is none).
 * On ROUTE_NO_METHOD, allow (size allowlen) lists the methods, e.g. "GET". */
enum route_match route_find(const struct route *routes, size_t n,
    const char *method, const char *path, struct arena *a,
    const struct route **out, const char **arg, char *allow, size_t allowlen);

/* Whether path matches pattern; seg and seglen receive the "{}" segment. */
bool route_path_match(const char *pattern, const char *path,
    const char **seg, size_t *seglen);

#endif
