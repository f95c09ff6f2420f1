/* SPDX-License-Identifier: ISC
 * The respondents' languages and easy-to-read choice (migration 0021) as the
 * reports see them: per wave and group how many answered in each language
 * and with easy-to-read on, and per response which it was, so that scale
 * scores can be split by language. Loaded once (model_lang.c) into the
 * model; the instruments' stored translations are attached to the report's
 * forms so quotes can say when the respondent saw an easy-to-read question.
 */
#ifndef UF_REPORT_MODEL_LANG_H
#define UF_REPORT_MODEL_LANG_H
#include <stdbool.h>
#include <stddef.h>
#include "db.h"
#include "err.h"
#include "model.h"

#define LANG_TALLY_MAX 64 /* languages counted per wave and group */

/* Distinct respondents of one wave and group who answered in tag. */
struct lang_tally {
	char tag[FORM_LANG_MAX + 1];
	long n;
};

/* One wave and group: submitted responses (one per participant). */
struct lang_cell {
	struct lang_tally t[LANG_TALLY_MAX]; /* Swedish first, then by tag */
	size_t nt;
	long easy;  /* easy-to-read on */
	long total; /* all of them: the sum of t[].n */
};

/* One response: whose, and how it was answered. */
struct lang_resp {
	long long participant;
	bool other; /* a language other than Swedish */
	bool easy;
};

struct model_lang {
	struct lang_cell cell[MODEL_MAX_WAVES][GROUP__MAX];
	/* per wave and group, ordered by participant */
	struct lang_resp *resp[MODEL_MAX_WAVES][GROUP__MAX];
	size_t nresp[MODEL_MAX_WAVES][GROUP__MAX];
};

/* Add the language of participant pid's submitted response in model wave
 * w, group g (tag, easy-to-read on): the pass over the answers
 * (model_answers.c) reads the responses, ordered by participant, and
 * gives each of a wave that is not a test wave here. UF_ENOMEM, UF_ELIMIT
 * past LANG_TALLY_MAX languages in one wave and group. */
uf_err model_lang_add(struct model_lang *l, size_t w, enum respondent_group g,
    long long pid, const char *tag, bool easy);
/* Attach the stored translations of each group's report instrument to it
 * (a translation that does not fit the report's instrument, e.g. a union
 * of versions, is left out: its quotes then carry no easy-to-read mark).
 * UF_ENOMEM, database errors. */
uf_err model_lang_load(struct db *db, struct model *m);
void model_lang_free(struct model_lang *l); /* NULL-safe */

/* The response of participant p in wave w, group g; NULL when none. */
const struct lang_resp *model_lang_find(const struct model_lang *l, size_t w,
    enum respondent_group g, long long p);

#endif
