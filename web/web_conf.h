/* SPDX-License-Identifier: ISC
 * The configuration keys every FastCGI program of the framework reads the
 * same way (socket, socket_mode, socket_group, workers, max_body_bytes,
 * cookie_secure, log_level), checked once here and handed to struct web_app.
 * Each program keeps its own keys, defaults and database settings.
 */
#ifndef UF_WEB_CONF_H
#define UF_WEB_CONF_H
#include <stdbool.h>
#include <stddef.h>
#include "err.h"
#include "log.h"

struct conf;
struct web_app;

/* A program's default and allowed range for the keys whose sensible values
 * differ between programs. */
struct web_conf_limits {
	long workers_def, workers_min, workers_max;
	long max_body_def, max_body_min, max_body_max;
};

struct web_conf {
	const char *socket;       /* borrowed from the conf; never NULL or "" */
	int socket_mode;          /* 0..0777, default 0660 */
	const char *socket_group; /* "": leave the group as it is */
	int workers;
	size_t max_body;          /* bytes */
	int cookie_secure;        /* 1 always, 0 never, -1 when the request came over HTTPS */
	enum log_level log_level; /* default info; the caller applies it */
};

/* Read the shared keys of c into out (strings borrowed from c, which must
 * outlive out). On UF_EFORMAT msg holds one line for the operator, starting
 * with "prog: " and naming the key and what it must be. Only out and msg are
 * written; nothing is applied (not even the log level). */
uf_err web_conf_read(const struct conf *c, const char *prog,
    const struct web_conf_limits *lim, struct web_conf *out, char *msg,
    size_t msglen);

/* Copy the socket, worker and body settings of wc into app. */
void web_app_from_conf(struct web_app *app, const struct web_conf *wc);

/* Whether cookies get the Secure attribute on a request that came over
 * HTTPS (https) or not, as cookie_secure says. */
bool web_conf_cookie_secure(const struct web_conf *wc, bool https);

#endif
