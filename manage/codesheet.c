/* SPDX-License-Identifier: ISC
 * Code sheet PDF with libharu and libqrencode: 2 x 4 slips per A4 page with
 * dashed cut lines. Every libharu status is checked; the error handler only
 * records the first failure (no longjmp), so cleanup always runs. The clear
 * codes pass through here and are in the PDF only.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <hpdf.h>
#include <qrencode.h>

#include "codesheet.h"
#include "form.h"
#include "log.h"
#include "pdfdoc.h"
#include "utf8.h"

#define PAGE_W   PDFDOC_A4_W
#define PAGE_H   PDFDOC_A4_H
#define MARGIN   28.0f /* about 10 mm: printers cannot reach the edge */
#define COLS     2
#define ROWS     4
#define SLIP_W   ((PAGE_W - 2 * MARGIN) / COLS)
#define SLIP_H   ((PAGE_H - 2 * MARGIN) / ROWS)
#define PAD      12.0f
#define QR_SIZE  90.0f /* points, quiet zone included */
#define QR_QUIET 4     /* modules of white around the symbol */
#define LINK_MAX (CODESHEET_URL_MAX + 4 + CODE_LEN + 1)

/* What the survey is, in two plain lines (the consent texts say the same). */
static const char line_voluntary[] =
    "Enkäten är frivillig och du kan avbryta när du vill.";
static const char line_anonymous[] =
    "Ingen enskild person kan identifieras i rapporterna.";

struct sheet {
	struct pdfdoc doc;
	HPDF_Page page; /* doc.page, for short */
	HPDF_Font sans, bold, mono, monoreg;
};

bool
codesheet_base_url_ok(const char *base)
{
	size_t i, n;

	if (base == NULL)
		return false;
	n = strnlen(base, CODESHEET_URL_MAX + 1);
	if (n > CODESHEET_URL_MAX)
		return false;
	if (strncmp(base, "https://", 8) == 0)
		i = 8;
	else if (strncmp(base, "http://", 7) == 0)
		i = 7;
	else
		return false;
	if (i == n || base[i] == '/')
		return false; /* a host is required */
	for (; i < n; i++) {
		unsigned char c = (unsigned char)base[i];
		if (c <= 0x20 || c >= 0x7f || strchr("\"'<>\\`{}|^#?", c) != NULL)
			return false;
	}
	return true;
}

uf_err
codesheet_link(const char *base, const char *code, char *out, size_t outlen)
{
	size_t n;
	int w;

	if (!codesheet_base_url_ok(base) || code == NULL ||
	    strlen(code) != CODE_LEN)
		return UF_EINVAL;
	n = strlen(base);
	if (base[n - 1] == '/')
		n--;
	w = snprintf(out, outlen, "%.*s/k/%s", (int)n, base, code);
	return w < 0 || (size_t)w >= outlen ? UF_ELIMIT : UF_OK;
}

/* Largest size <= max (down to min) at which text fits width. */
static float
fit_size(struct sheet *s, HPDF_Font f, const char *text, float max, float min,
    float width)
{
	float size;

	for (size = max; size > min; size -= 0.5f) {
		if (HPDF_Page_SetFontAndSize(s->page, f, size) != HPDF_OK)
			return min;
		if (HPDF_Page_TextWidth(s->page, text) <= width)
			return size;
	}
	return min;
}

/* One line of text at (x, y), shrunk to fit width and, if still too long,
 * cut after the last whole character that fits. */
static bool
text_line(struct sheet *s, HPDF_Font f, float max, float min, float x, float y,
    float width, const char *text)
{
	char cut[512];
	float size = fit_size(s, f, text, max, min, width);
	size_t fits, n = strlen(text);

	if (HPDF_Page_SetFontAndSize(s->page, f, size) != HPDF_OK)
		return false;
	fits = pdfdoc_fit(s->page, text, width, false);
	if (fits < n) {
		if (fits >= sizeof(cut))
			fits = sizeof(cut) - 1;
		fits = utf8_floor(text, fits); /* still on a whole character */
		memcpy(cut, text, fits);
		cut[fits] = '\0';
		text = cut;
	}
	return HPDF_Page_BeginText(s->page) == HPDF_OK &&
	    HPDF_Page_TextOut(s->page, x, y, text) == HPDF_OK &&
	    HPDF_Page_EndText(s->page) == HPDF_OK;
}

/* The QR code of link with its top-left corner at (x, ytop). */
static bool
draw_qr(struct sheet *s, const char *link, float x, float ytop)
{
	QRcode *qr = QRcode_encodeString(link, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	float m, x0, y0;
	int n, row, col, run;
	bool ok = false;

	if (qr == NULL) {
		log_error("codesheet msg=\"QRcode_encodeString failed\"");
		return false;
	}
	n = qr->width;
	m = QR_SIZE / (float)(n + 2 * QR_QUIET);
	x0 = x + QR_QUIET * m;
	y0 = ytop - QR_QUIET * m;
	for (row = 0; row < n; row++) {
		for (col = 0; col<n; col += run> 0 ? run : 1) {
			run = 0;
			while (col + run < n && (qr->data[row * n + col + run] & 1))
				run++;
			/* Rows overlap a hair so no white seam shows when rendered. */
			if (run > 0 && HPDF_Page_Rectangle(s->page, x0 + (float)col * m, y0 - (float)(row + 1) * m, (float)run * m, m * 1.02f) != HPDF_OK)
				goto out;
		}
	}
	ok = HPDF_Page_Fill(s->page) == HPDF_OK;
out:
	QRcode_free(qr);
	return ok;
}

static bool
draw_slip(struct sheet *s, const struct codes_batch *b, const char *base,
    size_t i, float x, float ytop)
{
	char printed[CODE_PRINT_LEN + 1], link[LINK_MAX], line[512];
	float left = x + PAD, top = ytop - PAD;
	float textw = SLIP_W - 2 * PAD - QR_SIZE - 6;
	float fullw = SLIP_W - 2 * PAD;
	const char *g = group_title(b->grp);
	int w;

	code_format(b->slips[i].code, printed);
	if (codesheet_link(base, b->slips[i].code, link, sizeof(link)) != UF_OK)
		return false;
	w = snprintf(line, sizeof(line), "%s · %d månader", g, b->months);
	if (w < 0 || (size_t)w >= sizeof(line))
		return false;
	if (!text_line(s, s->bold, 11, 8, left, top - 11, textw,
	        "Enkät om peer support") ||
	    !text_line(s, s->sans, 8.5f, 6.5f, left, top - 25, textw, line) ||
	    !text_line(s, s->sans, 8.5f, 6.5f, left, top - 37, textw, b->report_label) ||
	    !text_line(s, s->mono, 20, 14, left, top - 68, textw, printed))
		return false;
	w = snprintf(line, sizeof(line), "Koden gäller t.o.m. %s.", b->closes_on);
	if (w < 0 || (size_t)w >= sizeof(line))
		return false;
	if (!text_line(s, s->sans, 8, 6, left, top - 84, textw,
	        "Din personliga kod.") ||
	    !text_line(s, s->sans, 8, 6, left, top - 98, textw,
	        "Skanna QR-koden, eller gå till") ||
	    !text_line(s, s->monoreg, 8, 5, left, top - 108, textw, base) ||
	    !text_line(s, s->sans, 8, 6, left, top - 118, textw,
	        "och skriv in koden.") ||
	    !text_line(s, s->sans, 8, 6, left, top - 132, fullw, line) ||
	    !draw_qr(s, link, x + SLIP_W - PAD - QR_SIZE, top + 2))
		return false;
	return text_line(s, s->sans, 8, 6, left, ytop - SLIP_H + PAD + 11, fullw,
	           line_voluntary) &&
	    text_line(s, s->sans, 8, 6, left, ytop - SLIP_H + PAD, fullw,
	        line_anonymous);
}

/* Dashed cut lines around every slip of a page, and the page's hint. */
static bool
draw_cuts(struct sheet *s, int pageno, int npages)
{
	static const HPDF_UINT16 dash[] = { 4, 3 };
	char hint[128];
	int i, w;

	w = snprintf(hint, sizeof(hint), "Klipp längs de streckade linjerna. "
	                                 "Sida %d av %d.",
	    pageno, npages);
	if (w < 0 || (size_t)w >= sizeof(hint))
		return false;
	if (HPDF_Page_SetDash(s->page, dash, 2, 0) != HPDF_OK ||
	    HPDF_Page_SetLineWidth(s->page, 0.5f) != HPDF_OK ||
	    HPDF_Page_SetGrayStroke(s->page, 0.45f) != HPDF_OK)
		return false;
	for (i = 0; i <= COLS; i++)
		if (HPDF_Page_MoveTo(s->page, MARGIN + (float)i * SLIP_W, MARGIN) != HPDF_OK ||
		    HPDF_Page_LineTo(s->page, MARGIN + (float)i * SLIP_W,
		        PAGE_H - MARGIN) != HPDF_OK)
			return false;
	for (i = 0; i <= ROWS; i++)
		if (HPDF_Page_MoveTo(s->page, MARGIN, MARGIN + (float)i * SLIP_H) != HPDF_OK ||
		    HPDF_Page_LineTo(s->page, PAGE_W - MARGIN,
		        MARGIN + (float)i * SLIP_H) != HPDF_OK)
			return false;
	return HPDF_Page_Stroke(s->page) == HPDF_OK &&
	    HPDF_Page_SetDash(s->page, NULL, 0, 0) == HPDF_OK &&
	    text_line(s, s->sans, 7, 7, MARGIN, PAGE_H - MARGIN + 8,
	        PAGE_W - 2 * MARGIN, hint);
}

uf_err
codesheet_render(const struct codes_batch *b, const char *base_url,
    const char *font_dir, struct buf *pdf)
{
	struct sheet s;
	size_t i;
	int npages, slot;
	uf_err e = UF_EINTERNAL;

	memset(&s, 0, sizeof(s));
	if (!codesheet_base_url_ok(base_url) || b == NULL || b->n == 0)
		return UF_EINVAL;
	if ((e = pdfdoc_open(&s.doc, "codesheet", "uppfolj", "uppfolj access codes")) != UF_OK)
		return e;
	e = UF_EINTERNAL;
	s.sans = pdfdoc_font(&s.doc, font_dir, "DejaVuSans.ttf");
	s.bold = pdfdoc_font(&s.doc, font_dir, "DejaVuSans-Bold.ttf");
	s.mono = pdfdoc_font(&s.doc, font_dir, "DejaVuSansMono-Bold.ttf");
	s.monoreg = pdfdoc_font(&s.doc, font_dir, "DejaVuSansMono.ttf");
	if (s.sans == NULL || s.bold == NULL || s.mono == NULL || s.monoreg == NULL) {
		e = UF_EIO;
		goto out;
	}
	npages = (int)((b->n + CODESHEET_PER_PAGE - 1) / CODESHEET_PER_PAGE);
	for (i = 0; i < b->n; i++) {
		slot = (int)(i % CODESHEET_PER_PAGE);
		if (slot == 0) {
			if (!pdfdoc_add_page(&s.doc))
				goto out;
			s.page = s.doc.page;
			if (!draw_cuts(&s, (int)(i / CODESHEET_PER_PAGE) + 1, npages) ||
			    HPDF_Page_SetRGBFill(s.page, 0, 0, 0) != HPDF_OK)
				goto out;
		}
		if (!draw_slip(&s, b, base_url, i,
		        MARGIN + (float)(slot % COLS) * SLIP_W,
		        PAGE_H - MARGIN - (float)(slot / COLS) * SLIP_H))
			goto out;
	}
	if (!pdfdoc_save(&s.doc, pdf))
		goto out;
	e = UF_OK;
out:
	pdfdoc_close(&s.doc, e);
	return e;
}
