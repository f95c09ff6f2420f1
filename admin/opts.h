/* SPDX-License-Identifier: ISC
 * Option helpers shared by the uppfolj-admin subcommands: the --db and
 * --secret defaults from the environment, strict number and date parsing,
 * and the one way a usage error is printed (exit status 2).
 */
#ifndef UF_ADMIN_OPTS_H
#define UF_ADMIN_OPTS_H
#include <stdbool.h>

#define OPTS_DB_DEFAULT "dbname=uppfolj"

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

/* Decimal integer in [min, max], the whole string, no sign games. */
bool opts_long(const char *s, long min, long max, long *out);
/* Unsigned 64-bit decimal (a seed). */
bool opts_u64(const char *s, unsigned long long *out);

/* The first existing directory of: $envvar, datadir_sub (under UF_DATADIR),
 * fallback. Borrowed or static; never NULL. */
const char *opts_data_dir(const char *envvar, const char *installed,
    const char *fallback);

#endif
