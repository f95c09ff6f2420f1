/* SPDX-License-Identifier: ISC
 * Report text written in the admin web, printed: its minimal markup (blank
 * line: paragraph, "- ": list item, "*word*": emphasis, "## ": heading) into
 * the PDF through pdf.h. The text is outside input: it is checked here
 * again, never trusted to be what the admin web let through.
 */
#ifndef UF_REPORT_MARKUP_H
#define UF_REPORT_MARKUP_H
#include <stddef.h>
#include "err.h"
#include "pdf.h"

#define MARKUP_MAX 200000       /* bytes: 50,000 characters of UTF-8 */

/* Print text into p; "## " lines become headings of heading_level. Text
 * that is not UTF-8 or longer than MARKUP_MAX prints a note saying so
 * instead; other control characters than line breaks and tabs print as
 * spaces. Returns pdf's sticky error or UF_ENOMEM. */
uf_err markup_render(struct pdf *p, const char *text, int heading_level);

#endif
