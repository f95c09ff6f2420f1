/* SPDX-License-Identifier: ISC
 * CSV exports (long, wide, codebook) and the access-request JSON. Answers
 * are read page by page (keyset pagination on response and item) so memory
 * stays flat however big the study is. Values come from the database's
 * answer_value() so every export spells them the same way. Cells are typed
 * for the CSV writer (lib/csv.h): numbers the program stores as numbers
 * (wave, version, integer answers) are CSV_NUMBER, everything else CSV_TEXT.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "csv.h"
#include "db_manage.h"
#include "export.h"
#include "form.h"
#include "item_types.h"
#include "study.h"

#define FLUSH_AT  (256 * 1024)      /* bytes buffered before a write */
#define ITEM_ID_MAX 40

static const char *const format_names[EXPORT__MAX] = {
	[EXPORT_LONG] = "long", [EXPORT_WIDE] = "wide", [EXPORT_CODEBOOK] = "codebook",
};

bool
export_format_parse(const char *s, enum export_format *f)
{
	size_t i;

	for (i = 0; s != NULL && i < EXPORT__MAX; i++)
		if (strcmp(s, format_names[i]) == 0) {
			*f = (enum export_format)i;
			return true;
		}
	return false;
}

const char *
export_format_name(enum export_format f)
{
	return (unsigned)f < EXPORT__MAX ? format_names[f] : "?";
}

/* Hand buffered bytes to the writer when there are many (or all: force). */
static uf_err
flush(struct buf *b, export_write w, void *ctx, bool force)
{
	uf_err e;

	if (b->len == 0 || (!force && b->len < FLUSH_AT))
		return UF_OK;
	e = w(ctx, b->data, b->len);
	buf_reset(b);
	return e;
}

/* The instruments of a study, parsed: forms[i] for instrument rows i. */
struct forms {
	struct form **f;
	size_t n;
};

static void
forms_free(struct forms *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		form_free(fs->f[i]);
	free(fs->f);
	fs->f = NULL;
	fs->n = 0;
}

static uf_err
forms_load(struct db *db, long long study, struct forms *fs)
{
	struct db_res *r = NULL;
	struct form_error fe;
	const char *json;
	size_t i, n;
	uf_err e;

	memset(fs, 0, sizeof(*fs));
	if ((e = db_m_instruments(db, study, &r)) != UF_OK)
		goto out;
	n = (size_t)db_res_rows(r);
	if (n == 0)
		goto out;
	if ((fs->f = calloc(n, sizeof(*fs->f))) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		json = db_res_get(r, (int)i, 2);
		if ((e = form_parse(json, strlen(json), db_res_get(r, (int)i, 0),
		    &fs->f[i], &fe)) != UF_OK)
			goto out;
		fs->n = i + 1;
	}
out:
	db_res_free(r);
	if (e != UF_OK)
		forms_free(fs);
	return e;
}

/* The parsed instrument id@version, or NULL. */
static const struct form *
forms_find(const struct forms *fs, const char *id, long version)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->f[i]->id, id) == 0 && fs->f[i]->version == version)
			return fs->f[i];
	return NULL;
}

/* The label of option code `code` of an item, or NULL. */
static const char *
option_label(const struct form_item *it, const char *code)
{
	size_t i;

	for (i = 0; i < it->noptions; i++)
		if (strcmp(it->options[i].code, code) == 0)
			return it->options[i].sv;
	return NULL;
}

/* --- paging ---------------------------------------------------------------- */

/* Keyset paging over the export query, shared by long and wide: each page
 * starts after the (response id, item id) of the last row of the one before. */
struct page {
	struct db_res *r;     /* the rows of this page */
	int n;
	long long after_resp;
	char after_item[ITEM_ID_MAX + 1];
};

/* Fetch the next page into p->r, freeing the one before. */
static uf_err
page_next(struct db *db, long long study, struct page *p)
{
	uf_err e;

	db_res_free(p->r);
	p->r = NULL;
	p->n = 0;
	if ((e = db_m_export_page(db, study, p->after_resp, p->after_item,
	    EXPORT_PAGE_ROWS, &p->r)) == UF_OK)
		p->n = db_res_rows(p->r);
	return e;
}

/* Move the cursor past the last row of the page (once its rows are out). */
static uf_err
page_advance(struct page *p)
{
	const char *item;
	uf_err e = UF_OK;

	if (p->n == 0)
		goto out;
	item = db_res_get(p->r, p->n - 1, 1);
	if (strlen(item) > ITEM_ID_MAX) {
		e = UF_EINTERNAL;
		goto out;
	}
	if ((e = db_res_long(p->r, p->n - 1, 0, &p->after_resp)) != UF_OK)
		goto out;
	memcpy(p->after_item, item, strlen(item) + 1);
out:
	return e;
}

/* --- long ---------------------------------------------------------------- */

static const char *const long_header[] = { "panel_id", "group", "unit", "wave",
	"instrument", "version", "item", "value" };

/* Columns of db_m_export_page (manage/db_manage.c). */
enum { EP_RESPONSE, EP_ITEM, EP_PANEL, EP_GROUP, EP_UNIT, EP_MONTHS, EP_INSTR,
	EP_VERSION, EP_VALUE, EP_IS_INT };

/* The CSV kind of an answer's value: integer answers are numbers; choice
 * codes, dates, "dont_know" and free text are text. */
static enum csv_kind
value_kind(const struct db_res *r, int i)
{
	return strcmp(db_res_get(r, i, EP_IS_INT), "t") == 0 ? CSV_NUMBER : CSV_TEXT;
}

static uf_err
export_long(struct db *db, long long study, struct buf *b, export_write w,
    void *ctx, long long *rows)
{
	struct page pg = { NULL, 0, 0, "" };
	struct db_res *r;
	int i;
	uf_err e;

	if ((e = csv_row(b, long_header, 8)) != UF_OK)
		return e;
	do {
		if ((e = page_next(db, study, &pg)) != UF_OK)
			goto out;
		r = pg.r;
		for (i = 0; i < pg.n; i++) {
			enum csv_kind k[8] = { CSV_TEXT, CSV_TEXT, CSV_TEXT,
			    CSV_NUMBER, CSV_TEXT, CSV_NUMBER, CSV_TEXT, CSV_TEXT };
			const char *f[8];
			f[0] = db_res_get(r, i, EP_PANEL);
			f[1] = db_res_get(r, i, EP_GROUP);
			f[2] = db_res_get(r, i, EP_UNIT);      /* unit label */
			f[3] = db_res_get(r, i, EP_MONTHS);    /* wave */
			f[4] = db_res_get(r, i, EP_INSTR);
			f[5] = db_res_get(r, i, EP_VERSION);
			f[6] = db_res_get(r, i, EP_ITEM);
			f[7] = db_res_get(r, i, EP_VALUE);
			k[7] = value_kind(r, i);
			if ((e = csv_row_kinds(b, k, f, 8)) != UF_OK ||
			    (e = flush(b, w, ctx, false)) != UF_OK)
				goto out;
			(*rows)++;
		}
		if ((e = page_advance(&pg)) != UF_OK)
			goto out;
	} while (pg.n == EXPORT_PAGE_ROWS);
out:
	db_res_free(pg.r);
	return e;
}

/* --- wide ---------------------------------------------------------------- */

#define WIDE_FIXED 6    /* panel_id group unit wave instrument version */

static const enum csv_kind wide_fixed_kind[WIDE_FIXED] = { CSV_TEXT, CSV_TEXT,
	CSV_TEXT, CSV_NUMBER, CSV_TEXT, CSV_NUMBER };

struct col {
	const char *id;
	size_t index;       /* position among the item columns */
};

static int
col_cmp(const void *a, const void *b)
{
	return strcmp(((const struct col *)a)->id, ((const struct col *)b)->id);
}

struct wide {
	struct col *cols;           /* sorted by id, for bsearch */
	size_t ncols;
	const char **cells;         /* WIDE_FIXED + ncols, in the arena */
	enum csv_kind *kinds;       /* of each cell */
	struct arena *a;            /* this row's strings */
	long long resp;             /* response of the row being built, 0: none */
};

/* Write the row being built, if any, and start empty. */
static uf_err
wide_emit(struct wide *wd, struct buf *b, export_write w, void *ctx,
    long long *rows)
{
	uf_err e;

	if (wd->resp == 0)
		return UF_OK;
	if ((e = csv_row_kinds(b, wd->kinds, wd->cells, WIDE_FIXED + wd->ncols)) != UF_OK)
		return e;
	(*rows)++;
	memset(wd->cells, 0, (WIDE_FIXED + wd->ncols) * sizeof(*wd->cells));
	for (size_t k = WIDE_FIXED; k < WIDE_FIXED + wd->ncols; k++)
		wd->kinds[k] = CSV_TEXT;
	arena_reset(wd->a);
	wd->resp = 0;
	return flush(b, w, ctx, false);
}

/* Take one answer row of a page into the row being built. */
static uf_err
wide_take(struct wide *wd, const struct db_res *r, int i, struct buf *b,
    export_write w, void *ctx, long long *rows)
{
	static const int fixed_col[WIDE_FIXED] = { EP_PANEL, EP_GROUP, EP_UNIT,
	    EP_MONTHS, EP_INSTR, EP_VERSION };
	struct col key, *c;
	long long resp;
	size_t k;
	uf_err e;

	if ((e = db_res_long(r, i, EP_RESPONSE, &resp)) != UF_OK)
		return e;
	if (resp != wd->resp) {
		if ((e = wide_emit(wd, b, w, ctx, rows)) != UF_OK)
			return e;
		wd->resp = resp;
		for (k = 0; k < WIDE_FIXED; k++)
			if ((wd->cells[k] = arena_strdup(wd->a,
			    db_res_get(r, i, fixed_col[k]))) == NULL)
				return UF_ENOMEM;
	}
	key.id = db_res_get(r, i, EP_ITEM);
	c = bsearch(&key, wd->cols, wd->ncols, sizeof(*wd->cols), col_cmp);
	if (c == NULL)
		return UF_EINTERNAL;   /* an answer to an item of no instrument */
	if ((wd->cells[WIDE_FIXED + c->index] = arena_strdup(wd->a,
	    db_res_get(r, i, EP_VALUE))) == NULL)
		return UF_ENOMEM;
	wd->kinds[WIDE_FIXED + c->index] = value_kind(r, i);
	return UF_OK;
}

static uf_err
export_wide(struct db *db, long long study, struct buf *b, export_write w,
    void *ctx, long long *rows)
{
	static const char *const fixed[WIDE_FIXED] = { "panel_id", "group",
	    "unit", "wave", "instrument", "version" };
	struct db_res *cr = NULL;
	struct page pg = { NULL, 0, 0, "" };
	struct wide wd;
	size_t k;
	int i;
	uf_err e;

	memset(&wd, 0, sizeof(wd));
	if ((e = db_m_export_columns(db, study, &cr)) != UF_OK)
		goto out;
	wd.ncols = (size_t)db_res_rows(cr);
	wd.cols = calloc(wd.ncols + 1, sizeof(*wd.cols));
	wd.cells = calloc(WIDE_FIXED + wd.ncols, sizeof(*wd.cells));
	wd.kinds = calloc(WIDE_FIXED + wd.ncols, sizeof(*wd.kinds));
	wd.a = arena_new(0);
	if (wd.cols == NULL || wd.cells == NULL || wd.kinds == NULL || wd.a == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (k = 0; k < WIDE_FIXED + wd.ncols; k++)
		wd.kinds[k] = k < WIDE_FIXED ? wide_fixed_kind[k] : CSV_TEXT;
	for (k = 0; k < WIDE_FIXED; k++)
		if ((e = csv_field(b, fixed[k], k == 0)) != UF_OK)
			goto out;
	for (k = 0; k < wd.ncols; k++) {
		wd.cols[k].id = db_res_get(cr, (int)k, 0);
		wd.cols[k].index = k;
		if ((e = csv_field(b, wd.cols[k].id, false)) != UF_OK)
			goto out;
	}
	if ((e = csv_end(b)) != UF_OK)
		goto out;
	qsort(wd.cols, wd.ncols, sizeof(*wd.cols), col_cmp);
	do {
		if ((e = page_next(db, study, &pg)) != UF_OK)
			goto out;
		for (i = 0; i < pg.n; i++)
			if ((e = wide_take(&wd, pg.r, i, b, w, ctx, rows)) != UF_OK)
				goto out;
		if ((e = page_advance(&pg)) != UF_OK)
			goto out;
	} while (pg.n == EXPORT_PAGE_ROWS);
	e = wide_emit(&wd, b, w, ctx, rows);
out:
	db_res_free(pg.r);
	db_res_free(cr);
	arena_free(wd.a);
	free(wd.kinds);
	free(wd.cells);
	free(wd.cols);
	return e;
}

/* --- codebook -------------------------------------------------------------- */

/* "1=...;2=...;dont_know=...;declined=..." for an item. */
static uf_err
value_labels(const struct form_item *it, struct buf *v)
{
	uf_err e = item_types[it->type].codebook(it, v);
	if (e == UF_OK && it->dont_know)
		e = buf_printf(v, ";%s=%s", EXPORT_DONT_KNOW, form_dont_know_label());
	if (e == UF_OK && it->decline)
		e = buf_printf(v, ";%s=%s", EXPORT_DECLINED, form_decline_label());
	return e;
}

/* "hopp;ensamhet (reversed)": the scales item i belongs to. */
static uf_err
item_scales(const struct form *f, size_t i, struct buf *v)
{
	size_t s, k;
	uf_err e = UF_OK;

	for (s = 0; s < f->nscales && e == UF_OK; s++)
		for (k = 0; k < f->scales[s].nitems && e == UF_OK; k++)
			if (f->scales[s].items[k] == i)
				e = buf_printf(v, "%s%s (%s%s)", v->len > 0 ? ";" : "",
				    f->scales[s].id,
				    f->scales[s].method == SCALE_MEAN ? "mean" : "sum",
				    f->scales[s].reverse[k] ? ", reversed" : "");
	return e;
}

/* "12;24;36": the waves an item is asked in. */
static uf_err
item_waves(const struct form *f, const struct form_item *it, struct buf *v)
{
	size_t k;
	uf_err e = UF_OK;

	for (k = 0; k < f->nwaves && e == UF_OK; k++)
		if (it->wave_mask & (1u << k))
			e = buf_printf(v, "%s%d", v->len > 0 ? ";" : "", f->waves[k]);
	return e;
}

static uf_err
export_codebook(struct db *db, long long study, struct buf *b, export_write w,
    void *ctx, long long *rows)
{
	static const char *const header[] = { "item", "instrument", "version",
	    "group", "theme", "text", "type", "required", "values", "scales",
	    "waves", "shown_if" };
	static const enum csv_kind kinds[12] = { CSV_TEXT, CSV_TEXT, CSV_NUMBER,
	    CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT, CSV_TEXT,
	    CSV_TEXT, CSV_TEXT };
	struct forms fs;
	struct buf labels, scales, waves;
	char version[24];
	size_t i, k;
	uf_err e;

	buf_init(&labels, 64 * 1024);
	buf_init(&scales, 4096);
	buf_init(&waves, 256);
	if ((e = forms_load(db, study, &fs)) != UF_OK)
		goto out;
	if ((e = csv_row(b, header, 12)) != UF_OK)
		goto out;
	for (i = 0; i < fs.n; i++) {
		const struct form *f = fs.f[i];
		if (snprintf(version, sizeof(version), "%d", f->version) >=
		    (int)sizeof(version)) {
			e = UF_EINTERNAL;
			goto out;
		}
		for (k = 0; k < f->nitems; k++) {
			const struct form_item *it = &f->items[k];
			const char *row[12];
			buf_reset(&labels);
			buf_reset(&scales);
			buf_reset(&waves);
			if ((e = value_labels(it, &labels)) != UF_OK ||
			    (e = item_scales(f, k, &scales)) != UF_OK ||
			    (e = item_waves(f, it, &waves)) != UF_OK)
				goto out;
			row[0] = it->id;
			row[1] = f->id;
			row[2] = version;
			row[3] = form_group_name(f->group);
			row[4] = f->themes[it->theme].id;
			row[5] = it->sv;
			row[6] = form_type_name(it->type);
			row[7] = it->required ? "yes" : "no";
			row[8] = buf_str(&labels);
			row[9] = buf_str(&scales);
			row[10] = buf_str(&waves);
			row[11] = it->has_cond ? f->items[it->cond.item].id : "";
			if ((e = csv_row_kinds(b, kinds, row, 12)) != UF_OK ||
			    (e = flush(b, w, ctx, false)) != UF_OK)
				goto out;
			(*rows)++;
		}
	}
out:
	forms_free(&fs);
	buf_free(&waves);
	buf_free(&scales);
	buf_free(&labels);
	return e;
}

/* --- driver ---------------------------------------------------------------- */

uf_err
export_long_count(struct db *db, const char *study, long long *n, struct manage_error *err)
{
	long long sid;
	uf_err e;

	if ((e = study_resolve(db, study, &sid, err)) != UF_OK)
		return e;
	return db_m_export_count(db, sid, n);
}

uf_err
export_run(struct db *db, const char *study, enum export_format f,
    const char *actor, export_write w, void *ctx, long long *rows,
    struct manage_error *err)
{
	struct buf b, detail;
	long long sid, nrows = 0;
	char action[40];
	uf_err e, ea;

	buf_init(&b, 8 * 1024 * 1024);
	buf_init(&detail, 256);
	if ((e = study_resolve(db, study, &sid, err)) != UF_OK)
		goto out;
	switch (f) {
	case EXPORT_LONG:
		e = export_long(db, sid, &b, w, ctx, &nrows);
		break;
	case EXPORT_WIDE:
		e = export_wide(db, sid, &b, w, ctx, &nrows);
		break;
	case EXPORT_CODEBOOK:
		e = export_codebook(db, sid, &b, w, ctx, &nrows);
		break;
	default:
		e = UF_EINVAL;
		manage_fail(err, "format", "Okänt exportformat.");
		goto out;
	}
	if (e == UF_OK)
		e = flush(&b, w, ctx, true);
	/* Logged whether it worked or not: an export attempt is an event. */
	if (snprintf(action, sizeof(action), "export.%s", export_format_name(f)) <
	    (int)sizeof(action) &&
	    buf_printf(&detail, "{\"study\":%lld,\"rows\":%lld,\"complete\":%s}",
	    sid, nrows, e == UF_OK ? "true" : "false") == UF_OK) {
		ea = db_m_audit(db, actor, action, NULL, buf_str(&detail));
		if (e == UF_OK)
			e = ea;
	} else if (e == UF_OK) {
		e = UF_EINTERNAL;
	}
out:
	if (rows != NULL)
		*rows = nrows;
	buf_free(&detail);
	buf_free(&b);
	return e;
}

/* --- access request -------------------------------------------------------- */

/* A readable value for one answer: option labels for choices, the likert
 * label after the number, the dont-know and decline labels. */
static uf_err
readable(const struct form_item *it, const char *v, struct buf *out)
{
	const char *p, *semi, *label;
	char code[64];
	size_t n;
	long k;
	char *end;
	uf_err e = UF_OK;

	if (strcmp(v, EXPORT_DONT_KNOW) == 0)
		return buf_add_json_str(out, form_dont_know_label());
	if (strcmp(v, EXPORT_DECLINED) == 0)
		return buf_add_json_str(out, form_decline_label());
	if (it == NULL)
		return buf_add_json_str(out, v);
	if (it->type == ITEM_LIKERT5) {
		k = strtol(v, &end, 10);
		if (*end == '\0' && k >= 1 && k <= 5) {
			struct buf t;
			buf_init(&t, 256);
			e = buf_printf(&t, "%ld (%s)", k, form_likert_label((int)k));
			if (e == UF_OK)
				e = buf_add_json_str(out, buf_str(&t));
			buf_free(&t);
			return e;
		}
	}
	if (it->type != ITEM_SINGLE && it->type != ITEM_MULTI)
		return buf_add_json_str(out, v);
	/* Choices joined with ';' (answer_value) become labels joined with "; ". */
	{
		struct buf t;
		buf_init(&t, 16 * 1024);
		for (p = v; e == UF_OK && *p != '\0'; p = *semi ? semi + 1 : semi) {
			semi = strchr(p, ';');
			if (semi == NULL)
				semi = p + strlen(p);
			n = (size_t)(semi - p);
			if (n >= sizeof(code))
				n = sizeof(code) - 1;
			memcpy(code, p, n);
			code[n] = '\0';
			label = option_label(it, code);
			e = buf_printf(&t, "%s%s", t.len > 0 ? "; " : "",
			    label != NULL ? label : code);
		}
		if (e == UF_OK)
			e = buf_add_json_str(out, buf_str(&t));
		buf_free(&t);
	}
	return e;
}

/* Append `"key":` + JSON string (or null). */
static uf_err
json_kv(struct buf *b, const char *key, const char *v, bool comma)
{
	uf_err e;

	if ((e = buf_printf(b, "%s\"%s\":", comma ? "," : "", key)) != UF_OK)
		return e;
	return v != NULL ? buf_add_json_str(b, v) : buf_adds(b, "null");
}

/* Columns of db_m_access_rows. */
enum { AR_MONTHS, AR_INSTR, AR_VERSION, AR_STATUS, AR_SUBMITTED, AR_ITEM,
	AR_VALUE, AR_DECISION, AR_DECIDED };

static const char *
nullable(const struct db_res *r, int i, int c)
{
	return db_res_isnull(r, i, c) ? NULL : db_res_get(r, i, c);
}

/* The "waves" array from the rows. */
static uf_err
access_waves(const struct db_res *r, const struct forms *fs, struct buf *b)
{
	const struct form *f = NULL;
	const char *months, *prev = NULL;
	long long version;
	long idx;
	int i, n = db_res_rows(r);
	bool first_answer = true;
	uf_err e;

	if ((e = buf_adds(b, ",\"waves\":[")) != UF_OK)
		return e;
	for (i = 0; i < n && e == UF_OK; i++) {
		months = db_res_get(r, i, AR_MONTHS);
		if (prev == NULL || strcmp(prev, months) != 0) {
			if (prev != NULL && (e = buf_adds(b, "]},")) != UF_OK)
				break;
			prev = months;
			first_answer = true;
			f = NULL;
			if (!db_res_isnull(r, i, AR_INSTR) &&
			    db_res_long(r, i, AR_VERSION, &version) == UF_OK)
				f = forms_find(fs, db_res_get(r, i, AR_INSTR), (long)version);
			if ((e = buf_printf(b, "{\"months\":%s", months)) != UF_OK ||
			    (e = json_kv(b, "consent", nullable(r, i, AR_DECISION), true)) != UF_OK ||
			    (e = json_kv(b, "consent_at", nullable(r, i, AR_DECIDED), true)) != UF_OK ||
			    (e = json_kv(b, "questionnaire", f != NULL ? f->title_sv :
			    nullable(r, i, AR_INSTR), true)) != UF_OK ||
			    (e = json_kv(b, "status", nullable(r, i, AR_STATUS), true)) != UF_OK ||
			    (e = json_kv(b, "submitted_at", nullable(r, i, AR_SUBMITTED), true)) != UF_OK ||
			    (e = buf_adds(b, ",\"answers\":[")) != UF_OK)
				break;
		}
		if (db_res_isnull(r, i, AR_ITEM))
			continue;
		idx = f != NULL ? form_item_index(f, db_res_get(r, i, AR_ITEM)) : -1;
		if ((e = buf_adds(b, first_answer ? "{" : ",{")) != UF_OK ||
		    (e = json_kv(b, "item", db_res_get(r, i, AR_ITEM), false)) != UF_OK ||
		    (e = json_kv(b, "question", idx >= 0 ? f->items[idx].sv : NULL,
		    true)) != UF_OK ||
		    (e = buf_adds(b, ",\"answer\":")) != UF_OK ||
		    (e = readable(idx >= 0 ? &f->items[idx] : NULL,
		    db_res_get(r, i, AR_VALUE), b)) != UF_OK ||
		    (e = buf_adds(b, "}")) != UF_OK)
			break;
		first_answer = false;
	}
	if (e == UF_OK)
		e = buf_adds(b, prev != NULL ? "]}]" : "]");
	return e;
}

uf_err
export_access(struct db *db, long long participant, const char *actor,
    struct buf *out, struct manage_error *err)
{
	struct db_res *p = NULL, *r = NULL;
	struct forms fs;
	long long sid;
	uf_err e;

	memset(&fs, 0, sizeof(fs));
	if ((e = db_m_participant_get(db, participant, &p)) != UF_OK)
		goto out;
	if (db_res_rows(p) != 1) {
		manage_fail(err, "participant", "Deltagaren finns inte (redan raderad?).");
		e = UF_ENOTFOUND;
		goto out;
	}
	if ((e = study_resolve(db, db_res_get(p, 0, 3), &sid, err)) != UF_OK ||
	    (e = forms_load(db, sid, &fs)) != UF_OK ||
	    (e = db_m_access_rows(db, participant, &r)) != UF_OK)
		goto out;
	if ((e = buf_adds(out, "{")) != UF_OK ||
	    (e = json_kv(out, "panel_id", db_res_get(p, 0, 0), false)) != UF_OK ||
	    (e = json_kv(out, "group", db_res_get(p, 0, 1), true)) != UF_OK ||
	    (e = json_kv(out, "unit", db_res_get(p, 0, 2), true)) != UF_OK ||
	    (e = access_waves(r, &fs, out)) != UF_OK ||
	    (e = buf_adds(out, "}\n")) != UF_OK)
		goto out;
	e = db_m_audit(db, actor, "export.access", NULL, NULL);
out:
	forms_free(&fs);
	db_res_free(r);
	db_res_free(p);
	return e;
}
