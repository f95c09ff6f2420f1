/* SPDX-License-Identifier: ISC
 * uppfolj-collect: the respondent-facing FastCGI program. Reads the config,
 * the secret key, and runs the web framework with this program's routes and
 * statements. Helper modes print code hashes for tests and benchmarks.
 * Exit codes: 0 ok, 1 failure, 2 usage.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "code.h"
#include "collect.h"
#include "collect_audio.h"
#include "collect_cache.h"
#include "collect_form.h"
#include "collect_instr.h"
#include "collect_handlers.h"
#include "conf.h"
#include "db_collect.h"
#include "lang.h"
#include "log.h"
#include "num.h"
#include "web.h"
#include "web_conf.h"

const struct collect_conf *collect_cfg;
static struct collect_conf cfg;

static const char *const known_keys[] = {
	"db", "socket", "socket_mode", "socket_group", "workers", "secret_file",
	"max_body_bytes", "idle_patient_seconds", "idle_staff_seconds", "cookie_secure",
	"info_version",
	"contact", "log_level", "rate_addr_max", "rate_code_max",
	"rate_window_minutes", "thanks_seconds", "session_cache_seconds", "lang_dir",
	"audio_manifest", NULL
};

static void
usage(FILE *to)
{
	fputs("usage: uppfolj-collect --config FILE\n"
	      "       uppfolj-collect --config FILE --hash-code CODE\n"
	      "       uppfolj-collect --config FILE --new-codes N\n"
	      "\n"
	      "Serves the respondent pages and the JSON API over FastCGI on the unix\n"
	      "socket named in FILE (see deploy/uppfolj.conf.sample).\n"
	      "  --hash-code CODE  print the stored form (bytea hex) of an access code\n"
	      "  --new-codes N     print N new codes: CODE<TAB>hash (tests, benchmarks)\n",
	    to);
}

static int
get_int(const struct conf *c, const char *key, long def, long lo, long hi,
    int *out)
{
	long v;
	if (conf_get_long(c, key, def, lo, hi, &v) != UF_OK) {
		fprintf(stderr, "uppfolj-collect: %s must be a number from %ld to %ld\n",
		    key, lo, hi);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* uppfolj-collect's workers and body limit: answers of a whole instrument
 * are posted at once, so bodies may be larger than the admin pages'. */
static const struct web_conf_limits web_limits = {
	.workers_def = 8,
	.workers_min = 1,
	.workers_max = 256,
	.max_body_def = 65536,
	.max_body_min = 1024,
	.max_body_max = 16L * 1024 * 1024,
};

/* Read the settings; every missing key has a safe default except socket. */
static int
load_config(const char *path, struct conf **cout)
{
	char err[512];
	struct conf *c = NULL;
	const char *secret;
	int n;

	if (conf_load(path, known_keys, &c, err, sizeof(err)) != UF_OK) {
		fprintf(stderr, "uppfolj-collect: %s\n", err);
		return -1;
	}
	*cout = c;
	cfg.db = conf_get(c, "db", getenv("UPPFOLJ_DB") ? getenv("UPPFOLJ_DB") : "dbname=uppfolj");
	if (web_conf_read(c, "uppfolj-collect", &web_limits, &cfg.web, err,
	        sizeof(err)) != UF_OK) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	log_set_level(cfg.web.log_level);
	/* From 5 seconds (the tests of the idle end) to 4 hours; the sample
	 * config has 3 minutes for patients and 20 for staff. */
	if (get_int(c, "idle_patient_seconds", 180, 5, 14400, &cfg.idle_patient_seconds) ||
	    get_int(c, "idle_staff_seconds", 1200, 5, 14400, &cfg.idle_staff_seconds) ||
	    get_int(c, "rate_addr_max", 30, 1, 100000, &cfg.rate_addr_max) ||
	    get_int(c, "rate_code_max", 5, 1, 1000, &cfg.rate_code_max) ||
	    get_int(c, "rate_window_minutes", 15, 1, 1440, &cfg.rate_window_minutes) ||
	    get_int(c, "thanks_seconds", 20, 3, 600, &cfg.thanks_seconds) ||
	    /* Below the 30 s in which collect_session_get refreshes last_seen,
	     * so a cached session still keeps its database row alive. */
	    get_int(c, "session_cache_seconds", 5, 0, 20, &cfg.session_cache_seconds))
		return -1;
	cfg.info_version = conf_get(c, "info_version", "2026-2");
	n = (int)strlen(cfg.info_version);
	if (n < 1 || n > 40) {
		fprintf(stderr, "uppfolj-collect: info_version must be 1-40 characters\n");
		return -1;
	}
	cfg.contact = conf_get(c, "contact", NULL);
	/* The languages are data: ui/ and info/ under lang_dir (the installed
	 * forms folder unless the config or the environment names another). */
	cfg.lang_dir = conf_get(c, "lang_dir", getenv("UPPFOLJ_LANG_DIR") ? getenv("UPPFOLJ_LANG_DIR") : UF_DATADIR "/forms");
	/* Read-aloud players only when audio-build's manifest is named. */
	cfg.audio_manifest = conf_get(c, "audio_manifest", NULL);
	if (cfg.audio_manifest && audio_manifest_load(cfg.audio_manifest, err, sizeof(err)) != UF_OK) {
		fprintf(stderr, "uppfolj-collect: audio_manifest: %s\n", err);
		return -1;
	}
	secret = conf_get(c, "secret_file", getenv("UPPFOLJ_SECRET"));
	if (!secret || code_key_load(secret, cfg.key) != UF_OK) {
		fprintf(stderr, "uppfolj-collect: cannot read the secret key (secret_file)\n");
		return -1;
	}
	return 0;
}

static int
hash_code(const char *typed)
{
	char norm[CODE_LEN + 1], out[2 + 2 * CODE_HASH_LEN + 1];
	if (code_normalize(typed, norm) != UF_OK) {
		fprintf(stderr, "uppfolj-collect: not a valid code\n");
		return 1;
	}
	collect_hash_bytea(norm, out);
	printf("%s\n", out);
	return 0;
}

static int
new_codes(const char *arg)
{
	long n;
	if (!num_long(arg, 1, 10000000, &n)) {
		fprintf(stderr, "uppfolj-collect: --new-codes needs 1..10000000\n");
		return 2;
	}
	for (long i = 0; i < n; i++) {
		char code[CODE_LEN + 1], pr[CODE_PRINT_LEN + 1], h[2 + 2 * CODE_HASH_LEN + 1];
		if (code_generate(code) != UF_OK)
			return 1;
		code_format(code, pr);
		collect_hash_bytea(code, h);
		if (printf("%s\t%s\n", pr, h) < 0)
			return 1;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "hash-code", required_argument, NULL, 'H' },
		{ "new-codes", required_argument, NULL, 'N' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *config = NULL, *hash = NULL, *ncodes = NULL;
	struct conf *c = NULL;
	int ch, rc = 1;
	uf_err e;

	log_set_program("uppfolj-collect");
	while ((ch = getopt_long(argc, argv, "c:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'c': config = optarg; break;
		case 'H': hash = optarg; break;
		case 'N': ncodes = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (!config || optind != argc || (hash && ncodes)) {
		usage(stderr);
		return 2;
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "uppfolj-collect: libsodium failed to initialise\n");
		return 1;
	}
	if (load_config(config, &c) != 0)
		goto out;
	collect_cfg = &cfg;
	if (hash) {
		rc = hash_code(hash);
		goto out;
	}
	if (ncodes) {
		rc = new_codes(ncodes);
		goto out;
	}
	/* Only serving needs the pages' texts; the helper modes above do not. */
	{
		char err[512];
		if (lang_table_load(cfg.lang_dir, err, sizeof err) != UF_OK) {
			fprintf(stderr, "uppfolj-collect: languages (lang_dir): %s\n", err);
			goto out;
		}
	}

	struct web_app app = {
		.name = "uppfolj-collect",
		.routes = collect_routes,
		.nroutes = collect_nroutes,
		.stmts = collect_stmts,
		.nstmts = ST__MAX,
		.conninfo = cfg.db,
		.session = collect_session_load,
		.csrf = collect_csrf_check,
		.login_path = "/?slut=1",
		.home_path = "/",
		/* The respondent's language on the framework's error pages too. */
		.error_lang = collect_error_lang,
	};
	web_app_from_conf(&app, &cfg.web);
	session_cache_init(cfg.session_cache_seconds);
	e = web_run(&app);
	if (e != UF_OK) {
		fprintf(stderr, "uppfolj-collect: cannot serve: %s\n", uf_err_name(e));
		goto out;
	}
	rc = 0;
out:
	session_cache_clear();
	instr_cache_clear();
	lang_table_free();
	audio_manifest_free();
	sodium_memzero(cfg.key, sizeof(cfg.key));
	conf_free(c);
	return rc;
}
