/* SPDX-License-Identifier: ISC
 * Reading the configuration keys the framework's programs share, with one
 * wording for every mistake. Parses and checks only: the caller applies the
 * log level and passes the rest to web_run through struct web_app.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "web.h"
#include "web_conf.h"

static const char *const log_names[LOG_LVL__MAX] = {
	[LOG_LVL_DEBUG] = "debug",
	[LOG_LVL_INFO] = "info",
	[LOG_LVL_WARN] = "warn",
	[LOG_LVL_ERROR] = "error",
};

/* "prog: what" into msg; always UF_EFORMAT (a cut message is still said). */
static uf_err bad(char *msg, size_t msglen, const char *prog, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static uf_err
bad(char *msg, size_t msglen, const char *prog, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (msg == NULL || msglen == 0)
		return UF_EFORMAT;
	n = snprintf(msg, msglen, "%s: ", prog);
	if (n < 0 || (size_t)n >= msglen)
		return UF_EFORMAT;
	va_start(ap, fmt);
	(void)vsnprintf(msg + n, msglen - (size_t)n, fmt, ap); /* cut is fine */
	va_end(ap);
	return UF_EFORMAT;
}

static bool
one_of(const char *v, const char *a, const char *b, const char *c)
{
	return strcmp(v, a) == 0 || strcmp(v, b) == 0 || strcmp(v, c) == 0;
}

uf_err
web_conf_read(const struct conf *c, const char *prog,
    const struct web_conf_limits *lim, struct web_conf *out, char *msg,
    size_t msglen)
{
	const char *v;
	char *end = NULL;
	long n;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (msg != NULL && msglen > 0)
		msg[0] = '\0';
	out->socket = conf_get(c, "socket", NULL);
	if (out->socket == NULL || *out->socket == '\0')
		return bad(msg, msglen, prog, "socket is required (the FastCGI unix "
		                              "socket nginx connects to)");
	v = conf_get(c, "socket_mode", "0660");
	errno = 0;
	n = strtol(v, &end, 8);
	if (errno != 0 || end == v || *end != '\0' || n < 0 || n > 0777)
		return bad(msg, msglen, prog, "socket_mode must be octal from 0 to 0777, "
		                              "e.g. 0660");
	out->socket_mode = (int)n;
	out->socket_group = conf_get(c, "socket_group", "");
	if (conf_get_long(c, "workers", lim->workers_def, lim->workers_min,
	        lim->workers_max, &n) != UF_OK)
		return bad(msg, msglen, prog, "workers must be a number from %ld to %ld",
		    lim->workers_min, lim->workers_max);
	out->workers = (int)n;
	if (conf_get_long(c, "max_body_bytes", lim->max_body_def, lim->max_body_min,
	        lim->max_body_max, &n) != UF_OK)
		return bad(msg, msglen, prog, "max_body_bytes must be a number from %ld "
		                              "to %ld",
		    lim->max_body_min, lim->max_body_max);
	out->max_body = (size_t)n;
	v = conf_get(c, "cookie_secure", "auto");
	if (one_of(v, "true", "yes", "1"))
		out->cookie_secure = 1;
	else if (one_of(v, "false", "no", "0"))
		out->cookie_secure = 0;
	else if (strcmp(v, "auto") == 0)
		out->cookie_secure = -1;
	else
		return bad(msg, msglen, prog, "cookie_secure must be auto, true or false");
	v = conf_get(c, "log_level", "info");
	for (i = 0; i < LOG_LVL__MAX; i++)
		if (strcmp(v, log_names[i]) == 0)
			break;
	if (i == LOG_LVL__MAX)
		return bad(msg, msglen, prog, "log_level must be debug, info, warn or error");
	out->log_level = (enum log_level)i;
	return UF_OK;
}

void
web_app_from_conf(struct web_app *app, const struct web_conf *wc)
{
	app->socket_path = wc->socket;
	app->socket_mode = wc->socket_mode;
	app->socket_group = wc->socket_group;
	app->workers = wc->workers;
	app->max_body = wc->max_body;
}

bool
web_conf_cookie_secure(const struct web_conf *wc, bool https)
{
	return wc->cookie_secure > 0 || (wc->cookie_secure < 0 && https);
}
