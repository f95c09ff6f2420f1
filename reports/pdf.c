/* SPDX-License-Identifier: ISC
 * Layout on libharu. Every HPDF call's status is checked (HP below); the
 * error handler only records what went wrong and returns, so cleanup always
 * runs. Pages are created as content flows; the table of contents and page
 * numbers are added in pdf_finish, when every heading's page is known.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "config.h"

#include "bidi.h"
#include "pdf.h"
#include "pdf_font.h"
#include "pdfdoc.h"
#include "stats.h"
#include "utf8.h"

#define PAGE_W    595.276
#define PAGE_H    841.89
#define M_LEFT    62.0
#define M_RIGHT   62.0
#define M_TOP     66.0
#define M_BOTTOM  66.0
#define TEXT_W    (PAGE_W - M_LEFT - M_RIGHT)
#define TOP_Y     (PAGE_H - M_TOP)
#define FOOT_Y    38.0

#define BODY_SIZE 10.0
#define BODY_LEAD 14.0
#define NOTE_SIZE 8.0
#define NOTE_LEAD 10.5

struct rgb {
	double r, g, b;
};

static const struct rgb C_TEXT = { 0.13, 0.13, 0.15 };
static const struct rgb C_HEAD = { 0.08, 0.23, 0.40 };
static const struct rgb C_GREY = { 0.40, 0.40, 0.42 };
static const struct rgb C_RULE = { 0.72, 0.74, 0.78 };
static const struct rgb C_HEADFILL = { 0.88, 0.92, 0.96 };
static const struct rgb C_ZEBRA = { 0.965, 0.968, 0.975 };
static const struct rgb C_SUBFILL = { 0.93, 0.95, 0.98 };

/* ColorBrewer RdBu (5 classes), the neutral class darkened to stay visible
 * on white; readable by people with red-green colour blindness. */
static const struct rgb C_LIKERT[5] = {
	{ 0.792, 0.000, 0.125 },
	{ 0.957, 0.647, 0.510 },
	{ 0.78, 0.78, 0.78 },
	{ 0.573, 0.773, 0.871 },
	{ 0.020, 0.443, 0.690 },
};
/* Okabe-Ito colours for series, with distinct markers for greyscale print. */
static const struct rgb C_SERIES[PDF_TREND_MAX_SERIES] = {
	{ 0.90, 0.62, 0.00 },
	{ 0.34, 0.71, 0.91 },
	{ 0.00, 0.62, 0.45 },
	{ 0.80, 0.47, 0.65 },
	{ 0.00, 0.45, 0.70 },
	{ 0.84, 0.37, 0.00 },
};

struct toc_entry {
	int level;
	char *text;
	size_t page; /* index into pages[] */
};

struct line {
	size_t off, len;
};

struct pdf {
	struct pdfdoc d; /* the document (lib/pdfdoc.h) */
	HPDF_Font reg, bold;
	uf_err err; /* sticky: the first failure */
	HPDF_Page *pages;
	size_t npages, cappages;
	HPDF_Page page;
	double y;
	struct toc_entry *toc;
	size_t ntoc, captoc;
	struct line *lines; /* scratch for wrapping */
	size_t nlines, caplines;
	bool titled; /* has a title page (then also a contents) */
	bool shaped; /* drew shaped right-to-left text (pdf_font.h) */
	char font_dir[512];
	char *watermark; /* drawn over every page by pdf_finish, or NULL */
};

/* Whether libharu's status s is fine; the first failure (kept in words by
 * the document) makes p->err sticky. */
static bool
hp_ok(struct pdf *p, HPDF_STATUS s)
{
	if (!pdfdoc_ok(&p->d, s) && p->err == UF_OK)
		p->err = UF_EINTERNAL;
	return p->err == UF_OK;
}

#define HP(call)                       \
	do {                           \
		if (!hp_ok(p, (call))) \
			goto out;      \
	} while (0)
/* A step of a drawing function: its error is already kept in p->err
 * (sticky), which the function returns after out:. */
#define PDF_STEP(expr)               \
	do {                         \
		if ((expr) != UF_OK) \
			goto out;    \
	} while (0)

const char *
pdf_error(const struct pdf *p)
{
	return p ? p->d.problem : "";
}

uf_err
pdf_new(const char *font_dir, struct pdf **out, char *err, size_t errlen)
{
	struct pdf *p = calloc(1, sizeof *p);
	uf_err e = UF_ENOMEM;

	*out = NULL;
	if (errlen)
		err[0] = '\0';
	if (p == NULL)
		goto fail;
	if ((e = pdfdoc_open(&p->d, "report", "uppfolj-report", "uppfolj")) != UF_OK)
		goto fail;
	e = UF_ELIMIT;
	int w = snprintf(p->font_dir, sizeof p->font_dir, "%s", font_dir ? font_dir : UF_FONT_DIR);
	if (w < 0 || (size_t)w >= sizeof p->font_dir)
		goto fail;
	e = UF_EIO;
	if ((p->reg = pdfdoc_font(&p->d, font_dir, "DejaVuSans.ttf")) == NULL ||
	    (p->bold = pdfdoc_font(&p->d, font_dir, "DejaVuSans-Bold.ttf")) == NULL)
		goto fail;
	*out = p;
	return UF_OK;
fail:
	if (errlen && err[0] == '\0' && p != NULL &&
	    snprintf(err, errlen, "PDF setup failed: %s", p->d.problem) < 0)
		err[0] = '\0';
	pdf_free(p);
	return e;
}

void
pdf_free(struct pdf *p)
{
	if (p == NULL)
		return;
	pdfdoc_close(&p->d, UF_OK);
	for (size_t i = 0; i < p->ntoc; i++)
		free(p->toc[i].text);
	free(p->toc);
	free(p->pages);
	free(p->lines);
	free(p->watermark);
	free(p);
}

uf_err
pdf_set_info(struct pdf *p, const char *title, const char *subject)
{
	if (p->err)
		return p->err;
	/* Creator and producer are set when the document is made; info
	 * strings are PDFDocEncoding and libharu writes these bytes as they
	 * are, so the Swedish title and subject stay on the title page. */
	(void)title;
	(void)subject;
	return p->err;
}

/* ---- primitives -------------------------------------------------------- */

static double
text_width(struct pdf *p, HPDF_Font f, double size, const char *s, size_t len)
{
	if (len == 0)
		return 0;
	HPDF_TextWidth tw = HPDF_Font_TextWidth(f, (const HPDF_BYTE *)s, (HPDF_UINT)len);
	return tw.width * size / 1000.0;
}

/* Draw s[0..len) at (x, y). libharu needs a NUL-terminated string. */
static uf_err
draw_text(struct pdf *p, HPDF_Font f, double size, struct rgb c, double x,
    double y, const char *s, size_t len)
{
	char stack[512];
	char *buf = stack;
	if (p->err)
		return p->err;
	if (len == 0)
		return UF_OK;
	if (len >= sizeof stack) {
		buf = malloc(len + 1);
		if (buf == NULL)
			return p->err = UF_ENOMEM;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	HP(HPDF_Page_BeginText(p->page));
	HP(HPDF_Page_SetFontAndSize(p->page, f, (HPDF_REAL)size));
	HP(HPDF_Page_SetRGBFill(p->page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b));
	HP(HPDF_Page_TextOut(p->page, (HPDF_REAL)x, (HPDF_REAL)y, buf));
	HP(HPDF_Page_EndText(p->page));
out:
	if (buf != stack)
		free(buf);
	return p->err;
}

static uf_err
fill_rect(struct pdf *p, struct rgb c, double x, double y, double w, double h)
{
	if (p->err)
		return p->err;
	if (w <= 0 || h <= 0)
		return UF_OK;
	HP(HPDF_Page_SetRGBFill(p->page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b));
	HP(HPDF_Page_Rectangle(p->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h));
	HP(HPDF_Page_Fill(p->page));
out:
	return p->err;
}

static uf_err
draw_line(struct pdf *p, struct rgb c, double width, double x1, double y1,
    double x2, double y2)
{
	if (p->err)
		return p->err;
	HP(HPDF_Page_SetRGBStroke(p->page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b));
	HP(HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)width));
	HP(HPDF_Page_MoveTo(p->page, (HPDF_REAL)x1, (HPDF_REAL)y1));
	HP(HPDF_Page_LineTo(p->page, (HPDF_REAL)x2, (HPDF_REAL)y2));
	HP(HPDF_Page_Stroke(p->page));
out:
	return p->err;
}

static uf_err
set_dash(struct pdf *p, bool dashed)
{
	static const HPDF_UINT16 pat[2] = { 1, 2 };
	if (p->err)
		return p->err;
	HP(HPDF_Page_SetDash(p->page, dashed ? pat : NULL, dashed ? 2 : 0, 0));
out:
	return p->err;
}

static uf_err
new_page(struct pdf *p)
{
	if (p->err)
		return p->err;
	if (p->npages == p->cappages) {
		size_t cap = p->cappages ? p->cappages * 2 : 32;
		HPDF_Page *np = realloc(p->pages, cap * sizeof *np);
		if (np == NULL)
			return p->err = UF_ENOMEM;
		p->pages = np;
		p->cappages = cap;
	}
	p->page = HPDF_AddPage(p->d.pdf);
	if (p->page == NULL)
		return p->err ? p->err : (p->err = UF_EINTERNAL);
	p->pages[p->npages++] = p->page;
	HP(HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT));
	p->y = TOP_Y;
out:
	return p->err;
}

/* ---- wrapping ------------------------------------------------------------ */

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static uf_err
push_line(struct pdf *p, size_t off, size_t len)
{
	if (p->nlines == p->caplines) {
		size_t cap = p->caplines ? p->caplines * 2 : 64;
		struct line *nl = realloc(p->lines, cap * sizeof *nl);
		if (nl == NULL)
			return p->err = UF_ENOMEM;
		p->lines = nl;
		p->caplines = cap;
	}
	p->lines[p->nlines++] = (struct line){ off, len };
	return UF_OK;
}

/* Break s into lines no wider than width into p->lines (offsets into s).
 * Newlines force a break; an over-long word is cut between characters. */
static uf_err
wrap(struct pdf *p, HPDF_Font f, double size, const char *s, double width)
{
	size_t len = strlen(s), pos = 0;
	p->nlines = 0;
	if (p->err)
		return p->err;
	while (pos <= len) {
		size_t end = pos;
		while (end < len && s[end] != '\n')
			end++;
		if (end == pos && pos < len) { /* empty line */
			if (push_line(p, pos, 0))
				return p->err;
		}
		size_t q = pos;
		while (q < end) {
			while (q < end && is_space(s[q]))
				q++;
			if (q >= end)
				break;
			HPDF_REAL rw;
			HPDF_UINT n = HPDF_Font_MeasureText(f, (const HPDF_BYTE *)s + q,
			    (HPDF_UINT)(end - q), (HPDF_REAL)width, (HPDF_REAL)size,
			    0, 0, HPDF_TRUE, &rw);
			if (n == 0) {
				/* no space fits: break after a '/' or '-' if there is
				 * one ("Patient/brukare"), else between characters */
				HPDF_UINT hard = HPDF_Font_MeasureText(f,
				    (const HPDF_BYTE *)s + q, (HPDF_UINT)(end - q),
				    (HPDF_REAL)width, (HPDF_REAL)size, 0, 0, HPDF_FALSE, &rw);
				for (HPDF_UINT k = hard; k > 1 && n == 0; k--)
					if (s[q + k - 1] == '/' || s[q + k - 1] == '-')
						n = k;
				if (n == 0)
					n = hard;
			}
			if (p->err)
				return p->err;
			if (n == 0)
				n = (HPDF_UINT)utf8_lead_len((unsigned char)s[q]);
			/* never cut inside a UTF-8 sequence */
			while (q + n < end && utf8_continues((unsigned char)s[q + n]))
				n++;
			size_t l = n;
			while (l > 0 && is_space(s[q + l - 1]))
				l--;
			if (push_line(p, q, l))
				return p->err;
			q += n;
		}
		if (end >= len)
			break;
		pos = end + 1;
	}
	return UF_OK;
}

/* ---- flowing text -------------------------------------------------------- */

uf_err
pdf_need(struct pdf *p, double points)
{
	if (p->err)
		return p->err;
	if (p->page == NULL || (p->titled && p->npages < 2) ||
	    p->y - points < M_BOTTOM)
		return new_page(p);
	return UF_OK;
}

uf_err
pdf_space(struct pdf *p, double points)
{
	if (p->err)
		return p->err;
	if (p->y < TOP_Y)
		p->y -= points;
	return UF_OK;
}

/* One line of flowing text, x points right of the left margin; a quote's
 * bar beside it at the indent. */
static uf_err
flow_line(struct pdf *p, HPDF_Font f, double size, double lead, struct rgb c,
    double indent, double x, const char *s, size_t len, bool bar)
{
	PDF_STEP(pdf_need(p, lead));
	double base = p->y - lead + (lead - size) / 2.0 + 1.5;
	if (bar)
		PDF_STEP(fill_rect(p, C_RULE, M_LEFT + indent - 10, p->y - lead, 2.0, lead));
	PDF_STEP(draw_text(p, f, size, c, M_LEFT + x, base, s, len));
	p->y -= lead;
out:
	return p->err;
}

/* Text with right-to-left characters, one paragraph (line of text) at a
 * time: shaped by bidi.c, broken into lines in logical order by wrap()
 * (measuring the presentation forms that are drawn), each line then put in
 * visual order; a right-to-left paragraph is set flush right. */
static uf_err
flow_bidi(struct pdf *p, HPDF_Font f, double size, double lead, struct rgb c,
    double indent, const char *text, bool bar)
{
	struct bidi_par *b = NULL;
	char *vis = NULL;
	size_t len = strlen(text), pos = 0;
	double width = TEXT_W - indent;

	while (pos <= len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl != NULL ? (size_t)(nl - text) : len, slen, vlen;
		uf_err e = bidi_par_new(text + pos, end - pos, &b);
		if (e != UF_OK) { /* the caller checked the limits: a bug or no memory */
			p->err = e;
			goto out;
		}
		const char *shaped = bidi_par_shaped(b, &slen);
		if (slen == 0 && end < len)
			PDF_STEP(flow_line(p, f, size, lead, c, indent, indent, "", 0, bar));
		free(vis);
		if ((vis = malloc(slen + 1)) == NULL) {
			p->err = UF_ENOMEM;
			goto out;
		}
		PDF_STEP(wrap(p, f, size, shaped, width));
		p->shaped = true;
		for (size_t i = 0; i < p->nlines; i++) {
			e = bidi_par_line(b, p->lines[i].off, p->lines[i].len, vis, slen + 1, &vlen);
			if (e != UF_OK) {
				p->err = e;
				goto out;
			}
			double x = indent;
			if (bidi_par_rtl(b))
				x += width - text_width(p, f, size, vis, vlen);
			PDF_STEP(flow_line(p, f, size, lead, c, indent, x, vis, vlen, bar));
		}
		bidi_par_free(b);
		b = NULL;
		if (end >= len)
			break;
		pos = end + 1;
	}
out:
	free(vis);
	bidi_par_free(b);
	return p->err;
}

static uf_err
flow(struct pdf *p, HPDF_Font f, double size, double lead, struct rgb c,
    double indent, const char *text, bool bar)
{
	size_t len = strlen(text);
	/* Text too long for bidi.c is drawn as it is: the quotes, the only
	 * right-to-left text, are far shorter (pdf_text_drawable). */
	if (len <= BIDI_MAX_BYTES && utf8_valid(text, len) && bidi_has_rtl(text, len))
		return flow_bidi(p, f, size, lead, c, indent, text, bar);
	PDF_STEP(wrap(p, f, size, text, TEXT_W - indent));
	for (size_t i = 0; i < p->nlines; i++)
		PDF_STEP(flow_line(p, f, size, lead, c, indent, indent, text + p->lines[i].off,
		    p->lines[i].len, bar));
out:
	return p->err;
}

/* Whether the font has a glyph for every character of s[0..len) (valid
 * UTF-8). libharu's UTF-8 encoding reaches the Basic Multilingual Plane
 * only. */
static bool
font_covers(HPDF_FontDef fd, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned long cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0 || cp > 0xFFFF)
			return false;
		if (cp >= 0x20 && HPDF_TTFontDef_GetGlyphid(fd, (HPDF_UINT16)cp) == 0)
			return false;
		i += k;
	}
	return true;
}

bool
pdf_text_drawable(struct pdf *p, const char *text)
{
	size_t len = strlen(text), pos = 0;
	struct bidi_par *b = NULL;
	bool ok = false;

	if (p->err || len > BIDI_MAX_BYTES || !utf8_valid(text, len))
		return false;
	const char *name = HPDF_Font_GetFontName(p->reg);
	HPDF_FontDef fd = name != NULL ? HPDF_GetFontDef(p->d.pdf, name) : NULL;
	if (fd == NULL || fd->type != HPDF_FONTDEF_TYPE_TRUETYPE)
		return false;
	/* what flow() will draw: the shaped forms, paragraph by paragraph */
	while (pos <= len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl != NULL ? (size_t)(nl - text) : len, slen;
		if (bidi_par_new(text + pos, end - pos, &b) != UF_OK)
			goto out;
		const char *shaped = bidi_par_shaped(b, &slen);
		if (!font_covers(fd, shaped, slen))
			goto out;
		bidi_par_free(b);
		b = NULL;
		if (end >= len)
			break;
		pos = end + 1;
	}
	ok = true;
out:
	bidi_par_free(b);
	return ok;
}

uf_err
pdf_paragraph(struct pdf *p, const char *text)
{
	if (p->err)
		return p->err;
	PDF_STEP(flow(p, p->reg, BODY_SIZE, BODY_LEAD, C_TEXT, 0, text, false));
	p->y -= 6;
out:
	return p->err;
}

uf_err
pdf_note(struct pdf *p, const char *text)
{
	if (p->err)
		return p->err;
	PDF_STEP(flow(p, p->reg, NOTE_SIZE, NOTE_LEAD, C_GREY, 0, text, false));
	p->y -= 4;
out:
	return p->err;
}

uf_err
pdf_bullet(struct pdf *p, const char *text)
{
	if (p->err)
		return p->err;
	PDF_STEP(pdf_need(p, BODY_LEAD));
	PDF_STEP(draw_text(p, p->reg, BODY_SIZE, C_HEAD, M_LEFT + 4,
	    p->y - BODY_LEAD + (BODY_LEAD - BODY_SIZE) / 2.0 + 1.5, "\xe2\x80\xa2", 3));
	PDF_STEP(flow(p, p->reg, BODY_SIZE, BODY_LEAD, C_TEXT, 16, text, false));
	p->y -= 2;
out:
	return p->err;
}

uf_err
pdf_quote(struct pdf *p, const char *text)
{
	if (p->err)
		return p->err;
	PDF_STEP(flow(p, p->reg, 9.0, 12.5, C_TEXT, 22, text, true));
	p->y -= 7;
out:
	return p->err;
}

/* ---- text with emphasis ---------------------------------------------------- */

struct rich_seg {
	size_t off, len;
	bool bold;
	double x;
};

/* Lay out s with its runs (kind[i] for byte i), wrapped to the text width
 * minus indent. A word's runs stay together on one line. */
static uf_err
rich_flow(struct pdf *p, const char *s, const unsigned char *kind, double indent,
    double size, double lead)
{
	size_t len = strlen(s), nseg = 0;
	struct rich_seg *seg = calloc(len + 1, sizeof *seg);
	double width = TEXT_W - indent, x = 0, space = text_width(p, p->reg, size, " ", 1);

	if (seg == NULL) {
		p->err = UF_ENOMEM;
		goto out;
	}
	size_t i = 0;
	while (i < len) {
		/* one word: the bytes up to the next space, in runs of one kind */
		bool gap = false;
		while (i < len && (is_space(s[i]) || s[i] == '\n' || kind[i] == PDF_RUN_HIDDEN)) {
			gap |= kind[i] != PDF_RUN_HIDDEN;
			i++;
		}
		if (i >= len)
			break;
		size_t first = nseg;
		double ww = 0;
		while (i < len && !is_space(s[i]) && s[i] != '\n') {
			if (kind[i] == PDF_RUN_HIDDEN) {
				i++;
				continue;
			}
			size_t a = i;
			while (i < len && !is_space(s[i]) && s[i] != '\n' && kind[i] == kind[a])
				i++;
			HPDF_Font f = kind[a] == PDF_RUN_BOLD ? p->bold : p->reg;
			seg[nseg] = (struct rich_seg){ a, i - a, kind[a] == PDF_RUN_BOLD, 0 };
			ww += text_width(p, f, size, s + a, i - a);
			nseg++;
		}
		double lead_space = (x > 0 && gap) ? space : 0;
		if (x > 0 && x + lead_space + ww > width) {
			/* the word starts the next line: print the line before it */
			PDF_STEP(pdf_need(p, lead));
			double base = p->y - lead + (lead - size) / 2.0 + 1.5;
			for (size_t k = 0; k < first; k++)
				PDF_STEP(draw_text(p, seg[k].bold ? p->bold : p->reg, size, C_TEXT,
				    M_LEFT + indent + seg[k].x, base, s + seg[k].off, seg[k].len));
			p->y -= lead;
			memmove(seg, seg + first, (nseg - first) * sizeof *seg);
			nseg -= first;
			first = 0;
			x = 0;
			lead_space = 0;
		}
		x += lead_space;
		for (size_t k = first; k < nseg; k++) {
			seg[k].x = x;
			x += text_width(p, seg[k].bold ? p->bold : p->reg, size, s + seg[k].off,
			    seg[k].len);
		}
		/* a word wider than the line: cut it between characters */
		while (x > width && nseg > 0) {
			size_t k = 0;
			double used = 0;
			PDF_STEP(pdf_need(p, lead));
			double base = p->y - lead + (lead - size) / 2.0 + 1.5;
			for (; k < nseg; k++) {
				HPDF_Font f = seg[k].bold ? p->bold : p->reg;
				HPDF_REAL rw;
				HPDF_UINT n = HPDF_Font_MeasureText(f, (const HPDF_BYTE *)s + seg[k].off, (HPDF_UINT)seg[k].len, (HPDF_REAL)(width - used),
				    (HPDF_REAL)size, 0, 0, HPDF_FALSE, &rw);
				if (p->err)
					goto out;
				while (n > 0 && n < seg[k].len &&
				    utf8_continues((unsigned char)s[seg[k].off + n]))
					n--; /* never cut inside a UTF-8 sequence */
				if (n == 0 && used == 0)
					n = (HPDF_UINT)utf8_lead_len((unsigned char)s[seg[k].off]);
				PDF_STEP(draw_text(p, f, size, C_TEXT, M_LEFT + indent + used, base,
				    s + seg[k].off, n));
				if (n < seg[k].len) {
					seg[k].off += n;
					seg[k].len -= n;
					break;
				}
				used += text_width(p, f, size, s + seg[k].off, seg[k].len);
			}
			p->y -= lead;
			memmove(seg, seg + k, (nseg - k) * sizeof *seg);
			nseg -= k;
			x = 0;
			for (size_t j = 0; j < nseg; j++) {
				seg[j].x = x;
				x += text_width(p, seg[j].bold ? p->bold : p->reg, size,
				    s + seg[j].off, seg[j].len);
			}
		}
	}
	if (nseg > 0) {
		PDF_STEP(pdf_need(p, lead));
		double base = p->y - lead + (lead - size) / 2.0 + 1.5;
		for (size_t k = 0; k < nseg; k++)
			PDF_STEP(draw_text(p, seg[k].bold ? p->bold : p->reg, size, C_TEXT,
			    M_LEFT + indent + seg[k].x, base, s + seg[k].off, seg[k].len));
		p->y -= lead;
	}
out:
	free(seg);
	return p->err;
}

uf_err
pdf_rich(struct pdf *p, const char *text, const unsigned char *kind, bool bullet)
{
	if (p->err)
		return p->err;
	if (bullet) {
		PDF_STEP(pdf_need(p, BODY_LEAD));
		PDF_STEP(draw_text(p, p->reg, BODY_SIZE, C_HEAD, M_LEFT + 4,
		    p->y - BODY_LEAD + (BODY_LEAD - BODY_SIZE) / 2.0 + 1.5, "\xe2\x80\xa2", 3));
	}
	PDF_STEP(rich_flow(p, text, kind, bullet ? 16 : 0, BODY_SIZE, BODY_LEAD));
	p->y -= bullet ? 2 : 6;
out:
	return p->err;
}

uf_err
pdf_set_watermark(struct pdf *p, const char *text)
{
	if (p->err)
		return p->err;
	free(p->watermark);
	if ((p->watermark = strdup(text)) == NULL)
		p->err = UF_ENOMEM;
	return p->err;
}

/* The watermark across the current page, light and see-through, so the
 * text under it stays readable. */
static uf_err
draw_watermark(struct pdf *p)
{
	const double size = 96, angle = 0.9; /* radians, about 52 degrees */
	double w = text_width(p, p->bold, size, p->watermark, strlen(p->watermark));
	double c = cos(angle), sn = sin(angle);
	/* centre of the text at the centre of the page */
	double x = PAGE_W / 2 - (w / 2) * c + (size / 3) * sn;
	double y = PAGE_H / 2 - (w / 2) * sn - (size / 3) * c;
	HPDF_ExtGState gs = HPDF_CreateExtGState(p->d.pdf);
	if (gs == NULL)
		return p->err ? p->err : (p->err = UF_EINTERNAL);
	HP(HPDF_ExtGState_SetAlphaFill(gs, 0.18));
	HP(HPDF_Page_GSave(p->page));
	HP(HPDF_Page_SetExtGState(p->page, gs));
	HP(HPDF_Page_BeginText(p->page));
	HP(HPDF_Page_SetFontAndSize(p->page, p->bold, (HPDF_REAL)size));
	HP(HPDF_Page_SetRGBFill(p->page, 0.75, 0.10, 0.10));
	HP(HPDF_Page_SetTextMatrix(p->page, (HPDF_REAL)c, (HPDF_REAL)sn, (HPDF_REAL)-sn,
	    (HPDF_REAL)c, (HPDF_REAL)x, (HPDF_REAL)y));
	HP(HPDF_Page_ShowText(p->page, p->watermark));
	HP(HPDF_Page_EndText(p->page));
	HP(HPDF_Page_GRestore(p->page));
out:
	return p->err;
}

static uf_err
add_toc(struct pdf *p, int level, const char *text)
{
	if (p->ntoc == p->captoc) {
		size_t cap = p->captoc ? p->captoc * 2 : 32;
		struct toc_entry *nt = realloc(p->toc, cap * sizeof *nt);
		if (nt == NULL)
			return p->err = UF_ENOMEM;
		p->toc = nt;
		p->captoc = cap;
	}
	size_t n = strlen(text) + 1;
	char *d = malloc(n);
	if (d == NULL)
		return p->err = UF_ENOMEM;
	memcpy(d, text, n);
	p->toc[p->ntoc++] = (struct toc_entry){ level, d, p->npages - 1 };
	return UF_OK;
}

uf_err
pdf_heading(struct pdf *p, int level, const char *text)
{
	if (p->err)
		return p->err;
	if (level <= 1) {
		if (p->page == NULL || (p->titled && p->npages < 2) || p->y < TOP_Y)
			PDF_STEP(new_page(p));
		PDF_STEP(add_toc(p, 1, text));
		PDF_STEP(flow(p, p->bold, 17, 22, C_HEAD, 0, text, false));
		PDF_STEP(fill_rect(p, C_HEAD, M_LEFT, p->y - 4, 48, 2.2));
		p->y -= 18;
	} else if (level == 2) {
		PDF_STEP(pdf_need(p, 110));
		PDF_STEP(pdf_space(p, 8));
		PDF_STEP(add_toc(p, 2, text));
		PDF_STEP(flow(p, p->bold, 12.5, 17, C_HEAD, 0, text, false));
		p->y -= 5;
	} else {
		PDF_STEP(pdf_need(p, 80));
		PDF_STEP(pdf_space(p, 4));
		PDF_STEP(flow(p, p->bold, 10.5, 14, C_TEXT, 0, text, false));
		p->y -= 3;
	}
out:
	return p->err;
}

/* ---- paper questionnaires ------------------------------------------------- */

#define Q_BOX    9.0  /* side of a tick box */
#define Q_INDENT 26.0 /* question text and options start here */

/* An empty square to tick, its lower left corner at (x, y). */
static uf_err
tick_box(struct pdf *p, double x, double y)
{
	if (p->err)
		return p->err;
	HP(HPDF_Page_SetRGBStroke(p->page, (HPDF_REAL)C_TEXT.r, (HPDF_REAL)C_TEXT.g,
	    (HPDF_REAL)C_TEXT.b));
	HP(HPDF_Page_SetLineWidth(p->page, 0.8));
	HP(HPDF_Page_Rectangle(p->page, (HPDF_REAL)x, (HPDF_REAL)y, Q_BOX, Q_BOX));
	HP(HPDF_Page_Stroke(p->page));
out:
	return p->err;
}

uf_err
pdf_question(struct pdf *p, const char *number, const char *text, double keep)
{
	if (p->err)
		return p->err;
	PDF_STEP(wrap(p, p->bold, BODY_SIZE, text, TEXT_W - Q_INDENT));
	PDF_STEP(pdf_need(p, (double)p->nlines * BODY_LEAD + keep));
	PDF_STEP(pdf_space(p, 6));
	PDF_STEP(draw_text(p, p->bold, BODY_SIZE, C_HEAD, M_LEFT,
	    p->y - BODY_LEAD + (BODY_LEAD - BODY_SIZE) / 2.0 + 1.5, number,
	    strlen(number)));
	PDF_STEP(flow(p, p->bold, BODY_SIZE, BODY_LEAD, C_TEXT, Q_INDENT, text, false));
	p->y -= 2;
out:
	return p->err;
}

uf_err
pdf_question_note(struct pdf *p, const char *text)
{
	if (p->err)
		return p->err;
	PDF_STEP(flow(p, p->reg, NOTE_SIZE + 0.5, NOTE_LEAD + 0.5, C_GREY, Q_INDENT, text,
	    false));
	p->y -= 2;
out:
	return p->err;
}

uf_err
pdf_tick_list(struct pdf *p, const char *const *labels, size_t n)
{
	if (p->err)
		return p->err;
	for (size_t i = 0; i < n; i++) {
		PDF_STEP(wrap(p, p->reg, BODY_SIZE, labels[i], TEXT_W - Q_INDENT - 18));
		PDF_STEP(pdf_need(p, (double)p->nlines * BODY_LEAD + 2));
		PDF_STEP(tick_box(p, M_LEFT + Q_INDENT, p->y - BODY_LEAD + 2.5));
		PDF_STEP(flow(p, p->reg, BODY_SIZE, BODY_LEAD, C_TEXT, Q_INDENT + 18,
		    labels[i], false));
		p->y -= 3;
	}
out:
	return p->err;
}

uf_err
pdf_tick_row(struct pdf *p, const char *const *labels, size_t n)
{
	double colw, lead = NOTE_LEAD, maxl = 1;

	if (p->err)
		return p->err;
	if (n == 0)
		return UF_OK;
	colw = (TEXT_W - Q_INDENT) / (double)n;
	for (size_t i = 0; i < n; i++) {
		PDF_STEP(wrap(p, p->reg, NOTE_SIZE, labels[i], colw - 6));
		if ((double)p->nlines > maxl)
			maxl = (double)p->nlines;
	}
	PDF_STEP(pdf_need(p, Q_BOX + 6 + maxl * lead + 4));
	double top = p->y - 4;
	for (size_t i = 0; i < n; i++) {
		double cx = M_LEFT + Q_INDENT + colw * ((double)i + 0.5);
		PDF_STEP(tick_box(p, cx - Q_BOX / 2, top - Q_BOX));
		PDF_STEP(wrap(p, p->reg, NOTE_SIZE, labels[i], colw - 6));
		for (size_t l = 0; l < p->nlines; l++) {
			const char *s = labels[i] + p->lines[l].off;
			double w = text_width(p, p->reg, NOTE_SIZE, s, p->lines[l].len);
			PDF_STEP(draw_text(p, p->reg, NOTE_SIZE, C_TEXT, cx - w / 2,
			    top - Q_BOX - 4 - lead * (double)(l + 1) + 2, s, p->lines[l].len));
		}
	}
	p->y = top - Q_BOX - 4 - maxl * lead - 4;
out:
	return p->err;
}

uf_err
pdf_write_lines(struct pdf *p, int n)
{
	if (p->err)
		return p->err;
	PDF_STEP(pdf_need(p, 22.0 * n));
	for (int i = 0; i < n; i++) {
		p->y -= 22;
		PDF_STEP(draw_line(p, C_RULE, 0.6, M_LEFT + Q_INDENT, p->y, M_LEFT + TEXT_W, p->y));
	}
	p->y -= 6;
out:
	return p->err;
}

uf_err
pdf_write_box(struct pdf *p, double width, const char *after)
{
	if (p->err)
		return p->err;
	PDF_STEP(pdf_need(p, 30));
	p->y -= 24;
	HP(HPDF_Page_SetRGBStroke(p->page, (HPDF_REAL)C_TEXT.r, (HPDF_REAL)C_TEXT.g,
	    (HPDF_REAL)C_TEXT.b));
	HP(HPDF_Page_SetLineWidth(p->page, 0.8));
	HP(HPDF_Page_Rectangle(p->page, (HPDF_REAL)(M_LEFT + Q_INDENT), (HPDF_REAL)p->y,
	    (HPDF_REAL)width, 20));
	HP(HPDF_Page_Stroke(p->page));
	if (after != NULL)
		PDF_STEP(draw_text(p, p->reg, NOTE_SIZE + 0.5, C_GREY, M_LEFT + Q_INDENT + width + 8,
		    p->y + 6, after, strlen(after)));
	p->y -= 6;
out:
	return p->err;
}

/* ---- title page ---------------------------------------------------------- */

uf_err
pdf_title_page(struct pdf *p, const char *title, const char *subtitle,
    const char *const *lines, size_t nlines, const char *notice,
    const char *foot)
{
	if (p->err)
		return p->err;
	if (p->npages != 0)
		return p->err = UF_EINTERNAL;
	PDF_STEP(new_page(p));
	p->titled = true;
	PDF_STEP(fill_rect(p, C_HEAD, 0, PAGE_H - 250, PAGE_W, 250));
	PDF_STEP(fill_rect(p, C_LIKERT[4], 0, PAGE_H - 256, PAGE_W, 6));
	PDF_STEP(draw_text(p, p->bold, 10, (struct rgb){ 0.80, 0.87, 0.95 }, M_LEFT,
	    PAGE_H - 70, "UTVÄRDERING", strlen("UTVÄRDERING")));
	PDF_STEP(wrap(p, p->bold, 26, title, TEXT_W));
	double y = PAGE_H - 112;
	for (size_t i = 0; i < p->nlines && i < 4; i++) {
		PDF_STEP(draw_text(p, p->bold, 26, (struct rgb){ 1, 1, 1 }, M_LEFT, y,
		    title + p->lines[i].off, p->lines[i].len));
		y -= 32;
	}
	PDF_STEP(wrap(p, p->reg, 15, subtitle, TEXT_W));
	y -= 6;
	for (size_t i = 0; i < p->nlines && i < 3; i++) {
		PDF_STEP(draw_text(p, p->reg, 15, (struct rgb){ 0.88, 0.92, 0.97 }, M_LEFT, y,
		    subtitle + p->lines[i].off, p->lines[i].len));
		y -= 20;
	}
	y = PAGE_H - 300;
	for (size_t i = 0; i < nlines; i++) {
		PDF_STEP(draw_text(p, p->reg, 11.5, C_TEXT, M_LEFT, y, lines[i], strlen(lines[i])));
		y -= 18;
	}
	if (notice != NULL) {
		y -= 16;
		PDF_STEP(wrap(p, p->bold, 11, notice, TEXT_W - 28));
		double h = (double)p->nlines * 15 + 18;
		PDF_STEP(fill_rect(p, (struct rgb){ 1.0, 0.95, 0.80 }, M_LEFT, y - h, TEXT_W, h));
		PDF_STEP(fill_rect(p, (struct rgb){ 0.90, 0.62, 0.00 }, M_LEFT, y - h, 4, h));
		double ty = y - 20;
		for (size_t i = 0; i < p->nlines; i++) {
			PDF_STEP(draw_text(p, p->bold, 11, (struct rgb){ 0.45, 0.30, 0.0 },
			    M_LEFT + 16, ty, notice + p->lines[i].off, p->lines[i].len));
			ty -= 15;
		}
	}
	if (foot != NULL) {
		PDF_STEP(wrap(p, p->reg, 8.5, foot, TEXT_W));
		double fy = M_BOTTOM + (double)p->nlines * 11;
		for (size_t i = 0; i < p->nlines; i++) {
			PDF_STEP(draw_text(p, p->reg, 8.5, C_GREY, M_LEFT, fy,
			    foot + p->lines[i].off, p->lines[i].len));
			fy -= 11;
		}
	}
out:
	return p->err;
}

/* ---- tables ----------------------------------------------------------------- */

#define T_SIZE      8.0
#define T_HEAD_SIZE 7.6
#define T_LEAD      10.0
#define T_PADX      3.5
#define T_PADY      3.0

struct tlayout {
	double x[TABLE_MAX_COLS + 1]; /* column edges */
	double head_h;
	double size, head_size, lead; /* type: T_SIZE etc., smaller if compact */
};

static size_t
count_lines(struct pdf *p, HPDF_Font f, double size, const char *s, double w)
{
	if (wrap(p, f, size, s, w) != UF_OK)
		return 1;
	return p->nlines ? p->nlines : 1;
}

static double
row_height(struct pdf *p, const struct table *t, const struct tlayout *L, size_t r)
{
	size_t maxl = 1;
	if (t->kinds[r] == TABLE_ROW_SUBHEAD)
		return (double)count_lines(p, p->bold, L->size, table_get(t, r, 0),
		           TEXT_W - 2 * T_PADX) *
		    L->lead +
		    2 * T_PADY;
	for (size_t c = 0; c < t->ncols; c++) {
		size_t n = count_lines(p, t->kinds[r] == TABLE_ROW_TOTAL ? p->bold : p->reg,
		    L->size, table_get(t, r, c), L->x[c + 1] - L->x[c] - 2 * T_PADX);
		if (n > maxl)
			maxl = n;
	}
	return (double)maxl * L->lead + 2 * T_PADY;
}

/* Draw the text s in the cell [x0, x1] starting at top y. */
static uf_err
cell_text(struct pdf *p, HPDF_Font f, double size, double lead, struct rgb c,
    double x0, double x1, double top, const char *s, enum table_align al)
{
	PDF_STEP(wrap(p, f, size, s, x1 - x0 - 2 * T_PADX));
	for (size_t i = 0; i < p->nlines; i++) {
		const char *ls = s + p->lines[i].off;
		size_t ll = p->lines[i].len;
		double w = text_width(p, f, size, ls, ll), x = x0 + T_PADX;
		if (al == TABLE_RIGHT)
			x = x1 - T_PADX - w;
		else if (al == TABLE_CENTER)
			x = (x0 + x1 - w) / 2.0;
		double base = top - T_PADY - (double)(i + 1) * lead + 2.6;
		PDF_STEP(draw_text(p, f, size, c, x, base, ls, ll));
	}
out:
	return p->err;
}

static uf_err
table_header(struct pdf *p, const struct table *t, const struct tlayout *L,
    bool cont)
{
	if (cont) {
		char buf[600];
		int n = snprintf(buf, sizeof buf, "%s (forts.)", t->caption);
		if (n > 0 && (size_t)n < sizeof buf)
			PDF_STEP(flow(p, p->bold, 8.5, 12, C_GREY, 0, buf, false));
		p->y -= 2;
	}
	PDF_STEP(fill_rect(p, C_HEADFILL, M_LEFT, p->y - L->head_h, TEXT_W, L->head_h));
	for (size_t c = 0; c < t->ncols; c++)
		PDF_STEP(cell_text(p, p->bold, L->head_size, L->lead, C_HEAD, L->x[c],
		    L->x[c + 1], p->y, t->cols[c].head, t->cols[c].align));
	p->y -= L->head_h;
	PDF_STEP(draw_line(p, C_HEAD, 0.8, M_LEFT, p->y, M_LEFT + TEXT_W, p->y));
out:
	return p->err;
}

uf_err
pdf_table(struct pdf *p, const struct table *t)
{
	struct tlayout L;
	double wsum = 0;
	double *heights = NULL;

	if (p->err)
		return p->err;
	if (t->ncols == 0)
		return UF_OK;
	for (size_t c = 0; c < t->ncols; c++)
		wsum += t->cols[c].weight;
	L.x[0] = M_LEFT;
	for (size_t c = 0; c < t->ncols; c++)
		L.x[c + 1] = L.x[c] + TEXT_W * t->cols[c].weight / wsum;
	L.head_h = 0;
	/* a compact table (many narrow figure columns) is set a point smaller */
	L.size = t->compact ? T_SIZE - 1.0 : T_SIZE;
	L.head_size = t->compact ? T_HEAD_SIZE - 0.8 : T_HEAD_SIZE;
	L.lead = t->compact ? T_LEAD - 1.2 : T_LEAD;
	for (size_t c = 0; c < t->ncols; c++) {
		double h = (double)count_lines(p, p->bold, L.head_size, t->cols[c].head,
		               L.x[c + 1] - L.x[c] - 2 * T_PADX) *
		        L.lead +
		    2 * T_PADY;
		if (h > L.head_h)
			L.head_h = h;
	}
	heights = malloc((t->nrows ? t->nrows : 1) * sizeof *heights);
	if (heights == NULL) {
		p->err = UF_ENOMEM;
		goto out;
	}
	double total = 0;
	for (size_t r = 0; r < t->nrows; r++) {
		heights[r] = row_height(p, t, &L, r);
		total += heights[r];
	}
	double cap_h = (double)count_lines(p, p->bold, 9, t->caption, TEXT_W) * 12.5 + 4;
	double first = t->nrows ? heights[0] : 0;
	/* Keep a table that fits on one page together; else at least caption,
	 * header and two rows. */
	double whole = cap_h + L.head_h + total + 4;
	if (whole < TOP_Y - M_BOTTOM - 20)
		PDF_STEP(pdf_need(p, whole));
	else
		PDF_STEP(pdf_need(p, cap_h + L.head_h + first * 2));
	PDF_STEP(flow(p, p->bold, 9, 12.5, C_TEXT, 0, t->caption, false));
	p->y -= 4;
	PDF_STEP(table_header(p, t, &L, false));
	bool zebra = false;
	for (size_t r = 0; r < t->nrows; r++) {
		double h = heights[r];
		if (p->y - h < M_BOTTOM) {
			PDF_STEP(new_page(p));
			PDF_STEP(table_header(p, t, &L, true));
			zebra = false;
		}
		enum table_row_kind k = t->kinds[r];
		if (k == TABLE_ROW_SUBHEAD) {
			PDF_STEP(fill_rect(p, C_SUBFILL, M_LEFT, p->y - h, TEXT_W, h));
			PDF_STEP(cell_text(p, p->bold, L.size, L.lead, C_HEAD, M_LEFT,
			    M_LEFT + TEXT_W, p->y, table_get(t, r, 0), TABLE_LEFT));
			zebra = false;
		} else {
			if (k == TABLE_ROW_TOTAL)
				PDF_STEP(draw_line(p, C_HEAD, 0.6, M_LEFT, p->y, M_LEFT + TEXT_W, p->y));
			else if (zebra)
				PDF_STEP(fill_rect(p, C_ZEBRA, M_LEFT, p->y - h, TEXT_W, h));
			zebra = !zebra;
			for (size_t c = 0; c < t->ncols; c++)
				PDF_STEP(cell_text(p, k == TABLE_ROW_TOTAL ? p->bold : p->reg, L.size,
				    L.lead, C_TEXT, L.x[c], L.x[c + 1], p->y, table_get(t, r, c),
				    t->cols[c].align));
		}
		p->y -= h;
	}
	PDF_STEP(draw_line(p, C_RULE, 0.6, M_LEFT, p->y, M_LEFT + TEXT_W, p->y));
	p->y -= 4;
	if (t->note != NULL)
		PDF_STEP(flow(p, p->reg, 7.5, 9.8, C_GREY, 0, t->note, false));
	p->y -= 10;
out:
	free(heights);
	return p->err;
}

/* ---- diverging bars ------------------------------------------------------------ */

#define DB_LABEL_W (TEXT_W * 0.38)
#define DB_N_W     34.0
#define DB_BAR_H   11.0

static uf_err
legend(struct pdf *p, const char *const *names, const struct rgb *colors,
    size_t n, bool lines)
{
	double x = M_LEFT, size = 7.5;
	PDF_STEP(pdf_need(p, 14));
	for (size_t i = 0; i < n; i++) {
		double w = text_width(p, p->reg, size, names[i], strlen(names[i])) + 22;
		if (x + w > M_LEFT + TEXT_W) {
			x = M_LEFT;
			p->y -= 12;
		}
		if (lines) {
			PDF_STEP(draw_line(p, colors[i], 1.8, x, p->y - 6, x + 12, p->y - 6));
		} else {
			PDF_STEP(fill_rect(p, colors[i], x, p->y - 9, 9, 9));
		}
		PDF_STEP(draw_text(p, p->reg, size, C_TEXT, x + 14, p->y - 8, names[i],
		    strlen(names[i])));
		x += w;
	}
	p->y -= 16;
out:
	return p->err;
}

static uf_err
db_axis(struct pdf *p, double cx, double half)
{
	static const char *const lab[5] = { "100 %", "50 %", "0", "50 %", "100 %" };
	for (int i = 0; i < 5; i++) {
		double x = cx + (i - 2) * half / 2.0;
		double w = text_width(p, p->reg, 6.5, lab[i], strlen(lab[i]));
		PDF_STEP(draw_text(p, p->reg, 6.5, C_GREY, x - w / 2, p->y - 7, lab[i], strlen(lab[i])));
	}
	p->y -= 10;
out:
	return p->err;
}

static uf_err
db_grid(struct pdf *p, double cx, double half, double top, double bottom)
{
	PDF_STEP(set_dash(p, true));
	for (int i = 0; i < 5; i++)
		if (i != 2)
			PDF_STEP(draw_line(p, C_RULE, 0.4, cx + (i - 2) * half / 2.0, top,
			    cx + (i - 2) * half / 2.0, bottom));
	PDF_STEP(set_dash(p, false));
out:
	return p->err;
}

uf_err
pdf_divbars(struct pdf *p, const char *caption, const char *const legend_names[5],
    const struct pdf_divbar_row *rows, size_t nrows)
{
	double x0 = M_LEFT + DB_LABEL_W + 6, x1 = M_LEFT + TEXT_W - DB_N_W;
	double cx = (x0 + x1) / 2.0, half = (x1 - x0) / 2.0;
	double scale = half / 100.0;
	double *hs = NULL;

	if (p->err)
		return p->err;
	if (nrows == 0)
		return UF_OK;
	hs = malloc(nrows * sizeof *hs);
	if (hs == NULL)
		return p->err = UF_ENOMEM;
	double need = 12.5 * 2 + 30;
	for (size_t r = 0; r < nrows; r++) {
		size_t nl = count_lines(p, p->reg, 7.5, rows[r].label, DB_LABEL_W);
		hs[r] = fmax((double)nl * 9.2, DB_BAR_H) + 6;
		if (r < 3)
			need += hs[r];
	}
	PDF_STEP(pdf_need(p, need));
	PDF_STEP(flow(p, p->bold, 9, 12.5, C_TEXT, 0, caption, false));
	p->y -= 3;
	size_t r = 0;
	while (r < nrows) {
		if (r > 0)
			PDF_STEP(new_page(p));
		PDF_STEP(legend(p, legend_names, C_LIKERT, 5, false));
		PDF_STEP(db_axis(p, cx, half));
		/* the rows that fit on this page; grid first, bars over it */
		size_t end = r;
		double used = 0;
		while (end < nrows && (end == r || p->y - used - hs[end] >= M_BOTTOM))
			used += hs[end++];
		double top = p->y;
		PDF_STEP(db_grid(p, cx, half, top, top - used));
		for (; r < end; r++) {
			const struct pdf_divbar_row *row = &rows[r];
			double h = hs[r], mid = p->y - h / 2.0;
			PDF_STEP(wrap(p, p->reg, 7.5, row->label, DB_LABEL_W));
			double ty = mid + ((double)p->nlines * 9.2) / 2.0 - 7.2;
			for (size_t i = 0; i < p->nlines; i++) {
				PDF_STEP(draw_text(p, p->reg, 7.5, C_TEXT, M_LEFT, ty,
				    row->label + p->lines[i].off, p->lines[i].len));
				ty -= 9.2;
			}
			if (row->hidden) {
				const char *note = row->note ? row->note : "";
				PDF_STEP(draw_text(p, p->reg, 7, C_GREY, cx + 6, mid - 2.5, note,
				    strlen(note)));
			} else {
				double x = cx - (row->pct[0] + row->pct[1] + row->pct[2] / 2.0) * scale;
				for (int k = 0; k < 5; k++) {
					double w = row->pct[k] * scale;
					PDF_STEP(fill_rect(p, C_LIKERT[k], x, mid - DB_BAR_H / 2, w, DB_BAR_H));
					if (row->pct[k] >= 7.0) {
						char num[8];
						/* rounded as in the tables: half away from zero */
						int n = snprintf(num, sizeof num, "%.0f",
						    stats_round(row->pct[k], 0));
						if (n > 0 && (size_t)n < sizeof num) {
							double tw = text_width(p, p->reg, 6.5, num, (size_t)n);
							struct rgb c = (k == 0 || k == 4) ?
							    (struct rgb){ 1, 1, 1 } :
							    C_TEXT;
							PDF_STEP(draw_text(p, p->reg, 6.5, c, x + (w - tw) / 2,
							    mid - 2.3, num, (size_t)n));
						}
					}
					x += w;
				}
				char nb[32];
				int n = snprintf(nb, sizeof nb, "n=%ld", row->n);
				if (n > 0 && (size_t)n < sizeof nb)
					PDF_STEP(draw_text(p, p->reg, 6.5, C_GREY, x1 + 5, mid - 2.3, nb,
					    (size_t)n));
			}
			p->y -= h;
		}
		PDF_STEP(draw_line(p, C_TEXT, 0.8, cx, top, cx, p->y));
	}
	p->y -= 14;
out:
	free(hs);
	return p->err;
}

/* ---- trend chart ----------------------------------------------------------------- */

static uf_err
marker(struct pdf *p, size_t s, double x, double y)
{
	struct rgb c = C_SERIES[s % PDF_TREND_MAX_SERIES];
	HP(HPDF_Page_SetRGBFill(p->page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b));
	switch (s % 4) {
	case 0:
		HP(HPDF_Page_Circle(p->page, (HPDF_REAL)x, (HPDF_REAL)y, 3.2));
		break;
	case 1:
		HP(HPDF_Page_Rectangle(p->page, (HPDF_REAL)(x - 3), (HPDF_REAL)(y - 3), 6, 6));
		break;
	case 2:
		HP(HPDF_Page_MoveTo(p->page, (HPDF_REAL)(x - 3.6), (HPDF_REAL)(y - 3)));
		HP(HPDF_Page_LineTo(p->page, (HPDF_REAL)(x + 3.6), (HPDF_REAL)(y - 3)));
		HP(HPDF_Page_LineTo(p->page, (HPDF_REAL)x, (HPDF_REAL)(y + 3.6)));
		HP(HPDF_Page_ClosePath(p->page));
		break;
	default:
		HP(HPDF_Page_MoveTo(p->page, (HPDF_REAL)x, (HPDF_REAL)(y - 4)));
		HP(HPDF_Page_LineTo(p->page, (HPDF_REAL)(x + 4), (HPDF_REAL)y));
		HP(HPDF_Page_LineTo(p->page, (HPDF_REAL)x, (HPDF_REAL)(y + 4)));
		HP(HPDF_Page_LineTo(p->page, (HPDF_REAL)(x - 4), (HPDF_REAL)y));
		HP(HPDF_Page_ClosePath(p->page));
		break;
	}
	HP(HPDF_Page_Fill(p->page));
out:
	return p->err;
}

uf_err
pdf_trend(struct pdf *p, const char *caption, const int *months, size_t nx,
    const struct pdf_trend_series *s, size_t ns)
{
	const double plot_h = 150, left = M_LEFT + 44, right = M_LEFT + TEXT_W * 0.78;
	const char *names[PDF_TREND_MAX_SERIES];
	if (p->err)
		return p->err;
	if (nx == 0 || nx > PDF_TREND_MAX_X || ns > PDF_TREND_MAX_SERIES)
		return UF_OK;
	PDF_STEP(pdf_need(p, plot_h + 70));
	PDF_STEP(flow(p, p->bold, 9, 12.5, C_TEXT, 0, caption, false));
	p->y -= 3;
	for (size_t i = 0; i < ns; i++)
		names[i] = s[i].name;
	PDF_STEP(legend(p, names, C_SERIES, ns, true));
	double top = p->y - 6, bottom = top - plot_h;
	/* y grid 1..5 */
	for (int v = 1; v <= 5; v++) {
		double y = bottom + (v - 1) * plot_h / 4.0;
		char lab[4];
		int n = snprintf(lab, sizeof lab, "%d", v);
		PDF_STEP(draw_line(p, v == 1 ? C_GREY : C_RULE, v == 1 ? 0.7 : 0.35, left, y, right, y));
		if (n > 0)
			PDF_STEP(draw_text(p, p->reg, 7, C_GREY, left - 12, y - 2.5, lab, (size_t)n));
	}
	PDF_STEP(draw_text(p, p->reg, 6.5, C_GREY, M_LEFT, top + 4, "Medelvärde (1–5)",
	    strlen("Medelvärde (1–5)")));
	double step = (right - left) / (double)nx;
	for (size_t i = 0; i < nx; i++) {
		char lab[32];
		int n = snprintf(lab, sizeof lab, "%d månader", months[i]);
		double x = left + step * ((double)i + 0.5);
		if (n > 0 && (size_t)n < sizeof lab) {
			double w = text_width(p, p->reg, 7.5, lab, (size_t)n);
			PDF_STEP(draw_text(p, p->reg, 7.5, C_TEXT, x - w / 2, bottom - 12, lab, (size_t)n));
		}
	}
	for (size_t k = 0; k < ns; k++) {
		struct rgb c = C_SERIES[k % PDF_TREND_MAX_SERIES];
		double dodge = ((double)k - ((double)ns - 1) / 2.0) * 5.0;
		double px = 0, py = 0;
		bool have = false;
		for (size_t i = 0; i < nx; i++) {
			if (isnan(s[k].mean[i])) {
				have = false;
				continue;
			}
			double x = left + step * ((double)i + 0.5) + dodge;
			double y = bottom + (s[k].mean[i] - 1) * plot_h / 4.0;
			if (have)
				PDF_STEP(draw_line(p, c, 1.6, px, py, x, y));
			if (!isnan(s[k].lo[i]) && !isnan(s[k].hi[i])) {
				double ylo = bottom + (fmax(1, s[k].lo[i]) - 1) * plot_h / 4.0;
				double yhi = bottom + (fmin(5, s[k].hi[i]) - 1) * plot_h / 4.0;
				PDF_STEP(draw_line(p, c, 0.8, x, ylo, x, yhi));
				PDF_STEP(draw_line(p, c, 0.8, x - 2.5, ylo, x + 2.5, ylo));
				PDF_STEP(draw_line(p, c, 0.8, x - 2.5, yhi, x + 2.5, yhi));
			}
			px = x;
			py = y;
			have = true;
		}
		for (size_t i = 0; i < nx; i++) {
			if (isnan(s[k].mean[i]))
				continue;
			double x = left + step * ((double)i + 0.5) + dodge;
			double y = bottom + (s[k].mean[i] - 1) * plot_h / 4.0;
			PDF_STEP(marker(p, k, x, y));
		}
	}
	p->y = bottom - 26;
out:
	return p->err;
}

/* ---- finish: contents, page numbers, save ------------------------------------------- */

#define TOC_LEAD 16.0

static uf_err
draw_toc(struct pdf *p, HPDF_Page *toc_pages, size_t ntp, size_t shift)
{
	size_t e = 0;
	for (size_t tp = 0; tp < ntp; tp++) {
		p->page = toc_pages[tp];
		p->y = TOP_Y;
		if (tp == 0) {
			PDF_STEP(draw_text(p, p->bold, 17, C_HEAD, M_LEFT, p->y - 17, "Innehåll",
			    strlen("Innehåll")));
			PDF_STEP(fill_rect(p, C_HEAD, M_LEFT, p->y - 26, 48, 2.2));
			p->y -= 44;
		}
		while (e < p->ntoc && p->y - TOC_LEAD >= M_BOTTOM) {
			const struct toc_entry *t = &p->toc[e];
			bool l1 = t->level <= 1;
			double indent = l1 ? 0 : 16, size = l1 ? 10.5 : 9.5;
			HPDF_Font f = l1 ? p->bold : p->reg;
			if (l1 && e > 0)
				p->y -= 4;
			double base = p->y - 12;
			size_t num = t->page + shift + 1;
			char nb[16];
			int n = snprintf(nb, sizeof nb, "%zu", num);
			if (n < 0 || (size_t)n >= sizeof nb)
				return p->err = UF_EINTERNAL;
			double nw = text_width(p, f, size, nb, (size_t)n);
			/* the entry text, cut to one line */
			double maxw = TEXT_W - indent - 40;
			PDF_STEP(wrap(p, f, size, t->text, maxw));
			size_t tl = p->nlines ? p->lines[0].len : 0;
			double tw = text_width(p, f, size, t->text, tl);
			PDF_STEP(draw_text(p, f, size, l1 ? C_HEAD : C_TEXT, M_LEFT + indent, base,
			    t->text, tl));
			PDF_STEP(set_dash(p, true));
			PDF_STEP(draw_line(p, C_RULE, 0.6, M_LEFT + indent + tw + 5, base + 1,
			    M_LEFT + TEXT_W - nw - 5, base + 1));
			PDF_STEP(set_dash(p, false));
			PDF_STEP(draw_text(p, f, size, C_TEXT, M_LEFT + TEXT_W - nw, base, nb, (size_t)n));
			/* a link to the heading's page */
			HPDF_Destination dst = HPDF_Page_CreateDestination(p->pages[t->page]);
			if (dst == NULL)
				return p->err ? p->err : (p->err = UF_EINTERNAL);
			HPDF_Rect rect = { (HPDF_REAL)M_LEFT, (HPDF_REAL)(base - 4),
				(HPDF_REAL)(M_LEFT + TEXT_W), (HPDF_REAL)(base + size) };
			HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(p->page, rect, dst);
			if (a == NULL)
				return p->err ? p->err : (p->err = UF_EINTERNAL);
			HP(HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0));
			p->y -= TOC_LEAD;
			e++;
		}
	}
out:
	return p->err;
}

/* The shaped Arabic forms' nested glyph parts, in both fonts' subsets. */
static uf_err
embed_nested(struct pdf *p)
{
	static const char *const files[2] = { "DejaVuSans.ttf", "DejaVuSans-Bold.ttf" };
	const HPDF_Font fonts[2] = { p->reg, p->bold };
	char path[600];
	for (size_t i = 0; i < 2; i++) {
		const char *name = HPDF_Font_GetFontName(fonts[i]);
		int w = snprintf(path, sizeof path, "%s/%s", p->font_dir, files[i]);
		if (name == NULL || w < 0 || (size_t)w >= sizeof path)
			return p->err = UF_EINTERNAL;
		uf_err e = pdf_font_embed_nested(p->d.pdf, name, path);
		if (e != UF_OK)
			return p->err = e;
	}
	return UF_OK;
}

uf_err
pdf_finish(struct pdf *p, const char *footer, const char *path)
{
	HPDF_Page *tocp = NULL;
	if (p->err)
		return p->err;
	if (p->npages == 0)
		return p->err = UF_EINTERNAL;
	/* pages needed for the contents */
	double first = TOP_Y - 44 - M_BOTTOM, rest = TOP_Y - M_BOTTOM;
	size_t per_first = (size_t)(first / (TOC_LEAD + 4)), per = (size_t)(rest / (TOC_LEAD + 4));
	/* a document without a title page (a questionnaire) has no contents */
	size_t ntp = p->titled ? 1 : 0;
	if (p->titled && p->ntoc > per_first)
		ntp += (p->ntoc - per_first + per - 1) / per;
	tocp = calloc(ntp ? ntp : 1, sizeof *tocp);
	if (tocp == NULL)
		return p->err = UF_ENOMEM;
	for (size_t i = 0; i < ntp; i++) {
		HPDF_Page pg = p->npages > 1 ? HPDF_InsertPage(p->d.pdf, p->pages[1]) : HPDF_AddPage(p->d.pdf);
		if (pg == NULL) {
			if (!p->err)
				p->err = UF_EINTERNAL;
			goto out;
		}
		HP(HPDF_Page_SetSize(pg, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT));
		tocp[i] = pg;
	}
	if (ntp > 0)
		PDF_STEP(draw_toc(p, tocp, ntp, ntp));
	/* footers: every page but the title page */
	size_t total = p->npages + ntp;
	for (size_t i = p->titled ? 1 : 0; i < total; i++) {
		size_t num = i + 1;
		p->page = i == 0 ? p->pages[0] : i <= ntp ? tocp[i - 1] :
		                                            p->pages[i - ntp];
		char nb[48];
		int n = snprintf(nb, sizeof nb, "Sida %zu av %zu", num, total);
		if (n < 0 || (size_t)n >= sizeof nb) {
			p->err = UF_EINTERNAL;
			goto out;
		}
		PDF_STEP(draw_line(p, C_RULE, 0.5, M_LEFT, FOOT_Y + 12, M_LEFT + TEXT_W, FOOT_Y + 12));
		PDF_STEP(draw_text(p, p->reg, 7.5, C_GREY, M_LEFT, FOOT_Y, footer, strlen(footer)));
		double w = text_width(p, p->reg, 7.5, nb, (size_t)n);
		PDF_STEP(draw_text(p, p->reg, 7.5, C_GREY, M_LEFT + TEXT_W - w, FOOT_Y, nb, (size_t)n));
	}
	/* a draft says so on every page, the title page too */
	for (size_t i = 0; p->watermark != NULL && i < total; i++) {
		p->page = i == 0 ? p->pages[0] : i <= ntp ? tocp[i - 1] :
		                                            p->pages[i - ntp];
		PDF_STEP(draw_watermark(p));
	}
	if (p->shaped)
		PDF_STEP(embed_nested(p));
	if (!pdfdoc_save_file(&p->d, path)) {
		p->err = UF_EIO;
		goto out;
	}
out:
	free(tocp);
	return p->err;
}
