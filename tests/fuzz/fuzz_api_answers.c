/* SPDX-License-Identifier: ISC
 * Harness: a POST /api/v1/responses body as v_api_response reads it: the
 * JSON parser, then the "answers" object converted (answers_from_api) and
 * validated against the real instrument it names (form_check_answers,
 * forms/<id>.json). What is accepted must obey the instrument's rules, checked
 * here item by item, and survive the database JSON round trip.
 * Input: the raw body. "instrument" picks the form (else one by size),
 * "wave" the wave (else the form's first); without "answers" the whole
 * object is taken as the answers, so mutations reach the validator.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "arena.h"
#include "collect_form.h"
#include "fuzz.h"
#include "item_types.h"
#include "req.h"
#include "utf8.h"

static bool
has_option(const struct form_item *it, const char *code)
{
	for (size_t k = 0; k < it->noptions; k++)
		if (strcmp(it->options[k].code, code) == 0)
			return true;
	return false;
}

/* The instrument's rules for one accepted answer, restated from
 * forms/README.md rather than taken from form_answers.c. */
static void
check_answer(const struct form *f, int months, size_t i,
    const struct form_answer *ans)
{
	const struct form_item *it = &f->items[i];
	const struct form_answer *an = &ans[i];

	if (an->kind == ANSWER_NONE)
		return;
	FUZZ_CHECK(form_asked_in_wave(f, it, months) && form_item_shown(f, i, ans));
	if (an->kind == ANSWER_DONT_KNOW) {
		FUZZ_CHECK(it->dont_know);
		return;
	}
	switch (it->type) {
	case ITEM_LIKERT5:
		FUZZ_CHECK(an->kind == ANSWER_INT && an->ival >= 1 && an->ival <= 5);
		break;
	case ITEM_INTEGER:
	case ITEM_VAS:
		FUZZ_CHECK(an->kind == ANSWER_INT && an->ival >= it->min && an->ival <= it->max);
		break;
	case ITEM_SINGLE:
		FUZZ_CHECK(an->kind == ANSWER_TEXT && has_option(it, an->text));
		break;
	case ITEM_MULTI:
		FUZZ_CHECK(an->kind == ANSWER_CHOICES && an->nchoices >= 1);
		for (size_t k = 0; k < an->nchoices; k++) {
			FUZZ_CHECK(has_option(it, an->choices[k]));
			for (size_t m = 0; m < k; m++)
				FUZZ_CHECK(strcmp(an->choices[m], an->choices[k]) != 0);
		}
		break;
	case ITEM_TEXT: {
		size_t n;
		FUZZ_CHECK(an->kind == ANSWER_TEXT);
		n = strlen(an->text);
		FUZZ_CHECK(utf8_valid(an->text, n) && utf8_chars(an->text, n) <= (size_t)it->max_length);
		for (size_t k = 0; k < n; k++) {
			unsigned char ch = (unsigned char)an->text[k];
			FUZZ_CHECK(ch >= 0x20 || ch == '\t' || ch == '\r' || ch == '\n');
			FUZZ_CHECK(ch != 0x7f);
		}
		break;
	}
	case ITEM_NUMBER: {
		long v;
		FUZZ_CHECK(an->kind == ANSWER_TEXT && item_number_parse(it, an->text, &v) &&
		    v >= it->min && v <= it->max);
		break;
	}
	case ITEM_DATE:
		FUZZ_CHECK(an->kind == ANSWER_TEXT && strlen(an->text) == 10 &&
		    an->text[4] == '-' && an->text[7] == '-');
		break;
	case ITEM_TYPE__MAX:
		FUZZ_CHECK(!"item type out of range");
		break;
	}
}

static void
check_scales(const struct form *f, const struct form_answer *ans)
{
	for (size_t s = 0; s < f->nscales; s++) {
		double score = NAN;
		if (form_scale_score(f, s, ans, &score))
			FUZZ_CHECK(isfinite(score));
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_forms_load();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *body = fuzz_strndup(data, size);
	struct arena *a = arena_new(16u * 1024 * 1024);
	struct req r;
	const cJSON *j, *answers;
	const struct form *f = NULL;
	struct form_answer *ans;
	struct form_error err;
	int months;
	uf_err e;

	FUZZ_CHECK(a != NULL);
	memset(&r, 0, sizeof(r));
	r.arena = a;
	r.body = body;
	r.body_len = size;
	if (req_parse_json(&r, NULL) != UF_OK || !cJSON_IsObject(r.json))
		goto out;

	j = cJSON_GetObjectItemCaseSensitive(r.json, "instrument");
	if (cJSON_IsString(j))
		f = fuzz_form_by_id(j->valuestring);
	if (!f)
		f = fuzz_form(size % fuzz_nforms());
	months = f->waves[0];
	j = cJSON_GetObjectItemCaseSensitive(r.json, "wave");
	if (cJSON_IsNumber(j) && j->valuedouble >= 1 && j->valuedouble <= 120)
		months = (int)j->valuedouble;
	answers = cJSON_GetObjectItemCaseSensitive(r.json, "answers");
	if (!answers)
		answers = r.json;

	ans = answers_new(a, f);
	FUZZ_CHECK(ans != NULL);
	memset(ans, 0, f->nitems * sizeof(*ans));
	memset(&err, 0, sizeof(err));
	e = answers_from_api(a, f, answers, ans, &err);
	FUZZ_CHECK(e == UF_OK || e == UF_EINVAL);
	if (e != UF_OK) {
		fuzz_check_refusal(&err);
		goto out;
	}
	/* A draft check first (types, ranges, conditions), then the whole
	 * response as the API demands it. */
	for (int complete = 0; complete <= 1; complete++) {
		e = form_check_answers(f, months, ans, complete, &err);
		FUZZ_CHECK(e == UF_OK || e == UF_EINVAL);
		if (e != UF_OK) {
			fuzz_check_refusal(&err);
			break;
		}
		for (size_t i = 0; i < f->nitems; i++) {
			check_answer(f, months, i, ans);
			if (complete && f->items[i].required && form_asked_in_wave(f, &f->items[i], months) &&
			    form_item_shown(f, i, ans))
				FUZZ_CHECK(ans[i].kind != ANSWER_NONE);
		}
		check_scales(f, ans);
		fuzz_check_db_round_trip(a, f, ans);
	}
out:
	req_free(&r);
	arena_free(a);
	free(body);
	return 0;
}
