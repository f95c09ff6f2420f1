/* SPDX-License-Identifier: ISC
 * Waves: strict date checks; creating a wave with the instrument each group
 * answers (checked against the stored instruments' group and "waves");
 * the date update that carries the wave's unused codes along. Each with
 * its audit row, in one transaction.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_manage.h"
#include "num.h"
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
	                                     "\"closes_on\":\"%s\",\"codes\":%lld}",
	        months, opens_on, closes_on,
	        moved) >= (int)sizeof(detail)) {
		e = UF_EINTERNAL;
		goto out;
	}
	if ((e = db_m_audit(db, actor, "wave.dates", NULL, detail)) != UF_OK)
		goto out;
out:
	if (open)
		e = db_end(db, e);
	if (e == UF_OK && codes != NULL)
		*codes = moved;
	return e;
}

/* ^[a-z][a-z0-9_]{0,31}$, the schema's instrument id. */
static bool
instrument_id_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > WAVE_INSTRUMENT_ID_MAX || s[0] < 'a' || s[0] > 'z')
		return false;
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		        s[i] == '_'))
			return false;
	return true;
}

bool
wave_pick_parse(const char *s, struct wave_pick *out)
{
	const char *colon;
	long v;
	size_t n;

	memset(out, 0, sizeof(*out));
	if (s == NULL || s[0] == '\0') {
		out->how = WAVE_PICK_DEFAULT;
		return true;
	}
	if (strcmp(s, "none") == 0) {
		out->how = WAVE_PICK_NONE;
		return true;
	}
	if ((colon = strchr(s, ':')) == NULL)
		return false;
	n = (size_t)(colon - s);
	if (!instrument_id_ok(s, n) ||
	    !num_long_canonical(colon + 1, 1, INT_MAX, &v))
		return false;
	out->how = WAVE_PICK_GIVEN;
	memcpy(out->instrument, s, n);
	out->instrument[n] = '\0';
	out->version = (int)v;
	return true;
}

/* The checks that need no database, first failure in err. */
static bool
wave_new_check(const struct wave_new *w, struct manage_error *err)
{
	size_t i;

	if (w->months < 1 || w->months > 120) {
		manage_fail(err, "months", "Ange mätningen som antal månader efter "
		                           "projektstart, 1 till 120.");
		return false;
	}
	if (!wave_date_ok(w->opens_on) || !wave_date_ok(w->closes_on)) {
		manage_fail(err, wave_date_ok(w->opens_on) ? "closes" : "opens",
		    "Ange datumen som ÅÅÅÅ-MM-DD, till exempel 2026-11-01.");
		return false;
	}
	if (strcmp(w->closes_on, w->opens_on) < 0) {
		manage_fail(err, "closes", "Stängningsdagen kan inte vara före "
		                           "öppningsdagen.");
		return false;
	}
	for (i = 0; i < GROUP__MAX; i++)
		if (w->pick[i].how == WAVE_PICK_GIVEN &&
		    (!instrument_id_ok(w->pick[i].instrument,
		         strlen(w->pick[i].instrument)) ||
		        w->pick[i].version < 1)) {
			manage_fail(err, "instrument", "Ange frågeformulär som "
			                               "ID:VERSION, till exempel %s:1.",
			    group_id((enum respondent_group)i));
			return false;
		}
	return true;
}

/* Check a named instrument version against group g and the months. */
static uf_err
pick_check(struct db *db, int g, const struct wave_pick *p, int months,
    struct manage_error *err)
{
	struct m_instrument_fits r = { 0 };
	uf_err e;

	if ((e = db_m_instrument_fit(db, p->instrument, p->version, months,
	         &r)) != UF_OK)
		goto out;
	e = UF_EINVAL;
	if (r.n != 1)
		manage_fail(err, "instrument", "Det finns inget inläst frågeformulär "
		                               "\"%s\" version %d.",
		    p->instrument, p->version);
	else if (strcmp(r.row[0].grp, group_id((enum respondent_group)g)) != 0)
		manage_fail(err, "instrument", "Frågeformuläret \"%s\" version %d är "
		                               "för gruppen %s, inte för gruppen %s.",
		    p->instrument, p->version,
		    r.row[0].grp, group_id((enum respondent_group)g));
	else if (!r.row[0].fits)
		manage_fail(err, "instrument", "Frågeformuläret \"%s\" version %d "
		                               "används inte vid %d månader (bara vid %s).",
		    p->instrument,
		    p->version, months, r.row[0].waves);
	else
		e = UF_OK;
out:
	m_instrument_fits_free(&r);
	return e;
}

/* Turn the defaults into named versions (or none) and check the named. */
static uf_err
picks_resolve(struct db *db, const struct wave_new *w,
    struct wave_pick out[GROUP__MAX], struct manage_error *err)
{
	struct m_instrument_defaults defs = { 0 };
	const char *id;
	int g, i;
	uf_err e;

	if ((e = db_m_instrument_defaults(db, w->months, &defs)) != UF_OK)
		goto out;
	for (g = 0; g < GROUP__MAX; g++) {
		out[g] = w->pick[g];
		if (w->pick[g].how == WAVE_PICK_GIVEN) {
			if ((e = pick_check(db, g, &w->pick[g], w->months, err)) != UF_OK)
				goto out;
			continue;
		}
		if (w->pick[g].how != WAVE_PICK_DEFAULT)
			continue;
		out[g].how = WAVE_PICK_NONE;
		for (i = 0; i < defs.n; i++) {
			if (strcmp(defs.row[i].grp, group_id((enum respondent_group)g)) != 0)
				continue;
			id = defs.row[i].instrument_id;
			if (strlen(id) > WAVE_INSTRUMENT_ID_MAX || defs.row[i].version < 1) {
				e = UF_EINTERNAL;
				goto out;
			}
			out[g].how = WAVE_PICK_GIVEN;
			memcpy(out[g].instrument, id, strlen(id) + 1);
			out[g].version = defs.row[i].version;
		}
	}
	for (g = 0; g < GROUP__MAX && out[g].how != WAVE_PICK_GIVEN; g++)
		;
	if (g == GROUP__MAX) {
		manage_fail(err, "instrument", "Ingen grupp har ett frågeformulär vid "
		                               "%d månader. Välj frågeformulär, eller läs in ett som gäller "
		                               "mätningen.",
		    w->months);
		e = UF_EINVAL;
	}
out:
	m_instrument_defaults_free(&defs);
	return e;
}

/* The audit detail: months, dates and "group":"id:version" per group. The
 * parts passed their checks (digits, dashes, [a-z0-9_]): no escaping. */
static uf_err
wave_detail(const struct wave_new *w, const struct wave_pick p[GROUP__MAX],
    char *b, size_t size)
{
	size_t len;
	int g, k;

	k = snprintf(b, size, "{\"wave\":%d,\"opens_on\":\"%s\",\"closes_on\":"
	                      "\"%s\",\"instruments\":{",
	    w->months, w->opens_on, w->closes_on);
	if (k < 0 || (size_t)k >= size)
		return UF_EINTERNAL;
	len = (size_t)k;
	for (g = 0; g < GROUP__MAX; g++) {
		if (p[g].how != WAVE_PICK_GIVEN)
			continue;
		k = snprintf(b + len, size - len, "%s\"%s\":\"%s:%d\"",
		    b[len - 1] == '{' ? "" : ",", group_id((enum respondent_group)g), p[g].instrument,
		    p[g].version);
		if (k < 0 || (size_t)k >= size - len)
			return UF_EINTERNAL;
		len += (size_t)k;
	}
	k = snprintf(b + len, size - len, "}}");
	return k < 0 || (size_t)k >= size - len ? UF_EINTERNAL : UF_OK;
}

uf_err
wave_add(struct db *db, const char *study, const struct wave_new *w,
    const char *actor, long long *id, struct wave_pick chosen[GROUP__MAX],
    struct manage_error *err)
{
	struct wave_pick p[GROUP__MAX];
	char obj[40], detail[512];
	long long sid, wid = 0;
	bool open = false;
	int g;
	uf_err e = UF_EINVAL;

	manage_error_clear(err);
	if (!wave_new_check(w, err))
		goto out;
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = study_resolve(db, study, &sid, err)) != UF_OK ||
	    (e = picks_resolve(db, w, p, err)) != UF_OK ||
	    (e = db_m_wave_insert(db, sid, w->months, w->opens_on, w->closes_on,
	         &wid)) != UF_OK)
		goto out;
	if (wid == 0) {
		manage_fail(err, "months", "Det finns redan en mätning vid %d "
		                           "månader i studien.",
		    w->months);
		e = UF_ECONFLICT;
		goto out;
	}
	for (g = 0; g < GROUP__MAX; g++)
		if (p[g].how == WAVE_PICK_GIVEN &&
		    (e = db_m_wave_instrument_insert(db, wid, group_id((enum respondent_group)g),
		         p[g].instrument, p[g].version)) != UF_OK)
			goto out;
	if (snprintf(obj, sizeof(obj), "wave:%lld", wid) >= (int)sizeof(obj)) {
		e = UF_EINTERNAL;
		goto out;
	}
	if ((e = wave_detail(w, p, detail, sizeof(detail))) != UF_OK ||
	    (e = db_m_audit(db, actor, "wave.create", obj, detail)) != UF_OK)
		goto out;
out:
	if (open)
		e = db_end(db, e);
	if (e == UF_OK && id != NULL)
		*id = wid;
	if (e == UF_OK && chosen != NULL)
		memcpy(chosen, p, sizeof(p));
	return e;
}

const char *
wave_state_text(const struct m_wave *w)
{
	if (w->closed)
		return "Stängd i förväg";
	if (w->past)
		return "Avslutad";
	if (w->not_yet_open)
		return "Inte öppnad än";
	return "Öppen";
}
