/* SPDX-License-Identifier: ISC
 * Harness: application/x-www-form-urlencoded text (a query string, a form
 * body) through req_parse_urlencoded, compared with a plain reference
 * decoder written here from the rules in req.h: '&' separates fields, '='
 * splits name from value, '+' is a space, %XX a byte; a bad escape, a NUL
 * byte, invalid UTF-8, an empty or over-long name are refused.
 * Input: the raw text.
 */
#include "config.h"

#include <string.h>

#include "arena.h"
#include "fuzz.h"
#include "req.h"
#include "utf8.h"

static int
hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decode s[0..n) into out (room for n + 1); false when it is refused. */
static bool
ref_decode(const char *s, size_t n, char *out, size_t *outlen)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];
		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			if (n - i < 3 || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0)
				return false;
			c = hex(s[i + 1]) * 16 + hex(s[i + 2]);
			i += 2;
		}
		if (c == 0)
			return false;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	*outlen = o;
	return utf8_valid(out, o);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size);
	char *key = malloc(size + 1), *val = malloc(size + 1);
	struct arena *a = arena_new(16u * 1024 * 1024);
	struct kv *v = NULL;
	size_t n = 0, seps = 0, fields = 0;
	bool ref_ok = true;
	uf_err e;

	FUZZ_CHECK(a && key && val);
	e = req_parse_urlencoded(a, s, size, &v, &n);
	FUZZ_CHECK(e == UF_OK || e == UF_EINVAL || e == UF_ELIMIT);

	for (size_t i = 0; i < size; i++)
		seps += s[i] == '&';
	/* The reference walk: each piece between separators, leading spaces
	 * dropped, empty pieces skipped. */
	for (const char *p = s, *end = s + size; p <= end && ref_ok;) {
		const char *pe = memchr(p, '&', (size_t)(end - p));
		if (!pe)
			pe = end;
		const char *q = p;
		while (q < pe && *q == ' ')
			q++;
		if (q < pe) {
			const char *eq = memchr(q, '=', (size_t)(pe - q));
			const char *ke = eq ? eq : pe, *vs = eq ? eq + 1 : pe;
			size_t kl = 0, vl = 0;
			if (!ref_decode(q, (size_t)(ke - q), key, &kl) ||
			    !ref_decode(vs, (size_t)(pe - vs), val, &vl) || kl == 0 ||
			    kl > REQ_MAX_NAME) {
				ref_ok = false;
			} else if (e == UF_OK) {
				FUZZ_CHECK(fields < n);
				FUZZ_CHECK(strcmp(v[fields].key, key) == 0);
				FUZZ_CHECK(v[fields].vlen == vl && memcmp(v[fields].val, val, vl) == 0);
				FUZZ_CHECK(v[fields].val[vl] == '\0');
			}
			fields++;
		}
		p = pe + 1;
	}
	switch (e) {
	case UF_OK:
		FUZZ_CHECK(ref_ok && fields == n && n <= REQ_MAX_FIELDS);
		break;
	case UF_ELIMIT:
		/* Over the limit counts separators before decoding anything. */
		FUZZ_CHECK(seps > REQ_MAX_FIELDS || fields > REQ_MAX_FIELDS);
		break;
	default:
		FUZZ_CHECK(!ref_ok);
		break;
	}
	arena_free(a);
	free(key);
	free(val);
	free(s);
	return 0;
}
