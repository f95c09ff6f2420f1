/* SPDX-License-Identifier: ISC
 * Growable NUL-terminated byte buffer with a hard maximum, plus the two
 * escapers every output path needs (HTML text/attributes, JSON strings).
 * A failed append leaves the contents exactly as they were.
 */
#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_DEFAULT_MAX ((size_t)16 * 1024 * 1024)
#define BUF_MIN_CAP     64

static size_t
buf_max(const struct buf *b)
{
	return b->max == 0 ? BUF_DEFAULT_MAX : b->max;
}

void
buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void
buf_free(struct buf *b)
{
	if (b == NULL)
		return;
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/* Make room for n more bytes plus the NUL. UF_ELIMIT past the maximum. */
static uf_err
buf_reserve(struct buf *b, size_t n)
{
	size_t max = buf_max(b), want, cap;
	char *p;

	if (n > max || b->len > max - n)
		return UF_ELIMIT;
	want = b->len + n + 1;
	if (want <= b->cap)
		return UF_OK;
	cap = b->cap < BUF_MIN_CAP ? BUF_MIN_CAP : b->cap;
	while (cap < want)
		cap = cap > SIZE_MAX / 2 ? want : cap * 2;
	if (max < SIZE_MAX && cap > max + 1)
		cap = max + 1;
	p = realloc(b->data, cap);
	if (p == NULL)
		return UF_ENOMEM;
	if (b->data == NULL)
		p[0] = '\0';
	b->data = p;
	b->cap = cap;
	return UF_OK;
}

uf_err
buf_add(struct buf *b, const void *p, size_t n)
{
	uf_err e;

	if (n == 0)
		return UF_OK;
	e = buf_reserve(b, n);
	if (e != UF_OK)
		return e;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return UF_OK;
}

uf_err
buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

uf_err
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap, ap2;
	uf_err e = UF_OK;
	int len, len2;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	len = vsnprintf(NULL, 0, fmt, ap);
	if (len < 0) {
		e = UF_EINTERNAL;
		goto out;
	}
	e = buf_reserve(b, (size_t)len);
	if (e != UF_OK)
		goto out;
	len2 = vsnprintf(b->data + b->len, (size_t)len + 1, fmt, ap2);
	if (len2 != len) {
		b->data[b->len] = '\0';
		e = UF_EINTERNAL;
		goto out;
	}
	b->len += (size_t)len;
out:
	va_end(ap2);
	va_end(ap);
	return e;
}

/* Undo a partly written escape so a failure leaves the buffer unchanged. */
static void
buf_truncate(struct buf *b, size_t len)
{
	b->len = len;
	if (b->data != NULL)
		b->data[len] = '\0';
}

uf_err
buf_add_html(struct buf *b, const char *s)
{
	size_t old = b->len, run;
	const char *rep;
	uf_err e = UF_OK;

	while (*s != '\0') {
		run = strcspn(s, "&<>\"'");
		if (run > 0) {
			e = buf_add(b, s, run);
			if (e != UF_OK)
				goto out;
			s += run;
			continue;
		}
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		default: rep = "&#39;"; break;
		}
		e = buf_adds(b, rep);
		if (e != UF_OK)
			goto out;
		s++;
	}
out:
	if (e != UF_OK)
		buf_truncate(b, old);
	return e;
}

/* NULL becomes the JSON literal null, so callers can pass optional text. */
uf_err
buf_add_json_str(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	size_t old = b->len;
	const unsigned char *p = (const unsigned char *)s;
	char esc[7];
	uf_err e;

	if (s == NULL)
		return buf_adds(b, "null");
	e = buf_add(b, "\"", 1);
	while (e == UF_OK && *p != '\0') {
		size_t run = 0;

		/* Copy plain bytes (including UTF-8 sequences) in one go. */
		while (p[run] >= 0x20 && p[run] != '"' && p[run] != '\\')
			run++;
		if (run > 0) {
			e = buf_add(b, p, run);
			p += run;
			continue;
		}
		switch (*p) {
		case '"': e = buf_add(b, "\\\"", 2); break;
		case '\\': e = buf_add(b, "\\\\", 2); break;
		case '\b': e = buf_add(b, "\\b", 2); break;
		case '\f': e = buf_add(b, "\\f", 2); break;
		case '\n': e = buf_add(b, "\\n", 2); break;
		case '\r': e = buf_add(b, "\\r", 2); break;
		case '\t': e = buf_add(b, "\\t", 2); break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[*p >> 4];
			esc[5] = hex[*p & 0xf];
			e = buf_add(b, esc, 6);
			break;
		}
		p++;
	}
	if (e == UF_OK)
		e = buf_add(b, "\"", 1);
	if (e != UF_OK)
		buf_truncate(b, old);
	return e;
}

const char *
buf_str(const struct buf *b)
{
	return b->data == NULL ? "" : b->data;
}
