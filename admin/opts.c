/* SPDX-License-Identifier: ISC
 * Option helpers shared by the uppfolj-admin subcommands (see opts.h). No
 * subcommand logic here: only defaults, strict parsing and message shapes.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "num.h"
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
	return OPTS_EXIT_USAGE;
}

int
opts_bad_option(const char *cmd, int c, char **argv)
{
	if (c == ':')
		return opts_usage(cmd, "%s needs a value", argv[optind - 1]);
	return opts_usage(cmd, "unknown option %s", argv[optind - 1]);
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

void
opts_common_init(struct opts_common *o)
{
	o->conninfo = opts_db_default();
	o->secret = opts_secret_default();
	o->study = NULL;
	o->months = 0;
}

bool
opts_common(const char *cmd, int c, const char *arg, struct opts_common *o)
{
	switch (c) {
	case 'd': o->conninfo = arg; break;
	case 's': o->secret = arg; break;
	case 'S': o->study = arg; break;
	case 'w':
		if (!num_long(arg, 1, 120, &o->months)) {
			opts_usage(cmd, "--wave is months, 1-120");
			return false;
		}
		break;
	default:
		opts_usage(cmd, "unknown option");
		return false;
	}
	return true;
}

bool
opts_common_parse(const char *cmd, int argc, char **argv,
    const struct option *longopts, struct opts_common *o)
{
	int c;

	opts_common_init(o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1)
		if (!opts_common(cmd, c, optarg, o))
			return false;
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
