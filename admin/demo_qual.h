/* SPDX-License-Identifier: ISC
 * The demo's qualitative material: interview transcripts and notes tied to
 * panel participants, meaning units with condensations coded into a
 * kategori > subkategori > kod tree, a double-coded set by two demo
 * evaluators, and the evaluators' report text for every delrapport and
 * the slutrapport. The bank (demo_qual_bank.c, demo_qual_text.c) is data;
 * demo_qual.c plans the documents from the seed (deterministic) and
 * stores them through admin/db_admin.h.
 */
#ifndef UF_ADMIN_DEMO_QUAL_H
#define UF_ADMIN_DEMO_QUAL_H
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "demo.h"

/* The themes of the interview guides (Bilaga 1-3). */
enum dq_theme { DQ_PLAN,
	DQ_IMPL,
	DQ_ERF,
	DQ_THEME__MAX };

struct dq_code {
	const char *name;
	int parent; /* index in dq_codes, -1 for a kategori */
};
struct dq_category {
	int code; /* its index in dq_codes */
	enum dq_theme theme;
	int per_doc; /* passages picked per document */
	bool rare;   /* said by fewer respondents than --min-cell */
};
struct dq_passage {
	int code;         /* a kod (level 3) in dq_codes */
	unsigned groups;  /* bit g: respondent_group g may say it */
	const char *text; /* "{enhet}": the interviewee's unit name */
	const char *condensation;
};

extern const struct dq_code dq_codes[];
extern const size_t dq_ncodes;
extern const struct dq_category dq_categories[];
extern const size_t dq_ncategories;
extern const struct dq_passage dq_passages[];
extern const size_t dq_npassages;
extern const char *const dq_questions[DQ_THEME__MAX][2]; /* [staff, patient] */
extern const char *const dq_fillers[];
extern const size_t dq_nfillers;

/* Level (1..3) of code i. */
int dq_code_level(size_t i);

/* Report text: the sections written for a delrapport (months > 0) or the
 * slutrapport (months 0), in report_section order, and a reflection per
 * kategori. *out is the body (appended to b, which the caller resets). */
#define DQ_NSECTIONS 10
extern const char *const dq_section_ids[DQ_NSECTIONS];
uf_err dq_section_text(struct buf *b, size_t section, int months);
uf_err dq_reflection_text(struct buf *b, size_t category, int months);

/* What the generator made, for the summary and the tests. */
struct dq_counts {
	long documents, units_a, units_b, codes[3], sets, set_documents, texts;
};

struct demo_run;
/* Plan and store the material of run (its panel, waves and study stored),
 * inside the caller's transaction. */
uf_err demo_qual_store(struct demo_run *run, struct dq_counts *n);

#endif
