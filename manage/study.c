/* SPDX-License-Identifier: ISC
 * Resolve study, wave and unit for the administration operations, turning
 * "no rows" and "many rows" into messages a person can act on.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "db_manage.h"
#include "study.h"
#include "utf8.h"

void
manage_error_clear(struct manage_error *err)
{
	if (err != NULL) {
		err->field[0] = '\0';
		err->msg[0] = '\0';
	}
}

void
manage_fail(struct manage_error *err, const char *field, const char *fmt, ...)
{
	va_list ap;
	int w;

	if (err == NULL)
		return;
	w = snprintf(err->field, sizeof(err->field), "%s", field != NULL ? field : "");
	if (w < 0 || (size_t)w >= sizeof(err->field))
		err->field[0] = '\0';
	va_start(ap, fmt);
	/* A cut message is still better than none: truncation is accepted. */
	if (vsnprintf(err->msg, sizeof(err->msg), fmt, ap) < 0)
		err->msg[0] = '\0';
	va_end(ap);
}

const char *
manage_error_text(const struct manage_error *err, uf_err e)
{
	if (err != NULL && err->msg[0] != '\0')
		return err->msg;
	switch (e) {
	case UF_EINVAL:
	case UF_ELIMIT:
		return "Uppgifterna kunde inte tas emot.";
	case UF_ENOTFOUND:
		return "Det som efterfrågades finns inte.";
	case UF_ECONFLICT:
		return "Det går inte just nu (någon annan ändring kom emellan). Försök igen.";
	case UF_EDB:
		return "Databasen svarar inte just nu. Försök igen om en stund.";
	case UF_EIO:
		return "En fil kunde inte läsas eller skrivas.";
	case UF_ENOMEM:
		return "Minnet räckte inte.";
	default:
		return "Ett internt fel inträffade; inget ändrades.";
	}
}

bool
manage_text_ok(const char *s, size_t max)
{
	size_t i, n;

	if (s == NULL || (n = strlen(s)) == 0 || n > max * 4)
		return false;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return utf8_valid(s, n) && utf8_chars(s, n) <= max;
}

uf_err
study_resolve(struct db *db, const char *slug, long long *study,
    struct manage_error *err)
{
	int n = 0;
	uf_err e;

	manage_error_clear(err);
	if ((e = db_m_study_find(db, slug, study, &n)) != UF_OK)
		return e;
	if (n == 1)
		return UF_OK;
	*study = 0;
	if (n > 1) {
		manage_fail(err, "study", "Det finns %d studier: ange vilken "
		                          "(--study, eller study i konfigurationen).",
		    n);
		return UF_EINVAL;
	}
	if (slug != NULL)
		manage_fail(err, "study", "Det finns ingen studie \"%s\".", slug);
	else
		manage_fail(err, "study", "Det finns ingen studie än.");
	return UF_ENOTFOUND;
}

uf_err
wave_resolve(struct db *db, const char *slug, int months, struct wave_info *out,
    struct manage_error *err)
{
	int n = 0;
	uf_err e;

	if ((e = db_m_wave_find(db, months, slug, out, &n)) != UF_OK)
		return e;
	if (n == 1)
		return UF_OK;
	memset(out, 0, sizeof(*out));
	if (n == 0) {
		manage_fail(err, "wave", "Det finns ingen omgång vid %d månader.", months);
		return UF_ENOTFOUND;
	}
	manage_fail(err, "study", "Flera studier har en omgång vid %d månader: "
	                          "ange vilken studie (--study).",
	    months);
	return UF_EINVAL;
}

uf_err
unit_resolve(struct db *db, long long unit, struct unit_info *out,
    struct manage_error *err)
{
	bool found;
	uf_err e;

	if ((e = db_m_unit_get(db, unit, out, &found)) != UF_OK)
		return e;
	if (!found) {
		manage_fail(err, "unit", "Det finns ingen enhet med id %lld.", unit);
		return UF_ENOTFOUND;
	}
	return UF_OK;
}
