-- SPDX-License-Identifier: ISC
-- Checks on the default demo study (slug "demo", default start date): one
-- line "name|t" per check; run.sh turns each into a TAP line.
SET search_path = uppfolj;
WITH s AS (SELECT * FROM study WHERE slug = 'demo'),
u AS (SELECT unit.* FROM unit JOIN s USING (study_id)),
w AS (SELECT wave.* FROM wave JOIN s USING (study_id)),
p AS (SELECT participant.* FROM participant JOIN s USING (study_id)),
r AS (SELECT response.response_id, response.participant_id, response.wave_id,
	response.status, response.started_at, response.submitted_at,
	w.months, w.opens_on, w.closes_on, p.grp, p.unit_id, p.panel_id
	FROM response JOIN w USING (wave_id) JOIN p USING (participant_id)),
per_unit AS (SELECT u.unit_id,
	count(*) FILTER (WHERE p.grp = 'chef') AS chef,
	count(*) FILTER (WHERE p.grp = 'personal') AS personal,
	count(*) FILTER (WHERE p.grp = 'peer') AS peer,
	count(*) FILTER (WHERE p.grp = 'patient') AS patient
	FROM u LEFT JOIN p USING (unit_id) GROUP BY u.unit_id),
waves_per_person AS (SELECT participant_id, count(*) AS n FROM r GROUP BY participant_id),
likert AS (SELECT r.grp, r.months, avg(a.value_int) AS mean
	FROM answer a JOIN r USING (response_id)
	JOIN instrument_item ii USING (instrument_id, version, item_id)
	WHERE ii.item_type = 'likert5' AND NOT a.dont_know
	  AND a.item_id NOT LIKE '%konkurrens%' AND a.item_id NOT LIKE '%oro%'
	  AND a.item_id NOT LIKE '%oklar%' AND a.item_id NOT LIKE '%otillrack%'
	GROUP BY r.grp, r.months),
kiosk AS (SELECT c.participant_id, c.wave_id FROM access_code c JOIN w USING (wave_id))
SELECT name, ok FROM (VALUES
('study is marked synthetic and named as such',
	(SELECT synthetic AND name LIKE '%syntetiska data%' FROM s)),
('10 units: 4 heldygnsvard wards (region), 6 municipal units',
	(SELECT count(*) = 10 AND count(*) FILTER (WHERE kind = 'heldygnsvard'
		AND huvudman = 'region' AND report_label = 'psykiatri, heldygnsvård') = 4
	 AND count(*) FILTER (WHERE huvudman = 'kommun') = 6 FROM u)),
('wards belong to 3 clinics',
	(SELECT count(DISTINCT split_part(name, ', ', 2)) = 3 FROM u WHERE kind = 'heldygnsvard')),
('2 kommuner, each with boendestod, traffpunkt and stodboende',
	(SELECT count(DISTINCT split_part(name, ', ', 2)) = 2
	 AND count(*) FILTER (WHERE kind = 'boendestod' AND report_label = 'kommun, boendestöd') = 2
	 AND count(*) FILTER (WHERE kind = 'traffpunkt' AND report_label = 'kommun, träffpunkt') = 2
	 AND count(*) FILTER (WHERE kind = 'stodboende' AND report_label = 'kommun, stödboende') = 2
	 FROM u WHERE huvudman = 'kommun')),
('waves at 12, 24 and 36 months, open two months each',
	(SELECT array_agg(months ORDER BY months) = '{12,24,36}'
	 AND bool_and(opens_on = (SELECT start_date FROM s) + make_interval(months => months)
		AND closes_on = opens_on + interval '2 months' - interval '1 day') FROM w)),
('the 36-month wave is open today',
	(SELECT current_date BETWEEN opens_on AND closes_on FROM w WHERE months = 36)),
('staff instruments in every wave, patient only at 24 and 36',
	(SELECT count(*) = 11 AND count(*) FILTER (WHERE wi.grp = 'patient' AND w.months = 12) = 0
	 FROM wave_instrument wi JOIN w USING (wave_id))),
('per unit: 1 chef, 6-10 personal, 1-2 peer, 8-15 patients',
	(SELECT bool_and(chef = 1 AND personal BETWEEN 6 AND 10 AND peer BETWEEN 1 AND 2
		AND patient BETWEEN 8 AND 15) FROM per_unit)),
('every participant is synthetic with a pseudonymous panel id',
	(SELECT bool_and(synthetic AND panel_id ~ '^P-[2-9A-HJKMNP-Z]{6}$') FROM p)),
('every group answers every wave it is asked in',
	(SELECT count(DISTINCT (grp, months)) = 11 FROM r)),
('no patient answers at 12 months',
	(SELECT count(*) = 0 FROM r WHERE grp = 'patient' AND months = 12)),
('no participant has two responses in a wave',
	(SELECT count(*) = 0 FROM (SELECT 1 FROM r GROUP BY participant_id, wave_id
		HAVING count(*) > 1) x)),
('every response is submitted inside its wave window',
	(SELECT bool_and(status = 'submitted' AND submitted_at::date BETWEEN opens_on AND closes_on
		AND started_at <= submitted_at) FROM r)),
('every response has a given consent for its wave',
	(SELECT count(*) = 0 FROM r WHERE NOT EXISTS (SELECT 1 FROM consent c
		WHERE c.participant_id = r.participant_id AND c.wave_id = r.wave_id
		  AND c.decision = 'given'))),
('a few declined consents, none with a response',
	(SELECT count(*) BETWEEN 1 AND 40 AND count(r.response_id) = 0
	 FROM consent c JOIN p USING (participant_id)
	 LEFT JOIN r ON r.participant_id = c.participant_id AND r.wave_id = c.wave_id
	 WHERE c.decision = 'declined')),
('panel: some answer one wave, some two, some three',
	(SELECT count(*) FILTER (WHERE n = 1) > 0 AND count(*) FILTER (WHERE n = 2) > 0
	 AND count(*) FILTER (WHERE n = 3) > 0 FROM waves_per_person)),
('attrition and late joiners between waves',
	(SELECT count(*) FILTER (WHERE a.participant_id IS NOT NULL AND b.participant_id IS NULL) > 0
	 AND count(*) FILTER (WHERE a.participant_id IS NULL AND b.participant_id IS NOT NULL) > 0
	 FROM (SELECT participant_id FROM r WHERE months = 12) a
	 FULL JOIN (SELECT participant_id FROM r WHERE months = 24) b USING (participant_id))),
('every answer has the value column its item type needs',
	(SELECT count(*) = 0 FROM answer a JOIN r USING (response_id)
	 JOIN instrument_item ii USING (instrument_id, version, item_id)
	 WHERE NOT CASE WHEN a.dont_know OR a.declined
		THEN num_nonnulls(value_int, value_text, value_choices, value_date) = 0
		ELSE CASE ii.item_type
		WHEN 'likert5' THEN value_int BETWEEN 1 AND 5
		WHEN 'integer' THEN value_int IS NOT NULL
		WHEN 'single' THEN value_text IS NOT NULL
		WHEN 'text' THEN value_text IS NOT NULL
		WHEN 'multi' THEN value_choices IS NOT NULL
		WHEN 'date' THEN value_date IS NOT NULL END END)),
('choices are option codes of the stored definition',
	(SELECT count(*) = 0 FROM answer a JOIN r USING (response_id)
	 JOIN instrument i USING (instrument_id, version)
	 CROSS JOIN LATERAL (SELECT it FROM jsonb_array_elements(i.definition->'items') it
		WHERE it->>'id' = a.item_id) d
	 WHERE (a.value_text IS NOT NULL AND d.it->>'type' = 'single' AND NOT EXISTS (
		SELECT 1 FROM jsonb_array_elements(d.it->'options') o WHERE o->>'code' = a.value_text))
	    OR (a.value_choices IS NOT NULL AND NOT a.value_choices <@ ARRAY(
		SELECT o->>'code' FROM jsonb_array_elements(d.it->'options') o)))),
('"vet ej" only where the item offers it',
	(SELECT count(*) = 0 FROM answer a JOIN r USING (response_id)
	 JOIN instrument i USING (instrument_id, version)
	 CROSS JOIN LATERAL (SELECT it FROM jsonb_array_elements(i.definition->'items') it
		WHERE it->>'id' = a.item_id) d
	 WHERE a.dont_know AND coalesce((d.it->>'dont_know')::boolean, false) = false)),
('"vill inte svara" only where the item offers it',
	(SELECT count(*) = 0 FROM answer a JOIN r USING (response_id)
	 JOIN instrument i USING (instrument_id, version)
	 CROSS JOIN LATERAL (SELECT it FROM jsonb_array_elements(i.definition->'items') it
		WHERE it->>'id' = a.item_id) d
	 WHERE a.declined AND coalesce((d.it->>'decline')::boolean, false) = false)),
('items are answered only in the waves they are asked in',
	(SELECT count(*) = 0 FROM answer a JOIN r USING (response_id)
	 JOIN instrument i USING (instrument_id, version)
	 CROSS JOIN LATERAL (SELECT it FROM jsonb_array_elements(i.definition->'items') it
		WHERE it->>'id' = a.item_id) d
	 WHERE d.it ? 'waves' AND NOT (d.it->'waves') @> to_jsonb(r.months))),
('some "vet ej" answers (1-10 %)',
	(SELECT avg(dont_know::int) BETWEEN 0.01 AND 0.10 FROM answer JOIN r USING (response_id))),
('some patients decline a question, fewer than say "vet ej"',
	(SELECT count(*) FILTER (WHERE declined) BETWEEN 1 AND count(*) FILTER (WHERE dont_know)
	 FROM answer JOIN r USING (response_id) WHERE instrument_id = 'patient')),
('free text uses han/hon/hans/hennes somewhere',
	(SELECT count(*) > 0 FROM answer JOIN r USING (response_id)
	 WHERE value_text ~ '(^|[^[:alpha:]])([Hh]an|[Hh]on|[Hh]ans|[Hh]ennes)([^[:alpha:]]|$)')),
('agreement rises from 12 to 36 months for every staff group',
	(SELECT bool_and(b.mean - a.mean BETWEEN 0.3 AND 1.5) FROM likert a JOIN likert b USING (grp)
	 WHERE a.months = 12 AND b.months = 36)),
('patient agreement rises from 24 to 36 months',
	(SELECT b.mean > a.mean FROM likert a JOIN likert b USING (grp)
	 WHERE grp = 'patient' AND a.months = 24 AND b.months = 36)),
('6 kiosk codes for the open wave: 3 patients and one of each staff group',
	(SELECT count(*) = 6 AND count(*) FILTER (WHERE p.grp = 'patient') = 3
	 AND count(DISTINCT p.grp) = 4 AND count(DISTINCT p.unit_id) = 6
	 FROM kiosk JOIN p USING (participant_id) JOIN w USING (wave_id) WHERE w.months = 36)),
('kiosk participants have neither consent nor response in the open wave',
	(SELECT count(*) = 0 FROM kiosk k WHERE EXISTS (SELECT 1 FROM consent c
		WHERE c.participant_id = k.participant_id AND c.wave_id = k.wave_id)
	 OR EXISTS (SELECT 1 FROM response x WHERE x.participant_id = k.participant_id
		AND x.wave_id = k.wave_id))),
('kiosk codes expire at the end of the closing day',
	(SELECT bool_and(c.expires_at::date = w.closes_on AND c.used_at IS NULL)
	 FROM access_code c JOIN w USING (wave_id)))
) AS t(name, ok);
