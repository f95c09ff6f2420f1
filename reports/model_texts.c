/* SPDX-License-Identifier: ISC
 * The sample of free-text answers (model_texts.h): kept in order of the
 * sampling key as the pass offers them, at most MODEL_QUOTES_PER_ITEM per
 * cell, so memory does not grow with the answers. Reads no database.
 */
#include <stdlib.h>
#include <string.h>

#include "model_texts.h"

uf_err
text_sample_init(struct text_sample *t)
{
	t->cell = calloc(TEXT_SAMPLE_CELLS, sizeof *t->cell);
	return t->cell != NULL ? UF_OK : UF_ENOMEM;
}

void
text_sample_free(struct text_sample *t)
{
	if (t->cell == NULL)
		return;
	for (size_t c = 0; c < TEXT_SAMPLE_CELLS; c++) {
		if (t->cell[c] == NULL)
			continue;
		for (size_t k = 0; k < t->cell[c]->n; k++)
			free(t->cell[c]->pick[k].text);
		free(t->cell[c]);
	}
	free(t->cell);
	t->cell = NULL;
}

static bool
blank(const char *s)
{
	return s[strspn(s, " ")] == '\0';
}

uf_err
text_sample_add(struct text_sample *t, size_t cell, const char *text,
    const char *key, const char *lang, bool easy)
{
	struct text_cell *c;
	size_t at;

	if (blank(text))
		return UF_OK;
	if (key == NULL || strlen(key) != TEXT_KEY_LEN || cell >= TEXT_SAMPLE_CELLS)
		return UF_EFORMAT;
	if ((c = t->cell[cell]) == NULL) {
		if ((c = calloc(1, sizeof *c)) == NULL)
			return UF_ENOMEM;
		t->cell[cell] = c;
	}
	c->total++;
	/* where it goes among the picks, smallest key first */
	for (at = c->n; at > 0 && strcmp(c->pick[at - 1].key, key) > 0; at--)
		;
	if (at == MODEL_QUOTES_PER_ITEM)
		return UF_OK;
	char *copy = strdup(text);
	if (copy == NULL)
		return UF_ENOMEM;
	if (c->n == MODEL_QUOTES_PER_ITEM)
		free(c->pick[--c->n].text); /* the largest key drops out */
	memmove(&c->pick[at + 1], &c->pick[at], (c->n - at) * sizeof c->pick[0]);
	struct text_pick *p = &c->pick[at];
	memcpy(p->key, key, TEXT_KEY_LEN + 1);
	p->text = copy;
	/* a tag the database checked (migration 0021); a longer one is cut */
	size_t ln = strlen(lang);
	if (ln > FORM_LANG_MAX)
		ln = FORM_LANG_MAX;
	memcpy(p->lang, lang, ln);
	p->lang[ln] = '\0';
	p->easy = easy;
	c->n++;
	return UF_OK;
}
