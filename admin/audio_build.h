/* SPDX-License-Identifier: ISC
 * What the audio-build command (admin/cmd_audio.c) shares with the making
 * of one sound file (admin/audio_file.c): the run's settings, voices and
 * temporary files. Private to those two files.
 */
#ifndef UF_ADMIN_AUDIO_BUILD_H
#define UF_ADMIN_AUDIO_BUILD_H
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"
#include "form.h"

#define AUDIO_CMD     "audio-build"
#define MAX_LANGS     16
#define MAX_VOICES    16
#define MAX_MONTHS    16
#define VOICE_MAX     40
#define HASH_CHARS    16 /* of the SHA-256 in a file name */
#define MANIFEST_NAME "manifest.tsv"
#define MANIFEST_MAX  (8u << 20)

struct voice {
	char lang[FORM_LANG_MAX + 1];
	char name[VOICE_MAX + 1];
	bool explicit; /* named by --voice or asked for by --lang */
	bool checked, works;
};

/* The two encodings of every sound: Ogg Opus (small; most browsers) and
 * MP3 (Safari on older iPads plays no Opus). */
enum codec {
	CODEC_OPUS,
	CODEC_MP3,
	CODEC__MAX
};

struct build {
	const char *out; /* the audio folder */
	const char *espeak, *encoder[CODEC__MAX];
	long timeout_ms;
	bool quiet;
	const char *langs[MAX_LANGS]; /* --lang; none: each instrument's languages */
	size_t nlangs;
	struct voice voices[MAX_VOICES];
	size_t nvoices;
	/* The information texts' values: --contact (NULL: each language's
	 * default) and --months (none: each instrument's waves). */
	const char *contact;
	int months[MAX_MONTHS];
	size_t nmonths;
	char tools[CODEC__MAX][512]; /* the speech and the encoder's version lines */
	char tmp_txt[4096], tmp_wav[4096], tmp_enc[CODEC__MAX][4096];
	struct buf text, plain, manifest;
	size_t files, made;
	unsigned long long bytes[CODEC__MAX];
};

/* The temporary files' names in b->out (UF_ELIMIT: too long); remove them. */
uf_err audio_tmp_paths(struct build *b);
void audio_tmp_remove(const struct build *b);
/* Write s[0..n) to path (created 0600, truncated, synced). */
uf_err audio_write_file(const char *path, const char *s, size_t n);
/* The programs' --version lines into b->tools. UF_EINVAL after a message. */
uf_err audio_tools_init(struct build *b);
/* Speak text with voice into the temporary .wav; encode that into the
 * temporary file of codec c. UF_EINVAL after a message naming what failed. */
uf_err audio_speak(struct build *b, const char *voice, const char *text, size_t len,
    const char *what);
uf_err audio_encode(struct build *b, enum codec c, const char *what);
/* A codec's file name ending: ".opus", ".mp3". */
const char *audio_codec_ext(enum codec c);
/* mkdir -p (0755) for the folders under b->out of rel, a relative file path. */
uf_err audio_make_dirs(const struct build *b, const char *rel);
/* The file name's hash: text, voice, tools and the codec's settings. */
void audio_content_hash(const struct build *b, enum codec c, const char *voice,
    const char *text, size_t len, char out[HASH_CHARS + 1]);

#endif
