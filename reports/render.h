/* SPDX-License-Identifier: ISC
 * Turning a loaded model into a report: the two report kinds and the pieces
 * they share (number formatting in Swedish, likert tables and charts, the
 * table counter that also writes --csv files). No SQL, no libharu here.
 */
#ifndef UF_REPORT_RENDER_H
#define UF_REPORT_RENDER_H
#include <stdbool.h>
#include <stddef.h>
#include "disclosure.h"
#include "err.h"
#include "model.h"
#include "pdf.h"
#include "stats.h"
#include "table.h"

struct render_opts {
	const char *out_path;
	const char *csv_dir; /* NULL: no CSV */
	const char *font_dir;
	const char *today;           /* YYYY-MM-DD, printed on the title page */
	long min_category;           /* the category rule's threshold */
	bool progress;               /* report progress on stderr */
	bool draft;                  /* "UTKAST" across every page */
	const struct model *compare; /* slutrapport --compare: study B, or NULL */
	const char *contact;         /* --contact; NULL: the ui text's default */
};

struct render_ctx {
	const struct model *m;
	const struct render_opts *o;
	struct pdf *pdf;
	struct disclosure *disc; /* what may be printed, decided up front */
	char disc_note[600];     /* likert_disclosure_note() */
	int ntables, nfigures;
};

uf_err render_delrapport(const struct model *m, const struct render_opts *o,
    char *msg, size_t msglen);
uf_err render_slutrapport(const struct model *m, const struct render_opts *o,
    char *msg, size_t msglen);

/* ---- the qualitative analysis and authored text (render_qual.c) ----
 * Each prints nothing when the model has no qualitative part (m->qual). */
uf_err qual_front(struct render_ctx *c); /* Bakgrund, Syfte */
/* Inside Metod: Urval, Datainsamling, Dataanalys with the table of
 * example meaning units. */
uf_err qual_method(struct render_ctx *c);
/* Etiska överväganden, then Beskrivning av projektet. */
uf_err qual_ethics(struct render_ctx *c);
/* Resultat: per kategori its subkategorier, counts, quotes and the
 * evaluators' reflection; the slutrapport first shows the change over
 * waves. */
uf_err qual_results(struct render_ctx *c);
/* Diskussion, Referenser, Bilagor (questionnaires and information). */
uf_err qual_back(struct render_ctx *c);
/* Bilaga `number`: the information and consent. */
uf_err qual_info_bilaga(struct render_ctx *c, int number);

/* ---- shared (render_common.c) ---- */

/* "3,4" with `dec` decimals and a decimal comma, rounded half away from
 * zero (stats_round); "–" for NAN. */
void fmt_dec(double v, int dec, char *out, size_t n);
/* Whole percent of part in whole, half away from zero (12,5 -> 13); "–"
 * when whole is 0. */
void fmt_pct(long part, long whole, char *out, size_t n);
/* "0,003", "< 0,001"; "–" for NAN. */
void fmt_p(double p, char *out, size_t n);
/* "färre än 5 svar" for the model's min_cell. */
void fmt_fewer(const struct model *m, char *out, size_t n);

/* New table numbered "Tabell N. caption"; CSV file tabell_NN. NULL on ENOMEM. */
struct table *ctx_table(struct render_ctx *c, const char *caption);
/* Print *tp (and write its CSV); it is freed and *tp is NULL afterwards,
 * also on failure. */
uf_err ctx_emit(struct render_ctx *c, struct table **tp);
/* ctx_emit with note added under the table when it has rows; a table
 * without rows is dropped. *tp is freed and NULL afterwards. */
uf_err ctx_emit_rows(struct render_ctx *c, struct table **tp, size_t rows,
    const char *note);
/* A paragraph of the text fmt makes; UF_ELIMIT when it would be longer
 * than 4000 bytes (a paragraph is never cut or left out quietly). */
uf_err ctx_paragraphf(struct render_ctx *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The columns of a likert distribution after the first: n, the five
 * answers (cat_weight each), Vet ej, Vill ej, Md and M (m_weight). */
uf_err likert_cols(struct table *t, double cat_weight, double m_weight);
/* "Figur N. caption" into out. */
void ctx_figure(struct render_ctx *c, const char *caption, char *out, size_t n);

/* The shared start and end of both reports. */
uf_err ctx_open(struct render_ctx *c, const struct model *m,
    const struct render_opts *o, const char *subtitle, const char *const *lines,
    size_t nlines, char *msg, size_t msglen);
uf_err ctx_close(struct render_ctx *c, const char *footer, char *msg, size_t msglen);
/* After a failed layout: "layout failed: ..." into msg unless it already
 * says why, and the document freed. */
void ctx_abort(struct render_ctx *c, char *msg, size_t msglen);

/* Summary (n, median, mean, 95 % CI) of a scale's scores. UF_ENOMEM. */
uf_err score_summary(const struct score_set *ss, struct stats_summary *out);
/* The cells n, Md (md_dec decimals), M and 95 % KI of a scale's scores in
 * row r, from column col on. */
uf_err score_cells(struct table *t, size_t r, size_t col,
    const struct score_set *ss, int md_dec);

/* The distribution cells of a likert row as the disclosure plan allows,
 * from column col: n, the five shares, Vet ej and Vill ej; the bar gets the same
 * (hidden with a note unless the row is shown in full). Whether Md, M and
 * a confidence interval may be printed goes to *stats. */
uf_err likert_cells(const struct render_ctx *c, struct table *t, size_t r,
    size_t col, const struct item_counts *ic, const struct disc_item *di,
    struct pdf_divbar_row *dr, bool *stats);
/* Whether any of the bars is shown (not hidden by the disclosure plan). */
bool divbars_any(const struct pdf_divbar_row *rows, size_t n);
/* Metod's account of the disclosure control, both reports: what is hidden,
 * merged or masked, and why. A heading and paragraphs. */
uf_err disclosure_method(struct render_ctx *c);
/* The note under a table with likert rows: what "(1–2)", "·" and "1–2" mean. */
const char *likert_disclosure_note(const struct render_ctx *c);

/* Likert share of answers 4-5 among valid answers, in percent. */
double agree_pct(const struct item_counts *ic);
/* The favourable share: answers 4-5, or 1-2 for a reversed item. */
double favourable_pct(const struct item_counts *ic, bool reversed);

/* Printed after a negatively worded item's text in tables. */
#define REVERSED_MARK "(omvänd)"
/* Cell (r, col) of t: a statement's text, with REVERSED_MARK after it when
 * the item is negatively worded. */
uf_err statement_cell(struct table *t, size_t r, size_t col, const char *text,
    bool reversed);
/* qsort order of tests by effect size |r|, largest first. */
int cmp_effect_desc(const struct stats_test *a, const struct stats_test *b);
/* Metod: which items are negatively worded and how they are reversed
 * (nothing when no group asked in the report has one). */
uf_err reversed_paragraph(struct render_ctx *c);
/* Metod: how figures are rounded. */
uf_err rounding_paragraph(struct render_ctx *c);
void progress(const struct render_ctx *c, const char *what);

extern const char *const LIKERT_SHORT[5]; /* "Inte alls" ... "Helt" */
extern const char *const LIKERT_LONG[5];  /* "Stämmer inte alls" ... */

#endif
