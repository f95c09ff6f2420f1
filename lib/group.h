/* SPDX-License-Identifier: ISC
 * The respondent groups and every name the product gives them: the id in
 * instruments, the database and URLs, and the Swedish words of pages, code
 * sheets, messages and reports. The one table of group names; pure, no I/O.
 */
#ifndef UF_GROUP_H
#define UF_GROUP_H
#include <stdbool.h>

enum respondent_group { GROUP_CHEF,
	GROUP_PERSONAL,
	GROUP_PEER,
	GROUP_PATIENT,
	GROUP__MAX };

struct group_names {
	const char *id;     /* "patient": instruments, database, URLs, files */
	const char *title;  /* "Patient/brukare": one respondent's group, as on
	                         a code sheet or an access request */
	const char *plural; /* "Patienter/brukare": admin pages and messages */
	const char *report; /* "Patient/brukare": report headings and tables */
	const char *noun;   /* "patient/brukare": inside a report's sentence */
	char panel_letter;  /* 'B': first letter of a panel id (brukare) */
};

/* The names of g; out of range (a programmer error) aborts. Never NULL. */
const struct group_names *group_names(enum respondent_group g);

/* Shorthands for group_names(g)->field, except that an out-of-range g
 * gives "unknown" (id) or "" / "Okänd grupp" (words) instead of aborting:
 * callers print values read from elsewhere. */
const char *group_id(enum respondent_group g);
const char *group_title(enum respondent_group g);
const char *group_plural(enum respondent_group g);
const char *group_report(enum respondent_group g);
const char *group_noun(enum respondent_group g);

/* The group whose id is s (exact, case-sensitive); false for anything else
 * (NULL included) and *g untouched. */
bool group_parse(const char *s, enum respondent_group *g);

/* The plural words of the group whose id is s ("Patienter/brukare"); s
 * itself when it names no group (a value the database has and the product
 * does not know shows as it is). */
const char *group_plural_of(const char *s);

#endif
