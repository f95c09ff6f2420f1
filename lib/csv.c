/* SPDX-License-Identifier: ISC
 * The CSV cell writer every export and report table uses (RFC 4180 quoting,
 * formula cells neutralised as csv.h describes). Appends to a buffer only;
 * the callers decide where the bytes go.
 */
#include <string.h>

#include "csv.h"

bool
csv_is_number(const char *s)
{
	size_t n;

	if (s == NULL)
		return false;
	if (*s == '-' || *s == '+')
		s++;
	if ((n = strspn(s, "0123456789")) == 0)
		return false;
	s += n;
	if (*s == '.' || *s == ',') {
		s++;
		if ((n = strspn(s, "0123456789")) == 0)
			return false;
		s += n;
	}
	return *s == '\0';
}

bool
csv_is_formula_start(const char *s)
{
	return s != NULL && s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

/* Whether s must be quoted. */
static bool
needs_quotes(const char *s, size_t n)
{
	return n > 0 && (strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' ||
	    s[n - 1] == ' ');
}

uf_err
csv_cell(struct buf *b, enum csv_kind k, const char *s, bool first)
{
	const char *q;
	bool guard = false, quoted;
	size_t n;
	uf_err e;

	if (!first && (e = buf_add(b, ",", 1)) != UF_OK)
		return e;
	if (s == NULL)
		return UF_OK;
	switch (k) {
	case CSV_NUMBER:
		guard = !csv_is_number(s) && csv_is_formula_start(s);
		break;
	case CSV_TEXT:
		guard = csv_is_formula_start(s);
		break;
	case CSV__MAX:
		return UF_EINTERNAL;
	}
	n = strlen(s);
	quoted = needs_quotes(s, n);
	/* The ' goes inside the quotes: it is part of the cell's text. */
	if ((quoted && (e = buf_add(b, "\"", 1)) != UF_OK) ||
	    (guard && (e = buf_add(b, "'", 1)) != UF_OK))
		return e;
	if (!quoted)
		return buf_add(b, s, n);
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
csv_field(struct buf *b, const char *s, bool first)
{
	return csv_cell(b, CSV_TEXT, s, first);
}

uf_err
csv_end(struct buf *b)
{
	return buf_add(b, "\r\n", 2);
}

uf_err
csv_row_kinds(struct buf *b, const enum csv_kind *kinds,
    const char *const *cells, size_t n)
{
	size_t i;
	uf_err e = UF_OK;

	for (i = 0; i < n && e == UF_OK; i++)
		e = csv_cell(b, kinds != NULL ? kinds[i] : CSV_TEXT, cells[i], i == 0);
	return e == UF_OK ? csv_end(b) : e;
}

uf_err
csv_row(struct buf *b, const char *const *cells, size_t n)
{
	return csv_row_kinds(b, NULL, cells, n);
}
