/* SPDX-License-Identifier: ISC
 * REFI-QDA interchange: a study's documents, code tree and codings as a
 * .qdpx project (a ZIP holding project.qde, REFI-QDA Project XML 1.0, and
 * Sources/<guid>.txt with each text) and the same format read back:
 * codes and codings on the same documents, matched by guid. The import
 * treats the file as hostile: size limits on the archive and on each
 * entry (declared and actually read), strict entry names (no paths
 * outside Sources/), no DTD or entities, everything checked before one
 * transaction writes anything.
 */
#ifndef UF_MANAGE_QUAL_QDPX_H
#define UF_MANAGE_QUAL_QDPX_H
#include <stddef.h>

#include "buf.h"
#include "db.h"
#include "err.h"
#include "study.h"

#define QDPX_ZIP_MAX     ((size_t)64 * 1024 * 1024) /* the archive */
#define QDPX_ENTRIES_MAX 20000
#define QDPX_QDE_MAX     ((size_t)32 * 1024 * 1024)  /* project.qde */
#define QDPX_SOURCE_MAX  ((size_t)512 * 1024)        /* each Sources/ text */
#define QDPX_TOTAL_MAX   ((size_t)256 * 1024 * 1024) /* all entries, unpacked */

/* Write the .qdpx of study into out (its max applies): every document,
 * the code tree, and the meaning units viewer may see (a coder in an open
 * double coding exports only their own there). */
uf_err qdpx_export(struct db *db, long long study, long long viewer,
    struct buf *out, struct manage_error *err);

struct qdpx_counts {
	long long codes_added;
	long long units_added;
	long long units_kept; /* already there (same guid) */
};

/* Read a .qdpx (zip[0..len)) into study: new codes and meaning units;
 * coders matched by their guid, else user. UF_EINVAL / UF_ELIMIT with err
 * (nothing written). */
uf_err qdpx_import(struct db *db, long long study, long long user,
    const char *actor, const void *zip, size_t len, struct qdpx_counts *n,
    struct manage_error *err);

#endif
