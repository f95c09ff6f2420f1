/* SPDX-License-Identifier: ISC
 * The report program's statements (reports/db_report.c holds the SQL) and
 * one typed function per statement. Each returns a result the caller frees
 * with db_res_free; the columns are listed at each function. Connects as the
 * read-only role uppfolj_report: nothing here writes.
 */
#ifndef UF_REPORT_DB_H
#define UF_REPORT_DB_H
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
/* months, grp, item_id, dont_know, value_int, code, count: submitted answers
 * of likert5/single/multi/integer items counted per value; a multi item
 * also gives one row with code NULL per answering response. */
uf_err db_report_counts(struct db *db, const char *study, const char *months,
    struct db_res **out);
/* months, grp, item_id, text, total: at most `limit` free-text answers per
 * wave, group and item, in a stable pseudo-random order; total is how many
 * there were. */
uf_err db_report_texts(struct db *db, const char *study, const char *months,
    const char *limit, struct db_res **out);
/* grp, item_id, v1, v2, count: for each (grp, item, m1, m2) given as four
 * parallel PostgreSQL arrays, the participants who answered the item with a
 * value in both waves m1 and m2, counted per pair of values. */
uf_err db_report_pairs(struct db *db, const char *study, const char *grps,
    const char *items, const char *m1, const char *m2, struct db_res **out);
/* participant_id, months, scale_no, score: per submitted response of group
 * grp, each scale's score. The items of every scale are given as parallel
 * arrays (scale_no, item_id, revsum: 0 or the sum min+max for reversed
 * items) and per scale (scale_no, min_answered, nitems, is_sum). */
uf_err db_report_scales(struct db *db, const char *study, const char *grp,
    const char *item_scale, const char *item_ids, const char *item_rev,
    const char *scale_no, const char *min_answered, const char *nitems,
    const char *is_sum, struct db_res **out);
/* name: every unit name of the study, to scrub them from quotes. */
uf_err db_report_unit_names(struct db *db, const char *study, struct db_res **out);

#endif
