/* SPDX-License-Identifier: ISC
 * Read-aloud audio on the respondent pages: the manifest audio-build wrote
 * (read once at start, never changed after, so workers read it without
 * locks) and the <audio controls> element of a question or of the
 * information page. The sound files themselves are nginx's (/audio/).
 */
#ifndef UF_COLLECT_AUDIO_H
#define UF_COLLECT_AUDIO_H
#include <stdbool.h>
#include <stddef.h>

#include "err.h"
#include "form.h"
#include "info_speech.h"

struct hw;
struct info_text;
struct lang;

/* Read the manifest at path (uppfolj-admin audio-build's manifest.tsv).
 * On UF_EFORMAT or UF_ELIMIT msg names the line and what is wrong; the
 * table is then empty. UF_EIO when it cannot be read. Call before the
 * workers start. */
uf_err audio_manifest_load(const char *path, char *msg, size_t msglen);
void audio_manifest_free(void);
/* Entries loaded (tests, the start-up log line). */
size_t audio_manifest_count(void);

/* The player for item `item` of f in lang (easy: the easy-to-read
 * variant, else plain when there is none), or nothing when no file exists. */
void audio_item(struct hw *w, const struct form *f, size_t item, const char *lang,
    bool easy);
/* The player for a part of the information page: text t (group grp,
 * language l, easy: t is the easy-to-read variant) filled with v, found by
 * the hash of what it says (lib/info_speech.h); nothing when no file was
 * made for exactly that text. */
void audio_info(struct hw *w, enum respondent_group grp, const struct lang *l, bool easy,
    enum info_part part, const struct info_text *t, const struct info_vars *v);

#endif
