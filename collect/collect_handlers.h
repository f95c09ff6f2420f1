/* SPDX-License-Identifier: ISC
 * uppfolj-collect's handlers, hooks and page renderers. The route table in
 * collect_routes.c says which handler serves which path with which checks.
 */
#ifndef UF_COLLECT_HANDLERS_H
#define UF_COLLECT_HANDLERS_H
#include <stdbool.h>
#include <stddef.h>
#include "err.h"
#include "form.h"
#include "html.h"
#include "web.h"

extern const struct route collect_routes[];
extern const size_t collect_nroutes;

/* Pipeline hooks (collect_session.c). */
uf_err collect_session_load(struct web_ctx *c);
/* Read the request's session from the database again (the cached one was
 * stale), as c->session. */
uf_err collect_session_reload(struct web_ctx *c);
uf_err collect_csrf_check(struct web_ctx *c);
/* A new view cookie on the reply (*out: its value, from the arena): the
 * answer to any request that may change the session. */
uf_err collect_view_renew(struct web_ctx *c, const char **out);

/* h_start.c */
uf_err h_start(struct web_ctx *c);
uf_err h_link(struct web_ctx *c);
uf_err h_login(struct web_ctx *c);
uf_err h_resume(struct web_ctx *c);
uf_err h_thanks(struct web_ctx *c);
/* h_end.c */
uf_err h_cancel(struct web_ctx *c);
uf_err h_timeout(struct web_ctx *c);
uf_err h_extend(struct web_ctx *c);

/* The ways a question page can end the session; each stores the page first. */
enum session_end {
	END_CANCEL, /* Avbryt */
	END_LATER,  /* "Spara och fortsätt senare" (staff) */
	END_IDLE,   /* the script's idle end */
	END__MAX
};
/* Whether a page's posted action ("cancel", "later", "idle") ends the session. */
bool collect_end_action(const char *action, enum session_end *out);
/* End the session from question page p: store what of the posted page is
 * valid as the draft, end, clear the browser's data, go to the start page. */
uf_err collect_page_end(struct web_ctx *c, size_t p, enum session_end how);
/* The session ended on this browser: expire its cookie and send
 * Clear-Site-Data (cache and storage). */
uf_err collect_session_ended(struct web_ctx *c);
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
struct lang;
const char *render_cond_note(struct arena *a, const struct lang *l, const struct form *f,
    size_t i);
/* collect_lang.c: the language switch and easy-to-read toggle. */
struct lang;
/* The language a page without a session shows: ?lang= when offered, else sv. */
const struct lang *collect_arg_lang(const struct req *r);
/* "" for sv, else "?lang=TAG" (sep '?') or "&lang=TAG" (sep '&'), for the
 * redirects that end a session. NULL when out of memory. */
const char *collect_lang_query(struct arena *a, const struct lang *l, char sep);
/* Markup: links to the start page in each language (no session yet). */
const char *collect_lang_links(struct arena *a, const struct lang *cur);
/* Markup: the session's switch (languages of the instrument and the
 * easy-to-read toggle) as buttons of form form_id, or (NULL) a form of its
 * own posting to /sprak and back to `to` ("information", "granska").
 * NULL when out of memory. */
const char *collect_view_switch(struct arena *a, const struct csession *s,
    const char *form_id, const char *to);
/* Store the posted lang/easy fields (if any) in the session; *changed:
 * there were some. UF_EINVAL for a language not offered. */
uf_err collect_view_from_post(struct web_ctx *c, bool *changed);
uf_err h_view(struct web_ctx *c);
/* A refused answer's message in l: the page text err->key names, with the
 * item's bounds ({min} {max} {chars}) filled in, which in Swedish is
 * err->msg; "Kontrollera svaret." in l for a message without a key. An
 * arena string; NULL when out of memory. */
struct form_error;
const char *collect_answer_message(struct arena *a, const struct lang *l,
    const struct form *f, const struct form_error *err);
/* The language of the framework's own error pages (web_app.error_lang),
 * without a database read: the session's when the request has one
 * (loaded, or this process's cached copy of it: the page may fail before
 * the session is read, e.g. a 404 or a body too large), else ?lang=, else
 * the posted form's lang, else the language cookie, else sv. Each is
 * looked up in the language table, so anything else means sv. */
const struct lang *collect_error_lang(struct web_ctx *c);
/* Make the reply's language cookie say l: its tag, or for sv no cookie.
 * Sent only when the browser's differs, or always with force (a choice
 * made after this reply already set one). */
uf_err collect_lang_cookie(struct web_ctx *c, const struct lang *l, bool force);
/* h_end.c: a question page's posted answers merged into the session's
 * draft as far as they are valid (ans: room for every item). UF_EINVAL:
 * nothing of the page could be kept. */
uf_err collect_page_salvage(struct web_ctx *c, const size_t *items, size_t n,
    struct form_answer *ans);
/* collect_session.c: the idle deadline as pages show it. */
/* Idle seconds of a group's sessions (the config's idle_*_seconds). */
int collect_idle_seconds(enum respondent_group g);
/* Seconds before the end to ask "Är du kvar?": a minute, or a third of
 * an idle time shorter than three minutes. */
int collect_idle_warn(enum respondent_group g);
/* Seconds from now until the Unix time until, at least 1. */
int collect_idle_left(long long until);
/* A page of the session s: body class by group, the idle deadline for the
 * script (no page refreshes itself). */
struct page collect_session_page(const struct csession *s, const char *title);

#endif
