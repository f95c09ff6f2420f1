/* SPDX-License-Identifier: ISC
 * Wave dates: strict date checks and the update that carries the wave's
 * unused codes along, with its audit row, in one transaction.
 */
#include <stdio.h>
#include <string.h>

#include "db_manage.h"
#include "waves.h"

bool
wave_date_ok(const char *s)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 2000 || y > 2099 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	/* 29 February only in leap years (2000-2099: every fourth). */
	return !(m == 2 && d == 29 && y % 4 != 0);
}

uf_err
wave_set_dates(struct db *db, const char *study, int months,
    const char *opens_on, const char *closes_on, const char *actor,
    long long *codes, struct manage_error *err)
{
	struct wave_info w;
	char detail[120];
	long long moved = 0;
	bool open = false, changed = false;
	uf_err e = UF_EINVAL;

	manage_error_clear(err);
	if (codes != NULL)
		*codes = 0;
	if (!wave_date_ok(opens_on) || !wave_date_ok(closes_on)) {
		manage_fail(err, wave_date_ok(opens_on) ? "closes" : "opens",
		    "Ange datumen som ÅÅÅÅ-MM-DD, till exempel 2026-11-01.");
		goto out;
	}
	if (strcmp(closes_on, opens_on) < 0) {
		manage_fail(err, "closes", "Stängningsdagen kan inte vara före "
		    "öppningsdagen.");
		goto out;
	}
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = wave_resolve(db, study, months, &w, err)) != UF_OK ||
	    (e = db_m_wave_dates(db, w.wave_id, opens_on, closes_on, &changed,
	    &moved)) != UF_OK)
		goto out;
	if (!changed) {
		manage_fail(err, "wave", "Det finns ingen omgång vid %d månader.", months);
		e = UF_ENOTFOUND;
		goto out;
	}
	/* Both dates passed wave_date_ok: digits and dashes only. */
	if (snprintf(detail, sizeof(detail), "{\"wave\":%d,\"opens_on\":\"%s\","
	    "\"closes_on\":\"%s\",\"codes\":%lld}", months, opens_on, closes_on,
	    moved) >= (int)sizeof(detail)) {
		e = UF_EINTERNAL;
		goto out;
	}
	if ((e = db_m_audit(db, actor, "wave.dates", NULL, detail)) != UF_OK)
		goto out;
	e = db_commit(db);
	open = false;
	if (e == UF_OK && codes != NULL)
		*codes = moved;
out:
	if (open)
		db_rollback(db);
	return e;
}

const char *
wave_state_text(const struct db_res *r, int i)
{
	if (strcmp(db_res_get(r, i, 3), "t") == 0)
		return "Stängd i förväg";
	if (strcmp(db_res_get(r, i, 4), "t") == 0)
		return "Avslutad";
	if (strcmp(db_res_get(r, i, 5), "t") == 0)
		return "Inte öppnad än";
	return "Öppen";
}
