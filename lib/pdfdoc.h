/* SPDX-License-Identifier: ISC
 * The one libharu layer under every PDF the product writes (code sheets,
 * access requests, reports, questionnaires): a document with UTF-8 fonts,
 * an error handler that records the first failure instead of jumping,
 * TrueType fonts from a folder, UTF-8-safe fitting, A4 pages, saving to
 * memory or a file. Layout lives with each document's owner.
 */
#ifndef UF_LIB_PDFDOC_H
#define UF_LIB_PDFDOC_H
#include <stdbool.h>
#include <stddef.h>

#include <hpdf.h>

#include "buf.h"
#include "err.h"

#define PDFDOC_A4_W 595.276f /* points */
#define PDFDOC_A4_H 841.89f

struct pdfdoc {
	HPDF_Doc pdf;
	HPDF_Page page;  /* the page being drawn, NULL before the first */
	HPDF_STATUS err; /* first libharu error, 0 when none */
	HPDF_STATUS detail;
	const char *what;  /* for the log: "codesheet", "report" */
	char problem[320]; /* the first failure in words, "" when none */
};

/* A new compressed document with UTF-8 encodings; creator and title go
 * into its info dictionary (PDFDocEncoding: keep them ASCII). UF_ENOMEM or
 * UF_EINTERNAL; on failure nothing needs closing. */
uf_err pdfdoc_open(struct pdfdoc *d, const char *what, const char *creator,
    const char *title);

/* The UTF-8 font of TrueType file `file` in dir (NULL: UF_FONT_DIR); NULL
 * when the file cannot be read (d->problem names the path) or libharu
 * fails. */
HPDF_Font pdfdoc_font(struct pdfdoc *d, const char *dir, const char *file);

/* Whether s is HPDF_OK and nothing has failed before; otherwise the first
 * failure is kept in d (problem says what). */
bool pdfdoc_ok(struct pdfdoc *d, HPDF_STATUS s);

/* How many bytes of text fit in width at the page's current font and size:
 * with wrap, up to the last space that fits; otherwise, or when no space
 * fits, as many whole characters as fit, and at least one character.
 * libharu's own count may end inside a UTF-8 character; this never does. */
size_t pdfdoc_fit(HPDF_Page page, const char *text, float width, bool wrap);

/* Start a new A4 page (d->page) with black fill; false on failure. */
bool pdfdoc_add_page(struct pdfdoc *d);

/* Append the finished document to out; false on failure. */
bool pdfdoc_save(struct pdfdoc *d, struct buf *out);

/* Write the finished document to path; false on failure. */
bool pdfdoc_save_file(struct pdfdoc *d, const char *path);

/* Free the document; when e is not UF_OK, log it with what failed. */
void pdfdoc_close(struct pdfdoc *d, uf_err e);

#endif
