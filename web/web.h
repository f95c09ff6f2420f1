/* SPDX-License-Identifier: ISC
 * The reusable FastCGI web framework: an accept loop with worker threads,
 * each with its own database connection and per-request arena, and the one
 * request pipeline every program shares:
 *   route -> method -> content type -> body size -> parse -> validate ->
 *   session/permission -> handler -> reply.
 * The framework opens no transaction: the operation a handler calls begins
 * and ends its own (one owner, lib/db.h).
 * A program (uppfolj-collect, uppfolj-adminweb) describes itself with a
 * struct web_app: its route table, statement table and hooks; the socket,
 * worker and body settings come from its config through web_conf.h.
 */
#ifndef UF_WEB_H
#define UF_WEB_H
#include <stdbool.h>
#include <stddef.h>
#include "err.h"
#include "buf.h"
#include "db.h"

struct web_ctx;
struct req;
struct lang;

typedef uf_err (*web_fn)(struct web_ctx *c);

/* Route flags: what the pipeline does before the handler runs. */
enum route_flags {
	RF_FORM = 1u << 0,    /* body: application/x-www-form-urlencoded */
	RF_JSON = 1u << 1,    /* body: application/json */
	RF_SESSION = 1u << 2, /* needs the program's session (app->session) */
	RF_CSRF = 1u << 3,    /* form must carry the session's CSRF token */
	RF_API = 1u << 4,     /* errors as JSON, not HTML pages */
	RF_NODB = 1u << 6,    /* does not touch the database */
	/* with RF_SESSION: the program may take the session from its own cache
	 * unread, because the handler's write checks it (uppfolj-collect's
	 * page save) */
	RF_SESSION_CACHED = 1u << 7
};

struct route {
	const char *method;  /* "GET", "POST" */
	const char *pattern; /* "/sida/{}": one {} matches one path segment */
	web_fn validate;     /* may be NULL: checks parsed input before session */
	web_fn handler;
	unsigned flags;
	const char *name; /* for logs */
};

struct web_app {
	const char *name; /* program name for logs */
	const struct route *routes;
	size_t nroutes;
	const struct db_stmt *stmts; /* this program's statement table */
	size_t nstmts;
	const char *conninfo;
	const char *socket_path;
	int socket_mode;          /* e.g. 0660 */
	const char *socket_group; /* "" or NULL: leave as is */
	int workers;              /* threads, each with its own connection */
	size_t max_body;          /* bytes */
	/* Load the session for RF_SESSION routes: UF_EAUTH when there is none. */
	web_fn session;
	/* Check the CSRF token for RF_CSRF routes: UF_EPERM when wrong. */
	web_fn csrf;
	/* Where a person without a session is sent (HTML routes), e.g. "/". */
	const char *login_path;
	/* The program's start page: the "Till startsidan" link of the framework's
	 * own error pages (database down, unreadable form, 404/405 from the
	 * router, any error a handler did not render). NULL or "": "/". */
	const char *home_path;
	/* The language of those error pages (lib/lang.h): their heading, text
	 * and link are then the page texts "error.<code>.title", ".text" and
	 * "error.home" in it, and the page is marked with its lang and dir.
	 * NULL (the hook, or its answer): the fixed Swedish texts of web/http.c
	 * (uppfolj-adminweb). A handler's own message is shown as it gave it. */
	const struct lang *(*error_lang)(struct web_ctx *c);
};

/* Everything a handler sees. Handlers fill reply via http.h/html.h helpers;
 * they never write headers, status codes or SQL themselves. */
struct web_ctx {
	const struct web_app *app;
	const struct route *route;
	struct req *req;
	struct reply *reply;
	struct db *db;       /* this worker's connection; NULL if unavailable */
	struct arena *arena; /* freed after the reply */
	void *session;       /* set by app->session */
	void *data;          /* set by validate for the handler */
	/* When a handler has rendered its own error page (e.g. a form shown again
	 * with a message) and returns an error, the page is kept and only the
	 * status comes from the error. */
	bool rendered;
	/* Set by app->session when it fails with UF_EAUTH and knows better than
	 * app->login_path where to send the person (e.g. "the session ended
	 * because nobody used it"); NULL: login_path. A local path. */
	const char *auth_path;
	/* Field and message for the error body; message must be fit for users. */
	const char *err_field;
	const char *err_msg;
	/* The page text (lib/lang.h key) of err_msg, for the framework's own
	 * messages: an error page in another language shows that instead. */
	const char *err_key;
};

/* Record the field and user-facing message of the error about to be returned.
 * Returns e, so a handler can `return web_fail(c, UF_EINVAL, "x", "...")`. */
uf_err web_fail(struct web_ctx *c, uf_err e, const char *field, const char *msg);

/* Run the program: open the socket, start the workers, serve until a
 * termination signal. Returns UF_EIO when the socket cannot be opened. */
uf_err web_run(const struct web_app *app);

#endif
