/* SPDX-License-Identifier: ISC
 * Harness: a configuration file (admin input, read at start) through
 * conf_load with uppfolj-collect's keys, the shared web keys
 * (web_conf_read) and the integer settings, and the same bytes as a secret
 * key file (code_key_load). Refusals must say where; accepted integers
 * must lie in their range. Input: the file.
 */
#include "config.h"

#include <string.h>

#include "code.h"
#include "conf.h"
#include "fuzz.h"
#include "utf8.h"
#include "web_conf.h"

/* As collect/collect_main.c. */
static const char *const known[] = {
	"db", "socket", "socket_mode", "socket_group", "workers", "secret_file",
	"max_body_bytes", "session_idle_minutes", "cookie_secure", "info_version",
	"contact", "log_level", "rate_addr_max", "rate_code_max",
	"rate_window_minutes", "thanks_seconds", "session_cache_seconds", NULL
};

static const struct web_conf_limits limits = {
	.workers_def = 8,
	.workers_min = 1,
	.workers_max = 256,
	.max_body_def = 65536,
	.max_body_min = 1024,
	.max_body_max = 16L * 1024 * 1024,
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_memfile(data, size);
	struct conf *c = NULL;
	struct web_conf wc;
	unsigned char key[CODE_KEY_LEN];
	char err[512];
	uf_err e;

	memset(err, 0, sizeof(err));
	e = conf_load(path, known, &c, err, sizeof(err));
	FUZZ_CHECK(e == UF_OK || e == UF_EFORMAT || e == UF_ELIMIT);
	if (e != UF_OK) {
		FUZZ_CHECK(c == NULL && err[0] != '\0' && strlen(err) < sizeof(err));
		/* A UTF-8 file gives a UTF-8 message, even when it is cut. */
		if (utf8_valid((const char *)data, size))
			FUZZ_CHECK(utf8_valid(err, strlen(err)));
	} else {
		for (size_t k = 0; known[k]; k++) {
			const char *v = conf_get(c, known[k], NULL);
			long n = -12345;
			if (v)
				FUZZ_CHECK(strchr(v, '\n') == NULL);
			if (conf_get_long(c, known[k], 7, 1, 1000, &n) == UF_OK)
				FUZZ_CHECK(n >= 1 && n <= 1000);
		}
		memset(err, 0, sizeof(err));
		e = web_conf_read(c, "fuzz", &limits, &wc, err, sizeof(err));
		FUZZ_CHECK(e == UF_OK || e == UF_EFORMAT);
		if (e == UF_OK) {
			FUZZ_CHECK(wc.socket && *wc.socket && wc.socket_group);
			FUZZ_CHECK(wc.workers >= 1 && wc.workers <= 256);
			FUZZ_CHECK(wc.max_body >= 1024 && wc.max_body <= 16u * 1024 * 1024);
			FUZZ_CHECK(wc.socket_mode >= 0 && wc.socket_mode <= 0777);
		} else {
			FUZZ_CHECK(strncmp(err, "fuzz: ", 6) == 0);
			if (utf8_valid((const char *)data, size))
				FUZZ_CHECK(utf8_valid(err, strlen(err)));
		}
		conf_free(c);
	}
	e = code_key_load(path, key);
	FUZZ_CHECK(e == UF_OK || e == UF_EFORMAT);
	if (e == UF_OK)
		FUZZ_CHECK(size == CODE_KEY_LEN || size == 2 * CODE_KEY_LEN ||
		    size == 2 * CODE_KEY_LEN + 1);
	return 0;
}
