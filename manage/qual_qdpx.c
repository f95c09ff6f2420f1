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
#include "qual_text.h"
#include "utf8.h"

#define QDA_NS "urn:QDA-XML:project:1.0"

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
users(struct xw *x, const struct db_res *u)
{
	if (db_res_rows(u) == 0)
		return;
	el(x, "Users");
	for (int i = 0; i < db_res_rows(u); i++) {
		el(x, "User");
		attr(x, "guid", db_res_get(u, i, QXS_GUID));
		attr(x, "name", db_res_get(u, i, QXS_NAME));
		end(x);
	}
	end(x);
}

/* The tree as nested <Code> elements (rows in tree order). */
static void
codebook(struct xw *x, const struct db_res *codes)
{
	long long depth = 0;

	if (db_res_rows(codes) == 0)
		return;
	el(x, "CodeBook");
	el(x, "Codes");
	for (int i = 0; i < db_res_rows(codes); i++) {
		long long level = 1;

		if (db_res_long(codes, i, QC_LEVEL, &level) != UF_OK)
			x->ok = false;
		for (; depth >= level; depth--)
			end(x);
		el(x, "Code");
		attr(x, "guid", db_res_get(codes, i, QC_GUID));
		attr(x, "name", db_res_get(codes, i, QC_NAME));
		attr(x, "isCodable", "true");
		depth = level;
	}
	for (; depth > 0; depth--)
		end(x);
	end(x);
	end(x);
}

static void
sources(struct xw *x, const struct db_res *docs, const struct db_res *units)
{
	char path[64], desc[160];
	int j = 0;

	if (db_res_rows(docs) == 0)
		return;
	el(x, "Sources");
	for (int i = 0; i < db_res_rows(docs); i++) {
		const char *g = db_res_get(docs, i, QXD_GUID);
		int w1 = snprintf(path, sizeof path, "internal://%s.txt", g);
		int w2 = snprintf(desc, sizeof desc, "Omgång %s månader; grupp %s%s%s",
		    db_res_get(docs, i, QXD_MONTHS), db_res_get(docs, i, QXD_GRP),
		    db_res_get(docs, i, QXD_PANEL)[0] != '\0' ? "; deltagare " : "",
		    db_res_get(docs, i, QXD_PANEL));

		if (w1 < 0 || (size_t)w1 >= sizeof path || w2 < 0 || (size_t)w2 >= sizeof desc)
			x->ok = false;
		el(x, "TextSource");
		attr(x, "guid", g);
		attr(x, "name", db_res_get(docs, i, QXD_NAME));
		attr(x, "plainTextPath", path);
		text_el(x, "Description", desc);
		/* units come ordered by document like the documents */
		for (; j < db_res_rows(units) && strcmp(db_res_get(units, j, QXU_DOC), g) == 0; j++) {
			el(x, "PlainTextSelection");
			attr(x, "guid", db_res_get(units, j, QXU_GUID));
			attr(x, "startPosition", db_res_get(units, j, QXU_START));
			attr(x, "endPosition", db_res_get(units, j, QXU_END));
			attr(x, "creatingUser", db_res_get(units, j, QXU_USER));
			if (db_res_get(units, j, QXU_COND)[0] != '\0')
				text_el(x, "Description", db_res_get(units, j, QXU_COND));
			if (db_res_get(units, j, QXU_CODE)[0] != '\0') {
				el(x, "Coding");
				attr(x, "guid", db_res_get(units, j, QXU_CODING));
				attr(x, "creatingUser", db_res_get(units, j, QXU_USER));
				el(x, "CodeRef");
				attr(x, "targetGUID", db_res_get(units, j, QXU_CODE));
				end(x);
				end(x);
			}
			end(x);
		}
		end(x);
	}
	end(x);
}

/* project.qde of the rows into xb. */
static bool
project_xml(xmlBufferPtr xb, const char *name, const struct db_res *u,
    const struct db_res *codes, const struct db_res *docs,
    const struct db_res *units)
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
	users(&x, u);
	codebook(&x, codes);
	sources(&x, docs, units);
	end(&x);
	if (x.ok && xmlTextWriterEndDocument(x.w) < 0)
		x.ok = false;
	xmlFreeTextWriter(x.w);   /* flushes into xb */
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
	struct db_res *u = NULL, *codes = NULL, *docs = NULL, *units = NULL;
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
	    (e = db_q_x_users(db, study, viewer, &u)) != UF_OK ||
	    (e = db_q_code_list(db, study, &codes)) != UF_OK ||
	    (e = db_q_x_docs(db, study, &docs)) != UF_OK ||
	    (e = db_q_x_units(db, study, viewer, &units)) != UF_OK)
		goto out;
	if ((e = db_commit(db)) != UF_OK)
		goto out;
	open = false;
	e = UF_ENOMEM;
	if (!found || (xb = xmlBufferCreate()) == NULL)
		goto out;
	if (!project_xml(xb, s.name, u, codes, docs, units))
		goto out;
	e = UF_EINTERNAL;
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		goto out;
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL)
		goto out;
	zip_source_keep(src);   /* read it back after zip_close */
	/* the buffers stay valid until zip_close: xb and docs live past it */
	if ((one = zip_source_buffer(za, xmlBufferContent(xb), (zip_uint64_t)xmlBufferLength(xb),
	    0)) == NULL || zip_file_add(za, "project.qde", one, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(one);
		goto out;
	}
	for (int i = 0; i < db_res_rows(docs); i++) {
		const char *t = db_res_get(docs, i, QXD_TEXT);
		int w = snprintf(name, sizeof name, "Sources/%s.txt", db_res_get(docs, i, QXD_GUID));

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
	db_res_free(u);
	db_res_free(codes);
	db_res_free(docs);
	db_res_free(units);
	return e;
}

/* --- import -------------------------------------------------------------- */

static bool
guid_ok(const char *s)
{
	size_t i, n;

	if (s == NULL)
		return false;
	n = strlen(s);
	if (n == 38 && s[0] == '{' && s[37] == '}') {
		s++;
		n = 36;
	}
	if (n != 36)
		return false;
	for (i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		char c = s[i];

		if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		    (c >= 'A' && c <= 'F')))
			return false;
	}
	return true;
}

/* Whether an entry name is one we read: project.qde, the Sources/ folder,
 * or Sources/<guid>.txt. Anything else (another path, "..", an absolute
 * name) refuses the archive. */
static bool
entry_ok(const char *name)
{
	char g[40];
	size_t n;

	if (name == NULL)
		return false;
	if (strcmp(name, "project.qde") == 0 || strcmp(name, "Sources/") == 0)
		return true;
	n = strlen(name);
	if (strncmp(name, "Sources/", 8) != 0 || n < 8 + 4 + 36 || n > 8 + 4 + 38 ||
	    strcmp(name + n - 4, ".txt") != 0)
		return false;
	memcpy(g, name + 8, n - 12);
	g[n - 12] = '\0';
	return guid_ok(g);
}

/* An entry's bytes, at most max: the declared size is checked first and
 * the bytes actually unpacked again (a lying header cannot get past). */
static uf_err
entry_read(zip_t *za, zip_int64_t idx, size_t max, char **out, size_t *len,
    struct manage_error *err)
{
	zip_stat_t st;
	zip_file_t *f = NULL;
	char *b = NULL;
	zip_int64_t r;
	size_t got = 0;
	uf_err e = UF_ELIMIT;

	*out = NULL;
	zip_stat_init(&st);
	if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE)) {
		manage_fail(err, "file", "Filen är inte ett giltigt .qdpx-arkiv.");
		e = UF_EINVAL;
		goto out;
	}
	if (st.size > max) {
		manage_fail(err, "file", "En fil i arkivet är för stor (uppackad).");
		goto out;
	}
	if ((b = malloc(max + 1)) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	if ((f = zip_fopen_index(za, (zip_uint64_t)idx, 0)) == NULL) {
		manage_fail(err, "file", "En fil i arkivet går inte att packa upp.");
		e = UF_EINVAL;
		goto out;
	}
	while ((r = zip_fread(f, b + got, max + 1 - got)) > 0) {
		got += (size_t)r;
		if (got > max) {
			manage_fail(err, "file", "En fil i arkivet är större än den uppger.");
			goto out;
		}
	}
	if (r < 0) {
		manage_fail(err, "file", "En fil i arkivet är skadad.");
		e = UF_EINVAL;
		goto out;
	}
	b[got] = '\0';
	*out = b;
	*len = got;
	b = NULL;
	e = UF_OK;
out:
	if (f != NULL)
		zip_fclose(f);
	free(b);
	return e;
}

static bool
is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, BAD_CAST QDA_NS) && xmlStrEqual(n->name, BAD_CAST name);
}

/* An attribute's value (owned: xmlFree) or NULL. */
static char *
get(const xmlNode *n, const char *name)
{
	return (char *)xmlGetNoNsProp(n, BAD_CAST name);
}

/* Strict non-negative decimal integer. */
static bool
nat(const char *s, long max, long *v)
{
	long x = 0;

	if (s == NULL || s[0] == '\0' || strlen(s) > 9)
		return false;
	for (const char *p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return false;
		x = x * 10 + (*p - '0');
	}
	*v = x;
	return x <= max;
}

struct imp {
	struct db *db;
	zip_t *za;
	long long study, user;
	const char *actor;
	struct qdpx_counts *n;
	struct manage_error *err;
	size_t total;     /* bytes unpacked so far */
};

/* One <Code> and its children at level (1..3) under parent. */
static uf_err
import_code(struct imp *im, const xmlNode *c, int level, long long parent)
{
	struct db_res *r = NULL;
	char *guid = get(c, "guid"), *name = get(c, "name");
	long long id = 0;
	uf_err e = UF_EINVAL;

	if (level > 3) {
		manage_fail(im->err, "file", "Kodträdet har fler än tre nivåer (kategori, "
		    "subkategori, kod).");
		goto out;
	}
	if (!guid_ok(guid) || name == NULL || !manage_text_ok(name, QUAL_NAME_MAX)) {
		manage_fail(im->err, "file", "En kod saknar giltig guid eller namn (1–%d tecken).",
		    QUAL_NAME_MAX);
		goto out;
	}
	if ((e = db_q_i_code(im->db, im->study, guid, &r)) != UF_OK)
		goto out;
	if (db_res_rows(r) > 0) {
		long long p, l;

		if ((e = db_res_long(r, 0, 0, &id)) != UF_OK ||
		    (e = db_res_long(r, 0, 1, &p)) != UF_OK ||
		    (e = db_res_long(r, 0, 2, &l)) != UF_OK)
			goto out;
		if (p != parent || l != level) {
			manage_fail(im->err, "file", "Koden ”%.80s” har flyttats i filen. Flytta "
			    "den i kodträdet här i stället.", name);
			e = UF_EINVAL;
			goto out;
		}
	} else {
		e = db_q_i_code_insert(im->db, im->study, parent, level, name, guid, &id);
		if (e == UF_ECONFLICT) {
			manage_fail(im->err, "file", "Koden ”%.80s” finns redan på samma ställe "
			    "med en annan guid.", name);
			e = UF_EINVAL;
		}
		if (e != UF_OK ||
		    (e = db_q_event(im->db, im->study, "create", id, NULL, name, 0, parent, 0,
		    im->actor)) != UF_OK)
			goto out;
		im->n->codes_added++;
	}
	for (const xmlNode *k = c->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || is(k, "Description") || is(k, "NoteRef"))
			continue;
		if (!is(k, "Code")) {
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
	db_res_free(r);
	return e;
}

/* A selection's code (the first <Coding>'s CodeRef), 0 when uncoded. */
static uf_err
selection_code(struct imp *im, const xmlNode *sel, long long *code)
{
	struct db_res *r = NULL;
	char *target = NULL;
	uf_err e = UF_OK;

	*code = 0;
	for (const xmlNode *k = sel->children; k != NULL; k = k->next) {
		if (!is(k, "Coding"))
			continue;
		for (const xmlNode *c = k->children; c != NULL && target == NULL; c = c->next)
			if (is(c, "CodeRef"))
				target = get(c, "targetGUID");
		if (!guid_ok(target)) {
			manage_fail(im->err, "file", "En kodning saknar en giltig CodeRef.");
			e = UF_EINVAL;
			goto out;
		}
		if ((e = db_q_i_code(im->db, im->study, target, &r)) != UF_OK)
			goto out;
		if (db_res_rows(r) == 0) {
			manage_fail(im->err, "file", "En kodning hänvisar till en kod som inte "
			    "finns i kodboken.");
			e = UF_EINVAL;
			goto out;
		}
		e = db_res_long(r, 0, 0, code);
		break;   /* one code per meaning unit */
	}
out:
	xmlFree(target);
	db_res_free(r);
	return e;
}

static uf_err
import_selection(struct imp *im, const xmlNode *sel, long long doc, long chars)
{
	char *guid = get(sel, "guid"), *a = get(sel, "startPosition"),
	    *b = get(sel, "endPosition"), *who = get(sel, "creatingUser");
	xmlChar *cond = NULL;
	long start, stop;
	long long id, code, coder = im->user;
	uf_err e = UF_EINVAL;

	if (!guid_ok(guid) || !nat(a, QUAL_BODY_CHARS_MAX, &start) ||
	    !nat(b, QUAL_BODY_CHARS_MAX, &stop) || stop <= start || stop > chars) {
		manage_fail(im->err, "file", "En markering har ogiltig guid eller position "
		    "(utanför texten).");
		goto out;
	}
	for (const xmlNode *k = sel->children; k != NULL; k = k->next)
		if (is(k, "Description") && cond == NULL)
			cond = xmlNodeGetContent(k);
	if (cond != NULL && (!utf8_text_ok((char *)cond, strlen((char *)cond)) ||
	    utf8_chars((char *)cond, strlen((char *)cond)) > QUAL_COND_MAX)) {
		manage_fail(im->err, "file", "En kondensering är längre än %d tecken.",
		    QUAL_COND_MAX);
		goto out;
	}
	if ((e = db_q_i_unit(im->db, guid, &id)) != UF_OK)
		goto out;
	if (id != 0) {
		im->n->units_kept++;
		goto out;
	}
	if ((e = selection_code(im, sel, &code)) != UF_OK)
		goto out;
	if (guid_ok(who)) {
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

/* One <TextSource>: an existing document of the study with the same text. */
static uf_err
import_source(struct imp *im, const xmlNode *s)
{
	struct db_res *r = NULL;
	char *guid = get(s, "guid"), *path = get(s, "plainTextPath"), *text = NULL;
	char entry[64];
	size_t len = 0;
	zip_int64_t idx;
	long long doc;
	uf_err e = UF_EINVAL;

	if (!guid_ok(guid) || path == NULL || strncmp(path, "internal://", 11) != 0 ||
	    snprintf(entry, sizeof entry, "Sources/%s", path + 11) >= (int)sizeof entry ||
	    !entry_ok(entry)) {
		manage_fail(im->err, "file", "En text saknar guid eller hänvisar inte till "
		    "en textfil i arkivet (internal://<guid>.txt).");
		goto out;
	}
	if ((idx = zip_name_locate(im->za, entry, 0)) < 0) {
		manage_fail(im->err, "file", "Textfilen %.60s saknas i arkivet.", entry);
		goto out;
	}
	if ((e = entry_read(im->za, idx, QDPX_SOURCE_MAX, &text, &len, im->err)) != UF_OK)
		goto out;
	im->total += len;
	e = UF_ELIMIT;
	if (im->total > QDPX_TOTAL_MAX) {
		manage_fail(im->err, "file", "Arkivet är för stort uppackat.");
		goto out;
	}
	e = UF_EINVAL;
	if ((e = db_q_i_doc(im->db, im->study, guid, &r)) != UF_OK)
		goto out;
	e = UF_EINVAL;
	if (db_res_rows(r) == 0) {
		manage_fail(im->err, "file", "Texten ”%.60s” finns inte i studien: bara "
		    "kodning av studiens egna texter kan läsas in.", guid);
		goto out;
	}
	if (strlen(db_res_get(r, 0, 1)) != len || memcmp(db_res_get(r, 0, 1), text, len) != 0) {
		manage_fail(im->err, "file", "Texten ”%.60s” har ändrats i filen; positionerna "
		    "skulle inte stämma.", guid);
		goto out;
	}
	if ((e = db_res_long(r, 0, 0, &doc)) != UF_OK)
		goto out;
	for (const xmlNode *k = s->children; k != NULL; k = k->next) {
		if (!is(k, "PlainTextSelection"))
			continue;
		if ((e = import_selection(im, k, doc, (long)utf8_chars(text, len))) != UF_OK)
			goto out;
	}
	e = UF_OK;
out:
	xmlFree(guid);
	xmlFree(path);
	free(text);
	db_res_free(r);
	return e;
}

static uf_err
import_project(struct imp *im, const xmlNode *root)
{
	uf_err e;

	for (const xmlNode *k = root->children; k != NULL; k = k->next) {
		if (is(k, "CodeBook")) {
			for (const xmlNode *cs = k->children; cs != NULL; cs = cs->next) {
				if (!is(cs, "Codes"))
					continue;
				for (const xmlNode *c = cs->children; c != NULL; c = c->next)
					if (is(c, "Code") &&
					    (e = import_code(im, c, 1, 0)) != UF_OK)
						return e;
			}
		} else if (is(k, "Sources")) {
			for (const xmlNode *s = k->children; s != NULL; s = s->next) {
				if (s->type != XML_ELEMENT_NODE)
					continue;
				if (!is(s, "TextSource")) {
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
	struct imp im = { db, NULL, study, user, actor, n, err, 0 };
	zip_source_t *src = NULL;
	zip_error_t ze;
	zip_int64_t entries, qde = -1;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	char *xml = NULL;
	size_t xlen = 0;
	bool open = false;
	uf_err e = UF_EINVAL;

	*n = (struct qdpx_counts){ 0 };
	manage_error_clear(err);
	zip_error_init(&ze);
	if (len > QDPX_ZIP_MAX) {
		manage_fail(err, "file", "Filen är för stor (högst 64 MB).");
		e = UF_ELIMIT;
		goto out;
	}
	if ((src = zip_source_buffer_create(zip, len, 0, &ze)) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	if ((im.za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze)) == NULL) {
		manage_fail(err, "file", "Filen är inte ett .qdpx-arkiv (en ZIP-fil).");
		goto out;
	}
	src = NULL;   /* the archive owns it now */
	if ((entries = zip_get_num_entries(im.za, 0)) < 0 || entries > QDPX_ENTRIES_MAX) {
		manage_fail(err, "file", "Arkivet har för många filer.");
		e = UF_ELIMIT;
		goto out;
	}
	for (zip_int64_t i = 0; i < entries; i++) {
		const char *name = zip_get_name(im.za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);

		if (!entry_ok(name)) {
			manage_fail(err, "file", "Arkivet innehåller en fil med ett namn som inte "
			    "hör hemma i ett .qdpx-projekt (till exempel en sökväg utanför "
			    "Sources/).");
			goto out;
		}
		if (strcmp(name, "project.qde") == 0)
			qde = i;
	}
	if (qde < 0) {
		manage_fail(err, "file", "Arkivet saknar project.qde.");
		goto out;
	}
	if ((e = entry_read(im.za, qde, QDPX_QDE_MAX, &xml, &xlen, err)) != UF_OK)
		goto out;
	im.total = xlen;
	e = UF_EINVAL;
	/* no network, no entity substitution, no DTD loading; a document
	 * with a DOCTYPE is refused outright */
	doc = xmlReadMemory(xml, (int)xlen, "project.qde", "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL || doc->intSubset != NULL || doc->extSubset != NULL ||
	    (root = xmlDocGetRootElement(doc)) == NULL || !is(root, "Project")) {
		manage_fail(err, "file", "project.qde är inte ett REFI-QDA-projekt "
		    "(Project i namnrymden " QDA_NS ", utan DOCTYPE).");
		goto out;
	}
	if ((e = db_begin(db)) != UF_OK)
		goto out;
	open = true;
	if ((e = import_project(&im, root)) != UF_OK)
		goto out;
	if ((e = db_m_audit(db, actor, "qual.import", NULL, NULL)) != UF_OK)
		goto out;
	e = db_commit(db);
	open = false;
out:
	if (open)
		db_rollback(db);
	if (e != UF_OK)
		*n = (struct qdpx_counts){ 0 };
	if (doc != NULL)
		xmlFreeDoc(doc);
	free(xml);
	if (im.za != NULL)
		zip_discard(im.za);
	zip_source_free(src);
	zip_error_fini(&ze);
	return e;
}
