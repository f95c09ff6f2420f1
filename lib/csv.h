/* SPDX-License-Identifier: ISC
 * The one CSV writer of every export and report table (RFC 4180: comma
 * separated, CRLF line ends, a field quoted with doubled quotes when it holds
 * a comma, quote, CR or LF or starts or ends with a space), what R read.csv
 * and Python's csv module read without options. Pure; no I/O.
 *
 * Formula cells (OWASP "CSV injection"): a spreadsheet runs a cell that
 * starts with = + - @ TAB or CR as a formula. Cells are typed:
 *   CSV_TEXT    names, labels, answers typed by people: a text starting
 *               with one of those characters is written with a ' in front.
 *   CSV_NUMBER  a number the program formatted. Written as it is when it is
 *               a plain number (csv_is_number: -0,5 stays a number); any
 *               other text given as a number is written as CSV_TEXT, so a
 *               wrong type can never let a formula through.
 */
#ifndef UF_CSV_H
#define UF_CSV_H
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"

enum csv_kind { CSV_TEXT, CSV_NUMBER, CSV__MAX };

/* Whether s is a plain number: an optional sign (+ or -), digits, and
 * optionally one decimal point or comma followed by digits ("-0,5", "12",
 * "+0.30"). Such a cell cannot hold a formula. */
bool csv_is_number(const char *s);

/* Whether a text cell s gets the leading ' (starts with = + - @ TAB CR). */
bool csv_is_formula_start(const char *s);

/* Append cell s (NULL: empty) of kind k to b, preceded by a comma unless
 * first. UF_ELIMIT when b is full (b may then hold part of the row). */
uf_err csv_cell(struct buf *b, enum csv_kind k, const char *s, bool first);
/* The same for a CSV_TEXT cell. */
uf_err csv_field(struct buf *b, const char *s, bool first);
/* Append a whole row of n cells and the CRLF; kinds NULL: every cell is
 * CSV_TEXT, else kinds[i] is the kind of cells[i]. */
uf_err csv_row_kinds(struct buf *b, const enum csv_kind *kinds,
    const char *const *cells, size_t n);
/* Append a whole row of n CSV_TEXT cells and the CRLF. */
uf_err csv_row(struct buf *b, const char *const *cells, size_t n);
/* End the current row. */
uf_err csv_end(struct buf *b);

#endif
