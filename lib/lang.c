/* SPDX-License-Identifier: ISC
 * The language table: reads and checks forms/ui/<tag>.json and
 * forms/info/<group>.<tag>.json (sizes, tag syntax, known keys, text and
 * placeholder syntax, same keys and placeholders as sv), and looks texts up.
 * Both kinds of file are flattened to key -> text lists, so one comparison
 * serves the program's loader and forms-check alike.
 */
#include "config.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "arena.h"
#include "buf.h"
#include "form.h"
#include "lang.h"
#include "utf8.h"

#define KEY_MAX       64
#define PH_NAME_MAX   20
#define NAME_MAX_LEN  64
#define INFO_KEYS_MAX (8 + 2 * LANG_SECTIONS_MAX * (1 + LANG_PARAS_MAX) + 8)

struct kv {
	char *key, *text;
};

/* A parsed file: its flattened texts, sorted by key. */
struct kvlist {
	struct kv *v;
	size_t n, cap;
};

struct lang {
	char tag[LANG_TAG_MAX + 1];
	char *name;
	bool rtl, machine_assisted;
	struct kvlist strs;
	struct lang_info *info[GROUP__MAX];
};

static struct lang *table[LANG_MAX];
static size_t ntable;

/* ---- small pieces ---------------------------------------------------- */

static bool
alnum_run(const char *s, size_t n, bool lower_alpha_only)
{
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		bool ok = (ch >= 'a' && ch <= 'z') ||
		    (!lower_alpha_only && ((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')));
		if (!ok)
			return false;
	}
	return true;
}

bool
lang_tag_ok(const char *s)
{
	size_t len, first;
	const char *p;

	if (!s)
		return false;
	len = strlen(s);
	if (len < 2 || len > LANG_TAG_MAX)
		return false;
	first = strcspn(s, "-");
	if (first < 2 || first > 3 || !alnum_run(s, first, true))
		return false;
	for (p = s + first; *p;) {
		size_t n;
		p++; /* the '-' */
		n = strcspn(p, "-");
		if (n < 1 || n > 8 || !alnum_run(p, n, false))
			return false;
		p += n;
	}
	return true;
}

static bool
key_ok(const char *k)
{
	size_t n = strlen(k);
	if (n < 1 || n > KEY_MAX || !(k[0] >= 'a' && k[0] <= 'z'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= '0' && k[i] <= '9') ||
		        k[i] == '_' || k[i] == '.'))
			return false;
	return true;
}

/* Two placeholder names, each ending at its '}'. */
static int
name_cmp(const char *a, const char *b)
{
	size_t na = strcspn(a, "}"), nb = strcspn(b, "}");
	int c = strncmp(a, b, na < nb ? na : nb);
	return c ? c : (na > nb) - (na < nb);
}

/* Placeholders of text, sorted and joined as "{a}{b}" into out; false when
 * a brace does not open a well-formed {name}. */
static bool
placeholders(const char *text, char *out, size_t outlen)
{
	const char *names[64];
	size_t nn = 0, used = 0;

	out[0] = '\0';
	for (const char *p = text; *p; p++) {
		if (*p == '}')
			return false;
		if (*p != '{')
			continue;
		size_t n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz_");
		if (n < 1 || n > PH_NAME_MAX || p[1 + n] != '}' || nn == 64)
			return false;
		names[nn++] = p + 1;
		p += n + 1;
	}
	/* insertion sort of at most 64 names, compared up to their '}' */
	for (size_t i = 1; i < nn; i++)
		for (size_t j = i; j > 0 && name_cmp(names[j - 1], names[j]) > 0; j--) {
			const char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	for (size_t i = 0; i < nn; i++) {
		size_t n = strcspn(names[i], "}");
		if (i > 0 && name_cmp(names[i - 1], names[i]) == 0)
			continue; /* a name used twice counts once */
		if (used + n + 3 > outlen)
			return false;
		out[used++] = '{';
		memcpy(out + used, names[i], n);
		used += n;
		out[used++] = '}';
		out[used] = '\0';
	}
	return true;
}

static bool
text_ok(const char *s, char *why, size_t whylen)
{
	char ph[512];
	size_t n = strlen(s);
	if (n == 0) {
		snprintf(why, whylen, "empty text");
		return false;
	}
	if (n > LANG_TEXT_MAX) {
		snprintf(why, whylen, "text longer than %d bytes", LANG_TEXT_MAX);
		return false;
	}
	if (!utf8_text_ok(s, n)) {
		snprintf(why, whylen, "not UTF-8 text (or a control character)");
		return false;
	}
	if (!placeholders(s, ph, sizeof ph)) {
		snprintf(why, whylen, "a brace that is not a {placeholder}");
		return false;
	}
	return true;
}

static void
kvlist_free(struct kvlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free(l->v[i].text);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static bool
kvlist_add(struct kvlist *l, const char *key, const char *text)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		struct kv *v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return false;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n].key = strdup(key);
	l->v[l->n].text = strdup(text);
	if (!l->v[l->n].key || !l->v[l->n].text) {
		free(l->v[l->n].key);
		free(l->v[l->n].text);
		return false;
	}
	l->n++;
	return true;
}

static int
kv_cmp(const void *a, const void *b)
{
	return strcmp(((const struct kv *)a)->key, ((const struct kv *)b)->key);
}

static const char *
kvlist_get(const struct kvlist *l, const char *key)
{
	struct kv probe = { .key = (char *)key }, *hit;
	if (!l->n)
		return NULL;
	hit = bsearch(&probe, l->v, l->n, sizeof(*l->v), kv_cmp);
	return hit ? hit->text : NULL;
}

/* ---- reading files ---------------------------------------------------- */

/* A problem found in a file. */
struct problems {
	const char *path;
	void (*out)(const char *line); /* NULL: keep only the first in first */
	size_t n;
	char first[512];
};

static void problem(struct problems *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void
problem(struct problems *p, const char *fmt, ...)
{
	char msg[400], line[512];
	va_list ap;
	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	(void)snprintf(line, sizeof line, "%s: %s", p->path, msg);
	if (p->n == 0)
		(void)snprintf(p->first, sizeof p->first, "%s", line);
	p->n++;
	if (p->out)
		p->out(line);
}

static char *
read_all(const char *path, struct problems *p)
{
	FILE *fp = fopen(path, "rb");
	char *text = NULL;
	size_t n;

	if (!fp) {
		problem(p, "cannot open");
		return NULL;
	}
	text = malloc(LANG_FILE_MAX + 2);
	if (!text) {
		problem(p, "out of memory");
		goto out;
	}
	n = fread(text, 1, LANG_FILE_MAX + 1, fp);
	if (ferror(fp)) {
		problem(p, "cannot read");
		free(text);
		text = NULL;
		goto out;
	}
	if (n > LANG_FILE_MAX) {
		problem(p, "file is larger than %d bytes", LANG_FILE_MAX);
		free(text);
		text = NULL;
		goto out;
	}
	text[n] = '\0';
	if (strlen(text) != n) {
		problem(p, "NUL byte in file");
		free(text);
		text = NULL;
	}
out:
	fclose(fp);
	return text;
}

/* cJSON keeps duplicate keys silently: refuse them (and NUL escapes in
 * keys), at every level. */
static bool
no_duplicates(const cJSON *o, struct problems *p)
{
	for (const cJSON *a = o ? o->child : NULL; a; a = a->next) {
		if (a->string)
			for (const cJSON *b = a->next; b; b = b->next)
				if (b->string && strcmp(a->string, b->string) == 0) {
					problem(p, "duplicate key \"%.64s\"", a->string);
					return false;
				}
		if ((cJSON_IsObject(a) || cJSON_IsArray(a)) && !no_duplicates(a, p))
			return false;
	}
	return true;
}

static cJSON *
parse(const char *path, struct problems *p)
{
	char *text = read_all(path, p);
	const char *end = NULL;
	cJSON *root;

	if (!text)
		return NULL;
	root = cJSON_ParseWithLengthOpts(text, strlen(text) + 1, &end, 1);
	if (!root)
		problem(p, "not valid JSON");
	else if (!cJSON_IsObject(root)) {
		problem(p, "not a JSON object");
		cJSON_Delete(root);
		root = NULL;
	} else if (!no_duplicates(root, p)) {
		cJSON_Delete(root);
		root = NULL;
	}
	free(text);
	return root;
}

static bool
only_keys(const cJSON *o, const char *const *allowed, const char *where,
    struct problems *p)
{
	bool ok = true;
	for (const cJSON *c = o->child; c; c = c->next) {
		size_t k;
		for (k = 0; allowed[k] && strcmp(allowed[k], c->string) != 0; k++)
			;
		if (!allowed[k]) {
			problem(p, "%sunknown key \"%.64s\"", where, c->string);
			ok = false;
		}
	}
	return ok;
}

static const char *
get_str(const cJSON *o, const char *key, const char *where,
    struct problems *p)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	char why[120];
	if (!cJSON_IsString(v)) {
		problem(p, "%s\"%s\" must be a string", where, key);
		return NULL;
	}
	if (!text_ok(v->valuestring, why, sizeof why)) {
		problem(p, "%s\"%s\": %s", where, key, why);
		return NULL;
	}
	return v->valuestring;
}

/* The header both kinds share: format 1, lang equal to the file's tag,
 * machine_assisted. */
static bool
header(const cJSON *root, const char *tag, bool *machine, struct problems *p)
{
	const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
	const cJSON *lg = cJSON_GetObjectItemCaseSensitive(root, "lang");
	const cJSON *ma = cJSON_GetObjectItemCaseSensitive(root, "machine_assisted");
	bool ok = true;

	if (!cJSON_IsNumber(fmt) || fmt->valuedouble != 1) {
		problem(p, "\"format\" must be 1");
		ok = false;
	}
	if (!cJSON_IsString(lg) || !lang_tag_ok(lg->valuestring)) {
		problem(p, "\"lang\" must be a language tag such as \"sv\" or \"en-GB\"");
		ok = false;
	} else if (tag && strcmp(lg->valuestring, tag) != 0) {
		problem(p, "\"lang\" is \"%s\" but the file name says \"%s\"", lg->valuestring, tag);
		ok = false;
	}
	if (!cJSON_IsBool(ma)) {
		problem(p, "\"machine_assisted\" must be true or false");
		ok = false;
	} else {
		*machine = cJSON_IsTrue(ma);
	}
	return ok;
}

/* The file name's parts: ui/<tag>.json, info/<group>.<tag>.json. */
static bool
name_parts(const char *path, bool info, char *group, size_t glen, char *tag)
{
	const char *base = strrchr(path, '/');
	char name[128];
	size_t n;
	char *dot;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n < 6 || n >= sizeof name || strcmp(base + n - 5, ".json") != 0)
		return false;
	memcpy(name, base, n - 5);
	name[n - 5] = '\0';
	if (info) {
		dot = strchr(name, '.');
		if (!dot || (size_t)(dot - name) >= glen)
			return false;
		memcpy(group, name, (size_t)(dot - name));
		group[dot - name] = '\0';
		memmove(name, dot + 1, strlen(dot + 1) + 1);
	}
	if (!lang_tag_ok(name))
		return false;
	memcpy(tag, name, strlen(name) + 1);
	return true;
}

struct ui_file {
	char tag[LANG_TAG_MAX + 1];
	char *name;
	bool rtl, machine;
	struct kvlist strs;
};

static bool
ui_parse(const char *path, struct ui_file *u, struct problems *p)
{
	static const char *const keys[] = { "format", "lang", "name", "dir",
		"machine_assisted", "strings", NULL };
	cJSON *root = NULL;
	const cJSON *dir, *strs;
	const char *name;
	char why[120];
	bool ok = false;

	memset(u, 0, sizeof *u);
	if (!name_parts(path, false, NULL, 0, u->tag)) {
		problem(p, "file name must be <language tag>.json");
		return false;
	}
	if (!(root = parse(path, p)))
		return false;
	ok = only_keys(root, keys, "", p);
	ok = header(root, u->tag, &u->machine, p) && ok;
	name = get_str(root, "name", "", p);
	if (name && strlen(name) > NAME_MAX_LEN) {
		problem(p, "\"name\" longer than %d bytes", NAME_MAX_LEN);
		name = NULL;
	}
	if (name && !(u->name = strdup(name)))
		problem(p, "out of memory");
	ok = ok && u->name;
	dir = cJSON_GetObjectItemCaseSensitive(root, "dir");
	if (!cJSON_IsString(dir) || (strcmp(dir->valuestring, "ltr") != 0 && strcmp(dir->valuestring, "rtl") != 0)) {
		problem(p, "\"dir\" must be \"ltr\" or \"rtl\"");
		ok = false;
	} else {
		u->rtl = strcmp(dir->valuestring, "rtl") == 0;
	}
	strs = cJSON_GetObjectItemCaseSensitive(root, "strings");
	if (!cJSON_IsObject(strs)) {
		problem(p, "\"strings\" must be an object");
		ok = false;
		goto out;
	}
	for (const cJSON *c = strs->child; c; c = c->next) {
		if (u->strs.n == LANG_KEYS_MAX) {
			problem(p, "more than %d strings", LANG_KEYS_MAX);
			ok = false;
			break;
		}
		if (!key_ok(c->string)) {
			problem(p, "key \"%.64s\": not a key ([a-z][a-z0-9_.]*, at most %d bytes)",
			    c->string, KEY_MAX);
			ok = false;
			continue;
		}
		if (!cJSON_IsString(c)) {
			problem(p, "key %s: must be a string", c->string);
			ok = false;
			continue;
		}
		if (!text_ok(c->valuestring, why, sizeof why)) {
			problem(p, "key %s: %s", c->string, why);
			ok = false;
			continue;
		}
		if (!kvlist_add(&u->strs, c->string, c->valuestring)) {
			problem(p, "out of memory");
			ok = false;
			break;
		}
	}
	qsort(u->strs.v, u->strs.n, sizeof(*u->strs.v), kv_cmp);
out:
	cJSON_Delete(root);
	return ok;
}

static void
ui_file_free(struct ui_file *u)
{
	free(u->name);
	kvlist_free(&u->strs);
}

/* One variant of an information text, flattened under prefix ("" or
 * "easy."): heading, lead, voluntary, full_summary,
 * sections.N.heading, sections.N.paragraphs.M. */
static bool
info_variant(const cJSON *o, const char *prefix, struct kvlist *kv,
    struct problems *p)
{
	static const char *const texts[] = { "heading", "lead", "voluntary",
		"full_summary", NULL };
	static const char *const sec_keys[] = { "heading", "paragraphs", NULL };
	const cJSON *secs = cJSON_GetObjectItemCaseSensitive(o, "sections");
	char key[KEY_MAX + 1], where[80];
	bool ok = true;
	int si = 0;

	for (size_t k = 0; texts[k]; k++) {
		const char *t;
		snprintf(where, sizeof where, "%s", prefix);
		t = get_str(o, texts[k], where, p);
		snprintf(key, sizeof key, "%s%s", prefix, texts[k]);
		if (!t || !kvlist_add(kv, key, t))
			ok = false;
	}
	if (!cJSON_IsArray(secs) || cJSON_GetArraySize(secs) < 1 ||
	    cJSON_GetArraySize(secs) > LANG_SECTIONS_MAX) {
		problem(p, "%s\"sections\" must be an array of 1 to %d sections", prefix,
		    LANG_SECTIONS_MAX);
		return false;
	}
	for (const cJSON *s = secs->child; s; s = s->next, si++) {
		const cJSON *paras;
		const char *t;
		int pi = 0;
		snprintf(where, sizeof where, "%ssections[%d]: ", prefix, si);
		if (!cJSON_IsObject(s) || !only_keys(s, sec_keys, where, p)) {
			problem(p, "%smust be {\"heading\", \"paragraphs\"}", where);
			ok = false;
			continue;
		}
		t = get_str(s, "heading", where, p);
		snprintf(key, sizeof key, "%ssections.%d.heading", prefix, si);
		if (!t || !kvlist_add(kv, key, t))
			ok = false;
		paras = cJSON_GetObjectItemCaseSensitive(s, "paragraphs");
		if (!cJSON_IsArray(paras) || cJSON_GetArraySize(paras) < 1 ||
		    cJSON_GetArraySize(paras) > LANG_PARAS_MAX) {
			problem(p, "%s\"paragraphs\" must be an array of 1 to %d texts", where,
			    LANG_PARAS_MAX);
			ok = false;
			continue;
		}
		for (const cJSON *x = paras->child; x; x = x->next, pi++) {
			char why[120];
			snprintf(key, sizeof key, "%ssections.%d.paragraphs.%d", prefix, si, pi);
			if (!cJSON_IsString(x) || !text_ok(x->valuestring, why, sizeof why)) {
				problem(p, "%s: %s", key, cJSON_IsString(x) ? why : "must be a string");
				ok = false;
				continue;
			}
			if (!kvlist_add(kv, key, x->valuestring))
				ok = false;
		}
	}
	return ok;
}

struct info_file {
	char group[16], tag[LANG_TAG_MAX + 1], version[41];
	bool machine;
	struct kvlist kv;
};

static bool
info_parse(const char *path, struct info_file *f, struct problems *p)
{
	static const char *const keys[] = { "format", "group", "lang", "version",
		"machine_assisted", "heading", "lead", "voluntary", "full_summary",
		"sections", "easy", NULL };
	static const char *const easy_keys[] = { "heading", "lead", "voluntary",
		"full_summary", "sections", NULL };
	enum respondent_group g;
	cJSON *root;
	const cJSON *grp, *ver, *easy;
	bool ok;

	memset(f, 0, sizeof *f);
	if (!name_parts(path, true, f->group, sizeof f->group, f->tag) ||
	    !group_parse(f->group, &g)) {
		problem(p, "file name must be <group>.<language tag>.json");
		return false;
	}
	if (!(root = parse(path, p)))
		return false;
	ok = only_keys(root, keys, "", p);
	ok = header(root, f->tag, &f->machine, p) && ok;
	grp = cJSON_GetObjectItemCaseSensitive(root, "group");
	if (!cJSON_IsString(grp) || strcmp(grp->valuestring, f->group) != 0) {
		problem(p, "\"group\" must be \"%s\" as the file name says", f->group);
		ok = false;
	}
	ver = cJSON_GetObjectItemCaseSensitive(root, "version");
	if (!cJSON_IsString(ver) || strlen(ver->valuestring) < 1 ||
	    strlen(ver->valuestring) > 40 ||
	    strspn(ver->valuestring, "abcdefghijklmnopqrstuvwxyz0123456789.-") !=
	        strlen(ver->valuestring)) {
		problem(p, "\"version\" must be 1-40 characters of a-z 0-9 . -");
		ok = false;
	} else {
		memcpy(f->version, ver->valuestring, strlen(ver->valuestring) + 1);
	}
	ok = info_variant(root, "", &f->kv, p) && ok;
	easy = cJSON_GetObjectItemCaseSensitive(root, "easy");
	if (easy) {
		if (!cJSON_IsObject(easy) || !only_keys(easy, easy_keys, "easy: ", p)) {
			problem(p, "\"easy\" must be an object like the plain text");
			ok = false;
		} else {
			ok = info_variant(easy, "easy.", &f->kv, p) && ok;
		}
	}
	qsort(f->kv.v, f->kv.n, sizeof(*f->kv.v), kv_cmp);
	cJSON_Delete(root);
	return ok;
}

/* Every key of ref in l and no other (missing keys allowed when
 * allow_missing, or when optional_prefix names an absent optional part),
 * with the same placeholders. */
static void
compare(const struct kvlist *ref, const struct kvlist *l, bool allow_missing,
    const char *optional_prefix, struct problems *p)
{
	char a[512], b[512];
	bool has_optional = false;
	size_t plen = optional_prefix ? strlen(optional_prefix) : 0;

	for (size_t i = 0; plen && i < l->n; i++)
		if (strncmp(l->v[i].key, optional_prefix, plen) == 0)
			has_optional = true;
	for (size_t i = 0; i < ref->n; i++) {
		const char *t = kvlist_get(l, ref->v[i].key);
		if (!t) {
			bool optional = plen && !has_optional &&
			    strncmp(ref->v[i].key, optional_prefix, plen) == 0;
			if (!allow_missing && !optional)
				problem(p, "missing key %s", ref->v[i].key);
			continue;
		}
		(void)placeholders(ref->v[i].text, a, sizeof a);
		(void)placeholders(t, b, sizeof b);
		if (strcmp(a, b) != 0)
			problem(p, "key %s: placeholders %s differ from sv's %s", ref->v[i].key,
			    b[0] ? b : "(none)", a[0] ? a : "(none)");
	}
	for (size_t i = 0; i < l->n; i++)
		if (!kvlist_get(ref, l->v[i].key))
			problem(p, "extra key %s (not in sv)", l->v[i].key);
}

/* ---- the table -------------------------------------------------------- */

/* An information row and the texts it points into (kept right after it). */
static void
info_free(struct lang_info *li)
{
	if (!li)
		return;
	kvlist_free((struct kvlist *)(li + 1));
	free(li);
}

static void
lang_free(struct lang *l)
{
	if (!l)
		return;
	free(l->name);
	kvlist_free(&l->strs);
	for (int g = 0; g < GROUP__MAX; g++)
		info_free(l->info[g]);
	free(l);
}

void
lang_table_free(void)
{
	for (size_t i = 0; i < ntable; i++)
		lang_free(table[i]);
	ntable = 0;
}

static int
lang_order(const void *a, const void *b)
{
	const struct lang *x = *(struct lang *const *)a, *y = *(struct lang *const *)b;
	bool xr = strcmp(x->tag, LANG_REF) == 0, yr = strcmp(y->tag, LANG_REF) == 0;
	if (xr != yr)
		return xr ? -1 : 1;
	return strcmp(x->tag, y->tag);
}

/* Fill one variant of the info struct from the flattened texts. */
static void
info_fill(const struct kvlist *kv, const char *prefix, struct info_text *t)
{
	char key[KEY_MAX + 1];
	const char **dst[] = { &t->heading, &t->lead, &t->voluntary, &t->full_summary };
	const char *names[] = { "heading", "lead", "voluntary", "full_summary" };

	for (size_t k = 0; k < 4; k++) {
		snprintf(key, sizeof key, "%s%s", prefix, names[k]);
		*dst[k] = kvlist_get(kv, key);
	}
	for (t->nsections = 0; t->nsections < LANG_SECTIONS_MAX; t->nsections++) {
		struct info_section *s = &t->sections[t->nsections];
		snprintf(key, sizeof key, "%ssections.%zu.heading", prefix, t->nsections);
		if (!(s->heading = kvlist_get(kv, key)))
			break;
		for (s->nparas = 0; s->nparas < LANG_PARAS_MAX; s->nparas++) {
			snprintf(key, sizeof key, "%ssections.%zu.paragraphs.%zu", prefix,
			    t->nsections, s->nparas);
			if (!(s->paras[s->nparas] = kvlist_get(kv, key)))
				break;
		}
	}
}

static bool
json_name(const char *n)
{
	size_t len = strlen(n);
	return n[0] != '.' && len > 5 && strcmp(n + len - 5, ".json") == 0;
}

/* dir/name into out; false when it does not fit. */
static bool
join(char *out, size_t n, const char *dir, const char *name)
{
	int k = snprintf(out, n, "%s/%s", dir, name);
	return k > 0 && (size_t)k < n;
}

static bool
load_ui_dir(const char *dir, struct problems *p)
{
	char path[4096];
	DIR *d = opendir(dir);
	struct dirent *de;
	bool ok = true;

	if (!d) {
		p->path = dir;
		problem(p, "cannot open the folder");
		return false;
	}
	while (ok && (de = readdir(d))) {
		struct ui_file u;
		struct lang *l;
		if (!json_name(de->d_name))
			continue;
		if (ntable == LANG_MAX) {
			problem(p, "more than %d languages", LANG_MAX);
			ok = false;
			break;
		}
		if (!join(path, sizeof path, dir, de->d_name)) {
			problem(p, "path too long");
			ok = false;
			break;
		}
		p->path = path;
		if (!ui_parse(path, &u, p) || !(l = calloc(1, sizeof *l))) {
			ui_file_free(&u);
			ok = false;
			break;
		}
		memcpy(l->tag, u.tag, sizeof l->tag);
		l->name = u.name;
		l->rtl = u.rtl;
		l->machine_assisted = u.machine;
		l->strs = u.strs;
		table[ntable++] = l;
	}
	closedir(d);
	return ok;
}

static bool
load_info_dir(const char *dir, struct problems *p)
{
	char path[4096];
	DIR *d = opendir(dir);
	struct dirent *de;
	bool ok = true;

	if (!d)
		return true; /* no information texts: the pages say so */
	while (ok && (de = readdir(d))) {
		struct info_file f;
		struct lang *l;
		struct lang_info *li;
		enum respondent_group g;
		if (!json_name(de->d_name))
			continue;
		if (!join(path, sizeof path, dir, de->d_name)) {
			problem(p, "path too long");
			ok = false;
			break;
		}
		p->path = path;
		if (!info_parse(path, &f, p)) {
			kvlist_free(&f.kv);
			ok = false;
			break;
		}
		l = (struct lang *)lang_get(f.tag);
		if (!l || !group_parse(f.group, &g)) {
			problem(p, "no ui/%s.json for this language", f.tag);
			kvlist_free(&f.kv);
			ok = false;
			break;
		}
		/* The texts live as long as the table: keep the list in the row. */
		li = calloc(1, sizeof *li + sizeof(struct kvlist));
		if (!li) {
			kvlist_free(&f.kv);
			ok = false;
			break;
		}
		memcpy(li->group, f.group, sizeof li->group);
		memcpy(li->version, f.version, sizeof li->version);
		li->machine_assisted = f.machine;
		*(struct kvlist *)(li + 1) = f.kv;
		info_fill(&f.kv, "", &li->plain);
		info_fill(&f.kv, "easy.", &li->easy);
		li->has_easy = li->easy.heading != NULL;
		info_free(l->info[g]);
		l->info[g] = li;
	}
	closedir(d);
	return ok;
}

uf_err
lang_table_load(const char *dir, char *err, size_t errlen)
{
	char sub[4096];
	struct problems p = { .path = dir };
	const struct lang *ref;

	lang_table_free();
	snprintf(sub, sizeof sub, "%s/ui", dir);
	if (!load_ui_dir(sub, &p))
		goto fail;
	qsort(table, ntable, sizeof *table, lang_order);
	ref = lang_get(LANG_REF);
	if (!ref) {
		p.path = sub;
		problem(&p, "no %s.json (the reference language)", LANG_REF);
		goto fail;
	}
	/* Missing keys fall back to sv; an unknown key or other placeholders
	 * would show a wrong text: refuse the file. */
	for (size_t i = 1; i < ntable; i++) {
		snprintf(sub, sizeof sub, "%s/ui/%s.json", dir, table[i]->tag);
		p.path = sub;
		compare(&ref->strs, &table[i]->strs, true, NULL, &p);
		if (p.n)
			goto fail;
	}
	snprintf(sub, sizeof sub, "%s/info", dir);
	if (!load_info_dir(sub, &p))
		goto fail;
	for (size_t i = 1; i < ntable; i++)
		for (int g = 0; g < GROUP__MAX; g++) {
			const struct lang_info *li = table[i]->info[g], *rf = ref->info[g];
			if (!li)
				continue;
			snprintf(sub, sizeof sub, "%s/info/%s.%s.json", dir, li->group, table[i]->tag);
			p.path = sub;
			if (!rf) {
				problem(&p, "no %s.%s.json to check against", li->group, LANG_REF);
				goto fail;
			}
			compare((const struct kvlist *)(rf + 1), (const struct kvlist *)(li + 1),
			    false, "easy.", &p);
			if (p.n)
				goto fail;
		}
	return UF_OK;
fail:
	(void)snprintf(err, errlen, "%s", p.first);
	lang_table_free();
	return UF_EFORMAT;
}

size_t
lang_count(void)
{
	return ntable;
}

const struct lang *
lang_at(size_t i)
{
	return i < ntable ? table[i] : NULL;
}

const struct lang *
lang_get(const char *tag)
{
	for (size_t i = 0; tag && i < ntable; i++)
		if (strcmp(table[i]->tag, tag) == 0)
			return table[i];
	return NULL;
}

const struct lang *
lang_ref(void)
{
	return ntable ? table[0] : NULL;
}

const char *
lang_tag(const struct lang *l)
{
	return l->tag;
}
const char *
lang_name(const struct lang *l)
{
	return l->name;
}
bool
lang_rtl(const struct lang *l)
{
	return l->rtl;
}
bool
lang_machine_assisted(const struct lang *l)
{
	return l->machine_assisted;
}

const char *
ui_str(const struct lang *l, const char *key)
{
	const char *t = l ? kvlist_get(&l->strs, key) : NULL;
	if (!t && ntable)
		t = kvlist_get(&table[0]->strs, key);
	if (!t) {
		fprintf(stderr, "ui_str: no key %s in %s.json\n", key, LANG_REF);
		abort(); /* the program asked for a text that sv.json lacks */
	}
	return t;
}

uf_err
lang_vfill(struct buf *b, const char *text, va_list ap)
{
	const char *names[16], *values[16], *nm;
	size_t n = 0;
	uf_err e = UF_OK;

	while (n < 16 && (nm = va_arg(ap, const char *))) {
		names[n] = nm;
		values[n++] = va_arg(ap, const char *);
	}
	for (const char *s = text; e == UF_OK && *s;) {
		size_t run = strcspn(s, "{"), k;
		e = buf_add(b, s, run);
		s += run;
		if (!*s || e != UF_OK)
			break;
		run = strcspn(s + 1, "}");
		for (k = 0; k < n; k++)
			if (strlen(names[k]) == run && strncmp(names[k], s + 1, run) == 0)
				break;
		/* The files were checked: every brace opens a {name}. */
		e = k < n ? buf_adds(b, values[k] ? values[k] : "") : buf_add(b, s, run + 2);
		s += run + (s[run + 1] ? 2 : 1);
	}
	return e;
}

uf_err
lang_fill_buf(struct buf *b, const char *text, ...)
{
	va_list ap;
	uf_err e;

	va_start(ap, text);
	e = lang_vfill(b, text, ap);
	va_end(ap);
	return e;
}

static const char *
fill(struct arena *a, const char *text, va_list ap)
{
	struct buf b;
	const char *out = NULL;

	buf_init(&b, 4 * LANG_TEXT_MAX);
	if (lang_vfill(&b, text, ap) == UF_OK)
		out = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return out;
}

const char *
lang_fill(struct arena *a, const char *text, ...)
{
	va_list ap;
	const char *out;
	va_start(ap, text);
	out = fill(a, text, ap);
	va_end(ap);
	return out;
}

const char *
ui_fmt(struct arena *a, const struct lang *l, const char *key, ...)
{
	va_list ap;
	const char *out;
	va_start(ap, key);
	out = fill(a, ui_str(l, key), ap);
	va_end(ap);
	return out;
}

uf_err
lang_json_prefix(struct buf *b, const struct lang *l, const char *prefix)
{
	const struct kvlist *ref = ntable ? &table[0]->strs : NULL;
	size_t plen = strlen(prefix), n = 0;
	uf_err e = buf_adds(b, "{");

	for (size_t i = 0; ref && e == UF_OK && i < ref->n; i++) {
		if (strncmp(ref->v[i].key, prefix, plen) != 0)
			continue;
		if (n++ && (e = buf_adds(b, ",")) != UF_OK)
			break;
		if ((e = buf_add_json_str(b, ref->v[i].key)) == UF_OK &&
		    (e = buf_adds(b, ":")) == UF_OK)
			e = buf_add_json_str(b, ui_str(l, ref->v[i].key));
	}
	return e == UF_OK ? buf_adds(b, "}") : e;
}

const struct lang_info *
lang_info(const struct lang *l, const char *group)
{
	enum respondent_group g;
	if (!group_parse(group, &g))
		return NULL;
	if (l && l->info[g])
		return l->info[g];
	return ntable ? table[0]->info[g] : NULL;
}

/* ---- forms-check ------------------------------------------------------ */

/* What kind of text file path holds, by its top-level keys: "strings"
 * (ui), "sections" (info), else neither (an instrument). */
enum text_kind { TEXT_NONE,
	TEXT_UI,
	TEXT_INFO };

static enum text_kind
text_kind(const char *path)
{
	struct problems quiet = { .path = path };
	cJSON *root = parse(path, &quiet);
	enum text_kind k = TEXT_NONE;

	if (root && cJSON_GetObjectItemCaseSensitive(root, "strings"))
		k = TEXT_UI;
	else if (root && cJSON_GetObjectItemCaseSensitive(root, "sections"))
		k = TEXT_INFO;
	cJSON_Delete(root);
	return k;
}

bool
lang_is_text_file(const char *path)
{
	return text_kind(path) != TEXT_NONE;
}

/* The sv file to compare path with: its sibling, else under $UF_FORMS_REF. */
static bool
ref_path(const char *path, bool info, const char *group, char *out, size_t n)
{
	const char *slash = strrchr(path, '/');
	const char *env = getenv("UF_FORMS_REF");
	FILE *fp;
	int k;

	k = snprintf(out, n, "%.*s/%s%s%s.json", (int)(slash ? slash - path : 1),
	    slash ? path : ".", info ? group : "", info ? "." : "", LANG_REF);
	if (k > 0 && (size_t)k < n && (fp = fopen(out, "rb"))) {
		fclose(fp);
		return true;
	}
	if (!env)
		return false;
	k = snprintf(out, n, "%s/%s/%s%s%s.json", env, info ? "info" : "ui",
	    info ? group : "", info ? "." : "", LANG_REF);
	return k > 0 && (size_t)k < n;
}

size_t
lang_check_file(const char *path, void (*out)(const char *line), size_t *nstrings)
{
	struct problems p = { .path = path, .out = out };
	char refp[4096];
	struct kvlist mine = { 0 }, ref = { 0 };
	struct problems rp = { .path = refp, .out = out };
	const char *base = strrchr(path, '/');
	bool is_ref, info;

	info = text_kind(path) == TEXT_INFO;
	base = base ? base + 1 : path;
	*nstrings = 0;
	if (info) {
		struct info_file f, r;
		if (!info_parse(path, &f, &p)) {
			kvlist_free(&f.kv);
			return p.n;
		}
		mine = f.kv;
		*nstrings = mine.n;
		is_ref = strcmp(f.tag, LANG_REF) == 0;
		if (!is_ref) {
			if (!ref_path(path, true, f.group, refp, sizeof refp)) {
				problem(&p, "no %s.%s.json beside it to check against", f.group, LANG_REF);
			} else if (info_parse(refp, &r, &rp)) {
				ref = r.kv;
				compare(&ref, &mine, false, "easy.", &p);
			} else {
				kvlist_free(&r.kv);
				p.n += rp.n;
			}
		}
	} else {
		struct ui_file u, r;
		if (!ui_parse(path, &u, &p)) {
			ui_file_free(&u);
			return p.n;
		}
		mine = u.strs;
		free(u.name);
		*nstrings = mine.n;
		is_ref = strcmp(base, LANG_REF ".json") == 0;
		if (!is_ref) {
			if (!ref_path(path, false, NULL, refp, sizeof refp)) {
				problem(&p, "no %s.json beside it to check against", LANG_REF);
			} else if (ui_parse(refp, &r, &rp)) {
				ref = r.strs;
				free(r.name);
				compare(&ref, &mine, false, NULL, &p);
			} else {
				ui_file_free(&r);
				p.n += rp.n;
			}
		}
	}
	kvlist_free(&mine);
	kvlist_free(&ref);
	return p.n;
}
