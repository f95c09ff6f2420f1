/* SPDX-License-Identifier: ISC
 * Queries -> model. Reads the study, waves and instruments first (they say
 * what to ask for), then the aggregates. Quotes are cleaned here, once, so
 * no renderer can print a raw one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "db_report.h"
#include "form_union.h"
#include "model.h"
#include "model_answers.h"
#include "model_texts.h"
#include "privacy.h"
#include "qual.h"

#include "model_lang.h"
#include "numeric.h"

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

struct item_counts *
model_counts_at(struct model *m, size_t w, enum respondent_group g, size_t i)
{
	return &m->counts[cidx(w, g, i)];
}

/* Group g's participation in wave w, summed over the report labels. */
static struct participation
part_total(const struct model *m, size_t w, enum respondent_group g)
{
	struct participation t = { 0, 0, 0 };
	for (size_t l = 0; l < m->nlabels; l++) {
		t.invited += m->part[w][g][l].invited;
		t.answered += m->part[w][g][l].answered;
		t.declined += m->part[w][g][l].declined;
	}
	return t;
}

long
model_respondents(const struct model *m, size_t w, enum respondent_group g)
{
	return part_total(m, w, g).answered;
}

long
model_invited(const struct model *m, size_t w, enum respondent_group g)
{
	return part_total(m, w, g).invited;
}

long
model_declined(const struct model *m, size_t w, enum respondent_group g)
{
	return part_total(m, w, g).declined;
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
	privacy_mask_free(&m->mask);
	free(m->counts);
	model_numeric_free(m->numeric);
	model_qual_free(m->qual);
	model_lang_free(m->langs);
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
			                                    "choose one with --study SLUG",
			                  buf_str(&list)) < 0)
				msg[0] = '\0';
			goto out;
		}
		pick = 0;
	}
	if (pick < 0) {
		*why = MODEL_FAIL_UNKNOWN_STUDY;
		if (msglen && snprintf(msg, msglen, "no study \"%s\"; the database "
		                                    "has: %s",
		                  o->slug, buf_str(&list)) < 0)
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
	m->slug = strdup(db_res_get(r, pick, 1));
	m->name = strdup(db_res_get(r, pick, 2));
	m->start_date = strdup(db_res_get(r, pick, 3));
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
			                                    "%d months; its waves are: %s",
			                  m->slug, o->months, m->nwaves ? buf_str(&list) : "(none)") < 0)
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

/* Group g's instrument versions in the report's waves, each once with the
 * waves that used it, ordered by their latest use; rows[i] is a result row
 * of uses[i]. Returns how many (at most FORM_UNION_MAX). */
static size_t
group_versions(const struct db_res *r, const struct model *m, enum respondent_group g,
    struct form_use uses[FORM_UNION_MAX], int rows[FORM_UNION_MAX])
{
	size_t k = 0;
	int n = db_res_rows(r);

	for (int i = 0; i < n; i++) {
		long months;
		enum respondent_group rg;
		size_t j;
		if (!group_parse(db_res_get(r, i, 1), &rg) || rg != g ||
		    get_long(r, i, 0, &months) != UF_OK ||
		    model_wave_index(m, (int)months) < 0)
			continue;
		for (j = 0; j < k; j++)
			if (strcmp(db_res_get(r, rows[j], 2), db_res_get(r, i, 2)) == 0 &&
			    strcmp(db_res_get(r, rows[j], 3), db_res_get(r, i, 3)) == 0)
				break;
		if (j == k) {
			if (k == FORM_UNION_MAX)
				continue;
			memset(&uses[k], 0, sizeof uses[k]);
			uses[k].def = db_res_get(r, i, 4);
			rows[k++] = i;
		} else {
			/* used again later: it moves to the end (latest use) */
			struct form_use u = uses[j];
			memmove(&uses[j], &uses[j + 1], (k - j - 1) * sizeof uses[0]);
			memmove(&rows[j], &rows[j + 1], (k - j - 1) * sizeof rows[0]);
			uses[k - 1] = u;
			rows[k - 1] = i;
			j = k - 1;
		}
		if (uses[j].nmonths < FORM_MAX_WAVES)
			uses[j].months[uses[j].nmonths++] = (int)months;
	}
	return k;
}

/* "version 1 vid 12 och 24 månader, version 2 vid 36 månader" into out. */
static void
versions_text(const struct db_res *r, const int *rows, const struct form_use *uses,
    size_t n, char *out, size_t outlen)
{
	size_t o = 0;

	out[0] = '\0';
	for (size_t v = 0; v < n; v++) {
		int w = snprintf(out + o, outlen - o, "%sversion %s vid ", v ? ", " : "",
		    db_res_get(r, rows[v], 3));
		for (size_t i = 0; w >= 0 && (size_t)w < outlen - o && i < uses[v].nmonths; i++) {
			o += (size_t)w;
			w = snprintf(out + o, outlen - o, "%s%d", i == 0 ? "" : i + 1 == uses[v].nmonths ? " och " :
			                                                                                   ", ",
			    uses[v].months[i]);
		}
		if (w < 0 || (size_t)w >= outlen - o) {
			out[0] = '\0'; /* cannot happen at these sizes; no half text */
			return;
		}
		o += (size_t)w;
		w = snprintf(out + o, outlen - o, " månader");
		if (w < 0 || (size_t)w >= outlen - o) {
			out[0] = '\0';
			return;
		}
		o += (size_t)w;
	}
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
		if (!group_parse(db_res_get(r, i, 1), &g))
			continue;
		int w = model_wave_index(m, (int)months);
		if (w < 0)
			continue;
		m->groups[g].present = true;
		m->groups[g].wave_mask |= 1u << w;
		latest[g] = i; /* rows come in wave order */
	}
	for (size_t g = 0; g < GROUP__MAX; g++) {
		if (latest[g] < 0)
			continue;
		struct form_use uses[FORM_UNION_MAX];
		int rows[FORM_UNION_MAX];
		size_t nv = group_versions(r, m, (enum respondent_group)g, uses, rows);
		if (nv > 0)
			latest[g] = rows[nv - 1];
		struct form_error fe;
		memset(&fe, 0, sizeof fe);
		/* Several versions over the waves: their union, so that no
		 * question asked in some wave drops out of the report. */
		if (nv > 1) {
			versions_text(r, rows, uses, nv, m->groups[g].versions,
			    sizeof m->groups[g].versions);
			e = form_union(uses, nv, db_res_get(r, latest[g], 2),
			    &m->groups[g].form, &fe);
		} else {
			const char *def = db_res_get(r, latest[g], 4);
			e = form_parse(def, strlen(def), db_res_get(r, latest[g], 2),
			    &m->groups[g].form, &fe);
		}
		if (e != UF_OK) {
			char line[512];
			form_error_format(&fe, line, sizeof line);
			*why = MODEL_FAIL_BAD_DEFINITION;
			if (msglen && snprintf(msg, msglen, "stored instrument %s version "
			                                    "%s does not parse: %s",
			                  db_res_get(r, latest[g], 2), db_res_get(r, latest[g], 3), line) < 0)
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
	char *a = strdup(label), *b = strdup(huvudman);
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
load_participation(struct db *db, struct model *m, const char *only_months)
{
	struct db_res *r = NULL;
	uf_err e;
	CK(db_report_participation(db, m->study_id_text, only_months, &r));
	int n = db_res_rows(r);
	for (int i = 0; i < n; i++) {
		long months;
		enum respondent_group g;
		CK(get_long(r, i, 0, &months));
		int w = model_wave_index(m, (int)months);
		if (w < 0 || !group_parse(db_res_get(r, i, 1), &g))
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
		if ((m->unit_names[i] = strdup(db_res_get(r, i, 0))) == NULL)
			goto out;
		m->nunit_names++;
		if ((e = privacy_mask_unit(&m->mask, m->unit_names[i])) != UF_OK)
			goto out;
		e = UF_ENOMEM;
	}
	/* and the study's own list */
	db_res_free(r);
	r = NULL;
	CK(db_report_mask_names(db, m->study_id_text, &r));
	for (int i = 0; i < db_res_rows(r); i++) {
		enum privacy_mark mark;
		if (!privacy_mark_parse(db_res_get(r, i, 1), &mark))
			mark = PRIVACY_MARK_NAMN;
		CK(privacy_mask_name(&m->mask, db_res_get(r, i, 0), mark));
	}
	e = UF_OK;
out:
	db_res_free(r);
	return e;
}

uf_err
model_clean_text(const struct model *m, const char *raw, char **out)
{
	size_t len = strlen(raw), cap = len * 2 + 64, outlen, cap2;
	char *a = malloc(cap), *b = NULL, *c = NULL;
	uf_err e = UF_ENOMEM;

	*out = NULL;
	if (a == NULL)
		goto out;
	/* whole unit names first, then their words, ward numbers and the
	 * study's own names */
	e = privacy_redact_names(raw, len, (const char *const *)m->unit_names,
	    m->nunit_names, a, cap, &outlen);
	if (e != UF_OK)
		goto out;
	cap2 = outlen * 3 + 16;
	e = UF_ENOMEM;
	if ((c = malloc(cap2)) == NULL)
		goto out;
	if ((e = privacy_mask_text(&m->mask, a, outlen, c, cap2, &outlen)) != UF_OK)
		goto out;
	/* de-gendering never makes the text longer */
	b = malloc(outlen + 1);
	e = UF_ENOMEM;
	if (b == NULL)
		goto out;
	privacy_degender(c, outlen, b);
	*out = b;
	b = NULL;
	e = UF_OK;
out:
	free(a);
	free(b);
	free(c);
	return e;
}

static uf_err
add_quote(struct model *m, int w, enum respondent_group g, size_t item,
    const char *raw, const char *lang, bool easy)
{
	char *b = NULL;
	uf_err e = model_clean_text(m, raw, &b);
	if (e != UF_OK)
		return e;
	if (m->nquotes == m->capquotes) {
		size_t nc = m->capquotes ? m->capquotes * 2 : 64;
		struct quote *nq = realloc(m->quotes, nc * sizeof *nq);
		if (nq == NULL) {
			free(b);
			return UF_ENOMEM;
		}
		m->quotes = nq;
		m->capquotes = nc;
	}
	m->quotes[m->nquotes] = (struct quote){ w, g, item, b, "", easy };
	/* a tag the database checked (migration 0021); a longer one is cut,
	 * never trusted further */
	(void)snprintf(m->quotes[m->nquotes].lang, sizeof m->quotes[0].lang,
	    "%s", lang);
	m->nquotes++;
	return UF_OK;
}

/* A text as an element of an array literal: quoted, backslash and quote
 * escaped (the parameter is data; no SQL is built). */
static uf_err
array_text(struct buf *b, const char *s)
{
	uf_err e = buf_adds(b, "\"");
	while (e == UF_OK && *s != '\0') {
		size_t n = strcspn(s, "\"\\");
		if ((e = buf_add(b, s, n)) != UF_OK || s[n] == '\0')
			break;
		char esc[2] = { '\\', s[n] };
		e = buf_add(b, esc, 2);
		s += n + 1;
	}
	return e == UF_OK ? buf_adds(b, "\"") : e;
}

/* The sampled free text of the groups with enough respondents, cleaned,
 * into m->quotes and m->text_total; within an item ordered by text in the
 * database's collation (db_report_text_order), as always. */
static uf_err
load_quotes(struct db *db, struct model *m, const struct text_sample *t)
{
	struct db_res *r = NULL;
	struct buf items, texts;
	const struct text_pick **picks = NULL;
	size_t *cell_of = NULL, n = 0, cap = 0;
	uf_err e = UF_OK;

	buf_init(&items, (size_t)1 << 20);
	buf_init(&texts, (size_t)64 << 20);
	for (size_t c = 0; c < TEXT_SAMPLE_CELLS; c++) {
		const struct text_cell *tc = t->cell[c];
		size_t w = c / (GROUP__MAX * FORM_MAX_ITEMS);
		enum respondent_group g = (enum respondent_group)(c / FORM_MAX_ITEMS % GROUP__MAX);
		if (tc == NULL || tc->n == 0)
			continue;
		/* a group under the limit gives no quotes at all */
		if (!privacy_shown(model_respondents(m, w, g), m->min_cell))
			continue;
		m->text_total[c] = tc->total;
		for (size_t k = 0; k < tc->n; k++) {
			if (n == cap) {
				size_t nc = cap ? cap * 2 : 64;
				const struct text_pick **np = realloc(picks, nc * sizeof *np);
				if (np == NULL) {
					e = UF_ENOMEM;
					goto out;
				}
				picks = np;
				size_t *ncell = realloc(cell_of, nc * sizeof *ncell);
				if (ncell == NULL) {
					e = UF_ENOMEM;
					goto out;
				}
				cell_of = ncell;
				cap = nc;
			}
			CK(buf_printf(&items, "%s%zu", n ? "," : "{", c));
			CK(buf_adds(&texts, n ? "," : "{"));
			CK(array_text(&texts, tc->pick[k].text));
			picks[n] = &tc->pick[k];
			cell_of[n++] = c;
		}
	}
	if (n == 0)
		goto out;
	CK(buf_adds(&items, "}"));
	CK(buf_adds(&texts, "}"));
	CK(db_report_text_order(db, buf_str(&items), buf_str(&texts), &r));
	for (int i = 0; i < db_res_rows(r); i++) {
		long long pos;
		CK(db_res_long(r, i, 0, &pos));
		if (pos < 1 || (size_t)pos > n) {
			e = UF_EFORMAT;
			goto out;
		}
		size_t c = cell_of[pos - 1];
		const struct text_pick *pk = picks[pos - 1];
		CK(add_quote(m, (int)(c / (GROUP__MAX * FORM_MAX_ITEMS)),
		    (enum respondent_group)(c / FORM_MAX_ITEMS % GROUP__MAX), c % FORM_MAX_ITEMS,
		    pk->text, pk->lang, pk->easy));
	}
out:
	db_res_free(r);
	free(picks);
	free(cell_of);
	buf_free(&items);
	buf_free(&texts);
	return e;
}

/* With o->timing, how long each phase took, on stderr (for benchmarks). */
static void
phase(const struct model_opts *o, const char *name, struct timespec *t0)
{
	struct timespec t1;
	if (!o->timing || clock_gettime(CLOCK_MONOTONIC, &t1) != 0)
		return;
	fprintf(stderr, "uppfolj-report: timing: %-13s %7.1f ms\n", name,
	    (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6);
	*t0 = t1;
}

/* ---- entry point ----------------------------------------------------------------- */

uf_err
model_load(struct db *db, const struct model_opts *o, struct model **out,
    enum model_fail *why, char *msg, size_t msglen)
{
	struct model *m = calloc(1, sizeof *m);
	char months[16];
	const char *mp = NULL;
	struct timespec t0 = { 0, 0 };
	struct text_sample texts = { NULL };
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
	m->langs = calloc(1, sizeof *m->langs); /* filled by the pass */
	if (m->counts == NULL || m->text_total == NULL || m->langs == NULL)
		goto out;
	*why = MODEL_FAIL_DB;
	if (o->timing && clock_gettime(CLOCK_MONOTONIC, &t0) != 0)
		memset(&t0, 0, sizeof t0);
	CK(load_study(db, o, m, why, msg, msglen));
	CK(load_waves(db, o, m, why, msg, msglen));
	CK(load_instruments(db, m, why, msg, msglen));
	phase(o, "instruments", &t0);
	*why = MODEL_FAIL_DB;
	if (m->focus >= 0) {
		if (snprintf(months, sizeof months, "%d", m->waves[m->focus].months) < 0) {
			e = UF_EINTERNAL;
			goto out;
		}
		mp = months;
	}
	/* a delrapport reads its own wave only, here as in every phase */
	CK(load_participation(db, m, mp));
	phase(o, "participation", &t0);
	/* the answers, read once: counts, pairs, scores and the delrapport's
	 * sample of free text */
	bool quotes = o->quotes && mp != NULL;
	if (quotes)
		CK(text_sample_init(&texts));
	CK(model_load_answers(db, m, mp, o->pairs, o->scores, quotes ? &texts : NULL));
	phase(o, "answers", &t0);
	/* the words masked in quotes, free text and meaning units alike */
	if (quotes || o->qual)
		CK(load_unit_names(db, m));
	if (quotes) {
		CK(load_quotes(db, m, &texts));
		phase(o, "quotes", &t0);
	}
	CK(model_numeric_load(db, m));
	phase(o, "numeric items", &t0);
	CK(model_lang_load(db, m));
	phase(o, "languages", &t0);
	if (o->qual) {
		CK(model_qual_load(db, m));
		phase(o, "qualitative", &t0);
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
	text_sample_free(&texts);
	return e;
}
