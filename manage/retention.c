/* SPDX-License-Identifier: ISC
 * Purging stale drafts and closing waves, each in one transaction with its
 * audit row.
 */
#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "db_manage.h"
#include "retention.h"
#include "study.h"

uf_err
retention_purge_drafts(struct db *db, int days, const char *actor,
    long long *n, struct manage_error *err)
{
	struct buf d;
	bool open = false;
	uf_err e = UF_EINVAL;

	*n = 0;
	buf_init(&d, 128);
	if (days < RETENTION_DAYS_MIN || days > RETENTION_DAYS_MAX) {
		manage_fail(err, "days", "Ange antal dagar som ett tal från %d till %d.",
		    RETENTION_DAYS_MIN, RETENTION_DAYS_MAX);
		goto out;
	}
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = db_m_purge_drafts(db, days, n)) != UF_OK ||
	    (e = buf_printf(&d, "{\"days\":%d,\"deleted\":%lld}", days, *n)) != UF_OK ||
	    (e = db_m_audit(db, actor, "drafts.purge", NULL, buf_str(&d))) != UF_OK)
		goto out;
out:
	if (open)
		e = db_end(db, e);
	if (e != UF_OK)
		*n = 0;
	buf_free(&d);
	return e;
}

uf_err
retention_close_wave(struct db *db, const char *study, int months,
    const char *actor, struct manage_error *err)
{
	struct wave_info w;
	struct buf d;
	bool open = false, changed = false;
	uf_err e;

	buf_init(&d, 128);
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = wave_resolve(db, study, months, &w, err)) != UF_OK ||
	    (e = db_m_wave_close(db, w.wave_id, &changed)) != UF_OK)
		goto out;
	if (!changed) {
		manage_fail(err, "wave", "%d-månadersomgången är redan stängd.", months);
		e = UF_ECONFLICT;
		goto out;
	}
	if ((e = buf_printf(&d, "{\"wave\":%d}", months)) != UF_OK ||
	    (e = db_m_audit(db, actor, "wave.close", NULL, buf_str(&d))) != UF_OK)
		goto out;
out:
	if (open)
		e = db_end(db, e);
	buf_free(&d);
	return e;
}
