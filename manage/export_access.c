/* SPDX-License-Identifier: ISC
 * A participant's access request: their own answers in every wave, with
 * the question texts and readable values, as JSON (the PDF is
 * manage/accesspdf's). Values come from the database's answer_value().
 */
#include <stdlib.h>
#include <string.h>

#include "db_manage.h"
#include "export.h"
#include "export_model.h"
#include "form.h"
#include "num.h"
#include "study.h"

/* The label of option code `code` of an item, or NULL. */
static const char *
option_label(const struct form_item *it, const char *code)
{
	size_t i;

	for (i = 0; i < it->noptions; i++)
		if (strcmp(it->options[i].code, code) == 0)
			return it->options[i].sv;
	return NULL;
}

/* --- access request -------------------------------------------------------- */

/* A readable value for one answer: option labels for choices, the likert
 * label after the number, the dont-know and decline labels. */
static uf_err
readable(const struct form_item *it, const char *v, struct buf *out)
{
	const char *p, *semi, *label;
	char code[64];
	size_t n;
	long k;
	uf_err e = UF_OK;

	if (strcmp(v, EXPORT_DONT_KNOW) == 0)
		return buf_add_json_str(out, form_dont_know_label());
	if (strcmp(v, EXPORT_DECLINED) == 0)
		return buf_add_json_str(out, form_decline_label());
	if (it == NULL)
		return buf_add_json_str(out, v);
	if (it->type == ITEM_LIKERT5) {
		if (num_long(v, 1, 5, &k)) {
			struct buf t;
			buf_init(&t, 256);
			e = buf_printf(&t, "%ld (%s)", k, form_likert_label((int)k));
			if (e == UF_OK)
				e = buf_add_json_str(out, buf_str(&t));
			buf_free(&t);
			return e;
		}
	}
	if (it->type != ITEM_SINGLE && it->type != ITEM_MULTI)
		return buf_add_json_str(out, v);
	/* Choices joined with ';' (answer_value) become labels joined with "; ". */
	{
		struct buf t;
		buf_init(&t, 16 * 1024);
		for (p = v; e == UF_OK && *p != '\0'; p = *semi ? semi + 1 : semi) {
			semi = strchr(p, ';');
			if (semi == NULL)
				semi = p + strlen(p);
			n = (size_t)(semi - p);
			if (n >= sizeof(code))
				n = sizeof(code) - 1;
			memcpy(code, p, n);
			code[n] = '\0';
			label = option_label(it, code);
			e = buf_printf(&t, "%s%s", t.len > 0 ? "; " : "",
			    label != NULL ? label : code);
		}
		if (e == UF_OK)
			e = buf_add_json_str(out, buf_str(&t));
		buf_free(&t);
	}
	return e;
}

/* Append `"key":` + JSON string (or null). */
static uf_err
json_kv(struct buf *b, const char *key, const char *v, bool comma)
{
	uf_err e;

	if ((e = buf_printf(b, "%s\"%s\":", comma ? "," : "", key)) != UF_OK)
		return e;
	return v != NULL ? buf_add_json_str(b, v) : buf_adds(b, "null");
}

/* The "waves" array from the rows. */
static uf_err
access_waves(const struct m_access_rows *l, const struct forms *fs,
    struct buf *b)
{
	const struct form *f = NULL;
	const struct m_access_row *r, *prev = NULL;
	long idx;
	int i;
	bool first_answer = true;
	uf_err e;

	if ((e = buf_adds(b, ",\"waves\":[")) != UF_OK)
		return e;
	for (i = 0; i < l->n && e == UF_OK; i++) {
		r = &l->row[i];
		if (prev == NULL || prev->months != r->months) {
			if (prev != NULL && (e = buf_adds(b, "]},")) != UF_OK)
				break;
			prev = r;
			first_answer = true;
			f = r->instrument_id != NULL ?
			    forms_find(fs, r->instrument_id, r->version) :
			    NULL;
			if ((e = buf_printf(b, "{\"months\":%d", r->months)) != UF_OK ||
			    (e = json_kv(b, "consent", r->decision, true)) != UF_OK ||
			    (e = json_kv(b, "consent_at", r->decided_at, true)) != UF_OK ||
			    (e = json_kv(b, "questionnaire", f != NULL ? f->title_sv : r->instrument_id, true)) != UF_OK ||
			    (e = json_kv(b, "status", r->status, true)) != UF_OK ||
			    (e = json_kv(b, "submitted_at", r->submitted_at, true)) != UF_OK ||
			    (e = buf_adds(b, ",\"answers\":[")) != UF_OK)
				break;
		}
		if (r->item_id == NULL)
			continue;
		idx = f != NULL ? form_item_index(f, r->item_id) : -1;
		if ((e = buf_adds(b, first_answer ? "{" : ",{")) != UF_OK ||
		    (e = json_kv(b, "item", r->item_id, false)) != UF_OK ||
		    (e = json_kv(b, "question", idx >= 0 ? f->items[idx].sv : NULL,
		         true)) != UF_OK ||
		    (e = buf_adds(b, ",\"answer\":")) != UF_OK ||
		    (e = readable(idx >= 0 ? &f->items[idx] : NULL, r->value, b)) != UF_OK ||
		    (e = buf_adds(b, "}")) != UF_OK)
			break;
		first_answer = false;
	}
	if (e == UF_OK)
		e = buf_adds(b, prev != NULL ? "]}]" : "]");
	return e;
}

uf_err
export_access(struct db *db, long long participant, const char *actor,
    struct buf *out, struct manage_error *err)
{
	struct m_access_rows r = { 0 };
	struct m_participant p;
	struct forms fs;
	bool found;
	long long sid;
	uf_err e;

	memset(&fs, 0, sizeof(fs));
	if ((e = db_m_participant_get(db, participant, &p, &found)) != UF_OK)
		goto out;
	if (!found) {
		manage_fail(err, "participant", "Deltagaren finns inte (redan raderad?).");
		e = UF_ENOTFOUND;
		goto out;
	}
	if ((e = study_resolve(db, p.study, &sid, err)) != UF_OK ||
	    (e = forms_load(db, sid, &fs)) != UF_OK ||
	    (e = db_m_access_rows(db, participant, &r)) != UF_OK)
		goto out;
	if ((e = buf_adds(out, "{")) != UF_OK ||
	    (e = json_kv(out, "panel_id", p.panel_id, false)) != UF_OK ||
	    (e = json_kv(out, "group", group_id(p.grp), true)) != UF_OK ||
	    (e = json_kv(out, "unit", p.report_label, true)) != UF_OK ||
	    (e = access_waves(&r, &fs, out)) != UF_OK ||
	    (e = buf_adds(out, "}\n")) != UF_OK)
		goto out;
	e = db_m_audit(db, actor, "export.access", NULL, NULL);
out:
	forms_free(&fs);
	m_access_rows_free(&r);
	return e;
}
