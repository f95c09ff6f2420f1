/* SPDX-License-Identifier: ISC
 * HTML output: a writer that escapes by default and remembers its first
 * error, and the page skeleton every page shares (<html lang dir> of the
 * page's language, one stylesheet,
 * two deferred scripts, no inline script or style: the CSP forbids them).
 */
#ifndef UF_HTML_H
#define UF_HTML_H
#include <stdarg.h>
#include <stdbool.h>
#include "buf.h"
#include "err.h"

/* Appends to b; after the first failure every call is a no-op and
 * hw_done() returns that failure. */
struct hw {
	struct buf *b;
	uf_err err;
	/* The language the page is written in (lib/lang.h; NULL: sv) and
	 * whether easy-to-read texts are chosen: what ui_str and the
	 * instrument's text functions are asked with. hw_init sets sv, plain. */
	const struct lang *lang;
	bool easy;
	/* The instrument a survey page shows (NULL elsewhere): its texts are
	 * taken in lang and variant (form.h's form_item_text & co). */
	const struct form *form;
};

void hw_init(struct hw *w, struct buf *b);
void hw_raw(struct hw *w, const char *markup); /* trusted markup literal */
void hw_text(struct hw *w, const char *s);     /* escaped text/attribute */
/* Trusted markup with printf formatting: only for numbers and strings that
 * are already escaped or are fixed identifiers. */
void hw_fmt(struct hw *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
uf_err hw_done(const struct hw *w);

/* No page refreshes itself (<meta refresh> takes control away from the
 * reader, WCAG 2.2.1): timed behaviour is the script's, announced first,
 * and the server enforces the deadline on its own. */
struct page {
	const char *title;      /* <title> and the top heading's context */
	const char *body_class; /* "patient", "staff", "plain"; may be NULL */
	int idle_left;          /* > 0: seconds until the session ends (data-idle-left) */
	int idle_warn;          /* seconds before that end to ask "Är du kvar?" (data-idle-warn) */
	int return_seconds;     /* > 0: the script returns to the start after this (data-return) */
	bool test_mode;         /* a test session: a discreet "Testläge" under the header */
	/* The respondent's language (lib/lang.h): <html lang dir> and the
	 * skeleton's texts; NULL: Swedish (the admin pages). */
	const struct lang *lang;
	/* Markup put first in <main> (the language switch); trusted. */
	const char *top_markup;
};

void html_begin(struct hw *w, const struct page *p);
void html_end(struct hw *w);

/* A whole page: heading, one paragraph, one link button; in language l
 * (<html lang dir>; NULL: Swedish). */
struct lang;
uf_err html_message_page(struct buf *b, const struct lang *l, const char *title,
    const char *msg, const char *href, const char *link_text);

/* The text of key in lang (lib/lang.h), escaped. */
struct lang;
void hw_ui(struct hw *w, const struct lang *l, const char *key);
/* The text of key in w->lang with {name} placeholders from (name, value)
 * pairs ending in NULL, escaped. */
void hw_ui_fmt(struct hw *w, const char *key, ...) __attribute__((sentinel));
void hw_ui_vfmt(struct hw *w, const char *key, va_list ap);

/* The hidden CSRF field of a form. */
void html_csrf(struct hw *w, const char *token);

#endif
