/* SPDX-License-Identifier: ISC
 * The admin web's minimal markup: text -> blocks -> pdf calls. Nothing in
 * the text is interpreted beyond the four marks; everything else prints as
 * written.
 */
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "utf8.h"

void
markup_blocks_free(struct markup_block *b, size_t n)
{
	for (size_t i = 0; b != NULL && i < n; i++)
		free(b[i].text);
	free(b);
}

/* Append a block of kind k whose text is s[0..len). */
static uf_err
push(struct markup_block **v, size_t *n, size_t *cap, enum markup_kind k,
    const char *s, size_t len)
{
	if (*n == MARKUP_MAX_BLOCKS)
		return UF_ELIMIT;
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct markup_block *nv = realloc(*v, nc * sizeof *nv);
		if (nv == NULL)
			return UF_ENOMEM;
		*v = nv;
		*cap = nc;
	}
	char *t = malloc(len + 1);
	if (t == NULL)
		return UF_ENOMEM;
	memcpy(t, s, len);
	t[len] = '\0';
	(*v)[(*n)++] = (struct markup_block){ k, t };
	return UF_OK;
}

uf_err
markup_blocks(const char *text, struct markup_block **out, size_t *n)
{
	size_t tl = strlen(text), cap = 0, len = 0, nb = 0;
	struct markup_block *v = NULL;
	enum markup_kind open = MARKUP__MAX; /* none */
	char *clean = NULL, *buf = NULL;
	uf_err e = UF_OK;

	*out = NULL;
	*n = 0;
	if (tl > MARKUP_MAX)
		return UF_ELIMIT;
	if (!utf8_valid(text, tl))
		return UF_EINVAL;
	clean = malloc(tl + 1);
	buf = malloc(tl + 1);
	if (clean == NULL || buf == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	/* CR LF and lone CR end lines; other control characters are spaces */
	size_t k = 0;
	for (size_t i = 0; i < tl; i++) {
		unsigned char ch = (unsigned char)text[i];
		if (ch == '\r') {
			if (i + 1 < tl && text[i + 1] == '\n')
				continue;
			ch = '\n';
		} else if ((ch < 0x20 && ch != '\n') || ch == 0x7F) {
			ch = ' ';
		}
		clean[k++] = (char)ch;
	}
	clean[k] = '\0';
	for (char *line = clean; line != NULL && e == UF_OK;) {
		char *nl = strchr(line, '\n');
		size_t ll = nl ? (size_t)(nl - line) : strlen(line);
		char *s = line;
		while (ll > 0 && s[ll - 1] == ' ')
			ll--;
		while (ll > 0 && *s == ' ') {
			s++;
			ll--;
		}
		bool heading = ll > 3 && strncmp(s, "## ", 3) == 0;
		bool item = ll > 2 && strncmp(s, "- ", 2) == 0;
		/* a blank line, a heading or an item ends the open block */
		if ((ll == 0 || heading || item) && open != MARKUP__MAX) {
			e = push(&v, &nb, &cap, open, buf, len);
			open = MARKUP__MAX;
			len = 0;
		}
		if (e != UF_OK || ll == 0) {
			line = nl ? nl + 1 : NULL;
			continue;
		}
		if (heading) {
			size_t h = 3;
			while (h < ll && s[h] == ' ')
				h++;
			e = push(&v, &nb, &cap, MARKUP_HEADING, s + h, ll - h);
		} else {
			if (item) {
				open = MARKUP_ITEM;
				s += 2;
				ll -= 2;
				while (ll > 0 && *s == ' ') {
					s++;
					ll--;
				}
			} else if (open == MARKUP__MAX) {
				open = MARKUP_PARAGRAPH;
			}
			if (len > 0)
				buf[len++] = ' ';
			memcpy(buf + len, s, ll);
			len += ll;
		}
		line = nl ? nl + 1 : NULL;
	}
	if (e == UF_OK && open != MARKUP__MAX && len > 0)
		e = push(&v, &nb, &cap, open, buf, len);
	if (e == UF_OK) {
		*out = v;
		*n = nb;
		v = NULL;
	}
out:
	markup_blocks_free(v, nb);
	free(clean);
	free(buf);
	return e;
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether the '*' at s[i] may open a run. */
static bool
opens_run(const char *s, size_t i, size_t len)
{
	if (i + 1 >= len || is_blank(s[i + 1]) || s[i + 1] == '*')
		return false;
	if (i == 0 || is_blank(s[i - 1]) || s[i - 1] == '(' || s[i - 1] == '"')
		return true;
	/* after a typographic quote or dash (U+2013 – U+201D: E2 80 xx) */
	return i >= 3 && (unsigned char)s[i - 3] == 0xE2 &&
	    (unsigned char)s[i - 2] == 0x80;
}

void
markup_emphasis(const char *s, size_t len, unsigned char *kind)
{
	memset(kind, PDF_RUN_NORMAL, len);
	for (size_t i = 0; i < len; i++) {
		if (s[i] != '*' || !opens_run(s, i, len))
			continue;
		size_t j = i + 2;
		while (j < len && s[j] != '\n' && !(s[j] == '*' && !is_blank(s[j - 1])))
			j++;
		if (j >= len || s[j] != '*')
			continue;
		kind[i] = kind[j] = PDF_RUN_HIDDEN;
		memset(kind + i + 1, PDF_RUN_BOLD, j - i - 1);
		i = j;
	}
}

uf_err
markup_render(struct pdf *p, const char *text, int heading_level)
{
	struct markup_block *b = NULL;
	unsigned char *kind = NULL;
	size_t n = 0;
	uf_err e = markup_blocks(text, &b, &n);

	if (e == UF_EINVAL || e == UF_ELIMIT)
		return pdf_note(p, "(Texten kan inte visas: den är för lång eller inte "
		                   "giltig UTF-8. Spara den på nytt i administrationen.)");
	if (e != UF_OK)
		return e;
	for (size_t i = 0; i < n && e == UF_OK; i++) {
		enum markup_kind k = b[i].kind;
		size_t len = strlen(b[i].text);
		switch (k) {
		case MARKUP_HEADING:
			e = pdf_heading(p, heading_level, b[i].text);
			break;
		case MARKUP_PARAGRAPH:
		case MARKUP_ITEM:
			free(kind);
			if ((kind = malloc(len + 1)) == NULL) {
				e = UF_ENOMEM;
				break;
			}
			markup_emphasis(b[i].text, len, kind);
			e = pdf_rich(p, b[i].text, kind, k == MARKUP_ITEM);
			break;
		case MARKUP__MAX:
			break;
		}
	}
	free(kind);
	markup_blocks_free(b, n);
	return e;
}
