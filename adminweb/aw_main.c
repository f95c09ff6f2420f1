/* SPDX-License-Identifier: ISC
 * uppfolj-adminweb: the administration web program (under /admin/). Reads
 * the configuration and the code key, takes manage/'s statement table (all
 * the SQL it runs) and runs the FastCGI framework with this program's routes.
 * Exit codes: 0 ok, 1 failure, 2 usage.
 */
#include "config.h"

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
#include "web_conf.h"

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
	      "socket named in FILE (see deploy/adminweb.conf.sample).\n",
	    to);
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

/* The admin pages post small forms only, and few people use them at once. */
static const struct web_conf_limits web_limits = {
	.workers_def = 4,
	.workers_min = 1,
	.workers_max = 64,
	.max_body_def = 16384,
	.max_body_min = 1024,
	.max_body_max = 65536,
};

/* Every key has a safe default except socket, contact_db, secret_file and
 * base_url, which name things only the operator knows. */
static int
load_config(const char *path, struct conf **cout)
{
	char err[512];
	struct conf *c = NULL;
	const char *secret;

	if (conf_load(path, known_keys, &c, err, sizeof(err)) != UF_OK)
		return fail("%s", err);
	*cout = c;
	cfg.db = conf_get(c, "db", "dbname=uppfolj user=uppfolj_admin");
	cfg.contact_db = conf_get(c, "contact_db", NULL);
	if (cfg.contact_db == NULL || *cfg.contact_db == '\0')
		return fail("%s: contact_db is required (a conninfo for the role "
		            "uppfolj_contact)",
		    path);
	if (web_conf_read(c, "uppfolj-adminweb", &web_limits, &cfg.web, err,
	        sizeof(err)) != UF_OK) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	log_set_level(cfg.web.log_level);
	cfg.base_url = conf_get(c, "base_url", NULL);
	if (!codesheet_base_url_ok(cfg.base_url))
		return fail("%s: base_url must be the respondents' http(s) address "
		            "without spaces, '?' or '#', e.g. https://enkat.example.se",
		    path);
	cfg.font_dir = conf_get(c, "font_dir", NULL);
	cfg.study = conf_get(c, "study", NULL);
	if (cfg.study != NULL && *cfg.study == '\0')
		cfg.study = NULL;
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
		.session = aw_session_load,
		.csrf = aw_csrf_check,
		.login_path = "/admin/login?slut=1",
		.home_path = "/admin/",
	};
	web_app_from_conf(&app, &cfg.web);
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
