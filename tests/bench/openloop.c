/* SPDX-License-Identifier: ISC
 * Constant-arrival-rate HTTP client (open loop): request i is due at
 * t0 + i / RATE whatever happened to the ones before, and its latency is
 * counted from that due time, not from when it could be sent, so a server
 * that stalls is charged for every request that waited behind the stall
 * (no coordinated omission). At most MAX_INFLIGHT requests are open at once;
 * a due request beyond that waits in the client, its clock running. With a
 * RATE above what the server can do, the achieved rate is its capacity.
 *
 *   openloop BASE_URL RATE SECONDS MAX_INFLIGHT REQUESTS_FILE CONTENT_TYPE STATUS
 *
 * REQUESTS_FILE: one request per line, "PATH<TAB>COOKIE<TAB>BODY" (COOKIE
 * "-" for none), sent in order, each once; STATUS: the answer that counts
 * as success (201 for the API, 303 for a page post). Prints one RESULT line.
 */
#define _POSIX_C_SOURCE 200809L
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_http.h"

#define LINE_MAX_BYTES (64 * 1024)

struct reqline {
	char *path, *cookie, *body;
};

struct slot {
	CURL *h;
	struct curl_slist *hdr;
	struct body body;
	int64_t due;
	int busy;
	char url[512];
};

/* Read every line of path; -1 on a malformed line. */
static int
read_lines(const char *path, struct reqline **out, size_t *n)
{
	FILE *f = fopen(path, "r");
	char *line = malloc(LINE_MAX_BYTES);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (!f || !line)
		return -1;
	while (fgets(line, LINE_MAX_BYTES, f)) {
		char *t1, *t2;
		line[strcspn(line, "\n")] = '\0';
		t1 = strchr(line, '\t');
		t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t2)
			return -1;
		*t1 = *t2 = '\0';
		if (*n == cap) {
			cap = cap ? 2 * cap : 4096;
			struct reqline *r = realloc(*out, cap * sizeof(*r));
			if (!r)
				return -1;
			*out = r;
		}
		(*out)[*n].path = strdup(line);
		(*out)[*n].cookie = strcmp(t1 + 1, "-") == 0 ? NULL : strdup(t1 + 1);
		(*out)[*n].body = strdup(t2 + 1);
		if (!(*out)[*n].path || !(*out)[*n].body)
			return -1;
		(*n)++;
	}
	free(line);
	fclose(f);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *base, *ctype;
	double rate;
	long seconds, max_inflight, want_status;
	struct reqline *lines;
	size_t nlines, next = 0, total;
	struct slot *slots;
	size_t *free_slots, nfree;
	struct lat lat = { 0 };
	long ok = 0, bad = 0, shown = 0;
	int64_t t0, t_end, max_late = 0;
	double cpu0;
	char hdr_ct[128];
	CURLM *m;

	if (argc != 8) {
		fprintf(stderr, "usage: openloop BASE_URL RATE SECONDS MAX_INFLIGHT REQUESTS_FILE "
		                "CONTENT_TYPE STATUS\n");
		return 2;
	}
	base = argv[1];
	rate = strtod(argv[2], NULL);
	seconds = strtol(argv[3], NULL, 10);
	max_inflight = strtol(argv[4], NULL, 10);
	ctype = argv[6];
	want_status = strtol(argv[7], NULL, 10);
	if (rate <= 0 || rate > 100000 || seconds < 1 || seconds > 600 || max_inflight < 1 ||
	    max_inflight > 4096) {
		fprintf(stderr, "openloop: RATE 0..100000, SECONDS 1..600, MAX_INFLIGHT 1..4096\n");
		return 2;
	}
	if (read_lines(argv[5], &lines, &nlines) != 0) {
		fprintf(stderr, "openloop: cannot read %s\n", argv[5]);
		return 1;
	}
	total = (size_t)(rate * (double)seconds);
	if (total > nlines) {
		fprintf(stderr, "openloop: %zu requests due but only %zu lines\n", total, nlines);
		return 1;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0 || !(m = curl_multi_init()))
		return 1;
	snprintf(hdr_ct, sizeof(hdr_ct), "Content-Type: %s", ctype);
	slots = calloc((size_t)max_inflight, sizeof(*slots));
	free_slots = calloc((size_t)max_inflight, sizeof(*free_slots));
	if (!slots || !free_slots)
		return 1;
	for (long i = 0; i < max_inflight; i++) {
		slots[i].h = curl_easy_init();
		if (!slots[i].h)
			return 1;
		curl_easy_setopt(slots[i].h, CURLOPT_WRITEFUNCTION, body_write);
		curl_easy_setopt(slots[i].h, CURLOPT_WRITEDATA, &slots[i].body);
		curl_easy_setopt(slots[i].h, CURLOPT_PRIVATE, &slots[i]);
		curl_easy_setopt(slots[i].h, CURLOPT_TIMEOUT, 30L);
		curl_easy_setopt(slots[i].h, CURLOPT_NOSIGNAL, 1L);
		free_slots[i] = (size_t)(max_inflight - 1 - i);
	}
	nfree = (size_t)max_inflight;
	cpu0 = self_cpu_ms();
	t0 = now_us();
	for (;;) {
		int64_t t = now_us(), wait_us;
		CURLMsg *msg;
		int running, left;
		/* Start every request that is due, while a slot is free. */
		while (next < total && nfree > 0) {
			int64_t due = t0 + (int64_t)((double)next * 1e6 / rate);
			struct slot *s;
			if (due > t)
				break;
			s = &slots[free_slots[--nfree]];
			s->due = due;
			s->busy = 1;
			if (t - due > max_late)
				max_late = t - due;
			snprintf(s->url, sizeof(s->url), "%s%s", base, lines[next].path);
			body_reset(&s->body);
			curl_slist_free_all(s->hdr);
			s->hdr = curl_slist_append(NULL, hdr_ct);
			curl_easy_setopt(s->h, CURLOPT_URL, s->url);
			curl_easy_setopt(s->h, CURLOPT_HTTPHEADER, s->hdr);
			curl_easy_setopt(s->h, CURLOPT_COOKIE, lines[next].cookie);
			curl_easy_setopt(s->h, CURLOPT_POSTFIELDSIZE, (long)strlen(lines[next].body));
			curl_easy_setopt(s->h, CURLOPT_POSTFIELDS, lines[next].body);
			if (curl_multi_add_handle(m, s->h) != CURLM_OK)
				return 1;
			next++;
		}
		if (curl_multi_perform(m, &running) != CURLM_OK)
			return 1;
		while ((msg = curl_multi_info_read(m, &left))) {
			struct slot *s;
			long status = 0;
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&s);
			curl_easy_getinfo(s->h, CURLINFO_RESPONSE_CODE, &status);
			lat_add(&lat, now_us() - s->due);
			if (msg->data.result == CURLE_OK && status == want_status) {
				ok++;
			} else {
				bad++;
				if (shown++ < 5)
					fprintf(stderr, "openloop: %s -> %ld (%s) %.200s\n", s->url, status,
					    curl_easy_strerror(msg->data.result), s->body.s ? s->body.s : "");
			}
			curl_multi_remove_handle(m, s->h);
			s->busy = 0;
			free_slots[nfree++] = (size_t)(s - slots);
		}
		if (next == total && nfree == (size_t)max_inflight)
			break;
		if (now_us() - t0 > (seconds + 30) * 1000000LL)
			break; /* bounded: whatever is open now counts as failed */
		/* Sleep until the next request is due (or something arrives). */
		wait_us = next < total ? t0 + (int64_t)((double)next * 1e6 / rate) - now_us() : 50000;
		if (wait_us > 0 || nfree == 0) {
			int ms = wait_us > 0 ? (int)((wait_us + 999) / 1000) : 10;
			if (curl_multi_poll(m, NULL, 0, ms > 50 ? 50 : ms, NULL) != CURLM_OK)
				return 1;
		}
	}
	t_end = now_us();
	/* Stopped by the bound: every request still open, and every one never
	 * sent, failed; each counts with the latency it had reached by now (a
	 * lower bound), so a stall shows in the percentiles instead of leaving
	 * them with only the requests that got through. */
	for (long i = 0; i < max_inflight; i++)
		if (slots[i].busy) {
			lat_add(&lat, t_end - slots[i].due);
			bad++;
		}
	for (size_t i = next; i < total; i++) {
		lat_add(&lat, t_end - (t0 + (int64_t)((double)i * 1e6 / rate)));
		bad++;
	}
	double secs = (double)(t_end - t0) / 1e6;
	printf("RESULT due=%zu sent=%zu ok=%ld bad=%ld seconds=%.2f target_rps=%.1f rps=%.1f "
	       "p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f max_start_late_ms=%.2f "
	       "client_cpu_ms=%.0f\n",
	    total, next, ok, bad, secs, rate, (double)ok / secs, lat_ms(&lat, 0.5), lat_ms(&lat, 0.9),
	    lat_ms(&lat, 0.99), lat_ms(&lat, 0.999), lat_ms(&lat, 1.0),
	    (double)max_late / 1000.0, self_cpu_ms() - cpu0);
	for (long i = 0; i < max_inflight; i++) {
		curl_easy_cleanup(slots[i].h);
		curl_slist_free_all(slots[i].hdr);
		body_free(&slots[i].body);
	}
	for (size_t i = 0; i < nlines; i++) {
		free(lines[i].path);
		free(lines[i].cookie);
		free(lines[i].body);
	}
	free(lines);
	free(slots);
	free(free_slots);
	lat_free(&lat);
	curl_multi_cleanup(m);
	curl_global_cleanup();
	return bad ? 1 : 0;
}
