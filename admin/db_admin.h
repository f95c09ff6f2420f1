/* SPDX-License-Identifier: ISC
 * The data layer of uppfolj-admin: typed db_<thing>_<op>() functions over the
 * statement tables in db_admin.c. Callers pass C values; nothing here decides
 * policy (what is an error for the user is the subcommand's business).
 */
#ifndef UF_ADMIN_DB_ADMIN_H
#define UF_ADMIN_DB_ADMIN_H
#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "err.h"

#define SHA256_HEX_LEN 64

/* --- migrate: public.uppfolj_migration only ---------------------------- */

/* Connect for migrate: create public.uppfolj_migration if missing (on a
 * first connection, since statements are prepared at connect time and need
 * the table), then connect again with the migration statements and take
 * the session-wide migrate lock so two runs never interleave. */
uf_err db_migrate_connect(const char *conninfo, struct db **out);

struct mig_row {
	int version;
	char name[128];
	char sha256[SHA256_HEX_LEN + 1];
};

/* Every applied migration, ascending. *out is malloc'ed (caller frees),
 * NULL when none. */
uf_err db_migration_list(struct db *db, struct mig_row **out, size_t *n);
/* Record file `name` as applied (inside the caller's transaction). */
uf_err db_migration_insert(struct db *db, int version, const char *name,
    const char *sha256);

/* --- everything else: the uppfolj schema ------------------------------- */

/* Connect with the admin statements (needs the schema to exist). */
uf_err db_admin_connect(const char *conninfo, struct db **out);

/* sha256 of a stored instrument version; *found false when absent. */
uf_err db_instrument_sha(struct db *db, const char *id, int version,
    char sha[SHA256_HEX_LEN + 1], bool *found);
uf_err db_instrument_insert(struct db *db, const char *id, int version,
    const char *grp, const char *title, const char *json, const char *sha);
uf_err db_instrument_item_insert(struct db *db, const char *id, int version,
    const char *item_id, int position, const char *theme, const char *type);
/* A stored instrument version's definition (JSON text) into *out (free);
 * UF_ENOTFOUND when it is not stored. */
uf_err db_instrument_definition(struct db *db, const char *id, int version,
    char **out);
/* The newest revision of a translation (0 and "" when none) and its sha256. */
uf_err db_translation_latest(struct db *db, const char *id, int version,
    const char *lang, int *revision, char sha[SHA256_HEX_LEN + 1]);
uf_err db_translation_insert(struct db *db, const char *id, int version,
    const char *lang, int revision, bool machine_assisted, const char *json,
    const char *sha);

/* Append to the audit log as actor "uppfolj-admin". object and detail_json
 * may be NULL. */
uf_err db_audit_add(struct db *db, const char *action, const char *object,
    const char *detail_json);

uf_err db_study_find(struct db *db, const char *slug, long long *id, bool *found);
uf_err db_study_insert(struct db *db, const char *slug, const char *name,
    const char *start_date, bool synthetic, long long *id);
uf_err db_unit_insert(struct db *db, long long study, const char *name,
    const char *kind, const char *huvudman, const char *report_label,
    long long *id);
uf_err db_wave_insert(struct db *db, long long study, int months,
    const char *opens_on, const char *closes_on, long long *id);
uf_err db_wave_instrument_insert(struct db *db, long long wave, const char *grp,
    const char *instrument, int version);
/* expires_at is a timestamptz literal; hash_bytea from code_hash_bytea. */
uf_err db_access_code_insert(struct db *db, long long participant,
    long long wave, const char *hash_bytea, const char *expires_at);

/* Bulk loads in COPY text format; finish each with db_copy_put/db_copy_end.
 * participant: study_id, panel_id, grp, unit_id, synthetic, created_at
 * consent:     participant_id, wave_id, info_version, decision, decided_at
 * response:    submission_id, participant_id, wave_id, instrument_id, version,
 *              status, started_at, updated_at, submitted_at
 * answer:      response_id, instrument_id, version, item_id, dont_know, declined,
 *              value_int, value_text, value_choices, value_date */
uf_err db_participant_copy_begin(struct db *db);
uf_err db_consent_copy_begin(struct db *db);
uf_err db_response_copy_begin(struct db *db);
uf_err db_answer_copy_begin(struct db *db);

/* Call fn for each participant of a study (panel_id, participant_id). */
uf_err db_participant_each(struct db *db, long long study,
    uf_err (*fn)(void *ctx, const char *panel_id, long long id), void *ctx);
/* Call fn for each response of a study (panel_id, wave months, response_id). */
uf_err db_response_each(struct db *db, long long study,
    uf_err (*fn)(void *ctx, const char *panel_id, int months, long long id),
    void *ctx);

struct demo_count {
	int months;
	char grp[16];
	long long participants; /* with a response in this wave */
	long long responses;
	long long answers;
	long long declined; /* consent declined */
};
/* Counts per wave and group for a study, ordered by months then group.
 * *out is malloc'ed (caller frees). */
uf_err db_study_counts(struct db *db, long long study, struct demo_count **out,
    size_t *n);

/* The demo's qualitative material (admin/demo_qual.c), inside the caller's
 * transaction. A coder is an evaluator user made once (an existing user of
 * that name is kept as it is); ids are 0 for "none" (participant, code). */
/* First, in the transaction: the search path schema/0020's triggers need. */
uf_err db_qual_begin(struct db *db);
uf_err db_qual_coder(struct db *db, const char *username, const char *pw_hash,
    long long *id);
uf_err db_qual_code_insert(struct db *db, long long study, long long parent,
    int level, const char *name, const char *guid, const char *actor,
    long long *id);
uf_err db_qual_doc_insert(struct db *db, long long study, long long wave,
    const char *grp, long long participant, const char *title, const char *body,
    long long uploader, const char *guid, long long *id);
/* A meaning unit over characters [start, end) of a transcript. */
uf_err db_qual_unit_insert(struct db *db, long long document, long start,
    long end, const char *condensation, long long code, long long coder,
    const char *guid, long long *id);
/* A double-coding set both coders have finished. */
uf_err db_qual_set_insert(struct db *db, long long study, const char *name,
    long long coder_a, long long coder_b, long long *id);
uf_err db_qual_set_doc(struct db *db, long long set, long long document);
/* Version 1 of a section (code 0) or a kategori's reflection; kind
 * "delrapport" with months, "slutrapport" with months 0. */
uf_err db_qual_text_insert(struct db *db, long long study, const char *kind,
    int months, const char *section, long long code, const char *body,
    const char *author);

#endif
