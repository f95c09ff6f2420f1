/* SPDX-License-Identifier: ISC
 * The report's privacy rules (the evaluation's "Etiska överväganden"): small
 * cells suppressed together with a complementary cell so totals give nothing
 * away, free-text quotes de-gendered (han/hon -> hen) and cleaned of unit
 * names, and the one display name per respondent group. Pure functions.
 */
#ifndef UF_REPORT_PRIVACY_H
#define UF_REPORT_PRIVACY_H
#include <stdbool.h>
#include <stddef.h>
#include "err.h"
#include "form.h"

/* Whether a group of n respondents may be shown at all. */
bool privacy_shown(long n, long min_cell);

/* Cell suppression for an nrows x ncols table of counts v[r * ncols + c].
 * When last_col_is_total, the last column holds each row's total (so a row's
 * cells are linked by a known sum); likewise last_row_is_total for columns.
 * Sets hidden[] (same layout): every entry with 0 < v < min_cell, then, until
 * nothing changes, in every linked line with exactly one hidden entry one
 * more entry (the smallest non-zero cell, else the line's total, else a zero
 * cell), so no hidden value is the difference of shown ones. */
void privacy_suppress(const long *v, size_t nrows, size_t ncols,
    bool last_row_is_total, bool last_col_is_total, long min_cell,
    bool *hidden);

/* De-gender Swedish third-person pronouns in UTF-8 text: han, hon, honom,
 * henne -> hen; hans, hennes -> hens. Whole words only (letters include
 * å ä ö é and other Latin/Greek/Cyrillic letters), case-insensitive, keeping
 * the case pattern (Han -> Hen, HON -> HEN). out needs len + 1 bytes (the
 * result is never longer); returns the output length. */
size_t privacy_degender(const char *in, size_t len, char *out);

/* Replace every whole-word, case-insensitive (ASCII and Latin-1 letters)
 * occurrence of one of names[0..nnames) in in[0..len) by "[verksamhet]".
 * Names shorter than 3 bytes are ignored. UF_ELIMIT when out[0..cap) is too
 * small. *outlen gets the length written (without the NUL). */
uf_err privacy_redact_names(const char *in, size_t len,
    const char *const *names, size_t nnames, char *out, size_t cap,
    size_t *outlen);

/* Display names: "Chefer", "Personal", "Peer supporters",
 * "Patient/brukare". Never NULL. */
const char *privacy_group_label(enum respondent_group g);
/* Singular lower-case form for running text ("chef", "patient/brukare"). */
const char *privacy_group_noun(enum respondent_group g);

#endif
