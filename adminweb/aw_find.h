/* SPDX-License-Identifier: ISC
 * Finding the participant a withdrawal or an access request is about, from
 * the posted fields "kod" (an access code) or "panel" (a panel id), and the
 * two form fields themselves.
 */
#ifndef UF_ADMINWEB_AW_FIND_H
#define UF_ADMINWEB_AW_FIND_H

#include "aw.h"
#include "codes.h"
#include "study.h"

struct aw_found {
	long long participant;
	char panel_id[PANEL_ID_MAX];
	char grp[16];
	char report_label[UNIT_LABEL_MAX * 4 + 1];
};

/* UF_EINVAL / UF_ENOTFOUND with *msg (Swedish, for the page) when the
 * fields are wrong or nobody matches; other errors are the database's. */
uf_err aw_find_participant(struct web_ctx *c, const char **msg,
    struct aw_found *out);

/* The form's "kod" and "panel" inputs, each in its <div>; panel_hint (may
 * be NULL) is a hint paragraph under the panel id. */
void aw_find_fields(struct hw *w, const char *panel_hint);

#endif
