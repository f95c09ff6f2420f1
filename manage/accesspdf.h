/* SPDX-License-Identifier: ISC
 * A participant's access request (registerutdrag) as a readable A4 PDF in
 * Swedish: who (panel id, group, unit label), what the evaluation keeps and
 * how to withdraw, then per wave the consent, the questionnaire, its status
 * and every question with the participant's answer. It renders the JSON
 * that export_access writes, so both forms always hold the same data.
 */
#ifndef UF_MANAGE_ACCESSPDF_H
#define UF_MANAGE_ACCESSPDF_H
#include <stddef.h>

#include "buf.h"
#include "err.h"

/* Render the access request json (export_access's output, len bytes) into
 * pdf (appended); today is the date printed on it (YYYY-MM-DD; NULL: the
 * local date now). font_dir
 * holds DejaVuSans*.ttf (NULL: UF_FONT_DIR). UF_EINVAL when json is not
 * export_access's shape, UF_EIO when a font cannot be loaded, UF_EINTERNAL
 * for a libharu failure (logged). */
uf_err accesspdf_render(const char *json, size_t len, const char *today,
    const char *font_dir, struct buf *pdf);

#endif
