/* SPDX-License-Identifier: ISC
 * REFI-QDA .qdpx export and import (qual_qdpx.h). libxml2 writes and
 * reads project.qde (no network, no DTD, no entity substitution); libzip
 * packs and unpacks in memory. SQL is db_qual.c's.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <zip.h>

#include "db_manage.h"
#include "db_qual.h"
#include "qual.h"
#include "qual_qdpx.h"
#include "qual_qdpx_read.h"
#include "qual_text.h"
#include "utf8.h"

/* --- export ------------------------------------------------------------ */

/* An XML writer that remembers its first failure, so each call's result
 * is checked once, at the end. */
struct xw {
	xmlTextWriterPtr w;
	bool ok;
};

static void
el(struct xw *x, const char *name)
{
	if (x->ok && xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
		x->ok = false;
}

static void
end(struct xw *x)
{
	if (x->ok && xmlTextWriterEndElement(x->w) < 0)
		x->ok = false;
}

static void
attr(struct xw *x, const char *k, const char *v)
{
	if (x->ok && xmlTextWriterWriteAttribute(x->w, BAD_CAST k, BAD_CAST v) < 0)
		x->ok = false;
}

static void
text_el(struct xw *x, const char *name, const char *v)
{
	if (x->ok && xmlTextWriterWriteElement(x->w, BAD_CAST name, BAD_CAST v) < 0)
		x->ok = false;
}

static void
users(struct xw *x, const struct q_x_users *u)
{
	if (u->n == 0)
		return;
	el(x, "Users");
	for (int i = 0; i < u->n; i++) {
		el(x, "User");
		attr(x, "guid", u->row[i].guid);
		attr(x, "name", u->row[i].name);
		end(x);
	}
	end(x);
}

/* The tree as nested <Code> elements (rows in tree order). */
static void
codebook(struct xw *x, const struct q_codes *codes)
{
	int depth = 0;

	if (codes->n == 0)
		return;
	el(x, "CodeBook");
	el(x, "Codes");
	for (int i = 0; i < codes->n; i++) {
		for (; depth >= codes->row[i].level; depth--)
			end(x);
		el(x, "Code");
		attr(x, "guid", codes->row[i].guid);
		attr(x, "name", codes->row[i].name);
		attr(x, "isCodable", "true");
		depth = codes->row[i].level;
	}
	for (; depth > 0; depth--)
		end(x);
	end(x);
	end(x);
}

/* An attribute whose value is a number. */
static void
attr_int(struct xw *x, const char *k, int v)
{
	char b[24];
	int w = snprintf(b, sizeof b, "%d", v);

	if (w < 0 || (size_t)w >= sizeof b)
		x->ok = false;
	attr(x, k, b);
}

/* A meaning unit as a <PlainTextSelection>, with its <Coding> when coded. */
static void
selection(struct xw *x, const struct q_x_unit *u)
{
	el(x, "PlainTextSelection");
	attr(x, "guid", u->guid);
	attr_int(x, "startPosition", u->start);
	attr_int(x, "endPosition", u->end);
	attr(x, "creatingUser", u->user);
	if (u->cond[0] != '\0')
		text_el(x, "Description", u->cond);
	if (u->code[0] != '\0') {
		el(x, "Coding");
		attr(x, "guid", u->coding);
		attr(x, "creatingUser", u->user);
		el(x, "CodeRef");
		attr(x, "targetGUID", u->code);
		end(x);
		end(x);
	}
	end(x);
}

static void
sources(struct xw *x, const struct q_x_docs *docs, const struct q_x_units *units)
{
	char path[64], desc[160];
	int j = 0;

	if (docs->n == 0)
		return;
	el(x, "Sources");
	for (int i = 0; i < docs->n; i++) {
		const struct q_x_doc *d = &docs->row[i];
		int w1 = snprintf(path, sizeof path, "internal://%s.txt", d->guid);
		int w2 = snprintf(desc, sizeof desc, "Omgång %d månader; grupp %s%s%s",
		    d->months, d->grp, d->panel[0] != '\0' ? "; deltagare " : "", d->panel);

		if (w1 < 0 || (size_t)w1 >= sizeof path || w2 < 0 || (size_t)w2 >= sizeof desc)
			x->ok = false;
		el(x, "TextSource");
		attr(x, "guid", d->guid);
		attr(x, "name", d->name);
		attr(x, "plainTextPath", path);
		text_el(x, "Description", desc);
		/* units come ordered by document like the documents */
		for (; j < units->n && strcmp(units->row[j].doc, d->guid) == 0; j++)
			selection(x, &units->row[j]);
		end(x);
	}
	end(x);
}

/* What an export reads, in one snapshot. */
struct snapshot {
	struct q_x_users users;
	struct q_codes codes;
	struct q_x_docs docs;
	struct q_x_units units;
};

/* project.qde of the rows into xb. */
static bool
project_xml(xmlBufferPtr xb, const char *name, const struct snapshot *sn)
{
	struct xw x = { xmlNewTextWriterMemory(xb, 0), true };

	if (x.w == NULL)
		return false;
	if (xmlTextWriterSetIndent(x.w, 1) < 0 ||
	    xmlTextWriterStartDocument(x.w, NULL, "UTF-8", NULL) < 0)
		x.ok = false;
	el(&x, "Project");
	attr(&x, "xmlns", QDA_NS);
	attr(&x, "name", name);
	attr(&x, "origin", "uppfolj");
	users(&x, &sn->users);
	codebook(&x, &sn->codes);
	sources(&x, &sn->docs, &sn->units);
	end(&x);
	if (x.ok && xmlTextWriterEndDocument(x.w) < 0)
		x.ok = false;
	xmlFreeTextWriter(x.w); /* flushes into xb */
	return x.ok;
}

/* The archive's bytes from a libzip source kept after zip_close. */
static uf_err
zip_bytes(zip_source_t *src, struct buf *out)
{
	zip_stat_t st;
	char chunk[16384];
	zip_int64_t r;
	uf_err e = UF_EINTERNAL;

	if (zip_source_stat(src, &st) < 0 || zip_source_open(src) < 0)
		return e;
	while ((r = zip_source_read(src, chunk, sizeof chunk)) > 0)
		if ((e = buf_add(out, chunk, (size_t)r)) != UF_OK)
			break;
	if (r < 0)
		e = UF_EINTERNAL;
	else if (r == 0)
		e = UF_OK;
	zip_source_close(src);
	return e;
}

uf_err
qdpx_export(struct db *db, long long study, long long viewer,
    struct buf *out, struct manage_error *err)
{
	struct snapshot sn = { 0 };
	struct m_study_row s;
	bool found = false;
	xmlBufferPtr xb = NULL;
	zip_source_t *src = NULL, *one;
	zip_t *za = NULL;
	zip_error_t ze;
	char name[80];
	bool open = false;
	uf_err e;

	manage_error_clear(err);
	zip_error_init(&ze);
	/* one snapshot of the study */
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = db_m_study_get(db, study, &s, &found)) != UF_OK ||
	    (e = db_q_sync(db, study)) != UF_OK ||
	    (e = db_q_x_users(db, study, viewer, &sn.users)) != UF_OK ||
	    (e = db_q_code_list(db, study, &sn.codes)) != UF_OK ||
	    (e = db_q_x_docs(db, study, &sn.docs)) != UF_OK ||
	    (e = db_q_x_units(db, study, viewer, &sn.units)) != UF_OK)
		goto out;
	if ((e = db_commit(db)) != UF_OK)
		goto out;
	open = false;
	e = UF_ENOMEM;
	if (!found || (xb = xmlBufferCreate()) == NULL)
		goto out;
	if (!project_xml(xb, s.name, &sn))
		goto out;
	e = UF_EINTERNAL;
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		goto out;
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL)
		goto out;
	zip_source_keep(src); /* read it back after zip_close */
	/* the buffers stay valid until zip_close: xb and docs live past it */
	if ((one = zip_source_buffer(za, xmlBufferContent(xb), (zip_uint64_t)xmlBufferLength(xb),
	         0)) == NULL ||
	    zip_file_add(za, "project.qde", one, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(one);
		goto out;
	}
	for (int i = 0; i < sn.docs.n; i++) {
		const char *t = sn.docs.row[i].text;
		int w = snprintf(name, sizeof name, "Sources/%s.txt", sn.docs.row[i].guid);

		if (w < 0 || (size_t)w >= sizeof name)
			goto out;
		if ((one = zip_source_buffer(za, t, strlen(t), 0)) == NULL ||
		    zip_file_add(za, name, one, ZIP_FL_ENC_UTF_8) < 0) {
			zip_source_free(one);
			goto out;
		}
	}
	if (zip_close(za) < 0) {
		zip_discard(za);
		za = NULL;
		goto out;
	}
	za = NULL;
	e = zip_bytes(src, out);
	if (e == UF_ELIMIT)
		manage_fail(err, "", "Projektet blev för stort att ladda ner.");
out:
	if (open)
		db_rollback(db);
	if (za != NULL)
		zip_discard(za);
	zip_source_free(src);
	zip_error_fini(&ze);
	if (xb != NULL)
		xmlBufferFree(xb);
	db_rows_free(&sn.users.own);
	db_rows_free(&sn.codes.own);
	db_rows_free(&sn.docs.own);
	db_rows_free(&sn.units.own);
	return e;
}

/* --- import -------------------------------------------------------------- */

struct imp {
	struct db *db;
	struct qdpx_read *rd;
	long long study, user;
	const char *actor;
	struct qdpx_counts *n;
	struct manage_error *err;
};

/* One <Code> and its children at level (1..3) under parent. */
static uf_err
import_code(struct imp *im, const xmlNode *c, int level, long long parent)
{
	struct q_codes r = { 0 };
	char *guid = qdpx_get(c, "guid"), *name = qdpx_get(c, "name");
	long long id = 0;
	uf_err e = UF_EINVAL;

	if (level > 3) {
		manage_fail(im->err, "file", "Kodträdet har fler än tre nivåer (kategori, "
		                             "subkategori, kod).");
		goto out;
	}
	if (!qdpx_guid_ok(guid) || name == NULL || !manage_text_ok(name, QUAL_NAME_MAX)) {
		manage_fail(im->err, "file", "En kod saknar giltig guid eller namn (1–%d tecken).",
		    QUAL_NAME_MAX);
		goto out;
	}
	if ((e = db_q_i_code(im->db, im->study, guid, &r)) != UF_OK)
		goto out;
	if (r.n > 0) {
		id = r.row[0].id;
		if (r.row[0].parent != parent || r.row[0].level != level) {
			manage_fail(im->err, "file", "Koden ”%.80s” har flyttats i filen. Flytta "
			                             "den i kodträdet här i stället.",
			    name);
			e = UF_EINVAL;
			goto out;
		}
	} else {
		e = db_q_i_code_insert(im->db, im->study, parent, level, name, guid, &id);
		if (e == UF_ECONFLICT) {
			manage_fail(im->err, "file", "Koden ”%.80s” finns redan på samma ställe "
			                             "med en annan guid.",
			    name);
			e = UF_EINVAL;
		}
		if (e != UF_OK ||
		    (e = db_q_event(im->db, im->study, "create", id, NULL, name, 0, parent, 0,
		         im->actor)) != UF_OK)
			goto out;
		im->n->codes_added++;
	}
	for (const xmlNode *k = c->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || qdpx_is(k, "Description") || qdpx_is(k, "NoteRef"))
			continue;
		if (!qdpx_is(k, "Code")) {
			manage_fail(im->err, "file", "Okänt element i kodboken.");
			e = UF_EINVAL;
			goto out;
		}
		if ((e = import_code(im, k, level + 1, id)) != UF_OK)
			goto out;
	}
	e = UF_OK;
out:
	xmlFree(guid);
	xmlFree(name);
	db_rows_free(&r.own);
	return e;
}

/* A selection's code (the first <Coding>'s CodeRef), 0 when uncoded. */
static uf_err
selection_code(struct imp *im, const xmlNode *sel, long long *code)
{
	struct q_codes r = { 0 };
	char *target = NULL;
	uf_err e = UF_OK;

	*code = 0;
	for (const xmlNode *k = sel->children; k != NULL; k = k->next) {
		if (!qdpx_is(k, "Coding"))
			continue;
		for (const xmlNode *c = k->children; c != NULL && target == NULL; c = c->next)
			if (qdpx_is(c, "CodeRef"))
				target = qdpx_get(c, "targetGUID");
		if (!qdpx_guid_ok(target)) {
			manage_fail(im->err, "file", "En kodning saknar en giltig CodeRef.");
			e = UF_EINVAL;
			goto out;
		}
		if ((e = db_q_i_code(im->db, im->study, target, &r)) != UF_OK)
			goto out;
		if (r.n == 0) {
			manage_fail(im->err, "file", "En kodning hänvisar till en kod som inte "
			                             "finns i kodboken.");
			e = UF_EINVAL;
			goto out;
		}
		*code = r.row[0].id;
		break; /* one code per meaning unit */
	}
out:
	xmlFree(target);
	db_rows_free(&r.own);
	return e;
}

static uf_err
import_selection(struct imp *im, const xmlNode *sel, long long doc, long chars)
{
	char *guid = qdpx_get(sel, "guid"), *a = qdpx_get(sel, "startPosition"),
	     *b = qdpx_get(sel, "endPosition"), *who = qdpx_get(sel, "creatingUser");
	xmlChar *cond = NULL;
	long start, stop;
	long long id, code, coder = im->user;
	uf_err e = UF_EINVAL;

	/* guid, numbers and condensation passed qdpx_read_check; the range
	 * is checked here against the study's own text */
	if (!qdpx_nat(a, QUAL_BODY_CHARS_MAX, &start) ||
	    !qdpx_nat(b, QUAL_BODY_CHARS_MAX, &stop) || stop > chars) {
		manage_fail(im->err, "file", "En markering har ogiltig guid eller position "
		                             "(utanför texten).");
		goto out;
	}
	for (const xmlNode *k = sel->children; k != NULL; k = k->next)
		if (qdpx_is(k, "Description") && cond == NULL)
			cond = xmlNodeGetContent(k);
	if ((e = db_q_i_unit(im->db, guid, &id)) != UF_OK)
		goto out;
	if (id != 0) {
		im->n->units_kept++;
		goto out;
	}
	if ((e = selection_code(im, sel, &code)) != UF_OK)
		goto out;
	if (qdpx_guid_ok(who)) {
		long long u;

		if ((e = db_q_i_user(im->db, who, &u)) != UF_OK)
			goto out;
		if (u != 0)
			coder = u;
	}
	if ((e = db_q_unit_insert(im->db, im->study, doc, start, stop, (char *)cond, code,
	         coder, guid, &id)) != UF_OK)
		goto out;
	if (id == 0) {
		manage_fail(im->err, "file", "En markering kunde inte sparas.");
		e = UF_EINVAL;
		goto out;
	}
	im->n->units_added++;
out:
	xmlFree(guid);
	xmlFree(a);
	xmlFree(b);
	xmlFree(who);
	xmlFree(cond);
	return e;
}

/* The reader's refusal as the operation's error. */
static uf_err
read_fail(struct imp *im, uf_err e)
{
	if (im->rd->msg[0] != '\0')
		manage_fail(im->err, "file", "%s", im->rd->msg);
	return e;
}

/* One <TextSource>: an existing document of the study with the same text
 * (qdpx_read_check has seen it whole already). */
static uf_err
import_source(struct imp *im, const xmlNode *s)
{
	struct q_docs r = { 0 };
	char *guid = qdpx_get(s, "guid"), *path = qdpx_get(s, "plainTextPath"), *text = NULL;
	size_t len = 0;
	uf_err e = UF_EINVAL;

	if (!qdpx_guid_ok(guid)) {
		manage_fail(im->err, "file", "En text saknar guid.");
		goto out;
	}
	if ((e = qdpx_read_source(im->rd, path, &text, &len)) != UF_OK) {
		e = read_fail(im, e);
		goto out;
	}
	if ((e = db_q_i_doc(im->db, im->study, guid, &r)) != UF_OK)
		goto out;
	e = UF_EINVAL;
	if (r.n == 0) {
		manage_fail(im->err, "file", "Texten ”%.60s” finns inte i studien: bara "
		                             "kodning av studiens egna texter kan läsas in.",
		    guid);
		goto out;
	}
	if (strlen(r.row[0].text) != len || memcmp(r.row[0].text, text, len) != 0) {
		manage_fail(im->err, "file", "Texten ”%.60s” har ändrats i filen; positionerna "
		                             "skulle inte stämma.",
		    guid);
		goto out;
	}
	for (const xmlNode *k = s->children; k != NULL; k = k->next) {
		if (!qdpx_is(k, "PlainTextSelection"))
			continue;
		if ((e = import_selection(im, k, r.row[0].id, (long)utf8_chars(text, len))) != UF_OK)
			goto out;
	}
	e = UF_OK;
out:
	xmlFree(guid);
	xmlFree(path);
	free(text);
	db_rows_free(&r.own);
	return e;
}

static uf_err
import_project(struct imp *im, const xmlNode *root)
{
	uf_err e;

	for (const xmlNode *k = root->children; k != NULL; k = k->next) {
		if (qdpx_is(k, "CodeBook")) {
			for (const xmlNode *cs = k->children; cs != NULL; cs = cs->next) {
				if (!qdpx_is(cs, "Codes"))
					continue;
				for (const xmlNode *c = cs->children; c != NULL; c = c->next)
					if (qdpx_is(c, "Code") &&
					    (e = import_code(im, c, 1, 0)) != UF_OK)
						return e;
			}
		} else if (qdpx_is(k, "Sources")) {
			for (const xmlNode *s = k->children; s != NULL; s = s->next) {
				if (s->type != XML_ELEMENT_NODE)
					continue;
				if (!qdpx_is(s, "TextSource")) {
					manage_fail(im->err, "file", "Bara texter kan läsas in "
					                             "(inga bilder, PDF, ljud eller video).");
					return UF_EINVAL;
				}
				if ((e = import_source(im, s)) != UF_OK)
					return e;
			}
		}
	}
	return UF_OK;
}

uf_err
qdpx_import(struct db *db, long long study, long long user,
    const char *actor, const void *zip, size_t len, struct qdpx_counts *n,
    struct manage_error *err)
{
	struct qdpx_read rd;
	struct imp im = { db, &rd, study, user, actor, n, err };
	bool open = false;
	uf_err e;

	*n = (struct qdpx_counts){ 0 };
	manage_error_clear(err);
	/* the whole archive is read and checked before the transaction */
	if ((e = qdpx_read_open(&rd, zip, len)) != UF_OK ||
	    (e = qdpx_read_check(&rd)) != UF_OK) {
		e = read_fail(&im, e);
		goto out;
	}
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = import_project(&im, rd.root)) == UF_OK)
		e = db_m_audit(db, actor, "qual.import", NULL, NULL);
out:
	if (open)
		e = db_end(db, e);
	if (e != UF_OK)
		*n = (struct qdpx_counts){ 0 };
	qdpx_read_close(&rd);
	return e;
}
