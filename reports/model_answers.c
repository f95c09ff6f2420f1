/* SPDX-License-Identifier: ISC
 * The one pass over the answers: the submitted responses of the report's
 * waves (ordered by participant and wave) place each answer; the answers
 * are then read once, in the order the table holds them, as a COPY streams them,
 * and counted (model_counts.c) and kept as each participant's values per
 * wave, from which the paired 5x5 tables and the scale scores are computed.
 * This replaces a counting query and a values query, each its own scan of
 * the answer table, which were most of both reports' time.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "db_report.h"
#include "item_types.h"
#include "model_answers.h"
#include "model_lang.h"
#include "model_texts.h"

#define NO_VALUE INT_MIN

struct scale_spec { /* how to score one scale of a group */
	size_t nitems;
	size_t *item; /* form item indexes */
	long *rev;    /* 0, or the sum min+max for a reversed item */
	size_t min_answered;
	long mult; /* nitems for a sum scale, else 1 */
};

struct group_values { /* one group's values per participant and wave */
	long long *pid;
	int *wave;
	int *v; /* [n * nitems], NO_VALUE where unanswered */
	size_t n, cap, nitems;
	struct scale_spec spec[MODEL_MAX_SCALES];
};

/* The items of one instrument version: rows [first, first + n) of the item
 * types result, ids in byte order; map[g][k] is item k's index in group
 * g's report instrument (-1: not reported), made when first needed. */
struct version_items {
	const char *instrument_id;
	int version;
	size_t first, n;
	long *map[GROUP__MAX];
};

struct item_table {
	const char **id;      /* [rows] */
	enum item_type *type; /* [rows]; ITEM_TYPE__MAX: unknown */
	struct version_items *ver;
	size_t nver;
};

/* Where an answer of a response goes. */
struct response_slot {
	long long response_id;
	int w;            /* model wave index */
	int grp;          /* participant's group, -1: none reported */
	int igrp;         /* instrument's group, -1: none reported */
	int ver;          /* index in item_table.ver, -1: unknown */
	bool has_rec;     /* values are kept (pairs or scores) */
	size_t rec;       /* record in group_values[grp] */
	const char *lang; /* borrowed from the responses' result */
	bool easy;
};

struct pass {
	struct model *m;
	struct group_values *gvs;
	struct item_table items;
	struct response_slot *resp; /* sorted by response_id */
	size_t nresp;
	const struct response_slot *last; /* the previous answer's */
	size_t hint;                      /* its item's row + 1 */
	struct text_sample *texts;        /* or NULL */
};

/* ---- definitions ------------------------------------------------------------- */

static uf_err
add_scale(struct model_group *mg, const char *id, const char *name, bool theme,
    size_t theme_index, size_t nitems)
{
	if (mg->nscales >= MODEL_MAX_SCALES)
		return UF_ELIMIT;
	struct model_scale *s = &mg->scales[mg->nscales];
	s->id = strdup(id);
	s->name = strdup(name);
	if (s->id == NULL || s->name == NULL)
		return UF_ENOMEM;
	s->theme = theme;
	s->theme_index = theme_index;
	s->nitems = nitems;
	mg->nscales++;
	return UF_OK;
}

static uf_err
spec_alloc(struct scale_spec *sp, size_t n)
{
	sp->item = calloc(n ? n : 1, sizeof *sp->item);
	sp->rev = calloc(n ? n : 1, sizeof *sp->rev);
	return sp->item && sp->rev ? UF_OK : UF_ENOMEM;
}

/* Whether likert item i is asked in every wave the group is asked in. */
static bool
in_every_wave(const struct model *m, enum respondent_group g, size_t i)
{
	for (size_t w = 0; w < m->nwaves; w++)
		if (model_asked(m, w, g) && !model_item_asked(m, w, g, i))
			return false;
	return true;
}

static bool
theme_item(const struct model *m, enum respondent_group g, size_t t, size_t i)
{
	const struct form_item *it = &m->groups[g].form->items[i];
	return it->theme == t && it->type == ITEM_LIKERT5 && in_every_wave(m, g, i);
}

/* The instrument's scales, then one pseudo scale per theme: the mean of its
 * likert items asked in every wave (at least two), half of them answered,
 * reversed items (form_item.reversed, the one mark of direction) reversed. */
static uf_err
define_scales(struct model *m, enum respondent_group g, struct group_values *gv)
{
	struct model_group *mg = &m->groups[g];
	const struct form *f = mg->form;
	uf_err e = UF_OK;

	for (size_t s = 0; s < f->nscales; s++) {
		const struct form_scale *sc = &f->scales[s];
		struct scale_spec *sp = &gv->spec[mg->nscales];
		CK(add_scale(mg, sc->id, sc->sv, false, 0, sc->nitems));
		CK(spec_alloc(sp, sc->nitems));
		for (size_t k = 0; k < sc->nitems; k++) {
			const struct form_item *it = &f->items[sc->items[k]];
			sp->item[k] = sc->items[k];
			if (sc->reverse[k])
				sp->rev[k] = it->type == ITEM_LIKERT5 ? 6 : it->min + it->max;
		}
		sp->nitems = sc->nitems;
		sp->min_answered = sc->min_answered;
		sp->mult = sc->method == SCALE_SUM ? (long)sc->nitems : 1;
	}
	for (size_t t = 0; t < f->nthemes; t++) {
		size_t cnt = 0;
		for (size_t i = 0; i < f->nitems; i++)
			if (theme_item(m, g, t, i))
				cnt++;
		if (cnt < 2)
			continue;
		struct scale_spec *sp = &gv->spec[mg->nscales];
		CK(add_scale(mg, f->themes[t].id, f->themes[t].sv, true, t, cnt));
		CK(spec_alloc(sp, cnt));
		for (size_t i = 0; i < f->nitems; i++)
			if (theme_item(m, g, t, i)) {
				/* negatively worded items count the other way, as
				 * in the instrument's own scales */
				sp->rev[sp->nitems] = f->items[i].reversed ? 6 : 0;
				sp->item[sp->nitems++] = i;
			}
		sp->min_answered = (cnt + 1) / 2;
		sp->mult = 1;
	}
out:
	return e;
}

/* A likert item is compared between the first and the last wave it was
 * asked in, when those differ. */
static void
define_pairs(struct model *m, enum respondent_group g)
{
	const struct form *f = m->groups[g].form;
	for (size_t i = 0; i < f->nitems; i++) {
		if (f->items[i].type != ITEM_LIKERT5)
			continue;
		int first = -1, last = -1;
		for (size_t w = 0; w < m->nwaves; w++)
			if (model_item_asked(m, w, g, i)) {
				if (first < 0)
					first = (int)w;
				last = (int)w;
			}
		if (first < 0 || first == last)
			continue;
		struct pair_table *pt = &m->groups[g].pairs[i];
		pt->wanted = true;
		pt->w1 = first;
		pt->w2 = last;
	}
}

/* ---- reading ------------------------------------------------------------------- */

/* The record of participant pid in model wave w: the last one when the rows
 * of the same participant and wave follow each other (rows come ordered by
 * participant and wave), else a new one. */
static uf_err
record(struct group_values *gv, long long pid, int w, size_t *out)
{
	if (gv->n == 0 || gv->pid[gv->n - 1] != pid || gv->wave[gv->n - 1] != w) {
		if (gv->n == gv->cap) {
			size_t nc = gv->cap ? gv->cap * 2 : 256;
			long long *np = realloc(gv->pid, nc * sizeof *np);
			if (np == NULL)
				return UF_ENOMEM;
			gv->pid = np;
			int *nw = realloc(gv->wave, nc * sizeof *nw);
			if (nw == NULL)
				return UF_ENOMEM;
			gv->wave = nw;
			int *nv = realloc(gv->v, nc * (gv->nitems ? gv->nitems : 1) * sizeof *nv);
			if (nv == NULL)
				return UF_ENOMEM;
			gv->v = nv;
			gv->cap = nc;
		}
		gv->pid[gv->n] = pid;
		gv->wave[gv->n] = w;
		for (size_t i = 0; i < gv->nitems; i++)
			gv->v[gv->n * gv->nitems + i] = NO_VALUE;
		gv->n++;
	}
	*out = gv->n - 1;
	return UF_OK;
}

/* ---- the pass -------------------------------------------------------------- */

static void
items_free(struct item_table *t)
{
	for (size_t v = 0; v < t->nver; v++)
		for (size_t g = 0; g < GROUP__MAX; g++)
			free(t->ver[v].map[g]);
	free(t->ver);
	free(t->id);
	free(t->type);
	memset(t, 0, sizeof *t);
}

/* The item types of every instrument version; the strings point into r,
 * which the caller keeps until the pass ends. */
static uf_err
items_read(const struct db_res *r, struct item_table *t)
{
	size_t n = (size_t)db_res_rows(r);
	uf_err e = UF_ENOMEM;

	t->id = calloc(n ? n : 1, sizeof *t->id);
	t->type = calloc(n ? n : 1, sizeof *t->type);
	t->ver = calloc(n ? n : 1, sizeof *t->ver);
	if (t->id == NULL || t->type == NULL || t->ver == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct r_item_type row;
		CK(db_report_item_type_at(r, (int)i, &row));
		t->id[i] = row.item_id;
		if (!item_type_parse(row.type, &t->type[i]))
			t->type[i] = ITEM_TYPE__MAX;
		struct version_items *v = t->nver ? &t->ver[t->nver - 1] : NULL;
		if (v == NULL || v->version != row.version ||
		    strcmp(v->instrument_id, row.instrument_id) != 0) {
			v = &t->ver[t->nver++];
			v->instrument_id = row.instrument_id;
			v->version = row.version;
			v->first = i;
		}
		v->n++;
	}
	e = UF_OK;
out:
	return e;
}

static int
items_version(const struct item_table *t, const char *instrument_id, int version)
{
	for (size_t v = 0; v < t->nver; v++)
		if (t->ver[v].version == version &&
		    strcmp(t->ver[v].instrument_id, instrument_id) == 0)
			return (int)v;
	return -1;
}

/* Row of item `id` in version v, or -1. The answers of a response mostly
 * come in one order, so the row after the previous answer's is tried
 * first. */
static long
items_find(const struct item_table *t, const struct version_items *v,
    const char *id, size_t *hint)
{
	size_t lo = v->first, hi = v->first + v->n;
	if (*hint >= lo && *hint < hi && strcmp(t->id[*hint], id) == 0)
		return (long)(*hint)++;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(t->id[mid], id);
		if (c == 0) {
			*hint = mid + 1;
			return (long)mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Index in group g's report instrument of row `row` of version v, or -1. */
static uf_err
items_map(const struct model *m, struct item_table *t, int v, int g, size_t row,
    long *idx)
{
	struct version_items *vi = &t->ver[v];
	if (vi->map[g] == NULL) {
		vi->map[g] = malloc((vi->n ? vi->n : 1) * sizeof *vi->map[g]);
		if (vi->map[g] == NULL)
			return UF_ENOMEM;
		for (size_t k = 0; k < vi->n; k++)
			vi->map[g][k] = form_item_index(m->groups[g].form, t->id[vi->first + k]);
	}
	*idx = vi->map[g][row - vi->first];
	return UF_OK;
}

static int
by_response(const void *a, const void *b)
{
	long long x = ((const struct response_slot *)a)->response_id;
	long long y = ((const struct response_slot *)b)->response_id;
	return (x > y) - (x < y);
}

/* Group text -> enum of a group with a report instrument, else -1. */
static int
reported_group(const struct model *m, const char *text)
{
	enum respondent_group g;
	if (!group_parse(text, &g) || m->groups[g].form == NULL)
		return -1;
	return (int)g;
}

/* The responses: a slot each, and a record per participant and wave of
 * the participant's group (rows come ordered by participant and wave). */
static uf_err
responses_read(struct pass *p, const struct db_res *r, bool keep_values)
{
	size_t n = (size_t)db_res_rows(r);
	uf_err e = UF_ENOMEM;

	p->resp = calloc(n ? n : 1, sizeof *p->resp);
	if (p->resp == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		struct r_response row;
		CK(db_report_response_at(r, (int)i, &row));
		int w = model_wave_index(p->m, row.months);
		if (w < 0)
			continue;
		struct response_slot *s = &p->resp[p->nresp++];
		s->response_id = row.response_id;
		s->w = w;
		s->grp = reported_group(p->m, row.grp);
		s->igrp = reported_group(p->m, row.instrument_grp);
		s->ver = items_version(&p->items, row.instrument_id, row.version);
		s->lang = row.lang;
		s->easy = row.easy;
		/* the respondents' languages, test waves left out */
		enum respondent_group lg;
		if (!row.test_wave && group_parse(row.grp, &lg))
			CK(model_lang_add(p->m->langs, (size_t)w, lg, row.participant_id, row.lang,
			    row.easy));
		s->has_rec = keep_values && s->grp >= 0;
		if (s->has_rec)
			CK(record(&p->gvs[s->grp], row.participant_id, w, &s->rec));
	}
	qsort(p->resp, p->nresp, sizeof *p->resp, by_response);
	e = UF_OK;
out:
	return e;
}

static const struct response_slot *
response_find(struct pass *p, long long id)
{
	if (p->last != NULL && p->last->response_id == id)
		return p->last;
	struct response_slot key = { .response_id = id };
	p->last = bsearch(&key, p->resp, p->nresp, sizeof *p->resp, by_response);
	return p->last;
}

/* One answer: counted under its instrument's group, its value kept under
 * the participant's. */
static uf_err
answer_add(struct pass *p, const struct r_answer *a)
{
	const struct response_slot *s = response_find(p, a->response_id);
	long row, idx;
	uf_err e = UF_OK;

	if (s == NULL || s->ver < 0)
		goto out; /* a response submitted after the list was read */
	row = items_find(&p->items, &p->items.ver[s->ver], a->item_id, &p->hint);
	if (row < 0)
		goto out;
	if (s->igrp >= 0) {
		CK(items_map(p->m, &p->items, s->ver, s->igrp, (size_t)row, &idx));
		if (idx >= 0)
			model_counts_add(p->m, (size_t)s->w, (enum respondent_group)s->igrp,
			    (size_t)idx, p->items.type[row], a);
	}
	if (s->has_rec && a->has_int) {
		struct group_values *gv = &p->gvs[s->grp];
		CK(items_map(p->m, &p->items, s->ver, s->grp, (size_t)row, &idx));
		if (idx >= 0 && a->value_int > INT_MIN && a->value_int <= INT_MAX)
			gv->v[s->rec * gv->nitems + (size_t)idx] = (int)a->value_int;
	}
	/* free text, sampled under the participant's group */
	if (p->texts != NULL && s->grp >= 0 && a->text != NULL &&
	    p->items.type[row] == ITEM_TEXT) {
		CK(items_map(p->m, &p->items, s->ver, s->grp, (size_t)row, &idx));
		if (idx >= 0)
			CK(text_sample_add(p->texts,
			    ((size_t)s->w * GROUP__MAX + (size_t)s->grp) * FORM_MAX_ITEMS + (size_t)idx,
			    a->text, a->text_key, s->lang, s->easy));
	}
out:
	return e;
}

/* Read the responses, then every answer as the COPY streams it, in one
 * transaction (this function's). */
static uf_err
read_answers(struct db *db, struct model *m, const char *months,
    struct group_values *gvs, bool keep_values, struct text_sample *texts)
{
	struct db_res *types = NULL, *resp = NULL;
	struct pass p = { .m = m, .gvs = gvs, .texts = texts };
	bool open = false;
	uf_err e;

	CK(db_report_item_types(db, &types));
	CK(items_read(types, &p.items));
	CK(db_report_responses(db, m->study_id_text, months, &resp));
	CK(responses_read(&p, resp, keep_values));
	CK(db_begin(db));
	open = true;
	CK(db_report_answers_open(db, m->study_id_text, months, texts != NULL));
	for (;;) {
		struct r_answer a;
		bool end;
		CK(db_report_answer_next(db, &a, &end));
		if (end)
			break;
		CK(answer_add(&p, &a));
	}
out:
	if (e != UF_OK)
		db_report_answers_abort(db);
	if (open)
		e = db_end(db, e);
	db_res_free(resp);
	items_free(&p.items);
	free(p.resp);
	db_res_free(types);
	return e;
}

/* ---- computing ----------------------------------------------------------------- */

uf_err
score_push(struct score_set *ss, long long p, double v)
{
	if (ss->n == ss->cap) {
		size_t nc = ss->cap ? ss->cap * 2 : 64;
		struct score *ns = realloc(ss->s, nc * sizeof *ns);
		if (ns == NULL)
			return UF_ENOMEM;
		ss->s = ns;
		ss->cap = nc;
	}
	ss->s[ss->n++] = (struct score){ p, v };
	return UF_OK;
}

/* Score of every scale for every record with enough items answered: the
 * mean of the (reversed where marked) values, times the number of items for
 * a sum scale. */
static uf_err
compute_scores(struct model_group *mg, const struct group_values *gv)
{
	uf_err e = UF_OK;
	for (size_t r = 0; r < gv->n; r++) {
		const int *v = &gv->v[r * gv->nitems];
		for (size_t s = 0; s < mg->nscales; s++) {
			const struct scale_spec *sp = &gv->spec[s];
			long sum = 0;
			size_t cnt = 0;
			for (size_t k = 0; k < sp->nitems; k++) {
				int x = v[sp->item[k]];
				if (x == NO_VALUE)
					continue;
				sum += sp->rev[k] > 0 ? sp->rev[k] - x : x;
				cnt++;
			}
			if (cnt == 0 || cnt < sp->min_answered)
				continue;
			double score = (double)(sum * sp->mult) / (double)cnt;
			CK(score_push(&mg->scores[s][gv->wave[r]], gv->pid[r], score));
		}
	}
out:
	return e;
}

/* Per participant (consecutive records), each wanted item's values in its
 * two waves, when both are 1-5. */
static void
compute_pairs(struct model_group *mg, const struct group_values *gv)
{
	for (size_t a = 0, b; a < gv->n; a = b) {
		const int *at[MODEL_MAX_WAVES] = { 0 };
		for (b = a; b < gv->n && gv->pid[b] == gv->pid[a]; b++)
			at[gv->wave[b]] = &gv->v[b * gv->nitems];
		if (b - a < 2)
			continue;
		for (size_t i = 0; i < gv->nitems; i++) {
			struct pair_table *pt = &mg->pairs[i];
			if (!pt->wanted || at[pt->w1] == NULL || at[pt->w2] == NULL)
				continue;
			int v1 = at[pt->w1][i], v2 = at[pt->w2][i];
			if (v1 < 1 || v1 > 5 || v2 < 1 || v2 > 5)
				continue;
			pt->c[v1 - 1][v2 - 1]++;
			pt->npairs++;
		}
	}
}

uf_err
model_load_answers(struct db *db, struct model *m, const char *months,
    bool pairs, bool scores, struct text_sample *texts)
{
	struct group_values *gvs = calloc(GROUP__MAX, sizeof *gvs);
	uf_err e = UF_ENOMEM;

	if (gvs == NULL)
		goto out;
	for (size_t g = 0; g < GROUP__MAX; g++) {
		struct model_group *mg = &m->groups[g];
		if (mg->form == NULL)
			continue;
		gvs[g].nitems = mg->form->nitems;
		if (scores)
			CK(define_scales(m, (enum respondent_group)g, &gvs[g]));
		if (pairs)
			define_pairs(m, (enum respondent_group)g);
	}
	CK(read_answers(db, m, months, gvs, pairs || scores, texts));
	for (size_t g = 0; g < GROUP__MAX; g++) {
		struct model_group *mg = &m->groups[g];
		if (mg->form == NULL)
			continue;
		if (scores)
			CK(compute_scores(mg, &gvs[g]));
		if (pairs)
			compute_pairs(mg, &gvs[g]);
	}
out:
	if (gvs != NULL) {
		for (size_t g = 0; g < GROUP__MAX; g++) {
			free(gvs[g].pid);
			free(gvs[g].wave);
			free(gvs[g].v);
			for (size_t s = 0; s < MODEL_MAX_SCALES; s++) {
				free(gvs[g].spec[s].item);
				free(gvs[g].spec[s].rev);
			}
		}
		free(gvs);
	}
	return e;
}
