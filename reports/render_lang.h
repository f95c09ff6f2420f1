/* SPDX-License-Identifier: ISC
 * The reports' account of the respondents' languages (render_lang.c): how
 * many answered in which language and with easy-to-read text, per group
 * and wave, under the same disclosure rules as every other count; patients'
 * scale scores split by language group where the cells allow; and the note
 * a free-text quote carries when it was written in another language or
 * answered the easy-to-read question. The reports stay Swedish.
 */
#ifndef UF_REPORT_RENDER_LANG_H
#define UF_REPORT_RENDER_LANG_H
#include <stdbool.h>
#include <stddef.h>
#include "err.h"
#include "model.h"
#include "render.h"

/* Metod: a heading, what was offered and the table (or one sentence when
 * every response was Swedish and plain). Delrapport: the focus wave;
 * slutrapport: every wave. */
uf_err lang_section(struct render_ctx *c);

/* After the scale chapter: patients' scale scores by Swedish / other
 * languages and easy-to-read / plain text, per wave of the report, with
 * the method; a line saying why where a split is not shown. */
uf_err lang_scales(struct render_ctx *c);

/* A quote as printed: ”text” and in parentheses what there is to say of
 * it: "3 svar" (same: identical answers, 1 for just this one), "på
 * engelska", "lättläst version av frågan" (easy-to-read was on and the
 * question's easy-to-read text in that language differs from the plain
 * one). Right-to-left text is printed as written (the PDF layer shapes
 * and reorders it, bidi.h) unless drawable is false (pdf_text_drawable:
 * the font lacks a glyph it needs, or it is too long), when a note saying
 * it is in the export stands in its place. false when out[0..n) is too
 * small (nothing usable in out). */
bool lang_quote_line(const struct model *m, const struct quote *q, long same,
    bool drawable, char *out, size_t n);
/* Whether q answered the easy-to-read question (the mark above): quotes
 * alike in text and language but not in this are printed apart. */
bool lang_quote_easy_marked(const struct model *m, const struct quote *q);

#endif
