/* SPDX-License-Identifier: ISC
 * Report text written in the product: the sections of a delrapport (per
 * wave) or the slutrapport, and a reflection per kategori, each saved as a
 * new version (schema/0020 report_text). Checks here, SQL in db_qual.c.
 */
#ifndef UF_MANAGE_REPORTTEXT_H
#define UF_MANAGE_REPORTTEXT_H
#include <stdbool.h>

#include "db.h"
#include "err.h"
#include "study.h"

#define REPORT_TEXT_MAX 50000 /* characters per section */

enum report_section {
	RS_BAKGRUND,
	RS_SYFTE,
	RS_BESKRIVNING,
	RS_URVAL,
	RS_DATAINSAMLING,
	RS_DATAANALYS,
	RS_ETIK,
	RS_REFLEKTION,
	RS_RESULTATDISKUSSION,
	RS_METODDISKUSSION,
	RS_REFERENSER,
	RS__MAX
};
/* The database's name of a section and its Swedish heading. */
const char *report_section_id(enum report_section s);
const char *report_section_title(enum report_section s);
bool report_section_parse(const char *id, enum report_section *out);

/* Save body as the next version of a section of study's report: kind
 * "delrapport" with months, or "slutrapport" with months NULL; code: the
 * kategori of a reflection (0 otherwise); expected: the version the writer
 * started from (0: none). UF_ECONFLICT with err when someone saved in
 * between; UF_EINVAL for text over the limit or with control characters. */
uf_err report_text_save(struct db *db, long long study, const char *kind,
    const char *months, enum report_section section, long long code,
    long long expected, const char *body, const char *actor, long long *version,
    struct manage_error *err);

#endif
