-- SPDX-License-Identifier: ISC
-- The survey pages' hot calls with fewer statements (issue 13): the session
-- read every request makes, the page save and the login each become one
-- function that runs its queries itself instead of calling other plpgsql
-- functions (each nested call is a statement of its own with its own
-- frame). Same names, arguments, results and errors as before, so callers
-- and later migrations that wrap them see no difference; measured in
-- tests/bench/README.md. Like 0003, each touches only the caller's own
-- session or the code the caller presented.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

-- 0018's session read in one statement: session, group, wave, instrument,
-- consent, response and test mark together, and the draft's answers only
-- when the caller's stamp is not the draft's (a CASE evaluates its
-- subquery only then). One statement reads stamp and answers under one
-- snapshot, so the stamp returned is the one the answers were read at.
-- The keep-alive write follows only when the session was last seen over a
-- sixth of its idle time ago (or 30 seconds), as before. UF401 as before.
CREATE OR REPLACE FUNCTION collect_session_view_since(p_token_hash bytea, p_stamp text)
RETURNS TABLE (grp text, months integer, instrument_id text, version integer,
	consent text, status text, csrf text, answers jsonb, code_id bigint,
	expires_epoch bigint, stamp text, draft_rev integer, test boolean)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	idle interval;
	seen timestamptz;
BEGIN
	-- Straight into the result's columns (no RETURN QUERY: one statement).
	SELECT p.grp::text, w.months::integer, wi.instrument_id, wi.version,
		k.decision::text, r.status::text, s.csrf,
		CASE WHEN p_stamp IS NOT NULL
			AND collect_draft_stamp(r.response_id, r.draft_rev, wi.version) = p_stamp
		THEN NULL
		ELSE coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
				'i', a.item_id, 'd', CASE WHEN a.dont_know THEN true END,
				'dc', CASE WHEN a.declined THEN true END,
				'n', a.value_int, 't', a.value_text, 'c', a.value_choices,
				'dt', a.value_date)))
			FROM answer a WHERE a.response_id = r.response_id), '[]'::jsonb)
		END,
		s.code_id, floor(extract(epoch FROM s.expires_at))::bigint,
		collect_draft_stamp(r.response_id, r.draft_rev, wi.version),
		coalesce(r.draft_rev, 0),
		-- response.test is 0015's test_pair, kept by its triggers
		coalesce(r.test, test_pair(s.participant_id, s.wave_id)),
		collect_session_idle(s), s.last_seen
	INTO grp, months, instrument_id, version, consent, status, csrf, answers, code_id,
		expires_epoch, stamp, draft_rev, test, idle, seen
	FROM collect_session s
	JOIN participant p ON p.participant_id = s.participant_id
	JOIN wave w ON w.wave_id = s.wave_id
	JOIN wave_instrument wi ON wi.wave_id = s.wave_id AND wi.grp = p.grp
	LEFT JOIN response r ON r.participant_id = s.participant_id
		AND r.wave_id = s.wave_id AND r.instrument_id = wi.instrument_id
	LEFT JOIN consent k ON k.participant_id = s.participant_id AND k.wave_id = s.wave_id
	WHERE s.token_hash = p_token_hash AND s.expires_at > now();
	IF NOT FOUND THEN
		-- 0018 told a session without an instrument apart by its message
		-- only; both are UF401.
		RAISE EXCEPTION 'no session' USING ERRCODE = 'UF401';
	END IF;
	-- A page view keeps the session alive.
	IF seen < now() - least(interval '30 seconds', idle / 6) THEN
		UPDATE collect_session x SET last_seen = now(), expires_at = now() + idle
		WHERE x.token_hash = p_token_hash
		RETURNING floor(extract(epoch FROM x.expires_at))::bigint INTO expires_epoch;
	END IF;
	RETURN NEXT;
END
$$;

-- 0011's login (0003's collect_login, then the idle time) in one function:
-- the rate check, the code with everything its usability depends on in one
-- locking read, and the session inserted with its idle time at once
-- (0011 inserted it, then updated it). Same results and errors: UF400 idle
-- time out of range, UF429 rate limited (0010's DETAIL), a wrong, used or
-- expired code counted as a failure and answered "not accepted".
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
BEGIN
	IF p_idle_patient NOT BETWEEN 5 AND 14400 OR p_idle_staff NOT BETWEEN 5 AND 14400 THEN
		RAISE EXCEPTION 'idle seconds out of range' USING ERRCODE = 'UF400';
	END IF;
	PERFORM collect_rate_check(p_addr_hash, p_code_hash, p_addr_max, p_code_max,
		p_window_minutes);
	SELECT ac.code_id, ac.participant_id, ac.wave_id, p.grp, w.months,
		collect_code_usable(ac) AND wi.wave_id IS NOT NULL AS usable
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
	DELETE FROM collect_session x WHERE x.code_id = c.code_id OR x.expires_at <= now();
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

-- 0016's page save in fewer statements: the session read in the function
-- itself, then one UPDATE for the revision check, the consent and the row
-- lock, then the answers' upsert (or delete). Only when that UPDATE finds
-- nothing does it look at why. (The session is read first, not joined
-- into the UPDATE: with its values as constants the plan stays a chain
-- of index lookups whatever the statistics say.)
-- Same arguments, results and errors as 0016.
CREATE OR REPLACE FUNCTION collect_draft_page(p_token_hash bytea, p_rev integer, p_put jsonb,
	p_drop jsonb)
RETURNS TABLE (draft_rev integer, expires_epoch bigint, stamp text)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
	r record;
	st response_status;
	idle interval;
	n bigint;
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
	-- The revision check, the consent and the row lock in one statement.
	UPDATE response x SET draft_rev = x.draft_rev + 1, updated_at = now()
	FROM participant p
	JOIN wave_instrument wi ON wi.grp = p.grp
	WHERE p.participant_id = s.participant_id AND wi.wave_id = s.wave_id
	  AND x.participant_id = s.participant_id AND x.wave_id = s.wave_id
	  AND x.instrument_id = wi.instrument_id AND x.status = 'draft'
	  AND x.draft_rev = p_rev
	  AND EXISTS (SELECT 1 FROM consent c WHERE c.participant_id = s.participant_id
		AND c.wave_id = s.wave_id AND c.decision = 'given')
	RETURNING x.response_id, x.instrument_id, x.version, x.draft_rev AS rev
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
	IF jsonb_array_length(p_put) > 0 THEN
		INSERT INTO answer AS a (response_id, instrument_id, version, item_id,
			dont_know, declined, value_int, value_text, value_choices, value_date)
		SELECT r.response_id, r.instrument_id, r.version, x.i, coalesce(x.d, false),
			coalesce(x.dc, false), x.n, x.t, x.c, x.dt
		FROM jsonb_to_recordset(p_put)
			AS x(i text, d boolean, dc boolean, n integer, t text, c text[], dt date)
		JOIN instrument_item ii ON ii.instrument_id = r.instrument_id
			AND ii.version = r.version AND ii.item_id = x.i
		JOIN item_type ty ON ty.name = ii.item_type
		-- as 0014's collect_put_answers: checked by the type's storage
		WHERE coalesce(x.d, false) OR coalesce(x.dc, false) OR coalesce(
			CASE ty.storage
			WHEN 'int'     THEN x.n BETWEEN coalesce(ty.int_min, x.n)
				AND coalesce(ty.int_max, x.n)
			WHEN 'text'    THEN x.t IS NOT NULL
			WHEN 'decimal' THEN x.t ~ '^-?(0|[1-9][0-9]{0,9})(\.[0-9]{1,3})?$'
			WHEN 'choices' THEN x.c IS NOT NULL
			WHEN 'date'    THEN x.dt IS NOT NULL
			END, false)
		ON CONFLICT (response_id, item_id) DO UPDATE SET
			dont_know = excluded.dont_know, declined = excluded.declined,
			value_int = excluded.value_int, value_text = excluded.value_text,
			value_choices = excluded.value_choices, value_date = excluded.value_date;
		GET DIAGNOSTICS n = ROW_COUNT;
		IF n <> jsonb_array_length(p_put) THEN
			RAISE EXCEPTION 'answer does not fit its item type' USING ERRCODE = 'UF400';
		END IF;
	END IF;
	IF jsonb_array_length(p_drop) > 0 THEN
		DELETE FROM answer a WHERE a.response_id = r.response_id
		  AND a.item_id IN (SELECT jsonb_array_elements_text(p_drop));
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
