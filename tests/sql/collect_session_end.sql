-- role: superuser
-- The session functions of 0011 as uppfolj_collect calls them: the idle
-- time by group, a draft stored as the session ends (Avbryt, "Spara och
-- fortsätt senare", idle end) in one transaction, nothing changed when it
-- cannot end, extending, and telling an expired session from an ended one.
-- Set-up as the superuser; every call as uppfolj_collect; rolled back.
BEGIN;
SET LOCAL search_path = uppfolj;
INSERT INTO study (slug, name, start_date) VALUES ('sessend', 'Session end', current_date - 400);
INSERT INTO unit (study_id, name, kind, huvudman, report_label)
	SELECT study_id, 'Avdelning S', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård'
	FROM study WHERE slug = 'sessend';
INSERT INTO wave (study_id, months, opens_on, closes_on)
	SELECT study_id, 12, current_date - 1, current_date + 30 FROM study WHERE slug = 'sessend';
INSERT INTO instrument (instrument_id, version, grp, title, definition, sha256) VALUES
	('se_patient', 1, 'patient', 'P', '{}', repeat('a', 64)),
	('se_chef', 1, 'chef', 'C', '{}', repeat('b', 64));
INSERT INTO instrument_item (instrument_id, version, item_id, position, theme_id, item_type) VALUES
	('se_patient', 1, 'p_one', 0, 'tema', 'likert5'),
	('se_patient', 1, 'p_text', 1, 'tema', 'text'),
	('se_chef', 1, 'c_one', 0, 'tema', 'likert5');
INSERT INTO wave_instrument (wave_id, grp, instrument_id, version)
	SELECT wave_id, g::respondent_group, 'se_' || g, 1 FROM wave, unnest(ARRAY['patient', 'chef']) g
	WHERE study_id = (SELECT study_id FROM study WHERE slug = 'sessend');
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, x.panel, x.grp::respondent_group, u.unit_id
	FROM study s JOIN unit u USING (study_id),
		(VALUES ('P-SE0001', 'patient'), ('C-SE0002', 'chef')) x(panel, grp)
	WHERE s.slug = 'sessend';
INSERT INTO access_code (participant_id, wave_id, code_hash, expires_at)
	SELECT p.participant_id, w.wave_id,
		decode(repeat(CASE p.grp WHEN 'patient' THEN '11' ELSE '12' END, 32), 'hex'),
		now() + interval '30 days'
	FROM participant p JOIN wave w USING (study_id) WHERE p.panel_id IN ('P-SE0001', 'C-SE0002');

SET LOCAL ROLE uppfolj_collect;
-- Patients and staff get their own idle time; a wrong code none.
SELECT accepted, grp, idle_seconds FROM uppfolj.collect_login_idle(decode(repeat('11', 32), 'hex'),
	decode(repeat('aa', 32), 'hex'), decode(repeat('21', 32), 'hex'), repeat('c', 64),
	180, 1200, 30, 5, 15);
SELECT accepted, grp, idle_seconds FROM uppfolj.collect_login_idle(decode(repeat('12', 32), 'hex'),
	decode(repeat('aa', 32), 'hex'), decode(repeat('22', 32), 'hex'), repeat('c', 64),
	180, 1200, 30, 5, 15);
SELECT accepted, grp, idle_seconds FROM uppfolj.collect_login_idle(decode(repeat('13', 32), 'hex'),
	decode(repeat('aa', 32), 'hex'), decode(repeat('23', 32), 'hex'), repeat('c', 64),
	180, 1200, 30, 5, 15);
-- Idle times outside 5 s .. 4 h are refused.
SELECT accepted FROM uppfolj.collect_login_idle(decode(repeat('11', 32), 'hex'),
	decode(repeat('aa', 32), 'hex'), decode(repeat('24', 32), 'hex'), repeat('c', 64),
	2, 1200, 30, 5, 15);
RESET ROLE;
SELECT p.grp, s.idle_seconds, extract(epoch FROM s.expires_at - s.last_seen)::integer AS lives
	FROM collect_session s JOIN participant p USING (participant_id)
	WHERE p.panel_id IN ('P-SE0001', 'C-SE0002') ORDER BY 2;

SET LOCAL ROLE uppfolj_collect;
SELECT uppfolj.collect_consent(decode(repeat('21', 32), 'hex'), 'given', '2026-1');
SELECT grp, consent, status, answers FROM uppfolj.collect_session_view(decode(repeat('21', 32), 'hex'));
-- Avbryt with what was on the page: stored and ended at once.
SELECT uppfolj.collect_session_end_saving(decode(repeat('21', 32), 'hex'),
	'[{"i": "p_one", "n": 4}, {"i": "p_text", "t": "skrivet"}]');
-- Ended: a second end, a view, an extension all find no session.
SELECT uppfolj.collect_session_end_saving(decode(repeat('21', 32), 'hex'), NULL);
SELECT grp FROM uppfolj.collect_session_view(decode(repeat('21', 32), 'hex'));
SELECT uppfolj.collect_session_extend(decode(repeat('21', 32), 'hex')) > 0;
-- Ended on purpose is not "expired".
SELECT uppfolj.collect_session_expired(decode(repeat('21', 32), 'hex'));
RESET ROLE;
SELECT a.item_id, a.value_int, a.value_text, r.status FROM response r CROSS JOIN LATERAL response_answer_rows(r) a
	JOIN participant p USING (participant_id) WHERE p.panel_id = 'P-SE0001' ORDER BY 1;
SELECT count(*) AS patient_sessions FROM collect_session s JOIN participant p USING (participant_id)
	WHERE p.panel_id = 'P-SE0001';

-- The patient comes back; the session has 5 s left; "Ja, fortsätt" gives
-- the whole idle time again.
SET LOCAL ROLE uppfolj_collect;
SELECT accepted FROM uppfolj.collect_login_idle(decode(repeat('11', 32), 'hex'),
	decode(repeat('aa', 32), 'hex'), decode(repeat('25', 32), 'hex'), repeat('d', 64),
	180, 1200, 30, 5, 15);
RESET ROLE;
UPDATE collect_session SET expires_at = now() + interval '5 seconds'
	WHERE token_hash = decode(repeat('25', 32), 'hex');
SET LOCAL ROLE uppfolj_collect;
SELECT uppfolj.collect_session_extend(decode(repeat('25', 32), 'hex'))
	= floor(extract(epoch FROM now() + interval '180 seconds')) AS extended_by_idle_time;
SELECT answers FROM uppfolj.collect_session_view(decode(repeat('25', 32), 'hex'));
-- Wrong shapes are refused and nothing changes: the session stays.
SELECT uppfolj.collect_session_end_saving(decode(repeat('25', 32), 'hex'),
	'[{"i": "p_one", "t": "fyra"}]');
SELECT uppfolj.collect_session_end_saving(decode(repeat('25', 32), 'hex'),
	'[{"i": "c_one", "n": 4}]');
RESET ROLE;
SELECT count(*) AS patient_sessions FROM collect_session WHERE token_hash = decode(repeat('25', 32), 'hex');
-- Submitted meanwhile (the draft's answers written as rows, as a
-- submission does): the end refuses to store (UF409) and changes nothing.
INSERT INTO answer SELECT a.* FROM response r CROSS JOIN LATERAL response_answer_rows(r) a
	WHERE r.participant_id = (SELECT participant_id FROM participant WHERE panel_id = 'P-SE0001');
UPDATE response SET status = 'submitted', submitted_at = now()
	WHERE participant_id = (SELECT participant_id FROM participant WHERE panel_id = 'P-SE0001');
SET LOCAL ROLE uppfolj_collect;
SELECT uppfolj.collect_session_end_saving(decode(repeat('25', 32), 'hex'),
	'[{"i": "p_one", "n": 1}]');
RESET ROLE;
SELECT a.item_id, a.value_int FROM response r CROSS JOIN LATERAL response_answer_rows(r) a
	JOIN participant p USING (participant_id) WHERE p.panel_id = 'P-SE0001' ORDER BY 1;

-- Staff without consent: answers are refused (UF403) and the session stays.
SET LOCAL ROLE uppfolj_collect;
SELECT uppfolj.collect_session_end_saving(decode(repeat('22', 32), 'hex'), '[{"i": "c_one", "n": 2}]');
RESET ROLE;
SELECT count(*) AS chef_sessions FROM collect_session WHERE token_hash = decode(repeat('22', 32), 'hex');
-- The chef's session runs out of idle time: "expired" once, then gone.
UPDATE collect_session SET expires_at = now() - interval '1 second'
	WHERE token_hash = decode(repeat('22', 32), 'hex');
SET LOCAL ROLE uppfolj_collect;
SELECT grp FROM uppfolj.collect_session_view(decode(repeat('22', 32), 'hex'));
SELECT uppfolj.collect_session_expired(decode(repeat('22', 32), 'hex'));
SELECT uppfolj.collect_session_expired(decode(repeat('22', 32), 'hex'));
SELECT uppfolj.collect_session_expired(decode(repeat('99', 32), 'hex'));
-- The helper is not the program's to call.
SELECT uppfolj.collect_session_idle(NULL::uppfolj.collect_session);
RESET ROLE;
SELECT count(*) AS chef_sessions FROM collect_session WHERE token_hash = decode(repeat('22', 32), 'hex');
ROLLBACK;
