/* SPDX-License-Identifier: ISC
 * The one UTF-8 decoder (utf8.h): strict validation, decoding and counting
 * for text from outside (answers, instrument files, uploads) and cuts on
 * whole characters. Rejects overlong forms, surrogates and code points
 * above U+10FFFF; never allocates.
 */
#include "utf8.h"

/* Length of the sequence starting at s[0..len), or 0 when it is not a valid
 * UTF-8 encoding of one code point. *cp receives the code point. */
static size_t
decode(const unsigned char *s, size_t len, unsigned long *cp)
{
	unsigned long c;
	size_t n, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0; /* continuation byte, 0xc0/0xc1 (overlong) or > 0xf4 */
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if (!utf8_continues(s[i]))
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* Overlong 3- and 4-byte forms, surrogates, beyond U+10FFFF. */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000))
		return 0;
	if (c >= 0xd800 && c <= 0xdfff)
		return 0;
	if (c > 0x10ffff)
		return 0;
	*cp = c;
	return n;
}

size_t
utf8_decode(const char *s, size_t len, unsigned long *cp)
{
	if (s == NULL || len == 0)
		return 0;
	return decode((const unsigned char *)s, len, cp);
}

size_t
utf8_lead_len(unsigned char c)
{
	return c < 0xc0 ? 1 : c < 0xe0 ? 2 :
	    c < 0xf0                   ? 3 :
	                                 4;
}

size_t
utf8_floor(const char *s, size_t i)
{
	while (i > 0 && utf8_continues((unsigned char)s[i]))
		i--;
	return i;
}

bool
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	size_t i = 0, n;

	if (s == NULL)
		return len == 0;
	while (i < len) {
		n = decode(p + i, len - i, &cp);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

size_t
utf8_chars(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, count = 0;

	/* Valid input: every byte that is not a continuation byte starts a
	 * code point. */
	for (i = 0; i < len; i++)
		if (!utf8_continues(p[i]))
			count++;
	return count;
}

size_t
utf8_whole_prefix(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t start = len, need;

	/* Back to the lead byte of the last character (at most 3 steps). */
	while (start > 0 && len - start < 3 && utf8_continues(p[start - 1]))
		start--;
	if (start == 0 || p[start - 1] < 0xc0)
		return len; /* ends after ASCII or a lone continuation byte */
	start--;
	need = utf8_lead_len(p[start]);
	return len - start < need ? start : len;
}

bool
utf8_text_ok(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	size_t i = 0, n;

	if (s == NULL)
		return len == 0;
	while (i < len) {
		n = decode(p + i, len - i, &cp);
		if (n == 0)
			return false;
		if (cp < 0x20 && cp != '\t' && cp != '\r' && cp != '\n')
			return false;
		if (cp == 0x7f)
			return false;
		i += n;
	}
	return true;
}
