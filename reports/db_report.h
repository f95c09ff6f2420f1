/* SPDX-License-Identifier: ISC
 * The report program's statements (reports/db_report.c holds the SQL) and
 * one typed function per statement. Each returns a result the caller frees
 * with db_res_free; the columns are listed at each function. Connects as the
 * read-only role uppfolj_report: nothing here writes.
 */
#ifndef UF_REPORT_DB_H
#define UF_REPORT_DB_H
#include <stdbool.h>

#include "db.h"
#include "err.h"

uf_err db_report_connect(const char *conninfo, struct db **out);

/* study_id, slug, name, start_date, synthetic ('t'/'f'); ordered by slug. */
uf_err db_report_studies(struct db *db, struct db_res **out);
/* wave_id, months, opens_on, closes_on, closed ('t'/'f'). */
uf_err db_report_waves(struct db *db, const char *study, struct db_res **out);
/* months, grp, instrument_id, version, definition (JSON text). */
uf_err db_report_instruments(struct db *db, const char *study, struct db_res **out);
/* months, grp, report_label, huvudman, invited, answered, declined;
 * months may be NULL for every wave. */
uf_err db_report_participation(struct db *db, const char *study,
    const char *months, struct db_res **out);
/* The one pass over the answers (reports/model_answers.c). */
struct r_response { /* a submitted response of the report's waves */
	long long response_id, participant_id;
	int months;
	const char *grp;            /* the participant's group */
	const char *instrument_grp; /* its instrument's group */
	const char *instrument_id;
	int version;
	const char *lang; /* the language answered in */
	bool easy;        /* easy-to-read was on */
	bool test_wave;   /* the wave is a test wave (0015) */
};
/* Ordered by participant and wave; months NULL: every wave. */
uf_err db_report_responses(struct db *db, const char *study,
    const char *months, struct db_res **out);
uf_err db_report_response_at(const struct db_res *r, int i, struct r_response *out);

struct r_item_type { /* one item of one instrument version */
	const char *instrument_id;
	int version;
	const char *item_id;
	const char *type; /* item_types[].name */
};
/* Every instrument version's items, ordered by instrument, version and
 * item id in byte order. */
uf_err db_report_item_types(struct db *db, struct db_res **out);
uf_err db_report_item_type_at(const struct db_res *r, int i, struct r_item_type *out);

struct r_answer { /* one answer of one of those responses */
	long long response_id;
	const char *item_id;
	bool dont_know, declined;
	bool has_int;
	long long value_int;
	const char *text;     /* value_text, or NULL */
	const char *choices;  /* value_choices as an array literal, or NULL */
	const char *text_key; /* with text_keys, a text answer's quote sampling
	                         key: md5(value_text || response_id); or NULL */
};
/* Inside a transaction (db_begin): start the stream of the answers of
 * the responses db_report_responses lists, then read them one at a time
 * (*end true after the last; its strings are valid until the next call).
 * A stream that fails midway, a lost connection included, is an error,
 * never an early end. After an error, abort the stream (a no-op when it
 * has ended) and roll the transaction back. */
uf_err db_report_answers_open(struct db *db, const char *study, const char *months,
    bool text_keys);
uf_err db_report_answer_next(struct db *db, struct r_answer *out, bool *end);
void db_report_answers_abort(struct db *db);

/* item: the position in the array of text `items` (int[] and text[]
 * literals) ordered by item and then text in the database's collation. */
uf_err db_report_text_order(struct db *db, const char *items, const char *texts,
    struct db_res **out);
/* Numeric items' values: months, grp, item_id, participant_id, value
 * (text); types is a text[] literal of item type names. */
uf_err db_report_numeric(struct db *db, const char *study, const char *types,
    struct db_res **out);
/* name: every unit name of the study, to scrub them from quotes. */
uf_err db_report_unit_names(struct db *db, const char *study, struct db_res **out);
/* The study's own names to mask in quotes: name, kind (schema/0013). */
uf_err db_report_mask_names(struct db *db, const char *study, struct db_res **out);
/* definition (JSON text) of one instrument version; no row when there is
 * no such version. */
uf_err db_report_definition(struct db *db, const char *instrument,
    const char *version, struct db_res **out);

/* ---- qualitative analysis and authored text (reports/model_qual.c) ---- */
/* code_id, parent_id (0 for a kategori), level (1 or 2), name: the
 * kategorier and subkategorier in the order they were made. */
uf_err db_report_qual_codes(struct db *db, const char *study, struct db_res **out);
/* kategori, subkategori (0: none), months, grp ('' when all), grouping
 * (0 per subkategori x group, 1 per subkategori, 2 per kategori x
 * group, 3 per kategori),
 * meaning units, distinct respondents; months NULL: every wave. */
uf_err db_report_qual_counts(struct db *db, const char *study, const char *months,
    struct db_res **out);
/* kategori, subkategori (0: none), months, grp, span: at most `limit`
 * meaning units per subkategori, wave and group, in a stable order. */
uf_err db_report_qual_quotes(struct db *db, const char *study, const char *months,
    const char *limit, struct db_res **out);
/* section, code_id (0: none), body, version: the latest version of each
 * section of report kind ("delrapport" with months, or "slutrapport"). */
uf_err db_report_qual_texts(struct db *db, const char *study, const char *kind,
    const char *months, struct db_res **out);
/* months, grp, transcript ('t'/'f'), documents: analysed documents. */
uf_err db_report_qual_docs(struct db *db, const char *study, const char *months,
    struct db_res **out);
/* months, info_version: the information versions consented to. */
uf_err db_report_qual_consent(struct db *db, const char *study, const char *months,
    struct db_res **out);
/* erased, since (date): withdrawals counted since; no row: none counted. */
uf_err db_report_qual_withdrawn(struct db *db, const char *study, struct db_res **out);
/* subkategori, months, grp, span of the chosen examples. */
uf_err db_report_qual_examples(struct db *db, const char *study,
    const char *months, struct db_res **out);
/* months, grp, lang, info_version, consents given (non-test waves). */
uf_err db_report_qual_consent_lang(struct db *db, const char *study,
    const char *months, struct db_res **out);

/* ---- respondent languages (reports/model_lang.c) ---- */
/* instrument_id, version, lang, definition (JSON text): the latest
 * revision of each translation of the instrument versions the study uses. */
uf_err db_report_lang_translations(struct db *db, const char *study,
    struct db_res **out);

#endif
