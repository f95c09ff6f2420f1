/* SPDX-License-Identifier: ISC
 * One .qdpx archive through qdpx_read_open and qdpx_read_check with the
 * reader's promises checked: only the documented results; a refusal has a
 * message in valid UTF-8 (an out-of-memory has none); an accepted project
 * has its <Project> root, stays under the unpacked limit, and every text
 * source it names reads again as valid UTF-8 within its limit.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz_qdpx.h"
#include "qual_qdpx.h"
#include "qual_qdpx_read.h"
#include "utf8.h"

static void
sources_again(struct qdpx_read *r)
{
	for (const xmlNode *k = r->root->children; k != NULL; k = k->next) {
		if (!qdpx_is(k, "Sources"))
			continue;
		for (const xmlNode *s = k->children; s != NULL; s = s->next) {
			char *path, *text = NULL;
			size_t len = 0;

			if (!qdpx_is(s, "TextSource"))
				continue;
			path = qdpx_get(s, "plainTextPath");
			FUZZ_CHECK(qdpx_read_source(r, path, &text, &len) == UF_OK);
			FUZZ_CHECK(len <= QDPX_SOURCE_MAX && utf8_valid(text, len));
			free(text);
			xmlFree(path);
		}
	}
}

void
fuzz_qdpx_run(const uint8_t *zip, size_t len)
{
	struct qdpx_read r;
	uf_err e;

	e = qdpx_read_open(&r, zip, len);
	if (e == UF_OK)
		e = qdpx_read_check(&r);
	FUZZ_CHECK(e == UF_OK || e == UF_EINVAL || e == UF_ELIMIT || e == UF_ENOMEM);
	if (e == UF_OK) {
		FUZZ_CHECK(r.msg[0] == '\0' && r.root != NULL);
		FUZZ_CHECK(r.total <= QDPX_QDE_MAX); /* project.qde only, after the check */
		sources_again(&r);
		FUZZ_CHECK(r.total <= QDPX_TOTAL_MAX);
	} else if (e != UF_ENOMEM) {
		FUZZ_CHECK(r.msg[0] != '\0' && utf8_valid(r.msg, strlen(r.msg)));
	}
	qdpx_read_close(&r);
}
