/* SPDX-License-Identifier: ISC
 * The wide form's columns, built from the study's instruments: one column
 * per item (one per option for multi-choice), their names, labels, codes
 * and missing codes; and how one answer fills a row's cells. xshape_of()
 * is the one place that says how an item type is exported.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_manage.h"
#include "export_model.h"
#include "units.h"
#include "utf8.h"

#define XCODES_MAX (2 * FORM_MAX_OPTIONS) /* option codes over all versions */

enum xshape
xshape_of(enum item_type t)
{
	/* No default: a new item type does not build until it says here how
	 * it is exported. */
	switch (t) {
	case ITEM_LIKERT5: return XSHAPE_SCALE;
	case ITEM_SINGLE: return XSHAPE_CODES;
	case ITEM_MULTI: return XSHAPE_OPTIONS;
	case ITEM_INTEGER: return XSHAPE_NUMBER;
	case ITEM_TEXT: return XSHAPE_TEXT;
	case ITEM_DATE: return XSHAPE_DATE;
	case ITEM_VAS: return XSHAPE_NUMBER;
	case ITEM_NUMBER: return XSHAPE_DECIMAL;
	case ITEM_TYPE__MAX: break;
	}
	return XSHAPE__MAX;
}

const char *
xmiss_label(enum xmiss m)
{
	switch (m) {
	case XMISS_DONT_KNOW: return form_dont_know_label();
	case XMISS_DECLINED: return form_decline_label();
	case XMISS_NONE: return "Inget svar (ej tillfrågad, ej visad eller överhoppad)";
	case XMISS__MAX: break;
	}
	return "";
}

char
xmiss_tag(enum xmiss m)
{
	switch (m) {
	case XMISS_DONT_KNOW: return 'a';
	case XMISS_DECLINED: return 'b';
	case XMISS_NONE: return 'c';
	case XMISS__MAX: break;
	}
	return 0;
}

const struct xfixed_col xfixed[XF__MAX] = {
	[XF_PANEL] = { "panel_id", "Deltagar-id (pseudonym)", false },
	[XF_GROUP] = { "group", "Grupp", false },
	[XF_UNIT] = { "unit", "Enhet (som den redovisas)", false },
	[XF_UNIT_KIND] = { "unit_kind", "Verksamhetstyp", false },
	[XF_WAVE] = { "wave", "Omgång (månader efter start)", true },
	[XF_OPENS] = { "wave_opens", "Omgången öppnade (datum)", false },
	[XF_CLOSES] = { "wave_closes", "Omgången stängde (datum)", false },
	[XF_INSTRUMENT] = { "instrument", "Formulär", false },
	[XF_VERSION] = { "version", "Formulärets version", true },
	[XF_SUBMITTED] = { "submitted_at", "Inskickat (UTC)", false },
	/* What the respondent was shown (migration 0021): answers are the
	 * same item in every language and variant, these say which. */
	[XF_LANG] = { "lang", "Språk som visades (språkkod, sv = svenska)", false },
	[XF_EASY] = { "easy", "Lättläst text visades (1 = ja, 0 = nej)", true },
};

/* Fixed column k of r: its text in *s, or *s NULL and the number in *v.
 * No default: a new fixed column does not build until it is read here. */
static void
fixed_value(const struct m_export_response *r, enum xfixed k, const char **s,
    long long *v)
{
	*s = NULL;
	*v = 0;
	switch (k) {
	case XF_PANEL: *s = r->panel_id; break;
	case XF_GROUP: *s = r->grp; break;
	case XF_UNIT: *s = r->unit; break;
	case XF_UNIT_KIND: *s = r->unit_kind; break;
	case XF_WAVE: *v = r->months; break;
	case XF_OPENS: *s = r->opens_on; break;
	case XF_CLOSES: *s = r->closes_on; break;
	case XF_INSTRUMENT: *s = r->instrument_id; break;
	case XF_VERSION: *v = r->version; break;
	case XF_SUBMITTED: *s = r->submitted_at; break;
	case XF_LANG: *s = r->lang; break;
	case XF_EASY: *v = r->easy ? 1 : 0; break;
	case XF__MAX: *s = ""; break;
	}
}

const char *
xfixed_text(const struct m_export_response *r, enum xfixed k, char b[32])
{
	const char *s;
	long long v;

	fixed_value(r, k, &s, &v);
	return s != NULL ? s : xnum(b, (double)v);
}

double
xfixed_num(const struct m_export_response *r, enum xfixed k)
{
	const char *s;
	long long v;

	fixed_value(r, k, &s, &v);
	return (double)v;
}

/* --- instruments ------------------------------------------------------------ */

void
forms_free(struct forms *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		form_free(fs->f[i]);
	free(fs->f);
	fs->f = NULL;
	fs->n = 0;
}

uf_err
forms_load(struct db *db, long long study, struct forms *fs)
{
	struct m_instrument_defs l = { 0 };
	struct form_error fe;
	const char *json;
	size_t i, n;
	uf_err e;

	memset(fs, 0, sizeof(*fs));
	if ((e = db_m_instruments(db, study, &l)) != UF_OK)
		goto out;
	n = (size_t)l.n;
	if (n == 0)
		goto out;
	if ((fs->f = calloc(n, sizeof(*fs->f))) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		json = l.row[i].definition;
		if ((e = form_parse(json, strlen(json), l.row[i].instrument_id,
		         &fs->f[i], &fe)) != UF_OK)
			goto out;
		fs->n = i + 1;
	}
out:
	m_instrument_defs_free(&l);
	if (e != UF_OK)
		forms_free(fs);
	return e;
}

const struct form *
forms_find(const struct forms *fs, const char *id, long version)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->f[i]->id, id) == 0 && fs->f[i]->version == version)
			return fs->f[i];
	return NULL;
}

/* --- the column model ------------------------------------------------------- */

void
xmodel_free(struct xmodel *m)
{
	size_t i;

	for (i = 0; m->items != NULL && i < m->nitems; i++) {
		free(m->items[i].codes);
		free(m->items[i].labels);
	}
	free(m->items);
	free(m->by_id);
	free(m->cols);
	forms_free(&m->fs);
	memset(m, 0, sizeof(*m));
}

static int
by_id_cmp(const void *a, const void *b)
{
	return strcmp((*(const struct xitem *const *)a)->id,
	    (*(const struct xitem *const *)b)->id);
}

const struct xitem *
xmodel_item(const struct xmodel *m, const char *id)
{
	struct xitem key = { .id = id };
	const struct xitem *kp = &key, *const * hit;

	hit = bsearch(&kp, m->by_id, m->nitems, sizeof(*m->by_id), by_id_cmp);
	return hit != NULL ? *hit : NULL;
}

/* Take one version's item into x (new or already seen in another version). */
static uf_err
item_merge(struct xitem *x, const struct form *f, const struct form_item *it,
    long *min, struct manage_error *err)
{
	size_t i, k;

	if (x->it != NULL && x->shape != xshape_of(it->type)) {
		manage_fail(err, "item", "Frågan %s har olika typ i olika versioner; "
		                         "exportera en version i taget.",
		    it->id);
		return UF_EINVAL;
	}
	if (x->it == NULL || it->min < *min)
		*min = it->min;
	x->id = it->id;
	x->form = f; /* forms come by version: the last one wins */
	x->it = it;
	x->shape = xshape_of(it->type);
	for (i = 0; i < it->noptions; i++) {
		for (k = 0; k < x->ncodes; k++)
			if (strcmp(x->codes[k], it->options[i].code) == 0)
				break;
		if (k == XCODES_MAX) {
			manage_fail(err, "item", "Frågan %s har för många svarsalternativ "
			                         "över versionerna.",
			    it->id);
			return UF_ELIMIT;
		}
		x->codes[k] = it->options[i].code;
		x->labels[k] = it->options[i].sv; /* the latest wording */
		if (k == x->ncodes)
			x->ncodes++;
	}
	return UF_OK;
}

/* Missing codes outside the values an item can have: -1, -2, -9, or below
 * the smallest allowed number of an integer item that reaches -1. */
static void
item_missing(struct xitem *x, long min)
{
	double base = 0, lowest = (double)min;
	int d;

	/* a number item's bounds are in units of 10^-decimals */
	if (x->shape == XSHAPE_DECIMAL)
		for (d = 0; d < x->it->decimals; d++)
			lowest /= 10;
	if ((x->shape == XSHAPE_NUMBER || x->shape == XSHAPE_DECIMAL) &&
	    lowest <= -1)
		base = floor(lowest);
	x->miss[XMISS_DONT_KNOW] = base - 1;
	x->miss[XMISS_DECLINED] = base - 2;
	x->miss[XMISS_NONE] = base - 9;
}

/* Column name for option k of item x: item_code, or shortened to fit
 * Stata's 32 characters as item-prefix_oN. */
static uf_err
option_name(const struct xitem *x, size_t k, char name[XNAME_MAX + 1])
{
	char suffix[16];
	int n;
	size_t keep;

	n = snprintf(name, XNAME_MAX + 1, "%s_%s", x->id, x->codes[k]);
	if (n > 0 && n <= XNAME_MAX)
		return UF_OK;
	if ((n = snprintf(suffix, sizeof(suffix), "_o%zu", k + 1)) < 0 ||
	    (size_t)n >= sizeof(suffix))
		return UF_EINTERNAL;
	keep = XNAME_MAX - (size_t)n;
	if (keep > strlen(x->id))
		keep = strlen(x->id);
	memcpy(name, x->id, keep);
	memcpy(name + keep, suffix, (size_t)n + 1);
	return UF_OK;
}

static uf_err
add_columns(struct xmodel *m, size_t i, struct manage_error *err)
{
	struct xitem *x = &m->items[i];
	struct xcol *c;
	size_t k, j, n = x->shape == XSHAPE_OPTIONS ? x->ncodes : 1;
	uf_err e;

	x->col = m->ncols;
	x->ncols = n;
	for (k = 0; k < n; k++) {
		c = &m->cols[m->ncols];
		c->item = i;
		c->option = x->shape == XSHAPE_OPTIONS ? (long)k : -1;
		c->number = x->shape != XSHAPE_TEXT && x->shape != XSHAPE_DATE;
		if (x->shape == XSHAPE_OPTIONS) {
			if ((e = option_name(x, k, c->name)) != UF_OK)
				return e;
		} else if (snprintf(c->name, sizeof(c->name), "%s", x->id) >=
		    (int)sizeof(c->name)) {
			return UF_EINTERNAL; /* item ids have at most 32 characters */
		}
		for (j = 0; j < XF__MAX; j++)
			if (strcmp(xfixed[j].name, c->name) == 0)
				goto clash;
		for (j = 0; j < m->ncols; j++)
			if (strcmp(m->cols[j].name, c->name) == 0)
				goto clash;
		m->ncols++;
	}
	return UF_OK;
clash:
	manage_fail(err, "item", "Kolumnnamnet %s blir dubbelt i exporten.", c->name);
	return UF_EINVAL;
}

/* The longest free text of each text item, for the string columns'
 * widths in .sav and .dta. */
static uf_err
text_widths(struct db *db, const struct db_export_filter *df, struct xmodel *m)
{
	struct m_text_widths l = { 0 };
	struct xitem *x;
	int i;
	uf_err e;

	if ((e = db_m_export_text_widths(db, df, &l)) != UF_OK)
		return e;
	for (i = 0; i < l.n; i++) {
		x = (struct xitem *)xmodel_item(m, l.row[i].item_id);
		if (x != NULL && l.row[i].bytes > 0 &&
		    (size_t)l.row[i].bytes > x->width)
			x->width = (size_t)l.row[i].bytes;
	}
	m_text_widths_free(&l);
	return UF_OK;
}

void
xfilter_db(long long study, const struct export_filter *f,
    struct db_export_filter *df)
{
	df->study = study;
	df->months = f->months;
	df->group = f->group < GROUP__MAX ? group_id(f->group) : NULL;
	df->unit_kind = f->unit_kind;
}

uf_err
xmodel_load(struct db *db, long long study, const struct export_filter *f,
    struct xmodel *m, struct manage_error *err)
{
	struct db_export_filter df;
	long *mins = NULL;
	size_t i, k, j, cap = 0, ncols = 0;
	uf_err e;

	memset(m, 0, sizeof(*m));
	m->free_text = f->free_text;
	if ((e = forms_load(db, study, &m->fs)) != UF_OK)
		goto out;
	for (i = 0; i < m->fs.n; i++)
		cap += m->fs.f[i]->nitems;
	m->items = calloc(cap + 1, sizeof(*m->items));
	mins = calloc(cap + 1, sizeof(*mins));
	if (m->items == NULL || mins == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (i = 0; i < m->fs.n; i++) {
		const struct form *fm = m->fs.f[i];
		if (f->group < GROUP__MAX && fm->group != f->group)
			continue;
		for (k = 0; k < fm->nitems; k++) {
			const struct form_item *it = &fm->items[k];
			if (xshape_of(it->type) == XSHAPE_TEXT && !f->free_text)
				continue;
			for (j = 0; j < m->nitems; j++)
				if (strcmp(m->items[j].id, it->id) == 0)
					break;
			if (j == m->nitems) {
				m->items[j].codes = calloc(XCODES_MAX, sizeof(char *));
				m->items[j].labels = calloc(XCODES_MAX, sizeof(char *));
				m->nitems++;
				if (m->items[j].codes == NULL || m->items[j].labels == NULL) {
					e = UF_ENOMEM;
					goto out;
				}
			}
			if ((e = item_merge(&m->items[j], fm, it, &mins[j], err)) != UF_OK)
				goto out;
		}
	}
	for (i = 0; i < m->nitems; i++) {
		item_missing(&m->items[i], mins[i]);
		ncols += m->items[i].shape == XSHAPE_OPTIONS ? m->items[i].ncodes : 1;
		/* strings hold at least "-1" / "-2" */
		m->items[i].width = m->items[i].shape == XSHAPE_DATE ? 10 : 2;
	}
	m->cols = calloc(ncols + 1, sizeof(*m->cols));
	m->by_id = calloc(m->nitems + 1, sizeof(*m->by_id));
	if (m->cols == NULL || m->by_id == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (i = 0; i < m->nitems; i++) {
		if ((e = add_columns(m, i, err)) != UF_OK)
			goto out;
		m->by_id[i] = &m->items[i];
	}
	qsort(m->by_id, m->nitems, sizeof(*m->by_id), by_id_cmp);
	if (f->free_text) {
		xfilter_db(study, f, &df);
		e = text_widths(db, &df, m);
	}
out:
	free(mins);
	if (e != UF_OK)
		xmodel_free(m);
	return e;
}

/* --- labels --------------------------------------------------------------- */

uf_err
xcol_label(const struct xmodel *m, const struct xcol *c, struct buf *b)
{
	const struct xitem *x = &m->items[c->item];

	/* The option first: a label cut at a format's limit keeps it. */
	if (c->option >= 0)
		return buf_printf(b, "%s: %s", x->labels[c->option], x->it->sv);
	return buf_adds(b, x->it->sv);
}

size_t
xcol_value_labels(const struct xmodel *m, const struct xcol *c,
    struct xlabel *out)
{
	const struct xitem *x = &m->items[c->item];
	size_t n = 0, k;
	int v;

	switch (x->shape) {
	case XSHAPE_SCALE:
		for (v = 1; v <= 5; v++)
			out[n++] = (struct xlabel){ v, form_likert_label(v) };
		break;
	case XSHAPE_CODES:
		for (k = 0; k < x->ncodes; k++)
			out[n++] = (struct xlabel){ (double)(k + 1), x->labels[k] };
		break;
	case XSHAPE_OPTIONS:
		out[n++] = (struct xlabel){ 0, "Ej valt" };
		out[n++] = (struct xlabel){ 1, "Valt" };
		break;
	case XSHAPE_NUMBER:
	case XSHAPE_DECIMAL:
	case XSHAPE_TEXT:
	case XSHAPE_DATE:
	case XSHAPE__MAX:
		break;
	}
	return n;
}

/* --- rows ------------------------------------------------------------------- */

void
xrow_clear(const struct xmodel *m, struct xcell *cells)
{
	size_t k;

	for (k = 0; k < m->ncols; k++) {
		const struct xitem *x = &m->items[m->cols[k].item];
		cells[k].num = x->miss[XMISS_NONE];
		cells[k].str = NULL;
		cells[k].miss = XMISS_NONE;
	}
}

/* The 1-based position of code among the item's codes, 0: none. */
static size_t
code_pos(const struct xitem *x, const char *code, size_t n)
{
	size_t k;

	for (k = 0; k < x->ncodes; k++)
		if (strlen(x->codes[k]) == n && memcmp(x->codes[k], code, n) == 0)
			return k + 1;
	return 0;
}

static void
set_missing(const struct xitem *x, struct xcell *cells, enum xmiss ms)
{
	static const char *const as_text[XMISS__MAX] = { "-1", "-2", NULL };
	size_t k;

	for (k = x->col; k < x->col + x->ncols; k++) {
		cells[k].num = x->miss[ms];
		cells[k].str = as_text[ms];
		cells[k].miss = ms;
	}
}

uf_err
xrow_take(const struct xmodel *m, struct xcell *cells,
    const struct m_export_answer *a)
{
	const struct xitem *x = xmodel_item(m, a->item_id);
	const char *p, *semi, *choices;
	char *end;
	struct xcell *c;
	size_t k;

	if (x == NULL)
		return UF_OK; /* a text item without free text */
	if (a->dont_know) {
		set_missing(x, cells, XMISS_DONT_KNOW);
		return UF_OK;
	}
	if (a->declined) {
		set_missing(x, cells, XMISS_DECLINED);
		return UF_OK;
	}
	c = &cells[x->col];
	c->miss = XMISS__MAX;
	switch (x->shape) {
	case XSHAPE_SCALE:
	case XSHAPE_NUMBER:
		if (!a->has_int)
			return UF_EINTERNAL;
		c->num = (double)a->value_int;
		break;
	case XSHAPE_DECIMAL:
		/* canonical text the database checked: -?digits(.digits)? */
		p = a->text;
		c->num = strtod(p, &end);
		if (end == p || *end != '\0')
			return UF_EINTERNAL;
		break;
	case XSHAPE_CODES:
		/* a single choice is stored as text (the code) */
		choices = a->text;
		if ((c->num = (double)code_pos(x, choices, strlen(choices))) == 0)
			return UF_EINTERNAL;
		break;
	case XSHAPE_OPTIONS:
		for (k = x->col; k < x->col + x->ncols; k++) {
			cells[k].num = 0;
			cells[k].miss = XMISS__MAX;
		}
		choices = a->choices;
		for (p = choices; *p != '\0'; p = *semi != '\0' ? semi + 1 : semi) {
			if ((semi = strchr(p, ';')) == NULL)
				semi = p + strlen(p);
			if ((k = code_pos(x, p, (size_t)(semi - p))) == 0)
				return UF_EINTERNAL;
			cells[x->col + k - 1].num = 1;
		}
		break;
	case XSHAPE_TEXT:
		c->str = a->text;
		break;
	case XSHAPE_DATE:
		c->str = a->date;
		break;
	case XSHAPE__MAX:
		return UF_EINTERNAL;
	}
	return UF_OK;
}

const char *
xnum(char b[32], double v)
{
	char t[24], *p = t + sizeof(t);
	long long k;
	int n;

	/* Nearly every cell is a small whole number: written by hand, as
	 * snprintf over millions of cells shows in the export's time. */
	if (v > -1e15 && v < 1e15 && (double)(k = (long long)v) == v) {
		unsigned long long u = k < 0 ? 0ULL - (unsigned long long)k :
		                               (unsigned long long)k;
		*--p = '\0';
		do
			*--p = (char)('0' + u % 10);
		while ((u /= 10) != 0);
		if (k < 0)
			*--p = '-';
		memcpy(b, p, (size_t)(t + sizeof(t) - p));
		return b;
	}
	n = snprintf(b, 32, "%.15g", v);

	if (n < 0 || n >= 32)
		b[0] = '\0'; /* cannot happen for %.15g */
	return b;
}

uf_err
xflush(struct buf *b, export_write w, void *ctx, bool force)
{
	uf_err e;

	if (b->len == 0 || (!force && b->len < XFLUSH_AT))
		return UF_OK;
	e = w(ctx, b->data, b->len);
	buf_reset(b);
	return e;
}
