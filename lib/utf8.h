/* SPDX-License-Identifier: ISC
 * UTF-8 checks for text from outside. Strict: no overlong forms, no
 * surrogates, nothing above U+10FFFF.
 */
#ifndef UF_UTF8_H
#define UF_UTF8_H
#include <stdbool.h>
#include <stddef.h>

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
