/* SPDX-License-Identifier: ISC
 * The one UTF-8 decoder: checks for text from outside, code points for
 * word rules, and whole-character cuts for text that must fit a field, a
 * line or a column. Strict: no overlong forms, no surrogates, nothing above
 * U+10FFFF.
 */
#ifndef UF_UTF8_H
#define UF_UTF8_H
#include <stdbool.h>
#include <stddef.h>

/* Whether byte c continues a character (10xxxxxx) rather than starting one. */
static inline bool
utf8_continues(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/* Bytes of the character that lead byte c starts (1 to 4), from c alone:
 * for stepping through text already known to be valid. A continuation or
 * other invalid lead counts 1, so a loop always moves on. */
size_t utf8_lead_len(unsigned char c);
/* The code point at s[0..len) into *cp and its length in bytes, or 0 when
 * the bytes there are no valid UTF-8 (len 0, cut short, overlong,
 * surrogate, above U+10FFFF, a stray continuation byte). */
size_t utf8_decode(const char *s, size_t len, unsigned long *cp);
/* The largest j <= i at which s does not stand inside a character: i moved
 * back over continuation bytes (a cut at j keeps whole characters). */
size_t utf8_floor(const char *s, size_t i);

/* Whether s[0..len) is valid UTF-8. */
bool utf8_valid(const char *s, size_t len);
/* Number of code points in valid UTF-8 s[0..len). */
size_t utf8_chars(const char *s, size_t len);
/* Length of s[0..len) without a character cut off at its end: for text that
 * was valid UTF-8 before something (snprintf) truncated it at len bytes. */
size_t utf8_whole_prefix(const char *s, size_t len);
/* Valid UTF-8 free text: no NUL and no control characters other than
 * tab, CR and LF. */
bool utf8_text_ok(const char *s, size_t len);

#endif
