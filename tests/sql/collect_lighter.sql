-- role: superuser
-- 0023's single-query versions of the hot survey calls, as uppfolj_collect
-- calls them: the session read (answers only when the stamp moved on; the
-- keep-alive write only when the session was last seen a while ago; an
-- expired session is UF401), the login (a wrong or used code counted
-- against the address, the code and the code's row; a rate-limited
-- address refused before the code is looked at) and the page save (the
-- consent checked in the revision's UPDATE). Set-up as the superuser;
-- rolled back.
BEGIN;
SET LOCAL search_path = uppfolj;
INSERT INTO study (slug, name, start_date) VALUES ('lighter', 'Lighter', current_date - 400);
INSERT INTO unit (study_id, name, kind, huvudman, report_label)
	SELECT study_id, 'Avdelning L', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård'
	FROM study WHERE slug = 'lighter';
INSERT INTO wave (study_id, months, opens_on, closes_on)
	SELECT study_id, 12, current_date - 1, current_date + 30 FROM study WHERE slug = 'lighter';
INSERT INTO instrument (instrument_id, version, grp, title, definition, sha256) VALUES
	('li_patient', 1, 'patient', 'P', '{}', repeat('a', 64));
INSERT INTO instrument_item (instrument_id, version, item_id, position, theme_id, item_type) VALUES
	('li_patient', 1, 'p_one', 0, 'tema', 'likert5'),
	('li_patient', 1, 'p_two', 1, 'tema', 'likert5');
INSERT INTO wave_instrument (wave_id, grp, instrument_id, version)
	SELECT wave_id, 'patient', 'li_patient', 1 FROM wave
	WHERE study_id = (SELECT study_id FROM study WHERE slug = 'lighter');
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, x.panel, 'patient', u.unit_id
	FROM study s JOIN unit u USING (study_id),
		(VALUES ('P-LI0001'), ('P-LI0002')) x(panel)
	WHERE s.slug = 'lighter';
INSERT INTO access_code (participant_id, wave_id, code_hash, expires_at, used_at)
	SELECT p.participant_id, w.wave_id,
		decode(repeat(CASE p.panel_id WHEN 'P-LI0001' THEN '51' ELSE '52' END, 32), 'hex'),
		now() + interval '30 days',
		CASE p.panel_id WHEN 'P-LI0002' THEN now() END
	FROM participant p JOIN wave w USING (study_id) WHERE p.panel_id LIKE 'P-LI%';
DELETE FROM collect_attempt;

SET LOCAL ROLE uppfolj_collect;
-- A code nobody has and a used code: not accepted, each failure counted.
SELECT accepted, grp, code_id FROM uppfolj.collect_login_idle(decode(repeat('59', 32), 'hex'),
	decode(repeat('ab', 32), 'hex'), decode(repeat('61', 32), 'hex'), repeat('c', 64),
	180, 1200, 30, 5, 15);
SELECT accepted, grp, code_id FROM uppfolj.collect_login_idle(decode(repeat('52', 32), 'hex'),
	decode(repeat('ab', 32), 'hex'), decode(repeat('62', 32), 'hex'), repeat('c', 64),
	180, 1200, 30, 5, 15);
RESET ROLE;
SELECT kind, failures FROM collect_attempt ORDER BY kind, failures;
SELECT failed_attempts FROM access_code WHERE code_hash = decode(repeat('52', 32), 'hex');
-- At the address's limit (here 2) even the right code is refused.
SET LOCAL ROLE uppfolj_collect;
SELECT accepted FROM uppfolj.collect_login_idle(decode(repeat('51', 32), 'hex'),
	decode(repeat('ab', 32), 'hex'), decode(repeat('63', 32), 'hex'), repeat('c', 64),
	180, 1200, 2, 5, 15);
-- Below it the right code opens a session with the patients' idle time.
SELECT accepted, grp, months, idle_seconds FROM uppfolj.collect_login_idle(
	decode(repeat('51', 32), 'hex'), decode(repeat('ab', 32), 'hex'),
	decode(repeat('64', 32), 'hex'), repeat('c', 64), 180, 1200, 30, 5, 15);
RESET ROLE;
SELECT idle_seconds, extract(epoch FROM expires_at - last_seen)::integer AS lives,
	(SELECT opened_at IS NOT NULL FROM access_code a WHERE a.code_id = s.code_id) AS opened
	FROM collect_session s WHERE token_hash = decode(repeat('64', 32), 'hex');

SET LOCAL ROLE uppfolj_collect;
SELECT uppfolj.collect_consent(decode(repeat('64', 32), 'hex'), 'given', '2026-1');
SELECT draft_rev % 4294967296 AS draft_rev, stamp IS NOT NULL AS stamped FROM uppfolj.collect_draft_page(
	decode(repeat('64', 32), 'hex'), 0, '[{"i": "p_one", "n": 3}]', '[]');
-- Revisions are this connection's block (0027) * 2^32 + n: n is what the
-- pages pass and what is shown.
SELECT current_setting('uppfolj.draft_rev_block')::bigint * 4294967296 AS base \gset
-- Without a stamp, and with an old one: the answers. With the current
-- stamp: none (the caller's copy is current), the rest as always.
SELECT consent, status, answers, draft_rev % 4294967296 AS draft_rev, test FROM uppfolj.collect_session_view_since(
	decode(repeat('64', 32), 'hex'), NULL);
SELECT answers FROM uppfolj.collect_session_view_since(
	decode(repeat('64', 32), 'hex'), 'not-the-stamp');
SELECT v.answers IS NULL AS from_copy, v.consent, v.draft_rev % 4294967296 AS draft_rev
	FROM uppfolj.collect_draft_page(decode(repeat('64', 32), 'hex'), :base + 1,
		'[{"i": "p_two", "n": 4}]', '[]') d,
	uppfolj.collect_session_view_since(decode(repeat('64', 32), 'hex'), d.stamp) v;
RESET ROLE;
-- Seen 10 s ago (under a sixth of 180 s): a view writes nothing.
UPDATE collect_session SET last_seen = now() - interval '10 seconds',
	expires_at = now() + interval '77 seconds' WHERE token_hash = decode(repeat('64', 32), 'hex');
SET LOCAL ROLE uppfolj_collect;
SELECT expires_epoch = floor(extract(epoch FROM now() + interval '77 seconds'))::bigint AS unchanged
	FROM uppfolj.collect_session_view_since(decode(repeat('64', 32), 'hex'), NULL);
RESET ROLE;
-- Seen an hour ago: the view keeps it alive for its idle time from now.
UPDATE collect_session SET last_seen = now() - interval '1 hour',
	expires_at = now() + interval '1 minute' WHERE token_hash = decode(repeat('64', 32), 'hex');
SET LOCAL ROLE uppfolj_collect;
SELECT expires_epoch = floor(extract(epoch FROM now() + interval '180 seconds'))::bigint AS extended
	FROM uppfolj.collect_session_view_since(decode(repeat('64', 32), 'hex'), NULL);
RESET ROLE;
SELECT last_seen = now() AS seen_now FROM collect_session
	WHERE token_hash = decode(repeat('64', 32), 'hex');
-- Consent withdrawn behind the session's back: the page save at the
-- current revision is refused (UF403) and writes nothing.
UPDATE consent SET decision = 'declined'
	WHERE participant_id = (SELECT participant_id FROM participant WHERE panel_id = 'P-LI0001');
SET LOCAL ROLE uppfolj_collect;
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('64', 32), 'hex'), :base + 2,
	'[{"i": "p_one", "n": 1}]', '[]');
RESET ROLE;
SELECT r.draft_rev % 4294967296 AS draft_rev, a.item_id, a.value_int FROM response r CROSS JOIN LATERAL response_answer_rows(r) a
	JOIN participant p USING (participant_id) WHERE p.panel_id = 'P-LI0001' ORDER BY 2;
-- An expired session is no session.
UPDATE collect_session SET expires_at = now() - interval '1 second'
	WHERE token_hash = decode(repeat('64', 32), 'hex');
SET LOCAL ROLE uppfolj_collect;
SELECT grp FROM uppfolj.collect_session_view_since(decode(repeat('64', 32), 'hex'), NULL);
ROLLBACK;
