/* SPDX-License-Identifier: ISC
 * What the benchmark clients (flow.c, openloop.c) share: a growable byte
 * buffer for response bodies, reading the fields of one HTML form the way a
 * browser would submit it, URL encoding, latency samples with percentiles,
 * and the monotonic clock. Benchmark code, not product code: it trusts the
 * server it measures only as far as it must (every length is bounded).
 */
#ifndef UF_BENCH_HTTP_H
#define UF_BENCH_HTTP_H
#include <stddef.h>
#include <stdint.h>

/* A response body; grows to at most BODY_MAX bytes (then `over` is set). */
#define BODY_MAX (1u << 20)
struct body {
	char *s;
	size_t len, cap;
	int over;
};
void body_reset(struct body *b);
void body_free(struct body *b);
/* CURLOPT_WRITEFUNCTION for a struct body. */
size_t body_write(char *p, size_t size, size_t n, void *ud);

/* One input of a form: what a browser sends for it is chosen by the client. */
enum field_kind { FIELD_HIDDEN,
	FIELD_RADIO,
	FIELD_CHECKBOX,
	FIELD_TEXT,
	FIELD_NUMBER,
	FIELD_DATE,
	FIELD_TEXTAREA,
	FIELD__MAX };
#define FIELD_STR   96
#define FORM_FIELDS 128
struct field {
	enum field_kind kind;
	char name[FIELD_STR], value[FIELD_STR];
	long min; /* FIELD_NUMBER: its min attribute */
};
struct html_form {
	char action[FIELD_STR];
	struct field f[FORM_FIELDS];
	size_t n;
};
/* Read the first <form method="post"> whose action starts with
 * action_prefix: its action and every input and textarea up to </form>.
 * 0 on success, -1 when there is none or it does not fit. */
int form_find(const char *html, const char *action_prefix, struct html_form *out);
/* The form's field `name` of kind hidden, or NULL. */
const char *form_hidden(const struct html_form *f, const char *name);

/* Append name=value URL-encoded (with '&' between pairs) to out (size cap);
 * -1 when it does not fit. */
int urlenc_pair(char *out, size_t cap, const char *name, const char *value);

/* Latency samples in microseconds. */
struct lat {
	int64_t *v;
	size_t n, cap;
};
void lat_add(struct lat *l, int64_t us);
/* The q-quantile (0..1) in milliseconds after sorting; 0 when empty. */
double lat_ms(struct lat *l, double q);
void lat_free(struct lat *l);

/* Monotonic microseconds. */
int64_t now_us(void);
/* Client's own CPU (user + system) in milliseconds. */
double self_cpu_ms(void);

#endif
