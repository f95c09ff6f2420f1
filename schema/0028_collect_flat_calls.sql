-- SPDX-License-Identifier: ISC
-- Less PostgreSQL CPU per survey page (issue 13, fifth pass; profile and
-- figures in tests/bench/README.md). Same names, arguments, results and
-- errors as before; each still touches only the caller's own session or
-- the code the caller presented.
--
-- * The page save (collect_draft_page) merges the page's answers in its
--   UPDATE itself instead of calling the plpgsql collect_draft_merge (a
--   nested call: its own frame, plan-cache check and executor start-up),
--   with the same checks; it returns one row without a result set to
--   materialise.
-- * The session read writes collect_answers_json's query into its own
--   statement, and reads the idle time from the column (the whole-row
--   argument of collect_session_idle made the row be formed per read); a
--   session without a response has a stamp ('none.<version>').
-- * The login checks the rate limit and the code in its own statements
--   (0003's collect_code_usable has a subquery, so PostgreSQL never inlines
--   it: it was parsed and planned on every login), deletes the code's
--   earlier session by its index and sweeps expired sessions apart (one
--   OR over both columns needs a BitmapOr or a scan of the table).
-- * The consent is one function (it called two plpgsql functions, and
--   inserted the consent and the response, then updated both).
-- * collect_session gets an index on participant_id: deleting a
--   participant (erasure, withdrawal) found its sessions by a scan of the
--   table for every participant.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

CREATE INDEX collect_session_participant_idx ON collect_session (participant_id);

-- 0027's page save with collect_draft_merge written into the UPDATE: the
-- page's answers (p_put) written over the draft, the items of p_drop
-- removed; each answer checked as 0025's collect_draft_merge checks it
-- (an item of this instrument version, its type's storage and range, one
-- value or "vet ej" or "vill inte svara", the sizes, no item twice), UF400
-- otherwise. One row, not a set: (draft_rev, expires_epoch, stamp).
DROP FUNCTION collect_draft_page(bytea, bigint, jsonb, jsonb);
CREATE FUNCTION collect_draft_page(p_token_hash bytea, p_rev bigint, p_put jsonb,
	p_drop jsonb, OUT draft_rev bigint, OUT expires_epoch bigint, OUT stamp text)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
	r record;
	st response_status;
	idle interval;
	blk bigint := nullif(current_setting('uppfolj.draft_rev_block', true), '')::bigint;
	ignored text;
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
	-- Asynchronous commit once this connection's block is on disk (an
	-- assignment, not PERFORM: no statement of its own).
	IF blk IS NULL THEN
		blk := collect_draft_rev_block();
	ELSE
		ignored := set_config('synchronous_commit', 'off', true);
	END IF;
	UPDATE response x SET draft_rev = collect_draft_rev_next(blk, x.draft_rev),
		updated_at = now(),
		draft = (SELECT CASE WHEN count(*) = jsonb_array_length(p_put)
				AND count(DISTINCT m.i) = count(*)
			THEN (coalesce(x.draft, '{}'::jsonb) || coalesce(jsonb_object_agg(m.i,
					jsonb_strip_nulls(jsonb_build_object(
						'd', CASE WHEN m.d THEN true END,
						'dc', CASE WHEN m.dc THEN true END,
						'n', m.n, 't', m.t, 'c', m.c, 'dt', m.dt))), '{}'::jsonb))
				- ARRAY(SELECT jsonb_array_elements_text(p_drop))
			ELSE collect_unfit_answer() END
		FROM jsonb_to_recordset(p_put)
			AS m(i text, d boolean, dc boolean, n integer, t text, c text[], dt date)
		JOIN instrument_item ii ON ii.instrument_id = x.instrument_id
			AND ii.version = x.version AND ii.item_id = m.i
		JOIN item_type ty ON ty.name = ii.item_type
		WHERE NOT (coalesce(m.d, false) AND coalesce(m.dc, false))
		  AND num_nonnulls(m.n, m.t, m.c, m.dt)
			= CASE WHEN coalesce(m.d, false) OR coalesce(m.dc, false) THEN 0 ELSE 1 END
		  AND coalesce(length(m.t) <= 10000, true)
		  AND coalesce(cardinality(m.c) BETWEEN 1 AND 30, true)
		  AND (coalesce(m.d, false) OR coalesce(m.dc, false) OR coalesce(
			CASE ty.storage
			WHEN 'int'     THEN m.n BETWEEN coalesce(ty.int_min, m.n)
				AND coalesce(ty.int_max, m.n)
			WHEN 'text'    THEN m.t IS NOT NULL
			WHEN 'decimal' THEN m.t ~ '^-?(0|[1-9][0-9]{0,9})(\.[0-9]{1,3})?$'
			WHEN 'choices' THEN m.c IS NOT NULL
			WHEN 'date'    THEN m.dt IS NOT NULL
			END, false)))
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
		RETURN;
	END IF;
	expires_epoch := floor(extract(epoch FROM s.expires_at))::bigint;
	-- A page save keeps the session alive, as a page view does.
	idle := make_interval(secs => coalesce(s.idle_seconds, 600));
	IF s.last_seen < now() - least(interval '30 seconds', idle / 6) THEN
		UPDATE collect_session z SET last_seen = now(), expires_at = now() + idle
		WHERE z.token_hash = p_token_hash
		RETURNING floor(extract(epoch FROM z.expires_at))::bigint INTO expires_epoch;
	END IF;
	draft_rev := r.rev;
	stamp := collect_draft_stamp(r.response_id, r.rev, r.version);
END
$$;

-- 0027's session read with collect_answers_json's query in its own
-- statement (the draft's answers while it is one, the answer rows once
-- submitted) and the idle time read from the column. A session without a
-- response (before consent) has the stamp 'none.<version>' instead of
-- NULL, so the program may keep a copy of it for its page views too (the
-- information page after the login's redirect read it again); a response
-- made later has its own id in its stamp, so no copy of before matches.
CREATE OR REPLACE FUNCTION collect_session_view_lang(p_token_hash bytea, p_stamp text)
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
			AND coalesce(collect_draft_stamp(r.response_id, r.draft_rev, wi.version),
				'none.' || wi.version) = p_stamp
		THEN NULL
		WHEN r.status = 'draft' THEN
			coalesce((SELECT jsonb_agg(e.value || jsonb_build_object('i', e.key))
				FROM jsonb_each(r.draft) e), '[]'::jsonb)
		ELSE coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
				'i', a.item_id, 'd', CASE WHEN a.dont_know THEN true END,
				'dc', CASE WHEN a.declined THEN true END,
				'n', a.value_int, 't', a.value_text, 'c', a.value_choices,
				'dt', a.value_date)))
			FROM answer a WHERE a.response_id = r.response_id), '[]'::jsonb)
		END,
		s.code_id, floor(extract(epoch FROM s.expires_at))::bigint,
		coalesce(collect_draft_stamp(r.response_id, r.draft_rev, wi.version),
			'none.' || wi.version),
		coalesce(r.draft_rev, 0),
		coalesce(r.test, w.test OR EXISTS (SELECT 1 FROM access_code c
			WHERE c.participant_id = s.participant_id AND c.wave_id = s.wave_id
			  AND c.test)),
		s.lang, s.easy,
		make_interval(secs => coalesce(s.idle_seconds, 600)), s.last_seen
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

-- 0023's login with the rate check (0010's collect_rate_check, same
-- UF429 and DETAIL) and the code's usability (0003's collect_code_usable:
-- not used, not expired, its wave open) written into its own statements,
-- and the code's earlier session and the expired ones deleted by their
-- own indexes. Same results and errors.
CREATE OR REPLACE FUNCTION collect_login_idle(p_code_hash bytea, p_addr_hash bytea,
	p_token_hash bytea, p_csrf text, p_idle_patient integer, p_idle_staff integer,
	p_addr_max integer, p_code_max integer, p_window_minutes integer)
RETURNS TABLE (accepted boolean, grp text, months integer, code_id bigint,
	idle_seconds integer)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	c record;
	idle integer;
	wait numeric;
BEGIN
	IF p_idle_patient NOT BETWEEN 5 AND 14400 OR p_idle_staff NOT BETWEEN 5 AND 14400 THEN
		RAISE EXCEPTION 'idle seconds out of range' USING ERRCODE = 'UF400';
	END IF;
	SELECT max(extract(epoch FROM a.window_start
			+ make_interval(mins => p_window_minutes) - now()))
	INTO wait
	FROM collect_attempt a
	WHERE (a.kind, a.key_hash) IN (('addr', p_addr_hash), ('code', p_code_hash))
	  AND a.failures >= CASE a.kind WHEN 'addr' THEN p_addr_max ELSE p_code_max END
	  AND a.window_start > now() - make_interval(mins => p_window_minutes);
	IF wait IS NOT NULL THEN
		RAISE EXCEPTION 'too many attempts' USING ERRCODE = 'UF429',
			DETAIL = 'retry_after=' || greatest(ceil(wait), 1)::bigint;
	END IF;
	SELECT ac.code_id, ac.participant_id, ac.wave_id, p.grp, w.months,
		ac.used_at IS NULL AND ac.expires_at > now() AND w.closed_at IS NULL
			AND current_date BETWEEN w.opens_on AND w.closes_on
			AND wi.wave_id IS NOT NULL AS usable
	INTO c
	FROM access_code ac
	JOIN participant p ON p.participant_id = ac.participant_id
	JOIN wave w ON w.wave_id = ac.wave_id
	LEFT JOIN wave_instrument wi ON wi.wave_id = ac.wave_id AND wi.grp = p.grp
	WHERE ac.code_hash = p_code_hash
	FOR UPDATE OF ac;
	IF NOT FOUND OR NOT c.usable THEN
		PERFORM collect_rate_fail(p_addr_hash, p_code_hash, p_window_minutes);
		IF c.code_id IS NOT NULL THEN
			UPDATE access_code SET failed_attempts = failed_attempts + 1
			WHERE access_code.code_id = c.code_id;
		END IF;
		accepted := false;
		RETURN NEXT;
		RETURN;
	END IF;
	idle := CASE WHEN c.grp = 'patient' THEN p_idle_patient ELSE p_idle_staff END;
	-- One live session per code; expired sessions of anyone go too.
	DELETE FROM collect_session x WHERE x.code_id = c.code_id;
	DELETE FROM collect_session x WHERE x.expires_at <= now();
	INSERT INTO collect_session (token_hash, code_id, participant_id, wave_id,
		csrf, idle_seconds, expires_at)
	VALUES (p_token_hash, c.code_id, c.participant_id, c.wave_id, p_csrf, idle,
		now() + make_interval(secs => idle));
	accepted := true;
	grp := c.grp::text;
	months := c.months::integer;
	code_id := c.code_id;
	idle_seconds := idle;
	RETURN NEXT;
END
$$;

-- 0021's consent (0003's collect_consent, then the language written on the
-- consent and the draft) in one function: the session read once, the
-- consent and the response inserted with the session's language and
-- variant at once. Before, each row was inserted and then updated in the
-- same transaction, and an update of a row its own transaction inserted
-- checks its foreign keys again. Same results and errors: UF401 without a
-- session, UF400 for another decision, UF409 after submission; 'declined'
-- stores only the decision, deletes the draft and ends the session.
CREATE OR REPLACE FUNCTION collect_consent_lang(p_token_hash bytea, p_decision text,
	p_info_version text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
	d consent_decision;
BEGIN
	SELECT * INTO s FROM collect_session z
	WHERE z.token_hash = p_token_hash AND z.expires_at > now();
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no session' USING ERRCODE = 'UF401';
	END IF;
	IF p_decision NOT IN ('given', 'declined') THEN
		RAISE EXCEPTION 'decision must be given or declined' USING ERRCODE = 'UF400';
	END IF;
	d := p_decision::consent_decision;
	IF EXISTS (SELECT 1 FROM response r WHERE r.participant_id = s.participant_id
		AND r.wave_id = s.wave_id AND r.status = 'submitted') THEN
		RAISE EXCEPTION 'already submitted' USING ERRCODE = 'UF409';
	END IF;
	INSERT INTO consent AS c (participant_id, wave_id, info_version, decision, lang)
	VALUES (s.participant_id, s.wave_id, p_info_version, d, s.lang)
	ON CONFLICT (participant_id, wave_id) DO UPDATE
		SET decision = d, info_version = p_info_version, decided_at = now(),
			lang = s.lang;
	IF d = 'given' THEN
		INSERT INTO response (submission_id, participant_id, wave_id,
			instrument_id, version, lang, easy)
		SELECT gen_random_uuid(), s.participant_id, s.wave_id,
			wi.instrument_id, wi.version, s.lang, s.easy
		FROM participant p
		JOIN wave_instrument wi ON wi.wave_id = s.wave_id AND wi.grp = p.grp
		WHERE p.participant_id = s.participant_id
		ON CONFLICT (participant_id, wave_id, instrument_id) DO NOTHING;
		-- A draft made before (consent given again) takes the session's
		-- language as before; a row that has it already is not written.
		UPDATE response r SET lang = s.lang, easy = s.easy
		WHERE r.participant_id = s.participant_id AND r.wave_id = s.wave_id
		  AND r.status = 'draft' AND (r.lang, r.easy) IS DISTINCT FROM (s.lang, s.easy);
	ELSE
		DELETE FROM response r WHERE r.participant_id = s.participant_id
			AND r.wave_id = s.wave_id AND r.status = 'draft';
		DELETE FROM collect_session WHERE token_hash = p_token_hash;
	END IF;
END
$$;

REVOKE ALL ON FUNCTION collect_draft_page(bytea, bigint, jsonb, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION collect_draft_page(bytea, bigint, jsonb, jsonb) TO uppfolj_collect;
