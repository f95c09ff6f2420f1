/* SPDX-License-Identifier: ISC
 * Harness: posted survey pages (application/x-www-form-urlencoded bodies)
 * as h_page_post handles them, against the real instruments: the body
 * parser, answers_from_post for the page's items, answers_drop_hidden, the
 * draft check, the draft stored as the database's JSON and read back for
 * the next post, and the page navigation computed from the answers; at the
 * end the complete check of h_submit.
 * Input: a first line "<instrument> <wave>", then one line per post:
 * "<page> <body>", e.g. "3 pat_latt_traffa=4&csrf=x&action=next".
 */
#include "config.h"

#include <string.h>

#include "arena.h"
#include "collect_form.h"
#include "fuzz.h"
#include "req.h"

#define MAX_POSTS 16

/* Navigation from page p must land on a visible page of this wave. */
static void
check_pages(const struct form *f, int months, size_t p,
    const struct form_answer *ans)
{
	size_t np = pages_count(f, months), q;

	q = page_next(f, months, p, ans);
	FUZZ_CHECK(q == 0 || (q > p && q <= np && page_visible(f, months, q, ans)));
	q = page_prev(f, months, p, ans);
	FUZZ_CHECK(q == 0 || (q < p && page_visible(f, months, q, ans)));
	q = page_first_open(f, months, ans);
	FUZZ_CHECK(q <= np);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_forms_load();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_strndup(data, size);
	struct arena *a = arena_new(16u * 1024 * 1024);
	char *line, *save = NULL, id[40];
	const struct form *f;
	struct form_answer *draft;
	struct form_error err;
	struct buf json;
	int months = 0, posts = 0;

	FUZZ_CHECK(a != NULL);
	line = strtok_r(in, "\n", &save);
	if (!line || sscanf(line, "%39s %d", id, &months) != 2 || !(f = fuzz_form_by_id(id)))
		goto out;
	draft = answers_new(a, f);
	FUZZ_CHECK(draft != NULL);
	memset(draft, 0, f->nitems * sizeof(*draft));

	while ((line = strtok_r(NULL, "\n", &save)) != NULL && posts++ < MAX_POSTS) {
		size_t np = pages_count(f, months), p, items[FORM_MAX_ITEMS], n;
		char *sp = strchr(line, ' ');
		struct form_answer *ans;
		struct req r;
		uf_err e;

		p = (size_t)strtoul(line, NULL, 10);
		if (!sp || p < 1 || p > np) /* page_arg refuses these with 404 */
			continue;
		page_items(f, months, p, items, &n);
		memset(&r, 0, sizeof(r));
		r.arena = a;
		r.body = sp + 1;
		r.body_len = strlen(sp + 1);
		if (req_parse_form(&r) != UF_OK)
			continue;
		ans = answers_new(a, f);
		FUZZ_CHECK(ans != NULL);
		memcpy(ans, draft, f->nitems * sizeof(*ans));
		memset(&err, 0, sizeof(err));
		e = answers_from_post(a, f, &r, items, n, ans, &err);
		FUZZ_CHECK(e == UF_OK || e == UF_EINVAL);
		if (e != UF_OK) {
			fuzz_check_refusal(&err);
			continue;
		}
		answers_drop_hidden(f, months, ans, items, n);
		e = form_check_answers(f, months, ans, false, &err);
		FUZZ_CHECK(e == UF_OK || e == UF_EINVAL);
		if (e != UF_OK) {
			fuzz_check_refusal(&err);
			continue;
		}
		check_pages(f, months, p, ans);

		/* Saved as the draft and loaded again for the next page. */
		buf_init(&json, 2u * 1024 * 1024);
		FUZZ_CHECK(answers_to_db(&json, f, ans) == UF_OK);
		memset(draft, 0, f->nitems * sizeof(*draft));
		FUZZ_CHECK(answers_from_db(a, f, buf_str(&json), draft) == UF_OK);
		buf_free(&json);
		FUZZ_CHECK(form_check_answers(f, months, draft, false, &err) == UF_OK);
	}
	if (form_check_answers(f, months, draft, true, &err) == UF_OK)
		fuzz_check_db_round_trip(a, f, draft);
out:
	arena_free(a);
	free(in);
	return 0;
}
