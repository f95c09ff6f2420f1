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

/* Value and label of answer row i of a for item x. */
static uf_err
long_value(const struct xitem *x, const struct db_res *a, int i,
    struct buf *val, struct buf *lab, enum csv_kind *kind)
{
	char nb[32];
	const char *p, *semi, *choices;
	long long v;
	size_t k;
	enum xmiss ms = XMISS__MAX;
	uf_err e = UF_OK;

	buf_reset(val);
	buf_reset(lab);
	*kind = CSV_NUMBER;
	if (strcmp(db_res_get(a, i, XA_DONT_KNOW), "t") == 0)
		ms = XMISS_DONT_KNOW;
	else if (strcmp(db_res_get(a, i, XA_DECLINED), "t") == 0)
		ms = XMISS_DECLINED;
	if (ms != XMISS__MAX) {
		if ((e = buf_adds(val, xnum(nb, x->miss[ms]))) != UF_OK)
			return e;
		return buf_adds(lab, xmiss_label(ms));
	}
	switch (x->shape) {
	case XSHAPE_SCALE:
	case XSHAPE_NUMBER:
		if ((e = db_res_long(a, i, XA_INT, &v)) != UF_OK ||
		    (e = buf_printf(val, "%lld", v)) != UF_OK)
			return e;
		if (x->shape == XSHAPE_SCALE && v >= 1 && v <= 5)
			e = buf_adds(lab, form_likert_label((int)v));
		break;
	case XSHAPE_CODES:
	case XSHAPE_OPTIONS:
		/* single: the code as text; multi: codes joined with ';' */
		choices = db_res_get(a, i, x->shape == XSHAPE_CODES ? XA_TEXT : XA_CHOICES);
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
		e = buf_adds(val, db_res_get(a, i, XA_TEXT));
		break;
	case XSHAPE_TEXT:
		*kind = CSV_TEXT;
		e = buf_adds(val, db_res_get(a, i, XA_TEXT));
		break;
	case XSHAPE_DATE:
		*kind = CSV_TEXT;
		e = buf_adds(val, db_res_get(a, i, XA_DATE));
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
	const struct xitem *x;
	struct xmodel m;
	struct xcursor cur;
	struct buf val, lab;
	size_t k;
	bool more;
	int row, a0, a1, i;
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
	for (;;) {
		if ((e = xcursor_next(&cur, &more, &row, &a0, &a1)) != UF_OK)
			goto out;
		if (!more)
			break;
		for (k = 0; k < XF__MAX; k++)
			cells[k] = xcursor_fixed(&cur, row, (enum xfixed)k);
		for (i = a0; i < a1; i++) {
			x = xmodel_item(&m, db_res_get(cur.ans, i, XA_ITEM));
			if (x == NULL)
				continue; /* a text item without free text */
			if ((e = long_value(x, cur.ans, i, &val, &lab,
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
	}
out:
	xcursor_close(&cur);
	xmodel_free(&m);
	buf_free(&lab);
	buf_free(&val);
	return e;
}
