/* SPDX-License-Identifier: ISC
 * uppfolj-adminweb: what its files share. The configuration, the logged-in
 * person (struct aw_session), the route table with the roles allowed on
 * each route, and the small helpers every handler uses (strict form fields,
 * admin page skeleton, error pages, cookies under /admin/).
 */
#ifndef UF_ADMINWEB_AW_H
#define UF_ADMINWEB_AW_H
#include <stdbool.h>
#include <stddef.h>

#include "code.h"
#include "db.h"
#include "err.h"
#include "group.h"
#include "html.h"
#include "http.h"
#include "req.h"
#include "users.h"
#include "web.h"
#include "web_conf.h"

#define AW_COOKIE_SESSION "uf_admin"              /* session token */
#define AW_COOKIE_CSRF    "uf_admin_csrf"         /* CSRF token, echoed in forms */
#define AW_COOKIE_LOGIN   "uf_admin_login"        /* login form token (no session yet) */
#define AW_COOKIE_PATH    "/admin/"               /* every cookie is limited to the admin pages */
#define AW_LOGIN_TTL      1800                    /* seconds a login form stays valid */
#define AW_ACTOR_MAX      (4 + USER_NAME_MAX + 1) /* "web:" + name */
/* Downloads (PDF sheets, CSV exports) may be bigger than a page. */
#define AW_DOWNLOAD_MAX ((size_t)32 * 1024 * 1024)

struct aw_conf {
	const char *db;                /* conninfo, role uppfolj_admin */
	const char *contact_db;        /* conninfo, role uppfolj_contact */
	struct web_conf web;           /* socket, workers, body limit, cookie_secure */
	const char *base_url;          /* personal links on code sheets */
	const char *font_dir;          /* NULL: the built-in default */
	const char *study;             /* slug, NULL: the only study */
	struct session_limits session; /* session_idle_minutes, session_max_hours */
	unsigned char key[CODE_KEY_LEN];
};

extern const struct aw_conf *aw_cfg;

/* Role masks of routes. */
#define AW_ADMIN   (1u << ROLE_ADMIN)
#define AW_EVAL    (1u << ROLE_EVALUATOR)
#define AW_CONTACT (1u << ROLE_UNIT_CONTACT)
#define AW_ALL     (AW_ADMIN | AW_EVAL | AW_CONTACT)

enum aw_route {
	R_CSS,
	R_LOGIN_FORM,
	R_LOGIN,
	R_LOGOUT,
	R_HOME,
	R_RATES,
	R_CODES_FORM,
	R_CODES_PDF,
	R_UNITS,
	R_UNIT_ADD,
	R_UNIT,
	R_WAVES,
	R_WAVE_ADD,
	R_WAVE_DATES,
	R_WAVE_CLOSE,
	R_DRAFTS_PURGE,
	R_USERS,
	R_USER_ADD,
	R_USER_UNLOCK,
	R_ADDR_UNBLOCK,
	R_ERASE_FORM,
	R_ERASE_CHECK,
	R_ERASE_DO,
	R_EXPORT_FORM,
	R_EXPORT_CSV,
	R_ACCESS,
	R_MASKS,
	R_MASK_ADD,
	R_MASK_REMOVE,
	/* qualitative coding (h_qual*.c, aw_qual.h) */
	R_QUAL,
	R_QUAL_UPLOAD,
	R_QUAL_SET_ADD,
	R_QUAL_DOC,
	R_QUAL_UNIT_ADD,
	R_QUAL_UNIT_REMOVE,
	R_QUAL_JS,
	R_QUAL_CODES,
	R_QUAL_CODE_CHANGE,
	R_QUAL_CODE,
	R_QUAL_SET,
	R_QUAL_SET_DONE,
	R_QUAL_EXPORT,
	R_QUAL_TEXT,
	R_QUAL_TEXT_SAVE,
	R_USER_ACTION,
	R_AUDIT,
	R_STATUS,
	R_STATUS_CSV,
	R_RATES_CSV,
	R_CODE_REPLACE_FORM,
	R_CODE_REPLACE,
	R_TEST_MARK,
	R_TEST_PURGE,
	R_QUAL_EXAMPLE,
	R__MAX
};

extern const struct route aw_routes[R__MAX];
/* Which roles may use each route (0: no session needed). */
extern const unsigned aw_route_roles[R__MAX];

/* The person behind a request (c->session on RF_SESSION routes). */
struct aw_session {
	struct session s; /* s.csrf: the cookie's token when it
	                                matches the stored hash, else "" */
	char csrf_hash[2 * CODE_HASH_LEN + 1];
	char actor[AW_ACTOR_MAX]; /* "web:<name>" for the audit log */
};

/* Pipeline hooks (aw_session.c). */
uf_err aw_session_load(struct web_ctx *c);
uf_err aw_csrf_check(struct web_ctx *c);
/* The session of c, or NULL on routes without one. */
const struct aw_session *aw_sess(const struct web_ctx *c);
/* Whether the person may use route r. */
bool aw_may(const struct web_ctx *c, enum aw_route r);
/* A connection as uppfolj_contact for this worker thread (connected on
 * first use, closed when the thread ends). UF_EDB when unreachable. */
uf_err aw_contact_db(struct db **out);
void aw_contact_db_init(void);

/* The framework's reply_cookie_path under AW_COOKIE_PATH (HttpOnly,
 * SameSite=Strict), Secure as configured. max_age < 0: a browser-session
 * cookie; value "" and max_age 0 delete it. */
uf_err aw_cookie(struct web_ctx *c, const char *name, const char *value,
    long max_age);

/* --- form fields (aw_form.c) ------------------------------------------- */

/* UF_EINVAL (400 page) unless every posted field name is in allowed[]
 * (NULL-terminated) and none appears twice; a name written "*name" may
 * repeat (checkbox lists). */
uf_err aw_fields_only(struct web_ctx *c, const char *const *allowed);
/* A posted field, trimmed of surrounding spaces; NULL when absent or empty.
 * *bad is set when it is longer than max characters or holds control
 * characters. */
const char *aw_field(struct web_ctx *c, const char *name, size_t max, bool *bad);
/* A query-string argument (GET filters), as aw_field: NULL when absent or
 * empty, *bad when longer than max characters or with control characters. */
const char *aw_query(struct web_ctx *c, const char *name, size_t max, bool *bad);
/* Whether s is a real calendar day YYYY-MM-DD (years 2000-2200). */
bool aw_date_ok(const char *s);

/* --- pages (aw_page.c) ---------------------------------------------------- */

/* Start an admin page: head, the top bar with the menu (when logged in),
 * <main> and the <h1>. current is the menu entry to mark (R__MAX: none). */
void aw_begin(struct hw *w, const struct web_ctx *c, const char *title,
    enum aw_route current);
void aw_end(struct hw *w);
/* A paragraph in a box: kind "error" (role=alert) or "notice" (role=status). */
void aw_box(struct hw *w, const char *kind, const char *msg);
/* The hidden CSRF field of the session (nothing when unknown). */
void aw_csrf_field(struct hw *w, const struct web_ctx *c);
/* "Sida N av M" with previous/next buttons: a GET form to action that
 * carries the page's filters (n names and values; NULL values left out)
 * as hidden fields, so paging works without JavaScript and keeps them. */
void aw_pager(struct hw *w, const char *action, const char *const *names,
    const char *const *values, size_t n, long page, long pages);
/* Finish a page into the reply (200 unless the status is set). */
uf_err aw_page_done(struct web_ctx *c, struct hw *w);
/* The answer to a rejected form, shown again with a message: the caller
 * resets the reply and builds the page, passing what that returned as
 * page_e. When it was built, the page is kept (c->rendered) with e's
 * status; else the framework's own error page for e. Returns e. */
uf_err aw_again(struct web_ctx *c, uf_err e, uf_err page_e);
/* Replace the reply by an admin error page with msg and return e (the page
 * is kept by the framework: c->rendered). */
uf_err aw_error_page(struct web_ctx *c, uf_err e, const char *title,
    const char *msg);
/* Swedish name of a role (a group's names: group.h). */
const char *aw_role_label(enum user_role r);
/* Decimal text of n into b (24 bytes). */
const char *aw_num(char b[24], long long n);
/* One <option>: value, label and suffix (NULL: none), maybe selected. */
void aw_option(struct hw *w, const char *value, bool selected,
    const char *label, const char *suffix);
struct m_waves;
/* An <option> per wave, value its months, label months and suffix
 * (" månader"); the one whose months are sel (may be NULL) selected. */
void aw_wave_options(struct hw *w, const struct m_waves *waves, const char *sel,
    const char *suffix);

/* The study the program serves (config "study"), resolved per request.
 * On failure an error page is rendered. */
uf_err aw_study(struct web_ctx *c, long long *study);

/* --- handlers -------------------------------------------------------------- */

uf_err h_css(struct web_ctx *c);
uf_err h_login_form(struct web_ctx *c);
uf_err h_login(struct web_ctx *c);
uf_err h_logout(struct web_ctx *c);
uf_err h_home(struct web_ctx *c);
uf_err h_rates(struct web_ctx *c);
uf_err h_codes_form(struct web_ctx *c);
uf_err h_codes_pdf(struct web_ctx *c);
uf_err h_units(struct web_ctx *c);
uf_err h_unit_add(struct web_ctx *c);
uf_err h_masks(struct web_ctx *c);       /* h_masks.c: names masked in quotes */
uf_err h_mask_change(struct web_ctx *c); /* add or remove: the route says */
uf_err h_unit(struct web_ctx *c);
uf_err h_waves(struct web_ctx *c);
uf_err h_wave_add(struct web_ctx *c);
uf_err h_wave_dates(struct web_ctx *c);
uf_err h_wave_close(struct web_ctx *c);
uf_err h_drafts_purge(struct web_ctx *c);
uf_err h_users(struct web_ctx *c);
uf_err h_user_add(struct web_ctx *c);
uf_err h_user_unlock(struct web_ctx *c);
uf_err h_addr_unblock(struct web_ctx *c);
uf_err h_erase_form(struct web_ctx *c);
uf_err h_erase_check(struct web_ctx *c);
uf_err h_erase_do(struct web_ctx *c);
uf_err h_export_form(struct web_ctx *c);
uf_err h_export_csv(struct web_ctx *c);
uf_err h_access(struct web_ctx *c);
/* evaluator tooling (issue 14) */
uf_err h_user_action(struct web_ctx *c); /* h_users.c */
uf_err h_audit(struct web_ctx *c);       /* h_audit.c */
uf_err h_status(struct web_ctx *c);      /* h_status.c */
uf_err h_status_csv(struct web_ctx *c);
uf_err h_rates_csv(struct web_ctx *c);         /* h_rates.c */
uf_err h_code_replace_form(struct web_ctx *c); /* h_replace.c */
uf_err h_code_replace(struct web_ctx *c);
uf_err h_test_mark(struct web_ctx *c);
uf_err h_test_purge(struct web_ctx *c);

#endif
