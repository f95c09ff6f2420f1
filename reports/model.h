/* SPDX-License-Identifier: ISC
 * What a report is made of, loaded from the database once: the study, its
 * waves, one instrument definition per group, answer counts per wave x group
 * x item x value, participation per report label, free-text quotes (capped),
 * value pairs for paired tests and scale scores. Renderers read it and never
 * touch the database. Everything here is owned by the model (model_free).
 */
#ifndef UF_REPORT_MODEL_H
#define UF_REPORT_MODEL_H
#include <stdbool.h>
#include <stddef.h>
#include "db.h"
#include "err.h"
#include "form.h"
#include "privacy.h"

#define MODEL_MAX_WAVES  FORM_MAX_WAVES
#define MODEL_MAX_LABELS 16
#define MODEL_MAX_THEMES (FORM_MAX_THEMES * GROUP__MAX)
/* Scale numbers: the instrument's own scales, then one pseudo scale per
 * theme (mean of the theme's likert items asked in every wave) for the
 * slutrapport's trend charts. */
#define MODEL_MAX_SCALES      (FORM_MAX_SCALES + FORM_MAX_THEMES)
#define MODEL_QUOTES_PER_ITEM 12

struct model_wave {
	long long id;
	int months;
	char opens[16], closes[16];
	bool closed;
};

struct item_counts {
	long v[FORM_MAX_OPTIONS]; /* likert: v[0..4] = answers 1..5; single/
	                               multi: per option index */
	long dont_know;           /* "Vet ej / ej aktuellt" */
	long declined;            /* "Vill inte svara"; neither is in n */
	long n;                   /* answers with a value (likert/single);
	                                responses answering (multi) */
};

struct participation {
	long invited, answered, declined;
};

struct quote {
	int wave; /* model wave index */
	enum respondent_group grp;
	size_t item;
	char *text;                   /* de-gendered and scrubbed of unit names */
	char lang[FORM_LANG_MAX + 1]; /* the language the respondent answered
	                                   in (response.lang); "sv" mostly */
	bool easy;                    /* easy-to-read was on (response.easy) */
};

struct pair_table {   /* one likert item of one group */
	bool wanted;  /* asked in two or more waves */
	int w1, w2;   /* model wave indexes compared */
	long c[5][5]; /* c[v1-1][v2-1] participants */
	long npairs;
};

struct score {
	long long participant;
	double value;
};

struct score_set { /* one scale, group and wave */
	struct score *s;
	size_t n, cap;
};

struct model_scale {
	char *id; /* scale id, or theme id for a theme scale */
	char *name;
	bool theme;         /* a pseudo scale over a theme */
	size_t theme_index; /* for theme scales: index in the form */
	size_t nitems;
};

struct model_group {
	bool present;      /* has an instrument in some wave */
	struct form *form; /* latest version used, or the union of all */
	/* when the waves used several versions: "version 1 vid 12 och 24
	 * månader, version 2 vid 36 månader"; else empty */
	char versions[256];
	unsigned wave_mask; /* bit w: asked in model wave w */
	struct model_scale scales[MODEL_MAX_SCALES];
	size_t nscales;
	/* scores[scale][wave] */
	struct score_set scores[MODEL_MAX_SCALES][MODEL_MAX_WAVES];
	struct pair_table *pairs; /* [form->nitems] */
};

struct model_theme {    /* union of the instruments' themes */
	const char *id; /* borrowed from a form */
	const char *sv;
};

struct model {
	long long study_id;
	char study_id_text[24];
	char *slug, *name, *start_date;
	bool synthetic;
	struct model_wave waves[MODEL_MAX_WAVES];
	size_t nwaves;
	int focus; /* delrapport: the wave; -1 for all */
	long min_cell;
	struct model_group groups[GROUP__MAX];
	struct model_theme themes[MODEL_MAX_THEMES];
	size_t nthemes;
	/* counts[(w * GROUP__MAX + g) * FORM_MAX_ITEMS + item] */
	struct item_counts *counts;
	char *labels[MODEL_MAX_LABELS];
	char *label_huvudman[MODEL_MAX_LABELS];
	size_t nlabels;
	struct participation part[MODEL_MAX_WAVES][GROUP__MAX][MODEL_MAX_LABELS];
	struct quote *quotes;
	size_t nquotes, capquotes;
	/* free-text answers in total (before the cap) per wave, group, item */
	long *text_total; /* same layout as counts */
	char **unit_names;
	size_t nunit_names;
	struct privacy_mask mask;      /* words masked in quotes */
	struct model_numeric *numeric; /* vas/number/integer values (numeric.h) */
	struct model_qual *qual;       /* coding and authored text (qual.h), or NULL */
	struct model_lang *langs;      /* respondents' languages (model_lang.h) */
};

/* What to load. */
struct model_opts {
	const char *slug; /* NULL: the only study */
	int months;       /* delrapport wave; 0 for all waves */
	long min_cell;
	bool scores; /* load scale scores */
	bool pairs;  /* load value pairs for paired tests */
	bool quotes; /* load free text */
	bool timing; /* print each phase's time on stderr */
	bool qual;   /* load the coding and authored text */
};

/* Why a load failed, for the CLI's message. */
enum model_fail {
	MODEL_FAIL_NONE,
	MODEL_FAIL_NO_STUDY,     /* the database has no study */
	MODEL_FAIL_MANY_STUDIES, /* several and no --study */
	MODEL_FAIL_UNKNOWN_STUDY,
	MODEL_FAIL_UNKNOWN_WAVE,
	MODEL_FAIL_BAD_DEFINITION, /* a stored instrument does not parse */
	MODEL_FAIL_DB,
};

/* Load; on failure *why and msg (a Swedish/English sentence for the CLI,
 * e.g. the list of studies or waves) say what went wrong. */
uf_err model_load(struct db *db, const struct model_opts *o,
    struct model **out, enum model_fail *why, char *msg, size_t msglen);
void model_free(struct model *m); /* NULL-safe */

/* Counts of item i of group g in model wave w; never NULL. */
const struct item_counts *model_counts(const struct model *m, size_t w,
    enum respondent_group g, size_t i);
/* The same, to count into (model_counts.c). */
struct item_counts *model_counts_at(struct model *m, size_t w,
    enum respondent_group g, size_t i);
/* Submitted responses of group g in wave w (all labels). */
long model_respondents(const struct model *m, size_t w, enum respondent_group g);
long model_invited(const struct model *m, size_t w, enum respondent_group g);
long model_declined(const struct model *m, size_t w, enum respondent_group g);
/* Whether group g was asked in wave w. */
bool model_asked(const struct model *m, size_t w, enum respondent_group g);
/* Whether item i of group g was asked in wave w. */
bool model_item_asked(const struct model *m, size_t w, enum respondent_group g,
    size_t i);
/* raw with unit names, their words, ward numbers and the study's own names
 * masked and pronouns de-gendered (privacy.h): the one cleaning every
 * printed quote goes through. *out is the caller's (free). UF_ENOMEM. */
uf_err model_clean_text(const struct model *m, const char *raw, char **out);
/* Model wave index of `months`, or -1. */
int model_wave_index(const struct model *m, int months);

#endif
