/* SPDX-License-Identifier: ISC
 * The information page for the respondent's group and wave: a short summary
 * in plain words with the consent decision right under it, then the whole
 * information (voluntary, withdrawal, no one identified in reports, GDPR
 * rights, whom to contact; after the study's Bilaga 4-6) in a <details>.
 * The texts are data (forms/info/<group>.<lang>.json, lib/lang.h); the
 * consent records the file's version and the session's language: raise the
 * version when a text changes.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "collect.h"
#include "collect_audio.h"
#include "collect_form.h"
#include "collect_handlers.h"
#include "db_collect.h"
#include "html.h"
#include "http.h"
#include "info_speech.h"
#include "lang.h"
#include "log.h"
#include "req.h"

/* The information text of the session's group in its language and
 * variant (easy-to-read when chosen and written), sv's when that language
 * has none. */
static const struct info_text *
info_of(const struct csession *s,
    const struct lang_info **li_out)
{
	const struct lang_info *li = lang_info(s->ui, group_id(s->grp));
	*li_out = li;
	if (!li)
		return NULL;
	return s->easy && li->has_easy ? &li->easy : &li->plain;
}

/* One text of the information with its placeholders filled (the same
 * filling as the read-aloud text's, lib/info_speech.c). */
static void
info_para(struct hw *w, const char *text, const struct info_vars *v)
{
	struct buf b;
	uf_err e;

	buf_init(&b, 4 * LANG_TEXT_MAX);
	if ((e = info_vars_fill_buf(&b, text, v)) == UF_OK)
		hw_text(w, buf_str(&b));
	else if (w->err == UF_OK)
		w->err = e;
	buf_free(&b);
}

/* A word in bold and what it does: "<strong>Ja</strong>: du börjar svara." */
static void
choice_explained(struct hw *w, const struct lang *l, const char *word,
    const char *explained)
{
	hw_raw(w, "<li><strong>");
	hw_ui(w, l, word);
	hw_raw(w, "</strong>");
	hw_ui(w, l, explained);
	hw_raw(w, "</li>\n");
}

/* The short version first, in plain words (about 80): what, why, that it is
 * voluntary, how long it takes (from the instrument) and what Ja, Nej and
 * Avbryt do. The decision follows at once, so that on a tablet it is on the
 * first screen. */
static void
summary(struct hw *w, const struct csession *s,
    const struct info_text *t, const struct info_vars *v)
{
	hw_raw(w, "<h1>");
	hw_text(w, t->heading);
	hw_raw(w, "</h1>\n<p class=\"lead\">");
	info_para(w, t->lead, v);
	hw_raw(w, "</p>\n<p>");
	info_para(w, t->voluntary, v);
	hw_raw(w, "</p>\n<ul class=\"choices-explained\">\n");
	choice_explained(w, s->ui, "info.yes_word", "info.yes_explained");
	choice_explained(w, s->ui, "info.no_word", "info.no_explained");
	choice_explained(w, s->ui, "info.cancel_word", "info.cancel_explained");
	hw_raw(w, "</ul>\n");
}

/* The whole information (after the study's Bilaga 4-6), one tap away. */
static void
full_text(struct hw *w, const struct csession *s, const struct info_text *t,
    bool easy, const struct info_vars *v)
{
	hw_raw(w, "<details class=\"full-info\">\n<summary>");
	hw_text(w, t->full_summary);
	hw_raw(w, "</summary>\n");
	audio_info(w, s->grp, s->ui, easy, INFO_PART_FULL, t, v);
	for (size_t k = 0; k < t->nsections; k++) {
		hw_raw(w, "<h2>");
		hw_text(w, t->sections[k].heading);
		hw_raw(w, "</h2>\n");
		for (size_t j = 0; j < t->sections[k].nparas; j++) {
			hw_raw(w, "<p>");
			info_para(w, t->sections[k].paras[j], v);
			hw_raw(w, "</p>\n");
		}
	}
	hw_raw(w, "</details>\n");
}

uf_err
h_info(struct web_ctx *c)
{
	const struct csession *s = c->session;
	bool given = s->consent && strcmp(s->consent, "given") == 0;
	struct hw w;
	struct page p = collect_session_page(s, ui_str(s->ui, "info.title"));
	const struct lang_info *li;
	const struct info_text *t = info_of(s, &li);
	struct info_vars v;
	bool easy;

	if (!t)
		return UF_EINTERNAL; /* no forms/info/<group>.sv.json installed */
	easy = t == &li->easy;
	info_vars_set(&v, s->form, s->months, info_contact(s->ui, collect_cfg->contact));
	p.top_markup = collect_view_switch(c->arena, s, NULL, "information");
	if (!p.top_markup)
		return UF_ENOMEM;
	hw_init(&w, &c->reply->body);
	w.lang = s->ui; /* the players' label ("Lyssna") in the page's language */
	html_begin(&w, &p);
	summary(&w, s, t, &v);
	audio_info(&w, s->grp, s->ui, easy, INFO_PART_SUMMARY, t, &v);
	if (given) {
		hw_raw(&w, "<p class=\"notice\" role=\"status\">");
		hw_ui(&w, s->ui, "info.already");
		hw_raw(&w, "</p>\n<div class=\"nav\"><a class=\"button primary\" "
		           "href=\"/fortsatt\">");
		hw_ui(&w, s->ui, "info.continue");
		hw_raw(&w, "</a></div>\n");
	} else {
		hw_raw(&w, "<form method=\"post\" action=\"/samtycke\" autocomplete=\"off\">\n");
		html_csrf(&w, s->csrf);
		hw_raw(&w, "<fieldset class=\"consent\"><legend class=\"big\">");
		hw_ui(&w, s->ui, "info.consent_legend");
		hw_raw(&w, "</legend>\n<p>");
		hw_ui(&w, s->ui, "info.consent_text");
		hw_raw(&w, "</p>\n<div class=\"consent-buttons\">\n"
		           "<button type=\"submit\" name=\"decision\" value=\"given\" class=\"primary\">");
		hw_ui(&w, s->ui, "info.yes");
		hw_raw(&w, "</button>\n"
		           "<button type=\"submit\" name=\"decision\" value=\"declined\" class=\"secondary\">");
		hw_ui(&w, s->ui, "info.no");
		hw_raw(&w, "</button>\n</div></fieldset>\n</form>\n");
	}
	full_text(&w, s, t, easy, &v);
	hw_raw(&w, "<form method=\"post\" action=\"/avbryt\" class=\"cancel\">\n");
	html_csrf(&w, s->csrf);
	hw_raw(&w, "<button type=\"submit\" class=\"link\">");
	hw_ui(&w, s->ui, "info.cancel");
	hw_raw(&w, "</button>\n</form>\n");
	html_end(&w);
	return hw_done(&w);
}

uf_err
h_consent(struct web_ctx *c)
{
	const struct csession *s = c->session;
	const char *d = req_field(c->req, "decision");
	const struct lang_info *li;
	bool given;
	uf_err e;

	if (!d || req_field_count(c->req, "decision") != 1 ||
	    (strcmp(d, "given") != 0 && strcmp(d, "declined") != 0))
		return web_fail(c, UF_EINVAL, "decision", ui_str(s->ui, "info.choose"));
	if (!info_of(s, &li))
		return UF_EINTERNAL;
	given = strcmp(d, "given") == 0;
	/* The text the information page shows for this session (language and
	 * group); the session's language goes with it (0021). */
	e = db_collect_consent(c->db, s->token_hash, given, li->version);
	collect_session_forget(s);
	if (e != UF_OK)
		return e;
	log_info("req=%s route=consent decision=%s", c->req->request_id, d);
	if (given) {
		reply_redirect(c->reply, "/fortsatt");
		return UF_OK;
	}
	e = collect_session_ended(c);
	if (e != UF_OK)
		return e;
	{
		const char *to = arena_printf(c->arena, "/tack?nej=1%s",
		    collect_lang_query(c->arena, s->ui, '&'));
		if (!to)
			return UF_ENOMEM;
		reply_redirect(c->reply, to);
	}
	return UF_OK;
}
