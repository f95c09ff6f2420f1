-- role: superuser
-- "Vill inte svara" (0012): answer.declined is an answer without a value,
-- never together with "vet ej" nor with a value; collect_put_answers stores
-- "dc": true as declined; answer_value() spells it 'declined', apart from
-- 'dont_know'.
BEGIN;
SET LOCAL search_path = uppfolj;
INSERT INTO study (slug, name, start_date) VALUES ('sqldecl', 'SQL decline', '2024-01-01');
INSERT INTO unit (study_id, name, kind, huvudman, report_label)
	SELECT study_id, 'Avdelning D', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård'
	FROM study WHERE slug = 'sqldecl';
INSERT INTO wave (study_id, months, opens_on, closes_on)
	SELECT study_id, 12, '2025-01-01', '2025-02-28' FROM study WHERE slug = 'sqldecl';
INSERT INTO instrument (instrument_id, version, grp, title, definition, sha256) VALUES
	('sqldecl', 1, 'patient', 'D', '{}', repeat('d', 64));
INSERT INTO instrument_item (instrument_id, version, item_id, position, theme_id, item_type) VALUES
	('sqldecl', 1, 'd_one', 0, 'tema', 'likert5'),
	('sqldecl', 1, 'd_two', 1, 'tema', 'single'),
	('sqldecl', 1, 'd_three', 2, 'tema', 'likert5');
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, 'P-DECL01', 'patient', u.unit_id
	FROM study s JOIN unit u USING (study_id) WHERE s.slug = 'sqldecl';
INSERT INTO response (submission_id, participant_id, wave_id, instrument_id, version)
	SELECT '00000000-0000-4000-8000-0000000000d1', p.participant_id, w.wave_id, 'sqldecl', 1
	FROM participant p JOIN wave w USING (study_id) WHERE p.panel_id = 'P-DECL01';
-- Declined: no value.
INSERT INTO answer (response_id, instrument_id, version, item_id, declined)
	SELECT response_id, 'sqldecl', 1, 'd_one', true FROM response WHERE instrument_id = 'sqldecl';
-- Declined and "vet ej" at once.
INSERT INTO answer (response_id, instrument_id, version, item_id, dont_know, declined)
	SELECT response_id, 'sqldecl', 1, 'd_two', true, true FROM response WHERE instrument_id = 'sqldecl';
-- Declined with a value.
INSERT INTO answer (response_id, instrument_id, version, item_id, declined, value_int)
	SELECT response_id, 'sqldecl', 1, 'd_three', true, 3 FROM response WHERE instrument_id = 'sqldecl';
-- Neither, and no value.
INSERT INTO answer (response_id, instrument_id, version, item_id, declined)
	SELECT response_id, 'sqldecl', 1, 'd_three', false FROM response WHERE instrument_id = 'sqldecl';
SELECT item_id, dont_know, declined, answer_value(a) FROM answer a
	WHERE instrument_id = 'sqldecl' ORDER BY item_id;
-- The collect program's JSON: "dc" is declined, "d" is "vet ej".
SELECT collect_put_answers(response_id, 'sqldecl', 1,
	'[{"i": "d_one", "dc": true}, {"i": "d_two", "d": true}, {"i": "d_three", "n": 2}]', false)
	FROM response WHERE instrument_id = 'sqldecl';
SELECT item_id, dont_know, declined, answer_value(a) FROM answer a
	WHERE instrument_id = 'sqldecl' ORDER BY item_id;
-- Both in one JSON answer breaks the check; nothing of the call is kept.
SELECT collect_put_answers(response_id, 'sqldecl', 1,
	'[{"i": "d_one", "dc": true, "d": true}]', false)
	FROM response WHERE instrument_id = 'sqldecl';
-- "dc": false with no value is no answer at all: refused.
SELECT collect_put_answers(response_id, 'sqldecl', 1,
	'[{"i": "d_one", "dc": false}]', false)
	FROM response WHERE instrument_id = 'sqldecl';
SELECT count(*) AS still_three FROM answer WHERE instrument_id = 'sqldecl';
ROLLBACK;
