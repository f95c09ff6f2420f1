/* SPDX-License-Identifier: ISC
 * Instrument translations (forms/README.md, "Translations"): parse and check
 * one file against the instrument version it names, attach it to a parsed
 * form, free it. Every problem is reported (forms-check lists them all), not
 * only the first. The lookups with their fallbacks are lib/form_text.c's.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "form.h"
#include "form_internal.h"
#include "utf8.h"

#define NOTE_MAX_CHARS       1000 /* the translator's note */
#define PLACEHOLDER_NAME_MAX 32   /* {name}: a name longer is no placeholder */

static const char *const top_keys[] = {
	"format", "instrument", "version", "lang", "machine_assisted", "note",
	"title", "intro", "themes", "grids", "items", "easy", NULL
};
static const char *const top_easy_keys[] = { "title", "intro", "themes", NULL };
static const char *const item_keys[] = {
	"text", "help", "options", "min_label", "max_label", "unit", "easy", NULL
};
static const char *const item_easy_keys[] = {
	"text", "help", "options", "min_label", "max_label", "unit", NULL
};
static const char *const grid_keys[] = { "text", "help", "easy", NULL };
static const char *const grid_easy_keys[] = { "text", "help", NULL };

/* State of one form_translation_parse call. */
struct tctx {
	const struct form *f;
	struct form_translation *t;
	const char *name;
	form_problem_fn *each;
	void *arg;
	struct form_error *first;
	size_t nproblems;
	uf_err rc; /* UF_EFORMAT, or UF_ELIMIT/UF_ENOMEM when worse */
	bool sv;   /* a Swedish file: easy parts only */
};

static void problem(struct tctx *c, uf_err rc, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
problem(struct tctx *c, uf_err rc, const char *field, const char *fmt, ...)
{
	struct form_error e;
	va_list ap;

	memset(&e, 0, sizeof e);
	form_copy_text(e.where, sizeof e.where, c->name);
	va_start(ap, fmt);
	(void)form_error_vset(&e, rc, field, fmt, ap);
	va_end(ap);
	if (c->nproblems++ == 0) {
		*c->first = e;
		c->rc = rc;
	}
	if (c->each != NULL)
		c->each(c->arg, &e);
}

/* ---- small checks ------------------------------------------------------ */

bool
form_lang_tag_valid(const char *tag)
{
	size_t i = 0, part;

	if (tag == NULL || strlen(tag) > FORM_LANG_MAX)
		return false;
	while (tag[i] >= 'a' && tag[i] <= 'z')
		i++;
	if (i < 2 || i > 3)
		return false;
	while (tag[i] == '-') {
		i++;
		for (part = 0; (tag[i] >= 'a' && tag[i] <= 'z') ||
		     (tag[i] >= 'A' && tag[i] <= 'Z') ||
		     (tag[i] >= '0' && tag[i] <= '9');
		     part++)
			i++;
		if (part < 1 || part > 8)
			return false;
	}
	return tag[i] == '\0';
}

/* ^[a-z][a-z0-9_]{0,31}$, as instrument ids are. */
static bool
id_ok(const char *s)
{
	size_t i;

	if (!(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if (i >= FORM_ID_MAX || !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

/* The next placeholder "{name}" (name: [A-Za-z0-9_]{1,32}) at or after *p:
 * its start and length (with braces), *p moved past it. False at the end. */
static bool
next_placeholder(const char **p, const char **start, size_t *len)
{
	const char *s = *p, *q;

	while ((s = strchr(s, '{')) != NULL) {
		for (q = s + 1; (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') || *q == '_'; q++)
			;
		if (*q == '}' && q > s + 1 && (size_t)(q - s - 1) <= PLACEHOLDER_NAME_MAX) {
			*start = s;
			*len = (size_t)(q - s) + 1;
			*p = q + 1;
			return true;
		}
		s++;
	}
	return false;
}

static size_t
count_placeholder(const char *text, const char *ph, size_t len)
{
	const char *p = text, *s;
	size_t n = 0, l;

	while (next_placeholder(&p, &s, &l))
		n += l == len && memcmp(s, ph, len) == 0;
	return n;
}

/* The first placeholder of a that b has fewer times of, into out; false when
 * there is none. */
static bool
placeholder_short(const char *a, const char *b, char *out, size_t n)
{
	const char *p = a, *s;
	size_t l;

	while (next_placeholder(&p, &s, &l)) {
		if (count_placeholder(a, s, l) > count_placeholder(b, s, l)) {
			form_copy_text(out, l + 1 < n ? l + 1 : n, s);
			return true;
		}
	}
	return false;
}

static const cJSON *
get(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

/* One problem per key of obj not in allowed and per repeated key. */
static void
check_keys(struct tctx *c, const cJSON *obj, const char *const *allowed,
    const char *field)
{
	const cJSON *k, *e;
	char q[128];
	size_t i;

	for (k = obj->child; k != NULL; k = k->next) {
		const char *name = k->string != NULL ? k->string : "";

		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(allowed[i], name) == 0)
				break;
		form_quote(q, sizeof q, name);
		if (allowed[i] == NULL) {
			problem(c, UF_EFORMAT, field, "unknown key %s", q);
			continue;
		}
		for (e = obj->child; e != k; e = e->next)
			if (e->string != NULL && strcmp(e->string, name) == 0)
				break;
		if (e != k)
			problem(c, UF_EFORMAT, field, "duplicate key %s", q);
	}
}

/* Whether key is the first of its name in obj (cJSON keeps duplicates; the
 * later ones were reported by check_keys or are reported by the caller). */
static bool
first_of_name(const cJSON *obj, const cJSON *key)
{
	const cJSON *e;

	for (e = obj->child; e != key; e = e->next)
		if (e->string != NULL && strcmp(e->string, key->string) == 0)
			return false;
	return true;
}

/* A text: a string of 1..max characters without control characters, with
 * the same placeholders as the Swedish source sv. *out NULL on a problem. */
static void
read_text(struct tctx *c, const cJSON *v, size_t max, const char *sv,
    const char *field, const char *what, char **out)
{
	char ph[PLACEHOLDER_NAME_MAX + 3];
	size_t len, chars;

	*out = NULL;
	if (!cJSON_IsString(v) || v->valuestring == NULL) {
		problem(c, UF_EFORMAT, field, "%s must be a string", what);
		return;
	}
	len = strlen(v->valuestring);
	if (!utf8_text_ok(v->valuestring, len)) {
		problem(c, UF_EFORMAT, field, "%s contains control characters",
		    what);
		return;
	}
	chars = utf8_chars(v->valuestring, len);
	if (chars < 1 || chars > max) {
		problem(c, chars > max ? UF_ELIMIT : UF_EFORMAT, field,
		    "%s must be 1-%zu characters", what, max);
		return;
	}
	if (placeholder_short(sv, v->valuestring, ph, sizeof ph)) {
		problem(c, UF_EFORMAT, field, "%s lacks placeholder %s of the "
		                              "Swedish",
		    what, ph);
		return;
	}
	if (placeholder_short(v->valuestring, sv, ph, sizeof ph)) {
		problem(c, UF_EFORMAT, field, "%s has placeholder %s, which "
		                              "the Swedish has not",
		    what, ph);
		return;
	}
	*out = strdup(v->valuestring);
	if (*out == NULL)
		problem(c, UF_ENOMEM, "", "out of memory");
}

/* obj[key] into slot->plain or slot->easy: sv is the Swedish source, NULL
 * when the instrument has none (then the text has nothing to translate). */
static void
read_slot(struct tctx *c, const cJSON *obj, const char *key, size_t max,
    const char *sv, bool easy, const char *field, struct tr_text *slot)
{
	const cJSON *v = get(obj, key);
	char what[48];

	if (v == NULL)
		return;
	(void)snprintf(what, sizeof what, "%s%s", easy ? "easy " : "", key);
	if (sv == NULL) {
		problem(c, UF_EFORMAT, field, "%s: the Swedish has no %s to "
		                              "translate",
		    what, key);
		return;
	}
	if (c->sv && !easy) {
		problem(c, UF_EFORMAT, field, "%s: a Swedish (sv) file holds "
		                              "easy parts only; the instrument is the Swedish text",
		    key);
		return;
	}
	read_text(c, v, max, sv, field, what, easy ? &slot->easy : &slot->plain);
	c->t->has_easy |= easy && slot->easy != NULL;
}

/* ---- the parts --------------------------------------------------------- */

static void
read_themes(struct tctx *c, const cJSON *o, bool easy)
{
	const struct form *f = c->f;
	const cJSON *k;
	char q[128], field[64];
	size_t i;

	if (o == NULL)
		return;
	if (!cJSON_IsObject(o)) {
		problem(c, UF_EFORMAT, "", "%sthemes must be an object of theme "
		                           "ids",
		    easy ? "easy " : "");
		return;
	}
	for (k = o->child; k != NULL; k = k->next) {
		for (i = 0; i < f->nthemes; i++)
			if (strcmp(f->themes[i].id, k->string) == 0)
				break;
		form_quote(q, sizeof q, k->string);
		if (i == f->nthemes) {
			problem(c, UF_EFORMAT, "", "theme %s does not exist in "
			                           "%s version %d",
			    q, f->id, f->version);
			continue;
		}
		(void)snprintf(field, sizeof field, "theme %s", f->themes[i].id);
		if (!first_of_name(o, k)) {
			problem(c, UF_EFORMAT, field, "duplicate key");
			continue;
		}
		if (c->sv && !easy) {
			problem(c, UF_EFORMAT, field, "a Swedish (sv) file holds "
			                              "easy parts only; the instrument is the Swedish text");
			continue;
		}
		read_text(c, k, TITLE_MAX_CHARS, f->themes[i].sv, field,
		    easy ? "easy text" : "text", easy ? &c->t->themes[i].easy : &c->t->themes[i].plain);
		c->t->has_easy |= easy && c->t->themes[i].easy != NULL;
	}
}

static void
read_options(struct tctx *c, const struct form_item *it, struct tr_item *ti,
    const cJSON *o, bool easy, const char *field)
{
	const cJSON *k;
	char q[128], what[80];
	size_t j;

	if (o == NULL)
		return;
	if (it->noptions == 0) {
		problem(c, UF_EFORMAT, field, "%soptions: the item has no "
		                              "options",
		    easy ? "easy " : "");
		return;
	}
	if (!cJSON_IsObject(o)) {
		problem(c, UF_EFORMAT, field, "%soptions must be an object of "
		                              "option codes",
		    easy ? "easy " : "");
		return;
	}
	if (c->sv && !easy) {
		problem(c, UF_EFORMAT, field, "options: a Swedish (sv) file holds "
		                              "easy parts only; the instrument is the Swedish text");
		return;
	}
	for (k = o->child; k != NULL; k = k->next) {
		for (j = 0; j < it->noptions; j++)
			if (strcmp(it->options[j].code, k->string) == 0)
				break;
		form_quote(q, sizeof q, k->string);
		if (j == it->noptions) {
			problem(c, UF_EFORMAT, field, "option %s does not exist",
			    q);
			continue;
		}
		if (!first_of_name(o, k)) {
			problem(c, UF_EFORMAT, field, "duplicate option %s", q);
			continue;
		}
		(void)snprintf(what, sizeof what, "%soption %s",
		    easy ? "easy " : "", it->options[j].code);
		read_text(c, k, TITLE_MAX_CHARS, it->options[j].sv, field, what,
		    easy ? &ti->options[j].easy : &ti->options[j].plain);
		c->t->has_easy |= easy && ti->options[j].easy != NULL;
	}
}

/* The texts of one item, or of its easy part (easy). */
static void
read_item_texts(struct tctx *c, size_t i, const cJSON *o, bool easy,
    const char *field)
{
	const struct form_item *it = &c->f->items[i];
	struct tr_item *ti = &c->t->items[i];

	check_keys(c, o, easy ? item_easy_keys : item_keys, field);
	read_slot(c, o, "text", QUESTION_MAX_CHARS, it->sv, easy, field,
	    &ti->text);
	read_slot(c, o, "help", QUESTION_MAX_CHARS, it->help_sv, easy, field,
	    &ti->help);
	read_slot(c, o, "min_label", END_LABEL_MAX_CHARS, it->min_label, easy,
	    field, &ti->min_label);
	read_slot(c, o, "max_label", END_LABEL_MAX_CHARS, it->max_label, easy,
	    field, &ti->max_label);
	read_slot(c, o, "unit", UNIT_MAX_CHARS, it->unit, easy, field,
	    &ti->unit);
	read_options(c, it, ti, get(o, "options"), easy, field);
}

static void
read_grid_texts(struct tctx *c, size_t g, const cJSON *o, bool easy,
    const char *field)
{
	const struct form_grid *gr = &c->f->grids[g];

	check_keys(c, o, easy ? grid_easy_keys : grid_keys, field);
	read_slot(c, o, "text", QUESTION_MAX_CHARS, gr->sv, easy, field,
	    &c->t->grids[g].text);
	read_slot(c, o, "help", QUESTION_MAX_CHARS, gr->help_sv, easy, field,
	    &c->t->grids[g].help);
}

/* Index of id among f's items or grids, or -1. */
typedef long find_fn(const struct form *f, const char *id);
/* The texts of element i (an item or a grid), or of its easy part. */
typedef void texts_fn(struct tctx *c, size_t i, const cJSON *o, bool easy,
    const char *field);

static long
find_grid(const struct form *f, const char *id)
{
	for (size_t g = 0; g < f->ngrids; g++)
		if (strcmp(f->grids[g].id, id) == 0)
			return (long)g;
	return -1;
}

/* o: an object of kind ("item", "grid") ids, each an object of texts with
 * an optional easy part. */
static void
read_map(struct tctx *c, const cJSON *o, const char *kind, find_fn *find,
    texts_fn *texts)
{
	const struct form *f = c->f;
	const cJSON *k, *e;
	char q[128], field[64];
	long i;

	if (o == NULL)
		return;
	if (!cJSON_IsObject(o)) {
		problem(c, UF_EFORMAT, "", "%ss must be an object of %s ids",
		    kind, kind);
		return;
	}
	for (k = o->child; k != NULL; k = k->next) {
		form_quote(q, sizeof q, k->string);
		if ((i = find(f, k->string)) < 0) {
			problem(c, UF_EFORMAT, "", "%s %s does not exist in %s "
			                           "version %d",
			    kind, q, f->id, f->version);
			continue;
		}
		(void)snprintf(field, sizeof field, "%s %s", kind, k->string);
		if (!first_of_name(o, k)) {
			problem(c, UF_EFORMAT, field, "duplicate key");
			continue;
		}
		if (!cJSON_IsObject(k)) {
			problem(c, UF_EFORMAT, field, "must be an object");
			continue;
		}
		texts(c, (size_t)i, k, false, field);
		e = get(k, "easy");
		if (e == NULL)
			continue;
		if (!cJSON_IsObject(e)) {
			problem(c, UF_EFORMAT, field, "easy must be an object");
			continue;
		}
		texts(c, (size_t)i, e, true, field);
	}
}

/* Whether the file has a value at root[k1][k2][k3] (k2, k3 may be NULL):
 * a text given but refused was reported already, not missing. */
static bool
given(const cJSON *root, const char *k1, const char *k2, const char *k3)
{
	const cJSON *v = get(root, k1);

	if (v != NULL && k2 != NULL)
		v = cJSON_IsObject(v) ? get(v, k2) : NULL;
	if (v != NULL && k3 != NULL)
		v = cJSON_IsObject(v) ? get(v, k3) : NULL;
	return v != NULL;
}

/* A language other than Swedish translates everything the Swedish has. */
static void
report_missing(struct tctx *c, const cJSON *root)
{
	const struct form *f = c->f;
	const cJSON *items = get(root, "items"), *grids = get(root, "grids");
	char field[64];
	size_t i, j;

	if (c->sv)
		return;
	if (!given(root, "title", NULL, NULL))
		problem(c, UF_EFORMAT, "", "missing title");
	if (f->intro_sv != NULL && !given(root, "intro", NULL, NULL))
		problem(c, UF_EFORMAT, "", "missing intro");
	for (i = 0; i < f->nthemes; i++) {
		(void)snprintf(field, sizeof field, "theme %s", f->themes[i].id);
		if (!given(root, "themes", f->themes[i].id, NULL))
			problem(c, UF_EFORMAT, field, "missing text");
	}
	for (i = 0; i < f->ngrids; i++) {
		const char *id = f->grids[i].id;

		(void)snprintf(field, sizeof field, "grid %s", id);
		if (!given(grids, id, "text", NULL))
			problem(c, UF_EFORMAT, field, "missing text");
		if (f->grids[i].help_sv != NULL && !given(grids, id, "help", NULL))
			problem(c, UF_EFORMAT, field, "missing help");
	}
	for (i = 0; i < f->nitems; i++) {
		const struct form_item *it = &f->items[i];

		(void)snprintf(field, sizeof field, "item %s", it->id);
		if (!given(items, it->id, "text", NULL))
			problem(c, UF_EFORMAT, field, "missing text");
		if (it->help_sv != NULL && !given(items, it->id, "help", NULL))
			problem(c, UF_EFORMAT, field, "missing help");
		if (it->min_label != NULL &&
		    !given(items, it->id, "min_label", NULL))
			problem(c, UF_EFORMAT, field, "missing min_label");
		if (it->max_label != NULL &&
		    !given(items, it->id, "max_label", NULL))
			problem(c, UF_EFORMAT, field, "missing max_label");
		if (it->unit != NULL && !given(items, it->id, "unit", NULL))
			problem(c, UF_EFORMAT, field, "missing unit");
		for (j = 0; j < it->noptions; j++)
			if (!given(items, it->id, "options", it->options[j].code))
				problem(c, UF_EFORMAT, field, "missing option %s",
				    it->options[j].code);
	}
}

/* format, instrument, version, lang, machine_assisted and note. */
static void
read_head(struct tctx *c, const cJSON *root, struct form_translation_head *h)
{
	const cJSON *v;
	char q[128];

	memset(h, 0, sizeof *h);
	v = get(root, "format");
	if (!cJSON_IsNumber(v) || v->valuedouble != 1)
		problem(c, UF_EFORMAT, "", "format must be the number 1");
	v = get(root, "instrument");
	if (!cJSON_IsString(v) || !id_ok(v->valuestring))
		problem(c, UF_EFORMAT, "", "instrument must be an instrument id "
		                           "(^[a-z][a-z0-9_]{0,31}$)");
	else
		form_copy_text(h->instrument, sizeof h->instrument,
		    v->valuestring);
	v = get(root, "version");
	if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) ||
	    v->valuedouble < 1 || v->valuedouble > 1000000)
		problem(c, UF_EFORMAT, "", "version must be the instrument's "
		                           "version, an integer >= 1");
	else
		h->version = (int)v->valuedouble;
	v = get(root, "lang");
	if (!cJSON_IsString(v) || !form_lang_tag_valid(v->valuestring)) {
		form_quote(q, sizeof q, cJSON_IsString(v) ? v->valuestring : "");
		problem(c, UF_EFORMAT, "", "lang %s is not a language tag "
		                           "([a-z]{2,3} then -[A-Za-z0-9]{1,8} parts, at most %d bytes)",
		    q, FORM_LANG_MAX);
	} else {
		form_copy_text(h->lang, sizeof h->lang, v->valuestring);
	}
	v = get(root, "machine_assisted");
	if (!cJSON_IsBool(v))
		problem(c, UF_EFORMAT, "", "machine_assisted must be true or "
		                           "false (whether a machine drafted the text)");
	else
		h->machine_assisted = cJSON_IsTrue(v) != 0;
	v = get(root, "note");
	if (v != NULL && (!cJSON_IsString(v) || !utf8_text_ok(v->valuestring, strlen(v->valuestring)) || utf8_chars(v->valuestring, strlen(v->valuestring)) > NOTE_MAX_CHARS))
		problem(c, UF_EFORMAT, "", "note must be a string of at most %d "
		                           "characters",
		    NOTE_MAX_CHARS);
}

static void
read_body(struct tctx *c, const cJSON *root)
{
	const struct form *f = c->f;
	const cJSON *e;

	read_slot(c, root, "title", TITLE_MAX_CHARS, f->title_sv, false, "",
	    &c->t->title);
	read_slot(c, root, "intro", INTRO_MAX_CHARS, f->intro_sv, false, "",
	    &c->t->intro);
	read_themes(c, get(root, "themes"), false);
	read_map(c, get(root, "grids"), "grid", find_grid, read_grid_texts);
	read_map(c, get(root, "items"), "item", form_item_index, read_item_texts);
	e = get(root, "easy");
	if (e != NULL && !cJSON_IsObject(e)) {
		problem(c, UF_EFORMAT, "", "easy must be an object");
	} else if (e != NULL) {
		check_keys(c, e, top_easy_keys, "easy");
		read_slot(c, e, "title", TITLE_MAX_CHARS, f->title_sv, true,
		    "easy", &c->t->title);
		read_slot(c, e, "intro", INTRO_MAX_CHARS, f->intro_sv, true,
		    "easy", &c->t->intro);
		read_themes(c, get(e, "themes"), true);
	}
	report_missing(c, root);
}

static struct form_translation *
alloc_for(const struct form *f)
{
	struct form_translation *t = calloc(1, sizeof *t);
	size_t i;

	if (t == NULL)
		return NULL;
	t->themes = calloc(f->nthemes > 0 ? f->nthemes : 1, sizeof *t->themes);
	t->items = calloc(f->nitems > 0 ? f->nitems : 1, sizeof *t->items);
	t->grids = calloc(f->ngrids > 0 ? f->ngrids : 1, sizeof *t->grids);
	if (t->themes == NULL || t->items == NULL || t->grids == NULL)
		goto fail;
	t->nthemes = f->nthemes;
	t->nitems = f->nitems;
	t->ngrids = f->ngrids;
	for (i = 0; i < f->nitems; i++) {
		if (f->items[i].noptions == 0)
			continue;
		t->items[i].options = calloc(f->items[i].noptions,
		    sizeof *t->items[i].options);
		if (t->items[i].options == NULL)
			goto fail;
		t->items[i].noptions = f->items[i].noptions;
	}
	return t;
fail:
	form_translation_free(t);
	return NULL;
}

uf_err
form_translation_parse(const struct form *f, const char *json, size_t len,
    const char *name, form_problem_fn *each, void *arg,
    struct form_translation **out, struct form_error *err)
{
	struct tctx c = { .f = f, .name = name != NULL ? name : "", .each = each, .arg = arg, .first = err, .rc = UF_OK };
	struct form_translation_head h;
	cJSON *root = NULL;
	char *printed = NULL;

	*out = NULL;
	memset(err, 0, sizeof *err);
	if ((c.rc = form_json_open(json, len, err, &root)) != UF_OK) {
		form_copy_text(err->where, sizeof err->where, c.name);
		if (each != NULL)
			each(arg, err);
		goto out;
	}
	if (!cJSON_IsObject(root)) {
		problem(&c, UF_EFORMAT, "", "the file must hold a JSON object");
		goto out;
	}
	if ((c.t = alloc_for(f)) == NULL) {
		problem(&c, UF_ENOMEM, "", "out of memory");
		goto out;
	}
	check_keys(&c, root, top_keys, "");
	read_head(&c, root, &h);
	if (h.instrument[0] != '\0' && h.version > 0 &&
	    (strcmp(h.instrument, f->id) != 0 || h.version != f->version)) {
		problem(&c, UF_EFORMAT, "", "translation of %s version %d, "
		                            "checked against %s version %d",
		    h.instrument, h.version,
		    f->id, f->version);
		goto out;
	}
	c.sv = strcmp(h.lang, FORM_SOURCE_LANG) == 0;
	form_copy_text(c.t->instrument, sizeof c.t->instrument, f->id);
	c.t->version = f->version;
	form_copy_text(c.t->lang, sizeof c.t->lang, h.lang);
	c.t->machine_assisted = h.machine_assisted;
	read_body(&c, root);
	if (c.nproblems > 0)
		goto out;
	printed = cJSON_PrintUnformatted(root);
	if (printed == NULL || (c.t->source = strdup(printed)) == NULL) {
		problem(&c, UF_ENOMEM, "", "out of memory");
		goto out;
	}
	*out = c.t;
	c.t = NULL;
out:
	cJSON_free(printed);
	cJSON_Delete(root);
	form_translation_free(c.t);
	return c.rc;
}

uf_err
form_translation_peek(const char *json, size_t len, const char *name,
    struct form_translation_head *out, struct form_error *err)
{
	struct tctx c = { .name = name != NULL ? name : "", .first = err, .rc = UF_OK };
	cJSON *root = NULL;

	memset(out, 0, sizeof *out);
	memset(err, 0, sizeof *err);
	if ((c.rc = form_json_open(json, len, err, &root)) != UF_OK) {
		form_copy_text(err->where, sizeof err->where, c.name);
		goto out;
	}
	if (!cJSON_IsObject(root)) {
		problem(&c, UF_EFORMAT, "", "the file must hold a JSON object");
		goto out;
	}
	read_head(&c, root, out);
out:
	cJSON_Delete(root);
	return c.rc;
}

bool
form_is_translation(const char *json, size_t len)
{
	struct form_error err;
	cJSON *root = NULL;
	bool yes;

	if (form_json_open(json, len, &err, &root) != UF_OK)
		return false;
	yes = cJSON_IsObject(root) && get(root, "instrument") != NULL &&
	    get(root, "id") == NULL;
	cJSON_Delete(root);
	return yes;
}

/* ---- owning ------------------------------------------------------------ */

static void
text_free(struct tr_text *x)
{
	free(x->plain);
	free(x->easy);
}

void
form_translation_free(struct form_translation *t)
{
	size_t i, j;

	if (t == NULL)
		return;
	text_free(&t->title);
	text_free(&t->intro);
	for (i = 0; t->themes != NULL && i < t->nthemes; i++)
		text_free(&t->themes[i]);
	free(t->themes);
	for (i = 0; t->items != NULL && i < t->nitems; i++) {
		struct tr_item *ti = &t->items[i];

		text_free(&ti->text);
		text_free(&ti->help);
		text_free(&ti->min_label);
		text_free(&ti->max_label);
		text_free(&ti->unit);
		for (j = 0; ti->options != NULL && j < ti->noptions; j++)
			text_free(&ti->options[j]);
		free(ti->options);
	}
	free(t->items);
	for (i = 0; t->grids != NULL && i < t->ngrids; i++) {
		text_free(&t->grids[i].text);
		text_free(&t->grids[i].help);
	}
	free(t->grids);
	free(t->source);
	free(t);
}

void
form_translations_free(struct form *f)
{
	size_t i;

	for (i = 0; i < f->ntranslations; i++)
		form_translation_free(f->translations[i]);
	free(f->translations);
	f->translations = NULL;
	f->ntranslations = 0;
}

const char *
form_translation_lang(const struct form_translation *t)
{
	return t->lang;
}

bool
form_translation_machine_assisted(const struct form_translation *t)
{
	return t->machine_assisted;
}

const char *
form_translation_source(const struct form_translation *t)
{
	return t->source;
}

uf_err
form_translation_attach(struct form *f, struct form_translation *t)
{
	struct form_translation **a;
	size_t i;
	uf_err rc = UF_OK;

	if (strcmp(t->instrument, f->id) != 0 || t->version != f->version ||
	    t->nitems != f->nitems || t->nthemes != f->nthemes ||
	    t->ngrids != f->ngrids) {
		rc = UF_EINVAL;
		goto out;
	}
	for (i = 0; i < f->ntranslations; i++) {
		if (strcmp(f->translations[i]->lang, t->lang) == 0) {
			rc = UF_ECONFLICT;
			goto out;
		}
	}
	if (f->ntranslations >= FORM_MAX_TRANSLATIONS) {
		rc = UF_ELIMIT;
		goto out;
	}
	a = realloc(f->translations, (f->ntranslations + 1) * sizeof *a);
	if (a == NULL) {
		rc = UF_ENOMEM;
		goto out;
	}
	f->translations = a;
	a[f->ntranslations++] = t;
	t = NULL;
out:
	form_translation_free(t);
	return rc;
}

uf_err
form_translation_add(struct form *f, const char *json, size_t len,
    const char *name, struct form_error *err)
{
	struct form_translation *t = NULL;
	uf_err rc;

	if ((rc = form_translation_parse(f, json, len, name, NULL, NULL, &t,
	         err)) != UF_OK)
		return rc;
	if ((rc = form_translation_attach(f, t)) != UF_OK) {
		form_copy_text(err->where, sizeof err->where, name);
		form_copy_text(err->msg, sizeof err->msg, rc == UF_ECONFLICT ? "a translation in this language is already attached" : "cannot attach the translation");
	}
	return rc;
}
