/* SPDX-License-Identifier: ISC
 * The CSV cell writer every export and report table uses (the two dialects,
 * quoting, formula cells neutralised as csv.h describes). Appends to a
 * buffer only; the callers decide where the bytes go.
 */
#include <string.h>

#include "csv.h"

/* What differs between the dialects, one row each. */
static const struct {
	const char *name;
	char sep;
	char decimal; /* in CSV_NUMBER cells */
	const char *bom;
} dialects[CSV_DIALECT__MAX] = {
	[CSV_RFC4180] = { "rfc4180", ',', '.', "" },
	[CSV_EXCEL_SV] = { "excel-sv", ';', ',', "\xef\xbb\xbf" },
};

bool
csv_dialect_parse(const char *s, enum csv_dialect *d)
{
	size_t i;

	for (i = 0; s != NULL && i < CSV_DIALECT__MAX; i++)
		if (strcmp(s, dialects[i].name) == 0) {
			*d = (enum csv_dialect)i;
			return true;
		}
	return false;
}

const char *
csv_dialect_name(enum csv_dialect d)
{
	return (unsigned)d < CSV_DIALECT__MAX ? dialects[d].name : "?";
}

uf_err
csv_begin(struct buf *b, enum csv_dialect d)
{
	if ((unsigned)d >= CSV_DIALECT__MAX)
		return UF_EINTERNAL;
	return buf_adds(b, dialects[d].bom);
}

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

/* Whether s must be quoted in a file separated by sep. */
static bool
needs_quotes(const char *s, size_t n, char sep)
{
	const char special[] = { sep, '"', '\r', '\n', '\0' };

	return n > 0 && (strpbrk(s, special) != NULL || s[0] == ' ' || s[n - 1] == ' ');
}

uf_err
csv_guarded_text(struct buf *b, const char *s)
{
	uf_err e;

	if (csv_is_formula_start(s) && (e = buf_add(b, "'", 1)) != UF_OK)
		return e;
	return buf_adds(b, s != NULL ? s : "");
}

/* Append s (n bytes), quoted when it must be, with the ' of the formula
 * guard first when guard. */
static uf_err
put(struct buf *b, const char *s, size_t n, bool guard, char sep)
{
	const char *q, *end = s + n;
	bool quoted = needs_quotes(s, n, sep);
	uf_err e;

	/* The ' goes inside the quotes: it is part of the cell's text. */
	if ((quoted && (e = buf_add(b, "\"", 1)) != UF_OK) ||
	    (guard && (e = buf_add(b, "'", 1)) != UF_OK))
		return e;
	if (!quoted)
		return buf_add(b, s, n);
	while ((q = memchr(s, '"', (size_t)(end - s))) != NULL) {
		/* Up to and including the quote, then the quote again. */
		if ((e = buf_add(b, s, (size_t)(q - s) + 1)) != UF_OK ||
		    (e = buf_add(b, "\"", 1)) != UF_OK)
			return e;
		s = q + 1;
	}
	if ((e = buf_add(b, s, (size_t)(end - s))) != UF_OK)
		return e;
	return buf_add(b, "\"", 1);
}

/* A plain number: "0.5" is written 0,5 where the dialect's decimal mark is
 * a comma; a number written with a comma ("-0,52", the reports') stays as
 * it is (quoted in rfc4180, where the comma separates). */
static uf_err
number_cell(struct buf *b, const char *s, char decimal, char sep)
{
	char t[64];
	size_t n = strlen(s);
	char *mark;

	if (decimal != ',' || n >= sizeof(t))
		return put(b, s, n, false, sep);
	memcpy(t, s, n + 1);
	if ((mark = strchr(t, '.')) != NULL)
		*mark = ',';
	return put(b, t, n, false, sep);
}

uf_err
csv_dcell(struct buf *b, enum csv_dialect d, enum csv_kind k, const char *s,
    bool first)
{
	bool guard = false;
	uf_err e;

	if ((unsigned)d >= CSV_DIALECT__MAX)
		return UF_EINTERNAL;
	if (!first && (e = buf_add(b, &dialects[d].sep, 1)) != UF_OK)
		return e;
	if (s == NULL)
		return UF_OK;
	switch (k) {
	case CSV_NUMBER:
		if (csv_is_number(s))
			return number_cell(b, s, dialects[d].decimal, dialects[d].sep);
		guard = csv_is_formula_start(s);
		break;
	case CSV_TEXT:
		guard = csv_is_formula_start(s);
		break;
	case CSV__MAX:
		return UF_EINTERNAL;
	}
	return put(b, s, strlen(s), guard, dialects[d].sep);
}

uf_err
csv_cell(struct buf *b, enum csv_kind k, const char *s, bool first)
{
	return csv_dcell(b, CSV_RFC4180, k, s, first);
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
csv_drow(struct buf *b, enum csv_dialect d, const enum csv_kind *kinds,
    const char *const *cells, size_t n)
{
	size_t i;
	uf_err e = UF_OK;

	for (i = 0; i < n && e == UF_OK; i++)
		e = csv_dcell(b, d, kinds != NULL ? kinds[i] : CSV_TEXT, cells[i],
		    i == 0);
	return e == UF_OK ? csv_end(b) : e;
}

uf_err
csv_row_kinds(struct buf *b, const enum csv_kind *kinds,
    const char *const *cells, size_t n)
{
	return csv_drow(b, CSV_RFC4180, kinds, cells, n);
}

uf_err
csv_row(struct buf *b, const char *const *cells, size_t n)
{
	return csv_row_kinds(b, NULL, cells, n);
}
