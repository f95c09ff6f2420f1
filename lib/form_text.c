/* SPDX-License-Identifier: ISC
 * The texts a respondent sees, in their language and variant: lookups over
 * an instrument and its attached translations with the fallbacks of
 * lib/form.h (easy -> plain, language -> Swedish, "en-GB" -> "en"). Reads
 * only; parsing translations is lib/form_translation.c's job.
 */
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "form_internal.h"

/* The translatable texts of an instrument, named for one resolver. */
enum tr_kind {
	TR_TITLE,
	TR_INTRO,
	TR_THEME,     /* i: theme */
	TR_ITEM_TEXT, /* i: item */
	TR_ITEM_HELP,
	TR_MIN_LABEL,
	TR_MAX_LABEL,
	TR_UNIT,
	TR_OPTION,    /* i: item, j: option */
	TR_GRID_TEXT, /* i: grid */
	TR_GRID_HELP,
	TR_KIND__MAX
};

/* The Swedish source text (NULL where the instrument has none). An index out
 * of range is a programmer error. */
static const char *
sv_text(const struct form *f, enum tr_kind k, size_t i, size_t j)
{
	const struct form_item *it = NULL;

	switch (k) {
	case TR_TITLE:
		return f->title_sv;
	case TR_INTRO:
		return f->intro_sv;
	case TR_THEME:
		if (i >= f->nthemes)
			abort();
		return f->themes[i].sv;
	case TR_GRID_TEXT:
	case TR_GRID_HELP:
		if (i >= f->ngrids)
			abort();
		return k == TR_GRID_TEXT ? f->grids[i].sv : f->grids[i].help_sv;
	case TR_ITEM_TEXT:
	case TR_ITEM_HELP:
	case TR_MIN_LABEL:
	case TR_MAX_LABEL:
	case TR_UNIT:
	case TR_OPTION:
	case TR_KIND__MAX:
		break;
	}
	if (k == TR_KIND__MAX || i >= f->nitems)
		abort();
	it = &f->items[i];
	switch (k) {
	case TR_ITEM_TEXT:
		return it->sv;
	case TR_ITEM_HELP:
		return it->help_sv;
	case TR_MIN_LABEL:
		return it->min_label;
	case TR_MAX_LABEL:
		return it->max_label;
	case TR_UNIT:
		return it->unit;
	case TR_OPTION:
		if (j >= it->noptions)
			abort();
		return it->options[j].sv;
	case TR_TITLE:
	case TR_INTRO:
	case TR_THEME:
	case TR_GRID_TEXT:
	case TR_GRID_HELP:
	case TR_KIND__MAX:
		break;
	}
	abort();
}

/* The same text's slot in translation t (indexes checked by sv_text). */
static const struct tr_text *
slot(const struct form_translation *t, enum tr_kind k, size_t i, size_t j)
{
	switch (k) {
	case TR_TITLE:
		return &t->title;
	case TR_INTRO:
		return &t->intro;
	case TR_THEME:
		return &t->themes[i];
	case TR_ITEM_TEXT:
		return &t->items[i].text;
	case TR_ITEM_HELP:
		return &t->items[i].help;
	case TR_MIN_LABEL:
		return &t->items[i].min_label;
	case TR_MAX_LABEL:
		return &t->items[i].max_label;
	case TR_UNIT:
		return &t->items[i].unit;
	case TR_OPTION:
		return &t->items[i].options[j];
	case TR_GRID_TEXT:
		return &t->grids[i].text;
	case TR_GRID_HELP:
		return &t->grids[i].help;
	case TR_KIND__MAX:
		break;
	}
	abort();
}

static const struct form_translation *
exact(const struct form *f, const char *tag)
{
	for (size_t i = 0; i < f->ntranslations; i++)
		if (strcmp(f->translations[i]->lang, tag) == 0)
			return f->translations[i];
	return NULL;
}

/* The translation lang resolves to: the tag itself, else the tag cut at
 * its last "-" part, and so on. NULL when none (or lang is empty). */
static const struct form_translation *
find(const struct form *f, const char *lang)
{
	char tag[FORM_LANG_MAX + 1];
	const struct form_translation *t;
	char *dash;
	size_t len;

	if (lang == NULL || (len = strlen(lang)) == 0 || len > FORM_LANG_MAX)
		return NULL;
	memcpy(tag, lang, len + 1);
	for (;;) {
		if ((t = exact(f, tag)) != NULL)
			return t;
		if ((dash = strrchr(tag, '-')) == NULL)
			return NULL;
		*dash = '\0';
	}
}

static bool
is_source(const struct form_translation *t)
{
	return strcmp(t->lang, FORM_SOURCE_LANG) == 0;
}

static const char *
resolve(const struct form *f, const char *lang, bool easy, enum tr_kind k,
    size_t i, size_t j)
{
	const char *sv = sv_text(f, k, i, j);
	const struct form_translation *t;
	const struct tr_text *s;

	if (sv == NULL)
		return NULL; /* nothing to show in any language */
	t = find(f, lang);
	if (t != NULL && !is_source(t)) {
		s = slot(t, k, i, j);
		if (easy && s->easy != NULL)
			return s->easy;
		if (s->plain != NULL)
			return s->plain;
		/* A stored translation is complete; a partial one (built by
		 * hand in a test) falls through to Swedish. */
	}
	if (easy && (t = exact(f, FORM_SOURCE_LANG)) != NULL &&
	    (s = slot(t, k, i, j))->easy != NULL)
		return s->easy;
	return sv;
}

const char *
form_title(const struct form *f, const char *lang, bool easy)
{
	return resolve(f, lang, easy, TR_TITLE, 0, 0);
}

const char *
form_intro(const struct form *f, const char *lang, bool easy)
{
	return resolve(f, lang, easy, TR_INTRO, 0, 0);
}

const char *
form_theme_text(const struct form *f, size_t theme, const char *lang, bool easy)
{
	return resolve(f, lang, easy, TR_THEME, theme, 0);
}

const char *
form_item_text(const struct form *f, size_t item, const char *lang, bool easy)
{
	return resolve(f, lang, easy, TR_ITEM_TEXT, item, 0);
}

const char *
form_item_help(const struct form *f, size_t item, const char *lang, bool easy)
{
	return resolve(f, lang, easy, TR_ITEM_HELP, item, 0);
}

const char *
form_option_text(const struct form *f, size_t item, size_t option,
    const char *lang, bool easy)
{
	return resolve(f, lang, easy, TR_OPTION, item, option);
}

const char *
form_item_min_label(const struct form *f, size_t item, const char *lang,
    bool easy)
{
	return resolve(f, lang, easy, TR_MIN_LABEL, item, 0);
}

const char *
form_item_max_label(const struct form *f, size_t item, const char *lang,
    bool easy)
{
	return resolve(f, lang, easy, TR_MAX_LABEL, item, 0);
}

const char *
form_item_unit(const struct form *f, size_t item, const char *lang, bool easy)
{
	return resolve(f, lang, easy, TR_UNIT, item, 0);
}

const char *
form_grid_text(const struct form *f, size_t grid, const char *lang, bool easy)
{
	return resolve(f, lang, easy, TR_GRID_TEXT, grid, 0);
}

const char *
form_grid_help(const struct form *f, size_t grid, const char *lang, bool easy)
{
	return resolve(f, lang, easy, TR_GRID_HELP, grid, 0);
}

bool
form_has_lang(const struct form *f, const char *lang)
{
	const struct form_translation *t;

	if (lang == NULL || strcmp(lang, FORM_SOURCE_LANG) == 0)
		return true;
	t = find(f, lang);
	return t != NULL && !is_source(t);
}

bool
form_has_easy(const struct form *f, const char *lang)
{
	const struct form_translation *t = find(f, lang);

	if (t == NULL || is_source(t))
		t = exact(f, FORM_SOURCE_LANG);
	return t != NULL && t->has_easy;
}

size_t
form_lang_count(const struct form *f)
{
	return 1 + f->ntranslations - (exact(f, FORM_SOURCE_LANG) != NULL);
}

const char *
form_lang_at(const struct form *f, size_t i)
{
	size_t k = 0;

	if (i == 0)
		return FORM_SOURCE_LANG;
	for (size_t n = 0; n < f->ntranslations; n++) {
		if (is_source(f->translations[n]))
			continue;
		if (++k == i)
			return f->translations[n]->lang;
	}
	return NULL;
}

bool
form_lang_machine_assisted(const struct form *f, const char *lang)
{
	const struct form_translation *t = find(f, lang);

	return t != NULL && !is_source(t) && t->machine_assisted;
}
