/* SPDX-License-Identifier: ISC
 * Exports for analysis and a participant's access request. Analysis
 * exports: answers in long or wide form as CSV (two dialects, lib/csv.h),
 * the codebook, SPSS .sav and Stata .dta (wide, with labels and missing
 * values, through libreadstat) and an R script that reads the wide CSV.
 * Output goes through a writer callback so the CLI writes a file and the
 * web admin a response. Every export is logged in the audit log (counts,
 * filters and whether free text was in it, never content). Only submitted
 * responses are exported; free text only when asked for.
 */
#ifndef UF_MANAGE_EXPORT_H
#define UF_MANAGE_EXPORT_H
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "csv.h"
#include "db.h"
#include "err.h"
#include "form.h"
#include "study.h"

#define EXPORT_DONT_KNOW "dont_know" /* answer_value() of "vet ej / ej aktuellt" */
#define EXPORT_DECLINED  "declined"  /* ... of "vill inte svara" (0012) */

enum export_format {
	EXPORT_LONG,     /* CSV, one row per answer */
	EXPORT_WIDE,     /* CSV, one row per response */
	EXPORT_CODEBOOK, /* CSV, one row per wide column */
	EXPORT_SAV,      /* SPSS, wide */
	EXPORT_DTA,      /* Stata 14+ (dta 118), wide */
	EXPORT_R,        /* an R script reading the wide CSV (rfc4180) */
	EXPORT__MAX
};

bool export_format_parse(const char *s, enum export_format *f);
const char *export_format_name(enum export_format f);

/* Which responses and columns an export holds. */
struct export_filter {
	int months;                  /* 0: every wave */
	enum respondent_group group; /* GROUP__MAX: every group */
	const char *unit_kind;       /* NULL: every kind; else a unit_kinds() value */
	bool free_text;              /* text items too (health data: audited) */
};

struct export_opts {
	enum export_format format;
	enum csv_dialect dialect; /* CSV formats */
	struct export_filter filter;
};

/* Defaults: wide, rfc4180, everything but free text. */
void export_opts_init(struct export_opts *o);

/* Whether s is one of the schema's unit kinds (unit_kinds()). Pure. */
bool export_unit_kind_ok(const char *s);

/* Check a filter's values (the wave exists in the study; the unit kind is
 * one of the schema's). UF_EINVAL / UF_ENOTFOUND with err set ("wave",
 * "unit_kind"). Pure apart from the wave lookup. */
uf_err export_filter_check(struct db *db, const char *study,
    const struct export_filter *f, struct manage_error *err);

/* Where exported bytes go; return UF_EIO (or any error) to stop. */
typedef uf_err (*export_write)(void *ctx, const char *p, size_t n);

/* Write the export of study (slug, NULL for the only one) as o says.
 * *rows (may be NULL) = data rows written (answers for long, responses for
 * wide, sav and dta, columns for the codebook and the R script). Logged as
 * export.<format> with the filters. */
uf_err export_run(struct db *db, const char *study, const struct export_opts *o,
    const char *actor, export_write w, void *ctx, long long *rows,
    struct manage_error *err);

/* Number of rows the long export of study has without filters (free text
 * left out), for the export page and tests. */
uf_err export_long_count(struct db *db, const char *study, long long *n,
    struct manage_error *err);

/* A participant's access request: their panel id, group, unit label and,
 * per wave, consent, status and every answer with its question text and
 * a readable value, as one JSON object appended to out. Logged as
 * export.access (no panel id in the log). */
uf_err export_access(struct db *db, long long participant, const char *actor,
    struct buf *out, struct manage_error *err);

#endif
