/* SPDX-License-Identifier: ISC
 * Arena allocator: a chain of malloc'd blocks handing out zeroed, 16-byte
 * aligned pieces, all released at once. Enforces a hard total limit so one
 * hostile request cannot take the process's memory.
 */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN         16
#define ARENA_DEFAULT_MAX   ((size_t)64 * 1024 * 1024)
#define ARENA_FIRST_BLOCK   ((size_t)4096)
#define ARENA_LARGEST_BLOCK ((size_t)1024 * 1024)

struct block {
	struct block *next;
	size_t size; /* usable bytes in data[] */
	size_t off;  /* first free byte in data[] */
	unsigned char data[];
};

struct arena {
	struct block *head; /* newest block; the first block is last */
	size_t max;
	size_t used;      /* bytes handed out, rounded to ARENA_ALIGN */
	size_t next_size; /* size of the next block, doubling */
};

static struct block *
block_new(size_t size)
{
	struct block *b;

	/* ARENA_ALIGN - 1 spare bytes so any request of `size` fits after
	 * aligning the start, whatever malloc's own alignment. */
	if (size > SIZE_MAX - sizeof(*b) - (ARENA_ALIGN - 1))
		return NULL;
	b = malloc(sizeof(*b) + size + (ARENA_ALIGN - 1));
	if (b == NULL)
		return NULL;
	b->next = NULL;
	b->size = size + (ARENA_ALIGN - 1);
	b->off = 0;
	return b;
}

struct arena *
arena_new(size_t max_bytes)
{
	struct arena *a;

	a = calloc(1, sizeof(*a));
	if (a == NULL)
		return NULL;
	a->max = max_bytes == 0 ? ARENA_DEFAULT_MAX : max_bytes;
	a->next_size = ARENA_FIRST_BLOCK;
	return a;
}

static void
free_chain(struct block *b)
{
	struct block *next;

	while (b != NULL) {
		next = b->next;
		free(b);
		b = next;
	}
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	free_chain(a->head);
	free(a);
}

void
arena_reset(struct arena *a)
{
	struct block *first;

	if (a == NULL || a->head == NULL)
		return;
	/* The first block is at the end of the chain. */
	first = a->head;
	while (first->next != NULL)
		first = first->next;
	if (first != a->head) {
		struct block *b = a->head;

		while (b->next != first)
			b = b->next;
		b->next = NULL;
		free_chain(a->head);
		a->head = first;
	}
	first->off = 0;
	a->used = 0;
	a->next_size = ARENA_FIRST_BLOCK;
}

/* Padding needed so that b->data + b->off is aligned. */
static size_t
align_pad(const struct block *b)
{
	uintptr_t p = (uintptr_t)(b->data + b->off);

	return (size_t)((ARENA_ALIGN - (p % ARENA_ALIGN)) % ARENA_ALIGN);
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct block *b;
	size_t need, pad, size;
	void *p = NULL;

	if (a == NULL)
		goto out;
	if (n == 0)
		n = 1; /* distinct pointers, never a zero-size piece */
	if (n > a->max || a->used > a->max - n)
		goto out;
	need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need > a->max - a->used)
		goto out;

	b = a->head;
	if (b == NULL || b->off + align_pad(b) > b->size ||
	    b->size - b->off - align_pad(b) < need) {
		size = a->next_size;
		if (size < need)
			size = need;
		b = block_new(size);
		if (b == NULL)
			goto out;
		b->next = a->head;
		a->head = b;
		if (a->next_size < ARENA_LARGEST_BLOCK)
			a->next_size *= 2;
	}
	pad = align_pad(b);
	p = b->data + b->off + pad;
	b->off += pad + need;
	a->used += need;
	memset(p, 0, n);
out:
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = NULL;
	size_t len;

	if (s == NULL)
		goto out;
	len = strnlen(s, n);
	if (len == SIZE_MAX)
		goto out;
	p = arena_alloc(a, len + 1);
	if (p == NULL)
		goto out;
	memcpy(p, s, len);
	p[len] = '\0';
out:
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	if (s == NULL)
		return NULL;
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap, ap2;
	char *p = NULL;
	int len, len2;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	len = vsnprintf(NULL, 0, fmt, ap);
	if (len < 0)
		goto out;
	p = arena_alloc(a, (size_t)len + 1);
	if (p == NULL)
		goto out;
	len2 = vsnprintf(p, (size_t)len + 1, fmt, ap2);
	if (len2 != len)
		p = NULL; /* arena memory is reclaimed with the arena */
out:
	va_end(ap2);
	va_end(ap);
	return p;
}

size_t
arena_used(const struct arena *a)
{
	return a == NULL ? 0 : a->used;
}
