/* SPDX-License-Identifier: ISC
 * Reading a .qdpx archive without the database: the ZIP container (size,
 * entry count and names, each entry's size declared and unpacked), the
 * project.qde XML (no DTD, no entities, no network) and a check of the
 * whole project -- code tree, text sources and their selections -- before
 * qdpx_import opens a transaction. Pure (libzip, libxml2, lib/utf8), so
 * tests/fuzz/ runs it as it is.
 */
#ifndef UF_MANAGE_QUAL_QDPX_READ_H
#define UF_MANAGE_QUAL_QDPX_READ_H
#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>
#include <zip.h>

#include "err.h"

#define QDA_NS "urn:QDA-XML:project:1.0"

struct qdpx_read {
	zip_t *za;
	xmlDocPtr doc;
	const xmlNode *root; /* <Project> */
	size_t total;        /* bytes unpacked so far */
	char msg[256];       /* why the archive is refused (Swedish), or "" */
};

/* Open zip[0..len) (borrowed until qdpx_read_close) and parse its
 * project.qde. UF_EINVAL / UF_ELIMIT with r->msg; always close r. */
uf_err qdpx_read_open(struct qdpx_read *r, const void *zip, size_t len);
/* The text of a TextSource's plainTextPath ("internal://<guid>.txt"):
 * *text (caller frees; NUL-terminated) of *len bytes, counted into the
 * archive's total. UF_EINVAL / UF_ELIMIT with r->msg. */
uf_err qdpx_read_source(struct qdpx_read *r, const char *path, char **text,
    size_t *len);
/* The whole project without the database: codes nested at most three
 * deep with guids and names, only text sources, each text present within
 * the limits and valid UTF-8, each selection with a guid, a range (that
 * it fits its text the import checks, after comparing the text with the
 * study's), a condensation within its limit and a CodeRef to a guid. */
uf_err qdpx_read_check(struct qdpx_read *r);
void qdpx_read_close(struct qdpx_read *r);

/* Helpers the import shares. */
bool qdpx_guid_ok(const char *s);                   /* 36 hex-and-dash, optionally in {} */
bool qdpx_nat(const char *s, long max, long *v);    /* strict 0..max */
bool qdpx_is(const xmlNode *n, const char *name);   /* element in QDA_NS */
char *qdpx_get(const xmlNode *n, const char *name); /* attribute, xmlFree */

#endif
