/* SPDX-License-Identifier: ISC
 * Question types as one descriptor table: for each enum item_type its name
 * in the forms format and in SQL, where its answer is stored, which keys a
 * definition may carry, how an answer is read (JSON API, posted form) and
 * checked, its codebook text and how reports summarise it. Adding a type
 * starts here (HACKING.md, "How to add a question type").
 */
#ifndef UF_ITEM_TYPES_H
#define UF_ITEM_TYPES_H
#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "buf.h"
#include "err.h"
#include "form.h"

/* The answer column (schema: table item_type, column storage). */
enum item_storage {
	STORAGE_INT,     /* answer.value_int */
	STORAGE_TEXT,    /* answer.value_text */
	STORAGE_CHOICES, /* answer.value_choices */
	STORAGE_DATE,    /* answer.value_date */
	STORAGE_DECIMAL, /* answer.value_text, a canonical decimal "-12.50" */
	STORAGE__MAX
};

/* How reports summarise the type. */
enum item_report {
	REPORT_CATEGORICAL, /* counts per option */
	REPORT_LIKERT,      /* ordinal 1..5: distribution, median, change tests */
	REPORT_NUMERIC,     /* n, median, IQR, mean with 95 % CI, change tests */
	REPORT_TEXT,        /* free text, listed after disclosure checks */
	REPORT_DATE,        /* n, earliest, median, latest */
	REPORT__MAX
};

/* Keys a definition may carry beyond the ones every item has. */
#define ITEM_KEY_OPTIONS    (1u << 0) /* options */
#define ITEM_KEY_MAX_LENGTH (1u << 1) /* max_length */
#define ITEM_KEY_MIN_MAX    (1u << 2) /* min, max (required together) */
#define ITEM_KEY_DECIMALS   (1u << 3) /* decimals */
#define ITEM_KEY_UNIT       (1u << 4) /* unit */
#define ITEM_KEY_END_LABELS (1u << 5) /* min_label, max_label */

struct item_type_desc {
	const char *name; /* format and SQL: "likert5", ... */
	enum item_storage storage;
	enum item_report report;
	unsigned keys;         /* ITEM_KEY_* */
	bool no_value_answers; /* may offer dont_know and decline */
	bool ordered;          /* an integer with a range: reversed,
	                                 scales, show_if min */
	unsigned seconds;      /* time to answer, for the start page */
	/* Check an answer of kind INT/TEXT/CHOICES (never NONE, dont_know
	 * or decline); UF_EINVAL with a Swedish message in err. */
	uf_err (*check)(const struct form_item *it, const struct form_answer *a,
	    struct form_error *err);
	/* Read a JSON API value (not null, not an object) into *a. Strings
	 * point into v or into arena memory. UF_EINVAL with a message. */
	uf_err (*from_json)(struct arena *ar, const struct form_item *it,
	    const cJSON *v, struct form_answer *a, struct form_error *err);
	/* Read n >= 1 non-empty posted values (not "vet-ej"/"vill-ej"). */
	uf_err (*from_post)(struct arena *ar, const struct form_item *it,
	    const char *const *vals, size_t n, struct form_answer *a,
	    struct form_error *err);
	/* The codebook's value description, without dont_know/declined. */
	uf_err (*codebook)(const struct form_item *it, struct buf *out);
};

extern const struct item_type_desc item_types[ITEM_TYPE__MAX];

/* Type by name, false when there is none. */
bool item_type_parse(const char *name, enum item_type *t);
const char *item_storage_name(enum item_storage s); /* "int", ... */

#define ITEM_DECIMALS_MAX 3

/* Number items: a decimal written with exactly it->decimals digits after
 * '.', e.g. "12.50" (decimals 2), as stored and exported. On true
 * *scaled = value * 10^decimals. */
bool item_number_parse(const struct form_item *it, const char *s, long *scaled);
/* Write scaled (value * 10^decimals) with sep ('.' for data, ',' for
 * people) into out[0..n); a value that does not fit is cut. */
void item_number_format(const struct form_item *it, long scaled, char sep,
    char *out, size_t n);
/* 10^decimals for it (1 for other types). */
long item_number_scale(const struct form_item *it);

/* YYYY-MM-DD, a real calendar date 1900-2100; *shape tells a wrongly
 * written date from an impossible one. */
bool item_date_ok(const char *s, bool *shape);

#endif
