/* SPDX-License-Identifier: ISC
 * The data layer of qualitative coding (schema/0020): its statements live
 * in db_qual.c and are prepared in the same table as db_manage.c's (after
 * them, from db_qual_base on). Typed db_q_*() functions; a read fills
 * structs (typed rows), so column positions live only in db_qual.c.
 */
#ifndef UF_MANAGE_DB_QUAL_H
#define UF_MANAGE_DB_QUAL_H
#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "db_rows.h"
#include "err.h"

/* Room for qualitative coding's statements in the shared table. */
#define DB_QUAL_STMTS_MAX 48
extern const struct db_stmt db_qual_stmts[];
extern const size_t db_qual_nstmts;
/* Index of db_qual_stmts[0] in the connection's table (db_manage.c). */
extern const size_t db_qual_base;

/* Every list below holds its rows in own: free it with db_rows_free(&own).
 * Strings are borrowed from the list ("" for none, NULL for a column the
 * statement does not read). */

/* Documents of a study. */
struct q_doc {
	long long id;
	bool transcript;       /* uploaded (a transcript or note), not an answer */
	int months;            /* its wave */
	const char *grp;       /* respondent_group */
	const char *unit_kind; /* "" when none */
	const char *panel;     /* "" when none */
	const char *title;     /* transcript title or item id */
	long long chars;       /* length of the text in characters */
	long long units;       /* meaning units the viewer may see (lists only) */
	const char *text;      /* db_q_doc_get and db_q_i_doc only, else NULL */
	const char *guid;      /* db_q_doc_get only, else NULL */
};
struct q_docs {
	struct q_doc *row;
	int n;
	struct db_rows own;
};
/* Make every submitted free-text answer of study a document (idempotent). */
uf_err db_q_sync(struct db *db, long long study);
/* Filters are NULL for "any"; code: documents with a meaning unit coded
 * under it (visible to viewer). At most 500 rows. */
uf_err db_q_doc_list(struct db *db, long long study, const char *months,
    const char *grp, const char *unit_kind, const char *code, long long viewer,
    struct q_docs *out);
/* One document of study with its text; 0 rows when unknown. */
uf_err db_q_doc_get(struct db *db, long long study, long long document,
    struct q_docs *out);
/* Store a transcript; *id = 0 when the wave (or the participant in the
 * group, when panel is not NULL) is unknown. */
uf_err db_q_transcript_insert(struct db *db, long long study, int months,
    const char *grp, const char *panel, const char *title, const char *body,
    long long user, long long *id);

/* Meaning units. */
struct q_unit {
	long long id;
	int start, end;        /* characters [start, end) of the document */
	const char *span;      /* the text there */
	const char *cond;      /* condensation, "" when none */
	const char *code_path; /* "Kategori › Subkategori › Kod", "" uncoded */
	const char *coder;     /* user name */
	long long coder_id, document;
	int months;
	const char *grp;
};
struct q_units {
	struct q_unit *row;
	int n;
	struct db_rows own;
};
/* A document's meaning units that viewer may see, in text order. */
uf_err db_q_unit_list(struct db *db, long long document, long long viewer,
    struct q_units *out);
/* Every meaning unit viewer may see coded at or under code. */
uf_err db_q_unit_by_code(struct db *db, long long study, long long code,
    long long viewer, struct q_units *out);
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
struct q_code {
	long long id;
	long long parent; /* 0 for a kategori */
	int level;        /* 1 kategori, 2 subkategori, 3 kod */
	const char *name, *guid;
	long long units;  /* meaning units coded with this very code */
	const char *path; /* "Kategori › Subkategori › Kod" */
};
struct q_codes {
	struct q_code *row;
	int n;
	struct db_rows own;
};
uf_err db_q_code_list(struct db *db, long long study, struct q_codes *out);
/* One code of study; 0 rows when unknown. */
uf_err db_q_code_get(struct db *db, long long study, long long code,
    struct q_codes *out);
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
struct q_event {
	const char *at; /* "YYYY-MM-DD HH:MI" */
	const char *actor, *kind, *old_name, *new_name;
};
struct q_events {
	struct q_event *row;
	int n;
	struct db_rows own;
};
uf_err db_q_event_list(struct db *db, long long study, struct q_events *out);

/* Double-coding sets. */
struct q_set {
	long long id;
	const char *name;
	const char *coder_a, *coder_b; /* user names */
	bool a_done, b_done;
	long long docs;
	long long coder_a_id, coder_b_id;
};
struct q_sets {
	struct q_set *row;
	int n;
	struct db_rows own;
};
/* *id = 0 when either user is unknown or not an evaluator or admin, or a
 * set has the name. */
uf_err db_q_set_insert(struct db *db, long long study, const char *name,
    const char *coder_a, const char *coder_b, const char *actor, long long *id);
/* *added false when the document is not in the set's study (or already in). */
uf_err db_q_set_add(struct db *db, long long set, long long document,
    bool *added);
uf_err db_q_set_list(struct db *db, long long study, struct q_sets *out);
/* One set of study; 0 rows when unknown. */
uf_err db_q_set_get(struct db *db, long long study, long long set,
    struct q_sets *out);
/* Mark user done in the set; *done false when user is not one of its coders. */
uf_err db_q_set_done(struct db *db, long long set, long long user, bool *done);
/* The set's documents. */
struct q_set_doc {
	long long document;
	const char *text, *title;
};
struct q_set_docs {
	struct q_set_doc *row;
	int n;
	struct db_rows own;
};
uf_err db_q_set_docs(struct db *db, long long set, struct q_set_docs *out);
/* The coders' coded units on the set's documents with their kategori, by
 * document. */
struct q_set_unit {
	long long document, coder;
	int start, end;
	long long category;
};
struct q_set_units {
	struct q_set_unit *row;
	int n;
	struct db_rows own;
};
uf_err db_q_set_units(struct db *db, long long set, struct q_set_units *out);

/* REFI-QDA interchange. */
struct q_x_doc {
	const char *guid, *name, *text;
	int months;
	const char *grp, *panel; /* panel "" when none */
};
struct q_x_docs {
	struct q_x_doc *row;
	int n;
	struct db_rows own;
};
uf_err db_q_x_docs(struct db *db, long long study, struct q_x_docs *out);
/* Units viewer may see, by document. */
struct q_x_unit {
	const char *doc, *guid; /* the document's and the unit's guid */
	int start, end;
	const char *cond;   /* condensation, "" when none */
	const char *code;   /* the code's guid, "" uncoded */
	const char *user;   /* the coder's guid */
	const char *coding; /* the coding's guid */
};
struct q_x_units {
	struct q_x_unit *row;
	int n;
	struct db_rows own;
};
uf_err db_q_x_units(struct db *db, long long study, long long viewer,
    struct q_x_units *out);
struct q_x_user {
	const char *guid, *name;
};
struct q_x_users {
	struct q_x_user *row;
	int n;
	struct db_rows own;
};
uf_err db_q_x_users(struct db *db, long long study, long long viewer,
    struct q_x_users *out);
/* Import look-ups by guid: a document (id and text set; 0 rows when
 * unknown), a code (id, parent, level and name set), a unit's id, a user's
 * id (0: none). */
uf_err db_q_i_doc(struct db *db, long long study, const char *guid,
    struct q_docs *out);
uf_err db_q_i_code(struct db *db, long long study, const char *guid,
    struct q_codes *out);
uf_err db_q_i_code_insert(struct db *db, long long study, long long parent,
    int level, const char *name, const char *guid, long long *id);
uf_err db_q_i_unit(struct db *db, const char *guid, long long *id);
uf_err db_q_i_user(struct db *db, const char *guid, long long *id);

/* Report text (authored sections): the latest version of each section
 * of one report (months NULL for the slutrapport). */
struct q_text {
	const char *section; /* report_section */
	long long code;      /* the kategori reflected on, 0 none */
	long long version;
	const char *body, *author;
	const char *at; /* "YYYY-MM-DD HH:MI" */
};
struct q_texts {
	struct q_text *row;
	int n;
	struct db_rows own;
};
uf_err db_q_text_current(struct db *db, long long study, const char *kind,
    const char *months, struct q_texts *out);
/* Save version expected + 1; *version = 0 when expected is not the latest
 * (someone saved in between) or code is not a kategori of the study. */
uf_err db_q_text_save(struct db *db, long long study, const char *kind,
    const char *months, const char *section, long long code, long long expected,
    const char *body, const char *author, long long *version);

#endif
