-- role: superuser
-- 0027: draft revisions never repeat, and only page saves commit
-- asynchronously. A revision is the saving connection's block * 2^32 + n;
-- a connection takes its block (uppfolj.draft_rev_block) in a page save
-- that commits synchronously, later page saves set synchronous_commit off
-- for their own transaction; whole-draft writes, consent and submission
-- never do. A page save that was acknowledged and then lost (a crash that
-- loses asynchronous commits; here a rolled-back savepoint) followed by
-- a save on a new connection (a crash ends every connection; here the
-- setting forgotten) gets another revision, so no stamp names two
-- contents. Set-up as the superuser; calls as uppfolj_collect; rolled back.
BEGIN;
SET LOCAL search_path = uppfolj;
INSERT INTO study (slug, name, start_date) VALUES ('draftrev', 'Draft rev', current_date - 400);
INSERT INTO unit (study_id, name, kind, huvudman, report_label)
	SELECT study_id, 'Avdelning V', 'heldygnsvard', 'region', 'psykiatri, heldygnsvård'
	FROM study WHERE slug = 'draftrev';
INSERT INTO wave (study_id, months, opens_on, closes_on)
	SELECT study_id, 12, current_date - 1, current_date + 30 FROM study WHERE slug = 'draftrev';
INSERT INTO instrument (instrument_id, version, grp, title, definition, sha256) VALUES
	('rv_patient', 1, 'patient', 'P', '{}', repeat('a', 64));
INSERT INTO instrument_item (instrument_id, version, item_id, position, theme_id, item_type) VALUES
	('rv_patient', 1, 'p_one', 0, 'tema', 'likert5'),
	('rv_patient', 1, 'p_two', 1, 'tema', 'likert5');
INSERT INTO wave_instrument (wave_id, grp, instrument_id, version)
	SELECT wave_id, 'patient', 'rv_patient', 1 FROM wave
	WHERE study_id = (SELECT study_id FROM study WHERE slug = 'draftrev');
INSERT INTO participant (study_id, panel_id, grp, unit_id)
	SELECT s.study_id, 'P-RV0001', 'patient', u.unit_id
	FROM study s JOIN unit u USING (study_id) WHERE s.slug = 'draftrev';
INSERT INTO access_code (participant_id, wave_id, code_hash, expires_at)
	SELECT p.participant_id, w.wave_id, decode(repeat('a1', 32), 'hex'), now() + interval '30 days'
	FROM participant p JOIN wave w USING (study_id) WHERE p.panel_id = 'P-RV0001';
DELETE FROM collect_attempt;
SET LOCAL synchronous_commit = on;

SET LOCAL ROLE uppfolj_collect;
SELECT accepted FROM uppfolj.collect_login_idle(decode(repeat('a1', 32), 'hex'),
	decode(repeat('ac', 32), 'hex'), decode(repeat('b1', 32), 'hex'), repeat('c', 64),
	180, 1200, 30, 5, 15);
SELECT uppfolj.collect_consent(decode(repeat('b1', 32), 'hex'), 'given', '2026-1');
-- Login and consent leave the commit synchronous; no block yet.
SELECT current_setting('synchronous_commit') AS sync,
	coalesce(current_setting('uppfolj.draft_rev_block', true), '') = '' AS no_block;
-- The first page save of a connection takes its block: still synchronous.
SELECT draft_rev % 4294967296 AS n, draft_rev / 4294967296
		= current_setting('uppfolj.draft_rev_block')::bigint AS in_block
	FROM uppfolj.collect_draft_page(decode(repeat('b1', 32), 'hex'), 0,
	'[{"i": "p_one", "n": 3}]', '[]');
SELECT current_setting('synchronous_commit') AS sync;
SELECT current_setting('uppfolj.draft_rev_block')::bigint * 4294967296 AS base \gset
-- The next one commits asynchronously.
SAVEPOINT acknowledged;
SELECT draft_rev % 4294967296 AS n, stamp IS NOT NULL AS stamped
	FROM uppfolj.collect_draft_page(decode(repeat('b1', 32), 'hex'), :base + 1,
	'[{"i": "p_two", "n": 4}]', '[]');
SELECT current_setting('synchronous_commit') AS sync;
-- What an instance's cache would hold of that save: its stamp.
SELECT stamp AS lost_stamp, draft_rev AS lost_rev FROM uppfolj.collect_session_view_since(
	decode(repeat('b1', 32), 'hex'), NULL) \gset
-- The save is lost (as an asynchronous commit in a crash), and so is the
-- connection's setting; the next connection takes a new block.
ROLLBACK TO SAVEPOINT acknowledged;
SELECT set_config('uppfolj.draft_rev_block', '', false) IS NOT NULL AS new_connection;
SELECT draft_rev % 4294967296 AS n FROM uppfolj.collect_session_view_since(
	decode(repeat('b1', 32), 'hex'), NULL);
-- The same page saved again, on the new connection: same n, but another
-- revision and stamp than the lost one; the cache's copy is not current.
SELECT draft_rev % 4294967296 AS n, draft_rev <> :lost_rev AS new_rev,
	stamp <> :'lost_stamp' AS new_stamp
	FROM uppfolj.collect_draft_page(decode(repeat('b1', 32), 'hex'), :base + 1,
	'[{"i": "p_one", "n": 5}]', '[]');
SELECT answers IS NOT NULL AS answers_sent, answers FROM uppfolj.collect_session_view_since(
	decode(repeat('b1', 32), 'hex'), :'lost_stamp');
-- A save at the lost revision is refused as stale (NULL), nothing written.
SELECT draft_rev IS NULL AS stale FROM uppfolj.collect_draft_page(
	decode(repeat('b1', 32), 'hex'), :lost_rev, '[{"i": "p_two", "n": 1}]', '[]');
-- A whole-draft write takes a revision too and leaves the commit
-- synchronous (here: a new connection, so it also takes the block).
SELECT set_config('uppfolj.draft_rev_block', '', false) IS NOT NULL AS new_connection;
SET LOCAL synchronous_commit = on;
SELECT uppfolj.collect_draft_save(decode(repeat('b1', 32), 'hex'), '[{"i": "p_one", "n": 2}]');
SELECT current_setting('synchronous_commit') AS sync, draft_rev % 4294967296 AS n,
	draft_rev / 4294967296 = current_setting('uppfolj.draft_rev_block')::bigint AS in_block
	FROM uppfolj.collect_session_view_since(decode(repeat('b1', 32), 'hex'), NULL);
-- Even when the connection was set to asynchronous commit, the save that
-- takes a block commits synchronously (local).
SELECT set_config('uppfolj.draft_rev_block', '', false) IS NOT NULL AS new_connection;
SET LOCAL synchronous_commit = off;
SELECT draft_rev % 4294967296 AS n FROM uppfolj.collect_draft_page(decode(repeat('b1', 32), 'hex'),
	(SELECT draft_rev FROM uppfolj.collect_session_view_since(decode(repeat('b1', 32), 'hex'), NULL)),
	'[{"i": "p_two", "n": 2}]', '[]');
SELECT current_setting('synchronous_commit') AS sync;
-- The revision helpers are not the program's to call.
SELECT uppfolj.collect_draft_rev_block();
RESET ROLE;
-- The revision column holds the largest block's values.
SELECT format_type(atttypid, atttypmod) AS draft_rev_type FROM pg_attribute
	WHERE attrelid = 'uppfolj.response'::regclass AND attname = 'draft_rev';
SELECT data_type, max_value FROM pg_sequences WHERE sequencename = 'draft_rev_block';
-- The lang CHECKs keep lang_tag_ok's rule without calling it.
UPDATE response SET lang = 'not a tag' WHERE participant_id =
	(SELECT participant_id FROM participant WHERE panel_id = 'P-RV0001');
UPDATE collect_session SET lang = 'x' WHERE token_hash = decode(repeat('b1', 32), 'hex');
UPDATE consent SET lang = repeat('a', 36) WHERE participant_id =
	(SELECT participant_id FROM participant WHERE panel_id = 'P-RV0001');
UPDATE response SET lang = 'fa-AF' WHERE participant_id =
	(SELECT participant_id FROM participant WHERE panel_id = 'P-RV0001') RETURNING lang;
ROLLBACK;
