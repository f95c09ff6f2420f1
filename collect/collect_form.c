/* SPDX-License-Identifier: ISC
 * Survey pages and answer conversions for uppfolj-collect: pure functions of
 * an instrument and the request's fields, no database and no locks (the
 * instrument cache is collect_instr.c), so the fuzz harnesses link them alone.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "collect.h"
#include "collect_form.h"
#include "item_types.h"
#include "req.h"

struct form_answer *
answers_new(struct arena *a, const struct form *f)
{
	return arena_alloc(a, (f->nitems ? f->nitems : 1) * sizeof(struct form_answer));
}

static uf_err
set_choices(struct arena *a, const cJSON *arr, struct form_answer *an)
{
	size_t n = (size_t)cJSON_GetArraySize(arr), k = 0;
	const char **v;
	const cJSON *el;
	if (n == 0 || n > FORM_MAX_OPTIONS)
		return UF_EINVAL;
	v = arena_alloc(a, n * sizeof(*v));
	if (!v)
		return UF_ENOMEM;
	cJSON_ArrayForEach(el, arr)
	{
		if (!cJSON_IsString(el))
			return UF_EINVAL;
		v[k++] = el->valuestring;
	}
	an->kind = ANSWER_CHOICES;
	an->choices = v;
	an->nchoices = k;
	return UF_OK;
}

/* The strings point into the cJSON tree, so copy them to the arena. */
static uf_err
copy_choices(struct arena *a, struct form_answer *an)
{
	const char **v = arena_alloc(a, an->nchoices * sizeof(*v));
	if (!v)
		return UF_ENOMEM;
	for (size_t i = 0; i < an->nchoices; i++) {
		v[i] = arena_strdup(a, an->choices[i]);
		if (!v[i])
			return UF_ENOMEM;
	}
	an->choices = v;
	return UF_OK;
}

uf_err
answers_from_db(struct arena *a, const struct form *f, const char *json,
    struct form_answer *ans)
{
	uf_err e = UF_OK;
	cJSON *root = cJSON_Parse(json);
	const cJSON *el;

	if (!root || !cJSON_IsArray(root)) {
		e = UF_EINTERNAL;
		goto out;
	}
	cJSON_ArrayForEach(el, root)
	{
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(el, "i");
		const cJSON *v;
		long idx;
		struct form_answer *an;
		if (!cJSON_IsString(id) || (idx = form_item_index(f, id->valuestring)) < 0) {
			e = UF_EINTERNAL;
			goto out;
		}
		an = &ans[idx];
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(el, "d"))) {
			an->kind = ANSWER_DONT_KNOW;
		} else if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(el, "dc"))) {
			an->kind = ANSWER_DECLINE;
		} else if (cJSON_IsNumber(v = cJSON_GetObjectItemCaseSensitive(el, "n"))) {
			an->kind = ANSWER_INT;
			an->ival = (long)v->valuedouble;
		} else if (cJSON_IsString(v = cJSON_GetObjectItemCaseSensitive(el, "t")) ||
		    cJSON_IsString(v = cJSON_GetObjectItemCaseSensitive(el, "dt"))) {
			an->kind = ANSWER_TEXT;
			an->text = arena_strdup(a, v->valuestring);
			if (!an->text) {
				e = UF_ENOMEM;
				goto out;
			}
		} else if (cJSON_IsArray(v = cJSON_GetObjectItemCaseSensitive(el, "c"))) {
			if ((e = set_choices(a, v, an)) != UF_OK ||
			    (e = copy_choices(a, an)) != UF_OK)
				goto out;
		} else {
			e = UF_EINTERNAL;
			goto out;
		}
	}
out:
	cJSON_Delete(root);
	return e;
}

uf_err
answers_to_db(struct buf *b, const struct form *f, const struct form_answer *ans)
{
	uf_err e = buf_adds(b, "[");
	bool first = true;

	for (size_t i = 0; e == UF_OK && i < f->nitems; i++) {
		const struct form_answer *an = &ans[i];
		if (an->kind == ANSWER_NONE)
			continue;
		e = buf_adds(b, first ? "{\"i\":" : ",{\"i\":");
		first = false;
		if (e == UF_OK)
			e = buf_add_json_str(b, f->items[i].id);
		if (e != UF_OK)
			break;
		switch (an->kind) {
		case ANSWER_DONT_KNOW:
			e = buf_adds(b, ",\"d\":true}");
			break;
		case ANSWER_DECLINE:
			e = buf_adds(b, ",\"dc\":true}");
			break;
		case ANSWER_INT:
			e = buf_printf(b, ",\"n\":%ld}", an->ival);
			break;
		case ANSWER_TEXT:
			e = buf_adds(b, item_types[f->items[i].type].storage == STORAGE_DATE ? ",\"dt\":" : ",\"t\":");
			if (e == UF_OK)
				e = buf_add_json_str(b, an->text);
			if (e == UF_OK)
				e = buf_adds(b, "}");
			break;
		case ANSWER_CHOICES:
			e = buf_adds(b, ",\"c\":[");
			for (size_t k = 0; e == UF_OK && k < an->nchoices; k++) {
				if (k)
					e = buf_adds(b, ",");
				if (e == UF_OK)
					e = buf_add_json_str(b, an->choices[k]);
			}
			if (e == UF_OK)
				e = buf_adds(b, "]}");
			break;
		case ANSWER_NONE:
		case ANSWER_KIND__MAX:
			break;
		}
	}
	if (e == UF_OK)
		e = buf_adds(b, "]");
	return e;
}

uf_err
answers_from_api(struct arena *a, const struct form *f, const cJSON *obj,
    struct form_answer *ans, struct form_error *err)
{
	const cJSON *el;

	if (!cJSON_IsObject(obj))
		return form_error_answer(err, "answers", "Svaren ska vara ett JSON-objekt.");
	cJSON_ArrayForEach(el, obj)
	{
		long idx = form_item_index(f, el->string);
		const struct form_item *it;
		struct form_answer *an;
		uf_err e;
		if (idx < 0)
			return form_error_answer(err, el->string, "Okänd fråga.");
		it = &f->items[idx];
		an = &ans[idx];
		if (cJSON_IsNull(el))
			continue;
		if (cJSON_IsObject(el)) {
			const cJSON *dk = cJSON_GetObjectItemCaseSensitive(el, "dont_know");
			const cJSON *dc = cJSON_GetObjectItemCaseSensitive(el, "decline");
			if (cJSON_GetArraySize(el) != 1 || !(cJSON_IsTrue(dk) || cJSON_IsTrue(dc)))
				return form_error_answer(err, it->id, "Fel typ av svar: ett objekt "
				                                      "måste vara {\"dont_know\": true} eller {\"decline\": true}.");
			an->kind = dk ? ANSWER_DONT_KNOW : ANSWER_DECLINE;
			continue;
		}
		if ((e = item_types[it->type].from_json(a, it, el, an, err)) != UF_OK)
			return e;
	}
	return UF_OK;
}

static bool
in_list(const size_t *v, size_t n, size_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

/* Values posted under name, without empty ones. */
static size_t
posted_values(const struct req *r, const char *name, const char **out,
    size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nform; i++) {
		if (strcmp(r->form[i].key, name) != 0)
			continue;
		const char *v = r->form[i].val;
		if (v[strspn(v, " \t\r\n")] == '\0')
			continue; /* empty input: not answered */
		if (n < max)
			out[n] = v;
		n++;
	}
	return n;
}

uf_err
answers_from_post(struct arena *a, const struct form *f, const struct req *r,
    const size_t *items, size_t n, struct form_answer *ans, struct form_error *err)
{
	const char *vals[FORM_MAX_OPTIONS + 2];
	uf_err e;

	/* Every field must be ours: an item of this page, csrf or action. */
	for (size_t i = 0; i < r->nform; i++) {
		const char *k = r->form[i].key;
		long idx;
		if (strcmp(k, "csrf") == 0 || strcmp(k, "action") == 0)
			continue;
		idx = form_item_index(f, k);
		if (idx < 0 || !in_list(items, n, (size_t)idx))
			return form_error_answer(err, k, "Okänd fråga på den här sidan.");
	}
	for (size_t j = 0; j < n; j++) {
		const struct form_item *it = &f->items[items[j]];
		struct form_answer *an = &ans[items[j]];
		size_t nv = posted_values(r, it->id, vals, sizeof(vals) / sizeof(vals[0]));

		memset(an, 0, sizeof(*an));
		if (nv == 0)
			continue;
		if (nv > FORM_MAX_OPTIONS)
			return form_error_answer(err, it->id, "För många val.");
		if (nv == 1 && strcmp(vals[0], COLLECT_DK_VALUE) == 0) {
			an->kind = ANSWER_DONT_KNOW;
			continue;
		}
		if (nv == 1 && strcmp(vals[0], COLLECT_DECLINE_VALUE) == 0) {
			an->kind = ANSWER_DECLINE;
			continue;
		}
		if ((e = item_types[it->type].from_post(a, it, vals, nv, an, err)) != UF_OK)
			return e;
	}
	return UF_OK;
}

static bool
item_shown(const struct form *f, int months, size_t i,
    const struct form_answer *ans)
{
	return form_asked_in_wave(f, &f->items[i], months) && form_item_shown(f, i, ans);
}

void
answers_drop_hidden(const struct form *f, int months, struct form_answer *ans,
    const size_t *keep, size_t nkeep)
{
	/* In order: a condition names an earlier item, which is settled first. */
	for (size_t i = 0; i < f->nitems; i++) {
		if (ans[i].kind == ANSWER_NONE || in_list(keep, nkeep, i))
			continue;
		if (!item_shown(f, months, i, ans))
			memset(&ans[i], 0, sizeof(ans[i]));
	}
}

/* Page numbers: one_per_page counts asked items, theme_per_page counts
 * themes with at least one asked item. */
size_t
pages_count(const struct form *f, int months)
{
	size_t n = 0;
	if (f->one_per_page) {
		for (size_t i = 0; i < f->nitems; i++)
			if (form_asked_in_wave(f, &f->items[i], months))
				n++;
		return n;
	}
	for (size_t t = 0; t < f->nthemes; t++) {
		for (size_t i = 0; i < f->nitems; i++) {
			if (f->items[i].theme == t && form_asked_in_wave(f, &f->items[i], months)) {
				n++;
				break;
			}
		}
	}
	return n;
}

void
page_items(const struct form *f, int months, size_t p, size_t *items, size_t *n)
{
	size_t k = 0;
	*n = 0;
	if (p == 0)
		return;
	if (f->one_per_page) {
		for (size_t i = 0; i < f->nitems; i++) {
			if (!form_asked_in_wave(f, &f->items[i], months))
				continue;
			if (++k == p) {
				items[0] = i;
				*n = 1;
				return;
			}
		}
		return;
	}
	for (size_t t = 0; t < f->nthemes; t++) {
		size_t m = 0;
		for (size_t i = 0; i < f->nitems; i++)
			if (f->items[i].theme == t && form_asked_in_wave(f, &f->items[i], months))
				items[m++] = i;
		if (m && ++k == p) {
			*n = m;
			return;
		}
	}
}

bool
page_visible(const struct form *f, int months, size_t p, const struct form_answer *ans)
{
	size_t items[FORM_MAX_ITEMS], n;
	page_items(f, months, p, items, &n);
	for (size_t j = 0; j < n; j++)
		if (item_shown(f, months, items[j], ans))
			return true;
	return false;
}

size_t
page_next(const struct form *f, int months, size_t p, const struct form_answer *ans)
{
	size_t total = pages_count(f, months);
	for (size_t q = p + 1; q <= total; q++)
		if (page_visible(f, months, q, ans))
			return q;
	return 0;
}

size_t
page_prev(const struct form *f, int months, size_t p, const struct form_answer *ans)
{
	for (size_t q = p; q-- > 1;)
		if (page_visible(f, months, q, ans))
			return q;
	return 0;
}

size_t
page_first_open(const struct form *f, int months, const struct form_answer *ans)
{
	size_t total = pages_count(f, months);
	size_t items[FORM_MAX_ITEMS], n;
	for (size_t p = 1; p <= total; p++) {
		page_items(f, months, p, items, &n);
		for (size_t j = 0; j < n; j++)
			if (item_shown(f, months, items[j], ans) &&
			    ans[items[j]].kind == ANSWER_NONE)
				return p;
	}
	return 0;
}
