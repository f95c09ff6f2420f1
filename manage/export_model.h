/* SPDX-License-Identifier: ISC
 * What every analysis export shares (manage/export_*.c only): the study's
 * instruments, the columns of the wide form with their codes, labels and
 * missing values, and the cursor over the chosen responses and their
 * answers. The one place that says how each item type is exported is
 * xshape_of() in export_model.c.
 */
#ifndef UF_MANAGE_EXPORT_MODEL_H
#define UF_MANAGE_EXPORT_MODEL_H
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "db.h"
#include "db_manage.h"
#include "err.h"
#include "export.h"
#include "form.h"

#define XNAME_MAX   32           /* Stata's variable-name limit (SPSS: 64) */
#define XCHUNK      1000         /* responses whose answers come in one query */
#define XFLUSH_AT   (256 * 1024) /* bytes buffered before a write */
#define XLABELS_MAX (FORM_MAX_OPTIONS + 5)

/* The study's instruments, parsed. */
struct forms {
	struct form **f;
	size_t n;
};
uf_err forms_load(struct db *db, long long study, struct forms *fs);
void forms_free(struct forms *fs);
/* The parsed instrument id@version, or NULL. */
const struct form *forms_find(const struct forms *fs, const char *id, long version);

/* How an item type is exported. */
enum xshape {
	XSHAPE_SCALE,   /* likert5: 1..5 with the fixed labels */
	XSHAPE_CODES,   /* single: 1..n = the options in order */
	XSHAPE_OPTIONS, /* multi: one 0/1 column per option */
	XSHAPE_NUMBER,  /* integer, vas: the number */
	XSHAPE_DECIMAL, /* number: a decimal, stored as canonical text */
	XSHAPE_TEXT,    /* free text: a string (only with free text) */
	XSHAPE_DATE,    /* YYYY-MM-DD string */
	XSHAPE__MAX
};
enum xshape xshape_of(enum item_type t);

/* The missing codes of a numeric column (the codebook lists them). */
enum xmiss { XMISS_DONT_KNOW,
	XMISS_DECLINED,
	XMISS_NONE,
	XMISS__MAX };
/* Swedish label of a missing code; its Stata tag (.a .b .c). */
const char *xmiss_label(enum xmiss m);
char xmiss_tag(enum xmiss m);

/* The fixed columns at the start of every row: what a response shows
 * (struct m_export_response), in this order. */
enum xfixed { XF_PANEL,
	XF_GROUP,
	XF_UNIT,
	XF_UNIT_KIND,
	XF_WAVE,
	XF_OPENS,
	XF_CLOSES,
	XF_INSTRUMENT,
	XF_VERSION,
	XF_SUBMITTED,
	XF_LANG,
	XF_EASY,
	XF__MAX };
struct xfixed_col {
	const char *name;
	const char *label; /* Swedish variable label */
	bool number;
};
extern const struct xfixed_col xfixed[XF__MAX];
/* Fixed column k of response r as text (a number written into b). */
const char *xfixed_text(const struct m_export_response *r, enum xfixed k,
    char b[32]);
/* The value of number column k of r (xfixed[k].number). */
double xfixed_num(const struct m_export_response *r, enum xfixed k);

/* One item (by id, over every instrument version of the study). */
struct xitem {
	const char *id;
	const struct form *form;    /* the latest version asking it */
	const struct form_item *it; /* its text, type, options there */
	enum xshape shape;
	const char **codes;  /* CODES/OPTIONS: every option code of */
	const char **labels; /* any version, in order, and its label */
	size_t ncodes;
	double miss[XMISS__MAX]; /* numeric columns */
	size_t col, ncols;       /* its wide columns */
	size_t width;            /* string columns: longest value, bytes */
};

struct xcol {
	char name[XNAME_MAX + 1];
	size_t item; /* index in xmodel.items */
	long option; /* OPTIONS: index in codes; else -1 */
	bool number; /* else a string */
};

struct xmodel {
	struct forms fs;
	struct xitem *items;
	size_t nitems;
	const struct xitem **by_id; /* sorted by id */
	struct xcol *cols;          /* item columns, after the fixed ones */
	size_t ncols;
	bool free_text;
};

/* The database's form of filter f for study. */
void xfilter_db(long long study, const struct export_filter *f,
    struct db_export_filter *df);

/* The columns for filter f (its group's instruments; text items only with
 * free text). UF_EINVAL with err set when two column names clash. */
uf_err xmodel_load(struct db *db, long long study, const struct export_filter *f,
    struct xmodel *m, struct manage_error *err);
void xmodel_free(struct xmodel *m);
const struct xitem *xmodel_item(const struct xmodel *m, const char *id);

/* The variable label of column c (fixed: its label) into b. */
uf_err xcol_label(const struct xmodel *m, const struct xcol *c, struct buf *b);
struct xlabel {
	double value;
	const char *text;
};
/* The value labels of column c, missing codes left out; returns how many
 * (at most XLABELS_MAX). */
size_t xcol_value_labels(const struct xmodel *m, const struct xcol *c,
    struct xlabel *out);

/* One cell of a wide row: num for numeric columns, str (NULL: empty) for
 * string ones, miss when the number is a missing code. */
struct xcell {
	double num;
	const char *str;
	enum xmiss miss; /* XMISS__MAX: a value */
};
/* Every item cell "no answer". */
void xrow_clear(const struct xmodel *m, struct xcell *cells);
/* Put answer a into the cells (answers of unknown or left-out items are
 * skipped). Strings point into a's result. */
uf_err xrow_take(const struct xmodel *m, struct xcell *cells,
    const struct m_export_answer *a);

/* The chosen responses, a chunk of answers at a time. The current
 * response and answer are filled in place, never allocated per row; their
 * strings live until the next chunk of answers is read. */
struct xcursor {
	struct db *db;
	bool free_text;
	struct m_export_responses resp; /* every chosen response */
	int next;                       /* next response row */
	struct m_export_answers ans;    /* answers of responses [.., chunk_end) */
	int chunk_end;
	int ai;           /* next answer row */
	bool answer_read; /* answer holds answer row ai */
	struct buf ids;
	struct m_export_response row;  /* the current response */
	struct m_export_answer answer; /* the current answer */
};
uf_err xcursor_open(struct db *db, long long study, const struct export_filter *f,
    struct xcursor *c);
void xcursor_close(struct xcursor *c);
/* The next response into c->row; *more false at the end. */
uf_err xcursor_next(struct xcursor *c, bool *more);
/* The next answer of c->row into c->answer; *more false after its last. */
uf_err xcursor_answer(struct xcursor *c, bool *more);
/* The next response as a wide row: xcursor_next, then its answers put
 * into cells (xrow_clear, xrow_take). */
uf_err xcursor_row(struct xcursor *c, const struct xmodel *m, struct xcell *cells,
    bool *more);

/* Format a number as the exports write it ("3", "-9", "2.5"). */
const char *xnum(char b[32], double v);

/* Hand buffered bytes to the writer when there are many (or all: force). */
uf_err xflush(struct buf *b, export_write w, void *ctx, bool force);

/* A writer of one format: study's export as o says into b, handed to w
 * as it fills; *rows counts what export_run says. The writers, each in its
 * own file: */
typedef uf_err export_writer(struct db *db, long long study,
    const struct export_opts *o, struct buf *b, export_write w, void *ctx,
    long long *rows, struct manage_error *err);
export_writer export_long, export_wide, export_codebook, export_readstat,
    export_r;

#endif
