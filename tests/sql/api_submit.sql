-- role: superuser
-- 0030: the JSON API's submission is one function (collect_submit_code_lang)
-- that writes the language into the response and consent rows it stores;
-- collect_submit_code is it without a language; response_test_set reads the
-- test marks itself. The rules as 0010 and 0021 gave them: only a response
-- stored now, and its consent, get the language (a draft from the web keeps
-- its own when none is sent, a replay changes nothing); a test code marks
-- its response; one row per call. Set-up as the superuser; calls as
-- uppfolj_collect; rolled back.
BEGIN;
SET LOCAL search_path = uppfolj;
INSERT INTO study (slug, name, start_date) VALUES ('apisubmit', 'Api submit', current_date - 400);
INSERT INTO unit (study_id, name, kind, huvudman, report_label)
	SELECT study_id, 'Avdelning A', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård'
	FROM study WHERE slug = 'apisubmit';
INSERT INTO wave (study_id, months, opens_on, closes_on)
	SELECT study_id, 12, current_date - 1, current_date + 30 FROM study WHERE slug = 'apisubmit';
INSERT INTO instrument (instrument_id, version, grp, title, definition, sha256) VALUES
	('as_patient', 1, 'patient', 'P', '{}', repeat('a', 64));
INSERT INTO instrument_item (instrument_id, version, item_id, position, theme_id, item_type) VALUES
	('as_patient', 1, 'p_one', 0, 'tema', 'likert5'),
	('as_patient', 1, 'p_two', 1, 'tema', 'likert5');
INSERT INTO wave_instrument (wave_id, grp, instrument_id, version)
	SELECT wave_id, 'patient', 'as_patient', 1 FROM wave
	WHERE study_id = (SELECT study_id FROM study WHERE slug = 'apisubmit');
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, x.panel, 'patient', u.unit_id
	FROM study s JOIN unit u USING (study_id),
		(VALUES ('P-AS0001'), ('P-AS0002'), ('P-AS0003'), ('P-AS0004')) x(panel)
	WHERE s.slug = 'apisubmit';
-- Code hash 9n for participant n; participant 4's is a test code.
INSERT INTO access_code (participant_id, wave_id, code_hash, expires_at, test)
	SELECT p.participant_id, w.wave_id,
		decode(repeat('9' || right(p.panel_id, 1), 32), 'hex'), now() + interval '30 days',
		p.panel_id = 'P-AS0004'
	FROM participant p JOIN wave w USING (study_id) WHERE p.panel_id LIKE 'P-AS%';
-- Participant 1 consented on the web pages in Swedish; participant 2 too,
-- in Arabic, and has a draft from them in Arabic.
INSERT INTO consent (participant_id, wave_id, info_version, decision, lang)
	SELECT p.participant_id, w.wave_id, '2026-1', 'given',
		CASE p.panel_id WHEN 'P-AS0001' THEN 'sv' ELSE 'ar' END
	FROM participant p JOIN wave w USING (study_id) WHERE p.panel_id IN ('P-AS0001', 'P-AS0002');
INSERT INTO response (submission_id, participant_id, wave_id, instrument_id, version, lang, draft)
	SELECT '00000000-0000-4000-8000-0000000000a0', p.participant_id, w.wave_id, 'as_patient', 1,
		'ar', '{"p_one": {"n": 1}}'
	FROM participant p JOIN wave w USING (study_id) WHERE p.panel_id = 'P-AS0002';
WITH d AS (DELETE FROM collect_attempt RETURNING 1) SELECT true AS attempts_cleared FROM (SELECT count(*) FROM d) x;
CREATE TEMP VIEW seen AS
	SELECT p.panel_id, r.status, r.lang AS response_lang, k.lang AS consent_lang, r.test,
		r.draft IS NULL AS no_draft,
		(SELECT string_agg(a.item_id || '=' || answer_value(a), ',' ORDER BY a.item_id)
		 FROM answer a WHERE a.response_id = r.response_id) AS answers
	FROM participant p
	LEFT JOIN response r USING (participant_id)
	LEFT JOIN consent k ON k.participant_id = p.participant_id
	WHERE p.panel_id LIKE 'P-AS%' ORDER BY p.panel_id;
GRANT SELECT ON seen TO PUBLIC;

SET LOCAL ROLE uppfolj_collect;
-- 1: in English: the response and the consent given before are English.
SELECT status, submitted_at IS NOT NULL AS at, code_id IS NOT NULL AS code
	FROM uppfolj.collect_submit_code_lang(decode(repeat('91', 32), 'hex'),
	decode(repeat('ae', 32), 'hex'), '00000000-0000-4000-8000-0000000000a1', 'as_patient', 1,
	12, false, '2026-1', '[{"i": "p_one", "n": 2}, {"i": "p_two", "n": 3}]', 30, 5, 15, 'en');
-- 2: no language: the draft becomes the submission and keeps its Arabic.
SELECT status FROM uppfolj.collect_submit_code_lang(decode(repeat('92', 32), 'hex'),
	decode(repeat('ae', 32), 'hex'), '00000000-0000-4000-8000-0000000000a2', 'as_patient', 1,
	12, false, '2026-1', '[{"i": "p_two", "n": 5}]', 30, 5, 15, NULL);
-- 3: through collect_submit_code (no language), consent in the call:
-- Swedish; then its replay names English and changes nothing, and the
-- same id with other answers is 'changed'.
SELECT status FROM uppfolj.collect_submit_code(decode(repeat('93', 32), 'hex'),
	decode(repeat('ae', 32), 'hex'), '00000000-0000-4000-8000-0000000000a3', 'as_patient', 1,
	12, true, '2026-1', '[{"i": "p_one", "n": 4}]', 30, 5, 15);
SELECT status FROM uppfolj.collect_submit_code_lang(decode(repeat('93', 32), 'hex'),
	decode(repeat('ae', 32), 'hex'), '00000000-0000-4000-8000-0000000000a3', 'as_patient', 1,
	12, true, '2026-1', '[{"i": "p_one", "n": 4}]', 30, 5, 15, 'en');
SELECT status FROM uppfolj.collect_submit_code_lang(decode(repeat('93', 32), 'hex'),
	decode(repeat('ae', 32), 'hex'), '00000000-0000-4000-8000-0000000000a3', 'as_patient', 1,
	12, true, '2026-1', '[{"i": "p_one", "n": 1}]', 30, 5, 15, 'en');
-- 4: a test code's response is a test response; consent given in the
-- call in Arabic.
SELECT status FROM uppfolj.collect_submit_code_lang(decode(repeat('94', 32), 'hex'),
	decode(repeat('ae', 32), 'hex'), '00000000-0000-4000-8000-0000000000a4', 'as_patient', 1,
	12, true, '2026-1', '[{"i": "p_one", "n": 5}]', 30, 5, 15, 'ar');
-- A code nobody has: one row, 'bad_code', nothing else.
SELECT status, submitted_at, code_id FROM uppfolj.collect_submit_code_lang(
	decode(repeat('99', 32), 'hex'), decode(repeat('ae', 32), 'hex'),
	'00000000-0000-4000-8000-0000000000a9', 'as_patient', 1, 12, true, '2026-1',
	'[{"i": "p_one", "n": 5}]', 30, 5, 15, NULL);
-- Not a language tag: refused before anything is read.
SELECT status FROM uppfolj.collect_submit_code_lang(decode(repeat('94', 32), 'hex'),
	decode(repeat('ae', 32), 'hex'), '00000000-0000-4000-8000-0000000000a8', 'as_patient', 1,
	12, true, '2026-1', '[{"i": "p_one", "n": 5}]', 30, 5, 15, 'EN!');
RESET ROLE;
SELECT * FROM seen;
-- The integer answers' index of 0007 is gone (nothing read it).
SELECT count(*) AS answer_values_idx FROM pg_indexes WHERE indexname = 'answer_values_idx';
ROLLBACK;
