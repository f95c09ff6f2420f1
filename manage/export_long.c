/* SPDX-License-Identifier: ISC
 * The long CSV: one row per answer, the fixed columns, the item, its value
 * coded as in the wide form (numbers, option positions, missing codes;
 * the option codes of a multi-choice answer joined with ';') and the
 * value's label. Written with lib/csv.h in the dialect asked for.
 */
#include <string.h>

#include "csv.h"
#include "export_model.h"

enum { L_ITEM = XF__MAX,
	L_VALUE,
	L_LABEL,
	L__MAX };

/* Value and label of answer a for item x. */
static uf_err
long_value(const struct xitem *x, const struct m_export_answer *a,
    struct buf *val, struct buf *lab, enum csv_kind *kind)
{
	char nb[32];
	const char *p, *semi, *choices;
	size_t k;
	enum xmiss ms = XMISS__MAX;
	uf_err e = UF_OK;

	buf_reset(val);
	buf_reset(lab);
	*kind = CSV_NUMBER;
	if (a->dont_know)
		ms = XMISS_DONT_KNOW;
	else if (a->declined)
		ms = XMISS_DECLINED;
	if (ms != XMISS__MAX) {
		if ((e = buf_adds(val, xnum(nb, x->miss[ms]))) != UF_OK)
			return e;
		return buf_adds(lab, xmiss_label(ms));
	}
	switch (x->shape) {
	case XSHAPE_SCALE:
	case XSHAPE_NUMBER:
		if (!a->has_int)
			return UF_EINTERNAL;
		if ((e = buf_printf(val, "%lld", a->value_int)) != UF_OK)
			return e;
		if (x->shape == XSHAPE_SCALE && a->value_int >= 1 && a->value_int <= 5)
			e = buf_adds(lab, form_likert_label((int)a->value_int));
		break;
	case XSHAPE_CODES:
	case XSHAPE_OPTIONS:
		/* single: the code as text; multi: codes joined with ';' */
		choices = x->shape == XSHAPE_CODES ? a->text : a->choices;
		*kind = x->shape == XSHAPE_CODES ? CSV_NUMBER : CSV_TEXT;
		for (p = choices; e == UF_OK && *p != '\0';
		     p = *semi != '\0' ? semi + 1 : semi) {
			if ((semi = strchr(p, ';')) == NULL)
				semi = p + strlen(p);
			for (k = 0; k < x->ncodes; k++)
				if (strlen(x->codes[k]) == (size_t)(semi - p) &&
				    memcmp(x->codes[k], p, (size_t)(semi - p)) == 0)
					break;
			if (k == x->ncodes)
				return UF_EINTERNAL;
			if (x->shape == XSHAPE_CODES)
				e = buf_printf(val, "%zu", k + 1);
			else
				e = buf_printf(val, "%s%s", val->len > 0 ? ";" : "",
				    x->codes[k]);
			if (e == UF_OK)
				e = buf_printf(lab, "%s%s", lab->len > 0 ? "; " : "",
				    x->labels[k]);
		}
		break;
	case XSHAPE_DECIMAL:
		/* canonical "-12.50": a plain number, the dialect sets the comma */
		e = buf_adds(val, a->text);
		break;
	case XSHAPE_TEXT:
		*kind = CSV_TEXT;
		e = buf_adds(val, a->text);
		break;
	case XSHAPE_DATE:
		*kind = CSV_TEXT;
		e = buf_adds(val, a->date);
		break;
	case XSHAPE__MAX:
		e = UF_EINTERNAL;
	}
	return e;
}

uf_err
export_long(struct db *db, long long study, const struct export_opts *o,
    struct buf *b, export_write w, void *ctx, long long *rows,
    struct manage_error *err)
{
	static const char *const tail[] = { "item", "value", "value_label" };
	enum csv_dialect d = o->dialect;
	enum csv_kind kinds[L__MAX];
	const char *cells[L__MAX];
	char fixnum[XF__MAX][32];
	const struct xitem *x;
	struct xmodel m;
	struct xcursor cur;
	struct buf val, lab;
	size_t k;
	bool more;
	uf_err e;

	memset(&cur, 0, sizeof(cur));
	buf_init(&val, 16 * 1024 * 8);
	buf_init(&lab, 64 * 1024);
	if ((e = xmodel_load(db, study, &o->filter, &m, err)) != UF_OK)
		goto out;
	for (k = 0; k < L__MAX; k++) {
		cells[k] = k < XF__MAX ? xfixed[k].name : tail[k - XF__MAX];
		kinds[k] = k < XF__MAX && xfixed[k].number ? CSV_NUMBER : CSV_TEXT;
	}
	if ((e = csv_begin(b, d)) != UF_OK ||
	    (e = csv_drow(b, d, NULL, cells, L__MAX)) != UF_OK ||
	    (e = xcursor_open(db, study, &o->filter, &cur)) != UF_OK)
		goto out;
	while ((e = xcursor_next(&cur, &more)) == UF_OK && more) {
		for (k = 0; k < XF__MAX; k++)
			cells[k] = xfixed_text(&cur.row, (enum xfixed)k, fixnum[k]);
		while ((e = xcursor_answer(&cur, &more)) == UF_OK && more) {
			x = xmodel_item(&m, cur.answer.item_id);
			if (x == NULL)
				continue; /* a text item without free text */
			if ((e = long_value(x, &cur.answer, &val, &lab,
			         &kinds[L_VALUE])) != UF_OK)
				goto out;
			cells[L_ITEM] = x->id;
			cells[L_VALUE] = buf_str(&val);
			cells[L_LABEL] = buf_str(&lab);
			if ((e = csv_drow(b, d, kinds, cells, L__MAX)) != UF_OK ||
			    (e = xflush(b, w, ctx, false)) != UF_OK)
				goto out;
			(*rows)++;
		}
		if (e != UF_OK)
			goto out;
	}
out:
	xcursor_close(&cur);
	xmodel_free(&m);
	buf_free(&lab);
	buf_free(&val);
	return e;
}
