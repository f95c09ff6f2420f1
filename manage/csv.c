/* SPDX-License-Identifier: ISC
 * The CSV field writer used by every export (RFC 4180).
 */
#include <string.h>

#include "csv.h"

/* Whether s must be quoted. */
static bool
needs_quotes(const char *s, size_t n)
{
	return n > 0 && (strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' ||
	    s[n - 1] == ' ');
}

uf_err
csv_field(struct buf *b, const char *s, bool first)
{
	const char *q;
	size_t n;
	uf_err e;

	if (!first && (e = buf_add(b, ",", 1)) != UF_OK)
		return e;
	if (s == NULL)
		return UF_OK;
	n = strlen(s);
	if (!needs_quotes(s, n))
		return buf_add(b, s, n);
	if ((e = buf_add(b, "\"", 1)) != UF_OK)
		return e;
	while ((q = strchr(s, '"')) != NULL) {
		/* Up to and including the quote, then the quote again. */
		if ((e = buf_add(b, s, (size_t)(q - s) + 1)) != UF_OK ||
		    (e = buf_add(b, "\"", 1)) != UF_OK)
			return e;
		s = q + 1;
	}
	if ((e = buf_adds(b, s)) != UF_OK)
		return e;
	return buf_add(b, "\"", 1);
}

uf_err
csv_end(struct buf *b)
{
	return buf_add(b, "\r\n", 2);
}

uf_err
csv_row(struct buf *b, const char *const *fields, size_t n)
{
	size_t i;
	uf_err e = UF_OK;

	for (i = 0; i < n && e == UF_OK; i++)
		e = csv_field(b, fields[i], i == 0);
	return e == UF_OK ? csv_end(b) : e;
}
