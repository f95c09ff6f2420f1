/* SPDX-License-Identifier: ISC
 * Harness: lib/utf8.c (every text from outside passes it) against a
 * reference written here from RFC 3629's table of well-formed byte
 * sequences: utf8_valid, utf8_chars and utf8_text_ok must agree with it on
 * every input, and utf8_whole_prefix must cut valid text only between
 * characters. Input: any bytes.
 */
#include "config.h"

#include "fuzz.h"
#include "utf8.h"

/* RFC 3629 section 4: the ranges of each byte of a well-formed sequence.
 * Returns the sequence length at s, 0 when ill-formed; *cp the code point. */
static size_t
ref_seq(const unsigned char *s, size_t len, unsigned long *cp)
{
	static const struct {
		unsigned char lo[4], hi[4];
		size_t n;
	} rows[] = {
		{ { 0x00 }, { 0x7f }, 1 },
		{ { 0xc2, 0x80 }, { 0xdf, 0xbf }, 2 },
		{ { 0xe0, 0xa0, 0x80 }, { 0xe0, 0xbf, 0xbf }, 3 },
		{ { 0xe1, 0x80, 0x80 }, { 0xec, 0xbf, 0xbf }, 3 },
		{ { 0xed, 0x80, 0x80 }, { 0xed, 0x9f, 0xbf }, 3 },
		{ { 0xee, 0x80, 0x80 }, { 0xef, 0xbf, 0xbf }, 3 },
		{ { 0xf0, 0x90, 0x80, 0x80 }, { 0xf0, 0xbf, 0xbf, 0xbf }, 4 },
		{ { 0xf1, 0x80, 0x80, 0x80 }, { 0xf3, 0xbf, 0xbf, 0xbf }, 4 },
		{ { 0xf4, 0x80, 0x80, 0x80 }, { 0xf4, 0x8f, 0xbf, 0xbf }, 4 },
	};
	for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
		size_t n = rows[r].n, k;
		if (len < n)
			continue;
		for (k = 0; k < n; k++)
			if (s[k] < rows[r].lo[k] || s[k] > rows[r].hi[k])
				break;
		if (k < n)
			continue;
		*cp = n == 1 ? s[0] : (unsigned long)(s[0] & (0xff >> (n + 1)));
		for (k = 1; k < n; k++)
			*cp = (*cp << 6) | (s[k] & 0x3f);
		return n;
	}
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool valid = true, text = true;
	size_t chars = 0;
	unsigned long cp = 0;

	for (size_t i = 0; i < size;) {
		size_t n = ref_seq(data + i, size - i, &cp);
		if (n == 0) {
			valid = text = false;
			break;
		}
		if ((cp < 0x20 && cp != '\t' && cp != '\r' && cp != '\n') || cp == 0x7f)
			text = false;
		chars++;
		i += n;
	}
	FUZZ_CHECK(utf8_valid((const char *)data, size) == valid);
	/* Cut anywhere, utf8_whole_prefix backs up to the last boundary. */
	if (valid) {
		size_t last = 0;
		for (size_t k = 0; k <= size; k++) {
			if (k == size || (data[k] & 0xc0) != 0x80)
				last = k;
			FUZZ_CHECK(utf8_whole_prefix((const char *)data, k) == last);
		}
	}
	FUZZ_CHECK(utf8_text_ok((const char *)data, size) == text);
	if (valid)
		FUZZ_CHECK(utf8_chars((const char *)data, size) == chars);
	return 0;
}
