/* SPDX-License-Identifier: ISC
 * Per-participant values -> paired 5x5 tables and scale scores. One query
 * returns each submitted response's valued answers as "item value ..." text
 * ordered by participant; both results are computed here in one pass. This
 * replaces a self-join for the pairs and one scan of the answer table per
 * group for the scores, which dominated the slutrapport's time.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "db_report.h"
#include "model_values.h"

#define NO_VALUE    INT_MIN
#define ITEM_ID_MAX 64 /* form ids are at most 32 characters */

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
	size_t *sorted; /* item indexes sorted by id, for lookups */
	struct scale_spec spec[MODEL_MAX_SCALES];
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

static uf_err
index_items(const struct form *f, struct group_values *gv)
{
	gv->nitems = f->nitems;
	gv->sorted = malloc((f->nitems ? f->nitems : 1) * sizeof *gv->sorted);
	if (gv->sorted == NULL)
		return UF_ENOMEM;
	/* insertion sort: at most FORM_MAX_ITEMS ids, once per group */
	for (size_t i = 0; i < f->nitems; i++) {
		size_t j = i;
		while (j > 0 && strcmp(f->items[gv->sorted[j - 1]].id, f->items[i].id) > 0) {
			gv->sorted[j] = gv->sorted[j - 1];
			j--;
		}
		gv->sorted[j] = i;
	}
	return UF_OK;
}

/* Index of item `id` in the form, or -1 (an item of an older version). The
 * answers mostly come in id order, so the item after the last hit is tried
 * first. */
static long
find_item(const struct form *f, const struct group_values *gv, const char *id,
    size_t *hint)
{
	size_t lo = 0, hi = gv->nitems;
	if (*hint < gv->nitems && strcmp(f->items[gv->sorted[*hint]].id, id) == 0)
		return (long)gv->sorted[(*hint)++];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(f->items[gv->sorted[mid]].id, id);
		if (c == 0) {
			*hint = mid + 1;
			return (long)gv->sorted[mid];
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The record of participant pid in model wave w: the last one when the rows
 * of the same participant and wave follow each other (rows come ordered by
 * participant and wave), else a new one. */
static uf_err
record(struct group_values *gv, long long pid, int w, int **out)
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
	*out = &gv->v[(gv->n - 1) * gv->nitems];
	return UF_OK;
}

/* "item value item value ...": item ids match ^[a-z][a-z0-9_]*$ and values
 * are integers, so a space separates them. Malformed text is an error. */
static uf_err
parse_values(const struct form *f, const struct group_values *gv,
    const char *s, int *v)
{
	char id[ITEM_ID_MAX];
	size_t hint = 0;
	while (*s != '\0') {
		const char *sp = strchr(s, ' ');
		if (sp == NULL || (size_t)(sp - s) >= sizeof id || sp == s)
			return UF_EFORMAT;
		memcpy(id, s, (size_t)(sp - s));
		id[sp - s] = '\0';
		char *end;
		long x = strtol(sp + 1, &end, 10);
		if (end == sp + 1 || (*end != ' ' && *end != '\0') ||
		    x <= INT_MIN || x > INT_MAX)
			return UF_EFORMAT;
		long idx = find_item(f, gv, id, &hint);
		if (idx >= 0)
			v[idx] = (int)x;
		s = *end == ' ' ? end + 1 : end;
	}
	return UF_OK;
}

static uf_err
read_values(struct db *db, struct model *m, const char *months,
    struct group_values *gvs)
{
	struct db_res *r = NULL;
	uf_err e;
	CK(db_report_values(db, m->study_id_text, months, &r));
	int n = db_res_rows(r);
	for (int i = 0; i < n; i++) {
		long long pid, mo;
		enum respondent_group g;
		int *v;
		CK(db_res_long(r, i, 0, &pid));
		CK(db_res_long(r, i, 1, &mo));
		int w = model_wave_index(m, (int)mo);
		if (w < 0 || !group_parse(db_res_get(r, i, 2), &g) ||
		    m->groups[g].form == NULL)
			continue;
		CK(record(&gvs[g], pid, w, &v));
		CK(parse_values(m->groups[g].form, &gvs[g], db_res_get(r, i, 3), v));
	}
	e = UF_OK;
out:
	db_res_free(r);
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
model_load_values(struct db *db, struct model *m, const char *months,
    bool pairs, bool scores)
{
	struct group_values *gvs = calloc(GROUP__MAX, sizeof *gvs);
	uf_err e = UF_ENOMEM;
	bool any = false;

	if (gvs == NULL)
		goto out;
	for (size_t g = 0; g < GROUP__MAX; g++) {
		struct model_group *mg = &m->groups[g];
		if (mg->form == NULL)
			continue;
		CK(index_items(mg->form, &gvs[g]));
		if (scores)
			CK(define_scales(m, (enum respondent_group)g, &gvs[g]));
		if (pairs)
			define_pairs(m, (enum respondent_group)g);
		any = true;
	}
	e = UF_OK;
	if (!any || !(pairs || scores))
		goto out;
	CK(read_values(db, m, months, gvs));
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
			free(gvs[g].sorted);
			for (size_t s = 0; s < MODEL_MAX_SCALES; s++) {
				free(gvs[g].spec[s].item);
				free(gvs[g].spec[s].rev);
			}
		}
		free(gvs);
	}
	return e;
}
