/* SPDX-License-Identifier: ISC
 * Issuing access codes: check the request, create or carry over the
 * participants, store a keyed hash per code, let the caller print the
 * slips, commit. Clear codes live only in memory that is wiped on return.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "buf.h"
#include "codes.h"
#include "db_manage.h"

#define INSERT_TRIES 8 /* fresh random ids/codes before giving up */

uf_err
panel_id_generate(enum respondent_group g, char out[PANEL_ID_MAX])
{
	size_t i, n = strlen(CODE_ALPHABET);

	if ((unsigned)g >= GROUP__MAX)
		return UF_EINVAL;
	if (sodium_init() < 0)
		return UF_EINTERNAL;
	out[0] = group_names(g)->panel_letter;
	out[1] = '-';
	for (i = 0; i < PANEL_RAND_LEN; i++)
		out[2 + i] = CODE_ALPHABET[randombytes_uniform((uint32_t)n)];
	out[2 + PANEL_RAND_LEN] = '\0';
	return UF_OK;
}

/* A new participant with a fresh panel id (retrying on a taken id). */
static uf_err
new_participant(struct db *db, long long study, const struct codes_request *rq,
    struct codes_slip *s, long long *pid)
{
	int t;
	uf_err e = UF_ECONFLICT;

	for (t = 0; t < INSERT_TRIES; t++) {
		if ((e = panel_id_generate(rq->grp, s->panel_id)) != UF_OK ||
		    (e = db_m_participant_insert(db, study, s->panel_id,
		         group_id(rq->grp), rq->unit, pid)) != UF_OK)
			return e;
		if (*pid != 0)
			return UF_OK;
	}
	return UF_ECONFLICT;
}

/* A fresh code for participant pid in the wave (retrying on a hash
 * collision, which would otherwise leak that the code exists). */
static uf_err
new_code(struct db *db, const unsigned char key[CODE_KEY_LEN],
    const struct wave_info *w, long long pid, struct codes_slip *s)
{
	unsigned char h[CODE_HASH_LEN];
	char hb[2 + 2 * CODE_HASH_LEN + 1];
	long long cid = 0;
	int t;
	uf_err e = UF_ECONFLICT;

	for (t = 0; t < INSERT_TRIES; t++) {
		if ((e = code_generate(s->code)) != UF_OK)
			break;
		code_hash(key, s->code, h);
		code_hash_bytea(h, hb);
		if ((e = db_m_code_insert(db, pid, w->wave_id, hb, w->expires_at,
		         &cid)) != UF_OK)
			break;
		if (cid != 0)
			break;
		e = UF_ECONFLICT;
	}
	sodium_memzero(h, sizeof(h));
	return e;
}

/* The participants to carry over from an earlier wave into the batch. */
static uf_err
carry_over(struct db *db, const unsigned char key[CODE_KEY_LEN],
    const struct codes_request *rq, const struct wave_info *w,
    struct codes_batch *b, struct manage_error *err)
{
	struct wave_info from;
	struct m_carried_list r = { 0 };
	size_t i, n;
	const char *panel;
	uf_err e;

	if ((e = wave_resolve(db, rq->study, rq->from_months, &from, err)) != UF_OK)
		goto out;
	if (from.study_id != w->study_id || from.months >= w->months) {
		manage_fail(err, "from_wave", "Välj en tidigare omgång att hämta "
		                              "deltagarna från.");
		e = UF_EINVAL;
		goto out;
	}
	if ((e = db_m_participants_carry(db, from.wave_id, w->wave_id, rq->unit,
	         group_id(rq->grp), rq->count, &r)) != UF_OK)
		goto out;
	n = (size_t)r.n;
	if (n == 0) {
		manage_fail(err, "from_wave", "Ingen deltagare i enheten och gruppen "
		                              "deltog i %d-månadersomgången utan att redan ha en kod för %d "
		                              "månader.",
		    rq->from_months, rq->months);
		e = UF_ENOTFOUND;
		goto out;
	}
	if (n > CODES_MAX_COUNT) {
		manage_fail(err, "count", "%zu deltagare är för många för ett kodblad: "
		                          "ange ett antal (högst %d).",
		    n, CODES_MAX_COUNT);
		e = UF_ELIMIT;
		goto out;
	}
	b->slips = calloc(n, sizeof(*b->slips));
	if (b->slips == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	b->cap = n;
	for (i = 0; i < n; i++) {
		panel = r.row[i].panel_id;
		if (strlen(panel) >= PANEL_ID_MAX) {
			e = UF_EINTERNAL;
			goto out;
		}
		memcpy(b->slips[i].panel_id, panel, strlen(panel) + 1);
		if ((e = new_code(db, key, w, r.row[i].participant_id,
		         &b->slips[i])) != UF_OK)
			goto out;
		b->n = i + 1;
	}
out:
	m_carried_list_free(&r);
	return e;
}

/* n brand-new participants with one code each. */
static uf_err
fresh(struct db *db, const unsigned char key[CODE_KEY_LEN],
    const struct codes_request *rq, const struct wave_info *w,
    struct codes_batch *b)
{
	long long pid;
	size_t i;
	uf_err e = UF_OK;

	b->slips = calloc((size_t)rq->count, sizeof(*b->slips));
	if (b->slips == NULL)
		return UF_ENOMEM;
	b->cap = (size_t)rq->count;
	for (i = 0; i < (size_t)rq->count; i++) {
		if ((e = new_participant(db, w->study_id, rq, &b->slips[i], &pid)) != UF_OK ||
		    (e = new_code(db, key, w, pid, &b->slips[i])) != UF_OK)
			break;
		b->n = i + 1;
	}
	return e;
}

/* Audit detail: counts and ids only, never a code or a panel id. */
static uf_err
audit_batch(struct db *db, const struct codes_request *rq,
    const struct codes_batch *b)
{
	struct buf d;
	uf_err e;

	buf_init(&d, 512);
	e = buf_printf(&d, "{\"wave\":%d,\"unit\":%lld,\"group\":\"%s\","
	                   "\"count\":%zu,\"from_wave\":%d}",
	    rq->months, rq->unit,
	    group_id(rq->grp), b->n, rq->from_months);
	if (e == UF_OK)
		e = db_m_audit(db, rq->actor, "codes.generate", NULL, buf_str(&d));
	buf_free(&d);
	return e;
}

uf_err
codes_issue(struct db *db, const unsigned char key[CODE_KEY_LEN],
    const struct codes_request *rq, codes_sink sink, void *ctx, struct manage_error *err)
{
	struct codes_batch b;
	struct wave_info w;
	struct unit_info u;
	bool has, open = false;
	uf_err e;

	memset(&b, 0, sizeof(b));
	manage_error_clear(err);
	e = UF_EINVAL;
	if ((unsigned)rq->grp >= GROUP__MAX || rq->actor == NULL) {
		manage_fail(err, "group", "Välj en grupp.");
		goto out;
	}
	if (rq->from_months == 0 && (rq->count < 1 || rq->count > CODES_MAX_COUNT)) {
		manage_fail(err, "count", "Ange hur många nya deltagare som ska få "
		                          "koder (1–%d).",
		    CODES_MAX_COUNT);
		goto out;
	}
	if (rq->from_months != 0 && (rq->count < 0 || rq->count > CODES_MAX_COUNT)) {
		manage_fail(err, "count", "Antal ska vara ett tal från 0 (alla) till %d.",
		    CODES_MAX_COUNT);
		goto out;
	}
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = wave_resolve(db, rq->study, rq->months, &w, err)) != UF_OK ||
	    (e = unit_resolve(db, rq->unit, &u, err)) != UF_OK)
		goto out;
	e = UF_EINVAL;
	if (u.study_id != w.study_id) {
		manage_fail(err, "unit", "Enhet %lld hör inte till omgångens studie.",
		    rq->unit);
		goto out;
	}
	if (w.closed || w.past) {
		manage_fail(err, "wave", "%d-månadersomgången är stängd; där kan inga "
		                         "nya koder delas ut.",
		    rq->months);
		e = UF_ECONFLICT;
		goto out;
	}
	if ((e = db_m_wave_has_group(db, w.wave_id, group_id(rq->grp),
	         &has)) != UF_OK)
		goto out;
	if (!has) {
		manage_fail(err, "group", "Gruppen %s svarar inte på någon enkät i "
		                          "%d-månadersomgången.",
		    group_plural(rq->grp), rq->months);
		e = UF_EINVAL;
		goto out;
	}
	b.months = w.months;
	b.grp = rq->grp;
	b.unit_id = u.unit_id;
	memcpy(b.report_label, u.report_label, sizeof(b.report_label));
	memcpy(b.expires_at, w.expires_at, sizeof(b.expires_at));
	memcpy(b.closes_on, w.closes_on, sizeof(b.closes_on));
	e = rq->from_months != 0 ? carry_over(db, key, rq, &w, &b, err) : fresh(db, key, rq, &w, &b);
	if (e == UF_ECONFLICT && (err == NULL || err->msg[0] == '\0'))
		manage_fail(err, "", "En deltagare fick en kod för omgången samtidigt "
		                     "(eller så krockade en kod). Inga koder sparades; försök igen.");
	if (e != UF_OK)
		goto out;
	if ((e = audit_batch(db, rq, &b)) != UF_OK)
		goto out;
	if ((e = sink(ctx, &b)) != UF_OK) {
		if (err == NULL || err->msg[0] == '\0')
			manage_fail(err, "", "Kodbladet kunde inte skapas; "
			                     "inga koder sparades.");
		goto out;
	}
out:
	if (open)
		e = db_end(db, e);
	if (b.slips != NULL) {
		sodium_memzero(b.slips, b.cap * sizeof(*b.slips));
		free(b.slips);
	}
	return e;
}
