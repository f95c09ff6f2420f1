/* SPDX-License-Identifier: ISC
 * Making one sound for audio-build: the text into a temporary file,
 * espeak-ng into a .wav, opusenc into an .opus and lame into an .mp3
 * (admin/audio_tool.c runs them), the folders, and the hash that names each
 * file. Which files to make and the manifest are admin/cmd_audio.c's.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "audio.h"
#include "audio_build.h"

/* Each encoder's settings; part of its files' hash. MP3: mono at 32
 * kbit/s keeps espeak-ng's 22.05 kHz (MPEG-2 layer III, which every MP3
 * player plays); speech needs no more. */
static char *const opus_settings[] = { "--quiet", "--speech", "--bitrate", "16", NULL };
static char *const mp3_settings[] = { "--quiet", "-m", "m", "-b", "32", NULL };
static char *const *const codec_settings[CODEC__MAX] = {
	[CODEC_OPUS] = opus_settings,
	[CODEC_MP3] = mp3_settings,
};
static const char *const codec_ext[CODEC__MAX] = {
	[CODEC_OPUS] = ".opus",
	[CODEC_MP3] = ".mp3",
};

const char *
audio_codec_ext(enum codec c)
{
	return codec_ext[c];
}

uf_err
audio_tmp_paths(struct build *b)
{
	long pid = (long)getpid();
	int k1 = snprintf(b->tmp_txt, sizeof b->tmp_txt, "%s/.audio-%ld.txt", b->out, pid);
	int k2 = snprintf(b->tmp_wav, sizeof b->tmp_wav, "%s/.audio-%ld.wav", b->out, pid);
	if (k1 < 0 || k2 < 0 || (size_t)k1 >= sizeof b->tmp_txt || (size_t)k2 >= sizeof b->tmp_wav)
		return UF_ELIMIT;
	for (int c = 0; c < CODEC__MAX; c++) {
		int k = snprintf(b->tmp_enc[c], sizeof b->tmp_enc[c], "%s/.audio-%ld%s", b->out,
		    pid, codec_ext[c]);
		if (k < 0 || (size_t)k >= sizeof b->tmp_enc[c])
			return UF_ELIMIT;
	}
	return UF_OK;
}

void
audio_tmp_remove(const struct build *b)
{
	(void)unlink(b->tmp_txt);
	(void)unlink(b->tmp_wav);
	for (int c = 0; c < CODEC__MAX; c++)
		(void)unlink(b->tmp_enc[c]);
}

/* Write s to path (created 0600, truncated). */
uf_err
audio_write_file(const char *path, const char *s, size_t n)
{
	FILE *fp = fopen(path, "wb");
	uf_err e = UF_OK;
	if (!fp)
		return UF_EIO;
	if (n && fwrite(s, 1, n, fp) != n)
		e = UF_EIO;
	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0)
		e = UF_EIO;
	if (fclose(fp) != 0)
		e = UF_EIO;
	return e;
}

/* The first line of a program's --version, into out. */
static uf_err
audio_tool_version(struct build *b, const char *prog, char *out, size_t n)
{
	char *argv[] = { (char *)prog, "--version", NULL };
	enum audio_run_end how;
	FILE *fp;
	uf_err e;

	out[0] = '\0';
	if ((e = audio_run(argv, NULL, b->tmp_txt, b->timeout_ms, &how)) != UF_OK)
		return e;
	if (how != AUDIO_RUN_OK) {
		fprintf(stderr, "uppfolj-admin " AUDIO_CMD ": %s --version %s\n", prog,
		    audio_run_end_text(how));
		return UF_EINVAL;
	}
	if (!(fp = fopen(b->tmp_txt, "r")))
		return UF_EIO;
	if (!fgets(out, (int)n, fp))
		out[0] = '\0';
	fclose(fp);
	out[strcspn(out, "\r\n")] = '\0';
	return out[0] ? UF_OK : UF_EINVAL;
}

/* Speak text with voice into the temporary .wav. UF_EINVAL after a
 * message naming what (what) failed. */
uf_err
audio_speak(struct build *b, const char *voice, const char *text, size_t len,
    const char *what)
{
	char *argv[] = { (char *)b->espeak, "-v", (char *)voice, "-w", b->tmp_wav,
		"--stdin", NULL };
	enum audio_run_end how;
	struct stat st;
	uf_err e;

	(void)unlink(b->tmp_wav);
	if ((e = audio_write_file(b->tmp_txt, text, len)) != UF_OK)
		return e;
	if ((e = audio_run(argv, b->tmp_txt, NULL, b->timeout_ms, &how)) != UF_OK)
		return e;
	if (how != AUDIO_RUN_OK || stat(b->tmp_wav, &st) != 0 || st.st_size <= 44) {
		fprintf(stderr, "uppfolj-admin " AUDIO_CMD ": %s: %s (voice %s) %s\n", what,
		    b->espeak, voice, how != AUDIO_RUN_OK ? audio_run_end_text(how) : "wrote no sound");
		return UF_EINVAL;
	}
	return UF_OK;
}

/* Encode the temporary .wav into codec c's temporary file (both
 * encoders take: settings, input, output). */
uf_err
audio_encode(struct build *b, enum codec c, const char *what)
{
	char *argv[12];
	enum audio_run_end how;
	struct stat st;
	size_t k = 0;
	uf_err e;

	argv[k++] = (char *)b->encoder[c];
	for (size_t i = 0; codec_settings[c][i]; i++)
		argv[k++] = codec_settings[c][i];
	argv[k++] = b->tmp_wav;
	argv[k++] = b->tmp_enc[c];
	argv[k] = NULL;
	(void)unlink(b->tmp_enc[c]);
	if ((e = audio_run(argv, NULL, NULL, b->timeout_ms, &how)) != UF_OK)
		return e;
	if (how != AUDIO_RUN_OK || stat(b->tmp_enc[c], &st) != 0 || st.st_size == 0) {
		fprintf(stderr, "uppfolj-admin " AUDIO_CMD ": %s: %s %s\n", what, b->encoder[c],
		    how != AUDIO_RUN_OK ? audio_run_end_text(how) : "wrote nothing");
		return UF_EINVAL;
	}
	return UF_OK;
}

/* mkdir -p for the folders under b->out of rel (a relative file path). */
uf_err
audio_make_dirs(const struct build *b, const char *rel)
{
	char path[4096];
	size_t base = strlen(b->out) + 1;
	int k = snprintf(path, sizeof path, "%s/%s", b->out, rel);

	if (k < 0 || (size_t)k >= sizeof path)
		return UF_ELIMIT;
	for (char *p = path + base; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		/* 0755 whatever the umask: nginx's workers enter it. */
		if (mkdir(path, 0755) == 0 ? chmod(path, 0755) != 0 : errno != EEXIST) {
			fprintf(stderr, "uppfolj-admin " AUDIO_CMD ": cannot create %s: %s\n", path,
			    strerror(errno));
			return UF_EIO;
		}
		*p = '/';
	}
	return UF_OK;
}

/* The file name's hash: what made the sound, nothing else. */
void
audio_content_hash(const struct build *b, enum codec c, const char *voice,
    const char *text, size_t len, char out[HASH_CHARS + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)"uppfolj-audio 1", 16);
	crypto_hash_sha256_update(&st, (const unsigned char *)voice, strlen(voice) + 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)b->tools[c],
	    strlen(b->tools[c]) + 1);
	for (size_t i = 0; codec_settings[c][i]; i++)
		crypto_hash_sha256_update(&st, (const unsigned char *)codec_settings[c][i],
		    strlen(codec_settings[c][i]) + 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)text, len);
	crypto_hash_sha256_final(&st, h);
	(void)sodium_bin2hex(out, HASH_CHARS + 1, h, HASH_CHARS / 2);
}

uf_err
audio_tools_init(struct build *b)
{
	char ev[200], cv[200];
	uf_err e = UF_OK;
	int k;

	CK(audio_tool_version(b, b->espeak, ev, sizeof ev));
	for (int c = 0; c < CODEC__MAX; c++) {
		CK(audio_tool_version(b, b->encoder[c], cv, sizeof cv));
		k = snprintf(b->tools[c], sizeof b->tools[c], "%s\n%s", ev, cv);
		if (k < 0 || (size_t)k >= sizeof b->tools[c]) {
			e = UF_ELIMIT;
			goto out;
		}
	}
out:
	return e;
}
