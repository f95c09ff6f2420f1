/* SPDX-License-Identifier: ISC
 * Escaping writer and page skeleton. Everything that comes from a person or
 * the database goes through hw_text; markup literals through hw_raw.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "html.h"
#include "lang.h"

void
hw_init(struct hw *w, struct buf *b)
{
	w->b = b;
	w->err = UF_OK;
	w->lang = NULL;
	w->easy = false;
	w->form = NULL;
}

void
hw_raw(struct hw *w, const char *markup)
{
	if (w->err == UF_OK && markup)
		w->err = buf_adds(w->b, markup);
}

void
hw_text(struct hw *w, const char *s)
{
	if (w->err == UF_OK && s)
		w->err = buf_add_html(w->b, s);
}

void
hw_fmt(struct hw *w, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	int n;

	if (w->err != UF_OK)
		return;
	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		w->err = UF_EINTERNAL; /* our own markup never gets this long */
		return;
	}
	w->err = buf_add(w->b, tmp, (size_t)n);
}

uf_err
hw_done(const struct hw *w)
{
	return w->err;
}

void
hw_ui(struct hw *w, const struct lang *l, const char *key)
{
	hw_text(w, ui_str(l, key));
}

void
hw_ui_vfmt(struct hw *w, const char *key, va_list ap)
{
	struct buf b;

	if (w->err != UF_OK)
		return;
	buf_init(&b, 4 * LANG_TEXT_MAX);
	w->err = lang_vfill(&b, ui_str(w->lang, key), ap);
	hw_text(w, buf_str(&b));
	buf_free(&b);
}

void
hw_ui_fmt(struct hw *w, const char *key, ...)
{
	va_list ap;
	va_start(ap, key);
	hw_ui_vfmt(w, key, ap);
	va_end(ap);
}

/* A skeleton text: the language's, or the Swedish one on admin pages
 * (which load no language table). */
static const char *
skel(const struct page *p, const char *key, const char *sv)
{
	return p->lang ? ui_str(p->lang, key) : sv;
}

void
html_begin(struct hw *w, const struct page *p)
{
	hw_raw(w, "<!DOCTYPE html>\n<html lang=\"");
	hw_text(w, p->lang ? lang_tag(p->lang) : "sv");
	if (p->lang)
		hw_raw(w, lang_rtl(p->lang) ? "\" dir=\"rtl" : "\" dir=\"ltr");
	hw_raw(w, "\">\n");
	hw_raw(w, "<head>\n"
	          "<meta charset=\"utf-8\">\n"
	          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	          "<meta name=\"referrer\" content=\"no-referrer\">\n");
	hw_raw(w, "<title>");
	hw_text(w, p->title);
	hw_raw(w, " – ");
	hw_text(w, skel(p, "page.title_suffix", "Uppföljning"));
	hw_raw(w, "</title>\n"
	          "<link rel=\"stylesheet\" href=\"/static/uppfolj.css\">\n"
	          "<script src=\"/static/uppfolj.js\" defer></script>\n"
	          "<script src=\"/static/tapguard.js\" defer></script>\n"
	          "</head>\n<body");
	if (p->body_class) {
		hw_raw(w, " class=\"");
		hw_text(w, p->body_class);
		hw_raw(w, "\"");
	}
	if (p->idle_left > 0)
		hw_fmt(w, " data-idle-left=\"%d\" data-idle-warn=\"%d\"", p->idle_left,
		    p->idle_warn);
	if (p->return_seconds > 0)
		hw_fmt(w, " data-return=\"%d\"", p->return_seconds);
	/* The script's texts in the page's language; Swedish it knows. */
	if (p->lang && p->lang != lang_ref() && w->err == UF_OK) {
		struct buf j;
		buf_init(&j, 16 * LANG_TEXT_MAX);
		w->err = lang_json_prefix(&j, p->lang, "js.");
		hw_raw(w, " data-texts=\"");
		hw_text(w, buf_str(&j));
		hw_raw(w, "\"");
		buf_free(&j);
	}
	hw_raw(w, ">\n<a class=\"skip\" href=\"#main\">");
	hw_text(w, skel(p, "page.skip", "Till innehållet"));
	hw_raw(w, "</a>\n<header class=\"top\"><p class=\"brand\">");
	hw_text(w, skel(p, "page.brand", "Uppföljning av peer support"));
	hw_raw(w, "</p></header>\n");
	/* Someone trying the survey should see that nothing counts; set for
	 * test waves and codes (schema/0015). */
	if (p->test_mode) {
		hw_raw(w, "<p class=\"testmode\">");
		hw_text(w, skel(p, "page.test_mode", "Testläge: svaren räknas inte."));
		hw_raw(w, "</p>\n");
	}
	hw_raw(w, "<main id=\"main\">\n");
	hw_raw(w, p->top_markup);
}

void
html_end(struct hw *w)
{
	hw_raw(w, "</main>\n</body>\n</html>\n");
}

uf_err
html_message_page(struct buf *b, const struct lang *l, const char *title,
    const char *msg, const char *href, const char *link_text)
{
	struct hw w;
	struct page p = { .title = title, .body_class = "plain", .lang = l };

	hw_init(&w, b);
	w.lang = l;
	html_begin(&w, &p);
	hw_raw(&w, "<h1>");
	hw_text(&w, title);
	hw_raw(&w, "</h1>\n<p class=\"lead\" role=\"alert\">");
	hw_text(&w, msg);
	hw_raw(&w, "</p>\n");
	if (href) {
		hw_raw(&w, "<p><a class=\"button\" href=\"");
		hw_text(&w, href);
		hw_raw(&w, "\">");
		hw_text(&w, link_text);
		hw_raw(&w, "</a></p>\n");
	}
	html_end(&w);
	return hw_done(&w);
}

void
html_csrf(struct hw *w, const char *token)
{
	hw_raw(w, "<input type=\"hidden\" name=\"csrf\" value=\"");
	hw_text(w, token);
	hw_raw(w, "\">\n");
}
