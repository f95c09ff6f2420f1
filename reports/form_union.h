/* SPDX-License-Identifier: ISC
 * One instrument for a report from the versions a study's waves used. When
 * an instrument is revised between waves, the slutrapport must still show
 * every question that was asked in some wave: the union is the newest
 * version with the items only older versions had added after the last item
 * of their theme, and every item limited to the waves that asked it, so a
 * removed question reads "ställd bara vid 12 månader" instead of vanishing.
 * Items are matched by id (the instruments keep ids across versions).
 */
#ifndef UF_REPORTS_FORM_UNION_H
#define UF_REPORTS_FORM_UNION_H
#include <stddef.h>

#include "err.h"
#include "form.h"

#define FORM_UNION_MAX 8 /* versions of one instrument */

/* One version as a study used it: its definition (JSON text) and the
 * waves (months) that asked it. */
struct form_use {
	const char *def;
	int months[FORM_MAX_WAVES];
	size_t nmonths;
};

/* uses[0..n-1] in the order the study used them, the last one the newest;
 * a version may not repeat. The union's waves are the waves that used any
 * version; an item is asked where a version that has it was used (and its
 * own "waves" allow). On UF_OK *out is the union (form_free). UF_EFORMAT
 * or UF_ELIMIT with err when the union is not a valid instrument (e.g. too
 * many items), UF_EINVAL when a definition does not parse as JSON. */
uf_err form_union(const struct form_use *uses, size_t n, const char *name,
    struct form **out, struct form_error *err);

#endif
