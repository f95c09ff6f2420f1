/* SPDX-License-Identifier: ISC
 * The data layer of qualitative coding (schema/0020): its statements live
 * in db_qual.c and are prepared in the same table as db_manage.c's (after
 * them, from db_qual_base on). Typed db_q_*() functions; results that hold
 * rows name their columns by the enums below, never by bare numbers.
 */
#ifndef UF_MANAGE_DB_QUAL_H
#define UF_MANAGE_DB_QUAL_H
#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "err.h"

/* Room for qualitative coding's statements in the shared table. */
#define DB_QUAL_STMTS_MAX 48
extern const struct db_stmt db_qual_stmts[];
extern const size_t db_qual_nstmts;
/* Index of db_qual_stmts[0] in the connection's table (db_manage.c). */
extern const size_t db_qual_base;

/* Documents of a study. */
enum qdoc_col {
	QD_ID,
	QD_KIND /* answer | transcript */,
	QD_MONTHS,
	QD_GRP,
	QD_UNIT_KIND /* "" when none */,
	QD_PANEL /* "" when none */,
	QD_TITLE /* transcript title or item id */,
	QD_CHARS,
	QD_UNITS,
	QD_TEXT /* db_q_doc_get only */,
	QD_GUID /* db_q_doc_get only */,
	QD__MAX
};
/* Make every submitted free-text answer of study a document (idempotent). */
uf_err db_q_sync(struct db *db, long long study);
/* Filters are NULL for "any"; code: documents with a meaning unit coded
 * under it (visible to viewer). At most 500 rows. */
uf_err db_q_doc_list(struct db *db, long long study, const char *months,
    const char *grp, const char *unit_kind, const char *code, long long viewer,
    struct db_res **out);
/* One document of study with its text; 0 rows when unknown. */
uf_err db_q_doc_get(struct db *db, long long study, long long document,
    struct db_res **out);
/* Store a transcript; *id = 0 when the wave (or the participant in the
 * group, when panel is not NULL) is unknown. */
uf_err db_q_transcript_insert(struct db *db, long long study, int months,
    const char *grp, const char *panel, const char *title, const char *body,
    long long user, long long *id);

/* Meaning units. */
enum qunit_col {
	QU_ID,
	QU_START,
	QU_END,
	QU_SPAN,
	QU_COND,
	QU_CODE_ID /* "" uncoded */,
	QU_CODE_PATH /* "Kategori › Subkategori › Kod" */,
	QU_CODER,
	QU_CODER_ID,
	QU_DOCUMENT,
	QU_MONTHS,
	QU_GRP,
	QU__MAX
};
/* A document's meaning units that viewer may see, in text order. */
uf_err db_q_unit_list(struct db *db, long long document, long long viewer,
    struct db_res **out);
/* Every meaning unit viewer may see coded at or under code. */
uf_err db_q_unit_by_code(struct db *db, long long study, long long code,
    long long viewer, struct db_res **out);
/* Insert a unit over [start, end) of document's text (copied from it);
 * code may be 0 (uncoded). *id = 0 when the document is not in study, the
 * range is beyond the text or the code is not in study. */
uf_err db_q_unit_insert(struct db *db, long long study, long long document,
    long start, long end, const char *condensation, long long code,
    long long coder, const char *guid, long long *id);
/* Delete coder's own unit; *document = its document, 0 when none. */
uf_err db_q_unit_delete(struct db *db, long long unit, long long coder,
    long long *document);

/* The code tree, in tree order. */
enum qcode_col {
	QC_ID,
	QC_PARENT /* 0 for a kategori */,
	QC_LEVEL,
	QC_NAME,
	QC_GUID,
	QC_UNITS /* meaning units coded with this very code */,
	QC_DEPTH_PATH,
	QC__MAX
};
uf_err db_q_code_list(struct db *db, long long study, struct db_res **out);
/* One code of study; 0 rows when unknown. Same columns. */
uf_err db_q_code_get(struct db *db, long long study, long long code,
    struct db_res **out);
/* parent 0: a kategori. *id = 0 when a sibling has the name. */
uf_err db_q_code_insert(struct db *db, long long study, long long parent,
    int level, const char *name, long long *id);
uf_err db_q_code_rename(struct db *db, long long study, long long code,
    const char *name, bool *done);
uf_err db_q_code_move(struct db *db, long long study, long long code,
    long long parent, bool *done);
/* Merge from into (same level): its units and children go to into, then
 * from is deleted. */
uf_err db_q_code_merge(struct db *db, long long study, long long from,
    long long into);
/* History. kind: create|rename|move|merge; 0 = none for the ids. */
uf_err db_q_event(struct db *db, long long study, const char *kind,
    long long code, const char *old_name, const char *new_name,
    long long old_parent, long long new_parent, long long into,
    const char *actor);
enum qevent_col { QE_AT,
	QE_ACTOR,
	QE_KIND,
	QE_OLD,
	QE_NEW,
	QE__MAX };
uf_err db_q_event_list(struct db *db, long long study, struct db_res **out);

/* Double-coding sets. */
enum qset_col {
	QS_ID,
	QS_NAME,
	QS_CODER_A,
	QS_CODER_B,
	QS_A_DONE,
	QS_B_DONE,
	QS_DOCS,
	QS_CODER_A_ID,
	QS_CODER_B_ID,
	QS__MAX
};
/* *id = 0 when either user is unknown or not an evaluator or admin, or a
 * set has the name. */
uf_err db_q_set_insert(struct db *db, long long study, const char *name,
    const char *coder_a, const char *coder_b, const char *actor, long long *id);
/* *added false when the document is not in the set's study (or already in). */
uf_err db_q_set_add(struct db *db, long long set, long long document,
    bool *added);
uf_err db_q_set_list(struct db *db, long long study, struct db_res **out);
uf_err db_q_set_get(struct db *db, long long study, long long set,
    struct db_res **out);
/* Mark user done in the set; *done false when user is not one of its coders. */
uf_err db_q_set_done(struct db *db, long long set, long long user, bool *done);
/* The set's documents: document id, text. */
enum qsetdoc_col { QSD_DOCUMENT,
	QSD_TEXT,
	QSD_TITLE,
	QSD__MAX };
uf_err db_q_set_docs(struct db *db, long long set, struct db_res **out);
/* The coders' coded units on the set's documents with their kategori. */
enum qsetunit_col { QSU_DOCUMENT,
	QSU_CODER,
	QSU_START,
	QSU_END,
	QSU_CATEGORY,
	QSU__MAX };
uf_err db_q_set_units(struct db *db, long long set, struct db_res **out);

/* REFI-QDA interchange. */
enum qxdoc_col { QXD_GUID,
	QXD_NAME,
	QXD_TEXT,
	QXD_MONTHS,
	QXD_GRP,
	QXD_PANEL,
	QXD__MAX };
uf_err db_q_x_docs(struct db *db, long long study, struct db_res **out);
/* Units viewer may see, by document: document guid, unit guid, start, end,
 * condensation, code guid ("" uncoded), user guid, coding guid. */
enum qxunit_col { QXU_DOC,
	QXU_GUID,
	QXU_START,
	QXU_END,
	QXU_COND,
	QXU_CODE,
	QXU_USER,
	QXU_CODING,
	QXU__MAX };
uf_err db_q_x_units(struct db *db, long long study, long long viewer,
    struct db_res **out);
enum qxuser_col { QXS_GUID,
	QXS_NAME,
	QXS__MAX };
uf_err db_q_x_users(struct db *db, long long study, long long viewer,
    struct db_res **out);
/* Import look-ups by guid: a document (id, text), a code (id, parent,
 * level, name), a unit's id, a user's id (0: none). */
uf_err db_q_i_doc(struct db *db, long long study, const char *guid,
    struct db_res **out);
uf_err db_q_i_code(struct db *db, long long study, const char *guid,
    struct db_res **out);
uf_err db_q_i_code_insert(struct db *db, long long study, long long parent,
    int level, const char *name, const char *guid, long long *id);
uf_err db_q_i_unit(struct db *db, const char *guid, long long *id);
uf_err db_q_i_user(struct db *db, const char *guid, long long *id);

/* Report text (authored sections): the latest version of each section
 * of one report (months NULL for the slutrapport). */
enum qtext_col { QT_SECTION,
	QT_CODE,
	QT_VERSION,
	QT_BODY,
	QT_AUTHOR,
	QT_AT,
	QT__MAX };
uf_err db_q_text_current(struct db *db, long long study, const char *kind,
    const char *months, struct db_res **out);
/* Save version expected + 1; *version = 0 when expected is not the latest
 * (someone saved in between) or code is not a kategori of the study. */
uf_err db_q_text_save(struct db *db, long long study, const char *kind,
    const char *months, const char *section, long long code, long long expected,
    const char *body, const char *author, long long *version);

#endif
