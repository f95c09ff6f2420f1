/* SPDX-License-Identifier: ISC
 * The one libharu layer; see pdfdoc.h.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "log.h"
#include "pdfdoc.h"
#include "utf8.h"

static void
on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	struct pdfdoc *d = user_data;

	/* Record and return: never longjmp, so the caller's cleanup runs. */
	if (d->err == 0) {
		d->err = error_no;
		d->detail = detail_no;
		if (d->problem[0] == '\0' && snprintf(d->problem, sizeof d->problem, "libharu error 0x%04X (detail %u)", (unsigned)error_no, (unsigned)detail_no) < 0)
			d->problem[0] = '\0';
	}
}

bool
pdfdoc_ok(struct pdfdoc *d, HPDF_STATUS s)
{
	if (s != HPDF_OK && d->err == 0) {
		d->err = s;
		if (d->problem[0] == '\0' && snprintf(d->problem, sizeof d->problem, "libharu status 0x%04X", (unsigned)s) < 0)
			d->problem[0] = '\0';
	}
	return s == HPDF_OK && d->err == 0;
}

uf_err
pdfdoc_open(struct pdfdoc *d, const char *what, const char *creator,
    const char *title)
{
	memset(d, 0, sizeof(*d));
	d->what = what;
	d->pdf = HPDF_New(on_error, d);
	if (d->pdf == NULL)
		return UF_ENOMEM;
	if (!pdfdoc_ok(d, HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL)) ||
	    !pdfdoc_ok(d, HPDF_UseUTFEncodings(d->pdf)) ||
	    !pdfdoc_ok(d, HPDF_SetInfoAttr(d->pdf, HPDF_INFO_CREATOR, creator)) ||
	    !pdfdoc_ok(d, HPDF_SetInfoAttr(d->pdf, HPDF_INFO_PRODUCER, "uppfolj (libharu)")) ||
	    !pdfdoc_ok(d, HPDF_SetInfoAttr(d->pdf, HPDF_INFO_TITLE, title))) {
		pdfdoc_close(d, UF_EINTERNAL);
		return UF_EINTERNAL;
	}
	return UF_OK;
}

HPDF_Font
pdfdoc_font(struct pdfdoc *d, const char *dir, const char *file)
{
	char path[512];
	const char *name;
	FILE *fp;
	int w = snprintf(path, sizeof(path), "%s/%s", dir != NULL ? dir : UF_FONT_DIR,
	    file);

	if (w < 0 || (size_t)w >= sizeof(path)) {
		if (d->problem[0] == '\0' && snprintf(d->problem, sizeof d->problem, "font folder path too long") < 0)
			d->problem[0] = '\0';
		return NULL;
	}
	/* libharu reports a missing file as a generic error: check first so
	 * the message can say which font. */
	if ((fp = fopen(path, "rb")) == NULL) {
		if (d->problem[0] == '\0' && snprintf(d->problem, sizeof d->problem, "font %s not found (apt-get install fonts-dejavu-core)", path) < 0)
			d->problem[0] = '\0';
		return NULL;
	}
	fclose(fp);
	name = HPDF_LoadTTFontFromFile(d->pdf, path, HPDF_TRUE);
	if (name == NULL)
		return NULL;
	return HPDF_GetFont(d->pdf, name, "UTF-8");
}

size_t
pdfdoc_fit(HPDF_Page page, const char *text, float width, bool wrap)
{
	size_t len = strlen(text), n = 0;

	if (len == 0)
		return 0;
	if (wrap)
		n = HPDF_Page_MeasureText(page, text, width, HPDF_TRUE, NULL);
	if (n == 0)
		n = HPDF_Page_MeasureText(page, text, width, HPDF_FALSE, NULL);
	if (n > len)
		n = len;
	while (n > 0 && n < len && utf8_continues((unsigned char)text[n]))
		n--;
	if (n == 0)
		for (n = 1; n < len && utf8_continues((unsigned char)text[n]); n++)
			;
	return n;
}

bool
pdfdoc_add_page(struct pdfdoc *d)
{
	return (d->page = HPDF_AddPage(d->pdf)) != NULL &&
	    HPDF_Page_SetWidth(d->page, PDFDOC_A4_W) == HPDF_OK &&
	    HPDF_Page_SetHeight(d->page, PDFDOC_A4_H) == HPDF_OK &&
	    HPDF_Page_SetRGBFill(d->page, 0, 0, 0) == HPDF_OK;
}

bool
pdfdoc_save(struct pdfdoc *d, struct buf *out)
{
	HPDF_BYTE chunk[65536];
	HPDF_UINT32 n;
	HPDF_STATUS st;

	if (HPDF_SaveToStream(d->pdf) != HPDF_OK)
		return false;
	for (;;) {
		n = sizeof(chunk);
		st = HPDF_ReadFromStream(d->pdf, chunk, &n);
		if (st != HPDF_OK && st != HPDF_STREAM_EOF)
			return false;
		if (n > 0 && buf_add(out, chunk, n) != UF_OK)
			return false;
		if (st == HPDF_STREAM_EOF)
			return true;
	}
}

bool
pdfdoc_save_file(struct pdfdoc *d, const char *path)
{
	return pdfdoc_ok(d, HPDF_SaveToFile(d->pdf, path));
}

void
pdfdoc_close(struct pdfdoc *d, uf_err e)
{
	if (e != UF_OK)
		log_error("%s err=%s hpdf=0x%04lx detail=%lu msg=\"%s\"", d->what,
		    uf_err_name(e), (unsigned long)d->err, (unsigned long)d->detail,
		    d->problem);
	if (d->pdf != NULL)
		HPDF_Free(d->pdf);
	d->pdf = NULL;
	d->page = NULL;
}
