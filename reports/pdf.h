/* SPDX-License-Identifier: ISC
 * A small layout engine over libharu: A4 pages with a flowing cursor,
 * headings collected for a table of contents, wrapped UTF-8 paragraphs
 * (embedded DejaVu Sans), tables that continue across pages with their
 * header repeated, and two chart kinds. Only this file and pdf.c know libharu.
 * Errors are sticky: after the first failure every call returns it.
 */
#ifndef UF_REPORT_PDF_H
#define UF_REPORT_PDF_H
#include <stdbool.h>
#include <stddef.h>
#include "err.h"
#include "table.h"

struct pdf;

/* New document; font_dir holds DejaVuSans.ttf and DejaVuSans-Bold.ttf.
 * On failure err says why (missing font, out of memory). Caller owns *out. */
uf_err pdf_new(const char *font_dir, struct pdf **out, char *err, size_t errlen);
void pdf_free(struct pdf *p); /* NULL-safe */
/* Text of the last libharu error ("" when none), for the CLI's message. */
const char *pdf_error(const struct pdf *p);

/* Document information (title, author line). */
uf_err pdf_set_info(struct pdf *p, const char *title, const char *subject);

/* The title page: big title, subtitle lines, an optional boxed notice (for
 * synthetic data) and lines at the foot. Must be the first page. */
uf_err pdf_title_page(struct pdf *p, const char *title, const char *subtitle,
    const char *const *lines, size_t nlines, const char *notice,
    const char *foot);

/* level 1: a chapter, always on a new page; level 2: a section; level 3: a
 * sub-section (not in the table of contents). */
uf_err pdf_heading(struct pdf *p, int level, const char *text);
uf_err pdf_paragraph(struct pdf *p, const char *text);
/* Small grey text (notes, explanations). */
uf_err pdf_note(struct pdf *p, const char *text);
/* What a byte of a pdf_rich text is (markup_emphasis decides). */
enum pdf_run { PDF_RUN_NORMAL,
	PDF_RUN_BOLD,
	PDF_RUN_HIDDEN };
/* A paragraph (bullet: a bulleted item) whose byte i is set as kind[i]
 * (enum pdf_run): bold runs are the emphasis of report text written in
 * the admin web, hidden bytes its marks. */
uf_err pdf_rich(struct pdf *p, const char *text, const unsigned char *kind,
    bool bullet);
/* Print text (e.g. "UTKAST") large, diagonal and see-through over every
 * page when pdf_finish writes the document. */
uf_err pdf_set_watermark(struct pdf *p, const char *text);
/* A bulleted item. */
uf_err pdf_bullet(struct pdf *p, const char *text);
/* A quote: indented, with a bar at the left. Like every flowing text, a
 * paragraph with right-to-left characters is shaped and laid out by the
 * bidi algorithm (bidi.h), set flush right when it runs right to left. */
uf_err pdf_quote(struct pdf *p, const char *text);
/* Whether every character of text, as flow() draws it (shaped Arabic
 * forms), has a glyph in the body font; false too for text longer than
 * BIDI_MAX_BYTES or not UTF-8. For printing a note instead of missing
 * glyphs. */
bool pdf_text_drawable(struct pdf *p, const char *text);
uf_err pdf_space(struct pdf *p, double points);
/* Start a new page when fewer than `points` are left. */
uf_err pdf_need(struct pdf *p, double points);

uf_err pdf_table(struct pdf *p, const struct table *t);

/* Diverging stacked bars for 5-point agreement items: per row the shares of
 * answers 1..5 (percent, summing to 100); 1-2 and half of 3 go left of the
 * centre line, half of 3 and 4-5 right. A hidden row prints `note` instead
 * of a bar. */
struct pdf_divbar_row {
	const char *label;
	double pct[5];
	long n;
	bool hidden;
	const char *note;
};
uf_err pdf_divbars(struct pdf *p, const char *caption,
    const char *const legend[5], const struct pdf_divbar_row *rows,
    size_t nrows);

/* Trend lines: x = waves (months), y = mean on 1..5 with 95% CI whiskers;
 * one series per group; NAN marks a missing point. */
#define PDF_TREND_MAX_X      8
#define PDF_TREND_MAX_SERIES 6
struct pdf_trend_series {
	const char *name;
	double mean[PDF_TREND_MAX_X];
	double lo[PDF_TREND_MAX_X], hi[PDF_TREND_MAX_X];
};
uf_err pdf_trend(struct pdf *p, const char *caption, const int *months,
    size_t nx, const struct pdf_trend_series *s, size_t ns);

/* Paper questionnaires. A question: its number in the margin and its text
 * in bold, kept on one page with the `keep` points that follow (its
 * options). */
uf_err pdf_question(struct pdf *p, const char *number, const char *text,
    double keep);
/* Grey small text under a question (a hint, a skip condition). */
uf_err pdf_question_note(struct pdf *p, const char *text);
/* One tick box per option, one under the other. */
uf_err pdf_tick_list(struct pdf *p, const char *const *labels, size_t n);
/* Tick boxes side by side, each label centred under its box (a scale). */
uf_err pdf_tick_row(struct pdf *p, const char *const *labels, size_t n);
/* n ruled lines to write an answer on. */
uf_err pdf_write_lines(struct pdf *p, int n);
/* A box `width` points wide to write a number or date in, `after` (may be
 * NULL) in grey to its right, e.g. "ÅÅÅÅ-MM-DD". */
uf_err pdf_write_box(struct pdf *p, double width, const char *after);

/* Lay out the table of contents after the title page, number every page
 * ("Sida N av M") with `footer` at the left, and write the file. A
 * document without a title page gets no contents, and every page is
 * numbered. */
uf_err pdf_finish(struct pdf *p, const char *footer, const char *path);

#endif
