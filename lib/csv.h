/* SPDX-License-Identifier: ISC
 * The one CSV writer of every export and report table, in two dialects:
 *   CSV_RFC4180   RFC 4180: comma separated, CRLF line ends, no BOM, numbers
 *                 as the program wrote them (decimal point); what R read.csv
 *                 and Python's csv module read without options.
 *   CSV_EXCEL_SV  what Swedish Excel opens with a double click: a UTF-8 BOM
 *                 (csv_begin), ';' between fields, decimal comma in
 *                 CSV_NUMBER cells, CRLF line ends.
 * A field is quoted with doubled quotes when it holds the separator, a
 * quote, CR or LF or starts or ends with a space. Pure; no I/O.
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

enum csv_kind { CSV_TEXT,
	CSV_NUMBER,
	CSV__MAX };
enum csv_dialect { CSV_RFC4180,
	CSV_EXCEL_SV,
	CSV_DIALECT__MAX };

/* "rfc4180" / "excel-sv" <-> the dialect; parse false for anything else. */
bool csv_dialect_parse(const char *s, enum csv_dialect *d);
const char *csv_dialect_name(enum csv_dialect d);

/* Whether s is a plain number: an optional sign (+ or -), digits, and
 * optionally one decimal point or comma followed by digits ("-0,5", "12",
 * "+0.30"). Such a cell cannot hold a formula. */
bool csv_is_number(const char *s);

/* Whether a text cell s gets the leading ' (starts with = + - @ TAB CR). */
bool csv_is_formula_start(const char *s);

/* Start a file: the BOM in CSV_EXCEL_SV, nothing in CSV_RFC4180. */
uf_err csv_begin(struct buf *b, enum csv_dialect d);
/* Append cell s (NULL: empty) of kind k to b in dialect d, preceded by the
 * separator unless first. UF_ELIMIT when b is full (b may then hold part of
 * the row). */
uf_err csv_dcell(struct buf *b, enum csv_dialect d, enum csv_kind k,
    const char *s, bool first);
/* A whole row in dialect d (kinds as csv_row_kinds), with its CRLF. */
uf_err csv_drow(struct buf *b, enum csv_dialect d, const enum csv_kind *kinds,
    const char *const *cells, size_t n);
/* Append text s to b with the formula guard (a leading ' when
 * csv_is_formula_start): for formats other than CSV that carry the same
 * text (SPSS and Stata files), so every format says the same. */
uf_err csv_guarded_text(struct buf *b, const char *s);

/* The functions below write CSV_RFC4180 (report tables). */
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
