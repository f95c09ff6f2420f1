/* SPDX-License-Identifier: ISC
 * The qualitative coding pages (h_qual*.c): their handlers and the few
 * page pieces they share (code <option>s, unit kind names, redirects).
 */
#ifndef UF_ADMINWEB_AW_QUAL_H
#define UF_ADMINWEB_AW_QUAL_H
#include "aw.h"
#include "db_qual.h"
#include "html.h"

uf_err h_qual(struct web_ctx *c); /* h_qual.c: documents, sets, upload */
uf_err h_qual_upload(struct web_ctx *c);
uf_err h_qual_set_add(struct web_ctx *c);
uf_err h_qual_export(struct web_ctx *c); /* the study as a .qdpx download */
uf_err h_qual_doc(struct web_ctx *c);    /* h_qual_doc.c: code one document */
uf_err h_qual_unit_add(struct web_ctx *c);
uf_err h_qual_unit_remove(struct web_ctx *c);
uf_err h_qual_js(struct web_ctx *c);
uf_err h_qual_codes(struct web_ctx *c); /* h_qual_codes.c: the tree */
uf_err h_qual_code_change(struct web_ctx *c);
uf_err h_qual_code(struct web_ctx *c); /* every unit under a code */
uf_err h_qual_set(struct web_ctx *c);  /* h_qual_set.c: agreement, reconcile */
uf_err h_qual_set_done(struct web_ctx *c);
uf_err h_qual_text(struct web_ctx *c); /* h_qual_report.c: report text */
uf_err h_qual_text_save(struct web_ctx *c);

/* h_qual_examples.c: the category table's examples. */
struct qex_rows;
uf_err h_qual_example(struct web_ctx *c); /* POST: choose or drop one */
/* The study's chosen examples (qual_examples.h), for the cells below. */
uf_err aw_qual_examples_load(struct web_ctx *c, long long study, struct qex_rows *out);
/* A paragraph above a table of units: what the examples column means. */
void aw_qual_examples_intro(struct hw *w, const struct web_ctx *c);
/* The cell of unit: "Valt exempel" and, for evaluators, a button that
 * chooses or drops it (only a unit coded under a subkategori can be
 * chosen); the form returns to back_code's page. */
void aw_qual_example_cell(struct hw *w, const struct web_ctx *c, const struct qex_rows *ex,
    long long unit, bool coded_under_sub, long long back_code);

/* <option>s of the codes (tree paths) up to max_level, sel selected. */
void aw_qual_code_options(struct hw *w, const struct q_codes *codes, const char *sel,
    int max_level);
/* A meaning unit's code path, "(ingen kod)" when it has none. */
const char *aw_qual_code_path(const struct q_unit *u);
/* Swedish name of a unit kind ("–" for none). */
const char *aw_qual_kind_label(const char *kind);
/* Redirect to path, id and rest ("/admin/kodning/text/", 7, "?klart=1"). */
uf_err aw_qual_redirect(struct web_ctx *c, const char *path, long long id,
    const char *rest);

#endif
