/* SPDX-License-Identifier: ISC
 * Report text written in the admin web, printed: its minimal markup (blank
 * line: paragraph, "- ": list item, "*word*": emphasis, "## ": heading) read
 * into blocks and emphasis runs (pure functions, unit-tested), and printed
 * through pdf.h. The text is outside input: it is checked here again, never
 * trusted to be what the admin web let through.
 */
#ifndef UF_REPORT_MARKUP_H
#define UF_REPORT_MARKUP_H
#include <stdbool.h>
#include <stddef.h>
#include "err.h"
#include "pdf.h"

#define MARKUP_MAX        200000 /* bytes: 50,000 characters of UTF-8 */
#define MARKUP_MAX_BLOCKS 5000

enum markup_kind { MARKUP_PARAGRAPH,
	MARKUP_ITEM,
	MARKUP_HEADING,
	MARKUP__MAX };

struct markup_block {
	enum markup_kind kind;
	char *text; /* its lines joined by spaces, no marks */
};

/* text's blocks in order into *out (free with markup_blocks_free). Lines
 * end at LF, CR LF or CR; other control characters become spaces; blanks
 * around a line do not count; a line that does not start a block continues
 * the one before. UF_EINVAL for text that is not UTF-8, UF_ELIMIT over
 * MARKUP_MAX bytes or MARKUP_MAX_BLOCKS blocks, UF_ENOMEM. */
uf_err markup_blocks(const char *text, struct markup_block **out, size_t *n);
void markup_blocks_free(struct markup_block *b, size_t n); /* NULL-safe */

/* What each byte of s[0..len) is (kind[0..len)): a run opens at a '*' at
 * the start or after a space, '(' , '"' or a typographic quote or dash,
 * with a non-space after it, and closes at the next '*' after a non-space
 * on the same line; the two '*' are PDF_RUN_HIDDEN, the bytes between
 * PDF_RUN_BOLD. Any other '*' is text. */
void markup_emphasis(const char *s, size_t len, unsigned char *kind);

/* Print text into p: paragraphs and items with their emphasis, headings
 * at heading_level. Text refused by markup_blocks prints a note saying
 * why instead. Returns pdf's sticky error or UF_ENOMEM. */
uf_err markup_render(struct pdf *p, const char *text, int heading_level);

#endif
