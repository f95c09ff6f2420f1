/* SPDX-License-Identifier: ISC
 * RFC 4180 CSV output: comma separated, CRLF line ends, a field quoted
 * (with doubled quotes) when it holds a comma, quote, CR, LF or starts or
 * ends with a space. What R read.csv and Python's csv module read without
 * options. Pure; no I/O.
 */
#ifndef UF_MANAGE_CSV_H
#define UF_MANAGE_CSV_H
#include <stdbool.h>

#include "buf.h"
#include "err.h"

/* Append field s (NULL: empty) to b, preceded by a comma unless first. */
uf_err csv_field(struct buf *b, const char *s, bool first);
/* Append a whole row of n fields and the CRLF. */
uf_err csv_row(struct buf *b, const char *const *fields, size_t n);
/* End the current row. */
uf_err csv_end(struct buf *b);

#endif
