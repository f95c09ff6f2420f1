/* SPDX-License-Identifier: ISC
 * Right-to-left text for the PDF layer, through GNU FriBidi: one paragraph
 * of logical-order UTF-8 gets its embedding levels (direction from its
 * first strong character), its Arabic letters in their contextual
 * presentation forms (lam-alef ligatures too) and its brackets mirrored;
 * each line of it is then reordered to visual order. No libharu and no
 * layout here: pdf.c measures and breaks the shaped text into lines.
 */
#ifndef UF_REPORT_BIDI_H
#define UF_REPORT_BIDI_H
#include <stdbool.h>
#include <stddef.h>
#include "err.h"

/* Longest paragraph taken (bytes): a free-text answer is far shorter;
 * longer text is refused (UF_ELIMIT) and the caller prints it another way. */
#define BIDI_MAX_BYTES 16384

struct bidi_par;

/* Whether valid UTF-8 s[0..len) holds a strong right-to-left character
 * (bidi type R or AL: Hebrew, Arabic, Syriac, Thaana, N'Ko, ...); false for
 * text that is not UTF-8. */
bool bidi_has_rtl(const char *s, size_t len);

/* Analyse the paragraph s[0..len) (UTF-8 without a newline): UF_EINVAL when
 * it is not valid UTF-8 or holds a newline, UF_ELIMIT over BIDI_MAX_BYTES,
 * UF_ENOMEM. The caller owns *out (bidi_par_free). */
uf_err bidi_par_new(const char *s, size_t len, struct bidi_par **out);
void bidi_par_free(struct bidi_par *b); /* NULL-safe */
/* Whether the paragraph runs right to left (its first strong character is
 * R or AL): its lines are then set flush right. */
bool bidi_par_rtl(const struct bidi_par *b);
/* The shaped paragraph in logical order, NUL-terminated, *len its bytes
 * (borrowed from b): presentation forms, mirrored brackets, the bidi
 * controls and the ligatures' second halves left out. What to measure and
 * break into lines; a line is a byte range of it. */
const char *bidi_par_shaped(const struct bidi_par *b, size_t *len);
/* The line shaped[off..off+len) (whole characters) in visual order, left to
 * right, as UTF-8 into out[0..n) with a NUL; *outlen its bytes. UF_EINVAL
 * for a range outside the text or inside a character, UF_ELIMIT when out is
 * too small, UF_ENOMEM. */
uf_err bidi_par_line(struct bidi_par *b, size_t off, size_t len, char *out,
    size_t n, size_t *outlen);

/* One line at once: s[0..len) shaped and in visual order into out[0..n)
 * (bidi_par_new's and bidi_par_line's errors). */
uf_err bidi_visual(const char *s, size_t len, char *out, size_t n,
    size_t *outlen);

#endif
