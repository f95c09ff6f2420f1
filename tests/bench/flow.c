/* SPDX-License-Identifier: ISC
 * HTML flow benchmark client: virtual patients walk the survey's real pages
 * (start page → code → information → consent → one question per page →
 * review → submit → thank-you), each with its own cookies, following the
 * forms' actions, hidden fields (CSRF) and redirects, CONC at a time, over
 * libcurl's multi interface. Prints completed surveys/s, requests/s,
 * p50/p99 per page kind and its own CPU, and writes what every completed
 * respondent answered ("code<TAB>item<TAB>value", value as the database's
 * answer_value() spells it) for the caller's check against the database.
 *
 *   flow BASE_URL CODES_FILE SECONDS CONC ANSWERS_OUT [--sessions]
 *
 * --sessions: each respondent stops at the first question page and writes
 * "uf_s=TOKEN<TAB>CSRF" to ANSWERS_OUT instead: logged-in sessions with
 * consent for openloop.sh's page posts.
 * After SECONDS no respondent starts; those under way finish (at most 20 s
 * more), so every submission has its answer when the client ends.
 */
#define _POSIX_C_SOURCE 200809L
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_http.h"

enum kind { K_START,
	K_LOGIN,
	K_RESUME,
	K_INFO,
	K_CONSENT,
	K_PAGE,
	K_PAGE_POST,
	K_REVIEW,
	K_SUBMIT,
	K_THANKS,
	K__MAX };
static const char *const kind_name[K__MAX] = {
	[K_START] = "start",
	[K_LOGIN] = "code_post",
	[K_RESUME] = "resume",
	[K_INFO] = "information",
	[K_CONSENT] = "consent_post",
	[K_PAGE] = "page_get",
	[K_PAGE_POST] = "page_post",
	[K_REVIEW] = "review",
	[K_SUBMIT] = "submit_post",
	[K_THANKS] = "thanks",
};

#define URL_MAX  512
#define POST_MAX 8192
#define ANS_MAX  8192

struct vr { /* one virtual respondent slot */
	CURL *h;
	struct body body;
	enum kind kind;
	long n; /* respondent number (varies the answers) */
	char code[64];
	char url[URL_MAX];
	char post[POST_MAX];
	char answers[ANS_MAX]; /* "code\titem\tvalue\n" lines so far */
	size_t fields;         /* questions answered so far */
	int busy;
};

static const char *base;
static int sessions_only;
static struct lat lat[K__MAX];
static long nreq, nfail, completed, started;

static enum kind
kind_of(const char *path, int post)
{
	if (strcmp(path, "/") == 0)
		return K_START;
	if (strcmp(path, "/kod") == 0)
		return K_LOGIN;
	if (strcmp(path, "/fortsatt") == 0)
		return K_RESUME;
	if (strcmp(path, "/information") == 0)
		return K_INFO;
	if (strcmp(path, "/samtycke") == 0)
		return K_CONSENT;
	if (strncmp(path, "/sida/", 6) == 0)
		return post ? K_PAGE_POST : K_PAGE;
	if (strcmp(path, "/granska") == 0)
		return K_REVIEW;
	if (strcmp(path, "/skicka") == 0)
		return K_SUBMIT;
	if (strcmp(path, "/tack") == 0)
		return K_THANKS;
	return K__MAX;
}

static int
request(CURLM *m, struct vr *v, const char *path, const char *post)
{
	int k = snprintf(v->url, sizeof(v->url), "%s%s", base, path);
	if (k < 0 || (size_t)k >= sizeof(v->url))
		return -1;
	v->kind = kind_of(path, post != NULL);
	if (v->kind == K__MAX)
		return -1;
	body_reset(&v->body);
	curl_easy_setopt(v->h, CURLOPT_URL, v->url);
	if (post) {
		curl_easy_setopt(v->h, CURLOPT_POSTFIELDSIZE, (long)strlen(post));
		curl_easy_setopt(v->h, CURLOPT_COPYPOSTFIELDS, post);
	} else {
		curl_easy_setopt(v->h, CURLOPT_HTTPGET, 1L);
	}
	v->busy = 1;
	return curl_multi_add_handle(m, v->h) == CURLM_OK ? 0 : -1;
}

/* Answer every question of a survey page's form: the respondent's number
 * picks the option, so the answers vary; "vet ej" now and then. */
static int
answer_page(struct vr *v, const struct html_form *f)
{
	char seen[FORM_FIELDS][FIELD_STR];
	size_t nseen = 0;
	v->post[0] = '\0';
	if (urlenc_pair(v->post, sizeof(v->post), "csrf", form_hidden(f, "csrf") ? form_hidden(f, "csrf") : "") != 0)
		return -1;
	for (size_t i = 0; i < f->n; i++) {
		const struct field *fi = &f->f[i];
		const char *val = NULL, *stored = NULL;
		char num[32];
		int dup = 0;
		if (fi->kind == FIELD_HIDDEN)
			continue;
		for (size_t j = 0; j < nseen; j++)
			dup |= strcmp(seen[j], fi->name) == 0;
		if (dup)
			continue;
		memcpy(seen[nseen++], fi->name, FIELD_STR);
		switch (fi->kind) {
		case FIELD_RADIO:
		case FIELD_CHECKBOX: {
			/* The options of this name, "vet ej"/"vill ej" apart. */
			const char *opt[FORM_FIELDS];
			size_t nopt = 0, pick;
			int dk = 0;
			for (size_t j = i; j < f->n; j++) {
				if (strcmp(f->f[j].name, fi->name) != 0)
					continue;
				if (strcmp(f->f[j].value, "vet-ej") == 0)
					dk = 1;
				else if (strcmp(f->f[j].value, "vill-ej") != 0)
					opt[nopt++] = f->f[j].value;
			}
			if (!nopt)
				return -1;
			if (dk && (v->n + v->fields) % 11 == 10) {
				val = "vet-ej";
				stored = "dont_know";
			} else {
				pick = (size_t)(v->n + v->fields) % nopt;
				val = stored = opt[pick];
			}
			break;
		}
		case FIELD_TEXT:
		case FIELD_TEXTAREA:
			val = stored = "Bra träffar, tack.";
			break;
		case FIELD_NUMBER:
			snprintf(num, sizeof(num), "%ld", fi->min);
			val = stored = num;
			break;
		case FIELD_DATE:
			val = stored = "2025-01-01";
			break;
		case FIELD_HIDDEN:
		case FIELD__MAX:
			return -1;
		}
		if (urlenc_pair(v->post, sizeof(v->post), fi->name, val) != 0)
			return -1;
		size_t o = strlen(v->answers);
		int k = snprintf(v->answers + o, sizeof(v->answers) - o, "%s\t%s\t%s\n",
		    v->code, fi->name, stored);
		if (k < 0 || (size_t)k >= sizeof(v->answers) - o)
			return -1;
		v->fields++;
	}
	return urlenc_pair(v->post, sizeof(v->post), "action", "next");
}

/* The form whose action starts with prefix, its CSRF token posted with
 * extra (name, value); the request goes to the form's action. */
static int
post_form(CURLM *m, struct vr *v, const char *prefix, const char *name,
    const char *value)
{
	struct html_form f;
	const char *csrf;
	if (form_find(v->body.s ? v->body.s : "", prefix, &f) != 0)
		return -1;
	csrf = form_hidden(&f, "csrf");
	v->post[0] = '\0';
	if (!csrf || urlenc_pair(v->post, sizeof(v->post), "csrf", csrf) != 0 ||
	    (name && urlenc_pair(v->post, sizeof(v->post), name, value) != 0))
		return -1;
	return request(m, v, f.action, v->post);
}

/* --sessions: the respondent's session cookie and CSRF token as a line. */
static int
write_session(struct vr *v, FILE *out)
{
	struct curl_slist *cookies = NULL, *c;
	struct html_form f;
	const char *csrf;
	int r = -1;
	if (form_find(v->body.s, "/sida/", &f) != 0 || !(csrf = form_hidden(&f, "csrf")) ||
	    curl_easy_getinfo(v->h, CURLINFO_COOKIELIST, &cookies) != CURLE_OK)
		return -1;
	/* Netscape format: domain, tailmatch, path, secure, expires, name, value. */
	for (c = cookies; c && r < 0; c = c->next) {
		const char *p = c->data;
		for (int k = 0; k < 5 && p; k++)
			p = strchr(p, '\t') ? strchr(p, '\t') + 1 : NULL;
		if (p && strncmp(p, "uf_s\t", 5) == 0)
			r = fprintf(out, "uf_s=%s\t%s\n", p + 5, csrf) < 0 ? -1 : 1;
	}
	curl_slist_free_all(cookies);
	return r;
}

static int
next_code(FILE *codes, char *out, size_t cap)
{
	if (!fgets(out, (int)cap, codes))
		return -1;
	out[strcspn(out, "\r\n")] = '\0';
	return out[0] ? 0 : -1;
}

static int
begin(CURLM *m, struct vr *v, FILE *codes)
{
	if (next_code(codes, v->code, sizeof(v->code)) != 0)
		return -1;
	v->n = started++;
	v->answers[0] = '\0';
	v->fields = 0;
	curl_easy_setopt(v->h, CURLOPT_COOKIELIST, "ALL");
	return request(m, v, "/", NULL);
}

/* The answer to v's request arrived: take the next step. 1 when the
 * respondent is done (thank-you page shown), -1 on any surprise. */
static int
step(CURLM *m, struct vr *v, long status, FILE *out)
{
	char *loc = NULL;
	if (v->body.over)
		return -1;
	if (status == 303 || status == 302) {
		const char *path;
		if (curl_easy_getinfo(v->h, CURLINFO_REDIRECT_URL, &loc) != CURLE_OK || !loc ||
		    strncmp(loc, base, strlen(base)) != 0)
			return -1;
		path = loc + strlen(base);
		return request(m, v, path, NULL);
	}
	if (status != 200)
		return -1;
	switch (v->kind) {
	case K_START: {
		char post[256] = "";
		struct html_form f;
		if (form_find(v->body.s, "/kod", &f) != 0 || !form_hidden(&f, "csrf") ||
		    urlenc_pair(post, sizeof(post), "csrf", form_hidden(&f, "csrf")) != 0 ||
		    urlenc_pair(post, sizeof(post), "code", v->code) != 0)
			return -1;
		memcpy(v->post, post, sizeof(post));
		return request(m, v, "/kod", v->post);
	}
	case K_INFO:
		return post_form(m, v, "/samtycke", "decision", "given");
	case K_PAGE: {
		struct html_form f;
		if (sessions_only)
			return write_session(v, out);
		if (form_find(v->body.s, "/sida/", &f) != 0 || answer_page(v, &f) != 0)
			return -1;
		return request(m, v, f.action, v->post);
	}
	case K_REVIEW:
		return post_form(m, v, "/skicka", NULL, NULL);
	case K_THANKS:
		if (fputs(v->answers, out) == EOF)
			return -1;
		return 1;
	case K_LOGIN:  /* every POST answers with a redirect, */
	case K_RESUME: /* and so does the way on after the code */
	case K_CONSENT:
	case K_PAGE_POST:
	case K_SUBMIT:
	case K__MAX:
		return -1;
	}
	return -1;
}

int
main(int argc, char **argv)
{
	CURLM *m;
	FILE *codes, *out;
	struct vr *vs;
	long conc, seconds, failures_shown = 0;
	int64_t t0, stop, hard_stop, t_end;
	double cpu0;
	int running = 0, draining = 0;

	if (argc != 6 && !(argc == 7 && strcmp(argv[6], "--sessions") == 0)) {
		fprintf(stderr, "usage: flow BASE_URL CODES_FILE SECONDS CONC ANSWERS_OUT [--sessions]\n");
		return 2;
	}
	sessions_only = argc == 7;
	base = argv[1];
	seconds = strtol(argv[3], NULL, 10);
	conc = strtol(argv[4], NULL, 10);
	if (seconds < 1 || seconds > 600 || conc < 1 || conc > 1024) {
		fprintf(stderr, "flow: SECONDS 1..600, CONC 1..1024\n");
		return 2;
	}
	codes = fopen(argv[2], "r");
	out = fopen(argv[5], "w");
	if (!codes || !out || curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
		perror("flow");
		return 1;
	}
	m = curl_multi_init();
	vs = calloc((size_t)conc, sizeof(*vs));
	if (!m || !vs)
		return 1;
	curl_multi_setopt(m, CURLMOPT_MAX_HOST_CONNECTIONS, conc);
	for (long i = 0; i < conc; i++) {
		CURL *h = curl_easy_init();
		if (!h)
			return 1;
		curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, body_write);
		curl_easy_setopt(h, CURLOPT_WRITEDATA, &vs[i].body);
		curl_easy_setopt(h, CURLOPT_COOKIEFILE, "");
		curl_easy_setopt(h, CURLOPT_PRIVATE, &vs[i]);
		curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
		curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
		vs[i].h = h;
	}
	cpu0 = self_cpu_ms();
	t0 = now_us();
	stop = t0 + seconds * 1000000;
	hard_stop = stop + 20 * 1000000;
	for (long i = 0; i < conc; i++)
		if (begin(m, &vs[i], codes) != 0)
			break;
	do {
		CURLMsg *msg;
		int left;
		int64_t t = now_us();
		if (curl_multi_perform(m, &running) != CURLM_OK)
			return 1;
		while ((msg = curl_multi_info_read(m, &left))) {
			struct vr *v;
			long status = 0;
			curl_off_t us = 0;
			int r;
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&v);
			curl_multi_remove_handle(m, v->h);
			v->busy = 0;
			nreq++;
			if (msg->data.result == CURLE_OK) {
				curl_easy_getinfo(v->h, CURLINFO_RESPONSE_CODE, &status);
				curl_easy_getinfo(v->h, CURLINFO_TOTAL_TIME_T, &us);
				lat_add(&lat[v->kind], (int64_t)us);
			}
			r = msg->data.result == CURLE_OK ? step(m, v, status, out) : -1;
			if (r < 0) {
				nfail++;
				if (failures_shown++ < 5)
					fprintf(stderr, "flow: respondent %ld: %s %s -> %ld (%s)\n", v->n,
					    kind_name[v->kind], v->url, status,
					    curl_easy_strerror(msg->data.result));
			}
			if (r == 1)
				completed++;
			if (r != 0 && now_us() < stop)
				(void)begin(m, v, codes);
		}
		if (t >= stop)
			draining = 1;
		if (t >= hard_stop)
			break;
		if (curl_multi_poll(m, NULL, 0, 100, NULL) != CURLM_OK)
			return 1;
		running = 0;
		for (long i = 0; i < conc; i++)
			running += vs[i].busy;
	} while (running > 0);
	t_end = now_us();
	double secs = (double)(t_end - t0) / 1e6, cpu = self_cpu_ms() - cpu0;
	long unfinished = 0;
	for (long i = 0; i < conc; i++)
		unfinished += vs[i].busy;
	printf("%-14s %8s %9s %9s\n", "page kind", "requests", "p50 ms", "p99 ms");
	for (int k = 0; k < K__MAX; k++)
		printf("%-14s %8zu %9.2f %9.2f\n", kind_name[k], lat[k].n, lat_ms(&lat[k], 0.5),
		    lat_ms(&lat[k], 0.99));
	printf("RESULT completed=%ld started=%ld failed=%ld unfinished=%ld requests=%ld "
	       "seconds=%.2f surveys_per_s=%.1f requests_per_s=%.0f client_cpu_ms=%.0f "
	       "page_post_p50_ms=%.2f page_post_p99_ms=%.2f drained=%d\n",
	    completed, started, nfail, unfinished, nreq, secs, (double)completed / secs,
	    (double)nreq / secs, cpu, lat_ms(&lat[K_PAGE_POST], 0.5),
	    lat_ms(&lat[K_PAGE_POST], 0.99), draining);
	if (fclose(out) != 0)
		return 1;
	fclose(codes);
	for (long i = 0; i < conc; i++) {
		curl_easy_cleanup(vs[i].h);
		body_free(&vs[i].body);
	}
	for (int k = 0; k < K__MAX; k++)
		lat_free(&lat[k]);
	free(vs);
	curl_multi_cleanup(m);
	curl_global_cleanup();
	return nfail || unfinished ? 1 : 0;
}
