/* SPDX-License-Identifier: ISC
 * The benchmark clients' shared parts (bench_http.h): response buffers, the
 * fields of an HTML form as the survey pages write them (double-quoted
 * attributes, escaped text), URL encoding, latency percentiles and clocks.
 */
#define _POSIX_C_SOURCE 200809L
#include "bench_http.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

void
body_reset(struct body *b)
{
	b->len = 0;
	b->over = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
body_free(struct body *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

size_t
body_write(char *p, size_t size, size_t n, void *ud)
{
	struct body *b = ud;
	size_t k = size * n;
	if (b->len + k + 1 > BODY_MAX) {
		b->over = 1;
		return k; /* keep reading; the caller sees `over` */
	}
	if (b->len + k + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 16384;
		char *s;
		while (cap < b->len + k + 1)
			cap *= 2;
		s = realloc(b->s, cap);
		if (!s)
			return 0; /* curl fails the transfer */
		b->s = s;
		b->cap = cap;
	}
	memcpy(b->s + b->len, p, k);
	b->len += k;
	b->s[b->len] = '\0';
	return k;
}

/* Copy attribute `name` of the tag [tag, end) into out, entities decoded.
 * 0 when found. */
static int
attr(const char *tag, const char *end, const char *name, char *out, size_t cap)
{
	size_t nl = strlen(name);
	for (const char *p = tag; p + nl + 2 < end; p++) {
		if (p[-1] != ' ' || strncmp(p, name, nl) != 0 || p[nl] != '=' || p[nl + 1] != '"')
			continue;
		p += nl + 2;
		size_t o = 0;
		while (p < end && *p != '"') {
			char c = *p++;
			if (c == '&') {
				static const struct {
					const char *e;
					char c;
				} ent[] = {
					{ "amp;", '&' }, { "quot;", '"' }, { "#39;", '\'' },
					{ "lt;", '<' }, { "gt;", '>' }
				};
				size_t k;
				for (k = 0; k < sizeof(ent) / sizeof(ent[0]); k++)
					if (strncmp(p, ent[k].e, strlen(ent[k].e)) == 0)
						break;
				if (k == sizeof(ent) / sizeof(ent[0]))
					return -1;
				c = ent[k].c;
				p += strlen(ent[k].e);
			}
			if (o + 1 >= cap)
				return -1;
			out[o++] = c;
		}
		out[o] = '\0';
		return 0;
	}
	return -1;
}

static int
field_of(const char *tag, const char *end, int textarea, struct field *f)
{
	char type[FIELD_STR] = "text", min[FIELD_STR];
	memset(f, 0, sizeof(*f));
	if (attr(tag, end, "name", f->name, sizeof(f->name)) != 0)
		return 1; /* no name: not submitted */
	if (textarea) {
		f->kind = FIELD_TEXTAREA;
		return 0;
	}
	(void)attr(tag, end, "type", type, sizeof(type));
	(void)attr(tag, end, "value", f->value, sizeof(f->value));
	if (strcmp(type, "hidden") == 0)
		f->kind = FIELD_HIDDEN;
	else if (strcmp(type, "radio") == 0)
		f->kind = FIELD_RADIO;
	else if (strcmp(type, "checkbox") == 0)
		f->kind = FIELD_CHECKBOX;
	else if (strcmp(type, "number") == 0) {
		f->kind = FIELD_NUMBER;
		f->min = attr(tag, end, "min", min, sizeof(min)) == 0 ? strtol(min, NULL, 10) : 0;
	} else if (strcmp(type, "date") == 0)
		f->kind = FIELD_DATE;
	else
		f->kind = FIELD_TEXT;
	return 0;
}

int
form_find(const char *html, const char *action_prefix, struct html_form *out)
{
	const char *p = html, *stop;
	memset(out, 0, sizeof(*out));
	for (;;) {
		const char *tag = strstr(p, "<form method=\"post\"");
		const char *end;
		if (!tag)
			return -1;
		end = strchr(tag, '>');
		if (!end)
			return -1;
		if (attr(tag + 5, end, "action", out->action, sizeof(out->action)) == 0 &&
		    strncmp(out->action, action_prefix, strlen(action_prefix)) == 0) {
			p = end;
			break;
		}
		p = end;
	}
	stop = strstr(p, "</form>");
	if (!stop)
		return -1;
	while (p < stop) {
		const char *in = strstr(p, "<input "), *ta = strstr(p, "<textarea ");
		const char *tag = in && (!ta || in < ta) ? in : ta;
		const char *end;
		int r;
		if (!tag || tag >= stop)
			break;
		end = strchr(tag, '>');
		if (!end)
			return -1;
		if (out->n == FORM_FIELDS)
			return -1;
		r = field_of(tag + 1, end, tag == ta, &out->f[out->n]);
		if (r < 0)
			return -1;
		if (r == 0)
			out->n++;
		p = end;
	}
	return 0;
}

const char *
form_hidden(const struct html_form *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->f[i].kind == FIELD_HIDDEN && strcmp(f->f[i].name, name) == 0)
			return f->f[i].value;
	return NULL;
}

int
urlenc_pair(char *out, size_t cap, const char *name, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = strlen(out);
	const char *parts[2] = { name, value };
	if (o && o + 1 < cap)
		out[o++] = '&';
	for (int k = 0; k < 2; k++) {
		if (k == 1) {
			if (o + 1 >= cap)
				return -1;
			out[o++] = '=';
		}
		for (const unsigned char *s = (const unsigned char *)parts[k]; *s; s++) {
			if (o + 4 >= cap)
				return -1;
			if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.') {
				out[o++] = (char)*s;
			} else {
				out[o++] = '%';
				out[o++] = hex[*s >> 4];
				out[o++] = hex[*s & 15];
			}
		}
	}
	out[o] = '\0';
	return 0;
}

void
lat_add(struct lat *l, int64_t us)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 4096;
		int64_t *v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return; /* a sample fewer; the counts elsewhere stay exact */
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = us;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

double
lat_ms(struct lat *l, double q)
{
	size_t i;
	if (!l->n)
		return 0;
	qsort(l->v, l->n, sizeof(*l->v), cmp_i64);
	i = (size_t)(q * (double)l->n);
	if (i >= l->n)
		i = l->n - 1;
	return (double)l->v[i] / 1000.0;
}

void
lat_free(struct lat *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

int64_t
now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

double
self_cpu_ms(void)
{
	struct rusage u;
	if (getrusage(RUSAGE_SELF, &u) != 0)
		return 0;
	return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000.0 +
	    (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000.0;
}
