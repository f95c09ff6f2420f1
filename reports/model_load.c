/* SPDX-License-Identifier: ISC
 * Queries -> model. Reads the study, waves and instruments first (they say
 * what to ask for), then the aggregates. Quotes are cleaned here, once, so
 * no renderer can print a raw one.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db_report.h"
#include "model.h"
#include "privacy.h"

#define CK(expr) do { if ((e = (expr)) != UF_OK) goto out; } while (0)

static char *
dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

static void
say(char *msg, size_t len, const char *text)
{
	if (len && snprintf(msg, len, "%s", text) < 0)
		msg[0] = '\0';
}

static size_t
cidx(size_t w, enum respondent_group g, size_t i)
{
	return (w * GROUP__MAX + (size_t)g) * FORM_MAX_ITEMS + i;
}

const struct item_counts *
model_counts(const struct model *m, size_t w, enum respondent_group g, size_t i)
{
	return &m->counts[cidx(w, g, i)];
}

long
model_respondents(const struct model *m, size_t w, enum respondent_group g)
{
	long n = 0;
	for (size_t l = 0; l < m->nlabels; l++)
		n += m->part[w][g][l].answered;
	return n;
}

long
model_invited(const struct model *m, size_t w, enum respondent_group g)
{
	long n = 0;
	for (size_t l = 0; l < m->nlabels; l++)
		n += m->part[w][g][l].invited;
	return n;
}

long
model_declined(const struct model *m, size_t w, enum respondent_group g)
{
	long n = 0;
	for (size_t l = 0; l < m->nlabels; l++)
		n += m->part[w][g][l].declined;
	return n;
}

bool
model_asked(const struct model *m, size_t w, enum respondent_group g)
{
	return m->groups[g].present && (m->groups[g].wave_mask >> w) & 1u;
}

bool
model_item_asked(const struct model *m, size_t w, enum respondent_group g, size_t i)
{
	const struct model_group *mg = &m->groups[g];
	if (!model_asked(m, w, g) || i >= mg->form->nitems)
		return false;
	return form_asked_in_wave(mg->form, &mg->form->items[i], m->waves[w].months);
}

int
model_wave_index(const struct model *m, int months)
{
	for (size_t w = 0; w < m->nwaves; w++)
		if (m->waves[w].months == months)
			return (int)w;
	return -1;
}

void
model_free(struct model *m)
{
	if (m == NULL)
		return;
	free(m->slug);
	free(m->name);
	free(m->start_date);
	for (size_t g = 0; g < GROUP__MAX; g++) {
		struct model_group *mg = &m->groups[g];
		form_free(mg->form);
		free(mg->pairs);
		for (size_t s = 0; s < MODEL_MAX_SCALES; s++) {
			free(mg->scales[s].id);
			free(mg->scales[s].name);
			for (size_t w = 0; w < MODEL_MAX_WAVES; w++)
				free(mg->scores[s][w].s);
		}
	}
	for (size_t l = 0; l < m->nlabels; l++) {
		free(m->labels[l]);
		free(m->label_huvudman[l]);
	}
	for (size_t q = 0; q < m->nquotes; q++)
		free(m->quotes[q].text);
	free(m->quotes);
	for (size_t u = 0; u < m->nunit_names; u++)
		free(m->unit_names[u]);
	free(m->unit_names);
	free(m->counts);
	free(m->text_total);
	free(m);
}

static uf_err
get_long(const struct db_res *r, int row, int col, long *v)
{
	long long x;
	uf_err e = db_res_long(r, row, col, &x);
	if (e == UF_OK)
		*v = (long)x;
	return e;
}

/* ---- study and waves ----------------------------------------------------- */

static uf_err
load_study(struct db *db, const struct model_opts *o, struct model *m,
    enum model_fail *why, char *msg, size_t msglen)
{
	struct db_res *r = NULL;
	struct buf list;
	uf_err e;
	int pick = -1;

	buf_init(&list, 4096);
	CK(db_report_studies(db, &r));
	int n = db_res_rows(r);
	for (int i = 0; i < n; i++) {
		if (buf_printf(&list, "%s%s", i ? ", " : "", db_res_get(r, i, 1)) != UF_OK)
			break;
		if (o->slug != NULL && strcmp(o->slug, db_res_get(r, i, 1)) == 0)
			pick = i;
	}
	e = UF_ENOTFOUND;
	if (n == 0) {
		*why = MODEL_FAIL_NO_STUDY;
		say(msg, msglen, "the database holds no study");
		goto out;
	}
	if (o->slug == NULL) {
		if (n > 1) {
			*why = MODEL_FAIL_MANY_STUDIES;
			if (msglen && snprintf(msg, msglen, "several studies (%s): "
			    "choose one with --study SLUG", buf_str(&list)) < 0)
				msg[0] = '\0';
			goto out;
		}
		pick = 0;
	}
	if (pick < 0) {
		*why = MODEL_FAIL_UNKNOWN_STUDY;
		if (msglen && snprintf(msg, msglen, "no study \"%s\"; the database "
		    "has: %s", o->slug, buf_str(&list)) < 0)
			msg[0] = '\0';
		goto out;
	}
	long long id;
	CK(db_res_long(r, pick, 0, &id));
	m->study_id = id;
	if (snprintf(m->study_id_text, sizeof m->study_id_text, "%lld", id) < 0) {
		e = UF_EINTERNAL;
		goto out;
	}
	m->slug = dup(db_res_get(r, pick, 1));
	m->name = dup(db_res_get(r, pick, 2));
	m->start_date = dup(db_res_get(r, pick, 3));
	m->synthetic = strcmp(db_res_get(r, pick, 4), "t") == 0;
	e = (m->slug && m->name && m->start_date) ? UF_OK : UF_ENOMEM;
out:
	db_res_free(r);
	buf_free(&list);
	return e;
}

static uf_err
load_waves(struct db *db, const struct model_opts *o, struct model *m,
    enum model_fail *why, char *msg, size_t msglen)
{
	struct db_res *r = NULL;
	struct buf list;
	uf_err e;

	buf_init(&list, 1024);
	CK(db_report_waves(db, m->study_id_text, &r));
	int n = db_res_rows(r);
	m->nwaves = 0;
	for (int i = 0; i < n && m->nwaves < MODEL_MAX_WAVES; i++) {
		struct model_wave *w = &m->waves[m->nwaves++];
		long months;
		CK(db_res_long(r, i, 0, &w->id));
		CK(get_long(r, i, 1, &months));
		w->months = (int)months;
		if (snprintf(w->opens, sizeof w->opens, "%s", db_res_get(r, i, 2)) < 0 ||
		    snprintf(w->closes, sizeof w->closes, "%s", db_res_get(r, i, 3)) < 0) {
			e = UF_EINTERNAL;
			goto out;
		}
		w->closed = strcmp(db_res_get(r, i, 4), "t") == 0;
		if (buf_printf(&list, "%s%d", i ? ", " : "", w->months) != UF_OK)
			break;
	}
	m->focus = -1;
	if (o->months > 0) {
		m->focus = model_wave_index(m, o->months);
		if (m->focus < 0) {
			*why = MODEL_FAIL_UNKNOWN_WAVE;
			if (msglen && snprintf(msg, msglen, "study \"%s\" has no wave at "
			    "%d months; its waves are: %s", m->slug, o->months,
			    m->nwaves ? buf_str(&list) : "(none)") < 0)
				msg[0] = '\0';
			e = UF_ENOTFOUND;
			goto out;
		}
	}
	e = UF_OK;
out:
	db_res_free(r);
	buf_free(&list);
	return e;
}

/* ---- instruments ----------------------------------------------------------- */

static void
add_theme(struct model *m, const struct form_theme *t)
{
	for (size_t i = 0; i < m->nthemes; i++)
		if (strcmp(m->themes[i].id, t->id) == 0)
			return;
	if (m->nthemes < MODEL_MAX_THEMES)
		m->themes[m->nthemes++] = (struct model_theme){ t->id, t->sv };
}

static uf_err
load_instruments(struct db *db, struct model *m, enum model_fail *why,
    char *msg, size_t msglen)
{
	struct db_res *r = NULL;
	uf_err e;
	int latest[GROUP__MAX];

	for (size_t g = 0; g < GROUP__MAX; g++)
		latest[g] = -1;
	CK(db_report_instruments(db, m->study_id_text, &r));
	int n = db_res_rows(r);
	for (int i = 0; i < n; i++) {
		long months;
		enum respondent_group g;
		CK(get_long(r, i, 0, &months));
		if (!form_group_parse(db_res_get(r, i, 1), &g))
			continue;
		int w = model_wave_index(m, (int)months);
		if (w < 0)
			continue;
		m->groups[g].present = true;
		m->groups[g].wave_mask |= 1u << w;
		latest[g] = i;   /* rows come in wave order */
	}
	for (size_t g = 0; g < GROUP__MAX; g++) {
		if (latest[g] < 0)
			continue;
		const char *def = db_res_get(r, latest[g], 4);
		struct form_error fe;
		memset(&fe, 0, sizeof fe);
		e = form_parse(def, strlen(def), db_res_get(r, latest[g], 2),
		    &m->groups[g].form, &fe);
		if (e != UF_OK) {
			char line[512];
			form_error_format(&fe, line, sizeof line);
			*why = MODEL_FAIL_BAD_DEFINITION;
			if (msglen && snprintf(msg, msglen, "stored instrument %s version "
			    "%s does not parse: %s", db_res_get(r, latest[g], 2),
			    db_res_get(r, latest[g], 3), line) < 0)
				msg[0] = '\0';
			goto out;
		}
		m->groups[g].pairs = calloc(m->groups[g].form->nitems,
		    sizeof *m->groups[g].pairs);
		if (m->groups[g].pairs == NULL) {
			e = UF_ENOMEM;
			goto out;
		}
	}
	for (size_t g = 0; g < GROUP__MAX; g++)
		if (m->groups[g].form != NULL)
			for (size_t t = 0; t < m->groups[g].form->nthemes; t++)
				add_theme(m, &m->groups[g].form->themes[t]);
	e = UF_OK;
out:
	db_res_free(r);
	return e;
}

/* ---- participation and counts ------------------------------------------------ */

static int
label_index(struct model *m, const char *label, const char *huvudman)
{
	for (size_t l = 0; l < m->nlabels; l++)
		if (strcmp(m->labels[l], label) == 0)
			return (int)l;
	if (m->nlabels >= MODEL_MAX_LABELS)
		return -1;
	char *a = dup(label), *b = dup(huvudman);
	if (a == NULL || b == NULL) {
		free(a);
		free(b);
		return -2;
	}
	m->labels[m->nlabels] = a;
	m->label_huvudman[m->nlabels] = b;
	return (int)m->nlabels++;
}

static uf_err
load_participation(struct db *db, struct model *m)
{
	struct db_res *r = NULL;
	uf_err e;
	CK(db_report_participation(db, m->study_id_text, NULL, &r));
	int n = db_res_rows(r);
	for (int i = 0; i < n; i++) {
		long months;
		enum respondent_group g;
		CK(get_long(r, i, 0, &months));
		int w = model_wave_index(m, (int)months);
		if (w < 0 || !form_group_parse(db_res_get(r, i, 1), &g))
			continue;
		int l = label_index(m, db_res_get(r, i, 2), db_res_get(r, i, 3));
		if (l == -2) {
			e = UF_ENOMEM;
			goto out;
		}
		if (l < 0)
			continue;
		struct participation *p = &m->part[w][g][l];
		CK(get_long(r, i, 4, &p->invited));
		CK(get_long(r, i, 5, &p->answered));
		CK(get_long(r, i, 6, &p->declined));
	}
	e = UF_OK;
out:
	db_res_free(r);
	return e;
}

static long
option_index(const struct form_item *it, const char *code)
{
	for (size_t k = 0; k < it->noptions; k++)
		if (strcmp(it->options[k].code, code) == 0)
			return (long)k;
	return -1;
}

static uf_err
load_counts(struct db *db, struct model *m, const char *months)
{
	struct db_res *r = NULL;
	uf_err e;
	CK(db_report_counts(db, m->study_id_text, months, &r));
	int n = db_res_rows(r);
	for (int i = 0; i < n; i++) {
		long mo, cnt;
		enum respondent_group g;
		CK(get_long(r, i, 0, &mo));
		int w = model_wave_index(m, (int)mo);
		if (w < 0 || !form_group_parse(db_res_get(r, i, 1), &g) ||
		    m->groups[g].form == NULL)
			continue;
		const struct form *f = m->groups[g].form;
		long idx = form_item_index(f, db_res_get(r, i, 2));
		if (idx < 0)
			continue;   /* an item of an older version: not reported */
		const struct form_item *it = &f->items[idx];
		struct item_counts *c = &m->counts[cidx((size_t)w, g, (size_t)idx)];
		CK(get_long(r, i, 6, &cnt));
		if (strcmp(db_res_get(r, i, 3), "t") == 0) {
			c->dont_know += cnt;
			continue;
		}
		if (it->type == ITEM_LIKERT5) {
			long v;
			if (db_res_isnull(r, i, 4) || get_long(r, i, 4, &v) != UF_OK ||
			    v < 1 || v > 5)
				continue;
			c->v[v - 1] += cnt;
			c->n += cnt;
		} else if (it->type == ITEM_SINGLE || it->type == ITEM_MULTI) {
			if (db_res_isnull(r, i, 5)) {
				if (it->type == ITEM_MULTI)
					c->n += cnt;   /* responses answering */
				continue;
			}
			long k = option_index(it, db_res_get(r, i, 5));
			if (k < 0)
				continue;
			c->v[k] += cnt;
			if (it->type == ITEM_SINGLE)
				c->n += cnt;
		} else {
			c->n += cnt;
		}
	}
	e = UF_OK;
out:
	db_res_free(r);
	return e;
}

/* ---- quotes -------------------------------------------------------------------- */

static uf_err
load_unit_names(struct db *db, struct model *m)
{
	struct db_res *r = NULL;
	uf_err e;
	CK(db_report_unit_names(db, m->study_id_text, &r));
	int n = db_res_rows(r);
	m->unit_names = calloc((size_t)(n ? n : 1), sizeof *m->unit_names);
	e = UF_ENOMEM;
	if (m->unit_names == NULL)
		goto out;
	for (int i = 0; i < n; i++) {
		if ((m->unit_names[i] = dup(db_res_get(r, i, 0))) == NULL)
			goto out;
		m->nunit_names++;
	}
	e = UF_OK;
out:
	db_res_free(r);
	return e;
}

static uf_err
add_quote(struct model *m, int w, enum respondent_group g, size_t item,
    const char *raw)
{
	size_t len = strlen(raw), cap = len * 2 + 64, outlen;
	char *a = malloc(cap), *b = malloc(len + 1);
	uf_err e = UF_ENOMEM;
	if (a == NULL || b == NULL)
		goto out;
	e = privacy_redact_names(raw, len, (const char *const *)m->unit_names,
	    m->nunit_names, a, cap, &outlen);
	if (e != UF_OK)
		goto out;
	/* de-gendering never makes the text longer */
	free(b);
	b = malloc(outlen + 1);
	e = UF_ENOMEM;
	if (b == NULL)
		goto out;
	privacy_degender(a, outlen, b);
	if (m->nquotes == m->capquotes) {
		size_t nc = m->capquotes ? m->capquotes * 2 : 64;
		struct quote *nq = realloc(m->quotes, nc * sizeof *nq);
		if (nq == NULL)
			goto out;
		m->quotes = nq;
		m->capquotes = nc;
	}
	m->quotes[m->nquotes++] = (struct quote){ w, g, item, b };
	b = NULL;
	e = UF_OK;
out:
	free(a);
	free(b);
	return e;
}

static uf_err
load_quotes(struct db *db, struct model *m, const char *months)
{
	struct db_res *r = NULL;
	uf_err e;
	char lim[16];
	if (snprintf(lim, sizeof lim, "%d", MODEL_QUOTES_PER_ITEM) < 0)
		return UF_EINTERNAL;
	CK(load_unit_names(db, m));
	CK(db_report_texts(db, m->study_id_text, months, lim, &r));
	int n = db_res_rows(r);
	for (int i = 0; i < n; i++) {
		long mo, total;
		enum respondent_group g;
		CK(get_long(r, i, 0, &mo));
		int w = model_wave_index(m, (int)mo);
		if (w < 0 || !form_group_parse(db_res_get(r, i, 1), &g) ||
		    m->groups[g].form == NULL)
			continue;
		long idx = form_item_index(m->groups[g].form, db_res_get(r, i, 2));
		if (idx < 0)
			continue;
		/* a group under the limit gives no quotes at all */
		if (!privacy_shown(model_respondents(m, (size_t)w, g), m->min_cell))
			continue;
		CK(get_long(r, i, 4, &total));
		m->text_total[cidx((size_t)w, g, (size_t)idx)] = total;
		CK(add_quote(m, w, g, (size_t)idx, db_res_get(r, i, 3)));
	}
	e = UF_OK;
out:
	db_res_free(r);
	return e;
}

/* ---- pairs and scales --------------------------------------------------------- */

static uf_err
load_pairs(struct db *db, struct model *m)
{
	struct buf grps, items, m1, m2;
	struct db_res *r = NULL;
	uf_err e = UF_OK;
	size_t nspec = 0;

	buf_init(&grps, 0);
	buf_init(&items, 0);
	buf_init(&m1, 0);
	buf_init(&m2, 0);
	for (size_t g = 0; g < GROUP__MAX; g++) {
		const struct form *f = m->groups[g].form;
		if (f == NULL)
			continue;
		for (size_t i = 0; i < f->nitems; i++) {
			if (f->items[i].type != ITEM_LIKERT5)
				continue;
			int first = -1, last = -1;
			for (size_t w = 0; w < m->nwaves; w++)
				if (model_item_asked(m, w, (enum respondent_group)g, i)) {
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
			const char *sep = nspec ? "," : "{";
			CK(buf_printf(&grps, "%s%s", sep, form_group_name((enum respondent_group)g)));
			CK(buf_printf(&items, "%s%s", sep, f->items[i].id));
			CK(buf_printf(&m1, "%s%d", sep, m->waves[first].months));
			CK(buf_printf(&m2, "%s%d", sep, m->waves[last].months));
			nspec++;
		}
	}
	if (nspec == 0)
		goto out;
	CK(buf_adds(&grps, "}"));
	CK(buf_adds(&items, "}"));
	CK(buf_adds(&m1, "}"));
	CK(buf_adds(&m2, "}"));
	CK(db_report_pairs(db, m->study_id_text, buf_str(&grps), buf_str(&items),
	    buf_str(&m1), buf_str(&m2), &r));
	int n = db_res_rows(r);
	for (int i = 0; i < n; i++) {
		enum respondent_group g;
		long v1, v2, cnt;
		if (!form_group_parse(db_res_get(r, i, 0), &g) || m->groups[g].form == NULL)
			continue;
		long idx = form_item_index(m->groups[g].form, db_res_get(r, i, 1));
		CK(get_long(r, i, 2, &v1));
		CK(get_long(r, i, 3, &v2));
		CK(get_long(r, i, 4, &cnt));
		if (idx < 0 || v1 < 1 || v1 > 5 || v2 < 1 || v2 > 5)
			continue;
		struct pair_table *pt = &m->groups[g].pairs[idx];
		pt->c[v1 - 1][v2 - 1] += cnt;
		pt->npairs += cnt;
	}
out:
	db_res_free(r);
	buf_free(&grps);
	buf_free(&items);
	buf_free(&m1);
	buf_free(&m2);
	return e;
}

static uf_err
add_scale(struct model_group *mg, const char *id, const char *name, bool theme,
    size_t theme_index, size_t nitems)
{
	if (mg->nscales >= MODEL_MAX_SCALES)
		return UF_ELIMIT;
	struct model_scale *s = &mg->scales[mg->nscales];
	s->id = dup(id);
	s->name = dup(name);
	if (s->id == NULL || s->name == NULL)
		return UF_ENOMEM;
	s->theme = theme;
	s->theme_index = theme_index;
	s->nitems = nitems;
	mg->nscales++;
	return UF_OK;
}

static uf_err
push_score(struct score_set *ss, long long p, double v)
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

/* Whether likert item i is asked in every wave the group is asked in. */
static bool
in_every_wave(const struct model *m, enum respondent_group g, size_t i)
{
	for (size_t w = 0; w < m->nwaves; w++)
		if (model_asked(m, w, g) && !model_item_asked(m, w, g, i))
			return false;
	return true;
}

static uf_err
load_scales_group(struct db *db, struct model *m, enum respondent_group g)
{
	struct model_group *mg = &m->groups[g];
	const struct form *f = mg->form;
	struct buf isc, iid, irev, sno, smin, sn, ssum;
	struct db_res *r = NULL;
	uf_err e = UF_OK;
	size_t nit = 0;

	buf_init(&isc, 0);
	buf_init(&iid, 0);
	buf_init(&irev, 0);
	buf_init(&sno, 0);
	buf_init(&smin, 0);
	buf_init(&sn, 0);
	buf_init(&ssum, 0);
	/* the instrument's scales */
	for (size_t s = 0; s < f->nscales; s++) {
		const struct form_scale *sc = &f->scales[s];
		size_t no = mg->nscales;
		CK(add_scale(mg, sc->id, sc->sv, false, 0, sc->nitems));
		for (size_t k = 0; k < sc->nitems; k++) {
			const struct form_item *it = &f->items[sc->items[k]];
			long rev = 0;
			if (sc->reverse[k])
				rev = it->type == ITEM_LIKERT5 ? 6 : it->min + it->max;
			const char *sep = nit ? "," : "{";
			CK(buf_printf(&isc, "%s%zu", sep, no));
			CK(buf_printf(&iid, "%s%s", sep, it->id));
			CK(buf_printf(&irev, "%s%ld", sep, rev));
			nit++;
		}
		const char *sep = no ? "," : "{";
		CK(buf_printf(&sno, "%s%zu", sep, no));
		CK(buf_printf(&smin, "%s%zu", sep, sc->min_answered));
		CK(buf_printf(&sn, "%s%zu", sep, sc->nitems));
		CK(buf_printf(&ssum, "%s%d", sep, sc->method == SCALE_SUM));
	}
	/* one pseudo scale per theme: its likert items asked in every wave */
	for (size_t t = 0; t < f->nthemes; t++) {
		size_t cnt = 0;
		for (size_t i = 0; i < f->nitems; i++)
			if (f->items[i].theme == t && f->items[i].type == ITEM_LIKERT5 &&
			    in_every_wave(m, g, i))
				cnt++;
		if (cnt < 2)
			continue;
		size_t no = mg->nscales;
		CK(add_scale(mg, f->themes[t].id, f->themes[t].sv, true, t, cnt));
		for (size_t i = 0; i < f->nitems; i++) {
			if (!(f->items[i].theme == t && f->items[i].type == ITEM_LIKERT5 &&
			    in_every_wave(m, g, i)))
				continue;
			const char *sep = nit ? "," : "{";
			CK(buf_printf(&isc, "%s%zu", sep, no));
			CK(buf_printf(&iid, "%s%s", sep, f->items[i].id));
			CK(buf_printf(&irev, "%s0", sep));
			nit++;
		}
		const char *sep = no ? "," : "{";
		CK(buf_printf(&sno, "%s%zu", sep, no));
		CK(buf_printf(&smin, "%s%zu", sep, (cnt + 1) / 2));
		CK(buf_printf(&sn, "%s%zu", sep, cnt));
		CK(buf_printf(&ssum, "%s0", sep));
	}
	if (nit == 0)
		goto out;
	CK(buf_adds(&isc, "}"));
	CK(buf_adds(&iid, "}"));
	CK(buf_adds(&irev, "}"));
	CK(buf_adds(&sno, "}"));
	CK(buf_adds(&smin, "}"));
	CK(buf_adds(&sn, "}"));
	CK(buf_adds(&ssum, "}"));
	CK(db_report_scales(db, m->study_id_text, form_group_name(g), buf_str(&isc),
	    buf_str(&iid), buf_str(&irev), buf_str(&sno), buf_str(&smin),
	    buf_str(&sn), buf_str(&ssum), &r));
	int n = db_res_rows(r);
	for (int i = 0; i < n; i++) {
		long long pid;
		long mo, no;
		CK(db_res_long(r, i, 0, &pid));
		CK(get_long(r, i, 1, &mo));
		CK(get_long(r, i, 2, &no));
		int w = model_wave_index(m, (int)mo);
		if (w < 0 || no < 0 || (size_t)no >= mg->nscales)
			continue;
		char *end;
		double v = strtod(db_res_get(r, i, 3), &end);
		if (end == db_res_get(r, i, 3) || *end != '\0' || !isfinite(v))
			continue;
		CK(push_score(&mg->scores[no][w], pid, v));
	}
out:
	db_res_free(r);
	buf_free(&isc);
	buf_free(&iid);
	buf_free(&irev);
	buf_free(&sno);
	buf_free(&smin);
	buf_free(&sn);
	buf_free(&ssum);
	return e;
}

/* ---- entry point ----------------------------------------------------------------- */

uf_err
model_load(struct db *db, const struct model_opts *o, struct model **out,
    enum model_fail *why, char *msg, size_t msglen)
{
	struct model *m = calloc(1, sizeof *m);
	char months[16];
	const char *mp = NULL;
	uf_err e = UF_ENOMEM;

	*out = NULL;
	*why = MODEL_FAIL_NONE;
	if (msglen)
		msg[0] = '\0';
	if (m == NULL)
		goto out;
	m->min_cell = o->min_cell;
	m->counts = calloc((size_t)MODEL_MAX_WAVES * GROUP__MAX * FORM_MAX_ITEMS,
	    sizeof *m->counts);
	m->text_total = calloc((size_t)MODEL_MAX_WAVES * GROUP__MAX * FORM_MAX_ITEMS,
	    sizeof *m->text_total);
	if (m->counts == NULL || m->text_total == NULL)
		goto out;
	*why = MODEL_FAIL_DB;
	CK(load_study(db, o, m, why, msg, msglen));
	CK(load_waves(db, o, m, why, msg, msglen));
	CK(load_instruments(db, m, why, msg, msglen));
	*why = MODEL_FAIL_DB;
	if (m->focus >= 0) {
		if (snprintf(months, sizeof months, "%d", m->waves[m->focus].months) < 0) {
			e = UF_EINTERNAL;
			goto out;
		}
		mp = months;
	}
	CK(load_participation(db, m));
	CK(load_counts(db, m, mp));
	if (o->quotes && mp != NULL)
		CK(load_quotes(db, m, mp));
	if (o->pairs)
		CK(load_pairs(db, m));
	if (o->scores) {
		for (size_t g = 0; g < GROUP__MAX; g++)
			if (m->groups[g].form != NULL)
				CK(load_scales_group(db, m, (enum respondent_group)g));
	}
	*why = MODEL_FAIL_NONE;
	*out = m;
	m = NULL;
	e = UF_OK;
out:
	if (e != UF_OK && *why == MODEL_FAIL_DB && msglen && msg[0] == '\0' &&
	    snprintf(msg, msglen, "database query failed: %s", db_errmsg(db)) < 0)
		msg[0] = '\0';
	model_free(m);
	return e;
}
