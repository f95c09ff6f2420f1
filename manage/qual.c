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
    long long viewer, struct q_docs *out, struct manage_error *err)
{
	enum respondent_group g;
	bool open = false;
	uf_err e = UF_EINVAL;

	*out = (struct q_docs){ 0 };
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
	if ((e = db_q_sync(db, study)) != UF_OK)
		goto out;
	e = db_q_doc_list(db, study, f->months, f->grp, f->unit_kind, f->code, viewer, out);
out:
	if (open)
		e = db_end(db, e);
	if (e != UF_OK)
		db_rows_free(&out->own);
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
	e = audit(db, actor, "qual.transcript_add", "document", *id);
out:
	if (open)
		e = db_end(db, e);
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
	         coder, NULL, id)) == UF_OK &&
	    *id == 0) {
		manage_fail(err, "span", "Texten, markeringen eller koden finns inte "
		                         "(har någon ändrat den?).");
		e = UF_ENOTFOUND;
	}
out:
	if (open)
		e = db_end(db, e);
	if (e != UF_OK)
		*id = 0;
	return e;
}

uf_err
qual_unit_remove(struct db *db, long long unit, long long coder,
    long long *document, struct manage_error *err)
{
	uf_err e;

	manage_error_clear(err);
	if ((e = db_begin(db)) != UF_OK)
		return e;
	if ((e = db_q_unit_delete(db, unit, coder, document)) == UF_OK && *document == 0) {
		manage_fail(err, "unit", "Du kan bara ta bort dina egna meningsbärande enheter.");
		e = UF_ENOTFOUND;
	}
	return db_end(db, e);
}

/* A code of study as the tree's changes need it. */
struct code_info {
	int level;
	long long parent;
	char name[QUAL_NAME_MAX * 4 + 1];
};

static uf_err
code_get(struct db *db, long long study, long long code, struct code_info *out,
    struct manage_error *err)
{
	struct q_codes r;
	uf_err e;

	if ((e = db_q_code_get(db, study, code, &r)) != UF_OK)
		return e;
	if (r.n == 0) {
		manage_fail(err, "code", "Koden finns inte (har någon slagit ihop den?).");
		e = UF_ENOTFOUND;
	} else {
		out->level = r.row[0].level;
		out->parent = r.row[0].parent;
		if (snprintf(out->name, sizeof out->name, "%s", r.row[0].name) >= (int)sizeof out->name)
			e = UF_EINTERNAL;
	}
	db_rows_free(&r.own);
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
	struct code_info p = { 0 };
	bool open = false;
	uf_err e = UF_EINVAL;

	*id = 0;
	manage_error_clear(err);
	if (!code_name_ok(name, err))
		goto out;
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if (parent != 0 && (e = code_get(db, study, parent, &p, err)) != UF_OK)
		goto out;
	if (p.level >= 3) {
		manage_fail(err, "parent", "En kod kan inte ha underkoder: trädet har tre "
		                           "nivåer (kategori, subkategori, kod).");
		e = UF_EINVAL;
		goto out;
	}
	if ((e = db_q_code_insert(db, study, parent, p.level + 1, name, id)) != UF_OK)
		goto out;
	if (*id == 0) {
		manage_fail(err, "name", "Det finns redan en kod med det namnet på samma ställe.");
		e = UF_ECONFLICT;
		goto out;
	}
	e = db_q_event(db, study, "create", *id, NULL, name, 0, parent, 0, actor);
out:
	if (open)
		e = db_end(db, e);
	if (e != UF_OK)
		*id = 0;
	return e;
}

/* The tree's changes of an existing code: rename it (name), move it under
 * other, or merge it into other. */
enum tree_change { TREE_RENAME,
	TREE_MOVE,
	TREE_MERGE,
	TREE__MAX };
/* Each change's event kind, and the field and text of its refusal when a
 * sibling has the same name. */
static const struct {
	const char *kind, *field, *conflict;
} tree_changes[TREE__MAX] = {
	[TREE_RENAME] = { "rename", "name", "Det finns redan en kod med det namnet på samma ställe." },
	[TREE_MOVE] = { "move", "parent", "Där finns redan en kod med samma namn. Slå ihop dem i stället." },
	[TREE_MERGE] = { "merge", "into", "Båda har en underkod med samma namn. Byt namn på den ena först." },
};

/* One change and its event in one transaction; the checks that need the
 * codes' levels are made inside it. */
static uf_err
tree_change(struct db *db, long long study, enum tree_change op, long long code,
    long long other, const char *name, const char *actor, struct manage_error *err)
{
	struct code_info c, o = { 0 };
	const char *new_name = c.name;
	long long new_parent = other, into = 0;
	bool done;
	uf_err e;

	if ((e = db_begin(db)) != UF_OK)
		return e;
	if ((e = code_get(db, study, code, &c, err)) != UF_OK ||
	    (op != TREE_RENAME && (e = code_get(db, study, other, &o, err)) != UF_OK))
		goto out;
	switch (op) {
	case TREE_RENAME:
		new_name = name;
		new_parent = c.parent;
		e = db_q_code_rename(db, study, code, name, &done);
		break;
	case TREE_MOVE:
		if (o.level != c.level - 1) {
			manage_fail(err, "parent", "Flytta en subkategori till en kategori och en "
			                           "kod till en subkategori.");
			e = UF_EINVAL;
			goto out;
		}
		e = db_q_code_move(db, study, code, other, &done);
		break;
	case TREE_MERGE:
		if (c.level != o.level) {
			manage_fail(err, "into", "Bara koder på samma nivå kan slås ihop.");
			e = UF_EINVAL;
			goto out;
		}
		new_name = o.name;
		new_parent = o.parent;
		into = other;
		e = db_q_code_merge(db, study, code, other);
		break;
	case TREE__MAX:
		e = UF_EINTERNAL;
		break;
	}
	if (e == UF_ECONFLICT && op < TREE__MAX)
		manage_fail(err, tree_changes[op].field, "%s", tree_changes[op].conflict);
	if (e == UF_OK)
		e = db_q_event(db, study, tree_changes[op].kind, code, c.name, new_name,
		    c.parent, new_parent, into, actor);
out:
	return db_end(db, e);
}

uf_err
qual_code_rename(struct db *db, long long study, long long code,
    const char *name, const char *actor, struct manage_error *err)
{
	manage_error_clear(err);
	if (!code_name_ok(name, err))
		return UF_EINVAL;
	return tree_change(db, study, TREE_RENAME, code, 0, name, actor, err);
}

uf_err
qual_code_move(struct db *db, long long study, long long code,
    long long parent, const char *actor, struct manage_error *err)
{
	manage_error_clear(err);
	return tree_change(db, study, TREE_MOVE, code, parent, NULL, actor, err);
}

uf_err
qual_code_merge(struct db *db, long long study, long long from,
    long long into, const char *actor, struct manage_error *err)
{
	manage_error_clear(err);
	if (from == into) {
		manage_fail(err, "into", "Välj två olika koder att slå ihop.");
		return UF_EINVAL;
	}
	return tree_change(db, study, TREE_MERGE, from, into, NULL, actor, err);
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
	e = audit(db, actor, "qual.set_create", "qual_set", *id);
out:
	if (open)
		e = db_end(db, e);
	if (e != UF_OK)
		*id = 0;
	return e;
}

/* The set of study, read inside the caller's transaction; UF_ENOTFOUND
 * with err when there is none. */
static uf_err
set_get(struct db *db, long long study, long long set, struct q_sets *out,
    struct manage_error *err)
{
	uf_err e = db_q_set_get(db, study, set, out);

	if (e == UF_OK && out->n == 0) {
		manage_fail(err, "set", "Den dubbelkodningen finns inte.");
		e = UF_ENOTFOUND;
	}
	return e;
}

uf_err
qual_set_done(struct db *db, long long study, long long set, long long user,
    struct manage_error *err)
{
	struct q_sets s = { 0 };
	bool done;
	uf_err e;

	manage_error_clear(err);
	if ((e = db_begin(db)) != UF_OK)
		return e;
	if ((e = set_get(db, study, set, &s, err)) != UF_OK ||
	    (e = db_q_set_done(db, set, user, &done)) != UF_OK)
		goto out;
	if (!done) {
		manage_fail(err, "set", "Bara de två kodarna kan markera sin kodning som klar.");
		e = UF_EPERM;
	}
out:
	db_rows_free(&s.own);
	return db_end(db, e);
}

/* The agreement computation over rows already read (no database). */
static uf_err
agreement(const struct q_set_docs *docs, const struct q_set_units *units,
    long long coder_a, struct qual_agreement *cats, size_t ncats,
    long long *segments)
{
	struct kappa_span *seg = NULL, *a = NULL, *b = NULL;
	size_t nseg, na, nb, k, s;
	uf_err e = UF_ENOMEM;

	*segments = 0;
	if ((seg = calloc(QUAL_SENTENCES_MAX, sizeof *seg)) == NULL ||
	    (a = calloc((size_t)units->n + 1, sizeof *a)) == NULL ||
	    (b = calloc((size_t)units->n + 1, sizeof *b)) == NULL)
		goto out;
	for (int i = 0; i < docs->n; i++) {
		const struct q_set_doc *d = &docs->row[i];

		if ((e = qual_sentences(d->text, strlen(d->text), seg, QUAL_SENTENCES_MAX,
		         &nseg)) != UF_OK)
			goto out;
		*segments += (long long)nseg;
		for (k = 0; k < ncats; k++) {
			na = nb = 0;
			for (int j = 0; j < units->n; j++) {
				const struct q_set_unit *u = &units->row[j];

				if (u->document != d->document || u->category != cats[k].category)
					continue;
				if (u->coder == coder_a)
					a[na++] = (struct kappa_span){ u->start, u->end };
				else
					b[nb++] = (struct kappa_span){ u->start, u->end };
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
	struct q_sets s = { 0 };
	struct q_codes codes = { 0 };
	struct q_set_docs docs = { 0 };
	struct q_set_units units = { 0 };
	struct qual_agreement *cats = NULL;
	size_t ncats = 0;
	bool open = false;
	uf_err e;

	*out = NULL;
	*n = 0;
	*segments = 0;
	manage_error_clear(err);
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = set_get(db, study, set, &s, err)) != UF_OK)
		goto out;
	if (!s.row[0].a_done || !s.row[0].b_done) {
		manage_fail(err, "set", "Överensstämmelsen visas när båda kodarna är klara.");
		e = UF_ECONFLICT;
		goto out;
	}
	if ((e = db_q_code_list(db, study, &codes)) != UF_OK ||
	    (e = db_q_set_docs(db, set, &docs)) != UF_OK ||
	    (e = db_q_set_units(db, set, &units)) != UF_OK)
		goto out;
	if ((cats = calloc((size_t)codes.n + 1, sizeof *cats)) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	for (int i = 0; i < codes.n; i++) {
		if (codes.row[i].level != 1)
			continue;
		cats[ncats].category = codes.row[i].id;
		if (snprintf(cats[ncats].name, sizeof cats[ncats].name, "%s",
		        codes.row[i].name) >= (int)sizeof cats[ncats].name) {
			e = UF_EINTERNAL;
			goto out;
		}
		ncats++;
	}
	e = agreement(&docs, &units, s.row[0].coder_a_id, cats, ncats, segments);
out:
	if (open)
		e = db_end(db, e);
	db_rows_free(&s.own);
	db_rows_free(&codes.own);
	db_rows_free(&docs.own);
	db_rows_free(&units.own);
	if (e != UF_OK) {
		free(cats);
		cats = NULL;
		ncats = 0;
	}
	*out = cats;
	*n = ncats;
	return e;
}
