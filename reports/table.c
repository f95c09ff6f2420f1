/* SPDX-License-Identifier: ISC
 * Report tables: building them cell by cell and writing them as CSV with
 * the one CSV writer (lib/csv.h). The CSV carries a header line (the column
 * heads) and then every row; a subheading row is written with its text in
 * the first field.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "table.h"

struct table *
table_new(const char *caption, const char *csv_name)
{
	struct table *t = calloc(1, sizeof *t);
	if (t == NULL)
		return NULL;
	t->caption = strdup(caption ? caption : "");
	t->csv_name = strdup(csv_name ? csv_name : "table");
	if (t->caption == NULL || t->csv_name == NULL) {
		table_free(t);
		return NULL;
	}
	return t;
}

void
table_free(struct table *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	for (size_t c = 0; c < t->ncols; c++)
		free(t->cols[c].head);
	free(t->cells);
	free(t->kinds);
	free(t->caption);
	free(t->note);
	free(t->csv_name);
	free(t);
}

uf_err
table_col(struct table *t, const char *head, double weight, enum table_align align)
{
	if (t->ncols >= TABLE_MAX_COLS || t->nrows > 0)
		return UF_EINTERNAL; /* columns first, then rows */
	char *h = strdup(head);
	if (h == NULL)
		return UF_ENOMEM;
	t->cols[t->ncols++] = (struct table_col){ h, weight > 0 ? weight : 1, align };
	return UF_OK;
}

uf_err
table_row(struct table *t, enum table_row_kind kind, size_t *row)
{
	if (t->ncols == 0)
		return UF_EINTERNAL;
	if (t->nrows >= TABLE_MAX_ROWS)
		return UF_ELIMIT;
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **cells = realloc(t->cells, cap * t->ncols * sizeof *cells);
		if (cells == NULL)
			return UF_ENOMEM;
		t->cells = cells;
		enum table_row_kind *kinds = realloc(t->kinds, cap * sizeof *kinds);
		if (kinds == NULL)
			return UF_ENOMEM;
		t->kinds = kinds;
		t->cap = cap;
	}
	for (size_t c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = NULL;
	t->kinds[t->nrows] = kind;
	*row = t->nrows++;
	return UF_OK;
}

uf_err
table_set(struct table *t, size_t row, size_t col, const char *text)
{
	if (row >= t->nrows || col >= t->ncols)
		return UF_EINTERNAL;
	char *d = strdup(text ? text : "");
	if (d == NULL)
		return UF_ENOMEM;
	free(t->cells[row * t->ncols + col]);
	t->cells[row * t->ncols + col] = d;
	return UF_OK;
}

uf_err
table_setf(struct table *t, size_t row, size_t col, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof tmp)
		return UF_ELIMIT;
	return table_set(t, row, col, tmp);
}

uf_err
table_note(struct table *t, const char *note)
{
	char *d = strdup(note);
	if (d == NULL)
		return UF_ENOMEM;
	free(t->note);
	t->note = d;
	return UF_OK;
}

const char *
table_get(const struct table *t, size_t row, size_t col)
{
	if (row >= t->nrows || col >= t->ncols)
		return "";
	const char *s = t->cells[row * t->ncols + col];
	return s ? s : "";
}

/* A report cell's CSV kind. Every cell is text the program formatted; a
 * plain number ("-0,52", "+0,30", "12") is written as a number, anything
 * else ("-0,52 – 0,31", a label) as text with lib/csv.h's formula rule. */
static enum csv_kind
cell_kind(const char *s)
{
	return csv_is_number(s) ? CSV_NUMBER : CSV_TEXT;
}

/* Write one line of n cells (kinds by cell_kind, or all text) to f. */
static uf_err
write_line(FILE *f, struct buf *line, const char *const *cells, size_t n,
    bool typed)
{
	enum csv_kind kinds[TABLE_MAX_COLS];
	uf_err e;

	for (size_t c = 0; c < n; c++)
		kinds[c] = typed ? cell_kind(cells[c]) : CSV_TEXT;
	buf_reset(line);
	if ((e = csv_row_kinds(line, kinds, cells, n)) != UF_OK)
		return e;
	return fwrite(line->data, 1, line->len, f) == line->len ? UF_OK : UF_EIO;
}

uf_err
table_write_csv(const struct table *t, const char *dir)
{
	char path[4096];
	const char *cells[TABLE_MAX_COLS];
	struct buf line;
	uf_err e = UF_EIO;
	FILE *f = NULL;
	int n = snprintf(path, sizeof path, "%s/%s.csv", dir, t->csv_name);
	if (n < 0 || (size_t)n >= sizeof path)
		return UF_ELIMIT;
	buf_init(&line, 0);
	f = fopen(path, "w");
	if (f == NULL)
		goto out;
	for (size_t c = 0; c < t->ncols; c++)
		cells[c] = t->cols[c].head;
	if ((e = write_line(f, &line, cells, t->ncols, false)) != UF_OK)
		goto out;
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++)
			cells[c] = table_get(t, r, c);
		if ((e = write_line(f, &line, cells, t->ncols, true)) != UF_OK)
			goto out;
	}
out:
	if (f != NULL && fclose(f) != 0 && e == UF_OK)
		e = UF_EIO;
	buf_free(&line);
	return e;
}
