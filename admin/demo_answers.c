/* SPDX-License-Identifier: ISC
 * Synthetic answers for the demo. Each likert item has a level, a trend
 * per wave and a direction (worries and role confusion fall, everything
 * else rises); respondents carry a personal and a unit effect so paired
 * answers correlate. Every drawn set passes form_check_answers.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "item_types.h"

struct demo_item {
	double offset;                   /* level around neutral */
	double slope;                    /* change per wave, >= 0 */
	int sign;                        /* +1 agreeing is good, -1 a worry */
	double weight[FORM_MAX_OPTIONS]; /* single: relative preference */
	double pick[FORM_MAX_OPTIONS];   /* multi: chance of each option */
};

static bool
has(const char *s, const char *part)
{
	return strstr(s, part) != NULL;
}

/* Items where agreeing is bad news: marked "reversed" (forms/README.md; a
 * scale's reverse list marks the item too), or worded as a worry, a
 * conflict or something unclear (by the id's Swedish stem) in instruments
 * that predate the item mark. */
static bool
worry_item(const struct form *f, size_t i)
{
	const char *id = f->items[i].id;

	if (f->items[i].reversed)
		return true;
	if (has(id, "obefogad"))
		return false;
	return has(id, "_oro") || has(id, "oklar") || has(id, "konkurrens") ||
	    has(id, "otillrack");
}

/* Exclusive "none"/"don't know" options of a multi item. */
static bool
exclusive_option(const char *code)
{
	return strcmp(code, "vet_ej") == 0 || strcmp(code, "inget") == 0;
}

uf_err
demo_form_init(struct demo_form *df, const struct form *f, uint64_t seed)
{
	size_t i, k;

	df->f = f;
	df->items = calloc(f->nitems > 0 ? f->nitems : 1, sizeof(*df->items));
	if (df->items == NULL)
		return UF_ENOMEM;
	for (i = 0; i < f->nitems; i++) {
		const struct form_item *it = &f->items[i];
		struct demo_item *m = &df->items[i];
		struct rng r;

		/* Keyed by instrument and item id: a new version keeps the
		 * model of every item it keeps. */
		rng_seed(&r, rng_mix(seed, rng_hash(f->id) ^ (rng_hash(it->id) * 31)));
		m->offset = 0.35 * rng_normal(&r);
		m->sign = worry_item(f, i) ? -1 : 1;
		m->slope = 0.30 + 0.30 * rng_unit(&r);
		/* Role clarity and fears move most. */
		if (m->sign < 0 || has(it->id, "roll") || has(it->id, "farhag"))
			m->slope += 0.20;
		for (k = 0; k < it->noptions; k++) {
			m->weight[k] = 0.2 + rng_unit(&r);
			m->pick[k] = exclusive_option(it->options[k].code) ? 0.0 :
			                                                     0.15 + 0.45 * rng_unit(&r);
		}
	}
	return UF_OK;
}

void
demo_form_free(struct demo_form *df)
{
	if (df == NULL)
		return;
	free(df->items);
	df->items = NULL;
}

static long
draw_likert(struct rng *r, const struct demo_item *m, const struct demo_who *w,
    enum respondent_group g)
{
	double base = g == GROUP_PATIENT ? 3.5 : 3.0;
	double mu;
	long v;

	if (m->sign > 0)
		mu = base + m->offset + w->unit_effect + w->person_effect +
		    m->slope * w->t;
	else
		mu = base + 0.4 + m->offset -
		    0.6 * (w->unit_effect + w->person_effect) - m->slope * w->t;
	v = lround(mu + 0.75 * rng_normal(r));
	return v < 1 ? 1 : v > 5 ? 5 :
	                           v;
}

static size_t
draw_single(struct rng *r, const struct form_item *it, const struct demo_item *m)
{
	double total = 0.0, x;
	size_t k;

	for (k = 0; k < it->noptions; k++)
		total += m->weight[k];
	x = rng_unit(r) * total;
	for (k = 0; k + 1 < it->noptions; k++) {
		if (x < m->weight[k])
			return k;
		x -= m->weight[k];
	}
	return it->noptions - 1;
}

static size_t
draw_multi(struct rng *r, const struct form_item *it, const struct demo_item *m,
    const char **out)
{
	size_t k, n = 0;

	for (k = 0; k < it->noptions; k++)
		if (exclusive_option(it->options[k].code) && rng_chance(r, 0.04)) {
			out[0] = it->options[k].code;
			return 1;
		}
	for (k = 0; k < it->noptions; k++)
		if (rng_chance(r, m->pick[k]))
			out[n++] = it->options[k].code;
	if (n == 0) {
		/* At least one: the first non-exclusive option from a random
		 * start (every item has one; options are 2..30). */
		size_t start = (size_t)rng_range(r, 0, (long)it->noptions - 1);

		for (k = 0; k < it->noptions && n == 0; k++) {
			const char *c = it->options[(start + k) % it->noptions].code;

			if (!exclusive_option(c))
				out[n++] = c;
		}
		if (n == 0)
			out[n++] = it->options[start].code;
	}
	return n;
}

static long
draw_integer(struct rng *r, const struct form_item *it)
{
	long span = it->max - it->min;
	double u = rng_unit(r);

	/* Small ranges: any value; counts and years: mostly small ones. */
	if (span <= 10)
		return rng_range(r, it->min, it->max);
	return it->min + (long)(u * u * 0.5 * (double)span);
}

uf_err
demo_answers_draw(const struct demo_form *df, const struct demo_who *who,
    struct demo_draw *d, struct form_error *err)
{
	const struct form *f = df->f;
	struct rng r;
	size_t i;

	rng_seed(&r, who->seed);
	memset(d->ans, 0, f->nitems * sizeof(d->ans[0]));
	for (i = 0; i < f->nitems; i++) {
		const struct form_item *it = &f->items[i];
		const struct demo_item *m = &df->items[i];
		struct form_answer *a = &d->ans[i];
		double p_answer;

		if (!form_asked_in_wave(f, it, who->months) ||
		    !form_item_shown(f, i, d->ans))
			continue;
		if (it->type == ITEM_TEXT)
			p_answer = it->required       ? 1.0 :
			    f->group == GROUP_PATIENT ? 0.2 :
			                                0.3;
		else
			p_answer = it->required ? 1.0 : 0.93;
		if (!rng_chance(&r, p_answer))
			continue;
		if (it->dont_know && rng_chance(&r, 0.05)) {
			a->kind = ANSWER_DONT_KNOW;
			continue;
		}
		if (it->decline && rng_chance(&r, 0.02)) {
			a->kind = ANSWER_DECLINE;
			continue;
		}
		switch (it->type) {
		case ITEM_LIKERT5:
			a->kind = ANSWER_INT;
			a->ival = draw_likert(&r, m, who, f->group);
			break;
		case ITEM_SINGLE:
			a->kind = ANSWER_TEXT;
			a->text = it->options[draw_single(&r, it, m)].code;
			break;
		case ITEM_MULTI:
			a->kind = ANSWER_CHOICES;
			a->nchoices = draw_multi(&r, it, m, d->choices[i]);
			a->choices = d->choices[i];
			break;
		case ITEM_TEXT:
			a->kind = ANSWER_TEXT;
			a->text = who->lang != NULL ?
			    demo_text_pick_lang(&r, who->lang, it->max_length) :
			    NULL;
			if (a->text == NULL)
				a->text = demo_text_pick(&r, f->group,
				    f->themes[it->theme].id, it->max_length);
			break;
		case ITEM_INTEGER:
		case ITEM_VAS:
			a->kind = ANSWER_INT;
			a->ival = draw_integer(&r, it);
			break;
		case ITEM_NUMBER:
			/* A canonical decimal in [min, max]: value * 10^decimals. */
			a->kind = ANSWER_TEXT;
			item_number_format(it, draw_integer(&r, it), '.',
			    d->numbers[i], sizeof d->numbers[i]);
			a->text = d->numbers[i];
			break;
		case ITEM_DATE:
			a->kind = ANSWER_TEXT;
			date_format(rng_range(&r, who->first_day, who->last_day),
			    d->dates[i]);
			a->text = d->dates[i];
			break;
		case ITEM_TYPE__MAX:
			return UF_EINTERNAL;
		}
	}
	if (form_check_answers(f, who->months, d->ans, true, err) != UF_OK)
		return UF_EINTERNAL;
	return UF_OK;
}
