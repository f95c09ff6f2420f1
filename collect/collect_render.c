/* SPDX-License-Identifier: ISC
 * HTML for survey items and answers: radio groups in fieldsets with legends,
 * labels bound to inputs, "vet ej" and "vill inte svara" where allowed, big
 * targets on the tablet, messages after the answers they are about.
 * Every question and answer text goes through hw_text (escaped).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "collect.h"
#include "collect_audio.h"
#include "collect_handlers.h"
#include "item_types.h"
#include "lang.h"

/* Decimal text of v in buf (for a placeholder). */
static const char *
num_s(long v, char buf[24])
{
	int k = snprintf(buf, 24, "%ld", v);
	return k > 0 && k < 24 ? buf : "";
}

/* <p class="hint" id="PREFIX ID"> with the text of key and its pairs. */
static void hint_fmt(struct hw *w, const char *id_prefix, const char *id,
    const char *key, ...) __attribute__((sentinel));
static void
hint_fmt(struct hw *w, const char *id_prefix, const char *id,
    const char *key, ...)
{
	va_list ap;

	hw_raw(w, "<p class=\"hint\"");
	if (id_prefix) {
		hw_raw(w, " id=\"");
		hw_raw(w, id_prefix);
		hw_text(w, id);
		hw_raw(w, "\"");
	}
	hw_raw(w, ">");
	va_start(ap, key);
	hw_ui_vfmt(w, key, ap);
	va_end(ap);
	hw_raw(w, "</p>\n");
}

/* The instrument's texts in the page's language and variant (form.h falls
 * back to plain, then to Swedish). */
static const char *
tag_of(const struct hw *w)
{
	return w->lang ? lang_tag(w->lang) : LANG_REF;
}

static size_t
idx(const struct hw *w, const struct form_item *it)
{
	return (size_t)(it - w->form->items);
}

static const char *
item_text(const struct hw *w, const struct form_item *it)
{
	return w->form ? form_item_text(w->form, idx(w, it), tag_of(w), w->easy) : it->sv;
}

static const char *
item_help(const struct hw *w, const struct form_item *it)
{
	return w->form ? form_item_help(w->form, idx(w, it), tag_of(w), w->easy) : it->help_sv;
}

static const char *
option_text(const struct hw *w, const struct form_item *it, size_t k)
{
	return w->form ? form_option_text(w->form, idx(w, it), k, tag_of(w), w->easy) :
	                 it->options[k].sv;
}

static const char *
option_label(const struct hw *w, const struct form_item *it,
    const char *code)
{
	for (size_t k = 0; k < it->noptions; k++)
		if (strcmp(it->options[k].code, code) == 0)
			return option_text(w, it, k);
	return code;
}

static bool
has_choice(const struct form_answer *an, const char *code)
{
	if (an->kind == ANSWER_TEXT)
		return an->text && strcmp(an->text, code) == 0;
	if (an->kind != ANSWER_CHOICES)
		return false;
	for (size_t k = 0; k < an->nchoices; k++)
		if (strcmp(an->choices[k], code) == 0)
			return true;
	return false;
}

static void
input_choice(struct hw *w, const char *type, const char *name,
    const char *value, const char *label, bool checked, const char *extra_class)
{
	hw_raw(w, "<label class=\"choice");
	if (extra_class) {
		hw_raw(w, " ");
		hw_raw(w, extra_class);
	}
	hw_raw(w, "\"><input type=\"");
	hw_raw(w, type);
	hw_raw(w, "\" name=\"");
	hw_text(w, name);
	hw_raw(w, "\" value=\"");
	hw_text(w, value);
	hw_raw(w, checked ? "\" checked>" : "\">");
	hw_raw(w, "<span>");
	hw_text(w, label);
	hw_raw(w, "</span></label>\n");
}

/* The likert label of v (1-5) in the page's language. */
static const char *
likert(const struct hw *w, int v)
{
	static const char *const keys[5] = { "item.likert_1", "item.likert_2",
		"item.likert_3", "item.likert_4", "item.likert_5" };
	return v >= 1 && v <= 5 ? ui_str(w->lang, keys[v - 1]) : "";
}

static const char *
dont_know(const struct hw *w)
{
	return ui_str(w->lang, "item.dont_know");
}

static const char *
decline(const struct hw *w)
{
	return ui_str(w->lang, "item.decline");
}

/* The visible star and, for screen readers, the words. */
static void
required_mark(struct hw *w)
{
	hw_raw(w, "<span class=\"req\" aria-hidden=\"true\">&nbsp;*</span>"
	          "<span class=\"visually-hidden\"> ");
	hw_ui(w, w->lang, "item.required_sr");
	hw_raw(w, "</span>");
}

/* The question text, and the required marker explained once per page
 * (render_required_note); screen readers get the words instead. */
static void
question_head(struct hw *w, const struct form_item *it)
{
	hw_raw(w, "<span class=\"qtext\">");
	hw_text(w, item_text(w, it));
	hw_raw(w, "</span>");
	if (it->required)
		required_mark(w);
}

static void
question_notes(struct hw *w, const struct form_item *it, const char *cond_note)
{
	if (item_help(w, it)) {
		hw_raw(w, "<p class=\"help\">");
		hw_text(w, item_help(w, it));
		hw_raw(w, "</p>\n");
	}
	if (cond_note) {
		hw_raw(w, "<p class=\"cond\">");
		hw_text(w, cond_note);
		hw_raw(w, "</p>\n");
	}
}

/* The message about this item's answer goes after its answers, never above
 * them: the answers stay where the finger left them (issue: a second tap on
 * a moved option). */
static void
question_error(struct hw *w, const struct form_item *it, const char *error)
{
	if (!error)
		return;
	hw_raw(w, "<p class=\"error\" role=\"alert\" id=\"err-");
	hw_text(w, it->id);
	hw_raw(w, "\">");
	hw_text(w, error);
	hw_raw(w, "</p>\n");
}

void
render_required_note(struct hw *w)
{
	const char *t = ui_str(w->lang, "item.required_note");
	const char *star = strstr(t, "{star}");

	/* The star is markup inside the sentence, where the language puts it. */
	hw_raw(w, "<p class=\"req-note\">");
	if (star) {
		char before[LANG_TEXT_MAX + 1];
		size_t n = (size_t)(star - t);
		memcpy(before, t, n);
		before[n] = '\0';
		hw_text(w, before);
		hw_raw(w, "<span class=\"req\">*</span>");
		hw_text(w, star + strlen("{star}"));
	} else {
		hw_text(w, t);
	}
	hw_raw(w, "</p>\n");
}

static void
describedby(struct hw *w, const struct form_item *it, const char *error)
{
	if (!error)
		return;
	hw_raw(w, " aria-describedby=\"err-");
	hw_text(w, it->id);
	hw_raw(w, "\"");
}

/* data-* attributes the script uses to hide a same-page conditional item. */
static void
cond_attrs(struct hw *w, const struct form *f, const struct form_item *it)
{
	static const char *const ops[COND_OP__MAX] = {
		[COND_EQUALS] = "in", [COND_IN] = "in", [COND_INCLUDES] = "in", [COND_MIN] = "min"
	};
	if (!it->has_cond)
		return;
	hw_raw(w, " data-cond-item=\"");
	hw_text(w, f->items[it->cond.item].id);
	hw_raw(w, "\" data-cond-op=\"");
	hw_raw(w, ops[it->cond.op]);
	hw_raw(w, "\"");
	if (it->cond.op == COND_MIN) {
		hw_fmt(w, " data-cond-min=\"%ld\"", it->cond.min);
	} else {
		hw_raw(w, " data-cond-values=\"");
		for (size_t k = 0; k < it->cond.nvalues; k++) {
			if (k)
				hw_raw(w, " ");
			hw_text(w, it->cond.values[k]);
		}
		hw_raw(w, "\"");
	}
}

/* Radio buttons or checkboxes in a fieldset: likert5, single, multi. */
static void
render_choices(struct hw *w, const struct form_item *it,
    const struct form_answer *an, const char *error, const char *cond_note, bool big)
{
	char num[32];

	hw_raw(w, "<fieldset");
	if (error) {
		hw_raw(w, " aria-describedby=\"err-");
		hw_text(w, it->id);
		hw_raw(w, "\"");
	}
	/* One question per page: the question is the page's heading. */
	hw_raw(w, big ? "><legend class=\"big\"><h1 class=\"qhead\">" : "><legend>");
	question_head(w, it);
	hw_raw(w, big ? "</h1></legend>\n" : "</legend>\n");
	question_notes(w, it, cond_note);
	hw_raw(w, "<div class=\"choices\">\n");
	if (it->type == ITEM_LIKERT5) {
		for (int v = 1; v <= 5; v++) {
			int k = snprintf(num, sizeof(num), "%d", v);
			if (k < 0 || (size_t)k >= sizeof(num))
				num[0] = '\0';
			input_choice(w, "radio", it->id, num, likert(w, v),
			    an->kind == ANSWER_INT && an->ival == v, NULL);
		}
	} else {
		for (size_t k = 0; k < it->noptions; k++)
			input_choice(w, it->type == ITEM_MULTI ? "checkbox" : "radio",
			    it->id, it->options[k].code, option_text(w, it, k),
			    has_choice(an, it->options[k].code), NULL);
	}
	if (it->dont_know)
		input_choice(w, "radio", it->id, COLLECT_DK_VALUE, dont_know(w),
		    an->kind == ANSWER_DONT_KNOW, "dk");
	if (it->decline)
		input_choice(w, "radio", it->id, COLLECT_DECLINE_VALUE,
		    decline(w), an->kind == ANSWER_DECLINE, "dk decline");
	hw_raw(w, "</div>\n");
	question_error(w, it, error);
	hw_raw(w, "</fieldset>\n");
}

/* The question as the label of one input (a heading on one-question pages). */
static void
input_label(struct hw *w, const struct form_item *it, const char *cond_note,
    bool big)
{
	if (big)
		hw_raw(w, "<h1 class=\"qhead\">");
	hw_raw(w, "<label class=\"qlabel");
	if (big)
		hw_raw(w, " big");
	hw_raw(w, "\" id=\"ql-");
	hw_text(w, it->id);
	hw_raw(w, "\" for=\"q-");
	hw_text(w, it->id);
	hw_raw(w, "\">");
	question_head(w, it);
	hw_raw(w, "</label>");
	hw_raw(w, big ? "</h1>\n" : "\n");
	question_notes(w, it, cond_note);
}

/* "Vet ej" and "vill inte svara" beside a field: checkboxes with the
 * field's name, so the server sees two values if both are given. */
static void
no_value_choices(struct hw *w, const struct form_item *it,
    const struct form_answer *an)
{
	if (!it->dont_know && !it->decline)
		return;
	hw_raw(w, "<div class=\"choices\">");
	if (it->dont_know)
		input_choice(w, "checkbox", it->id, COLLECT_DK_VALUE,
		    dont_know(w), an->kind == ANSWER_DONT_KNOW, "dk");
	if (it->decline)
		input_choice(w, "checkbox", it->id, COLLECT_DECLINE_VALUE,
		    decline(w), an->kind == ANSWER_DECLINE, "dk decline");
	hw_raw(w, "</div>\n");
}

/* <input id="q-ID" name="ID" + the caller's type attributes. */
static void
input_open(struct hw *w, const struct form_item *it, const char *error)
{
	hw_raw(w, "<input id=\"q-");
	hw_text(w, it->id);
	hw_raw(w, "\" name=\"");
	hw_text(w, it->id);
	hw_raw(w, "\"");
	describedby(w, it, error);
}

static void
render_text(struct hw *w, const struct form_item *it,
    const struct form_answer *an, const char *error, const char *cond_note, bool big)
{
	char n1[24];

	input_label(w, it, cond_note, big);
	hw_raw(w, "<textarea id=\"q-");
	hw_text(w, it->id);
	hw_raw(w, "\" name=\"");
	hw_text(w, it->id);
	hw_raw(w, "\"");
	describedby(w, it, error);
	hw_fmt(w, " rows=\"5\" maxlength=\"%d\" data-maxlength=\"%d\">",
	    it->max_length, it->max_length);
	if (an->kind == ANSWER_TEXT)
		hw_text(w, an->text);
	hw_raw(w, "</textarea>\n");
	hint_fmt(w, NULL, NULL, "item.text_max", "n", num_s(it->max_length, n1), NULL);
	question_error(w, it, error);
}

static void
render_integer(struct hw *w, const struct form_item *it,
    const struct form_answer *an, const char *error, const char *cond_note, bool big)
{
	char n1[24], n2[24];

	input_label(w, it, cond_note, big);
	input_open(w, it, error);
	hw_fmt(w, " type=\"number\" inputmode=\"numeric\" min=\"%ld\" max=\"%ld\" value=\"",
	    it->min, it->max);
	if (an->kind == ANSWER_INT)
		hw_fmt(w, "%ld", an->ival);
	hw_raw(w, "\">\n");
	hint_fmt(w, NULL, NULL, "item.integer_range", "min", num_s(it->min, n1), "max",
	    num_s(it->max, n2), NULL);
	no_value_choices(w, it, an);
	question_error(w, it, error);
}

static void
render_date(struct hw *w, const struct form_item *it,
    const struct form_answer *an, const char *error, const char *cond_note, bool big)
{
	input_label(w, it, cond_note, big);
	input_open(w, it, error);
	/* The hint is for browsers without a date picker, where the field is
	 * plain text; min and max are the range lib/item_types.c accepts. */
	hw_raw(w, " type=\"date\" min=\"1900-01-01\" max=\"2100-12-31\" aria-describedby=\"qh-");
	hw_text(w, it->id);
	hw_raw(w, "\" value=\"");
	if (an->kind == ANSWER_TEXT)
		hw_text(w, an->text);
	hw_raw(w, "\">\n");
	hint_fmt(w, "qh-", it->id, "item.date_hint", NULL);
	no_value_choices(w, it, an);
	question_error(w, it, error);
}

/* A number field 0-100 between the end labels; uppfolj.js turns it into a
 * slider that has no thumb until touched (not answered), with the value
 * shown. Without the script the field itself is the answer. */
static void
render_vas(struct hw *w, const struct form_item *it,
    const struct form_answer *an, const char *error, const char *cond_note, bool big)
{
	input_label(w, it, cond_note, big);
	hw_raw(w, "<div class=\"vas\" data-vas>\n<p class=\"vas-ends\" id=\"qe-");
	hw_text(w, it->id);
	hw_raw(w, "\"><span class=\"vas-min\">0 = ");
	hw_text(w, w->form ? form_item_min_label(w->form, idx(w, it), tag_of(w), w->easy) : it->min_label);
	hw_raw(w, "</span> <span class=\"vas-max\">100 = ");
	hw_text(w, w->form ? form_item_max_label(w->form, idx(w, it), tag_of(w), w->easy) : it->max_label);
	hw_raw(w, "</span></p>\n");
	input_open(w, it, error);
	hw_raw(w, " type=\"number\" inputmode=\"numeric\" min=\"0\" max=\"100\" step=\"1\""
	          " class=\"vas-number\" value=\"");
	if (an->kind == ANSWER_INT)
		hw_fmt(w, "%ld", an->ival);
	hw_raw(w, "\">\n</div>\n");
	hw_raw(w, "<p class=\"hint vas-hint\">");
	hw_ui_fmt(w, "item.integer_range", "min", "0", "max", "100", NULL);
	hw_raw(w, "</p>\n");
	no_value_choices(w, it, an);
	question_error(w, it, error);
}

/* A text field (inputmode decimal: a comma is fine, type=number would
 * refuse it in some browsers) with the unit after it. */
static void
render_number(struct hw *w, const struct form_item *it,
    const struct form_answer *an, const char *error, const char *cond_note, bool big)
{
	char lo[40], hi[40], val[40], n1[24];
	long v;

	input_label(w, it, cond_note, big);
	hw_raw(w, "<div class=\"number\">");
	input_open(w, it, error);
	hw_raw(w, it->decimals > 0 ? " type=\"text\" inputmode=\"decimal\"" : " type=\"text\" inputmode=\"numeric\"");
	hw_raw(w, " autocomplete=\"off\" size=\"12\" aria-describedby=\"qh-");
	hw_text(w, it->id);
	hw_raw(w, "\" value=\"");
	if (an->kind == ANSWER_TEXT && item_number_parse(it, an->text, &v)) {
		item_number_format(it, v, ',', val, sizeof val);
		hw_text(w, val);
	} else if (an->kind == ANSWER_TEXT) {
		hw_text(w, an->text);
	}
	hw_raw(w, "\">");
	if (it->unit) {
		hw_raw(w, "<span class=\"unit\">");
		hw_text(w, w->form ? form_item_unit(w->form, idx(w, it), tag_of(w), w->easy) : it->unit);
		hw_raw(w, "</span>");
	}
	hw_raw(w, "</div>\n");
	item_number_format(it, it->min, ',', lo, sizeof lo);
	item_number_format(it, it->max, ',', hi, sizeof hi);
	if (it->decimals > 0)
		hint_fmt(w, "qh-", it->id, it->decimals > 1 ? "item.decimal_range_many" : "item.decimal_range_one", "min", lo, "max", hi, "n",
		    num_s(it->decimals, n1), NULL);
	else
		hint_fmt(w, "qh-", it->id, "item.integer_range", "min", lo, "max", hi, NULL);
	no_value_choices(w, it, an);
	question_error(w, it, error);
}

/* A grid's column heading id: gh-GRID-v (1..5), -dk or -dc. */
static void
grid_head_id(struct hw *w, const struct form_grid *g, const char *col)
{
	hw_raw(w, "gh-");
	hw_text(w, g->id);
	hw_raw(w, "-");
	hw_raw(w, col);
}

/* One radio cell of a grid row: named by the statement and the column. */
static void
grid_cell(struct hw *w, const struct form_grid *g, const struct form_item *it,
    const char *value, const char *col, const char *label, bool checked)
{
	hw_raw(w, "<td><label class=\"gcell\"><input type=\"radio\" name=\"");
	hw_text(w, it->id);
	hw_raw(w, "\" value=\"");
	hw_text(w, value);
	hw_raw(w, "\" aria-labelledby=\"gs-");
	hw_text(w, it->id);
	hw_raw(w, " ");
	grid_head_id(w, g, col);
	hw_raw(w, checked ? "\" checked>" : "\">");
	/* The column's words beside the button where the table is stacked
	 * (narrow screens); the heading names it otherwise. */
	hw_raw(w, "<span class=\"gl\" aria-hidden=\"true\">");
	hw_text(w, label);
	hw_raw(w, "</span></label></td>");
}

/* A grid on a theme page: one table, a row per statement, the likert
 * labels as column headings. Opened by its first statement and closed by
 * its last, which are next to each other on the page (they share theme,
 * waves and show_if). */
static void
render_grid_row(struct hw *w, const struct form *f, size_t i,
    const struct form_answer *an, const char *error, const char *cond_note)
{
	const struct form_item *it = &f->items[i];
	const struct form_grid *g = &f->grids[it->grid - 1];
	bool first = i == g->first, last = i + 1 == g->first + g->n;
	char num[8], col[8];
	int ncols = 6 + it->dont_know + it->decline;

	if (first) {
		hw_raw(w, "<div class=\"item grid\" id=\"item-");
		hw_text(w, g->id);
		hw_raw(w, "\"");
		cond_attrs(w, f, it);
		hw_raw(w, ">\n<fieldset><legend><span class=\"qtext\">");
		hw_text(w, w->form ? form_grid_text(f, (size_t)(it->grid - 1), tag_of(w), w->easy) : g->sv);
		hw_raw(w, "</span>");
		if (it->required)
			required_mark(w);
		hw_raw(w, "</legend>\n");
		if (g->help_sv) {
			hw_raw(w, "<p class=\"help\">");
			hw_text(w, w->form ? form_grid_help(f, (size_t)(it->grid - 1), tag_of(w), w->easy) : g->help_sv);
			hw_raw(w, "</p>\n");
		}
		if (cond_note) {
			hw_raw(w, "<p class=\"cond\">");
			hw_text(w, cond_note);
			hw_raw(w, "</p>\n");
		}
		hw_raw(w, "<table class=\"gridtable\">\n<thead><tr><td></td>");
		for (int v = 1; v <= 5; v++) {
			(void)snprintf(col, sizeof col, "%d", v);
			hw_raw(w, "<th scope=\"col\" id=\"");
			grid_head_id(w, g, col);
			hw_raw(w, "\">");
			hw_text(w, likert(w, v));
			hw_raw(w, "</th>");
		}
		if (it->dont_know) {
			hw_raw(w, "<th scope=\"col\" class=\"dk\" id=\"");
			grid_head_id(w, g, "dk");
			hw_raw(w, "\">");
			hw_text(w, dont_know(w));
			hw_raw(w, "</th>");
		}
		if (it->decline) {
			hw_raw(w, "<th scope=\"col\" class=\"dk\" id=\"");
			grid_head_id(w, g, "dc");
			hw_raw(w, "\">");
			hw_text(w, decline(w));
			hw_raw(w, "</th>");
		}
		hw_raw(w, "</tr></thead>\n<tbody>\n");
	}
	hw_raw(w, "<tr class=\"grow");
	if (error)
		hw_raw(w, " has-error");
	hw_raw(w, "\" id=\"item-");
	hw_text(w, it->id);
	hw_raw(w, "\"><th scope=\"row\" id=\"gs-");
	hw_text(w, it->id);
	hw_raw(w, "\">");
	hw_text(w, item_text(w, it));
	hw_raw(w, "</th>");
	for (int v = 1; v <= 5; v++) {
		(void)snprintf(num, sizeof num, "%d", v);
		grid_cell(w, g, it, num, num, likert(w, v),
		    an->kind == ANSWER_INT && an->ival == v);
	}
	if (it->dont_know)
		grid_cell(w, g, it, COLLECT_DK_VALUE, "dk", dont_know(w),
		    an->kind == ANSWER_DONT_KNOW);
	if (it->decline)
		grid_cell(w, g, it, COLLECT_DECLINE_VALUE, "dc", decline(w),
		    an->kind == ANSWER_DECLINE);
	hw_raw(w, "</tr>\n");
	if (error) {
		hw_fmt(w, "<tr class=\"gerr\"><td colspan=\"%d\">", ncols);
		question_error(w, it, error);
		hw_raw(w, "</td></tr>\n");
	}
	if (last)
		hw_raw(w, "</tbody></table>\n</fieldset>\n</div>\n");
}

void
render_item(struct hw *w, const struct form *f, size_t i,
    const struct form_answer *an, const char *error, const char *cond_note,
    bool big)
{
	const struct form_item *it = &f->items[i];

	if (it->grid && !big) {
		render_grid_row(w, f, i, an, error, cond_note);
		return;
	}
	hw_raw(w, "<div class=\"item");
	/* On theme pages (not the one-question tablet pages) a likert item may
	 * lay its answers out in one row on a wide screen (uppfolj.css). */
	if (it->type == ITEM_LIKERT5 && !big)
		hw_raw(w, " likert");
	if (error)
		hw_raw(w, " has-error");
	hw_raw(w, "\" id=\"item-");
	hw_text(w, it->id);
	hw_raw(w, "\"");
	cond_attrs(w, f, it);
	hw_raw(w, ">\n");
	if (it->grid) {
		/* One statement per screen: the shared question first. */
		hw_raw(w, "<p class=\"grid-stem\">");
		hw_text(w, w->form ? form_grid_text(f, (size_t)(it->grid - 1), tag_of(w), w->easy) : f->grids[it->grid - 1].sv);
		hw_raw(w, "</p>\n");
	}

	audio_item(w, f, i, w->lang ? lang_tag(w->lang) : NULL, w->easy);
	/* Each type's renderer; no default, so a new type is a compile error
	 * here until it has one. */
	switch (it->type) {
	case ITEM_LIKERT5:
	case ITEM_SINGLE:
	case ITEM_MULTI:
		render_choices(w, it, an, error, cond_note, big);
		break;
	case ITEM_TEXT:
		render_text(w, it, an, error, cond_note, big);
		break;
	case ITEM_INTEGER:
		render_integer(w, it, an, error, cond_note, big);
		break;
	case ITEM_DATE:
		render_date(w, it, an, error, cond_note, big);
		break;
	case ITEM_VAS:
		render_vas(w, it, an, error, cond_note, big);
		break;
	case ITEM_NUMBER:
		render_number(w, it, an, error, cond_note, big);
		break;
	case ITEM_TYPE__MAX:
		break;
	}
	hw_raw(w, "</div>\n");
}

void
render_answer_text(struct hw *w, const struct form *f, size_t i,
    const struct form_answer *an)
{
	const struct form_item *it = &f->items[i];
	switch (an->kind) {
	case ANSWER_NONE:
		hw_raw(w, "<span class=\"none\">");
		hw_ui(w, w->lang, "item.not_answered");
		hw_raw(w, "</span>");
		break;
	case ANSWER_DONT_KNOW:
		hw_text(w, dont_know(w));
		break;
	case ANSWER_DECLINE:
		hw_text(w, decline(w));
		break;
	case ANSWER_INT:
		if (it->type == ITEM_LIKERT5)
			hw_text(w, likert(w, (int)an->ival));
		else
			hw_fmt(w, "%ld", an->ival);
		break;
	case ANSWER_TEXT:
		if (it->type == ITEM_NUMBER) {
			char val[40];
			long v;
			if (item_number_parse(it, an->text, &v)) {
				item_number_format(it, v, ',', val, sizeof val);
				hw_text(w, val);
				if (it->unit) {
					hw_raw(w, " ");
					hw_text(w, w->form ? form_item_unit(w->form, i, tag_of(w), w->easy) : it->unit);
				}
				break;
			}
		}
		hw_raw(w, "<span class=\"text\">");
		hw_text(w, it->type == ITEM_SINGLE ? option_label(w, it, an->text) : an->text);
		hw_raw(w, "</span>");
		break;
	case ANSWER_CHOICES:
		for (size_t k = 0; k < an->nchoices; k++) {
			if (k)
				hw_raw(w, ", ");
			hw_text(w, option_label(w, it, an->choices[k]));
		}
		break;
	case ANSWER_KIND__MAX:
		break;
	}
}

const char *
render_cond_note(struct arena *a, const struct lang *l, const struct form *f,
    size_t i)
{
	const struct form_item *it = &f->items[i];
	const struct form_item *src;
	struct buf b, vals;
	const char *out = NULL;
	char n1[24];
	uf_err e = UF_OK;
	struct hw lw = { .lang = l, .form = f }; /* for the labels */
	const char *question;

	if (!it->has_cond)
		return NULL;
	src = &f->items[it->cond.item];
	question = item_text(&lw, src);
	buf_init(&b, 4096);
	buf_init(&vals, 4096);
	if (it->cond.op == COND_MIN && src->type == ITEM_LIKERT5) {
		e = lang_fill_buf(&b, ui_str(l, "cond.min_label"), "label",
		    likert(&lw, (int)it->cond.min), "question", question, NULL);
	} else if (it->cond.op == COND_MIN) {
		e = lang_fill_buf(&b, ui_str(l, "cond.min_number"), "n", num_s(it->cond.min, n1),
		    "question", question, NULL);
	} else {
		for (size_t k = 0; e == UF_OK && k < it->cond.nvalues; k++) {
			const char *v = it->cond.values[k];
			const char *label = v;
			if (src->type == ITEM_LIKERT5 && v[0] >= '1' && v[0] <= '5' && !v[1])
				label = likert(&lw, v[0] - '0');
			else if (src->type == ITEM_SINGLE || src->type == ITEM_MULTI)
				label = option_label(&lw, src, v);
			if (k)
				e = buf_adds(&vals, ui_str(l, k + 1 == it->cond.nvalues ? "cond.or" : "cond.comma"));
			if (e == UF_OK)
				e = lang_fill_buf(&vals, ui_str(l, "cond.value"), "value", label, NULL);
		}
		if (e == UF_OK)
			e = lang_fill_buf(&b, ui_str(l, "cond.values"), "values", buf_str(&vals),
			    "question", question, NULL);
	}
	if (e == UF_OK)
		out = arena_strdup(a, buf_str(&b));
	buf_free(&vals);
	buf_free(&b);
	return out;
}
