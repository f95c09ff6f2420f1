/* SPDX-License-Identifier: ISC
 * Respondents' answers against a loaded instrument: form_check_answers (types,
 * ranges, required items, show_if), form_item_shown and form_scale_score.
 * Reads struct form only; parsing definitions is lib/form.c's job.
 */
#include <stdarg.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "form.h"
#include "form_internal.h"
#include "item_types.h"
#include "num.h"
#include "utf8.h"

/* ---- show_if ----------------------------------------------------------- */

/* Whether answer a (to item ref) satisfies condition cd. */
static bool
cond_holds(const struct form_item *ref, const struct form_cond *cd,
    const struct form_answer *a)
{
	size_t k, m;
	long v;

	switch (cd->op) {
	case COND_EQUALS:
	case COND_IN:
		for (k = 0; k < cd->nvalues; k++) {
			if (ref->type == ITEM_SINGLE) {
				if (a->kind == ANSWER_TEXT && a->text != NULL &&
				    strcmp(a->text, cd->values[k]) == 0)
					return true;
			} else if (a->kind == ANSWER_INT &&
			    num_long_canonical(cd->values[k], LONG_MIN, LONG_MAX, &v) &&
			    a->ival == v) {
				return true;
			}
		}
		return false;
	case COND_INCLUDES:
		if (a->kind != ANSWER_CHOICES || a->choices == NULL ||
		    cd->nvalues != 1)
			return false;
		for (m = 0; m < a->nchoices; m++)
			if (a->choices[m] != NULL &&
			    strcmp(a->choices[m], cd->values[0]) == 0)
				return true;
		return false;
	case COND_MIN:
		return a->kind == ANSWER_INT && a->ival >= cd->min;
	case COND_OP__MAX:
		break;
	}
	return false;
}

bool
form_item_shown(const struct form *f, size_t i,
    const struct form_answer *answers)
{
	const struct form_item *it;

	/* Walk the chain of conditions: an item whose condition item is
	 * itself hidden is hidden (its answer cannot count). Conditions
	 * point strictly backwards, so this ends. */
	while (i < f->nitems) {
		it = &f->items[i];
		if (!it->has_cond)
			return true;
		if (it->cond.item >= i)
			return false; /* impossible after form_parse */
		if (!cond_holds(&f->items[it->cond.item], &it->cond,
		        &answers[it->cond.item]))
			return false;
		i = it->cond.item;
	}
	return false;
}

/* ---- answers ----------------------------------------------------------- */

/* One answered, shown item. */
static uf_err
check_value(const struct form_item *it, const struct form_answer *a,
    struct form_error *err)
{
	/* "Vet ej" and "vill inte svara" carry no value: only whether the
	 * item offers them matters. */
	if (a->kind == ANSWER_DONT_KNOW || a->kind == ANSWER_DECLINE) {
		bool dk = a->kind == ANSWER_DONT_KNOW;

		if (!(dk ? it->dont_know : it->decline))
			return form_error_answer(err, it->id, dk ? "answer.dont_know_not_offered" : "answer.decline_not_offered", dk ? "Svarsalternativet \"Vet ej / ej aktuellt\" finns "
			                                                                                                               "inte för den här frågan." :
			                                                                                                               "Svarsalternativet \"Vill inte svara\" finns inte "
			                                                                                                               "för den här frågan.");
		return UF_OK;
	}
	return item_types[it->type].check(it, a, err);
}

uf_err
form_error_answer(struct form_error *err, const char *field, const char *key,
    const char *msg)
{
	form_copy_text(err->field, sizeof err->field, field);
	err->key = key;
	form_copy_text(err->msg, sizeof err->msg, msg);
	return UF_EINVAL;
}

/* Not answered: no answer, or an empty text to a text item. */
static bool
unanswered(const struct form_item *it, const struct form_answer *a)
{
	if (a->kind == ANSWER_NONE)
		return true;
	return it->type == ITEM_TEXT && a->kind == ANSWER_TEXT &&
	    a->text != NULL && a->text[0] == '\0';
}

uf_err
form_check_answers(const struct form *f, int months,
    const struct form_answer *answers, bool complete, struct form_error *err)
{
	const struct form_item *it;
	const struct form_answer *a;
	const char *hidden, *hidden_key;
	size_t i;
	uf_err rc = UF_OK;

	memset(err, 0, sizeof *err);
	if (form_wave_index(f, months) < 0) {
		err->key = "answer.not_this_wave_form";
		form_copy_text(err->msg, sizeof err->msg,
		    "Enkäten används inte vid den här mätningen.");
		rc = UF_EINVAL;
		goto out;
	}
	for (i = 0; i < f->nitems; i++) {
		it = &f->items[i];
		a = &answers[i];
		/* An item the respondent does not see must stay unanswered. */
		if (!form_asked_in_wave(f, it, months)) {
			hidden = "Frågan ställs inte vid den här mätningen.";
			hidden_key = "answer.not_this_wave";
		} else if (!form_item_shown(f, i, answers)) {
			hidden = "Frågan ska inte besvaras eftersom den inte visas.";
			hidden_key = "answer.not_shown";
		} else
			hidden = hidden_key = NULL;
		if (hidden != NULL) {
			if (a->kind != ANSWER_NONE) {
				rc = form_error_answer(err, it->id, hidden_key, hidden);
				goto out;
			}
			continue;
		}
		if (unanswered(it, a)) {
			if (complete && it->required) {
				rc = form_error_answer(err, it->id, "survey.required_missing",
				    "Frågan måste besvaras.");
				goto out;
			}
			continue;
		}
		if ((rc = check_value(it, a, err)) != UF_OK)
			goto out;
	}
out:
	return rc;
}

/* ---- scales ------------------------------------------------------------ */

bool
form_scale_score(const struct form *f, size_t s,
    const struct form_answer *answers, double *score)
{
	const struct form_scale *sc;
	const struct form_item *it;
	const struct form_answer *a;
	double sum = 0;
	size_t k, n = 0;
	long v, lo, hi;

	if (s >= f->nscales)
		return false;
	sc = &f->scales[s];
	for (k = 0; k < sc->nitems; k++) {
		it = &f->items[sc->items[k]];
		a = &answers[sc->items[k]];
		if (a->kind != ANSWER_INT)
			continue; /* missing, dont_know or decline */
		form_item_range(it, &lo, &hi);
		v = a->ival;
		if (v < lo || v > hi)
			continue; /* never stored after form_check_answers */
		if (sc->reverse[k])
			v = lo + hi - v;
		sum += (double)v;
		n++;
	}
	if (n == 0 || n < sc->min_answered)
		return false;
	/* A sum with missing items is prorated (mean times the number of
	 * items) so that scores with and without gaps stay comparable. */
	if (sc->method == SCALE_MEAN)
		*score = sum / (double)n;
	else
		*score = sum / (double)n * (double)sc->nitems;
	return true;
}
