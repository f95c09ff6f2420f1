/* SPDX-License-Identifier: ISC
 * The one error type of uppfolj. Every function that can fail returns an
 * uf_err; UF_OK is 0. Only web/http.c turns these into HTTP statuses and only
 * the CLIs turn them into exit codes.
 */
#ifndef UF_ERR_H
#define UF_ERR_H

typedef enum uf_err {
	UF_OK = 0,
	UF_ENOMEM,    /* allocation failed */
	UF_EINVAL,    /* input broke a rule (validation); message says which */
	UF_ELIMIT,    /* input over a hard limit (size, count, depth) */
	UF_ENOTFOUND, /* the thing asked for does not exist */
	UF_ECONFLICT, /* state forbids it: already submitted, duplicate key */
	UF_EAUTH,     /* code/password/session not accepted */
	UF_EPERM,     /* authenticated but not allowed */
	UF_ERATE,     /* too many attempts; try later */
	UF_EDB,       /* database failed (connection, unexpected SQLSTATE) */
	UF_EIO,       /* file or socket I/O failed */
	UF_EFORMAT,   /* a definition/config file is malformed */
	UF_EINTERNAL, /* a bug or an impossible state; logged, never shown */
	UF_ERR__MAX
} uf_err;

/* Check a call that returns uf_err: keep its error in the function's
 * `uf_err e` and go to the function's `out:` (HACKING.md, one exit). */
#define CK(expr)                           \
	do {                               \
		if ((e = (expr)) != UF_OK) \
			goto out;          \
	} while (0)

/* Short English name for logs ("EINVAL"); never NULL, never shown to users. */
const char *uf_err_name(uf_err e);

#endif
