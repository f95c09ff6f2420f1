/* SPDX-License-Identifier: ISC
 * uppfolj-admin error-pages: nginx's static error pages for the respondent
 * routes, one set per language of forms/ui/ (413 body too large; 502/503/504
 * for a page asked for and for a form sent), written from the page texts so
 * that no language is written by hand. nginx picks a set by the language
 * cookie (deploy/nginx/nginx.conf.in); these pages never reach the program.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "cmd.h"
#include "lang.h"
#include "opts.h"

#define CMD          "error-pages"
#define PAGE_MAX     (64u * 1024)
#define PATH_MAX_LEN 4096

/* The kinds of page, each written as <file>.<tag>.html. */
enum err_page {
	EP_TOO_LARGE,   /* 413: nginx refused the body */
	EP_UNAVAILABLE, /* 502/503/504 on a page asked for (GET): tries again */
	EP_NOT_SENT,    /* 502/503/504 when a form was sent: goes back to it */
	EP__MAX
};

static const char *const page_file[EP__MAX] = {
	[EP_TOO_LARGE] = "413",
	[EP_UNAVAILABLE] = "fel",
	[EP_NOT_SENT] = "fel-skicka",
};

/* Appending stops at the first error, which *e keeps. */
static void
raw(struct buf *b, uf_err *e, const char *markup)
{
	if (*e == UF_OK)
		*e = buf_adds(b, markup);
}

static void
esc(struct buf *b, uf_err *e, const char *s)
{
	if (*e == UF_OK)
		*e = buf_add_html(b, s);
}

static void
text(struct buf *b, uf_err *e, const struct lang *l, const char *key)
{
	esc(b, e, ui_str(l, key));
}

/* fel.js's texts, as attributes of body: the script names no language. */
static void
retry_texts(struct buf *b, uf_err *e, const struct lang *l)
{
	static const char *const attr[][2] = {
		{ "data-text-retry-in", "unavailable.retry_in" },
		{ "data-text-back-in", "unavailable.back_in" },
		{ "data-text-retrying", "unavailable.retrying" },
		{ "data-text-going-back", "unavailable.going_back" },
		{ "data-text-press", "unavailable.press" },
	};
	for (size_t i = 0; i < sizeof attr / sizeof attr[0]; i++) {
		raw(b, e, " ");
		raw(b, e, attr[i][0]);
		raw(b, e, "=\"");
		text(b, e, l, attr[i][1]);
		raw(b, e, "\"");
	}
}

/* What the two retrying pages differ in: how fel.js retries, where the
 * link leads without script, and their texts (page-text keys). */
struct retry_page {
	const char *attrs; /* body attributes before the texts */
	const char *href;
	const char *heading, *lead, *text, *button;
};

static const struct retry_page retry_page[EP__MAX] = {
	/* href="" is this very address: loading it again is the retry. */
	[EP_UNAVAILABLE] = { " data-retry=\"reload\"", "", "unavailable.get.heading",
	    "unavailable.get.lead", "unavailable.get.kept", "unavailable.get.button" },
	/* Without script the link resumes the session at its page. */
	[EP_NOT_SENT] = { " data-retry=\"back\" data-fallback=\"/fortsatt\"", "/fortsatt",
	    "unavailable.post.heading", "unavailable.post.lead", "unavailable.post.text",
	    "unavailable.post.button" },
};

/* The page's header, skip link and heading h. */
static void
page_top(struct buf *b, uf_err *e, const struct lang *l, const char *h)
{
	raw(b, e, "<a class=\"skip\" href=\"#main\">");
	text(b, e, l, "page.skip");
	raw(b, e, "</a>\n<header class=\"top\"><p class=\"brand\">");
	text(b, e, l, "page.brand");
	raw(b, e, "</p></header>\n<main id=\"main\">\n<h1>");
	text(b, e, l, h);
	raw(b, e, "</h1>\n<p class=\"lead\" role=\"alert\">");
}

/* The body's attributes and content of page k. */
static void
page_main(struct buf *b, uf_err *e, enum err_page k, const struct lang *l)
{
	const struct retry_page *r = &retry_page[k];

	switch (k) {
	case EP_TOO_LARGE:
		raw(b, e, ">\n");
		page_top(b, e, l, "error.too_large.title");
		text(b, e, l, "error.too_large.text");
		raw(b, e, "</p>\n<p><a class=\"button\" href=\"/");
		if (l != lang_ref()) {
			raw(b, e, "?lang=");
			esc(b, e, lang_tag(l));
		}
		raw(b, e, "\">");
		text(b, e, l, "error.home");
		raw(b, e, "</a></p>\n");
		break;
	case EP_UNAVAILABLE:
	case EP_NOT_SENT:
		raw(b, e, r->attrs);
		retry_texts(b, e, l);
		raw(b, e, ">\n");
		page_top(b, e, l, r->heading);
		text(b, e, l, r->lead);
		raw(b, e, "</p>\n<p>");
		text(b, e, l, r->text);
		raw(b, e, "</p>\n<p id=\"retry-status\" class=\"small\" role=\"status\"></p>\n"
		          "<p><a class=\"button\" id=\"retry\" href=\"");
		esc(b, e, r->href);
		raw(b, e, "\">");
		text(b, e, l, r->button);
		raw(b, e, "</a></p>\n");
		break;
	case EP__MAX: *e = UF_EINTERNAL; return;
	}
	raw(b, e, "</main>\n</body>\n</html>\n");
}

static uf_err
render(struct buf *b, enum err_page k, const struct lang *l)
{
	uf_err e = UF_OK;

	raw(b, &e, "<!DOCTYPE html>\n<!-- SPDX-License-Identifier: ISC\n"
	           "     Written by uppfolj-admin error-pages from forms/ui/");
	esc(b, &e, lang_tag(l));
	raw(b, &e, ".json: change the texts there, not here. -->\n<html lang=\"");
	esc(b, &e, lang_tag(l));
	raw(b, &e, lang_rtl(l) ? "\" dir=\"rtl\">\n" : "\" dir=\"ltr\">\n");
	raw(b, &e, "<head>\n<meta charset=\"utf-8\">\n"
	           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	           "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
	text(b, &e, l, k == EP_TOO_LARGE ? "error.too_large.title" : "error.unavailable.title");
	raw(b, &e, " – ");
	text(b, &e, l, "page.title_suffix");
	raw(b, &e, "</title>\n<link rel=\"stylesheet\" href=\"/static/uppfolj.css\">\n");
	if (k != EP_TOO_LARGE)
		raw(b, &e, "<script src=\"/static/errors/fel.js\" defer></script>\n");
	raw(b, &e, "</head>\n<body class=\"plain\"");
	page_main(b, &e, k, l);
	return e;
}

/* Write b to dir/name by a rename, so nginx never serves half a page. */
static int
write_page(const char *dir, const char *name, const struct buf *b)
{
	char path[PATH_MAX_LEN], tmp[PATH_MAX_LEN];
	int n = snprintf(path, sizeof path, "%s/%s", dir, name);
	int m = snprintf(tmp, sizeof tmp, "%s/.%s.tmp", dir, name);
	FILE *f;
	bool ok;

	if (n < 0 || (size_t)n >= sizeof path || m < 0 || (size_t)m >= sizeof tmp)
		return opts_fail(CMD, "the folder name is too long");
	if (!(f = fopen(tmp, "w")))
		return opts_fail(CMD, "cannot write %s: %s", tmp, strerror(errno));
	ok = fwrite(b->data, 1, b->len, f) == b->len;
	ok = fclose(f) == 0 && ok;
	if (!ok || chmod(tmp, 0644) != 0 || rename(tmp, path) != 0) {
		int err = errno;
		(void)remove(tmp);
		return opts_fail(CMD, "cannot write %s: %s", path, strerror(err));
	}
	return 0;
}

int
cmd_error_pages(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "lang-dir", required_argument, NULL, 'L' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL, *lang_dir = NULL;
	bool quiet = false;
	char msg[512];
	struct buf b;
	int c, rc = 1;
	size_t written = 0;

	buf_init(&b, PAGE_MAX);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'L': lang_dir = optarg; break;
		case 'q': quiet = true; break;
		default: rc = opts_bad_option(CMD, c, argv); goto out;
		}
	}
	if (!out || optind != argc) {
		rc = opts_usage(CMD, "needs --out DIR and no other arguments");
		goto out;
	}
	if (mkdir(out, 0755) == 0 ? chmod(out, 0755) != 0 : errno != EEXIST) {
		rc = opts_fail(CMD, "cannot create %s: %s", out, strerror(errno));
		goto out;
	}
	if (!lang_dir)
		lang_dir = opts_data_dir("UPPFOLJ_LANG_DIR", UF_DATADIR "/forms", "forms");
	/* The same loading and checks as uppfolj-collect's: a file it would
	 * refuse makes no page either. */
	if (lang_table_load(lang_dir, msg, sizeof msg) != UF_OK) {
		rc = opts_fail(CMD, "no page texts in %s: %s", lang_dir, msg);
		goto out;
	}
	for (size_t i = 0; i < lang_count(); i++) {
		const struct lang *l = lang_at(i);
		for (int k = 0; k < EP__MAX; k++) {
			char name[128];
			int n = snprintf(name, sizeof name, "%s.%s.html", page_file[k], lang_tag(l));
			buf_reset(&b);
			if (n < 0 || (size_t)n >= sizeof name || render(&b, (enum err_page)k, l) != UF_OK) {
				rc = opts_fail(CMD, "cannot make the %s page of %s", page_file[k],
				    lang_tag(l));
				goto out;
			}
			if ((rc = write_page(out, name, &b)) != 0)
				goto out;
			written++;
		}
	}
	if (!quiet)
		printf("%zu pages in %zu languages in %s\n", written, lang_count(), out);
	rc = 0;
out:
	lang_table_free();
	buf_free(&b);
	return rc;
}
