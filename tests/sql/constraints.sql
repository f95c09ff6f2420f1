-- role: superuser
-- The constraints guard the data even against a writer with every
-- privilege: one response per participant, wave and instrument; answers
-- only for items of the response's own instrument version; one typed value
-- per answer; pseudonymous panel ids; sane wave dates.
BEGIN;
SET LOCAL search_path = uppfolj;
INSERT INTO study (slug, name, start_date) VALUES ('sqltest', 'SQL test', '2024-01-01');
INSERT INTO unit (study_id, name, kind, huvudman, report_label)
	SELECT study_id, 'Avdelning T', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård'
	FROM study WHERE slug = 'sqltest';
INSERT INTO wave (study_id, months, opens_on, closes_on)
	SELECT study_id, 12, '2025-01-01', '2025-02-28' FROM study WHERE slug = 'sqltest';
INSERT INTO instrument (instrument_id, version, grp, title, definition, sha256) VALUES
	('sqltest_a', 1, 'chef', 'A', '{}', repeat('a', 64)),
	('sqltest_b', 1, 'chef', 'B', '{}', repeat('b', 64));
INSERT INTO instrument_item (instrument_id, version, item_id, position, theme_id, item_type) VALUES
	('sqltest_a', 1, 'a_one', 0, 'tema', 'likert5'),
	('sqltest_a', 1, 'a_text', 1, 'tema', 'text'),
	('sqltest_b', 1, 'b_one', 0, 'tema', 'likert5');
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, 'P-TEST01', 'chef', u.unit_id
	FROM study s JOIN unit u USING (study_id) WHERE s.slug = 'sqltest';
INSERT INTO response (submission_id, participant_id, wave_id, instrument_id, version)
	SELECT '00000000-0000-4000-8000-000000000001', p.participant_id, w.wave_id, 'sqltest_a', 1
	FROM participant p JOIN wave w USING (study_id) WHERE p.panel_id = 'P-TEST01';
-- A second response for the same participant, wave and instrument.
INSERT INTO response (submission_id, participant_id, wave_id, instrument_id, version)
	SELECT '00000000-0000-4000-8000-000000000002', p.participant_id, w.wave_id, 'sqltest_a', 1
	FROM participant p JOIN wave w USING (study_id) WHERE p.panel_id = 'P-TEST01';
-- The same submission id twice (a retried request) is refused too.
INSERT INTO response (submission_id, participant_id, wave_id, instrument_id, version)
	SELECT '00000000-0000-4000-8000-000000000001', p.participant_id, w.wave_id, 'sqltest_b', 1
	FROM participant p JOIN wave w USING (study_id) WHERE p.panel_id = 'P-TEST01';
-- Submitted without a time, and a time without being submitted.
UPDATE response SET status = 'submitted' WHERE instrument_id = 'sqltest_a';
UPDATE response SET submitted_at = now() WHERE instrument_id = 'sqltest_a';
-- A valid answer.
INSERT INTO answer (response_id, instrument_id, version, item_id, value_int)
	SELECT response_id, 'sqltest_a', 1, 'a_one', 4 FROM response WHERE instrument_id = 'sqltest_a';
-- An item of another instrument.
INSERT INTO answer (response_id, instrument_id, version, item_id, value_int)
	SELECT response_id, 'sqltest_a', 1, 'b_one', 4 FROM response WHERE instrument_id = 'sqltest_a';
-- Claiming the other instrument than the response's.
INSERT INTO answer (response_id, instrument_id, version, item_id, value_int)
	SELECT response_id, 'sqltest_b', 1, 'b_one', 4 FROM response WHERE instrument_id = 'sqltest_a';
-- An item that does not exist at all.
INSERT INTO answer (response_id, instrument_id, version, item_id, value_int)
	SELECT response_id, 'sqltest_a', 1, 'a_missing', 4 FROM response WHERE instrument_id = 'sqltest_a';
-- Moving a stored answer to an item the instrument does not have.
UPDATE answer SET item_id = 'a_missing' WHERE item_id = 'a_one';
-- Two values in one answer.
INSERT INTO answer (response_id, instrument_id, version, item_id, value_int, value_text)
	SELECT response_id, 'sqltest_a', 1, 'a_text', 4, 'fyra' FROM response WHERE instrument_id = 'sqltest_a';
-- No value and not "vet ej".
INSERT INTO answer (response_id, instrument_id, version, item_id)
	SELECT response_id, 'sqltest_a', 1, 'a_text' FROM response WHERE instrument_id = 'sqltest_a';
-- "Vet ej" with a value.
INSERT INTO answer (response_id, instrument_id, version, item_id, dont_know, value_text)
	SELECT response_id, 'sqltest_a', 1, 'a_text', true, 'vet inte' FROM response WHERE instrument_id = 'sqltest_a';
-- "Vet ej" alone is fine.
INSERT INTO answer (response_id, instrument_id, version, item_id, dont_know)
	SELECT response_id, 'sqltest_a', 1, 'a_text', true FROM response WHERE instrument_id = 'sqltest_a';
-- The same item answered twice.
INSERT INTO answer (response_id, instrument_id, version, item_id, value_int)
	SELECT response_id, 'sqltest_a', 1, 'a_one', 2 FROM response WHERE instrument_id = 'sqltest_a';
-- Panel ids are pseudonymous codes, never names or personal numbers.
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, 'Anna Svensson', 'chef', u.unit_id
	FROM study s JOIN unit u USING (study_id) WHERE s.slug = 'sqltest';
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, 'ANNA-SVENSSON', 'chef', u.unit_id
	FROM study s JOIN unit u USING (study_id) WHERE s.slug = 'sqltest';
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, '19850101-1234', 'chef', u.unit_id
	FROM study s JOIN unit u USING (study_id) WHERE s.slug = 'sqltest';
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, 'anna@example.se', 'chef', u.unit_id
	FROM study s JOIN unit u USING (study_id) WHERE s.slug = 'sqltest';
-- The same panel id twice in a study.
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, 'P-TEST01', 'personal', u.unit_id
	FROM study s JOIN unit u USING (study_id) WHERE s.slug = 'sqltest';
-- A wave that closes before it opens, and one at 0 months.
INSERT INTO wave (study_id, months, opens_on, closes_on)
	SELECT study_id, 24, '2026-01-01', '2025-12-31' FROM study WHERE slug = 'sqltest';
INSERT INTO wave (study_id, months, opens_on, closes_on)
	SELECT study_id, 0, '2024-01-01', '2024-02-28' FROM study WHERE slug = 'sqltest';
-- The same months twice in a study.
INSERT INTO wave (study_id, months, opens_on, closes_on)
	SELECT study_id, 12, '2025-01-01', '2025-02-28' FROM study WHERE slug = 'sqltest';
-- What survived: one response, two answers.
SELECT item_id, dont_know, value_int, value_text FROM answer ORDER BY item_id;
ROLLBACK;
