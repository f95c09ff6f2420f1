/* SPDX-License-Identifier: ISC
 * The wide CSV: one row per submitted response, the fixed columns and then
 * one column per item (one 0/1 column per option of a multi-choice item),
 * numbers with the missing codes of the codebook. Written with lib/csv.h in
 * the dialect asked for.
 */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "export_model.h"

uf_err
export_wide(struct db *db, long long study, const struct export_opts *o,
    struct buf *b, export_write w, void *ctx, long long *rows,
    struct manage_error *err)
{
	enum csv_dialect d = o->dialect;
	struct xmodel m;
	struct xcursor cur;
	struct xcell *cells = NULL;
	char(*nums)[32] = NULL;
	const char **text = NULL;
	enum csv_kind *kinds = NULL;
	size_t k, n;
	bool more;
	uf_err e;

	memset(&cur, 0, sizeof(cur));
	memset(&m, 0, sizeof(m));
	if ((e = xmodel_load(db, study, &o->filter, &m, err)) != UF_OK)
		goto out;
	n = XF__MAX + m.ncols;
	cells = calloc(m.ncols + 1, sizeof(*cells));
	nums = calloc(n, sizeof(*nums));
	text = calloc(n, sizeof(*text));
	kinds = calloc(n, sizeof(*kinds));
	if (cells == NULL || nums == NULL || text == NULL || kinds == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	if ((e = csv_begin(b, d)) != UF_OK)
		goto out;
	for (k = 0; k < n; k++)
		text[k] = k < XF__MAX ? xfixed[k].name : m.cols[k - XF__MAX].name;
	if ((e = csv_drow(b, d, NULL, text, n)) != UF_OK)
		goto out;
	for (k = 0; k < n; k++)
		kinds[k] = (k < XF__MAX ? xfixed[k].number : m.cols[k - XF__MAX].number) ? CSV_NUMBER : CSV_TEXT;
	if ((e = xcursor_open(db, study, &o->filter, &cur)) != UF_OK)
		goto out;
	while ((e = xcursor_row(&cur, &m, cells, &more)) == UF_OK && more) {
		for (k = 0; k < XF__MAX; k++)
			text[k] = xfixed_text(&cur.row, (enum xfixed)k, nums[k]);
		for (k = 0; k < m.ncols; k++)
			text[XF__MAX + k] = m.cols[k].number ?
			    xnum(nums[XF__MAX + k], cells[k].num) :
			    cells[k].str;
		if ((e = csv_drow(b, d, kinds, text, n)) != UF_OK ||
		    (e = xflush(b, w, ctx, false)) != UF_OK)
			goto out;
		(*rows)++;
	}
out:
	xcursor_close(&cur);
	xmodel_free(&m);
	free(kinds);
	free(text);
	free(nums);
	free(cells);
	return e;
}
