/* SPDX-License-Identifier: ISC
 * Strict reading of posted fields: only the names a form has, each at most
 * once, trimmed, with length limits in characters and no control
 * characters; integers in one canonical spelling.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "aw.h"
#include "req.h"
#include "utf8.h"

uf_err
aw_fields_only(struct web_ctx *c, const char *const *allowed)
{
	const struct req *r = c->req;
	size_t i, j;
	bool known, repeat = false;
	const char *a;

	for (i = 0; i < r->nform; i++) {
		known = false;
		for (j = 0; allowed[j] != NULL && !known; j++) {
			a = allowed[j];
			repeat = a[0] == '*';
			known = strcmp(r->form[i].key, repeat ? a + 1 : a) == 0;
		}
		if (!known)
			return aw_error_page(c, UF_EINVAL, "Formuläret kunde inte tas emot",
			    "Formuläret innehåller ett fält som inte hör dit. Ladda om "
			    "sidan och försök igen.");
		for (j = i + 1; j < r->nform; j++)
			if (!repeat && strcmp(r->form[i].key, r->form[j].key) == 0)
				return aw_error_page(c, UF_EINVAL,
				    "Formuläret kunde inte tas emot",
				    "Ett fält i formuläret förekommer två gånger. Ladda om "
				    "sidan och försök igen.");
	}
	return UF_OK;
}

const char *
aw_field(struct web_ctx *c, const char *name, size_t max, bool *bad)
{
	const char *v = req_field(c->req, name);
	size_t len, i;
	char *t;

	if (v == NULL)
		return NULL;
	while (*v == ' ')
		v++;
	len = strlen(v);
	while (len > 0 && v[len - 1] == ' ')
		len--;
	if (len == 0)
		return NULL;
	for (i = 0; i < len; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f) {
			*bad = true;
			return NULL;
		}
	if (!utf8_valid(v, len) || utf8_chars(v, len) > max) {
		*bad = true;
		return NULL;
	}
	t = arena_strndup(c->arena, v, len);
	if (t == NULL)
		*bad = true;
	return t;
}

const char *
aw_query(struct web_ctx *c, const char *name, size_t max, bool *bad)
{
	const char *v = req_arg(c->req, name);
	size_t len, i;

	if (v == NULL || *v == '\0')
		return NULL;
	len = strlen(v);
	for (i = 0; i < len; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f) {
			*bad = true;
			return NULL;
		}
	if (!utf8_valid(v, len) || utf8_chars(v, len) > max) {
		*bad = true;
		return NULL;
	}
	return v;
}

bool
aw_date_ok(const char *s)
{
	int y, m, d;
	size_t i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	return y >= 2000 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= (m == 2                                         ? ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28) :
	                 (m == 4 || m == 6 || m == 9 || m == 11) ? 30 :
	                                                           31);
}
