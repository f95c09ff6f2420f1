/* SPDX-License-Identifier: ISC
 * Harness: a JSON request body through req_parse_json, the parser of every
 * API body. What it accepts must keep its promises (valid UTF-8 strings,
 * depth and key limits, no duplicate keys) and print and parse back to the
 * same text. Input: the raw body.
 */
#include "config.h"

#include <string.h>

#include "arena.h"
#include "fuzz.h"
#include "req.h"
#include "utf8.h"

static void
check_tree(const cJSON *node, int depth)
{
	FUZZ_CHECK(depth <= REQ_MAX_JSON_DEPTH);
	if (cJSON_IsString(node))
		FUZZ_CHECK(utf8_valid(node->valuestring, strlen(node->valuestring)));
	if (cJSON_IsObject(node)) {
		size_t n = 0;
		for (const cJSON *a = node->child; a; a = a->next) {
			FUZZ_CHECK(a->string && utf8_valid(a->string, strlen(a->string)));
			FUZZ_CHECK(++n <= REQ_MAX_JSON_KEYS);
			for (const cJSON *b = node->child; b != a; b = b->next)
				FUZZ_CHECK(strcmp(a->string, b->string) != 0);
		}
	}
	for (const cJSON *ch = node->child; ch; ch = ch->next)
		check_tree(ch, depth + 1);
}

/* Parse text as a request body would be; the caller frees r->json. */
static uf_err
parse(struct req *r, struct arena *a, const char *text, size_t len)
{
	const char *why = NULL;
	uf_err e;

	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->body = text;
	r->body_len = len;
	e = req_parse_json(r, &why);
	FUZZ_CHECK(e == UF_OK || e == UF_EINVAL);
	FUZZ_CHECK((e == UF_OK) == (why == NULL));
	return e;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *body = fuzz_strndup(data, size); /* read_body NUL-terminates too */
	struct arena *a = arena_new(16u * 1024 * 1024);
	struct req r, again;

	FUZZ_CHECK(a != NULL);
	if (parse(&r, a, body, size) == UF_OK) {
		char *p1, *p2;
		check_tree(r.json, 1);
		p1 = cJSON_PrintUnformatted(r.json);
		FUZZ_CHECK(p1 != NULL);
		FUZZ_CHECK(parse(&again, a, p1, strlen(p1)) == UF_OK);
		p2 = cJSON_PrintUnformatted(again.json);
		FUZZ_CHECK(p2 != NULL && strcmp(p1, p2) == 0);
		free(p1);
		free(p2);
		req_free(&again);
	}
	req_free(&r);
	arena_free(a);
	free(body);
	return 0;
}
