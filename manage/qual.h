/* SPDX-License-Identifier: ISC
 * Qualitative content analysis, the operations shared by the admin web
 * and the CLI: documents (free-text answers, uploaded transcripts),
 * meaning units and their codes, the code tree with its history, and
 * independent double coding with agreement per kategori. Each operation
 * begins and commits its own transaction; rows come from db_qual.h.
 */
#ifndef UF_MANAGE_QUAL_H
#define UF_MANAGE_QUAL_H
#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "db_qual.h"
#include "err.h"
#include "qual_kappa.h"
#include "study.h"

#define QUAL_NAME_MAX      200  /* code, set and transcript names, characters */
#define QUAL_COND_MAX      2000 /* a condensation, characters */
#define QUAL_LEVEL_NAME(l) ((l) == 1 ? "Kategori" : (l) == 2 ? "Subkategori" : \
	                                                       "Kod")

/* Filters of the document list; NULL: any. */
struct qual_filter {
	const char *months;    /* digits */
	const char *grp;       /* respondent_group */
	const char *unit_kind; /* unit_kind */
	const char *code;      /* code id, digits */
};

/* The documents of study (free-text answers made documents first); the
 * caller frees *out with db_rows_free(&out->own). */
uf_err qual_doc_list(struct db *db, long long study, const struct qual_filter *f,
    long long viewer, struct q_docs *out, struct manage_error *err);

/* Store an uploaded transcript or note (body[0..len), checked by
 * qual_body_check) for a wave and group, tied to a participant when panel
 * is not NULL. UF_EINVAL / UF_ELIMIT / UF_ENOTFOUND with err. */
uf_err qual_transcript_add(struct db *db, long long study, int months,
    const char *grp, const char *panel, const char *title, const char *body,
    size_t len, long long user, const char *actor, long long *id,
    struct manage_error *err);

/* A meaning unit over characters [start, end) of document, by coder. */
uf_err qual_unit_add(struct db *db, long long study, long long document,
    long start, long end, const char *condensation, long long code,
    long long coder, long long *id, struct manage_error *err);
/* Remove coder's own unit; *document its document. */
uf_err qual_unit_remove(struct db *db, long long unit, long long coder,
    long long *document, struct manage_error *err);

/* The tree. parent 0: a new kategori. Each change is an event. */
uf_err qual_code_add(struct db *db, long long study, long long parent,
    const char *name, const char *actor, long long *id,
    struct manage_error *err);
uf_err qual_code_rename(struct db *db, long long study, long long code,
    const char *name, const char *actor, struct manage_error *err);
/* Move code under parent (one level up from it). */
uf_err qual_code_move(struct db *db, long long study, long long code,
    long long parent, const char *actor, struct manage_error *err);
/* Merge from into into (same level); from's units and children move. */
uf_err qual_code_merge(struct db *db, long long study, long long from,
    long long into, const char *actor, struct manage_error *err);

/* A double-coding set of documents for two coders (user names). */
uf_err qual_set_create(struct db *db, long long study, const char *name,
    const char *coder_a, const char *coder_b, const long long *docs,
    size_t ndocs, const char *actor, long long *id, struct manage_error *err);
/* user says they are done coding the set. */
uf_err qual_set_done(struct db *db, long long study, long long set,
    long long user, struct manage_error *err);

/* Agreement of one kategori over the set's segments. */
struct qual_agreement {
	long long category;
	char name[QUAL_NAME_MAX * 4 + 1];
	struct kappa_counts counts;
	struct kappa_result r;
};
/* Agreement per kategori of the study (every one, used or not), once both
 * coders are done: *out (caller frees with free()) holds *n rows and
 * *segments the number of segments. UF_ECONFLICT with err while a coder
 * is not done. */
uf_err qual_set_agreement(struct db *db, long long study, long long set,
    struct qual_agreement **out, size_t *n, long long *segments,
    struct manage_error *err);

#endif
