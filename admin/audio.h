/* SPDX-License-Identifier: ISC
 * Read-aloud audio for uppfolj-admin audio-build: what is spoken for an
 * item (audio_text.c) and running the speech and encoder programs with
 * fork/exec, a time limit and no shell (audio_tool.c). The command itself,
 * the folder layout and the manifest are admin/cmd_audio.c's.
 */
#ifndef UF_ADMIN_AUDIO_H
#define UF_ADMIN_AUDIO_H
#include <stdbool.h>
#include <stddef.h>

#include "err.h"

struct buf;
struct form;

/* The most characters one file may speak: about four minutes of speech,
 * more than anyone listens to for one question. Longer is refused. */
#define AUDIO_TEXT_MAX_CHARS 4000
/* The buffer a spoken text is built in (UTF-8: up to 4 bytes a character,
 * so an over-long text is still measured, not cut). */
#define AUDIO_TEXT_MAX_BYTES (4 * AUDIO_TEXT_MAX_CHARS + 4096)

/* The text spoken for item i (a grid's shared question first, then the
 * question, its help and its answer choices, each as a sentence) in lang
 * and variant (easy) into out (reset first). UF_ELIMIT when it is longer
 * than AUDIO_TEXT_MAX_CHARS characters (out then holds it, for the
 * message); UF_ENOMEM. */
uf_err audio_item_text(const struct form *f, size_t i, const char *lang, bool easy,
    struct buf *out);

/* How one run of a program ended. */
enum audio_run_end {
	AUDIO_RUN_OK,      /* exited with status 0 */
	AUDIO_RUN_FAILED,  /* exited non-zero or was killed by a signal */
	AUDIO_RUN_TIMEOUT, /* still running after the time limit: killed */
	AUDIO_RUN_NOEXEC,  /* could not be started (not found, not executable) */
	AUDIO_RUN__MAX
};

/* Run argv[0] (looked up in PATH when it has no '/') with argv, without a
 * shell: standard input from stdin_path (NULL: /dev/null), standard output
 * into stdout_path (NULL: /dev/null, else created 0600 and truncated),
 * standard error to /dev/null. Waits at most timeout_ms, then kills it
 * (SIGKILL) and reaps it. *how says how it ended. UF_OK when it was run
 * (whatever *how is); UF_EIO when the files could not be opened or fork
 * failed. */
uf_err audio_run(char *const argv[], const char *stdin_path, const char *stdout_path,
    long timeout_ms, enum audio_run_end *how);

/* Words for how a run ended, for messages: "exited with an error", ... */
const char *audio_run_end_text(enum audio_run_end how);

#endif
