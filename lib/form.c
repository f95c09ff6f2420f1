/* SPDX-License-Identifier: ISC
 * Instrument definitions: parse and check one (forms/README.md) into a struct
 * form, free it, and look things up in it. Every rule of the format is
 * enforced here, once, for every program; the first problem found is
 * reported. Answers are lib/form_answers.c's job. Knows nothing of HTTP, SQL
 * or the file system beyond form_load_file.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "form.h"
#include "form_internal.h"
#include "item_types.h"
#include "num.h"
#include "utf8.h"

/* Character limits for the texts of a definition: form_internal.h (the
 * translations share them). */
#define TEXT_DEFAULT_MAX 2000 /* text item max_length when not given */
#define WAVE_MONTHS_MAX  120
#define VERSION_MAX      1000000
#define INT_BOUND_ABS    1000000000L /* |min|, |max| of integer items */
#define SCALE_ITEMS_MIN  2
#define SCALE_ITEMS_MAX  50
#define QUOTE_MAX_CHARS  40 /* hostile strings shown in messages */

static const char *const method_names[SCALE_METHOD__MAX] = {
	[SCALE_SUM] = "sum",
	[SCALE_MEAN] = "mean",
};

static const char *const likert_labels[5] = {
	"Stämmer inte alls",
	"Stämmer ganska dåligt",
	"Stämmer delvis",
	"Stämmer ganska bra",
	"Stämmer helt",
};

/* Allowed keys per object kind; check_keys relies on fewer than 32 each. */
static const char *const top_keys[] = {
	"format", "id", "version", "group", "title", "intro", "layout",
	"waves", "themes", "items", "scales", NULL
};
static const char *const text_keys[] = { "sv", "en", NULL };
static const char *const theme_keys[] = { "id", "sv", "en", NULL };
static const char *const item_keys[] = {
	"id", "theme", "type", "sv", "en", "help_sv", "required", "dont_know",
	"decline", "waves", "options", "max_length", "min", "max", "show_if",
	"reversed", "min_label", "max_label", "decimals", "unit", NULL
};
static const char *const option_keys[] = { "code", "sv", "en", NULL };
/* A grid (type "grid") and its statements; the statements' other keys come
 * from the grid. */
static const char *const grid_keys[] = {
	"id", "theme", "type", "sv", "en", "help_sv", "required", "dont_know",
	"decline", "waves", "show_if", "statements", NULL
};
static const char *const statement_keys[] = { "id", "sv", "en", "reversed", NULL };
static const char *const cond_keys[] = {
	"item", "equals", "in", "includes", "min", NULL
};
static const char *const scale_keys[] = {
	"id", "sv", "method", "items", "reverse", "min_answered", NULL
};

/* State of one form_parse call. */
struct ctx {
	struct form_error *err;
	struct form *f;
	const cJSON *items; /* the "items" array, to tell later from unknown ids */
	size_t json_pos;    /* index in it of the element being parsed */
};

/* ---- messages ---------------------------------------------------------- */

void
form_copy_text(char *dst, size_t n, const char *s)
{
	size_t len = strlen(s);

	if (len >= n) {
		len = utf8_floor(s, n - 1);
	}
	memcpy(dst, s, len);
	dst[len] = '\0';
}

/* Quote a string from the file for a message: at most QUOTE_MAX_CHARS
 * characters, control characters, quotes and backslashes escaped. The input
 * is valid UTF-8 (checked before parsing). */
void
form_quote(char *out, size_t n, const char *s)
{
	size_t o = 0, chars = 0;
	const unsigned char *p = (const unsigned char *)s;
	int w;

	if (n < 8)
		abort(); /* programmer error: callers pass fixed buffers */
	out[o++] = '"';
	while (*p != '\0') {
		size_t clen = utf8_lead_len(*p);

		if (chars == QUOTE_MAX_CHARS) {
			if (o + 5 > n)
				break;
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\') {
			if (o + 6 > n)
				break;
			if (*p == '"' || *p == '\\') {
				out[o++] = '\\';
				out[o++] = (char)*p;
			} else {
				w = snprintf(out + o, n - o, "\\x%02x", *p);
				if (w != 4)
					break;
				o += 4;
			}
		} else {
			if (o + clen + 2 > n)
				break;
			memcpy(out + o, p, clen);
			o += clen;
		}
		p += clen;
		chars++;
	}
	out[o++] = '"';
	out[o] = '\0';
}

uf_err
form_error_vset(struct form_error *err, uf_err rc, const char *field,
    const char *fmt, va_list ap)
{
	form_copy_text(err->field, sizeof err->field, field);
	err->key = NULL;
	/* A truncated message is still a useful message. */
	if (vsnprintf(err->msg, sizeof err->msg, fmt, ap) < 0)
		form_copy_text(err->msg, sizeof err->msg, "invalid");
	return rc;
}

static uf_err fail(struct ctx *c, uf_err rc, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static uf_err
fail(struct ctx *c, uf_err rc, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rc = form_error_vset(c->err, rc, field, fmt, ap);
	va_end(ap);
	return rc;
}

void
form_error_format(const struct form_error *e, char *out, size_t n)
{
	int w;

	if (n == 0)
		return;
	if (e->where[0] != '\0' && e->field[0] != '\0')
		w = snprintf(out, n, "%s: %s: %s", e->where, e->field, e->msg);
	else if (e->where[0] != '\0' || e->field[0] != '\0')
		w = snprintf(out, n, "%s: %s",
		    e->where[0] != '\0' ? e->where : e->field, e->msg);
	else
		w = snprintf(out, n, "%s", e->msg);
	if (w < 0)
		out[0] = '\0';
	/* w >= n: truncated, still NUL-terminated, acceptable for a message */
}

/* The types with an ordered integer range, for messages: "likert5, integer
 * or vas" (item_types[].ordered decides; the list grows with the table). */
static const char *
ordered_types(char *out, size_t n)
{
	size_t o = 0, k = 0, total = 0;
	int w;

	for (int t = 0; t < ITEM_TYPE__MAX; t++)
		total += item_types[t].ordered;
	out[0] = '\0';
	for (int t = 0; t < ITEM_TYPE__MAX && o < n; t++) {
		if (!item_types[t].ordered)
			continue;
		k++;
		w = snprintf(out + o, n - o, "%s%s", k == 1 ? "" : k == total ? " or " :
		                                                                ", ",
		    item_types[t].name);
		if (w < 0)
			break;
		o += (size_t)w; /* past n: the loop stops, the text is cut */
	}
	return out;
}

/* ---- small checks ------------------------------------------------------ */

/* ^[a-z0-9_]{1,32}$ */
static bool
valid_code(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (i >= FORM_ID_MAX)
			return false;
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		        (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	}
	return i > 0;
}

/* ^[a-z][a-z0-9_]{0,31}$ */
static bool
valid_id(const char *s)
{
	return s[0] >= 'a' && s[0] <= 'z' && valid_code(s);
}

/* Index of s in names[0..n), or -1. */
static int
name_index(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

static const cJSON *
get(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* Report the first key of obj that is not in allowed or appears twice. */
static uf_err
check_keys(struct ctx *c, const cJSON *obj, const char *const *allowed,
    const char *field)
{
	const cJSON *k;
	uint32_t seen = 0;
	char q[128];
	size_t i;

	for (k = obj->child; k != NULL; k = k->next) {
		const char *name = k->string != NULL ? k->string : "";

		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(allowed[i], name) == 0)
				break;
		if (allowed[i] == NULL || (seen & ((uint32_t)1 << i))) {
			form_quote(q, sizeof q, name);
			return fail(c, UF_EFORMAT, field, "%s key %s",
			    allowed[i] == NULL ? "unknown" : "duplicate", q);
		}
		seen |= (uint32_t)1 << i;
	}
	return UF_OK;
}

static uf_err
dup_string(struct ctx *c, const char *s, char **out)
{
	*out = strdup(s);
	if (*out == NULL)
		return fail(c, UF_ENOMEM, "", "out of memory");
	return UF_OK;
}

/* A text of obj[key]: string, no control characters, 1..max characters.
 * label names it in messages ("Swedish text (sv)"). Absent: *out = NULL,
 * an error only when required. */
static uf_err
get_text(struct ctx *c, const cJSON *obj, const char *key, const char *label,
    bool required, size_t max, const char *field, char **out)
{
	const cJSON *v = get(obj, key);
	size_t len, chars;

	*out = NULL;
	if (v == NULL) {
		if (required)
			return fail(c, UF_EFORMAT, field, "missing %s", label);
		return UF_OK;
	}
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return fail(c, UF_EFORMAT, field, "%s must be a string", label);
	len = strlen(v->valuestring);
	if (!utf8_text_ok(v->valuestring, len))
		return fail(c, UF_EFORMAT, field,
		    "%s contains control characters", label);
	chars = utf8_chars(v->valuestring, len);
	if (chars < 1 || chars > max)
		return fail(c, UF_EFORMAT, field,
		    "%s must be 1-%zu characters", label, max);
	return dup_string(c, v->valuestring, out);
}

/* An integer obj[key] in [lo, hi]. *present says whether the key exists;
 * absent is an error only when required. */
static uf_err
get_long(struct ctx *c, const cJSON *obj, const char *key, bool required,
    long lo, long hi, const char *field, long *out, bool *present)
{
	const cJSON *v = get(obj, key);
	double d;

	*present = v != NULL;
	if (v == NULL) {
		if (required)
			return fail(c, UF_EFORMAT, field, "missing %s", key);
		return UF_OK;
	}
	if (!cJSON_IsNumber(v))
		goto bad;
	d = v->valuedouble;
	if (!isfinite(d) || d != floor(d) || d < (double)lo || d > (double)hi)
		goto bad;
	*out = (long)d;
	return UF_OK;
bad:
	return fail(c, UF_EFORMAT, field,
	    "%s must be an integer between %ld and %ld", key, lo, hi);
}

static uf_err
get_bool(struct ctx *c, const cJSON *obj, const char *key, const char *field,
    bool *out)
{
	const cJSON *v = get(obj, key);

	*out = false;
	if (v == NULL)
		return UF_OK;
	if (!cJSON_IsBool(v))
		return fail(c, UF_EFORMAT, field, "%s must be true or false", key);
	*out = cJSON_IsTrue(v) != 0;
	return UF_OK;
}

/* A required string obj[key] (no copy). */
static uf_err
get_plain(struct ctx *c, const cJSON *obj, const char *key, const char *field,
    const char **out)
{
	const cJSON *v = get(obj, key);

	if (v == NULL)
		return fail(c, UF_EFORMAT, field, "missing %s", key);
	if (!cJSON_IsString(v) || v->valuestring == NULL)
		return fail(c, UF_EFORMAT, field, "%s must be a string", key);
	*out = v->valuestring;
	return UF_OK;
}

/* The texts every named thing has: sv (required) and en (optional), each
 * 1..max characters. */
static uf_err
get_sv_en(struct ctx *c, const cJSON *obj, size_t max, const char *field,
    char **sv, char **en)
{
	uf_err rc;

	if ((rc = get_text(c, obj, "sv", "Swedish text (sv)", true, max, field,
	         sv)) != UF_OK)
		return rc;
	return get_text(c, obj, "en", "English text (en)", false, max, field, en);
}

/* A required, valid id obj["id"] (no copy). */
static uf_err
get_id(struct ctx *c, const cJSON *obj, const char *field, const char **out)
{
	char q[128];
	uf_err rc;

	if ((rc = get_plain(c, obj, "id", field, out)) != UF_OK)
		return rc;
	if (!valid_id(*out)) {
		form_quote(q, sizeof q, *out);
		return fail(c, UF_EFORMAT, field,
		    "invalid id %s (must match ^[a-z][a-z0-9_]{0,31}$)", q);
	}
	return UF_OK;
}

/* An element of a list must be an object with only the allowed keys. */
static uf_err
check_object(struct ctx *c, const cJSON *obj, const char *const *allowed,
    const char *field)
{
	if (!cJSON_IsObject(obj))
		return fail(c, UF_EFORMAT, field, "must be an object");
	return check_keys(c, obj, allowed, field);
}

/* Start on element pos (0-based) of a list of kind ("theme", "item",
 * "scale"): name it in field ("theme kontakt", or "theme #3" while its id is
 * unusable), check_object, and get_id into *id. */
static uf_err
begin_element(struct ctx *c, const cJSON *obj, const char *kind, size_t pos,
    const char *const *allowed, char *field, size_t n, const char **id)
{
	const cJSON *idv = cJSON_IsObject(obj) ? get(obj, "id") : NULL;
	uf_err rc;

	/* A cut label is still a useful label. */
	if (cJSON_IsString(idv) && valid_id(idv->valuestring))
		(void)snprintf(field, n, "%s %s", kind, idv->valuestring);
	else
		(void)snprintf(field, n, "%s #%zu", kind, pos + 1);
	if ((rc = check_object(c, obj, allowed, field)) != UF_OK)
		return rc;
	return get_id(c, obj, field, id);
}

/* The required list root[key] of 1..max elements; *n its length. */
static uf_err
get_list(struct ctx *c, const cJSON *root, const char *key, int max,
    const cJSON **out, int *n)
{
	*out = get(root, key);
	if (*out == NULL)
		return fail(c, UF_EFORMAT, "", "missing %s", key);
	*n = cJSON_IsArray(*out) ? cJSON_GetArraySize(*out) : 0;
	if (*n > max)
		return fail(c, UF_ELIMIT, "", "too many %s (at most %d)", key, max);
	if (*n < 1)
		return fail(c, UF_EFORMAT, "", "%s must list 1-%d %s", key, max,
		    key);
	return UF_OK;
}

/* ---- raw text before cJSON --------------------------------------------- */

/* Whether a JSON string contains the escape \u0000, which cJSON would
 * silently turn into an early end of the string. */
static bool
has_nul_escape(const char *s, size_t len)
{
	size_t i;
	bool in_string = false;

	for (i = 0; i < len; i++) {
		if (!in_string) {
			if (s[i] == '"')
				in_string = true;
			continue;
		}
		if (s[i] == '"') {
			in_string = false;
		} else if (s[i] == '\\' && i + 1 < len) {
			if (s[i + 1] == 'u' && i + 5 < len &&
			    memcmp(s + i + 2, "0000", 4) == 0)
				return true;
			i++; /* skip the escaped character */
		}
	}
	return false;
}

/* 1-based line and column (in characters) of byte offset pos. */
static void
line_col(const char *s, size_t pos, size_t *line, size_t *col)
{
	size_t i, start = 0;

	*line = 1;
	for (i = 0; i < pos; i++) {
		if (s[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	}
	*col = utf8_chars(s + start, pos - start) + 1;
}

static uf_err
parse_json(struct ctx *c, const char *text, size_t len, cJSON **out)
{
	const char *end = NULL;
	cJSON *probe = NULL;
	size_t line, col, pos = 0;
	uf_err rc = UF_OK;

	/* len + 1: cJSON wants the terminating NUL inside the buffer to
	 * accept the end of the text when require_null_terminated is set. */
	*out = cJSON_ParseWithLengthOpts(text, len + 1, &end, 1);
	if (*out != NULL)
		goto out;
	/* Parsed fine without the end check: there is data after the value. */
	probe = cJSON_ParseWithLengthOpts(text, len + 1, &end, 0);
	if (probe != NULL) {
		pos = end != NULL ? (size_t)(end - text) : 0;
		while (pos < len && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r'))
			pos++;
		line_col(text, pos, &line, &col);
		rc = fail(c, UF_EFORMAT, "",
		    "unexpected data after the JSON value at line %zu, column %zu",
		    line, col);
		goto out;
	}
	if (end != NULL && end >= text && end <= text + len)
		pos = (size_t)(end - text);
	line_col(text, pos, &line, &col);
	rc = fail(c, UF_EFORMAT, "", "invalid JSON at line %zu, column %zu",
	    line, col);
out:
	cJSON_Delete(probe); /* NULL-safe */
	return rc;
}

/* ---- the definition ---------------------------------------------------- */

static uf_err
parse_waves(struct ctx *c, const cJSON *root)
{
	const cJSON *w = get(root, "waves"), *e;
	struct form *f = c->f;
	int n;

	if (w == NULL)
		return fail(c, UF_EFORMAT, "", "missing waves");
	n = cJSON_IsArray(w) ? cJSON_GetArraySize(w) : 0;
	if (n < 1 || n > FORM_MAX_WAVES)
		return fail(c, UF_EFORMAT, "",
		    "waves must list 1-%d months", FORM_MAX_WAVES);
	cJSON_ArrayForEach(e, w)
	{
		double d = cJSON_IsNumber(e) ? e->valuedouble : -1;

		if (d != floor(d) || d < 1 || d > WAVE_MONTHS_MAX ||
		    (f->nwaves > 0 && d <= f->waves[f->nwaves - 1]))
			return fail(c, UF_EFORMAT, "", "waves must be months "
			                               "1-%d in ascending order",
			    WAVE_MONTHS_MAX);
		f->waves[f->nwaves++] = (int)d;
	}
	return UF_OK;
}

static uf_err
parse_text_object(struct ctx *c, const cJSON *root, const char *key,
    bool required, size_t max, char **sv)
{
	const cJSON *o = get(root, key);
	char *en = NULL;
	uf_err rc = UF_OK;

	*sv = NULL;
	if (o == NULL) {
		if (required)
			rc = fail(c, UF_EFORMAT, "", "missing %s", key);
		goto out;
	}
	if (!cJSON_IsObject(o)) {
		rc = fail(c, UF_EFORMAT, key,
		    "must be an object with sv (and en)");
		goto out;
	}
	if ((rc = check_keys(c, o, text_keys, key)) != UF_OK)
		goto out;
	/* en is checked but not kept: struct form has no field for it. */
	rc = get_sv_en(c, o, max, key, sv, &en);
out:
	free(en);
	return rc;
}

/* Index of a theme by id among those parsed so far, or -1. */
static long
theme_index(const struct form *f, const char *id)
{
	size_t i;

	for (i = 0; i < f->nthemes; i++)
		if (strcmp(f->themes[i].id, id) == 0)
			return (long)i;
	return -1;
}

static uf_err
parse_themes(struct ctx *c, const cJSON *root)
{
	const cJSON *a, *t;
	struct form *f = c->f;
	char field[64];
	const char *id;
	long k;
	int n;
	uf_err rc;

	if ((rc = get_list(c, root, "themes", FORM_MAX_THEMES, &a, &n)) != UF_OK)
		return rc;
	/* Owned by f from here: form_free releases it on any failure. */
	f->themes = calloc((size_t)n, sizeof *f->themes);
	if (f->themes == NULL)
		return fail(c, UF_ENOMEM, "", "out of memory");
	cJSON_ArrayForEach(t, a)
	{
		struct form_theme *th = &f->themes[f->nthemes];

		if ((rc = begin_element(c, t, "theme", f->nthemes, theme_keys,
		         field, sizeof field, &id)) != UF_OK)
			return rc;
		if ((k = theme_index(f, id)) >= 0)
			return fail(c, UF_EFORMAT, field,
			    "duplicate id (first at position %ld)", k + 1);
		if ((rc = dup_string(c, id, &th->id)) != UF_OK)
			return rc;
		f->nthemes++;
		if ((rc = get_sv_en(c, t, TITLE_MAX_CHARS, field, &th->sv,
		         &th->en)) != UF_OK)
			return rc;
	}
	return UF_OK;
}

static uf_err
parse_options(struct ctx *c, struct form_item *it, const cJSON *item,
    const char *field)
{
	const cJSON *a = get(item, "options"), *o;
	bool choice = (item_types[it->type].keys & ITEM_KEY_OPTIONS) != 0;
	char ofield[96], q[128];
	const char *code;
	int n;
	uf_err rc;

	if (!choice) {
		if (a != NULL)
			return fail(c, UF_EFORMAT, field, "options are not "
			                                  "allowed for type %s",
			    item_types[it->type].name);
		return UF_OK;
	}
	if (a == NULL)
		return fail(c, UF_EFORMAT, field, "type %s needs options",
		    item_types[it->type].name);
	n = cJSON_IsArray(a) ? cJSON_GetArraySize(a) : 0;
	if (n > FORM_MAX_OPTIONS)
		return fail(c, UF_ELIMIT, field, "too many options (at most %d)",
		    FORM_MAX_OPTIONS);
	if (n < 2)
		return fail(c, UF_EFORMAT, field, "type %s needs 2-%d options",
		    item_types[it->type].name, FORM_MAX_OPTIONS);
	it->options = calloc((size_t)n, sizeof *it->options);
	if (it->options == NULL)
		return fail(c, UF_ENOMEM, "", "out of memory");
	cJSON_ArrayForEach(o, a)
	{
		struct form_option *op = &it->options[it->noptions];

		(void)snprintf(ofield, sizeof ofield, "%s: option %zu", field,
		    it->noptions + 1);
		if ((rc = check_object(c, o, option_keys, ofield)) != UF_OK)
			return rc;
		if ((rc = get_plain(c, o, "code", ofield, &code)) != UF_OK)
			return rc;
		form_quote(q, sizeof q, code);
		if (!valid_code(code))
			return fail(c, UF_EFORMAT, ofield, "invalid option code %s "
			                                   "(must match ^[a-z0-9_]{1,32}$)",
			    q);
		/* Exports write "vet ej" and "vill inte svara" as these words
		 * in the value column: an option may not be spelt the same. */
		if (strcmp(code, "dont_know") == 0 || strcmp(code, "declined") == 0)
			return fail(c, UF_EFORMAT, ofield, "option code %s is "
			                                   "reserved",
			    q);
		if (form_item_has_option(it, code))
			return fail(c, UF_EFORMAT, field,
			    "duplicate option code %s", q);
		if ((rc = dup_string(c, code, &op->code)) != UF_OK)
			return rc;
		it->noptions++;
		if ((rc = get_sv_en(c, o, TITLE_MAX_CHARS, ofield, &op->sv,
		         &op->en)) != UF_OK)
			return rc;
	}
	return UF_OK;
}

static uf_err
parse_item_waves(struct ctx *c, struct form_item *it, const cJSON *item,
    const char *field)
{
	const struct form *f = c->f;
	const cJSON *a = get(item, "waves"), *e;
	char list[64];
	size_t i, o = 0;
	int w;

	it->wave_mask = (1u << f->nwaves) - 1;
	if (a == NULL)
		return UF_OK;
	it->wave_mask = 0;
	if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) < 1)
		goto bad;
	cJSON_ArrayForEach(e, a)
	{
		if (!cJSON_IsNumber(e))
			goto bad;
		for (i = 0; i < f->nwaves; i++)
			if (e->valuedouble == (double)f->waves[i])
				break;
		if (i == f->nwaves || (it->wave_mask & (1u << i)))
			goto bad;
		it->wave_mask |= 1u << i;
	}
	return UF_OK;
bad:
	list[0] = '\0';
	for (i = 0; i < f->nwaves; i++) {
		w = snprintf(list + o, sizeof list - o, "%s%d", i ? ", " : "",
		    f->waves[i]);
		if (w < 0 || (size_t)w >= sizeof list - o)
			break;
		o += (size_t)w;
	}
	return fail(c, UF_EFORMAT, field, "waves must be a non-empty subset of "
	                                  "the instrument's waves (%s) without repeats",
	    list);
}

/* Whether value (from show_if) is an option code of item ref; on false, msg
 * explains why. */
static bool
cond_option_ok(const struct form_item *ref, const char *value, char *msg,
    size_t n)
{
	char q[128];

	if (form_item_has_option(ref, value))
		return true;
	form_quote(q, sizeof q, value);
	(void)snprintf(msg, n, "show_if value %s is not an option of item %s",
	    q, ref->id);
	return false;
}

/* Whether value (a string from show_if equals/in) is a possible answer of
 * item ref; on false, msg explains why. */
static bool
cond_value_ok(const struct form_item *ref, const char *value, char *msg,
    size_t n)
{
	char q[128];
	long v;

	form_quote(q, sizeof q, value);
	if (ref->type == ITEM_SINGLE)
		return cond_option_ok(ref, value, msg, n);
	if (item_types[ref->type].ordered) {
		if (num_long_canonical(value, LONG_MIN, LONG_MAX, &v) && v >= ref->min &&
		    v <= ref->max)
			return true;
		if (ref->type == ITEM_LIKERT5)
			(void)snprintf(msg, n, "show_if value %s is not a likert5 "
			                       "value of item %s (\"1\"-\"5\")",
			    q, ref->id);
		else
			(void)snprintf(msg, n, "show_if value %s is not an integer "
			                       "%ld-%ld of item %s",
			    q, ref->min, ref->max, ref->id);
		return false;
	}
	(void)snprintf(msg, n, "show_if equals/in needs a single, %s item "
	                       "(%s is %s)",
	    ordered_types(q, sizeof q), ref->id,
	    item_types[ref->type].name);
	return false;
}

/* Whether element e of the items list is, or (a grid) holds, item id. */
static bool
element_has_id(const cJSON *e, const char *id)
{
	const cJSON *v = cJSON_IsObject(e) ? get(e, "id") : NULL, *st, *s;

	if (cJSON_IsString(v) && strcmp(v->valuestring, id) == 0)
		return true;
	st = cJSON_IsObject(e) ? get(e, "statements") : NULL;
	if (!cJSON_IsArray(st))
		return false;
	cJSON_ArrayForEach(s, st)
	{
		v = cJSON_IsObject(s) ? get(s, "id") : NULL;
		if (cJSON_IsString(v) && strcmp(v->valuestring, id) == 0)
			return true;
	}
	return false;
}

/* Where is an item id that is not among the items parsed so far: later in
 * the file (true) or nowhere (false)? */
static bool
id_appears_later(const struct ctx *c, size_t i, const char *id)
{
	const cJSON *e;
	size_t k = 0;

	(void)i;
	cJSON_ArrayForEach(e, c->items) if (k++ > c->json_pos && element_has_id(e, id)) return true;
	return false;
}

/* Whether id is taken by a grid parsed so far. */
static long
grid_index(const struct form *f, const char *id)
{
	for (size_t g = 0; g < f->ngrids; g++)
		if (strcmp(f->grids[g].id, id) == 0)
			return (long)g;
	return -1;
}

static uf_err
add_cond_value(struct ctx *c, struct form_cond *cd, const char *v)
{
	char *copy = NULL;
	char **vals;
	uf_err rc;

	if ((rc = dup_string(c, v, &copy)) != UF_OK)
		goto out;
	vals = realloc(cd->values, (cd->nvalues + 1) * sizeof *vals);
	if (vals == NULL) {
		rc = fail(c, UF_ENOMEM, "", "out of memory");
		goto out;
	}
	cd->values = vals;
	vals[cd->nvalues++] = copy;
	copy = NULL; /* owned by cd now */
out:
	free(copy);
	return rc;
}

static uf_err
parse_cond(struct ctx *c, size_t i, const cJSON *item, const char *field)
{
	struct form *f = c->f;
	struct form_item *it = &f->items[i];
	struct form_cond *cd = &it->cond;
	const cJSON *o = get(item, "show_if"), *eq, *in, *inc, *mn, *e;
	const struct form_item *ref;
	const char *ref_id;
	char q[128], msg[256];
	long idx, lo, hi;
	size_t k;
	int nops;
	uf_err rc;

	if (o == NULL)
		return UF_OK;
	if (!cJSON_IsObject(o))
		return fail(c, UF_EFORMAT, field, "show_if must be an object");
	if ((rc = check_keys(c, o, cond_keys, field)) != UF_OK)
		return rc;
	if (get(o, "item") == NULL)
		return fail(c, UF_EFORMAT, field, "show_if needs an item");
	if ((rc = get_plain(c, o, "item", field, &ref_id)) != UF_OK)
		return rc;
	form_quote(q, sizeof q, ref_id);
	/* Items [0, i] are loaded; only [0, i) may be referred to. */
	idx = form_item_index(f, ref_id);
	if (idx < 0 || (size_t)idx >= i) {
		if (strcmp(ref_id, it->id) == 0)
			return fail(c, UF_EFORMAT, field,
			    "show_if refers to the item itself");
		if (id_appears_later(c, i, ref_id))
			return fail(c, UF_EFORMAT, field,
			    "show_if refers to later item %s", ref_id);
		return fail(c, UF_EFORMAT, field,
		    "show_if refers to unknown item %s", q);
	}
	ref = &f->items[idx];
	cd->item = (size_t)idx;
	/* In a wave where the condition item is not asked it has no answer,
	 * so this item could never be shown: a definition mistake. */
	if ((it->wave_mask & ~ref->wave_mask) != 0)
		return fail(c, UF_EFORMAT, field, "show_if refers to item %s, "
		                                  "which is not asked in every wave this item is",
		    ref->id);
	eq = get(o, "equals");
	in = get(o, "in");
	inc = get(o, "includes");
	mn = get(o, "min");
	nops = (eq != NULL) + (in != NULL) + (inc != NULL) + (mn != NULL);
	if (nops != 1)
		return fail(c, UF_EFORMAT, field, "show_if needs exactly one of "
		                                  "equals, in, includes, min");
	it->has_cond = true;
	if (eq != NULL) {
		cd->op = COND_EQUALS;
		if (!cJSON_IsString(eq))
			return fail(c, UF_EFORMAT, field,
			    "show_if equals must be a string");
		if (!cond_value_ok(ref, eq->valuestring, msg, sizeof msg))
			return fail(c, UF_EFORMAT, field, "%s", msg);
		return add_cond_value(c, cd, eq->valuestring);
	}
	if (in != NULL) {
		cd->op = COND_IN;
		if (!cJSON_IsArray(in) || cJSON_GetArraySize(in) < 1 ||
		    cJSON_GetArraySize(in) > FORM_MAX_OPTIONS)
			return fail(c, UF_EFORMAT, field, "show_if in must list "
			                                  "1-%d values",
			    FORM_MAX_OPTIONS);
		cJSON_ArrayForEach(e, in)
		{
			if (!cJSON_IsString(e))
				return fail(c, UF_EFORMAT, field,
				    "show_if in must list strings");
			if (!cond_value_ok(ref, e->valuestring, msg, sizeof msg))
				return fail(c, UF_EFORMAT, field, "%s", msg);
			for (k = 0; k < cd->nvalues; k++) {
				if (strcmp(cd->values[k], e->valuestring) == 0) {
					form_quote(q, sizeof q, e->valuestring);
					return fail(c, UF_EFORMAT, field,
					    "show_if in lists %s twice", q);
				}
			}
			if ((rc = add_cond_value(c, cd, e->valuestring)) != UF_OK)
				return rc;
		}
		return UF_OK;
	}
	if (inc != NULL) {
		cd->op = COND_INCLUDES;
		if (ref->type != ITEM_MULTI)
			return fail(c, UF_EFORMAT, field, "show_if includes needs "
			                                  "a multi item (%s is %s)",
			    ref->id,
			    item_types[ref->type].name);
		if (!cJSON_IsString(inc))
			return fail(c, UF_EFORMAT, field,
			    "show_if includes must be a string");
		if (!cond_option_ok(ref, inc->valuestring, msg, sizeof msg))
			return fail(c, UF_EFORMAT, field, "%s", msg);
		return add_cond_value(c, cd, inc->valuestring);
	}
	cd->op = COND_MIN;
	if (!item_types[ref->type].ordered)
		return fail(c, UF_EFORMAT, field, "show_if min needs a %s item "
		                                  "(%s is %s)",
		    ordered_types(q, sizeof q), ref->id,
		    item_types[ref->type].name);
	form_item_range(ref, &lo, &hi);
	if (!cJSON_IsNumber(mn) || mn->valuedouble != floor(mn->valuedouble) ||
	    mn->valuedouble < (double)lo || mn->valuedouble > (double)hi)
		return fail(c, UF_EFORMAT, field, "show_if min must be an "
		                                  "integer between %ld and %ld",
		    lo, hi);
	cd->min = (long)mn->valuedouble;
	return UF_OK;
}

/* item[key] for an answer without a value ("dont_know": "Vet ej / ej
 * aktuellt", "decline": "Vill inte svara"): a boolean, refused for text and
 * multi items, which are left empty instead. */
static uf_err
get_no_value_answer(struct ctx *c, const struct form_item *it,
    const cJSON *item, const char *key, const char *field, bool *out)
{
	if (get(item, key) != NULL && !item_types[it->type].no_value_answers)
		return fail(c, UF_EFORMAT, field, "%s is not allowed for "
		                                  "type %s",
		    key, item_types[it->type].name);
	return get_bool(c, item, key, field, out);
}

/* decimals (0..3, default 0) and unit (optional), where the type has them. */
static uf_err
parse_number_keys(struct ctx *c, struct form_item *it, const cJSON *item,
    const char *field)
{
	unsigned keys = item_types[it->type].keys;
	bool present;
	long v = 0;
	uf_err rc;

	if (get(item, "decimals") != NULL && !(keys & ITEM_KEY_DECIMALS))
		return fail(c, UF_EFORMAT, field, "decimals is not allowed for "
		                                  "type %s",
		    item_types[it->type].name);
	if (get(item, "unit") != NULL && !(keys & ITEM_KEY_UNIT))
		return fail(c, UF_EFORMAT, field, "unit is not allowed for "
		                                  "type %s",
		    item_types[it->type].name);
	if ((rc = get_long(c, item, "decimals", false, 0, ITEM_DECIMALS_MAX,
	         field, &v, &present)) != UF_OK)
		return rc;
	it->decimals = (int)v;
	return get_text(c, item, "unit", "unit", false, UNIT_MAX_CHARS, field,
	    &it->unit);
}

/* obj[key], a number with at most it->decimals decimals, as value *
 * 10^decimals within +-INT_BOUND_ABS. */
static uf_err
get_scaled(struct ctx *c, const cJSON *obj, const char *key,
    const struct form_item *it, const char *field, long *out)
{
	const cJSON *v = get(obj, key);
	double s;

	if (!cJSON_IsNumber(v))
		goto bad;
	s = v->valuedouble * (double)item_number_scale(it);
	if (!isfinite(s) || fabs(s) > (double)INT_BOUND_ABS ||
	    fabs(s - round(s)) > 1e-6 * fmax(1.0, fabs(s)))
		goto bad;
	*out = (long)round(s);
	return UF_OK;
bad:
	return fail(c, UF_EFORMAT, field, "%s must be a number between -%ld and "
	                                  "%ld with at most %d decimal places (decimals)",
	    key,
	    INT_BOUND_ABS / item_number_scale(it),
	    INT_BOUND_ABS / item_number_scale(it), it->decimals);
}

/* min_label and max_label: both required where the type has them. */
static uf_err
parse_end_labels(struct ctx *c, struct form_item *it, const cJSON *item,
    const char *field)
{
	uf_err rc;

	if (!(item_types[it->type].keys & ITEM_KEY_END_LABELS)) {
		if (get(item, "min_label") != NULL || get(item, "max_label") != NULL)
			return fail(c, UF_EFORMAT, field, "min_label and max_label "
			                                  "are not allowed for type %s",
			    item_types[it->type].name);
		return UF_OK;
	}
	if ((rc = get_text(c, item, "min_label", "min_label", true,
	         END_LABEL_MAX_CHARS, field, &it->min_label)) != UF_OK)
		return rc;
	return get_text(c, item, "max_label", "max_label", true,
	    END_LABEL_MAX_CHARS, field, &it->max_label);
}

static uf_err
parse_item(struct ctx *c, size_t i, const cJSON *item, const cJSON *stmt)
{
	struct form *f = c->f;
	struct form_item *it = &f->items[i];
	/* A grid's statement has its own id, texts and reversed mark; every
	 * other key is the grid's. */
	const cJSON *own = stmt != NULL ? stmt : item;
	const char *s;
	char field[64], q[128];
	bool has_min, has_max, present;
	long v, k;
	uf_err rc;

	if ((rc = begin_element(c, own, "item", i, stmt != NULL ? statement_keys : item_keys, field, sizeof field, &s)) != UF_OK)
		return rc;
	/* Items after i have no id yet, nor has item i: k < i. */
	if ((k = form_item_index(f, s)) >= 0)
		return fail(c, UF_EFORMAT, field,
		    "duplicate id (first at position %ld)", k + 1);
	if (grid_index(f, s) >= 0)
		return fail(c, UF_EFORMAT, field, "duplicate id (a grid's id)");
	if ((rc = dup_string(c, s, &it->id)) != UF_OK)
		return rc;

	if ((rc = get_plain(c, item, "theme", field, &s)) != UF_OK)
		return rc;
	if ((k = theme_index(f, s)) < 0) {
		form_quote(q, sizeof q, s);
		return fail(c, UF_EFORMAT, field, "unknown theme %s", q);
	}
	it->theme = (size_t)k;

	if ((rc = get_plain(c, item, "type", field, &s)) != UF_OK)
		return rc;
	if (stmt != NULL) {
		it->type = ITEM_LIKERT5; /* the grid's shared scale */
	} else if (!item_type_parse(s, &it->type)) {
		form_quote(q, sizeof q, s);
		return fail(c, UF_EFORMAT, field, "unknown type %s", q);
	}

	if ((rc = get_sv_en(c, own, QUESTION_MAX_CHARS, field, &it->sv,
	         &it->en)) != UF_OK)
		return rc;
	if ((rc = get_text(c, own, "help_sv", "help text (help_sv)", false,
	         QUESTION_MAX_CHARS, field, &it->help_sv)) != UF_OK)
		return rc;
	if ((rc = get_bool(c, item, "required", field, &it->required)) != UF_OK)
		return rc;
	if ((rc = get_no_value_answer(c, it, item, "dont_know", field,
	         &it->dont_know)) != UF_OK)
		return rc;
	if ((rc = get_no_value_answer(c, it, item, "decline", field,
	         &it->decline)) != UF_OK)
		return rc;
	if (get(own, "reversed") != NULL && !item_types[it->type].ordered)
		return fail(c, UF_EFORMAT, field, "reversed is only for %s items, "
		                                  "not type %s",
		    ordered_types(q, sizeof q),
		    item_types[it->type].name);
	if ((rc = get_bool(c, own, "reversed", field, &it->reversed)) != UF_OK)
		return rc;
	if ((rc = parse_item_waves(c, it, item, field)) != UF_OK)
		return rc;
	if ((rc = parse_options(c, it, item, field)) != UF_OK)
		return rc;

	if (get(item, "max_length") != NULL &&
	    !(item_types[it->type].keys & ITEM_KEY_MAX_LENGTH))
		return fail(c, UF_EFORMAT, field, "max_length is not allowed for "
		                                  "type %s",
		    item_types[it->type].name);
	if (item_types[it->type].keys & ITEM_KEY_MAX_LENGTH) {
		v = TEXT_DEFAULT_MAX;
		if ((rc = get_long(c, item, "max_length", false, 1,
		         FORM_TEXT_MAX_LIMIT, field, &v, &present)) != UF_OK)
			return rc;
		it->max_length = (int)v;
	}

	has_min = get(item, "min") != NULL;
	has_max = get(item, "max") != NULL;
	if ((has_min || has_max) &&
	    !(item_types[it->type].keys & ITEM_KEY_MIN_MAX))
		return fail(c, UF_EFORMAT, field, "min and max are not allowed "
		                                  "for type %s",
		    item_types[it->type].name);
	if (it->type == ITEM_LIKERT5) {
		it->min = 1; /* the fixed scale: form_item_range and show_if */
		it->max = 5;
	}
	if (it->type == ITEM_VAS) {
		it->min = 0;
		it->max = 100;
	}
	if ((rc = parse_end_labels(c, it, item, field)) != UF_OK)
		return rc;
	if ((rc = parse_number_keys(c, it, item, field)) != UF_OK)
		return rc;
	if (it->type == ITEM_NUMBER) {
		if (!has_min || !has_max)
			return fail(c, UF_EFORMAT, field,
			    "type %s needs min and max", item_types[it->type].name);
		if ((rc = get_scaled(c, item, "min", it, field, &it->min)) != UF_OK ||
		    (rc = get_scaled(c, item, "max", it, field, &it->max)) != UF_OK)
			return rc;
		if (it->min >= it->max)
			return fail(c, UF_EFORMAT, field,
			    "min must be less than max");
	} else if (item_types[it->type].keys & ITEM_KEY_MIN_MAX) {
		if (!has_min || !has_max)
			return fail(c, UF_EFORMAT, field,
			    "type %s needs min and max", item_types[it->type].name);
		if ((rc = get_long(c, item, "min", true, -INT_BOUND_ABS,
		         INT_BOUND_ABS, field, &it->min, &present)) != UF_OK)
			return rc;
		if ((rc = get_long(c, item, "max", true, -INT_BOUND_ABS,
		         INT_BOUND_ABS, field, &it->max, &present)) != UF_OK)
			return rc;
		if (it->min >= it->max)
			return fail(c, UF_EFORMAT, field,
			    "min must be less than max");
	}
	return parse_cond(c, i, item, field);
}

/* Whether element e of the items list is a grid (type "grid"). */
static bool
is_grid(const cJSON *e)
{
	const cJSON *t = cJSON_IsObject(e) ? get(e, "type") : NULL;

	return cJSON_IsString(t) && strcmp(t->valuestring, "grid") == 0;
}

/* A grid: its own entry in f->grids, then one likert5 item per statement. */
static uf_err
parse_grid(struct ctx *c, const cJSON *e)
{
	struct form *f = c->f;
	struct form_grid *g;
	const cJSON *st = get(e, "statements"), *s;
	char field[64];
	const char *id;
	long k;
	int n;
	uf_err rc;

	if ((rc = begin_element(c, e, "item", c->json_pos, grid_keys, field,
	         sizeof field, &id)) != UF_OK)
		return rc;
	if ((k = form_item_index(f, id)) >= 0)
		return fail(c, UF_EFORMAT, field,
		    "duplicate id (first at position %ld)", k + 1);
	if (grid_index(f, id) >= 0)
		return fail(c, UF_EFORMAT, field, "duplicate id (a grid's id)");
	n = cJSON_IsArray(st) ? cJSON_GetArraySize(st) : 0;
	if (n < FORM_GRID_MIN || n > FORM_GRID_MAX)
		return fail(c, UF_EFORMAT, field, "type grid needs statements: "
		                                  "%d-%d objects with id and sv",
		    FORM_GRID_MIN, FORM_GRID_MAX);
	g = &f->grids[f->ngrids++];
	if ((rc = dup_string(c, id, &g->id)) != UF_OK ||
	    (rc = get_sv_en(c, e, QUESTION_MAX_CHARS, field, &g->sv,
	         &g->en)) != UF_OK ||
	    (rc = get_text(c, e, "help_sv", "help text (help_sv)", false,
	         QUESTION_MAX_CHARS, field, &g->help_sv)) != UF_OK)
		return rc;
	g->first = f->nitems;
	cJSON_ArrayForEach(s, st)
	{
		/* Count first: form_free then sees every partly filled item. */
		f->nitems++;
		if ((rc = parse_item(c, f->nitems - 1, e, s)) != UF_OK)
			return rc;
		f->items[f->nitems - 1].grid = f->ngrids;
		g->n++;
	}
	return UF_OK;
}

static uf_err
parse_items(struct ctx *c, const cJSON *root)
{
	const cJSON *a, *e, *st;
	struct form *f = c->f;
	size_t total = 0, grids = 0;
	int n;
	uf_err rc;

	if ((rc = get_list(c, root, "items", FORM_MAX_ITEMS, &a, &n)) != UF_OK)
		return rc;
	/* A grid is as many items as it has statements. */
	cJSON_ArrayForEach(e, a)
	{
		st = is_grid(e) ? get(e, "statements") : NULL;
		total += cJSON_IsArray(st) ? (size_t)cJSON_GetArraySize(st) : 1;
		grids += is_grid(e);
	}
	if (total > FORM_MAX_ITEMS)
		return fail(c, UF_ELIMIT, "", "too many items (at most %d, a "
		                              "grid's statements counted one by one)",
		    FORM_MAX_ITEMS);
	/* Owned by f from here: form_free releases them on any failure. */
	f->items = calloc(total, sizeof *f->items);
	f->grids = grids > 0 ? calloc(grids, sizeof *f->grids) : NULL;
	if (f->items == NULL || (grids > 0 && f->grids == NULL))
		return fail(c, UF_ENOMEM, "", "out of memory");
	c->items = a;
	c->json_pos = 0;
	cJSON_ArrayForEach(e, a)
	{
		if (is_grid(e)) {
			rc = parse_grid(c, e);
		} else {
			/* Count first: form_free then sees every partly
			 * filled item. */
			f->nitems++;
			rc = parse_item(c, f->nitems - 1, e, NULL);
		}
		if (rc != UF_OK)
			return rc;
		c->json_pos++;
	}
	return UF_OK;
}

static uf_err
parse_scale_items(struct ctx *c, struct form_scale *sc, const cJSON *o,
    const char *field)
{
	const struct form *f = c->f;
	const cJSON *a = get(o, "items"), *r = get(o, "reverse"), *e;
	char q[128];
	long idx;
	size_t k;
	int n;

	if (a == NULL)
		return fail(c, UF_EFORMAT, field, "missing items");
	n = cJSON_IsArray(a) ? cJSON_GetArraySize(a) : 0;
	if (n < SCALE_ITEMS_MIN || n > SCALE_ITEMS_MAX)
		return fail(c, UF_EFORMAT, field, "items must list %d-%d item ids",
		    SCALE_ITEMS_MIN, SCALE_ITEMS_MAX);
	sc->items = calloc((size_t)n, sizeof *sc->items);
	sc->reverse = calloc((size_t)n, sizeof *sc->reverse);
	if (sc->items == NULL || sc->reverse == NULL)
		return fail(c, UF_ENOMEM, "", "out of memory");
	cJSON_ArrayForEach(e, a)
	{
		if (!cJSON_IsString(e))
			return fail(c, UF_EFORMAT, field,
			    "items must list item ids (strings)");
		form_quote(q, sizeof q, e->valuestring);
		idx = form_item_index(f, e->valuestring);
		if (idx < 0)
			return fail(c, UF_EFORMAT, field,
			    "item %s does not exist", valid_id(e->valuestring) ? e->valuestring : q);
		if (!item_types[f->items[idx].type].ordered)
			return fail(c, UF_EFORMAT, field, "item %s is %s, not "
			                                  "%s",
			    f->items[idx].id,
			    item_types[f->items[idx].type].name,
			    ordered_types(q, sizeof q));
		for (k = 0; k < sc->nitems; k++)
			if (sc->items[k] == (size_t)idx)
				return fail(c, UF_EFORMAT, field,
				    "item %s is listed twice", f->items[idx].id);
		sc->items[sc->nitems++] = (size_t)idx;
	}
	if (r == NULL)
		return UF_OK;
	if (!cJSON_IsArray(r))
		return fail(c, UF_EFORMAT, field,
		    "reverse must list item ids of the scale");
	cJSON_ArrayForEach(e, r)
	{
		if (!cJSON_IsString(e))
			return fail(c, UF_EFORMAT, field,
			    "reverse must list item ids (strings)");
		form_quote(q, sizeof q, e->valuestring);
		idx = form_item_index(f, e->valuestring);
		for (k = 0; k < sc->nitems; k++)
			if (idx >= 0 && sc->items[k] == (size_t)idx)
				break;
		if (k == sc->nitems)
			return fail(c, UF_EFORMAT, field, "reverse item %s is "
			                                  "not in the scale's items",
			    q);
		if (sc->reverse[k])
			return fail(c, UF_EFORMAT, field,
			    "reverse lists %s twice", q);
		sc->reverse[k] = true;
	}
	return UF_OK;
}

static uf_err
parse_scale(struct ctx *c, size_t i, const cJSON *o)
{
	struct form *f = c->f;
	struct form_scale *sc = &f->scales[i];
	char field[64], q[128];
	const char *s;
	long v;
	bool present;
	size_t j;
	int m;
	uf_err rc;

	if ((rc = begin_element(c, o, "scale", i, scale_keys, field,
	         sizeof field, &s)) != UF_OK)
		return rc;
	for (j = 0; j < i; j++)
		if (strcmp(f->scales[j].id, s) == 0)
			return fail(c, UF_EFORMAT, field,
			    "duplicate id (first at position %zu)", j + 1);
	if ((rc = dup_string(c, s, &sc->id)) != UF_OK)
		return rc;
	if ((rc = get_text(c, o, "sv", "Swedish text (sv)", true,
	         TITLE_MAX_CHARS, field, &sc->sv)) != UF_OK)
		return rc;
	if ((rc = get_plain(c, o, "method", field, &s)) != UF_OK)
		return rc;
	if ((m = name_index(method_names, SCALE_METHOD__MAX, s)) < 0) {
		form_quote(q, sizeof q, s);
		return fail(c, UF_EFORMAT, field,
		    "unknown method %s (sum or mean)", q);
	}
	sc->method = (enum scale_method)m;
	if ((rc = parse_scale_items(c, sc, o, field)) != UF_OK)
		return rc;
	v = (long)sc->nitems;
	if ((rc = get_long(c, o, "min_answered", false, 1, v, field, &v,
	         &present)) != UF_OK)
		return rc;
	sc->min_answered = (size_t)v;
	return UF_OK;
}

static uf_err
parse_scales(struct ctx *c, const cJSON *root)
{
	const cJSON *a = get(root, "scales"), *o;
	struct form *f = c->f;
	int n;
	uf_err rc;

	if (a == NULL)
		return UF_OK;
	if (!cJSON_IsArray(a))
		return fail(c, UF_EFORMAT, "", "scales must be a list");
	n = cJSON_GetArraySize(a);
	if (n > FORM_MAX_SCALES)
		return fail(c, UF_ELIMIT, "", "too many scales (at most %d)",
		    FORM_MAX_SCALES);
	if (n == 0)
		return UF_OK;
	/* Owned by f from here: form_free releases it on any failure. */
	f->scales = calloc((size_t)n, sizeof *f->scales);
	if (f->scales == NULL)
		return fail(c, UF_ENOMEM, "", "out of memory");
	cJSON_ArrayForEach(o, a)
	{
		/* Count first: form_free then sees every partly filled scale. */
		f->nscales++;
		if ((rc = parse_scale(c, f->nscales - 1, o)) != UF_OK)
			return rc;
	}
	/* The item's mark is the one source of direction: a scale's reverse
	 * list (the format's older way) marks its items, and every scale then
	 * reverses every marked item. */
	for (size_t s = 0; s < f->nscales; s++)
		for (size_t k = 0; k < f->scales[s].nitems; k++)
			if (f->scales[s].reverse[k])
				f->items[f->scales[s].items[k]].reversed = true;
	for (size_t s = 0; s < f->nscales; s++)
		for (size_t k = 0; k < f->scales[s].nitems; k++)
			f->scales[s].reverse[k] = f->items[f->scales[s].items[k]].reversed;
	return UF_OK;
}

static uf_err
parse_top(struct ctx *c, const cJSON *root)
{
	struct form *f = c->f;
	const cJSON *fmt;
	const char *s;
	char q[128];
	long v;
	bool present;
	uf_err rc;

	if (!cJSON_IsObject(root))
		return fail(c, UF_EFORMAT, "", "the file must hold a JSON object");
	if ((rc = check_keys(c, root, top_keys, "")) != UF_OK)
		return rc;

	fmt = get(root, "format");
	if (fmt == NULL)
		return fail(c, UF_EFORMAT, "", "missing format");
	if (!cJSON_IsNumber(fmt) || fmt->valuedouble != 1) {
		if (cJSON_IsNumber(fmt) && fmt->valuedouble == floor(fmt->valuedouble) && fabs(fmt->valuedouble) < 1e9)
			return fail(c, UF_EFORMAT, "", "unsupported format %.0f "
			                               "(this program reads format 1)",
			    fmt->valuedouble);
		return fail(c, UF_EFORMAT, "", "format must be the number 1");
	}

	if ((rc = get_id(c, root, "", &s)) != UF_OK)
		return rc;
	if ((rc = dup_string(c, s, &f->id)) != UF_OK)
		return rc;

	if ((rc = get_long(c, root, "version", true, 1, VERSION_MAX, "", &v,
	         &present)) != UF_OK)
		return rc;
	f->version = (int)v;

	if ((rc = get_plain(c, root, "group", "", &s)) != UF_OK)
		return rc;
	if (!group_parse(s, &f->group)) {
		form_quote(q, sizeof q, s);
		return fail(c, UF_EFORMAT, "", "unknown group %s (chef, personal, "
		                               "peer or patient)",
		    q);
	}

	if ((rc = parse_text_object(c, root, "title", true, TITLE_MAX_CHARS,
	         &f->title_sv)) != UF_OK)
		return rc;
	if ((rc = parse_text_object(c, root, "intro", false, INTRO_MAX_CHARS,
	         &f->intro_sv)) != UF_OK)
		return rc;

	if ((rc = get_plain(c, root, "layout", "", &s)) != UF_OK)
		return rc;
	if (strcmp(s, "one_per_page") == 0) {
		f->one_per_page = true;
	} else if (strcmp(s, "theme_per_page") != 0) {
		form_quote(q, sizeof q, s);
		return fail(c, UF_EFORMAT, "", "unknown layout %s (one_per_page "
		                               "or theme_per_page)",
		    q);
	}

	if ((rc = parse_waves(c, root)) != UF_OK)
		return rc;
	if ((rc = parse_themes(c, root)) != UF_OK)
		return rc;
	if ((rc = parse_items(c, root)) != UF_OK)
		return rc;
	return parse_scales(c, root);
}

/* The checks every JSON file of ours gets before and while cJSON reads it:
 * size, NUL bytes, UTF-8, \u0000 escapes, syntax with line and column, no
 * trailing data. */
uf_err
form_json_open(const char *json, size_t len, struct form_error *err,
    cJSON **out)
{
	struct ctx c = { .err = err, .f = NULL, .items = NULL };
	char *text = NULL;
	uf_err rc;

	*out = NULL;
	if (len > FORM_MAX_BYTES) {
		rc = fail(&c, UF_ELIMIT, "", "file is larger than %d bytes",
		    FORM_MAX_BYTES);
		goto out;
	}
	if (len > 0 && memchr(json, '\0', len) != NULL) {
		rc = fail(&c, UF_EFORMAT, "", "file contains a NUL byte");
		goto out;
	}
	if (!utf8_valid(json, len)) {
		rc = fail(&c, UF_EFORMAT, "", "file is not valid UTF-8");
		goto out;
	}
	if (has_nul_escape(json, len)) {
		rc = fail(&c, UF_EFORMAT, "", "file contains \\u0000 in a string");
		goto out;
	}
	text = malloc(len + 1);
	if (text == NULL) {
		rc = fail(&c, UF_ENOMEM, "", "out of memory");
		goto out;
	}
	if (len > 0)
		memcpy(text, json, len);
	text[len] = '\0';
	rc = parse_json(&c, text, len, out);
out:
	free(text);
	return rc;
}

uf_err
form_parse(const char *json, size_t len, const char *name, struct form **out,
    struct form_error *err)
{
	struct ctx c = { .err = err, .f = NULL, .items = NULL };
	cJSON *root = NULL;
	char *printed = NULL;
	uf_err rc;

	memset(err, 0, sizeof *err);
	form_copy_text(err->where, sizeof err->where, name != NULL ? name : "");
	*out = NULL;
	if ((rc = form_json_open(json, len, err, &root)) != UF_OK)
		goto out;
	c.f = calloc(1, sizeof *c.f);
	if (c.f == NULL) {
		rc = fail(&c, UF_ENOMEM, "", "out of memory");
		goto out;
	}
	if ((rc = parse_top(&c, root)) != UF_OK)
		goto out;
	printed = cJSON_PrintUnformatted(root);
	if (printed == NULL) {
		rc = fail(&c, UF_ENOMEM, "", "out of memory");
		goto out;
	}
	/* Own copy: cJSON's allocator need not be ours. */
	if ((rc = dup_string(&c, printed, &c.f->source)) != UF_OK)
		goto out;
	*out = c.f;
	c.f = NULL;
	memset(err, 0, sizeof *err);
out:
	cJSON_free(printed);
	form_free(c.f);
	cJSON_Delete(root);
	return rc;
}

uf_err
form_read_file(const char *path, char **out, size_t *len,
    struct form_error *err)
{
	FILE *fp = NULL;
	char *data = NULL;
	size_t got;
	uf_err rc = UF_OK;

	*out = NULL;
	*len = 0;
	memset(err, 0, sizeof *err);
	form_copy_text(err->where, sizeof err->where, path);
	data = malloc((size_t)FORM_MAX_BYTES + 2);
	if (data == NULL) {
		form_copy_text(err->msg, sizeof err->msg, "out of memory");
		rc = UF_ENOMEM;
		goto out;
	}
	fp = fopen(path, "rb");
	if (fp == NULL) {
		(void)snprintf(err->msg, sizeof err->msg, "cannot open: %s",
		    strerror(errno));
		rc = UF_EIO;
		goto out;
	}
	/* Read one byte past the limit to know the file is too large. */
	while (*len < (size_t)FORM_MAX_BYTES + 1) {
		got = fread(data + *len, 1, (size_t)FORM_MAX_BYTES + 1 - *len, fp);
		*len += got;
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		(void)snprintf(err->msg, sizeof err->msg, "cannot read: %s",
		    strerror(errno));
		rc = UF_EIO;
		goto out;
	}
	data[*len] = '\0';
	*out = data;
	data = NULL;
out:
	if (fp != NULL)
		(void)fclose(fp); /* read-only: nothing to lose on close */
	free(data);
	return rc;
}

uf_err
form_load_file(const char *path, struct form **out, struct form_error *err)
{
	char *data = NULL;
	size_t len = 0;
	uf_err rc;

	*out = NULL;
	if ((rc = form_read_file(path, &data, &len, err)) != UF_OK)
		goto out;
	rc = form_parse(data, len, path, out, err);
out:
	free(data);
	return rc;
}

void
form_free(struct form *f)
{
	size_t i, j;

	if (f == NULL)
		return;
	free(f->id);
	free(f->title_sv);
	free(f->intro_sv);
	for (i = 0; i < f->nthemes; i++) {
		free(f->themes[i].id);
		free(f->themes[i].sv);
		free(f->themes[i].en);
	}
	free(f->themes);
	for (i = 0; i < f->nitems; i++) {
		struct form_item *it = &f->items[i];

		free(it->id);
		free(it->sv);
		free(it->en);
		free(it->help_sv);
		free(it->min_label);
		free(it->max_label);
		free(it->unit);
		for (j = 0; j < it->noptions; j++) {
			free(it->options[j].code);
			free(it->options[j].sv);
			free(it->options[j].en);
		}
		free(it->options);
		for (j = 0; j < it->cond.nvalues; j++)
			free(it->cond.values[j]);
		free(it->cond.values);
	}
	free(f->items);
	for (i = 0; i < f->nscales; i++) {
		free(f->scales[i].id);
		free(f->scales[i].sv);
		free(f->scales[i].items);
		free(f->scales[i].reverse);
	}
	free(f->scales);
	for (i = 0; i < f->ngrids; i++) {
		free(f->grids[i].id);
		free(f->grids[i].sv);
		free(f->grids[i].en);
		free(f->grids[i].help_sv);
	}
	free(f->grids);
	form_translations_free(f);
	free(f->source);
	free(f);
}

/* ---- lookups and names ------------------------------------------------- */

long
form_item_index(const struct form *f, const char *id)
{
	size_t i;

	for (i = 0; i < f->nitems; i++)
		if (f->items[i].id != NULL && strcmp(f->items[i].id, id) == 0)
			return (long)i;
	return -1;
}

bool
form_item_has_option(const struct form_item *it, const char *code)
{
	size_t i;

	for (i = 0; i < it->noptions; i++)
		if (strcmp(it->options[i].code, code) == 0)
			return true;
	return false;
}

void
form_item_range(const struct form_item *it, long *lo, long *hi)
{
	*lo = it->min; /* likert5: 1..5, set by parse_item */
	*hi = it->max;
}

int
form_wave_index(const struct form *f, int months)
{
	size_t i;

	for (i = 0; i < f->nwaves; i++)
		if (f->waves[i] == months)
			return (int)i;
	return -1;
}

bool
form_asked_in_wave(const struct form *f, const struct form_item *it, int months)
{
	int w = form_wave_index(f, months);

	return w >= 0 && (it->wave_mask & (1u << w)) != 0;
}

const char *
form_type_name(enum item_type t)
{
	if ((unsigned)t >= ITEM_TYPE__MAX)
		return "unknown";
	return item_types[t].name;
}

const char *
form_likert_label(int v)
{
	if (v < 1 || v > 5)
		return "";
	return likert_labels[v - 1];
}

const char *
form_dont_know_label(void)
{
	return "Vet ej / ej aktuellt";
}

const char *
form_decline_label(void)
{
	return "Vill inte svara";
}
