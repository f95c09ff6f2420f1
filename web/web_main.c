/* SPDX-License-Identifier: ISC
 * The accept loop and the request pipeline shared by the FastCGI programs.
 * N worker threads wait on one epoll set holding the listening socket and
 * every idle connection the web server keeps open (FCGI_KEEP_CONN); a thread
 * serves one request from a readable connection and puts the connection back.
 * Each owns a database connection and an arena that is reset after every
 * request. One failed request never stops the program.
 */
#include "config.h"

#include <errno.h>
#include <fcgiapp.h>
#include <grp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "http.h"
#include "log.h"
#include "req.h"
#include "route.h"
#include "web.h"

#define WEB_ARENA_MAX   (16u * 1024 * 1024)
#define WEB_REPLY_MAX   (4u * 1024 * 1024)
#define WEB_MAX_WORKERS 256
#define WEB_DRAIN_MAX   (1024 * 1024)

struct worker {
	const struct web_app *app;
	int listen_fd;
	int epoll_fd; /* shared: the listening socket and the idle connections */
	int id;
	pthread_t thread;
	struct db *db;
	struct arena *arena;
};

/* Set when a stop signal came: workers finish their request and leave. */
static atomic_bool stopping;

uf_err
web_fail(struct web_ctx *c, uf_err e, const char *field, const char *msg)
{
	c->err_field = field;
	c->err_msg = msg;
	return e;
}

static double
now_ms(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* Read exactly n bytes of body into the arena, NUL-terminated. */
static uf_err
read_body(FCGX_Request *fr, struct req *r, size_t n)
{
	char *b = arena_alloc(r->arena, n + 1);
	size_t got = 0;
	if (!b)
		return UF_ENOMEM;
	while (got < n) {
		size_t want = n - got > 65536 ? 65536 : n - got;
		int k = FCGX_GetStr(b + got, (int)want, fr->in);
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	if (got != n)
		return UF_EINVAL; /* the body ended before Content-Length */
	b[n] = '\0';
	r->body = b;
	r->body_len = n;
	return UF_OK;
}

/* Read what is left of the body up to the end of the FastCGI input stream,
 * so the server is not cut off mid-write. True when the end was reached. */
static bool
drain_body(FCGX_Request *fr)
{
	char tmp[4096];
	size_t total = 0;
	int k;
	while (total < WEB_DRAIN_MAX && (k = FCGX_GetStr(tmp, (int)sizeof(tmp), fr->in)) > 0)
		total += (size_t)k;
	return FCGX_HasSeenEOF(fr->in) != 0;
}

static uf_err
ensure_db(struct worker *w)
{
	const struct web_app *app = w->app;
	if (!w->db) {
		uf_err e = db_connect(app->conninfo, app->stmts, app->nstmts, &w->db);
		if (e != UF_OK) {
			w->db = NULL;
			log_error("worker=%d msg=\"database connect failed\" err=%s",
			    w->id, uf_err_name(e));
			return UF_EDB;
		}
		return UF_OK;
	}
	if (db_ensure(w->db) != UF_OK) {
		log_error("worker=%d msg=\"database reconnect failed\"", w->id);
		return UF_EDB;
	}
	return UF_OK;
}

/* Everything before the handler, in the documented order. Returns the error
 * for the reply; *faulted is set when a protocol fault was already written. */
static uf_err
pipeline(struct worker *w, FCGX_Request *fr, struct web_ctx *c,
    bool *faulted)
{
	const struct web_app *app = w->app;
	struct req *r = c->req;
	uf_err e;
	const char *why = NULL;
	char allow[64];
	const struct route *rt = NULL;
	const char *arg = NULL;
	unsigned fl;

	e = req_from_params(r, c->arena, fr->envp);
	if (e != UF_OK)
		return e;

	switch (route_find(app->routes, app->nroutes, r->method, r->path, c->arena,
	    &rt, &arg, allow, sizeof(allow))) {
	case ROUTE_FOUND:
		break;
	case ROUTE_NO_METHOD:
		c->reply->allow = arena_strdup(c->arena, allow);
		http_fault(c, HF_METHOD);
		*faulted = true;
		return UF_OK;
	case ROUTE_NONE:
	default:
		http_fault(c, HF_NOT_FOUND);
		*faulted = true;
		return UF_OK;
	}
	c->route = rt;
	r->path_arg = arg;
	fl = rt->flags;

	if (fl & (RF_FORM | RF_JSON)) {
		const char *mt = (fl & RF_JSON) ? "application/json" : "application/x-www-form-urlencoded";
		if (!req_content_type_is(r, mt)) {
			http_fault(c, HF_MEDIA_TYPE);
			*faulted = true;
			return UF_OK;
		}
		if (r->content_length < 0) {
			c->err_key = "error.length_missing";
			return web_fail(c, UF_EINVAL, NULL, "Längd på innehållet saknas.");
		}
		if ((unsigned long long)r->content_length > app->max_body)
			return web_fail(c, UF_ELIMIT, NULL, NULL); /* the map's "för stort" */
		e = read_body(fr, r, (size_t)r->content_length);
		if (e != UF_OK)
			return e;
		if (fl & RF_JSON) {
			e = req_parse_json(r, &why);
			if (e != UF_OK)
				return web_fail(c, e, NULL, why);
		} else {
			e = req_parse_form(r);
			if (e != UF_OK) {
				c->err_key = e == UF_ELIMIT ? "error.form_fields" : "error.form_chars";
				return web_fail(c, e, NULL, e == UF_ELIMIT ? "För många fält i formuläret." : "Formuläret kunde inte läsas (ogiltiga tecken).");
			}
		}
	}

	if (!(fl & RF_NODB)) {
		e = ensure_db(w);
		if (e != UF_OK)
			return e;
		c->db = w->db;
	}
	if (rt->validate) {
		e = rt->validate(c);
		if (e != UF_OK)
			return e;
	}
	if ((fl & RF_SESSION) && app->session) {
		e = app->session(c);
		if (e != UF_OK)
			return e;
	}
	if ((fl & RF_CSRF) && app->csrf) {
		e = app->csrf(c);
		if (e != UF_OK)
			return e;
	}
	return rt->handler(c);
}

/* Answers one request. Returns true when the whole input was read, so the
 * connection can be closed at once or kept for the next request. */
static bool
handle(struct worker *w, FCGX_Request *fr)
{
	const struct web_app *app = w->app;
	struct req r;
	struct reply rep;
	struct web_ctx c;
	bool faulted = false, input_done;
	double t0 = now_ms();
	uf_err e;

	memset(&r, 0, sizeof(r));
	memset(&c, 0, sizeof(c));
	reply_init(&rep, WEB_REPLY_MAX);
	c.app = app;
	c.req = &r;
	c.reply = &rep;
	c.arena = w->arena;

	e = pipeline(w, fr, &c, &faulted);
	if (e != UF_OK) {
		bool html_auth = e == UF_EAUTH && c.route && !(c.route->flags & RF_API) &&
		    (c.route->flags & RF_SESSION) && !c.session && app->login_path;
		if (html_auth) {
			/* No session (ended, idle, submitted): back to the start. */
			reply_reset(&rep);
			reply_redirect(&rep, c.auth_path ? c.auth_path : app->login_path);
		} else {
			http_error(&c, e);
		}
		int st = rep.status;
		if (e == UF_EDB || e == UF_EINTERNAL || e == UF_ENOMEM || e == UF_EIO)
			log_error("req=%s route=%s status=%d err=%s sqlstate=%s", r.request_id,
			    c.route ? c.route->name : "-", st, uf_err_name(e),
			    c.db ? db_sqlstate(c.db) : "");
		else
			log_info("req=%s route=%s status=%d err=%s", r.request_id,
			    c.route ? c.route->name : "-", st, uf_err_name(e));
	}
	input_done = drain_body(fr);
	if (http_send(fr->out, &rep) != UF_OK)
		log_warn("req=%s msg=\"reply not sent (client gone?)\"",
		    r.request_id ? r.request_id : "-");
	log_debug("req=%s route=%s status=%d ms=%.2f", r.request_id ? r.request_id : "-",
	    c.route ? c.route->name : "-", rep.status ? rep.status : 200, now_ms() - t0);
	req_free(&r);
	reply_free(&rep);
	return input_done;
}

/* (Re)arm fd in the epoll set for one readiness report: with EPOLLONESHOT
 * exactly one worker gets it, and nobody else until it is armed again. */
static bool
arm(int epoll_fd, int fd, int op)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT, .data.fd = fd };
	return epoll_ctl(epoll_fd, op, fd, &ev) == 0;
}

/* A new connection from the web server goes into the epoll set first: no
 * worker blocks on a connection before its request has started to arrive. */
static void
accept_one(struct worker *w)
{
	int fd = accept(w->listen_fd, NULL, NULL);
	int err = errno;

	if (!arm(w->epoll_fd, w->listen_fd, EPOLL_CTL_MOD))
		log_error("worker=%d msg=\"cannot re-arm the listening socket\" errno=%d", w->id, errno);
	if (fd < 0) {
		if (err == EMFILE || err == ENFILE || err == ENOBUFS || err == ENOMEM) {
			/* Out of descriptors: let requests in flight end first. */
			log_warn("worker=%d msg=\"accept failed\" errno=%d", w->id, err);
			(void)nanosleep(&(struct timespec){ .tv_nsec = 10 * 1000 * 1000 }, NULL);
		}
		return; /* EAGAIN (another worker took it), ECONNABORTED, stopping */
	}
	if (fcntl(fd, F_SETFD, FD_CLOEXEC) != 0 || !arm(w->epoll_fd, fd, EPOLL_CTL_ADD)) {
		log_error("worker=%d msg=\"cannot watch a connection\" errno=%d", w->id, errno);
		close(fd);
	}
}

/* One request from the connection fd, which has input waiting. libfcgi's
 * FCGX_Accept_r reads the request from a connection it is given
 * (FCGX_Request.ipcFd: the request was set up with no listening socket, so
 * it never accepts by itself). When the web server asked to keep the
 * connection and the request's input was read to the end, the connection
 * goes back into the epoll set: no socket, connect, accept and close per
 * request. When the server closed it, FCGX_Accept_r finds its end, closes
 * it and returns an error: nothing more to do. */
static void
serve_one(struct worker *w, FCGX_Request *fr, int fd)
{
	fr->ipcFd = fd;
	fr->keepConnection = 1; /* FCGX_Accept_r's first step, finishing the
	                         * request before, must not close fd */
	fr->detached = 0;
	if (FCGX_Accept_r(fr) < 0)
		return;
	if (!handle(w, fr))
		fr->keepConnection = 0; /* input left unread: the lingering close */
	else if (!fr->keepConnection && FCGX_Detach(fr) != 0)
		/* libfcgi's default close half-closes the socket and waits for
		 * the server to close first, in case input is still on its way:
		 * two more system calls and a wake-up. All input was read, so
		 * nothing can be lost: closed outright. */
		log_warn("worker=%d msg=\"FCGX_Detach failed\"", w->id);
	FCGX_Finish_r(fr);
	arena_reset(w->arena);
	if (fr->ipcFd >= 0) {
		int kept = fr->ipcFd;
		fr->ipcFd = -1;
		if (!arm(w->epoll_fd, kept, EPOLL_CTL_MOD)) {
			log_error("worker=%d msg=\"cannot watch a kept connection\" errno=%d", w->id, errno);
			close(kept);
		}
	}
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	FCGX_Request fr;

	if (FCGX_InitRequest(&fr, -1, 0) != 0) {
		log_error("worker=%d msg=\"FCGX_InitRequest failed\"", w->id);
		return NULL;
	}
	if (ensure_db(w) != UF_OK)
		log_warn("worker=%d msg=\"starting without database; retrying per request\"", w->id);
	while (!atomic_load(&stopping)) {
		struct epoll_event ev;
		int n = epoll_wait(w->epoll_fd, &ev, 1, -1);
		if (n < 0 && errno != EINTR) {
			log_error("worker=%d msg=\"epoll_wait failed\" errno=%d", w->id, errno);
			break;
		}
		if (n <= 0)
			continue;
		if (ev.data.fd == w->listen_fd)
			accept_one(w);
		else
			serve_one(w, &fr, ev.data.fd);
	}
	FCGX_Free(&fr, 1);
	return NULL;
}

/* Whether a program accepts connections on the unix socket at path: a
 * second copy started by mistake must not take the socket of one that
 * serves (the old socket file is removed only when nobody listens). */
static bool
socket_in_use(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	bool used;
	int s;

	if (strlen(path) >= sizeof sa.sun_path)
		return false; /* FCGX_OpenSocket refuses such a path itself */
	memcpy(sa.sun_path, path, strlen(path) + 1);
	s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return false;
	used = connect(s, (const struct sockaddr *)&sa, sizeof sa) == 0;
	close(s);
	return used;
}

/* Create the unix socket with the configured mode and group. */
static uf_err
open_socket(const struct web_app *app, int *fd)
{
	struct stat st;
	mode_t old;

	if (lstat(app->socket_path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			log_error("msg=\"socket path exists and is not a socket\" path=%s",
			    app->socket_path);
			return UF_EIO;
		}
		if (socket_in_use(app->socket_path)) {
			log_error("msg=\"another program serves on the socket\" path=%s",
			    app->socket_path);
			return UF_EIO;
		}
		if (unlink(app->socket_path) != 0) {
			log_error("msg=\"cannot remove old socket\" path=%s errno=%d",
			    app->socket_path, errno);
			return UF_EIO;
		}
	}
	old = umask(0177); /* no window where the socket is wider than asked */
	*fd = FCGX_OpenSocket(app->socket_path, 128);
	umask(old);
	if (*fd < 0) {
		log_error("msg=\"cannot open socket\" path=%s", app->socket_path);
		return UF_EIO;
	}
	if (app->socket_group && *app->socket_group) {
		struct group *g = getgrnam(app->socket_group);
		if (!g || chown(app->socket_path, (uid_t)-1, g->gr_gid) != 0) {
			log_error("msg=\"cannot give socket to group\" group=%s", app->socket_group);
			return UF_EIO;
		}
	}
	if (chmod(app->socket_path, (mode_t)app->socket_mode) != 0) {
		log_error("msg=\"cannot chmod socket\" path=%s errno=%d", app->socket_path, errno);
		return UF_EIO;
	}
	return UF_OK;
}

uf_err
web_run(const struct web_app *app)
{
	uf_err e = UF_OK;
	struct worker *ws = NULL;
	int fd = -1, epoll_fd = -1, started = 0, sig = 0, fl;
	sigset_t set;

	if (app->workers < 1 || app->workers > WEB_MAX_WORKERS)
		return UF_EINVAL;
	if (FCGX_Init() != 0) {
		log_error("msg=\"FCGX_Init failed\"");
		return UF_EIO;
	}
	e = open_socket(app, &fd);
	if (e != UF_OK)
		goto out;
	/* Non-blocking: a worker woken for a connection another one took gets
	 * EAGAIN instead of waiting in accept. */
	fl = fcntl(fd, F_GETFL);
	epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) != 0 || epoll_fd < 0 ||
	    !arm(epoll_fd, fd, EPOLL_CTL_ADD)) {
		log_error("msg=\"cannot set up the epoll set\" errno=%d", errno);
		e = UF_EIO;
		goto out;
	}

	/* Workers inherit a mask that blocks the stop signals; the main thread
	 * waits for them with sigwait. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0) {
		e = UF_EINTERNAL;
		goto out;
	}

	ws = calloc((size_t)app->workers, sizeof(*ws));
	if (!ws) {
		e = UF_ENOMEM;
		goto out;
	}
	for (int i = 0; i < app->workers; i++) {
		ws[i].app = app;
		ws[i].listen_fd = fd;
		ws[i].epoll_fd = epoll_fd;
		ws[i].id = i;
		ws[i].arena = arena_new(WEB_ARENA_MAX);
		if (!ws[i].arena) {
			e = UF_ENOMEM;
			goto stop;
		}
		if (pthread_create(&ws[i].thread, NULL, worker_main, &ws[i]) != 0) {
			arena_free(ws[i].arena);
			ws[i].arena = NULL;
			e = UF_EINTERNAL;
			goto stop;
		}
		started++;
	}
	log_info("msg=\"listening\" socket=%s workers=%d", app->socket_path, app->workers);
	if (sigwait(&set, &sig) != 0)
		e = UF_EINTERNAL;
	log_info("msg=\"stopping\" signal=%d", sig);
stop:
	/* In-flight requests finish; the shut-down listening socket becomes
	 * readable and wakes the waiting workers one after another (each
	 * arms it again before it leaves). Idle kept connections close when
	 * the program exits. */
	atomic_store(&stopping, true);
	FCGX_ShutdownPending();
	if (shutdown(fd, SHUT_RDWR) != 0 && errno != ENOTCONN)
		log_warn("msg=\"shutdown of listening socket failed\" errno=%d", errno);
	for (int i = 0; i < started; i++)
		pthread_join(ws[i].thread, NULL);
	for (int i = 0; i < app->workers; i++) {
		db_close(ws[i].db);
		arena_free(ws[i].arena);
	}
out:
	if (epoll_fd >= 0)
		close(epoll_fd);
	if (fd >= 0) {
		close(fd);
		if (unlink(app->socket_path) != 0 && errno != ENOENT)
			log_warn("msg=\"cannot remove socket\" path=%s", app->socket_path);
	}
	free(ws);
	return e;
}
