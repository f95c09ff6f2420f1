/* SPDX-License-Identifier: ISC
 * SPSS .sav and Stata .dta (version 118, UTF-8) through libreadstat: the
 * wide form with variable labels (the Swedish question text), value labels
 * (options, likert labels) and missing values: SPSS user-missing codes
 * (codebook: -1, -2, -9), Stata's extended missing values .a .b .c with
 * the same labels. Text is cut on a UTF-8 boundary at each format's limit;
 * text values carry the CSV formula guard too. The only libreadstat user.
 */
#include <readstat.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "export_model.h"
#include "log.h"
#include "utf8.h"

/* What differs between the two formats. */
struct rs_limits {
	size_t var_label_bytes, var_label_chars;
	size_t value_label_bytes;
	size_t string_bytes; /* widest string column */
};

static const struct rs_limits sav_limits = { 255, 255, 120, 32767 };
static const struct rs_limits dta_limits = { 320, 80, 32000, 2045 };

struct rs {
	export_write w;
	void *ctx;
	struct buf *b;
	uf_err e; /* the writer callback's failure */
	const struct rs_limits *lim;
	bool stata;
	struct buf t; /* scratch text */
	struct buf v; /* scratch value */
};

static ssize_t
rs_write(const void *data, size_t len, void *ctx)
{
	struct rs *rs = ctx;

	if (rs->e == UF_OK && (rs->e = buf_add(rs->b, data, len)) == UF_OK)
		rs->e = xflush(rs->b, rs->w, rs->ctx, false);
	return rs->e == UF_OK ? (ssize_t)len : -1;
}

/* s cut to at most max_bytes and max_chars, on a character boundary, into
 * out (reset first). */
static const char *
cut(struct buf *out, const char *s, size_t max_bytes, size_t max_chars)
{
	size_t n = 0, chars = 0, step;

	buf_reset(out);
	while (s[n] != '\0' && chars < max_chars) {
		step = 1;
		while (utf8_continues((unsigned char)s[n + step]))
			step++;
		if (n + step > max_bytes)
			break;
		n += step;
		chars++;
	}
	if (buf_add(out, s, n) != UF_OK)
		return "";
	return buf_str(out);
}

/* A label cut as cut() does, without the spaces a cut may leave at its
 * end (Stata drops them; every format says the same). */
static const char *
cut_label(struct buf *out, const char *s, size_t max_bytes, size_t max_chars)
{
	cut(out, s, max_bytes, max_chars);
	while (out->len > 0 && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
	return buf_str(out);
}

/* A text value as every export writes it (formula guard), cut to width. */
static const char *
text_value(struct rs *rs, const char *s, size_t width)
{
	buf_reset(&rs->t);
	if (s == NULL || csv_guarded_text(&rs->t, s) != UF_OK)
		return "";
	return cut(&rs->v, buf_str(&rs->t), width, (size_t)-1);
}

/* The widest value of each fixed column over the chosen responses. */
static uf_err
fixed_widths(const struct xcursor *cur, size_t w[XF__MAX])
{
	struct m_export_response r;
	char b[32];
	size_t k, n;
	int i;
	uf_err e;

	for (k = 0; k < XF__MAX; k++)
		w[k] = 1;
	for (i = 0; i < cur->resp.n; i++) {
		if ((e = m_export_response_at(&cur->resp, i, &r)) != UF_OK)
			return e;
		for (k = 0; k < XF__MAX; k++)
			if ((n = strlen(xfixed_text(&r, (enum xfixed)k, b)) + 1) > w[k])
				w[k] = n; /* + 1: room for the formula guard */
	}
	return UF_OK;
}

static uf_err
label_set(struct rs *rs, readstat_writer_t *wr, const struct xmodel *m,
    const struct xcol *c, readstat_variable_t *var)
{
	const struct xitem *x = &m->items[c->item];
	struct xlabel l[XLABELS_MAX];
	readstat_label_set_t *set;
	size_t i, n = xcol_value_labels(m, c, l);
	enum xmiss ms;
	const char *text;

	set = readstat_add_label_set(wr, rs->stata ? READSTAT_TYPE_INT32 : READSTAT_TYPE_DOUBLE, c->name);
	if (set == NULL)
		return UF_ENOMEM;
	for (i = 0; i < n; i++) {
		text = cut_label(&rs->t, l[i].text, rs->lim->value_label_bytes,
		    (size_t)-1);
		if (rs->stata)
			readstat_label_int32_value(set, (int32_t)l[i].value, text);
		else
			readstat_label_double_value(set, l[i].value, text);
	}
	for (ms = 0; ms < XMISS__MAX; ms++) {
		text = cut_label(&rs->t, xmiss_label(ms), rs->lim->value_label_bytes,
		    (size_t)-1);
		if (rs->stata) {
			readstat_label_tagged_value(set, xmiss_tag(ms), text);
		} else {
			readstat_label_double_value(set, x->miss[ms], text);
			if (readstat_variable_add_missing_double_value(var,
			        x->miss[ms]) != READSTAT_OK)
				return UF_EINTERNAL;
		}
	}
	readstat_variable_set_label_set(var, set);
	return UF_OK;
}

/* Every variable, in the order of the wide CSV; vars[k] for column k. */
static uf_err
variables(struct rs *rs, readstat_writer_t *wr, const struct xmodel *m,
    const struct xcursor *cur, readstat_variable_t **vars)
{
	readstat_variable_t *v;
	struct buf label;
	size_t k, width, fixed[XF__MAX];
	uf_err e;

	if ((e = fixed_widths(cur, fixed)) != UF_OK)
		return e;
	buf_init(&label, 64 * 1024);
	for (k = 0; k < XF__MAX && e == UF_OK; k++) {
		width = fixed[k];
		v = readstat_add_variable(wr, xfixed[k].name, xfixed[k].number ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_STRING,
		    width < rs->lim->string_bytes ? width : rs->lim->string_bytes);
		if ((vars[k] = v) == NULL) {
			e = UF_ENOMEM;
			break;
		}
		readstat_variable_set_label(v, cut_label(&rs->t, xfixed[k].label, rs->lim->var_label_bytes, rs->lim->var_label_chars));
	}
	for (k = 0; k < m->ncols && e == UF_OK; k++) {
		const struct xcol *c = &m->cols[k];
		width = m->items[c->item].width + 1; /* + 1: the formula guard */
		v = readstat_add_variable(wr, c->name, c->number ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_STRING,
		    width < rs->lim->string_bytes ? width : rs->lim->string_bytes);
		if ((vars[XF__MAX + k] = v) == NULL) {
			e = UF_ENOMEM;
			break;
		}
		buf_reset(&label);
		if ((e = xcol_label(m, c, &label)) != UF_OK)
			break;
		readstat_variable_set_label(v, cut_label(&rs->t, buf_str(&label), rs->lim->var_label_bytes, rs->lim->var_label_chars));
		if (c->number) {
			/* whole numbers: SPSS shows them without decimals */
			if (!rs->stata)
				readstat_variable_set_format(v, "F8.0");
			e = label_set(rs, wr, m, c, v);
		}
	}
	buf_free(&label);
	return e;
}

static readstat_error_t
insert_cell(struct rs *rs, readstat_writer_t *wr, const readstat_variable_t *v,
    const struct xcol *c, const struct xcell *cell)
{
	if (!c->number)
		return readstat_insert_string_value(wr, v, text_value(rs, cell->str, readstat_variable_get_storage_width(v)));
	if (rs->stata && cell->miss != XMISS__MAX)
		return readstat_insert_tagged_missing_value(wr, v, xmiss_tag(cell->miss));
	return readstat_insert_double_value(wr, v, cell->num);
}

static readstat_error_t
insert_row(struct rs *rs, readstat_writer_t *wr, readstat_variable_t **vars,
    const struct xmodel *m, const struct m_export_response *r,
    const struct xcell *cells)
{
	readstat_error_t re;
	char b[32];
	size_t k;

	if ((re = readstat_begin_row(wr)) != READSTAT_OK)
		return re;
	for (k = 0; k < XF__MAX; k++) {
		if (xfixed[k].number)
			re = readstat_insert_double_value(wr, vars[k], xfixed_num(r, (enum xfixed)k));
		else
			re = readstat_insert_string_value(wr, vars[k], text_value(rs, xfixed_text(r, (enum xfixed)k, b), readstat_variable_get_storage_width(vars[k])));
		if (re != READSTAT_OK)
			return re;
	}
	for (k = 0; k < m->ncols; k++)
		if ((re = insert_cell(rs, wr, vars[XF__MAX + k], &m->cols[k],
		         &cells[k])) != READSTAT_OK)
			return re;
	return readstat_end_row(wr);
}

uf_err
export_readstat(struct db *db, long long study, const struct export_opts *o,
    struct buf *b, export_write w, void *ctx, long long *rows,
    struct manage_error *err)
{
	struct rs rs = { w, ctx, b, UF_OK, NULL, o->format == EXPORT_DTA,
		{ 0 }, { 0 } };
	readstat_writer_t *wr = NULL;
	readstat_variable_t **vars = NULL;
	readstat_error_t re = READSTAT_OK;
	struct xcell *cells = NULL;
	struct xcursor cur;
	struct xmodel m;
	bool more;
	uf_err e;

	rs.lim = rs.stata ? &dta_limits : &sav_limits;
	buf_init(&rs.t, 128 * 1024);
	buf_init(&rs.v, 128 * 1024);
	memset(&cur, 0, sizeof(cur));
	if ((e = xmodel_load(db, study, &o->filter, &m, err)) != UF_OK ||
	    (e = xcursor_open(db, study, &o->filter, &cur)) != UF_OK)
		goto out;
	vars = calloc(XF__MAX + m.ncols, sizeof(*vars));
	cells = calloc(m.ncols + 1, sizeof(*cells));
	if (vars == NULL || cells == NULL || (wr = readstat_writer_init()) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	if ((re = readstat_set_data_writer(wr, rs_write)) != READSTAT_OK ||
	    (re = readstat_writer_set_file_label(wr, "uppfolj")) != READSTAT_OK)
		goto out;
	if (rs.stata)
		re = readstat_writer_set_file_format_version(wr, 118);
	else
		re = readstat_writer_set_compression(wr, READSTAT_COMPRESS_ROWS);
	if (re != READSTAT_OK)
		goto out;
	if ((e = variables(&rs, wr, &m, &cur, vars)) != UF_OK)
		goto out;
	re = rs.stata ? readstat_begin_writing_dta(wr, &rs, cur.resp.n) :
	                readstat_begin_writing_sav(wr, &rs, cur.resp.n);
	if (re != READSTAT_OK)
		goto out;
	while ((e = xcursor_row(&cur, &m, cells, &more)) == UF_OK && more) {
		if ((re = insert_row(&rs, wr, vars, &m, &cur.row, cells)) != READSTAT_OK)
			goto out;
		(*rows)++;
	}
	if (e != UF_OK)
		goto out;
	re = readstat_end_writing(wr);
out:
	if (e == UF_OK && re != READSTAT_OK) {
		/* the writer callback's own failure (a full reply) comes first */
		e = rs.e != UF_OK ? rs.e : UF_EINTERNAL;
		if (rs.e == UF_OK)
			log_error("msg=\"export\" format=%s readstat=\"%s\"",
			    rs.stata ? "dta" : "sav", readstat_error_message(re));
	}
	if (wr != NULL)
		readstat_writer_free(wr);
	xcursor_close(&cur);
	xmodel_free(&m);
	free(cells);
	free(vars);
	buf_free(&rs.v);
	buf_free(&rs.t);
	return e;
}
