/* SPDX-License-Identifier: ISC
 * Read-aloud players on the respondent pages. The manifest of audio-build
 * (admin/cmd_audio.c) is read once at start into a sorted table; a page
 * looks its item up by instrument, version, language, variant and item id
 * (the information page: by group and the hash of the exact text it shows)
 * and links the files nginx serves under /audio/, Ogg Opus and MP3. Writes
 * no sound and runs no program; a missing file means no player, never an
 * error page.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "collect_audio.h"
#include "html.h"
#include "info_speech.h"
#include "lang.h"

#define MANIFEST_MAX_BYTES   (8u << 20)
#define MANIFEST_MAX_ENTRIES 200000
#define FIELD_MAX            300
#define KEY_MAX              256
#define AUDIO_URL_PREFIX     "/audio/"

#define MANIFEST_FIELDS      8
#define MANIFEST_HEAD        "uppfolj-audio 2"

struct entry {
	char *key;  /* kind TAB owner TAB version TAB lang TAB variant TAB id */
	char *opus; /* relative to the audio folder */
	char *mp3;
};

static struct entry *entries;
static size_t nentries;

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->key, ((const struct entry *)b)->key);
}

/* Every byte of s (1..max bytes) is in allowed. */
static bool
token_ok(const char *s, size_t max, const char *allowed)
{
	size_t n = strlen(s);
	return n >= 1 && n <= max && strspn(s, allowed) == n;
}

#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define DIGIT "0123456789"

/* A file under the audio folder: a relative path of safe characters, no
 * "..", ending in ext; the page writes it into an attribute as it is. */
static bool
path_ok(const char *s, const char *ext)
{
	size_t n = strlen(s), k = strlen(ext);
	return token_ok(s, FIELD_MAX, LOWER UPPER DIGIT "._/-") && s[0] != '/' &&
	    !strstr(s, "..") && !strstr(s, "//") && n > k && strcmp(s + n - k, ext) == 0;
}

/* The information page's part names (lib/info_speech.h). */
static bool
part_ok(const char *s)
{
	for (int p = 0; p < INFO_PART__MAX; p++)
		if (strcmp(s, info_part_name((enum info_part)p)) == 0)
			return true;
	return false;
}

/* Check one line's fields; NULL when fine, else what is wrong. An item
 * line names instrument, version and item; an information line its group,
 * the hash of the text spoken (lib/info_speech.h) and the page's part. */
static const char *
line_problem(char *const f[MANIFEST_FIELDS])
{
	bool item = strcmp(f[0], "item") == 0;

	if (!item && strcmp(f[0], "info") != 0)
		return "the first field must be item or info";
	if (!token_ok(f[1], 32, LOWER DIGIT "_") || !strchr(LOWER, f[1][0]))
		return "bad instrument or group";
	if (item ? !token_ok(f[2], 9, DIGIT) :
	           strlen(f[2]) != INFO_HASH_CHARS || !token_ok(f[2], INFO_HASH_CHARS, DIGIT "abcdef"))
		return item ? "bad version" : "bad text hash";
	if (!token_ok(f[3], 35, LOWER UPPER DIGIT "-"))
		return "bad language tag";
	if (strcmp(f[4], "plain") != 0 && strcmp(f[4], "easy") != 0)
		return "the variant must be plain or easy";
	if (item ? !token_ok(f[5], 32, LOWER DIGIT "_") : !part_ok(f[5]))
		return item ? "bad item id" : "bad part of the information page";
	if (!path_ok(f[6], ".opus"))
		return "bad .opus file path";
	if (!path_ok(f[7], ".mp3"))
		return "bad .mp3 file path";
	return NULL;
}

static char *
dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

/* Parse the whole manifest text (NUL-terminated, edited in place). */
static uf_err
parse(char *text, char *msg, size_t msglen)
{
	char *line, *next, *f[MANIFEST_FIELDS];
	size_t lineno = 0, cap = 0;
	const char *problem;
	uf_err e = UF_OK;

	for (line = text; line && *line; line = next) {
		next = strchr(line, '\n');
		if (!next) {
			snprintf(msg, msglen, "line %zu: no newline at the end", lineno + 1);
			return UF_EFORMAT;
		}
		*next++ = '\0';
		lineno++;
		if (lineno == 1) {
			if (strcmp(line, MANIFEST_HEAD) != 0) {
				snprintf(msg, msglen, "line 1: not an " MANIFEST_HEAD " manifest "
				                      "(run uppfolj-admin audio-build again)");
				return UF_EFORMAT;
			}
			continue;
		}
		size_t k = 0;
		char *p = line;
		f[k++] = p;
		while ((p = strchr(p, '\t')) != NULL) {
			*p++ = '\0';
			if (k == MANIFEST_FIELDS) {
				k++; /* too many fields */
				break;
			}
			f[k++] = p;
		}
		if (k != MANIFEST_FIELDS) {
			snprintf(msg, msglen, "line %zu: needs %d tab-separated fields", lineno,
			    MANIFEST_FIELDS);
			return UF_EFORMAT;
		}
		if ((problem = line_problem(f))) {
			snprintf(msg, msglen, "line %zu: %s", lineno, problem);
			return UF_EFORMAT;
		}
		if (nentries == MANIFEST_MAX_ENTRIES) {
			snprintf(msg, msglen, "more than %d files", MANIFEST_MAX_ENTRIES);
			return UF_ELIMIT;
		}
		if (nentries == cap) {
			size_t ncap = cap ? 2 * cap : 256;
			struct entry *n = realloc(entries, ncap * sizeof *n);
			if (!n)
				return UF_ENOMEM;
			entries = n;
			cap = ncap;
		}
		char key[KEY_MAX];
		int kl = snprintf(key, sizeof key, "%s\t%s\t%s\t%s\t%s\t%s", f[0], f[1], f[2],
		    f[3], f[4], f[5]);
		if (kl < 0 || (size_t)kl >= sizeof key)
			return UF_ELIMIT;
		entries[nentries].key = dup_str(key);
		entries[nentries].opus = dup_str(f[6]);
		entries[nentries].mp3 = dup_str(f[7]);
		nentries++;
		if (!entries[nentries - 1].key || !entries[nentries - 1].opus ||
		    !entries[nentries - 1].mp3)
			return UF_ENOMEM;
	}
	if (lineno == 0) {
		snprintf(msg, msglen, "empty file");
		return UF_EFORMAT;
	}
	qsort(entries, nentries, sizeof *entries, entry_cmp);
	for (size_t i = 1; i < nentries; i++)
		if (strcmp(entries[i - 1].key, entries[i].key) == 0) {
			snprintf(msg, msglen, "a file is listed twice");
			return UF_EFORMAT;
		}
	return e;
}

uf_err
audio_manifest_load(const char *path, char *msg, size_t msglen)
{
	FILE *fp = NULL;
	char *text = NULL;
	size_t n;
	uf_err e = UF_OK;

	audio_manifest_free();
	msg[0] = '\0';
	if (!(fp = fopen(path, "rb"))) {
		snprintf(msg, msglen, "cannot open %s", path);
		return UF_EIO;
	}
	if (!(text = malloc(MANIFEST_MAX_BYTES + 1))) {
		e = UF_ENOMEM;
		goto out;
	}
	n = fread(text, 1, MANIFEST_MAX_BYTES + 1, fp);
	if (ferror(fp)) {
		snprintf(msg, msglen, "cannot read %s", path);
		e = UF_EIO;
		goto out;
	}
	if (n > MANIFEST_MAX_BYTES) {
		snprintf(msg, msglen, "%s: larger than %u bytes", path, MANIFEST_MAX_BYTES);
		e = UF_ELIMIT;
		goto out;
	}
	text[n] = '\0';
	if (strlen(text) != n) {
		snprintf(msg, msglen, "%s: a NUL byte in the file", path);
		e = UF_EFORMAT;
		goto out;
	}
	e = parse(text, msg, msglen);
out:
	if (e != UF_OK)
		audio_manifest_free();
	free(text);
	if (fp)
		fclose(fp);
	return e;
}

void
audio_manifest_free(void)
{
	for (size_t i = 0; i < nentries; i++) {
		free(entries[i].key);
		free(entries[i].opus);
		free(entries[i].mp3);
	}
	free(entries);
	entries = NULL;
	nentries = 0;
}

size_t
audio_manifest_count(void)
{
	return nentries;
}

static const struct entry *
lookup(const char *kind, const char *owner, const char *version,
    const char *lang, const char *variant, const char *id)
{
	char key[KEY_MAX];
	struct entry probe = { .key = key }, *hit;
	int k = snprintf(key, sizeof key, "%s\t%s\t%s\t%s\t%s\t%s", kind, owner, version,
	    lang, variant, id);

	if (k < 0 || (size_t)k >= sizeof key || !nentries)
		return NULL;
	hit = bsearch(&probe, entries, nentries, sizeof *entries, entry_cmp);
	return hit;
}

/* The easy-to-read file when asked for and present, else the plain one. */
static const struct entry *
lookup_variant(const char *kind, const char *owner,
    const char *version, const char *lang, bool easy, const char *id)
{
	const struct entry *p = easy ? lookup(kind, owner, version, lang, "easy", id) : NULL;
	return p ? p : lookup(kind, owner, version, lang, "plain", id);
}

/* The player: a visible label naming it, then the browser's own controls.
 * preload="none": nothing is fetched until the respondent presses play,
 * so pages cost no more to load. Ogg Opus first (smaller), MP3 for the
 * browsers that play no Opus (Safari on older iPads): each picks the
 * first source whose type it can play. */
static void
player(struct hw *w, const char *label_id, const struct entry *en)
{
	hw_raw(w, "<div class=\"listen\"><span class=\"listen-label\" id=\"");
	hw_text(w, label_id);
	hw_raw(w, "\">");
	hw_ui(w, w->lang, "audio.listen");
	hw_raw(w, "</span> <audio controls preload=\"none\" aria-labelledby=\"");
	hw_text(w, label_id);
	hw_raw(w, "\"><source src=\"" AUDIO_URL_PREFIX);
	hw_text(w, en->opus);
	hw_raw(w, "\" type=\"audio/ogg; codecs=opus\"><source src=\"" AUDIO_URL_PREFIX);
	hw_text(w, en->mp3);
	hw_raw(w, "\" type=\"audio/mpeg\"></audio></div>\n");
}

void
audio_item(struct hw *w, const struct form *f, size_t item, const char *lang,
    bool easy)
{
	const struct form_item *it = &f->items[item];
	char version[16], id[48], tag[FORM_LANG_MAX + 1];
	const struct entry *path;
	char *dash;

	if (!nentries || snprintf(version, sizeof version, "%d", f->version) < 0)
		return;
	/* The language the page shows the question in (form.h's fallbacks):
	 * a tag's shorter forms ("en-GB" -> "en"), Swedish when the
	 * instrument has no translation in it. */
	if (!lang || !*lang || !form_has_lang(f, lang) ||
	    snprintf(tag, sizeof tag, "%s", lang) >= (int)sizeof tag)
		lang = FORM_SOURCE_LANG;
	else
		lang = tag;
	while (!(path = lookup_variant("item", f->id, version, lang, easy, it->id))) {
		if (lang != tag || !(dash = strrchr(tag, '-')))
			return;
		*dash = '\0';
	}
	(void)snprintf(id, sizeof id, "listen-%s", it->id);
	player(w, id, path);
}

void
audio_info(struct hw *w, enum respondent_group grp, const struct lang *l, bool easy,
    enum info_part part, const struct info_text *t, const struct info_vars *v)
{
	char hash[INFO_HASH_CHARS + 1], id[32];
	const struct entry *en;
	struct buf text;
	uf_err e;

	if (!nentries)
		return;
	/* The hash of exactly what this page shows: a file made for other
	 * values (another contact text, another wave's number of questions)
	 * or an older text is not found, so no player says something else. */
	buf_init(&text, INFO_SPOKEN_MAX_BYTES);
	e = info_spoken(&text, l, t, part, v);
	if (e == UF_OK)
		info_text_hash(buf_str(&text), text.len, hash);
	buf_free(&text);
	if (e != UF_OK) {
		if (e == UF_ENOMEM && w->err == UF_OK)
			w->err = e;
		return;
	}
	if (!(en = lookup("info", group_id(grp), hash, lang_tag(l), easy ? "easy" : "plain",
	          info_part_name(part))))
		return;
	(void)snprintf(id, sizeof id, "listen-info-%s", info_part_name(part));
	player(w, id, en);
}
