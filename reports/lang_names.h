/* SPDX-License-Identifier: ISC
 * The Swedish names of respondent languages, for the reports (which stay
 * Swedish): "engelska" for "en" -- the one table of them. Pure, no I/O.
 * (Whether a text runs right to left is bidi.h's.) The respondent-facing
 * names (in their own language) are lib/lang's data.
 */
#ifndef UF_REPORT_LANG_NAMES_H
#define UF_REPORT_LANG_NAMES_H
#include <stdbool.h>
#include <stddef.h>

/* The Swedish name of a BCP 47 tag's primary language ("en-GB" ->
 * "engelska"), lower case; NULL for a language the table does not know. */
const char *lang_name_sv(const char *tag);

/* Whether tag is Swedish (primary subtag "sv"), or empty (rows from before
 * languages were recorded were Swedish). */
bool lang_is_swedish(const char *tag);

/* "på engelska"; for a language the table does not know, "på språket
 * med koden xx" (the tag as stored, which the database has checked to be
 * [a-z0-9-] only). Cut to n bytes; always terminated when n > 0. */
void lang_on_sv(const char *tag, char *out, size_t n);

/* "Engelska" (capitalised, for a table row); unknown: "Språkkod xx". */
void lang_row_sv(const char *tag, char *out, size_t n);

#endif
