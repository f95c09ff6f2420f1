/* SPDX-License-Identifier: ISC
 * What audio-build speaks for one item: the grid's shared question, the
 * question, its help and its answer choices, one sentence each, in the
 * language and variant asked for. The texts come from the instrument and
 * its translations through lib/form.h's text API (the same texts, with the
 * same fallbacks, as the page shows); nothing here runs a program.
 */
#include "config.h"

#include <string.h>

#include "audio.h"
#include "buf.h"
#include "form.h"
#include "lang.h"
#include "utf8.h"

/* Add s as one sentence: a full stop after it unless it already ends in
 * punctuation, so the voice pauses between the parts. */
static uf_err
sentence(struct buf *b, const char *s)
{
	size_t n;
	uf_err e;

	if (!s || !*s)
		return UF_OK;
	n = strlen(s);
	if ((e = buf_adds(b, s)) != UF_OK)
		return e;
	if (!strchr(".?!:;", s[n - 1]) && !(n >= 3 && strcmp(s + n - 3, "…") == 0) &&
	    (e = buf_adds(b, ".")) != UF_OK)
		return e;
	return buf_adds(b, "\n");
}

/* A fixed label (likert5 step, "vet ej", "vill inte svara") in lang from
 * the UI strings (forms/ui/<tag>.json, loaded by the command). Without
 * them only Swedish has its labels: another language speaks none rather
 * than Swedish words in its own voice. */
static const char *
fixed_label(const char *lang, const char *key, const char *sv)
{
	const struct lang *l = lang_get(lang && *lang ? lang : FORM_SOURCE_LANG);

	if (l)
		return ui_str(l, key);
	return !lang || !*lang || strcmp(lang, FORM_SOURCE_LANG) == 0 ? sv : NULL;
}

static const char *const likert_keys[5] = { "item.likert_1", "item.likert_2",
	"item.likert_3", "item.likert_4", "item.likert_5" };

uf_err
audio_item_text(const struct form *f, size_t i, const char *lang, bool easy,
    struct buf *out)
{
	const struct form_item *it = &f->items[i];
	uf_err e = UF_OK;

	buf_reset(out);
	if (it->grid)
		CK(sentence(out, form_grid_text(f, it->grid - 1, lang, easy)));
	CK(sentence(out, form_item_text(f, i, lang, easy)));
	CK(sentence(out, form_item_help(f, i, lang, easy)));
	/* The choices, as the page lists them; no default: a new type is a
	 * compile error here until it says what is spoken for it. */
	switch (it->type) {
	case ITEM_LIKERT5:
		for (int v = 1; v <= 5; v++)
			CK(sentence(out, fixed_label(lang, likert_keys[v - 1], form_likert_label(v))));
		break;
	case ITEM_SINGLE:
	case ITEM_MULTI:
		for (size_t k = 0; k < it->noptions; k++)
			CK(sentence(out, form_option_text(f, i, k, lang, easy)));
		break;
	case ITEM_VAS:
		CK(buf_printf(out, "0: "));
		CK(sentence(out, form_item_min_label(f, i, lang, easy)));
		CK(buf_printf(out, "100: "));
		CK(sentence(out, form_item_max_label(f, i, lang, easy)));
		break;
	case ITEM_TEXT:
	case ITEM_INTEGER:
	case ITEM_DATE:
	case ITEM_NUMBER:
		break;
	case ITEM_TYPE__MAX:
		break;
	}
	if (it->dont_know)
		CK(sentence(out, fixed_label(lang, "item.dont_know", form_dont_know_label())));
	if (it->decline)
		CK(sentence(out, fixed_label(lang, "item.decline", form_decline_label())));
	if (utf8_chars(buf_str(out), out->len) > AUDIO_TEXT_MAX_CHARS)
		e = UF_ELIMIT;
out:
	return e;
}
