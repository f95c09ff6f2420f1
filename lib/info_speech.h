/* SPDX-License-Identifier: ISC
 * The information page's texts as one session sees them: the values its
 * placeholders take ({questions} {minutes} {wave} {months} {contact}), the
 * filled text of each part a player reads aloud, and the hash that names
 * that exact text. uppfolj-admin audio-build and the page (collect/h_info.c)
 * both build the text here, so a file is found only for what is shown.
 */
#ifndef UF_INFO_SPEECH_H
#define UF_INFO_SPEECH_H
#include <stddef.h>

#include "err.h"
#include "info_vars.h"

struct buf;
struct form;
struct info_text;
struct lang;

/* The parts of the page with a player: the short version (heading, lead,
 * voluntary and what Ja, Nej and Avbryt do) and the whole information
 * (the sections in the <details>). */
enum info_part {
	INFO_PART_SUMMARY,
	INFO_PART_FULL,
	INFO_PART__MAX
};
const char *info_part_name(enum info_part p); /* "summary", "full" */

/* Room for a spoken text: every text of a part at its limit would not
 * fit, but the read-aloud limit (about 4000 characters) is far below. */
#define INFO_SPOKEN_MAX_BYTES (64u * 1024)

/* What part of t says, filled from v and with l's words for the choices,
 * one sentence a line, into out (reset first). UF_ELIMIT when it does not
 * fit out. */
uf_err info_spoken(struct buf *out, const struct lang *l, const struct info_text *t,
    enum info_part part, const struct info_vars *v);

/* The hex characters of the hash that names a spoken text. */
#define INFO_HASH_CHARS 16
/* The first INFO_HASH_CHARS hex characters of SHA-256 over a fixed prefix
 * and text[0..len). */
void info_text_hash(const char *text, size_t len, char out[INFO_HASH_CHARS + 1]);

#endif
