/* SPDX-License-Identifier: ISC
 * Sentences of a document (the coding segments) and the upload checks
 * (qual_text.h). Works on UTF-8 bytes, counts code points.
 */
#include <stdbool.h>
#include <string.h>

#include "qual_text.h"
#include "utf8.h"

static bool
space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

uf_err
qual_sentences(const char *text, size_t len, struct kappa_span *out,
    size_t max, size_t *n)
{
	size_t i = 0;
	long ch = 0, start = -1;
	bool ended = false; /* a sentence end mark was seen, waiting for space */
	uf_err e = UF_OK;

	*n = 0;
	for (i = 0; i <= len; i++) {
		unsigned char c = i < len ? (unsigned char)text[i] : '\n';

		if (i < len && utf8_continues(c))
			continue;
		if (space(c)) {
			if (start >= 0 && (ended || c == '\n' || i == len)) {
				if (*n >= max) {
					e = UF_ELIMIT;
					goto out;
				}
				out[(*n)++] = (struct kappa_span){ start, ch };
				start = -1;
			}
			ended = false;
		} else {
			if (start < 0)
				start = ch;
			if (c == '.' || c == '!' || c == '?')
				ended = true;
			else if (i + 2 < len && memcmp(text + i, "\xE2\x80\xA6", 3) == 0)
				ended = true; /* … */
			else if (c == '"' || c == ')' || c == '\'' ||
			    (i + 2 < len && memcmp(text + i, "\xE2\x80\x9D", 3) == 0) ||
			    (i + 1 < len && memcmp(text + i, "\xC2\xBB", 2) == 0))
				; /* closing marks keep a pending end */
			else
				ended = false;
		}
		ch++;
	}
out:
	return e;
}

enum qual_body_check
qual_body_check(const char *s, size_t len)
{
	size_t i;

	if (len > QUAL_BODY_MAX)
		return QUAL_BODY_TOO_BIG;
	if (!utf8_valid(s, len))
		return QUAL_BODY_NOT_UTF8;
	if (!utf8_text_ok(s, len))
		return QUAL_BODY_CONTROL;
	if (utf8_chars(s, len) > QUAL_BODY_CHARS_MAX)
		return QUAL_BODY_TOO_BIG;
	for (i = 0; i < len; i++)
		if (!space((unsigned char)s[i]))
			return QUAL_BODY_OK;
	return QUAL_BODY_EMPTY;
}

const char *
qual_body_message(enum qual_body_check c)
{
	switch (c) {
	case QUAL_BODY_OK:
		return "";
	case QUAL_BODY_EMPTY:
		return "Texten är tom. Välj eller klistra in utskriften.";
	case QUAL_BODY_TOO_BIG:
		return "Texten är för stor: högst 400 kB och 200 000 tecken. Dela upp den.";
	case QUAL_BODY_NOT_UTF8:
		return "Texten är inte i UTF-8. Spara den som ”Oformaterad text (UTF-8)” "
		       "och försök igen.";
	case QUAL_BODY_CONTROL:
		return "Texten innehåller styrtecken som inte hör hemma i text. Spara den "
		       "som oformaterad text och försök igen.";
	case QUAL_BODY__MAX:
		break;
	}
	return "Texten kunde inte tas emot.";
}

size_t
qual_byte_at(const char *s, size_t len, long ch)
{
	size_t i;
	long k = 0;

	for (i = 0; i < len; i++) {
		if (utf8_continues((unsigned char)s[i]))
			continue;
		if (k == ch)
			return i;
		k++;
	}
	return len;
}
