/* SPDX-License-Identifier: ISC
 * Writing one demo run to the database: the study's frame with ordinary
 * statements, then participants, consents, responses and answers as COPY
 * streams (ids mapped back by panel id), then the kiosk access codes. No
 * SQL here: everything goes through admin/db_admin.h.
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "db_admin.h"
#include "demo.h"
#include "item_types.h"

#define CMD               "demo"
#define DEMO_STUDY_NAME   "Peer support – demostudie (syntetiska data)"
#define DEMO_INFO_VERSION "syntetisk-1"
#define COPY_FLUSH        (512 * 1024)

/* "YYYY-MM-DD HH:MM:SS" for a day and seconds after midnight (local time
 * of the server, like the wave dates). */
static uf_err
timestamp(char *out, size_t n, long day, long secs)
{
	char d[DATE_LEN + 1];
	int k;

	date_format(day, d);
	k = snprintf(out, n, "%s %02ld:%02ld:%02ld", d, secs / 3600,
	    secs / 60 % 60, secs % 60);
	return (k < 0 || (size_t)k >= n) ? UF_EINTERNAL : UF_OK;
}

/* When person p answered wave w: a day inside the window up to today,
 * early days likelier, during the day; how long it took. */
struct when {
	long day, end_secs, start_secs;
};

static void
when_for(const struct demo_run *run, const struct demo_person *p, int w,
    struct when *t)
{
	long first = run->opens[w];
	long last = run->closes[w] < run->today ? run->closes[w] : run->today;
	struct rng r;
	double u;

	if (last < first)
		last = first;
	rng_seed(&r, rng_mix(run->seed, rng_hash(p->panel) ^ (0x7165ULL + (uint64_t)w)));
	u = rng_unit(&r);
	t->day = first + (long)(pow(u, 1.6) * (double)(last - first + 1));
	if (t->day > last)
		t->day = last;
	t->end_secs = rng_range(&r, 8 * 3600, 20 * 3600);
	t->start_secs = t->end_secs - rng_range(&r, p->grp == GROUP_PATIENT ? 3 * 60 : 6 * 60, p->grp == GROUP_PATIENT ? 15 * 60 : 35 * 60);
}

/* A response's submission id; the slug is part of its seed because
 * submission ids are unique across studies. */
static uf_err
add_uuid(struct buf *b, uint64_t seed)
{
	char u[DEMO_UUID_LEN + 1];

	demo_uuid(seed, u);
	return buf_adds(b, u);
}

/* Text in COPY text format: backslash, tab, newline and CR escaped. */
static uf_err
add_copy_text(struct buf *b, const char *s)
{
	const char *run = s;
	uf_err e;

	for (; *s != '\0'; s++) {
		const char *esc = *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" :
		    *s == '\n'                                     ? "\\n" :
		    *s == '\r'                                     ? "\\r" :
		                                                     NULL;

		if (esc == NULL)
			continue;
		if ((e = buf_add(b, run, (size_t)(s - run))) != UF_OK ||
		    (e = buf_adds(b, esc)) != UF_OK)
			return e;
		run = s + 1;
	}
	return buf_add(b, run, (size_t)(s - run));
}

static uf_err
copy_flush(struct demo_run *run, bool force)
{
	uf_err e = UF_OK;

	if (run->out.len == 0 || (!force && run->out.len < COPY_FLUSH))
		return UF_OK;
	e = db_copy_put(run->db, run->out.data, run->out.len);
	buf_reset(&run->out);
	return e;
}

static uf_err
copy_finish(struct demo_run *run)
{
	uf_err e;

	if ((e = copy_flush(run, true)) != UF_OK)
		return e;
	run->copying = false;
	return db_copy_end(run->db);
}

bool
demo_form_has_wave(const struct form *f, int months)
{
	size_t i;

	for (i = 0; i < f->nwaves; i++)
		if (f->waves[i] == months)
			return true;
	return false;
}

static uf_err
store_frame(struct demo_run *run)
{
	char start[DATE_LEN + 1], o[DATE_LEN + 1], c[DATE_LEN + 1];
	int u, w, g;
	uf_err e;

	date_format(run->start, start);
	if ((e = db_study_insert(run->db, run->slug, DEMO_STUDY_NAME, start, true,
	         &run->study)) != UF_OK)
		return e;
	for (u = 0; u < DEMO_NUNITS; u++) {
		struct demo_unit *un = &run->panel.units[u];

		if ((e = db_unit_insert(run->db, run->study, un->name, un->kind,
		         un->huvudman, un->label, &un->id)) != UF_OK)
			return e;
	}
	for (w = 0; w < DEMO_NWAVES; w++) {
		date_format(run->opens[w], o);
		date_format(run->closes[w], c);
		if ((e = db_wave_insert(run->db, run->study, demo_wave_months[w], o,
		         c, &run->wave_id[w])) != UF_OK)
			return e;
		for (g = 0; g < GROUP__MAX; g++) {
			const struct form *f = run->forms[g];

			if (!demo_form_has_wave(f, demo_wave_months[w]))
				continue;
			if ((e = db_wave_instrument_insert(run->db, run->wave_id[w],
			         group_id(g), f->id, f->version)) != UF_OK)
				return e;
		}
	}
	return UF_OK;
}

static long
first_day_of(const struct demo_run *run, const struct demo_person *p)
{
	unsigned seen = p->waves | p->declined;
	int w;

	for (w = 0; w < DEMO_NWAVES; w++)
		if (seen & (1u << w))
			return run->opens[w];
	return run->opens[0];
}

static uf_err
set_participant_id(void *ctx, const char *panel_id, long long id)
{
	struct demo_person *p = demo_panel_find(ctx, panel_id);

	if (p == NULL)
		return UF_EINTERNAL;
	p->id = id;
	return UF_OK;
}

static uf_err
store_participants(struct demo_run *run)
{
	char ts[32];
	size_t i;
	uf_err e;

	if ((e = db_participant_copy_begin(run->db)) != UF_OK)
		return e;
	run->copying = true;
	for (i = 0; i < run->panel.n; i++) {
		const struct demo_person *p = &run->panel.people[i];

		if ((e = timestamp(ts, sizeof(ts), first_day_of(run, p),
		         8 * 3600)) != UF_OK ||
		    (e = buf_printf(&run->out, "%lld\t%s\t%s\t%lld\tt\t%s\n",
		         run->study, p->panel, group_id(p->grp),
		         run->panel.units[p->unit].id, ts)) != UF_OK ||
		    (e = copy_flush(run, false)) != UF_OK)
			return e;
	}
	if ((e = copy_finish(run)) != UF_OK)
		return e;
	return db_participant_each(run->db, run->study, set_participant_id,
	    &run->panel);
}

static uf_err
store_consents(struct demo_run *run)
{
	char ts[32];
	struct when t;
	size_t i;
	int w;
	uf_err e;

	if ((e = db_consent_copy_begin(run->db)) != UF_OK)
		return e;
	run->copying = true;
	for (i = 0; i < run->panel.n; i++) {
		const struct demo_person *p = &run->panel.people[i];

		for (w = 0; w < DEMO_NWAVES; w++) {
			bool given = p->waves & (1u << w);

			if (!given && !(p->declined & (1u << w)))
				continue;
			when_for(run, p, w, &t);
			if ((e = timestamp(ts, sizeof(ts), t.day,
			         t.start_secs)) != UF_OK ||
			    (e = buf_printf(&run->out, "%lld\t%lld\t%s\t%s\t%s\t%s\n",
			         p->id, run->wave_id[w], DEMO_INFO_VERSION,
			         given ? "given" : "declined", ts, p->lang)) != UF_OK ||
			    (e = copy_flush(run, false)) != UF_OK)
				return e;
		}
	}
	return copy_finish(run);
}

static uf_err
set_response_id(void *ctx, const char *panel_id, int months, long long id)
{
	struct demo_person *p = demo_panel_find(ctx, panel_id);
	int w;

	if (p == NULL)
		return UF_EINTERNAL;
	for (w = 0; w < DEMO_NWAVES; w++)
		if (demo_wave_months[w] == months) {
			p->resp[w] = id;
			return UF_OK;
		}
	return UF_EINTERNAL;
}

static uf_err
store_responses(struct demo_run *run)
{
	char started[32], submitted[32];
	struct when t;
	size_t i;
	int w;
	uf_err e;

	if ((e = db_response_copy_begin(run->db)) != UF_OK)
		return e;
	run->copying = true;
	for (i = 0; i < run->panel.n; i++) {
		const struct demo_person *p = &run->panel.people[i];
		const struct form *f = run->forms[p->grp];

		for (w = 0; w < DEMO_NWAVES; w++) {
			if (!(p->waves & (1u << w)))
				continue;
			when_for(run, p, w, &t);
			if ((e = timestamp(started, sizeof(started), t.day,
			         t.start_secs)) != UF_OK ||
			    (e = timestamp(submitted, sizeof(submitted), t.day,
			         t.end_secs)) != UF_OK ||
			    (e = add_uuid(&run->out, rng_mix(run->seed ^ rng_hash(run->slug), rng_hash(p->panel) ^ (0x55ULL + (uint64_t)w)))) != UF_OK ||
			    (e = buf_printf(&run->out,
			         "\t%lld\t%lld\t%s\t%d\tsubmitted\t%s\t%s\t%s\t%s\t%s\n",
			         p->id, run->wave_id[w], f->id, f->version, started,
			         submitted, submitted, p->lang, p->easy ? "t" : "f")) != UF_OK ||
			    (e = copy_flush(run, false)) != UF_OK)
				return e;
		}
	}
	if ((e = copy_finish(run)) != UF_OK)
		return e;
	return db_response_each(run->db, run->study, set_response_id, &run->panel);
}

/* One answer row; the value column follows the item type (single choice
 * and text in value_text, as collect_put_answers stores them). */
static uf_err
add_answer(struct demo_run *run, long long rid, const struct form *f,
    const struct form_item *it, const struct form_answer *a)
{
	struct buf *b = &run->out;
	size_t k;
	uf_err e;

	if ((e = buf_printf(b, "%lld\t%s\t%d\t%s\t%s\t%s\t", rid, f->id, f->version,
	         it->id, a->kind == ANSWER_DONT_KNOW ? "t" : "f",
	         a->kind == ANSWER_DECLINE ? "t" : "f")) != UF_OK)
		return e;
	switch (a->kind) {
	case ANSWER_DONT_KNOW:
	case ANSWER_DECLINE:
		return buf_adds(b, "\\N\t\\N\t\\N\t\\N\n");
	case ANSWER_INT:
		return buf_printf(b, "%ld\t\\N\t\\N\t\\N\n", a->ival);
	case ANSWER_CHOICES:
		/* Option codes are [a-z0-9_]: no array quoting needed. */
		if ((e = buf_adds(b, "\\N\t\\N\t{")) != UF_OK)
			return e;
		for (k = 0; k < a->nchoices; k++)
			if ((k > 0 && (e = buf_adds(b, ",")) != UF_OK) ||
			    (e = buf_adds(b, a->choices[k])) != UF_OK)
				return e;
		return buf_adds(b, "}\t\\N\n");
	case ANSWER_TEXT:
		if (item_types[it->type].storage == STORAGE_DATE)
			return buf_printf(b, "\\N\t\\N\t\\N\t%s\n", a->text);
		if ((e = buf_adds(b, "\\N\t")) != UF_OK ||
		    (e = add_copy_text(b, a->text)) != UF_OK)
			return e;
		return buf_adds(b, "\t\\N\t\\N\n");
	case ANSWER_NONE:
	case ANSWER_KIND__MAX:
		break;
	}
	return UF_EINTERNAL;
}

static uf_err
store_answers(struct demo_run *run)
{
	struct form_error err;
	struct demo_who who;
	size_t i, k;
	int w;
	uf_err e;

	if ((e = db_answer_copy_begin(run->db)) != UF_OK)
		return e;
	run->copying = true;
	for (i = 0; i < run->panel.n; i++) {
		const struct demo_person *p = &run->panel.people[i];
		const struct demo_form *df = &run->models[p->grp];

		for (w = 0; w < DEMO_NWAVES; w++) {
			if (!(p->waves & (1u << w)))
				continue;
			if (p->resp[w] == 0)
				return UF_EINTERNAL;
			memset(&who, 0, sizeof(who));
			who.seed = rng_mix(run->seed, rng_hash(p->panel) ^ (0xa115ULL + (uint64_t)w));
			who.months = demo_wave_months[w];
			who.t = w;
			who.unit_effect = run->panel.units[p->unit].effect;
			who.person_effect = p->effect;
			who.first_day = run->start;
			who.last_day = run->opens[w];
			who.lang = p->lang;
			memset(&err, 0, sizeof(err));
			if ((e = demo_answers_draw(df, &who, run->draw, &err)) != UF_OK) {
				char line[512];

				form_error_format(&err, line, sizeof(line));
				fprintf(stderr, "uppfolj-admin " CMD ": generator "
				                "made an invalid answer set: %s\n",
				    line);
				return e;
			}
			for (k = 0; k < df->f->nitems; k++) {
				if (run->draw->ans[k].kind == ANSWER_NONE)
					continue;
				if ((e = add_answer(run, p->resp[w], df->f,
				         &df->f->items[k], &run->draw->ans[k])) != UF_OK)
					return e;
			}
			if ((e = copy_flush(run, false)) != UF_OK)
				return e;
		}
	}
	return copy_finish(run);
}

static uf_err
store_kiosk_codes(struct demo_run *run, const unsigned char key[CODE_KEY_LEN])
{
	char norm[CODE_LEN + 1], bytea[2 + 2 * CODE_HASH_LEN + 1], exp[32];
	unsigned char h[CODE_HASH_LEN];
	size_t i;
	uf_err e;

	if (run->open_wave < 0)
		return UF_OK;
	if ((e = timestamp(exp, sizeof(exp), run->closes[run->open_wave],
	         23 * 3600 + 59 * 60 + 59)) != UF_OK)
		return e;
	for (i = 0; i < run->panel.n; i++) {
		const struct demo_person *p = &run->panel.people[i];
		struct kiosk_code *kc;

		if (!p->kiosk || run->ncodes == DEMO_NKIOSK_MAX)
			continue;
		/* Random, not from the seed: a code must not be guessable. */
		if ((e = code_generate(norm)) != UF_OK)
			return e;
		code_hash(key, norm, h);
		code_hash_bytea(h, bytea);
		if ((e = db_access_code_insert(run->db, p->id,
		         run->wave_id[run->open_wave], bytea, exp)) != UF_OK)
			return e;
		kc = &run->codes[run->ncodes++];
		code_format(norm, kc->code);
		kc->grp = group_id(p->grp);
		kc->kind = run->panel.units[p->unit].kind;
		memcpy(kc->panel, p->panel, sizeof(kc->panel));
	}
	return UF_OK;
}

uf_err
demo_store(struct demo_run *run, const unsigned char key[CODE_KEY_LEN])
{
	uf_err e;

	if ((e = store_frame(run)) != UF_OK ||
	    (e = store_participants(run)) != UF_OK ||
	    (e = store_consents(run)) != UF_OK ||
	    (e = store_responses(run)) != UF_OK ||
	    (e = store_answers(run)) != UF_OK ||
	    (e = store_kiosk_codes(run, key)) != UF_OK)
		return e;
	return UF_OK;
}
