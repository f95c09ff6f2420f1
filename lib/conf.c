/* SPDX-License-Identifier: ISC
 * The configuration file parser: "key = value" lines, whole-line '#'
 * comments (a '#' inside a value is kept: passwords and conninfo strings may
 * contain one). Every mistake is an error naming file and line; nothing is
 * guessed. Values are never echoed in messages (they may be secrets).
 */
#include "conf.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "utf8.h"

#define CONF_LINE_MAX 1024 /* bytes per line, newline excluded */
#define CONF_KEYS_MAX 100

struct conf_entry {
	char *key;
	char *value;
	long line;
};

struct conf {
	struct conf_entry e[CONF_KEYS_MAX];
	size_t n;
};

static void
set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	if (n < 0)
		err[0] = '\0';
	else if ((size_t)n >= errlen) /* cut: never inside a character */
		err[utf8_whole_prefix(err, errlen - 1)] = '\0';
}

void
conf_free(struct conf *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->e[i].key);
		free(c->e[i].value);
	}
	free(c);
}

enum line_status { LINE_OK,
	LINE_EOF,
	LINE_TOO_LONG,
	LINE_NUL,
	LINE_IOERR };

/* Read one line into buf (CONF_LINE_MAX + 1 bytes), newline dropped. */
static enum line_status
read_line(FILE *f, char *buf, size_t *lenp)
{
	size_t len = 0;
	bool any = false, too_long = false, nul = false;
	int c;

	while ((c = getc(f)) != EOF) {
		any = true;
		if (c == '\n')
			break;
		if (c == '\0')
			nul = true;
		if (len < CONF_LINE_MAX)
			buf[len++] = (char)c;
		else
			too_long = true;
	}
	buf[len] = '\0';
	*lenp = len;
	if (ferror(f))
		return LINE_IOERR;
	if (!any)
		return LINE_EOF;
	if (nul)
		return LINE_NUL;
	return too_long ? LINE_TOO_LONG : LINE_OK;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Trim s[0..len) in place; returns the start, *lenp the new length. */
static char *
trim(char *s, size_t *lenp)
{
	size_t len = *lenp;

	while (len > 0 && is_space(*s)) {
		s++;
		len--;
	}
	while (len > 0 && is_space(s[len - 1]))
		len--;
	s[len] = '\0';
	*lenp = len;
	return s;
}

static bool
key_known(const char *const *known, const char *key)
{
	size_t i;

	for (i = 0; known != NULL && known[i] != NULL; i++)
		if (strcmp(known[i], key) == 0)
			return true;
	return false;
}

static const struct conf_entry *
find(const struct conf *c, const char *key)
{
	size_t i;

	for (i = 0; c != NULL && i < c->n; i++)
		if (strcmp(c->e[i].key, key) == 0)
			return &c->e[i];
	return NULL;
}

uf_err
conf_load(const char *path, const char *const *known, struct conf **out,
    char *err, size_t errlen)
{
	char buf[CONF_LINE_MAX + 1];
	struct conf *c = NULL;
	const struct conf_entry *dup;
	FILE *f = NULL;
	char *line, *eq, *key, *value;
	size_t len, klen, vlen;
	long lineno = 0;
	enum line_status st;
	uf_err e = UF_OK;

	*out = NULL;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	f = fopen(path, "r");
	if (f == NULL) {
		set_err(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		e = UF_EIO;
		goto out;
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		set_err(err, errlen, "%s: out of memory", path);
		e = UF_ENOMEM;
		goto out;
	}
	for (;;) {
		st = read_line(f, buf, &len);
		if (st == LINE_EOF)
			break;
		if (lineno == LONG_MAX) {
			set_err(err, errlen, "%s: too many lines", path);
			e = UF_EFORMAT;
			goto out;
		}
		lineno++;
		if (st == LINE_IOERR) {
			set_err(err, errlen, "%s:%ld: read error", path, lineno);
			e = UF_EIO;
			goto out;
		}
		if (st == LINE_TOO_LONG) {
			set_err(err, errlen, "%s:%ld: line longer than %d bytes",
			    path, lineno, CONF_LINE_MAX);
			e = UF_EFORMAT;
			goto out;
		}
		if (st == LINE_NUL) {
			set_err(err, errlen, "%s:%ld: NUL byte in line", path, lineno);
			e = UF_EFORMAT;
			goto out;
		}
		line = trim(buf, &len);
		if (len == 0 || line[0] == '#')
			continue;
		eq = strchr(line, '=');
		if (eq == NULL) {
			set_err(err, errlen, "%s:%ld: expected 'key = value'",
			    path, lineno);
			e = UF_EFORMAT;
			goto out;
		}
		*eq = '\0';
		klen = (size_t)(eq - line);
		key = trim(line, &klen);
		vlen = len - (size_t)(eq - line) - 1;
		value = trim(eq + 1, &vlen);
		if (klen == 0) {
			set_err(err, errlen, "%s:%ld: missing key before '='",
			    path, lineno);
			e = UF_EFORMAT;
			goto out;
		}
		if (!key_known(known, key)) {
			set_err(err, errlen, "%s:%ld: unknown key '%s'",
			    path, lineno, key);
			e = UF_EFORMAT;
			goto out;
		}
		dup = find(c, key);
		if (dup != NULL) {
			set_err(err, errlen, "%s:%ld: duplicate key '%s' (first on line %ld)",
			    path, lineno, key, dup->line);
			e = UF_EFORMAT;
			goto out;
		}
		if (c->n == CONF_KEYS_MAX) {
			set_err(err, errlen, "%s:%ld: more than %d keys",
			    path, lineno, CONF_KEYS_MAX);
			e = UF_EFORMAT;
			goto out;
		}
		c->e[c->n].key = strdup(key);
		c->e[c->n].value = strdup(value);
		c->e[c->n].line = lineno;
		c->n++; /* counted first so conf_free releases a half pair */
		if (c->e[c->n - 1].key == NULL || c->e[c->n - 1].value == NULL) {
			set_err(err, errlen, "%s:%ld: out of memory", path, lineno);
			e = UF_ENOMEM;
			goto out;
		}
	}
	*out = c;
	c = NULL;
out:
	conf_free(c);
	if (f != NULL)
		(void)fclose(f);
	return e;
}

const char *
conf_get(const struct conf *c, const char *key, const char *def)
{
	const struct conf_entry *en = find(c, key);

	return en == NULL ? def : en->value;
}

uf_err
conf_get_long(const struct conf *c, const char *key, long def,
    long min, long max, long *out)
{
	const struct conf_entry *en = find(c, key);

	if (en == NULL) {
		*out = def;
		return UF_OK;
	}
	return num_long(en->value, min, max, out) ? UF_OK : UF_EINVAL;
}
