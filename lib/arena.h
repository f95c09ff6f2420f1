/* SPDX-License-Identifier: ISC
 * Per-request (or per-run) memory: many small allocations, one free.
 * Allocations are never freed one by one. Not thread-safe: one arena per
 * request/thread. arena_free(NULL) is safe.
 */
#ifndef UF_ARENA_H
#define UF_ARENA_H
#include <stddef.h>

struct arena;

/* New arena that refuses to grow past max_bytes in total (0 = 64 MiB).
 * Returns NULL only when out of memory. Caller owns; free with arena_free. */
struct arena *arena_new(size_t max_bytes);
void arena_free(struct arena *a);
/* Drop every allocation but keep the first block for reuse. */
void arena_reset(struct arena *a);

/* Zeroed, 16-byte aligned memory; NULL when over the limit or out of memory. */
void *arena_alloc(struct arena *a, size_t n);
/* NULL-safe copies; NULL when out of memory (or s is NULL). */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* printf into the arena; NULL on failure. */
char *arena_printf(struct arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Bytes handed out so far (for limits and tests). */
size_t arena_used(const struct arena *a);

#endif
