/* SPDX-License-Identifier: ISC
 * Working around libharu 2.3.0's TrueType subsetting for the report PDF:
 * the nested parts of composite glyphs, which libharu leaves out. Only
 * pdf.c calls it; it reads the font file, never draws.
 */
#ifndef UF_REPORT_PDF_FONT_H
#define UF_REPORT_PDF_FONT_H
#include <hpdf.h>

#include "err.h"

/* Mark as used every glyph that a used composite glyph of font `name` (as
 * libharu named it on loading `path`) reaches through nested components,
 * so that the embedded subset has them. libharu marks a composite's direct
 * components only; DejaVu Sans's Arabic forms nest (the medial noon is a
 * dot over a dotless tooth that is itself composite), and without this
 * their teeth are missing. Call before the document is saved. UF_EIO when
 * the file cannot be read, UF_EFORMAT when its glyph data is not what
 * libharu read, UF_ENOMEM. */
uf_err pdf_font_embed_nested(HPDF_Doc doc, const char *name, const char *path);

#endif
