/* SPDX-License-Identifier: ISC
 * uppfolj-collect's handlers, hooks and page renderers. The route table in
 * collect_routes.c says which handler serves which path with which checks.
 */
#ifndef UF_COLLECT_HANDLERS_H
#define UF_COLLECT_HANDLERS_H
#include <stddef.h>
#include "err.h"
#include "form.h"
#include "html.h"
#include "web.h"

extern const struct route collect_routes[];
extern const size_t collect_nroutes;

/* Pipeline hooks (collect_session.c). */
uf_err collect_session_load(struct web_ctx *c);
uf_err collect_csrf_check(struct web_ctx *c);

/* h_start.c */
uf_err h_start(struct web_ctx *c);
uf_err h_link(struct web_ctx *c);
uf_err h_login(struct web_ctx *c);
uf_err h_resume(struct web_ctx *c);
uf_err h_cancel(struct web_ctx *c);
uf_err h_thanks(struct web_ctx *c);
uf_err h_timeout(struct web_ctx *c);
/* h_info.c */
uf_err h_info(struct web_ctx *c);
uf_err h_consent(struct web_ctx *c);
/* h_survey.c */
uf_err h_page_get(struct web_ctx *c);
uf_err h_page_post(struct web_ctx *c);
uf_err h_review(struct web_ctx *c);
uf_err h_submit(struct web_ctx *c);
/* h_api.c */
uf_err h_api_health(struct web_ctx *c);
uf_err h_api_instrument(struct web_ctx *c);
uf_err v_api_response(struct web_ctx *c);
uf_err h_api_response(struct web_ctx *c);

/* collect_render.c: pieces of survey pages. */
struct csession;
void render_item(struct hw *w, const struct form *f, size_t i,
    const struct form_answer *an, const char *error, const char *cond_note,
    bool big);
/* "Frågor med * måste besvaras.": once per page with a required item. */
void render_required_note(struct hw *w);
void render_answer_text(struct hw *w, const struct form *f, size_t i,
    const struct form_answer *an);
/* "Gäller bara om du svarade ... på frågan ..." for item i's show_if; NULL
 * when it has none. Arena string (plain text, not escaped). */
const char *render_cond_note(struct arena *a, const struct form *f, size_t i);
/* The idle timeout as page refresh to /slut. */
int collect_idle_seconds(void);
/* Clear the session cookie in the reply. */
uf_err collect_clear_session_cookie(struct web_ctx *c);

#endif
