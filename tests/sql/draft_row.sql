-- role: superuser
-- 0025: a draft is one jsonb value on its response. A page save writes that
-- value and no answer row; every answer is checked as the answer table
-- would check it (so a draft holds only what its submission can store);
-- the submission writes the answer rows and clears the draft, through the
-- web pages and through the JSON API; a declined consent, erasure
-- (withdrawal) and purge-drafts' delete take the draft with the response;
-- the access request lists a draft's answers. Set-up as the superuser;
-- calls as uppfolj_collect and uppfolj_admin; rolled back.
BEGIN;
SET LOCAL search_path = uppfolj;
INSERT INTO study (slug, name, start_date) VALUES ('draftrow', 'Draft row', current_date - 400);
INSERT INTO unit (study_id, name, kind, huvudman, report_label)
	SELECT study_id, 'Avdelning R', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård'
	FROM study WHERE slug = 'draftrow';
INSERT INTO wave (study_id, months, opens_on, closes_on)
	SELECT study_id, 12, current_date - 1, current_date + 30 FROM study WHERE slug = 'draftrow';
INSERT INTO instrument (instrument_id, version, grp, title, definition, sha256) VALUES
	('dr_patient', 1, 'patient', 'P', '{}', repeat('a', 64));
INSERT INTO instrument_item (instrument_id, version, item_id, position, theme_id, item_type) VALUES
	('dr_patient', 1, 'p_one', 0, 'tema', 'likert5'),
	('dr_patient', 1, 'p_two', 1, 'tema', 'likert5'),
	('dr_patient', 1, 'p_text', 2, 'tema', 'text'),
	('dr_patient', 1, 'p_multi', 3, 'tema', 'multi'),
	('dr_patient', 1, 'p_date', 4, 'tema', 'date');
INSERT INTO wave_instrument (wave_id, grp, instrument_id, version)
	SELECT wave_id, 'patient', 'dr_patient', 1 FROM wave
	WHERE study_id = (SELECT study_id FROM study WHERE slug = 'draftrow');
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, x.panel, 'patient', u.unit_id
	FROM study s JOIN unit u USING (study_id),
		(VALUES ('P-DR0001'), ('P-DR0002'), ('P-DR0003'), ('P-DR0004')) x(panel)
	WHERE s.slug = 'draftrow';
INSERT INTO access_code (participant_id, wave_id, code_hash, expires_at)
	SELECT p.participant_id, w.wave_id,
		decode(repeat('7' || right(p.panel_id, 1), 32), 'hex'), now() + interval '30 days'
	FROM participant p JOIN wave w USING (study_id) WHERE p.panel_id LIKE 'P-DR%';
DELETE FROM collect_attempt;

-- Participants 1-4 log in (sessions 81-84) and consent.
SET LOCAL ROLE uppfolj_collect;
SELECT count(*) FILTER (WHERE accepted) AS logged_in FROM generate_series(1, 4) g,
	uppfolj.collect_login_idle(decode(repeat('7' || g, 32), 'hex'),
		decode(repeat('ac', 32), 'hex'), decode(repeat('8' || g, 32), 'hex'), repeat('c', 64),
		180, 1200, 30, 5, 15);
SELECT count(*) AS consented FROM generate_series(1, 4) g,
	uppfolj.collect_consent(decode(repeat('8' || g, 32), 'hex'), 'given', '2026-1');

-- Two pages: the draft is one value, no answer row is written.
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), 0,
	'[{"i": "p_one", "n": 3}, {"i": "p_text", "t": "hej"}]', '[]');
-- Revisions are this connection's block (0027) * 2^32 + n: n is what the
-- pages pass and what is shown.
SELECT current_setting('uppfolj.draft_rev_block')::bigint * 4294967296 AS base \gset
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), :base + 1,
	'[{"i": "p_two", "dc": true}, {"i": "p_multi", "c": ["a", "b"]}, {"i": "p_date", "dt": "2026-03-01"}]',
	'["p_text"]');
RESET ROLE;
SELECT r.draft, r.draft_rev % 4294967296 AS draft_rev, (SELECT count(*) FROM answer a WHERE a.response_id = r.response_id) AS rows
	FROM response r JOIN participant p USING (participant_id) WHERE p.panel_id = 'P-DR0001';
-- The session read gives them back in the pages' JSON.
SET LOCAL ROLE uppfolj_collect;
SELECT (SELECT jsonb_agg(x ORDER BY x->>'i') FROM jsonb_array_elements(answers) x) AS answers,
	draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_session_view_since(decode(repeat('81', 32), 'hex'), NULL);
-- An item both written and removed on one page ends removed (as 0016's
-- upsert then delete).
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), :base + 2,
	'[{"i": "p_text", "t": "igen"}]', '["p_text"]');
RESET ROLE;
SELECT r.draft_rev % 4294967296 AS draft_rev, r.draft ? 'p_text' AS has_text FROM response r
	JOIN participant p USING (participant_id) WHERE p.panel_id = 'P-DR0001';
SET LOCAL ROLE uppfolj_collect;
-- Refused, nothing written (UF400): both "vet ej" and "vill inte svara";
-- a value with "vet ej"; two values; no value; text over 10,000
-- characters; no choice and 31 choices; an item twice on one page; an
-- item of another instrument; a value outside the item's range.
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), :base + 3,
	'[{"i": "p_one", "d": true, "dc": true}]', '[]');
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), :base + 3,
	'[{"i": "p_one", "d": true, "n": 2}]', '[]');
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), :base + 3,
	'[{"i": "p_text", "n": 2, "t": "två"}]', '[]');
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), :base + 3,
	'[{"i": "p_one"}]', '[]');
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), :base + 3,
	jsonb_build_array(jsonb_build_object('i', 'p_text', 't', repeat('x', 10001))), '[]');
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), :base + 3,
	'[{"i": "p_multi", "c": []}]', '[]');
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), :base + 3,
	jsonb_build_array(jsonb_build_object('i', 'p_multi',
		'c', (SELECT jsonb_agg(g::text) FROM generate_series(1, 31) g))), '[]');
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), :base + 3,
	'[{"i": "p_one", "n": 1}, {"i": "p_one", "n": 2}]', '[]');
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), :base + 3,
	'[{"i": "dp_other", "n": 1}]', '[]');
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), :base + 3,
	'[{"i": "p_one", "n": 6}]', '[]');
-- The largest text and 30 choices fit.
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('81', 32), 'hex'), :base + 3,
	jsonb_build_array(jsonb_build_object('i', 'p_text', 't', repeat('x', 10000)),
		jsonb_build_object('i', 'p_multi',
			'c', (SELECT jsonb_agg(g::text) FROM generate_series(1, 30) g))), '[]');
RESET ROLE;
SELECT r.draft_rev % 4294967296 AS draft_rev, length(r.draft->'p_text'->>'t') AS text_chars,
	jsonb_array_length(r.draft->'p_multi'->'c') AS choices
	FROM response r JOIN participant p USING (participant_id) WHERE p.panel_id = 'P-DR0001';

-- The access request (admin) lists a draft's answers as rows.
SET LOCAL ROLE uppfolj_admin;
SELECT a.item_id, answer_value(a) IS NOT NULL AS has_value, a.dont_know, a.declined
	FROM uppfolj.response r JOIN uppfolj.participant p USING (participant_id),
	LATERAL uppfolj.response_answer_rows(r) a
	WHERE p.panel_id = 'P-DR0001' ORDER BY a.item_id;
RESET ROLE;

-- Submitting through the pages: the answer rows are what the program
-- sent, the draft is gone.
SET LOCAL ROLE uppfolj_collect;
SELECT submission_id IS NOT NULL AS submitted FROM uppfolj.collect_submit_session(
	decode(repeat('81', 32), 'hex'), '[{"i": "p_one", "n": 3}, {"i": "p_two", "dc": true}]');
RESET ROLE;
SELECT r.status, r.draft IS NULL AS no_draft, a.item_id, answer_value(a)
	FROM response r JOIN participant p USING (participant_id) JOIN answer a USING (response_id)
	WHERE p.panel_id = 'P-DR0001' ORDER BY a.item_id;
-- The access request of a submitted response lists its rows once.
SET LOCAL ROLE uppfolj_admin;
SELECT count(*) AS access_rows FROM uppfolj.response r JOIN uppfolj.participant p USING (participant_id),
	LATERAL uppfolj.response_answer_rows(r) a WHERE p.panel_id = 'P-DR0001';
RESET ROLE;
-- A submitted response cannot hold a draft.
UPDATE response r SET draft = '{}' FROM participant p
	WHERE p.participant_id = r.participant_id AND p.panel_id = 'P-DR0001';

-- Participant 2 saves a page on the web, then submits through the JSON
-- API with the code: the draft becomes that submission, the draft ends.
SET LOCAL ROLE uppfolj_collect;
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('82', 32), 'hex'), 0,
	'[{"i": "p_one", "n": 1}]', '[]');
SELECT status FROM uppfolj.collect_submit_code_lang(decode(repeat('72', 32), 'hex'),
	decode(repeat('ad', 32), 'hex'), '00000000-0000-4000-8000-0000000000d2', 'dr_patient', 1,
	12, true, '2026-1', '[{"i": "p_one", "n": 2}, {"i": "p_two", "n": 4}]', 30, 5, 15, 'sv');
RESET ROLE;
SELECT r.status, r.draft IS NULL AS no_draft, a.item_id, answer_value(a)
	FROM response r JOIN participant p USING (participant_id) JOIN answer a USING (response_id)
	WHERE p.panel_id = 'P-DR0002' ORDER BY a.item_id;

-- Participant 3 saves a page, then declines: the draft goes with its
-- response. Participant 4 saves a page, then is erased (withdrawal).
SET LOCAL ROLE uppfolj_collect;
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('83', 32), 'hex'), 0,
	'[{"i": "p_one", "n": 1}]', '[]');
SELECT uppfolj.collect_consent(decode(repeat('83', 32), 'hex'), 'declined', '2026-1');
SELECT draft_rev % 4294967296 AS draft_rev FROM uppfolj.collect_draft_page(decode(repeat('84', 32), 'hex'), 0,
	'[{"i": "p_one", "n": 5}, {"i": "p_text", "t": "radera mig"}]', '[]');
RESET ROLE;
SELECT p.panel_id, count(r.response_id) AS responses, count(r.draft) AS drafts
	FROM participant p LEFT JOIN response r USING (participant_id)
	WHERE p.panel_id IN ('P-DR0003', 'P-DR0004') GROUP BY 1 ORDER BY 1;
SET LOCAL ROLE uppfolj_admin;
SELECT uppfolj.erase_participant((SELECT participant_id FROM uppfolj.participant
	WHERE panel_id = 'P-DR0004'), 'test');
RESET ROLE;
SELECT count(*) AS drafts_with_that_text FROM response WHERE draft::text LIKE '%radera mig%';
ROLLBACK;
