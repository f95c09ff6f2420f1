/* SPDX-License-Identifier: ISC
 * The Swedish names of respondent languages (lang_names.h): Swedish's
 * national minority languages and the languages most spoken in Sweden after
 * it, keyed by ISO 639 code. A language missing here is still reported, by
 * its code.
 */
#include <stdio.h>
#include <string.h>

#include "lang_names.h"

/* clang-format off */
static const struct {
	const char *code, *sv;
} NAMES[] = {
	{ "sv",  "svenska" },
	{ "en",  "engelska" },
	{ "ar",  "arabiska" },
	{ "fa",  "persiska" },
	{ "prs", "dari" },
	{ "ps",  "pashto" },
	{ "so",  "somaliska" },
	{ "ti",  "tigrinja" },
	{ "am",  "amhariska" },
	{ "ku",  "kurdiska" },
	{ "ckb", "sorani" },
	{ "kmr", "kurmanji" },
	{ "tr",  "turkiska" },
	{ "bs",  "bosniska" },
	{ "hr",  "kroatiska" },
	{ "sr",  "serbiska" },
	{ "pl",  "polska" },
	{ "uk",  "ukrainska" },
	{ "ru",  "ryska" },
	{ "ro",  "rumänska" },
	{ "es",  "spanska" },
	{ "de",  "tyska" },
	{ "fr",  "franska" },
	{ "th",  "thailändska" },
	{ "zh",  "kinesiska" },
	{ "fi",  "finska" },
	{ "fit", "meänkieli" },
	{ "se",  "nordsamiska" },
	{ "smj", "lulesamiska" },
	{ "sma", "sydsamiska" },
	{ "yi",  "jiddisch" },
	{ "rmy", "romani chib" },
	{ "rom", "romani chib" },
	{ "da",  "danska" },
	{ "no",  "norska" },
	{ "nb",  "norska (bokmål)" },
	{ "nn",  "norska (nynorska)" },
};
/* clang-format on */

/* The primary subtag of tag: its bytes up to the first '-'. */
static size_t
primary_len(const char *tag)
{
	return strcspn(tag, "-");
}

const char *
lang_name_sv(const char *tag)
{
	/* a private-use tag ("en-x-pseudo") is not the language it starts
	 * with: named by its code */
	if (tag == NULL || strstr(tag, "-x-") != NULL)
		return NULL;
	size_t n = primary_len(tag);
	for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++)
		if (strlen(NAMES[i].code) == n && memcmp(NAMES[i].code, tag, n) == 0)
			return NAMES[i].sv;
	return NULL;
}

bool
lang_is_swedish(const char *tag)
{
	return tag == NULL || tag[0] == '\0' ||
	    (primary_len(tag) == 2 && memcmp(tag, "sv", 2) == 0);
}

void
lang_on_sv(const char *tag, char *out, size_t n)
{
	const char *name = lang_name_sv(tag);
	int k = name != NULL ? snprintf(out, n, "på %s", name) :
	                       snprintf(out, n, "på språket med koden %s", tag ? tag : "");
	if (k < 0 && n > 0)
		out[0] = '\0';
}

void
lang_row_sv(const char *tag, char *out, size_t n)
{
	const char *name = lang_name_sv(tag);
	int k = name != NULL ? snprintf(out, n, "%s", name) :
	                       snprintf(out, n, "Språkkod %s", tag ? tag : "");
	if (k < 0) {
		if (n > 0)
			out[0] = '\0';
		return;
	}
	/* the names are lower-case ASCII or start with one */
	if (name != NULL && n > 0 && out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}
