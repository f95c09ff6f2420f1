/* SPDX-License-Identifier: ISC
 * Replacing a participant's code, and the test marks of codes and waves.
 * The rows change only through schema/0015's functions, which also write
 * the audit rows; this file finds the code, makes the new one and hands
 * the one-slip batch to the caller.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "codereplace.h"
#include "db_manage.h"

#define PANEL_TEXT_MAX 40

/* The code of panel in wave w: code id, participant, whether used. */
static uf_err
find_code(struct db *db, long long study, const char *panel, int months,
    long long *code, long long *pid, bool *used, struct manage_error *err)
{
	struct m_code_of c;
	bool found;
	uf_err e;

	*code = *pid = 0;
	*used = false;
	if (panel == NULL || strlen(panel) == 0 || strlen(panel) > PANEL_TEXT_MAX) {
		manage_fail(err, "panel", "Ange deltagarens id, t.ex. B-7KQ4XM.");
		return UF_EINVAL;
	}
	if ((e = db_m_code_of(db, study, panel, months, &c, &found)) != UF_OK)
		return e;
	if (!found) {
		manage_fail(err, "panel", "Deltagaren %s har ingen kod i "
		                          "%d-månadersomgången.",
		    panel, months);
		return UF_ENOTFOUND;
	}
	*code = c.code_id;
	*pid = c.participant_id;
	*used = c.used;
	return UF_OK;
}

/* The slip's unit label and group, from the participant row. */
static uf_err
slip_frame(struct db *db, long long pid, struct codes_batch *b)
{
	struct m_participant p;
	bool found;
	uf_err e;

	if ((e = db_m_participant_get(db, pid, &p, &found)) != UF_OK)
		return e;
	if (!found)
		return UF_EINTERNAL;
	b->grp = p.grp;
	memcpy(b->report_label, p.report_label, sizeof(b->report_label));
	return UF_OK;
}

uf_err
code_replace(struct db *db, const unsigned char key[CODE_KEY_LEN],
    const char *study, const char *panel, int months, const char *actor,
    codes_sink sink, void *ctx, struct manage_error *err)
{
	unsigned char h[CODE_HASH_LEN];
	char hb[2 + 2 * CODE_HASH_LEN + 1];
	struct codes_slip slip;
	struct codes_batch b;
	struct wave_info w;
	long long sid, code, pid;
	bool used, open = false;
	uf_err e;

	memset(&b, 0, sizeof(b));
	memset(&slip, 0, sizeof(slip));
	manage_error_clear(err);
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = study_resolve(db, study, &sid, err)) != UF_OK ||
	    (e = wave_resolve(db, study, months, &w, err)) != UF_OK ||
	    (e = find_code(db, sid, panel, months, &code, &pid, &used, err)) != UF_OK)
		goto out;
	if (used) {
		manage_fail(err, "panel", "Deltagaren har redan skickat in sina svar; "
		                          "koden behöver inte ersättas.");
		e = UF_ECONFLICT;
		goto out;
	}
	if (w.closed || w.past) {
		manage_fail(err, "wave", "%d-månadersomgången är stängd; koden kan "
		                         "inte ersättas.",
		    months);
		e = UF_ECONFLICT;
		goto out;
	}
	if ((e = code_generate(slip.code)) != UF_OK)
		goto out;
	code_hash(key, slip.code, h);
	code_hash_bytea(h, hb);
	if ((e = db_m_code_replace(db, code, hb, actor)) != UF_OK)
		goto out;
	memcpy(slip.panel_id, panel, strlen(panel) < sizeof(slip.panel_id) ? strlen(panel) + 1 : 0);
	if (slip.panel_id[0] == '\0') {
		e = UF_EINTERNAL;
		goto out;
	}
	b.months = w.months;
	memcpy(b.expires_at, w.expires_at, sizeof(b.expires_at));
	memcpy(b.closes_on, w.closes_on, sizeof(b.closes_on));
	if ((e = slip_frame(db, pid, &b)) != UF_OK)
		goto out;
	b.slips = &slip;
	b.n = b.cap = 1;
	if ((e = sink(ctx, &b)) != UF_OK) {
		if (err == NULL || err->msg[0] == '\0')
			manage_fail(err, "", "Den nya lappen kunde inte skapas; den "
			                     "gamla koden gäller fortfarande.");
		goto out;
	}
out:
	if (open)
		e = db_end(db, e);
	sodium_memzero(&slip, sizeof(slip));
	sodium_memzero(h, sizeof(h));
	return e;
}

uf_err
code_mark_test(struct db *db, const char *study, const char *panel,
    int months, bool test, const char *actor, struct manage_error *err)
{
	long long sid, code, pid;
	bool used, open = false;
	uf_err e;

	manage_error_clear(err);
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = study_resolve(db, study, &sid, err)) != UF_OK ||
	    (e = find_code(db, sid, panel, months, &code, &pid, &used, err)) != UF_OK ||
	    (e = db_m_code_set_test(db, code, test, actor)) != UF_OK)
		goto out;
out:
	if (open)
		e = db_end(db, e);
	return e;
}

uf_err
wave_mark_test(struct db *db, const char *study, int months, bool test,
    const char *actor, struct manage_error *err)
{
	struct wave_info w;
	bool open = false;
	uf_err e;

	manage_error_clear(err);
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = wave_resolve(db, study, months, &w, err)) != UF_OK ||
	    (e = db_m_wave_set_test(db, w.wave_id, test, actor)) != UF_OK)
		goto out;
out:
	if (open)
		e = db_end(db, e);
	return e;
}

uf_err
test_purge(struct db *db, const char *study, const char *actor, long long *n,
    struct manage_error *err)
{
	long long sid;
	bool open = false;
	uf_err e;

	*n = 0;
	manage_error_clear(err);
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = study_resolve(db, study, &sid, err)) != UF_OK ||
	    (e = db_m_test_purge(db, sid, actor, n)) != UF_OK)
		goto out;
out:
	if (open)
		e = db_end(db, e);
	return e;
}
