/* SPDX-License-Identifier: ISC
 * Every SQL statement of uppfolj-report, prepared at connect time. Results
 * are aggregated in PostgreSQL (counts per wave, group, item and value; pairs
 * of values per item) so C never holds one row per answer. Only submitted
 * responses count.
 */
#include <stddef.h>

#include "db_report.h"

enum {
	S_STUDIES,
	S_WAVES,
	S_INSTRUMENTS,
	S_PARTICIPATION,
	S_COUNTS,
	S_TEXTS,
	S_PAIRS,
	S_SCALES,
	S_UNIT_NAMES,
	S_SESSION,
	S__MAX
};

static const struct db_stmt stmts[S__MAX] = {
	[S_STUDIES] = { "report_studies",
	    "SELECT study_id, slug, name, start_date::text, synthetic "
	    "FROM study ORDER BY slug", 0 },
	[S_WAVES] = { "report_waves",
	    "SELECT wave_id, months, opens_on::text, closes_on::text, "
	    "(closed_at IS NOT NULL OR closes_on < current_date) "
	    "FROM wave WHERE study_id = $1::bigint ORDER BY months", 1 },
	[S_INSTRUMENTS] = { "report_instruments",
	    "SELECT w.months, wi.grp::text, wi.instrument_id, wi.version, "
	    "i.definition::text "
	    "FROM wave_instrument wi "
	    "JOIN wave w ON w.wave_id = wi.wave_id "
	    "JOIN instrument i ON i.instrument_id = wi.instrument_id "
	    "AND i.version = wi.version "
	    "WHERE w.study_id = $1::bigint ORDER BY w.months, wi.grp", 1 },
	[S_PARTICIPATION] = { "report_participation",
	    "SELECT months, grp::text, report_label, huvudman::text, invited, "
	    "answered, declined FROM report_participation "
	    "WHERE study_id = $1::bigint AND ($2::int IS NULL OR months = $2::int) "
	    "ORDER BY months, grp, report_label", 2 },
	[S_COUNTS] = { "report_counts",
	    /* aggregate on narrow keys first (answer x response only), then
	     * name the wave and the group */
	    "SELECT w.months, i.grp::text, c.item_id, c.dont_know, c.value_int, "
	    "c.code, sum(c.n)::bigint "
	    "FROM ("
	    "SELECT r.wave_id, a.instrument_id, a.version, a.item_id, a.dont_know, "
	    "a.value_int, a.value_text AS code, count(*) AS n "
	    "FROM answer a "
	    "JOIN response r ON r.response_id = a.response_id AND r.status = 'submitted' "
	    "JOIN instrument_item ii ON ii.instrument_id = a.instrument_id "
	    "AND ii.version = a.version AND ii.item_id = a.item_id "
	    "AND ii.item_type IN ('likert5', 'single', 'integer') "
	    "GROUP BY 1, 2, 3, 4, 5, 6, 7 "
	    "UNION ALL "
	    /* a multi answer counts once per choice plus once (code NULL) per
	     * response, the denominator of its percentages */
	    "SELECT r.wave_id, a.instrument_id, a.version, a.item_id, a.dont_know, "
	    "NULL::int, ch.code, count(*) "
	    "FROM answer a "
	    "JOIN response r ON r.response_id = a.response_id AND r.status = 'submitted' "
	    "JOIN instrument_item ii ON ii.instrument_id = a.instrument_id "
	    "AND ii.version = a.version AND ii.item_id = a.item_id "
	    "AND ii.item_type = 'multi' "
	    "CROSS JOIN LATERAL unnest(a.value_choices || NULL::text) AS ch(code) "
	    "GROUP BY 1, 2, 3, 4, 5, 6, 7"
	    ") c "
	    "JOIN wave w ON w.wave_id = c.wave_id "
	    "JOIN instrument i ON i.instrument_id = c.instrument_id AND i.version = c.version "
	    "WHERE w.study_id = $1::bigint AND ($2::int IS NULL OR w.months = $2::int) "
	    "GROUP BY 1, 2, 3, 4, 5, 6", 2 },
	[S_TEXTS] = { "report_texts",
	    "SELECT months, grp, item_id, value_text, total FROM ("
	    "SELECT w.months, p.grp::text AS grp, a.item_id, a.value_text, "
	    "count(*) OVER (PARTITION BY w.months, p.grp, a.item_id) AS total, "
	    "row_number() OVER (PARTITION BY w.months, p.grp, a.item_id "
	    "ORDER BY md5(a.value_text || r.response_id::text)) AS rn "
	    "FROM response r "
	    "JOIN wave w ON w.wave_id = r.wave_id "
	    "JOIN participant p ON p.participant_id = r.participant_id "
	    "JOIN answer a ON a.response_id = r.response_id "
	    "JOIN instrument_item ii ON ii.instrument_id = a.instrument_id "
	    "AND ii.version = a.version AND ii.item_id = a.item_id "
	    "WHERE w.study_id = $1::bigint AND w.months = $2::int "
	    "AND r.status = 'submitted' AND ii.item_type = 'text' "
	    "AND a.value_text IS NOT NULL AND btrim(a.value_text) <> ''"
	    ") t WHERE rn <= $3::int ORDER BY months, grp, item_id, value_text", 3 },
	[S_PAIRS] = { "report_pairs",
	    /* every valued answer of the study once (participant, wave, item),
	     * then a hash join of the first wave's against the last's */
	    "WITH s AS (SELECT * FROM unnest($2::text[], $3::text[], $4::int[], "
	    "$5::int[]) AS s(grp, item_id, m1, m2)), "
	    "v AS MATERIALIZED (SELECT r.participant_id, w.months, a.item_id, a.value_int "
	    "FROM answer a "
	    "JOIN response r ON r.response_id = a.response_id AND r.status = 'submitted' "
	    "JOIN wave w ON w.wave_id = r.wave_id AND w.study_id = $1::bigint "
	    "WHERE a.value_int IS NOT NULL) "
	    "SELECT s.grp, s.item_id, v1.value_int, v2.value_int, count(*) "
	    "FROM s JOIN v v1 ON v1.item_id = s.item_id AND v1.months = s.m1 "
	    "JOIN v v2 ON v2.participant_id = v1.participant_id "
	    "AND v2.item_id = s.item_id AND v2.months = s.m2 "
	    "GROUP BY 1, 2, 3, 4", 5 },
	[S_SCALES] = { "report_scales",
	    "SELECT r.participant_id, w.months, s.scale_no, "
	    "(avg(CASE WHEN s.rev > 0 THEN s.rev - a.value_int ELSE a.value_int END) "
	    "* CASE WHEN c.is_sum = 1 THEN c.nitems ELSE 1 END)::float8 "
	    "FROM unnest($3::int[], $4::text[], $5::int[]) AS s(scale_no, item_id, rev) "
	    "JOIN unnest($6::int[], $7::int[], $8::int[], $9::int[]) "
	    "AS c(scale_no, min_answered, nitems, is_sum) ON c.scale_no = s.scale_no "
	    "JOIN answer a ON a.item_id = s.item_id AND a.value_int IS NOT NULL "
	    "JOIN response r ON r.response_id = a.response_id AND r.status = 'submitted' "
	    "JOIN wave w ON w.wave_id = r.wave_id AND w.study_id = $1::bigint "
	    "JOIN participant p ON p.participant_id = r.participant_id "
	    "AND p.grp = $2::respondent_group "
	    "GROUP BY r.participant_id, w.months, s.scale_no, c.is_sum, c.nitems, "
	    "c.min_answered "
	    "HAVING count(*) >= c.min_answered", 9 },
	[S_UNIT_NAMES] = { "report_unit_names",
	    "SELECT name FROM unit WHERE study_id = $1::bigint", 1 },
	/* The aggregates sort and hash a few hundred thousand rows: give them
	 * memory so nothing spills to disk, and skip JIT compilation, which
	 * costs more than it saves for queries this size. */
	[S_SESSION] = { "report_session",
	    "SELECT set_config('work_mem', '64MB', false), "
	    "set_config('jit', 'off', false)", 0 },
};

uf_err
db_report_connect(const char *conninfo, struct db **out)
{
	struct db_res *r = NULL;
	uf_err e = db_connect(conninfo, stmts, S__MAX, out);
	if (e == UF_OK)
		e = db_exec(*out, S_SESSION, NULL, &r);
	db_res_free(r);
	return e;
}

uf_err
db_report_studies(struct db *db, struct db_res **out)
{
	return db_exec(db, S_STUDIES, NULL, out);
}

uf_err
db_report_waves(struct db *db, const char *study, struct db_res **out)
{
	const char *p[1] = { study };
	return db_exec(db, S_WAVES, p, out);
}

uf_err
db_report_instruments(struct db *db, const char *study, struct db_res **out)
{
	const char *p[1] = { study };
	return db_exec(db, S_INSTRUMENTS, p, out);
}

uf_err
db_report_participation(struct db *db, const char *study, const char *months,
    struct db_res **out)
{
	const char *p[2] = { study, months };
	return db_exec(db, S_PARTICIPATION, p, out);
}

uf_err
db_report_counts(struct db *db, const char *study, const char *months,
    struct db_res **out)
{
	const char *p[2] = { study, months };
	return db_exec(db, S_COUNTS, p, out);
}

uf_err
db_report_texts(struct db *db, const char *study, const char *months,
    const char *limit, struct db_res **out)
{
	const char *p[3] = { study, months, limit };
	return db_exec(db, S_TEXTS, p, out);
}

uf_err
db_report_pairs(struct db *db, const char *study, const char *grps,
    const char *items, const char *m1, const char *m2, struct db_res **out)
{
	const char *p[5] = { study, grps, items, m1, m2 };
	return db_exec(db, S_PAIRS, p, out);
}

uf_err
db_report_scales(struct db *db, const char *study, const char *grp,
    const char *item_scale, const char *item_ids, const char *item_rev,
    const char *scale_no, const char *min_answered, const char *nitems,
    const char *is_sum, struct db_res **out)
{
	const char *p[9] = { study, grp, item_scale, item_ids, item_rev, scale_no,
		min_answered, nitems, is_sum };
	return db_exec(db, S_SCALES, p, out);
}

uf_err
db_report_unit_names(struct db *db, const char *study, struct db_res **out)
{
	const char *p[1] = { study };
	return db_exec(db, S_UNIT_NAMES, p, out);
}
