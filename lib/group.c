/* SPDX-License-Identifier: ISC
 * The one table of respondent group names (group.h). Adding a group: a
 * row here and the enum; the compiler's -Wswitch and the GROUP__MAX-sized
 * tables elsewhere show what else must learn of it.
 */
#include <stdlib.h>
#include <string.h>

#include "group.h"

static const struct group_names groups[GROUP__MAX] = {
	[GROUP_CHEF] = { "chef", "Chef", "Chefer", "Chefer", "chef", 'C' },
	[GROUP_PERSONAL] = { "personal", "Personal", "Personal", "Personal",
	    "personal", 'S' },
	[GROUP_PEER] = { "peer", "Peer supporter", "Peer supporters",
	    "Peer supporters", "peer supporter", 'P' },
	/* Reports head the group as a kind of respondent ("Patient/brukare"),
	 * admin pages count people ("Patienter/brukare"). */
	[GROUP_PATIENT] = { "patient", "Patient/brukare", "Patienter/brukare",
	    "Patient/brukare", "patient/brukare", 'B' },
};

/* What an out-of-range group is called: callers print values read from
 * elsewhere, so the words say "unknown" instead of reading past the table. */
static const struct group_names unknown = { "unknown", "", "Okänd grupp",
	"Okänd grupp", "okänd grupp", '?' };

static const struct group_names *
row(enum respondent_group g)
{
	return (unsigned)g < GROUP__MAX ? &groups[g] : &unknown;
}

const struct group_names *
group_names(enum respondent_group g)
{
	if ((unsigned)g >= GROUP__MAX)
		abort();
	return &groups[g];
}

const char *
group_id(enum respondent_group g)
{
	return row(g)->id;
}
const char *
group_title(enum respondent_group g)
{
	return row(g)->title;
}
const char *
group_plural(enum respondent_group g)
{
	return row(g)->plural;
}
const char *
group_report(enum respondent_group g)
{
	return row(g)->report;
}
const char *
group_noun(enum respondent_group g)
{
	return row(g)->noun;
}

bool
group_parse(const char *s, enum respondent_group *g)
{
	int i;

	for (i = 0; s != NULL && i < GROUP__MAX; i++)
		if (strcmp(groups[i].id, s) == 0) {
			*g = (enum respondent_group)i;
			return true;
		}
	return false;
}

const char *
group_plural_of(const char *s)
{
	enum respondent_group g;

	return group_parse(s, &g) ? groups[g].plural : s;
}
