/* SPDX-License-Identifier: ISC
 * Option helpers shared by the uppfolj-admin subcommands: the --db and
 * --secret defaults from the environment, the options every management
 * subcommand spells alike, strict number parsing, and the one way a usage
 * error is printed (exit status 2).
 */
#ifndef UF_ADMIN_OPTS_H
#define UF_ADMIN_OPTS_H
#include <stdbool.h>

#define OPTS_DB_DEFAULT "dbname=uppfolj"
#define OPTS_EXIT_USAGE 2

struct option;

/* --db default: $UPPFOLJ_DB, else OPTS_DB_DEFAULT. Borrowed. */
const char *opts_db_default(void);
/* --secret default: $UPPFOLJ_SECRET or NULL. Borrowed. */
const char *opts_secret_default(void);

/* Print "uppfolj-admin CMD: <message>" and a hint to run --help on stderr;
 * returns 2 (the usage exit status) so callers can `return opts_usage(...)`. */
int opts_usage(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Print "uppfolj-admin CMD: <message>" on stderr; returns 1. */
int opts_fail(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Print the usage error for what getopt_long returned as c when the
 * command parses with opterr = 0 and optstring ":": a missing value (':')
 * or an unknown option, named from argv. Returns 2. */
int opts_bad_option(const char *cmd, int c, char **argv);

/* The options the management subcommands share, under the same letters in
 * each command's struct option table (a command lists only those it takes). */
struct opts_common {
	const char *conninfo; /* 'd' --db; starts as opts_db_default() */
	const char *secret;   /* 's' --secret; starts as opts_secret_default() */
	const char *study;    /* 'S' --study slug; NULL: the only study */
	long months;          /* 'w' --wave, 1-120; 0 when not given */
};

/* Their struct option entries (the file using them includes <getopt.h>). */
#define OPTS_LONG_DB                               \
	{                                          \
		"db", required_argument, NULL, 'd' \
	}
#define OPTS_LONG_SECRET                               \
	{                                              \
		"secret", required_argument, NULL, 's' \
	}
#define OPTS_LONG_STUDY                               \
	{                                             \
		"study", required_argument, NULL, 'S' \
	}
#define OPTS_LONG_WAVE                               \
	{                                            \
		"wave", required_argument, NULL, 'w' \
	}

void opts_common_init(struct opts_common *o);
/* Store the option getopt_long returned as c (with its arg) when it is a
 * common one. false after the usage message: a bad --wave, or any other c
 * ("unknown option"); the caller returns OPTS_EXIT_USAGE. */
bool opts_common(const char *cmd, int c, const char *arg, struct opts_common *o);
/* opts_common_init and the whole getopt_long loop (from optind 1) of a
 * subcommand whose options in longopts are all common ones. false after
 * the usage message; the caller checks what is left of argv. */
bool opts_common_parse(const char *cmd, int argc, char **argv,
    const struct option *longopts, struct opts_common *o);

/* The first existing directory of: $envvar, datadir_sub (under UF_DATADIR),
 * fallback. Borrowed or static; never NULL. */
const char *opts_data_dir(const char *envvar, const char *installed,
    const char *fallback);

#endif
