-- role: superuser
-- 0028's flattened survey calls, as uppfolj_collect calls them: a session
-- without a response has the stamp 'none.<version>' (answers left out when
-- the caller names it); the consent writes the session's language on the
-- consent and the draft at once (and again on a draft made before), a
-- declined consent deletes the draft and ends the session; the login
-- deletes the code's earlier session and every expired one, and leaves
-- other live sessions; the page save refuses an item twice or an answer
-- its type cannot store and writes nothing; collect_session is indexed by
-- participant. Set-up as the superuser; rolled back.
BEGIN;
SET LOCAL search_path = uppfolj;
INSERT INTO study (slug, name, start_date) VALUES ('flat', 'Flat', current_date - 400);
INSERT INTO unit (study_id, name, kind, huvudman, report_label)
	SELECT study_id, 'Avdelning F', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård'
	FROM study WHERE slug = 'flat';
INSERT INTO wave (study_id, months, opens_on, closes_on)
	SELECT study_id, 12, current_date - 1, current_date + 30 FROM study WHERE slug = 'flat';
INSERT INTO instrument (instrument_id, version, grp, title, definition, sha256) VALUES
	('fl_patient', 3, 'patient', 'P', '{}', repeat('a', 64));
INSERT INTO instrument_item (instrument_id, version, item_id, position, theme_id, item_type) VALUES
	('fl_patient', 3, 'p_one', 0, 'tema', 'likert5'),
	('fl_patient', 3, 'p_two', 1, 'tema', 'likert5');
INSERT INTO wave_instrument (wave_id, grp, instrument_id, version)
	SELECT wave_id, 'patient', 'fl_patient', 3 FROM wave
	WHERE study_id = (SELECT study_id FROM study WHERE slug = 'flat');
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, x.panel, 'patient', u.unit_id
	FROM study s JOIN unit u USING (study_id),
		(VALUES ('P-FL0001'), ('P-FL0002'), ('P-FL0003')) x(panel)
	WHERE s.slug = 'flat';
INSERT INTO access_code (participant_id, wave_id, code_hash, expires_at)
	SELECT p.participant_id, w.wave_id,
		decode(repeat('7' || right(p.panel_id, 1), 32), 'hex'), now() + interval '30 days'
	FROM participant p JOIN wave w USING (study_id) WHERE p.panel_id LIKE 'P-FL%';
DELETE FROM collect_attempt;

SELECT indexdef FROM pg_indexes WHERE indexname = 'collect_session_participant_idx';

SET LOCAL ROLE uppfolj_collect;
SELECT accepted FROM uppfolj.collect_login_idle(decode(repeat('71', 32), 'hex'),
	decode(repeat('ab', 32), 'hex'), decode(repeat('81', 32), 'hex'), repeat('c', 64),
	180, 1200, 30, 5, 15);
-- Before consent: no response, the stamp names the version only.
SELECT consent, status, answers, stamp, draft_rev
FROM uppfolj.collect_session_view_lang(decode(repeat('81', 32), 'hex'), NULL);
SELECT answers IS NULL AS answers_left_out, stamp
FROM uppfolj.collect_session_view_lang(decode(repeat('81', 32), 'hex'), 'none.3');
-- English, easy to read, then consent: both rows in that language at once.
SELECT uppfolj.collect_session_view_set(decode(repeat('81', 32), 'hex'), 'en', true);
SELECT uppfolj.collect_consent_lang(decode(repeat('81', 32), 'hex'), 'maybe', '2026-1');
SELECT uppfolj.collect_consent_lang(decode(repeat('81', 32), 'hex'), 'given', '2026-1');
RESET ROLE;
SELECT k.decision, k.info_version, k.lang, r.status, r.lang AS response_lang, r.easy
FROM consent k JOIN participant p USING (participant_id)
LEFT JOIN response r ON r.participant_id = k.participant_id AND r.wave_id = k.wave_id
WHERE p.panel_id = 'P-FL0001';
-- The stamp now names the response: a copy of before no longer matches.
SELECT answers, stamp LIKE '%.0.3' AS names_response, stamp <> 'none.3' AS moved
FROM uppfolj.collect_session_view_lang(decode(repeat('81', 32), 'hex'), 'none.3');
-- Consent given again in another language: the draft follows.
SET LOCAL ROLE uppfolj_collect;
SELECT uppfolj.collect_session_view_set(decode(repeat('81', 32), 'hex'), 'ar', false);
SELECT uppfolj.collect_consent_lang(decode(repeat('81', 32), 'hex'), 'given', '2026-2');
RESET ROLE;
SELECT k.info_version, k.lang, r.lang AS response_lang, r.easy
FROM consent k JOIN participant p USING (participant_id)
JOIN response r ON r.participant_id = k.participant_id AND r.wave_id = k.wave_id
WHERE p.panel_id = 'P-FL0001';

-- The page save: an item twice, a value out of range, an item of another
-- instrument: UF400 and nothing written; then a page that fits.
SET LOCAL ROLE uppfolj_collect;
SELECT draft_rev FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), 0,
	'[{"i": "p_one", "n": 1}, {"i": "p_one", "n": 2}]', '[]');
SELECT draft_rev FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), 0,
	'[{"i": "p_one", "n": 6}]', '[]');
SELECT draft_rev FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), 0,
	'[{"i": "p_three", "n": 1}]', '[]');
SELECT draft_rev % 4294967296 AS n, expires_epoch > 0 AS alive, stamp LIKE '%.3' AS stamped
FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), 0,
	'[{"i": "p_one", "n": 4}, {"i": "p_two", "d": true}]', '[]');
-- A stale revision: a row without a revision, nothing written.
SELECT draft_rev IS NULL AS stale, expires_epoch > 0 AS alive, stamp
FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), 0,
	'[{"i": "p_one", "n": 1}]', '[]');
RESET ROLE;
SELECT draft FROM response r JOIN participant p USING (participant_id)
WHERE p.panel_id = 'P-FL0001';

-- Two more sessions; the second's is made expired. The first code's new
-- login replaces its own session and sweeps the expired one; the third
-- participant's live session stays.
SET LOCAL ROLE uppfolj_collect;
SELECT accepted FROM uppfolj.collect_login_idle(decode(repeat('72', 32), 'hex'),
	decode(repeat('ab', 32), 'hex'), decode(repeat('82', 32), 'hex'), repeat('c', 64),
	180, 1200, 30, 5, 15);
SELECT accepted FROM uppfolj.collect_login_idle(decode(repeat('73', 32), 'hex'),
	decode(repeat('ab', 32), 'hex'), decode(repeat('83', 32), 'hex'), repeat('c', 64),
	180, 1200, 30, 5, 15);
RESET ROLE;
UPDATE collect_session SET expires_at = now() - interval '1 second'
WHERE token_hash = decode(repeat('82', 32), 'hex');
SET LOCAL ROLE uppfolj_collect;
SELECT accepted FROM uppfolj.collect_login_idle(decode(repeat('71', 32), 'hex'),
	decode(repeat('ab', 32), 'hex'), decode(repeat('84', 32), 'hex'), repeat('c', 64),
	180, 1200, 30, 5, 15);
RESET ROLE;
SELECT p.panel_id, encode(substr(s.token_hash, 1, 1), 'hex') AS token
FROM collect_session s JOIN participant p USING (participant_id)
WHERE p.panel_id LIKE 'P-FL%' ORDER BY 1;

-- Declined: the decision kept, the draft deleted, the session ended.
SET LOCAL ROLE uppfolj_collect;
SELECT uppfolj.collect_consent_lang(decode(repeat('84', 32), 'hex'), 'declined', '2026-2');
SELECT grp FROM uppfolj.collect_session_view_lang(decode(repeat('84', 32), 'hex'), NULL);
RESET ROLE;
SELECT k.decision, k.lang, (SELECT count(*) FROM response r
	WHERE r.participant_id = k.participant_id) AS responses
FROM consent k JOIN participant p USING (participant_id) WHERE p.panel_id = 'P-FL0001';
ROLLBACK;
