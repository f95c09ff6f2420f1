-- role: superuser
-- The category table's chosen examples (0026): the admin role chooses and
-- drops through qual_example_set only; at most p_max per subkategori (a
-- kod's units count for its subkategori); a unit coded on a kategori, a
-- unit of another study and a unit hidden by an open double coding are
-- refused; choosing twice and dropping an unchosen unit record nothing; the
-- history is append-only; withdrawal erases the choice with the unit.
BEGIN;
SET LOCAL search_path = uppfolj;
INSERT INTO study (slug, name, start_date) VALUES ('extest', 'Ex test', '2024-01-01'),
	('exother', 'Other', '2024-01-01');
INSERT INTO unit (study_id, name, kind, huvudman, report_label)
	SELECT study_id, 'Avdelning E', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård'
	FROM study WHERE slug = 'extest';
INSERT INTO wave (study_id, months, opens_on, closes_on)
	SELECT study_id, 12, '2025-01-01', '2025-02-28' FROM study WHERE slug IN ('extest', 'exother');
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, p, 'personal', u.unit_id
	FROM study s JOIN unit u USING (study_id), unnest(ARRAY['P-EX01', 'P-EX02']) p
	WHERE s.slug = 'extest';
INSERT INTO app_user (username, password_hash, role) VALUES
	('ex.a', '$argon2id$x', 'evaluator'), ('ex.b', '$argon2id$x', 'evaluator');
-- a transcript per participant, a note in the other study
INSERT INTO qual_document (study_id, wave_id, grp, participant_id, title, body)
	SELECT w.study_id, w.wave_id, 'personal', p.participant_id, 'Intervju ' || p.panel_id,
		'Första meningen. Andra meningen. Tredje meningen. Fjärde meningen.'
	FROM participant p JOIN wave w USING (study_id) WHERE p.panel_id LIKE 'P-EX0_';
INSERT INTO qual_document (study_id, wave_id, grp, title, body)
	SELECT w.study_id, w.wave_id, 'chef', 'Annan studie', 'En mening.'
	FROM wave w JOIN study s USING (study_id) WHERE s.slug = 'exother';
INSERT INTO qual_code (study_id, level, name)
	SELECT study_id, 1, 'Kat' FROM study WHERE slug IN ('extest', 'exother');
INSERT INTO qual_code (study_id, parent_id, level, name)
	SELECT c.study_id, c.code_id, 2, 'Sub' FROM qual_code c JOIN study s USING (study_id)
	WHERE c.name = 'Kat' AND s.slug IN ('extest', 'exother');
INSERT INTO qual_code (study_id, parent_id, level, name)
	SELECT c.study_id, c.code_id, 3, 'Kod' FROM qual_code c JOIN study s USING (study_id)
	WHERE c.name = 'Sub' AND s.slug IN ('extest', 'exother');
-- P-EX01: four units (Sub, Sub, Kod, Kat); P-EX02: one unit (Sub); the
-- other study: one unit (its Sub). All by ex.a.
CREATE TEMP TABLE plan (panel text, pos int, code text, label text);
INSERT INTO plan VALUES ('P-EX01', 0, 'Sub', 'u1'), ('P-EX01', 17, 'Sub', 'u2'),
	('P-EX01', 33, 'Kod', 'u3'), ('P-EX01', 50, 'Kat', 'u4'), ('P-EX02', 0, 'Sub', 'u5');
CREATE TEMP TABLE unit_of (label text, unit_id bigint);
WITH ins AS (
	INSERT INTO qual_unit (document_id, start_pos, end_pos, span, code_id, coder_id)
	SELECT d.document_id, x.pos, x.pos + 5, substr(d.body, x.pos + 1, 5), c.code_id,
		(SELECT user_id FROM app_user WHERE username = 'ex.a')
	FROM plan x JOIN participant p ON p.panel_id = x.panel
	JOIN qual_document d ON d.participant_id = p.participant_id
	JOIN qual_code c ON c.name = x.code AND c.study_id = p.study_id
	RETURNING unit_id, document_id, start_pos)
INSERT INTO unit_of SELECT x.label, i.unit_id FROM ins i
	JOIN qual_document d USING (document_id) JOIN participant p USING (participant_id)
	JOIN plan x ON x.panel = p.panel_id AND x.pos = i.start_pos;
INSERT INTO qual_unit (document_id, start_pos, end_pos, span, code_id, coder_id)
	SELECT d.document_id, 0, 2, 'En', c.code_id, (SELECT user_id FROM app_user WHERE username = 'ex.a')
	FROM qual_document d JOIN qual_code c ON c.study_id = d.study_id AND c.name = 'Sub'
	JOIN study s ON s.study_id = d.study_id WHERE d.title = 'Annan studie' AND s.slug = 'exother';
INSERT INTO unit_of SELECT 'other', max(unit_id) FROM qual_unit;
-- the calls, as the admin role; every result and refusal is shown
CREATE TEMP TABLE args AS SELECT (SELECT study_id FROM study WHERE slug = 'extest') AS study,
	(SELECT user_id FROM app_user WHERE username = 'ex.a') AS a,
	(SELECT user_id FROM app_user WHERE username = 'ex.b') AS b;
GRANT SELECT ON args, unit_of TO uppfolj_admin;
SET LOCAL ROLE uppfolj_admin;
-- u1 and u3 (a kod under Sub) fill Sub's two places
SELECT qual_example_set(study, (SELECT unit_id FROM unit_of WHERE label = 'u1'), true, a, 'web:ex.a', 2) FROM args;
SELECT qual_example_set(study, (SELECT unit_id FROM unit_of WHERE label = 'u3'), true, a, 'web:ex.a', 2) FROM args;
-- choosing u1 again: no change, no event
SELECT qual_example_set(study, (SELECT unit_id FROM unit_of WHERE label = 'u1'), true, a, 'web:ex.a', 2) FROM args;
-- a third (u2, P-EX01's other Sub unit): refused, the subkategori is full
SELECT qual_example_set(study, (SELECT unit_id FROM unit_of WHERE label = 'u2'), true, a, 'web:ex.a', 2) FROM args;
-- u4 is coded on the kategori itself: refused
SELECT qual_example_set(study, (SELECT unit_id FROM unit_of WHERE label = 'u4'), true, a, 'web:ex.a', 2) FROM args;
-- the other study's unit, and a unit that does not exist: not found
SELECT qual_example_set(study, (SELECT unit_id FROM unit_of WHERE label = 'other'), true, a, 'web:ex.a', 2) FROM args;
SELECT qual_example_set(study, 0, true, a, 'web:ex.a', 2) FROM args;
-- dropping u3 frees a place; dropping it again records nothing; then u5 (P-EX02)
SELECT qual_example_set(study, (SELECT unit_id FROM unit_of WHERE label = 'u3'), false, a, 'web:ex.a', 2) FROM args;
SELECT qual_example_set(study, (SELECT unit_id FROM unit_of WHERE label = 'u3'), false, a, 'web:ex.a', 2) FROM args;
SELECT qual_example_set(study, (SELECT unit_id FROM unit_of WHERE label = 'u5'), true, a, 'web:ex.a', 2) FROM args;
-- direct writes are not the admin role's way: no UPDATE, and history stays
UPDATE qual_example SET chosen_by = 'x';
UPDATE qual_example_event SET actor = 'x';
DELETE FROM qual_example_event;
RESET ROLE;
SELECT x.label, e.chosen_by FROM qual_example e JOIN unit_of x USING (unit_id) ORDER BY 1;
SELECT v.kind, x.label, c.name AS subkategori, v.actor FROM qual_example_event v
	JOIN unit_of x USING (unit_id) JOIN qual_code c ON c.code_id = v.subkategori
	ORDER BY v.event_id;
-- an open double coding hides ex.a's units from ex.b: ex.b cannot choose them
INSERT INTO qual_dc_set (study_id, name, coder_a, coder_b, created_by)
	SELECT study, 'Dubbel', a, b, 'test' FROM args;
INSERT INTO qual_dc_document (set_id, document_id)
	SELECT s.set_id, d.document_id FROM qual_dc_set s JOIN args a ON a.study = s.study_id
	JOIN qual_document d ON d.study_id = s.study_id
	WHERE s.name = 'Dubbel' AND d.title = 'Intervju P-EX02';
SET LOCAL ROLE uppfolj_admin;
SELECT qual_example_set(study, (SELECT unit_id FROM unit_of WHERE label = 'u5'), false, b, 'web:ex.b', 2) FROM args;
RESET ROLE;
-- withdrawal: P-EX02's transcript, unit and chosen example go; P-EX01's stay
SELECT erase_participant(participant_id, 'test') FROM participant WHERE panel_id = 'P-EX02';
SELECT x.label FROM qual_example e JOIN unit_of x USING (unit_id) ORDER BY 1;
SELECT count(*) AS events_kept FROM qual_example_event v JOIN args a ON a.study = v.study_id;
ROLLBACK;
