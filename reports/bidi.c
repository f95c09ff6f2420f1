/* SPDX-License-Identifier: ISC
 * Bidi analysis and Arabic shaping over GNU FriBidi (bidi.h). Works on
 * code points decoded by lib/utf8 and hands back UTF-8; every array is
 * sized by the paragraph, which BIDI_MAX_BYTES bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>

#include "bidi.h"
#include "utf8.h"

struct bidi_par {
	FriBidiParType dir; /* resolved: LTR or RTL */
	size_t n;           /* code points kept */
	FriBidiChar *cp;    /* shaped, logical order */
	FriBidiCharType *type;
	FriBidiLevel *level;
	size_t *off;  /* off[i]: byte of cp[i] in shaped; off[n]: its length */
	char *shaped; /* UTF-8 of cp, NUL-terminated */
	/* one line's scratch: fribidi_reorder_line works on the paragraph's
	 * indices and changes the levels of a line's trailing spaces */
	FriBidiChar *vis;
	FriBidiLevel *vlevel;
};

static bool
strong_rtl(FriBidiCharType t)
{
	return t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL;
}

bool
bidi_has_rtl(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned long cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0)
			return false;
		if (strong_rtl(fribidi_get_bidi_type((FriBidiChar)cp)))
			return true;
		i += k;
	}
	return false;
}

/* UTF-8 of cp (valid: it came from utf8_decode or FriBidi's tables) into
 * out, which has room for 4 bytes; returns the bytes written. */
static size_t
put_utf8(FriBidiChar cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

void
bidi_par_free(struct bidi_par *b)
{
	if (b == NULL)
		return;
	free(b->cp);
	free(b->type);
	free(b->level);
	free(b->off);
	free(b->shaped);
	free(b->vis);
	free(b->vlevel);
	free(b);
}

/* Whether shaping left nothing to draw at i: a bidi control, a boundary
 * neutral (ZWJ, ZWNJ, BOM: they did their work in joining), or the slot a
 * lam-alef ligature emptied. */
static bool
drop(FriBidiCharType t, FriBidiArabicProp ar, FriBidiChar c)
{
	return FRIBIDI_IS_EXPLICIT_OR_BN(t) || FRIBIDI_IS_ISOLATE(t) ||
	    ((ar & FRIBIDI_MASK_LIGATURED) && c == FRIBIDI_CHAR_FILL);
}

uf_err
bidi_par_new(const char *s, size_t len, struct bidi_par **out)
{
	struct bidi_par *b = NULL;
	FriBidiBracketType *brackets = NULL;
	FriBidiArabicProp *ar = NULL;
	uf_err e = UF_ENOMEM;

	*out = NULL;
	if (len > BIDI_MAX_BYTES)
		return UF_ELIMIT;
	if (!utf8_valid(s, len) || memchr(s, '\n', len) != NULL)
		return UF_EINVAL;
	size_t cap = len + 1; /* code points <= bytes */
	b = calloc(1, sizeof *b);
	if (b == NULL)
		goto out;
	b->cp = malloc(cap * sizeof *b->cp);
	b->type = malloc(cap * sizeof *b->type);
	b->level = malloc(cap * sizeof *b->level);
	b->off = malloc(cap * sizeof *b->off);
	b->shaped = malloc(4 * cap); /* a presentation form may outgrow its letter */
	b->vis = malloc(cap * sizeof *b->vis);
	b->vlevel = malloc(cap * sizeof *b->vlevel);
	brackets = malloc(cap * sizeof *brackets);
	ar = malloc(cap * sizeof *ar);
	if (!b->cp || !b->type || !b->level || !b->off || !b->shaped || !b->vis ||
	    !b->vlevel || !brackets || !ar)
		goto out;

	size_t n = 0;
	for (size_t i = 0; i < len;) {
		unsigned long c;
		size_t k = utf8_decode(s + i, len - i, &c);
		if (k == 0) { /* utf8_valid said otherwise: a bug */
			e = UF_EINTERNAL;
			goto out;
		}
		b->cp[n++] = (FriBidiChar)c;
		i += k;
	}
	FriBidiStrIndex fn = (FriBidiStrIndex)n; /* n <= BIDI_MAX_BYTES */
	b->dir = FRIBIDI_PAR_ON;                 /* from the first strong character (P2, P3) */
	fribidi_get_bidi_types(b->cp, fn, b->type);
	fribidi_get_bracket_types(b->cp, fn, b->type, brackets);
	if (n > 0 &&
	    fribidi_get_par_embedding_levels_ex(b->type, brackets, fn, &b->dir, b->level) == 0)
		goto out; /* FriBidi's only failure: out of memory */
	if (n == 0)
		b->dir = FRIBIDI_PAR_LTR;
	fribidi_get_joining_types(b->cp, fn, ar);
	fribidi_join_arabic(b->type, fn, b->level, ar);
	fribidi_shape(FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC, b->level, fn, ar, b->cp);

	/* keep what is drawn; offsets of the shaped UTF-8 beside it */
	size_t kept = 0, bytes = 0;
	for (size_t i = 0; i < n; i++) {
		if (drop(b->type[i], ar[i], b->cp[i]))
			continue;
		b->cp[kept] = b->cp[i];
		b->type[kept] = b->type[i];
		b->level[kept] = b->level[i];
		b->off[kept] = bytes;
		bytes += put_utf8(b->cp[i], b->shaped + bytes);
		kept++;
	}
	b->off[kept] = bytes;
	b->shaped[bytes] = '\0';
	b->n = kept;
	*out = b;
	b = NULL;
	e = UF_OK;
out:
	free(ar);
	free(brackets);
	bidi_par_free(b);
	return e;
}

bool
bidi_par_rtl(const struct bidi_par *b)
{
	return b->dir == FRIBIDI_PAR_RTL;
}

const char *
bidi_par_shaped(const struct bidi_par *b, size_t *len)
{
	*len = b->off[b->n];
	return b->shaped;
}

/* Index of the code point starting at byte `at` of the shaped text (n for
 * its end), or SIZE_MAX when no character starts there. */
static size_t
index_at(const struct bidi_par *b, size_t at)
{
	size_t lo = 0, hi = b->n; /* off[] rises strictly */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->off[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return b->off[lo] == at ? lo : SIZE_MAX;
}

uf_err
bidi_par_line(struct bidi_par *b, size_t off, size_t len, char *out, size_t n,
    size_t *outlen)
{
	*outlen = 0;
	if (n == 0)
		return UF_ELIMIT;
	out[0] = '\0';
	size_t total = b->off[b->n];
	if (off > total || len > total - off)
		return UF_EINVAL;
	size_t i0 = index_at(b, off), i1 = index_at(b, off + len);
	if (i0 == SIZE_MAX || i1 == SIZE_MAX)
		return UF_EINVAL;
	if (i1 == i0)
		return UF_OK;
	memcpy(b->vis + i0, b->cp + i0, (i1 - i0) * sizeof *b->vis);
	memcpy(b->vlevel + i0, b->level + i0, (i1 - i0) * sizeof *b->vlevel);
	/* rules L1 (trailing spaces) to L3. Marks are not moved after their
	 * letter (no REORDER_NSM): DejaVu Sans draws an Arabic mark, which has
	 * no advance, to the right of the pen, so it must come just before
	 * (left of) its letter in the left-to-right drawing order. */
	if (fribidi_reorder_line(FRIBIDI_FLAGS_DEFAULT & ~FRIBIDI_FLAG_REORDER_NSM, b->type,
	        (FriBidiStrIndex)(i1 - i0), (FriBidiStrIndex)i0, b->dir, b->vlevel, b->vis,
	        NULL) == 0)
		return UF_ENOMEM;
	size_t used = 0;
	for (size_t i = i0; i < i1; i++) {
		char u[4];
		size_t k = put_utf8(b->vis[i], u);
		if (k >= n - used) { /* the NUL needs a byte too */
			out[0] = '\0';
			return UF_ELIMIT;
		}
		memcpy(out + used, u, k);
		used += k;
	}
	out[used] = '\0';
	*outlen = used;
	return UF_OK;
}

uf_err
bidi_visual(const char *s, size_t len, char *out, size_t n, size_t *outlen)
{
	struct bidi_par *b = NULL;
	size_t slen;
	uf_err e;

	*outlen = 0;
	if (n > 0)
		out[0] = '\0';
	CK(bidi_par_new(s, len, &b));
	(void)bidi_par_shaped(b, &slen);
	CK(bidi_par_line(b, 0, slen, out, n, outlen));
out:
	bidi_par_free(b);
	return e;
}
