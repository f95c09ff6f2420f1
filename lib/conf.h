/* SPDX-License-Identifier: ISC
 * The configuration file: "key = value" lines, '#' comments, no sections.
 * Unknown keys are an error so typos do not pass silently; each program
 * passes the keys it knows.
 */
#ifndef UF_CONF_H
#define UF_CONF_H
#include <stddef.h>
#include "err.h"

struct conf;

/* Load path, allowing only the keys in known[] (NULL-terminated). On
 * UF_EFORMAT/UF_EIO err holds "file:line: what". Caller owns *out. */
uf_err conf_load(const char *path, const char *const *known, struct conf **out,
    char *err, size_t errlen);
void conf_free(struct conf *c); /* NULL-safe */

/* Borrowed value or def when the key is absent. */
const char *conf_get(const struct conf *c, const char *key, const char *def);
/* Integer in [min, max], def when absent; UF_EINVAL when malformed/out of range. */
uf_err conf_get_long(const struct conf *c, const char *key, long def,
    long min, long max, long *out);

#endif
