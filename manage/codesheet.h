/* SPDX-License-Identifier: ISC
 * The printable code sheet: A4 pages of 8 cut-out slips, each with the
 * access code printed large, a QR code of the personal link, the unit's
 * report label, the wave and two lines of plain Swedish on the survey.
 * Renders into memory; the caller decides where the bytes go (a file for
 * the CLI, an HTTP response for the web admin). Only this file and
 * codesheet.c know libharu and libqrencode.
 */
#ifndef UF_MANAGE_CODESHEET_H
#define UF_MANAGE_CODESHEET_H
#include <stdbool.h>

#include "buf.h"
#include "codes.h"
#include "err.h"

#define CODESHEET_URL_MAX  200 /* base URL length */
#define CODESHEET_PER_PAGE 8

/* Whether base is an http:// or https:// URL of printable ASCII without
 * spaces, quotes, '<' '>' or '#', '?' (the code is appended as a path),
 * at most CODESHEET_URL_MAX bytes. A trailing '/' is allowed (dropped). */
bool codesheet_base_url_ok(const char *base);

/* The personal link: base (without a trailing '/') + "/k/" + code. out
 * needs CODESHEET_URL_MAX + 4 + CODE_LEN + 1 bytes. */
uf_err codesheet_link(const char *base, const char *code, char *out,
    size_t outlen);

/* Render the sheet for batch b into pdf (appended). font_dir holds
 * DejaVuSans*.ttf (NULL: UF_FONT_DIR). UF_EINVAL for a bad base URL,
 * UF_EIO when a font cannot be loaded, UF_EINTERNAL for another libharu
 * or libqrencode failure (logged with its status). */
uf_err codesheet_render(const struct codes_batch *b, const char *base_url,
    const char *font_dir, struct buf *pdf);

#endif
