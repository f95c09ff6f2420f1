/* SPDX-License-Identifier: ISC
 * The codebook: one row per column of the wide form (the fixed columns,
 * then each item's), with the Swedish question text, the type, the value
 * labels, the three missing codes, scales, waves and show_if. The same
 * codes and labels go into the .sav, .dta and R files.
 */
#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "export_model.h"
#include "item_types.h"

enum { CB_COLUMN,
	CB_ITEM,
	CB_INSTRUMENT,
	CB_VERSION,
	CB_GROUP,
	CB_THEME,
	CB_TEXT,
	CB_TYPE,
	CB_VALUES,
	CB_DONT_KNOW,
	CB_DECLINED,
	CB_NONE,
	CB_SCALES,
	CB_WAVES,
	CB_SHOWN_IF,
	CB__MAX };

static const char *const header[CB__MAX] = { "column", "item", "instrument",
	"version", "group", "theme", "text", "type", "values",
	"missing_dont_know", "missing_declined", "missing_no_answer", "scales",
	"waves", "shown_if" };

/* "1=Stämmer inte alls;...", or what the values are for columns without
 * labels. */
static uf_err
values_text(const struct xmodel *m, const struct xcol *c, struct buf *v)
{
	const struct xitem *x = &m->items[c->item];
	struct xlabel l[XLABELS_MAX];
	char nb[32];
	size_t i, n = xcol_value_labels(m, c, l);
	uf_err e = UF_OK;

	for (i = 0; i < n && e == UF_OK; i++)
		e = buf_printf(v, "%s%s=%s", i > 0 ? ";" : "", xnum(nb, l[i].value),
		    l[i].text);
	if (e != UF_OK || n > 0)
		return e;
	/* no value labels: what the item type says its values are */
	return item_types[x->it->type].codebook(x->it, v);
}

/* "hopp (mean);ensamhet (sum, reversed)": the scales the item is in. */
static uf_err
item_scales(const struct xitem *x, struct buf *v)
{
	const struct form *f = x->form;
	size_t s, k, idx = (size_t)(x->it - f->items);
	uf_err e = UF_OK;

	for (s = 0; s < f->nscales && e == UF_OK; s++)
		for (k = 0; k < f->scales[s].nitems && e == UF_OK; k++)
			if (f->scales[s].items[k] == idx)
				e = buf_printf(v, "%s%s (%s%s)", v->len > 0 ? ";" : "",
				    f->scales[s].id,
				    f->scales[s].method == SCALE_MEAN ? "mean" : "sum",
				    f->scales[s].reverse[k] ? ", reversed" : "");
	return e;
}

/* "12;24;36": the waves the item is asked in. */
static uf_err
item_waves(const struct xitem *x, struct buf *v)
{
	size_t k;
	uf_err e = UF_OK;

	for (k = 0; k < x->form->nwaves && e == UF_OK; k++)
		if (x->it->wave_mask & (1u << k))
			e = buf_printf(v, "%s%d", v->len > 0 ? ";" : "", x->form->waves[k]);
	return e;
}

static uf_err
fixed_rows(enum csv_dialect d, struct buf *b, long long *rows)
{
	const char *row[CB__MAX];
	size_t k;
	uf_err e;

	for (k = 0; k < XF__MAX; k++) {
		memset(row, 0, sizeof(row));
		row[CB_COLUMN] = xfixed[k].name;
		row[CB_TEXT] = xfixed[k].label;
		row[CB_TYPE] = xfixed[k].number ? "number" : "text";
		if ((e = csv_drow(b, d, NULL, row, CB__MAX)) != UF_OK)
			return e;
		(*rows)++;
	}
	return UF_OK;
}

uf_err
export_codebook(struct db *db, long long study, const struct export_opts *o,
    struct buf *b, export_write w, void *ctx, long long *rows,
    struct manage_error *err)
{
	enum csv_kind kinds[CB__MAX];
	const char *row[CB__MAX];
	char version[24], miss[3][32];
	struct buf text, values, scales, waves;
	struct xmodel m;
	size_t k;
	uf_err e;

	buf_init(&text, 64 * 1024);
	buf_init(&values, 64 * 1024);
	buf_init(&scales, 4096);
	buf_init(&waves, 256);
	for (k = 0; k < CB__MAX; k++)
		kinds[k] = k == CB_VERSION || k == CB_DONT_KNOW || k == CB_DECLINED ||
		        k == CB_NONE ?
		    CSV_NUMBER :
		    CSV_TEXT;
	if ((e = xmodel_load(db, study, &o->filter, &m, err)) != UF_OK ||
	    (e = csv_begin(b, o->dialect)) != UF_OK ||
	    (e = csv_drow(b, o->dialect, NULL, header, CB__MAX)) != UF_OK ||
	    (e = fixed_rows(o->dialect, b, rows)) != UF_OK)
		goto out;
	for (k = 0; k < m.ncols; k++) {
		const struct xcol *c = &m.cols[k];
		const struct xitem *x = &m.items[c->item];
		buf_reset(&text);
		buf_reset(&values);
		buf_reset(&scales);
		buf_reset(&waves);
		if ((e = xcol_label(&m, c, &text)) != UF_OK ||
		    (e = values_text(&m, c, &values)) != UF_OK ||
		    (e = item_scales(x, &scales)) != UF_OK ||
		    (e = item_waves(x, &waves)) != UF_OK)
			goto out;
		if (snprintf(version, sizeof(version), "%d", x->form->version) >=
		    (int)sizeof(version)) {
			e = UF_EINTERNAL;
			goto out;
		}
		row[CB_COLUMN] = c->name;
		row[CB_ITEM] = x->id;
		row[CB_INSTRUMENT] = x->form->id;
		row[CB_VERSION] = version;
		row[CB_GROUP] = group_id(x->form->group);
		row[CB_THEME] = x->form->themes[x->it->theme].id;
		row[CB_TEXT] = buf_str(&text);
		row[CB_TYPE] = c->option >= 0 ? "multi (0/1 per option)" :
		                                form_type_name(x->it->type);
		row[CB_VALUES] = buf_str(&values);
		/* String columns hold "-1" and "-2" as text and are empty when
		 * not answered. */
		row[CB_DONT_KNOW] = x->it->dont_know ?
		    xnum(miss[0], x->miss[XMISS_DONT_KNOW]) :
		    "";
		row[CB_DECLINED] = x->it->decline ?
		    xnum(miss[1], x->miss[XMISS_DECLINED]) :
		    "";
		row[CB_NONE] = c->number ? xnum(miss[2], x->miss[XMISS_NONE]) : "";
		row[CB_SCALES] = buf_str(&scales);
		row[CB_WAVES] = buf_str(&waves);
		row[CB_SHOWN_IF] = x->it->has_cond ?
		    x->form->items[x->it->cond.item].id :
		    "";
		if ((e = csv_drow(b, o->dialect, kinds, row, CB__MAX)) != UF_OK ||
		    (e = xflush(b, w, ctx, false)) != UF_OK)
			goto out;
		(*rows)++;
	}
out:
	xmodel_free(&m);
	buf_free(&waves);
	buf_free(&scales);
	buf_free(&values);
	buf_free(&text);
	return e;
}
