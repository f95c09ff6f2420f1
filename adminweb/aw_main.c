/* SPDX-License-Identifier: ISC
 * uppfolj-adminweb: the administration web program (under /admin/). Reads
 * the configuration and the code key, takes manage/'s statement table (all
 * the SQL it runs) and runs the FastCGI framework with this program's routes.
 * Exit codes: 0 ok, 1 failure, 2 usage.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "aw.h"
#include "codesheet.h"
#include "conf.h"
#include "db_manage.h"
#include "log.h"

const struct aw_conf *aw_cfg;
static struct aw_conf cfg;

static const char *const known_keys[] = {
	"db", "contact_db", "socket", "socket_mode", "socket_group", "workers",
	"secret_file", "base_url", "font_dir", "study", "cookie_secure",
	"max_body_bytes", "log_level", "session_idle_minutes", "session_max_hours",
	NULL
};

static void
usage(FILE *to)
{
	fputs("usage: uppfolj-adminweb --config FILE\n"
	    "\n"
	    "Serves the administration pages (/admin/) over FastCGI on the unix\n"
	    "socket named in FILE (see deploy/adminweb.conf.sample).\n", to);
}

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
fail(const char *fmt, ...)
{
	va_list ap;

	fputs("uppfolj-adminweb: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static int
get_int(const struct conf *c, const char *key, long def, long lo, long hi,
    int *out)
{
	long v;

	if (conf_get_long(c, key, def, lo, hi, &v) != UF_OK) {
		fprintf(stderr, "uppfolj-adminweb: %s must be a number from %ld to %ld\n",
		    key, lo, hi);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int
set_log_level(const char *v)
{
	if (strcmp(v, "debug") == 0)
		log_set_level(LOG_LVL_DEBUG);
	else if (strcmp(v, "info") == 0)
		log_set_level(LOG_LVL_INFO);
	else if (strcmp(v, "warn") == 0)
		log_set_level(LOG_LVL_WARN);
	else if (strcmp(v, "error") == 0)
		log_set_level(LOG_LVL_ERROR);
	else
		return fail("log_level must be debug, info, warn or error");
	return 0;
}

/* Every key has a safe default except socket, contact_db, secret_file and
 * base_url, which name things only the operator knows. */
static int
load_config(const char *path, struct conf **cout)
{
	char err[512];
	struct conf *c = NULL;
	const char *v, *secret;
	char *end = NULL;
	long mode, maxb;

	if (conf_load(path, known_keys, &c, err, sizeof(err)) != UF_OK)
		return fail("%s", err);
	*cout = c;
	cfg.db = conf_get(c, "db", "dbname=uppfolj user=uppfolj_admin");
	cfg.contact_db = conf_get(c, "contact_db", NULL);
	if (cfg.contact_db == NULL || *cfg.contact_db == '\0')
		return fail("%s: contact_db is required (a conninfo for the role "
		    "uppfolj_contact)", path);
	cfg.socket = conf_get(c, "socket", NULL);
	if (cfg.socket == NULL || *cfg.socket == '\0')
		return fail("%s: socket is required", path);
	v = conf_get(c, "socket_mode", "0660");
	errno = 0;
	mode = strtol(v, &end, 8);
	if (errno != 0 || *end != '\0' || end == v || mode < 0 || mode > 0777)
		return fail("socket_mode must be octal, e.g. 0660");
	cfg.socket_mode = (int)mode;
	cfg.socket_group = conf_get(c, "socket_group", "");
	if (get_int(c, "workers", 4, 1, 64, &cfg.workers) != 0)
		return -1;
	if (conf_get_long(c, "max_body_bytes", 16384, 1024, 65536, &maxb) != UF_OK)
		return fail("max_body_bytes must be 1024..65536");
	cfg.max_body = (size_t)maxb;
	cfg.base_url = conf_get(c, "base_url", NULL);
	if (!codesheet_base_url_ok(cfg.base_url))
		return fail("%s: base_url must be the respondents' http(s) address "
		    "without spaces, '?' or '#', e.g. https://enkat.example.se", path);
	cfg.font_dir = conf_get(c, "font_dir", NULL);
	cfg.study = conf_get(c, "study", NULL);
	if (cfg.study != NULL && *cfg.study == '\0')
		cfg.study = NULL;
	v = conf_get(c, "cookie_secure", "auto");
	if (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "1") == 0)
		cfg.cookie_secure = 1;
	else if (strcmp(v, "false") == 0 || strcmp(v, "no") == 0 || strcmp(v, "0") == 0)
		cfg.cookie_secure = 0;
	else if (strcmp(v, "auto") == 0)
		cfg.cookie_secure = -1;
	else
		return fail("cookie_secure must be auto, true or false");
	if (set_log_level(conf_get(c, "log_level", "info")) != 0)
		return -1;
	if (get_int(c, "session_idle_minutes", SESSION_IDLE_MINUTES_DEFAULT,
	    SESSION_IDLE_MINUTES_MIN, SESSION_IDLE_MINUTES_MAX,
	    &cfg.session.idle_minutes) != 0 ||
	    get_int(c, "session_max_hours", SESSION_MAX_HOURS_DEFAULT,
	    SESSION_MAX_HOURS_MIN, SESSION_MAX_HOURS_MAX,
	    &cfg.session.max_hours) != 0)
		return -1;
	if (!session_limits_ok(&cfg.session))
		return fail("session_idle_minutes must not exceed session_max_hours");
	secret = conf_get(c, "secret_file", getenv("UPPFOLJ_SECRET"));
	if (secret == NULL || code_key_load(secret, cfg.key) != UF_OK)
		return fail("cannot read the access-code key (secret_file)");
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *config = NULL;
	struct conf *c = NULL;
	const struct db_stmt *stmts;
	size_t nstmts = 0;
	int ch, rc = 1;
	uf_err e;

	log_set_program("uppfolj-adminweb");
	while ((ch = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': config = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (config == NULL || optind != argc) {
		usage(stderr);
		return 2;
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "uppfolj-adminweb: libsodium failed to initialise\n");
		return 1;
	}
	if (load_config(config, &c) != 0)
		goto out;
	aw_cfg = &cfg;
	stmts = db_manage_stmts(&nstmts);
	aw_contact_db_init();

	struct web_app app = {
		.name = "uppfolj-adminweb",
		.routes = aw_routes,
		.nroutes = R__MAX,
		.stmts = stmts,
		.nstmts = nstmts,
		.conninfo = cfg.db,
		.socket_path = cfg.socket,
		.socket_mode = cfg.socket_mode,
		.socket_group = cfg.socket_group,
		.workers = cfg.workers,
		.max_body = cfg.max_body,
		.session = aw_session_load,
		.csrf = aw_csrf_check,
		.login_path = "/admin/login?slut=1",
	};
	e = web_run(&app);
	if (e != UF_OK) {
		fprintf(stderr, "uppfolj-adminweb: cannot serve: %s\n", uf_err_name(e));
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(cfg.key, sizeof(cfg.key));
	conf_free(c);
	return rc;
}
