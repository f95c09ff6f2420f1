-- role: superuser
-- 0016's page saves as uppfolj_collect calls them: collect_session_load
-- gives the draft and its revision; collect_draft_page writes only the
-- page's answers (upsert) and removals at the revision it was given, raises
-- the revision, refuses a stale revision without writing, re-checks each
-- answer's type, and refuses without consent (UF403), after submission
-- (UF409) and without a session (UF401). The older whole-draft writers raise
-- the revision too. Set-up as the superuser; calls as uppfolj_collect
-- (answers shown sorted by item: their stored order is the table's);
-- rolled back.
BEGIN;
SET LOCAL search_path = uppfolj;
INSERT INTO study (slug, name, start_date) VALUES ('draftpg', 'Draft page', current_date - 400);
INSERT INTO unit (study_id, name, kind, huvudman, report_label)
	SELECT study_id, 'Avdelning D', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård'
	FROM study WHERE slug = 'draftpg';
INSERT INTO wave (study_id, months, opens_on, closes_on)
	SELECT study_id, 12, current_date - 1, current_date + 30 FROM study WHERE slug = 'draftpg';
INSERT INTO instrument (instrument_id, version, grp, title, definition, sha256) VALUES
	('dp_patient', 1, 'patient', 'P', '{}', repeat('a', 64));
INSERT INTO instrument_item (instrument_id, version, item_id, position, theme_id, item_type) VALUES
	('dp_patient', 1, 'p_one', 0, 'tema', 'likert5'),
	('dp_patient', 1, 'p_two', 1, 'tema', 'likert5'),
	('dp_patient', 1, 'p_text', 2, 'tema', 'text');
INSERT INTO wave_instrument (wave_id, grp, instrument_id, version)
	SELECT wave_id, 'patient', 'dp_patient', 1 FROM wave
	WHERE study_id = (SELECT study_id FROM study WHERE slug = 'draftpg');
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, 'P-DP0001', 'patient', u.unit_id
	FROM study s JOIN unit u USING (study_id) WHERE s.slug = 'draftpg';
INSERT INTO access_code (participant_id, wave_id, code_hash, expires_at)
	SELECT p.participant_id, w.wave_id, decode(repeat('31', 32), 'hex'), now() + interval '30 days'
	FROM participant p JOIN wave w USING (study_id) WHERE p.panel_id = 'P-DP0001';

SET LOCAL ROLE uppfolj_collect;
SELECT accepted FROM uppfolj.collect_login_idle(decode(repeat('31', 32), 'hex'),
	decode(repeat('aa', 32), 'hex'), decode(repeat('41', 32), 'hex'), repeat('c', 64),
	180, 1200, 30, 5, 15);
-- Before consent there is no response: revision 0, and a page is refused.
SELECT consent, status, answers, draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_session_load(decode(repeat('41', 32), 'hex'));
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('41', 32), 'hex'), 0,
	'[{"i": "p_one", "n": 3}]', '[]');
SELECT uppfolj.collect_consent(decode(repeat('41', 32), 'hex'), 'given', '2026-1');
SELECT consent, status, answers, draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_session_load(decode(repeat('41', 32), 'hex'));
-- Page 1 at revision 0, page 2 at revision 1: each raises the revision.
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('41', 32), 'hex'), 0,
	'[{"i": "p_one", "n": 3}]', '[]');
-- Revisions are this connection's block (0027) * 2^32 + n: n is what the
-- pages pass and what is shown.
SELECT current_setting('uppfolj.draft_rev_block')::bigint * 4294967296 AS base \gset
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('41', 32), 'hex'), :base + 1,
	'[{"i": "p_two", "n": 5}, {"i": "p_text", "t": "hej"}]', '[]');
-- A page merged into revision 1 comes too late: NULL, nothing written.
SELECT draft_rev IS NULL AS stale FROM uppfolj.collect_draft_page(decode(repeat('41', 32), 'hex'), :base + 1,
	'[{"i": "p_one", "n": 1}]', '[]');
SELECT (SELECT jsonb_agg(x ORDER BY x->>'i') FROM jsonb_array_elements(answers) x) AS answers,
	draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_session_load(decode(repeat('41', 32), 'hex'));
-- Changing one answer and clearing another touches only those two.
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('41', 32), 'hex'), :base + 2,
	'[{"i": "p_one", "d": true}]', '["p_text"]');
SELECT (SELECT jsonb_agg(x ORDER BY x->>'i') FROM jsonb_array_elements(answers) x) AS answers,
	draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_session_load(decode(repeat('41', 32), 'hex'));
-- Wrong shapes: a value outside the item type, an item the instrument does
-- not have, and arguments that are not arrays. Nothing changes.
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('41', 32), 'hex'), :base + 3,
	'[{"i": "p_two", "n": 9}]', '[]');
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('41', 32), 'hex'), :base + 3,
	'[{"i": "p_nine", "n": 2}]', '[]');
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('41', 32), 'hex'), :base + 3,
	'{"i": "p_two", "n": 2}', '[]');
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('41', 32), 'hex'), :base + 3,
	'[]', '"p_two"');
-- The whole-draft save (0003) raises the revision as well.
SELECT uppfolj.collect_draft_save(decode(repeat('41', 32), 'hex'), '[{"i": "p_one", "n": 4}]');
SELECT (SELECT jsonb_agg(x ORDER BY x->>'i') FROM jsonb_array_elements(answers) x) AS answers,
	draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_session_load(decode(repeat('41', 32), 'hex'));
-- No session: UF401.
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('49', 32), 'hex'), :base + 4,
	'[{"i": "p_one", "n": 2}]', '[]');
-- Submitted: UF409 whatever the revision, and the answers stay.
SELECT submission_id IS NOT NULL AS submitted FROM uppfolj.collect_submit_session(
	decode(repeat('41', 32), 'hex'), '[{"i": "p_one", "n": 4}, {"i": "p_two", "n": 5}]');
RESET ROLE;
UPDATE access_code SET used_at = NULL WHERE code_hash = decode(repeat('31', 32), 'hex');
SET LOCAL ROLE uppfolj_collect;
SELECT accepted FROM uppfolj.collect_login_idle(decode(repeat('31', 32), 'hex'),
	decode(repeat('aa', 32), 'hex'), decode(repeat('42', 32), 'hex'), repeat('c', 64),
	180, 1200, 30, 5, 15);
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('42', 32), 'hex'), :base + 4,
	'[{"i": "p_one", "n": 2}]', '[]');
RESET ROLE;
SELECT r.status, r.draft_rev % 4294967296 AS draft_rev, a.item_id, a.value_int FROM response r JOIN answer a USING (response_id)
	JOIN participant p USING (participant_id) WHERE p.panel_id = 'P-DP0001' ORDER BY 3;
ROLLBACK;
