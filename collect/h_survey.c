/* SPDX-License-Identifier: ISC
 * The survey itself: one page per question (patients) or per theme (staff),
 * saving a draft on every page, the review page (whose "Ändra" opens a page
 * that leads straight back) and submission. Required items and show_if
 * conditions are enforced here with form_check_answers; the browser only
 * helps.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "collect.h"
#include "collect_form.h"
#include "collect_handlers.h"
#include "db_collect.h"
#include "html.h"
#include "http.h"
#include "lang.h"
#include "log.h"
#include "num.h"
#include "req.h"

#define ANSWERS_JSON_MAX (2u * 1024 * 1024)

static bool
consent_given(const struct csession *s)
{
	return s->consent && strcmp(s->consent, "given") == 0;
}

/* Page number from the path; 0 when it is not one. */
static size_t
page_arg(const struct web_ctx *c, size_t npages)
{
	const char *a = c->req->path_arg;
	long v;
	if (!a || strlen(a) > 4 || !num_long_canonical(a, 1, 9999, &v) || (size_t)v > npages)
		return 0;
	return (size_t)v;
}

static uf_err
redirect_page(struct web_ctx *c, size_t p)
{
	const char *to = p ? arena_printf(c->arena, "/sida/%zu", p) : "/granska";
	if (!to)
		return UF_ENOMEM;
	reply_redirect(c->reply, to);
	return UF_OK;
}

static struct page
survey_page(const struct csession *s, const char *title)
{
	return collect_session_page(s, title);
}

/* A question page's way out: the buttons submit the page's form (form=
 * "survey"), so what is on the page is stored before the session ends;
 * formnovalidate: an unfinished page may be left. */
static void
end_buttons(struct hw *w, const struct csession *s)
{
	hw_raw(w, "<div class=\"cancel\">\n");
	if (s->grp != GROUP_PATIENT) {
		hw_raw(w, "<button type=\"submit\" form=\"survey\" name=\"action\" "
		          "value=\"later\" formnovalidate class=\"secondary\">");
		hw_ui(w, s->ui, "survey.later");
		hw_raw(w, "</button>\n");
	}
	hw_raw(w, "<button type=\"submit\" form=\"survey\" name=\"action\" value=\"cancel\" "
	          "formnovalidate class=\"link\">");
	hw_ui(w, s->ui, "survey.cancel");
	hw_raw(w, "</button>\n</div>\n");
}

static void
cancel_form(struct hw *w, const struct csession *s)
{
	hw_raw(w, "<form method=\"post\" action=\"/avbryt\" class=\"cancel\">\n");
	html_csrf(w, s->csrf);
	hw_raw(w, "<button type=\"submit\" class=\"link\">");
	hw_ui(w, s->ui, "survey.cancel");
	hw_raw(w, "</button>\n</form>\n");
}

/* A writer for session s's pages: its language and variant. */
static void
writer(struct hw *w, struct buf *b, const struct csession *s)
{
	hw_init(w, b);
	w->lang = s->ui;
	w->easy = s->easy;
	w->form = s->form;
}

/* Whether the page was opened with "Ändra" from the review (?granska=1):
 * it then offers the way straight back. */
static bool
from_review_arg(const struct web_ctx *c)
{
	const char *v = req_arg(c->req, "granska");
	return v && strcmp(v, "1") == 0;
}

/* Render page p with answers ans; error/err_field mark one item. from_review:
 * "Tillbaka till granskningen" is the way on. */
static uf_err
render_page(struct web_ctx *c, size_t p, const struct form_answer *ans,
    const char *error, const char *err_field, bool from_review)
{
	const struct csession *s = c->session;
	const struct form *f = s->form;
	size_t items[FORM_MAX_ITEMS], n, prev, np = pages_count(f, s->months);
	struct hw w;
	const char *ftitle = form_title(f, s->lang, s->easy);
	struct page pg = survey_page(s, ftitle);
	bool patient = f->one_per_page, required = false;
	const char *title;
	char pn[24], pt[24];

	page_items(f, s->months, p, items, &n);
	prev = page_prev(f, s->months, p, ans);
	/* The numbers count every question asked in this wave, follow-ups
	 * included, so the total never changes while answering: a skipped
	 * follow-up is a skipped number. */
	(void)snprintf(pn, sizeof pn, "%zu", p);
	(void)snprintf(pt, sizeof pt, "%zu", np);
	title = patient ? ui_fmt(c->arena, s->ui, "survey.question_of", "n", pn, "total", pt,
	                      NULL) :
	                  ui_fmt(c->arena, s->ui, "survey.page_title", "n", pn, "total", pt,
	                      "theme", n > 0 ? form_theme_text(f, f->items[items[0]].theme, s->lang, s->easy) : ftitle, NULL);
	if (!title)
		return UF_ENOMEM;
	pg.title = title;
	pg.top_markup = collect_view_switch(c->arena, s, "survey", NULL);
	if (!pg.top_markup)
		return UF_ENOMEM;
	for (size_t j = 0; j < n; j++)
		if (f->items[items[j]].required && form_item_shown(f, items[j], ans))
			required = true;
	writer(&w, &c->reply->body, s);
	html_begin(&w, &pg);
	hw_raw(&w, "<p class=\"survey-title\">");
	hw_text(&w, ftitle);
	hw_raw(&w, "</p>\n");
	hw_raw(&w, "<p class=\"progress\" id=\"progress\">");
	hw_ui_fmt(&w, patient ? "survey.question_of" : "survey.page_of", "n", pn, "total", pt,
	    NULL);
	hw_fmt(&w, "</p>\n"
	           "<progress max=\"%zu\" value=\"%zu\" aria-labelledby=\"progress\"></progress>\n",
	    np, p);
	/* A theme page's heading is its theme; a question page's is the
	 * question itself (render_item). */
	if (!patient && n > 0) {
		hw_raw(&w, "<h1>");
		hw_text(&w, form_theme_text(f, f->items[items[0]].theme, s->lang, s->easy));
		hw_raw(&w, "</h1>\n");
	}
	if (p == 1 && form_intro(f, s->lang, s->easy)) {
		hw_raw(&w, "<p class=\"intro\">");
		hw_text(&w, form_intro(f, s->lang, s->easy));
		hw_raw(&w, "</p>\n");
	}
	if (required)
		render_required_note(&w);
	hw_fmt(&w, "<form method=\"post\" action=\"/sida/%zu%s\" class=\"survey\" id=\"survey\" "
	           "autocomplete=\"off\" data-page=\"%zu\">\n",
	    p, from_review ? "?granska=1" : "", p);
	html_csrf(&w, s->csrf);
	for (size_t j = 0; j < n; j++) {
		size_t i = items[j];
		const struct form_item *it = &f->items[i];
		bool shown = form_item_shown(f, i, ans);
		const char *note = NULL;
		const char *ierr = err_field && strcmp(err_field, it->id) == 0 ? error : NULL;
		if (!shown) {
			/* Hidden by an answer on an earlier page: not asked. A condition on
			 * this same page: shown with a note (the script hides it). */
			bool same_page = false;
			for (size_t k = 0; k < n; k++)
				if (items[k] == it->cond.item)
					same_page = true;
			if (!same_page || patient)
				continue;
		}
		if (it->has_cond && !patient) {
			note = render_cond_note(c->arena, s->ui, f, i);
			if (!note)
				return UF_ENOMEM;
		}
		render_item(&w, f, i, &ans[i], ierr, note, patient);
	}
	/* A message about the page as a whole also comes after the answers. */
	if (error && !err_field) {
		hw_raw(&w, "<p class=\"error\" role=\"alert\">");
		hw_text(&w, error);
		hw_raw(&w, "</p>\n");
	}
	/* The first button is the one Enter presses; CSS puts it on the right. */
	if (from_review) {
		hw_raw(&w, "<div class=\"nav\">\n<button type=\"submit\" name=\"action\" "
		           "value=\"review\" class=\"primary\">");
		hw_ui(&w, s->ui, "survey.back_to_review");
		hw_raw(&w, "</button>\n</div>\n</form>\n");
	} else {
		hw_raw(&w, "<div class=\"nav\">\n<button type=\"submit\" name=\"action\" "
		           "value=\"next\" class=\"primary\">");
		hw_ui(&w, s->ui, "survey.next");
		hw_raw(&w, "</button>\n");
		if (prev) {
			hw_raw(&w, "<button type=\"submit\" name=\"action\" value=\"back\" "
			           "class=\"secondary\">");
			hw_ui(&w, s->ui, "survey.back");
			hw_raw(&w, "</button>\n");
		}
		hw_raw(&w, "</div>\n</form>\n");
	}
	end_buttons(&w, s);
	html_end(&w);
	return hw_done(&w);
}

uf_err
h_page_get(struct web_ctx *c)
{
	const struct csession *s = c->session;
	size_t np, p;

	if (!consent_given(s)) {
		reply_redirect(c->reply, "/information");
		return UF_OK;
	}
	np = pages_count(s->form, s->months);
	p = page_arg(c, np);
	if (!p)
		return web_fail(c, UF_ENOTFOUND, NULL, ui_str(s->ui, "survey.no_page"));
	if (!page_visible(s->form, s->months, p, s->answers))
		return redirect_page(c, from_review_arg(c) ? 0 : page_next(s->form, s->months, p, s->answers));
	return render_page(c, p, s->answers, NULL, NULL, from_review_arg(c));
}

/* Validation failed: show the page again with the message (status from e). */
static uf_err
page_again(struct web_ctx *c, size_t p, const struct form_answer *ans,
    uf_err e, const struct form_error *ferr)
{
	const struct csession *s = c->session;
	const char *msg = collect_answer_message(c->arena, s->ui, s->form, ferr);
	uf_err e2;

	reply_reset(c->reply);
	if (!msg)
		return UF_ENOMEM;
	e2 = render_page(c, p, ans, msg,
	    ferr->field[0] ? ferr->field : NULL, from_review_arg(c));
	if (e2 != UF_OK)
		return e2;
	c->rendered = true;
	return web_fail(c, e, ferr->field[0] ? ferr->field : NULL, ferr->msg);
}

/* Whether two answers to one item are the same answer. */
static bool
answer_same(const struct form_answer *a, const struct form_answer *b)
{
	if (a->kind != b->kind)
		return false;
	switch (a->kind) {
	case ANSWER_NONE:
	case ANSWER_DONT_KNOW:
	case ANSWER_DECLINE:
		return true;
	case ANSWER_INT:
		return a->ival == b->ival;
	case ANSWER_TEXT:
		return a->text && b->text && strcmp(a->text, b->text) == 0;
	case ANSWER_CHOICES:
		if (a->nchoices != b->nchoices)
			return false;
		for (size_t k = 0; k < a->nchoices; k++)
			if (strcmp(a->choices[k], b->choices[k]) != 0)
				return false;
		return true;
	case ANSWER_KIND__MAX:
		break;
	}
	return false;
}

/* Store what the page changed in the session's draft (ans: the whole draft
 * as it now stands): answers that differ from the draft read (at its
 * revision) are written, answers that went away are removed; nothing when
 * nothing changed (*wrote false). *stale: the draft changed since it was
 * read (nothing written). On success the session cache holds the new draft. */
static uf_err
draft_page_save(struct web_ctx *c, struct form_answer *ans, bool *stale,
    bool *wrote)
{
	struct csession *s = c->session;
	const struct form *f = s->form;
	struct form_answer *put = answers_new(c->arena, f);
	struct buf pj, dj;
	size_t nput = 0, ndrop = 0;
	long long rev = -1;
	long long expires = 0;
	const char *stamp = NULL;
	uf_err e;

	*stale = false;
	*wrote = false;
	if (!put)
		return UF_ENOMEM;
	buf_init(&pj, ANSWERS_JSON_MAX);
	buf_init(&dj, ANSWERS_JSON_MAX);
	e = buf_adds(&dj, "[");
	for (size_t i = 0; e == UF_OK && i < f->nitems; i++) {
		if (answer_same(&s->answers[i], &ans[i]))
			continue;
		if (ans[i].kind != ANSWER_NONE) {
			put[i] = ans[i];
			nput++;
			continue;
		}
		if (ndrop++)
			e = buf_adds(&dj, ",");
		if (e == UF_OK)
			e = buf_add_json_str(&dj, f->items[i].id);
	}
	if (e == UF_OK)
		e = buf_adds(&dj, "]");
	if (e == UF_OK)
		e = answers_to_db(&pj, f, put);
	if (e != UF_OK || (nput == 0 && ndrop == 0))
		goto out;
	e = db_collect_draft_page(c->db, c->arena, s->token_hash, s->draft_rev,
	    buf_str(&pj), buf_str(&dj), &rev, &stamp, &expires);
	if (e != UF_OK)
		goto out;
	if (rev < 0) {
		*stale = true;
		collect_session_forget(s);
		goto out;
	}
	*wrote = true;
	s->answers = ans;
	s->draft_rev = rev;
	s->stamp = stamp;
	s->expires_epoch = expires;
	s->unverified = false; /* the write read the session */
	collect_session_cache(s);
out:
	if (e != UF_OK)
		collect_session_forget(s);
	buf_free(&pj);
	buf_free(&dj);
	return e;
}

/* How often a page is merged again into a draft that changed meanwhile
 * (another tab, another instance) before the post fails. */
#define PAGE_SAVE_TRIES 3

/* The session again from the database, with consent; UF_EPERM (page
 * rendered) without. */
static uf_err
page_reload(struct web_ctx *c)
{
	uf_err e = collect_session_reload(c);
	if (e != UF_OK)
		return e;
	if (!consent_given(c->session))
		return web_fail(c, UF_EPERM, NULL,
		    ui_str(((const struct csession *)c->session)->ui, "survey.need_consent"));
	return UF_OK;
}

/* The language or easy-to-read switch on question page p (its buttons
 * belong to the page's form): what is on the page is kept in the draft as
 * far as it is valid (a half-answered page is fine, as with Avbryt), the
 * choice is stored, and the same page shows again in the new language. */
static uf_err
view_change(struct web_ctx *c, size_t p, const size_t *items, size_t n)
{
	struct form_answer *ans;
	bool stale = true, changed, wrote;
	const char *to;
	uf_err e = UF_OK;

	/* The switch changes the session itself: act on a read, not on the
	 * process's cached copy. */
	if (((const struct csession *)c->session)->unverified &&
	    (e = page_reload(c)) != UF_OK)
		return e;
	for (int tries = 0; stale; tries++) {
		if (tries == PAGE_SAVE_TRIES)
			return UF_ECONFLICT;
		if (tries > 0 && (e = collect_session_reload(c)) != UF_OK)
			return e;
		ans = answers_new(c->arena, ((const struct csession *)c->session)->form);
		if (!ans)
			return UF_ENOMEM;
		e = collect_page_salvage(c, items, n, ans);
		if (e == UF_EINVAL)
			break; /* nothing of the page fits: switch all the same */
		if (e != UF_OK)
			return e;
		if ((e = draft_page_save(c, ans, &stale, &wrote)) != UF_OK)
			return e;
	}
	if ((e = collect_view_from_post(c, &changed)) != UF_OK)
		return e;
	to = arena_printf(c->arena, "/sida/%zu%s", p, from_review_arg(c) ? "?granska=1" : "");
	if (!to)
		return UF_ENOMEM;
	reply_redirect(c->reply, to);
	return UF_OK;
}

uf_err
h_page_post(struct web_ctx *c)
{
	const struct csession *s = c->session;
	const struct form *f = s->form;
	size_t np, p, items[FORM_MAX_ITEMS], n, to;
	struct form_answer *ans = NULL;
	struct form_error ferr;
	const char *action = req_field(c->req, "action");
	enum session_end end;
	bool stale = true, wrote = false;
	/* A session from the cache (unverified) may cost one more round. */
	int tries_max = PAGE_SAVE_TRIES + (s->unverified ? 1 : 0);
	uf_err e;

	if (!consent_given(s))
		return web_fail(c, UF_EPERM, NULL, ui_str(s->ui, "survey.need_consent"));
	np = pages_count(f, s->months);
	p = page_arg(c, np);
	if (!p)
		return web_fail(c, UF_ENOTFOUND, NULL, ui_str(s->ui, "survey.no_page"));
	if (req_field_count(c->req, "action") == 1 && collect_end_action(action, &end)) {
		/* Ending stores the whole draft: from a read, never from the cache. */
		if (s->unverified && (e = page_reload(c)) != UF_OK)
			return e;
		return collect_page_end(c, p, end);
	}
	page_items(f, s->months, p, items, &n);
	if (req_field(c->req, "lang") || req_field(c->req, "easy"))
		return view_change(c, p, items, n);

	/* The page merged into the draft as read; when that read was stale
	 * (the session cache, or a change in between), read and merge again.
	 * A session taken from the cache unread is acted on only through a
	 * write that checked it: a page to show again or nothing to write
	 * reads it first. */
	for (int tries = 0; stale; tries++) {
		if (tries == tries_max)
			return UF_ECONFLICT;
		if (tries > 0) {
			if ((e = page_reload(c)) != UF_OK)
				return e;
			s = c->session;
		}
		ans = answers_new(c->arena, f);
		if (!ans)
			return UF_ENOMEM;
		memcpy(ans, s->answers, f->nitems * sizeof(*ans));
		memset(&ferr, 0, sizeof(ferr));
		e = answers_from_post(c->arena, f, c->req, items, n, ans, &ferr);
		if (e == UF_EINVAL && s->unverified)
			continue;
		if (e == UF_EINVAL)
			return page_again(c, p, ans, e, &ferr);
		if (e != UF_OK)
			return e;
		answers_drop_hidden(f, s->months, ans, items, n);
		e = form_check_answers(f, s->months, ans, false, &ferr);
		if ((e == UF_EINVAL || e == UF_ELIMIT) && s->unverified)
			continue;
		if (e == UF_EINVAL || e == UF_ELIMIT)
			return page_again(c, p, ans, e, &ferr);
		if (e != UF_OK)
			return e;
		e = draft_page_save(c, ans, &stale, &wrote);
		/* Merged into a cached read: an ended session, a withdrawn consent
		 * or a submission elsewhere is answered as a fresh read would be. */
		if (tries == 0 && (e == UF_EAUTH || e == UF_EPERM || e == UF_ECONFLICT)) {
			stale = true;
			e = UF_OK;
		}
		if (e != UF_OK)
			return e;
		if (!stale && !wrote && s->unverified)
			stale = true;
	}

	if (action && strcmp(action, "back") == 0) {
		to = page_prev(f, s->months, p, ans);
		return redirect_page(c, to ? to : p);
	}
	if (action && strcmp(action, "review") == 0)
		return redirect_page(c, 0);
	return redirect_page(c, page_next(f, s->months, p, ans));
}

/* The review: every shown question with its answer and a link to change it,
 * then the submit button. */
static uf_err
render_review(struct web_ctx *c, const struct form_answer *ans,
    const char *error, const char *err_field)
{
	const struct csession *s = c->session;
	const struct form *f = s->form;
	size_t np = pages_count(f, s->months), items[FORM_MAX_ITEMS], n;
	size_t missing = 0;
	struct hw w;
	struct page pg = survey_page(s, ui_str(s->ui, "review.title"));
	char num[24];

	pg.top_markup = collect_view_switch(c->arena, s, NULL, "granska");
	if (!pg.top_markup)
		return UF_ENOMEM;
	writer(&w, &c->reply->body, s);
	html_begin(&w, &pg);
	hw_raw(&w, "<h1>");
	hw_ui(&w, s->ui, "review.title");
	hw_raw(&w, "</h1>\n<p class=\"lead\">");
	hw_ui(&w, s->ui, "review.lead");
	hw_raw(&w, "</p>\n");
	if (error) {
		hw_raw(&w, "<p class=\"error\" role=\"alert\">");
		hw_text(&w, error);
		hw_raw(&w, "</p>\n");
	}
	hw_raw(&w, "<dl class=\"review\">\n");
	for (size_t p = 1; p <= np; p++) {
		page_items(f, s->months, p, items, &n);
		for (size_t j = 0; j < n; j++) {
			size_t i = items[j];
			const struct form_item *it = &f->items[i];
			bool bad = err_field && strcmp(err_field, it->id) == 0;
			if (!form_item_shown(f, i, ans))
				continue;
			if (it->required && ans[i].kind == ANSWER_NONE) {
				missing++;
				bad = true;
			}
			hw_raw(&w, bad ? "<div class=\"row has-error\">" : "<div class=\"row\">");
			hw_raw(&w, "<dt>");
			hw_text(&w, form_item_text(f, i, s->lang, s->easy));
			hw_raw(&w, "</dt>\n<dd>");
			render_answer_text(&w, f, i, &ans[i]);
			if (it->required && ans[i].kind == ANSWER_NONE) {
				hw_raw(&w, " <strong class=\"req\">");
				hw_ui(&w, s->ui, "review.required");
				hw_raw(&w, "</strong>");
			}
			hw_fmt(&w, " <a href=\"/sida/%zu?granska=1\" class=\"change\">", p);
			hw_ui(&w, s->ui, "review.change");
			hw_raw(&w, "<span class=\"visually-hidden\"> ");
			hw_ui(&w, s->ui, "review.change_hidden");
			hw_raw(&w, " ");
			hw_text(&w, form_item_text(f, i, s->lang, s->easy));
			hw_raw(&w, "</span></a></dd></div>\n");
		}
	}
	hw_raw(&w, "</dl>\n");
	if (missing) {
		(void)snprintf(num, sizeof num, "%zu", missing);
		hw_raw(&w, "<p class=\"error\">");
		hw_ui_fmt(&w, missing == 1 ? "review.missing_one" : "review.missing_many", "n", num,
		    NULL);
		hw_raw(&w, "</p>\n");
	}
	hw_raw(&w, "<form method=\"post\" action=\"/skicka\" autocomplete=\"off\" class=\"submit\">\n");
	html_csrf(&w, s->csrf);
	hw_fmt(&w, "<input type=\"hidden\" name=\"rev\" value=\"%lld\">\n", s->draft_rev);
	hw_raw(&w, "<div class=\"nav\"><button type=\"submit\" class=\"primary\">");
	hw_ui(&w, s->ui, "review.submit");
	hw_raw(&w, "</button></div>\n</form>\n");
	cancel_form(&w, s);
	html_end(&w);
	return hw_done(&w);
}

uf_err
h_review(struct web_ctx *c)
{
	const struct csession *s = c->session;
	if (!consent_given(s)) {
		reply_redirect(c->reply, "/information");
		return UF_OK;
	}
	return render_review(c, s->answers, NULL, NULL);
}

/* Whether the submission's form names the draft revision the session has
 * now (the review page writes it). A form without one (the API, scripts
 * posting by hand) is not checked; a malformed one counts as changed. */
static bool
review_rev_current(const struct web_ctx *c, const struct csession *s)
{
	const char *v = req_field(c->req, "rev");
	long long rev;

	if (!v)
		return true;
	return req_field_count(c->req, "rev") == 1 && num_ll(v, strlen(v), 0, LLONG_MAX, &rev) &&
	    rev == s->draft_rev;
}

uf_err
h_submit(struct web_ctx *c)
{
	const struct csession *s = c->session;
	const struct form *f = s->form;
	struct form_answer *ans;
	struct form_error ferr;
	struct buf json;
	uf_err e;

	if (!consent_given(s))
		return web_fail(c, UF_EPERM, NULL, ui_str(s->ui, "survey.need_consent"));
	if (!review_rev_current(c, s)) {
		/* What is stored must be what the review showed: the draft changed
		 * since (a page saved in another tab, or a page save committed
		 * asynchronously and lost in a crash of PostgreSQL while this
		 * process's copy still showed it). The review again, as it is now. */
		uf_err e2 = render_review(c, s->answers, ui_str(s->ui, "review.changed"), NULL);
		if (e2 != UF_OK)
			return e2;
		c->rendered = true;
		return web_fail(c, UF_ECONFLICT, "rev", "Svaren har ändrats sedan granskningen visades.");
	}
	ans = answers_new(c->arena, f);
	if (!ans)
		return UF_ENOMEM;
	memcpy(ans, s->answers, f->nitems * sizeof(*ans));
	answers_drop_hidden(f, s->months, ans, NULL, 0);
	memset(&ferr, 0, sizeof(ferr));
	e = form_check_answers(f, s->months, ans, true, &ferr);
	if (e == UF_EINVAL || e == UF_ELIMIT) {
		/* The refusal in the respondent's language (a message of its own
		 * when lib/ gave it a page text), else the review's general one. */
		const char *msg = ferr.key             ? collect_answer_message(c->arena, s->ui, f, &ferr) :
		    ferr.msg[0] && s->ui == lang_ref() ? ferr.msg :
		                                         ui_str(s->ui, "review.submit_error");
		uf_err e2 = msg ? render_review(c, ans, msg, ferr.field[0] ? ferr.field : NULL) : UF_ENOMEM;
		if (e2 != UF_OK)
			return e2;
		c->rendered = true;
		return web_fail(c, e, ferr.field, ferr.msg);
	}
	if (e != UF_OK)
		return e;
	buf_init(&json, ANSWERS_JSON_MAX);
	e = answers_to_db(&json, f, ans);
	if (e == UF_OK)
		e = db_collect_submit_session(c->db, s->token_hash, buf_str(&json));
	collect_session_forget(s);
	buf_free(&json);
	if (e != UF_OK)
		return e;
	log_info("req=%s route=submit msg=\"response submitted\"", c->req->request_id);
	e = collect_session_ended(c);
	if (e != UF_OK)
		return e;
	{
		const char *to = arena_printf(c->arena, "/tack%s",
		    collect_lang_query(c->arena, s->ui, '?'));
		if (!to)
			return UF_ENOMEM;
		reply_redirect(c->reply, to);
	}
	return UF_OK;
}
