/* SPDX-License-Identifier: ISC
 * The union of an instrument's versions, built on the JSON and then loaded
 * by form_parse, so the result is checked like any stored instrument.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "form_union.h"

#define WAVES_MAX 32

struct waves {
	int m[WAVES_MAX];
	size_t n;
};

/* Add the months of a JSON array to w, kept sorted and without repeats. */
static void
waves_add(struct waves *w, const cJSON *arr)
{
	const cJSON *e;

	cJSON_ArrayForEach(e, arr)
	{
		int v = e->valueint;
		size_t i = 0, j;
		if (!cJSON_IsNumber(e))
			continue;
		while (i < w->n && w->m[i] < v)
			i++;
		if ((i < w->n && w->m[i] == v) || w->n == WAVES_MAX)
			continue;
		for (j = w->n; j > i; j--)
			w->m[j] = w->m[j - 1];
		w->m[i] = v;
		w->n++;
	}
}

static void
waves_add_ints(struct waves *w, const int *m, size_t n)
{
	cJSON *a = cJSON_CreateIntArray(m, (int)n);

	if (a != NULL)
		waves_add(w, a);
	cJSON_Delete(a);
}

static bool
waves_has(const struct waves *w, int m)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->m[i] == m)
			return true;
	return false;
}

static cJSON *
waves_json(const struct waves *w)
{
	return cJSON_CreateIntArray(w->m, (int)w->n);
}

static const cJSON *
member(const cJSON *o, const char *k)
{
	return cJSON_GetObjectItemCaseSensitive(o, k);
}

static const char *
id_of(const cJSON *o)
{
	const cJSON *id = member(o, "id");
	return cJSON_IsString(id) ? id->valuestring : "";
}

/* The element of array arr with this "id", or NULL. */
static cJSON *
by_id(const cJSON *arr, const char *id)
{
	cJSON *e;

	cJSON_ArrayForEach(e, arr) if (strcmp(id_of(e), id) == 0) return e;
	return NULL;
}

/* The waves item `id` was asked in: over the versions that have it, the
 * waves that used the version, where the item's own "waves" allow. */
static void
item_waves(cJSON *const *roots, const struct form_use *uses, size_t n,
    const char *id, struct waves *w)
{
	size_t v, i;

	memset(w, 0, sizeof(*w));
	for (v = 0; v < n; v++) {
		const cJSON *it = by_id(member(roots[v], "items"), id);
		struct waves own;
		if (it == NULL)
			continue;
		memset(&own, 0, sizeof(own));
		waves_add(&own, member(it, "waves") != NULL ? member(it, "waves") : member(roots[v], "waves"));
		for (i = 0; i < uses[v].nmonths; i++)
			if (waves_has(&own, uses[v].months[i]))
				waves_add_ints(w, &uses[v].months[i], 1);
	}
}

/* Replace (or add) key k of object o with value v; false on failure. */
static bool
set(cJSON *o, const char *k, cJSON *v)
{
	bool ok;

	if (v == NULL)
		return false;
	ok = member(o, k) != NULL ? cJSON_ReplaceItemInObjectCaseSensitive(o, k, v) :
	                            cJSON_AddItemToObject(o, k, v);
	if (!ok)
		cJSON_Delete(v);
	return ok;
}

/* Where an item of theme goes in items: after the theme's last item, or at
 * the end (-1). */
static int
slot_after_theme(const cJSON *items, const char *theme)
{
	const cJSON *e;
	int i = 0, last = -1;

	cJSON_ArrayForEach(e, items)
	{
		const cJSON *t = member(e, "theme");
		if (cJSON_IsString(t) && strcmp(t->valuestring, theme) == 0)
			last = i;
		i++;
	}
	return last < 0 || last + 1 >= i ? -1 : last + 1;
}

/* Put item into arr at index slot (-1: at the end); true when arr owns it.
 * By moving the tail out and back: cJSON_InsertItemInArray of the cJSON
 * 1.7.15 that Debian ships refuses arrays made by the parser. */
static bool
insert_at(cJSON *arr, int slot, cJSON *item)
{
	cJSON *tail, *x;

	if (slot < 0)
		return cJSON_AddItemToArray(arr, item);
	if ((tail = cJSON_CreateArray()) == NULL)
		return false;
	/* Adding a detached item to an array cannot fail (both non-NULL). */
	while (cJSON_GetArraySize(arr) > slot &&
	    (x = cJSON_DetachItemFromArray(arr, slot)) != NULL)
		(void)cJSON_AddItemToArray(tail, x);
	(void)cJSON_AddItemToArray(arr, item);
	while ((x = cJSON_DetachItemFromArray(tail, 0)) != NULL)
		(void)cJSON_AddItemToArray(arr, x);
	cJSON_Delete(tail);
	return true;
}

/* Items of the older versions that the union lacks, newest first. */
static bool
add_older_items(cJSON *u, cJSON *const *roots, const struct form_use *uses,
    size_t n)
{
	cJSON *items = cJSON_GetObjectItemCaseSensitive(u, "items");
	cJSON *themes = cJSON_GetObjectItemCaseSensitive(u, "themes");
	size_t v;

	if (!cJSON_IsArray(items) || !cJSON_IsArray(themes))
		return false;
	for (v = n - 1; v-- > 0;) {
		const cJSON *it;
		cJSON_ArrayForEach(it, member(roots[v], "items"))
		{
			const char *id = id_of(it), *theme;
			const cJSON *t = member(it, "theme");
			struct waves w;
			cJSON *copy;
			int slot;
			if (by_id(items, id) != NULL || !cJSON_IsString(t))
				continue;
			item_waves(roots, uses, n, id, &w);
			if (w.n == 0)
				continue; /* never asked in this study */
			theme = t->valuestring;
			if (by_id(themes, theme) == NULL) {
				cJSON *th = by_id(member(roots[v], "themes"), theme);
				if (th == NULL || (th = cJSON_Duplicate(th, 1)) == NULL)
					return false;
				if (!cJSON_AddItemToArray(themes, th)) {
					cJSON_Delete(th);
					return false;
				}
			}
			if ((copy = cJSON_Duplicate(it, 1)) == NULL)
				return false;
			/* Its condition may name items the union orders
			 * differently; the answers already say who saw it. */
			cJSON_DeleteItemFromObjectCaseSensitive(copy, "show_if");
			slot = slot_after_theme(items, theme);
			if (!set(copy, "waves", waves_json(&w)) ||
			    !insert_at(items, slot, copy)) {
				cJSON_Delete(copy);
				return false;
			}
		}
	}
	return true;
}

uf_err
form_union(const struct form_use *uses, size_t n, const char *name,
    struct form **out, struct form_error *err)
{
	cJSON *roots[FORM_UNION_MAX] = { NULL };
	cJSON *u = NULL, *it;
	struct waves all;
	char *text = NULL;
	size_t v;
	uf_err e = UF_EINVAL;

	*out = NULL;
	memset(err, 0, sizeof(*err));
	memset(&all, 0, sizeof(all));
	if (n == 0 || n > FORM_UNION_MAX)
		return UF_ELIMIT;
	for (v = 0; v < n; v++) {
		roots[v] = cJSON_Parse(uses[v].def);
		if (roots[v] == NULL || !cJSON_IsArray(member(roots[v], "items")) ||
		    !cJSON_IsArray(member(roots[v], "waves")))
			goto out;
		waves_add_ints(&all, uses[v].months, uses[v].nmonths);
	}
	e = UF_ENOMEM;
	if ((u = cJSON_Duplicate(roots[n - 1], 1)) == NULL ||
	    !set(u, "waves", waves_json(&all)))
		goto out;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(u, "items"))
	{
		struct waves w;
		item_waves(roots, uses, n, id_of(it), &w);
		/* An item of the newest version that no used wave asked keeps
		 * its place (a scale may name it) but claims every wave. */
		if (w.n == 0)
			cJSON_DeleteItemFromObjectCaseSensitive(it, "waves");
		else if (!set(it, "waves", waves_json(&w)))
			goto out;
	}
	if (!add_older_items(u, roots, uses, n) || (text = cJSON_PrintUnformatted(u)) == NULL)
		goto out;
	e = form_parse(text, strlen(text), name, out, err);
out:
	free(text);
	cJSON_Delete(u);
	for (v = 0; v < n; v++)
		cJSON_Delete(roots[v]);
	return e;
}
