-- role: superuser
-- Qualitative coding (0020): withdrawal erases a participant's transcripts,
-- answer documents, meaning units and codings through the foreign keys, while
-- other participants' documents and the code tree stay; the tree's rules
-- (parent one level up, same study, unique sibling names), a meaning unit's
-- span equal to its offsets, two different double coders, and the history
-- being append-only hold against a writer with every privilege.
BEGIN;
SET LOCAL search_path = uppfolj;
INSERT INTO study (slug, name, start_date) VALUES ('qualtest', 'Qual test', '2024-01-01'),
	('qualother', 'Other', '2024-01-01');
INSERT INTO unit (study_id, name, kind, huvudman, report_label)
	SELECT study_id, 'Avdelning Q', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård'
	FROM study WHERE slug = 'qualtest';
INSERT INTO wave (study_id, months, opens_on, closes_on)
	SELECT study_id, 12, '2025-01-01', '2025-02-28' FROM study WHERE slug IN ('qualtest', 'qualother');
INSERT INTO instrument (instrument_id, version, grp, title, definition, sha256) VALUES
	('qualtest_a', 1, 'personal', 'A', '{}', repeat('c', 64));
INSERT INTO instrument_item (instrument_id, version, item_id, position, theme_id, item_type) VALUES
	('qualtest_a', 1, 'a_text', 0, 'tema', 'text');
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, p, 'personal', u.unit_id
	FROM study s JOIN unit u USING (study_id), unnest(ARRAY['P-QUAL01', 'P-QUAL02']) p
	WHERE s.slug = 'qualtest';
INSERT INTO response (submission_id, participant_id, wave_id, instrument_id, version,
	status, submitted_at)
	SELECT gen_random_uuid(), p.participant_id, w.wave_id, 'qualtest_a', 1, 'submitted', now()
	FROM participant p JOIN wave w USING (study_id) WHERE p.panel_id LIKE 'P-QUAL%';
INSERT INTO answer (response_id, instrument_id, version, item_id, value_text)
	SELECT r.response_id, 'qualtest_a', 1, 'a_text', 'Svar från ' || p.panel_id || '. Bra stöd.'
	FROM response r JOIN participant p USING (participant_id) WHERE p.panel_id LIKE 'P-QUAL%';
INSERT INTO app_user (username, password_hash, role) VALUES
	('qual.a', '$argon2id$x', 'evaluator'), ('qual.b', '$argon2id$x', 'evaluator');
-- Documents: both answers, a transcript of P-QUAL01, a note without a participant.
INSERT INTO qual_document (study_id, wave_id, grp, participant_id, response_id, item_id)
	SELECT w.study_id, r.wave_id, p.grp, p.participant_id, a.response_id, a.item_id
	FROM answer a JOIN response r USING (response_id)
	JOIN participant p USING (participant_id) JOIN wave w ON w.wave_id = r.wave_id
	WHERE a.instrument_id = 'qualtest_a' AND p.panel_id LIKE 'P-QUAL%';
INSERT INTO qual_document (study_id, wave_id, grp, participant_id, title, body)
	SELECT w.study_id, w.wave_id, 'personal', p.participant_id, 'Intervju', 'Hen sa att det var bra.'
	FROM participant p JOIN wave w USING (study_id) WHERE p.panel_id = 'P-QUAL01';
INSERT INTO qual_document (study_id, wave_id, grp, title, body)
	SELECT w.study_id, w.wave_id, 'chef', 'Anteckning', 'Gruppintervju med chefer.'
	FROM wave w JOIN study s USING (study_id) WHERE s.slug = 'qualtest';
-- A transcript of a participant of another study.
INSERT INTO qual_document (study_id, wave_id, grp, participant_id, title, body)
	SELECT w.study_id, w.wave_id, 'personal', (SELECT participant_id FROM participant
		WHERE panel_id = 'P-QUAL01'), 'Fel studie', 'Text.'
	FROM study s JOIN wave w USING (study_id) WHERE s.slug = 'qualother';
-- An answer document that claims a transcript body too.
UPDATE qual_document SET body = 'x' WHERE response_id IS NOT NULL;
-- The tree: kategori > subkategori > kod.
INSERT INTO qual_code (study_id, level, name)
	SELECT study_id, 1, 'Stöd' FROM study WHERE slug = 'qualtest';
INSERT INTO qual_code (study_id, parent_id, level, name)
	SELECT study_id, code_id, 2, 'Bemötande' FROM qual_code WHERE name = 'Stöd';
INSERT INTO qual_code (study_id, parent_id, level, name)
	SELECT study_id, code_id, 3, 'Lyssnar' FROM qual_code WHERE name = 'Bemötande';
-- A level skipped, a parent in another study, a sibling with the same name,
-- a second root with the same name, a name with a newline.
INSERT INTO qual_code (study_id, parent_id, level, name)
	SELECT study_id, code_id, 3, 'Hoppar' FROM qual_code WHERE name = 'Stöd';
INSERT INTO qual_code (study_id, parent_id, level, name)
	SELECT (SELECT study_id FROM study WHERE slug = 'qualother'), code_id, 2, 'Annan'
	FROM qual_code WHERE name = 'Stöd';
INSERT INTO qual_code (study_id, parent_id, level, name)
	SELECT study_id, code_id, 2, 'Bemötande' FROM qual_code WHERE name = 'Stöd';
INSERT INTO qual_code (study_id, level, name)
	SELECT study_id, 1, 'Stöd' FROM study WHERE slug = 'qualtest';
INSERT INTO qual_code (study_id, level, name)
	SELECT study_id, 1, E'Två\nrader' FROM study WHERE slug = 'qualtest';
-- Meaning units: one per document of the study, coded 'Lyssnar'.
INSERT INTO qual_unit (document_id, start_pos, end_pos, span, condensation, code_id, coder_id)
	SELECT d.document_id, 0, 3, substr(coalesce(d.body, a.value_text), 1, 3), 'kort',
		(SELECT code_id FROM qual_code WHERE name = 'Lyssnar'),
		(SELECT user_id FROM app_user WHERE username = 'qual.a')
	FROM qual_document d LEFT JOIN answer a USING (response_id, item_id)
	JOIN study s USING (study_id) WHERE s.slug = 'qualtest';
-- A span whose length does not match its offsets; an empty span.
INSERT INTO qual_unit (document_id, start_pos, end_pos, span, coder_id)
	SELECT min(document_id), 0, 5, 'abc', (SELECT user_id FROM app_user WHERE username = 'qual.a')
	FROM qual_document;
INSERT INTO qual_unit (document_id, start_pos, end_pos, span, coder_id)
	SELECT min(document_id), 2, 2, '', (SELECT user_id FROM app_user WHERE username = 'qual.a')
	FROM qual_document;
-- A double-coding set with the same coder twice.
INSERT INTO qual_dc_set (study_id, name, coder_a, coder_b, created_by)
	SELECT s.study_id, 'Dubbel', u.user_id, u.user_id, 'test'
	FROM study s, app_user u WHERE s.slug = 'qualtest' AND u.username = 'qual.a';
-- Independent coding: a set holding the transcript, coders a and b.
INSERT INTO qual_dc_set (study_id, name, coder_a, coder_b, created_by)
	SELECT s.study_id, 'Dubbel', a.user_id, b.user_id, 'test'
	FROM study s, app_user a, app_user b
	WHERE s.slug = 'qualtest' AND a.username = 'qual.a' AND b.username = 'qual.b';
INSERT INTO qual_dc_document (set_id, document_id)
	SELECT s.set_id, d.document_id FROM qual_dc_set s, qual_document d
	WHERE s.name = 'Dubbel' AND d.title = 'Intervju';
-- b does not see a's unit while the set is open; a does; after both are done, b does.
SELECT u.username, qual_unit_visible(m.document_id, m.coder_id, u.user_id) AS visible
	FROM qual_unit m JOIN qual_document d USING (document_id), app_user u
	WHERE d.title = 'Intervju' AND u.username LIKE 'qual._' ORDER BY u.username;
UPDATE qual_dc_set SET a_done_at = now(), b_done_at = now() WHERE name = 'Dubbel';
SELECT u.username, qual_unit_visible(m.document_id, m.coder_id, u.user_id) AS visible
	FROM qual_unit m JOIN qual_document d USING (document_id), app_user u
	WHERE d.title = 'Intervju' AND u.username LIKE 'qual._' ORDER BY u.username;
INSERT INTO qual_code_event (study_id, kind, code_id, new_name, actor)
	SELECT study_id, 'create', code_id, name, 'test' FROM qual_code WHERE name = 'Stöd';
UPDATE qual_code_event SET new_name = 'Annat';
DELETE FROM qual_code_event;
-- Before: documents and meaning units per participant.
SELECT coalesce(p.panel_id, '-') AS panel, count(DISTINCT d.document_id) AS documents,
	count(m.unit_id) AS units
	FROM qual_document d LEFT JOIN participant p USING (participant_id)
	LEFT JOIN qual_unit m USING (document_id) JOIN study s ON s.study_id = d.study_id
	WHERE s.slug = 'qualtest' GROUP BY 1 ORDER BY 1;
SELECT erase_participant(participant_id, 'test') FROM participant WHERE panel_id = 'P-QUAL01';
-- After: P-QUAL01's answer, transcript and their units are gone, the rest stays.
SELECT coalesce(p.panel_id, '-') AS panel, count(DISTINCT d.document_id) AS documents,
	count(m.unit_id) AS units
	FROM qual_document d LEFT JOIN participant p USING (participant_id)
	LEFT JOIN qual_unit m USING (document_id) JOIN study s ON s.study_id = d.study_id
	WHERE s.slug = 'qualtest' GROUP BY 1 ORDER BY 1;
SELECT count(*) AS dc_documents FROM qual_dc_document x JOIN qual_dc_set s USING (set_id)
	WHERE s.name = 'Dubbel';
SELECT count(*) AS codes FROM qual_code c JOIN study s USING (study_id) WHERE s.slug = 'qualtest';
SELECT count(*) AS units_on_erased_words FROM qual_unit m JOIN qual_document d USING (document_id)
	LEFT JOIN answer a USING (response_id, item_id)
	WHERE coalesce(d.body, a.value_text) LIKE '%QUAL01%' OR d.title = 'Intervju';
ROLLBACK;
