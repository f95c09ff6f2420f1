/* SPDX-License-Identifier: ISC
 * The respondent languages as data: forms/ui/<tag>.json (the page texts by
 * key) and forms/info/<group>.<tag>.json (information and consent texts),
 * loaded once at start into a read-only table. No language is named in C;
 * Swedish ("sv") is only the reference every other file is checked against.
 */
#ifndef UF_LANG_H
#define UF_LANG_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include "err.h"

struct arena;
struct buf;

#define LANG_REF          "sv"         /* the reference language */
#define LANG_TAG_MAX      35           /* BCP 47 tag bytes */
#define LANG_FILE_MAX     (256 * 1024) /* bytes of one ui or info file */
#define LANG_TEXT_MAX     4000         /* bytes of one text */
#define LANG_KEYS_MAX     400          /* strings in one ui file */
#define LANG_MAX          40           /* languages offered */
#define LANG_SECTIONS_MAX 12
#define LANG_PARAS_MAX    8

/* One variant (plain or easy) of an information text. */
struct info_text {
	const char *heading, *lead, *voluntary, *full_summary;
	size_t nsections;
	struct info_section {
		const char *heading;
		size_t nparas;
		const char *paras[LANG_PARAS_MAX];
	} sections[LANG_SECTIONS_MAX];
};

struct lang_info {
	char group[16];
	char version[41]; /* recorded with the consent */
	bool machine_assisted;
	struct info_text plain;
	bool has_easy;
	struct info_text easy;
};

struct lang;

/* Whether s is a tag we accept: [a-z]{2,3} then -[A-Za-z0-9]{1,8} parts,
 * at most LANG_TAG_MAX bytes. */
bool lang_tag_ok(const char *s);

/* Load <dir>/ui/<tag>.json and <dir>/info/<group>.<tag>.json as the process's table (once,
 * before threads start). ui/sv.json must exist; other files are checked
 * against it and refused when a key is unknown. UF_EFORMAT/UF_EIO with a
 * message naming the file in err. */
uf_err lang_table_load(const char *dir, char *err, size_t errlen);
void lang_table_free(void);

/* The offered languages: sv first, then by tag. */
size_t lang_count(void);
const struct lang *lang_at(size_t i);
/* The row of tag; NULL when it is not offered (or tag is NULL). */
const struct lang *lang_get(const char *tag);
/* The reference language's row (loaded: never NULL). */
const struct lang *lang_ref(void);

const char *lang_tag(const struct lang *l);
const char *lang_name(const struct lang *l); /* in its own language */
bool lang_rtl(const struct lang *l);
bool lang_machine_assisted(const struct lang *l);

/* The text of key in l, else in sv. A key missing from sv.json is a
 * programmer error: abort(). */
const char *ui_str(const struct lang *l, const char *key);
/* ui_str with {name} placeholders filled from (name, value) pairs ending
 * in NULL; an arena string, NULL only when out of memory. */
const char *ui_fmt(struct arena *a, const struct lang *l, const char *key, ...)
    __attribute__((sentinel));
/* Fill {name} placeholders of any text the same way. */
const char *lang_fill(struct arena *a, const char *text, ...) __attribute__((sentinel));

/* {"key": "text", ...} of every sv key starting with prefix, in l (else
 * sv), appended to b as JSON (for the page's script). */
uf_err lang_json_prefix(struct buf *b, const struct lang *l, const char *prefix);

/* lang_fill appending to b, with the pairs in ap. */
uf_err lang_vfill(struct buf *b, const char *text, va_list ap);
/* The same with the (name, value) pairs as arguments, ending in NULL. */
uf_err lang_fill_buf(struct buf *b, const char *text, ...) __attribute__((sentinel));

/* The information text of group in l, else sv's; NULL when there is none. */
const struct lang_info *lang_info(const struct lang *l, const char *group);

/* forms-check of one ui or info file against its sv sibling (same folder;
 * else $UF_FORMS_REF/ui or /info: the forms folder of the source tree, for
 * files checked outside it): one line per problem on out (missing
 * key, extra key, placeholder mismatch, bad value), prefixed by path.
 * Returns the number of problems (0: ok); *nstrings: texts in the file. */
size_t lang_check_file(const char *path, void (*out)(const char *line), size_t *nstrings);
/* Whether path holds a ui file (a "strings" object) or an info file
 * ("sections"), not an instrument. */
bool lang_is_text_file(const char *path);

#endif
