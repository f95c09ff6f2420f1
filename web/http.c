/* SPDX-License-Identifier: ISC
 * Replies: status line, headers, body. This file alone decides which HTTP
 * status and which error body an uf_err becomes; clients never see internal
 * text, only the fixed messages below or a handler's user-facing message.
 */
#include "config.h"

#include <fcgiapp.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "html.h"
#include "http.h"
#include "lang.h"
#include "log.h"
#include "req.h"
#include "web.h"

struct err_map {
	int status;
	const char *code;    /* JSON error code */
	const char *title;   /* HTML heading */
	const char *message; /* shown when the handler gave none */
	bool show_detail;    /* whether the handler's message may be shown */
};

/* Indexed by uf_err. */
static const struct err_map err_map[UF_ERR__MAX] = {
	[UF_OK] = { 200, "ok", "Klart", "Klart.", true },
	[UF_ENOMEM] = { 500, "internal", "Något gick fel",
	    "Något gick fel hos oss. Försök igen om en stund.", false },
	[UF_EINVAL] = { 400, "invalid", "Kontrollera uppgifterna",
	    "Uppgifterna kunde inte tas emot. Kontrollera och försök igen.", true },
	[UF_ELIMIT] = { 413, "too_large", "För stort",
	    "Det du skickade är för stort.", true },
	[UF_ENOTFOUND] = { 404, "not_found", "Sidan finns inte",
	    "Sidan finns inte.", true },
	[UF_ECONFLICT] = { 409, "conflict", "Det går inte längre",
	    "Det här går inte längre, till exempel för att svaren redan är inskickade.", true },
	[UF_EAUTH] = { 401, "not_accepted", "Koden gick inte att använda",
	    "Koden gick inte att använda. Kontrollera koden och försök igen, eller fråga personalen.",
	    false },
	[UF_EPERM] = { 403, "forbidden", "Det går inte",
	    "Sidan har gått ut eller så saknas behörighet. Börja om från startsidan.", true },
	[UF_ERATE] = { 429, "rate_limited", "För många försök",
	    "För många försök. Vänta en stund och försök igen.", false },
	[UF_EDB] = { 503, "unavailable", "Tillfälligt fel",
	    "Tjänsten är tillfälligt otillgänglig. Försök igen om en stund.", false },
	[UF_EIO] = { 500, "internal", "Något gick fel",
	    "Något gick fel hos oss. Försök igen om en stund.", false },
	[UF_EFORMAT] = { 500, "internal", "Något gick fel",
	    "Något gick fel hos oss. Försök igen om en stund.", false },
	[UF_EINTERNAL] = { 500, "internal", "Något gick fel",
	    "Något gick fel hos oss. Försök igen om en stund.", false },
};

static const struct err_map fault_map[HF__MAX] = {
	[HF_NOT_FOUND] = { 404, "not_found", "Sidan finns inte",
	    "Sidan finns inte.", false },
	[HF_METHOD] = { 405, "method_not_allowed", "Fel metod",
	    "Den här adressen tar inte emot den sortens anrop.", false },
	[HF_MEDIA_TYPE] = { 415, "unsupported_media_type", "Fel format",
	    "Formatet på det som skickades stöds inte här.", false },
};

static const char *
status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return "Internal Server Error";
	}
}

void
reply_init(struct reply *r, size_t max_body)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->body, max_body);
}

void
reply_free(struct reply *r)
{
	buf_free(&r->body);
}

void
reply_reset(struct reply *r)
{
	buf_reset(&r->body);
	r->status = 0;
	r->ctype = NULL;
	r->location = NULL;
	r->disposition = NULL;
	/* cookies stay: a session ending must still clear its cookie */
}

void
reply_redirect(struct reply *r, const char *location)
{
	r->status = 303;
	r->location = location;
}

void
reply_created(struct reply *r)
{
	r->status = 201;
}

void
reply_json(struct reply *r)
{
	r->ctype = "application/json";
}

/* Only names req.c reads back (REQ_COOKIE_PREFIX): a cookie we set and then
 * ignored would be a bug; values are RFC 6265 cookie-octets. */
static bool
cookie_name_ok(const char *s)
{
	return req_cookie_name_ours(s, strlen(s));
}

static bool
cookie_value_ok(const char *s)
{
	size_t n = strlen(s);
	return n <= 4096 && req_cookie_value_ok(s, n);
}

static bool
cookie_path_ok(const char *s)
{
	size_t n = strlen(s);
	return n > 0 && n <= 256 && s[0] == '/' && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._-~") == n;
}

/* Whether the formatted cookie set names name with Path=path (values and
 * paths are checked cookie syntax: no ';' inside them). */
static bool
same_cookie(const char *set, const char *name, const char *path)
{
	size_t n = strlen(name), pn = strlen(path);
	const char *at;

	if (strncmp(set, name, n) != 0 || set[n] != '=')
		return false;
	at = strchr(set + n, ';');
	return at && strncmp(at, "; Path=", 7) == 0 && strncmp(at + 7, path, pn) == 0 &&
	    at[7 + pn] == ';';
}

/* The one Set-Cookie writer; samesite: "Strict" or "Lax". */
static uf_err
cookie_set(struct reply *r, struct arena *a, const char *name, const char *value,
    const char *path, long max_age, bool secure, const char *samesite)
{
	char age[48] = "";
	const char *c;

	if (!name || !value || !path || !cookie_name_ok(name) || !cookie_value_ok(value) ||
	    !cookie_path_ok(path)) {
		log_error("msg=\"cookie refused: name, value or path not cookie syntax\"");
		return UF_EINTERNAL;
	}
	if (max_age >= 0) {
		int n = snprintf(age, sizeof(age), "; Max-Age=%ld", max_age);
		if (n < 0 || (size_t)n >= sizeof(age))
			return UF_EINTERNAL;
	}
	c = arena_printf(a, "%s=%s; Path=%s; HttpOnly; SameSite=%s%s%s",
	    name, value, path, samesite, age, secure ? "; Secure" : "");
	if (!c)
		return UF_ENOMEM;
	/* One Set-Cookie per name and path: a later call (a session that ends
	 * after its request set a cookie) replaces the earlier one. */
	for (size_t i = 0; i < r->ncookies; i++)
		if (same_cookie(r->cookies[i], name, path)) {
			r->cookies[i] = c;
			return UF_OK;
		}
	if (r->ncookies >= REPLY_MAX_COOKIES)
		return UF_ELIMIT;
	r->cookies[r->ncookies++] = c;
	return UF_OK;
}

uf_err
reply_cookie_path(struct reply *r, struct arena *a, const char *name,
    const char *value, const char *path, long max_age, bool secure)
{
	return cookie_set(r, a, name, value, path, max_age, secure, "Strict");
}

uf_err
reply_cookie_lax(struct reply *r, struct arena *a, const char *name,
    const char *value, long max_age, bool secure)
{
	return cookie_set(r, a, name, value, "/", max_age, secure, "Lax");
}

uf_err
reply_cookie(struct reply *r, struct arena *a, const char *name,
    const char *value, long max_age, bool secure)
{
	return reply_cookie_path(r, a, name, value, "/", max_age, secure);
}

bool
http_header_value_ok(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			return false;
	return true;
}

uf_err
reply_download(struct reply *r, struct arena *a, const char *ctype,
    const char *filename)
{
	size_t n = filename ? strlen(filename) : 0;
	const char *d;

	if (n < 1 || n > 100 || filename[0] == '.' || strspn(filename, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") != n ||
	    !ctype || !*ctype || !http_header_value_ok(ctype)) {
		log_error("msg=\"download refused: file name or content type not allowed\"");
		return UF_EINTERNAL;
	}
	d = arena_printf(a, "attachment; filename=\"%s\"", filename);
	if (!d)
		return UF_ENOMEM;
	r->ctype = ctype;
	r->disposition = d;
	return UF_OK;
}

int
http_status_for(uf_err e)
{
	if ((unsigned)e >= UF_ERR__MAX)
		return 500;
	return err_map[e].status;
}

static bool
route_is_api(const struct web_ctx *c)
{
	if (c->route)
		return (c->route->flags & RF_API) != 0;
	/* Unrouted: judge by the path. */
	return c->req && strncmp(c->req->path, "/api/", 5) == 0;
}

/* Where the error pages' "Till startsidan" leads. */
static const char *
http_home_path(const struct web_ctx *c)
{
	if (c->app && c->app->home_path && *c->app->home_path)
		return c->app->home_path;
	return "/";
}

/* Fill the reply with the error body for m. */
static void
error_body(struct web_ctx *c, const struct err_map *m, const char *field,
    const char *msg)
{
	struct reply *r = c->reply;
	uf_err e;

	if (!msg)
		msg = m->message;
	if (route_is_api(c)) {
		reply_reset(r);
		reply_json(r);
		e = buf_adds(&r->body, "{\"error\":{\"code\":");
		if (e == UF_OK)
			e = buf_add_json_str(&r->body, m->code);
		if (e == UF_OK)
			e = buf_adds(&r->body, ",\"field\":");
		if (e == UF_OK)
			e = field ? buf_add_json_str(&r->body, field) : buf_adds(&r->body, "null");
		if (e == UF_OK)
			e = buf_adds(&r->body, ",\"message\":");
		if (e == UF_OK)
			e = buf_add_json_str(&r->body, msg);
		if (e == UF_OK)
			e = buf_adds(&r->body, "}}\n");
	} else {
		const struct lang *l = c->app && c->app->error_lang ? c->app->error_lang(c) : NULL;
		const char *title = m->title, *home = "Till startsidan";

		reply_reset(r);
		if (l) {
			const char *tk = arena_printf(c->arena, "error.%s.title", m->code);
			const char *mk = arena_printf(c->arena, "error.%s.text", m->code);
			if (!tk || !mk) {
				e = UF_ENOMEM;
				goto done;
			}
			title = ui_str(l, tk);
			home = ui_str(l, "error.home");
			/* The map's text, or the framework's own message, in l; a
			 * handler's message is already in the page's language. */
			if (msg == m->message)
				msg = ui_str(l, mk);
			else if (c->err_key && msg == c->err_msg)
				msg = ui_str(l, c->err_key);
		}
		e = html_message_page(&r->body, l, title, msg, http_home_path(c), home);
	}
done:
	if (e != UF_OK) {
		/* Could not even build the error body: send a fixed one. */
		buf_reset(&r->body);
		r->ctype = "text/plain; charset=utf-8";
		(void)buf_adds(&r->body, "Fel.\n");
	}
	r->status = m->status;
}

void
http_error(struct web_ctx *c, uf_err e)
{
	const struct err_map *m = &err_map[(unsigned)e < UF_ERR__MAX ? e : UF_EINTERNAL];
	const char *msg = m->show_detail ? c->err_msg : NULL;
	const char *field = m->show_detail ? c->err_field : NULL;

	if (e == UF_ERATE) {
		/* The rest of the window the database counted; 60 when it named
		 * none (or the text cannot be made). */
		long wait = db_retry_after(c->db);
		const char *s = wait > 0 ? arena_printf(c->arena, "%ld", wait) : NULL;
		c->reply->retry_after = s != NULL ? s : "60";
	} else if (e == UF_EDB)
		c->reply->retry_after = "5";
	if (c->rendered && !route_is_api(c)) {
		c->reply->status = m->status; /* keep the handler's page */
		c->reply->location = NULL;
		return;
	}
	error_body(c, m, field, msg);
}

void
http_fault(struct web_ctx *c, enum http_fault f)
{
	error_body(c, &fault_map[(unsigned)f < HF__MAX ? f : HF_NOT_FOUND], NULL, NULL);
}

static uf_err
put(FCGX_Stream *out, const char *s, size_t n)
{
	if (n > (size_t)0x7fffffff)
		return UF_ELIMIT;
	if (n == 0)
		return UF_OK;
	return FCGX_PutStr(s, (int)n, out) == (int)n ? UF_OK : UF_EIO;
}

/* One "Name: value" line; the value must not be able to start a new header. */
static uf_err
head_line(struct buf *h, const char *name, const char *value)
{
	if (!http_header_value_ok(value)) {
		log_error("msg=\"header refused: control character in value\" header=%s", name);
		return UF_EINTERNAL;
	}
	return buf_printf(h, "%s: %s\r\n", name, value);
}

uf_err
http_head(struct buf *h, const struct reply *r)
{
	uf_err e;
	int status = r->status ? r->status : 200;

	e = buf_printf(h, "Status: %d %s\r\n", status, status_text(status));
	if (e == UF_OK && r->location)
		e = head_line(h, "Location", r->location);
	if (e == UF_OK && r->allow)
		e = head_line(h, "Allow", r->allow);
	if (e == UF_OK && r->retry_after)
		e = head_line(h, "Retry-After", r->retry_after);
	for (size_t i = 0; e == UF_OK && i < r->ncookies; i++)
		e = head_line(h, "Set-Cookie", r->cookies[i]);
	if (e == UF_OK && r->disposition)
		e = head_line(h, "Content-Disposition", r->disposition);
	if (e == UF_OK && r->clear_site_data)
		e = head_line(h, "Clear-Site-Data", "\"cache\", \"storage\"");
	if (e == UF_OK)
		e = head_line(h, "Content-Type", r->ctype ? r->ctype : "text/html; charset=utf-8");
	if (e == UF_OK)
		e = buf_printf(h, "Content-Length: %llu\r\n"
		                  "Cache-Control: no-store\r\n"
		                  "Pragma: no-cache\r\n\r\n",
		    (unsigned long long)r->body.len);
	return e;
}

/* Sent when a reply cannot be formatted: nothing of it goes out. */
static const char fixed_500[] = "Status: 500 Internal Server Error\r\n"
                                "Content-Type: text/plain; charset=utf-8\r\n"
                                "Content-Length: 5\r\n"
                                "Cache-Control: no-store\r\n"
                                "Pragma: no-cache\r\n\r\n"
                                "Fel.\n";

uf_err
http_send(void *stream, const struct reply *r)
{
	uf_err e;
	struct buf h;

	buf_init(&h, 8192);
	e = http_head(&h, r);
	if (e == UF_OK) {
		e = put(stream, buf_str(&h), h.len);
		if (e == UF_OK && r->body.len)
			e = put(stream, r->body.data, r->body.len);
	} else {
		log_error("msg=\"reply could not be formatted; sent 500\" err=%s",
		    uf_err_name(e));
		e = put(stream, fixed_500, sizeof(fixed_500) - 1);
	}
	buf_free(&h);
	return e;
}
