/* SPDX-License-Identifier: ISC
 * The delrapport's sample of free-text answers, drawn during the pass over
 * the answers (model_answers.c): per wave, group and item the count of
 * non-blank answers and the MODEL_QUOTES_PER_ITEM with the smallest
 * sampling key (md5 of the text and the response id: stable and
 * pseudo-random). Holds raw text: model_load cleans it into quotes.
 */
#ifndef UF_REPORT_MODEL_TEXTS_H
#define UF_REPORT_MODEL_TEXTS_H
#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "form.h"
#include "model.h"

#define TEXT_KEY_LEN 32 /* md5 in hex */

struct text_pick {
	char key[TEXT_KEY_LEN + 1];
	char *text;
	char lang[FORM_LANG_MAX + 1];
	bool easy;
};

struct text_cell {
	long total; /* non-blank answers */
	size_t n;   /* picks, smallest key first */
	struct text_pick pick[MODEL_QUOTES_PER_ITEM];
};

/* cell[(w * GROUP__MAX + g) * FORM_MAX_ITEMS + item], NULL where none */
struct text_sample {
	struct text_cell **cell;
};

#define TEXT_SAMPLE_CELLS ((size_t)MODEL_MAX_WAVES * GROUP__MAX * FORM_MAX_ITEMS)

uf_err text_sample_init(struct text_sample *t); /* UF_ENOMEM */
void text_sample_free(struct text_sample *t);   /* safe after a failed init */

/* Count answer `text` (its key `key`, NULL when the pass had none) in cell
 * `cell` and keep it when its key is among the smallest. Blank answers
 * (nothing but spaces, as SQL's btrim sees them) are not counted.
 * UF_ENOMEM; UF_EFORMAT for a key that is not 32 characters. */
uf_err text_sample_add(struct text_sample *t, size_t cell, const char *text,
    const char *key, const char *lang, bool easy);

#endif
