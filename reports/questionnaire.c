/* SPDX-License-Identifier: ISC
 * The printable questionnaire (questionnaire.h): every item of one
 * instrument version with its options as tick boxes and its conditions in
 * plain Swedish. All text goes through pdf.c, which wraps and embeds UTF-8;
 * nothing here reads the database or writes anything but the PDF.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "item_types.h"
#include "questionnaire.h"

/* Text written while laying out one item (question, notes): bounded. */
#define Q_TEXT_MAX 8192

/* "4 (Stämmer ganska bra)" for likert5, the option's text for a choice,
 * the number itself for an integer. */
static const char *
value_words(const struct form_item *ref, const char *value, char *tmp, size_t n)
{
	switch (ref->type) {
	case ITEM_SINGLE:
	case ITEM_MULTI:
		for (size_t k = 0; k < ref->noptions; k++)
			if (strcmp(ref->options[k].code, value) == 0)
				return ref->options[k].sv;
		return value;
	case ITEM_LIKERT5:
		if (strlen(value) == 1 && value[0] >= '1' && value[0] <= '5' &&
		    snprintf(tmp, n, "%s (%s)", value, form_likert_label(value[0] - '0')) > 0)
			return tmp;
		return value;
	case ITEM_TEXT:
	case ITEM_INTEGER:
	case ITEM_DATE:
	case ITEM_VAS:
	case ITEM_NUMBER:
	case ITEM_TYPE__MAX:
		break;
	}
	return value;
}

/* "Besvaras bara om fråga 3 är ”Ja” eller ”Delvis”." */
static uf_err
condition_words(const struct form *f, const struct form_item *it,
    const size_t *number, struct buf *b)
{
	const struct form_cond *cd = &it->cond;
	const struct form_item *ref = &f->items[cd->item];
	size_t q = number[cd->item];
	char tmp[160];
	uf_err e = UF_OK;

	switch (cd->op) {
	case COND_EQUALS:
	case COND_IN:
		CK(buf_printf(b, "Besvaras bara om svaret på fråga %zu är ", q));
		for (size_t k = 0; k < cd->nvalues; k++)
			CK(buf_printf(b, "%s”%s”", k == 0 ? "" : k + 1 == cd->nvalues ? " eller " :
			                                                                ", ",
			    value_words(ref, cd->values[k], tmp, sizeof tmp)));
		CK(buf_adds(b, "."));
		break;
	case COND_INCLUDES:
		CK(buf_printf(b, "Besvaras bara om ”%s” är ikryssat i fråga %zu.",
		    cd->nvalues ? value_words(ref, cd->values[0], tmp, sizeof tmp) : "",
		    q));
		break;
	case COND_MIN:
		if (ref->type == ITEM_LIKERT5 && cd->min >= 1 && cd->min <= 5)
			CK(buf_printf(b, "Besvaras bara om svaret på fråga %zu är %ld "
			                 "(%s) eller högre.",
			    q, cd->min, form_likert_label((int)cd->min)));
		else
			CK(buf_printf(b, "Besvaras bara om svaret på fråga %zu är minst "
			                 "%ld.",
			    q, cd->min));
		break;
	case COND_OP__MAX:
		break;
	}
out:
	return e;
}

/* "12, 24 och 36" of the months in mask (bit i: f->waves[i]). */
static uf_err
months_words(const struct form *f, unsigned mask, struct buf *b)
{
	size_t n = 0, total = 0;
	uf_err e = UF_OK;

	for (size_t w = 0; w < f->nwaves; w++)
		total += (mask >> w) & 1u;
	for (size_t w = 0; w < f->nwaves; w++) {
		if (!((mask >> w) & 1u))
			continue;
		n++;
		CK(buf_printf(b, "%s%d", n == 1 ? "" : n == total ? " och " :
		                                                    ", ",
		    f->waves[w]));
	}
out:
	return e;
}

/* The answer part of one item. */
/* "ett tal från 0,0 till 24,0 timmar": a number item's range as printed
 * (its bounds are stored in units of 10^-decimals). */
static uf_err
number_range_words(const struct form_item *it, char *out, size_t n)
{
	char lo[32], hi[32];

	item_number_format(it, it->min, ',', lo, sizeof lo);
	item_number_format(it, it->max, ',', hi, sizeof hi);
	if (snprintf(out, n, "ett tal från %s till %s%s%s", lo, hi,
	        it->unit != NULL ? " " : "", it->unit != NULL ? it->unit : "") < 0)
		return UF_EINTERNAL;
	return UF_OK;
}

static uf_err
item_answers(struct pdf *p, const struct form_item *it)
{
	const char *labels[FORM_MAX_OPTIONS + 7];
	size_t n = 0;
	char range[96];
	uf_err e = UF_OK;

	if (it->type == ITEM_MULTI)
		CK(pdf_question_note(p, "Kryssa i alla som stämmer."));
	switch (it->type) {
	case ITEM_LIKERT5:
		for (int v = 1; v <= 5; v++)
			labels[n++] = form_likert_label(v);
		if (it->dont_know)
			labels[n++] = form_dont_know_label();
		if (it->decline)
			labels[n++] = form_decline_label();
		return pdf_tick_row(p, labels, n);
	case ITEM_MULTI:
	case ITEM_SINGLE:
		for (size_t k = 0; k < it->noptions; k++)
			labels[n++] = it->options[k].sv;
		break;
	case ITEM_TEXT:
		CK(pdf_write_lines(p, it->max_length > 400 ? 5 : 3));
		break;
	case ITEM_INTEGER:
		if (snprintf(range, sizeof range, "ett heltal från %ld till %ld",
		        it->min, it->max) < 0)
			range[0] = '\0';
		CK(pdf_write_box(p, 80, range));
		break;
	case ITEM_DATE:
		CK(pdf_write_box(p, 110, "ÅÅÅÅ-MM-DD"));
		break;
	case ITEM_VAS:
		/* On paper the scale is its two ends and a number to write. */
		if (snprintf(range, sizeof range, "ett tal från 0 (%s) till 100 (%s)",
		        it->min_label != NULL ? it->min_label : "lägst",
		        it->max_label != NULL ? it->max_label : "högst") < 0)
			range[0] = '\0';
		CK(pdf_write_box(p, 80, range));
		break;
	case ITEM_NUMBER:
		CK(number_range_words(it, range, sizeof range));
		CK(pdf_write_box(p, 80, range));
		break;
	case ITEM_TYPE__MAX:
		break;
	}
	if (it->dont_know)
		labels[n++] = form_dont_know_label();
	if (it->decline)
		labels[n++] = form_decline_label();
	if (n > 0)
		CK(pdf_tick_list(p, labels, n));
out:
	return e;
}

/* Points an item's answer part needs, to keep it with its question. */
static double
answers_height(const struct form_item *it)
{
	switch (it->type) {
	case ITEM_LIKERT5:
		return 50;
	case ITEM_SINGLE:
	case ITEM_MULTI:
		return 18.0 * (double)(it->noptions < 6 ? it->noptions : 6);
	case ITEM_TEXT:
		return 72;
	case ITEM_INTEGER:
	case ITEM_DATE:
	case ITEM_VAS:
	case ITEM_NUMBER:
		return 32;
	case ITEM_TYPE__MAX:
		break;
	}
	return 0;
}

static uf_err
write_item(struct pdf *p, const struct form *f, size_t i, const size_t *number,
    unsigned all_waves, struct buf *b)
{
	const struct form_item *it = &f->items[i];
	char num[16];
	uf_err e = UF_OK;

	if (snprintf(num, sizeof num, "%zu.", number[i]) < 0)
		num[0] = '\0';
	buf_reset(b);
	CK(buf_adds(b, it->sv));
	if (it->required)
		CK(buf_adds(b, " *"));
	CK(pdf_question(p, num, buf_str(b), answers_height(it)));
	if (it->help_sv != NULL)
		CK(pdf_question_note(p, it->help_sv));
	if (it->has_cond) {
		buf_reset(b);
		CK(condition_words(f, it, number, b));
		CK(pdf_question_note(p, buf_str(b)));
	}
	if (it->wave_mask != all_waves) {
		buf_reset(b);
		CK(buf_adds(b, "Ställs bara vid "));
		CK(months_words(f, it->wave_mask, b));
		CK(buf_adds(b, " månader."));
		CK(pdf_question_note(p, buf_str(b)));
	}
	CK(item_answers(p, it));
out:
	return e;
}

uf_err
questionnaire_write(struct pdf *p, const struct form *f, const char *bilaga)
{
	struct buf b;
	size_t number[FORM_MAX_ITEMS];
	unsigned all_waves = f->nwaves >= 32 ? ~0u : (1u << f->nwaves) - 1;
	uf_err e = UF_OK;
	size_t theme = (size_t)-1;
	bool any_required = false, any_cond = false;

	buf_init(&b, Q_TEXT_MAX);
	for (size_t i = 0; i < f->nitems && i < FORM_MAX_ITEMS; i++) {
		number[i] = i + 1;
		any_required |= f->items[i].required;
		any_cond |= f->items[i].has_cond;
	}
	if (bilaga != NULL)
		CK(buf_printf(&b, "%s. %s", bilaga, f->title_sv));
	else
		CK(buf_adds(&b, f->title_sv));
	CK(pdf_heading(p, 1, buf_str(&b)));
	buf_reset(&b);
	CK(buf_printf(&b, "Frågeformulär %s, version %d (%s). Besvaras ",
	    f->id, f->version, group_title(f->group)));
	CK(buf_adds(&b, f->nwaves == 1 ? "vid " : "vid mätningarna "));
	CK(months_words(f, all_waves, &b));
	CK(buf_adds(&b, " månader efter projektstart."));
	CK(pdf_note(p, buf_str(&b)));
	if (f->intro_sv != NULL)
		CK(pdf_paragraph(p, f->intro_sv));
	buf_reset(&b);
	CK(buf_adds(&b, "Så fyller du i på papper: sätt ett kryss i rutan för det "
	                "svar som stämmer bäst, ett kryss per fråga om inte frågan säger något "
	                "annat. Skriv tydligt på raderna där du svarar med egna ord."));
	if (any_required)
		CK(buf_adds(&b, " Frågor märkta med * ska besvaras."));
	if (any_cond)
		CK(buf_adds(&b, " Vissa frågor besvaras bara efter ett visst svar "
		                "på en tidigare fråga; det står under frågan."));
	CK(pdf_paragraph(p, buf_str(&b)));
	for (size_t i = 0; i < f->nitems && i < FORM_MAX_ITEMS; i++) {
		if (f->items[i].theme != theme && f->items[i].theme < f->nthemes) {
			theme = f->items[i].theme;
			if (f->nthemes > 1)
				CK(pdf_heading(p, 3, f->themes[theme].sv));
		}
		CK(write_item(p, f, i, number, all_waves, &b));
	}
	CK(pdf_space(p, 10));
	CK(pdf_note(p, "Tack för dina svar!"));
out:
	buf_free(&b);
	return e;
}

uf_err
questionnaire_pdf(const struct form *f, const char *bilaga, const char *font_dir,
    const char *path, char *err, size_t errlen)
{
	struct pdf *p = NULL;
	char footer[160], title[300];
	uf_err e;

	if ((e = pdf_new(font_dir, &p, err, errlen)) != UF_OK)
		return e;
	if (snprintf(footer, sizeof footer, "Frågeformulär %s, version %d%s%s",
	        f->id, f->version, bilaga ? " · " : "", bilaga ? bilaga : "") < 0)
		footer[0] = '\0';
	if (snprintf(title, sizeof title, "%s", f->title_sv) < 0)
		title[0] = '\0';
	if ((e = pdf_set_info(p, title, footer)) == UF_OK &&
	    (e = questionnaire_write(p, f, bilaga)) == UF_OK)
		e = pdf_finish(p, footer, path);
	if (e != UF_OK && errlen && snprintf(err, errlen, "cannot write %s (%s)", path, pdf_error(p)) < 0)
		err[0] = '\0';
	pdf_free(p);
	return e;
}
