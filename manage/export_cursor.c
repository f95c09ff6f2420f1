/* SPDX-License-Identifier: ISC
 * The cursor every analysis export reads: the chosen responses (one query,
 * so the row count is known before the first row, as .sav and .dta need),
 * then their answers XCHUNK responses at a time, so memory stays flat in
 * the number of answers.
 */
#include <string.h>

#include "db_manage.h"
#include "export_model.h"

uf_err
xcursor_open(struct db *db, long long study, const struct export_filter *f,
    struct xcursor *c)
{
	struct db_export_filter df;
	uf_err e;

	memset(c, 0, sizeof(*c));
	c->db = db;
	c->free_text = f->free_text;
	buf_init(&c->ids, (size_t)XCHUNK * 24 + 8);
	xfilter_db(study, f, &df);
	if ((e = db_m_export_responses(db, &df, &c->resp)) == UF_OK)
		c->nresp = db_res_rows(c->resp);
	return e;
}

void
xcursor_close(struct xcursor *c)
{
	db_res_free(c->ans);
	db_res_free(c->resp);
	buf_free(&c->ids);
	memset(c, 0, sizeof(*c));
}

/* The answers of responses [c->next, c->next + XCHUNK). */
static uf_err
load_chunk(struct xcursor *c)
{
	int i, end = c->next + XCHUNK < c->nresp ? c->next + XCHUNK : c->nresp;
	uf_err e;

	db_res_free(c->ans);
	c->ans = NULL;
	c->ai = c->nans = 0;
	buf_reset(&c->ids);
	if ((e = buf_adds(&c->ids, "{")) != UF_OK)
		return e;
	for (i = c->next; i < end; i++)
		if ((e = buf_printf(&c->ids, "%s%s", i > c->next ? "," : "",
		         db_res_get(c->resp, i, XR_RESPONSE))) != UF_OK)
			return e;
	if ((e = buf_adds(&c->ids, "}")) != UF_OK ||
	    (e = db_m_export_answers(c->db, buf_str(&c->ids), c->free_text,
	         &c->ans)) != UF_OK)
		return e;
	c->nans = db_res_rows(c->ans);
	c->chunk_end = end;
	return UF_OK;
}

uf_err
xcursor_next(struct xcursor *c, bool *more, int *row, int *a0, int *a1)
{
	const char *id;
	uf_err e;

	*more = false;
	if (c->next >= c->nresp)
		return UF_OK;
	if (c->next >= c->chunk_end && (e = load_chunk(c)) != UF_OK)
		return e;
	id = db_res_get(c->resp, c->next, XR_RESPONSE);
	*row = c->next++;
	*a0 = c->ai;
	/* Answers come ordered by response id, as the responses do. */
	while (c->ai < c->nans &&
	    strcmp(db_res_get(c->ans, c->ai, XA_RESPONSE), id) == 0)
		c->ai++;
	*a1 = c->ai;
	*more = true;
	return UF_OK;
}

uf_err
xcursor_row(struct xcursor *c, const struct xmodel *m, struct xcell *cells,
    bool *more, int *row)
{
	int a0, a1, i;
	uf_err e;

	if ((e = xcursor_next(c, more, row, &a0, &a1)) != UF_OK || !*more)
		return e;
	xrow_clear(m, cells);
	for (i = a0; i < a1; i++)
		if ((e = xrow_take(m, cells, c->ans, i)) != UF_OK)
			return e;
	return UF_OK;
}

const char *
xcursor_fixed(const struct xcursor *c, int row, enum xfixed k)
{
	return db_res_get(c->resp, row, xfixed[k].sql_col);
}
