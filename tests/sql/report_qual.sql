-- role: superuser
-- Migration 0024: a withdrawal (erasure) adds one to its study's count,
-- counted from the study's creation, naming no one; report_qual_unit counts
-- submitted, non-test material only, a kod under its subkategori and
-- kategori, and on a double-coded document the first coder's units only;
-- the report role may read both and write neither.
BEGIN;
SET LOCAL search_path = uppfolj;
INSERT INTO study (slug, name, start_date, created_at)
	VALUES ('rqtest', 'RQ test', '2024-01-01', '2024-01-02 10:00+00');
INSERT INTO unit (study_id, name, kind, huvudman, report_label)
	SELECT study_id, 'Avdelning R', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård'
	FROM study WHERE slug = 'rqtest';
INSERT INTO wave (study_id, months, opens_on, closes_on, test)
	SELECT study_id, m, '2025-01-01', '2025-02-28', m = 24 FROM study, (VALUES (12), (24)) v(m)
	WHERE slug = 'rqtest';
INSERT INTO instrument (instrument_id, version, grp, title, definition, sha256) VALUES
	('rqtest_a', 1, 'personal', 'A', '{}', repeat('d', 64));
INSERT INTO instrument_item (instrument_id, version, item_id, position, theme_id, item_type) VALUES
	('rqtest_a', 1, 'a_text', 0, 'tema', 'text');
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, p, 'personal', u.unit_id
	FROM study s JOIN unit u USING (study_id), unnest(ARRAY['R-RQ0001', 'R-RQ0002', 'R-RQ0003']) p
	WHERE s.slug = 'rqtest';
-- R-RQ0001 submitted, R-RQ0002 has a draft only
INSERT INTO response (submission_id, participant_id, wave_id, instrument_id, version,
	status, submitted_at)
	SELECT gen_random_uuid(), p.participant_id, w.wave_id, 'rqtest_a', 1,
		CASE p.panel_id WHEN 'R-RQ0001' THEN 'submitted' ELSE 'draft' END::response_status,
		CASE p.panel_id WHEN 'R-RQ0001' THEN now() END
	FROM participant p JOIN wave w USING (study_id)
	WHERE p.panel_id IN ('R-RQ0001', 'R-RQ0002') AND w.months = 12;
INSERT INTO answer (response_id, instrument_id, version, item_id, value_text)
	SELECT r.response_id, 'rqtest_a', 1, 'a_text', 'Svar från ' || p.panel_id
	FROM response r JOIN participant p USING (participant_id) WHERE p.panel_id LIKE 'R-RQ%';
INSERT INTO app_user (username, password_hash, role) VALUES
	('rq.a', '$argon2id$x', 'evaluator'), ('rq.b', '$argon2id$x', 'evaluator');
INSERT INTO qual_document (study_id, wave_id, grp, participant_id, response_id, item_id)
	SELECT w.study_id, r.wave_id, p.grp, p.participant_id, a.response_id, a.item_id
	FROM answer a JOIN response r USING (response_id)
	JOIN participant p USING (participant_id) JOIN wave w ON w.wave_id = r.wave_id
	WHERE a.instrument_id = 'rqtest_a';
-- transcripts: R-RQ0003 at 12 and in the test wave 24, a group interview at 12
INSERT INTO qual_document (study_id, wave_id, grp, participant_id, title, body)
	SELECT s.study_id, w.wave_id, 'personal', p.participant_id, t, 'Kvällarna är svåra.'
	FROM study s JOIN wave w USING (study_id)
	LEFT JOIN participant p ON p.study_id = s.study_id AND p.panel_id = 'R-RQ0003',
	(VALUES ('Intervju'), ('Fokusgrupp')) x(t)
	WHERE s.slug = 'rqtest' AND (t = 'Intervju' OR w.months = 12);
UPDATE qual_document SET participant_id = NULL WHERE title = 'Fokusgrupp';
INSERT INTO qual_code (study_id, level, name) SELECT study_id, 1, 'Kategori' FROM study WHERE slug = 'rqtest';
INSERT INTO qual_code (study_id, parent_id, level, name)
	SELECT study_id, code_id, 2, 'Sub' FROM qual_code WHERE name = 'Kategori';
INSERT INTO qual_code (study_id, parent_id, level, name)
	SELECT study_id, code_id, 3, 'Kod' FROM qual_code WHERE name = 'Sub';
-- every document gets a unit coded 'Kod' by rq.a, and one coded 'Kategori' by rq.b
INSERT INTO qual_unit (document_id, start_pos, end_pos, span, code_id, coder_id)
	SELECT d.document_id, 0, 4, substr(coalesce(d.body, a.value_text), 1, 4), c.code_id, u.user_id
	FROM qual_document d LEFT JOIN answer a USING (response_id, item_id)
	JOIN study s ON s.study_id = d.study_id AND s.slug = 'rqtest',
	qual_code c, app_user u
	WHERE (c.name, u.username) IN (('Kod', 'rq.a'), ('Kategori', 'rq.b'));
-- the interview at 12 is double-coded by rq.a (first) and rq.b
INSERT INTO qual_dc_set (study_id, name, coder_a, coder_b, created_by)
	SELECT study_id, 'D', (SELECT user_id FROM app_user WHERE username = 'rq.a'),
		(SELECT user_id FROM app_user WHERE username = 'rq.b'), 'test' FROM study WHERE slug = 'rqtest';
INSERT INTO qual_dc_document (set_id, document_id)
	SELECT s.set_id, d.document_id FROM qual_dc_set s, qual_document d JOIN wave w USING (wave_id)
	WHERE s.name = 'D' AND d.title = 'Intervju' AND w.months = 12;
-- counted: the submitted answer and the focus group (both coders), the
-- 12-month interview (rq.a only); not the draft nor the test wave
SELECT v.months, v.respondent LIKE 'p%' AS participant, c.name AS kategori, s.name AS sub,
	u.username AS coder
	FROM report_qual_unit v JOIN study st ON st.study_id = v.study_id AND st.slug = 'rqtest'
	JOIN qual_code c ON c.code_id = v.kategori LEFT JOIN qual_code s ON s.code_id = v.subkategori
	JOIN qual_unit q ON q.guid = v.guid JOIN app_user u ON u.user_id = q.coder_id
	ORDER BY 1, 2, 4, 5;
SELECT erased FROM study_withdrawal w JOIN study s USING (study_id) WHERE s.slug = 'rqtest';
SELECT erase_participant(participant_id, 'test') FROM participant WHERE panel_id = 'R-RQ0003';
SELECT erase_participant(participant_id, 'test') FROM participant WHERE panel_id = 'R-RQ0002';
SELECT erased, since = '2024-01-02 10:00+00' AS since_creation
	FROM study_withdrawal w JOIN study s USING (study_id) WHERE s.slug = 'rqtest';
SELECT count(*) AS units_left FROM report_qual_unit v JOIN study s USING (study_id)
	WHERE s.slug = 'rqtest';
SET LOCAL ROLE uppfolj_report;
SELECT count(*) AS report_reads FROM report_qual_unit v JOIN study s USING (study_id)
	WHERE s.slug = 'rqtest';
SELECT count(*) >= 1 AS report_reads_withdrawals FROM study_withdrawal;
UPDATE study_withdrawal SET erased = 0;
INSERT INTO study_withdrawal (study_id) VALUES (1);
ROLLBACK;
