/* SPDX-License-Identifier: ISC
 * The report's privacy rules (the evaluation's "Etiska överväganden") for
 * groups and text: whether a group may be shown, free-text quotes
 * de-gendered (han/hon -> hen) and cleaned of unit names, their parts and
 * the study's own names, and the one display name per respondent group.
 * Pure functions; the suppression of counts is reports/disclosure*.
 */
#ifndef UF_REPORT_PRIVACY_H
#define UF_REPORT_PRIVACY_H
#include <stdbool.h>
#include <stddef.h>
#include "err.h"
#include "form.h"

/* Whether a group of n respondents may be shown at all. */
bool privacy_shown(long n, long min_cell);

/* De-gender Swedish third-person pronouns in UTF-8 text: han, hon, honom,
 * henne -> hen; hans, hennes -> hens. Whole words only (letters include
 * å ä ö é and other Latin/Greek/Cyrillic letters), case-insensitive, keeping
 * the case pattern (Han -> Hen, HON -> HEN). out needs len + 1 bytes (the
 * result is never longer); returns the output length. */
size_t privacy_degender(const char *in, size_t len, char *out);

/* Replace every whole-word, case-insensitive (ASCII and Latin-1 letters)
 * occurrence of one of names[0..nnames) in in[0..len) by "[verksamhet]".
 * Names shorter than 3 bytes are ignored. UF_ELIMIT when out[0..cap) is too
 * small. *outlen gets the length written (without the NUL). */
uf_err privacy_redact_names(const char *in, size_t len,
    const char *const *names, size_t nnames, char *out, size_t cap,
    size_t *outlen);

/* ---- masking words in quotes ---- */

/* What a masked word becomes. */
enum privacy_mark {
	PRIVACY_MARK_VERKSAMHET, /* "[verksamhet]" */
	PRIVACY_MARK_ORT,        /* "[ort]" */
	PRIVACY_MARK_NAMN,       /* "[namn]" */
	PRIVACY_MARK__MAX
};

#define PRIVACY_TERM_MAX 100 /* bytes of one masked word */

/* Words to mask, stored case-folded. Owned; privacy_mask_free. */
struct privacy_mask {
	struct privacy_term {
		char *word;
		enum privacy_mark mark;
	} * t;
	size_t n, cap;
};

/* "verksamhet", "ort", "namn" -> the mark; false for anything else. */
bool privacy_mark_parse(const char *s, enum privacy_mark *out);
const char *privacy_mark_name(enum privacy_mark m);

/* The words of a unit's name to mask: every word of 4 or more letters
 * except the generic ones (avdelning, klinik, boendestöd, kommun, ...); a
 * word right before kommun, stad, region or län is a place ([ort]), the
 * others [verksamhet]. UF_ENOMEM. */
uf_err privacy_mask_unit(struct privacy_mask *m, const char *unit_name);
/* Every word (2 letters or more) of a name from the study's own list. */
uf_err privacy_mask_name(struct privacy_mask *m, const char *name,
    enum privacy_mark mark);
void privacy_mask_free(struct privacy_mask *m); /* frees the words; NULL-safe */

/* Replace in in[0..len) every masked word, case-insensitive (ASCII and
 * Å Ä Ö É ...), also with a Swedish ending (s, n, ns, en, ens, et, ets:
 * "Vintergatans"), and every ward number ("avdelning 12", "avd. 3") by its
 * mark. UF_ELIMIT when out[0..cap) is too small (3 * len + 16 is enough). */
uf_err privacy_mask_text(const struct privacy_mask *m, const char *in,
    size_t len, char *out, size_t cap, size_t *outlen);

#endif
