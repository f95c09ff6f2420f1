/* SPDX-License-Identifier: ISC
 * Option helpers shared by the uppfolj-admin subcommands (see opts.h). No
 * subcommand logic here: only defaults, strict parsing and message shapes.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "opts.h"

const char *
opts_db_default(void)
{
	const char *s = getenv("UPPFOLJ_DB");

	return (s != NULL && *s != '\0') ? s : OPTS_DB_DEFAULT;
}

const char *
opts_secret_default(void)
{
	const char *s = getenv("UPPFOLJ_SECRET");

	return (s != NULL && *s != '\0') ? s : NULL;
}

static void
vmessage(const char *cmd, const char *fmt, va_list ap)
{
	fprintf(stderr, "uppfolj-admin %s: ", cmd);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int
opts_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(cmd, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try 'uppfolj-admin %s --help'.\n", cmd);
	return 2;
}

int
opts_fail(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(cmd, fmt, ap);
	va_end(ap);
	return 1;
}

bool
opts_long(const char *s, long min, long max, long *out)
{
	char *end = NULL;
	long v;

	/* strtol accepts leading blanks and '+'; a count on a command line
	 * is plain digits (and '-' for the rare negative bound). */
	if (s == NULL || (*s != '-' && (*s < '0' || *s > '9')))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool
opts_u64(const char *s, unsigned long long *out)
{
	char *end = NULL;
	unsigned long long v;

	if (s == NULL || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0')
		return false;
	*out = v;
	return true;
}

static bool
is_dir(const char *p)
{
	struct stat st;

	return p != NULL && *p != '\0' && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *
opts_data_dir(const char *envvar, const char *installed, const char *fallback)
{
	const char *e = envvar != NULL ? getenv(envvar) : NULL;

	/* An explicit environment setting wins even when it is wrong, so the
	 * user sees the error about the folder they named. */
	if (e != NULL && *e != '\0')
		return e;
	if (is_dir(installed))
		return installed;
	return fallback;
}
