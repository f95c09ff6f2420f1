/* SPDX-License-Identifier: ISC
 * The admin web's minimal markup, block by block: paragraphs and list
 * items go to pdf_rich (which sets the emphasis), headings to pdf_heading.
 * Nothing in the text is interpreted beyond these four marks.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "markup.h"
#include "utf8.h"

enum block { B_NONE, B_PARA, B_ITEM };

/* Print the block gathered in buf (if any) and empty it. */
static uf_err
flush(struct pdf *p, enum block *b, char *buf, size_t *len)
{
	uf_err e = UF_OK;
	if (*b != B_NONE && *len > 0) {
		buf[*len] = '\0';
		e = pdf_rich(p, buf, *b == B_ITEM);
	}
	*b = B_NONE;
	*len = 0;
	return e;
}

/* Append line[0..n) to the block, a space between lines. */
static void
append(char *buf, size_t *len, const char *line, size_t n)
{
	if (*len > 0)
		buf[(*len)++] = ' ';
	memcpy(buf + *len, line, n);
	*len += n;
}

uf_err
markup_render(struct pdf *p, const char *text, int heading_level)
{
	size_t tl = strlen(text), len = 0;
	enum block b = B_NONE;
	char *clean = NULL, *buf = NULL;
	uf_err e = UF_OK;

	if (tl > MARKUP_MAX || !utf8_text_ok(text, tl))
		return pdf_note(p, "(Texten kan inte visas: den är för lång eller inte "
		    "giltig UTF-8. Spara den på nytt i administrationen.)");
	clean = malloc(tl + 1);
	buf = malloc(tl + 2);
	if (clean == NULL || buf == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	/* CR LF and lone CR end lines; other control characters are spaces */
	size_t n = 0;
	for (size_t i = 0; i < tl; i++) {
		unsigned char ch = (unsigned char)text[i];
		if (ch == '\r') {
			if (i + 1 < tl && text[i + 1] == '\n')
				continue;
			ch = '\n';
		} else if ((ch < 0x20 && ch != '\n') || ch == 0x7F) {
			ch = ' ';
		}
		clean[n++] = (char)ch;
	}
	clean[n] = '\0';
	for (char *line = clean; line != NULL && e == UF_OK; ) {
		char *nl = strchr(line, '\n');
		size_t ll = nl ? (size_t)(nl - line) : strlen(line);
		/* leading and trailing blanks do not matter */
		while (ll > 0 && (line[ll - 1] == ' ' || line[ll - 1] == '\t'))
			ll--;
		char *s = line;
		while (ll > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			ll--;
		}
		if (ll == 0) {
			e = flush(p, &b, buf, &len);
		} else if (ll > 3 && strncmp(s, "## ", 3) == 0) {
			if ((e = flush(p, &b, buf, &len)) == UF_OK) {
				char save = s[ll];
				s[ll] = '\0';
				e = pdf_heading(p, heading_level, s + 3);
				s[ll] = save;
			}
		} else if (ll > 2 && strncmp(s, "- ", 2) == 0) {
			if ((e = flush(p, &b, buf, &len)) == UF_OK) {
				b = B_ITEM;
				append(buf, &len, s + 2, ll - 2);
			}
		} else {
			if (b == B_NONE)
				b = B_PARA;
			append(buf, &len, s, ll);   /* continues a paragraph or item */
		}
		line = nl ? nl + 1 : NULL;
	}
	if (e == UF_OK)
		e = flush(p, &b, buf, &len);
out:
	free(clean);
	free(buf);
	return e;
}
