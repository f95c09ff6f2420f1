/* SPDX-License-Identifier: ISC
 * Qualitative coding operations (qual.h): validation, one transaction per
 * operation, the tree's history events and audit rows, and the agreement
 * of a double-coding set. The audit log names objects by id, never a
 * respondent's words or a code's name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_manage.h"
#include "group.h"
#include "qual.h"
#include "qual_text.h"
#include "utf8.h"

static const char *const unit_kinds[] = { "heldygnsvard", "boendestod",
	"traffpunkt", "stodboende", "other" };

static bool
one_of(const char *s, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

static bool
digits(const char *s, size_t max)
{
	size_t i;

	if (s == NULL || s[0] == '\0' || strlen(s) > max || s[0] == '0')
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* An audit row "qual.<what>" about "<kind>:<id>". */
static uf_err
audit(struct db *db, const char *actor, const char *action, const char *kind,
    long long id)
{
	char obj[48];
	int w = snprintf(obj, sizeof obj, "%s:%lld", kind, id);

	if (w < 0 || (size_t)w >= sizeof obj)
		return UF_EINTERNAL;
	return db_m_audit(db, actor, action, obj, NULL);
}

uf_err
qual_doc_list(struct db *db, long long study, const struct qual_filter *f,
    long long viewer, struct db_res **out, struct manage_error *err)
{
	enum respondent_group g;
	bool open = false;
	uf_err e = UF_EINVAL;

	*out = NULL;
	manage_error_clear(err);
	if ((f->months != NULL && !digits(f->months, 3)) ||
	    (f->grp != NULL && !group_parse(f->grp, &g)) ||
	    (f->unit_kind != NULL && !one_of(f->unit_kind, unit_kinds, 5)) ||
	    (f->code != NULL && !digits(f->code, 18))) {
		manage_fail(err, "filter", "Filtret känns inte igen. Välj i listorna.");
		goto out;
	}
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = db_q_sync(db, study)) != UF_OK ||
	    (e = db_q_doc_list(db, study, f->months, f->grp, f->unit_kind, f->code,
	         viewer, out)) != UF_OK)
		goto out;
	e = db_commit(db);
	open = false;
out:
	if (open)
		db_rollback(db);
	if (e != UF_OK) {
		db_res_free(*out);
		*out = NULL;
	}
	return e;
}

uf_err
qual_transcript_add(struct db *db, long long study, int months,
    const char *grp, const char *panel, const char *title, const char *body,
    size_t len, long long user, const char *actor, long long *id,
    struct manage_error *err)
{
	enum qual_body_check bc;
	bool open = false;
	char *copy = NULL;
	enum respondent_group g;
	uf_err e = UF_EINVAL;

	*id = 0;
	manage_error_clear(err);
	if ((bc = qual_body_check(body, len)) != QUAL_BODY_OK) {
		manage_fail(err, "body", "%s", qual_body_message(bc));
		e = bc == QUAL_BODY_TOO_BIG ? UF_ELIMIT : UF_EINVAL;
		goto out;
	}
	if (title == NULL || !manage_text_ok(title, QUAL_NAME_MAX)) {
		manage_fail(err, "title", "Ge texten en rubrik (1–%d tecken).", QUAL_NAME_MAX);
		goto out;
	}
	if (!group_parse(grp, &g)) {
		manage_fail(err, "grp", "Välj en svarsgrupp.");
		goto out;
	}
	if (months < 1 || months > 120) {
		manage_fail(err, "wave", "Välj en omgång.");
		goto out;
	}
	/* body need not end in NUL (a file's bytes); CR LF (Windows files,
	 * browsers' text areas) becomes LF so that offsets mean the same
	 * text everywhere. */
	if ((copy = malloc(len + 1)) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (size_t i = 0, j = 0; i <= len; i++) {
		if (i == len)
			copy[j] = '\0';
		else if (!(body[i] == '\r' && i + 1 < len && body[i + 1] == '\n'))
			copy[j++] = body[i];
	}
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = db_q_transcript_insert(db, study, months, grp, panel, title, copy,
	         user, id)) != UF_OK)
		goto out;
	if (*id == 0) {
		manage_fail(err, panel != NULL ? "panel_id" : "wave", panel != NULL ? "Ingen deltagare i den gruppen har det id:t, eller så finns inte omgången." : "Studien har ingen sådan omgång.");
		e = UF_ENOTFOUND;
		goto out;
	}
	if ((e = audit(db, actor, "qual.transcript_add", "document", *id)) != UF_OK)
		goto out;
	e = db_commit(db);
	open = false;
out:
	if (open)
		db_rollback(db);
	if (e != UF_OK)
		*id = 0;
	free(copy);
	return e;
}

uf_err
qual_unit_add(struct db *db, long long study, long long document,
    long start, long end, const char *condensation, long long code,
    long long coder, long long *id, struct manage_error *err)
{
	bool open = false;
	uf_err e = UF_EINVAL;

	*id = 0;
	manage_error_clear(err);
	if (start < 0 || end <= start || end > QUAL_BODY_CHARS_MAX) {
		manage_fail(err, "span", "Markera en del av texten (minst ett tecken).");
		goto out;
	}
	if (condensation != NULL && condensation[0] != '\0' &&
	    (!utf8_text_ok(condensation, strlen(condensation)) ||
	        utf8_chars(condensation, strlen(condensation)) > QUAL_COND_MAX)) {
		manage_fail(err, "condensation", "Kondenseringen får vara högst %d tecken.",
		    QUAL_COND_MAX);
		goto out;
	}
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = db_q_unit_insert(db, study, document, start, end, condensation, code,
	         coder, NULL, id)) != UF_OK)
		goto out;
	if (*id == 0) {
		manage_fail(err, "span", "Texten, markeringen eller koden finns inte "
		                         "(har någon ändrat den?).");
		e = UF_ENOTFOUND;
		goto out;
	}
	e = db_commit(db);
	open = false;
out:
	if (open)
		db_rollback(db);
	if (e != UF_OK)
		*id = 0;
	return e;
}

uf_err
qual_unit_remove(struct db *db, long long unit, long long coder,
    long long *document, struct manage_error *err)
{
	bool open = false;
	uf_err e;

	manage_error_clear(err);
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = db_q_unit_delete(db, unit, coder, document)) != UF_OK)
		goto out;
	if (*document == 0) {
		manage_fail(err, "unit", "Du kan bara ta bort dina egna meningsbärande enheter.");
		e = UF_ENOTFOUND;
		goto out;
	}
	e = db_commit(db);
	open = false;
out:
	if (open)
		db_rollback(db);
	return e;
}

/* A code of study: level, parent and name into the caller's buffers. */
static uf_err
code_get(struct db *db, long long study, long long code, long *level,
    long long *parent, char *name, size_t namesz, struct manage_error *err)
{
	struct db_res *r = NULL;
	uf_err e;

	if ((e = db_q_code_get(db, study, code, &r)) != UF_OK)
		goto out;
	if (db_res_rows(r) == 0) {
		manage_fail(err, "code", "Koden finns inte (har någon slagit ihop den?).");
		e = UF_ENOTFOUND;
		goto out;
	}
	long long l;
	if ((e = db_res_long(r, 0, QC_LEVEL, &l)) != UF_OK ||
	    (e = db_res_long(r, 0, QC_PARENT, parent)) != UF_OK)
		goto out;
	*level = (long)l;
	if (name != NULL && snprintf(name, namesz, "%s", db_res_get(r, 0, QC_NAME)) >= (int)namesz)
		e = UF_EINTERNAL;
out:
	db_res_free(r);
	return e;
}

static bool
code_name_ok(const char *name, struct manage_error *err)
{
	if (name == NULL || !manage_text_ok(name, QUAL_NAME_MAX)) {
		manage_fail(err, "name", "Namnet ska vara 1–%d tecken, utan radbrytningar.",
		    QUAL_NAME_MAX);
		return false;
	}
	return true;
}

uf_err
qual_code_add(struct db *db, long long study, long long parent,
    const char *name, const char *actor, long long *id,
    struct manage_error *err)
{
	long level = 0;
	long long grand;
	bool open = false;
	uf_err e = UF_EINVAL;

	*id = 0;
	manage_error_clear(err);
	if (!code_name_ok(name, err))
		goto out;
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if (parent != 0 && (e = code_get(db, study, parent, &level, &grand, NULL, 0, err)) != UF_OK)
		goto out;
	if (level >= 3) {
		manage_fail(err, "parent", "En kod kan inte ha underkoder: trädet har tre "
		                           "nivåer (kategori, subkategori, kod).");
		e = UF_EINVAL;
		goto out;
	}
	if ((e = db_q_code_insert(db, study, parent, (int)level + 1, name, id)) != UF_OK)
		goto out;
	if (*id == 0) {
		manage_fail(err, "name", "Det finns redan en kod med det namnet på samma ställe.");
		e = UF_ECONFLICT;
		goto out;
	}
	if ((e = db_q_event(db, study, "create", *id, NULL, name, 0, parent, 0,
	         actor)) != UF_OK)
		goto out;
	e = db_commit(db);
	open = false;
out:
	if (open)
		db_rollback(db);
	if (e != UF_OK)
		*id = 0;
	return e;
}

uf_err
qual_code_rename(struct db *db, long long study, long long code,
    const char *name, const char *actor, struct manage_error *err)
{
	char old[QUAL_NAME_MAX * 4 + 1];
	long level;
	long long parent;
	bool open = false, done;
	uf_err e = UF_EINVAL;

	manage_error_clear(err);
	if (!code_name_ok(name, err))
		goto out;
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = code_get(db, study, code, &level, &parent, old, sizeof old, err)) != UF_OK)
		goto out;
	e = db_q_code_rename(db, study, code, name, &done);
	if (e == UF_ECONFLICT)
		manage_fail(err, "name", "Det finns redan en kod med det namnet på samma ställe.");
	if (e != UF_OK)
		goto out;
	if ((e = db_q_event(db, study, "rename", code, old, name, parent, parent, 0,
	         actor)) != UF_OK)
		goto out;
	e = db_commit(db);
	open = false;
out:
	if (open)
		db_rollback(db);
	return e;
}

uf_err
qual_code_move(struct db *db, long long study, long long code,
    long long parent, const char *actor, struct manage_error *err)
{
	char name[QUAL_NAME_MAX * 4 + 1];
	long level, plevel;
	long long old_parent, pp;
	bool open = false, done;
	uf_err e;

	manage_error_clear(err);
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = code_get(db, study, code, &level, &old_parent, name, sizeof name,
	         err)) != UF_OK ||
	    (e = code_get(db, study, parent, &plevel, &pp, NULL, 0, err)) != UF_OK)
		goto out;
	if (plevel != level - 1) {
		manage_fail(err, "parent", "Flytta en subkategori till en kategori och en "
		                           "kod till en subkategori.");
		e = UF_EINVAL;
		goto out;
	}
	e = db_q_code_move(db, study, code, parent, &done);
	if (e == UF_ECONFLICT)
		manage_fail(err, "parent", "Där finns redan en kod med samma namn. Slå ihop "
		                           "dem i stället.");
	if (e != UF_OK)
		goto out;
	if ((e = db_q_event(db, study, "move", code, name, name, old_parent, parent, 0,
	         actor)) != UF_OK)
		goto out;
	e = db_commit(db);
	open = false;
out:
	if (open)
		db_rollback(db);
	return e;
}

uf_err
qual_code_merge(struct db *db, long long study, long long from,
    long long into, const char *actor, struct manage_error *err)
{
	char fname[QUAL_NAME_MAX * 4 + 1], iname[QUAL_NAME_MAX * 4 + 1];
	long fl, il;
	long long fp, ip;
	bool open = false;
	uf_err e = UF_EINVAL;

	manage_error_clear(err);
	if (from == into) {
		manage_fail(err, "into", "Välj två olika koder att slå ihop.");
		goto out;
	}
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = code_get(db, study, from, &fl, &fp, fname, sizeof fname, err)) != UF_OK ||
	    (e = code_get(db, study, into, &il, &ip, iname, sizeof iname, err)) != UF_OK)
		goto out;
	if (fl != il) {
		manage_fail(err, "into", "Bara koder på samma nivå kan slås ihop.");
		e = UF_EINVAL;
		goto out;
	}
	e = db_q_code_merge(db, study, from, into);
	if (e == UF_ECONFLICT)
		manage_fail(err, "into", "Båda har en underkod med samma namn. Byt namn på "
		                         "den ena först.");
	if (e != UF_OK)
		goto out;
	if ((e = db_q_event(db, study, "merge", from, fname, iname, fp, ip, into,
	         actor)) != UF_OK)
		goto out;
	e = db_commit(db);
	open = false;
out:
	if (open)
		db_rollback(db);
	return e;
}

uf_err
qual_set_create(struct db *db, long long study, const char *name,
    const char *coder_a, const char *coder_b, const long long *docs,
    size_t ndocs, const char *actor, long long *id, struct manage_error *err)
{
	bool open = false, added;
	size_t i;
	uf_err e = UF_EINVAL;

	*id = 0;
	manage_error_clear(err);
	if (name == NULL || !manage_text_ok(name, QUAL_NAME_MAX)) {
		manage_fail(err, "name", "Ge omgången av dubbelkodning ett namn.");
		goto out;
	}
	if (ndocs == 0 || ndocs > 100) {
		manage_fail(err, "documents", "Välj 1–100 texter att dubbelkoda.");
		goto out;
	}
	if (coder_a == NULL || coder_b == NULL || strcmp(coder_a, coder_b) == 0) {
		manage_fail(err, "coder", "Välj två olika kodare.");
		goto out;
	}
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = db_q_set_insert(db, study, name, coder_a, coder_b, actor, id)) != UF_OK)
		goto out;
	if (*id == 0) {
		manage_fail(err, "coder", "Kodarna måste vara två olika utvärderare eller "
		                          "administratörer, och namnet får inte redan vara använt.");
		e = UF_EINVAL;
		goto out;
	}
	for (i = 0; i < ndocs; i++) {
		if ((e = db_q_set_add(db, *id, docs[i], &added)) != UF_OK)
			goto out;
		if (!added) {
			manage_fail(err, "documents", "En vald text finns inte i studien, "
			                              "eller valdes två gånger.");
			e = UF_EINVAL;
			goto out;
		}
	}
	if ((e = audit(db, actor, "qual.set_create", "qual_set", *id)) != UF_OK)
		goto out;
	e = db_commit(db);
	open = false;
out:
	if (open)
		db_rollback(db);
	if (e != UF_OK)
		*id = 0;
	return e;
}

uf_err
qual_set_done(struct db *db, long long study, long long set, long long user,
    struct manage_error *err)
{
	struct db_res *r = NULL;
	bool open = false, done;
	uf_err e;

	manage_error_clear(err);
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = db_q_set_get(db, study, set, &r)) != UF_OK)
		goto out;
	if (db_res_rows(r) == 0) {
		manage_fail(err, "set", "Den dubbelkodningen finns inte.");
		e = UF_ENOTFOUND;
		goto out;
	}
	if ((e = db_q_set_done(db, set, user, &done)) != UF_OK)
		goto out;
	if (!done) {
		manage_fail(err, "set", "Bara de två kodarna kan markera sin kodning som klar.");
		e = UF_EPERM;
		goto out;
	}
	e = db_commit(db);
	open = false;
out:
	if (open)
		db_rollback(db);
	db_res_free(r);
	return e;
}

/* The agreement computation over rows already read (no database). */
static uf_err
agreement(const struct db_res *docs, const struct db_res *units,
    long long coder_a, struct qual_agreement *cats, size_t ncats,
    long long *segments)
{
	struct kappa_span *seg = NULL, *a = NULL, *b = NULL;
	size_t nseg, na, nb, k, s;
	int i, j, nunits = db_res_rows(units);
	uf_err e = UF_ENOMEM;

	*segments = 0;
	if ((seg = calloc(QUAL_SENTENCES_MAX, sizeof *seg)) == NULL ||
	    (a = calloc((size_t)nunits + 1, sizeof *a)) == NULL ||
	    (b = calloc((size_t)nunits + 1, sizeof *b)) == NULL)
		goto out;
	for (i = 0; i < db_res_rows(docs); i++) {
		const char *text = db_res_get(docs, i, QSD_TEXT);
		const char *doc = db_res_get(docs, i, QSD_DOCUMENT);

		if ((e = qual_sentences(text, strlen(text), seg, QUAL_SENTENCES_MAX,
		         &nseg)) != UF_OK)
			goto out;
		*segments += (long long)nseg;
		for (k = 0; k < ncats; k++) {
			na = nb = 0;
			for (j = 0; j < nunits; j++) {
				long long coder, cat, st, en;

				if (strcmp(db_res_get(units, j, QSU_DOCUMENT), doc) != 0)
					continue;
				if ((e = db_res_long(units, j, QSU_CODER, &coder)) != UF_OK ||
				    (e = db_res_long(units, j, QSU_CATEGORY, &cat)) != UF_OK ||
				    (e = db_res_long(units, j, QSU_START, &st)) != UF_OK ||
				    (e = db_res_long(units, j, QSU_END, &en)) != UF_OK)
					goto out;
				if (cat != cats[k].category)
					continue;
				if (coder == coder_a)
					a[na++] = (struct kappa_span){ (long)st, (long)en };
				else
					b[nb++] = (struct kappa_span){ (long)st, (long)en };
			}
			for (s = 0; s < nseg; s++)
				kappa_count(&cats[k].counts, kappa_marked(&seg[s], a, na),
				    kappa_marked(&seg[s], b, nb));
		}
	}
	for (k = 0; k < ncats; k++)
		kappa_compute(&cats[k].counts, &cats[k].r);
	e = UF_OK;
out:
	free(seg);
	free(a);
	free(b);
	return e;
}

uf_err
qual_set_agreement(struct db *db, long long study, long long set,
    struct qual_agreement **out, size_t *n, long long *segments,
    struct manage_error *err)
{
	struct db_res *srow = NULL, *codes = NULL, *docs = NULL, *units = NULL;
	struct qual_agreement *cats = NULL;
	long long coder_a;
	size_t ncats = 0;
	bool open = false;
	int i;
	uf_err e;

	*out = NULL;
	*n = 0;
	*segments = 0;
	manage_error_clear(err);
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = db_q_set_get(db, study, set, &srow)) != UF_OK)
		goto out;
	if (db_res_rows(srow) == 0) {
		manage_fail(err, "set", "Den dubbelkodningen finns inte.");
		e = UF_ENOTFOUND;
		goto out;
	}
	if (strcmp(db_res_get(srow, 0, QS_A_DONE), "t") != 0 ||
	    strcmp(db_res_get(srow, 0, QS_B_DONE), "t") != 0) {
		manage_fail(err, "set", "Överensstämmelsen visas när båda kodarna är klara.");
		e = UF_ECONFLICT;
		goto out;
	}
	if ((e = db_res_long(srow, 0, QS_CODER_A_ID, &coder_a)) != UF_OK ||
	    (e = db_q_code_list(db, study, &codes)) != UF_OK ||
	    (e = db_q_set_docs(db, set, &docs)) != UF_OK ||
	    (e = db_q_set_units(db, set, &units)) != UF_OK)
		goto out;
	if ((cats = calloc((size_t)db_res_rows(codes) + 1, sizeof *cats)) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (i = 0; i < db_res_rows(codes); i++) {
		if (strcmp(db_res_get(codes, i, QC_LEVEL), "1") != 0)
			continue;
		if ((e = db_res_long(codes, i, QC_ID, &cats[ncats].category)) != UF_OK)
			goto out;
		if (snprintf(cats[ncats].name, sizeof cats[ncats].name, "%s",
		        db_res_get(codes, i, QC_NAME)) >= (int)sizeof cats[ncats].name) {
			e = UF_EINTERNAL;
			goto out;
		}
		ncats++;
	}
	if ((e = agreement(docs, units, coder_a, cats, ncats, segments)) != UF_OK)
		goto out;
	e = db_commit(db);
	open = false;
out:
	if (open)
		db_rollback(db);
	db_res_free(srow);
	db_res_free(codes);
	db_res_free(docs);
	db_res_free(units);
	if (e != UF_OK) {
		free(cats);
		cats = NULL;
		ncats = 0;
	}
	*out = cats;
	*n = ncats;
	return e;
}
