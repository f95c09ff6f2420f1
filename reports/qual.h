/* SPDX-License-Identifier: ISC
 * The qualitative analysis and the evaluators' own text as a report reads
 * them: kategorier and subkategorier with meaning units and distinct
 * respondents per wave and group, a few cleaned example quotes, the latest
 * version of each authored section and reflection, and the facts
 * Etiska överväganden is written from. Loaded once (model_qual.c) into the
 * model; render_qual.c prints it. Everything is owned by the model.
 */
#ifndef UF_REPORT_QUAL_H
#define UF_REPORT_QUAL_H
#include <stdbool.h>
#include <stddef.h>
#include "db.h"
#include "err.h"
#include "form.h"

struct model;

#define QUAL_MAX_CODES       1000 /* kategorier and subkategorier read */
#define QUAL_QUOTES_PER_CELL 2    /* example quotes per code, wave, group */

/* The authored sections, in the order of the database's report_section
 * (schema/0020); the reflection per kategori is kept with the kategori. */
enum qual_section {
	QS_BAKGRUND,
	QS_SYFTE,
	QS_BESKRIVNING,
	QS_URVAL,
	QS_DATAINSAMLING,
	QS_DATAANALYS,
	QS_ETIK,
	QS_RESULTATDISKUSSION,
	QS_METODDISKUSSION,
	QS_REFERENSER,
	QS__MAX
};

struct qual_cell {
	long units;       /* meaning units */
	long respondents; /* distinct respondents behind them */
};

struct qual_code { /* a kategori (level 1) or subkategori */
	long long id;
	int level;
	size_t kategori; /* subkategori: index of its kategori */
	char *name;
	char *reflection; /* kategori: the evaluators' text, or NULL */
	/* [wave][group]; a kategori's cells count all its units */
	struct qual_cell cell[FORM_MAX_WAVES][GROUP__MAX];
	/* kategori only: units coded on the kategori itself (no subkategori) */
	struct qual_cell direct[FORM_MAX_WAVES][GROUP__MAX];
	struct qual_cell all[FORM_MAX_WAVES]; /* every group */
};

struct qual_quote {
	size_t code; /* subkategori, or the kategori (direct) */
	int wave;    /* model wave index */
	enum respondent_group grp;
	char *text; /* masked and de-gendered (model_clean_text) */
};

/* Consents given to one language version of a group's information in a
 * wave (consent.lang, consent.info_version): the information Bilaga's
 * counts, printed under the min-cell rule. */
struct qual_consent_lang {
	int wave; /* model wave index */
	enum respondent_group grp;
	char lang[36];    /* LANG_TAG_MAX + 1 */
	char version[41]; /* consent.info_version */
	long n;
};

/* A meaning unit an evaluator chose as its subkategori's example for the
 * category table (schema/0026), counted by report_qual_unit's rule. */
struct qual_example {
	size_t code; /* the subkategori */
	int wave;    /* model wave index */
	enum respondent_group grp;
	char *text; /* masked and de-gendered (model_clean_text) */
};

struct model_qual {
	struct qual_code *codes; /* kategorier first, in the order made */
	size_t ncodes;
	struct qual_quote *quotes;
	size_t nquotes, capquotes;
	char *section[QS__MAX]; /* latest version, or NULL */
	/* analysed documents: [wave][group][0 free-text answer, 1 transcript] */
	long docs[FORM_MAX_WAVES][GROUP__MAX][2];
	char consent[FORM_MAX_WAVES][200];       /* "2026-1, 2026-2" per wave */
	struct qual_consent_lang *consent_langs; /* wave, group, lang, version order */
	size_t nconsent_langs;
	struct qual_example *examples; /* by subkategori, first chosen first */
	size_t nexamples;
	bool withdrawals_counted;
	long long withdrawn;
	char withdrawn_since[16];
};

/* Read it all for the model's study: the delrapport's own wave (m->focus)
 * or every wave. UF_ENOMEM, or the database's error. */
uf_err model_qual_load(struct db *db, struct model *m);
void model_qual_free(struct model_qual *q); /* NULL-safe */
/* The evaluators' chosen examples (model_examples.c). */
uf_err model_examples_load(struct db *db, struct model *m, struct model_qual *q,
    const char *months);
/* Index of code id in q->codes; -1 when it is not there. */
long qual_code_index(const struct model_qual *q, long long id);
/* The consents per wave, group, language and version (model_info.c). */
uf_err model_info_load(struct db *db, struct model *m, struct model_qual *q,
    const char *months);

/* The database's name of a section ("bakgrund"); false for the others. */
bool qual_section_parse(const char *id, enum qual_section *out);

#endif
