/* SPDX-License-Identifier: ISC
 * The values the information text's placeholders ({questions} {minutes}
 * {wave} {months} {contact}) take for a group's instrument in a wave, and
 * the filling itself: one home for the survey program's information page
 * and the report's Bilaga that prints the same text.
 */
#ifndef UF_INFO_VARS_H
#define UF_INFO_VARS_H
#include <stddef.h>

#include "err.h"

struct arena;
struct buf;
struct form;
struct lang;

struct info_vars {
	char questions[24], minutes[24], wave[8], months[8];
	const char *contact; /* borrowed */
};

/* Questions asked in this wave (follow-ups included) and the minutes they
 * take, rounded up, at least 2 (item_types' seconds: 20 s per closed
 * question, 30 s per several-answer question, 60 s per free-text
 * question). For the information page ("20 frågor, ungefär 8 minuter"). */
size_t info_survey_minutes(const struct form *f, int months, size_t *questions);

/* The ordinal of the wave at months: 1 up to 12, 2 up to 24, else 3. */
int info_wave_number(int months);

/* The placeholders' values for f at months; contact borrowed. */
void info_vars_set(struct info_vars *v, const struct form *f, int months,
    const char *contact);

/* The contact text: the study's (collect.conf `contact`, the report's
 * --contact) or, when NULL, l's default (ui "info.contact_default"). */
const char *info_contact(const struct lang *l, const char *contact);

/* text with its placeholders filled from v, appended to b. */
uf_err info_vars_fill_buf(struct buf *b, const char *text, const struct info_vars *v);

/* text with its placeholders filled from v: an arena string, NULL only
 * when out of memory. */
const char *info_vars_fill(struct arena *a, const char *text, const struct info_vars *v);

#endif
