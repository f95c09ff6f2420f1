/* SPDX-License-Identifier: ISC
 * A report table as data: caption, columns, rows of text cells. The PDF
 * layer lays it out and the CSV writer writes the very same cells, so the
 * CSV always matches the printed figures. Owns copies of every string.
 */
#ifndef UF_REPORT_TABLE_H
#define UF_REPORT_TABLE_H
#include <stdbool.h>
#include <stddef.h>
#include "err.h"

#define TABLE_MAX_COLS 16
#define TABLE_MAX_ROWS 100000

enum table_align { TABLE_LEFT,
	TABLE_RIGHT,
	TABLE_CENTER };

enum table_row_kind {
	TABLE_ROW_BODY,
	TABLE_ROW_SUBHEAD, /* one text spanning every column (cell 0) */
	TABLE_ROW_TOTAL,   /* bold, rule above */
};

struct table_col {
	char *head;
	double weight; /* share of the text width, relative to the others */
	enum table_align align;
};

struct table {
	char *caption;  /* "Tabell 3. ...", printed above */
	char *note;     /* may be NULL: printed below in small type */
	char *csv_name; /* file name stem for --csv, e.g. "03_planering_chef" */
	bool compact;   /* many narrow figure columns: set in smaller type */
	struct table_col cols[TABLE_MAX_COLS];
	size_t ncols;
	char **cells; /* rows * ncols; NULL = empty */
	enum table_row_kind *kinds;
	size_t nrows, cap;
};

/* NULL only when out of memory. */
struct table *table_new(const char *caption, const char *csv_name);
void table_free(struct table *t); /* NULL-safe */

uf_err table_col(struct table *t, const char *head, double weight,
    enum table_align align);
/* Append a row; its cells start empty. *row gets its index. */
uf_err table_row(struct table *t, enum table_row_kind kind, size_t *row);
uf_err table_set(struct table *t, size_t row, size_t col, const char *text);
uf_err table_setf(struct table *t, size_t row, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
uf_err table_note(struct table *t, const char *note);
/* Borrowed cell text, "" when empty. */
const char *table_get(const struct table *t, size_t row, size_t col);

/* Write t as CSV with lib/csv.h's writer (RFC 4180, UTF-8, CRLF) to
 * DIR/<csv_name>.csv. A cell that is a plain number ("-0,5") is written as
 * a number; every other cell and every column head is text, with a ' in
 * front when it starts with = + - @ TAB or CR (a spreadsheet formula).
 * UF_EIO or UF_ELIMIT on failure. */
uf_err table_write_csv(const struct table *t, const char *dir);

#endif
