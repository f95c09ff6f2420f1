/* SPDX-License-Identifier: ISC
 * Every SQL statement of uppfolj-report, prepared at connect time. The
 * answers are read once, streamed by a COPY a row at a time, and counted
 * and scored in C (reports/model_answers.c), so C never holds all of them
 * at once; smaller things are aggregated here. Only submitted responses
 * count.
 */
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include "db_report.h"
#include "num.h"

enum {
	S_STUDIES,
	S_WAVES,
	S_INSTRUMENTS,
	S_PARTICIPATION,
	S_RESPONSES,
	S_ITEM_TYPES,
	S_ANSWERS_SCOPE,
	S_ANSWERS_COPY,
	S_TEXT_ORDER,
	S_UNIT_NAMES,
	S_MASK_NAMES,
	S_NUMERIC,
	S_SESSION,
	S_DEFINITION,
	S_QUAL_CODES,
	S_QUAL_COUNTS,
	S_QUAL_QUOTES,
	S_QUAL_TEXTS,
	S_QUAL_DOCS,
	S_QUAL_CONSENT,
	S_QUAL_WITHDRAWN,
	S_LANG_TRANSLATIONS,
	S_QUAL_CONSENT_LANG,
	S_QUAL_EXAMPLES,
	S__MAX
};

static const struct db_stmt stmts[S__MAX] = {
	[S_STUDIES] = { "report_studies",
	    "SELECT study_id, slug, name, start_date::text, synthetic "
	    "FROM study ORDER BY slug",
	    0 },
	[S_WAVES] = { "report_waves",
	    "SELECT wave_id, months, opens_on::text, closes_on::text, "
	    "(closed_at IS NOT NULL OR closes_on < current_date) "
	    "FROM wave WHERE study_id = $1::bigint ORDER BY months",
	    1 },
	[S_DEFINITION] = { "report_definition",
	    "SELECT definition::text FROM instrument "
	    "WHERE instrument_id = $1 AND version = $2::int",
	    2 },
	[S_INSTRUMENTS] = { "report_instruments",
	    "SELECT w.months, wi.grp::text, wi.instrument_id, wi.version, "
	    "i.definition::text "
	    "FROM wave_instrument wi "
	    "JOIN wave w ON w.wave_id = wi.wave_id "
	    "JOIN instrument i ON i.instrument_id = wi.instrument_id "
	    "AND i.version = wi.version "
	    "WHERE w.study_id = $1::bigint ORDER BY w.months, wi.grp",
	    1 },
	[S_PARTICIPATION] = { "report_participation",
	    "SELECT months, grp::text, report_label, huvudman::text, invited, "
	    "answered, declined FROM report_participation "
	    "WHERE study_id = $1::bigint AND ($2::int IS NULL OR months = $2::int) "
	    "ORDER BY months, grp, report_label",
	    2 },
	/* reports/model_answers.c: the one pass over the answers. First the
	 * submitted responses of the study's (or the one) wave, ordered by
	 * participant and wave, with the participant's group (values,
	 * scores) and the instrument's (counts, as the counting query
	 * grouped them) and the instrument version the answers belong to. */
	[S_RESPONSES] = { "report_responses",
	    "SELECT r.response_id, r.participant_id, w.months, p.grp::text, i.grp::text, "
	    "r.instrument_id, r.version, r.lang, r.easy, w.test "
	    "FROM response r "
	    "JOIN wave w ON w.wave_id = r.wave_id AND w.study_id = $1::bigint "
	    "AND ($2::int IS NULL OR w.months = $2::int) "
	    "JOIN participant p ON p.participant_id = r.participant_id "
	    "JOIN instrument i ON i.instrument_id = r.instrument_id AND i.version = r.version "
	    "WHERE r.status = 'submitted' "
	    "ORDER BY r.participant_id, w.months",
	    2 },
	/* every item's type in every instrument version (a small table: a
	 * response may name an instrument its wave no longer lists), item ids
	 * in byte order (the pass looks them up with strcmp) */
	[S_ITEM_TYPES] = { "report_item_types",
	    "SELECT instrument_id, version, item_id, item_type FROM instrument_item "
	    "ORDER BY instrument_id, version, item_id COLLATE \"C\"",
	    0 },
	/* Then each answer of those responses once, in the order the table
	 * holds them (no sort: the responses above place each answer). A
	 * COPY streams them: the server produces rows while the program
	 * counts the ones before (a cursor's FETCH waited for the program
	 * between batches, so the two CPUs' times added up), and memory
	 * stays flat in the number of answers. The database filters by
	 * study and wave: the responses' ids are a small hash the answer
	 * scan probes (a wave's answers lie among the others', so reading
	 * them by index through the wave's responses is slower: measured
	 * 1.3 s against 0.36 s for a wave of 0.45M answers among 1.2M).
	 * With text keys, a text answer comes with the key the delrapport
	 * samples its quotes by.
	 *
	 * COPY takes no parameters, so the study, the wave and the text keys
	 * reach it as settings: report_answers_scope is prepared, casts its
	 * parameters to bigint, int and bool (anything else fails there) and
	 * sets them local to the reading transaction; the COPY's fixed text
	 * reads them back with current_setting() and casts them again. No
	 * value is ever part of SQL text, and the settings end with the
	 * transaction: a COPY outside it finds no value ('', or none in a
	 * new session) and fails instead of reading another scope. Setting
	 * a custom (dotted) variable needs no privilege. The scalar
	 * subqueries are evaluated once, not per answer. */
	[S_ANSWERS_SCOPE] = { "report_answers_scope",
	    "SELECT set_config('uppfolj.report_study', $1::bigint::text, true), "
	    "set_config('uppfolj.report_months', coalesce($2::int::text, ''), true), "
	    "set_config('uppfolj.report_text_keys', $3::bool::text, true)",
	    3 },
	[S_ANSWERS_COPY] = { "report_answers_copy",
	    "COPY (SELECT a.response_id, a.item_id, a.dont_know, a.declined, a.value_int, "
	    "a.value_text, a.value_choices, "
	    "CASE WHEN (SELECT current_setting('uppfolj.report_text_keys')::bool) "
	    "AND a.value_choices IS NULL AND a.value_text IS NOT NULL "
	    "THEN md5(a.value_text || a.response_id::text) END "
	    "FROM answer a "
	    "JOIN response r ON r.response_id = a.response_id AND r.status = 'submitted' "
	    "AND r.wave_id = ANY (ARRAY(SELECT wave_id FROM wave "
	    "WHERE study_id = current_setting('uppfolj.report_study')::bigint "
	    "AND (current_setting('uppfolj.report_months') = '' "
	    "OR months = nullif(current_setting('uppfolj.report_months'), '')::int)))) "
	    "TO STDOUT",
	    0 },
	/* The order of the sampled quotes within each item ($1 the item's
	 * number, $2 the texts): by the database's collation, as the
	 * quotes were always ordered; gives each text's position in $2. */
	[S_TEXT_ORDER] = { "report_text_order",
	    "SELECT q.i FROM unnest($1::int[], $2::text[]) WITH ORDINALITY AS q(c, t, i) "
	    "ORDER BY q.c, q.t",
	    2 },
	[S_UNIT_NAMES] = { "report_unit_names",
	    "SELECT name FROM unit WHERE study_id = $1::bigint", 1 },
	[S_MASK_NAMES] = { "report_mask_names",
	    "SELECT name, kind FROM study_mask_name WHERE study_id = $1::bigint", 1 },
	/* reports/model_numeric.c: each submitted value of an item whose
	 * type is in $2 (item_types[] with report kind numeric), as text;
	 * a number item's canonical decimal text casts to numeric. */
	[S_NUMERIC] = { "report_numeric",
	    "SELECT w.months, p.grp::text, a.item_id, r.participant_id, "
	    "coalesce(a.value_int::numeric, a.value_text::numeric)::text "
	    "FROM answer a "
	    "JOIN response r ON r.response_id = a.response_id AND r.status = 'submitted' "
	    "JOIN wave w ON w.wave_id = r.wave_id AND w.study_id = $1::bigint "
	    "JOIN participant p ON p.participant_id = r.participant_id "
	    "JOIN instrument_item ii ON ii.instrument_id = a.instrument_id "
	    "AND ii.version = a.version AND ii.item_id = a.item_id "
	    "WHERE ii.item_type = ANY ($2::text[]) "
	    "AND NOT a.dont_know AND NOT a.declined "
	    "ORDER BY 1, 2, 3, 4",
	    2 },
	/* ---- the qualitative analysis and authored text (reports/qual.h) ---- */
	[S_QUAL_CODES] = { "report_qual_codes",
	    "SELECT code_id, coalesce(parent_id, 0), level, name FROM qual_code "
	    "WHERE study_id = $1::bigint AND level <= 2 ORDER BY level, code_id",
	    1 },
	/* grouping 0: per subkategori, wave and group; 1: per subkategori
	 * and wave, all groups; 2: per kategori, wave and group; 3: per
	 * kategori and wave, all groups */
	[S_QUAL_COUNTS] = { "report_qual_counts",
	    "SELECT kategori, coalesce(subkategori, 0), months, coalesce(grp::text, ''), "
	    "GROUPING(subkategori, grp), count(*), count(DISTINCT respondent) "
	    "FROM report_qual_unit WHERE study_id = $1::bigint "
	    "AND ($2::int IS NULL OR months = $2::int) "
	    "GROUP BY GROUPING SETS ((kategori, subkategori, months, grp), "
	    "(kategori, subkategori, months), (kategori, months, grp), "
	    "(kategori, months))",
	    2 },
	/* a few candidate quotes per subkategori, wave and group in a stable
	 * pseudo-random order, those of a readable length first */
	[S_QUAL_QUOTES] = { "report_qual_quotes",
	    "SELECT kategori, coalesce(subkategori, 0), months, grp::text, span FROM ("
	    "SELECT *, row_number() OVER (PARTITION BY kategori, subkategori, months, grp "
	    "ORDER BY (length(span) BETWEEN 20 AND 300) DESC, md5(guid::text)) AS rn "
	    "FROM report_qual_unit WHERE study_id = $1::bigint "
	    "AND ($2::int IS NULL OR months = $2::int)) q "
	    "WHERE rn <= $3::int ORDER BY kategori, subkategori, months, grp, rn",
	    3 },
	/* the latest version of each section (and reflection) of one report */
	[S_QUAL_TEXTS] = { "report_qual_texts",
	    "SELECT DISTINCT ON (section, code_id) section::text, coalesce(code_id, 0), "
	    "body, version FROM report_text WHERE study_id = $1::bigint "
	    "AND kind = $2::report_kind AND months IS NOT DISTINCT FROM $3::int "
	    "ORDER BY section, code_id, version DESC",
	    3 },
	/* analysed documents (with a counted meaning unit) per wave, group and
	 * kind ('t' transcript) */
	[S_QUAL_DOCS] = { "report_qual_docs",
	    "SELECT months, grp::text, transcript, count(DISTINCT document_id) "
	    "FROM report_qual_unit WHERE study_id = $1::bigint "
	    "AND ($2::int IS NULL OR months = $2::int) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
	    2 },
	/* the information texts' versions consented to per wave; no counts
	 * (those are the participation table's, under its rules) */
	[S_QUAL_CONSENT] = { "report_qual_consent",
	    "SELECT DISTINCT w.months, c.info_version FROM consent c "
	    "JOIN wave w ON w.wave_id = c.wave_id AND w.study_id = $1::bigint "
	    "AND NOT w.test AND ($2::int IS NULL OR w.months = $2::int) ORDER BY 1, 2",
	    2 },
	[S_QUAL_WITHDRAWN] = { "report_qual_withdrawn",
	    "SELECT erased, since::date::text FROM study_withdrawal "
	    "WHERE study_id = $1::bigint",
	    1 },
	/* ---- respondent languages (reports/model_lang.c) ---- */
	/* the latest revision of each translation of an instrument version
	 * the study uses (0022) */
	[S_LANG_TRANSLATIONS] = { "report_lang_translations",
	    "SELECT DISTINCT ON (t.instrument_id, t.version, t.lang) "
	    "t.instrument_id, t.version, t.lang, t.definition::text "
	    "FROM instrument_translation t "
	    "WHERE (t.instrument_id, t.version) IN (SELECT wi.instrument_id, wi.version "
	    "FROM wave_instrument wi JOIN wave w ON w.wave_id = wi.wave_id "
	    "WHERE w.study_id = $1::bigint) "
	    "ORDER BY t.instrument_id, t.version, t.lang, t.revision DESC",
	    1 },
	/* consents given per wave, group, language and information version:
	 * one row per participant and wave (consent's unique key) */
	[S_QUAL_CONSENT_LANG] = { "report_qual_consent_lang",
	    "SELECT w.months, p.grp::text, c.lang, c.info_version, count(*) "
	    "FROM consent c JOIN wave w ON w.wave_id = c.wave_id "
	    "AND w.study_id = $1::bigint AND NOT w.test "
	    "AND ($2::int IS NULL OR w.months = $2::int) "
	    "JOIN participant p ON p.participant_id = c.participant_id "
	    "WHERE c.decision = 'given' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
	    2 },
	/* the evaluators' chosen examples (schema/0026) among the counted
	 * meaning units, per subkategori in the order chosen */
	[S_QUAL_EXAMPLES] = { "report_qual_examples",
	    "SELECT v.subkategori, v.months, v.grp::text, v.span FROM report_qual_unit v "
	    "JOIN qual_unit u ON u.guid = v.guid "
	    "JOIN qual_example e ON e.unit_id = u.unit_id "
	    "WHERE v.study_id = $1::bigint AND ($2::int IS NULL OR v.months = $2::int) "
	    "AND v.subkategori IS NOT NULL ORDER BY v.subkategori, e.chosen_at, e.unit_id",
	    2 },
	/* The aggregates sort and hash a few hundred thousand rows: give them
	 * memory so nothing spills to disk, and skip JIT compilation, which
	 * costs more than it saves for queries this size. */
	[S_SESSION] = { "report_session",
	    "SELECT set_config('work_mem', '64MB', false), "
	    "set_config('jit', 'off', false)",
	    0 },
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
db_report_responses(struct db *db, const char *study, const char *months,
    struct db_res **out)
{
	const char *p[2] = { study, months };
	return db_exec(db, S_RESPONSES, p, out);
}

uf_err
db_report_response_at(const struct db_res *r, int i, struct r_response *out)
{
	long long months, version;
	uf_err e;

	if ((e = db_res_long(r, i, 0, &out->response_id)) != UF_OK ||
	    (e = db_res_long(r, i, 1, &out->participant_id)) != UF_OK ||
	    (e = db_res_long(r, i, 2, &months)) != UF_OK ||
	    (e = db_res_long(r, i, 6, &version)) != UF_OK)
		return e;
	if (months < 0 || months > INT_MAX || version < 0 || version > INT_MAX)
		return UF_EFORMAT;
	out->months = (int)months;
	out->version = (int)version;
	out->grp = db_res_get(r, i, 3);
	out->instrument_grp = db_res_get(r, i, 4);
	out->instrument_id = db_res_get(r, i, 5);
	out->lang = db_res_get(r, i, 7);
	out->easy = db_res_get(r, i, 8)[0] == 't';
	out->test_wave = db_res_get(r, i, 9)[0] == 't';
	return UF_OK;
}

uf_err
db_report_item_types(struct db *db, struct db_res **out)
{
	return db_exec(db, S_ITEM_TYPES, NULL, out);
}

uf_err
db_report_item_type_at(const struct db_res *r, int i, struct r_item_type *out)
{
	long long version;
	uf_err e = db_res_long(r, i, 1, &version);

	if (e != UF_OK)
		return e;
	if (version < 0 || version > INT_MAX)
		return UF_EFORMAT;
	out->instrument_id = db_res_get(r, i, 0);
	out->version = (int)version;
	out->item_id = db_res_get(r, i, 2);
	out->type = db_res_get(r, i, 3);
	return UF_OK;
}

uf_err
db_report_answers_open(struct db *db, const char *study, const char *months,
    bool text_keys)
{
	const char *p[3] = { study, months, text_keys ? "t" : "f" };
	struct db_res *r = NULL;
	uf_err e = db_exec(db, S_ANSWERS_SCOPE, p, &r);

	db_res_free(r);
	if (e == UF_OK)
		e = db_copy_out_begin(db, S_ANSWERS_COPY);
	return e;
}

/* A bool column's COPY text. */
static uf_err
copy_bool(const char *f, bool *v)
{
	if (f == NULL || (strcmp(f, "t") != 0 && strcmp(f, "f") != 0))
		return UF_EFORMAT;
	*v = f[0] == 't';
	return UF_OK;
}

uf_err
db_report_answer_next(struct db *db, struct r_answer *out, bool *end)
{
	struct db_row row;
	uf_err e = db_copy_out_next(db, &row, end);

	if (e != UF_OK || *end)
		return e;
	if (row.n != 8 || row.field[0] == NULL || row.field[1] == NULL ||
	    !num_ll(row.field[0], strlen(row.field[0]), LLONG_MIN, LLONG_MAX,
	        &out->response_id))
		return UF_EFORMAT;
	out->item_id = row.field[1];
	if ((e = copy_bool(row.field[2], &out->dont_know)) != UF_OK ||
	    (e = copy_bool(row.field[3], &out->declined)) != UF_OK)
		return e;
	out->has_int = row.field[4] != NULL;
	out->value_int = 0;
	if (out->has_int && !num_ll(row.field[4], strlen(row.field[4]), LLONG_MIN, LLONG_MAX, &out->value_int))
		return UF_EFORMAT;
	out->text = row.field[5];
	out->choices = row.field[6];
	out->text_key = row.field[7];
	return UF_OK;
}

void
db_report_answers_abort(struct db *db)
{
	db_copy_out_abort(db);
}

uf_err
db_report_text_order(struct db *db, const char *items, const char *texts,
    struct db_res **out)
{
	const char *p[2] = { items, texts };
	return db_exec(db, S_TEXT_ORDER, p, out);
}

uf_err
db_report_numeric(struct db *db, const char *study, const char *types,
    struct db_res **out)
{
	const char *p[2] = { study, types };
	return db_exec(db, S_NUMERIC, p, out);
}

uf_err
db_report_unit_names(struct db *db, const char *study, struct db_res **out)
{
	const char *p[1] = { study };
	return db_exec(db, S_UNIT_NAMES, p, out);
}

uf_err
db_report_mask_names(struct db *db, const char *study, struct db_res **out)
{
	const char *p[1] = { study };
	return db_exec(db, S_MASK_NAMES, p, out);
}

uf_err
db_report_definition(struct db *db, const char *instrument, const char *version,
    struct db_res **out)
{
	const char *p[2] = { instrument, version };
	return db_exec(db, S_DEFINITION, p, out);
}

uf_err
db_report_qual_codes(struct db *db, const char *study, struct db_res **out)
{
	const char *p[1] = { study };
	return db_exec(db, S_QUAL_CODES, p, out);
}

uf_err
db_report_qual_counts(struct db *db, const char *study, const char *months,
    struct db_res **out)
{
	const char *p[2] = { study, months };
	return db_exec(db, S_QUAL_COUNTS, p, out);
}

uf_err
db_report_qual_quotes(struct db *db, const char *study, const char *months,
    const char *limit, struct db_res **out)
{
	const char *p[3] = { study, months, limit };
	return db_exec(db, S_QUAL_QUOTES, p, out);
}

uf_err
db_report_qual_texts(struct db *db, const char *study, const char *kind,
    const char *months, struct db_res **out)
{
	const char *p[3] = { study, kind, months };
	return db_exec(db, S_QUAL_TEXTS, p, out);
}

uf_err
db_report_qual_docs(struct db *db, const char *study, const char *months,
    struct db_res **out)
{
	const char *p[2] = { study, months };
	return db_exec(db, S_QUAL_DOCS, p, out);
}

uf_err
db_report_qual_consent(struct db *db, const char *study, const char *months,
    struct db_res **out)
{
	const char *p[2] = { study, months };
	return db_exec(db, S_QUAL_CONSENT, p, out);
}

uf_err
db_report_qual_withdrawn(struct db *db, const char *study, struct db_res **out)
{
	const char *p[1] = { study };
	return db_exec(db, S_QUAL_WITHDRAWN, p, out);
}

uf_err
db_report_lang_translations(struct db *db, const char *study, struct db_res **out)
{
	const char *p[1] = { study };
	return db_exec(db, S_LANG_TRANSLATIONS, p, out);
}

uf_err
db_report_qual_consent_lang(struct db *db, const char *study, const char *months,
    struct db_res **out)
{
	const char *p[2] = { study, months };
	return db_exec(db, S_QUAL_CONSENT_LANG, p, out);
}

uf_err
db_report_qual_examples(struct db *db, const char *study, const char *months,
    struct db_res **out)
{
	const char *p[2] = { study, months };
	return db_exec(db, S_QUAL_EXAMPLES, p, out);
}
