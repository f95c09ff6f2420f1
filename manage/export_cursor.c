/* SPDX-License-Identifier: ISC
 * The cursor every analysis export reads: the chosen responses (one query,
 * so the row count is known before the first row, as .sav and .dta need),
 * then their answers XCHUNK responses at a time, so memory stays flat in
 * the number of answers. Each row is read into the cursor's own structs.
 */
#include <string.h>

#include "db_manage.h"
#include "export_model.h"

uf_err
xcursor_open(struct db *db, long long study, const struct export_filter *f,
    struct xcursor *c)
{
	struct db_export_filter df;

	memset(c, 0, sizeof(*c));
	c->db = db;
	c->free_text = f->free_text;
	buf_init(&c->ids, (size_t)XCHUNK * 24 + 8);
	xfilter_db(study, f, &df);
	return db_m_export_responses(db, &df, &c->resp);
}

void
xcursor_close(struct xcursor *c)
{
	m_export_answers_free(&c->ans);
	m_export_responses_free(&c->resp);
	buf_free(&c->ids);
	memset(c, 0, sizeof(*c));
}

/* The answers of responses [c->next, c->next + XCHUNK). */
static uf_err
load_chunk(struct xcursor *c)
{
	int i, end = c->next + XCHUNK < c->resp.n ? c->next + XCHUNK : c->resp.n;
	struct m_export_response r;
	uf_err e;

	m_export_answers_free(&c->ans);
	c->ai = 0;
	c->answer_read = false;
	buf_reset(&c->ids);
	if ((e = buf_adds(&c->ids, "{")) != UF_OK)
		return e;
	for (i = c->next; i < end; i++)
		if ((e = m_export_response_at(&c->resp, i, &r)) != UF_OK ||
		    (e = buf_printf(&c->ids, "%s%lld", i > c->next ? "," : "",
		         r.response_id)) != UF_OK)
			return e;
	if ((e = buf_adds(&c->ids, "}")) != UF_OK ||
	    (e = db_m_export_answers(c->db, buf_str(&c->ids), c->free_text,
	         &c->ans)) != UF_OK)
		return e;
	c->chunk_end = end;
	return UF_OK;
}

uf_err
xcursor_next(struct xcursor *c, bool *more)
{
	uf_err e;

	*more = false;
	if (c->next >= c->resp.n)
		return UF_OK;
	if (c->next >= c->chunk_end && (e = load_chunk(c)) != UF_OK)
		return e;
	if ((e = m_export_response_at(&c->resp, c->next, &c->row)) != UF_OK)
		return e;
	c->next++;
	*more = true;
	return UF_OK;
}

uf_err
xcursor_answer(struct xcursor *c, bool *more)
{
	uf_err e;

	*more = false;
	/* Answers come ordered by response id, as the responses do: skip what
	 * an earlier response's reader left, stop at the next response's. */
	for (;;) {
		if (c->ai >= c->ans.n)
			return UF_OK;
		if (!c->answer_read &&
		    (e = m_export_answer_at(&c->ans, c->ai, &c->answer)) != UF_OK)
			return e;
		c->answer_read = true;
		if (c->answer.response_id >= c->row.response_id)
			break;
		c->ai++;
		c->answer_read = false;
	}
	if (c->answer.response_id != c->row.response_id)
		return UF_OK;
	c->ai++;
	c->answer_read = false; /* c->answer keeps it for the caller */
	*more = true;
	return UF_OK;
}

uf_err
xcursor_row(struct xcursor *c, const struct xmodel *m, struct xcell *cells,
    bool *more)
{
	bool ans = true;
	uf_err e;

	if ((e = xcursor_next(c, more)) != UF_OK || !*more)
		return e;
	xrow_clear(m, cells);
	while ((e = xcursor_answer(c, &ans)) == UF_OK && ans)
		if ((e = xrow_take(m, cells, &c->answer)) != UF_OK)
			break;
	return e;
}
