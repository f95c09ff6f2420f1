/* SPDX-License-Identifier: ISC
 * The route matcher: literal paths with at most one "{}" segment. The table
 * itself belongs to each program (collect_routes.c).
 */
#include "config.h"

#include <string.h>

#include "arena.h"
#include "route.h"

bool
route_path_match(const char *pattern, const char *path,
    const char **seg, size_t *seglen)
{
	const char *hole = strstr(pattern, "{}");
	*seg = NULL;
	*seglen = 0;
	if (!hole)
		return strcmp(pattern, path) == 0;
	size_t pre = (size_t)(hole - pattern);
	const char *post = hole + 2;
	size_t postlen = strlen(post);
	size_t plen = strlen(path);
	if (plen < pre + postlen + 1 || strncmp(pattern, path, pre) != 0)
		return false;
	if (strcmp(path + plen - postlen, post) != 0)
		return false;
	const char *s = path + pre;
	size_t n = plen - pre - postlen;
	if (memchr(s, '/', n)) /* one segment only */
		return false;
	*seg = s;
	*seglen = n;
	return true;
}

enum route_match
route_find(const struct route *routes, size_t n,
    const char *method, const char *path, struct arena *a,
    const struct route **out, const char **arg, char *allow, size_t allowlen)
{
	bool path_seen = false;
	size_t used = 0;

	*out = NULL;
	*arg = NULL;
	if (allowlen)
		allow[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *seg;
		size_t seglen;
		if (!route_path_match(routes[i].pattern, path, &seg, &seglen))
			continue;
		if (strcmp(routes[i].method, method) == 0) {
			*out = &routes[i];
			if (seg) {
				*arg = arena_strndup(a, seg, seglen);
				if (!*arg)
					return ROUTE_NONE;
			}
			return ROUTE_FOUND;
		}
		path_seen = true;
		size_t ml = strlen(routes[i].method);
		if (allowlen && used + ml + 3 < allowlen) {
			if (used) {
				memcpy(allow + used, ", ", 2);
				used += 2;
			}
			memcpy(allow + used, routes[i].method, ml);
			used += ml;
			allow[used] = '\0';
		}
	}
	return path_seen ? ROUTE_NO_METHOD : ROUTE_NONE;
}
