/* SPDX-License-Identifier: ISC
 * A growable byte buffer with a hard maximum, always NUL-terminated.
 * Appending past the maximum fails with UF_ELIMIT and leaves the buffer as it
 * was. Caller owns the struct; buf_free releases the bytes; zero-init is valid.
 */
#ifndef UF_BUF_H
#define UF_BUF_H
#include <stddef.h>
#include "err.h"

struct buf {
	char *data; /* NUL-terminated, or NULL while empty */
	size_t len;
	size_t cap;
	size_t max; /* hard limit on len; 0 means 16 MiB */
};

void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
void buf_reset(struct buf *b); /* len = 0, keeps memory */
uf_err buf_add(struct buf *b, const void *p, size_t n);
uf_err buf_adds(struct buf *b, const char *s);
uf_err buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append s with & < > " ' escaped for HTML text and attribute values. */
uf_err buf_add_html(struct buf *b, const char *s);
/* Append s as a JSON string literal, quotes included. */
uf_err buf_add_json_str(struct buf *b, const char *s);
/* Pointer to the NUL-terminated contents ("" when empty); borrowed. */
const char *buf_str(const struct buf *b);

#endif
