-- SPDX-License-Identifier: ISC
-- A small study for the disclosure tests (tests/reports/disclosure.sh): two
-- units, waves at 12, 24 and 36 months, chefs 4/5/5 (hidden at 12 months),
-- personal 33/30/28, peer supporters 6/5/6 (one skips the 24-month wave),
-- patients/brukare 19 at 24 and 6 at 36 months. Answers come from a hash of
-- code, item and wave: ties everywhere, zero differences between waves, a
-- few "vet ej", small category counts in the small groups, and one item all
-- six peer supporters answered with 4. Needs the instruments loaded
-- (forms-load) and runs as postgres in a database of its own.
SET search_path = uppfolj;

INSERT INTO study (slug, name, start_date, synthetic)
	VALUES ('liten', 'Liten studie', '2023-01-01', true);
INSERT INTO unit (study_id, name, kind, huvudman, report_label)
	SELECT study_id, u.name, u.kind::unit_kind, u.huvudman::huvudman, u.label FROM study,
	(VALUES ('Avdelning Vintergatan, Klinik Öster', 'heldygnsvard', 'region',
		'psykiatri, heldygnsvård'),
	        ('Boendestödet Solrosen, Västerby kommun', 'boendestod', 'kommun',
		'kommunalt boendestöd')) u(name, kind, huvudman, label);
INSERT INTO wave (study_id, months, opens_on, closes_on)
	SELECT study_id, m, '2024-01-01'::date + (m - 12) * 30, '2024-02-01'::date + (m - 12) * 30
	FROM study, (VALUES (12), (24), (36)) v(m);
INSERT INTO wave_instrument (wave_id, grp, instrument_id, version)
	SELECT w.wave_id, g::respondent_group, g,
		(SELECT max(i.version) FROM instrument i WHERE i.instrument_id = g) FROM wave w,
	(VALUES ('chef'), ('personal'), ('peer'), ('patient')) x(g)
	WHERE g <> 'patient' OR w.months >= 24;

-- participants: k-th of its group; the first units get the first ones
CREATE TEMP TABLE plan (grp text, k int, unit int, waves int[],
	panel text GENERATED ALWAYS AS (CASE grp WHEN 'chef' THEN 'CH' WHEN 'personal' THEN 'PS'
		WHEN 'peer' THEN 'PR' ELSE 'PA' END || '-LIT' || lpad(k::text, 3, '0')) STORED);
INSERT INTO plan
	SELECT 'chef', k, CASE WHEN k <= 3 THEN 1 ELSE 2 END,
		CASE WHEN k <= 4 THEN '{12,24,36}'::int[] ELSE '{24,36}' END
	FROM generate_series(1, 5) k
	UNION ALL SELECT 'personal', k, CASE WHEN k <= 20 THEN 1 ELSE 2 END,
		CASE WHEN k <= 28 THEN '{12,24,36}'::int[] WHEN k <= 30 THEN '{12,24}' ELSE '{12}' END
	FROM generate_series(1, 33) k
	UNION ALL SELECT 'peer', k, CASE WHEN k <= 4 THEN 1 ELSE 2 END,
		CASE WHEN k = 3 THEN '{12,36}'::int[] ELSE '{12,24,36}' END
	FROM generate_series(1, 6) k
	UNION ALL SELECT 'patient', k, CASE WHEN k <= 12 THEN 1 ELSE 2 END,
		CASE WHEN k <= 6 THEN '{24,36}'::int[] ELSE '{24}' END
	FROM generate_series(1, 19) k;
INSERT INTO participant (study_id, panel_id, grp, unit_id, synthetic)
	SELECT s.study_id, p.panel,
		p.grp::respondent_group,
		(SELECT unit_id FROM unit ORDER BY unit_id OFFSET p.unit - 1 LIMIT 1), true
	FROM plan p, study s;
INSERT INTO consent (participant_id, wave_id, info_version, decision)
	SELECT pa.participant_id, w.wave_id, 'test', 'given'
	FROM participant pa JOIN plan p ON pa.panel_id = p.panel
	JOIN wave w ON w.months = ANY (p.waves);
-- two staff declined at 36 months
INSERT INTO consent (participant_id, wave_id, info_version, decision)
	SELECT pa.participant_id, w.wave_id, 'test', 'declined'
	FROM participant pa, wave w WHERE pa.panel_id IN ('PS-LIT031', 'PS-LIT032') AND w.months = 36;
INSERT INTO response (submission_id, participant_id, wave_id, instrument_id, version, status, submitted_at)
	SELECT gen_random_uuid(), c.participant_id, c.wave_id, pa.grp::text, wi.version, 'submitted', w.opens_on + 1
	FROM consent c JOIN participant pa USING (participant_id) JOIN wave w USING (wave_id)
	JOIN wave_instrument wi ON wi.wave_id = c.wave_id AND wi.grp = pa.grp
	WHERE c.decision = 'given';

-- the items each response answers: those its wave asked
CREATE TEMP TABLE todo AS
	SELECT r.response_id, pa.panel_id, pa.grp::text AS grp, r.version, w.months, e->>'id' AS item,
		e->>'type' AS type, e->'options' AS options, ord,
		abs(hashtext(pa.panel_id || (e->>'id'))) AS h,
		abs(hashtext(pa.panel_id || (e->>'id') || w.months)) AS hw
	FROM response r JOIN participant pa USING (participant_id) JOIN wave w USING (wave_id)
	JOIN instrument i ON i.instrument_id = r.instrument_id AND i.version = r.version
	CROSS JOIN LATERAL jsonb_array_elements(i.definition->'items') WITH ORDINALITY x(e, ord)
	WHERE NOT (e ? 'waves') OR (e->'waves') @> to_jsonb(w.months);

INSERT INTO answer (response_id, instrument_id, version, item_id, dont_know, value_int)
	SELECT response_id, grp, version, item, true, NULL FROM todo
	WHERE type = 'likert5' AND hw % 17 = 0;
INSERT INTO answer (response_id, instrument_id, version, item_id, value_int)
	SELECT response_id, grp, version, item,
		CASE WHEN grp = 'peer' AND ord = (SELECT min(ord) FROM todo t2 WHERE t2.grp = 'peer'
			AND t2.type = 'likert5') THEN 4
		ELSE greatest(1, least(5, 1 + h % 5 + CASE WHEN months > 12 THEN hw % 3 - 1 ELSE 0 END)) END
	FROM todo WHERE type = 'likert5' AND hw % 17 <> 0;
INSERT INTO answer (response_id, instrument_id, version, item_id, value_text)
	SELECT response_id, grp, version, item, options->(hw % jsonb_array_length(options))->>'code'
	FROM todo WHERE type = 'single';
INSERT INTO answer (response_id, instrument_id, version, item_id, value_choices)
	SELECT t.response_id, t.grp, t.version, t.item, array_agg(o->>'code' ORDER BY n)
	FROM todo t CROSS JOIN LATERAL jsonb_array_elements(t.options) WITH ORDINALITY y(o, n)
	WHERE t.type = 'multi' AND (n = 1 OR abs(hashtext(t.panel_id || (o->>'code'))) % 3 = 0)
	GROUP BY 1, 2, 3, 4;
-- free text: unit names in parts, a ward number, places and a person
INSERT INTO answer (response_id, instrument_id, version, item_id, value_text)
	SELECT t.response_id, t.grp, t.version, t.item, q.text
	FROM (SELECT t.*, row_number() OVER (PARTITION BY grp, months, item ORDER BY panel_id) AS rn
		FROM todo t WHERE type = 'text') t
	JOIN (VALUES (1, 'Vi på Vintergatan saknade information.'),
		(2, 'VINTERGATANS rutiner var oklara för honom.'),
		(3, 'På avdelning 12 fungerade det bra, bättre än i Öster.'),
		(4, 'Solrosen borde få mer tid.'),
		(5, 'Lisbeth på vintergatans mottagning hjälpte oss.'),
		(6, 'Personalen i Västerby var positiva till Solrosens arbete.')) q(n, text)
		ON q.n = t.rn
	WHERE t.grp = 'personal' AND t.months = 12
		AND t.ord = (SELECT min(ord) FROM todo t2 WHERE t2.grp = 'personal' AND t2.type = 'text');
