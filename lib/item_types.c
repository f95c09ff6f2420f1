/* SPDX-License-Identifier: ISC
 * The question types' table (lib/item_types.h) and each type's answer
 * rules: reading a value from JSON or a posted form, checking it against the
 * item, and describing it in the codebook. Whether an item is shown, asked
 * or required is lib/form_answers.c's job; definitions are lib/form.c's.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "item_types.h"
#include "num.h"
#include "form_internal.h"
#include "utf8.h"

#define DATE_YEAR_MIN  1900
#define DATE_YEAR_MAX  2100
#define INT_ANSWER_ABS 1000000000L /* wider than any item's bounds */

#define MSG_FORM       "Svaret har fel form för den här frågan."
#define MSG_OPTION     "Ogiltigt svarsalternativ."
#define MSG_CHARS      "Svaret innehåller ogiltiga tecken."
#define MSG_ONE        "Välj bara ett svar."

static uf_err answer_fail(struct form_error *err, const struct form_item *it,
    const char *key, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* key: the page text (forms/ui, "answer.*") whose Swedish is fmt filled
 * in, with {min} {max} {chars} where fmt has the item's bounds. */
static uf_err
answer_fail(struct form_error *err, const struct form_item *it,
    const char *key, const char *fmt, ...)
{
	va_list ap;
	uf_err rc;

	va_start(ap, fmt);
	rc = form_error_vset(err, UF_EINVAL, it->id, fmt, ap);
	va_end(ap);
	err->key = key;
	return rc;
}

/* ---- values shared by several types ------------------------------------ */

static bool
leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool
item_date_ok(const char *s, bool *shape)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	long y = 0, m = 0, d = 0;
	int i, maxd;

	*shape = false;
	for (i = 0; i < 10; i++) {
		if (s[i] == '\0')
			return false;
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return false;
		} else if (s[i] < '0' || s[i] > '9') {
			return false;
		}
	}
	if (s[10] != '\0')
		return false;
	*shape = true;
	for (i = 0; i < 4; i++)
		y = y * 10 + (s[i] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX || m < 1 || m > 12)
		return false;
	maxd = mdays[m - 1] + (m == 2 && leap(y));
	return d >= 1 && d <= maxd;
}

long
item_number_scale(const struct form_item *it)
{
	long p = 1;

	for (int k = 0; k < it->decimals; k++)
		p *= 10;
	return p;
}

/* Digits [-]D+[(sep)D{1,max_dec}] into *scaled (value * 10^decimals), with
 * at most decimals digits after sep, or exactly that many when exact. */
static bool
decimal_parse(const struct form_item *it, const char *s, const char *seps,
    bool exact, long *scaled)
{
	long ip = 0, fp = 0, scale = item_number_scale(it);
	int nint = 0, nfrac = 0;
	bool neg = false;

	if (*s == '-') {
		neg = true;
		s++;
	}
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++nint > 10)
			return false;
		ip = ip * 10 + (*s - '0');
	}
	/* No leading zeros in canonical form: "0", "0.5", never "007". */
	if (nint == 0)
		return false;
	if (*s != '\0' && strchr(seps, *s) != NULL) {
		for (s++; *s >= '0' && *s <= '9'; s++) {
			if (++nfrac > it->decimals)
				return false;
			fp = fp * 10 + (*s - '0');
		}
		if (nfrac == 0)
			return false;
	}
	if (*s != '\0' || (exact && nfrac != it->decimals))
		return false;
	for (int k = nfrac; k < it->decimals; k++)
		fp *= 10;
	if (ip > INT_ANSWER_ABS / scale)
		return false;
	*scaled = (ip * scale + fp) * (neg ? -1 : 1);
	return true;
}

bool
item_number_parse(const struct form_item *it, const char *s, long *scaled)
{
	char back[40];

	if (!decimal_parse(it, s, ".", true, scaled))
		return false;
	/* One spelling per value: "-0.00" and "01" are not canonical. */
	item_number_format(it, *scaled, '.', back, sizeof back);
	return strcmp(back, s) == 0;
}

void
item_number_format(const struct form_item *it, long scaled, char sep,
    char *out, size_t n)
{
	long scale = item_number_scale(it);
	unsigned long a = scaled < 0 ? (unsigned long)-scaled : (unsigned long)scaled;
	int w;

	if (it->decimals == 0)
		w = snprintf(out, n, "%s%lu", scaled < 0 ? "-" : "", a);
	else
		w = snprintf(out, n, "%s%lu%c%0*lu", scaled < 0 ? "-" : "",
		    a / (unsigned long)scale, sep, it->decimals,
		    a % (unsigned long)scale);
	if (w < 0 && n > 0)
		out[0] = '\0';
}

/* ---- reading answers --------------------------------------------------- */

static uf_err
json_int(struct arena *ar, const struct form_item *it, const cJSON *v,
    struct form_answer *a, struct form_error *err)
{
	double d = cJSON_IsNumber(v) ? v->valuedouble : NAN;

	(void)ar;
	if (!isfinite(d) || d != floor(d) || d < -(double)INT_ANSWER_ABS ||
	    d > (double)INT_ANSWER_ABS)
		return form_error_answer(err, it->id, NULL,
		    "Fel typ av svar: ett heltal krävs.");
	a->kind = ANSWER_INT;
	a->ival = (long)d;
	return UF_OK;
}

static uf_err
json_text(struct arena *ar, const struct form_item *it, const cJSON *v,
    struct form_answer *a, struct form_error *err)
{
	(void)ar;
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return form_error_answer(err, it->id, NULL,
		    "Fel typ av svar: en textsträng krävs.");
	a->kind = ANSWER_TEXT;
	a->text = v->valuestring; /* lives as long as the request's JSON */
	return UF_OK;
}

static uf_err
json_choices(struct arena *ar, const struct form_item *it, const cJSON *v,
    struct form_answer *a, struct form_error *err)
{
	const char **vals;
	const cJSON *el;
	size_t n, k = 0;

	if (!cJSON_IsArray(v))
		return form_error_answer(err, it->id, NULL,
		    "Fel typ av svar: en lista med svarskoder krävs.");
	n = (size_t)cJSON_GetArraySize(v);
	if (n == 0 || n > FORM_MAX_OPTIONS)
		goto bad;
	vals = arena_alloc(ar, n * sizeof *vals);
	if (vals == NULL)
		return UF_ENOMEM;
	cJSON_ArrayForEach(el, v)
	{
		if (!cJSON_IsString(el) || el->valuestring == NULL)
			goto bad;
		vals[k++] = el->valuestring;
	}
	a->kind = ANSWER_CHOICES;
	a->choices = vals;
	a->nchoices = k;
	return UF_OK;
bad:
	return form_error_answer(err, it->id, NULL,
	    "Fel typ av svar: 1–30 svarskoder som textsträngar krävs.");
}

static uf_err
post_int(struct arena *ar, const struct form_item *it, const char *const *vals,
    size_t n, struct form_answer *a, struct form_error *err)
{
	const char *s;
	long long v;
	size_t len;

	(void)ar;
	if (n > 1)
		return form_error_answer(err, it->id, "answer.one", MSG_ONE);
	/* People type blanks around a number; the number itself is strict. */
	s = vals[0] + strspn(vals[0], " ");
	len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (!num_ll(s, len, -INT_ANSWER_ABS, INT_ANSWER_ABS, &v))
		return form_error_answer(err, it->id, "answer.integer_write",
		    "Skriv svaret som ett heltal, till exempel 3.");
	a->kind = ANSWER_INT;
	a->ival = (long)v;
	return UF_OK;
}

static uf_err
post_text(struct arena *ar, const struct form_item *it, const char *const *vals,
    size_t n, struct form_answer *a, struct form_error *err)
{
	(void)ar;
	if (n > 1)
		return form_error_answer(err, it->id, "answer.one", MSG_ONE);
	a->kind = ANSWER_TEXT;
	a->text = vals[0];
	return UF_OK;
}

/* A posted date: spaces around it are the field's, not the answer's. */
static uf_err
post_date(struct arena *ar, const struct form_item *it, const char *const *vals,
    size_t n, struct form_answer *a, struct form_error *err)
{
	const char *s;
	size_t len;

	if (n > 1)
		return form_error_answer(err, it->id, "answer.one", MSG_ONE);
	s = vals[0] + strspn(vals[0], " ");
	len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	a->kind = ANSWER_TEXT;
	a->text = arena_strndup(ar, s, len);
	return a->text != NULL ? UF_OK : UF_ENOMEM;
}

static uf_err
post_choices(struct arena *ar, const struct form_item *it,
    const char *const *vals, size_t n, struct form_answer *a,
    struct form_error *err)
{
	const char **v;

	if (n > FORM_MAX_OPTIONS)
		return form_error_answer(err, it->id, "answer.too_many", "För många val.");
	v = arena_alloc(ar, n * sizeof *v);
	if (v == NULL)
		return UF_ENOMEM;
	memcpy(v, vals, n * sizeof *v);
	a->kind = ANSWER_CHOICES;
	a->choices = v;
	a->nchoices = n;
	return UF_OK;
}

/* A JSON number with at most decimals digits after the point, stored as
 * its canonical text in the arena. */
static uf_err
json_number(struct arena *ar, const struct form_item *it, const cJSON *v,
    struct form_answer *a, struct form_error *err)
{
	double d = cJSON_IsNumber(v) ? v->valuedouble : NAN;
	double scaled = d * (double)item_number_scale(it);
	char buf[40];

	if (!isfinite(d) || fabs(scaled) > (double)INT_ANSWER_ABS)
		return form_error_answer(err, it->id, NULL,
		    "Fel typ av svar: ett tal krävs.");
	/* 12.3 is not exactly representable: allow a rounding error far
	 * below the last decimal, refuse a real extra decimal. */
	if (fabs(scaled - round(scaled)) > 1e-6 * fmax(1.0, fabs(scaled)))
		return form_error_answer(err, it->id, NULL, it->decimals == 0 ? "Fel typ av svar: ett heltal krävs." : "Fel typ av svar: för många decimaler.");
	item_number_format(it, (long)round(scaled), '.', buf, sizeof buf);
	a->kind = ANSWER_TEXT;
	a->text = arena_strdup(ar, buf);
	return a->text != NULL ? UF_OK : UF_ENOMEM;
}

/* A posted number: "12,5" or "12.5", spaces around it allowed; kept in
 * canonical form. */
static uf_err
post_number(struct arena *ar, const struct form_item *it,
    const char *const *vals, size_t n, struct form_answer *a,
    struct form_error *err)
{
	char buf[40];
	const char *s;
	size_t len;
	long scaled;

	if (n > 1)
		return form_error_answer(err, it->id, "answer.one", MSG_ONE);
	s = vals[0] + strspn(vals[0], " ");
	len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	if (len >= sizeof buf)
		goto bad;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!decimal_parse(it, buf, ".,", false, &scaled))
		goto bad;
	item_number_format(it, scaled, '.', buf, sizeof buf);
	a->kind = ANSWER_TEXT;
	a->text = arena_strdup(ar, buf);
	return a->text != NULL ? UF_OK : UF_ENOMEM;
bad:
	if (it->decimals == 0)
		return form_error_answer(err, it->id, "answer.integer_write",
		    "Skriv svaret som ett heltal, till exempel 3.");
	return form_error_answer(err, it->id, it->decimals == 1 ? "answer.number_write_1" : "answer.number_write_more", it->decimals == 1 ? "Skriv svaret som ett tal med högst 1 decimal, till exempel 2,5." : "Skriv svaret som ett tal med högst 2 eller 3 decimaler, till "
	                                                                                                                                                                                                        "exempel 2,25.");
}

/* ---- checking answers -------------------------------------------------- */

static uf_err
check_likert5(const struct form_item *it, const struct form_answer *a,
    struct form_error *err)
{
	if (a->kind != ANSWER_INT)
		return answer_fail(err, it, "answer.form", "%s", MSG_FORM);
	if (a->ival < 1 || a->ival > 5)
		return answer_fail(err, it, "answer.option", "%s", MSG_OPTION);
	return UF_OK;
}

static uf_err
check_integer(const struct form_item *it, const struct form_answer *a,
    struct form_error *err)
{
	if (a->kind != ANSWER_INT)
		return answer_fail(err, it, "answer.form", "%s", MSG_FORM);
	if (a->ival < it->min || a->ival > it->max)
		return answer_fail(err, it, "answer.integer_range", "Svaret måste vara ett heltal "
		                                                    "mellan %ld och %ld.",
		    it->min, it->max);
	return UF_OK;
}

static uf_err
check_single(const struct form_item *it, const struct form_answer *a,
    struct form_error *err)
{
	if (a->kind != ANSWER_TEXT || a->text == NULL)
		return answer_fail(err, it, "answer.form", "%s", MSG_FORM);
	if (!form_item_has_option(it, a->text))
		return answer_fail(err, it, "answer.option", "%s", MSG_OPTION);
	return UF_OK;
}

static uf_err
check_multi(const struct form_item *it, const struct form_answer *a,
    struct form_error *err)
{
	size_t k, m;

	if (a->kind != ANSWER_CHOICES || (a->nchoices > 0 && a->choices == NULL))
		return answer_fail(err, it, "answer.form", "%s", MSG_FORM);
	if (a->nchoices == 0)
		return answer_fail(err, it, "answer.choose_one_or_more", "Välj minst ett svarsalternativ.");
	if (a->nchoices > it->noptions)
		return answer_fail(err, it, "answer.option", "%s", MSG_OPTION);
	for (k = 0; k < a->nchoices; k++) {
		if (a->choices[k] == NULL ||
		    !form_item_has_option(it, a->choices[k]))
			return answer_fail(err, it, "answer.option", "%s", MSG_OPTION);
		for (m = 0; m < k; m++)
			if (strcmp(a->choices[m], a->choices[k]) == 0)
				return answer_fail(err, it, "answer.same_option_twice", "Samma svarsalternativ "
				                                                        "är valt mer än en gång.");
	}
	return UF_OK;
}

static uf_err
check_text(const struct form_item *it, const struct form_answer *a,
    struct form_error *err)
{
	size_t len;

	if (a->kind != ANSWER_TEXT || a->text == NULL)
		return answer_fail(err, it, "answer.form", "%s", MSG_FORM);
	len = strlen(a->text);
	if (!utf8_text_ok(a->text, len))
		return answer_fail(err, it, "answer.chars", "%s", MSG_CHARS);
	if (utf8_chars(a->text, len) > (size_t)it->max_length)
		return answer_fail(err, it, "answer.too_long", "Svaret är för långt (högst %d "
		                                               "tecken).",
		    it->max_length);
	return UF_OK;
}

static uf_err
check_date(const struct form_item *it, const struct form_answer *a,
    struct form_error *err)
{
	bool shape;

	if (a->kind != ANSWER_TEXT || a->text == NULL)
		return answer_fail(err, it, "answer.form", "%s", MSG_FORM);
	if (!item_date_ok(a->text, &shape))
		return answer_fail(err, it, shape ? "answer.date_invalid" : "answer.date_write", "%s", shape ? "Ogiltigt datum." : "Skriv datumet som ÅÅÅÅ-MM-DD.");
	return UF_OK;
}

static uf_err
check_number(const struct form_item *it, const struct form_answer *a,
    struct form_error *err)
{
	char lo[40], hi[40];
	long v;

	if (a->kind != ANSWER_TEXT || a->text == NULL ||
	    !item_number_parse(it, a->text, &v))
		return answer_fail(err, it, "answer.form", "%s", MSG_FORM);
	if (v < it->min || v > it->max) {
		item_number_format(it, it->min, ',', lo, sizeof lo);
		item_number_format(it, it->max, ',', hi, sizeof hi);
		return answer_fail(err, it, "answer.number_range", "Svaret måste vara ett tal mellan %s "
		                                                   "och %s.",
		    lo, hi);
	}
	return UF_OK;
}

/* ---- codebook ---------------------------------------------------------- */

static uf_err
codebook_likert5(const struct form_item *it, struct buf *v)
{
	uf_err e = UF_OK;

	(void)it;
	for (int k = 1; k <= 5 && e == UF_OK; k++)
		e = buf_printf(v, "%s%d=%s", k > 1 ? ";" : "", k,
		    form_likert_label(k));
	return e;
}

static uf_err
codebook_options(const struct form_item *it, struct buf *v)
{
	uf_err e = UF_OK;

	for (size_t i = 0; i < it->noptions && e == UF_OK; i++)
		e = buf_printf(v, "%s%s=%s", i > 0 ? ";" : "",
		    it->options[i].code, it->options[i].sv);
	return e;
}

static uf_err
codebook_integer(const struct form_item *it, struct buf *v)
{
	return buf_printf(v, "%ld..%ld", it->min, it->max);
}

static uf_err
codebook_text(const struct form_item *it, struct buf *v)
{
	/* The export's formula rule (lib/csv.h), where analysts read. */
	return buf_printf(v, "free text, at most %d characters; a text that "
	                     "starts with = + - @ tab or CR is exported with ' in front",
	    it->max_length);
}

static uf_err
codebook_date(const struct form_item *it, struct buf *v)
{
	(void)it;
	return buf_adds(v, "YYYY-MM-DD");
}

static uf_err
codebook_vas(const struct form_item *it, struct buf *v)
{
	return buf_printf(v, "0..100 (visual analogue scale; 0=%s;100=%s)",
	    it->min_label, it->max_label);
}

static uf_err
codebook_number(const struct form_item *it, struct buf *v)
{
	char lo[40], hi[40];

	item_number_format(it, it->min, '.', lo, sizeof lo);
	item_number_format(it, it->max, '.', hi, sizeof hi);
	/* Starts with a word: a leading '-' would be a formula start in CSV. */
	return buf_printf(v, "number %s..%s, decimals %d%s%s", lo, hi,
	    it->decimals, it->unit != NULL ? ", unit " : "",
	    it->unit != NULL ? it->unit : "");
}

/* ---- the table --------------------------------------------------------- */

const struct item_type_desc item_types[ITEM_TYPE__MAX] = {
	[ITEM_LIKERT5] = {
	    .name = "likert5",
	    .storage = STORAGE_INT,
	    .report = REPORT_LIKERT,
	    .keys = 0,
	    .no_value_answers = true,
	    .ordered = true,
	    .seconds = 20,
	    .check = check_likert5,
	    .from_json = json_int,
	    .from_post = post_int,
	    .codebook = codebook_likert5,
	},
	[ITEM_SINGLE] = {
	    .name = "single",
	    .storage = STORAGE_TEXT,
	    .report = REPORT_CATEGORICAL,
	    .keys = ITEM_KEY_OPTIONS,
	    .no_value_answers = true,
	    .ordered = false,
	    .seconds = 20,
	    .check = check_single,
	    .from_json = json_text,
	    .from_post = post_text,
	    .codebook = codebook_options,
	},
	[ITEM_MULTI] = {
	    .name = "multi",
	    .storage = STORAGE_CHOICES,
	    .report = REPORT_CATEGORICAL,
	    .keys = ITEM_KEY_OPTIONS,
	    .no_value_answers = false,
	    .ordered = false,
	    .seconds = 30,
	    .check = check_multi,
	    .from_json = json_choices,
	    .from_post = post_choices,
	    .codebook = codebook_options,
	},
	[ITEM_TEXT] = {
	    .name = "text",
	    .storage = STORAGE_TEXT,
	    .report = REPORT_TEXT,
	    .keys = ITEM_KEY_MAX_LENGTH,
	    .no_value_answers = false,
	    .ordered = false,
	    .seconds = 60,
	    .check = check_text,
	    .from_json = json_text,
	    .from_post = post_text,
	    .codebook = codebook_text,
	},
	[ITEM_INTEGER] = {
	    .name = "integer",
	    .storage = STORAGE_INT,
	    .report = REPORT_NUMERIC,
	    .keys = ITEM_KEY_MIN_MAX,
	    .no_value_answers = true,
	    .ordered = true,
	    .seconds = 20,
	    .check = check_integer,
	    .from_json = json_int,
	    .from_post = post_int,
	    .codebook = codebook_integer,
	},
	[ITEM_DATE] = {
	    .name = "date",
	    .storage = STORAGE_DATE,
	    .report = REPORT_DATE,
	    .keys = 0,
	    .no_value_answers = true,
	    .ordered = false,
	    .seconds = 20,
	    .check = check_date,
	    .from_json = json_text,
	    .from_post = post_date,
	    .codebook = codebook_date,
	},
	/* The range check is integer's: parse_item sets min 0, max 100. */
	[ITEM_VAS] = {
	    .name = "vas",
	    .storage = STORAGE_INT,
	    .report = REPORT_NUMERIC,
	    .keys = ITEM_KEY_END_LABELS,
	    .no_value_answers = true,
	    .ordered = true,
	    .seconds = 15,
	    .check = check_integer,
	    .from_json = json_int,
	    .from_post = post_int,
	    .codebook = codebook_vas,
	},
	/* min and max are scaled by 10^decimals (lib/form.c). Not ordered:
	 * show_if and scales compare integers. */
	[ITEM_NUMBER] = {
	    .name = "number",
	    .storage = STORAGE_DECIMAL,
	    .report = REPORT_NUMERIC,
	    .keys = ITEM_KEY_MIN_MAX | ITEM_KEY_DECIMALS | ITEM_KEY_UNIT,
	    .no_value_answers = true,
	    .ordered = false,
	    .seconds = 20,
	    .check = check_number,
	    .from_json = json_number,
	    .from_post = post_number,
	    .codebook = codebook_number,
	},
};

bool
item_type_parse(const char *name, enum item_type *t)
{
	for (int i = 0; i < ITEM_TYPE__MAX; i++) {
		if (strcmp(item_types[i].name, name) == 0) {
			*t = (enum item_type)i;
			return true;
		}
	}
	return false;
}

const char *
item_storage_name(enum item_storage s)
{
	switch (s) {
	case STORAGE_INT:
		return "int";
	case STORAGE_TEXT:
		return "text";
	case STORAGE_CHOICES:
		return "choices";
	case STORAGE_DATE:
		return "date";
	case STORAGE_DECIMAL:
		return "decimal";
	case STORAGE__MAX:
		break;
	}
	return "unknown";
}
