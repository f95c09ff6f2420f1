/* SPDX-License-Identifier: ISC
 * The information page's texts for one session: placeholder values from
 * the instrument and wave, the filled text of the part a player speaks
 * (the same strings, in the same order, as collect/h_info.c shows), and
 * the hash naming that text in audio-build's manifest. Runs no program.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "buf.h"
#include "form.h"
#include "info_speech.h"
#include "lang.h"

static const char *const part_names[INFO_PART__MAX] = {
	[INFO_PART_SUMMARY] = "summary",
	[INFO_PART_FULL] = "full",
};

const char *
info_part_name(enum info_part p)
{
	return part_names[p];
}

/* One text as one line; a full stop after it unless it ends in
 * punctuation, so the voice pauses between the parts. */
static uf_err
line_end(struct buf *b, size_t start)
{
	const char *s = buf_str(b) + start;
	size_t n = b->len - start;
	uf_err e = UF_OK;

	if (n && !strchr(".?!:;", s[n - 1]) && !(n >= 3 && strcmp(s + n - 3, "…") == 0))
		e = buf_adds(b, ".");
	return e == UF_OK ? buf_adds(b, "\n") : e;
}

static uf_err
filled_line(struct buf *b, const char *text, const struct info_vars *v)
{
	size_t start = b->len;
	uf_err e = info_vars_fill_buf(b, text, v);
	return e == UF_OK ? line_end(b, start) : e;
}

/* "Ja: du börjar svara." as the page's list shows it (word, then what it does). */
static uf_err
choice_line(struct buf *b, const struct lang *l, const char *word, const char *explained)
{
	size_t start = b->len;
	uf_err e = buf_adds(b, ui_str(l, word));
	if (e == UF_OK)
		e = buf_adds(b, ui_str(l, explained));
	return e == UF_OK ? line_end(b, start) : e;
}

uf_err
info_spoken(struct buf *out, const struct lang *l, const struct info_text *t,
    enum info_part part, const struct info_vars *v)
{
	uf_err e = UF_OK;

	buf_reset(out);
	switch (part) {
	case INFO_PART_SUMMARY:
		CK(filled_line(out, t->heading, v));
		CK(filled_line(out, t->lead, v));
		CK(filled_line(out, t->voluntary, v));
		CK(choice_line(out, l, "info.yes_word", "info.yes_explained"));
		CK(choice_line(out, l, "info.no_word", "info.no_explained"));
		CK(choice_line(out, l, "info.cancel_word", "info.cancel_explained"));
		break;
	case INFO_PART_FULL:
		for (size_t k = 0; k < t->nsections; k++) {
			CK(filled_line(out, t->sections[k].heading, v));
			for (size_t j = 0; j < t->sections[k].nparas; j++)
				CK(filled_line(out, t->sections[k].paras[j], v));
		}
		break;
	case INFO_PART__MAX:
		abort();
	}
out:
	return e;
}

void
info_text_hash(const char *text, size_t len, char out[INFO_HASH_CHARS + 1])
{
	static const char prefix[] = "uppfolj-info-text 1";
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)prefix, sizeof prefix);
	crypto_hash_sha256_update(&st, (const unsigned char *)text, len);
	crypto_hash_sha256_final(&st, h);
	(void)sodium_bin2hex(out, INFO_HASH_CHARS + 1, h, INFO_HASH_CHARS / 2);
}
