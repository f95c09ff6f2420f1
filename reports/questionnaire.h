/* SPDX-License-Identifier: ISC
 * An instrument version as a printable questionnaire: for paper answers
 * when a tablet cannot be used, and as an appendix (Bilaga) of an ethics
 * application or of a report. Lays out through pdf.h only; knows nothing
 * of the database or of answers.
 */
#ifndef UF_REPORT_QUESTIONNAIRE_H
#define UF_REPORT_QUESTIONNAIRE_H
#include <stddef.h>
#include "err.h"
#include "form.h"
#include "pdf.h"

/* The longest --bilaga label, in bytes. */
#define QUESTIONNAIRE_BILAGA_MAX 60

/* Write f into p from a new page: its title as a chapter heading ("Bilaga 2.
 * title" when bilaga is not NULL), the waves it is used in, its information
 * text and how to answer on paper, then every item in order, numbered from
 * 1, with its options as tick boxes (and "Vet ej / ej aktuellt" and "Vill
 * inte svara" where the item offers them), a * on required items, its hint,
 * the waves it is asked in when not all, and its skip condition in words
 * ("Besvaras bara om fråga 3 är ”Ja”."). Report renderers call this to
 * append an instrument as a Bilaga. Returns pdf's sticky error. */
uf_err questionnaire_write(struct pdf *p, const struct form *f, const char *bilaga);

/* A PDF of f alone at path (no title page or contents; every page numbered
 * with the instrument's id and version). On failure err says why. */
uf_err questionnaire_pdf(const struct form *f, const char *bilaga,
    const char *font_dir, const char *path, char *err, size_t errlen);

#endif
