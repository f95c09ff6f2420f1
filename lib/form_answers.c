/* SPDX-License-Identifier: ISC
 * Respondents' answers against a loaded instrument: form_check_answers (types,
 * ranges, required items, show_if), form_item_shown and form_scale_score.
 * Reads struct form only; parsing definitions is lib/form.c's job.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "form.h"
#include "form_internal.h"
#include "utf8.h"

#define DATE_YEAR_MIN      1900
#define DATE_YEAR_MAX      2100

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
			    form_parse_canonical_long(cd->values[k], &v) &&
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
	default:
		return false;
	}
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
			return false;   /* impossible after form_parse */
		if (!cond_holds(&f->items[it->cond.item], &it->cond,
		    &answers[it->cond.item]))
			return false;
		i = it->cond.item;
	}
	return false;
}

/* ---- answers ----------------------------------------------------------- */

static bool
leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* YYYY-MM-DD, a real calendar date. *shape tells a wrongly written date
 * from an impossible one. */
static bool
date_ok(const char *s, bool *shape)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	long y = 0, m = 0, d = 0;
	int i, maxd;

	*shape = false;
	for (i = 0; i < 10; i++) {
		if (s[i] == '\0')
			return false;
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return false;
		} else if (s[i] < '0' || s[i] > '9') {
			return false;
		}
	}
	if (s[10] != '\0')
		return false;
	*shape = true;
	for (i = 0; i < 4; i++)
		y = y * 10 + (s[i] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX || m < 1 || m > 12)
		return false;
	maxd = mdays[m - 1] + (m == 2 && leap(y));
	return d >= 1 && d <= maxd;
}

static uf_err
answer_fail(struct form_error *err, const struct form_item *it,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static uf_err
answer_fail(struct form_error *err, const struct form_item *it,
    const char *fmt, ...)
{
	va_list ap;
	uf_err rc;

	va_start(ap, fmt);
	rc = form_error_vset(err, UF_EINVAL, it->id, fmt, ap);
	va_end(ap);
	return rc;
}

#define MSG_FORM     "Svaret har fel form för den här frågan."
#define MSG_OPTION   "Ogiltigt svarsalternativ."
#define MSG_CHARS    "Svaret innehåller ogiltiga tecken."

/* One answered, shown item. */
static uf_err
check_value(const struct form_item *it, const struct form_answer *a,
    struct form_error *err)
{
	size_t k, m, len;
	bool shape;

	/* "Vet ej" and "vill inte svara" carry no value: only whether the
	 * item offers them matters. */
	if (a->kind == ANSWER_DONT_KNOW || a->kind == ANSWER_DECLINE) {
		bool dk = a->kind == ANSWER_DONT_KNOW;

		if (!(dk ? it->dont_know : it->decline))
			return answer_fail(err, it, "Svarsalternativet \"%s\" "
			    "finns inte för den här frågan.",
			    dk ? form_dont_know_label() : form_decline_label());
		return UF_OK;
	}
	switch (it->type) {
	case ITEM_LIKERT5:
		if (a->kind != ANSWER_INT)
			return answer_fail(err, it, MSG_FORM);
		if (a->ival < 1 || a->ival > 5)
			return answer_fail(err, it, MSG_OPTION);
		return UF_OK;
	case ITEM_INTEGER:
		if (a->kind != ANSWER_INT)
			return answer_fail(err, it, MSG_FORM);
		if (a->ival < it->min || a->ival > it->max)
			return answer_fail(err, it, "Svaret måste vara ett heltal "
			    "mellan %ld och %ld.", it->min, it->max);
		return UF_OK;
	case ITEM_SINGLE:
		if (a->kind != ANSWER_TEXT || a->text == NULL)
			return answer_fail(err, it, MSG_FORM);
		if (!form_item_has_option(it, a->text))
			return answer_fail(err, it, MSG_OPTION);
		return UF_OK;
	case ITEM_MULTI:
		if (a->kind != ANSWER_CHOICES ||
		    (a->nchoices > 0 && a->choices == NULL))
			return answer_fail(err, it, MSG_FORM);
		if (a->nchoices == 0)
			return answer_fail(err, it,
			    "Välj minst ett svarsalternativ.");
		if (a->nchoices > it->noptions)
			return answer_fail(err, it, MSG_OPTION);
		for (k = 0; k < a->nchoices; k++) {
			if (a->choices[k] == NULL ||
			    !form_item_has_option(it, a->choices[k]))
				return answer_fail(err, it, MSG_OPTION);
			for (m = 0; m < k; m++)
				if (strcmp(a->choices[m], a->choices[k]) == 0)
					return answer_fail(err, it, "Samma "
					    "svarsalternativ är valt mer än "
					    "en gång.");
		}
		return UF_OK;
	case ITEM_TEXT:
		if (a->kind != ANSWER_TEXT || a->text == NULL)
			return answer_fail(err, it, MSG_FORM);
		len = strlen(a->text);
		if (!utf8_text_ok(a->text, len))
			return answer_fail(err, it, MSG_CHARS);
		if (utf8_chars(a->text, len) > (size_t)it->max_length)
			return answer_fail(err, it, "Svaret är för långt (högst "
			    "%d tecken).", it->max_length);
		return UF_OK;
	case ITEM_DATE:
		if (a->kind != ANSWER_TEXT || a->text == NULL)
			return answer_fail(err, it, MSG_FORM);
		if (!date_ok(a->text, &shape))
			return answer_fail(err, it, shape ? "Ogiltigt datum." :
			    "Skriv datumet som ÅÅÅÅ-MM-DD.");
		return UF_OK;
	default:
		return answer_fail(err, it, MSG_FORM);
	}
}

uf_err
form_error_answer(struct form_error *err, const char *field, const char *msg)
{
	form_copy_text(err->field, sizeof err->field, field);
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
	const char *hidden;
	size_t i;
	uf_err rc = UF_OK;

	memset(err, 0, sizeof *err);
	if (form_wave_index(f, months) < 0) {
		form_copy_text(err->msg, sizeof err->msg,
		    "Enkäten används inte vid den här mätningen.");
		rc = UF_EINVAL;
		goto out;
	}
	for (i = 0; i < f->nitems; i++) {
		it = &f->items[i];
		a = &answers[i];
		/* An item the respondent does not see must stay unanswered. */
		if (!form_asked_in_wave(f, it, months))
			hidden = "Frågan ställs inte vid den här mätningen.";
		else if (!form_item_shown(f, i, answers))
			hidden = "Frågan ska inte besvaras eftersom den inte visas.";
		else
			hidden = NULL;
		if (hidden != NULL) {
			if (a->kind != ANSWER_NONE) {
				rc = answer_fail(err, it, "%s", hidden);
				goto out;
			}
			continue;
		}
		if (unanswered(it, a)) {
			if (complete && it->required) {
				rc = answer_fail(err, it, "Frågan måste besvaras.");
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
			continue;   /* missing, dont_know or decline */
		form_item_range(it, &lo, &hi);
		v = a->ival;
		if (v < lo || v > hi)
			continue;   /* never stored after form_check_answers */
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
