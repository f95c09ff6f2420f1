/* SPDX-License-Identifier: ISC
 * Answer counts per wave, group, item and value (model.h item_counts),
 * tallied one answer at a time as the pass over the answers reads them
 * (model_answers.c). The rules are the counting query's, which this
 * replaced: which answers count and how a choice, "vet ej" and "vill inte
 * svara" are counted. Reads no database.
 */
#include <string.h>

#include "model_answers.h"

#define CODE_MAX 64 /* option codes are at most 32 characters */

static long
option_index(const struct form_item *it, const char *code)
{
	for (size_t k = 0; k < it->noptions; k++)
		if (strcmp(it->options[k].code, code) == 0)
			return (long)k;
	return -1;
}

/* One value of item it: a likert value 1..5, an option code (code), or
 * code NULL for an answer without a code -- the one row per multi answer
 * that counts the responses answering it, the denominator of its
 * percentages. */
static void
tally(struct item_counts *c, const struct form_item *it, const struct r_answer *a,
    const char *code)
{
	if (it->type == ITEM_LIKERT5) {
		if (!a->has_int || a->value_int < 1 || a->value_int > 5)
			return;
		c->v[a->value_int - 1]++;
		c->n++;
	} else if (it->type == ITEM_SINGLE || it->type == ITEM_MULTI) {
		if (code == NULL) {
			if (it->type == ITEM_MULTI)
				c->n++; /* responses answering */
			return;
		}
		long k = option_index(it, code);
		if (k < 0)
			return;
		c->v[k]++;
		if (it->type == ITEM_SINGLE)
			c->n++;
	} else {
		c->n++;
	}
}

/* Each code of a value_choices array literal ("{a,b,\"null\"}": codes are
 * ^[a-z0-9_]+$, quoted only when they spell NULL), then code NULL. */
static void
tally_choices(struct item_counts *c, const struct form_item *it,
    const struct r_answer *a)
{
	const char *s = a->choices;
	char code[CODE_MAX];

	if (*s == '{')
		s++;
	while (*s != '\0' && *s != '}') {
		size_t n = strcspn(s, ",}");
		const char *t = s;
		size_t tn = n;
		if (tn >= 2 && t[0] == '"' && t[tn - 1] == '"') {
			t++;
			tn -= 2;
		}
		if (tn > 0 && tn < sizeof code) {
			memcpy(code, t, tn);
			code[tn] = '\0';
			tally(c, it, a, code);
		}
		s += n;
		if (*s == ',')
			s++;
	}
	tally(c, it, a, NULL);
}

void
model_counts_add(struct model *m, size_t w, enum respondent_group g, size_t idx,
    enum item_type answered_as, const struct r_answer *a)
{
	const struct form_item *it = &m->groups[g].form->items[idx];
	struct item_counts *c = model_counts_at(m, w, g, idx);
	bool choice = answered_as == ITEM_SINGLE || answered_as == ITEM_MULTI;

	/* items counted: likert, choices and integers, by the type the
	 * answer's own instrument version gave the item */
	if (answered_as != ITEM_LIKERT5 && !choice && answered_as != ITEM_INTEGER)
		return;
	/* text in an item not a choice there: not counted */
	if ((a->text != NULL || a->choices != NULL) && !choice)
		return;
	if (a->dont_know) {
		c->dont_know++;
		return;
	}
	if (a->declined) {
		c->declined++;
		return;
	}
	if (a->choices != NULL)
		tally_choices(c, it, a);
	else
		tally(c, it, a, a->text);
}
