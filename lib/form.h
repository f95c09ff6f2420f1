/* SPDX-License-Identifier: ISC
 * Instruments (questionnaires) as data: load and check a definition
 * (forms/README.md is the format), and validate a respondent's answers
 * against it. Used by every program; knows nothing of HTTP or SQL.
 */
#ifndef UF_FORM_H
#define UF_FORM_H
#include <stdbool.h>
#include <stddef.h>
#include "err.h"
#include "group.h" /* enum respondent_group and its names */

#define FORM_MAX_BYTES      (1024 * 1024) /* definition file size */
#define FORM_MAX_ITEMS      200
#define FORM_MAX_OPTIONS    30
#define FORM_MAX_THEMES     12
#define FORM_MAX_SCALES     30
#define FORM_MAX_WAVES      8
#define FORM_ID_MAX         32    /* item/theme/scale/option id length */
#define FORM_TEXT_MAX_LIMIT 10000 /* largest max_length a text item may set */
#define FORM_GRID_MIN       2     /* statements of a grid */
#define FORM_GRID_MAX       20

enum item_type {
	ITEM_LIKERT5, /* integer 1..5, labels fixed by the format */
	ITEM_SINGLE,  /* one option code */
	ITEM_MULTI,   /* one or more distinct option codes */
	ITEM_TEXT,    /* free text, at most max_length characters */
	ITEM_INTEGER, /* integer in [min, max] */
	ITEM_DATE,    /* YYYY-MM-DD */
	ITEM_VAS,     /* visual analogue scale: integer 0..100, end labels */
	ITEM_NUMBER,  /* decimal in [min, max], 0-3 decimals, optional unit */
	ITEM_TYPE__MAX
};

enum cond_op { COND_EQUALS,
	COND_IN,
	COND_INCLUDES,
	COND_MIN,
	COND_OP__MAX };

enum scale_method { SCALE_SUM,
	SCALE_MEAN,
	SCALE_METHOD__MAX };

struct form_option {
	char *code;
	char *sv;
	char *en; /* may be NULL */
};

struct form_cond {   /* show_if */
	size_t item; /* index of an earlier item */
	enum cond_op op;
	char **values; /* COND_EQUALS/IN/INCLUDES: option codes or "1".."5" */
	size_t nvalues;
	long min; /* COND_MIN */
};

struct form_item {
	char *id;
	size_t theme; /* index into form.themes */
	enum item_type type;
	char *sv;
	char *en;      /* may be NULL */
	char *help_sv; /* may be NULL: a short hint under the question */
	bool required;
	bool dont_know;              /* "vet ej / ej aktuellt" allowed */
	bool reversed;               /* negatively worded (likert5, integer): reports
	                         reverse it (6 - v, min + max - v) wherever items
	                         are combined or ranked; also set by a scale's
	                         reverse list */
	bool decline;                /* "vill inte svara" allowed: an answer, kept apart
	                         from dont_know everywhere */
	unsigned wave_mask;          /* bit i set: asked in form.waves[i] */
	int max_length;              /* TEXT: characters (not bytes) */
	long min, max;               /* INTEGER bounds; LIKERT5 1..5, VAS 0..100 */
	char *min_label;             /* VAS: what 0 means, e.g. "Ingen smärta" */
	char *max_label;             /* VAS: what 100 means */
	int decimals;                /* NUMBER: digits after the point, 0..3; min and
	                         max are then in units of 10^-decimals */
	char *unit;                  /* NUMBER: e.g. "timmar"; may be NULL */
	struct form_option *options; /* SINGLE/MULTI */
	size_t noptions;
	bool has_cond;
	struct form_cond cond;
	size_t grid; /* 1 + index into form.grids for a grid's
	                         statement (a likert5 item), 0 otherwise */
};

/* A grid: statements sharing the likert5 scale, asked under one question.
 * Each statement is an item of its own (type likert5) at items[first ..
 * first + n), with the grid's theme, waves, show_if, required, dont_know
 * and decline; reports and exports treat them as likert5 items. */
struct form_grid {
	char *id;      /* unique among item and grid ids */
	char *sv;      /* the shared question */
	char *en;      /* may be NULL */
	char *help_sv; /* may be NULL */
	size_t first, n;
};

struct form_theme {
	char *id;
	char *sv;
	char *en;
};

struct form_scale {
	char *id;
	char *sv;
	enum scale_method method;
	size_t *items; /* indexes of likert5/integer items */
	bool *reverse; /* parallel to items: the items' `reversed` marks */
	size_t nitems;
	size_t min_answered;
};

struct form {
	char *id; /* "patient" */
	int version;
	enum respondent_group group;
	char *title_sv;
	char *intro_sv;            /* may be NULL: shown above the first page */
	bool one_per_page;         /* patient layout; else one theme per page */
	int waves[FORM_MAX_WAVES]; /* months, ascending, e.g. 12 24 36 */
	size_t nwaves;
	struct form_theme *themes;
	size_t nthemes;
	struct form_item *items;
	size_t nitems;
	struct form_scale *scales;
	size_t nscales;
	struct form_grid *grids;
	size_t ngrids;
	char *source; /* the canonical JSON text as loaded; owned */
	/* Translations attached with form_translation_attach, in the order
	 * attached; owned. Read them through the text API below. */
	struct form_translation **translations;
	size_t ntranslations;
};

/* Where a definition or an answer set went wrong, for the message. */
struct form_error {
	char where[128]; /* file name, or "" */
	char field[64];  /* item/scale id or JSON key, or "" */
	char msg[256];   /* English for definitions, Swedish for answers */
	/* For a refused answer: the key of msg among the page texts
	 * (forms/ui/<tag>.json, "answer.*"), whose Swedish is msg with the
	 * item's {min} {max} {chars} filled in, so a page can say it in the
	 * respondent's language; NULL for definitions. */
	const char *key;
};

/* Load and check a definition. name is used in messages (a file name).
 * On UF_OK *out is owned by the caller (form_free). On UF_EFORMAT or UF_ELIMIT
 * err says what is wrong and where, e.g. "item c_plan_03: show_if refers to
 * later item c_plan_07". */
uf_err form_parse(const char *json, size_t len, const char *name,
    struct form **out, struct form_error *err);
uf_err form_load_file(const char *path, struct form **out, struct form_error *err);
/* A definition or translation file's bytes (at most FORM_MAX_BYTES + 1 are
 * read, so a parser sees one too many), NUL-terminated, into *out (free).
 * UF_EIO or UF_ENOMEM with err->where = path and err->msg why. */
uf_err form_read_file(const char *path, char **out, size_t *len,
    struct form_error *err);
void form_free(struct form *f); /* NULL-safe */
/* The whole message line "where: field: msg" (empty parts left out) into
 * out[0..n), truncated if needed. For definitions field is a location such
 * as "item chef_plan_03", "scale stod" or "theme kontakt"; for answers it is
 * the bare item id. */
void form_error_format(const struct form_error *e, char *out, size_t n);

/* Index of an item by id, or -1. */
long form_item_index(const struct form *f, const char *id);
bool form_asked_in_wave(const struct form *f, const struct form_item *it, int months);
const char *form_type_name(enum item_type t); /* "likert5", ... */

/* One answer as received (from JSON or a posted HTML form). */
enum answer_kind {
	ANSWER_NONE, /* not answered */
	ANSWER_INT,
	ANSWER_TEXT,
	ANSWER_CHOICES,
	ANSWER_DONT_KNOW, /* "Vet ej / ej aktuellt" */
	ANSWER_DECLINE,   /* "Vill inte svara" */
	ANSWER_KIND__MAX
};

struct form_answer {
	enum answer_kind kind;      /* ANSWER_NONE: not answered */
	long ival;                  /* LIKERT5, INTEGER */
	const char *text;           /* TEXT, SINGLE (the code), DATE, NUMBER
	                              (canonical decimal, e.g. "12.50") */
	const char *const *choices; /* MULTI */
	size_t nchoices;
};

/* Check answers[0..f->nitems) (indexed like f->items) for wave `months`.
 * complete=false checks a draft page: types, ranges and conditions but not
 * required items. Rules: an item not asked in this wave or whose show_if is
 * false must be ANSWER_NONE; required items (when shown) must be answered;
 * types, option codes, ranges, dates, text length in characters and valid
 * UTF-8 are enforced; ANSWER_DONT_KNOW only where dont_know is set and
 * ANSWER_DECLINE only where decline is set (both answer a required item).
 * Returns UF_OK or UF_EINVAL with err->field = item id and err->msg a plain
 * Swedish sentence fit for the respondent. */
uf_err form_check_answers(const struct form *f, int months,
    const struct form_answer *answers, bool complete, struct form_error *err);

/* Fill err->field, err->key and err->msg for an answer refused outside
 * form_check_answers (e.g. an unknown item), each cut at a character
 * boundary when it does not fit (a field name may be any UTF-8 the client
 * sent); where is left as it is. key: the page text of msg (forms/ui, a
 * string literal), NULL for messages only the API gives. Returns UF_EINVAL. */
uf_err form_error_answer(struct form_error *err, const char *field, const char *key,
    const char *msg);

/* Whether item i is shown given the answers so far (its show_if). */
bool form_item_shown(const struct form *f, size_t i, const struct form_answer *answers);

/* Score scale s from answers; false when fewer than min_answered items have a
 * value (dont_know and decline count as missing). Reverse items score (1+5)-v for
 * likert5 and (min+max)-v for integer. */
bool form_scale_score(const struct form *f, size_t s,
    const struct form_answer *answers, double *score);

/* Fixed labels for likert5 values 1..5, "Vet ej / ej aktuellt" and "Vill
 * inte svara" (Swedish). */
const char *form_likert_label(int v);
const char *form_dont_know_label(void);
const char *form_decline_label(void);

/* ---- translations and the respondent's language ------------------------
 * A translation (forms/translations/<id>-<version>.<tag>.json, format in
 * forms/README.md) gives an instrument version's texts in one language, and
 * easy-to-read ("lättläst") variants; the Swedish file holds easy variants
 * only (the instrument is the Swedish source). It is checked against the
 * instrument it names: every key must name a theme, item, grid or option of
 * it. Languages are data: no list of them in C. */

#define FORM_LANG_MAX         35   /* bytes of a BCP 47 tag */
#define FORM_MAX_TRANSLATIONS 32   /* languages attached to one form */
#define FORM_SOURCE_LANG      "sv" /* the instrument's own language */

struct form_translation; /* opaque; owned by the form once attached */

/* Whether tag is a language tag we accept: [a-z]{2,3} then -[A-Za-z0-9]{1,8}
 * parts, at most FORM_LANG_MAX bytes ("sv", "en", "ar", "en-x-pseudo"). */
bool form_lang_tag_valid(const char *tag);

/* Called once per problem found, in file order (forms-check lists them all). */
typedef void form_problem_fn(void *arg, const struct form_error *e);

/* Parse and check translation json[0..len) against f (the instrument
 * version the file names). Every problem is passed to each (when not NULL);
 * the first is also in *err. Problems: invalid JSON or limits, unknown or
 * duplicate keys, a key naming no theme/item/grid/option of f, a text where
 * the Swedish has none (e.g. help), a missing text (a language other than
 * sv must translate everything the Swedish has), placeholders ("{name}")
 * that differ from the Swedish, plain texts in a sv file. On UF_OK *out is
 * the caller's (form_translation_free, or give it to
 * form_translation_attach); else UF_EFORMAT or UF_ELIMIT and *out NULL. */
uf_err form_translation_parse(const struct form *f, const char *json,
    size_t len, const char *name, form_problem_fn *each, void *arg,
    struct form_translation **out, struct form_error *err);
void form_translation_free(struct form_translation *t); /* NULL-safe */

/* What a translation file says it is, read without an instrument (to find
 * the instrument it needs). UF_EFORMAT with err set when the file is not
 * JSON or lacks a valid instrument, version or lang. */
struct form_translation_head {
	char instrument[FORM_ID_MAX + 1];
	int version;
	char lang[FORM_LANG_MAX + 1];
	bool machine_assisted;
};
uf_err form_translation_peek(const char *json, size_t len, const char *name,
    struct form_translation_head *out, struct form_error *err);
/* Whether a JSON file's top level names an "instrument" (a translation)
 * rather than an "id" (an instrument). False for anything unreadable. */
bool form_is_translation(const char *json, size_t len);

const char *form_translation_lang(const struct form_translation *t);
bool form_translation_machine_assisted(const struct form_translation *t);
/* The canonical JSON text as parsed (what forms-load stores); borrowed. */
const char *form_translation_source(const struct form_translation *t);

/* Give t to f (f owns it from here, also on failure). UF_ECONFLICT when f
 * already has a translation in that language, UF_EINVAL when t was parsed
 * against another instrument or version, UF_ELIMIT past
 * FORM_MAX_TRANSLATIONS. */
uf_err form_translation_attach(struct form *f, struct form_translation *t);

/* Parse and attach in one step (the survey program's instrument cache). */
uf_err form_translation_add(struct form *f, const char *json, size_t len,
    const char *name, struct form_error *err);

/* The texts a respondent sees, in language lang (a tag; NULL or "" is
 * Swedish), easy-to-read when easy. Fallbacks, in order: lang's easy text,
 * lang's text, then (when lang has no translation) Swedish easy, Swedish;
 * a tag with subtags falls back to shorter ones first ("en-GB" -> "en").
 * Never NULL where the Swedish is not NULL. Borrowed from f. */
const char *form_title(const struct form *f, const char *lang, bool easy);
const char *form_intro(const struct form *f, const char *lang, bool easy); /* NULL: none */
const char *form_theme_text(const struct form *f, size_t theme,
    const char *lang, bool easy);
const char *form_item_text(const struct form *f, size_t item,
    const char *lang, bool easy);
const char *form_item_help(const struct form *f, size_t item,
    const char *lang, bool easy); /* NULL: none */
const char *form_option_text(const struct form *f, size_t item,
    size_t option, const char *lang, bool easy);
const char *form_item_min_label(const struct form *f, size_t item,
    const char *lang, bool easy); /* NULL: not vas */
const char *form_item_max_label(const struct form *f, size_t item,
    const char *lang, bool easy); /* NULL: not vas */
const char *form_item_unit(const struct form *f, size_t item,
    const char *lang, bool easy); /* NULL: none */
const char *form_grid_text(const struct form *f, size_t grid,
    const char *lang, bool easy);
const char *form_grid_help(const struct form *f, size_t grid,
    const char *lang, bool easy); /* NULL: none */

/* Whether the instrument can be shown in lang: Swedish always, another
 * language when a translation in it (or in a shorter tag) is attached. */
bool form_has_lang(const struct form *f, const char *lang);
/* Whether lang (as resolved above) has any easy-to-read text. */
bool form_has_easy(const struct form *f, const char *lang);
/* The languages the instrument can be shown in: index 0 is "sv", then the
 * attached translations in the order attached. NULL past the end. */
size_t form_lang_count(const struct form *f);
const char *form_lang_at(const struct form *f, size_t i);
/* Whether lang's text is marked machine-assisted (false for sv). */
bool form_lang_machine_assisted(const struct form *f, const char *lang);

#endif
