/* SPDX-License-Identifier: ISC
 * Nested composite glyphs for libharu's embedded TrueType subset
 * (pdf_font.h). Reads the glyph table of the font file with every offset
 * checked against the file's size; changes only libharu's used-glyph
 * flags.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <hpdf_fontdef.h>

#include "pdf_font.h"

#define FONT_MAX_BYTES (32L * 1024 * 1024) /* DejaVu Sans: 0.76 MB */
#define NEST_MAX       8                   /* component depth; fonts use 2 or 3 */

/* TrueType composite glyph flags (the 'glyf' table) */
#define ARG_WORDS       0x0001
#define HAVE_SCALE      0x0008
#define MORE_COMPONENTS 0x0020
#define HAVE_XY_SCALE   0x0040
#define HAVE_TWO_BY_TWO 0x0080

static uf_err
read_file(const char *path, unsigned char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	uf_err e = UF_EIO;
	long n;

	*out = NULL;
	if (f == NULL)
		return UF_EIO;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || n > FONT_MAX_BYTES ||
	    fseek(f, 0, SEEK_SET) != 0)
		goto out;
	if ((buf = malloc((size_t)n + 1)) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		goto out;
	*out = buf;
	*len = (size_t)n;
	buf = NULL;
	e = UF_OK;
out:
	free(buf);
	if (fclose(f) != 0 && e == UF_OK) {
		free(*out);
		*out = NULL;
		e = UF_EIO;
	}
	return e;
}

static unsigned
u16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* Mark the direct components of glyph gid; *changed when one was new. */
static uf_err
mark_components(HPDF_TTFontDefAttr a, const unsigned char *font, size_t len,
    unsigned gid, int *changed)
{
	uint64_t off = a->glyph_tbl.offsets[gid], end = a->glyph_tbl.offsets[gid + 1];
	if (a->header.index_to_loc_format == 0) {
		off *= 2;
		end *= 2;
	}
	if (end <= off)
		return UF_OK; /* no outline (a space) */
	off += a->glyph_tbl.base_offset;
	end += a->glyph_tbl.base_offset;
	if (end > len || end - off < 10)
		return UF_EFORMAT;
	if ((int16_t)u16(font + off) >= 0)
		return UF_OK; /* simple glyph */
	size_t at = (size_t)off + 10;
	for (;;) {
		if (at + 4 > end)
			return UF_EFORMAT;
		unsigned flags = u16(font + at), comp = u16(font + at + 2);
		at += 4 + ((flags & ARG_WORDS) ? 4 : 2);
		if (flags & HAVE_SCALE)
			at += 2;
		else if (flags & HAVE_XY_SCALE)
			at += 4;
		else if (flags & HAVE_TWO_BY_TWO)
			at += 8;
		if (comp >= a->num_glyphs)
			return UF_EFORMAT;
		if (a->glyph_tbl.flgs[comp] != 1) {
			a->glyph_tbl.flgs[comp] = 1;
			*changed = 1;
		}
		if (!(flags & MORE_COMPONENTS))
			return UF_OK;
	}
}

uf_err
pdf_font_embed_nested(HPDF_Doc doc, const char *name, const char *path)
{
	HPDF_FontDef fd = HPDF_GetFontDef(doc, name);
	unsigned char *font = NULL;
	size_t len = 0;
	uf_err e;

	if (fd == NULL || fd->type != HPDF_FONTDEF_TYPE_TRUETYPE || fd->attr == NULL)
		return UF_EFORMAT;
	HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)fd->attr;
	if (!a->embedding || a->glyph_tbl.flgs == NULL || a->glyph_tbl.offsets == NULL)
		return UF_OK; /* nothing is subset */
	CK(read_file(path, &font, &len));
	/* one level of nesting per pass: a component marked in a pass has
	 * its own components marked in the next */
	int changed = 1;
	for (int depth = 0; changed && depth < NEST_MAX; depth++) {
		changed = 0;
		for (unsigned g = 0; g < a->num_glyphs; g++)
			if (a->glyph_tbl.flgs[g] == 1)
				CK(mark_components(a, font, len, g, &changed));
	}
out:
	free(font);
	return e;
}
