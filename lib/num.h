/* SPDX-License-Identifier: ISC
 * The one strict parser of decimal integers from outside (command lines,
 * configuration, URLs, form posts, HTTP headers, database text): the whole
 * text is the number, or it is refused. No blanks, no '+', no hex or
 * octal, no overflow, and a range the caller states. Pure; no errno left set.
 */
#ifndef UF_NUM_H
#define UF_NUM_H
#include <stdbool.h>
#include <stddef.h>

#define NUM_DIGITS_MAX 19 /* LLONG_MAX has 19 digits */

/* s[0..len) as -?[0-9]{1,19} within [min, max] into *out. Leading zeros
 * are allowed ("007" is 7: people type them); a '-' only when min < 0.
 * false for anything else (NULL, empty, blanks, '+', "1e3", "0x10", out of
 * range) and *out untouched. */
bool num_ll(const char *s, size_t len, long long min, long long max, long long *out);
/* num_ll over the NUL-terminated s, for a long. */
bool num_long(const char *s, long min, long max, long *out);
/* num_long, and s is the number's one canonical text: no leading zeros,
 * no "-0" (values stored or compared as text: "07" and "7" must not both
 * pass as the same answer). */
bool num_long_canonical(const char *s, long min, long max, long *out);

#endif
