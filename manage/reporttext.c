/* SPDX-License-Identifier: ISC
 * Report text sections: their names, and saving a version in its own
 * transaction (reporttext.h).
 */
#include <string.h>

#include "db_qual.h"
#include "reporttext.h"
#include "utf8.h"

static const char *const ids[RS__MAX] = {
	[RS_BAKGRUND] = "bakgrund",
	[RS_SYFTE] = "syfte",
	[RS_BESKRIVNING] = "beskrivning",
	[RS_URVAL] = "urval",
	[RS_DATAINSAMLING] = "datainsamling",
	[RS_DATAANALYS] = "dataanalys",
	[RS_ETIK] = "etik",
	[RS_REFLEKTION] = "reflektion",
	[RS_RESULTATDISKUSSION] = "resultatdiskussion",
	[RS_METODDISKUSSION] = "metoddiskussion",
	[RS_REFERENSER] = "referenser",
};
static const char *const titles[RS__MAX] = {
	[RS_BAKGRUND] = "Bakgrund",
	[RS_SYFTE] = "Syfte",
	[RS_BESKRIVNING] = "Beskrivning av projektet",
	[RS_URVAL] = "Metod: Urval",
	[RS_DATAINSAMLING] = "Metod: Datainsamling",
	[RS_DATAANALYS] = "Metod: Dataanalys",
	[RS_ETIK] = "Etiska överväganden",
	[RS_REFLEKTION] = "Reflektion",
	[RS_RESULTATDISKUSSION] = "Resultatdiskussion",
	[RS_METODDISKUSSION] = "Metoddiskussion",
	[RS_REFERENSER] = "Referenser",
};

const char *
report_section_id(enum report_section s)
{
	return s < RS__MAX ? ids[s] : "";
}

const char *
report_section_title(enum report_section s)
{
	return s < RS__MAX ? titles[s] : "";
}

bool
report_section_parse(const char *id, enum report_section *out)
{
	for (int i = 0; id != NULL && i < RS__MAX; i++)
		if (strcmp(id, ids[i]) == 0) {
			*out = (enum report_section)i;
			return true;
		}
	return false;
}

uf_err
report_text_save(struct db *db, long long study, const char *kind,
    const char *months, enum report_section section, long long code,
    long long expected, const char *body, const char *actor, long long *version,
    struct manage_error *err)
{
	size_t len = body != NULL ? strlen(body) : 0;
	bool open = false;
	uf_err e = UF_EINVAL;

	*version = 0;
	manage_error_clear(err);
	if (body == NULL || !utf8_text_ok(body, len) || utf8_chars(body, len) > REPORT_TEXT_MAX) {
		manage_fail(err, "text", "Texten får vara högst %d tecken, utan styrtecken.",
		    REPORT_TEXT_MAX);
		goto out;
	}
	if ((section == RS_REFLEKTION) != (code != 0) || section >= RS__MAX) {
		manage_fail(err, "section", "En reflektion hör till en kategori; andra avsnitt "
		                            "till hela rapporten.");
		goto out;
	}
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	e = db_q_text_save(db, study, kind, months, report_section_id(section), code,
	    expected, body, actor, version);
	if (e == UF_OK && *version == 0)
		e = UF_ECONFLICT;
	if (e == UF_ECONFLICT) {
		manage_fail(err, "text", "Någon annan har sparat avsnittet under tiden. Din "
		                         "text visas nedan; jämför med den sparade och spara igen.");
		goto out;
	}
	if (e != UF_OK)
		goto out;
out:
	if (open)
		e = db_end(db, e);
	if (e != UF_OK)
		*version = 0;
	return e;
}
