-- SPDX-License-Identifier: ISC
-- The respondent-facing program's only doors into the data. uppfolj_collect
-- has no table privileges: it calls these SECURITY DEFINER functions, and each
-- touches only the caller's own session (found by the keyed hash of its
-- token) or the access code the caller presented, never another respondent's.
SET LOCAL ROLE uppfolj_owner;
SET LOCAL search_path = uppfolj;

-- A respondent's browser session on a tablet or desktop. Only a keyed hash of
-- the cookie's token is stored.
CREATE TABLE collect_session (
	token_hash     bytea PRIMARY KEY CHECK (length(token_hash) = 32),
	code_id        bigint NOT NULL REFERENCES access_code ON DELETE CASCADE,
	participant_id bigint NOT NULL REFERENCES participant ON DELETE CASCADE,
	wave_id        bigint NOT NULL REFERENCES wave,
	csrf           text NOT NULL CHECK (csrf ~ '^[0-9a-f]{64}$'),
	created_at     timestamptz NOT NULL DEFAULT now(),
	last_seen      timestamptz NOT NULL DEFAULT now(),
	expires_at     timestamptz NOT NULL
);
CREATE INDEX collect_session_code_idx ON collect_session (code_id);
CREATE INDEX collect_session_expires_idx ON collect_session (expires_at);

-- Failed code attempts per client address and per typed code, both as keyed
-- hashes (an address is personal data; a code is a secret).
CREATE TABLE collect_attempt (
	kind         text NOT NULL CHECK (kind IN ('addr', 'code')),
	key_hash     bytea NOT NULL CHECK (length(key_hash) = 32),
	window_start timestamptz NOT NULL DEFAULT now(),
	failures     integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
	PRIMARY KEY (kind, key_hash)
);

-- ---------------------------------------------------------------------------
-- Internal helpers (not granted to anyone). They run only inside the
-- SECURITY DEFINER functions below, which set search_path; without a SET of
-- their own they are cheap to call and SQL ones can be inlined.

-- Raise UF429 when either the address or the code has too many failures in
-- the current window.
CREATE FUNCTION collect_rate_check(p_addr_hash bytea, p_code_hash bytea,
	p_addr_max integer, p_code_max integer, p_window_minutes integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM uppfolj.collect_attempt a
		WHERE (a.kind, a.key_hash) IN (('addr', p_addr_hash), ('code', p_code_hash))
		  AND a.failures >= CASE a.kind WHEN 'addr' THEN p_addr_max ELSE p_code_max END
		  AND a.window_start > now() - make_interval(mins => p_window_minutes)) THEN
		RAISE EXCEPTION 'too many attempts' USING ERRCODE = 'UF429';
	END IF;
END
$$;

-- Count one failed attempt for the address and for the code.
CREATE FUNCTION collect_rate_fail(p_addr_hash bytea, p_code_hash bytea,
	p_window_minutes integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO uppfolj.collect_attempt AS a (kind, key_hash, window_start, failures)
	VALUES ('addr', p_addr_hash, now(), 1), ('code', p_code_hash, now(), 1)
	ON CONFLICT (kind, key_hash) DO UPDATE SET
		failures = CASE WHEN a.window_start > now() - make_interval(mins => p_window_minutes)
			THEN a.failures + 1 ELSE 1 END,
		window_start = CASE WHEN a.window_start > now() - make_interval(mins => p_window_minutes)
			THEN a.window_start ELSE now() END;
END
$$;

-- Whether a code row may be used now: not used, not expired, wave open.
-- Plain SQL without SET so that the planner inlines it into the caller.
CREATE FUNCTION collect_code_usable(p_code access_code)
RETURNS boolean LANGUAGE sql STABLE AS $$
	SELECT p_code.used_at IS NULL AND p_code.expires_at > now()
		AND EXISTS (SELECT 1 FROM uppfolj.wave w
			WHERE w.wave_id = p_code.wave_id AND w.closed_at IS NULL
			  AND current_date BETWEEN w.opens_on AND w.closes_on)
$$;

-- Replace every answer of response p_rid with p_answers, a JSON array of
-- {"i": item, "d": dont_know, "n": int, "t": text, "c": [codes], "dt": date}
-- (the C side validated them against the instrument; this re-checks that
-- each item belongs to the instrument version and each value has the shape
-- its item type needs). p_fresh: the response has no answers yet.
-- One statement stores them all: an answer that names no item of the
-- version or has the wrong shape is left out by the join, and the row count
-- then tells.
CREATE FUNCTION collect_put_answers(p_rid bigint, p_instrument text,
	p_version integer, p_answers jsonb, p_fresh boolean)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	n bigint;
BEGIN
	IF jsonb_typeof(p_answers) IS DISTINCT FROM 'array' THEN
		RAISE EXCEPTION 'answers must be an array' USING ERRCODE = 'UF400';
	END IF;
	IF NOT p_fresh THEN
		DELETE FROM uppfolj.answer WHERE response_id = p_rid;
	END IF;
	INSERT INTO uppfolj.answer (response_id, instrument_id, version, item_id,
		dont_know, value_int, value_text, value_choices, value_date)
	SELECT p_rid, p_instrument, p_version, x.i, coalesce(x.d, false),
		x.n, x.t, x.c, x.dt
	FROM jsonb_to_recordset(p_answers)
		AS x(i text, d boolean, n integer, t text, c text[], dt date)
	JOIN uppfolj.instrument_item ii ON ii.instrument_id = p_instrument
		AND ii.version = p_version AND ii.item_id = x.i
	WHERE coalesce(x.d, false) OR coalesce(
		CASE ii.item_type
		WHEN 'likert5' THEN x.n BETWEEN 1 AND 5
		WHEN 'integer' THEN x.n IS NOT NULL
		WHEN 'single'  THEN x.t IS NOT NULL
		WHEN 'text'    THEN x.t IS NOT NULL
		WHEN 'multi'   THEN x.c IS NOT NULL
		WHEN 'date'    THEN x.dt IS NOT NULL
		END, false);
	GET DIAGNOSTICS n = ROW_COUNT;
	IF n <> jsonb_array_length(p_answers) THEN
		RAISE EXCEPTION 'answer does not fit its item type' USING ERRCODE = 'UF400';
	END IF;
END
$$;

-- The caller's live session, or UF401.
CREATE FUNCTION collect_session_row(p_token_hash bytea)
RETURNS collect_session LANGUAGE plpgsql AS $$
DECLARE
	s uppfolj.collect_session;
BEGIN
	SELECT * INTO s FROM uppfolj.collect_session
	WHERE token_hash = p_token_hash AND expires_at > now();
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no session' USING ERRCODE = 'UF401';
	END IF;
	RETURN s;
END
$$;

-- Replace the answers of session s's draft response with p_answers and
-- return the response, locked. UF403 without consent (or without a
-- response for the session's instrument), UF409 after submission. The
-- draft save and the web submit share it, so both check alike.
CREATE FUNCTION collect_draft_put(s collect_session, p_answers jsonb)
RETURNS response LANGUAGE plpgsql AS $$
DECLARE
	r uppfolj.response;
BEGIN
	SELECT resp.* INTO r FROM uppfolj.response resp
	JOIN uppfolj.participant p ON p.participant_id = resp.participant_id
	JOIN uppfolj.wave_instrument wi ON wi.wave_id = resp.wave_id AND wi.grp = p.grp
		AND wi.instrument_id = resp.instrument_id
	WHERE resp.participant_id = s.participant_id AND resp.wave_id = s.wave_id
	FOR UPDATE OF resp;
	IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM uppfolj.consent c
		WHERE c.participant_id = s.participant_id AND c.wave_id = s.wave_id
		  AND c.decision = 'given') THEN
		RAISE EXCEPTION 'no consent' USING ERRCODE = 'UF403';
	END IF;
	IF r.status <> 'draft' THEN
		RAISE EXCEPTION 'already submitted' USING ERRCODE = 'UF409';
	END IF;
	PERFORM uppfolj.collect_put_answers(r.response_id, r.instrument_id, r.version, p_answers,
		false);
	RETURN r;
END
$$;

-- ---------------------------------------------------------------------------
-- What uppfolj_collect may call.

-- Log in with a code: rate limit, then either a new session (accepted) or
-- one more counted failure (not accepted; nothing raised so the count is
-- committed). A wrong, used or expired code all look the same to the caller.
CREATE FUNCTION collect_login(p_code_hash bytea, p_addr_hash bytea,
	p_token_hash bytea, p_csrf text, p_idle_minutes integer,
	p_addr_max integer, p_code_max integer, p_window_minutes integer)
RETURNS TABLE (accepted boolean, grp text, months integer, code_id bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	c access_code;
	g respondent_group;
	m integer;
BEGIN
	PERFORM collect_rate_check(p_addr_hash, p_code_hash, p_addr_max, p_code_max,
		p_window_minutes);
	SELECT * INTO c FROM access_code WHERE code_hash = p_code_hash FOR UPDATE;
	IF FOUND AND collect_code_usable(c) THEN
		SELECT p.grp, w.months INTO g, m
		FROM participant p, wave w, wave_instrument wi
		WHERE p.participant_id = c.participant_id AND w.wave_id = c.wave_id
		  AND wi.wave_id = w.wave_id AND wi.grp = p.grp;
	END IF;
	IF g IS NULL THEN
		PERFORM collect_rate_fail(p_addr_hash, p_code_hash, p_window_minutes);
		IF c.code_id IS NOT NULL THEN
			UPDATE access_code SET failed_attempts = failed_attempts + 1
			WHERE access_code.code_id = c.code_id;
		END IF;
		RETURN QUERY SELECT false, NULL::text, NULL::integer, NULL::bigint;
		RETURN;
	END IF;
	-- One live session per code; expired sessions of anyone go too.
	DELETE FROM collect_session x WHERE x.code_id = c.code_id OR x.expires_at <= now();
	INSERT INTO collect_session (token_hash, code_id, participant_id, wave_id,
		csrf, expires_at)
	VALUES (p_token_hash, c.code_id, c.participant_id, c.wave_id, p_csrf,
		now() + make_interval(mins => p_idle_minutes));
	RETURN QUERY SELECT true, g::text, m, c.code_id;
END
$$;

-- The caller's session with what the pages need: group, wave, instrument,
-- consent, response status and the draft answers (same JSON shape as
-- collect_put_answers takes), and for the program's session cache the code
-- and when the session expires (Unix seconds). Keeps the session alive
-- (writes at most every 30 seconds). UF401 when the session is gone or idle
-- too long.
CREATE FUNCTION collect_session_get(p_token_hash bytea, p_idle_minutes integer)
RETURNS TABLE (grp text, months integer, instrument_id text, version integer,
	consent text, status text, csrf text, answers jsonb, code_id bigint,
	expires_epoch bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
BEGIN
	s := collect_session_row(p_token_hash);
	IF s.last_seen < now() - interval '30 seconds' THEN
		UPDATE collect_session SET last_seen = now(),
			expires_at = now() + make_interval(mins => p_idle_minutes)
		WHERE token_hash = p_token_hash
		RETURNING expires_at INTO s.expires_at;
	END IF;
	RETURN QUERY
	SELECT p.grp::text, w.months::integer, wi.instrument_id, wi.version,
		(SELECT c.decision::text FROM consent c
		 WHERE c.participant_id = s.participant_id AND c.wave_id = s.wave_id),
		r.status::text, s.csrf,
		coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
				'i', a.item_id, 'd', CASE WHEN a.dont_know THEN true END,
				'n', a.value_int, 't', a.value_text, 'c', a.value_choices,
				'dt', a.value_date)))
			FROM answer a WHERE a.response_id = r.response_id), '[]'::jsonb),
		s.code_id, floor(extract(epoch FROM s.expires_at))::bigint
	FROM participant p
	JOIN wave w ON w.wave_id = s.wave_id
	JOIN wave_instrument wi ON wi.wave_id = w.wave_id AND wi.grp = p.grp
	LEFT JOIN response r ON r.participant_id = s.participant_id
		AND r.wave_id = s.wave_id AND r.instrument_id = wi.instrument_id
	WHERE p.participant_id = s.participant_id;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'session without instrument' USING ERRCODE = 'UF401';
	END IF;
END
$$;

-- End the caller's session (cancel, idle timeout). A draft stays.
CREATE FUNCTION collect_session_end(p_token_hash bytea)
RETURNS void LANGUAGE sql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
	DELETE FROM collect_session WHERE token_hash = p_token_hash;
$$;

-- Record the caller's consent decision for this wave. 'given' opens a draft
-- response; 'declined' stores only the decision, drops any draft and ends
-- the session. UF409 after submission.
CREATE FUNCTION collect_consent(p_token_hash bytea, p_decision text,
	p_info_version text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
	d consent_decision;
BEGIN
	s := collect_session_row(p_token_hash);
	IF p_decision NOT IN ('given', 'declined') THEN
		RAISE EXCEPTION 'decision must be given or declined' USING ERRCODE = 'UF400';
	END IF;
	d := p_decision::consent_decision;
	IF EXISTS (SELECT 1 FROM response r WHERE r.participant_id = s.participant_id
		AND r.wave_id = s.wave_id AND r.status = 'submitted') THEN
		RAISE EXCEPTION 'already submitted' USING ERRCODE = 'UF409';
	END IF;
	INSERT INTO consent AS c (participant_id, wave_id, info_version, decision)
	VALUES (s.participant_id, s.wave_id, p_info_version, d)
	ON CONFLICT (participant_id, wave_id) DO UPDATE
		SET decision = d, info_version = p_info_version, decided_at = now();
	IF d = 'given' THEN
		INSERT INTO response (submission_id, participant_id, wave_id,
			instrument_id, version)
		SELECT gen_random_uuid(), s.participant_id, s.wave_id,
			wi.instrument_id, wi.version
		FROM participant p
		JOIN wave_instrument wi ON wi.wave_id = s.wave_id AND wi.grp = p.grp
		WHERE p.participant_id = s.participant_id
		ON CONFLICT (participant_id, wave_id, instrument_id) DO NOTHING;
	ELSE
		DELETE FROM response r WHERE r.participant_id = s.participant_id
			AND r.wave_id = s.wave_id AND r.status = 'draft';
		DELETE FROM collect_session WHERE token_hash = p_token_hash;
	END IF;
END
$$;

-- Save the caller's draft: every answer so far (validated in C).
-- UF403 without consent, UF409 after submission.
CREATE FUNCTION collect_draft_save(p_token_hash bytea, p_answers jsonb)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
	r response;
BEGIN
	s := collect_session_row(p_token_hash);
	r := collect_draft_put(s, p_answers);
	UPDATE response SET updated_at = now() WHERE response_id = r.response_id;
	UPDATE collect_session SET last_seen = now(),
		expires_at = now() + (s.expires_at - s.last_seen)
	WHERE token_hash = p_token_hash;
END
$$;

-- Submit the caller's response with these (complete, validated) answers:
-- one transaction stores them, marks the code used and ends the session.
CREATE FUNCTION collect_submit_session(p_token_hash bytea, p_answers jsonb)
RETURNS TABLE (submission_id uuid, submitted_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	s collect_session;
	r response;
BEGIN
	s := collect_session_row(p_token_hash);
	-- Lock the code first: concurrent submits of one code queue here.
	PERFORM 1 FROM access_code WHERE code_id = s.code_id FOR UPDATE;
	r := collect_draft_put(s, p_answers);
	UPDATE response SET status = 'submitted', submitted_at = now(), updated_at = now()
	WHERE response_id = r.response_id;
	UPDATE access_code SET used_at = now() WHERE code_id = s.code_id;
	DELETE FROM collect_session WHERE code_id = s.code_id;
	RETURN QUERY SELECT r.submission_id, now();
END
$$;

-- Submit a whole response in one call with the access code (JSON API).
-- Idempotent on p_submission: the same id again returns the stored result
-- ('replay'). status 'bad_code' means the code was wrong, used or expired
-- (the failure is counted and committed, so nothing is raised). Raises UF429
-- (rate limited), UF409 (submission id of someone else, or the code is not
-- for this instrument/wave), UF403 (no consent given and none in the call).
-- code_id names the code whose web sessions this ended (for the program's
-- session cache). Few statements on purpose: this is the hot path.
CREATE FUNCTION collect_submit_code(p_code_hash bytea, p_addr_hash bytea,
	p_submission uuid, p_instrument text, p_version integer, p_months integer,
	p_consent boolean, p_info_version text, p_answers jsonb,
	p_addr_max integer, p_code_max integer, p_window_minutes integer)
RETURNS TABLE (status text, submitted_at timestamptz, code_id bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
DECLARE
	c record;
	prev record;
	rid bigint;
BEGIN
	PERFORM collect_rate_check(p_addr_hash, p_code_hash, p_addr_max, p_code_max,
		p_window_minutes);
	-- Lock the code first: concurrent retries of one submission queue here
	-- and the later ones see the earlier one's row (each statement below
	-- takes a new snapshot).
	SELECT ac.code_id, ac.participant_id, ac.wave_id,
		ac.used_at IS NULL AND ac.expires_at > now() AND w.closed_at IS NULL
			AND current_date BETWEEN w.opens_on AND w.closes_on AS usable,
		w.months, wi.instrument_id, wi.version
	INTO c
	FROM access_code ac
	JOIN participant p ON p.participant_id = ac.participant_id
	JOIN wave w ON w.wave_id = ac.wave_id
	LEFT JOIN wave_instrument wi ON wi.wave_id = ac.wave_id AND wi.grp = p.grp
	WHERE ac.code_hash = p_code_hash
	FOR UPDATE OF ac;
	IF NOT FOUND THEN
		PERFORM collect_rate_fail(p_addr_hash, p_code_hash, p_window_minutes);
		RETURN QUERY SELECT 'bad_code'::text, NULL::timestamptz, NULL::bigint;
		RETURN;
	END IF;
	-- The submission id's response, the consent and any draft, at once.
	SELECT r.participant_id, r.wave_id, r.status, r.submitted_at,
		(SELECT k.decision FROM consent k
		 WHERE k.participant_id = c.participant_id AND k.wave_id = c.wave_id) AS decision,
		(SELECT d.response_id FROM response d
		 WHERE d.participant_id = c.participant_id AND d.wave_id = c.wave_id
		   AND d.instrument_id = p_instrument) AS draft_id
	INTO prev
	FROM (SELECT 1) one
	LEFT JOIN response r ON r.submission_id = p_submission;
	IF prev.participant_id IS NOT NULL THEN
		IF prev.participant_id <> c.participant_id OR prev.wave_id <> c.wave_id THEN
			RAISE EXCEPTION 'submission id belongs to another response'
				USING ERRCODE = 'UF409';
		END IF;
		IF prev.status = 'submitted' THEN
			RETURN QUERY SELECT 'replay'::text, prev.submitted_at, c.code_id;
			RETURN;
		END IF;
	END IF;
	IF NOT c.usable THEN
		PERFORM collect_rate_fail(p_addr_hash, p_code_hash, p_window_minutes);
		UPDATE access_code SET failed_attempts = failed_attempts + 1
		WHERE access_code.code_id = c.code_id;
		RETURN QUERY SELECT 'bad_code'::text, NULL::timestamptz, NULL::bigint;
		RETURN;
	END IF;
	IF c.instrument_id IS DISTINCT FROM p_instrument
		OR c.version IS DISTINCT FROM p_version OR c.months IS DISTINCT FROM p_months THEN
		RAISE EXCEPTION 'code is for another instrument or wave' USING ERRCODE = 'UF409';
	END IF;
	IF prev.decision IS DISTINCT FROM 'given' THEN
		IF NOT p_consent THEN
			RAISE EXCEPTION 'consent required' USING ERRCODE = 'UF403';
		END IF;
		INSERT INTO consent AS k (participant_id, wave_id, info_version, decision)
		VALUES (c.participant_id, c.wave_id, p_info_version, 'given')
		ON CONFLICT (participant_id, wave_id) DO UPDATE
			SET decision = 'given', info_version = p_info_version, decided_at = now();
	END IF;
	IF prev.draft_id IS NOT NULL THEN
		-- A draft from the web pages becomes this submission.
		UPDATE response r SET submission_id = p_submission, status = 'submitted',
			submitted_at = now(), updated_at = now()
		WHERE r.response_id = prev.draft_id;
		rid := prev.draft_id;
	ELSE
		INSERT INTO response (submission_id, participant_id, wave_id,
			instrument_id, version, status, submitted_at)
		VALUES (p_submission, c.participant_id, c.wave_id, p_instrument,
			p_version, 'submitted', now())
		RETURNING response_id INTO rid;
	END IF;
	PERFORM collect_put_answers(rid, p_instrument, p_version, p_answers,
		prev.draft_id IS NULL);
	UPDATE access_code SET used_at = now() WHERE access_code.code_id = c.code_id;
	DELETE FROM collect_session s WHERE s.code_id = c.code_id;
	RETURN QUERY SELECT 'stored'::text, now(), c.code_id;
END
$$;

-- A stored instrument definition (public: it is the questionnaire itself).
-- p_version NULL means the newest. UF404 when there is none.
CREATE FUNCTION collect_instrument(p_id text, p_version integer)
RETURNS TABLE (version integer, definition text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = uppfolj, pg_temp AS $$
BEGIN
	RETURN QUERY SELECT i.version, i.definition::text FROM instrument i
	WHERE i.instrument_id = p_id AND (p_version IS NULL OR i.version = p_version)
	ORDER BY i.version DESC LIMIT 1;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'no such instrument' USING ERRCODE = 'UF404';
	END IF;
END
$$;

REVOKE ALL ON FUNCTION collect_rate_check(bytea, bytea, integer, integer, integer),
	collect_rate_fail(bytea, bytea, integer), collect_code_usable(access_code),
	collect_put_answers(bigint, text, integer, jsonb, boolean),
	collect_session_row(bytea), collect_draft_put(collect_session, jsonb)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
	collect_login(bytea, bytea, bytea, text, integer, integer, integer, integer),
	collect_session_get(bytea, integer),
	collect_session_end(bytea),
	collect_consent(bytea, text, text),
	collect_draft_save(bytea, jsonb),
	collect_submit_session(bytea, jsonb),
	collect_submit_code(bytea, bytea, uuid, text, integer, integer, boolean, text,
		jsonb, integer, integer, integer),
	collect_instrument(text, integer)
	TO uppfolj_collect;
-- The admin tools may clear rate-limit counters and end sessions.
GRANT SELECT, DELETE ON collect_session, collect_attempt TO uppfolj_admin;
