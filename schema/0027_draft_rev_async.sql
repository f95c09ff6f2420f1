-- SPDX-License-Identifier: ISC
-- Draft revisions that never repeat, page saves committed asynchronously,
-- and less PostgreSQL CPU per page (issue 13; profile and figures in
-- tests/bench/README.md, the trade-off in HACKING.md "Draft saves and the
-- session cache" and deploy/README.md "Durability of drafts").
--
-- * A draft revision is block * 2^32 + n: the block is the saving
--   database connection's, taken once from the sequence draft_rev_block
--   in a transaction committed synchronously; n counts the response's
--   saves. A crash of PostgreSQL can lose asynchronous commits -- and with
--   them a sequence's own WAL record (nextval logs 32 values ahead in the
--   WAL of the transaction that calls it, which an asynchronous commit
--   does not flush, so a sequence alone does go back: measured, see
--   tests/bench/README.md) -- but never a block whose transaction was
--   acknowledged, and every connection after the crash takes a new block.
--   So a revision, and the stamp (response, revision, version) the session
--   cache compares, never names two contents of one response.
-- * A page save (collect_draft_page) sets synchronous_commit off for its
--   own transaction, except for the save that takes its connection's
--   block. Login, consent, submission, withdrawal and the whole-draft
--   writes stay synchronous; a synchronous commit flushes all WAL before
--   it, so a submission never depends on an unflushed draft.
-- * CPU: the lang CHECKs call no SQL function (a CHECK's SQL function is
--   inlined, i.e. its body parsed, in every statement that writes the
--   row: every page save's UPDATE); the session read is one function
--   (0021's wrapper called 0025's and joined the session again), its test
--   mark read without the SQL function test_pair (planned again on every
--   call).
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

-- lang_tag_ok's test, written out (same result: the columns are NOT NULL).
ALTER TABLE response DROP CONSTRAINT response_lang_check,
	ADD CONSTRAINT response_lang_check CHECK (length(lang) <= 35
		AND lang ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$');
ALTER TABLE collect_session DROP CONSTRAINT collect_session_lang_check,
	ADD CONSTRAINT collect_session_lang_check CHECK (length(lang) <= 35
		AND lang ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$');
ALTER TABLE consent DROP CONSTRAINT consent_lang_check,
	ADD CONSTRAINT consent_lang_check CHECK (length(lang) <= 35
		AND lang ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$');

-- A revision is block * 2^32 + n: the block is the saving connection's
-- (collect_draft_rev_block), n the response's previous n + 1 (mod 2^32).
-- So a response's revisions differ while one connection saves it fewer than
-- 2^32 times, the blocks differ between connections, and every connection
-- after a crash has a block above all blocks in use before it. 0 is a
-- response without a save.
CREATE SEQUENCE draft_rev_block AS bigint MINVALUE 1 MAXVALUE 2147483647;
ALTER TABLE response ALTER COLUMN draft_rev TYPE bigint;

-- This connection's revision block, taken once per connection and kept in
-- its setting uppfolj.draft_rev_block (a failed transaction forgets it
-- with its other settings). The transaction that takes it commits
-- synchronously with a commit record of its own, so the block is on disk
-- -- the sequence's WAL and any earlier record with it -- before a
-- revision of it is handed out, even when this nextval wrote no WAL
-- because another connection's did.
CREATE FUNCTION collect_draft_rev_block() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
	b bigint := nextval('uppfolj.draft_rev_block');
BEGIN
	PERFORM pg_current_xact_id();
	IF current_setting('synchronous_commit') = 'off' THEN
		PERFORM set_config('synchronous_commit', 'local', true);
	END IF;
	PERFORM set_config('uppfolj.draft_rev_block', b::text, false);
	RETURN b;
END
$$;

-- The next revision after p_rev, in block p_block.
CREATE FUNCTION collect_draft_rev_next(p_block bigint, p_rev bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE
AS $$ SELECT p_block * 4294967296 + (p_rev + 1) % 4294967296 $$;

CREATE FUNCTION collect_draft_stamp(p_response_id bigint, p_rev bigint, p_version integer)
RETURNS text LANGUAGE sql IMMUTABLE
AS $$ SELECT p_response_id::text || '.' || p_rev::text || '.' || p_version::text $$;
REVOKE ALL ON FUNCTION collect_draft_rev_block(), collect_draft_rev_next(bigint, bigint),
	collect_draft_stamp(bigint, bigint, integer) FROM PUBLIC;

-- 0025's whole-draft write, with a revision from the block (synchronous:
-- "Avbryt" and "Spara och fortsätt senare" end the session).
CREATE OR REPLACE FUNCTION collect_draft_replace(s collect_session, p_answers jsonb)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	r uppfolj.response;
BEGIN
	IF jsonb_typeof(p_answers) IS DISTINCT FROM 'array' THEN
		RAISE EXCEPTION 'answers must be an array' USING ERRCODE = 'UF400';
	END IF;
	r := uppfolj.collect_draft_row(s);
	UPDATE uppfolj.response SET updated_at = now(),
		draft_rev = uppfolj.collect_draft_rev_next(coalesce(nullif(
			current_setting('uppfolj.draft_rev_block', true), '')::bigint,
			uppfolj.collect_draft_rev_block()), draft_rev),
		draft = uppfolj.collect_draft_merge(NULL, r.instrument_id, r.version, p_answers,
			'[]'::jsonb)
	WHERE response_id = r.response_id;
END
$$;

-- The session read, flat (0021's collect_session_view_lang called 0025's
-- collect_session_view_since and joined the session again): one
-- statement, the answers only when the caller's stamp is not the draft's,
-- the keep-alive write only when due. Same columns, draft_rev now bigint.
DROP FUNCTION collect_session_view_lang(bytea, text);
DROP FUNCTION collect_session_view_since(bytea, text);
DROP FUNCTION collect_session_load(bytea);
CREATE FUNCTION collect_session_view_lang(p_token_hash bytea, p_stamp text)
RETURNS TABLE (grp text, months integer, instrument_id text, version integer,
	consent text, status text, csrf text, answers jsonb, code_id bigint,
	expires_epoch bigint, stamp text, draft_rev bigint, test boolean,
	lang text, easy boolean)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	idle interval;
	seen timestamptz;
BEGIN
	SELECT p.grp::text, w.months::integer, wi.instrument_id, wi.version,
		k.decision::text, r.status::text, s.csrf,
		CASE WHEN p_stamp IS NOT NULL
			AND collect_draft_stamp(r.response_id, r.draft_rev, wi.version) = p_stamp
		THEN NULL
		ELSE collect_answers_json(r)
		END,
		s.code_id, floor(extract(epoch FROM s.expires_at))::bigint,
		collect_draft_stamp(r.response_id, r.draft_rev, wi.version),
		coalesce(r.draft_rev, 0),
		coalesce(r.test, w.test OR EXISTS (SELECT 1 FROM access_code c
			WHERE c.participant_id = s.participant_id AND c.wave_id = s.wave_id
			  AND c.test)),
		s.lang, s.easy,
		collect_session_idle(s), s.last_seen
	INTO grp, months, instrument_id, version, consent, status, csrf, answers, code_id,
		expires_epoch, stamp, draft_rev, test, lang, easy, idle, seen
	FROM collect_session s
	JOIN participant p ON p.participant_id = s.participant_id
	JOIN wave w ON w.wave_id = s.wave_id
	JOIN wave_instrument wi ON wi.wave_id = s.wave_id AND wi.grp = p.grp
	LEFT JOIN response r ON r.participant_id = s.participant_id
		AND r.wave_id = s.wave_id AND r.instrument_id = wi.instrument_id
	LEFT JOIN consent k ON k.participant_id = s.participant_id AND k.wave_id = s.wave_id
	WHERE s.token_hash = p_token_hash AND s.expires_at > now();
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no session' USING ERRCODE = 'UF401';
	END IF;
	IF seen < now() - least(interval '30 seconds', idle / 6) THEN
		UPDATE collect_session x SET last_seen = now(), expires_at = now() + idle
		WHERE x.token_hash = p_token_hash
		RETURNING floor(extract(epoch FROM x.expires_at))::bigint INTO expires_epoch;
	END IF;
	RETURN NEXT;
END
$$;

-- 0025's two older session reads, kept for their callers (tests, admin
-- tools) over the one above.
CREATE FUNCTION collect_session_view_since(p_token_hash bytea, p_stamp text)
RETURNS TABLE (grp text, months integer, instrument_id text, version integer,
	consent text, status text, csrf text, answers jsonb, code_id bigint,
	expires_epoch bigint, stamp text, draft_rev bigint, test boolean)
LANGUAGE sql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
	SELECT v.grp, v.months, v.instrument_id, v.version, v.consent, v.status, v.csrf,
		v.answers, v.code_id, v.expires_epoch, v.stamp, v.draft_rev, v.test
	FROM uppfolj.collect_session_view_lang(p_token_hash, p_stamp) v
$$;
CREATE FUNCTION collect_session_load(p_token_hash bytea)
RETURNS TABLE (grp text, months integer, instrument_id text, version integer,
	consent text, status text, csrf text, answers jsonb, code_id bigint,
	expires_epoch bigint, draft_rev bigint)
LANGUAGE sql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
	SELECT v.grp, v.months, v.instrument_id, v.version, v.consent, v.status, v.csrf,
		v.answers, v.code_id, v.expires_epoch, v.draft_rev
	FROM uppfolj.collect_session_view_lang(p_token_hash, NULL) v
$$;

-- 0025's page save with a revision from the connection's block, committed
-- asynchronously once the block is on disk. Same arguments, results and
-- errors, the revision now bigint.
DROP FUNCTION collect_draft_page(bytea, integer, jsonb, jsonb);
CREATE FUNCTION collect_draft_page(p_token_hash bytea, p_rev bigint, p_put jsonb,
	p_drop jsonb)
RETURNS TABLE (draft_rev bigint, expires_epoch bigint, stamp text)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
	r record;
	st response_status;
	idle interval;
	blk bigint := nullif(current_setting('uppfolj.draft_rev_block', true), '')::bigint;
BEGIN
	IF jsonb_typeof(p_put) IS DISTINCT FROM 'array'
	   OR jsonb_typeof(p_drop) IS DISTINCT FROM 'array' THEN
		RAISE EXCEPTION 'answers must be arrays' USING ERRCODE = 'UF400';
	END IF;
	SELECT * INTO s FROM collect_session z
	WHERE z.token_hash = p_token_hash AND z.expires_at > now();
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no session' USING ERRCODE = 'UF401';
	END IF;
	-- Asynchronous commit once this connection's block is on disk.
	IF blk IS NULL THEN
		blk := collect_draft_rev_block();
	ELSE
		PERFORM set_config('synchronous_commit', 'off', true);
	END IF;
	UPDATE response x SET draft_rev = collect_draft_rev_next(blk, x.draft_rev),
		updated_at = now(),
		draft = collect_draft_merge(x.draft, x.instrument_id, x.version, p_put, p_drop)
	FROM participant p
	JOIN wave_instrument wi ON wi.grp = p.grp
	WHERE p.participant_id = s.participant_id AND wi.wave_id = s.wave_id
	  AND x.participant_id = s.participant_id AND x.wave_id = s.wave_id
	  AND x.instrument_id = wi.instrument_id AND x.status = 'draft'
	  AND x.draft_rev = p_rev
	  AND EXISTS (SELECT 1 FROM consent c WHERE c.participant_id = s.participant_id
		AND c.wave_id = s.wave_id AND c.decision = 'given')
	RETURNING x.response_id, x.version, x.draft_rev AS rev
	INTO r;
	IF NOT FOUND THEN
		-- Why not: submitted (UF409), no consent or no response (UF403);
		-- else the draft is at another revision.
		SELECT x.status INTO st FROM response x
		JOIN participant p ON p.participant_id = x.participant_id
		JOIN wave_instrument wi ON wi.wave_id = x.wave_id AND wi.grp = p.grp
			AND wi.instrument_id = x.instrument_id
		WHERE x.participant_id = s.participant_id AND x.wave_id = s.wave_id;
		IF st = 'submitted' THEN
			RAISE EXCEPTION 'already submitted' USING ERRCODE = 'UF409';
		END IF;
		IF st IS NULL OR NOT EXISTS (SELECT 1 FROM consent c
			WHERE c.participant_id = s.participant_id AND c.wave_id = s.wave_id
			  AND c.decision = 'given') THEN
			RAISE EXCEPTION 'no consent' USING ERRCODE = 'UF403';
		END IF;
		expires_epoch := floor(extract(epoch FROM s.expires_at))::bigint;
		RETURN NEXT;
		RETURN;
	END IF;
	expires_epoch := floor(extract(epoch FROM s.expires_at))::bigint;
	-- A page save keeps the session alive, as a page view does.
	idle := collect_session_idle(s);
	IF s.last_seen < now() - least(interval '30 seconds', idle / 6) THEN
		UPDATE collect_session z SET last_seen = now(), expires_at = now() + idle
		WHERE z.token_hash = p_token_hash
		RETURNING floor(extract(epoch FROM z.expires_at))::bigint INTO expires_epoch;
	END IF;
	draft_rev := r.rev;
	stamp := collect_draft_stamp(r.response_id, r.rev, r.version);
	RETURN NEXT;
END
$$;

REVOKE ALL ON FUNCTION collect_session_view_lang(bytea, text),
	collect_session_view_since(bytea, text), collect_session_load(bytea),
	collect_draft_page(bytea, bigint, jsonb, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION collect_session_view_lang(bytea, text),
	collect_session_view_since(bytea, text), collect_session_load(bytea),
	collect_draft_page(bytea, bigint, jsonb, jsonb) TO uppfolj_collect;
