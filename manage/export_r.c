/* SPDX-License-Identifier: ISC
 * An R script that reads the wide CSV (rfc4180 dialect, same filters) into
 * a data frame: missing codes to NA with the reason kept as a factor in
 * attribute "saknas", coded columns as factors with the labels, every
 * column's question text in attribute "label". Every text from an
 * instrument is written as an escaped R string literal (r_string).
 */
#include <stdio.h>
#include <string.h>

#include "export_model.h"

/* s as an R double-quoted string literal. */
static uf_err
r_string(struct buf *b, const char *s)
{
	const unsigned char *p;
	uf_err e = buf_add(b, "\"", 1);

	for (p = (const unsigned char *)s; e == UF_OK && *p != '\0'; p++) {
		switch (*p) {
		case '\\': e = buf_adds(b, "\\\\"); break;
		case '"': e = buf_adds(b, "\\\""); break;
		case '\n': e = buf_adds(b, "\\n"); break;
		case '\r': e = buf_adds(b, "\\r"); break;
		case '\t': e = buf_adds(b, "\\t"); break;
		default:
			e = *p < 0x20 || *p == 0x7f ? buf_printf(b, "\\x%02x", *p) :
			                              buf_add(b, p, 1);
		}
	}
	return e == UF_OK ? buf_add(b, "\"", 1) : e;
}

static const char prologue[] =
    "# Läser den breda exporten (CSV, --dialect rfc4180) från uppfolj-admin\n"
    "# export med samma filter (--wave, --group, --unit-kind, --free-text) som\n"
    "# detta skript. Kör i R: source(\"svar-bred.R\", encoding = \"UTF-8\").\n"
    "# Ange en annan fil med uf_fil <- \"min-fil.csv\" före source().\n"
    "# Saknade värden blir NA; orsaken (vet ej, vill inte svara, inget svar)\n"
    "# finns som faktor i attributet \"saknas\". Frågetexten finns i \"label\".\n"
    "uf_fil <- if (exists(\"uf_fil\")) uf_fil else \"svar-bred.csv\"\n"
    "uf_d <- read.csv(uf_fil, fileEncoding = \"UTF-8\", check.names = FALSE,\n"
    "  stringsAsFactors = FALSE, na.strings = character(0))\n"
    "uf_kolumn <- function(x, text, koder = NULL, orsaker = NULL,\n"
    "    varden = NULL, etiketter = NULL) {\n"
    "  orsak <- NULL\n"
    "  if (!is.null(koder)) {\n"
    "    orsak <- factor(match(x, koder), levels = seq_along(koder), labels = orsaker)\n"
    "    x[!is.na(orsak)] <- NA\n"
    "  }\n"
    "  if (!is.null(varden)) x <- factor(x, levels = varden, labels = etiketter)\n"
    "  if (!is.null(orsak)) attr(x, \"saknas\") <- orsak\n"
    "  attr(x, \"label\") <- text\n"
    "  x\n"
    "}\n";

/* c(1, 2, 3) of numbers, or c("a", "b") of strings (NULL: labels). */
static uf_err
r_vector(struct buf *b, const double *v, const char *const *s, size_t n)
{
	char nb[32];
	size_t i;
	uf_err e = buf_adds(b, "c(");

	for (i = 0; i < n && e == UF_OK; i++) {
		if (i > 0)
			e = buf_adds(b, ", ");
		if (e == UF_OK)
			e = v != NULL ? buf_adds(b, xnum(nb, v[i])) : r_string(b, s[i]);
	}
	return e == UF_OK ? buf_adds(b, ")") : e;
}

/* One uf_kolumn() line for item column c. */
static uf_err
r_column(const struct xmodel *m, const struct xcol *c, struct buf *b,
    struct buf *label)
{
	const struct xitem *x = &m->items[c->item];
	struct xlabel l[XLABELS_MAX];
	double vals[XLABELS_MAX];
	const char *texts[XLABELS_MAX], *why[XMISS__MAX];
	size_t i, n = xcol_value_labels(m, c, l);
	enum xmiss ms;
	uf_err e;

	buf_reset(label);
	if ((e = xcol_label(m, c, label)) != UF_OK ||
	    (e = buf_adds(b, "uf_d[[")) != UF_OK || (e = r_string(b, c->name)) != UF_OK ||
	    (e = buf_adds(b, "]] <- uf_kolumn(uf_d[[")) != UF_OK ||
	    (e = r_string(b, c->name)) != UF_OK || (e = buf_adds(b, "]], ")) != UF_OK ||
	    (e = r_string(b, buf_str(label))) != UF_OK)
		return e;
	if (!c->number)
		return buf_adds(b, ")\n");
	for (ms = 0; ms < XMISS__MAX; ms++)
		why[ms] = xmiss_label(ms);
	if ((e = buf_adds(b, ",\n  koder = ")) != UF_OK ||
	    (e = r_vector(b, x->miss, NULL, XMISS__MAX)) != UF_OK ||
	    (e = buf_adds(b, ", orsaker = ")) != UF_OK ||
	    (e = r_vector(b, NULL, why, XMISS__MAX)) != UF_OK)
		return e;
	if (n > 0) {
		for (i = 0; i < n; i++) {
			vals[i] = l[i].value;
			texts[i] = l[i].text;
		}
		if ((e = buf_adds(b, ",\n  varden = ")) != UF_OK ||
		    (e = r_vector(b, vals, NULL, n)) != UF_OK ||
		    (e = buf_adds(b, ", etiketter = ")) != UF_OK ||
		    (e = r_vector(b, NULL, texts, n)) != UF_OK)
			return e;
	}
	return buf_adds(b, ")\n");
}

uf_err
export_r(struct db *db, long long study, const struct export_opts *o,
    struct buf *b, export_write w, void *ctx, long long *rows,
    struct manage_error *err)
{
	struct buf label;
	struct xmodel m;
	size_t k;
	uf_err e;

	buf_init(&label, 64 * 1024);
	if ((e = xmodel_load(db, study, &o->filter, &m, err)) != UF_OK ||
	    (e = buf_adds(b, prologue)) != UF_OK)
		goto out;
	for (k = 0; k < XF__MAX && e == UF_OK; k++) {
		if ((e = buf_adds(b, "attr(uf_d[[")) != UF_OK ||
		    (e = r_string(b, xfixed[k].name)) != UF_OK ||
		    (e = buf_adds(b, "]], \"label\") <- ")) != UF_OK ||
		    (e = r_string(b, xfixed[k].label)) != UF_OK)
			goto out;
		e = buf_adds(b, "\n");
	}
	for (k = 0; k < m.ncols && e == UF_OK; k++) {
		if ((e = r_column(&m, &m.cols[k], b, &label)) == UF_OK)
			e = xflush(b, w, ctx, false);
		(*rows)++;
	}
	if (e == UF_OK)
		e = buf_adds(b, "uf_d\n");
out:
	xmodel_free(&m);
	buf_free(&label);
	return e;
}
