/* SPDX-License-Identifier: ISC
 * The .qdpx reader (qual_qdpx_read.h): the archive as hostile input,
 * checked whole before anything reaches the database. Every limit is
 * qual_qdpx.h's; messages are the ones a person sees on the import page.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "qual.h"
#include "qual_qdpx.h"
#include "qual_qdpx_read.h"
#include "qual_text.h"
#include "utf8.h"

static uf_err refuse(struct qdpx_read *r, uf_err e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static uf_err
refuse(struct qdpx_read *r, uf_err e, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(r->msg, sizeof r->msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		r->msg[0] = '\0';
	else if ((size_t)n >= sizeof r->msg) /* a name cut: whole characters */
		r->msg[utf8_whole_prefix(r->msg, sizeof r->msg - 1)] = '\0';
	return e;
}

bool
qdpx_guid_ok(const char *s)
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

		if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
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
	return qdpx_guid_ok(g);
}

/* An entry's bytes, at most max: the declared size is checked first and
 * the bytes actually unpacked again (a lying header cannot get past). */
static uf_err
entry_read(struct qdpx_read *rd, zip_int64_t idx, size_t max, char **out,
    size_t *len)
{
	zip_stat_t st;
	zip_file_t *f = NULL;
	char *b = NULL;
	zip_int64_t r = 0;
	size_t got = 0;
	uf_err e;

	*out = NULL;
	zip_stat_init(&st);
	if (zip_stat_index(rd->za, (zip_uint64_t)idx, 0, &st) < 0 ||
	    !(st.valid & ZIP_STAT_SIZE)) {
		e = refuse(rd, UF_EINVAL, "Filen är inte ett giltigt .qdpx-arkiv.");
		goto out;
	}
	if (st.size > max) {
		e = refuse(rd, UF_ELIMIT, "En fil i arkivet är för stor (uppackad).");
		goto out;
	}
	/* room for the declared size and one byte more, which must stay
	 * unread: memory follows what the header says, never the limit */
	if ((b = malloc((size_t)st.size + 2)) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	if ((f = zip_fopen_index(rd->za, (zip_uint64_t)idx, 0)) == NULL) {
		e = refuse(rd, UF_EINVAL, "En fil i arkivet går inte att packa upp.");
		goto out;
	}
	while (got <= (size_t)st.size &&
	    (r = zip_fread(f, b + got, (size_t)st.size + 1 - got)) > 0) {
		got += (size_t)r;
		if (got > (size_t)st.size) {
			e = refuse(rd, UF_ELIMIT, "En fil i arkivet är större än den uppger.");
			goto out;
		}
	}
	if (r < 0) {
		e = refuse(rd, UF_EINVAL, "En fil i arkivet är skadad.");
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

bool
qdpx_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, BAD_CAST QDA_NS) && xmlStrEqual(n->name, BAD_CAST name);
}

char *
qdpx_get(const xmlNode *n, const char *name)
{
	return (char *)xmlGetNoNsProp(n, BAD_CAST name);
}

bool
qdpx_nat(const char *s, long max, long *v)
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

uf_err
qdpx_read_open(struct qdpx_read *r, const void *zip, size_t len)
{
	zip_source_t *src = NULL;
	zip_error_t ze;
	zip_int64_t entries, qde = -1;
	char *xml = NULL;
	size_t xlen = 0;
	uf_err e;

	memset(r, 0, sizeof *r);
	zip_error_init(&ze);
	if (len > QDPX_ZIP_MAX) {
		e = refuse(r, UF_ELIMIT, "Filen är för stor (högst 64 MB).");
		goto out;
	}
	if ((src = zip_source_buffer_create(zip, len, 0, &ze)) == NULL) {
		e = UF_ENOMEM;
		goto out;
	}
	if ((r->za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze)) == NULL) {
		e = refuse(r, UF_EINVAL, "Filen är inte ett .qdpx-arkiv (en ZIP-fil).");
		goto out;
	}
	src = NULL; /* the archive owns it now */
	if ((entries = zip_get_num_entries(r->za, 0)) < 0 || entries > QDPX_ENTRIES_MAX) {
		e = refuse(r, UF_ELIMIT, "Arkivet har för många filer.");
		goto out;
	}
	for (zip_int64_t i = 0; i < entries; i++) {
		const char *name = zip_get_name(r->za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);

		if (!entry_ok(name)) {
			e = refuse(r, UF_EINVAL, "Arkivet innehåller en fil med ett namn som "
			                         "inte hör hemma i ett .qdpx-projekt (till exempel en sökväg utanför "
			                         "Sources/).");
			goto out;
		}
		if (strcmp(name, "project.qde") == 0)
			qde = i;
	}
	if (qde < 0) {
		e = refuse(r, UF_EINVAL, "Arkivet saknar project.qde.");
		goto out;
	}
	if ((e = entry_read(r, qde, QDPX_QDE_MAX, &xml, &xlen)) != UF_OK)
		goto out;
	r->total = xlen;
	/* no network, no entity substitution, no DTD loading; a document
	 * with a DOCTYPE is refused outright */
	r->doc = xmlReadMemory(xml, (int)xlen, "project.qde", "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (r->doc == NULL || r->doc->intSubset != NULL || r->doc->extSubset != NULL ||
	    (r->root = xmlDocGetRootElement(r->doc)) == NULL || !qdpx_is(r->root, "Project")) {
		e = refuse(r, UF_EINVAL, "project.qde är inte ett REFI-QDA-projekt "
		                         "(Project i namnrymden " QDA_NS ", utan DOCTYPE).");
		goto out;
	}
	e = UF_OK;
out:
	free(xml);
	zip_source_free(src);
	zip_error_fini(&ze);
	return e;
}

uf_err
qdpx_read_source(struct qdpx_read *r, const char *path, char **text, size_t *len)
{
	char entry[64];
	zip_int64_t idx;
	uf_err e;

	*text = NULL;
	if (path == NULL || strncmp(path, "internal://", 11) != 0 ||
	    snprintf(entry, sizeof entry, "Sources/%s", path + 11) >= (int)sizeof entry ||
	    !entry_ok(entry))
		return refuse(r, UF_EINVAL, "En text saknar guid eller hänvisar inte till "
		                            "en textfil i arkivet (internal://<guid>.txt).");
	if ((idx = zip_name_locate(r->za, entry, 0)) < 0)
		return refuse(r, UF_EINVAL, "Textfilen %.60s saknas i arkivet.", entry);
	if ((e = entry_read(r, idx, QDPX_SOURCE_MAX, text, len)) != UF_OK)
		return e;
	r->total += *len;
	if (r->total > QDPX_TOTAL_MAX) {
		free(*text);
		*text = NULL;
		return refuse(r, UF_ELIMIT, "Arkivet är för stort uppackat.");
	}
	return UF_OK;
}

static uf_err
check_code(struct qdpx_read *r, const xmlNode *c, int level)
{
	char *guid = qdpx_get(c, "guid"), *name = qdpx_get(c, "name");
	uf_err e = UF_OK;

	if (level > 3)
		e = refuse(r, UF_EINVAL, "Kodträdet har fler än tre nivåer (kategori, "
		                         "subkategori, kod).");
	else if (!qdpx_guid_ok(guid) || name == NULL)
		e = refuse(r, UF_EINVAL, "En kod saknar giltig guid eller namn (1–%d tecken).",
		    QUAL_NAME_MAX);
	for (const xmlNode *k = c->children; k != NULL && e == UF_OK; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || qdpx_is(k, "Description") ||
		    qdpx_is(k, "NoteRef"))
			continue;
		e = qdpx_is(k, "Code") ? check_code(r, k, level + 1) :
		                         refuse(r, UF_EINVAL, "Okänt element i kodboken.");
	}
	xmlFree(guid);
	xmlFree(name);
	return e;
}

/* A selection's own form. Whether its range fits is the import's to say,
 * after it compared the text with the study's: a changed text is the
 * better reason to give than a range beyond it. */
static uf_err
check_selection(struct qdpx_read *r, const xmlNode *sel)
{
	char *guid = qdpx_get(sel, "guid"), *a = qdpx_get(sel, "startPosition"),
	     *b = qdpx_get(sel, "endPosition"), *target = NULL;
	xmlChar *cond = NULL;
	long start, stop;
	uf_err e = UF_OK;

	if (!qdpx_guid_ok(guid) || !qdpx_nat(a, QUAL_BODY_CHARS_MAX, &start) ||
	    !qdpx_nat(b, QUAL_BODY_CHARS_MAX, &stop) || stop <= start) {
		e = refuse(r, UF_EINVAL, "En markering har ogiltig guid eller position "
		                         "(utanför texten).");
		goto out;
	}
	for (const xmlNode *k = sel->children; k != NULL; k = k->next) {
		if (qdpx_is(k, "Description") && cond == NULL)
			cond = xmlNodeGetContent(k);
		if (!qdpx_is(k, "Coding") || target != NULL)
			continue;
		for (const xmlNode *c = k->children; c != NULL && target == NULL; c = c->next)
			if (qdpx_is(c, "CodeRef"))
				target = qdpx_get(c, "targetGUID");
		if (!qdpx_guid_ok(target)) {
			e = refuse(r, UF_EINVAL, "En kodning saknar en giltig CodeRef.");
			goto out;
		}
	}
	if (cond != NULL && (!utf8_text_ok((char *)cond, strlen((char *)cond)) || utf8_chars((char *)cond, strlen((char *)cond)) > QUAL_COND_MAX))
		e = refuse(r, UF_EINVAL, "En kondensering är längre än %d tecken.",
		    QUAL_COND_MAX);
out:
	xmlFree(guid);
	xmlFree(a);
	xmlFree(b);
	xmlFree(target);
	xmlFree(cond);
	return e;
}

static uf_err
check_source(struct qdpx_read *r, const xmlNode *s)
{
	char *guid = qdpx_get(s, "guid"), *path = qdpx_get(s, "plainTextPath"), *text = NULL;
	size_t len = 0;
	uf_err e;

	if (!qdpx_guid_ok(guid)) {
		e = refuse(r, UF_EINVAL, "En text saknar guid eller hänvisar inte till "
		                         "en textfil i arkivet (internal://<guid>.txt).");
		goto out;
	}
	if ((e = qdpx_read_source(r, path, &text, &len)) != UF_OK)
		goto out;
	if (!utf8_valid(text, len) || strlen(text) != len) {
		e = refuse(r, UF_EINVAL, "Texten %.60s är inte UTF-8.", guid);
		goto out;
	}
	for (const xmlNode *k = s->children; k != NULL && e == UF_OK; k = k->next)
		if (qdpx_is(k, "PlainTextSelection"))
			e = check_selection(r, k);
out:
	xmlFree(guid);
	xmlFree(path);
	free(text);
	return e;
}

uf_err
qdpx_read_check(struct qdpx_read *r)
{
	const size_t before = r->total;
	uf_err e = UF_OK;

	for (const xmlNode *k = r->root->children; k != NULL && e == UF_OK; k = k->next) {
		if (qdpx_is(k, "CodeBook")) {
			for (const xmlNode *cs = k->children; cs != NULL && e == UF_OK; cs = cs->next)
				for (const xmlNode *c = qdpx_is(cs, "Codes") ? cs->children : NULL;
				     c != NULL && e == UF_OK; c = c->next)
					if (qdpx_is(c, "Code"))
						e = check_code(r, c, 1);
		} else if (qdpx_is(k, "Sources")) {
			for (const xmlNode *s = k->children; s != NULL && e == UF_OK; s = s->next) {
				if (s->type != XML_ELEMENT_NODE)
					continue;
				e = qdpx_is(s, "TextSource") ? check_source(r, s) :
				                               refuse(r, UF_EINVAL, "Bara texter kan läsas in (inga bilder, "
				                                                    "PDF, ljud eller video).");
			}
		}
	}
	/* the import reads the texts once more: count them once */
	if (e == UF_OK)
		r->total = before;
	return e;
}

void
qdpx_read_close(struct qdpx_read *r)
{
	if (r->doc != NULL)
		xmlFreeDoc(r->doc);
	if (r->za != NULL)
		zip_discard(r->za);
	r->doc = NULL;
	r->za = NULL;
	r->root = NULL;
}
