/* SPDX-License-Identifier: ISC
 * uppfolj-admin audio-build: speak every item of the given instruments in
 * each language and variant (espeak-ng) and encode it twice (opusenc, Ogg
 * Opus; lame, MP3) into OUT/<instrument>/<version>/<lang>/<variant>/
 * <item>.<hash>.{opus,mp3}; likewise the information page's texts as each
 * wave fills them in (OUT/info/<group>/<lang>/<variant>/<part>.<hash>),
 * then write OUT/manifest.tsv, which uppfolj-collect reads to link the files.
 * A file's name carries a hash of what made it (text, voice, tools), so an
 * unchanged file is never made again and nginx may cache it for ever.
 * Nothing half written: each file and the manifest appear by rename.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audio.h"
#include "audio_build.h"
#include "buf.h"
#include "cmd.h"
#include "form.h"
#include "info_speech.h"
#include "lang.h"
#include "num.h"
#include "opts.h"
#include "utf8.h"

#define CMD AUDIO_CMD

enum variant { VARIANT_PLAIN,
	VARIANT_EASY,
	VARIANT__MAX };
static const char *const variant_names[VARIANT__MAX] = {
	[VARIANT_PLAIN] = "plain",
	[VARIANT_EASY] = "easy",
};

/* espeak-ng voice names: letters, digits, '-', '_', '+' (variants). */
static bool
voice_name_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > VOICE_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		        (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_' || s[i] == '+'))
			return false;
	return true;
}

/* The voice entry of lang, added when missing (the voice is the tag's
 * first part: sv, en, ar). NULL when the table is full. */
static struct voice *
voice_for(struct build *b, const char *lang)
{
	struct voice *v;
	size_t n;

	for (size_t i = 0; i < b->nvoices; i++)
		if (strcmp(b->voices[i].lang, lang) == 0)
			return &b->voices[i];
	if (b->nvoices == MAX_VOICES)
		return NULL;
	v = &b->voices[b->nvoices++];
	memset(v, 0, sizeof *v);
	snprintf(v->lang, sizeof v->lang, "%s", lang);
	n = strcspn(lang, "-");
	snprintf(v->name, sizeof v->name, "%.*s", (int)n, lang);
	return v;
}

/* Whether espeak-ng has the voice: it refuses an unknown one. Checked
 * once per language, before any file is made. */
static uf_err
voice_check(struct build *b, struct voice *v)
{
	char what[128];
	uf_err e;

	if (v->checked)
		return UF_OK;
	v->checked = true;
	snprintf(what, sizeof what, "voice check for %s", v->lang);
	e = audio_speak(b, v->name, "a.\n", 3, what);
	if (e == UF_EINVAL)
		e = UF_OK; /* the message is printed; works stays false */
	else if (e == UF_OK)
		v->works = true;
	return e;
}

/* One sound in both encodings: made unless files of the same hashes
 * exist; its manifest line is added either way. key is the manifest's
 * first columns, dir the files' folder and stem their name before the hash. */
static uf_err
one_file(struct build *b, const struct voice *v, const char *key,
    const char *dir, const char *stem, const char *what)
{
	char hash[HASH_CHARS + 1], rel[CODEC__MAX][1024], path[4096];
	const char *text = buf_str(&b->text);
	bool spoken = false;
	struct stat st;
	int k;
	uf_err e = UF_OK;

	for (int c = 0; c < CODEC__MAX; c++) {
		audio_content_hash(b, (enum codec)c, v->name, text, b->text.len, hash);
		k = snprintf(rel[c], sizeof rel[c], "%s/%s.%s%s", dir, stem, hash,
		    audio_codec_ext((enum codec)c));
		if (k < 0 || (size_t)k >= sizeof rel[c])
			return UF_ELIMIT;
		k = snprintf(path, sizeof path, "%s/%s", b->out, rel[c]);
		if (k < 0 || (size_t)k >= sizeof path)
			return UF_ELIMIT;
		if (stat(path, &st) != 0) {
			if (!spoken) {
				CK(audio_make_dirs(b, rel[c]));
				CK(audio_speak(b, v->name, text, b->text.len, what));
				spoken = true;
			}
			CK(audio_encode(b, (enum codec)c, what));
			/* Readable by nginx's workers whatever the umask. */
			if (chmod(b->tmp_enc[c], 0644) != 0 || rename(b->tmp_enc[c], path) != 0) {
				fprintf(stderr, "uppfolj-admin " AUDIO_CMD ": cannot write %s: %s\n",
				    path, strerror(errno));
				e = UF_EIO;
				goto out;
			}
			if (stat(path, &st) != 0) {
				e = UF_EIO;
				goto out;
			}
			b->made++;
		}
		b->files++;
		b->bytes[c] += (unsigned long long)st.st_size;
	}
	CK(buf_printf(&b->manifest, "%s\t%s\t%s\n", key, rel[CODEC_OPUS], rel[CODEC_MP3]));
out:
	return e;
}

/* Every item of f in lang and variant. */
static uf_err
build_items(struct build *b, const struct form *f, struct voice *v,
    enum variant var)
{
	char key[256], dir[256], what[256];
	const char *lang = v->lang;
	uf_err e = UF_OK;
	int k;

	k = snprintf(dir, sizeof dir, "%s/%d/%s/%s", f->id, f->version, lang,
	    variant_names[var]);
	if (k < 0 || (size_t)k >= sizeof dir)
		return UF_ELIMIT;
	for (size_t i = 0; i < f->nitems; i++) {
		const struct form_item *it = &f->items[i];

		snprintf(what, sizeof what, "%s %d %s %s item %s", f->id, f->version, lang,
		    variant_names[var], it->id);
		e = audio_item_text(f, i, lang, var == VARIANT_EASY, &b->text);
		if (e == UF_OK && var == VARIANT_EASY) {
			/* No easy text for this item: the page plays the plain file. */
			e = audio_item_text(f, i, lang, false, &b->plain);
			if (e == UF_OK && b->plain.len == b->text.len &&
			    memcmp(buf_str(&b->plain), buf_str(&b->text), b->text.len) == 0)
				continue;
		}
		if (e == UF_ELIMIT) {
			fprintf(stderr, "uppfolj-admin " AUDIO_CMD ": %s: the text to read aloud "
			                "(question, help and choices) is longer than %d characters; "
			                "shorten it\n",
			    what, AUDIO_TEXT_MAX_CHARS);
			e = UF_EINVAL;
		}
		if (e != UF_OK)
			break;
		k = snprintf(key, sizeof key, "item\t%s\t%d\t%s\t%s\t%s", f->id, f->version,
		    lang, variant_names[var], it->id);
		if (k < 0 || (size_t)k >= sizeof key)
			return UF_ELIMIT;
		if ((e = one_file(b, v, key, dir, it->id, what)) != UF_OK)
			break;
	}
	return e;
}

/* The languages of f to speak: those of --lang it has, else all of its
 * own (Swedish and each attached translation). */
static size_t
form_langs(const struct build *b, const struct form *f,
    const char *out[MAX_LANGS])
{
	size_t n = 0;

	if (b->nlangs) {
		for (size_t i = 0; i < b->nlangs; i++)
			if (form_has_lang(f, b->langs[i]))
				out[n++] = b->langs[i];
		return n;
	}
	for (size_t i = 0; i < form_lang_count(f) && n < MAX_LANGS; i++)
		out[n++] = form_lang_at(f, i);
	return n;
}

static uf_err
build_form(struct build *b, const struct form *f)
{
	const char *langs[MAX_LANGS];
	size_t n = form_langs(b, f, langs);
	uf_err e = UF_OK;

	for (size_t i = 0; i < n; i++) {
		struct voice *v = voice_for(b, langs[i]);
		if (!v)
			return UF_ELIMIT;
		CK(voice_check(b, v));
		if (!v->works) {
			if (v->explicit) {
				fprintf(stderr, "uppfolj-admin " AUDIO_CMD ": espeak-ng has no voice "
				                "\"%s\" for %s\n",
				    v->name, v->lang);
				e = UF_EINVAL;
				goto out;
			}
			fprintf(stderr, "uppfolj-admin " AUDIO_CMD ": warning: espeak-ng has no "
			                "voice \"%s\": no audio in %s (name one with --voice %s=VOICE)\n",
			    v->name, v->lang, v->lang);
			continue;
		}
		CK(build_items(b, f, v, VARIANT_PLAIN));
		if (form_has_easy(f, v->lang))
			CK(build_items(b, f, v, VARIANT_EASY));
	}
out:
	return e;
}

/* Whether the manifest has a line starting with key already: two waves
 * (or two versions of a group's instrument) may fill a text in alike. */
static bool
manifest_has(const struct build *b, const char *key)
{
	size_t n = strlen(key);
	const char *m = buf_str(&b->manifest);

	for (const char *p = m; (p = strstr(p, key)) != NULL; p++)
		if ((p == m || p[-1] == '\n') && p[n] == '\t')
			return true;
	return false;
}

/* One part of one information text as a wave fills it in: the file is
 * keyed by the hash of the exact text (lib/info_speech.h), which the page
 * computes from what it shows. */
static uf_err
build_info_part(struct build *b, const struct voice *v, enum respondent_group grp,
    const struct lang *l, const struct info_text *t, enum variant var,
    enum info_part part, const struct info_vars *iv)
{
	char hash[INFO_HASH_CHARS + 1], key[256], dir[256], what[256];
	const char *part_name = info_part_name(part);
	uf_err e = UF_OK;
	int k;

	CK(info_spoken(&b->text, l, t, part, iv));
	snprintf(what, sizeof what, "information %s %s %s %s (%s months)", group_id(grp),
	    lang_tag(l), variant_names[var], part_name, iv->months);
	if (utf8_chars(buf_str(&b->text), b->text.len) > AUDIO_TEXT_MAX_CHARS) {
		fprintf(stderr, "uppfolj-admin " AUDIO_CMD ": %s: the text to read aloud is "
		                "longer than %d characters; shorten it\n",
		    what, AUDIO_TEXT_MAX_CHARS);
		e = UF_EINVAL;
		goto out;
	}
	info_text_hash(buf_str(&b->text), b->text.len, hash);
	k = snprintf(key, sizeof key, "info\t%s\t%s\t%s\t%s\t%s", group_id(grp), hash,
	    lang_tag(l), variant_names[var], part_name);
	if (k < 0 || (size_t)k >= sizeof key)
		return UF_ELIMIT;
	if (manifest_has(b, key))
		goto out;
	k = snprintf(dir, sizeof dir, "info/%s/%s/%s", group_id(grp), lang_tag(l),
	    variant_names[var]);
	if (k < 0 || (size_t)k >= sizeof dir)
		return UF_ELIMIT;
	e = one_file(b, v, key, dir, part_name, what);
out:
	return e;
}

/* Whether lang is to be spoken: named by --lang, or none was named. */
static bool
lang_wanted(const struct build *b, const char *lang)
{
	for (size_t i = 0; i < b->nlangs; i++)
		if (strcmp(b->langs[i], lang) == 0)
			return true;
	return b->nlangs == 0;
}

/* The information page of f's group in every language with its own
 * information file (a language showing Swedish's gets no file: its page
 * would mix two languages), each variant and part, filled in for each
 * wave (--months, else the instrument's waves) and --contact. */
static uf_err
build_info(struct build *b, const struct form *f)
{
	const char *group = group_id(f->group);
	const struct lang_info *ref = lang_count() ? lang_info(lang_ref(), group) : NULL;
	const int *months = b->nmonths ? b->months : f->waves;
	size_t nmonths = b->nmonths ? b->nmonths : f->nwaves;
	uf_err e = UF_OK;

	for (size_t i = 0; ref && i < lang_count(); i++) {
		const struct lang *l = lang_at(i);
		const struct lang_info *li = lang_info(l, group);
		struct voice *v;

		if (!li || (l != lang_ref() && li == ref) || !lang_wanted(b, lang_tag(l)))
			continue;
		if (!(v = voice_for(b, lang_tag(l))))
			return UF_ELIMIT;
		CK(voice_check(b, v));
		if (!v->works) {
			if (!v->explicit)
				fprintf(stderr, "uppfolj-admin " AUDIO_CMD ": warning: espeak-ng has no "
				                "voice \"%s\": no information audio in %s\n",
				    v->name, v->lang);
			continue;
		}
		for (size_t m = 0; m < nmonths; m++) {
			struct info_vars iv;

			info_vars_set(&iv, f, months[m], info_contact(l, b->contact));
			for (int var = 0; var < VARIANT__MAX; var++) {
				const struct info_text *t = var == VARIANT_EASY ? &li->easy : &li->plain;
				if (var == VARIANT_EASY && !li->has_easy)
					continue;
				for (int p = 0; p < INFO_PART__MAX; p++)
					CK(build_info_part(b, v, f->group, l, t, (enum variant)var,
					    (enum info_part)p, &iv));
			}
		}
	}
out:
	return e;
}

/* OUT/manifest.tsv by rename: readers see the old or the new one. */
static uf_err
write_manifest(const struct build *b)
{
	char path[4096], tmp[4096];
	int k1 = snprintf(path, sizeof path, "%s/" MANIFEST_NAME, b->out);
	int k2 = snprintf(tmp, sizeof tmp, "%s/.manifest-%ld.tsv", b->out, (long)getpid());
	uf_err e;

	if (k1 < 0 || k2 < 0 || (size_t)k1 >= sizeof path || (size_t)k2 >= sizeof tmp)
		return UF_ELIMIT;
	e = audio_write_file(tmp, buf_str(&b->manifest), b->manifest.len);
	if (e == UF_OK && (chmod(tmp, 0644) != 0 || rename(tmp, path) != 0))
		e = UF_EIO;
	if (e != UF_OK) {
		fprintf(stderr, "uppfolj-admin " AUDIO_CMD ": cannot write %s\n", path);
		(void)unlink(tmp);
	}
	return e;
}

static void
print_form_error(struct form_error *err, const char *path)
{
	char line[512];

	if (!err->where[0])
		snprintf(err->where, sizeof err->where, "%s", path);
	form_error_format(err, line, sizeof line);
	fprintf(stderr, "%s\n", line);
}

/* The instrument files of paths[0..n) into forms (*nforms of them), then
 * each translation file attached to the instrument version it names,
 * which must be among them. UF_EFORMAT after a message. */
static uf_err
load_files(int n, char **paths, struct form **forms, int *nforms)
{
	struct form_translation_head h;
	struct form_error err;
	const char *at = NULL;
	char *data = NULL;
	size_t len;
	uf_err e = UF_OK;

	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < n; i++) {
			at = paths[i];
			memset(&err, 0, sizeof err);
			free(data);
			data = NULL;
			if ((e = form_read_file(paths[i], &data, &len, &err)) != UF_OK)
				goto fail;
			if (form_is_translation(data, len) != (pass == 1))
				continue;
			if (pass == 0) {
				e = form_parse(data, len, paths[i], &forms[*nforms], &err);
				if (e != UF_OK)
					goto fail;
				(*nforms)++;
				continue;
			}
			if ((e = form_translation_peek(data, len, paths[i], &h, &err)) != UF_OK)
				goto fail;
			int k = 0;
			while (k < *nforms && (strcmp(forms[k]->id, h.instrument) != 0 || forms[k]->version != h.version))
				k++;
			if (k == *nforms) {
				fprintf(stderr, "uppfolj-admin " AUDIO_CMD ": %s: translation of %s "
				                "version %d, which is not among the instrument files\n",
				    paths[i], h.instrument, h.version);
				e = UF_EFORMAT;
				goto out;
			}
			if ((e = form_translation_add(forms[k], data, len, paths[i], &err)) != UF_OK)
				goto fail;
		}
	}
	goto out;
fail:
	print_form_error(&err, at);
out:
	free(data);
	return e;
}

/* --voice TAG=VOICE */
static bool
add_voice(struct build *b, const char *arg)
{
	char tag[FORM_LANG_MAX + 2];
	const char *eq = strchr(arg, '=');
	struct voice *v;

	if (!eq || (size_t)(eq - arg) > FORM_LANG_MAX)
		return false;
	snprintf(tag, sizeof tag, "%.*s", (int)(eq - arg), arg);
	if (!form_lang_tag_valid(tag) || !voice_name_ok(eq + 1) || !(v = voice_for(b, tag)))
		return false;
	snprintf(v->name, sizeof v->name, "%s", eq + 1);
	v->explicit = true;
	return true;
}

int
cmd_audio_build(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "lang", required_argument, NULL, 'l' },
		{ "voice", required_argument, NULL, 'v' },
		{ "timeout", required_argument, NULL, 't' },
		{ "espeak", required_argument, NULL, 'E' },
		{ "opusenc", required_argument, NULL, 'O' },
		{ "lame", required_argument, NULL, 'M' },
		{ "contact", required_argument, NULL, 'c' },
		{ "months", required_argument, NULL, 'm' },
		{ "lang-dir", required_argument, NULL, 'L' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	struct build b = { .espeak = "espeak-ng",
		.encoder = { [CODEC_OPUS] = "opusenc", [CODEC_MP3] = "lame" },
		/* Per program run: a hung program is stopped, but the whole
		 * information text (three minutes of speech) must still be
		 * encoded on a machine busy with other work. */
		.timeout_ms = 180000 };
	struct form **forms = NULL;
	struct timespec t0, t1;
	const char *lang_dir = NULL;
	char msg[512];
	int c, rc = 1, nforms = 0;
	long secs;
	uf_err e;

	buf_init(&b.text, AUDIO_TEXT_MAX_BYTES);
	buf_init(&b.plain, AUDIO_TEXT_MAX_BYTES);
	buf_init(&b.manifest, MANIFEST_MAX);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': b.out = optarg; break;
		case 'l':
			if (!form_lang_tag_valid(optarg) || b.nlangs == MAX_LANGS) {
				rc = opts_usage(CMD, "--lang needs a language tag such as sv, en "
				                     "or ar (at most %d)",
				    MAX_LANGS);
				goto out;
			}
			b.langs[b.nlangs++] = optarg;
			break;
		case 'v':
			if (!add_voice(&b, optarg)) {
				rc = opts_usage(CMD, "--voice needs TAG=VOICE, e.g. en=en-gb");
				goto out;
			}
			break;
		case 't':
			if (!num_long(optarg, 1, 600, &secs)) {
				rc = opts_usage(CMD, "--timeout needs seconds from 1 to 600");
				goto out;
			}
			b.timeout_ms = secs * 1000;
			break;
		case 'E': b.espeak = optarg; break;
		case 'O': b.encoder[CODEC_OPUS] = optarg; break;
		case 'M': b.encoder[CODEC_MP3] = optarg; break;
		case 'c':
			if (!*optarg || utf8_chars(optarg, strlen(optarg)) > 500 ||
			    !utf8_text_ok(optarg, strlen(optarg))) {
				rc = opts_usage(CMD, "--contact needs the study's contact text "
				                     "(collect.conf's contact), 1 to 500 characters");
				goto out;
			}
			b.contact = optarg;
			break;
		case 'm':
			if (!num_long(optarg, 1, 120, &secs) || b.nmonths == MAX_MONTHS) {
				rc = opts_usage(CMD, "--months needs a wave's months from 1 to 120 "
				                     "(at most %d)",
				    MAX_MONTHS);
				goto out;
			}
			b.months[b.nmonths++] = (int)secs;
			break;
		case 'L': lang_dir = optarg; break;
		case 'q': b.quiet = true; break;
		default:
			rc = opts_bad_option(CMD, c, argv);
			goto out;
		}
	}
	if (!b.out || optind >= argc) {
		rc = opts_usage(CMD, "needs --out DIR and at least one instrument file");
		goto out;
	}
	for (size_t i = 0; i < b.nlangs; i++) {
		struct voice *v = voice_for(&b, b.langs[i]);
		if (!v) {
			rc = opts_usage(CMD, "too many languages");
			goto out;
		}
		v->explicit = true;
	}
	(void)clock_gettime(CLOCK_MONOTONIC, &t0);
	if (mkdir(b.out, 0755) == 0 ? chmod(b.out, 0755) != 0 : errno != EEXIST) {
		rc = opts_fail(CMD, "cannot create %s: %s", b.out, strerror(errno));
		goto out;
	}
	if (audio_tmp_paths(&b) != UF_OK) {
		rc = opts_fail(CMD, "the folder name is too long");
		goto out;
	}
	/* Every file is read and checked before anything is spoken. */
	if (!(forms = calloc((size_t)(argc - optind), sizeof *forms)) ||
	    load_files(argc - optind, argv + optind, forms, &nforms) != UF_OK)
		goto out;
	/* The fixed answer labels in each language (forms/ui/). */
	if (!lang_dir)
		lang_dir = opts_data_dir("UPPFOLJ_LANG_DIR", UF_DATADIR "/forms", "forms");
	if (lang_table_load(lang_dir, msg, sizeof msg) != UF_OK)
		fprintf(stderr, "uppfolj-admin " CMD ": warning: no UI strings in %s (%s): "
		                "the fixed answer labels are spoken in Swedish only\n",
		    lang_dir, msg);
	if ((e = audio_tools_init(&b)) != UF_OK) {
		if (e != UF_EINVAL)
			fprintf(stderr, "uppfolj-admin " AUDIO_CMD ": cannot run %s, %s and %s: %s\n",
			    b.espeak, b.encoder[CODEC_OPUS], b.encoder[CODEC_MP3], uf_err_name(e));
		goto out;
	}
	/* The voices named on the command line (--lang, --voice) must work,
	 * whichever instruments have those languages: checked before any
	 * file is made. */
	for (size_t i = 0; i < b.nvoices; i++) {
		struct voice *v = &b.voices[i];
		if (!v->explicit)
			continue;
		if ((e = voice_check(&b, v)) != UF_OK)
			goto out;
		if (!v->works) {
			fprintf(stderr, "uppfolj-admin " AUDIO_CMD ": espeak-ng has no voice "
			                "\"%s\" for %s\n",
			    v->name, v->lang);
			goto out;
		}
	}
	if ((e = buf_adds(&b.manifest, "uppfolj-audio 2\n")) != UF_OK)
		goto out;
	for (int i = 0; i < nforms; i++) {
		if ((e = build_form(&b, forms[i])) != UF_OK ||
		    (e = build_info(&b, forms[i])) != UF_OK) {
			if (e != UF_EINVAL)
				fprintf(stderr, "uppfolj-admin " AUDIO_CMD ": %s: %s\n", forms[i]->id,
				    uf_err_name(e));
			goto out;
		}
	}
	if (write_manifest(&b) != UF_OK)
		goto out;
	(void)clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!b.quiet)
		printf("audio-build: %zu files (%zu new), %llu bytes Opus, %llu bytes MP3, "
		       "%.1f s, in %s\n",
		    b.files, b.made, b.bytes[CODEC_OPUS], b.bytes[CODEC_MP3],
		    (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
		    b.out);
	rc = 0;
out:
	if (b.out && b.tmp_txt[0])
		audio_tmp_remove(&b);
	for (int i = 0; i < nforms; i++)
		form_free(forms[i]);
	free(forms);
	buf_free(&b.manifest);
	/* The UI strings stay loaded until exit: lang_table_free loses the
	 * information texts' lists (lib/lang.c), which LeakSanitizer reports. */
	buf_free(&b.plain);
	buf_free(&b.text);
	return rc;
}
