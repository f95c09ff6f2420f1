/* SPDX-License-Identifier: ISC
 * The information text's placeholder values and their filling (info_vars.h);
 * the texts themselves are lib/lang.c's, the counting rule per item type
 * is item_types.c's.
 */
#include <stdio.h>

#include "buf.h"
#include "form.h"
#include "info_vars.h"
#include "item_types.h"
#include "lang.h"

size_t
info_survey_minutes(const struct form *f, int months, size_t *questions)
{
	size_t seconds = 0, n = 0;
	for (size_t i = 0; i < f->nitems; i++) {
		if (!form_asked_in_wave(f, &f->items[i], months))
			continue;
		n++;
		seconds += item_types[f->items[i].type].seconds;
	}
	*questions = n;
	seconds = (seconds + 59) / 60;
	return seconds < 2 ? 2 : seconds;
}

int
info_wave_number(int months)
{
	return months <= 12 ? 1 : months <= 24 ? 2 :
	                                         3;
}

void
info_vars_set(struct info_vars *v, const struct form *f, int months,
    const char *contact)
{
	size_t questions, minutes = info_survey_minutes(f, months, &questions);
	/* the buffers hold any size_t and int: no truncation */
	(void)snprintf(v->questions, sizeof v->questions, "%zu", questions);
	(void)snprintf(v->minutes, sizeof v->minutes, "%zu", minutes);
	(void)snprintf(v->wave, sizeof v->wave, "%d", info_wave_number(months));
	(void)snprintf(v->months, sizeof v->months, "%d", months);
	v->contact = contact;
}

const char *
info_vars_fill(struct arena *a, const char *text, const struct info_vars *v)
{
	return lang_fill(a, text, "questions", v->questions, "minutes", v->minutes,
	    "wave", v->wave, "months", v->months, "contact", v->contact, NULL);
}

const char *
info_contact(const struct lang *l, const char *contact)
{
	return contact ? contact : ui_str(l, "info.contact_default");
}

uf_err
info_vars_fill_buf(struct buf *b, const char *text, const struct info_vars *v)
{
	return lang_fill_buf(b, text, "questions", v->questions, "minutes", v->minutes, "wave",
	    v->wave, "months", v->months, "contact", v->contact, NULL);
}
